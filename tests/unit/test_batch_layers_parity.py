"""The layered screen in columns gives the one-by-one table, cell for cell, on nasty tables.

:func:`civaffairs.batch.layers.assess_table` decides runs of households in columns
(:mod:`civaffairs.batch._layered_columns`) and leaves to the scalar
:func:`civaffairs.assistance.layers.assess_layers` only the households it flags.  Its
contract: the result is the one-by-one table (``layers._COLUMNAR = False``) cell for cell,
or the same error, in both error modes.  These tests hunt for inputs where the two differ:
column types (dictionary-encoded, large strings, integer ids and relationship codes,
timestamps, several chunks, null-typed columns), spoilt cells, ``jurisdiction`` cells and
members registered elsewhere, person ids null or repeated, supporters naming members,
dates where parameters are not in force, ``first_row`` offsets and the call's
``jurisdiction``; and each defect found, as a case of its own.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("pyarrow")
pytest.importorskip("numpy")

import pyarrow as pa

from civaffairs import batch
from civaffairs.assistance.dibao import RELATIONSHIP_CODES
from civaffairs.batch import layers as batch_layers
from civaffairs.batch._extreme_poverty_columns import ABILITY_VALUES, ARRANGEMENT_VALUES
from civaffairs.batch.schema import CATEGORY_VALUES, KIND_VALUES, RELATIONSHIP_VALUES
from civaffairs.entities import Relationship
from civaffairs.errors import InvalidDocumentError, ParameterError

ON = dt.date(2025, 6, 30)
#: Dates where some parameters are not in force (刚性支出困难 from 2024-…, the disability
#: subsidies from 2016, the children's allowances …) and where all are.
DATES = [
    dt.date(2014, 6, 30),
    dt.date(2016, 6, 30),
    dt.date(2019, 12, 31),
    dt.date(2024, 3, 31),
    ON,
    dt.date(2026, 6, 30),
]
#: Registration and jurisdiction cells: blank, a county, a province, a city district of
#: another province, no division at all, too short.
PLACES: list[str | None] = [
    None,
    "",
    "  ",
    "500156",
    "500000",
    "500101",
    "110101",
    "999999",
    "5001",
    "320102",
]


def _outcome(
    table: pa.Table, on: dt.date, errors: str, *, columnar: bool, **options: Any
) -> object:
    """The screen's table, or the documented error it raises (type and message)."""
    batch_layers._COLUMNAR = columnar
    try:
        return batch_layers.assess_table(table, on, errors=errors, workers=1, **options)  # type: ignore[arg-type]
    except (InvalidDocumentError, ParameterError) as error:
        return (type(error).__name__, str(error))
    finally:
        batch_layers._COLUMNAR = True


def _same(table: pa.Table, on: dt.date = ON, errors: str = "mark", **options: Any) -> object:
    """Assert the columns give the one-by-one table (or error); return it."""
    columns = _outcome(table, on, errors, columnar=True, **options)
    one_by_one = _outcome(table, on, errors, columnar=False, **options)
    if not isinstance(columns, pa.Table) or not isinstance(one_by_one, pa.Table):
        assert columns == one_by_one
        return columns
    assert columns.schema == one_by_one.schema
    for name in columns.column_names:
        assert columns.column(name).to_pylist() == one_by_one.column(name).to_pylist(), name
    return columns


def _set(table: pa.Table, name: str, values: list[Any], kind: pa.DataType) -> pa.Table:
    column = pa.array(values, type=kind)
    if name in table.column_names:
        return table.set_column(table.column_names.index(name), name, column)
    return table.append_column(name, column)


def _synthetic(households: int, seed: int, place: str = "500156", share: float = 0.0) -> pa.Table:
    table = batch.synthetic_population(households, place, on=ON, seed=seed, invalid_share=share)
    return table.replace_schema_metadata(None)


# -- defects found, one case each ------------------------------------------------------------


@pytest.mark.parametrize("errors", ["mark", "raise"])
@pytest.mark.parametrize("kind", ["dictionary", "large_dictionary"])
def test_a_blank_household_id_in_any_string_type_is_a_bad_cell(errors: str, kind: str) -> None:
    """Defect: a blank household id, dictionary-encoded, was decided in columns (a layer)
    while one by one it is a bad cell (``$[row].household_id``): ``_scalar_reading`` looked
    for blank ids in plain and large string columns only."""
    table = _synthetic(3, seed=1)
    ids = [str(value) for value in table.column("household_id").to_pylist()]
    blank = [" " if value == ids[-1] else value for value in ids]
    text = pa.large_string() if kind == "large_dictionary" else pa.string()
    table = table.set_column(0, "household_id", pa.array(blank, type=text).dictionary_encode())
    found = _same(table, errors=errors)
    if errors == "mark":
        assert isinstance(found, pa.Table)
        assert found.column("reasons").to_pylist()[-1] == ["batch.invalid_value"]
        assert found.column("layer").to_pylist()[-1] is None
    else:
        assert isinstance(found, tuple)
        assert "household_id" in found[1]


def _integer_coded_supporters(table: pa.Table) -> pa.Table:
    """``ep_supporters`` with integer codes, timestamp birth dates and a float grade."""
    kind = pa.list_(
        pa.struct(
            [
                ("relationship", pa.int8()),
                ("member", pa.string()),
                ("birth_date", pa.timestamp("s")),
                ("disability_category", pa.int8()),
                ("disability_grade", pa.float64()),
                ("disabled", pa.bool_()),
                ("situations", pa.list_(pa.string())),
                ("property_within_rules", pa.bool_()),
                ("monthly_income", pa.int64()),
                ("registration_kind", pa.int8()),
            ]
        )
    )

    def coded(cell: dict[str, Any] | None) -> dict[str, Any] | None:
        if cell is None:
            return None
        born, category, grade = (
            cell["birth_date"],
            cell["disability_category"],
            cell["disability_grade"],
        )
        return {
            **cell,
            "relationship": RELATIONSHIP_VALUES.index(cell["relationship"]),
            "birth_date": None if born is None else dt.datetime.combine(born, dt.time()),
            "disability_category": None if category is None else CATEGORY_VALUES.index(category),
            "disability_grade": None if grade is None else float(grade),
            "registration_kind": None
            if cell["registration_kind"] is None
            else KIND_VALUES.index(cell["registration_kind"]),
        }

    listed = [
        None if row is None else [coded(cell) for cell in row]
        for row in table.column("ep_supporters").to_pylist()
    ]
    return _set(table, "ep_supporters", listed, kind)


@pytest.mark.parametrize("errors", ["mark", "raise"])
def test_integer_coded_extreme_poverty_cells_are_read_as_codes_one_by_one_too(errors: str) -> None:
    """Defect: the 特困 columnar form reads an integer column of codes (``ep_ability_grade``,
    ``ep_arrangement``, a supporter's ``relationship``/``disability_category``/
    ``registration_kind``) as codes, and a timestamp birth date as its day, so the columns
    decided such a household; one by one, ``extreme_poverty.read_facts`` handed ``1`` to
    ``AbilityGrade`` and crashed with a ``ValueError`` traceback.  It now reads them as the
    columnar form does (``_per_person.coded``/``day``/``whole``, as the children's and the
    disability subsidies' readers already did): the same table both ways, and the same as
    the table with the codes spelled out."""
    spelled = _synthetic(12, seed=3)
    assert any(spelled.column("ep_supporters").to_pylist())  # some supporters to read
    table = _integer_coded_supporters(spelled)
    for name, values in (
        ("ep_ability_grade", ABILITY_VALUES),
        ("ep_arrangement", ARRANGEMENT_VALUES),
    ):
        words = table.column(name).to_pylist()
        codes = [None if word is None else values.index(word) for word in words]
        table = _set(table, name, codes, pa.int8())
    found = _same(table, errors=errors)
    assert isinstance(found, pa.Table)
    plain = _outcome(spelled, ON, errors, columnar=False)
    assert isinstance(plain, pa.Table)
    assert found.to_pylist() == plain.to_pylist()


@pytest.mark.parametrize("errors", ["mark", "raise"])
def test_an_expenditure_column_of_decimals_is_read_as_one_by_one_reads_it(errors: str) -> None:
    """Defect: an ``expenditure_`` column of decimals (``decimal128``) is refused as a whole by
    the household programmes' columnar reader (``$.expenditure_medical: got
    decimal128(10, 2)``), so the columns raised that in mark mode too, while one by one each
    household is read cell by cell and marked (``$[row].expenditure_medical``).  The run is
    now decided one by one: the same table (mark) and the same cells (raise)."""
    table = _synthetic(3, seed=4)
    zeros = [0] * table.num_rows
    table = _set(table, "expenditure_medical", zeros, pa.decimal128(10, 2))
    found = _same(table, errors=errors)
    if errors == "mark":
        assert isinstance(found, pa.Table)
        assert all(r == ["batch.invalid_value"] for r in found.column("reasons").to_pylist())
    else:
        assert isinstance(found, tuple)
        assert "].expenditure_medical" in found[1]


def test_a_bad_person_cell_where_the_dibao_engine_lacks_a_parameter_names_only_bad_columns() -> (
    None
):
    """Defect (both paths): on 2016-06-30 the 低保 engine cannot decide a household for
    parameters without a value (its ``problems``: their names); a person programme's bad
    cell in it (``ep_ability_grade`` 'bogus') marks it ``batch.invalid_value`` — and its
    ``problems`` listed the 低保 engine's parameter names as bad columns beside
    ``ep_ability_grade``.  ``problems`` of a marked row are the bad columns only (the
    documented meaning: "the bad columns, or the parameter without a value")."""
    table = _synthetic(6, seed=4)
    grades = table.column("ep_ability_grade").to_pylist()
    grades[2] = "bogus"  # the first household's third member
    table = _set(table, "ep_ability_grade", grades, pa.string())
    on = dt.date(2016, 6, 30)
    screened = batch.assess_table(table, on)
    assert screened.column("reasons").to_pylist()[0] == ["batch.parameter_unavailable"]
    found = _same(table, on)
    assert isinstance(found, pa.Table)
    assert found.column("reasons").to_pylist()[0] == ["batch.invalid_value"]
    assert found.column("problems").to_pylist()[0] == ["ep_ability_grade"]


# -- fuzz ------------------------------------------------------------------------------------


def _spoilt(draw: st.DrawFn, name: str, kind: pa.DataType, first: object, last: object) -> object:
    """A nasty value for one cell of column ``name``."""
    if name in ("registration", "jurisdiction"):
        return draw(st.sampled_from(PLACES))
    if name == "relationship":
        return draw(st.sampled_from([None, "applicant", "spouse", "child", "bogus", "other"]))
    if name == "household_id":
        return draw(st.sampled_from([None, first, last]))
    if pa.types.is_dictionary(kind) or pa.types.is_string(kind):
        return draw(st.sampled_from([None, "bogus", ""]))
    if pa.types.is_date(kind):
        return draw(
            st.sampled_from([None, dt.date(1700, 1, 1), dt.date(2999, 1, 1), dt.date(2010, 1, 1)])
        )
    if pa.types.is_boolean(kind):
        return draw(st.sampled_from([None, True, False]))
    if pa.types.is_integer(kind):
        return draw(st.sampled_from([None, -1, 0, 99, 10**6]))
    return draw(st.sampled_from([None]))


@st.composite
def _nasty(draw: st.DrawFn) -> tuple[pa.Table, dt.date, str, dict[str, Any]]:
    """A synthetic registry made nasty: a table, a date, an error mode, the call's options."""
    table = _synthetic(
        draw(st.integers(1, 6)),
        draw(st.integers(0, 10_000)),
        draw(st.sampled_from(["500156", "500101", "110101", "320102"])),
        draw(st.sampled_from([0.0, 0.0, 0.3])),
    )
    rows = table.num_rows
    for name in draw(st.lists(st.sampled_from(table.column_names[1:]), max_size=4)):
        if name in table.column_names:
            table = table.remove_column(table.column_names.index(name))
    kinds = {name: table.schema.field(name).type for name in table.column_names}
    cells = {name: table.column(name).to_pylist() for name in table.column_names}
    ids = cells["household_id"]
    for _ in range(draw(st.integers(0, 4))):
        name = draw(st.sampled_from(sorted(cells)))
        row = draw(st.integers(0, rows - 1))
        cells[name][row] = _spoilt(draw, name, kinds[name], ids[0], ids[-1])
    table = pa.table({name: pa.array(v, type=kinds[name]) for name, v in cells.items()})
    table = _nasty_columns(draw, table)
    table = _nasty_types(draw, table)
    if rows > 1 and draw(st.booleans()):  # several chunks
        cut = draw(st.integers(1, rows - 1))
        table = pa.concat_tables([table.slice(0, cut), table.slice(cut)])
    options = {
        "first_row": draw(st.sampled_from([0, 0, 7])),
        "jurisdiction": draw(st.sampled_from([None, None, "500156", "110101"])),
    }
    return table, draw(st.sampled_from(DATES)), draw(st.sampled_from(["mark", "raise"])), options


def _nasty_columns(draw: st.DrawFn, table: pa.Table) -> pa.Table:
    """Add or replace columns the synthetic registry lacks or fills tidily."""
    rows = table.num_rows
    if draw(st.booleans()):
        places = [draw(st.sampled_from(PLACES)) for _ in range(rows)]
        table = _set(table, "jurisdiction", places, pa.string())
    if draw(st.booleans()):
        names = [None, "", "a", "b", "p0", "p1"]
        pids = [draw(st.sampled_from([*names, f"x{i}"])) for i in range(rows)]
        table = _set(table, "person_id", pids, pa.string())
    if draw(st.booleans()):
        codes = [None, [], ["assistance.dibao"], ["eldercare.longevity"], ["bogus"], [None]]
        receiving = [draw(st.sampled_from(codes)) for _ in range(rows)]
        table = _set(table, "receiving", receiving, pa.list_(pa.string()))
    if "ep_supporters" in table.column_names and draw(st.booleans()):
        listed = table.column("ep_supporters").to_pylist()
        for row in listed:
            for supporter in row or ():
                supporter["member"] = draw(st.sampled_from([None, "", "p0", "p1", "a", "zz"]))
        table = _set(table, "ep_supporters", listed, table.schema.field("ep_supporters").type)
    if "ep_child_allowance" in table.column_names:
        how = draw(st.sampled_from(["keep", "keep", "null", "int", "string"]))
        values = table.column("ep_child_allowance").to_pylist()
        if how == "null":
            table = _set(table, "ep_child_allowance", [None] * rows, pa.null())
        elif how == "int":
            numbers = [None if v is None else int(v) for v in values]
            table = _set(table, "ep_child_allowance", numbers, pa.int8())
        elif how == "string":
            words = [None if v is None else str(v).lower() for v in values]
            table = _set(table, "ep_child_allowance", words, pa.string())
    if "ds_layer" in table.column_names and draw(st.booleans()):
        layers = [None, "extreme_poverty", "dibao", "none", "bogus"]
        given = [draw(st.sampled_from(layers)) for _ in range(rows)]
        table = _set(table, "ds_layer", given, pa.string())
    return table


def _nasty_types(draw: st.DrawFn, table: pa.Table) -> pa.Table:
    """Retype columns as other producers type them."""
    ids = table.column("household_id").to_pylist()
    how = draw(st.sampled_from(["int64", "int32", "string", "large_string", "dictionary"]))
    if how == "int32":
        table = _set(table, "household_id", ids, pa.int32())
    elif how != "int64":
        text = [None if v is None else str(v) for v in ids]
        if draw(st.booleans()):
            text = [None if v is None else draw(st.sampled_from([v, v, " ", ""])) for v in text]
        column = pa.array(text, type=pa.large_string() if how == "large_string" else pa.string())
        table = table.set_column(0, "household_id", column)
        if how == "dictionary":
            table = table.set_column(0, "household_id", column.dictionary_encode())
    if "relationship" in table.column_names and draw(st.booleans()):
        words = table.column("relationship").to_pylist()
        if all(word is None or word in Relationship._value2member_map_ for word in words):
            codes = [None if w is None else RELATIONSHIP_CODES[Relationship(w)] for w in words]
            table = _set(table, "relationship", codes, pa.int8())
    for name in ("registration", "registration_kind", "relationship", "disability_category"):
        coded = table.column(name) if name in table.column_names else None
        if coded is not None and pa.types.is_dictionary(coded.type) and draw(st.booleans()):
            kind = draw(st.sampled_from([pa.string(), pa.large_string()]))
            table = _set(table, name, coded.to_pylist(), kind)
    if "birth_date" in table.column_names and draw(st.booleans()):
        born = table.column("birth_date").cast(pa.timestamp("s"))
        table = table.set_column(table.column_names.index("birth_date"), "birth_date", born)
    return table


@given(case=_nasty())
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
def test_the_columns_give_the_one_by_one_table_on_nasty_registries(
    case: tuple[pa.Table, dt.date, str, dict[str, Any]],
) -> None:
    """Fuzz: nasty registries (retyped columns, spoilt cells, places above county level,
    repeated person ids, supporters naming members, several chunks), on dates where
    parameters are not in force, with ``first_row`` offsets and the call's jurisdiction:
    the columns give the one-by-one table cell for cell, or the same documented error."""
    table, on, errors, options = case
    _same(table, on, errors, **options)
