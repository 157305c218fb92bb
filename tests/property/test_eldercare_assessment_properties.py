"""Invariants of the GB/T 42195-2022 ability assessment."""

from __future__ import annotations

import datetime as dt

import attrs
from eldercare_strategies import assessments, item_values
from hypothesis import given
from hypothesis import strategies as st

from civaffairs.conversion import dumps, loads
from civaffairs.eldercare.assessment import (
    ITEMS,
    AbilityAssessment,
    Adjustment,
    ItemScores,
    grade,
    preliminary_grade,
)
from civaffairs.entities import AbilityGrade

LATEST = dt.date(2031, 12, 31)  # an as-of date after every drawn assessment


@given(assessments(), st.sampled_from(ITEMS), st.data())
def test_a_higher_item_score_never_lowers_the_ability(
    record: AbilityAssessment, item: object, data: st.DataObject
) -> None:
    values = {i.key: record.scores.score(i) for i in ITEMS}
    key = item.key  # type: ignore[attr-defined]
    values[key] = data.draw(st.integers(values[key], item.maximum))  # type: ignore[attr-defined]
    better = attrs.evolve(record, scores=ItemScores.from_mapping(values))
    before = grade(record, LATEST)
    after = grade(better, LATEST)
    assert after.total >= before.total
    assert after.preliminary.severity <= before.preliminary.severity
    assert after.grade.severity <= before.grade.severity


@given(assessments(coma=None))
def test_adjustments_raise_at_most_one_grade(record: AbilityAssessment) -> None:
    result = grade(record, LATEST)
    if record.scores.coma:
        assert result.grade is AbilityGrade.COMPLETE
        assert result.adjustments == (Adjustment.COMA,)
        return
    raised = result.grade.severity - result.preliminary.severity
    assert raised in (0, 1)
    expected = bool(result.adjustments) and result.preliminary is not AbilityGrade.COMPLETE
    assert raised == int(expected)


@given(item_values())
def test_total_is_the_sum_of_items_and_fixes_the_preliminary_grade(values: dict[str, int]) -> None:
    scores = ItemScores.from_mapping(values)
    indicators = scores.indicator_scores()
    assert indicators.total == sum(values.values())
    assert 0 <= indicators.total <= 90
    assert (
        preliminary_grade(indicators.total).severity
        >= preliminary_grade(min(90, indicators.total + 1)).severity
    )


@given(assessments(coma=None))
def test_json_round_trip_of_the_assessment(record: AbilityAssessment) -> None:
    assert loads(dumps(record, reveal_personal_data=True), AbilityAssessment) == record


@given(assessments(), st.integers(0, 800))
def test_validity_is_twelve_months_at_most(record: AbilityAssessment, days: int) -> None:
    on = record.assessed_on + dt.timedelta(days=days)
    result = grade(record, on)
    assert record.assessed_on < result.valid_until <= record.assessed_on + dt.timedelta(days=366)
    assert result.current == (on <= result.valid_until)
    assert result.valid_until.day <= record.assessed_on.day
