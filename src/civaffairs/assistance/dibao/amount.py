"""低保 step 6: the amount — the difference paid, raised to a floor, rounded once.

社会救助暂行办法 art. 12 and 民发〔2021〕57号 art. 23: ``(standard − per-capita income) ×
members = standard × members − income``, raised to the jurisdiction's minimum payment
(a share of the standard) if it has one, rounded once to the fen.
:func:`difference_amount` is the arithmetic, shared with :mod:`civaffairs.batch`;
:func:`difference_due` reads the floor and :func:`difference_paid` explains the amount
in lines.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from civaffairs.assistance.dibao.codes import R_AMOUNT, R_AMOUNT_FLOOR, scaled_yuan, yuan_text
from civaffairs.assistance.dibao.conditions import MeansTest
from civaffairs.decisions import Amount, AmountLine, Period, Reason
from civaffairs.kernels import SCALAR, Ops, div_round_half_up, fraction
from civaffairs.money import fen_to_yuan
from civaffairs.parameters import ParameterBook, ParameterValue


def difference_amount(ops: Ops, test: MeansTest, *, share: tuple[Any, Any]) -> tuple[Any, Any]:
    """Return ``(amount in fen, floored)``: the difference, raised to the floor, rounded once.

    社会救助暂行办法 art. 12: standard × members − income; 民发〔2021〕57号 art. 23:
    local rules may set a minimum, a share of the standard per covered person.

    .. versionadded:: 0.1.0
    """
    share_num, share_den = share
    difference = test.threshold * test.scale - test.net_income  # fen × scale
    floored = difference * share_den < test.threshold * share_num * test.scale
    amount = ops.where(
        floored,
        div_round_half_up(test.threshold * share_num, share_den),
        div_round_half_up(difference, test.scale),
    )
    return amount, floored


def difference_due(
    test: MeansTest, place: tuple[ParameterBook, str, dt.date]
) -> tuple[int, tuple[Decimal, ParameterValue] | None]:
    """Return the difference in fen and the floor it was raised to (``None`` if it was not).

    The floor, where a jurisdiction sets one (57号 art. 23), is
    ``assistance.dibao.amount.minimum_share_of_standard`` × the standard per counted member.
    """
    book, where, on = place
    share = book.rate("assistance.dibao.amount.minimum_share_of_standard", where, on)
    amount, floored = difference_amount(SCALAR, test, share=fraction(share[0]))
    return int(amount), share if floored else None


def difference_paid(
    total: Decimal,
    test: MeansTest,
    explained: tuple[dict[str, str], ParameterValue],
    floor: tuple[Decimal, ParameterValue] | None,
    reasons: list[Reason],
) -> Amount:
    """Step 6: the difference paid, in lines (raised to the ``floor`` share where it was)."""
    facts, standard_used = explained
    net_income = scaled_yuan(test.net_income, test.scale)
    threshold = fen_to_yuan(test.threshold)
    lines = [
        AmountLine("standard_total", "低保标准合计", "standard × members", threshold),
        AmountLine("counted_income", "家庭月收入", "counted income", -net_income),
    ]
    if floor is not None:
        share_value, share_used = floor
        reasons.append(
            R_AMOUNT_FLOOR.reason(
                None, (share_used,), share=f"{share_value:%}", amount=yuan_text(total)
            )
        )
        lines.append(
            AmountLine(
                "floor", "最低发放额补足", "raised to the floor", total - threshold + net_income
            )
        )
    elif total != threshold - net_income:
        lines.append(
            AmountLine(
                "rounding", "四舍五入到分", "rounded to the fen", total - threshold + net_income
            )
        )
    reasons.append(R_AMOUNT.reason(None, (standard_used,), **facts, amount=yuan_text(total)))
    return Amount(total, Period.MONTHLY, tuple(lines))
