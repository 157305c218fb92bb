"""The persons table's reader gives the same answer by its quick paths as by its general ones.

For speed the :class:`~civaffairs.batch._columns.Reader` reads some layouts directly: a code
column of one dictionary chunk through the stored indices, a household fact at the
applicants' rows only (a flag whose other rows are all null, a dictionary gathered before
widening), household boundaries chunk by chunk.  Every other layout (several chunks, a
dictionary holding a null, a flag set on a member's row) takes the general path.  These
tests read the same cells in both layouts and require the same values and the same bad
cells, with the same expected texts, so that no answer depends on how a table is chunked.
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
import pyarrow as pa
from hypothesis import given
from hypothesis import strategies as st

from civaffairs.batch._columns import Reader, household_starts

_VALUES = ("applicant", "spouse", "child", "martian")
_ALLOWED = ("applicant", "spouse", "child")


def _two_chunks(array: Any, cut: int) -> Any:
    """The same cells as two chunks (the general path's layout)."""
    return pa.chunked_array([array.slice(0, cut), array.slice(cut)], type=array.type)


def _bad(reader: Reader) -> dict[str, tuple[list[int], list[str]]]:
    return {
        name: (
            np.flatnonzero(mask).tolist(),
            [reader.expected(name, int(row)) for row in np.flatnonzero(mask)],
        )
        for name, mask in reader.bad.items()
    }


cells = st.lists(st.sampled_from((*_VALUES, None)), min_size=1, max_size=40)


@given(cells, st.data())
def test_codes_of_one_dictionary_chunk_equal_the_general_reading(
    values: list[str | None], data: st.DataObject
) -> None:
    """Codes, nulls and bad cells of a dictionary column, one chunk or two, sliced or not."""
    start = data.draw(st.integers(0, len(values) - 1))
    whole = pa.array(values, type=pa.string()).dictionary_encode().slice(start)
    cut = data.draw(st.integers(0, len(whole)))
    one = Reader(pa.table({"relationship": whole}))
    two = Reader(pa.table({"relationship": _two_chunks(whole, cut)}))
    codes_one, nulls_one = one.codes("relationship", _ALLOWED, required=True)
    codes_two, nulls_two = two.codes("relationship", _ALLOWED, required=True)
    assert codes_one.tolist() == codes_two.tolist()
    assert nulls_one.tolist() == nulls_two.tolist()
    assert _bad(one) == _bad(two)


@given(cells)
def test_a_dictionary_holding_a_null_reads_as_the_plain_strings(values: list[str | None]) -> None:
    """A null value in the dictionary itself makes its cells null (-1), as plain nulls do.

    In one chunk or several: Arrow cannot unify dictionaries that hold a null, so several
    chunks are encoded afresh rather than failing with Arrow's own error (a traceback).
    """
    dictionary = pa.array([*_VALUES, None], type=pa.string())
    indices = pa.array(
        [len(_VALUES) if v is None else _VALUES.index(v) for v in values], pa.int32()
    )
    encoded = Reader(
        pa.table({"relationship": pa.DictionaryArray.from_arrays(indices, dictionary)})
    )
    plain = Reader(pa.table({"relationship": pa.array(values, type=pa.string())}))
    codes_encoded, nulls_encoded = encoded.codes("relationship", _ALLOWED, required=True)
    codes_plain, nulls_plain = plain.codes("relationship", _ALLOWED, required=True)
    assert codes_encoded.tolist() == codes_plain.tolist()
    assert nulls_encoded.tolist() == nulls_plain.tolist() == [v is None for v in values]
    assert _bad(encoded) == _bad(plain)
    cut = len(values) // 2
    whole = pa.DictionaryArray.from_arrays(indices, dictionary)
    chunked = Reader(pa.table({"relationship": _two_chunks(whole, cut)}))
    codes_chunked, nulls_chunked = chunked.codes("relationship", _ALLOWED, required=True)
    assert codes_chunked.tolist() == codes_plain.tolist()
    assert nulls_chunked.tolist() == nulls_plain.tolist()
    assert _bad(chunked) == _bad(plain)
    rows = np.arange(0, len(values), 2, dtype=np.int64)
    found, _names = encoded.strings_at("relationship", rows, required=True)
    assert [-1 if values[r] is None else 0 for r in rows.tolist()] == [
        -1 if i < 0 else 0 for i in found.tolist()
    ]


@given(cells, st.data())
def test_strings_at_rows_equal_the_whole_column_gathered(
    values: list[str | None], data: st.DataObject
) -> None:
    """A household's place read at its applicant's row alone, as read whole then gathered."""
    start = data.draw(st.integers(0, len(values) - 1))
    whole = pa.array(values, type=pa.string()).dictionary_encode().slice(start)
    rows = np.array(
        sorted(data.draw(st.sets(st.integers(0, len(whole) - 1), max_size=len(whole)))),
        dtype=np.int64,
    )
    reader = Reader(pa.table({"registration": whole}))
    found, names = reader.strings_at("registration", rows, required=True)
    indices, all_names = reader.strings("registration", required=True)
    assert names == all_names
    assert found.tolist() == indices[rows].tolist()


households = st.lists(st.integers(1, 4), min_size=1, max_size=12)


@given(households, st.data())
def test_household_flags_read_at_the_applicants_equal_the_general_reading(
    sizes: list[int], data: st.DataObject
) -> None:
    """A household flag: the applicants' values and the bad cells, one chunk or two."""
    rows = sum(sizes)
    applicants = np.cumsum([0, *sizes[:-1]]).astype(np.int64)
    on_applicant = data.draw(
        st.lists(st.sampled_from((True, False, None)), min_size=len(sizes), max_size=len(sizes))
    )
    elsewhere = data.draw(st.sampled_from(("null", "false", "mixed")))
    cells_: list[bool | None] = [None] * rows
    for row, value in zip(applicants.tolist(), on_applicant, strict=True):
        cells_[row] = value
    if elsewhere != "null":
        others = [r for r in range(rows) if r not in set(applicants.tolist())]
        for row in others:
            cells_[row] = (
                False if elsewhere == "false" else data.draw(st.sampled_from((True, False, None)))
            )
    whole = pa.array(cells_, type=pa.bool_())
    cut = data.draw(st.integers(0, rows))
    one = Reader(pa.table({"owns_vehicle": whole}))
    two = Reader(pa.table({"owns_vehicle": _two_chunks(whole, cut)}))
    found_one = one.household_flag("owns_vehicle", applicants)
    found_two = two.household_flag("owns_vehicle", applicants)
    assert found_one is not None
    assert found_two is not None
    assert found_one.tolist() == found_two.tolist()
    assert _bad(one) == _bad(two)


@given(st.lists(st.integers(0, 5), min_size=1, max_size=40), st.data())
def test_household_starts_do_not_depend_on_chunks(values: list[int], data: st.DataObject) -> None:
    """Household boundaries and repeated ids read chunk by chunk, as from one array."""
    whole = pa.array(values, type=pa.int64())
    cuts = sorted(data.draw(st.sets(st.integers(0, len(values)), max_size=4)) | {0, len(values)})
    chunked = pa.chunked_array(
        [whole.slice(a, b - a) for a, b in itertools.pairwise(cuts)] or [whole],
        type=pa.int64(),
    )
    starts_one, repeated_one = household_starts(pa.chunked_array([whole]))
    starts_many, repeated_many = household_starts(chunked)
    assert starts_one.tolist() == starts_many.tolist()
    assert repeated_one.tolist() == repeated_many.tolist()
    expected = [0] + [i for i in range(1, len(values)) if values[i] != values[i - 1]]
    assert starts_one.tolist() == expected


def test_string_view_ids_are_read_as_their_text() -> None:
    """Arrow's ``string_view`` strings (polars' own, newer pandas) are the same text: the
    低保 screen and the layered screen give the same answers as for plain strings (the view
    type once failed with Arrow's own ``ArrowNotImplementedError`` in ``take``)."""
    import datetime as dt  # noqa: PLC0415

    from civaffairs.batch import assess_table, layers, synthetic_population  # noqa: PLC0415

    on = dt.date(2025, 6, 30)
    table = synthetic_population(30, "500156", on=on, seed=1)
    ids = pa.array([f"H{x}" for x in table.column("household_id").to_pylist()])
    plain = table.set_column(0, "household_id", ids)
    views = table.set_column(0, "household_id", ids.cast(pa.string_view()))
    for screen in (assess_table, layers.assess_table):
        read, expected = screen(views, on, workers=1), screen(plain, on, workers=1)
        for name in expected.column_names:
            assert read.column(name).to_pylist() == expected.column(name).to_pylist(), name
