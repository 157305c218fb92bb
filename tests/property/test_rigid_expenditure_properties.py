"""Invariants of the rigid-expenditure rule (刚性支出困难家庭), over drawn households.

Chongqing (500000) households on dates from the national measures' issue (2024-10-24; in
force 2025-01-01, art. 14, so nothing is recognised before) to the last shipped
disposable-income figure (2026-12-31), with incomes aimed at the dibao, the marginal and the
disposable-income thresholds, and drawn twelve-month expenditures.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
from hypothesis import given
from hypothesis import strategies as st

from civaffairs.assistance import dibao, marginal, rigid_expenditure
from civaffairs.dates import add_months
from civaffairs.decisions import Decision, Outcome
from civaffairs.entities import (
    AssetType,
    Expenditure,
    ExpenditureType,
    Household,
    Income,
    IncomeType,
)
from civaffairs.money import ZERO
from civaffairs.parameters import default_book
from civaffairs.testing import invariants
from civaffairs.testing import strategies as cst

CHONGQING = "500000"
FIRST_DAY = dt.date(2024, 10, 24)
LAST_DAY = dt.date(2026, 12, 31)
IN_FORCE = dt.date(2025, 1, 1)  # 第十四条: 本办法自2025年1月1日起施行
BOOK = default_book()
NEVER_COUNTED = {
    IncomeType.PREFERENTIAL_TREATMENT,
    IncomeType.FAMILY_PLANNING_REWARD,
    IncomeType.AWARD,
    IncomeType.SOCIAL_ASSISTANCE,
    IncomeType.DISABILITY_SUBSIDY,
}
COUNTED_NATIONALLY = {
    ExpenditureType.LIVING,  # 第五条(一)
    ExpenditureType.MEDICAL,
    ExpenditureType.EDUCATION,
    ExpenditureType.REHABILITATION,
    ExpenditureType.ACCIDENT,
}


@st.composite
def cases(draw: st.DrawFn, *, allow_severe_conditions: bool = True) -> tuple[dt.date, Household]:
    on = draw(st.dates(min_value=FIRST_DAY, max_value=LAST_DAY))
    aim = draw(
        st.sampled_from([True, Decimal(1200), Decimal(1900), Decimal(1930), Decimal(4510), None])
    )
    household = draw(
        cst.households(
            on=on,
            jurisdiction=CHONGQING,
            near_standard=aim,
            allow_severe_conditions=allow_severe_conditions,
        )
    )
    ids = [m.person.id for m in household.members]
    spending = draw(
        st.lists(
            st.builds(
                Expenditure,
                st.sampled_from(ExpenditureType),
                cst.money(max_value=Decimal(80000)),
                st.sampled_from([*ids, None]),
            ),
            max_size=4,
        )
    )
    return on, attrs.evolve(household, expenditures=spending)


def assess(household: Household, on: dt.date) -> Decision:
    return rigid_expenditure.assess(household, on)


def oracle(household: Household, on: dt.date) -> bool:
    """The 办法's conditions from their text, with the shipped national example figures."""
    if on < IN_FORCE:
        return False
    counted, _, missing = dibao.counted_members(household, on)
    assert not missing
    ids = {m.person.id for _, m in counted}
    count = len(counted)
    registration = household.applicant.person.registration
    where, kind = registration.jurisdiction, registration.kind.value
    pension_excluded, _ = BOOK.flag(
        "assistance.dibao.income.exclude_central_basic_pension", where, on
    )
    income = ZERO
    for item in household.incomes:
        if item.member is not None and item.member not in ids:
            continue
        if item.type in NEVER_COUNTED or (
            item.type is IncomeType.CENTRAL_BASIC_PENSION and pension_excluded
        ):
            continue
        income += item.monthly
    disposable, _ = BOOK.money(f"assistance.means.disposable_income.{kind}", where, on)
    standard, _ = BOOK.money(f"assistance.dibao.standard.{kind}", where, on)
    # 民发〔2021〕57号 第十四条: only the counted members' property is the family's.
    held = [a for a in household.assets if not a.exempt and (a.owner is None or a.owner in ids)]
    kinds = {a.type for a in held}
    property_ok = (
        sum((a.value for a in held if a.type.is_financial), ZERO) < standard * 36 * count
        and AssetType.VEHICLE not in kinds
        and AssetType.NON_RESIDENTIAL_PROPERTY not in kinds
        and sum((a.value for a in held if a.type is AssetType.BUSINESS_ENTITY), ZERO) < 200000
    )
    spent = sum(
        (
            e.annual
            for e in household.expenditures
            if e.type in COUNTED_NATIONALLY and (e.member is None or e.member in ids)
        ),
        ZERO,
    )
    return (
        not dibao.assess(household, on).eligible
        and not marginal.assess(household, on).eligible
        and income * 12 < disposable * count
        and property_ok
        and spent > 0
        and spent > Decimal("0.7") * income * 12
    )


@given(cases())
def test_a_household_in_a_higher_layer_is_never_also_rigid(
    case: tuple[dt.date, Household],
) -> None:
    on, household = case
    decision = assess(household, on)
    if decision.eligible:
        whole = dibao.assess(household, on)
        assert not whole.eligible or "assistance.dibao.single_person" in whole.codes
        assert not marginal.assess(household, on, dibao_decision=whole).eligible


@given(cases(allow_severe_conditions=False))
def test_eligible_iff_the_conditions_of_the_measures_hold(
    case: tuple[dt.date, Household],
) -> None:
    on, household = case
    decision = assess(household, on)
    assert decision.eligible is oracle(household, on), decision.render("en")
    assert decision.outcome is not Outcome.CANNOT_DECIDE
    assert decision.amount is None


@given(cases(), st.sampled_from(ExpenditureType), cst.money(min_value=Decimal("0.01")))
def test_more_expenditure_never_withdraws_a_recognition(
    case: tuple[dt.date, Household], kind: ExpenditureType, extra: Decimal
) -> None:
    on, household = case
    if not assess(household, on).eligible:
        return
    more = attrs.evolve(household, expenditures=(*household.expenditures, Expenditure(kind, extra)))
    assert assess(more, on).eligible


@given(
    cases(allow_severe_conditions=False),
    cst.money(min_value=Decimal("0.01"), max_value=Decimal(5000)),
)
def test_more_income_never_recognises_a_household_outside_the_higher_layers(
    case: tuple[dt.date, Household], extra: Decimal
) -> None:
    on, household = case
    before = assess(household, on)
    richer = attrs.evolve(
        household, incomes=(*household.incomes, Income(IncomeType.BUSINESS, extra))
    )
    if not before.eligible and "assistance.rigid_expenditure.not_in_higher_layer" in before.codes:
        assert not assess(richer, on).eligible


@given(cases())
def test_validity_is_at_most_twelve_months(case: tuple[dt.date, Household]) -> None:
    on, household = case
    decision = assess(household, on)
    end = rigid_expenditure.validity_end(decision)
    if not decision.eligible:
        assert end is None
        return
    assert end == add_months(on, 12)
    assert on < end <= on + dt.timedelta(days=366)


@given(cases(), st.data())
def test_member_order_is_irrelevant(case: tuple[dt.date, Household], data: st.DataObject) -> None:
    on, household = case
    order = data.draw(st.permutations(range(len(household.members))), label="order")
    invariants.check_member_order_irrelevant(assess, household, on, permutation=order)


@given(cases())
def test_decisions_round_trip_and_cite(case: tuple[dt.date, Household]) -> None:
    on, household = case
    decision = assess(household, on)
    invariants.check_json_round_trip(decision)
    invariants.check_decision_cites(decision)


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31)), st.integers(0, 48))
def test_add_months_lands_in_the_right_month_on_the_right_day(start: dt.date, months: int) -> None:
    end = add_months(start, months)
    assert (end.year - start.year) * 12 + end.month - start.month == months
    assert end.day == start.day or (end.day < start.day and (end + dt.timedelta(days=1)).day == 1)
