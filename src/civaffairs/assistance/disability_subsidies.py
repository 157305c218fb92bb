"""残疾人两项补贴: the living subsidy and the care subsidy for disabled people.

Both from 2016-01-01 (国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见,
国发〔2015〕52号).  For one person on one date, each subsidy is its own
decision:

**困难残疾人生活补贴** (living subsidy, ``assistance.disability_subsidies.living``)
    for a holder of a disability certificate (残疾人证, any category and grade)
    in a **dibao household**; a jurisdiction may extend it to marginal
    (低保边缘) households, with its own amount (52号 二(一)).

**重度残疾人护理补贴** (care subsidy, ``assistance.disability_subsidies.care``)
    for disability **grade 1 or 2** needing long-term care — care consumables
    or services for more than six months (长期照护); a jurisdiction may extend it
    to grade 3 (or 4) intellectual and mental disability, or to other grades,
    through two parameters (``max_grade``, ``max_grade_intellectual_mental``).
    It is not means-tested: the household's layer does not matter.

How they meet other benefits (52号 二(四) 政策衔接, as restated by Hubei 2016,
Gansu, Dandong and Guangzhou):

- a person may receive **both** at once: neither is ever refused because of
  the other, and neither reads the other's facts;
- a person in **特困供养** or receiving the **工伤保险生活护理费** (work-injury
  care allowance) receives **neither**; whether the person receives that
  allowance is a fact to establish (``$.facts.work_injury_care_allowance``),
  never assumed;
- a disabled child under the **orphan** allowance receives the **care
  subsidy only** (52号, as restated by 湖北 2016; not read); a child paid the
  **事实无人抚养** allowance **in full** likewise — 《关于进一步加强事实无人抚养
  儿童保障工作的意见》 (民发〔2019〕62号) 三(一), read: "已全额领取事实无人抚养
  儿童补贴的残疾儿童不享受困难残疾人生活补贴" — but a child whose 事实无人抚养
  allowance is a **top-up** (补差, because the living subsidy or 低保 is already
  received, same paragraph) keeps the living subsidy: 62号 bars only the full
  allowance, and says nothing of orphans.  Both may have the care subsidy
  (62号 三(二): "符合条件的事实无人抚养儿童可同时享受重度残疾人护理补贴");
- where a person is also entitled to a similar welfare living or care
  allowance (old-age, work-related disability, retirement: 择高), the higher
  one of each kind is paid: give the other allowance's monthly amount and the
  subsidy is refused when that amount is at least the subsidy (a tie keeps the
  other allowance).

The household's :class:`~civaffairs.entities.AssistanceLayer` is an input
fact (decided by the layered assistance rules), as is whether the person is
in 特困 support (by default: whether the layer is ``EXTREME_POVERTY``), or
the person's own 特困 decision (meeting every condition excludes both
subsidies; undecided conditions leave them "cannot decide", naming that
decision's missing facts, unless another condition fails).
Amounts are provincial parameters; the national values shipped are Hubei's
2016 floors (50 and 100 yuan a month) standing in as **example** data, and
Hubei's own values (420000) are sourced.

Paths of missing facts are relative to a :class:`DisabilitySubsidyApplication`.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Final

import attrs

from civaffairs.assistance import extreme_poverty
from civaffairs.assistance._tally import Tally, registration_reason
from civaffairs.assistance.laws import DISABILITY_SUBSIDIES_OPINION, UNSUPPORTED_CHILDREN_OPINION
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
    AssistanceLayer,
    ChildAllowance,
    DisabilityCategory,
    Household,
    Person,
)
from civaffairs.errors import InvalidInputError
from civaffairs.kernels import SCALAR, Ops
from civaffairs.money import YuanInput, format_yuan, yuan
from civaffairs.parameters import ParameterBook, ParameterValue, default_book

__all__ = [
    "AMOUNT_DIBAO",
    "AMOUNT_MARGINAL",
    "AMOUNT_NONE",
    "CARE_PROGRAMME",
    "CHILD_IN_FULL",
    "CHILD_NOT_UNDER",
    "CHILD_ORPHAN",
    "CHILD_TOP_UP",
    "CHILD_UNDER",
    "CHILD_UNKNOWN",
    "LIVING_PROGRAMME",
    "DisabilitySubsidyApplication",
    "DisabilitySubsidyFacts",
    "assess",
    "assess_care_application",
    "assess_living_application",
    "assess_person",
    "care_grade_rule",
    "child_code",
    "living_amount_rule",
    "living_child_rule",
    "similar_rule",
]

LIVING_PROGRAMME = programme("assistance.disability_subsidies.living")
CARE_PROGRAMME = programme("assistance.disability_subsidies.care")

_ADULT_AGE = 18  # 《民法典》 art. 17; the orphan allowance is for minors
_LIVING_PREFIX = "assistance.disability_subsidies.living"
_CARE_PREFIX = "assistance.disability_subsidies.care"

_SUBJECTS = Citation(DISABILITY_SUBSIDIES_OPINION, "二(一) 补贴对象")
_STANDARDS = Citation(DISABILITY_SUBSIDIES_OPINION, "二(二) 补贴标准")
_COORDINATION = Citation(
    DISABILITY_SUBSIDIES_OPINION,
    "二(四) 政策衔接",
    note="section number recalled; the rules as restated by 湖北 2016, 甘肃, 丹东 and 广州",
)
_CHILDREN = Citation(
    DISABILITY_SUBSIDIES_OPINION,
    "二(四) 政策衔接",
    note="orphans: care subsidy only (52号 as restated by 湖北 2016, not read); 事实无人抚养儿童 "
    "paid in full: 民发〔2019〕62号 三(一)",
)
_UNSUPPORTED_IN_FULL = Citation(
    UNSUPPORTED_CHILDREN_OPINION,
    "三(一)",
    note="已全额领取事实无人抚养儿童补贴的残疾儿童不享受困难残疾人生活补贴",
)
_UNSUPPORTED_CARE = Citation(
    UNSUPPORTED_CHILDREN_OPINION,
    "三(二)",
    note="符合条件的事实无人抚养儿童可同时享受重度残疾人护理补贴; orphans: 52号 as restated by "
    "湖北 2016",
)
_PAYABLE = Citation(
    DISABILITY_SUBSIDIES_OPINION,
    "申领程序",
    note="the first payable month is not in a text read: the month after the decision "
    "(the 低保/特困 rule) is example data",
)
_APPLICATION = Citation(
    DISABILITY_SUBSIDIES_OPINION, "申领程序", note="向户籍所在地乡镇人民政府(街道办事处)提出申请"
)

R_REGISTRATION = ReasonCode.define(
    "assistance.disability_subsidies.registration",
    "户籍在{place}({code}),属受理地{where}",
    "household registration in {place} ({code}), within {where}",
    _APPLICATION,
)
R_REGISTRATION_ELSEWHERE = ReasonCode.define(
    "assistance.disability_subsidies.registration_elsewhere",
    "户籍在{place}({code}),不在受理地{where}",
    "household registration in {place} ({code}), not within {where}",
    _APPLICATION,
)
R_CERTIFICATE = ReasonCode.define(
    "assistance.disability_subsidies.certificate",
    "持有残疾人证: {category}{grade}级",
    "holds a disability certificate: {category_en}, grade {grade}",
    _SUBJECTS,
)
R_NO_CERTIFICATE = ReasonCode.define(
    "assistance.disability_subsidies.no_certificate",
    "未持有残疾人证",
    "holds no disability certificate",
    _SUBJECTS,
)
R_EXTREME_POVERTY = ReasonCode.define(
    "assistance.disability_subsidies.extreme_poverty_excludes",
    "已纳入特困人员供养保障{source},不享受残疾人两项补贴",
    "supported as a person in extreme poverty{source_en}, so neither subsidy is paid",
    _COORDINATION,
)
R_WORK_INJURY = ReasonCode.define(
    "assistance.disability_subsidies.work_injury_excludes",
    "享受工伤保险生活护理费,不享受残疾人两项补贴",
    "receives the work-injury insurance care allowance, so neither subsidy is paid",
    _COORDINATION,
)
R_WORK_INJURY_UNKNOWN = ReasonCode.define(
    "assistance.disability_subsidies.work_injury_unknown",
    "是否享受工伤保险生活护理费尚未确定",
    "whether the person receives the work-injury insurance care allowance is not established",
    _COORDINATION,
)
R_EXTREME_POVERTY_UNKNOWN = ReasonCode.define(
    "assistance.disability_subsidies.extreme_poverty_unknown",
    "是否符合特困人员条件尚未确定(缺少: {paths})",
    "whether the person meets the extreme-poverty conditions is not yet decided (missing: {paths})",
    _COORDINATION,
)
R_MISSING = ReasonCode.define(
    "assistance.disability_subsidies.missing_facts",
    "缺少判定所需事实: {paths}",
    "facts needed for the decision are missing: {paths}",
    _SUBJECTS,
)
R_LIVING_CHILD = ReasonCode.define(
    "assistance.disability_subsidies.living.child_allowance",
    "{state}",
    "{state_en}",
    _CHILDREN,
)
R_LIVING_ORPHAN = ReasonCode.define(
    "assistance.disability_subsidies.living.orphan_allowance",
    "享受孤儿基本生活保障,不享受困难残疾人生活补贴",
    "under the orphan allowance, so no living subsidy",
    Citation(
        DISABILITY_SUBSIDIES_OPINION,
        "二(四) 政策衔接",
        note="orphans: care subsidy only (as restated by 湖北 2016; 52号's text not read)",
    ),
)
R_LIVING_UNSUPPORTED_IN_FULL = ReasonCode.define(
    "assistance.disability_subsidies.living.unsupported_in_full",
    "已全额领取事实无人抚养儿童补贴,不享受困难残疾人生活补贴",
    "paid the allowance for children without de-facto care in full, so no living subsidy",
    _UNSUPPORTED_IN_FULL,
)
R_LIVING_UNSUPPORTED_TOP_UP = ReasonCode.define(
    "assistance.disability_subsidies.living.unsupported_top_up",
    "事实无人抚养儿童补贴为补差发放(未全额领取),不影响困难残疾人生活补贴",
    "the allowance for children without de-facto care is a top-up, not paid in full, so the "
    "living subsidy is not barred",
    _UNSUPPORTED_IN_FULL,
)
R_LIVING_LAYER = ReasonCode.define(
    "assistance.disability_subsidies.living.household_layer",
    "家庭所在层级: {layer}{extension}",
    "the household's layer: {layer_en}{extension_en}",
    _SUBJECTS,
)
R_LIVING_AMOUNT = ReasonCode.define(
    "assistance.disability_subsidies.living.amount",
    "困难残疾人生活补贴每月 {amount} 元",
    "living subsidy {amount} yuan a month",
    _STANDARDS,
)
R_CARE_CHILD = ReasonCode.define(
    "assistance.disability_subsidies.care.child_allowance",
    "享受孤儿或事实无人抚养儿童基本生活保障的残疾儿童可享受护理补贴",
    "a disabled child under the orphan or 事实无人抚养 allowance may receive the care subsidy",
    _UNSUPPORTED_CARE,
)
R_CARE_GRADE = ReasonCode.define(
    "assistance.disability_subsidies.care.grade",
    "{category}{grade}级,{relation}护理补贴范围(一级至{limit}级)",
    "{category_en} grade {grade} is {relation_en} the grades covered (1–{limit})",
    _SUBJECTS,
)
R_CARE_NEED = ReasonCode.define(
    "assistance.disability_subsidies.care.long_term_care",
    "{state}",
    "{state_en}",
    _SUBJECTS,
)
R_CARE_AMOUNT = ReasonCode.define(
    "assistance.disability_subsidies.care.amount",
    "重度残疾人护理补贴({grade}级)每月 {amount} 元",
    "care subsidy (grade {grade}) {amount} yuan a month",
    _STANDARDS,
)
R_SIMILAR = ReasonCode.define(
    "assistance.disability_subsidies.similar_allowance",
    "同类{kind}补贴(津贴)每月 {other} 元,{relation}本项补贴 {amount} 元: 择高享受{chosen}",
    "a similar {kind_en} allowance of {other} yuan a month is {relation_en} this subsidy's "
    "{amount} yuan: the higher is paid ({chosen_en})",
    _COORDINATION,
)


def _optional_yuan(value: YuanInput | None) -> Decimal | None:
    return None if value is None else yuan(value, path="$.other_allowance")


@attrs.frozen
class DisabilitySubsidyFacts:
    """The facts about one disabled person the two subsidies need beyond the household.

    - ``needs_long_term_care``: care consumables or services for more than six
      months (长期照护); ``None`` when not established.
    - ``work_injury_care_allowance``: receives the 工伤保险生活护理费;
      ``None`` when not established (then neither subsidy can be decided
      unless another condition fails).
    - ``child_allowance``: for a minor, whether they are under the orphan or
      事实无人抚养 basic living allowance; ``None`` when not established.  True
      bars the living subsidy, as for an orphan or a child paid the 事实无人抚养
      allowance in full; a child paid a top-up (补差) is not barred (62号 三(一)):
      say which with ``child_allowance_kind``.
    - ``child_allowance_kind``: which allowance and how
      (:class:`~civaffairs.entities.ChildAllowance`, from
      :func:`civaffairs.assistance.children.allowance_kind`); when given it
      decides, and must agree with ``child_allowance`` if that is given too.
    - ``other_living_allowance`` / ``other_care_allowance``: the monthly
      amount of a similar welfare living or care allowance the person is
      entitled to (old-age, work-related disability, retirement), for 择高.
      Leave out allowances that may be received together with the subsidies
      (e.g. Guangzhou's 高龄津贴).

    .. versionadded:: 0.1.0
    """

    needs_long_term_care: bool | None = None
    work_injury_care_allowance: bool | None = None
    child_allowance: bool | None = None
    other_living_allowance: Decimal | None = attrs.field(default=None, converter=_optional_yuan)
    other_care_allowance: Decimal | None = attrs.field(default=None, converter=_optional_yuan)
    child_allowance_kind: ChildAllowance | None = None

    def __attrs_post_init__(self) -> None:
        kind = self.child_allowance_kind
        if kind is None:
            return
        if not isinstance(kind, ChildAllowance):
            raise InvalidInputError("$.child_allowance_kind", kind, "a ChildAllowance")
        under = kind is not ChildAllowance.NONE
        if self.child_allowance is not None and self.child_allowance is not under:
            raise InvalidInputError(
                "$.child_allowance",
                self.child_allowance,
                f"{str(under).lower()}, as child_allowance_kind '{kind.value}' says",
            )

    @property
    def receives_child_allowance(self) -> bool | None:
        """Whether the child is under a children's allowance, from either fact."""
        if self.child_allowance_kind is not None:
            return self.child_allowance_kind is not ChildAllowance.NONE
        return self.child_allowance


@attrs.frozen
class DisabilitySubsidyApplication:
    """One person's application for the two subsidies as a single value (JSON, policy cases).

    ``layer`` is the household's layer; ``in_extreme_poverty`` ``None`` means
    "as the layer says".

    .. versionadded:: 0.1.0
    """

    household: Household
    person: str
    layer: AssistanceLayer
    in_extreme_poverty: bool | None = None
    facts: DisabilitySubsidyFacts = attrs.field(factory=DisabilitySubsidyFacts)


# -- the rule bodies: one person here, a whole table in civaffairs.batch.disability_subsidies ----
#
# Written once as functions of an ``ops`` object (civaffairs.kernels), of booleans and small
# integer codes, so the scalar rule below and the columnar engine evaluate the same conditions.

#: The children's allowance fact as the rule bodies read it (:func:`child_code`): not
#: established (neither ``child_allowance`` nor ``child_allowance_kind`` given).
CHILD_UNKNOWN: Final = -1
#: Not under a children's allowance (``child_allowance=False``, or the kind ``NONE``).
CHILD_NOT_UNDER: Final = 0
#: Under the orphan or 事实无人抚养 allowance, the kind not given (``child_allowance=True``).
CHILD_UNDER: Final = 1
#: Under the orphan allowance (kind ``ORPHAN``).
CHILD_ORPHAN: Final = 2
#: Paid the 事实无人抚养 allowance in full (kind ``UNSUPPORTED_IN_FULL``).
CHILD_IN_FULL: Final = 3
#: Paid the 事实无人抚养 allowance as a top-up (kind ``UNSUPPORTED_TOP_UP``).
CHILD_TOP_UP: Final = 4

_KIND_CODES: Final = {
    ChildAllowance.NONE: CHILD_NOT_UNDER,
    ChildAllowance.ORPHAN: CHILD_ORPHAN,
    ChildAllowance.UNSUPPORTED_IN_FULL: CHILD_IN_FULL,
    ChildAllowance.UNSUPPORTED_TOP_UP: CHILD_TOP_UP,
}

#: Which living-subsidy amount a layer gets (:func:`living_amount_rule`): none.
AMOUNT_NONE: Final = 0
#: The amount of dibao households (``living.amount``).
AMOUNT_DIBAO: Final = 1
#: The amount of marginal households where extended (``living.amount_marginal``).
AMOUNT_MARGINAL: Final = 2

_LIVING_AMOUNTS: Final = {
    AMOUNT_DIBAO: f"{_LIVING_PREFIX}.amount",
    AMOUNT_MARGINAL: f"{_LIVING_PREFIX}.amount_marginal",
}


def child_code(facts: DisabilitySubsidyFacts) -> int:
    """Return the children's allowance fact as a code (``CHILD_*``): the kind decides when given.

    .. versionadded:: 0.1.0
    """
    kind = facts.child_allowance_kind
    if kind is not None:
        return _KIND_CODES[kind]
    if facts.child_allowance is None:
        return CHILD_UNKNOWN
    return CHILD_UNDER if facts.child_allowance else CHILD_NOT_UNDER


def living_child_rule(ops: Ops, *, minor: Any, child: Any) -> tuple[Any, Any]:
    """Return whether a minor's children's allowance bars the living subsidy, or is unknown.

    Barred under the orphan allowance (52号 as restated) or the 事实无人抚养 allowance
    paid in full (62号 三(一)), not by a top-up; unknown when not established.

    .. versionadded:: 0.1.0
    """
    barred = (child == CHILD_UNDER) | (child == CHILD_ORPHAN) | (child == CHILD_IN_FULL)
    return minor & barred, minor & (child == CHILD_UNKNOWN)


def living_amount_rule(ops: Ops, *, dibao: Any, marginal: Any, extended: Any) -> Any:
    """Which living-subsidy amount applies (``AMOUNT_*``): dibao households, marginal if extended.

    52号 二(一): "低保家庭中的残疾人"; a jurisdiction may extend it to marginal households.

    .. versionadded:: 0.1.0
    """
    return ops.where(
        dibao, AMOUNT_DIBAO, ops.where(marginal & extended, AMOUNT_MARGINAL, AMOUNT_NONE)
    )


def care_grade_rule(
    ops: Ops,
    *,
    grade: Any,
    intellectual_or_mental: Any,
    max_grade: Any,
    max_grade_intellectual_mental: Any,
) -> tuple[Any, Any]:
    """Whether the grade is covered by the care subsidy, and the least severe grade covered.

    52号 二(一): grades 1–2; a jurisdiction may extend it to intellectual and mental
    disability (``max_grade_intellectual_mental``) or to other grades (``max_grade``).

    .. versionadded:: 0.1.0
    """
    special = ops.where(
        max_grade_intellectual_mental > max_grade, max_grade_intellectual_mental, max_grade
    )
    limit = ops.where(intellectual_or_mental, special, max_grade)
    return grade <= limit, limit


def similar_rule(ops: Ops, *, amount: Any, other: Any) -> Any:
    """择高 (52号 二(四)): whether the subsidy is paid, being higher than a similar allowance.

    A tie keeps the other allowance.

    .. versionadded:: 0.1.0
    """
    return amount > other


@attrs.frozen
class _Case:
    """What both decisions share: the person, the place, the date, the book."""

    household: Household
    person: Person
    where: str
    on: dt.date
    book: ParameterBook
    layer: AssistanceLayer | None
    in_extreme_poverty: bool | None
    layer_decides: bool
    extreme_poverty_missing: tuple[str, ...]
    facts: DisabilitySubsidyFacts

    @property
    def subject(self) -> str:
        return f"{self.household.id} ({self.person.label})"

    @property
    def minor(self) -> bool:
        return self.person.age_on(self.on) < _ADULT_AGE


def assess_person(
    household: Household,
    person_id: str,
    on: dt.date,
    *,
    layer: AssistanceLayer | None,
    in_extreme_poverty: bool | None = None,
    facts: DisabilitySubsidyFacts | None = None,
    jurisdiction: str | None = None,
    book: ParameterBook | None = None,
    extreme_poverty_decision: Decision | None = None,
) -> tuple[Decision, Decision]:
    """Decide the living subsidy and the care subsidy for the member ``person_id``.

    Returns ``(living, care)``.  ``layer`` is the household's assistance
    layer; ``in_extreme_poverty`` says whether the person is in 特困 support
    (``None``: whether ``layer`` is ``EXTREME_POVERTY``).  Instead of
    ``in_extreme_poverty`` the person's own 特困 decision may be given as
    ``extreme_poverty_decision``: meeting every 特困 condition (even with the
    amount undecided) excludes both subsidies, and conditions not yet decided
    make them "cannot decide" with that decision's missing facts (unless
    another condition fails).

    A ``layer`` of ``None`` is a layer not established (the household's own
    decision could not be made): the living subsidy cannot be decided (missing
    ``layer``) unless another condition fails, and neither can 特困 support
    when neither ``in_extreme_poverty`` nor a decision says it.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 ``layer`` may be ``None``: not established.
    """
    case = _case_of(
        household,
        person_id,
        on,
        layer=layer,
        in_extreme_poverty=in_extreme_poverty,
        facts=facts,
        jurisdiction=jurisdiction,
        book=book,
        extreme_poverty_decision=extreme_poverty_decision,
    )
    return _living(case), _care(case)


def _case_of(
    household: Household,
    person_id: str,
    on: dt.date,
    *,
    layer: AssistanceLayer | None,
    in_extreme_poverty: bool | None,
    facts: DisabilitySubsidyFacts | None,
    jurisdiction: str | None,
    book: ParameterBook | None,
    extreme_poverty_decision: Decision | None,
) -> _Case:
    """Check :func:`assess_person`'s arguments and gather what both decisions share."""
    if layer is not None and not isinstance(layer, AssistanceLayer):
        raise InvalidInputError("layer", layer, "an AssistanceLayer")
    person = household.member(person_id).person
    extreme_missing: tuple[str, ...] = ()
    if extreme_poverty_decision is not None:
        if in_extreme_poverty is not None:
            raise InvalidInputError(
                "in_extreme_poverty", in_extreme_poverty, "None when a 特困 decision is given"
            )
        if not isinstance(extreme_poverty_decision, Decision):
            raise InvalidInputError(
                "extreme_poverty_decision", type(extreme_poverty_decision).__name__, "a Decision"
            )
        if extreme_poverty_decision.subject != f"{household.id} ({person.label})":
            raise InvalidInputError(
                "extreme_poverty_decision.subject",
                extreme_poverty_decision.subject,
                "the 特困 decision of this person",
            )
        if extreme_poverty_decision.as_of != on:
            raise InvalidInputError(
                "extreme_poverty_decision.as_of",
                extreme_poverty_decision.as_of.isoformat(),
                f"the same as-of date {on.isoformat()}",
            )
        met = extreme_poverty.meets_conditions(extreme_poverty_decision)
        if met is None:
            extreme_missing = extreme_poverty_decision.missing or ("extreme_poverty_decision",)
        else:
            in_extreme_poverty = met
    elif in_extreme_poverty is None and layer is None:
        extreme_missing = ("layer",)  # 特困 support as the layer says, which is not known
    undecided = bool(extreme_missing)
    return _Case(
        household=household,
        person=person,
        where=jurisdiction or person.registration.jurisdiction,
        on=on,
        book=book or default_book(),
        layer=layer,
        in_extreme_poverty=(
            None
            if undecided
            else layer is AssistanceLayer.EXTREME_POVERTY
            if in_extreme_poverty is None
            else in_extreme_poverty
        ),
        layer_decides=in_extreme_poverty is None and not undecided,
        extreme_poverty_missing=extreme_missing,
        facts=facts if facts is not None else DisabilitySubsidyFacts(),
    )


def assess(
    household: Household,
    on: dt.date,
    *,
    layer: AssistanceLayer,
    in_extreme_poverty: Mapping[str, bool] | None = None,
    facts: Mapping[str, DisabilitySubsidyFacts] | None = None,
    jurisdiction: str | None = None,
    book: ParameterBook | None = None,
) -> tuple[tuple[Decision, Decision], ...]:
    """Decide both subsidies for every member of ``household``, in member order.

    ``in_extreme_poverty`` and ``facts`` map member ids to that member's
    facts; members left out take the defaults of :func:`assess_person`.

    .. versionadded:: 0.1.0
    """
    in_extreme_poverty = in_extreme_poverty or {}
    facts = facts or {}
    return tuple(
        assess_person(
            household,
            member.person.id,
            on,
            layer=layer,
            in_extreme_poverty=in_extreme_poverty.get(member.person.id),
            facts=facts.get(member.person.id),
            jurisdiction=jurisdiction,
            book=book,
        )
        for member in household.members
    )


def _of_application(
    application: DisabilitySubsidyApplication,
    on: dt.date,
    jurisdiction: str | None,
    book: ParameterBook | None,
) -> _Case:
    """Gather the member an application names, with its facts.

    Each application face decides its own subsidy only: the care subsidy is not held up
    by a living-subsidy parameter not in force (nor the other way round).
    """
    return _case_of(
        application.household,
        application.person,
        on,
        layer=application.layer,
        in_extreme_poverty=application.in_extreme_poverty,
        facts=application.facts,
        jurisdiction=jurisdiction,
        book=book,
        extreme_poverty_decision=None,
    )


def assess_living_application(
    application: DisabilitySubsidyApplication,
    on: dt.date,
    *,
    jurisdiction: str | None = None,
    book: ParameterBook | None = None,
) -> Decision:
    """Decide the living subsidy for one :class:`DisabilitySubsidyApplication`.

    .. versionadded:: 0.1.0
    """
    return _living(_of_application(application, on, jurisdiction, book))


def assess_care_application(
    application: DisabilitySubsidyApplication,
    on: dt.date,
    *,
    jurisdiction: str | None = None,
    book: ParameterBook | None = None,
) -> Decision:
    """Decide the care subsidy for one :class:`DisabilitySubsidyApplication`.

    .. versionadded:: 0.1.0
    """
    return _care(_of_application(application, on, jurisdiction, book))


def _common(case: _Case, tally: Tally) -> bool:
    """Add the conditions both subsidies share; return whether the person holds a certificate."""
    if not tally.add(
        registration_reason(
            case.person, case.where, within=R_REGISTRATION, elsewhere=R_REGISTRATION_ELSEWHERE
        )
    ).met:
        return False
    disability = case.person.disability
    if disability is None:
        tally.add(R_NO_CERTIFICATE.reason(False))
        return False
    tally.add(
        R_CERTIFICATE.reason(
            True,
            category=disability.category.zh,
            category_en=disability.category.en,
            grade=str(disability.grade),
        )
    )
    if case.in_extreme_poverty:
        tally.add(
            R_EXTREME_POVERTY.reason(
                False,
                source="(家庭分层)" if case.layer_decides else "",
                source_en=" (the household's layer)" if case.layer_decides else "",
            )
        )
    elif case.in_extreme_poverty is None:
        paths = case.extreme_poverty_missing
        tally.add(R_EXTREME_POVERTY_UNKNOWN.reason(None, paths=", ".join(paths) or "-"), paths)
    if case.facts.work_injury_care_allowance is None:
        tally.add(R_WORK_INJURY_UNKNOWN.reason(None), ("$.facts.work_injury_care_allowance",))
    elif case.facts.work_injury_care_allowance:
        tally.add(R_WORK_INJURY.reason(False))
    return True


def _finish(tally: Tally, programme_code: str, case: _Case, amount: Amount | None) -> Decision:
    if tally.outcome is Outcome.CANNOT_DECIDE:
        tally.add(R_MISSING.reason(None, paths=", ".join(tally.missing)))
    paid = tally.outcome is Outcome.ELIGIBLE and amount is not None
    payable = _payable(programme_code, case) if paid else None
    return tally.decision(
        programme_code,
        case.subject,
        case.on,
        case.where,
        amount,
        person=case.person.id,
        payable=payable,
    )


def _payable(programme_code: str, case: _Case) -> PayablePeriod:
    """Return the payable months: from ``<programme>.payable.first_month_offset`` months on.

    No text read says when the subsidies start (52号's text is not on disk;
    its 申领程序 as restated locally speaks of application and review, not of
    the first month), so the month after the decision — the 低保 and 特困 rule
    (民发〔2021〕57号 art. 21, 民发〔2021〕43号 art. 17) — ships as example data.
    Payment is open-ended: it stops when the conditions no longer hold.
    """
    offset, used = case.book.count(
        f"{programme_code}.payable.first_month_offset", case.where, case.on
    )
    first = add_months(case.on.replace(day=1), offset)
    return PayablePeriod(first, _PAYABLE, parameters=(used,))


def _paid(
    tally: Tally,
    programme_code: str,
    case: _Case,
    line: AmountLine,
    similar: tuple[Decimal | None, str, str],
) -> Decision:
    """Pay the subsidy ``line`` monthly, unless a similar allowance is not lower (择高)."""
    other, kind, kind_en = similar
    _similar(tally, other, line.amount, (kind, kind_en))
    return _finish(tally, programme_code, case, Amount(line.amount, Period.MONTHLY, (line,)))


def _similar(tally: Tally, other: Decimal | None, amount: Decimal, kind: tuple[str, str]) -> None:
    """择高: pay this subsidy only if it is higher than a similar allowance the person has."""
    if other is None:
        return
    higher = bool(similar_rule(SCALAR, amount=amount, other=other))
    tally.add(
        R_SIMILAR.reason(
            higher,
            kind=kind[0],
            kind_en=kind[1],
            other=format_yuan(other, "exact"),
            amount=format_yuan(amount, "exact"),
            relation="低于" if higher else "不低于",
            relation_en="below" if higher else "not below",
            chosen="本项补贴" if higher else "同类补贴(津贴)",
            chosen_en="this subsidy" if higher else "the similar allowance",
        )
    )


def _living(case: _Case) -> Decision:
    """困难残疾人生活补贴: certificate holders in dibao households (52号 二(一))."""
    tally = Tally()
    if not _common(case, tally):
        return _finish(tally, LIVING_PROGRAMME.code, case, None)
    if case.minor:
        child = child_code(case.facts)
        barred, unknown = living_child_rule(SCALAR, minor=True, child=child)
        if case.facts.child_allowance_kind is not None:
            _living_child_kind(tally, case.facts.child_allowance_kind)
        else:
            _living_child(tally, placed=None if unknown else barred)
    book, where, on, layer = case.book, case.where, case.on, case.layer
    if layer is None:
        tally.add(
            R_LIVING_LAYER.reason(
                None,
                layer="尚未确定",
                layer_en="not established",
                extension="",
                extension_en="",
            ),
            ["layer"],
        )
        return _finish(tally, LIVING_PROGRAMME.code, case, None)
    used: list[ParameterValue] = []
    extended = False
    if layer is AssistanceLayer.MARGINAL:
        extended, extended_used = book.flag(f"{_LIVING_PREFIX}.extend_to_marginal", where, on)
        used.append(extended_used)
    which = living_amount_rule(
        SCALAR,
        dibao=layer is AssistanceLayer.DIBAO,
        marginal=layer is AssistanceLayer.MARGINAL,
        extended=extended,
    )
    name = _LIVING_AMOUNTS.get(which)
    if layer is AssistanceLayer.DIBAO:
        extension, extension_en = "", ""
    elif layer is AssistanceLayer.MARGINAL and extended:
        extension, extension_en = ",本地扩大到低保边缘家庭", ", to which it is extended here"
    elif layer is AssistanceLayer.MARGINAL:
        extension, extension_en = ",本地未扩大到低保边缘家庭", ", to which it is not extended"
    else:
        extension, extension_en = ",不属于低保家庭", ", not a dibao household"
    tally.add(
        R_LIVING_LAYER.reason(
            name is not None,
            used,
            layer=layer.zh,
            layer_en=layer.en,
            extension=extension,
            extension_en=extension_en,
        )
    )
    if name is None or tally.outcome is not Outcome.ELIGIBLE:
        return _finish(tally, LIVING_PROGRAMME.code, case, None)
    value, value_used = book.money(name, where, on)
    tally.add(R_LIVING_AMOUNT.reason(None, (value_used,), amount=format_yuan(value, "exact")))
    line = AmountLine("living_subsidy", "困难残疾人生活补贴", "living subsidy", value)
    other = case.facts.other_living_allowance
    return _paid(tally, LIVING_PROGRAMME.code, case, line, (other, "生活", "living"))


def _living_child(tally: Tally, *, placed: bool | None) -> None:
    """Refuse the living subsidy to a child under the orphan / 事实无人抚养 allowance."""
    if placed is None:
        tally.add(
            R_LIVING_CHILD.reason(
                None,
                state="是否享受孤儿或事实无人抚养儿童基本生活保障尚未确定",
                state_en="whether the child is under the orphan or 事实无人抚养 allowance is "
                "not established",
            ),
            ["$.facts.child_allowance"],
        )
    elif placed:
        tally.add(
            R_LIVING_CHILD.reason(
                False,
                state="享受孤儿或事实无人抚养儿童基本生活保障,不享受困难残疾人生活补贴",
                state_en="under the orphan or 事实无人抚养 allowance, so no living subsidy",
            )
        )
    else:
        tally.add(
            R_LIVING_CHILD.reason(
                True,
                state="未享受孤儿或事实无人抚养儿童基本生活保障",
                state_en="not under the orphan or 事实无人抚养 allowance",
            )
        )


def _living_child_kind(tally: Tally, kind: ChildAllowance) -> None:
    """Decide the living subsidy by the children's allowance received, and how (62号 三(一))."""
    if kind is ChildAllowance.ORPHAN:
        tally.add(R_LIVING_ORPHAN.reason(False))
    elif kind is ChildAllowance.UNSUPPORTED_IN_FULL:
        tally.add(R_LIVING_UNSUPPORTED_IN_FULL.reason(False))
    elif kind is ChildAllowance.UNSUPPORTED_TOP_UP:
        tally.add(R_LIVING_UNSUPPORTED_TOP_UP.reason(True))
    else:
        _living_child(tally, placed=False)


def _care(case: _Case) -> Decision:
    """重度残疾人护理补贴: grade 1–2 (or as extended) needing long-term care (52号 二(一))."""
    tally = Tally()
    if not _common(case, tally):
        return _finish(tally, CARE_PROGRAMME.code, case, None)
    disability = case.person.disability
    assert disability is not None  # noqa: S101 - _common returned True
    book, where, on = case.book, case.where, case.on
    if case.minor and case.facts.receives_child_allowance:
        tally.add(R_CARE_CHILD.reason(None))
    limit, limit_used = book.count(f"{_CARE_PREFIX}.max_grade", where, on)
    used = [limit_used]
    special = limit
    intellectual_or_mental = disability.category in (
        DisabilityCategory.INTELLECTUAL,
        DisabilityCategory.MENTAL,
    )
    if intellectual_or_mental:
        special, special_used = book.count(
            f"{_CARE_PREFIX}.max_grade_intellectual_mental", where, on
        )
        used.append(special_used)
    covered, limit = care_grade_rule(
        SCALAR,
        grade=disability.grade,
        intellectual_or_mental=intellectual_or_mental,
        max_grade=limit,
        max_grade_intellectual_mental=special,
    )
    tally.add(
        R_CARE_GRADE.reason(
            covered,
            used,
            category=disability.category.zh,
            category_en=disability.category.en,
            grade=str(disability.grade),
            limit=str(limit),
            relation="属于" if covered else "不属于",
            relation_en="within" if covered else "not within",
        )
    )
    need = case.facts.needs_long_term_care
    if need is None:
        tally.add(
            R_CARE_NEED.reason(
                None,
                state="是否需要长期照护(6个月以上)尚未确定",
                state_en="whether long-term care (more than six months) is needed is not "
                "established",
            ),
            ["$.facts.needs_long_term_care"],
        )
    else:
        tally.add(
            R_CARE_NEED.reason(
                need,
                state="需要长期照护(6个月以上)" if need else "不需要长期照护",
                state_en="needs long-term care (more than six months)"
                if need
                else "does not need long-term care",
            )
        )
    if tally.outcome is not Outcome.ELIGIBLE:
        return _finish(tally, CARE_PROGRAMME.code, case, None)
    value, value_used = book.money(f"{_CARE_PREFIX}.amount.grade_{disability.grade}", where, on)
    tally.add(
        R_CARE_AMOUNT.reason(
            None, (value_used,), grade=str(disability.grade), amount=format_yuan(value, "exact")
        )
    )
    line = AmountLine("care_subsidy", "重度残疾人护理补贴", "care subsidy", value)
    other = case.facts.other_care_allowance
    return _paid(tally, CARE_PROGRAMME.code, case, line, (other, "护理", "care"))
