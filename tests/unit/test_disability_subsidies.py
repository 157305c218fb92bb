import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from builders import ON, household, person

from civaffairs.assistance import disability_subsidies as ds
from civaffairs.assistance import extreme_poverty
from civaffairs.assistance.disability_subsidies import DisabilitySubsidyFacts
from civaffairs.assistance.extreme_poverty import ExtremePovertyFacts, Supporter
from civaffairs.conversion import structure, unstructure
from civaffairs.decisions import Decision, Outcome
from civaffairs.entities import (
    AssistanceLayer,
    ChildAllowance,
    Disability,
    DisabilityCategory,
    Household,
    Person,
    Relationship,
)
from civaffairs.errors import InvalidInputError, ParameterOutOfRangeError
from civaffairs.parameters import default_book

SUIXIAN = "421321"  # 随县, 随州市, 湖北省: Hubei's 2016 provincial figures apply (sourced)
NEEDS_CARE = DisabilitySubsidyFacts(needs_long_term_care=True, work_injury_care_allowance=False)


def disabled(
    category: DisabilityCategory = DisabilityCategory.PHYSICAL,
    grade: int = 1,
    *,
    born: dt.date = dt.date(1970, 1, 1),
    where: str = SUIXIAN,
) -> Household:
    p = person("a", born=born, where=where, disability=Disability(category, grade))
    return household((p, Relationship.APPLICANT))


def both(
    h: Household,
    layer: AssistanceLayer = AssistanceLayer.DIBAO,
    facts: DisabilitySubsidyFacts = NEEDS_CARE,
    on: dt.date = ON,
    **kw: Any,
) -> tuple[Decision, Decision]:
    return ds.assess_person(h, "a", on, layer=layer, facts=facts, **kw)


def test_hubei_floor_from_2016_01_01() -> None:
    living, care = both(disabled(), on=dt.date(2016, 1, 1))
    assert (living.outcome, care.outcome) == (Outcome.ELIGIBLE, Outcome.ELIGIBLE)
    assert living.amount is not None
    assert care.amount is not None
    assert (living.amount.total, care.amount.total) == (Decimal(50), Decimal(100))
    # The amounts are Hubei's own (sourced); only the first payable month is example data.
    for decision in (living, care):
        assert not any(p.status.value == "example" for r in decision.reasons for p in r.parameters)
        assert decision.uses_example_data  # the payable offset below
    assert living.programme == "assistance.disability_subsidies.living"
    assert care.programme == "assistance.disability_subsidies.care"


def test_payable_from_the_month_after_the_decision_as_example_data() -> None:
    """No text read says from which month the subsidies are paid (国发〔2015〕52号 is not on
    disk); the 低保 rule — 民发〔2021〕57号 art. 21 "从作出确认同意决定之日下月起发放" — stands in
    as example data (``<programme>.payable.first_month_offset`` = 1)."""
    living, care = both(disabled(), on=dt.date(2016, 12, 15))
    for decision, name in (
        (living, "assistance.disability_subsidies.living.payable.first_month_offset"),
        (care, "assistance.disability_subsidies.care.payable.first_month_offset"),
    ):
        assert decision.payable is not None
        assert decision.payable_from == dt.date(2017, 1, 1)
        assert decision.payable_until is None
        assert [p.name for p in decision.payable.parameters] == [name]
        assert decision.payable.parameters[0].status.value == "example"
        assert decision.payable.first_basis.document.number == "国发〔2015〕52号"
    # A local rule paying from the month of the decision is a parameter override.
    book = default_book().override(
        "assistance.disability_subsidies.care.payable.first_month_offset",
        "420000",
        0,
        dt.date(2016, 1, 1),
    )
    _, same_month = both(disabled(), on=dt.date(2016, 12, 15), book=book)
    assert same_month.payable_from == dt.date(2016, 12, 1)
    # A refusal pays nothing, so it has no payable months.
    refused, _ = both(disabled(), AssistanceLayer.NONE)
    assert refused.payable is None


def test_before_the_subsidies_existed_is_an_error() -> None:
    with pytest.raises(ParameterOutOfRangeError):
        both(disabled(), on=dt.date(2015, 12, 31))


def test_elsewhere_the_national_example_stands_in() -> None:
    living, care = both(disabled(where="500156"))
    assert living.uses_example_data
    assert care.uses_example_data


def test_care_subsidy_is_not_means_tested() -> None:
    living, care = both(disabled(), AssistanceLayer.NONE)
    assert living.outcome is Outcome.NOT_ELIGIBLE
    assert "assistance.disability_subsidies.living.household_layer" in living.codes
    assert care.outcome is Outcome.ELIGIBLE


def test_living_subsidy_for_any_grade_in_a_dibao_household() -> None:
    living, care = both(disabled(DisabilityCategory.HEARING, 4))
    assert living.outcome is Outcome.ELIGIBLE
    assert care.outcome is Outcome.NOT_ELIGIBLE
    assert "assistance.disability_subsidies.care.grade" in care.codes


def test_extreme_poverty_excludes_both() -> None:
    for decision in both(disabled(), AssistanceLayer.EXTREME_POVERTY):
        assert decision.outcome is Outcome.NOT_ELIGIBLE
        assert "assistance.disability_subsidies.extreme_poverty_excludes" in decision.codes
    living, care = both(disabled(), in_extreme_poverty=True)
    assert living.outcome is care.outcome is Outcome.NOT_ELIGIBLE
    # Explicitly not 特困, though the household is: the layer alone does not exclude.
    _, care = both(disabled(), AssistanceLayer.EXTREME_POVERTY, in_extreme_poverty=False)
    assert care.outcome is Outcome.ELIGIBLE


def test_work_injury_care_allowance_excludes_both() -> None:
    facts = DisabilitySubsidyFacts(needs_long_term_care=True, work_injury_care_allowance=True)
    for decision in both(disabled(), facts=facts):
        assert decision.outcome is Outcome.NOT_ELIGIBLE
        assert "assistance.disability_subsidies.work_injury_excludes" in decision.codes


def test_orphan_child_gets_the_care_subsidy_only() -> None:
    child = disabled(born=dt.date(2015, 1, 1))
    facts = DisabilitySubsidyFacts(
        needs_long_term_care=True, work_injury_care_allowance=False, child_allowance=True
    )
    living, care = both(child, facts=facts)
    assert living.outcome is Outcome.NOT_ELIGIBLE
    assert care.outcome is Outcome.ELIGIBLE
    assert "assistance.disability_subsidies.care.child_allowance" in care.codes
    living, care = both(child)
    assert living.outcome is Outcome.CANNOT_DECIDE
    assert living.missing == ("$.facts.child_allowance",)
    assert care.outcome is Outcome.ELIGIBLE
    # Adults are never asked.
    assert both(disabled())[0].missing == ()


def test_care_needs_long_term_care() -> None:
    _, unknown = both(disabled(), facts=DisabilitySubsidyFacts(work_injury_care_allowance=False))
    assert unknown.outcome is Outcome.CANNOT_DECIDE
    assert unknown.missing == ("$.facts.needs_long_term_care",)
    assert unknown.codes[-1] == "assistance.disability_subsidies.missing_facts"
    no_care = DisabilitySubsidyFacts(needs_long_term_care=False, work_injury_care_allowance=False)
    _, no = both(disabled(), facts=no_care)
    assert no.outcome is Outcome.NOT_ELIGIBLE
    # A grade the subsidy does not cover is decided even with the need unknown.
    _, grade3 = both(disabled(grade=3), facts=DisabilitySubsidyFacts())
    assert grade3.outcome is Outcome.NOT_ELIGIBLE
    assert grade3.missing == ()


def test_extension_to_grade_three_intellectual() -> None:
    h = disabled(DisabilityCategory.INTELLECTUAL, 3)
    assert both(h)[1].outcome is Outcome.NOT_ELIGIBLE
    book = (
        default_book()
        .override(
            "assistance.disability_subsidies.care.max_grade_intellectual_mental",
            "420000",
            3,
            dt.date(2024, 1, 1),
        )
        .override(
            "assistance.disability_subsidies.care.amount.grade_3",
            "420000",
            Decimal(80),
            dt.date(2024, 1, 1),
        )
    )
    _, care = both(h, book=book)
    assert care.amount is not None
    assert care.amount.total == Decimal(80)
    assert (
        both(disabled(DisabilityCategory.PHYSICAL, 3), book=book)[1].outcome is Outcome.NOT_ELIGIBLE
    )


def test_extension_to_marginal_households() -> None:
    assert both(disabled(), AssistanceLayer.MARGINAL)[0].outcome is Outcome.NOT_ELIGIBLE
    book = (
        default_book()
        .override(
            "assistance.disability_subsidies.living.extend_to_marginal",
            "420000",
            True,
            dt.date(2024, 1, 1),
        )
        .override(
            "assistance.disability_subsidies.living.amount_marginal",
            "420000",
            Decimal(30),
            dt.date(2024, 1, 1),
        )
    )
    living, _ = both(disabled(), AssistanceLayer.MARGINAL, book=book)
    assert living.amount is not None
    assert living.amount.total == Decimal(30)
    assert both(disabled(), AssistanceLayer.RIGID_EXPENDITURE, book=book)[0].amount is None


@pytest.mark.parametrize(("other", "paid"), [("49.99", True), ("50", False), ("60", False)])
def test_choose_the_higher_living_allowance(other: str, paid: bool) -> None:
    facts = DisabilitySubsidyFacts(
        needs_long_term_care=True, work_injury_care_allowance=False, other_living_allowance=other
    )
    living, care = both(disabled(), facts=facts)
    assert (living.outcome is Outcome.ELIGIBLE) is paid
    assert "assistance.disability_subsidies.similar_allowance" in living.codes
    assert care.outcome is Outcome.ELIGIBLE  # 择高 is per kind


def test_choose_the_higher_care_allowance() -> None:
    facts = DisabilitySubsidyFacts(
        needs_long_term_care=True,
        work_injury_care_allowance=False,
        other_care_allowance=Decimal(150),
    )
    living, care = both(disabled(), facts=facts)
    assert living.outcome is Outcome.ELIGIBLE
    assert care.outcome is Outcome.NOT_ELIGIBLE


def test_no_certificate_no_subsidy() -> None:
    h = household((person("a", where=SUIXIAN), Relationship.APPLICANT))
    for decision in both(h):
        assert decision.outcome is Outcome.NOT_ELIGIBLE
        assert "assistance.disability_subsidies.no_certificate" in decision.codes


def test_registration_elsewhere() -> None:
    for decision in both(disabled(), jurisdiction="500156"):
        assert decision.codes == ("assistance.disability_subsidies.registration_elsewhere",)


def test_assess_every_member() -> None:
    a = person("a", where=SUIXIAN, disability=Disability(DisabilityCategory.VISUAL, 2))
    b: Person = person("b", where=SUIXIAN)
    h = household((a, Relationship.APPLICANT), (b, Relationship.SPOUSE))
    pairs = ds.assess(h, ON, layer=AssistanceLayer.DIBAO, facts={"a": NEEDS_CARE})
    assert len(pairs) == 2
    assert pairs[0] == ds.assess_person(h, "a", ON, layer=AssistanceLayer.DIBAO, facts=NEEDS_CARE)
    assert all(d.outcome is Outcome.NOT_ELIGIBLE for d in pairs[1])


def test_bad_inputs() -> None:
    with pytest.raises(InvalidInputError):
        ds.assess_person(disabled(), "a", ON, layer="dibao")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        DisabilitySubsidyFacts(other_living_allowance=1.5)  # type: ignore[arg-type] # a float


def test_application_form() -> None:
    application = ds.DisabilitySubsidyApplication(
        disabled(), "a", AssistanceLayer.DIBAO, None, NEEDS_CARE
    )
    data = unstructure(application, reveal_personal_data=True)
    assert structure(data, ds.DisabilitySubsidyApplication) == application
    living, care = both(disabled())
    assert ds.assess_living_application(application, ON) == living
    assert ds.assess_care_application(application, ON) == care


def test_work_injury_care_allowance_unknown_cannot_decide() -> None:
    for decision in both(disabled(), facts=DisabilitySubsidyFacts(needs_long_term_care=True)):
        assert decision.outcome is Outcome.CANNOT_DECIDE
        assert decision.missing == ("$.facts.work_injury_care_allowance",)
        assert "assistance.disability_subsidies.work_injury_unknown" in decision.codes
    # A failed condition still decides: no certificate is "not eligible" with the fact unknown.
    h = household((person("a", where=SUIXIAN), Relationship.APPLICANT))
    for decision in both(h, facts=DisabilitySubsidyFacts()):
        assert decision.outcome is Outcome.NOT_ELIGIBLE
        assert decision.missing == ()


def _extreme_poverty_decision(h: Household, facts: ExtremePovertyFacts) -> Decision:
    return extreme_poverty.assess_person(h, "a", ON, facts=facts)


def test_extreme_poverty_decision_meeting_the_conditions_excludes_both() -> None:
    h = disabled(where="500156")
    # Every condition met; only the amount facts (care tier, arrangement) are missing.
    ep = _extreme_poverty_decision(h, ExtremePovertyFacts(supporters=()))
    assert ep.outcome is Outcome.CANNOT_DECIDE
    assert extreme_poverty.meets_conditions(ep) is True
    for decision in both(h, AssistanceLayer.DIBAO, extreme_poverty_decision=ep):
        assert decision.outcome is Outcome.NOT_ELIGIBLE
        assert "assistance.disability_subsidies.extreme_poverty_excludes" in decision.codes


def test_extreme_poverty_decision_undecided_cannot_decide() -> None:
    h = disabled(where="500156")
    ep = _extreme_poverty_decision(h, ExtremePovertyFacts())  # supporters unknown
    assert extreme_poverty.meets_conditions(ep) is None
    living, care = both(h, AssistanceLayer.DIBAO, extreme_poverty_decision=ep)
    for decision in (living, care):
        assert decision.outcome is Outcome.CANNOT_DECIDE
        assert "assistance.disability_subsidies.extreme_poverty_unknown" in decision.codes
        assert set(ep.missing) <= set(decision.missing)
    # Not 特困: the subsidies are decided as usual.
    not_ep = _extreme_poverty_decision(
        h,
        ExtremePovertyFacts(
            supporters=(
                Supporter(
                    Relationship.CHILD,
                    birth_date=dt.date(1980, 1, 1),
                    situations=(),
                    disabled=False,
                ),
            )
        ),
    )
    assert extreme_poverty.meets_conditions(not_ep) is False
    living, _ = both(h, AssistanceLayer.DIBAO, extreme_poverty_decision=not_ep)
    assert living.outcome is Outcome.ELIGIBLE


def test_extreme_poverty_decision_must_be_this_persons() -> None:
    h = disabled(where="500156")
    ep = _extreme_poverty_decision(h, ExtremePovertyFacts(supporters=()))
    other = household(
        (person("b", disability=Disability(DisabilityCategory.PHYSICAL, 1)), Relationship.APPLICANT)
    )
    with pytest.raises(InvalidInputError):
        ds.assess_person(other, "b", ON, layer=AssistanceLayer.DIBAO, extreme_poverty_decision=ep)
    with pytest.raises(InvalidInputError):
        both(h, extreme_poverty_decision=ep, in_extreme_poverty=False)


# -- 民发〔2019〕62号 三(一), read: the bar is on the FULL 事实无人抚养 allowance -------------

CHILD_BORN = dt.date(2015, 3, 3)


def child_with(kind: ChildAllowance, **kw: Any) -> tuple[Decision, Decision]:
    facts = DisabilitySubsidyFacts(
        needs_long_term_care=True, work_injury_care_allowance=False, child_allowance_kind=kind, **kw
    )
    return both(disabled(born=CHILD_BORN), facts=facts)


def test_a_child_paid_the_unsupported_allowance_in_full_has_no_living_subsidy() -> None:
    """62号 三(一): "已全额领取事实无人抚养儿童补贴的残疾儿童不享受困难残疾人生活补贴。"

    The care subsidy stays (62号 三(二): "符合条件的事实无人抚养儿童可同时享受重度残疾人护理补贴").
    """
    living, care = child_with(ChildAllowance.UNSUPPORTED_IN_FULL)
    assert living.outcome is Outcome.NOT_ELIGIBLE
    reason = next(
        r
        for r in living.reasons
        if r.code == "assistance.disability_subsidies.living.unsupported_in_full"
    )
    assert reason.citation.document.number == "民发〔2019〕62号"
    assert reason.citation.article == "三(一)"
    assert care.eligible
    care_reason = next(
        r for r in care.reasons if r.code == "assistance.disability_subsidies.care.child_allowance"
    )
    assert care_reason.citation.article == "三(二)"


def test_a_child_paid_a_top_up_keeps_the_living_subsidy() -> None:
    """62号 三(一): "已获得…困难残疾人生活补贴且未达到…补贴标准的进行补差发放" — only the
    full allowance ("已全额领取") bars the living subsidy."""
    living, care = child_with(ChildAllowance.UNSUPPORTED_TOP_UP)
    assert living.eligible
    assert "assistance.disability_subsidies.living.unsupported_top_up" in living.codes
    assert care.eligible


def test_the_orphan_bar_is_not_62s() -> None:
    """62号 says nothing of orphans; their bar stands on 52号 as restated by 湖北 2016."""
    living, _ = child_with(ChildAllowance.ORPHAN)
    assert living.outcome is Outcome.NOT_ELIGIBLE
    reason = next(
        r
        for r in living.reasons
        if r.code == "assistance.disability_subsidies.living.orphan_allowance"
    )
    assert reason.citation.document.number == "国发〔2015〕52号"
    neither, _ = child_with(ChildAllowance.NONE)
    assert neither.eligible


def test_the_kind_and_the_flag_must_agree() -> None:
    with pytest.raises(InvalidInputError, match=r"\$\.child_allowance"):
        DisabilitySubsidyFacts(
            child_allowance=False, child_allowance_kind=ChildAllowance.UNSUPPORTED_IN_FULL
        )
    facts = DisabilitySubsidyFacts(
        child_allowance=True, child_allowance_kind=ChildAllowance.UNSUPPORTED_TOP_UP
    )
    assert structure(unstructure(facts), DisabilitySubsidyFacts) == facts


def test_the_childrens_decision_feeds_the_subsidy() -> None:
    """A top-up decision of the children's allowance keeps the living subsidy, end to end."""
    from civaffairs.assistance import children as ch  # noqa: PLC0415 - composition in a test

    h = household(
        (person("g", born=dt.date(1950, 1, 1), where=SUIXIAN), Relationship.APPLICANT),
        (
            person(
                "c",
                born=CHILD_BORN,
                where=SUIXIAN,
                disability=Disability(DisabilityCategory.PHYSICAL, 1),
            ),
            Relationship.GRANDCHILD,
        ),
    )
    facts = ch.ChildFacts(
        ch.Parent(ch.ParentSituation.DECEASED),
        ch.Parent(ch.ParentSituation.IN_CUSTODY, term_months=24),
        ch.Placement.DISPERSED,
        assistance_received="50",
    )
    book = default_book().override(
        "assistance.children.unsupported_allowance.dispersed", "420000", Decimal(1200), ON
    )
    child = ch.assess_person(h, "c", ON, facts=facts, book=book)
    kind = ch.allowance_kind(child)
    assert kind is ChildAllowance.UNSUPPORTED_TOP_UP
    living, _care = ds.assess_person(
        h,
        "c",
        ON,
        layer=AssistanceLayer.DIBAO,
        facts=DisabilitySubsidyFacts(
            needs_long_term_care=True, work_injury_care_allowance=False, child_allowance_kind=kind
        ),
    )
    assert living.eligible
