"""The test kit's strategies draw what they promise, and reach the boundaries.

A strategy that never draws a household exactly at the dibao threshold makes
every boundary test downstream pass vacuously, so the reach is tested here:
with ``near_standard`` a seeded sample has households exactly at, one fen
under and one fen over standard × counted members.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from decimal import Decimal

import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from civaffairs.assistance import dibao
from civaffairs.assistance.children_in_difficulty import ChildInDifficultyFacts
from civaffairs.dates import age_in_full_years
from civaffairs.entities import Household, IncomeType, Person, Relationship, Sex
from civaffairs.identity import ResidentId
from civaffairs.jurisdictions import NATIONAL, Level, get, is_within
from civaffairs.money import FEN, ZERO
from civaffairs.parameters import default_book
from civaffairs.testing import strategies as cst

ON = dt.date(2025, 8, 1)
CHONGQING = "500000"
NEVER_COUNTED = {
    IncomeType.PREFERENTIAL_TREATMENT,
    IncomeType.FAMILY_PLANNING_REWARD,
    IncomeType.AWARD,
    IncomeType.SOCIAL_ASSISTANCE,
    IncomeType.DISABILITY_SUBSIDY,
}
SAMPLE = 300
# ``find`` only has to show that an example exists: skip shrinking it.
FIND = [Phase.generate]
# A fixed, seeded sample: the same draws on every run, nothing shrunk, nothing stored.
SEEDED = settings(
    max_examples=SAMPLE,
    derandomize=True,
    database=None,
    phases=[Phase.generate],
    deadline=None,
)


def position(household: Household, standard: Decimal | None = None) -> int:
    """-1, 0 or 1: counted income against standard × counted members, in fen."""
    counted, _, missing = dibao.counted_members(household, ON)
    assert not missing
    ids = {m.person.id for _, m in counted}
    income = sum(
        (
            i.monthly
            for i in household.incomes
            if (i.member is None or i.member in ids) and i.type not in NEVER_COUNTED
        ),
        ZERO,
    )
    if standard is None:
        registration = household.applicant.person.registration
        standard, _ = default_book().money(
            f"assistance.dibao.standard.{registration.kind.value}", registration.jurisdiction, ON
        )
    threshold = standard * len(counted)
    if income == threshold:
        return 0
    if abs(income - threshold) == FEN:
        return -1 if income < threshold else 1
    return 2  # elsewhere


@pytest.mark.parametrize("standard", [None, Decimal("650.50")])
def test_near_standard_reaches_at_under_and_over_the_threshold(standard: Decimal | None) -> None:
    seen: Counter[int] = Counter()

    @SEEDED
    @given(
        cst.households(
            on=ON, jurisdiction=CHONGQING, near_standard=True if standard is None else standard
        )
    )
    def collect(household: Household) -> None:
        seen[position(household, standard)] += 1

    collect()
    total = sum(seen.values())
    assert total >= SAMPLE // 2
    for where in (-1, 0, 1):
        assert seen[where] >= total // 10, (where, seen)


@pytest.mark.parametrize("where", [-1, 0, 1])
def test_find_reaches_each_side_of_the_threshold(where: int) -> None:
    found = find(
        cst.households(on=ON, jurisdiction=CHONGQING, near_standard=True, min_size=3),
        lambda h: position(h) == where,
        settings=settings(max_examples=200, database=None, derandomize=True, phases=FIND),
    )
    assert position(found) == where
    assert len(found.members) >= 3


@given(st.from_type(Household))
def test_from_type_draws_households(household: Household) -> None:
    assert isinstance(household, Household)
    assert household.applicant.relationship is Relationship.APPLICANT


@given(st.from_type(Person), st.from_type(ResidentId))
def test_from_type_draws_persons_and_resident_ids(person: Person, rid: ResidentId) -> None:
    assert isinstance(person, Person)
    assert ResidentId.parse(rid.reveal()) == rid


@given(cst.households(on=ON, min_size=2, max_size=4))
def test_households_are_well_formed(household: Household) -> None:
    ids = [m.person.id for m in household.members]
    assert len(set(ids)) == len(ids)
    assert 2 <= len(ids) <= 4
    assert sum(m.relationship is Relationship.APPLICANT for m in household.members) == 1
    assert sum(m.relationship is Relationship.SPOUSE for m in household.members) <= 1
    assert household.applicant.person.age_on(ON) >= 18
    # Nobody's counting waits for a missing fact.
    assert dibao.counted_members(household, ON)[2] == []
    for income in household.incomes:
        assert Decimal(0) <= income.monthly <= Decimal(5000)
        assert income.member is None or income.member in ids


@given(cst.households(allow_severe_conditions=False, allow_assets=False))
def test_households_without_severe_conditions_or_assets(household: Household) -> None:
    assert household.assets == ()
    for member in household.members:
        person = member.person
        assert not person.serious_illness
        assert person.disability is None or not person.disability.is_severe


@given(cst.persons(on=ON, min_age=17, max_age=18, with_resident_id=True, jurisdiction="500000"))
def test_persons_have_the_asked_age_and_agree_with_their_id(person: Person) -> None:
    assert 17 <= person.age_on(ON) <= 18
    assert person.resident_id is not None
    assert person.resident_id.birth_date == person.birth_date
    assert person.resident_id.sex is person.sex
    assert is_within(person.registration.jurisdiction, "500000")


def test_persons_reach_an_eighteenth_birthday_on_the_day() -> None:
    found = find(
        cst.persons(on=ON, min_age=0, max_age=40),
        lambda p: age_in_full_years(p.birth_date, ON) == 18 and p.birth_date == dt.date(2007, 8, 1),
        settings=settings(max_examples=2000, database=None, derandomize=True, phases=FIND),
    )
    assert found.age_on(ON) == 18
    assert found.age_on(ON - dt.timedelta(days=1)) == 17


def test_persons_born_on_29_february_turn_a_year_older_on_28_february() -> None:
    on = dt.date(2025, 2, 28)
    found = find(
        cst.persons(on=on, min_age=1, max_age=1),
        lambda p: p.birth_date == dt.date(2024, 2, 29),
        settings=settings(max_examples=1000, database=None, derandomize=True, phases=FIND),
    )
    assert found.age_on(on) == 1


@given(cst.resident_ids(sex=Sex.FEMALE, born_between=(dt.date(1990, 1, 1), dt.date(1990, 12, 31))))
def test_resident_ids_respect_sex_and_birth_range(rid: ResidentId) -> None:
    assert rid.sex is Sex.FEMALE
    assert rid.birth_date.year == 1990
    assert get(rid.region_code).level is Level.COUNTY


@given(cst.money(min_value=Decimal("1.23"), max_value=Decimal("4.56")))
def test_money_stays_in_bounds_to_the_fen(amount: Decimal) -> None:
    assert Decimal("1.23") <= amount <= Decimal("4.56")
    assert amount == amount.quantize(FEN)


@pytest.mark.parametrize("bound", [Decimal("1.23"), Decimal("4.56")])
def test_money_reaches_its_bounds(bound: Decimal) -> None:
    found = find(
        cst.money(min_value=Decimal("1.23"), max_value=Decimal("4.56")),
        lambda amount: amount == bound,
        settings=settings(max_examples=500, database=None, derandomize=True, phases=FIND),
    )
    assert found == bound


@given(cst.jurisdictions(level=Level.PREFECTURE, within="500000"))
def test_jurisdictions_respect_level_and_within(code: str) -> None:
    assert get(code).level is Level.PREFECTURE
    assert is_within(code, "500000")


@given(cst.jurisdictions(level=Level.NATIONAL))
def test_the_national_level_is_one_code(code: str) -> None:
    assert code == NATIONAL


@pytest.mark.parametrize(
    "make",
    [
        lambda: cst.money(min_value=Decimal("0.001")),
        lambda: cst.money(min_value=Decimal(5), max_value=Decimal(4)),
        lambda: cst.jurisdictions(within="no such place"),
        lambda: cst.persons(min_age=30, max_age=20),
        lambda: cst.households(min_size=0),
        lambda: cst.households(jurisdiction="110000", near_standard=True),
        lambda: cst.resident_ids(born_between=(dt.date(1800, 1, 1), dt.date(1900, 1, 1))),
    ],
)
def test_bad_options_are_refused(make: Callable[[], object]) -> None:
    with pytest.raises(InvalidArgument):
        make()


@given(cst.children_in_difficulty_facts())
def test_children_in_difficulty_facts_draw_facts(facts: ChildInDifficultyFacts) -> None:
    """The exported strategy draws (it raised TypeError once the adoption strategies, merged
    later, defined a second ``_maybe`` with a required keyword in the same module)."""
    assert isinstance(facts, ChildInDifficultyFacts)
