"""Invariants of the funeral fee waiver: never above the price; the family pays exactly the rest."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from civaffairs.conversion import dumps, loads
from civaffairs.entities import AssistanceLayer, Person, Registration, RegistrationKind, Sex
from civaffairs.funeral import waiver
from civaffairs.funeral.bill import waived_in_fen
from civaffairs.funeral.facts import Deceased, FuneralCase, ServiceUse
from civaffairs.funeral.policy import Allowance, Beneficiary, Provenance
from civaffairs.funeral.services import Service, Unit
from civaffairs.money import fen_to_yuan, yuan_to_fen
from civaffairs.parameters import Status

PROVENANCE = Provenance("000000", dt.date(2020, 1, 1), None, Status.EXAMPLE, None, note="test")

prices = st.integers(min_value=0, max_value=500_000).map(fen_to_yuan)
#: Quantities with up to three decimal places, built directly.
quantities = st.integers(min_value=0, max_value=200_000).map(lambda n: Decimal(n).scaleb(-3))
whole_quantities = st.integers(min_value=0, max_value=5).map(Decimal)


@st.composite
def allowances(draw: st.DrawFn) -> Allowance:
    unit = draw(st.sampled_from([None, Unit.DAY, Unit.HOUR]))
    free = unit_cap = None
    if unit is not None:
        free = draw(st.none() | quantities)
        unit_cap = draw(st.none() | prices) if free is not None else draw(prices)
    cap = draw(st.none() | prices)
    return Allowance(
        Service.STORAGE,
        frozenset({Beneficiary.REGISTERED}),
        unit,
        free,
        unit_cap,
        cap,
        PROVENANCE,
    )


storage_lines = st.lists(
    st.tuples(st.sampled_from([Unit.DAY, Unit.HOUR]), quantities, prices), max_size=4
)


@given(allowances(), storage_lines)
def test_the_waived_amount_never_exceeds_the_price_or_the_cap(
    allowance: Allowance, lines: list[tuple[Unit, Decimal, Decimal]]
) -> None:
    waived = waived_in_fen(allowance, lines)
    assert len(waived) == len(lines)
    for amount, (_unit, quantity, price) in zip(waived, lines, strict=True):
        assert 0 <= amount <= waiver.charge_in_fen(price, quantity)
    if allowance.cap is not None:
        assert sum(waived) <= yuan_to_fen(allowance.cap)
    if allowance.is_full:
        assert list(waived) == [waiver.charge_in_fen(p, q) for _, q, p in lines]


@given(allowances(), storage_lines, storage_lines)
def test_more_lines_never_waive_less_on_the_earlier_ones(
    allowance: Allowance,
    first: list[tuple[Unit, Decimal, Decimal]],
    more: list[tuple[Unit, Decimal, Decimal]],
) -> None:
    alone = waived_in_fen(allowance, first)
    together = waived_in_fen(allowance, first + more)
    assert together[: len(first)] == alone


@given(quantities, prices)
def test_the_charge_is_price_times_quantity_rounded_once(quantity: Decimal, price: Decimal) -> None:
    fen = waiver.charge_in_fen(price, quantity)
    exact = price * quantity * 100
    assert abs(Decimal(fen) - exact) <= Decimal("0.5")


# -- end to end --------------------------------------------------------------------------------

COUNTIES = ["421303", "421321", "421381", "420902", "441424", "441402", "500156", "330102"]
CATALOGUE = [
    (Service.TRANSPORT, Unit.TRIP),
    (Service.TRANSPORT, Unit.KM),
    (Service.STORAGE, Unit.DAY),
    (Service.STORAGE, Unit.HOUR),
    (Service.CREMATION, Unit.BODY),
    (Service.ASH_STORAGE, Unit.YEAR),
    (Service.DISINFECTION, Unit.BODY),
    (Service.URN, Unit.PIECE),
    (Service.COFFIN, Unit.PIECE),
    (Service.FAREWELL_HALL, Unit.SESSION),
]


@st.composite
def service_uses(draw: st.DrawFn) -> ServiceUse:
    service, unit = draw(st.sampled_from(CATALOGUE))
    quantity = draw(whole_quantities if unit.is_whole else quantities)
    return ServiceUse(service, quantity, unit, draw(st.none() | prices))


@st.composite
def cases(draw: st.DrawFn) -> FuneralCase:
    home = draw(st.sampled_from(COUNTIES))
    place = draw(st.sampled_from(COUNTIES))
    died = draw(st.dates(min_value=dt.date(2013, 1, 1), max_value=dt.date(2025, 12, 31)))
    unidentified = draw(st.booleans()) and draw(st.booleans())
    if unidentified:
        deceased = Deceased(None, died, place, unidentified=True)
    else:
        person = Person(
            "p", dt.date(1930, 1, 1), Sex.FEMALE, Registration(home, RegistrationKind.RURAL)
        )
        deceased = Deceased(
            person,
            died,
            draw(st.sampled_from([place, home])),
            layer=draw(st.sampled_from(AssistanceLayer)),
            priority_entitled=draw(st.booleans()),
        )
    return FuneralCase("C", deceased, place, draw(st.lists(service_uses(), max_size=6)))


@given(cases())
def test_the_family_pays_the_price_minus_the_waiver_exactly(case: FuneralCase) -> None:
    result = waiver.assess(case, dt.date(2026, 1, 1))
    bill = result.bill
    assert len(bill.lines) == len(case.services)
    for line, use in zip(bill.lines, case.services, strict=True):
        assert 0 <= line.waived <= line.charge
        assert line.payable == line.charge - line.waived
        assert yuan_to_fen(line.charge) == waiver.charge_in_fen(line.price, use.quantity)
    assert bill.payable == bill.charge - bill.waived
    assert bill.at_counter - bill.reimbursed == bill.payable
    amount = result.decision.amount
    if amount is None:
        assert bill.waived == 0
    else:
        assert amount.total == bill.waived == sum(line.amount for line in amount.lines)
    if result.settlement is not None:
        assert result.settlement.amount == bill.waived
        assert sum(s.amount for s in result.settlement.shares) == bill.waived
        assert result.settlement.payer != result.settlement.payee
    if result.funding is not None:
        assert result.funding.amount == bill.waived > 0


@given(cases())
def test_a_case_round_trips_through_json(case: FuneralCase) -> None:
    assert loads(dumps(case, reveal_personal_data=True), FuneralCase) == case
