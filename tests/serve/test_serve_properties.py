"""Properties of the HTTP service against a live server (issue #15 item 4).

- For random households (:func:`civaffairs.testing.strategies.households`), every
  household programme and the layered picture decide over HTTP exactly as from
  Python (:func:`civaffairs.requests.decide`), compared as JSON to the fen and reason.
- Driven by the service's own OpenAPI description (schemathesis, skipped only where it
  cannot be imported): whatever the
  description allows a caller to send, the server answers with a status and a body
  the description documents, and never with a server error.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from serving import Server, running

from civaffairs import registry, requests
from civaffairs.conversion import unstructure
from civaffairs.entities import Household
from civaffairs.serve import openapi
from civaffairs.testing.strategies import households

ON = dt.date(2025, 8, 1)
HOUSEHOLD_PROGRAMMES = [e.code for e in registry.ENTRIES if e.facts_type() is Household] + [
    requests.DEFAULT_PROGRAMME
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running(tmp_path_factory.mktemp("serve") / "server.log") as found:
        yield found


@pytest.fixture(scope="module")
def client(server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=120) as opened:
        yield opened


@settings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    household=households(on=ON, jurisdiction="500156", max_size=4),
    code=st.sampled_from(HOUSEHOLD_PROGRAMMES),
)
def test_http_decides_as_python(client: httpx.Client, household: Household, code: str) -> None:
    shown = unstructure(household, reveal_personal_data=True)
    document = {
        "programme": code,
        "as_of": ON.isoformat(),
        # the layered picture's facts are the household and its members' facts
        "input": {"household": shown} if code == requests.DEFAULT_PROGRAMME else shown,
    }
    expected = unstructure(requests.decide(requests.parse(document)))
    response = client.post("/v1/assess", json=document)
    assert response.status_code == 200, response.text
    assert response.json() == json.loads(json.dumps(expected, ensure_ascii=False))


#: Every operation of the description, as (path, method); read without a server.
OPERATIONS = [
    (path, method) for path, item in openapi.document()["paths"].items() for method in item
]
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "requests"


def _checks() -> list[Any]:
    """The checks of every call: no server error; status, media type and body as described."""
    from schemathesis.checks import not_a_server_error  # noqa: PLC0415
    from schemathesis.specs.openapi.checks import (  # noqa: PLC0415
        content_type_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    return [
        not_a_server_error,
        status_code_conformance,
        content_type_conformance,
        response_schema_conformance,
    ]


def test_example_answers_conform_to_the_description(server: Server) -> None:
    schemathesis = pytest.importorskip("schemathesis")
    described = schemathesis.openapi.from_url(f"{server.url}/openapi.json")
    assess = described["/v1/assess"]["POST"]
    for example in sorted(EXAMPLES.glob("*.json")):
        body = json.loads(example.read_text(encoding="utf-8"))
        case = assess.Case(body=body, media_type="application/json")
        assert case.call_and_validate(checks=_checks()).status_code == 200, example.name
    params = described["/v1/params/{jurisdiction}"]["GET"]
    case = params.Case(path_parameters={"jurisdiction": "500156"}, query={"on": "2025-08-01"})
    assert case.call_and_validate(checks=_checks()).status_code == 200


@pytest.mark.parametrize(("path", "method"), OPERATIONS)
def test_openapi_conformance(server: Server, path: str, method: str) -> None:
    schemathesis = pytest.importorskip("schemathesis")
    # schemathesis' own pytest plugin (from_fixture) needs a pytest attribute that pytest 9
    # no longer has, so the operation's case strategy is driven by hypothesis directly.
    described = schemathesis.openapi.from_url(f"{server.url}/openapi.json")
    operation = described[path][method.upper()]
    checks = _checks()

    @settings(max_examples=10, suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy())
    def conforms(case: Any) -> None:
        case.call_and_validate(checks=checks)

    conforms()
