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

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction

import attrs

from civaffairs.errors import InvalidDocumentError, InvalidInputError
from civaffairs.labels import Language
from civaffairs.parameters import Status
from civaffairs.targets.comparisons import (
    FigureKind,
    JurisdictionFigure,
    YearComparison,
    compare_jurisdictions,
    compare_years,
)
from civaffairs.targets.evaluation import (
    AttainmentStatus,
    Requirement,
    catalogue_for,
    decimal,
    gap_of,
    judge,
    latest,
    requirements,
    result_value,
    same_place,
)
from civaffairs.targets.model import (
    Bound,
    Comparator,
    Indicator,
    Result,
    Target,
    WorkPlan,
    check_plan,
    check_results,
)
from civaffairs.targets.rendering import render
from civaffairs.targets.units import Unit

# Comparisons and rendering have their own modules; their names stay importable from here.
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


@attrs.frozen(kw_only=True)
class Note:
    """A remark on an outcome, in both languages, with a stable code.

    .. versionadded:: 0.1.0
    """

    code: str
    zh: str
    en: str

    def message(self, lang: Language = "zh") -> str:
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

    def render(self, lang: Language = "zh") -> str:
        """Render the table as text; see :func:`~civaffairs.targets.rendering.render`.

        .. versionadded:: 0.1.0
        """
        return render(self, lang)


# --- attainment --------------------------------------------------------------------------------


def _note(code: str, zh: str, en: str) -> Note:
    return Note(code=code, zh=zh, en=en)


@attrs.frozen
class _Context:
    results: tuple[tuple[int, Result], ...]
    catalogue: Mapping[str, Indicator]
    tolerance: Fraction | None
    used: set[int]


def _evaluate(target: Target, req: Requirement, ctx: _Context) -> Outcome:
    """Judge one requirement of ``target`` on the latest usable result (the module's rules)."""
    indicator = ctx.catalogue[req.indicator]
    due = target.due
    mine = [
        (i, r) for i, r in ctx.results if r.indicator == req.indicator and same_place(r, target)
    ]
    this_year = [(i, r) for i, r in mine if r.year == due.year]
    baseline_pair = latest([(i, r) for i, r in mine if r.year == due.year - 1])
    baseline: Fraction | None = None
    if baseline_pair is not None:
        ctx.used.add(baseline_pair[0])
        baseline = result_value(
            baseline_pair[1], indicator, req.unit, f"$.results[{baseline_pair[0]}]"
        )
    notes = _requirement_notes(target, req, ctx.tolerance, has_baseline=baseline is not None)
    chosen = latest([(i, r) for i, r in this_year if r.measured_on <= due])
    for index, result in this_year:
        if result.measured_on > due:
            ctx.used.add(index)
            if chosen is None:
                notes.append(_late(index, result, target))
    pending = Outcome(
        indicator=req.indicator,
        comparator=req.comparator,
        value=req.value,
        upper=req.upper,
        unit=req.unit,
        status=AttainmentStatus.NO_RESULT,
        baseline=decimal(baseline)[0] if baseline is not None else None,
        notes=tuple(notes),
    )
    if chosen is None:
        return pending
    index, result = chosen
    ctx.used.add(index)
    measured = result_value(result, indicator, req.unit, f"$.results[{index}]")
    floor = baseline_pair is not None and baseline_pair[1].bound is Bound.AT_LEAST
    return _judged(pending, result, measured, baseline, ctx.tolerance, baseline_is_floor=floor)


def _requirement_notes(
    target: Target, req: Requirement, tolerance: Fraction | None, *, has_baseline: bool
) -> list[Note]:
    """Return the notes a requirement carries whatever the result: each unit, baseline, 约."""
    notes: list[Note] = []
    year = target.due.year
    if target.each:
        notes.append(
            _note(
                "each",
                f"按每个{target.each}计: 结果应为最弱单位的数值",
                f"applies to each {target.each}: the result is the weakest unit's value",
            )
        )
    if req.comparator is Comparator.INCREASE and not has_baseline:
        notes.append(
            _note(
                "no_baseline",
                f"“提高”类目标需要{year - 1}年的结果作为基数",
                f"an increase target needs a {year - 1} result as its baseline",
            )
        )
    if req.comparator is Comparator.ABOUT:
        if tolerance is None:
            notes.append(
                _note(
                    "about_untested",
                    "“约/左右”未给定容差, 不作判定 (差距照列)",
                    "'about' (约/左右) with no stated tolerance: not judged (gap shown)",
                )
            )
        else:
            share, _ = decimal(tolerance * 100)
            notes.append(
                _note(
                    "about_tolerance",
                    f"“约”按 ±{share}% 容差判定",
                    f"'about' judged with a stated tolerance of ±{share}%",
                )
            )
    return notes


def _late(index: int, result: Result, target: Target) -> Note:
    """Return the note on a result measured after the deadline: not evidence for it."""
    due = target.due
    return _note(
        "after_deadline",
        f"$.results[{index}] 测于{result.measured_on}, 晚于期限{due}, 不作为依据",
        f"$.results[{index}] was measured on {result.measured_on}, "
        f"after the deadline {due}: not evidence for it",
    )


def _judged(
    pending: Outcome,
    result: Result,
    measured: Fraction,
    baseline: Fraction | None,
    tolerance: Fraction | None,
    *,
    baseline_is_floor: bool,
) -> Outcome:
    """Return ``pending`` judged on ``result`` (exact ``measured``), with its gap and notes.

    The requirement's value is the baseline for an increase target.
    """
    value = Fraction(pending.value) if pending.value is not None else baseline
    upper = Fraction(pending.upper) if pending.upper is not None else None
    status = judge(
        pending.comparator, measured, value, upper=upper, bound=result.bound, tolerance=tolerance
    )
    notes = list(pending.notes)
    if pending.value is None and baseline_is_floor and status is AttainmentStatus.MET:
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
    shown, rounded = decimal(measured)
    gap = gap_share = None
    if value is not None:
        difference, reference = gap_of(pending.comparator, measured, value, upper)
        gap, gap_rounded = decimal(difference)
        rounded = rounded or gap_rounded
        if reference:
            gap_share = decimal(difference / reference)[0]
    return attrs.evolve(
        pending,
        status=status,
        measured=shown,
        gap=gap,
        gap_share=gap_share,
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
    merged = catalogue_for(plan, catalogue)
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
        outcomes = tuple(_evaluate(target, req, ctx) for req in requirements(target))
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
