"""Invariants of the GB/T 37276-2018 institution rating."""

from __future__ import annotations

from decimal import Decimal

import attrs
from hypothesis import given
from hypothesis import strategies as st

from civaffairs.eldercare.institution_rating import (
    LEVEL_THRESHOLDS,
    PART_MAXIMA,
    InstitutionLevel,
    Part,
    ScoreSheet,
    level_for,
)


def points(part: Part) -> st.SearchStrategy[Decimal]:
    """Half-point scores from 0 to the part's maximum."""
    return st.integers(0, PART_MAXIMA[part] * 2).map(lambda n: Decimal(n) / 2)


SHEETS = st.builds(
    ScoreSheet,
    points(Part.ENVIRONMENT),
    points(Part.FACILITIES),
    points(Part.OPERATIONS),
    points(Part.SERVICES),
)


@given(SHEETS, st.sampled_from(Part), st.data())
def test_the_rating_never_rises_when_a_part_drops(
    sheet: ScoreSheet, part: Part, data: st.DataObject
) -> None:
    lower = data.draw(st.integers(0, int(sheet.part(part) * 2)).map(lambda n: Decimal(n) / 2))
    dropped = attrs.evolve(sheet, **{part.value: lower})
    assert level_for(dropped).value <= level_for(sheet).value


@given(SHEETS)
def test_the_level_is_the_highest_whose_two_conditions_hold(sheet: ScoreSheet) -> None:
    level = level_for(sheet)
    for threshold_level, total, share in LEVEL_THRESHOLDS:
        holds = sheet.total >= total and all(sheet.part(p) >= share * PART_MAXIMA[p] for p in Part)
        assert holds == (threshold_level.value <= level.value)
    assert level is InstitutionLevel(level.value)
