"""Household means (家庭经济状况): the income and property accounting of the means-tested rules.

低保, 低保边缘 and 刚性支出困难 all count family income the same way (民发〔2021〕57号; the
national list of income not counted, restated in 兴安盟 2025 art. 14-15), so the accounting
lives here, once: which income types count (:func:`counted_income_types`), the counted
income of the counted members with the employment-cost deduction as an exact fraction
(:func:`counted_income`), and a property test parameterised by programme
(``<prefix>.assets.*``, :func:`property_test`).

特困 (特困人员认定办法 arts. 6–7) tests one person's own income and property with the
same mechanism under its own lists: a programme's :class:`IncomeExclusions` (the income
left out, always or by a dated switch) and :class:`AssetRules` (the financial limit
and the assets that disqualify), read over the items that are the person's own
(:func:`owned_by`, :func:`own_income`, :func:`own_property_test`).  The test "12 ×
monthly income < last year's per-capita disposable income × members" (刚性支出,
支出型临时救助, and a 特困 supporter under art. 8) is :func:`disposable_income_test`.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from civaffairs import jurisdictions
from civaffairs.decisions import Citation, Decision, Outcome, Reason, ReasonCode
from civaffairs.entities import (
    Asset,
    AssetType,
    Household,
    IncomeType,
    Member,
    RegistrationKind,
    Relationship,
    SpecialStatus,
)
from civaffairs.errors import InvalidInputError
from civaffairs.kernels import SCALAR, Ops, fraction
from civaffairs.money import fen_to_yuan, format_yuan, yuan_to_fen
from civaffairs.parameters import ParameterBook, ParameterValue

__all__ = [
    "ADULT_AGE",
    "DEPENDENT_STATUSES",
    "DISQUALIFYING_ASSETS",
    "EXCLUDING_STATUSES",
    "EXTREME_POVERTY_PROGRAMME",
    "HOUSEHOLD_INCOME",
    "HOUSEHOLD_PROPERTY",
    "INCOME_NOT_COUNTED",
    "LIVES_APART",
    "LIVES_TOGETHER",
    "LIVES_UNKNOWN",
    "MAX_UNDECIDED",
    "RELATIONSHIP_CODES",
    "AssetRules",
    "CountedIncome",
    "DisposableIncomeTest",
    "ExtremePovertyStatus",
    "Family",
    "HouseholdCodes",
    "IncomeExclusions",
    "MarginalIncome",
    "OwnIncome",
    "OwnPropertyTest",
    "PropertyReasons",
    "PropertyTest",
    "assess_assets",
    "below_margin",
    "check_decision",
    "counted_assets",
    "counted_income",
    "counted_income_types",
    "counted_members",
    "dibao_standard",
    "disposable_income_test",
    "disqualifying_flag",
    "extreme_poverty_status",
    "family_income",
    "marginal_income",
    "member_rule",
    "own_income",
    "own_property_test",
    "owned_asset_words",
    "owned_by",
    "property_reasons",
    "property_test",
    "registration_and_family",
    "show_yuan",
    "undecided_choices",
]

#: Income never counted for 低保 and the household programmes that count income as it does
#: (national list items 1–2, and the two disability subsidies, 国发〔2015〕52号 as restated
#: by the provinces); the central basic pension is left out by a dated switch instead
#: (``assistance.dibao.income.exclude_central_basic_pension``).  Each item's words are its
#: :class:`~civaffairs.entities.IncomeType` labels.
#:
#: .. versionchanged:: 0.1.0 A set of income types; the labels are the members' own.
INCOME_NOT_COUNTED: frozenset[IncomeType] = frozenset(
    {
        IncomeType.PREFERENTIAL_TREATMENT,
        IncomeType.FAMILY_PLANNING_REWARD,
        IncomeType.AWARD,
        IncomeType.SOCIAL_ASSISTANCE,
        IncomeType.DISABILITY_SUBSIDY,
    }
)


@attrs.frozen
class IncomeExclusions:
    """The income a programme leaves out: kinds never counted, and kinds left out by a switch.

    ``switched`` pairs a kind with the dated flag parameter that leaves it out
    when true, read only when income of that kind is in question; ``labels``
    words a kind where the programme's own text differs from the kind's labels.
    低保's list is :data:`HOUSEHOLD_INCOME`; 特困's (认定办法 art. 6) is
    :data:`civaffairs.assistance.extreme_poverty.living.INCOME`.

    .. versionadded:: 0.1.0
    """

    never: frozenset[IncomeType]
    switched: tuple[tuple[IncomeType, str], ...] = ()
    labels: tuple[tuple[IncomeType, tuple[str, str]], ...] = ()

    def label(self, kind: IncomeType) -> tuple[str, str]:
        """Return the Chinese and English words for income of ``kind`` left out."""
        return dict(self.labels).get(kind, (kind.zh, kind.en))

    def excluded(
        self, kinds: Iterable[IncomeType], *, book: ParameterBook, where: str, on: dt.date
    ) -> tuple[frozenset[IncomeType], tuple[ParameterValue, ...]]:
        """Return the kinds left out, and the switches read for ``kinds`` (once, in order).

        Only the switch of a kind in ``kinds`` is read, so that a date after a
        switch's last value is an error only for the cases it concerns.
        """
        switches = dict(self.switched)
        out = set(self.never)
        used: dict[str, ParameterValue] = {}
        for kind in kinds:
            name = switches.get(kind)
            if name is None or name in used:
                continue
            exclude, used[name] = book.flag(name, where, on)
            if exclude:
                out.add(kind)
        return frozenset(out), tuple(used.values())


#: What family income leaves out (低保, 低保边缘, 刚性支出): :data:`INCOME_NOT_COUNTED`, and
#: the central basic pension where ``assistance.dibao.income.exclude_central_basic_pension``.
HOUSEHOLD_INCOME = IncomeExclusions(
    never=INCOME_NOT_COUNTED,
    switched=(
        (IncomeType.CENTRAL_BASIC_PENSION, "assistance.dibao.income.exclude_central_basic_pension"),
    ),
)


def counted_income_types(*, exclude_central_basic_pension: bool) -> frozenset[IncomeType]:
    """Return the income types that count as family income (the national list of exclusions).

    .. versionadded:: 0.1.0
    """
    excluded = set(HOUSEHOLD_INCOME.never)
    if exclude_central_basic_pension:
        excluded.update(kind for kind, _name in HOUSEHOLD_INCOME.switched)
    return frozenset(IncomeType) - excluded


@attrs.frozen
class CountedIncome:
    """Counted monthly income of a household's counted members, in fen.

    ``total`` is every counted item of counted members and of the household
    itself; ``wages`` the wages of counted members (the base of the
    employment-cost deduction); ``rate`` the deduction as an exact fraction.
    ``used`` lists the parameter values read (the pension switch, when the
    household has such income); ``own`` each counted member's own
    ``(id, income, wages)``; ``not_counted`` the income left out, by type (in the
    order first met).

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 ``not_counted`` is keyed by income type (its labels are the type's).
    """

    total: int
    wages: int
    rate: tuple[int, int]
    used: tuple[ParameterValue, ...]
    deduction_used: ParameterValue
    own: tuple[tuple[str, int, int], ...] = ()
    not_counted: tuple[tuple[IncomeType, int], ...] = ()

    def of(self, person_id: str) -> tuple[int, int]:
        """Return one counted member's own ``(income, wages)`` in fen (zero when none)."""
        for member, income, wages in self.own:
            if member == person_id:
                return income, wages
        return 0, 0

    @property
    def scale(self) -> int:
        """The deduction rate's denominator: :attr:`net_scaled` is net income in fen × scale."""
        return self.rate[1]

    @property
    def net_scaled(self) -> int:
        """Net income (after the employment-cost deduction) in fen multiplied by :attr:`scale`."""
        return self.total * self.rate[1] - self.wages * self.rate[0]

    @property
    def net(self) -> Decimal:
        """Net monthly income in yuan, exact."""
        return Decimal(self.net_scaled) / Decimal(self.scale * 100)


def counted_income(
    household: Household, counted_ids: set[str], book: ParameterBook, where: str, on: dt.date
) -> CountedIncome:
    """Sum the counted income of the counted members and of the household itself.

    Income of members who are not counted is ignored; the national exclusions
    apply; the employment-cost deduction is returned as an exact fraction.

    The central-basic-pension switch is read only when the household has such
    income (above zero), so that a date after the switch's last value is an
    error only for households it concerns.

    .. versionadded:: 0.1.0
    """
    excluded, used = HOUSEHOLD_INCOME.excluded(
        (i.type for i in household.incomes if i.monthly), book=book, where=where, on=on
    )
    rate_value, rate_used = book.rate(
        "assistance.dibao.income.employment_deduction_rate", where, on
    )
    total = 0
    wages = 0
    own: dict[str, list[int]] = {member: [0, 0] for member in counted_ids}
    not_counted: dict[IncomeType, int] = {}
    for item in household.incomes:
        if item.member is not None and item.member not in counted_ids:
            continue
        fen = yuan_to_fen(item.monthly)
        if item.type in excluded:
            if fen:
                not_counted[item.type] = not_counted.get(item.type, 0) + fen
            continue
        total += fen
        if item.member is not None:
            mine = own.setdefault(item.member, [0, 0])
            mine[0] += fen
            if item.type is IncomeType.WAGES:
                wages += fen
                mine[1] += fen
    return CountedIncome(
        total,
        wages,
        fraction(rate_value),
        used,
        rate_used,
        tuple((member, i, w) for member, (i, w) in sorted(own.items())),
        tuple(not_counted.items()),
    )


# -- One person's own income (本人收入), 特困人员认定办法 art. 6 -------------------------------


def owned_by(owner: str | None, person_id: str, household: Household) -> bool | None:
    """Whether an income or asset is the person's own (本人), for a rule that asks it.

    An item naming a member is that member's.  One naming no member is the
    person's in a one-person household, and undecided (``None``) in a larger
    one: its owner is a missing fact where it could change the answer.

    .. versionadded:: 0.1.0
    """
    if owner is not None:
        return owner == person_id
    return True if len(household.members) == 1 else None


@attrs.frozen
class OwnIncome:
    """One person's own counted monthly income, in yuan, and what names no member.

    ``income`` is the counted income that is the person's; ``unattributed`` the
    counted income naming no member in a household of several, with the paths
    of those items' ``member``; ``not_counted`` the person's income left out, by
    kind in the order first met; ``used`` the switches read.

    .. versionadded:: 0.1.0
    """

    income: Decimal
    unattributed: Decimal
    unattributed_paths: tuple[str, ...]
    not_counted: tuple[tuple[IncomeType, Decimal], ...]
    used: tuple[ParameterValue, ...]


def own_income(
    household: Household,
    person_id: str,
    exclusions: IncomeExclusions,
    *,
    book: ParameterBook,
    where: str,
    on: dt.date,
    path: str = "$",
) -> OwnIncome:
    """Sum the person's own monthly income under a programme's exclusions (本人收入).

    Items that are another member's are ignored (:func:`owned_by`); the
    switches of ``exclusions`` are read for the kinds of the items left (every
    such item, even of zero).  ``path`` is the household's path, which the
    unattributed items' paths start with (``$.household.incomes[0].member``).
    No employment-cost deduction: 特困人员认定办法 art. 6 counts "工资性收入、经营净收入、
    财产净收入、转移净收入等各类收入" and leaves out only its own list.

    .. versionadded:: 0.1.0
    """
    items = [
        (index, item, owned_by(item.member, person_id, household))
        for index, item in enumerate(household.incomes)
    ]
    items = [(index, item, mine) for index, item, mine in items if mine is not False]
    excluded, used = exclusions.excluded(
        (item.type for _, item, _ in items), book=book, where=where, on=on
    )
    income = unattributed = Decimal(0)
    paths: list[str] = []
    not_counted: dict[IncomeType, Decimal] = {}
    for index, item, mine in items:
        if item.type in excluded:
            if mine:
                not_counted[item.type] = not_counted.get(item.type, Decimal(0)) + item.monthly
        elif mine:
            income += item.monthly
        else:
            unattributed += item.monthly
            paths.append(f"{path}.incomes[{index}].member")
    return OwnIncome(income, unattributed, tuple(paths), tuple(not_counted.items()), used)


def family_income(
    household: Household,
    counted: Sequence[Member],
    standard: int,
    *,
    book: ParameterBook,
    where: str,
    on: dt.date,
) -> tuple[CountedIncome, list[Reason]]:
    """Return the family income of the counted members, after 57号 art. 13's deductions.

    民发〔2021〕57号 art. 13 third paragraph: "对于共同生活的家庭成员因残疾、患重病等增加的
    刚性支出、必要的就业成本等，在核算家庭收入时可按规定适当扣减。" — :func:`counted_income`
    then :func:`civaffairs.assistance.dibao_terms.income_deductions` (where the
    jurisdiction sets them; ``standard`` is the dibao standard in fen).  The
    reasons explain the deductions.  低保 and 低保边缘 both read this income.

    .. versionadded:: 0.1.0
    """
    # dibao_terms imports CountedIncome from here: imported when called, not at load.
    from civaffairs.assistance.dibao_terms import income_deductions  # noqa: PLC0415

    flows = counted_income(household, {m.person.id for m in counted}, book, where, on)
    return income_deductions(household, counted, flows, standard, book=book, where=where, on=on)


def below_margin(net_scaled: Any, scale: Any, threshold: Any, multiple: tuple[Any, Any]) -> Any:
    """Whether net income is below ``multiple`` × ``threshold`` (standard × members), exactly.

    ``net_scaled`` is net income in fen × ``scale``; ``threshold`` in fen.  Works
    on integers and on columns alike (no division).

    .. versionadded:: 0.1.0
    """
    multiple_num, multiple_den = multiple
    return net_scaled * multiple_den < threshold * multiple_num * scale


@attrs.frozen
class MarginalIncome:
    """The income test of the 低保边缘家庭 (57号 art. 8 second paragraph).

    ``below`` says whether the family income (:func:`family_income`, after the
    art. 13 deductions) is below ``multiple`` × the standard × ``count``.

    .. versionadded:: 0.1.0
    """

    below: bool
    multiple: Decimal
    multiple_used: ParameterValue
    threshold: int


def marginal_income(
    flows: CountedIncome,
    standard: int,
    count: int,
    *,
    book: ParameterBook,
    where: str,
    on: dt.date,
) -> MarginalIncome:
    """Decide the 低保边缘 income test on the family income ``flows``, in one place.

    民发〔2021〕57号 art. 8 second paragraph: "最低生活保障边缘家庭一般指不符合最低生活保障
    条件，家庭人均收入低于当地最低生活保障标准1.5倍，且财产状况符合相关规定的家庭。" — the
    same 家庭人均收入 as 低保's (art. 13, deductions included: pass the income of
    :func:`family_income`), below ``assistance.marginal.income_multiple``
    × the standard (``standard`` in fen) × ``count`` members, exactly.  Both the
    single-person stage of 低保 and the 低保边缘 recognition call this.

    .. versionadded:: 0.1.0
    """
    multiple, used = book.rate("assistance.marginal.income_multiple", where, on)
    threshold = standard * count
    below = bool(below_margin(flows.net_scaled, flows.scale, threshold, fraction(multiple)))
    return MarginalIncome(below, multiple, used, threshold)


@attrs.frozen
class DisposableIncomeTest:
    """Whether 12 × monthly income is below last year's per-capita disposable income × members.

    ``monthly`` is the monthly income compared (exact; an unrounded quotient is
    shown to 28 digits), ``per_capita`` last year's local per-capita disposable
    income (a yearly figure), ``count`` the members it is multiplied by.

    .. versionadded:: 0.1.0
    """

    below: bool
    monthly: Decimal
    count: int
    per_capita: Decimal
    used: ParameterValue

    @property
    def annual(self) -> Decimal:
        """The monthly income × 12."""
        return self.monthly * _MONTHS_PER_YEAR

    @property
    def threshold(self) -> Decimal:
        """The per-capita figure × the members."""
        return self.per_capita * self.count

    def facts(self) -> dict[str, str]:
        """Return the figures as reason facts (``annual``, ``income``, ``disposable`` …)."""
        return {
            "annual": format_yuan(self.annual, "fen"),
            "income": format_yuan(self.monthly, "fen"),
            "disposable": format_yuan(self.per_capita, "fen"),
            "count": str(self.count),
            "threshold": format_yuan(self.threshold, "fen"),
        }


_MONTHS_PER_YEAR = 12


def disposable_income_test(
    monthly: Decimal | Fraction,
    count: int,
    kind: RegistrationKind,
    *,
    book: ParameterBook,
    where: str,
    on: dt.date,
) -> DisposableIncomeTest:
    """Compare 12 × ``monthly`` income with last year's per-capita disposable income × ``count``.

    The figure is ``assistance.means.disposable_income.<urban|rural>`` for ``kind``
    (a yearly amount); the comparison is strict and exact (``monthly`` may be an
    exact fraction of yuan).  The one home of a test three rules state:

    - 刚性支出困难家庭认定办法 art. 4 (二):
      "共同生活家庭成员人均收入低于上年度当地居民人均可支配收入" (family income after
      57号 art. 13, ``count`` the counted members);
    - 民发〔2018〕23号 二(一) 支出型: "家庭人均可支配收入应低于当地上年度人均可支配收入";
    - 特困人员认定办法 art. 8 (三), (四): a supporter's "本人收入低于当地上年人均可支配收入"
      (``count`` 1).

    .. versionadded:: 0.1.0
    """
    figure, used = book.money(f"assistance.means.disposable_income.{kind.value}", where, on)
    exact = Fraction(monthly)
    below = exact * _MONTHS_PER_YEAR < Fraction(figure) * count
    shown = (
        monthly
        if isinstance(monthly, Decimal)
        else Decimal(exact.numerator) / Decimal(exact.denominator)
    )
    return DisposableIncomeTest(below, shown, count, figure, used)


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
    def define(cls, prefix: str, *, registration: Citation, members: Citation) -> HouseholdCodes:
        """Declare the codes ``<prefix>.registration`` … ``<prefix>.no_family_member``."""
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
    registration = household.applicant.person.registration
    applicant = next(i for i, m in enumerate(household.members) if m is household.applicant)
    jurisdictions.require_county(
        registration.jurisdiction,
        path=f"$.members[{applicant}].person.registration.jurisdiction",
        why=_COUNTY_DECIDES + ", at the applicant's place of registration",
    )
    jurisdictions.require_county(where, path="$.jurisdiction", why=_COUNTY_DECIDES)
    home = jurisdictions.get(registration.jurisdiction)
    if not jurisdictions.is_within(registration.jurisdiction, where):
        place = jurisdictions.get(where)
        reasons.append(
            codes.registration_elsewhere.reason(
                False, place=home.name, code=home.code, where=f"{place.name}({place.code})"
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


# -- Property (家庭财产), 民发〔2021〕57号 art. 14 ------------------------------------------------

#: The owned assets a programme's property rules may disqualify outright, each where the
#: jurisdiction's dated flag ``<prefix>.assets.<asset>_disqualifies`` says so
#: (:func:`disqualifying_flag`).  民发〔2021〕57号 art. 14: "家庭财产指共同生活的家庭成员拥有的
#: 全部动产和不动产。动产主要包括银行存款、证券、基金、商业保险、债权、互联网金融资产以及车辆等。
#: 不动产主要包括房屋、林木等定着物。" — which of them fails the test is the province's rule.
#: 低保 and 特困 read all four flags; the household tests of :func:`property_test` read the
#: first two and value business entities against a limit instead.
#:
#: .. versionadded:: 0.1.0
DISQUALIFYING_ASSETS: tuple[AssetType, ...] = (
    AssetType.VEHICLE,
    AssetType.NON_RESIDENTIAL_PROPERTY,
    AssetType.BUSINESS_ENTITY,
    AssetType.MACHINERY,
)


@attrs.frozen
class AssetRules:
    """What a programme's property test holds, under its ``<prefix>.assets.*`` parameters.

    Financial assets must stay strictly below ``<prefix>.assets.<financial_months>``
    months of the dibao standard (per counted member); each kind in
    ``disqualifying`` fails where its flag (:func:`disqualifying_flag`) says so;
    with ``business_limit``, business entities must be worth strictly less than
    ``<prefix>.assets.business_entity_value_limit``.

    .. versionadded:: 0.1.0
    """

    financial_months: str = "financial_months_per_capita"
    disqualifying: tuple[AssetType, ...] = DISQUALIFYING_ASSETS[:2]
    business_limit: bool = True


#: The household property rules of 低保边缘, 刚性支出 and 支出型临时救助: a financial limit per
#: counted member, a vehicle or non-residential property failing by flag, business entities
#: valued against a limit.
HOUSEHOLD_PROPERTY = AssetRules()


def disqualifying_flag(prefix: str, asset: AssetType) -> str:
    """Return the name of the flag by which ``asset`` fails ``prefix``'s property test.

    >>> disqualifying_flag("assistance.dibao", AssetType.VEHICLE)
    'assistance.dibao.assets.vehicle_disqualifies'

    .. versionadded:: 0.1.0
    """
    return f"{prefix}.assets.{asset.value}_disqualifies"


def owned_asset_words(asset: AssetType) -> tuple[str, str]:
    """Return how a property reason names an owned asset that fails the test (zh, en).

    The asset's labels; a vehicle is named 非豁免 ("a non-exempt motor vehicle"): 57号
    art. 14 "对于维持家庭生产生活的必需财产，可以在认定家庭财产状况时予以豁免", and exempt
    assets are not counted at all (:func:`counted_assets`).

    >>> owned_asset_words(AssetType.VEHICLE)
    ('非豁免机动车', 'a non-exempt motor vehicle')

    .. versionadded:: 0.1.0
    """
    if asset is AssetType.VEHICLE:
        return f"非豁免{asset.zh}", f"a non-exempt {asset.en}"
    if asset is AssetType.BUSINESS_ENTITY:
        return asset.zh, f"an {asset.en}"
    return asset.zh, asset.en


@attrs.frozen
class PropertyTest:
    """The result of a programme's property test (家庭财产), amounts in yuan.

    ``disqualifying`` lists the owned asset kinds that fail the test, each
    with the flag used; ``business`` is the value of
    non-exempt business entities, compared with ``business_limit`` (strictly
    below) when there are any.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 ``disqualifying`` holds asset types (their words are
       :func:`owned_asset_words`), not labels.
    """

    financial: Decimal
    months: int
    financial_limit: Decimal
    months_used: ParameterValue
    disqualifying: tuple[tuple[AssetType, ParameterValue], ...]
    business: Decimal
    business_limit: Decimal | None
    business_used: ParameterValue | None

    @property
    def financial_ok(self) -> bool:
        """Financial assets strictly below the limit."""
        return self.financial < self.financial_limit

    @property
    def business_ok(self) -> bool:
        """No business entity, or their value strictly below the limit."""
        return self.business_limit is None or self.business < self.business_limit

    @property
    def passed(self) -> bool:
        """Whether the household passes the whole property test."""
        return self.financial_ok and self.business_ok and not self.disqualifying


def counted_assets(household: Household, counted_ids: Iterable[str] | None) -> list[Asset]:
    """Return the non-exempt assets of the counted members (民发〔2021〕57号 art. 14).

    Art. 14: "家庭财产指共同生活的家庭成员拥有的全部动产和不动产。" — an asset whose
    ``owner`` names a member who is not counted (serving a sentence, supported as
    特困, …) is not the family's property; one without an owner is the
    household's.  ``counted_ids`` ``None`` keeps every asset.  "对于维持家庭生产
    生活的必需财产，可以在认定家庭财产状况时予以豁免": exempt assets are left out.

    .. versionadded:: 0.1.0
    """
    ids = None if counted_ids is None else set(counted_ids)
    return [
        a
        for a in household.assets
        if not a.exempt and (ids is None or a.owner is None or a.owner in ids)
    ]


def property_test(
    household: Household,
    *,
    prefix: str,
    count: int,
    standard: Decimal,
    book: ParameterBook,
    where: str,
    on: dt.date,
    counted_ids: Iterable[str] | None = None,
) -> PropertyTest:
    """Apply the ``<prefix>.assets.*`` household property rules to the non-exempt assets.

    Only the assets of the members in ``counted_ids`` (and those with no owner)
    count, 57号 art. 14 (see :func:`counted_assets`); ``None`` counts every asset.

    Financial assets must be strictly below ``months`` of the dibao standard
    per counted member; a non-exempt vehicle or non-residential property fails
    where the jurisdiction says so; business entities (valued at subscribed
    capital) must be worth strictly less than the limit
    (:data:`HOUSEHOLD_PROPERTY`, applied by :func:`assess_assets`).

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 ``counted_ids``.
    """
    return assess_assets(
        counted_assets(household, counted_ids),
        prefix=prefix,
        count=count,
        standard=standard,
        book=book,
        where=where,
        on=on,
    )


def assess_assets(
    held: Sequence[Asset],
    *,
    prefix: str,
    count: int,
    standard: Decimal,
    book: ParameterBook,
    where: str,
    on: dt.date,
    rules: AssetRules = HOUSEHOLD_PROPERTY,
) -> PropertyTest:
    """Apply a programme's property ``rules`` to the assets ``held`` (exempt ones already out).

    The financial limit is ``months`` × the dibao ``standard`` × ``count``; a
    flag and the business limit are read only when ``held`` has such an asset.

    .. versionadded:: 0.1.0
    """
    months, months_used = book.count(f"{prefix}.assets.{rules.financial_months}", where, on)
    financial = sum((a.value for a in held if a.type.is_financial), Decimal(0))
    present = {a.type for a in held}
    disqualifying = []
    for asset_type in rules.disqualifying:
        if asset_type in present:
            fails, used = book.flag(disqualifying_flag(prefix, asset_type), where, on)
            if fails:
                disqualifying.append((asset_type, used))
    business = sum((a.value for a in held if a.type is AssetType.BUSINESS_ENTITY), Decimal(0))
    business_limit: Decimal | None = None
    business_used: ParameterValue | None = None
    if rules.business_limit and AssetType.BUSINESS_ENTITY in present:
        business_limit, business_used = book.money(
            f"{prefix}.assets.business_entity_value_limit", where, on
        )
    return PropertyTest(
        financial=financial,
        months=months,
        financial_limit=fen_to_yuan(yuan_to_fen(standard) * months * count),
        months_used=months_used,
        disqualifying=tuple(disqualifying),
        business=business,
        business_limit=business_limit,
        business_used=business_used,
    )


@attrs.frozen
class OwnPropertyTest:
    """One person's own property test (本人财产), with the assets that name no member.

    ``own`` tests the person's own assets; ``with_unattributed`` the same with
    every asset naming no member counted as theirs; ``unattributed`` those
    assets with their index.  Attributing them matters only where the two
    results could differ (:attr:`deciding`).

    .. versionadded:: 0.1.0
    """

    own: PropertyTest
    with_unattributed: PropertyTest
    unattributed: tuple[tuple[int, Asset], ...]
    path: str = "$"

    @property
    def deciding(self) -> tuple[str, ...]:
        """The owner paths of the unattributed assets whose owner could change the answer.

        An asset of a kind that fails, or a financial asset when the financial
        limit is reached counting them all.
        """
        failing = {asset for asset, _used in self.with_unattributed.disqualifying}
        over = not self.with_unattributed.financial_ok
        return tuple(
            f"{self.path}.assets[{index}].owner"
            for index, asset in self.unattributed
            if asset.type in failing or (asset.type.is_financial and over)
        )


def own_property_test(
    household: Household,
    person_id: str,
    *,
    prefix: str,
    rules: AssetRules,
    standard: Decimal,
    book: ParameterBook,
    where: str,
    on: dt.date,
    path: str = "$",
) -> OwnPropertyTest:
    """Apply a programme's property ``rules`` to one person's own non-exempt assets.

    Assets are the person's by :func:`owned_by`; another member's are left
    out, and those naming no member in a household of several are tested both
    ways (:class:`OwnPropertyTest`).  ``path`` is the household's path.

    .. versionadded:: 0.1.0
    """
    held: list[Asset] = []
    unattributed: list[tuple[int, Asset]] = []
    for index, asset in enumerate(household.assets):
        mine = owned_by(asset.owner, person_id, household)
        if asset.exempt or mine is False:
            continue
        if mine:
            held.append(asset)
        else:
            unattributed.append((index, asset))
    test = functools.partial(
        assess_assets, prefix=prefix, count=1, standard=standard, book=book, where=where, on=on
    )
    return OwnPropertyTest(
        test(held, rules=rules),
        test([*held, *(asset for _, asset in unattributed)], rules=rules),
        tuple(unattributed),
        path,
    )


def property_reasons(
    assets: PropertyTest,
    count: int,
    *,
    financial: ReasonCode,
    disqualifies: ReasonCode,
    business: ReasonCode,
) -> list[Reason]:
    """Explain a property test with a programme's own reason codes, one reason per rule applied.

    .. versionadded:: 0.1.0
    """
    ok = assets.financial_ok
    reasons = [
        financial.reason(
            ok,
            (assets.months_used,),
            assets=format_yuan(assets.financial, "fen"),
            relation="低于" if ok else "不低于",
            relation_en="below" if ok else "not below",
            months=str(assets.months),
            count=str(count),
            limit=format_yuan(assets.financial_limit, "fen"),
        )
    ]
    for asset, used in assets.disqualifying:
        zh, en = owned_asset_words(asset)
        reasons.append(disqualifies.reason(False, (used,), asset=zh, asset_en=en))
    if assets.business_limit is not None and assets.business_used is not None:
        ok = assets.business_ok
        reasons.append(
            business.reason(
                ok,
                (assets.business_used,),
                value=format_yuan(assets.business, "fen"),
                relation="低于" if ok else "不低于",
                relation_en="below" if ok else "not below",
                limit=format_yuan(assets.business_limit, "fen"),
            )
        )
    return reasons


@attrs.frozen
class PropertyReasons:
    """A programme's property test: its parameter prefix and the reason codes it explains with.

    Declared once per programme; :meth:`apply` runs :func:`property_test` and
    :func:`property_reasons` together.

    .. versionadded:: 0.1.0
    """

    prefix: str
    financial: ReasonCode
    disqualifies: ReasonCode
    business: ReasonCode

    def apply(
        self,
        household: Household,
        count: int,
        standard: Decimal,
        place: tuple[ParameterBook, str, dt.date],
        counted_ids: Iterable[str] | None,
    ) -> tuple[PropertyTest, list[Reason]]:
        """Test the property of ``counted_ids`` (``place`` is the book, jurisdiction and date).

        .. versionadded:: 0.1.0
        """
        book, where, on = place
        assets = property_test(
            household,
            prefix=self.prefix,
            count=count,
            standard=standard,
            book=book,
            where=where,
            on=on,
            counted_ids=counted_ids,
        )
        reasons = property_reasons(
            assets,
            count,
            financial=self.financial,
            disqualifies=self.disqualifies,
            business=self.business,
        )
        return assets, reasons


# -- 特困 members: the decisions a household programme is given about them ----------------------

#: The programme code of extreme-poverty (特困) decisions the household programmes accept.
EXTREME_POVERTY_PROGRAMME = "assistance.extreme_poverty"


def check_decision(
    decision: object, programme_code: str, path: str, on: dt.date, where: str | None = None
) -> Decision:
    """Check that an input decision is of ``programme_code``, on ``on`` (and in ``where``).

    Raises :class:`~civaffairs.errors.InvalidInputError` naming ``path``.

    .. versionadded:: 0.1.0
    """
    if not isinstance(decision, Decision):
        raise InvalidInputError(path, type(decision).__name__, f"a Decision of {programme_code}")
    if decision.programme != programme_code:
        raise InvalidInputError(
            f"{path}.programme", decision.programme, f"a decision of {programme_code}"
        )
    if decision.as_of != on:
        raise InvalidInputError(
            f"{path}.as_of", decision.as_of.isoformat(), f"the same as-of date {on.isoformat()}"
        )
    if where is not None and decision.jurisdiction != where:
        raise InvalidInputError(
            f"{path}.jurisdiction", decision.jurisdiction, f"the deciding jurisdiction {where}"
        )
    return decision


@attrs.frozen
class ExtremePovertyStatus:
    """What the members' 特困 decisions say about the household's layer.

    ``recognised`` holds the subjects of the members found to meet every
    特困 condition (:func:`civaffairs.assistance.extreme_poverty.meets_conditions`
    is ``True``, even when the amount is not yet decided); ``unknown`` the
    subjects whose conditions are not yet decided, and ``missing`` the facts
    those decisions lack, in order and without repeats.  ``recognised_ids``
    and ``unknown_ids`` are the same members' ids.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 ``recognised_ids`` and ``unknown_ids``.
    """

    recognised: tuple[str, ...]
    unknown: tuple[str, ...]
    missing: tuple[str, ...]
    recognised_ids: tuple[str, ...] = ()
    unknown_ids: tuple[str, ...] = ()


#: At most this many members with undecided 特困 conditions are decided every way (2ⁿ).
MAX_UNDECIDED = 4


def undecided_choices(unknown: Sequence[str]) -> tuple[frozenset[str], ...] | None:
    """Every set of the members whose 特困 conditions are undecided that may be left out.

    The empty set first, then every subset by size; ``None`` when there are more
    than :data:`MAX_UNDECIDED` of them (the decision then waits for the facts).
    低保 and 低保边缘 decide each way and compare (no double coverage,
    ``assistance.dibao.members.exclude_extreme_poverty``).

    .. versionadded:: 0.1.0
    """
    if len(unknown) > MAX_UNDECIDED:
        return None
    return tuple(
        frozenset(chosen)
        for size in range(len(unknown) + 1)
        for chosen in itertools.combinations(unknown, size)
    )


def undecided_matters(
    counted: Sequence[tuple[int, Member]],
    unknown_ids: Iterable[str],
    *,
    passed: bool,
    decide: Callable[[list[tuple[int, Member]]], bool],
) -> bool:
    """Whether leaving out members whose 特困 conditions are undecided changes a test's result.

    ``decide`` runs the test on the counted members left; ``passed`` is its result with
    none left out.  Every way of leaving some of them out is tried (for up to
    :data:`MAX_UNDECIDED` members, see :func:`undecided_choices`; more always matter).
    An empty rest fails.  低保边缘 and 刚性支出困难 share this, so that an undecided
    member holds a decision up only where the answer turns on them.

    .. versionadded:: 0.1.0
    """
    unknown_set = set(unknown_ids)
    choices = undecided_choices([m.person.id for _, m in counted if m.person.id in unknown_set])
    if choices is None:
        return True
    for chosen in choices[1:]:
        rest = [(i, m) for i, m in counted if m.person.id not in chosen]
        if (bool(rest) and decide(rest)) != passed:
            return True
    return False


def extreme_poverty_status(
    household: Household,
    decisions: Iterable[Decision],
    on: dt.date,
    path: str = "$.extreme_poverty",
) -> ExtremePovertyStatus:
    """Check the members' 特困 decisions and say which recognise, and which cannot yet decide.

    Each decision must be a 特困 decision on ``on`` about a member of
    ``household``: named by id in :attr:`~civaffairs.decisions.Decision.person`
    where the decision sets it, else by its ``subject``; otherwise
    :class:`~civaffairs.errors.InvalidInputError` names ``path[index]``.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 matched by ``Decision.person`` where set.
    """
    # The 特困 package tests its income and property with this module's mechanism: imported
    # when called, not at load, so that neither module needs the other loaded first.
    from civaffairs.assistance.extreme_poverty import meets_conditions  # noqa: PLC0415

    ids = {m.person.id for m in household.members}
    subjects = {f"{household.id} ({m.person.label})": m.person.id for m in household.members}
    recognised: list[tuple[str, str]] = []
    unknown: list[tuple[str, str]] = []
    missing: dict[str, None] = {}
    for index, item in enumerate(decisions):
        check_decision(item, EXTREME_POVERTY_PROGRAMME, f"{path}[{index}]", on)
        if item.person is not None:
            # The structured reference (Decision.person): matched by member id.
            if item.person not in ids:
                raise InvalidInputError(
                    f"{path}[{index}].person", item.person, f"the id of a member ({sorted(ids)})"
                )
            member = item.person
        elif item.subject in subjects:
            # A decision without it (from an older caller): its subject as decisions show it.
            member = subjects[item.subject]
        else:
            raise InvalidInputError(
                f"{path}[{index}].subject", item.subject, "a member of this household"
            )
        met = meets_conditions(item)
        if met:
            recognised.append((item.subject, member))
        elif met is None:
            unknown.append((item.subject, member))
            missing.update(dict.fromkeys(item.missing))
    return ExtremePovertyStatus(
        tuple(s for s, _ in recognised),
        tuple(s for s, _ in unknown),
        tuple(missing),
        tuple(m for _, m in recognised),
        tuple(m for _, m in unknown),
    )
