"""低保边缘家庭: worked cases at every boundary, each naming the rule it exercises.

Households of 武隆区 (500156): rural dibao standard 630 from 2025-07-01 (渝民规〔2025〕6号);
the marginal multiple is 1.5 nationally (民发〔2021〕57号), so the marginal band for two
members is [1260, 1890) yuan a month.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest
from builders import ON, household, person, rural_family

from civaffairs.assistance import dibao, extreme_poverty, marginal
from civaffairs.conversion import dumps, loads
from civaffairs.decisions import Decision, Outcome, Reason
from civaffairs.entities import (
    Asset,
    AssetType,
    Disability,
    DisabilityCategory,
    Expenditure,
    ExpenditureType,
    Household,
    Income,
    IncomeType,
    RegistrationKind,
    Relationship,
    SpecialStatus,
)
from civaffairs.errors import InvalidInputError, ParameterOutOfRangeError
from civaffairs.parameters import ParameterBook, default_book

RURAL = Decimal(630)
MARGIN = RURAL * Decimal("1.5")


def _fact(decision: Decision, code: str, name: str) -> str:
    reason = next(r for r in decision.reasons if r.code == code)
    return dict(reason.facts)[name]


def _extreme(
    h: Household, outcome: Outcome, *, member: str = "s", missing: tuple[str, ...] = ()
) -> Decision:
    """A 特困 decision for ``member`` of ``h`` as the extreme-poverty calculator would return it.

    "Cannot decide" with no ``missing`` stands for "only the amount facts are missing".
    """
    reasons: tuple[Reason, ...] = ()
    if outcome is Outcome.CANNOT_DECIDE and not missing:
        missing = ("$.facts.arrangement",)
        reasons = (extreme_poverty.R_AMOUNT_FACTS_MISSING.reason(None, paths=missing[0]),)
    return Decision(
        programme=marginal.EXTREME_POVERTY_PROGRAMME,
        subject=f"{h.id} ({h.member(member).person.masked})",
        as_of=ON,
        jurisdiction="500156",
        outcome=outcome,
        amount=None,
        reasons=reasons,
        missing=missing,
    )


# -- 57号 art. 8: income strictly below 1.5 × the standard, and not dibao ------------------------


def test_income_below_the_dibao_standard_is_dibao_not_marginal() -> None:
    decision = marginal.assess(rural_family(2, str(RURAL * 2 - Decimal("0.01"))), ON)
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert "assistance.marginal.in_higher_layer" in decision.codes


def test_income_exactly_at_the_dibao_standard_is_marginal() -> None:
    decision = marginal.assess(rural_family(2, str(RURAL * 2)), ON)
    assert decision.outcome is Outcome.ELIGIBLE
    assert decision.amount is None  # recognition only: no cash
    assert "assistance.marginal.recognised" in decision.codes


def test_one_fen_below_one_and_a_half_times_the_standard_is_marginal() -> None:
    decision = marginal.assess(rural_family(2, str(MARGIN * 2 - Decimal("0.01"))), ON)
    assert decision.outcome is Outcome.ELIGIBLE
    assert _fact(decision, "assistance.marginal.income_below_margin", "threshold") == "1890.00"


def test_income_exactly_at_one_and_a_half_times_the_standard_is_not_below_it() -> None:
    decision = marginal.assess(rural_family(2, str(MARGIN * 2)), ON)
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert "assistance.marginal.income_not_below_margin" in decision.codes


def test_uneven_per_capita_income_is_compared_exactly() -> None:
    # 3 members: 1.5 × 630 × 3 = 2835; 2834.99 / 3 = 944.996... < 945.
    assert marginal.assess(rural_family(3, "2834.99"), ON).eligible
    assert not marginal.assess(rural_family(3, "2835"), ON).eligible


def test_urban_registration_uses_the_urban_standard() -> None:
    # urban 770: band [770, 1155) for one person.
    assert marginal.assess(rural_family(1, "1154.99", kind=RegistrationKind.URBAN), ON).eligible
    assert not marginal.assess(rural_family(1, "1155", kind=RegistrationKind.URBAN), ON).eligible


def test_the_standard_changes_on_2025_07_01() -> None:
    # 610 × 1.5 = 915 until 2025-06-30 (example date), 630 × 1.5 = 945 from 2025-07-01.
    h = rural_family(1, "920")
    assert not marginal.assess(h, dt.date(2025, 6, 30)).eligible
    assert marginal.assess(h, dt.date(2025, 7, 1)).eligible


def test_a_local_multiple_of_two_widens_the_band() -> None:
    # Hangzhou's 2 × (example data); the dibao standard there is given by override.
    book = default_book().override(
        "assistance.dibao.standard.rural", "330100", Decimal(1000), dt.date(2025, 1, 1)
    )
    h = household(
        (person("a", where="330106"), Relationship.APPLICANT),
        incomes=[Income(IncomeType.WAGES, "1999.99", member="a")],
    )
    decision = marginal.assess(h, ON, book=book)
    assert decision.eligible
    assert decision.uses_example_data
    assert _fact(decision, "assistance.marginal.income_below_margin", "multiple") == "2"
    at_two = attrs.evolve(h, incomes=[Income(IncomeType.WAGES, "2000", member="a")])
    assert not marginal.assess(at_two, ON, book=book).eligible


def test_income_counted_as_for_dibao() -> None:
    # Items on the national not-counted list are ignored, exactly as dibao ignores them.
    h = household(
        (person("a"), Relationship.APPLICANT),
        incomes=[
            Income(IncomeType.TRANSFER, "700", member="a"),
            Income(IncomeType.SOCIAL_ASSISTANCE, "500", member="a"),
            Income(IncomeType.DISABILITY_SUBSIDY, "100", member="a"),
        ],
    )
    decision = marginal.assess(h, ON)
    assert decision.eligible
    assert _fact(decision, "assistance.marginal.income_below_margin", "income") == "700.00"


def test_income_agrees_with_dibao_on_the_same_household() -> None:
    book = default_book().override(
        "assistance.dibao.income.employment_deduction_rate",
        "500156",
        Decimal("0.3"),
        dt.date(2025, 1, 1),
    )
    h = household(
        (person("a"), Relationship.APPLICANT),
        (person("s"), Relationship.SPOUSE),
        incomes=[
            Income(IncomeType.WAGES, "2333.33", member="a"),
            Income(IncomeType.BUSINESS, "100", member=None),
            Income(IncomeType.AWARD, "50", member="s"),
        ],
    )
    from_dibao = _fact(
        dibao.assess(h, ON, book=book), "assistance.dibao.income_not_below_standard", "income"
    )
    from_marginal = _fact(
        marginal.assess(h, ON, book=book), "assistance.marginal.income_below_margin", "income"
    )
    assert Decimal(from_dibao) == Decimal(from_marginal) == Decimal("1733.331")


def test_employment_deduction_moves_a_household_into_the_band() -> None:
    book = default_book().override(
        "assistance.dibao.income.employment_deduction_rate",
        "500156",
        Decimal("0.1"),
        dt.date(2025, 1, 1),
    )
    h = rural_family(1, "1000")  # 1000 ≥ 945 gross; 900 net: marginal, not below 630
    assert not marginal.assess(h, ON).eligible
    assert marginal.assess(h, ON, book=book).eligible


def test_central_basic_pension_switch_is_read_only_when_needed() -> None:
    h = household(
        (person("a"), Relationship.APPLICANT),
        incomes=[
            Income(IncomeType.CENTRAL_BASIC_PENSION, "150", member="a"),
            Income(IncomeType.TRANSFER, "700", member="a"),
        ],
    )
    assert marginal.assess(h, dt.date(2025, 12, 31)).eligible
    # 57号 art. 13 (三) ends with 2025; from 2026 the exclusion is carried forward as example data.
    later = marginal.assess(h, dt.date(2026, 1, 1))
    assert later.eligible
    assert later.uses_example_data


# -- Higher layers: dibao as a whole, single-person inclusion, 特困 -----------------------------


def test_single_person_dibao_coverage_keeps_the_household_marginal() -> None:
    # 57号 art. 8: the severely disabled member of a marginal household is covered alone.
    h = household(
        (person("a"), Relationship.APPLICANT),
        (person("d", disability=Disability(DisabilityCategory.PHYSICAL, 1)), Relationship.SPOUSE),
        incomes=[Income(IncomeType.WAGES, "1500", member="a")],
    )
    assert "assistance.dibao.single_person" in dibao.assess(h, ON).codes
    decision = marginal.assess(h, ON)
    assert decision.eligible
    assert "单人户" in next(
        r.zh for r in decision.reasons if r.code.endswith("not_in_higher_layer")
    )


def _counting_extreme_poverty() -> ParameterBook:
    """A book where a 特困 member is counted in the household (a province's choice)."""
    return default_book().override(
        "assistance.dibao.members.exclude_extreme_poverty", "500156", False, dt.date(2021, 1, 1)
    )


def test_an_extreme_poverty_member_is_left_out_and_the_rest_may_be_marginal() -> None:
    """No double coverage: the spouse supported as 特困 is left out of the household, and the
    applicant alone is judged on 57号 art. 8: "家庭人均收入低于当地最低生活保障标准1.5倍" —
    800 < 1.5 × 630.  The 特困 member does not make the rest ineligible for 低保边缘."""
    h = rural_family(2, "800")
    supported = [_extreme(h, Outcome.ELIGIBLE)]
    decision = marginal.assess(h, ON, extreme_poverty=supported)
    assert decision.outcome is Outcome.ELIGIBLE
    assert "assistance.marginal.extreme_poverty_excluded" in decision.codes
    assert _fact(decision, "assistance.marginal.income_below_margin", "count") == "1"
    # Where a province counts the 特困 member, the household is in a higher layer instead.
    counting = marginal.assess(h, ON, extreme_poverty=supported, book=_counting_extreme_poverty())
    assert counting.outcome is Outcome.NOT_ELIGIBLE
    assert "assistance.marginal.in_higher_layer" in counting.codes


def test_the_rest_alone_above_the_margin_is_not_marginal() -> None:
    h = rural_family(2, "1500")  # the applicant alone: 1500 ≥ 1.5 × 630
    decision = marginal.assess(h, ON, extreme_poverty=[_extreme(h, Outcome.ELIGIBLE)])
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert "assistance.marginal.income_not_below_margin" in decision.codes
    assert marginal.assess(h, ON, extreme_poverty=[_extreme(h, Outcome.NOT_ELIGIBLE)]).eligible


def test_meeting_the_extreme_poverty_conditions_is_enough() -> None:
    # Regression: a member who meets every 特困 condition, undecided only for the amount (care
    # tier, arrangement), is supported as 特困: left out of the household.
    h = rural_family(2, "800")
    decision = marginal.assess(h, ON, extreme_poverty=[_extreme(h, Outcome.CANNOT_DECIDE)])
    assert decision.outcome is Outcome.ELIGIBLE
    assert "assistance.marginal.extreme_poverty_excluded" in decision.codes


def test_undecided_extreme_poverty_conditions_cannot_decide_where_they_matter() -> None:
    # The spouse counted: 1500 < 1.5 × 630 × 2 (marginal); left out: 1500 ≥ 1.5 × 630 (not).
    h = rural_family(2, "1500")
    undecided = _extreme(h, Outcome.CANNOT_DECIDE, missing=("$.facts.supporters",))
    decision = marginal.assess(h, ON, extreme_poverty=[undecided])
    assert decision.outcome is Outcome.CANNOT_DECIDE
    assert decision.missing == ("$.facts.supporters",)
    assert "assistance.marginal.higher_layer_unknown" in decision.codes
    # Either way above the margin: "not eligible", without the fact.
    rich = rural_family(2, "3000")
    undecided = _extreme(rich, Outcome.CANNOT_DECIDE, missing=("$.facts.supporters",))
    assert marginal.assess(rich, ON, extreme_poverty=[undecided]).outcome is Outcome.NOT_ELIGIBLE
    # Where 特困 members are counted, an undecided one leaves a passing household undecided.
    counting = marginal.assess(h, ON, extreme_poverty=[undecided], book=_counting_extreme_poverty())
    assert counting.outcome is Outcome.CANNOT_DECIDE
    assert "assistance.marginal.not_in_higher_layer" not in counting.codes


def test_extreme_poverty_is_checked_before_an_undecided_dibao_where_counted() -> None:
    h = rural_family(2, "1500")
    book = _counting_extreme_poverty()
    undecided = attrs.evolve(
        dibao.assess(h, ON, book=book), outcome=Outcome.CANNOT_DECIDE, missing=("$.members[1].x",)
    )
    decision = marginal.assess(
        h, ON, dibao_decision=undecided, extreme_poverty=[_extreme(h, Outcome.ELIGIBLE)], book=book
    )
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert "assistance.marginal.in_higher_layer" in decision.codes
    decision = marginal.assess(h, ON, dibao_decision=undecided, book=book)
    assert decision.outcome is Outcome.CANNOT_DECIDE
    assert decision.missing == ("$.members[1].x",)


def test_an_extreme_poverty_decision_of_another_household_is_refused() -> None:
    h = rural_family(2, "1500")
    other = attrs.evolve(_extreme(h, Outcome.ELIGIBLE), subject="G (someone)")
    with pytest.raises(InvalidInputError) as error:
        marginal.assess(h, ON, extreme_poverty=[other])
    assert error.value.path == "$.extreme_poverty[0].subject"


def test_without_extreme_poverty_decisions_the_decision_says_so() -> None:
    decision = marginal.assess(rural_family(2, "1500"), ON)
    assert "no decision supplied" in _fact(
        decision, "assistance.marginal.not_in_higher_layer", "extreme_en"
    )


def test_a_given_dibao_decision_is_used() -> None:
    h = rural_family(2, "1500")
    # A dibao decision made under a higher (overridden) standard says "eligible".
    # 特困 basic living stays at 1.3 × 低保 or more (the relations are checked): raise it first.
    book = (
        default_book()
        .override(
            "assistance.extreme_poverty.basic_living_standard.rural",
            "500000",
            Decimal(1040),
            dt.date(2025, 7, 1),
        )
        .override("assistance.dibao.standard.rural", "500000", Decimal(800), dt.date(2025, 7, 1))
    )
    given = dibao.assess(h, ON, book=book)
    assert given.eligible
    assert not marginal.assess(h, ON, dibao_decision=given).eligible
    assert marginal.assess(h, ON).eligible


# -- Property (example data: Henan's 边缘 rule) -------------------------------------------------


def _with_assets(*assets: Asset) -> Household:
    return attrs.evolve(rural_family(2, "1500"), assets=assets)


def test_financial_assets_at_the_limit_fail() -> None:
    limit = RURAL * 36 * 2
    at = marginal.assess(_with_assets(Asset(AssetType.DEPOSITS, str(limit))), ON)
    below = marginal.assess(
        _with_assets(Asset(AssetType.DEPOSITS, str(limit - Decimal("0.01")))),
        ON,
    )
    assert at.outcome is Outcome.NOT_ELIGIBLE
    assert "assistance.marginal.financial_assets" in at.codes
    assert below.eligible
    assert at.uses_example_data


def test_exempt_assets_are_not_counted() -> None:
    big = Asset(AssetType.DEPOSITS, "100000", exempt=True)
    car = Asset(AssetType.VEHICLE, "30000", exempt=True)
    assert marginal.assess(_with_assets(big, car), ON).eligible


@pytest.mark.parametrize("asset_type", [AssetType.VEHICLE, AssetType.NON_RESIDENTIAL_PROPERTY])
def test_disqualifying_assets(asset_type: AssetType) -> None:
    decision = marginal.assess(_with_assets(Asset(asset_type, "1")), ON)
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert "assistance.marginal.asset_disqualifies" in decision.codes


def test_business_entities_below_the_limit_are_allowed() -> None:
    below = marginal.assess(_with_assets(Asset(AssetType.BUSINESS_ENTITY, "199999.99")), ON)
    at = marginal.assess(_with_assets(Asset(AssetType.BUSINESS_ENTITY, "200000")), ON)
    assert below.eligible
    assert "assistance.marginal.business_entities" in below.codes
    assert at.outcome is Outcome.NOT_ELIGIBLE


def test_machinery_does_not_disqualify_a_marginal_household() -> None:
    # Dibao's example rule excludes it; the marginal example rule (Henan) does not name it.
    assert marginal.assess(_with_assets(Asset(AssetType.MACHINERY, "80000")), ON).eligible


# -- Registration, members, facts missing --------------------------------------------------------


def test_registration_elsewhere_is_not_eligible() -> None:
    decision = marginal.assess(rural_family(1, "700"), ON, jurisdiction="500101")
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert decision.codes == ("assistance.marginal.registration_elsewhere",)


def test_unknown_co_residence_cannot_be_decided() -> None:
    h = household(
        (person("a"), Relationship.APPLICANT),
        (person("g", born=dt.date(1940, 1, 1)), Relationship.PARENT),
        lives_together=None,
    )
    decision = marginal.assess(h, ON)
    assert decision.outcome is Outcome.CANNOT_DECIDE
    assert decision.missing == ("$.members[1].lives_together",)


def test_a_given_dibao_decision_that_cannot_decide_propagates() -> None:
    h = rural_family(1, "700")
    undecided = attrs.evolve(
        dibao.assess(h, ON), outcome=Outcome.CANNOT_DECIDE, missing=("$.members[0].x",)
    )
    decision = marginal.assess(h, ON, dibao_decision=undecided)
    assert decision.outcome is Outcome.CANNOT_DECIDE
    assert decision.missing == ("$.members[0].x",)


def test_a_date_before_any_standard_is_an_error() -> None:
    with pytest.raises(ParameterOutOfRangeError, match=r"assistance\.dibao\.standard"):
        marginal.assess(rural_family(1, "700"), dt.date(2022, 1, 1))


# -- Bad input -----------------------------------------------------------------------------------


def test_a_decision_of_another_programme_is_refused() -> None:
    h = rural_family(1, "700")
    wrong = marginal.assess(h, ON)
    with pytest.raises(InvalidInputError) as caught:
        marginal.assess(h, ON, dibao_decision=wrong)
    assert caught.value.path == "$.dibao_decision.programme"


def test_a_dibao_decision_of_another_date_is_refused() -> None:
    h = rural_family(1, "700")
    with pytest.raises(InvalidInputError) as caught:
        marginal.assess(h, ON, dibao_decision=dibao.assess(h, dt.date(2025, 7, 1)))
    assert caught.value.path == "$.dibao_decision.as_of"


def test_a_dibao_decision_of_another_place_is_refused() -> None:
    h = rural_family(1, "700")
    with pytest.raises(InvalidInputError) as caught:
        marginal.assess(h, ON, dibao_decision=dibao.assess(h, ON, jurisdiction="500101"))
    assert caught.value.path == "$.dibao_decision.jurisdiction"


def test_something_not_a_decision_is_refused() -> None:
    h = rural_family(1, "700")
    with pytest.raises(InvalidInputError) as caught:
        marginal.assess(h, ON, dibao_decision="eligible")  # type: ignore[arg-type]
    assert caught.value.path == "$.dibao_decision"


def test_an_extreme_poverty_decision_of_another_programme_is_refused() -> None:
    h = rural_family(1, "700")
    with pytest.raises(InvalidInputError) as caught:
        marginal.assess(h, ON, extreme_poverty=[dibao.assess(h, ON)])
    assert caught.value.path == "$.extreme_poverty[0].programme"


# -- Explanation ---------------------------------------------------------------------------------


def test_decision_text_cites_and_flags_example_data() -> None:
    text = marginal.assess(rural_family(2, "1500"), ON).render("zh")
    assert "低保边缘家庭" in text
    assert "民发〔2021〕57号" in text
    assert "示例数据" in text


def test_decision_round_trips_through_json() -> None:
    decision = marginal.assess(rural_family(2, "1500"), ON)
    assert loads(dumps(decision), Decision) == decision


def test_a_household_with_no_counted_member_is_not_marginal() -> None:
    # Nobody counted (the applicant is serving a sentence): there is nobody to cover.
    h = household((person("a", statuses=[SpecialStatus.SERVING_SENTENCE]), Relationship.APPLICANT))
    decision = marginal.assess(h, ON)
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert decision.codes[-1] == "assistance.marginal.no_family_member"


def test_a_given_dibao_decision_must_leave_out_the_same_extreme_poverty_members() -> None:
    """No double coverage, the same in both layers: 民发〔2021〕57号 第七条第二款(三) ("省级人民
    政府民政部门根据本条原则和有关程序认定的其他人员" are not counted) and 第八条第二款 ("最低生活
    保障边缘家庭一般指不符合最低生活保障条件……的家庭").  Wages 700, the 特困 spouse 100: without
    her the applicant's 700 is above 630 and below 945 (a marginal household); counted with
    her, 800 < 1260 is 低保.  A 低保 decision made without her 特困 decision judged the other
    household and is refused, naming ``$.dibao_decision``.
    """
    h = attrs.evolve(
        rural_family(2, "700"),
        incomes=[
            Income(IncomeType.WAGES, "700", member="a"),
            Income(IncomeType.TRANSFER, "100", member="s"),
        ],
    )
    supported = [_extreme(h, Outcome.ELIGIBLE)]
    assert marginal.assess(h, ON, extreme_poverty=supported).eligible
    same = dibao.assess(h, ON, extreme_poverty=supported)
    assert dibao.excluded_members(same) == {"s"}
    assert marginal.assess(h, ON, extreme_poverty=supported, dibao_decision=same).eligible
    without = dibao.assess(h, ON)
    assert dibao.excluded_members(without) == frozenset()
    with pytest.raises(InvalidInputError) as caught:
        marginal.assess(h, ON, extreme_poverty=supported, dibao_decision=without)
    assert caught.value.path == "$.dibao_decision"
    with pytest.raises(InvalidInputError):
        marginal.assess(h, ON, dibao_decision=same)


def test_the_marginal_income_is_the_dibao_income_after_the_art_13_deductions() -> None:
    """民发〔2021〕57号 第八条第二款: "最低生活保障边缘家庭一般指不符合最低生活保障条件，家庭人均
    收入低于当地最低生活保障标准1.5倍……" — the same 家庭人均收入 as 低保's, which 第十三条第三款
    lets a jurisdiction reduce: "对于共同生活的家庭成员因残疾、患重病等增加的刚性支出、必要的
    就业成本等，在核算家庭收入时可按规定适当扣减。"  Wages 2500 less the ill spouse's 800 a month
    of medical costs is 1700: not below 1260 (no 低保 as a whole), below 1890 — a marginal
    household in both homes of the rule: the 低保 single-person stage covers the spouse alone,
    and the 低保边缘 recognition agrees (it used to count the 2500 undeducted).
    """
    family = attrs.evolve(
        household(
            (person("a"), Relationship.APPLICANT),
            (person("s", ill=True), Relationship.SPOUSE),
            incomes=[Income(IncomeType.WAGES, "2500", member="a")],
        ),
        expenditures=(Expenditure(ExpenditureType.MEDICAL, Decimal(9600), member="s"),),
    )
    book = default_book().override(
        "assistance.dibao.income.deduct_illness_disability_costs", "500000", True, ON
    )
    assert not marginal.assess(family, ON).eligible  # 2500 ≥ 1890 without the deduction
    whole = dibao.assess(family, ON, book=book)
    assert dibao.R_SINGLE_PERSON.code in whole.codes
    edge = marginal.assess(family, ON, book=book)
    assert edge.eligible
    assert _fact(edge, "assistance.marginal.income_below_margin", "income") == "1700.00"
    assert "assistance.dibao.illness_disability_deduction" in edge.codes
