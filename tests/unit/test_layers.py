"""The layered picture (分层分类社会救助): one household in each layer, and the wiring between
programmes (a higher layer excludes a lower one; a child allowance excludes 特困).

武隆区 (500156) households on 2025-08-01: rural dibao 630, 特困 basic 1001 (渝民规〔2025〕6号).
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from builders import ON, household, person, rural_family

from civaffairs.assistance import layers
from civaffairs.assistance.children import ChildFacts, Parent, ParentSituation, Placement
from civaffairs.assistance.disability_subsidies import DisabilitySubsidyFacts
from civaffairs.assistance.extreme_poverty import (
    ExtremePovertyFacts,
    SupportArrangement,
    Supporter,
)
from civaffairs.assistance.layers import LayeredAssessment, LayeredRequest, MemberFacts
from civaffairs.assistance.temporary import HardshipEvent, TemporaryAssistanceType
from civaffairs.conversion import dumps, loads
from civaffairs.decisions import Outcome
from civaffairs.entities import (
    AssistanceLayer,
    Disability,
    DisabilityCategory,
    Expenditure,
    ExpenditureType,
    Household,
    Income,
    IncomeType,
    Relationship,
    SpecialStatus,
    WorkCapacity,
)
from civaffairs.errors import InvalidInputError

L = AssistanceLayer


def layer_of(h: Household) -> LayeredAssessment:
    """Assess ``h``, establishing only that no member continues 特困 support from childhood."""
    not_continuing = ExtremePovertyFacts(supported_as_minor=False)
    facts = [MemberFacts(m.person.id, extreme_poverty=not_continuing) for m in h.members]
    return layers.assess_layers(h, ON, facts=facts)


def _alone_household() -> Household:
    return household(
        (person("a"), Relationship.APPLICANT),
        (person("d", disability=Disability(DisabilityCategory.PHYSICAL, 1)), Relationship.SPOUSE),
        incomes=[Income(IncomeType.WAGES, "1500", member="a")],
    )


def _elder() -> tuple[Household, MemberFacts]:
    h = household((person("e", born=dt.date(1940, 3, 1)), Relationship.APPLICANT))
    facts = ExtremePovertyFacts(
        supporters=(), activities_not_achieved=(), arrangement=SupportArrangement.DISPERSED
    )
    return h, MemberFacts("e", extreme_poverty=facts)


# -- One household in each layer ------------------------------------------------------------------


def test_a_dibao_household() -> None:
    picture = layer_of(rural_family(2, "1000"))
    assert picture.layer is L.DIBAO
    assert [m.layer for m in picture.members] == [L.DIBAO, L.DIBAO]
    assert picture.dibao.eligible
    assert not picture.marginal.eligible
    assert not picture.rigid_expenditure.eligible
    assert "assistance.layers.dibao" in [r.code for r in picture.reasons]


def test_a_marginal_household() -> None:
    picture = layer_of(rural_family(2, "1500"))
    assert picture.layer is L.MARGINAL
    assert {m.layer for m in picture.members} == {L.MARGINAL}
    assert not picture.rigid_expenditure.eligible


def test_an_adult_not_recorded_as_a_student_is_not_asked_about_school() -> None:
    # The spouse (45) is not recorded as a full-time student, so the continuation of minors'
    # support in school is not in question: the household is placed without extra facts.
    picture = layers.assess_layers(rural_family(2, "1500"), ON)
    assert picture.marginal.outcome is Outcome.ELIGIBLE
    assert picture.layer is L.MARGINAL


def test_a_rigid_expenditure_household() -> None:
    h = attrs.evolve(
        rural_family(2, "2000"), expenditures=[Expenditure(ExpenditureType.MEDICAL, "20000")]
    )
    picture = layer_of(h)
    assert picture.layer is L.RIGID_EXPENDITURE
    reason = next(r for r in picture.reasons if r.code == "assistance.layers.rigid_expenditure")
    assert "2026-08-01" in reason.en


def test_a_household_in_no_layer() -> None:
    picture = layer_of(rural_family(2, "5000"))
    assert picture.layer is L.NONE
    assert picture.reasons[-1].code == "assistance.layers.household_layer"
    assert not any(d.eligible for d in (picture.dibao, picture.marginal, picture.rigid_expenditure))


def _alone_facts() -> list[MemberFacts]:
    """The spouse is not 特困 (her husband supports her) and has no work-injury allowance."""
    return [
        MemberFacts(
            "d",
            extreme_poverty=ExtremePovertyFacts(
                supporters=(Supporter(Relationship.SPOUSE, "a", situations=()),)
            ),
            disability=DisabilitySubsidyFacts(work_injury_care_allowance=False),
        )
    ]


def test_single_person_inclusion_splits_the_household() -> None:
    # 57号 art. 8: the severely disabled spouse is covered alone; the household is marginal.
    picture = layers.assess_layers(_alone_household(), ON, facts=_alone_facts())
    assert not picture.extreme_poverty[1].eligible
    assert picture.member_layer("d") is L.DIBAO
    assert picture.member_layer("a") is L.MARGINAL
    assert picture.layer is L.DIBAO  # the most protected layer of its members
    assert picture.marginal.eligible
    codes = [r.code for r in picture.reasons]
    assert "assistance.layers.dibao_single_person" in codes
    assert "assistance.layers.dibao" not in codes
    # The living subsidy follows the member's own layer: dibao.
    living = dict(zip(["a", "d"], picture.disability_living, strict=True))
    assert living["d"].eligible
    assert not living["a"].eligible


def test_an_extreme_poverty_person() -> None:
    h, facts = _elder()
    picture = layers.assess_layers(h, ON, facts=[facts])
    assert picture.layer is L.EXTREME_POVERTY
    assert picture.extreme_poverty[0].eligible
    # The household would pass dibao's test, but no lower layer is recognised.
    assert not picture.marginal.eligible
    assert not picture.rigid_expenditure.eligible
    assert "assistance.layers.extreme_poverty" in [r.code for r in picture.reasons]


def test_excluded_members_are_in_no_layer() -> None:
    prisoner = person("x", statuses=[SpecialStatus.SERVING_SENTENCE])
    h = household(
        (person("a"), Relationship.APPLICANT),
        (prisoner, Relationship.SPOUSE),
        incomes=[Income(IncomeType.WAGES, "300", member="a")],
    )
    picture = layer_of(h)
    assert picture.member_layer("a") is L.DIBAO
    assert picture.member_layer("x") is L.NONE


# -- Wiring between programmes --------------------------------------------------------------------


def test_an_orphan_is_not_also_extreme_poverty() -> None:
    grandmother = person("g", born=dt.date(1950, 1, 1))
    orphan = person("c", born=dt.date(2015, 6, 1))
    h = household(
        (grandmother, Relationship.APPLICANT),
        (orphan, Relationship.GRANDCHILD),
        incomes=[Income(IncomeType.TRANSFER, "3000", member="g")],
    )
    dead = Parent(ParentSituation.DECEASED)
    facts = MemberFacts(
        "c",
        extreme_poverty=ExtremePovertyFacts(
            supporters=(), activities_not_achieved=(), arrangement=SupportArrangement.DISPERSED
        ),
        child=ChildFacts(father=dead, mother=dead, placement=Placement.DISPERSED),
    )
    picture = layers.assess_layers(h, ON, facts=[facts])
    child = dict(zip(["g", "c"], picture.children, strict=True))["c"]
    extreme = dict(zip(["g", "c"], picture.extreme_poverty, strict=True))["c"]
    assert child.eligible
    assert not extreme.eligible  # the child allowance was passed on
    assert picture.member_layer("c") is L.NONE


def test_the_callers_own_child_allowance_fact_is_kept() -> None:
    # A minor whose parents' situation is unknown: the child allowance cannot be decided, so
    # 特困 cannot either — unless the caller has established that no child allowance is paid.
    h = household(
        (person("g", born=dt.date(1950, 1, 1)), Relationship.APPLICANT),
        (person("c", born=dt.date(2012, 6, 1)), Relationship.GRANDCHILD),
        incomes=[Income(IncomeType.TRANSFER, "3000", member="g")],
    )
    ep = ExtremePovertyFacts(
        supporters=(), activities_not_achieved=(), arrangement=SupportArrangement.DISPERSED
    )
    wired = layers.assess_layers(h, ON, facts=[MemberFacts("c", extreme_poverty=ep)])
    assert wired.children[1].outcome is Outcome.CANNOT_DECIDE
    assert wired.extreme_poverty[1].outcome is Outcome.CANNOT_DECIDE
    kept = layers.assess_layers(
        h,
        ON,
        facts=[MemberFacts("c", extreme_poverty=attrs.evolve(ep, child_allowance=False))],
    )
    assert kept.extreme_poverty[1].eligible
    assert kept.member_layer("c") is L.EXTREME_POVERTY
    assert kept.layer is L.EXTREME_POVERTY


def test_undecided_extreme_poverty_leaves_the_lower_layers_undecided() -> None:
    # Whether the spouse is 特困 is not known (her supporters are not given): the household
    # may be in the 特困 layer, so it is not placed as marginal; the lead names the fact.
    picture = layer_of(_alone_household())
    assert picture.marginal.outcome is Outcome.CANNOT_DECIDE
    assert picture.marginal.missing == ("$.facts.supporters",)
    assert picture.member_layer("a") is L.NONE
    assert picture.member_layer("d") is L.DIBAO


def _sibling_household() -> Household:
    """An applicant earning 1512 a month and a sibling aged 75, physical grade 1, no income."""
    sibling = person(
        "b", born=dt.date(1950, 1, 1), disability=Disability(DisabilityCategory.PHYSICAL, 1)
    )
    return household(
        (person("a"), Relationship.APPLICANT),
        (sibling, Relationship.SIBLING),
        incomes=[Income(IncomeType.WAGES, "1512", member="a")],
    )


def test_meeting_the_extreme_poverty_conditions_places_the_member() -> None:
    # Regression: the sibling meets every 特困 condition; only the care tier and arrangement
    # (amount facts) are missing.  She is in the 特困 layer, the household is not marginal,
    # and neither disability subsidy is paid.
    facts = [MemberFacts("b", extreme_poverty=ExtremePovertyFacts(supporters=()))]
    picture = layers.assess_layers(_sibling_household(), ON, facts=facts)
    sibling = picture.extreme_poverty[1]
    assert sibling.outcome is Outcome.CANNOT_DECIDE
    assert picture.member_layer("b") is L.EXTREME_POVERTY
    assert picture.layer is L.EXTREME_POVERTY
    # She is left out of the household (no double coverage); the applicant alone earns
    # 1512 ≥ 1.5 × 630: not marginal.
    assert picture.marginal.outcome is Outcome.NOT_ELIGIBLE
    assert "assistance.marginal.extreme_poverty_excluded" in picture.marginal.codes
    assert "assistance.marginal.income_not_below_margin" in picture.marginal.codes
    assert picture.rigid_expenditure.outcome is Outcome.NOT_ELIGIBLE
    for decision in (picture.disability_living[1], picture.disability_care[1]):
        assert decision.outcome is Outcome.NOT_ELIGIBLE
        assert "assistance.disability_subsidies.extreme_poverty_excludes" in decision.codes


def test_undecided_extreme_poverty_makes_the_subsidies_undecided() -> None:
    facts = [
        MemberFacts(
            "b",
            extreme_poverty=ExtremePovertyFacts(),  # supporters unknown
            disability=DisabilitySubsidyFacts(
                needs_long_term_care=True, work_injury_care_allowance=False
            ),
        )
    ]
    picture = layers.assess_layers(_sibling_household(), ON, facts=facts)
    assert picture.extreme_poverty[1].missing[0] == "$.facts.supporters"
    for decision in (picture.disability_living[1], picture.disability_care[1]):
        assert decision.outcome is Outcome.CANNOT_DECIDE
        assert "$.facts.supporters" in decision.missing
        assert "assistance.disability_subsidies.extreme_poverty_unknown" in decision.codes


def test_undecided_programmes_are_listed_as_leads() -> None:
    picture = layer_of(_alone_household())
    assert picture.undecided
    lead = next(r for r in picture.reasons if r.code == "assistance.layers.undecided")
    assert "$.facts.supporters" in lead.en
    assert all(": $." in item for item in picture.missing)


def test_temporary_assistance_for_each_event() -> None:
    events = [
        HardshipEvent(TemporaryAssistanceType.URGENT, dt.date(2025, 7, 1), "100", 1, True),
        HardshipEvent(TemporaryAssistanceType.EXPENDITURE, dt.date(2025, 7, 2), "0", 1, True),
    ]
    picture = layers.assess_layers(rural_family(2, "1500"), ON, events=events)
    assert [d.outcome for d in picture.temporary] == [Outcome.ELIGIBLE, Outcome.NOT_ELIGIBLE]
    assert picture.temporary[0] in picture.eligible


def test_decisions_lists_every_decision() -> None:
    picture = layer_of(rural_family(3, "1500"))
    assert len(picture.decisions) == 3 + 4 * 3
    assert picture.decisions[0] is picture.dibao


# -- Dates ----------------------------------------------------------------------------------------


def test_before_the_rigid_expenditure_measures_a_higher_layer_is_still_decided() -> None:
    # The rigid-expenditure rule reads no parameter of its own for a household above it.
    picture = layers.assess_layers(rural_family(2, "1000"), dt.date(2024, 8, 1))
    assert picture.layer is L.DIBAO


def test_before_the_rigid_expenditure_measures_other_households_are_in_no_layer() -> None:
    """《刚性支出困难家庭认定办法》 第十四条: "本办法自2025年1月1日起施行。"

    Changed (it used to raise for the missing 2024 figures): before 2025-01-01 the
    rigid-expenditure layer is simply not reachable, and the assessment still runs.
    """
    picture = layers.assess_layers(rural_family(2, "5000"), dt.date(2024, 8, 1))
    assert picture.layer is L.NONE
    assert picture.rigid_expenditure.codes == ("assistance.rigid_expenditure.not_in_force",)


# -- Bad input -----------------------------------------------------------------------------------


def test_facts_for_someone_not_in_the_household_are_refused() -> None:
    with pytest.raises(InvalidInputError) as caught:
        layers.assess_layers(rural_family(1, "0"), ON, facts=[MemberFacts("zz")])
    assert caught.value.path == "$.facts[0].person"


def test_two_entries_for_one_member_are_refused() -> None:
    with pytest.raises(InvalidInputError) as caught:
        layers.assess_layers(rural_family(1, "0"), ON, facts=[MemberFacts("a"), MemberFacts("a")])
    assert caught.value.path == "$.facts[1].person"


def test_facts_of_the_wrong_type_are_refused() -> None:
    with pytest.raises(InvalidInputError) as caught:
        layers.assess_layers(rural_family(1, "0"), ON, facts=["a"])  # type: ignore[list-item]
    assert caught.value.path == "$.facts[0]"
    with pytest.raises(InvalidInputError) as caught:
        MemberFacts("a", extreme_poverty=ChildFacts())  # type: ignore[arg-type]
    assert caught.value.path == "$.extreme_poverty"
    with pytest.raises(InvalidInputError) as caught:
        MemberFacts("")
    assert caught.value.path == "$.person"


def test_a_bad_event_is_reported_by_its_position() -> None:
    late = HardshipEvent(TemporaryAssistanceType.URGENT, ON + dt.timedelta(days=1), "0", 1, True)
    with pytest.raises(InvalidInputError) as caught:
        layers.assess_layers(rural_family(1, "0"), ON, events=[late])
    assert caught.value.path == "$.events[0].occurred_on"


def test_asking_for_someone_elses_layer_is_refused() -> None:
    with pytest.raises(InvalidInputError):
        layer_of(rural_family(1, "0")).member_layer("zz")


# -- Explanation and JSON --------------------------------------------------------------------------


def test_rendering_names_the_layer_and_flags_example_data() -> None:
    picture = layer_of(_alone_household())
    zh = picture.render("zh")
    assert "层级: 最低生活保障" in zh
    assert "低保边缘家庭" in zh
    assert "示例数据" in zh
    assert "layer: dibao" in picture.render("en")
    assert picture.uses_example_data


def test_layer_labels() -> None:
    assert layers.layer_label(L.RIGID_EXPENDITURE) == "刚性支出困难家庭"
    assert layers.layer_label(L.NONE, "en") == "none of the low-income layers"


def test_the_assessment_and_the_request_round_trip_through_json() -> None:
    h, facts = _elder()
    event = HardshipEvent(TemporaryAssistanceType.URGENT, dt.date(2025, 7, 1), "100", 1, True)
    request = LayeredRequest(h, [facts], [event])
    back = loads(dumps(request), LayeredRequest)
    assert back == request
    picture = layers.assess_request(back, ON)
    assert picture == layers.assess_layers(h, ON, facts=[facts], events=[event])
    assert loads(dumps(picture), LayeredAssessment) == picture


def test_an_extreme_poverty_member_is_supported_once() -> None:
    """No double coverage (民发〔2021〕57号 art. 7 second paragraph (三), provinces' rule,
    ``assistance.dibao.members.exclude_extreme_poverty``): the sibling meets every 特困
    condition and is supported by 特困 alone; the applicant's 低保 counts only herself —
    630 − 300 — not the sibling's share a second time."""
    sibling = person(
        "b", born=dt.date(1950, 1, 1), disability=Disability(DisabilityCategory.PHYSICAL, 1)
    )
    h = household(
        (person("a"), Relationship.APPLICANT),
        (sibling, Relationship.SIBLING),
        incomes=[Income(IncomeType.WAGES, "300", member="a")],
    )
    facts = [MemberFacts("b", extreme_poverty=ExtremePovertyFacts(supporters=()))]
    picture = layers.assess_layers(h, ON, facts=facts)
    assert picture.member_layer("b") is L.EXTREME_POVERTY
    assert picture.member_layer("a") is L.DIBAO
    assert picture.dibao.amount is not None
    assert picture.dibao.amount.total == 630 - 300
    assert "assistance.dibao.extreme_poverty_excluded" in picture.dibao.codes
    dibao_reason = next(r for r in picture.reasons if r.code == "assistance.layers.dibao")
    assert dict(dibao_reason.facts)["count"] == "1"


GRADE_2 = Disability(DisabilityCategory.PHYSICAL, 2)


def test_a_disabled_child_on_the_top_up_keeps_the_living_subsidy() -> None:
    """民发〔2019〕62号 三(一): "已获得最低生活保障金、特困人员救助供养金或者困难残疾人生活补贴且
    未达到事实无人抚养儿童基本生活保障补贴标准的进行补差发放……已全额领取事实无人抚养儿童补贴的
    残疾儿童不享受困难残疾人生活补贴。" — only the *full* allowance bars the living subsidy.  The
    grandchild (father dead, mother in custody, 630 of 低保 received) is paid the top-up; the
    layered assessment passes which allowance and how (children.allowance_kind), not a plain
    yes, so the living subsidy is still paid.
    """
    h = household(
        (attrs.evolve(person("g"), work_capacity=WorkCapacity.FULL), Relationship.APPLICANT),
        (
            person(
                "c", born=dt.date(2015, 1, 1), disability=Disability(DisabilityCategory.PHYSICAL, 2)
            ),
            Relationship.GRANDCHILD,
        ),
        incomes=[Income(IncomeType.TRANSFER, "300", member="g")],
    )
    facts = MemberFacts(
        "c",
        child=ChildFacts(
            Parent(ParentSituation.DECEASED),
            Parent(ParentSituation.IN_CUSTODY, term_months=12),
            Placement.DISPERSED,
            assistance_received="630",
        ),
        disability=DisabilitySubsidyFacts(
            needs_long_term_care=False, work_injury_care_allowance=False
        ),
    )
    picture = layers.assess_layers(h, ON, facts=[facts])
    assert "assistance.children.top_up" in picture.children[1].codes
    assert picture.member_layer("c") is L.DIBAO
    living = picture.disability_living[1]
    assert living.eligible
    assert "assistance.disability_subsidies.living.unsupported_top_up" in living.codes
