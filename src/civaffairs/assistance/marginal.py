"""低保边缘家庭 (marginal low-income households): recognition.

A marginal household is one step above 低保 in the layered assistance system:
it receives no dibao cash but may receive the special assistance (专项救助:
medical, education, housing, employment) and, under 民发〔2021〕57号 art. 8,
its severely disabled or seriously ill members may be covered by dibao alone
(单人户).  The rule, in the order it is decided:

1. **Registration** — the applicant's household registration is in the
   deciding jurisdiction (社会救助暂行办法 art. 9; 57号 arts. 4–5), as for 低保.
2. **Family members** — counted exactly as for 低保 (57号 art. 7; see
   :func:`civaffairs.assistance.dibao.counted_members`).
3. **Not in a higher layer** — the household is not eligible for 低保 as a
   whole (57号 art. 8 second paragraph: "不符合最低生活保障条件").  A member who
   meets every 特困 condition (even while the 特困 amount is undecided,
   :func:`civaffairs.assistance.extreme_poverty.meets_conditions`) is
   supported once, by 特困: where ``assistance.dibao.members.exclude_extreme_poverty``
   says so (the default) they are left out of the household — members, income,
   property count — and the rest is judged on its own, so their presence never
   makes the others ineligible; where a province counts them, the household is
   in the 特困 layer instead (and 特困 is then checked before an undecided dibao
   decision).  A member whose 特困 conditions are undecided leaves this
   decision "cannot decide" only where leaving them out or not changes it.  A
   household whose only dibao coverage is single-person inclusion (单人户) *is*
   a marginal household: that coverage presupposes it (57号 art. 8); so is one
   whose 低保 decision waits only on a member's serious illness (their 单人户).
4. **Income test** — counted monthly income (as for 低保: the national list of
   items not counted, the employment-cost deduction where set) strictly below
   ``assistance.marginal.income_multiple`` × the dibao standard ×
   counted members (1.5 nationally, sourced; some places widen it to 2), decided
   exactly with no division.
5. **Property test** — the jurisdiction's (usually looser) marginal property
   rules, ``assistance.marginal.assets.*``: financial assets strictly below a
   number of months of the dibao standard per counted member; no non-exempt
   vehicle or non-residential property where a flag says so; business entities
   worth strictly less than a limit.  No national figure exists: the shipped
   national values are Henan's rule, as **example** data.

No amount is paid: the decision's ``amount`` is ``None``.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import ROUND_HALF_UP

from civaffairs.assistance import dibao, means
from civaffairs.assistance.laws import DIBAO_REVIEW_MEASURES
from civaffairs.assistance.means import (
    EXTREME_POVERTY_PROGRAMME,
    ExtremePovertyStatus,
    check_decision,
    extreme_poverty_status,
)
from civaffairs.decisions import Citation, Decision, Outcome, Reason, ReasonCode, programme
from civaffairs.entities import Household, Member
from civaffairs.errors import InvalidInputError
from civaffairs.money import FEN, format_yuan, yuan_to_fen
from civaffairs.parameters import ParameterBook, default_book

__all__ = [
    "EXTREME_POVERTY_PROGRAMME",
    "PROGRAMME",
    "ExtremePovertyStatus",
    "assess",
    "check_decision",
    "extreme_poverty_status",
]

PROGRAMME = programme("assistance.marginal")


#: 57号 art. 8, last paragraph: "最低生活保障边缘家庭一般指不符合最低生活保障条件，家庭人均收入
#: 低于当地最低生活保障标准1.5倍，且财产状况符合相关规定的家庭。"
_57_MARGINAL = Citation(DIBAO_REVIEW_MEASURES, "第八条第二款")
_57_PROPERTY = Citation(
    DIBAO_REVIEW_MEASURES,
    "第十四条",
    note="marginal property limits are set by provinces; see each parameter's source",
)

CODES = means.HouseholdCodes.define("assistance.marginal")
R_REGISTRATION = CODES.registration
R_REGISTRATION_ELSEWHERE = CODES.registration_elsewhere
R_MEMBERS = CODES.members
R_MISSING = CODES.missing
LAYERS = means.LayerCodes.define(
    "assistance.marginal", _57_MARGINAL, name=("低保边缘家庭", "a marginal household")
)
R_HIGHER_LAYER = LAYERS.higher
R_EXTREME_POVERTY_EXCLUDED = LAYERS.excluded
R_NOT_HIGHER_LAYER = ReasonCode.define(
    "assistance.marginal.not_in_higher_layer",
    "家庭不符合低保条件{single}; 特困: {extreme}",
    "the household does not qualify for dibao as a whole{single_en}; extreme poverty: {extreme_en}",
    _57_MARGINAL,
)
R_INCOME_BELOW, R_INCOME_NOT_BELOW = means.below_codes(
    "assistance.marginal.income_{below}_margin",
    "家庭月收入合计 {income} 元, {below}低保标准 {standard} 元 × {multiple} 倍 × {count} 人 = "
    "{threshold} 元(月人均 {per_capita} 元)",
    "monthly family income {income} yuan is {below} the standard {standard} yuan × {multiple} × "
    "{count} = {threshold} yuan (per capita {per_capita} yuan)",
    _57_MARGINAL,
)
_PROPERTY = means.PropertyReasons.define(
    "assistance.marginal",
    _57_PROPERTY,
    fails=("不符合低保边缘家庭财产条件", "the marginal-household property test"),
    standard_en="the standard",
)
R_FINANCIAL_ASSETS = _PROPERTY.financial
R_ASSET_DISQUALIFIES = _PROPERTY.disqualifies
R_BUSINESS = _PROPERTY.business
R_HIGHER_LAYER_UNKNOWN = ReasonCode.define(
    "assistance.marginal.higher_layer_unknown",
    "尚不能确定以下成员是否符合特困人员条件: {persons}(缺少: {paths})",
    "it is not yet known whether these members meet the extreme-poverty conditions: "
    "{persons} (missing: {paths})",
    _57_MARGINAL,
)
R_RECOGNISED = ReasonCode.define(
    "assistance.marginal.recognised",
    "认定为低保边缘家庭: 不发放低保金, 可按规定获得医疗、教育、住房、就业等专项救助",
    "recognised as a marginal low-income household: no dibao payment; eligible for the special "
    "assistance (medical, education, housing, employment) under its own rules",
    _57_MARGINAL,
)


def assess(
    household: Household,
    on: dt.date,
    *,
    jurisdiction: str | None = None,
    book: ParameterBook | None = None,
    dibao_decision: Decision | None = None,
    extreme_poverty: Iterable[Decision] = (),
) -> Decision:
    """Decide whether ``household`` is a marginal low-income household (低保边缘家庭) on ``on``.

    ``jurisdiction`` is where the application is decided (default: the
    applicant's place of registration); ``book`` the parameter book (the
    shipped data by default).  ``dibao_decision`` is the household's 低保
    decision on the same date and place, computed with
    :func:`civaffairs.assistance.dibao.assess` when not given.
    ``extreme_poverty`` holds the members' 特困 decisions the caller has (of
    :data:`EXTREME_POVERTY_PROGRAMME`, each of a member of ``household``); one
    that finds the member meets every 特困 condition (even with the amount
    undecided) places the household in the 特困 layer, and one that cannot
    yet decide the conditions makes this decision "cannot decide" (naming its
    missing facts) unless a condition here fails.  None given means no member
    is known to be 特困, and the decision says so.

    .. versionadded:: 0.1.0
    """
    book = book or default_book()
    draft = means.household_draft(PROGRAMME.code, household, on, jurisdiction)
    where, reasons, decision = draft.jurisdiction, draft.reasons, draft.decide
    if dibao_decision is not None:
        check_decision(dibao_decision, dibao.PROGRAMME.code, "$.dibao_decision", on, where)
    extreme = tuple(extreme_poverty)
    status = extreme_poverty_status(household, extreme, on)

    # 1-2. Registration (社会救助暂行办法 art. 9; 57号 arts. 4-5) and the family, as for dibao.
    # A member supported as 特困 is left out of the household where the parameter says so.
    apart = means.family_apart(household, on, (book, where), CODES, reasons=reasons, status=status)
    family, exclude = apart.family, apart.exclude
    if family.stop is not None:
        return decision(family.stop, missing=family.missing)
    if dibao_decision is not None:
        _check_same_exclusion(dibao_decision, {m.person.id for m in apart.left_out})

    # 3. Not in a higher layer: dibao as a whole, or a 特困 member (who, where the exclusion
    # parameter says so, is supported once by 特困 and left out of this household).
    if dibao_decision is None:
        dibao_decision = dibao.assess(
            household, on, jurisdiction=where, book=book, extreme_poverty=extreme
        )
    alone = dibao.R_SINGLE_PERSON.code in dibao_decision.codes
    # Undecided only because a member's serious illness (their 单人户 coverage) is not
    # established: the household has failed 低保 as a whole, which is all this rule needs.
    pending_alone = dibao.R_SINGLE_PERSON_UNKNOWN.code in dibao_decision.codes
    if dibao_decision.eligible and not alone:
        reasons.append(R_HIGHER_LAYER.reason(False, layer="最低生活保障家庭", layer_en="dibao"))
        return decision(Outcome.NOT_ELIGIBLE)
    if status.recognised and not exclude:
        reasons.append(LAYERS.in_extreme_poverty(status, apart))
        return decision(Outcome.NOT_ELIGIBLE)
    if dibao_decision.outcome is Outcome.CANNOT_DECIDE and not pending_alone:
        missing = tuple(dict.fromkeys((*dibao_decision.missing, *status.missing)))
        reasons.append(R_MISSING.reason(None, paths=", ".join(missing) or "-"))
        return decision(Outcome.CANNOT_DECIDE, missing=missing)
    if status.unknown and not exclude:
        reasons.append(
            R_HIGHER_LAYER_UNKNOWN.reason(
                None, persons="、".join(status.unknown), paths=", ".join(status.missing) or "-"
            )
        )
    else:
        reasons.append(_not_higher(status, extreme, alone=alone or pending_alone))

    # 3b. No double coverage: 特困 members are left out (members, income, property count).
    reasons.extend(LAYERS.left_out(apart))

    # 4-5. Income and property tests (see _means).
    passed, tested, undecided = apart.tested(
        status, lambda members: _means(household, members, book=book, where=where, on=on)
    )
    reasons.extend(tested)
    if undecided:
        reasons.append(
            R_HIGHER_LAYER_UNKNOWN.reason(
                None, persons="、".join(status.unknown), paths=", ".join(status.missing) or "-"
            )
        )
        return decision(Outcome.CANNOT_DECIDE, missing=status.missing)
    if passed:
        if status.unknown and not exclude:
            reasons.append(R_MISSING.reason(None, paths=", ".join(status.missing) or "-"))
            return decision(Outcome.CANNOT_DECIDE, missing=status.missing)
        reasons.append(R_RECOGNISED.reason(None))
        return decision(Outcome.ELIGIBLE)
    return decision(Outcome.NOT_ELIGIBLE)


def _check_same_exclusion(dibao_decision: Decision, left_out: set[str]) -> None:
    """Refuse a supplied 低保 decision that left out other 特困 members than this one does.

    Both programmes leave the same members out (no double coverage,
    ``assistance.dibao.members.exclude_extreme_poverty``); a 低保 decision made
    without the 特困 decisions given here (or with others) judged another household.
    """
    theirs = dibao.excluded_members(dibao_decision)
    if theirs != left_out:
        raise InvalidInputError(
            "$.dibao_decision",
            f"left out as 特困: {sorted(theirs) or 'nobody'}",
            f"a 低保 decision made with the same 特困 decisions, leaving out "
            f"{sorted(left_out) or 'nobody'} (pass the same extreme_poverty to dibao.assess)",
        )


def _not_higher(
    status: ExtremePovertyStatus, extreme: tuple[Decision, ...], *, alone: bool
) -> Reason:
    """Explain why the household is in no higher layer (step 3)."""
    if extreme:
        found = [
            (
                f"{len(status.recognised)} 人符合(单独保障, 不计入)",
                f"{len(status.recognised)} supported on their own, left out",
            )
            if status.recognised
            else None,
            (f"{len(status.unknown)} 人尚未确定", f"{len(status.unknown)} undecided")
            if status.unknown
            else None,
        ]
        said = [item for item in found if item is not None] or [("均不符合", "none eligible")]
        extreme_zh = f"已核 {len(extreme)} 人, " + "; ".join(zh for zh, _ in said)
        extreme_en = f"{len(extreme)} decision(s), " + "; ".join(en for _, en in said)
    else:
        extreme_zh, extreme_en = "未提供特困认定, 视为无", "no decision supplied, taken as none"
    return R_NOT_HIGHER_LAYER.reason(
        True,
        single="(部分成员按单人户纳入低保)" if alone else "",
        single_en=" (some members are covered by dibao alone)" if alone else "",
        extreme=extreme_zh,
        extreme_en=extreme_en,
    )


def _means(
    household: Household,
    counted: list[tuple[int, Member]],
    *,
    book: ParameterBook,
    where: str,
    on: dt.date,
) -> tuple[bool, list[Reason]]:
    """Apply the income test (step 4) and the marginal property test (step 5), explained."""
    reasons: list[Reason] = []
    count = len(counted)
    # 4. Income test: below the marginal multiple of the standard, exactly.  57号 art. 8
    # defines it on 家庭人均收入 — the same income as 低保's, after art. 13's deductions.
    _kind, standard, standard_used = means.dibao_standard(household, book, where, on)
    flows, deducted = means.family_income(
        household, [m for _, m in counted], yuan_to_fen(standard), book=book, where=where, on=on
    )
    reasons.extend(deducted)
    margin = means.marginal_income(
        flows, yuan_to_fen(standard), count, book=book, where=where, on=on
    )
    income_ok, multiple, multiple_used = margin.below, margin.multiple, margin.multiple_used
    net = flows.net
    facts = {
        "income": format_yuan(net, "fen"),
        "standard": format_yuan(standard, "fen"),
        "multiple": str(multiple),
        "count": str(count),
        "threshold": format_yuan(standard * multiple * count, "fen"),
        "per_capita": format_yuan((net / count).quantize(FEN, ROUND_HALF_UP), "fen")
        if count
        else "-",
    }
    used = (standard_used, multiple_used, *flows.used, flows.deduction_used)
    reasons.append(
        (R_INCOME_BELOW if income_ok else R_INCOME_NOT_BELOW).reason(income_ok, used, **facts)
    )

    # 5. Property test: the marginal rules (usually looser than dibao's).
    counted_ids = [m.person.id for _, m in counted]
    assets, explained = _PROPERTY.apply(household, count, standard, (book, where, on), counted_ids)
    reasons.extend(explained)
    return income_ok and assets.passed, reasons
