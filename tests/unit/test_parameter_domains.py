"""Every parameter value obeys its schema and the law's relations, from every door.

The doors: the shipped TOML and a caller's file (``ParameterBook.load``, ``--params``),
a what-if (``--scenario``, which calls ``override``), and ``ParameterBook.override``
itself.  A value of the wrong kind, outside its domain (negative money, a share above
1, a NaN, a count of a million), a sourced value without a source, or a book that
breaks a legal relation is refused with an error naming the parameter, the place and
the date — never accepted.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civaffairs import cli
from civaffairs.errors import InvalidInputError, ParameterFileError, ParameterRelationError
from civaffairs.parameters import (
    MAX_COUNT,
    Kind,
    ParameterBook,
    ParameterSpec,
    ParameterValue,
    Source,
    Status,
    default_book,
)
from civaffairs.parameters.relations import check_book

BOOK = default_book()
URBAN = "assistance.dibao.standard.urban"
SHARE = "assistance.dibao.amount.minimum_share_of_standard"
MULTIPLE = "assistance.marginal.income_multiple"
COUNT = "assistance.dibao.phase_out.months"
FLAG = "assistance.dibao.income.exclude_central_basic_pension"
ON = dt.date(2026, 1, 1)

FILE = """
jurisdiction = "421300"

[sources.demo]
title = "demo"

[[values."{name}"]]
effective_from = 2025-01-01
value = {value}
status = "example"
note = "a test value"
"""


def load(tmp_path: Path, name: str, value: str) -> ParameterBook:
    path = tmp_path / "caller.toml"
    path.write_text(FILE.format(name=name, value=value), encoding="utf-8")
    return ParameterBook.load([path])


# -- kinds and domains, from a file -------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        (URBAN, "-1", "a money from 0 or more (CNY per person per month)"),
        (URBAN, "nan", "a finite number for a money parameter"),
        (URBAN, "inf", "a finite number for a money parameter"),
        (URBAN, "1e13", "a money below 10^12"),
        (URBAN, "700.001", "at most two decimal places"),
        (URBAN, '"700"', "a number for a money parameter"),
        (SHARE, "1.5", "a rate from 0 to 1 (share of the standard per covered person)"),
        (SHARE, "-0.1", "a rate from 0 to 1"),
        (COUNT, "-1", f"a count from 0 to {MAX_COUNT}"),
        (COUNT, "1000000", f"a count from 0 to {MAX_COUNT}"),
        (COUNT, "6.0", "a whole number for a count parameter"),
        (FLAG, "1", "true or false for a flag parameter"),
        (COUNT, "true", "not a boolean"),
    ],
)
def test_a_file_value_outside_its_kind_or_domain_is_refused(
    tmp_path: Path, name: str, value: str, expected: str
) -> None:
    with pytest.raises(ParameterFileError) as caught:
        load(tmp_path, name, value)
    message = str(caught.value)
    assert expected in message
    assert f"{name} @ 421300 from 2025-01-01" in message  # the parameter, the place, the date


def test_a_multiple_may_exceed_one_and_a_share_may_be_one(tmp_path: Path) -> None:
    assert load(tmp_path, MULTIPLE, "1.8").get(MULTIPLE, "421303", ON).value == Decimal("1.8")
    assert load(tmp_path, SHARE, "1").get(SHARE, "421303", ON).value == Decimal(1)


def test_a_declared_minimum_and_maximum_narrow_the_domain() -> None:
    spec = ParameterSpec("x.grade", Kind.COUNT, "grade 1–4", "等级", "grade", minimum=1, maximum=4)
    assert spec.domain == (1, 4)
    book = ParameterBook({"x.grade": spec}, {})
    assert book.override("x.grade", "421300", 4, ON).get("x.grade", "421303", ON).value == 4
    for bad in (0, 5):
        with pytest.raises(ParameterFileError, match="a count from 1 to 4"):
            book.override("x.grade", "421300", bad, ON)


def test_the_shipped_schema_gives_every_kind_a_domain() -> None:
    for spec in BOOK.specs.values():
        low, high = spec.domain
        assert low == 0
        if spec.kind is Kind.RATE and spec.unit.startswith("share"):
            assert high == 1, spec.name
        if spec.kind is Kind.COUNT:
            assert high == MAX_COUNT, spec.name


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("\ufffe\x00bad".encode("utf-16"), "not UTF-8"),
        (b"[a]\nb = [" + b"[" * 5000 + b"]" * 5000 + b"]", "not"),
        (b"jurisdiction = 1" + b"0" * 5000, "not readable TOML"),
    ],
)
def test_an_unreadable_parameter_file_is_refused(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "odd.toml"
    path.write_bytes(content)
    with pytest.raises(ParameterFileError) as caught:
        ParameterBook.load([path])
    assert expected in str(caught.value)


def test_a_directory_as_a_parameter_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ParameterFileError, match="cannot be read"):
        ParameterBook.load([tmp_path])


# -- kinds and domains, from code ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        (URBAN, Decimal(-1), "a money from 0 or more"),
        (URBAN, Decimal("NaN"), "finite"),
        (URBAN, Decimal("sNaN"), "finite"),
        (URBAN, Decimal("Infinity"), "finite"),
        (URBAN, Decimal("1e999999999"), "below 10^12"),
        (URBAN, 800.0, "never a float"),
        (SHARE, Decimal(2), "a rate from 0 to 1"),
        (COUNT, -3, "a count from 0"),
        (COUNT, 10**100, f"a count from 0 to {MAX_COUNT}"),
        (FLAG, 1, "true or false"),
    ],
)
def test_an_override_outside_its_kind_or_domain_is_refused(
    name: str, value: object, expected: str
) -> None:
    with pytest.raises(ParameterFileError) as caught:
        BOOK.override(name, "500156", value, ON)  # type: ignore[arg-type]
    message = str(caught.value)
    assert expected in message
    assert f"invalid parameter override {name} @ 500156 from 2026-01-01" in message


def test_an_override_needs_dates_that_are_dates() -> None:
    with pytest.raises(ParameterFileError, match="effective_from: got datetime"):
        BOOK.override(URBAN, "500156", Decimal(800), dt.datetime(2026, 1, 1, 8, 0))  # noqa: DTZ001 - a naive datetime is the point
    with pytest.raises(ParameterFileError, match="effective_to: got '2026-12-31'"):
        BOOK.override(URBAN, "500156", Decimal(800), ON, "2026-12-31")  # type: ignore[arg-type]


@st.composite
def out_of_domain(draw: st.DrawFn) -> tuple[str, object]:
    """A parameter and a value of its kind that lies outside its domain, or of another kind."""
    name = draw(st.sampled_from(sorted(BOOK.specs)))
    spec = BOOK.specs[name]
    low, high = spec.domain
    if spec.kind is Kind.FLAG:
        return name, draw(st.one_of(st.integers(), st.just(Decimal(1)), st.text(max_size=3)))
    if spec.kind is Kind.COUNT:
        below_count = st.integers(max_value=int(low) - 1)
        above = st.integers(min_value=int(high if high is not None else MAX_COUNT) + 1)
        return name, draw(st.one_of(below_count, above, st.booleans()))
    below = st.decimals(max_value=Decimal(low) - Decimal("0.01"), places=2, allow_nan=False)
    bad = [below, st.just(Decimal("NaN")), st.just(Decimal("-Infinity")), st.floats()]
    if high is not None:
        bad.append(
            st.decimals(min_value=Decimal(high) + Decimal("0.01"), places=2, allow_nan=False)
        )
    if spec.kind is Kind.MONEY:
        bad.append(
            st.decimals(min_value=0, max_value=10**6, places=3).filter(
                lambda d: d % Decimal("0.01") != 0
            )
        )
    return name, draw(st.one_of(bad))


@given(out_of_domain(), st.sampled_from(["000000", "500000", "500156", "421300"]))
def test_no_value_outside_its_domain_is_ever_accepted(
    found: tuple[str, object], place: str
) -> None:
    name, value = found
    with pytest.raises(ParameterFileError, match=name.replace(".", r"\.")):
        BOOK.override(name, place, value, ON)  # type: ignore[arg-type]


# -- sources ------------------------------------------------------------------------------------


def test_a_sourced_override_needs_its_source() -> None:
    with pytest.raises(ParameterFileError, match=r"\$\.source: got None, expected a Source"):
        BOOK.override(URBAN, "500156", Decimal(800), ON, status=Status.SOURCED)
    sourced = BOOK.override(
        "assistance.extreme_poverty.basic_living_standard.urban",
        "500000",
        Decimal(1100),
        ON,
        status=Status.SOURCED,
        source=Source(key="x", title="某某文件"),
    )
    found = sourced.get("assistance.extreme_poverty.basic_living_standard.urban", "500156", ON)
    assert found.status is Status.SOURCED


def test_a_sourced_value_built_in_code_needs_its_source() -> None:
    with pytest.raises(InvalidInputError) as caught:
        ParameterValue(URBAN, "500000", Decimal(800), "CNY", ON, None, Status.SOURCED, None)
    assert caught.value.path == "$.source"
    assert f"{URBAN} @ 500000 from 2026-01-01" in caught.value.expected


# -- relations ----------------------------------------------------------------------------------


def test_an_override_that_breaks_a_legal_relation_is_refused() -> None:
    """The relation of ``relations.RELATIONS``: 特困 basic living ≥ 1.3 × the local 低保 standard.

    A provincial rule (policy-facts.md: Guizhou 2017 "原则上不低于…1.3倍"; Chongqing 2025
    publishes 1001 = 1.3 × 770).  Raising Chongqing's urban 低保 standard to 800 without
    raising the 特困 standard (1001 yuan, below 1.3 × 800 = 1040) makes an unlawful book.
    """
    with pytest.raises(ParameterRelationError) as caught:
        BOOK.override(URBAN, "500000", Decimal(800), ON)
    message = str(caught.value)
    assert f"the override {URBAN} @ 500000 from 2026-01-01" in message
    relation = "assistance.extreme_poverty.basic_living_at_least_ratio_of_dibao.urban"
    assert f"{relation} in 500000 on 2026-01-01" in message
    assert "1.3 × assistance.dibao.standard.urban (800) = 1040" in message
    # In the lawful order — 特困 first — the same change is accepted.
    lawful = BOOK.override(
        "assistance.extreme_poverty.basic_living_standard.urban", "500000", Decimal(1040), ON
    ).override(URBAN, "500000", Decimal(800), ON)
    assert check_book(lawful) == []


def test_check_false_builds_an_unlawful_book_on_purpose_for_study() -> None:
    book = BOOK.override(URBAN, "500000", Decimal(800), ON, check=False)
    assert check_book(book)
    with pytest.raises(ParameterRelationError):
        book.check()


def test_a_file_that_breaks_a_legal_relation_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "chongqing.toml"
    path.write_text(
        FILE.replace("421300", "500000").format(name=URBAN, value="800"), encoding="utf-8"
    )
    with pytest.raises(ParameterRelationError, match=r"chongqing\.toml"):
        ParameterBook.load([path])
    assert check_book(ParameterBook.load([path], check=False))
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(["params", "500156", "--params", str(path)], stdout=out, stderr=err)
    assert (code, out.getvalue()) == (2, "")
    assert "breaks" in err.getvalue()
    assert "in 500000 on 2025-01-01" in err.getvalue()


def test_the_scenario_door_checks_domains_and_relations(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    pytest.importorskip("numpy")
    for scenario, expected in (
        (f"{URBAN}@500000=-5", "a money from 0 or more"),
        (f"{URBAN}@500000=NaN", "finite"),
        (f"{URBAN}@500000=900", "breaks"),
        (f"{SHARE}@500000=2", "a rate from 0 to 1"),
    ):
        out, err = io.StringIO(), io.StringIO()
        argv = ["screen", "--synthetic", "5", "--jurisdiction", "500156", "--on", "2026-01-01"]
        argv += ["--out", str(tmp_path / "out.parquet"), "--scenario", scenario, "--quiet"]
        code = cli.main(argv, stdout=out, stderr=err)
        assert code == 2, (scenario, err.getvalue())
        assert expected in err.getvalue(), scenario


def test_a_what_if_is_checked_as_a_whole_and_its_files_must_be_readable(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    pytest.importorskip("numpy")
    argv = ["screen", "--synthetic", "5", "--jurisdiction", "500156", "--on", "2026-01-01"]
    argv += ["--out", str(tmp_path / "out.parquet"), "--quiet"]
    # 低保 first, then the 特困 standard that keeps 1.3 × 低保: the order does not matter.
    lawful = [
        f"{URBAN}@500000=800",
        "assistance.extreme_poverty.basic_living_standard.urban@500000=1040",
    ]
    out, err = io.StringIO(), io.StringIO()
    code = cli.main([*argv, *(f"--scenario={s}" for s in lawful)], stdout=out, stderr=err)
    assert (code, err.getvalue()) == (0, "")
    assert "what-if" in out.getvalue()
    bad = tmp_path / "gbk.toml"
    bad.write_bytes("jurisdiction = '500000' # 重庆".encode("gb18030"))
    code = cli.main([*argv, "--scenario-params", str(bad)], stdout=out, stderr=err)
    assert code == 2
    assert "cannot be read: not UTF-8 text" in err.getvalue()
