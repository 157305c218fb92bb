"""临时救助 (temporary assistance): a one-off payment after an emergency or a spending shock.

社会救助暂行办法 art. 47 (and 国发〔2014〕47号) give temporary assistance to
households whose basic life is temporarily in serious difficulty because of an
accident, a disaster or a sudden serious illness (急难型, urgent), or because
necessary expenditure rose suddenly beyond what the household can bear (支出型,
expenditure-type); 民发〔2018〕23号 names the two types.  Art. 50 leaves the
amounts to county-level governments; they are usually multiples of the local
monthly dibao standard.  The rule, in the order it is decided:

1. **The event** (:class:`HardshipEvent`): its type, the date it happened (not
   after the as-of date), the out-of-pocket cost after insurance and other
   help, the persons affected (at most the household's members) and the
   office's finding that basic life is temporarily in serious difficulty
   (``serious_hardship``; ``None`` while not established → cannot decide).
2. **Serious hardship** — required for both types (art. 47).
3. **Expenditure** — an expenditure-type case needs an out-of-pocket cost.
4. **Amount** — the out-of-pocket cost, raised to the type's floor and
   limited to the cap (``assistance.temporary.*_months``, multiples of the
   monthly dibao standard of the applicant's registration kind; multiplied by
   the persons affected where ``per_person`` is set).  Floor and cap are each
   rounded once to the fen (half up); the amount is one of the cost, the floor
   or the cap, so it never exceeds the cap.  The payment is one-off
   (:attr:`~civaffairs.decisions.Period.ONE_OFF`).  A case with nothing to pay
   is not eligible.
5. **Approval** — a payment within the small-amount limit
   (``small_amount_months`` of the standard; 0 means none) may be approved
   directly by the township or street office and filed with the county office
   (民发〔2018〕23号); otherwise the county civil-affairs office approves.

The library does not grade hardship: it pays the stated cost within the local
floor and cap.  Local graduated schemes (Anhui's out-of-pocket segments) are
not modelled.  Every shipped figure is **example** data.  Registration is not
required: temporary assistance may be sought where the emergency happens;
``jurisdiction`` (default: the applicant's place of registration) says where
the case is decided and whose figures apply.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import attrs

from civaffairs.assistance.laws import SOCIAL_ASSISTANCE_MEASURES
from civaffairs.assistance.means import show_yuan
from civaffairs.decisions import (
    Amount,
    AmountLine,
    Citation,
    Decision,
    Document,
    Draft,
    Outcome,
    Period,
    Reason,
    ReasonCode,
    programme,
)
from civaffairs.entities import Household
from civaffairs.errors import InvalidInputError
from civaffairs.money import FEN, yuan
from civaffairs.parameters import ParameterBook, default_book

__all__ = [
    "PROGRAMME",
    "TEMPORARY_ASSISTANCE_NOTICE",
    "TEMPORARY_ASSISTANCE_OPINION",
    "HardshipEvent",
    "TemporaryAssistanceApplication",
    "TemporaryAssistanceType",
    "assess",
    "assess_application",
]

PROGRAMME = programme("assistance.temporary", "临时救助", "temporary assistance")

#: 《国务院关于全面建立临时救助制度的通知》 (国发〔2014〕47号; number recalled).
TEMPORARY_ASSISTANCE_NOTICE = Document(
    "国务院关于全面建立临时救助制度的通知",
    "国发〔2014〕47号",
    en="State Council notice on establishing temporary assistance nationwide",
)
#: 《关于进一步加强和改进临时救助工作的意见》 (民政部 财政部, 民发〔2018〕23号; number recalled).
TEMPORARY_ASSISTANCE_OPINION = Document(
    "关于进一步加强和改进临时救助工作的意见",
    "民发〔2018〕23号",
    en="Opinion on strengthening and improving temporary assistance",
)

_RECALLED = "article number recalled, not re-read"
_ART_47 = Citation(SOCIAL_ASSISTANCE_MEASURES, "第四十七条", note=_RECALLED)
_ART_50 = Citation(SOCIAL_ASSISTANCE_MEASURES, "第五十条", note=_RECALLED)
_TYPES = Citation(TEMPORARY_ASSISTANCE_OPINION, "急难型、支出型临时救助", note="recalled")
_APPROVAL = Citation(TEMPORARY_ASSISTANCE_OPINION, "小额临时救助审批", note="recalled")
_STANDARDS = Citation(
    TEMPORARY_ASSISTANCE_NOTICE,
    "救助标准",
    note="amounts set by county-level governments; see each parameter's source",
)

R_URGENT = ReasonCode.define(
    "temporary.urgent",
    "急难型: {persons} 人因突发事件({occurred_on})基本生活陷入困境",
    "urgent type: {persons} person(s) hit by an emergency on {occurred_on}",
    _TYPES,
)
R_EXPENDITURE = ReasonCode.define(
    "temporary.expenditure",
    "支出型: {persons} 人因生活必需支出突然增加({occurred_on}), 自付 {cost} 元",
    "expenditure type: a sudden necessary expenditure for {persons} person(s) on {occurred_on}, "
    "{cost} yuan out of pocket",
    _TYPES,
)
R_HARDSHIP = ReasonCode.define(
    "temporary.serious_hardship",
    "经核实, 基本生活暂时出现严重困难",
    "basic life is found to be temporarily in serious difficulty",
    _ART_47,
)
R_NO_HARDSHIP = ReasonCode.define(
    "temporary.no_serious_hardship",
    "经核实, 基本生活未出现严重困难",
    "basic life is found not to be in serious difficulty",
    _ART_47,
)
R_MISSING = ReasonCode.define(
    "temporary.missing_facts",
    "缺少判定所需事实: {paths}",
    "facts needed for the decision are missing: {paths}",
    _ART_47,
)
R_NO_COST = ReasonCode.define(
    "temporary.no_out_of_pocket_cost",
    "支出型临时救助须有自付的必需支出, 本次自付 0 元",
    "an expenditure-type case needs an out-of-pocket cost; none was stated",
    _ART_47,
)
R_AMOUNT = ReasonCode.define(
    "temporary.amount",
    "救助金额: 自付 {cost} 元, 下限 {floor} 元({floor_months} 个月 × {standard} 元{basis}), "
    "上限 {cap} 元({cap_months} 个月 × {standard} 元{basis}), 发放 {amount} 元",
    "amount: out of pocket {cost} yuan, floor {floor} yuan ({floor_months} months × {standard} "
    "yuan{basis_en}), cap {cap} yuan ({cap_months} months × {standard} yuan{basis_en}); "
    "{amount} yuan is paid once",
    _STANDARDS,
)
R_NOTHING_TO_PAY = ReasonCode.define(
    "temporary.nothing_to_pay",
    "按当地标准计算的救助金额为 0 元",
    "the amount under the local figures is 0 yuan",
    _ART_50,
)
R_APPROVAL_SMALL = ReasonCode.define(
    "temporary.approval_small_amount",
    "金额不超过小额救助额度 {limit} 元({months} 个月低保标准): 可由乡镇人民政府(街道办事处)"
    "直接审批, 报县级民政部门备案",
    "within the small-amount limit of {limit} yuan ({months} months of the standard): the "
    "township or street office may approve it directly and file it with the county office",
    _APPROVAL,
)
R_APPROVAL_COUNTY = ReasonCode.define(
    "temporary.approval_county",
    "由县级人民政府民政部门审批{why}",
    "approved by the county-level civil-affairs office{why_en}",
    _APPROVAL,
)


class TemporaryAssistanceType(enum.Enum):
    """The two types of temporary assistance (民发〔2018〕23号).

    .. versionadded:: 0.1.0
    """

    URGENT = "urgent"  #: 急难型: accident, disaster, sudden serious illness
    EXPENDITURE = "expenditure"  #: 支出型: a sudden necessary expenditure beyond the means


def _kind(_instance: object, _attribute: object, value: Any) -> None:
    if not isinstance(value, TemporaryAssistanceType):
        raise InvalidInputError("$.kind", value, "'urgent' or 'expenditure'")


def _occurred_on(_instance: object, _attribute: object, value: Any) -> None:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise InvalidInputError("$.occurred_on", value, "a calendar date")


def _out_of_pocket(value: object) -> Decimal:
    return yuan(value, path="$.out_of_pocket")


def _persons(_instance: object, _attribute: object, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidInputError("$.persons_affected", value, "an integer of 1 or more")


def _hardship(_instance: object, _attribute: object, value: Any) -> None:
    if value is not None and not isinstance(value, bool):
        raise InvalidInputError(
            "$.serious_hardship", value, "true, false or null (not established)"
        )


@attrs.frozen
class HardshipEvent:
    """The emergency or expenditure a temporary-assistance application is about.

    ``out_of_pocket`` is what the household itself pays, after insurance and
    any other assistance (yuan); ``persons_affected`` how many members it
    hits; ``serious_hardship`` the office's finding that basic life is
    temporarily in serious difficulty (``None``: not established yet).

    .. versionadded:: 0.1.0
    """

    kind: TemporaryAssistanceType = attrs.field(validator=_kind)
    occurred_on: dt.date = attrs.field(validator=_occurred_on)
    out_of_pocket: Decimal = attrs.field(converter=_out_of_pocket)
    persons_affected: int = attrs.field(validator=_persons)
    serious_hardship: bool | None = attrs.field(validator=_hardship)


def _household(_instance: object, _attribute: object, value: Any) -> None:
    if not isinstance(value, Household):
        raise InvalidInputError("$.household", type(value).__name__, "a household")


def _event(instance: Any, _attribute: object, value: Any) -> None:
    if not isinstance(value, HardshipEvent):
        raise InvalidInputError("$.event", type(value).__name__, "a hardship event")
    _check_persons(instance.household, value)


def _check_persons(household: Household, event: HardshipEvent) -> None:
    size = len(household.members)
    if event.persons_affected > size:
        raise InvalidInputError(
            "$.event.persons_affected",
            event.persons_affected,
            f"at most the household's {size} member(s)",
        )


@attrs.frozen
class TemporaryAssistanceApplication:
    """A household and the event it applies about: the JSON input of :func:`assess_application`.

    .. versionadded:: 0.1.0
    """

    household: Household = attrs.field(validator=_household)
    event: HardshipEvent = attrs.field(validator=_event)


def assess_application(
    application: TemporaryAssistanceApplication,
    on: dt.date,
    *,
    jurisdiction: str | None = None,
    book: ParameterBook | None = None,
) -> Decision:
    """Decide an application given as one value; see :func:`assess`.

    .. versionadded:: 0.1.0
    """
    return assess(
        application.household, application.event, on, jurisdiction=jurisdiction, book=book
    )


def _limit(standard: Decimal, months: Decimal, basis: int) -> Decimal:
    """``months`` × the standard × ``basis`` persons, rounded once to the fen (half up)."""
    return (standard * months * basis).quantize(FEN, ROUND_HALF_UP)


def assess(
    household: Household,
    event: HardshipEvent,
    on: dt.date,
    *,
    jurisdiction: str | None = None,
    book: ParameterBook | None = None,
) -> Decision:
    """Decide temporary assistance (临时救助) for ``household`` after ``event``, on ``on``.

    ``jurisdiction`` is where the case is decided (default: the applicant's
    place of registration), whose dibao standard and local figures apply;
    ``book`` the parameter book.  Raises
    :class:`~civaffairs.errors.InvalidInputError` when the event happened after
    ``on`` or affects more persons than the household has.

    .. versionadded:: 0.1.0
    """
    if not isinstance(event, HardshipEvent):
        raise InvalidInputError("$.event", type(event).__name__, "a hardship event")
    if event.occurred_on > on:
        raise InvalidInputError(
            "$.event.occurred_on",
            event.occurred_on.isoformat(),
            f"a date on or before the as-of date {on.isoformat()}",
        )
    _check_persons(household, event)
    book = book or default_book()
    applicant = household.applicant.person
    where = jurisdiction or applicant.registration.jurisdiction
    reasons: list[Reason] = []

    decision = Draft(
        PROGRAMME.code, f"{household.id} ({applicant.masked})", on, where, reasons
    ).decide

    # 1. The event and its type.
    urgent = event.kind is TemporaryAssistanceType.URGENT
    reasons.append(
        (R_URGENT if urgent else R_EXPENDITURE).reason(
            True,
            persons=str(event.persons_affected),
            occurred_on=event.occurred_on.isoformat(),
            cost=show_yuan(event.out_of_pocket),
        )
    )

    # 2. Serious hardship (社会救助暂行办法 art. 47).
    if event.serious_hardship is None:
        path = "$.event.serious_hardship"
        reasons.append(R_MISSING.reason(None, paths=path))
        return decision(Outcome.CANNOT_DECIDE, missing=(path,))
    if not event.serious_hardship:
        reasons.append(R_NO_HARDSHIP.reason(False))
        return decision(Outcome.NOT_ELIGIBLE)
    reasons.append(R_HARDSHIP.reason(True))

    # 3. An expenditure-type case needs an out-of-pocket cost.
    if not urgent and event.out_of_pocket == 0:
        reasons.append(R_NO_COST.reason(False))
        return decision(Outcome.NOT_ELIGIBLE)

    # 4. Amount: the cost within the floor and the cap, in months of the dibao standard.
    kind = applicant.registration.kind.value
    standard, standard_used = book.money(f"assistance.dibao.standard.{kind}", where, on)
    per_person, per_person_used = book.flag("assistance.temporary.per_person", where, on)
    floor_name = "urgent" if urgent else "expenditure"
    floor_months, floor_used = book.rate(
        f"assistance.temporary.{floor_name}.floor_months", where, on
    )
    cap_months, cap_used = book.rate("assistance.temporary.cap_months", where, on)
    basis = event.persons_affected if per_person else 1
    floor = _limit(standard, floor_months, basis)
    cap = _limit(standard, cap_months, basis)
    cost = event.out_of_pocket
    total = min(max(cost, floor), cap).quantize(FEN)
    used = (standard_used, per_person_used, floor_used, cap_used)
    if total == 0:
        reasons.append(R_NOTHING_TO_PAY.reason(False, used))
        return decision(Outcome.NOT_ELIGIBLE)
    reasons.append(
        R_AMOUNT.reason(
            None,
            used,
            cost=show_yuan(cost),
            floor=show_yuan(floor),
            floor_months=str(floor_months),
            cap=show_yuan(cap),
            cap_months=str(cap_months),
            standard=show_yuan(standard),
            basis=f" × {basis} 人" if per_person else "",
            basis_en=f" × {basis} person(s)" if per_person else "",
            amount=show_yuan(total),
        )
    )
    lines = [AmountLine("out_of_pocket", "自付支出", "out-of-pocket cost", cost)]
    if total > cost:
        lines.append(AmountLine("floor", "提高到下限", "raised to the floor", total - cost))
    elif total < cost:
        lines.append(AmountLine("cap", "以上限为限", "limited to the cap", total - cost))

    # 5. Approval route.
    small_months, small_used = book.rate("assistance.temporary.small_amount_months", where, on)
    small_limit = _limit(standard, small_months, 1)
    if small_limit > 0 and total <= small_limit:
        reasons.append(
            R_APPROVAL_SMALL.reason(
                None, (small_used,), limit=show_yuan(small_limit), months=str(small_months)
            )
        )
    else:
        reasons.append(
            R_APPROVAL_COUNTY.reason(
                None,
                (small_used,),
                why=f"(超过小额救助额度 {show_yuan(small_limit)} 元)" if small_limit > 0 else "",
                why_en=f" (above the small-amount limit of {show_yuan(small_limit)} yuan)"
                if small_limit > 0
                else "",
            )
        )
    return decision(Outcome.ELIGIBLE, Amount(total, Period.ONE_OFF, tuple(lines)))
