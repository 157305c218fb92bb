"""Comparisons of targets and results: a plan against last year, places against each other.

:func:`compare_years` sets each target of a plan against the same place's
result for the year before (how far last year's figure was from this year's
target); :func:`compare_jurisdictions` lists every target and result on one
indicator across places, in the indicator's unit.  Both judge and convert
exactly, with the steps of :mod:`civaffairs.targets.evaluation`.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction

import attrs

from civaffairs.errors import InvalidDocumentError, InvalidInputError
from civaffairs.parameters import Status
from civaffairs.targets import evaluation
from civaffairs.targets.evaluation import AttainmentStatus
from civaffairs.targets.model import (
    Bound,
    Comparator,
    Indicator,
    Result,
    Source,
    Target,
    WorkPlan,
    check_results,
)
from civaffairs.targets.units import Unit, convert_exact

__all__ = [
    "FigureKind",
    "JurisdictionFigure",
    "YearComparison",
    "compare_jurisdictions",
    "compare_years",
]


@attrs.frozen(kw_only=True)
class YearComparison:
    """A result of the year before set against this year's target on the same indicator.

    ``baseline`` is last year's value in the target's unit; ``change`` is
    what the target asks on top of it (target − baseline, ``None`` for an
    increase target); ``status`` is what last year's value would score against
    this year's target.

    .. versionadded:: 0.1.0
    """

    target: Target
    result: Result
    baseline: Decimal
    change: Decimal | None
    status: AttainmentStatus
    rounded: bool = False


def compare_years(
    plan: WorkPlan,
    results: Iterable[Result],
    *,
    catalogue: Mapping[str, Indicator] | None = None,
) -> tuple[YearComparison, ...]:
    """Set each target of ``plan`` against the same place's result for the year before.

    Only targets with such a result appear.  With ``example-city-2026``
    against the 2025 summary, 护理型床位占比 stands at 62 % against a target of
    65 %: 3 points to go.

    >>> from civaffairs.targets import load_plan, load_results
    >>> summary = load_results("example-city-2025")
    >>> rows = compare_years(load_plan("example-city-2026"), summary.results)
    >>> [(r.baseline, r.change, r.status.value) for r in rows if r.target.id.endswith("-07")]
    [(Decimal('62'), Decimal('3'), 'not_met')]

    .. versionadded:: 0.1.0
    """
    from civaffairs.targets.attainment import attainment  # noqa: PLC0415 - it imports this module

    results = tuple(results)
    merged = evaluation.catalogue_for(plan, catalogue)
    table = attainment(plan, results, catalogue=catalogue)  # refuses bad input, names every field
    found = []
    for row in table.rows:
        target = row.target
        previous = evaluation.latest(
            [
                (i, r)
                for i, r in enumerate(results)
                if r.indicator == target.indicator
                and evaluation.same_place(r, target)
                and r.year == target.due.year - 1
            ]
        )
        if previous is None:
            continue
        index, result = previous
        exact = evaluation.result_value(
            result, merged[target.indicator], target.unit, f"$.results[{index}]"
        )
        value = Fraction(target.value) if target.value is not None else None
        upper = Fraction(target.upper) if target.upper is not None else None
        status = evaluation.judge(
            target.comparator, exact, value, upper=upper, bound=result.bound, tolerance=None
        )
        baseline, rounded = evaluation.decimal(exact)
        change = None
        if value is not None:
            change, change_rounded = evaluation.decimal(value - exact)
            rounded = rounded or change_rounded
        found.append(
            YearComparison(
                target=target,
                result=result,
                baseline=baseline,
                change=change,
                status=status,
                rounded=rounded,
            )
        )
    return tuple(found)


class FigureKind(enum.Enum):
    """Whether a figure in a comparison is a target or a result.

    .. versionadded:: 0.1.0
    """

    TARGET = "target"
    RESULT = "result"


@attrs.frozen(kw_only=True)
class JurisdictionFigure:
    """One jurisdiction's target or result on an indicator, in the indicator's unit.

    .. versionadded:: 0.1.0
    """

    indicator: str
    kind: FigureKind
    jurisdiction: str | None
    place: str
    year: int
    comparator: Comparator | None
    value: Decimal | None
    upper: Decimal | None
    unit: Unit
    status: Status
    source: Source | None = None
    rounded: bool = False


def compare_jurisdictions(
    indicator: str,
    *,
    plans: Iterable[WorkPlan] | None = None,
    results: Iterable[Result] | None = None,
    catalogue: Mapping[str, Indicator] | None = None,
) -> tuple[JurisdictionFigure, ...]:
    """Every target and result on ``indicator``, across jurisdictions, in one unit.

    ``plans`` and ``results`` default to everything shipped.  Figures are
    converted exactly to the indicator's unit and sorted by year, then place,
    targets before results.  Bad results raise
    :class:`~civaffairs.errors.InvalidDocumentError` naming every bad field.

    >>> [(f.place, f.value) for f in compare_jurisdictions("eldercare.family_beds")]
    [('武隆区', Decimal('100')), ('随州市', Decimal('200'))]

    .. versionadded:: 0.1.0
    """
    from civaffairs.targets import data  # noqa: PLC0415 - the shipped data, read on first use

    known = dict(catalogue) if catalogue is not None else dict(data.indicators())
    plans = tuple(plans) if plans is not None else data.shipped_plans()
    if results is None:
        results = tuple(r for s in data.shipped_result_sets() for r in s.results)
    for plan in plans:
        known.update((i.id, i) for i in plan.indicators)
    if indicator not in known:
        raise InvalidInputError(
            "indicator", repr(indicator), "an indicator id of the catalogue or of the plans"
        )
    results = tuple(results)
    problems = check_results(results, known)
    if problems:
        raise InvalidDocumentError(problems, what="results")
    unit = known[indicator].unit
    figures = [
        *_target_figures(plans, indicator, unit),
        *_result_figures(results, indicator, known[indicator], unit),
    ]
    order = {FigureKind.TARGET: 0, FigureKind.RESULT: 1}
    return tuple(sorted(figures, key=lambda f: (f.year, f.place, order[f.kind])))


def _target_figures(
    plans: Iterable[WorkPlan], indicator: str, unit: Unit
) -> Iterator[JurisdictionFigure]:
    """Every requirement on ``indicator`` (targets and alternatives), converted to ``unit``."""
    for plan in plans:
        for target in plan.targets:
            for req in evaluation.requirements(target):
                if req.indicator != indicator:
                    continue
                yield JurisdictionFigure(
                    indicator=indicator,
                    kind=FigureKind.TARGET,
                    jurisdiction=target.jurisdiction,
                    place=target.place,
                    year=target.due.year,
                    comparator=req.comparator,
                    value=_converted(req.value, req.unit, unit),
                    upper=_converted(req.upper, req.unit, unit),
                    unit=unit,
                    status=target.status,
                    source=target.source,
                )


def _result_figures(
    results: Sequence[Result], indicator: str, defined: Indicator, unit: Unit
) -> Iterator[JurisdictionFigure]:
    """Every result on ``indicator``, its exact value converted to ``unit``."""
    for index, result in enumerate(results):
        if result.indicator != indicator:
            continue
        exact, rounded = evaluation.decimal(
            evaluation.result_value(result, defined, unit, f"$.results[{index}]")
        )
        yield JurisdictionFigure(
            indicator=indicator,
            kind=FigureKind.RESULT,
            jurisdiction=result.jurisdiction,
            place=result.place,
            year=result.year,
            comparator=Comparator.AT_LEAST if result.bound is Bound.AT_LEAST else None,
            value=exact,
            upper=None,
            unit=unit,
            status=result.status,
            source=result.source,
            rounded=rounded,
        )


def _converted(value: Decimal | None, source: Unit, unit: Unit) -> Decimal | None:
    """Return ``value`` in ``source`` units as ``unit``, exactly where it terminates."""
    if value is None:
        return None
    return evaluation.decimal(convert_exact(Fraction(value), source, unit))[0]
