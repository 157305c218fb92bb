"""The columnar engine on Dask: registries larger than memory, with no new rule code.

:func:`assess_dask` maps :func:`~civaffairs.batch.assess_table` over the
partitions of a ``dask.dataframe`` of persons; :func:`screen_parquet` reads a
Parquet dataset, decides it and writes the households' results as Parquet.

A household must not span two partitions.  Files written by
:func:`~civaffairs.batch.population.write_synthetic` (one row group per
block) and datasets partitioned by household satisfy this when read with one
partition per row group; :func:`check_partitions` verifies it by reading only
the ``household_id`` column's first and last values per partition.

Needs the ``dask`` extra (``pip install "civaffairs[batch,dask]"``).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import dask.dataframe as dd
import pandas as pd
import pyarrow as pa

from civaffairs.batch._common import Errors
from civaffairs.batch.engine import assess_table
from civaffairs.errors import InvalidInputError
from civaffairs.parameters import ParameterBook, default_book

__all__ = ["assess_dask", "check_partitions", "screen_parquet"]


def _frame(table: pa.Table) -> pd.DataFrame:
    return table.to_pandas(types_mapper=pd.ArrowDtype)


def _meta(frame: dd.DataFrame, on: dt.date, book: ParameterBook) -> pd.DataFrame:
    """Return the empty result frame, with the input's household id type."""
    empty = pa.Table.from_pandas(frame._meta, preserve_index=False)
    return _frame(assess_table(empty, on, book=book))


def check_partitions(frame: dd.DataFrame) -> None:
    """Raise if a household's rows are split between two consecutive partitions.

    .. versionadded:: 0.1.0
    """

    def ends(part: pd.DataFrame) -> pd.DataFrame:
        ids = part["household_id"]
        return pd.DataFrame(
            {
                "first": [ids.iloc[0] if len(ids) else None],
                "last": [ids.iloc[-1] if len(ids) else None],
            }
        )

    edges = (
        frame[["household_id"]]
        .map_partitions(ends, meta={"first": "object", "last": "object"})
        .compute()
    )
    previous: Any = None
    for index, (first, last) in enumerate(zip(edges["first"], edges["last"], strict=True)):
        if first is None:
            continue
        if previous is not None and first == previous:
            raise InvalidInputError(
                f"$.partitions[{index}]",
                "(a household continues from the previous partition)",
                "partitions that each hold whole households",
            )
        previous = last


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

    ``check`` runs :func:`check_partitions` first (it reads only ids).
    Columns come back as pyarrow-backed pandas columns.  Each partition is
    decided on one thread: Dask's scheduler is what runs partitions in parallel.

    .. versionadded:: 0.1.0
    """
    book = book or default_book()
    if check:
        check_partitions(frame)

    def run(part: pd.DataFrame) -> pd.DataFrame:
        table = pa.Table.from_pandas(part, preserve_index=False)
        # Dask already runs partitions side by side: one thread each, not one per core each.
        decided = assess_table(
            table, on, book=book, errors=errors, jurisdiction=jurisdiction, workers=1
        )
        return _frame(decided)

    mapped: dd.DataFrame = frame.map_partitions(  # type: ignore[no-untyped-call]
        run, meta=_meta(frame, on, book)
    )
    return mapped


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

    ``source`` is read one partition per row group; ``target`` is a Parquet
    dataset directory.  Runs on Dask's default scheduler (threads) unless a
    distributed client is active.

    .. versionadded:: 0.1.0
    """
    frame = dd.read_parquet(str(source), dtype_backend="pyarrow", split_row_groups=True)
    result = assess_dask(
        frame, on, book=book, errors=errors, jurisdiction=jurisdiction, check=check
    )
    result.to_parquet(str(target), write_index=False)  # type: ignore[no-untyped-call]
