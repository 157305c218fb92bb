"""刚性支出困难家庭: worked cases at every boundary, each naming the rule it exercises.

Households of 武隆区 (500156) on 2025-08-01 unless told otherwise: rural dibao standard
630 (渝民规〔2025〕6号), so a two-member household is marginal below 1890 a month; the
national example figures give a rural disposable income of 23 119 yuan a year per person
and a ratio of 70 % (《刚性支出困难家庭认定办法》 2024: the ratio is local).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest
from builders import ON, household, person, rural_family

from civaffairs.assistance import dibao, extreme_poverty, marginal, rigid_expenditure
from civaffairs.conversion import dumps, loads
from civaffairs.dates import add_months
from civaffairs.decisions import Decision, Outcome, Reason
from civaffairs.entities import (
    Asset,
    AssetType,
    Expenditure,
    ExpenditureType,
    Household,
    Income,
    IncomeType,
    Relationship,
    SpecialStatus,
)
from civaffairs.errors import InvalidInputError, ParameterOutOfRangeError
from civaffairs.parameters import ParameterBook, default_book

MEDICAL = ExpenditureType.MEDICAL


def family(income: str, *spending: tuple[ExpenditureType, str], size: int = 2) -> Household:
    """A family of ``size`` with ``income`` a month and the given twelve-month expenditures."""
    return attrs.evolve(
        rural_family(size, income),
        expenditures=[Expenditure(kind, amount) for kind, amount in spending],
    )


def _fact(decision: Decision, code: str, name: str) -> str:
    reason = next(r for r in decision.reasons if r.code == code)
    return dict(reason.facts)[name]


# -- Condition 4: rigid expenditure exceeds the share of family income --------------------------


def test_expenditure_at_exactly_the_ratio_does_not_exceed_it() -> None:
    # 2000 × 12 = 24000; 70 % of it is 16800.
    decision = rigid_expenditure.assess(family("2000", (MEDICAL, "16800")), ON)
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert _fact(decision, "assistance.rigid_expenditure.expenditure_ratio", "share") == "70.00%"


def test_one_fen_above_the_ratio_is_recognised() -> None:
    decision = rigid_expenditure.assess(family("2000", (MEDICAL, "16800.01")), ON)
    assert decision.outcome is Outcome.ELIGIBLE
    assert decision.amount is None  # recognition: referral, no cash
    assert decision.uses_example_data


def test_types_are_added_up() -> None:
    spending = (
        (ExpenditureType.MEDICAL, "8000"),
        (ExpenditureType.EDUCATION, "5000"),
        (ExpenditureType.REHABILITATION, "3000"),
        (ExpenditureType.ACCIDENT, "800.01"),
    )
    assert rigid_expenditure.assess(family("2000", *spending), ON).eligible


def test_housing_does_not_count_nationally() -> None:
    decision = rigid_expenditure.assess(family("2000", (ExpenditureType.HOUSING, "30000")), ON)
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert _fact(decision, "assistance.rigid_expenditure.expenditure_ratio", "items") == "无"


def test_no_expenditure_never_qualifies() -> None:
    decision = rigid_expenditure.assess(family("2000"), ON)
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert rigid_expenditure.validity_end(decision) is None


def test_expenditure_of_members_not_counted_is_ignored() -> None:
    prisoner = person("x", statuses=[SpecialStatus.SERVING_SENTENCE])
    h = household(
        (person("a"), Relationship.APPLICANT),
        (person("s"), Relationship.SPOUSE),
        (prisoner, Relationship.CHILD),
        incomes=[Income(IncomeType.WAGES, "2000", member="a")],
    )
    theirs = attrs.evolve(h, expenditures=[Expenditure(MEDICAL, "20000", member="x")])
    ours = attrs.evolve(h, expenditures=[Expenditure(MEDICAL, "20000", member=None)])
    assert not rigid_expenditure.assess(theirs, ON).eligible
    assert rigid_expenditure.assess(ours, ON).eligible


# -- Condition 2: income below the previous year's per-capita disposable income ----------------


def _disposable(value: int) -> ParameterBook:
    return default_book().override(
        "assistance.means.disposable_income.rural",
        "500000",
        Decimal(value),
        dt.date(2025, 1, 1),
    )


def test_income_exactly_at_the_disposable_income_is_not_below_it() -> None:
    book = _disposable(12000)  # 12000 × 2 = 24000 = 2000 × 12
    decision = rigid_expenditure.assess(family("2000", (MEDICAL, "20000")), ON, book=book)
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert "assistance.rigid_expenditure.income_not_below_disposable" in decision.codes


def test_income_one_fen_below_the_disposable_income_qualifies() -> None:
    book = _disposable(12000)
    decision = rigid_expenditure.assess(family("1999.99", (MEDICAL, "20000")), ON, book=book)
    assert decision.eligible


def test_the_disposable_income_figure_changes_with_the_year() -> None:
    # 2024 rural figure (in force 2025): 23 119; 2023 figure (in force to 2024-12-31): 21 691.
    # 1850 × 12 = 22 200 for one person: below 23 119, not below 21 691.
    h = family("1850", (MEDICAL, "20000"), size=1)
    assert rigid_expenditure.assess(h, dt.date(2025, 1, 1)).eligible
    assert not rigid_expenditure.assess(h, dt.date(2024, 12, 31)).eligible


# -- Condition 1: not in a higher layer ----------------------------------------------------------


def test_a_marginal_household_is_not_a_rigid_expenditure_household() -> None:
    decision = rigid_expenditure.assess(family("1500", (MEDICAL, "20000")), ON)
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert (
        _fact(decision, "assistance.rigid_expenditure.in_higher_layer", "layer") == "低保边缘家庭"
    )


def test_a_dibao_household_is_not_a_rigid_expenditure_household() -> None:
    decision = rigid_expenditure.assess(family("1000", (MEDICAL, "20000")), ON)
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert (
        _fact(decision, "assistance.rigid_expenditure.in_higher_layer", "layer")
        == "最低生活保障家庭"
    )


def _extreme(
    h: Household, outcome: Outcome, *, member: str = "s", missing: tuple[str, ...] = ()
) -> Decision:
    """A 特困 decision for ``member``; "cannot decide" without ``missing``: only the amount."""
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


#: A province that counts 特困 members in the household (the exclusion switched off).
COUNTS_EXTREME = default_book().override(
    "assistance.dibao.members.exclude_extreme_poverty", "500000", False, dt.date(2021, 1, 1)
)


def test_a_household_with_an_extreme_poverty_member_is_judged_on_the_rest() -> None:
    """刚性支出困难家庭认定办法 第四条(一): "未纳入最低生活保障、特困人员救助供养范围且未被认定为
    最低生活保障边缘家庭".  Reading: as for 低保 and 低保边缘 (民发〔2021〕57号 第七条第二款(三),
    ``assistance.dibao.members.exclude_extreme_poverty``), a 特困 member is supported on their own
    and left out of the household; the rest is not in the 特困 scope and is judged on its own
    (members, income, property, expenditure).  Where a province counts the 特困 member, the
    household is in the 特困 layer.  Family of three, 2000 a month, 20000 of medical costs: the
    applicant and the child pass (二)-(四) without the 特困 spouse.
    """
    h = family("2000", (MEDICAL, "20000"), size=3)
    supported = [_extreme(h, Outcome.ELIGIBLE)]
    decision = rigid_expenditure.assess(h, ON, extreme_poverty=supported)
    assert decision.outcome is Outcome.ELIGIBLE
    assert "assistance.rigid_expenditure.extreme_poverty_excluded" in decision.codes
    assert _fact(decision, "assistance.rigid_expenditure.family_members", "count") == "2"
    counted = rigid_expenditure.assess(h, ON, extreme_poverty=supported, book=COUNTS_EXTREME)
    assert counted.outcome is Outcome.NOT_ELIGIBLE
    assert "assistance.rigid_expenditure.in_higher_layer" in counted.codes


def test_meeting_the_extreme_poverty_conditions_is_enough() -> None:
    # Regression: 特困 undecided only for the amount still leaves the member out (or, where a
    # province counts them, places the household higher).
    h = family("2000", (MEDICAL, "20000"), size=3)
    amount_only = [_extreme(h, Outcome.CANNOT_DECIDE)]
    decision = rigid_expenditure.assess(h, ON, extreme_poverty=amount_only)
    assert "assistance.rigid_expenditure.extreme_poverty_excluded" in decision.codes
    decision = rigid_expenditure.assess(h, ON, extreme_poverty=amount_only, book=COUNTS_EXTREME)
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert "assistance.rigid_expenditure.in_higher_layer" in decision.codes


def test_an_undecided_extreme_poverty_member_matters_only_if_leaving_them_out_changes_it() -> None:
    """第四条(一) with the exclusion: the undecided member, if 特困, would be left out; the
    decision waits only where that changes (二)-(四).  A couple at 2000 a month with 20000 of
    medical costs passes with the spouse and fails (二) without her: cannot decide.  With no
    rigid expenditure (四) fails both ways: not eligible, nothing asked."""
    h = family("2000", (MEDICAL, "20000"))
    undecided = [_extreme(h, Outcome.CANNOT_DECIDE, missing=("$.facts.supporters",))]
    decision = rigid_expenditure.assess(h, ON, extreme_poverty=undecided)
    assert decision.outcome is Outcome.CANNOT_DECIDE
    assert decision.missing == ("$.facts.supporters",)
    none_spent = family("2000")
    undecided = [_extreme(none_spent, Outcome.CANNOT_DECIDE, missing=("$.facts.supporters",))]
    decision = rigid_expenditure.assess(none_spent, ON, extreme_poverty=undecided)
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert decision.missing == ()


def test_undecided_extreme_poverty_conditions_cannot_decide() -> None:
    h = family("2000", (MEDICAL, "20000"))
    undecided = _extreme(h, Outcome.CANNOT_DECIDE, missing=("$.facts.supporters",))
    decision = rigid_expenditure.assess(h, ON, extreme_poverty=[undecided], book=COUNTS_EXTREME)
    assert decision.outcome is Outcome.CANNOT_DECIDE
    assert decision.missing == ("$.facts.supporters",)
    assert "assistance.rigid_expenditure.higher_layer_unknown" in decision.codes
    # A failed condition still decides: no rigid expenditure is "not eligible".
    none_spent = family("2000")
    undecided = _extreme(none_spent, Outcome.CANNOT_DECIDE, missing=("$.facts.supporters",))
    decision = rigid_expenditure.assess(
        none_spent, ON, extreme_poverty=[undecided], book=COUNTS_EXTREME
    )
    assert decision.outcome is Outcome.NOT_ELIGIBLE


def test_extreme_poverty_is_checked_before_an_undecided_marginal_decision() -> None:
    h = family("2000", (MEDICAL, "20000"))
    undecided = attrs.evolve(
        marginal.assess(h, ON), outcome=Outcome.CANNOT_DECIDE, missing=("$.members[1].x",)
    )
    decision = rigid_expenditure.assess(
        h,
        ON,
        marginal_decision=undecided,
        extreme_poverty=[_extreme(h, Outcome.ELIGIBLE)],
        book=COUNTS_EXTREME,
    )
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert "assistance.rigid_expenditure.in_higher_layer" in decision.codes
    decision = rigid_expenditure.assess(h, ON, marginal_decision=undecided)
    assert decision.outcome is Outcome.CANNOT_DECIDE
    assert decision.missing == ("$.members[1].x",)


def test_an_extreme_poverty_decision_of_another_household_is_refused() -> None:
    h = family("2000", (MEDICAL, "20000"))
    other = attrs.evolve(_extreme(h, Outcome.ELIGIBLE), subject="G (someone)")
    with pytest.raises(InvalidInputError) as error:
        rigid_expenditure.assess(h, ON, extreme_poverty=[other])
    assert error.value.path == "$.extreme_poverty[0].subject"


def test_given_decisions_are_used() -> None:
    h = family("2000", (MEDICAL, "20000"))
    say_marginal = attrs.evolve(marginal.assess(h, ON), outcome=Outcome.ELIGIBLE)
    assert not rigid_expenditure.assess(h, ON, marginal_decision=say_marginal).eligible
    say_dibao = attrs.evolve(dibao.assess(h, ON), outcome=Outcome.ELIGIBLE)
    assert not rigid_expenditure.assess(h, ON, dibao_decision=say_dibao).eligible
    assert rigid_expenditure.assess(h, ON).eligible


# -- Condition 3: property ------------------------------------------------------------------------


def test_financial_assets_at_the_limit_fail() -> None:
    limit = Decimal(630 * 36 * 2)
    h = family("2000", (MEDICAL, "20000"))
    at = attrs.evolve(h, assets=[Asset(AssetType.DEPOSITS, str(limit))])
    below = attrs.evolve(h, assets=[Asset(AssetType.DEPOSITS, str(limit - Decimal("0.01")))])
    assert "assistance.rigid_expenditure.financial_assets" in rigid_expenditure.assess(at, ON).codes
    assert not rigid_expenditure.assess(at, ON).eligible
    assert rigid_expenditure.assess(below, ON).eligible


def test_a_vehicle_disqualifies_unless_exempt() -> None:
    h = family("2000", (MEDICAL, "20000"))
    car = attrs.evolve(h, assets=[Asset(AssetType.VEHICLE, "50000")])
    mobility = attrs.evolve(h, assets=[Asset(AssetType.VEHICLE, "50000", exempt=True)])
    assert (
        "assistance.rigid_expenditure.asset_disqualifies" in rigid_expenditure.assess(car, ON).codes
    )
    assert rigid_expenditure.assess(mobility, ON).eligible


def test_business_entities_at_the_limit_fail() -> None:
    h = family("2000", (MEDICAL, "20000"))
    at = attrs.evolve(h, assets=[Asset(AssetType.BUSINESS_ENTITY, "200000")])
    assert (
        "assistance.rigid_expenditure.business_entities" in rigid_expenditure.assess(at, ON).codes
    )
    assert not rigid_expenditure.assess(at, ON).eligible


# -- Local rules: Inner Mongolia and Liaoning (example data) --------------------------------------


def _local(
    province: str, county: str, income: str, *spending: tuple[ExpenditureType, str]
) -> tuple[Household, ParameterBook]:
    book = default_book()
    for kind, standard in (("rural", 800), ("urban", 900)):
        book = book.override(
            f"assistance.dibao.standard.{kind}", province, Decimal(standard), dt.date(2024, 1, 1)
        )
    h = household(
        (person("a", where=county), Relationship.APPLICANT),
        (person("s", where=county), Relationship.SPOUSE),
        incomes=[Income(IncomeType.WAGES, income, member="a")],
    )
    return attrs.evolve(h, expenditures=[Expenditure(k, v) for k, v in spending]), book


def test_inner_mongolia_medical_and_accident_above_sixty_percent_suffice() -> None:
    # 2500 × 12 = 30000; medical + accident 18000.01 > 60 % (but < 70 %).
    h, book = _local(
        "150000", "150102", "2500", (MEDICAL, "15000"), (ExpenditureType.ACCIDENT, "3000.01")
    )
    decision = rigid_expenditure.assess(h, ON, book=book)
    assert decision.eligible
    assert "assistance.rigid_expenditure.medical_accident_ratio" in decision.codes


def test_inner_mongolia_education_alone_needs_seventy_percent() -> None:
    h, book = _local("150000", "150102", "2500", (ExpenditureType.EDUCATION, "18000.01"))
    decision = rigid_expenditure.assess(h, ON, book=book)
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert "assistance.rigid_expenditure.medical_accident_ratio" in decision.codes


def test_liaoning_reaching_eighty_percent_is_enough() -> None:
    # 2500 × 12 = 30000; 80 % = 24000, "达到" (inclusive); housing counts there.
    h, book = _local("210000", "210102", "2500", (ExpenditureType.HOUSING, "24000"))
    assert rigid_expenditure.assess(h, ON, book=book).eligible
    short, _ = _local("210000", "210102", "2500", (ExpenditureType.HOUSING, "23999.99"))
    assert not rigid_expenditure.assess(short, ON, book=book).eligible


def test_liaoning_does_not_count_rehabilitation() -> None:
    h, book = _local("210000", "210102", "2500", (ExpenditureType.REHABILITATION, "29000"))
    assert not rigid_expenditure.assess(h, ON, book=book).eligible


def test_reaching_the_ratio_with_nothing_spent_and_no_income_does_not_qualify() -> None:
    # Inclusive comparison, no income and no spending: 0 ≥ 80 % × 0 must not recognise anyone.
    # The household escapes dibao (machinery, dibao's example rule) and marginal (a limit of
    # 0 months of financial assets, which nothing is strictly below).
    h, book = _local("210000", "210102", "0")
    h = attrs.evolve(h, assets=[Asset(AssetType.MACHINERY, "90000")])
    book = book.override(
        "assistance.marginal.assets.financial_months_per_capita", "210000", 0, dt.date(2024, 1, 1)
    )
    decision = rigid_expenditure.assess(h, ON, book=book)
    assert "assistance.rigid_expenditure.not_in_higher_layer" in decision.codes
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert _fact(decision, "assistance.rigid_expenditure.expenditure_ratio", "share") == "—"


# -- Validity: at most 12 months, counted by 民法典 arts. 201-202 -------------------------------


def test_validity_ends_twelve_months_later_on_the_corresponding_day() -> None:
    decision = rigid_expenditure.assess(family("2000", (MEDICAL, "20000")), ON)
    assert rigid_expenditure.validity_end(decision) == dt.date(2026, 8, 1)
    assert "assistance.rigid_expenditure.period_counting" in decision.codes


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (dt.date(2025, 1, 31), 1, dt.date(2025, 2, 28)),  # no 31 February: month end
        (dt.date(2024, 1, 31), 1, dt.date(2024, 2, 29)),
        (dt.date(2024, 2, 29), 12, dt.date(2025, 2, 28)),
        (dt.date(2025, 12, 15), 12, dt.date(2026, 12, 15)),
        (dt.date(2025, 11, 30), 3, dt.date(2026, 2, 28)),
        (dt.date(2025, 5, 1), 0, dt.date(2025, 5, 1)),
    ],
)
def test_add_months(start: dt.date, months: int, end: dt.date) -> None:
    assert add_months(start, months) == end


def test_a_shorter_local_validity_is_reported() -> None:
    book = default_book().override(
        "assistance.rigid_expenditure.validity_months", "500000", 6, dt.date(2025, 1, 1)
    )
    decision = rigid_expenditure.assess(family("2000", (MEDICAL, "20000")), ON, book=book)
    assert rigid_expenditure.validity_end(decision) == dt.date(2026, 2, 1)


# -- Dates, registration, missing facts ----------------------------------------------------------


@pytest.mark.parametrize("on", [dt.date(2024, 10, 24), dt.date(2024, 12, 31)])
def test_before_the_measures_are_in_force_nothing_is_recognised(on: dt.date) -> None:
    """《刚性支出困难家庭认定办法》 第十四条: "本办法自2025年1月1日起施行。"

    Issued 2024-10-24, but in force only from 2025-01-01: before it no household is
    recognised, whatever its expenditure, and no other figure is read.
    """
    decision = rigid_expenditure.assess(family("2000", (MEDICAL, "20000")), on)
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert decision.codes == ("assistance.rigid_expenditure.not_in_force",)
    [reason] = decision.reasons
    assert reason.citation.article == "第十四条"
    assert [p.name for p in reason.parameters] == ["assistance.rigid_expenditure.in_force"]
    assert not decision.uses_example_data


def test_on_the_first_day_in_force_a_household_is_recognised() -> None:
    """第十四条: "本办法自2025年1月1日起施行" — the first day counts."""
    decision = rigid_expenditure.assess(family("2000", (MEDICAL, "20000")), dt.date(2025, 1, 1))
    assert decision.outcome is Outcome.ELIGIBLE
    assert "assistance.rigid_expenditure.not_in_force" not in decision.codes


def test_every_sourced_parameter_starts_with_the_measures() -> None:
    """第十四条: every national figure of the 办法 starts on 2025-01-01, none before."""
    book = default_book()
    names = {name for name, where in book.keys() if where == "000000"}  # noqa: SIM118 - not a dict
    checked = 0
    for name in sorted(names):
        if not name.startswith("assistance.rigid_expenditure.") or name.endswith(".in_force"):
            continue
        for value in book.series(name, "000000"):
            assert value.effective_from >= dt.date(2025, 1, 1), name
            checked += 1
    assert checked >= 15


def test_living_expenditure_counts_nationally() -> None:
    """第五条(一): "生活支出。指共同生活家庭成员为维持基本生活而发生的支出,包括必要的衣、食、
    住、行、用等费用支出。"

    2000 × 12 = 24000 a year; 16 800.01 of living costs exceeds 70 % of it.
    """
    decision = rigid_expenditure.assess(family("2000", (ExpenditureType.LIVING, "16800.01")), ON)
    assert decision.outcome is Outcome.ELIGIBLE
    assert "生活 16800.01 元" in _fact(
        decision, "assistance.rigid_expenditure.expenditure_ratio", "items"
    )
    reason = next(
        r for r in decision.reasons if r.code == "assistance.rigid_expenditure.expenditure_ratio"
    )
    assert reason.citation.article == "第四条(四)、第五条"


def test_after_the_last_shipped_disposable_income_there_is_no_figure() -> None:
    with pytest.raises(ParameterOutOfRangeError, match="disposable_income"):
        rigid_expenditure.assess(family("2000", (MEDICAL, "20000")), dt.date(2027, 1, 1))


def test_registration_elsewhere_is_not_eligible() -> None:
    decision = rigid_expenditure.assess(
        family("2000", (MEDICAL, "20000")), ON, jurisdiction="500101"
    )
    assert decision.codes == ("assistance.rigid_expenditure.registration_elsewhere",)


def test_unknown_co_residence_cannot_be_decided() -> None:
    h = household(
        (person("a"), Relationship.APPLICANT),
        (person("g", born=dt.date(1940, 1, 1)), Relationship.PARENT),
        lives_together=None,
    )
    decision = rigid_expenditure.assess(h, ON)
    assert decision.outcome is Outcome.CANNOT_DECIDE
    assert decision.missing == ("$.members[1].lives_together",)


def test_a_marginal_decision_that_cannot_decide_propagates() -> None:
    h = family("2000", (MEDICAL, "20000"))
    undecided = attrs.evolve(
        marginal.assess(h, ON), outcome=Outcome.CANNOT_DECIDE, missing=("$.x",)
    )
    decision = rigid_expenditure.assess(h, ON, marginal_decision=undecided)
    assert decision.outcome is Outcome.CANNOT_DECIDE
    assert decision.missing == ("$.x",)


# -- Bad input -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("keyword", "path"),
    [
        ("marginal_decision", "$.marginal_decision.programme"),
        ("dibao_decision", "$.dibao_decision.programme"),
    ],
)
def test_decisions_of_the_wrong_programme_are_refused(keyword: str, path: str) -> None:
    h = family("2000")
    wrong = rigid_expenditure.assess(h, ON)
    with pytest.raises(InvalidInputError) as caught:
        rigid_expenditure.assess(h, ON, **{keyword: wrong})  # type: ignore[arg-type]
    assert caught.value.path == path


def test_a_marginal_decision_of_another_date_is_refused() -> None:
    h = family("2000")
    with pytest.raises(InvalidInputError) as caught:
        rigid_expenditure.assess(h, ON, marginal_decision=marginal.assess(h, dt.date(2025, 7, 1)))
    assert caught.value.path == "$.marginal_decision.as_of"


def test_an_extreme_poverty_decision_of_another_programme_is_refused() -> None:
    h = family("2000")
    with pytest.raises(InvalidInputError) as caught:
        rigid_expenditure.assess(h, ON, extreme_poverty=[dibao.assess(h, ON)])
    assert caught.value.path == "$.extreme_poverty[0].programme"


# -- Explanation ---------------------------------------------------------------------------------


def test_decision_text_cites_the_measures() -> None:
    text = rigid_expenditure.assess(family("2000", (MEDICAL, "20000")), ON).render("zh")
    assert "刚性支出困难家庭认定办法" in text
    assert "民法典" in text
    assert "2026-08-01" in text


def test_decision_round_trips_through_json() -> None:
    decision = rigid_expenditure.assess(family("2000", (MEDICAL, "20000")), ON)
    back = loads(dumps(decision), Decision)
    assert back == decision
    assert rigid_expenditure.validity_end(back) == dt.date(2026, 8, 1)


def test_a_household_with_no_counted_member_is_not_recognised() -> None:
    h = household((person("a", statuses=[SpecialStatus.SERVING_SENTENCE]), Relationship.APPLICANT))
    h = attrs.evolve(h, expenditures=[Expenditure(MEDICAL, "5000")])
    decision = rigid_expenditure.assess(h, ON)
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert decision.codes[-1] == "assistance.rigid_expenditure.no_family_member"
