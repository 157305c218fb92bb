"""临时救助: worked cases at every boundary, each naming the rule it exercises.

武隆区 (500156) households use the national example figures (Anhui's: a cap of 10 months'
dibao standard per household, 急难型 at least 2 months); the rural standard is 630 from
2025-07-01 (渝民规〔2025〕6号).  Longhua (440309) figures are example data too: 2–12 months
per person, small amounts up to 2 months approved by the street office.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs
import pytest
from builders import ON, household, person, rural_family

from civaffairs.assistance import temporary
from civaffairs.assistance.temporary import (
    HardshipEvent,
    TemporaryAssistanceApplication,
    TemporaryAssistanceType,
)
from civaffairs.conversion import dumps, loads, structure, unstructure
from civaffairs.decisions import Decision, Outcome, Period, reason_codes
from civaffairs.entities import (
    Asset,
    AssetType,
    Household,
    Income,
    IncomeType,
    RegistrationKind,
    Relationship,
    SpecialStatus,
)
from civaffairs.errors import InvalidDocumentError, InvalidInputError, ParameterNotFoundError
from civaffairs.parameters import ParameterBook, default_book

URGENT = TemporaryAssistanceType.URGENT
EXPENDITURE = TemporaryAssistanceType.EXPENDITURE
RURAL = Decimal(630)
WHEN = dt.date(2025, 7, 20)


def event(
    kind: TemporaryAssistanceType = URGENT,
    cost: str = "0",
    persons: int = 1,
    *,
    hardship: bool | None = True,
    when: dt.date = WHEN,
) -> HardshipEvent:
    return HardshipEvent(kind, when, cost, persons, hardship)


def paid(decision: Decision) -> Decimal:
    assert decision.amount is not None, decision.render("en")
    assert decision.amount.period is Period.ONE_OFF
    return decision.amount.total


# -- Amount: the cost within the floor and the cap (example: Anhui) ------------------------------


def test_urgent_case_with_no_cost_gets_the_floor() -> None:
    decision = temporary.assess(rural_family(2, "1000"), event(URGENT, "0"), ON)
    assert paid(decision) == RURAL * 2  # 急难型 ≥ 2 months' standard
    assert decision.uses_example_data


def test_urgent_cost_between_floor_and_cap_is_paid_as_is() -> None:
    decision = temporary.assess(rural_family(2, "1000"), event(URGENT, "4321.09"), ON)
    assert paid(decision) == Decimal("4321.09")


def test_cost_exactly_at_the_cap_is_paid_in_full() -> None:
    decision = temporary.assess(rural_family(2, "1000"), event(URGENT, str(RURAL * 10)), ON)
    assert paid(decision) == RURAL * 10
    assert decision.amount is not None
    assert [line.code for line in decision.amount.lines] == ["out_of_pocket"]


def test_cost_above_the_cap_is_limited_to_it() -> None:
    decision = temporary.assess(rural_family(2, "1000"), event(URGENT, "6300.01"), ON)
    assert paid(decision) == RURAL * 10
    assert decision.amount is not None
    assert decision.amount.lines[-1].code == "cap"
    assert sum(line.amount for line in decision.amount.lines) == decision.amount.total


def test_cost_just_below_the_urgent_floor_is_raised_to_it() -> None:
    decision = temporary.assess(rural_family(2, "1000"), event(URGENT, "1259.99"), ON)
    assert paid(decision) == Decimal("1260.00")
    assert decision.amount is not None
    assert decision.amount.lines[-1].amount == Decimal("0.01")


def test_expenditure_type_has_no_floor_nationally() -> None:
    decision = temporary.assess(rural_family(2, "1000"), event(EXPENDITURE, "300"), ON)
    assert paid(decision) == Decimal(300)


def test_urban_registration_uses_the_urban_standard() -> None:
    h = rural_family(1, "0", kind=RegistrationKind.URBAN)
    assert paid(temporary.assess(h, event(URGENT, "0"), ON)) == Decimal(770) * 2


def test_the_standard_in_force_on_the_as_of_date_is_used() -> None:
    h = rural_family(1, "0")
    assert paid(
        temporary.assess(h, event(URGENT, when=dt.date(2025, 6, 1)), dt.date(2025, 6, 30))
    ) == (Decimal(610) * 2)
    assert paid(
        temporary.assess(h, event(URGENT, when=dt.date(2025, 6, 1)), dt.date(2025, 7, 1))
    ) == (RURAL * 2)


def test_fractional_months_round_once_to_the_fen() -> None:
    book = default_book().override(
        "assistance.temporary.cap_months", "500156", Decimal("3.333"), dt.date(2025, 1, 1)
    )
    decision = temporary.assess(rural_family(1, "0"), event(URGENT, "99999"), ON, book=book)
    assert paid(decision) == Decimal("2099.79")  # 630 × 3.333 = 2099.79 exactly
    book = book.override(
        "assistance.temporary.cap_months", "500156", Decimal("3.3333"), dt.date(2025, 1, 1)
    )
    decision = temporary.assess(rural_family(1, "0"), event(URGENT, "99999"), ON, book=book)
    assert paid(decision) == Decimal("2099.98")  # 2099.979 rounds half up to the fen


def test_a_floor_above_the_cap_gives_the_cap() -> None:
    book = default_book().override(
        "assistance.temporary.urgent.floor_months", "500156", Decimal(12), dt.date(2025, 1, 1)
    )
    decision = temporary.assess(rural_family(1, "0"), event(URGENT), ON, book=book)
    assert paid(decision) == RURAL * 10


# -- Longhua (example): per person, 2–12 months, small amounts at the street office -------------


def longhua_book() -> ParameterBook:
    return default_book().override(
        "assistance.dibao.standard.rural", "440300", Decimal(1000), dt.date(2024, 1, 1)
    )


def longhua(size: int) -> Household:
    members = [(person("a", where="440309"), Relationship.APPLICANT)]
    members.extend((person(f"m{i}", where="440309"), Relationship.CHILD) for i in range(size - 1))
    return household(*members)


def test_longhua_floor_and_cap_are_per_person() -> None:
    book = longhua_book()
    low = temporary.assess(longhua(3), event(EXPENDITURE, "100", persons=3), ON, book=book)
    high = temporary.assess(longhua(3), event(EXPENDITURE, "99999", persons=3), ON, book=book)
    assert paid(low) == Decimal(1000) * 2 * 3
    assert paid(high) == Decimal(1000) * 12 * 3


def test_longhua_small_amount_is_approved_by_the_street_office() -> None:
    book = longhua_book()
    at = temporary.assess(longhua(1), event(EXPENDITURE, "2000"), ON, book=book)
    above = temporary.assess(longhua(1), event(EXPENDITURE, "2000.01"), ON, book=book)
    assert "assistance.temporary.approval_small_amount" in at.codes
    assert "assistance.temporary.approval_county" in above.codes
    assert "above the small-amount limit of 2000.00 yuan" in above.render("en")


def test_without_a_small_amount_limit_the_county_approves() -> None:
    decision = temporary.assess(rural_family(1, "0"), event(URGENT, "1"), ON)
    assert "assistance.temporary.approval_county" in decision.codes


def test_a_place_without_a_dibao_standard_is_an_error() -> None:
    with pytest.raises(ParameterNotFoundError, match=r"assistance\.dibao\.standard\.rural"):
        temporary.assess(longhua(1), event(EXPENDITURE, "100"), ON)


# -- 支出型: the income and property conditions (民发〔2018〕23号 二(一)) ------------------------
#
# 2025: the national example rural figure for 2024, 23 119 yuan a person a year; two members:
# 46 238 yuan a year, 3 853.1666… a month.


def test_expenditure_income_just_below_last_years_disposable_income_is_helped() -> None:
    """民发〔2018〕23号 二(一): 支出型救助对象 "原则上其家庭人均可支配收入应低于当地上年度
    人均可支配收入".

    3 853.16 × 12 = 46 237.92 < 23 119 × 2 = 46 238.
    """
    decision = temporary.assess(rural_family(2, "3853.16"), event(EXPENDITURE, "5000"), ON)
    assert paid(decision) == Decimal(5000)
    reason = next(
        r for r in decision.reasons if r.code == "assistance.temporary.income_below_disposable"
    )
    assert reason.met is True
    assert dict(reason.facts)["threshold"] == "46238.00"
    assert reason.citation.document.number == "民发〔2018〕23号"
    assert reason.citation.article == "二(一)"
    assert "assistance.means.disposable_income.rural" in [p.name for p in reason.parameters]


def test_expenditure_income_at_last_years_disposable_income_gets_nothing() -> None:
    """23号 二(一): "应低于" — income equal to or above the line is not below it.

    3 853.17 × 12 = 46 238.04 ≥ 46 238.
    """
    decision = temporary.assess(rural_family(2, "3853.17"), event(EXPENDITURE, "5000"), ON)
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert decision.amount is None
    assert "assistance.temporary.income_not_below_disposable" in decision.codes


def test_disposable_income_includes_assistance_and_pensions() -> None:
    """23号 二(一) compares "家庭人均可支配收入"; 民发〔2012〕220号 art. 16: "家庭可支配收入是指扣除
    缴纳的个人所得税及个人按规定缴纳的社会保障性支出后的收入", (四) 转移性收入 "包括……离退休金、
    失业保险金，社会救济金" — so the items the 低保 list leaves out (民发〔2021〕57号 art. 13) count
    here, and there is no employment-cost deduction.

    2000 wages + 1000 social assistance + 900 central basic pension = 3900 a month;
    3900 × 12 = 46 800 ≥ 23 119 × 2 = 46 238 (on the 低保 count it would be 2000: below).
    """
    base = rural_family(2, "2000")
    incomes = [
        *base.incomes,
        Income(IncomeType.SOCIAL_ASSISTANCE, "1000", member="s"),
        Income(IncomeType.CENTRAL_BASIC_PENSION, "900", member="a"),
    ]
    h = attrs.evolve(base, incomes=incomes)
    assert temporary.disposable_income(h, {"a", "s"}) == Decimal(3900)
    decision = temporary.assess(h, event(EXPENDITURE, "5000"), ON)
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    reason = next(
        r for r in decision.reasons if r.code == "assistance.temporary.income_not_below_disposable"
    )
    assert dict(reason.facts)["annual"] == "46800.00"
    # The household's own income (no member) counts; a non-counted member's would not.
    assert temporary.disposable_income(h, {"a"}) == Decimal(2900)


def test_a_household_far_above_the_line_gets_nothing_even_for_a_large_cost() -> None:
    """23号 二(一): the 支出型 household's income must be below the disposable income."""
    decision = temporary.assess(rural_family(3, "20000"), event(EXPENDITURE, "99999"), ON)
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert decision.amount is None


def test_an_urban_applicant_is_tested_against_the_urban_figure() -> None:
    """23号 二(一): "当地上年度人均可支配收入" — the applicant's kind's figure (urban 54 188)."""
    h = rural_family(1, "4500", kind=RegistrationKind.URBAN)  # 54 000 < 54 188
    decision = temporary.assess(h, event(EXPENDITURE, "800"), ON)
    assert decision.eligible
    assert "assistance.temporary.income_below_disposable" in decision.codes


def test_expenditure_property_over_the_local_limit_gets_nothing() -> None:
    """23号 二(一): "且家庭财产状况符合当地有关规定" (example: 36 months' standard per person).

    Two rural members in 武隆区: 630 × 36 × 2 = 45 360 yuan; the limit is strictly below.
    """
    h = rural_family(2, "1000")
    at = attrs.evolve(h, assets=[Asset(AssetType.DEPOSITS, "45360")])
    below = attrs.evolve(h, assets=[Asset(AssetType.DEPOSITS, "45359.99")])
    refused = temporary.assess(at, event(EXPENDITURE, "2000"), ON)
    assert refused.outcome is Outcome.NOT_ELIGIBLE
    assert "assistance.temporary.financial_assets" in refused.codes
    assert paid(temporary.assess(below, event(EXPENDITURE, "2000"), ON)) == Decimal(2000)
    car = attrs.evolve(h, assets=[Asset(AssetType.VEHICLE, "30000")])
    assert (
        "assistance.temporary.asset_disqualifies"
        in temporary.assess(car, event(EXPENDITURE, "1"), ON).codes
    )


def test_expenditure_property_counts_only_counted_members_assets() -> None:
    """23号 二(一) tests "家庭财产状况"; 民发〔2021〕57号 第十四条: "家庭财产指共同生活的家庭成员
    拥有的全部动产和不动产" — a spouse serving a sentence is not counted (第七条), nor is her car.
    """
    h = household(
        (person("a"), Relationship.APPLICANT),
        (person("s", statuses=[SpecialStatus.SERVING_SENTENCE]), Relationship.SPOUSE),
        incomes=[Income(IncomeType.WAGES, "1000", member="a")],
        assets=[Asset(AssetType.VEHICLE, "30000", owner="s")],
    )
    decision = temporary.assess(h, event(EXPENDITURE, "2000"), ON)
    assert "assistance.temporary.asset_disqualifies" not in decision.codes
    assert paid(decision) == Decimal(2000)
    own = attrs.evolve(h, assets=[Asset(AssetType.VEHICLE, "30000", owner="a")])
    assert (
        "assistance.temporary.asset_disqualifies"
        in temporary.assess(own, event(EXPENDITURE, "2000"), ON).codes
    )


def test_urgent_cases_have_no_means_test() -> None:
    """23号 二(二): 急难型 may be helped at once, "简化申请人家庭经济状况核对"."""
    decision = temporary.assess(rural_family(3, "20000"), event(URGENT, "2000"), ON)
    assert paid(decision) == Decimal(2000)
    assert not any(code.startswith("temporary.income") for code in decision.codes)


def test_an_unknown_co_residence_leaves_an_expenditure_case_undecided() -> None:
    """The per-capita income needs the family (民发〔2021〕57号 第七条)."""
    h = household(
        (person("a"), Relationship.APPLICANT),
        (person("p", born=dt.date(1950, 1, 1)), Relationship.PARENT),
        lives_together=None,
    )
    decision = temporary.assess(h, event(EXPENDITURE, "100"), ON)
    assert decision.outcome is Outcome.CANNOT_DECIDE
    assert decision.missing
    assert all(path.endswith("lives_together") for path in decision.missing)


def test_before_23_there_is_no_national_means_test() -> None:
    """23号 took effect 2018-01-23; before it no income or property test is applied."""
    book = default_book().override(
        "assistance.dibao.standard.rural", "500156", Decimal(400), dt.date(2017, 1, 1)
    )
    on = dt.date(2018, 1, 22)
    rich = rural_family(2, "20000")
    before = temporary.assess(rich, event(EXPENDITURE, "500", when=on), on, book=book)
    assert "assistance.temporary.no_means_test" in before.codes
    assert paid(before) == Decimal(500)
    after = temporary.assess(
        rich, event(EXPENDITURE, "500", when=dt.date(2018, 1, 23)), dt.date(2018, 1, 23), book=book
    )
    assert after.outcome is Outcome.NOT_ELIGIBLE


def test_standards_cite_article_49_not_50() -> None:
    """社会救助暂行办法 第四十九条: "临时救助的具体事项、标准,由县级以上地方人民政府确定、公布。"

    (第五十条 is the help for vagrants and beggars.)
    """
    decision = temporary.assess(rural_family(2, "1000"), event(URGENT, "1000"), ON)
    amount = next(r for r in decision.reasons if r.code == "assistance.temporary.amount")
    assert amount.citation.article == "第四十九条"
    cited = {
        r.citation.article
        for r in reason_codes().values()
        if r.code.startswith("assistance.temporary.")
    }
    assert "第五十条" not in cited


# -- Eligibility -----------------------------------------------------------------------------------


def test_no_serious_hardship_is_not_eligible() -> None:
    decision = temporary.assess(rural_family(1, "0"), event(hardship=False), ON)
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert decision.amount is None
    assert "assistance.temporary.no_serious_hardship" in decision.codes


def test_hardship_not_established_cannot_be_decided() -> None:
    decision = temporary.assess(rural_family(1, "0"), event(hardship=None), ON)
    assert decision.outcome is Outcome.CANNOT_DECIDE
    assert decision.missing == ("$.event.serious_hardship",)


def test_expenditure_type_without_a_cost_is_not_eligible() -> None:
    decision = temporary.assess(rural_family(1, "0"), event(EXPENDITURE, "0"), ON)
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert "assistance.temporary.no_out_of_pocket_cost" in decision.codes


def test_nothing_to_pay_is_not_eligible() -> None:
    book = default_book().override(
        "assistance.temporary.urgent.floor_months", "500156", Decimal(0), dt.date(2025, 1, 1)
    )
    decision = temporary.assess(rural_family(1, "0"), event(URGENT, "0"), ON, book=book)
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert "assistance.temporary.nothing_to_pay" in decision.codes


def test_registration_elsewhere_is_allowed() -> None:
    # Temporary assistance may be sought where the emergency happens.
    decision = temporary.assess(rural_family(1, "0"), event(URGENT), ON, jurisdiction="500101")
    assert decision.eligible
    assert decision.jurisdiction == "500101"


def test_event_on_the_as_of_date_is_accepted() -> None:
    assert temporary.assess(rural_family(1, "0"), event(when=ON), ON).eligible


# -- Bad input -----------------------------------------------------------------------------------


def test_an_event_after_the_as_of_date_is_refused() -> None:
    with pytest.raises(InvalidInputError) as caught:
        temporary.assess(rural_family(1, "0"), event(when=ON + dt.timedelta(days=1)), ON)
    assert caught.value.path == "$.event.occurred_on"


def test_more_persons_than_members_is_refused() -> None:
    with pytest.raises(InvalidInputError) as caught:
        temporary.assess(rural_family(2, "0"), event(persons=3), ON)
    assert caught.value.path == "$.event.persons_affected"
    with pytest.raises(InvalidInputError) as caught:
        TemporaryAssistanceApplication(rural_family(2, "0"), event(persons=3))
    assert caught.value.path == "$.event.persons_affected"


def test_something_not_an_event_is_refused() -> None:
    with pytest.raises(InvalidInputError) as caught:
        temporary.assess(rural_family(1, "0"), "fire", ON)  # type: ignore[arg-type]
    assert caught.value.path == "$.event"
    with pytest.raises(InvalidInputError) as caught:
        TemporaryAssistanceApplication(rural_family(1, "0"), "fire")  # type: ignore[arg-type]
    assert caught.value.path == "$.event"
    with pytest.raises(InvalidInputError) as caught:
        TemporaryAssistanceApplication("H", event())  # type: ignore[arg-type]
    assert caught.value.path == "$.household"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("kind", "urgent"),
        ("occurred_on", "2025-07-20"),
        ("occurred_on", dt.datetime(2025, 7, 20, 8, 0)),  # noqa: DTZ001 - a naive value on purpose
        ("out_of_pocket", 12.5),
        ("out_of_pocket", "-1"),
        ("out_of_pocket", "0.001"),
        ("persons_affected", 0),
        ("persons_affected", True),
        ("persons_affected", "2"),
        ("serious_hardship", "yes"),
    ],
)
def test_bad_event_fields_are_refused(field: str, value: object) -> None:
    fields: dict[str, Any] = {
        "kind": URGENT,
        "occurred_on": WHEN,
        "out_of_pocket": "0",
        "persons_affected": 1,
        "serious_hardship": True,
    }
    fields[field] = value
    with pytest.raises(InvalidInputError) as caught:
        HardshipEvent(**fields)
    assert caught.value.path == f"$.{field}"


def test_bad_json_reports_every_field() -> None:
    data = {
        "household": unstructure(rural_family(1, "0")),
        "event": {
            "kind": "flood",
            "occurred_on": "2025-02-30",
            "out_of_pocket": 1.5,
            "persons_affected": 1,
            "serious_hardship": True,
        },
    }
    with pytest.raises(InvalidDocumentError) as caught:
        structure(data, TemporaryAssistanceApplication)
    assert [e.path for e in caught.value.errors] == [
        "$.event.kind",
        "$.event.occurred_on",
        "$.event.out_of_pocket",
    ]


# -- Application as one value, explanation, JSON ---------------------------------------------------


def test_an_application_round_trips_and_is_decided_like_its_parts() -> None:
    application = TemporaryAssistanceApplication(rural_family(2, "900"), event(URGENT, "777"))
    back = loads(dumps(application), TemporaryAssistanceApplication)
    assert back == application
    assert temporary.assess_application(back, ON) == temporary.assess(
        application.household, application.event, ON
    )


def test_decision_text_is_one_off_and_cites() -> None:
    text = temporary.assess(rural_family(2, "0"), event(URGENT, "800"), ON).render("zh")
    assert "一次性" in text
    assert "社会救助暂行办法" in text
    assert "示例数据" in text


def test_decision_round_trips_through_json() -> None:
    decision = temporary.assess(rural_family(2, "0"), event(URGENT, "800"), ON)
    assert loads(dumps(decision), Decision) == decision
