"""Legal relations that parameter values must satisfy, checked on every change date.

A relation is a rule *about* parameters — "the 特困 basic living standard is
not below 1.3 × the 低保 standard", "a county's standard is not below its
province's floor" — that shipped data (and a caller's own files) must obey.
:func:`check_book` evaluates every relation for every jurisdiction that
defines the parameters involved, on every date when a value on its chain
changes, and returns the violations (an empty list when all is well).

Standards are published in whole yuan, so a product such as 1.3 × 735 =
955.5 is compared after rounding to the yuan with halves rounded *down*,
which is how Chongqing published it (955).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import tomllib
from decimal import ROUND_HALF_DOWN, Decimal

import attrs

from civaffairs import registry
from civaffairs.errors import ParameterError, ParameterFileError
from civaffairs.money import YUAN
from civaffairs.parameters import ParameterBook

__all__ = [
    "RELATIONS",
    "AtLeastMultiple",
    "NotBelowAncestor",
    "Relation",
    "Violation",
    "check_book",
    "read_relations",
    "shipped_relations",
]


@attrs.frozen
class Violation:
    """A relation that does not hold in a jurisdiction on a date.

    .. versionadded:: 0.1.0
    """

    relation: str
    jurisdiction: str
    on: dt.date
    detail: str


@attrs.frozen
class AtLeastMultiple:
    """``subject >= round(ratio × base)`` in the same jurisdiction, ``ratio`` being a parameter.

    .. versionadded:: 0.1.0
    """

    name: str
    subject: str
    base: str
    ratio: str
    citation: str

    def parameters(self) -> tuple[str, ...]:
        """Return the parameters this relation reads; it is checked where any is defined.

        A county that sets its own 低保 standard but inherits the 特困 standard from
        its province must still keep 特困 ≥ ratio × 低保 there.
        """
        return (self.subject, self.base, self.ratio)

    def reads(self) -> frozenset[str]:
        """Return every parameter whose change can break this relation.

        .. versionadded:: 0.1.0
        """
        return frozenset((self.subject, self.base, self.ratio))

    def check(self, book: ParameterBook, jurisdiction: str, on: dt.date) -> Violation | None:
        """Return a violation, or ``None`` when the relation holds or does not apply."""
        try:
            subject = book.get(self.subject, jurisdiction, on).value
            base = book.get(self.base, jurisdiction, on).value
            ratio = book.get(self.ratio, jurisdiction, on).value
        except ParameterError:
            return None  # not all three are in force on this date: nothing to relate
        assert isinstance(subject, Decimal)  # noqa: S101 - guaranteed by the schema kinds
        assert isinstance(base, Decimal)  # noqa: S101
        assert isinstance(ratio, Decimal)  # noqa: S101
        minimum = (ratio * base).quantize(YUAN, rounding=ROUND_HALF_DOWN)
        if subject >= minimum:
            return None
        return Violation(
            self.name,
            jurisdiction,
            on,
            f"{self.subject} = {subject} is below {ratio} × {self.base} ({base}) = {minimum}",
        )


@attrs.frozen
class NotBelowAncestor:
    """A jurisdiction's ``subject`` is not below ``floor`` as resolved from its parent up.

    .. versionadded:: 0.1.0
    """

    name: str
    subject: str
    floor: str
    citation: str

    def parameters(self) -> tuple[str, ...]:
        """Return the parameters this relation reads; it is checked where the subject is defined.

        A floor raised at a province is checked in every county below it that sets
        its own standard (those that do not inherit the province's own value).
        """
        return (self.subject,)

    def reads(self) -> frozenset[str]:
        """Return every parameter whose change can break this relation.

        .. versionadded:: 0.1.0
        """
        return frozenset((self.subject, self.floor))

    def check(self, book: ParameterBook, jurisdiction: str, on: dt.date) -> Violation | None:
        """Return a violation, or ``None`` when the relation holds or no floor applies."""
        own = next((v for v in book.series(self.subject, jurisdiction) if v.covers(on)), None)
        if own is None:
            return None
        try:
            floor = book.get(self.floor, jurisdiction, on)
        except ParameterError:
            return None
        assert isinstance(own.value, Decimal)  # noqa: S101 - guaranteed by the schema kinds
        assert isinstance(floor.value, Decimal)  # noqa: S101
        if own.value >= floor.value:
            return None
        return Violation(
            self.name,
            jurisdiction,
            on,
            f"{self.subject} = {own.value} is below the floor {floor.value} set by "
            f"{floor.jurisdiction} ({floor.cite()})",
        )


Relation = AtLeastMultiple | NotBelowAncestor

_KINDS: dict[str, type[AtLeastMultiple] | type[NotBelowAncestor]] = {
    "at_least_multiple": AtLeastMultiple,
    "not_below_ancestor": NotBelowAncestor,
}


def _relation(entry: object, where: str, problems: list[str]) -> Relation | None:
    """Return the relation a ``[[relation]]`` table declares, or note why it cannot."""
    if not isinstance(entry, dict):
        problems.append(f"{where}: expected a table, got {entry!r}")
        return None
    kind = _KINDS.get(entry.get("kind", ""))
    if kind is None:
        problems.append(
            f"{where}.kind: got {entry.get('kind')!r}, expected one of {sorted(_KINDS)}"
        )
        return None
    fields = {f.name for f in attrs.fields(kind)}
    given = set(entry) - {"kind"}
    if given != fields or not all(isinstance(entry[k], str) for k in fields):
        problems.append(
            f"{where}: a {entry['kind']} relation has exactly the text keys {sorted(fields)}"
        )
        return None
    return kind(**{k: entry[k] for k in fields})


def read_relations(text: str, origin: str) -> tuple[Relation, ...]:
    """Return the relations a schema file declares in its ``[[relation]]`` tables.

    Raises :class:`~civaffairs.errors.ParameterFileError` naming every bad table.

    .. versionadded:: 0.1.0
    """
    problems: list[str] = []
    found = [
        _relation(entry, f"relation[{i}]", problems)
        for i, entry in enumerate(tomllib.loads(text).get("relation", []))
    ]
    if problems:
        raise ParameterFileError(origin, problems, what="parameter schema")
    return tuple(r for r in found if r is not None)


def shipped_relations() -> tuple[Relation, ...]:
    """Return every relation the programme schemas declare (see :mod:`civaffairs.registry`).

    .. versionadded:: 0.1.0
    """
    return tuple(
        relation
        for path in registry.schema_files()
        for relation in read_relations(registry.read_schema(path), f"civaffairs/{path}")
    )


#: The relations shipped data must satisfy: those the programmes' schema files declare,
#: beside the parameters they relate.
RELATIONS: tuple[Relation, ...] = shipped_relations()


def check_book(book: ParameterBook, relations: tuple[Relation, ...] = RELATIONS) -> list[Violation]:
    """Check every relation where any parameter it reads is defined, on every change date.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0
       A relation between parameters of one place is checked wherever any of them is
       defined (a county's own 低保 standard against its province's 特困 standard),
       not only where its subject is.
    """
    violations = []
    for relation in relations:
        names = relation.parameters()
        for jurisdiction in book.jurisdictions():
            if not any(book.series(name, jurisdiction) for name in names):
                continue
            for on in book.change_dates(jurisdiction):
                found = relation.check(book, jurisdiction, on)
                if found is not None:
                    violations.append(found)
    return violations
