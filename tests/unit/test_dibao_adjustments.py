"""低保 after approval (民发〔2021〕57号 arts. 27, 33, 34) and the income deductions of art. 13."""

import datetime as dt
from decimal import Decimal

import attrs
import pytest
from builders import ON, household, person, rural_family

from civaffairs.assistance import dibao, extreme_poverty
from civaffairs.assistance.dibao_adjustments import (
    DibaoRequest,
    PreviousDibao,
    WorkRefusal,
    assess,
    phase_out_amount,
    top_up_share,
    withheld_amount,
)
from civaffairs.conversion import structure, unstructure
from civaffairs.decisions import Decision, Outcome, reason_codes
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
    Relationship,
    WorkCapacity,
)
from civaffairs.errors import InvalidDocumentError, InvalidInputError
from civaffairs.parameters import default_book

RURAL = Decimal(630)  # 渝民规〔2025〕6号, 武隆区 rural standard from 2025-07-01
HANGZHOU = "330106"
BOOK = default_book()
#: No Zhejiang standard ships: a test figure (the override is marked example).
ZJ_BOOK = BOOK.override(
    "assistance.dibao.standard.rural", "330000", Decimal(1000), dt.date(2021, 7, 1)
)


def _capable(family: Household, member: str, capacity: WorkCapacity | None) -> Household:
    """Set one member's labour capacity."""
    members = tuple(
        attrs.evolve(m, person=attrs.evolve(m.person, work_capacity=capacity))
        if m.person.id == member
        else m
        for m in family.members
    )
    return attrs.evolve(family, members=members)


def _adults(income: str, *, where: str = "500156") -> Household:
    """A rural couple (born 1980) with ``income`` as the applicant's wages: no top-up category."""
    return household(
        (person("a", where=where), Relationship.APPLICANT),
        (person("s", where=where), Relationship.SPOUSE),
        incomes=[Income(IncomeType.WAGES, income, member="a")],
    )


# -- 分类施保, 57号 art. 27 ----------------------------------------------------------------------


def test_a_minor_in_a_covered_household_gets_a_top_up() -> None:
    """57号 第二十七条: "对获得最低生活保障后生活仍有困难的老年人、未成年人、重度残疾人和重病患者，
    县级以上地方人民政府应当采取必要措施给予生活保障。" — the child (born 2015) is a minor
    (《民法典》第十七条: 不满十八周岁的自然人为未成年人); 重庆 ships 吉林市's 10 % as example data.
    """
    decision = assess(DibaoRequest(rural_family(3, "850")), ON)
    base = dibao.assess(rural_family(3, "850"), ON)
    assert decision.eligible
    assert decision.amount is not None
    assert base.amount is not None
    assert decision.amount.total == base.amount.total + RURAL * Decimal("0.1")
    assert [line.code for line in decision.amount.lines][-1] == "top_up"
    assert sum(line.amount for line in decision.amount.lines) == decision.amount.total
    assert "assistance.dibao.top_up" in decision.codes
    assert decision.uses_example_data
    assert decision.payable == base.payable


def test_several_categories_pay_the_highest_only_where_so_ruled() -> None:
    """57号 第二十七条 lists "老年人、未成年人、重度残疾人和重病患者";
    就高不叠加 is the local rule shipped.
    """
    elder = person(
        "a",
        born=dt.date(1950, 1, 1),
        ill=True,
        disability=Disability(DisabilityCategory.PHYSICAL, 1),
    )
    alone = household((elder, Relationship.APPLICANT))
    decision = assess(DibaoRequest(alone), ON)
    assert decision.amount is not None
    # elderly 10 %, severely disabled 20 %, seriously ill 30 %: the highest, 30 % of 630.
    assert decision.amount.total == RURAL + Decimal("189.00")
    summed = BOOK.override("assistance.dibao.top_up.highest_only", "500000", False, ON)
    decision = assess(DibaoRequest(alone), ON, book=summed)
    assert decision.amount is not None
    assert decision.amount.total == RURAL + RURAL * Decimal("0.6")


def test_the_elderly_age_is_a_parameter() -> None:
    """老年人权益保障法 第二条: "本法所称老年人是指六十周岁以上的公民" — 60 nationally;
    重庆's example is 70.
    """
    sixty_five = household((person("a", born=dt.date(1960, 1, 1)), Relationship.APPLICANT))
    assert "assistance.dibao.top_up" not in assess(DibaoRequest(sixty_five), ON).codes
    book = BOOK.override("assistance.dibao.top_up.elderly_age", "500000", 60, ON)
    decision = assess(DibaoRequest(sixty_five), ON, book=book)
    assert decision.amount is not None
    assert decision.amount.total == RURAL + Decimal("63.00")


def test_no_national_top_up() -> None:
    """57号 第二十七条 leaves the measures to 县级以上地方人民政府: nothing is added nationally."""
    family = household(
        (person("a", where=HANGZHOU), Relationship.APPLICANT),
        (person("c", born=dt.date(2015, 1, 1), where=HANGZHOU), Relationship.CHILD),
        incomes=[Income(IncomeType.WAGES, "500", member="a")],
    )
    decision = assess(DibaoRequest(family), ON, book=ZJ_BOOK)
    assert decision == dibao.assess(family, ON, book=ZJ_BOOK)


# -- refusing suitable work, 57号 art. 34 --------------------------------------------------------


def test_three_refusals_stop_the_members_own_share() -> None:
    """57号 第三十四条: "无正当理由，连续3次拒绝接受介绍的与其健康状况、劳动能力等相适应的工作的，
    县级人民政府民政部门应当决定减发或者停发其本人的最低生活保障金。"
    """
    family = _capable(_adults("600"), "a", WorkCapacity.FULL)
    request = DibaoRequest(family, work_refusals=[WorkRefusal("a", 3)])
    decision = assess(request, ON)
    # The couple is paid 630 × 2 − 600 = 660; the applicant's own part is 330, stopped.
    assert decision.amount is not None
    assert decision.amount.total == Decimal("330.00")
    assert decision.amount.lines[-1].code == "work_refusal"
    assert decision.amount.lines[-1].amount == Decimal("-330.00")
    assert "assistance.dibao.work_refusal" in decision.codes
    assert sum(line.amount for line in decision.amount.lines) == decision.amount.total


def test_the_withheld_part_includes_the_members_own_top_up() -> None:
    """57号 第三十四条 "其本人的最低生活保障金": their part of the payment plus their own top-up."""
    child = person("c", born=dt.date(2010, 1, 1))
    family = household(
        (person("a"), Relationship.APPLICANT),
        (child, Relationship.CHILD),
        incomes=[Income(IncomeType.WAGES, "600", member="a")],
    )
    family = _capable(family, "c", WorkCapacity.FULL)
    decision = assess(DibaoRequest(family, work_refusals=[WorkRefusal("c", 4)]), ON)
    assert decision.amount is not None
    # 660 paid; top-up 63 for the minor; the minor's part 330 + 63 is withheld.
    assert decision.amount.total == Decimal("660.00") + Decimal("63.00") - Decimal("393.00")


def test_two_refusals_are_not_enough() -> None:
    """57号 第三十四条: "连续3次" — two refusals withhold nothing."""
    family = _capable(_adults("600"), "a", WorkCapacity.FULL)
    decision = assess(DibaoRequest(family, work_refusals=[WorkRefusal("a", 2)]), ON)
    assert decision.amount is not None
    assert decision.amount.total == Decimal("660.00")
    assert "assistance.dibao.work_refusal_not_applied" in decision.codes


def test_no_labour_capacity_no_reduction_and_unknown_capacity_cannot_decide() -> None:
    """57号 第三十四条 applies to "有就业能力但未就业的成员" only."""
    none = _capable(_adults("600"), "a", WorkCapacity.NONE)
    decision = assess(DibaoRequest(none, work_refusals=[WorkRefusal("a", 5)]), ON)
    assert decision.amount is not None
    assert decision.amount.total == Decimal("660.00")
    unknown = assess(DibaoRequest(_adults("600"), work_refusals=[WorkRefusal("a", 5)]), ON)
    assert unknown.outcome is Outcome.CANNOT_DECIDE
    assert unknown.missing == ("$.household.members[0].person.work_capacity",)
    assert unknown.amount is None
    assert unknown.payable is None


def test_zhejiang_counts_refusals_within_six_months() -> None:
    """浙江省社会救助条例 第三十六条: "无正当理由，在六个月内连续三次拒绝接受介绍的与其健康状况、
    劳动能力等相适应的工作的 … 民政部门应当决定减发或者停发其本人的最低生活保障金。"
    """
    family = _capable(_adults("600", where=HANGZHOU), "a", WorkCapacity.PARTIAL)
    paid = Decimal(1000) * 2 - 600

    def total(refusal: WorkRefusal) -> Decision:
        return assess(DibaoRequest(family, work_refusals=[refusal]), ON, book=ZJ_BOOK)

    unknown = total(WorkRefusal("a", 3))
    assert unknown.outcome is Outcome.CANNOT_DECIDE
    assert unknown.missing == ("$.work_refusals[0].within_months",)
    late = total(WorkRefusal("a", 3, within_months=7))
    assert late.amount is not None
    assert late.amount.total == paid
    within = total(WorkRefusal("a", 3, within_months=6))
    assert within.amount is not None
    assert within.amount.total == paid / 2


def test_a_refusal_names_a_member() -> None:
    with pytest.raises(InvalidInputError, match=r"\$\.work_refusals\[0\]\.member"):
        DibaoRequest(_adults("600"), work_refusals=[WorkRefusal("nobody", 3)])
    with pytest.raises(InvalidInputError, match=r"\$\.consecutive_refusals"):
        WorkRefusal("a", -1)


def test_request_json_reports_every_bad_field() -> None:
    data = {
        "household": {
            "id": "H",
            "members": [
                {
                    "relationship": "applicant",
                    "lives_together": True,
                    "person": {
                        "id": "a",
                        "birth_date": "1980-01-01",
                        "sex": "female",
                        "registration": {"jurisdiction": "500156", "kind": "rural"},
                    },
                }
            ],
        },
        "previous": {"monthly_amount": 500.5, "income_above_from": "2025-06-15"},
    }
    with pytest.raises(InvalidDocumentError) as caught:
        structure(data, DibaoRequest)
    assert [e.path for e in caught.value.errors] == ["$.previous.monthly_amount"]
    data["previous"] = {"monthly_amount": "500.50", "income_above_from": "2025-06-15"}
    with pytest.raises(InvalidDocumentError) as caught:
        structure(data, DibaoRequest)
    assert [e.path for e in caught.value.errors] == ["$.previous.income_above_from"]


# -- 渐退期, 57号 art. 33 -------------------------------------------------------------------------

ABOVE = str(RURAL * 2 + 100)  # a couple now 100 yuan above the standard × 2


def _previous(after_employment: bool | None = True) -> PreviousDibao:
    return PreviousDibao(Decimal(500), dt.date(2025, 6, 1), after_employment)


def test_phase_out_keeps_the_previous_amount_for_six_months() -> None:
    """57号 第三十三条: "对就业后家庭人均收入超过当地最低生活保障标准的最低生活保障家庭，
    县级人民政府民政部门可以给予一定时间的渐退期。"; 2022 通知 一、(三): "可给予原则上
    不超过6个月的渐退期".
    """
    request = DibaoRequest(_adults(ABOVE), previous=_previous())
    decision = assess(request, dt.date(2025, 8, 15))
    assert decision.outcome is Outcome.ELIGIBLE
    assert decision.amount is not None
    assert decision.amount.total == Decimal(500)
    assert decision.amount.lines[0].code == "phase_out"
    assert "assistance.dibao.phase_out" in decision.codes
    assert decision.payable_from == dt.date(2025, 6, 1)
    assert decision.payable_until == dt.date(2025, 11, 1)
    assert decision.payable is not None
    assert decision.payable.parameters[0].source is not None
    assert decision.payable.parameters[0].source.key == "mz-2022-dibao-notice"
    after = assess(request, dt.date(2025, 12, 1))
    assert after.outcome is Outcome.NOT_ELIGIBLE
    assert "assistance.dibao.phase_out_none" in after.codes


def test_a_declining_phase_out_steps_down_each_month() -> None:
    """57号 第三十三条 sets no amount; where a county steps it down, month k of N pays (N−k+1)/N."""
    book = BOOK.override(
        "assistance.dibao.phase_out.declining", "500000", True, dt.date(2021, 7, 1)
    )
    request = DibaoRequest(_adults(ABOVE), previous=_previous())
    paid = []
    for month in range(6, 12):
        decision = assess(request, dt.date(2025, month, 1), book=book)
        assert decision.amount is not None
        paid.append(decision.amount.total)
    assert paid == [
        Decimal("500.00"),
        Decimal("416.67"),
        Decimal("333.33"),
        Decimal("250.00"),
        Decimal("166.67"),
        Decimal("83.33"),
    ]


def test_phase_out_needs_employment() -> None:
    """57号 第三十三条: "就业后" — a rise from other income gets no 渐退期;
    not knowing which cannot decide.
    """
    no = assess(DibaoRequest(_adults(ABOVE), previous=_previous(False)), ON)
    assert no.outcome is Outcome.NOT_ELIGIBLE
    assert "assistance.dibao.phase_out_none" in no.codes
    unknown = assess(DibaoRequest(_adults(ABOVE), previous=_previous(None)), ON)
    assert unknown.outcome is Outcome.CANNOT_DECIDE
    assert unknown.missing == ("$.previous.after_employment",)


def test_no_phase_out_when_property_fails() -> None:
    """57号 第三十三条 speaks of income above the standard only:
    failing the property test ends 低保.
    """
    rich = attrs.evolve(_adults(ABOVE), assets=(Asset(AssetType.DEPOSITS, Decimal(1_000_000)),))
    decision = assess(DibaoRequest(rich, previous=_previous()), ON)
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert not any(code.startswith("assistance.dibao.phase_out") for code in decision.codes)


def test_failing_the_single_person_stages_property_test_keeps_the_phase_out() -> None:
    """57号 第三十三条: "对就业后家庭人均收入超过当地最低生活保障标准的最低生活保障家庭 … 可以
    给予一定时间的渐退期" — only the income test decides; the single-person stage that follows a
    failed income test (art. 8), failing on its marginal property rules, does not end the
    渐退期.  (A missed rename of the stage's code once dropped the 渐退期 here silently.)
    """
    book = BOOK.override(
        "assistance.marginal.assets.financial_months_per_capita", "500000", 0, dt.date(2021, 7, 1)
    )
    saver = attrs.evolve(_adults(ABOVE), assets=(Asset(AssetType.DEPOSITS, Decimal(100)),))
    decision = assess(DibaoRequest(saver, previous=_previous()), dt.date(2025, 8, 15), book=book)
    failed = {r.code for r in decision.reasons if r.met is False}
    assert "assistance.dibao.marginal_property" in failed
    assert decision.outcome is Outcome.ELIGIBLE
    assert "assistance.dibao.phase_out" in decision.codes


def test_before_the_2022_notice_no_length_is_set() -> None:
    """57号 第三十三条: "一定时间的渐退期" — no national length until the 2022 notice."""
    previous = PreviousDibao(Decimal(500), dt.date(2022, 3, 1), after_employment=True)
    above = _adults("2100", where=HANGZHOU)  # 100 above the test standard 1000 × 2
    request = DibaoRequest(above, previous=previous)
    decision = assess(request, dt.date(2022, 4, 1), book=ZJ_BOOK)
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert "assistance.dibao.phase_out_none" in decision.codes
    later = PreviousDibao(Decimal(500), dt.date(2022, 11, 1), after_employment=True)
    request = DibaoRequest(above, previous=later)
    decision = assess(request, dt.date(2022, 12, 1), book=ZJ_BOOK)
    assert decision.amount is not None
    assert decision.amount.total == Decimal(500)


def test_an_eligible_household_is_not_phased_out() -> None:
    """57号 第三十三条 applies once income is above the standard;
    below it, 低保 simply continues.
    """
    decision = assess(DibaoRequest(_adults("600"), previous=_previous()), ON)
    assert decision.amount is not None
    assert decision.amount.total == Decimal("660.00")
    assert "assistance.dibao.phase_out" not in decision.codes


# -- income deductions, 57号 art. 13 -----------------------------------------------------------


def test_illness_and_disability_costs_may_be_deducted() -> None:
    """57号 第十三条第三款: "对于共同生活的家庭成员因残疾、患重病等增加的刚性支出、
    必要的就业成本等，在核算家庭收入时可按规定适当扣减。" — off nationally; on where a
    jurisdiction says so.
    """
    family = attrs.evolve(
        household(
            (person("a"), Relationship.APPLICANT),
            (person("s", ill=True), Relationship.SPOUSE),
            incomes=[Income(IncomeType.WAGES, "1950", member="a")],
        ),
        expenditures=(Expenditure(ExpenditureType.MEDICAL, Decimal(9600), member="s"),),
    )
    # 1950 is above 1.5 × 630 × 2 = 1890: not even the single-person rule covers the spouse.
    assert dibao.assess(family, ON).outcome is Outcome.NOT_ELIGIBLE
    book = BOOK.override(
        "assistance.dibao.income.deduct_illness_disability_costs",
        "500000",
        True,
        ON,
    )
    decision = dibao.assess(family, ON, book=book)
    # 9600 a year of medical costs is 800 a month: 1950 − 800 = 1150 < 1260, paid 110.
    assert decision.amount is not None
    assert decision.amount.total == Decimal("110.00")
    assert "assistance.dibao.illness_disability_deduction" in decision.codes


def test_employment_costs_on_the_standard_basis() -> None:
    """57号 第十三条第三款 "必要的就业成本": a share of the standard (赣州's shape),
    at most the wages.
    """
    book = BOOK.override(
        "assistance.dibao.income.employment_deduction_of_standard",
        "500000",
        True,
        ON,
    ).override(
        "assistance.dibao.income.employment_deduction_share_of_standard",
        "500000",
        Decimal("0.3"),
        ON,
    )
    family = _adults("1400")
    decision = dibao.assess(family, ON, book=book)
    # 1400 − 30 % × 630 = 1400 − 189 = 1211 < 1260: eligible for 49.
    assert decision.amount is not None
    assert decision.amount.total == Decimal("49.00")
    assert "assistance.dibao.employment_deduction_standard" in decision.codes
    # On the standard basis the wages-basis rate is not applied on top.
    both = book.override(
        "assistance.dibao.income.employment_deduction_rate", "500000", Decimal("0.5"), ON
    )
    decision = dibao.assess(family, ON, book=both)
    assert decision.amount is not None
    assert decision.amount.total == Decimal("49.00")
    assert "assistance.dibao.employment_deduction" not in decision.codes


def test_the_standard_basis_never_deducts_more_than_the_wages() -> None:
    """ "扣减必要的就业成本" lowers wages to zero at most: other income is not touched."""
    book = BOOK.override(
        "assistance.dibao.income.employment_deduction_of_standard",
        "500000",
        True,
        ON,
    ).override(
        "assistance.dibao.income.employment_deduction_share_of_standard",
        "500000",
        Decimal("0.3"),
        ON,
    )
    family = attrs.evolve(
        _adults("100"),
        incomes=(
            Income(IncomeType.WAGES, "100", member="a"),
            Income(IncomeType.TRANSFER, "1000", member="s"),
        ),
    )
    decision = dibao.assess(family, ON, book=book)
    assert decision.amount is not None
    assert decision.amount.total == RURAL * 2 - 1000


# -- the pure rules ------------------------------------------------------------------------------


def test_pure_rules() -> None:
    assert top_up_share([], highest_only=True) == 0
    assert top_up_share([Decimal("0.1"), Decimal("0.2")], highest_only=False) == Decimal("0.3")
    assert withheld_amount(66000, 0, 2, Decimal("0.5")) == 16500
    assert phase_out_amount(50000, 6, 6, declining=True) == 8333
    with pytest.raises(ValueError, match="outside"):
        phase_out_amount(50000, 7, 6, declining=False)


def test_the_columnar_engine_refuses_a_place_with_a_deduction_it_does_not_model() -> None:
    """57号 第十三条第三款 deductions are computed by dibao.assess only:
    the columnar engine must not ignore them.
    """
    pytest.importorskip("pyarrow")
    from civaffairs.batch import assess_table, to_table  # noqa: PLC0415 - optional dependency
    from civaffairs.errors import CivaffairsError  # noqa: PLC0415

    table = to_table([_adults("1400")])
    assert assess_table(table, ON).num_rows == 1
    book = BOOK.override(
        "assistance.dibao.income.deduct_illness_disability_costs", "500000", True, ON
    )
    with pytest.raises(CivaffairsError, match="deduct_illness_disability_costs is on for 500156"):
        assess_table(table, ON, book=book)


def test_the_state_council_measures_are_cited_first() -> None:
    """《社会救助暂行办法》 第十二条第二款: "对获得最低生活保障后生活仍有困难的老年人、未成年人、
    重度残疾人和重病患者，县级以上地方人民政府应当采取必要措施给予生活保障。"; 第四十五条:
    "最低生活保障家庭中有劳动能力但未就业的成员 … 无正当理由，连续3次拒绝接受介绍的与其健康状况、
    劳动能力等相适应的工作的，县级人民政府民政部门应当决定减发或者停发其本人的最低生活保障金。"
    — in force from 2014-05-01, before 57号 restated them (arts. 27 and 34).
    """
    family = _capable(_adults("600", where=HANGZHOU), "a", WorkCapacity.FULL)
    book = ZJ_BOOK.override(
        "assistance.dibao.standard.rural", "330000", Decimal(800), dt.date(2019, 1, 1)
    )
    request = DibaoRequest(family, work_refusals=[WorkRefusal("a", 3)])
    decision = assess(request, dt.date(2019, 6, 1), book=book)
    refusal = next(r for r in decision.reasons if r.code == "assistance.dibao.work_refusal")
    assert refusal.citation.cite() == "《社会救助暂行办法》(国务院令第649号) 第四十五条"
    assert decision.amount is not None
    assert decision.amount.total == (Decimal(800) * 2 - 600) / 2
    top = reason_codes()["assistance.dibao.top_up"]
    assert top.citation.cite() == "《社会救助暂行办法》(国务院令第649号) 第十二条第二款"


def test_shanghai_stops_the_refusing_members_assistance() -> None:
    """上海市社会救助条例 第四十五条第二款: "有下列情形之一的 … 对已经获得社会救助的家庭或者个人停止
    救助: … (六)最低生活保障家庭中有劳动能力但未就业的成员，无正当理由，连续三次拒绝接受公共就业
    服务机构介绍的与其健康状况、劳动能力等相适应的工作的。" — 停止, sourced (not example) there.
    """
    family = _capable(_adults("600", where="310101"), "a", WorkCapacity.FULL)
    book = BOOK.override(
        "assistance.dibao.standard.urban", "310000", Decimal(1500), dt.date(2025, 1, 1)
    ).override("assistance.dibao.standard.rural", "310000", Decimal(1500), dt.date(2025, 1, 1))
    decision = assess(DibaoRequest(family, work_refusals=[WorkRefusal("a", 3)]), ON, book=book)
    refusal = next(r for r in decision.reasons if r.code == "assistance.dibao.work_refusal")
    assert [p.jurisdiction for p in refusal.parameters][-1] == "310000"
    assert decision.amount is not None
    assert decision.amount.total == (Decimal(1500) * 2 - 600) / 2


# -- No double coverage on the adjustments path --------------------------------------------------


def _supported_as_extreme_poverty(h: Household, member: str) -> Decision:
    """A 特困 decision that finds ``member`` of ``h`` meets every condition."""
    return Decision(
        programme=extreme_poverty.PROGRAMME.code,
        subject=f"{h.id} ({h.member(member).person.label})",
        as_of=ON,
        jurisdiction="500156",
        outcome=Outcome.ELIGIBLE,
        amount=None,
        reasons=(),
    )


def test_a_member_supported_as_extreme_poverty_is_not_counted_topped_up_or_withheld() -> None:
    """No double coverage through :class:`DibaoRequest`.  民发〔2021〕57号 第七条第二款: "下列
    人员不计入共同生活的家庭成员：……（三）省级人民政府民政部门根据本条原则和有关程序认定的其他
    人员" (``assistance.dibao.members.exclude_extreme_poverty``); 第二十七条's top-up ("对获得
    最低生活保障后生活仍有困难的老年人……") and 第三十四条's "减发或者停发其本人的最低生活保障金"
    concern only members the 低保 covers, so the elderly 特困 spouse gets neither.
    """
    elder = person("s", born=dt.date(1950, 1, 1))
    h = household(
        (person("a"), Relationship.APPLICANT),
        (elder, Relationship.SPOUSE),
        (person("c", born=dt.date(2015, 1, 1)), Relationship.CHILD),
        incomes=[Income(IncomeType.WAGES, "850", member="a")],
    )
    h = _capable(h, "s", WorkCapacity.FULL)
    counted = assess(DibaoRequest(h), ON)
    assert counted.amount is not None
    # all three counted: 3 × 630 − 850 = 1040, top-ups for the elder and the child (63 each)
    assert counted.amount.total == RURAL * 3 - 850 + 2 * RURAL * Decimal("0.1")
    request = DibaoRequest(
        h,
        work_refusals=[WorkRefusal("s", 3)],
        extreme_poverty=[_supported_as_extreme_poverty(h, "s")],
    )
    decision = assess(request, ON)
    assert decision.amount is not None
    # the applicant and the child: 2 × 630 − 850 = 410, the child's top-up only
    assert decision.amount.total == RURAL * 2 - 850 + RURAL * Decimal("0.1")
    assert "assistance.dibao.extreme_poverty_excluded" in decision.codes
    assert "assistance.dibao.work_refusal" not in decision.codes
    # the same request from JSON
    data = unstructure(request, reveal_personal_data=True)
    assert structure(data, DibaoRequest) == request


def test_no_phase_out_at_income_exactly_at_the_standard() -> None:
    """57号 第三十三条: "对就业后家庭人均收入超过当地最低生活保障标准的最低生活保障家庭，县级
    人民政府民政部门可以给予一定时间的渐退期。" — "超过" is strictly above: a couple whose income
    is exactly 2 × the standard fails 低保 (not 低于) and is not above it either, so no 渐退期;
    one fen more and the phase-out applies.
    """
    at = assess(DibaoRequest(_adults(str(RURAL * 2)), previous=_previous()), dt.date(2025, 8, 15))
    assert at.outcome is Outcome.NOT_ELIGIBLE
    assert "assistance.dibao.phase_out" not in at.codes
    assert "assistance.dibao.phase_out_none" in at.codes
    above = assess(
        DibaoRequest(_adults(str(RURAL * 2 + Decimal("0.01"))), previous=_previous()),
        dt.date(2025, 8, 15),
    )
    assert above.outcome is Outcome.ELIGIBLE
    assert "assistance.dibao.phase_out" in above.codes
