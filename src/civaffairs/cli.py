"""The ``civaffairs`` command line.

``civaffairs assess FILE.json [--programme CODE ...] [--on DATE] [--lang L] [--format F]``
    decide any programme of the registry for the requests in FILE (``-`` for
    standard input) and print each decision with its reasons and citations.
    FILE is a request (:mod:`civaffairs.requests`: programme, as-of date, place,
    input), a batch ``{"requests": [...]}``, or households (``{"households":
    [...]}`` or one bare household), which are decided under the layered
    picture of social assistance (``assistance.layers``) unless ``--programme``
    names others.  ``--programme`` (repeatable) and ``--on`` override the file's.

``civaffairs params JURISDICTION [--on DATE] [--match PATTERN]``
    show the parameter values in force (or, without ``--on``, their whole
    history) for a jurisdiction, with periods and sources; ``--match`` keeps the
    names containing PATTERN (or matching it, when it has ``*``, ``?`` or ``[``).
    A last block names, per programme, the parameters with no value for the
    place (no value in force on the date, with ``--on``): what cannot be decided there.

``civaffairs programmes [--format text|json]``
    list the registry's programmes with the documents and articles they cite.

``civaffairs schema [NAME]``
    print the JSON Schema (2020-12) ``NAME`` (:mod:`civaffairs.schemas`), or the
    names of every schema: requests, decisions, the batch, the answer.

``civaffairs --version``
    print the version.

``civaffairs targets PLAN [--results FILE]``
    print a work plan's attainment table (see :mod:`civaffairs.targets.cli`).

``civaffairs screen INPUT.parquet|csv --on DATE --out OUT.parquet``
    screen a whole registry with the columnar engine (see :mod:`civaffairs.batch.cli`;
    needs the ``batch`` extra).

Exit status: 0 when every request was decided (whatever the outcome), 2 on
bad input, with every problem listed on standard error; 3 when nothing wrong
was found but something could not be decided (``assess`` at a place or date
with no parameter value, ``screen`` where every row is ``cannot_decide``); 70 on an internal
error (a bug), reported by its type and place only — never with a traceback or
a value that could hold personal data.  A closed output pipe
(``civaffairs assess FILE | head -1``) ends the output quietly; problems still
go to standard error and set the status.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import traceback
import typing
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol, TextIO

import attrs

from civaffairs import __version__, listing, registry, requests
from civaffairs.assistance.layers import LayeredRequest
from civaffairs.batch import cli as batch_cli
from civaffairs.conversion import AssessmentRequest, parse_json, structure, unstructure
from civaffairs.dates import parse_date
from civaffairs.decisions import Decision, render
from civaffairs.entities import Household
from civaffairs.errors import (
    CivaffairsError,
    InvalidDocumentError,
    InvalidInputError,
    ParameterError,
)
from civaffairs.labels import Language
from civaffairs.money import format_yuan
from civaffairs.parameters import ParameterBook, ParameterValue, default_book
from civaffairs.privacy import printable
from civaffairs.requests import Request
from civaffairs.serve import cli as serve_cli
from civaffairs.targets import cli as targets_cli

__all__ = ["main"]

EXIT_OK = 0
EXIT_BAD_INPUT = 2
#: Nothing was decidable (``screen`` where every row is ``cannot_decide``).
EXIT_NOTHING_DECIDABLE = 3
#: An internal error: a bug in civaffairs (``EX_SOFTWARE`` of sysexits.h).
EXIT_INTERNAL = 70
#: Interrupted from the keyboard (128 + SIGINT).
EXIT_INTERRUPTED = 130


class _Command(Protocol):
    """A sub-command provided by a package on top of the core (targets, batch)."""

    def register(self, subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> object:
        """Add the sub-command's parser."""

    def run(self, args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
        """Run it and return the exit status."""


#: Every programme of the registry, which ``assess`` offers.
_PROGRAMMES = tuple(entry.code for entry in registry.ENTRIES)

_EXIT_CODES = """exit status:
  0   decided (whatever the outcomes)
  2   bad input: every problem is listed on standard error, by field path
  3   not decidable: no parameter value for the place or date (assess), or every
      row of a screen is cannot_decide
  70  internal error (a bug in civaffairs), reported without personal data
  130 interrupted"""

#: Sub-commands provided by packages, by name.
_COMMANDS: dict[str, _Command] = {"targets": targets_cli, "screen": batch_cli, "serve": serve_cli}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="civaffairs",
        description="Chinese civil-affairs (民政) policy as code, with reasons and citations.",
        epilog=_EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"civaffairs {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    assess = sub.add_parser(
        "assess", help="decide any programme of the registry for the requests in a file"
    )
    assess.add_argument(
        "file",
        help="a JSON request, a batch {\"requests\": [...]}, or households; '-' reads "
        "standard input",
    )
    assess.add_argument(
        "--programme",
        action="append",
        choices=_PROGRAMMES,
        metavar="CODE",
        help="a programme to decide (repeatable; 'civaffairs programmes' lists them); "
        "overrides the file's; households default to assistance.layers",
    )
    assess.add_argument("--on", help="the as-of date YYYY-MM-DD (overrides the file's as_of)")
    assess.add_argument(
        "--lang", choices=("zh", "en"), default="zh", help="language of the text output"
    )
    assess.add_argument("--format", choices=("text", "json"), default="text", dest="fmt")
    assess.add_argument(
        "--params",
        action="append",
        default=[],
        metavar="FILE",
        help="a parameter TOML file layered over the shipped data (may be repeated)",
    )

    params = sub.add_parser("params", help="show parameter values for a jurisdiction")
    params.add_argument(
        "jurisdiction", help="a GB/T 2260 code or a Chinese name, e.g. 500156 or 武隆区"
    )
    params.add_argument(
        "--on", help="show the values in force on this date (default: full history)"
    )
    params.add_argument(
        "--match",
        metavar="PATTERN",
        help="only names containing PATTERN, or matching it when it has * ? or [ "
        "(e.g. assistance.dibao or '*.standard.*')",
    )
    params.add_argument("--format", choices=("text", "json"), default="text", dest="fmt")
    params.add_argument("--params", action="append", default=[], metavar="FILE")

    listing = sub.add_parser(
        "programmes", help="list the programmes of the registry with the articles they cite"
    )
    listing.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of names")
    listing.add_argument("--format", choices=("text", "json"), default="text", dest="fmt")

    schema = sub.add_parser("schema", help="print a JSON Schema, or list their names")
    schema.add_argument(
        "name", nargs="?", help="e.g. request, answer, request.assistance.dibao (default: list)"
    )
    for command in _COMMANDS.values():
        command.register(sub)
    return parser


class _UndecidedError(CivaffairsError):
    """Some requests could not be decided; the others were printed.

    ``status`` is :data:`EXIT_NOTHING_DECIDABLE` when every problem is a place or
    date with no parameter value (nothing was wrong with the input), else bad input.
    """

    def __init__(self, problems: list[str], *, printed: bool, status: int | None) -> None:
        self.problems = problems
        self.printed = printed
        self.status = EXIT_BAD_INPUT if status is None else status
        super().__init__("; ".join(problems))


def _file_name(name: str) -> str:
    """Show a file name in a message: control characters escaped, a long name cut short."""
    shown = printable(name)
    return shown if len(shown) <= 80 else f"{shown[:60]}…({len(name)} characters)"


def _read(name: str, stdin: TextIO) -> str | bytes:
    """Return the document's bytes (decoded by :func:`~civaffairs.conversion.parse_json`)."""
    if name == "-":
        buffer = getattr(stdin, "buffer", None)
        return buffer.read() if buffer is not None else stdin.read()
    try:
        return Path(name).read_bytes()
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the name
        why = getattr(exc, "strerror", None) or str(exc)
        raise InvalidInputError(
            "FILE", _file_name(name), f"a readable JSON file or '-' ({why})"
        ) from None


def _households(data: object) -> AssessmentRequest:
    """Read households: a request of households, or a bare household (has 'members' or 'id').

    A request has neither key, so an object with one of them is a household, and a
    misspelt key of it is reported as the household's (``$.membrs``: did you mean
    'members'?), not as an unknown key of a request.
    """
    if isinstance(data, dict) and "households" not in data and ("members" in data or "id" in data):
        return structure({"households": [data]}, AssessmentRequest, what="household")
    return structure(data, AssessmentRequest, what="assessment request")


@attrs.frozen
class _Item:
    """One request of the file: where it is, how to name it, and its parsed form or problem."""

    where: str
    name: str
    request: Request | None = None
    problem: str | None = None
    input_path: str | None = None


def _household_items(data: object, codes: list[str], on: dt.date | None) -> list[_Item]:
    """One request per household and programme, from a households document."""
    found = _households(data)
    on = on or found.as_of
    if on is None:
        raise InvalidInputError(
            "$.as_of",
            "(missing)",
            "an as-of date in the file or --on YYYY-MM-DD (there is no default)",
        )
    found.check_dates(on)
    items = []
    for index, household in enumerate(found.households):
        where, name = f"$.households[{index}]", printable(household.id)
        for code in codes:
            entry = registry.entry(code)
            if code == requests.DEFAULT_PROGRAMME:
                facts: object = LayeredRequest(household)
            elif entry.facts_type() is Household:
                facts = household
            else:
                raise InvalidInputError(
                    "--programme",
                    code,
                    f"a programme deciding a household for a households file; {code} decides "
                    f"a {entry.facts_type().__name__}: give a request with its input "
                    "(see 'civaffairs schema')",
                )
            request = Request((code,), on, facts, found.jurisdiction)
            items.append(_Item(where, name, request, input_path=where))
    return items


def _request_items(data: dict[str, Any], codes: list[str] | None, on: str | None) -> list[_Item]:
    """Parse the requests of a request or batch document, each on its own.

    ``--programme`` and ``--on`` replace the file's; a problem with what they
    gave is reported as theirs (``--on``, ``--programme``), not as the file's.
    """
    if on is not None:
        parse_date(on, path="--on")
    if "requests" in data:
        found = [(f"$.requests[{i}]", item) for i, item in enumerate(requests.batch_items(data))]
    else:
        found = [("$", data)]
    items = []
    overrides = {**({"programme": codes} if codes else {}), **({"as_of": on} if on else {})}
    for where, given in found:
        item = {**given, **overrides} if isinstance(given, dict) else given
        try:
            items.append(_Item(where, "", requests.parse(item, path=where)))
        except InvalidDocumentError as exc:
            shown = [_as_option(e, where, overrides) for e in exc.errors]
            items.append(_Item(where, "", problem="; ".join(shown)))
    return items


def _as_option(error: InvalidInputError, where: str, overrides: dict[str, Any]) -> str:
    """Name a problem of an overridden field by its command-line option."""
    for key, option in (("programme", "--programme"), ("as_of", "--on")):
        field = f"{where}.{key}"
        if key in overrides and (error.path == field or error.path.startswith(field + "[")):
            clone = error.at("$")
            clone.path = option + error.path.removeprefix(field)
            clone.refresh()
            return str(clone)
    return str(error)


def _is_households(data: object) -> bool:
    """Whether a document holds households (the older form) rather than requests."""
    return not isinstance(data, dict) or any(k in data for k in ("households", "members", "id"))


def _items(args: argparse.Namespace, stdin: TextIO) -> tuple[list[_Item], bool]:
    """Read the file's requests; say whether it is one request (one answer) or many."""
    data = parse_json(_read(args.file, stdin), what="assessment request")
    if not _is_households(data):
        return _request_items(data, args.programme, args.on), "requests" in data
    on = parse_date(args.on, path="--on") if args.on else None
    found = _household_items(data, args.programme or [requests.DEFAULT_PROGRAMME], on)
    return found, True


def _rendered(answer: requests.Answer, lang: Language) -> str:
    shown = []
    for result in answer.results:
        decision = result.decision
        if isinstance(decision, Decision):
            shown.append(render(decision, lang))
        else:
            shown.append(typing.cast("_Renders", decision).render(lang))
    return "\n\n".join(shown)


class _Renders(Protocol):
    def render(self, lang: Language = "zh") -> str: ...


def _silence(out: TextIO) -> None:
    """After the reader closed the pipe: send what is left of standard output nowhere.

    As Python's documentation on SIGPIPE recommends: ``dup2`` the null device
    onto standard output, so the flush at exit does not fail a second time.
    """
    if out is sys.stdout or out is sys.__stdout__:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, out.fileno())
        os.close(devnull)


def _internal(exc: BaseException) -> str:
    """Describe a bug by its type and place only: its message could hold personal data."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "civaffairs" in f.filename] or frames
    where = (
        f" at {Path(ours[-1].filename).name}:{ours[-1].lineno} ({ours[-1].name})" if ours else ""
    )
    return (
        f"civaffairs: internal error: {type(exc).__name__}{where}. This is a bug in "
        "civaffairs, not in your input; please report it with this line (its message is "
        "withheld because it could contain personal data).\n"
    )


def _assess(args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    book = ParameterBook.load(args.params) if args.params else default_book()
    answers: list[requests.Answer | None] = []
    problems: list[str] = []
    undecidable = 0
    items, many = _items(args, stdin)
    for item in items:
        named = f" ({item.name})" if item.name else ""
        answer = None
        if item.request is None:
            problems.append(f"{item.problem}")
        else:
            try:
                answer = requests.decide(
                    item.request, book=book, path=item.where, input_path=item.input_path
                )
            except InvalidDocumentError as exc:
                problems.extend(f"{e}{named}" for e in exc.errors)
            except ParameterError as exc:  # no value for this place or date: not decidable
                undecidable += 1
                problems.append(f"{item.where}{named}: cannot be decided here: {exc}")
            except CivaffairsError as exc:
                problems.append(f"{item.where}{named}: {exc}")
        answers.append(answer)
    decided = [a for a in answers if a is not None]
    try:
        if args.fmt == "json":
            document = (
                unstructure(decided[0])
                if decided and not many
                else {
                    "uses_example_data": any(a.uses_example_data for a in decided),
                    # one place per request of the file, in its order; null where refused
                    "answers": [None if a is None else unstructure(a) for a in answers],
                }
            )
            text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        else:
            # An id or a value echoed in the text must not drive the terminal.
            shown = "\n\n".join(_rendered(a, args.lang) for a in decided)
            text = printable(shown, keep="\n") + "\n" if shown else ""
        out.write(text)
        out.flush()
    except BrokenPipeError:
        _silence(out)  # the reader has seen enough; the problems below still count
    if problems:
        nothing = undecidable == len(problems)
        raise _UndecidedError(
            problems, printed=bool(decided), status=EXIT_NOTHING_DECIDABLE if nothing else None
        )
    return EXIT_OK


def _show(value: ParameterValue) -> str:
    shown = (
        format_yuan(value.value)
        if value.unit.startswith("CNY") and not isinstance(value.value, bool | int)
        else str(value.value)
    )
    return (
        f"{value.name} @ {value.jurisdiction} = {shown} [{value.unit}]\n"
        f"    {value.period} — {value.cite()}"
    )


def _missing_block(names: list[str], found: set[str], where: str) -> str:
    """One line per programme naming its parameters with no value for the place."""
    missing = [n for n in names if n not in found]
    if not missing:
        return ""
    by_owner: dict[str, list[str]] = {}
    for name in missing:
        entry = registry.owner(name)
        # A shared schema's parameter (assistance.means.*) is shown under its module.
        title = f"{entry.code} ({entry.zh})" if entry else ".".join(name.split(".")[:2])
        by_owner.setdefault(title, []).append(name)
    heading = (
        f"no value {where} for {len(missing)} parameter(s); a decision that needs one of "
        "them cannot be made there (civaffairs assess exits 3):"
    )
    lines = [heading, *(f"  {title}: {', '.join(owned)}" for title, owned in by_owner.items())]
    return "\n".join(lines) + "\n"


def _params(args: argparse.Namespace, out: TextIO) -> int:
    book = ParameterBook.load(args.params) if args.params else default_book()
    on = parse_date(args.on, path="--on") if args.on else None
    found = listing.parameters(args.jurisdiction, on=on, match=args.match, book=book)
    place, names, values = found.place, list(found.names), found.values
    if on is not None:
        heading = f"{place.name} ({place.code}) — {on.isoformat()}"
        where = f"in force on {on.isoformat()}"
    else:
        heading = f"{place.name} ({place.code}) — all periods, this jurisdiction and its parents"
        where = "at any date"
    if args.fmt == "json":
        out.write(json.dumps(unstructure(list(values)), ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    out.write(heading + "\n" + "".join(_show(v) + "\n" for v in values))
    missing = _missing_block(names, {v.name for v in values}, f"{where} at {place.name}")
    if missing:
        out.write("\n" + missing)
    return EXIT_OK


def _programmes(args: argparse.Namespace, out: TextIO) -> int:
    """List the registry's programmes, each with the documents and articles it cites."""
    rows = listing.programmes()
    if args.fmt == "json":
        out.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    for row in rows:
        name = row["zh"] if args.lang == "zh" else row["en"]
        out.write(f"{row['code']}  {name}\n")
        for cited in row["cites"]:
            articles = cited["articles"]
            out.write(
                f"    {cited['document']}" + (f" {'、'.join(articles)}" if articles else "") + "\n"
            )
    return EXIT_OK


def _schema(args: argparse.Namespace, out: TextIO) -> int:
    """Print one schema, or the names of all of them."""
    from civaffairs import schemas  # noqa: PLC0415 - read only for this command

    if args.name is None:
        out.write("".join(f"{name}\n" for name in schemas.names()))
    else:
        out.write(schemas.text(schemas.schema(args.name)))
    return EXIT_OK


def main(
    argv: Sequence[str] | None = None,
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run the command line; return the exit status.

    .. versionadded:: 0.1.0
    """
    args = _parser().parse_args(argv)
    stdin = stdin or sys.stdin
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    try:
        if args.command == "assess":
            return _assess(args, stdin, out)
        if args.command == "params":
            status = _params(args, out)
        elif args.command == "programmes":
            status = _programmes(args, out)
        elif args.command == "schema":
            status = _schema(args, out)
        else:
            status = _COMMANDS[args.command].run(args, out, err)
        out.flush()
    except BrokenPipeError:
        _silence(out)
        return EXIT_OK
    except KeyboardInterrupt:
        err.write("civaffairs: interrupted\n")
        return EXIT_INTERRUPTED
    except _UndecidedError as exc:
        count = len(exc.problems)
        tail = "; what could be decided was printed" if exc.printed else ""
        err.write(f"civaffairs: error: {count} problem(s){tail}\n")
        err.write("".join(f"  - {problem}\n" for problem in exc.problems))
        return exc.status
    except CivaffairsError as exc:
        err.write(f"civaffairs: error: {printable(str(exc), keep=chr(10))}\n")
        return EXIT_BAD_INPUT
    except Exception as exc:  # noqa: BLE001 - the last resort: no traceback, no personal data
        err.write(_internal(exc))
        return EXIT_INTERNAL
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
