"""The reason codes of station relief, with the documents and articles they cite.

Declared here in one place and in the order of the steps of
:mod:`civaffairs.assistance.vagrancy`; every code stays importable from the package.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from civaffairs.assistance.laws import CIVIL_CODE, SOCIAL_ASSISTANCE_MEASURES
from civaffairs.decisions import Citation, Document, ReasonCode, programme

__all__ = [
    "MINORS_OPINION",
    "PROGRAMME",
    "R_AGE_UNKNOWN",
    "R_CARE",
    "R_COLLECT",
    "R_CONDITIONS_MET",
    "R_CONDITIONS_UNKNOWN",
    "R_CONDITION_NOT_MET",
    "R_CONTACT",
    "R_ESCORT",
    "R_EXIT_OPEN",
    "R_EXTENDED",
    "R_EXTENSION_NOT_FILED",
    "R_EXTENSION_TOO_LATE",
    "R_FACTS_GIVEN",
    "R_FALSE_FACTS",
    "R_FOOD",
    "R_GO_HOME",
    "R_GUARDIAN",
    "R_LODGING",
    "R_MEDICAL",
    "R_MINOR",
    "R_MINOR_CARE",
    "R_MINOR_KEPT",
    "R_MINOR_REGISTRATION",
    "R_NOT_LIMITED",
    "R_PLACEMENT",
    "R_REFER_EXTREME_POVERTY",
    "R_REFER_HOME",
    "R_REFER_LOCAL",
    "R_REFUSED_FACTS",
    "R_RELIEF_FIRST",
    "R_STAY",
    "R_STAY_OVER",
    "R_STAY_UNKNOWN",
    "R_TRACING",
    "R_VOUCHER",
    "R_WITHIN_STAY",
    "VAGRANCY_MEASURES",
    "VAGRANCY_RULES",
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
    Citation(
        VAGRANCY_MEASURES,
        "第十一条",
        note="老年人: 六十周岁以上 (老年人权益保障法 第二条); "
        "未成年人: 未满十八周岁 (民法典 第十七条)",
    ),
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
R_MINOR_KEPT = ReasonCode.define(
    "assistance.vagrancy.minor_kept",
    "未成年人暂时查找不到父母或其他监护人: 期限届满后继续妥善照顾",
    "a minor whose parents or guardian are not found yet stays in care after the stay limit",
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
    "转介住所地县级人民政府{home}帮助解决生产、生活困难(如临时救助 assistance.temporary)",
    "referred to the home county government{home_en} for help with livelihood (e.g. temporary "
    "assistance, assistance.temporary)",
    Citation(
        _HOME_COUNTY.document, _HOME_COUNTY.article, note="临时救助: 社会救助暂行办法 第四十七条"
    ),
)
R_REFER_LOCAL = ReasonCode.define(
    "assistance.vagrancy.referral.local_temporary",
    "户籍在救助站所在地({place}): 可向户籍所在地乡镇人民政府、街道办事处申请临时救助",
    "registered where the station is ({place}): temporary assistance may be sought from the "
    "township or street office there",
    Citation(
        SOCIAL_ASSISTANCE_MEASURES,
        "第四十八条",
        note="申请临时救助的，应当向乡镇人民政府、街道办事处提出",
    ),
)
R_REFER_EXTREME_POVERTY = ReasonCode.define(
    "assistance.vagrancy.referral.extreme_poverty",
    "{who}无家可归: 转介户籍所在地认定特困人员救助供养(assistance.extreme_poverty)",
    "{who_en} with no home: referred to the place of registration for extreme-poverty support "
    "(assistance.extreme_poverty)",
    Citation(SOCIAL_ASSISTANCE_MEASURES, "第十四条"),
)
