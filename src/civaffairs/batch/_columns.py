"""Reading the persons table into numpy arrays, recording every bad cell on the way.

Nothing here decides anything: it turns Arrow columns into integer and boolean
arrays and marks, per column, the rows whose value is missing, negative, NaN,
not whole fen, of an unknown code or out of range.  A bad cell is read as a
harmless placeholder (0, ``False``) *and* marked, so the engine can still run
its kernels over the whole batch and then mark those households "cannot
decide" (or raise, listing them).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from civaffairs.batch.schema import MAX_FEN
from civaffairs.errors import InvalidInputError

_STRING = pa.string()
Bools = npt.NDArray[np.bool_]
Ints = npt.NDArray[np.int64]
Column: TypeAlias = "pa.ChunkedArray[Any]"


def arrow(values: Any, **options: Any) -> Any:
    """Return ``pa.array(values, **options)``, typed loosely.

    pyarrow-stubs cannot tell a numpy integer array from a boolean one, so
    every array built from numpy goes through here.
    """
    return pa.array(values, **options)


def dictionary_of(column: Any) -> Any:
    """Return a dictionary column as one ``DictionaryArray`` (typed loosely, as :func:`arrow`)."""
    if isinstance(column, pa.ChunkedArray):
        unified = column.unify_dictionaries() if column.num_chunks > 1 else column
        return unified.combine_chunks() if unified.num_chunks != 1 else unified.chunk(0)
    return column


def _bits(buffer: Any, offset: int, length: int) -> Bools:
    """Unpack ``length`` bits of an Arrow bitmap from bit ``offset`` into booleans."""
    start, skip = divmod(offset, 8)
    raw = np.frombuffer(buffer, dtype=np.uint8, count=(skip + length + 7) // 8, offset=start)
    unpacked = np.unpackbits(raw, count=skip + length, bitorder="little")[skip:]
    return unpacked.view(np.bool_)


def _chunk_nulls(chunk: Any) -> Bools:
    if chunk.null_count == 0:
        return np.zeros(len(chunk), dtype=np.bool_)
    validity = chunk.buffers()[0] if chunk.type.num_buffers else None
    if validity is None:  # a null-type chunk: every cell null
        return np.ones(len(chunk), dtype=np.bool_)
    return ~_bits(validity, chunk.offset, len(chunk))


def _bits_at(buffer: Any, offset: int, length: int, rows: npt.NDArray[Any]) -> Bools:
    """Return the bits at ``rows`` of an Arrow bitmap of ``length`` bits from bit ``offset``.

    Unpacking the whole bitmap (a byte becomes eight in one vectorised step) and
    gathering costs less than shifting out each row's bit.
    """
    found: Bools = _bits(buffer, offset, length)[rows]
    return found


def _nulls_at(column: Column, rows: npt.NDArray[Any]) -> Bools:
    """Return whether each of ``rows`` is null, in a column of at most one chunk."""
    if column.null_count == 0:
        return np.zeros(len(rows), dtype=np.bool_)
    chunk: Any = column.chunk(0)
    validity = chunk.buffers()[0] if chunk.type.num_buffers else None
    if validity is None:  # a null-type chunk: every cell null
        return np.ones(len(rows), dtype=np.bool_)
    return ~_bits_at(validity, chunk.offset, len(chunk), rows)


def _joined(parts: list[npt.NDArray[Any]], dtype: Any) -> npt.NDArray[Any]:
    if len(parts) == 1:
        return parts[0]
    if not parts:
        return np.zeros(0, dtype=dtype)
    return np.concatenate(parts)


def _nulls_in_dictionary(column: Column) -> bool:
    """Whether a dictionary column's dictionary itself holds a null (its cells are null)."""
    if not pa.types.is_dictionary(column.type):
        return False
    chunks: list[Any] = column.chunks
    return any(chunk.dictionary.null_count for chunk in chunks)


def has_nulls(column: Column) -> bool:
    """Whether any cell is null, a dictionary column's null values included."""
    return bool(column.null_count) or _nulls_in_dictionary(column)


def nulls_of(column: Column) -> Bools:
    """Return the null mask of a column, read from its validity bitmaps.

    A dictionary column whose dictionary holds a null value has null cells
    wherever an index points at it; those are found by Arrow's ``is_null``.
    """
    if _nulls_in_dictionary(column):
        return np.asarray(column.is_null().to_numpy(zero_copy_only=False), dtype=np.bool_)
    if column.null_count == 0:
        return np.zeros(len(column), dtype=np.bool_)
    return _joined([_chunk_nulls(chunk) for chunk in column.chunks], np.bool_)


def booleans(column: Column) -> tuple[Bools, Bools]:
    """Return ``(values, nulls)`` of a boolean column; a null's value reads ``False``.

    Arrow keeps booleans as bits; unpacking the bitmaps directly is several
    times faster than ``to_numpy`` (which goes through a generic conversion).
    """
    values: list[Bools] = []
    for chunk in column.chunks:
        data = chunk.buffers()[1]
        if len(chunk) == 0:
            continue
        if data is None:  # a chunk of nulls only
            values.append(np.zeros(len(chunk), dtype=np.bool_))
            continue
        value = _bits(data, chunk.offset, len(chunk))
        if chunk.null_count:
            value = value & ~_chunk_nulls(chunk)
        values.append(value)
    return _joined(values, np.bool_), nulls_of(column)


def _fixed(column: Column) -> npt.NDArray[Any]:
    """Return a fixed-width column's values as stored (those under nulls are unspecified)."""
    dtype = np.dtype(column.type.to_pandas_dtype())
    parts: list[npt.NDArray[Any]] = []
    for chunk in column.chunks:
        if len(chunk) == 0:
            continue
        data: Any = chunk.buffers()[1]
        if data is None:
            parts.append(np.zeros(len(chunk), dtype=dtype))
            continue
        parts.append(
            np.frombuffer(data, dtype=dtype, count=len(chunk), offset=chunk.offset * dtype.itemsize)
        )
    return _joined(parts, dtype)


def fixed_values(column: Column) -> npt.NDArray[Any]:
    """Return a fixed-width column's values as stored, without copying one chunk.

    The values under nulls are unspecified: read :func:`nulls_of` with them.
    """
    return _fixed(column)


def integers(column: Column, *, null: int = 0, nulls: Bools | None = None) -> Ints:
    """Return an integer column as int64 with nulls read as ``null`` (no copy when possible).

    uint64 values above 2⁶³ wrap negative, where range checks refuse them.
    ``nulls``: the column's null mask when already read (:func:`nulls_of`).
    """
    values = _fixed(column)
    if values.dtype != np.int64:
        values = values.astype(np.int64) if values.dtype != np.uint64 else values.view(np.int64)
    if column.null_count:
        values = np.where(nulls_of(column) if nulls is None else nulls, null, values)
    return values


def dictionary_indices(column: Column) -> tuple[Ints, list[Any]]:
    """Return ``(indices, dictionary)`` of a dictionary column; a null's index is -1."""
    if column.num_chunks > 1:
        if _nulls_in_dictionary(column):  # Arrow cannot unify these: encode the values afresh
            plain: Any = column.cast(column.type.value_type).combine_chunks()
            column = pa.chunked_array([pc.dictionary_encode(plain)])
        else:
            column = column.unify_dictionaries()
    if column.num_chunks == 0:
        return np.zeros(0, dtype=np.int64), []
    chunks: list[Any] = column.chunks
    dictionary = chunks[0].dictionary.to_pylist()
    indices = pa.chunked_array([chunk.indices for chunk in chunks], column.type.index_type)
    found = integers(indices, null=-1)
    if None in dictionary:  # a null value in the dictionary: its cells are null (-1) too
        remap = np.array([-1 if v is None else i for i, v in enumerate(dictionary)] + [-1])
        found = remap[found]
    return found, dictionary


def _is_string(kind: pa.DataType) -> bool:
    return bool(
        pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_string_view(kind)
    )


class Reader:
    """Typed access to the columns of one persons table.

    ``bad`` maps a column name to the person-level mask of its bad cells;
    ``checks`` keeps, per column and in the order the checks ran, each check's
    mask and what it would have accepted (:meth:`expected` picks a cell's
    first); ``schema_errors`` lists problems no row can be blamed for (a
    column of the wrong type).
    """

    def __init__(self, table: pa.Table) -> None:
        self.table = table
        self.rows = table.num_rows
        #: Column name → index (``Table.column_names`` builds a new list on every call).
        self.columns = {name: i for i, name in enumerate(table.column_names)}
        self.bad: dict[str, Bools] = {}
        self.checks: dict[str, list[tuple[Bools, str]]] = {}
        self.schema_errors: list[InvalidInputError] = []
        self.absent: list[str] = []
        #: Rows of households without exactly one applicant: "a household fact on a member's
        #: row" is not checked there (which row is the applicant's is itself the problem).
        self.unclear: Bools | None = None

    # -- bookkeeping ----------------------------------------------------------------------

    def mark(self, name: str, mask: Bools, expected: str) -> None:
        """Record the rows of ``name`` whose value is bad."""
        if not mask.any():
            return
        if name in self.bad:
            self.bad[name] = self.bad[name] | mask
        else:
            self.bad[name] = mask
        self.checks.setdefault(name, []).append((mask, expected))

    def mark_rows(self, name: str, where: npt.NDArray[Any], expected: str) -> None:
        """Record the rows ``where`` of ``name`` as bad (:meth:`mark` by row numbers)."""
        if len(where):  # else no mask to build
            self.mark(name, mask_of(self.rows, where), expected)

    def expected(self, name: str, row: int) -> str:
        """Return what the first check refusing cell (``row``, ``name``) would have accepted."""
        return next(text for mask, text in self.checks[name] if mask[row])

    def _column(
        self,
        name: str,
        *,
        required: bool,
        decode: bool = True,
        null_as: pa.DataType = _STRING,
    ) -> Column | None:
        index = self.columns.get(name)
        if index is None:
            if required:
                self.schema_errors.append(
                    InvalidInputError(f"$.{name}", "(absent)", "a column of the persons table")
                )
            else:
                self.absent.append(name)
            return None
        column = self.table.column(index)
        kind = column.type
        if pa.types.is_null(kind) or (
            pa.types.is_dictionary(kind) and pa.types.is_null(kind.value_type)
        ):  # every cell null (pandas gives such columns): read as nulls of the expected type
            return pa.chunked_array([arrow([None] * len(column), type=null_as)])
        if decode and pa.types.is_dictionary(column.type):
            column = column.cast(column.type.value_type)
        return column

    def _wrong_type(self, name: str, kind: pa.DataType, expected: str) -> None:
        self.schema_errors.append(InvalidInputError(f"$.{name}", str(kind), expected))

    @staticmethod
    def _nulls(column: Column) -> Bools:
        return nulls_of(column)

    # -- typed reads ----------------------------------------------------------------------

    def _money_column(self, name: str) -> Column | None:
        """Return the column of a money fact, or ``None`` when absent or mistyped (recorded)."""
        column = self._column(name, required=False, null_as=pa.int64())
        if column is None:
            return None
        if not (pa.types.is_integer(column.type) or pa.types.is_floating(column.type)):
            self._wrong_type(name, column.type, "an integer column of fen (or float of whole fen)")
            return None
        return column

    @staticmethod
    def _fen(raw: npt.NDArray[Any], nulls: Bools) -> tuple[Ints, Bools, str]:
        """Return ``(values, bad, expected)`` of money cells as stored (integer or float)."""
        if raw.dtype.kind in "iu":
            # uint64 above 2**63 wraps negative here and is refused with the negatives.
            values = (
                raw.view(np.int64) if raw.dtype == np.uint64 else raw.astype(np.int64, copy=False)
            )
            expected = "a whole number of fen from 0 to 10¹¹, not missing"
            if not nulls.any() and (
                len(values) == 0 or (int(values.min()) >= 0 and int(values.max()) <= MAX_FEN)
            ):  # the usual case: every cell good, and no mask to build
                return values, nulls, expected
            bad = nulls | (values < 0) | (values > MAX_FEN)
        else:
            floats = raw.astype(np.float64, copy=False)
            filled = np.where(nulls | np.isnan(floats), -1.0, floats)
            bad = ~np.isfinite(filled) | (filled < 0) | (filled > MAX_FEN)
            bad |= np.floor(filled) != filled
            values = np.where(bad, 0, filled).astype(np.int64)
            expected = "a whole number of fen from 0 to 10¹¹ (not missing, NaN or a fraction)"
        if bad.any():
            values = np.where(bad, 0, values)
        return values, bad, expected

    def money(self, name: str) -> Ints | None:
        """Return a person-level money column as int64 fen; ``None`` when absent."""
        column = self._money_column(name)
        if column is None:
            return None
        values, bad, expected = self._fen(_fixed(column), self._nulls(column))
        self.mark(name, bad, expected)
        return values

    def _clear(self, mask: Bools) -> Bools:
        """Drop rows of households whose applicant's row is unclear."""
        return mask if self.unclear is None else mask & ~self.unclear

    def _on_applicant(self, name: str, bad: Bools, rows: Ints, expected: str) -> None:
        """Mark the applicants' rows where a household fact is bad (``bad`` is per person)."""
        at = bad[rows]
        if at.any():
            self.mark(name, self._clear(mask_of(self.rows, rows[at])), expected)

    def _elsewhere(self, name: str, set_: Bools, rows: Ints, expected: str) -> None:
        """Mark rows other than the applicant's where a household fact is set."""
        if np.count_nonzero(set_) > np.count_nonzero(set_[rows]):
            mask = set_.copy()
            mask[rows] = False
            self.mark(name, self._clear(mask), expected)

    def household_money(self, name: str, applicant_rows: Ints) -> Ints | None:
        """Return a household money column read on the applicant's rows (``None``: absent).

        The value is required there; on the other rows it must be null or 0.
        """
        column = self._money_column(name)
        if column is None:
            return None
        raw = _fixed(column)
        nulls = None
        if column.null_count == 0 or (
            # the applicant's cell of each household is read from the bitmap without
            # unpacking every row's bit
            column.num_chunks == 1 and not _nulls_in_dictionary(column)
        ):
            at_applicants = _nulls_at(column, applicant_rows)
        else:
            nulls = self._nulls(column)
            at_applicants = nulls[applicant_rows]
        values, bad, expected = self._fen(raw[applicant_rows], at_applicants)
        if bad.any():
            self.mark(
                name,
                self._clear(mask_of(self.rows, applicant_rows[bad])),
                f"{expected} (applicant's row)",
            )
        if column.null_count != self.rows - len(applicant_rows) or bad.any():
            # Not simply "null on every other row": look for a set cell there (a NaN, a
            # negative or a fraction is set too).
            # NaN counts as missing in a float column (schema), and missing is the norm there.
            if nulls is None:
                nulls = self._nulls(column)
            unset = nulls | np.isnan(raw) if raw.dtype.kind == "f" else nulls
            self._elsewhere(
                name,
                ~unset & (raw != 0),
                applicant_rows,
                "null or 0 on rows other than the applicant's",
            )
        return values

    def flag(self, name: str) -> Bools | None:
        """Return a person-level boolean column (``None``: absent); null is a bad cell."""
        values, nulls = self.nullable_flag(name)
        if values is None:
            return None
        self.mark(name, nulls, "true or false, not missing")
        return values

    def household_flag(self, name: str, applicant_rows: Ints) -> Bools | None:
        """Return a household boolean column read on the applicant's rows (``None``: absent).

        The value is required there; on the other rows it must be null or false.
        """
        at_applicants = self._only_on_applicants(name, applicant_rows)
        if at_applicants is not None:
            return at_applicants
        values, nulls = self.nullable_flag(name)
        if values is None:
            return None
        self._on_applicant(name, nulls, applicant_rows, "true or false (applicant's row)")
        self._elsewhere(
            name, values, applicant_rows, "null or false on rows other than the applicant's"
        )
        return values[applicant_rows]

    def _only_on_applicants(self, name: str, applicant_rows: Ints) -> Bools | None:
        """Return the applicants' values of a household flag set on their rows only.

        The usual layout (every applicant's cell set, every other row's null)
        has no bad cell: its values are read at the applicants' bits alone,
        without unpacking every row.  ``None`` for any other column: read it whole.
        """
        index = self.columns.get(name)
        if index is None:
            return None
        column = self.table.column(index)
        if not (
            pa.types.is_boolean(column.type)
            and column.num_chunks == 1
            and column.null_count == self.rows - len(applicant_rows)
        ):
            return None
        # One applicant row per household, each distinct: with none of them null, every
        # other row is.
        if _nulls_at(column, applicant_rows).any():
            return None
        chunk: Any = column.chunk(0)
        return _bits_at(chunk.buffers()[1], chunk.offset, len(chunk), applicant_rows)

    def nullable_flag(self, name: str) -> tuple[Bools | None, Bools]:
        """Return ``(values, nulls)`` of a boolean column (absent: ``None``, no nulls)."""
        column = self._column(name, required=False, null_as=pa.bool_())
        if column is not None and pa.types.is_boolean(column.type):
            return booleans(column)
        if column is not None:
            self._wrong_type(name, column.type, "a boolean column")
        return None, np.zeros(self.rows, dtype=np.bool_)

    def codes(
        self, name: str, allowed: Sequence[str], *, required: bool
    ) -> tuple[npt.NDArray[np.int16], Bools]:
        """Return ``(codes, nulls)``: the index of each value in ``allowed``.

        Null gives -1 and an unknown value -2 (marked bad).  Integer columns
        are read as codes directly.
        """
        column = self._column(name, required=required, decode=False)
        if column is None:
            return np.full(self.rows, -1, dtype=np.int16), np.ones(self.rows, dtype=np.bool_)
        nulls = self._nulls(column)
        if pa.types.is_integer(column.type):
            raw = integers(column, null=-1)
            unknown = ~nulls & ((raw < 0) | (raw >= len(allowed)))
            codes = np.where(unknown, -2, np.where(nulls, -1, raw)).astype(np.int16)
        elif _is_plain_dictionary(column):  # the indices as stored, looked up directly
            chunk: Any = column.chunk(0)
            dictionary = chunk.dictionary.to_pylist()
            lookup = np.array(
                [-1 if v is None else allowed.index(v) if v in allowed else -2 for v in dictionary]
                + [-1],
                dtype=np.int16,
            )
            # ``take`` is far faster than ``lookup[raw]`` for 32-bit indices; the index under
            # a null is unspecified (clipped into range here), and a null reads -1.
            codes = lookup.take(_fixed(pa.chunked_array([chunk.indices])), mode="clip")
            if chunk.null_count:
                codes = np.where(nulls, np.int16(-1), codes)
            unknown = codes == -2
        elif _is_string(column.type) or _is_string_dictionary(column.type):
            indices, dictionary = _encoded(column)
            lookup = np.array(
                [allowed.index(v) if v in allowed else -2 for v in dictionary] + [-1],
                dtype=np.int16,
            )
            codes = lookup[indices]  # a null's index, -1, reads the trailing -1
            unknown = codes == -2
        else:
            self._wrong_type(name, column.type, f"a string column of {', '.join(allowed)}")
            return np.full(self.rows, -1, dtype=np.int16), np.ones(self.rows, dtype=np.bool_)
        self.mark(name, unknown, f"one of {', '.join(allowed)}")
        return codes, nulls

    def strings(self, name: str, *, required: bool) -> tuple[npt.NDArray[np.int64], list[str]]:
        """Return ``(indices, dictionary)`` of a free string column; null is -1."""
        column = self._column(name, required=required, decode=False)
        if column is None:
            return np.full(self.rows, -1, dtype=np.int64), []
        if not (_is_string(column.type) or _is_string_dictionary(column.type)):
            self._wrong_type(name, column.type, "a string column")
            return np.full(self.rows, -1, dtype=np.int64), []
        indices, dictionary = _encoded(column)
        return indices, [str(v) for v in dictionary]

    def strings_at(
        self, name: str, rows: Ints, *, required: bool
    ) -> tuple[npt.NDArray[np.int64], list[str]]:
        """Return :meth:`strings` at ``rows`` only: ``(indices, dictionary)``; null is -1.

        A dictionary column of one chunk is read at those rows alone.
        """
        index = self.columns.get(name)
        column = None if index is None else self.table.column(index)
        if (
            column is None
            or column.num_chunks != 1
            or not pa.types.is_dictionary(column.type)
            or not pa.types.is_string(column.type.value_type)
        ):
            indices, names = self.strings(name, required=required)
            return indices[rows], names
        chunk: Any = column.chunk(0)
        found = _fixed(pa.chunked_array([chunk.indices]))[rows].astype(np.int64)
        if chunk.null_count:
            found = np.where(_nulls_at(column, rows), -1, found)
        dictionary = chunk.dictionary.to_pylist()
        if None in dictionary:  # a null value in the dictionary: its cells are null (-1) too
            remap = np.array([-1 if v is None else i for i, v in enumerate(dictionary)] + [-1])
            found = remap[found]
        return found, [str(v) for v in dictionary]

    def small_int(self, name: str) -> tuple[Ints, Bools]:
        """Return ``(values, nulls)`` of an integer column (absent: all null)."""
        column = self._column(name, required=False, null_as=pa.int64())
        if column is None:
            return np.zeros(self.rows, dtype=np.int64), np.ones(self.rows, dtype=np.bool_)
        if pa.types.is_floating(column.type):
            raw = np.asarray(column.to_numpy(zero_copy_only=False), dtype=np.float64)
            nulls = self._nulls(column) | np.isnan(raw)
            filled = np.where(nulls, 0.0, raw)
            whole = np.isfinite(filled) & (np.floor(filled) == filled) & (np.abs(filled) < 2**31)
            self.mark(name, ~whole, "a whole number")
            return np.where(whole, filled, 0).astype(np.int64), nulls
        if not pa.types.is_integer(column.type):
            self._wrong_type(name, column.type, "an integer column")
            return np.zeros(self.rows, dtype=np.int64), np.ones(self.rows, dtype=np.bool_)
        nulls = self._nulls(column)
        return integers(column, nulls=nulls), nulls

    def days(self, name: str) -> tuple[Ints, Bools]:
        """Return ``(days since 1970-01-01, nulls)`` of a date column."""
        column = self._column(name, required=True, null_as=pa.date32())
        if column is None:
            return np.zeros(self.rows, dtype=np.int64), np.ones(self.rows, dtype=np.bool_)
        kind = column.type
        if pa.types.is_timestamp(kind) or pa.types.is_date64(kind):
            try:
                column = column.cast(pa.date32())
            except pa.ArrowInvalid:
                self._wrong_type(name, kind, "a date column (a timestamp with no time of day)")
                return np.zeros(self.rows, dtype=np.int64), np.ones(self.rows, dtype=np.bool_)
        elif not pa.types.is_date32(kind):
            self._wrong_type(name, kind, "a date32 column")
            return np.zeros(self.rows, dtype=np.int64), np.ones(self.rows, dtype=np.bool_)
        nulls = self._nulls(column)
        return integers(column.cast(pa.int32()), nulls=nulls), nulls


def mask_of(rows: int, where: npt.NDArray[Any]) -> Bools:
    """Return a mask of ``rows`` rows with the rows ``where`` set."""
    mask = np.zeros(rows, dtype=np.bool_)
    mask[where] = True
    return mask


def _is_plain_dictionary(column: Column) -> bool:
    """Whether ``column`` is one chunk of a dictionary of strings (read without re-encoding)."""
    kind = column.type
    return bool(
        column.num_chunks == 1
        and pa.types.is_dictionary(kind)
        and pa.types.is_string(kind.value_type)
        and pa.types.is_integer(kind.index_type)
    )


def _is_string_dictionary(kind: pa.DataType) -> bool:
    return bool(pa.types.is_dictionary(kind) and _is_string(kind.value_type))


def _encoded(column: Column) -> tuple[Ints, list[Any]]:
    """Return ``(indices, dictionary)`` of a string column (null: -1), encoding it if need be."""
    if pa.types.is_dictionary(column.type):
        if pa.types.is_string_view(column.type.value_type):
            column = column.cast(pa.dictionary(column.type.index_type, pa.string()))
        return dictionary_indices(column)
    if pa.types.is_string_view(column.type):
        column = column.cast(pa.string())
    return dictionary_indices(pc.dictionary_encode(column))


def household_starts(ids: Column) -> tuple[npt.NDArray[np.int64], Bools]:
    """Return the first row of each run of equal ids, and which runs repeat an earlier id.

    A null id makes a one-row run of its own.  A run whose id also heads
    another run breaks the "households are contiguous" rule.
    """
    rows = len(ids)
    if rows == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.bool_)
    if pa.types.is_dictionary(ids.type):
        ids = ids.cast(ids.type.value_type)
    if pa.types.is_string_view(ids.type):
        ids = ids.cast(pa.string())
    if pa.types.is_integer(ids.type) and ids.null_count == 0:
        # Read each chunk where it lies (no copy into one array); a chunk's first row starts
        # a household unless it continues the previous chunk's last.
        found: list[npt.NDArray[Any]] = []
        head_parts: list[npt.NDArray[Any]] = []
        first = 0
        last: Any = None
        for chunk in ids.chunks:
            if len(chunk) == 0:
                continue
            values = _fixed(pa.chunked_array([chunk]))
            inside = np.flatnonzero(values[1:] != values[:-1]) + 1
            if last is None or values[0] != last:
                inside = np.concatenate(([0], inside))
            found.append(inside + first)
            head_parts.append(values[inside])
            first += len(values)
            last = values[-1]
        starts = np.concatenate(found).astype(np.int64)
        heads = np.concatenate(head_parts)
        if len(heads) < 2 or bool((heads[1:] > heads[:-1]).all()):
            return starts, np.zeros(len(starts), dtype=np.bool_)
        order = np.sort(heads)
        twice = np.unique(order[1:][order[1:] == order[:-1]])
        return starts, np.isin(heads, twice)
    flat: Any = ids.combine_chunks() if ids.num_chunks != 1 else ids.chunk(0)
    change = pc.not_equal(flat.slice(1), flat.slice(0, rows - 1)).fill_null(True)
    boundaries = np.flatnonzero(np.asarray(change.to_numpy(zero_copy_only=False))) + 1
    starts = np.concatenate(([0], boundaries)).astype(np.int64)
    arrow_heads = flat.take(arrow(starts))
    repeated = np.zeros(len(starts), dtype=np.bool_)
    if (
        pc.count_distinct(arrow_heads, mode="only_valid").as_py()
        != len(starts) - arrow_heads.null_count
    ):
        counts: Any = pc.value_counts(arrow_heads)
        compute: Any = pc
        more_than_once = compute.greater(counts.field("counts"), 1)
        twice = counts.filter(more_than_once).field("values")
        repeated = np.asarray(
            pc.is_in(arrow_heads, value_set=twice).fill_null(False).to_numpy(zero_copy_only=False),
            dtype=np.bool_,
        )
    return starts, repeated
