"""The shared plumbing of the columnar calculators: tables in, slices, places, first errors.

Each calculator (低保 in :mod:`civaffairs.batch.dibao`, the longevity allowance
in :mod:`civaffairs.batch.longevity`) takes a frame (:data:`Frame`), refuses
unknown columns, cuts the table into slices of about :data:`SLICE_ROWS` rows
decided on worker threads, reads birth dates the same way, decides each row
where its own ``jurisdiction`` cell, the call's default or its registration
says, looks each parameter up once per group of rows (remembered per book)
and, asked to raise, raises the first parameter error a decision needs.
What they share beyond that (threads, list columns, the two reason codes of
rows they cannot decide, bad cells) is in :mod:`civaffairs.batch._common`.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final, TypeVar, cast

import attrs
import numpy as np
import pyarrow as pa

from civaffairs.batch._columns import Bools, Ints, Reader, household_starts
from civaffairs.batch._common import (
    BadCell,
    Errors,
    bad_cells,
    check_columns,
    finish,
    in_threads,
    is_division,
    registered_within,
    within,
)
from civaffairs.batch._identity import refuse_repeated_people, refuse_scattered_households
from civaffairs.batch.arrays import EPOCH
from civaffairs.errors import (
    CivaffairsError,
    InvalidInputError,
    ParameterError,
    UnknownJurisdictionError,
)
from civaffairs.kernels import fraction
from civaffairs.money import yuan_to_fen
from civaffairs.parameters import ParameterBook

__all__ = ["SLICE_ROWS", "Frame", "to_arrow"]

#: What the calculators accept: a pyarrow table or record batch, a pandas or a polars
#: data frame (converted to Arrow without copying where the types allow).
Frame = Any

#: Rows per slice: each slice's arrays are a few megabytes, and slices are what the
#: worker threads share out.
SLICE_ROWS: Final = 1 << 18


def to_arrow(data: Frame) -> pa.Table:
    """Return ``data`` (pyarrow, pandas or polars) as a pyarrow table.

    .. versionadded:: 0.1.0
    """
    if isinstance(data, pa.Table):
        return _without_views(data)
    if isinstance(data, pa.RecordBatch):
        return _without_views(pa.Table.from_batches([data]))
    module = type(data).__module__.split(".", 1)[0]
    if module == "polars":
        table = data.to_arrow()
        assert isinstance(table, pa.Table)  # noqa: S101 - polars' contract
        return _without_views(table)
    if module == "pandas":
        return _without_views(pa.Table.from_pandas(data, preserve_index=False))
    raise InvalidInputError(
        "$", type(data).__name__, "a pyarrow Table, a pandas DataFrame or a polars DataFrame"
    )


def _without_views(table: pa.Table) -> pa.Table:
    """Return ``table`` with its ``string_view`` columns as plain (large) strings.

    Arrow's view type (polars' own strings, newer pandas) is the same text, but not every
    compute kernel takes it (``take`` does not): read as ``large_string``, it is.
    """
    views = [
        index for index, field in enumerate(table.schema) if pa.types.is_string_view(field.type)
    ]
    for index in views:
        field = table.schema.field(index)
        table = table.set_column(index, field.name, table.column(index).cast(pa.large_string()))
    return table


def checked_table(data: Frame, known: Sequence[str], expected: str, what: str) -> pa.Table:
    """Return ``data`` as Arrow, refusing columns not in ``known`` (and repeated ones).

    An absent optional column means "none"; a misspelt one must not silently become that.
    """
    table = to_arrow(data)
    check_columns(table, known, expected, what)
    return table


# -- slices -----------------------------------------------------------------------------------


@attrs.frozen
class Slice:
    """A slice of a table: its first row and its number of rows."""

    start: int
    rows: int

    def of(self, table: pa.Table) -> pa.Table:
        """Return this slice of ``table`` (the table itself when it is the whole)."""
        return table if self.rows == table.num_rows else table.slice(self.start, self.rows)


@attrs.frozen
class HouseholdSlice(Slice):
    """A slice of whole households.

    Besides its first row and number of rows: where its households start
    (counted from ``start``) and which of them repeat an id found elsewhere.
    """

    starts: Ints
    repeated: Bools


def row_slices(rows: int, size: int) -> list[Slice]:
    """Cut ``rows`` rows into slices of ``size`` rows (one empty slice for no rows)."""
    return [Slice(start, min(size, rows - start)) for start in range(0, rows, size)] or [
        Slice(0, 0)
    ]


def household_slices(table: pa.Table, size: int, first_row: int = 0) -> list[HouseholdSlice]:
    """Cut a persons table into slices of whole households of about ``size`` persons.

    Refuses a table where a household's rows are not consecutive or a member
    repeats (:mod:`civaffairs.batch._identity`).
    """
    rows = table.num_rows
    starts, repeated = household_starts(table.column("household_id"))
    refuse_scattered_households(table.column("household_id"), starts, repeated, first_row=first_row)
    refuse_repeated_people(table, first_row=first_row, households=starts)
    chunks = _chunk_bounds(table, starts)
    if rows <= size and len(chunks) < 2:
        return [HouseholdSlice(0, rows, starts, repeated)]
    # Cut every ``size`` rows, counted from the start of each chunk, so that no slice copies
    # two chunks into one.
    ends = np.append(chunks[1:], rows)
    cuts = np.concatenate(
        [
            np.arange(start, end, size)
            for start, end in zip(chunks.tolist(), ends.tolist(), strict=True)
        ]
    )
    first_runs = np.unique(np.searchsorted(starts, cuts))
    bounds = [*first_runs.tolist(), len(starts)]
    return [
        HouseholdSlice(
            int(starts[a]),
            (int(starts[b]) if b < len(starts) else rows) - int(starts[a]),
            starts[a:b] - starts[a],
            repeated[a:b],
        )
        for a, b in itertools.pairwise(bounds)
        if b > a
    ]


def _chunk_bounds(table: pa.Table, starts: Ints) -> Ints:
    """Return the first row of each of the table's chunks, when they hold whole households.

    A slice within one chunk reads its columns without copying them; a slice
    across chunks copies every column into one array.  Tables built batch by
    batch (the synthetic registry, record batches of households) have such
    chunks.  Otherwise (the columns chunked differently, or a chunk ending
    inside a household): ``[0]``, no cut beyond the slices' own.
    """
    layout: list[int] | None = None
    for column in table.columns:
        lengths = [len(chunk) for chunk in column.chunks]
        if layout is None:
            layout = lengths
        elif lengths != layout:
            return np.zeros(1, dtype=np.int64)
    if not layout or len(layout) < 2:
        return np.zeros(1, dtype=np.int64)
    bounds = np.cumsum([0, *layout[:-1]], dtype=np.int64)
    bounds = bounds[np.diff(np.append(bounds, table.num_rows)) > 0]
    if not np.isin(bounds, starts).all():
        return np.zeros(1, dtype=np.int64)
    return bounds


_S = TypeVar("_S")

#: What deciding one slice gives: the result, the slice's reader and first row in the
#: file (for its bad cells), and the first parameter error a decision needs.
Decided = tuple[pa.Table, Reader, int, CivaffairsError | None]


def decide_slices(
    slices: Sequence[_S],
    decide: Callable[[_S], Decided],
    *,
    errors: Errors,
    workers: int,
    what: str,
) -> pa.Table:
    """Decide every slice on ``workers`` threads and join the results in order.

    With ``errors="raise"``, raise every bad cell of the whole table, else the
    first parameter error; with ``"mark"`` keep nothing but the results.
    """

    def one(part: _S) -> tuple[pa.Table, list[BadCell], CivaffairsError | None]:
        output, reader, offset, error = decide(part)
        if errors == "mark":
            return output, [], None
        return output, bad_cells(reader, offset), error

    return finish(in_threads(workers, one, slices), errors, what=what)


# -- facts every calculator reads the same way ------------------------------------------------


def birth_days(reader: Reader, on: dt.date) -> Ints:
    """Read ``birth_date`` as days since 1970-01-01, marking missing and future dates."""
    days, birth_null = reader.days("birth_date")
    reader.mark("birth_date", birth_null, "a birth date, not missing")
    last = (on - EPOCH).days
    if len(days) and int(days.max()) > last:  # else no mask to build
        reader.mark("birth_date", days > last, f"a birth date on or before {on}")
    return days


def codes_known(names: Sequence[str]) -> Bools:
    """Per code of ``names``, whether it is a known GB/T 2260 code; one more ``False`` for -1."""
    return np.array([is_division(code) for code in names] + [False], dtype=np.bool_)


@attrs.frozen
class Places:
    """Where each row (or household) is decided, as positions in ``names``.

    ``registration`` is the position of the registration (-1: none), ``chosen``
    that of the row's own ``jurisdiction`` cell (-1: none), ``where`` the
    deciding place, ``valid`` whether ``where`` is a known code and
    ``registered`` whether the registration lies within it.
    """

    names: tuple[str, ...]
    registration: Ints
    chosen: Ints
    where: Ints
    valid: Bools
    registered: Bools

    @property
    def bad_choice(self) -> Bools:
        """The rows whose own ``jurisdiction`` cell is not a known code."""
        return ~self.valid & (self.chosen >= 0)


def deciding_places(
    registration: tuple[Ints, list[str]],
    chosen: tuple[Ints, list[str]],
    default: str | None,
) -> Places:
    """Decide each row where its own cell says, else at ``default``, else where registered.

    ``registration`` and ``chosen`` are dictionary-encoded columns (indices,
    names; -1 is null); ``default`` is a known division code or ``None``.
    """
    registration_at, registration_names = registration
    chosen_at, chosen_names = chosen
    names = list(dict.fromkeys([*registration_names, *chosen_names, *filter(None, [default])]))
    position = {name: i for i, name in enumerate(names)}

    def positions(found: list[str], at: Ints) -> Ints:
        return np.array([position[n] for n in found] + [-1], dtype=np.int64)[at]

    registered_where = positions(registration_names, registration_at)
    chosen_where = positions(chosen_names, chosen_at)
    if default is None and (len(chosen_at) == 0 or int(chosen_at.max()) < 0):
        # No row chooses its place: each is decided where registered, which it lies within
        # exactly when the code is known (looked up once per name, as within() would).
        same = np.array([registered_within(n, n) for n in names] + [False], dtype=np.bool_)
        return Places(
            names=tuple(names),
            registration=registered_where,
            chosen=chosen_where,
            where=registered_where,
            valid=codes_known(names)[registered_where],
            registered=same[registered_where],
        )
    fallback = (
        registered_where
        if default is None
        else np.full(len(registration_at), position[default], dtype=np.int64)
    )
    where = np.where(chosen_where >= 0, chosen_where, fallback)
    return Places(
        names=tuple(names),
        registration=registered_where,
        chosen=chosen_where,
        where=where,
        valid=codes_known(names)[where],
        registered=within(names, registered_where, where),
    )


# -- parameters per group --------------------------------------------------------------------


@attrs.frozen
class PerGroup:
    """One parameter per group: value (a fraction's numerator), denominator, found, error."""

    values: Ints
    denominators: Ints
    found: Bools
    errors: tuple[CivaffairsError | None, ...]


def per_group(
    groups: Sequence[tuple[str, str]],
    name: Callable[[str], str],
    read: Callable[[str, str], tuple[int, int]],
) -> PerGroup:
    """Look a parameter up once per group (place, kind); what is not in force is recorded.

    ``name(kind)`` is the parameter's name for the group's kind; ``read(name,
    place)`` returns its value as a fraction (numerator, denominator).  A value
    not in force is a placeholder 0/1 and its error is kept: only the rows
    whose decision needs it are marked.
    """
    values: list[int] = []
    denominators: list[int] = []
    errors: list[CivaffairsError | None] = []
    for where, kind in groups:
        try:
            value, denominator = read(name(kind), where)
            errors.append(None)
        except (ParameterError, UnknownJurisdictionError) as exc:
            value, denominator = 0, 1  # a placeholder; households that need it are marked
            errors.append(exc)
        values.append(value)
        denominators.append(denominator)
    return PerGroup(
        np.array(values, dtype=np.int64),
        np.array(denominators, dtype=np.int64),
        np.array([e is None for e in errors], dtype=np.bool_),
        tuple(errors),
    )


def per_group_each(
    groups: Sequence[tuple[str, str]],
    reads: Mapping[str, Callable[[str, str], tuple[int, int]]],
) -> dict[str, PerGroup]:
    """Look each named parameter up once per group with its reader (:func:`per_group`).

    For parameters whose name is the same whatever the group's kind (urban/rural).
    """

    def fixed(name: str) -> Callable[[str], str]:
        return lambda _kind: name

    return {name: per_group(groups, fixed(name), read) for name, read in reads.items()}


#: Recent look-ups per book (a book is immutable): chunked runs look each value up once.
_RECENT: dict[int, tuple[ParameterBook, dict[tuple[object, ...], Any]]] = {}


@attrs.frozen
class Readers:
    """Read one parameter of ``book`` on ``on`` as ``(numerator, denominator)`` integers.

    What :func:`per_group` takes: money in fen, a rate as its exact fraction, a count,
    a switch as 0 or 1 — one reading for every columnar calculator.
    """

    book: ParameterBook
    on: dt.date

    def money(self, name: str, where: str) -> tuple[int, int]:
        """Read a money parameter, in fen."""
        return yuan_to_fen(self.book.money(name, where, self.on)[0]), 1

    def rate(self, name: str, where: str) -> tuple[int, int]:
        """Read a rate, as an exact fraction."""
        return fraction(self.book.rate(name, where, self.on)[0])

    def count(self, name: str, where: str) -> tuple[int, int]:
        """Read a count."""
        return int(self.book.count(name, where, self.on)[0]), 1

    def flag(self, name: str, where: str) -> tuple[int, int]:
        """Read a switch, as 0 or 1."""
        return int(bool(self.book.flag(name, where, self.on)[0])), 1


_RECENT_BOOKS = 8
_RECENT_KEYS = 64

_T = TypeVar("_T")


def remembered(book: ParameterBook, key: tuple[object, ...], compute: Callable[[], _T]) -> _T:
    """Return ``compute()``, remembered for ``book`` and ``key`` (a few books, a few keys)."""
    held = _RECENT.get(id(book))
    if held is None or held[0] is not book:
        if len(_RECENT) >= _RECENT_BOOKS:
            _RECENT.clear()
        held = (book, {})
        _RECENT[id(book)] = held
    if key not in held[1]:
        if len(held[1]) >= _RECENT_KEYS:
            held[1].clear()
        held[1][key] = compute()
    return cast("_T", held[1][key])


# -- the first error --------------------------------------------------------------------------

_E = TypeVar("_E", bound=CivaffairsError)


def first_parameter_error(
    unavailable: Mapping[str, Bools], error: Callable[[str, int], _E | None]
) -> _E | None:
    """Return the error of the first row that needs a value not in force.

    Row first, then the parameter in the order of ``unavailable`` (the order
    the rule needs them); ``error(name, row)`` is that parameter's error at
    that row.  Slices come in row order, so the first slice's error is the
    whole table's, however it is cut.
    """
    firsts = [int(np.flatnonzero(mask)[0]) for mask in unavailable.values() if mask.any()]
    if not firsts:
        return None
    row = min(firsts)
    for name, mask in unavailable.items():
        if mask[row]:
            return error(name, row)
    return None  # pragma: no cover - some mask holds at ``row``
