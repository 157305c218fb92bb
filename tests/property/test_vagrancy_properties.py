"""Invariants of station relief (流浪乞讨人员救助管理, :mod:`civaffairs.assistance.vagrancy`).

Cases are drawn by :func:`civaffairs.testing.strategies.vagrancy_cases` (help sought up to
60 days before the as-of date, every fact three-valued, extensions filed or not) and
decided with the national figures.  The invariants: the stay's last day never precedes
admission; an extension never shortens a stay; eligibility is monotone in the four
conditions of 细则 art. 2 (meeting fewer never gives relief to someone refused); every
decision cites its articles and masks the person; JSON round trips exactly; fuzzed JSON
is decided or refused with the documented error only.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

from civaffairs.assistance import vagrancy
from civaffairs.assistance.vagrancy import Conditions, StayExtension, VagrancyCase
from civaffairs.conversion import dumps, loads, unstructure
from civaffairs.decisions import Decision, Outcome
from civaffairs.errors import CivaffairsError, InvalidDocumentError, InvalidInputError
from civaffairs.testing import invariants
from civaffairs.testing import strategies as cst

DAYS = st.dates(min_value=dt.date(2004, 1, 1), max_value=dt.date(2030, 12, 31))
RANK = {Outcome.NOT_ELIGIBLE: 0, Outcome.CANNOT_DECIDE: 1, Outcome.ELIGIBLE: 2}
#: A condition's order: established as not met < not established < met.
WEAKER = {True: (True, None, False), None: (None, False), False: (False,)}
NAMES = tuple(f.name for f in attrs.fields(Conditions))


@st.composite
def dated_cases(draw: st.DrawFn) -> tuple[dt.date, VagrancyCase]:
    on = draw(DAYS)
    return on, draw(cst.vagrancy_cases(on=on, station="500156"))


@given(dated_cases())
def test_the_last_day_never_precedes_admission(dated: tuple[dt.date, VagrancyCase]) -> None:
    """细则 第十二条 with 《民法典》 第二百零一条: a stay of n days ends n days after admission, so
    never before it, and extensions only add."""
    on, case = dated
    limit = vagrancy.stay_limit(case, on)
    assert limit.general_last_day > limit.admitted_on == case.requested_on
    if limit.last_day is not None:
        assert limit.last_day >= limit.general_last_day
        assert limit.last_day == limit.general_last_day + dt.timedelta(
            days=sum(e.days for e in limit.counted)
        )
        assert len(limit.counted) + len(limit.refused) == len(case.extensions)


@given(dated_cases(), st.integers(0, 40), st.integers(1, 30), st.booleans())
def test_an_extension_never_shortens_the_stay(
    dated: tuple[dt.date, VagrancyCase], offset: int, days: int, filed: bool
) -> None:
    """ "因特殊情况需要延长的" (细则 第十二条): adding an extension never moves the last day
    earlier, and a decision on relief never turns from eligible to not eligible."""
    on, case = dated
    decided = min(case.requested_on + dt.timedelta(days=offset), on)
    extension = StayExtension(decided, days, filed_on=decided if filed else None)
    longer = attrs.evolve(case, extensions=(*case.extensions, extension))
    before, after = vagrancy.stay_limit(case, on), vagrancy.stay_limit(longer, on)
    if before.last_day is not None:
        assert after.last_day is not None
        assert after.last_day >= before.last_day
    assert RANK[vagrancy.assess(longer, on).outcome] >= RANK[vagrancy.assess(case, on).outcome]


@given(dated_cases(), st.data())
def test_eligibility_is_monotone_in_the_conditions(
    dated: tuple[dt.date, VagrancyCase], data: st.DataObject
) -> None:
    """细则 第二条: relief needs all four conditions, so meeting fewer (a condition weakened from
    met to not established, or to established as not met) never makes a refused person
    eligible: the outcome never rises."""
    on, case = dated
    weaker = Conditions(
        *(data.draw(st.sampled_from(WEAKER[getattr(case.conditions, name)])) for name in NAMES)
    )
    fewer = attrs.evolve(case, conditions=weaker)
    assert RANK[vagrancy.assess(fewer, on).outcome] <= RANK[vagrancy.assess(case, on).outcome]


@given(dated_cases())
def test_decisions_cite_and_mask(dated: tuple[dt.date, VagrancyCase]) -> None:
    """Every reason cites its article; the person's name and resident ID never show."""
    on, case = dated
    decision = vagrancy.assess(case, on)
    invariants.check_decision_cites(decision)
    assert (decision.outcome is Outcome.CANNOT_DECIDE) == bool(decision.missing)
    person = case.person
    if person is not None:
        text = decision.render("zh") + decision.render("en") + dumps(decision) + repr(case)
        if person.name:
            assert person.name not in text or len(person.name) == 1
        if person.resident_id is not None:
            assert person.resident_id.reveal() not in text


@given(dated_cases())
def test_json_round_trip_is_exact(dated: tuple[dt.date, VagrancyCase]) -> None:
    """A case and its decision survive JSON exactly (personal data revealed)."""
    on, case = dated
    invariants.check_json_round_trip(case)
    decision = vagrancy.assess(case, on)
    assert loads(dumps(decision), Decision) == decision


#: JSON values to put in place of a field: every shape, and the awkward ones.
VALUES: st.SearchStrategy[Any] = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
    | st.sampled_from(["2025-08-01", "2003-07-31", "9999-12-31", "given", "500156", ""]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)


def _paths(data: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [here]
    if isinstance(data, dict):
        for key, value in data.items():
            found.extend(_paths(value, (*here, key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found.extend(_paths(value, (*here, index)))
    return found


def _replace(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    copy = dict(data) if isinstance(data, dict) else list(data)
    copy[head] = _replace(data[head], rest, value)
    return copy


def _drop(data: Any, path: tuple[Any, ...]) -> Any:
    if len(path) == 1:
        return {k: v for k, v in data.items() if k != path[0]}
    copy = dict(data) if isinstance(data, dict) else list(data)
    copy[path[0]] = _drop(data[path[0]], path[1:])
    return copy


@given(dated_cases(), st.data(), VALUES, st.booleans())
def test_fuzzed_json_is_decided_or_refused_by_path(
    dated: tuple[dt.date, VagrancyCase], data: st.DataObject, value: Any, drop: bool
) -> None:
    """A mutated document (a field replaced by any JSON value, or removed) is decided, or
    refused with the one documented error naming a path — never another exception."""
    on, case = dated
    document = unstructure(case, reveal_personal_data=True)
    path = data.draw(st.sampled_from(_paths(document)))
    if drop and path and isinstance(path[-1], str):
        mutated = _drop(document, path)
    else:
        mutated = _replace(document, path, value)
    text = json.dumps(mutated, ensure_ascii=False)
    problems: list[InvalidInputError] = []
    try:
        decided = vagrancy.assess(loads(text, VagrancyCase), on)
    except InvalidDocumentError as error:  # every bad field, by path
        problems.extend(error.errors)
        message = str(error)
    except InvalidInputError as error:  # a date of the case after the as-of date
        problems.append(error)
        message = str(error)
    except CivaffairsError as error:  # pragma: no cover - reported with its type
        raise AssertionError(f"undocumented error {type(error).__name__}: {error}") from None
    else:
        assert decided.programme == "assistance.vagrancy"
        return
    assert problems
    assert all(problem.path.startswith("$") for problem in problems)
    name = case.person.name if case.person is not None else None
    if name and len(name) > 1:
        assert name not in message
