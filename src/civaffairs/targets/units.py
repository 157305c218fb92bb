"""Units of work-plan figures: what a number counts, and exact conversion between scales.

A unit belongs to one :class:`Dimension`.  Units of the same dimension differ
only by a power of ten (``元``, ``万元`` = 10⁴ 元, ``亿元`` = 10⁸ 元; ``人``,
``万人``), so :func:`convert` is exact: it shifts the decimal exponent and never
rounds.  Units of different dimensions never convert: 张 (beds) are not 户
(households) and a percentage is not a count, so :func:`convert` raises
:class:`UnitMismatchError` naming the field.

The classifiers a document uses for the same thing are normalised when the
seeds are read: 家, 所 and 座 are recorded as ``个``, 名 as ``人``.  Headcounts
printed in 万 may be given in ``万人`` / ``万人次`` / ``万户`` and convert
exactly to ``人`` / ``人次`` / ``户``.

Two units are ratios with a scale: ``%`` (a share, ×100) and ``人/万人``
(persons per 10,000 residents, ×10,000).  A result given as a numerator and
a denominator is scaled by :attr:`Unit.scale`.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import enum
from decimal import Context, Decimal
from fractions import Fraction

from civaffairs.errors import InvalidInputError

__all__ = ["Dimension", "Unit", "UnitMismatchError", "convert", "convert_exact"]


class Dimension(enum.Enum):
    """What a unit measures; only units of one dimension convert into each other.

    .. versionadded:: 0.1.0
    """

    SHARE = "share"  #: a percentage of a whole
    PER_10K = "per_10k"  #: a count per 10,000 residents
    MONEY = "money"  #: an amount of money (元, 万元, 亿元)
    MONEY_PER_PERSON_MONTH = "money_per_person_month"  #: a standard, 元 per person per month
    DURATION = "duration"  #: a travel or waiting time
    BEDS = "beds"  #: beds (张)
    HOUSEHOLDS = "households"  #: households (户)
    UNITS = "units"  #: facilities, organisations, projects, ... (个; also 家, 所, 座)
    PERSONS = "persons"  #: people (人; also 名)
    PERSON_TIMES = "person_times"  #: services delivered, counted per person per time (人次)
    ITEMS = "items"  #: listed items (项)
    TEAMS = "teams"  #: teams (支)
    EVENTS = "events"  #: events, sessions (场)
    SPOTS = "spots"  #: places, such as hazards found (处)

    def label(self, lang: str = "en") -> str:
        """Return the dimension's name in ``lang`` (``"zh"`` or ``"en"``).

        .. versionadded:: 0.1.0
        """
        zh, en = _DIMENSION_LABELS[self]
        return zh if lang == "zh" else en


_DIMENSION_LABELS = {
    Dimension.SHARE: ("比例", "a share (%)"),
    Dimension.PER_10K: ("每万人口数", "a count per 10,000 residents"),
    Dimension.MONEY: ("金额", "an amount of money (元, 万元, 亿元)"),
    Dimension.MONEY_PER_PERSON_MONTH: ("每人每月标准", "an amount per person per month"),
    Dimension.DURATION: ("时间", "a duration"),
    Dimension.BEDS: ("床位数", "a number of beds (张)"),
    Dimension.HOUSEHOLDS: ("户数", "a number of households (户, 万户)"),
    Dimension.UNITS: ("个数", "a number of facilities or organisations (个)"),
    Dimension.PERSONS: ("人数", "a number of persons (人, 万人)"),
    Dimension.PERSON_TIMES: ("人次", "a number of person-times (人次, 万人次)"),
    Dimension.ITEMS: ("项数", "a number of items (项)"),
    Dimension.TEAMS: ("支数", "a number of teams (支)"),
    Dimension.EVENTS: ("场次", "a number of events (场)"),
    Dimension.SPOTS: ("处数", "a number of places (处)"),
}


class Unit(enum.Enum):
    """A unit a target or a result is stated in; the value is the Chinese unit as printed.

    >>> Unit("万元").dimension is Unit.YUAN.dimension
    True
    >>> Unit.PERCENT.scale
    100

    .. versionadded:: 0.1.0
    """

    PERCENT = "%"
    PER_10K_RESIDENTS = "人/万人"
    YUAN = "元"
    WAN_YUAN = "万元"
    YI_YUAN = "亿元"
    YUAN_PER_PERSON_MONTH = "元/人/月"
    MINUTE = "分钟"
    BED = "张"
    HOUSEHOLD = "户"
    WAN_HOUSEHOLD = "万户"
    UNIT = "个"
    PERSON = "人"
    WAN_PERSON = "万人"
    PERSON_TIME = "人次"
    WAN_PERSON_TIME = "万人次"
    ITEM = "项"
    TEAM = "支"
    EVENT = "场"
    SPOT = "处"

    @property
    def dimension(self) -> Dimension:
        """The dimension this unit measures.

        .. versionadded:: 0.1.0
        """
        return _UNITS[self][0]

    @property
    def exponent(self) -> int:
        """The power of ten of this unit against the base unit of its dimension (万元: 4).

        .. versionadded:: 0.1.0
        """
        return _UNITS[self][1]

    @property
    def en(self) -> str:
        """The unit in English.

        .. versionadded:: 0.1.0
        """
        return _UNITS[self][2]

    @property
    def scale(self) -> int | None:
        """For a ratio unit, the factor applied to numerator ÷ denominator (% → 100).

        ``None`` for units that are not ratios.

        .. versionadded:: 0.1.0
        """
        return _SCALES.get(self)

    def label(self, lang: str = "zh") -> str:
        """Return the unit as shown in ``lang``: ``张`` or ``beds``.

        .. versionadded:: 0.1.0
        """
        return self.value if lang == "zh" else self.en


_UNITS: dict[Unit, tuple[Dimension, int, str]] = {
    Unit.PERCENT: (Dimension.SHARE, 0, "%"),
    Unit.PER_10K_RESIDENTS: (Dimension.PER_10K, 0, "per 10,000 residents"),
    Unit.YUAN: (Dimension.MONEY, 0, "yuan"),
    Unit.WAN_YUAN: (Dimension.MONEY, 4, "万元 (10k yuan)"),
    Unit.YI_YUAN: (Dimension.MONEY, 8, "亿元 (100m yuan)"),
    Unit.YUAN_PER_PERSON_MONTH: (Dimension.MONEY_PER_PERSON_MONTH, 0, "yuan per person per month"),
    Unit.MINUTE: (Dimension.DURATION, 0, "minutes"),
    Unit.BED: (Dimension.BEDS, 0, "beds"),
    Unit.HOUSEHOLD: (Dimension.HOUSEHOLDS, 0, "households"),
    Unit.WAN_HOUSEHOLD: (Dimension.HOUSEHOLDS, 4, "万户 (10k households)"),
    Unit.UNIT: (Dimension.UNITS, 0, "units"),
    Unit.PERSON: (Dimension.PERSONS, 0, "persons"),
    Unit.WAN_PERSON: (Dimension.PERSONS, 4, "万人 (10k persons)"),
    Unit.PERSON_TIME: (Dimension.PERSON_TIMES, 0, "person-times"),
    Unit.WAN_PERSON_TIME: (Dimension.PERSON_TIMES, 4, "万人次 (10k person-times)"),
    Unit.ITEM: (Dimension.ITEMS, 0, "items"),
    Unit.TEAM: (Dimension.TEAMS, 0, "teams"),
    Unit.EVENT: (Dimension.EVENTS, 0, "events"),
    Unit.SPOT: (Dimension.SPOTS, 0, "places"),
}

_SCALES = {Unit.PERCENT: 100, Unit.PER_10K_RESIDENTS: 10_000}
_ONE = Decimal(1)


class UnitMismatchError(InvalidInputError):
    """A value's unit cannot be converted to the unit it is compared with (% against 张).

    ``path`` names the field holding the wrong unit, ``value`` is that unit
    and ``expected`` lists the units that would have been accepted.

    .. versionadded:: 0.1.0
    """


def _mismatch(source: Unit, target: Unit, path: str) -> UnitMismatchError:
    accepted = ", ".join(repr(u.value) for u in Unit if u.dimension is target.dimension)
    return UnitMismatchError(
        path,
        repr(source.value),
        f"a unit of {target.dimension.label()}: one of {accepted}",
        detail=f"{source.dimension.label()} cannot be compared with {target.dimension.label()}",
    )


def convert(value: Decimal, source: Unit, target: Unit, *, path: str = "$.unit") -> Decimal:
    """Convert ``value`` from unit ``source`` to unit ``target``, exactly.

    Only the decimal exponent changes, so nothing is rounded:

    >>> convert(Decimal("1.4"), Unit.YI_YUAN, Unit.WAN_YUAN)
    Decimal('14000')
    >>> convert(Decimal("3000"), Unit.WAN_YUAN, Unit.YI_YUAN)
    Decimal('0.3000')

    Raises :class:`UnitMismatchError` (naming ``path``) when the units measure
    different things.

    .. versionadded:: 0.1.0
    """
    if source.dimension is not target.dimension:
        raise _mismatch(source, target, path)
    shift = source.exponent - target.exponent
    exact = Context(prec=len(value.as_tuple().digits) + abs(shift) + 1)
    result = value.scaleb(shift, context=exact)
    exponent = result.as_tuple().exponent
    if isinstance(exponent, int) and exponent > 0:  # 1.4E+4 -> 14000: more zeros, same value
        result = result.quantize(
            _ONE, context=Context(prec=len(result.as_tuple().digits) + exponent)
        )
    return result


def convert_exact(value: Fraction, source: Unit, target: Unit, *, path: str = "$.unit") -> Fraction:
    """Convert an exact fraction between units of one dimension; see :func:`convert`.

    .. versionadded:: 0.1.0
    """
    if source.dimension is not target.dimension:
        raise _mismatch(source, target, path)
    return value * Fraction(10) ** (source.exponent - target.exponent)
