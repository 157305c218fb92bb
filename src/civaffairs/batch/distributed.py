"""The columnar engine on Dask: registries larger than memory, with no new rule code.

:func:`assess_dask` maps :func:`~civaffairs.batch.assess_table` over the
partitions of a ``dask.dataframe`` of persons; :func:`screen_parquet` reads a
Parquet dataset, decides it and writes the households' results as Parquet.

A household must not span two partitions, and its rows are consecutive.  Files
written by :func:`~civaffairs.batch.population.write_synthetic` (one row group
per block) and datasets partitioned by household satisfy this when read with
one partition per row group; :func:`check_partitions` verifies it, reading only
the id columns, and refuses a frame that breaks it (naming the household and
its rows) rather than decide a household as parts.

Needs the ``dask`` extra (``pip install "civaffairs[batch,dask]"``).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path
from typing import Any

import dask.dataframe as dd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from dask.delayed import delayed

from civaffairs.batch._columns import arrow, household_starts
from civaffairs.batch._common import Errors
from civaffairs.batch._identity import SCATTERED
from civaffairs.batch.dibao import assess_table
from civaffairs.errors import DuplicateIdentityError, InvalidDocumentError, InvalidInputError
from civaffairs.parameters import ParameterBook, default_book

__all__ = ["assess_dask", "check_partitions", "household_partitions", "screen_parquet"]


def _frame(table: pa.Table) -> pd.DataFrame:
    return table.to_pandas(types_mapper=pd.ArrowDtype)


def _meta(frame: dd.DataFrame, on: dt.date, book: ParameterBook) -> pd.DataFrame:
    """Return the empty result frame, with the input's household id type."""
    empty = pa.Table.from_pandas(frame._meta, preserve_index=False)
    return _frame(assess_table(empty, on, book=book))


def _edges(part: pd.DataFrame) -> pd.DataFrame:
    """Return a partition's first and last household id and its number of rows."""
    ids = part["household_id"]
    return pd.DataFrame(
        {
            "first": [ids.iloc[0] if len(ids) else None],
            "last": [ids.iloc[-1] if len(ids) else None],
            "rows": [len(ids)],
        }
    )


def _firsts(part: pd.DataFrame, partition_info: Any = None) -> pd.DataFrame:
    """Return the households a partition holds: each run's id and first row."""
    ids = pa.Table.from_pandas(part, preserve_index=False).column("household_id")
    rows, _repeated = household_starts(ids)
    values = ids.take(arrow(rows))
    number = 0 if partition_info is None else int(partition_info["number"])
    return pd.DataFrame(
        {
            "id": values.to_pandas(types_mapper=pd.ArrowDtype),
            "row": pd.Series(rows, dtype="int64"),
            "partition": pd.Series(np.full(len(rows), number), dtype="int64"),
        }
    )


def _refuse_scattered(frame: dd.DataFrame, offsets: list[int]) -> None:
    """Raise if a household's rows form two runs anywhere in the frame, naming the file rows."""
    column = "household_id"
    meta = pd.DataFrame(
        {
            "id": frame._meta[column],
            "row": pd.Series([], dtype="int64"),
            "partition": pd.Series([], dtype="int64"),
        }
    )
    firsts = frame[[column]].map_partitions(_firsts, meta=meta)
    counts = firsts["id"].value_counts(split_out=max(1, frame.npartitions // 16))
    twice = counts[counts > 1].compute()
    if len(twice) == 0:
        return
    found = firsts[firsts["id"].isin(list(twice.index))].compute()
    rows = [offsets[p] + r for p, r in zip(found["partition"], found["row"], strict=True)]
    first: dict[object, int] = {}
    problems: list[InvalidInputError] = []
    for value, row in sorted(zip(found["id"], rows, strict=True), key=lambda x: x[1]):
        earlier = first.setdefault(value, int(row))
        if earlier != int(row):
            problems.append(
                DuplicateIdentityError(
                    f"$[{int(row)}].{column}",
                    repr(value),
                    SCATTERED,
                    earlier=f"$[{earlier}].{column}",
                )
            )
    if problems:
        problems.sort(key=lambda e: int(e.path[2 : e.path.index("]")]))
        raise InvalidDocumentError(problems, what="persons table")


def check_partitions(frame: dd.DataFrame) -> list[int]:
    """Refuse partitions that split or scatter a household; return each one's first file row.

    A household's rows must lie in one partition and be consecutive there
    (a member given twice is refused within the partition by
    :func:`~civaffairs.batch.assess_table`).  A household continued from
    the previous partition raises :class:`~civaffairs.errors.InvalidInputError`
    naming it and the file row where the next partition begins; a household
    that two partitions introduce raises
    :class:`~civaffairs.errors.InvalidDocumentError` naming both file rows.  Only
    the id columns are read.  Returns the file row of each partition's first row.

    .. versionadded:: 0.1.0
    """
    edges = (
        frame[["household_id"]]
        .map_partitions(_edges, meta={"first": "object", "last": "object", "rows": "int64"})
        .compute()
    )
    offsets = [0, *np.cumsum(edges["rows"].to_numpy(dtype=np.int64)).tolist()][:-1]
    previous: Any = None
    for index, (first, last) in enumerate(zip(edges["first"], edges["last"], strict=True)):
        if first is None:
            continue
        if previous is not None and first == previous:
            raise InvalidInputError(
                f"$[{offsets[index]}].household_id",
                repr(first),
                "partitions that each hold whole households: this household continues "
                f"from partition {index - 1} into partition {index}",
            )
        previous = last
    _refuse_scattered(frame, offsets)
    return [int(o) for o in offsets]


def assess_dask(
    frame: dd.DataFrame,
    on: dt.date,
    *,
    book: ParameterBook | None = None,
    errors: Errors = "mark",
    jurisdiction: str | None = None,
    check: bool = True,
) -> dd.DataFrame:
    """Return a lazy frame of one row per household (as :func:`assess_table`), per partition.

    ``check`` runs :func:`check_partitions` first (it reads only ids): a
    household split between partitions or whose rows come back after another
    household's is refused, never decided as parts.  Errors name rows of the
    whole frame.  Columns come back as pyarrow-backed pandas columns.  Each
    partition is decided on one thread: Dask's scheduler is what runs
    partitions in parallel.

    .. versionadded:: 0.1.0
    """
    book = book or default_book()
    offsets: list[int] | None = None
    if check:
        offsets = check_partitions(frame)
    elif errors == "raise":
        lengths = frame.map_partitions(len).compute()  # type: ignore[no-untyped-call]
        offsets = [0, *np.cumsum(list(lengths)).tolist()][:-1]
    starts = offsets

    def run(part: pd.DataFrame, partition_info: Any = None) -> pd.DataFrame:
        table = pa.Table.from_pandas(part, preserve_index=False)
        number = 0 if partition_info is None else int(partition_info["number"])
        first_row = 0 if starts is None else int(starts[number])
        # Dask already runs partitions side by side: one thread each, not one per core each.
        decided = assess_table(
            table,
            on,
            book=book,
            errors=errors,
            jurisdiction=jurisdiction,
            workers=1,
            first_row=first_row,
        )
        return _frame(decided)

    mapped: dd.DataFrame = frame.map_partitions(  # type: ignore[no-untyped-call]
        run, meta=_meta(frame, on, book)
    )
    return mapped


def household_partitions(source: str | Path) -> dd.DataFrame:
    """Read one Parquet persons file as a Dask frame whose partitions hold whole households.

    Partitions follow the file's row groups, each boundary moved forward to where the
    next household begins, so a household split between row groups is read whole into
    one partition.  Only the ``household_id`` column is read to find the boundaries, one
    row group at a time.

    .. versionadded:: 0.1.0
    """
    file = pq.ParquetFile(source)
    total = file.metadata.num_rows
    cuts = [0]
    offset = 0
    previous: Any = None
    for group in range(file.num_row_groups):
        ids = file.read_row_group(group, columns=["household_id"]).column("household_id")
        rows = len(ids)
        if rows:
            starts, _repeated = household_starts(ids)
            first = ids[0].as_py()
            continues = previous is not None and first == previous and ids[0].is_valid
            begins = starts[1:] if continues else starts
            if offset > 0 and len(begins):
                cuts.append(offset + int(begins[0]))
            previous = ids[rows - 1].as_py()
        offset += rows
    bounds = [*dict.fromkeys(c for c in cuts if c < total), total] if total else [0, 0]
    row_starts = np.cumsum(
        [0, *(file.metadata.row_group(g).num_rows for g in range(file.num_row_groups))]
    )

    def rows_between(first: int, stop: int) -> pd.DataFrame:
        groups = [
            g
            for g in range(file.num_row_groups)
            if row_starts[g] < stop and row_starts[g + 1] > first
        ]
        table = (
            pq.ParquetFile(source).read_row_groups(groups)
            if groups
            else file.schema_arrow.empty_table()
        )
        begin = first - int(row_starts[groups[0]]) if groups else 0
        return _frame(table.slice(begin, stop - first))

    meta = _frame(file.schema_arrow.empty_table())
    parts = [delayed(rows_between)(a, b) for a, b in itertools.pairwise(bounds)]
    frame: dd.DataFrame = dd.from_delayed(parts, meta=meta, verify_meta=False)
    return frame


def screen_parquet(
    source: str | Path,
    target: str | Path,
    on: dt.date,
    *,
    book: ParameterBook | None = None,
    errors: Errors = "mark",
    jurisdiction: str | None = None,
    check: bool = True,
) -> None:
    """Decide a Parquet persons dataset with Dask, writing the households' results to ``target``.

    A single file is read by :func:`household_partitions` (partitions on row groups,
    moved to household boundaries, so a household split between row groups is decided
    whole); a dataset directory one partition per row group, and a household split
    between partitions is refused (:func:`check_partitions`).  A household whose rows
    are not consecutive is refused either way.  ``target`` is a Parquet dataset
    directory.  Runs on Dask's default scheduler (threads) unless a distributed client
    is active.

    .. versionadded:: 0.1.0
    """
    if Path(source).is_file():
        frame = household_partitions(source)
    else:
        frame = dd.read_parquet(str(source), dtype_backend="pyarrow", split_row_groups=True)
    result = assess_dask(
        frame, on, book=book, errors=errors, jurisdiction=jurisdiction, check=check
    )
    result.to_parquet(str(target), write_index=False)  # type: ignore[no-untyped-call]
