"""The orphan and 事实无人抚养 allowances in columns decide every person as the scalar rule does.

Random households (registered in Chongqing, which has standards from 2024-07-01, or Hubei,
which has none; ages on and around the 18th birthday; full-time students or not) with random
facts (each parent in every situation, with and without the fact the situation needs, terms of
5, 6 and 7 months, lost contact on, a day before and a day after the six months; placements;
assistance received of 0 and one fen under, at and over a standard) are converted with
``to_table`` and decided by ``assess_table``; each person's row must equal
:func:`civaffairs.assistance.children.assess_person`: outcome, amount to the fen, reason codes.
Dates run from 2019 (事实无人抚养 not yet covered, no six-month parameter) to 2028.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from unittest import mock

import attrs
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civaffairs.assistance import children
from civaffairs.assistance.children import ChildFacts, Parent, ParentSituation, Placement
from civaffairs.batch import children as batch_children
from civaffairs.batch.children import REASON_CATALOGUE
from civaffairs.dates import add_months
from civaffairs.decisions import Decision, Outcome
from civaffairs.entities import (
    Disability,
    DisabilityCategory,
    Household,
    Member,
    Relationship,
    SpecialStatus,
)
from civaffairs.errors import ParameterError
from civaffairs.money import yuan_to_fen
from civaffairs.parameters import ParameterBook, default_book
from civaffairs.testing import strategies as cst

BOOK = default_book()
# Chongqing keeps paying full-time students past 18 from 2025 (a local switch, e.g. Chengdu's).
STUDENTS = BOOK.override(
    "assistance.children.continue_for_full_time_students", "500000", True, dt.date(2025, 1, 1)
)
_RECEIVED = st.none() | st.sampled_from(
    [
        "0",
        "500",
        "1624.99",
        "1625",
        "1625.01",
        "1650.99",
        "1651",
        "1651.01",
        "1824.99",
        "1825",
        "1850.99",
        "1851",
        "1851.01",
        "1999.99",
        "2000",
        "2000.01",
    ]
).map(Decimal)
_DISABILITIES = st.none() | st.builds(
    Disability, st.sampled_from(DisabilityCategory), st.integers(1, 4)
)

Population = tuple[dt.date, list[Household], dict[str, dict[str, ChildFacts]], list[str | None]]


@st.composite
def _parents(draw: st.DrawFn, on: dt.date) -> Parent | None:
    if draw(st.integers(0, 9)) == 0:
        return None
    six = add_months(on, -6)
    since = draw(
        st.none()
        | st.sampled_from([six, six - dt.timedelta(days=1), six + dt.timedelta(days=1), on])
        | st.dates(on - dt.timedelta(days=1000), on + dt.timedelta(days=100))
    )
    return Parent(
        draw(st.sampled_from(ParentSituation)),
        disability=draw(_DISABILITIES),
        term_months=draw(st.none() | st.sampled_from([0, 5, 6, 7, 120])),
        since=since,
    )


@st.composite
def _facts(draw: st.DrawFn, on: dt.date) -> ChildFacts:
    return ChildFacts(
        father=draw(_parents(on)),
        mother=draw(_parents(on)),
        placement=draw(st.none() | st.sampled_from(Placement)),
        assistance_received=draw(st.just(Decimal(0)) | _RECEIVED),
    )


@st.composite
def populations(draw: st.DrawFn) -> Population:
    on = draw(
        st.dates(dt.date(2024, 7, 1), dt.date(2028, 12, 31))
        | st.dates(dt.date(2019, 1, 1), dt.date(2028, 12, 31))
        | st.sampled_from(
            [dt.date(2019, 12, 31), dt.date(2020, 1, 1), dt.date(2024, 7, 1), dt.date(2025, 7, 1)]
        )
    )
    households: list[Household] = []
    facts: dict[str, dict[str, ChildFacts]] = {}
    wheres: list[str | None] = []
    for index in range(draw(st.integers(1, 4))):
        members: list[Member] = []
        for position in range(draw(st.integers(1, 4))):
            ages = (18, 60) if position == 0 else draw(st.sampled_from([(0, 17), (17, 19)]))
            person = draw(
                cst.persons(
                    on=on,
                    jurisdiction=draw(st.sampled_from(["500000", "500000", "500000", "420000"])),
                    min_age=ages[0],
                    max_age=ages[1],
                    with_resident_id=False,
                )
            )
            statuses = person.statuses - {SpecialStatus.FULL_TIME_STUDENT}
            if draw(st.booleans()):
                statuses |= {SpecialStatus.FULL_TIME_STUDENT}
            person = attrs.evolve(person, id=f"m{position}", statuses=statuses)
            relationship = (
                Relationship.APPLICANT
                if position == 0
                else draw(st.sampled_from([Relationship.GRANDCHILD, Relationship.OTHER]))
            )
            members.append(Member(person, relationship, True))
        household = Household(f"H{index}", members)
        households.append(household)
        facts[household.id] = {m.person.id: draw(_facts(on)) for m in members}
        wheres.append(draw(st.sampled_from([None, None, None, "500000", "500103", "420000"])))
    return on, households, facts, wheres


def _table(population: Population) -> pa.Table:
    _, households, facts, wheres = population
    return pa.concat_tables(
        [
            batch_children.to_table([h], facts, jurisdiction=where)
            for h, where in zip(households, wheres, strict=True)
        ]
    )


def _scalar(
    household: Household,
    pid: str,
    on: dt.date,
    facts: ChildFacts,
    place: tuple[str | None, ParameterBook],
) -> Decision | ParameterError:
    where, book = place
    try:
        return children.assess_person(
            household, pid, on, facts=facts, jurisdiction=where, book=book
        )
    except ParameterError as exc:
        return exc


def _check(population: Population, book: ParameterBook) -> None:
    on, households, facts, wheres = population
    rows = batch_children.assess_table(_table(population), on, book=book).to_pylist()
    at = 0
    for household, where in zip(households, wheres, strict=True):
        for member in household.members:
            pid = member.person.id
            row = rows[at]
            at += 1
            assert (row["household_id"], row["person_id"]) == (household.id, pid)
            given = facts[household.id][pid]
            decision = _scalar(household, pid, on, given, (where, book))
            context = f"{member!r} {given!r} in {where} on {on}: {row} / {decision}"
            if isinstance(decision, ParameterError):
                assert row["outcome"] == "cannot_decide", context
                assert row["reasons"] == ["batch.parameter_unavailable"], context
                continue
            paid = 0 if decision.amount is None else yuan_to_fen(decision.amount.total)
            assert row["outcome"] == decision.outcome.value, context
            assert row["amount_fen"] == paid, context
            assert row["reasons"] == sorted(set(decision.codes), key=REASON_CATALOGUE.index), (
                context
            )
            assert row["jurisdiction"] == decision.jurisdiction, context
            kind = children.allowance_kind(decision)
            expected = (
                None
                if not decision.eligible
                else "orphan"
                if kind is not None and kind.value == "orphan"
                else "unsupported"
            )
            assert row["category"] == expected, context
            assert (row["problems"] is None) == (decision.outcome is not Outcome.CANNOT_DECIDE), (
                context
            )
    assert at == len(rows)


_SETTINGS = settings(
    deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


@pytest.mark.parametrize("book", [BOOK, STUDENTS], ids=["shipped", "students"])
@_SETTINGS
@given(population=populations())
def test_columns_equal_the_scalar_rule(book: ParameterBook, population: Population) -> None:
    _check(population, book)


@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(populations(), st.integers(1, 5), st.sampled_from([1, 2]))
def test_slices_and_threads_never_change_the_result(
    population: Population, slice_rows: int, workers: int
) -> None:
    on = population[0]
    table = _table(population)
    whole = batch_children.assess_table(table, on, book=BOOK, workers=1)
    with mock.patch.object(batch_children, "SLICE_ROWS", slice_rows):
        sliced = batch_children.assess_table(table, on, book=BOOK, workers=workers)
    assert sliced.to_pylist() == whole.to_pylist()


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(populations())
def test_read_facts_inverts_write_facts(population: Population) -> None:
    _, households, facts, _ = population
    table = _table(population)
    rows = table.to_pylist()
    at = 0
    for household in households:
        own = rows[at : at + len(household.members)]
        at += len(household.members)
        assert batch_children.read_facts(own) == facts[household.id]


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(populations(), st.data())
def test_a_bad_cell_leaves_only_its_person_undecided(
    population: Population, data: st.DataObject
) -> None:
    """A bad cell is never read as a value: its person is undecided, the others as before."""
    on = population[0]
    table = _table(population)
    row = data.draw(st.integers(0, table.num_rows - 1))
    column, bad = data.draw(
        st.sampled_from([("child_father_situation", "vanished"), ("child_assistance_received", -1)])
    )
    values = table.column(column).to_pylist()
    values[row] = bad
    field = table.schema.field(column)
    kind = pa.string() if pa.types.is_dictionary(field.type) else field.type
    spoiled = table.set_column(table.schema.get_field_index(column), column, pa.array(values, kind))
    before = batch_children.assess_table(table, on, book=BOOK).to_pylist()
    after = batch_children.assess_table(spoiled, on, book=BOOK).to_pylist()
    for index, (old, new) in enumerate(zip(before, after, strict=True)):
        if index == row:
            assert new["outcome"] == "cannot_decide"
            assert new["reasons"] == ["batch.invalid_value"]
            assert new["problems"] == [column]
            assert new["category"] is None
        else:
            assert new == old
