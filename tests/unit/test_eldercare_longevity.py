import datetime as dt
from decimal import Decimal

import pytest
from eldercare_builders import SHENZHEN_DISTRICT, SUIZHOU_DISTRICT, WULONG, elder

from civaffairs.decisions import Outcome
from civaffairs.eldercare import longevity
from civaffairs.eldercare.longevity import first_month
from civaffairs.errors import (
    InvalidInputError,
    ParameterFileError,
    ParameterNotFoundError,
    ParameterOutOfRangeError,
)
from civaffairs.identity import generate
from civaffairs.parameters import default_book

BIRTHDAY_MONTH = default_book().override(
    "eldercare.longevity.first_month_is_birthday_month", "440300", True, dt.date(2019, 10, 1)
)


def amount(born: dt.date, on: dt.date, **kwargs: object) -> Decimal | None:
    decision = longevity.assess(elder(born, where=SHENZHEN_DISTRICT), on, **kwargs)  # type: ignore[arg-type]
    return decision.amount.total if decision.amount else None


# -- Shenzhen (深民规〔2019〕2号, sourced): 70 → 200, 80 → 300, 90 → 500, 100 → 1000 -------------


@pytest.mark.parametrize(
    ("age", "lower", "upper"),
    [(70, None, 200), (80, 200, 300), (90, 300, 500), (100, 500, 1000)],
)
def test_band_starts_the_month_after_the_birthday(age: int, lower: int | None, upper: int) -> None:
    born = dt.date(2025 - age, 5, 15)
    before = None if lower is None else Decimal(lower)
    assert amount(born, dt.date(2025, 5, 14)) == before  # the day before the birthday
    assert amount(born, dt.date(2025, 5, 15)) == before  # the birthday: still the old band
    assert amount(born, dt.date(2025, 5, 31)) == before
    assert amount(born, dt.date(2025, 6, 1)) == Decimal(upper)  # the next month


@pytest.mark.parametrize("age", [70, 80, 90, 100])
def test_band_starts_in_the_birthday_month_where_the_rule_says_so(age: int) -> None:
    born = dt.date(2025 - age, 5, 15)
    before = amount(born, dt.date(2025, 4, 30), book=BIRTHDAY_MONTH)
    on_first = amount(born, dt.date(2025, 5, 1), book=BIRTHDAY_MONTH)  # before the birthday
    assert on_first is not None
    assert before is None or before < on_first


def test_the_sourced_amounts_are_not_example_data() -> None:
    decision = longevity.assess(
        elder(dt.date(1920, 1, 1), where=SHENZHEN_DISTRICT), dt.date(2025, 8, 1)
    )
    assert decision.amount is not None
    assert decision.amount.total == Decimal(1000)
    band = next(r for r in decision.reasons if r.code == "eldercare.longevity.band")
    statuses = {p.name: p.status.value for p in band.parameters}
    assert statuses["eldercare.longevity.band_4.monthly"] == "sourced"
    assert statuses["eldercare.longevity.first_month_is_birthday_month"] == "example"
    assert "深民规〔2019〕2号" in decision.render("zh")


def test_under_the_first_band_says_when_it_starts() -> None:
    decision = longevity.assess(
        elder(dt.date(1960, 8, 20), where=SHENZHEN_DISTRICT), dt.date(2025, 8, 1)
    )
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert decision.codes[-1] == "eldercare.longevity.below_first_band"
    assert "2030-09" in decision.reasons[-1].en


# -- 29 February births --------------------------------------------------------------------------


def test_born_29_february_reaches_80_on_29_february_of_a_leap_year() -> None:
    born = dt.date(1944, 2, 29)
    assert amount(born, dt.date(2024, 2, 29)) == Decimal(200)
    assert amount(born, dt.date(2024, 3, 1)) == Decimal(300)
    assert first_month(born, 80, birthday_month=False) == dt.date(2024, 3, 1)


def test_born_29_february_reaches_90_on_28_february_of_a_common_year() -> None:
    born = dt.date(1940, 2, 29)
    person = elder(born, where=SHENZHEN_DISTRICT)
    assert person.age_on(dt.date(2030, 2, 27)) == 89
    assert person.age_on(dt.date(2030, 2, 28)) == 90
    assert amount(born, dt.date(2030, 2, 28)) == Decimal(300)
    assert amount(born, dt.date(2030, 3, 1)) == Decimal(500)
    # Paid from the birthday month: February 2030 already gets the 90 band.
    assert amount(born, dt.date(2030, 2, 1), book=BIRTHDAY_MONTH) == Decimal(500)
    assert first_month(born, 90, birthday_month=True) == dt.date(2030, 2, 1)


def test_born_29_february_reaches_100_in_a_leap_year() -> None:
    born = dt.date(1932, 2, 29)
    assert amount(born, dt.date(2032, 2, 29)) == Decimal(500)
    assert amount(born, dt.date(2032, 3, 1)) == Decimal(1000)


def test_first_month_after_a_december_birthday_is_january() -> None:
    assert first_month(dt.date(1945, 12, 31), 80, birthday_month=False) == dt.date(2026, 1, 1)
    assert first_month(dt.date(1945, 12, 31), 80, birthday_month=True) == dt.date(2025, 12, 1)


# -- birth date from the resident ID --------------------------------------------------------------


def test_the_birth_date_can_come_from_the_resident_id() -> None:
    born = dt.date(1944, 2, 29)
    rid = generate("440304", born, 21)
    person = elder(born, where=SHENZHEN_DISTRICT, resident_id=rid)
    decision = longevity.assess(person, dt.date(2024, 3, 1))
    assert decision.amount is not None
    assert decision.amount.total == Decimal(300)
    assert "resident ID" in decision.reasons[1].en
    assert rid.reveal() not in decision.render("en")
    assert decision.subject.endswith(f"({rid.masked})")  # id first, masked number beside
    assert rid.reveal() not in decision.subject


# -- registration -----------------------------------------------------------------------------


def test_registration_elsewhere_is_not_eligible() -> None:
    person = elder(dt.date(1920, 1, 1), where=SUIZHOU_DISTRICT)
    decision = longevity.assess(person, dt.date(2025, 8, 1), jurisdiction="440300")
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert decision.codes == ("eldercare.longevity.registration_elsewhere",)


def test_where_local_registration_is_not_required_a_resident_elsewhere_is_paid() -> None:
    book = default_book().override(
        "eldercare.longevity.requires_local_registration", "440300", False, dt.date(2019, 10, 1)
    )
    person = elder(dt.date(1920, 1, 1), where=SUIZHOU_DISTRICT)
    decision = longevity.assess(person, dt.date(2025, 8, 1), jurisdiction="440300", book=book)
    assert decision.amount is not None
    assert decision.amount.total == Decimal(1000)


# -- other jurisdictions, dates and data ------------------------------------------------------


@pytest.mark.parametrize("where", [SUIZHOU_DISTRICT, "330702", "511425", WULONG])
def test_seed_jurisdictions_have_example_bands(where: str) -> None:
    decision = longevity.assess(elder(dt.date(1935, 1, 1), where=where), dt.date(2025, 8, 1))
    assert decision.outcome is Outcome.ELIGIBLE
    assert decision.uses_example_data
    assert "EXAMPLE DATA" in decision.render("en")


def test_before_shenzhens_rule_there_is_no_value() -> None:
    with pytest.raises(ParameterOutOfRangeError, match="band_count"):
        longevity.assess(elder(dt.date(1920, 1, 1), where=SHENZHEN_DISTRICT), dt.date(2019, 9, 30))


def test_a_jurisdiction_without_data_is_an_error_not_a_zero() -> None:
    with pytest.raises(ParameterNotFoundError, match="band_count"):
        longevity.assess(elder(dt.date(1920, 1, 1), where="110105"), dt.date(2025, 8, 1))


def test_a_jurisdiction_with_no_allowance() -> None:
    book = default_book().override(
        "eldercare.longevity.band_count", "110000", 0, dt.date(2020, 1, 1)
    )
    decision = longevity.assess(
        elder(dt.date(1920, 1, 1), where="110105"), dt.date(2025, 8, 1), book=book
    )
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert decision.codes[-1] == "eldercare.longevity.none"


def test_bands_out_of_order_are_a_data_error() -> None:
    book = default_book().override(
        "eldercare.longevity.band_2.start_age", "440300", 70, dt.date(2025, 1, 1)
    )
    with pytest.raises(ParameterFileError, match="must ascend"):
        longevity.assess(
            elder(dt.date(1920, 1, 1), where=SHENZHEN_DISTRICT), dt.date(2025, 8, 1), book=book
        )


def test_birth_after_the_as_of_date_is_refused() -> None:
    with pytest.raises(InvalidInputError) as info:
        longevity.assess(elder(dt.date(2026, 1, 1), where=SHENZHEN_DISTRICT), dt.date(2025, 8, 1))
    assert info.value.path == "$.birth_date"


def test_shipped_bands_ascend_on_every_change_date() -> None:
    book = default_book()
    places = [
        code for code in book.jurisdictions() if book.series("eldercare.longevity.band_count", code)
    ]
    # Shenzhen (sourced bands) and every seed jurisdiction (a record book with a work plan).
    seeds = {where for where, _, _ in book.table("targets.plans")}
    assert len(seeds) >= 4
    assert {"440300", *seeds} <= set(places)
    for code in places:
        for day in book.change_dates(code):
            try:
                found, _ = longevity.bands(code, day, book=book)
            except ParameterOutOfRangeError:
                continue  # before the jurisdiction's first value
            starts = [band.start_age for band in found]
            assert starts == sorted(set(starts)), (code, day)
            assert all(band.amount > 0 for band in found), (code, day)


def test_the_law_cites_article_33_and_its_eighty_years() -> None:
    """老年人权益保障法 第三十三条第二款: "国家鼓励地方建立八十周岁以上低收入老年人高龄津贴制度。"

    The article is read (no longer recalled), and 高龄 from 80 is sourced to it from the 2012
    revision's entry into force (2013-07-01, art. 85).
    """
    citation = longevity.R_BAND.citation
    assert citation.article == "第三十三条第二款"
    assert citation.note is not None
    assert "recalled" not in citation.note
    book = default_book()
    value = book.get("eldercare.groups.very_old_age", "000000", dt.date(2013, 7, 1))
    assert value.value == 80
    assert value.status.value == "sourced"
    assert value.article is not None
    assert value.article.startswith("第三十三条第二款")
    earlier = book.get("eldercare.groups.very_old_age", "000000", dt.date(2013, 6, 30))
    assert earlier.status.value == "example"
