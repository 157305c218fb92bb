"""Invariants of 特困人员救助供养 (extreme poverty), over persons drawn by the test kit."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from civaffairs.assistance import extreme_poverty as ep
from civaffairs.assistance.extreme_poverty import (
    DailyActivity,
    ExtremePovertyFacts,
    SupportArrangement,
)
from civaffairs.entities import AbilityGrade, Household, Member, Person, Relationship
from civaffairs.parameters import default_book
from civaffairs.testing import strategies as cst

WULONG = "500156"
DATES = st.dates(min_value=dt.date(2025, 7, 1), max_value=dt.date(2026, 12, 31))
ACTIVITIES = st.frozensets(st.sampled_from(DailyActivity))
BOOK = default_book()


def alone(person: Person) -> Household:
    return Household("H", [Member(person, Relationship.APPLICANT, lives_together=True)])


@given(ACTIVITIES, ACTIVITIES)
def test_care_tier_never_falls_when_more_activities_fail(
    some: frozenset[DailyActivity], more: frozenset[DailyActivity]
) -> None:
    assert ep.care_tier(some).rank <= ep.care_tier(some | more).rank


@given(
    st.integers(0, 5),
    st.integers(0, 5),
    st.sampled_from(AbilityGrade),
    st.sampled_from(AbilityGrade),
)
def test_ability_grade_mapping_is_monotone_whatever_the_thresholds(
    partial: int, full: int, first: AbilityGrade, second: AbilityGrade
) -> None:
    on = dt.date(2025, 8, 1)
    book = BOOK.override(
        "assistance.extreme_poverty.care_tier.partial_from_ability_severity", "000000", partial, on
    ).override(
        "assistance.extreme_poverty.care_tier.full_from_ability_severity", "000000", full, on
    )
    low, high = sorted((first, second), key=lambda g: g.severity)
    low_tier, _ = ep.care_tier_for_ability_grade(low, WULONG, on, book=book)
    high_tier, _ = ep.care_tier_for_ability_grade(high, WULONG, on, book=book)
    assert low_tier.rank <= high_tier.rank


@st.composite
def elders(draw: st.DrawFn) -> tuple[dt.date, Person]:
    on = draw(DATES)
    return on, draw(cst.persons(on=on, jurisdiction=WULONG, min_age=60, max_age=100))


@given(elders(), ACTIVITIES, ACTIVITIES, st.sampled_from(SupportArrangement))
def test_amount_never_falls_when_more_activities_fail(
    drawn: tuple[dt.date, Person],
    some: frozenset[DailyActivity],
    more: frozenset[DailyActivity],
    arrangement: SupportArrangement,
) -> None:
    on, person = drawn
    decisions = [
        ep.assess_person(
            alone(person),
            person.id,
            on,
            facts=ExtremePovertyFacts(
                supporters=(), activities_not_achieved=failed, arrangement=arrangement
            ),
            book=BOOK,
        )
        for failed in (some, some | more)
    ]
    # Eligibility does not depend on the care tier, only the amount does.
    assert decisions[0].outcome is decisions[1].outcome
    if decisions[0].amount is not None and decisions[1].amount is not None:
        assert decisions[0].amount.total <= decisions[1].amount.total


@given(elders(), ACTIVITIES)
def test_institutional_care_is_never_below_home_care(
    drawn: tuple[dt.date, Person], failed: frozenset[DailyActivity]
) -> None:
    on, person = drawn
    amounts = []
    for arrangement in (SupportArrangement.DISPERSED, SupportArrangement.CONCENTRATED):
        facts = ExtremePovertyFacts(
            supporters=(), activities_not_achieved=failed, arrangement=arrangement
        )
        decision = ep.assess_person(alone(person), person.id, on, facts=facts, book=BOOK)
        amounts.append(decision.amount.total if decision.amount else None)
    if amounts[0] is not None:
        assert amounts[1] is not None
        assert amounts[0] <= amounts[1]


@st.composite
def households_with_order(draw: st.DrawFn) -> tuple[dt.date, Household, Household]:
    on = draw(DATES)
    household = draw(cst.households(on=on, jurisdiction=WULONG, max_size=4))
    members = draw(st.permutations(household.members))
    shuffled = Household(
        household.id, members, household.incomes, household.assets, household.expenditures
    )
    return on, household, shuffled


@given(households_with_order(), st.booleans())
def test_household_form_equals_person_form_in_any_member_order(
    drawn: tuple[dt.date, Household, Household], with_facts: bool
) -> None:
    on, household, shuffled = drawn
    facts = (
        {
            m.person.id: ExtremePovertyFacts(
                supporters=(),
                activities_not_achieved=frozenset(),
                arrangement=SupportArrangement.DISPERSED,
                child_allowance=False,
            )
            for m in household.members
        }
        if with_facts
        else None
    )
    decisions = ep.assess(household, on, facts=facts, book=BOOK)
    assert decisions == tuple(
        ep.assess_person(
            household, m.person.id, on, facts=(facts or {}).get(m.person.id), book=BOOK
        )
        for m in household.members
    )
    by_id = dict(zip((m.person.id for m in household.members), decisions, strict=True))
    again = ep.assess(shuffled, on, facts=facts, book=BOOK)
    for member, decision in zip(shuffled.members, again, strict=True):
        assert decision == by_id[member.person.id]
