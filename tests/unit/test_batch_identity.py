"""One household decided whole, one person counted once, in tables, files, the CLI and Dask.

A fuzzing run wrote a household whose rows fell in two Parquet row groups with another
household between them: ``civaffairs screen`` decided it as two households (eligible, exit
0) while ``assess_table`` on the same rows refused it.  社会救助暂行办法 (国务院令第649号)
art. 9: "国家对共同生活的家庭成员人均收入低于当地最低生活保障标准，且符合当地最低生活保障
家庭财产状况规定的家庭，给予最低生活保障。" — the *family* is decided (its members'
per-capita income against the standard): a fragment of a family is not a family.  Every
path now refuses it, naming the household and the rows of the file; a household merely
split between chunks is assembled.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pyarrow")
pytest.importorskip("numpy")

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
from builders import ON, household, person, rural_family, screen

from civaffairs.batch import assess_table, longevity, to_table
from civaffairs.batch import dibao as batch_dibao
from civaffairs.batch._identity import SeenIds, fingerprints, refuse_repeated_people
from civaffairs.batch.files import screen_file, whole_households
from civaffairs.entities import Income, IncomeType, Relationship
from civaffairs.errors import DuplicateIdentityError, InvalidDocumentError, InvalidInputError


def _families() -> pa.Table:
    """H0 (3 persons, eligible), H1 (2, not eligible), H2 (1, one fen) of 武隆区."""
    households = [rural_family(3, "1000"), rural_family(2, "2000"), rural_family(1, "629.99")]
    return to_table([h.__class__(f"H{i}", h.members, h.incomes) for i, h in enumerate(households)])


def _lone(household_id: str, wages: str) -> pa.Table:
    lone = household(
        (person("a"), Relationship.APPLICANT),
        incomes=[Income(IncomeType.WAGES, wages, member="a")],
    )
    return to_table([lone.__class__(household_id, lone.members, lone.incomes)])


def _scattered() -> pa.Table:
    """H0's rows, then H1's, then H0 again: H0's rows are not consecutive."""
    table = _families()
    ids = table.column("household_id").to_pylist()
    ids[-1] = "H0"
    return table.set_column(0, "household_id", pa.array(ids))


def _write(table: pa.Table, path: Path, group: int) -> Path:
    pq.write_table(table, path, row_group_size=group)
    return path


def test_a_household_split_between_row_groups_is_decided_whole(tmp_path: Path) -> None:
    table = _families()  # H0 is rows 0-2: groups of 2 split it
    source = _write(table, tmp_path / "in.parquet", 2)
    assert pq.ParquetFile(source).num_row_groups == 3
    screen_file(source, tmp_path / "out.parquet", ON)
    written = pq.read_table(tmp_path / "out.parquet")
    assert written.to_pylist() == assess_table(table, ON).to_pylist()
    assert written.column("household_id").to_pylist() == ["H0", "H1", "H2"]


def test_a_household_that_comes_back_in_a_later_row_group_is_refused(tmp_path: Path) -> None:
    # The fuzzed file: H0 in the first row group, H1, then H0 again in the last group.
    source = _write(_scattered(), tmp_path / "in.parquet", 3)
    for errors in ("mark", "raise"):
        with pytest.raises(InvalidDocumentError) as raised:
            screen_file(source, tmp_path / "out.parquet", ON, errors=errors)
        (error,) = raised.value.errors
        assert isinstance(error, DuplicateIdentityError)  # as assess_table words it
        assert error.path == "$[5].household_id"  # a row of the file, not of the chunk
        assert error.earlier == "$[0].household_id"
        assert "'H0'" in str(error)
        assert "consecutive" in str(error)
    # No output at all, rather than results holding a decision on a fragment of H0.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.parquet"]
    code, out, err = screen(str(source), "--on", ON.isoformat(), "--out", str(tmp_path / "o.pq"))
    assert code == 2
    assert "$[5].household_id duplicates $[0].household_id" in err
    assert "'H0'" in err
    assert "Traceback" not in err
    assert "eligible" not in out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.parquet"]


def test_a_household_that_comes_back_in_the_same_chunk_is_refused_the_same_way(
    tmp_path: Path,
) -> None:
    scattered = _scattered()
    source = _write(scattered, tmp_path / "in.parquet", 100)
    with pytest.raises(InvalidDocumentError) as raised:
        screen_file(source, tmp_path / "out.parquet", ON)
    streamed = [str(e) for e in raised.value.errors]
    with pytest.raises(InvalidDocumentError) as raised:
        assess_table(scattered, ON)
    (error,) = raised.value.errors
    assert isinstance(error, DuplicateIdentityError)
    assert str(error).startswith("$[5].household_id duplicates $[0].household_id")
    assert streamed == [str(error)]


def test_csv_streams_refuse_it_too(tmp_path: Path) -> None:
    pacsv = pytest.importorskip("pyarrow.csv")
    table = _scattered()
    decoded: dict[str, Any] = {
        n: c.cast(c.type.value_type) if pa.types.is_dictionary(c.type) else c
        for n, c in zip(table.column_names, table.columns, strict=True)
    }
    source = tmp_path / "in.csv"
    pacsv.write_csv(pa.table(decoded), source)
    with pytest.raises(InvalidDocumentError, match=r"\$\[5\]\.household_id duplicates \$\[0\]"):
        screen_file(source, tmp_path / "out.parquet", ON)


def test_bad_cells_are_numbered_in_file_rows(tmp_path: Path) -> None:
    table = _families()
    wages = table.column("income_wages").to_pylist()
    wages[5] = -1  # H2's only row, in the last row group
    column = pa.array(wages, type=pa.int64())
    bad = table.set_column(table.schema.get_field_index("income_wages"), "income_wages", column)
    source = _write(bad, tmp_path / "in.parquet", 2)
    with pytest.raises(InvalidDocumentError) as raised:
        screen_file(source, tmp_path / "out.parquet", ON, errors="raise")
    assert [e.path for e in raised.value.errors] == ["$[5].income_wages"]
    code, _, err = screen(
        str(source), "--on", ON.isoformat(), "--out", str(tmp_path / "o.pq"), "--errors", "raise"
    )
    assert code == 2
    assert "$[5].income_wages" in err


def test_a_member_twice_in_a_household_is_refused_not_counted_twice() -> None:
    # The columnar form of the fuzzed household: the lone applicant entered twice.
    one = _lone("H", "800")
    twice = pa.concat_tables([one, one])
    relationship = twice.column("relationship").to_pylist()
    relationship[1] = "spouse"
    twice = twice.set_column(
        twice.schema.get_field_index("relationship"),
        "relationship",
        pa.array(relationship).dictionary_encode(),
    )
    for errors in ("mark", "raise"):
        with pytest.raises(InvalidDocumentError) as raised:
            assess_table(twice, ON, errors=errors)
        (error,) = raised.value.errors
        assert str(error).startswith("$[1].person_id duplicates $[0].person_id")
    assert assess_table(one, ON).column("outcome").to_pylist() == ["not_eligible"]


def test_member_ids_are_household_ids_so_two_households_may_share_one() -> None:
    # Person ids are member ids of their household (as in the scalar Household).
    table = pa.concat_tables([_lone("H1", "100"), _lone("H2", "100")])
    assert table.column("person_id").to_pylist() == ["a", "a"]
    assert assess_table(table, ON).num_rows == 2


def test_a_person_twice_in_a_people_table_is_refused() -> None:
    people = pa.table(
        {
            "person_id": ["x", "y", "x"],
            "birth_date": pa.array([dt.date(1940, 3, 1)] * 3, pa.date32()),
            "registration": ["440304"] * 3,
        }
    )
    with pytest.raises(InvalidDocumentError) as raised:
        longevity.assess_table(people, dt.date(2025, 8, 15))
    assert str(raised.value.errors[0]).startswith("$[2].person_id duplicates $[0].person_id")
    with pytest.raises(InvalidDocumentError) as raised:
        longevity.assess_table(people, dt.date(2025, 8, 15), first_row=10)
    assert raised.value.errors[0].path == "$[12].person_id"


def test_the_longevity_command_refuses_a_person_in_two_chunks(tmp_path: Path) -> None:
    people = pa.table(
        {
            "person_id": ["x", "y", "z", "x"],
            "birth_date": pa.array([dt.date(1940, 3, 1)] * 4, pa.date32()),
            "registration": ["440304"] * 4,
        }
    )
    source = _write(people, tmp_path / "people.parquet", 2)
    code, _, err = screen(
        str(source),
        "--programme",
        "eldercare.longevity",
        "--on",
        "2025-08-15",
        "--out",
        str(tmp_path / "o.parquet"),
        "--quiet",
    )
    assert code == 2
    assert "$[3].person_id duplicates $[0].person_id" in err
    assert "'x'" in err
    assert not (tmp_path / "o.parquet").exists()


def test_screen_never_overwrites_its_input(tmp_path: Path) -> None:
    source = _write(_families(), tmp_path / "in.parquet", 2)
    before = source.read_bytes()
    os.symlink(source, tmp_path / "link.parquet")
    for out in (source, tmp_path / "." / "in.parquet", tmp_path / "link.parquet"):
        code, _, err = screen(str(source), "--on", ON.isoformat(), "--out", str(out), "--quiet")
        assert code == 2, out
        assert "--out" in err
        assert "input" in err
        with pytest.raises(InvalidInputError, match="never overwritten"):
            screen_file(source, out, ON)
    code, *_ = screen(
        str(source),
        "--programme",
        "eldercare.longevity",
        "--on",
        ON.isoformat(),
        "--out",
        str(source),
    )
    assert code == 2
    assert source.read_bytes() == before


def test_whole_households_numbers_rows_of_the_whole_input() -> None:
    table = _scattered()
    chunks = [table.slice(i, 2) for i in range(0, table.num_rows, 2)]
    with pytest.raises(InvalidDocumentError) as raised:
        list(whole_households(iter(chunks)))
    assert [e.path for e in raised.value.errors] == ["$[5].household_id"]


def test_slices_refuse_the_same_as_one_table(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch_dibao, "SLICE_ROWS", 1)
    with pytest.raises(InvalidDocumentError) as raised:
        batch_dibao.prepare(_scattered(), ON, workers=2)
    assert [e.path for e in raised.value.errors] == ["$[5].household_id"]


def test_seen_ids_remember_integers_exactly_and_text_by_fingerprint() -> None:
    seen = SeenIds("household_id", "once", what="persons table")
    seen.add(pa.array(np.arange(0, 1000, dtype=np.int64)))
    seen.add(pa.array([5000, 5002], type=pa.int64()))
    seen.check(pa.array([1000, 5001, 7000], type=pa.int64()), np.array([0, 1, 2]))  # all new
    with pytest.raises(InvalidDocumentError) as raised:
        seen.check(pa.array([1001, 999, 5002], type=pa.int64()), np.array([10, 11, 12]))
    assert [e.path for e in raised.value.errors] == ["$[11].household_id", "$[12].household_id"]
    for block in range(50):  # many small chunks: the levels merge
        seen.add(pa.array([f"h{block}-{i}" for i in range(7)]))
    seen.check(pa.array(["h0-7", "h50-0"]), np.array([0, 1]))
    with pytest.raises(InvalidDocumentError):
        seen.check(pa.array(["h0-7", "h49-6"]).dictionary_encode(), np.array([0, 1]))


def test_refuse_repeated_people_ignores_nulls() -> None:
    table = pa.table({"person_id": pa.array([None, None, "a", "b"], pa.string())})
    refuse_repeated_people(table)
    refuse_repeated_people(table, households=np.array([0, 2], dtype=np.int64))


def test_dask_refuses_a_scattered_or_split_household_naming_it(tmp_path: Path) -> None:
    dd = pytest.importorskip("dask.dataframe")
    from civaffairs.batch.distributed import (  # noqa: PLC0415 - needs the optional dask
        assess_dask,
        check_partitions,
        household_partitions,
        screen_parquet,
    )

    scattered = _write(_scattered(), tmp_path / "scattered.parquet", 3)
    with pytest.raises(InvalidDocumentError) as raised:
        screen_parquet(scattered, tmp_path / "out", ON)
    (error,) = raised.value.errors
    assert str(error).startswith("$[5].household_id duplicates $[0].household_id")

    # A file's partitions move to household boundaries: a split household is read whole.
    split = _write(_families(), tmp_path / "split.parquet", 2)
    screen_parquet(split, tmp_path / "out2", ON)
    written = pq.read_table(tmp_path / "out2")
    assert written.column("amount_fen").to_pylist() == [89000, 0, 1]
    assert household_partitions(split).npartitions == 3  # rows 0-2, 3-4, 5
    # Partitions cut inside a household (one per row group) are refused, naming it.
    frame = dd.read_parquet(str(split), dtype_backend="pyarrow", split_row_groups=True)
    with pytest.raises(InvalidInputError) as caught:
        assess_dask(frame, ON)
    assert caught.value.path == "$[2].household_id"
    assert "'H0'" in str(caught.value)

    whole = _write(_families(), tmp_path / "whole.parquet", 100)
    frame = dd.read_parquet(str(whole), dtype_backend="pyarrow", split_row_groups=True)
    assert check_partitions(frame) == [0]
    result = assess_dask(frame, ON).compute()  # type: ignore[no-untyped-call]
    assert result["amount_fen"].tolist() == [89000, 0, 1]


def test_text_fingerprints_are_equal_exactly_for_equal_ids() -> None:
    ids = ["", "a", "b", "ab", "ba", "a\x00", "\x00a", "王丽", "王丽", "H0", "H00", "", "x" * 300]
    found = fingerprints(pa.array(ids))
    assert found.dtype == np.dtype("S16")
    pairs = [(i, j) for i in range(len(ids)) for j in range(len(ids))]
    assert all((found[i] == found[j]) == (ids[i] == ids[j]) for i, j in pairs)
    # However the column comes: dictionary-encoded, in chunks, sliced, as large strings.
    assert (fingerprints(pa.array(ids).dictionary_encode()) == found).all()
    assert (fingerprints(pa.chunked_array([ids[:4], ids[4:]])) == found).all()
    assert (fingerprints(pa.array(["zz", *ids]).slice(1)) == found).all()
    assert (fingerprints(pa.array(ids, pa.large_string())) == found).all()
    many = [f"H{i}" for i in range(200_000)]
    assert len(set(fingerprints(pa.array(many)).tolist())) == len(many)
