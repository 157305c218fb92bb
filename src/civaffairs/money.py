"""Exact money: ``Decimal`` yuan at the edges, integer fen where speed matters.

No float ever becomes money: :func:`yuan` refuses ``float`` (and ``bool``), and a
value with more than two decimal places (finer than one fen, 分) is refused
rather than rounded, because silently rounding an input is a wrong answer.
Rounding is done once, where a rule says so, with :func:`round_to`.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import functools
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Literal, TypeAlias

from civaffairs.errors import InvalidInputError

__all__ = [
    "FEN",
    "MAX_DIGITS",
    "YUAN",
    "ZERO",
    "YuanInput",
    "YuanStyle",
    "exact_decimal",
    "fen_to_yuan",
    "format_yuan",
    "round_to",
    "yuan",
    "yuan_to_fen",
]

ZERO = Decimal(0)
#: One fen (分), the smallest unit of Chinese currency in use.
FEN = Decimal("0.01")
#: One yuan (元).
YUAN = Decimal(1)
#: Amounts have fewer than this many digits before the point (below 10¹² yuan), so that
#: every sum and product a rule forms stays exact in Decimal and fits integer fen.
MAX_DIGITS = 12
#: What :func:`yuan` reads, and so what an amount field of a value class takes: a ``Decimal``,
#: an ``int`` or a decimal string (``"770.50"``), never a float.
YuanInput: TypeAlias = Decimal | int | str


def _shown(value: object) -> str:
    """Return a value for a message, cut short: a billion-digit exponent is not repeated."""
    text = str(value)
    return text if len(text) <= 40 else f"{text[:20]}…({len(text)} characters)"


def exact_decimal(
    value: object, path: str, *, refused: str, unreadable: str, other: str
) -> Decimal:
    """Read an exact ``Decimal`` from a ``Decimal``, an ``int`` or a decimal string.

    A float or a bool is refused with ``refused``, a string that is no number
    with ``unreadable``, any other type with ``other``: each an
    :class:`~civaffairs.errors.InvalidInputError` naming ``path``.  Whether the
    number is finite, in range or fine enough is the caller's to check.

    >>> exact_decimal(" 12.5 ", "$.x", refused="r", unreadable="u", other="o")
    Decimal('12.5')

    .. versionadded:: 0.1.0
    """
    if isinstance(value, bool | float):
        raise InvalidInputError(path, value, refused)
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        try:
            return Decimal(value.strip())
        except InvalidOperation:
            raise InvalidInputError(path, value, unreadable) from None
    raise InvalidInputError(path, value, other)


def yuan(value: object, *, path: str = "$", allow_negative: bool = False) -> Decimal:
    """Return ``value`` as an exact ``Decimal`` amount of yuan.

    Accepts ``Decimal``, ``int`` and decimal strings such as ``"770"`` or
    ``"12.50"``.  Refuses floats, booleans, non-finite numbers, amounts finer
    than one fen, amounts of 10¹² yuan or more (:data:`MAX_DIGITS`) and
    (unless ``allow_negative``) negative amounts, each with an
    :class:`~civaffairs.errors.InvalidInputError` naming ``path``.

    >>> yuan("770.5")
    Decimal('770.5')

    .. versionadded:: 0.1.0
    """
    amount = exact_decimal(
        value,
        path,
        refused="an amount in yuan as a decimal string or integer (never a float)",
        unreadable="a decimal amount in yuan such as '770.50'",
        other="an amount in yuan as a decimal string or integer",
    )
    if not amount.is_finite():
        raise InvalidInputError(path, value, "a finite amount in yuan")
    if amount and amount.adjusted() >= MAX_DIGITS:
        # 1e999999999 is finite, but no quantize or sum of it is exact (nor fits in fen).
        expected = "an amount of less than 1,000,000,000,000 yuan either way"
        raise InvalidInputError(path, _shown(value), expected)
    if amount != amount.quantize(FEN, rounding=ROUND_HALF_UP):
        raise InvalidInputError(
            path, _shown(value), "an amount with at most two decimal places (fen)"
        )
    if amount < 0 and not allow_negative:
        raise InvalidInputError(path, value, "an amount of zero or more yuan")
    return amount


def yuan_to_fen(amount: Decimal) -> int:
    """Convert an exact amount of yuan (at most two decimals) to integer fen.

    .. versionadded:: 0.1.0
    """
    if type(amount) is Decimal and amount.is_finite():
        return _remembered_fen(amount)
    return _yuan_to_fen(amount)


@functools.lru_cache(maxsize=4096)
def _remembered_fen(amount: Decimal) -> int:
    """:func:`yuan_to_fen` of a finite amount, remembered (equal amounts give equal fen)."""
    return _yuan_to_fen(amount)


def _yuan_to_fen(amount: Decimal) -> int:
    # Integer arithmetic on the digits, not ``scaleb``: that rounds to the current decimal
    # context's precision, so a long amount (or any amount under a narrow context) came out
    # rounded, and a remembered result depended on the context of its first caller.
    sign, digits, exponent = amount.as_tuple()
    if not isinstance(exponent, int):
        raise InvalidInputError("$", str(amount), "a finite amount in yuan")
    coefficient = int("".join(map(str, digits)))
    shift = exponent + 2
    fen: int
    if shift >= 0:
        fen = coefficient * 10**shift
    elif coefficient == 0:
        fen = 0
    elif -shift > len(digits) or coefficient % 10**-shift:
        raise InvalidInputError("$", str(amount), "an amount with at most two decimal places (fen)")
    else:
        fen = coefficient // 10**-shift
    return -fen if sign else fen


def fen_to_yuan(fen: int) -> Decimal:
    """Convert integer fen to ``Decimal`` yuan, exactly.

    .. versionadded:: 0.1.0
    """
    if type(fen) is int:
        return _remembered_yuan(fen)
    return _fen_to_yuan(fen)


@functools.lru_cache(maxsize=4096)
def _remembered_yuan(fen: int) -> Decimal:
    """:func:`fen_to_yuan` of an ``int``, remembered (a ``Decimal`` is immutable)."""
    return _fen_to_yuan(fen)


def _fen_to_yuan(fen: int) -> Decimal:
    # The digits moved two places, exactly: ``scaleb`` would round to the context's precision.
    sign, digits, exponent = Decimal(fen).as_tuple()
    return Decimal((sign, digits, int(exponent) - 2))


def round_to(amount: Decimal, unit: Decimal = FEN, rounding: str = ROUND_HALF_UP) -> Decimal:
    """Round ``amount`` to a multiple of ``unit`` (one fen by default), half up unless told.

    Call it once, where the regulation says to round.

    .. versionadded:: 0.1.0
    """
    return (amount / unit).quantize(YUAN, rounding=rounding) * unit


#: How :func:`format_yuan` writes an amount: ``"people"`` for readers (thousands separators,
#: the unit, fen only when there are any), ``"fen"`` as a fact in a reason (two decimals when
#: the amount is whole fen, otherwise every digit it has), ``"exact"`` as the value holds it.
YuanStyle = Literal["people", "fen", "exact"]


def format_yuan(amount: Decimal, style: YuanStyle = "people") -> str:
    """Write an amount of yuan as text; the one place money becomes words.

    ``"people"`` (the default) renders for people: ``1,234.50 元`` keeps the
    fen, whole yuan show none.  ``"fen"`` writes a fact for a reason template
    (which adds the unit): fen-exact amounts with two decimals, others (an
    unrounded quotient) exactly.  ``"exact"`` writes the amount exactly as the
    ``Decimal`` holds it, for a rule that shows its figures as it has them.

    >>> [format_yuan(Decimal("1234.5")), format_yuan(Decimal("770"), "fen")]
    ['1,234.50 元', '770.00']
    >>> [format_yuan(Decimal("2.125"), "fen"), format_yuan(Decimal("770.5"), "exact")]
    ['2.125', '770.5']

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 ``style``.
    """
    if style == "exact":
        return str(amount)
    if style == "fen":
        cut = amount.quantize(FEN)
        return str(cut) if amount == cut else str(amount.normalize())
    if amount == amount.to_integral_value():
        return f"{int(amount):,} 元"
    return f"{amount.quantize(FEN):,} 元"
