"""低保's rule: its entry points and the order of its steps.

:func:`decide_household` takes the steps of :mod:`civaffairs.assistance.dibao` in order
for one household with a given set of 特困 members left out; :func:`evaluate` (and
:func:`assess`, its decision) first settles who is left out, deciding both ways for
members whose 特困 conditions are undecided.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

import attrs

from civaffairs.assistance import means
from civaffairs.assistance.dibao.amount import difference_due, difference_paid
from civaffairs.assistance.dibao.codes import (
    PROGRAMME,
    R_EXTREME_POVERTY_EXCLUDED,
    R_EXTREME_POVERTY_IRRELEVANT,
    R_EXTREME_POVERTY_UNKNOWN,
    R_MEMBERS,
    R_REGISTRATION,
)
from civaffairs.assistance.dibao.conditions import MeansTest, income_and_property
from civaffairs.assistance.dibao.family import EXCLUDE_EXTREME_POVERTY, counted_family
from civaffairs.assistance.dibao.outcome import OUTCOME_CODES, Evaluation, outcome_rule
from civaffairs.assistance.dibao.single_person import (
    NO_SINGLE,
    SinglePersonStage,
    single_person_stage,
)
from civaffairs.assistance.dibao_terms import payable_period
from civaffairs.assistance.means import extreme_poverty_status, undecided_choices
from civaffairs.decisions import Amount, Decision, Draft, Outcome, Period
from civaffairs.entities import Household
from civaffairs.kernels import SCALAR
from civaffairs.money import fen_to_yuan, yuan_to_fen
from civaffairs.parameters import ParameterBook, ParameterValue, default_book


def assess(
    household: Household,
    on: dt.date,
    *,
    jurisdiction: str | None = None,
    book: ParameterBook | None = None,
    extreme_poverty: Iterable[Decision] = (),
) -> Decision:
    """Decide the minimum living allowance (低保) for ``household`` on ``on``.

    The decision of :func:`evaluate` (see there for the arguments).

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 ``extreme_poverty`` (no double coverage).
    """
    return evaluate(
        household,
        on,
        jurisdiction=jurisdiction,
        book=book,
        extreme_poverty=extreme_poverty,
    ).decision


def evaluate(
    household: Household,
    on: dt.date,
    *,
    jurisdiction: str | None = None,
    book: ParameterBook | None = None,
    extreme_poverty: Iterable[Decision] = (),
) -> Evaluation:
    """Decide 低保 for ``household`` on ``on`` and say whom it counts and covers alone.

    ``jurisdiction`` is where the application is decided; by default the
    applicant's place of household registration.  ``book`` is the parameter
    book (the shipped data by default).  ``extreme_poverty`` holds the
    members' 特困 decisions the caller has (each of a member of ``household``,
    on ``on``): a member who meets every 特困 condition is supported once, by
    特困, and is not counted here — not in the members, the income or the
    amount — where ``assistance.dibao.members.exclude_extreme_poverty`` says
    so (the default).  A member whose 特困 conditions are undecided is
    decided both ways; when that changes the outcome or the amount, the
    decision is "cannot decide" and names the facts the 特困 decision lacks.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 ``extreme_poverty`` (no double coverage).
    """
    book = book or default_book()
    where = jurisdiction or household.applicant.person.registration.jurisdiction
    decisions = tuple(extreme_poverty)
    if not decisions:  # nobody supported as 特困: the status would be empty
        return decide_household(household, on, where=where, book=book)
    status = extreme_poverty_status(household, decisions, on)
    if not (status.recognised_ids or status.unknown_ids):
        return decide_household(household, on, where=where, book=book)
    exclude, used = book.flag(EXCLUDE_EXTREME_POVERTY, where, on)
    if not exclude:
        return decide_household(household, on, where=where, book=book)
    recognised = frozenset(status.recognised_ids)
    unknown = status.unknown_ids
    if not unknown:
        return decide_household(
            household, on, where=where, book=book, supported=recognised, used=used
        )
    # Undecided 特困 conditions: decide with each of those members counted or not (all ways,
    # for up to means.MAX_UNDECIDED of them; beyond that the decision waits for the facts).
    choices = undecided_choices(unknown) or (frozenset(),)
    ways = [
        decide_household(
            household, on, where=where, book=book, supported=recognised | chosen, used=used
        )
        for chosen in choices
    ]
    first = ways[0]
    if len(ways) > 1 and all(_same(first.decision, other.decision) for other in ways[1:]):
        return attrs.evolve(
            first,
            decision=attrs.evolve(
                first.decision,
                reasons=(
                    *first.decision.reasons,
                    R_EXTREME_POVERTY_IRRELEVANT.reason(
                        None, (used,), persons="、".join(status.unknown)
                    ),
                ),
            ),
        )
    base = first.decision
    kept = tuple(
        r
        for r in base.reasons
        if r.code in {R_REGISTRATION.code, R_MEMBERS.code, R_EXTREME_POVERTY_EXCLUDED.code}
    )
    reason = R_EXTREME_POVERTY_UNKNOWN.reason(
        None, (used,), persons="、".join(status.unknown), paths=", ".join(status.missing) or "-"
    )
    undecided = Draft(base.programme, base.subject, on, where, [*kept, reason]).decide(
        Outcome.CANNOT_DECIDE, missing=status.missing
    )
    return Evaluation(undecided, first.counted, (), first.excluded)


def _same(one: Decision, other: Decision) -> bool:
    """Whether two decisions grant the same: outcome and amount."""
    total = None if one.amount is None else one.amount.total
    return one.outcome is other.outcome and total == (
        None if other.amount is None else other.amount.total
    )


_OUTCOMES = {code: outcome for outcome, code in OUTCOME_CODES.items()}


def decide_household(
    household: Household,
    on: dt.date,
    *,
    where: str,
    book: ParameterBook,
    supported: frozenset[str] = frozenset(),
    used: ParameterValue | None = None,
) -> Evaluation:
    """Decide 低保 with the members in ``supported`` (特困) left out; see :func:`evaluate`."""
    kind_en = household.applicant.person.registration.kind.value
    draft = means.household_draft(PROGRAMME.code, household, on, where)
    reasons = draft.reasons

    # 1-2. Registration (社会救助暂行办法 art. 9; 57号 arts. 4-5) and the family (57号 art. 7),
    # 2b. leaving out members supported as 特困 (no double coverage; parameter, default).
    family, excluded_ids = counted_family(household, (on, where), (supported, used), reasons)
    if family.stop is not None:
        return Evaluation(
            draft.decide(family.stop, missing=family.missing),
            tuple(m.person.id for _, m in family.counted),
            (),
            excluded_ids,
        )
    counted = list(family.counted)

    # 3-5. Income, the income test and the property test (see income_and_property).
    standard_yuan, standard_used = book.money(f"assistance.dibao.standard.{kind_en}", where, on)
    standard = yuan_to_fen(standard_yuan)
    test, flows, rate, facts = income_and_property(
        household, counted, standard_used, book=book, where=where, on=on, reasons=reasons
    )
    passed = test.income_ok and test.assets_ok

    # 6. Amount: the difference, floored where a jurisdiction says so, rounded once.
    whole: tuple[int, tuple[Decimal, ParameterValue] | None] = (0, None)
    if passed:
        whole = difference_due(test, (book, where, on))

    # 7. Single-person inclusion for members of a marginal household (57号 art. 8): the
    # household fails 低保 (income or property) but is a marginal household.
    single = NO_SINGLE
    if not passed:
        single = single_person_stage(
            household,
            counted,
            flows=flows,
            standard=(standard, standard_used),
            rate=rate,
            place=(book, where, on),
            reasons=reasons,
        )

    return _conclude(
        draft,
        book,
        test=test,
        whole=whole,
        single=single,
        explained=(facts, standard_used),
        ids=(tuple(m.person.id for _, m in counted), excluded_ids),
    )


def _conclude(
    draft: Draft,
    book: ParameterBook,
    *,
    test: MeansTest,
    whole: tuple[int, tuple[Decimal, ParameterValue] | None],
    single: SinglePersonStage,
    explained: tuple[dict[str, str], ParameterValue],
    ids: tuple[tuple[str, ...], tuple[str, ...]],
) -> Evaluation:
    """Decide the outcome (:func:`outcome_rule`) and pay the household or the members alone.

    ``whole`` is the difference in fen with the floor it was raised to; ``ids`` the
    counted members' ids and those left out as 特困.
    """
    counted_ids, excluded_ids = ids
    whole_amount, floor = whole
    outcome_code, amount_fen, alone = outcome_rule(
        SCALAR,
        registered=True,
        missing=False,
        test=test,
        whole_amount=whole_amount,
        single_allowed=single.allowed,
        marginal=single.marginal,
        marginal_assets_ok=single.assets_ok,
        single_amount=sum(yuan_to_fen(line.amount) for line in single.lines),
        asks=bool(single.missing),
    )
    outcome = _OUTCOMES[outcome_code]
    if outcome is not Outcome.ELIGIBLE:
        decision = draft.decide(outcome, missing=single.missing)
        return Evaluation(decision, counted_ids, (), excluded_ids)
    total = fen_to_yuan(amount_fen)
    # 57号 art. 21 (or a local rule): the first payable month of a decision taken on ``on``.
    payable = payable_period(draft.as_of, book=book, where=draft.jurisdiction)
    if alone:
        amount = Amount(total, Period.MONTHLY, single.lines)
        return Evaluation(
            draft.decide(outcome, amount, payable=payable), counted_ids, single.alone, excluded_ids
        )
    amount = difference_paid(total, test, explained, floor, draft.reasons)
    return Evaluation(draft.decide(outcome, amount, payable=payable), counted_ids, (), excluded_ids)
