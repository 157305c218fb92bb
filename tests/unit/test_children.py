import datetime as dt
from decimal import Decimal
from typing import Any

import attrs
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
    ChildAllowance,
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
MISSING = Parent(ParentSituation.DECLARED_MISSING)


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
    *,
    received: Decimal | str | None = "0",
    **kw: Any,
) -> Decision:
    facts = ChildFacts(father, mother, placement, assistance_received=received)
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
    assert "assistance.children.orphan" in decision.codes
    assert decision.amount is not None
    assert decision.amount.total == Decimal(amount)
    assert decision.uses_example_data is example


def test_unsupported_child_is_paid_by_reference_to_orphans() -> None:
    custody = Parent(ParentSituation.IN_CUSTODY, term_months=6)
    decision = decide(DEAD, custody)
    assert decision.outcome is Outcome.ELIGIBLE
    assert "assistance.children.unsupported" in decision.codes
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
        assert "assistance.children.neither" in short.codes


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
    assert "assistance.children.unsupported_not_covered" in before.codes
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
    assert "assistance.children.adult" in decide(DEAD, DEAD, h=eighteen).codes
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
    assert decide(DEAD, DEAD, jurisdiction="500101").codes == (
        "assistance.children.registration_elsewhere",
    )
    with pytest.raises(InvalidInputError, match="term_months"):
        Parent(ParentSituation.IN_CUSTODY, term_months=-1)
    with pytest.raises(InvalidInputError, match="situation"):
        Parent("deceased")  # type: ignore[arg-type]


def test_assess_every_member_and_application() -> None:
    h = grandchild()
    facts = ChildFacts(DEAD, DEAD, Placement.DISPERSED, assistance_received="0")
    decisions = ch.assess(h, ON, facts={"c": facts})
    assert [d.outcome for d in decisions] == [Outcome.NOT_ELIGIBLE, Outcome.ELIGIBLE]
    application = ch.ChildApplication(h, "c", facts)
    data = unstructure(application, reveal_personal_data=True)
    assert structure(data, ch.ChildApplication) == application
    assert ch.assess_application(application, ON) == decisions[1]
    assert WULONG in decisions[1].jurisdiction


# -- 民发〔2019〕62号, read: 失踪, top-up, payable months ------------------------------------------

CUSTODY = Parent(ParentSituation.IN_CUSTODY, term_months=12)
NOT_FOUND = Parent(ParentSituation.CANNOT_BE_FOUND)


def test_missing_means_declared_missing_by_a_court() -> None:
    """62号 一: "死亡是指自然死亡或人民法院宣告死亡，失踪是指人民法院宣告失踪。"

    One parent declared missing, the other in custody for six months or more: 事实无人抚养.
    One parent who merely cannot be found, the other in custody: not 失踪, so neither —
    until a court declares the parent missing or contact has been lost for six months.
    """
    declared = decide(Parent(ParentSituation.DECLARED_MISSING), CUSTODY)
    assert declared.eligible
    assert "assistance.children.unsupported" in declared.codes
    unreachable = decide(NOT_FOUND, CUSTODY)
    assert unreachable.outcome is Outcome.NOT_ELIGIBLE
    assert "assistance.children.not_declared_missing" in unreachable.codes
    reason = next(
        r for r in unreachable.reasons if r.code == "assistance.children.not_declared_missing"
    )
    assert reason.citation.document.number == "民发〔2019〕62号"
    lost = Parent(ParentSituation.LOST_CONTACT, since=ON - dt.timedelta(days=200))
    assert decide(lost, CUSTODY).eligible
    assert ch.classify(NOT_FOUND, CUSTODY, ON) is ch.classify(CUSTODY, NOT_FOUND, ON)


def test_parents_who_cannot_be_found_make_an_orphan() -> None:
    """国务院办公厅关于加强孤儿保障工作的意见 一: "孤儿是指失去父母、查找不到生父母的未满18周岁的
    未成年人"."""
    assert ch.classify(NOT_FOUND, NOT_FOUND, ON) is ChildCategory.ORPHAN
    assert ch.classify(NOT_FOUND, DEAD, ON) is ChildCategory.ORPHAN
    orphan = decide(NOT_FOUND, DEAD, received=None)
    assert orphan.eligible
    assert "assistance.children.orphan" in orphan.codes


def test_an_unsupported_child_on_dibao_gets_the_difference() -> None:
    """62号 三(一): "已获得最低生活保障金、特困人员救助供养金或者困难残疾人生活补贴且未达到事实
    无人抚养儿童基本生活保障补贴标准的进行补差发放，其他事实无人抚养儿童按照补贴标准全额发放。"

    武隆区 2025-08-01, 社会散居: standard 1651; 630 of 低保 per capita already received → 1021.
    """
    decision = decide(DEAD, CUSTODY, received="630")
    assert decision.eligible
    assert decision.amount is not None
    assert decision.amount.total == Decimal(1021)
    assert [line.code for line in decision.amount.lines] == ["allowance", "assistance_received"]
    assert sum(line.amount for line in decision.amount.lines) == decision.amount.total
    assert "assistance.children.top_up" in decision.codes
    assert ch.allowance_kind(decision) is ChildAllowance.UNSUPPORTED_TOP_UP


def test_an_unsupported_child_with_no_assistance_gets_the_full_allowance() -> None:
    """62号 三(一): "其他事实无人抚养儿童按照补贴标准全额发放"."""
    decision = decide(DEAD, CUSTODY, received="0")
    assert decision.amount is not None
    assert decision.amount.total == Decimal(1651)
    assert "assistance.children.in_full" in decision.codes
    assert ch.allowance_kind(decision) is ChildAllowance.UNSUPPORTED_IN_FULL


@pytest.mark.parametrize("received", ["1651", "1800"])
def test_assistance_at_or_above_the_standard_leaves_nothing_to_top_up(received: str) -> None:
    """62号 三(一): only those whose assistance "未达到…补贴标准" are topped up."""
    decision = decide(DEAD, CUSTODY, received=received)
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert decision.amount is None
    assert "assistance.children.no_top_up" in decision.codes
    assert ch.allowance_kind(decision) is ChildAllowance.NONE


def test_unknown_assistance_received_cannot_be_decided_where_it_matters() -> None:
    """62号 三(一): the top-up needs the assistance received; an orphan's allowance does not."""
    unsupported = decide(DEAD, CUSTODY, received=None)
    assert unsupported.outcome is Outcome.CANNOT_DECIDE
    assert unsupported.missing == ("$.facts.assistance_received",)
    assert ch.allowance_kind(unsupported) is None
    orphan = decide(DEAD, DEAD, received=None)
    assert orphan.eligible
    assert ch.allowance_kind(orphan) is ChildAllowance.ORPHAN
    # An able parent settles it whatever the assistance.
    assert decide(ABLE, CUSTODY, received=None).outcome is Outcome.NOT_ELIGIBLE


def test_an_orphan_is_paid_the_standard_whatever_else_is_received() -> None:
    """62号 三(一) is the 事实无人抚养 rule; no top-up rule for orphans was read."""
    decision = decide(DEAD, DEAD, received="630")
    assert decision.amount is not None
    assert decision.amount.total == Decimal(1651)


def test_the_allowance_is_payable_from_the_month_after_the_decision() -> None:
    """62号 二(三): "符合条件的，从确认的次月起纳入保障范围"."""
    decision = decide(DEAD, CUSTODY, on=dt.date(2025, 12, 31))
    assert decision.payable is not None
    assert decision.payable_from == dt.date(2026, 1, 1)
    assert decision.payable.last_month is None
    assert decision.payable.first_basis.article == "二(三)"
    assert "2026-01" in decision.render()
    assert decide(DEAD, DEAD).payable is None  # orphans: no such rule was read


def test_the_six_months_are_62s_own() -> None:
    """62号 一: "失联是指失去联系且未履行监护抚养责任6个月以上；服刑在押、强制隔离戒毒或被执行
    其他限制人身自由的措施是指期限在6个月以上"."""
    value = default_book().get("assistance.children.unsupported.min_months", WULONG, ON)
    assert value.value == 6
    assert value.status.value == "sourced"
    assert value.source is not None
    assert value.source.document_number == "民发〔2019〕62号"
    assert value.article is not None
    assert "6个月以上" in value.article


def test_bad_assistance_received_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="assistance_received"):
        ChildFacts(DEAD, DEAD, Placement.DISPERSED, assistance_received="-1")
    with pytest.raises(InvalidInputError, match=r"\$\.programme"):
        ch.allowance_kind(attrs.evolve(decide(DEAD, DEAD), programme="x"))
