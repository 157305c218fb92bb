"""特困 care tiers and amounts: 生活自理能力 (认定办法 arts. 20–22) and 国发〔2016〕14号 (二).

**Care tier** (arts. 21–22): six daily activities (eating, dressing, getting in
and out of bed, using the toilet, walking indoors, bathing).  Art. 22: "6项指标全部
达到的，可以视为具备生活自理能力；有3项以下（含3项）指标不能达到的，可以视为部分丧失生活自理
能力；有4项以上（含4项）指标不能达到的，可以视为完全丧失生活自理能力".  Where a GB/T 42195
ability grade is given it decides instead, through two parameters (an explicit,
example mapping).

**Amount** (国发〔2016〕14号 (二)): the basic living standard for the person's
registration kind plus the care standard for the tier and the support arrangement
(集中供养, 分散供养).  Care standards are parameters in yuan **per year**, as many places
publish them; the monthly share is the annual amount divided by 12, rounded to the fen
(half up) — the one rounding, ours, since no rule was found.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from civaffairs.assistance._tally import Tally
from civaffairs.assistance.extreme_poverty._shared import MONTHS_PER_YEAR, Place, yuan_text
from civaffairs.assistance.extreme_poverty.facts import (
    CareTier,
    DailyActivity,
    ExtremePovertyFacts,
)
from civaffairs.assistance.laws import EXTREME_POVERTY_MEASURES, EXTREME_POVERTY_OPINION
from civaffairs.decisions import Amount, AmountLine, Citation, Period, ReasonCode
from civaffairs.entities import AbilityGrade, Person
from civaffairs.kernels import SCALAR, Ops, div_round_half_up
from civaffairs.money import fen_to_yuan, yuan_to_fen
from civaffairs.parameters import ParameterBook, ParameterValue, default_book

__all__ = [
    "amount",
    "care_tier",
    "care_tier_for_ability_grade",
    "monthly_amount",
    "tier_for_activities",
    "tier_for_severity",
]

_WHOLLY_UNABLE_FROM = 4  # art. 22: 有4项以上（含4项）指标不能达到的 → 完全丧失生活自理能力


# -- rule bodies (civaffairs.kernels style: one body for one person and for a column) ----------


def tier_for_activities(ops: Ops, failed: Any) -> Any:
    """Return the care tier's rank (0, 1, 2) for the number of daily activities not achieved.

    Art. 22: none failed, able to care for oneself (0); "有3项以下（含3项）指标不能达到的"
    partly unable (1); "有4项以上（含4项）指标不能达到的" wholly unable (2).  Evaluated on
    Python ints (:data:`~civaffairs.kernels.SCALAR`) and numpy columns alike.

    .. versionadded:: 0.1.0
    """
    return ops.where(failed == 0, 0, ops.where(failed < _WHOLLY_UNABLE_FROM, 1, 2))


def tier_for_severity(ops: Ops, severity: Any, partial: Any, full: Any) -> Any:
    """Return the care tier's rank for a GB/T 42195 grade's severity under the two thresholds.

    ``partial`` and ``full`` are the least severe grades that count as partly and
    wholly unable (``assistance.extreme_poverty.care_tier.*_from_ability_severity``).

    .. versionadded:: 0.1.0
    """
    return ops.where(full <= severity, 2, ops.where(partial <= severity, 1, 0))


def monthly_amount(basic: Any, annual_care: Any) -> tuple[Any, Any]:
    """Return ``(care, total)`` in fen a month: the annual care standard ÷ 12 plus the basic.

    国发〔2016〕14号 (二): the basic living standard plus the care standard; the care
    standard is yearly, its monthly share rounded to the fen half up (our one
    rounding, :func:`civaffairs.kernels.div_round_half_up`).  Integer fen in and out.

    .. versionadded:: 0.1.0
    """
    care = div_round_half_up(annual_care, MONTHS_PER_YEAR)
    return care, basic + care


_SELF_CARE = Citation(EXTREME_POVERTY_MEASURES, "第二十一条、第二十二条")
_STANDARDS = Citation(EXTREME_POVERTY_OPINION, "(二)救助供养标准")

R_CARE_TIER = ReasonCode.define(
    "assistance.extreme_poverty.care_tier",
    "生活自理能力: {tier}({basis})",
    "self-care: {tier_en} ({basis_en})",
    _SELF_CARE,
)
R_AMOUNT_FACTS_MISSING = ReasonCode.define(
    "assistance.extreme_poverty.amount_facts_missing",
    "符合特困人员条件, 但计算供养标准缺少: {paths}",
    "the conditions are met, but the amount needs: {paths}",
    _STANDARDS,
)
R_AMOUNT = ReasonCode.define(
    "assistance.extreme_poverty.amount",
    "基本生活标准 {basic} 元 + 照料护理标准({arrangement}, {tier})每年 {care_annual} 元 ÷ 12 = "
    "{care} 元, 合计每月 {total} 元",
    "basic living standard {basic} yuan + care standard ({arrangement_en}, {tier_en}) "
    "{care_annual} yuan a year ÷ 12 = {care} yuan: {total} yuan a month",
    _STANDARDS,
)


def care_tier(activities_not_achieved: Iterable[DailyActivity]) -> CareTier:
    """Return the care tier from the daily activities a person cannot do alone.

    None: able to care for oneself; one to three: partly unable; four or more:
    wholly unable.

    >>> care_tier({DailyActivity.BATHING, DailyActivity.DRESSING})
    <CareTier.PARTIAL: 'partial'>

    .. versionadded:: 0.1.0
    """
    failed = len(frozenset(activities_not_achieved))
    return list(CareTier)[int(tier_for_activities(SCALAR, failed))]


def care_tier_for_ability_grade(
    grade: AbilityGrade, jurisdiction: str, on: dt.date, *, book: ParameterBook | None = None
) -> tuple[CareTier, tuple[ParameterValue, ...]]:
    """Return the care tier a GB/T 42195 ability grade maps to, and the parameters used.

    The mapping is two parameters: the least severe grade that counts as
    partly, and as wholly, unable to care for oneself.  It is monotone by
    construction: a more severe grade never maps to a lower tier.

    .. versionadded:: 0.1.0
    """
    book = book or default_book()
    partial, partial_used = book.count(
        "assistance.extreme_poverty.care_tier.partial_from_ability_severity", jurisdiction, on
    )
    full, full_used = book.count(
        "assistance.extreme_poverty.care_tier.full_from_ability_severity", jurisdiction, on
    )
    tier = list(CareTier)[int(tier_for_severity(SCALAR, grade.severity, partial, full))]
    return tier, (partial_used, full_used)


def _tier(tally: Tally, facts: ExtremePovertyFacts, place: Place) -> CareTier | None:
    """Add the care tier's reason (arts. 21–22, or the ability grade); ``None`` if not assessed."""
    if facts.ability_grade is not None:
        tier, used = care_tier_for_ability_grade(
            facts.ability_grade, place.where, place.on, book=place.book
        )
        basis = f"老年人能力等级 {facts.ability_grade.value}"
        basis_en = f"GB/T 42195 ability grade {facts.ability_grade.value}"
    elif facts.activities_not_achieved is not None:
        tier, used = care_tier(facts.activities_not_achieved), ()
        failed = len(facts.activities_not_achieved)
        basis = f"六项指标中 {failed} 项不能达到"
        basis_en = f"{failed} of the six daily activities not achieved"
    else:
        return None
    tally.add(
        R_CARE_TIER.reason(
            None, used, tier=tier.zh, tier_en=tier.en, basis=basis, basis_en=basis_en
        )
    )
    return tier


def amount(
    tally: Tally, person: Person, facts: ExtremePovertyFacts, *, place: Place
) -> Amount | None:
    """Add the basic living standard and the care standard (国发〔2016〕14号 (二)).

    Without the care tier or the support arrangement the amount is not decided:
    the reason ``assistance.extreme_poverty.amount_facts_missing`` names what is
    missing, and ``None`` is returned.

    .. versionadded:: 0.1.0
    """
    book, where, on = place.book, place.where, place.on
    tier = _tier(tally, facts, place)
    missing = [] if tier is not None else ["$.facts.activities_not_achieved"]
    if facts.arrangement is None:
        missing.append("$.facts.arrangement")
    if tier is None or facts.arrangement is None:
        tally.add(R_AMOUNT_FACTS_MISSING.reason(None, paths=", ".join(missing)), missing)
        return None
    arrangement = facts.arrangement
    basic, basic_used = book.money(
        f"assistance.extreme_poverty.basic_living_standard.{person.registration.kind.value}",
        where,
        on,
    )
    annual, annual_used = book.money(
        f"assistance.extreme_poverty.care_standard.{arrangement.value}.{tier.value}", where, on
    )
    care_fen, total_fen = monthly_amount(yuan_to_fen(basic), yuan_to_fen(annual))
    care, total = fen_to_yuan(care_fen), fen_to_yuan(total_fen)
    tally.add(
        R_AMOUNT.reason(
            None,
            (basic_used, annual_used),
            basic=yuan_text(basic),
            care_annual=yuan_text(annual),
            care=yuan_text(care),
            total=yuan_text(total),
            arrangement=arrangement.zh,
            arrangement_en=arrangement.en,
            tier=tier.zh,
            tier_en=tier.en,
        )
    )
    lines = (
        AmountLine("basic_living", "基本生活标准", "basic living standard", basic),
        AmountLine(
            "care",
            f"照料护理标准({arrangement.zh}, {tier.zh})",
            f"care standard ({arrangement.en}, {tier.en})",
            care,
        ),
    )
    return Amount(total, Period.MONTHLY, lines)
