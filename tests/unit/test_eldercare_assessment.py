import datetime as dt

import pytest
from eldercare_builders import elder, scores_with_total

from civaffairs.conversion import dumps, loads, structure, unstructure
from civaffairs.eldercare import assessment
from civaffairs.eldercare.assessment import (
    ITEMS,
    AbilityAssessment,
    AbilityResult,
    Adjustment,
    AssessmentReason,
    CareRiskEvents,
    Diagnosis,
    Indicator,
    ItemScores,
    MentalState,
    Mobility,
    SelfCare,
    final_grade,
    grade,
    preliminary_grade,
)
from civaffairs.entities import AbilityGrade
from civaffairs.errors import (
    InvalidDocumentError,
    InvalidInputError,
    ParameterOutOfRangeError,
)
from civaffairs.identity import generate
from civaffairs.parameters import default_book

BORN = dt.date(1940, 5, 1)
ASSESSED = dt.date(2025, 3, 10)
ON = dt.date(2025, 6, 1)


def record(
    total: int = 90,
    *,
    coma: bool = False,
    diagnoses: tuple[Diagnosis, ...] = (),
    events: CareRiskEvents | None = None,
    assessed_on: dt.date = ASSESSED,
    reason: AssessmentReason = AssessmentReason.FIRST,
) -> AbilityAssessment:
    return AbilityAssessment(
        elder(BORN),
        assessed_on,
        reason,
        scores_with_total(total, coma=coma),
        diagnoses=diagnoses,
        care_risk_events=events or CareRiskEvents(),
    )


# -- the item table ----------------------------------------------------------------------------


def test_twenty_six_items_ninety_points() -> None:
    assert len(ITEMS) == 26
    assert sum(item.maximum for item in ITEMS) == assessment.TOTAL_MAXIMUM == 90
    assert {i: i.maximum for i in Indicator} == {
        Indicator.SELF_CARE: 32,
        Indicator.MOBILITY: 15,
        Indicator.MENTAL_STATE: 28,
        Indicator.PERCEPTION_SOCIAL: 15,
    }
    assert len({item.clause for item in ITEMS}) == 26
    odd = {item.zh: item.maximum for item in ITEMS if item.maximum != 4}
    assert odd == {
        "上下楼梯": 3,
        "攻击行为": 1,
        "抑郁症状": 1,
        "意识水平": 2,
        "视力": 2,
        "听力": 2,
        "使用交通工具外出": 3,
    }


def test_first_level_scores_and_total() -> None:
    scores = scores_with_total(70)
    indicators = scores.indicator_scores()
    assert indicators.total == 70
    assert indicators.self_care == 12  # 20 points lowered from the first items of B.1
    assert scores.score("B.1.1") == 0
    assert scores.score("self_care.eating") == scores.score("eating") == 0
    assert scores.score(ITEMS[-1]) == 4


# -- preliminary grade at every cut-off -------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        (90, AbilityGrade.INTACT),
        (89, AbilityGrade.MILD),
        (66, AbilityGrade.MILD),
        (65, AbilityGrade.MODERATE),
        (46, AbilityGrade.MODERATE),
        (45, AbilityGrade.SEVERE),
        (30, AbilityGrade.SEVERE),
        (29, AbilityGrade.COMPLETE),
        (0, AbilityGrade.COMPLETE),
    ],
)
def test_grade_boundaries(total: int, expected: AbilityGrade) -> None:
    assert preliminary_grade(total) is expected
    result = grade(record(total), ON)
    assert result.total == total
    assert result.preliminary is result.grade is expected
    assert "eldercare.assessment.not_adjusted" in result.codes
    assert not result.raised


@pytest.mark.parametrize("total", [-1, 91, True, "90"])
def test_total_outside_the_scale_is_refused(total: object) -> None:
    with pytest.raises(InvalidInputError, match=r"\$\.total"):
        preliminary_grade(total)  # type: ignore[arg-type]


# -- adjustments --------------------------------------------------------------------------------


def test_coma_is_complete_loss_whatever_the_total() -> None:
    result = grade(record(88, coma=True), ON)
    assert result.preliminary is AbilityGrade.MILD
    assert result.grade is AbilityGrade.COMPLETE
    assert result.adjustments == (Adjustment.COMA,)
    assert "eldercare.assessment.coma" in result.codes


def test_coma_needs_a_consciousness_score_of_zero() -> None:
    with pytest.raises(InvalidInputError) as info:
        MentalState(4, 4, 4, 4, 4, 4, 1, 1, 1, coma=True)
    assert info.value.path == "$.coma"
    assert "consciousness is 0" in info.value.expected


@pytest.mark.parametrize(
    ("diagnoses", "raised"),
    [
        ((Diagnosis("F00"),), True),
        ((Diagnosis("f03.1"),), True),  # normalised to F03.1
        ((Diagnosis("F04"),), False),  # not by a psychiatrist
        ((Diagnosis("F32", by_psychiatrist=True),), True),
        ((Diagnosis("F99", by_psychiatrist=True),), True),
        ((Diagnosis("I10", by_psychiatrist=True),), False),  # not a mental disorder
        ((), False),
    ],
)
def test_diagnoses_raise_one_grade(diagnoses: tuple[Diagnosis, ...], raised: bool) -> None:
    result = grade(record(70, diagnoses=diagnoses), ON)
    assert result.preliminary is AbilityGrade.MILD
    assert result.grade is (AbilityGrade.MODERATE if raised else AbilityGrade.MILD)


def test_care_risk_events_raise_from_two_in_total() -> None:
    one = grade(record(66, events=CareRiskEvents(falls=1)), ON)
    two = grade(record(66, events=CareRiskEvents(falls=1, choking=1)), ON)
    assert one.grade is AbilityGrade.MILD
    assert two.grade is AbilityGrade.MODERATE
    assert two.adjustments == (Adjustment.CARE_RISK_EVENTS,)
    assert "2 care-risk events" in two.reasons[2].en


def test_several_triggers_raise_one_grade_in_total() -> None:
    result = grade(
        record(
            46,
            diagnoses=(Diagnosis("F01"), Diagnosis("F20", by_psychiatrist=True)),
            events=CareRiskEvents(wandering=3),
        ),
        ON,
    )
    assert result.preliminary is AbilityGrade.MODERATE
    assert result.grade is AbilityGrade.SEVERE  # one grade, not three
    assert set(result.adjustments) == {
        Adjustment.DEMENTIA,
        Adjustment.MENTAL_DISORDER,
        Adjustment.CARE_RISK_EVENTS,
    }


def test_complete_loss_cannot_be_raised() -> None:
    result = grade(record(10, diagnoses=(Diagnosis("F03"),)), ON)
    assert result.grade is AbilityGrade.COMPLETE
    assert "eldercare.assessment.raise_capped" in result.codes


def test_final_grade_function() -> None:
    assert final_grade(AbilityGrade.INTACT, coma=False, raise_one=True) is AbilityGrade.MILD
    assert final_grade(AbilityGrade.SEVERE, coma=False, raise_one=True) is AbilityGrade.COMPLETE
    assert final_grade(AbilityGrade.INTACT, coma=True, raise_one=False) is AbilityGrade.COMPLETE
    assert final_grade(AbilityGrade.MILD, coma=False, raise_one=False) is AbilityGrade.MILD


# -- validity -----------------------------------------------------------------------------------


def test_current_until_the_corresponding_day_twelve_months_on() -> None:
    result = grade(record(assessed_on=dt.date(2025, 3, 10)), dt.date(2026, 3, 10))
    assert result.valid_until == dt.date(2026, 3, 10)
    assert result.current
    late = grade(record(assessed_on=dt.date(2025, 3, 10)), dt.date(2026, 3, 11))
    assert not late.current
    assert "eldercare.assessment.out_of_date" in late.codes
    assert late.grade is AbilityGrade.INTACT  # still graded, but due for reassessment


def test_assessed_on_29_february_is_current_until_28_february() -> None:
    result = grade(record(assessed_on=dt.date(2024, 2, 29)), dt.date(2025, 2, 28))
    assert result.valid_until == dt.date(2025, 2, 28)
    assert result.current


def test_a_short_local_interval_ends_on_the_last_day_of_a_short_month() -> None:
    book = default_book().override(
        "eldercare.assessment.routine_interval_months", "500156", 1, dt.date(2023, 1, 1)
    )
    result = grade(record(assessed_on=dt.date(2025, 1, 31)), dt.date(2025, 2, 1), book=book)
    assert result.valid_until == dt.date(2025, 2, 28)


def test_the_interval_is_example_data_and_says_so() -> None:
    result = grade(record(), ON)
    assert result.uses_example_data
    assert "EXAMPLE DATA" in result.render("en")
    assert "GB/T 42195-2022" in result.render("zh")


def test_before_the_standard_there_is_no_interval() -> None:
    with pytest.raises(ParameterOutOfRangeError, match="routine_interval_months"):
        grade(record(assessed_on=dt.date(2022, 6, 1)), dt.date(2022, 6, 1))


@pytest.mark.parametrize("reason", list(AssessmentReason))
def test_every_assessment_reason_is_named(reason: AssessmentReason) -> None:
    result = grade(record(reason=reason), ON)
    assert result.reason is reason
    assert result.reasons[-1].zh.split("日期")[0] in {"首次评估", "常规评估", "即时评估", "复评"}


# -- bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("build", "path", "allowed"),
    [
        (lambda: SelfCare(5, 4, 4, 4, 4, 4, 4, 4), "$.eating", "0–4 (B.1.1 进食"),
        (lambda: SelfCare(-1, 4, 4, 4, 4, 4, 4, 4), "$.eating", "0–4"),
        (lambda: Mobility(4, 4, 4, 4), "$.stairs", "0–3 (B.2.4 上下楼梯"),
        (lambda: MentalState(4, 4, 4, 4, 4, 4, 2, 1, 2), "$.aggression", "0–1"),
        (lambda: MentalState(4, 4, 4, 4, 4, 4, 1, 1, 3), "$.consciousness", "0–2"),
        (lambda: SelfCare(True, 4, 4, 4, 4, 4, 4, 4), "$.eating", "0–4"),
        (lambda: SelfCare("4", 4, 4, 4, 4, 4, 4, 4), "$.eating", "0–4"),  # type: ignore[arg-type]
    ],
)
def test_item_outside_its_scale(build: object, path: str, allowed: str) -> None:
    with pytest.raises(InvalidInputError) as info:
        build()  # type: ignore[operator]
    assert info.value.path == path
    assert allowed in info.value.expected


def _full() -> dict[str, object]:
    return {item.clause: item.maximum for item in ITEMS}


def test_from_mapping_reports_every_bad_item_by_path() -> None:
    data = _full()
    data["B.2.4"] = 4
    del data["B.4.5"]
    data["B.9.9"] = 1
    data["eating"] = 4  # B.1.1 a second time
    with pytest.raises(InvalidDocumentError) as info:
        ItemScores.from_mapping(data)
    paths = {error.path for error in info.value.errors}
    assert paths == {
        "$.B.9.9",
        "$.self_care.eating",
        "$.perception_social.social_interaction",
        "$.mobility.stairs",
    }
    stairs = next(e for e in info.value.errors if e.path == "$.mobility.stairs")
    assert stairs.expected == "an integer 0–3 (B.2.4 上下楼梯, climbing stairs)"


def test_from_mapping_checks_coma_against_consciousness() -> None:
    with pytest.raises(InvalidDocumentError) as info:
        ItemScores.from_mapping(_full(), coma=True)
    assert info.value.errors[0].path == "$.mental_state.coma"


def test_unknown_item_to_score_lookup() -> None:
    with pytest.raises(InvalidInputError, match="26 GB/T 42195 items"):
        scores_with_total(90).score("B.5.1")


def test_assessment_before_birth_is_refused() -> None:
    with pytest.raises(InvalidInputError) as info:
        record(assessed_on=BORN - dt.timedelta(days=1))
    assert info.value.path == "$.assessed_on"
    assert "birth date" in info.value.expected
    assert BORN.isoformat() not in str(info.value)  # the birth date is not shown


def test_assessment_after_the_as_of_date_is_refused() -> None:
    with pytest.raises(InvalidInputError) as info:
        grade(record(assessed_on=dt.date(2025, 6, 2)), dt.date(2025, 6, 1))
    assert info.value.path == "$.assessed_on"
    assert "2025-06-01" in info.value.expected


def test_an_assessment_whose_validity_ends_after_9999_is_refused_by_path() -> None:
    """Step 5 (民法典 art. 202: "到期月的对应日为期间的最后一日").

    The period of an assessment made in 9999 ends in the year 10000, which no date can
    hold: the assessment date is refused by its path instead of a ``ValueError`` (found
    in review: a traceback from the JSON faces).
    """
    with pytest.raises(InvalidInputError) as info:
        grade(record(assessed_on=dt.date(9999, 6, 1)), dt.date(9999, 12, 31))
    assert info.value.path == "$.assessed_on"
    assert "9999-12-31" in info.value.expected


def test_the_assessment_day_itself_is_allowed() -> None:
    assert grade(record(assessed_on=ON), ON).assessed_on == ON


@pytest.mark.parametrize(
    ("build", "path"),
    [
        (lambda: Diagnosis("dementia"), "$.icd10"),
        (lambda: Diagnosis("F3"), "$.icd10"),
        (lambda: Diagnosis("F03", by_psychiatrist=1), "$.by_psychiatrist"),  # type: ignore[arg-type]
        (lambda: CareRiskEvents(falls=-1), "$.falls"),
        (lambda: CareRiskEvents(other=True), "$.other"),
    ],
)
def test_bad_adjustment_facts(build: object, path: str) -> None:
    with pytest.raises(InvalidInputError) as info:
        build()  # type: ignore[operator]
    assert info.value.path == path


# -- JSON --------------------------------------------------------------------------------------


def test_json_round_trip_with_a_resident_id() -> None:
    rid = generate("500156", BORN, 12)
    original = AbilityAssessment(
        elder(BORN, resident_id=rid),
        ASSESSED,
        AssessmentReason.IMMEDIATE,
        scores_with_total(50, coma=False),
        diagnoses=(Diagnosis("F03"),),
        care_risk_events=CareRiskEvents(falls=2),
    )
    text = dumps(original, reveal_personal_data=True)
    assert loads(text, AbilityAssessment) == original
    assert rid.reveal() not in dumps(original)  # masked by default


def test_json_paths_name_the_item() -> None:
    data = unstructure(record())
    data["scores"]["self_care"]["eating"] = 7
    data["scores"]["mobility"]["jumping"] = 1
    data["assessed_on"] = "1930-01-01"
    with pytest.raises(InvalidDocumentError) as info:
        structure(data, AbilityAssessment)
    paths = {error.path for error in info.value.errors}
    assert "$.scores.self_care.eating" in paths
    assert "$.scores.mobility.jumping" in paths


def test_json_assessment_date_before_birth_names_the_field() -> None:
    data = unstructure(record())
    data["assessed_on"] = "1930-01-01"
    with pytest.raises(InvalidDocumentError) as info:
        structure(data, AbilityAssessment)
    assert [error.path for error in info.value.errors] == ["$.assessed_on"]


def test_result_round_trips_through_json() -> None:
    result = grade(record(70, diagnoses=(Diagnosis("F00"),)), ON)
    again = loads(dumps(result), AbilityResult)
    assert again.grade is result.grade is AbilityGrade.MODERATE
    assert [r.en for r in again.reasons] == [r.en for r in result.reasons]


def test_every_reason_cites_the_standard() -> None:
    for result in (
        grade(record(90), ON),
        grade(record(20, coma=True), ON),
        grade(record(70, diagnoses=(Diagnosis("F00"),)), ON),
        grade(record(5, diagnoses=(Diagnosis("F00"),)), ON),
        grade(record(), dt.date(2027, 1, 1)),
    ):
        for reason in result.reasons:
            assert reason.citation.document.number == "GB/T 42195-2022"
            assert reason.zh
            assert reason.en


@pytest.mark.parametrize(
    ("field", "value"),
    [("person", "p1"), ("reason", "first"), ("scores", {}), ("assessed_on", "2025-03-10")],
)
def test_wrong_types_name_the_field(field: str, value: object) -> None:
    good: dict[str, object] = {
        "person": elder(BORN),
        "assessed_on": ASSESSED,
        "reason": AssessmentReason.FIRST,
        "scores": scores_with_total(90),
    }
    good[field] = value
    with pytest.raises(InvalidInputError) as info:
        AbilityAssessment(**good)  # type: ignore[arg-type]
    assert info.value.path == f"$.{field}"


def test_the_unadjusted_reason_speaks_of_what_was_recorded() -> None:
    # no diagnoses and no events supplied: the reason says none were recorded, not that
    # the person has no dementia or had no event
    result = grade(record(66), ON)
    (reason,) = (r for r in result.reasons if r.code == "eldercare.assessment.not_adjusted")
    assert "recorded diagnoses: no dementia or mental disorder" in reason.en
    assert "recorded care-risk events in the last 30 days: 0" in reason.en
    assert "记录的诊断中无痴呆" in reason.zh
    assert "无昏迷、痴呆" not in reason.zh
