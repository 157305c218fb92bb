"""Judging one requirement of a target on an exact value: the arithmetic attainment uses.

:func:`civaffairs.targets.attainment.attainment` and the comparisons of
:mod:`civaffairs.targets.comparisons` share these steps: find a place's
results, read a result's exact value in a target's unit, judge a comparator
on it (bounds included where the wording includes them, 民法典 art. 1259) and
show an exact value as a Decimal (rounded, and flagged, only when it does not
terminate).  The rules are stated once, in :mod:`civaffairs.targets.attainment`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction

import attrs

from civaffairs.errors import InvalidInputError
from civaffairs.labels import Labelled
from civaffairs.targets.model import (
    Alternative,
    Bound,
    Comparator,
    Indicator,
    Result,
    Target,
    WorkPlan,
)
from civaffairs.targets.units import Unit, convert_exact

__all__ = ["AttainmentStatus"]

#: Decimal places a value that does not terminate (1/3) is shown with.
PLACES = 4


class AttainmentStatus(Labelled):
    """Where a target stands.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 Members carry their labels (:class:`~civaffairs.labels.Labelled`).
    """

    MET = "met", "已达成", "met"
    NOT_MET = "not_met", "未达成", "not met"
    #: no usable result yet
    NO_RESULT = "no_result", "暂无结果", "no result yet"
    #: 约 without tolerance, a bound, no baseline
    NOT_MEASURABLE = "not_measurable", "无法判定", "not measurable"


def decimal(value: Fraction) -> tuple[Decimal, bool]:
    """Return ``value`` as a Decimal, exactly when it terminates, else rounded (and True)."""
    denominator = value.denominator
    twos = fives = 0
    while denominator % 2 == 0:
        denominator //= 2
        twos += 1
    while denominator % 5 == 0:
        denominator //= 5
        fives += 1
    if denominator == 1:
        places = max(twos, fives)
        scaled = value * 10**places
        return Decimal(scaled.numerator).scaleb(-places), False
    return Decimal(round(value * 10**PLACES)).scaleb(-PLACES), True


def result_value(result: Result, indicator: Indicator, unit: Unit, path: str) -> Fraction:
    """Return the result's exact value in ``unit`` (numerator ÷ denominator × scale for counts)."""
    if result.numerator is not None and result.denominator is not None:
        scale = indicator.unit.scale or 1
        raw = Fraction(result.numerator) / Fraction(result.denominator) * scale
        return convert_exact(raw, indicator.unit, unit, path=f"{path}.numerator")
    if result.value is None or result.unit is None:  # pragma: no cover - refused by check_results
        raise InvalidInputError(f"{path}.value", "(missing)", "a value and its unit")
    return convert_exact(Fraction(result.value), result.unit, unit, path=f"{path}.unit")


def judge(
    comparator: Comparator,
    measured: Fraction,
    value: Fraction | None,
    *,
    upper: Fraction | None,
    bound: Bound,
    tolerance: Fraction | None,
) -> AttainmentStatus:
    """Decide one requirement on an exact value (``value`` is the baseline for INCREASE)."""
    met, failed, unknown = (
        AttainmentStatus.MET,
        AttainmentStatus.NOT_MET,
        AttainmentStatus.NOT_MEASURABLE,
    )
    if value is None:
        return unknown
    if comparator is Comparator.ABOUT:
        if tolerance is None:
            return unknown
        low, high = value * (1 - tolerance), value * (1 + tolerance)
        if bound is Bound.AT_LEAST:
            return failed if measured > high else unknown
        return met if low <= measured <= high else failed
    if bound is Bound.AT_LEAST:  # the true value is `measured` or more
        if comparator is Comparator.AT_LEAST:
            return met if measured >= value else unknown
        if comparator in {Comparator.MORE_THAN, Comparator.INCREASE}:
            return met if measured > value else unknown
        if comparator is Comparator.LESS_THAN:
            return failed if measured >= value else unknown
        ceiling = upper if comparator is Comparator.BETWEEN and upper is not None else value
        return failed if measured > ceiling else unknown
    checks = {
        Comparator.AT_LEAST: measured >= value,
        Comparator.AT_MOST: measured <= value,
        Comparator.MORE_THAN: measured > value,
        Comparator.INCREASE: measured > value,
        Comparator.LESS_THAN: measured < value,
        Comparator.EXACTLY: measured == value,
        Comparator.BETWEEN: upper is not None and value <= measured <= upper,
    }
    return met if checks[comparator] else failed


def gap_of(
    comparator: Comparator, measured: Fraction, value: Fraction, upper: Fraction | None
) -> tuple[Fraction, Fraction]:
    """Return (gap, the value the gap is relative to)."""
    if comparator is Comparator.BETWEEN and upper is not None:
        if measured < value:
            return measured - value, value
        if measured > upper:
            return measured - upper, upper
        return Fraction(0), value
    return measured - value, value


def same_place(result: Result, target: Target) -> bool:
    """Whether ``result`` is for the target's place: its code, or its label where it has none."""
    if target.jurisdiction is not None:
        return result.jurisdiction == target.jurisdiction
    return result.jurisdiction is None and result.place == target.place


@attrs.frozen
class Requirement:
    """One way a target may be met: the target's own requirement or an alternative's."""

    indicator: str
    comparator: Comparator
    value: Decimal | None
    upper: Decimal | None
    unit: Unit


def requirements(target: Target) -> tuple[Requirement, ...]:
    """Return the target's own requirement, then its alternatives', in order."""
    main = Requirement(target.indicator, target.comparator, target.value, target.upper, target.unit)
    others: Sequence[Alternative] = target.alternatives
    return (
        main,
        *(Requirement(a.indicator, a.comparator, a.value, a.upper, a.unit) for a in others),
    )


def latest(found: list[tuple[int, Result]]) -> tuple[int, Result] | None:
    """Return the (index, result) measured last, or ``None`` when there is none."""
    return max(found, key=lambda pair: pair[1].measured_on) if found else None


def catalogue_for(
    plan: WorkPlan, catalogue: Mapping[str, Indicator] | None
) -> dict[str, Indicator]:
    """Return the indicators a plan may name: ``catalogue`` (default: shipped) and its own.

    A plan's own indicator never redefines a known one.
    """
    if catalogue is None:
        from civaffairs.targets.data import indicators  # noqa: PLC0415 - data imports targets

        catalogue = indicators()
    merged = dict(catalogue)
    for own in plan.indicators:
        merged.setdefault(own.id, own)  # a plan's own indicator never redefines a known one
    return merged
