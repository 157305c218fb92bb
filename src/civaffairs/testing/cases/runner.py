"""Running cases: decide each with its calculator and compare with what it expects.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from typing import Any

from civaffairs.decisions import (
    Decision,
    Language,
    reason_codes,
)
from civaffairs.testing.cases.model import (
    CaseMismatchError,
    CaseResult,
    Mismatch,
    PolicyCase,
    amount_text,
)

__all__ = [
    "check_case",
    "run_case",
]


def _mismatches(case: PolicyCase, decision: Decision) -> list[Mismatch]:
    expected = case.expected
    found = []
    if case.calculator.programme is not None and decision.programme != case.calculator.programme:
        found.append(Mismatch("programme", case.calculator.programme, decision.programme))
    if decision.outcome is not expected.outcome:
        found.append(Mismatch("outcome", expected.outcome.value, decision.outcome.value))
    decided = decision.amount.total if decision.amount is not None else None
    if decided != expected.amount:
        shown = "(none)" if expected.amount is None else str(expected.amount)
        found.append(Mismatch("amount", shown, amount_text(decision)))
    if expected.period is not None:
        period = decision.amount.period if decision.amount is not None else None
        if period is not expected.period:
            found.append(
                Mismatch("period", expected.period.value, period.value if period else "(none)")
            )
    absent = [code for code in expected.codes if code not in decision.codes]
    if absent:
        catalogue = reason_codes()
        notes = [f"{c} (not a declared reason code)" if c not in catalogue else c for c in absent]
        found.append(Mismatch("codes", "includes " + ", ".join(notes), ", ".join(decision.codes)))
    if decision.missing != expected.missing:
        found.append(
            Mismatch(
                "missing",
                ", ".join(expected.missing) or "(none)",
                ", ".join(decision.missing) or "(none)",
            )
        )
    for key in ("payable_from", "payable_until"):
        wanted, got = getattr(expected, key), getattr(decision, key)
        if wanted is not None and got != wanted:
            shown = "(none)" if got is None else got.isoformat()
            found.append(Mismatch(key, wanted.isoformat(), shown))
    if expected.example_data is not None and decision.uses_example_data != expected.example_data:
        found.append(
            Mismatch(
                "example_data",
                str(expected.example_data).lower(),
                str(decision.uses_example_data).lower(),
            )
        )
    return found


def run_case(case: PolicyCase) -> CaseResult:
    """Decide a case with its calculator and compare the decision with what it expects.

    Errors the calculator raises (a parameter out of range, say) propagate.

    .. versionadded:: 0.1.0
    """
    options: dict[str, Any] = {}
    if case.jurisdiction is not None:
        options["jurisdiction"] = case.jurisdiction
    if case.book is not None:
        options["book"] = case.book
    decision = case.calculator.function(case.input, case.as_of, **options)
    if not isinstance(decision, Decision):
        raise TypeError(f"{case.programme} returned {type(decision).__name__}, expected a Decision")
    return CaseResult(case, decision, tuple(_mismatches(case, decision)))


def check_case(case: PolicyCase, *, lang: Language = "en") -> CaseResult:
    """Run a case; raise :class:`CaseMismatchError` (an ``AssertionError``) when it does not pass.

    .. versionadded:: 0.1.0
    """
    result = run_case(case)
    if not result.passed:
        raise CaseMismatchError(result, lang=lang)
    return result
