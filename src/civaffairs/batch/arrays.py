"""Array operations of the columnar calculators: rule bodies on numpy, households, ages.

:data:`NUMPY` evaluates the rule bodies of :mod:`civaffairs.kernels` on numpy
arrays, so a calculator (:mod:`civaffairs.batch.dibao`,
:mod:`civaffairs.batch.longevity`) runs the scalar rule's own arithmetic over a
whole table.  The helpers below sum a person-level column within households,
broadcast a per-group parameter to rows, and turn birth dates (days since
1970-01-01) into calendar parts and ages by the age rule
:func:`civaffairs.dates.full_years`.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final, TypeVar

import attrs
import numpy as np
import numpy.typing as npt

from civaffairs.batch._columns import Bools, Ints
from civaffairs.dates import full_years

__all__ = ["NUMPY", "NumpyOps"]

#: Day 0 of the day numbers Arrow's ``date32`` columns hold.
EPOCH: Final = dt.date(1970, 1, 1)


class NumpyOps:
    """:class:`civaffairs.kernels.Ops` on numpy arrays.

    .. versionadded:: 0.1.0
    """

    def where(self, condition: Any, if_true: Any, if_false: Any) -> Any:
        """Element-wise selection (:func:`numpy.where`)."""
        return np.where(condition, if_true, if_false)

    def not_(self, value: Any) -> Any:
        """Element-wise negation (:func:`numpy.logical_not`)."""
        return np.logical_not(value)


#: The columnar evaluation of every rule body.
NUMPY: Final = NumpyOps()


# -- households -------------------------------------------------------------------------------


@attrs.frozen
class Households:
    """Where each household's rows are: run starts, sizes, the household of each row."""

    starts: Ints
    sizes: Ints
    of_row: npt.NDArray[np.intp]
    applicant_row: Ints
    #: The row after each household's last (computed once, for the sums).
    ends: Ints = attrs.field(init=False, repr=False, eq=False)

    @ends.default
    def _ends(self) -> Ints:
        return self.starts + self.sizes

    @property
    def count(self) -> int:
        """The number of households."""
        return len(self.starts)

    def sum(self, values: npt.NDArray[Any]) -> Ints:
        """Sum a person-level column within each household, exactly.

        A running total differenced at the households' ends: int64 arithmetic
        wraps, so a difference is exact whenever the household's own sum fits in
        64 bits, even if the running total does not.  Cells are at most
        :data:`~civaffairs.batch.schema.MAX_FEN`, so a household's sum of one
        column fits unless it has some 90 million members.
        """
        if values.dtype == np.bool_ and len(values) < 2**31:
            # A count: a 32-bit running total cannot overflow and is cheaper to widen from
            # booleans than a 64-bit one.
            counts = np.empty(len(values) + 1, dtype=np.int32)
            counts[0] = 0
            np.cumsum(values.view(np.uint8), dtype=np.int32, out=counts[1:])
            return (counts[self.ends] - counts[self.starts]).astype(np.int64)
        totals = np.empty(len(values) + 1, dtype=np.int64)
        totals[0] = 0
        np.cumsum(values, dtype=np.int64, out=totals[1:])
        return totals[self.ends] - totals[self.starts]

    def any(self, values: Bools) -> Bools:
        """Whether any person of each household has ``values``."""
        found = np.zeros(self.count, dtype=np.bool_)
        found[self.of_row[np.flatnonzero(values)]] = True
        return found


# -- broadcasting and sums --------------------------------------------------------------------


def spread(values: Ints, group: Ints) -> Any:
    """Return a per-group value per row: one number when every group has the same value.

    A number broadcasts as an array would, at no memory traffic.
    """
    if len(values) and bool((values == values[0]).all()):
        return values[0]
    return values[group]


def pick(values: Any, index: npt.NDArray[Any]) -> Any:
    """``values[index]`` for an array; a broadcast number is the same for every row."""
    return values if np.ndim(values) == 0 else values[index]


_K = TypeVar("_K")


def total(columns: Mapping[_K, Ints], keys: Iterable[_K], size: int) -> Ints:
    """Sum the present columns of ``keys`` (an absent column is zero)."""
    present = [column for key in keys if (column := columns.get(key)) is not None]
    if not present:
        return np.zeros(size, dtype=np.int64)
    if len(present) == 1:
        return np.array(present[0], dtype=np.int64)  # a copy: the caller may add to it
    found = np.add(present[0], present[1], dtype=np.int64)  # a new array: no copy first
    for column in present[2:]:
        found += column
    return found


def any_of(arrays: Sequence[Bools | None], rows: int) -> Bools:
    """Return the rows where any of the present masks holds (none present: no row)."""
    present = [a for a in arrays if a is not None]
    if not present:
        return np.zeros(rows, dtype=np.bool_)
    if len(present) == 1:
        return present[0].copy()
    result = present[0] | present[1]  # a new array: no copy first
    for more in present[2:]:
        result |= more
    return result


# -- dates ------------------------------------------------------------------------------------


def calendar_parts(days: Ints) -> tuple[Ints, Ints, Ints]:
    """Return ``(year, month, day)`` of dates given as days since 1970-01-01."""
    born = days.astype("datetime64[D]")
    month_start = born.astype("datetime64[M]")
    return (
        born.astype("datetime64[Y]").astype(np.int64) + 1970,
        month_start.astype(np.int64) % 12 + 1,
        (born - month_start).astype(np.int64) + 1,
    )


def full_years_at(days: Ints, on: dt.date) -> Ints:
    """:func:`~civaffairs.dates.full_years` of birth dates given as days since 1970-01-01."""
    year, month, day = calendar_parts(days)
    return np.asarray(
        full_years(year, month, day, year=on.year, month=on.month, day=on.day), dtype=np.int64
    )


_AGE_TABLE_FROM: Final = (dt.date(1850, 1, 1) - EPOCH).days


@functools.lru_cache(maxsize=8)
def _age_table(on: dt.date) -> tuple[int, Ints]:
    """Every age on ``on``, by birth date from 1850-01-01 to ``on``: ``(first day, ages)``."""
    last = max((on - EPOCH).days, _AGE_TABLE_FROM)
    ages = full_years_at(np.arange(_AGE_TABLE_FROM, last + 1, dtype=np.int64), on)
    ages.setflags(write=False)
    return _AGE_TABLE_FROM, ages


def ages(days: Ints, on: dt.date) -> Ints:
    """Ages in full years on ``on`` by the age rule, looked up in a table of birth dates."""
    first, table = _age_table(on)
    offset = days - first
    if len(offset) == 0 or (int(offset.min()) >= 0 and int(offset.max()) < len(table)):
        return table.take(offset)  # the usual case: every birth date in the table, no mask
    inside = (offset >= 0) & (offset < len(table))
    found = table[np.where(inside, offset, 0)]
    outside = np.flatnonzero(~inside)
    found[outside] = full_years_at(days[outside], on)
    return found
