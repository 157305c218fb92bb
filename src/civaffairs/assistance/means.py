"""Household means (家庭经济状况): the income and property accounting of the means-tested rules.

低保, 低保边缘 and 刚性支出困难 all count family income the same way (民发〔2021〕57号; the
national list of income not counted, restated in 兴安盟 2025 art. 14-15), so the accounting
lives here, once: which income types count (:func:`counted_income_types`), the counted
income of the counted members with the employment-cost deduction as an exact fraction
(:func:`counted_income`), and a property test parameterised by programme
(``<prefix>.assets.*``, :func:`property_test`).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs

from civaffairs import jurisdictions
from civaffairs.decisions import Reason, ReasonCode
from civaffairs.entities import AssetType, Household, IncomeType, RegistrationKind
from civaffairs.kernels import fraction
from civaffairs.money import FEN, fen_to_yuan, yuan_to_fen
from civaffairs.parameters import ParameterBook, ParameterValue

__all__ = [
    "INCOME_NOT_COUNTED",
    "CountedIncome",
    "PropertyTest",
    "counted_income",
    "counted_income_types",
    "dibao_standard",
    "property_reasons",
    "property_test",
    "registered_within",
    "show_yuan",
]

#: Income never counted, with its zh and en labels (national list items 1–2, and the two
#: disability subsidies, 国发〔2015〕52号 as restated by the provinces).
INCOME_NOT_COUNTED: dict[IncomeType, tuple[str, str]] = {
    IncomeType.PREFERENTIAL_TREATMENT: ("优待抚恤金", "preferential-treatment pensions"),
    IncomeType.FAMILY_PLANNING_REWARD: ("计划生育奖励与扶助金", "family-planning rewards"),
    IncomeType.AWARD: ("奖励性补助", "awards and scholarships"),
    IncomeType.SOCIAL_ASSISTANCE: ("社会救助款物", "social assistance received"),
    IncomeType.DISABILITY_SUBSIDY: ("残疾人两项补贴", "the two disability subsidies"),
}
_PENSION_LABEL = ("中央确定的基础养老金", "the central basic pension")


def counted_income_types(*, exclude_central_basic_pension: bool) -> frozenset[IncomeType]:
    """Return the income types that count as family income (the national list of exclusions).

    .. versionadded:: 0.1.0
    """
    excluded = set(INCOME_NOT_COUNTED)
    if exclude_central_basic_pension:
        excluded.add(IncomeType.CENTRAL_BASIC_PENSION)
    return frozenset(IncomeType) - excluded


_COUNTED_WITHOUT_PENSION_QUESTION = counted_income_types(exclude_central_basic_pension=False)


@attrs.frozen
class CountedIncome:
    """Counted monthly income of a household's counted members, in fen.

    ``total`` is every counted item of counted members and of the household
    itself; ``wages`` the wages of counted members (the base of the
    employment-cost deduction); ``rate`` the deduction as an exact fraction.
    ``used`` lists the parameter values read (the pension switch, when the
    household has such income); ``own`` each counted member's own
    ``(id, income, wages)``; ``not_counted`` the income left out, by label.

    .. versionadded:: 0.1.0
    """

    total: int
    wages: int
    rate: tuple[int, int]
    used: tuple[ParameterValue, ...]
    deduction_used: ParameterValue
    own: tuple[tuple[str, int, int], ...] = ()
    not_counted: tuple[tuple[tuple[str, str], int], ...] = ()

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
    income, as in dibao, so that a date after the switch's last value is an
    error only for households it concerns.

    .. versionadded:: 0.1.0
    """
    used: list[ParameterValue] = []
    if any(i.type is IncomeType.CENTRAL_BASIC_PENSION for i in household.incomes):
        exclude, pension_used = book.flag(
            "assistance.dibao.income.exclude_central_basic_pension", where, on
        )
        used.append(pension_used)
        counted_types = counted_income_types(exclude_central_basic_pension=exclude)
    else:
        counted_types = _COUNTED_WITHOUT_PENSION_QUESTION
    rate_value, rate_used = book.rate(
        "assistance.dibao.income.employment_deduction_rate", where, on
    )
    total = 0
    wages = 0
    own: dict[str, list[int]] = {member: [0, 0] for member in counted_ids}
    not_counted: dict[tuple[str, str], int] = {}
    for item in household.incomes:
        if item.member is not None and item.member not in counted_ids:
            continue
        fen = yuan_to_fen(item.monthly)
        if item.type not in counted_types:
            label = INCOME_NOT_COUNTED.get(item.type, _PENSION_LABEL)
            not_counted[label] = not_counted.get(label, 0) + fen
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
        tuple(used),
        rate_used,
        tuple((member, i, w) for member, (i, w) in sorted(own.items())),
        tuple(not_counted.items()),
    )


def dibao_standard(
    household: Household, book: ParameterBook, where: str, on: dt.date
) -> tuple[RegistrationKind, Decimal, ParameterValue]:
    """Return the applicant's registration kind and the dibao standard that kind selects.

    .. versionadded:: 0.1.0
    """
    kind = household.applicant.person.registration.kind
    value, used = book.money(f"assistance.dibao.standard.{kind.value}", where, on)
    return kind, value, used


def registered_within(household: Household, where: str) -> bool:
    """Whether the applicant's registration is in ``where`` (社会救助暂行办法 art. 9).

    .. versionadded:: 0.1.0
    """
    return jurisdictions.is_within(household.applicant.person.registration.jurisdiction, where)


def show_yuan(amount: Decimal) -> str:
    """Write an amount as a fact: fen-exact amounts with two decimals, others exactly.

    .. versionadded:: 0.1.0
    """
    if amount == amount.quantize(FEN):
        return str(amount.quantize(FEN))
    return str(amount.normalize())


_FLAGGED = (
    (AssetType.VEHICLE, "vehicle_disqualifies", ("非豁免机动车", "a non-exempt motor vehicle")),
    (
        AssetType.NON_RESIDENTIAL_PROPERTY,
        "non_residential_property_disqualifies",
        ("非居住类房屋", "non-residential property"),
    ),
)


@attrs.frozen
class PropertyTest:
    """The result of a programme's property test (家庭财产), amounts in yuan.

    ``disqualifying`` lists the owned asset kinds that fail the test, with
    their labels (zh, en) and the flag used; ``business`` is the value of
    non-exempt business entities, compared with ``business_limit`` (strictly
    below) when there are any.

    .. versionadded:: 0.1.0
    """

    financial: Decimal
    months: int
    financial_limit: Decimal
    months_used: ParameterValue
    disqualifying: tuple[tuple[tuple[str, str], ParameterValue], ...]
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


def property_test(
    household: Household,
    *,
    prefix: str,
    count: int,
    standard: Decimal,
    book: ParameterBook,
    where: str,
    on: dt.date,
) -> PropertyTest:
    """Apply the ``<prefix>.assets.*`` property rules to the non-exempt assets.

    Financial assets must be strictly below ``months`` of the dibao standard
    per counted member; a non-exempt vehicle or non-residential property fails
    where the jurisdiction says so; business entities (valued at subscribed
    capital) must be worth strictly less than the limit.  Flags and the
    business limit are read only when the household owns such an asset.

    .. versionadded:: 0.1.0
    """
    held = [a for a in household.assets if not a.exempt]
    months, months_used = book.count(f"{prefix}.assets.financial_months_per_capita", where, on)
    financial = sum((a.value for a in held if a.type.is_financial), Decimal(0))
    present = {a.type for a in held}
    disqualifying = []
    for asset_type, name, labels in _FLAGGED:
        if asset_type in present:
            fails, used = book.flag(f"{prefix}.assets.{name}", where, on)
            if fails:
                disqualifying.append((labels, used))
    business = sum((a.value for a in held if a.type is AssetType.BUSINESS_ENTITY), Decimal(0))
    business_limit: Decimal | None = None
    business_used: ParameterValue | None = None
    if AssetType.BUSINESS_ENTITY in present:
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
            assets=show_yuan(assets.financial),
            relation="低于" if ok else "不低于",
            relation_en="below" if ok else "not below",
            months=str(assets.months),
            count=str(count),
            limit=show_yuan(assets.financial_limit),
        )
    ]
    reasons.extend(
        disqualifies.reason(False, (used,), asset=zh, asset_en=en)
        for (zh, en), used in assets.disqualifying
    )
    if assets.business_limit is not None and assets.business_used is not None:
        ok = assets.business_ok
        reasons.append(
            business.reason(
                ok,
                (assets.business_used,),
                value=show_yuan(assets.business),
                relation="低于" if ok else "不低于",
                relation_en="below" if ok else "not below",
                limit=show_yuan(assets.business_limit),
            )
        )
    return reasons
