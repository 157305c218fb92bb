"""The 特困 rule for one person: the conditions in order, the amount, the payable months.

See :mod:`civaffairs.assistance.extreme_poverty` for the rule as a whole.  Here:
registration (认定办法 art. 10: "由本人向户籍所在地乡镇人民政府（街道办事处）提出书面申请";
社会救助暂行办法 art. 16), the statuses that end support (art. 24 (一), (三)), the
orphan's choice (art. 9: "同时符合特困人员救助供养条件和孤儿、事实无人抚养儿童认定条件的
未成年人，选择申请纳入孤儿、事实无人抚养儿童基本生活保障范围的，不再认定为特困人员"), the
payable months (art. 17: "从确认之日下月起给予救助供养待遇"; art. 24 "至18周岁" and art. 26
"从下月起终止救助供养"), and the order the parts are applied in: labour capacity
(:mod:`~civaffairs.assistance.extreme_poverty.work_capacity`), means
(:mod:`~civaffairs.assistance.extreme_poverty.living`), supporters
(:mod:`~civaffairs.assistance.extreme_poverty.supporters`) and amount
(:mod:`~civaffairs.assistance.extreme_poverty.care`).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from civaffairs.assistance._tally import Applicant, Tally, each_member, of_application
from civaffairs.assistance.extreme_poverty import living
from civaffairs.assistance.extreme_poverty._shared import ART_4, ART_24, MAJORITY_AGE, Place
from civaffairs.assistance.extreme_poverty.care import R_AMOUNT_FACTS_MISSING, amount
from civaffairs.assistance.extreme_poverty.facts import (
    ExtremePovertyApplication,
    ExtremePovertyFacts,
)
from civaffairs.assistance.extreme_poverty.supporters import supporters
from civaffairs.assistance.extreme_poverty.work_capacity import no_work_capacity
from civaffairs.assistance.laws import EXTREME_POVERTY_MEASURES
from civaffairs.dates import anniversary
from civaffairs.decisions import (
    Citation,
    Decision,
    Outcome,
    PayablePeriod,
    ReasonCode,
    first_of_month,
    programme,
)
from civaffairs.entities import Household, Person, SpecialStatus
from civaffairs.errors import InvalidInputError
from civaffairs.parameters import ParameterBook

__all__ = ["PROGRAMME", "assess", "assess_application", "assess_person", "meets_conditions"]

PROGRAMME = programme("assistance.extreme_poverty")

#: Statuses that end support: 认定办法 art. 24 (一) 被宣告失踪, (三) 依法被判处刑罚，且在监狱服刑.
_ENDING_STATUSES = (SpecialStatus.SERVING_SENTENCE, SpecialStatus.DECLARED_MISSING)

_ART_9 = Citation(EXTREME_POVERTY_MEASURES, "第九条")
_ART_10 = Citation(EXTREME_POVERTY_MEASURES, "第十条")
_ART_17 = Citation(EXTREME_POVERTY_MEASURES, "第十七条")
_ART_24_26 = Citation(EXTREME_POVERTY_MEASURES, "第二十四条第二款、第二十六条")

R_REGISTRATION = ReasonCode.define(
    "assistance.extreme_poverty.registration",
    "户籍在{place}({code}),属受理地{where}",
    "household registration in {place} ({code}), within {where}",
    _ART_10,
)
R_REGISTRATION_ELSEWHERE = ReasonCode.define(
    "assistance.extreme_poverty.registration_elsewhere",
    "户籍在{place}({code}),不在受理地{where}",
    "household registration in {place} ({code}), not within {where}",
    _ART_10,
)
R_STATUS = ReasonCode.define(
    "assistance.extreme_poverty.status_excludes",
    "本人{status},不予救助供养",
    "the person is {status_en}, which ends support",
    ART_24,
)
R_CHILD_ALLOWANCE = ReasonCode.define(
    "assistance.extreme_poverty.child_allowance",
    "{state}",
    "{state_en}",
    _ART_9,
)
R_PAYABLE_UNTIL = ReasonCode.define(
    "assistance.extreme_poverty.payable_until",
    "未成年人救助供养至{until}周岁({birthday}),未登记为在校学生,从下月起终止: 发放至{last}",
    "a minor is supported until {until} ({birthday}) and is not recorded as a student; support "
    "stops from the next month: payable through {last}",
    _ART_24_26,
)
R_MISSING = ReasonCode.define(
    "assistance.extreme_poverty.missing_facts",
    "缺少判定所需事实: {paths}",
    "facts needed for the decision are missing: {paths}",
    ART_4,
)


def assess_person(
    household: Household,
    person_id: str,
    on: dt.date,
    *,
    jurisdiction: str | None = None,
    book: ParameterBook | None = None,
    facts: ExtremePovertyFacts | None = None,
) -> Decision:
    """Decide whether the member ``person_id`` is supported as 特困, and the monthly amount.

    ``jurisdiction`` is where the application is decided (by default the
    person's place of registration); ``facts`` are the facts beyond the
    household (all unknown by default).  See the module docstring for the
    rule; the decision's amount has the lines ``basic_living`` and ``care``.  A supporter
    naming ``person_id`` as its member raises
    :class:`~civaffairs.errors.InvalidInputError` (``$.facts.supporters[i].member``).

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 a supporter who is the person assessed is refused.
    """
    facts = facts if facts is not None else ExtremePovertyFacts()
    case = Applicant.of(household, person_id, jurisdiction, book)
    _check_supporters(household, facts, person_id, on)
    person, where, subject, book = case.person, case.where, case.subject, case.book
    tally = Tally()
    if not case.registered(tally, within=R_REGISTRATION, elsewhere=R_REGISTRATION_ELSEWHERE):
        return tally.decision(PROGRAMME.code, subject, on, where, person=person_id)
    for status in _ENDING_STATUSES:
        if status in person.statuses:
            tally.add(R_STATUS.reason(False, status=status.zh, status_en=status.en))
    place = Place(book, where, on)
    capable, until = no_work_capacity(tally, person, facts, place=place)
    if capable is not False and person.age_on(on) < MAJORITY_AGE:
        _child_allowance(tally, facts)
    living.no_source_of_living(tally, household, person, place=place)
    supporters(tally, household, facts, place=place)
    if tally.outcome is not Outcome.ELIGIBLE:
        if tally.outcome is Outcome.CANNOT_DECIDE:
            tally.add(R_MISSING.reason(None, paths=", ".join(tally.missing)))
        return tally.decision(PROGRAMME.code, subject, on, where, person=person_id)
    monthly = amount(tally, person, facts, place=place)
    if monthly is None:
        return tally.decision(PROGRAMME.code, subject, on, where, person=person_id)
    payable = _payable(tally, person, on, until)
    return tally.decision(
        PROGRAMME.code, subject, on, where, monthly, person=person_id, payable=payable
    )


def _check_supporters(
    household: Household, facts: ExtremePovertyFacts, person_id: str, on: dt.date
) -> None:
    """Refuse supporters that cannot be (art. 4 (三) 法定义务人: other persons, alive by ``on``).

    A supporter naming the person assessed (nobody is their own 法定义务人) or naming no
    member of the household, or born after ``on`` (the date withheld: personal data).
    Checked before anything is decided, so bad input is refused whatever the outcome (as a
    bad cell is in columns), not only where the supporters are reached.
    """
    ids = {m.person.id for m in household.members}
    for index, supporter in enumerate(facts.supporters or ()):
        path = f"$.facts.supporters[{index}]"
        if supporter.member == person_id:
            raise InvalidInputError(
                f"{path}.member",
                supporter.member,
                "the id of another member of the household (not the person assessed)",
            )
        if supporter.member is not None and supporter.member not in ids:
            raise InvalidInputError(
                f"{path}.member", supporter.member, "the id of a member of the household"
            )
        if supporter.birth_date is not None and supporter.birth_date > on:
            raise InvalidInputError(
                f"{path}.birth_date",
                "(a birth date, withheld)",
                f"a date on or before {on.isoformat()}",
            )


def _payable(tally: Tally, person: Person, on: dt.date, until: int | None) -> PayablePeriod:
    """Return the payable months of an eligible decision.

    From the month after the decision (art. 17), and for a minor supported on
    age alone and not recorded as a student, through the month of reaching
    ``until`` (art. 24 "至18周岁"; art. 26 "从下月起终止").

    When that birthday falls in the decision's own month no end is set: the
    termination decision (art. 26) fixes it.
    """
    payable = PayablePeriod.from_month_after(on, _ART_17)
    if until is None or SpecialStatus.FULL_TIME_STUDENT in person.statuses:
        return payable
    birthday = anniversary(person.birth_date, person.birth_date.year + until)
    last = first_of_month(birthday)
    if last < payable.first_month:
        return payable
    tally.add(
        R_PAYABLE_UNTIL.reason(
            None,
            until=str(until),
            birthday=birthday.isoformat(),
            last=last.strftime("%Y-%m"),
        )
    )
    return payable.through(last, _ART_24_26)


def _child_allowance(tally: Tally, facts: ExtremePovertyFacts) -> None:
    """Exclude a minor placed under the orphan / 事实无人抚养 allowance (art. 9)."""
    placed = facts.child_allowance
    if placed is None:
        tally.add(
            R_CHILD_ALLOWANCE.reason(
                None,
                state="是否纳入孤儿或事实无人抚养儿童基本生活保障尚未确定",
                state_en="whether the minor is placed under the orphan or 事实无人抚养 "
                "allowance is not established",
            ),
            ["$.facts.child_allowance"],
        )
    elif placed:
        tally.add(
            R_CHILD_ALLOWANCE.reason(
                False,
                state="已纳入孤儿或事实无人抚养儿童基本生活保障,不再认定为特困人员",
                state_en="placed under the orphan or 事实无人抚养 allowance, so not recognised "
                "as 特困",
            )
        )
    else:
        tally.add(
            R_CHILD_ALLOWANCE.reason(
                True,
                state="未纳入孤儿或事实无人抚养儿童基本生活保障",
                state_en="not placed under the orphan or 事实无人抚养 allowance",
            )
        )


def assess(
    household: Household,
    on: dt.date,
    *,
    jurisdiction: str | None = None,
    book: ParameterBook | None = None,
    facts: Mapping[str, ExtremePovertyFacts] | None = None,
) -> tuple[Decision, ...]:
    """Decide 特困 for every member of ``household``, in member order.

    ``facts`` maps member ids to their :class:`ExtremePovertyFacts`; members
    left out have none established.

    .. versionadded:: 0.1.0
    """
    return each_member(
        assess_person, household, on, jurisdiction=jurisdiction, book=book, facts=facts
    )


def assess_application(
    application: ExtremePovertyApplication,
    on: dt.date,
    *,
    jurisdiction: str | None = None,
    book: ParameterBook | None = None,
) -> Decision:
    """Decide one :class:`ExtremePovertyApplication` (see :func:`assess_person`).

    .. versionadded:: 0.1.0
    """
    return of_application(assess_person, application, on, jurisdiction=jurisdiction, book=book)


def meets_conditions(decision: Decision) -> bool | None:
    """Return whether a 特困 decision found the person meets every condition.

    ``True`` when the decision is eligible, or "cannot decide" only because
    the care tier or the support arrangement (needed for the amount, not for
    recognition) is missing; ``False`` when it is not eligible; ``None`` when
    a fact of the conditions themselves is missing.  For composing rules
    (the assistance layer) that need recognition, not the amount.

    .. versionadded:: 0.1.0
    """
    if decision.programme != PROGRAMME.code:
        raise InvalidInputError("decision", decision.programme, f"a {PROGRAMME.code} decision")
    if decision.outcome is Outcome.ELIGIBLE:
        return True
    if decision.outcome is Outcome.NOT_ELIGIBLE:
        return False
    return True if R_AMOUNT_FACTS_MISSING.code in decision.codes else None
