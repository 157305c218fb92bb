"""The parameter book: dated, sourced policy figures by jurisdiction.

Every figure a rule uses (a standard, a rate, an age limit, a policy switch)
lives in data, never in code: in the jurisdiction's record book
(``civaffairs/books/<GB/T 2260 code>.toml``, read by
:mod:`civaffairs.parameters.books`), one file per jurisdiction, which also
holds its tables (funeral schemes, service lists) and work plans.  Each dated
value records when it takes effect (``effective_from``, optional inclusive
``effective_to``), its status (``sourced`` law, or ``example`` data that must
not be mistaken for law) and its source document; scalars and table rows are
dated, spliced and looked up alike (:mod:`civaffairs.parameters.records`).

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

import datetime as dt
import difflib
import enum
import functools
import tomllib
from collections.abc import Hashable, Iterable, Iterator, Mapping
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from civaffairs import jurisdictions
from civaffairs.errors import (
    InvalidDocumentError,
    ParameterFileError,
    ParameterNotFoundError,
    ParameterOutOfRangeError,
    ParameterRelationError,
)
from civaffairs.money import FEN, MAX_DIGITS
from civaffairs.parameters.records import (
    Dated,
    ParameterValue,
    Provenance,
    Scalar,
    Source,
    Status,
    in_force,
    splice,
    splice_all,
)

__all__ = [
    "Dated",
    "Kind",
    "ParameterBook",
    "ParameterSpec",
    "ParameterValue",
    "Provenance",
    "Scalar",
    "Source",
    "Status",
    "default_book",
    "read_text",
    "shipped_books",
]

_ONE_DAY = dt.timedelta(days=1)


class Kind(enum.Enum):
    """What a parameter measures, which fixes its Python type.

    .. versionadded:: 0.1.0
    """

    MONEY = "money"  #: Decimal yuan
    RATE = "rate"  #: Decimal ratio or multiple (1.5 means 150 %)
    COUNT = "count"  #: int (ages, months, days, grades)
    FLAG = "flag"  #: bool (a policy switch: does this jurisdiction allow ...)


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


#: How many look-ups a book remembers (each a few hundred bytes) before it starts afresh.
_FOUND_LIMIT = 65_536


class ParameterBook:
    """All parameter values known to a calculation, with resolution by place and date.

    Build one with :func:`default_book` (the shipped data),
    :meth:`ParameterBook.load` (your own files on top of, or instead of, the
    shipped ones) or :meth:`override` (a value changed in code, from a date).
    A book is immutable: ``override`` returns a new book.

    .. versionadded:: 0.1.0
    """

    __slots__ = ("_chains", "_found", "_rows", "_series", "specs")

    specs: Mapping[str, ParameterSpec]

    def __init__(
        self,
        specs: Mapping[str, ParameterSpec],
        series: Mapping[tuple[str, str], tuple[ParameterValue, ...]],
        rows: Mapping[str, Mapping[tuple[str, tuple[Hashable, ...]], tuple[Any, ...]]]
        | None = None,
    ) -> None:
        self.specs = dict(specs)
        self._series = dict(series)
        self._rows = {name: dict(table) for name, table in (rows or {}).items()}
        self._chains: dict[str, tuple[str, ...]] = {}
        # Values found, by (name, jurisdiction, date): a book never changes once built, so a
        # look-up's answer never does either.  Bounded: emptied when it reaches _FOUND_LIMIT.
        self._found: dict[tuple[str, str, dt.date], ParameterValue] = {}

    # -- construction -------------------------------------------------------------------------

    @classmethod
    def load(
        cls,
        files: Iterable[str | Path] = (),
        *,
        include_shipped: bool = True,
        check: bool = True,
    ) -> ParameterBook:
        """Load a book from record-book files (TOML, UTF-8), by default over the shipped books.

        A caller's file for a jurisdiction and parameter (or table row) the
        shipped data also covers replaces the shipped series from the caller's
        first date on (values before it are kept), just like :meth:`override`;
        a plan or result set replaces the one with the same id.  The legal
        relations are checked on the result (:meth:`check`) unless ``check``
        is false (to study a book that breaks them).  The file format is
        :mod:`civaffairs.parameters.books`.

        .. versionadded:: 0.1.0
        .. versionchanged:: 0.1.0
           Relations are checked; ``check``.  Files may hold tables.
        """
        base = default_book() if include_shipped else cls(_shipped_specs(), {})
        texts = [(str(path), read_text(path)) for path in files]
        return base._with_texts(texts, check=check)

    def _with_texts(self, texts: Iterable[tuple[str, str]], *, check: bool = True) -> ParameterBook:
        from civaffairs.parameters.books import read_book, table  # noqa: PLC0415 - it imports us

        series = dict(self._series)
        rows = {name: dict(found) for name, found in self._rows.items()}
        origins = []
        for origin, text in texts:
            origins.append(origin)
            parsed = read_book(text, origin, self.specs)
            for name, values in parsed.values.items():
                key = (name, parsed.jurisdiction)
                series[key] = splice_all(series.get(key, ()), values)
            for name, found in parsed.rows.items():
                into = rows.setdefault(name, {})
                dated = table(name).dated
                for row_key, records in found.items():
                    at = (parsed.jurisdiction, row_key)
                    into[at] = splice_all(into.get(at, ()), records) if dated else (records[-1],)
        book = ParameterBook(self.specs, series, rows)
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
        value: Scalar | Mapping[str, Any],
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

        ``name`` may also be a table of the record books
        (:data:`civaffairs.parameters.books.TABLES`, e.g. ``"funeral.scheme"``):
        ``value`` is then one row in the file's form (a mapping, without the
        dated keys, which come from the arguments), and it supersedes the row
        with the same key (a scheme of the place, a service's code…) over its
        period, exactly like a row of a caller's file.  An undated table (a
        work plan, a result set) has no period: the row replaces the one with
        the same id.

        .. versionadded:: 0.1.0
        .. versionchanged:: 0.1.0
           Domains, relations and sources are checked; ``check``.  Table rows.
        """
        place = jurisdictions.get(jurisdiction).code
        where = f"{name} @ {place} from {effective_from}"
        problems = []
        for label, day in (("effective_from", effective_from), ("effective_to", effective_to)):
            if (day is not None or label == "effective_from") and not _is_date(day):
                problems.append(f"$.{label}: got {day!r}, expected a calendar date (datetime.date)")
        if not problems and effective_to is not None and effective_to < effective_from:
            problems.append(
                f"$.effective_to: got {effective_to}, "
                f"expected a date on or after effective_from {effective_from}"
            )
        if status is Status.SOURCED and source is None:
            problems.append(
                "$.source: got None, expected a Source (status=Status.SOURCED needs a source)"
            )
        provenance = None
        if not problems:
            provenance = Provenance(place, effective_from, effective_to, status, source, note=note)
        if isinstance(value, Mapping):
            return self._override_row(name, value, provenance, problems, where)
        spec = self.spec(name)
        typed = _coerce(spec, value)
        if isinstance(typed, str):
            problems.insert(0, f"$.value: got {value!r}, expected {typed}")
        if problems or provenance is None:
            raise ParameterFileError(where, problems, what="parameter override")
        assert not isinstance(typed, str)  # noqa: S101 - refused just above
        series = dict(self._series)
        key = (name, place)
        series[key] = splice(series.get(key, ()), provenance.parameter(name, typed, spec.unit))
        book = ParameterBook(self.specs, series, self._rows)
        if check:
            book.check(f"the override {where}", changed=[name])
        return book

    def _override_row(
        self,
        name: str,
        value: Mapping[str, Any],
        provenance: Provenance | None,
        problems: list[str],
        where: str,
    ) -> ParameterBook:
        from civaffairs.parameters.books import TABLES, row_record, table  # noqa: PLC0415

        if name not in TABLES:
            close = difflib.get_close_matches(name, TABLES, n=1)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            problems.insert(
                0,
                f"$.name: got {name!r}, expected one of the record books' tables "
                f"({', '.join(TABLES)}), as the value is a mapping (a table row){hint}",
            )
        if problems or provenance is None:
            raise ParameterFileError(where, problems, what="parameter override")
        try:
            record = row_record(name, provenance.jurisdiction, value, provenance, self.specs)
        except InvalidDocumentError as exc:
            raise ParameterFileError(
                where, [str(e) for e in exc.errors], what="table override"
            ) from None
        kind = table(name)
        rows = {n: dict(found) for n, found in self._rows.items()}
        into = rows.setdefault(name, {})
        at = (provenance.jurisdiction, kind.key(record))
        into[at] = splice(into.get(at, ()), record) if kind.dated else (record,)
        return ParameterBook(self.specs, self._series, rows)

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
        key = (name, jurisdiction, on)
        found = self._found.get(key)
        if found is not None:
            return found
        chain = self._chain(jurisdiction)
        for code in chain:
            found = in_force(self._series.get((name, code), ()), on)
            if found is not None:
                if len(self._found) >= _FOUND_LIMIT:
                    self._found.clear()
                self._found[key] = found
                return found
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

    # -- tables -----------------------------------------------------------------------------

    def chain(self, jurisdiction: str) -> tuple[str, ...]:
        """Return the codes a look-up in ``jurisdiction`` walks: itself, its parents, national.

        .. versionadded:: 0.1.0
        """
        return self._chain(jurisdiction)

    def rows(self, name: str, jurisdiction: str, key: tuple[Hashable, ...] = ()) -> tuple[Any, ...]:
        """Return the rows of table ``name`` a jurisdiction itself records under ``key``.

        No fallback to parent levels; the series is ordered by start date.

        .. versionadded:: 0.1.0
        """
        found: tuple[Any, ...] = self._rows.get(name, {}).get((jurisdiction, key), ())
        return found

    def row_chain(
        self, name: str, jurisdiction: str, on: dt.date, key: tuple[Hashable, ...] = ()
    ) -> tuple[Any, ...]:
        """Return the rows of ``name`` under ``key`` in force on ``on`` at every level of the chain.

        Most specific first; a level without one in force is skipped.

        .. versionadded:: 0.1.0
        """
        found = (in_force(self.rows(name, code, key), on) for code in self._chain(jurisdiction))
        return tuple(row for row in found if row is not None)

    def row(
        self, name: str, jurisdiction: str, on: dt.date, key: tuple[Hashable, ...] = ()
    ) -> Any | None:
        """Return the row of ``name`` under ``key`` in force on ``on`` at the most specific level.

        ``None`` when no level of the chain has one on that date.

        .. versionadded:: 0.1.0
        """
        return next(iter(self.row_chain(name, jurisdiction, on, key)), None)

    def table(self, name: str) -> Iterator[tuple[str, tuple[Hashable, ...], tuple[Any, ...]]]:
        """Iterate over ``(jurisdiction, key, rows)`` of table ``name``, by jurisdiction code.

        .. versionadded:: 0.1.0
        """
        found = self._rows.get(name, {})
        for place, key in sorted(found, key=lambda at: at[0]):
            yield place, key, found[(place, key)]

    def places(self) -> list[str]:
        """Return the codes of the jurisdictions that record a value or a table row.

        .. versionadded:: 0.1.0
        """
        codes = {code for _, code in self._series}
        codes.update(place for found in self._rows.values() for place, _ in found)
        return sorted(codes)


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


def shipped_books() -> list[tuple[str, str]]:
    """Return ``(origin, text)`` of every shipped record book (``civaffairs/books/*.toml``).

    .. versionadded:: 0.1.0
    """
    folder = resources.files("civaffairs").joinpath("books")
    return sorted(
        (f"civaffairs/books/{entry.name}", entry.read_text(encoding="utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".toml")
    )


@functools.cache
def default_book() -> ParameterBook:
    """Return the book of shipped record books (loaded once, then cached).

    .. versionadded:: 0.1.0
    """
    book = ParameterBook(_shipped_specs(), {})._with_texts(shipped_books(), check=False)
    book.check("the shipped parameter data")
    return book
