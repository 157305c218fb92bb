"""Invariants of eldercare.subsidies (老年人权益保障法 arts. 30 and 37; 随州 2025 二(二)).

Drawn with the test kit's own strategies (:func:`civaffairs.testing.strategies.subsidy_requests`),
in every jurisdiction, on dates across the shipped values.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

from civaffairs.conversion import dumps, loads
from civaffairs.decisions import Decision, Outcome
from civaffairs.eldercare import assessment
from civaffairs.eldercare.subsidies import CareSetting, SubsidyRequest, assess
from civaffairs.entities import AbilityGrade, AssistanceLayer
from civaffairs.errors import CivaffairsError
from civaffairs.money import ZERO
from civaffairs.parameters import default_book
from civaffairs.testing import strategies as cst

ON = dt.date(2025, 8, 1)
AT_HOME = (CareSetting.HOME, CareSetting.FAMILY_BED)
GRADE_LINES = ("care", "family_bed", "concentrated")


def _line(decision: Decision, code: str) -> Decimal:
    if decision.amount is None:
        return ZERO
    return sum((line.amount for line in decision.amount.lines if line.code == code), ZERO)


@given(cst.subsidy_requests(on=ON, known=True), st.sampled_from(AbilityGrade))
def test_a_more_severe_grade_never_lowers_the_care_subsidy(
    request: SubsidyRequest, worse: AbilityGrade
) -> None:
    """Art. 30 para. 2: the care subsidy is given "根据其失能程度等情况".

    With every other fact the same, a grade at least as severe never gets a smaller care
    subsidy, nor a smaller total (the family bed and concentrated care only open with severity).
    """
    grade = request.older.ability
    assert grade is not None
    if worse.severity < grade.severity:
        grade, worse = worse, grade
    milder = attrs.evolve(request, older=attrs.evolve(request.older, ability=grade))
    severer = attrs.evolve(request, older=attrs.evolve(request.older, ability=worse))
    before, after = assess(milder, ON), assess(severer, ON)
    assert before.outcome is not Outcome.CANNOT_DECIDE
    assert _line(after, "care") >= _line(before, "care")
    total = (
        after.amount.total if after.amount else ZERO,
        before.amount.total if before.amount else ZERO,
    )
    assert total[0] >= total[1]


@given(cst.subsidy_requests(on=ON, known=True, settings=AT_HOME), st.integers(0, 3))
def test_a_layer_closer_to_extreme_poverty_never_loses_eligibility(
    request: SubsidyRequest, rank: int
) -> None:
    """Arts. 30 and 37: 经济困难 widens from 特困 outward; at home, closer to 特困 keeps a subsidy.

    A 特困 person loses the care subsidy (社会救助暂行办法 art. 15 (二): 特困供养 includes
    "对生活不能自理的给予照料") but keeps the service subsidy, which every disabled person
    has where the care subsidy is paid.  (In concentrated care, 特困 persons are in 特困
    集中供养 instead: that setting is left out on purpose.)
    """
    layer = request.older.layer
    assert layer is not None
    if not layer.is_low_income or rank >= layer.rank:
        return
    closer = AssistanceLayer(tuple(AssistanceLayer)[rank].value)
    if assess(request, ON).eligible:
        received = request.disability_care_subsidy
        if closer is AssistanceLayer.EXTREME_POVERTY:  # 特困: no disability care subsidy
            received = Decimal(0)
        moved = attrs.evolve(
            request,
            older=attrs.evolve(request.older, layer=closer),
            disability_care_subsidy=received,
        )
        assert assess(moved, ON).eligible


@given(cst.subsidy_requests(on=ON), st.dates(ON, dt.date(2028, 12, 31)))
def test_an_out_of_date_assessment_never_yields_a_grade_based_subsidy(
    request: SubsidyRequest, on: dt.date
) -> None:
    """GB/T 42195 常规评估: an expired grade (eldercare.assessment.valid_until) pays nothing."""
    assessed = request.ability_assessed_on
    if assessed is None:
        return
    until, _ = assessment.valid_until(
        assessed,
        on,
        jurisdiction=request.older.person.registration.jurisdiction,
        book=default_book(),
    )
    decision = assess(request, on)
    if on > until:
        assert all(_line(decision, code) == 0 for code in GRADE_LINES)
        assert "eldercare.subsidies.assessment_current" not in decision.codes


@given(cst.subsidy_requests(on=ON))
def test_the_json_round_trip_is_exact(request: SubsidyRequest) -> None:
    """conversion.dumps then loads gives the same request back (personal data revealed)."""
    assert loads(dumps(request, reveal_personal_data=True), SubsidyRequest) == request


@given(cst.subsidy_requests(on=ON))
def test_the_amount_is_the_sum_of_positive_lines(request: SubsidyRequest) -> None:
    decision = assess(request, ON)
    if decision.outcome is Outcome.ELIGIBLE:
        assert decision.amount is not None
        assert decision.amount.lines
        assert all(line.amount > 0 for line in decision.amount.lines)
        assert decision.amount.total == sum((line.amount for line in decision.amount.lines), ZERO)
    else:
        assert decision.amount is None
    assert (decision.outcome is Outcome.CANNOT_DECIDE) == bool(decision.missing)


@st.composite
def _resolved(draw: st.DrawFn, request: SubsidyRequest) -> SubsidyRequest:
    """``request`` with every unestablished fact the rule reads given a drawn value."""
    older = request.older
    subsidy = request.disability_care_subsidy
    # A positive disability care subsidy means the person is not in 特困 support.
    layers = [
        layer
        for layer in AssistanceLayer
        if not (subsidy and layer is AssistanceLayer.EXTREME_POVERTY)
    ]
    older = attrs.evolve(
        older,
        layer=older.layer if older.layer is not None else draw(st.sampled_from(layers)),
        ability=older.ability if older.ability is not None else draw(st.sampled_from(AbilityGrade)),
    )
    assessed = request.ability_assessed_on
    if assessed is None:
        assessed = draw(st.dates(older.person.birth_date, ON))
    if subsidy is None:
        receives = (
            older.person.disability is not None
            and older.layer is not AssistanceLayer.EXTREME_POVERTY
        )
        subsidy = (
            draw(st.integers(0, 50_000).map(lambda fen: Decimal(fen) / 100))
            if receives
            else Decimal(0)
        )
    return attrs.evolve(
        request, older=older, ability_assessed_on=assessed, disability_care_subsidy=subsidy
    )


@given(cst.subsidy_requests(on=ON), st.data())
def test_a_decision_with_unknown_facts_holds_for_every_resolution(
    request: SubsidyRequest, data: st.DataObject
) -> None:
    """ "Cannot decide" only when a missing fact matters: otherwise every resolution agrees."""
    decided = assess(request, ON)
    if decided.outcome is Outcome.CANNOT_DECIDE:
        return
    resolved = assess(data.draw(_resolved(request)), ON)
    assert resolved.outcome is decided.outcome
    assert (resolved.amount and resolved.amount.total) == (decided.amount and decided.amount.total)


_JSON: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | st.text(max_size=4) | st.floats(),
    lambda inner: (
        st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=3), inner, max_size=2)
    ),
    max_leaves=4,
)


def _paths(value: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(_paths(item, (*prefix, key)))
    return found


@given(cst.subsidy_requests(on=ON), st.data())
def test_a_mangled_document_raises_only_the_documented_errors(
    request: SubsidyRequest, data: st.DataObject
) -> None:
    """Fuzz: any field of a valid request replaced by any JSON value → our errors, never a crash."""
    document = json.loads(dumps(request, reveal_personal_data=True))
    path = data.draw(st.sampled_from(_paths(document)))
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = data.draw(_JSON)
    try:
        mangled = loads(json.dumps(document), SubsidyRequest)
        assess(mangled, ON)
    except CivaffairsError:
        pass
