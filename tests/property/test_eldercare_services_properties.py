"""Invariants of the eldercare service rules: meal aid, home adaptation and the service list.

"Cannot decide" must mean what it says: when a rule decides despite unestablished facts,
every way of establishing them gives the same answer.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs
from eldercare_strategies import FLAGS, older_persons, resolutions
from hypothesis import given
from hypothesis import strategies as st

from civaffairs.decisions import Decision, Outcome
from civaffairs.eldercare import entitlements, home_adaptation, meal_aid
from civaffairs.eldercare.groups import OlderPerson
from civaffairs.entities import AssistanceLayer

ON = st.dates(dt.date(2023, 10, 23), dt.date(2030, 12, 31))


def _same(decided: Decision, resolved: Decision) -> None:
    assert resolved.outcome is decided.outcome
    assert (resolved.amount and resolved.amount.total) == (decided.amount and decided.amount.total)


@given(older_persons(), ON, st.data())
def test_meal_aid_decided_with_unknowns_holds_for_every_resolution(
    older: OlderPerson, on: dt.date, data: st.DataObject
) -> None:
    decided = meal_aid.assess(older, on)
    if decided.outcome is not Outcome.CANNOT_DECIDE:
        _same(decided, meal_aid.assess(data.draw(resolutions(older)), on))
    else:
        assert decided.missing


@given(older_persons(), ON, st.integers(0, 800).map(lambda fen: Decimal(fen) / 100), st.data())
def test_meal_aid_at_a_price_decided_with_unknowns_holds_for_every_resolution(
    older: OlderPerson, on: dt.date, price: Decimal, data: st.DataObject
) -> None:
    decided = meal_aid.assess(older, on, meal_price=price)
    if decided.outcome is not Outcome.CANNOT_DECIDE:
        resolved = meal_aid.assess(data.draw(resolutions(older)), on, meal_price=price)
        _same(decided, resolved)
    else:
        assert decided.missing
    if decided.missing:
        assert "eldercare.meal_aid.no_status_tier" not in decided.codes


@given(older_persons(known=True), ON, st.sampled_from(FLAGS))
def test_joining_a_group_never_lowers_the_meal_subsidy(
    older: OlderPerson, on: dt.date, flag: str
) -> None:
    def total(person: OlderPerson) -> Decimal:
        amount = meal_aid.assess(person, on).amount
        return amount.total if amount else Decimal(0)

    joined: dict[str, Any] = {flag: True}
    apart: dict[str, Any] = {flag: False}
    assert total(attrs.evolve(older, **joined)) >= total(attrs.evolve(older, **apart))
    assert total(attrs.evolve(older, layer=AssistanceLayer.EXTREME_POVERTY)) >= total(older)


@given(older_persons(), ON, st.data())
def test_home_adaptation_decided_with_unknowns_holds_for_every_resolution(
    older: OlderPerson, on: dt.date, data: st.DataObject
) -> None:
    decided = home_adaptation.assess(older, on)
    if decided.outcome is not Outcome.CANNOT_DECIDE:
        _same(decided, home_adaptation.assess(data.draw(resolutions(older)), on))


@given(older_persons(), ON, st.data())
def test_entitlements_decided_with_unknowns_hold_for_every_resolution(
    older: OlderPerson, on: dt.date, data: st.DataObject
) -> None:
    decided = entitlements.assess(older, on)
    resolved = entitlements.assess(data.draw(resolutions(older)), on)
    for before, after in zip(decided.entitlements, resolved.entitlements, strict=True):
        assert before.service == after.service
        if before.decision.outcome is not Outcome.CANNOT_DECIDE:
            assert after.decision.outcome is before.decision.outcome
        elif before.decision.missing:  # undecided for facts, not for a parameter gap
            assert after.decision.outcome is not Outcome.CANNOT_DECIDE
