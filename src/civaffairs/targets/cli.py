"""The ``civaffairs targets`` command: print a plan's attainment table.

``civaffairs targets PLAN [--results FILE]... [--format text|json] [--lang zh|en]
[--about-tolerance FRACTION] [--strict]``

``PLAN`` is, in this order of preference:

* a path to a plan file (``.toml``, or ``.json`` with the same keys);
* a shipped plan id: ``suizhou-2025``, ``jinhua-2023``, ``qingshen-2020``,
  ``wulong-2025``, ``example-city-2026``;
* ``JURISDICTION-YEAR``, the jurisdiction as a GB/T 2260 code, a unique
  Chinese name or (for the unnamed city) its place label: ``421300-2025``,
  ``随州市-2025``, ``某市-2026``.

``--results`` names a results file or a shipped result-set id
(``example-city-2025``) and may be repeated; without it every target has "no
result yet".  ``--about-tolerance 0.05`` judges 约/左右 targets within ±5 %
(otherwise they are not measurable).  ``--strict`` makes a result for an
indicator the plan has no target on an error instead of a warning.

Exit status: 0 when the table was printed (whatever the statuses), 2 on bad
input, with every problem (of the plan and of every results file) listed on
standard error.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal, InvalidOperation
from typing import TextIO

from civaffairs.conversion import dumps
from civaffairs.errors import CivaffairsError, InvalidInputError
from civaffairs.targets.attainment import attainment
from civaffairs.targets.data import indicators, resolve_plan, resolve_results
from civaffairs.targets.model import Result, WorkPlan
from civaffairs.targets.rendering import render

__all__ = ["EXIT_BAD_INPUT", "EXIT_OK", "register", "run"]

#: The exit status when the table was printed.
EXIT_OK = 0
#: The exit status on bad input (every problem is listed on standard error).
EXIT_BAD_INPUT = 2


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``targets`` sub-command to ``subparsers`` (the result of ``add_subparsers``).

    The sub-command's arguments land in the namespace as ``plan``,
    ``results`` (a list), ``fmt``, ``lang``, ``about_tolerance`` and
    ``strict``; pass the namespace to :func:`run`.

    .. versionadded:: 0.1.0
    """
    parser = subparsers.add_parser(
        "targets",
        help="print a work plan's targets and how far each was attained",
        description="Print the attainment table of a work plan (工作要点) against results.",
    )
    parser.add_argument(
        "plan",
        help="a plan file (.toml/.json), a shipped plan id such as suizhou-2025, "
        "or JURISDICTION-YEAR such as 421300-2025 or 随州市-2025",
    )
    parser.add_argument(
        "--results",
        action="append",
        default=[],
        metavar="FILE",
        help="a results file (.toml/.json) or a shipped result-set id such as "
        "example-city-2025 (may be repeated)",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", dest="fmt")
    parser.add_argument(
        "--lang", choices=("zh", "en"), default="zh", help="language of the text output"
    )
    parser.add_argument(
        "--about-tolerance",
        metavar="FRACTION",
        help="judge 约/左右 targets within this share of the value, e.g. 0.05 "
        "(default: not measurable)",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="refuse results for indicators the plan has no target on (default: warn)",
    )


def _tolerance(text: str | None) -> Decimal | None:
    if text is None:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise InvalidInputError(
            "--about-tolerance", text, "a decimal fraction such as 0.05"
        ) from None
    return value


def run(args: argparse.Namespace, stdout: TextIO, stderr: TextIO | None = None) -> int:
    """Run ``civaffairs targets`` with parsed ``args``; return the exit status.

    The table (or JSON) goes to ``stdout``; problems go to ``stderr``
    (default: ``sys.stderr``), all of them: the plan's and every results
    file's.

    .. versionadded:: 0.1.0
    """
    err = stderr if stderr is not None else sys.stderr
    problems: list[CivaffairsError] = []
    plan: WorkPlan | None = None
    try:
        plan = resolve_plan(args.plan)
    except CivaffairsError as exc:
        problems.append(exc)
    catalogue = dict(indicators())
    if plan is not None:
        catalogue.update((i.id, i) for i in plan.indicators)
    results: list[Result] = []
    for spec in args.results:
        try:
            results.extend(resolve_results(spec, catalogue=catalogue).results)
        except CivaffairsError as exc:
            problems.append(exc)
    try:
        tolerance = _tolerance(args.about_tolerance)
        if plan is not None and not problems:
            table = attainment(
                plan, results, about_tolerance=tolerance, strict=args.strict, catalogue=catalogue
            )
            if args.fmt == "json":
                stdout.write(dumps(table) + "\n")
            else:
                stdout.write(render(table, args.lang) + "\n")
            return EXIT_OK
    except CivaffairsError as exc:
        problems.append(exc)
    for problem in problems:
        err.write(f"civaffairs targets: error: {problem}\n")
    return EXIT_BAD_INPUT
