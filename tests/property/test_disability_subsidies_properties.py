"""Invariants of the two disability subsidies (残疾人两项补贴): each stands on its own."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
from hypothesis import given
from hypothesis import strategies as st

from civaffairs.assistance import disability_subsidies as ds
from civaffairs.assistance.disability_subsidies import DisabilitySubsidyFacts
from civaffairs.decisions import Outcome
from civaffairs.entities import (
    AssistanceLayer,
    ChildAllowance,
    Household,
    Member,
    Person,
    Relationship,
)
from civaffairs.parameters import default_book
from civaffairs.testing import strategies as cst

PLACES = st.sampled_from(["421321", "500156"])  # Hubei (sourced amounts), Chongqing (example)
DATES = st.dates(min_value=dt.date(2016, 1, 1), max_value=dt.date(2026, 12, 31))
NOT_EXTREME = st.sampled_from([layer for layer in AssistanceLayer if layer.rank > 0])
MAYBE_MONEY = st.one_of(st.none(), cst.money(max_value=Decimal(500)))
BOOK = default_book()


@st.composite
def cases(draw: st.DrawFn) -> tuple[dt.date, Household, str]:
    on = draw(DATES)
    person: Person = draw(cst.persons(on=on, jurisdiction=draw(PLACES)))
    household = Household("H", [Member(person, Relationship.APPLICANT, lives_together=True)])
    return on, household, person.id


FACTS = st.builds(
    DisabilitySubsidyFacts,
    needs_long_term_care=st.one_of(st.none(), st.booleans()),
    work_injury_care_allowance=st.one_of(st.none(), st.booleans()),
    child_allowance=st.one_of(st.none(), st.booleans()),
    other_living_allowance=MAYBE_MONEY,
    other_care_allowance=MAYBE_MONEY,
)


@given(cases(), FACTS, FACTS, st.sampled_from(AssistanceLayer))
def test_the_living_subsidy_reads_no_care_fact(
    case: tuple[dt.date, Household, str],
    facts: DisabilitySubsidyFacts,
    other: DisabilitySubsidyFacts,
    layer: AssistanceLayer,
) -> None:
    on, household, pid = case
    changed = DisabilitySubsidyFacts(
        needs_long_term_care=other.needs_long_term_care,
        work_injury_care_allowance=facts.work_injury_care_allowance,
        child_allowance=facts.child_allowance,
        other_living_allowance=facts.other_living_allowance,
        other_care_allowance=other.other_care_allowance,
    )
    first, _ = ds.assess_person(household, pid, on, layer=layer, facts=facts, book=BOOK)
    second, _ = ds.assess_person(household, pid, on, layer=layer, facts=changed, book=BOOK)
    assert first == second


@given(cases(), FACTS, NOT_EXTREME, NOT_EXTREME, MAYBE_MONEY)
def test_the_care_subsidy_reads_no_living_fact(
    case: tuple[dt.date, Household, str],
    facts: DisabilitySubsidyFacts,
    layer: AssistanceLayer,
    other_layer: AssistanceLayer,
    other_living: Decimal | None,
) -> None:
    on, household, pid = case
    changed = DisabilitySubsidyFacts(
        needs_long_term_care=facts.needs_long_term_care,
        work_injury_care_allowance=facts.work_injury_care_allowance,
        child_allowance=facts.child_allowance,
        other_living_allowance=other_living,
        other_care_allowance=facts.other_care_allowance,
    )
    _, first = ds.assess_person(household, pid, on, layer=layer, facts=facts, book=BOOK)
    _, second = ds.assess_person(household, pid, on, layer=other_layer, facts=changed, book=BOOK)
    assert first == second


@given(cases(), FACTS, st.sampled_from(AssistanceLayer))
def test_never_refused_for_reasons_of_the_other(
    case: tuple[dt.date, Household, str], facts: DisabilitySubsidyFacts, layer: AssistanceLayer
) -> None:
    on, household, pid = case
    living, care = ds.assess_person(household, pid, on, layer=layer, facts=facts, book=BOOK)
    assert not any(
        code.startswith("assistance.disability_subsidies.care.") for code in living.codes
    )
    assert not any(
        code.startswith("assistance.disability_subsidies.living.") for code in care.codes
    )
    # Both may be received together: an eligible pair is a pair of amounts.
    for decision in (living, care):
        assert (decision.outcome is Outcome.ELIGIBLE) is (decision.amount is not None)


@given(cases(), FACTS, st.sampled_from(AssistanceLayer))
def test_extreme_poverty_and_work_injury_exclude_both(
    case: tuple[dt.date, Household, str], facts: DisabilitySubsidyFacts, layer: AssistanceLayer
) -> None:
    on, household, pid = case
    for decision in ds.assess_person(
        household, pid, on, layer=layer, in_extreme_poverty=True, facts=facts, book=BOOK
    ):
        assert decision.outcome is Outcome.NOT_ELIGIBLE
    injured = DisabilitySubsidyFacts(
        needs_long_term_care=facts.needs_long_term_care, work_injury_care_allowance=True
    )
    for decision in ds.assess_person(household, pid, on, layer=layer, facts=injured, book=BOOK):
        assert decision.outcome is Outcome.NOT_ELIGIBLE


@given(cases(), FACTS, st.sampled_from(AssistanceLayer))
def test_a_top_up_child_is_treated_like_a_child_without_the_allowance(
    case: tuple[dt.date, Household, str], facts: DisabilitySubsidyFacts, layer: AssistanceLayer
) -> None:
    """民发〔2019〕62号 三(一): only "已全额领取事实无人抚养儿童补贴的残疾儿童" lose the living
    subsidy; a top-up (补差) leaves it as if no children's allowance were paid, and the full
    allowance or the orphan allowance never leaves it to a minor."""
    on, household, pid = case

    def living(kind: ChildAllowance) -> Outcome:
        with_kind = attrs.evolve(facts, child_allowance=None, child_allowance_kind=kind)
        decision, _ = ds.assess_person(household, pid, on, layer=layer, facts=with_kind, book=BOOK)
        return decision.outcome

    top_up, none = living(ChildAllowance.UNSUPPORTED_TOP_UP), living(ChildAllowance.NONE)
    assert top_up is none
    if household.members[0].person.age_on(on) < 18:  # 民法典 art. 17
        assert living(ChildAllowance.UNSUPPORTED_IN_FULL) is not Outcome.ELIGIBLE
        assert living(ChildAllowance.ORPHAN) is not Outcome.ELIGIBLE
