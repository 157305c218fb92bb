"""低保 step 7: single-person inclusion (单人户, 民发〔2021〕57号 art. 8).

If the household fails 低保 (on income or property) but is a marginal low-income
household — income below the marginal multiple of the standard and property within
the *marginal* property rules (``assistance.marginal.assets.*``, art. 8 second
paragraph: "财产状况符合相关规定") — each severely disabled (art. 8 (一)) or seriously
ill (art. 8 (二)) member may be covered alone.  :func:`marginal_test`,
:func:`single_person_candidate` and :func:`single_person_rule` are the arithmetic,
shared with :mod:`civaffairs.batch`; :func:`single_person_stage` applies them to one
household and explains them.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs

from civaffairs.assistance.dibao.codes import (
    R_MARGINAL_PROPERTY,
    R_SINGLE_PERSON,
    R_SINGLE_PERSON_NONE,
    R_SINGLE_PERSON_UNKNOWN,
    scaled_yuan,
    yuan_text,
)
from civaffairs.assistance.dibao.conditions import MeansTest
from civaffairs.assistance.means import (
    CountedIncome,
    PropertyTest,
    below_margin,
    marginal_income,
    owned_asset_words,
    property_test,
)
from civaffairs.decisions import AmountLine, Reason
from civaffairs.entities import Household, Member, Person
from civaffairs.kernels import SCALAR, Ops, div_round_half_up, fraction
from civaffairs.money import fen_to_yuan, format_yuan
from civaffairs.parameters import ParameterBook, ParameterValue


def marginal_test(test: MeansTest, *, multiple: tuple[Any, Any]) -> Any:
    """Whether income is below ``multiple`` × the standard (低保边缘, 57号 art. 8).

    .. versionadded:: 0.1.0
    """
    return below_margin(test.net_income, test.scale, test.threshold, multiple)


def single_person_candidate(severe_disability: Any, serious_illness: Any) -> Any:
    """Whether a member may be covered alone: severely disabled or seriously ill (57号 art. 8).

    .. versionadded:: 0.1.0
    """
    return severe_disability | serious_illness


def single_person_rule(
    ops: Ops,
    *,
    counted: Any,
    candidate: Any,
    own_income: Any,
    own_wages: Any,
    standard: Any,
    rate: tuple[Any, Any],
    share: tuple[Any, Any] = (1, 1),
    deduct: Any = True,
    unknown: Any = False,
) -> tuple[Any, Any, Any]:
    """Return ``(covered, amount in fen, asks)`` for members covered alone (单人户, 57号 art. 8).

    A counted, severely disabled or seriously ill member (``candidate``) is
    paid ``share`` × the standard, less their own (net) income where
    ``deduct`` holds (the national default: the difference, as for a household
    of one), when that is above zero; the amount is rounded once to the fen.
    ``asks`` marks the counted members whose candidacy is not established
    (``unknown``: no severe disability, serious illness not established) and
    who would be paid if it were: the fact that decides the outcome.

    .. versionadded:: 0.1.0
    """
    rate_num, rate_den = rate
    share_num, share_den = share
    own_net = own_income * rate_den - own_wages * rate_num  # fen × rate_den
    scaled = standard * share_num * rate_den - own_net * share_den * deduct
    payable = counted & (scaled > 0)
    covered = payable & candidate
    asks = payable & ops.not_(candidate) & unknown
    amount = ops.where(covered, div_round_half_up(scaled, share_den * rate_den), 0)
    return covered, amount, asks


@attrs.frozen
class SinglePersonStage:
    """What the single-person stage found: the members covered alone and its tests.

    ``missing`` holds the paths of serious-illness facts that would cover a member;
    ``alone`` the covered members' ids with their amounts in fen, one per line.
    """

    lines: tuple[AmountLine, ...]
    allowed: bool
    marginal: bool
    assets_ok: bool = False
    missing: tuple[str, ...] = ()
    alone: tuple[tuple[str, int], ...] = ()


#: The single-person stage when it does not apply (the household passed 低保, or the
#: jurisdiction does not cover members alone).
NO_SINGLE = SinglePersonStage((), allowed=False, marginal=False)


@attrs.frozen
class _Covered:
    """The members of a marginal household covered alone, and those a missing fact would cover.

    ``used`` holds the parameters the stage read (its reasons cite them); ``asked`` the
    labels of the members whose serious illness is not established, ``missing`` its paths.
    """

    used: tuple[ParameterValue, ...]
    lines: tuple[AmountLine, ...] = ()
    alone: tuple[tuple[str, int], ...] = ()
    missing: tuple[str, ...] = ()
    asked: tuple[str, ...] = ()


def single_person_stage(
    household: Household,
    counted: list[tuple[int, Member]],
    *,
    flows: CountedIncome,
    standard: tuple[int, ParameterValue],
    rate: tuple[int, int],
    place: tuple[ParameterBook, str, dt.date],
    reasons: list[Reason],
) -> SinglePersonStage:
    """Cover severely disabled or seriously ill members of a marginal household alone.

    57号 art. 8: the household is a 低保边缘家庭 — it fails 低保, its income is below
    the marginal multiple of the standard, and its property is within the *marginal*
    property rules (``assistance.marginal.assets.*``, usually looser than 低保's).
    ``standard`` is the 低保 standard in fen with the parameter it was read from.
    """
    book, where, on = place
    allowed, allowed_used = book.flag("assistance.dibao.single_person.allowed", where, on)
    if not allowed:
        return NO_SINGLE
    standard_fen, standard_used = standard
    # The same income (after art. 13's deductions) and the same rule as 低保边缘 recognition.
    margin = marginal_income(flows, standard_fen, len(counted), book=book, where=where, on=on)
    multiple, marginal = margin.multiple, margin.below
    found = _Covered((allowed_used, margin.multiple_used, standard_used))
    assets_ok = marginal and _marginal_assets(
        household, counted, fen_to_yuan(standard_fen), place, reasons
    )
    if marginal and assets_ok:
        found = _covered_alone(
            counted,
            flows=flows,
            standard=standard_fen,
            rate=rate,
            multiple=multiple,
            found=found,
            place=place,
            reasons=reasons,
        )
    if found.missing:
        reasons.append(
            R_SINGLE_PERSON_UNKNOWN.reason(
                None,
                found.used,
                persons="、".join(found.asked),
                paths=", ".join(found.missing),
            )
        )
    elif not found.lines:
        reasons.append(_nobody_alone(marginal=marginal, multiple=multiple, used=found.used))
    return SinglePersonStage(
        found.lines,
        allowed=True,
        marginal=marginal,
        assets_ok=assets_ok,
        missing=found.missing,
        alone=found.alone,
    )


def _covered_alone(
    counted: list[tuple[int, Member]],
    *,
    flows: CountedIncome,
    standard: int,
    rate: tuple[int, int],
    multiple: Decimal,
    found: _Covered,
    place: tuple[ParameterBook, str, dt.date],
    reasons: list[Reason],
) -> _Covered:
    """Apply :func:`single_person_rule` to each counted member of a marginal household.

    Reads the share of the standard and whether own income is deducted, and explains
    each member covered alone; ``found`` holds the parameters read so far.
    """
    book, where, on = place
    share_value, share_used = book.rate(
        "assistance.dibao.single_person.share_of_standard", where, on
    )
    deduct, deduct_used = book.flag("assistance.dibao.single_person.deduct_own_income", where, on)
    used = (*found.used, share_used, deduct_used)
    share = fraction(share_value)
    lines: list[AmountLine] = []
    alone: list[tuple[str, int]] = []
    missing: list[str] = []
    asked: list[str] = []
    for index, member in counted:
        person = member.person
        severe = person.disability is not None and person.disability.is_severe
        own, own_wages = flows.of(person.id)
        covered, amount_fen, asks = single_person_rule(
            SCALAR,
            counted=True,
            candidate=single_person_candidate(severe, person.serious_illness is True),
            own_income=own,
            own_wages=own_wages,
            standard=standard,
            rate=rate,
            share=share,
            deduct=deduct,
            unknown=person.serious_illness is None,
        )
        if asks:
            missing.append(f"$.members[{index}].person.serious_illness")
            asked.append(person.label)
        if not covered:
            continue
        own_net = scaled_yuan(own * rate[1] - own_wages * rate[0], rate[1])
        reason, line = _alone(
            person,
            fen_to_yuan(amount_fen),
            own_net=own_net,
            standard=fen_to_yuan(standard),
            terms=(share_value, deduct, multiple),
            used=used,
        )
        reasons.append(reason)
        lines.append(line)
        alone.append((person.id, int(amount_fen)))
    return _Covered(used, tuple(lines), tuple(alone), tuple(missing), tuple(asked))


def _marginal_assets(
    household: Household,
    counted: list[tuple[int, Member]],
    standard: Decimal,
    place: tuple[ParameterBook, str, dt.date],
    reasons: list[Reason],
) -> bool:
    """Apply the marginal property rules (57号 art. 8 second paragraph), explained in one reason."""
    book, where, on = place
    assets = property_test(
        household,
        prefix="assistance.marginal",
        count=len(counted),
        standard=standard,
        book=book,
        where=where,
        on=on,
        counted_ids=[m.person.id for _, m in counted],
    )
    reasons.append(_marginal_property_reason(assets, len(counted)))
    return assets.passed


def _nobody_alone(*, marginal: bool, multiple: Decimal, used: tuple[ParameterValue, ...]) -> Reason:
    """Say that no member is covered alone, and whether the household was marginal."""
    return R_SINGLE_PERSON_NONE.reason(
        False,
        used,
        relation="低于" if marginal else "不低于",
        relation_en="below" if marginal else "not below",
        multiple=str(multiple),
    )


def _alone(
    person: Person,
    amount: Decimal,
    *,
    own_net: Decimal,
    standard: Decimal,
    terms: tuple[Decimal, bool, Decimal],
    used: tuple[ParameterValue, ...],
) -> tuple[Reason, AmountLine]:
    """Explain one member covered alone (57号 art. 8), and their line of the amount.

    ``terms`` are the share of the standard, whether their own income is deducted and
    the marginal multiple.
    """
    share_value, deduct, multiple = terms
    why = []
    if person.disability is not None and person.disability.is_severe:
        why.append(("重度残疾人", "severely disabled"))
    if person.serious_illness:
        why.append(("重病患者", "seriously ill"))
    std = yuan_text(standard)
    times = "" if share_value == 1 else f" × {share_value}"
    shown_net = yuan_text(own_net)
    reason = R_SINGLE_PERSON.reason(
        True,
        used,
        multiple=str(multiple),
        person=person.label,
        member=person.id,
        why="、".join(zh for zh, _ in why),
        why_en=", ".join(en for _, en in why),
        formula=f"{std} 元{times}" + (f" − 本人收入 {shown_net} 元" if deduct else ""),
        formula_en=f"{std} yuan{times}" + (f" − own income {shown_net} yuan" if deduct else ""),
        amount=yuan_text(amount),
    )
    line = AmountLine(
        "single_person", f"单人户 {person.label}", f"covered alone: {person.label}", amount
    )
    return reason, line


def _marginal_property_reason(assets: PropertyTest, count: int) -> Reason:
    """Explain the marginal property test (57号 art. 8 second paragraph) in one reason."""
    others = [owned_asset_words(asset) for asset, _used in assets.disqualifying]
    if assets.business_limit is not None:
        zh, en = ("低于", "below") if assets.business_ok else ("不低于", "not below")
        value = format_yuan(assets.business, "fen")
        limit = format_yuan(assets.business_limit, "fen")
        others.append(
            (
                f"经营主体出资额 {value} 元{zh}上限 {limit} 元",
                f"business entities worth {value} yuan, {en} the limit of {limit} yuan",
            )
        )
    used = [assets.months_used, *(u for _asset, u in assets.disqualifying)]
    if assets.business_used is not None:
        used.append(assets.business_used)
    return R_MARGINAL_PROPERTY.reason(
        assets.passed,
        tuple(used),
        result="符合" if assets.passed else "不符合",
        result_en="passed" if assets.passed else "failed",
        assets=format_yuan(assets.financial, "fen"),
        months=str(assets.months),
        count=str(count),
        limit=format_yuan(assets.financial_limit, "fen"),
        others="".join(f"; {zh}" for zh, _ in others),
        others_en="".join(f"; {en}" for _, en in others),
    )
