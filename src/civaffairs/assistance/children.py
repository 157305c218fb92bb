"""孤儿 and 事实无人抚养儿童: the basic living allowance for orphans and unsupported children.

Orphans (孤儿, 国办发〔2010〕54号 [number recalled]) and children without
de-facto care (事实无人抚养儿童, 民发〔2019〕62号, from 2020-01-01) receive a
monthly basic living allowance; 事实无人抚养儿童 are paid "by reference to"
(参照) the orphan standard.  For one child on one date:

1. **Registration** — the child is registered (户籍) in the deciding place.
2. **Age** — under 18 (《民法典》 art. 17).  A jurisdiction may keep paying a
   full-time student past 18 (a switch, off nationally; e.g. Chengdu).
3. **Parents** — each parent's situation (:class:`ParentSituation`):

   - an **orphan** has lost both parents or neither can be found: each parent
     is dead, declared dead or missing (失踪, 查找不到);
   - a child is **without de-facto care** when each parent is dead or
     missing, or in one of the listed situations, and at least one is in a
     listed situation — severe disability (重残: grade 1–2, or grade 3–4
     intellectual or mental), serious illness (重病, as listed locally),
     serving a sentence or in custody (服刑在押), compulsory drug
     rehabilitation, another restriction of personal liberty (each for a term
     of six months or more), lost contact (失联) for six months or more,
     guardianship revoked, deported.  The six months is a parameter; "以上"
     includes the number (《民法典》 art. 1259), and lost contact reaches six
     months on the corresponding day, the month's last day standing in for a
     missing one (art. 202, as for ages).  Covered only from 2020-01-01.

   The classification is symmetric in the two parents by construction; a
   parent able to raise the child (``ABLE``) makes it neither.  A parent's
   situation that needs a fact (the disability certificate, the term, the
   date contact was lost) without it is "cannot decide", unless the other
   parent already settles the answer.
4. **Amount** — the standard for the category and the placement: raised in
   a child welfare institution (集中养育) or outside one (社会散居).  Standards
   grow by dated values (重庆's 自然增长机制), never by a formula.

Overlaps decided elsewhere: a child here is not also 特困 (pass the result to
:attr:`civaffairs.assistance.extreme_poverty.ExtremePovertyFacts.child_allowance`)
and receives the disability care subsidy but not the living subsidy
(:attr:`civaffairs.assistance.disability_subsidies.DisabilitySubsidyFacts.child_allowance`).

Paths of missing facts are relative to a :class:`ChildApplication`.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping

import attrs

from civaffairs.assistance._tally import Tally, each_member, of_application, registration_reason
from civaffairs.assistance.laws import CIVIL_CODE, ORPHAN_OPINION, UNSUPPORTED_CHILDREN_OPINION
from civaffairs.dates import add_months
from civaffairs.decisions import (
    Amount,
    AmountLine,
    Citation,
    Decision,
    Outcome,
    Period,
    ReasonCode,
    programme,
)
from civaffairs.entities import (
    Disability,
    DisabilityCategory,
    Household,
    SpecialStatus,
)
from civaffairs.errors import InvalidInputError
from civaffairs.parameters import ParameterBook, ParameterValue, default_book

__all__ = [
    "PROGRAMME",
    "ChildApplication",
    "ChildCategory",
    "ChildFacts",
    "Parent",
    "ParentSituation",
    "Placement",
    "assess",
    "assess_application",
    "assess_person",
    "classify",
]

PROGRAMME = programme(
    "assistance.child_allowance",
    "孤儿和事实无人抚养儿童基本生活保障",
    "basic living allowance for orphans and children without de-facto care",
)

_ADULT_AGE = 18  # 《民法典》 art. 17: 十八周岁以上的自然人为成年人
_SEVERE_GRADE = 2  # 重残: grade 1–2 of any category ...
_SEVERE_GRADE_INTELLECTUAL_MENTAL = 4  # ... or grade 3–4 intellectual or mental

_ORPHAN_DEFINITION = Citation(
    ORPHAN_OPINION,
    "孤儿定义",
    note="失去父母、查找不到生父母的未满18周岁的未成年人 (as restated by local pages)",
)
_UNSUPPORTED_DEFINITION = Citation(
    UNSUPPORTED_CHILDREN_OPINION,
    "一、保障对象",
    note="section recalled; definitions of 重残, 重病, 失联 and the six-month terms as restated "
    "by 粤民规字〔2019〕10号",
)
_STANDARD = Citation(
    UNSUPPORTED_CHILDREN_OPINION,
    "保障标准",
    note="事实无人抚养儿童 参照孤儿基本生活保障标准; orphans: 国办发〔2010〕54号",
)
_AGE = Citation(CIVIL_CODE, "第十七条")
_REGISTRATION = Citation(
    ORPHAN_OPINION, "申请程序", note="向儿童户籍所在地乡镇人民政府(街道办事处)提出申请 [recalled]"
)

R_REGISTRATION = ReasonCode.define(
    "children.registration",
    "户籍在{place}({code}),属受理地{where}",
    "household registration in {place} ({code}), within {where}",
    _REGISTRATION,
)
R_REGISTRATION_ELSEWHERE = ReasonCode.define(
    "children.registration_elsewhere",
    "户籍在{place}({code}),不在受理地{where}",
    "household registration in {place} ({code}), not within {where}",
    _REGISTRATION,
)
R_MINOR = ReasonCode.define(
    "children.minor",
    "{age} 周岁,未满18周岁",
    "aged {age}, under 18",
    _AGE,
)
R_STUDENT = ReasonCode.define(
    "children.student_past_18",
    "{age} 周岁,{state}",
    "aged {age}, {state_en}",
    _ORPHAN_DEFINITION,
)
R_ADULT = ReasonCode.define(
    "children.adult",
    "{age} 周岁,已满18周岁",
    "aged {age}: 18 or older",
    _AGE,
)
R_PARENT = ReasonCode.define(
    "children.parent",
    "{who}: {situation}{detail}",
    "{who_en}: {situation_en}{detail_en}",
    _UNSUPPORTED_DEFINITION,
)
R_ORPHAN = ReasonCode.define(
    "children.orphan",
    "父母均已死亡或失踪(查找不到),属于孤儿",
    "both parents are dead or missing (cannot be found): an orphan",
    _ORPHAN_DEFINITION,
)
R_UNSUPPORTED = ReasonCode.define(
    "children.unsupported",
    "父母双方均属于死亡、失踪或所列情形之一且至少一方属于所列情形,属于事实无人抚养儿童",
    "each parent is dead, missing or in a listed situation, and at least one is in a listed "
    "situation: a child without de-facto care",
    _UNSUPPORTED_DEFINITION,
)
R_UNSUPPORTED_NOT_COVERED = ReasonCode.define(
    "children.unsupported_not_covered",
    "属于事实无人抚养情形,但当日尚未建立事实无人抚养儿童保障",
    "the parents' situations are those of a child without de-facto care, but no allowance "
    "covered such children on that date",
    _UNSUPPORTED_DEFINITION,
)
R_NEITHER = ReasonCode.define(
    "children.neither",
    "父母至少一方能够履行抚养义务(不属于死亡、失踪或所列情形),不属于孤儿或事实无人抚养儿童",
    "at least one parent is not dead, missing or in a listed situation: neither an orphan nor "
    "a child without de-facto care",
    _UNSUPPORTED_DEFINITION,
)
R_MISSING = ReasonCode.define(
    "children.missing_facts",
    "缺少判定所需事实: {paths}",
    "facts needed for the decision are missing: {paths}",
    _UNSUPPORTED_DEFINITION,
)
R_PLACEMENT_UNKNOWN = ReasonCode.define(
    "children.placement_unknown",
    "集中养育或社会散居尚未确定",
    "whether the child is raised in an institution or outside one is not established",
    _STANDARD,
)
R_AMOUNT = ReasonCode.define(
    "children.amount",
    "{category}({placement})基本生活保障标准每月 {amount} 元",
    "the {category_en} allowance ({placement_en}) is {amount} yuan a month",
    _STANDARD,
)


class ParentSituation(enum.Enum):
    """A parent's situation, as the orphan and 事实无人抚养 definitions read it.

    .. versionadded:: 0.1.0
    """

    ABLE = "able"  #: none of the situations below: able to raise the child
    DECEASED = "deceased"  #: 死亡
    DECLARED_DEAD = "declared_dead"  #: 被宣告死亡
    MISSING = "missing"  #: 失踪 (declared missing, or cannot be found: 查找不到)
    #: 重残: grade 1–2, or grade 3–4 intellectual or mental (give ``disability``)
    SEVERE_DISABILITY = "severe_disability"
    SERIOUS_ILLNESS = "serious_illness"  #: 重病, as listed locally
    IN_CUSTODY = "in_custody"  #: 服刑在押 (give ``term_months``)
    #: 强制隔离戒毒 (give ``term_months``)
    COMPULSORY_DRUG_REHABILITATION = "compulsory_drug_rehabilitation"
    #: 被执行其他限制人身自由的措施 (give ``term_months``)
    OTHER_RESTRICTION_OF_LIBERTY = "other_restriction_of_liberty"
    LOST_CONTACT = "lost_contact"  #: 失联: no contact and no care since ``since``
    GUARDIANSHIP_REVOKED = "guardianship_revoked"  #: 被撤销监护资格
    DEPORTED = "deported"  #: 被遣送(驱逐)出境


class Placement(enum.Enum):
    """Where the child is raised.

    .. versionadded:: 0.1.0
    """

    INSTITUTIONAL = "institutional"  #: 集中养育 (in a child welfare institution)
    DISPERSED = "dispersed"  #: 社会散居 (with relatives or others)


class ChildCategory(enum.Enum):
    """What the parents' situations make of a child.

    .. versionadded:: 0.1.0
    """

    ORPHAN = "orphan"  #: 孤儿
    UNSUPPORTED = "unsupported"  #: 事实无人抚养儿童
    NEITHER = "neither"  #: neither


def _term(_instance: object, attribute: attrs.Attribute[int | None], value: int | None) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        raise InvalidInputError(f"$.{attribute.name}", value, "a whole number of months, 0 or more")


@attrs.frozen
class Parent:
    """One parent's situation, with the fact that situation needs.

    ``disability`` is the certificate behind ``SEVERE_DISABILITY``;
    ``term_months`` the length of the sentence, detention or measure behind
    ``IN_CUSTODY``, ``COMPULSORY_DRUG_REHABILITATION`` and
    ``OTHER_RESTRICTION_OF_LIBERTY``; ``since`` the date contact was lost for
    ``LOST_CONTACT``.

    .. versionadded:: 0.1.0
    """

    situation: ParentSituation
    disability: Disability | None = None
    term_months: int | None = attrs.field(default=None, validator=_term)
    since: dt.date | None = None

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.situation, ParentSituation):
            raise InvalidInputError("$.situation", self.situation, "a parent situation")


@attrs.frozen
class ChildFacts:
    """The facts about a child beyond the household: the parents and the placement.

    ``None`` means not established.

    .. versionadded:: 0.1.0
    """

    father: Parent | None = None
    mother: Parent | None = None
    placement: Placement | None = None


@attrs.frozen
class ChildApplication:
    """One child's application as a single value (JSON, policy cases).

    .. versionadded:: 0.1.0
    """

    household: Household
    person: str
    facts: ChildFacts = attrs.field(factory=ChildFacts)


class _Kind(enum.Enum):
    GONE = "gone"  # dead or missing
    LISTED = "listed"  # in one of the listed situations
    NO = "no"  # able, or a listed situation whose conditions are not met
    UNKNOWN = "unknown"


_GONE = frozenset(
    {ParentSituation.DECEASED, ParentSituation.DECLARED_DEAD, ParentSituation.MISSING}
)
_TERMED = frozenset(
    {
        ParentSituation.IN_CUSTODY,
        ParentSituation.COMPULSORY_DRUG_REHABILITATION,
        ParentSituation.OTHER_RESTRICTION_OF_LIBERTY,
    }
)
_SITUATION_LABELS = {
    ParentSituation.ABLE: ("能够履行抚养义务", "able to raise the child"),
    ParentSituation.DECEASED: ("死亡", "dead"),
    ParentSituation.DECLARED_DEAD: ("被宣告死亡", "declared dead"),
    ParentSituation.MISSING: ("失踪(查找不到)", "missing (cannot be found)"),
    ParentSituation.SEVERE_DISABILITY: ("重残", "severely disabled"),
    ParentSituation.SERIOUS_ILLNESS: ("重病", "seriously ill"),
    ParentSituation.IN_CUSTODY: ("服刑在押", "serving a sentence or in custody"),
    ParentSituation.COMPULSORY_DRUG_REHABILITATION: (
        "强制隔离戒毒",
        "in compulsory drug rehabilitation",
    ),
    ParentSituation.OTHER_RESTRICTION_OF_LIBERTY: (
        "被执行其他限制人身自由的措施",
        "under another restriction of liberty",
    ),
    ParentSituation.LOST_CONTACT: ("失联", "out of contact"),
    ParentSituation.GUARDIANSHIP_REVOKED: ("被撤销监护资格", "guardianship revoked"),
    ParentSituation.DEPORTED: ("被遣送(驱逐)出境", "deported"),
}
_PLACEMENT_LABELS = {
    Placement.INSTITUTIONAL: ("集中养育", "raised in an institution"),
    Placement.DISPERSED: ("社会散居", "raised outside institutions"),
}
_CATEGORY_LABELS = {
    ChildCategory.ORPHAN: ("孤儿", "orphan"),
    ChildCategory.UNSUPPORTED: ("事实无人抚养儿童", "child without de-facto care"),
}


@attrs.frozen
class _ParentFinding:
    kind: _Kind
    detail: tuple[str, str] = ("", "")
    missing: tuple[str, ...] = ()
    used_months: bool = False


def _severe(disability: Disability) -> bool:
    """重残 for 事实无人抚养: grade 1–2, or grade 3–4 intellectual or mental."""
    if disability.category in (DisabilityCategory.INTELLECTUAL, DisabilityCategory.MENTAL):
        return disability.grade <= _SEVERE_GRADE_INTELLECTUAL_MENTAL
    return disability.grade <= _SEVERE_GRADE


def _finding(parent: Parent, on: dt.date, min_months: int, path: str) -> _ParentFinding:
    """Sort one parent's situation into gone, listed, no or unknown."""
    situation = parent.situation
    if situation is ParentSituation.ABLE:
        return _ParentFinding(_Kind.NO)
    if situation in _GONE:
        return _ParentFinding(_Kind.GONE)
    if situation is ParentSituation.SEVERE_DISABILITY:
        if parent.disability is None:
            return _ParentFinding(_Kind.UNKNOWN, missing=(f"{path}.disability",))
        grade = parent.disability.grade
        kind = _Kind.LISTED if _severe(parent.disability) else _Kind.NO
        category = parent.disability.category.value
        return _ParentFinding(kind, (f"({category} {grade}级)", f" ({category}, grade {grade})"))
    if situation in _TERMED:
        if parent.term_months is None:
            return _ParentFinding(_Kind.UNKNOWN, missing=(f"{path}.term_months",))
        long_enough = parent.term_months >= min_months
        months = parent.term_months
        zh = f"(期限 {months} 个月,{'' if long_enough else '不足'}{min_months}个月以上)"
        en = f" (term of {months} months, {'at least' if long_enough else 'under'} {min_months})"
        return _ParentFinding(_Kind.LISTED if long_enough else _Kind.NO, (zh, en), used_months=True)
    if situation is ParentSituation.LOST_CONTACT:
        if parent.since is None:
            return _ParentFinding(_Kind.UNKNOWN, missing=(f"{path}.since",))
        reached = add_months(parent.since, min_months)
        long_enough = reached <= on
        since = parent.since.isoformat()
        zh = f"(自 {since} 起,满{min_months}个月之日为 {reached.isoformat()})"
        en = f" (since {since}; {min_months} months are reached on {reached.isoformat()})"
        return _ParentFinding(_Kind.LISTED if long_enough else _Kind.NO, (zh, en), used_months=True)
    return _ParentFinding(_Kind.LISTED)


def _combine(first: _Kind, second: _Kind) -> ChildCategory | None:
    """Classify from the two parents' kinds (symmetric); ``None`` when it cannot be told yet."""
    kinds = {first, second}
    if _Kind.NO in kinds:
        return ChildCategory.NEITHER
    if _Kind.UNKNOWN in kinds:
        return None
    if kinds == {_Kind.GONE}:
        return ChildCategory.ORPHAN
    return ChildCategory.UNSUPPORTED


def classify(
    father: Parent,
    mother: Parent,
    on: dt.date,
    *,
    jurisdiction: str = "000000",
    book: ParameterBook | None = None,
) -> ChildCategory | None:
    """Return what the parents' situations make of a child on ``on``, or ``None`` if unknown.

    Symmetric in ``father`` and ``mother``.  Whether 事实无人抚养儿童 are
    covered on the date is not part of the classification (see
    :func:`assess_person`).

    .. versionadded:: 0.1.0
    """
    book = book or default_book()
    min_months = _min_months(book, jurisdiction, on)[0] if _needs_months(father, mother) else 0
    return _combine(
        _finding(father, on, min_months, "$.father").kind,
        _finding(mother, on, min_months, "$.mother").kind,
    )


def _needs_months(*parents: Parent | None) -> bool:
    return any(
        p is not None and (p.situation in _TERMED or p.situation is ParentSituation.LOST_CONTACT)
        for p in parents
    )


def _min_months(book: ParameterBook, where: str, on: dt.date) -> tuple[int, ParameterValue]:
    return book.count("assistance.children.unsupported.min_months", where, on)


def assess_person(
    household: Household,
    person_id: str,
    on: dt.date,
    *,
    jurisdiction: str | None = None,
    book: ParameterBook | None = None,
    facts: ChildFacts | None = None,
) -> Decision:
    """Decide the orphan / 事实无人抚养 basic living allowance for the member ``person_id``.

    .. versionadded:: 0.1.0
    """
    book = book or default_book()
    facts = facts if facts is not None else ChildFacts()
    person = household.member(person_id).person
    where = jurisdiction or person.registration.jurisdiction
    subject = f"{household.id} ({person.label})"
    tally = Tally()
    if not tally.add(
        registration_reason(
            person, where, within=R_REGISTRATION, elsewhere=R_REGISTRATION_ELSEWHERE
        )
    ).met:
        return tally.decision(PROGRAMME.code, subject, on, where)
    age = person.age_on(on)
    if age < _ADULT_AGE:
        tally.add(R_MINOR.reason(True, age=str(age)))
    elif SpecialStatus.FULL_TIME_STUDENT in person.statuses:
        continues, used = book.flag(
            "assistance.children.continue_for_full_time_students", where, on
        )
        tally.add(
            R_STUDENT.reason(
                continues,
                (used,),
                age=str(age),
                state="在校就读,本地继续发放" if continues else "在校就读,本地不继续发放",
                state_en="a full-time student, who keeps the allowance here"
                if continues
                else "a full-time student; the allowance does not continue here",
            )
        )
    else:
        tally.add(R_ADULT.reason(False, age=str(age)))
    category = _parents(tally, facts, book, where, on)
    amount: Amount | None = None
    if tally.outcome is Outcome.ELIGIBLE and category is not None:
        if facts.placement is None:
            tally.add(R_PLACEMENT_UNKNOWN.reason(None), ["$.facts.placement"])
        else:
            amount = _amount(tally, category, facts.placement, place=(book, where, on))
    if tally.outcome is Outcome.CANNOT_DECIDE:
        tally.add(R_MISSING.reason(None, paths=", ".join(tally.missing)))
    return tally.decision(PROGRAMME.code, subject, on, where, amount)


def _parents(
    tally: Tally, facts: ChildFacts, book: ParameterBook, where: str, on: dt.date
) -> ChildCategory | None:
    """Add a reason per parent and the classification; return the category if eligible."""
    used: tuple[ParameterValue, ...] = ()
    min_months = 0
    if _needs_months(facts.father, facts.mother):
        min_months, months_used = _min_months(book, where, on)
        used = (months_used,)
    kinds = []
    for key, who in (("father", ("父亲", "father")), ("mother", ("母亲", "mother"))):
        parent: Parent | None = getattr(facts, key)
        path = f"$.facts.{key}"
        if parent is None:
            kinds.append(_Kind.UNKNOWN)
            tally.add(
                R_PARENT.reason(
                    None,
                    who=who[0],
                    who_en=who[1],
                    situation="情况尚未确定",
                    situation_en="situation not established",
                    detail="",
                    detail_en="",
                ),
                [path],
            )
            continue
        found = _finding(parent, on, min_months, path)
        kinds.append(found.kind)
        zh, en = _SITUATION_LABELS[parent.situation]
        tally.add(
            R_PARENT.reason(
                None,
                used if found.used_months else (),
                who=who[0],
                who_en=who[1],
                situation=zh,
                situation_en=en,
                detail=found.detail[0],
                detail_en=found.detail[1],
            ),
            found.missing,
        )
    category = _combine(kinds[0], kinds[1])
    if category is ChildCategory.ORPHAN:
        tally.add(R_ORPHAN.reason(True))
    elif category is ChildCategory.UNSUPPORTED:
        covered, covered_used = book.flag("assistance.children.unsupported.covered", where, on)
        if covered:
            tally.add(R_UNSUPPORTED.reason(True, (covered_used,)))
        else:
            tally.add(R_UNSUPPORTED_NOT_COVERED.reason(False, (covered_used,)))
            return None
    elif category is ChildCategory.NEITHER:
        tally.add(R_NEITHER.reason(False))
        return None
    return category


def _amount(
    tally: Tally,
    category: ChildCategory,
    placement: Placement,
    *,
    place: tuple[ParameterBook, str, dt.date],
) -> Amount:
    """Add the standard for the category and the placement."""
    book, where, on = place
    name = f"assistance.children.{category.value}_allowance.{placement.value}"
    value, used = book.money(name, where, on)
    category_zh, category_en = _CATEGORY_LABELS[category]
    placement_zh, placement_en = _PLACEMENT_LABELS[placement]
    tally.add(
        R_AMOUNT.reason(
            None,
            (used,),
            category=category_zh,
            category_en=category_en,
            placement=placement_zh,
            placement_en=placement_en,
            amount=str(value),
        )
    )
    line = AmountLine(
        "allowance",
        f"{category_zh}基本生活保障({placement_zh})",
        f"{category_en} allowance ({placement_en})",
        value,
    )
    return Amount(value, Period.MONTHLY, (line,))


def assess(
    household: Household,
    on: dt.date,
    *,
    jurisdiction: str | None = None,
    book: ParameterBook | None = None,
    facts: Mapping[str, ChildFacts] | None = None,
) -> tuple[Decision, ...]:
    """Decide the allowance for every member of ``household``, in member order.

    .. versionadded:: 0.1.0
    """
    return each_member(
        assess_person, household, on, jurisdiction=jurisdiction, book=book, facts=facts
    )


def assess_application(
    application: ChildApplication,
    on: dt.date,
    *,
    jurisdiction: str | None = None,
    book: ParameterBook | None = None,
) -> Decision:
    """Decide one :class:`ChildApplication` (see :func:`assess_person`).

    .. versionadded:: 0.1.0
    """
    return of_application(assess_person, application, on, jurisdiction=jurisdiction, book=book)
