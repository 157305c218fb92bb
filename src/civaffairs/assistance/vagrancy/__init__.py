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
   ended (not eligible on that date) — except for a minor whose parents or guardian are not
   found yet, who "在继续查找的同时，要通过救助保护机构照料、社会福利机构代养、家庭寄养等
   多种方式予以妥善照顾" (minors' opinion 三(三)): the opinion, read, prevails over the
   restated 16 years.
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
   (``assistance.temporary``, 社会救助暂行办法 art. 47) — and a person registered where the
   station is may apply there, to the township or street office ("申请临时救助的，应当向乡镇
   人民政府、街道办事处提出", art. 48); a homeless older or disabled person placed by the
   registration place is referred for 特困 support (``assistance.extreme_poverty``, art. 14).

Paths in decisions and errors are relative to a :class:`VagrancyCase`.  The person's
name and resident ID are masked everywhere (the subject, the reasons, ``repr``, JSON).

The rule is split by idea: :mod:`~civaffairs.assistance.vagrancy.codes` (the documents and
the reason codes, in the order of the steps), :mod:`~civaffairs.assistance.vagrancy.facts`
(the case), :mod:`~civaffairs.assistance.vagrancy.stay` (step 5) and
:mod:`~civaffairs.assistance.vagrancy.rule` (the entry point and the order of the steps).
Every public name is importable from this package.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from civaffairs.assistance.vagrancy import codes
from civaffairs.assistance.vagrancy.codes import (
    MINORS_OPINION,
    PROGRAMME,
    VAGRANCY_MEASURES,
    VAGRANCY_RULES,
)
from civaffairs.assistance.vagrancy.facts import (
    ADULT_AGE,
    CONDITIONS,
    IN_FORCE,
    OLDER_AGE,
    Conditions,
    Disclosure,
    ExitFacts,
    StayExtension,
    VagrancyCase,
)
from civaffairs.assistance.vagrancy.rule import assess
from civaffairs.assistance.vagrancy.stay import StayLimit, stay_limit

__all__ = [
    "ADULT_AGE",
    "CONDITIONS",
    "IN_FORCE",
    "MINORS_OPINION",
    "OLDER_AGE",
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
    "codes",
    "stay_limit",
]
