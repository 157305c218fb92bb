"""临时救助 (temporary assistance): a one-off payment after an emergency or a spending shock.

社会救助暂行办法 art. 47 (and 国发〔2014〕47号) give temporary assistance to
households whose basic life is temporarily in serious difficulty because of an
accident, a disaster or a sudden serious illness (急难型, urgent), or because
necessary expenditure rose suddenly beyond what the household can bear (支出型,
expenditure-type); 民发〔2018〕23号 二(一) names the two types.  Art. 49 leaves the
具体事项、标准 to local governments at county level or above ("由县级以上地方人民政府
确定、公布"); 23号 二(三) lets them tie the standard to the local dibao standard, so
the amounts here are multiples of the local monthly dibao standard.  The rule, in
the order it is decided:

1. **The event** (:class:`HardshipEvent`): its type, the date it happened (not
   after the as-of date), the out-of-pocket cost after insurance and other
   help, the persons affected (at most the household's members) and the
   office's finding that basic life is temporarily in serious difficulty
   (``serious_hardship``; ``None`` while not established → cannot decide).
2. **Serious hardship** — required for both types (art. 47).
3. **Expenditure** — an expenditure-type case needs an out-of-pocket cost.
4. **Means test, expenditure type** (23号 二(一): "原则上其家庭人均可支配收入应低于
   当地上年度人均可支配收入，且家庭财产状况符合当地有关规定"), from 23号's
   2018-01-23 where ``assistance.temporary.expenditure.means_test`` holds:

   - the family is counted as for 低保 (民发〔2021〕57号 art. 7; a member whose
     co-residence is not established → cannot decide);
   - **income**: per-capita family **disposable** income strictly below last
     year's local per-capita disposable income
     (``assistance.means.disposable_income.<urban|rural>`` by the applicant's
     registration, a yearly figure):
     ``12 × monthly disposable income < disposable income × members``, exactly
     (:func:`~civaffairs.assistance.means.disposable_income_test`).
     Disposable income is every income item of the counted members and of the
     household, of every :class:`~civaffairs.entities.IncomeType` — pensions,
     social assistance, the disability subsidies and the other items the 低保
     list leaves out included — with no employment-cost deduction.  23号 does not
     define it; the civil-affairs definition read is 《最低生活保障审核审批办法
     (试行)》 (民发〔2012〕220号, repealed 2021-07-01) art. 16: "家庭可支配收入是指
     扣除缴纳的个人所得税及个人按规定缴纳的社会保障性支出后的收入", whose (四)
     转移性收入 names "离退休金、失业保险金，社会救济金" (income is given net of
     tax and contributions).  [inference: that a repealed 低保 text's definition
     holds for 23号; it matches the statistical sense the comparison figure has];
   - **property**: the local rules,
     ``assistance.temporary.expenditure.assets.*`` (example data nationally),
     applied by the shared property test of :mod:`civaffairs.assistance.means`.

   Both are reported; either failing makes the case not eligible.  Urgent cases
   have no means test (23号 二(二): 急难型 may skip the 家庭经济状况核对).
5. **Amount** — the out-of-pocket cost, raised to the type's floor and
   limited to the cap (``assistance.temporary.*_months``, multiples of the
   monthly dibao standard of the applicant's registration kind; multiplied by
   the persons affected where ``per_person`` is set).  Floor and cap are each
   rounded once to the fen (half up); the amount is one of the cost, the floor
   or the cap, so it never exceeds the cap.  The payment is one-off
   (:attr:`~civaffairs.decisions.Period.ONE_OFF`).  A case with nothing to pay
   is not eligible.
6. **Approval** — art. 48: the county civil-affairs office approves; "救助金额较小的,
   县级人民政府民政部门可以委托乡镇人民政府、街道办事处审批" — a payment within the
   small-amount limit (``small_amount_months`` of the standard; 0 means none; 23号
   二(二): "合理设定并逐步提高乡镇(街道)临时救助金审批额度") may be approved by the
   township or street office.

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

from civaffairs.assistance import means
from civaffairs.assistance.laws import SOCIAL_ASSISTANCE_MEASURES
from civaffairs.decisions import (
    Amount,
    AmountLine,
    Citation,
    Decision,
    Document,
    Outcome,
    Period,
    Reason,
    ReasonCode,
    programme,
)
from civaffairs.entities import Household
from civaffairs.errors import InvalidInputError
from civaffairs.money import FEN, YuanInput, format_yuan, yuan
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
    "disposable_income",
]

PROGRAMME = programme("assistance.temporary")

#: 《国务院关于全面建立临时救助制度的通知》 (国发〔2014〕47号; number recalled).
TEMPORARY_ASSISTANCE_NOTICE = Document(
    "国务院关于全面建立临时救助制度的通知",
    "国发〔2014〕47号",
    en="State Council notice on establishing temporary assistance nationwide",
)
#: 《关于进一步加强和改进临时救助工作的意见》 (民政部 财政部, from 2018-01-23): text read in
#: Comet-law policy/0.1.md, which does not print the number 民发〔2018〕23号 (recalled).
TEMPORARY_ASSISTANCE_OPINION = Document(
    "关于进一步加强和改进临时救助工作的意见",
    "民发〔2018〕23号",
    en="Opinion on strengthening and improving temporary assistance",
)

_ART_47 = Citation(SOCIAL_ASSISTANCE_MEASURES, "第四十七条")
_ART_49 = Citation(SOCIAL_ASSISTANCE_MEASURES, "第四十九条")
_TYPES = Citation(TEMPORARY_ASSISTANCE_OPINION, "二(一)")
_APPROVAL = Citation(
    SOCIAL_ASSISTANCE_MEASURES,
    "第四十八条",
    note="救助金额较小的, 县级人民政府民政部门可以委托乡镇人民政府、街道办事处审批; the "
    "township limit: 民发〔2018〕23号 二(二)",
)
_STANDARDS = Citation(
    SOCIAL_ASSISTANCE_MEASURES,
    "第四十九条",
    note="standards set by local governments at county level or above, which may tie them to "
    "the dibao standard (民发〔2018〕23号 二(三)); see each parameter's source",
)
_MEANS = Citation(
    TEMPORARY_ASSISTANCE_OPINION,
    "二(一)",
    note="支出型: 原则上其家庭人均可支配收入应低于当地上年度人均可支配收入, 且家庭财产状况"
    "符合当地有关规定",
)

R_URGENT = ReasonCode.define(
    "assistance.temporary.urgent",
    "急难型: {persons} 人因突发事件({occurred_on})基本生活陷入困境",
    "urgent type: {persons} person(s) hit by an emergency on {occurred_on}",
    _TYPES,
)
R_EXPENDITURE = ReasonCode.define(
    "assistance.temporary.expenditure",
    "支出型: {persons} 人因生活必需支出突然增加({occurred_on}), 自付 {cost} 元",
    "expenditure type: a sudden necessary expenditure for {persons} person(s) on {occurred_on}, "
    "{cost} yuan out of pocket",
    _TYPES,
)
R_HARDSHIP = ReasonCode.define(
    "assistance.temporary.serious_hardship",
    "经核实, 基本生活暂时出现严重困难",
    "basic life is found to be temporarily in serious difficulty",
    _ART_47,
)
R_NO_HARDSHIP = ReasonCode.define(
    "assistance.temporary.no_serious_hardship",
    "经核实, 基本生活未出现严重困难",
    "basic life is found not to be in serious difficulty",
    _ART_47,
)
R_MISSING = ReasonCode.define(
    "assistance.temporary.missing_facts",
    "缺少判定所需事实: {paths}",
    "facts needed for the decision are missing: {paths}",
    _ART_47,
)
R_NO_COST = ReasonCode.define(
    "assistance.temporary.no_out_of_pocket_cost",
    "支出型临时救助须有自付的必需支出, 本次自付 0 元",
    "an expenditure-type case needs an out-of-pocket cost; none was stated",
    _ART_47,
)
R_AMOUNT = ReasonCode.define(
    "assistance.temporary.amount",
    "救助金额: 自付 {cost} 元, 下限 {floor} 元({floor_months} 个月 × {standard} 元{basis}), "
    "上限 {cap} 元({cap_months} 个月 × {standard} 元{basis}), 发放 {amount} 元",
    "amount: out of pocket {cost} yuan, floor {floor} yuan ({floor_months} months × {standard} "
    "yuan{basis_en}), cap {cap} yuan ({cap_months} months × {standard} yuan{basis_en}); "
    "{amount} yuan is paid once",
    _STANDARDS,
)
R_NOTHING_TO_PAY = ReasonCode.define(
    "assistance.temporary.nothing_to_pay",
    "按当地标准计算的救助金额为 0 元",
    "the amount under the local figures is 0 yuan",
    _ART_49,
)
R_FAMILY = ReasonCode.define(
    "assistance.temporary.family",
    "家庭人均收入按 {count} 名共同生活家庭成员计算{excluded}",
    "per-capita family income is over {count} co-resident family member(s){excluded_en}",
    means.FAMILY_ARTICLE,
)
R_FAMILY_UNKNOWN = ReasonCode.define(
    "assistance.temporary.family_unknown",
    "共同生活家庭成员尚不能确定(缺少: {paths})",
    "the co-resident family members are not established (missing: {paths})",
    means.FAMILY_ARTICLE,
)
R_NO_FAMILY = ReasonCode.define(
    "assistance.temporary.no_family_member",
    "没有计入的共同生活家庭成员, 无法计算家庭人均收入",
    "no co-resident family member is counted: there is no per-capita income to test",
    means.FAMILY_ARTICLE,
)
R_INCOME_BELOW, R_INCOME_NOT_BELOW = means.disposable_income_codes(
    "assistance.temporary", _MEANS, lead=("支出型: ", "expenditure type: ")
)
_PROPERTY = means.PropertyReasons.define(
    "assistance.temporary",
    _MEANS,
    fails=("家庭财产状况不符合当地规定", "the local property rules"),
    prefix="assistance.temporary.expenditure",
    lead=("支出型: ", "expenditure type: "),
)
R_FINANCIAL_ASSETS = _PROPERTY.financial
R_ASSET_DISQUALIFIES = _PROPERTY.disqualifies
R_BUSINESS = _PROPERTY.business
R_NO_MEANS_TEST = ReasonCode.define(
    "assistance.temporary.no_means_test",
    "支出型: 当日不适用家庭收入和财产条件",
    "expenditure type: no income or property condition applies on this date",
    _MEANS,
)
R_APPROVAL_SMALL = ReasonCode.define(
    "assistance.temporary.approval_small_amount",
    "金额不超过小额救助额度 {limit} 元({months} 个月低保标准): 县级民政部门可以委托"
    "乡镇人民政府(街道办事处)审批",
    "within the small-amount limit of {limit} yuan ({months} months of the standard): the "
    "county office may delegate the approval to the township or street office",
    _APPROVAL,
)
R_APPROVAL_COUNTY = ReasonCode.define(
    "assistance.temporary.approval_county",
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


def _out_of_pocket(value: YuanInput) -> Decimal:
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


def disposable_income(household: Household, counted_ids: set[str]) -> Decimal:
    """Return the family's monthly disposable income (家庭可支配收入) in yuan, exactly.

    Every income item of a counted member or of the household itself (no
    ``member``), of every income type — the 低保 exclusions do not apply and
    there is no employment-cost deduction: 民发〔2012〕220号 art. 16 defines
    家庭可支配收入 as income after personal income tax and social-security
    contributions, its (四) 转移性收入 including "离退休金、失业保险金，社会救济金".
    Used for the 支出型 condition of 民发〔2018〕23号 二(一) ("家庭人均可支配收入应低于
    当地上年度人均可支配收入") [inference: 23号 gives no definition of its own].

    .. versionadded:: 0.1.0
    """
    return sum(
        (
            item.monthly
            for item in household.incomes
            if item.member is None or item.member in counted_ids
        ),
        Decimal(0),
    )


def _means_test(
    household: Household, book: ParameterBook, where: str, on: dt.date, reasons: list[Reason]
) -> tuple[Outcome | None, tuple[str, ...]]:
    """Apply the 支出型 income and property conditions, explaining them in ``reasons``.

    Returns ``(None, ())`` when the case goes on, else the outcome to return
    with the missing facts' paths.
    """
    applies, applies_used = book.flag("assistance.temporary.expenditure.means_test", where, on)
    if not applies:
        reasons.append(R_NO_MEANS_TEST.reason(None, (applies_used,)))
        return None, ()
    counted, excluded, missing = means.counted_members(household, on)
    if missing:
        reasons.append(R_FAMILY_UNKNOWN.reason(None, paths=", ".join(missing)))
        return Outcome.CANNOT_DECIDE, tuple(missing)
    count = len(counted)
    if not count:
        reasons.append(R_NO_FAMILY.reason(False))
        return Outcome.NOT_ELIGIBLE, ()
    reasons.append(
        R_FAMILY.reason(
            None,
            count=str(count),
            excluded="".join(f"; 不计入: {m.person.label}({why})" for _, m, why in excluded),
            excluded_en="".join(f"; not counted: {m.person.label}" for _, m, _why in excluded),
        )
    )
    counted_ids = {member.person.id for _, member in counted}
    income = means.disposable_income_test(
        disposable_income(household, counted_ids),
        count,
        household.applicant.person.registration.kind,
        book=book,
        where=where,
        on=on,
    )
    income_ok = income.below
    reasons.append(
        (R_INCOME_BELOW if income_ok else R_INCOME_NOT_BELOW).reason(
            income_ok, (applies_used, income.used), **income.facts()
        )
    )
    _kind, standard, _standard_used = means.dibao_standard(household, book, where, on)
    assets, explained = _PROPERTY.apply(household, count, standard, (book, where, on), counted_ids)
    reasons.extend(explained)
    if not (income_ok and assets.passed):
        return Outcome.NOT_ELIGIBLE, ()
    return None, ()


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
    draft = means.household_draft(PROGRAMME.code, household, on, jurisdiction)
    where, reasons, decision = draft.jurisdiction, draft.reasons, draft.decide

    # 1. The event and its type.
    urgent = event.kind is TemporaryAssistanceType.URGENT
    reasons.append(
        (R_URGENT if urgent else R_EXPENDITURE).reason(
            True,
            persons=str(event.persons_affected),
            occurred_on=event.occurred_on.isoformat(),
            cost=format_yuan(event.out_of_pocket, "fen"),
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

    # 4. 支出型: the income and property conditions (民发〔2018〕23号 二(一)).
    if not urgent:
        outcome, missing = _means_test(household, book, where, on, reasons)
        if outcome is not None:
            return decision(outcome, missing=missing)

    # 5. Amount: the cost within the floor and the cap, in months of the dibao standard.
    place = (book, where, on)
    paid = _amount(household, event, place, reasons)
    if paid is None:
        return decision(Outcome.NOT_ELIGIBLE)

    # 6. Approval route.
    _approval(paid, place, reasons)
    return decision(Outcome.ELIGIBLE, paid.amount)


@attrs.frozen
class _Paid:
    """The amount to pay and the dibao standard it was measured in."""

    amount: Amount
    standard: Decimal


def _amount(
    household: Household,
    event: HardshipEvent,
    place: tuple[ParameterBook, str, dt.date],
    reasons: list[Reason],
) -> _Paid | None:
    """Step 5: the cost within the floor and the cap (art. 49); ``None`` when nothing is paid."""
    book, where, on = place
    urgent = event.kind is TemporaryAssistanceType.URGENT
    kind = household.applicant.person.registration.kind.value
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
        return None
    reasons.append(
        R_AMOUNT.reason(
            None,
            used,
            cost=format_yuan(cost, "fen"),
            floor=format_yuan(floor, "fen"),
            floor_months=str(floor_months),
            cap=format_yuan(cap, "fen"),
            cap_months=str(cap_months),
            standard=format_yuan(standard, "fen"),
            basis=f" × {basis} 人" if per_person else "",
            basis_en=f" × {basis} person(s)" if per_person else "",
            amount=format_yuan(total, "fen"),
        )
    )
    lines = [AmountLine("out_of_pocket", "自付支出", "out-of-pocket cost", cost)]
    if total > cost:
        lines.append(AmountLine("floor", "提高到下限", "raised to the floor", total - cost))
    elif total < cost:
        lines.append(AmountLine("cap", "以上限为限", "limited to the cap", total - cost))
    return _Paid(Amount(total, Period.ONE_OFF, tuple(lines)), standard)


def _approval(
    paid: _Paid, place: tuple[ParameterBook, str, dt.date], reasons: list[Reason]
) -> None:
    """Step 6: who approves (art. 48; 民发〔2018〕23号 二(二)), by the small-amount limit."""
    book, where, on = place
    total = paid.amount.total
    small_months, small_used = book.rate("assistance.temporary.small_amount_months", where, on)
    small_limit = _limit(paid.standard, small_months, 1)
    if small_limit > 0 and total <= small_limit:
        reasons.append(
            R_APPROVAL_SMALL.reason(
                None, (small_used,), limit=format_yuan(small_limit, "fen"), months=str(small_months)
            )
        )
    else:
        reasons.append(
            R_APPROVAL_COUNTY.reason(
                None,
                (small_used,),
                why=f"(超过小额救助额度 {format_yuan(small_limit, 'fen')} 元)"
                if small_limit > 0
                else "",
                why_en=f" (above the small-amount limit of {format_yuan(small_limit, 'fen')} yuan)"
                if small_limit > 0
                else "",
            )
        )
