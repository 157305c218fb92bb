"""``civaffairs screen --report FILE.html``: the screening run's distribution as one HTML page.

After the run has written its results (``--out``), :func:`write_screen_report`
reads them back batch by batch, adds up their distribution
(:func:`civaffairs.batch.distribution.tabulate`) and writes the page of
:func:`civaffairs.batch.html_report.render_report`.  A result in the screening
contract (the layered screen's) is read as it is; the 低保 screen's result is
turned into it by :func:`~civaffairs.batch.distribution.from_dibao` (it gives no
urban/rural registration: the page says so).  With ``--scenario`` the 低保
registry is decided once more under both books, chunk by chunk, for the
what-if section (counts and cost before and after, layer transitions).

:func:`report_path` checks the path when the command line is read, so a report
that could not be written fails before the run, not after it.

This module imports numpy and pyarrow only when a report is written: the
command exists without the batch extra.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from civaffairs.errors import InvalidInputError
from civaffairs.parameters import ParameterBook

if TYPE_CHECKING:
    import pyarrow as pa

    from civaffairs.batch.distribution import Change, Distribution

__all__ = ["example_values", "report_path", "write_screen_report"]

_SUFFIXES = (".html", ".htm")
_BATCH_ROWS = 1 << 20
#: The parameters the 低保 screen reads (those whose example values the banner lists).
_DIBAO_PARAMETERS = ("assistance.dibao.", "assistance.marginal.")


def report_path(text: str) -> str:
    """Check ``--report``'s path when the command line is read (an ``argparse`` type).

    The file must end in ``.html`` or ``.htm``, its directory must exist and be
    writable, and it must not be a directory; otherwise ``argparse`` reports
    the error (exit status 2) before anything is screened.

    .. versionadded:: 0.1.0
    """
    path = Path(text)
    if path.suffix.lower() not in _SUFFIXES:
        raise argparse.ArgumentTypeError(f"{text!r}: expected a file name ending in .html")
    folder = path.parent
    if not folder.is_dir():
        raise argparse.ArgumentTypeError(f"{text!r}: the folder {str(folder)!r} does not exist")
    if path.is_dir():
        raise argparse.ArgumentTypeError(f"{text!r} is a folder, not a file")
    if not os.access(folder, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise argparse.ArgumentTypeError(f"{text!r}: cannot write there (permission denied)")
    return text


def _results(out: str) -> tuple[Distribution, bool]:
    """Read the results file batch by batch; return its distribution and whether it is 低保's."""
    import pyarrow as pa  # noqa: PLC0415 - the command exists without the extra
    import pyarrow.parquet as pq  # noqa: PLC0415

    from civaffairs.batch import distribution as d  # noqa: PLC0415

    source = pq.ParquetFile(out)
    names = source.schema_arrow.names
    contract = "people" in names and "monthly_fen" in names
    dibao = not contract and {"members_counted", "amount_fen"} <= set(names)
    if not (contract or dibao):
        raise InvalidInputError(
            "--report",
            "(a result of people, not households)",
            "a screening of households: --programme assistance.dibao or a layered screen",
        )
    # Only the columns read: the reason and problem lists are not needed (and nested
    # dictionary columns cannot be read back in large batches).
    wanted = d.DIBAO_COLUMNS if dibao else d.RESULT_COLUMNS
    columns = [name for name in wanted if name in names]
    cells = []
    for batch in source.iter_batches(batch_size=_BATCH_ROWS, columns=columns):
        table = pa.Table.from_batches([batch])
        cells.append(d.tabulate(d.from_dibao(table) if dibao else table))
    if not cells:
        empty = source.read(columns=columns)
        cells.append(d.tabulate(d.from_dibao(empty) if dibao else empty))
    return d.Distribution(d.add_cells(cells)), dibao


def _dibao_change(args: argparse.Namespace, on: dt.date, book: ParameterBook) -> Change | None:
    """Decide the 低保 registry again under both books, chunk by chunk; return the what-if."""
    from civaffairs.batch import cli  # noqa: PLC0415 - its chunking and scenario, reused
    from civaffairs.batch import distribution as d  # noqa: PLC0415
    from civaffairs.batch.dibao import prepare  # noqa: PLC0415

    scenario = cli._scenario(book, args, on)  # the command's own reading of --scenario
    if scenario is None:
        return None
    chunks, _, _ = cli._chunks(args, on, book)
    default_jurisdiction = None if args.synthetic is not None else args.jurisdiction
    pairs: list[tuple[pa.Table, pa.Table]] = []
    first_row = 0
    for chunk in chunks:
        prepared = prepare(chunk, on, jurisdiction=default_jurisdiction, first_row=first_row)
        before = d.from_dibao(prepared.assess(book, errors=args.errors))
        after = d.from_dibao(prepared.assess(scenario, errors=args.errors))
        pairs.append(d.compare_cells(before, after))
        first_row += chunk.num_rows
    return d.Change(*d.add_change_cells(pairs)) if pairs else None


def example_values(
    book: ParameterBook, places: Iterable[str], on: dt.date, prefixes: tuple[str, ...]
) -> list[str]:
    """Name the example values (``name@jurisdiction``) in force in ``places`` on ``on``.

    Only the parameters whose names start with one of ``prefixes`` (the
    programmes screened) are looked at; a place that is not a GB/T 2260 code
    this library knows is skipped.  The report's example-data banner lists them.

    .. versionadded:: 0.1.0
    """
    from civaffairs.batch._common import is_division  # noqa: PLC0415
    from civaffairs.parameters.records import Status  # noqa: PLC0415

    found: dict[str, None] = {}
    for place in places:
        if not is_division(place):
            continue
        for value in book.in_force(place, on):
            if value.status is Status.EXAMPLE and value.name.startswith(prefixes):
                found[f"{value.name}@{value.jurisdiction}"] = None
    return sorted(found)


def write_screen_report(
    args: argparse.Namespace, on: dt.date, book: ParameterBook, *, change: Change | None = None
) -> None:
    """Write ``args.report`` from the results in ``args.out`` (after ``civaffairs screen``).

    The 低保 screen's what-if is decided again here, chunk by chunk; another
    screen that computed its what-if while it ran passes it as ``change``
    (:func:`~civaffairs.batch.distribution.compare_cells` per chunk, added up).

    Raises :class:`~civaffairs.errors.InvalidInputError` (exit status 2) for a
    people screen (the longevity allowance), a report path that is the input
    or the results file, or a file that cannot be written.

    .. versionadded:: 0.1.0
    """
    from civaffairs.batch.files import whole_output  # noqa: PLC0415 - needs the extra
    from civaffairs.batch.html_report import render_report  # noqa: PLC0415

    report = Path(args.report)
    for option, other in (("--out", args.out), ("input", args.input)):
        if other and Path(other).resolve() == report.resolve():
            raise InvalidInputError("--report", args.report, f"a file other than {option}")
    dist, dibao = _results(args.out)
    if change is None and dibao:
        change = _dibao_change(args, on, book)
    notes = []
    if dibao:
        notes.append(
            "低保筛查: 人数为低保计算的共同生活家庭成员; 无法读取的家庭计为 0 人。"
            " 低保 screen: people are the family members the 低保 screen counted; a household "
            "whose rows could not be read counts no people."
        )
    if change is None and (args.scenario or args.scenario_params):
        notes.append(
            "本报告不含假设情形。 The what-if is not in this report: only the results file is read."
        )
    places = sorted({str(p) for p in dist.cells.column("jurisdiction").to_pylist()})
    prefixes = _DIBAO_PARAMETERS if dibao else ("assistance.",)
    book_text = (
        "shipped record books + " + ", ".join(args.params)
        if args.params
        else "shipped record books"
    )
    scenario = "; ".join([*args.scenario, *args.scenario_params]) or None
    page = render_report(
        dist,
        on=on,
        book=book_text,
        jurisdiction=args.jurisdiction,
        programme=("最低生活保障", "dibao")
        if dibao
        else ("分层分类社会救助", "layered assistance"),
        synthetic=args.synthetic is not None,
        example_parameters=example_values(book, places, on, prefixes),
        change=change,
        scenario=scenario,
        notes=notes,
    )
    try:
        with whole_output(report) as target:
            target.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise InvalidInputError(
            "--report", args.report, "a file that can be written", detail=exc.strerror or str(exc)
        ) from None
