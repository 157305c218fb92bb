"""低保's outcome: the decision for the household, or for members covered alone.

:func:`outcome_rule` combines the steps' results (registration, the income and property
tests, the difference, the single-person stage of 民发〔2021〕57号 art. 8) into the
outcome and the amount — the rule's arithmetic, shared with :mod:`civaffairs.batch`
(:data:`OUTCOME_CODES` are the outcome's codes in columnar data).  :class:`Evaluation`
is the decision with whom it counts and covers alone, by member id.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from civaffairs.assistance.dibao.conditions import MeansTest
from civaffairs.decisions import Decision, Outcome
from civaffairs.kernels import Ops

#: Codes of the outcome in columnar data.
OUTCOME_CODES: Mapping[Outcome, int] = {
    Outcome.NOT_ELIGIBLE: 0,
    Outcome.ELIGIBLE: 1,
    Outcome.CANNOT_DECIDE: 2,
}


def outcome_rule(
    ops: Ops,
    *,
    registered: Any,
    missing: Any,
    test: MeansTest,
    whole_amount: Any,
    single_allowed: Any,
    marginal: Any,
    marginal_assets_ok: Any,
    single_amount: Any,
    asks: Any,
) -> tuple[Any, Any, Any]:
    """Return ``(outcome code, amount in fen, covered alone)`` for the household.

    Not registered here → not eligible; a missing fact → cannot decide; income
    and property tests passed → the difference; otherwise, in a marginal
    household (57号 art. 8: it fails 低保, its income is below the marginal
    multiple and its property within the *marginal* rules), the members
    covered alone — or cannot decide when a member's serious illness, which
    would cover them, is not established (``asks``).

    .. versionadded:: 0.1.0
    """
    decided = registered & ops.not_(missing)
    whole = decided & test.income_ok & test.assets_ok
    single_stage = (
        decided
        & ops.not_(test.income_ok & test.assets_ok)
        & single_allowed
        & marginal
        & marginal_assets_ok
    )
    alone = single_stage & ops.not_(asks) & (single_amount > 0)
    eligible = OUTCOME_CODES[Outcome.ELIGIBLE]
    outcome = ops.where(
        whole | alone,
        eligible,
        ops.where(
            registered & (missing | (single_stage & asks)),
            OUTCOME_CODES[Outcome.CANNOT_DECIDE],
            OUTCOME_CODES[Outcome.NOT_ELIGIBLE],
        ),
    )
    amount = ops.where(whole, whole_amount, ops.where(alone, single_amount, 0))
    return outcome, amount, alone


@attrs.frozen
class Evaluation:
    """A 低保 decision with the structure later rules need, by member id (not display text).

    ``counted`` holds the ids of the members counted in the household (after
    the 特困 exclusion); ``alone`` the ids of the members covered alone (单人户,
    57号 art. 8) with their monthly amounts in fen, in household order (empty
    unless the decision pays them alone); ``excluded`` the ids of the members
    left out as 特困 (``assistance.dibao.members.exclude_extreme_poverty``).

    .. versionadded:: 0.1.0
    """

    decision: Decision
    counted: tuple[str, ...] = ()
    alone: tuple[tuple[str, int], ...] = ()
    excluded: tuple[str, ...] = ()
