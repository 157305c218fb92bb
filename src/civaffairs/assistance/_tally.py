"""Three-valued conditions for the person-level assistance rules (特困, 两项补贴, 孤儿).

A rule checks several cumulative conditions, each of which holds, fails or
cannot be decided because a fact is missing.  :class:`Tally` collects the
reasons in order and combines them the way a case worker does: one failed
condition decides "not eligible" even when other facts are missing, and only
when nothing failed do missing facts make the outcome "cannot decide".

Private to :mod:`civaffairs.assistance`: it holds no rule, only bookkeeping.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Protocol, TypeVar

import attrs

from civaffairs import jurisdictions
from civaffairs.decisions import (
    Amount,
    Decision,
    Draft,
    Outcome,
    PayablePeriod,
    Reason,
    ReasonCode,
)
from civaffairs.entities import Household, Person
from civaffairs.parameters import ParameterBook, default_book

__all__ = [
    "Applicant",
    "Application",
    "PersonRule",
    "Tally",
    "each_member",
    "of_application",
    "registration_reason",
]


class Tally:
    """The reasons of one decision so far, with what failed and what is missing.

    .. versionadded:: 0.1.0
    """

    __slots__ = ("failed", "missing", "reasons", "unknown")

    def __init__(self) -> None:
        self.reasons: list[Reason] = []
        self.missing: list[str] = []
        self.failed = False
        self.unknown = False

    def add(self, reason: Reason, missing: Iterable[str] = ()) -> Reason:
        """Record ``reason``; a ``met`` of ``False`` fails, ``None`` with ``missing`` is unknown."""
        self.reasons.append(reason)
        paths = [p for p in missing if p not in self.missing]
        self.missing.extend(paths)
        if reason.met is False:
            self.failed = True
        elif reason.met is None and paths:
            self.unknown = True
        return reason

    @property
    def outcome(self) -> Outcome:
        """Not eligible if any condition failed, else cannot decide if any fact is missing."""
        if self.failed:
            return Outcome.NOT_ELIGIBLE
        if self.unknown:
            return Outcome.CANNOT_DECIDE
        return Outcome.ELIGIBLE

    def decision(
        self,
        programme: str,
        subject: str,
        on: dt.date,
        where: str,
        amount: Amount | None = None,
        *,
        person: str | None = None,
        payable: PayablePeriod | None = None,
    ) -> Decision:
        """Build the decision; the amount and payable months are kept only when eligible.

        ``person`` is the member id of a person-level decision (:attr:`Decision.person`), so
        that composing rules match decisions to members by id, never by display text.
        """
        outcome = self.outcome
        eligible = outcome is Outcome.ELIGIBLE
        return Draft(programme, subject, on, where, self.reasons, person=person).decide(
            outcome,
            amount if eligible else None,
            missing=self.missing if outcome is Outcome.CANNOT_DECIDE else (),
            payable=payable if eligible else None,
        )


def registration_reason(
    person: Person, where: str, *, within: ReasonCode, elsewhere: ReasonCode
) -> Reason:
    """Whether ``person`` holds household registration (户籍) in ``where``, as a reason.

    The templates receive ``place``, ``code`` (the registration) and ``where``.

    .. versionadded:: 0.1.0
    """
    home = jurisdictions.get(person.registration.jurisdiction)
    shown = jurisdictions.label(where)
    if jurisdictions.is_within(home.code, where):
        return within.reason(True, place=home.name, code=home.code, where=shown)
    return elsewhere.reason(False, place=home.name, code=home.code, where=shown)


@attrs.frozen
class Applicant:
    """The member a person-level rule decides: the person, where, the subject, the book.

    .. versionadded:: 0.1.0
    """

    person: Person
    where: str
    subject: str
    book: ParameterBook

    @classmethod
    def of(
        cls,
        household: Household,
        person_id: str,
        jurisdiction: str | None,
        book: ParameterBook | None,
    ) -> Applicant:
        """Find the member ``person_id``; decide in ``jurisdiction``, by default where registered.

        ``book`` defaults to the shipped parameters; the subject names the household and
        the member, masked.
        """
        person = household.member(person_id).person
        return cls(
            person,
            jurisdiction or person.registration.jurisdiction,
            f"{household.id} ({person.label})",
            book or default_book(),
        )

    def registered(self, tally: Tally, *, within: ReasonCode, elsewhere: ReasonCode) -> bool:
        """Add the registration condition (:func:`registration_reason`); return whether it holds."""
        reason = registration_reason(self.person, self.where, within=within, elsewhere=elsewhere)
        return bool(tally.add(reason).met)


_F = TypeVar("_F")
_F_co = TypeVar("_F_co", covariant=True)
_F_contra = TypeVar("_F_contra", contravariant=True)


class PersonRule(Protocol[_F_contra]):
    """A person-level rule: ``assess_person(household, person_id, on, *, …, facts)``."""

    def __call__(
        self,
        household: Household,
        person_id: str,
        on: dt.date,
        *,
        jurisdiction: str | None = None,
        book: ParameterBook | None = None,
        facts: _F_contra | None = None,
    ) -> Decision: ...


class Application(Protocol[_F_co]):
    """An application for one member: the household, the member's id and its facts."""

    @property
    def household(self) -> Household: ...
    @property
    def person(self) -> str: ...
    @property
    def facts(self) -> _F_co: ...


def each_member(
    assess_person: PersonRule[_F],
    household: Household,
    on: dt.date,
    *,
    jurisdiction: str | None,
    book: ParameterBook | None,
    facts: Mapping[str, _F] | None,
) -> tuple[Decision, ...]:
    """Decide ``assess_person`` for every member of ``household``, in member order.

    ``facts`` maps member ids to their facts; members left out have none.  The body of
    every person-level rule's ``assess``.

    .. versionadded:: 0.1.0
    """
    found = facts or {}
    return tuple(
        assess_person(
            household,
            member.person.id,
            on,
            jurisdiction=jurisdiction,
            book=book,
            facts=found.get(member.person.id),
        )
        for member in household.members
    )


def of_application(
    assess_person: PersonRule[_F],
    application: Application[_F],
    on: dt.date,
    *,
    jurisdiction: str | None,
    book: ParameterBook | None,
) -> Decision:
    """Decide ``assess_person`` for the member an application names, with its facts.

    The body of every person-level rule's ``assess_application``.

    .. versionadded:: 0.1.0
    """
    return assess_person(
        application.household,
        application.person,
        on,
        jurisdiction=jurisdiction,
        book=book,
        facts=application.facts,
    )
