"""The parameter book: dated, sourced policy figures by jurisdiction.

Every figure a rule uses (a standard, a rate, an age limit, a policy switch)
lives in a TOML data file, one file per jurisdiction, never in code.  Each
dated value records when it takes effect (``effective_from``, optional
inclusive ``effective_to``), its status (``sourced`` law, or ``example`` data
that must not be mistaken for law) and its source document.

Every value — from the shipped TOML, a caller's file (``--params``), a
what-if (``--scenario``) or :meth:`ParameterBook.override` — is checked
against its declared kind and domain (:attr:`ParameterSpec.domain`: money is
a non-negative amount of whole fen below 10¹² yuan, a rate or count is
non-negative and finite, a share is at most 1, a flag is a boolean), and
the legal relations between parameters (:mod:`civaffairs.parameters.relations`)
are checked after every file load and every override: a book that breaks
one is never built.

Look-ups take an explicit date and walk the jurisdiction chain
county → prefecture → province → national (GB/T 2260 parents, then
``000000``): the most specific jurisdiction with a value in force on that date
wins.  Nothing is extrapolated: a date that no level covers raises
:class:`~civaffairs.errors.ParameterOutOfRangeError` naming the parameter, the
jurisdiction, the date and every covered range.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import bisect
import datetime as dt
import enum
import functools
import itertools
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from civaffairs import jurisdictions
from civaffairs.errors import (
    InvalidInputError,
    ParameterFileError,
    ParameterNotFoundError,
    ParameterOutOfRangeError,
    ParameterRelationError,
)
from civaffairs.money import FEN, MAX_DIGITS

__all__ = [
    "Dated",
    "Kind",
    "ParameterBook",
    "ParameterSpec",
    "ParameterValue",
    "Scalar",
    "Source",
    "Status",
    "default_book",
    "read_text",
]

#: The value types a parameter may hold.
Scalar = Decimal | int | bool

_ONE_DAY = dt.timedelta(days=1)


class Kind(enum.Enum):
    """What a parameter measures, which fixes its Python type.

    .. versionadded:: 0.1.0
    """

    MONEY = "money"  #: Decimal yuan
    RATE = "rate"  #: Decimal ratio or multiple (1.5 means 150 %)
    COUNT = "count"  #: int (ages, months, days, grades)
    FLAG = "flag"  #: bool (a policy switch: does this jurisdiction allow ...)


class Status(enum.Enum):
    """Whether a value is law we could source, or example data.

    .. versionadded:: 0.1.0
    """

    SOURCED = "sourced"
    EXAMPLE = "example"


@attrs.frozen
class Source:
    """A document a parameter value comes from.

    .. versionadded:: 0.1.0
    """

    key: str
    title: str
    document_number: str | None = None
    publisher: str | None = None
    published: dt.date | None = None
    url: str | None = None

    def cite(self) -> str:
        """Return a one-line citation: title, document number, date."""
        parts = [f"《{self.title}》" if not self.title.startswith("《") else self.title]
        if self.document_number:
            parts.append(f"({self.document_number})")
        if self.published:
            parts.append(self.published.isoformat())
        return " ".join(parts)


#: The largest count a parameter may hold (ages, months, days, grades are far below it).
MAX_COUNT = 9999


@attrs.frozen
class ParameterSpec:
    """The declaration of a parameter: name, kind, unit and what it means.

    Declared once, in the programme's schema file beside its module
    (``assistance/dibao.schema.toml``, as the :mod:`civaffairs.registry` lists
    them); data files may only give values to declared parameters.  ``minimum`` and
    ``maximum`` (optional schema keys) narrow the domain of its kind; see
    :attr:`domain`.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0
       ``minimum`` and ``maximum``.
    """

    name: str
    kind: Kind
    unit: str
    zh: str
    en: str
    description: str = ""
    minimum: Decimal | int | None = None
    maximum: Decimal | int | None = None

    @property
    def domain(self) -> tuple[Decimal | int, Decimal | int | None]:
        """The inclusive bounds a value must lie within (``None``: no upper bound but finite).

        Declared ``minimum``/``maximum`` win; otherwise every number is at
        least 0, a rate whose unit is a share (``"share of …"``) is at most 1,
        and a count at most :data:`MAX_COUNT`.  Money and rates are also below
        10¹² (:data:`civaffairs.money.MAX_DIGITS`), so every product stays exact.

        .. versionadded:: 0.1.0
        """
        low = self.minimum if self.minimum is not None else 0
        if self.maximum is not None:
            return low, self.maximum
        if self.kind is Kind.RATE and self.unit.startswith("share"):
            return low, 1
        if self.kind is Kind.COUNT:
            return low, MAX_COUNT
        return low, None


class Dated:
    """Behaviour of every dated record: in force from ``effective_from`` to ``effective_to``.

    ``effective_to`` is inclusive; ``None`` means in force until superseded.
    Mixed into :class:`ParameterValue` and into the dated tables programmes keep
    (funeral catalogues and schemes), so "in force on a date" means one thing.

    .. versionadded:: 0.1.0
    """

    __slots__ = ()
    effective_from: dt.date
    effective_to: dt.date | None

    def covers(self, on: dt.date) -> bool:
        """Return whether the record is in force on ``on``."""
        return self.effective_from <= on and (self.effective_to is None or on <= self.effective_to)

    @property
    def period(self) -> str:
        """The period in force, e.g. ``2025-07-01 – (open)``."""
        end = self.effective_to.isoformat() if self.effective_to else "(open)"
        return f"{self.effective_from.isoformat()} – {end}"


@attrs.frozen
class ParameterValue(Dated):
    """One dated value of one parameter in one jurisdiction, with its provenance.

    ``effective_to`` is inclusive; ``None`` means in force until superseded.
    A value whose status is :attr:`Status.SOURCED` must carry its ``source``
    (built from a TOML file or in code alike), else
    :class:`~civaffairs.errors.InvalidInputError`.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0
       A sourced value without a source is refused.
    """

    name: str
    jurisdiction: str
    value: Scalar
    unit: str
    effective_from: dt.date
    effective_to: dt.date | None
    status: Status
    source: Source | None
    article: str | None = None
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.status is Status.SOURCED and self.source is None:
            raise InvalidInputError(
                "$.source",
                "(none)",
                f"the source document of {self.name} @ {self.jurisdiction} from "
                f"{self.effective_from}: a value marked sourced must name its source "
                "(or be marked example, with a note)",
            )

    def cite(self) -> str:
        """Return the provenance in one line; example data says so first."""
        where = self.source.cite() if self.source else "no source"
        if self.article:
            where = f"{where} {self.article}"
        if self.status is Status.EXAMPLE:
            note = f": {self.note}" if self.note else ""
            return f"EXAMPLE DATA, not law{note} [{where}]"
        return where


_FILE_KEYS = frozenset({"jurisdiction", "note", "sources", "values"})
_SOURCE_KEYS = frozenset({"title", "document_number", "publisher", "published", "url"})
_VALUE_KEYS = frozenset(
    {"effective_from", "effective_to", "value", "status", "source", "article", "note"}
)
_SPEC_KEYS = frozenset({"kind", "unit", "zh", "en", "description", "minimum", "maximum"})


def _unknown(found: Iterable[str], allowed: frozenset[str]) -> list[str]:
    return sorted(set(found) - allowed)


def _load_specs(text: str, origin: str) -> dict[str, ParameterSpec]:
    data = tomllib.loads(text, parse_float=Decimal)
    problems: list[str] = []
    specs: dict[str, ParameterSpec] = {}
    if "parameters" not in data or not set(data) <= {"parameters", "relation"}:
        problems.append(f"top-level keys must be 'parameters' and 'relation', got {sorted(data)}")
    for name, entry in data.get("parameters", {}).items():
        bad = _unknown(entry, _SPEC_KEYS)
        if bad:
            problems.append(f"parameters.{name}: unknown keys {bad}")
            continue
        try:
            kind = Kind(entry["kind"])
            specs[name] = ParameterSpec(
                name=name,
                kind=kind,
                unit=entry["unit"],
                zh=entry["zh"],
                en=entry["en"],
                description=entry.get("description", ""),
                minimum=entry.get("minimum"),
                maximum=entry.get("maximum"),
            )
        except (KeyError, ValueError) as exc:
            problems.append(f"parameters.{name}: {exc!r}")
            continue
        problems.extend(
            f"parameters.{name}.{bound}: got {entry[bound]!r}, not a {kind.value} in its domain"
            for bound in ("minimum", "maximum")
            if bound in entry and isinstance(_coerce(specs[name], entry[bound]), str)
        )
    if problems:
        raise ParameterFileError(origin, problems)
    return specs


def _coerce(spec: ParameterSpec, raw: object) -> Scalar | str:
    """Return the typed value, or a string saying what was expected instead of ``raw``.

    The kind fixes the type (a flag is a ``bool``, a count an ``int``, money
    and rates ``Decimal``); :attr:`ParameterSpec.domain` fixes the range.
    """
    kind = spec.kind
    if kind is Kind.FLAG:
        return raw if isinstance(raw, bool) else "true or false for a flag parameter"
    if isinstance(raw, bool):
        return f"a number for a {kind.value} parameter, not a boolean"
    if not isinstance(raw, int | Decimal):
        return f"a number for a {kind.value} parameter (a TOML integer or decimal, never a float)"
    value: Decimal | int
    if kind is Kind.COUNT:
        if not isinstance(raw, int):
            return "a whole number for a count parameter"
        value = raw
    else:
        value = Decimal(raw)
        if not value.is_finite():
            return f"a finite number for a {kind.value} parameter (not NaN or infinity)"
        if value and value.adjusted() >= MAX_DIGITS:
            return f"a {kind.value} below 10^{MAX_DIGITS}"
        if kind is Kind.MONEY and value != value.quantize(FEN):
            return "an amount in yuan with at most two decimal places (fen)"
    low, high = spec.domain
    if value < low or (high is not None and value > high):
        span = f"{low} to {high}" if high is not None else f"{low} or more"
        return f"a {kind.value} from {span} ({spec.unit})"
    return value


def _is_date(value: object) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def _parse_sources(table: Mapping[str, Any], problems: list[str]) -> dict[str, Source]:
    """Read the ``[sources.KEY]`` tables of a data file."""
    sources: dict[str, Source] = {}
    for key, entry in table.items():
        if not isinstance(entry, dict):
            problems.append(f"sources.{key}: expected a table, got {entry!r}")
            continue
        bad = _unknown(entry, _SOURCE_KEYS)
        if bad:
            problems.append(f"sources.{key}: unknown keys {bad} (allowed: {sorted(_SOURCE_KEYS)})")
        elif "title" not in entry:
            problems.append(f"sources.{key}: 'title' is required")
        elif entry.get("published") is not None and not _is_date(entry["published"]):
            problems.append(
                f"sources.{key}.published: expected a TOML date, got {entry['published']!r}"
            )
        else:
            sources[key] = Source(
                key=key,
                title=entry["title"],
                document_number=entry.get("document_number"),
                publisher=entry.get("publisher"),
                published=entry.get("published"),
                url=entry.get("url"),
            )
    return sources


def _value_problem(entry: Mapping[str, Any], sources: Mapping[str, Source]) -> str | None:
    """Return what is wrong with one dated value's keys, or ``None``."""
    bad = _unknown(entry, _VALUE_KEYS)
    if bad:
        return f"unknown keys {bad} (allowed: {sorted(_VALUE_KEYS)})"
    missing = sorted({"effective_from", "value", "status"} - set(entry))
    if missing:
        return f"missing required keys {missing}"
    start, end = entry["effective_from"], entry.get("effective_to")
    if not _is_date(start):
        return f"effective_from: expected a TOML date, got {start!r}"
    if end is not None and not _is_date(end):
        return f"effective_to: expected a TOML date, got {end!r}"
    if end is not None and end < start:
        return f"effective_to {end} is before effective_from {start}"
    if entry["status"] not in {s.value for s in Status}:
        return f"status: got {entry['status']!r}, expected 'sourced' or 'example'"
    key = entry.get("source")
    if key is not None and key not in sources:
        return f"source: {key!r} is not declared under [sources]"
    if entry["status"] == Status.SOURCED.value and key is None:
        return "a sourced value needs 'source'"
    if entry["status"] == Status.EXAMPLE.value and not entry.get("note"):
        return "an example value needs a 'note' saying where it is from"
    return None


def _parse_value(
    spec: ParameterSpec,
    code: str,
    entry: Mapping[str, Any],
    sources: Mapping[str, Source],
) -> ParameterValue | str:
    """Build one dated value, or return the problem with it."""
    problem = _value_problem(entry, sources)
    if problem is not None:
        return problem
    value = _coerce(spec, entry["value"])
    if isinstance(value, str):
        where = f"{spec.name} @ {code} from {entry['effective_from']}"
        return f"value: got {entry['value']!r}, expected {value} ({where})"
    key = entry.get("source")
    return ParameterValue(
        name=spec.name,
        jurisdiction=code,
        value=value,
        unit=spec.unit,
        effective_from=entry["effective_from"],
        effective_to=entry.get("effective_to"),
        status=Status(entry["status"]),
        source=sources[key] if key is not None else None,
        article=entry.get("article"),
        note=entry.get("note"),
    )


def _parse_file(
    text: str, origin: str, specs: Mapping[str, ParameterSpec]
) -> dict[tuple[str, str], list[ParameterValue]]:
    """Parse and validate one jurisdiction's data file, reporting every problem."""
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise ParameterFileError(origin, [f"not valid TOML: {exc}"]) from None
    except (ValueError, RecursionError) as exc:  # an over-long integer, arrays nested too deep
        raise ParameterFileError(origin, [f"not readable TOML ({type(exc).__name__})"]) from None
    problems: list[str] = []
    bad = _unknown(data, _FILE_KEYS)
    if bad:
        problems.append(f"unknown top-level keys {bad} (allowed: {sorted(_FILE_KEYS)})")
    code = data.get("jurisdiction")
    if not isinstance(code, str) or not (len(code) == 6 and code.isdigit()):
        raise ParameterFileError(
            origin,
            [*problems, f"'jurisdiction' must be a six-digit GB/T 2260 code, got {code!r}"],
        )
    try:
        jurisdictions.get(code)
    except LookupError as exc:
        problems.append(f"jurisdiction: {exc}")
    tables = {key: data.get(key, {}) for key in ("sources", "values")}
    for key, table in tables.items():
        if not isinstance(table, dict):
            problems.append(f"{key}: expected a table of tables, got {table!r}")
            tables[key] = {}
    sources = _parse_sources(tables["sources"], problems)
    result = _parse_values(tables["values"], code, specs, sources, problems)
    if problems:
        raise ParameterFileError(origin, problems)
    return result


def _parse_values(
    table: Mapping[str, Any],
    code: str,
    specs: Mapping[str, ParameterSpec],
    sources: Mapping[str, Source],
    problems: list[str],
) -> dict[tuple[str, str], list[ParameterValue]]:
    """Read the ``[[values."NAME"]]`` arrays of a data file, recording every problem."""
    result: dict[tuple[str, str], list[ParameterValue]] = {}
    for name, entries in table.items():
        where = f"values.{name!r}"
        spec = specs.get(name)
        if spec is None:
            problems.append(f"{where}: unknown parameter (not declared in any programme schema)")
            continue
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            problems.append(f"{where}: expected an array of tables [[values.{name!r}]]")
            continue
        series = []
        for index, entry in enumerate(entries):
            parsed = _parse_value(spec, code, entry, sources)
            if isinstance(parsed, str):
                problems.append(f"{where}[{index}]: {parsed}")
            else:
                series.append(parsed)
        problems.extend(_check_series(where, series))
        result[(name, code)] = sorted(series, key=lambda v: v.effective_from)
    return result


def _check_series(where: str, series: list[ParameterValue]) -> list[str]:
    """Report duplicate start dates and overlapping periods in one series."""
    problems = []
    ordered = sorted(series, key=lambda v: v.effective_from)
    for before, after in itertools.pairwise(ordered):
        if before.effective_from == after.effective_from:
            problems.append(f"{where}: duplicate effective_from {after.effective_from}")
        elif before.effective_to is not None and before.effective_to >= after.effective_from:
            problems.append(
                f"{where}: period {before.period} overlaps the value from {after.effective_from}"
            )
    return problems


def _splice(series: tuple[ParameterValue, ...], new: ParameterValue) -> tuple[ParameterValue, ...]:
    """Put ``new`` in force over its period, clipping whatever it supersedes."""
    out: list[ParameterValue] = []
    for old in series:
        if old.effective_to is not None and old.effective_to < new.effective_from:
            out.append(old)  # entirely before
            continue
        if new.effective_to is not None and old.effective_from > new.effective_to:
            out.append(old)  # entirely after
            continue
        if old.effective_from < new.effective_from:
            out.append(attrs.evolve(old, effective_to=new.effective_from - _ONE_DAY))
        if new.effective_to is not None and (
            old.effective_to is None or old.effective_to > new.effective_to
        ):
            out.append(attrs.evolve(old, effective_from=new.effective_to + _ONE_DAY))
    out.append(new)
    return tuple(sorted(out, key=lambda v: v.effective_from))


class ParameterBook:
    """All parameter values known to a calculation, with resolution by place and date.

    Build one with :func:`default_book` (the shipped data),
    :meth:`ParameterBook.load` (your own files on top of, or instead of, the
    shipped ones) or :meth:`override` (a value changed in code, from a date).
    A book is immutable: ``override`` returns a new book.

    .. versionadded:: 0.1.0
    """

    __slots__ = ("_chains", "_series", "_starts", "specs")

    specs: Mapping[str, ParameterSpec]

    def __init__(
        self,
        specs: Mapping[str, ParameterSpec],
        series: Mapping[tuple[str, str], tuple[ParameterValue, ...]],
    ) -> None:
        self.specs = dict(specs)
        self._series = dict(series)
        self._starts = {key: [v.effective_from for v in vals] for key, vals in self._series.items()}
        self._chains: dict[str, tuple[str, ...]] = {}

    # -- construction -------------------------------------------------------------------------

    @classmethod
    def load(
        cls,
        files: Iterable[str | Path] = (),
        *,
        include_shipped: bool = True,
        check: bool = True,
    ) -> ParameterBook:
        """Load a book from TOML files (UTF-8), by default layered over the shipped data.

        A caller's file for a jurisdiction and parameter the shipped data also
        covers replaces the shipped series from the caller's first date on
        (values before it are kept), just like :meth:`override`.  The legal
        relations are checked on the result (:meth:`check`) unless ``check``
        is false (to study a book that breaks them).

        .. versionadded:: 0.1.0
        .. versionchanged:: 0.1.0
           Relations are checked; ``check``.
        """
        base = default_book() if include_shipped else cls(_shipped_specs(), {})
        texts = [(str(path), read_text(path)) for path in files]
        return base._with_texts(texts, check=check)

    def _with_texts(self, texts: Iterable[tuple[str, str]], *, check: bool = True) -> ParameterBook:
        series = dict(self._series)
        origins = []
        for origin, text in texts:
            origins.append(origin)
            for key, values in _parse_file(text, origin, self.specs).items():
                current = series.get(key, ())
                for value in values:
                    current = _splice(current, value)
                series[key] = current
        book = ParameterBook(self.specs, series)
        if check and origins:
            book.check(", ".join(origins))
        return book

    def check(
        self, source: str = "this parameter book", *, changed: Iterable[str] | None = None
    ) -> None:
        """Raise :class:`~civaffairs.errors.ParameterRelationError` if a legal relation fails.

        Every relation of :data:`civaffairs.parameters.relations.RELATIONS` (or,
        given ``changed`` parameter names, every relation that reads one of them)
        is evaluated in every jurisdiction on every change date; each violation
        is listed with the relation, the parameter, the place and the date.
        ``source`` names what made the book (a file, an override).

        .. versionadded:: 0.1.0
        """
        from civaffairs.parameters.relations import (  # noqa: PLC0415 - it imports us
            RELATIONS,
            check_book,
        )

        relations = RELATIONS
        if changed is not None:
            names = set(changed)
            relations = tuple(r for r in RELATIONS if r.reads() & names)
        violations = check_book(self, relations) if relations else []
        if violations:
            raise ParameterRelationError(
                source,
                (
                    f"{v.relation} in {v.jurisdiction} on {v.on.isoformat()}: {v.detail}"
                    for v in violations
                ),
            )

    def override(
        self,
        name: str,
        jurisdiction: str,
        value: Scalar,
        effective_from: dt.date,
        effective_to: dt.date | None = None,
        *,
        note: str = "overridden in code by the caller",
        source: Source | None = None,
        status: Status = Status.EXAMPLE,
        check: bool = True,
    ) -> ParameterBook:
        """Return a new book in which ``name`` for ``jurisdiction`` is ``value`` from a date.

        Shipped data is untouched.  ``jurisdiction`` is a GB/T 2260 code or a
        unique Chinese name (stored as the code).  The override is marked
        ``example`` unless a ``source`` is given with ``status=Status.SOURCED``
        (a sourced override without a source is refused).  ``value`` must be of
        the parameter's kind and within its domain, and the new book must keep
        the legal relations (:meth:`check`) unless ``check`` is false; each
        failure is an error naming the parameter, the place and the date.

        .. versionadded:: 0.1.0
        .. versionchanged:: 0.1.0
           Domains, relations and sources are checked; ``check``.
        """
        spec = self.spec(name)
        place = jurisdictions.get(jurisdiction).code
        where = f"{name} @ {place} from {effective_from}"
        problems = []
        typed = _coerce(spec, value)
        if isinstance(typed, str):
            problems.append(f"value: got {value!r}, expected {typed}")
        for label, day in (("effective_from", effective_from), ("effective_to", effective_to)):
            if (day is not None or label == "effective_from") and not _is_date(day):
                problems.append(f"{label}: got {day!r}, expected a calendar date (datetime.date)")
        if not problems and effective_to is not None and effective_to < effective_from:
            problems.append(
                f"effective_to {effective_to} is before effective_from {effective_from}"
            )
        if status is Status.SOURCED and source is None:
            problems.append("status: a sourced value needs its source (a Source)")
        if problems:
            raise ParameterFileError(where, problems, what="parameter override")
        assert not isinstance(typed, str)  # noqa: S101 - refused just above
        jurisdiction = place
        new = ParameterValue(
            name=name,
            jurisdiction=jurisdiction,
            value=typed,
            unit=spec.unit,
            effective_from=effective_from,
            effective_to=effective_to,
            status=status,
            source=source,
            note=note,
        )
        series = dict(self._series)
        series[(name, jurisdiction)] = _splice(series.get((name, jurisdiction), ()), new)
        book = ParameterBook(self.specs, series)
        if check:
            book.check(f"the override {where}", changed=[name])
        return book

    # -- look-up ------------------------------------------------------------------------------

    def spec(self, name: str) -> ParameterSpec:
        """Return the declaration of ``name`` or raise ``ParameterNotFoundError``."""
        try:
            return self.specs[name]
        except KeyError:
            raise ParameterNotFoundError(name, "(any)", ["the programme schemas"]) from None

    def _chain(self, jurisdiction: str) -> tuple[str, ...]:
        chain = self._chains.get(jurisdiction)
        if chain is None:
            if jurisdiction == jurisdictions.NATIONAL:
                chain = (jurisdictions.NATIONAL,)
            else:
                codes = [j.code for j in jurisdictions.chain(jurisdiction)]
                chain = (*codes, jurisdictions.NATIONAL)
            self._chains[jurisdiction] = chain
        return chain

    def get(self, name: str, jurisdiction: str, on: dt.date) -> ParameterValue:
        """Return the value of ``name`` in force in ``jurisdiction`` on ``on``.

        Raises :class:`~civaffairs.errors.ParameterNotFoundError` when no level
        of the chain defines it and
        :class:`~civaffairs.errors.ParameterOutOfRangeError` when none covers
        the date.

        .. versionadded:: 0.1.0
        """
        chain = self._chain(jurisdiction)
        for code in chain:
            key = (name, code)
            starts = self._starts.get(key)
            if starts is None:
                continue
            index = bisect.bisect_right(starts, on) - 1
            if index >= 0:
                candidate = self._series[key][index]
                if candidate.effective_to is None or on <= candidate.effective_to:
                    return candidate
        covered = [
            (code, ", ".join(v.period for v in self._series[(name, code)]))
            for code in chain
            if (name, code) in self._series
        ]
        if not covered:
            if name not in self.specs:
                raise ParameterNotFoundError(name, jurisdiction, ["the programme schemas"])
            raise ParameterNotFoundError(name, jurisdiction, chain)
        raise ParameterOutOfRangeError(name, jurisdiction, on.isoformat(), covered)

    def money(self, name: str, jurisdiction: str, on: dt.date) -> tuple[Decimal, ParameterValue]:
        """Return a money parameter's ``Decimal`` value and its provenance."""
        found = self.get(name, jurisdiction, on)
        assert isinstance(found.value, Decimal), name  # noqa: S101 - guaranteed by the schema kind
        return found.value, found

    rate = money

    def count(self, name: str, jurisdiction: str, on: dt.date) -> tuple[int, ParameterValue]:
        """Return a count parameter's ``int`` value and its provenance."""
        found = self.get(name, jurisdiction, on)
        assert isinstance(found.value, int), name  # noqa: S101 - guaranteed by the schema kind
        return found.value, found

    def flag(self, name: str, jurisdiction: str, on: dt.date) -> tuple[bool, ParameterValue]:
        """Return a flag parameter's ``bool`` value and its provenance."""
        found = self.get(name, jurisdiction, on)
        assert isinstance(found.value, bool), name  # noqa: S101 - guaranteed by the schema kind
        return found.value, found

    # -- browsing -----------------------------------------------------------------------------

    def in_force(self, jurisdiction: str, on: dt.date) -> list[ParameterValue]:
        """Return every parameter value that applies in ``jurisdiction`` on ``on``.

        Parameters with no value covering the date are left out.

        .. versionadded:: 0.1.0
        """
        found = []
        for name in sorted(self.specs):
            try:
                found.append(self.get(name, jurisdiction, on))
            except (ParameterNotFoundError, ParameterOutOfRangeError):
                continue
        return found

    def series(self, name: str, jurisdiction: str) -> tuple[ParameterValue, ...]:
        """Return the values a jurisdiction itself defines for ``name`` (no fallback)."""
        return self._series.get((name, jurisdiction), ())

    def keys(self) -> Iterator[tuple[str, str]]:
        """Iterate over the ``(parameter, jurisdiction)`` pairs that have values."""
        return iter(self._series)

    def jurisdictions(self) -> list[str]:
        """Return the codes of the jurisdictions that define at least one value."""
        return sorted({code for _, code in self._series})

    def change_dates(self, jurisdiction: str) -> list[dt.date]:
        """Return every date on which any value on ``jurisdiction``'s chain starts or ends.

        A value ending on day D changes things on D + 1, which is what is returned.

        .. versionadded:: 0.1.0
        """
        chain = set(self._chain(jurisdiction))
        dates = set()
        for (_, code), values in self._series.items():
            if code in chain:
                for value in values:
                    dates.add(value.effective_from)
                    if value.effective_to is not None:
                        dates.add(value.effective_to + _ONE_DAY)
        return sorted(dates)


def read_text(path: str | Path) -> str:
    """Read a parameter file as UTF-8, or raise ``ParameterFileError`` saying why not.

    .. versionadded:: 0.1.0
    """
    try:
        return Path(path).read_bytes().decode("utf-8-sig")
    except (OSError, ValueError) as exc:  # ValueError: not UTF-8, or a NUL in the name
        why = getattr(exc, "strerror", None) or (
            "not UTF-8 text" if isinstance(exc, UnicodeDecodeError) else str(exc)
        )
        raise ParameterFileError(str(path)[:200], [f"cannot be read: {why}"]) from None


@functools.cache
def _shipped_specs() -> dict[str, ParameterSpec]:
    """Read every programme's schema file, as the registry lists them (beside each module)."""
    from civaffairs import registry  # noqa: PLC0415 - the registry names the schema files

    specs: dict[str, ParameterSpec] = {}
    for path in registry.schema_files():
        origin = f"civaffairs/{path}"
        for name, spec in _load_specs(registry.read_schema(path), origin).items():
            if name in specs:
                raise ParameterFileError(origin, [f"parameters.{name}: declared twice"])
            specs[name] = spec
    return specs


@functools.cache
def default_book() -> ParameterBook:
    """Return the book of shipped parameter data (loaded once, then cached).

    .. versionadded:: 0.1.0
    """
    data = resources.files("civaffairs.parameters").joinpath("data")
    texts = sorted(
        (f"civaffairs/parameters/data/{entry.name}", entry.read_text(encoding="utf-8"))
        for entry in data.iterdir()
        if entry.name.endswith(".toml")
    )
    book = ParameterBook(_shipped_specs(), {})._with_texts(texts, check=False)
    book.check("the shipped parameter data")
    return book
