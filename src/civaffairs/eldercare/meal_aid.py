"""老年助餐: the meal-aid subsidy per meal, tiered by age and by status.

民政部等11部门 《积极发展老年助餐服务行动方案》 (民发〔2023〕58号) directs meal aid first to
older persons in special hardship (特殊困难老年人): older persons among the low-income
population — **低保对象, 特困人员, 低保边缘家庭成员** and the like — and older persons who
are **独居, 空巢, 留守, 失能, 残疾, 高龄** or of a **计划生育特殊家庭**; other older persons
are served too.  The plan sets no amount: subsidies are local.  The rule, in order:

1. **Older person** — aged ``eldercare.groups.older_person_age`` (60) or more in full years
   (老年人权益保障法 art. 2).
2. **Age tier** — ``eldercare.meal_aid.age_tier_count`` tiers, each with a start age and a
   subsidy per meal; the highest tier reached applies (none: 0).
3. **Status tier** — a subsidy per meal for 特困, 低保, 低保边缘, 刚性支出困难 and the other
   special-hardship groups (``eldercare.meal_aid.status.*``); the highest that applies.
   刚性支出困难 households are low-income population (国办发〔2023〕39号) and are read
   into the plan's "等"; that reading is an inference.
4. **Combination** — the higher of the two tiers (就高, not stacked) unless
   ``eldercare.meal_aid.tiers_stack`` holds, when they add up.
5. **Amount** — the subsidy per meal, never more than the meal's price when one is
   given, times the number of meals.  Amounts are whole fen; nothing is rounded.

A fact that is not established (the assistance layer, the ability grade, living alone …)
makes the decision "cannot decide" only when it could raise the subsidy actually paid —
the per-meal subsidy after the cap at the meal's price — or turn "no tier" into a tier;
the decision names it.  When no status tier is established but some are unknown, the
reason says which facts are unknown (``eldercare.meal_aid.status_tier_unknown``) rather
than that the person is in none.  Every amount shipped is example data: no national or
seed-jurisdiction figure was found.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs

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
    Membership,
    OlderPerson,
    TargetGroup,
    any_of,
    memberships,
    names,
    not_older_person,
    not_older_reason,
    ordered,
)
from civaffairs.eldercare.laws import MEAL_AID_PLAN
from civaffairs.errors import InvalidInputError
from civaffairs.money import ZERO, format_yuan, yuan
from civaffairs.parameters import ParameterBook, ParameterValue, default_book

__all__ = ["PROGRAMME", "SPECIAL_HARDSHIP", "STATUS_TIERS", "assess"]

PROGRAMME = programme("eldercare.meal_aid")

_PLAN_GROUPS = Citation(
    MEAL_AID_PLAN,
    "工作目标 (特殊困难老年人)",
    note="section title recalled; the group list was read in reports of 2023-10-23",
)
_LOCAL_AMOUNTS = Citation(
    MEAL_AID_PLAN, None, note="the plan sets no amount; subsidies per meal are local"
)
_INFERRED_GROUP = Citation(
    MEAL_AID_PLAN,
    "工作目标 (特殊困难老年人)",
    note="INFERENCE: 刚性支出困难 is not named in the plan; it is read into '等低收入人口' "
    "(国办发〔2023〕39号 counts it as low-income population)",
)

#: The plan's older persons in special hardship outside the low-income layers.
SPECIAL_HARDSHIP: tuple[TargetGroup, ...] = (
    TargetGroup.LIVING_ALONE,
    TargetGroup.EMPTY_NEST,
    TargetGroup.LEFT_BEHIND,
    TargetGroup.DISABLED,
    TargetGroup.CERTIFIED_DISABILITY,
    TargetGroup.VERY_OLD,
    TargetGroup.FAMILY_PLANNING_SPECIAL,
)

#: Status tiers: parameter suffix and the alternatives of groups that give it.
STATUS_TIERS: tuple[tuple[str, tuple[frozenset[TargetGroup], ...]], ...] = (
    ("extreme_poverty", (frozenset({TargetGroup.EXTREME_POVERTY}),)),
    ("dibao", (frozenset({TargetGroup.DIBAO}),)),
    ("marginal", (frozenset({TargetGroup.MARGINAL}),)),
    ("rigid_expenditure", (frozenset({TargetGroup.RIGID_EXPENDITURE}),)),
    ("special_hardship", tuple(frozenset({g}) for g in SPECIAL_HARDSHIP)),
)

R_NOT_OLDER = not_older_person(PROGRAMME.code)
R_AGE_TIER = ReasonCode.define(
    "eldercare.meal_aid.age_tier",
    "年满 {start} 周岁, 年龄档每餐补贴 {amount} 元",
    "aged {start} or more: the age tier gives {amount} yuan a meal",
    _LOCAL_AMOUNTS,
)
R_NO_AGE_TIER = ReasonCode.define(
    "eldercare.meal_aid.no_age_tier",
    "无适用的年龄档补贴",
    "no age tier applies",
    _LOCAL_AMOUNTS,
)
R_STATUS_TIER = ReasonCode.define(
    "eldercare.meal_aid.status_tier",
    "属于{group}, 身份档每餐补贴 {amount} 元",
    "{group_en}: the status tier gives {amount} yuan a meal",
    _PLAN_GROUPS,
)
R_NO_STATUS_TIER = ReasonCode.define(
    "eldercare.meal_aid.no_status_tier",
    "不属于低收入人口或其他特殊困难老年人",
    "neither in a low-income layer nor otherwise an older person in special hardship",
    _PLAN_GROUPS,
)
R_STATUS_TIER_UNKNOWN = ReasonCode.define(
    "eldercare.meal_aid.status_tier_unknown",
    "身份档未确定: 以下事实未确定 {paths}",
    "status tier not established: facts not established: {paths}",
    _PLAN_GROUPS,
)
R_MISSING = ReasonCode.define(
    "eldercare.meal_aid.missing_facts",
    "以下事实未确定, 可能提高补贴: {paths}",
    "facts not established that could raise the subsidy: {paths}",
    _PLAN_GROUPS,
)
R_AMOUNT = ReasonCode.define(
    "eldercare.meal_aid.amount",
    "每餐补贴 {per_meal} 元 ({how}) × {meals} 餐 = {amount} 元",
    "{per_meal} yuan a meal ({how_en}) × {meals} meal(s) = {amount} yuan",
    _LOCAL_AMOUNTS,
)
R_PRICE_CAP = ReasonCode.define(
    "eldercare.meal_aid.price_cap",
    "补贴不超过餐价 {price} 元",
    "the subsidy cannot exceed the meal's price of {price} yuan",
    _LOCAL_AMOUNTS,
)


def _age_tier(
    age: int, where: str, on: dt.date, book: ParameterBook
) -> tuple[int | None, Decimal, tuple[ParameterValue, ...]]:
    """Return the start age and subsidy of the highest age tier reached, and the values read."""
    count, count_used = book.count("eldercare.meal_aid.age_tier_count", where, on)
    best: tuple[int | None, Decimal, tuple[ParameterValue, ...]] = (None, ZERO, (count_used,))
    for index in range(1, count + 1):
        start, start_used = book.count(f"eldercare.meal_aid.age_tier_{index}.start_age", where, on)
        if age < start:
            break
        amount, amount_used = book.money(f"eldercare.meal_aid.age_tier_{index}.per_meal", where, on)
        best = (start, amount, (count_used, start_used, amount_used))
    return best


def assess(
    older: OlderPerson,
    on: dt.date,
    *,
    meals: int = 1,
    meal_price: Decimal | str | int | None = None,
    jurisdiction: str | None = None,
    book: ParameterBook | None = None,
) -> Decision:
    """Decide the meal-aid subsidy for ``meals`` meals taken by ``older`` on ``on``.

    ``meal_price`` (yuan per meal), when given, caps the subsidy per meal.
    ``jurisdiction`` defaults to the person's place of registration.  The amount is a
    one-off sum for the meals.

    .. versionadded:: 0.1.0
    """
    if type(meals) is not int or meals < 1:
        raise InvalidInputError("$.meals", meals, "a whole number of meals, 1 or more")
    price = None if meal_price is None else yuan(meal_price, path="$.meal_price")
    book = book or default_book()
    where = jurisdiction or older.person.registration.jurisdiction
    reasons: list[Reason] = []

    draft = Draft(PROGRAMME.code, older.label, on, where, reasons)
    decision = draft.decide

    # 1. Older person.
    groups = [
        TargetGroup.OLDER_PERSON,
        *(g for _, alts in STATUS_TIERS for a in alts for g in ordered(a)),
    ]
    found = memberships(older, groups, on, jurisdiction=where, book=book)
    if (too_young := not_older_reason(found, R_NOT_OLDER)) is not None:
        reasons.append(too_young)
        return decision(Outcome.NOT_ELIGIBLE)

    # 2. Age tier.
    age = older.person.age_on(on)
    start, by_age, age_used = _age_tier(age, where, on, book)
    if start is None:
        reasons.append(R_NO_AGE_TIER.reason(False, age_used))
    else:
        reasons.append(
            R_AGE_TIER.reason(True, age_used, start=str(start), amount=format_yuan(by_age, "exact"))
        )

    # 3. Status tiers: the highest that applies, and what unknown facts could give.
    by_status, undecided = _status_tier(found, where, on, book, reasons)

    # 4. Combination.
    stack, stack_used = book.flag("eldercare.meal_aid.tiers_stack", where, on)
    # An unknown tier matters when it could raise the subsidy actually paid (capped at the
    # meal's price) or turn "no tier" into a tier.
    tiers = _per_meal(by_age, by_status, stack=stack, price=None)
    per_meal = _per_meal(by_age, by_status, stack=stack, price=price)
    raising = [
        paths
        for amount, paths in undecided
        if _per_meal(by_age, max(by_status, amount), stack=stack, price=price) > per_meal
        or (tiers == 0 and amount > 0)
    ]
    if raising:
        paths = tuple(dict.fromkeys(p for group in raising for p in group))
        reasons.append(R_MISSING.reason(None, paths=", ".join(paths)))
        return decision(Outcome.CANNOT_DECIDE, missing=paths)
    if tiers == 0:
        return decision(Outcome.NOT_ELIGIBLE)

    # 5. Amount.
    amount = _amount(
        by_age,
        by_status,
        stack=stack,
        stack_used=stack_used,
        price=price,
        meals=meals,
        reasons=reasons,
    )
    return decision(Outcome.ELIGIBLE, amount)


def _per_meal(
    by_age: Decimal, by_status: Decimal, *, stack: bool, price: Decimal | None
) -> Decimal:
    """Return the subsidy a meal gets from the tiers, capped at the meal's price when given."""
    per_meal = by_age + by_status if stack else max(by_age, by_status)
    return per_meal if price is None else min(per_meal, price)


def _status_tier(
    found: dict[TargetGroup, Membership],
    where: str,
    on: dt.date,
    book: ParameterBook,
    reasons: list[Reason],
) -> tuple[Decimal, list[tuple[Decimal, tuple[str, ...]]]]:
    """Return the highest status subsidy that applies and the (amount, missing facts) undecided."""
    by_status: Decimal = ZERO
    best_used: tuple[ParameterValue, ...] = ()
    best_group: frozenset[TargetGroup] | None = None
    undecided: list[tuple[Decimal, tuple[str, ...]]] = []
    for suffix, alternatives in STATUS_TIERS:
        held, alternative, unknown = any_of(alternatives, found)
        if held is False:
            continue
        amount, used = book.money(f"eldercare.meal_aid.status.{suffix}", where, on)
        if held is None:
            undecided.append((amount, unknown))
        elif amount > by_status:
            by_status, best_group = amount, alternative
            best_used = (used, *_used(found, alternative))
    if best_group is None and undecided:
        paths = dict.fromkeys(p for _, group in undecided for p in group)
        reasons.append(R_STATUS_TIER_UNKNOWN.reason(None, paths=", ".join(paths)))
    elif best_group is None:
        reasons.append(R_NO_STATUS_TIER.reason(False))
    else:
        reason = R_STATUS_TIER.reason(
            True,
            best_used,
            group=names(best_group),
            group_en=names(best_group, "en"),
            amount=format_yuan(by_status, "exact"),
        )
        if TargetGroup.RIGID_EXPENDITURE in best_group:
            reason = attrs.evolve(reason, citation=_INFERRED_GROUP)
        reasons.append(reason)
    return by_status, undecided


def _amount(
    by_age: Decimal,
    by_status: Decimal,
    *,
    stack: bool,
    stack_used: ParameterValue,
    price: Decimal | None,
    meals: int,
    reasons: list[Reason],
) -> Amount:
    """Combine the tiers, cap at the price, multiply by the meals; explain it in ``reasons``."""
    per_meal = _per_meal(by_age, by_status, stack=stack, price=None)  # before the price cap
    lines = [
        AmountLine("age_tier", "年龄档", "age tier", by_age),
        AmountLine("status_tier", "身份档", "status tier", by_status),
    ]
    if not stack:
        lines = [line for line in lines if line.amount == per_meal][:1]
    if price is not None and per_meal > price:
        reasons.append(R_PRICE_CAP.reason(True, price=format_yuan(price, "exact")))
        lines.append(AmountLine("price_cap", "以餐价为限", "capped at the price", price - per_meal))
        per_meal = price
    total = per_meal * meals
    reasons.append(
        R_AMOUNT.reason(
            None,
            (stack_used,),
            per_meal=format_yuan(per_meal, "exact"),
            how="两档叠加" if stack else "就高",
            how_en="tiers added" if stack else "the higher tier",
            meals=str(meals),
            amount=format_yuan(total, "exact"),
        )
    )
    return Amount(
        total,
        Period.ONE_OFF,
        tuple(
            AmountLine(
                line.code, f"{line.zh} × {meals}", f"{line.en} × {meals}", line.amount * meals
            )
            for line in lines
        ),
    )


def _used(
    found: dict[TargetGroup, Membership], alternative: frozenset[TargetGroup] | None
) -> tuple[ParameterValue, ...]:
    """Return the parameter values behind the groups of ``alternative`` (ages, grades)."""
    if alternative is None:
        return ()
    return tuple(p for g in ordered(alternative) for p in found[g].parameters)
