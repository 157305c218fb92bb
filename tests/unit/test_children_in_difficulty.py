"""困境儿童 (国发〔2016〕36号): categories and their evidence, routes, dates, bad input."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import attrs
import pytest
from builders import ON, household, person

import civaffairs
from civaffairs.assistance import children_in_difficulty as cid
from civaffairs.assistance import layers
from civaffairs.assistance.children import ChildFacts, Parent, ParentSituation, Placement
from civaffairs.assistance.children_in_difficulty import (
    Category,
    ChildInDifficultyApplication,
    ChildInDifficultyFacts,
    EvidenceKind,
    GuardianshipSituation,
    Harm,
    Incident,
    Route,
)
from civaffairs.conversion import dumps, loads
from civaffairs.decisions import Outcome
from civaffairs.entities import (
    AssistanceLayer,
    ChildAllowance,
    Disability,
    DisabilityCategory,
    Household,
    Relationship,
)
from civaffairs.errors import InvalidDocumentError, InvalidInputError
from civaffairs.identity import generate
from civaffairs.parameters import default_book

#: every fact known, none of them evidence
NOTHING = ChildInDifficultyFacts(
    layer=AssistanceLayer.NONE,
    child_allowance=ChildAllowance.NONE,
    temporary_assistance=False,
    autism=False,
    in_welfare_institution=False,
    other_economic_hardship=False,
)


def child_home(
    born: dt.date = dt.date(2015, 1, 1), disability: Disability | None = None
) -> Household:
    return household(
        (person("g", born=dt.date(1955, 1, 1)), Relationship.APPLICANT),
        (person("c", born=born, disability=disability), Relationship.GRANDCHILD),
    )


def classify(on: dt.date = ON, h: Household | None = None, **facts: Any) -> cid.Classification:
    return cid.classify(h or child_home(), "c", on, facts=attrs.evolve(NOTHING, **facts))


def decide(on: dt.date = ON, h: Household | None = None, **facts: Any) -> Any:
    return cid.assess_person(h or child_home(), "c", on, facts=attrs.evolve(NOTHING, **facts))


def finding(found: cid.Classification, category: Category) -> cid.CategoryFinding:
    return next(f for f in found.categories if f.category is category)


# -- the three categories ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("layer", "kind"),
    [
        (AssistanceLayer.EXTREME_POVERTY, EvidenceKind.EXTREME_POVERTY),
        (AssistanceLayer.DIBAO, EvidenceKind.DIBAO),
    ],
)
def test_poverty_rests_on_the_layer(layer: AssistanceLayer, kind: EvidenceKind) -> None:
    """36号 序言: "因家庭贫困导致生活、就医、就学等困难的儿童";
    二(一): "对于无劳动能力、无生活来源、法定抚养人无抚养能力的未满16周岁儿童，
    纳入特困人员救助供养范围。对于法定抚养人有抚养能力但家庭经济困难的儿童，
    符合最低生活保障条件的纳入保障范围并适当提高救助水平".
    """
    found = classify(layer=layer)
    poverty = finding(found, Category.POVERTY)
    assert poverty.holds is True
    assert [(e.kind, e.path) for e in poverty.evidence] == [(kind, "$.facts.layer")]
    assert found.held == {Category.POVERTY}
    assert decide(layer=layer).outcome is Outcome.ELIGIBLE


@pytest.mark.parametrize(
    ("allowance", "kind"),
    [
        (ChildAllowance.ORPHAN, EvidenceKind.ORPHAN),
        (ChildAllowance.UNSUPPORTED_IN_FULL, EvidenceKind.UNSUPPORTED),
        (ChildAllowance.UNSUPPORTED_TOP_UP, EvidenceKind.UNSUPPORTED),
    ],
)
def test_the_orphan_and_unsupported_allowances_are_evidence_of_poverty(
    allowance: ChildAllowance, kind: EvidenceKind
) -> None:
    """36号 二(一) 保障基本生活: "对于无法定抚养人的儿童，纳入孤儿保障范围"."""
    found = classify(child_allowance=allowance)
    assert [e.kind for e in finding(found, Category.POVERTY).evidence] == [kind]
    assert Route.CHILDREN_ALLOWANCE in found.applying
    assert Route.CHILDREN_ALLOWANCE.programme == "assistance.children"


def test_temporary_assistance_is_evidence_of_poverty() -> None:
    """36号 二(一): "对于遭遇突发性、紧迫性、临时性基本生活困难家庭的儿童，按规定实施临时救助时要
    适当提高对儿童的救助水平"."""
    found = classify(temporary_assistance=True)
    assert found.held == {Category.POVERTY}
    assert Route.TEMPORARY_ASSISTANCE in found.applying
    assert Route.TEMPORARY_ASSISTANCE.programme == "assistance.temporary"


@pytest.mark.parametrize("layer", [AssistanceLayer.MARGINAL, AssistanceLayer.RIGID_EXPENDITURE])
def test_other_low_income_layers_count_only_where_the_province_says(
    layer: AssistanceLayer,
) -> None:
    """36号 二(一) names 孤儿, 特困, 低保 and 临时救助:
    "对于其他困境儿童，各地区也要做好基本生活保障工作";
    四: "各地区、各部门要根据实际情况和职责分工制定具体实施办法".
    """
    assert classify(layer=layer).held == frozenset()
    assert decide(layer=layer).outcome is Outcome.NOT_ELIGIBLE
    book = default_book().override(
        "assistance.children_in_difficulty.poverty.low_income_layers",
        "500000",
        value=True,
        effective_from=dt.date(2016, 6, 13),
    )
    found = cid.classify(child_home(), "c", ON, facts=attrs.evolve(NOTHING, layer=layer), book=book)
    assert found.held == {Category.POVERTY}
    assert Route.EDUCATION_AID in found.applying
    assert not found.applying & {Route.DIBAO, Route.EXTREME_POVERTY}


@pytest.mark.parametrize("grade", [1, 2, 3, 4])
def test_any_certified_disability_grade_makes_the_disability_category(grade: int) -> None:
    """36号 序言: "因自身残疾导致康复、照料、护理和社会融入等困难的儿童" (no grade is named)."""
    h = child_home(disability=Disability(DisabilityCategory.PHYSICAL, grade))
    found = classify(h=h)
    disability = finding(found, Category.DISABILITY)
    assert disability.holds is True
    assert [(e.kind, e.path) for e in disability.evidence] == [
        (EvidenceKind.DISABILITY_CERTIFICATE, "$.household.members[1].person.disability")
    ]


def test_a_province_may_count_only_severe_grades() -> None:
    """The grade is a dated parameter: 36号 names none, leaving it to the provinces."""
    book = default_book().override(
        "assistance.children_in_difficulty.disability.max_grade",
        "500000",
        value=2,
        effective_from=dt.date(2016, 6, 13),
    )
    facts = NOTHING
    mild = child_home(disability=Disability(DisabilityCategory.PHYSICAL, 3))
    severe = child_home(disability=Disability(DisabilityCategory.PHYSICAL, 2))
    assert cid.classify(mild, "c", ON, facts=facts, book=book).held == frozenset()
    assert cid.classify(severe, "c", ON, facts=facts, book=book).held == {Category.DISABILITY}


def test_autism_is_evidence_of_disability() -> None:
    """国发〔2018〕20号 二(一): "0—6岁视力、听力、言语、肢体、智力等残疾儿童和孤独症儿童"."""
    found = classify(autism=True)
    assert [e.kind for e in finding(found, Category.DISABILITY).evidence] == [EvidenceKind.AUTISM]


@pytest.mark.parametrize(
    ("situation", "kind"),
    [
        (GuardianshipSituation.GUARDIAN_WHEREABOUTS_UNKNOWN, EvidenceKind.ABSENT_GUARDIANSHIP),
        (GuardianshipSituation.GUARDIAN_HARMS, EvidenceKind.IMPROPER_GUARDIANSHIP),
        (GuardianshipSituation.OTHER_IMPROPER, EvidenceKind.IMPROPER_GUARDIANSHIP),
        (GuardianshipSituation.OTHER_ABSENT, EvidenceKind.ABSENT_GUARDIANSHIP),
    ],
)
@pytest.mark.parametrize("harm", [h for h in Harm if h is not Harm.NONE])
def test_guardianship_needs_a_situation_and_a_harm(
    situation: GuardianshipSituation, kind: EvidenceKind, harm: Harm
) -> None:
    """36号 序言: "因家庭监护缺失或监护不当遭受虐待、遗弃、意外伤害、不法侵害等导致人身安全受到威胁
    或侵害的儿童"."""
    found = classify(incidents=(Incident(situation, harm),))
    guardianship = finding(found, Category.GUARDIANSHIP)
    assert guardianship.holds is True
    assert [(e.kind, e.path) for e in guardianship.evidence] == [(kind, "$.facts.incidents[0]")]
    assert Route.GUARDIANSHIP_INTERVENTION in found.applying


def test_an_incident_without_harm_or_threat_is_no_evidence() -> None:
    """36号 序言: the category is of children whose "人身安全受到威胁或侵害"."""
    found = classify(incidents=(Incident(GuardianshipSituation.GUARDIAN_UNABLE, Harm.NONE),))
    assert finding(found, Category.GUARDIANSHIP).holds is False
    assert found.outcome is Outcome.NOT_ELIGIBLE


def test_an_incident_with_an_unknown_part_leaves_the_category_undecided() -> None:
    """A missing fact that matters makes the decision "cannot decide", naming its path."""
    facts = (Incident(None, Harm.ABUSE), Incident(GuardianshipSituation.GUARDIAN_HARMS, None))
    decision = decide(incidents=facts)
    assert decision.outcome is Outcome.CANNOT_DECIDE
    assert decision.missing == ("$.facts.incidents[0].situation", "$.facts.incidents[1].harm")
    assert "assistance.children_in_difficulty.missing_facts" in decision.codes


def test_no_facts_established_names_every_path() -> None:
    """Each fact not established is named; none is taken as "no"."""
    decision = cid.assess_person(child_home(), "c", ON)
    assert decision.outcome is Outcome.CANNOT_DECIDE
    assert decision.missing == (
        "$.facts.layer",
        "$.facts.child_allowance",
        "$.facts.temporary_assistance",
        "$.facts.autism",
    )


def test_a_held_category_is_decided_even_with_others_undecided() -> None:
    """36号 一(二) 坚持分类保障: each category is decided alone; undecided facts are listed."""
    facts = ChildInDifficultyFacts(layer=AssistanceLayer.DIBAO)
    decision = cid.assess_person(child_home(), "c", ON, facts=facts)
    assert decision.outcome is Outcome.ELIGIBLE
    assert decision.missing == ()
    assert "assistance.children_in_difficulty.undecided" in decision.codes


# -- combination and routes ----------------------------------------------------------------------


def test_categories_combine_and_routes_are_the_union() -> None:
    """36号 一(二): "根据困境儿童自身、家庭情况分类施策"; 二(三): "对于残疾儿童…为其中家庭经济困难的
    提供包括义务教育、高中阶段教育在内的12年免费教育" (only for both categories together)."""
    h = child_home(disability=Disability(DisabilityCategory.VISUAL, 1))
    incident = Incident(GuardianshipSituation.GUARDIAN_DEAD_NO_OTHER, Harm.ABANDONMENT)
    alone = {
        "poverty": classify(layer=AssistanceLayer.DIBAO).applying,
        "disability": classify(h=h).applying,
        "guardianship": classify(incidents=(incident,)).applying,
    }
    together = classify(h=h, layer=AssistanceLayer.DIBAO, incidents=(incident,))
    assert together.held == set(Category)
    assert together.applying == alone["poverty"] | alone["disability"] | alone["guardianship"] | {
        Route.FREE_EDUCATION
    }
    assert Route.FREE_EDUCATION not in alone["poverty"] | alone["disability"]
    basis = {r.route: r.basis for r in together.routes}
    assert basis[Route.FREE_EDUCATION] == (Category.DISABILITY, Category.POVERTY)
    assert basis[Route.MEDICAL_INSURANCE_SUBSIDY] == (Category.POVERTY, Category.DISABILITY)


def test_medical_insurance() -> None:
    """36号 二(二): "对于最低生活保障家庭儿童、重度残疾儿童参加城乡居民基本医疗保险的
    个人缴费部分给予补贴。对于纳入特困人员救助供养范围的儿童参加城乡居民基本医疗保险给予全额资助"."""
    assert Route.MEDICAL_INSURANCE_FULL in classify(layer=AssistanceLayer.EXTREME_POVERTY).applying
    assert Route.MEDICAL_INSURANCE_SUBSIDY in classify(layer=AssistanceLayer.DIBAO).applying
    severe = child_home(disability=Disability(DisabilityCategory.SPEECH, 2))
    moderate = child_home(disability=Disability(DisabilityCategory.SPEECH, 3))
    assert Route.MEDICAL_INSURANCE_SUBSIDY in classify(h=severe).applying
    assert Route.MEDICAL_INSURANCE_SUBSIDY not in classify(h=moderate).applying


def test_every_route_of_a_registered_programme_names_its_code() -> None:
    """Routes name the registry's programme, where there is one."""
    for route in Route:
        if route.programme is not None:
            assert civaffairs.entry(route.programme).code == route.programme


# -- rehabilitation ------------------------------------------------------------------------------

FOUR_YEAR_OLD = dt.date(2021, 3, 1)


def rehab(
    on: dt.date = ON, category: DisabilityCategory = DisabilityCategory.HEARING, **facts: Any
) -> cid.RouteFinding | None:
    h = child_home(FOUR_YEAR_OLD, Disability(category, 3))
    facts = {"layer": AssistanceLayer.DIBAO, **facts}
    found = classify(on, h, **facts)
    return next((r for r in found.routes if r.route is Route.REHABILITATION), None)


def test_rehabilitation_ages_zero_to_six_in_full_years() -> None:
    """国发〔2018〕20号 二(一): "救助对象为符合条件的0—6岁…残疾儿童": six in full years
    is within, the seventh birthday is not."""
    assert rehab(dt.date(2028, 2, 29)) == cid.RouteFinding(
        Route.REHABILITATION, True, (Category.DISABILITY,)
    )
    assert rehab(dt.date(2028, 3, 1)) is None


def test_rehabilitation_from_2018_10_01() -> None:
    """国发〔2018〕20号 三(四): "残疾儿童康复救助制度自2018年10月1日起全面实施"."""
    h = child_home(dt.date(2015, 1, 1), Disability(DisabilityCategory.HEARING, 3))
    before = classify(dt.date(2018, 9, 30), h, layer=AssistanceLayer.DIBAO)
    after = classify(dt.date(2018, 10, 1), h, layer=AssistanceLayer.DIBAO)
    assert Route.REHABILITATION not in before.applying
    assert Route.REHABILITATION in after.applying
    assert before.held == after.held == {Category.POVERTY, Category.DISABILITY}


def test_a_province_may_extend_the_age() -> None:
    """国发〔2018〕20号 二(一): "有条件的地区，可扩大残疾儿童康复救助年龄范围"."""
    book = default_book().override(
        "assistance.children_in_difficulty.rehabilitation.max_age",
        "500000",
        value=14,
        effective_from=dt.date(2018, 10, 1),
    )
    h = child_home(dt.date(2012, 1, 1), Disability(DisabilityCategory.PHYSICAL, 1))
    facts = attrs.evolve(NOTHING, layer=AssistanceLayer.DIBAO)
    assert Route.REHABILITATION not in cid.classify(h, "c", ON, facts=facts).applying
    assert Route.REHABILITATION in cid.classify(h, "c", ON, facts=facts, book=book).applying


@pytest.mark.parametrize(
    ("category", "listed"),
    [(c, c is not DisabilityCategory.MENTAL) for c in DisabilityCategory],
)
def test_rehabilitation_kinds(category: DisabilityCategory, listed: bool) -> None:
    """国发〔2018〕20号 二(一): "视力、听力、言语、肢体、智力等残疾儿童和孤独症儿童".

    多重残疾 is taken as within "等"; 精神残疾 is not listed.
    """
    assert (rehab(category=category) is not None) is listed
    assert rehab(category=DisabilityCategory.MENTAL, autism=True) is not None


def test_rehabilitation_waits_for_autism_with_a_certificate_of_another_kind() -> None:
    """国发〔2018〕20号 二(一): "视力、听力、言语、肢体、智力等残疾儿童和孤独症儿童".

    A child certified for a disability of another kind (精神残疾) may still be a 孤独症儿童:
    while ``$.facts.autism`` is not established the route is pending on it, not refused
    (found in review: it was refused as "not in the list" with autism unknown).
    """
    pending = rehab(category=DisabilityCategory.MENTAL, autism=None)
    assert pending == cid.RouteFinding(
        Route.REHABILITATION, None, (Category.DISABILITY,), ("$.facts.autism",)
    )
    both = rehab(category=DisabilityCategory.MENTAL, autism=None, layer=None)
    assert both is not None
    assert both.missing[0] == "$.facts.autism"
    assert "$.facts.layer" in both.missing
    assert rehab(category=DisabilityCategory.MENTAL, autism=False) is None
    assert (
        rehab(category=DisabilityCategory.MENTAL, autism=None, layer=AssistanceLayer.NONE) is None
    )
    h = child_home(FOUR_YEAR_OLD, Disability(DisabilityCategory.MENTAL, 2))
    decision = decide(ON, h, layer=AssistanceLayer.DIBAO, autism=None)
    assert decision.outcome is Outcome.ELIGIBLE
    assert "assistance.children_in_difficulty.route.rehabilitation" in decision.codes


@pytest.mark.parametrize(
    "facts",
    [
        {"layer": AssistanceLayer.EXTREME_POVERTY},
        {"layer": AssistanceLayer.NONE, "child_allowance": ChildAllowance.ORPHAN},
        {"layer": AssistanceLayer.NONE, "in_welfare_institution": True},
        {"layer": AssistanceLayer.NONE, "other_economic_hardship": True},
    ],
)
def test_rehabilitation_families(facts: dict[str, Any]) -> None:
    """国发〔2018〕20号 二(一): "包括城乡最低生活保障家庭…的残疾儿童和
    儿童福利机构收留抚养的残疾儿童；残疾孤儿、纳入特困人员供养范围的残疾儿童；其他经济困难家庭的残疾儿童"."""
    found = rehab(**facts)
    assert found is not None
    assert found.applies is True


def test_rehabilitation_for_other_families_only_where_the_condition_is_lifted() -> None:
    """国发〔2018〕20号 二(一): "也可放宽对救助对象家庭经济条件的限制"."""
    assert rehab(layer=AssistanceLayer.NONE) is None
    pending = rehab(layer=None, other_economic_hardship=None)
    assert pending is not None
    assert pending.applies is None
    assert pending.missing == ("$.facts.layer", "$.facts.other_economic_hardship")
    book = default_book().override(
        "assistance.children_in_difficulty.rehabilitation.any_family",
        "500000",
        value=True,
        effective_from=dt.date(2018, 10, 1),
    )
    h = child_home(FOUR_YEAR_OLD, Disability(DisabilityCategory.HEARING, 3))
    assert Route.REHABILITATION in cid.classify(h, "c", ON, facts=NOTHING, book=book).applying


# -- guardianship routes and their dates ---------------------------------------------------------


@pytest.mark.parametrize(
    ("situation", "routes"),
    [
        (GuardianshipSituation.PARENTS_NOT_FOUND_YET, {Route.TEMPORARY_GUARDIANSHIP}),
        (GuardianshipSituation.GUARDIAN_UNABLE, {Route.TEMPORARY_GUARDIANSHIP}),
        (GuardianshipSituation.GUARDIAN_INCITES_CRIME, {Route.TEMPORARY_GUARDIANSHIP}),
        (
            GuardianshipSituation.GUARDIAN_NEGLECTS,
            {Route.TEMPORARY_GUARDIANSHIP, Route.REVOCATION},
        ),
        (GuardianshipSituation.GUARDIAN_HARMS, {Route.TEMPORARY_GUARDIANSHIP, Route.REVOCATION}),
        (GuardianshipSituation.PARENTS_NOT_FOUND, {Route.LONG_TERM_GUARDIANSHIP}),
        (GuardianshipSituation.GUARDIANSHIP_REVOKED, {Route.LONG_TERM_GUARDIANSHIP}),
        (GuardianshipSituation.OTHER_IMPROPER, set()),
    ],
)
def test_guardianship_routes(situation: GuardianshipSituation, routes: set[Route]) -> None:
    """未成年人保护法 第九十二条: "具有下列情形之一的，民政部门应当依法对未成年人进行临时监护";
    第九十四条: "…民政部门应当依法对未成年人进行长期监护";
    民法典 第三十六条: "(一)实施严重损害被监护人身心健康的行为；
    (二)怠于履行监护职责…导致被监护人处于危困状态".
    """
    found = classify(incidents=(Incident(situation, Harm.THREAT),))
    assert found.applying == {Route.GUARDIANSHIP_INTERVENTION} | routes


def test_temporary_guardianship_from_2021_06_01_and_revocation_from_2021_01_01() -> None:
    """未成年人保护法 第一百三十二条: "本法自2021年6月1日起施行";
    民法典 第一千二百六十条: "本法自2021年1月1日起施行".
    """
    incident = (Incident(GuardianshipSituation.GUARDIAN_HARMS, Harm.ABUSE),)
    h = child_home(dt.date(2010, 1, 1))
    assert classify(dt.date(2020, 12, 31), h, incidents=incident).applying == {
        Route.GUARDIANSHIP_INTERVENTION
    }
    assert classify(dt.date(2021, 5, 31), h, incidents=incident).applying == {
        Route.GUARDIANSHIP_INTERVENTION,
        Route.REVOCATION,
    }
    assert (
        Route.TEMPORARY_GUARDIANSHIP
        in classify(dt.date(2021, 6, 1), h, incidents=incident).applying
    )


# -- who is a child, and when --------------------------------------------------------------------


def test_an_adult_is_never_a_child_in_difficulty() -> None:
    """民法典 第十七条: "十八周岁以上的自然人为成年人。不满十八周岁的自然人为未成年人"."""
    h = child_home(dt.date(2007, 8, 1), Disability(DisabilityCategory.VISUAL, 1))
    eve = decide(dt.date(2025, 7, 31), h, layer=AssistanceLayer.DIBAO)
    birthday = decide(dt.date(2025, 8, 1), h, layer=AssistanceLayer.DIBAO)
    assert eve.outcome is Outcome.ELIGIBLE
    assert birthday.outcome is Outcome.NOT_ELIGIBLE
    assert birthday.codes == (
        "assistance.children_in_difficulty.covered",
        "assistance.children_in_difficulty.adult",
    )
    adult = classify(dt.date(2025, 8, 1), h, layer=AssistanceLayer.DIBAO)
    assert (adult.minor, adult.categories, adult.routes) == (False, (), ())


def test_before_the_opinion_there_is_no_classification() -> None:
    """国发〔2016〕36号 (issue date recalled: 2016-06-13); no earlier classification found."""
    before = decide(dt.date(2016, 6, 12), layer=AssistanceLayer.DIBAO)
    assert before.outcome is Outcome.NOT_ELIGIBLE
    assert before.uses_example_data
    assert decide(dt.date(2016, 6, 13), layer=AssistanceLayer.DIBAO).outcome is Outcome.ELIGIBLE


# -- privacy, JSON, bad input --------------------------------------------------------------------


def test_names_and_resident_ids_are_masked() -> None:
    """Names and resident ID numbers never appear in a decision, its text or its JSON."""
    rid = generate("500156", dt.date(2015, 1, 1), 12)
    child = attrs.evolve(person("c", born=dt.date(2015, 1, 1)), name="王小明", resident_id=rid)
    h = household((child, Relationship.APPLICANT))
    decision = cid.assess_person(h, "c", ON, facts=attrs.evolve(NOTHING, autism=True))
    application = ChildInDifficultyApplication(h, "c", NOTHING)
    for text in (decision.render("zh"), decision.render("en"), dumps(decision), repr(application)):
        assert "王小明" not in text
        assert rid.reveal() not in text


def test_json_round_trip() -> None:
    """An application read back from its JSON is the same value."""
    facts = attrs.evolve(
        NOTHING,
        incidents=(
            Incident(GuardianshipSituation.GUARDIAN_HARMS, Harm.ABUSE),
            Incident(None, None),
        ),
    )
    application = ChildInDifficultyApplication(child_home(), "c", facts)
    text = dumps(application, reveal_personal_data=True)
    assert loads(text, ChildInDifficultyApplication) == application


@pytest.mark.parametrize(
    ("change", "path"),
    [
        ({"layer": "poor"}, "$.facts.layer"),
        ({"autism": "yes"}, "$.facts.autism"),
        (
            {"incidents": [{"situation": "guardian_harms", "harm": "bruises"}]},
            "$.facts.incidents[0].harm",
        ),
        ({"incidents": {"situation": "guardian_harms"}}, "$.facts.incidents"),
        ({"surprise": True}, "$.facts"),
    ],
)
def test_bad_json_names_the_path(change: dict[str, Any], path: str) -> None:
    """Bad input raises the one documented error, naming the field by path."""
    application = ChildInDifficultyApplication(child_home(), "c", NOTHING)
    document = json.loads(dumps(application, reveal_personal_data=True))
    document["facts"].update(change)
    with pytest.raises(InvalidDocumentError) as caught:
        loads(json.dumps(document), ChildInDifficultyApplication)
    assert path in str(caught.value)


def test_bad_values_in_python_are_refused() -> None:
    with pytest.raises(InvalidInputError, match=r"\$\.harm"):
        Incident(GuardianshipSituation.GUARDIAN_HARMS, "abuse")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"\$\.autism"):
        ChildInDifficultyFacts(autism=1)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"\$\.incidents"):
        ChildInDifficultyFacts(incidents="none")  # type: ignore[arg-type]


def test_decided_through_the_registry() -> None:
    application = ChildInDifficultyApplication(
        child_home(), "c", attrs.evolve(NOTHING, autism=True)
    )
    decision = civaffairs.assess("assistance.children_in_difficulty", application, ON)
    assert decision.programme == "assistance.children_in_difficulty"
    assert decision.outcome is Outcome.ELIGIBLE
    assert decision.person == "c"


# -- facts from the layered assessment -----------------------------------------------------------


def test_facts_from_a_layered_assessment() -> None:
    """The poverty evidence is what the other programmes decided, not re-derived: an orphan's
    allowance (国办发〔2010〕54号: "失去父母、查找不到生父母") read from the layered assessment."""
    h = child_home(dt.date(2016, 5, 5))
    orphan = ChildFacts(
        Parent(ParentSituation.DECEASED),
        Parent(ParentSituation.DECEASED),
        Placement.DISPERSED,
        assistance_received="0",
    )
    assessment = layers.assess_layers(h, ON, facts=[layers.MemberFacts("c", child=orphan)])
    facts = cid.facts_from_layers(assessment, "c", ChildInDifficultyFacts(autism=False))
    assert facts.child_allowance is ChildAllowance.ORPHAN
    assert facts.layer is assessment.members[1].layer
    assert facts.autism is False
    found = cid.classify(h, "c", ON, facts=facts)
    assert EvidenceKind.ORPHAN in {e.kind for e in finding(found, Category.POVERTY).evidence}
    with pytest.raises(InvalidInputError, match=r"\$\.person"):
        cid.facts_from_layers(assessment, "nobody")
