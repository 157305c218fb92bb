"""Invariants of the dibao calculator, over households drawn by the test kit.

Households are registered in Chongqing (500000), the jurisdiction the shipped
data gives a dibao standard for, on dates its standards cover.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import attrs
from hypothesis import given
from hypothesis import strategies as st

from civaffairs.assistance import dibao, extreme_poverty
from civaffairs.decisions import Decision, Outcome
from civaffairs.entities import (
    AssetType,
    Household,
    IncomeType,
    Member,
    Person,
    Registration,
    RegistrationKind,
    Relationship,
    Sex,
    SpecialStatus,
)
from civaffairs.money import FEN, ZERO
from civaffairs.parameters import default_book
from civaffairs.testing import invariants
from civaffairs.testing import strategies as cst

CHONGQING = "500000"
# The shipped Chongqing standards start on 2023-08-22; the central-pension exclusion is sourced
# to 2025-12-31 and carried forward as example data from 2026, so 2026 is drawn too.
FIRST_DAY = dt.date(2023, 8, 22)
LAST_DAY = dt.date(2026, 6, 30)
BOOK = default_book()

NEVER_COUNTED = {
    IncomeType.PREFERENTIAL_TREATMENT,
    IncomeType.FAMILY_PLANNING_REWARD,
    IncomeType.AWARD,
    IncomeType.SOCIAL_ASSISTANCE,
    IncomeType.DISABILITY_SUBSIDY,
}
DISQUALIFYING = {
    AssetType.VEHICLE: "assistance.dibao.assets.vehicle_disqualifies",
    AssetType.NON_RESIDENTIAL_PROPERTY: (
        "assistance.dibao.assets.non_residential_property_disqualifies"
    ),
    AssetType.BUSINESS_ENTITY: "assistance.dibao.assets.business_entity_disqualifies",
    AssetType.MACHINERY: "assistance.dibao.assets.machinery_disqualifies",
}


def cases(
    *, allow_severe_conditions: bool = True, near_standard: bool | None = True
) -> st.SearchStrategy[tuple[dt.date, Household]]:
    """A date in the covered window and a Chongqing household assessed on it."""
    return st.dates(min_value=FIRST_DAY, max_value=LAST_DAY).flatmap(
        lambda on: st.tuples(
            st.just(on),
            cst.households(
                on=on,
                jurisdiction=CHONGQING,
                near_standard=near_standard,
                allow_severe_conditions=allow_severe_conditions,
            ),
        )
    )


def assess(household: Household, on: dt.date) -> Decision:
    return dibao.assess(household, on)


def standard_of(household: Household, on: dt.date) -> Decimal:
    registration = household.applicant.person.registration
    standard, _ = BOOK.money(
        f"assistance.dibao.standard.{registration.kind.value}", registration.jurisdiction, on
    )
    return standard


def counted_income(household: Household, on: dt.date) -> tuple[Decimal, int]:
    """Counted monthly income and counted members, computed here from the rules' text."""
    counted, _, missing = dibao.counted_members(household, on)
    assert not missing
    ids = {m.person.id for _, m in counted}
    where = household.applicant.person.registration.jurisdiction
    pension_excluded, _ = BOOK.flag(
        "assistance.dibao.income.exclude_central_basic_pension", where, on
    )
    rate, _ = BOOK.rate("assistance.dibao.income.employment_deduction_rate", where, on)
    total = ZERO
    for item in household.incomes:
        if item.member is not None and item.member not in ids:
            continue
        if item.type in NEVER_COUNTED:
            continue
        if item.type is IncomeType.CENTRAL_BASIC_PENSION and pension_excluded:
            continue
        total += item.monthly * (1 - rate) if item.type is IncomeType.WAGES else item.monthly
    return total, len(counted)


def assets_pass(household: Household, on: dt.date, standard: Decimal, count: int) -> bool:
    """The property test from the rules' text: only counted members' property counts.

    民发〔2021〕57号 第十四条: "家庭财产指共同生活的家庭成员拥有的全部动产和不动产" — an asset
    owned by a member who is not counted (serving a sentence, say) is not the family's.
    """
    where = household.applicant.person.registration.jurisdiction
    counted, _, _ = dibao.counted_members(household, on)
    ids = {m.person.id for _, m in counted}
    family = [a for a in household.assets if not a.exempt and (a.owner is None or a.owner in ids)]
    months, _ = BOOK.count("assistance.dibao.assets.financial_months_per_capita", where, on)
    financial = sum((a.value for a in family if a.type.is_financial), ZERO)
    if financial >= standard * months * count:
        return False
    return not any(
        BOOK.flag(DISQUALIFYING[a.type], where, on)[0] for a in family if a.type in DISQUALIFYING
    )


@given(
    cases(allow_severe_conditions=False),
    cst.money(min_value=Decimal("0.01"), max_value=Decimal(2000)),
    st.integers(min_value=0, max_value=5),
    st.sampled_from([IncomeType.WAGES, IncomeType.BUSINESS, IncomeType.CENTRAL_BASIC_PENSION]),
)
def test_more_income_never_pays_more(
    case: tuple[dt.date, Household], extra: Decimal, index: int, income_type: IncomeType
) -> None:
    # Only without severely disabled or seriously ill members: single-person inclusion
    # (民发〔2021〕57号 art. 8) makes a cliff just above the income test.
    on, household = case
    member = household.members[index % len(household.members)].person.id
    invariants.check_monotone_in_income(
        assess, household, on, extra, member=member, income_type=income_type
    )


@given(cases())
def test_amount_is_between_zero_and_standard_times_members(
    case: tuple[dt.date, Household],
) -> None:
    on, household = case
    invariants.check_amount_within_bounds(assess(household, on), household, BOOK)


@given(cases(), st.data())
def test_member_order_is_irrelevant(case: tuple[dt.date, Household], data: st.DataObject) -> None:
    on, household = case
    order = data.draw(st.permutations(range(len(household.members))), label="order")
    invariants.check_member_order_irrelevant(assess, household, on, permutation=order)
    invariants.check_member_order_irrelevant(assess, household, on)


@given(cases(allow_severe_conditions=False))
def test_eligible_iff_counted_income_below_standard_times_members(
    case: tuple[dt.date, Household],
) -> None:
    # Without severe or ill members nobody can be covered alone, so the income test and
    # the property test decide: eligible ⇔ income < standard × members (社会救助暂行办法 art. 9).
    on, household = case
    income, count = counted_income(household, on)
    standard = standard_of(household, on)
    decision = assess(household, on)
    expected = income < standard * count and assets_pass(household, on, standard, count)
    assert decision.eligible is expected, (income, standard, count, decision.codes)
    assert decision.outcome is not Outcome.CANNOT_DECIDE


@given(cases(near_standard=None))
def test_amount_is_exact_to_the_fen(case: tuple[dt.date, Household]) -> None:
    on, household = case
    decision = assess(household, on)
    if decision.amount is None:
        assert not decision.eligible
        return
    total = decision.amount.total
    assert total == total.quantize(FEN)
    assert total > 0
    income, count = counted_income(household, on)
    threshold = standard_of(household, on) * count
    if (
        "assistance.dibao.amount_difference" in decision.codes
        and "assistance.dibao.amount_floor" not in decision.codes
    ):
        # The difference, rounded once (exact whenever no deduction rate makes fractions).
        assert total == (threshold - income).quantize(FEN, ROUND_HALF_UP)
    lines = sum((line.amount for line in decision.amount.lines), ZERO)
    assert lines.quantize(FEN) == total


@given(cst.households())
def test_households_round_trip_through_json(household: Household) -> None:
    invariants.check_json_round_trip(household)


@given(cases())
def test_decisions_round_trip_through_json(case: tuple[dt.date, Household]) -> None:
    on, household = case
    invariants.check_json_round_trip(assess(household, on))


@given(cases())
def test_every_decision_cites_its_rules_and_figures(case: tuple[dt.date, Household]) -> None:
    on, household = case
    invariants.check_decision_cites(assess(household, on))


def test_a_household_with_no_counted_member_gets_a_decision() -> None:
    # Regression: with no counted member (the applicant alone, serving a sentence) the
    # per-capita figure once divided by zero (decimal.InvalidOperation) instead of deciding.
    applicant = Person(
        "a",
        dt.date(1980, 1, 1),
        Sex.MALE,
        Registration("500156", RegistrationKind.RURAL),
        statuses=frozenset({SpecialStatus.SERVING_SENTENCE}),
    )
    household = Household("H", [Member(applicant, Relationship.APPLICANT, lives_together=True)])
    decision = assess(household, dt.date(2025, 8, 1))
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert decision.codes[-1] == "assistance.dibao.no_family_member"


def _supported(household: Household, index: int, on: dt.date) -> Decision:
    """A 特困 decision finding member ``index`` meets every condition."""
    person = household.members[index].person
    return Decision(
        programme=extreme_poverty.PROGRAMME.code,
        subject=f"{household.id} ({person.label})",
        as_of=on,
        jurisdiction=household.applicant.person.registration.jurisdiction,
        outcome=Outcome.ELIGIBLE,
        amount=None,
        reasons=(),
    )


def _without(household: Household, index: int) -> Household:
    """The household without member ``index``, their own income and expenditure."""
    gone = household.members[index].person.id
    return attrs.evolve(
        household,
        members=[m for i, m in enumerate(household.members) if i != index],
        incomes=[i for i in household.incomes if i.member != gone],
        expenditures=[e for e in household.expenditures if e.member != gone],
        # 民发〔2021〕57号 art. 14: "家庭财产指共同生活的家庭成员拥有的全部动产和不动产" — the
        # member's own property leaves with them; the household's (no owner) stays.
        assets=[a for a in household.assets if a.owner != gone],
    )


@given(cases(), st.data())
def test_a_member_supported_as_extreme_poverty_counts_as_absent(
    case: tuple[dt.date, Household], data: st.DataObject
) -> None:
    """No double coverage (``assistance.dibao.members.exclude_extreme_poverty``, default):
    leaving a 特困 member out decides the rest exactly as if that member were not there —
    their share is never paid twice, and their presence never costs the rest anything
    (the rest stay as covered as a household of their own)."""
    on, household = case
    others = [i for i, m in enumerate(household.members) if m is not household.applicant]
    if not others:
        return
    index = data.draw(st.sampled_from(others), label="特困 member")
    supported = dibao.assess(household, on, extreme_poverty=[_supported(household, index, on)])
    alone = dibao.assess(_without(household, index), on)
    assert supported.outcome is alone.outcome
    assert (supported.amount is None) == (alone.amount is None)
    if supported.amount is not None and alone.amount is not None:
        assert supported.amount.total == alone.amount.total
    assert len(supported.missing) == len(alone.missing)
