"""Invariants of the classification of children in difficulty (困境儿童, 国发〔2016〕36号).

The categories do not depend on the order the evidence is listed in; more evidence never
removes a category or a route; a route rests only on categories that hold; an adult is never
a child in difficulty (民法典 art. 17); the JSON form round-trips exactly; and fuzzed JSON gives
a decision or the documented error, nothing else.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

from civaffairs.assistance import children_in_difficulty as cid
from civaffairs.assistance.children_in_difficulty import (
    ChildInDifficultyApplication,
    ChildInDifficultyFacts,
    Classification,
    GuardianshipSituation,
    Harm,
    Incident,
)
from civaffairs.conversion import dumps, loads
from civaffairs.decisions import Decision, Outcome
from civaffairs.entities import ChildAllowance
from civaffairs.errors import CivaffairsError
from civaffairs.testing import strategies as cst

DATES = st.dates(min_value=dt.date(2016, 6, 13), max_value=dt.date(2027, 12, 31))
ON = dt.date(2025, 8, 1)
APPLICATIONS = cst.children_in_difficulty_applications(on=ON)
INCIDENTS = st.builds(
    Incident,
    situation=st.none() | st.sampled_from(GuardianshipSituation),
    harm=st.none() | st.sampled_from(Harm),
)


def classify(application: ChildInDifficultyApplication, on: dt.date = ON) -> Classification:
    return cid.classify(application.household, application.person, on, facts=application.facts)


def unnumbered(path: str) -> str:
    return re.sub(r"\[\d+\]", "[*]", path)


def routes(found: Classification) -> frozenset[cid.Route]:
    """Every route listed: those that apply and those pending."""
    return frozenset(r.route for r in found.routes)


@given(APPLICATIONS, st.randoms(use_true_random=False))
def test_categories_do_not_depend_on_the_order_of_the_evidence(
    application: ChildInDifficultyApplication, random: Any
) -> None:
    """36号 序言 defines each category by what happened, not by the order it was recorded in."""
    incidents = list(application.facts.incidents)
    random.shuffle(incidents)
    shuffled = attrs.evolve(
        application, facts=attrs.evolve(application.facts, incidents=tuple(incidents))
    )
    first, second = classify(application), classify(shuffled)
    assert first.held == second.held
    assert first.applying == second.applying
    assert routes(first) == routes(second)
    assert first.outcome is second.outcome
    # the same facts are missing, up to the renumbering of the incidents
    assert sorted(map(unnumbered, first.missing)) == sorted(map(unnumbered, second.missing))


@st.composite
def more_evidence(draw: st.DrawFn, facts: ChildInDifficultyFacts) -> ChildInDifficultyFacts:
    """The same facts and more evidence: an incident added, or a "no"/unknown turned "yes"."""
    changes: dict[str, Any] = {}
    if draw(st.booleans()):
        changes["incidents"] = (*facts.incidents, draw(INCIDENTS))
    for name in (
        "temporary_assistance",
        "autism",
        "in_welfare_institution",
        "other_economic_hardship",
    ):
        if draw(st.booleans()):
            changes[name] = True
    if facts.child_allowance in (None, ChildAllowance.NONE) and draw(st.booleans()):
        changes["child_allowance"] = draw(
            st.sampled_from([a for a in ChildAllowance if a is not ChildAllowance.NONE])
        )
    return attrs.evolve(facts, **changes)


@given(APPLICATIONS, st.data())
def test_more_evidence_never_removes_a_category_or_a_route(
    application: ChildInDifficultyApplication, data: st.DataObject
) -> None:
    """A child may be in several categories and the routes are their union (36号 一(二)
    "分类保障"): adding evidence adds categories and routes, never removes one."""
    richer = attrs.evolve(application, facts=data.draw(more_evidence(application.facts)))
    before, after = classify(application), classify(richer)
    assert before.held <= after.held
    assert before.applying <= after.applying
    assert routes(before) <= routes(after)
    if before.outcome is Outcome.ELIGIBLE:
        assert after.outcome is Outcome.ELIGIBLE


@given(APPLICATIONS, DATES)
def test_routes_rest_on_categories_that_hold(
    application: ChildInDifficultyApplication, on: dt.date
) -> None:
    """Every route names the categories that open it, and each of them holds; no category, no
    route; the decision is eligible exactly when a category holds."""
    child = application.household.member(application.person).person
    on = max(on, child.birth_date)
    found = classify(application, on)
    for route in found.routes:
        assert route.basis
        assert set(route.basis) <= found.held
        assert (route.applies is None) == bool(route.missing)
    if not found.held:
        assert found.routes == ()
    decision = cid.assess_application(application, on)
    assert decision.outcome is found.outcome
    if decision.outcome is Outcome.CANNOT_DECIDE:
        assert decision.missing
        assert all(p.startswith("$.facts.") for p in decision.missing)
    else:
        assert decision.missing == ()


@given(cst.children_in_difficulty_applications(on=ON, min_age=18, max_age=90))
def test_an_adult_is_never_a_child_in_difficulty(
    application: ChildInDifficultyApplication,
) -> None:
    """民法典 第十七条: "十八周岁以上的自然人为成年人"."""
    found = classify(application)
    assert (found.minor, found.held, found.routes) == (False, frozenset(), ())
    decision = cid.assess_application(application, ON)
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert "assistance.children_in_difficulty.adult" in decision.codes


@given(APPLICATIONS)
def test_json_round_trip_is_exact(application: ChildInDifficultyApplication) -> None:
    """An application and its decision read back from their JSON are the same values."""
    assert loads(dumps(application, reveal_personal_data=True), type(application)) == application
    decision = cid.assess_application(application, ON)
    again = loads(dumps(decision), Decision)
    assert again == decision


JSON: st.SearchStrategy[Any] = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**6), max_value=10**6)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
    | st.sampled_from(["dibao", "orphan", "guardian_harms", "abuse", "none", "2020-01-01"]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
FIELDS = (
    "layer",
    "child_allowance",
    "temporary_assistance",
    "autism",
    "in_welfare_institution",
    "other_economic_hardship",
    "incidents",
)


@given(APPLICATIONS, st.sampled_from(FIELDS), JSON)
def test_fuzzed_json_gives_a_decision_or_the_documented_error(
    application: ChildInDifficultyApplication, field: str, value: Any
) -> None:
    """Any value in any field of the facts: a decision, or a CivaffairsError naming the path."""
    document = json.loads(dumps(application, reveal_personal_data=True))
    document["facts"][field] = value
    try:
        request = loads(json.dumps(document), ChildInDifficultyApplication)
    except CivaffairsError as error:
        refused = str(error)
    else:
        refused = ""
    if refused:
        assert f"$.facts.{field}" in refused
        return
    decision = cid.assess_application(request, ON)
    assert decision.programme == "assistance.children_in_difficulty"
