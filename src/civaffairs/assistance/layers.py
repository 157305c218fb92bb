"""分层分类社会救助: every assistance decision for one household, and the layer it is in.

The layered assistance system (国办发〔2023〕39号 [number recalled]; 中办 国办 2020 意见)
places low-income people in layers, from the most to the least protected:
特困人员 > 低保 > 低保边缘家庭 > 刚性支出困难家庭 > none
(:class:`~civaffairs.entities.AssistanceLayer`).  A monitoring system that screens
households proactively (主动发现) needs them all at once; :func:`assess_layers`
decides, in this order:

1. **Children** — the orphan / 事实无人抚养 allowance for every member
   (:mod:`civaffairs.assistance.children`).  A member found to be under it is
   passed on as such to 特困 and to the disability subsidies (they do not
   overlap), unless the caller's own facts already say.
2. **特困** — every member (:mod:`civaffairs.assistance.extreme_poverty`).
3. **低保** for the household (:mod:`civaffairs.assistance.dibao`), then
   **低保边缘** (:mod:`civaffairs.assistance.marginal`) and **刚性支出困难**
   (:mod:`civaffairs.assistance.rigid_expenditure`), each given the decisions
   above it so that a household in a higher layer is never placed in a lower one.
   A member who meets every 特困 condition counts as 特困 even while the
   amount (care tier, support arrangement) is undecided.  No double coverage:
   such a member is supported once, by 特困, and left out of the household's
   低保 and 低保边缘 (members, income, amount;
   ``assistance.dibao.members.exclude_extreme_poverty``), so the rest of the
   household is judged on its own.  A member whose conditions are undecided
   makes those decisions "cannot decide" only where counting them or not
   changes the outcome.
4. **Layers** — each member's layer is the most protected that applies to
   them: 特困 when they meet every condition of their own 特困 decision
   (:func:`civaffairs.assistance.extreme_poverty.meets_conditions`); 低保 when the household
   receives dibao as a whole and they are a counted family member, or when they
   are covered alone (单人户, found with
   :func:`civaffairs.assistance.dibao.single_person_rule`, as the dibao
   decision records them); otherwise the
   household's marginal or rigid-expenditure recognition when they are a
   counted member; else none.  The household's layer is the most protected of
   its members' layers.  Only eligible decisions place anyone: a decision that
   cannot be decided places nobody, and the assessment lists it
   (``assistance.layers.undecided``) with the facts it lacks — the leads a case worker
   follows up.
5. **The two disability subsidies** for every member, given that member's
   layer and 特困 decision (:mod:`civaffairs.assistance.disability_subsidies`).
6. **临时救助** for each hardship event given
   (:mod:`civaffairs.assistance.temporary`).

``jurisdiction`` is passed to every programme unchanged; when ``None`` each
decides where it would by default (the household programmes at the applicant's
place of registration, the person-level ones at the person's).  Parameter errors
propagate, as everywhere: a date a programme's data does not cover raises rather
than guessing.  (刚性支出困难家庭 is simply not recognised before its measures are
in force, 2025-01-01: that decision is "not eligible" and the rest runs.)

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import attrs

from civaffairs import jurisdictions, registry
from civaffairs.assistance import (
    children,
    dibao,
    disability_subsidies,
    extreme_poverty,
    marginal,
    rigid_expenditure,
    temporary,
)
from civaffairs.assistance.children import ChildFacts
from civaffairs.assistance.disability_subsidies import DisabilitySubsidyFacts
from civaffairs.assistance.extreme_poverty import ExtremePovertyFacts
from civaffairs.assistance.temporary import HardshipEvent
from civaffairs.decisions import (
    Citation,
    Decision,
    Document,
    Language,
    Outcome,
    Programme,
    Reason,
    ReasonCode,
    programmes,
)
from civaffairs.entities import AssistanceLayer, Household
from civaffairs.errors import InvalidInputError
from civaffairs.money import format_yuan
from civaffairs.parameters import ParameterBook, default_book

__all__ = [
    "LOW_INCOME_MONITORING_OPINION",
    "LayeredAssessment",
    "LayeredRequest",
    "MemberFacts",
    "MemberLayer",
    "assess_layers",
    "assess_request",
    "layer_label",
]

#: 国办发〔2023〕39号 (number recalled): low-income monitoring and layered assistance.
LOW_INCOME_MONITORING_OPINION = Document(
    "关于加强低收入人口动态监测做好分层分类社会救助工作的意见",
    "国办发〔2023〕39号",
    en="Opinion on dynamic monitoring of low-income people and layered, classified assistance",
)

_LAYERS = Citation(
    LOW_INCOME_MONITORING_OPINION,
    "二、合理确定低收入人口范围",
    note="section read (低保对象, 特困人员, 防止返贫监测对象, 低保边缘家庭成员, "
    "刚性支出困难家庭成员, 其他困难人员); the document number is recalled, not in the text read",
)
_MONITORING = Citation(
    LOW_INCOME_MONITORING_OPINION,
    "三(三) 加强动态监测",
    note="section read (及时、主动发现需要救助的困难群众); the document number is recalled",
)

R_EXTREME_POVERTY = ReasonCode.define(
    "assistance.layers.extreme_poverty",
    "{person} 为特困人员",
    "{person} is supported as a person in extreme poverty",
    _LAYERS,
)
R_DIBAO = ReasonCode.define(
    "assistance.layers.dibao",
    "家庭整体享受最低生活保障, 共同生活的家庭成员 {count} 人",
    "the household receives dibao as a whole; {count} family member(s)",
    _LAYERS,
)
R_DIBAO_ALONE = ReasonCode.define(
    "assistance.layers.dibao_single_person",
    "{person} 按单人户纳入最低生活保障",
    "{person} is covered by dibao alone (single-person inclusion)",
    _LAYERS,
)
R_DIBAO_PENDING = ReasonCode.define(
    "assistance.layers.dibao_pending_extreme_poverty",
    "{person} 是否符合特困人员条件尚未确定: 如符合, 为特困人员; 如不符合, 享受最低生活保障; "
    "至少属于最低生活保障层",
    "whether {person} meets the extreme-poverty conditions is not decided: if so, they are "
    "supported as extreme poverty; if not, they receive dibao; at least the dibao layer",
    _LAYERS,
)
R_MARGINAL = ReasonCode.define(
    "assistance.layers.marginal",
    "家庭为低保边缘家庭",
    "the household is a marginal low-income household",
    _LAYERS,
)
R_RIGID = ReasonCode.define(
    "assistance.layers.rigid_expenditure",
    "家庭为刚性支出困难家庭, 认定有效期至 {valid_until}",
    "the household is a rigid-expenditure household, recognised until {valid_until}",
    _LAYERS,
)
R_UNDECIDED = ReasonCode.define(
    "assistance.layers.undecided",
    "以下认定因缺少事实无法判定, 核实后层级可能提高: {items}",
    "these cannot be decided until facts are established, which may raise the layer: {items_en}",
    _MONITORING,
)
R_LAYER = ReasonCode.define(
    "assistance.layers.household_layer",
    "家庭所在层级: {layer}",
    "the household's layer: {layer_en}",
    _LAYERS,
)


def layer_label(layer: AssistanceLayer, lang: Language = "zh") -> str:
    """Return the name of ``layer`` in ``lang``.

    .. versionadded:: 0.1.0
    .. deprecated:: 0.1.0 Use the layer's own label, ``layer.label(lang)``.
    """
    return layer.label(lang)


def _person_id(_instance: object, _attribute: object, value: Any) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError("$.person", value, "the id of a member of the household")


def _optional(kind: type, path: str, expected: str) -> Any:
    def check(_instance: object, _attribute: object, value: Any) -> None:
        if value is not None and not isinstance(value, kind):
            raise InvalidInputError(path, type(value).__name__, expected)

    return check


@attrs.frozen
class MemberFacts:
    """Facts about one member beyond the household, for the person-level programmes.

    ``person`` is the member's id; each group of facts is ``None`` (nothing
    established) or the programme's own facts class.

    .. versionadded:: 0.1.0
    """

    person: str = attrs.field(validator=_person_id)
    extreme_poverty: ExtremePovertyFacts | None = attrs.field(
        default=None,
        validator=_optional(ExtremePovertyFacts, "$.extreme_poverty", "extreme-poverty facts"),
    )
    disability: DisabilitySubsidyFacts | None = attrs.field(
        default=None,
        validator=_optional(DisabilitySubsidyFacts, "$.disability", "disability-subsidy facts"),
    )
    child: ChildFacts | None = attrs.field(
        default=None, validator=_optional(ChildFacts, "$.child", "orphan-allowance facts")
    )


def _facts(value: Iterable[MemberFacts]) -> tuple[MemberFacts, ...]:
    return tuple(value)


def _events(value: Iterable[HardshipEvent]) -> tuple[HardshipEvent, ...]:
    return tuple(value)


@attrs.frozen
class LayeredRequest:
    """A household with its members' facts and hardship events: the JSON input of the screen.

    .. versionadded:: 0.1.0
    """

    household: Household
    facts: tuple[MemberFacts, ...] = attrs.field(default=(), converter=_facts)
    events: tuple[HardshipEvent, ...] = attrs.field(default=(), converter=_events)


@attrs.frozen
class MemberLayer:
    """One member's layer: ``person`` is the member's id, ``subject`` how they are named.

    ``subject`` is :attr:`~civaffairs.entities.Person.label`: the id, the masked form beside it.

    .. versionadded:: 0.1.0
    """

    person: str
    subject: str
    layer: AssistanceLayer


@attrs.frozen
class LayeredAssessment:
    """Every assistance decision for a household and its members, and its layer.

    Per-member tuples (``extreme_poverty``, ``children``, ``disability_living``,
    ``disability_care``) and ``members`` follow the household's member order;
    ``temporary`` follows the events.

    .. versionadded:: 0.1.0
    """

    household: str
    subject: str
    as_of: dt.date
    jurisdiction: str
    layer: AssistanceLayer
    members: tuple[MemberLayer, ...]
    reasons: tuple[Reason, ...]
    dibao: Decision
    marginal: Decision
    rigid_expenditure: Decision
    extreme_poverty: tuple[Decision, ...]
    children: tuple[Decision, ...]
    disability_living: tuple[Decision, ...]
    disability_care: tuple[Decision, ...]
    temporary: tuple[Decision, ...] = ()

    @property
    def decisions(self) -> tuple[Decision, ...]:
        """Every decision, household programmes first."""
        return (
            self.dibao,
            self.marginal,
            self.rigid_expenditure,
            *self.extreme_poverty,
            *self.children,
            *self.disability_living,
            *self.disability_care,
            *self.temporary,
        )

    @property
    def eligible(self) -> tuple[Decision, ...]:
        """The decisions that grant something."""
        return tuple(d for d in self.decisions if d.eligible)

    @property
    def undecided(self) -> tuple[Decision, ...]:
        """The decisions that cannot be decided until facts are established."""
        return tuple(d for d in self.decisions if d.outcome is Outcome.CANNOT_DECIDE)

    @property
    def missing(self) -> tuple[str, ...]:
        """Every missing fact, as ``programme subject: path``."""
        return tuple(
            f"{d.programme} {d.subject}: {path}" for d in self.undecided for path in d.missing
        )

    @property
    def uses_example_data(self) -> bool:
        """Whether any decision behind the picture uses example data."""
        return any(d.uses_example_data for d in self.decisions)

    def member_layer(self, person_id: str) -> AssistanceLayer:
        """Return the layer of the member ``person_id``."""
        for member in self.members:
            if member.person == person_id:
                return member.layer
        raise InvalidInputError("$.members", person_id, "the id of a member of this household")

    def render(self, lang: Language = "zh") -> str:
        """Render the picture as plain text: the layer, each member, the reasons, each decision."""
        return _render(self, lang)


def assess_request(
    request: LayeredRequest,
    on: dt.date,
    *,
    jurisdiction: str | None = None,
    book: ParameterBook | None = None,
) -> LayeredAssessment:
    """Assess a :class:`LayeredRequest`; see :func:`assess_layers`.

    .. versionadded:: 0.1.0
    """
    return assess_layers(
        request.household,
        on,
        jurisdiction=jurisdiction,
        book=book,
        facts=request.facts,
        events=request.events,
    )


def _facts_by_member(household: Household, facts: Iterable[MemberFacts]) -> dict[str, MemberFacts]:
    known = {m.person.id for m in household.members}
    found: dict[str, MemberFacts] = {}
    for index, item in enumerate(facts):
        if not isinstance(item, MemberFacts):
            raise InvalidInputError(f"$.facts[{index}]", type(item).__name__, "member facts")
        if item.person not in known:
            raise InvalidInputError(
                f"$.facts[{index}].person", item.person, f"the id of a member ({sorted(known)})"
            )
        if item.person in found:
            raise InvalidInputError(
                f"$.facts[{index}].person", item.person, "one entry of facts per member"
            )
        found[item.person] = item
    return found


def _under_child_allowance(decision: Decision) -> bool | None:
    """Whether a member is under the orphan / 事实无人抚养 allowance, as far as decided."""
    if decision.outcome is Outcome.CANNOT_DECIDE:
        return None
    return decision.eligible


def _person_programmes(
    household: Household, on: dt.date, own: dict[str, MemberFacts], options: dict[str, Any]
) -> tuple[dict[str, Decision], dict[str, Decision]]:
    """Decide the child allowance, then 特困 (told who is under a child allowance), per member."""
    child = {
        pid: children.assess_person(household, pid, on, facts=facts.child, **options)
        for pid, facts in own.items()
    }
    extreme = {}
    for pid, facts in own.items():
        ep_facts = facts.extreme_poverty or ExtremePovertyFacts()
        if ep_facts.child_allowance is None:
            ep_facts = attrs.evolve(ep_facts, child_allowance=_under_child_allowance(child[pid]))
        one = extreme_poverty.assess_person(household, pid, on, facts=ep_facts, **options)
        # The member by id (Decision.person), for the household programmes to match on.
        extreme[pid] = one if one.person is not None else attrs.evolve(one, person=pid)
    return child, extreme


def _member_layers(
    household: Household,
    *,
    extreme: dict[str, Decision],
    counted_ids: list[str],
    alone: set[str],
    household_decisions: tuple[Decision, Decision, Decision],
    tentative: Decision | None = None,
) -> tuple[dict[str, AssistanceLayer], list[Reason]]:
    """Place each member in the most protected layer that applies to them, with reasons.

    ``tentative`` is the 低保 decision taken as if the members whose 特困 conditions are
    undecided were not 特困 (given when that changes the decision): it places those
    members only — at least in 低保, since 特困 would place them higher.
    """
    whole, edge, rigid = household_decisions
    as_a_whole = whole.eligible and not alone
    pending_alone = _covered_alone(tentative) if tentative is not None else set()
    pending_whole = (
        tentative is not None
        and tentative.eligible
        and dibao.R_SINGLE_PERSON.code not in tentative.codes
    )
    reasons: list[Reason] = []
    layers: dict[str, AssistanceLayer] = {}
    for member in household.members:
        pid, person = member.person.id, member.person
        counted = pid in counted_ids
        met = extreme_poverty.meets_conditions(extreme[pid])
        if met:
            layers[pid] = AssistanceLayer.EXTREME_POVERTY
            reasons.append(R_EXTREME_POVERTY.reason(True, person=person.label))
        elif met is None and (pid in pending_alone or (counted and pending_whole)):
            layers[pid] = AssistanceLayer.DIBAO
            reasons.append(R_DIBAO_PENDING.reason(True, person=person.label))
        elif pid in alone:
            layers[pid] = AssistanceLayer.DIBAO
            reasons.append(R_DIBAO_ALONE.reason(True, person=person.label))
        elif counted and as_a_whole:
            layers[pid] = AssistanceLayer.DIBAO
        elif counted and edge.eligible:
            layers[pid] = AssistanceLayer.MARGINAL
        elif counted and rigid.eligible:
            layers[pid] = AssistanceLayer.RIGID_EXPENDITURE
        else:
            layers[pid] = AssistanceLayer.NONE
    if as_a_whole:
        # The members dibao counts: a 特困 member is supported once, by 特困 (not counted).
        in_dibao = sum(1 for pid in counted_ids if layers[pid] is AssistanceLayer.DIBAO)
        reasons.append(R_DIBAO.reason(True, count=str(in_dibao)))
    if edge.eligible:
        reasons.append(R_MARGINAL.reason(True))
    if rigid.eligible:
        end = rigid_expenditure.validity_end(rigid)
        reasons.append(R_RIGID.reason(True, valid_until=end.isoformat() if end else "-"))
    return layers, reasons


def _covered_alone(whole: Decision) -> set[str]:
    """Return the ids of the members dibao covers alone (单人户), as its decision records them."""
    if not whole.eligible:
        return set()
    return {
        dict(reason.facts)["member"]
        for reason in whole.reasons
        if reason.code == dibao.R_SINGLE_PERSON.code
    }


def assess_layers(
    household: Household,
    on: dt.date,
    *,
    jurisdiction: str | None = None,
    book: ParameterBook | None = None,
    facts: Iterable[MemberFacts] = (),
    events: Iterable[HardshipEvent] = (),
) -> LayeredAssessment:
    """Decide every assistance programme for ``household`` on ``on`` and place it in a layer.

    ``facts`` gives, per member, the facts the person-level programmes need
    beyond the household (see :class:`MemberFacts`); ``events`` the hardship
    events to decide temporary assistance for.  See the module docstring for
    the order and the layer rule.

    .. versionadded:: 0.1.0
    """
    book = book or default_book()
    by_member = _facts_by_member(household, facts)
    events = tuple(events)
    applicant = household.applicant.person
    where = jurisdiction or applicant.registration.jurisdiction
    ids = [m.person.id for m in household.members]
    own = {pid: by_member.get(pid, MemberFacts(pid)) for pid in ids}
    options: dict[str, Any] = {"jurisdiction": jurisdiction, "book": book}

    # 1-2. Children, then 特困 knowing who is under a child allowance.
    child, extreme = _person_programmes(household, on, own, options)
    extreme_all = tuple(extreme[pid] for pid in ids)

    # 3. The household programmes, each told about the layers above it.
    whole, edge, rigid = _household_programmes(household, on, extreme_all, options)

    # 4. Layers.
    layers, reasons = _place(household, on, extreme, (whole, edge, rigid), options)
    layer = min(layers.values(), key=lambda value: value.rank)

    # 5. The disability subsidies, given each member's layer and 特困 status.
    subsidies = [
        _disability_subsidies(
            household,
            pid,
            on,
            own=own[pid],
            decided=(child[pid], extreme[pid]),
            layer=layers[pid],
            options=options,
        )
        for pid in ids
    ]
    living = [one for one, _ in subsidies]
    care = [two for _, two in subsidies]

    # 6. Temporary assistance, one decision per event.
    temporary_decisions = tuple(
        _temporary(household, event, index, on, options) for index, event in enumerate(events)
    )

    assessment = LayeredAssessment(
        household=household.id,
        subject=f"{household.id} ({applicant.masked})",
        as_of=on,
        jurisdiction=where,
        layer=layer,
        members=tuple(
            MemberLayer(pid, household.member(pid).person.label, layers[pid]) for pid in ids
        ),
        reasons=(),
        dibao=whole,
        marginal=edge,
        rigid_expenditure=rigid,
        extreme_poverty=extreme_all,
        children=tuple(child[pid] for pid in ids),
        disability_living=tuple(living),
        disability_care=tuple(care),
        temporary=temporary_decisions,
    )
    if assessment.undecided:
        reasons.append(
            R_UNDECIDED.reason(
                None,
                items="; ".join(_undecided(d, "zh") for d in assessment.undecided),
                items_en="; ".join(_undecided(d, "en") for d in assessment.undecided),
            )
        )
    reasons.append(R_LAYER.reason(None, layer=layer.zh, layer_en=layer.en))
    return attrs.evolve(assessment, reasons=tuple(reasons))


def _place(
    household: Household,
    on: dt.date,
    extreme: dict[str, Decision],
    decided: tuple[Decision, Decision, Decision],
    options: dict[str, Any],
) -> tuple[dict[str, AssistanceLayer], list[Reason]]:
    """Step 4: each member's layer (:func:`_member_layers`) from the decisions taken."""
    whole = decided[0]
    counted, _excluded, _missing = dibao.counted_members(household, on)
    tentative = None
    if dibao.R_EXTREME_POVERTY_UNKNOWN.code in whole.codes:
        # Whether some members are 特困 is undecided, and it changes 低保: place those members
        # by the decision taken as if they were not (特困 would place them higher still).
        known = tuple(
            extreme[m.person.id]
            for m in household.members
            if extreme_poverty.meets_conditions(extreme[m.person.id])
        )
        tentative = dibao.assess(household, on, extreme_poverty=known, **options)
    return _member_layers(
        household,
        extreme=extreme,
        counted_ids=[m.person.id for _, m in counted],
        alone=_covered_alone(whole),
        household_decisions=decided,
        tentative=tentative,
    )


def _household_programmes(
    household: Household, on: dt.date, extreme: tuple[Decision, ...], options: dict[str, Any]
) -> tuple[Decision, Decision, Decision]:
    """Step 3: 低保, 低保边缘 and 刚性支出困难, each told the decisions of the layers above it."""
    whole = dibao.assess(household, on, extreme_poverty=extreme, **options)
    edge = marginal.assess(household, on, dibao_decision=whole, extreme_poverty=extreme, **options)
    rigid = rigid_expenditure.assess(
        household,
        on,
        dibao_decision=whole,
        marginal_decision=edge,
        extreme_poverty=extreme,
        **options,
    )
    return whole, edge, rigid


def _disability_subsidies(
    household: Household,
    pid: str,
    on: dt.date,
    *,
    own: MemberFacts,
    decided: tuple[Decision, Decision],
    layer: AssistanceLayer,
    options: dict[str, Any],
) -> tuple[Decision, Decision]:
    """Step 5: one member's two subsidies, given their layer and their child and 特困 decisions."""
    child, extreme = decided
    ds_facts = own.disability or DisabilitySubsidyFacts()
    if ds_facts.child_allowance is None and ds_facts.child_allowance_kind is None:
        # Which allowance and how (民发〔2019〕62号 三(一)): a child paid the 事实无人抚养
        # *top-up* (补差) keeps the living subsidy; a plain yes/no would bar it.
        ds_facts = attrs.evolve(ds_facts, child_allowance_kind=children.allowance_kind(child))
    return disability_subsidies.assess_person(
        household,
        pid,
        on,
        layer=layer,
        extreme_poverty_decision=extreme,
        facts=ds_facts,
        **options,
    )


def _temporary(
    household: Household, event: HardshipEvent, index: int, on: dt.date, options: dict[str, Any]
) -> Decision:
    """Decide one event, reporting a bad event under ``$.events[index]``."""
    try:
        return temporary.assess(household, event, on, **options)
    except InvalidInputError as error:
        tail = error.path.removeprefix("$.event")
        raise InvalidInputError(f"$.events[{index}]{tail}", error.value, error.expected) from None


def _undecided(decision: Decision, lang: Language) -> str:
    # The names programmes() holds for a registered programme, without building them all.
    entry = registry.find(decision.programme)
    known = (
        programmes().get(decision.programme)
        if entry is None
        else Programme(entry.code, entry.zh, entry.en)
    )
    name = known.label(lang) if known else decision.programme
    return f"{name} {decision.subject} ({', '.join(decision.missing) or '-'})"


_TEXT = {
    "zh": {
        "title": "分层分类社会救助",
        "subject": "家庭",
        "as_of": "日期",
        "where": "地区",
        "layer": "层级",
        "members": "成员",
        "reasons": "理由",
        "decisions": "各项认定",
        "example": "注意: 部分认定使用了示例数据 (非正式政策标准)",
    },
    "en": {
        "title": "layered social assistance",
        "subject": "household",
        "as_of": "as of",
        "where": "jurisdiction",
        "layer": "layer",
        "members": "members",
        "reasons": "reasons",
        "decisions": "decisions",
        "example": "NOTE: some decisions use example data, not sourced policy figures",
    },
}


def _render(assessment: LayeredAssessment, lang: Language) -> str:
    text = _TEXT[lang]
    place = jurisdictions.get(assessment.jurisdiction)
    lines = [
        text["title"],
        f"  {text['subject']}: {assessment.subject}",
        f"  {text['as_of']}: {assessment.as_of.isoformat()}",
        f"  {text['where']}: {place.name} ({place.code})",
        f"  {text['layer']}: {assessment.layer.label(lang)}",
        f"  {text['members']}:",
    ]
    lines.extend(f"    - {m.subject}: {m.layer.label(lang)}" for m in assessment.members)
    lines.append(f"  {text['reasons']}:")
    lines.extend(f"    [{r.code}] {r.message(lang)}" for r in assessment.reasons)
    lines.append(f"  {text['decisions']}:")
    registry = programmes()
    for decision in assessment.decisions:
        known = registry.get(decision.programme)
        name = known.label(lang) if known else decision.programme
        amount = (
            "" if decision.amount is None else f" {format_yuan(decision.amount.total, 'exact')}"
        )
        lines.append(f"    - {name} {decision.subject}: {decision.outcome.label(lang)}{amount}")
    if assessment.uses_example_data:
        lines.append(f"  {text['example']}")
    return "\n".join(lines)
