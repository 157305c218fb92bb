"""The bill of a funeral case: its lines priced, the fen arithmetic, and the printed bill.

A line's charge is price × quantity, rounded once to the fen, halves up
(:func:`charge_in_fen`); the price is what the funeral home charged, else the
catalogue price on the date of death (:func:`price_lines`).  What an item of a waiver
scheme waives on a service's lines (:func:`waived_in_fen`) is the free quantity
(converted exactly between hours and days, months and years), at the price or the cap
per unit if lower, then up to the cap per case, consumed line by line in the order
given — each line rounded once to the fen.  :class:`Bill` holds the lines and totals
and prints them (:meth:`Bill.render`).  Which scheme and item apply is the rule's
(:mod:`civaffairs.funeral.waiver`), not the bill's.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction

import attrs

from civaffairs import jurisdictions
from civaffairs.errors import InvalidInputError
from civaffairs.funeral.facts import FuneralCase, ServiceUse
from civaffairs.funeral.policy import Allowance, Catalogue, place_name
from civaffairs.funeral.services import Service, Unit, conversion
from civaffairs.funeral.settlement import Channel
from civaffairs.kernels import div_round_half_up
from civaffairs.labels import Language
from civaffairs.money import ZERO, fen_to_yuan, format_yuan, yuan_to_fen
from civaffairs.parameters import ParameterValue

__all__ = [
    "Bill",
    "BillLine",
    "PricedLine",
    "charge_in_fen",
    "place_name",
    "price_lines",
    "waived_in_fen",
]


# -- the arithmetic, written once --------------------------------------------------------------


def _fen(amount: Fraction) -> int:
    """Round a non-negative amount of fen to a whole fen, halves up."""
    return int(div_round_half_up(amount.numerator, amount.denominator))


def charge_in_fen(price: Decimal, quantity: Decimal) -> int:
    """Return price × quantity in fen, rounded once, halves up.

    >>> charge_in_fen(Decimal("3"), Decimal("80.5"))
    24150

    .. versionadded:: 0.1.0
    """
    return _fen(Fraction(price) * Fraction(quantity) * 100)


def waived_in_fen(
    allowance: Allowance,
    lines: Sequence[tuple[Unit, Decimal, Decimal]],
    *,
    price_caps: Mapping[Unit, Decimal] | None = None,
) -> tuple[int, ...]:
    """Return the fen waived on each line of one service under ``allowance``.

    ``lines`` are ``(unit, quantity, unit price)`` in the order of the bill.
    The free quantity and the cap per case are consumed line by line; each
    line's amount is rounded once, halves up, before the cap per case takes
    its share, so the waived fen never exceed the cap.  ``price_caps`` caps
    the unit price by unit (home standards for a cremation elsewhere); a line
    billed in a unit the caps do not price is capped through an exact
    conversion (hours ↔ days, months ↔ years) and, when none converts, is not
    waived at all (never at the foreign price).  No line is ever waived more
    than its charge.

    .. versionadded:: 0.1.0
    """
    caps = price_caps or {}
    free = None if allowance.free_quantity is None else Fraction(allowance.free_quantity)
    remaining_cap = None if allowance.cap is None else yuan_to_fen(allowance.cap)
    out: list[int] = []
    for unit, quantity, price in lines:
        covered = Fraction(quantity)
        unit_price = Fraction(price)
        if allowance.unit is not None:
            factor = conversion(unit, allowance.unit)
            if factor is None:
                out.append(0)
                continue
            if free is not None:
                taken = min(covered * factor, free)
                free -= taken
                covered = taken / factor
            if allowance.unit_cap is not None:
                unit_price = min(unit_price, Fraction(allowance.unit_cap) * factor)
        cap = _home_cap(caps, unit)
        if caps and cap is None:
            out.append(0)
            continue
        if cap is not None:
            unit_price = min(unit_price, cap)
        amount = _fen(unit_price * covered * 100)
        if remaining_cap is not None:
            amount = min(amount, remaining_cap)
            remaining_cap -= amount
        out.append(min(amount, charge_in_fen(price, quantity)))
    return tuple(out)


def _home_cap(caps: Mapping[Unit, Decimal], unit: Unit) -> Fraction | None:
    """Return the cap per ``unit``: priced directly, else converted exactly, else ``None``."""
    if unit in caps:
        return Fraction(caps[unit])
    for priced, price in caps.items():
        factor = conversion(unit, priced)
        if factor is not None:
            return Fraction(price) * factor
    return None


# -- pricing the lines -------------------------------------------------------------------------


@attrs.frozen
class PricedLine:
    """One service used, priced: the price per unit, the charge in fen, the price parameter.

    .. versionadded:: 0.1.0
    """

    use: ServiceUse
    price: Decimal
    charge: int
    used: tuple[ParameterValue, ...]

    def bill_line(
        self, waived: int, *, rule: str | None = None, limit: str | None = None
    ) -> BillLine:
        """Return the bill's line with ``waived`` fen waived under ``rule`` (a scheme id)."""
        use = self.use
        return BillLine(
            service=use.service,
            unit=use.counted_unit,
            quantity=use.quantity,
            price=self.price,
            charge=fen_to_yuan(self.charge),
            waived=fen_to_yuan(waived),
            payable=fen_to_yuan(self.charge - waived),
            rule=rule,
            limit=limit,
        )


def price_lines(case: FuneralCase, catalogue: Catalogue) -> list[PricedLine]:
    """Price every line from the catalogue, refusing services and units it does not offer.

    Raises :class:`~civaffairs.errors.InvalidInputError` at ``$.services[i].service``
    or ``$.services[i].unit``, naming what the catalogue offers on its date.

    .. versionadded:: 0.1.0
    """
    place = place_name(catalogue.jurisdiction)
    when = catalogue.on.isoformat()
    priced: list[PricedLine] = []
    for index, use in enumerate(case.services):
        units = catalogue.units(use.service)
        if not units:
            offered = ", ".join(s.value for s in catalogue.services) or "(nothing)"
            raise InvalidInputError(
                f"$.services[{index}].service",
                use.service.value,
                f"a service in the catalogue of {place} on {when}: {offered}",
            )
        item = catalogue.item(use.service, use.counted_unit)
        if item is None:
            raise InvalidInputError(
                f"$.services[{index}].unit",
                use.counted_unit.value,
                f"a unit {use.service.value} is priced in at {place} on {when}: "
                + ", ".join(u.value for u in units),
            )
        price = item.price if use.price is None else use.price
        used = (item.parameter,) if use.price is None else ()
        priced.append(PricedLine(use, price, charge_in_fen(price, use.quantity), used))
    return priced


# -- the bill ----------------------------------------------------------------------------------


@attrs.frozen
class BillLine:
    """One line of the bill: price × quantity, what is waived under which rule, what is payable.

    .. versionadded:: 0.1.0
    """

    service: Service
    unit: Unit
    quantity: Decimal
    price: Decimal
    charge: Decimal
    waived: Decimal
    payable: Decimal
    rule: str | None = None
    limit: str | None = None

    def __attrs_post_init__(self) -> None:
        if not ZERO <= self.waived <= self.charge or self.payable != self.charge - self.waived:
            raise InvalidInputError(
                "$.payable",
                str(self.payable),
                f"charge {self.charge} − waived {self.waived}, with 0 ≤ waived ≤ charge",
            )


def _lines(value: Iterable[BillLine]) -> tuple[BillLine, ...]:
    return tuple(value)


@attrs.frozen
class Bill:
    """The bill of one case: every line, the totals, and how the waiver reaches the family.

    ``channel`` is ``None`` when nothing is waived.  With
    :attr:`~civaffairs.funeral.settlement.Channel.REIMBURSED` the family pays
    the whole charge at the counter (:attr:`at_counter`) and is reimbursed the
    waived amount later.

    .. versionadded:: 0.1.0
    """

    case: str
    subject: str
    date: dt.date
    cremation_place: str
    channel: Channel | None
    lines: tuple[BillLine, ...] = attrs.field(converter=_lines)
    charge: Decimal = ZERO
    waived: Decimal = ZERO
    payable: Decimal = ZERO

    def __attrs_post_init__(self) -> None:
        for name in ("charge", "waived", "payable"):
            total = sum((getattr(line, name) for line in self.lines), ZERO)
            if getattr(self, name) != total:
                raise InvalidInputError(f"$.{name}", str(getattr(self, name)), f"the sum {total}")

    @classmethod
    def of(
        cls,
        case: str,
        subject: str,
        date: dt.date,
        cremation_place: str,
        *,
        channel: Channel | None,
        lines: Sequence[BillLine],
    ) -> Bill:
        """Build a bill, computing its totals from the lines."""
        return cls(
            case,
            subject,
            date,
            cremation_place,
            channel,
            tuple(lines),
            sum((line.charge for line in lines), ZERO),
            sum((line.waived for line in lines), ZERO),
            sum((line.payable for line in lines), ZERO),
        )

    @property
    def at_counter(self) -> Decimal:
        """What the family pays the funeral home."""
        return self.charge if self.channel is Channel.REIMBURSED else self.payable

    @property
    def reimbursed(self) -> Decimal:
        """What the home county reimburses the family later (zero unless reimbursed)."""
        return self.waived if self.channel is Channel.REIMBURSED else ZERO

    def render(self, lang: Language = "zh") -> str:
        """Render the bill as a plain-text table.

        .. versionadded:: 0.1.0
        """
        zh = lang == "zh"
        place = jurisdictions.get(self.cremation_place)
        head = ("殡葬服务费用结算单" if zh else "Funeral services bill") + f" [{self.case}]"
        header = (
            ("项目", "数量", "单价", "金额", "免除", "自付")
            if zh
            else ("item", "quantity", "price", "charge", "waived", "payable")
        )
        rows = [header]
        for line in self.lines:
            unit = line.unit.zh if zh else line.unit.en
            rows.append(
                (
                    line.service.zh if zh else line.service.en,
                    f"{line.quantity} {unit}",
                    f"{line.price:.2f}",
                    f"{line.charge:.2f}",
                    f"{line.waived:.2f}",
                    f"{line.payable:.2f}",
                )
            )
        rows.append(
            (
                "合计" if zh else "total",
                "",
                "",
                f"{self.charge:.2f}",
                f"{self.waived:.2f}",
                f"{self.payable:.2f}",
            )
        )
        widths = [max(_width(row[i]) for row in rows) for i in range(6)]
        out = [
            head,
            f"  {'对象' if zh else 'subject'}: {self.subject}",
            f"  {'火化地' if zh else 'funeral home in'}: {place.name} ({place.code})",
            f"  {'死亡日期' if zh else 'date of death'}: {self.date.isoformat()}",
        ]
        out.extend(
            "  " + "  ".join(_pad(cell, widths[i], left=i == 0) for i, cell in enumerate(row))
            for row in rows
        )
        if self.channel is not None:
            out.append(
                f"  {'减免方式' if zh else 'waiver'}: {self.channel.zh if zh else self.channel.en}"
            )
        out.append(
            f"  {'柜台实付' if zh else 'paid at the counter'}: {format_yuan(self.at_counter)}"
        )
        if self.reimbursed:
            out.append(
                f"  {'户籍地报销' if zh else 'reimbursed later'}: {format_yuan(self.reimbursed)}"
            )
        return "\n".join(out)


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _pad(text: str, width: int, *, left: bool) -> str:
    space = " " * (width - _width(text))
    return text + space if left else space + text
