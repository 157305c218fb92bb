import datetime as dt
from decimal import Decimal

import pytest

from civaffairs.dates import age_in_full_years, anniversary, parse_date
from civaffairs.errors import CivaffairsError, InvalidInputError
from civaffairs.money import fen_to_yuan, format_yuan, round_to, yuan, yuan_to_fen


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("770", Decimal(770)),
        ("12.50", Decimal("12.50")),
        (630, Decimal(630)),
        (Decimal("0.01"), Decimal("0.01")),
    ],
)
def test_yuan_accepts_exact_values(raw: object, expected: Decimal) -> None:
    assert yuan(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected_words"),
    [
        (770.5, "never a float"),
        (True, "never a float"),
        ("12.345", "two decimal places"),
        ("-1", "zero or more"),
        ("NaN", "finite"),
        ("abc", "decimal amount"),
        ([], "decimal string or integer"),
    ],
)
def test_yuan_refuses_with_path_and_expectation(raw: object, expected_words: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        yuan(raw, path="$.incomes[0].monthly")
    assert caught.value.path == "$.incomes[0].monthly"
    assert expected_words in caught.value.expected
    assert isinstance(caught.value, CivaffairsError)
    assert isinstance(caught.value, ValueError)


def test_negative_allowed_only_when_asked() -> None:
    assert yuan("-3.10", allow_negative=True) == Decimal("-3.10")


def test_fen_conversions_are_exact() -> None:
    assert yuan_to_fen(Decimal("1040.05")) == 104005
    assert fen_to_yuan(104005) == Decimal("1040.05")
    with pytest.raises(InvalidInputError):
        yuan_to_fen(Decimal("0.005"))


def test_round_to_half_up_once() -> None:
    assert round_to(Decimal("955.5"), Decimal(1)) == Decimal(956)
    assert round_to(Decimal("0.005")) == Decimal("0.01")


def test_format_yuan() -> None:
    assert format_yuan(Decimal(1890)) == "1,890 元"
    assert format_yuan(Decimal("283.3")) == "283.30 元"


@pytest.mark.parametrize(
    ("birth", "on", "age"),
    [
        (dt.date(1945, 3, 1), dt.date(2025, 2, 28), 79),
        (dt.date(1945, 3, 1), dt.date(2025, 3, 1), 80),  # the birthday itself
        (dt.date(2000, 2, 29), dt.date(2001, 2, 27), 0),
        (dt.date(2000, 2, 29), dt.date(2001, 2, 28), 1),  # 民法典 art. 202: month-end stands in
        (dt.date(2000, 2, 29), dt.date(2004, 2, 28), 3),  # leap year: the real 29 Feb counts
        (dt.date(2000, 2, 29), dt.date(2004, 2, 29), 4),
        (dt.date(2020, 5, 1), dt.date(2020, 5, 1), 0),
    ],
)
def test_age_in_full_years(birth: dt.date, on: dt.date, age: int) -> None:
    assert age_in_full_years(birth, on) == age


def test_anniversary_of_29_february() -> None:
    assert anniversary(dt.date(1944, 2, 29), 2025) == dt.date(2025, 2, 28)
    assert anniversary(dt.date(1944, 2, 29), 2024) == dt.date(2024, 2, 29)


def test_age_before_birth_is_an_error() -> None:
    with pytest.raises(InvalidInputError, match="on or after the birth date"):
        age_in_full_years(dt.date(2020, 1, 2), dt.date(2020, 1, 1))


@pytest.mark.parametrize("raw", ["2025-02-30", "2025/02/01", "20250201", 20250201])
def test_parse_date_refuses(raw: object) -> None:
    with pytest.raises(InvalidInputError) as caught:
        parse_date(raw, path="$.as_of")
    assert caught.value.path == "$.as_of"


def test_parse_date_refuses_datetime() -> None:
    with pytest.raises(InvalidInputError, match="without a time"):
        parse_date(dt.datetime(2025, 1, 1, 8, 0, tzinfo=dt.UTC))


def test_parse_date_accepts_iso() -> None:
    assert parse_date("2024-02-29") == dt.date(2024, 2, 29)
