"""Invariants of the orphan / 事实无人抚养 allowance: the two parents are interchangeable."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from civaffairs.assistance import children as ch
from civaffairs.assistance.children import ChildFacts, Parent, ParentSituation, Placement
from civaffairs.decisions import Decision, Outcome
from civaffairs.entities import Disability, DisabilityCategory, Household, Member, Relationship
from civaffairs.parameters import default_book
from civaffairs.testing import strategies as cst

WULONG = "500156"
DATES = st.dates(min_value=dt.date(2024, 7, 1), max_value=dt.date(2026, 12, 31))
BOOK = default_book()


@st.composite
def parents(draw: st.DrawFn, on: dt.date) -> Parent:
    situation = draw(st.sampled_from(ParentSituation))
    disability = draw(
        st.one_of(
            st.none(),
            st.builds(Disability, st.sampled_from(DisabilityCategory), st.integers(1, 4)),
        )
    )
    term = draw(st.one_of(st.none(), st.integers(0, 24)))
    since = draw(st.one_of(st.none(), st.dates(on - dt.timedelta(days=800), on)))
    return Parent(situation, disability=disability, term_months=term, since=since)


@st.composite
def cases(draw: st.DrawFn) -> tuple[dt.date, Household, Parent, Parent, Placement | None]:
    on = draw(DATES)
    child = draw(cst.persons(on=on, jurisdiction=WULONG, max_age=19))
    household = Household("H", [Member(child, Relationship.APPLICANT, lives_together=True)])
    placement = draw(st.one_of(st.none(), st.sampled_from(Placement)))
    return on, household, draw(parents(on)), draw(parents(on)), placement


def decide(
    on: dt.date, household: Household, father: Parent, mother: Parent, placement: Placement | None
) -> Decision:
    facts = ChildFacts(father, mother, placement)
    return ch.assess_person(household, household.members[0].person.id, on, facts=facts, book=BOOK)


def swap(path: str) -> str:
    return path.replace("father", "\0").replace("mother", "father").replace("\0", "mother")


@given(cases())
def test_the_two_parents_are_interchangeable(
    case: tuple[dt.date, Household, Parent, Parent, Placement | None],
) -> None:
    on, household, father, mother, placement = case
    one = decide(on, household, father, mother, placement)
    other = decide(on, household, mother, father, placement)
    assert one.outcome is other.outcome
    assert one.amount == other.amount
    assert sorted(one.codes) == sorted(other.codes)
    assert sorted(one.missing) == sorted(swap(path) for path in other.missing)
    assert ch.classify(father, mother, on, jurisdiction=WULONG, book=BOOK) is ch.classify(
        mother, father, on, jurisdiction=WULONG, book=BOOK
    )


@given(cases())
def test_a_parent_able_to_raise_the_child_rules_it_out(
    case: tuple[dt.date, Household, Parent, Parent, Placement | None],
) -> None:
    on, household, _, mother, placement = case
    decision = decide(on, household, Parent(ParentSituation.ABLE), mother, placement)
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert decision.amount is None


@given(cases())
def test_a_parent_dying_never_takes_the_allowance_away(
    case: tuple[dt.date, Household, Parent, Parent, Placement | None],
) -> None:
    on, household, father, mother, placement = case
    before = decide(on, household, father, mother, placement)
    after = decide(on, household, Parent(ParentSituation.DECEASED), mother, placement)
    if before.outcome is Outcome.ELIGIBLE:
        assert after.outcome is Outcome.ELIGIBLE
        assert after.amount is not None
