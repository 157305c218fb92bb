"""The columnar engine decides exactly as the scalar path: batch equals scalar.

Lists of households drawn by the test kit (registered in Chongqing, incomes
aimed at, one fen under and one fen over the standard × members, severe
conditions and assets included) are converted with ``to_table`` and decided
by ``assess_table``; each household's outcome, amount in fen, counted members
and reason codes must equal :func:`civaffairs.assistance.dibao.assess`'s.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from unittest import mock

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("pyarrow")
pytest.importorskip("numpy")

from civaffairs.assistance import dibao
from civaffairs.batch import REASON_CATALOGUE, assess_table, to_table
from civaffairs.batch import dibao as batch_dibao
from civaffairs.batch.schema import from_table
from civaffairs.decisions import Decision, Outcome
from civaffairs.entities import Household
from civaffairs.errors import ParameterError
from civaffairs.money import yuan_to_fen
from civaffairs.parameters import default_book
from civaffairs.testing import strategies as cst

CHONGQING = "500000"
FIRST_DAY = dt.date(2023, 8, 22)
LAST_DAY = dt.date(2026, 3, 31)  # past the 14th Five-Year Plan: the pension rule as example data
BOOK = default_book()
# A book with a floor, an employment deduction and a multiple whose fractions do not divide
# evenly, so the half-fen roundings of difference_amount and single_person_rule are reached.
ROUNDING_BOOK = (
    BOOK.override(
        "assistance.dibao.income.employment_deduction_rate",
        CHONGQING,
        Decimal("0.15"),
        FIRST_DAY,
    )
    .override(
        "assistance.dibao.amount.minimum_share_of_standard", CHONGQING, Decimal("0.2"), FIRST_DAY
    )
    .override("assistance.marginal.income_multiple", CHONGQING, Decimal("1.35"), FIRST_DAY)
)


@st.composite
def populations(draw: st.DrawFn) -> tuple[dt.date, list[Household]]:
    on = draw(st.dates(FIRST_DAY, LAST_DAY))
    near = draw(st.sampled_from([True, None]))
    found = draw(
        st.lists(
            cst.households(on=on, jurisdiction=CHONGQING, near_standard=near, max_size=5),
            min_size=1,
            max_size=6,
        )
    )
    # Some households leave a member's serious illness not established (None): the engine
    # must ask exactly where the scalar path asks (民发〔2021〕57号 art. 8, 单人户).
    unknown = draw(st.lists(st.booleans(), min_size=len(found), max_size=len(found)))
    return on, [
        _household_assets(attrs.evolve(_unknown_illness(h) if u else h, id=f"H{i}"))
        for i, (h, u) in enumerate(zip(found, unknown, strict=True))
    ]


def _household_assets(household: Household) -> Household:
    """The household with its assets owned by the household, not by a member.

    The persons table has no owner column (civaffairs.batch.schema): its asset columns
    are the household's, all counted.  The scalar rule leaves out the assets of members
    who are not counted (民发〔2021〕57号 art. 14); that is tested in tests/unit/test_dibao.py.
    """
    return attrs.evolve(
        household, assets=tuple(attrs.evolve(a, owner=None) for a in household.assets)
    )


def _unknown_illness(household: Household) -> Household:
    """The household with every "not seriously ill" turned into "not established"."""
    members = [
        attrs.evolve(m, person=attrs.evolve(m.person, serious_illness=None))
        if m.person.serious_illness is False
        else m
        for m in household.members
    ]
    return attrs.evolve(household, members=members)


def _scalar(household: Household, on: dt.date, book: object) -> Decision | ParameterError:
    try:
        return dibao.assess(household, on, book=book)  # type: ignore[arg-type]
    except ParameterError as exc:
        return exc


def _check(on: dt.date, households: list[Household], book: object) -> None:
    result = assess_table(to_table(households), on, book=book).to_pylist()  # type: ignore[arg-type]
    assert [r["household_id"] for r in result] == [h.id for h in households]
    for household, row in zip(households, result, strict=True):
        decision = _scalar(household, on, book)
        if isinstance(decision, ParameterError):
            # The scalar path stops at the first parameter it cannot find; the engine marks
            # the household (or, when the parameter turned out not to be needed, decides it).
            assert row["outcome"] in {"cannot_decide", "eligible", "not_eligible"}
            if row["outcome"] == "cannot_decide":
                assert row["reasons"] == ["batch.parameter_unavailable"]
            continue
        paid = 0 if decision.amount is None else yuan_to_fen(decision.amount.total)
        context = f"{household!r}\n{row}\n{decision.codes}"
        assert row["outcome"] == decision.outcome.value, context
        assert row["amount_fen"] == paid, context
        assert row["layer"] == (
            None
            if decision.outcome is Outcome.CANNOT_DECIDE
            else ("dibao" if decision.eligible else "none")
        )
        assert row["reasons"] == sorted(set(decision.codes), key=REASON_CATALOGUE.index), context
        if decision.outcome is not Outcome.CANNOT_DECIDE:
            counted, _, _ = dibao.counted_members(household, on)
            assert row["members_counted"] == len(counted), context
        if decision.eligible and decision.amount is not None:
            alone = [line for line in decision.amount.lines if line.code == "single_person"]
            assert row["members_alone"] == len(alone), context
        assert (row["problems"] is None) == (decision.outcome is not Outcome.CANNOT_DECIDE)


# No deadline: one example decides a whole population on both paths, and its first run
# warms the engine's caches; the property is equality, not speed.
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(populations())
def test_batch_equals_scalar(case: tuple[dt.date, list[Household]]) -> None:
    on, households = case
    _check(on, households, BOOK)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(populations())
def test_batch_equals_scalar_with_floor_deduction_and_odd_multiple(
    case: tuple[dt.date, list[Household]],
) -> None:
    on, households = case
    _check(on, households, ROUNDING_BOOK)


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(populations())
def test_from_table_inverts_to_table(case: tuple[dt.date, list[Household]]) -> None:
    on, households = case
    table = to_table(households)
    rebuilt = [h for h, _ in from_table(table)]
    assert to_table(rebuilt).drop_columns(["person_id"]).equals(table.drop_columns(["person_id"]))
    for original, again in zip(households, rebuilt, strict=True):
        first, second = _scalar(original, on, BOOK), _scalar(again, on, BOOK)
        if isinstance(first, Decision) and isinstance(second, Decision):
            assert first.outcome is second.outcome
            assert first.amount == second.amount or (
                first.amount is not None
                and second.amount is not None
                and first.amount.total == second.amount.total
            )


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(populations(), st.integers(1, 12), st.sampled_from([1, 2, 3]))
def test_slices_and_threads_never_change_the_result(
    case: tuple[dt.date, list[Household]], slice_rows: int, workers: int
) -> None:
    on, households = case
    table = to_table(households)
    whole = assess_table(table, on, book=BOOK, workers=1)
    with mock.patch.object(batch_dibao, "SLICE_ROWS", slice_rows):
        sliced = assess_table(table, on, book=BOOK, workers=workers)
        prepared = batch_dibao.prepare(table, on, workers=workers).assess(BOOK)
    assert sliced.to_pylist() == whole.to_pylist()
    assert prepared.to_pylist() == whole.to_pylist()
