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

The vocabulary (categories, evidence, situations, routes, facts and findings) is in
:mod:`~civaffairs.assistance.children_in_difficulty.facts`, the rule and its reasons in
:mod:`~civaffairs.assistance.children_in_difficulty.rule`; every name is importable from here.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

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
    Incident,
    Route,
    RouteFinding,
)
from civaffairs.assistance.children_in_difficulty.rule import (
    PROGRAMME,
    assess,
    assess_application,
    assess_person,
    classify,
    facts_from_layers,
)

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
