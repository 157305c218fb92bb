"""最低生活保障 (dibao): the minimum living allowance.

The rule, in the order it is decided:

1. **Registration** — the applicant holds household registration (户籍) in
   the deciding jurisdiction (社会救助暂行办法 art. 9; 民发〔2021〕57号 arts. 4–5).
   Its kind (urban or rural) selects the standard.
2. **Family members** (共同生活的家庭成员, 57号 art. 7): the applicant, the spouse,
   minor children, adult children who cannot live independently (including
   full-time students at bachelor level or below), and others with a statutory
   duty of support who live together long-term.  Not counted: clergy living
   apart ≥ 3 years, persons serving a sentence or in compulsory drug
   rehabilitation, persons declared missing.
3. **Income** — the members' monthly income, less the items the national list
   excludes (优待抚恤金, 计划生育奖励与扶助金, 奖励性补助, 社会救助款物, the two
   disability subsidies and, during the 14th Five-Year Plan, the central basic
   pension) and less the employment-cost deduction where a jurisdiction sets one.
4. **Income test** — per-capita income strictly below the standard (低于),
   decided exactly as ``income < standard × members`` so no division rounds.
5. **Property test** — the jurisdiction's property rules (parameters).
6. **Amount** — the difference (差额): ``(standard − per-capita income) ×
   members = standard × members − income`` (社会救助暂行办法 art. 12; 57号 art. 23),
   raised to the jurisdiction's floor if it has one, rounded once to the fen.
7. **Single-person inclusion** (单人户, 57号 art. 8): if the household fails the
   income test but is a marginal low-income household (income below the
   marginal multiple of the standard and property within the rules), each
   severely disabled (grade 1–2, grade-3 intellectual or mental) or seriously
   ill member may be covered alone, at the standard minus their own income.

Note the cliff this last rule creates: a household just above the income test
may receive more (a severely disabled member's full standard) than one just
below it (a small difference payment).  That is the regulation's shape, not a
bug; the property tests state monotonicity for households without such members.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from civaffairs import jurisdictions
from civaffairs.assistance.laws import (
    DIBAO_REVIEW_MEASURES,
    SOCIAL_ASSISTANCE_MEASURES,
)
from civaffairs.decisions import (
    Amount,
    AmountLine,
    Citation,
    Decision,
    Outcome,
    Period,
    Reason,
    ReasonCode,
    programme,
)
from civaffairs.entities import (
    AssetType,
    Household,
    IncomeType,
    Member,
    RegistrationKind,
    Relationship,
    SpecialStatus,
)
from civaffairs.money import FEN, ZERO
from civaffairs.parameters import ParameterBook, ParameterValue, default_book

__all__ = ["PROGRAMME", "assess", "counted_members"]

PROGRAMME = programme("assistance.dibao", "最低生活保障", "minimum living allowance (dibao)")

_ART_9 = Citation(SOCIAL_ASSISTANCE_MEASURES, "第九条")
_ART_12 = Citation(SOCIAL_ASSISTANCE_MEASURES, "第十二条")
_57_ART_4_5 = Citation(DIBAO_REVIEW_MEASURES, "第四条、第五条")
_57_ART_7 = Citation(DIBAO_REVIEW_MEASURES, "第七条")
_57_INCOME = Citation(
    DIBAO_REVIEW_MEASURES,
    "家庭收入条款",
    note="national list of income not counted, as restated in 兴安盟 2025 art. 14",
)
_57_PROPERTY = Citation(
    DIBAO_REVIEW_MEASURES,
    "家庭财产条款",
    note="property limits are set by provinces; see each parameter's source",
)
_57_ART_8 = Citation(
    DIBAO_REVIEW_MEASURES, "第八条", note="article number recalled from restatements"
)
_57_ART_23 = Citation(DIBAO_REVIEW_MEASURES, "第二十三条")

R_REGISTRATION = ReasonCode.define(
    "dibao.registration",
    "申请人户籍在{place}({code}),为{kind}户籍,适用{kind}低保标准",
    "the applicant's household registration is in {place} ({code}), {kind_en}; "
    "the {kind_en} standard applies",
    _57_ART_4_5,
)
R_REGISTRATION_ELSEWHERE = ReasonCode.define(
    "dibao.registration_elsewhere",
    "申请人户籍在{place}({code}),不在受理地{where}",
    "the applicant's household registration is in {place} ({code}), not in {where}",
    _57_ART_4_5,
)
R_MEMBERS = ReasonCode.define(
    "dibao.family_members",
    "共同生活的家庭成员 {count} 人{excluded}",
    "{count} co-resident family member(s) counted{excluded_en}",
    _57_ART_7,
)
R_MISSING = ReasonCode.define(
    "dibao.missing_facts",
    "缺少判定所需事实: {paths}",
    "facts needed for the decision are missing: {paths}",
    _57_ART_7,
)
R_INCOME_EXCLUDED = ReasonCode.define(
    "dibao.income_not_counted",
    "不计入家庭收入: {items}",
    "not counted as family income: {items_en}",
    _57_INCOME,
)
R_EMPLOYMENT_DEDUCTION = ReasonCode.define(
    "dibao.employment_deduction",
    "工资性收入扣减就业成本 {deduction} 元",
    "employment costs of {deduction} yuan deducted from wages",
    _57_INCOME,
)
R_INCOME_BELOW = ReasonCode.define(
    "dibao.income_below_standard",
    "家庭月收入合计 {income} 元,低于低保标准 {standard} 元 × {count} 人 = {threshold} 元"
    "(月人均 {per_capita} 元)",
    "monthly family income {income} yuan is below the standard {standard} yuan × {count} = "
    "{threshold} yuan (per capita {per_capita} yuan)",
    _ART_9,
)
R_INCOME_NOT_BELOW = ReasonCode.define(
    "dibao.income_not_below_standard",
    "家庭月收入合计 {income} 元,不低于低保标准 {standard} 元 × {count} 人 = {threshold} 元"
    "(月人均 {per_capita} 元)",
    "monthly family income {income} yuan is not below the standard {standard} yuan × {count} = "
    "{threshold} yuan (per capita {per_capita} yuan)",
    _ART_9,
)
R_FINANCIAL_ASSETS = ReasonCode.define(
    "dibao.financial_assets",
    "金融资产合计 {assets} 元,{relation}上限 {months} 个月低保标准 × {count} 人 = {limit} 元",
    "financial assets {assets} yuan are {relation_en} the limit of {months} months of the standard "
    "× {count} = {limit} yuan",
    _57_PROPERTY,
)
R_ASSET_DISQUALIFIES = ReasonCode.define(
    "dibao.asset_disqualifies",
    "拥有{asset},不符合家庭财产条件",
    "the household owns {asset_en}, which fails the property test",
    _57_PROPERTY,
)
R_AMOUNT = ReasonCode.define(
    "dibao.amount_difference",
    "按差额发放: {standard} 元 × {count} 人 − 家庭月收入 {income} 元 = {amount} 元",
    "paid as the difference: {standard} yuan × {count} − income {income} yuan = {amount} yuan",
    _ART_12,
)
R_AMOUNT_FLOOR = ReasonCode.define(
    "dibao.amount_floor",
    "差额低于最低发放额, 按标准的 {share} 发放: {amount} 元",
    "the difference is below the minimum payment; {share} of the standard is paid: {amount} yuan",
    _57_ART_23,
)
R_SINGLE_PERSON = ReasonCode.define(
    "dibao.single_person",
    "家庭人均收入低于低保标准的 {multiple} 倍(低保边缘家庭), {person} 为{why}, "
    "按单人户纳入: {standard} 元 − 本人收入 {own} 元 = {amount} 元",
    "the household is a marginal low-income household (below {multiple} × the standard); "
    "{person} ({why_en}) is covered alone: {standard} yuan − own income {own} yuan = {amount} yuan",
    _57_ART_8,
)
R_SINGLE_PERSON_NONE = ReasonCode.define(
    "dibao.single_person_none",
    "家庭人均收入{relation}低保标准的 {multiple} 倍, 无可按单人户纳入的成员",
    "per-capita income is {relation_en} {multiple} × the standard; no member can be covered alone",
    _57_ART_8,
)

_EXCLUDED_STATUSES = {
    SpecialStatus.CLERGY_LIVING_APART: ("脱离家庭3年以上的宗教教职人员", "clergy living apart"),
    SpecialStatus.SERVING_SENTENCE: ("在监狱内服刑", "serving a sentence"),
    SpecialStatus.COMPULSORY_DRUG_REHABILITATION: ("强制隔离戒毒", "in compulsory rehabilitation"),
    SpecialStatus.DECLARED_MISSING: ("宣告失踪", "declared missing"),
}
_EXCLUDED_STATUS_SET = frozenset(_EXCLUDED_STATUSES)
_ALWAYS_EXCLUDED_INCOME = {
    IncomeType.PREFERENTIAL_TREATMENT: ("优待抚恤金", "preferential-treatment pensions"),
    IncomeType.FAMILY_PLANNING_REWARD: ("计划生育奖励与扶助金", "family-planning rewards"),
    IncomeType.AWARD: ("奖励性补助", "awards and scholarships"),
    IncomeType.SOCIAL_ASSISTANCE: ("社会救助款物", "social assistance received"),
    IncomeType.DISABILITY_SUBSIDY: ("残疾人两项补贴", "the two disability subsidies"),
}
_PENSION_LABEL = ("中央确定的基础养老金", "the central basic pension")
_DISQUALIFYING_ASSETS = (
    (
        AssetType.VEHICLE,
        "assistance.dibao.assets.vehicle_disqualifies",
        ("非豁免机动车", "a non-exempt motor vehicle"),
    ),
    (
        AssetType.NON_RESIDENTIAL_PROPERTY,
        "assistance.dibao.assets.non_residential_property_disqualifies",
        ("非居住类房屋", "non-residential property"),
    ),
    (
        AssetType.BUSINESS_ENTITY,
        "assistance.dibao.assets.business_entity_disqualifies",
        ("经营主体", "an operating business"),
    ),
    (
        AssetType.MACHINERY,
        "assistance.dibao.assets.machinery_disqualifies",
        ("大型农机具或经营性船舶", "large machinery or commercial vessels"),
    ),
)
_ADULT_AGE = 18  # 民法典 art. 17: 十八周岁以上的自然人为成年人


def _yuan(amount: Decimal) -> str:
    """Write an amount as a fact: a plain decimal string (the templates add the unit)."""
    return str(amount)


def counted_members(
    household: Household, on: dt.date
) -> tuple[list[tuple[int, Member]], list[tuple[int, Member, str]], list[str]]:
    """Sort the household into counted members, excluded members and missing facts.

    Returns ``(counted, excluded, missing)``: counted members with their index,
    excluded members with their index and the Chinese reason, and the paths
    of facts that must be established first (民发〔2021〕57号 art. 7).

    .. versionadded:: 0.1.0
    """
    counted: list[tuple[int, Member]] = []
    excluded: list[tuple[int, Member, str]] = []
    missing: list[str] = []
    for index, member in enumerate(household.members):
        person = member.person
        if person.statuses and not _EXCLUDED_STATUS_SET.isdisjoint(person.statuses):
            status = next(s for s in _EXCLUDED_STATUSES if s in person.statuses)
            excluded.append((index, member, _EXCLUDED_STATUSES[status][0]))
            continue
        relation = member.relationship
        if relation in (Relationship.APPLICANT, Relationship.SPOUSE):
            counted.append((index, member))
        elif relation is Relationship.OTHER:
            excluded.append((index, member, "无法定赡养、扶养、抚养义务关系"))
        elif relation is Relationship.CHILD and (
            person.age_on(on) < _ADULT_AGE
            or SpecialStatus.FULL_TIME_STUDENT in person.statuses
            or SpecialStatus.UNABLE_TO_LIVE_INDEPENDENTLY in person.statuses
        ):
            counted.append((index, member))
        elif member.lives_together is None:
            missing.append(f"$.members[{index}].lives_together")
        elif member.lives_together:
            counted.append((index, member))
        else:
            excluded.append((index, member, "未长期共同居住"))
    return counted, excluded, missing


def assess(
    household: Household,
    on: dt.date,
    *,
    jurisdiction: str | None = None,
    book: ParameterBook | None = None,
) -> Decision:
    """Decide the minimum living allowance (低保) for ``household`` on ``on``.

    ``jurisdiction`` is where the application is decided; by default the
    applicant's place of household registration.  ``book`` is the parameter
    book (the shipped data by default).

    .. versionadded:: 0.1.0
    """
    book = book or default_book()
    applicant = household.applicant.person
    registration = applicant.registration
    where = jurisdiction or registration.jurisdiction
    subject = f"{household.id} ({applicant.masked})"
    kind_zh, kind_en = (
        ("城市", "urban") if registration.kind is RegistrationKind.URBAN else ("农村", "rural")
    )
    home = jurisdictions.get(registration.jurisdiction)
    reasons: list[Reason] = []

    def decision(
        outcome: Outcome, amount: Amount | None = None, missing: tuple[str, ...] = ()
    ) -> Decision:
        return Decision(
            programme=PROGRAMME.code,
            subject=subject,
            as_of=on,
            jurisdiction=where,
            outcome=outcome,
            amount=amount,
            reasons=tuple(reasons),
            missing=missing,
        )

    # 1. Registration (社会救助暂行办法 art. 9; 57号 arts. 4-5).
    if not jurisdictions.is_within(registration.jurisdiction, where):
        place = jurisdictions.get(where)
        reasons.append(
            R_REGISTRATION_ELSEWHERE.reason(
                False, place=home.name, code=home.code, where=f"{place.name}({place.code})"
            )
        )
        return decision(Outcome.NOT_ELIGIBLE)
    reasons.append(
        R_REGISTRATION.reason(True, place=home.name, code=home.code, kind=kind_zh, kind_en=kind_en)
    )

    # 2. Family members (57号 art. 7).
    counted, excluded, missing = counted_members(household, on)
    if missing:
        reasons.append(R_MISSING.reason(None, paths=", ".join(missing)))
        return decision(Outcome.CANNOT_DECIDE, missing=tuple(missing))
    count = len(counted)
    reasons.append(
        R_MEMBERS.reason(
            True,
            count=str(count),
            excluded="".join(f"; 不计入: {m.person.masked}({why})" for _, m, why in excluded),
            excluded_en="".join(f"; not counted: {m.person.masked}" for _, m, _why in excluded),
        )
    )

    # 3. Income (57号; national list of items not counted).
    standard, standard_used = book.money(f"assistance.dibao.standard.{kind_en}", where, on)
    counted_ids = {m.person.id for _, m in counted}
    income, own_income, wages, not_counted, pension_used = _income(
        household, counted_ids, book, where, on
    )
    if not_counted:
        reasons.append(
            R_INCOME_EXCLUDED.reason(
                None,
                pension_used,
                items="、".join(f"{zh} {_yuan(v)} 元" for (zh, _), v in not_counted.items()),
                items_en=", ".join(f"{en} {_yuan(v)} yuan" for (_, en), v in not_counted.items()),
            )
        )
    rate, rate_used = book.rate("assistance.dibao.income.employment_deduction_rate", where, on)
    if rate and wages:
        deduction = sum(wages.values(), ZERO) * rate
        income -= deduction
        for person_id, amount in wages.items():
            own_income[person_id] -= amount * rate
        reasons.append(
            R_EMPLOYMENT_DEDUCTION.reason(None, (rate_used,), deduction=_yuan(deduction))
        )

    # 4. Income test, exact: income < standard × members.
    threshold = standard * count
    facts = {
        "income": _yuan(income),
        "standard": _yuan(standard),
        "count": str(count),
        "threshold": _yuan(threshold),
        "per_capita": _yuan((income / count).quantize(FEN, ROUND_HALF_UP)),
    }
    income_ok = income < threshold
    reasons.append(
        (R_INCOME_BELOW if income_ok else R_INCOME_NOT_BELOW).reason(
            income_ok, (standard_used,), **facts
        )
    )

    # 5. Property test (provincial rules, as parameters).
    assets_ok = _property_test(
        household, standard=standard, count=count, book=book, where=where, on=on, reasons=reasons
    )

    # 6. Amount: the difference, floored where a jurisdiction says so, rounded once.
    if income_ok and assets_ok:
        amount = threshold - income
        share, share_used = book.rate(
            "assistance.dibao.amount.minimum_share_of_standard", where, on
        )
        floor = threshold * share
        lines = [
            AmountLine("standard_total", "低保标准合计", "standard × members", threshold),
            AmountLine("counted_income", "家庭月收入", "counted income", -income),
        ]
        if amount < floor:
            amount = floor
            reasons.append(
                R_AMOUNT_FLOOR.reason(None, (share_used,), share=f"{share:%}", amount=_yuan(floor))
            )
            lines.append(
                AmountLine(
                    "floor", "最低发放额补足", "raised to the floor", floor - (threshold - income)
                )
            )
        total = amount.quantize(FEN, ROUND_HALF_UP)
        reasons.append(R_AMOUNT.reason(None, (standard_used,), **facts, amount=_yuan(total)))
        return decision(Outcome.ELIGIBLE, Amount(total, Period.MONTHLY, tuple(lines)))

    # 7. Single-person inclusion for members of a marginal household (57号 art. 8).
    if not income_ok and assets_ok:
        covered = _single_person(
            counted,
            own_income=own_income,
            standard=standard,
            standard_used=standard_used,
            income=income,
            threshold=threshold,
            book=book,
            where=where,
            on=on,
            reasons=reasons,
        )
        if covered:
            total = sum((line.amount for line in covered), ZERO)
            return decision(Outcome.ELIGIBLE, Amount(total, Period.MONTHLY, tuple(covered)))
    return decision(Outcome.NOT_ELIGIBLE)


def _income(
    household: Household,
    counted_ids: set[str],
    book: ParameterBook,
    where: str,
    on: dt.date,
) -> tuple[
    Decimal,
    dict[str, Decimal],
    dict[str, Decimal],
    dict[tuple[str, str], Decimal],
    tuple[ParameterValue, ...],
]:
    """Sum counted income; return (total, own income by member, wages by member, not counted)."""
    total = ZERO
    own: dict[str, Decimal] = dict.fromkeys(counted_ids, ZERO)
    wages: dict[str, Decimal] = {}
    not_counted: dict[tuple[str, str], Decimal] = {}
    pension_used: tuple[ParameterValue, ...] = ()
    for item in household.incomes:
        if item.member is not None and item.member not in counted_ids:
            continue
        label = _ALWAYS_EXCLUDED_INCOME.get(item.type)
        if label is None and item.type is IncomeType.CENTRAL_BASIC_PENSION:
            exclude, used = book.flag(
                "assistance.dibao.income.exclude_central_basic_pension", where, on
            )
            pension_used = (used,)
            label = _PENSION_LABEL if exclude else None
        if label is not None:
            not_counted[label] = not_counted.get(label, ZERO) + item.monthly
            continue
        total += item.monthly
        if item.member is not None:
            own[item.member] += item.monthly
            if item.type is IncomeType.WAGES:
                wages[item.member] = wages.get(item.member, ZERO) + item.monthly
    return total, own, wages, not_counted, pension_used


def _property_test(
    household: Household,
    *,
    standard: Decimal,
    count: int,
    book: ParameterBook,
    where: str,
    on: dt.date,
    reasons: list[Reason],
) -> bool:
    """Apply the jurisdiction's property rules; append a reason for each rule that applies."""
    ok = True
    financial = sum(
        (a.value for a in household.assets if a.type.is_financial and not a.exempt), ZERO
    )
    months, months_used = book.count(
        "assistance.dibao.assets.financial_months_per_capita", where, on
    )
    limit = standard * months * count
    below = financial < limit
    reasons.append(
        R_FINANCIAL_ASSETS.reason(
            below,
            (months_used,),
            assets=_yuan(financial),
            relation="低于" if below else "不低于",
            relation_en="below" if below else "not below",
            months=str(months),
            count=str(count),
            limit=_yuan(limit),
        )
    )
    ok &= below
    present = {a.type for a in household.assets if not a.exempt}
    for asset_type, name, (zh, en) in _DISQUALIFYING_ASSETS:
        if asset_type in present:
            disqualifies, used = book.flag(name, where, on)
            if disqualifies:
                reasons.append(R_ASSET_DISQUALIFIES.reason(False, (used,), asset=zh, asset_en=en))
                ok = False
    return ok


def _single_person(
    counted: list[tuple[int, Member]],
    *,
    own_income: dict[str, Decimal],
    standard: Decimal,
    standard_used: ParameterValue,
    income: Decimal,
    threshold: Decimal,
    book: ParameterBook,
    where: str,
    on: dt.date,
    reasons: list[Reason],
) -> list[AmountLine]:
    """Cover severely disabled or seriously ill members of a marginal household alone."""
    allowed, allowed_used = book.flag("assistance.dibao.single_person.allowed", where, on)
    if not allowed:
        return []
    multiple, multiple_used = book.rate("assistance.low_income_margin.income_multiple", where, on)
    marginal = income < threshold * multiple
    used = (allowed_used, multiple_used, standard_used)
    lines: list[AmountLine] = []
    if marginal:
        for _, member in counted:
            person = member.person
            why = []
            if person.disability is not None and person.disability.is_severe:
                why.append(("重度残疾人", "severely disabled"))
            if person.serious_illness:
                why.append(("重病患者", "seriously ill"))
            own = own_income[person.id]
            if not why or own >= standard:
                continue
            amount = (standard - own).quantize(FEN, ROUND_HALF_UP)
            reasons.append(
                R_SINGLE_PERSON.reason(
                    True,
                    used,
                    multiple=str(multiple),
                    person=person.masked,
                    why="、".join(zh for zh, _ in why),
                    why_en=", ".join(en for _, en in why),
                    standard=_yuan(standard),
                    own=_yuan(own),
                    amount=_yuan(amount),
                )
            )
            lines.append(
                AmountLine(
                    "single_person",
                    f"单人户 {person.masked}",
                    f"covered alone: {person.masked}",
                    amount,
                )
            )
    if not lines:
        reasons.append(
            R_SINGLE_PERSON_NONE.reason(
                False,
                used,
                relation="低于" if marginal else "不低于",
                relation_en="below" if marginal else "not below",
                multiple=str(multiple),
            )
        )
    return lines
