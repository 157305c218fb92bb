"""One household decided whole, one person counted once: the identity rules of columnar tables.

The scalar model refuses a household given twice and a person given twice
(:func:`civaffairs.entities.check_distinct`).  In a persons table (and a people table)
the same holds, by row:

- a household's rows are consecutive.  A household whose rows come back after another
  household's would be decided as two households, each a fragment, so the table is
  refused, naming the household and both rows;
- a ``person_id`` appears once in its household (a persons table, where person ids are
  the household's member ids, as in :class:`~civaffairs.entities.Household`) or in the
  table (a people table): the same person as two rows is counted twice.

These are structural errors, like a column of the wrong type: they raise
:class:`~civaffairs.errors.InvalidDocumentError` whatever ``errors`` says, on every path
(a table, a file read chunk by chunk, Dask partitions), because a stream cannot take back
the fragment it has already written.  Rows are numbered in the whole input (``first_row``
is the row of the table's first row in its file).

Streams remember the ids of earlier chunks in :class:`SeenIds`: integer ids exactly, as
sorted ranges (consecutive ids cost one range), text ids as 128-bit fingerprints
(:func:`fingerprints`, 16 bytes each; a false match, which could only refuse a file, never
decide one wrongly, has a chance of about n²/2¹¹⁵).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Final

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from civaffairs.batch._columns import Bools, Ints, arrow
from civaffairs.errors import DuplicateIdentityError, InvalidDocumentError, InvalidInputError

__all__ = [
    "PERSON_ONCE",
    "SCATTERED",
    "SeenIds",
    "fingerprints",
    "name_earlier_rows",
    "refuse_repeated_people",
    "refuse_scattered_households",
]

#: What a household's rows must be.
SCATTERED: Final = (
    "a household's rows consecutive: a household is decided whole, never as parts "
    "(these rows come back after another household's)"
)
#: What a person id must be.
PERSON_ONCE: Final = "each person once: one person is one row, counted once"


def _plain(ids: Any) -> Any:
    """Return an id column as plain values (a dictionary decoded, a string view as strings)."""
    if pa.types.is_dictionary(ids.type):
        ids = ids.cast(ids.type.value_type)
    if pa.types.is_string_view(ids.type):
        ids = ids.cast(pa.string())
    return ids


def refuse_scattered_households(
    ids: Any, starts: Ints, repeated: Bools, *, first_row: int = 0, what: str = "persons table"
) -> None:
    """Raise if a household's rows come back after another's (``repeated``: runs whose id recurs).

    ``starts`` and ``repeated`` are :func:`~civaffairs.batch._columns.household_starts`'
    answer for ``ids``.  Every later run is listed, naming the row where the household
    first began.
    """
    if not repeated.any():
        return
    runs = np.flatnonzero(repeated)
    values = _plain(ids).take(arrow(starts[runs])).to_pylist()
    first: dict[object, int] = {}
    problems: list[InvalidInputError] = []
    for run, value in zip(runs.tolist(), values, strict=True):
        row = int(starts[run]) + first_row
        earlier = first.setdefault(value, row)
        if earlier != row:
            problems.append(
                DuplicateIdentityError(
                    f"$[{row}].household_id",
                    repr(value),
                    SCATTERED,
                    earlier=f"$[{earlier}].household_id",
                )
            )
    if problems:
        raise InvalidDocumentError(problems, what=what)


def refuse_repeated_people(
    table: pa.Table,
    *,
    first_row: int = 0,
    column: str = "person_id",
    households: Ints | None = None,
    what: str = "persons table",
) -> None:
    """Raise if a non-null ``person_id`` appears on two rows, naming both rows.

    With ``households`` (the first row of each household, as
    :func:`~civaffairs.batch._columns.household_starts` gives them) a person id
    must be unique within its household, as member ids are
    (:class:`~civaffairs.entities.Household`): a member given twice is counted
    twice.  Without, in the whole table (a people table: one row, one person).
    """
    if column not in table.column_names:
        return
    ids = _plain(table.column(column))
    rows = len(ids)
    valid = rows - ids.null_count
    if valid < 2 or pc.count_distinct(ids, mode="only_valid").as_py() == valid:
        return  # no id twice in the table, so none twice in a household (a hash pass, no sort)
    encoded = pc.dictionary_encode(ids.combine_chunks() if ids.num_chunks != 1 else ids.chunk(0))
    codes = np.asarray(encoded.indices.fill_null(-1).to_numpy(), dtype=np.int64)
    if households is None:
        group = np.zeros(rows, dtype=np.int64)
    else:
        group = np.repeat(
            np.arange(len(households), dtype=np.int64), np.diff(np.append(households, rows))
        )
    keys = group * (len(encoded.dictionary) + 1) + codes
    keys = np.where(codes < 0, -1 - np.arange(rows), keys)  # a null is never a repeat
    unique, first_index, counts = np.unique(keys, return_index=True, return_counts=True)
    if bool((counts < 2).all()):
        return
    order = np.argsort(keys, kind="stable")
    repeats = order[np.isin(keys[order], unique[counts > 1])]
    earliest = dict(zip(unique.tolist(), first_index.tolist(), strict=True))
    values = ids.take(arrow(repeats)).to_pylist()
    problems: list[InvalidInputError] = [
        DuplicateIdentityError(
            f"$[{int(index) + first_row}].{column}",
            repr(value),
            PERSON_ONCE,
            earlier=f"$[{earliest[int(keys[index])] + first_row}].{column}",
        )
        for index, value in zip(repeats.tolist(), values, strict=True)
        if earliest[int(keys[index])] != index
    ]
    problems.sort(key=lambda error: error.path)
    raise InvalidDocumentError(problems, what=what)


# -- streams ----------------------------------------------------------------------------------


def _mix(values: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """SplitMix64's finaliser, element-wise (uint64 arithmetic wraps, as it should here)."""
    z = values + np.uint64(0x9E3779B97F4A7C15)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def fingerprints(values: Any) -> npt.NDArray[Any]:
    """Return a 16-byte fingerprint (numpy ``S16``) of each text id, computed on Arrow's buffers.

    Two independent 64-bit lanes, each the sum over the UTF-8 bytes of (byte + 1) times a
    pseudo-random multiplier of the byte's position, mixed with the length: equal texts
    give equal fingerprints; two different texts the same one with a chance of about
    2⁻¹¹⁴ (no Python loop over the ids: a chunk of a million costs milliseconds).
    """
    text = _plain(values)
    if not pa.types.is_large_string(text.type):
        text = text.cast(pa.large_string())
    if isinstance(text, pa.ChunkedArray):
        text = text.combine_chunks() if text.num_chunks != 1 else text.chunk(0)
    count = len(text)
    if count == 0:
        return np.zeros(0, dtype="S16")
    buffers = text.buffers()
    offsets = np.frombuffer(buffers[1], dtype=np.int64)[text.offset : text.offset + count + 1]
    first, last = int(offsets[0]), int(offsets[-1])
    data = (
        np.frombuffer(buffers[2], dtype=np.uint8)[first:last]
        if buffers[2] is not None
        else np.zeros(0, dtype=np.uint8)
    )
    lengths = np.diff(offsets)
    starts = offsets[:-1] - first
    position = np.arange(last - first, dtype=np.int64) - np.repeat(starts, lengths)
    weighed = data.astype(np.uint64) + np.uint64(1)
    filled = lengths > 0
    longest = int(lengths.max())
    lanes = []
    for seed in (0x243F6A8885A308D3, 0x13198A2E03707344):
        multipliers = _mix(np.arange(longest, dtype=np.uint64) ^ np.uint64(seed))
        terms = weighed * multipliers[position]
        sums = np.zeros(count, dtype=np.uint64)
        if filled.any():  # each non-empty text's terms run up to the next one's start
            sums[filled] = np.add.reduceat(terms, starts[filled])
        lanes.append(_mix(sums ^ _mix(lengths.astype(np.uint64) ^ np.uint64(seed))))
    return np.ascontiguousarray(np.stack(lanes, axis=1)).view("S16").ravel()


class _Ranges:
    """A set of keys as sorted, disjoint ranges ``[low, high]``, kept in a few levels.

    Each added batch is a level; a level is merged into the one before it once that one is
    no more than twice its size, so a stream of k batches keeps O(log k) levels.  Integer
    keys that follow each other merge into one range.
    """

    def __init__(self, *, consecutive: bool) -> None:
        self._consecutive = consecutive
        self._levels: list[tuple[npt.NDArray[Any], npt.NDArray[Any]]] = []

    def contains(self, keys: npt.NDArray[Any]) -> Bools:
        found = np.zeros(len(keys), dtype=np.bool_)
        for low, high in self._levels:
            at = np.searchsorted(low, keys, side="right") - 1
            inside = at >= 0
            found |= inside & (keys <= high[np.maximum(at, 0)])
        return found

    def add(self, keys: npt.NDArray[Any]) -> None:
        if len(keys) == 0:
            return
        self._levels.append(self._ranges(np.unique(keys)))
        while len(self._levels) > 1 and len(self._levels[-2][0]) <= 2 * len(self._levels[-1][0]):
            low_b, high_b = self._levels.pop()
            low_a, high_a = self._levels.pop()
            low = np.concatenate([low_a, low_b])
            order = np.argsort(low, kind="stable")
            self._levels.append(self._joined(low[order], np.concatenate([high_a, high_b])[order]))

    def _ranges(self, keys: npt.NDArray[Any]) -> tuple[npt.NDArray[Any], npt.NDArray[Any]]:
        if not self._consecutive:
            return keys, keys
        return self._joined(keys, keys)

    def _joined(
        self, low: npt.NDArray[Any], high: npt.NDArray[Any]
    ) -> tuple[npt.NDArray[Any], npt.NDArray[Any]]:
        """Merge ranges that touch (integers only; the ranges are sorted and disjoint)."""
        if not self._consecutive or len(low) < 2:
            return low, high
        starts = np.concatenate(([True], low[1:] != high[:-1] + 1))
        ends = np.concatenate((starts[1:], [True]))
        return low[starts], high[ends]


class SeenIds:
    """The ids met in earlier chunks of one stream, to refuse one that comes back.

    :meth:`check` raises :class:`~civaffairs.errors.InvalidDocumentError` naming the row
    (of the whole input) where an id met before appears again; :meth:`add` records a
    chunk's ids.  Integer ids are kept exactly; text ids as 128-bit fingerprints.
    """

    def __init__(self, column: str, expected: str, *, what: str) -> None:
        self.column = column
        self.expected = expected
        self.what = what
        self._integers = _Ranges(consecutive=True)
        self._texts = _Ranges(consecutive=False)
        self._high: int | None = None  # the largest integer id so far: the common case is fast

    def _keys(self, values: Any) -> tuple[_Ranges, npt.NDArray[Any]]:
        values = _plain(values)
        if pa.types.is_integer(values.type):
            return self._integers, np.asarray(values.cast(pa.int64()).to_numpy(), dtype=np.int64)
        return self._texts, fingerprints(values)

    def check(self, values: Any, rows: Ints) -> None:
        """Raise if any of ``values`` (non-null, at file ``rows``) was met in an earlier chunk."""
        if len(values) == 0:
            return
        ranges, keys = self._keys(values)
        if ranges is self._integers and self._high is not None and int(keys.min()) > self._high:
            return  # ids that only grow (as a registry written in order) cannot come back
        found = np.flatnonzero(ranges.contains(keys))
        if len(found) == 0:
            return
        shown = _plain(values).take(arrow(found)).to_pylist()
        error = InvalidDocumentError(
            [
                InvalidInputError(
                    f"$[{int(rows[i])}].{self.column}",
                    repr(value),
                    self.expected,
                    detail=f"{value!r} already had rows in an earlier part of the input",
                )
                for i, value in zip(found.tolist(), shown, strict=True)
            ],
            what=self.what,
        )
        # What a caller that can read the input again needs to name the earlier rows too.
        returning = [(int(rows[i]), v) for i, v in zip(found.tolist(), shown, strict=True)]
        error.returning = (self.column, returning)  # type: ignore[attr-defined]
        raise error

    def add(self, values: Any) -> None:
        """Record ``values`` (non-null) as met."""
        if len(values) == 0:
            return
        ranges, keys = self._keys(values)
        ranges.add(keys)
        if ranges is self._integers:
            top = int(keys.max())
            self._high = top if self._high is None else max(self._high, top)


def name_earlier_rows(error: InvalidDocumentError, columns: Iterator[Any]) -> InvalidDocumentError:
    """Return ``error`` with each id that came back named with its first row, as a table would.

    ``error`` comes from :meth:`SeenIds.check`; ``columns`` yields the id column of the
    whole input again, chunk by chunk, from its first row (read only on this error path).
    The answer lists :class:`~civaffairs.errors.DuplicateIdentityError` entries, exactly
    as :func:`~civaffairs.batch.assess_table` words them for a table held whole.
    """
    column, returning = getattr(error, "returning", (None, []))
    if not returning:
        return error
    wanted = {value for _, value in returning}
    first: dict[object, int] = {}
    offset = 0
    for ids in columns:
        plain = _plain(ids)
        hits = np.flatnonzero(
            np.asarray(
                pc.is_in(plain, value_set=pa.array(list(wanted), type=plain.type))
                .fill_null(False)
                .to_numpy(zero_copy_only=False)
            )
        )
        for index, value in zip(hits.tolist(), plain.take(arrow(hits)).to_pylist(), strict=True):
            first.setdefault(value, offset + index)
        offset += len(ids)
        if len(first) == len(wanted):
            break
    problems: list[InvalidInputError] = [
        DuplicateIdentityError(
            f"$[{row}].{column}",
            repr(value),
            SCATTERED if column == "household_id" else PERSON_ONCE,
            earlier=f"$[{first[value]}].{column}",
        )
        if value in first and first[value] < row
        else next(e for e in error.errors if e.path == f"$[{row}].{column}")
        for row, value in returning
    ]
    return InvalidDocumentError(
        problems, what="persons table" if column == "household_id" else "people table"
    )
