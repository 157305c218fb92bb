"""Attainment: for a work plan and a set of results, how far each target got.

:func:`attainment` gives every target of a plan an :class:`AttainmentStatus`
and, where a result exists, the measured value and the gap, both in the
target's unit.  The rules, stated once:

* **Which result.** A target is judged on results for its indicator, its
  jurisdiction (or, for a place without a code, its place label) and the year
  of its deadline, measured on or before the deadline (a result without
  ``as_of`` counts as measured on 31 December).  A result measured after the
  deadline is not evidence for it: the target has "no result yet" and a note
  says why.  With several usable results, the latest counts.
* **Bounds are included where the wording includes them.** Following
  《民法典》第一千二百五十九条 ("以上"、"以下"、"以内"、"届满"，包括本数;
  "不满"、"超过"、"以外"，不包括本数), 60.0 % meets "达到60%", 100 % meets
  "100%以上", and 3,000 万元 does *not* meet "突破3000万元"
  (:attr:`~civaffairs.targets.model.Comparator.MORE_THAN`).
* **Exact.** Values are compared as exact fractions: a ratio given as counts
  (3 of 5 communities) is 60 % exactly; units of one dimension convert
  exactly (万元 → 元); units of different dimensions are an error
  (:class:`~civaffairs.targets.units.UnitMismatchError`).  Displayed values that
  do not terminate (1/3) are rounded to four decimal places and flagged
  ``rounded``; the status is always decided on the exact value.
* **About (约, 左右) is not guessed.** An
  :attr:`~civaffairs.targets.model.Comparator.ABOUT` target is
  :attr:`AttainmentStatus.NOT_MEASURABLE` unless the caller states a tolerance
  (``about_tolerance=Decimal("0.05")`` accepts results within ±5 % of the
  value, bounds included); the gap is reported either way.
* **Lower bounds.** A result reported as a lower bound ("5万余人") meets an
  at-least target when the bound already does; otherwise it cannot decide.
* **Increase.** An "increase" target (提高, 扩大) compares with the result of
  the year before (the baseline); without one it is not measurable.
* **Either-or.** A target with alternatives is met when any way is met; it
  is "not met" only when every way has failed.
* **Gap.** ``gap`` is the result minus the target value, in the target's unit
  (percentage points for %): negative means short of the target.  For a
  range it is the distance to the nearer end (0 inside); for an increase it is
  the change from the baseline.  ``gap_share`` is the gap over the target value
  (a fraction: -0.25 is 25 % short; rounded to four places when it does not terminate).
* **Results the plan does not ask about** are listed in
  :attr:`Attainment.unused` with the reason (another indicator, another year,
  another place, superseded by a later result) and shown as warnings under
  the table.  With ``strict=True`` a result for an indicator the plan does not
  have is an error naming ``$.results[i].indicator``.
* **Baseline.** Each outcome also shows the result of the year before the
  deadline's year, converted to the target's unit: the achieved value of last
  year's summary against this year's target (see also :func:`compare_years`).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import enum
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction

import attrs

from civaffairs.errors import InvalidDocumentError, InvalidInputError
from civaffairs.parameters import Status
from civaffairs.targets.model import (
    Alternative,
    Bound,
    Comparator,
    Indicator,
    Result,
    Source,
    Target,
    WorkPlan,
    check_plan,
    check_results,
    describe_requirement,
)
from civaffairs.targets.units import Unit, convert_exact

__all__ = [
    "Attainment",
    "AttainmentStatus",
    "FigureKind",
    "JurisdictionFigure",
    "Note",
    "Outcome",
    "TargetAttainment",
    "UnusedResult",
    "YearComparison",
    "attainment",
    "compare_jurisdictions",
    "compare_years",
    "render",
]

_PLACES = 4


class AttainmentStatus(enum.Enum):
    """Where a target stands.

    .. versionadded:: 0.1.0
    """

    MET = "met"  #: 已达成
    NOT_MET = "not_met"  #: 未达成
    NO_RESULT = "no_result"  #: 暂无结果 (no usable result yet)
    NOT_MEASURABLE = "not_measurable"  #: 无法判定 (约 without tolerance, a bound, no baseline)

    def label(self, lang: str = "zh") -> str:
        """Return the status in ``lang``.

        .. versionadded:: 0.1.0
        """
        zh, en = _STATUS_LABELS[self]
        return zh if lang == "zh" else en


_STATUS_LABELS = {
    AttainmentStatus.MET: ("已达成", "met"),
    AttainmentStatus.NOT_MET: ("未达成", "not met"),
    AttainmentStatus.NO_RESULT: ("暂无结果", "no result yet"),
    AttainmentStatus.NOT_MEASURABLE: ("无法判定", "not measurable"),
}


@attrs.frozen(kw_only=True)
class Note:
    """A remark on an outcome, in both languages, with a stable code.

    .. versionadded:: 0.1.0
    """

    code: str
    zh: str
    en: str

    def message(self, lang: str = "zh") -> str:
        """Return the note in ``lang``.

        .. versionadded:: 0.1.0
        """
        return self.zh if lang == "zh" else self.en


@attrs.frozen(kw_only=True)
class Outcome:
    """How one requirement of a target (the target itself, or an alternative) stands.

    ``value``/``upper``/``unit``/``comparator`` restate the requirement;
    ``measured``, ``gap`` and ``baseline`` are in ``unit``.  ``result`` is the
    result judged (``None`` when there is none).

    .. versionadded:: 0.1.0
    """

    indicator: str
    comparator: Comparator
    value: Decimal | None
    upper: Decimal | None
    unit: Unit
    status: AttainmentStatus
    measured: Decimal | None = None
    gap: Decimal | None = None
    gap_share: Decimal | None = None
    baseline: Decimal | None = None
    rounded: bool = False
    result: Result | None = None
    notes: tuple[Note, ...] = ()


@attrs.frozen(kw_only=True)
class TargetAttainment:
    """One row of the attainment table: a target, its status, and its outcomes.

    ``outcomes[0]`` is the target's own requirement; the others are its
    alternatives, in order.

    .. versionadded:: 0.1.0
    """

    target: Target
    status: AttainmentStatus
    outcomes: tuple[Outcome, ...]

    @property
    def measured(self) -> Decimal | None:
        """The measured value for the target's own requirement, in its unit.

        .. versionadded:: 0.1.0
        """
        return self.outcomes[0].measured

    @property
    def gap(self) -> Decimal | None:
        """The gap of the target's own requirement (result − target), in its unit.

        .. versionadded:: 0.1.0
        """
        return self.outcomes[0].gap

    @property
    def gap_share(self) -> Decimal | None:
        """The gap as a share of the target value (−0.05 is 5 % short).

        .. versionadded:: 0.1.0
        """
        return self.outcomes[0].gap_share

    @property
    def baseline(self) -> Decimal | None:
        """The previous year's result, in the target's unit.

        .. versionadded:: 0.1.0
        """
        return self.outcomes[0].baseline


@attrs.frozen(kw_only=True)
class UnusedResult:
    """A result no target used, with the reason: shown as a warning under the table.

    .. versionadded:: 0.1.0
    """

    path: str
    indicator: str
    year: int
    reason: Note


@attrs.frozen(kw_only=True)
class Attainment:
    """The attainment table of one plan against a set of results.

    ``indicators`` holds the indicators the rows measure (for their names).
    ``uses_example_data`` is true when the plan or any result judged is
    example data; renderings say so.

    .. versionadded:: 0.1.0
    """

    plan_id: str
    jurisdiction: str | None
    place: str
    year: int
    status: Status
    rows: tuple[TargetAttainment, ...]
    indicators: tuple[Indicator, ...]
    unused: tuple[UnusedResult, ...] = ()
    about_tolerance: Decimal | None = None
    title: str | None = None
    note: str | None = None

    @property
    def uses_example_data(self) -> bool:
        """Whether the plan or any result behind a row is example data.

        .. versionadded:: 0.1.0
        """
        return self.status is Status.EXAMPLE or any(
            outcome.result is not None and outcome.result.status is Status.EXAMPLE
            for row in self.rows
            for outcome in row.outcomes
        )

    def counts(self) -> dict[AttainmentStatus, int]:
        """Return how many targets have each status (every status present, zero or more).

        .. versionadded:: 0.1.0
        """
        found = dict.fromkeys(AttainmentStatus, 0)
        for row in self.rows:
            found[row.status] += 1
        return found

    def row(self, target_id: str) -> TargetAttainment:
        """Return the row of the target with this id, or raise :class:`KeyError`.

        .. versionadded:: 0.1.0
        """
        for row in self.rows:
            if row.target.id == target_id:
                return row
        raise KeyError(target_id)

    def render(self, lang: str = "zh") -> str:
        """Render the table as text; see :func:`render`.

        .. versionadded:: 0.1.0
        """
        return render(self, lang)


# --- exact arithmetic --------------------------------------------------------------------------


def _decimal(value: Fraction) -> tuple[Decimal, bool]:
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
    return Decimal(round(value * 10**_PLACES)).scaleb(-_PLACES), True


def _result_value(result: Result, indicator: Indicator, unit: Unit, path: str) -> Fraction:
    """Return the result's exact value in ``unit`` (numerator ÷ denominator × scale for counts)."""
    if result.numerator is not None and result.denominator is not None:
        scale = indicator.unit.scale or 1
        raw = Fraction(result.numerator) / Fraction(result.denominator) * scale
        return convert_exact(raw, indicator.unit, unit, path=f"{path}.numerator")
    if result.value is None or result.unit is None:  # pragma: no cover - refused by check_results
        raise InvalidInputError(f"{path}.value", "(missing)", "a value and its unit")
    return convert_exact(Fraction(result.value), result.unit, unit, path=f"{path}.unit")


def _judge(
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


def _gap(
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


# --- attainment --------------------------------------------------------------------------------


def _same_place(result: Result, target: Target) -> bool:
    if target.jurisdiction is not None:
        return result.jurisdiction == target.jurisdiction
    return result.jurisdiction is None and result.place == target.place


def _note(code: str, zh: str, en: str) -> Note:
    return Note(code=code, zh=zh, en=en)


@attrs.frozen
class _Requirement:
    indicator: str
    comparator: Comparator
    value: Decimal | None
    upper: Decimal | None
    unit: Unit


def _requirements(target: Target) -> tuple[_Requirement, ...]:
    main = _Requirement(
        target.indicator, target.comparator, target.value, target.upper, target.unit
    )
    others: Sequence[Alternative] = target.alternatives
    return (
        main,
        *(_Requirement(a.indicator, a.comparator, a.value, a.upper, a.unit) for a in others),
    )


@attrs.frozen
class _Context:
    results: tuple[tuple[int, Result], ...]
    catalogue: Mapping[str, Indicator]
    tolerance: Fraction | None
    used: set[int]


def _latest(found: list[tuple[int, Result]]) -> tuple[int, Result] | None:
    return max(found, key=lambda pair: pair[1].measured_on) if found else None


def _evaluate(  # noqa: PLR0912 - each note is its own branch, in the order they are shown
    target: Target, req: _Requirement, ctx: _Context
) -> Outcome:
    indicator = ctx.catalogue[req.indicator]
    due = target.due
    mine = [
        (i, r) for i, r in ctx.results if r.indicator == req.indicator and _same_place(r, target)
    ]
    this_year = [(i, r) for i, r in mine if r.year == due.year]
    usable = [(i, r) for i, r in this_year if r.measured_on <= due]
    late = [(i, r) for i, r in this_year if r.measured_on > due]
    notes: list[Note] = []
    if target.each:
        notes.append(
            _note(
                "each",
                f"按每个{target.each}计: 结果应为最弱单位的数值",
                f"applies to each {target.each}: the result is the weakest unit's value",
            )
        )
    baseline_pair = _latest([(i, r) for i, r in mine if r.year == due.year - 1])
    baseline: Fraction | None = None
    if baseline_pair is not None:
        ctx.used.add(baseline_pair[0])
        baseline = _result_value(
            baseline_pair[1], indicator, req.unit, f"$.results[{baseline_pair[0]}]"
        )
    value = Fraction(req.value) if req.value is not None else baseline
    upper = Fraction(req.upper) if req.upper is not None else None
    if req.comparator is Comparator.INCREASE and baseline is None:
        notes.append(
            _note(
                "no_baseline",
                f"“提高”类目标需要{due.year - 1}年的结果作为基数",
                f"an increase target needs a {due.year - 1} result as its baseline",
            )
        )
    if req.comparator is Comparator.ABOUT:
        if ctx.tolerance is None:
            notes.append(
                _note(
                    "about_untested",
                    "“约/左右”未给定容差, 不作判定 (差距照列)",
                    "'about' (约/左右) with no stated tolerance: not judged (gap shown)",
                )
            )
        else:
            share, _ = _decimal(ctx.tolerance * 100)
            notes.append(
                _note(
                    "about_tolerance",
                    f"“约”按 ±{share}% 容差判定",
                    f"'about' judged with a stated tolerance of ±{share}%",
                )
            )
    chosen = _latest(usable)
    for index, result in late:
        ctx.used.add(index)
        if chosen is None:
            notes.append(
                _note(
                    "after_deadline",
                    f"$.results[{index}] 测于{result.measured_on}, 晚于期限{due}, 不作为依据",
                    f"$.results[{index}] was measured on {result.measured_on}, "
                    f"after the deadline {due}: not evidence for it",
                )
            )
    shown_baseline = _decimal(baseline)[0] if baseline is not None else None
    if chosen is None:
        return Outcome(
            indicator=req.indicator,
            comparator=req.comparator,
            value=req.value,
            upper=req.upper,
            unit=req.unit,
            status=AttainmentStatus.NO_RESULT,
            baseline=shown_baseline,
            notes=tuple(notes),
        )
    index, result = chosen
    ctx.used.add(index)
    measured = _result_value(result, indicator, req.unit, f"$.results[{index}]")
    status = _judge(
        req.comparator, measured, value, upper=upper, bound=result.bound, tolerance=ctx.tolerance
    )
    baseline_is_floor = (
        req.value is None and baseline_pair is not None and baseline_pair[1].bound is Bound.AT_LEAST
    )
    if baseline_is_floor and status is AttainmentStatus.MET:
        # The true baseline is the figure or more: exceeding the figure proves no increase.
        status = AttainmentStatus.NOT_MEASURABLE
        notes.append(
            _note(
                "baseline_lower_bound",
                "基数为下限 (如“余”), 无法确认已提高",
                "the baseline is a lower bound (余): an increase cannot be confirmed",
            )
        )
    if result.bound is Bound.AT_LEAST:
        notes.append(
            _note(
                "lower_bound",
                "结果为下限 (如“余”“以上”)",
                "the result is a lower bound (余, 以上): the true value may be higher",
            )
        )
    if result.status is Status.EXAMPLE:
        notes.append(_note("example_result", "结果为示例数据", "the result is example data"))
    shown, rounded = _decimal(measured)
    gap = gap_share = None
    if value is not None:
        difference, reference = _gap(req.comparator, measured, value, upper)
        gap, gap_rounded = _decimal(difference)
        rounded = rounded or gap_rounded
        if reference:
            gap_share = _decimal(difference / reference)[0]
    return Outcome(
        indicator=req.indicator,
        comparator=req.comparator,
        value=req.value,
        upper=req.upper,
        unit=req.unit,
        status=status,
        measured=shown,
        gap=gap,
        gap_share=gap_share,
        baseline=shown_baseline,
        rounded=rounded,
        result=result,
        notes=tuple(notes),
    )


def _combine(outcomes: Sequence[Outcome]) -> AttainmentStatus:
    statuses = [o.status for o in outcomes]
    for status in (
        AttainmentStatus.MET,
        AttainmentStatus.NO_RESULT,
        AttainmentStatus.NOT_MEASURABLE,
    ):
        if status in statuses:
            return status
    return AttainmentStatus.NOT_MET


def _catalogue(plan: WorkPlan, catalogue: Mapping[str, Indicator] | None) -> dict[str, Indicator]:
    if catalogue is None:
        from civaffairs.targets.data import indicators  # noqa: PLC0415 - data imports this module

        catalogue = indicators()
    merged = dict(catalogue)
    for own in plan.indicators:
        merged.setdefault(own.id, own)  # a plan's own indicator never redefines a known one
    return merged


def _tolerance(about_tolerance: Decimal | None) -> tuple[Fraction | None, list[InvalidInputError]]:
    if about_tolerance is None:
        return None, []
    if not about_tolerance.is_finite() or not Decimal(0) <= about_tolerance < 1:
        return None, [
            InvalidInputError(
                "$.about_tolerance",
                str(about_tolerance),
                "a fraction from 0 up to (not including) 1, e.g. 0.05 for ±5 %",
            )
        ]
    return Fraction(about_tolerance), []


def _unused_reason(result: Result, plan: WorkPlan) -> Note:
    if result.indicator not in plan.indicator_ids:
        return _note("not_in_plan", "本计划没有该指标的目标", "the plan has no target on it")
    if (result.jurisdiction, result.place if result.jurisdiction is None else "") != (
        plan.jurisdiction,
        plan.place if plan.jurisdiction is None else "",
    ):
        return _note(
            "other_place",
            f"结果属于其他地区 ({result.place})",
            f"the result is for another place ({result.place})",
        )
    return _note(
        "other_year",
        f"{result.year}年的结果未被使用 (非目标年度或上年, 或已被更晚的结果取代)",
        f"the {result.year} result was not used (not the target year or the year before, "
        "or superseded by a later result)",
    )


def attainment(
    plan: WorkPlan,
    results: Iterable[Result] = (),
    *,
    about_tolerance: Decimal | None = None,
    strict: bool = False,
    catalogue: Mapping[str, Indicator] | None = None,
) -> Attainment:
    """Judge every target of ``plan`` against ``results``; see the module docstring.

    ``catalogue`` defaults to the shipped indicators (plus the plan's own).
    Raises :class:`~civaffairs.errors.InvalidDocumentError` listing every bad
    field of the input, as if it were ``{"plan": ..., "results": [...]}``:
    ``$.plan.targets[2].unit``, ``$.results[0].denominator``, ...

    >>> from civaffairs.targets import load_plan, load_results
    >>> summary = load_results("example-city-2025")
    >>> table = attainment(load_plan("example-city-2026"), summary.results)
    >>> row = table.row("example-city-2026-07")  # 护理型床位占比提升至65%
    >>> row.status.value, row.baseline
    ('no_result', Decimal('62'))

    .. versionadded:: 0.1.0
    """
    results = tuple(results)
    merged = _catalogue(plan, catalogue)
    tolerance, problems = _tolerance(about_tolerance)
    problems = [*check_plan(plan, merged, path="$.plan"), *problems]
    problems.extend(check_results(results, merged))
    wanted = plan.indicator_ids
    if strict:
        problems.extend(
            InvalidInputError(
                f"$.results[{index}].indicator",
                repr(result.indicator),
                f"an indicator the plan {plan.id} has a target on (strict mode)",
            )
            for index, result in enumerate(results)
            if result.indicator not in wanted and result.indicator in merged
        )
    if problems:
        raise InvalidDocumentError(problems, what="attainment input")
    ctx = _Context(tuple(enumerate(results)), merged, tolerance, set())
    rows = []
    for target in plan.targets:
        outcomes = tuple(_evaluate(target, req, ctx) for req in _requirements(target))
        rows.append(TargetAttainment(target=target, status=_combine(outcomes), outcomes=outcomes))
    unused = tuple(
        UnusedResult(
            path=f"$.results[{index}]",
            indicator=result.indicator,
            year=result.year,
            reason=_unused_reason(result, plan),
        )
        for index, result in enumerate(results)
        if index not in ctx.used
    )
    return Attainment(
        plan_id=plan.id,
        jurisdiction=plan.jurisdiction,
        place=plan.place,
        year=plan.year,
        status=plan.status,
        rows=tuple(rows),
        indicators=tuple(merged[i] for i in sorted(wanted)),
        unused=unused,
        about_tolerance=about_tolerance,
        title=plan.document.title if plan.document else None,
        note=plan.note,
    )


# --- comparisons -------------------------------------------------------------------------------


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
    results = tuple(results)
    merged = _catalogue(plan, catalogue)
    table = attainment(plan, results, catalogue=catalogue)
    found = []
    for row in table.rows:
        target = row.target
        previous = _latest(
            [
                (i, r)
                for i, r in enumerate(results)
                if r.indicator == target.indicator
                and _same_place(r, target)
                and r.year == target.due.year - 1
            ]
        )
        if previous is None:
            continue
        index, result = previous
        exact = _result_value(result, merged[target.indicator], target.unit, f"$.results[{index}]")
        value = Fraction(target.value) if target.value is not None else None
        upper = Fraction(target.upper) if target.upper is not None else None
        status = _judge(
            target.comparator, exact, value, upper=upper, bound=result.bound, tolerance=None
        )
        baseline, rounded = _decimal(exact)
        change = None
        if value is not None:
            change, change_rounded = _decimal(value - exact)
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
    from civaffairs.targets import data  # noqa: PLC0415 - data imports this module

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
    figures: list[JurisdictionFigure] = []
    for plan in plans:
        for target in plan.targets:
            for req in _requirements(target):
                if req.indicator != indicator:
                    continue
                value = _converted(req.value, req.unit, unit)
                figures.append(
                    JurisdictionFigure(
                        indicator=indicator,
                        kind=FigureKind.TARGET,
                        jurisdiction=target.jurisdiction,
                        place=target.place,
                        year=target.due.year,
                        comparator=req.comparator,
                        value=value[0] if value else None,
                        upper=_first(_converted(req.upper, req.unit, unit)),
                        unit=unit,
                        status=target.status,
                        source=target.source,
                    )
                )
    for index, result in enumerate(results):
        if result.indicator != indicator:
            continue
        exact, rounded = _decimal(
            _result_value(result, known[indicator], unit, f"$.results[{index}]")
        )
        figures.append(
            JurisdictionFigure(
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
        )
    order = {FigureKind.TARGET: 0, FigureKind.RESULT: 1}
    return tuple(sorted(figures, key=lambda f: (f.year, f.place, order[f.kind])))


def _converted(value: Decimal | None, source: Unit, unit: Unit) -> tuple[Decimal, bool] | None:
    if value is None:
        return None
    return _decimal(convert_exact(Fraction(value), source, unit))


def _first(pair: tuple[Decimal, bool] | None) -> Decimal | None:
    return pair[0] if pair is not None else None


# --- rendering ---------------------------------------------------------------------------------

_HEADERS = {
    "zh": ("#", "条目", "指标", "目标", "期限", "结果", "状态", "差距", "上年"),
    "en": ("#", "section", "indicator", "target", "due", "result", "status", "gap", "last year"),
}

_TEXT = {
    "zh": {
        "or": "或",
        "either": "→ 满足其一即可",
        "total": "合计",
        "example": "注意: 本表使用示例数据 (非正式文件), 仅供演示",
        "unused": "未使用的结果",
        "notes": "说明",
        "points": "个百分点",
        "tolerance": "“约”的容差",
    },
    "en": {
        "or": "or",
        "either": "→ either way meets the target",
        "total": "total",
        "example": "NOTE: this table uses example data, not a sourced document",
        "unused": "results not used",
        "notes": "notes",
        "points": "pts",
        "tolerance": "tolerance for 'about'",
    },
}


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in {"W", "F"} else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _number(value: Decimal) -> str:
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _signed(value: Decimal) -> str:
    text = _number(value)
    return text if text.startswith("-") or text == "0" else f"+{text}"


def _gap_text(outcome: Outcome, lang: str) -> str:
    if outcome.gap is None:
        return ""
    unit = _TEXT[lang]["points"] if outcome.unit is Unit.PERCENT else outcome.unit.label(lang)
    text = f"{_signed(outcome.gap)} {unit}"
    if outcome.gap_share is not None and outcome.unit is not Unit.PERCENT:
        text += f" ({_signed(outcome.gap_share * 100)}%)"
    return text


def _requirement_text(outcome: Outcome, lang: str) -> str:
    value = None if outcome.value is None else Decimal(_number(outcome.value))
    upper = None if outcome.upper is None else Decimal(_number(outcome.upper))
    return describe_requirement(outcome.comparator, value, upper, outcome.unit, lang)


def _measured_text(outcome: Outcome, lang: str) -> str:
    if outcome.measured is None:
        return "—"
    prefix = "≥ " if outcome.result is not None and outcome.result.bound is Bound.AT_LEAST else ""
    approx = "≈" if outcome.rounded else ""
    return f"{prefix}{approx}{_number(outcome.measured)} {outcome.unit.label(lang)}"


def render(table: Attainment, lang: str = "zh") -> str:
    """Render an attainment table as plain text in ``lang`` (``"zh"`` or ``"en"``).

    One line per target (plus one per alternative of an either-or target),
    then the totals by status, the notes, the results that were not used and,
    for example data, a warning.

    .. versionadded:: 0.1.0
    """
    text = _TEXT[lang]
    names = {i.id: i.name(lang) for i in table.indicators}
    where = f"{table.place} ({table.jurisdiction})" if table.jurisdiction else table.place
    heading = f"{where} {table.year} [{table.plan_id}]"
    if table.title:
        heading += f" {table.title}"
    lines = [heading]
    if table.uses_example_data:
        lines.append(text["example"])
        if table.note:
            lines.append(f"  ({table.note})")
    body: list[tuple[str, ...]] = [_HEADERS[lang]]
    notes: list[str] = []
    for number, row in enumerate(table.rows, start=1):
        for position, outcome in enumerate(row.outcomes):
            first = position == 0
            body.append(
                (
                    f"{number:02d}" if first else "",
                    (row.target.source.section or "") if first and row.target.source else "",
                    (names.get(outcome.indicator, outcome.indicator) if first else f"{text['or']} ")
                    + ("" if first else names.get(outcome.indicator, outcome.indicator)),
                    _requirement_text(outcome, lang),
                    row.target.due.isoformat() if first else "",
                    _measured_text(outcome, lang),
                    (outcome.status if row.target.alternatives else row.status).label(lang),
                    _gap_text(outcome, lang),
                    "" if outcome.baseline is None else _number(outcome.baseline),
                )
            )
            notes.extend(f"{number:02d}: {note.message(lang)}" for note in outcome.notes)
        if row.target.alternatives:
            body.append(("", "", text["either"], "", "", "", row.status.label(lang), "", ""))
    widths = [max(_width(cells[i]) for cells in body) for i in range(len(body[0]))]
    lines.extend(
        "  ".join(_pad(cell, widths[i]) for i, cell in enumerate(cells)).rstrip() for cells in body
    )
    counts = table.counts()
    lines.append(
        f"{text['total']}: "
        + ", ".join(f"{status.label(lang)} {counts[status]}" for status in AttainmentStatus)
    )
    if table.about_tolerance is not None:
        lines.append(f"{text['tolerance']}: ±{_number(table.about_tolerance * 100)}%")
    if notes:
        lines.append(f"{text['notes']}:")
        lines.extend(f"  {line}" for line in notes)
    if table.unused:
        lines.append(f"{text['unused']}:")
        lines.extend(
            f"  {u.path} {u.indicator} ({u.year}): {u.reason.message(lang)}" for u in table.unused
        )
    return "\n".join(lines)
