"""特困人员救助供养: support for persons in extreme poverty (the "three withouts", 三无).

The rule, for one person on one date (《特困人员认定办法》, 民发〔2021〕43号 [number recalled],
which replaced 民发〔2016〕178号; 国发〔2016〕14号 for the standards):

1. **Registration** — the person applies where registered (户籍所在地,
   社会救助暂行办法 art. 16).  A person serving a sentence or declared missing
   is not supported (the 办法's termination grounds).
2. **No labour capacity** (无劳动能力, 办法 art. 7): aged 60 or more; a minor
   under the age limit (16 under the 2016 rules, 18 since 2020); or disabled in
   a listed grade, a parameter per category (2016: grade 1–2 intellectual and
   mental, grade 1 physical; the 2021 list adds grade 3 intellectual and
   mental, grade 2 physical and grade 1 visual — example data, see the
   parameters).  A minor supported before reaching the limit keeps support
   while in compulsory education, ordinary high school or secondary vocational
   school (a dated switch).
3. **Orphans** — a minor who is placed under the orphan or 事实无人抚养
   allowance is not recognised as 特困 (办法 art. 10; 2016: "纳入孤儿保障范围，
   不再认定为特困人员").  This module does not decide that: the caller says so in
   :attr:`ExtremePovertyFacts.child_allowance`, so that the two are never both
   paid (see :mod:`civaffairs.assistance.children`).
4. **No source of living** (无生活来源, art. 8): the person's own monthly income,
   less the national list of items not counted, strictly below the local dibao
   standard for the person's registration kind; and the person's property
   within the local rules (parameters ``assistance.extreme_poverty.assets.*``).
   Income or assets that name no member are the person's only in a one-person
   household; otherwise they must be attributed (a missing fact).
5. **No able supporter** (art. 9): the person has no statutory supporter
   (赡养、抚养、扶养义务人), or every supporter is unable — a 特困 person; a
   dibao recipient aged 60 or more or severely disabled (grade 1–2); a person
   without civil capacity, declared missing or in prison whose property is
   within the local rules; or a ground set by the province.
6. **Care tier** (生活自理能力): six daily activities (eating, dressing,
   getting in and out of bed, using the toilet, walking indoors, bathing).
   None failed: able to care for oneself (全自理); 1–3 failed: partly unable
   (半失能); 4 or more: wholly unable (全失能).  Where a GB/T 42195 ability
   grade is given it decides instead, through two parameters that say from
   which grade a person is partly or wholly unable (an explicit, example
   mapping).
7. **Amount** (国发〔2016〕14号 (二)): the basic living standard for the
   person's registration kind plus the care standard for the tier and the
   support arrangement (集中供养 in an institution, 分散供养 at home).  Care
   standards are parameters in yuan **per year**, as many places publish them;
   the monthly share is the annual amount divided by 12, rounded to the fen
   (half up) — the one rounding, ours, since no rule was found.

Conditions are cumulative and three-valued: one that fails makes the person
not eligible even if other facts are missing; otherwise a missing fact makes
the decision "cannot decide" and names its path.  Paths are relative to an
:class:`ExtremePovertyApplication`: ``$.household.…`` and ``$.facts.…``.  A
person who meets every condition but lacks the care tier or the support
arrangement gets "cannot decide" with the reason code
``extreme_poverty.amount_facts_missing`` (eligible, amount unknown);
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
from civaffairs.assistance.laws import (
    EXTREME_POVERTY_MEASURES,
    EXTREME_POVERTY_MEASURES_2016,
    EXTREME_POVERTY_OPINION,
    SOCIAL_ASSISTANCE_MEASURES,
)
from civaffairs.dates import age_in_full_years
from civaffairs.decisions import (
    Amount,
    AmountLine,
    Citation,
    Decision,
    Outcome,
    Period,
    ReasonCode,
    programme,
)
from civaffairs.entities import (
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
from civaffairs.money import FEN, ZERO
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

#: 《民法典》 art. 17 makes 18 the age of majority; the 特困 rules set their own minor limit.
_ELDERLY_AGE = 60  # 认定办法 art. 7 (一): 60周岁以上的老年人
_SUPPORTER_DIBAO_AGE = 60  # art. 9 (二): 60周岁以上的最低生活保障对象
_SEVERE_GRADE = 2  # art. 9 (二): 重度残疾 = disability grade 1–2
_WHOLLY_UNABLE_FROM = 4  # 4 or more of the six activities not achieved: 完全丧失生活自理能力
_MONTHS_PER_YEAR = 12

_RECALLED = "article number recalled; content read in the 2021 text (jianbiaoku book 172078)"
_ART_6 = Citation(EXTREME_POVERTY_MEASURES, "第六条", note=_RECALLED)
_ART_7 = Citation(EXTREME_POVERTY_MEASURES, "第七条", note=_RECALLED)
_ART_8 = Citation(EXTREME_POVERTY_MEASURES, "第八条", note=_RECALLED)
_ART_9 = Citation(EXTREME_POVERTY_MEASURES, "第九条", note=_RECALLED)
_ART_10 = Citation(
    EXTREME_POVERTY_MEASURES_2016,
    "孤儿条款",
    note="同时符合特困人员救助供养条件和孤儿认定条件的未成年人，纳入孤儿保障范围 (read at "
    "dawa.gov.cn); the 2021 text extends it to 事实无人抚养儿童 [recalled]",
)
_TERMINATION = Citation(
    EXTREME_POVERTY_MEASURES,
    "终止救助供养条款",
    note="termination grounds (arts. 24–27, numbers recalled): 在监狱服刑, 宣告失踪; "
    "minors past 18 still in school continue",
)
_SELF_CARE = Citation(
    EXTREME_POVERTY_MEASURES,
    "生活自理能力评估条款",
    note="six indicators, as restated by local rules (太白县 2023, 湖南)",
)
_STANDARDS = Citation(EXTREME_POVERTY_OPINION, "(二)救助供养标准")
_REGISTRATION = Citation(
    SOCIAL_ASSISTANCE_MEASURES, "第十六条", note="article number recalled: 向户籍所在地…提出申请"
)

R_REGISTRATION = ReasonCode.define(
    "extreme_poverty.registration",
    "户籍在{place}({code}),属受理地{where}",
    "household registration in {place} ({code}), within {where}",
    _REGISTRATION,
)
R_REGISTRATION_ELSEWHERE = ReasonCode.define(
    "extreme_poverty.registration_elsewhere",
    "户籍在{place}({code}),不在受理地{where}",
    "household registration in {place} ({code}), not within {where}",
    _REGISTRATION,
)
R_STATUS = ReasonCode.define(
    "extreme_poverty.status_excludes",
    "本人{status},不予救助供养",
    "the person is {status_en}, which ends support",
    _TERMINATION,
)
R_ELDERLY = ReasonCode.define(
    "extreme_poverty.no_work_capacity.elderly",
    "{age} 周岁,为60周岁以上老年人,视为无劳动能力",
    "aged {age}: 60 or older, which counts as no labour capacity",
    _ART_7,
)
R_MINOR = ReasonCode.define(
    "extreme_poverty.no_work_capacity.minor",
    "{age} 周岁,未满 {limit} 周岁的未成年人,视为无劳动能力",
    "aged {age}: a minor under {limit}, which counts as no labour capacity",
    _ART_7,
)
R_MINOR_CONTINUING = ReasonCode.define(
    "extreme_poverty.no_work_capacity.minor_in_school",
    "{age} 周岁,未成年时已纳入特困且仍在接受义务教育或在普通高中、中等职业学校就读,继续享有",
    "aged {age}: supported as a minor and still in compulsory, high or secondary vocational "
    "school, so support continues",
    _TERMINATION,
)
R_MINOR_CONTINUING_UNKNOWN = ReasonCode.define(
    "extreme_poverty.no_work_capacity.minor_in_school_unknown",
    "{age} 周岁,是否未成年时已纳入特困且仍在接受义务教育或在普通高中、中等职业学校就读尚未确定"
    "(缺少: {paths})",
    "aged {age}: whether the person was supported as a minor and is still in compulsory, high or "
    "secondary vocational school is not established (missing: {paths})",
    _TERMINATION,
)
R_DISABLED = ReasonCode.define(
    "extreme_poverty.no_work_capacity.disabled",
    "{category}残疾{grade}级,在视为无劳动能力的等级内(一级至{limit}级)",
    "{category_en} disability grade {grade}, within the grades that count as no labour "
    "capacity (1–{limit})",
    _ART_7,
)
R_NOT_COVERED = ReasonCode.define(
    "extreme_poverty.no_work_capacity.not_met",
    "{age} 周岁,{disability},不属于视为无劳动能力的老年人、未成年人或残疾人",
    "aged {age}, {disability_en}: not an older person, minor or disabled person without "
    "labour capacity",
    _ART_7,
)
R_CHILD_ALLOWANCE = ReasonCode.define(
    "extreme_poverty.child_allowance",
    "{state}",
    "{state_en}",
    _ART_10,
)
R_INCOME_NOT_COUNTED = ReasonCode.define(
    "extreme_poverty.income_not_counted",
    "不计入收入: {items}",
    "not counted as income: {items_en}",
    _ART_8,
)
R_INCOME_BELOW = ReasonCode.define(
    "extreme_poverty.income_below_standard",
    "本人月收入 {income} 元,低于当地{kind}低保标准 {standard} 元",
    "own monthly income {income} yuan is below the local {kind_en} dibao standard {standard} yuan",
    _ART_8,
)
R_INCOME_NOT_BELOW = ReasonCode.define(
    "extreme_poverty.income_not_below_standard",
    "本人月收入 {income} 元,不低于当地{kind}低保标准 {standard} 元",
    "own monthly income {income} yuan is not below the local {kind_en} dibao standard "
    "{standard} yuan",
    _ART_8,
)
R_FINANCIAL_ASSETS = ReasonCode.define(
    "extreme_poverty.financial_assets",
    "本人金融资产 {assets} 元,{relation}上限 {months} 个月低保标准 = {limit} 元",
    "own financial assets {assets} yuan are {relation_en} the limit of {months} months of the "
    "dibao standard = {limit} yuan",
    _ART_8,
)
R_ASSET_DISQUALIFIES = ReasonCode.define(
    "extreme_poverty.asset_disqualifies",
    "拥有{asset},不符合特困人员财产状况规定",
    "owns {asset_en}, which fails the property rules",
    _ART_8,
)
R_UNATTRIBUTED = ReasonCode.define(
    "extreme_poverty.unattributed",
    "家庭有多名成员,以下收入或财产未注明归属: {paths}",
    "the household has several members; these incomes or assets name no member: {paths}",
    _ART_8,
)
R_SUPPORTERS_UNKNOWN = ReasonCode.define(
    "extreme_poverty.supporters_unknown",
    "法定赡养、抚养、扶养义务人的情况尚未确定",
    "the statutory supporters have not been established",
    _ART_9,
)
R_NO_SUPPORTER = ReasonCode.define(
    "extreme_poverty.no_supporter",
    "无法定赡养、抚养、扶养义务人",
    "no statutory supporter",
    _ART_9,
)
R_SUPPORTER_UNABLE = ReasonCode.define(
    "extreme_poverty.supporter_unable",
    "义务人({relationship})无履行义务能力: {why}",
    "the supporter ({relationship_en}) cannot perform the duty: {why_en}",
    _ART_9,
)
R_SUPPORTER_ABLE = ReasonCode.define(
    "extreme_poverty.supporter_able",
    "义务人({relationship})不属于无履行义务能力的情形",
    "the supporter ({relationship_en}) is not in any situation that makes a supporter unable",
    _ART_9,
)
R_SUPPORTER_UNKNOWN = ReasonCode.define(
    "extreme_poverty.supporter_unknown",
    "义务人({relationship})是否有履行义务能力无法判定,缺少: {paths}",
    "whether the supporter ({relationship_en}) can perform the duty is unknown; missing: {paths}",
    _ART_9,
)
R_MISSING = ReasonCode.define(
    "extreme_poverty.missing_facts",
    "缺少判定所需事实: {paths}",
    "facts needed for the decision are missing: {paths}",
    _ART_6,
)
R_CARE_TIER = ReasonCode.define(
    "extreme_poverty.care_tier",
    "生活自理能力: {tier}({basis})",
    "self-care: {tier_en} ({basis_en})",
    _SELF_CARE,
)
R_AMOUNT_FACTS_MISSING = ReasonCode.define(
    "extreme_poverty.amount_facts_missing",
    "符合特困人员条件, 但计算供养标准缺少: {paths}",
    "the conditions are met, but the amount needs: {paths}",
    _STANDARDS,
)
R_AMOUNT = ReasonCode.define(
    "extreme_poverty.amount",
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
    """What a statutory supporter is, as far as the "unable to perform" grounds go (art. 9).

    Age and disability are read from the supporter's birth date and
    disability certificate (or from the household member), not stated here.

    .. versionadded:: 0.1.0
    """

    EXTREME_POVERTY = "extreme_poverty"  #: 特困人员
    DIBAO = "dibao"  #: 最低生活保障对象 (unable when aged 60+ or severely disabled)
    NO_CIVIL_CAPACITY = "no_civil_capacity"  #: 无民事行为能力
    DECLARED_MISSING = "declared_missing"  #: 被宣告失踪
    IN_PRISON = "in_prison"  #: 在监狱服刑
    #: 省、自治区、直辖市人民政府规定的其他情形 (e.g. 贵州: aged 70+ with income below the local
    #: per-capita disposable income), established by the caller
    PROVINCIAL_GROUND = "provincial_ground"


def _optional_tuple(value: Iterable[Any] | None) -> tuple[Any, ...] | None:
    return None if value is None else tuple(value)


def _optional_frozenset(value: Iterable[Any] | None) -> frozenset[Any] | None:
    return None if value is None else frozenset(value)


def _situations(value: Iterable[SupporterSituation]) -> frozenset[SupporterSituation]:
    return frozenset(value)


@attrs.frozen
class Supporter:
    """A statutory supporter (法定赡养、抚养、扶养义务人) of the person assessed.

    ``relationship`` is the supporter's relationship **to the person
    assessed** (a spouse, a child, a parent …).  When the supporter is a
    member of the household, give ``member`` (their id): their birth date,
    disability and statuses (serving a sentence, declared missing) are read
    from the household and ``birth_date`` and ``disability`` must be left out.
    ``property_within_rules`` is needed only for the grounds that require it
    (no civil capacity, declared missing, in prison).

    .. versionadded:: 0.1.0
    """

    relationship: Relationship
    member: str | None = None
    birth_date: dt.date | None = None
    disability: Disability | None = None
    situations: frozenset[SupporterSituation] = attrs.field(
        default=frozenset(), converter=_situations
    )
    property_within_rules: bool | None = None

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.relationship, Relationship):
            raise InvalidInputError("$.relationship", self.relationship, "a relationship")
        if self.member is not None and (self.birth_date is not None or self.disability):
            raise InvalidInputError(
                "$.member",
                self.member,
                "either a household member's id or the supporter's own birth_date and "
                "disability, not both",
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
    - ``child_allowance``: for a minor, whether they are (to be) placed under
      the orphan / 事实无人抚养 allowance; ``None`` when not established.
    - ``supported_as_minor`` and ``in_secondary_school``: a person past the
      minor age limit who was supported as a minor and is in compulsory
      education, ordinary high school or secondary vocational school;
      ``None`` when not established.  Asked only where support continues
      past the limit, of a person neither older nor disabled enough to count
      as without labour capacity otherwise, and recorded as a full-time
      student (``SpecialStatus.FULL_TIME_STUDENT``): a person not recorded as
      studying is not in school, as everywhere in the library.

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

_NOT_COUNTED = {
    IncomeType.PREFERENTIAL_TREATMENT: ("优待抚恤金", "preferential-treatment pensions"),
    IncomeType.FAMILY_PLANNING_REWARD: ("计划生育奖励与扶助金", "family-planning rewards"),
    IncomeType.AWARD: ("奖励性补助", "awards and scholarships"),
    IncomeType.SOCIAL_ASSISTANCE: ("社会救助款物", "social assistance received"),
    IncomeType.DISABILITY_SUBSIDY: ("残疾人两项补贴", "the two disability subsidies"),
}
_PENSION = ("中央确定的基础养老金", "the central basic pension")
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
    subject = f"{household.id} ({person.masked})"
    tally = Tally()
    if not tally.add(
        registration_reason(
            person, where, within=R_REGISTRATION, elsewhere=R_REGISTRATION_ELSEWHERE
        )
    ).met:
        return tally.decision(PROGRAMME.code, subject, on, where)
    for status, (zh, en) in _EXCLUDING_STATUSES.items():
        if status in person.statuses:
            tally.add(R_STATUS.reason(False, status=zh, status_en=en))
    place = _Place(book, where, on)
    minor = _no_work_capacity(tally, person, facts, place=place)
    if minor:
        _child_allowance(tally, facts)
    kind = person.registration.kind
    standard, standard_used = book.money(f"assistance.dibao.standard.{kind.value}", where, on)
    _income_test(
        tally, household, person, standard=standard, standard_used=standard_used, place=place
    )
    _property_test(tally, household, person, standard=standard, place=place)
    _supporters(tally, household, facts, on)
    if tally.outcome is not Outcome.ELIGIBLE:
        if tally.outcome is Outcome.CANNOT_DECIDE:
            tally.add(R_MISSING.reason(None, paths=", ".join(tally.missing)))
        return tally.decision(PROGRAMME.code, subject, on, where)
    amount = _amount(tally, person, facts, place=place)
    return tally.decision(PROGRAMME.code, subject, on, where, amount)


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
) -> bool:
    """Add the labour-capacity reason (art. 7); return whether the person is a minor under it."""
    book, where, on = place.book, place.where, place.on
    age = person.age_on(on)
    if age >= _ELDERLY_AGE:
        tally.add(R_ELDERLY.reason(True, age=str(age)))
        return False
    limit, limit_used = book.count("assistance.extreme_poverty.minor_age_limit", where, on)
    if age < limit:
        tally.add(R_MINOR.reason(True, (limit_used,), age=str(age), limit=str(limit)))
        return True
    used: list[ParameterValue] = [limit_used]
    in_school = facts.in_secondary_school
    if in_school is None and SpecialStatus.FULL_TIME_STUDENT not in person.statuses:
        # The person's recorded statuses say whether they study (as the family rule reads
        # them); only a recorded student is asked which school and whether supported as a minor.
        in_school = False
    school = {
        "$.facts.supported_as_minor": facts.supported_as_minor,
        "$.facts.in_secondary_school": in_school,
    }
    continuing: bool | None = False
    if False not in school.values():
        continues, continues_used = book.flag(
            "assistance.extreme_poverty.minor.continue_in_secondary_school", where, on
        )
        used.append(continues_used)
        if continues and None not in school.values():
            # Past the limit the person is no longer a minor: the orphan overlap is not asked.
            tally.add(R_MINOR_CONTINUING.reason(True, used, age=str(age)))
            return False
        if continues:
            continuing = None
    disability = person.disability
    if disability is not None:
        category = disability.category.value
        top, top_used = book.count(
            f"assistance.extreme_poverty.no_work_capacity.max_disability_grade.{category}",
            where,
            on,
        )
        used.append(top_used)
        zh, en = _CATEGORY_LABELS[category]
        if disability.grade <= top:
            tally.add(
                R_DISABLED.reason(
                    True,
                    (top_used,),
                    category=zh,
                    category_en=en,
                    grade=str(disability.grade),
                    limit=str(top),
                )
            )
            return False
    if continuing is None:
        missing = [path for path, value in school.items() if value is None]
        tally.add(
            R_MINOR_CONTINUING_UNKNOWN.reason(None, used, age=str(age), paths=", ".join(missing)),
            missing,
        )
        return False
    tally.add(
        R_NOT_COVERED.reason(
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
    )
    return False


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
    """Own income strictly below the dibao standard (art. 8), less the items not counted.

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
    pension_used: tuple[ParameterValue, ...] = ()
    for index, item in enumerate(household.incomes):
        mine = _own(item.member, person, household)
        if mine is False:
            continue
        label = _NOT_COUNTED.get(item.type)
        if item.type is IncomeType.CENTRAL_BASIC_PENSION:
            exclude, used = book.flag(
                "assistance.extreme_poverty.income.exclude_central_basic_pension", where, on
            )
            pension_used = (used,)
            label = _PENSION if exclude else None
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
                pension_used,
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
    """Own property within the local 特困 rules (art. 8), as parameters.

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
    tally: Tally, household: Household, facts: ExtremePovertyFacts, on: dt.date
) -> None:
    """No statutory supporter, or none able to perform the duty (art. 9)."""
    if facts.supporters is None:
        tally.add(R_SUPPORTERS_UNKNOWN.reason(None), ["$.facts.supporters"])
        return
    if not facts.supporters:
        tally.add(R_NO_SUPPORTER.reason(True))
        return
    for index, supporter in enumerate(facts.supporters):
        unable, why, missing = _supporter_unable(household, supporter, index, on)
        relationship = _RELATIONSHIP_ZH[supporter.relationship]
        if unable is True:
            tally.add(
                R_SUPPORTER_UNABLE.reason(
                    True,
                    relationship=relationship,
                    relationship_en=supporter.relationship.value,
                    why="、".join(zh for zh, _ in why),
                    why_en=", ".join(en for _, en in why),
                )
            )
        elif unable is False:
            tally.add(
                R_SUPPORTER_ABLE.reason(
                    False, relationship=relationship, relationship_en=supporter.relationship.value
                )
            )
        else:
            tally.add(
                R_SUPPORTER_UNKNOWN.reason(
                    None,
                    relationship=relationship,
                    relationship_en=supporter.relationship.value,
                    paths=", ".join(missing),
                ),
                missing,
            )


def _supporter_facts(
    household: Household, supporter: Supporter, path: str
) -> tuple[set[SupporterSituation], dt.date | None, Disability | None]:
    """Return a supporter's situations, birth date and disability, read from the member if any."""
    situations = set(supporter.situations)
    if supporter.member is None:
        return situations, supporter.birth_date, supporter.disability
    try:
        member = household.member(supporter.member).person
    except InvalidInputError:
        raise InvalidInputError(
            f"{path}.member", supporter.member, "the id of a member of the household"
        ) from None
    for status, situation in (
        (SpecialStatus.SERVING_SENTENCE, SupporterSituation.IN_PRISON),
        (SpecialStatus.DECLARED_MISSING, SupporterSituation.DECLARED_MISSING),
    ):
        if status in member.statuses:
            situations.add(situation)
    return situations, member.birth_date, member.disability


def _supporter_unable(
    household: Household, supporter: Supporter, index: int, on: dt.date
) -> tuple[bool | None, list[tuple[str, str]], list[str]]:
    """Return (unable?, the grounds that hold, the paths of missing facts) for one supporter."""
    path = f"$.facts.supporters[{index}]"
    situations, birth, disability = _supporter_facts(household, supporter, path)
    grounds = [
        _SITUATION_LABELS[s]
        for s in (SupporterSituation.EXTREME_POVERTY, SupporterSituation.PROVINCIAL_GROUND)
        if s in situations
    ]
    missing: list[str] = []
    if SupporterSituation.DIBAO in situations:
        if disability is not None and disability.grade <= _SEVERE_GRADE:
            grounds.append(("重度残疾的最低生活保障对象", "a severely disabled dibao recipient"))
        elif birth is None:
            missing.append(f"{path}.birth_date")
        elif age_in_full_years(birth, on) >= _SUPPORTER_DIBAO_AGE:
            grounds.append(("60周岁以上的最低生活保障对象", "a dibao recipient aged 60 or more"))
    for situation in _NEEDS_PROPERTY:
        if situation not in situations:
            continue
        if supporter.property_within_rules is None:
            missing.append(f"{path}.property_within_rules")
        elif supporter.property_within_rules:
            zh, en = _SITUATION_LABELS[situation]
            grounds.append((f"{zh}且财产符合规定", f"{en}, with property within the rules"))
    if grounds:
        return True, grounds, []
    if missing:
        return None, [], sorted(set(missing))
    return False, [], []


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
