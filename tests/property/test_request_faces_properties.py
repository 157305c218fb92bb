"""The same decision from every face: Python, a JSON request and the CLI (issue #15).

For random households (:func:`civaffairs.testing.strategies.households`), the
entry point called from Python, the request format read from JSON
(:mod:`civaffairs.requests`) and ``civaffairs assess`` decide identically —
compared as the JSON each gives, to the fen and to the reason.  And any mutation
of a shipped example request is decided or refused with the documented error;
the CLI exits 0 or 2, never with a traceback.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from civaffairs import registry, requests
from civaffairs.cli import main
from civaffairs.conversion import unstructure
from civaffairs.entities import Household
from civaffairs.errors import CivaffairsError
from civaffairs.testing.strategies import households

ON = dt.date(2025, 8, 1)
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "requests"
HOUSEHOLD_PROGRAMMES = [e.code for e in registry.ENTRIES if e.facts_type() is Household] + [
    requests.DEFAULT_PROGRAMME
]


def _cli_answer(document: dict[str, Any]) -> Any:
    out, err = io.StringIO(), io.StringIO()
    status = main(
        ["assess", "-", "--format", "json"],
        stdin=io.StringIO(json.dumps(document, ensure_ascii=False)),
        stdout=out,
        stderr=err,
    )
    assert status == 0, err.getvalue()
    return json.loads(out.getvalue())


@settings(max_examples=25)
@given(
    household=households(on=ON, jurisdiction="500156", max_size=4),
    code=st.sampled_from(HOUSEHOLD_PROGRAMMES),
)
def test_python_json_and_cli_decide_alike(household: Household, code: str) -> None:
    entry = registry.entry(code)
    facts: object = household
    if code == requests.DEFAULT_PROGRAMME:
        from civaffairs.assistance.layers import LayeredRequest  # noqa: PLC0415

        facts = LayeredRequest(household)
    direct = entry.load()(facts, ON)
    shown = unstructure(household, reveal_personal_data=True)
    document = {
        "programme": code,
        "as_of": ON.isoformat(),
        "input": {"household": shown} if code == requests.DEFAULT_PROGRAMME else shown,
    }
    answer = requests.decide(requests.loads(json.dumps(document, ensure_ascii=False))[0])
    from_json = unstructure(answer)
    assert from_json["results"][0]["decision"] == unstructure(direct)
    assert from_json["uses_example_data"] == direct.uses_example_data
    assert _cli_answer(document) == json.loads(json.dumps(from_json, ensure_ascii=False))


_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.text(max_size=12),
    st.just("2025-02-30"),
    st.just("1.5"),
    st.just([]),
    st.just({}),
)


def _paths(value: object, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*path, index))
    return found


@settings(max_examples=60)
@given(
    name=st.sampled_from(sorted(p.stem for p in EXAMPLES.glob("*.json"))),
    data=st.data(),
)
def test_mutated_example_requests_are_decided_or_refused(name: str, data: st.DataObject) -> None:
    document = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    mutated = copy.deepcopy(document)
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(_paths(mutated)))
        if not path:
            continue
        parent = mutated
        for step in path[:-1]:
            parent = parent[step]
        if data.draw(st.booleans()) and isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent[path[-1]] = data.draw(_LEAVES)
    text = json.dumps(mutated, ensure_ascii=False)
    with contextlib.suppress(CivaffairsError):
        requests.decide_all(requests.loads(text))
    out, err = io.StringIO(), io.StringIO()
    status = main(["assess", "-"], stdin=io.StringIO(text), stdout=out, stderr=err)
    assert status in {0, 2, 3}, err.getvalue()  # 3: no parameter value for the place or date
    assert "Traceback" not in err.getvalue()
