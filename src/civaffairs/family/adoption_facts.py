"""The facts of an adoption registration (收养登记): adopters, children, placer, documents.

The input of :func:`civaffairs.family.adoption.assess_application`: one
:class:`AdoptionApplication` holds one or two :class:`Adopter` (a married couple adopts
jointly, 《民法典》 art. 1101), the :class:`Child` or children, the :class:`Placer`
(送养人, art. 1094), the county of the registration office and the documents submitted
(:class:`AdoptionDocument`, 《中国公民收养子女登记办法》 arts. 6, 7 of the 2023 text).
Every fact the rule may need is three-valued: ``None`` is "not established", and the
decision names its path when it matters.  Persons are
:class:`~civaffairs.entities.Person` values, so names and resident ID numbers are masked
in every ``repr``.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from civaffairs import jurisdictions
from civaffairs.entities import Person
from civaffairs.errors import InvalidInputError
from civaffairs.labels import Labelled

__all__ = [
    "Adopter",
    "AdoptionApplication",
    "AdoptionDocument",
    "BirthParentsPlacing",
    "Child",
    "ChildSituation",
    "Placer",
    "PlacerKind",
    "Relation",
    "SupportDutyConsent",
]


class ChildSituation(Labelled):
    """Why a minor may be adopted (art. 1093), or that none of its grounds holds.

    .. versionadded:: 0.1.0
    """

    #: (一) 丧失父母的孤儿
    ORPHAN = "orphan", "丧失父母的孤儿", "an orphan who has lost both parents"
    #: (二) 查找不到生父母的未成年人
    PARENTS_NOT_FOUND = (
        "parents_not_found",
        "查找不到生父母的未成年人",
        "a minor whose birth parents cannot be found",
    )
    #: (三) 生父母有特殊困难无力抚养的子女
    PARENTS_UNABLE = (
        "parents_unable",
        "生父母有特殊困难无力抚养的子女",
        "a child whose birth parents are in special difficulty and unable to raise it",
    )
    #: art. 1095: 父母均不具备完全民事行为能力且可能严重危害该未成年人
    PARENTS_INCAPABLE = (
        "parents_incapable",
        "父母均不具备完全民事行为能力且可能严重危害该未成年人",
        "a minor whose parents both lack full capacity and may seriously harm it",
    )
    #: none of the above: adoptable only as a relative's child (art. 1099 ¶1)
    PARENTS_ABLE = (
        "parents_able",
        "生父母有能力抚养(不属于第一千零九十三条所列情形)",
        "a child whose birth parents can raise it (none of the grounds of art. 1093)",
    )


class Relation(Labelled):
    """The child's relation to the adopter that the Civil Code exempts from some conditions.

    .. versionadded:: 0.1.0
    """

    #: neither of the two below
    UNRELATED = (
        "unrelated",
        "非三代以内旁系同辈血亲的子女, 非继子女",
        "neither a collateral relative's child nor a stepchild",
    )
    #: art. 1099: 三代以内旁系同辈血亲的子女 (a cousin's or sibling's child)
    COLLATERAL_RELATIVE = (
        "collateral_relative",
        "三代以内旁系同辈血亲的子女",
        "a child of a collateral relative of the same generation within three generations",
    )
    #: art. 1103: 继子女, adopted by the step-parent with the birth parents' consent
    STEPCHILD = "stepchild", "继子女", "a stepchild"


class PlacerKind(Labelled):
    """Who places the child (送养人, art. 1094).

    .. versionadded:: 0.1.0
    """

    #: (一) 孤儿的监护人 (also the guardian of art. 1095, and of a foundling outside an institution)
    GUARDIAN = "guardian", "监护人", "the guardian"
    #: (二) 儿童福利机构 (社会福利机构 in the registration measures)
    WELFARE_INSTITUTION = "welfare_institution", "儿童福利机构", "a child welfare institution"
    #: (三) 生父母
    BIRTH_PARENTS = "birth_parents", "生父母", "the birth parents"


class BirthParentsPlacing(Labelled):
    """How the birth parents place the child (art. 1097).

    .. versionadded:: 0.1.0
    """

    BOTH = "both", "双方共同送养", "both parents together"
    #: 丧偶 (登记办法 2023 art. 7 ¶4)
    SURVIVOR = "survivor", "一方死亡, 另一方单方送养", "the surviving parent alone"
    #: 生父母一方不明或者查找不到的，可以单方送养
    OTHER_UNKNOWN = (
        "other_unknown",
        "一方不明或者查找不到, 另一方单方送养",
        "one parent alone, the other unknown or not to be found",
    )
    ONE_ONLY = (
        "one_only",
        "一方单方送养, 另一方在世且可以查找",
        "one parent alone, the other alive and known",
    )


class SupportDutyConsent(Labelled):
    """Whether those with a duty to support an orphan consent to a guardian's placing (art. 1096).

    .. versionadded:: 0.1.0
    """

    NONE_OWED = "none_owed", "无其他有抚养义务的人", "nobody else owes the child support"
    GIVEN = "given", "同意送养", "they consent"
    REFUSED = "refused", "不同意送养", "they refuse"


class AdoptionDocument(Labelled):
    """A document of 登记办法 (2023) arts. 6 and 7 (arts. 5 and 6 of the 2019 text).

    .. versionadded:: 0.1.0
    """

    APPLICATION = "application", "收养申请书", "the adoption application"
    ADOPTER_ID = "adopter_id", "收养人的居民户口簿和居民身份证", "the adopters' hukou book and ID"
    ADOPTER_STATUS = (
        "adopter_status",
        "收养人所在单位或者村民委员会、居民委员会出具的婚姻状况和抚养教育被收养人的能力等情况的证明",
        "the certificate of marital status and ability to raise the child",
    )
    CHILDREN_STATEMENT = (
        "children_statement",
        "收养人出具的子女情况声明",
        "the statement of children",
    )
    HEALTH_CERTIFICATE = (
        "health_certificate",
        "县级以上医疗机构出具的身体健康检查证明",
        "the health certificate of a county-level hospital",
    )
    BIRTH_STATUS_CERTIFICATE = (
        "birth_status_certificate",
        "收养人生育情况证明",
        "the certificate of the adopter's births",
    )
    #: 2019 text only: 计划生育部门出具的收养人无子女的证明
    NO_CHILDREN_CERTIFICATE = (
        "no_children_certificate",
        "收养人无子女的证明",
        "the certificate that the adopter has no children",
    )
    FOUNDLING_POLICE_REPORT = (
        "foundling_police_report",
        "公安机关出具的捡拾弃婴、儿童报案的证明",
        "the police report of the foundling",
    )
    PLACER_ID = (
        "placer_id",
        "送养人的居民户口簿和居民身份证(组织作监护人的, 其负责人的身份证件)",
        "the placer's hukou book and ID (an organisation's head's ID)",
    )
    SUPPORT_DUTY_CONSENT = (
        "support_duty_consent",
        "其他有抚养义务的人同意送养的书面意见",
        "the written consent of the others with a duty to support the child",
    )
    INSTITUTION_RECORD = (
        "institution_record",
        "弃婴、儿童进入社会福利机构的原始记录",
        "the institution's record of the child's admission",
    )
    PARENTS_DEATH_CERTIFICATE = (
        "parents_death_certificate",
        "孤儿的生父母死亡或者宣告死亡的证明",
        "the certificate of the orphan's parents' death",
    )
    GUARDIANSHIP_PROOF = (
        "guardianship_proof",
        "实际承担监护责任的证明",
        "the proof of actual guardianship",
    )
    PARENTS_INCAPACITY_PROOF = (
        "parents_incapacity_proof",
        "被收养人生父母无完全民事行为能力并对被收养人有严重危害的证明",
        "the proof of the parents' incapacity and serious harm",
    )
    DIFFICULTY_STATEMENT = (
        "difficulty_statement",
        "送养人有特殊困难的声明",
        "the placer's statement of special difficulty",
    )
    SPOUSE_DEATH_OR_MISSING_PROOF = (
        "spouse_death_or_missing_proof",
        "配偶死亡或者下落不明的证明",
        "the proof of the other parent's death or disappearance",
    )
    #: 2019 text only: 与当地计划生育部门签订的不违反计划生育规定的协议
    FAMILY_PLANNING_AGREEMENT = (
        "family_planning_agreement",
        "与当地计划生育部门签订的不违反计划生育规定的协议",
        "the agreement with the family-planning department",
    )
    #: 2023 art. 6 ¶3 (2019 art. 5 ¶3): 收养继子女的, 可以只提交…结婚的证明
    MARRIAGE_CERTIFICATE = (
        "marriage_certificate",
        "收养人与被收养人生父或者生母结婚的证明",
        "the proof of the adopter's marriage to the child's parent",
    )
    KINSHIP_PROOF = (
        "kinship_proof",
        "公安机关出具的或者经过公证的与收养人有亲属关系的证明",
        "the police or notarised proof of kinship with the adopter",
    )
    DISABILITY_CERTIFICATE = (
        "disability_certificate",
        "县级以上医疗机构出具的该儿童的残疾证明",
        "the child's disability certificate from a county-level hospital",
    )


def _count(_instance: object, attribute: attrs.Attribute[int | None], value: int | None) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        raise InvalidInputError(f"$.{attribute.name}", value, "a whole number, 0 or more")


def _place(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not (isinstance(value, str) and len(value) == 6 and value.isdigit()):
        raise InvalidInputError(f"$.{attribute.name}", value, "a six-digit GB/T 2260 code")
    try:
        jurisdictions.get(value)
    except LookupError:
        raise InvalidInputError(
            f"$.{attribute.name}", value, "a known GB/T 2260 division code"
        ) from None


def _kind(kind: type, expected: str) -> Callable[[object, attrs.Attribute[Any], object], None]:
    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, kind):
            # the type only: the value may hold a name or an ID number (a dict of a person)
            raise InvalidInputError(f"$.{attribute.name}", type(value).__name__, expected)

    return check


@attrs.frozen
class Adopter:
    """One adopter (收养人) and the facts of art. 1098 about them.

    ``children`` is the number of children the adopter has before this adoption (birth and
    adopted children, as the 子女情况声明 states); ``has_spouse`` matters for a single
    adopter (arts. 1101, 1102); ``overseas_chinese`` (华侨) only for a collateral relative's
    child (art. 1099 ¶2).  ``None`` is "not established".

    .. versionadded:: 0.1.0
    """

    person: Person = attrs.field(validator=_kind(Person, "a person"))
    children: int | None = attrs.field(default=None, validator=_count)
    has_spouse: bool | None = None
    able_to_raise: bool | None = None
    disqualifying_illness: bool | None = None
    disqualifying_record: bool | None = None
    overseas_chinese: bool | None = None


@attrs.frozen
class Child:
    """One child to be adopted (被收养人) and the facts of arts. 1093, 1099, 1100 and 1104.

    ``relation`` is the child's relation to the adopter that the Civil Code exempts: a
    child of a collateral relative of the same generation within three generations
    (三代以内旁系同辈血亲, art. 1099), a stepchild (继子女, art. 1103), or neither;
    ``disabled`` whether the child is a disabled minor (art. 1100 ¶2); ``consents`` the
    child's own consent (art. 1104, needed from age 8); ``announced_on`` the day the
    registration office announced the search for the parents of a child whose parents
    cannot be found, and ``claimed`` whether a parent or guardian claimed the child within
    the period (登记办法 2023 art. 8 ¶2); ``found_in`` the county where a foundling not in a
    welfare institution was found (登记办法 2023 art. 4 ¶2).

    .. versionadded:: 0.1.0
    """

    person: Person = attrs.field(validator=_kind(Person, "a person"))
    situation: ChildSituation | None = None
    relation: Relation | None = None
    disabled: bool | None = None
    consents: bool | None = None
    announced_on: dt.date | None = None
    claimed: bool | None = None
    found_in: str | None = attrs.field(default=None, validator=_place)


@attrs.frozen
class Placer:
    """The placer (送养人): who, where, and the facts of arts. 1096 and 1097.

    ``location`` is the county of the birth parents' or guardian's registered residence
    (常住户口所在地), or of the organisation or institution (登记办法 2023 art. 4).
    ``birth_parents`` says how birth parents place (art. 1097); ``support_duty_consent``
    whether those with a duty to support an orphan consent to a guardian's placing
    (art. 1096).

    .. versionadded:: 0.1.0
    """

    kind: PlacerKind = attrs.field(validator=_kind(PlacerKind, "a placer kind"))
    location: str | None = attrs.field(default=None, validator=_place)
    birth_parents: BirthParentsPlacing | None = None
    support_duty_consent: SupportDutyConsent | None = None


def _adopters(value: Iterable[Adopter]) -> tuple[Adopter, ...]:
    return tuple(value)


def _children(value: Iterable[Child]) -> tuple[Child, ...]:
    return tuple(value)


def _documents(value: Iterable[AdoptionDocument]) -> frozenset[AdoptionDocument]:
    return frozenset(value)


def _rest_days(value: Iterable[dt.date] | None) -> frozenset[dt.date] | None:
    return None if value is None else frozenset(value)


@attrs.frozen
class AdoptionApplication:
    """An application to register an adoption, filed with ``office`` (a county code).

    ``adopters`` are one adopter or a married couple adopting jointly; ``children`` one
    or more children placed by ``placer``; ``documents`` the documents submitted;
    ``rest_days`` the 法定休假日 the caller's calendar holds around the end of an
    announcement period (《民法典》 art. 203 ¶1 moves a last day that falls on one): an
    empty set says none of its days is one, ``None`` that no calendar is given — then a
    registration after an announcement's nominal last day "cannot decide", naming
    ``$.rest_days``, as :class:`civaffairs.family.marriage.DivorceApplication` does.

    .. versionadded:: 0.1.0
    """

    adopters: tuple[Adopter, ...] = attrs.field(converter=_adopters)
    children: tuple[Child, ...] = attrs.field(converter=_children)
    placer: Placer = attrs.field(validator=_kind(Placer, "a placer"))
    office: str = attrs.field(validator=_place)
    documents: frozenset[AdoptionDocument] = attrs.field(default=frozenset(), converter=_documents)
    rest_days: frozenset[dt.date] | None = attrs.field(default=None, converter=_rest_days)

    def __attrs_post_init__(self) -> None:
        if not 1 <= len(self.adopters) <= 2:
            raise InvalidInputError(
                "$.adopters", len(self.adopters), "one adopter or two (spouses adopting jointly)"
            )
        if not self.children:
            raise InvalidInputError("$.children", 0, "at least one child")
        seen: dict[str, str] = {}
        people = [("adopters", i, a.person) for i, a in enumerate(self.adopters)]
        people += [("children", i, c.person) for i, c in enumerate(self.children)]
        for key, index, person in people:
            path = f"$.{key}[{index}].person.id"
            if person.id in seen:
                raise InvalidInputError(
                    path, person.id, f"an id not already used at {seen[person.id]}"
                )
            seen[person.id] = path
        for day in self.rest_days or ():
            if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
                raise InvalidInputError("$.rest_days", day, "calendar dates")
