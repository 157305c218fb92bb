"""刚性支出困难家庭 (households in hardship from rigid expenditure): recognition.

民政部《刚性支出困难家庭认定办法》 (approved 2024-10-12, issued 2024-10-24) defines the
fourth layer of the layered assistance system (国办发〔2023〕39号).  Article numbers below
were read in the full text (art. 4: the conditions, 同时具备; art. 5: the expenditures;
art. 10: validity; art. 14: in force).  The rule, in the order it is decided:

0. **In force** — "本办法自2025年1月1日起施行" (art. 14): before that date no
   household is recognised (``assistance.rigid_expenditure.in_force`` false; the
   decision is "not eligible" with reason ``assistance.rigid_expenditure.not_in_force`` and
   reads no other parameter, so the layered assessment still runs on earlier
   dates).  A jurisdiction that recognised such households earlier under its own
   rules sets the flag from then.
1. **Registration** — the applicant's household registration is in the
   deciding jurisdiction, as for 低保 (社会救助暂行办法 art. 9).
2. **Family members** — counted as for 低保 (民发〔2021〕57号 art. 7).
3. **Not in a higher layer** (art. 4 (一): "未纳入最低生活保障、特困人员救助供养范围且
   未被认定为最低生活保障边缘家庭") — not 低保, and not recognised as a marginal
   household (低保边缘, see :mod:`civaffairs.assistance.marginal`, which is
   computed when not given).  A 特困 member is treated as for 低保 and 低保边缘
   (``assistance.dibao.members.exclude_extreme_poverty``, 民发〔2021〕57号 art. 7
   second paragraph (三)): supported on their own and left out of the household,
   the rest judged on its own [reading: the rest is not in the 特困 scope]; where
   a province counts them, the household is in the 特困 layer.
4. **Income** (art. 4 (二)) — per-capita family income below the previous
   year's local per-capita disposable income (上年度当地居民人均可支配收入;
   ``assistance.means.disposable_income.<urban|rural>``, a yearly
   figure): ``12 × monthly counted income < disposable income × members``,
   decided exactly (:func:`~civaffairs.assistance.means.disposable_income_test`).
   Income is counted as for 低保 (national list of items not
   counted, employment-cost deduction where set).
5. **Property** (art. 4 (三): "符合当地相关规定", which "可以参照最低生活保障边缘家庭的
   认定条件或者适当放宽") — the jurisdiction's rules,
   ``assistance.rigid_expenditure.assets.*`` (example data nationally).
6. **Rigid expenditure** (art. 4 (四)) — over the twelve months before the
   application, the household's rigid expenditure (the types a jurisdiction
   counts: living, medical, education and disability rehabilitation nationally,
   art. 5 (一)–(四); other expenditure as the county office sets it, art. 5 (五);
   accident, housing locally) *exceeds* ("超出当地规定") the local share of total family income
   (``assistance.rigid_expenditure.ratio``; ``ratio_inclusive`` where a local
   text says "reaches").  Total family income over the twelve months is taken as
   12 × the counted monthly income [inference: the 办法 does not say how the
   twelve-month income is accounted].  Where a jurisdiction sets it (Inner
   Mongolia), medical and accident expenditure alone above a second share
   (``medical_accident_ratio``) also satisfies the condition.  A household with
   no rigid expenditure never satisfies it, whatever its income.
7. **Validity** (art. 10) — the recognition is valid for at most
   ``assistance.rigid_expenditure.validity_months`` (12) months.  The end date is
   reported in the decision (reason ``assistance.rigid_expenditure.validity``; read it with
   :func:`validity_end`), counted by 民法典 arts. 201–202: the period starts the
   day after the recognition and ends on the corresponding day of the last
   month, or that month's last day when it has no such day.

No amount is paid: such households are referred to 临时救助 and the special
assistance (the decision's ``amount`` is ``None``).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from civaffairs.assistance import dibao, marginal, means
from civaffairs.assistance.laws import CIVIL_CODE
from civaffairs.dates import add_months
from civaffairs.decisions import (
    Citation,
    Decision,
    Document,
    Outcome,
    Reason,
    ReasonCode,
    programme,
)
from civaffairs.entities import ExpenditureType, Household, Member
from civaffairs.kernels import SCALAR, Ops, fraction
from civaffairs.money import FEN, fen_to_yuan, format_yuan, yuan_to_fen
from civaffairs.parameters import ParameterBook, ParameterValue, default_book

__all__ = [
    "PROGRAMME",
    "RIGID_EXPENDITURE_MEASURES",
    "assess",
    "exceeds",
    "income_below_disposable",
    "validity_end",
]

PROGRAMME = programme("assistance.rigid_expenditure")

#: 民政部《刚性支出困难家庭认定办法》 (approved 2024-10-12, issued 2024-10-24, in force 2025-01-01;
#: full text read, document number not in it).
RIGID_EXPENDITURE_MEASURES = Document(
    "刚性支出困难家庭认定办法",
    None,
    en="Measures for Recognising Households in Hardship from Rigid Expenditure (2024)",
)

_CONDITION_1 = Citation(RIGID_EXPENDITURE_MEASURES, "第四条(一)")
_CONDITION_2 = Citation(RIGID_EXPENDITURE_MEASURES, "第四条(二)")
_CONDITION_3 = Citation(RIGID_EXPENDITURE_MEASURES, "第四条(三)")
_CONDITION_4 = Citation(RIGID_EXPENDITURE_MEASURES, "第四条(四)、第五条")
_VALIDITY = Citation(RIGID_EXPENDITURE_MEASURES, "第十条")
_IN_FORCE = Citation(RIGID_EXPENDITURE_MEASURES, "第十四条")
#: 《中华人民共和国民法典》 arts. 201-202, for counting periods.
_PERIODS = Citation(CIVIL_CODE, "第二百零一条、第二百零二条")

CODES = means.HouseholdCodes.define("assistance.rigid_expenditure")
R_REGISTRATION = CODES.registration
R_REGISTRATION_ELSEWHERE = CODES.registration_elsewhere
R_MEMBERS = CODES.members
R_MISSING = CODES.missing
R_NOT_IN_FORCE = ReasonCode.define(
    "assistance.rigid_expenditure.not_in_force",
    "{on} 时《刚性支出困难家庭认定办法》尚未施行(自2025年1月1日起施行), 不认定刚性支出困难家庭",
    "on {on} the rigid-expenditure measures are not yet in force (in force from 2025-01-01): "
    "no household is recognised",
    _IN_FORCE,
)
LAYERS = means.LayerCodes.define(
    "assistance.rigid_expenditure",
    _CONDITION_1,
    name=("刚性支出困难家庭", "a rigid-expenditure household"),
)
R_HIGHER_LAYER = LAYERS.higher
R_EXTREME_POVERTY_EXCLUDED = LAYERS.excluded
R_NOT_HIGHER_LAYER = ReasonCode.define(
    "assistance.rigid_expenditure.not_in_higher_layer",
    "家庭不属于低保、特困、低保边缘家庭",
    "the household is not in the dibao, extreme-poverty or marginal layers",
    _CONDITION_1,
)
R_HIGHER_LAYER_UNKNOWN = ReasonCode.define(
    "assistance.rigid_expenditure.higher_layer_unknown",
    "尚不能确定家庭是否属于特困、低保或低保边缘家庭(缺少: {paths})",
    "it is not yet known whether the household is in the extreme-poverty, dibao or marginal "
    "layers (missing: {paths})",
    _CONDITION_1,
)
R_INCOME_BELOW, R_INCOME_NOT_BELOW = means.disposable_income_codes(
    "assistance.rigid_expenditure", _CONDITION_2
)
_PROPERTY = means.PropertyReasons.define(
    "assistance.rigid_expenditure",
    _CONDITION_3,
    fails=("不符合刚性支出困难家庭财产条件", "the property test"),
)
R_FINANCIAL_ASSETS = _PROPERTY.financial
R_ASSET_DISQUALIFIES = _PROPERTY.disqualifies
R_BUSINESS = _PROPERTY.business
R_EXPENDITURE = ReasonCode.define(
    "assistance.rigid_expenditure.expenditure_ratio",
    "申请前12个月刚性支出 {expenditure} 元({items}), 占家庭总收入 {annual} 元的 {share}, "
    "{relation}当地比例 {ratio}",
    "rigid expenditure over the twelve months before the application, {expenditure} yuan "
    "({items_en}), is {share} of family income {annual} yuan, {relation_en} the local ratio "
    "{ratio}",
    _CONDITION_4,
)
R_MEDICAL_ACCIDENT = ReasonCode.define(
    "assistance.rigid_expenditure.medical_accident_ratio",
    "医疗和意外事件支出 {expenditure} 元, 占家庭总收入 {annual} 元的 {share}, {relation}当地比例 "
    "{ratio}",
    "medical and accident expenditure, {expenditure} yuan, is {share} of family income {annual} "
    "yuan, {relation_en} the local ratio {ratio}",
    _CONDITION_4,
)
R_VALIDITY = ReasonCode.define(
    "assistance.rigid_expenditure.validity",
    "认定有效期 {months} 个月: 自 {valid_from} 认定, 至 {valid_until} 止",
    "the recognition is valid for {months} months: recognised on {valid_from}, valid until "
    "{valid_until}",
    _VALIDITY,
)
R_PERIOD_COUNTING = ReasonCode.define(
    "assistance.rigid_expenditure.period_counting",
    "期间自认定次日起算, 到期月的对应日为最后一日, 没有对应日的, 月末日为最后一日",
    "the period starts the day after the recognition and ends on the corresponding day of the "
    "last month, or on that month's last day when it has no such day",
    _PERIODS,
)

_MEDICAL_ACCIDENT = (ExpenditureType.MEDICAL, ExpenditureType.ACCIDENT)
_MONTHS_PER_YEAR = 12


def validity_end(decision: Decision) -> dt.date | None:
    """Return the last day of validity an eligible rigid-expenditure decision reports.

    ``None`` when the decision recognises nothing (not eligible, cannot decide).

    .. versionadded:: 0.1.0
    """
    for reason in decision.reasons:
        if reason.code == R_VALIDITY.code:
            return dt.date.fromisoformat(dict(reason.facts)["valid_until"])
    return None


def assess(
    household: Household,
    on: dt.date,
    *,
    jurisdiction: str | None = None,
    book: ParameterBook | None = None,
    dibao_decision: Decision | None = None,
    marginal_decision: Decision | None = None,
    extreme_poverty: Iterable[Decision] = (),
) -> Decision:
    """Decide whether ``household`` is a rigid-expenditure hardship household on ``on``.

    ``on`` is the date of recognition (the application's expenditures are the
    twelve months before it).  ``jurisdiction`` is where the application is
    decided (default: the applicant's place of registration); ``book`` the
    parameter book.  ``marginal_decision`` is the household's 低保边缘 decision
    on the same date and place; when not given it is computed with
    :func:`civaffairs.assistance.marginal.assess`, which receives
    ``dibao_decision`` and ``extreme_poverty`` (see there).  A member
    meeting every 特困 condition is supported on their own and left out of the
    household, as for 低保 and 低保边缘, where
    ``assistance.dibao.members.exclude_extreme_poverty`` says so (the default):
    art. 4 (一) "未纳入……特困人员救助供养范围" then holds for the rest, judged on its
    own; where a province counts them, the household is in the 特困 layer
    ("not eligible" first, whatever the other decisions say).  An undecided
    higher layer (the marginal decision, or 特困 conditions that change the
    outcome) makes this decision "cannot decide", naming the missing facts,
    unless one of art. 4 (二)–(四) fails every way.  Art. 4 (五) (other conditions a
    local government sets) is not modelled.

    .. versionadded:: 0.1.0
    """
    book = book or default_book()
    draft = means.household_draft(PROGRAMME.code, household, on, jurisdiction)
    where, reasons, decision = draft.jurisdiction, draft.reasons, draft.decide
    extreme = tuple(extreme_poverty)
    if marginal_decision is not None:
        marginal.check_decision(
            marginal_decision, marginal.PROGRAMME.code, "$.marginal_decision", on, where
        )
    if dibao_decision is not None:
        marginal.check_decision(dibao_decision, dibao.PROGRAMME.code, "$.dibao_decision", on, where)
    status = marginal.extreme_poverty_status(household, extreme, on)

    # 0. In force (art. 14): before it nothing is recognised and nothing else is read.
    if _not_in_force(book, where, on, reasons):
        return decision(Outcome.NOT_ELIGIBLE)

    # 1-2. Registration (社会救助暂行办法 art. 9; 57号 arts. 4-5) and the family, as for dibao.
    # A member supported as 特困 is left out where the exclusion parameter says so (as for
    # 低保 and 低保边缘): the rest of the household is judged on its own (art. 4 (一)).
    apart = means.family_apart(household, on, (book, where), CODES, reasons=reasons, status=status)
    family, exclude = apart.family, apart.exclude
    if family.stop is not None:
        return decision(family.stop, missing=family.missing)

    # 3. Art. 4 (一): not 特困, dibao or marginal (特困 first: it decides even if the rest cannot).
    if status.recognised and not exclude:
        reasons.append(LAYERS.in_extreme_poverty(status, apart))
        return decision(Outcome.NOT_ELIGIBLE)
    reasons.extend(LAYERS.left_out(apart))
    if marginal_decision is None:
        marginal_decision = marginal.assess(
            household,
            on,
            jurisdiction=where,
            book=book,
            dibao_decision=dibao_decision,
            extreme_poverty=extreme,
        )
    higher = _higher_layer(marginal_decision)
    if higher is not None:
        reasons.append(higher)
        return decision(Outcome.NOT_ELIGIBLE)
    # Undecided higher layers leave the rest to decide: a failed condition below still decides.
    # Where 特困 members are left out, an undecided one matters only if leaving them out
    # changes conditions (二)-(四) (every way is tried, as for 低保边缘).
    passed, tested, left_out_open = apart.tested(
        status, lambda members: _conditions(household, members, book=book, where=where, on=on)
    )
    unknown_matters = bool(status.unknown) and (not exclude or left_out_open)
    undecided = marginal_decision.outcome is Outcome.CANNOT_DECIDE or unknown_matters
    pending = _pending(marginal_decision, status.missing if unknown_matters else ())
    if undecided:
        reasons.append(R_HIGHER_LAYER_UNKNOWN.reason(None, paths=", ".join(pending) or "-"))
    else:
        reasons.append(R_NOT_HIGHER_LAYER.reason(True))
    reasons.extend(tested)
    if not passed and not (exclude and unknown_matters):
        return decision(Outcome.NOT_ELIGIBLE)
    if undecided:
        reasons.append(R_MISSING.reason(None, paths=", ".join(pending) or "-"))
        return decision(Outcome.CANNOT_DECIDE, missing=pending)

    # 7. Validity (art. 10).
    reasons.extend(_validity(book, where, on))
    return decision(Outcome.ELIGIBLE)


def _higher_layer(marginal_decision: Decision) -> Reason | None:
    """Art. 4 (一): say why the household is in a higher layer, by its 低保边缘 decision, if it is.

    Eligible as marginal, or not eligible because 低保边缘 found it higher (低保 or 特困).
    """
    if marginal_decision.eligible:
        return R_HIGHER_LAYER.reason(False, layer="低保边缘家庭", layer_en="marginal household")
    higher = next(
        (r for r in marginal_decision.reasons if r.code == marginal.R_HIGHER_LAYER.code), None
    )
    if higher is None:
        return None
    facts = dict(higher.facts)
    return R_HIGHER_LAYER.reason(False, layer=facts["layer"], layer_en=facts["layer_en"])


def _pending(marginal_decision: Decision, extreme_missing: Iterable[str]) -> tuple[str, ...]:
    """Return the facts an undecided higher layer lacks: the marginal decision's, then 特困's."""
    undecided = marginal_decision.outcome is Outcome.CANNOT_DECIDE
    return tuple(
        dict.fromkeys((*(marginal_decision.missing if undecided else ()), *extreme_missing))
    )


def _validity(book: ParameterBook, where: str, on: dt.date) -> list[Reason]:
    """Art. 10: how long the recognition holds, and how its period is counted (民法典)."""
    months, months_used = book.count("assistance.rigid_expenditure.validity_months", where, on)
    return [
        R_VALIDITY.reason(
            None,
            (months_used,),
            months=str(months),
            valid_from=on.isoformat(),
            valid_until=add_months(on, months).isoformat(),
        ),
        R_PERIOD_COUNTING.reason(None),
    ]


def _not_in_force(book: ParameterBook, where: str, on: dt.date, reasons: list[Reason]) -> bool:
    """Return whether the measures are not yet in force on ``on`` (art. 14), saying so."""
    in_force, used = book.flag("assistance.rigid_expenditure.in_force", where, on)
    if not in_force:
        reasons.append(R_NOT_IN_FORCE.reason(False, (used,), on=on.isoformat()))
    return not in_force


def _share(part: Decimal, whole: Decimal) -> str:
    """Write ``part / whole`` as a percentage with two decimals ("—" when whole is zero)."""
    if not whole:
        return "—"
    return f"{(part * 100 / whole).quantize(FEN, ROUND_HALF_UP)}%"


def _compared(
    spent: Decimal, annual: Decimal, ratio: Decimal, *, ok: bool, inclusive: bool
) -> dict[str, str]:
    """Return a spending test's facts: amounts in yuan, the share, the relation and the ratio."""
    return {
        "expenditure": format_yuan(spent, "fen"),
        "annual": format_yuan(annual, "fen"),
        "share": _share(spent, annual),
        "relation": ("达到" if inclusive else "超过")
        if ok
        else ("未达到" if inclusive else "未超过"),
        "relation_en": ("reaching" if inclusive else "above")
        if ok
        else ("not reaching" if inclusive else "not above"),
        "ratio": f"{ratio:%}",
    }


def exceeds(
    ops: Ops,
    spent: Any,
    annual_scaled: Any,
    scale: Any,
    ratio: tuple[Any, Any],
    *,
    inclusive: Any,
) -> Any:
    """Whether ``spent`` exceeds (or, inclusive, reaches) ``ratio`` × annual income, exactly.

    Art. 4 (四): "刚性支出超出当地规定的家庭总收入比例" (``inclusive`` where a local text
    says "reaches").  ``spent`` is in fen, ``annual_scaled`` the annual income in fen ×
    ``scale``; ``ratio`` an exact fraction.  Nothing spent never qualifies, even against
    no income.  One body for one household (:data:`~civaffairs.kernels.SCALAR`) and for a
    registry in columns (:mod:`civaffairs.batch.rigid_expenditure`).

    .. versionadded:: 0.1.0
    """
    numerator, denominator = ratio
    left = spent * denominator * scale
    right = numerator * annual_scaled
    return (spent > 0) & ops.where(inclusive, left >= right, left > right)


def income_below_disposable(net_scaled: Any, scale: Any, disposable: Any, count: Any) -> Any:
    """Art. 4 (二): whether 12 × monthly income is below last year's figure × members, exactly.

    ``net_scaled`` is the counted monthly net income in fen × ``scale``;
    ``disposable`` the previous year's per-capita disposable income in fen (a yearly
    figure); ``count`` the counted members.  12 × net / (scale × 100) yuan < disposable
    / 100 × count, with no division: the test
    :func:`~civaffairs.assistance.means.disposable_income_test` states, on integers
    and on columns alike.

    .. versionadded:: 0.1.0
    """
    return net_scaled * _MONTHS_PER_YEAR < disposable * count * scale


def _exceeds(
    spent_fen: int, annual_scaled: int, scale: int, ratio: tuple[int, int], *, inclusive: bool
) -> bool:
    """Apply :func:`exceeds` to one household."""
    return bool(exceeds(SCALAR, spent_fen, annual_scaled, scale, ratio, inclusive=inclusive))


def _conditions(
    household: Household,
    counted: list[tuple[int, Member]],
    *,
    book: ParameterBook,
    where: str,
    on: dt.date,
) -> tuple[bool, list[Reason]]:
    """Apply art. 4 (二)-(四) to the ``counted`` members; return whether all hold, explained."""
    reasons: list[Reason] = []
    registration = household.applicant.person.registration
    count = len(counted)
    counted_ids = {m.person.id for _, m in counted}

    # 4. Art. 4 (二): income below the previous year's per-capita disposable income.
    flows = means.counted_income(household, counted_ids, book, where, on)
    income = means.disposable_income_test(
        Fraction(flows.net_scaled, flows.scale * 100),
        count,
        registration.kind,
        book=book,
        where=where,
        on=on,
    )
    # The decision is the shared body's (columns evaluate the same); the facts are the test's.
    income_ok = bool(
        income_below_disposable(
            flows.net_scaled, flows.scale, yuan_to_fen(income.per_capita), count
        )
    )
    annual_scaled = flows.net_scaled * _MONTHS_PER_YEAR  # fen × scale, for the spending test
    annual = income.annual
    reasons.append(
        (R_INCOME_BELOW if income_ok else R_INCOME_NOT_BELOW).reason(
            income_ok, (income.used, *flows.used, flows.deduction_used), **income.facts()
        )
    )

    # 5. Art. 4 (三): property.
    _kind, standard, _standard_used = means.dibao_standard(household, book, where, on)
    assets, explained = _PROPERTY.apply(household, count, standard, (book, where, on), counted_ids)
    reasons.extend(explained)

    # 6. Art. 4 (四), art. 5: rigid expenditure against family income.
    spending_ok = _expenditure_test(
        household,
        counted_ids=counted_ids,
        annual_scaled=annual_scaled,
        scale=flows.scale,
        annual=annual,
        book=book,
        where=where,
        on=on,
        reasons=reasons,
    )
    return income_ok and assets.passed and spending_ok, reasons


def _expenditure_test(
    household: Household,
    *,
    counted_ids: set[str],
    annual_scaled: int,
    scale: int,
    annual: Decimal,
    book: ParameterBook,
    where: str,
    on: dt.date,
    reasons: list[Reason],
) -> bool:
    """Apply art. 4 (四) and append its reasons; return whether it holds."""
    spent: dict[ExpenditureType, int] = {}
    for item in household.expenditures:
        if item.member is None or item.member in counted_ids:
            spent[item.type] = spent.get(item.type, 0) + yuan_to_fen(item.annual)
    counts: list[ParameterValue] = []
    included: list[ExpenditureType] = []
    for kind in ExpenditureType:
        if kind in spent:
            counted, used = book.flag(
                f"assistance.rigid_expenditure.counts.{kind.value}", where, on
            )
            counts.append(used)
            if counted:
                included.append(kind)
    total = sum(spent[kind] for kind in included)
    ratio, ratio_used = book.rate("assistance.rigid_expenditure.ratio", where, on)
    inclusive, inclusive_used = book.flag("assistance.rigid_expenditure.ratio_inclusive", where, on)
    ok = _exceeds(total, annual_scaled, scale, fraction(ratio), inclusive=inclusive)
    reasons.append(
        R_EXPENDITURE.reason(
            ok,
            (ratio_used, inclusive_used, *counts),
            items="、".join(
                f"{k.zh} {format_yuan(fen_to_yuan(spent[k]), 'fen')} 元" for k in included
            )
            or "无",
            items_en=", ".join(
                f"{k.en} {format_yuan(fen_to_yuan(spent[k]), 'fen')} yuan" for k in included
            )
            or "none",
            **_compared(fen_to_yuan(total), annual, ratio, ok=ok, inclusive=inclusive),
        )
    )
    if ok:
        return True
    second, second_used = book.flag("assistance.rigid_expenditure.medical_accident_test", where, on)
    if not second:
        return False
    medical_ratio, medical_used = book.rate(
        "assistance.rigid_expenditure.medical_accident_ratio", where, on
    )
    medical = sum(spent.get(kind, 0) for kind in _MEDICAL_ACCIDENT)
    ok = _exceeds(medical, annual_scaled, scale, fraction(medical_ratio), inclusive=inclusive)
    reasons.append(
        R_MEDICAL_ACCIDENT.reason(
            ok,
            (second_used, medical_used, inclusive_used),
            **_compared(fen_to_yuan(medical), annual, medical_ratio, ok=ok, inclusive=inclusive),
        )
    )
    return ok
