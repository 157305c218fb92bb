"""最低生活保障 (dibao): the minimum living allowance.

The rule, in the order it is decided:

1. **Registration** — the applicant holds household registration (户籍) in
   the deciding jurisdiction (社会救助暂行办法 art. 9; 民发〔2021〕57号 arts. 4–5).
   Its kind (urban or rural) selects the standard.
2. **Family members** (共同生活的家庭成员, 57号 art. 7): the applicant, the spouse,
   minor children, adult children who cannot live independently (including
   full-time students at bachelor level or below), and others with a statutory
   duty of support who live together long-term.  Not counted: clergy living
   apart ≥ 3 years, persons serving a sentence or in compulsory drug
   rehabilitation, persons declared missing — and, art. 7 second paragraph
   (三) letting provinces name others, a member supported as 特困 (no double
   coverage: ``assistance.dibao.members.exclude_extreme_poverty``; the
   caller passes the members' 特困 decisions, see :func:`assess`).
3. **Income** (57号 art. 13) — the members' monthly income, less the items the
   national list excludes (优待抚恤金, 计划生育奖励与扶助金, 奖励性补助, 社会救助款物,
   the two disability subsidies and, "“十四五”期间", the central basic pension —
   carried forward from 2026 as example data until a sourced rule is found)
   and less the deductions a jurisdiction sets (art. 13 third paragraph).
4. **Income test** — per-capita income strictly below the standard (低于),
   decided exactly as ``income < standard × members`` so no division rounds.
5. **Property test** (57号 art. 14) — the jurisdiction's property rules (parameters).
6. **Amount** — the difference (差额): ``(standard − per-capita income) ×
   members = standard × members − income`` (社会救助暂行办法 art. 12; 57号 art. 23),
   raised to the jurisdiction's floor if it has one, rounded once to the fen.
   The decision is taken on the as-of date and pays from the next month
   (57号 art. 21; :attr:`~civaffairs.decisions.Decision.payable`).
7. **Single-person inclusion** (单人户, 57号 art. 8): if the household fails 低保
   (on income or property) but is a marginal low-income household — income
   below the marginal multiple of the standard and property within the
   *marginal* property rules (``assistance.marginal.assets.*``, art. 8 second
   paragraph: "财产状况符合相关规定") — each severely disabled (grade 1–2,
   grade-3 intellectual or mental, art. 8 (一)) or seriously ill (art. 8 (二))
   member may be covered alone, at ``share_of_standard`` × the standard less
   their own income where ``deduct_own_income`` (national default: the
   difference, as for a household of one).  A member whose serious illness is
   not established (``None``) and who would be covered if it were makes the
   decision "cannot decide", naming ``$.members[i].person.serious_illness``.

Note the cliff this last rule creates: a household just above the income test
may receive more (a severely disabled member's full standard) than one just
below it (a small difference payment).  That is the regulation's shape, not a
bug; the property tests state monotonicity for households without such members.

The rule is split by idea, each part in its own module with the articles it encodes:
:mod:`~civaffairs.assistance.dibao.codes` (the reason codes and their citations, in one
place and in order), :mod:`~civaffairs.assistance.dibao.family` (1, 2),
:mod:`~civaffairs.assistance.dibao.conditions` (3-5, through the shared means test
:mod:`civaffairs.assistance.means`), :mod:`~civaffairs.assistance.dibao.amount` (6),
:mod:`~civaffairs.assistance.dibao.single_person` (7),
:mod:`~civaffairs.assistance.dibao.outcome` (the outcome and the :class:`Evaluation`) and
:mod:`~civaffairs.assistance.dibao.rule` (the entry points and the order of the steps).
The rule's arithmetic (:func:`means_test`, :func:`difference_amount`,
:func:`single_person_rule`, :func:`outcome_rule` …) takes an ``ops`` object, so
:mod:`civaffairs.batch` decides a column of households with the same bodies.  Every
public name is importable from this package, and so are the reason codes (``R_…``,
explicit re-exports).

.. versionadded:: 0.1.0
.. versionchanged:: 0.1.0 a package of one module per idea (the names stay here).
"""

from civaffairs.assistance.dibao import codes
from civaffairs.assistance.dibao.amount import difference_amount
from civaffairs.assistance.dibao.codes import PROGRAMME
from civaffairs.assistance.dibao.conditions import (
    DISQUALIFYING_ASSETS,
    MeansTest,
    means_test,
)
from civaffairs.assistance.dibao.family import EXCLUDE_EXTREME_POVERTY, excluded_members
from civaffairs.assistance.dibao.outcome import OUTCOME_CODES, Evaluation, outcome_rule
from civaffairs.assistance.dibao.rule import assess, evaluate
from civaffairs.assistance.dibao.single_person import (
    marginal_test,
    single_person_candidate,
    single_person_rule,
)
from civaffairs.assistance.means import (
    LIVES_APART,
    LIVES_TOGETHER,
    LIVES_UNKNOWN,
    RELATIONSHIP_CODES,
    counted_income_types,
    counted_members,
    member_rule,
)

__all__ = [
    "DISQUALIFYING_ASSETS",
    "EXCLUDE_EXTREME_POVERTY",
    "LIVES_APART",
    "LIVES_TOGETHER",
    "LIVES_UNKNOWN",
    "OUTCOME_CODES",
    "PROGRAMME",
    "RELATIONSHIP_CODES",
    "Evaluation",
    "MeansTest",
    "assess",
    "counted_income_types",
    "counted_members",
    "difference_amount",
    "evaluate",
    "excluded_members",
    "marginal_test",
    "means_test",
    "member_rule",
    "outcome_rule",
    "single_person_candidate",
    "single_person_rule",
]


# The reason codes stay importable from here, as from the single module they came from,
# in the order codes.py declares them.
CODES = codes.CODES
R_REGISTRATION = codes.R_REGISTRATION
R_REGISTRATION_ELSEWHERE = codes.R_REGISTRATION_ELSEWHERE
R_MEMBERS = codes.R_MEMBERS
R_MISSING = codes.R_MISSING
R_NO_FAMILY_MEMBER = codes.R_NO_FAMILY_MEMBER
R_INCOME_EXCLUDED = codes.R_INCOME_EXCLUDED
R_EMPLOYMENT_DEDUCTION = codes.R_EMPLOYMENT_DEDUCTION
R_INCOME_BELOW = codes.R_INCOME_BELOW
R_INCOME_NOT_BELOW = codes.R_INCOME_NOT_BELOW
R_FINANCIAL_ASSETS = codes.R_FINANCIAL_ASSETS
R_ASSET_DISQUALIFIES = codes.R_ASSET_DISQUALIFIES
R_AMOUNT = codes.R_AMOUNT
R_AMOUNT_FLOOR = codes.R_AMOUNT_FLOOR
R_SINGLE_PERSON = codes.R_SINGLE_PERSON
R_EXTREME_POVERTY_EXCLUDED = codes.R_EXTREME_POVERTY_EXCLUDED
R_EXTREME_POVERTY_UNKNOWN = codes.R_EXTREME_POVERTY_UNKNOWN
R_EXTREME_POVERTY_IRRELEVANT = codes.R_EXTREME_POVERTY_IRRELEVANT
R_MARGINAL_PROPERTY = codes.R_MARGINAL_PROPERTY
R_SINGLE_PERSON_UNKNOWN = codes.R_SINGLE_PERSON_UNKNOWN
R_SINGLE_PERSON_NONE = codes.R_SINGLE_PERSON_NONE
