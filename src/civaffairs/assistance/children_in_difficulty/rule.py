"""The rule of 困境儿童: categories from the evidence, the routes they open, the decision.

Stated with its articles in the package's docstring
(:mod:`civaffairs.assistance.children_in_difficulty`).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING

import attrs

from civaffairs.assistance._tally import Applicant, each_member, of_application
from civaffairs.assistance.children_in_difficulty.facts import (
    CHILDREN_IN_DIFFICULTY_OPINION,
    DISABLED_CHILDREN_REHABILITATION_OPINION,
    MINORS_PROTECTION_LAW,
    Category,
    CategoryFinding,
    ChildInDifficultyApplication,
    ChildInDifficultyFacts,
    Classification,
    Evidence,
    EvidenceKind,
    GuardianshipSituation,
    Harm,
    Route,
    RouteFinding,
)
from civaffairs.assistance.laws import CIVIL_CODE
from civaffairs.assistance.means import ADULT_AGE
from civaffairs.decisions import Citation, Decision, Draft, Outcome, ReasonCode, programme
from civaffairs.entities import (
    AssistanceLayer,
    ChildAllowance,
    Disability,
    DisabilityCategory,
    Household,
)
from civaffairs.errors import InvalidInputError
from civaffairs.parameters import ParameterBook, ParameterValue

if TYPE_CHECKING:
    from civaffairs.assistance.layers import LayeredAssessment

__all__ = [
    "PROGRAMME",
    "assess",
    "assess_application",
    "assess_person",
    "classify",
    "facts_from_layers",
]

PROGRAMME = programme("assistance.children_in_difficulty")

#: 未成年人保护法 art. 132: "本法自2021年6月1日起施行" (the 2020 revision, arts. 92 and 94).
_MINORS_LAW_IN_FORCE = dt.date(2021, 6, 1)
#: 民法典 art. 1260: in force 2021-01-01 (art. 36, revocation of guardianship).
_CIVIL_CODE_IN_FORCE = dt.date(2021, 1, 1)
_SEVERE_GRADE = 2  # 重度残疾: grades 1 (极重度) and 2 (重度) of GB/T 26341-2010

_DEFINITION = Citation(
    CHILDREN_IN_DIFFICULTY_OPINION,
    "序言",
    note="困境儿童包括因家庭贫困导致生活、就医、就学等困难的儿童，因自身残疾导致康复、照料、护理和"
    "社会融入等困难的儿童，以及因家庭监护缺失或监护不当遭受虐待、遗弃、意外伤害、不法侵害等导致"
    "人身安全受到威胁或侵害的儿童",
)
_CLASSIFIED = Citation(
    CHILDREN_IN_DIFFICULTY_OPINION,
    "一(二)",
    note="坚持分类保障 … 根据困境儿童自身、家庭情况分类施策: no priority between the categories",
)
_AGE = Citation(CIVIL_CODE, "第十七条", note="不满十八周岁的自然人为未成年人")
_BASIC_LIVING = Citation(CHILDREN_IN_DIFFICULTY_OPINION, "二(一) 保障基本生活")
_MEDICAL = Citation(CHILDREN_IN_DIFFICULTY_OPINION, "二(二) 保障基本医疗")
_EDUCATION = Citation(CHILDREN_IN_DIFFICULTY_OPINION, "二(三) 强化教育保障")
_REHABILITATION = Citation(
    DISABLED_CHILDREN_REHABILITATION_OPINION,
    "二(一) 救助对象",
    note="救助对象为符合条件的0—6岁视力、听力、言语、肢体、智力等残疾儿童和孤独症儿童 … 有条件的"
    "地区，可扩大残疾儿童康复救助年龄范围，也可放宽对救助对象家庭经济条件的限制; 36号 二(五)",
)
_INTERVENTION = Citation(
    CHILDREN_IN_DIFFICULTY_OPINION,
    "三(一)",
    note="建立面向城乡困境儿童包括强制报告、应急处置、评估帮扶、监护干预等在内的困境儿童安全保护机制",
)
_TEMPORARY_GUARDIANSHIP = Citation(
    MINORS_PROTECTION_LAW,
    "第九十二条",
    note="具有下列情形之一的，民政部门应当依法对未成年人进行临时监护; 民法典 第三十一条第三款",
)
_LONG_TERM_GUARDIANSHIP = Citation(
    MINORS_PROTECTION_LAW,
    "第九十四条",
    note="具有下列情形之一的，民政部门应当依法对未成年人进行长期监护; 民法典 第三十二条; before "
    "2021-06-01: 36号 二(四) (由民政部门设立的儿童福利机构收留抚养)",
)
_REVOCATION = Citation(
    CIVIL_CODE,
    "第三十六条",
    note="人民法院根据有关个人或者组织的申请，撤销其监护人资格 … 个人和民政部门以外的组织未及时向"
    "人民法院申请撤销监护人资格的，民政部门应当向人民法院申请",
)

_ART_92 = frozenset(
    {
        GuardianshipSituation.PARENTS_NOT_FOUND_YET,
        GuardianshipSituation.GUARDIAN_WHEREABOUTS_UNKNOWN,
        GuardianshipSituation.GUARDIAN_UNABLE,
        GuardianshipSituation.GUARDIAN_NEGLECTS,
        GuardianshipSituation.GUARDIAN_INCITES_CRIME,
        GuardianshipSituation.GUARDIAN_HARMS,
    }
)
_ART_94 = frozenset(
    {
        GuardianshipSituation.PARENTS_NOT_FOUND,
        GuardianshipSituation.GUARDIAN_DEAD_NO_OTHER,
        GuardianshipSituation.GUARDIAN_INCAPABLE_NO_OTHER,
        GuardianshipSituation.GUARDIANSHIP_REVOKED,
    }
)
#: 民法典 art. 36 (一) 实施严重损害被监护人身心健康的行为; (二) 怠于履行监护职责…处于危困状态
_ART_36 = frozenset({GuardianshipSituation.GUARDIAN_HARMS, GuardianshipSituation.GUARDIAN_NEGLECTS})

_ROUTE_CITATIONS = {
    Route.CHILDREN_ALLOWANCE: _BASIC_LIVING,
    Route.EXTREME_POVERTY: _BASIC_LIVING,
    Route.DIBAO: _BASIC_LIVING,
    Route.TEMPORARY_ASSISTANCE: _BASIC_LIVING,
    Route.MEDICAL_INSURANCE_FULL: _MEDICAL,
    Route.MEDICAL_INSURANCE_SUBSIDY: _MEDICAL,
    Route.EDUCATION_AID: _EDUCATION,
    Route.FREE_EDUCATION: _EDUCATION,
    Route.REHABILITATION: _REHABILITATION,
    Route.GUARDIANSHIP_INTERVENTION: _INTERVENTION,
    Route.TEMPORARY_GUARDIANSHIP: _TEMPORARY_GUARDIANSHIP,
    Route.LONG_TERM_GUARDIANSHIP: _LONG_TERM_GUARDIANSHIP,
    Route.REVOCATION: _REVOCATION,
}

R_COVERED = ReasonCode.define(
    "assistance.children_in_difficulty.covered",
    "困境儿童分类保障: {state}",
    "classification of children in difficulty: {state_en}",
    _DEFINITION,
)
R_MINOR = ReasonCode.define(
    "assistance.children_in_difficulty.minor",
    "{age} 周岁,未满18周岁",
    "aged {age}, under 18",
    _AGE,
)
R_ADULT = ReasonCode.define(
    "assistance.children_in_difficulty.adult",
    "{age} 周岁,已满18周岁,不是儿童",
    "aged {age}: 18 or older, not a child",
    _AGE,
)
R_CATEGORY = ReasonCode.define(
    "assistance.children_in_difficulty.category",
    "{category}: {finding}{evidence}",
    "{category_en}: {finding_en}{evidence_en}",
    _DEFINITION,
)
R_IN_DIFFICULTY = ReasonCode.define(
    "assistance.children_in_difficulty.in_difficulty",
    "属于困境儿童({categories}); 各类别的保障途径合并适用",
    "a child in difficulty ({categories_en}); the routes of every category apply together",
    _CLASSIFIED,
)
R_NONE = ReasonCode.define(
    "assistance.children_in_difficulty.none",
    "不属于任何一类困境儿童",
    "in none of the categories of children in difficulty",
    _DEFINITION,
)
R_MISSING = ReasonCode.define(
    "assistance.children_in_difficulty.missing_facts",
    "缺少判定所需事实: {paths}",
    "facts needed for the decision are missing: {paths}",
    _DEFINITION,
)
R_UNDECIDED = ReasonCode.define(
    "assistance.children_in_difficulty.undecided",
    "以下事实尚未确定, 核实后可能增加类别或保障途径: {paths}",
    "these facts are not established and may add categories or routes: {paths}",
    _CLASSIFIED,
)
R_REHABILITATION = ReasonCode.define(
    "assistance.children_in_difficulty.rehabilitation",
    "残疾儿童康复救助: {finding}",
    "rehabilitation assistance: {finding_en}",
    _REHABILITATION,
)
R_ROUTE = {
    route: ReasonCode.define(
        f"assistance.children_in_difficulty.route.{route.value}",
        "保障途径: {route}{programme}(依据: {basis}){pending}",
        "support route: {route_en}{programme} (from: {basis_en}){pending_en}",
        citation,
    )
    for route, citation in _ROUTE_CITATIONS.items()
}


@attrs.define
class _Place:
    book: ParameterBook
    where: str
    on: dt.date
    used: list[ParameterValue] = attrs.field(factory=list)

    def flag(self, name: str) -> bool:
        value, used = self.book.flag(f"{PROGRAMME.code}.{name}", self.where, self.on)
        self.used.append(used)
        return value

    def count(self, name: str) -> int:
        value, used = self.book.count(f"{PROGRAMME.code}.{name}", self.where, self.on)
        self.used.append(used)
        return value


def _finding(category: Category, evidence: list[Evidence], missing: list[str]) -> CategoryFinding:
    holds = True if evidence else (None if missing else False)
    ordered = tuple(sorted(evidence, key=lambda e: (e.path, e.kind.value)))
    return CategoryFinding(category, holds, ordered, tuple(missing))


_LAYER_EVIDENCE = {
    AssistanceLayer.EXTREME_POVERTY: EvidenceKind.EXTREME_POVERTY,
    AssistanceLayer.DIBAO: EvidenceKind.DIBAO,
    AssistanceLayer.MARGINAL: EvidenceKind.MARGINAL,
    AssistanceLayer.RIGID_EXPENDITURE: EvidenceKind.RIGID_EXPENDITURE,
}
_OTHER_LOW_INCOME = frozenset({AssistanceLayer.MARGINAL, AssistanceLayer.RIGID_EXPENDITURE})


def _poverty(facts: ChildInDifficultyFacts, place: _Place) -> CategoryFinding:
    """家庭贫困: the layer, the orphan / 事实无人抚养 allowance, 临时救助 (36号 二(一))."""
    evidence: list[Evidence] = []
    missing: list[str] = []
    layer = facts.layer
    if layer is None:
        missing.append("$.facts.layer")
    elif layer in _LAYER_EVIDENCE and (
        layer not in _OTHER_LOW_INCOME or place.flag("poverty.low_income_layers")
    ):
        evidence.append(Evidence(_LAYER_EVIDENCE[layer], "$.facts.layer"))
    allowance = facts.child_allowance
    if allowance is None:
        missing.append("$.facts.child_allowance")
    elif allowance is ChildAllowance.ORPHAN:
        evidence.append(Evidence(EvidenceKind.ORPHAN, "$.facts.child_allowance"))
    elif allowance is not ChildAllowance.NONE:
        evidence.append(Evidence(EvidenceKind.UNSUPPORTED, "$.facts.child_allowance"))
    if facts.temporary_assistance is None:
        missing.append("$.facts.temporary_assistance")
    elif facts.temporary_assistance:
        evidence.append(Evidence(EvidenceKind.TEMPORARY_ASSISTANCE, "$.facts.temporary_assistance"))
    return _finding(Category.POVERTY, evidence, missing)


def _disability(
    disability: Disability | None, member_path: str, facts: ChildInDifficultyFacts, place: _Place
) -> CategoryFinding:
    """自身残疾: a certificate of a counted grade, or autism."""
    evidence: list[Evidence] = []
    missing: list[str] = []
    if disability is not None and disability.grade <= place.count("disability.max_grade"):
        evidence.append(
            Evidence(EvidenceKind.DISABILITY_CERTIFICATE, f"{member_path}.person.disability")
        )
    if facts.autism is None:
        missing.append("$.facts.autism")
    elif facts.autism:
        evidence.append(Evidence(EvidenceKind.AUTISM, "$.facts.autism"))
    return _finding(Category.DISABILITY, evidence, missing)


def _guardianship(facts: ChildInDifficultyFacts) -> CategoryFinding:
    """监护缺失或监护不当 with a harm or threat to personal safety, incident by incident."""
    evidence: list[Evidence] = []
    missing: list[str] = []
    for index, incident in enumerate(facts.incidents):
        path = f"$.facts.incidents[{index}]"
        if incident.harm is Harm.NONE:
            continue  # no threat or harm: no evidence, whatever the situation
        if incident.situation is None:
            missing.append(f"{path}.situation")
        if incident.harm is None:
            missing.append(f"{path}.harm")
        if incident.situation is not None and incident.harm is not None:
            kind = (
                EvidenceKind.ABSENT_GUARDIANSHIP
                if incident.situation.absent
                else EvidenceKind.IMPROPER_GUARDIANSHIP
            )
            evidence.append(Evidence(kind, path))
    return _finding(Category.GUARDIANSHIP, evidence, missing)


_REHABILITATION_CATEGORIES = frozenset(
    {
        DisabilityCategory.VISUAL,
        DisabilityCategory.HEARING,
        DisabilityCategory.SPEECH,
        DisabilityCategory.PHYSICAL,
        DisabilityCategory.INTELLECTUAL,
        DisabilityCategory.MULTIPLE,  # taken as within "等": two or more kinds
    }
)


@attrs.frozen
class _Rehabilitation:
    finding: RouteFinding | None
    zh: str
    en: str


def _rehabilitation(
    facts: ChildInDifficultyFacts,
    disability: Disability | None,
    age: int,
    place: _Place,
) -> _Rehabilitation:
    """国发〔2018〕20号 二(一): age, kind of disability, family's economic condition."""
    if not place.flag("rehabilitation.in_force"):
        return _Rehabilitation(None, "当日尚未建立", "not yet established on that date")
    max_age = place.count("rehabilitation.max_age")
    if age > max_age:
        return _Rehabilitation(
            None, f"{age} 周岁, 超过 0—{max_age} 岁", f"aged {age}, beyond 0–{max_age}"
        )
    listed = bool(facts.autism) or (
        disability is not None and disability.category in _REHABILITATION_CATEGORIES
    )
    # A certificate of another kind (精神 …) with autism not established: the child may
    # still be a 孤独症儿童 of 二(一), so the route is pending on $.facts.autism, not refused.
    autism_unknown = not listed and facts.autism is None
    if not listed and not autism_unknown:
        return _Rehabilitation(
            None,
            "残疾类别不在视力、听力、言语、肢体、智力残疾和孤独症之列",
            "the disability is not visual, hearing, speech, physical, intellectual or autism",
        )
    basis = (Category.DISABILITY,)
    poor = facts.layer in {AssistanceLayer.EXTREME_POVERTY, AssistanceLayer.DIBAO}
    if (
        poor
        or facts.child_allowance is ChildAllowance.ORPHAN
        or facts.in_welfare_institution
        or facts.other_economic_hardship
        or place.flag("rehabilitation.any_family")
    ):
        if autism_unknown:
            return _Rehabilitation(
                RouteFinding(Route.REHABILITATION, None, basis, ("$.facts.autism",)),
                "残疾类别不在视力、听力、言语、肢体、智力残疾之列, 是否孤独症尚未确定",
                "the certified disability is not visual, hearing, speech, physical or "
                "intellectual, and whether the child has autism is not established",
            )
        return _Rehabilitation(
            RouteFinding(Route.REHABILITATION, True, basis),
            f"{age} 周岁, 符合年龄、类别和家庭经济条件",
            f"aged {age}; age, kind and the family's economic condition are met",
        )
    unknown = [
        path
        for path, value in (
            ("$.facts.layer", facts.layer),
            ("$.facts.child_allowance", facts.child_allowance),
            ("$.facts.in_welfare_institution", facts.in_welfare_institution),
            ("$.facts.other_economic_hardship", facts.other_economic_hardship),
        )
        if value is None
    ]
    if unknown:
        if autism_unknown:
            unknown.insert(0, "$.facts.autism")
        return _Rehabilitation(
            RouteFinding(Route.REHABILITATION, None, basis, tuple(unknown)),
            "家庭经济条件尚未确定" + ("; 是否孤独症尚未确定" if autism_unknown else ""),
            "the family's economic condition is not established"
            + ("; whether the child has autism is not established" if autism_unknown else ""),
        )
    return _Rehabilitation(
        None,
        "不属于低保、特困、孤儿、儿童福利机构收留抚养或其他经济困难家庭",
        "not of a dibao, extreme-poverty or other economically difficult family, an orphan, "
        "or raised in a welfare institution",
    )


def _routes(
    findings: Mapping[Category, CategoryFinding],
    facts: ChildInDifficultyFacts,
    disability: Disability | None,
    on: dt.date,
    rehabilitation: RouteFinding | None,
) -> tuple[RouteFinding, ...]:
    """Return the union of the routes each category's evidence opens, in :class:`Route` order."""
    opened: dict[Route, list[Category]] = {}

    def add(route: Route, category: Category) -> None:
        opened.setdefault(route, [])
        if category not in opened[route]:
            opened[route].append(category)

    poverty = findings[Category.POVERTY]
    kinds = {e.kind for e in poverty.evidence}
    if poverty.holds:
        for kind, route in (
            (EvidenceKind.ORPHAN, Route.CHILDREN_ALLOWANCE),
            (EvidenceKind.UNSUPPORTED, Route.CHILDREN_ALLOWANCE),
            (EvidenceKind.EXTREME_POVERTY, Route.EXTREME_POVERTY),
            (EvidenceKind.EXTREME_POVERTY, Route.MEDICAL_INSURANCE_FULL),
            (EvidenceKind.DIBAO, Route.DIBAO),
            (EvidenceKind.DIBAO, Route.MEDICAL_INSURANCE_SUBSIDY),
            (EvidenceKind.TEMPORARY_ASSISTANCE, Route.TEMPORARY_ASSISTANCE),
        ):
            if kind in kinds:
                add(route, Category.POVERTY)
        add(Route.EDUCATION_AID, Category.POVERTY)
    if findings[Category.DISABILITY].holds:
        certified = any(
            e.kind is EvidenceKind.DISABILITY_CERTIFICATE
            for e in findings[Category.DISABILITY].evidence
        )
        if certified and disability is not None and disability.grade <= _SEVERE_GRADE:
            add(Route.MEDICAL_INSURANCE_SUBSIDY, Category.DISABILITY)  # 重度残疾儿童
        if poverty.holds:
            add(Route.FREE_EDUCATION, Category.DISABILITY)
            add(Route.FREE_EDUCATION, Category.POVERTY)
    if findings[Category.GUARDIANSHIP].holds:
        add(Route.GUARDIANSHIP_INTERVENTION, Category.GUARDIANSHIP)
        for situation in _situations(facts):
            for route in _guardianship_routes(situation, on):
                add(route, Category.GUARDIANSHIP)
    found = {route: RouteFinding(route, True, tuple(basis)) for route, basis in opened.items()}
    if rehabilitation is not None:
        found[Route.REHABILITATION] = rehabilitation
    return tuple(found[route] for route in Route if route in found)


def _situations(facts: ChildInDifficultyFacts) -> tuple[GuardianshipSituation, ...]:
    """Return the situations of the incidents that are evidence (situation and harm known)."""
    return tuple(
        incident.situation
        for incident in facts.incidents
        if incident.situation is not None and incident.harm not in {None, Harm.NONE}
    )


def _guardianship_routes(situation: GuardianshipSituation, on: dt.date) -> tuple[Route, ...]:
    """未成年人保护法 arts. 92 and 94 (from 2021-06-01), 36号 二(四) before; 民法典 art. 36."""
    routes: list[Route] = []
    if on >= _MINORS_LAW_IN_FORCE and situation in _ART_92:
        routes.append(Route.TEMPORARY_GUARDIANSHIP)
    if situation in _ART_94:  # 36号 二(四): 父母没有监护能力且无其他监护人 / 法院指定民政部门
        routes.append(Route.LONG_TERM_GUARDIANSHIP)
    if on >= _CIVIL_CODE_IN_FORCE and situation in _ART_36:
        routes.append(Route.REVOCATION)
    return tuple(routes)


def _member_path(household: Household, person_id: str) -> str:
    index = next(i for i, m in enumerate(household.members) if m.person.id == person_id)
    return f"$.household.members[{index}]"


def classify(
    household: Household,
    person_id: str,
    on: dt.date,
    *,
    jurisdiction: str | None = None,
    book: ParameterBook | None = None,
    facts: ChildInDifficultyFacts | None = None,
) -> Classification:
    """Return the categories and routes of the member ``person_id`` on ``on``.

    Decided in ``jurisdiction``, by default where the child is registered.

    .. versionadded:: 0.1.0
    """
    return _classify(household, person_id, on, jurisdiction=jurisdiction, book=book, facts=facts)[0]


def _classify(
    household: Household,
    person_id: str,
    on: dt.date,
    *,
    jurisdiction: str | None,
    book: ParameterBook | None,
    facts: ChildInDifficultyFacts | None,
) -> tuple[Classification, _Rehabilitation | None, int]:
    facts = facts if facts is not None else ChildInDifficultyFacts()
    case = Applicant.of(household, person_id, jurisdiction, book)
    place = _Place(case.book, case.where, on)
    age = case.person.age_on(on)
    covered = place.flag("covered")
    minor = age < ADULT_AGE
    if not (covered and minor):
        shown = Classification(person_id, on, case.where, covered, minor, (), (), tuple(place.used))
        return shown, None, age
    disability = case.person.disability
    findings = {
        Category.POVERTY: _poverty(facts, place),
        Category.DISABILITY: _disability(
            disability, _member_path(household, person_id), facts, place
        ),
        Category.GUARDIANSHIP: _guardianship(facts),
    }
    rehabilitation = (
        _rehabilitation(facts, disability, age, place)
        if findings[Category.DISABILITY].holds
        else None
    )
    routes = _routes(
        findings, facts, disability, on, None if rehabilitation is None else rehabilitation.finding
    )
    shown = Classification(
        person_id,
        on,
        case.where,
        covered,
        minor,
        tuple(findings[c] for c in Category),
        routes,
        tuple(place.used),
    )
    return shown, rehabilitation, age


_SHORT = {
    Category.POVERTY: ("家庭贫困", "poverty"),
    Category.DISABILITY: ("自身残疾", "disability"),
    Category.GUARDIANSHIP: ("监护缺失或监护不当", "guardianship"),
}


def _names(categories: frozenset[Category]) -> tuple[str, str]:
    ordered = [c for c in Category if c in categories]
    return "、".join(_SHORT[c][0] for c in ordered), ", ".join(_SHORT[c][1] for c in ordered)


def _category_reason(found: CategoryFinding) -> tuple[str, str, str, str]:
    if found.holds:
        finding, finding_en = "属于", "holds"
    elif found.holds is None:
        finding, finding_en = "尚未确定", "undecided"
    else:
        finding, finding_en = "不属于", "does not hold"
    evidence = "、".join(f"{e.kind.zh}({e.path})" for e in found.evidence)
    evidence_en = "; ".join(f"{e.kind.en} ({e.path})" for e in found.evidence)
    if found.missing:
        evidence += ("; " if evidence else "") + "未确定: " + ", ".join(found.missing)
        evidence_en += (
            ("; " if evidence_en else "") + "not established: " + ", ".join(found.missing)
        )
    return (
        finding,
        finding_en,
        f" — {evidence}" if evidence else "",
        f" — {evidence_en}" if evidence_en else "",
    )


def assess_person(
    household: Household,
    person_id: str,
    on: dt.date,
    *,
    jurisdiction: str | None = None,
    book: ParameterBook | None = None,
    facts: ChildInDifficultyFacts | None = None,
) -> Decision:
    """Decide whether the member ``person_id`` is a child in difficulty, with the routes.

    The decision's reasons give each category with its evidence, the
    rehabilitation conditions where the child is disabled, and one reason per
    route (``assistance.children_in_difficulty.route.<route>``, quoting the
    route's programme code).  :func:`classify` returns the same as values.

    .. versionadded:: 0.1.0
    """
    shown, rehabilitation, age = _classify(
        household, person_id, on, jurisdiction=jurisdiction, book=book, facts=facts
    )
    person = household.member(person_id).person
    draft = Draft(
        PROGRAMME.code, f"{household.id} ({person.label})", on, shown.jurisdiction, person=person_id
    )
    used = shown.parameters
    covered_used = tuple(p for p in used if p.name.endswith(".covered"))
    draft.reasons.append(
        R_COVERED.reason(
            shown.covered,
            covered_used,
            state="已建立" if shown.covered else "当日尚未建立",
            state_en="in force" if shown.covered else "not yet in force on that date",
        )
    )
    if not shown.covered:
        return draft.decide(Outcome.NOT_ELIGIBLE)
    if not shown.minor:
        draft.reasons.append(R_ADULT.reason(False, age=str(age)))
        return draft.decide(Outcome.NOT_ELIGIBLE)
    draft.reasons.append(R_MINOR.reason(True, age=str(age)))
    for found in shown.categories:
        finding, finding_en, evidence, evidence_en = _category_reason(found)
        relevant = tuple(
            p
            for p in used
            if (found.category is Category.POVERTY and ".poverty." in p.name)
            or (found.category is Category.DISABILITY and ".disability." in p.name)
        )
        draft.reasons.append(
            R_CATEGORY.reason(
                found.holds,
                relevant,
                category=found.category.zh,
                category_en=found.category.en,
                finding=finding,
                finding_en=finding_en,
                evidence=evidence,
                evidence_en=evidence_en,
            )
        )
    if rehabilitation is not None:
        draft.reasons.append(
            R_REHABILITATION.reason(
                None if rehabilitation.finding is None else rehabilitation.finding.applies,
                tuple(p for p in used if ".rehabilitation." in p.name),
                finding=rehabilitation.zh,
                finding_en=rehabilitation.en,
            )
        )
    outcome = shown.outcome
    if outcome is Outcome.ELIGIBLE:
        names, names_en = _names(shown.held)
        draft.reasons.append(R_IN_DIFFICULTY.reason(True, categories=names, categories_en=names_en))
        for route in shown.routes:
            code = route.programme
            pending = ", ".join(route.missing)
            draft.reasons.append(
                R_ROUTE[route.route].reason(
                    None,
                    basis=_names(frozenset(route.basis))[0],
                    basis_en=_names(frozenset(route.basis))[1],
                    route=route.route.zh,
                    route_en=route.route.en,
                    programme=f" [{code}]" if code else "",
                    pending=f" (待核实: {pending})" if pending else "",
                    pending_en=f" (pending: {pending})" if pending else "",
                )
            )
        if shown.missing:
            draft.reasons.append(R_UNDECIDED.reason(None, paths=", ".join(shown.missing)))
        return draft.decide(outcome)
    if outcome is Outcome.CANNOT_DECIDE:
        missing = tuple(dict.fromkeys(p for f in shown.categories for p in f.missing))
        draft.reasons.append(R_MISSING.reason(None, paths=", ".join(missing)))
        return draft.decide(outcome, missing=missing)
    draft.reasons.append(R_NONE.reason(False))
    return draft.decide(outcome)


def assess(
    household: Household,
    on: dt.date,
    *,
    jurisdiction: str | None = None,
    book: ParameterBook | None = None,
    facts: Mapping[str, ChildInDifficultyFacts] | None = None,
) -> tuple[Decision, ...]:
    """Decide every member of ``household``, in member order (``facts`` by member id).

    .. versionadded:: 0.1.0
    """
    return each_member(
        assess_person, household, on, jurisdiction=jurisdiction, book=book, facts=facts
    )


def assess_application(
    application: ChildInDifficultyApplication,
    on: dt.date,
    *,
    jurisdiction: str | None = None,
    book: ParameterBook | None = None,
) -> Decision:
    """Decide one :class:`ChildInDifficultyApplication` (see :func:`assess_person`).

    .. versionadded:: 0.1.0
    """
    return of_application(assess_person, application, on, jurisdiction=jurisdiction, book=book)


def facts_from_layers(
    assessment: LayeredAssessment,
    person_id: str,
    facts: ChildInDifficultyFacts | None = None,
) -> ChildInDifficultyFacts:
    """Fill ``layer``, ``child_allowance`` and ``temporary_assistance`` from a layered assessment.

    The member's layer (:attr:`~civaffairs.assistance.layers.MemberLayer.layer`),
    the orphan / 事实无人抚养 allowance its children decision grants
    (:func:`civaffairs.assistance.children.allowance_kind`), and whether any
    临时救助 event was granted (left as in ``facts`` when the assessment decided
    none).  The other facts are kept from ``facts``.

    .. versionadded:: 0.1.0
    """
    from civaffairs.assistance import children  # noqa: PLC0415 - the composition reads it

    facts = facts if facts is not None else ChildInDifficultyFacts()
    index = next((i for i, m in enumerate(assessment.members) if m.person == person_id), None)
    if index is None:
        raise InvalidInputError("$.person", person_id, "the id of a member of the assessment")
    temporary = facts.temporary_assistance
    if assessment.temporary:
        granted = [d.outcome for d in assessment.temporary]
        if Outcome.ELIGIBLE in granted:
            temporary = True
        elif Outcome.CANNOT_DECIDE not in granted:
            temporary = False if temporary is None else temporary
    return attrs.evolve(
        facts,
        layer=assessment.members[index].layer,
        child_allowance=children.allowance_kind(assessment.children[index]),
        temporary_assistance=temporary,
    )
