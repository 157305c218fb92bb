"""One rule body for one household and for a million: array-agnostic operations.

A rule whose arithmetic must agree exactly on one household (with an
explanation) and on a whole registry (in columns) writes that arithmetic once,
as a function of an ``ops`` object and of integer fen and booleans.
:data:`SCALAR` evaluates it on Python ``int`` and ``bool``; the batch engine
(:mod:`civaffairs.batch`) passes numpy operations and arrays.  Only operators
that mean the same on both are used directly — ``+ - * // < <= == & |`` —
while negation and selection go through ``ops.not_`` and ``ops.where``.

Rates are exact fractions (numerator, denominator) and amounts integer fen, so
no step rounds except where the rule says: :func:`div_round_half_up`.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import functools
import numbers
from decimal import Decimal
from fractions import Fraction
from typing import Any, Protocol

__all__ = ["SCALAR", "Ops", "ScalarOps", "div_round_half_up", "fraction"]


class Ops(Protocol):
    """The operations a rule body may not spell with operators.

    .. versionadded:: 0.1.0
    """

    def where(self, condition: Any, if_true: Any, if_false: Any) -> Any:
        """Select ``if_true`` where ``condition`` holds, else ``if_false``."""

    def not_(self, value: Any) -> Any:
        """Logical negation."""


class ScalarOps:
    """:class:`Ops` on Python scalars.

    .. versionadded:: 0.1.0
    """

    def where(self, condition: Any, if_true: Any, if_false: Any) -> Any:
        """Return ``if_true`` if ``condition`` else ``if_false``."""
        return if_true if condition else if_false

    def not_(self, value: Any) -> Any:
        """Return ``not value``."""
        return not value


#: The scalar evaluation of every rule body.
SCALAR = ScalarOps()


def div_round_half_up(numerator: Any, denominator: Any) -> Any:
    """Divide integers and round to the nearest integer, halves up (``numerator >= 0``).

    Works on Python ints and on numpy integer arrays alike.

    >>> div_round_half_up(5, 2), div_round_half_up(7, 3), div_round_half_up(8, 3)
    (3, 2, 3)

    .. versionadded:: 0.1.0
    """
    # ``type(...) is int`` first: an isinstance check against the numbers ABC costs microseconds.
    if (type(denominator) is int or isinstance(denominator, numbers.Integral)) and denominator == 1:
        return numerator  # nothing to round (and integer division is slow on arrays)
    return (2 * numerator + denominator) // (2 * denominator)


@functools.lru_cache(maxsize=1024)
def fraction(value: Decimal | int) -> tuple[int, int]:
    """Return an exact rate as ``(numerator, denominator)`` with a positive denominator.

    >>> fraction(Decimal("1.5"))
    (3, 2)

    .. versionadded:: 0.1.0
    """
    exact = Fraction(value)
    return exact.numerator, exact.denominator
