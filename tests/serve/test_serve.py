"""The HTTP service as a caller meets it: a real server, a real HTTP client (issue #15 item 4).

Every example request is decided over HTTP exactly as :func:`civaffairs.requests.decide`
decides it from Python (and so as ``civaffairs assess --format json`` prints it);
errors are JSON naming the same field paths as the command line; the body and the
batch are bounded; the access log holds no personal data.
"""

from __future__ import annotations

import asyncio
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from serving import Server, running, start, stop

from civaffairs import listing, registry, requests
from civaffairs.cli import main
from civaffairs.conversion import unstructure
from civaffairs.errors import InvalidDocumentError
from civaffairs.serve import openapi

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "requests"
#: A resident ID and a name (of the applicant of the 低保 example: born 1978-03-12, male).
FULL_ID = "500156197803120514"
NAME = "陈建国"
MATCH = "dibao.standard"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running(tmp_path_factory.mktemp("serve") / "server.log") as found:
        yield found


@pytest.fixture(scope="module")
def client(server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=120) as opened:
        yield opened


def _example(code: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / f"{code}.json").read_text(encoding="utf-8"))
    return data


def _json(value: object) -> Any:
    """The value as it comes back from JSON text (what an HTTP client sees)."""
    return json.loads(json.dumps(value, ensure_ascii=False))


def _cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdin=io.StringIO(""), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def _paths(response: httpx.Response) -> list[str]:
    assert response.headers["content-type"].startswith("application/json")
    return [e["path"] for e in response.json()["errors"]]


def _python_paths(data: object) -> list[str]:
    """The paths civaffairs.requests (and so the CLI) names for a bad document."""
    text = json.dumps(data, ensure_ascii=False)
    with pytest.raises(InvalidDocumentError) as caught:
        requests.decide_all(requests.loads(text))
    return [e.path for e in caught.value.errors]


@pytest.mark.parametrize("entry", registry.ENTRIES, ids=lambda e: e.code)
def test_every_example_decides_over_http_as_from_python(
    client: httpx.Client, entry: registry.Entry
) -> None:
    data = _example(entry.code)
    response = client.post("/v1/assess", json=data)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    expected = unstructure(requests.decide(requests.parse(data)))
    assert response.json() == _json(expected)
    assert next(iter(response.json())) == "uses_example_data"


def test_example_answer_equals_what_the_cli_prints(client: httpx.Client) -> None:
    path = EXAMPLES / "assistance.dibao.json"
    code, out, err = _cli("assess", str(path), "--format", "json")
    assert (code, err) == (0, "")
    response = client.post("/v1/assess", content=path.read_bytes())
    assert response.json() == json.loads(out)


def test_a_batch_of_every_example_answers_each_in_order(client: httpx.Client) -> None:
    batch = {"requests": [_example(e.code) for e in registry.ENTRIES]}
    response = client.post("/v1/assess", json=batch)
    assert response.status_code == 200, response.text
    answers = requests.decide_all(requests.parse_batch(batch))
    assert response.json() == _json(
        {
            "uses_example_data": any(a.uses_example_data for a in answers),
            "answers": unstructure(answers),
        }
    )


def test_programmes_and_params_are_what_the_cli_prints(client: httpx.Client) -> None:
    _, out, _ = _cli("programmes", "--format", "json")
    assert client.get("/v1/programmes").json() == json.loads(out)
    for query, argv in [
        (
            "?on=2025-08-01&match=dibao.standard",
            ["--on", "2025-08-01", "--match", "dibao.standard"],
        ),
        ("?match=*.standard.urban", ["--match", "*.standard.urban"]),
        ("", []),
    ]:
        _, out, _ = _cli("params", "500156", "--format", "json", *argv)
        response = client.get(f"/v1/params/500156{query}")
        assert response.status_code == 200
        assert response.json() == json.loads(out), query
    # A Chinese name works as on the command line.
    named = client.get("/v1/params/武隆区", params={"on": "2025-08-01"})
    assert named.json() == client.get("/v1/params/500156?on=2025-08-01").json()


def test_healthz(client: httpx.Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "version": civaffairs_version()}


def civaffairs_version() -> str:
    from civaffairs import __version__  # noqa: PLC0415

    return __version__


def test_schemas_are_served_as_shipped(client: httpx.Client) -> None:
    names = client.get("/v1/schema").json()["names"]
    assert names == list(openapi.schema_names())
    for name in names:
        assert client.get(f"/v1/schema/{name}").json() == openapi.schema(name)
    missing = client.get("/v1/schema/no-such-schema")
    assert missing.status_code == 404
    assert _paths(missing) == ["type"]


def test_openapi_embeds_the_schemas_and_every_reference_resolves(client: httpx.Client) -> None:
    described = client.get("/openapi.json").json()
    assert described["openapi"] == "3.1.0"
    assert set(described["paths"]) == {
        "/v1/assess",
        "/v1/params/{jurisdiction}",
        "/v1/programmes",
        "/v1/schema",
        "/v1/schema/{type}",
        "/openapi.json",
        "/healthz",
    }
    components = described["components"]["schemas"]
    assert set(openapi.schema_names()) <= set(components)
    text = json.dumps(described)
    for ref in re.findall(r'"\$ref": "([^"]+)"', text):
        assert ref.startswith("#/components/schemas/"), ref
        assert ref.removeprefix("#/components/schemas/") in components, ref
    assert "$defs" not in text


def test_bad_json_is_400_at_the_root(client: httpx.Client) -> None:
    response = client.post("/v1/assess", content=b'{"as_of": ')
    assert response.status_code == 400
    assert _paths(response) == ["$"]
    twice = client.post("/v1/assess", content=b'{"as_of": "2025-08-01", "as_of": "2025-08-02"}')
    assert (twice.status_code, _paths(twice)) == (400, ["$.as_of"])


def test_bad_fields_are_named_by_the_same_paths_as_the_cli(client: httpx.Client) -> None:
    bad = _example("assistance.dibao")
    bad["input"]["members"][1]["person"]["birth_date"] = "1981-02-30"
    bad["input"]["incomes"][0]["monthly"] = 850.5
    response = client.post("/v1/assess", json=bad)
    assert response.status_code == 400
    assert sorted(_paths(response)) == sorted(_python_paths(bad))
    assert "$.input.members[1].person.birth_date" in _paths(response)
    assert "$.input.incomes[0].monthly" in _paths(response)
    undated = {k: v for k, v in bad.items() if k != "as_of"}
    assert _paths(client.post("/v1/assess", json=undated)) == ["$.as_of"]
    # In a batch: every bad field of every request, under $.requests[i].
    good = _example("eldercare.longevity")
    batch = {"requests": [good, bad, {**good, "programme": "eldercare.longevty"}]}
    response = client.post("/v1/assess", json=batch)
    assert response.status_code == 400
    paths = _paths(response)
    assert sorted(paths) == sorted(_python_paths(batch))
    assert "$.requests[1].input.members[1].person.birth_date" in paths
    assert "$.requests[2].programme" in paths
    suggested = response.json()["errors"][paths.index("$.requests[2].programme")]["expected"]
    assert "eldercare.longevity" in suggested


def test_a_fact_the_entry_point_refuses_is_named_in_the_request(client: httpx.Client) -> None:
    late = _example("assistance.dibao")
    late["as_of"] = "1990-01-01"  # before the child's birth
    response = client.post("/v1/assess", json=late)
    assert response.status_code == 400
    assert _paths(response) == ["$.input.members[2].person.birth_date"]


def test_a_request_the_data_cannot_decide_is_422_naming_the_date(client: httpx.Client) -> None:
    # Shenzhen's longevity subsidy bands start on 2019-10-01: there is no value for 2009.
    early = {**_example("eldercare.longevity"), "as_of": "2009-06-01"}
    early["input"] = {**early["input"], "birth_date": "1920-05-15"}
    response = client.post("/v1/assess", json=early)
    assert response.status_code == 422, response.text
    (error,) = response.json()["errors"]
    assert (error["path"], error["value"]) == ("$.as_of", "2009-06-01")
    assert "covered" in error["expected"]
    batch = client.post("/v1/assess", json={"requests": [_example("eldercare.longevity"), early]})
    assert (batch.status_code, _paths(batch)) == (422, ["$.requests[1].as_of"])


def test_input_that_crashed_or_hung_a_rule_is_400_by_path(client: httpx.Client) -> None:
    """Found by fuzzing this route: each was a 500 (or minutes of CPU), now bad input by path."""
    funeral = _example("funeral.waiver")
    funeral["input"]["services"][1]["quantity"] = "1e900000"  # was a 900,000-digit charge
    late = {**_example("assistance.extreme_poverty"), "as_of": "9999-12-31"}
    adoption = _example("family.adoption")
    adoption["input"]["children"][0]["announced_on"] = "9999-12-31"
    for document, path in [
        (funeral, "$.input.services[1].quantity"),
        (late, "$.as_of"),
        (adoption, "$.input.children[0].announced_on"),
    ]:
        response = client.post("/v1/assess", json=document, timeout=30)
        assert (response.status_code, _paths(response)) == (400, [path]), response.text


def test_params_errors(client: httpx.Client) -> None:
    bad_date = client.get("/v1/params/500156?on=2025-02-30")
    assert (bad_date.status_code, _paths(bad_date)) == (400, ["on"])
    no_match = client.get("/v1/params/500156?match=dibo")
    assert (no_match.status_code, _paths(no_match)) == (400, ["match"])
    assert "assistance.dibao" in no_match.json()["errors"][0]["expected"]
    unknown = client.get("/v1/params/武隆")
    assert (unknown.status_code, _paths(unknown)) == (404, ["jurisdiction"])
    assert "500156" in unknown.json()["errors"][0]["expected"]  # did you mean 武隆区 500156
    extra = client.get("/v1/params/500156?on=2025-08-01&on=2025-09-01&at=1")
    assert (extra.status_code, sorted(_paths(extra))) == (400, ["at", "on"])


def test_unknown_routes_and_methods_are_json(client: httpx.Client) -> None:
    missing = client.get("/v1/asses")
    assert (missing.status_code, _paths(missing)) == (404, ["url"])
    wrong = client.get("/v1/assess")
    assert (wrong.status_code, _paths(wrong)) == (405, ["method"])


def test_a_body_over_1_mib_is_413(client: httpx.Client) -> None:
    padding = " " * (1 << 20)
    response = client.post("/v1/assess", content=b"{}" + padding.encode())
    assert (response.status_code, _paths(response)) == (413, ["$"])

    def chunks() -> Any:  # no Content-Length: the server counts as it reads
        for _ in range(20):
            yield b" " * 65536

    streamed = client.post("/v1/assess", content=chunks())
    assert (streamed.status_code, _paths(streamed)) == (413, ["$"])


def test_a_batch_over_the_limit_is_413(client: httpx.Client) -> None:
    small = _example("eldercare.longevity")
    batch = {"requests": [small] * (requests.BATCH_LIMIT + 1)}
    assert len(json.dumps(batch, ensure_ascii=False).encode()) < 1 << 20
    response = client.post("/v1/assess", json=batch)
    assert (response.status_code, _paths(response)) == (413, ["$.requests"])
    at_limit = client.post("/v1/assess", json={"requests": [small] * requests.BATCH_LIMIT})
    assert at_limit.status_code == 200
    assert len(at_limit.json()["answers"]) == requests.BATCH_LIMIT


def test_logs_and_error_answers_hold_no_personal_data(tmp_path: Path) -> None:
    process, url = start(tmp_path / "server.log")
    try:
        with httpx.Client(base_url=url, timeout=60) as client:
            data = _example("assistance.dibao")
            data["input"]["members"][0]["person"].update({"resident_id": FULL_ID, "name": NAME})
            decided = client.post("/v1/assess", json=data)
            assert decided.status_code == 200
            bad = json.loads(json.dumps(data, ensure_ascii=False))
            bad["input"]["members"][0]["person"]["birth_date"] = "1978-03-13"  # disagrees with ID
            bad["input"]["members"][0]["person"]["id"] = NAME
            refused = client.post("/v1/assess", json=bad)
            assert refused.status_code == 400
            # Query strings and paths with a name in them never reach the log.
            client.get("/v1/params/500156", params={"match": NAME})
            client.get(f"/v1/params/{NAME}")
            client.get(f"/v1/{NAME}/{FULL_ID}")
    finally:
        stop(process)
    logged = (tmp_path / "server.log").read_text(encoding="utf-8")
    for answer in (decided.text, refused.text):
        assert FULL_ID not in answer
        assert NAME not in answer
    assert FULL_ID not in logged
    assert NAME not in logged
    assert "match=" not in logged
    assert "members" not in logged
    # One access line per request, by route template.
    lines = [line for line in logged.splitlines() if "civaffairs.serve.access" in line]
    assert len(lines) == 5
    assert lines[0].endswith("B")
    assert "POST /v1/assess 200" in lines[0]
    assert "POST /v1/assess 400" in lines[1]
    assert "GET /v1/params/{jurisdiction} 400" in lines[2]
    assert "GET /v1/params/{jurisdiction} 404" in lines[3]
    assert "GET (no route) 404" in lines[4]


def test_a_proxy_in_the_environment_is_not_used_for_the_loopback_server(
    server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A CI machine may reach PyPI through HTTP_PROXY; the tests and the wheel check still call
    the server on 127.0.0.1 directly (tests/conftest.py; check_wheel's opener has no proxy)."""
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")  # the discard port: nothing there
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:9")
    with httpx.Client(base_url=server.url, timeout=30) as client:  # reads the environment
        assert client.get("/healthz").status_code == 200
    tools = str(ROOT / "tools")
    monkeypatch.syspath_prepend(tools)
    monkeypatch.delenv("NO_PROXY")
    monkeypatch.delenv("no_proxy")
    import check_wheel  # noqa: PLC0415 - a tool of the repository, on the path just now

    assert check_wheel._get(f"{server.url}/healthz")[0] == 200


def test_server_log_names_its_address(server: Server) -> None:
    assert server.url in server.logs()
    assert "Traceback" not in server.logs()


def test_an_internal_error_is_500_naming_type_and_place_only(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from civaffairs.serve import app as served  # noqa: PLC0415

    def broken() -> list[dict[str, Any]]:
        raise RuntimeError(f"{NAME} {FULL_ID}")

    monkeypatch.setattr(listing, "programmes", broken)

    async def call() -> httpx.Response:
        transport = httpx.ASGITransport(app=served.create_app())
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await client.get("/v1/programmes")

    response = asyncio.run(call())
    assert response.status_code == 500
    (error,) = response.json()["errors"]
    assert "RuntimeError at app.py" in error["expected"]
    for shown in (response.text, caplog.text):
        assert NAME not in shown
        assert FULL_ID not in shown
        assert "Traceback" not in shown
    assert caplog.text.count("internal error: RuntimeError at app.py") == 1


def test_serve_is_a_sub_command_with_checked_options(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["serve", "--help"])
    assert exited.value.code == 0
    shown = capsys.readouterr().out
    assert "--host" in shown
    assert "--port" in shown
    with pytest.raises(SystemExit) as exited:
        main(["serve", "--port", "70000"])
    assert exited.value.code == 2
    assert "a TCP port 0-65535" in capsys.readouterr().err
