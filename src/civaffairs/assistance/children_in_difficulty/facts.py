"""The vocabulary of 困境儿童: categories, evidence, situations, routes, the facts and the findings.

The rule that reads them is :mod:`civaffairs.assistance.children_in_difficulty.rule`; the
package's docstring states it with its articles.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import attrs

from civaffairs.decisions import Document, Outcome
from civaffairs.entities import AssistanceLayer, ChildAllowance, Household
from civaffairs.errors import InvalidInputError
from civaffairs.labels import Labelled
from civaffairs.parameters import ParameterValue

__all__ = [
    "CHILDREN_IN_DIFFICULTY_OPINION",
    "DISABLED_CHILDREN_REHABILITATION_OPINION",
    "MINORS_PROTECTION_LAW",
    "Category",
    "CategoryFinding",
    "ChildInDifficultyApplication",
    "ChildInDifficultyFacts",
    "Classification",
    "Evidence",
    "EvidenceKind",
    "GuardianshipSituation",
    "Harm",
    "Incident",
    "Route",
    "RouteFinding",
]

#: 《国务院关于加强困境儿童保障工作的意见》 (text read; issue date 2016-06-13 recalled).
CHILDREN_IN_DIFFICULTY_OPINION = Document(
    "国务院关于加强困境儿童保障工作的意见",
    "国发〔2016〕36号",
    en="State Council opinion on protecting children in difficulty",
)
#: 《国务院关于建立残疾儿童康复救助制度的意见》 (text read; number recalled), from 2018-10-01.
DISABLED_CHILDREN_REHABILITATION_OPINION = Document(
    "国务院关于建立残疾儿童康复救助制度的意见",
    "国发〔2018〕20号",
    en="State Council opinion establishing rehabilitation assistance for disabled children",
)
#: 《中华人民共和国未成年人保护法》 (2020 revision in force 2021-06-01, art. 132; amended 2024).
MINORS_PROTECTION_LAW = Document(
    "中华人民共和国未成年人保护法", None, en="Law on the Protection of Minors"
)


class Category(Labelled):
    """The three categories of 国发〔2016〕36号's definition.

    .. versionadded:: 0.1.0
    """

    #: 因家庭贫困导致生活、就医、就学等困难
    POVERTY = "poverty", "因家庭贫困导致生活、就医、就学等困难", "hardship from family poverty"
    #: 因自身残疾导致康复、照料、护理和社会融入等困难
    DISABILITY = (
        "disability",
        "因自身残疾导致康复、照料、护理和社会融入等困难",
        "hardship from the child's own disability",
    )
    #: 因家庭监护缺失或监护不当 … 导致人身安全受到威胁或侵害
    GUARDIANSHIP = (
        "guardianship",
        "因家庭监护缺失或监护不当导致人身安全受到威胁或侵害",
        "personal safety threatened or harmed through absent or improper guardianship",
    )


class Harm(Labelled):
    """What absent or improper guardianship did to the child (36号: "遭受…等").

    .. versionadded:: 0.1.0
    """

    ABUSE = "abuse", "虐待", "abuse"
    ABANDONMENT = "abandonment", "遗弃", "abandonment"
    ACCIDENTAL_INJURY = "accidental_injury", "意外伤害", "accidental injury"
    UNLAWFUL_INFRINGEMENT = "unlawful_infringement", "不法侵害", "unlawful infringement"
    #: 人身安全受到威胁 without one of the named harms ("等")
    THREAT = "threat", "人身安全受到威胁", "personal safety threatened"
    #: no harm and no threat to the child's personal safety was found
    NONE = "none", "人身安全未受到威胁或侵害", "no threat or harm to personal safety"


class GuardianshipSituation(Labelled):
    """A guardianship situation: absent (缺失) or improper (不当), by the article that names it.

    The members name the items of 未成年人保护法 art. 92 (临时监护) and art. 94
    (长期监护); ``OTHER_ABSENT`` and ``OTHER_IMPROPER`` are the rest of 36号's
    "家庭监护缺失或监护不当".

    .. versionadded:: 0.1.0
    """

    #: 92(一) 未成年人流浪乞讨或者身份不明，暂时查找不到父母或者其他监护人
    PARENTS_NOT_FOUND_YET = (
        "parents_not_found_yet",
        "暂时查找不到父母或者其他监护人",
        "parents or other guardians not found for now",
    )
    #: 92(二) 监护人下落不明且无其他人可以担任监护人
    GUARDIAN_WHEREABOUTS_UNKNOWN = (
        "guardian_whereabouts_unknown",
        "监护人下落不明且无其他人可以担任监护人",
        "guardian's whereabouts unknown and no one else can be guardian",
    )
    #: 92(三) 监护人因自身客观原因或者因发生…突发事件不能履行监护职责
    GUARDIAN_UNABLE = (
        "guardian_unable",
        "监护人因自身客观原因或突发事件不能履行监护职责",
        "guardian unable to act for objective reasons or an emergency",
    )
    #: 92(四) 监护人拒绝或者怠于履行监护职责，导致未成年人处于无人照料的状态
    GUARDIAN_NEGLECTS = (
        "guardian_neglects",
        "监护人拒绝或者怠于履行监护职责，未成年人无人照料",
        "guardian refuses or neglects the duties, leaving the child without care",
    )
    #: 92(五) 监护人教唆、利用未成年人实施违法犯罪行为
    GUARDIAN_INCITES_CRIME = (
        "guardian_incites_crime",
        "监护人教唆、利用未成年人实施违法犯罪行为",
        "guardian incites or uses the child to commit offences",
    )
    #: 92(六) 未成年人遭受监护人严重伤害或者面临人身安全威胁，需要被紧急安置
    GUARDIAN_HARMS = (
        "guardian_harms",
        "遭受监护人严重伤害或面临人身安全威胁，需要紧急安置",
        "seriously harmed or threatened by the guardian, in need of emergency placement",
    )
    #: 94(一) 查找不到未成年人的父母或者其他监护人
    PARENTS_NOT_FOUND = (
        "parents_not_found",
        "查找不到未成年人的父母或者其他监护人",
        "parents or other guardians cannot be found",
    )
    #: 94(二) 监护人死亡或者被宣告死亡且无其他人可以担任监护人
    GUARDIAN_DEAD_NO_OTHER = (
        "guardian_dead_no_other",
        "监护人死亡或者被宣告死亡且无其他人可以担任监护人",
        "guardian dead or declared dead and no one else can be guardian",
    )
    #: 94(三) 监护人丧失监护能力且无其他人可以担任监护人
    GUARDIAN_INCAPABLE_NO_OTHER = (
        "guardian_incapable_no_other",
        "监护人丧失监护能力且无其他人可以担任监护人",
        "guardian lost the capacity and no one else can be guardian",
    )
    #: 94(四) 人民法院判决撤销监护人资格并指定由民政部门担任监护人
    GUARDIANSHIP_REVOKED = (
        "guardianship_revoked",
        "人民法院撤销监护人资格并指定由民政部门担任监护人",
        "a court revoked the guardian and appointed the civil affairs department",
    )
    OTHER_ABSENT = "other_absent", "其他家庭监护缺失", "other absence of guardianship"
    OTHER_IMPROPER = "other_improper", "其他监护不当", "other improper guardianship"

    @property
    def absent(self) -> bool:
        """Whether the situation is absent guardianship (缺失), else improper (不当)."""
        return self not in _IMPROPER


_IMPROPER = frozenset(
    {
        GuardianshipSituation.GUARDIAN_NEGLECTS,
        GuardianshipSituation.GUARDIAN_INCITES_CRIME,
        GuardianshipSituation.GUARDIAN_HARMS,
        GuardianshipSituation.OTHER_IMPROPER,
    }
)


class EvidenceKind(Labelled):
    """What a piece of evidence for a category is.

    .. versionadded:: 0.1.0
    """

    EXTREME_POVERTY = "extreme_poverty", "特困人员", "person in extreme poverty"
    DIBAO = "dibao", "最低生活保障对象", "dibao recipient"
    MARGINAL = "marginal", "低保边缘家庭成员", "member of a marginal low-income household"
    RIGID_EXPENDITURE = (
        "rigid_expenditure",
        "刚性支出困难家庭成员",
        "member of a rigid-expenditure household",
    )
    ORPHAN = "orphan", "孤儿基本生活保障对象", "receives the orphan allowance"
    UNSUPPORTED = (
        "unsupported",
        "事实无人抚养儿童基本生活补贴对象",
        "receives the allowance for children without de-facto care",
    )
    TEMPORARY_ASSISTANCE = "temporary_assistance", "临时救助对象", "received temporary assistance"
    DISABILITY_CERTIFICATE = (
        "disability_certificate",
        "持残疾人证",
        "holds a disability certificate",
    )
    AUTISM = "autism", "孤独症儿童", "diagnosed with autism"
    ABSENT_GUARDIANSHIP = "absent_guardianship", "家庭监护缺失", "absent guardianship"
    IMPROPER_GUARDIANSHIP = "improper_guardianship", "监护不当", "improper guardianship"


class Route(Labelled):
    """A support route 36号 (and the texts it rests on) opens, in the order shown.

    :attr:`programme` is the registry's code of the programme that decides it,
    ``None`` for routes outside the registry (another department's, or a
    measure rather than a benefit).

    .. versionadded:: 0.1.0
    """

    CHILDREN_ALLOWANCE = (
        "children_allowance",
        "孤儿、事实无人抚养儿童基本生活保障",
        "orphan or unsupported-child allowance",
    )
    EXTREME_POVERTY = "extreme_poverty", "特困人员救助供养", "extreme-poverty support"
    DIBAO = "dibao", "最低生活保障(适当提高救助水平)", "dibao (at a raised level)"
    TEMPORARY_ASSISTANCE = (
        "temporary_assistance",
        "临时救助(适当提高对儿童的救助水平)",
        "temporary assistance (at a raised level for children)",
    )
    MEDICAL_INSURANCE_FULL = (
        "medical_insurance_full",
        "城乡居民基本医疗保险全额资助",
        "contribution to basic medical insurance paid in full",
    )
    MEDICAL_INSURANCE_SUBSIDY = (
        "medical_insurance_subsidy",
        "城乡居民基本医疗保险个人缴费补贴",
        "subsidy of the contribution to basic medical insurance",
    )
    EDUCATION_AID = (
        "education_aid",
        "教育资助和义务教育“两免一补”",
        "education aid (two exemptions, one subsidy)",
    )
    FREE_EDUCATION = (
        "free_education",
        "残疾儿童12年免费教育",
        "12 years' free education for a disabled child",
    )
    REHABILITATION = "rehabilitation", "残疾儿童康复救助", "rehabilitation assistance"
    GUARDIANSHIP_INTERVENTION = (
        "guardianship_intervention",
        "强制报告、应急处置、评估帮扶、监护干预",
        "mandatory reporting, emergency response, assessment and guardianship intervention",
    )
    TEMPORARY_GUARDIANSHIP = (
        "temporary_guardianship",
        "民政部门临时监护",
        "temporary guardianship by the civil affairs department",
    )
    LONG_TERM_GUARDIANSHIP = (
        "long_term_guardianship",
        "民政部门长期监护(儿童福利机构收留抚养)",
        "long-term guardianship by the civil affairs department",
    )
    REVOCATION = (
        "revocation",
        "申请人民法院撤销监护人资格",
        "application to a court to revoke the guardian's qualification",
    )

    @property
    def programme(self) -> str | None:
        """The registry code of the programme deciding this route, or ``None``."""
        return _PROGRAMMES.get(self)


_PROGRAMMES = {
    Route.CHILDREN_ALLOWANCE: "assistance.children",
    Route.EXTREME_POVERTY: "assistance.extreme_poverty",
    Route.DIBAO: "assistance.dibao",
    Route.TEMPORARY_ASSISTANCE: "assistance.temporary",
}


def _optional(kind: type, expected: str) -> Any:
    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None and (
            not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool)
        ):
            raise InvalidInputError(f"$.{attribute.name}", value, expected)

    return check


@attrs.frozen
class Incident:
    """One guardianship incident: the situation and what it did to the child.

    ``None`` means not established.

    .. versionadded:: 0.1.0
    """

    situation: GuardianshipSituation | None = attrs.field(
        default=None, validator=_optional(GuardianshipSituation, "a guardianship situation")
    )
    harm: Harm | None = attrs.field(default=None, validator=_optional(Harm, "a harm"))


def _incidents(value: Sequence[Incident]) -> tuple[Incident, ...]:
    if not isinstance(value, (list, tuple)) or not all(isinstance(i, Incident) for i in value):
        raise InvalidInputError("$.incidents", type(value).__name__, "a list of incidents")
    return tuple(value)


@attrs.frozen
class ChildInDifficultyFacts:
    """The facts about a child beyond the household, each ``None`` while not established.

    ``layer`` is the child's layer as the layered assistance decides it
    (:attr:`civaffairs.assistance.layers.MemberLayer.layer`);
    ``child_allowance`` the orphan / 事实无人抚养 allowance the child receives
    (:func:`civaffairs.assistance.children.allowance_kind`);
    ``temporary_assistance`` whether the family received 临时救助 for a sudden
    hardship; ``autism`` whether the child is diagnosed with autism;
    ``in_welfare_institution`` whether a child welfare institution raises the
    child; ``other_economic_hardship`` whether the county recognises the family
    as "其他经济困难家庭" for rehabilitation assistance; ``incidents`` the
    guardianship incidents found (none listed: none recorded).
    :func:`facts_from_layers` fills the first three from a layered assessment.

    .. versionadded:: 0.1.0
    """

    layer: AssistanceLayer | None = attrs.field(
        default=None, validator=_optional(AssistanceLayer, "an assistance layer")
    )
    child_allowance: ChildAllowance | None = attrs.field(
        default=None, validator=_optional(ChildAllowance, "a child allowance kind")
    )
    temporary_assistance: bool | None = attrs.field(
        default=None, validator=_optional(bool, "true or false")
    )
    autism: bool | None = attrs.field(default=None, validator=_optional(bool, "true or false"))
    in_welfare_institution: bool | None = attrs.field(
        default=None, validator=_optional(bool, "true or false")
    )
    other_economic_hardship: bool | None = attrs.field(
        default=None, validator=_optional(bool, "true or false")
    )
    incidents: tuple[Incident, ...] = attrs.field(default=(), converter=_incidents)


@attrs.frozen
class ChildInDifficultyApplication:
    """One child's case as a single value (JSON, policy cases).

    .. versionadded:: 0.1.0
    """

    household: Household
    person: str
    facts: ChildInDifficultyFacts = attrs.field(factory=ChildInDifficultyFacts)


@attrs.frozen
class Evidence:
    """One piece of evidence a category rests on, and the path of the fact it is read from.

    .. versionadded:: 0.1.0
    """

    kind: EvidenceKind
    path: str


@attrs.frozen
class CategoryFinding:
    """One category: whether it holds (``None``: undecided), on what evidence, what is missing.

    ``missing`` lists the facts not established that could add evidence, also
    when the category already holds.

    .. versionadded:: 0.1.0
    """

    category: Category
    holds: bool | None
    evidence: tuple[Evidence, ...] = ()
    missing: tuple[str, ...] = ()


@attrs.frozen
class RouteFinding:
    """One support route: ``applies`` is ``True``, or ``None`` while facts are ``missing``.

    ``basis`` names the categories whose evidence opens it.

    .. versionadded:: 0.1.0
    """

    route: Route
    applies: bool | None
    basis: tuple[Category, ...]
    missing: tuple[str, ...] = ()

    @property
    def programme(self) -> str | None:
        """The registry code of the programme deciding the route (:attr:`Route.programme`)."""
        return self.route.programme


@attrs.frozen
class Classification:
    """A child's categories and routes on one date.

    ``categories`` has a finding for each :class:`Category` (in that order),
    empty for an adult or before 36号; ``routes`` follows :class:`Route` order and
    lists the routes that apply or are pending.

    .. versionadded:: 0.1.0
    """

    person: str
    as_of: dt.date
    jurisdiction: str
    covered: bool
    minor: bool
    categories: tuple[CategoryFinding, ...] = ()
    routes: tuple[RouteFinding, ...] = ()
    parameters: tuple[ParameterValue, ...] = ()

    @property
    def held(self) -> frozenset[Category]:
        """The categories that hold."""
        return frozenset(f.category for f in self.categories if f.holds)

    @property
    def applying(self) -> frozenset[Route]:
        """The routes that apply (not those pending)."""
        return frozenset(r.route for r in self.routes if r.applies)

    @property
    def missing(self) -> tuple[str, ...]:
        """Every fact not established that matters to a category or a route, in order."""
        paths = [p for f in self.categories for p in f.missing]
        paths += [p for r in self.routes for p in r.missing]
        return tuple(dict.fromkeys(paths))

    @property
    def outcome(self) -> Outcome:
        """Eligible in a category; cannot decide when none holds and one is undecided."""
        if self.held:
            return Outcome.ELIGIBLE
        if any(f.holds is None for f in self.categories):
            return Outcome.CANNOT_DECIDE
        return Outcome.NOT_ELIGIBLE
