"""孤儿 and 事实无人抚养儿童: the basic living allowance for orphans and unsupported children.

Orphans (孤儿, 《国务院办公厅关于加强孤儿保障工作的意见》 一, text read; number
国办发〔2010〕54号 recalled) and children without de-facto care (事实无人抚养儿童,
《关于进一步加强事实无人抚养儿童保障工作的意见》 民发〔2019〕62号, text read; from
2020-01-01) receive a monthly basic living allowance; the 事实无人抚养 standard is
set "按照与当地孤儿保障标准相衔接的原则" (62号 三(一)).  For one child on one date:

1. **Registration** — the child is registered (户籍) in the deciding place
   (62号 二(一): "向儿童户籍所在地乡镇人民政府(街道办事处)提出申请").
2. **Age** — under 18 (《民法典》 art. 17).  A jurisdiction may keep paying a
   full-time student past 18 (a switch, off nationally; e.g. Chengdu).
3. **Parents** — each parent's situation (:class:`ParentSituation`):

   - an **orphan** "失去父母、查找不到生父母": each parent is dead, declared
     dead, declared missing by a court, or cannot be found (查找不到, e.g. an
     abandoned child whose parents the police could not trace);
   - a child is **without de-facto care** (62号 一) when "父母双方均符合重残、
     重病、服刑在押、强制隔离戒毒、被执行其他限制人身自由的措施、失联情形之一" or
     "父母一方死亡或失踪，另一方符合…情形之一" — severe disability (重残: "一级二级
     残疾或三级四级精神、智力残疾"), serious illness (重病, as listed locally),
     serving a sentence or in custody (服刑在押), compulsory drug
     rehabilitation, another restriction of personal liberty ("期限在6个月以上"),
     lost contact ("失去联系且未履行监护抚养责任6个月以上"); and, as restated by
     粤民规字〔2019〕10号 and 人民日报 2021-01-28 (not in 62号's text),
     guardianship revoked and deported.  Here 死亡 is "自然死亡或人民法院宣告死亡"
     and **失踪 is "人民法院宣告失踪"** (民法典 arts. 40–45: after two years
     without news, on application): a parent who merely cannot be reached is
     not 失踪 — that is 失联, with its six months, or, for an orphan, 查找不到.
     So a parent who cannot be found, the other in a listed situation, makes
     neither category until a court declares the parent missing or the six
     months of lost contact are shown.  The six months is a parameter; "以上"
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
5. **Top-up** (事实无人抚养 only, 62号 三(一)): "已获得最低生活保障金、特困人员
   救助供养金或者困难残疾人生活补贴且未达到事实无人抚养儿童基本生活保障补贴标准的
   进行补差发放，其他事实无人抚养儿童按照补贴标准全额发放" — the child is paid the
   standard minus the monthly per-capita assistance already received
   (:attr:`ChildFacts.assistance_received`; 0 when none, ``None`` not
   established → cannot decide); received assistance at or above the
   standard leaves nothing to pay (not eligible).  So the allowance plus the
   assistance received is exactly ``max(standard, assistance)``.  Orphans are
   paid the standard: no top-up rule for them was read.
6. **Payable months** (事实无人抚养 only): "符合条件的，从确认的次月起纳入保障范围"
   (62号 二(三)): from the month after the decision date (``on``), as
   :attr:`Decision.payable <civaffairs.decisions.Decision.payable>`.

Overlaps decided elsewhere: a child here is not also 特困 (pass the result to
:attr:`civaffairs.assistance.extreme_poverty.ExtremePovertyFacts.child_allowance`);
the disability living subsidy is barred for a child paid the 事实无人抚养
allowance **in full** (62号 三(一)) and, by 52号 as restated, for orphans, not for a
top-up: pass :func:`allowance_kind` of the decision to
:attr:`civaffairs.assistance.disability_subsidies.DisabilitySubsidyFacts.child_allowance_kind`.

Paths of missing facts are relative to a :class:`ChildApplication`.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Final

import attrs

from civaffairs.assistance._tally import Applicant, Tally, each_member, of_application
from civaffairs.assistance.laws import CIVIL_CODE, ORPHAN_OPINION, UNSUPPORTED_CHILDREN_OPINION
from civaffairs.dates import add_months
from civaffairs.decisions import (
    Amount,
    AmountLine,
    Citation,
    Decision,
    Outcome,
    PayablePeriod,
    Period,
    ReasonCode,
    programme,
)
from civaffairs.entities import (
    ChildAllowance,
    Disability,
    DisabilityCategory,
    Household,
    SpecialStatus,
)
from civaffairs.errors import InvalidInputError
from civaffairs.kernels import SCALAR, Ops
from civaffairs.labels import Labelled
from civaffairs.money import YuanInput, format_yuan, yuan, yuan_to_fen
from civaffairs.parameters import ParameterBook, ParameterValue, default_book

__all__ = [
    "CATEGORY_CODES",
    "KIND_GONE",
    "KIND_LISTED",
    "KIND_NO",
    "KIND_NOT_FOUND",
    "KIND_UNKNOWN",
    "PROGRAMME",
    "SITUATION_CODES",
    "TOP_UP_IN_FULL",
    "TOP_UP_NONE",
    "TOP_UP_PART",
    "UNKNOWN_CATEGORY",
    "ChildApplication",
    "ChildCategory",
    "ChildFacts",
    "Parent",
    "ParentSituation",
    "Placement",
    "allowance_kind",
    "assess",
    "assess_application",
    "assess_person",
    "classify",
    "combine_rule",
    "contact_lost_long_enough",
    "parent_kind_rule",
    "severe_rule",
    "top_up_rule",
]

PROGRAMME = programme("assistance.children")

_ADULT_AGE = 18  # 《民法典》 art. 17: 十八周岁以上的自然人为成年人
_SEVERE_GRADE = 2  # 重残: grade 1–2 of any category ...
_SEVERE_GRADE_INTELLECTUAL_MENTAL = 4  # ... or grade 3–4 intellectual or mental

_ORPHAN_DEFINITION = Citation(
    ORPHAN_OPINION,
    "一",
    note="孤儿是指失去父母、查找不到生父母的未满18周岁的未成年人",
)
_UNSUPPORTED_DEFINITION = Citation(
    UNSUPPORTED_CHILDREN_OPINION,
    "一、明确保障对象",
    note="被撤销监护资格 and 被遣送(驱逐)出境 are not in 62号's text: as restated by "
    "粤民规字〔2019〕10号 and 人民日报 2021-01-28",
)
_MISSING_MEANS_DECLARED = Citation(
    UNSUPPORTED_CHILDREN_OPINION,
    "一、明确保障对象",
    note="失踪是指人民法院宣告失踪 (民法典 第四十条: 下落不明满二年, 利害关系人申请)",
)
_STANDARD = Citation(
    UNSUPPORTED_CHILDREN_OPINION,
    "三(一)",
    note="按照与当地孤儿保障标准相衔接的原则确定补贴标准; orphans: 国办发〔2010〕54号 二(一)",
)
_TOP_UP = Citation(
    UNSUPPORTED_CHILDREN_OPINION,
    "三(一)",
    note="已获得最低生活保障金、特困人员救助供养金或者困难残疾人生活补贴且未达到…补贴标准的"
    "进行补差发放，其他事实无人抚养儿童按照补贴标准全额发放",
)
_PAYABLE = Citation(
    UNSUPPORTED_CHILDREN_OPINION, "二(三)", note="符合条件的，从确认的次月起纳入保障范围"
)
_AGE = Citation(CIVIL_CODE, "第十七条")
_REGISTRATION = Citation(
    UNSUPPORTED_CHILDREN_OPINION,
    "二(一)",
    note="向儿童户籍所在地乡镇人民政府(街道办事处)提出申请; the orphan procedure was not read, "
    "the same place is assumed",
)
_STUDENTS = Citation(
    ORPHAN_OPINION,
    "二(三)",
    note="孤儿成年后仍在校就读的，继续享有相应政策 (education aid; 62号 三(三) likewise); "
    "whether the living allowance continues is local",
)

R_REGISTRATION = ReasonCode.define(
    "assistance.children.registration",
    "户籍在{place}({code}),属受理地{where}",
    "household registration in {place} ({code}), within {where}",
    _REGISTRATION,
)
R_REGISTRATION_ELSEWHERE = ReasonCode.define(
    "assistance.children.registration_elsewhere",
    "户籍在{place}({code}),不在受理地{where}",
    "household registration in {place} ({code}), not within {where}",
    _REGISTRATION,
)
R_MINOR = ReasonCode.define(
    "assistance.children.minor",
    "{age} 周岁,未满18周岁",
    "aged {age}, under 18",
    _AGE,
)
R_STUDENT = ReasonCode.define(
    "assistance.children.student_past_18",
    "{age} 周岁,{state}",
    "aged {age}, {state_en}",
    _STUDENTS,
)
R_ADULT = ReasonCode.define(
    "assistance.children.adult",
    "{age} 周岁,已满18周岁",
    "aged {age}: 18 or older",
    _AGE,
)
R_PARENT = ReasonCode.define(
    "assistance.children.parent",
    "{who}: {situation}{detail}",
    "{who_en}: {situation_en}{detail_en}",
    _UNSUPPORTED_DEFINITION,
)
R_ORPHAN = ReasonCode.define(
    "assistance.children.orphan",
    "父母均已死亡或失踪(查找不到),属于孤儿",
    "both parents are dead or missing (cannot be found): an orphan",
    _ORPHAN_DEFINITION,
)
R_UNSUPPORTED = ReasonCode.define(
    "assistance.children.unsupported",
    "父母双方均属于死亡、失踪或所列情形之一且至少一方属于所列情形,属于事实无人抚养儿童",
    "each parent is dead, missing or in a listed situation, and at least one is in a listed "
    "situation: a child without de-facto care",
    _UNSUPPORTED_DEFINITION,
)
R_UNSUPPORTED_NOT_COVERED = ReasonCode.define(
    "assistance.children.unsupported_not_covered",
    "属于事实无人抚养情形,但当日尚未建立事实无人抚养儿童保障",
    "the parents' situations are those of a child without de-facto care, but no allowance "
    "covered such children on that date",
    _UNSUPPORTED_DEFINITION,
)
R_NOT_DECLARED_MISSING = ReasonCode.define(
    "assistance.children.not_declared_missing",
    "父母一方查找不到但未经人民法院宣告失踪, 另一方属于所列情形: 查找不到不等于失踪; "
    "可在失联满{months}个月或宣告失踪后认定",
    "one parent cannot be found but has not been declared missing by a court, and the other "
    "is in a listed situation: not being found is not 失踪; the child qualifies once contact "
    "has been lost for {months} months or a court declares the parent missing",
    _MISSING_MEANS_DECLARED,
)
R_NEITHER = ReasonCode.define(
    "assistance.children.neither",
    "父母至少一方能够履行抚养义务(不属于死亡、失踪或所列情形),不属于孤儿或事实无人抚养儿童",
    "at least one parent is not dead, missing or in a listed situation: neither an orphan nor "
    "a child without de-facto care",
    _UNSUPPORTED_DEFINITION,
)
R_MISSING = ReasonCode.define(
    "assistance.children.missing_facts",
    "缺少判定所需事实: {paths}",
    "facts needed for the decision are missing: {paths}",
    _UNSUPPORTED_DEFINITION,
)
R_PLACEMENT_UNKNOWN = ReasonCode.define(
    "assistance.children.placement_unknown",
    "集中养育或社会散居尚未确定",
    "whether the child is raised in an institution or outside one is not established",
    _STANDARD,
)
R_AMOUNT = ReasonCode.define(
    "assistance.children.amount",
    "{category}({placement})基本生活保障标准每月 {amount} 元",
    "the {category_en} allowance ({placement_en}) is {amount} yuan a month",
    _STANDARD,
)
R_IN_FULL = ReasonCode.define(
    "assistance.children.in_full",
    "未获得最低生活保障金、特困人员救助供养金或困难残疾人生活补贴: 按补贴标准全额发放",
    "no dibao, extreme-poverty support or disability living subsidy is received: the "
    "allowance is paid in full",
    _TOP_UP,
)
R_TOP_UP = ReasonCode.define(
    "assistance.children.top_up",
    "已获得的救助(人均)每月 {received} 元, 未达到补贴标准 {standard} 元: 补差发放 {amount} 元",
    "assistance already received (per capita) of {received} yuan a month is below the "
    "standard of {standard} yuan: a top-up of {amount} yuan is paid",
    _TOP_UP,
)
R_NO_TOP_UP = ReasonCode.define(
    "assistance.children.no_top_up",
    "已获得的救助(人均)每月 {received} 元, 不低于补贴标准 {standard} 元: 无差额可补",
    "assistance already received (per capita) of {received} yuan a month is not below the "
    "standard of {standard} yuan: there is no difference to pay",
    _TOP_UP,
)
R_RECEIVED_UNKNOWN = ReasonCode.define(
    "assistance.children.assistance_received_unknown",
    "已获得的最低生活保障金、特困人员救助供养金或困难残疾人生活补贴(人均)尚未确定",
    "the dibao, extreme-poverty support or disability living subsidy already received (per "
    "capita) is not established",
    _TOP_UP,
)


class ParentSituation(Labelled):
    """A parent's situation, as the orphan and 事实无人抚养 definitions read it.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0
       ``MISSING`` ("missing") split into ``DECLARED_MISSING`` and ``CANNOT_BE_FOUND``:
       62号 reads 失踪 as declared by a court.
    .. versionchanged:: 0.1.0 Members carry their labels (:class:`~civaffairs.labels.Labelled`).
    """

    #: none of the situations below: able to raise the child
    ABLE = "able", "能够履行抚养义务", "able to raise the child"
    DECEASED = "deceased", "死亡", "dead"  #: 死亡 (自然死亡)
    DECLARED_DEAD = "declared_dead", "被宣告死亡", "declared dead"  #: 被人民法院宣告死亡
    #: 失踪: 人民法院宣告失踪 (62号 一; 民法典 art. 40), counts for both categories
    DECLARED_MISSING = "declared_missing", "被人民法院宣告失踪", "declared missing by a court"
    #: 查找不到: the parent cannot be found (an abandoned child's parents); an orphan when
    #: both parents are gone, but not 失踪 for 事实无人抚养 — use ``LOST_CONTACT`` with its date
    CANNOT_BE_FOUND = "cannot_be_found", "查找不到", "cannot be found"
    #: 重残: grade 1–2, or grade 3–4 intellectual or mental (give ``disability``)
    SEVERE_DISABILITY = "severe_disability", "重残", "severely disabled"
    SERIOUS_ILLNESS = "serious_illness", "重病", "seriously ill"  #: 重病, as listed locally
    #: 服刑在押 (give ``term_months``)
    IN_CUSTODY = "in_custody", "服刑在押", "serving a sentence or in custody"
    #: 强制隔离戒毒 (give ``term_months``)
    COMPULSORY_DRUG_REHABILITATION = (
        "compulsory_drug_rehabilitation",
        "强制隔离戒毒",
        "in compulsory drug rehabilitation",
    )
    #: 被执行其他限制人身自由的措施 (give ``term_months``)
    OTHER_RESTRICTION_OF_LIBERTY = (
        "other_restriction_of_liberty",
        "被执行其他限制人身自由的措施",
        "under another restriction of liberty",
    )
    #: 失联: no contact and no care since ``since``
    LOST_CONTACT = "lost_contact", "失联", "out of contact"
    GUARDIANSHIP_REVOKED = "guardianship_revoked", "被撤销监护资格", "guardianship revoked"
    DEPORTED = "deported", "被遣送(驱逐)出境", "deported"


class Placement(Labelled):
    """Where the child is raised.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 Members carry their labels (:class:`~civaffairs.labels.Labelled`).
    """

    #: 集中养育 (in a child welfare institution)
    INSTITUTIONAL = "institutional", "集中养育", "raised in an institution"
    #: 社会散居 (with relatives or others)
    DISPERSED = "dispersed", "社会散居", "raised outside institutions"


class ChildCategory(Labelled):
    """What the parents' situations make of a child.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 Members carry their labels (:class:`~civaffairs.labels.Labelled`).
    """

    ORPHAN = "orphan", "孤儿", "orphan"
    UNSUPPORTED = "unsupported", "事实无人抚养儿童", "child without de-facto care"
    NEITHER = "neither", "均不属于", "neither"


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


def _received(value: YuanInput | None) -> Decimal | None:
    return None if value is None else yuan(value, path="$.assistance_received")


@attrs.frozen
class ChildFacts:
    """The facts about a child beyond the household: the parents and the placement.

    ``assistance_received`` is the monthly amount of 最低生活保障金 (the
    household's per capita), 特困人员救助供养金 or 困难残疾人生活补贴 the child
    already receives, which the 事实无人抚养 allowance tops up (62号 三(一)); 0
    when none.  ``None`` means not established.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 ``assistance_received``.
    """

    father: Parent | None = None
    mother: Parent | None = None
    placement: Placement | None = None
    assistance_received: Decimal | None = attrs.field(default=None, converter=_received)


@attrs.frozen
class ChildApplication:
    """One child's application as a single value (JSON, policy cases).

    .. versionadded:: 0.1.0
    """

    household: Household
    person: str
    facts: ChildFacts = attrs.field(factory=ChildFacts)


class _Kind(enum.Enum):
    GONE = "gone"  # dead, declared dead or declared missing
    NOT_FOUND = "not_found"  # cannot be found: gone for an orphan only
    LISTED = "listed"  # in one of the listed situations
    NO = "no"  # able, or a listed situation whose conditions are not met
    UNKNOWN = "unknown"


_GONE = frozenset(
    {ParentSituation.DECEASED, ParentSituation.DECLARED_DEAD, ParentSituation.DECLARED_MISSING}
)
_TERMED = frozenset(
    {
        ParentSituation.IN_CUSTODY,
        ParentSituation.COMPULSORY_DRUG_REHABILITATION,
        ParentSituation.OTHER_RESTRICTION_OF_LIBERTY,
    }
)


# -- the rule bodies: one child here, a whole table in civaffairs.batch.children ---------------
#
# Functions of an ``ops`` object (civaffairs.kernels), of booleans and small integer codes, so
# the scalar rule below and the columnar engine classify the parents and top up alike.

#: A parent's situation as a code: its position in :class:`ParentSituation`.
SITUATION_CODES: Final = {situation: index for index, situation in enumerate(ParentSituation)}
#: A parent's kind (:func:`parent_kind_rule`): dead, declared dead or declared missing.
KIND_GONE: Final = 0
#: Cannot be found: gone for an orphan only.
KIND_NOT_FOUND: Final = 1
#: In one of the listed situations (重残, 重病, 服刑在押 … for six months or more, 失联 …).
KIND_LISTED: Final = 2
#: Able, or in a listed situation whose conditions are not met.
KIND_NO: Final = 3
#: Not established: the fact the situation needs is missing.
KIND_UNKNOWN: Final = 4
_KINDS: Final = {
    KIND_GONE: _Kind.GONE,
    KIND_NOT_FOUND: _Kind.NOT_FOUND,
    KIND_LISTED: _Kind.LISTED,
    KIND_NO: _Kind.NO,
    KIND_UNKNOWN: _Kind.UNKNOWN,
}
_KIND_CODES: Final = {kind: code for code, kind in _KINDS.items()}
#: A child's category as a code (:func:`combine_rule`): its position in :class:`ChildCategory`.
CATEGORY_CODES: Final = {category: index for index, category in enumerate(ChildCategory)}
#: The category cannot be told yet.
UNKNOWN_CATEGORY: Final = -1
#: The 事实无人抚养 allowance is paid in full: no assistance received (62号 三(一)).
TOP_UP_IN_FULL: Final = 0
#: A top-up (补差): the standard less the assistance received.
TOP_UP_PART: Final = 1
#: The assistance received is not below the standard: nothing to pay.
TOP_UP_NONE: Final = 2


def severe_rule(ops: Ops, *, grade: Any, intellectual_or_mental: Any) -> Any:
    """重残 for 事实无人抚养 (62号 一): grade 1–2, or grade 3–4 intellectual or mental.

    .. versionadded:: 0.1.0
    """
    return ops.where(
        intellectual_or_mental,
        grade <= _SEVERE_GRADE_INTELLECTUAL_MENTAL,
        grade <= _SEVERE_GRADE,
    )


def contact_lost_long_enough(
    ops: Ops, *, since: tuple[Any, Any, Any], months: Any, on: dt.date
) -> Any:
    """Whether ``months`` months counted from ``since`` (year, month, day) have ended by ``on``.

    ``add_months(since, months) <= on`` (《民法典》 arts. 201–202: the corresponding
    day, or the month's last day when it has none), written with operators: the
    period ends in the month ``months`` after ``since``'s; in ``on``'s own month it
    has ended when ``since``'s day has come, or ``on`` is the month's last day.

    .. versionadded:: 0.1.0
    """
    year, month, day = since
    ends = year * 12 + (month - 1) + months
    now = on.year * 12 + (on.month - 1)
    last = calendar.monthrange(on.year, on.month)[1]
    return (ends < now) | ((ends == now) & ((day <= on.day) | (last <= on.day)))


def parent_kind_rule(
    ops: Ops,
    *,
    situation: Any,
    severe: Any,
    term_months: Any,
    contact_lost: Any,
    known: Any,
    min_months: Any,
) -> Any:
    """Sort a parent's situation (a :data:`SITUATION_CODES` code) into a kind (``KIND_*``).

    ``known`` says whether the fact the situation needs is given (the certificate,
    the term, the date contact was lost); ``severe`` (:func:`severe_rule`),
    ``term_months`` and ``contact_lost`` (:func:`contact_lost_long_enough`) are read
    only where it does.  62号 一: the listed situations, "期限在6个月以上" and
    "失去联系且未履行监护抚养责任6个月以上" ("以上" includes the number).

    .. versionadded:: 0.1.0
    """
    code = SITUATION_CODES

    def is_(*situations: ParentSituation) -> Any:
        found = situation == code[situations[0]]
        for more in situations[1:]:
            found = found | (situation == code[more])
        return found

    termed = is_(*_TERMED)
    met = ops.where(
        is_(ParentSituation.SEVERE_DISABILITY),
        severe,
        ops.where(termed, term_months >= min_months, contact_lost),
    )
    needs_fact = termed | is_(ParentSituation.SEVERE_DISABILITY, ParentSituation.LOST_CONTACT)
    return ops.where(
        is_(ParentSituation.ABLE),
        KIND_NO,
        ops.where(
            is_(*_GONE),
            KIND_GONE,
            ops.where(
                is_(ParentSituation.CANNOT_BE_FOUND),
                KIND_NOT_FOUND,
                ops.where(
                    needs_fact,
                    ops.where(known, ops.where(met, KIND_LISTED, KIND_NO), KIND_UNKNOWN),
                    KIND_LISTED,
                ),
            ),
        ),
    )


def combine_rule(ops: Ops, first: Any, second: Any) -> Any:
    """Classify a child from the two parents' kinds: a :data:`CATEGORY_CODES` code, or unknown.

    Symmetric.  A parent able to raise the child (``NO``) makes it neither; else
    a parent not established leaves it unknown; both gone or not found (孤儿:
    "失去父母、查找不到生父母") an orphan; one not found, the other listed, neither
    (查找不到 is not 宣告失踪, 62号 一); else 事实无人抚养.

    .. versionadded:: 0.1.0
    """
    has_no = (first == KIND_NO) | (second == KIND_NO)
    has_unknown = (first == KIND_UNKNOWN) | (second == KIND_UNKNOWN)
    first_gone = (first == KIND_GONE) | (first == KIND_NOT_FOUND)
    second_gone = (second == KIND_GONE) | (second == KIND_NOT_FOUND)
    not_found = (first == KIND_NOT_FOUND) | (second == KIND_NOT_FOUND)
    neither = CATEGORY_CODES[ChildCategory.NEITHER]
    return ops.where(
        has_no,
        neither,
        ops.where(
            has_unknown,
            UNKNOWN_CATEGORY,
            ops.where(
                first_gone & second_gone,
                CATEGORY_CODES[ChildCategory.ORPHAN],
                ops.where(not_found, neither, CATEGORY_CODES[ChildCategory.UNSUPPORTED]),
            ),
        ),
    )


def top_up_rule(ops: Ops, *, standard: Any, received: Any) -> tuple[Any, Any]:
    """62号 三(一): ``(amount, how)`` in fen — in full, topped up (补差), or nothing to pay.

    "已获得最低生活保障金、特困人员救助供养金或者困难残疾人生活补贴且未达到…补贴标准的进行补差
    发放，其他事实无人抚养儿童按照补贴标准全额发放".

    .. versionadded:: 0.1.0
    """
    how = ops.where(
        received == 0, TOP_UP_IN_FULL, ops.where(received >= standard, TOP_UP_NONE, TOP_UP_PART)
    )
    amount = ops.where(
        how == TOP_UP_IN_FULL, standard, ops.where(how == TOP_UP_PART, standard - received, 0)
    )
    return amount, how


@attrs.frozen
class _ParentFinding:
    kind: _Kind
    detail: tuple[str, str] = ("", "")
    missing: tuple[str, ...] = ()
    used_months: bool = False


def _finding(parent: Parent, on: dt.date, min_months: int, path: str) -> _ParentFinding:
    """Sort one parent's situation into gone, listed, no or unknown (:func:`parent_kind_rule`)."""
    situation = parent.situation
    disability, term, since = parent.disability, parent.term_months, parent.since
    known = {
        ParentSituation.SEVERE_DISABILITY: disability is not None,
        ParentSituation.LOST_CONTACT: since is not None,
    }.get(situation, term is not None if situation in _TERMED else True)
    kind = _KINDS[
        int(
            parent_kind_rule(
                SCALAR,
                situation=SITUATION_CODES[situation],
                severe=disability is not None
                and severe_rule(
                    SCALAR,
                    grade=disability.grade,
                    intellectual_or_mental=disability.category
                    in (DisabilityCategory.INTELLECTUAL, DisabilityCategory.MENTAL),
                ),
                term_months=term if term is not None else 0,
                contact_lost=since is not None
                and contact_lost_long_enough(
                    SCALAR, since=(since.year, since.month, since.day), months=min_months, on=on
                ),
                known=known,
                min_months=min_months,
            )
        )
    ]
    if situation is ParentSituation.SEVERE_DISABILITY:
        if disability is None:
            return _ParentFinding(kind, missing=(f"{path}.disability",))
        grade, category = disability.grade, disability.category.value
        return _ParentFinding(kind, (f"({category} {grade}级)", f" ({category}, grade {grade})"))
    if situation in _TERMED:
        if term is None:
            return _ParentFinding(kind, missing=(f"{path}.term_months",))
        long_enough = kind is _Kind.LISTED
        zh = f"(期限 {term} 个月,{'' if long_enough else '不足'}{min_months}个月以上)"
        en = f" (term of {term} months, {'at least' if long_enough else 'under'} {min_months})"
        return _ParentFinding(kind, (zh, en), used_months=True)
    if situation is ParentSituation.LOST_CONTACT:
        if since is None:
            return _ParentFinding(kind, missing=(f"{path}.since",))
        reached = add_months(since, min_months)
        shown = since.isoformat()
        zh = f"(自 {shown} 起,满{min_months}个月之日为 {reached.isoformat()})"
        en = f" (since {shown}; {min_months} months are reached on {reached.isoformat()})"
        return _ParentFinding(kind, (zh, en), used_months=True)
    return _ParentFinding(kind)


def _combine(first: _Kind, second: _Kind) -> ChildCategory | None:
    """Classify from the two parents' kinds (:func:`combine_rule`); ``None`` when unknown."""
    code = int(combine_rule(SCALAR, _KIND_CODES[first], _KIND_CODES[second]))
    return None if code == UNKNOWN_CATEGORY else list(ChildCategory)[code]


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
    facts = facts if facts is not None else ChildFacts()
    case = Applicant.of(household, person_id, jurisdiction, book)
    person, where, subject, book = case.person, case.where, case.subject, case.book
    tally = Tally()
    if not case.registered(tally, within=R_REGISTRATION, elsewhere=R_REGISTRATION_ELSEWHERE):
        return tally.decision(PROGRAMME.code, subject, on, where, person=person_id)
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
            amount = _amount(tally, category, facts, place=(book, where, on))
    if tally.outcome is Outcome.CANNOT_DECIDE:
        tally.add(R_MISSING.reason(None, paths=", ".join(tally.missing)))
    payable = (
        PayablePeriod.from_month_after(on, _PAYABLE)
        if category is ChildCategory.UNSUPPORTED
        else None
    )
    return tally.decision(
        PROGRAMME.code, subject, on, where, amount, person=person_id, payable=payable
    )


def allowance_kind(decision: Decision) -> ChildAllowance | None:
    """Return which allowance an allowance decision grants, and how; ``None`` when undecided.

    The input fact of the disability living subsidy
    (:attr:`civaffairs.assistance.disability_subsidies.DisabilitySubsidyFacts.child_allowance_kind`).

    .. versionadded:: 0.1.0
    """
    if decision.programme != PROGRAMME.code:
        raise InvalidInputError("$.programme", decision.programme, f"a {PROGRAMME.code} decision")
    if decision.outcome is Outcome.CANNOT_DECIDE:
        return None
    if not decision.eligible:
        return ChildAllowance.NONE
    codes = decision.codes
    if R_ORPHAN.code in codes:
        return ChildAllowance.ORPHAN
    if R_TOP_UP.code in codes:
        return ChildAllowance.UNSUPPORTED_TOP_UP
    return ChildAllowance.UNSUPPORTED_IN_FULL


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
        tally.add(
            R_PARENT.reason(
                None,
                used if found.used_months else (),
                who=who[0],
                who_en=who[1],
                situation=parent.situation.zh,
                situation_en=parent.situation.en,
                detail=found.detail[0],
                detail_en=found.detail[1],
            ),
            found.missing,
        )
    category = _combine(kinds[0], kinds[1])
    if category is ChildCategory.NEITHER and _Kind.NOT_FOUND in kinds and _Kind.NO not in kinds:
        months, months_used = _min_months(book, where, on)
        tally.add(R_NOT_DECLARED_MISSING.reason(False, (months_used,), months=str(months)))
        return None
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
    facts: ChildFacts,
    *,
    place: tuple[ParameterBook, str, dt.date],
) -> Amount | None:
    """Add the standard for the category and the placement, topped up for 事实无人抚养."""
    book, where, on = place
    placement = facts.placement
    assert placement is not None  # noqa: S101 - checked by the caller
    name = f"assistance.children.{category.value}_allowance.{placement.value}"
    value, used = book.money(name, where, on)
    tally.add(
        R_AMOUNT.reason(
            None,
            (used,),
            category=category.zh,
            category_en=category.en,
            placement=placement.zh,
            placement_en=placement.en,
            amount=format_yuan(value, "exact"),
        )
    )
    line = AmountLine(
        "allowance",
        f"{category.zh}基本生活保障({placement.zh})",
        f"{category.en} allowance ({placement.en})",
        value,
    )
    if category is ChildCategory.ORPHAN:
        return Amount(value, Period.MONTHLY, (line,))
    return _top_up(tally, value, facts.assistance_received, line)


def _top_up(
    tally: Tally, standard: Decimal, received: Decimal | None, line: AmountLine
) -> Amount | None:
    """62号 三(一): pay the standard less the assistance received (补差), or in full."""
    if received is None:
        tally.add(R_RECEIVED_UNKNOWN.reason(None), ["$.facts.assistance_received"])
        return None
    _, how = top_up_rule(SCALAR, standard=yuan_to_fen(standard), received=yuan_to_fen(received))
    if how == TOP_UP_IN_FULL:
        tally.add(R_IN_FULL.reason(None))
        return Amount(standard, Period.MONTHLY, (line,))
    if how == TOP_UP_NONE:
        tally.add(R_NO_TOP_UP.reason(False, received=str(received), standard=str(standard)))
        return None
    total = standard - received
    tally.add(
        R_TOP_UP.reason(None, received=str(received), standard=str(standard), amount=str(total))
    )
    deducted = AmountLine(
        "assistance_received",
        "已获得的最低生活保障金、特困人员救助供养金或困难残疾人生活补贴",
        "dibao, extreme-poverty support or disability living subsidy already received",
        -received,
    )
    return Amount(total, Period.MONTHLY, (line, deducted))


def assess(
    household: Household,
    on: dt.date,
    *,
    jurisdiction: str | None = None,
    book: ParameterBook | None = None,
    facts: Mapping[str, ChildFacts] | None = None,
) -> tuple[Decision, ...]:
    """Decide the allowance for every member of ``household``, in member order.

    ``facts`` maps member ids to their :class:`ChildFacts`; members
    left out have none established.

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
