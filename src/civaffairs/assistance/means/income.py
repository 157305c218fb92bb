"""Family income (家庭收入): which income counts, and the income tests of the means-tested rules.

低保, 低保边缘 and 刚性支出困难 count family income the same way (民发〔2021〕57号 art. 13; the
national list of income not counted): :func:`counted_income_types`, :func:`counted_income`
(the employment-cost deduction as an exact fraction), :func:`family_income`; the margin test
of 低保边缘 (:func:`marginal_income`) and the disposable-income test of 刚性支出, 支出型临时救助
and a 特困 supporter (:func:`disposable_income_test`).  特困 (特困人员认定办法 art. 6) counts one
person's own income under its own :class:`IncomeExclusions` (:func:`owned_by`, :func:`own_income`).

Part of :mod:`civaffairs.assistance.means`, which re-exports every name.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from civaffairs.decisions import Citation, Reason, ReasonCode
from civaffairs.entities import (
    Household,
    IncomeType,
    Member,
    RegistrationKind,
)
from civaffairs.kernels import fraction
from civaffairs.money import format_yuan, yuan_to_fen
from civaffairs.parameters import ParameterBook, ParameterValue

__all__ = [
    "HOUSEHOLD_INCOME",
    "INCOME_NOT_COUNTED",
    "CountedIncome",
    "DisposableIncomeTest",
    "IncomeExclusions",
    "MarginalIncome",
    "OwnIncome",
    "below_codes",
    "below_margin",
    "counted_income",
    "counted_income_types",
    "disposable_income_codes",
    "disposable_income_test",
    "family_income",
    "marginal_income",
    "own_income",
    "owned_by",
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
        if not self.switched:
            return self.never, ()
        switches = dict(self.switched)
        out: list[IncomeType] = []
        used: dict[str, ParameterValue] = {}
        for kind in kinds:
            name = switches.get(kind)
            if name is None or name in used:
                continue
            exclude, used[name] = book.flag(name, where, on)
            if exclude:
                out.append(kind)
        # The common case (no switched kind in question) hands back ``never`` itself.
        return (self.never.union(out) if out else self.never), tuple(used.values())


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
    flows = counted_income(household, {m.person.id for m in counted}, book, where, on)
    return _income_deductions()(household, counted, flows, standard, book=book, where=where, on=on)


@functools.cache
def _income_deductions() -> Callable[..., tuple[CountedIncome, list[Reason]]]:
    """Return :func:`civaffairs.assistance.dibao_terms.income_deductions`, imported once.

    dibao_terms imports :class:`CountedIncome` from here, so it is imported when first
    needed, not at load; remembered, since an import statement in a function costs
    a few microseconds on every call.
    """
    from civaffairs.assistance.dibao_terms import income_deductions  # noqa: PLC0415

    return income_deductions


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


def below_codes(code: str, zh: str, en: str, citation: Citation) -> tuple[ReasonCode, ReasonCode]:
    """Declare the two reason codes of a "strictly below" test: below, and not below.

    ``code``, ``zh`` and ``en`` hold ``{below}`` once: the first code reads ``below``, 低于
    and "below" there, the second ``not_below``, 不低于 and "not below".

    >>> from civaffairs.decisions import Document
    >>> below, not_below = below_codes(
    ...     "example.income_{below}_limit", "收入{below}上限", "income is {below} the limit",
    ...     Citation(Document("示例", None), "第一条"),
    ... )
    >>> not_below.code, not_below.zh, not_below.en
    ('example.income_not_below_limit', '收入不低于上限', 'income is not below the limit')

    .. versionadded:: 0.1.0
    """

    def one(words: tuple[str, str, str]) -> ReasonCode:
        name, zh_word, en_word = words
        return ReasonCode.define(
            code.replace("{below}", name),
            zh.replace("{below}", zh_word),
            en.replace("{below}", en_word),
            citation,
        )

    return one(("below", "低于", "below")), one(("not_below", "不低于", "not below"))


def disposable_income_codes(
    prefix: str, citation: Citation, *, lead: tuple[str, str] = ("", "")
) -> tuple[ReasonCode, ReasonCode]:
    """Declare ``<prefix>.income_below_disposable`` and its negation, quoting :meth:`facts`.

    The sentence of :func:`disposable_income_test` (刚性支出 art. 4 (二), 支出型临时救助), with a
    ``lead`` before it (zh, en).

    .. versionadded:: 0.1.0
    """
    zh, en = lead
    return below_codes(
        f"{prefix}.income_{{below}}_disposable",
        f"{zh}家庭年收入 {{annual}} 元(月收入 {{income}} 元 × 12), {{below}}上年度人均可支配收入 "
        "{disposable} 元 × {count} 人 = {threshold} 元",
        f"{en}annual family income {{annual}} yuan (monthly {{income}} yuan × 12) is {{below}} "
        "the previous year's per-capita disposable income {disposable} yuan × {count} = "
        "{threshold} yuan",
        citation,
    )


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
