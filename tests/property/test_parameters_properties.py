"""Invariants of the parameter book under random overrides.

An override puts a value in force over its period and nowhere else; whatever
the sequence of overrides, every series stays a set of ordered, non-overlapping
periods, so a look-up on any date finds at most one value.
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civaffairs.errors import CivaffairsError, ParameterNotFoundError, ParameterOutOfRangeError
from civaffairs.parameters import Kind, ParameterBook, ParameterValue, Scalar, Status, default_book
from civaffairs.testing import strategies as cst

BOOK = default_book()
NAMES = sorted(BOOK.specs)
ONE_DAY = dt.timedelta(days=1)
NO_VALUE = (ParameterNotFoundError, ParameterOutOfRangeError)
PYTHON_TYPES: dict[Kind, type] = {
    Kind.MONEY: Decimal,
    Kind.RATE: Decimal,
    Kind.COUNT: int,
    Kind.FLAG: bool,
}

# Dates around the shipped change dates (a value starting, a value ending the day before).
CHANGE_DATES = sorted(
    {
        day + offset
        for code in ("000000", "500156")
        for day in BOOK.change_dates(code)
        for offset in (-ONE_DAY, dt.timedelta(0), ONE_DAY)
    }
)
DATES = st.one_of(
    st.dates(min_value=dt.date(2013, 1, 1), max_value=dt.date(2028, 12, 31)),
    st.sampled_from(CHANGE_DATES),
)
PLACES = st.one_of(
    st.sampled_from(["000000", "500000", "500100", "500156"]),
    cst.jurisdictions(within="500000"),
    cst.jurisdictions(),
)


def values_of(name: str) -> st.SearchStrategy[Scalar]:
    """Values of the parameter's kind within its domain (a share is at most 1)."""
    spec = BOOK.specs[name]
    kind = spec.kind
    low, high = spec.domain
    if kind is Kind.MONEY:
        return cst.money(max_value=Decimal(5000))
    if kind is Kind.RATE:
        return cst.money(min_value=Decimal(low), max_value=Decimal(high if high is not None else 3))
    if kind is Kind.COUNT:
        return st.integers(min_value=int(low), max_value=min(120, int(high or 120)))
    return st.booleans()


@st.composite
def overrides(draw: st.DrawFn, name: str) -> tuple[Scalar, dt.date, dt.date | None]:
    """A value for ``name`` and a valid period: start, and an inclusive end or None."""
    value = draw(values_of(name))
    start = draw(DATES)
    length = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=1500)))
    end = None if length is None else start + dt.timedelta(days=length)
    return value, start, end


def lookup(book: ParameterBook, name: str, code: str, on: dt.date) -> ParameterValue | None:
    """The value in force, or None where no level of the chain has one."""
    try:
        return book.get(name, code, on)
    except NO_VALUE:
        return None


def probes(start: dt.date, end: dt.date | None, extra: dt.date) -> list[dt.date]:
    days = [start - ONE_DAY, start, extra]
    if end is not None:
        days += [end, end + ONE_DAY]
    return days


def same_value(got: ParameterValue | None, want: ParameterValue | None) -> bool:
    """Same figure from the same place and source (periods may have been clipped)."""
    if got is None or want is None:
        return got is want
    return (
        type(got.value) is type(want.value)
        and got.value == want.value
        and (got.jurisdiction, got.source, got.status, got.note)
        == (want.jurisdiction, want.source, want.status, want.note)
    )


def assert_series_well_formed(book: ParameterBook) -> None:
    for name, code in book.keys():  # noqa: SIM118 - a ParameterBook is not a dict
        series = book.series(name, code)
        assert series, (name, code)
        for value in series:
            assert value.effective_to is None or value.effective_from <= value.effective_to, (
                f"{name} @ {code}: empty or inverted period {value.period}"
            )
        for before, after in itertools.pairwise(series):
            assert before.effective_to is not None, (
                f"{name} @ {code}: open period {before.period} followed by {after.period}"
            )
            assert before.effective_to < after.effective_from, (
                f"{name} @ {code}: {before.period} overlaps {after.period}"
            )


@given(st.sampled_from(NAMES).flatmap(lambda n: st.tuples(st.just(n), overrides(n))), PLACES, DATES)
def test_an_override_holds_inside_its_period_and_nowhere_else(
    case: tuple[str, tuple[Scalar, dt.date, dt.date | None]], code: str, extra: dt.date
) -> None:
    name, (value, start, end) = case
    shipped = BOOK.series(name, code)
    # Random values break the legal relations at will: this tests the splice, not the law.
    book = BOOK.override(name, code, value, start, end, check=False)
    assert BOOK.series(name, code) == shipped  # a book is immutable
    for on in probes(start, end, extra):
        got = lookup(book, name, code, on)
        if start <= on and (end is None or on <= end):
            assert got is not None
            assert got.value == value
            assert type(got.value) is PYTHON_TYPES[BOOK.specs[name].kind]
            assert got.jurisdiction == code
            assert got.status is Status.EXAMPLE
            assert got.covers(on)
        else:
            assert same_value(got, lookup(BOOK, name, code, on)), (name, code, on)


@given(
    st.sampled_from(NAMES).flatmap(
        lambda n: st.tuples(st.just(n), st.lists(overrides(n), min_size=1, max_size=4))
    ),
    PLACES,
    DATES,
)
def test_later_overrides_win_and_the_rest_is_the_original(
    case: tuple[str, list[tuple[Scalar, dt.date, dt.date | None]]], code: str, extra: dt.date
) -> None:
    name, changes = case
    book = BOOK
    for value, start, end in changes:
        book = book.override(name, code, value, start, end, check=False)
    assert_series_well_formed(book)
    days = {extra}
    for _, start, end in changes:
        days.update(probes(start, end, extra))
    for on in sorted(days):
        covering = [v for v, s, e in changes if s <= on and (e is None or on <= e)]
        got = lookup(book, name, code, on)
        if covering:
            assert got is not None
            assert got.value == covering[-1], (on, changes)
            assert type(got.value) is PYTHON_TYPES[BOOK.specs[name].kind]
            assert got.jurisdiction == code
        else:
            assert same_value(got, lookup(BOOK, name, code, on)), (on, changes)


def test_shipped_series_never_overlap() -> None:
    assert list(BOOK.keys())
    assert_series_well_formed(BOOK)


def test_override_refuses_an_inverted_period() -> None:
    with pytest.raises(CivaffairsError) as caught:
        BOOK.override(
            "assistance.dibao.standard.urban",
            "500000",
            Decimal(900),
            dt.date(2025, 1, 1),
            dt.date(2024, 1, 1),
        )
    assert isinstance(caught.value, ValueError)
