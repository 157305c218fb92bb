"""Invariants of the orphan / 事实无人抚养 allowance.

The two parents are interchangeable; the 事实无人抚养 top-up (民发〔2019〕62号 三(一)) pays
exactly the difference, so the allowance plus the assistance already received is
``max(standard, assistance)``, and more assistance received never pays more.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from civaffairs.assistance import children as ch
from civaffairs.assistance.children import (
    ChildCategory,
    ChildFacts,
    Parent,
    ParentSituation,
    Placement,
)
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


RECEIVED = st.one_of(st.just(Decimal(0)), cst.money(max_value=Decimal(3000)))


def _paid(decision: Decision) -> Decimal:
    return decision.amount.total if decision.eligible and decision.amount else Decimal(0)


@given(cases(), RECEIVED)
def test_the_top_up_and_the_assistance_make_the_higher_of_the_two(
    case: tuple[dt.date, Household, Parent, Parent, Placement | None], received: Decimal
) -> None:
    """62号 三(一): 补差发放 — allowance + assistance received = max(standard, assistance)."""
    on, household, father, mother, placement = case
    if placement is None:
        return
    facts = ChildFacts(father, mother, placement, assistance_received=received)
    person_id = household.members[0].person.id
    decision = ch.assess_person(household, person_id, on, facts=facts, book=BOOK)
    category = ch.classify(father, mother, on, jurisdiction=WULONG, book=BOOK)
    if decision.outcome is Outcome.CANNOT_DECIDE:
        assert decision.missing
        return
    paid = _paid(decision)
    reached_top_up = {
        "assistance.children.in_full",
        "assistance.children.top_up",
        "assistance.children.no_top_up",
    } & set(decision.codes)
    if category is ChildCategory.UNSUPPORTED and reached_top_up:
        standard, _ = BOOK.money(
            f"assistance.children.unsupported_allowance.{placement.value}", WULONG, on
        )
        assert paid + received == max(standard, received)
        assert paid <= standard
        assert (decision.payable is not None) is decision.eligible
    elif decision.eligible:
        assert category is ChildCategory.ORPHAN
        standard, _ = BOOK.money(
            f"assistance.children.orphan_allowance.{placement.value}", WULONG, on
        )
        assert paid == standard  # no top-up rule for orphans


@given(cases(), RECEIVED, cst.money(min_value=Decimal("0.01"), max_value=Decimal(2000)))
def test_more_assistance_received_never_pays_more(
    case: tuple[dt.date, Household, Parent, Parent, Placement | None],
    received: Decimal,
    extra: Decimal,
) -> None:
    on, household, father, mother, placement = case
    person_id = household.members[0].person.id

    def paid(amount: Decimal) -> Decimal:
        facts = ChildFacts(father, mother, placement, assistance_received=amount)
        return _paid(ch.assess_person(household, person_id, on, facts=facts, book=BOOK))

    assert paid(received + extra) <= paid(received)
