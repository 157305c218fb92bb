"""Invariants of marriage registration and of the divorce-by-agreement timeline.

Issue #17 names them: eligibility to marry is symmetric in the couple and monotone in age;
the kinship bar is symmetric; the timeline's dates strictly increase; JSON round trips are
exact; fuzzed JSON gives only the documented error.  One more holds the rest-day logic
honest: without a calendar a decision is either the one any calendar gives or "cannot
decide" naming ``$.rest_days`` (a last day only ever moves later, 《民法典》 art. 203).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

from civaffairs.conversion import dumps, loads
from civaffairs.decisions import Decision, Outcome
from civaffairs.errors import CivaffairsError, InvalidDocumentError
from civaffairs.family.marriage import (
    DivorceApplication,
    Kinship,
    MarriageApplication,
    assess_divorce,
    assess_registration,
    divorce_timeline,
    kinship_bar,
)
from civaffairs.testing import strategies as cst

DATES = st.dates(min_value=dt.date(2021, 1, 1), max_value=dt.date(2026, 12, 31))
COUPLES = DATES.flatmap(
    lambda on: st.tuples(st.just(on), cst.marriage_applications(on=on, same_sex=True))
)
KINSHIPS = st.one_of(
    st.just(Kinship(related=False)),
    st.tuples(st.integers(0, 6), st.integers(1, 6)).map(lambda g: Kinship(True, g[0], g[1])),
)


@given(COUPLES)
def test_eligibility_is_symmetric_in_the_couple(case: tuple[dt.date, MarriageApplication]) -> None:
    """Swapping the two parties never changes the outcome (《民法典》 art. 1046: "男女双方")."""
    on, couple = case
    first, second = assess_registration(couple, on), assess_registration(couple.swapped(), on)
    assert first.outcome is second.outcome
    assert sorted((r.code, str(r.met)) for r in first.reasons) == sorted(
        (r.code, str(r.met)) for r in second.reasons
    )


def _age_reasons(decision: Decision) -> list[bool | None]:
    return [r.met for r in decision.reasons if r.code == "family.marriage.registration.age"]


@given(COUPLES, st.integers(0, 3000), st.integers(0, 3000))
def test_older_on_the_same_facts_never_loses_eligibility_by_age(
    case: tuple[dt.date, MarriageApplication], older_first: int, older_second: int
) -> None:
    """Art. 1047 sets a minimum age only ("不得早于"): being older never fails the age test."""
    on, couple = case

    def aged(index: int, days: int) -> Any:
        party = couple.parties[index]
        person = party.person
        born = person.birth_date - dt.timedelta(days=days)
        return attrs.evolve(party, person=attrs.evolve(person, birth_date=born, resident_id=None))

    older = attrs.evolve(couple, parties=(aged(0, older_first), aged(1, older_second)))
    before, after = assess_registration(couple, on), assess_registration(older, on)
    assert all(a or not b for b, a in zip(_age_reasons(before), _age_reasons(after), strict=True))
    if before.outcome is Outcome.ELIGIBLE:
        assert after.outcome is Outcome.ELIGIBLE


@given(KINSHIPS, st.integers(1, 6))
def test_the_kinship_bar_is_symmetric(kinship: Kinship, generations: int) -> None:
    """Art. 1048 names a relation between two persons: it reads the same from either side."""
    assert kinship_bar(kinship, generations) is kinship_bar(kinship.swapped(), generations)


@given(cst.divorce_applications())
def test_timeline_dates_strictly_increase(application: DivorceApplication) -> None:
    """Art. 1077's dates: receipt < end of the cooling-off < first day to apply < last day.

    Each period is at least its 30 days (art. 201: the start day not counted), a last day is
    never a rest day (art. 203), and rest days only ever move last days later.
    """
    calendar = application.rest_days or frozenset()
    timeline = divorce_timeline(application.received_on, rest_days=calendar)
    assert (
        timeline.received_on
        < timeline.cooling_off_ends
        < timeline.certificate_from
        < timeline.certificate_until
    )
    assert timeline.cooling_off_ends >= application.received_on + dt.timedelta(days=30)
    assert timeline.certificate_until >= timeline.cooling_off_ends + dt.timedelta(days=30)
    assert timeline.cooling_off_ends not in calendar
    assert timeline.certificate_until not in calendar
    nominal = divorce_timeline(application.received_on)
    assert nominal.cooling_off_ends <= timeline.cooling_off_ends
    assert nominal.certificate_until <= timeline.certificate_until


@given(cst.divorce_applications(), st.integers(0, 120))
def test_without_a_calendar_the_decision_is_right_or_asks_for_it(
    application: DivorceApplication, after: int
) -> None:
    """No calendar: the outcome any calendar would give, or "cannot decide" naming it."""
    last = max(
        d
        for d in (
            application.received_on,
            application.withdrawn_on,
            application.certificate_applied_on,
        )
        if d is not None
    )
    on = last + dt.timedelta(days=after)
    with_calendar = assess_divorce(application, on)
    without = assess_divorce(attrs.evolve(application, rest_days=None), on)
    if "$.rest_days" in without.missing:
        assert without.outcome is Outcome.CANNOT_DECIDE
    elif application.rest_days is not None:
        assert without.outcome is with_calendar.outcome
    assert with_calendar.as_of == on


@given(COUPLES)
def test_registration_json_round_trips_exactly(case: tuple[dt.date, MarriageApplication]) -> None:
    """The application (personal data revealed) and the decision survive JSON unchanged."""
    on, couple = case
    assert loads(dumps(couple, reveal_personal_data=True), MarriageApplication) == couple
    decision = assess_registration(couple, on)
    assert loads(dumps(decision), Decision) == decision


@given(cst.divorce_applications())
def test_divorce_json_round_trips_exactly(application: DivorceApplication) -> None:
    assert loads(dumps(application), DivorceApplication) == application
    on = application.received_on + dt.timedelta(days=100)
    decision = assess_divorce(application, on)
    assert loads(dumps(decision), Decision) == decision


#: JSON values of every shape, for fuzzing.
JSON: st.SearchStrategy[Any] = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**30), 10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
    | st.sampled_from(["2025-08-01", "2020-12-31", "1849-12-31", "500156", "male", "female"]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)


def _mutated(document: Any, draw: st.DrawFn) -> Any:
    """Replace one value (anywhere) of ``document`` by arbitrary JSON, or drop one key."""
    if isinstance(document, dict) and document:
        key = draw(st.sampled_from(sorted(document)))
        choice = draw(st.integers(0, 2))
        if choice == 0:
            return {k: v for k, v in document.items() if k != key}
        if choice == 1:
            return document | {key: draw(JSON)}
        return document | {key: _mutated(document[key], draw)}
    if isinstance(document, list) and document:
        index = draw(st.integers(0, len(document) - 1))
        return [*document[:index], _mutated(document[index], draw), *document[index + 1 :]]
    return draw(JSON)


@st.composite
def fuzzed(draw: st.DrawFn, kind: type) -> str:
    if draw(st.booleans()):
        return json.dumps(draw(JSON), ensure_ascii=False)
    valid = (
        draw(cst.marriage_applications())
        if kind is MarriageApplication
        else draw(cst.divorce_applications())
    )
    document = json.loads(dumps(valid, reveal_personal_data=True))
    return json.dumps(_mutated(document, draw), ensure_ascii=False)


def _read(text: str, kind: type[Any]) -> Any:
    """Return the request, or the problems of a refused document (each named by path)."""
    try:
        return loads(text, kind)
    except InvalidDocumentError as error:
        return error.errors


@given(fuzzed(MarriageApplication))
def test_fuzzed_registration_json_gives_only_the_documented_errors(text: str) -> None:
    """A document is read and decided, or refused with a civaffairs error naming its paths."""
    read = _read(text, MarriageApplication)
    if isinstance(read, tuple):
        assert read
        assert all(e.path.startswith("$") for e in read)
        return
    try:
        decision = assess_registration(read, dt.date(2025, 8, 1))
    except CivaffairsError:
        return
    assert decision.outcome in set(Outcome)


@given(fuzzed(DivorceApplication))
def test_fuzzed_divorce_json_gives_only_the_documented_errors(text: str) -> None:
    read = _read(text, DivorceApplication)
    if isinstance(read, tuple):
        assert read
        assert all(e.path.startswith("$") for e in read)
        return
    try:
        decision = assess_divorce(read, dt.date(2027, 6, 1))
    except CivaffairsError:
        return
    assert decision.outcome in set(Outcome)
