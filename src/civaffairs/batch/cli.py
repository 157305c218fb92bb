"""``civaffairs screen``: decide a whole registry from a file, or a synthetic one, with a summary.

``civaffairs screen INPUT.parquet|INPUT.csv --on DATE --out OUT.parquet``
    decide 低保 for every household of a persons file (format:
    :mod:`civaffairs.batch.schema`), chunk by chunk, writing one row per
    household to ``OUT.parquet``; a progress line goes to standard error and a
    summary table (households and monthly cost per programme, outcome and
    layer) to standard output.

``civaffairs screen --synthetic N --jurisdiction CODE --on DATE --out OUT.parquet``
    the same on a seeded synthetic registry (:mod:`civaffairs.batch.population`),
    so the command runs with no data at hand.

``civaffairs screen PEOPLE.parquet|csv --programme eldercare.longevity --on DATE --out OUT.parquet``
    decide the longevity allowance (高龄津贴) for every person of a people file
    (format: :mod:`civaffairs.batch.longevity`), with a summary per outcome
    and band.

``--scenario NAME@JURISDICTION=VALUE`` (repeatable) and ``--scenario-params FILE``
    also decide every household under a changed book (values in force from
    ``--on``) and print the what-if table: households gaining and losing each
    layer and the monthly cost change, per deciding jurisdiction.

Exit status: 0 when the run completed and decided something (whatever the
outcomes), 2 on bad input or, with ``--errors raise``, on any bad cell (the first
ones are listed), 3 when nothing was decidable: every row is ``cannot_decide``
(a place with no local standard, say); the results are written all the same.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import time
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

import attrs

from civaffairs import registry
from civaffairs.batch.report_cli import report_path, write_screen_report
from civaffairs.dates import parse_date
from civaffairs.errors import CivaffairsError, InvalidDocumentError, InvalidInputError
from civaffairs.parameters import Kind, ParameterBook, default_book, read_text

if TYPE_CHECKING:
    import pyarrow as pa

    from civaffairs.batch.distribution import Change

__all__ = ["register", "run"]

EXIT_OK = 0
EXIT_BAD_INPUT = 2
#: The run completed but no row could be decided (every outcome ``cannot_decide``).
EXIT_NOTHING_DECIDABLE = 3
_SHOWN_PROBLEMS = 20
_C = TypeVar("_C")
#: Seconds between two progress lines written to a file or a pipe (not a terminal).
_LOG_EVERY = 10.0


def register(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``screen`` command to an ``argparse`` sub-parser set and return its parser.

    .. versionadded:: 0.1.0
    """
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "screen",
        help="decide 低保 for a whole registry (Parquet or CSV persons table) or a synthetic one",
        description="Screen every household of a persons table; write one row per household.",
    )
    parser.add_argument("input", nargs="?", help="a .parquet or .csv persons table")
    parser.add_argument(
        "--programme",
        choices=[entry.code for entry in registry.columnar()],
        default="assistance.dibao",
        help="a programme of the registry with a columnar form: assistance.dibao (default), "
        "a persons table of households; assistance.layers, the layered picture (分层分类: "
        "every assistance programme, the layer, the cost, the newly found) of the same table; "
        "eldercare.longevity, the longevity allowance (高龄津贴) for a people table "
        "(civaffairs.batch.longevity)",
    )
    parser.add_argument("--on", required=True, help="the as-of date YYYY-MM-DD")
    parser.add_argument("--out", required=True, help="the .parquet file to write results to")
    parser.add_argument(
        "--params",
        action="append",
        default=[],
        metavar="FILE",
        help="a parameter TOML file layered over the shipped data (may be repeated)",
    )
    parser.add_argument(
        "--jurisdiction",
        help="with --synthetic: where the registry is; otherwise: the deciding jurisdiction "
        "for households whose table gives none",
    )
    parser.add_argument(
        "--synthetic", type=int, metavar="N", help="screen N synthetic households instead of a file"
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic registry")
    parser.add_argument(
        "--invalid-share",
        type=float,
        default=0.0,
        help="share of synthetic households given one bad cell (to see bad-row handling)",
    )
    parser.add_argument(
        "--errors",
        choices=("mark", "raise"),
        default="mark",
        help="mark bad households 'cannot decide' (default) or stop listing the bad rows",
    )
    parser.add_argument(
        "--scenario",
        action="append",
        default=[],
        metavar="NAME@JURISDICTION=VALUE",
        help="what-if: this parameter value from --on (may be repeated)",
    )
    parser.add_argument(
        "--scenario-params",
        action="append",
        default=[],
        metavar="FILE",
        help="what-if: a parameter TOML file layered over the baseline book",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress line on stderr")
    parser.add_argument(
        "--report",
        metavar="FILE.html",
        type=report_path,
        help="also write the distribution (per layer, jurisdiction and urban/rural; the what-if "
        "change) as one self-contained HTML page (civaffairs.batch.html_report)",
    )
    return parser


def _scenario(book: ParameterBook, args: argparse.Namespace, on: dt.date) -> ParameterBook | None:
    if not args.scenario and not args.scenario_params:
        return None
    # Every value is checked against its domain as it comes; the legal relations once, on the
    # whole what-if, so the order of --scenario options does not matter.
    scenario = book._with_texts(((str(p), read_text(p)) for p in args.scenario_params), check=False)
    for text in args.scenario:
        name, _, rest = text.partition("@")
        where, _, raw = rest.partition("=")
        if not (name and where and raw):
            raise InvalidInputError("--scenario", text, "NAME@JURISDICTION=VALUE")
        kind = book.spec(name).kind
        value: Decimal | int | bool
        try:
            if kind is Kind.FLAG:
                if raw not in {"true", "false"}:
                    raise InvalidInputError("--scenario", text, "true or false for a flag")
                value = raw == "true"
            elif kind is Kind.COUNT:
                value = int(raw)
            else:
                value = Decimal(raw)
        except (ValueError, InvalidOperation):
            raise InvalidInputError("--scenario", text, f"a {kind.value} value") from None
        scenario = scenario.override(
            name,
            where,
            value,
            on,
            note=f"what-if scenario from the command line: {text}",
            check=False,
        )
    scenario.check("the what-if " + "; ".join([*args.scenario_params, *args.scenario]))
    return scenario


class _Progress:
    """Progress on standard error that knows where it writes.

    On a terminal one line is redrawn in place after every chunk; into a file or a
    pipe (a log) a whole line is written at most every ``_LOG_EVERY`` seconds, and
    the last count when the run ends, so a log gets no carriage returns and no
    flood of lines.
    """

    def __init__(self, stderr: TextIO, *, quiet: bool) -> None:
        self.stderr = stderr
        self.quiet = quiet
        self.tty = bool(getattr(stderr, "isatty", lambda: False)())
        self.start = time.perf_counter()
        self.logged = self.start
        self.shown = False
        self.last = ""

    def __call__(self, done: int, total: int | None, what: str) -> None:
        if self.quiet:
            return
        now = time.perf_counter()
        share = f" / {total:,} ({done / total:.0%})" if total else ""
        self.last = f"screened {done:,}{share} {what} in {now - self.start:.1f} s"
        if self.tty:
            self.stderr.write("\r" + self.last)
            self.stderr.flush()
            self.shown = True
        elif now - self.logged >= _LOG_EVERY:
            self.stderr.write(self.last + "\n")
            self.logged = now

    def close(self) -> None:
        if self.shown:
            self.stderr.write("\n")
        elif self.last:
            self.stderr.write(self.last + "\n")


def _chunks(
    args: argparse.Namespace, on: dt.date, book: ParameterBook
) -> tuple[Iterator[pa.Table], int | None, str]:
    from civaffairs.batch.files import read_chunks, whole_households  # noqa: PLC0415
    from civaffairs.batch.population import synthetic_batches  # noqa: PLC0415

    if args.synthetic is not None:
        if args.input:
            raise InvalidInputError("input", args.input, "no input file with --synthetic")
        if not args.jurisdiction:
            raise InvalidInputError(
                "--jurisdiction", "(missing)", "a GB/T 2260 code with --synthetic"
            )
        blocks = synthetic_batches(
            args.synthetic,
            args.jurisdiction,
            on=on,
            seed=args.seed,
            book=book,
            invalid_share=args.invalid_share,
        )
        return blocks, args.synthetic, "households"
    if not args.input:
        raise InvalidInputError("input", "(missing)", "a .parquet or .csv file, or --synthetic N")
    chunks, total = read_chunks(args.input)
    return whole_households(chunks), total, "rows"


def _combine_what_if(parts: list[pa.Table]) -> pa.Table:
    from civaffairs.batch._common import add_up  # noqa: PLC0415 - the command exists without the extra

    sums = [
        "households_before",
        "households_after",
        "gaining",
        "losing",
        "cost_before_fen",
        "cost_after_fen",
        "cost_change_fen",
    ]
    return add_up(parts, ["jurisdiction", "layer"], sums, order=["jurisdiction", "layer"])


def _write_results(
    out: str,
    chunks: Iterable[_C],
    decide: Callable[[_C], tuple[pa.Table, int]],
    *,
    progress: _Progress,
    total: int | None,
    unit: str,
) -> None:
    """Decide every chunk and write the results to one Parquet file, reporting progress.

    ``decide`` returns a chunk's result and how many ``unit`` it decided; the
    file appears whole or not at all (:func:`~civaffairs.batch.files.whole_output`).
    """
    import pyarrow.parquet as pq  # noqa: PLC0415 - the command exists without the extra

    from civaffairs.batch.files import whole_output  # noqa: PLC0415

    writer: pq.ParquetWriter | None = None
    done = 0
    with whole_output(out) as target:
        try:
            for chunk in chunks:
                result, decided = decide(chunk)
                if writer is None:
                    schema = result.schema
                    writer = pq.ParquetWriter(target, schema)
                writer.write_table(result.cast(schema))
                done += decided
                progress(done, total, unit)
        finally:
            progress.close()
            if writer is not None:
                writer.close()


def _screen_dibao(
    args: argparse.Namespace,
    on: dt.date,
    book: ParameterBook,
    stdout: TextIO,
    progress: _Progress,
) -> pa.Table:
    """Decide 低保 for every household of a persons file (or a synthetic one), chunk by chunk.

    Returns the summary (households per programme, outcome and layer).
    """
    from civaffairs.batch.dibao import prepare  # noqa: PLC0415 - the command exists without the extra
    from civaffairs.batch.files import combine_summaries  # noqa: PLC0415
    from civaffairs.batch.report import (  # noqa: PLC0415
        WhatIf,
        render_summary,
        render_what_if,
        summarise,
        what_if,
    )

    scenario = _scenario(book, args, on)
    chunks, total, unit = _chunks(args, on, book)
    default_jurisdiction = None if args.synthetic is not None else args.jurisdiction
    summaries: list[pa.Table] = []
    comparisons: list[pa.Table] = []
    first_row = 0  # of the chunk, in the file: errors name file rows

    def decide(chunk: pa.Table) -> tuple[pa.Table, int]:
        nonlocal first_row
        prepared = prepare(chunk, on, jurisdiction=default_jurisdiction, first_row=first_row)
        result = prepared.assess(book, errors=args.errors)
        if scenario is not None:
            compared: WhatIf = what_if(
                chunk,
                on,
                baseline=book,
                scenario=scenario,
                errors=args.errors,
                jurisdiction=default_jurisdiction,
                first_row=first_row,
            )
            comparisons.append(compared.summary)
        summaries.append(summarise(result))
        first_row += chunk.num_rows
        return result, prepared.households if unit == "households" else chunk.num_rows

    _write_results(args.out, chunks, decide, progress=progress, total=total, unit=unit)
    if not summaries:
        raise InvalidInputError("input", "(empty)", "at least one household")
    combined = combine_summaries(summaries)
    stdout.write(render_summary(combined) + "\n")
    if comparisons:
        summary = _combine_what_if(comparisons)
        stdout.write("\nwhat-if (" + "; ".join([*args.scenario, *args.scenario_params]) + ")\n")
        stdout.write(render_what_if(WhatIf(on, summary.slice(0, 0), summary)) + "\n")
    return combined


def _screen_longevity(
    args: argparse.Namespace,
    on: dt.date,
    book: ParameterBook,
    stdout: TextIO,
    progress: _Progress,
) -> pa.Table:
    """Decide the longevity allowance for every person of a people file, chunk by chunk.

    Returns the summary (people per outcome and band, with a totals row).
    """
    import numpy as np  # noqa: PLC0415 - the command exists without the extra

    from civaffairs.batch import longevity  # noqa: PLC0415
    from civaffairs.batch._common import add_up  # noqa: PLC0415
    from civaffairs.batch._identity import PERSON_ONCE, SeenIds  # noqa: PLC0415
    from civaffairs.batch.files import read_chunks  # noqa: PLC0415

    for option, given in (
        ("--synthetic", args.synthetic is not None),
        ("--scenario", bool(args.scenario or args.scenario_params)),
        ("--invalid-share", args.invalid_share != 0.0),
    ):
        if given:
            raise InvalidInputError(
                option,
                "(given)",
                "assistance.dibao screening only, not --programme eldercare.longevity",
            )
    if not args.input:
        raise InvalidInputError("input", "(missing)", "a .parquet or .csv people file")
    chunks, total = read_chunks(args.input)
    summaries: list[pa.Table] = []
    people = SeenIds("person_id", PERSON_ONCE, what="people table")
    done = 0  # rows of the file before the chunk: errors name file rows

    def decide(chunk: pa.Table) -> tuple[pa.Table, int]:
        nonlocal done
        result = longevity.assess_table(
            chunk, on, book=book, errors=args.errors, jurisdiction=args.jurisdiction, first_row=done
        )
        if "person_id" in chunk.column_names:  # one person, paid once, across chunks
            present = chunk.column("person_id").drop_null()
            where = chunk.column("person_id").is_valid().to_numpy(zero_copy_only=False)
            people.check(present, np.flatnonzero(where) + done)
            people.add(present)
        summaries.append(longevity.summarise(result))
        done += chunk.num_rows
        return result, chunk.num_rows

    _write_results(args.out, chunks, decide, progress=progress, total=total, unit="people")
    if not summaries:
        raise InvalidInputError("input", "(empty)", "at least one person")
    summary = add_up(
        summaries,
        ["programme", "outcome", "band"],
        ["persons", "monthly_cost_fen"],
        order=["outcome", "band"],
    )
    stdout.write(longevity.render_summary(summary) + "\n")
    return summary


def _screen_layers(
    args: argparse.Namespace,
    on: dt.date,
    book: ParameterBook,
    stdout: TextIO,
    progress: _Progress,
) -> tuple[int, Change | None]:
    """Place every household of a persons file (or a synthetic one) in its layer, chunk by chunk.

    Prints the summary per jurisdiction and layer and per programme (and the
    what-if when asked); returns how many households were decided, and the
    what-if for the report (when one is asked for).
    """
    from civaffairs.batch import distribution, layers  # noqa: PLC0415 - needs the extra

    scenario = _scenario(book, args, on)
    chunks, total, unit = _chunks(args, on, book)
    default_jurisdiction = None if args.synthetic is not None else args.jurisdiction
    summaries: list[pa.Table] = []
    programmes: list[pa.Table] = []
    comparisons: list[pa.Table] = []
    pairs: list[tuple[pa.Table, pa.Table]] = []
    first_row = 0  # of the chunk, in the file: errors name file rows

    def payloads() -> Iterator[_LayersChunk]:
        nonlocal first_row
        for chunk in chunks:
            yield _LayersChunk(
                chunk,
                on,
                None if book is default_book() else book,
                scenario,
                args.errors,
                default_jurisdiction,
                first_row,
            )
            first_row += chunk.num_rows

    def decide(done: tuple[int, pa.Table, pa.Table | None]) -> tuple[pa.Table, int]:
        rows, result, after = done
        if after is not None:
            comparisons.append(layers.compare(result, after))
            if args.report:
                pairs.append(distribution.compare_cells(result, after))
        summaries.append(layers.summarise(result))
        programmes.append(layers.summarise_programmes(result))
        return result, result.num_rows if unit == "households" else rows

    decided_chunks = _decided_in_order(payloads(), processes=_chunk_processes(args))
    _write_results(args.out, decided_chunks, decide, progress=progress, total=total, unit=unit)
    if not summaries:
        raise InvalidInputError("input", "(empty)", "at least one household")
    summary = layers.combine(summaries)
    stdout.write(layers.render_summary(summary, layers.combine_programmes(programmes)) + "\n")
    if comparisons:
        from civaffairs.batch.report import WhatIf, render_what_if  # noqa: PLC0415

        compared_all = _combine_what_if(comparisons)
        stdout.write("\nwhat-if (" + "; ".join([*args.scenario, *args.scenario_params]) + ")\n")
        stdout.write(render_what_if(WhatIf(on, compared_all.slice(0, 0), compared_all)) + "\n")
    decided = sum(
        int(r["households"])
        for r in summary.to_pylist()
        if r["jurisdiction"] == "(all)" and r["layer"] != "(cannot decide)"
    )
    change = distribution.Change(*distribution.add_change_cells(pairs)) if pairs else None
    return decided, change


@attrs.frozen
class _LayersChunk:
    """One chunk of the layered screen, and what it is decided with (sent to a worker)."""

    table: pa.Table
    on: dt.date
    book: ParameterBook | None
    scenario: ParameterBook | None
    errors: str
    jurisdiction: str | None
    first_row: int


def _decide_layers_chunk(chunk: _LayersChunk) -> tuple[pa.Table, pa.Table | None]:
    """Decide one chunk (in a worker process or in this one): the picture, and the what-if's."""
    from civaffairs.batch import layers  # noqa: PLC0415 - needs the extra

    options: dict[str, Any] = {
        "errors": chunk.errors,
        "jurisdiction": chunk.jurisdiction,
        "first_row": chunk.first_row,
        "workers": 1,
    }
    result = layers.assess_table(chunk.table, chunk.on, book=chunk.book, **options)
    after = None
    if chunk.scenario is not None:  # the baseline is the result: decided once, not twice
        after = layers.assess_table(chunk.table, chunk.on, book=chunk.scenario, **options)
    return result, after


def _chunk_processes(args: argparse.Namespace) -> int:
    """Return how many processes decide chunks side by side: one per core (one to raise).

    Asked to raise, the first bad chunk stops the run where it is, as one by one.
    """
    from civaffairs.batch._common import workers_for  # noqa: PLC0415 - needs the extra

    return 1 if args.errors == "raise" else workers_for(None)


def _decided_in_order(
    chunks: Iterator[_LayersChunk], *, processes: int
) -> Iterator[tuple[int, pa.Table, pa.Table | None]]:
    """Decide chunks, in worker processes when there are several, and yield them in order.

    Yields each chunk's number of rows, its result and the what-if's.  One chunk a
    process is in flight, and one more waiting, so memory stays bounded by a few chunks
    whatever the file's size.  Worker processes are started by a forkserver (as
    :func:`civaffairs.batch.layers.assess_table` does).
    """
    import concurrent.futures  # noqa: PLC0415
    import multiprocessing  # noqa: PLC0415
    from collections import deque  # noqa: PLC0415

    first = next(chunks, None)
    if first is None:
        return
    second = next(chunks, None)
    if processes < 2 or second is None:
        for chunk in itertools.chain((first,), () if second is None else (second,), chunks):
            yield (chunk.table.num_rows, *_decide_layers_chunk(chunk))
        return
    context = multiprocessing.get_context("forkserver")
    with concurrent.futures.ProcessPoolExecutor(processes, mp_context=context) as pool:
        flight: deque[tuple[int, concurrent.futures.Future[Any]]] = deque()
        pending = itertools.chain((first, second), chunks)
        del first, second
        for chunk in pending:
            flight.append((chunk.table.num_rows, pool.submit(_decide_layers_chunk, chunk)))
            del chunk  # the worker has its copy: this process keeps no table in flight
            if len(flight) > processes:
                rows, future = flight.popleft()
                yield (rows, *future.result())
        while flight:
            rows, future = flight.popleft()
            yield (rows, *future.result())


def _screen_programme(
    args: argparse.Namespace,
    on: dt.date,
    book: ParameterBook,
    stdout: TextIO,
    progress: _Progress,
) -> int:
    """Decide one programme's columnar form for a persons file (or a synthetic one).

    The programme's batch module (the registry entry's ``columnar``) gives
    ``assess_table``, ``summarise`` and ``render_summary``; chunk summaries add
    up by their text columns.  Returns how many rows were decided.
    """
    import importlib  # noqa: PLC0415

    import pyarrow as pa  # noqa: PLC0415 - the command exists without the extra

    if args.scenario or args.scenario_params:
        raise InvalidInputError(
            "--scenario",
            "(given)",
            f"what-if runs of assistance.dibao or assistance.layers, not {args.programme}",
        )
    entry = registry.entry(args.programme)
    module_name, _, function = str(entry.columnar).partition(":")
    module = importlib.import_module(module_name)
    assess = getattr(module, function)
    chunks, total, unit = _chunks(args, on, book)
    default_jurisdiction = None if args.synthetic is not None else args.jurisdiction
    summaries: list[pa.Table] = []
    first_row = 0
    decided = 0

    def decide(chunk: pa.Table) -> tuple[pa.Table, int]:
        nonlocal first_row, decided
        result = assess(
            chunk,
            on,
            book=book,
            errors=args.errors,
            jurisdiction=default_jurisdiction,
            first_row=first_row,
        )
        if "programme" in result.column_names:  # a module deciding two programmes
            mine = [p == args.programme for p in result.column("programme").to_pylist()]
            result = result.filter(pa.array(mine, type=pa.bool_()))
        summaries.append(module.summarise(result))
        outcomes = result.column("outcome").to_pylist()
        decided += sum(1 for outcome in outcomes if outcome != "cannot_decide")
        first_row += chunk.num_rows
        return result, chunk.num_rows if unit == "rows" else result.num_rows

    _write_results(args.out, chunks, decide, progress=progress, total=total, unit=unit)
    if not summaries:
        raise InvalidInputError("input", "(empty)", "at least one household")
    summary = _added_up(summaries)
    if "programme" in summary.column_names:  # its summary's rows of this programme only
        mine = [p == args.programme for p in summary.column("programme").to_pylist()]
        summary = summary.filter(pa.array(mine, type=pa.bool_()))
    stdout.write(module.render_summary(summary) + "\n")
    return decided


def _added_up(summaries: list[pa.Table]) -> pa.Table:
    """Add chunk summaries up: integer columns summed per the text columns' values.

    A column of another kind (a share, an amount in yuan) cannot be added up chunk
    by chunk: refused, whatever the number of chunks, rather than grouped by.
    """
    import pyarrow as pa  # noqa: PLC0415 - the command exists without the extra

    from civaffairs.batch._common import add_up  # noqa: PLC0415

    first = summaries[0]

    def text(kind: pa.DataType) -> bool:
        if pa.types.is_dictionary(kind):
            kind = kind.value_type
        return bool(pa.types.is_string(kind) or pa.types.is_large_string(kind))

    keys = [f.name for f in first.schema if text(f.type) or pa.types.is_null(f.type)]
    sums = [f.name for f in first.schema if pa.types.is_integer(f.type)]
    other = [f.name for f in first.schema if f.name not in keys and f.name not in sums]
    if other:
        raise CivaffairsError(
            f"the summary columns {', '.join(other)} are neither text nor integer counts: "
            "chunk summaries cannot be added up"
        )
    return add_up(summaries, keys, sums, order=keys) if len(summaries) > 1 else first


def _decided(summary: pa.Table, count: str) -> int:
    """How many rows of a summary were decided: every outcome but ``cannot_decide``."""
    decided = 0
    for outcome, n in zip(
        summary.column("outcome").to_pylist(), summary.column(count).to_pylist(), strict=True
    ):
        if outcome not in {"cannot_decide", "(all)"}:
            decided += int(n or 0)
    return decided


def _screen(
    args: argparse.Namespace,
    on: dt.date,
    book: ParameterBook,
    stdout: TextIO,
    progress: _Progress,
) -> tuple[int, str, Change | None]:
    """Screen with the chosen programme: how many were decided, of what, and a what-if."""
    if args.programme == "eldercare.longevity":
        summary = _screen_longevity(args, on, book, stdout, progress)
        return _decided(summary, "persons"), "person", None
    if args.programme == "assistance.layers":
        decided, change = _screen_layers(args, on, book, stdout, progress)
        return decided, "household", change
    if args.programme != "assistance.dibao":
        return _screen_programme(args, on, book, stdout, progress), "row", None
    summary = _screen_dibao(args, on, book, stdout, progress)
    return _decided(summary, "households"), "household", None


def run(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """Run ``civaffairs screen`` with parsed ``args``; return the exit status.

    .. versionadded:: 0.1.0
    """
    try:
        import pyarrow as pa  # noqa: PLC0415 - the command exists without the extra

        from civaffairs.batch.files import refuse_overwrite, with_earlier_rows  # noqa: PLC0415
    except ImportError as exc:
        stderr.write(
            f"civaffairs: error: 'screen' needs the batch extra ({exc.name} is missing): "
            "pip install 'civaffairs[batch]'\n"
        )
        return EXIT_BAD_INPUT
    progress = _Progress(stderr, quiet=args.quiet)
    try:
        on = parse_date(args.on, path="--on")
        if args.input:
            refuse_overwrite(args.input, args.out)
        book = ParameterBook.load(args.params) if args.params else default_book()
        decided, unit, change = _screen(args, on, book, stdout, progress)
        if args.report:
            write_screen_report(args, on, book, change=change)
    except InvalidDocumentError as exc:
        if args.input and args.synthetic is None:
            exc = with_earlier_rows(exc, args.input)
        stderr.write(f"civaffairs: error: {len(exc.errors)} bad cell(s)\n")
        for error in exc.errors[:_SHOWN_PROBLEMS]:
            stderr.write(f"  - {error}\n")
        if len(exc.errors) > _SHOWN_PROBLEMS:
            stderr.write(f"  … and {len(exc.errors) - _SHOWN_PROBLEMS} more\n")
        return EXIT_BAD_INPUT
    except CivaffairsError as exc:
        stderr.write(f"civaffairs: error: {exc}\n")
        return EXIT_BAD_INPUT
    except (pa.ArrowException, OSError) as exc:
        # A file that is not Parquet, a CSV cell that is no number or date, an unwritable
        # --out: the input is bad, not the program.
        stderr.write(f"civaffairs: error: cannot read or write the data: {exc}\n")
        return EXIT_BAD_INPUT
    if not decided:
        stderr.write(
            f"civaffairs: nothing decidable: every {unit} is cannot_decide under "
            f"{args.programme} on {on.isoformat()} (the reasons are in {args.out}: a place "
            "with no local standard — see 'civaffairs params PLACE --on DATE' — or rows "
            "that could not be read)\n"
        )
        return EXIT_NOTHING_DECIDABLE
    return EXIT_OK
