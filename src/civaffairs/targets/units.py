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

from decimal import Context, Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from civaffairs.errors import InvalidInputError
from civaffairs.labels import Labelled, Language

__all__ = ["Dimension", "Unit", "UnitMismatchError", "convert", "convert_exact"]


class Dimension(Labelled):
    """What a unit measures; only units of one dimension convert into each other.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 Members carry their labels (:class:`~civaffairs.labels.Labelled`).
    """

    SHARE = "share", "比例", "a share (%)"
    PER_10K = "per_10k", "每万人口数", "a count per 10,000 residents"
    MONEY = "money", "金额", "an amount of money (元, 万元, 亿元)"
    #: a standard, 元 per person per month
    MONEY_PER_PERSON_MONTH = (
        "money_per_person_month",
        "每人每月标准",
        "an amount per person per month",
    )
    #: a travel or waiting time
    DURATION = "duration", "时间", "a duration"
    BEDS = "beds", "床位数", "a number of beds (张)"
    HOUSEHOLDS = "households", "户数", "a number of households (户, 万户)"
    #: facilities, organisations, projects, ... (个; also 家, 所, 座)
    UNITS = "units", "个数", "a number of facilities or organisations (个)"
    #: people (人; also 名)
    PERSONS = "persons", "人数", "a number of persons (人, 万人)"
    #: services delivered, counted per person per time (人次)
    PERSON_TIMES = "person_times", "人次", "a number of person-times (人次, 万人次)"
    ITEMS = "items", "项数", "a number of items (项)"
    TEAMS = "teams", "支数", "a number of teams (支)"
    #: events, sessions (场)
    EVENTS = "events", "场次", "a number of events (场)"
    #: places, such as hazards found (处)
    SPOTS = "spots", "处数", "a number of places (处)"

    def label(self, lang: Language = "en") -> str:
        """Return the dimension's name in ``lang`` (English unless asked: messages use it).

        .. versionadded:: 0.1.0
        """
        return super().label(lang)


class Unit(Labelled):
    """A unit a target or a result is stated in; the value is the Chinese unit as printed.

    Each member carries its labels (the Chinese one is the value), its
    :attr:`dimension` and its :attr:`exponent`.

    >>> Unit("万元").dimension is Unit.YUAN.dimension
    True
    >>> Unit.PERCENT.scale
    100
    >>> Unit.BED.label("en")
    'beds'

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 Members carry their labels, dimension and exponent
       (:class:`~civaffairs.labels.Labelled`).
    """

    #: The dimension this unit measures.
    dimension: Dimension
    #: The power of ten of this unit against the base unit of its dimension (万元: 4).
    exponent: int

    PERCENT = "%", "%", Dimension.SHARE
    PER_10K_RESIDENTS = "人/万人", "per 10,000 residents", Dimension.PER_10K
    YUAN = "元", "yuan", Dimension.MONEY
    WAN_YUAN = "万元", "万元 (10k yuan)", Dimension.MONEY, 4
    YI_YUAN = "亿元", "亿元 (100m yuan)", Dimension.MONEY, 8
    YUAN_PER_PERSON_MONTH = (
        "元/人/月",
        "yuan per person per month",
        Dimension.MONEY_PER_PERSON_MONTH,
    )
    MINUTE = "分钟", "minutes", Dimension.DURATION
    BED = "张", "beds", Dimension.BEDS
    HOUSEHOLD = "户", "households", Dimension.HOUSEHOLDS
    WAN_HOUSEHOLD = "万户", "万户 (10k households)", Dimension.HOUSEHOLDS, 4
    UNIT = "个", "units", Dimension.UNITS
    PERSON = "人", "persons", Dimension.PERSONS
    WAN_PERSON = "万人", "万人 (10k persons)", Dimension.PERSONS, 4
    PERSON_TIME = "人次", "person-times", Dimension.PERSON_TIMES
    WAN_PERSON_TIME = "万人次", "万人次 (10k person-times)", Dimension.PERSON_TIMES, 4
    ITEM = "项", "items", Dimension.ITEMS
    TEAM = "支", "teams", Dimension.TEAMS
    EVENT = "场", "events", Dimension.EVENTS
    SPOT = "处", "places", Dimension.SPOTS

    if not TYPE_CHECKING:  # members are looked up by value alone: ``Unit("万元")``

        def __new__(cls, value, en, dimension, exponent=0):
            """Create a member: its value (also its Chinese label), English, dimension, exponent."""
            member = object.__new__(cls)
            member._value_ = value
            member.zh = value
            member.en = en
            member.dimension = dimension
            member.exponent = exponent
            return member

    @property
    def scale(self) -> int | None:
        """For a ratio unit, the factor applied to numerator ÷ denominator (% → 100).

        ``None`` for units that are not ratios.

        .. versionadded:: 0.1.0
        """
        return _SCALES.get(self)


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
