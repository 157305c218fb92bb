"""The entry point and the order of the steps: admission, services, stay, exits, hand-offs.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt

from civaffairs.assistance.vagrancy.codes import (
    PROGRAMME,
    R_AGE_UNKNOWN,
    R_CARE,
    R_COLLECT,
    R_CONDITION_NOT_MET,
    R_CONDITIONS_MET,
    R_CONDITIONS_UNKNOWN,
    R_CONTACT,
    R_ESCORT,
    R_EXIT_OPEN,
    R_FACTS_GIVEN,
    R_FALSE_FACTS,
    R_FOOD,
    R_GO_HOME,
    R_GUARDIAN,
    R_LODGING,
    R_MEDICAL,
    R_MINOR,
    R_MINOR_CARE,
    R_MINOR_KEPT,
    R_MINOR_REGISTRATION,
    R_PLACEMENT,
    R_REFER_EXTREME_POVERTY,
    R_REFER_HOME,
    R_REFER_LOCAL,
    R_REFUSED_FACTS,
    R_RELIEF_FIRST,
    R_STAY_OVER,
    R_TRACING,
    R_VOUCHER,
    R_WITHIN_STAY,
)
from civaffairs.assistance.vagrancy.facts import (
    ADULT_AGE,
    CONDITIONS,
    OLDER_AGE,
    Disclosure,
    VagrancyCase,
)
from civaffairs.assistance.vagrancy.stay import check_dates, stay_limit
from civaffairs.dates import add_months
from civaffairs.decisions import Decision, Draft, Outcome, Reason
from civaffairs.errors import InvalidInputError, ParameterOutOfRangeError
from civaffairs.jurisdictions import label
from civaffairs.parameters import ParameterBook, default_book

__all__ = ["assess"]


def _adult_route(case: VagrancyCase, reasons: list[Reason]) -> tuple[Outcome, tuple[str, ...]]:
    """Decide steps 2–3 for an adult (or a person of unknown age): disclosure, the conditions."""
    disclosure = case.disclosure
    if disclosure is Disclosure.REFUSED:
        reasons.append(R_REFUSED_FACTS.reason(False))
        return Outcome.NOT_ELIGIBLE, ()
    if disclosure is Disclosure.FALSE:
        reasons.append(R_FALSE_FACTS.reason(False))
        return Outcome.NOT_ELIGIBLE, ()
    values = [(name, zh, en, getattr(case.conditions, name)) for name, zh, en in CONDITIONS]
    failed = [(zh, en) for _, zh, en, value in values if value is False]
    unknown = tuple(f"$.conditions.{name}" for name, _, _, value in values if value is None)
    if disclosure is Disclosure.GIVEN:
        reasons.append(R_FACTS_GIVEN.reason(True))
    if failed:
        reasons.append(
            R_CONDITION_NOT_MET.reason(
                False,
                failed="、".join(zh for zh, _ in failed),
                failed_en="; ".join(f"not: {en}" for _, en in failed),
            )
        )
        return Outcome.NOT_ELIGIBLE, ()
    if disclosure is Disclosure.UNABLE:
        reasons.append(
            R_RELIEF_FIRST.reason(
                True,
                pending=f"(待查明: {', '.join(unknown)})" if unknown else "",
                pending_en=f" (to establish: {', '.join(unknown)})" if unknown else "",
            )
        )
        if not unknown:
            reasons.append(R_CONDITIONS_MET.reason(True))
        return Outcome.ELIGIBLE, ()
    if unknown:
        reasons.append(R_CONDITIONS_UNKNOWN.reason(None, paths=", ".join(unknown)))
        return Outcome.CANNOT_DECIDE, unknown
    reasons.append(R_CONDITIONS_MET.reason(True))
    return Outcome.ELIGIBLE, ()


def _admission(case: VagrancyCase, reasons: list[Reason]) -> tuple[Outcome, tuple[str, ...]]:
    """Decide steps 1–3: the minors' route, else the conditions; with an unknown age, both."""
    age = case.age
    if age is not None and age < ADULT_AGE:
        reasons.append(R_MINOR.reason(True, age=str(age)))
        return Outcome.ELIGIBLE, ()
    outcome, missing = _adult_route(case, reasons)
    if age is None and outcome is not Outcome.ELIGIBLE:
        # A minor would be received whatever the conditions: the age decides.
        reasons.append(R_AGE_UNKNOWN.reason(None, paths="$.estimated_age"))
        return Outcome.CANNOT_DECIDE, (*missing, "$.estimated_age")
    return outcome, missing


def _vulnerable(case: VagrancyCase) -> tuple[str, str] | None:
    """Who 办法 art. 11 has cared for and collected: disabled, minor, older; or 行动不便."""
    age = case.age
    who = []
    if age is not None and age < ADULT_AGE:
        who.append(("未成年人", "a minor"))
    if age is not None and age >= OLDER_AGE:
        who.append(("老年人", "an older person"))
    if case.person is not None and case.person.disability is not None:
        who.append(("残疾人", "a disabled person"))
    if case.reduced_mobility:
        who.append(("行动不便的人员", "a person who cannot move about"))
    if not who:
        return None
    return "、".join(zh for zh, _ in who), ", ".join(en for _, en in who)


def _services(case: VagrancyCase, reasons: list[Reason]) -> None:
    """Step 4: the services of 办法 art. 7 the person needs."""
    reasons.append(R_FOOD.reason(True))
    reasons.append(R_LODGING.reason(True))
    if case.ill_in_station:
        reasons.append(R_MEDICAL.reason(True))
    if case.exit.family_found is not True and case.exit.homeless is not True:
        reasons.append(R_CONTACT.reason(True))
    vulnerable = _vulnerable(case)
    if vulnerable is not None:
        reasons.append(R_CARE.reason(True, who=vulnerable[0], who_en=vulnerable[1]))


def _minor_exit(
    case: VagrancyCase, place: tuple[ParameterBook, str, dt.date], reasons: list[Reason]
) -> None:
    """Step 6 for a minor (minors' opinion 三(三))."""
    found = case.exit.family_found
    if found is True:
        reasons.append(R_GUARDIAN.reason(None))
        if case.exit.family_collects is False:
            reasons.append(R_ESCORT.reason(None))
        return
    reasons.append(R_MINOR_CARE.reason(None))
    book, where, on = place
    try:
        years, used = book.count("assistance.vagrancy.minor_registration_years", where, on)
    except ParameterOutOfRangeError:
        return  # before the minors' opinion: no such rule on that date
    try:
        date = add_months(case.requested_on, 12 * years)
    except ValueError:  # past 9999: the registration date is not representable
        raise InvalidInputError(
            "$.requested_on", case.requested_on.isoformat(), "a date whose term ends by 9999"
        ) from None
    reasons.append(
        R_MINOR_REGISTRATION.reason(None, (used,), years=str(years), date=date.isoformat())
    )


def _refer_home(
    case: VagrancyCase, place: tuple[ParameterBook, str, dt.date], reasons: list[Reason]
) -> None:
    """Refer home (step 7): the home county helps, or the station's own place (arts. 12, 48)."""
    registered = None if case.person is None else case.person.registration.jurisdiction
    home = ("", "") if registered is None else (f"(户籍地 {label(registered)})", f" ({registered})")
    reasons.append(R_REFER_HOME.reason(None, home=home[0], home_en=home[1]))
    book, where, _on = place
    if registered is not None and where in book.chain(registered):
        reasons.append(R_REFER_LOCAL.reason(None, place=label(where)))


def _exit(
    case: VagrancyCase, place: tuple[ParameterBook, str, dt.date], reasons: list[Reason]
) -> None:
    """Explain steps 6–7: the way out and the hand-offs (办法 arts. 7, 11, 12)."""
    age = case.age
    if age is not None and age < ADULT_AGE:
        _minor_exit(case, place, reasons)
        return
    facts = case.exit
    vulnerable = _vulnerable(case)
    if facts.homeless is True:
        reasons.append(R_PLACEMENT.reason(None))
        older = age is not None and age >= OLDER_AGE
        disabled = case.person is not None and case.person.disability is not None
        if older or disabled:
            who = ("老年人", "an older person") if older else ("残疾人", "a disabled person")
            reasons.append(R_REFER_EXTREME_POVERTY.reason(None, who=who[0], who_en=who[1]))
        return
    if facts.family_found is True:
        missing: list[str] = []
        if vulnerable is not None:
            if facts.family_collects is False:
                reasons.append(R_ESCORT.reason(None))
            else:
                reasons.append(R_COLLECT.reason(None))
        else:
            reasons.append(R_GO_HOME.reason(None))
            if facts.has_fare is False:
                reasons.append(R_VOUCHER.reason(True))
            elif facts.has_fare is None:
                missing.append("$.exit.has_fare")
        if missing:
            reasons.append(R_EXIT_OPEN.reason(None, paths=", ".join(missing)))
        _refer_home(case, place, reasons)
        return
    if facts.family_found is None and facts.homeless is None:
        reasons.append(R_EXIT_OPEN.reason(None, paths="$.exit.family_found, $.exit.homeless"))
    reasons.append(R_TRACING.reason(None))


def assess(
    case: VagrancyCase,
    on: dt.date,
    *,
    jurisdiction: str | None = None,
    book: ParameterBook | None = None,
) -> Decision:
    """Decide station relief (救助站救助) for ``case`` on ``on``; see the module docstring.

    The outcome is whether the person is given station relief on ``on``: eligible
    (admitted, within the stay), not eligible (refused, ended, or the stay is over)
    or cannot decide (the paths in ``missing``).  ``jurisdiction`` defaults to the
    station's place.  Raises :class:`~civaffairs.errors.InvalidInputError` when a date
    of the case is after ``on``.

    .. versionadded:: 0.1.0
    """
    if not isinstance(case, VagrancyCase):
        raise InvalidInputError("$", type(case).__name__, "a VagrancyCase")
    check_dates(case, on)
    book = book or default_book()
    where = jurisdiction or case.station
    draft = Draft(PROGRAMME.code, case.subject, on, where)
    reasons = draft.reasons

    outcome, missing = _admission(case, reasons)
    if outcome is not Outcome.ELIGIBLE:
        return draft.decide(outcome, missing=missing)

    _services(case, reasons)
    limit = stay_limit(case, on, jurisdiction=where, book=book)
    reasons.extend(limit.reasons)
    # 国办发〔2011〕39号 三(三): a minor whose guardian is not found is cared for until one is.
    age = case.age
    kept = age is not None and age < ADULT_AGE and case.exit.family_found is not True
    if limit.applies is None and on > limit.general_last_day and not kept:
        # Past the general limit: whether relief goes on turns on the missing facts.
        return draft.decide(Outcome.CANNOT_DECIDE, missing=limit.missing)
    if limit.last_day is not None:
        if on > limit.last_day:
            reasons.append(
                R_STAY_OVER.reason(False, last_day=limit.last_day.isoformat(), on=on.isoformat())
            )
            if not kept:
                _exit(case, (book, where, on), reasons)
                return draft.decide(Outcome.NOT_ELIGIBLE)
            reasons.append(R_MINOR_KEPT.reason(True))
        else:
            reasons.append(R_WITHIN_STAY.reason(True, on=on.isoformat()))
    _exit(case, (book, where, on), reasons)
    return draft.decide(Outcome.ELIGIBLE)
