"""What the parts of the 特困 rule share: the articles cited by more than one, and the place.

Private to :mod:`civaffairs.assistance.extreme_poverty`.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs

from civaffairs.assistance.laws import EXTREME_POVERTY_MEASURES
from civaffairs.decisions import Citation
from civaffairs.money import format_yuan
from civaffairs.parameters import ParameterBook

#: 认定办法 art. 4 (三): 无法定赡养、抚养、扶养义务人或者其法定义务人无履行义务能力.
ART_4 = Citation(EXTREME_POVERTY_MEASURES, "第四条(三)")
#: 认定办法 art. 24: termination, and a minor's support to 18 (second paragraph).
ART_24 = Citation(EXTREME_POVERTY_MEASURES, "第二十四条")
#: 民法典 art. 17: 不满十八周岁的自然人为未成年人 (art. 9 speaks of 未成年人).
MAJORITY_AGE = 18
MONTHS_PER_YEAR = 12


@attrs.frozen
class Place:
    """Where and when a decision is made, and the book it reads."""

    book: ParameterBook
    where: str
    on: dt.date


def yuan_text(amount: Decimal) -> str:
    """Write an amount in a 特困 reason exactly as the rule has it (no rounding, no padding)."""
    return format_yuan(amount, "exact")
