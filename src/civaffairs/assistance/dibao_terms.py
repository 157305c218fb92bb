"""低保 terms decided with the allowance itself: the first payable month and the income deductions.

Two rules that :func:`civaffairs.assistance.dibao.assess` applies through small hooks:

* **First payable month** — 《最低生活保障审核确认办法》(民发〔2021〕57号) art. 21:
  "从作出确认同意决定之日下月起发放最低生活保障金" (the month after the
  approval).  《重庆市城乡居民最低生活保障条例》 (2016 revision) art. 22 says
  "最低生活保障金从批准的当月起 … 按月发放" (the month of the approval); the
  flag ``assistance.dibao.payable.from_month_of_approval`` chooses, per
  jurisdiction.  The decision is taken on the as-of date: there is no hidden
  "today".
* **Income deductions** — 57号 art. 13 (third paragraph): "对于共同生活的家庭成员
  因残疾、患重病等增加的刚性支出、必要的就业成本等，在核算家庭收入时可按规定适当
  扣减。"  Both are optional ("可按规定"), so both are switched by parameters
  whose national default deducts nothing more:

  - the medical and rehabilitation expenditure (``Expenditure``, a 12-month
    total, taken monthly as one twelfth) of members who are disabled or
    seriously ill (``assistance.dibao.income.deduct_illness_disability_costs``);
  - the employment-cost deduction on the **standard** basis: each working
    member's wages less a share of the dibao standard, never below zero
    (``assistance.dibao.income.employment_deduction_of_standard`` chooses
    this basis, ``assistance.dibao.income.employment_deduction_share_of_standard``
    is the share).  On the standard basis the wages-basis rate
    (``assistance.dibao.income.employment_deduction_rate``) is not applied:
    one basis is chosen, not both.

Deductions lower counted income, never below zero, for the household and for
each member's own income (the single-person rule reads it).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import attrs

from civaffairs.assistance.laws import DIBAO_REVIEW_MEASURES
from civaffairs.assistance.means import CountedIncome
from civaffairs.decisions import (
    Citation,
    Document,
    PayablePeriod,
    Reason,
    ReasonCode,
    first_of_month,
)
from civaffairs.entities import ExpenditureType, Household, Member
from civaffairs.kernels import div_round_half_up, fraction
from civaffairs.money import fen_to_yuan, format_yuan, yuan_to_fen
from civaffairs.parameters import ParameterBook, ParameterValue

__all__ = [
    "CHONGQING_DIBAO_REGULATION",
    "COST_TYPES",
    "NOT_IN_COLUMNS",
    "R_EMPLOYMENT_DEDUCTION_STANDARD",
    "R_ILLNESS_DISABILITY_COSTS",
    "income_deductions",
    "payable_period",
]

#: 《重庆市城乡居民最低生活保障条例》 (重庆市人大常委会; revised 2016-03-31).
CHONGQING_DIBAO_REGULATION = Document(
    "重庆市城乡居民最低生活保障条例",
    None,
    en="Chongqing Regulation on the Minimum Living Allowance of Urban and Rural Residents",
)

_57_ART_21 = Citation(DIBAO_REVIEW_MEASURES, "第二十一条")
_CQ_ART_22 = Citation(CHONGQING_DIBAO_REGULATION, "第二十二条")
_57_ART_13_3 = Citation(DIBAO_REVIEW_MEASURES, "第十三条第三款")

#: The switches of these deductions, which the columnar engine (civaffairs.batch) does not
#: compute: it refuses a table whose places turn one on.
NOT_IN_COLUMNS = (
    "assistance.dibao.income.deduct_illness_disability_costs",
    "assistance.dibao.income.employment_deduction_of_standard",
)

#: The expenditures deducted as "因残疾、患重病等增加的刚性支出" (57号 art. 13).
COST_TYPES = frozenset({ExpenditureType.MEDICAL, ExpenditureType.REHABILITATION})

R_ILLNESS_DISABILITY_COSTS = ReasonCode.define(
    "assistance.dibao.illness_disability_deduction",
    "因残疾、患重病增加的刚性支出按月扣减家庭收入 {deduction} 元 ({persons})",
    "costs of disability or serious illness deducted from income: {deduction} yuan a month "
    "({persons})",
    _57_ART_13_3,
)
R_EMPLOYMENT_DEDUCTION_STANDARD = ReasonCode.define(
    "assistance.dibao.employment_deduction_standard",
    "工资性收入扣减就业成本 (每名就业成员低保标准的 {share}, 不超过其工资): 合计 {deduction} 元",
    "employment costs deducted from wages ({share} of the standard per working member, at most "
    "their wages): {deduction} yuan in all",
    _57_ART_13_3,
)


def payable_period(decided_on: dt.date, *, book: ParameterBook, where: str) -> PayablePeriod:
    """Return the months an approval decided on ``decided_on`` pays for, from its first month.

    57号 art. 21: from the month after the decision; where
    ``assistance.dibao.payable.from_month_of_approval`` holds (重庆 条例
    art. 22), from the month of the decision.

    .. versionadded:: 0.1.0
    """
    same_month, used = book.flag(
        "assistance.dibao.payable.from_month_of_approval", where, decided_on
    )
    if same_month:
        return PayablePeriod(first_of_month(decided_on), _CQ_ART_22, parameters=(used,))
    return PayablePeriod.from_month_after(decided_on, _57_ART_21, (used,))


def _monthly_fen(annual: int) -> int:
    """One twelfth of a 12-month total in fen, rounded half up to the fen."""
    return int(div_round_half_up(annual, 12))


def income_deductions(
    household: Household,
    counted: Sequence[Member],
    flows: CountedIncome,
    standard: int,
    *,
    book: ParameterBook,
    where: str,
    on: dt.date,
) -> tuple[CountedIncome, list[Reason]]:
    """Apply the optional deductions of 57号 art. 13 (third paragraph) to counted income.

    ``standard`` is the dibao standard in fen.  Returns the counted income
    after the deductions (unchanged where the jurisdiction sets none) and the
    reasons that explain them.

    .. versionadded:: 0.1.0
    """
    reasons: list[Reason] = []
    own = {member: [income, wages] for member, income, wages in flows.own}
    total, wages_total, rate = flows.total, flows.wages, flows.rate

    costs_on, costs_used = book.flag(
        "assistance.dibao.income.deduct_illness_disability_costs", where, on
    )
    if costs_on:
        total -= _deduct_costs(household, counted, own, total, (costs_used, reasons))

    on_standard, basis_used = book.flag(
        "assistance.dibao.income.employment_deduction_of_standard", where, on
    )
    if on_standard:
        share, share_used = book.rate(
            "assistance.dibao.income.employment_deduction_share_of_standard", where, on
        )
        share_num, share_den = fraction(share)
        deducted = _deduct_wages(own, int(div_round_half_up(standard * share_num, share_den)))
        total = max(0, total - deducted)
        wages_total = max(0, wages_total - deducted)
        rate = (0, 1)  # one basis: the wages-basis rate is not applied on top
        if deducted:
            reasons.append(
                R_EMPLOYMENT_DEDUCTION_STANDARD.reason(
                    None,
                    (basis_used, share_used),
                    share=f"{share:%}",
                    deduction=format_yuan(fen_to_yuan(deducted), "exact"),
                )
            )

    if not costs_on and not on_standard:
        return flows, reasons
    adjusted = attrs.evolve(
        flows,
        total=total,
        wages=wages_total,
        rate=rate,
        own=tuple((member, i, w) for member, (i, w) in sorted(own.items())),
    )
    return adjusted, reasons


def _deduct_costs(
    household: Household,
    counted: Sequence[Member],
    own: dict[str, list[int]],
    total: int,
    explained: tuple[ParameterValue, list[Reason]],
) -> int:
    """Deduct the illness and disability costs of the counted members (art. 13 third paragraph).

    Each member's own income in ``own`` falls by their monthly costs; returns the fen taken
    from the family's ``total``, explained in ``explained``'s reasons.
    """
    costs_used, reasons = explained
    by_member: dict[str, int] = {}
    for member in counted:
        person = member.person
        if person.disability is None and not person.serious_illness:
            continue
        annual = sum(
            yuan_to_fen(e.annual)
            for e in household.expenditures
            if e.member == person.id and e.type in COST_TYPES
        )
        if annual:
            by_member[person.id] = _monthly_fen(annual)
    wanted = sum(by_member.values())
    if not wanted:
        return 0
    taken = min(total, wanted)
    for person_id, cost in by_member.items():
        mine = own.setdefault(person_id, [0, 0])
        mine[0] = max(0, mine[0] - cost)
    masked = {m.person.id: m.person.masked for m in counted}
    reasons.append(
        R_ILLNESS_DISABILITY_COSTS.reason(
            None,
            (costs_used,),
            deduction=format_yuan(fen_to_yuan(taken), "exact"),
            persons=", ".join(
                f"{masked[p]} {format_yuan(fen_to_yuan(c), 'exact')}"
                for p, c in sorted(by_member.items())
            ),
        )
    )
    return taken


def _deduct_wages(own: dict[str, list[int]], per_member: int) -> int:
    """Deduct up to ``per_member`` fen from each member's wages (and own income); return all."""
    deducted = 0
    for mine in own.values():
        if mine[1] > 0:
            cut = min(mine[1], per_member)
            mine[1] -= cut
            mine[0] = max(0, mine[0] - cut)
            deducted += cut
    return deducted
