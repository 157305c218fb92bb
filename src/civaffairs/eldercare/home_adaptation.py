"""居家适老化改造: home adaptation for older persons — who qualifies, and the cap.

《国务院办公厅关于推进养老服务发展的意见》 (国办发〔2019〕5号) set up the programme: by the
end of 2020, with government subsidies, adapt to 《无障碍设计规范》 the homes of **高龄, 失能
and 残疾** older persons in households under **特困供养** or **建档立卡** (the poverty
register); places that can may extend it to other older persons' households.  Later
national programmes speak of economically disadvantaged households of disabled, very old
and similar older persons (recalled, not verified).  The rule, in order:

1. **Older person** — aged ``eldercare.groups.older_person_age`` (60) or more (老年人权益保障法
   art. 2).
2. **Economic condition** — the person is in one of the groups the jurisdiction covers,
   each a switch: ``eldercare.home_adaptation.economic.extreme_poverty`` and
   ``.registered_poor`` (sourced, 国办发〔2019〕5号), ``.dibao``, ``.marginal`` and
   ``.rigid_expenditure`` (example data: the widening is local or recalled).
3. **Personal condition** — very old (高龄, ``eldercare.groups.very_old_age``), disabled (失能, by
   the GB/T 42195 grade) or with a disability certificate (残疾).
4. **Cap** — the subsidy is at most ``eldercare.home_adaptation.cap`` per household
   (example data: no national cap was found); with a quoted cost, the lesser of the two.

Both conditions must hold.  An unestablished fact makes the decision "cannot decide"
(naming it) only when the known facts do not already decide it.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

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
from civaffairs.eldercare.groups import (
    OlderPerson,
    TargetGroup,
    any_of,
    memberships,
    names,
    not_older_person,
    not_older_reason,
)
from civaffairs.eldercare.laws import ELDERCARE_DEVELOPMENT_OPINION
from civaffairs.money import format_yuan, yuan
from civaffairs.parameters import ParameterBook, ParameterValue, default_book

__all__ = ["ECONOMIC_GROUPS", "PERSONAL_GROUPS", "PROGRAMME", "assess"]

PROGRAMME = programme("eldercare.home_adaptation")

_OPINION = Citation(
    ELDERCARE_DEVELOPMENT_OPINION,
    "实施老年人居家适老化改造工程",
    note="read in a Q&A of 洛阳市涧西区人民政府 quoting the opinion",
)
_LOCAL_CAP = Citation(
    ELDERCARE_DEVELOPMENT_OPINION,
    "实施老年人居家适老化改造工程 (采取政府补贴等方式)",
    note="the opinion sets no amount; the cap is local",
)

#: Economic groups, each with the switch that says whether the jurisdiction covers it.
ECONOMIC_GROUPS: tuple[tuple[str, TargetGroup], ...] = (
    ("extreme_poverty", TargetGroup.EXTREME_POVERTY),
    ("registered_poor", TargetGroup.REGISTERED_POOR),
    ("dibao", TargetGroup.DIBAO),
    ("marginal", TargetGroup.MARGINAL),
    ("rigid_expenditure", TargetGroup.RIGID_EXPENDITURE),
)

#: Personal conditions of 国办发〔2019〕5号: 高龄, 失能, 残疾.
PERSONAL_GROUPS: tuple[TargetGroup, ...] = (
    TargetGroup.VERY_OLD,
    TargetGroup.DISABLED,
    TargetGroup.CERTIFIED_DISABILITY,
)

R_NOT_OLDER = not_older_person(PROGRAMME.code)
R_ECONOMIC = ReasonCode.define(
    "eldercare.home_adaptation.economic",
    "经济条件: {result} (本地纳入: {covered})",
    "economic condition: {result_en} (covered here: {covered_en})",
    _OPINION,
)
R_PERSONAL = ReasonCode.define(
    "eldercare.home_adaptation.personal",
    "本人条件 (高龄、失能或残疾): {result}",
    "personal condition (very old, disabled or with a disability): {result_en}",
    _OPINION,
)
R_MISSING = ReasonCode.define(
    "eldercare.home_adaptation.missing_facts",
    "缺少判定所需事实: {paths}",
    "facts needed for the decision are missing: {paths}",
    _OPINION,
)
R_CAP = ReasonCode.define(
    "eldercare.home_adaptation.cap",
    "每户补贴上限 {cap} 元{cost}",
    "the subsidy is at most {cap} yuan per household{cost_en}",
    _LOCAL_CAP,
)


def _describe(alternative: frozenset[TargetGroup] | None, *, held: bool | None) -> dict[str, str]:
    if held and alternative is not None:
        return {"result": "属于" + names(alternative), "result_en": names(alternative, "en")}
    if held is None:
        return {"result": "未确定", "result_en": "not established"}
    return {"result": "不符合", "result_en": "not met"}


def assess(
    older: OlderPerson,
    on: dt.date,
    *,
    cost: Decimal | str | int | None = None,
    jurisdiction: str | None = None,
    book: ParameterBook | None = None,
) -> Decision:
    """Decide whether ``older``'s home qualifies for a subsidised adaptation on ``on``.

    ``cost`` (yuan), when given, is the quoted cost of the adaptation: the amount is the
    lesser of the cost and the cap; otherwise the amount is the cap itself.
    ``jurisdiction`` defaults to the person's place of registration.

    .. versionadded:: 0.1.0
    """
    quoted = None if cost is None else yuan(cost, path="$.cost")
    book = book or default_book()
    where = jurisdiction or older.person.registration.jurisdiction
    reasons: list[Reason] = []

    draft = Draft(PROGRAMME.code, older.label, on, where, reasons)
    decision = draft.decide

    # 1. Older person.
    groups = [TargetGroup.OLDER_PERSON, *(g for _, g in ECONOMIC_GROUPS), *PERSONAL_GROUPS]
    found = memberships(older, groups, on, jurisdiction=where, book=book)
    if (too_young := not_older_reason(found, R_NOT_OLDER)) is not None:
        reasons.append(too_young)
        return decision(Outcome.NOT_ELIGIBLE)

    # 2. Economic condition: the groups this jurisdiction covers.
    covered: list[TargetGroup] = []
    switches: list[ParameterValue] = []
    for suffix, group in ECONOMIC_GROUPS:
        on_off, used = book.flag(f"eldercare.home_adaptation.economic.{suffix}", where, on)
        switches.append(used)
        if on_off:
            covered.append(group)
    economic, economic_alt, economic_missing = any_of(tuple(frozenset({g}) for g in covered), found)
    reasons.append(
        R_ECONOMIC.reason(
            economic,
            switches,
            covered="、".join(g.zh for g in covered) or "无",
            covered_en=", ".join(g.en for g in covered) or "none",
            **_describe(economic_alt, held=economic),
        )
    )

    # 3. Personal condition: very old, disabled or with a disability.
    personal, personal_alt, personal_missing = any_of(
        tuple(frozenset({g}) for g in PERSONAL_GROUPS), found
    )
    personal_used = tuple(p for g in (personal_alt or frozenset()) for p in found[g].parameters)
    reasons.append(
        R_PERSONAL.reason(personal, personal_used, **_describe(personal_alt, held=personal))
    )

    if economic is False or personal is False:
        return decision(Outcome.NOT_ELIGIBLE)
    if economic is None or personal is None:
        paths = tuple(dict.fromkeys((*economic_missing, *personal_missing)))
        reasons.append(R_MISSING.reason(None, paths=", ".join(paths)))
        return decision(Outcome.CANNOT_DECIDE, missing=paths)

    # 4. Cap.
    return decision(Outcome.ELIGIBLE, _capped(quoted, where, on, book, reasons))


def _capped(
    quoted: Decimal | None, where: str, on: dt.date, book: ParameterBook, reasons: list[Reason]
) -> Amount:
    """Return the subsidy: the cap, or the quoted cost up to the cap (step 4)."""
    cap, cap_used = book.money("eldercare.home_adaptation.cap", where, on)
    amount = cap if quoted is None else min(cap, quoted)
    quoted_text = "" if quoted is None else format_yuan(quoted, "exact")
    amount_text = format_yuan(amount, "exact")
    reasons.append(
        R_CAP.reason(
            None,
            (cap_used,),
            cap=format_yuan(cap, "exact"),
            cost="" if quoted is None else f", 报价 {quoted_text} 元, 补贴 {amount_text} 元",
            cost_en=""
            if quoted is None
            else f"; quoted {quoted_text} yuan, subsidy {amount_text} yuan",
        )
    )
    line = (
        AmountLine("cap", "补贴上限", "cap per household", cap)
        if quoted is None
        else AmountLine("cost", "改造费用(以上限为限)", "cost, up to the cap", amount)
    )
    return Amount(amount, Period.ONE_OFF, (line,))
