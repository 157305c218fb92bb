"""What the columnar calculators share: threads, list columns, codes and bad-cell errors.

Each calculator of :mod:`civaffairs.batch` (低保 in :mod:`~civaffairs.batch.dibao`, the
longevity allowance in :mod:`~civaffairs.batch.longevity`) reads its own table, but they
all cut it into slices decided on worker threads, mark a row they cannot decide with the
same two reason codes, write reason codes as ``list<dictionary<string>>`` columns and,
asked to raise, list every bad cell by row of the whole table.  How a table is taken in,
cut and placed is in :mod:`civaffairs.batch.plumbing`.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Final, Literal, TypeVar

import numpy as np
import pyarrow as pa

from civaffairs import jurisdictions
from civaffairs.batch._columns import Bools, Ints, Reader, arrow
from civaffairs.decisions import Citation, Document, ReasonCode
from civaffairs.errors import CivaffairsError, InvalidDocumentError, InvalidInputError
from civaffairs.money import fen_to_yuan, format_yuan

#: How a call treats bad cells: mark their rows "cannot decide", or raise listing them all.
Errors = Literal["mark", "raise"]

_BATCH = Document("civaffairs 批量筛查 (columnar screening)", en="civaffairs batch screening")
R_INVALID_VALUE = ReasonCode.define(
    "batch.invalid_value",
    "数据有误, 无法判定: {columns}",
    "invalid data, cannot decide: {columns}",
    Citation(_BATCH, note="a missing or invalid value is never read as zero"),
)
R_PARAMETER_UNAVAILABLE = ReasonCode.define(
    "batch.parameter_unavailable",
    "所需参数在该地区该日期无值: {parameters}",
    "no value of a needed parameter is in force here on this date: {parameters}",
    Citation(_BATCH, note="parameters are never extrapolated"),
)


def check_columns(table: pa.Table, known: Sequence[str], expected: str, what: str) -> None:
    """Refuse columns not in ``known`` and columns that appear more than once."""
    names = table.column_names
    problems = [
        InvalidInputError(f"$.{name}", "an unknown column", expected)
        for name in names
        if name not in known
    ]
    problems += [
        InvalidInputError(f"$.{name}", f"{names.count(name)} columns of that name", "one")
        for name in dict.fromkeys(names)
        if names.count(name) > 1
    ]
    if problems:
        raise InvalidDocumentError(problems, what=what)


def check_errors(errors: str) -> None:
    """Refuse an ``errors`` argument other than ``"mark"`` or ``"raise"``."""
    if errors not in {"mark", "raise"}:
        raise InvalidInputError("errors", errors, "'mark' or 'raise'")


# -- threads ----------------------------------------------------------------------------------


def workers_for(workers: int | None) -> int:
    """Return the number of threads to use: ``workers``, or one per core this process may use."""
    if workers is None:
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except AttributeError:  # pragma: no cover - not on Linux
            return max(1, os.cpu_count() or 1)
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise InvalidInputError("workers", workers, "a whole number of threads, at least 1")
    return workers


_T = TypeVar("_T")
_R = TypeVar("_R")


def in_threads(workers: int, function: Callable[[_T], _R], items: Sequence[_T]) -> list[_R]:
    """Return ``[function(item) for item in items]``, on up to ``workers`` threads, in order."""
    if workers == 1 or len(items) < 2:
        return [function(item) for item in items]
    with ThreadPoolExecutor(max_workers=min(workers, len(items))) as pool:
        return list(pool.map(function, items))


def concat(tables: Sequence[pa.Table]) -> pa.Table:
    """Return the slices' results as one table (one chunk per slice)."""
    return tables[0] if len(tables) == 1 else pa.concat_tables(tables)


# -- jurisdictions ----------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def is_division(code: str) -> bool:
    """Whether ``code`` is a six-digit GB/T 2260 code this library knows."""
    if not (len(code) == 6 and code.isascii() and code.isdigit()):
        return False
    try:
        jurisdictions.get(code)
    except LookupError:
        return False
    return True


@functools.lru_cache(maxsize=4096)
def registered_within(registration: str, where: str) -> bool:
    """Whether a registration at ``registration`` lies within ``where`` (both known codes)."""
    if not (is_division(registration) and is_division(where)):
        return False
    return jurisdictions.is_within(registration, where)


def within(names: Sequence[str], registration: Ints, where: Ints) -> Bools:
    """Per row, whether ``names[registration]`` lies within ``names[where]`` (-1: unknown).

    Rows share few pairs of places: each pair is looked up once.
    """
    size = len(names) + 1
    pairs, pair_index = small_unique((registration + 1) * size + (where + 1))
    found = [
        r >= 0 and w >= 0 and registered_within(names[r], names[w])
        for r, w in ((int(p) // size - 1, int(p) % size - 1) for p in pairs.tolist())
    ]
    return np.array(found, dtype=np.bool_)[pair_index]


def finish(
    done: Sequence[tuple[pa.Table, list[BadCell], CivaffairsError | None]],
    errors: Errors,
    *,
    what: str,
) -> pa.Table:
    """Join the slices' results; asked to raise, raise every bad cell, else the first error."""
    if errors == "raise":
        raise_bad([cell for _, cells, _ in done for cell in cells], what=what)
        for _, _, error in done:
            if error is not None:
                raise error
    return concat([output for output, _, _ in done])


# -- list columns -----------------------------------------------------------------------------


def small_unique(keys: Ints) -> tuple[Ints, Ints]:
    """Return ``np.unique(keys, return_inverse=True)`` for small non-negative keys, unsorted."""
    if len(keys) == 0 or int(keys.max()) > 4 * len(keys) + (1 << 20):
        unique, inverse = np.unique(keys, return_inverse=True)
        return unique.astype(np.int64, copy=False), inverse.astype(np.int64)
    keys = keys.astype(np.intp, copy=False)  # numpy indexes with other integers far slower
    present = np.zeros(int(keys.max()) + 1, dtype=np.bool_)
    present[keys] = True
    unique = np.flatnonzero(present)
    # Number the keys present in a table written only where they are (a running count over
    # the whole key range would cost more than the rows themselves).
    position = np.empty(len(present), dtype=np.int32)
    position[unique] = np.arange(len(unique), dtype=np.int32)
    return unique.astype(np.int64), position[keys].astype(np.int64)


LIST_TYPE: Final = pa.list_(pa.dictionary(pa.int16(), pa.string()))


def _sparse_lists(flags: list[Bools], set_: list[int], names: Sequence[str], count: int) -> Any:
    """:func:`lists` where few flags are set: each set flag is written at its row's place.

    The rows' lengths give the offsets; each name, in order, is written after the
    names already written on its rows.  No combination is spread to every row.
    """
    lengths = np.zeros(count, dtype=np.int32)
    for flag, number in zip(flags, set_, strict=True):
        if number:
            lengths += flag
    offsets = np.zeros(count + 1, dtype=np.int32)
    np.cumsum(lengths, out=offsets[1:])
    values = np.empty(int(offsets[-1]), dtype=np.int16)
    at = offsets[:-1].copy()
    for bit, (flag, number) in enumerate(zip(flags, set_, strict=True)):
        if number:
            rows = np.flatnonzero(flag)
            values[at[rows]] = bit
            at[rows] += 1
    return pa.ListArray.from_arrays(
        arrow(offsets),
        pa.DictionaryArray.from_arrays(arrow(values), arrow(list(names), type=pa.string())),
        mask=arrow(lengths == 0),
    )


def lists(flags: Sequence[Bools], names: Sequence[str], count: int) -> Any:
    """Return a ``list<dictionary<string>>`` column: per row, the names whose flag is set.

    Rows share few distinct combinations: each is written once, as a short
    list column, and Arrow's ``take`` spreads them to the rows; where few flags
    are set at all, each is written in place instead.  A row with no flag set
    is null.
    """
    if not names:
        return pa.nulls(count, LIST_TYPE)
    if len(names) > 62:  # too many for one 64-bit mask: one set bit per (row, name)
        matrix = np.stack(flags, axis=1)
        lengths = matrix.sum(axis=1).astype(np.int64)
        offsets = np.zeros(count + 1, dtype=np.int32)
        np.cumsum(lengths, out=offsets[1:])
        which = np.nonzero(matrix)[1].astype(np.int16)
        values = pa.DictionaryArray.from_arrays(arrow(which), arrow(list(names), type=pa.string()))
        return pa.ListArray.from_arrays(arrow(offsets), values, mask=arrow(lengths == 0))
    held = [np.asarray(flag, dtype=np.bool_) for flag in flags]
    set_ = [int(np.count_nonzero(flag)) for flag in held]
    if 0 < sum(set_) * 4 <= count:  # few names set (the problems of a slice): write them
        return _sparse_lists(held, set_, names, count)
    # One bit per name; 32-bit masks where the names fit (half the memory traffic).
    kind = np.int32 if len(names) < 32 else np.int64
    mask: Any = np.zeros(count, dtype=kind)
    for bit, flag in enumerate(held):
        if set_[bit]:  # many reasons hold nowhere in a slice: no shifted copy for those
            mask |= np.left_shift(flag.view(np.uint8), bit, dtype=kind)
    combinations, inverse = small_unique(mask)
    dictionary = arrow(list(names), type=pa.string())
    if len(combinations) == 1 and int(combinations[0]) == 0:  # no name on any row: all null
        return pa.ListArray.from_arrays(
            arrow(np.zeros(count + 1, dtype=np.int32)),
            pa.DictionaryArray.from_arrays(arrow(np.zeros(0, dtype=np.int16)), dictionary),
            mask=arrow(np.ones(count, dtype=np.bool_)),
        )
    members = [[b for b in range(len(names)) if int(m) >> b & 1] for m in combinations]
    combined: Any = pa.array(
        [[names[b] for b in found] if found else None for found in members],
        type=pa.list_(pa.string()),
    )
    encoded = pa.ListArray.from_arrays(
        combined.offsets,
        pa.DictionaryArray.from_arrays(
            arrow(np.array([b for found in members for b in found], dtype=np.int16)), dictionary
        ),
        mask=combined.is_null(),
    )
    return encoded.take(arrow(inverse))


# -- text tables ------------------------------------------------------------------------------


def yuan_text(fen: int) -> str:
    """Write an amount in fen as yuan, e.g. ``1,234.50``."""
    return format_yuan(fen_to_yuan(fen))


#: The label of a summary's totals row (its outcome, layer, band or jurisdiction).
ALL: Final = "(all)"


def add_up(
    parts: Sequence[pa.Table], keys: Sequence[str], sums: Sequence[str], *, order: Sequence[str]
) -> pa.Table:
    """Add up summaries of several chunks: ``sums`` per ``keys``, the totals rows included.

    The result has the columns ``keys`` then ``sums``; its rows are sorted by
    the text of the ``order`` keys, the rows whose first ``order`` key is
    :data:`ALL` (the totals) last.  One function for the 低保 and longevity
    summaries and the what-if comparison, so chunked screening adds up alike.
    """
    grouped = (
        pa.concat_tables(parts)
        .group_by(list(keys), use_threads=False)
        .aggregate([(name, "sum") for name in sums])
    )
    grouped = grouped.rename_columns([n.removesuffix("_sum") for n in grouped.column_names])
    rows = grouped.select([*keys, *sums]).to_pylist()
    rows.sort(key=lambda r: (r[order[0]] == ALL, *(str(r[k]) for k in order)))
    return pa.Table.from_pylist(rows)


def render_rows(header: list[str], rows: list[list[str]], *, left: int) -> str:
    """Render rows as aligned text: the first ``left`` columns to the left, the rest right."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines.extend(
        "  ".join(
            cell.ljust(w) if i < left else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in rows
    )
    return "\n".join(lines)


def render_summary_rows(summary: pa.Table, group: str, count: str) -> str:
    """Render a programme summary as aligned text: outcome, ``group``, ``count`` and cost in yuan.

    The 低保 summary groups households by layer, the longevity summary people
    by band; both print the same five columns.
    """
    rows = [
        [
            str(r["programme"]),
            str(r["outcome"]),
            str(r[group]),
            f"{r[count]:,}",
            yuan_text(int(r["monthly_cost_fen"])),
        ]
        for r in summary.to_pylist()
    ]
    return render_rows(["programme", "outcome", group, count, "monthly cost"], rows, left=3)


# -- bad cells --------------------------------------------------------------------------------

#: A bad cell: its row in the whole table, its column, what it holds and what was expected.
BadCell = tuple[int, str, str, str]


def _shown(reader: Reader, column: str, row: int) -> str:
    if column == "birth_date":
        return "(a birth date, withheld)"
    if column not in reader.columns:
        return "(absent)"
    return repr(reader.table.column(column)[row].as_py())


def bad_cells(reader: Reader, offset: int) -> list[BadCell]:
    """Return the bad cells ``reader`` recorded, numbered from ``offset`` (the slice's row)."""
    return [
        (
            offset + int(row),
            column,
            _shown(reader, column, int(row)),
            reader.expected(column, int(row)),
        )
        for column, mask in reader.bad.items()
        for row in np.flatnonzero(mask)
    ]


def raise_bad(cells: list[BadCell], *, what: str) -> None:
    """Raise one error listing every bad cell (path ``$[row].column``), if there are any."""
    if not cells:
        return
    cells.sort(key=lambda cell: (cell[0], cell[1]))
    raise InvalidDocumentError(
        [
            InvalidInputError(f"$[{row}].{column}", shown, expected)
            for row, column, shown, expected in cells
        ],
        what=what,
    )


def any_bad(reader: Reader) -> Bools:
    """Return the rows with at least one bad cell."""
    bad = np.zeros(reader.rows, dtype=np.bool_)
    for mask in reader.bad.values():
        bad |= mask
    return bad
