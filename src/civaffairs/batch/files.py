"""Screening files in bounded memory: Parquet or CSV in, Parquet out, chunk by chunk.

A chunk of a file may end in the middle of a household; the rows of the last
household of each chunk are held back and decided with the next chunk, so no
household is ever split and files need no special row-group layout.  A
household whose rows come back after another household's (in the same chunk or
a later one), and a member given twice, are refused with an error naming
the household or person and the file row (see :mod:`civaffairs.batch._identity`):
a household is decided whole or not at all.  Rows in errors are rows of the file.  Memory is bounded
by the chunk size (a Parquet row group or ~``block_size`` bytes of CSV): the
chunk being decided, the next one being read and the last result being
written.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar, cast

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv
import pyarrow.parquet as pq

from civaffairs.batch._columns import arrow, household_starts
from civaffairs.batch._common import Errors, add_up
from civaffairs.batch._identity import SCATTERED, SeenIds, name_earlier_rows
from civaffairs.batch.dibao import assess_table
from civaffairs.batch.report import summarise
from civaffairs.batch.schema import persons_schema
from civaffairs.errors import InvalidDocumentError, InvalidInputError
from civaffairs.parameters import ParameterBook, default_book

__all__ = [
    "Progress",
    "combine_summaries",
    "read_chunks",
    "refuse_overwrite",
    "screen_file",
    "whole_households",
    "whole_output",
    "with_earlier_rows",
]

#: Called after each chunk with (rows read so far, total rows or ``None`` if unknown).
Progress = Callable[[int, int | None], None]


def read_chunks(
    path: str | Path, *, block_size: int = 64 << 20
) -> tuple[Iterator[pa.Table], int | None]:
    """Return the chunks of a Parquet or CSV persons file, and its row count when known.

    CSV columns of the persons format are read with their documented types
    (dates, booleans, integer fen); an empty cell is null.  List columns (such
    as ``receiving``) exist in Parquet only.

    .. versionadded:: 0.1.0
    """
    source = Path(path)
    if not source.is_file():
        raise InvalidInputError("input", str(path), "an existing .parquet or .csv file")
    if source.suffix.lower() in {".parquet", ".pq"}:
        parquet = pq.ParquetFile(source)

        def groups() -> Iterator[pa.Table]:
            for index in range(parquet.num_row_groups):
                yield parquet.read_row_group(index)

        return groups(), parquet.metadata.num_rows
    if source.suffix.lower() == ".csv":
        types = {
            f.name: f.type.value_type if pa.types.is_dictionary(f.type) else f.type
            for f in persons_schema()
            # A list column has no CSV form: such a column in a CSV file is read as text
            # and refused by the screen that reads it (Parquet holds lists).
            if f.name != "household_id" and not pa.types.is_nested(f.type)
        }
        reader = pcsv.open_csv(
            source,
            read_options=pcsv.ReadOptions(block_size=block_size),
            convert_options=pcsv.ConvertOptions(
                column_types=types, strings_can_be_null=True, quoted_strings_can_be_null=False
            ),
        )

        def batches() -> Iterator[pa.Table]:
            for batch in reader:
                yield pa.Table.from_batches([batch])

        return batches(), None
    raise InvalidInputError("input", str(path), "a file ending in .parquet or .csv")


class _Stream:
    """The identity checks across the chunks of one stream (rows counted from the start)."""

    def __init__(self) -> None:
        self.rows = 0
        self.households = SeenIds("household_id", SCATTERED, what="persons table")

    def passed(self, table: pa.Table) -> pa.Table:
        """Check ``table`` (the next rows of the input) against earlier ones, then remember it."""
        ids = table.column("household_id")
        starts, _repeated = household_starts(ids)
        heads = ids.take(arrow(starts))
        valid = np.asarray(heads.is_valid().to_numpy(zero_copy_only=False), dtype=np.bool_)
        heads, rows = heads.filter(pa.array(valid)), starts[valid] + self.rows
        self.households.check(heads, rows)
        self.households.add(heads)
        self.rows += table.num_rows
        return table


def whole_households(chunks: Iterator[pa.Table]) -> Iterator[pa.Table]:
    """Re-cut chunks so that no household is split between two of them.

    Raises :class:`~civaffairs.errors.InvalidDocumentError` when a household
    met in an earlier chunk comes back (its rows are not consecutive), naming
    the row of the whole input.  (A member repeated within a household is
    refused by :func:`~civaffairs.batch.assess_table`: households are whole.)
    Each table yielded starts at the input row equal to the rows yielded
    before it.

    .. versionadded:: 0.1.0
    """
    stream = _Stream()
    held: pa.Table | None = None
    for chunk in chunks:
        if "household_id" not in chunk.column_names:
            yield chunk  # refused by assess_table, which names the absent column
            continue
        table = (
            chunk if held is None else pa.concat_tables([held, chunk], promote_options="permissive")
        )
        if table.num_rows == 0:
            continue
        ids = table.column("household_id")
        last = ids[table.num_rows - 1]
        same = pc.equal(ids, last).fill_null(False)
        flags = np.asarray(same.to_numpy(zero_copy_only=False), dtype=np.bool_)
        # The held-back run: the trailing rows equal to the last id.
        tail = len(flags) - (np.flatnonzero(~flags)[-1] + 1 if (~flags).any() else 0)
        if tail < table.num_rows:
            yield stream.passed(table.slice(0, table.num_rows - tail))
        held = table.slice(table.num_rows - tail)
    if held is not None and held.num_rows:
        yield stream.passed(held)


def screen_file(
    source: str | Path,
    target: str | Path,
    on: dt.date,
    *,
    book: ParameterBook | None = None,
    errors: Errors = "mark",
    jurisdiction: str | None = None,
    progress: Progress | None = None,
) -> pa.Table:
    """Decide every household of ``source`` and write one row per household to ``target``.

    ``source`` is a Parquet or CSV persons file; ``target`` a Parquet file
    (see :func:`~civaffairs.batch.assess_table` for its columns), never
    ``source`` itself.  Returns the summary of
    :func:`~civaffairs.batch.report.summarise` over the whole file.  A
    household split between row groups is decided whole; one whose rows are
    not consecutive is refused (see :func:`whole_households`).

    .. versionadded:: 0.1.0
    """
    book = book or default_book()
    refuse_overwrite(source, target)
    chunks, total = read_chunks(source)
    try:
        with whole_output(target) as partial:
            return _screen_chunks(
                chunks,
                total,
                partial,
                on=on,
                book=book,
                errors=errors,
                jurisdiction=jurisdiction,
                progress=progress,
            )
    except InvalidDocumentError as exc:
        raise with_earlier_rows(exc, source) from None


def _screen_chunks(
    chunks: Iterator[pa.Table],
    total: int | None,
    target: Path,
    *,
    on: dt.date,
    book: ParameterBook,
    errors: Errors,
    jurisdiction: str | None,
    progress: Progress | None,
) -> pa.Table:
    writer: pq.ParquetWriter | None = None
    parts: list[pa.Table] = []
    done = 0
    first_row = 0
    # Reading the next chunk and writing the last result run beside the deciding (Arrow's
    # Parquet reader and writer release the interpreter lock): one chunk ahead, one behind.
    # A write's failure is raised before anything that happened after it, as it would be one
    # chunk at a time, and progress counts only rows whose results are written.
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="civaffairs-io") as io:
        writing: Future[None] | None = None
        writing_rows = 0

        def written() -> None:
            nonlocal done, writing
            if writing is None:
                return
            pending, writing = writing, None
            pending.result()
            done += writing_rows
            if progress is not None:
                progress(done, total)

        try:
            for chunk in _ahead(whole_households(chunks), io):
                result = assess_table(
                    chunk,
                    on,
                    book=book,
                    errors=errors,
                    jurisdiction=jurisdiction,
                    first_row=first_row,
                )
                first_row += chunk.num_rows
                written()  # the previous chunk's write
                if writer is None:
                    schema = result.schema
                    writer = pq.ParquetWriter(Path(target), schema)
                writing = io.submit(writer.write_table, result.cast(schema))
                writing_rows = chunk.num_rows
                parts.append(summarise(result))
            written()
            if writer is None:
                empty = assess_table(persons_schema().empty_table(), on, book=book)
                pq.write_table(empty, Path(target))
                parts.append(summarise(empty))
        except BaseException:
            written()  # a failed earlier write is raised first, as one chunk at a time would
            raise
        finally:
            if writing is not None:
                writing.exception()  # let it finish: the file is closed after the last write
            if writer is not None:
                writer.close()
    return combine_summaries(parts)


@contextlib.contextmanager
def whole_output(target: str | Path) -> Iterator[Path]:
    """Yield a path beside ``target`` to write to; it becomes ``target`` only if all went well.

    A run refused half-way (a household that comes back in a later chunk, a bad cell with
    ``errors="raise"``) leaves no output at all, rather than results that include a
    fragment of a household.

    .. versionadded:: 0.1.0
    """
    final = Path(target)
    partial = final.with_name(f".{final.name}.partial")
    try:
        yield partial
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    if partial.exists():
        os.replace(partial, final)


def with_earlier_rows(error: InvalidDocumentError, source: str | Path) -> InvalidDocumentError:
    """Name, for an id that came back in a later chunk, the row where it first appeared.

    Reads the id column of ``source`` again, only on this error path, so a stream's error
    reads as :func:`~civaffairs.batch.assess_table`'s for the same rows
    (``$[5].household_id duplicates $[0].household_id``).  Other errors come back as given.

    .. versionadded:: 0.1.0
    """
    column, returning = getattr(error, "returning", ("", []))
    if not returning:
        return error
    column = str(column)

    def columns() -> Iterator[Any]:
        if Path(source).suffix.lower() in {".parquet", ".pq"}:
            for batch in pq.ParquetFile(source).iter_batches(columns=[column]):
                yield batch.column(0)
        else:
            chunks, _ = read_chunks(source)
            for chunk in chunks:
                yield chunk.column(column)

    return name_earlier_rows(error, columns())


def refuse_overwrite(source: str | Path, target: str | Path) -> None:
    """Refuse a ``target`` that is the ``source`` file itself (by resolved path or same file).

    Writing the results over the input would destroy it while it is being read.

    .. versionadded:: 0.1.0
    """
    given, out = Path(source), Path(target)
    same = given.resolve() == out.resolve()
    if not same and given.exists() and out.exists():
        try:
            same = given.samefile(out)
        except OSError:  # pragma: no cover - a file that vanished between the two checks
            same = False
    if same:
        raise InvalidInputError(
            "--out", str(target), "a file other than the input: the input is never overwritten"
        )


_T = TypeVar("_T")


def _ahead(items: Iterator[_T], pool: ThreadPoolExecutor) -> Iterator[_T]:
    """Yield ``items``, fetching each next one on ``pool`` while the caller works on this one."""
    end = object()
    fetching = pool.submit(next, items, end)
    while True:
        item = fetching.result()
        if item is end:
            return
        fetching = pool.submit(next, items, end)
        yield cast("_T", item)


def combine_summaries(parts: list[pa.Table]) -> pa.Table:
    """Add up summaries of several chunks (the totals rows included).

    .. versionadded:: 0.1.0
    """
    return add_up(
        parts,
        ["programme", "outcome", "layer"],
        ["households", "monthly_cost_fen"],
        order=["outcome", "layer"],
    )
