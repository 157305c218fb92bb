"""JSON Schema for every request and decision (issue #15, item 3).

The shipped schemas equal what the model generates today; every example request,
every policy case's input and every answer validates against them (with the
``jsonschema`` package, draft 2020-12); documents drawn from them decode into a
request or a documented refusal, never a crash.
"""

from __future__ import annotations

import contextlib
import functools
import glob
import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civaffairs import registry, requests, schemas
from civaffairs.cli import main
from civaffairs.conversion import unstructure
from civaffairs.errors import CivaffairsError, InvalidInputError
from civaffairs.testing.cases.parser import load_cases
from civaffairs.testing.documents import from_schema

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples" / "requests").glob("*.json"))
CASE_FILES = sorted(
    glob.glob(str(ROOT / "tests" / "cases" / "**" / "*.cases.toml"), recursive=True)
)


@functools.cache
def _validator(name: str) -> jsonschema.protocols.Validator:
    document = schemas.schema(name)
    jsonschema.Draft202012Validator.check_schema(document)
    return jsonschema.Draft202012Validator(
        document, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def _valid(name: str, document: Any) -> None:
    errors = sorted(_validator(name).iter_errors(document), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message[:200]}" for e in errors[:5]]


@pytest.mark.parametrize("name", schemas.names())
def test_shipped_schema_is_what_the_model_generates(name: str) -> None:
    assert schemas.schema(name) == json.loads(schemas.text(schemas.generate(name))), (
        "regenerate with: python -m civaffairs.schemas"
    )
    assert schemas.schema(name)["$schema"] == schemas.DIALECT


def test_names_cover_every_programme_request_and_decision() -> None:
    codes = [e.code for e in registry.ENTRIES]
    assert set(schemas.names()) == {
        "request",
        "batch",
        "answer",
        *(f"request.{c}" for c in codes),
        *(f"decision.{c}" for c in codes),
    }


def test_unknown_name_suggests_the_closest() -> None:
    with pytest.raises(InvalidInputError, match=r"did you mean request\.assistance\.dibao"):
        schemas.schema("request.assistance.diabo")


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_and_its_answer_validate(path: Path) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    _valid("request", document)
    _valid(f"request.{document['programme']}", document)
    answer = unstructure(requests.decide(requests.parse(document)))
    _valid("answer", answer)
    _valid(f"decision.{document['programme']}", answer["results"][0]["decision"])


def test_a_batch_of_every_example_validates() -> None:
    batch = {"requests": [json.loads(p.read_text(encoding="utf-8")) for p in EXAMPLES]}
    _valid("batch", batch)


def test_a_household_without_a_programme_validates() -> None:
    household = json.loads((ROOT / "examples" / "households.json").read_text("utf-8"))
    _valid("request", {"as_of": "2025-08-01", "input": household["households"][0]})


def _case_requests() -> list[tuple[str, dict[str, Any]]]:
    found = []
    for file in CASE_FILES:
        for case in load_cases(file):
            if registry.find(case.programme) is None:
                continue  # a calculator of a test's own, not a registry programme
            document: dict[str, Any] = {
                "programme": case.programme,
                "as_of": case.as_of.isoformat(),
                "input": unstructure(case.input, reveal_personal_data=True),
            }
            if case.jurisdiction:
                document["jurisdiction"] = case.jurisdiction
            found.append((f"{Path(file).name}: {case.name}", document))
    return found


def test_every_policy_case_input_validates() -> None:
    documents = _case_requests()
    assert len(documents) >= 90
    for name, document in documents:
        try:
            _valid(f"request.{document['programme']}", document)
        except AssertionError as exc:  # pragma: no cover - names the case on failure
            raise AssertionError(f"{name}: {exc}") from None


def test_a_schema_refuses_what_the_decoder_refuses() -> None:
    document = json.loads(EXAMPLES[0].read_text(encoding="utf-8"))
    document["as_of"] = 20250801
    assert list(_validator("request").iter_errors(document))
    document = json.loads((ROOT / "examples" / "requests" / "assistance.dibao.json").read_text())
    document["input"]["incomes"][0]["monthly"] = 800.5  # money is never a float
    assert list(_validator("request.assistance.dibao").iter_errors(document))


def test_cli_prints_a_schema_and_lists_the_names() -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main(["schema", "request.eldercare.longevity"], stdout=out, stderr=err) == 0
    assert json.loads(out.getvalue()) == schemas.schema("request.eldercare.longevity")
    out = io.StringIO()
    assert main(["schema"], stdout=out, stderr=err) == 0
    assert out.getvalue().split() == list(schemas.names())
    err = io.StringIO()
    assert main(["schema", "answr"], stdout=io.StringIO(), stderr=err) == 2
    assert "did you mean answer" in err.getvalue()


@settings(max_examples=60)
@given(
    data=st.data(), name=st.sampled_from([n for n in schemas.names() if n.startswith("request.")])
)
def test_documents_drawn_from_a_schema_decode_without_crashing(
    data: st.DataObject, name: str
) -> None:
    document = data.draw(from_schema(schemas.schema(name)))
    _valid(name, document)  # the drawer draws only what the schema accepts
    with contextlib.suppress(CivaffairsError):  # a documented refusal, by path, is fine
        requests.decide(requests.parse(document))
