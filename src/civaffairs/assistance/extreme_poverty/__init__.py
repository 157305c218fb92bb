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

The rule is split by idea, each part in its own module with the articles it encodes:
:mod:`~civaffairs.assistance.extreme_poverty.facts` (the facts beyond the household),
:mod:`~civaffairs.assistance.extreme_poverty.work_capacity` (2),
:mod:`~civaffairs.assistance.extreme_poverty.living` (4, through the shared means test
:mod:`civaffairs.assistance.means`),
:mod:`~civaffairs.assistance.extreme_poverty.supporters` (5),
:mod:`~civaffairs.assistance.extreme_poverty.care` (6, 7) and
:mod:`~civaffairs.assistance.extreme_poverty.rule` (1, 3, 8 and the order of the parts).
Every public name is importable from this package, and so are the reason codes
(``R_…``, explicit re-exports).

.. versionadded:: 0.1.0
.. versionchanged:: 0.1.0 a package of one module per idea (the names stay here).
"""

from civaffairs.assistance.extreme_poverty import care, living, rule, supporters, work_capacity
from civaffairs.assistance.extreme_poverty.care import (
    care_tier,
    care_tier_for_ability_grade,
)
from civaffairs.assistance.extreme_poverty.facts import (
    CareTier,
    DailyActivity,
    ExtremePovertyApplication,
    ExtremePovertyFacts,
    SupportArrangement,
    Supporter,
    SupporterSituation,
)
from civaffairs.assistance.extreme_poverty.rule import (
    PROGRAMME,
    assess,
    assess_application,
    assess_person,
    meets_conditions,
)

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

# The reason codes stay importable from here, as from the single module they came from.
R_AMOUNT = care.R_AMOUNT
R_AMOUNT_FACTS_MISSING = care.R_AMOUNT_FACTS_MISSING
R_CARE_TIER = care.R_CARE_TIER
R_ASSET_DISQUALIFIES = living.R_ASSET_DISQUALIFIES
R_FINANCIAL_ASSETS = living.R_FINANCIAL_ASSETS
R_INCOME_BELOW = living.R_INCOME_BELOW
R_INCOME_NOT_BELOW = living.R_INCOME_NOT_BELOW
R_INCOME_NOT_COUNTED = living.R_INCOME_NOT_COUNTED
R_UNATTRIBUTED = living.R_UNATTRIBUTED
R_CHILD_ALLOWANCE = rule.R_CHILD_ALLOWANCE
R_MISSING = rule.R_MISSING
R_PAYABLE_UNTIL = rule.R_PAYABLE_UNTIL
R_REGISTRATION = rule.R_REGISTRATION
R_REGISTRATION_ELSEWHERE = rule.R_REGISTRATION_ELSEWHERE
R_STATUS = rule.R_STATUS
R_NO_SUPPORTER = supporters.R_NO_SUPPORTER
R_SUPPORTER_ABLE = supporters.R_SUPPORTER_ABLE
R_SUPPORTER_UNABLE = supporters.R_SUPPORTER_UNABLE
R_SUPPORTER_UNKNOWN = supporters.R_SUPPORTER_UNKNOWN
R_SUPPORTERS_UNKNOWN = supporters.R_SUPPORTERS_UNKNOWN
R_DISABLED = work_capacity.R_DISABLED
R_ELDERLY = work_capacity.R_ELDERLY
R_MINOR = work_capacity.R_MINOR
R_MINOR_CONTINUING = work_capacity.R_MINOR_CONTINUING
R_MINOR_CONTINUING_UNKNOWN = work_capacity.R_MINOR_CONTINUING_UNKNOWN
R_MINOR_SUPPORTED = work_capacity.R_MINOR_SUPPORTED
R_MINOR_SUPPORTED_UNKNOWN = work_capacity.R_MINOR_SUPPORTED_UNKNOWN
R_NOT_COVERED = work_capacity.R_NOT_COVERED
