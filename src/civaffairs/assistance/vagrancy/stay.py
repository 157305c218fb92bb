"""The stay limit (细则 art. 12): the last day of relief, extensions counted, exactly.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt

import attrs

from civaffairs.assistance.vagrancy.codes import (
    R_EXTENDED,
    R_EXTENSION_NOT_FILED,
    R_EXTENSION_TOO_LATE,
    R_NOT_LIMITED,
    R_STAY,
    R_STAY_UNKNOWN,
)
from civaffairs.assistance.vagrancy.facts import StayExtension, VagrancyCase
from civaffairs.decisions import Reason
from civaffairs.entities import INTELLECTUAL_OR_MENTAL
from civaffairs.errors import InvalidInputError
from civaffairs.parameters import ParameterBook, ParameterValue, default_book

__all__ = [
    "StayLimit",
    "check_dates",
    "stay_limit",
]


@attrs.frozen
class StayLimit:
    """The stay limit of one case on one date (细则 art. 12).

    ``applies`` is whether the general limit applies (``None``: not established);
    ``days`` the general limit; ``last_day`` the last day of relief, extensions
    counted (``None`` when the limit does not apply or is not established);
    ``counted`` and ``refused`` the extensions counted and not counted.

    .. versionadded:: 0.1.0
    """

    admitted_on: dt.date
    applies: bool | None
    days: int
    last_day: dt.date | None
    counted: tuple[StayExtension, ...] = ()
    refused: tuple[StayExtension, ...] = ()
    reasons: tuple[Reason, ...] = ()
    parameters: tuple[ParameterValue, ...] = ()
    missing: tuple[str, ...] = ()

    @property
    def general_last_day(self) -> dt.date:
        """The last day of the general limit without extensions: admission + ``days`` days."""
        return _plus(self.admitted_on, self.days)


def _plus(day: dt.date, days: int) -> dt.date:
    """``day`` + ``days`` days; a stay that would end after 9999-12-31 is refused by path."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        raise InvalidInputError(
            "$.requested_on", day.isoformat(), "a date whose stay ends by 9999-12-31"
        ) from None


def check_dates(case: VagrancyCase, on: dt.date) -> None:
    """Refuse, by path, a case whose dates (help sought, extensions) are after ``on``."""
    if not isinstance(on, dt.date) or isinstance(on, dt.datetime):
        raise InvalidInputError("$.on", on, "a calendar date")
    if case.requested_on > on:
        raise InvalidInputError(
            "$.requested_on",
            case.requested_on.isoformat(),
            f"a date on or before the as-of date {on.isoformat()}",
        )
    for index, extension in enumerate(case.extensions):
        for name in ("decided_on", "filed_on"):
            day = getattr(extension, name)
            if day is not None and day > on:
                raise InvalidInputError(
                    f"$.extensions[{index}].{name}",
                    day.isoformat(),
                    f"a date on or before the as-of date {on.isoformat()}",
                )


def stay_limit(
    case: VagrancyCase,
    on: dt.date,
    *,
    jurisdiction: str | None = None,
    book: ParameterBook | None = None,
) -> StayLimit:
    """Return the stay limit of ``case`` as known on ``on``, with its reasons (细则 art. 12).

    A person with a certified intellectual or mental disability (残疾人证) counts as
    showing the signs.  The day of admission is not counted (《民法典》 art. 201, by
    analogy): a stay of *n* days admitted on day *d* runs through day *d + n*.
    Extensions are taken in the order decided; each counts only when filed and
    decided on or before the last day then in force, and then adds its days to
    that last day.

    .. versionadded:: 0.1.0
    """
    check_dates(case, on)
    book = book or default_book()
    where = jurisdiction or case.station
    days, days_used = book.count("assistance.vagrancy.stay_limit_days", where, case.requested_on)
    min_age, age_used = book.count(
        "assistance.vagrancy.stay_limit_min_age", where, case.requested_on
    )
    age = case.age
    signs = case.mental_or_intellectual_signs
    disability = case.person.disability if case.person is not None else None
    if disability is not None and disability.category in INTELLECTUAL_OR_MENTAL:
        signs = True  # a certified intellectual or mental disability is more than a sign
    reasons: list[Reason] = []
    if signs is True or (age is not None and age < min_age):
        why = (
            ("有精神障碍或智力残疾迹象", "signs of mental disorder or intellectual disability")
            if signs is True
            else (f"未满 {min_age} 周岁", f"under {min_age}")
        )
        reasons.append(
            R_NOT_LIMITED.reason(None, (age_used,), why=why[0], why_en=why[1], days=str(days))
        )
        return StayLimit(
            case.requested_on, False, days, None, reasons=tuple(reasons), parameters=(age_used,)
        )
    if signs is None or age is None:
        missing = tuple(
            path
            for path, unknown in (
                ("$.estimated_age", age is None),
                ("$.mental_or_intellectual_signs", signs is None),
            )
            if unknown
        )
        reasons.append(R_STAY_UNKNOWN.reason(None, (age_used,), paths=", ".join(missing)))
        return StayLimit(
            case.requested_on,
            None,
            days,
            None,
            reasons=tuple(reasons),
            parameters=(days_used, age_used),
            missing=missing,
        )
    last = _plus(case.requested_on, days)
    reasons.append(
        R_STAY.reason(
            None,
            (days_used, age_used),
            admitted_on=case.requested_on.isoformat(),
            days=str(days),
            last_day=last.isoformat(),
        )
    )
    counted: list[StayExtension] = []
    refused: list[StayExtension] = []
    for extension in sorted(case.extensions, key=lambda e: e.decided_on):
        if extension.filed_on is None:
            refused.append(extension)
            reasons.append(
                R_EXTENSION_NOT_FILED.reason(
                    False, decided_on=extension.decided_on.isoformat(), days=str(extension.days)
                )
            )
        elif extension.decided_on > last:
            refused.append(extension)
            reasons.append(
                R_EXTENSION_TOO_LATE.reason(
                    False, decided_on=extension.decided_on.isoformat(), last_day=last.isoformat()
                )
            )
        else:
            last = _plus(last, extension.days)
            counted.append(extension)
            reasons.append(
                R_EXTENDED.reason(
                    None,
                    days=str(extension.days),
                    decided_on=extension.decided_on.isoformat(),
                    filed_on=extension.filed_on.isoformat(),
                    last_day=last.isoformat(),
                )
            )
    return StayLimit(
        case.requested_on,
        True,
        days,
        last,
        tuple(counted),
        tuple(refused),
        tuple(reasons),
        (days_used, age_used),
    )
