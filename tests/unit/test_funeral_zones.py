"""火葬区 / 土葬改革区 and the cremation rate (civaffairs.funeral.zones)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest

from civaffairs.errors import InvalidInputError, ParameterOutOfRangeError
from civaffairs.funeral.policy import Zone, ZoneUnknownError
from civaffairs.funeral.zones import AreaCount, cremation_rate, cremation_rate_target, zone_of

ON = dt.date(2020, 6, 30)


def test_zone_of_a_seed_jurisdiction_is_example_data() -> None:
    record = zone_of("511425", ON)
    assert record.zone is Zone.CREMATION
    assert record.provenance.status.value == "example"
    assert record.parameter.name == "funeral.zone.cremation"
    assert zone_of("500156", dt.date(2025, 1, 1)).zone.zh == "土葬改革区"


def test_the_rate_is_an_exact_ratio_over_the_cremation_zone_only() -> None:
    rate = cremation_rate(
        [
            AreaCount("511425", deaths=1250, cremations=1201),
            AreaCount("500156", deaths=900, cremations=300),  # burial-reform zone: left out
        ],
        dt.date(2020, 6, 30),
    )
    assert (rate.deaths, rate.cremations) == (1250, 1201)
    assert rate.ratio == Fraction(1201, 1250)
    assert rate.counted == ("511425",)
    assert rate.excluded == ("500156",)
    assert rate.percent() == Decimal("96.08")
    assert rate.uses_example_data


def test_the_qingshen_2020_target_is_compared_exactly() -> None:
    target, used = cremation_rate_target("511425", ON)
    assert target == Decimal("0.96")
    assert used.status.value == "sourced"
    exactly = cremation_rate([AreaCount("511425", 1250, 1200)], ON)
    just_below = cremation_rate([AreaCount("511425", 20000, 19199)], ON)
    assert exactly.meets(target) is True  # 1200 / 1250 = 96 % exactly
    assert just_below.meets(target) is False  # 95.995 %, which displays as 96.00
    assert just_below.percent() == Decimal("96.00")
    with pytest.raises(ParameterOutOfRangeError):
        cremation_rate_target("511425", dt.date(2021, 1, 1))  # a 2020 target only


def test_no_deaths_gives_no_rate() -> None:
    rate = cremation_rate([AreaCount("511425", 0, 0)], ON)
    assert rate.ratio is None
    assert rate.percent() is None
    assert rate.meets(Decimal("0.96")) is None


def test_areas_whose_zone_is_unknown_are_refused_or_skipped() -> None:
    areas = [AreaCount("511425", 100, 97), AreaCount("430602", 50, 50)]
    with pytest.raises(ZoneUnknownError):
        cremation_rate(areas, ON)
    rate = cremation_rate(areas, ON, skip_unknown=True)
    assert rate.unknown == ("430602",)
    assert rate.ratio == Fraction(97, 100)


def test_overlapping_areas_are_refused() -> None:
    with pytest.raises(InvalidInputError) as caught:
        cremation_rate([AreaCount("421300", 10, 9), AreaCount("421303", 5, 5)], ON)
    assert caught.value.path == "$[1].jurisdiction"


@pytest.mark.parametrize(
    ("args", "path"),
    [
        (("511425", 10, 11), "$.cremations"),
        (("511425", -1, 0), "$.deaths"),
        (("511425", 1, True), "$.cremations"),
        (("青神县", 1, 1), "$.jurisdiction"),
    ],
)
def test_bad_counts_are_refused(args: tuple[str, int, int], path: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        AreaCount(*args)
    assert caught.value.path == path
