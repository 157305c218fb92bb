"""Invariants of the longevity allowance, on Shenzhen's sourced bands."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from eldercare_strategies import persons
from hypothesis import given
from hypothesis import strategies as st

from civaffairs.eldercare import longevity
from civaffairs.entities import Person
from civaffairs.parameters import default_book

SHENZHEN = "440304"
DATES = st.dates(dt.date(2019, 10, 1), dt.date(2040, 12, 31))
BOOK = default_book()
BIRTHDAY_MONTH = BOOK.override(
    "eldercare.longevity.first_month_is_birthday_month", "440300", True, dt.date(2019, 10, 1)
)
PEOPLE = persons(earliest=dt.date(1900, 1, 1), latest=dt.date(1975, 12, 31), where=SHENZHEN)


def paid(person: Person, on: dt.date, book: object = BOOK) -> Decimal:
    decision = longevity.assess(person, on, book=book)  # type: ignore[arg-type]
    return decision.amount.total if decision.amount else Decimal(0)


@given(PEOPLE, DATES, DATES)
def test_the_allowance_never_falls_as_time_passes(person: Person, a: dt.date, b: dt.date) -> None:
    early, late = sorted((a, b))
    assert paid(person, early) <= paid(person, late)


@given(PEOPLE, DATES, st.integers(1, 28))
def test_the_amount_depends_only_on_the_month(person: Person, on: dt.date, day: int) -> None:
    assert paid(person, on) == paid(person, on.replace(day=day))


@given(PEOPLE, DATES)
def test_paying_from_the_birthday_month_is_never_less(person: Person, on: dt.date) -> None:
    assert paid(person, on, BIRTHDAY_MONTH) >= paid(person, on)
    assert paid(person, on) in {Decimal(0), Decimal(200), Decimal(300), Decimal(500), Decimal(1000)}
