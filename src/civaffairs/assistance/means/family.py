"""The family (共同生活的家庭成员) and the first two steps of every household means test.

Who counts as family (民发〔2021〕57号 art. 7: :func:`member_rule`, :func:`counted_members`),
then the applicant's registration and the family explained with a programme's own
:class:`HouseholdCodes` (:func:`registration_and_family`), and the dibao standard the
registration selects (:func:`dibao_standard`).

Part of :mod:`civaffairs.assistance.means`, which re-exports every name.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs

from civaffairs import jurisdictions
from civaffairs.assistance.laws import DIBAO_REVIEW_MEASURES
from civaffairs.decisions import Citation, Draft, Outcome, Reason, ReasonCode
from civaffairs.entities import (
    Household,
    Member,
    RegistrationKind,
    Relationship,
    SpecialStatus,
)
from civaffairs.kernels import SCALAR, Ops
from civaffairs.money import format_yuan
from civaffairs.parameters import ParameterBook, ParameterValue

__all__ = [
    "ADULT_AGE",
    "DEPENDENT_STATUSES",
    "EXCLUDING_STATUSES",
    "FAMILY_ARTICLE",
    "LIVES_APART",
    "LIVES_TOGETHER",
    "LIVES_UNKNOWN",
    "REGISTRATION_ARTICLES",
    "RELATIONSHIP_CODES",
    "SUPPORTED_AS_EXTREME_POVERTY",
    "Family",
    "HouseholdCodes",
    "counted_members",
    "dibao_standard",
    "household_draft",
    "member_rule",
    "registration_and_family",
    "show_yuan",
]


# -- The family (共同生活的家庭成员), 民发〔2021〕57号 art. 7 ------------------------------------

#: Statuses that keep a person out of the family (57号 art. 7), in the order a reason names
#: the first that applies; each one's words are its :class:`~civaffairs.entities.SpecialStatus`
#: labels.
#:
#: .. versionchanged:: 0.1.0 A tuple of statuses; the labels are the members' own.
EXCLUDING_STATUSES: tuple[SpecialStatus, ...] = (
    SpecialStatus.CLERGY_LIVING_APART,
    SpecialStatus.SERVING_SENTENCE,
    SpecialStatus.COMPULSORY_DRUG_REHABILITATION,
    SpecialStatus.DECLARED_MISSING,
)
#: Statuses that make an adult child count as family (57号 art. 7 (三)).
DEPENDENT_STATUSES: frozenset[SpecialStatus] = frozenset(
    {SpecialStatus.FULL_TIME_STUDENT, SpecialStatus.UNABLE_TO_LIVE_INDEPENDENTLY}
)
_EXCLUDING = frozenset(EXCLUDING_STATUSES)
ADULT_AGE = 18  #: 民法典 art. 17: 十八周岁以上的自然人为成年人

#: Stable integer codes for relationships in columnar data.
RELATIONSHIP_CODES: Mapping[Relationship, int] = {rel: i for i, rel in enumerate(Relationship)}
#: Codes of the co-residence fact in columnar data.
LIVES_UNKNOWN, LIVES_APART, LIVES_TOGETHER = -1, 0, 1
_APPLICANT = RELATIONSHIP_CODES[Relationship.APPLICANT]
_SPOUSE = RELATIONSHIP_CODES[Relationship.SPOUSE]
_CHILD = RELATIONSHIP_CODES[Relationship.CHILD]
_OTHER = RELATIONSHIP_CODES[Relationship.OTHER]


def member_rule(
    ops: Ops, *, relationship: Any, age: Any, excluded: Any, dependent: Any, lives: Any
) -> tuple[Any, Any]:
    """Return ``(counted, missing)`` for members (民发〔2021〕57号 art. 7).

    Counted: the applicant and the spouse; minor children and adult children
    who cannot live independently (``dependent``: full-time students at
    bachelor level or below included); other relatives with a duty of support
    who live together long-term.  Never counted: unrelated people and members
    with an excluding status (``excluded``).  ``missing`` marks members whose
    co-residence decides the matter but is unknown.

    .. versionadded:: 0.1.0
    """
    core = (relationship == _APPLICANT) | (relationship == _SPOUSE)
    child = (relationship == _CHILD) & ((age < ADULT_AGE) | dependent)
    present = ops.not_(excluded)
    needs_co_residence = present & ops.not_(core | child | (relationship == _OTHER))
    counted = present & (core | child | (needs_co_residence & (lives == LIVES_TOGETHER)))
    return counted, needs_co_residence & (lives == LIVES_UNKNOWN)


def counted_members(
    household: Household, on: dt.date, *, left_out: frozenset[str] = frozenset()
) -> tuple[list[tuple[int, Member]], list[tuple[int, Member, str]], list[str]]:
    """Sort the household into counted members, excluded members and missing facts.

    Returns ``(counted, excluded, missing)``: counted members with their index,
    excluded members with their index and the Chinese reason, and the paths
    of facts that must be established first (民发〔2021〕57号 art. 7; see
    :func:`member_rule`).  Members whose id is in ``left_out`` (supported as
    特困, not covered twice) are excluded whatever their other facts.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 ``left_out``.
    """
    counted: list[tuple[int, Member]] = []
    excluded: list[tuple[int, Member, str]] = []
    missing: list[str] = []
    for index, member in enumerate(household.members):
        person = member.person
        if person.id in left_out:
            excluded.append((index, member, SUPPORTED_AS_EXTREME_POVERTY))
            continue
        statuses = person.statuses
        lives = member.lives_together
        is_counted, is_missing = member_rule(
            SCALAR,
            relationship=RELATIONSHIP_CODES[member.relationship],
            age=person.age_on(on),
            excluded=bool(statuses) and not _EXCLUDING.isdisjoint(statuses),
            dependent=bool(statuses) and not DEPENDENT_STATUSES.isdisjoint(statuses),
            lives=LIVES_UNKNOWN if lives is None else int(lives),
        )
        if is_counted:
            counted.append((index, member))
        elif is_missing:
            missing.append(f"$.members[{index}].lives_together")
        else:
            excluded.append((index, member, _why_excluded(member)))
    return counted, excluded, missing


#: Why a member supported as 特困 is not counted (no double coverage).
SUPPORTED_AS_EXTREME_POVERTY = "已纳入特困人员救助供养, 不重复保障"


def _why_excluded(member: Member) -> str:
    status = next((s for s in EXCLUDING_STATUSES if s in member.person.statuses), None)
    if status is not None:
        return status.zh
    if member.relationship is Relationship.OTHER:
        return "无法定赡养、扶养、抚养义务关系"
    return "未长期共同居住"


#: 民发〔2021〕57号 arts. 4–5: the application is made where the applicant holds household
#: registration, the first step of every household means test.  Art. 4: "由申请家庭确定一名共同
#: 生活的家庭成员作为申请人，向户籍所在地乡镇人民政府（街道办事处）提出书面申请"; art. 5 says
#: which registration counts when the members' differ.
#:
#: .. versionadded:: 0.1.0
REGISTRATION_ARTICLES = Citation(DIBAO_REVIEW_MEASURES, "第四条、第五条")
#: 民发〔2021〕57号 art. 7 ("共同生活的家庭成员包括：……"): who counts as a co-resident family
#: member, and who does not (second paragraph).
#:
#: .. versionadded:: 0.1.0
FAMILY_ARTICLE = Citation(DIBAO_REVIEW_MEASURES, "第七条")


@attrs.frozen
class HouseholdCodes:
    """The reason codes a means-tested programme reports its first two steps with.

    Every means test starts the same way: the applicant's registration in the
    deciding jurisdiction (社会救助暂行办法 art. 9; 57号 arts. 4–5), then the
    family (57号 art. 7).  Declare them with :meth:`define` under your prefix.

    .. versionadded:: 0.1.0
    """

    registration: ReasonCode
    registration_elsewhere: ReasonCode
    members: ReasonCode
    missing: ReasonCode
    nobody: ReasonCode

    @classmethod
    def define(
        cls,
        prefix: str,
        *,
        registration: Citation = REGISTRATION_ARTICLES,
        members: Citation = FAMILY_ARTICLE,
    ) -> HouseholdCodes:
        """Declare the codes ``<prefix>.registration`` … ``<prefix>.no_family_member``.

        They cite 57号 arts. 4–5 (:data:`REGISTRATION_ARTICLES`) and art. 7
        (:data:`FAMILY_ARTICLE`) unless ``registration`` or ``members`` says otherwise.
        """
        return cls(
            ReasonCode.define(
                f"{prefix}.registration",
                "申请人户籍在{place}({code}),为{kind}户籍,适用{kind}低保标准",
                "the applicant's household registration is in {place} ({code}), {kind_en}; "
                "the {kind_en} dibao standard applies",
                registration,
            ),
            ReasonCode.define(
                f"{prefix}.registration_elsewhere",
                "申请人户籍在{place}({code}),不在受理地{where}",
                "the applicant's household registration is in {place} ({code}), not in {where}",
                registration,
            ),
            ReasonCode.define(
                f"{prefix}.family_members",
                "共同生活的家庭成员 {count} 人{excluded}",
                "{count} co-resident family member(s) counted{excluded_en}",
                members,
            ),
            ReasonCode.define(
                f"{prefix}.missing_facts",
                "缺少判定所需事实: {paths}",
                "facts needed for the decision are missing: {paths}",
                members,
            ),
            ReasonCode.define(
                f"{prefix}.no_family_member",
                "没有计入的共同生活家庭成员(申请人本人也不计入), 无可保障的对象",
                "no co-resident family member is counted (not even the applicant): "
                "there is nobody to cover",
                members,
            ),
        )


@attrs.frozen
class Family:
    """The outcome of the first two steps: who counts, or why the decision stops here.

    ``stop`` is ``None`` when the decision goes on, else the outcome to return
    (not eligible when registered elsewhere or when nobody is counted; cannot
    decide with ``missing``).

    .. versionadded:: 0.1.0
    """

    counted: tuple[tuple[int, Member], ...]
    excluded: tuple[tuple[int, Member, str], ...]
    missing: tuple[str, ...]
    stop: Outcome | None

    @property
    def ids(self) -> set[str]:
        """The ids of the counted members."""
        return {member.person.id for _, member in self.counted}


#: Why the means-tested programmes need a county (quoted in the error for a higher level).
_COUNTY_DECIDES = (
    "the county-level civil-affairs department decides "
    "(《社会救助暂行办法》第十一条(三); 民发〔2021〕57号 第二条)"
)


def registration_and_family(
    household: Household,
    on: dt.date,
    where: str,
    codes: HouseholdCodes,
    reasons: list[Reason],
    *,
    left_out: frozenset[str] = frozenset(),
) -> Family:
    """Check the applicant's registration, then count the family; explain both in ``reasons``.

    The applicant's registration and the deciding place ``where`` must be
    county-level: 低保, 低保边缘 and 刚性支出困难 are decided by the county-level
    civil-affairs department (《社会救助暂行办法》第十一条(三); 民发〔2021〕57号
    第二条; 刚性支出困难家庭认定办法 第三条), and a province or prefecture code
    would otherwise stand, by the parameter book's walk up the chain, for every
    county in it.  Either is refused with an error naming its path and level.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0
       A registration or a deciding place above county level is refused.
    """
    applicant, member = next(
        (i, m) for i, m in enumerate(household.members) if m.relationship is Relationship.APPLICANT
    )
    registration = member.person.registration
    jurisdictions.require_county(
        registration.jurisdiction,
        path=f"$.members[{applicant}].person.registration.jurisdiction",
        why=_COUNTY_DECIDES + ", at the applicant's place of registration",
    )
    jurisdictions.require_county(where, path="$.jurisdiction", why=_COUNTY_DECIDES)
    home = jurisdictions.get(registration.jurisdiction)
    if not jurisdictions.is_within(registration.jurisdiction, where):
        reasons.append(
            codes.registration_elsewhere.reason(
                False, place=home.name, code=home.code, where=jurisdictions.label(where)
            )
        )
        return Family((), (), (), Outcome.NOT_ELIGIBLE)
    kind = registration.kind
    reasons.append(
        codes.registration.reason(
            True, place=home.name, code=home.code, kind=kind.zh, kind_en=kind.en
        )
    )
    counted, excluded, missing = counted_members(household, on, left_out=left_out)
    if missing:
        reasons.append(codes.missing.reason(None, paths=", ".join(missing)))
        return Family(tuple(counted), tuple(excluded), tuple(missing), Outcome.CANNOT_DECIDE)
    reasons.append(
        codes.members.reason(
            True,
            count=str(len(counted)),
            excluded="".join(f"; 不计入: {m.person.label}({why})" for _, m, why in excluded),
            excluded_en="".join(f"; not counted: {m.person.label}" for _, m, _why in excluded),
        )
    )
    if not counted:
        reasons.append(codes.nobody.reason(False))
        return Family((), tuple(excluded), (), Outcome.NOT_ELIGIBLE)
    return Family(tuple(counted), tuple(excluded), (), None)


def household_draft(
    programme_code: str, household: Household, on: dt.date, jurisdiction: str | None
) -> Draft:
    """Start a household programme's decision on ``on``.

    Decided in ``jurisdiction``, by default where the applicant is registered; the
    subject names the household and the applicant, masked.

    .. versionadded:: 0.1.0
    """
    applicant = household.applicant.person
    where = jurisdiction or applicant.registration.jurisdiction
    return Draft(programme_code, f"{household.id} ({applicant.masked})", on, where)


def dibao_standard(
    household: Household, book: ParameterBook, where: str, on: dt.date
) -> tuple[RegistrationKind, Decimal, ParameterValue]:
    """Return the applicant's registration kind and the dibao standard that kind selects.

    .. versionadded:: 0.1.0
    """
    kind = household.applicant.person.registration.kind
    value, used = book.money(f"assistance.dibao.standard.{kind.value}", where, on)
    return kind, value, used


def show_yuan(amount: Decimal) -> str:
    """Write an amount as a fact: fen-exact amounts with two decimals, others exactly.

    .. versionadded:: 0.1.0
    .. deprecated:: 0.1.0 Use :func:`civaffairs.money.format_yuan` with ``"fen"``.
    """
    return format_yuan(amount, "fen")
