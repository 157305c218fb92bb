"""Target groups of eldercare services, and the facts about an older person they read.

Eldercare rules name their beneficiaries by group: 特困, 低保 and 低保边缘 older persons;
older persons living alone (独居), in empty nests (空巢), left behind (留守), disabled
(失能), with a disability (残疾), very old (高龄) or of a family-planning special family
(计划生育特殊家庭).  This module holds those groups (:class:`TargetGroup`), the facts they
are decided from (:class:`OlderPerson`) and the membership test
(:func:`memberships`), so that every service rule reads the same definitions:

- **older person** (老年人): aged ``eldercare.groups.older_person_age`` (60) or more in full
  years (老年人权益保障法 art. 2);
- **特困 / 低保 / 低保边缘 / 刚性支出困难**: the person's
  :class:`~civaffairs.entities.AssistanceLayer`, an input decided by
  :mod:`civaffairs.assistance` (never imported here);
- **disabled** (失能): a GB/T 42195 :class:`~civaffairs.entities.AbilityGrade` at least as
  severe as ``eldercare.groups.disabled_min_severity``; **completely disabled** (完全失能): the
  grade :attr:`~civaffairs.entities.AbilityGrade.COMPLETE`;
- **with a disability** (残疾): a disability certificate; **severely disabled** (重残): a
  certificate of grade 1 or 2, the two most severe grades of GB/T 26341-2010.  The
  certificate is the core :attr:`civaffairs.entities.Person.disability`, where ``None``
  means "no certificate" (the core has no "not established" for it), so these two groups
  are always decided: ``None`` gives "not a member", never "undecided";
- **very old** (高龄): aged ``eldercare.groups.very_old_age`` or more — 80 from 2013-07-01,
  sourced to 《老年人权益保障法》 art. 33 para. 2 ("国家鼓励地方建立八十周岁以上低收入老年人
  高龄津贴制度", read as the age from which a person is 高龄), 80 as example data before;
- living alone, empty nest, left behind, family-planning special family and registered poor
  (建档立卡): facts a case worker establishes.

A fact of :class:`OlderPerson` that has not been established is ``None``; a group that
depends on it is then undecided (``None``), and the rules built on it answer "cannot
decide" and name the fact — unless another group already decides the question.  The
person's disability certificate is the exception above: it is read from the core
:class:`~civaffairs.entities.Person`, where ``None`` means "no certificate".

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

import attrs

from civaffairs.decisions import Citation, Reason, ReasonCode
from civaffairs.eldercare.laws import OLDER_PERSONS_LAW
from civaffairs.entities import AbilityGrade, AssistanceLayer, Person
from civaffairs.errors import InvalidInputError
from civaffairs.labels import Labelled, Language
from civaffairs.parameters import ParameterBook, ParameterValue

__all__ = [
    "GROUP_LABELS",
    "Alternatives",
    "Membership",
    "OlderPerson",
    "TargetGroup",
    "any_of",
    "memberships",
    "names",
    "not_older_person",
    "not_older_reason",
    "ordered",
]


class TargetGroup(Labelled):
    """A group of older persons that an eldercare rule names.

    ``OLDER_PERSON`` is 60 周岁 or more; ``DISABLED`` is by the GB/T 42195 grade,
    ``COMPLETELY_DISABLED`` 能力完全丧失; ``CERTIFIED_DISABILITY`` holds a 残疾人证,
    ``SEVERE_DISABILITY`` of 残疾等级一级、二级; ``REGISTERED_POOR`` is 建档立卡贫困户.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 Members carry their labels (:class:`~civaffairs.labels.Labelled`).
    """

    OLDER_PERSON = "older_person", "老年人", "older person"
    # The four low-income groups are the members of an assistance layer: their values are
    # the layer's (one name), their words name the person (低保对象, not 最低生活保障).
    EXTREME_POVERTY = AssistanceLayer.EXTREME_POVERTY.value, "特困人员", "in extreme poverty"
    DIBAO = AssistanceLayer.DIBAO.value, "低保对象", "dibao recipient"
    MARGINAL = (
        AssistanceLayer.MARGINAL.value,
        "低保边缘家庭成员",
        "in a marginal low-income household",
    )
    RIGID_EXPENDITURE = (
        AssistanceLayer.RIGID_EXPENDITURE.value,
        "刚性支出困难家庭成员",
        "in a rigid-expenditure household",
    )
    DISABLED = "disabled", "失能", "disabled"
    COMPLETELY_DISABLED = "completely_disabled", "完全失能", "completely disabled"
    CERTIFIED_DISABILITY = "certified_disability", "残疾", "with a disability"
    SEVERE_DISABILITY = "severe_disability", "重残", "severely disabled"
    VERY_OLD = "very_old", "高龄", "very old"
    LIVING_ALONE = "living_alone", "独居", "living alone"
    EMPTY_NEST = "empty_nest", "空巢", "empty nest"
    LEFT_BEHIND = "left_behind", "留守", "left behind"
    FAMILY_PLANNING_SPECIAL = (
        "family_planning_special",
        "计划生育特殊家庭",
        "family-planning special family",
    )
    REGISTERED_POOR = "registered_poor", "建档立卡", "registered poor"

    @property
    def layer(self) -> AssistanceLayer | None:
        """The assistance layer whose members this group is (特困 … 刚性支出困难), else ``None``.

        .. versionadded:: 0.1.0
        """
        return _LAYER_OF.get(self)


#: Chinese and English labels of each group, for messages.
#:
#: .. deprecated:: 0.1.0 Derived from the members' own labels: use ``group.zh`` and
#:    ``group.en`` (or ``group.label(lang)``).
GROUP_LABELS: Mapping[TargetGroup, tuple[str, str]] = MappingProxyType(
    {group: (group.zh, group.en) for group in TargetGroup}
)

_LAYER_OF = {TargetGroup(layer.value): layer for layer in AssistanceLayer if layer.is_low_income}
_FLAG_GROUPS = {
    TargetGroup.LIVING_ALONE: "living_alone",
    TargetGroup.EMPTY_NEST: "empty_nest",
    TargetGroup.LEFT_BEHIND: "left_behind",
    TargetGroup.FAMILY_PLANNING_SPECIAL: "family_planning_special",
    TargetGroup.REGISTERED_POOR: "registered_poor",
}
_AGE_PARAMETERS = {
    TargetGroup.OLDER_PERSON: "eldercare.groups.older_person_age",
    TargetGroup.VERY_OLD: "eldercare.groups.very_old_age",
}
_SEVERE_DISABILITY_GRADE = 2  # GB/T 26341-2010: 一级 (极重度) and 二级 (重度)


def _optional(kind: type, expected: str) -> Any:
    def check(_instance: object, attribute: attrs.Attribute[object], value: object) -> None:
        if value is not None and type(value) is not kind:
            raise InvalidInputError(f"$.{attribute.name}", value, expected)

    return check


def _person(_instance: object, attribute: attrs.Attribute[Person], value: Person) -> None:
    if not isinstance(value, Person):
        raise InvalidInputError(f"$.{attribute.name}", type(value).__name__, "a person")


_FACT = "true, false or null (not established)"


@attrs.frozen
class OlderPerson:
    """The facts eldercare service rules read about one older person.

    ``layer`` is the assistance layer (特困 … none) decided by social assistance, and
    ``ability`` the final GB/T 42195 grade (from
    :func:`civaffairs.eldercare.assessment.grade`).  Every fact may be ``None``: not
    established yet.  The disability certificate is ``person.disability``, where ``None``
    means "no certificate" (残疾 and 重残 are then decided as not held).  ``empty_nest`` is
    空巢 (no child living with the older person),
    ``left_behind`` is 留守 (children away, usually working in cities),
    ``family_planning_special`` is 计划生育特殊家庭 (the only child died or is severely
    disabled), ``registered_poor`` is 建档立卡 (the poverty-alleviation register).

    .. versionadded:: 0.1.0
    """

    person: Person = attrs.field(validator=_person)
    layer: AssistanceLayer | None = attrs.field(
        default=None, validator=_optional(AssistanceLayer, "an assistance layer or null")
    )
    ability: AbilityGrade | None = attrs.field(
        default=None, validator=_optional(AbilityGrade, "a GB/T 42195 ability grade or null")
    )
    living_alone: bool | None = attrs.field(default=None, validator=_optional(bool, _FACT))
    empty_nest: bool | None = attrs.field(default=None, validator=_optional(bool, _FACT))
    left_behind: bool | None = attrs.field(default=None, validator=_optional(bool, _FACT))
    family_planning_special: bool | None = attrs.field(
        default=None, validator=_optional(bool, _FACT)
    )
    registered_poor: bool | None = attrs.field(default=None, validator=_optional(bool, _FACT))

    @property
    def masked(self) -> str:
        """The person's masked form (see :attr:`Person.masked`)."""
        return self.person.masked

    @property
    def label(self) -> str:
        """How the person is named in decisions: id, masked form beside it (:attr:`Person.label`).

        .. versionadded:: 0.1.0
        """
        return self.person.label


@attrs.frozen
class Membership:
    """Whether an older person is in a group: ``True``, ``False`` or ``None`` (undecided).

    ``missing`` is the path of the fact that is not established when ``member`` is
    ``None``; ``parameters`` are the values the test used (an age limit, a grade).

    .. versionadded:: 0.1.0
    """

    group: TargetGroup
    member: bool | None
    missing: str | None = None
    parameters: tuple[ParameterValue, ...] = ()


def _membership(
    older: OlderPerson, group: TargetGroup, on: dt.date, where: str, book: ParameterBook
) -> Membership:
    person = older.person
    if group in _AGE_PARAMETERS:
        name = _AGE_PARAMETERS[group]
        age, used = book.count(name, where, on)
        return Membership(group, person.age_on(on) >= age, parameters=(used,))
    if group.layer is not None:
        if older.layer is None:
            return Membership(group, None, "$.layer")
        return Membership(group, older.layer is group.layer)
    if group is TargetGroup.DISABLED:
        if older.ability is None:
            return Membership(group, None, "$.ability")
        severity, used = book.count("eldercare.groups.disabled_min_severity", where, on)
        return Membership(group, older.ability.severity >= severity, parameters=(used,))
    if group is TargetGroup.COMPLETELY_DISABLED:
        if older.ability is None:
            return Membership(group, None, "$.ability")
        return Membership(group, older.ability is AbilityGrade.COMPLETE)
    if group is TargetGroup.CERTIFIED_DISABILITY:
        return Membership(group, person.disability is not None)
    if group is TargetGroup.SEVERE_DISABILITY:
        disability = person.disability
        return Membership(
            group, disability is not None and disability.grade <= _SEVERE_DISABILITY_GRADE
        )
    field = _FLAG_GROUPS[group]
    value: bool | None = getattr(older, field)
    return Membership(group, value, None if value is not None else f"$.{field}")


def memberships(
    older: OlderPerson,
    groups: Iterable[TargetGroup],
    on: dt.date,
    *,
    jurisdiction: str,
    book: ParameterBook,
) -> dict[TargetGroup, Membership]:
    """Decide, for each of ``groups``, whether ``older`` belongs to it on ``on``.

    Ages are in full years on ``on`` (the 29 February rule of
    :func:`civaffairs.dates.anniversary`); parameters are read for ``jurisdiction``.

    .. versionadded:: 0.1.0
    """
    return {g: _membership(older, g, on, jurisdiction, book) for g in dict.fromkeys(groups)}


def ordered(groups: Iterable[TargetGroup]) -> list[TargetGroup]:
    """Return ``groups`` in the order :class:`TargetGroup` declares them (for messages).

    .. versionadded:: 0.1.0
    """
    return sorted(groups, key=_GROUP_ORDER.index)


_GROUP_ORDER = list(TargetGroup)

_JOINERS: Mapping[Language, str] = MappingProxyType({"zh": "、", "en": ", "})


def names(
    groups: Iterable[TargetGroup], lang: Language = "zh", *, joiner: str | None = None
) -> str:
    """Name ``groups`` in ``lang``, in the order :class:`TargetGroup` declares them.

    The joiner is ``、`` in Chinese and ``, `` in English unless ``joiner`` is given:
    ``names({TargetGroup.VERY_OLD, TargetGroup.DIBAO}, "en")`` is
    ``"dibao recipient, very old"``.

    .. versionadded:: 0.1.0
    """
    return (joiner or _JOINERS[lang]).join(g.label(lang) for g in ordered(groups))


#: 老年人权益保障法 art. 2: "本法所称老年人是指六十周岁以上的公民。"
_ART_2 = Citation(OLDER_PERSONS_LAW, "第二条")


def not_older_person(programme: str) -> ReasonCode:
    """Define ``<programme>.not_older_person``: the person is under the older-person age.

    Every eldercare service rule begins with the same step (老年人权益保障法 art. 2:
    "本法所称老年人是指六十周岁以上的公民"); each programme declares the reason under its
    own name, with the same words and citation.

    .. versionadded:: 0.1.0
    """
    return ReasonCode.define(
        f"{programme}.not_older_person",
        "未满 {age} 周岁, 不属于老年人",
        "under {age}: not an older person",
        _ART_2,
    )


def not_older_reason(found: Mapping[TargetGroup, Membership], code: ReasonCode) -> Reason | None:
    """Return the reason a rule stops at "older person", or ``None`` when the person is one.

    ``found`` must hold :attr:`TargetGroup.OLDER_PERSON` (decided by :func:`memberships`
    from ``eldercare.groups.older_person_age``, which the reason cites); ``code`` is the
    programme's :func:`not_older_person` reason.

    .. versionadded:: 0.1.0
    """
    elder = found[TargetGroup.OLDER_PERSON]
    if elder.member:
        return None
    return code.reason(False, elder.parameters, age=str(elder.parameters[0].value))


#: Alternatives of groups: the person qualifies through any alternative whose groups all hold.
Alternatives = tuple[frozenset[TargetGroup], ...]


def any_of(
    alternatives: Alternatives, found: Mapping[TargetGroup, Membership]
) -> tuple[bool | None, frozenset[TargetGroup] | None, tuple[str, ...]]:
    """Three-valued "any alternative whose groups all hold".

    Returns ``(result, qualifying alternative, missing facts)``: ``True`` with the first
    alternative that holds; ``False`` when every alternative fails on a known fact;
    ``None`` otherwise, with the paths of the facts that would decide it.

    .. versionadded:: 0.1.0
    """
    missing: list[str] = []
    undecided = False
    for alternative in alternatives:
        values = [found[g] for g in ordered(alternative)]
        if any(m.member is False for m in values):
            continue
        unknown = [m for m in values if m.member is None]
        if not unknown:
            return True, alternative, ()
        undecided = True
        missing.extend(m.missing for m in unknown if m.missing)
    if undecided:
        return None, None, tuple(dict.fromkeys(missing))
    return False, None, ()
