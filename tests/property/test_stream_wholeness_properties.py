"""A household is decided whole whatever the file's layout: table = stream = Dask.

The same registry is written with random row-group sizes, households in random order and
members in random order within their household (rows of a household stay together: the
contiguity rule).  ``assess_table`` on the table, ``screen_file`` on the file (chunk by
chunk) and ``screen_parquet`` (Dask) must give identical rows.  A household whose rows are
moved apart is refused by all three with the same error, naming the same file rows.

社会救助暂行办法 (国务院令第649号) art. 9: "国家对共同生活的家庭成员人均收入低于当地最低生活
保障标准，且符合当地最低生活保障家庭财产状况规定的家庭，给予最低生活保障。" and art. 12:
"对批准获得最低生活保障的家庭，县级人民政府民政部门按照共同生活的家庭成员人均收入低于当地最低
生活保障标准的差额，按月发给最低生活保障金。" — the family is the unit, so a fragment of a
family is never decided.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("pyarrow")
pytest.importorskip("numpy")

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from civaffairs.batch import assess_table
from civaffairs.batch._columns import household_starts
from civaffairs.batch.files import screen_file
from civaffairs.batch.population import synthetic_population
from civaffairs.errors import InvalidDocumentError

ON = dt.date(2025, 8, 1)
CHONGQING = "500000"
SLOW = settings(
    deadline=None,
    max_examples=20,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@st.composite
def registries(draw: st.DrawFn) -> tuple[pa.Table, list[list[int]]]:
    """A synthetic registry (some bad cells), reordered; and each household's rows."""
    table = synthetic_population(
        draw(st.integers(1, 30), label="households"),
        CHONGQING,
        on=ON,
        seed=draw(st.integers(0, 2**16), label="seed"),
        invalid_share=draw(st.sampled_from([0.0, 0.3]), label="invalid_share"),
    )
    if draw(st.booleans(), label="text ids"):
        ids = table.column("household_id").cast(pa.string())
        table = table.set_column(0, "household_id", ids)
    starts, _ = household_starts(table.column("household_id"))
    ends = [*starts[1:].tolist(), table.num_rows]
    runs = [list(range(a, b)) for a, b in zip(starts.tolist(), ends, strict=True)]
    order = draw(st.permutations(range(len(runs))), label="household order")
    households = [draw(st.permutations(runs[i]), label="member order") for i in order]
    rows = [row for members in households for row in members]
    reordered = table.take(pa.array(rows, type=pa.int64()))
    positions: list[list[int]] = []
    at = 0
    for members in households:
        positions.append(list(range(at, at + len(members))))
        at += len(members)
    return reordered, positions


def _dask_rows(target: Path) -> list[dict[str, Any]]:
    parts = sorted(target.glob("*.parquet"), key=lambda p: int(p.stem.split(".")[-1]))
    return pa.concat_tables([pq.read_table(p) for p in parts]).to_pylist()


@SLOW
@given(registries(), st.data())
def test_table_stream_and_dask_decide_every_layout_alike(
    registry: tuple[pa.Table, list[list[int]]], data: st.DataObject
) -> None:
    pytest.importorskip("dask.dataframe")
    from civaffairs.batch.distributed import screen_parquet  # noqa: PLC0415 - optional dask

    table, _ = registry
    group = data.draw(st.integers(1, table.num_rows), label="row group size")
    expected = assess_table(table, ON).to_pylist()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "registry.parquet"
        pq.write_table(table, source, row_group_size=group)
        screen_file(source, Path(folder) / "stream.parquet", ON)
        assert pq.read_table(Path(folder) / "stream.parquet").to_pylist() == expected
        screen_parquet(source, Path(folder) / "dask", ON)
        assert _dask_rows(Path(folder) / "dask") == expected


@SLOW
@given(registries(), st.data())
def test_a_household_moved_apart_is_refused_alike_on_every_path(
    registry: tuple[pa.Table, list[list[int]]], data: st.DataObject
) -> None:
    pytest.importorskip("dask.dataframe")
    from civaffairs.batch.distributed import screen_parquet  # noqa: PLC0415 - optional dask

    table, households = registry
    if len(households) < 2:
        return  # nothing to move a household's row past
    # Move the last row of one household to just after another household's rows.
    moved = data.draw(st.sampled_from(households), label="household moved apart")
    past = data.draw(st.sampled_from([h for h in households if h is not moved]), label="past")
    if len(moved) == 1 and households.index(past) == households.index(moved) + 1:
        # Moving a one-row household past its neighbour only swaps two households.
        return
    row = moved[-1]
    order = [r for r in range(table.num_rows) if r != row]
    order.insert(order.index(past[-1]) + 1, row)
    scattered = table.take(pa.array(order, type=pa.int64()))
    if np.array_equal(order, range(table.num_rows)):
        return
    _starts, repeated = household_starts(scattered.column("household_id"))
    if not repeated.any():
        return  # the row moved to the household's own end (it was already last)
    with pytest.raises(InvalidDocumentError) as raised:
        assess_table(scattered, ON)
    paths = [str(e) for e in raised.value.errors]  # "$[r].household_id duplicates $[q]…"
    assert all(".household_id duplicates $[" in path for path in paths)
    group = data.draw(st.integers(1, table.num_rows), label="row group size")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "registry.parquet"
        pq.write_table(scattered, source, row_group_size=group)
        with pytest.raises(InvalidDocumentError) as streamed:
            screen_file(source, Path(folder) / "stream.parquet", ON)
        assert [str(e) for e in streamed.value.errors] == paths
        with pytest.raises(InvalidDocumentError) as distributed:
            screen_parquet(source, Path(folder) / "dask", ON)
        assert [str(e) for e in distributed.value.errors] == paths
