"""特困人员救助供养: support for persons in extreme poverty (the "three withouts", 三无).

The rule, for one person on one date, follows 《特困人员认定办法》 (2021, in force
2021-07-01 by its art. 29; 民发〔2021〕43号 — the number is recalled: the full text
read, ``lawtexts/comet/department/1.2.md``, does not print it) and 国发〔2016〕14号
for the standards.  Article numbers below were read in that text.

1. **Registration** — the person applies where registered (art. 10: "由本人向户籍
   所在地乡镇人民政府（街道办事处）提出书面申请"; 社会救助暂行办法 art. 16).  A
   person declared missing or serving a prison sentence is not supported
   (art. 24 (一), (三)).
2. **No labour capacity** (无劳动能力, art. 5): aged 60 or more (一); a minor
   under the recognition age (二: 未满16周岁; a dated parameter, raised to 18 for
   the period of the 2020 opinion 关于改革完善社会救助制度的意见, which "将特困救助
   供养覆盖的未成年人年龄从16周岁延长至18周岁"); disabled in a listed grade (三:
   grade 1–3 intellectual and mental, grade 1–2 physical, grade 1 visual — a
   parameter per category); or a provincial ground (四, the same parameters).
   A minor already supported keeps support to 18 (art. 24 second paragraph:
   "特困人员中的未成年人，可继续享有救助供养待遇至18周岁"), and past 18 while in
   compulsory education, ordinary high school or secondary vocational school
   ("年满18周岁仍在接受义务教育或者在普通高中、中等职业学校就读的，可继续享有").
3. **Orphans** (art. 9) — a minor who meets both these conditions and those of
   the orphan or 事实无人抚养 allowance and **chooses** (选择申请) that allowance
   is not recognised as 特困.  It is a choice, so it is an input:
   :attr:`ExtremePovertyFacts.child_allowance` (see
   :mod:`civaffairs.assistance.children`).
4. **No source of living** (无生活来源, art. 6): the person's own monthly income
   strictly below the local dibao standard for the person's registration kind,
   with the items art. 6 leaves out not counted (中央确定的城乡居民基本养老保险
   基础养老金、基本医疗保险等社会保险和优待抚恤金、高龄津贴 — and only those: rewards,
   family-planning payments, assistance received and the disability subsidies
   count); and the person's property within the local 特困 property rules
   (art. 7: set by the prefecture or above; parameters
   ``assistance.extreme_poverty.assets.*``).  Income or assets that name no
   member are the person's only in a one-person household; otherwise they
   must be attributed (a missing fact).
5. **No able supporter** (art. 4 (三)): no statutory supporter (赡养、抚养、扶养
   义务人), or every supporter unable under art. 8 — (一) a 特困 person;
   (二) a dibao recipient aged 60 or more; (三) aged 70 or more, own income below
   last year's local per-capita disposable income and property within the
   local low-income rules; (四) severely disabled (grade 1–2) or with grade-3
   intellectual or mental disability, under the same income and property
   test; (五) without civil capacity, declared missing or in prison, with
   property within the rules; (六) a ground the province sets (a flag
   parameter, national default: none).
6. **Care tier** (生活自理能力, arts. 21–22): six daily activities (eating,
   dressing, getting in and out of bed, using the toilet, walking indoors,
   bathing).  None failed: able to care for oneself; 1–3 failed: partly
   unable; 4 or more: wholly unable.  Where a GB/T 42195 ability grade is given
   it decides instead, through two parameters (an explicit, example mapping).
7. **Amount** (国发〔2016〕14号 (二)): the basic living standard for the
   person's registration kind plus the care standard for the tier and the
   support arrangement (集中供养 in an institution, 分散供养 at home).  Care
   standards are parameters in yuan **per year**, as many places publish them;
   the monthly share is the annual amount divided by 12, rounded to the fen
   (half up) — the one rounding, ours, since no rule was found.
8. **Payable months**: from the month after the decision (art. 17: "从确认之日
   下月起给予救助供养待遇"); for a minor supported on age alone and not recorded
   as studying, through the month of the 18th birthday (art. 24: "至18周岁";
   art. 26: termination "从下月起"), as :attr:`Decision.payable`.

Conditions are cumulative and three-valued: one that fails makes the person
not eligible even if other facts are missing; otherwise a missing fact makes
the decision "cannot decide" and names its path.  Paths are relative to an
:class:`ExtremePovertyApplication`: ``$.household.…`` and ``$.facts.…``.  A
person who meets every condition but lacks the care tier or the support
arrangement gets "cannot decide" with the reason code
``assistance.extreme_poverty.amount_facts_missing`` (eligible, amount unknown);
:func:`meets_conditions` tells the three cases apart for composing rules.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import attrs

from civaffairs.assistance._tally import Tally, each_member, of_application, registration_reason
from civaffairs.assistance.laws import EXTREME_POVERTY_MEASURES, EXTREME_POVERTY_OPINION
from civaffairs.dates import age_in_full_years, anniversary
from civaffairs.decisions import (
    Amount,
    AmountLine,
    Citation,
    Decision,
    Outcome,
    PayablePeriod,
    Period,
    Reason,
    ReasonCode,
    first_of_month,
    programme,
)
from civaffairs.entities import (
    INTELLECTUAL_OR_MENTAL,
    AbilityGrade,
    Asset,
    AssetType,
    Disability,
    Household,
    IncomeType,
    Person,
    RegistrationKind,
    Relationship,
    SpecialStatus,
)
from civaffairs.errors import InvalidInputError
from civaffairs.money import FEN, ZERO, yuan
from civaffairs.parameters import ParameterBook, ParameterValue, default_book

__all__ = [
    "PROGRAMME",
    "CareTier",
    "DailyActivity",
    "ExtremePovertyApplication",
    "ExtremePovertyFacts",
    "SupportArrangement",
    "Supporter",
    "SupporterSituation",
    "assess",
    "assess_application",
    "assess_person",
    "care_tier",
    "care_tier_for_ability_grade",
    "meets_conditions",
]

PROGRAMME = programme(
    "assistance.extreme_poverty", "特困人员救助供养", "support for persons in extreme poverty"
)

_ELDERLY_AGE = 60  # 认定办法 art. 5 (一): 60周岁以上的老年人
_SUPPORTER_DIBAO_AGE = 60  # art. 8 (二): 60周岁以上的最低生活保障对象
_SUPPORTER_ELDERLY_AGE = 70  # art. 8 (三): 70周岁以上的老年人
_SEVERE_GRADE = 2  # art. 8 (四): 重度残疾人 = disability grade 1–2
_GRADE_3 = 3  # art. 8 (四): 残疾等级为三级的智力、精神残疾人
_MAJORITY_AGE = 18  # 民法典 art. 17: 不满十八周岁的自然人为未成年人 (art. 9 speaks of 未成年人)
_WHOLLY_UNABLE_FROM = 4  # art. 22: 有4项以上（含4项）指标不能达到的 → 完全丧失生活自理能力
_MONTHS_PER_YEAR = 12

_ART_4 = Citation(EXTREME_POVERTY_MEASURES, "第四条(三)")
_ART_5 = Citation(EXTREME_POVERTY_MEASURES, "第五条")
_ART_5_MINOR = Citation(
    EXTREME_POVERTY_MEASURES,
    "第五条(二)",
    note="未满16周岁; 关于改革完善社会救助制度的意见 二(二)5 extends 特困 coverage of minors "
    "from 16 to 18 (the age is the parameter assistance.extreme_poverty.minor_age_limit)",
)
_ART_6 = Citation(EXTREME_POVERTY_MEASURES, "第六条")
_ART_6_7 = Citation(EXTREME_POVERTY_MEASURES, "第六条、第七条")
_ART_8 = Citation(EXTREME_POVERTY_MEASURES, "第八条")
_ART_9 = Citation(EXTREME_POVERTY_MEASURES, "第九条")
_ART_10 = Citation(EXTREME_POVERTY_MEASURES, "第十条")
_ART_17 = Citation(EXTREME_POVERTY_MEASURES, "第十七条")
_ART_24 = Citation(EXTREME_POVERTY_MEASURES, "第二十四条")
_ART_24_26 = Citation(EXTREME_POVERTY_MEASURES, "第二十四条第二款、第二十六条")
_SELF_CARE = Citation(EXTREME_POVERTY_MEASURES, "第二十一条、第二十二条")
_STANDARDS = Citation(EXTREME_POVERTY_OPINION, "(二)救助供养标准")
_REGISTRATION = _ART_10

R_REGISTRATION = ReasonCode.define(
    "assistance.extreme_poverty.registration",
    "户籍在{place}({code}),属受理地{where}",
    "household registration in {place} ({code}), within {where}",
    _REGISTRATION,
)
R_REGISTRATION_ELSEWHERE = ReasonCode.define(
    "assistance.extreme_poverty.registration_elsewhere",
    "户籍在{place}({code}),不在受理地{where}",
    "household registration in {place} ({code}), not within {where}",
    _REGISTRATION,
)
R_STATUS = ReasonCode.define(
    "assistance.extreme_poverty.status_excludes",
    "本人{status},不予救助供养",
    "the person is {status_en}, which ends support",
    _ART_24,
)
R_ELDERLY = ReasonCode.define(
    "assistance.extreme_poverty.no_work_capacity.elderly",
    "{age} 周岁,为60周岁以上老年人,视为无劳动能力",
    "aged {age}: 60 or older, which counts as no labour capacity",
    _ART_5,
)
R_MINOR = ReasonCode.define(
    "assistance.extreme_poverty.no_work_capacity.minor",
    "{age} 周岁,未满 {limit} 周岁的未成年人,视为无劳动能力",
    "aged {age}: a minor under {limit}, which counts as no labour capacity",
    _ART_5_MINOR,
)
R_MINOR_SUPPORTED = ReasonCode.define(
    "assistance.extreme_poverty.no_work_capacity.minor_supported",
    "{age} 周岁,为特困人员中的未成年人,可继续享有救助供养待遇至{until}周岁",
    "aged {age}: a minor already supported as 特困, who keeps support until {until}",
    _ART_24,
)
R_MINOR_SUPPORTED_UNKNOWN = ReasonCode.define(
    "assistance.extreme_poverty.no_work_capacity.minor_supported_unknown",
    "{age} 周岁,已满{limit}周岁,是否为特困人员中的未成年人(可继续享有至{until}周岁)尚未确定"
    "(缺少: {paths})",
    "aged {age}, past {limit}: whether the minor is already supported as 特困 (and so keeps "
    "support until {until}) is not established (missing: {paths})",
    _ART_24,
)
R_PAYABLE_UNTIL = ReasonCode.define(
    "assistance.extreme_poverty.payable_until",
    "未成年人救助供养至{until}周岁({birthday}),未登记为在校学生,从下月起终止: 发放至{last}",
    "a minor is supported until {until} ({birthday}) and is not recorded as a student; support "
    "stops from the next month: payable through {last}",
    _ART_24_26,
)
R_MINOR_CONTINUING = ReasonCode.define(
    "assistance.extreme_poverty.no_work_capacity.minor_in_school",
    "{age} 周岁,未成年时已纳入特困且仍在接受义务教育或在普通高中、中等职业学校就读,继续享有",
    "aged {age}: supported as a minor and still in compulsory, high or secondary vocational "
    "school, so support continues",
    _ART_24,
)
R_MINOR_CONTINUING_UNKNOWN = ReasonCode.define(
    "assistance.extreme_poverty.no_work_capacity.minor_in_school_unknown",
    "{age} 周岁,是否未成年时已纳入特困且仍在接受义务教育或在普通高中、中等职业学校就读尚未确定"
    "(缺少: {paths})",
    "aged {age}: whether the person was supported as a minor and is still in compulsory, high or "
    "secondary vocational school is not established (missing: {paths})",
    _ART_24,
)
R_DISABLED = ReasonCode.define(
    "assistance.extreme_poverty.no_work_capacity.disabled",
    "{category}残疾{grade}级,在视为无劳动能力的等级内(一级至{limit}级)",
    "{category_en} disability grade {grade}, within the grades that count as no labour "
    "capacity (1–{limit})",
    _ART_5,
)
R_NOT_COVERED = ReasonCode.define(
    "assistance.extreme_poverty.no_work_capacity.not_met",
    "{age} 周岁,{disability},不属于视为无劳动能力的老年人、未成年人或残疾人",
    "aged {age}, {disability_en}: not an older person, minor or disabled person without "
    "labour capacity",
    _ART_5,
)
R_CHILD_ALLOWANCE = ReasonCode.define(
    "assistance.extreme_poverty.child_allowance",
    "{state}",
    "{state_en}",
    _ART_9,
)
R_INCOME_NOT_COUNTED = ReasonCode.define(
    "assistance.extreme_poverty.income_not_counted",
    "不计入收入: {items}",
    "not counted as income: {items_en}",
    _ART_6,
)
R_INCOME_BELOW = ReasonCode.define(
    "assistance.extreme_poverty.income_below_standard",
    "本人月收入 {income} 元,低于当地{kind}低保标准 {standard} 元",
    "own monthly income {income} yuan is below the local {kind_en} dibao standard {standard} yuan",
    _ART_6,
)
R_INCOME_NOT_BELOW = ReasonCode.define(
    "assistance.extreme_poverty.income_not_below_standard",
    "本人月收入 {income} 元,不低于当地{kind}低保标准 {standard} 元",
    "own monthly income {income} yuan is not below the local {kind_en} dibao standard "
    "{standard} yuan",
    _ART_6,
)
R_FINANCIAL_ASSETS = ReasonCode.define(
    "assistance.extreme_poverty.financial_assets",
    "本人金融资产 {assets} 元,{relation}上限 {months} 个月低保标准 = {limit} 元",
    "own financial assets {assets} yuan are {relation_en} the limit of {months} months of the "
    "dibao standard = {limit} yuan",
    _ART_6_7,
)
R_ASSET_DISQUALIFIES = ReasonCode.define(
    "assistance.extreme_poverty.asset_disqualifies",
    "拥有{asset},不符合特困人员财产状况规定",
    "owns {asset_en}, which fails the property rules",
    _ART_6_7,
)
R_UNATTRIBUTED = ReasonCode.define(
    "assistance.extreme_poverty.unattributed",
    "家庭有多名成员,以下收入或财产未注明归属: {paths}",
    "the household has several members; these incomes or assets name no member: {paths}",
    _ART_6,
)
R_SUPPORTERS_UNKNOWN = ReasonCode.define(
    "assistance.extreme_poverty.supporters_unknown",
    "法定赡养、抚养、扶养义务人的情况尚未确定",
    "the statutory supporters have not been established",
    _ART_4,
)
R_NO_SUPPORTER = ReasonCode.define(
    "assistance.extreme_poverty.no_supporter",
    "无法定赡养、抚养、扶养义务人",
    "no statutory supporter",
    _ART_4,
)
R_SUPPORTER_UNABLE = ReasonCode.define(
    "assistance.extreme_poverty.supporter_unable",
    "义务人({relationship})无履行义务能力: {why}",
    "the supporter ({relationship_en}) cannot perform the duty: {why_en}",
    _ART_8,
)
R_SUPPORTER_ABLE = ReasonCode.define(
    "assistance.extreme_poverty.supporter_able",
    "义务人({relationship})不属于无履行义务能力的情形",
    "the supporter ({relationship_en}) is not in any situation that makes a supporter unable",
    _ART_8,
)
R_SUPPORTER_UNKNOWN = ReasonCode.define(
    "assistance.extreme_poverty.supporter_unknown",
    "义务人({relationship})是否有履行义务能力无法判定,缺少: {paths}",
    "whether the supporter ({relationship_en}) can perform the duty is unknown; missing: {paths}",
    _ART_8,
)
R_MISSING = ReasonCode.define(
    "assistance.extreme_poverty.missing_facts",
    "缺少判定所需事实: {paths}",
    "facts needed for the decision are missing: {paths}",
    _ART_4,
)
R_CARE_TIER = ReasonCode.define(
    "assistance.extreme_poverty.care_tier",
    "生活自理能力: {tier}({basis})",
    "self-care: {tier_en} ({basis_en})",
    _SELF_CARE,
)
R_AMOUNT_FACTS_MISSING = ReasonCode.define(
    "assistance.extreme_poverty.amount_facts_missing",
    "符合特困人员条件, 但计算供养标准缺少: {paths}",
    "the conditions are met, but the amount needs: {paths}",
    _STANDARDS,
)
R_AMOUNT = ReasonCode.define(
    "assistance.extreme_poverty.amount",
    "基本生活标准 {basic} 元 + 照料护理标准({arrangement}, {tier})每年 {care_annual} 元 ÷ 12 = "
    "{care} 元, 合计每月 {total} 元",
    "basic living standard {basic} yuan + care standard ({arrangement_en}, {tier_en}) "
    "{care_annual} yuan a year ÷ 12 = {care} yuan: {total} yuan a month",
    _STANDARDS,
)


# -- input facts -------------------------------------------------------------------------------


class DailyActivity(enum.Enum):
    """The six activities of the 特困 self-care assessment (生活自理能力评估).

    .. versionadded:: 0.1.0
    """

    EATING = "eating"  #: 自主吃饭
    DRESSING = "dressing"  #: 自主穿衣
    BED_TRANSFER = "bed_transfer"  #: 自主上下床
    TOILETING = "toileting"  #: 自主如厕
    INDOOR_WALKING = "indoor_walking"  #: 室内行走
    BATHING = "bathing"  #: 自主洗澡


class CareTier(enum.Enum):
    """How far a person can care for themselves, which selects the care standard.

    .. versionadded:: 0.1.0
    """

    SELF_CARE = "self_care"  #: 具备生活自理能力 (全自理)
    PARTIAL = "partial"  #: 部分丧失生活自理能力 (半失能, 半护理)
    FULL = "full"  #: 完全丧失生活自理能力 (全失能, 全护理)

    @property
    def rank(self) -> int:
        """0 for self-care, 1 for partly and 2 for wholly unable."""
        return _TIERS.index(self)

    def label(self, lang: str) -> str:
        """Return the tier's name in ``"zh"`` or ``"en"``."""
        return _TIER_LABELS[self][0 if lang == "zh" else 1]


_TIERS = tuple(CareTier)
_TIER_LABELS = {
    CareTier.SELF_CARE: ("具备生活自理能力", "able to care for oneself"),
    CareTier.PARTIAL: ("部分丧失生活自理能力", "partly unable to care for oneself"),
    CareTier.FULL: ("完全丧失生活自理能力", "wholly unable to care for oneself"),
}


class SupportArrangement(enum.Enum):
    """Where a person is supported: in an institution or at home.

    .. versionadded:: 0.1.0
    """

    CONCENTRATED = "concentrated"  #: 集中供养 (in a support institution)
    DISPERSED = "dispersed"  #: 分散供养 (at home, with contracted care)


_ARRANGEMENT_LABELS = {
    SupportArrangement.CONCENTRATED: ("集中供养", "institutional support"),
    SupportArrangement.DISPERSED: ("分散供养", "support at home"),
}


class SupporterSituation(enum.Enum):
    """What a statutory supporter is, as far as the heads of art. 8 go.

    :attr:`Supporter.situations` lists the situations the supporter is in;
    once given, a situation not listed is one the supporter is not in.  Age,
    disability, income, registration kind and property are separate facts of
    :class:`Supporter`.

    .. versionadded:: 0.1.0
    """

    EXTREME_POVERTY = "extreme_poverty"  #: (一) 特困人员
    DIBAO = "dibao"  #: 最低生活保障对象 ((二): unable when aged 60 or more)
    NO_CIVIL_CAPACITY = "no_civil_capacity"  #: (五) 无民事行为能力
    DECLARED_MISSING = "declared_missing"  #: (五) 被宣告失踪
    IN_PRISON = "in_prison"  #: (五) 在监狱服刑
    #: (六) 省、自治区、直辖市人民政府规定的其他情形, established by the caller; it holds only
    #: where the province has set such grounds (the parameter
    #: ``assistance.extreme_poverty.supporter_unable.provincial_grounds``)
    PROVINCIAL_GROUND = "provincial_ground"


def _optional_tuple(value: Iterable[Any] | None) -> tuple[Any, ...] | None:
    return None if value is None else tuple(value)


def _optional_frozenset(value: Iterable[Any] | None) -> frozenset[Any] | None:
    return None if value is None else frozenset(value)


def _situations(
    value: Iterable[SupporterSituation] | None,
) -> frozenset[SupporterSituation] | None:
    return None if value is None else frozenset(value)


def _optional_monthly(value: object) -> Decimal | None:
    return None if value is None else yuan(value, path="$.monthly_income")


@attrs.frozen
class Supporter:
    """A statutory supporter (法定赡养、抚养、扶养义务人) of the person assessed.

    ``relationship`` is the supporter's relationship **to the person
    assessed** (a spouse, a child, a parent …).  When the supporter is a
    member of the household, give ``member`` (their id): their birth date,
    disability, registration kind and statuses (serving a sentence, declared
    missing) are read from the household, and ``birth_date``, ``disability``
    and ``registration_kind`` must be left out.

    The facts of art. 8, each asked only by the heads that need it (a missing
    one that could decide makes "cannot decide" naming its path):

    - ``monthly_income``: the supporter's own income (本人收入) in yuan per
      month, compared over a year (× 12) with last year's local per-capita
      disposable income (heads (三), (四));
    - ``registration_kind``: which local figure applies, urban or rural (our
      reading of "当地上年人均可支配收入" where a place publishes both);
    - ``property_within_rules``: whether the supporter's property is within
      the local low-income property rules (当地低收入家庭财产状况规定; heads
      (三), (四), (五)); ``None`` when not established;
    - ``situations``: the situations of :class:`SupporterSituation` the
      supporter is in (``frozenset()`` for none); ``None`` (the default) when
      not established, which leaves heads (一), (二) and (五) open: the
      decision is "cannot decide" naming ``$.facts.supporters[i].situations``
      unless another head already holds.  For a member, serving a sentence
      and being declared missing are also read from the member's statuses;
    - ``disabled``, for a supporter who is not a member: whether they hold a
      disability certificate.  ``None`` (the default) when not established;
      ``False`` for none; giving ``disability`` implies ``True``.  Where head
      (四) could turn on it, an unestablished disability makes "cannot
      decide" naming ``$.facts.supporters[i].disability``.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0
       ``situations`` defaults to ``None`` (not established), not to none;
       ``disabled`` added (a non-member's disability is no longer assumed
       absent).
    """

    relationship: Relationship
    member: str | None = None
    birth_date: dt.date | None = None
    disability: Disability | None = None
    situations: frozenset[SupporterSituation] | None = attrs.field(
        default=None, converter=_situations
    )
    property_within_rules: bool | None = None
    monthly_income: Decimal | None = attrs.field(default=None, converter=_optional_monthly)
    registration_kind: RegistrationKind | None = None
    disabled: bool | None = None

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.relationship, Relationship):
            raise InvalidInputError("$.relationship", self.relationship, "a relationship")
        if self.registration_kind is not None and not isinstance(
            self.registration_kind, RegistrationKind
        ):
            raise InvalidInputError(
                "$.registration_kind", self.registration_kind, "a registration kind"
            )
        if self.disabled is False and self.disability is not None:
            raise InvalidInputError(
                "$.disabled", self.disabled, "true or null when a disability is given"
            )
        if self.member is not None and (
            self.birth_date is not None
            or self.disability
            or self.registration_kind is not None
            or self.disabled is not None
        ):
            raise InvalidInputError(
                "$.member",
                self.member,
                "either a household member's id or the supporter's own birth_date, "
                "disability, disabled and registration_kind, not both",
            )


@attrs.frozen
class ExtremePovertyFacts:
    """The facts about one person that the 特困 rule needs beyond the household.

    - ``supporters``: every statutory supporter; ``()`` for none, ``None`` when
      not established.
    - ``activities_not_achieved``: the daily activities the person cannot do
      alone (``frozenset()`` for none); ``None`` when not assessed.
    - ``ability_grade``: a GB/T 42195 grade, which decides the care tier where
      given.
    - ``arrangement``: institutional or home support.
    - ``child_allowance``: for a minor, whether they chose (选择申请) the
      orphan / 事实无人抚养 allowance instead (art. 9); ``None`` when not
      established.
    - ``supported_as_minor``: whether the person is already a 特困 person
      recognised as a minor (特困人员中的未成年人, art. 24), asked of a person
      past the recognition age (art. 5 (二)) who is not otherwise without
      labour capacity.
    - ``in_secondary_school``: past 18, whether the person is in compulsory
      education, ordinary high school or secondary vocational school (art.
      24); asked only of a person recorded as a full-time student
      (``SpecialStatus.FULL_TIME_STUDENT``): a person not recorded as studying
      is not in school, as everywhere in the library.

    .. versionadded:: 0.1.0
    """

    supporters: tuple[Supporter, ...] | None = attrs.field(default=None, converter=_optional_tuple)
    activities_not_achieved: frozenset[DailyActivity] | None = attrs.field(
        default=None, converter=_optional_frozenset
    )
    ability_grade: AbilityGrade | None = None
    arrangement: SupportArrangement | None = None
    child_allowance: bool | None = None
    supported_as_minor: bool | None = None
    in_secondary_school: bool | None = None


@attrs.frozen
class ExtremePovertyApplication:
    """One person's application as a single value (the JSON form, and for policy cases).

    ``person`` is the id of a member of ``household``.

    .. versionadded:: 0.1.0
    """

    household: Household
    person: str
    facts: ExtremePovertyFacts = attrs.field(factory=ExtremePovertyFacts)


# -- care tier ---------------------------------------------------------------------------------


def care_tier(activities_not_achieved: Iterable[DailyActivity]) -> CareTier:
    """Return the care tier from the daily activities a person cannot do alone.

    None: able to care for oneself; one to three: partly unable; four or more:
    wholly unable.

    >>> care_tier({DailyActivity.BATHING, DailyActivity.DRESSING})
    <CareTier.PARTIAL: 'partial'>

    .. versionadded:: 0.1.0
    """
    failed = len(frozenset(activities_not_achieved))
    if failed == 0:
        return CareTier.SELF_CARE
    return CareTier.PARTIAL if failed < _WHOLLY_UNABLE_FROM else CareTier.FULL


def care_tier_for_ability_grade(
    grade: AbilityGrade, jurisdiction: str, on: dt.date, *, book: ParameterBook | None = None
) -> tuple[CareTier, tuple[ParameterValue, ...]]:
    """Return the care tier a GB/T 42195 ability grade maps to, and the parameters used.

    The mapping is two parameters: the least severe grade that counts as
    partly, and as wholly, unable to care for oneself.  It is monotone by
    construction: a more severe grade never maps to a lower tier.

    .. versionadded:: 0.1.0
    """
    book = book or default_book()
    partial, partial_used = book.count(
        "assistance.extreme_poverty.care_tier.partial_from_ability_severity", jurisdiction, on
    )
    full, full_used = book.count(
        "assistance.extreme_poverty.care_tier.full_from_ability_severity", jurisdiction, on
    )
    if grade.severity >= full:
        tier = CareTier.FULL
    elif grade.severity >= partial:
        tier = CareTier.PARTIAL
    else:
        tier = CareTier.SELF_CARE
    return tier, (partial_used, full_used)


# -- the rule ----------------------------------------------------------------------------------

#: The items art. 6 leaves out of income ("中央确定的城乡居民基本养老保险基础养老金、
#: 基本医疗保险等社会保险和优待抚恤金、高龄津贴不计入在内"), the pension by its own dated
#: switch.  Social assistance received (低保金 and the like) is left out by another dated
#: switch, ``assistance.extreme_poverty.income.exclude_social_assistance`` (example data):
#: art. 6 is silent, but counting the 低保金 that 特困 support replaces would make a 低保
#: recipient's income always equal the standard (社会救助暂行办法 art. 15 para. 3: 特困人员
#: 供养应当与……最低生活保障……制度相衔接; 认定办法 art. 27 moves people the other way).
#: Nothing else is left out: rewards, family-planning payments and the disability subsidies
#: are on the 低保 list (民发〔2021〕57号 art. 13), not on this one, so they count.
_NOT_COUNTED = {
    IncomeType.MEDICAL_INSURANCE: ("基本医疗保险等社会保险", "basic medical insurance and similar"),
    IncomeType.PREFERENTIAL_TREATMENT: ("优待抚恤金", "preferential-treatment pensions"),
    IncomeType.LONGEVITY_ALLOWANCE: ("高龄津贴", "the longevity allowance"),
}
_PENSION = ("中央确定的基础养老金", "the central basic pension")
_ASSISTANCE = ("政府发放的社会救助款物(如低保金)", "social assistance received (such as dibao)")
#: Item types left out by a dated switch: the parameter and the label.
_SWITCHED = {
    IncomeType.CENTRAL_BASIC_PENSION: (
        "assistance.extreme_poverty.income.exclude_central_basic_pension",
        _PENSION,
    ),
    IncomeType.SOCIAL_ASSISTANCE: (
        "assistance.extreme_poverty.income.exclude_social_assistance",
        _ASSISTANCE,
    ),
}
_FLAGGED_ASSETS = (
    (AssetType.VEHICLE, "vehicle_disqualifies", ("非豁免机动车", "a non-exempt motor vehicle")),
    (
        AssetType.NON_RESIDENTIAL_PROPERTY,
        "non_residential_property_disqualifies",
        ("非居住类房屋", "non-residential property"),
    ),
    (AssetType.BUSINESS_ENTITY, "business_entity_disqualifies", ("经营主体", "a business")),
    (
        AssetType.MACHINERY,
        "machinery_disqualifies",
        ("大型农机具或经营性船舶", "large machinery or commercial vessels"),
    ),
)
_EXCLUDING_STATUSES = {
    SpecialStatus.SERVING_SENTENCE: ("在监狱服刑", "serving a prison sentence"),
    SpecialStatus.DECLARED_MISSING: ("被宣告失踪", "declared missing"),
}
_CATEGORY_LABELS = {
    "visual": ("视力", "visual"),
    "hearing": ("听力", "hearing"),
    "speech": ("言语", "speech"),
    "physical": ("肢体", "physical"),
    "intellectual": ("智力", "intellectual"),
    "mental": ("精神", "mental"),
    "multiple": ("多重", "multiple"),
}
_SITUATION_LABELS = {
    SupporterSituation.EXTREME_POVERTY: ("特困人员", "in extreme poverty"),
    SupporterSituation.NO_CIVIL_CAPACITY: ("无民事行为能力", "without civil capacity"),
    SupporterSituation.DECLARED_MISSING: ("被宣告失踪", "declared missing"),
    SupporterSituation.IN_PRISON: ("在监狱服刑", "in prison"),
    SupporterSituation.PROVINCIAL_GROUND: ("省级规定的其他情形", "a provincial ground"),
}
_RELATIONSHIP_ZH = {
    Relationship.APPLICANT: "本人",
    Relationship.SPOUSE: "配偶",
    Relationship.CHILD: "子女",
    Relationship.PARENT: "父母",
    Relationship.GRANDPARENT: "(外)祖父母",
    Relationship.GRANDCHILD: "(外)孙子女",
    Relationship.SIBLING: "兄弟姐妹",
    Relationship.OTHER_DEPENDANT: "其他法定义务人",
    Relationship.OTHER: "其他",
}
_NEEDS_PROPERTY = (
    SupporterSituation.NO_CIVIL_CAPACITY,
    SupporterSituation.DECLARED_MISSING,
    SupporterSituation.IN_PRISON,
)


def _yuan(amount: Decimal) -> str:
    return str(amount)


@attrs.frozen
class _Place:
    """Where and when a decision is made, and the book it reads."""

    book: ParameterBook
    where: str
    on: dt.date


def assess_person(
    household: Household,
    person_id: str,
    on: dt.date,
    *,
    jurisdiction: str | None = None,
    book: ParameterBook | None = None,
    facts: ExtremePovertyFacts | None = None,
) -> Decision:
    """Decide whether the member ``person_id`` is supported as 特困, and the monthly amount.

    ``jurisdiction`` is where the application is decided (by default the
    person's place of registration); ``facts`` are the facts beyond the
    household (all unknown by default).  See the module docstring for the
    rule; the decision's amount has the lines ``basic_living`` and ``care``.

    .. versionadded:: 0.1.0
    """
    book = book or default_book()
    facts = facts if facts is not None else ExtremePovertyFacts()
    person = household.member(person_id).person
    where = jurisdiction or person.registration.jurisdiction
    subject = f"{household.id} ({person.label})"
    tally = Tally()
    if not tally.add(
        registration_reason(
            person, where, within=R_REGISTRATION, elsewhere=R_REGISTRATION_ELSEWHERE
        )
    ).met:
        return tally.decision(PROGRAMME.code, subject, on, where, person=person_id)
    for status, (zh, en) in _EXCLUDING_STATUSES.items():
        if status in person.statuses:
            tally.add(R_STATUS.reason(False, status=zh, status_en=en))
    place = _Place(book, where, on)
    capable, until = _no_work_capacity(tally, person, facts, place=place)
    if capable is not False and person.age_on(on) < _MAJORITY_AGE:
        _child_allowance(tally, facts)
    kind = person.registration.kind
    standard, standard_used = book.money(f"assistance.dibao.standard.{kind.value}", where, on)
    _income_test(
        tally, household, person, standard=standard, standard_used=standard_used, place=place
    )
    _property_test(tally, household, person, standard=standard, place=place)
    _supporters(tally, household, facts, place=place)
    if tally.outcome is not Outcome.ELIGIBLE:
        if tally.outcome is Outcome.CANNOT_DECIDE:
            tally.add(R_MISSING.reason(None, paths=", ".join(tally.missing)))
        return tally.decision(PROGRAMME.code, subject, on, where, person=person_id)
    amount = _amount(tally, person, facts, place=place)
    if amount is None:
        return tally.decision(PROGRAMME.code, subject, on, where, person=person_id)
    payable = _payable(tally, person, on, until)
    return tally.decision(
        PROGRAMME.code, subject, on, where, amount, person=person_id, payable=payable
    )


def _payable(tally: Tally, person: Person, on: dt.date, until: int | None) -> PayablePeriod:
    """Return the payable months of an eligible decision.

    From the month after the decision (art. 17), and for a minor supported on
    age alone and not recorded as a student, through the month of reaching
    ``until`` (art. 24 "至18周岁"; art. 26 "从下月起终止").

    When that birthday falls in the decision's own month no end is set: the
    termination decision (art. 26) fixes it.
    """
    payable = PayablePeriod.from_month_after(on, _ART_17)
    if until is None or SpecialStatus.FULL_TIME_STUDENT in person.statuses:
        return payable
    birthday = anniversary(person.birth_date, person.birth_date.year + until)
    last = first_of_month(birthday)
    if last < payable.first_month:
        return payable
    tally.add(
        R_PAYABLE_UNTIL.reason(
            None,
            until=str(until),
            birthday=birthday.isoformat(),
            last=last.strftime("%Y-%m"),
        )
    )
    return payable.through(last, _ART_24_26)


def assess(
    household: Household,
    on: dt.date,
    *,
    jurisdiction: str | None = None,
    book: ParameterBook | None = None,
    facts: Mapping[str, ExtremePovertyFacts] | None = None,
) -> tuple[Decision, ...]:
    """Decide 特困 for every member of ``household``, in member order.

    ``facts`` maps member ids to their :class:`ExtremePovertyFacts`; members
    left out have none established.

    .. versionadded:: 0.1.0
    """
    return each_member(
        assess_person, household, on, jurisdiction=jurisdiction, book=book, facts=facts
    )


def assess_application(
    application: ExtremePovertyApplication,
    on: dt.date,
    *,
    jurisdiction: str | None = None,
    book: ParameterBook | None = None,
) -> Decision:
    """Decide one :class:`ExtremePovertyApplication` (see :func:`assess_person`).

    .. versionadded:: 0.1.0
    """
    return of_application(assess_person, application, on, jurisdiction=jurisdiction, book=book)


def meets_conditions(decision: Decision) -> bool | None:
    """Return whether a 特困 decision found the person meets every condition.

    ``True`` when the decision is eligible, or "cannot decide" only because
    the care tier or the support arrangement (needed for the amount, not for
    recognition) is missing; ``False`` when it is not eligible; ``None`` when
    a fact of the conditions themselves is missing.  For composing rules
    (the assistance layer) that need recognition, not the amount.

    .. versionadded:: 0.1.0
    """
    if decision.programme != PROGRAMME.code:
        raise InvalidInputError("decision", decision.programme, f"a {PROGRAMME.code} decision")
    if decision.outcome is Outcome.ELIGIBLE:
        return True
    if decision.outcome is Outcome.NOT_ELIGIBLE:
        return False
    return True if R_AMOUNT_FACTS_MISSING.code in decision.codes else None


def _no_work_capacity(
    tally: Tally, person: Person, facts: ExtremePovertyFacts, *, place: _Place
) -> tuple[bool | None, int | None]:
    """Add the labour-capacity reasons (art. 5; art. 24 for minors already supported).

    Return whether the condition holds, and — when it holds for a minor by
    age alone (not also by disability) — the age support runs to (至18周岁).
    """
    book, where, on = place.book, place.where, place.on
    age = person.age_on(on)
    if age >= _ELDERLY_AGE:
        tally.add(R_ELDERLY.reason(True, age=str(age)))
        return True, None
    limit, limit_used = book.count("assistance.extreme_poverty.minor_age_limit", where, on)
    until, until_used = book.count("assistance.extreme_poverty.minor.support_until_age", where, on)
    disabled = _disabled(person, place)
    if age < limit:
        tally.add(R_MINOR.reason(True, (limit_used,), age=str(age), limit=str(limit)))
        if disabled is not None:
            tally.add(disabled)
            return True, None
        return True, max(limit, until)
    used: list[ParameterValue] = [limit_used, until_used]
    if age < until:
        supported = facts.supported_as_minor
        if supported:
            tally.add(R_MINOR_SUPPORTED.reason(True, used, age=str(age), until=str(until)))
            if disabled is not None:
                tally.add(disabled)
                return True, None
            return True, until
        if disabled is not None:
            tally.add(disabled)
            return True, None
        if supported is None:
            paths = ["$.facts.supported_as_minor"]
            tally.add(
                R_MINOR_SUPPORTED_UNKNOWN.reason(
                    None,
                    used,
                    age=str(age),
                    limit=str(limit),
                    until=str(until),
                    paths=", ".join(paths),
                ),
                paths,
            )
            return None, None
        tally.add(_not_covered(person, age, used))
        return False, None
    if disabled is not None:
        tally.add(disabled)
        return True, None
    return _in_school(tally, person, facts, age=age, used=used, place=place), None


def _disabled(person: Person, place: _Place) -> Reason | None:
    """Return the art. 5 (三)/(四) reason when the person's disability grade is listed."""
    disability = person.disability
    if disability is None:
        return None
    category = disability.category.value
    top, top_used = place.book.count(
        f"assistance.extreme_poverty.no_work_capacity.max_disability_grade.{category}",
        place.where,
        place.on,
    )
    if disability.grade > top:
        return None
    zh, en = _CATEGORY_LABELS[category]
    return R_DISABLED.reason(
        True,
        (top_used,),
        category=zh,
        category_en=en,
        grade=str(disability.grade),
        limit=str(top),
    )


def _in_school(
    tally: Tally,
    person: Person,
    facts: ExtremePovertyFacts,
    *,
    age: int,
    used: list[ParameterValue],
    place: _Place,
) -> bool | None:
    """Past 18: support continues while in school (art. 24 second paragraph), if a 特困 minor."""
    in_school = facts.in_secondary_school
    if in_school is None and SpecialStatus.FULL_TIME_STUDENT not in person.statuses:
        # The person's recorded statuses say whether they study (as the family rule reads
        # them); only a recorded student is asked which school and whether supported as a minor.
        in_school = False
    school = {
        "$.facts.supported_as_minor": facts.supported_as_minor,
        "$.facts.in_secondary_school": in_school,
    }
    if False not in school.values():
        continues, continues_used = place.book.flag(
            "assistance.extreme_poverty.minor.continue_in_secondary_school", place.where, place.on
        )
        used = [*used, continues_used]
        if continues and None not in school.values():
            tally.add(R_MINOR_CONTINUING.reason(True, used, age=str(age)))
            return True
        if continues:
            missing = [path for path, value in school.items() if value is None]
            tally.add(
                R_MINOR_CONTINUING_UNKNOWN.reason(
                    None, used, age=str(age), paths=", ".join(missing)
                ),
                missing,
            )
            return None
    tally.add(_not_covered(person, age, used))
    return False


def _not_covered(person: Person, age: int, used: Iterable[ParameterValue]) -> Reason:
    """Return the reason of a person under 60, neither a covered minor nor disabled enough."""
    disability = person.disability
    return R_NOT_COVERED.reason(
        False,
        used,
        age=str(age),
        disability=(
            f"{_CATEGORY_LABELS[disability.category.value][0]}残疾{disability.grade}级"
            if disability
            else "无残疾人证"
        ),
        disability_en=(
            f"{disability.category.value} disability grade {disability.grade}"
            if disability
            else "no disability certificate"
        ),
    )


def _child_allowance(tally: Tally, facts: ExtremePovertyFacts) -> None:
    """Exclude a minor placed under the orphan / 事实无人抚养 allowance (no double payment)."""
    placed = facts.child_allowance
    if placed is None:
        tally.add(
            R_CHILD_ALLOWANCE.reason(
                None,
                state="是否纳入孤儿或事实无人抚养儿童基本生活保障尚未确定",
                state_en="whether the minor is placed under the orphan or 事实无人抚养 "
                "allowance is not established",
            ),
            ["$.facts.child_allowance"],
        )
    elif placed:
        tally.add(
            R_CHILD_ALLOWANCE.reason(
                False,
                state="已纳入孤儿或事实无人抚养儿童基本生活保障,不再认定为特困人员",
                state_en="placed under the orphan or 事实无人抚养 allowance, so not recognised "
                "as 特困",
            )
        )
    else:
        tally.add(
            R_CHILD_ALLOWANCE.reason(
                True,
                state="未纳入孤儿或事实无人抚养儿童基本生活保障",
                state_en="not placed under the orphan or 事实无人抚养 allowance",
            )
        )


def _own(owner: str | None, person: Person, household: Household) -> bool | None:
    """Return whether an item is ``person``'s: ``None`` if unnamed in a larger household."""
    if owner is not None:
        return owner == person.id
    return True if len(household.members) == 1 else None


def _income_test(
    tally: Tally,
    household: Household,
    person: Person,
    *,
    standard: Decimal,
    standard_used: ParameterValue,
    place: _Place,
) -> None:
    """Own income strictly below the dibao standard (art. 6), less the items not counted.

    Counted income that names no member, in a household of several, is
    decisive only if it could change the answer: the test is decided when the
    person's own income already reaches the standard, or when even all of it
    added stays below.
    """
    book, where, on = place.book, place.where, place.on
    income = ZERO
    unattributed = ZERO
    unattributed_paths: list[str] = []
    not_counted: dict[tuple[str, str], Decimal] = {}
    switches_used: dict[str, ParameterValue] = {}
    for index, item in enumerate(household.incomes):
        mine = _own(item.member, person, household)
        if mine is False:
            continue
        label = _NOT_COUNTED.get(item.type)
        switch = _SWITCHED.get(item.type)
        if switch is not None:
            name, switched_label = switch
            exclude, used = book.flag(name, where, on)
            switches_used[name] = used
            label = switched_label if exclude else None
        if label is not None:
            if mine:
                not_counted[label] = not_counted.get(label, ZERO) + item.monthly
        elif mine:
            income += item.monthly
        else:
            unattributed += item.monthly
            unattributed_paths.append(f"$.household.incomes[{index}].member")
    if not_counted:
        tally.add(
            R_INCOME_NOT_COUNTED.reason(
                None,
                tuple(switches_used.values()),
                items="、".join(f"{zh} {_yuan(v)} 元" for (zh, _), v in not_counted.items()),
                items_en=", ".join(f"{en} {_yuan(v)} yuan" for (_, en), v in not_counted.items()),
            )
        )
    kind_zh, kind_en = (
        ("城市", "urban")
        if person.registration.kind is RegistrationKind.URBAN
        else ("农村", "rural")
    )
    facts = {"standard": _yuan(standard), "kind": kind_zh, "kind_en": kind_en}
    if income >= standard:
        tally.add(R_INCOME_NOT_BELOW.reason(False, (standard_used,), income=_yuan(income), **facts))
    elif income + unattributed < standard:
        tally.add(
            R_INCOME_BELOW.reason(
                True, (standard_used,), income=_yuan(income + unattributed), **facts
            )
        )
    else:
        tally.add(
            R_UNATTRIBUTED.reason(None, paths=", ".join(unattributed_paths)), unattributed_paths
        )


def _property_test(
    tally: Tally, household: Household, person: Person, *, standard: Decimal, place: _Place
) -> None:
    """Own property within the local 特困 rules (arts. 6–7), as parameters.

    As for income, assets that name no member in a household of several are
    asked about only when their owner could change the answer.
    """
    book, where, on = place.book, place.where, place.on
    prefix = "assistance.extreme_poverty.assets"
    held: list[Asset] = []
    unattributed: list[tuple[int, Asset]] = []
    for index, asset in enumerate(household.assets):
        mine = _own(asset.owner, person, household)
        if asset.exempt or mine is False:
            continue
        if mine:
            held.append(asset)
        else:
            unattributed.append((index, asset))
    failing: dict[AssetType, ParameterValue] = {}
    present = {a.type for a in held} | {a.type for _, a in unattributed}
    for asset_type, name, _labels in _FLAGGED_ASSETS:
        if asset_type in present:
            fails, used = book.flag(f"{prefix}.{name}", where, on)
            if fails:
                failing[asset_type] = used
    owned = {a.type for a in held}
    for asset_type, _name, (zh, en) in _FLAGGED_ASSETS:
        if asset_type in failing and asset_type in owned:
            tally.add(
                R_ASSET_DISQUALIFIES.reason(False, (failing[asset_type],), asset=zh, asset_en=en)
            )
    months, months_used = book.count(f"{prefix}.financial_months", where, on)
    limit = standard * months
    financial = sum((a.value for a in held if a.type.is_financial), ZERO)
    others = sum((a.value for _, a in unattributed if a.type.is_financial), ZERO)
    facts = {"months": str(months), "limit": _yuan(limit)}
    if financial >= limit:
        tally.add(
            R_FINANCIAL_ASSETS.reason(
                False,
                (months_used,),
                assets=_yuan(financial),
                relation="不低于",
                relation_en="not below",
                **facts,
            )
        )
        return
    deciding = [
        f"$.household.assets[{index}].owner"
        for index, asset in unattributed
        if asset.type in failing or (asset.type.is_financial and financial + others >= limit)
    ]
    if deciding and not owned & set(failing):
        tally.add(R_UNATTRIBUTED.reason(None, paths=", ".join(deciding)), deciding)
        return
    tally.add(
        R_FINANCIAL_ASSETS.reason(
            True,
            (months_used,),
            assets=_yuan(financial + (others if not deciding else ZERO)),
            relation="低于",
            relation_en="below",
            **facts,
        )
    )


def _supporters(
    tally: Tally, household: Household, facts: ExtremePovertyFacts, *, place: _Place
) -> None:
    """No statutory supporter, or none able to perform the duty (arts. 4 (三), 8)."""
    if facts.supporters is None:
        tally.add(R_SUPPORTERS_UNKNOWN.reason(None), ["$.facts.supporters"])
        return
    if not facts.supporters:
        tally.add(R_NO_SUPPORTER.reason(True))
        return
    for index, supporter in enumerate(facts.supporters):
        verdict = _supporter_unable(household, supporter, index, place)
        relationship = _RELATIONSHIP_ZH[supporter.relationship]
        labels = {"relationship": relationship, "relationship_en": supporter.relationship.value}
        if verdict.holds is True:
            tally.add(
                R_SUPPORTER_UNABLE.reason(
                    True,
                    verdict.used,
                    why="; ".join(zh for zh, _ in verdict.texts),
                    why_en="; ".join(en for _, en in verdict.texts),
                    **labels,
                )
            )
        elif verdict.holds is False:
            tally.add(R_SUPPORTER_ABLE.reason(False, verdict.used, **labels))
        else:
            tally.add(
                R_SUPPORTER_UNKNOWN.reason(
                    None, verdict.used, paths=", ".join(verdict.missing), **labels
                ),
                verdict.missing,
            )


@attrs.frozen
class _Verdict:
    """A three-valued finding with what it rests on: texts, missing paths, parameters read."""

    holds: bool | None
    texts: tuple[tuple[str, str], ...] = ()
    missing: tuple[str, ...] = ()
    used: tuple[ParameterValue, ...] = ()


def _unique(values: Iterable[ParameterValue]) -> tuple[ParameterValue, ...]:
    """Return the parameter values once each, in first-use order (heads share some)."""
    return tuple(dict.fromkeys(values))


def _all_of(text: tuple[str, str], *parts: _Verdict) -> _Verdict:
    """Conjunction: fails if any part fails, else unknown if any is, else holds."""
    used = _unique(p for part in parts for p in part.used)
    if any(part.holds is False for part in parts):
        return _Verdict(False, used=used)
    missing = tuple(path for part in parts if part.holds is None for path in part.missing)
    if missing:
        return _Verdict(None, missing=missing, used=used)
    zh = text[0] + "".join(f",{t[0]}" for part in parts for t in part.texts)
    en = text[1] + "".join(f", {t[1]}" for part in parts for t in part.texts)
    return _Verdict(True, ((zh, en),), used=used)


def _any_of(heads: Iterable[_Verdict]) -> _Verdict:
    """Disjunction: holds if any head holds, else unknown if any is, else fails."""
    heads = tuple(heads)
    held = [h for h in heads if h.holds is True]
    if held:
        return _Verdict(
            True,
            tuple(t for h in held for t in h.texts),
            used=_unique(p for h in held for p in h.used),
        )
    used = _unique(p for h in heads for p in h.used)
    missing = sorted({path for h in heads if h.holds is None for path in h.missing})
    if missing:
        return _Verdict(None, missing=tuple(missing), used=used)
    return _Verdict(False, used=used)


@attrs.frozen
class _SupporterFacts:
    """One supporter's facts, read from the household member where there is one."""

    situations: frozenset[SupporterSituation]  # those known to hold
    situations_known: bool  # whether every situation is established (else only those above)
    birth: dt.date | None
    disability: Disability | None
    disability_known: bool
    kind: RegistrationKind | None
    path: str


def _supporter_facts(household: Household, supporter: Supporter, path: str) -> _SupporterFacts:
    """Return a supporter's facts, read from the member if any (``path`` names the supporter)."""
    if supporter.member is None:
        return _SupporterFacts(
            supporter.situations or frozenset(),
            supporter.situations is not None,
            supporter.birth_date,
            supporter.disability,
            supporter.disabled is False or supporter.disability is not None,
            supporter.registration_kind,
            path,
        )
    try:
        member = household.member(supporter.member).person
    except InvalidInputError:
        raise InvalidInputError(
            f"{path}.member", supporter.member, "the id of a member of the household"
        ) from None
    situations = set(supporter.situations or ())
    for status, situation in (
        (SpecialStatus.SERVING_SENTENCE, SupporterSituation.IN_PRISON),
        (SpecialStatus.DECLARED_MISSING, SupporterSituation.DECLARED_MISSING),
    ):
        if status in member.statuses:
            situations.add(situation)
    return _SupporterFacts(
        frozenset(situations),
        supporter.situations is not None,
        member.birth_date,
        member.disability,
        True,
        member.registration.kind,
        path,
    )


def _severe_or_grade_3(disability: Disability | None) -> bool:
    """Art. 8 (四): 重度残疾人 (grade 1–2) and grade-3 intellectual or mental disability."""
    if disability is None:
        return False
    return disability.grade <= _SEVERE_GRADE or (
        disability.grade == _GRADE_3 and disability.category in INTELLECTUAL_OR_MENTAL
    )


def _property_within(supporter: Supporter, path: str) -> _Verdict:
    """财产符合当地低收入家庭财产状况规定 (art. 8 (三)–(五)), a fact of the supporter."""
    within = supporter.property_within_rules
    if within is None:
        return _Verdict(None, missing=(f"{path}.property_within_rules",))
    return _Verdict(within, (("财产符合当地低收入家庭财产状况规定", "property within the rules"),))


def _income_below(supporter: Supporter, facts: _SupporterFacts, place: _Place) -> _Verdict:
    """本人收入低于当地上年人均可支配收入 (art. 8 (三), (四)), compared over a year, exactly."""
    missing = []
    if supporter.monthly_income is None:
        missing.append(f"{facts.path}.monthly_income")
    if facts.kind is None:
        missing.append(f"{facts.path}.registration_kind")
    if supporter.monthly_income is None or facts.kind is None:
        return _Verdict(None, missing=tuple(missing))
    figure, used = place.book.money(
        f"assistance.means.disposable_income.{facts.kind.value}", place.where, place.on
    )
    annual = supporter.monthly_income * _MONTHS_PER_YEAR
    below = annual < figure
    relation = ("低于", "below") if below else ("不低于", "not below")
    monthly = _yuan(supporter.monthly_income)
    zh = (
        f"本人年收入 {_yuan(annual)} 元(每月 {monthly} 元 × 12){relation[0]}当地上年人均可支配"
        f"收入 {_yuan(figure)} 元"
    )
    en = (
        f"own income {_yuan(annual)} yuan a year ({monthly} a month × 12) is {relation[1]} "
        f"last year's local per-capita disposable income {_yuan(figure)} yuan"
    )
    text = (zh, en)
    return _Verdict(below, (text,), used=(used,))


def _head_4(facts: _SupporterFacts, *parts: _Verdict) -> _Verdict:
    """Head (四) with its other parts; an unestablished disability is its own open part."""
    if facts.disability is None:  # not established (or disabled, grade not given)
        text = ("(四) 重度残疾人或三级智力、精神残疾人", "(4) severely disabled")
        part = _Verdict(None, missing=(f"{facts.path}.disability",))
        return _all_of(text, part, *parts)
    category = _CATEGORY_LABELS[facts.disability.category.value]
    grade = facts.disability.grade
    text = (f"(四) {category[0]}残疾{grade}级", f"(4) {category[1]} disability grade {grade}")
    return _all_of(text, *parts)


def _supporter_unable(
    household: Household, supporter: Supporter, index: int, place: _Place
) -> _Verdict:
    """Whether one supporter is unable to perform the duty under a head of art. 8."""
    facts = _supporter_facts(household, supporter, f"$.facts.supporters[{index}]")
    book, where, on = place.book, place.where, place.on
    birth_path = f"{facts.path}.birth_date"
    age = None if facts.birth is None else age_in_full_years(facts.birth, on)
    age_unknown = _Verdict(None, missing=(birth_path,))
    heads: list[_Verdict] = []
    situations = facts.situations
    if not facts.situations_known:
        # (一) 特困人员 turns on it whatever the age; (二) and (五) may too.
        heads.append(_Verdict(None, missing=(f"{facts.path}.situations",)))
    if SupporterSituation.EXTREME_POVERTY in situations:
        heads.append(_Verdict(True, (("(一) 特困人员", "(1) a 特困 person"),)))
    if SupporterSituation.DIBAO in situations:
        if age is None:
            heads.append(age_unknown)
        else:
            heads.append(
                _Verdict(
                    age >= _SUPPORTER_DIBAO_AGE,
                    ((f"(二) {age}周岁的最低生活保障对象", f"(2) a dibao recipient aged {age}"),),
                )
            )
    elderly = None if age is None else age >= _SUPPORTER_ELDERLY_AGE
    severe = _severe_or_grade_3(facts.disability) if facts.disability_known else None
    if elderly is not False or severe is not False:
        exists, exists_used = book.flag(
            "assistance.extreme_poverty.supporter_unable.income_heads", where, on
        )
        if exists:
            within = _property_within(supporter, facts.path)
            means = (
                (within,)
                if within.holds is False
                else (_income_below(supporter, facts, place), within)
            )
            gate = _Verdict(True, used=(exists_used,))
            if elderly is not False:
                age_part = age_unknown if age is None else _Verdict(True)
                heads.append(
                    _all_of(
                        (f"(三) {age}周岁,为70周岁以上的老年人", f"(3) aged {age}, 70 or more"),
                        gate,
                        age_part,
                        *means,
                    )
                )
            if severe is not False:
                heads.append(_head_4(facts, gate, *means))
    for situation in _NEEDS_PROPERTY:
        if situation in situations:
            zh, en = _SITUATION_LABELS[situation]
            heads.append(
                _all_of((f"(五) {zh}", f"(5) {en}"), _property_within(supporter, facts.path))
            )
    if SupporterSituation.PROVINCIAL_GROUND in situations:
        provincial, provincial_used = book.flag(
            "assistance.extreme_poverty.supporter_unable.provincial_grounds", where, on
        )
        heads.append(
            _Verdict(
                provincial,
                (("(六) 省级人民政府规定的其他情形", "(6) a ground set by the province"),),
                used=(provincial_used,),
            )
        )
    return _any_of(heads)


def _amount(
    tally: Tally, person: Person, facts: ExtremePovertyFacts, *, place: _Place
) -> Amount | None:
    """Add the basic living standard and the care standard (国发〔2016〕14号 (二))."""
    book, where, on = place.book, place.where, place.on
    kind = person.registration.kind
    missing = []
    tier: CareTier | None = None
    if facts.ability_grade is not None:
        tier, used = care_tier_for_ability_grade(facts.ability_grade, where, on, book=book)
        tally.add(
            R_CARE_TIER.reason(
                None,
                used,
                tier=tier.label("zh"),
                tier_en=tier.label("en"),
                basis=f"老年人能力等级 {facts.ability_grade.value}",
                basis_en=f"GB/T 42195 ability grade {facts.ability_grade.value}",
            )
        )
    elif facts.activities_not_achieved is not None:
        tier = care_tier(facts.activities_not_achieved)
        failed = len(facts.activities_not_achieved)
        tally.add(
            R_CARE_TIER.reason(
                None,
                tier=tier.label("zh"),
                tier_en=tier.label("en"),
                basis=f"六项指标中 {failed} 项不能达到",
                basis_en=f"{failed} of the six daily activities not achieved",
            )
        )
    else:
        missing.append("$.facts.activities_not_achieved")
    if facts.arrangement is None:
        missing.append("$.facts.arrangement")
    if tier is None or facts.arrangement is None:
        tally.add(R_AMOUNT_FACTS_MISSING.reason(None, paths=", ".join(missing)), missing)
        return None
    basic, basic_used = book.money(
        f"assistance.extreme_poverty.basic_living_standard.{kind.value}", where, on
    )
    annual, annual_used = book.money(
        f"assistance.extreme_poverty.care_standard.{facts.arrangement.value}.{tier.value}",
        where,
        on,
    )
    care = (annual / _MONTHS_PER_YEAR).quantize(FEN, ROUND_HALF_UP)
    total = basic + care
    arrangement_zh, arrangement_en = _ARRANGEMENT_LABELS[facts.arrangement]
    tally.add(
        R_AMOUNT.reason(
            None,
            (basic_used, annual_used),
            basic=_yuan(basic),
            care_annual=_yuan(annual),
            care=_yuan(care),
            total=_yuan(total),
            arrangement=arrangement_zh,
            arrangement_en=arrangement_en,
            tier=tier.label("zh"),
            tier_en=tier.label("en"),
        )
    )
    lines = (
        AmountLine("basic_living", "基本生活标准", "basic living standard", basic),
        AmountLine(
            "care",
            f"照料护理标准({arrangement_zh}, {tier.label('zh')})",
            f"care standard ({arrangement_en}, {tier.label('en')})",
            care,
        ),
    )
    return Amount(total, Period.MONTHLY, lines)
