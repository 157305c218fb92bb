import datetime as dt
from decimal import Decimal
from typing import Any

import attrs
import pytest
from builders import ON, WULONG, household, person

from civaffairs.assistance import dibao
from civaffairs.assistance import extreme_poverty as ep
from civaffairs.assistance.extreme_poverty import (
    CareTier,
    DailyActivity,
    ExtremePovertyFacts,
    SupportArrangement,
    Supporter,
    SupporterSituation,
)
from civaffairs.conversion import structure, unstructure
from civaffairs.decisions import Decision, Outcome
from civaffairs.entities import (
    AbilityGrade,
    Asset,
    AssetType,
    Disability,
    DisabilityCategory,
    Household,
    Income,
    IncomeType,
    Person,
    RegistrationKind,
    Relationship,
    SpecialStatus,
)
from civaffairs.errors import CivaffairsError, InvalidInputError, ParameterOutOfRangeError
from civaffairs.parameters import ParameterBook, default_book

BASIC = Decimal(1001)  # 渝民规〔2025〕6号: 特困 basic living standard from 2025-07-01
RURAL = Decimal(630)
ELDER = dt.date(1950, 3, 1)
ALONE = ExtremePovertyFacts(
    supporters=(),
    activities_not_achieved=frozenset(),
    arrangement=SupportArrangement.DISPERSED,
    supported_as_minor=False,
)


def single(p: Person | None = None, income: str = "0", **kwargs: Any) -> Household:
    p = p or person("a", born=ELDER)
    incomes = [Income(IncomeType.TRANSFER, income, member=p.id)]
    return household((p, Relationship.APPLICANT), incomes=incomes, **kwargs)


def decide(
    h: Household, facts: ExtremePovertyFacts = ALONE, on: dt.date = ON, **kw: Any
) -> Decision:
    return ep.assess_person(h, h.applicant.person.id, on, facts=facts, **kw)


def with_dibao_standard(start: dt.date, end: dt.date) -> ParameterBook:
    """Chongqing's dibao standard is shipped from 2023 only; give one for an earlier period."""
    return default_book().override(
        "assistance.dibao.standard.rural", "500000", Decimal(500), start, end
    )


# -- amounts ------------------------------------------------------------------------------------


def test_elderly_person_alone_gets_basic_plus_care() -> None:
    decision = decide(single())
    assert decision.outcome is Outcome.ELIGIBLE
    assert decision.amount is not None
    # 742 yuan a year (合肥瑶海, example) / 12 = 61.83 (rounded to the fen, half up).
    assert decision.amount.total == BASIC + Decimal("61.83")
    assert [line.code for line in decision.amount.lines] == ["basic_living", "care"]
    assert sum(line.amount for line in decision.amount.lines) == decision.amount.total
    assert decision.uses_example_data  # the care standard is example data
    assert decision.programme == "assistance.extreme_poverty"


@pytest.mark.parametrize(
    ("arrangement", "failed", "annual"),
    [
        (SupportArrangement.DISPERSED, 0, 742),
        (SupportArrangement.DISPERSED, 3, 4944),
        (SupportArrangement.DISPERSED, 4, 8652),
        (SupportArrangement.CONCENTRATED, 0, 989),
        (SupportArrangement.CONCENTRATED, 1, 7416),
        (SupportArrangement.CONCENTRATED, 6, 12360),
    ],
)
def test_care_standard_by_arrangement_and_tier(
    arrangement: SupportArrangement, failed: int, annual: int
) -> None:
    activities = frozenset(list(DailyActivity)[:failed])
    facts = ExtremePovertyFacts(
        supporters=(), activities_not_achieved=activities, arrangement=arrangement
    )
    decision = decide(single(), facts)
    assert decision.amount is not None
    care = (Decimal(annual) / 12).quantize(Decimal("0.01"), "ROUND_HALF_UP")
    assert decision.amount.total == BASIC + care


def test_urban_and_rural_use_their_own_basic_standard() -> None:
    urban = decide(single(person("a", born=ELDER, kind=RegistrationKind.URBAN)))
    assert urban.amount is not None
    assert urban.amount.lines[0].amount == BASIC  # Chongqing sets one figure for both


def test_missing_care_facts_leave_the_amount_undecided() -> None:
    decision = decide(single(), ExtremePovertyFacts(supporters=()))
    assert decision.outcome is Outcome.CANNOT_DECIDE
    assert decision.missing == ("$.facts.activities_not_achieved", "$.facts.arrangement")
    assert "assistance.extreme_poverty.amount_facts_missing" in decision.codes
    assert decision.amount is None


# -- care tier ----------------------------------------------------------------------------------


def test_care_tier_counts_failed_activities() -> None:
    acts = list(DailyActivity)
    assert ep.care_tier([]) is CareTier.SELF_CARE
    assert ep.care_tier(acts[:1]) is CareTier.PARTIAL
    assert ep.care_tier(acts[:3]) is CareTier.PARTIAL
    assert ep.care_tier(acts[:4]) is CareTier.FULL
    assert ep.care_tier(acts) is CareTier.FULL
    assert ep.care_tier([acts[0], acts[0]]) is CareTier.PARTIAL  # one activity, counted once


@pytest.mark.parametrize(
    ("grade", "tier"),
    [
        (AbilityGrade.INTACT, CareTier.SELF_CARE),
        (AbilityGrade.MILD, CareTier.PARTIAL),
        (AbilityGrade.MODERATE, CareTier.PARTIAL),
        (AbilityGrade.SEVERE, CareTier.FULL),
        (AbilityGrade.COMPLETE, CareTier.FULL),
    ],
)
def test_ability_grade_mapping(grade: AbilityGrade, tier: CareTier) -> None:
    found, used = ep.care_tier_for_ability_grade(grade, WULONG, ON)
    assert found is tier
    assert all(u.status.value == "example" for u in used)


def test_ability_grade_decides_over_the_six_activities() -> None:
    facts = ExtremePovertyFacts(
        supporters=(),
        activities_not_achieved=frozenset(),
        ability_grade=AbilityGrade.COMPLETE,
        arrangement=SupportArrangement.DISPERSED,
    )
    decision = decide(single(), facts)
    assert decision.amount is not None
    assert decision.amount.lines[1].amount == Decimal(721)  # 8652 / 12


def test_ability_grade_before_the_standard_is_an_error() -> None:
    with pytest.raises(ParameterOutOfRangeError, match=r"from_ability_severity"):
        ep.care_tier_for_ability_grade(AbilityGrade.MILD, WULONG, dt.date(2022, 12, 29))


# -- no labour capacity -------------------------------------------------------------------------


def test_sixtieth_birthday_is_the_first_day() -> None:
    p = person("a", born=dt.date(1965, 8, 1))
    assert decide(single(p)).outcome is Outcome.ELIGIBLE
    before = decide(single(p), on=dt.date(2025, 7, 31))
    assert before.outcome is Outcome.NOT_ELIGIBLE
    assert "assistance.extreme_poverty.no_work_capacity.not_met" in before.codes


def test_minor_under_sixteen_recognised_then_supported_to_eighteen() -> None:
    """认定办法 art. 5 (二): "未满16周岁的未成年人" counts as without labour capacity; art. 24
    second paragraph: "特困人员中的未成年人，可继续享有救助供养待遇至18周岁；年满18周岁仍在接受义务
    教育或者在普通高中、中等职业学校就读的，可继续享有救助供养待遇。"
    """
    facts = ExtremePovertyFacts(
        supporters=(),
        activities_not_achieved=frozenset(),
        arrangement=SupportArrangement.DISPERSED,
        child_allowance=False,
    )
    fifteen = person("c", born=dt.date(2009, 8, 2))
    recognised = decide(single(fifteen), facts)
    assert recognised.outcome is Outcome.ELIGIBLE
    assert "assistance.extreme_poverty.no_work_capacity.minor" in recognised.codes
    sixteen = person("c", born=dt.date(2009, 8, 1))
    # Past 16 a new applicant is not recognised on age; a minor already supported continues.
    asked = decide(single(sixteen), facts)
    assert asked.outcome is Outcome.CANNOT_DECIDE
    assert asked.missing == ("$.facts.supported_as_minor",)
    new = decide(single(sixteen), attrs.evolve(facts, supported_as_minor=False))
    assert new.outcome is Outcome.NOT_ELIGIBLE
    assert "assistance.extreme_poverty.no_work_capacity.not_met" in new.codes
    supported = decide(single(sixteen), attrs.evolve(facts, supported_as_minor=True))
    assert supported.outcome is Outcome.ELIGIBLE
    assert "assistance.extreme_poverty.no_work_capacity.minor_supported" in supported.codes
    seventeen = person("c", born=dt.date(2007, 8, 2))
    assert decide(single(seventeen), attrs.evolve(facts, supported_as_minor=True)).eligible
    eighteen = person("c", born=dt.date(2007, 8, 1))
    # Not recorded as a student: past 18, no continuation is in question.
    assert decide(single(eighteen), facts).outcome is Outcome.NOT_ELIGIBLE
    eighteen = attrs.evolve(eighteen, statuses=frozenset({SpecialStatus.FULL_TIME_STUDENT}))
    # A recorded student: whether support continues in school is asked, not assumed away.
    unknown = decide(single(eighteen), facts)
    assert unknown.outcome is Outcome.CANNOT_DECIDE
    assert unknown.missing == ("$.facts.supported_as_minor", "$.facts.in_secondary_school")
    assert "assistance.extreme_poverty.no_work_capacity.minor_in_school_unknown" in unknown.codes
    half = attrs.evolve(facts, supported_as_minor=True)
    assert decide(single(eighteen), half).missing == ("$.facts.in_secondary_school",)
    for known in (
        attrs.evolve(facts, supported_as_minor=False),
        attrs.evolve(facts, supported_as_minor=True, in_secondary_school=False),
    ):
        refused = decide(single(eighteen), known)
        assert refused.outcome is Outcome.NOT_ELIGIBLE
        assert "assistance.extreme_poverty.no_work_capacity.not_met" in refused.codes
    # Another failed condition still decides with the school facts unknown.
    able = ExtremePovertyFacts(
        supporters=(
            Supporter(
                Relationship.PARENT,
                registration_kind=RegistrationKind.RURAL,
                birth_date=dt.date(1980, 1, 1),
                situations=(),
                disabled=False,
            ),
        )
    )
    assert decide(single(eighteen), able).outcome is Outcome.NOT_ELIGIBLE
    continuing = ExtremePovertyFacts(
        supporters=(),
        activities_not_achieved=frozenset(),
        arrangement=SupportArrangement.DISPERSED,
        supported_as_minor=True,
        in_secondary_school=True,
    )
    decision = decide(single(eighteen), continuing)
    assert decision.outcome is Outcome.ELIGIBLE
    assert "assistance.extreme_poverty.no_work_capacity.minor_in_school" in decision.codes


def test_recognition_age_by_period() -> None:
    """社会救助暂行办法 art. 14 and 认定办法 art. 5 (二): "未满16周岁"; 关于改革完善
    社会救助制度的意见 二(二)5: "将特困救助供养覆盖的未成年人年龄从16周岁延长至18周岁"
    (read as recognition under 18 until the 2021 办法 took effect on 2021-07-01, art. 29).
    """
    book = default_book()
    ages = {
        day: book.count("assistance.extreme_poverty.minor_age_limit", WULONG, day)[0]
        for day in (dt.date(2020, 7, 28), dt.date(2020, 7, 29), dt.date(2021, 7, 1))
    }
    assert list(ages.values()) == [16, 18, 16]
    until = book.count("assistance.extreme_poverty.minor.support_until_age", WULONG, ON)
    assert until[0] == 18
    assert until[1].status.value == "sourced"
    assert "第二十四条" in (until[1].article or "")


def test_minor_limit_rose_from_16_to_18_in_2020() -> None:
    book = with_dibao_standard(dt.date(2020, 1, 1), dt.date(2020, 12, 31))
    facts = ExtremePovertyFacts(supporters=(), child_allowance=False)
    sixteen = single(person("c", born=dt.date(2004, 1, 1)))
    before = decide(sixteen, facts, dt.date(2020, 7, 28), book=book)
    after = decide(sixteen, facts, dt.date(2020, 7, 29), book=book)
    assert "assistance.extreme_poverty.no_work_capacity.not_met" in before.codes
    assert "assistance.extreme_poverty.no_work_capacity.minor" in after.codes


@pytest.mark.parametrize(
    ("category", "grade", "covered"),
    [
        (DisabilityCategory.INTELLECTUAL, 3, True),
        (DisabilityCategory.INTELLECTUAL, 4, False),
        (DisabilityCategory.MENTAL, 3, True),
        (DisabilityCategory.PHYSICAL, 2, True),
        (DisabilityCategory.PHYSICAL, 3, False),
        (DisabilityCategory.VISUAL, 1, True),
        (DisabilityCategory.VISUAL, 2, False),
        (DisabilityCategory.HEARING, 1, False),
    ],
)
def test_disability_grades_2021_list(
    category: DisabilityCategory, grade: int, covered: bool
) -> None:
    p = person("a", born=dt.date(1980, 1, 1), disability=Disability(category, grade))
    decision = decide(single(p))
    assert (decision.outcome is Outcome.ELIGIBLE) is covered
    code = "disabled" if covered else "not_met"
    assert f"assistance.extreme_poverty.no_work_capacity.{code}" in decision.codes


def test_grade_three_intellectual_is_covered_from_2021_07_01() -> None:
    book = with_dibao_standard(dt.date(2021, 1, 1), dt.date(2021, 12, 31))
    p = person("a", born=dt.date(1980, 1, 1), disability=Disability(DisabilityCategory.MENTAL, 3))
    facts = ExtremePovertyFacts(supporters=())
    before = decide(single(p), facts, dt.date(2021, 6, 30), book=book)
    after = decide(single(p), facts, dt.date(2021, 7, 1), book=book)
    assert "assistance.extreme_poverty.no_work_capacity.not_met" in before.codes
    assert "assistance.extreme_poverty.no_work_capacity.disabled" in after.codes


def test_prisoner_is_not_supported() -> None:
    p = person("a", born=ELDER, statuses=[SpecialStatus.SERVING_SENTENCE])
    decision = decide(single(p))
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert "assistance.extreme_poverty.status_excludes" in decision.codes


def test_registration_elsewhere() -> None:
    decision = decide(single(), jurisdiction="500101")
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert decision.codes == ("assistance.extreme_poverty.registration_elsewhere",)


# -- orphans ------------------------------------------------------------------------------------


def test_minor_under_the_orphan_allowance_is_not_tekun() -> None:
    child = single(person("c", born=dt.date(2015, 1, 1)))
    placed = ExtremePovertyFacts(
        supporters=(),
        activities_not_achieved=frozenset(),
        arrangement=SupportArrangement.DISPERSED,
        child_allowance=True,
    )
    assert decide(child, placed).outcome is Outcome.NOT_ELIGIBLE
    unknown = ExtremePovertyFacts(
        supporters=(), activities_not_achieved=frozenset(), arrangement=SupportArrangement.DISPERSED
    )
    decision = decide(child, unknown)
    assert decision.outcome is Outcome.CANNOT_DECIDE
    assert decision.missing == ("$.facts.child_allowance",)


def test_child_allowance_is_not_asked_of_adults() -> None:
    assert decide(single()).outcome is Outcome.ELIGIBLE


# -- income and property ------------------------------------------------------------------------


def test_income_at_the_standard_is_not_below_it() -> None:
    at = decide(single(income=str(RURAL)))
    assert at.outcome is Outcome.NOT_ELIGIBLE
    assert "assistance.extreme_poverty.income_not_below_standard" in at.codes
    below = decide(single(income=str(RURAL - Decimal("0.01"))))
    assert below.outcome is Outcome.ELIGIBLE


def test_items_not_counted_are_exactly_those_of_article_6() -> None:
    """认定办法 art. 6 second paragraph: "前款所称收入包括工资性收入、经营净收入、财产净收入、转移
    净收入等各类收入。中央确定的城乡居民基本养老保险基础养老金、基本医疗保险等社会保险和优待抚恤金、
    高龄津贴不计入在内。"  Nothing else is left out by art. 6 (social assistance received has
    its own switch, tested below).
    """
    p = person("a", born=ELDER)
    incomes = [
        Income(IncomeType.MEDICAL_INSURANCE, "5000", member="a"),
        Income(IncomeType.PREFERENTIAL_TREATMENT, "5000", member="a"),
        Income(IncomeType.LONGEVITY_ALLOWANCE, "5000", member="a"),
        Income(IncomeType.CENTRAL_BASIC_PENSION, "5000", member="a"),
    ]
    decision = decide(household((p, Relationship.APPLICANT), incomes=incomes))
    assert decision.outcome is Outcome.ELIGIBLE
    assert "assistance.extreme_poverty.income_not_counted" in decision.codes
    text = decision.render("zh")
    assert "高龄津贴" in text
    assert "第六条" in text
    pension = next(
        r for r in decision.reasons if r.code == "assistance.extreme_poverty.income_not_counted"
    )
    assert all(v.status.value == "sourced" for v in pension.parameters)  # no time limit
    for counted in (
        IncomeType.FAMILY_PLANNING_REWARD,
        IncomeType.AWARD,
        IncomeType.DISABILITY_SUBSIDY,
    ):
        h = household((p, Relationship.APPLICANT), incomes=[Income(counted, RURAL, member="a")])
        refused = decide(h)
        assert refused.outcome is Outcome.NOT_ELIGIBLE, counted
        assert "assistance.extreme_poverty.income_not_below_standard" in refused.codes


def test_a_dibao_recipient_can_become_extreme_poverty() -> None:
    """认定办法 art. 6: "收入低于当地最低生活保障标准……应当认定为本办法所称的无生活来源" — it
    does not name assistance received; 社会救助暂行办法 art. 15 para. 3: "特困人员供养应当与城乡居民
    基本养老保险、基本医疗保障、最低生活保障、孤儿基本生活保障等制度相衔接".  Counting the 低保金
    would make own income plus the 低保 difference always equal the standard, so the 低保金 is
    left out by ``assistance.extreme_poverty.income.exclude_social_assistance`` (example data).
    """
    p = person("a", born=dt.date(1937, 3, 1))  # 88 in 2025
    h = household(
        (p, Relationship.APPLICANT),
        incomes=[Income(IncomeType.SOCIAL_ASSISTANCE, RURAL, member="a")],
    )
    decision = decide(h)
    assert decision.outcome is Outcome.ELIGIBLE
    reason = next(
        r for r in decision.reasons if r.code == "assistance.extreme_poverty.income_not_counted"
    )
    assert [v.name for v in reason.parameters] == [
        "assistance.extreme_poverty.income.exclude_social_assistance"
    ]
    assert all(v.status.value == "example" for v in reason.parameters)
    assert "低保金" in decision.render("zh")
    assert decision.uses_example_data
    # With the switch off, the 低保金 counts and reaches the standard: refused.
    book = default_book().override(
        "assistance.extreme_poverty.income.exclude_social_assistance",
        "000000",
        False,
        dt.date(2016, 2, 10),
        None,
    )
    refused = decide(h, book=book)
    assert refused.outcome is Outcome.NOT_ELIGIBLE
    assert "assistance.extreme_poverty.income_not_below_standard" in refused.codes


def test_unattributed_income_in_a_larger_household() -> None:
    elder = person("a", born=ELDER)
    other = person("b", born=dt.date(1990, 1, 1))
    h = household(
        (elder, Relationship.APPLICANT),
        (other, Relationship.OTHER),
        incomes=[Income(IncomeType.WAGES, "2000")],
    )
    decision = decide(h)
    assert decision.outcome is Outcome.CANNOT_DECIDE
    assert decision.missing == ("$.household.incomes[0].member",)
    small = household(
        (elder, Relationship.APPLICANT),
        (other, Relationship.OTHER),
        incomes=[Income(IncomeType.WAGES, "100")],
    )
    assert decide(small).outcome is Outcome.ELIGIBLE  # even all of it stays below


def test_own_vehicle_fails_exempt_vehicle_does_not() -> None:
    p = person("a", born=ELDER)
    owned = household((p, Relationship.APPLICANT), assets=[Asset(AssetType.VEHICLE, "20000")])
    assert decide(owned).outcome is Outcome.NOT_ELIGIBLE
    exempt = household(
        (p, Relationship.APPLICANT), assets=[Asset(AssetType.VEHICLE, "20000", exempt=True)]
    )
    assert decide(exempt).outcome is Outcome.ELIGIBLE


def test_financial_assets_limit() -> None:
    limit = RURAL * 36
    p = person("a", born=ELDER)
    at = household((p, Relationship.APPLICANT), assets=[Asset(AssetType.DEPOSITS, limit)])
    assert decide(at).outcome is Outcome.NOT_ELIGIBLE
    under = household(
        (p, Relationship.APPLICANT), assets=[Asset(AssetType.DEPOSITS, limit - Decimal("0.01"))]
    )
    assert decide(under).outcome is Outcome.ELIGIBLE


# -- supporters ---------------------------------------------------------------------------------


def facts_with(*supporters: Supporter) -> ExtremePovertyFacts:
    return ExtremePovertyFacts(
        supporters=supporters,
        activities_not_achieved=frozenset(),
        arrangement=SupportArrangement.DISPERSED,
    )


RURAL_DISPOSABLE = Decimal(23119)  # assistance.means.disposable_income.rural on ON (example)
KID = dt.date(1980, 1, 1)


def able_child(birth_date: dt.date = KID) -> Supporter:
    """A child in none of art. 8's situations and without a disability, both established."""
    return Supporter(Relationship.CHILD, birth_date=birth_date, situations=(), disabled=False)


def unable(s: Supporter, on: dt.date = ON, **kw: Any) -> Outcome:
    return decide(single(), facts_with(s), on, **kw).outcome


def test_a_capable_supporter_fails_the_test() -> None:
    """认定办法 art. 4 (三): "无法定赡养、抚养、扶养义务人或者其法定义务人无履行义务能力"."""
    decision = decide(single(), facts_with(able_child()))
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert "assistance.extreme_poverty.supporter_able" in decision.codes
    assert "子女" in decision.render("zh")
    assert "第八条" in decision.render("zh")


def test_a_supporter_of_unknown_age_is_asked_about() -> None:
    """Art. 8 (三) turns on the supporter's age (70周岁以上), so an unknown age is asked, with
    the income, registration kind and property that head would need; (一) "特困人员" and (四)
    "重度残疾人" turn on the situations and the disability, not given either."""
    decision = decide(single(), facts_with(Supporter(Relationship.CHILD)))
    assert decision.outcome is Outcome.CANNOT_DECIDE
    assert decision.missing == tuple(
        f"$.facts.supporters[0].{name}"
        for name in (
            "birth_date",
            "disability",
            "monthly_income",
            "property_within_rules",
            "registration_kind",
            "situations",
        )
    )


def test_a_supporters_situations_not_given_are_not_established() -> None:
    """Art. 8 (一) "特困人员" and (二) "60周岁以上的最低生活保障对象": a 65-year-old son whose
    situations are not given may be either, so the decision is open, not a refusal; given as
    none, he is able."""
    son = Supporter(Relationship.CHILD, birth_date=dt.date(1960, 5, 1), disabled=False)
    decision = decide(single(), facts_with(son))
    assert decision.outcome is Outcome.CANNOT_DECIDE
    assert decision.missing == ("$.facts.supporters[0].situations",)
    assert "assistance.extreme_poverty.supporter_unknown" in decision.codes
    assert unable(attrs.evolve(son, situations=())) is Outcome.NOT_ELIGIBLE
    on_dibao = attrs.evolve(son, situations=[SupporterSituation.DIBAO])
    assert unable(on_dibao) is Outcome.ELIGIBLE


def test_a_non_members_disability_not_given_is_not_established() -> None:
    """Art. 8 (四): "重度残疾人和残疾等级为三级的智力、精神残疾人，本人收入低于当地上年人均可支配
    收入，且其财产符合当地低收入家庭财产状况规定的" — asked only where the income and property
    facts leave that head open."""
    poor = Supporter(
        Relationship.CHILD,
        birth_date=KID,
        situations=(),
        registration_kind=RegistrationKind.RURAL,
        monthly_income=Decimal(500),
        property_within_rules=True,
    )
    decision = decide(single(), facts_with(poor))
    assert decision.outcome is Outcome.CANNOT_DECIDE
    assert decision.missing == ("$.facts.supporters[0].disability",)
    assert unable(attrs.evolve(poor, disabled=False)) is Outcome.NOT_ELIGIBLE
    assert unable(attrs.evolve(poor, disabled=True)) is Outcome.CANNOT_DECIDE  # grade unknown
    # Property outside the rules fails (四) whatever the disability: not asked.
    assert unable(attrs.evolve(poor, property_within_rules=False)) is Outcome.NOT_ELIGIBLE
    with pytest.raises(InvalidInputError, match="disabled"):
        Supporter(
            Relationship.CHILD,
            disability=Disability(DisabilityCategory.PHYSICAL, 1),
            disabled=False,
        )


def test_head_1_a_tekun_supporter() -> None:
    """Art. 8 (一): "特困人员"."""
    tekun = Supporter(Relationship.CHILD, situations=[SupporterSituation.EXTREME_POVERTY])
    assert unable(tekun) is Outcome.ELIGIBLE


def test_head_2_dibao_supporter_unable_from_sixty() -> None:
    """Art. 8 (二): "60周岁以上的最低生活保障对象" — age only: a severely disabled dibao recipient
    under 60 is not under (二) (but may be under (四), which has its own income test)."""
    dibao_ = frozenset({SupporterSituation.DIBAO})
    sixty = Supporter(Relationship.CHILD, birth_date=dt.date(1965, 8, 1), situations=dibao_)
    assert unable(sixty) is Outcome.ELIGIBLE
    fifty_nine = Supporter(
        Relationship.CHILD, birth_date=dt.date(1965, 8, 2), situations=dibao_, disabled=False
    )
    assert unable(fifty_nine) is Outcome.NOT_ELIGIBLE
    severe = Supporter(
        Relationship.CHILD,
        birth_date=dt.date(1990, 1, 1),
        disability=Disability(DisabilityCategory.PHYSICAL, 2),
        situations=dibao_,
    )
    decision = decide(single(), facts_with(severe))
    assert decision.outcome is Outcome.CANNOT_DECIDE  # (四) needs income, kind and property
    assert "$.facts.supporters[0].monthly_income" in decision.missing
    poor = attrs.evolve(
        severe,
        monthly_income=Decimal(500),
        registration_kind=RegistrationKind.RURAL,
        property_within_rules=True,
    )
    assert unable(poor) is Outcome.ELIGIBLE


def test_head_3_seventy_with_income_below_disposable_income() -> None:
    """Art. 8 (三): "70周岁以上的老年人，本人收入低于当地上年人均可支配收入，且其财产符合当地低收入
    家庭财产状况规定的" — income compared over the year the figure covers, exactly."""
    base = Supporter(
        Relationship.CHILD,
        birth_date=dt.date(1955, 8, 1),  # 70 on ON
        registration_kind=RegistrationKind.RURAL,
        property_within_rules=True,
        situations=(),
        disabled=False,
    )
    just_below = Decimal("1926.58")  # × 12 = 23118.96 < 23119
    assert unable(attrs.evolve(base, monthly_income=just_below)) is Outcome.ELIGIBLE
    at = Decimal("1926.59")  # × 12 = 23119.08, not below
    assert unable(attrs.evolve(base, monthly_income=at)) is Outcome.NOT_ELIGIBLE
    decision = decide(single(), facts_with(attrs.evolve(base, monthly_income=just_below)))
    reason = next(
        r for r in decision.reasons if r.code == "assistance.extreme_poverty.supporter_unable"
    )
    assert [v.name for v in reason.parameters][-1] == "assistance.means.disposable_income.rural"
    younger = attrs.evolve(base, birth_date=dt.date(1955, 8, 2), monthly_income=Decimal(0))
    assert unable(younger) is Outcome.NOT_ELIGIBLE  # 69
    rich = attrs.evolve(base, monthly_income=Decimal(0), property_within_rules=False)
    assert unable(rich) is Outcome.NOT_ELIGIBLE
    unknown = decide(
        single(), facts_with(attrs.evolve(base, monthly_income=0, property_within_rules=None))
    )
    assert unknown.missing == ("$.facts.supporters[0].property_within_rules",)
    no_income = decide(single(), facts_with(base))
    assert no_income.missing == ("$.facts.supporters[0].monthly_income",)


def test_heads_3_and_4_start_with_the_2021_measures() -> None:
    """Art. 29: "本办法自2021年7月1日起施行" — heads (三) and (四) are new in the 2021 text as
    read; before it they are taken not to apply (example data says so)."""
    book = with_dibao_standard(dt.date(2021, 1, 1), dt.date(2021, 12, 31))
    old = Supporter(
        Relationship.CHILD,
        birth_date=dt.date(1940, 1, 1),
        registration_kind=RegistrationKind.RURAL,
        monthly_income=Decimal(0),
        property_within_rules=True,
        situations=(),
        disabled=False,
    )
    facts = ExtremePovertyFacts(supporters=(old,))  # recognition only: no amount facts
    before = decide(single(), facts, dt.date(2021, 6, 30), book=book)
    after = decide(single(), facts, dt.date(2021, 7, 1), book=book)
    assert ep.meets_conditions(before) is False
    assert ep.meets_conditions(after) is True


@pytest.mark.parametrize(
    ("category", "grade", "head_4"),
    [
        (DisabilityCategory.PHYSICAL, 1, True),
        (DisabilityCategory.VISUAL, 2, True),
        (DisabilityCategory.HEARING, 2, True),
        (DisabilityCategory.PHYSICAL, 3, False),
        (DisabilityCategory.INTELLECTUAL, 3, True),
        (DisabilityCategory.MENTAL, 3, True),
        (DisabilityCategory.MENTAL, 4, False),
    ],
)
def test_head_4_severely_disabled_supporter(
    category: DisabilityCategory, grade: int, head_4: bool
) -> None:
    """Art. 8 (四): "重度残疾人和残疾等级为三级的智力、精神残疾人，本人收入低于当地上年
    人均可支配收入，且其财产符合当地低收入家庭财产状况规定的" — no dibao requirement."""
    s = Supporter(
        Relationship.CHILD,
        birth_date=KID,
        disability=Disability(category, grade),
        registration_kind=RegistrationKind.RURAL,
        monthly_income=Decimal(1000),
        property_within_rules=True,
        situations=(),
    )
    assert (unable(s) is Outcome.ELIGIBLE) is head_4
    if head_4:
        earning = attrs.evolve(s, monthly_income=Decimal(3000))  # 36 000 a year
        assert unable(earning) is Outcome.NOT_ELIGIBLE


def test_head_5_supporter_in_prison_needs_the_property_fact() -> None:
    """Art. 8 (五): "无民事行为能力、被宣告失踪或者在监狱服刑的人员，且其财产符合当地低收入家庭
    财产状况规定的"."""
    for situation in (
        SupporterSituation.IN_PRISON,
        SupporterSituation.DECLARED_MISSING,
        SupporterSituation.NO_CIVIL_CAPACITY,
    ):
        jailed = Supporter(
            Relationship.SPOUSE, birth_date=KID, situations=[situation], disabled=False
        )
        decision = decide(single(), facts_with(jailed))
        assert decision.outcome is Outcome.CANNOT_DECIDE
        assert decision.missing == ("$.facts.supporters[0].property_within_rules",)
        assert unable(attrs.evolve(jailed, property_within_rules=True)) is Outcome.ELIGIBLE
        assert unable(attrs.evolve(jailed, property_within_rules=False)) is Outcome.NOT_ELIGIBLE
    # Unknown age does not matter once a head holds.
    cleared = Supporter(
        Relationship.SPOUSE, situations=[SupporterSituation.IN_PRISON], property_within_rules=True
    )
    assert unable(cleared) is Outcome.ELIGIBLE


def test_head_6_provincial_grounds_only_where_the_province_sets_them() -> None:
    """Art. 8 (六): "省、自治区、直辖市人民政府规定的其他情形" — national default: none."""
    claimed = Supporter(
        Relationship.CHILD,
        birth_date=KID,
        situations=[SupporterSituation.PROVINCIAL_GROUND],
        disabled=False,
    )
    assert unable(claimed) is Outcome.NOT_ELIGIBLE
    book = default_book().override(
        "assistance.extreme_poverty.supporter_unable.provincial_grounds",
        "500000",
        True,
        dt.date(2025, 1, 1),
    )
    assert unable(claimed, book=book) is Outcome.ELIGIBLE


def test_wulong_88_year_old_whose_only_daughter_is_74_and_poor() -> None:
    """The issue's example, on art. 8 (三): "70周岁以上的老年人，本人收入低于当地上年
    人均可支配收入，且其财产符合当地低收入家庭财产状况规定的"; basic living 1001 yuan a
    month in 武隆 from
    2025-07-01 (渝民规〔2025〕6号); art. 17 "从确认之日下月起给予救助供养待遇"."""
    elder = person("a", born=dt.date(1937, 3, 1))
    daughter = Supporter(
        Relationship.CHILD,
        birth_date=dt.date(1951, 5, 1),
        registration_kind=RegistrationKind.RURAL,
        monthly_income=Decimal(600),
        property_within_rules=True,
    )
    decision = ep.assess_person(
        single(elder), "a", dt.date(2025, 8, 15), facts=facts_with(daughter)
    )
    assert decision.outcome is Outcome.ELIGIBLE
    assert decision.amount is not None
    assert decision.amount.lines[0].amount == BASIC
    assert decision.payable_from == dt.date(2025, 9, 1)
    assert decision.payable_until is None
    assert "7200" in decision.render("zh")  # 600 × 12 below last year's figure
    # Heads (三) and (四) both hold for a disabled daughter: each figure is cited once.
    disabled = attrs.evolve(daughter, disability=Disability(DisabilityCategory.PHYSICAL, 1))
    both = ep.assess_person(single(elder), "a", dt.date(2025, 8, 15), facts=facts_with(disabled))
    reason = next(
        r for r in both.reasons if r.code == "assistance.extreme_poverty.supporter_unable"
    )
    assert "(三)" in reason.zh
    assert "(四)" in reason.zh
    assert len(reason.parameters) == len(set(reason.parameters)) == 2


def test_supporter_who_is_a_member_is_read_from_the_household() -> None:
    elder = person("a", born=ELDER)
    son = person("s", born=dt.date(1975, 1, 1), statuses=[SpecialStatus.SERVING_SENTENCE])
    h = household(
        (elder, Relationship.APPLICANT),
        (son, Relationship.CHILD),
        incomes=[Income(IncomeType.WAGES, "0", member="a")],
    )
    facts = facts_with(Supporter(Relationship.CHILD, member="s", property_within_rules=True))
    assert ep.assess_person(h, "a", ON, facts=facts).outcome is Outcome.ELIGIBLE
    with pytest.raises(InvalidInputError, match=r"supporters\[0\]\.member"):
        ep.assess_person(h, "a", ON, facts=facts_with(Supporter(Relationship.CHILD, member="x")))


def test_one_able_supporter_is_enough_to_fail() -> None:
    """Art. 4 (三): every statutory supporter must be unable."""
    decision = decide(
        single(),
        facts_with(
            Supporter(Relationship.CHILD, situations=[SupporterSituation.EXTREME_POVERTY]),
            able_child(),
        ),
    )
    assert decision.outcome is Outcome.NOT_ELIGIBLE


def test_unknown_supporters_cannot_be_decided_but_a_failure_still_decides() -> None:
    decision = decide(single(), ExtremePovertyFacts())
    assert decision.outcome is Outcome.CANNOT_DECIDE
    assert decision.missing == ("$.facts.supporters",)
    assert decision.codes[-1] == "assistance.extreme_poverty.missing_facts"
    not_continuing = ExtremePovertyFacts(supported_as_minor=False)
    adult = decide(single(person("a", born=dt.date(1990, 1, 1))), not_continuing)
    assert adult.outcome is Outcome.NOT_ELIGIBLE
    assert adult.missing == ()


def test_supporter_input_is_validated() -> None:
    with pytest.raises(InvalidInputError, match="member"):
        Supporter(Relationship.CHILD, member="s", birth_date=dt.date(1970, 1, 1))
    with pytest.raises(InvalidInputError, match="relationship"):
        Supporter("child")  # type: ignore[arg-type]


# -- the household form -------------------------------------------------------------------------


def test_assess_decides_every_member_in_order() -> None:
    h = household(
        (person("a", born=ELDER), Relationship.APPLICANT),
        (person("b", born=dt.date(1990, 1, 1)), Relationship.CHILD),
        incomes=[Income(IncomeType.WAGES, "0", member="a")],
    )
    decisions = ep.assess(
        h, ON, facts={"a": ALONE, "b": ExtremePovertyFacts(supported_as_minor=False)}
    )
    assert [d.subject for d in decisions] == ["H (a)", "H (b)"]
    assert decisions[0] == ep.assess_person(h, "a", ON, facts=ALONE)
    assert decisions[1].outcome is Outcome.NOT_ELIGIBLE


def test_unknown_person_is_an_input_error() -> None:
    with pytest.raises(InvalidInputError, match="members"):
        ep.assess_person(single(), "zz", ON)


def test_application_round_trips_through_json() -> None:
    application = ep.ExtremePovertyApplication(single(), "a", ALONE)
    data = unstructure(application, reveal_personal_data=True)
    assert structure(data, ep.ExtremePovertyApplication) == application
    assert ep.assess_application(application, ON) == decide(single())


def test_meets_conditions_separates_recognition_from_the_amount() -> None:
    assert ep.meets_conditions(decide(single())) is True
    no_care_facts = decide(single(), ExtremePovertyFacts(supporters=()))
    assert no_care_facts.outcome is Outcome.CANNOT_DECIDE
    assert ep.meets_conditions(no_care_facts) is True
    assert ep.meets_conditions(decide(single(), ExtremePovertyFacts())) is None
    assert ep.meets_conditions(decide(single(income="5000"))) is False
    with pytest.raises(InvalidInputError):
        ep.meets_conditions(dibao.assess(single(), ON))


# -- payable months, citations ------------------------------------------------------------------


def test_a_minor_on_age_alone_is_paid_through_the_month_of_turning_18() -> None:
    """Art. 17: "从确认之日下月起给予救助供养待遇"; art. 24 second paragraph:
    "特困人员中的未成年人，可继续享有救助供养待遇至18周岁"; art. 26: "作出终止决定并从下月起
    终止救助供养"."""
    facts = ExtremePovertyFacts(
        supporters=(),
        activities_not_achieved=frozenset(),
        arrangement=SupportArrangement.DISPERSED,
        child_allowance=False,
    )
    child = person("c", born=dt.date(2012, 2, 29))
    decision = decide(single(child), facts, dt.date(2025, 8, 31))
    assert decision.payable_from == dt.date(2025, 9, 1)
    assert decision.payable_until == dt.date(2030, 2, 1)  # 18 on 2030-02-28 (no 29 February)
    assert "assistance.extreme_poverty.payable_until" in decision.codes
    assert decision.payable is not None
    assert decision.payable.last_basis is not None
    assert decision.payable.last_basis.article == "第二十四条第二款、第二十六条"
    student = attrs.evolve(child, statuses=frozenset({SpecialStatus.FULL_TIME_STUDENT}))
    assert decide(single(student), facts, dt.date(2025, 8, 31)).payable_until is None
    disabled = attrs.evolve(child, disability=Disability(DisabilityCategory.PHYSICAL, 1))
    assert decide(single(disabled), facts, dt.date(2025, 8, 31)).payable_until is None
    # Turning 18 in the month of the decision: the termination decision fixes the end.
    late = person("c", born=dt.date(2007, 8, 20))
    supported = attrs.evolve(facts, supported_as_minor=True)
    on_the_eve = decide(single(late), supported, dt.date(2025, 8, 10))
    assert on_the_eve.eligible
    assert on_the_eve.payable_from == dt.date(2025, 9, 1)
    assert on_the_eve.payable_until is None


def test_decisions_that_do_not_pay_have_no_payable_months() -> None:
    """Art. 17 applies to "符合救助供养条件的申请" only."""
    assert decide(single(income="5000")).payable is None
    assert decide(single(), ExtremePovertyFacts(supporters=())).payable is None


def test_citations_are_the_articles_read() -> None:
    """认定办法 art. 10 (户籍所在地), art. 5 (无劳动能力), art. 6 (无生活来源), art. 4 (三)."""
    decision = decide(single())
    cited = {r.code: r.citation.article for r in decision.reasons}
    assert cited["assistance.extreme_poverty.registration"] == "第十条"
    assert cited["assistance.extreme_poverty.no_work_capacity.elderly"] == "第五条"
    assert cited["assistance.extreme_poverty.income_below_standard"] == "第六条"
    assert cited["assistance.extreme_poverty.financial_assets"] == "第六条、第七条"
    assert cited["assistance.extreme_poverty.no_supporter"] == "第四条(三)"
    assert all(
        r.citation.note is None or "recalled" not in r.citation.note for r in decision.reasons
    )
    book = default_book()
    for category in ("visual", "physical", "intellectual", "mental", "hearing"):
        _, used = book.count(
            f"assistance.extreme_poverty.no_work_capacity.max_disability_grade.{category}",
            WULONG,
            dt.date(2021, 7, 1),
        )
        assert used.status.value == "sourced", category
        assert "第五条(三)" in (used.article or "")


def test_member_supporter_registration_and_disability_come_from_the_household() -> None:
    """Art. 8 (四) for a supporter who lives in the household: the certificate and the
    registration kind are the member's own."""
    elder = person("a", born=ELDER)
    son = person("s", born=KID, disability=Disability(DisabilityCategory.INTELLECTUAL, 3))
    h = household(
        (elder, Relationship.APPLICANT),
        (son, Relationship.CHILD),
        incomes=[Income(IncomeType.WAGES, "0", member="a")],
    )
    facts = facts_with(
        Supporter(
            Relationship.CHILD, member="s", monthly_income=Decimal(800), property_within_rules=True
        )
    )
    decision = ep.assess_person(h, "a", ON, facts=facts)
    assert decision.outcome is Outcome.ELIGIBLE
    assert "智力残疾3级" in decision.render("zh")
    with pytest.raises(InvalidInputError, match="member"):
        Supporter(Relationship.CHILD, member="s", registration_kind=RegistrationKind.RURAL)
    with pytest.raises(InvalidInputError, match="monthly_income"):
        Supporter(Relationship.CHILD, monthly_income=1.5)  # type: ignore[arg-type] # a float


def test_supporter_facts_round_trip_through_json() -> None:
    """The art. 8 facts of a supporter survive JSON exactly (money as a string, never a float)."""
    daughter = Supporter(
        Relationship.CHILD,
        birth_date=dt.date(1951, 5, 1),
        disability=Disability(DisabilityCategory.MENTAL, 3),
        situations=[SupporterSituation.DIBAO],
        registration_kind=RegistrationKind.URBAN,
        monthly_income=Decimal("600.50"),
        property_within_rules=False,
    )
    application = ep.ExtremePovertyApplication(single(), "a", facts_with(daughter))
    data = unstructure(application, reveal_personal_data=True)
    assert data["facts"]["supporters"][0]["monthly_income"] == "600.50"
    assert structure(data, ep.ExtremePovertyApplication) == application
    data["facts"]["supporters"][0]["monthly_income"] = 600.5
    with pytest.raises(CivaffairsError, match=r"supporters\[0\]\.monthly_income"):
        structure(data, ep.ExtremePovertyApplication)


def test_the_2016_measures_apply_from_their_issue_date() -> None:
    """民发〔2021〕43号 art. 29: "本办法自2021年7月1日起施行。2016年10月10日民政部印发的《特困人员
    认定办法》同时废止" — the 2016 办法 dates from 2016-10-10; before it only 国发〔2016〕14号
    applied, and the 2016 values are carried back to 2016-02-10 as example data."""
    book = default_book()
    name = "assistance.extreme_poverty.no_work_capacity.max_disability_grade.physical"
    cases = (
        (dt.date(2016, 10, 9), "gzf-2016-14"),
        (dt.date(2016, 10, 10), "mz-2016-178"),
        (dt.date(2021, 6, 30), "mz-2016-178"),
        (dt.date(2021, 7, 1), "mz-2021-43"),
    )
    for on, key in cases:
        found = book.get(name, "000000", on)
        assert found.source is not None
        assert found.source.key == key, on
    assert book.get(name, "000000", dt.date(2016, 10, 9)).value == 1  # the 2016 list
    assert book.get(name, "000000", dt.date(2021, 7, 1)).value == 2  # 第五条(三)
