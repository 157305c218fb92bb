"""The longevity allowance over a people table: Shenzhen's sourced bands, bad cells, parameters."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest
from builders import screen

from civaffairs.batch import longevity
from civaffairs.errors import InvalidDocumentError, ParameterNotFoundError
from civaffairs.parameters import default_book

ON = dt.date(2025, 8, 15)
FUTIAN = (
    "440304"  # 深圳市福田区: 深民规〔2019〕2号, 70-79 200, 80-89 300, 90-99 500, 100+ 1000 yuan
)


def _people(*rows: tuple[Any, ...]) -> pa.Table:
    ids, births, places, where = zip(*rows, strict=True)
    return pa.table(
        {
            "person_id": list(ids),
            "birth_date": pa.array(births, pa.date32()),
            "registration": pa.array(places, pa.string()),
            "jurisdiction": pa.array(where, pa.string()),
        }
    )


def test_shenzhen_bands_paid_from_the_month_after_the_birthday() -> None:
    table = _people(
        ("turns-70-this-month", dt.date(1955, 8, 31), FUTIAN, None),  # paid from September
        ("turned-70-last-month", dt.date(1955, 7, 1), FUTIAN, None),
        ("aged-85", dt.date(1940, 3, 1), FUTIAN, None),
        ("aged-99", dt.date(1926, 1, 1), FUTIAN, None),
        ("aged-100", dt.date(1925, 7, 31), FUTIAN, None),
        ("registered-in-wulong", dt.date(1930, 1, 1), "500156", FUTIAN),
    )
    rows = longevity.assess_table(table, ON).to_pylist()
    assert [(r["outcome"], r["amount_fen"], r["band"]) for r in rows] == [
        ("not_eligible", 0, None),
        ("eligible", 20000, 70),
        ("eligible", 30000, 80),
        ("eligible", 50000, 90),
        ("eligible", 100000, 100),
        ("not_eligible", 0, None),
    ]
    assert rows[0]["reasons"][-1] == "eldercare.longevity.below_first_band"
    assert rows[5]["reasons"] == ["eldercare.longevity.registration_elsewhere"]
    assert all(r["jurisdiction"] == FUTIAN for r in rows)


def test_bad_cells_are_never_read_as_values() -> None:
    table = _people(
        ("no-birth-date", None, FUTIAN, None),
        ("born-tomorrow", dt.date(2025, 8, 16), FUTIAN, None),
        ("no-registration", dt.date(1940, 1, 1), None, None),
        ("unknown-registration", dt.date(1940, 1, 1), "999999", None),
        ("unknown-place", dt.date(1940, 1, 1), FUTIAN, "12345"),
        ("fine", dt.date(1940, 1, 1), FUTIAN, None),
    )
    rows = longevity.assess_table(table, ON).to_pylist()
    assert [r["problems"] for r in rows] == [
        ["birth_date"],
        ["birth_date"],
        ["registration"],
        ["registration"],
        ["jurisdiction"],
        None,
    ]
    assert [r["outcome"] for r in rows[:5]] == ["cannot_decide"] * 5
    assert all(r["reasons"] == ["batch.invalid_value"] for r in rows[:5])
    assert rows[5]["amount_fen"] == 30000
    with pytest.raises(InvalidDocumentError) as raised:
        longevity.assess_table(table, ON, errors="raise")
    assert [e.path for e in raised.value.errors] == [
        "$[0].birth_date",
        "$[1].birth_date",
        "$[2].registration",
        "$[3].registration",
        "$[4].jurisdiction",
    ]
    assert "(a birth date, withheld)" in str(raised.value)


def test_a_place_without_bands_cannot_decide_and_says_which_parameter() -> None:
    table = _people(("beijing", dt.date(1930, 1, 1), "110101", None))
    (row,) = longevity.assess_table(table, ON).to_pylist()
    assert row["outcome"] == "cannot_decide"
    assert row["reasons"] == ["batch.parameter_unavailable"]
    assert row["problems"] == ["eldercare.longevity.band_count"]
    with pytest.raises(ParameterNotFoundError, match="band_count"):
        longevity.assess_table(table, ON, errors="raise")


def test_the_default_jurisdiction_applies_only_where_the_row_names_none() -> None:
    table = _people(
        ("a", dt.date(1930, 1, 1), "500156", None),
        ("b", dt.date(1930, 1, 1), "500156", "500156"),
    )
    rows = longevity.assess_table(table, ON, jurisdiction=FUTIAN).to_pylist()
    assert [r["jurisdiction"] for r in rows] == [FUTIAN, "500156"]
    assert rows[0]["reasons"] == ["eldercare.longevity.registration_elsewhere"]


def test_unknown_columns_and_frames() -> None:
    table = _people(("a", dt.date(1930, 1, 1), FUTIAN, None))
    with pytest.raises(InvalidDocumentError, match="registraton"):
        longevity.assess_table(
            table.rename_columns(["person_id", "birth_date", "registraton", "jurisdiction"]), ON
        )
    expected = longevity.assess_table(table, ON).to_pylist()
    pandas = pytest.importorskip("pandas")
    polars = pytest.importorskip("polars")
    assert isinstance(table.to_pandas(), pandas.DataFrame)
    assert longevity.assess_table(table.to_pandas(), ON).to_pylist() == expected
    assert longevity.assess_table(polars.from_arrow(table), ON).to_pylist() == expected
    empty = longevity.people_schema().empty_table()
    assert longevity.assess_table(empty, ON).num_rows == 0


def test_a_column_given_twice_is_refused() -> None:
    table = _people(("a", dt.date(1930, 1, 1), FUTIAN, None))
    twice = table.append_column("registration", table.column("registration"))
    with pytest.raises(InvalidDocumentError, match="2 columns of that name"):
        longevity.assess_table(twice, ON)


def test_each_place_names_the_band_parameter_it_lacks() -> None:
    book = default_book().override(
        "eldercare.longevity.band_count", "440300", 5, dt.date(2025, 1, 1)
    )
    table = _people(
        ("shenzhen", dt.date(1930, 1, 1), FUTIAN, None),  # a fifth band that is not there
        ("beijing", dt.date(1930, 1, 1), "110101", None),  # no bands at all
    )
    rows = longevity.assess_table(table, ON, book=book).to_pylist()
    assert [r["problems"] for r in rows] == [
        ["eldercare.longevity.band_5.start_age"],
        ["eldercare.longevity.band_count"],
    ]


def test_the_screen_command_decides_a_people_file(tmp_path: Path) -> None:
    table = _people(
        ("a", dt.date(1940, 3, 1), FUTIAN, None),
        ("b", dt.date(1926, 1, 1), FUTIAN, None),
        ("c", dt.date(1990, 1, 1), FUTIAN, None),
        ("d", None, FUTIAN, None),
    )
    pq.write_table(table, tmp_path / "people.parquet", row_group_size=2)
    pacsv.write_csv(table, tmp_path / "people.csv")
    for source in ("people.parquet", "people.csv"):
        code, out, err = screen(
            str(tmp_path / source),
            "--programme",
            "eldercare.longevity",
            "--on",
            "2025-08-15",
            "--out",
            str(tmp_path / "out.parquet"),
            "--quiet",
        )
        assert (code, err) == (0, "")
        written = pq.read_table(tmp_path / "out.parquet").to_pylist()
        assert [r["amount_fen"] for r in written] == [30000, 50000, 0, 0]
        lines = out.splitlines()
        assert lines[0].split() == ["programme", "outcome", "band", "persons", "monthly", "cost"]
        assert lines[-1].split() == ["eldercare.longevity", "(all)", "(all)", "4", "800", "元"]
        assert any(line.split()[1:4] == ["cannot_decide", "-", "1"] for line in lines[2:])


def test_the_screen_command_refuses_dibao_options_for_longevity(tmp_path: Path) -> None:
    code, _, err = screen(
        "--programme",
        "eldercare.longevity",
        "--synthetic",
        "10",
        "--jurisdiction",
        "500000",
        "--on",
        "2025-08-15",
        "--out",
        str(tmp_path / "out.parquet"),
    )
    assert code == 2
    assert "--synthetic" in err
