"""低保 after approval: 分类施保 top-ups, the 渐退期 and refusing suitable work.

:func:`civaffairs.assistance.dibao.assess` decides eligibility and the
difference payment (民发〔2021〕57号 arts. 4–23) from the household alone; the
columnar engine reproduces it.  :func:`assess` here starts from that decision
and applies three rules of 《最低生活保障审核确认办法》(民发〔2021〕57号) that
need facts beyond the household, given in a :class:`DibaoRequest`:

* **Top-ups (分类施保), art. 27** (first in 《社会救助暂行办法》 art. 12, second
  paragraph, word for word) — "对获得最低生活保障后生活仍有困难的老年人、
  未成年人、重度残疾人和重病患者，县级以上地方人民政府应当采取必要措施给予生活
  保障。"  Each covered member who is elderly (at or above
  ``assistance.dibao.top_up.elderly_age``), a minor (under 18, 《民法典》
  art. 17), severely disabled or seriously ill receives a share of the
  standard (``assistance.dibao.top_up.*``; none nationally); with
  ``highest_only`` (就高不叠加) only the highest share, else their sum.
* **Refusing work, art. 34** (first in 《社会救助暂行办法》 art. 45, which says
  "有劳动能力" where 57号 says "有就业能力") — "最低生活保障家庭中有就业能力但未就业的成员，应当
  接受人力资源社会保障等有关部门介绍的工作；无正当理由，连续3次拒绝接受介绍的与其
  健康状况、劳动能力等相适应的工作的，县级人民政府民政部门应当决定减发或者停发其
  本人的最低生活保障金。"  A covered member with labour capacity whose
  :class:`WorkRefusal` reaches ``assistance.dibao.work_refusal.refusals``
  (within ``window_months`` where a province sets one: 浙江 "在六个月内")
  loses ``share_withheld`` of their own share: the payment divided by the
  members covered, plus their own top-up.
* **Phase-out (渐退期), art. 33** — "对就业后家庭人均收入超过当地最低生活保障
  标准的最低生活保障家庭，县级人民政府民政部门可以给予一定时间的渐退期。"  A
  household that received 低保 (:class:`PreviousDibao`) and now fails only
  the income test, because a member found work, keeps a payment for
  ``assistance.dibao.phase_out.months`` months from the month its income rose
  (the 2022 notice: "原则上不超过6个月"): the previous amount, or, where
  ``declining`` holds, ``previous × (N − k + 1) / N`` in month ``k`` of ``N``.

Amounts are exact and rounded once per line, half up to the fen.

Note the cliff the 渐退期 makes, by design: a household just above the standard
during its phase-out may be paid more (its previous amount) than one just below
it (a small difference).  More income never raises the amount otherwise: top-ups
do not depend on income, and a refusing member loses a share of their own part.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

import attrs

from civaffairs.assistance import dibao
from civaffairs.assistance.laws import DIBAO_REVIEW_MEASURES, SOCIAL_ASSISTANCE_MEASURES
from civaffairs.decisions import (
    Amount,
    AmountLine,
    Citation,
    Decision,
    Outcome,
    PayablePeriod,
    Period,
    Reason,
    ReasonCode,
    first_of_month,
)
from civaffairs.entities import Household, Member, Person, WorkCapacity
from civaffairs.errors import InvalidInputError
from civaffairs.kernels import div_round_half_up, fraction
from civaffairs.money import YuanInput, fen_to_yuan, format_yuan, yuan, yuan_to_fen
from civaffairs.parameters import ParameterBook, ParameterValue, default_book

__all__ = [
    "ADULT_AGE",
    "DibaoRequest",
    "PreviousDibao",
    "WorkRefusal",
    "assess",
    "phase_out_amount",
    "top_up_share",
    "withheld_amount",
]

#: 《民法典》 art. 17: "不满十八周岁的自然人为未成年人".
ADULT_AGE = 18

#: The State Council's measures say it first (2014-05-01); 57号 arts. 27 and 34 restate them.
_ART_27 = Citation(SOCIAL_ASSISTANCE_MEASURES, "第十二条第二款")
_ART_33 = Citation(DIBAO_REVIEW_MEASURES, "第三十三条")
_ART_34 = Citation(SOCIAL_ASSISTANCE_MEASURES, "第四十五条")

R_TOP_UP = ReasonCode.define(
    "assistance.dibao.top_up",
    "分类施保: {persons}; 增发合计 {total} 元",
    "top-ups for special members: {persons_en}; {total} yuan in all",
    _ART_27,
)
R_WORK_REFUSAL = ReasonCode.define(
    "assistance.dibao.work_refusal",
    "{person} 无正当理由连续 {count} 次拒绝接受介绍的工作(达到 {limit} 次{window}), "
    "减发其本人低保金 {share}: {withheld} 元",
    "{person} refused suitable work {count} times in a row without good reason (limit {limit}"
    "{window_en}); {share} of their own dibao is withheld: {withheld} yuan",
    _ART_34,
)
R_WORK_REFUSAL_NOT_APPLIED = ReasonCode.define(
    "assistance.dibao.work_refusal_not_applied",
    "{person} 拒绝接受介绍的工作 {count} 次: {why}, 不减发",
    "{person} refused suitable work {count} times: {why_en}; nothing is withheld",
    _ART_34,
)
R_WORK_REFUSAL_UNKNOWN = ReasonCode.define(
    "assistance.dibao.work_refusal_unknown",
    "{person} 连续拒绝接受介绍的工作 {count} 次, 但{what}尚未确定, 无法决定是否减发"
    " (缺少: {paths})",
    "{person} refused suitable work {count} times in a row, but {what_en} is not established; "
    "whether to withhold cannot be decided (missing: {paths})",
    _ART_34,
)
R_PHASE_OUT = ReasonCode.define(
    "assistance.dibao.phase_out",
    "就业后家庭人均收入超过低保标准, 自 {start} 起给予渐退期 {months} 个月; 本月为第 {month} 个月, "
    "发放 {amount} 元 (原低保金 {previous} 元{rule})",
    "income rose above the standard after a member found work: a phase-out of {months} months "
    "from {start}; this is month {month}, paying {amount} yuan (previously {previous} yuan"
    "{rule_en})",
    _ART_33,
)
R_PHASE_OUT_NONE = ReasonCode.define(
    "assistance.dibao.phase_out_none",
    "原为低保家庭, 收入超过低保标准, 不给予渐退: {why}",
    "previously a dibao household whose income is now above the standard; no phase-out: {why_en}",
    _ART_33,
)
R_PHASE_OUT_UNKNOWN = ReasonCode.define(
    "assistance.dibao.phase_out_unknown",
    "原为低保家庭, 收入超过低保标准; 收入增加是否因家庭成员就业尚未确定, 而这决定是否给予渐退期",
    "previously a dibao household whose income is now above the standard; whether the rise came "
    "from a member finding work decides the phase-out and is not established",
    _ART_33,
)


# -- facts -----------------------------------------------------------------------------------


def _first_of_month(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime) or value.day != 1:
        raise InvalidInputError(
            f"$.{attribute.name}", value, "the first day of a month (YYYY-MM-01)"
        )


def _optional_bool(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, bool):
        raise InvalidInputError(f"$.{attribute.name}", value, "true, false or null (unknown)")


def _previous_amount(value: YuanInput) -> Decimal:
    return yuan(value, path="$.monthly_amount")


@attrs.frozen
class PreviousDibao:
    """The household's 低保 before its income rose above the standard (57号 art. 33).

    ``monthly_amount`` is the monthly payment it received; ``income_above_from``
    the first month (its first day) in which its per-capita income was above
    the standard; ``after_employment`` whether the rise came from a member
    finding work (就业后), ``None`` while not established.

    .. versionadded:: 0.1.0
    """

    monthly_amount: Decimal = attrs.field(converter=_previous_amount)
    income_above_from: dt.date = attrs.field(validator=_first_of_month)
    after_employment: bool | None = attrs.field(default=None, validator=_optional_bool)


def _non_negative(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidInputError(f"$.{attribute.name}", value, "a whole number, 0 or more")


def _optional_months(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidInputError(f"$.{attribute.name}", value, "a number of months, 1 or more")


def _member_id(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError(f"$.{attribute.name}", value, "a member id")


@attrs.frozen
class WorkRefusal:
    """A member's refusals of suitable work introduced to them (57号 art. 34).

    ``consecutive_refusals`` counts the consecutive refusals *without good
    reason* of work suited to the member's health and labour capacity;
    ``within_months`` is the number of months they fell within (needed where a
    province sets a window, 浙江 "在六个月内"), ``None`` while not established.

    .. versionadded:: 0.1.0
    """

    member: str = attrs.field(validator=_member_id)
    consecutive_refusals: int = attrs.field(validator=_non_negative)
    within_months: int | None = attrs.field(default=None, validator=_optional_months)


def _decisions(value: Iterable[Decision]) -> tuple[Decision, ...]:
    return tuple(value)


def _refusals(value: Iterable[WorkRefusal]) -> tuple[WorkRefusal, ...]:
    return tuple(value)


@attrs.frozen
class DibaoRequest:
    """A 低保 household with the facts of 57号 arts. 33–34: previous 低保 and work refusals.

    Each refusal names a member of ``household``, at most once.  ``extreme_poverty``
    holds the members' 特困 decisions (as for :func:`civaffairs.assistance.dibao.assess`):
    a member supported as 特困 is left out of the 低保 household — not counted, not
    topped up, not part of a refusing member's share (no double coverage,
    ``assistance.dibao.members.exclude_extreme_poverty``).

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 ``extreme_poverty``.
    """

    household: Household
    previous: PreviousDibao | None = None
    work_refusals: tuple[WorkRefusal, ...] = attrs.field(default=(), converter=_refusals)
    extreme_poverty: tuple[Decision, ...] = attrs.field(default=(), converter=_decisions)

    def __attrs_post_init__(self) -> None:
        ids = {member.person.id for member in self.household.members}
        seen: set[str] = set()
        for index, refusal in enumerate(self.work_refusals):
            path = f"$.work_refusals[{index}].member"
            if refusal.member not in ids:
                raise InvalidInputError(path, refusal.member, f"the id of a member ({sorted(ids)})")
            if refusal.member in seen:
                raise InvalidInputError(path, refusal.member, "one refusal record per member")
            seen.add(refusal.member)


# -- the arithmetic, exact ---------------------------------------------------------------------


def top_up_share(shares: Sequence[Decimal], *, highest_only: bool) -> Decimal:
    """Return the share of the standard a member's top-up categories give (57号 art. 27).

    ``highest_only`` (就高不叠加): the largest share; otherwise their sum.

    >>> top_up_share([Decimal("0.1"), Decimal("0.3")], highest_only=True)
    Decimal('0.3')

    .. versionadded:: 0.1.0
    """
    if not shares:
        return Decimal(0)
    return max(shares) if highest_only else sum(shares, Decimal(0))


def withheld_amount(payment: int, own_top_up: int, covered: int, share: Decimal) -> int:
    """Return the fen withheld from a refusing member (57号 art. 34): share × their own part.

    Their own part is ``payment`` (fen, before top-ups) divided by the
    ``covered`` members, plus their own top-up; the product is rounded once.

    >>> withheld_amount(100000, 0, 3, Decimal(1))
    33333

    .. versionadded:: 0.1.0
    """
    num, den = fraction(share)
    return int(div_round_half_up(num * (payment + own_top_up * covered), den * covered))


def phase_out_amount(previous: int, month: int, months: int, *, declining: bool) -> int:
    """Return the fen paid in month ``month`` (1-based) of an ``months``-month 渐退期.

    The previous payment (``previous``, fen), or where ``declining`` holds
    ``previous × (months − month + 1) / months``, rounded half up.

    >>> [phase_out_amount(60000, k, 3, declining=True) for k in (1, 2, 3)]
    [60000, 40000, 20000]

    .. versionadded:: 0.1.0
    """
    if not 1 <= month <= months:
        raise ValueError(f"month {month} is outside a phase-out of {months} months")
    if not declining:
        return previous
    return int(div_round_half_up(previous * (months - month + 1), months))


def _months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from ``start``'s month to ``end``'s month (0 for the same month)."""
    return (end.year - start.year) * 12 + end.month - start.month


def _add_months(month: dt.date, count: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + count
    return dt.date(index // 12, index % 12 + 1, 1)


# -- the decision ------------------------------------------------------------------------------


def assess(
    request: DibaoRequest,
    on: dt.date,
    *,
    jurisdiction: str | None = None,
    book: ParameterBook | None = None,
) -> Decision:
    """Decide 低保 for the month of ``on`` with top-ups, work refusals and the 渐退期.

    Starts from :func:`civaffairs.assistance.dibao.assess` (same
    ``jurisdiction`` and ``book``), then applies 57号 art. 27 and art. 34 to an
    eligible household, or art. 33 to a previous 低保 household that now fails
    only the income test.

    .. versionadded:: 0.1.0
    """
    book = book or default_book()
    household = request.household
    evaluation = dibao.evaluate(
        household,
        on,
        jurisdiction=jurisdiction,
        book=book,
        extreme_poverty=request.extreme_poverty,
    )
    base = evaluation.decision
    where = jurisdiction or household.applicant.person.registration.jurisdiction
    if base.outcome is Outcome.ELIGIBLE and base.amount is not None:
        return _adjust_payment(request, evaluation, on, where=where, book=book)
    if base.outcome is Outcome.NOT_ELIGIBLE and request.previous is not None:
        return _phase_out(request.previous, base, on, where=where, book=book)
    return base


def _covered(household: Household, evaluation: dibao.Evaluation) -> list[tuple[int, Member]]:
    """Return the members the base payment covers: those covered alone, else the counted family.

    Read by member id from :func:`civaffairs.assistance.dibao.evaluate`, so a member
    left out as 特困 is never covered here.
    """
    ids = {member for member, _ in evaluation.alone} or set(evaluation.counted)
    return [(i, m) for i, m in enumerate(household.members) if m.person.id in ids]


def _shown(person: Person) -> str:
    """How decisions name a person: its ``label`` (id and masked form) where the entity has one."""
    label = getattr(person, "label", None)
    return label if isinstance(label, str) else person.masked


def _top_ups(
    covered: list[tuple[int, Member]],
    standard: int,
    *,
    on: dt.date,
    where: str,
    book: ParameterBook,
) -> tuple[dict[str, int], list[AmountLine], Reason | None]:
    """Each covered member's top-up in fen (57号 art. 27), its lines and its reason."""
    used: dict[str, ParameterValue] = {}

    def share_of(name: str) -> Decimal:
        value, found = book.rate(f"assistance.dibao.top_up.{name}", where, on)
        used[name] = found
        return value

    elderly_age: int | None = None
    amounts: dict[str, int] = {}
    lines: list[AmountLine] = []
    described: list[tuple[str, str]] = []
    for _, member in covered:
        person = member.person
        age = person.age_on(on)
        categories: list[tuple[str, str, str]] = []
        if elderly_age is None:
            elderly_age, found = book.count("assistance.dibao.top_up.elderly_age", where, on)
            used["elderly_age"] = found
        if age >= elderly_age:
            categories.append(("elderly", "老年人", "elderly"))
        if age < ADULT_AGE:
            categories.append(("minor", "未成年人", "minor"))
        if person.disability is not None and person.disability.is_severe:
            categories.append(("severe_disability", "重度残疾人", "severely disabled"))
        if person.serious_illness:
            categories.append(("serious_illness", "重病患者", "seriously ill"))
        if not categories:
            continue
        shares = [share_of(key) for key, _, _ in categories]
        highest, found = book.flag("assistance.dibao.top_up.highest_only", where, on)
        used["highest_only"] = found
        share = top_up_share(shares, highest_only=highest)
        num, den = fraction(share)
        amount = int(div_round_half_up(standard * num, den))
        if not amount:
            continue
        amounts[person.id] = amount
        zh = "、".join(z for _, z, _ in categories)
        en = ", ".join(e for _, _, e in categories)
        lines.append(
            AmountLine(
                "top_up",
                f"分类施保 {_shown(person)} ({zh})",
                f"top-up: {_shown(person)} ({en})",
                fen_to_yuan(amount),
            )
        )
        described.append(
            (
                f"{_shown(person)} ({zh}) {format_yuan(fen_to_yuan(amount), 'exact')} 元",
                f"{_shown(person)} ({en}) {format_yuan(fen_to_yuan(amount), 'exact')} yuan",
            )
        )
    if not lines:
        return amounts, lines, None
    reason = R_TOP_UP.reason(
        None,
        used.values(),
        persons="; ".join(z for z, _ in described),
        persons_en="; ".join(e for _, e in described),
        total=format_yuan(fen_to_yuan(sum(amounts.values())), "exact"),
    )
    return amounts, lines, reason


def _adjust_payment(
    request: DibaoRequest,
    evaluation: dibao.Evaluation,
    on: dt.date,
    *,
    where: str,
    book: ParameterBook,
) -> Decision:
    """Apply top-ups (art. 27) and withhold for refused work (art. 34) on an eligible decision."""
    base = evaluation.decision
    assert base.amount is not None  # noqa: S101 - checked by the caller
    household = request.household
    covered = _covered(household, evaluation)
    kind = household.applicant.person.registration.kind.value
    standard_yuan, _ = book.money(f"assistance.dibao.standard.{kind}", where, on)
    standard = yuan_to_fen(standard_yuan)
    payment = yuan_to_fen(base.amount.total)
    alone = dict(evaluation.alone)

    tops, lines, top_reason = _top_ups(covered, standard, on=on, where=where, book=book)
    reasons = list(base.reasons)
    if top_reason is not None:
        reasons.append(top_reason)

    withheld_lines: list[AmountLine] = []
    missing: list[str] = []
    index_of = {m.person.id: i for i, m in enumerate(household.members)}
    covered_ids = {m.person.id for _, m in covered}
    for position, refusal in enumerate(request.work_refusals):
        if refusal.member not in covered_ids:
            continue
        member = household.member(refusal.member)
        verdict = _refusal(
            refusal,
            member,
            position=position,
            member_index=index_of[refusal.member],
            on=on,
            where=where,
            book=book,
        )
        if verdict.reason is not None:
            missing.extend(verdict.missing)
            reasons.append(verdict.reason)
            continue
        own_top = tops.get(member.person.id, 0)
        if alone:
            fen = withheld_amount(alone[member.person.id], own_top, 1, verdict.share)
        else:
            fen = withheld_amount(payment, own_top, len(covered), verdict.share)
        line, reason = _withheld(member.person, refusal, verdict, fen)
        withheld_lines.append(line)
        reasons.append(reason)
    if missing:
        return attrs.evolve(
            base,
            outcome=Outcome.CANNOT_DECIDE,
            amount=None,
            payable=None,
            reasons=tuple(reasons),
            missing=tuple(missing),
        )
    if not lines and not withheld_lines:
        return attrs.evolve(base, reasons=tuple(reasons))
    total = base.amount.total + sum((line.amount for line in (*lines, *withheld_lines)), Decimal(0))
    amount = Amount(total, Period.MONTHLY, (*base.amount.lines, *lines, *withheld_lines))
    return attrs.evolve(base, amount=amount, reasons=tuple(reasons))


def _withheld(
    person: Person, refusal: WorkRefusal, verdict: _Verdict, fen: int
) -> tuple[AmountLine, Reason]:
    """Art. 34: the line withholding ``fen`` from a refusing member, and the reason for it."""
    masked = _shown(person)
    window = verdict.window
    line = AmountLine(
        "work_refusal", f"减发 {masked} 本人低保金", f"withheld from {masked}", -fen_to_yuan(fen)
    )
    reason = R_WORK_REFUSAL.reason(
        False,
        verdict.used,
        person=masked,
        count=str(refusal.consecutive_refusals),
        limit=str(verdict.limit),
        window=f", {window} 个月内" if window else "",
        window_en=f", within {window} months" if window else "",
        share=f"{verdict.share:%}",
        withheld=format_yuan(fen_to_yuan(fen), "exact"),
    )
    return line, reason


@attrs.frozen
class _Verdict:
    """What art. 34 does for one refusal record.

    Either ``reason`` explains why nothing is withheld (with ``missing`` paths
    when a fact decides it), or ``share`` of the member's own part is withheld
    under the limit and window read (``used``).
    """

    reason: Reason | None = None
    missing: tuple[str, ...] = ()
    share: Decimal = Decimal(0)
    used: tuple[ParameterValue, ...] = ()
    limit: int = 0
    window: int = 0


def _refusal(
    refusal: WorkRefusal,
    member: Member,
    *,
    position: int,
    member_index: int,
    on: dt.date,
    where: str,
    book: ParameterBook,
) -> _Verdict:
    """Whether art. 34 withholds from this member (see :class:`_Verdict`)."""
    person = member.person
    count = str(refusal.consecutive_refusals)
    limit, limit_used = book.count("assistance.dibao.work_refusal.refusals", where, on)

    def not_applied(why: str, why_en: str) -> _Verdict:
        return _Verdict(
            R_WORK_REFUSAL_NOT_APPLIED.reason(
                True, (limit_used,), person=_shown(person), count=count, why=why, why_en=why_en
            )
        )

    if refusal.consecutive_refusals < limit:
        return not_applied(f"未达到连续 {limit} 次", f"fewer than {limit} in a row")
    window, window_used = book.count("assistance.dibao.work_refusal.window_months", where, on)
    missing: list[str] = []
    what: list[tuple[str, str]] = []
    if person.work_capacity is None:
        missing.append(f"$.household.members[{member_index}].person.work_capacity")
        what.append(("劳动能力", "labour capacity"))
    elif person.work_capacity is WorkCapacity.NONE:
        return not_applied("本人无劳动能力", "the member has no labour capacity")
    if window and refusal.within_months is None:
        missing.append(f"$.work_refusals[{position}].within_months")
        what.append((f"拒绝是否在 {window} 个月内", f"whether they fell within {window} months"))
    if missing:
        unknown = R_WORK_REFUSAL_UNKNOWN.reason(
            None,
            (limit_used, window_used),
            person=_shown(person),
            count=count,
            what="、".join(z for z, _ in what),
            what_en=" and ".join(e for _, e in what),
            paths=", ".join(missing),
        )
        return _Verdict(unknown, tuple(missing))
    if window and refusal.within_months is not None and refusal.within_months > window:
        return _Verdict(
            R_WORK_REFUSAL_NOT_APPLIED.reason(
                True,
                (limit_used, window_used),
                person=_shown(person),
                count=count,
                why=f"拒绝跨越 {refusal.within_months} 个月, 超过 {window} 个月",
                why_en=(
                    f"the refusals spread over {refusal.within_months} months, more than {window}"
                ),
            )
        )
    share, share_used = book.rate("assistance.dibao.work_refusal.share_withheld", where, on)
    return _Verdict(
        share=share, used=(limit_used, window_used, share_used), limit=limit, window=window
    )


#: Reasons a household may fail and still be granted a 渐退期: the income test, and the
#: single-person stage that follows it (57号 art. 33 speaks only of income above the standard).
_INCOME_ONLY = frozenset(
    code.code
    for code in (
        dibao.R_INCOME_NOT_BELOW,
        dibao.R_SINGLE_PERSON,
        dibao.R_MARGINAL_PROPERTY,
        dibao.R_SINGLE_PERSON_UNKNOWN,
        dibao.R_SINGLE_PERSON_NONE,
    )
)


def _no_phase_out(
    *, after_employment: bool, start: dt.date, months: int, month: int
) -> tuple[str, str] | None:
    """Say why no 渐退期 applies (zh, en), or ``None`` when month ``month`` of it does."""
    if not after_employment:
        return ("收入增加并非因家庭成员就业", "the rise did not come from a member finding work")
    if months == 0:
        return ("当地未规定渐退期", "no phase-out period is set here")
    if month < 1:
        return (
            f"所问月份早于收入超过标准的月份 {start:%Y-%m}",
            f"the month asked is before income rose ({start:%Y-%m})",
        )
    if month > months:
        return (
            f"渐退期 {months} 个月已于 {_add_months(start, months - 1):%Y-%m} 结束",
            f"the {months}-month phase-out ended in {_add_months(start, months - 1):%Y-%m}",
        )
    return None


def _phase_out(
    previous: PreviousDibao, base: Decision, on: dt.date, *, where: str, book: ParameterBook
) -> Decision:
    """Apply the 渐退期 (57号 art. 33) to a previous 低保 household now above the standard."""
    failed = [r.code for r in base.reasons if r.met is False]
    if "assistance.dibao.income_not_below_standard" not in failed or not all(
        code in _INCOME_ONLY for code in failed
    ):
        return base
    # Art. 33 says "超过" (strictly above): income exactly at the standard (not below it, so
    # no 低保, but not above it either) gets no 渐退期.  Compared exactly, as income against
    # standard × members, from the income reason's facts.
    test = next(r for r in base.reasons if r.code == "assistance.dibao.income_not_below_standard")
    facts = dict(test.facts)
    if Decimal(facts["income"]) <= Decimal(facts["threshold"]):
        none = R_PHASE_OUT_NONE.reason(
            False,
            why="家庭人均收入等于而未超过低保标准",
            why_en="per-capita income equals the standard and is not above it",
        )
        return attrs.evolve(base, reasons=(*base.reasons, none))
    reasons = list(base.reasons)
    if previous.after_employment is None:
        reasons.append(R_PHASE_OUT_UNKNOWN.reason(None))
        return attrs.evolve(
            base,
            outcome=Outcome.CANNOT_DECIDE,
            reasons=tuple(reasons),
            missing=("$.previous.after_employment",),
        )
    start = previous.income_above_from
    months, months_used = book.count("assistance.dibao.phase_out.months", where, start)
    month = _months_between(start, first_of_month(on)) + 1
    why = _no_phase_out(
        after_employment=previous.after_employment, start=start, months=months, month=month
    )
    if why is not None:
        reasons.append(R_PHASE_OUT_NONE.reason(False, (months_used,), why=why[0], why_en=why[1]))
        return attrs.evolve(base, reasons=tuple(reasons))
    declining, declining_used = book.flag("assistance.dibao.phase_out.declining", where, start)
    previous_fen = yuan_to_fen(previous.monthly_amount)
    fen = phase_out_amount(previous_fen, month, months, declining=declining)
    total = fen_to_yuan(fen)
    used = (months_used, declining_used)
    reasons.append(
        R_PHASE_OUT.reason(
            True,
            used,
            start=f"{start:%Y-%m}",
            months=str(months),
            month=str(month),
            amount=format_yuan(total, "exact"),
            previous=format_yuan(previous.monthly_amount, "exact"),
            rule=", 逐月等额递减" if declining else ", 按原额",
            rule_en=", declining in equal steps" if declining else ", kept",
        )
    )
    line = AmountLine(
        "phase_out",
        f"渐退期第 {month}/{months} 个月",
        f"phase-out month {month} of {months}",
        total,
    )
    # The length's own source (57号, or the 2022 notice's 6-month cap) is in ``parameters``.
    payable = PayablePeriod(start, _ART_33, parameters=used).through(
        _add_months(start, months - 1), _ART_33
    )
    return attrs.evolve(
        base,
        outcome=Outcome.ELIGIBLE,
        amount=Amount(total, Period.MONTHLY, (line,)),
        reasons=tuple(reasons),
        payable=payable,
    )
