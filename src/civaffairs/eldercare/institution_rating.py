"""养老机构等级评定 (GB/T 37276-2018): the rating of an eldercare institution.

The rule (GB/T 37276-2018 《养老机构等级划分与评定》, as restated by 长沙市养老机构等级评定
实施细则(试行), which implements it):

1. **Score sheet** — 1 000 points in four parts: 环境 (environment) 120, 设施设备
   (facilities and equipment) 130, 运营管理 (operations and management) 150, 服务
   (services) 600.
2. **Levels** — from 一级 (lowest) to 五级 (highest).  An institution reaches a level when
   its total **and** every part reach that level's thresholds:

   ====== ========= ===================================
   Level  Total ≥   Each part ≥ (share of its maximum)
   ====== ========= ===================================
   一级    360       40 %
   二级    450       50 %
   三级    570       60 %
   四级    780       80 %
   五级    900       90 %
   ====== ========= ===================================

   The level awarded is the highest whose two conditions both hold; an institution that
   reaches no level is not rated (未达到一级).  A high total never makes up for a part
   below its share.
3. **Rating-linked subsidy** — where a jurisdiction pays an operating subsidy by level
   (``eldercare.institution_rating.subsidy.provided``), the level's amount per bed per
   month (``subsidy.level_<n>``) times the beds.  No national subsidy exists; Suizhou's
   2025 work plan links subsidies to the rating but gives no figures, so every amount
   shipped is example data.

Two things to check against the standard's own text before relying on this module:
with the four parts read as the "分项" of the thresholds, the part conditions imply the
total conditions at levels 一级 to 四级 (40 % of every part is 400 points, above 360), so
the totals never bind there; and the standard's prerequisites (veto items such as fire
safety acceptance, recalled) are not modelled — the assessing body checks them before
scoring.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

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
from civaffairs.eldercare.laws import INSTITUTION_RATING_STANDARD
from civaffairs.errors import InvalidInputError
from civaffairs.labels import Labelled
from civaffairs.money import format_yuan
from civaffairs.parameters import ParameterBook, default_book

__all__ = [
    "LEVEL_THRESHOLDS",
    "PART_MAXIMA",
    "PROGRAMME",
    "InstitutionLevel",
    "Part",
    "ScoreSheet",
    "level_for",
    "rate",
]

PROGRAMME = programme("eldercare.institution_rating")

_RATING = Citation(
    INSTITUTION_RATING_STANDARD,
    "等级划分 (总分及各部分得分要求)",
    note="read in a summary of the 长沙 implementing rules (2021-02-24), not the standard",
)
_SUBSIDY = Citation(
    INSTITUTION_RATING_STANDARD,
    None,
    note="the standard sets no subsidy; rating-linked operating subsidies are local",
)


class Part(Labelled):
    """The four parts of the score sheet.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 Members carry their labels (:class:`~civaffairs.labels.Labelled`).
    """

    ENVIRONMENT = "environment", "环境", "environment"
    FACILITIES = "facilities", "设施设备", "facilities and equipment"
    OPERATIONS = "operations", "运营管理", "operations and management"
    SERVICES = "services", "服务", "services"


#: Each part's maximum score (1 000 in all).
PART_MAXIMA: Mapping[Part, int] = {
    Part.ENVIRONMENT: 120,
    Part.FACILITIES: 130,
    Part.OPERATIONS: 150,
    Part.SERVICES: 600,
}


class InstitutionLevel(Labelled):
    """The level awarded: 一级 (lowest) to 五级 (highest), or not rated.

    The value is the level's number (0 for not rated).

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 Members carry their labels (:class:`~civaffairs.labels.Labelled`).
    """

    if TYPE_CHECKING:  # the level's number, not a string

        @property
        def value(self) -> int:  # type: ignore[override]  # Labelled's values are str; these int
            """The level's number."""
            ...

    NOT_RATED = 0, "未达到一级", "no level"
    ONE = 1, "一级", "level 1"
    TWO = 2, "二级", "level 2"
    THREE = 3, "三级", "level 3"
    FOUR = 4, "四级", "level 4"
    FIVE = 5, "五级", "level 5"


#: Each level's thresholds: (level, lowest total, lowest share of every part's maximum).
LEVEL_THRESHOLDS: tuple[tuple[InstitutionLevel, int, Decimal], ...] = (
    (InstitutionLevel.ONE, 360, Decimal("0.4")),
    (InstitutionLevel.TWO, 450, Decimal("0.5")),
    (InstitutionLevel.THREE, 570, Decimal("0.6")),
    (InstitutionLevel.FOUR, 780, Decimal("0.8")),
    (InstitutionLevel.FIVE, 900, Decimal("0.9")),
)


def _points(part: Part, value: object) -> Decimal:
    maximum = PART_MAXIMA[part]
    expected = f"a score from 0 to {maximum} ({part.zh}, as a decimal string or integer)"
    if isinstance(value, bool | float) or not isinstance(value, Decimal | int | str):
        raise InvalidInputError(f"$.{part.value}", value, expected)
    try:
        points = Decimal(value.strip() if isinstance(value, str) else value)
    except ArithmeticError:
        raise InvalidInputError(f"$.{part.value}", value, expected) from None
    if not points.is_finite() or not 0 <= points <= maximum:
        raise InvalidInputError(f"$.{part.value}", value, expected)
    return points


def _environment(value: Decimal | int | str) -> Decimal:
    return _points(Part.ENVIRONMENT, value)


def _facilities(value: Decimal | int | str) -> Decimal:
    return _points(Part.FACILITIES, value)


def _operations(value: Decimal | int | str) -> Decimal:
    return _points(Part.OPERATIONS, value)


def _services(value: Decimal | int | str) -> Decimal:
    return _points(Part.SERVICES, value)


@attrs.frozen
class ScoreSheet:
    """The four part scores of a rating, each from 0 to its maximum (120, 130, 150, 600).

    Scores are exact decimals (half points allowed); a float is refused.

    .. versionadded:: 0.1.0
    """

    environment: Decimal = attrs.field(converter=_environment)
    facilities: Decimal = attrs.field(converter=_facilities)
    operations: Decimal = attrs.field(converter=_operations)
    services: Decimal = attrs.field(converter=_services)

    def part(self, part: Part) -> Decimal:
        """Return one part's score."""
        value: Decimal = getattr(self, part.value)
        return value

    @property
    def total(self) -> Decimal:
        """The total score, 0–1 000."""
        return sum((self.part(p) for p in Part), Decimal(0))


def _points_text(points: Decimal) -> str:
    """Write a score without a spurious ``.0`` (``108.0`` → ``108``, ``52.5`` stays)."""
    if points == points.to_integral_value():
        return str(int(points))
    return str(points.normalize())


def _shortfalls(sheet: ScoreSheet, total: int, share: Decimal) -> list[tuple[str, str]]:
    """Return (zh, en) descriptions of each condition of a level that ``sheet`` misses."""
    missed = []
    if sheet.total < total:
        shown = _points_text(sheet.total)
        missed.append((f"总分 {shown} < {total}", f"total {shown} < {total}"))
    for part in Part:
        floor = share * PART_MAXIMA[part]
        if sheet.part(part) < floor:
            got, need = _points_text(sheet.part(part)), _points_text(floor)
            missed.append((f"{part.zh} {got} < {need}", f"{part.en} {got} < {need}"))
    return missed


def level_for(sheet: ScoreSheet) -> InstitutionLevel:
    """Return the highest level whose total and part thresholds ``sheet`` all reach.

    >>> level_for(ScoreSheet(110, 120, 140, 560))
    <InstitutionLevel.FIVE: 5>
    >>> level_for(ScoreSheet(107, 120, 140, 580))  # environment under 90 % of 120
    <InstitutionLevel.FOUR: 4>

    .. versionadded:: 0.1.0
    """
    awarded = InstitutionLevel.NOT_RATED
    for level, total, share in LEVEL_THRESHOLDS:
        if _shortfalls(sheet, total, share):
            break
        awarded = level
    return awarded


R_LEVEL = ReasonCode.define(
    "eldercare.institution_rating.level",
    "总分 {total}, 各部分 {parts}; 达到{level}要求 (总分 ≥ {threshold}, 各部分 ≥ {share})",
    "total {total}, parts {parts_en}: meets {level_en} (total ≥ {threshold}, every part ≥ "
    "{share} of its maximum)",
    _RATING,
)
R_NEXT_MISSED = ReasonCode.define(
    "eldercare.institution_rating.next_level_missed",
    "未达到{level}: {missed}",
    "{level_en} not reached: {missed_en}",
    _RATING,
)
R_NOT_RATED = ReasonCode.define(
    "eldercare.institution_rating.not_rated",
    "总分 {total}, 未达到一级: {missed}",
    "total {total}: level 1 not reached: {missed_en}",
    _RATING,
)
R_NO_SUBSIDY = ReasonCode.define(
    "eldercare.institution_rating.no_subsidy",
    "本地未设与等级评定挂钩的运营补贴",
    "no rating-linked operating subsidy here",
    _SUBSIDY,
)
R_SUBSIDY = ReasonCode.define(
    "eldercare.institution_rating.subsidy",
    "{level}运营补贴每床每月 {per_bed} 元{beds}",
    "operating subsidy for {level_en}: {per_bed} yuan per bed per month{beds_en}",
    _SUBSIDY,
)


def rate(
    sheet: ScoreSheet,
    on: dt.date,
    *,
    jurisdiction: str,
    beds: int | None = None,
    institution: str = "institution",
    book: ParameterBook | None = None,
) -> Decision:
    """Rate an institution from its score sheet on ``on`` and give any rating-linked subsidy.

    The outcome is eligible when a level is reached; the reasons name the level and,
    below 五级, what the next level misses.  ``beds`` (beds in operation) turns a
    per-bed subsidy into a monthly amount; ``institution`` names the subject.

    .. versionadded:: 0.1.0
    """
    if beds is not None and (type(beds) is not int or beds < 0):
        raise InvalidInputError("$.beds", beds, "a whole number of beds, 0 or more")
    book = book or default_book()
    level = level_for(sheet)
    parts = {p: _points_text(sheet.part(p)) for p in Part}
    reasons: list[Reason] = []
    if level is InstitutionLevel.NOT_RATED:
        missed = _shortfalls(sheet, LEVEL_THRESHOLDS[0][1], LEVEL_THRESHOLDS[0][2])
        reasons.append(
            R_NOT_RATED.reason(
                False,
                total=_points_text(sheet.total),
                missed="; ".join(zh for zh, _ in missed),
                missed_en="; ".join(en for _, en in missed),
            )
        )
    else:
        _, threshold, share = LEVEL_THRESHOLDS[level.value - 1]
        reasons.append(
            R_LEVEL.reason(
                True,
                total=_points_text(sheet.total),
                parts="、".join(f"{p.zh} {v}" for p, v in parts.items()),
                parts_en=", ".join(f"{p.en} {v}" for p, v in parts.items()),
                level=level.zh,
                level_en=level.en,
                threshold=str(threshold),
                share=f"{share:.0%}",
            )
        )
        if level is not InstitutionLevel.FIVE:
            following, total, share = LEVEL_THRESHOLDS[level.value]
            missed = _shortfalls(sheet, total, share)
            reasons.append(
                R_NEXT_MISSED.reason(
                    None,
                    level=following.zh,
                    level_en=following.en,
                    missed="; ".join(zh for zh, _ in missed),
                    missed_en="; ".join(en for _, en in missed),
                )
            )
    outcome = Outcome.NOT_ELIGIBLE if level is InstitutionLevel.NOT_RATED else Outcome.ELIGIBLE
    amount = None
    if level is not InstitutionLevel.NOT_RATED:
        amount = _subsidy(level, beds=beds, where=jurisdiction, on=on, book=book, reasons=reasons)
    return Draft(PROGRAMME.code, institution, on, jurisdiction, reasons).decide(outcome, amount)


def _subsidy(
    level: InstitutionLevel,
    *,
    beds: int | None,
    where: str,
    on: dt.date,
    book: ParameterBook,
    reasons: list[Reason],
) -> Amount | None:
    """Return the monthly rating-linked subsidy where one is paid and the beds are known."""
    provided, provided_used = book.flag("eldercare.institution_rating.subsidy.provided", where, on)
    if not provided:
        reasons.append(R_NO_SUBSIDY.reason(None, (provided_used,)))
        return None
    per_bed, per_bed_used = book.money(
        f"eldercare.institution_rating.subsidy.level_{level.value}", where, on
    )
    total = None if beds is None else per_bed * beds
    reasons.append(
        R_SUBSIDY.reason(
            None,
            (provided_used, per_bed_used),
            level=level.zh,
            level_en=level.en,
            per_bed=format_yuan(per_bed, "exact"),
            beds="" if total is None else f" × {beds} 张床 = {format_yuan(total, 'exact')} 元",
            beds_en="" if total is None else f" × {beds} beds = {format_yuan(total, 'exact')} yuan",
        )
    )
    if total is None:
        return None
    line = AmountLine(
        f"level_{level.value}",
        f"{level.zh} × {beds} 张床",
        f"{level.en} × {beds} beds",
        total,
    )
    return Amount(total, Period.MONTHLY, (line,))
