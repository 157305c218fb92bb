"""Explicit dates: ages in full years (周岁) and ISO parsing.

No function here reads the clock: every rule takes its as-of date from the
caller.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

from dateutil.relativedelta import relativedelta

from civaffairs.errors import InvalidInputError

__all__ = [
    "add_months",
    "age_in_full_years",
    "anniversary",
    "full_years",
    "is_leap_year",
    "parse_date",
    "period_last_day",
]


def anniversary(birth: dt.date, year: int) -> dt.date:
    """Return the day in ``year`` on which a person born on ``birth`` completes a year of age.

    A birth on 29 February has no corresponding day in a common year; there the
    last day of February (28 February) stands in for it.  This follows the
    Civil Code (《民法典》) art. 202: "按照年、月计算期间的，到期月的对应日为期间的最后一日；
    没有对应日的，月末日为期间的最后一日" — when the corresponding day is missing,
    the last day of the month takes its place.

    >>> anniversary(dt.date(2000, 2, 29), 2001)
    datetime.date(2001, 2, 28)

    .. versionadded:: 0.1.0
    """
    try:
        return birth.replace(year=year)
    except ValueError:  # 29 February in a common year
        return dt.date(year, 2, 28)


def is_leap_year(year: Any) -> Any:
    """Whether ``year`` is a Gregorian leap year; works on ints and on numpy integer arrays.

    .. versionadded:: 0.1.0
    """
    return (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))


def full_years(
    birth_year: Any, birth_month: Any, birth_day: Any, *, year: Any, month: Any, day: Any
) -> Any:
    """Return the full years between two dates given as parts (the body of the age rule).

    Written with operators only, so it evaluates on Python ints and on numpy
    integer arrays (the batch engine) alike; 29 February counts from 28
    February in common years (see :func:`anniversary`).

    >>> full_years(2000, 2, 29, year=2001, month=2, day=28)
    1

    .. versionadded:: 0.1.0
    """
    born = birth_month * 100 + birth_day
    leap_day_in_common_year = (born == 229) & (is_leap_year(year) == False)  # noqa: E712 - arrays too
    anniversary = born - leap_day_in_common_year * 1
    return year - birth_year - ((month * 100 + day) < anniversary) * 1


def age_in_full_years(birth: dt.date, on: dt.date) -> int:
    """Return the age in full years (周岁) on ``on`` of a person born on ``birth``.

    The age goes up on the anniversary itself (see :func:`anniversary` for
    29 February).  Note that criminal-law practice counts a 周岁 from the day
    *after* the birthday (法释〔2006〕1号 art. 2); civil-affairs benefits use the
    birthday itself, which is what this function implements.

    Raises :class:`~civaffairs.errors.InvalidInputError` if ``on`` is before ``birth``.

    >>> age_in_full_years(dt.date(1945, 3, 1), dt.date(2025, 3, 1))
    80

    .. versionadded:: 0.1.0
    """
    if on < birth:
        raise InvalidInputError(
            "$.on", on.isoformat(), f"a date on or after the birth date {birth.isoformat()}"
        )
    return int(
        full_years(birth.year, birth.month, birth.day, year=on.year, month=on.month, day=on.day)
    )


def add_months(start: dt.date, months: int) -> dt.date:
    """Return the day on which a period of ``months`` months counted from ``start`` ends.

    《民法典》 art. 201: a period counted in months starts the day after
    ``start``; art. 202: it ends on the corresponding day of the last month,
    or on that month's last day when it has none (31 January + 1 month →
    28 or 29 February).

    >>> add_months(dt.date(2024, 2, 29), 12)
    datetime.date(2025, 2, 28)

    .. versionadded:: 0.1.0
    """
    return start + relativedelta(months=months)


def parse_date(value: object, *, path: str = "$") -> dt.date:
    """Parse an ISO 8601 calendar date (``YYYY-MM-DD``) strictly.

    A ``datetime`` (which carries a time of day) is refused, as is any other
    format.

    .. versionadded:: 0.1.0
    """
    if isinstance(value, dt.datetime):
        raise InvalidInputError(path, value.isoformat(), "a calendar date without a time")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise InvalidInputError(path, value, "a real calendar date YYYY-MM-DD") from None
    raise InvalidInputError(path, value, "an ISO date string YYYY-MM-DD")


def period_last_day(
    start: dt.date, days: int, *, rest_days: Collection[dt.date] = ()
) -> tuple[dt.date, bool]:
    """Return the last day of a period of ``days`` days counted from ``start``, and if it moved.

    《民法典》 art. 201: "按照年、月、日计算期间的，开始的当日不计入，自下一日开始计算" —
    the period runs from the day after ``start``, so its nominal last day is
    ``start + days``.  Art. 203: "期间的最后一日是法定休假日的，以法定休假日结束的次日为
    期间的最后一日" — when that day is a statutory rest day, the day after the
    rest days end is the last day instead (the second value is then ``True``).
    Which days are 法定休假日 is the caller's calendar, ``rest_days``: nothing
    here knows the State Council's holiday arrangements.

    >>> period_last_day(dt.date(2025, 9, 1), 30)
    (datetime.date(2025, 10, 1), False)
    >>> holiday = {dt.date(2025, 10, d) for d in range(1, 9)}
    >>> period_last_day(dt.date(2025, 9, 1), 30, rest_days=holiday)
    (datetime.date(2025, 10, 9), True)

    .. versionadded:: 0.1.0
    """
    if isinstance(days, bool) or not isinstance(days, int) or days < 1:
        raise InvalidInputError("$.days", days, "a whole number of days, 1 or more")
    last = start + dt.timedelta(days=days)
    moved = False
    while last in rest_days:
        last += dt.timedelta(days=1)
        moved = True
    return last, moved
