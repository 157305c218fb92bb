"""Fuzzing the request decoder and the CLI: a decision or a clear refusal, nothing else.

Arbitrary JSON, mutated copies of ``examples/households.json`` (the mutations of
``tools/fuzz_campaign.py``, drawn by Hypothesis) and random bytes go through
:func:`civaffairs.conversion.parse_json` / :func:`~civaffairs.conversion.structure`
and through ``civaffairs assess`` in-process.  The invariants: the decoder returns a
request or raises a :class:`~civaffairs.errors.CivaffairsError`; the CLI exits 0, 2 or 3
(never a traceback, never an internal error); a mutation the rules must refuse is
refused; no name or resident ID number of the document is printed unmasked; no raw
terminal control character is printed.  Bounded so it runs in seconds under both
hypothesis profiles; ``tools/fuzz_campaign.py`` runs the larger campaign.
"""

from __future__ import annotations

import contextlib
import copy
import importlib.util
import io
import json
import random
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civaffairs import cli
from civaffairs.conversion import AssessmentRequest, parse_json, structure
from civaffairs.errors import CivaffairsError

ROOT = Path(__file__).resolve().parents[2]
DOCUMENT: dict[str, Any] = json.loads((ROOT / "examples" / "households.json").read_text("utf-8"))
PERSONAL = ("陈建国", "李秀英", "王淑芬", "王强", "500156197803120514", "500156198107050625")


def _campaign() -> ModuleType:
    """Load ``tools/fuzz_campaign.py`` (a script, not a package) for its mutations."""
    spec = importlib.util.spec_from_file_location(
        "fuzz_campaign", ROOT / "tools" / "fuzz_campaign.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("fuzz_campaign", module)
    spec.loader.exec_module(module)
    return module


CAMPAIGN = _campaign()

#: JSON values of every shape, including the awkward ones (big numbers, odd text).
JSON: st.SearchStrategy[Any] = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**60), max_value=10**60)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
    | st.sampled_from(["2025-08-01", "1849-12-31", "9999-12-31", "500000", "1e999999999", "NaN"]),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


def assess(data: bytes, *argv: str) -> tuple[int, str]:
    """Run ``civaffairs assess -`` on ``data``; check no traceback and no personal data."""
    stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(["assess", "-", *argv], stdin=stdin, stdout=out, stderr=err)
    text = out.getvalue() + err.getvalue()
    assert code in {0, 2, 3}, err.getvalue()  # 3: no parameter value for that place or date
    assert "Traceback" not in text
    assert not any(value in text for value in PERSONAL)
    assert "\x1b" not in text
    if code in {2, 3}:
        assert err.getvalue().startswith("civaffairs: error:")
    return code, text


def leaves(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside ``node`` (containers included, the root excluded)."""
    found = [path] if path else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += leaves(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += leaves(value, (*path, index))
    return found


PATHS = leaves(DOCUMENT)


@given(JSON)
def test_the_decoder_returns_a_request_or_a_civaffairs_error(value: Any) -> None:
    text = json.dumps(value)
    try:
        request = structure(parse_json(text), AssessmentRequest)
    except CivaffairsError:
        return
    assert request.households


@given(st.binary(max_size=300))
def test_random_bytes_are_decided_or_refused(data: bytes) -> None:
    with contextlib.suppress(CivaffairsError):  # any other exception fails the test
        parse_json(data)
    assess(data)


@given(st.sampled_from(PATHS), JSON, st.sampled_from(["text", "json"]))
def test_any_value_anywhere_in_a_valid_document_is_decided_or_refused(
    path: tuple[Any, ...], value: Any, fmt: str
) -> None:
    doc = copy.deepcopy(DOCUMENT)
    node: Any = doc
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    assess(json.dumps(doc, ensure_ascii=False).encode("utf-8"), "--format", fmt)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False))
def test_campaign_mutations_never_crash_leak_or_pass_silently(rng: random.Random) -> None:
    mutant = CAMPAIGN.mutate(DOCUMENT, rng)
    outcome = CAMPAIGN.run(mutant, fmt=rng.choice(["text", "json"]), lang=rng.choice(["zh", "en"]))
    assert not outcome.crashed, (mutant.kind, outcome.status, outcome.detail)
    assert not outcome.silently_accepted, mutant.kind
    assert not outcome.leaked, mutant.kind
    assert not outcome.unescaped, mutant.kind
