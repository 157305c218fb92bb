import datetime as dt
from decimal import Decimal

import pytest

from civaffairs.conversion import dumps, loads
from civaffairs.decisions import Outcome
from civaffairs.eldercare.institution_rating import (
    LEVEL_THRESHOLDS,
    PART_MAXIMA,
    InstitutionLevel,
    Part,
    ScoreSheet,
    level_for,
    rate,
)
from civaffairs.errors import InvalidDocumentError, InvalidInputError

ON = dt.date(2025, 8, 1)


def at_share(share: str) -> ScoreSheet:
    """Every part exactly at ``share`` of its maximum."""
    ratio = Decimal(share)
    return ScoreSheet(*(PART_MAXIMA[p] * ratio for p in Part))


def test_the_sheet_adds_up_to_1000() -> None:
    assert sum(PART_MAXIMA.values()) == 1000
    assert ScoreSheet(120, 130, 150, 600).total == 1000
    assert level_for(ScoreSheet(120, 130, 150, 600)) is InstitutionLevel.FIVE


@pytest.mark.parametrize(
    ("share", "level"),
    [
        ("0.4", InstitutionLevel.ONE),
        ("0.5", InstitutionLevel.TWO),
        ("0.6", InstitutionLevel.THREE),
        ("0.8", InstitutionLevel.FOUR),
        ("0.9", InstitutionLevel.FIVE),
    ],
)
def test_every_part_exactly_at_its_share(share: str, level: InstitutionLevel) -> None:
    assert level_for(at_share(share)) is level


def test_total_exactly_900_with_every_part_at_90_percent_is_level_5() -> None:
    sheet = ScoreSheet(108, 117, 135, 540)
    assert sheet.total == 900
    assert level_for(sheet) is InstitutionLevel.FIVE


@pytest.mark.parametrize(
    ("part", "level"),
    [
        (Part.ENVIRONMENT, InstitutionLevel.FOUR),
        (Part.FACILITIES, InstitutionLevel.FOUR),
        (Part.OPERATIONS, InstitutionLevel.FOUR),
        (Part.SERVICES, InstitutionLevel.FOUR),
    ],
)
def test_one_part_one_point_under_its_share_drops_a_level(
    part: Part, level: InstitutionLevel
) -> None:
    scores = {p.value: PART_MAXIMA[p] for p in Part}  # everything full ...
    scores[part.value] = int(PART_MAXIMA[part] * Decimal("0.9")) - 1  # ... but one part at 90 % − 1
    assert level_for(ScoreSheet(**scores)) is level


def test_a_high_total_does_not_make_up_for_a_weak_part() -> None:
    sheet = ScoreSheet(120, 130, 150, 239)  # total 639, services one point under 40 % of 600
    assert sheet.total == 639
    decision = rate(sheet, ON, jurisdiction="421300")
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert "服务 239 < 240" in decision.reasons[0].zh


def test_half_points_are_exact() -> None:
    assert level_for(ScoreSheet("107.5", 130, 150, 600)) is InstitutionLevel.FOUR
    assert level_for(ScoreSheet("108.0", 130, 150, 600)) is InstitutionLevel.FIVE


def test_the_totals_never_bind_below_level_5() -> None:
    # Documented caveat: 40 % … 80 % of every part sums above the total thresholds.
    for level, total, share in LEVEL_THRESHOLDS[:4]:
        assert sum(PART_MAXIMA[p] * share for p in Part) > total, level
    _, total, share = LEVEL_THRESHOLDS[4]
    assert sum(PART_MAXIMA[p] * share for p in Part) == total


def test_the_next_level_says_what_is_missing() -> None:
    decision = rate(ScoreSheet(107, 120, 140, 580), ON, jurisdiction="421300")
    assert decision.codes[:2] == (
        "eldercare.institution_rating.level",
        "eldercare.institution_rating.next_level_missed",
    )
    assert "environment 107 < 108" in decision.reasons[1].en


def test_no_national_subsidy() -> None:
    decision = rate(at_share("0.6"), ON, jurisdiction="110105", beds=100)
    assert decision.outcome is Outcome.ELIGIBLE
    assert decision.amount is None
    assert "eldercare.institution_rating.no_subsidy" in decision.codes


def test_suizhou_example_subsidy_per_bed() -> None:
    decision = rate(at_share("0.8"), ON, jurisdiction="421303", beds=120)
    assert decision.amount is not None
    assert decision.amount.total == Decimal(80 * 120)  # example: level 4, 80 yuan per bed a month
    assert decision.uses_example_data
    without_beds = rate(at_share("0.8"), ON, jurisdiction="421303")
    assert without_beds.amount is None
    assert "80 yuan per bed" in without_beds.reasons[-1].en


def test_not_rated_gets_no_subsidy() -> None:
    decision = rate(at_share("0.3"), ON, jurisdiction="421300", beds=50)
    assert decision.amount is None
    assert decision.codes == ("eldercare.institution_rating.not_rated",)


@pytest.mark.parametrize(
    ("scores", "path"),
    [
        ((121, 130, 150, 600), "$.environment"),
        ((120, -1, 150, 600), "$.facilities"),
        ((120, 130, 150.0, 600), "$.operations"),
        ((120, 130, 150, "lots"), "$.services"),
        ((120, 130, 150, True), "$.services"),
        ((120, 130, 150, "NaN"), "$.services"),
    ],
)
def test_scores_outside_a_part(scores: tuple[object, ...], path: str) -> None:
    with pytest.raises(InvalidInputError) as info:
        ScoreSheet(*scores)  # type: ignore[arg-type] # the wrong types are refused
    assert info.value.path == path


@pytest.mark.parametrize("beds", [-1, 1.5, True])
def test_bad_beds(beds: object) -> None:
    with pytest.raises(InvalidInputError, match=r"\$\.beds"):
        rate(at_share("0.5"), ON, jurisdiction="421300", beds=beds)  # type: ignore[arg-type]


def test_json_round_trip_and_paths() -> None:
    sheet = ScoreSheet("107.5", 120, 140, 580)
    assert loads(dumps(sheet), ScoreSheet) == sheet
    with pytest.raises(InvalidDocumentError) as info:
        loads('{"environment": "121", "facilities": 1, "operations": 1, "services": 1}', ScoreSheet)
    assert info.value.errors[0].path == "$.environment"


def test_every_reason_cites_the_standard() -> None:
    for share in ("0.3", "0.5", "0.95"):
        decision = rate(at_share(share), ON, jurisdiction="421300", beds=10)
        for reason in decision.reasons:
            assert reason.citation.document.number == "GB/T 37276-2018"
