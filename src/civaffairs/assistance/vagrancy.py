"""生活无着的流浪乞讨人员救助管理: station relief for people living rough and begging.

Read: 《城市生活无着的流浪乞讨人员救助管理办法》 (国务院令第381号, in force 2003-08-01; full
text, LawRefBook/Laws 行政法规) — "the 办法"; its 《实施细则》 (民政部令第24号, in force
2003-08-01) — "the 细则", arts. 1–5 read in full (qinglite.cn transcript of 民政部令第24号,
中新网 2003-07-21), art. 11 and the first clause of art. 12 as quoted from the gov.cn
公报 text (content_62510), the rest of art. 12 and two further rules only as restated (see
below); 《社会救助暂行办法》 (国务院令第649号) arts. 14, 47, 50, 51; 《国务院办公厅关于加强和改进
流浪未成年人救助保护工作的意见》 (number 国办发〔2011〕39号 recalled; text in Comet-law
policy/3.4.md) — "the minors' opinion"; 《民法典》 arts. 17, 200–204.

For one case at a station on one date ``on`` (:func:`assess`):

1. **Minors** (under 18 on the day help was sought, 《民法典》 art. 17) take the minors'
   route: "公安机关发现流浪乞讨的未成年人，应当护送到救助保护机构接受救助" (minors' opinion
   三(一)); the four conditions below are not asked of them [inference: the opinion
   states no condition].  A person whose age is not established (no identity and no
   estimate) is decided by the adult route when it already gives relief, and is
   otherwise "cannot decide" naming ``$.estimated_age``.
2. **The four conditions** (细则 art. 2): the 办法's "城市生活无着的流浪乞讨人员" is a
   person "因自身无力解决食宿，无亲友投靠，又不享受城市最低生活保障或者农村五保供养，正在
   城市流浪乞讨度日"; "虽有流浪乞讨行为，但不具备前款规定情形的，不属于救助对象".  All four
   are needed; one established as not met refuses relief (the 办法 art. 6: "说明不予救助
   的理由"), one not established leaves the case "cannot decide".
3. **Personal facts** (细则 arts. 3, 5): the person must truthfully give them; "对因年老、
   年幼、残疾等原因无法提供个人情况的，救助站应当先提供救助，再查明情况" — relief first,
   unverified conditions are checked afterwards (a condition *established* as not met
   still refuses); "对拒不如实提供个人情况的，不予救助".  A person found to have given
   false facts on purpose has relief ended ("救助站发现受助人员故意提供虚假个人情况的，应当
   终止救助" — read only as restated by 资阳市雁江区民政局 (2022-06-28) from the 细则; its
   article number is not verified).
4. **Services** (办法 art. 7 (一)–(五); 社会救助暂行办法 art. 50 "临时食宿、急病救治、协助
   返回"): food and lodging (lodging by sex, art. 8); hospital care for a sudden illness
   in the station; help contacting relatives or the work unit; a travel voucher for a
   person without the fare home (细则 art. 11: "受助人员返回常住户口所在地、住所地或者所在
   单位时没有交通费的，由救助站发给乘车(船)凭证"); care for disabled, minor and older
   persons (办法 art. 11).  No fee may be charged (art. 10).
5. **The stay limit** (细则 art. 12: "救助站应当根据受助人员的情况确定救助期限，一般不超过
   10天"; the extension clause "因特殊情况需要延长的…报上级民政(主管)部门备案" read only in
   restatements: 元宝山区政府 service guide and a 2003 Q&A on the 办法 and 细则).  The ten
   days are ``assistance.vagrancy.stay_limit_days``.  **Counting**: the 细则 gives no
   method, so 《民法典》 arts. 200–201 are applied by analogy [inference]: the day of
   admission is not counted, the first day is the next day, so the last day of a stay of
   *n* days is ``admitted_on + n days`` (admitted 1 May, 10 days → last day 11 May).
   Art. 203 (a last day on a legal holiday moves to the day after the holiday) is **not**
   applied: the limit bounds the station's care, it is not a time in which the person must
   act, and a station receives people every day [inference].  An extension (special
   circumstances) adds its days to the last day in force when it is decided; it counts
   only when filed with the higher civil-affairs department and decided before the stay
   ran out — so an extension never shortens a stay.  The limit applies to persons aged
   at least ``assistance.vagrancy.stay_limit_min_age`` (16) with no sign of mental
   disorder or intellectual disability: the age and the exception are read only in
   restatements of the 救助管理机构工作规程 (民发〔2014〕132号, number recalled, text not
   read), so the figure is **example** data.  On a date after the last day relief has
   ended (not eligible on that date).
6. **Exits** (办法 arts. 11–12; minors' opinion 三(三)): a person whose family or address
   is found is persuaded to go home (劝导返回) with a voucher when without the fare;
   disabled, minor and older persons (60+, 老年人权益保障法 art. 2) and those who cannot
   move about are collected by their relatives ("及时通知其亲属或者所在单位领回"); when the
   relatives refuse, the inflow place's civil-affairs department tells the outflow place's
   to collect them (细则, restated by 雁江区民政局; article not verified); a person with no
   home is placed by the government of the place of registration ("对无家可归的，由其户籍
   所在地人民政府妥善安置").  Minors go back to their guardians (接送返乡); while none is
   found they are cared for in the station, a welfare institution or foster family, and
   after two years (``assistance.vagrancy.minor_registration_years``) the police register
   their hukou ("经过2年以上仍查找不到父母或其他监护人的，公安机关要按户籍管理有关法规政策
   规定为其办理户口登记手续"; "以上" includes the number, 《民法典》 art. 1259; the date is
   the corresponding day, art. 202).
7. **Hand-offs** (referrals, not decisions — programmes do not decide for each other):
   a person going home is referred to the county government of the home, which "应当采取
   措施，帮助受助人员解决生产、生活困难" (办法 art. 12), e.g. by 临时救助
   (``assistance.temporary``, 社会救助暂行办法 art. 47); a homeless older, disabled or
   under-16 person placed by the registration place is referred for 特困 support
   (``assistance.extreme_poverty``, art. 14).

Paths in decisions and errors are relative to a :class:`VagrancyCase`.  The person's
name and resident ID are masked everywhere (the subject, the reasons, ``repr``, JSON).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from civaffairs import jurisdictions
from civaffairs.assistance.laws import CIVIL_CODE, SOCIAL_ASSISTANCE_MEASURES
from civaffairs.dates import add_months
from civaffairs.decisions import (
    Citation,
    Decision,
    Document,
    Draft,
    Outcome,
    Reason,
    ReasonCode,
    programme,
)
from civaffairs.entities import Person
from civaffairs.errors import InvalidInputError, ParameterOutOfRangeError
from civaffairs.labels import Labelled
from civaffairs.parameters import ParameterBook, ParameterValue, default_book

__all__ = [
    "MINORS_OPINION",
    "PROGRAMME",
    "VAGRANCY_MEASURES",
    "VAGRANCY_RULES",
    "Conditions",
    "Disclosure",
    "ExitFacts",
    "StayExtension",
    "StayLimit",
    "VagrancyCase",
    "assess",
    "stay_limit",
]

PROGRAMME = programme("assistance.vagrancy")

#: 《城市生活无着的流浪乞讨人员救助管理办法》 (国务院令第381号, 2003-06-20, in force 2003-08-01).
VAGRANCY_MEASURES = Document(
    "城市生活无着的流浪乞讨人员救助管理办法",
    "国务院令第381号",
    en="Measures for relief of vagrants and beggars without means of living in cities",
)
#: Its implementing rules (民政部令第24号, 2003-07-21, in force 2003-08-01).
VAGRANCY_RULES = Document(
    "城市生活无着的流浪乞讨人员救助管理办法实施细则",
    "民政部令第24号",
    en="Implementing rules of the measures for relief of vagrants and beggars",
)
#: 《国务院办公厅关于加强和改进流浪未成年人救助保护工作的意见》 (text read; number recalled).
MINORS_OPINION = Document(
    "国务院办公厅关于加强和改进流浪未成年人救助保护工作的意见",
    "国办发〔2011〕39号",
    en="Opinion on the relief and protection of vagrant minors",
)
_WORK_PROCEDURES = Document(
    "生活无着的流浪乞讨人员救助管理机构工作规程",
    "民发〔2014〕132号",
    en="Working procedures of relief-management institutions",
)
_OLDER_PERSONS_LAW = Document(
    "中华人民共和国老年人权益保障法",
    None,
    en="Law on the Protection of the Rights of Older Persons",
)

#: The day the 办法 and the 细则 took effect: no case is decided before it.
IN_FORCE: dt.date = dt.date(2003, 8, 1)
#: 《民法典》 art. 17: "十八周岁以上的自然人为成年人".
ADULT_AGE = 18
#: 《老年人权益保障法》 art. 2: "本法所称老年人是指六十周岁以上的公民".
OLDER_AGE = 60
#: 社会救助暂行办法 art. 14 names "未满16周岁的未成年人" among those given 特困 support.
_EXTREME_POVERTY_CHILD_AGE = 16

_ART2 = Citation(VAGRANCY_RULES, "第二条")
_ART2_2 = Citation(VAGRANCY_RULES, "第二条第二款")
_ART5 = Citation(VAGRANCY_RULES, "第五条")
_FALSE_FACTS = Citation(
    VAGRANCY_RULES,
    None,
    note="故意提供虚假个人情况的, 应当终止救助: read as restated by 资阳市雁江区民政局 "
    "(2022-06-28); article number not verified",
)
_ART12 = Citation(
    VAGRANCY_RULES,
    "第十二条",
    note="一般不超过10天 read in the gov.cn 公报 text as quoted; the extension clause "
    "(报上级民政部门备案) read only in restatements; days counted by 民法典 arts. 200–201 "
    "by analogy (start day not counted)",
)
_NOT_LIMITED = Citation(
    _WORK_PROCEDURES,
    None,
    note="年满16周岁、无精神障碍或智力残疾迹象 read only in restatements (自贡市救助管理站 "
    "2025; 安徽省 2016 办法); number recalled, text not read",
)
_MINORS = Citation(MINORS_OPINION, "三(一)")
_MINORS_HOME = Citation(MINORS_OPINION, "三(三)")
_ADULT = Citation(CIVIL_CODE, "第十七条")
_SERVICES = Citation(VAGRANCY_MEASURES, "第七条")
_CARE = Citation(VAGRANCY_MEASURES, "第十一条")
_HOME_COUNTY = Citation(VAGRANCY_MEASURES, "第十二条")
_ESCORT = Citation(
    VAGRANCY_RULES,
    None,
    note="亲属或者所在单位拒不接回的, 流入地民政部门通知流出地民政部门接回: read as restated "
    "by 资阳市雁江区民政局 (2022-06-28); article number not verified",
)

R_MINOR = ReasonCode.define(
    "assistance.vagrancy.minor",
    "未成年人({age} 周岁): 护送到救助保护机构接受救助",
    "a minor (aged {age}): escorted to a protection institution for relief",
    _MINORS,
)
R_AGE_UNKNOWN = ReasonCode.define(
    "assistance.vagrancy.age_unknown",
    "年龄尚未查明, 不能确定是否按未成年人救助保护(缺少: {paths})",
    "the age is not established, so whether the minors' route applies is open (missing: {paths})",
    _ADULT,
)
R_CONDITIONS_MET = ReasonCode.define(
    "assistance.vagrancy.conditions_met",
    "自身无力解决食宿, 无亲友投靠, 不享受城市最低生活保障或者农村五保供养, 正在城市流浪乞讨度日",
    "cannot meet food and lodging, has no one to turn to, has neither dibao nor wubao support, "
    "and is living rough or begging in the city",
    _ART2,
)
R_CONDITION_NOT_MET = ReasonCode.define(
    "assistance.vagrancy.condition_not_met",
    "不具备救助对象条件(不成立: {failed}), 不属于救助对象",
    "not a person relief is for: {failed_en}",
    _ART2_2,
)
R_CONDITIONS_UNKNOWN = ReasonCode.define(
    "assistance.vagrancy.conditions_unknown",
    "救助对象条件尚未查明(缺少: {paths})",
    "the conditions of relief are not established (missing: {paths})",
    _ART2,
)
R_FACTS_GIVEN = ReasonCode.define(
    "assistance.vagrancy.facts_given",
    "如实提供了个人情况",
    "gave the personal facts truthfully",
    _ART5,
)
R_RELIEF_FIRST = ReasonCode.define(
    "assistance.vagrancy.relief_first",
    "因年老、年幼、残疾等原因无法提供个人情况: 先提供救助, 再查明情况{pending}",
    "cannot give the personal facts (age, youth, disability): relief first, facts "
    "established later{pending_en}",
    _ART5,
)
R_REFUSED_FACTS = ReasonCode.define(
    "assistance.vagrancy.refused_facts",
    "拒不如实提供个人情况, 不予救助",
    "refuses to give the personal facts truthfully: no relief",
    _ART5,
)
R_FALSE_FACTS = ReasonCode.define(
    "assistance.vagrancy.false_facts",
    "故意提供虚假个人情况, 终止救助",
    "gave false personal facts on purpose: relief ends",
    _FALSE_FACTS,
)
R_FOOD = ReasonCode.define(
    "assistance.vagrancy.service.food",
    "提供符合食品卫生要求的食物",
    "food meeting food-hygiene requirements",
    Citation(VAGRANCY_MEASURES, "第七条(一)"),
)
R_LODGING = ReasonCode.define(
    "assistance.vagrancy.service.lodging",
    "提供符合基本条件的住处(按性别分室住宿)",
    "lodging meeting basic conditions (rooms by sex)",
    Citation(VAGRANCY_MEASURES, "第七条(二)", note="按性别分室住宿: 第八条"),
)
R_MEDICAL = ReasonCode.define(
    "assistance.vagrancy.service.medical",
    "在站内突发急病, 及时送医院救治",
    "fell suddenly ill in the station: taken to hospital",
    Citation(VAGRANCY_MEASURES, "第七条(三)"),
)
R_CONTACT = ReasonCode.define(
    "assistance.vagrancy.service.family_contact",
    "帮助与其亲属或者所在单位联系",
    "help contacting relatives or the work unit",
    Citation(VAGRANCY_MEASURES, "第七条(四)"),
)
R_VOUCHER = ReasonCode.define(
    "assistance.vagrancy.service.travel_voucher",
    "没有交通费返回住所地或者所在单位: 发给乘车(船)凭证",
    "no fare home: a travel voucher is given",
    Citation(VAGRANCY_MEASURES, "第七条(五)", note="细则 第十一条"),
)
R_CARE = ReasonCode.define(
    "assistance.vagrancy.service.care",
    "{who}: 应当给予照顾",
    "{who_en}: given care",
    _CARE,
)
R_STAY = ReasonCode.define(
    "assistance.vagrancy.stay_limit",
    "救助期限: {admitted_on} 入站, 自次日起计算, 一般不超过 {days} 天, 至 {last_day} 止",
    "stay limit: admitted {admitted_on}; counted from the next day, normally at most {days} "
    "days, through {last_day}",
    _ART12,
)
R_EXTENDED = ReasonCode.define(
    "assistance.vagrancy.stay_extended",
    "因特殊情况延长 {days} 天({decided_on} 决定, {filed_on} 报上级民政部门备案), 至 {last_day} 止",
    "extended by {days} days for special circumstances (decided {decided_on}, filed with the "
    "higher civil-affairs department {filed_on}), through {last_day}",
    _ART12,
)
R_EXTENSION_NOT_FILED = ReasonCode.define(
    "assistance.vagrancy.extension_not_filed",
    "{decided_on} 决定的延长 {days} 天未报上级民政部门备案, 不计入救助期限",
    "the extension by {days} days decided {decided_on} was not filed with the higher "
    "civil-affairs department: not counted",
    _ART12,
)
R_EXTENSION_TOO_LATE = ReasonCode.define(
    "assistance.vagrancy.extension_too_late",
    "{decided_on} 决定延长时, 救助期限已于 {last_day} 届满, 不计入",
    "the extension decided {decided_on} came after the stay ended on {last_day}: not counted",
    _ART12,
)
R_NOT_LIMITED = ReasonCode.define(
    "assistance.vagrancy.stay_not_limited",
    "{why}: 不适用 {days} 天的一般救助期限",
    "{why_en}: the general limit of {days} days does not apply",
    _NOT_LIMITED,
)
R_STAY_UNKNOWN = ReasonCode.define(
    "assistance.vagrancy.stay_limit_unknown",
    "是否适用一般救助期限尚不能确定(缺少: {paths})",
    "whether the general stay limit applies is open (missing: {paths})",
    _NOT_LIMITED,
)
R_WITHIN_STAY = ReasonCode.define(
    "assistance.vagrancy.within_stay",
    "{on} 在救助期限内",
    "{on} is within the stay",
    _ART12,
)
R_STAY_OVER = ReasonCode.define(
    "assistance.vagrancy.stay_over",
    "救助期限已于 {last_day} 届满, {on} 不再救助",
    "the stay ended on {last_day}; no relief on {on}",
    _ART12,
)
R_GO_HOME = ReasonCode.define(
    "assistance.vagrancy.exit.return_home",
    "已查明住址: 劝导其返回住所地或者所在单位(不得限制其离站)",
    "address found: persuaded to return home or to the work unit (free to leave)",
    _CARE,
)
R_COLLECT = ReasonCode.define(
    "assistance.vagrancy.exit.family_collects",
    "已查明住址: 及时通知其亲属或者所在单位领回",
    "address found: the relatives or the work unit are told to collect the person",
    _CARE,
)
R_ESCORT = ReasonCode.define(
    "assistance.vagrancy.exit.escort",
    "亲属或者所在单位拒不接回: 由流入地民政部门通知流出地民政部门接回",
    "the relatives refuse to collect: the inflow place's civil-affairs department has the "
    "outflow place's collect the person",
    _ESCORT,
)
R_PLACEMENT = ReasonCode.define(
    "assistance.vagrancy.exit.placement",
    "无家可归: 由其户籍所在地人民政府妥善安置",
    "no home: placed by the government of the place of registration",
    _CARE,
)
R_TRACING = ReasonCode.define(
    "assistance.vagrancy.exit.tracing",
    "亲属或住址尚未查明: 继续帮助联系亲属或者所在单位",
    "relatives or address not found yet: tracing goes on",
    Citation(VAGRANCY_MEASURES, "第七条(四)"),
)
R_EXIT_OPEN = ReasonCode.define(
    "assistance.vagrancy.exit.open",
    "离站方式尚不能确定(缺少: {paths})",
    "the way out is open (missing: {paths})",
    _CARE,
)
R_GUARDIAN = ReasonCode.define(
    "assistance.vagrancy.exit.guardian",
    "已查找到父母或其他监护人: 及时安排接送返乡",
    "parents or guardian found: taken home",
    _MINORS_HOME,
)
R_MINOR_CARE = ReasonCode.define(
    "assistance.vagrancy.exit.minor_care",
    "暂时查找不到父母或其他监护人: 继续查找, 由救助保护机构照料、社会福利机构代养或家庭寄养",
    "parents or guardian not found yet: the search goes on; care in the institution, a "
    "welfare institution or a foster family",
    _MINORS_HOME,
)
R_MINOR_REGISTRATION = ReasonCode.define(
    "assistance.vagrancy.exit.minor_registration",
    "经过 {years} 年以上仍查找不到父母或其他监护人的, 自 {date} 起由公安机关办理户口登记",
    "if no parent or guardian is found in {years} years, the police register the child's "
    "hukou from {date}",
    Citation(MINORS_OPINION, "三(三)", note="以上 includes the number: 民法典 第一千二百五十九条"),
)
R_REFER_HOME = ReasonCode.define(
    "assistance.vagrancy.referral.home_county",
    "转介住所地县级人民政府帮助解决生产、生活困难(如临时救助 assistance.temporary)",
    "referred to the home county government for help with livelihood (e.g. temporary "
    "assistance, assistance.temporary)",
    Citation(
        _HOME_COUNTY.document, _HOME_COUNTY.article, note="临时救助: 社会救助暂行办法 第四十七条"
    ),
)
R_REFER_EXTREME_POVERTY = ReasonCode.define(
    "assistance.vagrancy.referral.extreme_poverty",
    "{who}无家可归: 转介户籍所在地认定特困人员救助供养(assistance.extreme_poverty)",
    "{who_en} with no home: referred to the place of registration for extreme-poverty support "
    "(assistance.extreme_poverty)",
    Citation(SOCIAL_ASSISTANCE_MEASURES, "第十四条"),
)


class Disclosure(Labelled):
    """How the person gave the personal facts of 细则 art. 3.

    .. versionadded:: 0.1.0
    """

    GIVEN = "given", "如实提供", "given truthfully"
    #: 细则 art. 5: "因年老、年幼、残疾等原因无法提供个人情况".
    UNABLE = "unable", "因年老、年幼、残疾等原因无法提供", "unable to give them"
    #: 细则 art. 5: "拒不如实提供个人情况".
    REFUSED = "refused", "拒不如实提供", "refuses to give them"
    #: Found later to have given false facts on purpose (故意提供虚假个人情况).
    FALSE = "false", "故意提供虚假个人情况", "gave false facts on purpose"


def _three(name: str) -> Any:
    def check(_instance: object, _attribute: object, value: object) -> None:
        if value is not None and not isinstance(value, bool):
            raise InvalidInputError(f"$.{name}", value, "true, false or null (not established)")

    return check


@attrs.frozen
class Conditions:
    """The four conditions of 细则 art. 2; each ``True``, ``False`` or ``None`` (not established).

    .. versionadded:: 0.1.0
    """

    #: 因自身无力解决食宿
    cannot_meet_food_and_lodging: bool | None = attrs.field(
        default=None, validator=_three("conditions.cannot_meet_food_and_lodging")
    )
    #: 无亲友投靠
    no_one_to_turn_to: bool | None = attrs.field(
        default=None, validator=_three("conditions.no_one_to_turn_to")
    )
    #: 不享受城市最低生活保障或者农村五保供养
    without_dibao_or_wubao: bool | None = attrs.field(
        default=None, validator=_three("conditions.without_dibao_or_wubao")
    )
    #: 正在城市流浪乞讨度日
    living_rough_in_city: bool | None = attrs.field(
        default=None, validator=_three("conditions.living_rough_in_city")
    )


#: The conditions in the order of art. 2, with their names.
_CONDITIONS = (
    ("cannot_meet_food_and_lodging", "自身无力解决食宿", "cannot meet food and lodging"),
    ("no_one_to_turn_to", "无亲友投靠", "no one to turn to"),
    ("without_dibao_or_wubao", "不享受城市最低生活保障或者农村五保供养", "no dibao or wubao"),
    ("living_rough_in_city", "正在城市流浪乞讨度日", "living rough or begging in the city"),
)


@attrs.frozen
class ExitFacts:
    """What is known about the way out; each ``None`` while not established.

    ``family_found``: relatives, work unit or address found (查明住址); ``family_collects``:
    whether the relatives agree to collect the person (``False``: 拒不接回); ``has_fare``:
    whether the person can pay the fare home; ``homeless``: 无家可归.

    .. versionadded:: 0.1.0
    """

    family_found: bool | None = attrs.field(default=None, validator=_three("exit.family_found"))
    family_collects: bool | None = attrs.field(
        default=None, validator=_three("exit.family_collects")
    )
    has_fare: bool | None = attrs.field(default=None, validator=_three("exit.has_fare"))
    homeless: bool | None = attrs.field(default=None, validator=_three("exit.homeless"))


def _whole(name: str, low: int, high: int) -> Any:
    def check(_instance: object, _attribute: object, value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise InvalidInputError(f"$.{name}", value, f"a whole number from {low} to {high}")

    return check


def _day(name: str, *, optional: bool = False) -> Any:
    def check(_instance: object, _attribute: object, value: object) -> None:
        if value is None and optional:
            return
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            raise InvalidInputError(f"$.{name}", value, "a calendar date YYYY-MM-DD")

    return check


@attrs.frozen
class StayExtension:
    """An extension of the stay for special circumstances (细则 art. 12).

    ``days`` is added to the last day in force when it was ``decided_on``;
    ``filed_on`` is when it was filed with the higher civil-affairs department
    (报上级民政部门备案), ``None`` when it was not.

    .. versionadded:: 0.1.0
    """

    decided_on: dt.date = attrs.field(validator=_day("decided_on"))
    days: int = attrs.field(validator=_whole("days", 1, 3650))
    filed_on: dt.date | None = attrs.field(default=None, validator=_day("filed_on", optional=True))

    def __attrs_post_init__(self) -> None:
        if self.filed_on is not None and self.filed_on < self.decided_on:
            raise InvalidInputError(
                "$.filed_on",
                self.filed_on.isoformat(),
                f"a date on or after decided_on {self.decided_on.isoformat()}",
            )


def _station(_instance: object, _attribute: object, value: Any) -> None:
    if not isinstance(value, str) or len(value) != 6 or not value.isdigit():
        raise InvalidInputError("$.station", value, "a six-digit GB/T 2260 code")
    try:
        jurisdictions.get(value)
    except LookupError:
        raise InvalidInputError("$.station", value, "a known GB/T 2260 division code") from None


def _case_id(_instance: object, _attribute: object, value: Any) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError("$.id", value, "a non-empty case reference")


def _person(_instance: object, _attribute: object, value: Any) -> None:
    if value is not None and not isinstance(value, Person):
        raise InvalidInputError("$.person", type(value).__name__, "a person or null")


def _of(kind: type, path: str, expected: str) -> Any:
    def check(_instance: object, _attribute: object, value: object) -> None:
        if not isinstance(value, kind):
            raise InvalidInputError(path, type(value).__name__, expected)

    return check


def _extensions(value: object) -> tuple[StayExtension, ...]:
    if not isinstance(value, list | tuple):
        raise InvalidInputError("$.extensions", type(value).__name__, "a list of extensions")
    for index, item in enumerate(value):
        if not isinstance(item, StayExtension):
            raise InvalidInputError(
                f"$.extensions[{index}]", type(item).__name__, "a stay extension"
            )
    return tuple(value)


@attrs.frozen
class VagrancyCase:
    """One person at a station: the JSON input of :func:`assess`.

    ``id`` is the station's case reference (never personal data); ``station`` the
    GB/T 2260 code of the station's place (where the case is decided and whose
    parameters apply); ``requested_on`` the day help was sought, which is the day of
    admission when relief is given.  ``person`` is the identity when established
    (its name and resident ID are masked everywhere); ``estimated_age`` the age the
    station records for a person whose identity is not established (given only
    when ``person`` is ``None``).  ``mental_or_intellectual_signs`` is whether there
    are signs of mental disorder or intellectual disability (``None``: not
    established); ``ill_in_station`` whether the person fell suddenly ill in the
    station; ``reduced_mobility`` 行动不便.

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=_case_id)
    station: str = attrs.field(validator=_station)
    requested_on: dt.date = attrs.field(validator=_day("requested_on"))
    disclosure: Disclosure = attrs.field(
        validator=_of(Disclosure, "$.disclosure", "'given', 'unable', 'refused' or 'false'")
    )
    conditions: Conditions = attrs.field(
        factory=Conditions, validator=_of(Conditions, "$.conditions", "the four conditions")
    )
    person: Person | None = attrs.field(default=None, validator=_person)
    estimated_age: int | None = attrs.field(default=None)
    mental_or_intellectual_signs: bool | None = attrs.field(
        default=None, validator=_three("mental_or_intellectual_signs")
    )
    ill_in_station: bool = attrs.field(
        default=False, validator=_of(bool, "$.ill_in_station", "true or false")
    )
    reduced_mobility: bool = attrs.field(
        default=False, validator=_of(bool, "$.reduced_mobility", "true or false")
    )
    exit: ExitFacts = attrs.field(
        factory=ExitFacts, validator=_of(ExitFacts, "$.exit", "the exit facts")
    )
    extensions: tuple[StayExtension, ...] = attrs.field(default=(), converter=_extensions)

    def __attrs_post_init__(self) -> None:
        if self.requested_on < IN_FORCE:
            raise InvalidInputError(
                "$.requested_on",
                self.requested_on.isoformat(),
                f"a date on or after {IN_FORCE.isoformat()}, when the measures took effect",
            )
        if self.estimated_age is not None:
            _whole("estimated_age", 0, 130)(self, None, self.estimated_age)
            if self.person is not None:
                raise InvalidInputError(
                    "$.estimated_age",
                    self.estimated_age,
                    "null when the person's identity (and birth date) is given",
                )
        if self.person is not None and self.person.birth_date > self.requested_on:
            raise InvalidInputError(
                "$.person.birth_date",
                "(a birth date, withheld)",
                f"a date on or before requested_on {self.requested_on.isoformat()}",
            )
        for index, extension in enumerate(self.extensions):
            if extension.decided_on < self.requested_on:
                raise InvalidInputError(
                    f"$.extensions[{index}].decided_on",
                    extension.decided_on.isoformat(),
                    f"a date on or after requested_on {self.requested_on.isoformat()}",
                )

    @property
    def age(self) -> int | None:
        """The age in full years on the day help was sought, ``None`` when not established."""
        if self.person is not None:
            return self.person.age_on(self.requested_on)
        return self.estimated_age

    @property
    def subject(self) -> str:
        """How decisions name the person: the case id with the masked identity beside it."""
        if self.person is None:
            return self.id
        shown = self.person.masked
        return self.id if shown == self.person.id else f"{self.id} ({shown})"


@attrs.frozen
class StayLimit:
    """The stay limit of one case on one date (细则 art. 12).

    ``applies`` is whether the general limit applies (``None``: not established);
    ``days`` the general limit; ``last_day`` the last day of relief, extensions
    counted (``None`` when the limit does not apply or is not established);
    ``counted`` and ``refused`` the extensions counted and not counted.

    .. versionadded:: 0.1.0
    """

    admitted_on: dt.date
    applies: bool | None
    days: int
    last_day: dt.date | None
    counted: tuple[StayExtension, ...] = ()
    refused: tuple[StayExtension, ...] = ()
    reasons: tuple[Reason, ...] = ()
    parameters: tuple[ParameterValue, ...] = ()
    missing: tuple[str, ...] = ()

    @property
    def general_last_day(self) -> dt.date:
        """The last day of the general limit without extensions: admission + ``days`` days."""
        return _plus(self.admitted_on, self.days)


def _plus(day: dt.date, days: int) -> dt.date:
    """``day`` + ``days`` days; a stay that would end after 9999-12-31 is refused by path."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        raise InvalidInputError(
            "$.requested_on", day.isoformat(), "a date whose stay ends by 9999-12-31"
        ) from None


def _check_dates(case: VagrancyCase, on: dt.date) -> None:
    if not isinstance(on, dt.date) or isinstance(on, dt.datetime):
        raise InvalidInputError("$.on", on, "a calendar date")
    if case.requested_on > on:
        raise InvalidInputError(
            "$.requested_on",
            case.requested_on.isoformat(),
            f"a date on or before the as-of date {on.isoformat()}",
        )
    for index, extension in enumerate(case.extensions):
        for name in ("decided_on", "filed_on"):
            day = getattr(extension, name)
            if day is not None and day > on:
                raise InvalidInputError(
                    f"$.extensions[{index}].{name}",
                    day.isoformat(),
                    f"a date on or before the as-of date {on.isoformat()}",
                )


def stay_limit(
    case: VagrancyCase,
    on: dt.date,
    *,
    jurisdiction: str | None = None,
    book: ParameterBook | None = None,
) -> StayLimit:
    """Return the stay limit of ``case`` as known on ``on``, with its reasons (细则 art. 12).

    The day of admission is not counted (《民法典》 art. 201, by analogy): a stay of
    *n* days admitted on day *d* runs through day *d + n*.  Extensions are taken in
    the order decided; each counts only when filed and decided on or before the
    last day then in force, and then adds its days to that last day.

    .. versionadded:: 0.1.0
    """
    _check_dates(case, on)
    book = book or default_book()
    where = jurisdiction or case.station
    days, days_used = book.count("assistance.vagrancy.stay_limit_days", where, case.requested_on)
    min_age, age_used = book.count(
        "assistance.vagrancy.stay_limit_min_age", where, case.requested_on
    )
    age = case.age
    signs = case.mental_or_intellectual_signs
    reasons: list[Reason] = []
    if signs is True or (age is not None and age < min_age):
        why = (
            ("有精神障碍或智力残疾迹象", "signs of mental disorder or intellectual disability")
            if signs is True
            else (f"未满 {min_age} 周岁", f"under {min_age}")
        )
        reasons.append(
            R_NOT_LIMITED.reason(None, (age_used,), why=why[0], why_en=why[1], days=str(days))
        )
        return StayLimit(
            case.requested_on, False, days, None, reasons=tuple(reasons), parameters=(age_used,)
        )
    if signs is None or age is None:
        missing = tuple(
            path
            for path, unknown in (
                ("$.estimated_age", age is None),
                ("$.mental_or_intellectual_signs", signs is None),
            )
            if unknown
        )
        reasons.append(R_STAY_UNKNOWN.reason(None, (age_used,), paths=", ".join(missing)))
        return StayLimit(
            case.requested_on,
            None,
            days,
            None,
            reasons=tuple(reasons),
            parameters=(days_used, age_used),
            missing=missing,
        )
    last = _plus(case.requested_on, days)
    reasons.append(
        R_STAY.reason(
            None,
            (days_used, age_used),
            admitted_on=case.requested_on.isoformat(),
            days=str(days),
            last_day=last.isoformat(),
        )
    )
    counted: list[StayExtension] = []
    refused: list[StayExtension] = []
    for extension in sorted(case.extensions, key=lambda e: e.decided_on):
        if extension.filed_on is None:
            refused.append(extension)
            reasons.append(
                R_EXTENSION_NOT_FILED.reason(
                    False, decided_on=extension.decided_on.isoformat(), days=str(extension.days)
                )
            )
        elif extension.decided_on > last:
            refused.append(extension)
            reasons.append(
                R_EXTENSION_TOO_LATE.reason(
                    False, decided_on=extension.decided_on.isoformat(), last_day=last.isoformat()
                )
            )
        else:
            last = _plus(last, extension.days)
            counted.append(extension)
            reasons.append(
                R_EXTENDED.reason(
                    None,
                    days=str(extension.days),
                    decided_on=extension.decided_on.isoformat(),
                    filed_on=extension.filed_on.isoformat(),
                    last_day=last.isoformat(),
                )
            )
    return StayLimit(
        case.requested_on,
        True,
        days,
        last,
        tuple(counted),
        tuple(refused),
        tuple(reasons),
        (days_used, age_used),
    )


def _adult_route(case: VagrancyCase, reasons: list[Reason]) -> tuple[Outcome, tuple[str, ...]]:
    """Decide steps 2–3 for an adult (or a person of unknown age): disclosure, the conditions."""
    disclosure = case.disclosure
    if disclosure is Disclosure.REFUSED:
        reasons.append(R_REFUSED_FACTS.reason(False))
        return Outcome.NOT_ELIGIBLE, ()
    if disclosure is Disclosure.FALSE:
        reasons.append(R_FALSE_FACTS.reason(False))
        return Outcome.NOT_ELIGIBLE, ()
    values = [(name, zh, en, getattr(case.conditions, name)) for name, zh, en in _CONDITIONS]
    failed = [(zh, en) for _, zh, en, value in values if value is False]
    unknown = tuple(f"$.conditions.{name}" for name, _, _, value in values if value is None)
    if disclosure is Disclosure.GIVEN:
        reasons.append(R_FACTS_GIVEN.reason(True))
    if failed:
        reasons.append(
            R_CONDITION_NOT_MET.reason(
                False,
                failed="、".join(zh for zh, _ in failed),
                failed_en="; ".join(f"not: {en}" for _, en in failed),
            )
        )
        return Outcome.NOT_ELIGIBLE, ()
    if disclosure is Disclosure.UNABLE:
        reasons.append(
            R_RELIEF_FIRST.reason(
                True,
                pending=f"(待查明: {', '.join(unknown)})" if unknown else "",
                pending_en=f" (to establish: {', '.join(unknown)})" if unknown else "",
            )
        )
        if not unknown:
            reasons.append(R_CONDITIONS_MET.reason(True))
        return Outcome.ELIGIBLE, ()
    if unknown:
        reasons.append(R_CONDITIONS_UNKNOWN.reason(None, paths=", ".join(unknown)))
        return Outcome.CANNOT_DECIDE, unknown
    reasons.append(R_CONDITIONS_MET.reason(True))
    return Outcome.ELIGIBLE, ()


def _admission(case: VagrancyCase, reasons: list[Reason]) -> tuple[Outcome, tuple[str, ...]]:
    """Decide steps 1–3: the minors' route, else the conditions; with an unknown age, both."""
    age = case.age
    if age is not None and age < ADULT_AGE:
        reasons.append(R_MINOR.reason(True, age=str(age)))
        return Outcome.ELIGIBLE, ()
    outcome, missing = _adult_route(case, reasons)
    if age is None and outcome is not Outcome.ELIGIBLE:
        # A minor would be received whatever the conditions: the age decides.
        reasons.append(R_AGE_UNKNOWN.reason(None, paths="$.estimated_age"))
        return Outcome.CANNOT_DECIDE, (*missing, "$.estimated_age")
    return outcome, missing


def _vulnerable(case: VagrancyCase) -> tuple[str, str] | None:
    """Who 办法 art. 11 has cared for and collected: disabled, minor, older; or 行动不便."""
    age = case.age
    who = []
    if age is not None and age < ADULT_AGE:
        who.append(("未成年人", "a minor"))
    if age is not None and age >= OLDER_AGE:
        who.append(("老年人", "an older person"))
    if case.person is not None and case.person.disability is not None:
        who.append(("残疾人", "a disabled person"))
    if case.reduced_mobility:
        who.append(("行动不便的人员", "a person who cannot move about"))
    if not who:
        return None
    return "、".join(zh for zh, _ in who), ", ".join(en for _, en in who)


def _services(case: VagrancyCase, reasons: list[Reason]) -> None:
    """Step 4: the services of 办法 art. 7 the person needs."""
    reasons.append(R_FOOD.reason(True))
    reasons.append(R_LODGING.reason(True))
    if case.ill_in_station:
        reasons.append(R_MEDICAL.reason(True))
    if case.exit.family_found is not True and case.exit.homeless is not True:
        reasons.append(R_CONTACT.reason(True))
    vulnerable = _vulnerable(case)
    if vulnerable is not None:
        reasons.append(R_CARE.reason(True, who=vulnerable[0], who_en=vulnerable[1]))


def _minor_exit(
    case: VagrancyCase, place: tuple[ParameterBook, str, dt.date], reasons: list[Reason]
) -> None:
    """Step 6 for a minor (minors' opinion 三(三))."""
    found = case.exit.family_found
    if found is True:
        reasons.append(R_GUARDIAN.reason(None))
        if case.exit.family_collects is False:
            reasons.append(R_ESCORT.reason(None))
        return
    reasons.append(R_MINOR_CARE.reason(None))
    book, where, on = place
    try:
        years, used = book.count("assistance.vagrancy.minor_registration_years", where, on)
    except ParameterOutOfRangeError:
        return  # before the minors' opinion: no such rule on that date
    try:
        date = add_months(case.requested_on, 12 * years)
    except ValueError:  # past 9999: the registration date is not representable
        raise InvalidInputError(
            "$.requested_on", case.requested_on.isoformat(), "a date whose term ends by 9999"
        ) from None
    reasons.append(
        R_MINOR_REGISTRATION.reason(None, (used,), years=str(years), date=date.isoformat())
    )


def _exit(
    case: VagrancyCase, place: tuple[ParameterBook, str, dt.date], reasons: list[Reason]
) -> None:
    """Explain steps 6–7: the way out and the hand-offs (办法 arts. 7, 11, 12)."""
    age = case.age
    if age is not None and age < ADULT_AGE:
        _minor_exit(case, place, reasons)
        return
    facts = case.exit
    vulnerable = _vulnerable(case)
    if facts.homeless is True:
        reasons.append(R_PLACEMENT.reason(None))
        older = age is not None and age >= OLDER_AGE
        disabled = case.person is not None and case.person.disability is not None
        if older or disabled:
            who = ("老年人", "an older person") if older else ("残疾人", "a disabled person")
            reasons.append(R_REFER_EXTREME_POVERTY.reason(None, who=who[0], who_en=who[1]))
        return
    if facts.family_found is True:
        missing: list[str] = []
        if vulnerable is not None:
            if facts.family_collects is False:
                reasons.append(R_ESCORT.reason(None))
            else:
                reasons.append(R_COLLECT.reason(None))
        else:
            reasons.append(R_GO_HOME.reason(None))
            if facts.has_fare is False:
                reasons.append(R_VOUCHER.reason(True))
            elif facts.has_fare is None:
                missing.append("$.exit.has_fare")
        if missing:
            reasons.append(R_EXIT_OPEN.reason(None, paths=", ".join(missing)))
        reasons.append(R_REFER_HOME.reason(None))
        return
    if facts.family_found is None and facts.homeless is None:
        reasons.append(R_EXIT_OPEN.reason(None, paths="$.exit.family_found, $.exit.homeless"))
    reasons.append(R_TRACING.reason(None))


def assess(
    case: VagrancyCase,
    on: dt.date,
    *,
    jurisdiction: str | None = None,
    book: ParameterBook | None = None,
) -> Decision:
    """Decide station relief (救助站救助) for ``case`` on ``on``; see the module docstring.

    The outcome is whether the person is given station relief on ``on``: eligible
    (admitted, within the stay), not eligible (refused, ended, or the stay is over)
    or cannot decide (the paths in ``missing``).  ``jurisdiction`` defaults to the
    station's place.  Raises :class:`~civaffairs.errors.InvalidInputError` when a date
    of the case is after ``on``.

    .. versionadded:: 0.1.0
    """
    if not isinstance(case, VagrancyCase):
        raise InvalidInputError("$", type(case).__name__, "a VagrancyCase")
    _check_dates(case, on)
    book = book or default_book()
    where = jurisdiction or case.station
    draft = Draft(PROGRAMME.code, case.subject, on, where)
    reasons = draft.reasons

    outcome, missing = _admission(case, reasons)
    if outcome is not Outcome.ELIGIBLE:
        return draft.decide(outcome, missing=missing)

    _services(case, reasons)
    limit = stay_limit(case, on, jurisdiction=where, book=book)
    reasons.extend(limit.reasons)
    if limit.applies is None and on > limit.general_last_day:
        # Past the general limit: whether relief goes on turns on the missing facts.
        return draft.decide(Outcome.CANNOT_DECIDE, missing=limit.missing)
    if limit.last_day is not None:
        if on > limit.last_day:
            reasons.append(
                R_STAY_OVER.reason(False, last_day=limit.last_day.isoformat(), on=on.isoformat())
            )
            _exit(case, (book, where, on), reasons)
            return draft.decide(Outcome.NOT_ELIGIBLE)
        reasons.append(R_WITHIN_STAY.reason(True, on=on.isoformat()))
    _exit(case, (book, where, on), reasons)
    return draft.decide(Outcome.ELIGIBLE)
