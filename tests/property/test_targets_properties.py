"""Invariants of targets and attainment, on values built directly (no filtering)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from civaffairs.conversion import dumps, loads
from civaffairs.targets import (
    Alternative,
    Attainment,
    AttainmentStatus,
    Bound,
    Comparator,
    Result,
    Source,
    SourceDocument,
    Status,
    Target,
    Unit,
    WorkPlan,
    attainment,
    convert,
    shipped_plans,
    shipped_result_sets,
)
from civaffairs.targets.units import convert_exact

MET = AttainmentStatus.MET
RANK = {AttainmentStatus.NOT_MET: 0, AttainmentStatus.MET: 1}

COUNTS = st.integers(min_value=0, max_value=10**9)
# Decimals with up to 4 places, built from integers so no float is ever involved.
AMOUNTS = st.builds(
    lambda units, places: Decimal(units).scaleb(-places),
    st.integers(min_value=0, max_value=10**12),
    st.integers(min_value=0, max_value=4),
)
SCALED = st.sampled_from(list(Unit))


def _beds(comparator: Comparator, value: Decimal, upper: Decimal | None = None) -> WorkPlan:
    target = Target(
        id="t",
        indicator="eldercare.family_beds",
        jurisdiction="421300",
        place="随州市",
        year=2025,
        comparator=comparator,
        value=value,
        unit=Unit.BED,
        upper=upper,
    )
    return WorkPlan(id="p", jurisdiction="421300", place="随州市", year=2025, targets=(target,))


def _count(
    value: Decimal, unit: Unit = Unit.BED, indicator: str = "eldercare.family_beds"
) -> Result:
    return Result(
        indicator=indicator,
        jurisdiction="421300",
        place="随州市",
        year=2025,
        value=value,
        unit=unit,
    )


@given(target=COUNTS, low=COUNTS, extra=COUNTS)
def test_a_larger_count_never_lowers_attainment_of_an_at_least_target(
    target: int, low: int, extra: int
) -> None:
    plan = _beds(Comparator.AT_LEAST, Decimal(target))
    before = attainment(plan, [_count(Decimal(low))]).rows[0]
    after = attainment(plan, [_count(Decimal(low + extra))]).rows[0]
    assert RANK[after.status] >= RANK[before.status]
    assert before.gap is not None
    assert after.gap is not None
    assert after.gap >= before.gap
    assert (before.status is MET) == (low >= target)


@given(numerator=COUNTS, extra=COUNTS, more=COUNTS, share=st.integers(min_value=0, max_value=100))
def test_a_larger_numerator_never_lowers_attainment_of_a_share(
    numerator: int, extra: int, more: int, share: int
) -> None:
    denominator = numerator + extra + more + 1
    target = Target(
        id="t",
        indicator="eldercare.meal_aid_central_urban_coverage",
        jurisdiction="421300",
        place="随州市",
        year=2025,
        comparator=Comparator.AT_LEAST,
        value=Decimal(share),
        unit=Unit.PERCENT,
    )
    plan = WorkPlan(id="p", jurisdiction="421300", place="随州市", year=2025, targets=(target,))

    def status(part: int) -> AttainmentStatus:
        found = Result(
            indicator=target.indicator,
            jurisdiction="421300",
            place="随州市",
            year=2025,
            numerator=Decimal(part),
            denominator=Decimal(denominator),
        )
        return attainment(plan, [found]).rows[0].status

    before, after = status(numerator), status(numerator + extra)
    assert RANK[after] >= RANK[before]
    # Exact at the boundary: met exactly when part / whole * 100 >= share.
    assert (before is MET) == (Fraction(numerator * 100, denominator) >= share)


@given(value=AMOUNTS, source=SCALED, data=st.data())
def test_unit_conversion_is_exact_and_reversible(
    value: Decimal, source: Unit, data: st.DataObject
) -> None:
    target = data.draw(st.sampled_from([u for u in Unit if u.dimension is source.dimension]))
    there = convert(value, source, target)
    assert Fraction(there) == Fraction(value) * Fraction(10) ** (source.exponent - target.exponent)
    assert convert(there, target, source) == value
    assert convert_exact(Fraction(value), source, target) == Fraction(there)


@given(value=AMOUNTS, target=AMOUNTS)
def test_the_same_amount_in_any_money_unit_gets_the_same_status(
    value: Decimal, target: Decimal
) -> None:
    goal = Target(
        id="t",
        indicator="charity.lottery_sales",
        jurisdiction="500156",
        place="武隆区",
        year=2025,
        comparator=Comparator.MORE_THAN,
        value=target,
        unit=Unit.WAN_YUAN,
    )
    plan = WorkPlan(id="p", jurisdiction="500156", place="武隆区", year=2025, targets=(goal,))
    statuses = set()
    for unit in (Unit.YUAN, Unit.WAN_YUAN, Unit.YI_YUAN):
        found = Result(
            indicator=goal.indicator,
            jurisdiction="500156",
            place="武隆区",
            year=2025,
            value=convert(value, Unit.WAN_YUAN, unit),
            unit=unit,
        )
        statuses.add(attainment(plan, [found]).rows[0].status)
    assert len(statuses) == 1


@given(value=COUNTS, comparator=st.sampled_from(list(Comparator)))
def test_a_result_equal_to_the_bound_meets_it_unless_the_bound_is_excluded(
    value: int, comparator: Comparator
) -> None:
    if comparator in {Comparator.INCREASE, Comparator.ABOUT}:
        return  # no fixed bound: covered by the unit tests
    upper = Decimal(value + 1) if comparator is Comparator.BETWEEN else None
    row = attainment(_beds(comparator, Decimal(value), upper), [_count(Decimal(value))]).rows[0]
    excluded = comparator in {Comparator.MORE_THAN, Comparator.LESS_THAN}
    assert row.status is (AttainmentStatus.NOT_MET if excluded else MET)
    assert row.gap == 0


TEXT = st.text(alphabet="随州民政工作要点abc 0123456789", min_size=1, max_size=12)
DATES = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31))
DOCUMENTS = st.builds(
    SourceDocument,
    title=TEXT,
    publisher=st.none() | TEXT,
    published=st.none() | DATES,
    seed=st.none() | TEXT,
)
SOURCES = st.builds(Source, document=DOCUMENTS, section=st.none() | TEXT, quote=st.none() | TEXT)


@st.composite
def targets(draw: st.DrawFn) -> Target:
    comparator = draw(st.sampled_from(list(Comparator)))
    value = None if comparator is Comparator.INCREASE else draw(AMOUNTS)
    upper = value + draw(AMOUNTS) + 1 if comparator is Comparator.BETWEEN and value else None
    return Target(
        id=draw(TEXT),
        indicator=draw(st.sampled_from(["eldercare.family_beds", "funeral.cremation_rate"])),
        jurisdiction=draw(st.sampled_from(["421300", "500156", None])),
        place=draw(TEXT),
        year=draw(st.integers(min_value=2000, max_value=2030)),
        comparator=comparator,
        value=value,
        unit=draw(st.sampled_from(list(Unit))),
        upper=upper,
        deadline=draw(st.none() | DATES),
        each=draw(st.none() | TEXT),
        alternatives=tuple(
            draw(
                st.lists(
                    st.builds(
                        Alternative,
                        indicator=TEXT,
                        comparator=st.sampled_from(list(Comparator)),
                        value=st.none() | AMOUNTS,
                        unit=st.sampled_from(list(Unit)),
                    ),
                    max_size=2,
                )
            )
        ),
        reading=draw(st.none() | TEXT),
        source=draw(st.none() | SOURCES),
        status=draw(st.sampled_from(list(Status))),
    )


RESULTS = st.builds(
    Result,
    indicator=TEXT,
    jurisdiction=st.sampled_from(["421300", None]),
    place=TEXT,
    year=st.integers(min_value=2000, max_value=2030),
    value=st.none() | AMOUNTS,
    unit=st.none() | st.sampled_from(list(Unit)),
    numerator=st.none() | AMOUNTS,
    denominator=st.none() | AMOUNTS,
    as_of=st.none() | DATES,
    bound=st.sampled_from(list(Bound)),
    source=st.none() | SOURCES,
    status=st.sampled_from(list(Status)),
    note=st.none() | TEXT,
)


@given(target=targets())
def test_targets_round_trip_through_json(target: Target) -> None:
    assert loads(dumps(target), Target) == target


@given(result=RESULTS)
def test_results_round_trip_through_json(result: Result) -> None:
    assert loads(dumps(result), Result) == result


@given(found=st.lists(targets(), max_size=4), document=st.none() | DOCUMENTS)
def test_work_plans_round_trip_through_json(
    found: list[Target], document: SourceDocument | None
) -> None:
    plan = WorkPlan(
        id="p", jurisdiction=None, place="某市", year=2026, targets=tuple(found), document=document
    )
    assert loads(dumps(plan), WorkPlan) == plan


def test_the_shipped_data_round_trips_through_json() -> None:
    for plan in shipped_plans():
        assert loads(dumps(plan), WorkPlan) == plan
    for summary in shipped_result_sets():
        for result in summary.results:
            assert loads(dumps(result), Result) == result


@given(beds=COUNTS, target=COUNTS)
def test_attainment_round_trips_through_json(beds: int, target: int) -> None:
    table = attainment(_beds(Comparator.AT_LEAST, Decimal(target)), [_count(Decimal(beds))])
    assert loads(dumps(table), Attainment) == table
