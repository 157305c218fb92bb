"""Policy cases as data: worked examples in TOML, decided by the real calculators.

A *case file* states worked cases — the regulation's own examples, the
boundaries a case worker asks about — and what the decision must be.  Any
project can keep such files next to its tests; the pytest plugin
(:mod:`civaffairs.testing.pytest_plugin`) collects files named
``*.cases.toml`` (or every ``*.toml`` under a configured directory) and runs
each case as one test.  The same checks are available without pytest::

    >>> from civaffairs.testing.cases import parse_cases, run_case
    >>> text = '''
    ... programme = "assistance.dibao"
    ...
    ... [[case]]
    ... name = "urban single person, 720 yuan of income"
    ... as_of = 2025-08-01
    ... source = "社会救助暂行办法 第九条, 第十二条; 渝民规〔2025〕6号 (urban 770)"
    ... expected = { outcome = "eligible", amount = "50.00" }
    ... [case.input]
    ... id = "H1"
    ... incomes = [{ type = "transfer", monthly = "720", member = "a" }]
    ... [[case.input.members]]
    ... relationship = "applicant"
    ... lives_together = true
    ... person.id = "a"
    ... person.birth_date = 1960-01-01
    ... person.sex = "female"
    ... person.registration = { jurisdiction = "500156", kind = "urban" }
    ... '''
    >>> [case] = parse_cases(text, "example.cases.toml")
    >>> result = run_case(case)
    >>> result.passed, result.decision.amount.total
    (True, Decimal('50.00'))

The format
----------

Top level (all optional except ``case``):

``programme``
    The default programme of the file's cases.
``jurisdiction``
    The default place where applications are decided.
``parameter_files``
    Parameter data files (the format of ``civaffairs/parameters/data/``),
    relative to the case file, loaded over the shipped data for every case.
``overrides``
    Parameter overrides for every case (see below), applied before a case's own.
``[[case]]``
    One table per case.

Each case:

``name`` (required)
    Unique in the file; the test's name.
``as_of`` (required)
    The date decided on, a TOML date (``2025-08-01``, unquoted).
``source`` (required)
    The rule the case exercises: document, article, figure.
``programme``
    A programme code (``"assistance.dibao"``) or ``"package.module:function"``
    for a calculator of your own (see :func:`calculator`).
``jurisdiction``
    Where the application is decided (default: the calculator's own default,
    the applicant's place of registration).
``input``
    The calculator's input (a household for most programmes): a JSON string,
    or a TOML table in the same shape (TOML dates and decimals are accepted).
``overrides``
    An array of tables ``{ name, jurisdiction, value, from, to, note }``: the
    parameter ``name`` is ``value`` in ``jurisdiction`` from the date ``from``
    (until ``to``, inclusive, if given).  Overridden values are ``example``
    data, so the decision's ``example_data`` is true wherever one is used.
``expected`` (required)
    ``outcome`` (required: ``eligible``, ``not_eligible``, ``cannot_decide``);
    ``amount`` — the total as a decimal string, integer or TOML decimal; leave
    it out when the decision grants no amount; ``period`` (``monthly``,
    ``one_off``, ``fee_waived``); ``codes`` — reason codes that must all
    appear; ``missing`` — exactly the paths of missing facts (none if left
    out); ``example_data`` — whether the decision used example data (not
    checked if left out).

Unknown keys, bad dates, bad values and unknown programmes are reported with
the file, the case and the field (:class:`CaseFileError`).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
import inspect
import json
import pkgutil
import re
import tomllib
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

import civaffairs
from civaffairs.conversion import structure
from civaffairs.decisions import (
    Decision,
    Language,
    Outcome,
    Period,
    Programme,
    programmes,
    reason_codes,
)
from civaffairs.errors import CivaffairsError, InvalidDocumentError, InvalidInputError
from civaffairs.money import yuan
from civaffairs.parameters import ParameterBook, Scalar, default_book

__all__ = [
    "Calculator",
    "CaseEntry",
    "CaseFileError",
    "CaseMismatchError",
    "CaseProblem",
    "CaseResult",
    "Expected",
    "Mismatch",
    "Override",
    "PolicyCase",
    "calculator",
    "check_case",
    "import_programme_modules",
    "load_cases",
    "parse_cases",
    "read_case_file",
    "register_calculator",
    "run_case",
]

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


# -- errors ------------------------------------------------------------------------------------


@attrs.frozen
class CaseProblem:
    """One problem in a case file: where (file, case, field) and what.

    ``case`` is ``None`` for a problem with the file itself (a top-level key).

    .. versionadded:: 0.1.0
    """

    file: str
    case: str | None
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file if self.case is None else f"{self.file}: case {self.case!r}"
        return f"{where}: {self.field}: {self.message}"


class CaseFileError(CivaffairsError, ValueError):
    """A case file, or one case in it, is malformed; ``problems`` lists every problem.

    .. versionadded:: 0.1.0
    """

    problems: tuple[CaseProblem, ...]

    def __init__(self, problems: Iterable[CaseProblem]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        cases = {problem.case for problem in self.problems}
        what = "policy case file"
        if len(cases) == 1 and None not in cases:
            what = f"policy case {next(iter(cases))!r}"
        lines = "\n".join(f"  - {problem}" for problem in self.problems)
        super().__init__(f"invalid {what}: {count} problem{'s' * (count != 1)}\n{lines}")


class CaseMismatchError(CivaffairsError, AssertionError):
    """A case whose decision differs from what the case expects.

    ``result`` holds the case, the decision and the mismatches; the message is
    :meth:`CaseResult.report`.

    .. versionadded:: 0.1.0
    """

    result: CaseResult

    def __init__(self, result: CaseResult, *, lang: Language = "en") -> None:
        self.result = result
        super().__init__(result.report(lang))


# -- the calculators cases run -----------------------------------------------------------------


@attrs.frozen
class Calculator:
    """A function a case runs: ``function(input, as_of, *, jurisdiction=..., book=...)``.

    ``input_type`` is what the case's ``input`` is structured into (through
    :func:`civaffairs.conversion.structure`); ``programme`` is the programme
    code the decision must carry, or ``None`` when not checked.

    .. versionadded:: 0.1.0
    """

    function: Callable[..., Decision]
    input_type: type
    programme: str | None = None

    def accepts(self, keyword: str) -> bool:
        """Return whether the function takes the keyword argument ``keyword``."""
        try:
            parameters = inspect.signature(self.function).parameters
        except (TypeError, ValueError):  # pragma: no cover - builtins without a signature
            return False
        return keyword in parameters or any(
            p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values()
        )


_CALCULATORS: dict[str, Calculator] = {}


def register_calculator(
    programme: str,
    function: Callable[..., Decision],
    *,
    input_type: type | None = None,
) -> Calculator:
    """Make ``programme`` (a code used in case files) run ``function``.

    Needed only when the convention of :func:`calculator` does not find it.
    ``input_type`` defaults to the annotation of the function's first
    parameter.  Registering a code again replaces the earlier entry.

    .. versionadded:: 0.1.0
    """
    entry = Calculator(function, input_type or _input_type(function, programme), programme)
    _CALCULATORS[programme] = entry
    return entry


def _input_type(function: Callable[..., Any], spec: str) -> type:
    """Return the annotation of ``function``'s first parameter, which must be a class."""
    try:
        first = next(iter(inspect.signature(function).parameters.values()))
        hints = typing.get_type_hints(function)
    except (StopIteration, TypeError, ValueError, NameError) as exc:
        raise LookupError(f"{spec}: cannot read the input type of {function!r} ({exc})") from None
    kind = hints.get(first.name)
    if not isinstance(kind, type):
        raise LookupError(
            f"{spec}: the first parameter of {function.__qualname__} is not annotated with a "
            "class; register it with register_calculator(..., input_type=...)"
        )
    return kind


@functools.cache
def import_programme_modules() -> tuple[types.ModuleType, ...]:
    """Import every module of the civaffairs package, so every programme and reason code is known.

    Programmes and reason codes register themselves when their module is
    imported; this imports the modules once, later calls return them.  The
    test kit (it needs hypothesis) and ``__main__`` modules are skipped, and so
    is a module whose optional dependency is not installed.

    .. versionadded:: 0.1.0
    """
    found = [civaffairs]
    for info in sorted(
        pkgutil.walk_packages(civaffairs.__path__, "civaffairs.", onerror=lambda _name: None),
        key=lambda info: info.name,
    ):
        name = info.name
        if name.startswith(("civaffairs.testing", "civaffairs._")) or name.endswith("__main__"):
            continue
        try:
            found.append(importlib.import_module(name))
        except ModuleNotFoundError as exc:
            if (exc.name or "").split(".")[0] == "civaffairs":
                raise
    return tuple(found)


def _declaring_module(code: str) -> types.ModuleType | None:
    """Return the civaffairs module that declares the programme ``code``."""
    candidates = []
    for module in import_programme_modules():
        for value in vars(module).values():
            if isinstance(value, Programme) and value.code == code:
                candidates.append(module)
                break
    # A module that re-exports another's programme imports it, so the declaring module is the
    # one whose name is the programme code, else the deepest one.
    for module in candidates:
        if module.__name__ == f"civaffairs.{code}":
            return module
    return max(candidates, key=lambda m: m.__name__.count("."), default=None)


def calculator(spec: str) -> Calculator:
    """Return the calculator for ``spec``, a programme code or ``"module:function"``.

    Resolution, in order: a code given to :func:`register_calculator`;
    ``"package.module:function"``, imported (a calculator of your own); a
    programme code ``area.name``, found as ``assess`` in the module
    ``civaffairs.area.name``, or in the module that declares that programme.
    The input type is the annotation of the function's first parameter.

    >>> calculator("assistance.dibao").input_type.__name__
    'Household'

    Raises :class:`LookupError` naming what was tried.

    .. versionadded:: 0.1.0
    """
    registered = _CALCULATORS.get(spec)
    if registered is not None:
        return registered
    if ":" in spec:
        module_name, _, attribute = spec.partition(":")
        try:
            function = getattr(importlib.import_module(module_name), attribute)
        except (ImportError, AttributeError) as exc:
            raise LookupError(f"cannot import {spec!r}: {exc}") from None
        return Calculator(function, _input_type(function, spec), None)
    module = _declaring_module(spec)
    function = getattr(module, "assess", None) if module is not None else None
    if not callable(function):
        known = ", ".join(sorted(set(programmes()) | set(_CALCULATORS)))
        where = f"{module.__name__} has no assess()" if module else "no module declares it"
        raise LookupError(
            f"unknown programme {spec!r} ({where}); known programmes: {known}; "
            "a calculator of your own is written 'package.module:function'"
        )
    return Calculator(function, _input_type(function, spec), spec)


# -- cases -------------------------------------------------------------------------------------


@attrs.frozen
class Override:
    """A value a case puts in force: ``name`` in ``jurisdiction`` is ``value`` from a date.

    .. versionadded:: 0.1.0
    """

    name: str
    jurisdiction: str
    value: Scalar
    effective_from: dt.date
    effective_to: dt.date | None = None
    note: str | None = None

    def __str__(self) -> str:
        end = f" to {self.effective_to}" if self.effective_to else ""
        return f"{self.name} @ {self.jurisdiction} = {self.value} from {self.effective_from}{end}"


@attrs.frozen
class Expected:
    """What a case's decision must be.  ``None`` fields are not checked, except as noted.

    ``amount`` ``None`` means the decision must grant no amount; ``missing``
    is compared exactly (empty: nothing may be missing); ``codes`` must all
    appear among the decision's reasons.  ``payable_from`` and
    ``payable_until`` (first days of months), when given, must equal the
    decision's :attr:`~civaffairs.decisions.Decision.payable_from` and
    :attr:`~civaffairs.decisions.Decision.payable_until`.

    .. versionadded:: 0.1.0
    """

    outcome: Outcome
    amount: Decimal | None = None
    period: Period | None = None
    codes: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    example_data: bool | None = None
    payable_from: dt.date | None = None
    payable_until: dt.date | None = None


@attrs.frozen
class PolicyCase:
    """One worked case, validated: its input is built and its calculator found.

    ``book`` is ``None`` when the case uses the shipped parameter data as is.

    .. versionadded:: 0.1.0
    """

    name: str
    file: str
    as_of: dt.date
    programme: str
    source: str
    input: object
    expected: Expected
    calculator: Calculator = attrs.field(repr=False)
    jurisdiction: str | None = None
    overrides: tuple[Override, ...] = ()
    parameter_files: tuple[str, ...] = ()
    book: ParameterBook | None = attrs.field(default=None, repr=False, eq=False)
    line: int | None = attrs.field(default=None, eq=False)

    @property
    def location(self) -> str:
        """``file:line`` (or the file alone when the line is unknown)."""
        return f"{self.file}:{self.line}" if self.line else self.file


@attrs.frozen
class CaseEntry:
    """A case as read from a file: the case, or the error that keeps it from running.

    .. versionadded:: 0.1.0
    """

    name: str
    index: int
    line: int | None
    case: PolicyCase | None
    error: CaseFileError | None


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


def _expected(raw: object, problems: _Problems) -> Expected | None:
    if not isinstance(raw, dict):
        problems.add("expected", "required: a table with at least 'outcome'")
        return None
    problems.unknown_keys(raw, _EXPECTED_KEYS, "expected")
    outcome = None
    if "outcome" not in raw:
        problems.add("expected.outcome", "required")
    else:
        try:
            outcome = Outcome(raw["outcome"])
        except ValueError:
            allowed = ", ".join(repr(o.value) for o in Outcome)
            problems.add("expected.outcome", f"got {raw['outcome']!r}, expected one of {allowed}")
    amount = None
    if "amount" in raw:
        try:
            amount = yuan(raw["amount"], path="expected.amount", allow_negative=True)
        except InvalidInputError as exc:
            problems.add("expected.amount", f"got {raw['amount']}, expected {exc.expected}")
    period = None
    if "period" in raw:
        try:
            period = Period(raw["period"])
        except ValueError:
            allowed = ", ".join(repr(p.value) for p in Period)
            problems.add("expected.period", f"got {raw['period']!r}, expected one of {allowed}")
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


# -- running and reporting ---------------------------------------------------------------------


@attrs.frozen
class Mismatch:
    """One field where the decision differs from the case: expected and decided, as text.

    .. versionadded:: 0.1.0
    """

    field: str
    expected: str
    decided: str


@attrs.frozen
class CaseResult:
    """A case, the decision its calculator returned and where they differ.

    .. versionadded:: 0.1.0
    """

    case: PolicyCase
    decision: Decision
    mismatches: tuple[Mismatch, ...]

    @property
    def passed(self) -> bool:
        """Whether the decision is what the case expects."""
        return not self.mismatches

    def report(self, lang: Language = "en") -> str:
        """Describe the case and the differences (``-`` expected, ``+`` decided) as text.

        The decision follows, rendered in ``lang`` with its reasons and citations.
        """
        case = self.case
        place = f", jurisdiction {case.jurisdiction}" if case.jurisdiction else ""
        verdict = "passed" if self.passed else "failed"
        lines = [
            f"policy case {case.name!r} {verdict}",
            f"  file: {case.location}",
            f"  programme: {case.programme}, as of {case.as_of.isoformat()}{place}",
            f"  source: {case.source}",
        ]
        lines.extend(f"  override: {item}" for item in case.overrides)
        lines.extend(f"  parameter file: {path}" for path in case.parameter_files)
        lines.append("expected vs decided (- expected, + decided):")
        wrong = {m.field: m for m in self.mismatches}
        for field, shown in _shown(case.expected, self.decision):
            mismatch = wrong.get(field)
            if mismatch is None:
                lines.append(f"  {field}: {shown}")
            else:
                lines.append(f"- {field}: {mismatch.expected}")
                lines.append(f"+ {field}: {mismatch.decided}")
        lines.append("decision:")
        lines.extend(f"  {line}" for line in self.decision.render(lang).splitlines())
        return "\n".join(lines)


def _amount_text(decision: Decision) -> str:
    return "(none)" if decision.amount is None else str(decision.amount.total)


def _shown(expected: Expected, decision: Decision) -> list[tuple[str, str]]:
    """Return the fields a case checks, in order, with what was decided."""
    fields = [("outcome", decision.outcome.value), ("amount", _amount_text(decision))]
    if expected.period is not None:
        period = decision.amount.period.value if decision.amount else "(none)"
        fields.append(("period", period))
    if expected.codes:
        fields.append(("codes", ", ".join(decision.codes)))
    fields.append(("missing", ", ".join(decision.missing) or "(none)"))
    if expected.example_data is not None:
        fields.append(("example_data", str(decision.uses_example_data).lower()))
    return fields


def _mismatches(case: PolicyCase, decision: Decision) -> list[Mismatch]:
    expected = case.expected
    found = []
    if case.calculator.programme is not None and decision.programme != case.calculator.programme:
        found.append(Mismatch("programme", case.calculator.programme, decision.programme))
    if decision.outcome is not expected.outcome:
        found.append(Mismatch("outcome", expected.outcome.value, decision.outcome.value))
    decided = decision.amount.total if decision.amount is not None else None
    if decided != expected.amount:
        shown = "(none)" if expected.amount is None else str(expected.amount)
        found.append(Mismatch("amount", shown, _amount_text(decision)))
    if expected.period is not None:
        period = decision.amount.period if decision.amount is not None else None
        if period is not expected.period:
            found.append(
                Mismatch("period", expected.period.value, period.value if period else "(none)")
            )
    absent = [code for code in expected.codes if code not in decision.codes]
    if absent:
        catalogue = reason_codes()
        notes = [f"{c} (not a declared reason code)" if c not in catalogue else c for c in absent]
        found.append(Mismatch("codes", "includes " + ", ".join(notes), ", ".join(decision.codes)))
    if decision.missing != expected.missing:
        found.append(
            Mismatch(
                "missing",
                ", ".join(expected.missing) or "(none)",
                ", ".join(decision.missing) or "(none)",
            )
        )
    for key in ("payable_from", "payable_until"):
        wanted, got = getattr(expected, key), getattr(decision, key)
        if wanted is not None and got != wanted:
            shown = "(none)" if got is None else got.isoformat()
            found.append(Mismatch(key, wanted.isoformat(), shown))
    if expected.example_data is not None and decision.uses_example_data != expected.example_data:
        found.append(
            Mismatch(
                "example_data",
                str(expected.example_data).lower(),
                str(decision.uses_example_data).lower(),
            )
        )
    return found


def run_case(case: PolicyCase) -> CaseResult:
    """Decide a case with its calculator and compare the decision with what it expects.

    Errors the calculator raises (a parameter out of range, say) propagate.

    .. versionadded:: 0.1.0
    """
    options: dict[str, Any] = {}
    if case.jurisdiction is not None:
        options["jurisdiction"] = case.jurisdiction
    if case.book is not None:
        options["book"] = case.book
    decision = case.calculator.function(case.input, case.as_of, **options)
    if not isinstance(decision, Decision):
        raise TypeError(f"{case.programme} returned {type(decision).__name__}, expected a Decision")
    return CaseResult(case, decision, tuple(_mismatches(case, decision)))


def check_case(case: PolicyCase, *, lang: Language = "en") -> CaseResult:
    """Run a case; raise :class:`CaseMismatchError` (an ``AssertionError``) when it does not pass.

    .. versionadded:: 0.1.0
    """
    result = run_case(case)
    if not result.passed:
        raise CaseMismatchError(result, lang=lang)
    return result
