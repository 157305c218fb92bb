"""The facts of a 特困 application: the person's needs, the supporters, the arrangement.

What :func:`~civaffairs.assistance.extreme_poverty.assess_person` reads beyond the
household (认定办法 arts. 8, 9, 21, 24): the statutory supporters and the heads of
art. 8 they may be in, the daily activities of the self-care assessment (art. 21), the
support arrangement, and a minor's choices.  Every enum here carries its own labels
(:class:`~civaffairs.labels.Labelled`).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

import attrs

from civaffairs.entities import AbilityGrade, Disability, Household, RegistrationKind, Relationship
from civaffairs.errors import InvalidInputError
from civaffairs.labels import Labelled
from civaffairs.money import YuanInput, yuan

__all__ = [
    "CareTier",
    "DailyActivity",
    "ExtremePovertyApplication",
    "ExtremePovertyFacts",
    "SupportArrangement",
    "Supporter",
    "SupporterSituation",
]


class DailyActivity(Labelled):
    """The six activities of the 特困 self-care assessment (生活自理能力评估, art. 21).

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 members carry their labels (``.zh``, ``.en``).
    """

    EATING = "eating", "自主吃饭", "eating"
    DRESSING = "dressing", "自主穿衣", "dressing"
    BED_TRANSFER = "bed_transfer", "自主上下床", "getting in and out of bed"
    TOILETING = "toileting", "自主如厕", "using the toilet"
    INDOOR_WALKING = "indoor_walking", "室内自主行走", "walking indoors"
    BATHING = "bathing", "自主洗澡", "bathing"


class CareTier(Labelled):
    """How far a person can care for themselves, which selects the care standard.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 members carry their labels (``.zh``, ``.en``).
    """

    #: 具备生活自理能力 (全自理)
    SELF_CARE = "self_care", "具备生活自理能力", "able to care for oneself"
    #: 部分丧失生活自理能力 (半失能, 半护理)
    PARTIAL = "partial", "部分丧失生活自理能力", "partly unable to care for oneself"
    #: 完全丧失生活自理能力 (全失能, 全护理)
    FULL = "full", "完全丧失生活自理能力", "wholly unable to care for oneself"

    @property
    def rank(self) -> int:
        """0 for self-care, 1 for partly and 2 for wholly unable."""
        return list(CareTier).index(self)


class SupportArrangement(Labelled):
    """Where a person is supported: in an institution or at home.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 members carry their labels (``.zh``, ``.en``).
    """

    #: 集中供养 (in a support institution)
    CONCENTRATED = "concentrated", "集中供养", "institutional support"
    #: 分散供养 (at home, with contracted care)
    DISPERSED = "dispersed", "分散供养", "support at home"


class SupporterSituation(Labelled):
    """What a statutory supporter is, as far as the heads of art. 8 go.

    :attr:`Supporter.situations` lists the situations the supporter is in;
    once given, a situation not listed is one the supporter is not in.  Age,
    disability, income, registration kind and property are separate facts of
    :class:`Supporter`.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 members carry their labels (``.zh``, ``.en``).
    """

    #: (一) 特困人员
    EXTREME_POVERTY = "extreme_poverty", "特困人员", "in extreme poverty"
    #: 最低生活保障对象 ((二): unable when aged 60 or more)
    DIBAO = "dibao", "最低生活保障对象", "a dibao recipient"
    #: (五) 无民事行为能力
    NO_CIVIL_CAPACITY = "no_civil_capacity", "无民事行为能力", "without civil capacity"
    #: (五) 被宣告失踪
    DECLARED_MISSING = "declared_missing", "被宣告失踪", "declared missing"
    #: (五) 在监狱服刑
    IN_PRISON = "in_prison", "在监狱服刑", "in prison"
    #: (六) 省、自治区、直辖市人民政府规定的其他情形, established by the caller; it holds only
    #: where the province has set such grounds (the parameter
    #: ``assistance.extreme_poverty.supporter_unable.provincial_grounds``)
    PROVINCIAL_GROUND = "provincial_ground", "省级规定的其他情形", "a provincial ground"


def _activities(value: Iterable[DailyActivity] | None) -> frozenset[DailyActivity] | None:
    return None if value is None else frozenset(value)


def _situations(
    value: Iterable[SupporterSituation] | None,
) -> frozenset[SupporterSituation] | None:
    return None if value is None else frozenset(value)


def _optional_monthly(value: YuanInput | None) -> Decimal | None:
    return None if value is None else yuan(value, path="$.monthly_income")


@attrs.frozen
class Supporter:
    """A statutory supporter (法定赡养、抚养、扶养义务人) of the person assessed.

    ``relationship`` is the supporter's relationship **to the person
    assessed** (a spouse, a child, a parent …; never ``APPLICANT``, 本人).  When the supporter is a
    member of the household, give ``member`` (their id): their birth date,
    disability, registration kind and statuses (serving a sentence, declared
    missing) are read from the household, and ``birth_date``, ``disability``
    and ``registration_kind`` must be left out.

    The facts of art. 8, each asked only by the heads that need it (a missing
    one that could decide makes "cannot decide" naming its path):

    - ``monthly_income``: the supporter's own income (本人收入) in yuan per
      month, compared over a year (× 12) with last year's local per-capita
      disposable income (heads (三), (四));
    - ``registration_kind``: which local figure applies, urban or rural (our
      reading of "当地上年人均可支配收入" where a place publishes both);
    - ``property_within_rules``: whether the supporter's property is within
      the local low-income property rules (当地低收入家庭财产状况规定; heads
      (三), (四), (五)); ``None`` when not established;
    - ``situations``: the situations of :class:`SupporterSituation` the
      supporter is in (``frozenset()`` for none); ``None`` (the default) when
      not established, which leaves heads (一), (二) and (五) open: the
      decision is "cannot decide" naming ``$.facts.supporters[i].situations``
      unless another head already holds.  For a member, serving a sentence
      and being declared missing are also read from the member's statuses;
    - ``disabled``, for a supporter who is not a member: whether they hold a
      disability certificate.  ``None`` (the default) when not established;
      ``False`` for none; giving ``disability`` implies ``True``.  Where head
      (四) could turn on it, an unestablished disability makes "cannot
      decide" naming ``$.facts.supporters[i].disability``.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0
       ``situations`` defaults to ``None`` (not established), not to none;
       ``disabled`` added (a non-member's disability is no longer assumed
       absent).
    """

    relationship: Relationship
    member: str | None = None
    birth_date: dt.date | None = None
    disability: Disability | None = None
    situations: frozenset[SupporterSituation] | None = attrs.field(
        default=None, converter=_situations
    )
    property_within_rules: bool | None = None
    monthly_income: Decimal | None = attrs.field(default=None, converter=_optional_monthly)
    registration_kind: RegistrationKind | None = None
    disabled: bool | None = None

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.relationship, Relationship):
            raise InvalidInputError("$.relationship", self.relationship, "a relationship")
        if self.relationship is Relationship.APPLICANT:  # 本人: nobody supports themself
            raise InvalidInputError(
                "$.relationship",
                self.relationship.value,
                "the supporter's relationship to the person (not applicant, 本人)",
            )
        if self.registration_kind is not None and not isinstance(
            self.registration_kind, RegistrationKind
        ):
            raise InvalidInputError(
                "$.registration_kind", self.registration_kind, "a registration kind"
            )
        if self.disabled is False and self.disability is not None:
            raise InvalidInputError(
                "$.disabled", self.disabled, "true or null when a disability is given"
            )
        if self.member is not None and (
            self.birth_date is not None
            or self.disability
            or self.registration_kind is not None
            or self.disabled is not None
        ):
            raise InvalidInputError(
                "$.member",
                self.member,
                "either a household member's id or the supporter's own birth_date, "
                "disability, disabled and registration_kind, not both",
            )


def _supporters(value: Iterable[Supporter] | None) -> tuple[Supporter, ...] | None:
    return None if value is None else tuple(value)


@attrs.frozen
class ExtremePovertyFacts:
    """The facts about one person that the 特困 rule needs beyond the household.

    - ``supporters``: every statutory supporter; ``()`` for none, ``None`` when
      not established.
    - ``activities_not_achieved``: the daily activities the person cannot do
      alone (``frozenset()`` for none); ``None`` when not assessed.
    - ``ability_grade``: a GB/T 42195 grade, which decides the care tier where
      given.
    - ``arrangement``: institutional or home support.
    - ``child_allowance``: for a minor, whether they chose (选择申请) the
      orphan / 事实无人抚养 allowance instead (art. 9); ``None`` when not
      established.
    - ``supported_as_minor``: whether the person is already a 特困 person
      recognised as a minor (特困人员中的未成年人, art. 24), asked of a person
      past the recognition age (art. 5 (二)) who is not otherwise without
      labour capacity.
    - ``in_secondary_school``: past 18, whether the person is in compulsory
      education, ordinary high school or secondary vocational school (art.
      24); asked only of a person recorded as a full-time student
      (``SpecialStatus.FULL_TIME_STUDENT``): a person not recorded as studying
      is not in school, as everywhere in the library.

    .. versionadded:: 0.1.0
    """

    supporters: tuple[Supporter, ...] | None = attrs.field(default=None, converter=_supporters)
    activities_not_achieved: frozenset[DailyActivity] | None = attrs.field(
        default=None, converter=_activities
    )
    ability_grade: AbilityGrade | None = None
    arrangement: SupportArrangement | None = None
    child_allowance: bool | None = None
    supported_as_minor: bool | None = None
    in_secondary_school: bool | None = None


@attrs.frozen
class ExtremePovertyApplication:
    """One person's application as a single value (the JSON form, and for policy cases).

    ``person`` is the id of a member of ``household``.

    .. versionadded:: 0.1.0
    """

    household: Household
    person: str
    facts: ExtremePovertyFacts = attrs.field(factory=ExtremePovertyFacts)
