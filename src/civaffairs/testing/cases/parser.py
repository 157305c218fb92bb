"""Reading case files: TOML in, validated cases out, every problem named by file, case and field.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
import tomllib
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import attrs

from civaffairs.conversion import structure
from civaffairs.decisions import (
    Outcome,
    Period,
)
from civaffairs.errors import CivaffairsError, InvalidDocumentError, InvalidInputError
from civaffairs.money import yuan
from civaffairs.parameters import ParameterBook, default_book
from civaffairs.testing.cases.calculators import Calculator, calculator
from civaffairs.testing.cases.model import (
    CaseEntry,
    CaseFileError,
    CaseProblem,
    Expected,
    Override,
    PolicyCase,
)

__all__ = [
    "load_cases",
    "parse_cases",
    "read_case_file",
]

#: An enum an expected value is read into (an outcome, a period).
M = TypeVar("M", bound=enum.Enum)

_FILE_KEYS = frozenset({"programme", "jurisdiction", "parameter_files", "overrides", "case"})
_CASE_KEYS = frozenset(
    {"name", "as_of", "source", "programme", "jurisdiction", "input", "overrides", "expected"}
)
_EXPECTED_KEYS = frozenset(
    {
        "outcome",
        "amount",
        "period",
        "codes",
        "missing",
        "example_data",
        "payable_from",
        "payable_until",
    }
)
_OVERRIDE_KEYS = frozenset({"name", "jurisdiction", "value", "from", "to", "note"})


class _Problems:
    """Collects the problems of one case (or of the file, ``case=None``)."""

    def __init__(self, file: str, case: str | None) -> None:
        self.file = file
        self.case = case
        self.found: list[CaseProblem] = []

    def add(self, field: str, message: str) -> None:
        self.found.append(CaseProblem(self.file, self.case, field, message))

    def unknown_keys(self, table: Mapping[str, Any], allowed: frozenset[str], where: str) -> None:
        for key in sorted(set(table) - allowed):
            field = f"{where}.{key}" if where else key
            self.add(field, f"unknown key (allowed: {', '.join(sorted(allowed))})")


def _is_date(value: object) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def _date(value: object, field: str, problems: _Problems) -> dt.date | None:
    if _is_date(value):
        assert isinstance(value, dt.date)  # noqa: S101 - narrowing for mypy
        return value
    hint = " (unquoted: a TOML date, not a string)" if isinstance(value, str) else ""
    problems.add(field, f"got {value!r}, expected a date such as 2025-08-01{hint}")
    return None


def _text(value: object, field: str, problems: _Problems) -> str | None:
    if isinstance(value, str) and value.strip():
        return value
    problems.add(field, f"got {value!r}, expected a non-empty string")
    return None


def _strings(value: object, field: str, problems: _Problems) -> tuple[str, ...]:
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(value)
    problems.add(field, f"got {value!r}, expected an array of strings")
    return ()


def _jsonable(value: object, field: str, problems: _Problems) -> object:
    """Turn a TOML value into the JSON-like data the converter reads (dates, decimals as text)."""
    if isinstance(value, dict):
        return {key: _jsonable(item, f"{field}.{key}", problems) for key, item in value.items()}
    if isinstance(value, list):
        return [_jsonable(item, f"{field}[{i}]", problems) for i, item in enumerate(value)]
    if isinstance(value, dt.datetime | dt.time):
        problems.add(field, f"got {value!r}, expected a date without a time")
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _input(raw: object, calc: Calculator, problems: _Problems) -> object | None:
    """Build the calculator's input from a JSON string or a TOML table."""
    if isinstance(raw, str):
        try:
            data: object = json.loads(raw)
        except json.JSONDecodeError as exc:
            problems.add("input", f"not valid JSON: {exc.msg} (line {exc.lineno} col {exc.colno})")
            return None
    elif isinstance(raw, dict):
        data = _jsonable(raw, "input", problems)
    else:
        problems.add("input", f"got {type(raw).__name__}, expected a JSON string or a TOML table")
        return None
    try:
        return structure(data, calc.input_type, what=calc.input_type.__name__)
    except InvalidDocumentError as exc:
        for error in exc.errors:
            problems.add(f"input{error.path[1:]}", f"got {error.value}, expected {error.expected}")
    except InvalidInputError as exc:  # pragma: no cover - structure() wraps these
        problems.add(f"input{exc.path[1:]}", str(exc))
    return None


def _member(raw: dict[str, Any], key: str, kind: type[M], problems: _Problems) -> M | None:
    """Read ``expected.<key>`` as a member of the enum ``kind``, or report its allowed values."""
    try:
        return kind(raw[key])
    except ValueError:
        allowed = ", ".join(repr(member.value) for member in kind)
        problems.add(f"expected.{key}", f"got {raw[key]!r}, expected one of {allowed}")
        return None


def _expected(raw: object, problems: _Problems) -> Expected | None:
    if not isinstance(raw, dict):
        problems.add("expected", "required: a table with at least 'outcome'")
        return None
    problems.unknown_keys(raw, _EXPECTED_KEYS, "expected")
    outcome = None
    if "outcome" not in raw:
        problems.add("expected.outcome", "required")
    else:
        outcome = _member(raw, "outcome", Outcome, problems)
    amount = None
    if "amount" in raw:
        try:
            amount = yuan(raw["amount"], path="expected.amount", allow_negative=True)
        except InvalidInputError as exc:
            problems.add("expected.amount", f"got {raw['amount']}, expected {exc.expected}")
    period = _member(raw, "period", Period, problems) if "period" in raw else None
    codes = _strings(raw.get("codes", []), "expected.codes", problems)
    missing = _strings(raw.get("missing", []), "expected.missing", problems)
    example = raw.get("example_data")
    if example is not None and not isinstance(example, bool):
        problems.add("expected.example_data", f"got {example!r}, expected true or false")
        example = None
    months = []
    for key in ("payable_from", "payable_until"):
        month = raw.get(key)
        if month is not None and (
            not isinstance(month, dt.date) or isinstance(month, dt.datetime) or month.day != 1
        ):
            problems.add(f"expected.{key}", f"got {month!r}, expected the first day of a month")
            month = None
        months.append(month)
    if outcome is None:
        return None
    return Expected(outcome, amount, period, codes, missing, example, *months)


def _overrides(raw: object, where: str, problems: _Problems) -> list[tuple[int, Override]]:
    """Read an array of overrides; return each valid one with its index in the array."""
    if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
        problems.add(where, "expected an array of tables [[...overrides]]")
        return []
    found = []
    for index, item in enumerate(raw):
        field = f"{where}[{index}]"
        bad = len(problems.found)
        problems.unknown_keys(item, _OVERRIDE_KEYS, field)
        for key in ("name", "jurisdiction", "value", "from"):
            if key not in item:
                problems.add(f"{field}.{key}", "required")
        if len(problems.found) > bad:
            continue
        name = _text(item["name"], f"{field}.name", problems)
        code = _text(item["jurisdiction"], f"{field}.jurisdiction", problems)
        start = _date(item["from"], f"{field}.from", problems)
        end = _date(item["to"], f"{field}.to", problems) if "to" in item else None
        note = item.get("note")
        if note is not None and not isinstance(note, str):
            problems.add(f"{field}.note", f"got {note!r}, expected a string")
        value = item["value"]
        if not isinstance(value, bool | int | Decimal):
            problems.add(f"{field}.value", f"got {value!r}, expected a number or true/false")
        if len(problems.found) == bad:
            assert name is not None  # noqa: S101 - checked just above
            assert code is not None  # noqa: S101 - checked just above
            assert start is not None  # noqa: S101 - checked just above
            found.append((index, Override(name, code, value, start, end, note)))
    return found


def _apply(
    book: ParameterBook,
    overrides: Iterable[tuple[int, Override]],
    where: str,
    problems: _Problems,
) -> ParameterBook:
    for index, item in overrides:
        try:
            book = book.override(
                item.name,
                item.jurisdiction,
                item.value,
                item.effective_from,
                item.effective_to,
                note=item.note or "overridden by a policy case",
            )
        except (CivaffairsError, LookupError, ValueError) as exc:
            problems.add(f"{where}[{index}]", str(exc).replace("\n", " "))
    return book


def _case_lines(text: str) -> list[int]:
    """Return the 1-based line numbers of the ``[[case]]`` headers, in order."""
    return [
        number
        for number, line in enumerate(text.splitlines(), start=1)
        if re.fullmatch(r"\s*\[\[\s*case\s*\]\]\s*(#.*)?", line)
    ]


@attrs.frozen
class _FileContext:
    file: str
    folder: Path
    programme: str | None
    jurisdiction: str | None
    book: ParameterBook | None
    overrides: tuple[Override, ...]
    parameter_files: tuple[str, ...]


def _file_context(data: Mapping[str, Any], file: str, folder: Path) -> _FileContext:
    problems = _Problems(file, None)
    problems.unknown_keys(data, _FILE_KEYS, "")
    programme = data.get("programme")
    if programme is not None:
        programme = _text(programme, "programme", problems)
    jurisdiction = data.get("jurisdiction")
    if jurisdiction is not None:
        jurisdiction = _text(jurisdiction, "jurisdiction", problems)
    files = _strings(data.get("parameter_files", []), "parameter_files", problems)
    overrides = _overrides(data.get("overrides", []), "overrides", problems)
    cases = data.get("case")
    if not isinstance(cases, list) or not all(isinstance(case, dict) for case in cases):
        problems.add("case", "expected one or more [[case]] tables")
    book = None
    paths = tuple(str(folder / name) for name in files)
    if paths:
        try:
            book = ParameterBook.load(paths)
        except (CivaffairsError, OSError) as exc:
            problems.add("parameter_files", str(exc).replace("\n", " "))
    if overrides:
        book = _apply(book or default_book(), overrides, "overrides", problems)
    if problems.found:
        raise CaseFileError(problems.found)
    own = tuple(item for _, item in overrides)
    return _FileContext(file, folder, programme, jurisdiction, book, own, paths)


def _calculator_input(
    raw: Mapping[str, Any],
    calc: Calculator,
    problems: _Problems,
    *,
    jurisdiction: str | None,
    book: ParameterBook | None,
) -> object | None:
    """Build a case's input for its calculator and check the calculator takes its options."""
    name = calc.programme or raw.get("programme", "the calculator")
    if jurisdiction is not None and not calc.accepts("jurisdiction"):
        problems.add("jurisdiction", f"{name} takes no 'jurisdiction' argument")
    if book is not None and not calc.accepts("book"):
        problems.add("overrides", f"{name} takes no 'book' argument")
    if "input" not in raw:
        problems.add("input", "required")
        return None
    return _input(raw["input"], calc, problems)


def _case(raw: Mapping[str, Any], name: str, context: _FileContext) -> PolicyCase:
    """Validate one case and build it, or raise :class:`CaseFileError` listing its problems."""
    problems = _Problems(context.file, name)
    problems.unknown_keys(raw, _CASE_KEYS, "")
    for key in ("name", "as_of", "source", "expected"):
        if key not in raw:
            problems.add(key, "required")
    as_of = _date(raw["as_of"], "as_of", problems) if "as_of" in raw else None
    source = _text(raw["source"], "source", problems) if "source" in raw else None
    jurisdiction = raw.get("jurisdiction", context.jurisdiction)
    if jurisdiction is not None:
        jurisdiction = _text(jurisdiction, "jurisdiction", problems)
    expected = _expected(raw.get("expected"), problems)
    own = _overrides(raw.get("overrides", []), "overrides", problems)
    book = context.book
    if own:
        book = _apply(book or default_book(), own, "overrides", problems)
    programme = raw.get("programme", context.programme)
    calc = None
    if programme is None:
        problems.add("programme", "required (in the case or at the top of the file)")
    elif (programme := _text(programme, "programme", problems)) is not None:
        try:
            calc = calculator(programme)
        except LookupError as exc:
            problems.add("programme", str(exc))
    value = None
    if calc is not None:
        value = _calculator_input(raw, calc, problems, jurisdiction=jurisdiction, book=book)
    if problems.found:
        raise CaseFileError(problems.found)
    # No problems were found, so every field is set.
    assert as_of is not None  # noqa: S101
    assert source is not None  # noqa: S101
    assert expected is not None  # noqa: S101
    assert programme is not None  # noqa: S101
    assert calc is not None  # noqa: S101
    return PolicyCase(
        name=name,
        file=context.file,
        as_of=as_of,
        programme=programme,
        source=source,
        input=value,
        expected=expected,
        calculator=calc,
        jurisdiction=jurisdiction,
        overrides=(*context.overrides, *(item for _, item in own)),
        parameter_files=context.parameter_files,
        book=book,
    )


def read_case_file(
    path: str | Path, *, text: str | None = None, label: str | None = None
) -> tuple[CaseEntry, ...]:
    """Read a case file into one entry per case, each a valid case or its problems.

    A problem with the file as a whole (not TOML, an unknown top-level key, a
    parameter file that does not load) raises :class:`CaseFileError`; a
    problem with one case is kept in that case's entry, so the others still
    run.  ``text`` is the file's content when it is not read from ``path``;
    ``label`` is how messages name the file (default: ``path``).

    .. versionadded:: 0.1.0
    """
    file = label or str(path)
    if text is None:
        text = Path(path).read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise CaseFileError([CaseProblem(file, None, "(file)", f"not valid TOML: {exc}")]) from None
    context = _file_context(data, file, Path(path).parent)
    lines = _case_lines(text)
    raws: list[dict[str, Any]] = data["case"]
    names = [raw.get("name") for raw in raws]
    entries = []
    for index, raw in enumerate(raws):
        label = names[index] if isinstance(names[index], str) and names[index] else None
        name = label or f"case[{index}]"
        if label is not None and names.index(label) != index:
            name = f"{label} [{index}]"
        line = lines[index] if len(lines) == len(raws) else None
        try:
            case = _case(raw, name, context)
        except CaseFileError as exc:
            entries.append(CaseEntry(name, index, line, None, exc))
            continue
        if name != label:
            problem = CaseProblem(file, name, "name", "must be unique in the file")
            entries.append(CaseEntry(name, index, line, None, CaseFileError([problem])))
            continue
        entries.append(CaseEntry(name, index, line, attrs.evolve(case, line=line), None))
    return tuple(entries)


def parse_cases(text: str, file: str = "<string>") -> tuple[PolicyCase, ...]:
    """Parse case-file text; raise :class:`CaseFileError` listing every problem.

    Parameter files named in the text are read relative to ``file``'s folder.

    .. versionadded:: 0.1.0
    """
    entries = read_case_file(file, text=text)
    problems = [p for entry in entries if entry.error for p in entry.error.problems]
    if problems:
        raise CaseFileError(problems)
    return tuple(entry.case for entry in entries if entry.case is not None)


def load_cases(path: str | Path) -> tuple[PolicyCase, ...]:
    """Read a case file; raise :class:`CaseFileError` listing every problem.

    .. versionadded:: 0.1.0
    """
    return parse_cases(Path(path).read_text(encoding="utf-8"), str(path))
