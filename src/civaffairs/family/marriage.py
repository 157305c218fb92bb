"""结婚登记 and 协议离婚: who may register a marriage, and the divorce-by-agreement timeline.

Two programmes, decided under the Civil Code (《民法典》, in force 2021-01-01, art. 1260) and
the 《婚姻登记条例》 in force on the date asked — the 2003 text (国务院令第387号), its 2024
revision (in force 2025-01-20) and its 2025 revision (国务院令第804号, in force 2025-05-10).
Which text applies is a dated parameter, never a date written in code.

**Marriage registration** (``family.marriage.registration``) — a couple of mainland
residents (内地居民) may register on ``on`` when every condition holds:

1. **A man and a woman** — art. 1049: "要求结婚的**男女双方**应当亲自到婚姻登记机关申请结婚
   登记" (and art. 1046 "结婚应当男女双方完全自愿").  The text speaks of a man and a woman
   only, so two parties of the same sex cannot register; encoded as written.
2. **Age** — art. 1047: "结婚年龄，男不得早于二十二周岁，女不得早于二十周岁": each party's
   age in full years on ``on`` (:func:`civaffairs.dates.age_in_full_years`, the age rising
   on the birthday) is at least ``family.marriage.registration.min_age_male`` /
   ``min_age_female``; regulation 2003 art. 6(一), 2025 art. 9(一) "未到法定结婚年龄的".
3. **No existing marriage** — art. 1042 "禁止重婚", art. 1051(一); regulation 2003 art. 6(三),
   2025 art. 9(三) "一方或者双方已有配偶的".
4. **No prohibited kinship** — art. 1048: "直系血亲或者三代以内的旁系血亲禁止结婚";
   regulation 2003 art. 6(四), 2025 art. 9(四).  See :func:`kinship_bar` for the counting.
5. **Consent** — art. 1046 "完全自愿"; regulation 2003 art. 6(二) "非双方自愿的", 2025 art. 9(二)
   "非男女双方完全自愿的".
6. **In person** — art. 1049 "亲自到婚姻登记机关申请"; regulation 2003 art. 4 "共同到",
   2025 art. 7 "亲自到婚姻登记机关共同申请".
7. **The office** — 2003 art. 4: "男女双方应当共同到**一方当事人常住户口所在地**的婚姻登记
   机关办理结婚登记" (so the office's county holds one party's household registration);
   2025 art. 7 names no office: any office (全国通办)
   (``family.marriage.registration.anywhere``).

A fact not established (``None``) makes the decision "cannot decide", naming its path,
unless another condition already fails.  The outcome is symmetric in the two parties.

**Illness is not a condition.**  The 2003 regulation's art. 6(五) refused a party "患有医学上
认为不应当结婚的疾病的"; the Civil Code dropped that bar: art. 1049 registers a couple "符合本法
规定的", art. 1051 voids a marriage only for bigamy, prohibited kinship and under-age, and
art. 1053 turns a serious illness into a duty to disclose it before registering ("一方患有重大
疾病的，应当在结婚登记前如实告知另一方"), the other party's remedy being annulment by a court.
A State Council regulation cannot add a bar the Code removed: "法律的效力高于行政法规"
(《立法法》 2015 art. 88, 2023 art. 99).  The Ministry
applied the Code over the 2003 regulation from 2021-01-01 without waiting for its revision
(民发〔2020〕116号 item 一: registration offices stopped annulling coerced marriages under the
regulation's art. 9, because Code art. 1052 sends them to the courts — read in a copy of the
notice; whether it addressed art. 6(五) was not read), and the 2024 revision deleted (五),
bringing the text in line.  So from 2021-01-01, the first date decided, no illness fact is
asked and none refuses registration; the registrar's task under art. 1053 is to remind, not
to refuse, which is not decided here.

**The divorce-by-agreement timeline** (``family.marriage.divorce``) — art. 1077:
"自婚姻登记机关收到离婚登记申请之日起三十日内，任何一方不愿意离婚的，可以向婚姻登记机关撤回
离婚登记申请。前款规定期限届满后三十日内，双方应当亲自到婚姻登记机关申请发给离婚证；未申请的，
视为撤回离婚登记申请。"  The dates (:func:`divorce_timeline`):

- the **cooling-off** (冷静期) runs from the day after receipt (art. 201: "开始的当日不计入，
  自下一日开始计算") and ends on receipt + 30 days; within it either party may withdraw;
- the **certificate period** runs from the day after the cooling-off ends and ends 30 days
  after it: both must apply in person by then, or the application is deemed withdrawn
  (regulation 2025 art. 16 "视为撤回离婚登记申请，离婚登记程序终止");
- each last day that falls on a statutory rest day moves to the day after the rest days
  end (art. 203).  **Art. 203 applies**: art. 204 keeps the Code's way of counting unless a
  law provides otherwise, and neither art. 1077 nor the regulation does (2025 art. 16 says
  only "在法律规定期限内").  Which days are 法定休假日 is an **input**
  (:attr:`DivorceApplication.rest_days`): the State Council's yearly holiday arrangement,
  with its working weekends, is not shipped.  Without it, a date that only the calendar can
  place (a withdrawal or an application after the nominal last day) makes the decision
  "cannot decide", naming ``$.rest_days``.  Art. 203's second paragraph (the last day ends
  at 24:00, or when the office closes) is a matter of hours, which dates do not carry.

Personal data (names, resident ID numbers) is masked in every subject and reason.
Paths of missing facts are relative to the application.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import attrs

from civaffairs import jurisdictions
from civaffairs.dates import age_in_full_years, period_last_day
from civaffairs.decisions import (
    Citation,
    Decision,
    Draft,
    Outcome,
    Reason,
    ReasonCode,
    Tally,
    programme,
)
from civaffairs.entities import Person
from civaffairs.errors import DuplicateIdentityError, InvalidInputError
from civaffairs.family.laws import (
    CIVIL_CODE,
    MARRIAGE_REGULATION_2003,
    MARRIAGE_REGULATION_2025,
)
from civaffairs.identity import Sex
from civaffairs.labels import Labelled
from civaffairs.parameters import ParameterBook, ParameterValue, default_book

__all__ = [
    "DIVORCE",
    "REGISTRATION",
    "DivorceApplication",
    "DivorceTimeline",
    "Kinship",
    "KinshipBar",
    "MarriageApplication",
    "MarriageParty",
    "assess_divorce",
    "assess_registration",
    "divorce_timeline",
    "kinship_bar",
]

REGISTRATION = programme("family.marriage.registration")
DIVORCE = programme("family.marriage.divorce")

_SEXES = Citation(
    CIVIL_CODE, "第一千零四十九条", note="要求结婚的男女双方应当亲自到婚姻登记机关申请结婚登记"
)
_AGE = Citation(
    CIVIL_CODE,
    "第一千零四十七条",
    note="结婚年龄，男不得早于二十二周岁，女不得早于二十周岁; "
    "婚姻登记条例 2003 第六条(一), 2025 第九条(一)",
)
_SPOUSE = Citation(
    CIVIL_CODE,
    "第一千零四十二条第二款; 第一千零五十一条(一)",
    note="禁止重婚; 婚姻登记条例 2003 第六条(三), 2025 第九条(三): 一方或者双方已有配偶的",
)
_KINSHIP = Citation(
    CIVIL_CODE,
    "第一千零四十八条",
    note="直系血亲或者三代以内的旁系血亲禁止结婚; "
    "the counting 己身为一代 is doctrine, not the Code's text",
)
_CONSENT = Citation(
    CIVIL_CODE,
    "第一千零四十六条",
    note="结婚应当男女双方完全自愿; 婚姻登记条例 2003 第六条(二), 2025 第九条(二)",
)
_IN_PERSON = Citation(CIVIL_CODE, "第一千零四十九条", note="亲自到婚姻登记机关申请结婚登记")
_OFFICE_2003 = Citation(
    MARRIAGE_REGULATION_2003,
    "第四条",
    note="男女双方应当共同到一方当事人常住户口所在地的婚姻登记机关办理结婚登记",
)
_OFFICE_2025 = Citation(
    MARRIAGE_REGULATION_2025,
    "第七条",
    note="男女双方应当亲自到婚姻登记机关共同申请结婚登记 (全国通办)",
)
_COOLING_OFF = Citation(
    CIVIL_CODE,
    "第一千零七十七条第一款; 第二百零一条; 第二百零三条",
    note="自婚姻登记机关收到离婚登记申请之日起三十日内，任何一方不愿意离婚的，可以……撤回",
)
_CERTIFICATE = Citation(
    CIVIL_CODE,
    "第一千零七十七条第二款; 第二百零一条; 第二百零三条",
    note="前款规定期限届满后三十日内，双方应当亲自到婚姻登记机关申请发给离婚证；"
    "未申请的，视为撤回离婚登记申请",
)
_REST_DAYS = Citation(
    CIVIL_CODE,
    "第二百零三条",
    note="期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日",
)

# -- reason codes: registration ----------------------------------------------------------------

R_SEXES = ReasonCode.define(
    "family.marriage.registration.sexes",
    "双方为{sexes}: {verdict}",
    "the parties are {sexes_en}: {verdict_en}",
    _SEXES,
)
R_AGE = ReasonCode.define(
    "family.marriage.registration.age",
    "{who}({sex}) {age} 周岁, 法定结婚年龄 {minimum} 周岁: {verdict}",
    "{who} ({sex_en}) is {age} in full years; the minimum age is {minimum}: {verdict_en}",
    _AGE,
)
R_SPOUSE = ReasonCode.define(
    "family.marriage.registration.spouse",
    "{who}: {state}",
    "{who}: {state_en}",
    _SPOUSE,
)
R_KINSHIP = ReasonCode.define(
    "family.marriage.registration.kinship",
    "双方亲属关系: {relation}",
    "kinship between the parties: {relation_en}",
    _KINSHIP,
)
R_CONSENT = ReasonCode.define(
    "family.marriage.registration.consent",
    "{who}: {state}",
    "{who}: {state_en}",
    _CONSENT,
)
R_IN_PERSON = ReasonCode.define(
    "family.marriage.registration.in_person",
    "{who}: {state}",
    "{who}: {state_en}",
    _IN_PERSON,
)
R_OFFICE_DOMICILE = ReasonCode.define(
    "family.marriage.registration.office_domicile",
    "婚姻登记机关在{office}; 双方常住户口在{homes}: {verdict}",
    "the office is in {office}; the parties' households are registered in {homes}: {verdict_en}",
    _OFFICE_2003,
)
R_OFFICE_ANYWHERE = ReasonCode.define(
    "family.marriage.registration.office_anywhere",
    "婚姻登记全国通办: 可在{office}的婚姻登记机关申请",
    "registration anywhere in the country: the office in {office} may register the couple",
    _OFFICE_2025,
)
R_MISSING = ReasonCode.define(
    "family.marriage.registration.missing_facts",
    "缺少判定所需事实: {paths}",
    "facts needed for the decision are missing: {paths}",
    Citation(CIVIL_CODE, "第一千零四十九条", note="符合本法规定的，予以登记，发给结婚证"),
)

# -- reason codes: divorce ---------------------------------------------------------------------

R_TIMELINE = ReasonCode.define(
    "family.marriage.divorce.timeline",
    "{received} 收到离婚登记申请; 冷静期至 {cooling_off_ends}{cooling_moved}; "
    "申请发给离婚证期间 {certificate_from} 至 {certificate_until}{certificate_moved}",
    "application received on {received}; cooling-off until {cooling_off_ends}"
    "{cooling_moved_en}; both must apply for the certificate from {certificate_from} "
    "until {certificate_until}{certificate_moved_en}",
    _COOLING_OFF,
)
R_WITHDRAWN = ReasonCode.define(
    "family.marriage.divorce.withdrawn",
    "一方于 {day} 在冷静期内撤回离婚登记申请",
    "a party withdrew the application on {day}, within the cooling-off",
    _COOLING_OFF,
)
R_LATE_WITHDRAWAL = ReasonCode.define(
    "family.marriage.divorce.late_withdrawal",
    "{day} 的撤回在冷静期届满({cooling_off_ends})之后, 不是第一千零七十七条第一款的撤回; "
    "双方不申请发给离婚证的, 视为撤回",
    "the withdrawal on {day} came after the cooling-off ended ({cooling_off_ends}): it is "
    "not a withdrawal under art. 1077(1); the application lapses unless both apply",
    _COOLING_OFF,
)
R_PREMATURE = ReasonCode.define(
    "family.marriage.divorce.premature",
    "{day} 申请发给离婚证, 冷静期至 {cooling_off_ends} 尚未届满",
    "the certificate was applied for on {day}, before the cooling-off ended on {cooling_off_ends}",
    _CERTIFICATE,
)
R_IN_TIME = ReasonCode.define(
    "family.marriage.divorce.in_time",
    "双方于 {day} 亲自申请发给离婚证, 在 {certificate_from} 至 {certificate_until} 期间内",
    "both applied in person for the certificate on {day}, within {certificate_from} to "
    "{certificate_until}",
    _CERTIFICATE,
)
R_DEEMED_WITHDRAWN = ReasonCode.define(
    "family.marriage.divorce.deemed_withdrawn",
    "{what}: 视为撤回离婚登记申请",
    "{what_en}: the application is deemed withdrawn",
    _CERTIFICATE,
)
R_PENDING = ReasonCode.define(
    "family.marriage.divorce.pending",
    "{what}",
    "{what_en}",
    _CERTIFICATE,
)
R_CALENDAR_UNKNOWN = ReasonCode.define(
    "family.marriage.divorce.calendar_unknown",
    "{day} 在名义期间末日 {nominal} 之后; 末日是否因法定休假日顺延未知, 需要法定休假日历",
    "{day} falls after the nominal last day {nominal}; whether rest days moved that day is "
    "unknown without the statutory rest-day calendar",
    _REST_DAYS,
)


# -- facts -------------------------------------------------------------------------------------


def _optional_bool(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, bool):
        raise InvalidInputError(
            f"$.{attribute.name}", value, "true, false or null (not established)"
        )


def _generations(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        raise InvalidInputError(
            f"$.{attribute.name}", value, "a whole number of generations, 0 or more"
        )


def _office(_instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    """Check the office's county code.

    婚姻登记条例 2003 art. 2 (2025 art. 2 likewise): "内地居民办理婚姻登记的机关是县级人民政府
    民政部门或者乡(镇)人民政府" — a county-level code (a township lies in one); a province or
    the nation would pass every office test silently.
    """
    if not (isinstance(value, str) and len(value) == 6 and value.isdigit()):
        raise InvalidInputError(f"$.{attribute.name}", value, "a six-digit GB/T 2260 code")
    try:
        jurisdictions.get(value)
    except LookupError:
        raise InvalidInputError(
            f"$.{attribute.name}", value, "a known GB/T 2260 division code"
        ) from None
    jurisdictions.require_county(
        value,
        path=f"$.{attribute.name}",
        why="婚姻登记条例 第二条: the registration office is a county-level 民政部门 or a township",
    )


def _calendar_date(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (not isinstance(value, dt.date) or isinstance(value, dt.datetime)):
        raise InvalidInputError(f"$.{attribute.name}", value, "a calendar date")


class KinshipBar(Labelled):
    """What art. 1048 makes of the couple's kinship.

    .. versionadded:: 0.1.0
    """

    LINEAL = "lineal", "直系血亲", "lineal blood relatives"
    COLLATERAL = (
        "collateral_within_three",
        "三代以内的旁系血亲",
        "collateral blood relatives within three generations",
    )
    NONE = "none", "不属于禁止结婚的亲属关系", "not a kinship that bars marriage"


@attrs.frozen
class Kinship:
    """The blood kinship between the two parties, as generations up to a common ancestor.

    ``related`` is whether the parties are blood relatives at all (血亲, whole or half
    blood).  When they are, ``first`` and ``second`` are the number of generations from
    the first and the second party **up to their nearest common ancestor**: 0 when the
    party is that ancestor (a parent and child: 0 and 1), 1 for siblings (1 and 1), 2 for
    first cousins (2 and 2), 1 and 2 for an uncle and his niece.  See :func:`kinship_bar`.
    Kinship by adoption is given here as the law treats it (《民法典》 art. 1111); the
    caller decides that.

    .. versionadded:: 0.1.0
    """

    related: bool = attrs.field()
    first: int | None = attrs.field(default=None, validator=_generations)
    second: int | None = attrs.field(default=None, validator=_generations)

    @related.validator
    def _check_related(self, _attribute: attrs.Attribute[bool], value: object) -> None:
        if not isinstance(value, bool):
            raise InvalidInputError("$.related", value, "true or false")

    def __attrs_post_init__(self) -> None:
        if self.related:
            for name in ("first", "second"):
                if getattr(self, name) is None:
                    raise InvalidInputError(
                        f"$.{name}", None, "the generations up to the nearest common ancestor"
                    )
            if self.first == 0 and self.second == 0:
                raise InvalidInputError(
                    "$.second", 0, "not 0 when first is 0 (the parties are two persons)"
                )
        elif self.first is not None or self.second is not None:
            raise InvalidInputError(
                "$.first" if self.first is not None else "$.second",
                self.first if self.first is not None else self.second,
                "no generations when the parties are not blood relatives (related = false)",
            )

    def swapped(self) -> Kinship:
        """Return the same kinship seen from the other party."""
        return Kinship(self.related, self.second, self.first)


def kinship_bar(kinship: Kinship, generations: int = 3) -> KinshipBar:
    """Return whether art. 1048 bars the couple: lineal, collateral within ``generations``, none.

    《民法典》 art. 1048: "直系血亲或者三代以内的旁系血亲禁止结婚".  The Code does not say how
    generations are counted; the counting taught for it (recalled, not read in the Code)
    takes the party as the first generation (己身为一代), the parents as the second, the
    grandparents as the third, and counts the longer side.  So with ``first`` and
    ``second`` the generations from each party **up to** the nearest common ancestor:

    - **lineal** (直系血亲) when one party is the other's ancestor: one count is 0;
    - **collateral within three generations** when the common ancestor lies within the
      third generation of both, counting each party as the first: both counts are at most
      ``generations - 1`` = 2 ("以内" includes the number, art. 1259) — siblings (1, 1),
      first cousins (2, 2), an uncle and his niece (1, 2);
    - otherwise not barred: second cousins (3, 3), a great-uncle and his grandniece (2, 3).

    Symmetric: swapping the parties swaps the counts and changes nothing.

    >>> kinship_bar(Kinship(True, 2, 2)).value, kinship_bar(Kinship(True, 3, 3)).value
    ('collateral_within_three', 'none')

    .. versionadded:: 0.1.0
    """
    if not kinship.related:
        return KinshipBar.NONE
    first, second = kinship.first, kinship.second
    assert first is not None  # noqa: S101 - checked by Kinship
    assert second is not None  # noqa: S101 - checked by Kinship
    if min(first, second) == 0:
        return KinshipBar.LINEAL
    if max(first, second) <= generations - 1:
        return KinshipBar.COLLATERAL
    return KinshipBar.NONE


@attrs.frozen
class MarriageParty:
    """One party to a marriage registration: the person and the facts the registrar checks.

    ``has_spouse`` is whether the party is married now (有配偶); ``consents`` whether the
    party wishes to marry entirely of their own will (完全自愿); ``in_person`` whether the
    party comes to the office in person (亲自).  ``None`` means not established.  No illness
    fact: from 2021-01-01 illness is no ground of refusal (《民法典》 arts. 1049, 1053; see
    the module docstring).

    .. versionadded:: 0.1.0
    """

    person: Person = attrs.field()
    has_spouse: bool | None = attrs.field(default=None, validator=_optional_bool)
    consents: bool | None = attrs.field(default=None, validator=_optional_bool)
    in_person: bool | None = attrs.field(default=None, validator=_optional_bool)

    @person.validator
    def _check_person(self, _attribute: attrs.Attribute[Person], value: object) -> None:
        if not isinstance(value, Person):
            raise InvalidInputError("$.person", type(value).__name__, "a person")


def _two_parties(_instance: object, _attribute: attrs.Attribute[Any], value: object) -> None:
    if not (isinstance(value, tuple) and len(value) == 2):
        count = len(value) if isinstance(value, tuple) else type(value).__name__
        raise InvalidInputError("$.parties", f"{count} parties", "exactly two parties")
    for index, party in enumerate(value):
        if not isinstance(party, MarriageParty):
            raise InvalidInputError(f"$.parties[{index}]", type(party).__name__, "a party")
    first, second = value[0].person, value[1].person
    if first.id == second.id:
        raise DuplicateIdentityError(
            "$.parties[1].person.id",
            second.id,
            "two different persons",
            earlier="$.parties[0].person.id",
        )
    if first.resident_id is not None and first.resident_id == second.resident_id:
        raise DuplicateIdentityError(
            "$.parties[1].person.resident_id",
            second.resident_id.masked,
            "two different persons",
            earlier="$.parties[0].person.resident_id",
        )


@attrs.frozen
class MarriageApplication:
    """A couple's application to register their marriage at the office in ``office``.

    ``office`` is the GB/T 2260 code of the county (or district) whose registration office
    they come to; ``kinship`` their blood kinship, ``None`` when not established.

    .. versionadded:: 0.1.0
    """

    office: str = attrs.field(validator=_office)
    parties: tuple[MarriageParty, ...] = attrs.field(validator=_two_parties)
    kinship: Kinship | None = None

    @property
    def subject(self) -> str:
        """The couple as decisions name them: ids with masked names or ID numbers."""
        return " & ".join(party.person.label for party in self.parties)

    def swapped(self) -> MarriageApplication:
        """Return the same application with the two parties in the other order."""
        kinship = None if self.kinship is None else self.kinship.swapped()
        return MarriageApplication(self.office, (self.parties[1], self.parties[0]), kinship)


def _case_id(_instance: object, _attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError("$.id", value, "a non-empty case reference")


def _rest_days(value: Iterable[dt.date] | None) -> frozenset[dt.date] | None:
    return None if value is None else frozenset(value)


@attrs.frozen
class DivorceApplication:
    """An application to register a divorce by agreement, and what happened since.

    ``id`` is the case reference (not personal data); ``office`` the GB/T 2260 code of the
    receiving office's county; ``received_on`` the day the office received the application
    (收到离婚登记申请之日).  ``withdrawn_on`` is the day one party withdrew it, if one did;
    ``certificate_applied_on`` the day both came in person to ask for the certificate, if
    they did.  ``rest_days`` are the 法定休假日 the caller's calendar holds over the period
    (an empty set says none of its days is one); ``None`` when no calendar is given.

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=_case_id)
    office: str = attrs.field(validator=_office)
    received_on: dt.date = attrs.field(validator=_calendar_date)
    rest_days: frozenset[dt.date] | None = attrs.field(default=None, converter=_rest_days)
    withdrawn_on: dt.date | None = attrs.field(default=None, validator=_calendar_date)
    certificate_applied_on: dt.date | None = attrs.field(default=None, validator=_calendar_date)

    def __attrs_post_init__(self) -> None:
        for name in ("withdrawn_on", "certificate_applied_on"):
            day = getattr(self, name)
            if day is not None and day < self.received_on:
                raise InvalidInputError(
                    f"$.{name}",
                    day.isoformat(),
                    f"a date on or after received_on {self.received_on.isoformat()}",
                )
        for day in self.rest_days or ():
            if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
                raise InvalidInputError("$.rest_days", day, "calendar dates")


@attrs.frozen
class DivorceTimeline:
    """The dates of art. 1077 for one application, each last day inclusive.

    ``cooling_off_ends`` is the last day either party may withdraw;
    ``certificate_from`` .. ``certificate_until`` the days on which both must apply in
    person for the certificate.  ``cooling_off_moved`` and ``certificate_moved`` say
    whether art. 203 moved a last day off a rest day; ``parameters`` are the periods'
    lengths with their sources.  The dates strictly increase:
    ``received_on < cooling_off_ends < certificate_from < certificate_until``.

    .. versionadded:: 0.1.0
    """

    received_on: dt.date
    cooling_off_ends: dt.date
    certificate_from: dt.date
    certificate_until: dt.date
    cooling_off_moved: bool = False
    certificate_moved: bool = False
    parameters: tuple[ParameterValue, ...] = ()


def divorce_timeline(
    received_on: dt.date,
    *,
    rest_days: Iterable[dt.date] = (),
    jurisdiction: str = "000000",
    book: ParameterBook | None = None,
) -> DivorceTimeline:
    """Return the art. 1077 dates for an application received on ``received_on``.

    The periods' lengths are those in force on ``received_on``.  Each period's start day
    is not counted (art. 201), so the cooling-off ends on ``received_on`` + 30 days, and the
    certificate period, counted from that last day, 30 days after it; a last day on a day
    of ``rest_days`` moves to the day after the rest days end (art. 203).

    >>> timeline = divorce_timeline(dt.date(2025, 6, 3))
    >>> timeline.cooling_off_ends, timeline.certificate_until
    (datetime.date(2025, 7, 3), datetime.date(2025, 8, 2))

    .. versionadded:: 0.1.0
    """
    book = book or default_book()
    calendar = frozenset(rest_days)
    cooling, cooling_used = book.count(
        "family.marriage.divorce.cooling_off_days", jurisdiction, received_on
    )
    window, window_used = book.count(
        "family.marriage.divorce.certificate_days", jurisdiction, received_on
    )
    cooling_ends, cooling_moved = period_last_day(received_on, cooling, rest_days=calendar)
    until, until_moved = period_last_day(cooling_ends, window, rest_days=calendar)
    return DivorceTimeline(
        received_on,
        cooling_ends,
        cooling_ends + dt.timedelta(days=1),
        until,
        cooling_moved,
        until_moved,
        (cooling_used, window_used),
    )


# -- the registration rule ---------------------------------------------------------------------


def _decided(tally: Tally, draft: Draft) -> Decision:
    """Return the decision of a tally; "cannot decide" names the missing facts in a reason too."""
    draft.reasons.extend(tally.reasons)
    outcome = tally.outcome
    if outcome is Outcome.CANNOT_DECIDE:
        draft.reasons.append(R_MISSING.reason(None, paths=", ".join(tally.missing)))
        return draft.decide(outcome, missing=tally.missing)
    return draft.decide(outcome)


_STATES: dict[str, dict[bool | None, tuple[str, str]]] = {
    "has_spouse": {
        True: ("已有配偶", "is married"),
        False: ("无配偶", "has no spouse"),
        None: ("是否有配偶尚未确定", "whether married is not established"),
    },
    "consents": {
        True: ("完全自愿结婚", "wishes to marry of their own free will"),
        False: ("并非完全自愿", "does not wish to marry of their own free will"),
        None: ("是否完全自愿尚未确定", "free consent is not established"),
    },
    "in_person": {
        True: ("亲自到婚姻登记机关申请", "applies in person"),
        False: ("未亲自到婚姻登记机关", "does not come in person"),
        None: ("是否亲自到场尚未确定", "whether present in person is not established"),
    },
}

# the fact whose value meets the condition: True for consent and presence, False otherwise
_MEETS = {"has_spouse": False, "consents": True, "in_person": True}


def _party_fact(
    tally: Tally,
    code: ReasonCode,
    application: MarriageApplication,
    name: str,
    parameters: tuple[ParameterValue, ...] = (),
) -> None:
    for index, party in enumerate(application.parties):
        value: bool | None = getattr(party, name)
        zh, en = _STATES[name][value]
        met = None if value is None else value is _MEETS[name]
        path = f"$.parties[{index}].{name}"
        tally.add(
            code.reason(met, parameters, who=party.person.label, state=zh, state_en=en),
            [path] if value is None else [],
        )


def _verdict(*, met: bool) -> dict[str, str]:
    return {"verdict": "符合" if met else "不符合", "verdict_en": "met" if met else "not met"}


def assess_registration(
    application: MarriageApplication,
    on: dt.date,
    *,
    book: ParameterBook | None = None,
) -> Decision:
    """Decide whether the couple of ``application`` may register their marriage on ``on``.

    Every condition of the module docstring is checked and given as a reason, under the
    texts in force on ``on``; the decision's jurisdiction is the office's.  Raises
    :class:`~civaffairs.errors.InvalidInputError` naming ``$.parties[i].person.birth_date``
    for a party born after ``on``, and a
    :class:`~civaffairs.errors.ParameterOutOfRangeError` for a date before 2021-01-01,
    when the Civil Code took effect.

    .. versionadded:: 0.1.0
    """
    book = book or default_book()
    where = application.office
    tally = Tally()
    parties = application.parties

    # 1. A man and a woman (art. 1049).
    sexes = {party.person.sex for party in parties}
    pair = sexes == {Sex.MALE, Sex.FEMALE}
    if pair:
        verdict, verdict_en = "男女双方", "a man and a woman"
    else:
        verdict = "民法典规定结婚为男女双方, 不能办理结婚登记"
        verdict_en = "the Civil Code provides for the marriage of a man and a woman only"
    tally.add(
        R_SEXES.reason(
            pair,
            sexes="、".join(party.person.sex.zh for party in parties),
            sexes_en=" and ".join(party.person.sex.en for party in parties),
            verdict=verdict,
            verdict_en=verdict_en,
        )
    )

    # 2. Age in full years (art. 1047).
    for index, party in enumerate(parties):
        person = party.person
        suffix = "male" if person.sex is Sex.MALE else "female"
        minimum, used = book.count(f"family.marriage.registration.min_age_{suffix}", where, on)
        if on < person.birth_date:
            raise InvalidInputError(
                f"$.parties[{index}].person.birth_date",
                "(a birth date, withheld)",
                f"a birth date on or before the date asked, {on.isoformat()}",
            )
        age = age_in_full_years(person.birth_date, on)
        tally.add(
            R_AGE.reason(
                age >= minimum,
                (used,),
                who=person.label,
                sex=person.sex.zh,
                sex_en=person.sex.en,
                age=str(age),
                minimum=str(minimum),
                **_verdict(met=age >= minimum),
            )
        )

    # 3. No existing marriage.
    _party_fact(tally, R_SPOUSE, application, "has_spouse")

    # 4. Kinship (art. 1048).
    _kinship(tally, application, where, on, book)

    # 5. Consent (art. 1046) and 6. in person (art. 1049).
    _party_fact(tally, R_CONSENT, application, "consents")
    _party_fact(tally, R_IN_PERSON, application, "in_person")

    # 7. The office.  (No illness ground: the Code prevails over 2003 art. 6(五), see above.)
    _office_reason(tally, application, on, book)

    draft = Draft(REGISTRATION.code, application.subject, on, where)
    return _decided(tally, draft)


def _kinship(
    tally: Tally, application: MarriageApplication, where: str, on: dt.date, book: ParameterBook
) -> None:
    kinship = application.kinship
    if kinship is None:
        tally.add(
            R_KINSHIP.reason(None, relation="尚未确定", relation_en="not established"),
            ["$.kinship"],
        )
        return
    generations, used = book.count("family.marriage.registration.collateral_generations", where, on)
    bar = kinship_bar(kinship, generations)
    if kinship.related:
        detail = f"(各自上溯至最近共同祖先 {kinship.first} 代、{kinship.second} 代)"
        detail_en = (
            f" ({kinship.first} and {kinship.second} generations up to the nearest common ancestor)"
        )
    else:
        detail, detail_en = "(非血亲)", " (not blood relatives)"
    tally.add(
        R_KINSHIP.reason(
            bar is KinshipBar.NONE,
            (used,),
            relation=f"{bar.zh}{detail}",
            relation_en=f"{bar.en}{detail_en}",
        )
    )


def _office_reason(
    tally: Tally, application: MarriageApplication, on: dt.date, book: ParameterBook
) -> None:
    office = application.office
    anywhere, used = book.flag("family.marriage.registration.anywhere", office, on)
    shown = jurisdictions.label(office)
    if anywhere:
        tally.add(R_OFFICE_ANYWHERE.reason(True, (used,), office=shown))
        return
    homes = [party.person.registration.jurisdiction for party in application.parties]
    within = any(jurisdictions.is_within(home, office) for home in homes)
    tally.add(
        R_OFFICE_DOMICILE.reason(
            within,
            (used,),
            office=shown,
            homes="、".join(jurisdictions.label(home) for home in homes),
            **_verdict(met=within),
        )
    )


# -- the divorce timeline ----------------------------------------------------------------------


def _timeline_reason(timeline: DivorceTimeline, *, calendar: bool) -> Reason:
    unknown = ("(未提供法定休假日历, 为名义日期)", " (nominal: no rest-day calendar given)")
    moved = ("(因法定休假日顺延)", " (moved off rest days)")

    def note(*, was_moved: bool) -> tuple[str, str]:
        if not calendar:
            return unknown
        return moved if was_moved else ("", "")

    cooling, certificate = (
        note(was_moved=timeline.cooling_off_moved),
        note(was_moved=timeline.certificate_moved),
    )
    return R_TIMELINE.reason(
        None,
        timeline.parameters,
        received=timeline.received_on.isoformat(),
        cooling_off_ends=timeline.cooling_off_ends.isoformat(),
        certificate_from=timeline.certificate_from.isoformat(),
        certificate_until=timeline.certificate_until.isoformat(),
        cooling_moved=cooling[0],
        cooling_moved_en=cooling[1],
        certificate_moved=certificate[0],
        certificate_moved_en=certificate[1],
    )


def _not_after(application: DivorceApplication, on: dt.date) -> None:
    for name in ("received_on", "withdrawn_on", "certificate_applied_on"):
        day: dt.date | None = getattr(application, name)
        if day is not None and day > on:
            raise InvalidInputError(
                f"$.{name}",
                day.isoformat(),
                f"a date on or before the date asked, {on.isoformat()}",
            )


def assess_divorce(
    application: DivorceApplication,
    on: dt.date,
    *,
    book: ParameterBook | None = None,
) -> Decision:
    """Decide where a divorce-by-agreement application stands on ``on`` under art. 1077.

    - **eligible**: both applied in person for the certificate within the certificate
      period — the office then registers the divorce if it finds both willing and agreed on
      children, property and debts (art. 1078, which is the registrar's review, not decided
      here);
    - **not eligible**: withdrawn within the cooling-off, applied for the certificate
      before the cooling-off ended, or deemed withdrawn (no joint application by the last
      day of the certificate period);
    - **cannot decide**: the certificate period is still open and nobody has applied
      (``$.certificate_applied_on``), or a date falls after a nominal last day and no
      rest-day calendar was given (``$.rest_days``).

    Every date is given in the reasons (:func:`divorce_timeline`).  Raises
    :class:`~civaffairs.errors.InvalidInputError` naming the field for a date after ``on``.

    .. versionadded:: 0.1.0
    """
    book = book or default_book()
    _not_after(application, on)
    where = application.office
    known = application.rest_days is not None
    timeline = divorce_timeline(
        application.received_on,
        rest_days=application.rest_days or (),
        jurisdiction=where,
        book=book,
    )
    draft = Draft(DIVORCE.code, application.id, on, where)
    draft.reasons.append(_timeline_reason(timeline, calendar=known))
    withdrawn, applied = application.withdrawn_on, application.certificate_applied_on
    ends = timeline.cooling_off_ends

    def unknown_calendar(day: dt.date, nominal: dt.date, *more: str) -> Decision:
        draft.reasons.append(
            R_CALENDAR_UNKNOWN.reason(None, day=day.isoformat(), nominal=nominal.isoformat())
        )
        return draft.decide(Outcome.CANNOT_DECIDE, missing=("$.rest_days", *more))

    if withdrawn is not None and (applied is None or withdrawn <= applied):
        if withdrawn <= ends:
            draft.reasons.append(R_WITHDRAWN.reason(False, day=withdrawn.isoformat()))
            return draft.decide(Outcome.NOT_ELIGIBLE)
        if not known:
            return unknown_calendar(withdrawn, ends)
        draft.reasons.append(
            R_LATE_WITHDRAWAL.reason(
                None, day=withdrawn.isoformat(), cooling_off_ends=ends.isoformat()
            )
        )
    if applied is not None:
        decided = _certificate(draft, timeline, applied, known=known)
        return decided if decided is not None else unknown_calendar(applied, ends)
    until = timeline.certificate_until
    if on <= until:
        draft.reasons.append(
            R_PENDING.reason(
                None,
                what=f"尚未申请发给离婚证; 双方须在 {timeline.certificate_from} 至 {until} "
                "期间亲自申请",
                what_en=f"no application for the certificate yet; both must apply in person "
                f"from {timeline.certificate_from} until {until}",
            )
        )
        return draft.decide(Outcome.CANNOT_DECIDE, missing=("$.certificate_applied_on",))
    if not known:
        return unknown_calendar(on, until, "$.certificate_applied_on")
    draft.reasons.append(
        R_DEEMED_WITHDRAWN.reason(
            False,
            what=f"至 {until} 双方未申请发给离婚证",
            what_en=f"both had not applied for the certificate by {until}",
        )
    )
    return draft.decide(Outcome.NOT_ELIGIBLE)


def _certificate(
    draft: Draft,
    timeline: DivorceTimeline,
    applied: dt.date,
    *,
    known: bool,
) -> Decision | None:
    """Decide a joint application for the certificate made on ``applied``.

    ``None`` when only the rest-day calendar, not given, could place ``applied``.
    """
    ends, start, until = (
        timeline.cooling_off_ends,
        timeline.certificate_from,
        timeline.certificate_until,
    )
    if applied <= ends:
        draft.reasons.append(
            R_PREMATURE.reason(False, day=applied.isoformat(), cooling_off_ends=ends.isoformat())
        )
        return draft.decide(Outcome.NOT_ELIGIBLE)
    if not known:
        return None
    if applied <= until:
        draft.reasons.append(
            R_IN_TIME.reason(
                True,
                day=applied.isoformat(),
                certificate_from=start.isoformat(),
                certificate_until=until.isoformat(),
            )
        )
        return draft.decide(Outcome.ELIGIBLE)
    draft.reasons.append(
        R_DEEMED_WITHDRAWN.reason(
            False,
            what=f"{applied} 申请发给离婚证, 已超过 {until}",
            what_en=f"the certificate was applied for on {applied}, after {until}",
        )
    )
    return draft.decide(Outcome.NOT_ELIGIBLE)
