"""Review of the speed work of issue #16: the fast paths and caches answer as exact code does.

Each test here failed before the fix it names (see the commit that added it).
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal, localcontext
from fractions import Fraction
from typing import Any
from unittest import mock

import attrs
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civaffairs import money
from civaffairs.assistance import dibao
from civaffairs.batch import assess_table, to_table
from civaffairs.batch import children as batch_children
from civaffairs.batch import dibao as batch_dibao
from civaffairs.batch import disability_subsidies as batch_disability
from civaffairs.batch import extreme_poverty as batch_extreme
from civaffairs.batch import layers as batch_layers
from civaffairs.batch import marginal as batch_marginal
from civaffairs.batch import rigid_expenditure as batch_rigid
from civaffairs.batch.population import synthetic_population
from civaffairs.batch.schema import from_table
from civaffairs.entities import Household
from civaffairs.errors import InvalidInputError
from civaffairs.parameters import default_book
from civaffairs.testing import strategies as cst

#: Decimals of every form a rule may hand over: long coefficients, exponents either way, -0.
decimals = st.builds(
    lambda sign, coefficient, exponent: Decimal(
        (sign, tuple(map(int, str(coefficient))), exponent)
    ),
    st.integers(0, 1),
    st.integers(0, 10**40),
    st.integers(-40, 12),
)
precisions = st.integers(1, 40)


def exact_fen(amount: Decimal) -> int | None:
    """The amount in fen by rational arithmetic, or None when it is not whole fen."""
    scaled = Fraction(amount) * 100
    return scaled.numerator if scaled.denominator == 1 else None


@given(decimals, precisions)
def test_yuan_to_fen_is_exact_whatever_the_decimal_context(amount: Decimal, precision: int) -> None:
    """``yuan_to_fen`` gives the exact fen (or refuses) under any context, remembered or not.

    Before the fix it used ``scaleb``, which rounds to the context's precision: a 31-digit
    amount finer than one fen came out as whole fen, and a result first computed under a
    narrow context was remembered and returned to every later caller.
    """
    expected = exact_fen(amount)
    for context_precision in (precision, 28):
        with localcontext(prec=context_precision):
            if expected is None:
                with pytest.raises(InvalidInputError):
                    money.yuan_to_fen(amount)
            else:
                assert money.yuan_to_fen(amount) == expected


def test_a_narrow_context_does_not_poison_the_remembered_fen() -> None:
    """The fen of 1234.56 yuan stays 123456 after a caller with a 5-digit context asked."""
    with localcontext(prec=5):
        narrow = money.yuan_to_fen(Decimal("1234.56"))
    assert (narrow, money.yuan_to_fen(Decimal("1234.56"))) == (123456, 123456)


@given(st.integers(-(10**40), 10**40), precisions)
def test_fen_to_yuan_is_exact_whatever_the_decimal_context(fen: int, precision: int) -> None:
    """``fen_to_yuan`` moves the point two places exactly and keeps two decimals.

    Before the fix ``scaleb`` rounded 10**30 fen to 1.000000000000000000000000000E+28.
    """
    for context_precision in (precision, 28):
        with localcontext(prec=context_precision):
            found = money.fen_to_yuan(fen)
            assert Fraction(found) == Fraction(fen, 100)
            assert found.as_tuple().exponent == -2


# -- the batch engine on tables chunked any way ------------------------------------------------


BOOK = default_book()
CHONGQING = "500000"


@st.composite
def chunked(draw: st.DrawFn) -> tuple[dt.date, pa.Table, pa.Table]:
    """A population's table, and the same rows chunked at random cuts (empty chunks too).

    Some layouts cut only between households, some inside one, some give each column its own
    chunks; the rows sit at an offset inside a longer table (a slice), as a reader sees them.
    """
    on = draw(st.dates(dt.date(2023, 8, 22), dt.date(2026, 3, 31)))
    found = draw(
        st.lists(
            cst.households(on=on, jurisdiction=CHONGQING, near_standard=True, max_size=4),
            min_size=1,
            max_size=6,
        )
    )
    households: list[Household] = [attrs.evolve(h, id=f"H{i}") for i, h in enumerate(found)]
    table = to_table(households).combine_chunks()
    rows = table.num_rows
    padding = draw(st.integers(0, 3))
    filler = pa.concat_tables([table] * (padding + 1)).slice(0, padding)
    padded = pa.concat_tables([filler, table]).combine_chunks()

    def cuts() -> list[int]:
        return sorted(draw(st.lists(st.integers(0, rows), max_size=6)))

    shared = cuts()
    each = draw(st.booleans())
    columns = [
        _pieces(column.chunk(0), padding, rows, cuts() if each else shared)
        for column in padded.columns
    ]
    return on, table, pa.Table.from_arrays(columns, schema=table.schema)


def _pieces(array: Any, padding: int, rows: int, cuts: list[int]) -> Any:
    """Rows ``padding`` to ``padding + rows`` of ``array``, chunked at ``cuts`` (offsets kept)."""
    bounds = [0, *cuts, rows]
    return pa.chunked_array(
        [array.slice(padding + a, b - a) for a, b in itertools.pairwise(bounds)],
        type=array.type,
    )


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(chunked(), st.integers(1, 9), st.sampled_from([1, 2]))
def test_chunk_layout_never_changes_the_dibao_result(
    case: tuple[dt.date, pa.Table, pa.Table], slice_rows: int, workers: int
) -> None:
    """The 低保 engine decides a table chunked any way as it decides the same rows in one chunk.

    Slices follow the chunks when they hold whole households, household cells are read from
    validity bitmaps at an offset and ids gathered in numpy: none may change a result.
    """
    on, whole, chunks = case
    expected = assess_table(whole, on, book=BOOK, workers=1).to_pylist()
    with mock.patch.object(batch_dibao, "SLICE_ROWS", slice_rows):
        found = assess_table(chunks, on, book=BOOK, workers=workers).to_pylist()
    layout = [[len(c) for c in column.chunks] for column in chunks.columns]
    assert found == expected, (slice_rows, workers, layout)


SLICED = (
    batch_dibao,
    batch_children,
    batch_disability,
    batch_extreme,
    batch_marginal,
    batch_rigid,
)
ON = dt.date(2025, 7, 1)


@st.composite
def synthetic_chunked(draw: st.DrawFn) -> tuple[pa.Table, pa.Table]:
    """A synthetic registry (every programme's columns, some cells spoilt), chunked at random."""
    households = draw(st.integers(1, 40))
    share = draw(st.sampled_from([0.0, 0.3]))
    whole = synthetic_population(
        households, CHONGQING, on=ON, seed=draw(st.integers(0, 99)), invalid_share=share
    ).combine_chunks()
    rows = whole.num_rows
    padding = draw(st.integers(0, 3))
    filler = pa.concat_tables([whole] * (padding + 1)).slice(0, padding)
    padded = pa.concat_tables([filler, whole]).combine_chunks()
    each = draw(st.booleans())
    shared = sorted(draw(st.lists(st.integers(0, rows), max_size=6)))
    columns = [
        _pieces(
            column.chunk(0),
            padding,
            rows,
            sorted(draw(st.lists(st.integers(0, rows), max_size=4))) if each else shared,
        )
        for column in padded.columns
    ]
    return whole, pa.Table.from_arrays(columns, schema=whole.schema)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(synthetic_chunked(), st.integers(1, 40))
def test_chunk_layout_never_changes_any_programme_or_the_layers(
    case: tuple[pa.Table, pa.Table], slice_rows: int
) -> None:
    """Every columnar programme, and the layered screen, decide any chunk layout alike."""
    whole, chunks = case
    layout = [[len(c) for c in column.chunks] for column in chunks.columns]
    for module in (*SLICED, batch_layers):
        expected = module.assess_table(whole, ON, book=BOOK, workers=1).to_pylist()
        if hasattr(module, "SLICE_ROWS"):
            with mock.patch.object(module, "SLICE_ROWS", slice_rows):
                found = module.assess_table(chunks, ON, book=BOOK, workers=1).to_pylist()
        else:
            found = module.assess_table(chunks, ON, book=BOOK, workers=1).to_pylist()
        assert found == expected, (module.__name__, slice_rows, layout)


# -- a place above county level ------------------------------------------------------------------


@pytest.mark.parametrize("place", ["500000", "500100"])
def test_a_registration_above_county_level_is_a_bad_cell_as_the_scalar_rule_refuses_it(
    place: str,
) -> None:
    """The scalar 低保 rule refuses a registration above county level (means.family:
    "低保, 低保边缘 and 刚性支出困难 are decided by the county-level civil-affairs department
    (《社会救助暂行办法》第十一条(三); 民发〔2021〕57号 第二条)"); the columnar engine decided
    such a household (at the province's or prefecture's parameters)."""
    table = synthetic_population(3, CHONGQING, on=ON, seed=4)
    household = next(from_table(table))[0]
    registration = household.applicant.person.registration
    moved = attrs.evolve(
        household,
        members=[
            attrs.evolve(
                m,
                person=attrs.evolve(
                    m.person, registration=attrs.evolve(registration, jurisdiction=place)
                ),
            )
            if m is household.applicant
            else m
            for m in household.members
        ],
    )
    with pytest.raises(InvalidInputError, match="county-level"):
        dibao.assess(moved, ON, book=BOOK)
    row = assess_table(to_table([moved]), ON, book=BOOK).to_pylist()[0]
    assert (row["outcome"], row["reasons"], row["problems"]) == (
        "cannot_decide",
        ["batch.invalid_value"],
        ["registration"],
    )


def test_a_deciding_place_above_county_level_is_refused_as_the_scalar_rule_refuses_it() -> None:
    """A ``jurisdiction`` cell above county level is a bad cell; the call's own argument above
    county level is the caller's error (as the layered screen already refuses it)."""
    table = synthetic_population(3, CHONGQING, on=ON, seed=4)
    chosen = pa.array([CHONGQING] * table.num_rows, pa.string())
    marked = assess_table(table.append_column("jurisdiction", chosen), ON, book=BOOK).to_pylist()
    assert {(r["outcome"], tuple(r["problems"] or ())) for r in marked} == {
        ("cannot_decide", ("jurisdiction",))
    }
    for errors in ("mark", "raise"):
        with pytest.raises(InvalidInputError, match="county-level"):
            assess_table(table, ON, book=BOOK, jurisdiction=CHONGQING, errors=errors)
