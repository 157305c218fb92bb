from __future__ import annotations

import datetime as dt

import pytest

from civaffairs.errors import InvalidInputError, InvalidResidentIdError
from civaffairs.identity import (
    EARLIEST_BIRTH_DATE,
    ResidentId,
    Sex,
    check_character,
    generate,
)

BEIJING = "11010519491231002X"  # the standard's own example (female, 1949-12-31)
SHANTOU = "440524188001010014"  # retired address code 440524 潮阳县 (male, 1880-01-01)


def assert_never_leaks(error: InvalidResidentIdError, number: str) -> None:
    """No text of the error shows the full number, nor its masked-out middle."""
    hidden = number[4:-4]
    texts = [str(error), repr(error), error.value, error.detail, error.expected, *error.args]
    for text in texts:
        if number:
            assert number not in text
        if len(hidden) >= 6:
            assert hidden not in text


# --- check character ------------------------------------------------------------------------


@pytest.mark.parametrize("number", [BEIJING, SHANTOU])
def test_check_character_of_known_numbers(number: str) -> None:
    assert check_character(number[:17]) == number[17]


@pytest.mark.parametrize("bad", ["1101051949123100", "110105194912310021", "1101051949123100X", ""])
def test_check_character_needs_17_digits(bad: str) -> None:
    with pytest.raises(InvalidResidentIdError) as caught:
        check_character(bad)
    assert_never_leaks(caught.value, bad)


# --- parsing valid numbers ------------------------------------------------------------------


def test_known_valid_numbers() -> None:
    beijing = ResidentId.parse(BEIJING)
    assert beijing.reveal() == BEIJING
    assert beijing.region_code == "110105"
    assert beijing.birth_date == dt.date(1949, 12, 31)
    assert beijing.sex is Sex.FEMALE

    shantou = ResidentId.parse(SHANTOU)
    assert shantou.reveal() == SHANTOU
    assert shantou.region_code == "440524"
    assert shantou.birth_date == dt.date(1880, 1, 1)
    assert shantou.sex is Sex.MALE


@pytest.mark.parametrize(
    "text",
    [
        "11010519491231002x",
        " 11010519491231002X\n",
        "110105 19491231 002X",
        "１１０１０５１９４９１２３１００２ｘ",  # full-width, as typed with a Chinese IME
    ],
)
def test_normalisation(text: str) -> None:
    assert ResidentId.parse(text).reveal() == BEIJING


def test_direct_construction_validates_the_exact_text() -> None:
    assert ResidentId(BEIJING) == ResidentId.parse(BEIJING)
    with pytest.raises(InvalidResidentIdError):
        ResidentId(BEIJING.lower())
    with pytest.raises(InvalidResidentIdError):
        ResidentId(BEIJING[:-1] + "0")


def test_equality_and_hash_follow_the_number() -> None:
    a = ResidentId.parse(BEIJING)
    b = ResidentId.parse(BEIJING.lower())
    c = ResidentId.parse(SHANTOU)
    assert a == b
    assert hash(a) == hash(b)
    assert a != c
    assert len({a, b, c}) == 2
    assert a == generate("110105", dt.date(1949, 12, 31), 2)


@pytest.mark.parametrize(
    ("sequence", "sex"), [(0, Sex.FEMALE), (1, Sex.MALE), (2, Sex.FEMALE), (999, Sex.MALE)]
)
def test_sex_from_the_17th_digit(sequence: int, sex: Sex) -> None:
    assert generate("421303", dt.date(1990, 1, 1), sequence).sex is sex


def test_birth_date_and_age() -> None:
    rid = generate("421303", dt.date(1945, 3, 1), 123)
    assert rid.birth_date == dt.date(1945, 3, 1)
    assert rid.age_on(dt.date(2025, 2, 28)) == 79
    assert rid.age_on(dt.date(2025, 3, 1)) == 80


def test_29_february_is_valid_only_in_leap_years() -> None:
    leap = generate("421303", dt.date(2000, 2, 29), 11)
    assert ResidentId.parse(leap.reveal()).birth_date == dt.date(2000, 2, 29)
    assert leap.age_on(dt.date(2001, 2, 28)) == 1  # Civil Code art. 202: month-end stands in

    first17 = "42130320010229011"  # 2001 is a common year
    number = first17 + check_character(first17)
    with pytest.raises(InvalidResidentIdError, match="not a real calendar date") as caught:
        ResidentId.parse(number)
    assert_never_leaks(caught.value, number)

    first17 = "42130319000229011"  # 1900 is not a leap year (divisible by 100, not by 400)
    with pytest.raises(InvalidResidentIdError, match="not a real calendar date"):
        ResidentId.parse(first17 + check_character(first17))


def test_retired_address_codes_are_accepted() -> None:
    assert generate("500232", dt.date(1960, 5, 1), 17).region_code == "500232"
    assert ResidentId.parse(generate("511422", dt.date(1960, 5, 1), 17).reveal())


def test_as_of_date_bounds_the_birth_date() -> None:
    rid = generate("421303", dt.date(2020, 6, 1), 12)
    assert ResidentId.parse(rid.reveal(), on=dt.date(2020, 6, 1)) == rid
    with pytest.raises(InvalidResidentIdError, match="after the as-of date 2020-05-31") as caught:
        ResidentId.parse(rid.reveal(), on=dt.date(2020, 5, 31))
    assert_never_leaks(caught.value, rid.reveal())


def test_earliest_birth_date() -> None:
    assert generate("110105", EARLIEST_BIRTH_DATE, 1).birth_date == EARLIEST_BIRTH_DATE
    first17 = "11010518491231001"
    number = first17 + check_character(first17)
    with pytest.raises(InvalidResidentIdError, match="before 1850-01-01"):
        ResidentId.parse(number)


# --- masking --------------------------------------------------------------------------------


def test_repr_and_str_are_masked() -> None:
    rid = ResidentId.parse(BEIJING)
    assert repr(rid) == "ResidentId('1101**********002X')"
    assert str(rid) == "1101**********002X"
    assert f"{rid}" == "1101**********002X"
    assert rid.masked == "1101**********002X"
    assert BEIJING not in repr([rid, {"id": rid}])


def test_reveal_returns_the_full_number() -> None:
    assert ResidentId.parse(BEIJING.lower()).reveal() == BEIJING


# --- every kind of failure ------------------------------------------------------------------


def _with_check(first17: str) -> str:
    return first17 + check_character(first17)


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("11010519491231002", "17 characters"),
        ("11010519491231002X1", "19 characters"),
        ("110105491231002", "15-digit number"),
        ("", "0 characters"),
        ("1101051949123100AX", "character 17 is not a digit"),
        ("A1010519491231002X", "character 1 is not a digit"),
        ("11010519491231002Y", "not 0-9 or X"),
        (_with_check("99010519491231002"), "not a known GB/T 2260 address code"),
        (_with_check("11010519491331002"), "not a real calendar date"),
        (_with_check("11010519490001002"), "not a real calendar date"),
        (_with_check("11010518491231002"), "before 1850-01-01"),
        ("110105194912310021", "expected X"),
        ("440524188001010015", "expected 4"),
    ],
)
def test_each_failure(text: str, detail: str) -> None:
    with pytest.raises(InvalidResidentIdError) as caught:
        ResidentId.parse(text, path="$.members[0].resident_id")
    error = caught.value
    assert detail in error.detail
    assert detail in str(error)
    assert error.path == "$.members[0].resident_id"
    assert str(error).startswith("$.members[0].resident_id: ")
    assert isinstance(error, ValueError)
    assert_never_leaks(error, text)


def test_the_error_value_is_the_masked_number() -> None:
    with pytest.raises(InvalidResidentIdError) as caught:
        ResidentId.parse("110105194912310021")
    assert caught.value.value == "1101**********0021"


def test_a_non_string_is_refused_without_showing_it() -> None:
    with pytest.raises(InvalidResidentIdError) as caught:
        ResidentId.parse(11010519491231002)  # type: ignore[arg-type]
    assert "11010519491231002" not in str(caught.value)
    assert "<int>" in str(caught.value)


# --- generate -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("region", "birth", "sequence", "path"),
    [
        ("999999", dt.date(1990, 1, 1), 1, "$.region"),
        ("000000", dt.date(1990, 1, 1), 1, "$.region"),
        ("110105", dt.date(1849, 12, 31), 1, "$.birth"),
        ("110105", dt.date(1990, 1, 1), -1, "$.sequence"),
        ("110105", dt.date(1990, 1, 1), 1000, "$.sequence"),
    ],
)
def test_generate_refuses_bad_parts(region: str, birth: dt.date, sequence: int, path: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        generate(region, birth, sequence)
    assert caught.value.path == path
