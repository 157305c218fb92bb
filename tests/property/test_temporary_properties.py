"""Invariants of temporary assistance (临时救助): the cap holds, the amount is the clamped cost.

Chongqing (500000) households with drawn events, decided with the national example
figures, or with a drawn set of local figures (floor, cap, per person, small amount).
An expenditure-type (支出型) case also passes the income and property conditions of
民发〔2018〕23号 二(一), so more income or more property never pays more.  Dates end with
the last shipped disposable-income figure (2026-12-31).
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import attrs
from hypothesis import given
from hypothesis import strategies as st

from civaffairs.assistance import temporary
from civaffairs.assistance.temporary import (
    HardshipEvent,
    TemporaryAssistanceApplication,
    TemporaryAssistanceType,
)
from civaffairs.decisions import Outcome, Period
from civaffairs.entities import Asset, AssetType, Household, Income, IncomeType
from civaffairs.money import FEN
from civaffairs.parameters import ParameterBook, default_book
from civaffairs.testing import invariants
from civaffairs.testing import strategies as cst

CHONGQING = "500000"
FIRST_DAY = dt.date(2023, 8, 22)
LAST_DAY = dt.date(2026, 12, 31)  # the last shipped assistance.means.disposable_income
BOOK = default_book()
MONTHS = st.decimals(min_value=0, max_value=24, places=2)
MEANS_CODES = frozenset(
    {
        "assistance.temporary.family_unknown",
        "assistance.temporary.no_family_member",
        "assistance.temporary.income_below_disposable",
        "assistance.temporary.income_not_below_disposable",
        "assistance.temporary.financial_assets",
        "assistance.temporary.asset_disqualifies",
        "assistance.temporary.business_entities",
    }
)


@st.composite
def applications(draw: st.DrawFn) -> tuple[dt.date, TemporaryAssistanceApplication]:
    on = draw(st.dates(min_value=FIRST_DAY, max_value=LAST_DAY))
    household = draw(cst.households(on=on, jurisdiction=CHONGQING, max_size=5))
    event = HardshipEvent(
        draw(st.sampled_from(TemporaryAssistanceType)),
        draw(st.dates(min_value=on - dt.timedelta(days=400), max_value=on)),
        draw(cst.money(max_value=Decimal(40000))),
        draw(st.integers(1, len(household.members))),
        draw(st.sampled_from([True, True, True, False, None])),
    )
    return on, TemporaryAssistanceApplication(household, event)


@st.composite
def books(draw: st.DrawFn) -> ParameterBook:
    """The shipped book, or one with drawn local figures for Chongqing from 2023."""
    book = BOOK
    if draw(st.booleans()):
        return book
    start = dt.date(2023, 1, 1)
    for name in (
        "assistance.temporary.cap_months",
        "assistance.temporary.urgent.floor_months",
        "assistance.temporary.expenditure.floor_months",
        "assistance.temporary.small_amount_months",
    ):
        book = book.override(name, CHONGQING, draw(MONTHS), start)
    return book.override("assistance.temporary.per_person", CHONGQING, draw(st.booleans()), start)


def limits(
    household: Household, event: HardshipEvent, on: dt.date, book: ParameterBook
) -> tuple[Decimal, Decimal]:
    """The floor and the cap, from the rule's text: months × standard (× persons)."""
    registration = household.applicant.person.registration
    where = registration.jurisdiction
    standard, _ = book.money(f"assistance.dibao.standard.{registration.kind.value}", where, on)
    per_person, _ = book.flag("assistance.temporary.per_person", where, on)
    basis = event.persons_affected if per_person else 1
    kind = event.kind.value
    floor_months, _ = book.rate(f"assistance.temporary.{kind}.floor_months", where, on)
    cap_months, _ = book.rate("assistance.temporary.cap_months", where, on)
    return (
        (standard * floor_months * basis).quantize(FEN, ROUND_HALF_UP),
        (standard * cap_months * basis).quantize(FEN, ROUND_HALF_UP),
    )


@given(applications(), books())
def test_the_amount_never_exceeds_the_cap(
    case: tuple[dt.date, TemporaryAssistanceApplication], book: ParameterBook
) -> None:
    on, application = case
    decision = temporary.assess_application(application, on, book=book)
    if decision.amount is None:
        assert not decision.eligible
        return
    _, cap = limits(application.household, application.event, on, book)
    assert decision.amount.total <= cap
    assert decision.amount.period is Period.ONE_OFF


@given(applications(), books())
def test_the_amount_is_the_cost_within_the_floor_and_the_cap(
    case: tuple[dt.date, TemporaryAssistanceApplication], book: ParameterBook
) -> None:
    on, application = case
    event = application.event
    decision = temporary.assess_application(application, on, book=book)
    if event.serious_hardship is None:
        assert decision.outcome is Outcome.CANNOT_DECIDE
        return
    floor, cap = limits(application.household, event, on, book)
    expected = min(max(event.out_of_pocket, floor), cap)
    no_cost = event.kind is TemporaryAssistanceType.EXPENDITURE and event.out_of_pocket == 0
    means_failed = any(
        reason.met is not True for reason in decision.reasons if reason.code in MEANS_CODES
    )
    if means_failed:  # 支出型 only: each condition names its own result
        assert event.kind is TemporaryAssistanceType.EXPENDITURE
        assert decision.outcome is not Outcome.ELIGIBLE
        return
    if not event.serious_hardship or no_cost or expected == 0:
        assert decision.outcome is Outcome.NOT_ELIGIBLE
        assert decision.amount is None
        return
    assert decision.eligible
    assert decision.amount is not None
    assert decision.amount.total == expected
    assert decision.amount.total == decision.amount.total.quantize(FEN)
    assert sum(line.amount for line in decision.amount.lines) == decision.amount.total


@given(applications(), books(), cst.money(min_value=Decimal("0.01"), max_value=Decimal(20000)))
def test_a_higher_cost_never_pays_less(
    case: tuple[dt.date, TemporaryAssistanceApplication], book: ParameterBook, extra: Decimal
) -> None:
    on, application = case
    event = application.event
    dearer = attrs.evolve(event, out_of_pocket=event.out_of_pocket + extra)
    before = temporary.assess(application.household, event, on, book=book)
    after = temporary.assess(application.household, dearer, on, book=book)
    paid_before = before.amount.total if before.amount else Decimal(0)
    paid_after = after.amount.total if after.amount else Decimal(0)
    assert paid_after >= paid_before


@given(
    applications(),
    books(),
    cst.money(min_value=Decimal("0.01"), max_value=Decimal(50000)),
    st.sampled_from([IncomeType.WAGES, IncomeType.BUSINESS, IncomeType.TRANSFER]),
)
def test_more_income_never_pays_more(
    case: tuple[dt.date, TemporaryAssistanceApplication],
    book: ParameterBook,
    extra: Decimal,
    income_type: IncomeType,
) -> None:
    on, application = case
    invariants.check_monotone_in_income(
        lambda h, d: temporary.assess(h, application.event, d, book=book),
        application.household,
        on,
        extra,
        income_type=income_type,
    )


@given(
    applications(),
    cst.money(min_value=Decimal("0.01"), max_value=Decimal(500000)),
    st.sampled_from(list(AssetType)),
)
def test_more_property_never_pays_more(
    case: tuple[dt.date, TemporaryAssistanceApplication], value: Decimal, kind: AssetType
) -> None:
    on, application = case
    household = application.household
    richer = attrs.evolve(household, assets=(*household.assets, Asset(kind, value)))
    before = temporary.assess(household, application.event, on)
    after = temporary.assess(richer, application.event, on)
    paid_before = before.amount.total if before.eligible and before.amount else Decimal(0)
    paid_after = after.amount.total if after.eligible and after.amount else Decimal(0)
    assert paid_after <= paid_before
    assert not (before.outcome is Outcome.NOT_ELIGIBLE and after.eligible)


@given(applications())
def test_an_expenditure_case_far_above_the_income_line_gets_nothing(
    case: tuple[dt.date, TemporaryAssistanceApplication],
) -> None:
    """23号 二(一): 支出型 "原则上其家庭人均可支配收入应低于当地上年度人均可支配收入".

    One million yuan a month of wages to the applicant (always counted) is far above any
    year's per-capita disposable income, whatever the family's size.
    """
    on, application = case
    household = application.household
    event = attrs.evolve(application.event, kind=TemporaryAssistanceType.EXPENDITURE)
    applicant = household.applicant.person.id
    rich = attrs.evolve(
        household,
        incomes=(*household.incomes, Income(IncomeType.WAGES, Decimal(1000000), applicant)),
    )
    decision = temporary.assess(rich, event, on)
    assert not decision.eligible
    assert decision.amount is None


@given(applications(), st.data())
def test_member_order_is_irrelevant(
    case: tuple[dt.date, TemporaryAssistanceApplication], data: st.DataObject
) -> None:
    on, application = case
    order = data.draw(st.permutations(range(len(application.household.members))))
    invariants.check_member_order_irrelevant(
        lambda h, d: temporary.assess(h, application.event, d),
        application.household,
        on,
        permutation=order,
    )


@given(applications())
def test_applications_and_decisions_round_trip_and_cite(
    case: tuple[dt.date, TemporaryAssistanceApplication],
) -> None:
    on, application = case
    invariants.check_json_round_trip(application)
    decision = temporary.assess_application(application, on)
    invariants.check_json_round_trip(decision)
    invariants.check_decision_cites(decision)
