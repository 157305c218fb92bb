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
import inspect
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Protocol, TypeVar

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
    "ApplicationRule",
    "HouseholdRule",
    "PersonRule",
    "Tally",
    "application_rule",
    "each_member",
    "member_rules",
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
    place = jurisdictions.get(where)
    shown = f"{place.name}({place.code})"
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


class _Application(Protocol):
    """An application for one member: the household, the member's id and its facts."""

    @property
    def household(self) -> Household: ...
    @property
    def person(self) -> str: ...
    @property
    def facts(self) -> Any: ...


def each_member(
    assess_person: Callable[..., Decision],
    household: Household,
    on: dt.date,
    *,
    jurisdiction: str | None,
    book: ParameterBook | None,
    facts: Mapping[str, Any] | None,
) -> tuple[Decision, ...]:
    """Decide ``assess_person`` for every member of ``household``, in member order.

    ``facts`` maps member ids to their facts; members left out have none.
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
    assess_person: Callable[..., Decision],
    application: _Application,
    on: dt.date,
    *,
    jurisdiction: str | None,
    book: ParameterBook | None,
) -> Decision:
    """Decide ``assess_person`` for the member an application names, with its facts."""
    return assess_person(
        application.household,
        application.person,
        on,
        jurisdiction=jurisdiction,
        book=book,
        facts=application.facts,
    )


_F_contra = TypeVar("_F_contra", contravariant=True)
_A_contra = TypeVar("_A_contra", bound=_Application, contravariant=True)
_F = TypeVar("_F")
_A = TypeVar("_A", bound=_Application)


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


class HouseholdRule(Protocol[_F_contra]):
    """A person-level rule decided for every member: ``assess(household, on, *, …, facts)``."""

    def __call__(
        self,
        household: Household,
        on: dt.date,
        *,
        jurisdiction: str | None = None,
        book: ParameterBook | None = None,
        facts: Mapping[str, _F_contra] | None = None,
    ) -> tuple[Decision, ...]: ...


class ApplicationRule(Protocol[_A_contra]):
    """A person-level rule decided for one application: ``assess_application(application, on)``."""

    def __call__(
        self,
        application: _A_contra,
        on: dt.date,
        *,
        jurisdiction: str | None = None,
        book: ParameterBook | None = None,
    ) -> Decision: ...


def _keyword(name: str, shown: str) -> inspect.Parameter:
    return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=shown)


def _positional(name: str, shown: str) -> inspect.Parameter:
    return inspect.Parameter(name, inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=shown)


def _describe(
    function: Callable[..., Any],
    module: str,
    doc: str,
    signature: inspect.Signature,
    hints: dict[str, Any],
) -> None:
    """Give a generated entry point the module, name, doc and signature of one written out.

    ``signature`` carries the annotations as the source would write them (what the docs
    show); ``hints`` the types they name (what :func:`typing.get_type_hints` returns, which
    the case-file runner reads).
    """
    function.__module__ = module
    function.__qualname__ = function.__name__
    function.__doc__ = doc
    function.__signature__ = signature  # type: ignore[attr-defined]
    function.__annotations__ = hints


_WHERE: dict[str, Any] = {"on": dt.date, "jurisdiction": str | None, "book": ParameterBook | None}
_PLACE = [_keyword("jurisdiction", "str | None"), _keyword("book", "ParameterBook | None")]


def application_rule(
    decide: Callable[[_A, dt.date, str | None, ParameterBook | None], Decision],
    application: type[_A],
    *,
    module: str,
    name: str,
    doc: str,
) -> ApplicationRule[_A]:
    """Return ``name(application, on, *, jurisdiction=None, book=None)``, documented.

    It calls ``decide(application, on, jurisdiction, book)``, and carries ``module``'s name,
    ``doc`` (with its ``versionadded``) and the signature and type hints a written-out
    function would have, so the reference docs and the case-file runner read it as such.

    .. versionadded:: 0.1.0
    """

    def rule(
        application: _A,
        on: dt.date,
        *,
        jurisdiction: str | None = None,
        book: ParameterBook | None = None,
    ) -> Decision:
        return decide(application, on, jurisdiction, book)

    rule.__name__ = name
    _describe(
        rule,
        module,
        f"""{doc}

    .. versionadded:: 0.1.0
    """,
        inspect.Signature(
            [
                _positional("application", application.__name__),
                _positional("on", "dt.date"),
                *_PLACE,
            ],
            return_annotation="Decision",
        ),
        {"application": application, **_WHERE, "return": Decision},
    )
    return rule


def member_rules(
    assess_person: PersonRule[_F],
    facts: type[_F],
    application: type[_A],
    *,
    module: str,
    what: str,
) -> tuple[HouseholdRule[_F], ApplicationRule[_A]]:
    """Return a person-level rule's ``assess`` and ``assess_application``, documented.

    ``assess(household, on, *, jurisdiction=None, book=None, facts=None)`` decides
    ``assess_person`` for every member (:func:`each_member`; ``facts`` maps member ids to
    their ``facts``); ``assess_application(application, on, *, jurisdiction=None,
    book=None)`` decides the member an ``application`` names (:func:`of_application`,
    made by :func:`application_rule`).  Both carry ``module``'s name, a docstring naming
    ``what`` is decided, and the signature and type hints a written-out function would
    have.  特困 and the children's allowance, whose entry points were word-for-word the
    same, are both made here.

    .. versionadded:: 0.1.0
    """

    def assess(
        household: Household,
        on: dt.date,
        *,
        jurisdiction: str | None = None,
        book: ParameterBook | None = None,
        facts: Mapping[str, _F] | None = None,
    ) -> tuple[Decision, ...]:
        return each_member(
            assess_person, household, on, jurisdiction=jurisdiction, book=book, facts=facts
        )

    _describe(
        assess,
        module,
        f"""Decide {what} for every member of ``household``, in member order.

    ``facts`` maps member ids to their :class:`{facts.__name__}`; members
    left out have none established.

    .. versionadded:: 0.1.0
    """,
        inspect.Signature(
            [
                _positional("household", "Household"),
                _positional("on", "dt.date"),
                *_PLACE,
                _keyword("facts", f"Mapping[str, {facts.__name__}] | None"),
            ],
            return_annotation="tuple[Decision, ...]",
        ),
        {
            "household": Household,
            **_WHERE,
            "facts": Mapping[str, facts] | None,  # type: ignore[valid-type]
            "return": tuple[Decision, ...],
        },
    )

    def decide(
        one: _A, on: dt.date, jurisdiction: str | None, book: ParameterBook | None
    ) -> Decision:
        return of_application(assess_person, one, on, jurisdiction=jurisdiction, book=book)

    return assess, application_rule(
        decide,
        application,
        module=module,
        name="assess_application",
        doc=f"Decide one :class:`{application.__name__}` (see :func:`assess_person`).",
    )
