import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from builders import ON, WULONG, household, person

from civaffairs.assistance import children as ch
from civaffairs.assistance.children import (
    ChildCategory,
    ChildFacts,
    Parent,
    ParentSituation,
    Placement,
)
from civaffairs.conversion import structure, unstructure
from civaffairs.decisions import Decision, Outcome
from civaffairs.entities import (
    Disability,
    DisabilityCategory,
    Household,
    Relationship,
    SpecialStatus,
)
from civaffairs.errors import InvalidInputError
from civaffairs.parameters import default_book

DEAD = Parent(ParentSituation.DECEASED)
ABLE = Parent(ParentSituation.ABLE)
MISSING = Parent(ParentSituation.MISSING)


def grandchild(born: dt.date = dt.date(2015, 1, 1), **kw: Any) -> Household:
    return household(
        (person("g", born=dt.date(1955, 1, 1)), Relationship.APPLICANT),
        (person("c", born=born, **kw), Relationship.GRANDCHILD),
    )


def decide(
    father: Parent | None,
    mother: Parent | None,
    placement: Placement | None = Placement.DISPERSED,
    on: dt.date = ON,
    h: Household | None = None,
    **kw: Any,
) -> Decision:
    facts = ChildFacts(father, mother, placement)
    return ch.assess_person(h or grandchild(), "c", on, facts=facts, **kw)


@pytest.mark.parametrize(
    ("on", "placement", "amount", "example"),
    [
        (dt.date(2025, 6, 30), Placement.INSTITUTIONAL, 1825, True),
        (dt.date(2025, 6, 30), Placement.DISPERSED, 1625, True),
        (dt.date(2025, 7, 1), Placement.INSTITUTIONAL, 1851, False),
        (dt.date(2025, 7, 1), Placement.DISPERSED, 1651, False),
        (dt.date(2025, 12, 31), Placement.INSTITUTIONAL, 1851, False),
        (dt.date(2026, 1, 1), Placement.INSTITUTIONAL, 2000, False),
        (dt.date(2026, 1, 1), Placement.DISPERSED, 1651, False),
    ],
)
def test_chongqing_orphan_standards(
    on: dt.date, placement: Placement, amount: int, example: bool
) -> None:
    decision = decide(DEAD, MISSING, placement, on)
    assert decision.outcome is Outcome.ELIGIBLE
    assert "children.orphan" in decision.codes
    assert decision.amount is not None
    assert decision.amount.total == Decimal(amount)
    assert decision.uses_example_data is example


def test_unsupported_child_is_paid_by_reference_to_orphans() -> None:
    custody = Parent(ParentSituation.IN_CUSTODY, term_months=6)
    decision = decide(DEAD, custody)
    assert decision.outcome is Outcome.ELIGIBLE
    assert "children.unsupported" in decision.codes
    assert decision.amount is not None
    assert decision.amount.total == Decimal(1651)


def test_six_month_terms_include_six() -> None:
    for situation in (
        ParentSituation.IN_CUSTODY,
        ParentSituation.COMPULSORY_DRUG_REHABILITATION,
        ParentSituation.OTHER_RESTRICTION_OF_LIBERTY,
    ):
        assert decide(DEAD, Parent(situation, term_months=6)).eligible
        short = decide(DEAD, Parent(situation, term_months=5))
        assert short.outcome is Outcome.NOT_ELIGIBLE
        assert "children.neither" in short.codes


def test_lost_contact_reaches_six_months_on_the_month_end() -> None:
    lost = Parent(ParentSituation.LOST_CONTACT, since=dt.date(2025, 8, 31))
    assert not decide(DEAD, lost, on=dt.date(2026, 2, 27)).eligible
    assert decide(DEAD, lost, on=dt.date(2026, 2, 28)).eligible


@pytest.mark.parametrize(
    ("category", "grade", "severe"),
    [
        (DisabilityCategory.PHYSICAL, 2, True),
        (DisabilityCategory.PHYSICAL, 3, False),
        (DisabilityCategory.MENTAL, 4, True),
        (DisabilityCategory.INTELLECTUAL, 3, True),
        (DisabilityCategory.VISUAL, 4, False),
    ],
)
def test_severe_disability_definition(
    category: DisabilityCategory, grade: int, severe: bool
) -> None:
    parent = Parent(ParentSituation.SEVERE_DISABILITY, disability=Disability(category, grade))
    assert decide(DEAD, parent).eligible is severe


def test_listed_situations_on_both_sides() -> None:
    ill = Parent(ParentSituation.SERIOUS_ILLNESS)
    deported = Parent(ParentSituation.DEPORTED)
    revoked = Parent(ParentSituation.GUARDIANSHIP_REVOKED)
    assert decide(ill, deported).eligible
    assert decide(revoked, ill).eligible
    assert not decide(ill, ABLE).eligible


def test_unsupported_children_are_covered_from_2020() -> None:
    ill = Parent(ParentSituation.SERIOUS_ILLNESS)
    book = default_book().override(
        "assistance.children.orphan_allowance.dispersed",
        "500000",
        Decimal(1000),
        dt.date(2019, 1, 1),
        dt.date(2019, 12, 31),
    )
    before = decide(DEAD, ill, on=dt.date(2019, 12, 31), book=book)
    assert before.outcome is Outcome.NOT_ELIGIBLE
    assert "children.unsupported_not_covered" in before.codes
    orphan = decide(DEAD, DEAD, on=dt.date(2019, 12, 31), book=book)
    assert orphan.amount is not None
    assert orphan.amount.total == Decimal(1000)


def test_missing_facts() -> None:
    decision = decide(None, DEAD)
    assert decision.outcome is Outcome.CANNOT_DECIDE
    assert decision.missing == ("$.facts.father",)
    no_certificate = decide(Parent(ParentSituation.SEVERE_DISABILITY), DEAD)
    assert no_certificate.missing == ("$.facts.father.disability",)
    no_term = decide(DEAD, Parent(ParentSituation.IN_CUSTODY))
    assert no_term.missing == ("$.facts.mother.term_months",)
    no_date = decide(DEAD, Parent(ParentSituation.LOST_CONTACT))
    assert no_date.missing == ("$.facts.mother.since",)
    placement = decide(DEAD, DEAD, None)
    assert placement.outcome is Outcome.CANNOT_DECIDE
    assert placement.missing == ("$.facts.placement",)
    # An able parent settles it whatever the other's missing facts.
    settled = decide(ABLE, Parent(ParentSituation.SEVERE_DISABILITY))
    assert settled.outcome is Outcome.NOT_ELIGIBLE
    assert settled.missing == ()


def test_adulthood_and_students() -> None:
    eighteen = grandchild(dt.date(2007, 8, 1))
    assert "children.adult" in decide(DEAD, DEAD, h=eighteen).codes
    assert decide(DEAD, DEAD, h=grandchild(dt.date(2007, 8, 2))).eligible
    student = grandchild(dt.date(2007, 8, 1), statuses=[SpecialStatus.FULL_TIME_STUDENT])
    assert not decide(DEAD, DEAD, h=student).eligible
    book = default_book().override(
        "assistance.children.continue_for_full_time_students", "500000", True, dt.date(2025, 1, 1)
    )
    assert decide(DEAD, DEAD, h=student, book=book).eligible


def test_classify_is_symmetric_and_dated() -> None:
    lost = Parent(ParentSituation.LOST_CONTACT, since=dt.date(2025, 1, 1))
    assert ch.classify(DEAD, MISSING, ON) is ChildCategory.ORPHAN
    assert ch.classify(DEAD, lost, ON) is ch.classify(lost, DEAD, ON) is ChildCategory.UNSUPPORTED
    assert ch.classify(ABLE, DEAD, ON) is ChildCategory.NEITHER
    assert ch.classify(Parent(ParentSituation.SEVERE_DISABILITY), DEAD, ON) is None


def test_registration_elsewhere_and_bad_input() -> None:
    assert decide(DEAD, DEAD, jurisdiction="500101").codes == ("children.registration_elsewhere",)
    with pytest.raises(InvalidInputError, match="term_months"):
        Parent(ParentSituation.IN_CUSTODY, term_months=-1)
    with pytest.raises(InvalidInputError, match="situation"):
        Parent("deceased")  # type: ignore[arg-type]


def test_assess_every_member_and_application() -> None:
    h = grandchild()
    facts = ChildFacts(DEAD, DEAD, Placement.DISPERSED)
    decisions = ch.assess(h, ON, facts={"c": facts})
    assert [d.outcome for d in decisions] == [Outcome.NOT_ELIGIBLE, Outcome.ELIGIBLE]
    application = ch.ChildApplication(h, "c", facts)
    data = unstructure(application, reveal_personal_data=True)
    assert structure(data, ch.ChildApplication) == application
    assert ch.assess_application(application, ON) == decisions[1]
    assert WULONG in decisions[1].jurisdiction
