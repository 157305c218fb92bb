"""Dated, sourced records: the one shape every entry of a record book has.

A jurisdiction's record book (``civaffairs/books/<GB/T 2260 code>.toml``)
holds scalar parameter values and table rows (funeral schemes, service lists,
…).  Each is *dated* (in force from ``effective_from`` to an inclusive
``effective_to``), ``sourced`` or ``example``, and cites one :class:`Source`.
This module holds that shape and the one set of routines every series uses:

* :func:`splice` puts a record in force over its period, clipping what it
  supersedes (a caller's file, an override);
* :func:`in_force` finds the record of a series in force on a date;
* :func:`overlaps` reports duplicate start dates and overlapping periods.

A scalar :class:`ParameterValue` is itself :class:`Dated`; a table row is a
:class:`Record` whose :attr:`~Record.provenance` is dated.  The routines take
either.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import bisect
import datetime as dt
import enum
import itertools
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar

import attrs

from civaffairs.errors import InvalidInputError

if TYPE_CHECKING:
    from civaffairs.decisions import Citation

__all__ = [
    "Dated",
    "ParameterValue",
    "Provenance",
    "Record",
    "Scalar",
    "Source",
    "Status",
    "in_force",
    "overlaps",
    "period",
    "splice",
]

#: The value types a parameter may hold.
Scalar = Decimal | int | bool

_ONE_DAY = dt.timedelta(days=1)


class Status(enum.Enum):
    """Whether a value is law we could source, or example data.

    .. versionadded:: 0.1.0
    """

    SOURCED = "sourced"
    EXAMPLE = "example"


@attrs.frozen
class Source:
    """A document a record comes from (``[sources.KEY]`` of a record book).

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


class Dated:
    """Behaviour of every dated record: in force from ``effective_from`` to ``effective_to``.

    ``effective_to`` is inclusive; ``None`` means in force until superseded.
    Mixed into :class:`ParameterValue` and :class:`Provenance` (which every
    table row carries), so "in force on a date" means one thing.

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


@attrs.frozen
class Provenance(Dated):
    """Where a table row applies, when, and on what authority.

    .. versionadded:: 0.1.0
    """

    jurisdiction: str
    effective_from: dt.date
    effective_to: dt.date | None
    status: Status
    source: Source | None
    article: str | None = None
    note: str | None = None

    def citation(self) -> Citation:
        """Return the record's source as a citation; example data says so."""
        from civaffairs.decisions import Citation, Document  # noqa: PLC0415 - decisions imports us

        if self.source is None:
            document = Document("示例数据 (example data, no source)")
        else:
            document = Document(self.source.title, self.source.document_number)
        note = "EXAMPLE DATA, not law" if self.status is Status.EXAMPLE else None
        return Citation(document, self.article, note=note)

    def parameter(self, name: str, value: Scalar, unit: str) -> ParameterValue:
        """Report this record as a parameter value (for a decision's provenance)."""
        return ParameterValue(
            name=name, value=value, unit=unit, **attrs.asdict(self, recurse=False)
        )


class Record:
    """Behaviour of every table row: its :attr:`provenance` says where, when and on what authority.

    .. versionadded:: 0.1.0
    """

    __slots__ = ()
    provenance: Provenance


#: A dated entry of a series: a scalar value or a table row.
E = TypeVar("E", bound=Dated | Record)


def period(entry: Dated | Record) -> Dated:
    """Return what dates ``entry``: a row's provenance, or the value itself.

    .. versionadded:: 0.1.0
    """
    return entry.provenance if isinstance(entry, Record) else entry


def _redated(entry: E, start: dt.date, end: dt.date | None) -> E:
    if isinstance(entry, Record):
        when = attrs.evolve(entry.provenance, effective_from=start, effective_to=end)
        # mypy cannot see that a TypeVar bound to a union of attrs classes is an attrs class
        return attrs.evolve(entry, provenance=when)  # type: ignore[misc]
    return attrs.evolve(entry, effective_from=start, effective_to=end)  # type: ignore[misc]


def splice(series: Sequence[E], new: E) -> tuple[E, ...]:
    """Put ``new`` in force over its period, clipping whatever it supersedes.

    What was in force before ``new`` starts (and, when ``new`` ends, after it
    ends) is kept; the result is ordered by start date.

    .. versionadded:: 0.1.0
    """
    fresh = period(new)
    out: list[E] = []
    for old in series:
        held = period(old)
        if held.effective_to is not None and held.effective_to < fresh.effective_from:
            out.append(old)  # entirely before
            continue
        if fresh.effective_to is not None and held.effective_from > fresh.effective_to:
            out.append(old)  # entirely after
            continue
        if held.effective_from < fresh.effective_from:
            out.append(_redated(old, held.effective_from, fresh.effective_from - _ONE_DAY))
        if fresh.effective_to is not None and (
            held.effective_to is None or held.effective_to > fresh.effective_to
        ):
            out.append(_redated(old, fresh.effective_to + _ONE_DAY, held.effective_to))
    out.append(new)
    return tuple(sorted(out, key=lambda e: period(e).effective_from))


def splice_all(series: Sequence[E], new: Iterable[E]) -> tuple[E, ...]:
    """Splice each of ``new`` into ``series`` in start-date order (a file's series over another).

    .. versionadded:: 0.1.0
    """
    current = tuple(series)
    for entry in sorted(new, key=lambda e: period(e).effective_from):
        current = splice(current, entry)
    return current


def in_force(series: Sequence[E], on: dt.date) -> E | None:
    """Return the entry of ``series`` (ordered, without overlaps) in force on ``on``, or ``None``.

    .. versionadded:: 0.1.0
    """
    if not series:
        return None
    index = bisect.bisect_right(series, on, key=_start) - 1
    if index < 0:
        return None
    found = series[index]
    end = period(found).effective_to
    return found if end is None or on <= end else None


def _start(entry: Dated | Record) -> dt.date:
    # On the look-up path of every parameter: one isinstance, no wrapper call.
    return entry.provenance.effective_from if isinstance(entry, Record) else entry.effective_from


def overlaps(where: str, series: Iterable[Dated | Record]) -> list[str]:
    """Report duplicate start dates and overlapping periods in one series.

    A record without an end is in force until the next one starts: only an
    explicit ``effective_to`` on or after the next start overlaps.

    .. versionadded:: 0.1.0
    """
    problems = []
    ordered = sorted((period(e) for e in series), key=lambda d: d.effective_from)
    for before, after in itertools.pairwise(ordered):
        if before.effective_from == after.effective_from:
            problems.append(f"{where}: duplicate effective_from {after.effective_from}")
        elif before.effective_to is not None and before.effective_to >= after.effective_from:
            problems.append(
                f"{where}: period {before.period} overlaps the record from {after.effective_from}"
            )
    return problems
