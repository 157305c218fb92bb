"""高龄津贴: the longevity (advanced-age) allowance.

《老年人权益保障法》 art. 33 para. 2 (2012 revision, in force 2013-07-01; unchanged in the
2018 text, read): "国家鼓励地方建立八十周岁以上低收入老年人高龄津贴制度" — the State
encourages, and sets no amount: each jurisdiction sets age bands and a monthly amount per
band (usually 80–89, 90–99 and 100 or more; some places start at 70, and many pay every
older person of the age, not only the low-income the Law names).  The rule, in
the order it is decided for the month that contains the as-of date:

1. **Registration** — where ``eldercare.longevity.requires_local_registration`` holds,
   the person's household registration (户籍) must lie in the deciding jurisdiction.
2. **Bands** — ``eldercare.longevity.band_count`` bands, each with a start age
   (``band_<i>.start_age``, ascending) and a monthly amount (``band_<i>.monthly``).  A
   band count of 0 means the jurisdiction pays no longevity allowance.
3. **Age** — in full years (周岁), from the birth date; when the person carries a
   resident ID, that is the birth date the ID encodes (:class:`~civaffairs.entities.Person`
   checks the two agree).  A person born on 29 February reaches an age on 28 February
   of a common year (民法典 art. 202; :func:`civaffairs.dates.anniversary`).
4. **First month paid** — a band is paid from the month in which the person reaches its
   start age when ``eldercare.longevity.first_month_is_birthday_month`` holds, otherwise
   from the next month (:func:`first_month`).  The band paid for a month is the highest
   band already payable in that month.
5. **Amount** — the band's monthly amount, in whole yuan as published; nothing is
   rounded.

Shenzhen's amounts (深民规〔2019〕2号, from 2019-10-01: 70–79 200, 80–89 300, 90–99 500,
100 or more 1 000 yuan a month) are sourced; the seed jurisdictions' bands and every
first-month and registration switch are example data, and decisions that use them say so.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

import attrs

from civaffairs import jurisdictions
from civaffairs.decisions import (
    Amount,
    AmountLine,
    Citation,
    Decision,
    Draft,
    Outcome,
    Period,
    Reason,
    ReasonCode,
    programme,
)
from civaffairs.eldercare.laws import OLDER_PERSONS_LAW
from civaffairs.entities import Person
from civaffairs.errors import InvalidInputError, ParameterFileError
from civaffairs.kernels import SCALAR, Ops
from civaffairs.money import format_yuan
from civaffairs.parameters import ParameterBook, ParameterValue, default_book

__all__ = [
    "PROGRAMME",
    "Band",
    "assess",
    "bands",
    "first_month",
    "month_index",
    "paid_from",
]

PROGRAMME = programme("eldercare.longevity")

_LOCAL = Citation(
    OLDER_PERSONS_LAW,
    "第三十三条第二款",
    note="国家鼓励地方建立八十周岁以上低收入老年人高龄津贴制度 (read). Bands, amounts and "
    "conditions are local: see each parameter's source",
)

R_REGISTRATION = ReasonCode.define(
    "eldercare.longevity.registration",
    "户籍在{place}({code}), 属受理地{where}",
    "household registration in {place} ({code}), within {where}",
    _LOCAL,
)
R_REGISTRATION_ELSEWHERE = ReasonCode.define(
    "eldercare.longevity.registration_elsewhere",
    "户籍在{place}({code}), 不在受理地{where}; 本地高龄津贴须具有本地户籍",
    "household registration in {place} ({code}), not in {where}; the allowance requires "
    "local registration",
    _LOCAL,
)
R_NO_ALLOWANCE = ReasonCode.define(
    "eldercare.longevity.none",
    "{where}未设高龄津贴",
    "{where} pays no longevity allowance",
    _LOCAL,
)
R_AGE = ReasonCode.define(
    "eldercare.longevity.age",
    "按{source}计算, {on} 时年满 {age} 周岁",
    "from the {source_en}, {age} full years of age on {on}",
    _LOCAL,
)
R_BAND = ReasonCode.define(
    "eldercare.longevity.band",
    "{month} 适用 {start} 周岁以上档 (自达到{start}周岁的{rule}起发放, 即自 {first} 起), "
    "每月 {amount} 元",
    "{month}: the band from age {start} applies (paid from the {rule_en} reaching that age, "
    "i.e. from {first}), {amount} yuan a month",
    _LOCAL,
)
R_BELOW = ReasonCode.define(
    "eldercare.longevity.below_first_band",
    "{month} 尚不发放: 最低档为 {start} 周岁, 自达到该年龄的{rule}即 {first} 起发放",
    "nothing for {month}: the first band starts at age {start}, paid from the {rule_en} "
    "reaching it, i.e. from {first}",
    _LOCAL,
)

_BAND_LIMIT = 5  # bands declared in eldercare/longevity.schema.toml


# -- The rule's month arithmetic, written once -------------------------------------------------
#
# Months are counted as year × 12 + (month − 1), so "from the month after" is + 1 and no date
# is built.  The functions take an ``ops`` object (civaffairs.kernels) and integers, so the
# same body decides one person here and a column of people in civaffairs.batch.longevity.


def month_index(year: Any, month: Any) -> Any:
    """Return the month ``year``-``month`` as a count of months (year × 12 + month − 1).

    .. versionadded:: 0.1.0
    """
    return year * 12 + (month - 1)


def paid_from(
    ops: Ops, *, birth_year: Any, birth_month: Any, start_age: Any, birthday_month: Any
) -> Any:
    """Return the first month paid (a :func:`month_index`) for a band starting at ``start_age``.

    The age is reached in the birth month of year ``birth_year + start_age`` (a 29 February
    birth reaches it on 28 February of a common year, still in February: 民法典 art. 202);
    ``birthday_month`` pays from that month, otherwise from the next.

    .. versionadded:: 0.1.0
    """
    reached = month_index(birth_year + start_age, birth_month)
    return reached + ops.where(birthday_month, 0, 1)


def first_month(birth: dt.date, age: int, *, birthday_month: bool) -> dt.date:
    """Return the first day of the first month paid for reaching ``age``.

    ``birthday_month`` pays from the month of the birthday itself, otherwise from the
    next month.  A 29 February birth reaches an age on 28 February of a common year.

    >>> first_month(dt.date(1944, 2, 29), 90, birthday_month=False)
    datetime.date(2034, 3, 1)

    .. versionadded:: 0.1.0
    """
    year, month = divmod(_first_paid(birth, age, birthday_month=birthday_month), 12)
    return dt.date(year, month + 1, 1)


def _first_paid(birth: dt.date, age: int, *, birthday_month: bool) -> int:
    """Return the first month paid for reaching ``age`` as a :func:`month_index`."""
    return int(
        paid_from(
            SCALAR,
            birth_year=birth.year,
            birth_month=birth.month,
            start_age=age,
            birthday_month=birthday_month,
        )
    )


@attrs.frozen
class Band:
    """One age band: its start age, monthly amount and the parameter values behind them.

    .. versionadded:: 0.1.0
    """

    start_age: int
    amount: Decimal
    start_used: ParameterValue = attrs.field(repr=False)
    amount_used: ParameterValue = attrs.field(repr=False)


def bands(
    jurisdiction: str, on: dt.date, *, book: ParameterBook | None = None
) -> tuple[tuple[Band, ...], ParameterValue]:
    """Return the bands in force in ``jurisdiction`` on ``on`` and the band-count value.

    Raises :class:`~civaffairs.errors.ParameterFileError` when the start ages do not
    ascend (a data error, never guessed around).

    .. versionadded:: 0.1.0
    """
    book = book or default_book()
    count, count_used = book.count("eldercare.longevity.band_count", jurisdiction, on)
    if not 0 <= count <= _BAND_LIMIT:
        raise ParameterFileError(
            "eldercare.longevity.band_count",
            [f"{jurisdiction} on {on}: {count} bands, expected 0–{_BAND_LIMIT}"],
        )
    found = []
    for index in range(1, count + 1):
        start, start_used = book.count(
            f"eldercare.longevity.band_{index}.start_age", jurisdiction, on
        )
        amount, amount_used = book.money(
            f"eldercare.longevity.band_{index}.monthly", jurisdiction, on
        )
        found.append(Band(start, amount, start_used, amount_used))
    for lower, upper in itertools.pairwise(found):
        if upper.start_age <= lower.start_age:
            raise ParameterFileError(
                "eldercare.longevity",
                [f"{jurisdiction} on {on}: start ages {[b.start_age for b in found]} must ascend"],
            )
    return tuple(found), count_used


def _month(index: int) -> str:
    """Write a :func:`month_index` as ``2034-03``."""
    year, month = divmod(index, 12)
    return f"{year}-{month + 1:02d}"


def assess(
    person: Person,
    on: dt.date,
    *,
    jurisdiction: str | None = None,
    book: ParameterBook | None = None,
) -> Decision:
    """Decide the longevity allowance (高龄津贴) of ``person`` for the month containing ``on``.

    ``jurisdiction`` is where the allowance is decided (default: the place of household
    registration); ``book`` is the parameter book (the shipped data by default).  A birth
    date after ``on`` is an :class:`~civaffairs.errors.InvalidInputError`.

    .. versionadded:: 0.1.0
    """
    book = book or default_book()
    registration = person.registration
    where = jurisdiction or registration.jurisdiction
    place = jurisdictions.get(where)
    home = jurisdictions.get(registration.jurisdiction)
    if person.birth_date > on:
        raise InvalidInputError(
            "$.birth_date", "(withheld)", f"a birth date on or before the as-of date {on}"
        )
    reasons: list[Reason] = []

    draft = Draft(PROGRAMME.code, person.label, on, where, reasons)
    decision = draft.decide

    # 1. Registration.
    local_only, local_used = book.flag("eldercare.longevity.requires_local_registration", where, on)
    facts = {"place": home.name, "code": home.code, "where": jurisdictions.label(place.code)}
    if local_only and not jurisdictions.is_within(registration.jurisdiction, where):
        reasons.append(R_REGISTRATION_ELSEWHERE.reason(False, (local_used,), **facts))
        return decision(Outcome.NOT_ELIGIBLE)
    reasons.append(R_REGISTRATION.reason(True, (local_used,), **facts))

    # 2. Bands.
    found, count_used = bands(where, on, book=book)
    if not found:
        reasons.append(R_NO_ALLOWANCE.reason(False, (count_used,), where=place.name))
        return decision(Outcome.NOT_ELIGIBLE)

    # 3. Age in full years, from the birth date (as encoded in the ID when there is one).
    with_id = person.resident_id is not None
    reasons.append(
        R_AGE.reason(
            None,
            source="身份证号码所载出生日期" if with_id else "出生日期",
            source_en="birth date encoded in the resident ID" if with_id else "birth date",
            on=on.isoformat(),
            age=str(person.age_on(on)),
        )
    )

    # 4. The band payable for the month of ``on``, and 5. its monthly amount.
    amount = _payable(person.birth_date, on, found, where=where, book=book, reasons=reasons)
    if amount is None:
        return decision(Outcome.NOT_ELIGIBLE)
    return decision(Outcome.ELIGIBLE, amount)


def _payable(
    birth: dt.date,
    on: dt.date,
    found: tuple[Band, ...],
    *,
    where: str,
    book: ParameterBook,
    reasons: list[Reason],
) -> Amount | None:
    """Return the monthly amount of the highest band whose first month has come (steps 4–5).

    ``None`` when the first band's first month is still to come; ``reasons`` says which.
    """
    birthday_month, rule_used = book.flag(
        "eldercare.longevity.first_month_is_birthday_month", where, on
    )
    starts = [(b, _first_paid(birth, b.start_age, birthday_month=birthday_month)) for b in found]
    payable = [(b, first) for b, first in starts if first <= month_index(on.year, on.month)]
    band, first = payable[-1] if payable else starts[0]
    rule, rule_en = ("当月", "month") if birthday_month else ("次月", "month after")
    words = {
        "month": _month(month_index(on.year, on.month)),
        "start": str(band.start_age),
        "rule": rule,
        "rule_en": rule_en,
        "first": _month(first),
    }
    if not payable:
        reasons.append(R_BELOW.reason(False, (band.start_used, rule_used), **words))
        return None
    reasons.append(
        R_BAND.reason(
            True,
            (band.start_used, band.amount_used, rule_used),
            amount=format_yuan(band.amount, "exact"),
            **words,
        )
    )
    line = AmountLine(
        f"band_from_{band.start_age}",
        f"{band.start_age}周岁以上档",
        f"band from age {band.start_age}",
        band.amount,
    )
    return Amount(band.amount, Period.MONTHLY, (line,))
