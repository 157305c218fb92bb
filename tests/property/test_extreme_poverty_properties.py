"""Invariants of 特困人员救助供养 (extreme poverty), over persons drawn by the test kit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from random import Random

import attrs
from hypothesis import given
from hypothesis import strategies as st

from civaffairs.assistance import extreme_poverty as ep
from civaffairs.assistance.extreme_poverty import (
    DailyActivity,
    ExtremePovertyFacts,
    SupportArrangement,
    Supporter,
    SupporterSituation,
)
from civaffairs.decisions import Decision, Outcome, month_after
from civaffairs.entities import (
    AbilityGrade,
    Disability,
    DisabilityCategory,
    Household,
    Income,
    IncomeType,
    Member,
    Person,
    Registration,
    RegistrationKind,
    Relationship,
)
from civaffairs.identity import Sex
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


# -- own income and supporters (认定办法 arts. 6 and 8) -------------------------------------------

#: Dates on which every figure the supporter heads read is shipped for 武隆 (the dibao and 特困
#: standards from 2025-07-01, last year's disposable income to 2025-12-31).
SUPPORTER_DATES = st.dates(min_value=dt.date(2025, 7, 1), max_value=dt.date(2025, 12, 31))
RANK = {Outcome.ELIGIBLE: 0, Outcome.CANNOT_DECIDE: 1, Outcome.NOT_ELIGIBLE: 2}


def _facts(*supporters: Supporter) -> ExtremePovertyFacts:
    return ExtremePovertyFacts(
        supporters=supporters,
        activities_not_achieved=frozenset(),
        arrangement=SupportArrangement.DISPERSED,
    )


@given(elders(), cst.money(min_value=0, max_value=2000), cst.money(min_value=0, max_value=500))
def test_more_own_income_never_makes_the_person_eligible(
    drawn: tuple[dt.date, Person], income: Decimal, more: Decimal
) -> None:
    """Art. 6: "收入低于当地最低生活保障标准" — more income never improves the outcome."""
    on, person = drawn
    facts = _facts()
    outcomes = [
        ep.assess_person(
            Household(
                "H",
                [Member(person, Relationship.APPLICANT, lives_together=True)],
                [Income(IncomeType.WAGES, amount, member=person.id)],
            ),
            person.id,
            on,
            facts=facts,
            book=BOOK,
        ).outcome
        for amount in (income, income + more)
    ]
    assert RANK[outcomes[0]] <= RANK[outcomes[1]]


ELDER = Person("a", dt.date(1940, 1, 1), Sex.FEMALE, Registration(WULONG, RegistrationKind.RURAL))


_DISABILITIES = st.builds(Disability, st.sampled_from(DisabilityCategory), st.integers(1, 4))


def _with_supporters(on: dt.date, *supporters: Supporter) -> Decision:
    facts = _facts(*supporters)
    return ep.assess_person(alone(ELDER), "a", on, facts=facts, book=BOOK)


@given(
    SUPPORTER_DATES.flatmap(lambda on: st.tuples(st.just(on), cst.supporters(on=on))),
    st.integers(0, 20 * 366),
    cst.money(min_value=0, max_value=3000),
)
def test_a_supporter_meeting_a_head_keeps_meeting_it_when_older_or_poorer(
    drawn: tuple[dt.date, Supporter], days_older: int, less: Decimal
) -> None:
    """Art. 8 (二)–(四): "60周岁以上", "70周岁以上", "本人收入低于当地上年人均可支配收入" — an older
    or poorer supporter is never able where the original one was unable."""
    on, supporter = drawn
    older = attrs.evolve(
        supporter,
        birth_date=(
            None
            if supporter.birth_date is None
            else max(supporter.birth_date - dt.timedelta(days=days_older), dt.date(1900, 1, 1))
        ),
        monthly_income=(
            None
            if supporter.monthly_income is None
            else max(supporter.monthly_income - less, Decimal(0))
        ),
    )
    before = _with_supporters(on, supporter)
    after = _with_supporters(on, older)
    if before.outcome is Outcome.ELIGIBLE:
        assert after.outcome is Outcome.ELIGIBLE
    if after.outcome is Outcome.NOT_ELIGIBLE:
        assert before.outcome is Outcome.NOT_ELIGIBLE


@given(
    SUPPORTER_DATES.flatmap(
        lambda on: st.tuples(st.just(on), st.lists(cst.supporters(on=on), max_size=4))
    ),
    st.randoms(use_true_random=False),
)
def test_supporter_order_is_irrelevant(
    drawn: tuple[dt.date, list[Supporter]], random: Random
) -> None:
    """Art. 4 (三): every supporter must be unable; the order they are listed in is no fact."""
    on, supporters = drawn
    shuffled = list(supporters)
    random.shuffle(shuffled)
    first, second = _with_supporters(on, *supporters), _with_supporters(on, *shuffled)
    assert first.outcome is second.outcome
    assert first.amount == second.amount
    assert first.payable == second.payable
    unknown = {p.rsplit(".", 1)[1] for p in first.missing}
    assert unknown == {p.rsplit(".", 1)[1] for p in second.missing}


@given(SUPPORTER_DATES, st.sampled_from(SupportArrangement))
def test_paying_decisions_start_the_month_after(
    on: dt.date, arrangement: SupportArrangement
) -> None:
    """Art. 17: "从确认之日下月起给予救助供养待遇"."""
    facts = ExtremePovertyFacts(
        supporters=(), activities_not_achieved=frozenset(), arrangement=arrangement
    )
    decision = ep.assess_person(alone(ELDER), "a", on, facts=facts, book=BOOK)
    assert decision.amount is not None
    assert decision.payable_from == month_after(on)
    assert decision.payable_until is None


@given(
    SUPPORTER_DATES.flatmap(
        lambda on: st.tuples(
            st.just(on),
            cst.supporters(on=on),
            st.dates(min_value=dt.date(1925, 1, 1), max_value=on.replace(year=on.year - 18)),
        )
    ),
    cst.money(min_value=0, max_value=5000),
    st.sampled_from(RegistrationKind),
    st.booleans(),
    st.tuples(
        st.frozensets(st.sampled_from(SupporterSituation), max_size=2),
        st.none() | _DISABILITIES,
        _DISABILITIES,
    ),
)
def test_a_decided_outcome_holds_however_the_missing_facts_turn_out(
    drawn: tuple[dt.date, Supporter, dt.date],
    income: Decimal,
    kind: RegistrationKind,
    within: bool,
    more: tuple[frozenset[SupporterSituation], Disability | None, Disability],
) -> None:
    """Art. 8 read three-valued: a supporter found able or unable with facts missing is found
    the same once those facts are known, whatever they are; "cannot decide" names only facts
    that are in fact missing."""
    on, supporter, born = drawn
    situations, maybe_disability, disability = more
    before = _with_supporters(on, supporter)
    known = attrs.evolve(
        supporter,
        birth_date=supporter.birth_date or born,
        monthly_income=income if supporter.monthly_income is None else supporter.monthly_income,
        registration_kind=supporter.registration_kind or kind,
        property_within_rules=(
            within if supporter.property_within_rules is None else supporter.property_within_rules
        ),
        situations=situations if supporter.situations is None else supporter.situations,
    )
    if supporter.disability is None and supporter.disabled is not False:
        # Not established (None) or disabled with the grade unknown (True).
        filled = disability if supporter.disabled else maybe_disability
        known = attrs.evolve(known, disability=filled, disabled=filled is not None)
    after = _with_supporters(on, known)
    assert after.outcome is not Outcome.CANNOT_DECIDE
    if before.outcome is not Outcome.CANNOT_DECIDE:
        assert after.outcome is before.outcome
    for path in before.missing:
        assert getattr(supporter, path.rsplit(".", 1)[1]) is None
