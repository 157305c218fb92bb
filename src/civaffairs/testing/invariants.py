"""Invariant checks to call from your own property tests.

Each check takes the values under test, returns ``None`` when the invariant
holds and raises :class:`AssertionError` with a readable message when it does
not (masked: no resident ID number or name appears in a message).  Arguments a
check cannot work with (a negative ``extra``, a decision of another programme)
raise :class:`ValueError` instead, so misuse is not mistaken for a broken
invariant.  Pair them with :mod:`civaffairs.testing.strategies`::

    from hypothesis import given
    from civaffairs.assistance import dibao
    from civaffairs.testing import invariants, strategies as cst

    @given(cst.households(jurisdiction="500000", allow_severe_conditions=False),
           cst.money(min_value=Decimal("0.01")))
    def test_more_income_never_pays_more(household, extra):
        invariants.check_monotone_in_income(dibao.assess, household, ON, extra)

The checks that take ``assess`` accept any callable ``assess(household, on)``
returning a :class:`~civaffairs.decisions.Decision` (wrap extra options with
:func:`functools.partial` or a lambda).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

import attrs

from civaffairs.assistance.dibao import PROGRAMME as DIBAO
from civaffairs.assistance.dibao import counted_members
from civaffairs.conversion import dumps, loads, structure, unstructure
from civaffairs.decisions import Decision, Outcome
from civaffairs.entities import Household, Income, IncomeType
from civaffairs.money import FEN, ZERO
from civaffairs.parameters import ParameterBook, Status

__all__ = [
    "Assess",
    "check_amount_within_bounds",
    "check_decision_cites",
    "check_json_round_trip",
    "check_member_order_irrelevant",
    "check_monotone_in_income",
]

#: A calculator: ``assess(household, on)`` returns a decision.
Assess = Callable[[Household, dt.date], Decision]


def _paid(decision: Decision) -> Decimal:
    """Return what a decision pays: its amount when eligible, else zero."""
    if decision.outcome is Outcome.ELIGIBLE and decision.amount is not None:
        return decision.amount.total
    return ZERO


def _describe(decision: Decision) -> str:
    amount = "no amount" if decision.amount is None else f"{decision.amount.total} yuan"
    return f"{decision.outcome.value}, {amount}, reasons {list(decision.codes)}"


def check_amount_within_bounds(
    decision: Decision, household: Household, book: ParameterBook
) -> None:
    """Check a dibao decision's amount: 0 ≤ amount ≤ standard × counted members.

    The standard is the one ``book`` gives for the applicant's registration
    kind in the decision's jurisdiction on its as-of date; the counted
    members are those of :func:`civaffairs.assistance.dibao.counted_members`.
    The difference payment (社会救助暂行办法 art. 12), a local floor (a share
    of the same total) and single-person inclusion (at most the standard per
    covered member) all stay within that bound.  Also checks that an eligible
    decision carries an amount, exact to the fen, and any other decision none.

    .. versionadded:: 0.1.0
    """
    if decision.programme != DIBAO.code:
        raise ValueError(
            f"check_amount_within_bounds is for {DIBAO.code} decisions, got {decision.programme}"
        )
    if decision.outcome is not Outcome.ELIGIBLE:
        if decision.amount is not None:
            raise AssertionError(
                f"a {decision.outcome.value} decision carries an amount: {_describe(decision)}"
            )
        return
    if decision.amount is None:
        raise AssertionError(f"an eligible decision has no amount: {_describe(decision)}")
    total = decision.amount.total
    kind = household.applicant.person.registration.kind
    standard, _ = book.money(
        f"assistance.dibao.standard.{kind.value}", decision.jurisdiction, decision.as_of
    )
    counted, _, _ = counted_members(household, decision.as_of)
    bound = standard * len(counted)
    if total < 0:
        raise AssertionError(f"negative amount {total} yuan: {_describe(decision)}")
    if total > bound:
        raise AssertionError(
            f"amount {total} yuan exceeds the standard {standard} yuan × {len(counted)} counted "
            f"member(s) = {bound} yuan: {_describe(decision)}"
        )
    if total != total.quantize(FEN):
        raise AssertionError(f"amount {total} yuan is not exact to the fen")


def check_monotone_in_income(
    assess: Assess,
    household: Household,
    on: dt.date,
    extra: Decimal,
    *,
    member: str | None = None,
    income_type: IncomeType = IncomeType.WAGES,
) -> None:
    """Check that adding ``extra`` yuan of monthly income never raises the amount paid.

    The income (``income_type``, wages by default) goes to ``member`` (a
    person id; the applicant by default).  An ineligible decision counts as
    paying nothing, so this also checks that more income never turns an
    ineligible household eligible.

    For dibao this holds only for households **without severely disabled or
    seriously ill members**: single-person inclusion (单人户, 民发〔2021〕57号
    art. 8) covers such a member alone when the household is just above the
    income test, which can pay more than the small difference paid just below
    it (the cliff the :mod:`civaffairs.assistance.dibao` docstring describes).
    Draw households with ``allow_severe_conditions=False`` for this check.

    .. versionadded:: 0.1.0
    """
    if extra < 0:
        raise ValueError(f"extra must not be negative, got {extra}")
    owner = member if member is not None else household.applicant.person.id
    household.member(owner)  # raises if the id is not a member
    richer = attrs.evolve(
        household, incomes=(*household.incomes, Income(income_type, extra, owner))
    )
    before, after = assess(household, on), assess(richer, on)
    paid_before, paid_after = _paid(before), _paid(after)
    if paid_after > paid_before:
        raise AssertionError(
            f"adding {extra} yuan of {income_type.value} to a member raised the amount from "
            f"{paid_before} to {paid_after} yuan on {on}:\n  before: {_describe(before)}\n"
            f"  after:  {_describe(after)}"
        )
    if before.outcome is Outcome.NOT_ELIGIBLE and after.outcome is Outcome.ELIGIBLE:
        raise AssertionError(
            f"adding {extra} yuan made an ineligible household eligible: {_describe(after)}"
        )


def check_member_order_irrelevant(
    assess: Assess,
    household: Household,
    on: dt.date,
    *,
    permutation: Sequence[int] | None = None,
) -> None:
    """Check that listing the members in another order does not change the decision.

    Compares the outcome, the amount, the set of reason codes and the number
    of missing facts (their paths name member positions, which move).  The
    orders tried are ``permutation`` (indexes into ``household.members``)
    when given, else the reversed order and a rotation by one.

    .. versionadded:: 0.1.0
    """
    members = household.members
    if permutation is not None:
        if sorted(permutation) != list(range(len(members))):
            raise ValueError(
                f"permutation {list(permutation)} is not a permutation of {len(members)} members"
            )
        orders = [tuple(permutation)]
    else:
        n = len(members)
        orders = [tuple(reversed(range(n))), tuple((i + 1) % n for i in range(n))]
    expected = assess(household, on)
    for order in orders:
        shuffled = attrs.evolve(household, members=tuple(members[i] for i in order))
        got = assess(shuffled, on)
        if got.outcome is not expected.outcome:
            raise AssertionError(
                f"member order {list(order)} changed the outcome: "
                f"{_describe(expected)} became {_describe(got)}"
            )
        if _total(got) != _total(expected):
            raise AssertionError(
                f"member order {list(order)} changed the amount: "
                f"{_describe(expected)} became {_describe(got)}"
            )
        if sorted(got.codes) != sorted(expected.codes):
            raise AssertionError(
                f"member order {list(order)} changed the reasons: "
                f"{_describe(expected)} became {_describe(got)}"
            )
        if len(got.missing) != len(expected.missing):
            raise AssertionError(
                f"member order {list(order)} changed the missing facts: "
                f"{list(expected.missing)} became {list(got.missing)}"
            )


def _total(decision: Decision) -> Decimal | None:
    return None if decision.amount is None else decision.amount.total


def check_json_round_trip(obj: Any) -> None:
    """Check that ``obj`` survives JSON exactly, personal data revealed.

    Unstructures with ``reveal_personal_data=True``, structures the result back
    into ``type(obj)`` and requires an equal object whose own JSON form is
    identical (so ``Decimal('770.10')`` does not come back as ``770.1``); then
    does the same through JSON text with :func:`~civaffairs.conversion.dumps`
    and :func:`~civaffairs.conversion.loads`.

    .. versionadded:: 0.1.0
    """
    kind = type(obj)
    data = unstructure(obj, reveal_personal_data=True)
    back = structure(data, kind)
    if back != obj:
        raise AssertionError(
            f"{kind.__name__} changed in a JSON round trip; differing fields: "
            f"{_differences(data, unstructure(back, reveal_personal_data=True))}\n"
            f"  before: {obj!r}\n  after:  {back!r}"
        )
    again = unstructure(back, reveal_personal_data=True)
    if again != data:
        raise AssertionError(
            f"{kind.__name__}'s JSON form changed in a round trip at {_differences(data, again)}"
        )
    from_text = loads(dumps(obj, reveal_personal_data=True), kind)
    if from_text != obj:
        raise AssertionError(
            f"{kind.__name__} changed in a round trip through JSON text:\n"
            f"  before: {obj!r}\n  after:  {from_text!r}"
        )


def _differences(left: object, right: object, path: str = "$") -> list[str]:
    """Return the paths where two JSON-like values differ (not the values: personal data)."""
    if isinstance(left, dict) and isinstance(right, dict):
        found: list[str] = []
        for key in sorted(set(left) | set(right), key=str):
            if key not in left or key not in right:
                found.append(f"{path}.{key}")
            else:
                found.extend(_differences(left[key], right[key], f"{path}.{key}"))
        return found
    if isinstance(left, list) and isinstance(right, list):
        if len(left) != len(right):
            return [f"{path} (length {len(left)} vs {len(right)})"]
        return [
            found
            for i, (a, b) in enumerate(zip(left, right, strict=True))
            for found in _differences(a, b, f"{path}[{i}]")
        ]
    return [] if left == right and type(left) is type(right) else [path]


def check_decision_cites(decision: Decision) -> None:
    """Check that a decision says where every step and figure comes from.

    Every reason cites an article of a titled document, and every parameter
    value it used has a source, or is marked example data with a note saying
    where it is from (a value marked sourced must have its source).

    .. versionadded:: 0.1.0
    """
    if not decision.reasons:
        raise AssertionError(f"the decision gives no reasons: {_describe(decision)}")
    for index, reason in enumerate(decision.reasons):
        where = f"reason {index} [{reason.code}]"
        citation = reason.citation
        if citation is None:
            raise AssertionError(f"{where} has no citation")
        if not citation.document.title.strip():
            raise AssertionError(f"{where} cites a document without a title")
        for used in reason.parameters:
            if used.source is None:
                label = f"{where}: parameter {used.name} @ {used.jurisdiction} ({used.period})"
                if used.status is not Status.EXAMPLE:
                    raise AssertionError(f"{label} is marked sourced but has no source")
                if not (used.note or "").strip():
                    raise AssertionError(
                        f"{label} is example data with neither a source nor a note"
                    )
