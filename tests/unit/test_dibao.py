import datetime as dt
from decimal import Decimal

import attrs
import pytest
from builders import ON, household, person, rural_family

from civaffairs.assistance import dibao, extreme_poverty
from civaffairs.conversion import dumps, loads
from civaffairs.decisions import Decision, Outcome
from civaffairs.entities import (
    Asset,
    AssetType,
    Disability,
    DisabilityCategory,
    Household,
    Income,
    IncomeType,
    RegistrationKind,
    Relationship,
    SpecialStatus,
)
from civaffairs.errors import InvalidInputError, ParameterOutOfRangeError
from civaffairs.parameters import default_book

RURAL = Decimal(630)  # 渝民规〔2025〕6号, from 2025-07-01
URBAN = Decimal(770)


def test_difference_payment() -> None:
    decision = dibao.assess(rural_family(3, "850"), ON)
    assert decision.outcome is Outcome.ELIGIBLE
    assert decision.amount is not None
    assert decision.amount.total == RURAL * 3 - 850
    assert sum(line.amount for line in decision.amount.lines) == decision.amount.total


def test_income_exactly_at_the_standard_is_not_below_it() -> None:
    decision = dibao.assess(rural_family(3, str(RURAL * 3)), ON)
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert "assistance.dibao.income_not_below_standard" in decision.codes


def test_one_fen_below_the_standard_pays_one_fen() -> None:
    decision = dibao.assess(rural_family(3, str(RURAL * 3 - Decimal("0.01"))), ON)
    assert decision.outcome is Outcome.ELIGIBLE
    assert decision.amount is not None
    assert decision.amount.total == Decimal("0.01")


def test_uneven_per_capita_income_is_compared_exactly() -> None:
    # 1889.99 / 3 = 629.996666... < 630: eligible, and the payment is exact.
    decision = dibao.assess(rural_family(3, "1889.99"), ON)
    assert decision.amount is not None
    assert decision.amount.total == Decimal("0.01")


def test_urban_registration_uses_the_urban_standard() -> None:
    decision = dibao.assess(rural_family(2, "0", kind=RegistrationKind.URBAN), ON)
    assert decision.amount is not None
    assert decision.amount.total == URBAN * 2


def test_the_standard_changes_on_2025_07_01() -> None:
    before = dibao.assess(rural_family(1, "0"), dt.date(2025, 6, 30))
    after = dibao.assess(rural_family(1, "0"), dt.date(2025, 7, 1))
    assert before.amount is not None
    assert after.amount is not None
    assert (before.amount.total, after.amount.total) == (Decimal(610), Decimal(630))
    assert before.uses_example_data  # 610's effective date is assumed, and says so


def test_date_before_any_standard_is_an_error() -> None:
    with pytest.raises(ParameterOutOfRangeError, match=r"assistance\.dibao\.standard\.rural"):
        dibao.assess(rural_family(1, "0"), dt.date(2022, 1, 1))


def test_excluded_members_are_not_counted() -> None:
    prisoner = person("x", statuses=[SpecialStatus.SERVING_SENTENCE])
    h = household(
        (person("a"), Relationship.APPLICANT),
        (prisoner, Relationship.SPOUSE),
        incomes=[Income(IncomeType.WAGES, "1000", member="x")],
    )
    decision = dibao.assess(h, ON)
    assert decision.amount is not None
    assert decision.amount.total == RURAL  # one member, the spouse's income ignored
    assert "不计入" in decision.reasons[1].zh


def test_unrelated_co_resident_is_not_a_family_member() -> None:
    h = household((person("a"), Relationship.APPLICANT), (person("o"), Relationship.OTHER))
    assert "1 co-resident" in dibao.assess(h, ON).reasons[1].en


def test_adult_child_counts_only_when_living_together_or_dependent() -> None:
    adult = person("c", born=dt.date(2000, 1, 1))
    apart = household(
        (person("a"), Relationship.APPLICANT), (adult, Relationship.CHILD), lives_together=False
    )
    assert "1 co-resident" in dibao.assess(apart, ON).reasons[1].en
    student = person("c", born=dt.date(2000, 1, 1), statuses=[SpecialStatus.FULL_TIME_STUDENT])
    away = household(
        (person("a"), Relationship.APPLICANT), (student, Relationship.CHILD), lives_together=False
    )
    assert "2 co-resident" in dibao.assess(away, ON).reasons[1].en


def test_unknown_co_residence_cannot_be_decided() -> None:
    h = household(
        (person("a"), Relationship.APPLICANT),
        (person("g", born=dt.date(1940, 1, 1)), Relationship.PARENT),
        lives_together=None,
    )
    decision = dibao.assess(h, ON)
    assert decision.outcome is Outcome.CANNOT_DECIDE
    assert decision.missing == ("$.members[1].lives_together",)
    assert decision.amount is None


def test_registration_elsewhere_is_not_eligible() -> None:
    decision = dibao.assess(rural_family(1, "0"), ON, jurisdiction="500101")
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert decision.codes == ("assistance.dibao.registration_elsewhere",)


def test_excluded_income_items() -> None:
    h = household(
        (person("a"), Relationship.APPLICANT),
        incomes=[
            Income(IncomeType.SOCIAL_ASSISTANCE, "300", member="a"),
            Income(IncomeType.DISABILITY_SUBSIDY, "100", member="a"),
            Income(IncomeType.PREFERENTIAL_TREATMENT, "50", member="a"),
            Income(IncomeType.TRANSFER, "30", member="a"),
        ],
    )
    decision = dibao.assess(h, ON)
    assert decision.amount is not None
    assert decision.amount.total == RURAL - 30


def _pensioner() -> Household:
    return household(
        (person("a"), Relationship.APPLICANT),
        incomes=[Income(IncomeType.CENTRAL_BASIC_PENSION, "150", member="a")],
    )


def test_central_basic_pension_is_not_counted_during_the_14th_five_year_plan() -> None:
    """民发〔2021〕57号 art. 13, second paragraph: "下列收入不计入家庭收入：……（三）"十四五"期间，
    中央确定的城乡居民基本养老保险基础养老金" — sourced for 2021–2025."""
    inside = dibao.assess(_pensioner(), dt.date(2025, 12, 31))
    assert inside.amount is not None
    assert inside.amount.total == RURAL
    assert "assistance.dibao.income_not_counted" in inside.codes
    pension = next(
        v for r in inside.reasons for v in r.parameters if v.name.endswith("basic_pension")
    )
    assert pension.status.value == "sourced"
    assert pension.article is not None
    assert "第十三条" in pension.article


def test_central_basic_pension_in_2026_is_carried_forward_as_example_data() -> None:
    """57号 art. 13 time-boxes the exclusion ("十四五"期间, 2021–2025) and no successor rule was
    found: on a 2026 date the exclusion is carried forward as example data, not an error, and
    the decision says it used example data."""
    on = dt.date(2026, 3, 1)
    decision = dibao.assess(_pensioner(), on)
    assert decision.amount is not None
    assert decision.amount.total == RURAL
    assert decision.uses_example_data
    pension = next(
        v for r in decision.reasons for v in r.parameters if v.name.endswith("basic_pension")
    )
    assert pension.status.value == "example"
    assert pension.effective_from == dt.date(2026, 1, 1)


def test_a_jurisdiction_overrides_the_2026_pension_rule() -> None:
    """The carried-forward national value gives way to a jurisdiction's own rule."""
    on = dt.date(2026, 3, 1)
    book = default_book().override(
        "assistance.dibao.income.exclude_central_basic_pension", "500156", False, on
    )
    decision = dibao.assess(_pensioner(), on, book=book)
    assert decision.amount is not None
    assert decision.amount.total == RURAL - 150


def test_employment_deduction_where_a_jurisdiction_sets_one() -> None:
    book = default_book().override(
        "assistance.dibao.income.employment_deduction_rate",
        "500156",
        Decimal("0.1"),
        dt.date(2025, 1, 1),
    )
    decision = dibao.assess(rural_family(2, "1300"), ON, book=book)
    assert decision.amount is not None
    assert decision.amount.total == RURAL * 2 - Decimal(1170)
    assert "assistance.dibao.employment_deduction" in decision.codes
    assert decision.uses_example_data


def test_minimum_payment_floor_where_a_jurisdiction_sets_one() -> None:
    book = default_book().override(
        "assistance.dibao.amount.minimum_share_of_standard",
        "500156",
        Decimal("0.2"),
        dt.date(2025, 1, 1),
    )
    decision = dibao.assess(rural_family(1, "600"), ON, book=book)
    assert decision.amount is not None
    assert decision.amount.total == Decimal(126)  # 20 % of 630, not the 30-yuan difference
    assert sum(line.amount for line in decision.amount.lines) == decision.amount.total


def test_financial_assets_at_the_limit_fail() -> None:
    limit = RURAL * 36  # example rule: strictly below 36 months of the standard per person
    at = household(
        (person("a"), Relationship.APPLICANT), assets=[Asset(AssetType.DEPOSITS, str(limit))]
    )
    below = household(
        (person("a"), Relationship.APPLICANT), assets=[Asset(AssetType.DEPOSITS, str(limit - 1))]
    )
    assert dibao.assess(at, ON).outcome is Outcome.NOT_ELIGIBLE
    assert dibao.assess(below, ON).outcome is Outcome.ELIGIBLE


def test_exempt_vehicle_is_allowed() -> None:
    car = household(
        (person("a"), Relationship.APPLICANT), assets=[Asset(AssetType.VEHICLE, "30000")]
    )
    mobility = household(
        (person("a"), Relationship.APPLICANT),
        assets=[Asset(AssetType.VEHICLE, "30000", exempt=True)],
    )
    assert "assistance.dibao.asset_disqualifies" in dibao.assess(car, ON).codes
    assert dibao.assess(mobility, ON).eligible


def _marginal_with(
    member_disability: Disability | None, ill: bool | None, income: str
) -> Household:
    return household(
        (person("a"), Relationship.APPLICANT),
        (person("d", disability=member_disability, ill=ill), Relationship.SPOUSE),
        incomes=[Income(IncomeType.WAGES, income, member="a")],
    )


@pytest.mark.parametrize(
    ("disability", "ill"),
    [
        (Disability(DisabilityCategory.PHYSICAL, 1), False),
        (Disability(DisabilityCategory.INTELLECTUAL, 3), False),
        (None, True),
    ],
)
def test_single_person_inclusion_in_a_marginal_household(
    disability: Disability | None, ill: bool
) -> None:
    decision = dibao.assess(_marginal_with(disability, ill, "1500"), ON)  # 1500 < 1.5 × 1260
    assert decision.outcome is Outcome.ELIGIBLE
    assert decision.amount is not None
    assert decision.amount.total == RURAL
    assert "assistance.dibao.single_person" in decision.codes


def test_single_person_needs_a_marginal_household() -> None:
    at_margin = str(RURAL * 2 * Decimal("1.5"))  # not below 1.5 × the standard
    decision = dibao.assess(
        _marginal_with(Disability(DisabilityCategory.PHYSICAL, 1), False, at_margin), ON
    )
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert "assistance.dibao.single_person_none" in decision.codes


def test_grade_3_physical_disability_is_not_severe_enough() -> None:
    decision = dibao.assess(
        _marginal_with(Disability(DisabilityCategory.PHYSICAL, 3), False, "1500"), ON
    )
    assert decision.outcome is Outcome.NOT_ELIGIBLE


def test_the_single_person_cliff_is_the_regulations_shape() -> None:
    # Just below the household test: a small difference payment.  Just above: the
    # severely disabled member is covered alone at the full standard.
    below = dibao.assess(
        _marginal_with(Disability(DisabilityCategory.PHYSICAL, 1), False, "1259"), ON
    )
    above = dibao.assess(
        _marginal_with(Disability(DisabilityCategory.PHYSICAL, 1), False, "1260"), ON
    )
    assert below.amount is not None
    assert above.amount is not None
    assert below.amount.total == Decimal(1)
    assert above.amount.total == RURAL


def test_decision_text_masks_the_subject_and_cites() -> None:
    text = dibao.assess(rural_family(2, "100"), ON).render("zh")
    assert "社会救助暂行办法" in text
    assert "渝民规〔2025〕6号" in text
    assert "最低生活保障" in text


# -- 单人户 (57号 art. 8): the marginal household, its property rules, the amount ---------------


def _with_business(value: str, *, ill: bool | None = False) -> Household:
    """A marginal household (wages 1500 < 1.5 × 630 × 2) owning a business entity.

    低保's example property rule refuses any business entity; the marginal rule (Henan's,
    example data) only one worth 200 000 yuan or more.
    """
    h = _marginal_with(Disability(DisabilityCategory.PHYSICAL, 1), ill, "1000")
    return attrs.evolve(h, assets=[Asset(AssetType.BUSINESS_ENTITY, value)])


def test_single_person_inclusion_uses_the_marginal_property_rules() -> None:
    """民发〔2021〕57号 art. 8: "最低生活保障边缘家庭一般指不符合最低生活保障条件，家庭人均收入
    低于当地最低生活保障标准1.5倍，且财产状况符合相关规定的家庭" — the household fails 低保 on its
    property (a business entity) but is within the marginal property rules, so its severely
    disabled member "可以单独提出申请"."""
    decision = dibao.assess(_with_business("100000"), ON)
    assert "assistance.dibao.asset_disqualifies" in decision.codes  # fails 低保 as a whole
    assert decision.outcome is Outcome.ELIGIBLE
    assert decision.amount is not None
    assert decision.amount.total == RURAL
    marginal_property = next(
        r for r in decision.reasons if r.code == "assistance.dibao.marginal_property"
    )
    assert marginal_property.met is True
    assert "assistance.dibao.single_person" in decision.codes


def test_single_person_inclusion_fails_outside_the_marginal_property_rules() -> None:
    """57号 art. 8: the marginal household's "财产状况符合相关规定" — a business entity worth
    200 000 yuan is not below the marginal limit, so nobody is covered alone."""
    decision = dibao.assess(_with_business("200000"), ON)
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    marginal_property = next(
        r for r in decision.reasons if r.code == "assistance.dibao.marginal_property"
    )
    assert marginal_property.met is False
    assert "assistance.dibao.single_person" not in decision.codes


def test_single_person_amount_is_the_difference_by_default() -> None:
    """57号 art. 8 "可以单独提出申请": a household of one, paid the difference (社会救助暂行办法
    art. 12: "按照共同生活的家庭成员人均收入低于当地最低生活保障标准的差额")."""
    h = _marginal_with(Disability(DisabilityCategory.PHYSICAL, 1), False, "1500")
    h = attrs.evolve(h, incomes=[*h.incomes, Income(IncomeType.TRANSFER, "100", member="d")])
    decision = dibao.assess(h, ON)
    assert decision.amount is not None
    assert decision.amount.total == RURAL - 100


@pytest.mark.parametrize(
    ("share", "deduct", "expected"),
    [
        (Decimal(1), False, RURAL),  # the full standard (广州's practice, as read)
        (Decimal("0.5"), False, RURAL / 2),  # a share of the standard
        (Decimal(1), True, RURAL - 100),  # the national default: the difference
    ],
)
def test_single_person_amount_rule_is_a_parameter(
    share: Decimal, deduct: bool, expected: Decimal
) -> None:
    """57号 art. 8 leaves the single person's amount to local rules: the share of the
    standard and whether own income is deducted are parameters."""
    book = (
        default_book()
        .override("assistance.dibao.single_person.share_of_standard", "500156", share, ON)
        .override("assistance.dibao.single_person.deduct_own_income", "500156", deduct, ON)
    )
    h = _marginal_with(Disability(DisabilityCategory.PHYSICAL, 1), False, "1500")
    h = attrs.evolve(h, incomes=[*h.incomes, Income(IncomeType.TRANSFER, "100", member="d")])
    decision = dibao.assess(h, ON, book=book)
    assert decision.amount is not None
    assert decision.amount.total == expected
    assert decision.uses_example_data


def _unknown_illness(income: str) -> Household:
    """The spouse has no certificate and her serious illness is not established (None)."""
    h = household(
        (person("a"), Relationship.APPLICANT),
        (person("d"), Relationship.SPOUSE),
        incomes=[Income(IncomeType.WAGES, income, member="a")],
    )
    spouse = attrs.evolve(h.members[1].person, serious_illness=None)
    return attrs.evolve(h, members=[h.members[0], attrs.evolve(h.members[1], person=spouse)])


def test_unknown_serious_illness_is_asked_where_it_decides_single_person_inclusion() -> None:
    """57号 art. 8 (二): "最低生活保障边缘家庭中患有当地有关部门认定的重特大疾病的人员" may apply
    alone.  In a marginal household, whether the spouse is seriously ill decides the outcome,
    so it is asked, not defaulted."""
    decision = dibao.assess(_unknown_illness("1500"), ON)
    assert decision.outcome is Outcome.CANNOT_DECIDE
    assert decision.missing == ("$.members[1].person.serious_illness",)
    assert "assistance.dibao.single_person_unknown" in decision.codes


def test_unknown_serious_illness_is_not_asked_where_it_changes_nothing() -> None:
    """Only a marginal household reaches 57号 art. 8: a household eligible as a whole, or one
    above 1.5 × the standard, is decided without the fact."""
    whole = dibao.assess(_unknown_illness("1000"), ON)  # below 630 × 2: 低保 as a whole
    assert whole.outcome is Outcome.ELIGIBLE
    assert whole.missing == ()
    above = dibao.assess(_unknown_illness("1890"), ON)  # not below 1.5 × 630 × 2
    assert above.outcome is Outcome.NOT_ELIGIBLE
    assert above.missing == ()


def test_a_severe_disability_needs_no_illness_fact() -> None:
    """57号 art. 8 (一): a grade-1 certificate is enough; the illness fact is not asked."""
    h = _marginal_with(Disability(DisabilityCategory.PHYSICAL, 1), False, "1500")
    spouse = attrs.evolve(h.members[1].person, serious_illness=None)
    h = attrs.evolve(h, members=[h.members[0], attrs.evolve(h.members[1], person=spouse)])
    decision = dibao.assess(h, ON)
    assert decision.outcome is Outcome.ELIGIBLE
    assert decision.missing == ()


def test_a_member_whose_own_income_covers_the_standard_is_not_asked() -> None:
    """Only a member who would be paid if ill is asked about: one whose own income is not
    below the standard would receive nothing alone (the difference is zero)."""
    h = _unknown_illness("1000")
    h = attrs.evolve(h, incomes=[*h.incomes, Income(IncomeType.TRANSFER, "700", member="d")])
    decision = dibao.assess(h, ON)  # 1700 ≥ 1260, below 1890: marginal
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert decision.missing == ()


# -- No double coverage: a member supported as 特困 is not counted -------------------------------


def _extreme_decision(h: Household, member: str, outcome: Outcome, *missing: str) -> Decision:
    """A 特困 decision for ``member`` of ``h`` as :mod:`extreme_poverty` would return it."""
    return Decision(
        programme=extreme_poverty.PROGRAMME.code,
        subject=f"{h.id} ({h.member(member).person.label})",
        as_of=ON,
        jurisdiction="500156",
        outcome=outcome,
        amount=None,
        reasons=(),
        missing=missing,
    )


def _with_supported_spouse(wages: str) -> Household:
    """The applicant earns ``wages``; the spouse has 100 yuan of her own (a 特困 person's income
    is below the standard: 特困人员认定办法 art. 6)."""
    h = rural_family(2, wages)
    return attrs.evolve(h, incomes=[*h.incomes, Income(IncomeType.TRANSFER, "100", member="s")])


def test_a_member_supported_as_extreme_poverty_is_not_counted() -> None:
    """No double coverage.  民发〔2021〕57号 art. 7 second paragraph: "下列人员不计入共同
    生活的家庭成员：……（三）省级人民政府民政部门根据本条原则和有关程序认定的其他人员" — a member
    whose basic living is already supported as 特困 (社会救助暂行办法 arts. 14–15) is left out of
    the members, the income and the amount (the national default; 浙江, 重庆 and 上海's
    regulations, read, are silent)."""
    h = _with_supported_spouse("300")
    counted = dibao.assess(h, ON)
    assert counted.amount is not None
    assert counted.amount.total == RURAL * 2 - 400  # without her 特困 decision: 2 members
    supported = dibao.assess(h, ON, extreme_poverty=[_extreme_decision(h, "s", Outcome.ELIGIBLE)])
    assert supported.amount is not None
    assert supported.amount.total == RURAL - 300  # the applicant alone; her income left out too
    assert "assistance.dibao.extreme_poverty_excluded" in supported.codes
    members = next(r for r in supported.reasons if r.code == "assistance.dibao.family_members")
    assert dict(members.facts)["count"] == "1"


def test_a_province_may_count_the_extreme_poverty_member() -> None:
    """The exclusion is a parameter: a province that counts 特困 members sets it false."""
    h = _with_supported_spouse("300")
    book = default_book().override(
        "assistance.dibao.members.exclude_extreme_poverty", "500000", False, dt.date(2021, 1, 1)
    )
    decision = dibao.assess(
        h, ON, book=book, extreme_poverty=[_extreme_decision(h, "s", Outcome.ELIGIBLE)]
    )
    assert decision.amount is not None
    assert decision.amount.total == RURAL * 2 - 400


def test_undecided_extreme_poverty_that_changes_dibao_cannot_decide() -> None:
    """Counted: 1260 − 400; left out: 630 − 300 — the 特困 facts decide the amount."""
    h = _with_supported_spouse("300")
    undecided = _extreme_decision(h, "s", Outcome.CANNOT_DECIDE, "$.facts.supporters")
    decision = dibao.assess(h, ON, extreme_poverty=[undecided])
    assert decision.outcome is Outcome.CANNOT_DECIDE
    assert decision.missing == ("$.facts.supporters",)
    assert "assistance.dibao.extreme_poverty_unknown" in decision.codes


def test_undecided_extreme_poverty_that_changes_nothing_is_not_asked() -> None:
    h = _with_supported_spouse("5000")  # not eligible either way
    undecided = _extreme_decision(h, "s", Outcome.CANNOT_DECIDE, "$.facts.supporters")
    decision = dibao.assess(h, ON, extreme_poverty=[undecided])
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert decision.missing == ()
    assert "assistance.dibao.extreme_poverty_irrelevant" in decision.codes


def test_an_extreme_poverty_decision_of_someone_else_is_refused() -> None:
    h = _with_supported_spouse("300")
    other = attrs.evolve(_extreme_decision(h, "s", Outcome.ELIGIBLE), subject="G (x)")
    with pytest.raises(InvalidInputError) as caught:
        dibao.assess(h, ON, extreme_poverty=[other])
    assert caught.value.path == "$.extreme_poverty[0].subject"


def test_an_extreme_poverty_member_of_unknown_co_residence_is_not_asked_about() -> None:
    """A member left out as 特困 is not counted whatever their co-residence: it is not asked."""
    h = household(
        (person("a"), Relationship.APPLICANT),
        (person("s", born=dt.date(1950, 1, 1)), Relationship.SIBLING),
        incomes=[Income(IncomeType.WAGES, "300", member="a")],
        lives_together=None,
    )
    asked = dibao.assess(h, ON)
    assert asked.outcome is Outcome.CANNOT_DECIDE  # counted if co-resident, so asked
    assert asked.missing == ("$.members[1].lives_together",)
    decision = dibao.assess(h, ON, extreme_poverty=[_extreme_decision(h, "s", Outcome.ELIGIBLE)])
    assert decision.outcome is Outcome.ELIGIBLE
    assert decision.missing == ()


def test_an_extreme_poverty_decision_names_its_member_by_id() -> None:
    """The 特困 member is matched by :attr:`Decision.person` (a member id), not the display text
    of its subject; 民发〔2021〕57号 第七条第二款(三) leaves them out ("省级人民政府民政部门根据
    本条原则和有关程序认定的其他人员")."""
    h = _with_supported_spouse("300")
    by_id = attrs.evolve(
        _extreme_decision(h, "s", Outcome.ELIGIBLE), subject="H (someone, shown otherwise)"
    )
    by_id = attrs.evolve(by_id, person="s")
    decision = dibao.assess(h, ON, extreme_poverty=[by_id])
    assert decision.amount is not None
    assert decision.amount.total == RURAL - 300
    assert loads(dumps(by_id), Decision) == by_id
    with pytest.raises(InvalidInputError) as caught:
        dibao.assess(h, ON, extreme_poverty=[attrs.evolve(by_id, person="nobody")])
    assert caught.value.path == "$.extreme_poverty[0].person"


def test_property_of_a_member_who_is_not_counted_is_not_the_familys() -> None:
    """民发〔2021〕57号 第十四条: "家庭财产指共同生活的家庭成员拥有的全部动产和不动产。" — a
    spouse serving a sentence is not counted (第七条第二款: "在监狱内服刑"), so her savings and
    her car are not the family's property; the same savings owned by the applicant (or by
    nobody in particular) fail the property test."""
    prisoner = person("x", statuses=[SpecialStatus.SERVING_SENTENCE])
    savings = Decimal(630 * 100)

    def with_assets(owner: str | None) -> Household:
        return household(
            (person("a"), Relationship.APPLICANT),
            (prisoner, Relationship.SPOUSE),
            incomes=[Income(IncomeType.WAGES, "300", member="a")],
            assets=[
                Asset(AssetType.DEPOSITS, str(savings), owner=owner),
                Asset(AssetType.VEHICLE, "30000", owner=owner),
            ],
        )

    theirs = dibao.assess(with_assets("x"), ON)
    assert theirs.amount is not None
    assert theirs.amount.total == RURAL - 300
    assert (
        dict(
            next(r for r in theirs.reasons if r.code == "assistance.dibao.financial_assets").facts
        )["assets"]
        == "0.00"
    )
    for owner in ("a", None):
        assert not dibao.assess(with_assets(owner), ON).eligible
