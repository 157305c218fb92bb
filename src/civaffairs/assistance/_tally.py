"""Shared steps of the person-level assistance rules (特困, 两项补贴, 孤儿).

:class:`~civaffairs.decisions.Tally` — the three-valued bookkeeping of cumulative
conditions, shared by every area — is re-exported here for these rules.

Private to :mod:`civaffairs.assistance`: it holds no rule, only bookkeeping.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Protocol, TypeVar

import attrs

from civaffairs import jurisdictions
from civaffairs.decisions import (
    Decision,
    Reason,
    ReasonCode,
    Tally,
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
