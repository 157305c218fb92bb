"""The shipped indicators, plans and results, and the loader for plan and result files.

The shipped data:

* ``civaffairs/targets/data/indicators.toml`` — the national indicator
  catalogue (:func:`indicators`);
* work plans, in the record book of their jurisdiction
  (``civaffairs/books/<code>.toml``, ``[[targets.plans]]``; :func:`plan_ids`,
  :func:`load_plan`): ``suizhou-2025`` (随州市, 421300), ``jinhua-2023``
  (金华市, 330700), ``qingshen-2020`` (青神县, 511425) and ``wulong-2025``
  (武隆区, 500156);
* the example documents of an unnamed city, which has no division code and so
  no record book: ``civaffairs/targets/data/plans/example-city-2026.toml`` (its
  2026 plan) and ``results/example-city-2025.toml`` (its 2025 summary), both
  **example data** (:func:`result_set_ids`, :func:`load_results`).

Each target and result keeps the section and the exact quote it was read
from, and each file names its seed document, so the data stand on their own.
Figures are recorded as printed (``1.2万人次`` is 1.2 万人次; conversion to 人次
is exact).

Plan and result files (TOML, or JSON with the same keys) are read through a
strict schema: unknown keys are refused, and every problem is reported at once
in one :class:`~civaffairs.errors.InvalidDocumentError` naming each field by
path (``$.targets[3].unit``).  Numbers may be written as TOML or JSON numbers:
they are read as exact decimals from their text, never through a binary
float.

A plan file looks like this (``jurisdiction`` is a GB/T 2260 code or a unique
name; a place without a code gives ``place`` instead and, being unlocatable,
is normally example data; in a record book the same keys follow
``[[targets.plans]]``, without ``jurisdiction``, which is the book's)::

    id = "my-county-2025"
    jurisdiction = "511425"
    year = 2025

    [document]
    title = "2025年民政工作要点"

    [[targets]]
    id = "t1"
    section = "三6"
    indicator = "eldercare.urban_facility_coverage"
    comparator = "at_least"
    value = 80
    unit = "%"
    quote = "城市居家和社区养老服务设施覆盖率达到80%以上"

A results file has ``jurisdiction`` (or ``place``), ``year`` and a list of
``[[results]]`` with ``indicator`` and either ``value`` and ``unit`` or
``numerator`` and ``denominator``.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import tomllib
import types
from collections.abc import Iterator, Mapping
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from civaffairs import jurisdictions
from civaffairs.conversion import structure
from civaffairs.errors import (
    CivaffairsError,
    InvalidDocumentError,
    InvalidInputError,
    UnknownJurisdictionError,
)
from civaffairs.parameters import Status, default_book
from civaffairs.parameters.books import Context, Table
from civaffairs.targets.model import (
    Alternative,
    Bound,
    Comparator,
    Indicator,
    Measure,
    Result,
    ResultSet,
    Source,
    SourceDocument,
    Target,
    WorkPlan,
    check_plan,
    check_results,
)
from civaffairs.targets.units import Unit

if TYPE_CHECKING:
    from attrs import AttrsInstance

#: A record built from a file entry (:func:`_built`).
R = TypeVar("R", bound="AttrsInstance")

__all__ = [
    "UnknownPlanError",
    "find_plan",
    "indicators",
    "load_plan",
    "load_plan_file",
    "load_results",
    "load_results_file",
    "plan_from_data",
    "plan_ids",
    "resolve_plan",
    "resolve_results",
    "result_set_ids",
    "results_from_data",
    "shipped_plans",
    "shipped_result_sets",
]


class UnknownPlanError(CivaffairsError, LookupError):
    """No shipped plan (or result set) has this id, and no file has this path.

    ``known`` lists the shipped ids.

    .. versionadded:: 0.1.0
    """

    def __init__(self, query: str, known: tuple[str, ...], *, what: str = "plan") -> None:
        self.query = query
        self.known = known
        super().__init__(
            f"unknown {what} {query!r}: not a shipped id ({', '.join(known)}), "
            "not an existing .toml/.json file"
            + (
                ", and not JURISDICTION-YEAR (e.g. 421300-2025 or 随州市-2025)"
                if what == "plan"
                else ""
            )
        )


# --- file schemas ------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class _AlternativeEntry:
    indicator: str
    comparator: Comparator
    unit: Unit
    value: Decimal | None = None
    upper: Decimal | None = None
    reading: str | None = None


@attrs.frozen(kw_only=True)
class _TargetEntry:
    id: str
    indicator: str
    comparator: Comparator
    unit: Unit
    value: Decimal | None = None
    upper: Decimal | None = None
    deadline: dt.date | None = None
    each: str | None = None
    section: str | None = None
    quote: str | None = None
    reading: str | None = None
    alternatives: tuple[_AlternativeEntry, ...] = ()


@attrs.frozen(kw_only=True)
class _PlanFile:
    id: str
    year: int
    targets: tuple[_TargetEntry, ...]
    jurisdiction: str | None = None
    place: str | None = None
    status: Status = Status.SOURCED
    note: str | None = None
    document: SourceDocument | None = None
    indicators: tuple[Indicator, ...] = ()


@attrs.frozen(kw_only=True)
class _ResultEntry:
    indicator: str
    year: int | None = None
    value: Decimal | None = None
    unit: Unit | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    as_of: dt.date | None = None
    bound: Bound = Bound.EXACT
    section: str | None = None
    quote: str | None = None
    note: str | None = None


@attrs.frozen(kw_only=True)
class _ResultsFile:
    results: tuple[_ResultEntry, ...]
    id: str | None = None
    jurisdiction: str | None = None
    place: str | None = None
    year: int | None = None
    status: Status = Status.SOURCED
    note: str | None = None
    document: SourceDocument | None = None


@attrs.frozen(kw_only=True)
class _CatalogueFile:
    indicators: tuple[Indicator, ...]


# --- reading -----------------------------------------------------------------------------------


def _plain(data: Any) -> Any:
    """Turn TOML's Decimals into their text, so the strict converter reads them exactly."""
    if isinstance(data, Decimal):
        return str(data)
    if isinstance(data, dict):
        return {key: _plain(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_plain(value) for value in data]
    return data


def _parse(text: str, origin: str, *, what: str) -> Any:
    """Parse TOML (or JSON, when ``origin`` ends in .json) into plain data."""
    try:
        if origin.endswith(".json"):
            # parse_float=str keeps "62.5" as written: no binary float ever holds the value.
            return json.loads(text, parse_float=str)
        return _plain(tomllib.loads(text, parse_float=Decimal))
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InvalidDocumentError(
            [InvalidInputError("$", origin, f"a valid {what} file ({exc})")],
            what=f"{what} {origin}",
        ) from None


def _resolve_place(
    code: str | None, place: str | None
) -> tuple[str | None, str, list[InvalidInputError]]:
    """Resolve a code or a unique name to (code, place label, problems)."""
    if code is None:
        if not place:
            return (
                None,
                "",
                [
                    InvalidInputError(
                        "$.jurisdiction",
                        "(missing)",
                        "a GB/T 2260 code or name, or a place label for a place without a code",
                    )
                ],
            )
        return None, place, []
    try:
        found = jurisdictions.get(code)
    except UnknownJurisdictionError as exc:
        return (
            code,
            place or code,
            [
                InvalidInputError(
                    "$.jurisdiction",
                    repr(code),
                    "a GB/T 2260 code or unique name of the shipped table",
                    detail=str(exc),
                )
            ],
        )
    return found.code, place or found.name, []


def _source(
    document: SourceDocument | None, section: str | None, quote: str | None
) -> Source | None:
    if document is None:
        return None
    return Source(document=document, section=section, quote=quote)


def _built(kind: type[R], entry: AttrsInstance, **given: Any) -> R:
    """Build a ``kind`` record from a file entry: the fields they share by name, then ``given``.

    A plan, its targets and their alternatives, a result set and its results
    are each built this way from their file entries; ``given`` holds what the
    entry does not say itself (the resolved jurisdiction, the source, the
    file's status) or says differently (a result's year, read from the file
    when the entry has none).
    """
    wanted = attrs.fields_dict(kind)
    shared: dict[str, Any] = {
        field.name: getattr(entry, field.name)
        for field in attrs.fields(type(entry))
        if field.name in wanted and field.name not in given
    }
    return kind(**shared, **given)


def _orphan_quotes(
    document: SourceDocument | None, entries: tuple[Any, ...], key: str
) -> Iterator[InvalidInputError]:
    if document is not None:
        return
    for index, entry in enumerate(entries):
        if entry.section is not None or entry.quote is not None:
            yield InvalidInputError(
                f"$.{key}[{index}].quote",
                "(present)",
                "a [document] table naming the document the section and quote come from",
            )


def _check_indicators(
    found: tuple[Indicator, ...], known: Mapping[str, Indicator], path: str
) -> Iterator[InvalidInputError]:
    seen: set[str] = set()
    for index, indicator in enumerate(found):
        where = f"{path}[{index}]"
        if indicator.id in known or indicator.id in seen:
            yield InvalidInputError(f"{where}.id", repr(indicator.id), "an id not already declared")
        seen.add(indicator.id)
        if not re.fullmatch(r"[a-z][a-z0-9_]*(\.[a-z0-9_]+)+", indicator.id):
            yield InvalidInputError(
                f"{where}.id", repr(indicator.id), "a dotted lower-case id such as eldercare.beds"
            )
        ratio_unit = {Measure.SHARE: Unit.PERCENT, Measure.RATE: Unit.PER_10K_RESIDENTS}
        wanted = ratio_unit.get(indicator.measure)
        if wanted is not None and indicator.unit is not wanted:
            yield InvalidInputError(
                f"{where}.unit",
                repr(indicator.unit.value),
                f"{wanted.value!r} for a {indicator.measure.value} indicator",
            )
        if wanted is None and indicator.unit.scale is not None:
            yield InvalidInputError(
                f"{where}.measure",
                repr(indicator.measure.value),
                f"'share' or 'rate' for an indicator in {indicator.unit.value!r}",
            )
        if indicator.measure.is_ratio and indicator.ratio is None:
            yield InvalidInputError(
                f"{where}.ratio", "(missing)", "what the numerator and denominator count"
            )
        if not indicator.measure.is_ratio and indicator.ratio is not None:
            yield InvalidInputError(
                f"{where}.ratio", "(present)", "no ratio for a count, sum or level"
            )


def plan_from_data(
    data: object,
    *,
    origin: str = "plan",
    catalogue: Mapping[str, Indicator] | None = None,
) -> WorkPlan:
    """Build and check a :class:`~civaffairs.targets.model.WorkPlan` from plan-file data.

    ``catalogue`` defaults to the shipped indicators.  Raises
    :class:`~civaffairs.errors.InvalidDocumentError` listing every problem.

    .. versionadded:: 0.1.0
    """
    what = f"plan file {origin}"
    entry = structure(data, _PlanFile, what=what)
    known = dict(indicators() if catalogue is None else catalogue)
    code, place, problems = _resolve_place(entry.jurisdiction, entry.place)
    problems.extend(_check_indicators(entry.indicators, known, "$.indicators"))
    problems.extend(_orphan_quotes(entry.document, entry.targets, "targets"))
    for own in entry.indicators:
        known.setdefault(own.id, own)  # a redefinition is reported above, never used
    plan = _built(
        WorkPlan,
        entry,
        jurisdiction=code,
        place=place,
        targets=tuple(
            _built(
                Target,
                t,
                jurisdiction=code,
                place=place,
                year=entry.year,
                source=_source(entry.document, t.section, t.quote),
                status=entry.status,
                alternatives=tuple(_built(Alternative, a) for a in t.alternatives),
            )
            for t in entry.targets
        ),
    )
    # A bad jurisdiction or place is already reported above: do not report it twice.
    problems.extend(
        p for p in check_plan(plan, known) if p.path not in {"$.jurisdiction", "$.place"}
    )
    if problems:
        raise InvalidDocumentError(problems, what=what)
    return plan


def results_from_data(
    data: object,
    *,
    origin: str = "results",
    catalogue: Mapping[str, Indicator] | None = None,
) -> ResultSet:
    """Build and check a :class:`~civaffairs.targets.model.ResultSet` from results-file data.

    A result without its own ``year`` takes the file's.  ``catalogue``
    defaults to the shipped indicators (pass one that includes a plan's own
    indicators to check results against them).

    .. versionadded:: 0.1.0
    """
    what = f"results file {origin}"
    entry = structure(data, _ResultsFile, what=what)
    known = dict(indicators() if catalogue is None else catalogue)
    code, place, problems = _resolve_place(entry.jurisdiction, entry.place)
    problems.extend(_orphan_quotes(entry.document, entry.results, "results"))
    if entry.status is Status.EXAMPLE and not entry.note:
        problems.append(
            InvalidInputError("$.note", "(missing)", "a note saying why these are example data")
        )
    results = []
    missing_year = set()
    for index, item in enumerate(entry.results):
        year = item.year if item.year is not None else entry.year
        if year is None:
            problems.append(
                InvalidInputError(
                    f"$.results[{index}].year", "(missing)", "a year here or at the top of the file"
                )
            )
            missing_year.add(f"$.results[{index}].year")
            year = 0
        source = _source(entry.document, item.section, item.quote)
        results.append(
            _built(
                Result,
                item,
                jurisdiction=code,
                place=place,
                year=year,
                source=source,
                status=entry.status,
            )
        )
    checked = check_results(results, known)
    problems.extend(
        p
        for p in checked
        if p.path not in missing_year and not p.path.endswith((".jurisdiction", ".place"))
    )
    if problems:
        raise InvalidDocumentError(problems, what=what)
    return _built(
        ResultSet,
        entry,
        id=entry.id or origin,
        jurisdiction=code,
        place=place,
        results=tuple(results),
    )


def _read(path: Path, what: str) -> Any:
    if not path.is_file():
        raise InvalidDocumentError(
            [InvalidInputError("$", str(path), f"an existing {what} file (.toml or .json)")],
            what=f"{what} file",
        )
    return _parse(path.read_text(encoding="utf-8"), str(path), what=what)


def load_plan_file(
    path: str | Path, *, catalogue: Mapping[str, Indicator] | None = None
) -> WorkPlan:
    """Load a plan file (TOML, or JSON when the name ends in ``.json``).

    .. versionadded:: 0.1.0
    """
    path = Path(path)
    return plan_from_data(_read(path, "plan"), origin=str(path), catalogue=catalogue)


def load_results_file(
    path: str | Path, *, catalogue: Mapping[str, Indicator] | None = None
) -> ResultSet:
    """Load a results file (TOML, or JSON when the name ends in ``.json``).

    .. versionadded:: 0.1.0
    """
    path = Path(path)
    return results_from_data(_read(path, "results"), origin=str(path), catalogue=catalogue)


# --- the shipped data --------------------------------------------------------------------------


def _data_dir(name: str) -> Any:
    return resources.files(__package__ or "civaffairs.targets").joinpath("data", name)


@functools.cache
def indicators() -> Mapping[str, Indicator]:
    """Return the shipped indicator catalogue, by id (read-only).

    >>> indicators()["funeral.cremation_rate"].zh
    '火化率'

    .. versionadded:: 0.1.0
    """
    text = _data_dir("indicators.toml").read_text(encoding="utf-8")
    entry = structure(_parse(text, "indicators.toml", what="indicator catalogue"), _CatalogueFile)
    problems = list(_check_indicators(entry.indicators, {}, "$.indicators"))
    problems.extend(
        InvalidInputError(
            f"$.indicators[{index}].id",
            repr(indicator.id),
            f"an id starting with its domain {indicator.domain.value!r}",
        )
        for index, indicator in enumerate(entry.indicators)
        if indicator.id.split(".", 1)[0] != indicator.domain.value
    )
    if problems:
        raise InvalidDocumentError(problems, what="indicator catalogue")
    return types.MappingProxyType({i.id: i for i in entry.indicators})


def _from_book(data: object, context: Context, *, what: str) -> Any:
    """Read a plan or result set of a record book: the book gives its jurisdiction."""
    if not isinstance(data, dict):
        raise InvalidInputError("$", type(data).__name__, f"a {what} table")
    if "jurisdiction" in data or "place" in data:
        raise InvalidInputError(
            "$.jurisdiction", "(present)", f"no jurisdiction: a {what} in a book is the book's"
        )
    return {**_plain(data), "jurisdiction": context.jurisdiction}


def _plan_row(data: object, context: Context) -> WorkPlan:
    entry = _from_book(data, context, what="plan")
    return plan_from_data(entry, origin=f"{context.jurisdiction} record book")


def _results_row(data: object, context: Context) -> ResultSet:
    entry = _from_book(data, context, what="result set")
    return results_from_data(entry, origin=f"{context.jurisdiction} record book")


#: ``[[targets.plans]]`` of the record books: a jurisdiction's work plans, by id.
PLANS: Table[object, WorkPlan] = Table("targets.plans", None, _plan_row, lambda p: (p.id,), False)
#: ``[[targets.results]]`` of the record books: a jurisdiction's result sets, by id.
RESULTS: Table[object, ResultSet] = Table(
    "targets.results", None, _results_row, lambda r: (r.id,), False
)


def _shipped(kind: Table[object, Any]) -> dict[str, Any]:
    """Return the shipped records of ``kind`` by id: the record books', then the example files'."""
    found: dict[str, Any] = {
        str(key[0]): rows[-1] for _, key, rows in default_book().table(kind.name)
    }
    folder = _data_dir(kind.name.removeprefix("targets."))
    for entry in folder.iterdir():
        if entry.name.endswith(".toml"):
            found.setdefault(entry.name.removesuffix(".toml"), entry)
    return found


def plan_ids() -> tuple[str, ...]:
    """Return the ids of the shipped plans, sorted.

    The plans of named places are in their record books (``[[targets.plans]]``);
    an example plan of an unnamed place, which has no division code, ships as
    its own file under ``civaffairs/targets/data/plans/``.

    >>> plan_ids()
    ('example-city-2026', 'jinhua-2023', 'qingshen-2020', 'suizhou-2025', 'wulong-2025')

    .. versionadded:: 0.1.0
    """
    return tuple(sorted(_shipped(PLANS)))


def result_set_ids() -> tuple[str, ...]:
    """Return the ids of the shipped result sets, sorted.

    .. versionadded:: 0.1.0
    """
    return tuple(sorted(_shipped(RESULTS)))


@functools.cache
def load_plan(plan_id: str) -> WorkPlan:
    """Return the shipped plan with this id; raise :class:`UnknownPlanError` otherwise.

    .. versionadded:: 0.1.0
    """
    found = _shipped(PLANS).get(plan_id)
    if found is None:
        raise UnknownPlanError(plan_id, plan_ids())
    if isinstance(found, WorkPlan):
        return found
    name = f"{plan_id}.toml"
    return plan_from_data(_parse(found.read_text(encoding="utf-8"), name, what="plan"), origin=name)


@functools.cache
def load_results(result_set_id: str) -> ResultSet:
    """Return the shipped result set with this id; raise :class:`UnknownPlanError` otherwise.

    .. versionadded:: 0.1.0
    """
    found = _shipped(RESULTS).get(result_set_id)
    if found is None:
        raise UnknownPlanError(result_set_id, result_set_ids(), what="result set")
    if isinstance(found, ResultSet):
        return found
    name = f"{result_set_id}.toml"
    text = found.read_text(encoding="utf-8")
    return results_from_data(_parse(text, name, what="results"), origin=name)


def shipped_plans() -> tuple[WorkPlan, ...]:
    """Return every shipped plan, in id order.

    .. versionadded:: 0.1.0
    """
    return tuple(load_plan(plan_id) for plan_id in plan_ids())


def shipped_result_sets() -> tuple[ResultSet, ...]:
    """Return every shipped result set, in id order.

    .. versionadded:: 0.1.0
    """
    return tuple(load_results(set_id) for set_id in result_set_ids())


def find_plan(place: str, year: int) -> WorkPlan:
    """Return the shipped plan for a jurisdiction (code or name, or a place label) and year.

    >>> find_plan("随州市", 2025).id
    'suizhou-2025'
    >>> find_plan("500156", 2025).id
    'wulong-2025'

    Raises :class:`UnknownPlanError` when no shipped plan matches.

    .. versionadded:: 0.1.0
    """
    code: str | None
    try:
        code = jurisdictions.get(place).code
    except UnknownJurisdictionError:
        code = None
    for plan in shipped_plans():
        same = plan.jurisdiction == code if code is not None else plan.place == place
        if same and plan.year == year:
            return plan
    raise UnknownPlanError(f"{place}-{year}", plan_ids())


def _looks_like_path(spec: str) -> bool:
    return spec.endswith((".toml", ".json")) or "/" in spec or "\\" in spec


def resolve_plan(spec: str) -> WorkPlan:
    """Return the plan ``spec`` names: a file path, a shipped id, or ``JURISDICTION-YEAR``.

    In that order: an existing file (or a name ending in ``.toml``/``.json``)
    is loaded; a shipped id (``suizhou-2025``) is looked up; otherwise
    ``JURISDICTION-YEAR`` such as ``421300-2025``, ``随州市-2025`` or
    ``某市-2026`` finds the shipped plan for that place and year.

    .. versionadded:: 0.1.0
    """
    if Path(spec).is_file() or _looks_like_path(spec):
        return load_plan_file(spec)
    if spec in plan_ids():
        return load_plan(spec)
    match = re.fullmatch(r"(.+)[-:](\d{4})", spec.strip())
    if match:
        return find_plan(match.group(1), int(match.group(2)))
    raise UnknownPlanError(spec, plan_ids())


def resolve_results(spec: str, *, catalogue: Mapping[str, Indicator] | None = None) -> ResultSet:
    """Return the result set ``spec`` names: a file path or a shipped result-set id.

    .. versionadded:: 0.1.0
    """
    if Path(spec).is_file() or _looks_like_path(spec):
        return load_results_file(spec, catalogue=catalogue)
    if spec in result_set_ids():
        return load_results(spec)
    raise UnknownPlanError(spec, result_set_ids(), what="result set")
