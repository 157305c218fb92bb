"""Review of the speed work of issue #16: the fast paths and caches answer as exact code does.

Each test here failed before the fix it names (see the commit that added it).
"""

from __future__ import annotations

from decimal import Decimal, localcontext
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civaffairs import money
from civaffairs.errors import InvalidInputError

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
