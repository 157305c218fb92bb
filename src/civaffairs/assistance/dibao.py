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

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import attrs

from civaffairs.assistance import means
from civaffairs.assistance.dibao_terms import payable_period
from civaffairs.assistance.laws import (
    DIBAO_REVIEW_MEASURES,
    SOCIAL_ASSISTANCE_MEASURES,
)
from civaffairs.assistance.means import (
    LIVES_APART,
    LIVES_TOGETHER,
    LIVES_UNKNOWN,
    RELATIONSHIP_CODES,
    CountedIncome,
    HouseholdCodes,
    PropertyTest,
    below_margin,
    counted_assets,
    counted_income_types,
    counted_members,
    disqualifying_flag,
    extreme_poverty_status,
    family_income,
    marginal_income,
    member_rule,
    owned_asset_words,
    property_test,
    registration_and_family,
    undecided_choices,
)
from civaffairs.decisions import (
    Amount,
    AmountLine,
    Citation,
    Decision,
    Draft,
    Outcome,
    Period,
    Reason,
    ReasonCode,
    programme,
)
from civaffairs.entities import (
    AssetType,
    Household,
    Member,
    Person,
)
from civaffairs.kernels import SCALAR, Ops, div_round_half_up, fraction
from civaffairs.money import FEN, fen_to_yuan, format_yuan, yuan_to_fen
from civaffairs.parameters import ParameterBook, ParameterValue, default_book

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

PROGRAMME = programme("assistance.dibao")

_ART_9 = Citation(SOCIAL_ASSISTANCE_MEASURES, "第九条")
_ART_12 = Citation(SOCIAL_ASSISTANCE_MEASURES, "第十二条")
#: 57号 art. 7 second paragraph (三): "省级人民政府民政部门根据本条原则和有关程序认定的其他人员"
#: are not counted — the hook for leaving a 特困 member out (see the parameter's source).
_57_ART_7_PROVINCES = Citation(
    DIBAO_REVIEW_MEASURES,
    "第七条第二款第(三)项",
    note="no national text read says whether a 特困 member counts; see "
    "assistance.dibao.members.exclude_extreme_poverty",
)
#: 57号 art. 13: family income, the list of income not counted (第二款) and the deductions for
#: rigid expenditure and necessary employment costs (第三款).
_57_INCOME = Citation(DIBAO_REVIEW_MEASURES, "第十三条")
#: 57号 art. 14: family property; 维持家庭生产生活的必需财产 may be exempted.  The limits are local.
_57_PROPERTY = Citation(
    DIBAO_REVIEW_MEASURES,
    "第十四条",
    note="property limits are set by provinces; see each parameter's source",
)
#: 57号 art. 8: who may apply alone (单人户), and the 低保边缘家庭 it presupposes.
_57_ART_8 = Citation(DIBAO_REVIEW_MEASURES, "第八条")
_57_ART_23 = Citation(DIBAO_REVIEW_MEASURES, "第二十三条")

CODES = HouseholdCodes.define("assistance.dibao")
R_REGISTRATION = CODES.registration
R_REGISTRATION_ELSEWHERE = CODES.registration_elsewhere
R_MEMBERS = CODES.members
R_MISSING = CODES.missing
R_NO_FAMILY_MEMBER = CODES.nobody
R_INCOME_EXCLUDED = ReasonCode.define(
    "assistance.dibao.income_not_counted",
    "不计入家庭收入: {items}",
    "not counted as family income: {items_en}",
    _57_INCOME,
)
R_EMPLOYMENT_DEDUCTION = ReasonCode.define(
    "assistance.dibao.employment_deduction",
    "工资性收入扣减就业成本 {deduction} 元",
    "employment costs of {deduction} yuan deducted from wages",
    _57_INCOME,
)
R_INCOME_BELOW, R_INCOME_NOT_BELOW = means.below_codes(
    "assistance.dibao.income_{below}_standard",
    "家庭月收入合计 {income} 元,{below}低保标准 {standard} 元 × {count} 人 = {threshold} 元"
    "(月人均 {per_capita} 元)",
    "monthly family income {income} yuan is {below} the standard {standard} yuan × {count} = "
    "{threshold} yuan (per capita {per_capita} yuan)",
    _ART_9,
)
R_FINANCIAL_ASSETS = ReasonCode.define(
    "assistance.dibao.financial_assets",
    "金融资产合计 {assets} 元,{relation}上限 {months} 个月低保标准 × {count} 人 = {limit} 元",
    "financial assets {assets} yuan are {relation_en} the limit of {months} months of the standard "
    "× {count} = {limit} yuan",
    _57_PROPERTY,
)
R_ASSET_DISQUALIFIES = ReasonCode.define(
    "assistance.dibao.asset_disqualifies",
    "拥有{asset},不符合家庭财产条件",
    "the household owns {asset_en}, which fails the property test",
    _57_PROPERTY,
)
R_AMOUNT = ReasonCode.define(
    "assistance.dibao.amount_difference",
    "按差额发放: {standard} 元 × {count} 人 − 家庭月收入 {income} 元 = {amount} 元",
    "paid as the difference: {standard} yuan × {count} − income {income} yuan = {amount} yuan",
    _ART_12,
)
R_AMOUNT_FLOOR = ReasonCode.define(
    "assistance.dibao.amount_floor",
    "差额低于最低发放额, 按标准的 {share} 发放: {amount} 元",
    "the difference is below the minimum payment; {share} of the standard is paid: {amount} yuan",
    _57_ART_23,
)
R_SINGLE_PERSON = ReasonCode.define(
    "assistance.dibao.single_person",
    "家庭人均收入低于低保标准的 {multiple} 倍且财产符合低保边缘家庭条件(低保边缘家庭), "
    "{person} 为{why}, 按单人户纳入: {formula} = {amount} 元",
    "the household is a marginal low-income household (below {multiple} × the standard, "
    "property within the marginal rules); {person} ({why_en}) is covered alone: "
    "{formula_en} = {amount} yuan",
    _57_ART_8,
)
R_EXTREME_POVERTY_EXCLUDED = ReasonCode.define(
    "assistance.dibao.extreme_poverty_excluded",
    "{persons} 已纳入特困人员救助供养, 不重复保障, 不计入低保家庭(成员、收入、金额); "
    "计入的家庭成员 {count} 人",
    "{persons} supported as extreme poverty (特困) and not covered twice: left out of the dibao "
    "household (members, income, amount); {count} family member(s) counted",
    _57_ART_7_PROVINCES,
)
R_EXTREME_POVERTY_UNKNOWN = ReasonCode.define(
    "assistance.dibao.extreme_poverty_unknown",
    "尚不能确定 {persons} 是否符合特困人员条件, 而这改变低保认定(特困成员不计入); 缺少: {paths}",
    "whether {persons} meet the extreme-poverty conditions is not decided, and it changes this "
    "decision (a 特困 member is not counted); missing: {paths}",
    _57_ART_7_PROVINCES,
)
R_EXTREME_POVERTY_IRRELEVANT = ReasonCode.define(
    "assistance.dibao.extreme_poverty_irrelevant",
    "{persons} 是否符合特困人员条件尚未确定, 但计入与否认定结果相同",
    "whether {persons} meet the extreme-poverty conditions is not decided, but counting them or "
    "not gives the same decision",
    _57_ART_7_PROVINCES,
)
R_MARGINAL_PROPERTY = ReasonCode.define(
    "assistance.dibao.marginal_property",
    "低保边缘家庭财产条件{result}: 金融资产 {assets} 元, 上限 {months} 个月低保标准 × {count} 人 = "
    "{limit} 元{others}",
    "the marginal-household property test is {result_en}: financial assets {assets} yuan against "
    "{months} months of the standard × {count} = {limit} yuan{others_en}",
    _57_ART_8,
)
R_SINGLE_PERSON_UNKNOWN = ReasonCode.define(
    "assistance.dibao.single_person_unknown",
    "家庭为低保边缘家庭; 以下成员是否患重特大疾病尚未确定, 而这决定其能否按单人户纳入: {persons}"
    "(缺少: {paths})",
    "the household is a marginal low-income household; whether these members have a serious "
    "illness decides their single-person inclusion and is not established: {persons} "
    "(missing: {paths})",
    _57_ART_8,
)
R_SINGLE_PERSON_NONE = ReasonCode.define(
    "assistance.dibao.single_person_none",
    "家庭人均收入{relation}低保标准的 {multiple} 倍, 无可按单人户纳入的成员",
    "per-capita income is {relation_en} {multiple} × the standard; no member can be covered alone",
    _57_ART_8,
)

#: Assets that fail the property test where the jurisdiction's flag says so, with the flag's
#: parameter name and how a reason names them (zh, en).
#:
#: .. deprecated:: 0.1.0 Derived from :data:`civaffairs.assistance.means.DISQUALIFYING_ASSETS`
#:    (the one list), :func:`~civaffairs.assistance.means.disqualifying_flag` and
#:    :func:`~civaffairs.assistance.means.owned_asset_words`; use those.
DISQUALIFYING_ASSETS: tuple[tuple[AssetType, str, tuple[str, str]], ...] = tuple(
    (asset, disqualifying_flag(PROGRAMME.code, asset), owned_asset_words(asset))
    for asset in means.DISQUALIFYING_ASSETS
)


def _yuan(amount: Decimal) -> str:
    """Write an amount as a fact: a plain decimal string (the templates add the unit)."""
    return format_yuan(amount, "exact")


def _scaled_yuan(scaled_fen: int, scale: int) -> Decimal:
    """Turn an amount in fen multiplied by ``scale`` back into exact yuan."""
    if scale == 1:
        return fen_to_yuan(scaled_fen)
    return Decimal(scaled_fen) / Decimal(scale * 100)


# -- The rule's arithmetic, written once ------------------------------------------------------
#
# The functions below take an ``ops`` object (civaffairs.kernels) and integers (fen) or
# booleans, so the same body decides one household here, exactly and with its explanation,
# and a column of households in civaffairs.batch.  Amounts are integer fen; a rate r = n/d
# scales incomes by d, so no step rounds until the payment itself.

#: Codes of the outcome in columnar data.
OUTCOME_CODES: Mapping[Outcome, int] = {
    Outcome.NOT_ELIGIBLE: 0,
    Outcome.ELIGIBLE: 1,
    Outcome.CANNOT_DECIDE: 2,
}


@attrs.frozen
class MeansTest:
    """The income and property tests for one household or a column of households.

    ``net_income`` is counted income less the employment deduction, in fen
    multiplied by ``scale`` (the deduction rate's denominator).

    .. versionadded:: 0.1.0
    """

    threshold: Any
    net_income: Any
    scale: Any
    income_ok: Any
    financial_ok: Any
    assets_ok: Any


def means_test(
    ops: Ops,
    *,
    standard: Any,
    count: Any,
    income: Any,
    wages: Any,
    financial: Any,
    months: Any,
    disqualified: Any,
    rate: tuple[Any, Any],
) -> MeansTest:
    """Apply the income test (社会救助暂行办法 art. 9) and the property test, exactly.

    ``income < standard × count`` with the employment deduction ``rate × wages``
    taken off first; financial assets strictly below ``months`` of the standard
    per counted member; no disqualifying asset.

    .. versionadded:: 0.1.0
    """
    rate_num, rate_den = rate
    threshold = standard * count
    net_income = income * rate_den - wages * rate_num
    financial_ok = financial < standard * months * count
    return MeansTest(
        threshold=threshold,
        net_income=net_income,
        scale=rate_den,
        income_ok=net_income < threshold * rate_den,
        financial_ok=financial_ok,
        assets_ok=financial_ok & ops.not_(disqualified),
    )


def difference_amount(ops: Ops, test: MeansTest, *, share: tuple[Any, Any]) -> tuple[Any, Any]:
    """Return ``(amount in fen, floored)``: the difference, raised to the floor, rounded once.

    社会救助暂行办法 art. 12: standard × members − income; 民发〔2021〕57号 art. 23:
    local rules may set a minimum, a share of the standard per covered person.

    .. versionadded:: 0.1.0
    """
    share_num, share_den = share
    difference = test.threshold * test.scale - test.net_income  # fen × scale
    floored = difference * share_den < test.threshold * share_num * test.scale
    amount = ops.where(
        floored,
        div_round_half_up(test.threshold * share_num, share_den),
        div_round_half_up(difference, test.scale),
    )
    return amount, floored


def marginal_test(test: MeansTest, *, multiple: tuple[Any, Any]) -> Any:
    """Whether income is below ``multiple`` × the standard (低保边缘, 57号 art. 8).

    .. versionadded:: 0.1.0
    """
    return below_margin(test.net_income, test.scale, test.threshold, multiple)


def single_person_candidate(severe_disability: Any, serious_illness: Any) -> Any:
    """Whether a member may be covered alone: severely disabled or seriously ill (57号 art. 8).

    .. versionadded:: 0.1.0
    """
    return severe_disability | serious_illness


def single_person_rule(
    ops: Ops,
    *,
    counted: Any,
    candidate: Any,
    own_income: Any,
    own_wages: Any,
    standard: Any,
    rate: tuple[Any, Any],
    share: tuple[Any, Any] = (1, 1),
    deduct: Any = True,
    unknown: Any = False,
) -> tuple[Any, Any, Any]:
    """Return ``(covered, amount in fen, asks)`` for members covered alone (单人户, 57号 art. 8).

    A counted, severely disabled or seriously ill member (``candidate``) is
    paid ``share`` × the standard, less their own (net) income where
    ``deduct`` holds (the national default: the difference, as for a household
    of one), when that is above zero; the amount is rounded once to the fen.
    ``asks`` marks the counted members whose candidacy is not established
    (``unknown``: no severe disability, serious illness not established) and
    who would be paid if it were: the fact that decides the outcome.

    .. versionadded:: 0.1.0
    """
    rate_num, rate_den = rate
    share_num, share_den = share
    own_net = own_income * rate_den - own_wages * rate_num  # fen × rate_den
    scaled = standard * share_num * rate_den - own_net * share_den * deduct
    payable = counted & (scaled > 0)
    covered = payable & candidate
    asks = payable & ops.not_(candidate) & unknown
    amount = ops.where(covered, div_round_half_up(scaled, share_den * rate_den), 0)
    return covered, amount, asks


def outcome_rule(
    ops: Ops,
    *,
    registered: Any,
    missing: Any,
    test: MeansTest,
    whole_amount: Any,
    single_allowed: Any,
    marginal: Any,
    marginal_assets_ok: Any,
    single_amount: Any,
    asks: Any,
) -> tuple[Any, Any, Any]:
    """Return ``(outcome code, amount in fen, covered alone)`` for the household.

    Not registered here → not eligible; a missing fact → cannot decide; income
    and property tests passed → the difference; otherwise, in a marginal
    household (57号 art. 8: it fails 低保, its income is below the marginal
    multiple and its property within the *marginal* rules), the members
    covered alone — or cannot decide when a member's serious illness, which
    would cover them, is not established (``asks``).

    .. versionadded:: 0.1.0
    """
    decided = registered & ops.not_(missing)
    whole = decided & test.income_ok & test.assets_ok
    single_stage = (
        decided
        & ops.not_(test.income_ok & test.assets_ok)
        & single_allowed
        & marginal
        & marginal_assets_ok
    )
    alone = single_stage & ops.not_(asks) & (single_amount > 0)
    eligible = OUTCOME_CODES[Outcome.ELIGIBLE]
    outcome = ops.where(
        whole | alone,
        eligible,
        ops.where(
            registered & (missing | (single_stage & asks)),
            OUTCOME_CODES[Outcome.CANNOT_DECIDE],
            OUTCOME_CODES[Outcome.NOT_ELIGIBLE],
        ),
    )
    amount = ops.where(whole, whole_amount, ops.where(alone, single_amount, 0))
    return outcome, amount, alone


# -- One household, with its explanation ------------------------------------------------------


@attrs.frozen
class Evaluation:
    """A 低保 decision with the structure later rules need, by member id (not display text).

    ``counted`` holds the ids of the members counted in the household (after
    the 特困 exclusion); ``alone`` the ids of the members covered alone (单人户,
    57号 art. 8) with their monthly amounts in fen, in household order (empty
    unless the decision pays them alone); ``excluded`` the ids of the members
    left out as 特困 (``assistance.dibao.members.exclude_extreme_poverty``).

    .. versionadded:: 0.1.0
    """

    decision: Decision
    counted: tuple[str, ...] = ()
    alone: tuple[tuple[str, int], ...] = ()
    excluded: tuple[str, ...] = ()


def assess(
    household: Household,
    on: dt.date,
    *,
    jurisdiction: str | None = None,
    book: ParameterBook | None = None,
    extreme_poverty: Iterable[Decision] = (),
) -> Decision:
    """Decide the minimum living allowance (低保) for ``household`` on ``on``.

    The decision of :func:`evaluate` (see there for the arguments).

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 ``extreme_poverty`` (no double coverage).
    """
    return evaluate(
        household,
        on,
        jurisdiction=jurisdiction,
        book=book,
        extreme_poverty=extreme_poverty,
    ).decision


def evaluate(
    household: Household,
    on: dt.date,
    *,
    jurisdiction: str | None = None,
    book: ParameterBook | None = None,
    extreme_poverty: Iterable[Decision] = (),
) -> Evaluation:
    """Decide 低保 for ``household`` on ``on`` and say whom it counts and covers alone.

    ``jurisdiction`` is where the application is decided; by default the
    applicant's place of household registration.  ``book`` is the parameter
    book (the shipped data by default).  ``extreme_poverty`` holds the
    members' 特困 decisions the caller has (each of a member of ``household``,
    on ``on``): a member who meets every 特困 condition is supported once, by
    特困, and is not counted here — not in the members, the income or the
    amount — where ``assistance.dibao.members.exclude_extreme_poverty`` says
    so (the default).  A member whose 特困 conditions are undecided is
    decided both ways; when that changes the outcome or the amount, the
    decision is "cannot decide" and names the facts the 特困 decision lacks.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 ``extreme_poverty`` (no double coverage).
    """
    book = book or default_book()
    where = jurisdiction or household.applicant.person.registration.jurisdiction
    status = extreme_poverty_status(household, tuple(extreme_poverty), on)
    if not (status.recognised_ids or status.unknown_ids):
        return _assess(household, on, where=where, book=book)
    exclude, used = book.flag(EXCLUDE_EXTREME_POVERTY, where, on)
    if not exclude:
        return _assess(household, on, where=where, book=book)
    recognised = frozenset(status.recognised_ids)
    unknown = status.unknown_ids
    if not unknown:
        return _assess(household, on, where=where, book=book, supported=recognised, used=used)
    # Undecided 特困 conditions: decide with each of those members counted or not (all ways,
    # for up to means.MAX_UNDECIDED of them; beyond that the decision waits for the facts).
    choices = undecided_choices(unknown) or (frozenset(),)
    ways = [
        _assess(household, on, where=where, book=book, supported=recognised | chosen, used=used)
        for chosen in choices
    ]
    first = ways[0]
    if len(ways) > 1 and all(_same(first.decision, other.decision) for other in ways[1:]):
        return attrs.evolve(
            first,
            decision=attrs.evolve(
                first.decision,
                reasons=(
                    *first.decision.reasons,
                    R_EXTREME_POVERTY_IRRELEVANT.reason(
                        None, (used,), persons="、".join(status.unknown)
                    ),
                ),
            ),
        )
    base = first.decision
    kept = tuple(
        r
        for r in base.reasons
        if r.code in {R_REGISTRATION.code, R_MEMBERS.code, R_EXTREME_POVERTY_EXCLUDED.code}
    )
    reason = R_EXTREME_POVERTY_UNKNOWN.reason(
        None, (used,), persons="、".join(status.unknown), paths=", ".join(status.missing) or "-"
    )
    undecided = Draft(base.programme, base.subject, on, where, [*kept, reason]).decide(
        Outcome.CANNOT_DECIDE, missing=status.missing
    )
    return Evaluation(undecided, first.counted, (), first.excluded)


def excluded_members(decision: Decision) -> frozenset[str]:
    """Return the ids of the members a 低保 decision left out as 特困 (no double coverage).

    Read from the ``members`` fact of its ``assistance.dibao.extreme_poverty_excluded`` reason
    (a JSON list of member ids); empty when it left nobody out.

    .. versionadded:: 0.1.0
    """
    ids: set[str] = set()
    for reason in decision.reasons:
        if reason.code == R_EXTREME_POVERTY_EXCLUDED.code:
            ids.update(json.loads(dict(reason.facts).get("members", "[]")))
    return frozenset(ids)


#: The parameter that leaves a 特困 member out of the 低保 (and 低保边缘) household.
EXCLUDE_EXTREME_POVERTY = means.EXCLUDE_EXTREME_POVERTY


def _same(one: Decision, other: Decision) -> bool:
    """Whether two decisions grant the same: outcome and amount."""
    total = None if one.amount is None else one.amount.total
    return one.outcome is other.outcome and total == (
        None if other.amount is None else other.amount.total
    )


def _assess(
    household: Household,
    on: dt.date,
    *,
    where: str,
    book: ParameterBook,
    supported: frozenset[str] = frozenset(),
    used: ParameterValue | None = None,
) -> Evaluation:
    """Decide 低保 with the members in ``supported`` (特困) left out; see :func:`evaluate`."""
    kind_en = household.applicant.person.registration.kind.value
    draft = means.household_draft(PROGRAMME.code, household, on, where)
    reasons, decision = draft.reasons, draft.decide

    # 1-2. Registration (社会救助暂行办法 art. 9; 57号 arts. 4-5) and the family (57号 art. 7),
    # 2b. leaving out members supported as 特困 (no double coverage; parameter, default).
    family, excluded_ids = _family(household, (on, where), (supported, used), reasons)
    if family.stop is not None:
        return Evaluation(
            decision(family.stop, missing=family.missing),
            tuple(m.person.id for _, m in family.counted),
            (),
            excluded_ids,
        )
    counted = list(family.counted)
    counted_ids = tuple(m.person.id for _, m in counted)

    # 3-5. Income, the income test and the property test (see _tests).
    standard_yuan, standard_used = book.money(f"assistance.dibao.standard.{kind_en}", where, on)
    standard = yuan_to_fen(standard_yuan)
    test, flows, rate, facts = _tests(
        household, counted, standard_used, book=book, where=where, on=on, reasons=reasons
    )

    # 6. Amount: the difference, floored where a jurisdiction says so, rounded once.
    whole_amount, floored, share = 0, False, None
    if test.income_ok and test.assets_ok:
        share = book.rate("assistance.dibao.amount.minimum_share_of_standard", where, on)
        whole_amount, floored = difference_amount(SCALAR, test, share=fraction(share[0]))

    # 7. Single-person inclusion for members of a marginal household (57号 art. 8): the
    # household fails 低保 (income or property) but is a marginal household.
    single = _NO_SINGLE
    if not (test.income_ok and test.assets_ok):
        single = _single_person(
            household,
            counted,
            flows=flows,
            test=test,
            standard=standard,
            standard_used=standard_used,
            rate=rate,
            book=book,
            where=where,
            on=on,
            reasons=reasons,
        )

    outcome_code, amount_fen, alone = outcome_rule(
        SCALAR,
        registered=True,
        missing=False,
        test=test,
        whole_amount=whole_amount,
        single_allowed=single.allowed,
        marginal=single.marginal,
        marginal_assets_ok=single.assets_ok,
        single_amount=sum(yuan_to_fen(line.amount) for line in single.lines),
        asks=bool(single.missing),
    )
    outcome = _OUTCOMES[outcome_code]
    if outcome is not Outcome.ELIGIBLE:
        return Evaluation(decision(outcome, missing=single.missing), counted_ids, (), excluded_ids)
    total = fen_to_yuan(amount_fen)
    # 57号 art. 21 (or a local rule): the first payable month of a decision taken on ``on``.
    payable = payable_period(on, book=book, where=where)
    if alone:
        return Evaluation(
            decision(outcome, Amount(total, Period.MONTHLY, single.lines), payable=payable),
            counted_ids,
            single.alone,
            excluded_ids,
        )
    amount = _difference(total, test, (facts, standard_used), share if floored else None, reasons)
    return Evaluation(decision(outcome, amount, payable=payable), counted_ids, (), excluded_ids)


def _difference(
    total: Decimal,
    test: MeansTest,
    explained: tuple[dict[str, str], ParameterValue],
    floor: tuple[Decimal, ParameterValue] | None,
    reasons: list[Reason],
) -> Amount:
    """Step 6: the difference paid, in lines (raised to the ``floor`` share where it was)."""
    facts, standard_used = explained
    net_income = _scaled_yuan(test.net_income, test.scale)
    threshold = fen_to_yuan(test.threshold)
    lines = [
        AmountLine("standard_total", "低保标准合计", "standard × members", threshold),
        AmountLine("counted_income", "家庭月收入", "counted income", -net_income),
    ]
    if floor is not None:
        share_value, share_used = floor
        reasons.append(
            R_AMOUNT_FLOOR.reason(
                None, (share_used,), share=f"{share_value:%}", amount=_yuan(total)
            )
        )
        lines.append(
            AmountLine(
                "floor", "最低发放额补足", "raised to the floor", total - threshold + net_income
            )
        )
    elif total != threshold - net_income:
        lines.append(
            AmountLine(
                "rounding", "四舍五入到分", "rounded to the fen", total - threshold + net_income
            )
        )
    reasons.append(R_AMOUNT.reason(None, (standard_used,), **facts, amount=_yuan(total)))
    return Amount(total, Period.MONTHLY, tuple(lines))


def _family(
    household: Household,
    when_where: tuple[dt.date, str],
    supported: tuple[frozenset[str], ParameterValue | None],
    reasons: list[Reason],
) -> tuple[means.Family, tuple[str, ...]]:
    """Check registration, count the family, leave out 特困 members (steps 1-2b); return ids out.

    ``supported`` holds those members' ids and the exclusion parameter used (``None``
    when it was not read: nobody is then said to be left out).
    """
    on, where = when_where
    ids, used = supported
    family = registration_and_family(household, on, where, CODES, reasons, left_out=ids)
    left_out = [m for _, m, _why in family.excluded if m.person.id in ids]
    if left_out and used is not None:
        reasons.append(
            R_EXTREME_POVERTY_EXCLUDED.reason(
                True,
                (used,),
                persons="、".join(m.person.masked for m in left_out),
                count=str(len(family.counted)),
                members=json.dumps([m.person.id for m in left_out], ensure_ascii=False),
            )
        )
    return family, tuple(m.person.id for m in left_out)


_OUTCOMES = {code: outcome for outcome, code in OUTCOME_CODES.items()}


@attrs.frozen
class _Single:
    """What the single-person stage found: the members covered alone and its tests.

    ``missing`` holds the paths of serious-illness facts that would cover a member;
    ``alone`` the covered members' ids with their amounts in fen, one per line.
    """

    lines: tuple[AmountLine, ...]
    allowed: bool
    marginal: bool
    assets_ok: bool = False
    missing: tuple[str, ...] = ()
    alone: tuple[tuple[str, int], ...] = ()


_NO_SINGLE = _Single((), allowed=False, marginal=False)


def _tests(
    household: Household,
    counted: list[tuple[int, Member]],
    standard_used: ParameterValue,
    *,
    book: ParameterBook,
    where: str,
    on: dt.date,
    reasons: list[Reason],
) -> tuple[MeansTest, CountedIncome, tuple[int, int], dict[str, str]]:
    """Count income, apply the income and property tests, and explain each (steps 3-5)."""
    # 3. Income (57号; national list of items not counted) and the employment deduction.
    count = len(counted)
    standard_yuan = standard_used.value
    assert isinstance(standard_yuan, Decimal)  # noqa: S101 - a money parameter
    standard = yuan_to_fen(standard_yuan)
    # 57号 art. 13 (third paragraph): optional deductions, where the jurisdiction sets them.
    flows, deducted = family_income(
        household, [m for _, m in counted], standard, book=book, where=where, on=on
    )
    reasons.extend(_income_reasons(flows, deducted))
    rate, wages = flows.rate, flows.wages

    # 4-5. Income and property tests, exact (see means_test).
    # 57号 art. 14: the property of the counted members only (and the household's own).
    held = counted_assets(household, (m.person.id for _, m in counted))
    disqualifying = _disqualifying({a.type for a in held}, book, where, on)
    months, months_used = book.count(
        "assistance.dibao.assets.financial_months_per_capita", where, on
    )
    financial = sum(yuan_to_fen(a.value) for a in held if a.type.is_financial)
    test = means_test(
        SCALAR,
        standard=standard,
        count=count,
        income=flows.total,
        wages=wages,
        financial=financial,
        months=months,
        disqualified=bool(disqualifying),
        rate=rate,
    )
    net_income = _scaled_yuan(test.net_income, test.scale)
    facts = {
        "income": _yuan(net_income),
        "standard": _yuan(standard_yuan),
        "count": str(count),
        "threshold": _yuan(fen_to_yuan(test.threshold)),
        "per_capita": _yuan((net_income / count).quantize(FEN, ROUND_HALF_UP)) if count else "-",
    }
    reasons.append(
        (R_INCOME_BELOW if test.income_ok else R_INCOME_NOT_BELOW).reason(
            test.income_ok, (standard_used,), **facts
        )
    )
    reasons.append(
        R_FINANCIAL_ASSETS.reason(
            test.financial_ok,
            (months_used,),
            assets=_yuan(fen_to_yuan(financial)),
            relation="低于" if test.financial_ok else "不低于",
            relation_en="below" if test.financial_ok else "not below",
            months=str(months),
            count=str(count),
            limit=_yuan(fen_to_yuan(standard * months * count)),
        )
    )
    reasons.extend(
        R_ASSET_DISQUALIFIES.reason(False, (used,), asset=zh, asset_en=en)
        for (zh, en), used in disqualifying
    )

    return test, flows, rate, facts


def _income_reasons(flows: CountedIncome, deducted: Iterable[Reason]) -> list[Reason]:
    """Explain step 3: the income not counted, the deductions, the employment deduction."""
    reasons = []
    if flows.not_counted:
        reasons.append(
            R_INCOME_EXCLUDED.reason(
                None,
                flows.used,
                items="、".join(f"{t.zh} {_yuan(fen_to_yuan(v))} 元" for t, v in flows.not_counted),
                items_en=", ".join(
                    f"{t.en} {_yuan(fen_to_yuan(v))} yuan" for t, v in flows.not_counted
                ),
            )
        )
    reasons.extend(deducted)
    rate, wages = flows.rate, flows.wages
    if rate[0] and wages:
        reasons.append(
            R_EMPLOYMENT_DEDUCTION.reason(
                None,
                (flows.deduction_used,),
                deduction=_yuan(_scaled_yuan(wages * rate[0], rate[1])),
            )
        )
    return reasons


def _disqualifying(
    present: set[AssetType], book: ParameterBook, where: str, on: dt.date
) -> list[tuple[tuple[str, str], ParameterValue]]:
    """Return the owned asset kinds that fail 低保's property test (57号 art. 14), in words."""
    disqualifying = []
    for asset_type in means.DISQUALIFYING_ASSETS:
        if asset_type in present:
            disqualifies, used = book.flag(
                disqualifying_flag(PROGRAMME.code, asset_type), where, on
            )
            if disqualifies:
                disqualifying.append((owned_asset_words(asset_type), used))
    return disqualifying


def _single_person(
    household: Household,
    counted: list[tuple[int, Member]],
    *,
    flows: CountedIncome,
    test: MeansTest,
    standard: int,
    standard_used: ParameterValue,
    rate: tuple[int, int],
    book: ParameterBook,
    where: str,
    on: dt.date,
    reasons: list[Reason],
) -> _Single:
    """Cover severely disabled or seriously ill members of a marginal household alone.

    57号 art. 8: the household is a 低保边缘家庭 — it fails 低保, its income is below
    the marginal multiple of the standard, and its property is within the *marginal*
    property rules (``assistance.marginal.assets.*``, usually looser than 低保's).
    """
    allowed, allowed_used = book.flag("assistance.dibao.single_person.allowed", where, on)
    if not allowed:
        return _NO_SINGLE
    # The same income (after art. 13's deductions) and the same rule as 低保边缘 recognition.
    margin = marginal_income(flows, standard, len(counted), book=book, where=where, on=on)
    multiple, multiple_used, marginal = margin.multiple, margin.multiple_used, margin.below
    used: tuple[ParameterValue, ...] = (allowed_used, multiple_used, standard_used)
    assets_ok = marginal and _marginal_assets(
        household, counted, fen_to_yuan(standard), (book, where, on), reasons
    )
    lines: list[AmountLine] = []
    alone: list[tuple[str, int]] = []
    missing: list[str] = []
    asked: list[str] = []
    if marginal and assets_ok:
        share_value, share_used = book.rate(
            "assistance.dibao.single_person.share_of_standard", where, on
        )
        deduct, deduct_used = book.flag(
            "assistance.dibao.single_person.deduct_own_income", where, on
        )
        used = (*used, share_used, deduct_used)
        share = fraction(share_value)
        for index, member in counted:
            person = member.person
            severe = person.disability is not None and person.disability.is_severe
            own, own_wages = flows.of(person.id)
            covered, amount_fen, asks = single_person_rule(
                SCALAR,
                counted=True,
                candidate=single_person_candidate(severe, person.serious_illness is True),
                own_income=own,
                own_wages=own_wages,
                standard=standard,
                rate=rate,
                share=share,
                deduct=deduct,
                unknown=person.serious_illness is None,
            )
            if asks:
                missing.append(f"$.members[{index}].person.serious_illness")
                asked.append(person.label)
            if not covered:
                continue
            own_net = _scaled_yuan(own * rate[1] - own_wages * rate[0], rate[1])
            reason, line = _alone(
                person,
                fen_to_yuan(amount_fen),
                own_net=own_net,
                standard=fen_to_yuan(standard),
                terms=(share_value, deduct, multiple),
                used=used,
            )
            reasons.append(reason)
            lines.append(line)
            alone.append((person.id, int(amount_fen)))
    if missing:
        reasons.append(
            R_SINGLE_PERSON_UNKNOWN.reason(
                None, used, persons="、".join(asked), paths=", ".join(missing)
            )
        )
    elif not lines:
        reasons.append(_nobody_alone(marginal=marginal, multiple=multiple, used=used))
    return _Single(
        tuple(lines),
        allowed=True,
        marginal=marginal,
        assets_ok=assets_ok,
        missing=tuple(missing),
        alone=tuple(alone),
    )


def _marginal_assets(
    household: Household,
    counted: list[tuple[int, Member]],
    standard: Decimal,
    place: tuple[ParameterBook, str, dt.date],
    reasons: list[Reason],
) -> bool:
    """Apply the marginal property rules (57号 art. 8 second paragraph), explained in one reason."""
    book, where, on = place
    assets = property_test(
        household,
        prefix="assistance.marginal",
        count=len(counted),
        standard=standard,
        book=book,
        where=where,
        on=on,
        counted_ids=[m.person.id for _, m in counted],
    )
    reasons.append(_marginal_property_reason(assets, len(counted)))
    return assets.passed


def _nobody_alone(*, marginal: bool, multiple: Decimal, used: tuple[ParameterValue, ...]) -> Reason:
    """Say that no member is covered alone, and whether the household was marginal."""
    return R_SINGLE_PERSON_NONE.reason(
        False,
        used,
        relation="低于" if marginal else "不低于",
        relation_en="below" if marginal else "not below",
        multiple=str(multiple),
    )


def _alone(
    person: Person,
    amount: Decimal,
    *,
    own_net: Decimal,
    standard: Decimal,
    terms: tuple[Decimal, bool, Decimal],
    used: tuple[ParameterValue, ...],
) -> tuple[Reason, AmountLine]:
    """Explain one member covered alone (57号 art. 8), and their line of the amount.

    ``terms`` are the share of the standard, whether their own income is deducted and
    the marginal multiple.
    """
    share_value, deduct, multiple = terms
    why = []
    if person.disability is not None and person.disability.is_severe:
        why.append(("重度残疾人", "severely disabled"))
    if person.serious_illness:
        why.append(("重病患者", "seriously ill"))
    std = _yuan(standard)
    times = "" if share_value == 1 else f" × {share_value}"
    shown_net = _yuan(own_net)
    reason = R_SINGLE_PERSON.reason(
        True,
        used,
        multiple=str(multiple),
        person=person.label,
        member=person.id,
        why="、".join(zh for zh, _ in why),
        why_en=", ".join(en for _, en in why),
        formula=f"{std} 元{times}" + (f" − 本人收入 {shown_net} 元" if deduct else ""),
        formula_en=f"{std} yuan{times}" + (f" − own income {shown_net} yuan" if deduct else ""),
        amount=_yuan(amount),
    )
    line = AmountLine(
        "single_person", f"单人户 {person.label}", f"covered alone: {person.label}", amount
    )
    return reason, line


def _marginal_property_reason(assets: PropertyTest, count: int) -> Reason:
    """Explain the marginal property test (57号 art. 8 second paragraph) in one reason."""
    others = [owned_asset_words(asset) for asset, _used in assets.disqualifying]
    if assets.business_limit is not None:
        zh, en = ("低于", "below") if assets.business_ok else ("不低于", "not below")
        value = format_yuan(assets.business, "fen")
        limit = format_yuan(assets.business_limit, "fen")
        others.append(
            (
                f"经营主体出资额 {value} 元{zh}上限 {limit} 元",
                f"business entities worth {value} yuan, {en} the limit of {limit} yuan",
            )
        )
    used = [assets.months_used, *(u for _asset, u in assets.disqualifying)]
    if assets.business_used is not None:
        used.append(assets.business_used)
    return R_MARGINAL_PROPERTY.reason(
        assets.passed,
        tuple(used),
        result="符合" if assets.passed else "不符合",
        result_en="passed" if assets.passed else "failed",
        assets=format_yuan(assets.financial, "fen"),
        months=str(assets.months),
        count=str(count),
        limit=format_yuan(assets.financial_limit, "fen"),
        others="".join(f"; {zh}" for zh, _ in others),
        others_en="".join(f"; {en}" for _, en in others),
    )
