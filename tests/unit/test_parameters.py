import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from civaffairs.errors import (
    CivaffairsError,
    ParameterFileError,
    ParameterNotFoundError,
    ParameterOutOfRangeError,
)
from civaffairs.parameters import ParameterBook, Status, default_book

URBAN = "assistance.dibao.standard.urban"
RURAL = "assistance.dibao.standard.rural"


def test_shipped_chongqing_standard_resolves_from_a_district() -> None:
    found = default_book().get(URBAN, "500156", dt.date(2025, 7, 1))
    assert found.value == Decimal(770)
    assert found.jurisdiction == "500000"
    assert found.status is Status.SOURCED
    assert found.source is not None
    assert found.source.document_number == "渝民规〔2025〕6号"
    assert found.unit == "CNY per person per month"


def test_change_date_boundary() -> None:
    book = default_book()
    assert book.get(RURAL, "500156", dt.date(2025, 6, 30)).value == Decimal(610)
    assert book.get(RURAL, "500156", dt.date(2025, 7, 1)).value == Decimal(630)


def test_example_values_say_so() -> None:
    found = default_book().get(RURAL, "500156", dt.date(2024, 8, 1))
    assert found.status is Status.EXAMPLE
    assert found.cite().startswith("EXAMPLE DATA, not law")


def test_national_fallback() -> None:
    found = default_book().get("assistance.marginal.income_multiple", "500156", dt.date(2025, 8, 1))
    assert found.jurisdiction == "000000"
    assert found.value == Decimal("1.5")


def test_before_first_value_is_an_error_naming_everything() -> None:
    with pytest.raises(ParameterOutOfRangeError) as caught:
        default_book().get(URBAN, "500156", dt.date(2020, 1, 1))
    message = str(caught.value)
    assert URBAN in message
    assert "500156" in message
    assert "2020-01-01" in message
    assert "500000: 2023-08-22" in message
    assert isinstance(caught.value, LookupError)
    assert isinstance(caught.value, CivaffairsError)


def test_after_an_end_date_is_an_error() -> None:
    # The last shipped year of a yearly statistic ends on 31 December; the day after is an error.
    name = "assistance.means.disposable_income.urban"
    book = default_book()
    assert book.get(name, "500156", dt.date(2026, 12, 31)).effective_to == dt.date(2026, 12, 31)
    with pytest.raises(ParameterOutOfRangeError, match="2026-01-01 – 2026-12-31"):
        book.get(name, "500156", dt.date(2027, 1, 1))


def test_undefined_for_jurisdiction() -> None:
    with pytest.raises(ParameterNotFoundError, match="421300"):
        default_book().get(URBAN, "421300", dt.date(2025, 8, 1))


def test_unknown_parameter_name() -> None:
    with pytest.raises(ParameterNotFoundError, match="schema"):
        default_book().get("assistance.nope", "500156", dt.date(2025, 8, 1))


def test_override_from_a_date_keeps_shipped_data() -> None:
    book = default_book()
    # 800 needs a 特困 standard of at least 1.3 × 800 = 1040 there (the relations are checked).
    changed = book.override(
        "assistance.extreme_poverty.basic_living_standard.urban",
        "500156",
        Decimal(1040),
        dt.date(2026, 1, 1),
    ).override(URBAN, "500156", Decimal(800), dt.date(2026, 1, 1))
    assert changed.get(URBAN, "500156", dt.date(2026, 1, 1)).value == Decimal(800)
    assert changed.get(URBAN, "500156", dt.date(2026, 1, 1)).status is Status.EXAMPLE
    assert changed.get(URBAN, "500156", dt.date(2025, 12, 31)).value == Decimal(770)
    # Shipped data untouched, and the sibling district keeps the municipal value.
    assert book.get(URBAN, "500156", dt.date(2026, 1, 1)).value == Decimal(770)
    assert changed.get(URBAN, "500101", dt.date(2026, 1, 1)).value == Decimal(770)


def test_override_with_end_restores_previous_value_after() -> None:
    # 800 breaks 特困 ≥ 1.3 × 低保 in Chongqing: this tests the splice, so the relations are off.
    book = default_book().override(
        URBAN, "500000", Decimal(800), dt.date(2025, 9, 1), dt.date(2025, 9, 30), check=False
    )
    assert book.get(URBAN, "500156", dt.date(2025, 8, 31)).value == Decimal(770)
    assert book.get(URBAN, "500156", dt.date(2025, 9, 15)).value == Decimal(800)
    assert book.get(URBAN, "500156", dt.date(2025, 10, 1)).value == Decimal(770)


def test_override_refuses_float_and_wrong_kind() -> None:
    book = default_book()
    with pytest.raises(ParameterFileError):
        book.override(URBAN, "500156", 800.0, dt.date(2026, 1, 1))  # type: ignore[arg-type]
    with pytest.raises(ParameterFileError):
        book.override(URBAN, "500156", True, dt.date(2026, 1, 1))


def test_in_force_lists_values_with_sources() -> None:
    names = {v.name for v in default_book().in_force("500156", dt.date(2025, 8, 1))}
    assert {URBAN, RURAL, "assistance.marginal.income_multiple"} <= names


GOOD_FILE = """
jurisdiction = "421300"

[sources.demo]
title = "demo"

[[values."assistance.dibao.standard.urban"]]
effective_from = 2025-01-01
value = 700
status = "example"
note = "a test value"
"""


def test_load_caller_file(tmp_path: Path) -> None:
    path = tmp_path / "suizhou.toml"
    path.write_text(GOOD_FILE, encoding="utf-8")
    book = ParameterBook.load([path])
    assert book.get(URBAN, "421303", dt.date(2025, 3, 1)).value == Decimal(700)
    # Shipped data are still there.
    assert book.get(URBAN, "500156", dt.date(2025, 8, 1)).value == Decimal(770)
    alone = ParameterBook.load([path], include_shipped=False)
    with pytest.raises(ParameterNotFoundError):
        alone.get(URBAN, "500156", dt.date(2025, 8, 1))


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            (
                "effective_from = 2025-01-01\nvalue = 700",
                "effective_from = 2025-01-01\nvalue = 700\nextra = 1",
            ),
            "[0].extra: got (present), expected no such key",
        ),
        (
            ('status = "example"', 'status = "law"'),
            "status: got 'law', expected one of 'sourced', 'example'",
        ),
        (('note = "a test value"', ""), "needs a 'note'"),
        (
            ('status = "example"', 'status = "sourced"'),
            'got (missing), expected a key of [sources] (status = "sourced" needs a source)',
        ),
        (("value = 700", "value = 700.5e0"), None),
        (("value = 700", "value = true"), "not a boolean"),
        (("value = 700", "value = 700.555"), "two decimal places"),
        (('jurisdiction = "421300"', 'jurisdiction = "999999"'), "999999"),
        (
            ("assistance.dibao.standard.urban", "assistance.dibao.standard.town"),
            "unknown parameter",
        ),
        (
            ("effective_from = 2025-01-01", "effective_from = 2025-01-01T08:00:00"),
            "effective_from: got 2025-01-01T08:00:00, expected a calendar date without a time",
        ),
        (
            ("[sources.demo]", "[sources.demo]\nbogus = 1"),
            "$.sources.demo.bogus: got (present), expected no such key",
        ),
    ],
)
def test_bad_files_are_refused_with_the_problem(
    tmp_path: Path, change: tuple[str, str], problem: str | None
) -> None:
    old, new = change
    path = tmp_path / "bad.toml"
    path.write_text(GOOD_FILE.replace(old, new), encoding="utf-8")
    if problem is None:  # a decimal value is fine for a money parameter
        ParameterBook.load([path])
        return
    with pytest.raises(ParameterFileError) as caught:
        ParameterBook.load([path])
    assert problem in str(caught.value)
    assert "bad.toml" in str(caught.value)


def test_duplicate_date_refused(tmp_path: Path) -> None:
    path = tmp_path / "dup.toml"
    path.write_text(GOOD_FILE + GOOD_FILE.split("\n", 6)[-1], encoding="utf-8")
    with pytest.raises(ParameterFileError, match="duplicate effective_from 2025-01-01"):
        ParameterBook.load([path])


def test_overlap_refused(tmp_path: Path) -> None:
    text = (
        GOOD_FILE.replace("value = 700", "effective_to = 2025-12-31\nvalue = 700")
        + """
[[values."assistance.dibao.standard.urban"]]
effective_from = 2025-06-01
value = 720
status = "example"
note = "overlaps"
"""
    )
    path = tmp_path / "overlap.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ParameterFileError, match="overlaps"):
        ParameterBook.load([path])


def test_every_problem_is_reported_not_just_the_first(tmp_path: Path) -> None:
    text = "surprise = 1\n" + GOOD_FILE.replace('status = "example"', 'status = "law"')
    path = tmp_path / "many.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ParameterFileError) as caught:
        ParameterBook.load([path])
    assert len(caught.value.problems) == 2


def test_every_shipped_value_is_sourced_or_explained() -> None:
    book = default_book()
    for key in book.keys():  # noqa: SIM118 - ParameterBook.keys() is a method, not a dict
        for value in book.series(*key):
            if value.status is Status.SOURCED:
                assert value.source is not None, key
            else:
                assert value.note, key
