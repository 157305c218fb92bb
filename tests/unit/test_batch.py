"""The columnar engine: input format, bad rows, what-if arithmetic, the generator, files, CLI."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal
from unittest import mock

import attrs
import pytest

pytest.importorskip("pyarrow")
pytest.importorskip("numpy")

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from builders import ON, WULONG, household, person, rural_family, screen

from civaffairs.assistance import dibao
from civaffairs.batch import assess_table, to_table
from civaffairs.batch import dibao as batch_dibao
from civaffairs.batch.files import screen_file, whole_households
from civaffairs.batch.plumbing import SLICE_ROWS
from civaffairs.batch.population import (
    synthetic_batches,
    synthetic_population,
    write_synthetic,
)
from civaffairs.batch.report import ALL, summarise, what_if
from civaffairs.entities import (
    Asset,
    AssetType,
    Disability,
    DisabilityCategory,
    Household,
    Income,
    IncomeType,
    RegistrationKind,
    Relationship,
)
from civaffairs.errors import InvalidDocumentError, InvalidInputError, ParameterError
from civaffairs.parameters import ParameterBook, default_book

CHONGQING = "500000"


def _families() -> pa.Table:
    """Three households of 武隆区 (rural standard 630 on 2025-08-01)."""
    households = [
        rural_family(3, "1000"),  # 1890 - 1000 = 890 yuan
        rural_family(2, "2000"),  # not below 1260
        rural_family(1, "629.99"),  # one fen
    ]
    return to_table([h.__class__(f"H{i}", h.members, h.incomes) for i, h in enumerate(households)])


def _set(table: pa.Table, column: str, row: int, value: object) -> pa.Table:
    values = table.column(column).to_pylist()
    values[row] = value
    field = table.schema.field(column)
    kind = field.type.value_type if pa.types.is_dictionary(field.type) else field.type
    return table.set_column(
        table.schema.get_field_index(column), column, pa.array(values, type=kind)
    )


def _rows(result: pa.Table) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = result.to_pylist()
    return rows


# -- the engine on good data --------------------------------------------------------------


def test_decides_like_the_scalar_path() -> None:
    rows = _rows(assess_table(_families(), ON))
    assert [r["outcome"] for r in rows] == ["eligible", "not_eligible", "eligible"]
    assert [r["amount_fen"] for r in rows] == [89000, 0, 1]
    assert [r["layer"] for r in rows] == ["dibao", "none", "dibao"]
    assert rows[0]["reasons"] == [
        "assistance.dibao.registration",
        "assistance.dibao.family_members",
        "assistance.dibao.income_below_standard",
        "assistance.dibao.financial_assets",
        "assistance.dibao.amount_difference",
    ]
    assert all(r["problems"] is None for r in rows)


def test_pandas_and_polars_frames_give_the_same_result() -> None:
    table = _families()
    expected = assess_table(table, ON)
    pandas = pytest.importorskip("pandas")
    frame = table.to_pandas()
    assert isinstance(frame, pandas.DataFrame)
    assert assess_table(frame, ON).select(["amount_fen"]).equals(expected.select(["amount_fen"]))
    polars = pytest.importorskip("polars")
    assert (
        assess_table(polars.from_arrow(table), ON)
        .select(["amount_fen"])
        .equals(expected.select(["amount_fen"]))
    )


def test_pandas_gaps_in_an_integer_column_become_nan_and_are_caught() -> None:
    pytest.importorskip("pandas")
    frame = _set(_families(), "income_wages", 0, None).to_pandas()
    assert frame["income_wages"].dtype.kind == "f"  # pandas turned the gap into NaN
    rows = _rows(assess_table(frame, ON))
    assert rows[0]["outcome"] == "cannot_decide"
    assert rows[0]["problems"] == ["income_wages"]
    assert rows[1]["outcome"] == "not_eligible"


def test_optional_columns_may_be_left_out() -> None:
    table = _families()
    keep = [
        "household_id",
        "relationship",
        "birth_date",
        "registration",
        "registration_kind",
        "lives_together",
        "income_wages",
    ]
    assert assess_table(table.select(keep), ON).column("amount_fen").to_pylist() == [89000, 0, 1]


def test_registration_elsewhere_and_missing_co_residence() -> None:
    parent = person("p", born=dt.date(1950, 1, 1))
    households = [
        rural_family(1, "100"),
        household(
            (person("a"), Relationship.APPLICANT),
            (parent, Relationship.PARENT),
            lives_together=None,
        ),
    ]
    table = to_table([h.__class__(f"H{i}", h.members, h.incomes) for i, h in enumerate(households)])
    elsewhere = _rows(assess_table(table, ON, jurisdiction="510104"))
    assert elsewhere[0]["outcome"] == "not_eligible"
    assert elsewhere[0]["reasons"] == ["assistance.dibao.registration_elsewhere"]
    rows = _rows(assess_table(table, ON))
    assert rows[1]["outcome"] == "cannot_decide"
    assert rows[1]["reasons"] == ["assistance.dibao.registration", "assistance.dibao.missing_facts"]
    assert rows[1]["problems"] == ["lives_together"]
    scalar = dibao.assess(households[1], ON)
    assert scalar.outcome.value == "cannot_decide"


def test_single_person_inclusion_and_disqualifying_assets() -> None:
    disabled = person("d", disability=Disability(DisabilityCategory.MENTAL, 3))
    cases = [
        household(
            (person("a"), Relationship.APPLICANT),
            (disabled, Relationship.SPOUSE),
            incomes=[Income(IncomeType.WAGES, "1500", member="a")],
        ),
        household(
            (person("a"), Relationship.APPLICANT),
            incomes=[Income(IncomeType.WAGES, "100", member="a")],
            assets=[Asset(AssetType.VEHICLE, "0")],
        ),
    ]
    table = to_table(
        [h.__class__(f"H{i}", h.members, h.incomes, h.assets) for i, h in enumerate(cases)]
    )
    rows = _rows(assess_table(table, ON))
    for case, row in zip(cases, rows, strict=True):
        decision = dibao.assess(case, ON)
        assert row["outcome"] == decision.outcome.value
    assert rows[0]["members_alone"] == 1
    assert rows[0]["amount_fen"] == 63000
    assert "assistance.dibao.asset_disqualifies" in rows[1]["reasons"]


_PENSION = "assistance.dibao.income.exclude_central_basic_pension"


def _pension_rule_ends_2025() -> ParameterBook:
    """The shipped book without the carried-forward 2026 pension value: the switch ends on
    2025-12-31 (57号 art. 13 "十四五"期间), so a 2026 look-up is out of range."""
    book = default_book()
    series = {key: book.series(*key) for key in book.keys()}  # noqa: SIM118 - not a dict
    national = (_PENSION, "000000")
    series[national] = tuple(v for v in series[national] if v.effective_to is not None)
    return ParameterBook(book.specs, series)


def test_parameters_not_in_force_mark_only_the_households_that_need_them() -> None:
    pension = household(
        (person("a"), Relationship.APPLICANT),
        incomes=[Income(IncomeType.CENTRAL_BASIC_PENSION, "150", member="a")],
    )
    plain = rural_family(1, "100")
    table = to_table([pension.__class__("P", pension.members, pension.incomes), plain])
    later = dt.date(2026, 2, 1)
    book = _pension_rule_ends_2025()
    with pytest.raises(ParameterError):
        dibao.assess(pension, later, book=book)
    rows = _rows(assess_table(table, later, book=book))
    assert rows[0]["outcome"] == "cannot_decide"
    assert rows[0]["reasons"] == ["batch.parameter_unavailable"]
    assert rows[0]["problems"] == [_PENSION]
    assert rows[1]["amount_fen"] == dibao.assess(plain, later).amount.total * 100  # type: ignore[union-attr]
    with pytest.raises(ParameterError):
        assess_table(table, later, errors="raise", book=book)


def test_the_2026_pension_rule_is_example_data_on_both_paths() -> None:
    """57号 art. 13 time-boxes the exclusion ("十四五"期间); from 2026 it is carried forward as
    example data, so the columnar path decides such a household as the scalar one does."""
    pension = household(
        (person("a"), Relationship.APPLICANT),
        incomes=[Income(IncomeType.CENTRAL_BASIC_PENSION, "150", member="a")],
    )
    later = dt.date(2026, 2, 1)
    scalar = dibao.assess(pension, later)
    assert scalar.uses_example_data
    rows = _rows(assess_table(to_table([pension]), later))
    assert rows[0]["outcome"] == "eligible"
    assert rows[0]["amount_fen"] == scalar.amount.total * 100  # type: ignore[union-attr]


# -- bad rows -------------------------------------------------------------------------------


BAD_CELLS = [
    ("income_wages", 0, None, "missing"),
    ("income_wages", 0, -1, "negative"),
    ("income_wages", 0, 10**12, "out of range"),
    ("birth_date", 1, dt.date(2030, 1, 1), "after the as-of date"),
    ("birth_date", 1, None, "missing"),
    ("relationship", 1, "lodger", "unknown code"),
    ("relationship", 1, None, "missing"),
    ("registration", 0, "999999", "unknown division"),
    ("registration", 0, None, "missing"),
    ("registration_kind", 0, "suburban", "unknown kind"),
    ("disability_grade", 2, 7, "out of range"),
    ("disability_category", 2, "psychic", "unknown category"),
    ("status_full_time_student", 2, None, "missing"),
    ("household_income_business", 0, None, "missing on the applicant's row"),
    ("household_income_business", 1, 500, "a household fact on a member's row"),
    ("asset_deposits", 0, -5, "negative"),
    ("owns_vehicle", 0, None, "missing"),
]


@pytest.mark.parametrize(("column", "row", "value", "why"), BAD_CELLS)
def test_a_bad_cell_marks_its_household_and_only_it(
    column: str, row: int, value: object, why: str
) -> None:
    table = _families()
    assert table.column("household_id").to_pylist()[:3] == ["H0", "H0", "H0"]
    bad = _set(table, column, row, value)
    rows = _rows(assess_table(bad, ON))
    assert rows[0]["outcome"] == "cannot_decide", why
    assert rows[0]["amount_fen"] == 0
    assert rows[0]["layer"] is None
    assert rows[0]["reasons"] == ["batch.invalid_value"]
    assert column in rows[0]["problems"]
    assert [r["amount_fen"] for r in rows[1:]] == [0, 1]  # nothing else is lost
    with pytest.raises(InvalidDocumentError) as raised:
        assess_table(bad, ON, errors="raise")
    paths = [e.path for e in raised.value.errors]
    assert any(path.endswith(f".{column}") for path in paths), paths


def test_nan_and_fractions_of_a_fen_in_float_money_columns() -> None:
    table = _families()
    wages: list[Any] = table.column("income_wages").to_pylist()
    for value in (math.nan, 100.5, math.inf):
        floats: list[Any] = [float(v) for v in wages]
        floats[0] = value
        bad = table.set_column(
            table.schema.get_field_index("income_wages"), "income_wages", pa.array(floats)
        )
        rows = _rows(assess_table(bad, ON))
        assert rows[0]["problems"] == ["income_wages"], value
        assert rows[2]["amount_fen"] == 1
    whole = table.set_column(
        table.schema.get_field_index("income_wages"),
        "income_wages",
        pa.array([float(v) for v in wages]),
    )
    assert assess_table(whole, ON).column("amount_fen").to_pylist() == [89000, 0, 1]


def test_households_split_or_without_one_applicant() -> None:
    table = _families()
    ids = table.column("household_id").to_pylist()
    ids[-1] = "H0"  # H0 reappears after H1 and H2: not contiguous
    split = table.set_column(0, "household_id", pa.array(ids))
    # Decided as two fragments it would be two households: refused, naming both rows, in
    # either errors mode (a stream could not take back a fragment it had written).
    for errors in ("mark", "raise"):
        with pytest.raises(InvalidDocumentError) as raised:
            assess_table(split, ON, errors=errors)
        (error,) = raised.value.errors
        assert str(error).startswith("$[5].household_id duplicates $[0].household_id")
        assert "'H0'" in str(error)
    two = _set(table, "relationship", 1, "applicant")
    rows = _rows(assess_table(two, ON))
    assert rows[0]["problems"] == ["relationship"]


def test_a_mistyped_or_absent_column_fails_the_whole_table() -> None:
    table = _families()
    with pytest.raises(InvalidDocumentError, match="birth_date"):
        assess_table(table.drop_columns(["birth_date"]), ON)
    wrong = table.set_column(
        table.schema.get_field_index("income_wages"),
        "income_wages",
        pa.array([str(v) for v in table.column("income_wages").to_pylist()]),
    )
    with pytest.raises(InvalidDocumentError, match="income_wages"):
        assess_table(wrong, ON)


def test_raise_lists_every_bad_row() -> None:
    table = _set(_set(_families(), "income_wages", 0, -1), "income_wages", 4, None)
    with pytest.raises(InvalidDocumentError) as raised:
        assess_table(table, ON, errors="raise")
    assert [e.path for e in raised.value.errors] == ["$[0].income_wages", "$[4].income_wages"]


# -- what-if ----------------------------------------------------------------------------------


def test_what_if_counts_gains_and_cost_exactly() -> None:
    table = _families()
    scenario = default_book().override(
        "assistance.dibao.standard.rural", CHONGQING, Decimal("700"), ON
    )
    result = what_if(table, ON, scenario=scenario)
    totals = {r["layer"]: r for r in result.summary.to_pylist() if r["jurisdiction"] == ALL}
    # 3 × 700 − 1000 = 1100; 2 × 700 = 1400 > 2000? no: still not below; 700 − 629.99 = 70.01
    assert totals["dibao"]["households_before"] == 2
    assert totals["dibao"]["households_after"] == 2
    assert totals["dibao"]["gaining"] == 0
    assert totals["dibao"]["cost_before_fen"] == 89000 + 1
    assert totals["dibao"]["cost_after_fen"] == 110000 + 7001
    assert totals["dibao"]["cost_change_fen"] == 110000 + 7001 - 89001
    # The law keeps 特困 basic living at 1.3 × 低保 or more: raise it first, or the book is refused.
    richer = (
        default_book()
        .override(
            "assistance.extreme_poverty.basic_living_standard.rural", CHONGQING, Decimal(1301), ON
        )
        .override("assistance.dibao.standard.rural", CHONGQING, Decimal("1000.01"), ON)
    )
    gained = what_if(table, ON, scenario=richer).summary.to_pylist()
    dibao_all = next(r for r in gained if r["jurisdiction"] == ALL and r["layer"] == "dibao")
    none_all = next(r for r in gained if r["jurisdiction"] == ALL and r["layer"] == "none")
    assert dibao_all["gaining"] == 1  # 2 × 1000.01 = 2000.02 > 2000
    assert none_all["losing"] == 1
    assert dibao_all["cost_after_fen"] == (300003 - 100000) + 2 + (100001 - 62999)
    by_place = [r for r in gained if r["jurisdiction"] == WULONG and r["layer"] == "dibao"]
    assert by_place[0]["gaining"] == 1


def test_summarise_counts_and_costs() -> None:
    summary = summarise(assess_table(_families(), ON)).to_pylist()
    assert {(r["outcome"], r["households"], r["monthly_cost_fen"]) for r in summary} == {
        ("eligible", 2, 89001),
        ("not_eligible", 1, 0),
        (ALL, 3, 89001),
    }


# -- the synthetic population ------------------------------------------------------------------


def test_generator_is_deterministic_and_chunk_independent(tmp_path: Path) -> None:
    first = synthetic_population(1200, CHONGQING, on=ON, seed=7)
    again = synthetic_population(1200, CHONGQING, on=ON, seed=7)
    other = synthetic_population(1200, CHONGQING, on=ON, seed=8)
    assert first.equals(again)
    assert not first.equals(other)
    assert first.schema.metadata[b"civaffairs.synthetic"].startswith(b"SYNTHETIC DATA")
    path = write_synthetic(tmp_path / "p.parquet", 1200, CHONGQING, on=ON, seed=7)
    assert pq.read_table(path).select(first.column_names).equals(first.select(first.column_names))
    blocks = list(synthetic_batches(1200, CHONGQING, on=ON, seed=7))
    assert pa.concat_tables(blocks).equals(first)


def test_generator_reaches_the_boundaries_and_decides_cleanly() -> None:
    table = synthetic_population(3000, CHONGQING, on=ON, seed=1)
    rows = assess_table(table, ON)
    outcomes = set(rows.column("outcome").to_pylist())
    assert {"eligible", "not_eligible"} <= outcomes
    assert len(rows) == 3000
    spoiled = synthetic_population(3000, CHONGQING, on=ON, seed=1, invalid_share=0.05)
    marked = assess_table(spoiled, ON).to_pylist()
    bad = [r for r in marked if r["reasons"] == ["batch.invalid_value"]]
    assert 50 < len(bad) < 300


# -- files and the command line ----------------------------------------------------------------


def test_whole_households_never_splits_a_household() -> None:
    table = synthetic_population(500, CHONGQING, on=ON, seed=3)
    chunks = [table.slice(i, 97) for i in range(0, table.num_rows, 97)]
    rejoined = list(whole_households(iter(chunks)))
    heads = [c.column("household_id")[0].as_py() for c in rejoined]
    tails = [c.column("household_id")[-1].as_py() for c in rejoined]
    assert all(t != h for t, h in zip(tails, heads[1:], strict=False))
    assert pa.concat_tables(rejoined).equals(table)


def test_screen_file_parquet_and_csv(tmp_path: Path) -> None:
    source = write_synthetic(tmp_path / "p.parquet", 800, CHONGQING, on=ON, seed=5)
    summary = screen_file(source, tmp_path / "out.parquet", ON)
    expected = assess_table(pq.read_table(source), ON)
    written = pq.read_table(tmp_path / "out.parquet")
    assert written.column("amount_fen").equals(expected.column("amount_fen"))
    total = next(r for r in summary.to_pylist() if r["outcome"] == ALL)
    assert total["households"] == 800
    pacsv = pytest.importorskip("pyarrow.csv")
    table = _families()
    decoded: dict[str, Any] = {
        n: c.cast(c.type.value_type) if pa.types.is_dictionary(c.type) else c
        for n, c in zip(table.column_names, table.columns, strict=True)
    }
    plain = pa.table(decoded)
    pacsv.write_csv(plain, tmp_path / "p.csv")
    screen_file(tmp_path / "p.csv", tmp_path / "csv.parquet", ON)
    assert pq.read_table(tmp_path / "csv.parquet").column("amount_fen").to_pylist() == [
        89000,
        0,
        1,
    ]


def test_cli_synthetic_with_a_scenario(tmp_path: Path) -> None:
    code, out, err = screen(
        "--synthetic",
        "2000",
        "--jurisdiction",
        CHONGQING,
        "--on",
        "2025-08-01",
        "--out",
        str(tmp_path / "o.parquet"),
        "--scenario",
        "assistance.dibao.standard.rural@500000=700",
    )
    assert code == 0, err
    assert "assistance.dibao" in out
    assert "what-if" in out
    assert "screened 2,000 / 2,000 (100%) households" in err
    assert pq.read_table(tmp_path / "o.parquet").num_rows == 2000


def test_cli_raise_lists_bad_rows(tmp_path: Path) -> None:
    source = tmp_path / "bad.parquet"
    pq.write_table(_set(_families(), "income_wages", 0, -1), source)
    code, _, err = screen(
        str(source),
        "--on",
        "2025-08-01",
        "--out",
        str(tmp_path / "o.parquet"),
        "--errors",
        "raise",
        "--quiet",
    )
    assert code == 2
    assert "$[0].income_wages" in err
    code, out, _ = screen(
        str(source),
        "--on",
        "2025-08-01",
        "--out",
        str(tmp_path / "o.parquet"),
        "--quiet",
    )
    assert code == 0
    assert "cannot_decide" in out


# -- Dask ----------------------------------------------------------------------------------------


# dask 2026.8 calls DataFrame.reset_index(inplace=True), which pandas 3.1 deprecates.
@pytest.mark.filterwarnings("ignore:The inplace keyword in DataFrame.reset_index")
def test_dask_gives_the_same_result_and_refuses_split_households(tmp_path: Path) -> None:
    dd = pytest.importorskip("dask.dataframe")
    from civaffairs.batch.distributed import (  # noqa: PLC0415 - needs the optional dask
        assess_dask,
        screen_parquet,
    )
    from civaffairs.errors import InvalidInputError  # noqa: PLC0415

    source = write_synthetic(tmp_path / "p.parquet", 1500, CHONGQING, on=ON, seed=9)
    screen_parquet(source, tmp_path / "out", ON)
    written = pq.read_table(tmp_path / "out")
    expected = assess_table(pq.read_table(source), ON)
    assert written.column("household_id").to_pylist() == expected.column("household_id").to_pylist()
    assert written.column("amount_fen").to_pylist() == expected.column("amount_fen").to_pylist()
    frame = dd.from_pandas(pq.read_table(source).to_pandas(), npartitions=7, sort=False)
    with pytest.raises(InvalidInputError, match="partitions"):
        assess_dask(frame, ON).compute()  # type: ignore[no-untyped-call]


def test_a_misspelt_column_is_refused_not_read_as_none() -> None:
    table = _families().append_column("income_wage", pa.array([500000] * _families().num_rows))
    with pytest.raises(InvalidDocumentError) as caught:
        assess_table(table, ON)
    assert [e.path for e in caught.value.errors] == ["$.income_wage"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("h1,applicant,1980-02-30,500156,rural,1250", "1980-02-30"),
        ("h1,applicant,1980-02-03,500156,rural,12.5", "12.5"),
    ],
)
def test_cli_a_bad_csv_cell_is_bad_input_not_a_crash(
    tmp_path: Path, body: str, expected: str
) -> None:
    source = tmp_path / "bad.csv"
    source.write_text(
        "household_id,relationship,birth_date,registration,registration_kind,income_wages\n"
        + body
        + "\n",
        encoding="utf-8",
    )
    code, _, err = screen(
        str(source), "--on", "2025-08-01", "--out", str(tmp_path / "o.parquet"), "--quiet"
    )
    assert code == 2
    assert expected in err


def test_cli_a_file_that_is_not_parquet_is_bad_input(tmp_path: Path) -> None:
    source = tmp_path / "fake.parquet"
    source.write_text("not parquet", encoding="utf-8")
    code, _, err = screen(
        str(source), "--on", "2025-08-01", "--out", str(tmp_path / "o.parquet"), "--quiet"
    )
    assert code == 2
    assert "cannot read" in err


def test_from_table_refuses_a_null_it_would_read_as_zero() -> None:
    from civaffairs.batch.schema import from_table  # noqa: PLC0415 - the function under test

    table = to_table([rural_family(2, "300")])
    index = table.schema.get_field_index("income_wages")
    nulls = pa.array([None] * table.num_rows, type=table.schema.field(index).type)
    with pytest.raises(InvalidInputError, match="income_wages"):
        list(from_table(table.set_column(index, "income_wages", nulls)))


def test_slices_keep_bad_rows_and_split_households_in_whole_table_terms() -> None:
    table = _families()
    ids = table.column("household_id").to_pylist()
    ids[-1] = "H0"  # H0 reappears, in another slice
    split = table.set_column(0, "household_id", pa.array(ids))
    bad = _set(table, "income_wages", 4, -5)  # row 4 (of H1) has a negative wage
    whole = assess_table(bad, ON, workers=1).to_pylist()
    with mock.patch.object(batch_dibao, "SLICE_ROWS", 1):
        assert assess_table(bad, ON, workers=2).to_pylist() == whole
        with pytest.raises(InvalidDocumentError) as raised:
            assess_table(bad, ON, errors="raise", workers=2)
        assert [e.path for e in raised.value.errors] == ["$[4].income_wages"]
        # H0 is rows 0-2 and row 5: refused whatever the slicing, naming row 5.
        with pytest.raises(InvalidDocumentError) as raised:
            assess_table(split, ON, workers=2)
        assert [e.path for e in raised.value.errors] == ["$[5].household_id"]


@pytest.mark.parametrize("workers", [0, -1, 1.5, True, "2"])
def test_workers_must_be_a_positive_whole_number(workers: object) -> None:
    with pytest.raises(InvalidInputError, match="workers"):
        assess_table(_families(), ON, workers=workers)  # type: ignore[arg-type]


def test_chunked_and_sliced_input_reads_like_one_chunk() -> None:
    table = _set(_set(_families(), "lives_together", 4, None), "income_wages", 2, None)
    whole = assess_table(table.combine_chunks(), ON).to_pylist()
    # Chunk boundaries that cut households, and slices that start mid-bitmap.
    pieces = [table.slice(0, 1), table.slice(1, 3), table.slice(4, 1), table.slice(5)]
    assert assess_table(pa.concat_tables(pieces), ON).to_pylist() == whole
    shifted = pa.concat_tables([table.slice(0, 3), table]).slice(3)
    assert assess_table(shifted, ON).to_pylist() == whole


def test_screen_file_over_many_small_row_groups_matches_one_table(tmp_path: Path) -> None:
    # Row groups of 7 rows cut households; each chunk is read ahead and written behind.
    table = synthetic_population(300, CHONGQING, on=ON, seed=9)
    pq.write_table(table, tmp_path / "small.parquet", row_group_size=7)
    progress: list[int] = []
    summary = screen_file(
        tmp_path / "small.parquet",
        tmp_path / "out.parquet",
        ON,
        progress=lambda done, _total: progress.append(done),
    )
    assert (
        pq.read_table(tmp_path / "out.parquet").to_pylist() == assess_table(table, ON).to_pylist()
    )
    assert progress[-1] == table.num_rows
    assert progress == sorted(progress)
    assert next(r for r in summary.to_pylist() if r["outcome"] == ALL)["households"] == 300


# -- found in review ---------------------------------------------------------------------------


def test_a_null_value_inside_a_dictionary_is_a_null() -> None:
    table = _families()
    ids = pa.DictionaryArray.from_arrays(
        pa.array([0, 0, 0, 1, 1, 2], pa.int32()), pa.array(["H0", None, "H2"])
    )
    rows = _rows(assess_table(table.set_column(0, "household_id", ids), ON))
    # Each row without an id is a household of its own, and cannot be decided.
    assert [r["outcome"] for r in rows] == [
        "eligible",
        "cannot_decide",
        "cannot_decide",
        "eligible",
    ]
    assert rows[1]["problems"] == ["household_id"]
    assert rows[2]["problems"] == ["relationship", "household_id"]  # and it has no applicant
    nowhere = pc.dictionary_encode(
        pa.array([None] * table.num_rows, pa.string()), null_encoding="encode"
    )
    at = table.schema.get_field_index("jurisdiction")
    decided = assess_table(table.set_column(at, "jurisdiction", nowhere), ON)
    assert decided.to_pylist() == assess_table(table, ON).to_pylist()  # null: where registered


def test_a_column_given_twice_is_refused() -> None:
    table = _families()
    twice = table.append_column("income_wages", table.column("income_wages"))
    with pytest.raises(InvalidDocumentError, match=r"\$\.income_wages: got 2 columns"):
        assess_table(twice, ON)


def test_the_parameter_error_raised_does_not_depend_on_the_slicing() -> None:
    later = dt.date(2026, 2, 1)
    book = _pension_rule_ends_2025()  # the pension switch has no value after 2025-12-31
    pension = household(
        (person("a"), Relationship.APPLICANT),
        incomes=[Income(IncomeType.CENTRAL_BASIC_PENSION, "150", member="a")],
    )
    beijing = household(
        (person("b", where="110105", kind=RegistrationKind.URBAN), Relationship.APPLICANT)
    )
    table = to_table(
        [
            pension.__class__("P", pension.members, pension.incomes),
            beijing.__class__("B", beijing.members, beijing.incomes),
        ]
    )
    messages = []
    for rows in (SLICE_ROWS, 1):
        with mock.patch.object(batch_dibao, "SLICE_ROWS", rows):
            calls: tuple[Callable[[], object], ...] = (
                lambda: assess_table(table, later, errors="raise", workers=2, book=book),
                lambda: batch_dibao.prepare(table, later).assess(book, errors="raise"),
            )
            for call in calls:
                with pytest.raises(ParameterError) as raised:
                    call()
                messages.append(str(raised.value))
    assert len(set(messages)) == 1
    assert "exclude_central_basic_pension" in messages[0]  # the first household's


def test_a_cells_expected_value_does_not_depend_on_the_slicing() -> None:
    table = _families()
    relationship = table.column("relationship").cast(pa.string()).to_pylist()
    relationship[1] = "lodger"  # H0: an unknown relationship
    relationship[3] = "spouse"  # H1: no applicant left
    at = table.schema.get_field_index("relationship")
    table = table.set_column(at, "relationship", pa.array(relationship).dictionary_encode())
    shown = []
    for rows in (SLICE_ROWS, 2):
        with (
            mock.patch.object(batch_dibao, "SLICE_ROWS", rows),
            pytest.raises(InvalidDocumentError) as raised,
        ):
            assess_table(table, ON, errors="raise", workers=1)
        shown.append([(e.path, e.expected) for e in raised.value.errors])
    assert shown[0] == shown[1]
    assert shown[0][0][1].startswith("one of applicant")  # $[1]: the unknown code
    assert shown[0][1] == ("$[3].relationship", "exactly one 'applicant' per household")


def test_nan_on_a_members_row_of_a_household_column_is_missing_as_null_is() -> None:
    table = _families()
    at = table.schema.get_field_index("asset_deposits")
    deposits = [0.0 if v is not None else math.nan for v in table.column(at).to_pylist()]
    with_nan = table.set_column(at, "asset_deposits", pa.array(deposits, pa.float64()))
    assert _rows(assess_table(with_nan, ON)) == _rows(assess_table(table, ON))


def test_screen_file_raises_a_failed_write_before_what_came_after_it(tmp_path: Path) -> None:
    table = synthetic_population(200, CHONGQING, on=ON, seed=1)
    half = table.num_rows // 2
    wages = table.column("income_wages").to_pylist()
    wages[half + 20] = -5  # a bad cell in the second chunk
    table = table.set_column(
        table.schema.get_field_index("income_wages"), "income_wages", pa.array(wages, pa.int64())
    )
    pq.write_table(table, tmp_path / "in.parquet", row_group_size=half + 1)
    real = pq.ParquetWriter.write_table

    def first_write_fails(self: pq.ParquetWriter, *args: Any, **kwargs: Any) -> None:
        if not written:
            written.append(0)
            raise OSError("no space left on device")
        real(self, *args, **kwargs)

    errors: Literal["mark", "raise"]
    for errors in ("raise", "mark"):
        written: list[int] = []
        progress: list[int] = []

        def report(done: int, _total: int | None, seen: list[int] = progress) -> None:
            seen.append(done)

        with (
            mock.patch.object(pq.ParquetWriter, "write_table", first_write_fails),
            pytest.raises(OSError, match="no space"),
        ):
            screen_file(
                tmp_path / "in.parquet",
                tmp_path / f"{errors}.parquet",
                ON,
                errors=errors,
                progress=report,
            )
        assert progress == []  # nothing was written, so nothing is reported done


# -- 单人户 on the columnar path (民发〔2021〕57号 art. 8) ---------------------------------------


def _marginal_couple(key: str, *, ill: bool | None, business: str | None = None) -> Household:
    """Wages 1500 (1260 ≤ 1500 < 1890: marginal); the spouse has no certificate."""
    spouse = attrs.evolve(person(f"d{key}"), serious_illness=ill)
    assets = [] if business is None else [Asset(AssetType.BUSINESS_ENTITY, business)]
    couple = household(
        (person(f"a{key}"), Relationship.APPLICANT),
        (spouse, Relationship.SPOUSE),
        incomes=[Income(IncomeType.WAGES, "1500", member=f"a{key}")],
        assets=assets,
    )
    return attrs.evolve(couple, id=f"H{key}")


def test_a_null_serious_illness_is_asked_where_it_decides_single_person_inclusion() -> None:
    """57号 art. 8 (二): "最低生活保障边缘家庭中患有当地有关部门认定的重特大疾病的人员" may apply
    alone — a null cell is "not established", asked only where it decides the outcome."""
    unknown = _marginal_couple("1", ill=None)
    scalar = dibao.assess(unknown, ON)
    assert scalar.missing == ("$.members[1].person.serious_illness",)
    rows = _rows(assess_table(to_table([unknown, _marginal_couple("2", ill=True)]), ON))
    assert rows[0]["outcome"] == "cannot_decide"
    assert rows[0]["problems"] == ["serious_illness"]
    assert "assistance.dibao.single_person_unknown" in rows[0]["reasons"]
    assert rows[1]["outcome"] == "eligible"
    assert rows[1]["amount_fen"] == 63000


def test_the_marginal_business_limit_needs_the_value_column() -> None:
    """57号 art. 8: the marginal household's property must be "符合相关规定": a business entity
    is judged by its value against the marginal limit, so a table that owns one without
    ``asset_business_entity`` cannot be decided where that decides the outcome."""
    cheap = _marginal_couple("1", ill=True, business="100000")
    dear = _marginal_couple("2", ill=True, business="200000")
    table = to_table([cheap, dear])
    rows = _rows(assess_table(table, ON))
    assert [r["outcome"] for r in rows] == ["eligible", "not_eligible"]
    assert [dibao.assess(h, ON).outcome.value for h in (cheap, dear)] == [
        "eligible",
        "not_eligible",
    ]
    blind = _rows(assess_table(table.drop_columns(["asset_business_entity"]), ON))
    assert [r["outcome"] for r in blind] == ["cannot_decide", "cannot_decide"]
    assert blind[0]["problems"] == ["asset_business_entity"]


def test_the_engine_module_still_names_what_it_held() -> None:
    """``civaffairs.batch.engine`` was split in three; its public names stay importable."""
    from civaffairs.batch import arrays, engine, plumbing  # noqa: PLC0415 - the old path itself

    assert engine.assess_table is batch_dibao.assess_table
    assert engine.prepare is batch_dibao.prepare
    assert engine.Prepared is batch_dibao.Prepared
    assert engine.reason_flags is batch_dibao.reason_flags
    assert engine.REASON_CATALOGUE is batch_dibao.REASON_CATALOGUE
    assert engine.NUMPY is arrays.NUMPY
    assert engine.NumpyOps is arrays.NumpyOps
    assert engine.to_arrow is plumbing.to_arrow
    assert engine.SLICE_ROWS == plumbing.SLICE_ROWS
    assert sorted(engine.__all__) == sorted(
        [
            "NUMPY",
            "NumpyOps",
            "REASON_CATALOGUE",
            "SLICE_ROWS",
            "Frame",
            "Prepared",
            "assess_table",
            "prepare",
            "reason_flags",
            "to_arrow",
        ]
    )
