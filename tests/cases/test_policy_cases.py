"""Worked policy cases kept as data in tests/cases/**/*.toml, one test per case."""

from __future__ import annotations

import datetime as dt
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from civaffairs.assistance import dibao
from civaffairs.conversion import loads
from civaffairs.entities import Household

HERE = Path(__file__).parent
CASES = [
    pytest.param(case, id=f"{path.stem}: {case['name']}")
    for path in sorted(HERE.glob("*/*.toml"))
    for case in tomllib.loads(path.read_text(encoding="utf-8"))["case"]
]
ALLOWED = {"name", "as_of", "source", "expected", "input", "jurisdiction"}
EXPECTED = {"outcome", "amount", "codes", "missing", "example_data"}


@pytest.mark.parametrize("case", CASES)
def test_case(case: dict[str, Any]) -> None:
    assert set(case) <= ALLOWED, f"unknown keys {set(case) - ALLOWED}"
    assert set(case["expected"]) <= EXPECTED
    assert case["source"], "every case names the rule it exercises"
    on = case["as_of"]
    assert isinstance(on, dt.date)
    household = loads(case["input"], Household)
    decision = dibao.assess(household, on, jurisdiction=case.get("jurisdiction"))
    expected = case["expected"]
    shown = decision.render("en")
    assert decision.outcome.value == expected["outcome"], shown
    if "amount" in expected:
        assert decision.amount is not None, shown
        assert decision.amount.total == Decimal(expected["amount"]), shown
    else:
        assert decision.amount is None, shown
    for code in expected.get("codes", []):
        assert code in decision.codes, shown
    assert list(decision.missing) == expected.get("missing", []), shown
    assert decision.uses_example_data == expected.get("example_data", decision.uses_example_data)


def test_cases_were_collected() -> None:
    assert len(CASES) >= 7
