"""The two disability subsidies in columns decide every person as the scalar rule does.

Random households (registered in Hubei or Chongqing, some members registered elsewhere than
where their household is decided, ages on and around the 18th birthday, every disability
category and grade, every layer and none) with random facts (each three-valued fact
established or not, every children's allowance kind, similar allowances one fen under, at and
over the subsidy) are converted with ``to_table`` and decided by ``assess_table``; each
person's living and care rows must equal
:func:`civaffairs.assistance.disability_subsidies.assess_person`: outcome, amount to the fen,
reason codes.  Dates run from before 2016-01-01 (国发〔2015〕52号 in force: no parameter yet)
to 2030; the extended books set parameters that are in force in one place and not another.
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

from civaffairs.assistance import disability_subsidies
from civaffairs.batch import disability_subsidies as batch_ds
from civaffairs.batch.disability_subsidies import REASON_CATALOGUE, DisabilityInputs
from civaffairs.decisions import Decision, Outcome
from civaffairs.entities import (
    AssistanceLayer,
    ChildAllowance,
    Disability,
    DisabilityCategory,
    Household,
    Member,
    Relationship,
)
from civaffairs.errors import ParameterError
from civaffairs.money import yuan_to_fen
from civaffairs.parameters import ParameterBook, default_book
from civaffairs.testing import strategies as cst

BOOK = default_book()
_LIVING = "assistance.disability_subsidies.living"
_CARE = "assistance.disability_subsidies.care"
# Extensions in force in one place and not another, and amounts missing where a switch needs
# them: marginal households from 2020 in Hubei but their amount only from 2021; grade 3-4
# intellectual and mental disability in Chongqing from 2019 with a grade-3 amount only; grade 3
# of every category in Hubei from 2022 with no grade-3 amount there.
EXTENDED = (
    BOOK.override(f"{_LIVING}.extend_to_marginal", "420000", True, dt.date(2020, 1, 1))
    .override(f"{_LIVING}.amount_marginal", "420000", Decimal("30.5"), dt.date(2021, 1, 1))
    .override(f"{_CARE}.max_grade_intellectual_mental", "500000", 4, dt.date(2019, 1, 1))
    .override(f"{_CARE}.amount.grade_3", "500000", Decimal("80"), dt.date(2019, 1, 1))
    .override(f"{_CARE}.max_grade", "420000", 3, dt.date(2022, 1, 1))
)
_OTHER = st.none() | st.sampled_from(
    ["0", "30.49", "30.5", "30.51", "49.99", "50", "50.01", "79.99", "80", "99.99", "100", "100.01"]
).map(Decimal)
_THREE = st.none() | st.booleans()

Population = tuple[
    dt.date, list[Household], dict[str, dict[str, DisabilityInputs]], list[str | None]
]


@st.composite
def _inputs(draw: st.DrawFn) -> DisabilityInputs:
    kind = draw(st.none() | st.sampled_from(ChildAllowance))
    placed = (
        draw(st.none() | st.just(kind is not ChildAllowance.NONE))
        if kind is not None
        else draw(_THREE)
    )
    facts = disability_subsidies.DisabilitySubsidyFacts(
        needs_long_term_care=draw(_THREE),
        work_injury_care_allowance=draw(st.none() | st.just(False) | st.booleans()),
        child_allowance=placed,
        child_allowance_kind=kind,
        other_living_allowance=draw(_OTHER),
        other_care_allowance=draw(_OTHER),
    )
    return DisabilityInputs(
        facts,
        draw(st.none() | st.sampled_from(AssistanceLayer)),
        draw(st.none() | st.none() | st.booleans()),
    )


_DISABILITIES = st.none() | st.builds(
    Disability, st.sampled_from(DisabilityCategory), st.integers(1, 4)
)


@st.composite
def populations(draw: st.DrawFn) -> Population:
    on = draw(st.dates(dt.date(2015, 10, 1), dt.date(2030, 12, 31)))
    households: list[Household] = []
    inputs: dict[str, dict[str, DisabilityInputs]] = {}
    wheres: list[str | None] = []
    for index in range(draw(st.integers(1, 4))):
        members: list[Member] = []
        for position in range(draw(st.integers(1, 4))):
            ages = (18, 60) if position == 0 else draw(st.sampled_from([(0, 90), (17, 18)]))
            place = draw(st.sampled_from(["420000", "500000"]))
            person = draw(
                cst.persons(
                    on=on,
                    jurisdiction=place,
                    min_age=ages[0],
                    max_age=ages[1],
                    with_resident_id=False,
                )
            )
            person = attrs.evolve(person, id=f"m{position}", disability=draw(_DISABILITIES))
            relationship = (
                Relationship.APPLICANT
                if position == 0
                else draw(st.sampled_from([Relationship.CHILD, Relationship.SPOUSE]))
            )
            members.append(Member(person, relationship, True))
        household = Household(f"H{index}", members)
        households.append(household)
        inputs[household.id] = {m.person.id: draw(_inputs()) for m in members}
        wheres.append(draw(st.sampled_from([None, None, "420000", "421303", "500000"])))
    return on, households, inputs, wheres


def _table(population: Population) -> pa.Table:
    _, households, inputs, wheres = population
    return pa.concat_tables(
        [
            batch_ds.to_table([h], inputs, jurisdiction=where)
            for h, where in zip(households, wheres, strict=True)
        ]
    )


def _scalar(  # noqa: PLR0917 - the scalar call's own arguments
    household: Household,
    pid: str,
    on: dt.date,
    found: DisabilityInputs,
    where: str | None,
    book: ParameterBook,
) -> tuple[Decision, Decision] | ParameterError:
    try:
        return disability_subsidies.assess_person(
            household,
            pid,
            on,
            layer=found.layer,
            in_extreme_poverty=found.in_extreme_poverty,
            facts=found.facts,
            jurisdiction=where,
            book=book,
        )
    except ParameterError as exc:
        return exc


def _check(population: Population, book: ParameterBook) -> None:
    on, households, inputs, wheres = population
    rows = batch_ds.assess_table(_table(population), on, book=book).to_pylist()
    at = 0
    for household, where in zip(households, wheres, strict=True):
        for member in household.members:
            pid = member.person.id
            pair = rows[at : at + 2]
            at += 2
            assert [r["programme"] for r in pair] == [_LIVING, _CARE]
            assert all(r["household_id"] == household.id and r["person_id"] == pid for r in pair)
            decisions = _scalar(household, pid, on, inputs[household.id][pid], where, book)
            context = f"{member!r} {inputs[household.id][pid]!r} in {where} on {on}: {pair}"
            if isinstance(decisions, ParameterError):
                # The scalar rule stops at the first parameter not in force (the living
                # subsidy's before the care subsidy's); the engine marks what needs one.
                unavailable = [r for r in pair if r["reasons"] == ["batch.parameter_unavailable"]]
                assert unavailable, context
                assert all(r["outcome"] == "cannot_decide" for r in unavailable), context
                continue
            for row, decision in zip(pair, decisions, strict=True):
                paid = 0 if decision.amount is None else yuan_to_fen(decision.amount.total)
                assert row["outcome"] == decision.outcome.value, context
                assert row["amount_fen"] == paid, context
                assert row["reasons"] == sorted(set(decision.codes), key=REASON_CATALOGUE.index), (
                    context
                )
                assert row["jurisdiction"] == decision.jurisdiction, context
                assert (row["problems"] is None) == (
                    decision.outcome is not Outcome.CANNOT_DECIDE
                ), context
    assert at == len(rows)


_SETTINGS = settings(
    deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


@pytest.mark.parametrize("book", [BOOK, EXTENDED], ids=["shipped", "extended"])
@_SETTINGS
@given(population=populations())
def test_columns_equal_the_scalar_rule(book: ParameterBook, population: Population) -> None:
    _check(population, book)


@_SETTINGS
@given(population=populations())
def test_layers_as_arrays_equal_the_layer_column(population: Population) -> None:
    on = population[0]
    table = _table(population)
    layers = table.column("ds_layer")
    extreme = table.column("ds_in_extreme_poverty")
    stripped = table.drop_columns(["ds_layer", "ds_in_extreme_poverty"])
    given_ = batch_ds.assess_table(
        stripped, on, book=EXTENDED, layers=layers.cast(pa.string()), in_extreme_poverty=extreme
    )
    assert given_.to_pylist() == batch_ds.assess_table(table, on, book=EXTENDED).to_pylist()


@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(populations(), st.integers(1, 5), st.sampled_from([1, 2]))
def test_slices_and_threads_never_change_the_result(
    population: Population, slice_rows: int, workers: int
) -> None:
    on = population[0]
    table = _table(population)
    whole = batch_ds.assess_table(table, on, book=EXTENDED, workers=1)
    with mock.patch.object(batch_ds, "SLICE_ROWS", slice_rows):
        sliced = batch_ds.assess_table(table, on, book=EXTENDED, workers=workers)
    assert sliced.to_pylist() == whole.to_pylist()


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
        st.sampled_from([("ds_layer", "lodger"), ("ds_other_care_allowance", -1)])
    )
    values = table.column(column).to_pylist()
    values[row] = bad
    field = table.schema.field(column)
    kind = pa.string() if pa.types.is_dictionary(field.type) else field.type
    spoiled = table.set_column(table.schema.get_field_index(column), column, pa.array(values, kind))
    before = batch_ds.assess_table(table, on, book=BOOK).to_pylist()
    after = batch_ds.assess_table(spoiled, on, book=BOOK).to_pylist()
    for index, (old, new) in enumerate(zip(before, after, strict=True)):
        if index // 2 == row:
            assert new["outcome"] == "cannot_decide"
            assert new["reasons"] == ["batch.invalid_value"]
            assert new["problems"] == [column]
        else:
            assert new == old
