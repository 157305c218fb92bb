"""Invariants of the marginal-household rule (低保边缘家庭), over households drawn by the test kit.

Households are registered in Chongqing (500000), whose dibao standards the shipped data
gives, on dates the standards and the central-pension switch both cover.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
from hypothesis import given
from hypothesis import strategies as st

from civaffairs.assistance import dibao, marginal
from civaffairs.decisions import Decision, Outcome
from civaffairs.entities import AssetType, Household, Income, IncomeType
from civaffairs.money import ZERO
from civaffairs.parameters import default_book
from civaffairs.testing import invariants
from civaffairs.testing import strategies as cst

CHONGQING = "500000"
FIRST_DAY = dt.date(2023, 8, 22)
LAST_DAY = dt.date(2025, 12, 31)
BOOK = default_book()
NEVER_COUNTED = {
    IncomeType.PREFERENTIAL_TREATMENT,
    IncomeType.FAMILY_PLANNING_REWARD,
    IncomeType.AWARD,
    IncomeType.SOCIAL_ASSISTANCE,
    IncomeType.DISABILITY_SUBSIDY,
}


def cases(*, allow_severe_conditions: bool = True) -> st.SearchStrategy[tuple[dt.date, Household]]:
    """A date in the covered window and a Chongqing household with income near a threshold.

    Incomes are aimed at the dibao threshold, at 1.5 × the rural or urban standard (the
    marginal threshold for one kind or the other), or drawn freely.
    """
    aims = st.sampled_from([True, Decimal(945), Decimal(1155), Decimal(900), None])
    return st.tuples(st.dates(min_value=FIRST_DAY, max_value=LAST_DAY), aims).flatmap(
        lambda pair: st.tuples(
            st.just(pair[0]),
            cst.households(
                on=pair[0],
                jurisdiction=CHONGQING,
                near_standard=pair[1],
                allow_severe_conditions=allow_severe_conditions,
            ),
        )
    )


def assess(household: Household, on: dt.date) -> Decision:
    return marginal.assess(household, on)


def counted_income(household: Household, on: dt.date) -> tuple[Decimal, int]:
    """Counted monthly income and counted members, from the rule's text (as for dibao)."""
    counted, _, missing = dibao.counted_members(household, on)
    assert not missing
    ids = {m.person.id for _, m in counted}
    where = household.applicant.person.registration.jurisdiction
    pension_excluded, _ = BOOK.flag(
        "assistance.dibao.income.exclude_central_basic_pension", where, on
    )
    total = ZERO
    for item in household.incomes:
        if item.member is not None and item.member not in ids:
            continue
        if item.type in NEVER_COUNTED:
            continue
        if item.type is IncomeType.CENTRAL_BASIC_PENSION and pension_excluded:
            continue
        total += item.monthly  # the shipped deduction rate is 0
    return total, len(counted)


def standard_of(household: Household, on: dt.date) -> Decimal:
    registration = household.applicant.person.registration
    value, _ = BOOK.money(
        f"assistance.dibao.standard.{registration.kind.value}", registration.jurisdiction, on
    )
    return value


def marginal_property_passes(
    household: Household, on: dt.date, standard: Decimal, count: int
) -> bool:
    """Henan's 边缘 rule as shipped (example data): 36 months, no car, no shop, < 200 000.

    Only counted members' property counts (民发〔2021〕57号 第十四条: "家庭财产指共同生活的家庭
    成员拥有的全部动产和不动产").
    """
    counted, _, _ = dibao.counted_members(household, on)
    ids = {m.person.id for _, m in counted}
    held = [a for a in household.assets if not a.exempt and (a.owner is None or a.owner in ids)]
    financial = sum((a.value for a in held if a.type.is_financial), ZERO)
    business = sum((a.value for a in held if a.type is AssetType.BUSINESS_ENTITY), ZERO)
    kinds = {a.type for a in held}
    return (
        financial < standard * 36 * count
        and AssetType.VEHICLE not in kinds
        and AssetType.NON_RESIDENTIAL_PROPERTY not in kinds
        and business < 200000
    )


@given(cases())
def test_a_dibao_household_is_never_also_marginal(case: tuple[dt.date, Household]) -> None:
    on, household = case
    whole = dibao.assess(household, on)
    decision = marginal.assess(household, on, dibao_decision=whole)
    if whole.eligible and "assistance.dibao.single_person" not in whole.codes:
        assert decision.outcome is Outcome.NOT_ELIGIBLE
        assert "assistance.marginal.in_higher_layer" in decision.codes
    if decision.eligible:
        assert not whole.eligible or "assistance.dibao.single_person" in whole.codes


@given(cases(allow_severe_conditions=False))
def test_eligible_iff_not_dibao_and_income_below_the_margin_and_property_within(
    case: tuple[dt.date, Household],
) -> None:
    on, household = case
    income, count = counted_income(household, on)
    standard = standard_of(household, on)
    expected = (
        not dibao.assess(household, on).eligible
        and income < standard * Decimal("1.5") * count
        and marginal_property_passes(household, on, standard, count)
    )
    decision = assess(household, on)
    assert decision.eligible is expected, (income, standard, count, decision.codes)
    assert decision.outcome is not Outcome.CANNOT_DECIDE
    assert decision.amount is None


@given(
    cases(allow_severe_conditions=False),
    cst.money(min_value=Decimal("0.01"), max_value=Decimal(3000)),
)
def test_more_income_never_brings_a_household_back_under_the_margin(
    case: tuple[dt.date, Household], extra: Decimal
) -> None:
    on, household = case
    before = assess(household, on)
    richer = attrs.evolve(
        household, incomes=(*household.incomes, Income(IncomeType.BUSINESS, extra))
    )
    after = assess(richer, on)
    if "assistance.marginal.income_not_below_margin" in before.codes:
        assert not after.eligible
        assert "assistance.marginal.income_not_below_margin" in after.codes


@given(cases(), st.data())
def test_member_order_is_irrelevant(case: tuple[dt.date, Household], data: st.DataObject) -> None:
    on, household = case
    order = data.draw(st.permutations(range(len(household.members))), label="order")
    invariants.check_member_order_irrelevant(assess, household, on, permutation=order)


@given(cases())
def test_decisions_round_trip_through_json(case: tuple[dt.date, Household]) -> None:
    on, household = case
    invariants.check_json_round_trip(assess(household, on))


@given(cases())
def test_every_decision_cites_its_rules_and_figures(case: tuple[dt.date, Household]) -> None:
    on, household = case
    invariants.check_decision_cites(assess(household, on))
