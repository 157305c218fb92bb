"""困境儿童: the categories of a child in difficulty, with their evidence, and the support routes.

《国务院关于加强困境儿童保障工作的意见》 (国发〔2016〕36号, text read in Comet-law
policy/3.2.md; issue date 2016-06-13 recalled) defines, in its preamble:
"困境儿童包括因家庭贫困导致生活、就医、就学等困难的儿童，因自身残疾导致康复、照料、
护理和社会融入等困难的儿童，以及因家庭监护缺失或监护不当遭受虐待、遗弃、意外伤害、
不法侵害等导致人身安全受到威胁或侵害的儿童".  For one child on one date
(:func:`classify`):

1. **In force** — the classification exists from 36号 (a dated flag,
   ``assistance.children_in_difficulty.covered``).
2. **A child** — under 18 (《民法典》 art. 17: "不满十八周岁的自然人为未成年人";
   :data:`civaffairs.assistance.means.ADULT_AGE`).  An adult is in no category.
3. **Categories** (:class:`Category`), each decided on its own from the
   evidence given, each carrying the evidence it rests on
   (:class:`CategoryFinding`): it *holds* when some evidence supports it,
   *fails* when every fact is known and none does, and is *undecided* (naming
   the paths of the facts not established) otherwise:

   - **poverty** (家庭贫困): the child's assistance layer as the layered
     assistance decides it (:mod:`civaffairs.assistance.layers`): 特困 or 低保;
     低保边缘 and 刚性支出困难 only where the jurisdiction counts them
     (``assistance.children_in_difficulty.poverty.low_income_layers``: 36号 二(一)
     names 孤儿, 特困, 低保 and 临时救助 and leaves "其他困境儿童" to the
     provinces); the orphan or 事实无人抚养 allowance
     (:func:`civaffairs.assistance.children.allowance_kind`; 36号 二(一) 保障基本生活
     puts "无法定抚养人的儿童" first among the children whose basic living it
     secures); or 临时救助 received for a sudden hardship (36号 二(一));
   - **disability** (自身残疾): a disability certificate (the person's
     :class:`~civaffairs.entities.Disability`) of a grade the jurisdiction
     counts (``…disability.max_grade``; 36号 names no grade: 4 nationally),
     or a diagnosis of autism (孤独症, which 国发〔2018〕20号 names beside the
     certificate categories);
   - **guardianship** (监护缺失或监护不当): an :class:`Incident` — a
     guardianship situation (:class:`GuardianshipSituation`, each absent or
     improper guardianship) *and* a harm or threat to the child's personal
     safety (:class:`Harm`: "遭受虐待、遗弃、意外伤害、不法侵害等导致人身安全受到
     威胁或侵害").  An incident with no harm (``Harm.NONE``) is no evidence;
     no incidents listed means none recorded.

   **Combination**: a child may be in several categories; 36号 sets no
   priority between them ("分类保障 … 根据困境儿童自身、家庭情况分类施策"), so
   the routes are the union of what each category's evidence opens.  (Its only
   priority is within services: "残疾人康复等服务要优先保障残疾儿童需求", 二(五).)
   The categories do not depend on the order the evidence is listed in, and
   more evidence never removes one.
4. **Routes** (:class:`Route`, :class:`RouteFinding`), each naming the
   registry's programme where there is one (:attr:`Route.programme`), and the
   article that opens it:

   - 孤儿 / 事实无人抚养 allowance (``assistance.children``), 特困
     (``assistance.extreme_poverty``), 低保 ("适当提高救助水平",
     ``assistance.dibao``), 临时救助 ("适当提高对儿童的救助水平",
     ``assistance.temporary``) — 36号 二(一), from the evidence that the
     child already receives them (their rules are those programmes', not
     re-derived here: 36号 二(一) puts 特困 children "未满16周岁", which the
     2020 中办 国办 opinion raised to 18, as ``assistance.extreme_poverty``
     decides);
   - medical insurance: full subsidy of the contribution for a 特困 child,
     partial for a 低保 child or a severely disabled child (grade 1–2) — 二(二);
   - education aid for a child of a poor family; 12 years' free education for
     a disabled child of a poor family — 二(三);
   - **rehabilitation** (残疾儿童康复救助, 国发〔2018〕20号 二(一), text read in
     Comet-law policy/3.6.md, number recalled; in force from 2018-10-01):
     "0—6岁视力、听力、言语、肢体、智力等残疾儿童和孤独症儿童" (the age limit a
     dated parameter, ``…rehabilitation.max_age``, which "有条件的地区，可扩大";
     多重残疾 is taken as within "等", 精神残疾 not), of a 低保 or 特困
     family, an orphan, raised in a child welfare institution, or of "其他经济
     困难家庭" as the county recognises it — unless the place has lifted the
     economic condition (``…rehabilitation.any_family``).  The text's
     "建档立卡贫困户家庭" (the registered poor households of the poverty
     alleviation campaign) has no fact of its own: give such a family as
     ``other_economic_hardship``;
   - **guardianship**: intervention for every child in the category (36号
     三(一): "强制报告、应急处置、评估帮扶、监护干预"); from 2021-06-01
     (未成年人保护法 2020 revision, art. 132) temporary guardianship by the civil
     affairs department in the situations of art. 92 and long-term
     guardianship in those of art. 94 (民法典 art. 31 ¶3 and art. 32 likewise;
     before 2021-06-01, 36号 二(四): 儿童福利机构收留抚养 for a child whose parents
     cannot act as guardians and who has no other guardian, or whose guardian
     a court appointed the department); and from 2021-01-01 an application to
     revoke the guardian's qualification (民法典 art. 36 (一)(二): "实施严重损害
     被监护人身心健康的行为", "怠于履行监护职责…导致被监护人处于危困状态"; ¶3:
     the department applies when no one else does).

   A route whose facts are not all established is *pending* and names them.

The decision (:func:`assess_person`) is eligible when the child is in a
category, not eligible when an adult, before 36号, or in none, and "cannot
decide" when no category holds and one is undecided.  It carries no amount:
the routes' amounts are decided by their programmes.

Paths of missing facts are relative to a :class:`ChildInDifficultyApplication`.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from civaffairs.assistance._tally import Applicant, each_member, of_application
from civaffairs.assistance.laws import CIVIL_CODE
from civaffairs.assistance.means import ADULT_AGE
from civaffairs.decisions import Citation, Decision, Document, Draft, Outcome, ReasonCode, programme
from civaffairs.entities import (
    AssistanceLayer,
    ChildAllowance,
    Disability,
    DisabilityCategory,
    Household,
)
from civaffairs.errors import InvalidInputError
from civaffairs.labels import Labelled
from civaffairs.parameters import ParameterBook, ParameterValue

if TYPE_CHECKING:
    from civaffairs.assistance.layers import LayeredAssessment

__all__ = [
    "CHILDREN_IN_DIFFICULTY_OPINION",
    "DISABLED_CHILDREN_REHABILITATION_OPINION",
    "MINORS_PROTECTION_LAW",
    "PROGRAMME",
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
    "assess",
    "assess_application",
    "assess_person",
    "classify",
    "facts_from_layers",
]

PROGRAMME = programme("assistance.children_in_difficulty")

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
    if not listed:
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
        return _Rehabilitation(
            RouteFinding(Route.REHABILITATION, None, basis, tuple(unknown)),
            "家庭经济条件尚未确定",
            "the family's economic condition is not established",
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
