"""Record books: everything civaffairs knows about one jurisdiction, in one TOML file.

The shipped books are ``civaffairs/books/<GB/T 2260 code>.toml`` (``000000``
is national).  A book holds:

``jurisdiction``
    the six-digit code (and an optional file-level ``note``);
``[sources.KEY]``
    the documents its records cite (one :class:`~civaffairs.parameters.Source`
    type for every record);
``[[values."PARAMETER"]]``
    dated values of scalar parameters declared in a programme's schema;
tables, ``[[AREA.TABLE]]``
    dated rows of the tables programmes keep (:data:`TABLES`): funeral
    catalogues, waiver schemes and zones (``[[funeral.scheme]]``…), basic
    eldercare service lists (``[[eldercare.entitlements.services]]``) and
    work plans and results (``[[targets.plans]]``, ``[[targets.results]]``).

A file is read once (TOML) and every entry is structured through the
library's cattrs converter (:func:`civaffairs.conversion.make_converter`,
``toml=True``): every problem is reported at once, by path
(``$.funeral.scheme[0].allowance[1].cap``), with the value and what was
expected, in one :class:`~civaffairs.errors.ParameterFileError`.  Every dated
entry is ``sourced`` (naming a declared source) or ``example`` (with a
``note`` saying where it comes from); periods in one series must not overlap.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import importlib
import tomllib
from collections.abc import Callable, Hashable, Iterator, Mapping
from decimal import Decimal
from typing import Any, Generic, TypeVar

import attrs
import cattrs

from civaffairs import jurisdictions
from civaffairs.conversion import make_converter, structure
from civaffairs.errors import InvalidDocumentError, InvalidInputError, ParameterFileError
from civaffairs.parameters import ParameterSpec, _coerce
from civaffairs.parameters.records import (
    ParameterValue,
    Provenance,
    Source,
    Status,
    overlaps,
)

__all__ = ["TABLES", "Context", "DatedRow", "Parsed", "Table", "read_book", "row_record", "table"]

#: Every table a record book may hold, by its name in the file, and the
#: ``module:attribute`` that declares it (a :class:`Table`), resolved on demand.
TABLES: Mapping[str, str] = {
    "funeral.catalogue": "civaffairs.funeral.policy:CATALOGUE",
    "funeral.scheme": "civaffairs.funeral.policy:SCHEMES",
    "funeral.zone": "civaffairs.funeral.policy:ZONES",
    "eldercare.entitlements.services": "civaffairs.eldercare.entitlements:SERVICES",
    "targets.plans": "civaffairs.targets.data:PLANS",
    "targets.results": "civaffairs.targets.data:RESULTS",
}

_CORE_KEYS = ("jurisdiction", "note", "sources", "values")


@attrs.frozen(kw_only=True)
class DatedRow:
    """The keys every dated row of a record book has (a table's row type adds its own).

    .. versionadded:: 0.1.0
    """

    effective_from: dt.date
    effective_to: dt.date | None = None
    status: Status
    source: str | None = None
    article: str | None = None
    note: str | None = None


@attrs.frozen(kw_only=True)
class _ValueRow(DatedRow):
    value: Any


@attrs.frozen(kw_only=True)
class _SourceRow:
    title: str
    document_number: str | None = None
    publisher: str | None = None
    published: dt.date | None = None
    url: str | None = None


@attrs.frozen
class Context:
    """What a row is read against: its book's jurisdiction, sources and parameter schema.

    .. versionadded:: 0.1.0
    """

    jurisdiction: str
    sources: Mapping[str, Source]
    specs: Mapping[str, ParameterSpec]

    def provenance(self, row: DatedRow, *, inherit: Provenance | None = None) -> Provenance:
        """Return the row's provenance, or raise :class:`InvalidDocumentError` saying what is wrong.

        ``inherit``: the provenance a part of a row (a scheme's allowance)
        takes its source from when it names none of its own.
        """
        start, end = row.effective_from, row.effective_to
        source = inherit.source if inherit is not None and row.source is None else None
        errors = []
        if row.source is not None:
            source = self.sources.get(row.source)
            if source is None:
                errors.append(
                    InvalidInputError(
                        "$.source", repr(row.source), "a source declared under [sources]"
                    )
                )
        if end is not None and end < start:
            errors.append(
                InvalidInputError(
                    "$.effective_to", end.isoformat(), f"a date on or after effective_from {start}"
                )
            )
        if row.status is Status.SOURCED and source is None and row.source is None:
            expected = 'a key of [sources] (status = "sourced" needs a source)'
            errors.append(InvalidInputError("$.source", "(missing)", expected))
        if row.status is Status.EXAMPLE and not row.note:
            errors.append(
                InvalidInputError(
                    "$.note",
                    "(missing)",
                    "an example record needs a 'note' saying where it is from",
                )
            )
        if errors:
            raise InvalidDocumentError(errors)
        return Provenance(
            jurisdiction=self.jurisdiction,
            effective_from=start,
            effective_to=end,
            status=row.status,
            source=source,
            article=row.article,
            note=row.note,
        )


Row = TypeVar("Row")
R = TypeVar("R")


@attrs.frozen
class Table(Generic[Row, R]):
    """A table record books may hold: its file form, its records and what a record supersedes.

    ``row`` is the attrs class a file's entry is structured into (a
    :class:`DatedRow` for a dated table; ``None`` when ``build`` structures the
    entry itself); ``build`` turns a row into the
    record programmes use, raising :class:`~civaffairs.errors.InvalidInputError`
    or :class:`~civaffairs.errors.InvalidDocumentError` (paths relative to the
    row) for a row that is well-formed but wrong; ``key`` is what a later
    record of the same jurisdiction supersedes (a catalogue item's service and
    unit, a plan's id).  An undated table (``dated=False``: plans, results)
    replaces the record of the same key whole.

    .. versionadded:: 0.1.0
    """

    name: str
    row: type[Row] | None
    build: Callable[[Row, Context], R]
    key: Callable[[R], tuple[Hashable, ...]]
    dated: bool = True

    def read(self, data: object, context: Context) -> R:
        """Structure one entry of the file and build its record (errors with relative paths).

        A table without a ``row`` type structures its entries itself (``build``
        gets the entry as read).
        """
        if self.row is None:
            return self.build(data, context)  # type: ignore[arg-type]
        row = structure(data, self.row, what=self.name, converter=_converter())
        return self.build(row, context)


@functools.cache
def _converter() -> cattrs.Converter:
    return make_converter(toml=True)


@functools.cache
def table(name: str) -> Table[Any, Any]:
    """Return the declaration of the table ``name`` (see :data:`TABLES`).

    .. versionadded:: 0.1.0
    """
    module, attribute = TABLES[name].split(":")
    found: Table[Any, Any] = getattr(importlib.import_module(module), attribute)
    return found


@attrs.frozen
class Parsed:
    """One record book, read and checked: its scalar series and its table rows.

    ``values`` maps a parameter name to its values; ``rows`` maps a table
    name to its records by key (each list in file order).

    .. versionadded:: 0.1.0
    """

    jurisdiction: str
    values: dict[str, list[ParameterValue]]
    rows: dict[str, dict[tuple[Hashable, ...], list[Any]]]


def _problems(error: InvalidInputError | InvalidDocumentError, where: str) -> Iterator[str]:
    errors = error.errors if isinstance(error, InvalidDocumentError) else (error,)
    for each in errors:
        yield str(each.at(where))


def _load(text: str, origin: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise ParameterFileError(origin, [f"not valid TOML: {exc}"]) from None
    except (ValueError, RecursionError) as exc:  # an over-long integer, arrays nested too deep
        raise ParameterFileError(origin, [f"not readable TOML ({type(exc).__name__})"]) from None


def _jurisdiction(data: Mapping[str, Any], origin: str, problems: list[str]) -> str:
    code = data.get("jurisdiction")
    if not isinstance(code, str) or not (len(code) == 6 and code.isdigit()):
        got = "(missing)" if code is None else repr(code)
        expected = 'a six-digit GB/T 2260 code (a TOML string such as "500156")'
        # Without a code no row can be read: stop here, with what was found so far.
        raise ParameterFileError(
            origin, [*problems, str(InvalidInputError("$.jurisdiction", got, expected))]
        )
    try:
        jurisdictions.get(code)
    except LookupError:
        expected = "a code of the shipped GB/T 2260 table (civaffairs.jurisdictions)"
        problems.append(str(InvalidInputError("$.jurisdiction", repr(code), expected)))
    return code


def _sources(data: object, problems: list[str]) -> dict[str, Source]:
    if not isinstance(data, dict):
        problems.append(f"$.sources: got {data!r}, expected a table of [sources.KEY] tables")
        return {}
    found = {}
    for key, entry in data.items():
        try:
            row = structure(entry, _SourceRow, what="source", converter=_converter())
        except InvalidDocumentError as exc:
            problems.extend(_problems(exc, f"$.sources.{key}"))
        else:
            if not row.title.strip():  # a citation must name its document
                problems.append(f"$.sources.{key}.title: got {row.title!r}, expected a title")
                continue
            found[key] = Source(key, **attrs.asdict(row))
    return found


def _entries(data: object, where: str, problems: list[str]) -> list[Any]:
    if isinstance(data, list) and all(isinstance(e, dict) for e in data):
        return data
    problems.append(f"{where}: expected an array of tables [[...]]")
    return []


def _values(data: object, context: Context, problems: list[str]) -> dict[str, list[ParameterValue]]:
    if not isinstance(data, dict):
        problems.append('$.values: expected a table of [[values."NAME"]] arrays')
        return {}
    found: dict[str, list[ParameterValue]] = {}
    for name, entries in data.items():
        where = f"$.values.{name!r}"
        spec = context.specs.get(name)
        if spec is None:
            close = difflib.get_close_matches(str(name), list(context.specs), n=1, cutoff=0.8)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            problems.append(
                f"{where}: unknown parameter (not declared in a programme's schema){hint}"
            )
            continue
        series = []
        for index, entry in enumerate(_entries(entries, where, problems)):
            try:
                row = structure(entry, _ValueRow, what="value", converter=_converter())
            except (InvalidInputError, InvalidDocumentError) as exc:
                problems.extend(_problems(exc, f"{where}[{index}]"))
                continue
            provenance = None
            try:
                provenance = context.provenance(row)
            except InvalidDocumentError as exc:  # the value is checked all the same
                problems.extend(_problems(exc, f"{where}[{index}]"))
            value = _coerce(spec, row.value)
            if isinstance(value, str):
                at = f"{name} @ {context.jurisdiction} from {row.effective_from}"
                problems.append(
                    f"{where}[{index}].value: got {row.value!r}, expected {value} ({at})"
                )
            elif provenance is not None:
                series.append(provenance.parameter(name, value, spec.unit))
        problems.extend(overlaps(where, series))
        found[name] = series
    return found


def _tables(
    data: Mapping[str, Any], unknown: list[str], prefix: str = ""
) -> Iterator[tuple[str, object]]:
    """Yield ``(table name, entries)`` for every table of the file; collect unknown keys."""
    for key, value in data.items():
        name = f"{prefix}{key}"
        if not prefix and key in _CORE_KEYS:
            continue
        if name in TABLES:
            yield name, value
        elif isinstance(value, dict) and any(table.startswith(f"{name}.") for table in TABLES):
            yield from _tables(value, unknown, f"{name}.")
        else:
            unknown.append(name)


def _rows(
    name: str, data: object, context: Context, problems: list[str]
) -> dict[tuple[Hashable, ...], list[Any]]:
    kind = table(name)
    found: dict[tuple[Hashable, ...], list[Any]] = {}
    for index, entry in enumerate(_entries(data, f"$.{name}", problems)):
        try:
            record = kind.read(entry, context)
        except (InvalidInputError, InvalidDocumentError) as exc:
            problems.extend(_problems(exc, f"$.{name}[{index}]"))
            continue
        key = kind.key(record)
        if not kind.dated and key in found:
            problems.append(f"$.{name}[{index}]: {'/'.join(map(str, key))} appears twice")
        found.setdefault(key, []).append(record)
    if kind.dated:
        for key, records in found.items():
            label = "/".join(str(getattr(k, "value", k)) for k in key) or context.jurisdiction
            problems.extend(overlaps(f"$.{name} {label}", records))
    return found


def read_book(text: str, origin: str, specs: Mapping[str, ParameterSpec]) -> Parsed:
    """Read and check one record book, reporting every problem in one ``ParameterFileError``.

    .. versionadded:: 0.1.0
    """
    data = _load(text, origin)
    problems: list[str] = []
    code = _jurisdiction(data, origin, problems)
    context = Context(code, _sources(data.get("sources", {}), problems), specs)
    if "note" in data and not isinstance(data["note"], str):
        problems.append(f"$.note: got {data['note']!r}, expected text")
    values = _values(data.get("values", {}), context, problems)
    unknown: list[str] = []
    rows = {name: _rows(name, found, context, problems) for name, found in _tables(data, unknown)}
    allowed = ", ".join(sorted([*_CORE_KEYS, *TABLES]))
    problems[:0] = [f"$.{key}: unknown key (allowed: {allowed})" for key in unknown]
    if problems:
        raise ParameterFileError(origin, problems)
    return Parsed(code, values, rows)


def row_record(
    name: str,
    jurisdiction: str,
    data: Mapping[str, Any],
    provenance: Provenance,
    specs: Mapping[str, ParameterSpec],
) -> Any:
    """Build a record of table ``name`` from a row given in code (an override).

    The row's dated keys come from ``provenance``; ``data`` holds the rest, in
    the file's form.  Raises :class:`~civaffairs.errors.InvalidDocumentError`.

    .. versionadded:: 0.1.0
    """
    kind = table(name)
    entry = dict(data)
    if kind.dated:
        entry.update(
            effective_from=provenance.effective_from,
            effective_to=provenance.effective_to,
            status=provenance.status.value,
            note=provenance.note,
            article=provenance.article,
        )
        source = provenance.source
        if source is not None:
            entry["source"] = source.key
        sources = {source.key: source} if source is not None else {}
    else:
        sources = {}
    context = Context(jurisdiction, sources, specs)
    try:
        return kind.read({k: v for k, v in entry.items() if v is not None}, context)
    except InvalidInputError as exc:
        raise InvalidDocumentError([exc], what=f"{name} row") from None
