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
from decimal import ROUND_HALF_DOWN, Decimal

import attrs

from civaffairs.errors import ParameterError
from civaffairs.money import YUAN
from civaffairs.parameters import ParameterBook

__all__ = [
    "RELATIONS",
    "AtLeastMultiple",
    "NotBelowAncestor",
    "Relation",
    "Violation",
    "check_book",
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

#: The relations shipped data must satisfy.
RELATIONS: tuple[Relation, ...] = (
    *(
        AtLeastMultiple(
            name=f"extreme_poverty_basic_at_least_ratio_of_dibao.{kind}",
            subject=f"assistance.extreme_poverty.basic_living_standard.{kind}",
            base=f"assistance.dibao.standard.{kind}",
            ratio="assistance.extreme_poverty.basic_living_min_ratio",
            citation="国发〔2016〕14号 and provincial rules: 特困基本生活标准不低于低保标准的1.3倍",
        )
        for kind in ("urban", "rural")
    ),
    *(
        NotBelowAncestor(
            name=f"dibao_standard_not_below_provincial_floor.{kind}",
            subject=f"assistance.dibao.standard.{kind}",
            floor=f"assistance.dibao.standard_floor.{kind}",
            citation="社会救助暂行办法 art. 10; provincial floors (青神 2020: 不低于省定标准)",
        )
        for kind in ("urban", "rural")
    ),
    *(
        NotBelowAncestor(
            name=f"child_allowance_not_below_national_floor.{who}.{placement}",
            subject=f"assistance.children.{who}_allowance.{placement}",
            floor=f"assistance.children.national_floor.{placement}",
            citation="国办发〔2010〕54号: local orphan standards not below the national minimum; "
            "民发〔2019〕62号: 事实无人抚养儿童 参照孤儿",
        )
        for who in ("orphan", "unsupported")
        for placement in ("institutional", "dispersed")
    ),
)


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
