"""The people civil affairs serves: persons, households, incomes, assets, expenditures.

Every class here is a frozen attrs value, validated when it is built: a bad
field raises :class:`~civaffairs.errors.InvalidInputError` naming the field.
Facts that a case worker may not have established yet are ``None`` (unknown),
never a silent default; rules that need them answer "cannot decide" and name
them.

Money is ``Decimal`` yuan; incomes are **monthly** amounts, assets are values
at the as-of date, rigid expenditures are totals over the twelve months before
the application.

Privacy: ``name`` and ``resident_id`` are masked in every ``repr``.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import attrs

from civaffairs import jurisdictions
from civaffairs.dates import age_in_full_years
from civaffairs.errors import DuplicateIdentityError, InvalidInputError
from civaffairs.identity import EARLIEST_BIRTH_DATE, ResidentId, Sex
from civaffairs.labels import Labelled
from civaffairs.money import YuanInput, yuan
from civaffairs.privacy import mask_name

__all__ = [
    "INTELLECTUAL_OR_MENTAL",
    "AbilityGrade",
    "Asset",
    "AssetType",
    "AssistanceLayer",
    "ChildAllowance",
    "Disability",
    "DisabilityCategory",
    "Expenditure",
    "ExpenditureType",
    "Household",
    "Income",
    "IncomeType",
    "Member",
    "Person",
    "Registration",
    "RegistrationKind",
    "Relationship",
    "Sex",
    "SpecialStatus",
    "WorkCapacity",
    "check_distinct",
    "severe_disability",
]


# -- enumerations ------------------------------------------------------------------------------


class RegistrationKind(Labelled):
    """Urban or rural household registration (户籍性质), which selects urban or rural standards.

    The labels are the words the decisions use (``当地城市低保标准``).

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 Members carry their labels (:class:`~civaffairs.labels.Labelled`).
    """

    URBAN = "urban", "城市", "urban"
    RURAL = "rural", "农村", "rural"


class DisabilityCategory(Labelled):
    """Disability categories of GB/T 26341-2010 《残疾人残疾分类和分级》.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 Members carry their labels (:class:`~civaffairs.labels.Labelled`).
    """

    VISUAL = "visual", "视力残疾", "visual disability"
    HEARING = "hearing", "听力残疾", "hearing disability"
    SPEECH = "speech", "言语残疾", "speech disability"
    PHYSICAL = "physical", "肢体残疾", "physical disability"
    INTELLECTUAL = "intellectual", "智力残疾", "intellectual disability"
    MENTAL = "mental", "精神残疾", "mental disability"
    MULTIPLE = "multiple", "多重残疾", "multiple disability"


class WorkCapacity(Labelled):
    """Capacity to work (劳动能力) as recognised by the assessing office.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 Members carry their labels (:class:`~civaffairs.labels.Labelled`).
    """

    FULL = "full", "有劳动能力", "able to work"
    PARTIAL = "partial", "部分丧失劳动能力", "partly unable to work"
    NONE = "none", "无劳动能力", "unable to work"


class SpecialStatus(Labelled):
    """Statuses that change how a person counts (民发〔2021〕57号 art. 7 and later rules).

    ``CLERGY_LIVING_APART``: 宗教教职人员 who have lived apart from the family in
    religious premises ≥ 3 years; ``FULL_TIME_STUDENT``: bachelor level or below.
    The labels are those the family rule gives as the reason a member is not
    counted (57号 art. 7).

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 Members carry their labels (:class:`~civaffairs.labels.Labelled`).
    """

    CLERGY_LIVING_APART = (
        "clergy_living_apart",
        "脱离家庭3年以上的宗教教职人员",
        "clergy living apart",
    )
    SERVING_SENTENCE = "serving_sentence", "在监狱内服刑", "serving a sentence"
    COMPULSORY_DRUG_REHABILITATION = (
        "compulsory_drug_rehabilitation",
        "强制隔离戒毒",
        "in compulsory rehabilitation",
    )
    DECLARED_MISSING = "declared_missing", "宣告失踪", "declared missing"
    FULL_TIME_STUDENT = "full_time_student", "在校全日制学生", "full-time student"
    UNABLE_TO_LIVE_INDEPENDENTLY = (
        "unable_to_live_independently",
        "无法独立生活",
        "unable to live independently",
    )


class Relationship(Labelled):
    """A member's relationship to the applicant (与申请人关系).

    ``OTHER_DEPENDANT`` is 其他负有法定赡养、扶养、抚养义务的人.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 Members carry their labels (:class:`~civaffairs.labels.Labelled`).
    """

    APPLICANT = "applicant", "本人", "applicant"
    SPOUSE = "spouse", "配偶", "spouse"
    CHILD = "child", "子女", "child"
    PARENT = "parent", "父母", "parent"
    GRANDPARENT = "grandparent", "(外)祖父母", "grandparent"
    GRANDCHILD = "grandchild", "(外)孙子女", "grandchild"
    SIBLING = "sibling", "兄弟姐妹", "sibling"
    OTHER_DEPENDANT = "other_dependant", "其他法定义务人", "other person with a duty of support"
    OTHER = "other", "其他", "other"


class IncomeType(Labelled):
    """Types of monthly income (家庭收入), following the national statistical split.

    The first five count towards family income; the rest are items some
    national list excludes (民发〔2021〕57号 art. 13 for 低保; 《特困人员认定办法》
    (民发〔2021〕43号) art. 6 for 特困, which names 高龄津贴 and 基本医疗保险等社会保险
    but not the rewards or the assistance received).  Which items count for a
    programme on a date is that programme's rule or parameter, not decided here
    (:data:`civaffairs.assistance.means.INCOME_NOT_COUNTED` for 低保).

    ``TRANSFER`` covers pensions, support received, unemployment benefit …;
    ``CENTRAL_BASIC_PENSION`` is the central part of the 城乡居民基本养老保险
    基础养老金, excluded during the 14th Five-Year Plan; ``AWARD`` covers
    奖学金、见义勇为等奖励性补助; ``SOCIAL_ASSISTANCE`` 政府发放的各类社会救助款物;
    ``MEDICAL_INSURANCE`` 基本医疗保险等社会保险 benefits other than pensions.
    The labels of the excluded items are those the income rules name them by.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 Members carry their labels (:class:`~civaffairs.labels.Labelled`).
    """

    WAGES = "wages", "工资性收入", "wages"
    BUSINESS = "business", "经营净收入", "net business income"
    PROPERTY = "property", "财产净收入", "net property income"
    TRANSFER = "transfer", "转移净收入", "net transfer income"
    OTHER = "other", "其他应当计入的收入", "other income that counts"
    CENTRAL_BASIC_PENSION = (
        "central_basic_pension",
        "中央确定的基础养老金",
        "the central basic pension",
    )
    PREFERENTIAL_TREATMENT = (
        "preferential_treatment",
        "优待抚恤金",
        "preferential-treatment pensions",
    )
    FAMILY_PLANNING_REWARD = (
        "family_planning_reward",
        "计划生育奖励与扶助金",
        "family-planning rewards",
    )
    AWARD = "award", "奖励性补助", "awards and scholarships"
    SOCIAL_ASSISTANCE = "social_assistance", "社会救助款物", "social assistance received"
    DISABILITY_SUBSIDY = "disability_subsidy", "残疾人两项补贴", "the two disability subsidies"
    LONGEVITY_ALLOWANCE = "longevity_allowance", "高龄津贴", "the longevity allowance"
    MEDICAL_INSURANCE = (
        "medical_insurance",
        "基本医疗保险等社会保险",
        "basic medical insurance and similar",
    )


class AssetType(Labelled):
    """Types of family property (家庭财产).

    ``SECURITIES`` covers 有价证券、基金、理财; ``COMMERCIAL_INSURANCE`` counts at
    its cash value; ``BUSINESS_ENTITY`` is being an entity's legal representative
    or owner; ``MACHINERY`` is 大型农机具、经营性船舶.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 Members carry their labels (:class:`~civaffairs.labels.Labelled`).
    """

    DEPOSITS = "deposits", "存款", "deposits"
    SECURITIES = (
        "securities",
        "有价证券、基金、理财",
        "securities, funds and wealth-management products",
    )
    COMMERCIAL_INSURANCE = "commercial_insurance", "商业保险", "commercial insurance"
    CLAIMS = "claims", "债权", "claims"
    VEHICLE = "vehicle", "机动车", "motor vehicle"
    HOME = "home", "住房", "home"
    NON_RESIDENTIAL_PROPERTY = (
        "non_residential_property",
        "非居住类房屋",
        "non-residential property",
    )
    BUSINESS_ENTITY = "business_entity", "经营主体", "operating business"
    MACHINERY = "machinery", "大型农机具或经营性船舶", "large machinery or commercial vessels"
    OTHER = "other", "其他", "other"

    @property
    def is_financial(self) -> bool:
        """Whether the asset is a money asset (金融资产) counted against the financial limit."""
        return self in _FINANCIAL


_FINANCIAL = frozenset(
    {AssetType.DEPOSITS, AssetType.SECURITIES, AssetType.COMMERCIAL_INSURANCE, AssetType.CLAIMS}
)


class ExpenditureType(Labelled):
    """Rigid expenditures (刚性支出) over the twelve months before an application.

    《刚性支出困难家庭认定办法》 (2024) art. 5 lists 生活支出, 医疗支出, 教育支出,
    残疾康复支出 and 其他支出 (set by the county office); 意外事件 and 基本住房 are
    local additions.  ``LIVING`` is 生活支出 (art. 5 (一): 为维持基本生活而发生的衣、
    食、住、行、用等费用支出); ``MEDICAL`` is out of pocket after insurance.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 ``LIVING`` (art. 5 (一)).
    .. versionchanged:: 0.1.0 Members carry their labels (:class:`~civaffairs.labels.Labelled`).
    """

    LIVING = "living", "生活", "living"
    MEDICAL = "medical", "医疗", "medical"
    EDUCATION = "education", "教育", "education"
    REHABILITATION = "rehabilitation", "残疾康复", "rehabilitation"
    ACCIDENT = "accident", "意外事件", "accident"
    HOUSING = "housing", "基本住房", "housing"
    OTHER = "other", "其他", "other"


class AssistanceLayer(Labelled):
    """The layer of the layered assistance system (分层分类社会救助) a household is in.

    Ordered from the most to the least protected: 特困 > 低保 > 低保边缘 >
    刚性支出困难 > none (国办发〔2023〕39号).  Programmes outside social assistance
    (eldercare, funeral) take the layer as an input fact, so they never import
    :mod:`civaffairs.assistance`; :mod:`civaffairs.assistance` decides it.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 Members carry their labels (:class:`~civaffairs.labels.Labelled`).
    """

    EXTREME_POVERTY = "extreme_poverty", "特困人员", "extreme poverty"
    DIBAO = "dibao", "最低生活保障", "dibao"
    MARGINAL = "marginal", "低保边缘家庭", "marginal low-income household"
    RIGID_EXPENDITURE = "rigid_expenditure", "刚性支出困难家庭", "rigid-expenditure household"
    NONE = "none", "不属于低收入人口各层", "none of the low-income layers"

    @property
    def rank(self) -> int:
        """0 for the most protected layer (特困) up to 4 for none."""
        return _LAYER_ORDER.index(self)

    @property
    def is_low_income(self) -> bool:
        """Whether the layer is one of the low-income layers (any but NONE)."""
        return self is not AssistanceLayer.NONE


_LAYER_ORDER = tuple(AssistanceLayer)


class ChildAllowance(Labelled):
    """Which children's basic living allowance a child receives, and how.

    Decided by :mod:`civaffairs.assistance.children`; read as an input fact by
    the disability living subsidy, which 《关于进一步加强事实无人抚养儿童保障工作的意见》
    (民发〔2019〕62号) 三(一) bars only for a child paid the 事实无人抚养 allowance
    **in full** ("已全额领取事实无人抚养儿童补贴的残疾儿童不享受困难残疾人生活补贴"),
    not for one paid a top-up (补差).  The two 事实无人抚养 members are
    全额发放 and 补差发放 of the 事实无人抚养儿童基本生活补贴.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 Members carry their labels (:class:`~civaffairs.labels.Labelled`).
    """

    NONE = "none", "未纳入孤儿或事实无人抚养儿童基本生活保障", "neither allowance"
    ORPHAN = "orphan", "孤儿基本生活保障", "the orphan allowance"
    UNSUPPORTED_IN_FULL = (
        "unsupported_in_full",
        "全额发放",
        "the allowance for children without de-facto care, paid in full",
    )
    UNSUPPORTED_TOP_UP = (
        "unsupported_top_up",
        "补差发放",
        "the allowance for children without de-facto care, paid as a top-up",
    )


class AbilityGrade(Labelled):
    """The older-person ability grade of GB/T 42195-2022 《老年人能力评估规范》.

    Decided by :mod:`civaffairs.eldercare`; read as an input fact by other
    programmes (特困 care standards, family beds, home adaptation).  The labels
    give the standard's name of each grade with its common name (轻度失能 …).

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 Members carry their labels (:class:`~civaffairs.labels.Labelled`).
    """

    INTACT = "intact", "能力完好", "ability intact"
    MILD = "mild", "能力轻度受损(轻度失能)", "mildly impaired"
    MODERATE = "moderate", "能力中度受损(中度失能)", "moderately impaired"
    SEVERE = "severe", "能力重度受损(重度失能)", "severely impaired"
    COMPLETE = "complete", "能力完全丧失(完全失能)", "complete loss of ability"

    @property
    def severity(self) -> int:
        """0 for intact up to 4 for complete loss of ability."""
        return _GRADE_ORDER.index(self)


_GRADE_ORDER = tuple(AbilityGrade)


# -- validators --------------------------------------------------------------------------------


def _monthly(value: YuanInput) -> Decimal:
    return yuan(value, path="$.monthly")


def _value(value: YuanInput) -> Decimal:
    return yuan(value, path="$.value")


def _annual(value: YuanInput) -> Decimal:
    return yuan(value, path="$.annual")


def _in_range(low: int, high: int) -> Any:
    def check(_instance: object, attribute: attrs.Attribute[int], value: int) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise InvalidInputError(f"$.{attribute.name}", value, f"an integer {low}–{high}")

    return check


def _of_type(kind: type | tuple[type, ...], expected: str) -> Any:
    def check(_instance: object, attribute: attrs.Attribute[object], value: object) -> None:
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            raise InvalidInputError(f"$.{attribute.name}", value, expected)

    return check


def _non_empty_text(_instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError(f"$.{attribute.name}", value, "a non-empty string")


def _date(_instance: object, attribute: attrs.Attribute[dt.date], value: dt.date) -> None:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise InvalidInputError(f"$.{attribute.name}", value, "a calendar date")


# The resident-ID rules' earliest birth date: nobody alive was born before it, so an earlier
# date is a typing error (``1700`` for ``1970``), never a very old person.
def _born_since_1850(
    _instance: object, attribute: attrs.Attribute[dt.date], value: dt.date
) -> None:
    if value < EARLIEST_BIRTH_DATE:
        raise InvalidInputError(
            f"$.{attribute.name}",
            value.isoformat(),
            f"a birth date on or after {EARLIEST_BIRTH_DATE.isoformat()} "
            "(and, checked with the as-of date, not after it)",
        )


def _masked_name(name: str | None) -> str:
    return "None" if name is None else repr(mask_name(name))


# -- persons -----------------------------------------------------------------------------------


@attrs.frozen
class Registration:
    """Household registration (户籍): where (GB/T 2260 county-level code) and of which kind.

    .. versionadded:: 0.1.0
    """

    jurisdiction: str = attrs.field(validator=_non_empty_text)
    kind: RegistrationKind = attrs.field(validator=_of_type(RegistrationKind, "'urban' or 'rural'"))

    def __attrs_post_init__(self) -> None:
        try:
            jurisdictions.get(self.jurisdiction)
        except LookupError:
            raise InvalidInputError(
                "$.jurisdiction", self.jurisdiction, "a known GB/T 2260 division code"
            ) from None
        if not (len(self.jurisdiction) == 6 and self.jurisdiction.isdigit()):
            raise InvalidInputError(
                "$.jurisdiction", self.jurisdiction, "a six-digit GB/T 2260 code, not a name"
            )


@attrs.frozen
class Disability:
    """A disability certificate (残疾人证): category and grade 1–4 per GB/T 26341-2010.

    Grade 1 is the most severe.

    .. versionadded:: 0.1.0
    """

    category: DisabilityCategory = attrs.field(
        validator=_of_type(DisabilityCategory, "a GB/T 26341-2010 category")
    )
    grade: int = attrs.field(validator=_in_range(1, 4))

    @property
    def is_severe(self) -> bool:
        """重度残疾 for the assistance rules: grade 1–2, or grade 3 intellectual or mental.

        This is the 单人户 wording of 民发〔2021〕57号 art. 8 (一) ("一级、二级重度残疾人和
        三级智力残疾人、三级精神残疾人"); programmes
        that define "severe" differently compute it themselves.
        """
        return bool(severe_disability(self.grade, self.category in INTELLECTUAL_OR_MENTAL))


#: The categories whose grade 3 also counts as severe (民发〔2021〕57号 art. 8 (一)).
INTELLECTUAL_OR_MENTAL: frozenset[DisabilityCategory] = frozenset(
    {DisabilityCategory.INTELLECTUAL, DisabilityCategory.MENTAL}
)


def severe_disability(grade: Any, intellectual_or_mental: Any) -> Any:
    """Return whether a disability is severe in the assistance rules' sense (重度残疾).

    Grade 1–2 of any category, or grade 3 intellectual or mental
    (民发〔2021〕57号 art. 8 (一)).  Operators only, so it evaluates on Python
    values and on numpy columns alike.

    .. versionadded:: 0.1.0
    """
    return (grade <= 2) | ((grade == 3) & intellectual_or_mental)


def _statuses(value: Iterable[SpecialStatus]) -> frozenset[SpecialStatus]:
    return frozenset(value)


@attrs.frozen
class Person:
    """A person, with the facts civil-affairs rules read.

    ``id`` is the caller's own reference (a case-file key), never personal data.
    ``birth_date`` and ``sex`` must agree with ``resident_id`` when one is given.
    ``serious_illness`` is a locally recognised major illness (重特大疾病), ``None``
    when not established (a rule it would change then cannot decide and names it);
    ``work_capacity`` may be ``None`` (not established).

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 ``serious_illness`` is three-valued and defaults to
       ``None`` (not established) instead of ``False``.
    """

    id: str = attrs.field(validator=_non_empty_text)
    birth_date: dt.date = attrs.field(validator=[_date, _born_since_1850])
    sex: Sex = attrs.field(validator=_of_type(Sex, "'male' or 'female'"))
    registration: Registration = attrs.field(validator=_of_type(Registration, "a registration"))
    resident_id: ResidentId | None = attrs.field(default=None, repr=repr)
    name: str | None = attrs.field(default=None, repr=_masked_name)
    disability: Disability | None = None
    serious_illness: bool | None = None
    work_capacity: WorkCapacity | None = None
    statuses: frozenset[SpecialStatus] = attrs.field(default=frozenset(), converter=_statuses)

    def __attrs_post_init__(self) -> None:
        rid = self.resident_id
        if rid is not None:
            if rid.birth_date != self.birth_date:
                raise InvalidInputError(
                    "$.birth_date",
                    "(a birth date, withheld)",
                    "the birth date encoded in resident_id",
                )
            if rid.sex is not self.sex:
                raise InvalidInputError("$.sex", self.sex.value, "the sex encoded in resident_id")

    def age_on(self, on: dt.date) -> int:
        """Return the age in full years (周岁) on ``on``."""
        return age_in_full_years(self.birth_date, on)

    @property
    def masked(self) -> str:
        """How this person is named in explanations: masked ID, else masked name, else ``id``."""
        if self.resident_id is not None:
            return self.resident_id.masked
        if self.name:
            return mask_name(self.name)
        return self.id

    @property
    def label(self) -> str:
        """How reasons and decisions name this person: ``id`` with the masked form beside it.

        ``"p2 (王*)"``: two members may share a masked name (two 王丽 both read
        ``王*``), never an id, so the id identifies and the masked form helps
        the reader.  Just ``id`` when there is neither a name nor a resident ID.

        .. versionadded:: 0.1.0
        """
        shown = self.masked
        return self.id if shown == self.id else f"{self.id} ({shown})"


@attrs.frozen
class Member:
    """A person in a household, with their relationship to the applicant.

    ``lives_together`` is 共同生活; ``None`` means it has not been established.

    .. versionadded:: 0.1.0
    """

    person: Person = attrs.field(validator=_of_type(Person, "a person"))
    relationship: Relationship = attrs.field(
        validator=_of_type(Relationship, "a relationship to the applicant")
    )
    lives_together: bool | None = None


@attrs.frozen
class Income:
    """A monthly income of one member (``member`` is the person's ``id``) or of the household.

    .. versionadded:: 0.1.0
    """

    type: IncomeType = attrs.field(validator=_of_type(IncomeType, "an income type"))
    monthly: Decimal = attrs.field(converter=_monthly)
    member: str | None = None


@attrs.frozen
class Asset:
    """An asset of the household at the as-of date.

    ``exempt`` marks property the rules let the household keep (e.g. a
    disabled person's mobility vehicle, 生活必需).

    .. versionadded:: 0.1.0
    """

    type: AssetType = attrs.field(validator=_of_type(AssetType, "an asset type"))
    value: Decimal = attrs.field(converter=_value)
    exempt: bool = False
    owner: str | None = None


@attrs.frozen
class Expenditure:
    """A rigid expenditure over the twelve months before the application (yuan, total).

    .. versionadded:: 0.1.0
    """

    type: ExpenditureType = attrs.field(validator=_of_type(ExpenditureType, "an expenditure type"))
    annual: Decimal = attrs.field(converter=_annual)
    member: str | None = None


def _members(value: Iterable[Member]) -> tuple[Member, ...]:
    return tuple(value)


def _incomes(value: Iterable[Income]) -> tuple[Income, ...]:
    return tuple(value)


def _assets(value: Iterable[Asset]) -> tuple[Asset, ...]:
    return tuple(value)


def _expenditures(value: Iterable[Expenditure]) -> tuple[Expenditure, ...]:
    return tuple(value)


@attrs.frozen
class Household:
    """A household (家庭) applying as a unit: members, incomes, assets, expenditures.

    Exactly one member is the applicant.  Member ids are unique, and every
    income, asset or expenditure that names a member names one of them.

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=_non_empty_text)
    members: tuple[Member, ...] = attrs.field(converter=_members)
    incomes: tuple[Income, ...] = attrs.field(default=(), converter=_incomes)
    assets: tuple[Asset, ...] = attrs.field(default=(), converter=_assets)
    expenditures: tuple[Expenditure, ...] = attrs.field(default=(), converter=_expenditures)

    def __attrs_post_init__(self) -> None:
        if not self.members:
            raise InvalidInputError("$.members", "[]", "at least one member (the applicant)")
        applicants = [
            i for i, m in enumerate(self.members) if m.relationship is Relationship.APPLICANT
        ]
        if len(applicants) != 1:
            raise InvalidInputError(
                "$.members",
                f"{len(applicants)} applicants",
                "exactly one member whose relationship is 'applicant'",
            )
        _check_people(self.members, "$.members", {}, {})
        seen = {member.person.id for member in self.members}
        for field, items in (
            ("incomes", self.incomes),
            ("assets", self.assets),
            ("expenditures", self.expenditures),
        ):
            for index, item in enumerate(items):
                # An empty string names nobody: refused, not read as "the household's".
                owner = getattr(item, "member", getattr(item, "owner", None))
                if owner is not None and owner not in seen:
                    raise InvalidInputError(
                        f"$.{field}[{index}]", repr(owner), f"the id of a member ({sorted(seen)})"
                    )

    @property
    def applicant(self) -> Member:
        """The member who applies on the household's behalf."""
        for member in self.members:
            if member.relationship is Relationship.APPLICANT:
                return member
        raise AssertionError("a household has an applicant (checked when it is built)")

    def member(self, person_id: str) -> Member:
        """Return the member with ``person_id``."""
        for member in self.members:
            if member.person.id == person_id:
                return member
        raise InvalidInputError("$.members", person_id, "the id of a member of this household")


# -- identity: one person counted once ----------------------------------------------------------


def _duplicate(path: str, value: str, earlier: str, what: str) -> DuplicateIdentityError:
    return DuplicateIdentityError(path, value, f"{what} given once", earlier=earlier)


def _check_people(
    members: Iterable[Member],
    at: str,
    person_ids: dict[str, str],
    resident_ids: dict[ResidentId, str],
) -> None:
    """Refuse a person id or resident ID met before (the dicts hold the first paths).

    The resident ID is shown masked; the error names both paths.
    """
    for index, member in enumerate(members):
        person = member.person
        path = f"{at}[{index}].person.id"
        earlier = person_ids.setdefault(person.id, path)
        if earlier != path:
            raise _duplicate(path, repr(person.id), earlier, "each member id")
        rid = person.resident_id
        if rid is not None:
            path = f"{at}[{index}].person.resident_id"
            earlier = resident_ids.setdefault(rid, path)
            if earlier != path:
                raise _duplicate(
                    path, rid.masked, earlier, "each resident ID (one person, counted once)"
                )


def check_distinct(households: Iterable[Household], *, at: str = "$.households") -> None:
    """Refuse a batch of households in which one household or one person appears twice.

    Within one request or batch, a household id and a resident ID number each
    appear at most once, and a person id at most once in its household:
    the same resident entered as two members, or in two households, would be
    counted twice.  (Person ids are the household's member ids, which incomes
    and assets refer to; households may use the same local ids, as the test
    strategies' ``m0``, ``m1`` … do.)  Raises
    :class:`~civaffairs.errors.DuplicateIdentityError` naming both paths, e.g.
    ``$.households[1].members[0].person.resident_id duplicates
    $.households[0].members[2].person.resident_id`` (the number masked).
    Each :class:`Household` already checks its own members.

    .. versionadded:: 0.1.0
    """
    household_ids: dict[str, str] = {}
    resident_ids: dict[ResidentId, str] = {}
    for index, household in enumerate(households):
        where = f"{at}[{index}]"
        earlier = household_ids.setdefault(household.id, f"{where}.id")
        if earlier != f"{where}.id":
            raise _duplicate(f"{where}.id", repr(household.id), earlier, "each household id")
        _check_people(household.members, f"{where}.members", {}, resident_ids)
