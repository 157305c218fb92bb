"""Invariants of 低保 after approval (民发〔2021〕57号 arts. 27, 33, 34).

Households are registered in Chongqing (500000), where the shipped data has a
standard and example top-up shares, on dates its standards cover.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from decimal import Decimal
from random import Random

import attrs
from hypothesis import given
from hypothesis import strategies as st

from civaffairs.assistance import dibao, dibao_adjustments
from civaffairs.assistance.dibao_adjustments import (
    DibaoRequest,
    PreviousDibao,
    WorkRefusal,
    phase_out_amount,
)
from civaffairs.conversion import structure, unstructure
from civaffairs.decisions import Decision
from civaffairs.entities import (
    Household,
    Income,
    IncomeType,
    Member,
    Person,
    Registration,
    RegistrationKind,
    Relationship,
    Sex,
    WorkCapacity,
)
from civaffairs.parameters import ParameterBook, default_book
from civaffairs.testing import invariants
from civaffairs.testing import strategies as cst

CHONGQING = "500000"
FIRST_DAY = dt.date(2023, 8, 22)
LAST_DAY = dt.date(2025, 12, 31)
BOOK = default_book()
SINCE = dt.date(2021, 7, 1)
NO_TOP_UPS = BOOK
for _category in ("elderly", "minor", "severe_disability", "serious_illness"):
    NO_TOP_UPS = NO_TOP_UPS.override(
        f"assistance.dibao.top_up.{_category}", CHONGQING, Decimal(0), SINCE
    )
DECLINING = BOOK.override("assistance.dibao.phase_out.declining", CHONGQING, True, SINCE)


def cases(*, severe: bool) -> st.SearchStrategy[tuple[dt.date, Household]]:
    """A date in the covered window and a Chongqing household near the standard."""
    return st.dates(min_value=FIRST_DAY, max_value=LAST_DAY).flatmap(
        lambda on: st.tuples(
            st.just(on),
            cst.households(
                on=on,
                jurisdiction=CHONGQING,
                near_standard=True,
                allow_severe_conditions=severe,
            ),
        )
    )


def _refusing(household: Household, refusals: int) -> DibaoRequest:
    """The applicant has labour capacity and refused ``refusals`` introduced jobs in a row."""
    applicant = household.applicant
    members = tuple(
        attrs.evolve(m, person=attrs.evolve(m.person, work_capacity=WorkCapacity.FULL))
        if m is applicant
        else m
        for m in household.members
    )
    return DibaoRequest(
        attrs.evolve(household, members=members),
        work_refusals=(WorkRefusal(applicant.person.id, refusals),),
    )


def _paid(decision: Decision) -> Decimal:
    return decision.amount.total if decision.eligible and decision.amount else Decimal(0)


@given(
    st.integers(min_value=0, max_value=10**8),
    st.integers(min_value=1, max_value=36),
    st.booleans(),
)
def test_phase_out_never_exceeds_the_previous_amount_and_never_rises(
    previous: int,
    months: int,
    declining: bool,
) -> None:
    """57号 第三十三条 "渐退期": a payment on the way out, never above what was paid before."""
    paid = [
        phase_out_amount(previous, k, months, declining=declining) for k in range(1, months + 1)
    ]
    assert paid[0] == previous
    assert all(amount <= previous for amount in paid)
    assert all(later <= earlier for earlier, later in itertools.pairwise(paid))


@given(
    cst.money(min_value=Decimal("0.01"), max_value=Decimal(3000)),
    st.integers(min_value=0, max_value=6),
    st.sampled_from([BOOK, DECLINING]),
)
def test_a_phase_out_decision_declines_month_by_month(
    previous: Decimal, start_offset: int, book: ParameterBook
) -> None:
    """57号 第三十三条: the 渐退 decisions of successive months never pay more than the last."""
    wulong = Registration("500156", RegistrationKind.RURAL)
    couple = Household(
        "H",
        [
            Member(
                Person("a", dt.date(1980, 1, 1), Sex.MALE, wulong), Relationship.APPLICANT, True
            ),
            Member(Person("b", dt.date(1981, 1, 1), Sex.FEMALE, wulong), Relationship.SPOUSE, True),
        ],
        incomes=[Income(IncomeType.WAGES, "2000", member="a")],  # above 630 × 2 (and × 1.5)
    )
    start = dt.date(2024, 1 + start_offset, 1)
    request = DibaoRequest(couple, previous=PreviousDibao(previous, start, after_employment=True))
    paid = [
        _paid(
            dibao_adjustments.assess(request, dt.date(2024 + (m // 12), m % 12 + 1, 15), book=book)
        )
        for m in range(start_offset, start_offset + 8)
    ]
    assert all(amount <= previous for amount in paid)
    assert all(later <= earlier for earlier, later in itertools.pairwise(paid))
    assert paid[0] == previous


@given(
    cases(severe=False),
    cst.money(min_value=Decimal("0.01"), max_value=Decimal(2000)),
    st.integers(min_value=0, max_value=5),
)
def test_more_income_never_pays_more_with_top_ups_and_refusals(
    case: tuple[dt.date, Household], extra: Decimal, refusals: int
) -> None:
    """More income never raises the amount after 分类施保 (art. 27) and 减发 (art. 34).

    Without severely disabled or seriously ill members: the single-person rule (57号 art. 8)
    makes a cliff just above the income test (see civaffairs.assistance.dibao).
    """
    on, household = case

    def assess(h: Household, day: dt.date) -> Decision:
        return dibao_adjustments.assess(_refusing(h, refusals), day)

    invariants.check_monotone_in_income(assess, household, on, extra)


@given(cases(severe=True), st.integers(min_value=0, max_value=5))
def test_top_ups_never_lower_an_amount(case: tuple[dt.date, Household], refusals: int) -> None:
    """57号 第二十七条 "给予生活保障": a top-up adds, with or without a refusing member."""
    on, household = case
    request = _refusing(household, refusals)
    with_tops = dibao_adjustments.assess(request, on)
    without = dibao_adjustments.assess(request, on, book=NO_TOP_UPS)
    assert with_tops.outcome is without.outcome
    assert _paid(with_tops) >= _paid(without)
    if with_tops.amount is not None:
        assert sum(line.amount for line in with_tops.amount.lines) == with_tops.amount.total
        assert with_tops.amount.total >= 0


@given(cases(severe=True))
def test_adjusted_decisions_round_trip_and_cite(case: tuple[dt.date, Household]) -> None:
    on, household = case
    decision = dibao_adjustments.assess(_refusing(household, 3), on)
    invariants.check_json_round_trip(decision)
    invariants.check_decision_cites(decision)


DEDUCTING = (
    BOOK.override(
        "assistance.dibao.income.deduct_illness_disability_costs",
        CHONGQING,
        True,
        SINCE,
    )
    .override(
        "assistance.dibao.income.employment_deduction_of_standard",
        CHONGQING,
        True,
        SINCE,
    )
    .override(
        "assistance.dibao.income.employment_deduction_share_of_standard",
        CHONGQING,
        Decimal("0.3"),
        SINCE,
    )
)


@given(
    cases(severe=False),
    cst.money(min_value=Decimal("0.01"), max_value=Decimal(2000)),
    st.sampled_from([IncomeType.WAGES, IncomeType.BUSINESS]),
)
def test_more_income_never_pays_more_with_the_art_13_deductions(
    case: tuple[dt.date, Household], extra: Decimal, income_type: IncomeType
) -> None:
    """57号 第十三条第三款: deducting costs lowers counted income, never the income test's order."""
    on, household = case

    def assess(h: Household, day: dt.date) -> Decision:
        return dibao.assess(h, day, book=DEDUCTING)

    invariants.check_monotone_in_income(assess, household, on, extra, income_type=income_type)


@given(cases(severe=True))
def test_deductions_never_lower_the_amount(case: tuple[dt.date, Household]) -> None:
    """57号 第十三条第三款 "适当扣减": a deduction can only help the household."""
    on, household = case
    with_deductions = dibao.assess(household, on, book=DEDUCTING)
    without = dibao.assess(household, on)
    if without.eligible:
        assert with_deductions.eligible
        assert _paid(with_deductions) >= _paid(without) or _single_only(without)


def _single_only(decision: Decision) -> bool:
    """Whether only members covered alone are paid (a deduction may then cover the household)."""
    lines = decision.amount.lines if decision.amount else ()
    return any(line.code == "single_person" for line in lines)


@given(cases(severe=True), st.integers(min_value=0, max_value=5), st.randoms())
def test_member_order_never_matters_after_adjustments(
    case: tuple[dt.date, Household], refusals: int, random: Random
) -> None:
    """Top-ups and refusals attach to persons, not to positions in the list."""
    on, household = case
    order = list(range(len(household.members)))
    random.shuffle(order)

    def assess(h: Household, day: dt.date) -> Decision:
        return dibao_adjustments.assess(_refusing(h, refusals), day)

    invariants.check_member_order_irrelevant(assess, household, on, permutation=order)


@given(cases(severe=True), st.integers(min_value=0, max_value=5))
def test_requests_round_trip_through_json(case: tuple[dt.date, Household], refusals: int) -> None:
    _on, household = case
    request = attrs.evolve(
        _refusing(household, refusals),
        previous=PreviousDibao(Decimal("321.09"), dt.date(2025, 6, 1), after_employment=None),
    )
    data = unstructure(request, reveal_personal_data=True)
    assert structure(json.loads(json.dumps(data)), DibaoRequest) == request
