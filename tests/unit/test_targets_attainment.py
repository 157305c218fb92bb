"""Attainment: statuses at every boundary, gaps in the target's unit, comparisons, bad input."""

from __future__ import annotations

import datetime as dt
import importlib
from decimal import Decimal

import attrs
import pytest

from civaffairs.conversion import dumps, loads
from civaffairs.errors import InvalidDocumentError
from civaffairs.targets import (
    Alternative,
    Attainment,
    AttainmentStatus,
    Bound,
    Comparator,
    FigureKind,
    Indicator,
    Measure,
    Result,
    Status,
    Target,
    Unit,
    UnitMismatchError,
    WorkPlan,
    attainment,
    compare_jurisdictions,
    compare_years,
    load_plan,
    load_results,
    render,
)
from civaffairs.targets.data import indicators
from civaffairs.targets.model import Domain, check_results

MET = AttainmentStatus.MET
NOT_MET = AttainmentStatus.NOT_MET
NO_RESULT = AttainmentStatus.NO_RESULT
NOT_MEASURABLE = AttainmentStatus.NOT_MEASURABLE
SUIZHOU = "421300"


def target(
    indicator: str,
    comparator: Comparator,
    value: str | None,
    unit: Unit,
    *,
    upper: str | None = None,
    deadline: dt.date | None = None,
    alternatives: tuple[Alternative, ...] = (),
    target_id: str = "t1",
) -> Target:
    return Target(
        id=target_id,
        indicator=indicator,
        jurisdiction=SUIZHOU,
        place="随州市",
        year=2025,
        comparator=comparator,
        value=None if value is None else Decimal(value),
        unit=unit,
        upper=None if upper is None else Decimal(upper),
        deadline=deadline,
        alternatives=alternatives,
    )


def plan(*targets: Target, jurisdiction: str | None = SUIZHOU) -> WorkPlan:
    return WorkPlan(
        id="test-2025", jurisdiction=jurisdiction, place="随州市", year=2025, targets=targets
    )


def result(
    indicator: str,
    value: str | None = None,
    unit: Unit | None = None,
    *,
    numerator: str | None = None,
    denominator: str | None = None,
    year: int = 2025,
    as_of: dt.date | None = None,
    bound: Bound = Bound.EXACT,
    jurisdiction: str | None = SUIZHOU,
) -> Result:
    return Result(
        indicator=indicator,
        jurisdiction=jurisdiction,
        place="随州市",
        year=year,
        value=None if value is None else Decimal(value),
        unit=unit,
        numerator=None if numerator is None else Decimal(numerator),
        denominator=None if denominator is None else Decimal(denominator),
        as_of=as_of,
        bound=bound,
    )


MEAL_AID = target(
    "eldercare.meal_aid_central_urban_coverage", Comparator.AT_LEAST, "60", Unit.PERCENT
)


def judge(goal: Target, *results: Result, **options: object) -> Attainment:
    return attainment(plan(goal), results, **options)  # type: ignore[arg-type]


# --- boundaries ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("measured", "status"),
    [("60", MET), ("60.0", MET), ("60.000", MET), ("59.99", NOT_MET), ("100", MET)],
)
def test_reaching_60_percent_meets_da_dao_60(measured: str, status: AttainmentStatus) -> None:
    table = judge(MEAL_AID, result(MEAL_AID.indicator, measured, Unit.PERCENT))
    assert table.rows[0].status is status


def test_counts_behind_a_ratio_are_exact_at_the_boundary() -> None:
    assert (
        judge(MEAL_AID, result(MEAL_AID.indicator, numerator="3", denominator="5")).rows[0].status
        is MET
    )
    short = judge(MEAL_AID, result(MEAL_AID.indicator, numerator="2999", denominator="5000"))
    row = short.rows[0]
    assert row.status is NOT_MET
    assert row.measured == Decimal("59.98")
    assert row.gap == Decimal("-0.02")
    assert row.gap_share == Decimal("-0.0003")  # of the target: -0.02 / 60, rounded for display


def test_a_third_is_rounded_for_display_but_judged_exactly() -> None:
    goal = target("eldercare.nursing_bed_share", Comparator.AT_LEAST, "33.3333", Unit.PERCENT)
    row = judge(goal, result(goal.indicator, numerator="1", denominator="3")).rows[0]
    assert row.status is MET  # 33.33333... > 33.3333, although both show as 33.3333
    assert row.measured == Decimal("33.3333")
    assert row.outcomes[0].rounded
    just_above = target(
        "eldercare.nursing_bed_share", Comparator.AT_LEAST, "33.33334", Unit.PERCENT
    )
    assert (
        judge(just_above, result(goal.indicator, numerator="1", denominator="3")).rows[0].status
        is NOT_MET
    )


def test_100_percent_meets_100_percent_yi_shang() -> None:
    jinhua = load_plan("jinhua-2023")
    goal = jinhua.targets[13]
    assert goal.source is not None
    assert goal.source.quote == "乡镇(街道)未成年人保护工作站覆盖率达到100%以上"
    full = Result(
        indicator=goal.indicator,
        jurisdiction="330700",
        place="金华市",
        year=2023,
        numerator=Decimal(147),
        denominator=Decimal(147),
    )
    table = attainment(jinhua, [full])
    assert table.row(goal.id).status is MET
    assert table.row(goal.id).gap == 0


@pytest.mark.parametrize(
    ("comparator", "measured", "status"),
    [
        (Comparator.AT_LEAST, "96", MET),
        (Comparator.AT_LEAST, "95.9", NOT_MET),
        (Comparator.AT_MOST, "96", MET),
        (Comparator.AT_MOST, "96.1", NOT_MET),
        (Comparator.MORE_THAN, "96", NOT_MET),  # 超过/突破: the bound is not included
        (Comparator.MORE_THAN, "96.01", MET),
        (Comparator.LESS_THAN, "96", NOT_MET),  # 不满/不足: the bound is not included
        (Comparator.LESS_THAN, "95.99", MET),
        (Comparator.EXACTLY, "96", MET),
        (Comparator.EXACTLY, "96.5", NOT_MET),
    ],
)
def test_each_comparator_at_its_bound(
    comparator: Comparator, measured: str, status: AttainmentStatus
) -> None:
    goal = target("funeral.cremation_rate", comparator, "96", Unit.PERCENT)
    assert judge(goal, result(goal.indicator, measured, Unit.PERCENT)).rows[0].status is status


def test_lottery_sales_must_break_through_3000_wan_yuan() -> None:
    wulong = load_plan("wulong-2025")
    goal = wulong.targets[6]
    assert goal.comparator is Comparator.MORE_THAN

    def sales(value: str, unit: Unit) -> AttainmentStatus:
        found = Result(
            indicator=goal.indicator,
            jurisdiction="500156",
            place="武隆区",
            year=2025,
            value=Decimal(value),
            unit=unit,
        )
        return attainment(wulong, [found]).row(goal.id).status

    assert sales("3000", Unit.WAN_YUAN) is NOT_MET
    assert sales("0.3", Unit.YI_YUAN) is NOT_MET  # the same 3,000 万元
    assert sales("30000000", Unit.YUAN) is NOT_MET
    assert sales("30000000.01", Unit.YUAN) is MET
    assert sales("3000.01", Unit.WAN_YUAN) is MET


@pytest.mark.parametrize(
    ("measured", "status", "gap"),
    [("0", NOT_MET, "-1"), ("1", MET, "0"), ("2", MET, "0"), ("3", NOT_MET, "1")],
)
def test_a_range_includes_both_ends(measured: str, status: AttainmentStatus, gap: str) -> None:
    goal = target("eldercare.service_brands", Comparator.BETWEEN, "1", Unit.UNIT, upper="2")
    row = judge(goal, result(goal.indicator, measured, Unit.UNIT)).rows[0]
    assert row.status is status
    assert row.gap == Decimal(gap)


# --- about, increase, either-or, deadlines, bounds -----------------------------------------------

FUNDS = target("resettlement.support_funds", Comparator.ABOUT, "1.4", Unit.YI_YUAN)


def test_about_is_not_measurable_without_a_stated_tolerance() -> None:
    row = judge(FUNDS, result(FUNDS.indicator, "1.45", Unit.YI_YUAN)).rows[0]
    assert row.status is NOT_MEASURABLE
    assert row.gap == Decimal("0.05")  # the gap is reported all the same
    assert [n.code for n in row.outcomes[0].notes] == ["about_untested"]


@pytest.mark.parametrize(
    ("measured", "status"),
    [("1.33", MET), ("1.47", MET), ("1.4701", NOT_MET), ("1.3299", NOT_MET), ("14000", MET)],
)
def test_about_with_an_explicit_tolerance_includes_its_bounds(
    measured: str, status: AttainmentStatus
) -> None:
    unit = Unit.WAN_YUAN if measured == "14000" else Unit.YI_YUAN
    table = judge(FUNDS, result(FUNDS.indicator, measured, unit), about_tolerance=Decimal("0.05"))
    assert table.rows[0].status is status
    assert table.about_tolerance == Decimal("0.05")


def test_a_bad_tolerance_is_bad_input() -> None:
    with pytest.raises(InvalidDocumentError) as caught:
        judge(FUNDS, about_tolerance=Decimal("1.5"))
    assert [e.path for e in caught.value.errors] == ["$.about_tolerance"]


def test_increase_compares_with_the_year_before() -> None:
    goal = target("funeral.cremation_rate", Comparator.INCREASE, None, Unit.PERCENT)
    before = result(goal.indicator, "90", Unit.PERCENT, year=2024)
    higher = judge(goal, before, result(goal.indicator, "91.5", Unit.PERCENT)).rows[0]
    assert (higher.status, higher.baseline, higher.gap) == (MET, Decimal(90), Decimal("1.5"))
    same = judge(goal, before, result(goal.indicator, "90", Unit.PERCENT)).rows[0]
    assert same.status is NOT_MET
    alone = judge(goal, result(goal.indicator, "91.5", Unit.PERCENT)).rows[0]
    assert alone.status is NOT_MEASURABLE
    assert [n.code for n in alone.outcomes[0].notes] == ["no_baseline"]


def test_increase_over_a_lower_bound_baseline_cannot_be_confirmed() -> None:
    goal = target("funeral.cremation_rate", Comparator.INCREASE, None, Unit.PERCENT)
    floor = result(goal.indicator, "90", Unit.PERCENT, year=2024, bound=Bound.AT_LEAST)
    above = judge(goal, floor, result(goal.indicator, "90.01", Unit.PERCENT)).rows[0]
    assert above.status is NOT_MEASURABLE
    assert "baseline_lower_bound" in [n.code for n in above.outcomes[0].notes]
    # At or below the floor, the true baseline is at least as high: not increased.
    below = judge(goal, floor, result(goal.indicator, "90", Unit.PERCENT)).rows[0]
    assert below.status is NOT_MET


INVESTMENT = target(
    "administration.investment_attracted",
    Comparator.AT_LEAST,
    "3",
    Unit.YI_YUAN,
    alternatives=(
        Alternative(
            indicator="administration.investment_projects_100m",
            comparator=Comparator.AT_LEAST,
            value=Decimal(2),
            unit=Unit.UNIT,
        ),
    ),
)


@pytest.mark.parametrize(
    ("amount", "projects", "status"),
    [
        ("25000", "2", MET),  # 2.5亿元 but two projects of 1亿元 or more
        ("30000", None, MET),  # 3亿元, given in 万元
        ("25000", "1", NOT_MET),  # neither way
        ("25000", None, NO_RESULT),  # the other way may still be met
        (None, None, NO_RESULT),
    ],
)
def test_either_or_is_met_either_way(
    amount: str | None, projects: str | None, status: AttainmentStatus
) -> None:
    results = []
    if amount is not None:
        results.append(result(INVESTMENT.indicator, amount, Unit.WAN_YUAN))
    if projects is not None:
        results.append(result("administration.investment_projects_100m", projects, Unit.UNIT))
    row = judge(INVESTMENT, *results).rows[0]
    assert row.status is status
    assert len(row.outcomes) == 2
    if amount == "25000":
        assert (row.measured, row.gap, row.gap_share) == (
            Decimal("2.5"),
            Decimal("-0.5"),
            Decimal("-0.1667"),
        )


def test_a_result_after_the_deadline_is_no_evidence() -> None:
    qingshen = load_plan("qingshen-2020")
    goal = qingshen.targets[17]  # 到2020年6月底 … 达到注册志愿者总数的50%
    assert goal.due == dt.date(2020, 6, 30)

    def found(as_of: dt.date | None, value: str) -> Result:
        return Result(
            indicator=goal.indicator,
            jurisdiction="511425",
            place="青神县",
            year=2020,
            value=Decimal(value),
            unit=Unit.PERCENT,
            as_of=as_of,
        )

    year_end = attainment(qingshen, [found(None, "60")]).row(goal.id)
    assert year_end.status is NO_RESULT
    assert [n.code for n in year_end.outcomes[0].notes] == ["after_deadline"]
    on_time = attainment(qingshen, [found(dt.date(2020, 6, 30), "50"), found(None, "40")])
    assert on_time.row(goal.id).status is MET
    assert on_time.unused == ()  # the late result is noted on its target, not as unused
    earlier = attainment(
        qingshen, [found(dt.date(2020, 3, 31), "30"), found(dt.date(2020, 6, 1), "50")]
    )
    assert earlier.row(goal.id).measured == Decimal(50)  # the latest usable result counts
    assert len(earlier.unused) == 1


def test_a_lower_bound_decides_only_when_it_suffices() -> None:
    goal = target("eldercare.elder_cultural_event_reach", Comparator.AT_LEAST, "50000", Unit.PERSON)
    reach = result(goal.indicator, "5", Unit.WAN_PERSON, bound=Bound.AT_LEAST)
    assert judge(goal, reach).rows[0].status is MET
    higher = target(
        "eldercare.elder_cultural_event_reach", Comparator.AT_LEAST, "60000", Unit.PERSON
    )
    row = judge(higher, reach).rows[0]
    assert row.status is NOT_MEASURABLE
    assert [n.code for n in row.outcomes[0].notes] == ["lower_bound"]
    ceiling = target(
        "eldercare.elder_cultural_event_reach", Comparator.AT_MOST, "40000", Unit.PERSON
    )
    assert judge(ceiling, reach).rows[0].status is NOT_MET


# --- gaps and units ------------------------------------------------------------------------------


def test_gap_is_in_the_targets_unit_and_as_a_share() -> None:
    beds = target("eldercare.family_beds", Comparator.AT_LEAST, "200", Unit.BED)
    row = judge(beds, result(beds.indicator, "150", Unit.BED)).rows[0]
    assert (row.status, row.gap, row.gap_share) == (NOT_MET, Decimal(-50), Decimal("-0.25"))
    households = target(
        "eldercare.home_adaptation_households", Comparator.AT_LEAST, "1000", Unit.HOUSEHOLD
    )
    row = judge(households, result(households.indicator, "0.12", Unit.WAN_HOUSEHOLD)).rows[0]
    assert (row.status, row.measured, row.gap) == (MET, Decimal(1200), Decimal(200))


def test_a_result_in_the_wrong_unit_is_an_error_naming_the_field() -> None:
    beds = target("eldercare.family_beds", Comparator.AT_LEAST, "200", Unit.BED)
    with pytest.raises(InvalidDocumentError) as caught:
        judge(beds, result(beds.indicator, "60", Unit.PERCENT))
    (error,) = caught.value.errors
    assert isinstance(error, UnitMismatchError)
    assert error.path == "$.results[0].unit"
    assert "'张'" in error.expected
    assert "percent" in str(error) or "share" in str(error)


def test_a_ratio_with_a_zero_denominator_is_an_error_naming_the_field() -> None:
    with pytest.raises(InvalidDocumentError) as caught:
        judge(MEAL_AID, result(MEAL_AID.indicator, numerator="0", denominator="0"))
    assert [e.path for e in caught.value.errors] == ["$.results[0].denominator"]
    assert "cannot be zero" in str(caught.value)


def test_a_plan_for_an_unknown_jurisdiction_is_an_error_naming_the_field() -> None:
    bad = plan(attrs.evolve(MEAL_AID, jurisdiction="999999"), jurisdiction="999999")
    with pytest.raises(InvalidDocumentError) as caught:
        attainment(bad, [])
    assert [e.path for e in caught.value.errors] == ["$.plan.jurisdiction"]
    assert "999999" in str(caught.value)


def test_every_problem_of_the_input_is_reported_at_once() -> None:
    beds = target("eldercare.family_beds", Comparator.AT_LEAST, "200", Unit.PERCENT)
    with pytest.raises(InvalidDocumentError) as caught:
        attainment(
            plan(beds),
            [
                result("eldercare.family_beds", "2", Unit.HOUSEHOLD),
                result("no.such.indicator", "1", Unit.UNIT),
                result("eldercare.nursing_bed_share", numerator="1", denominator="-2"),
            ],
            about_tolerance=Decimal(-1),
        )
    assert [e.path for e in caught.value.errors] == [
        "$.plan.targets[0].unit",
        "$.about_tolerance",
        "$.results[0].unit",
        "$.results[1].indicator",
        "$.results[2].denominator",
    ]


def test_a_result_for_an_indicator_the_plan_lacks_is_a_warning_or_a_strict_error() -> None:
    extra = result("funeral.cremation_rate", "97", Unit.PERCENT)
    table = judge(MEAL_AID, extra)
    (unused,) = table.unused
    assert (unused.path, unused.reason.code) == ("$.results[0]", "not_in_plan")
    assert "$.results[0] funeral.cremation_rate (2025)" in render(table, "en")
    with pytest.raises(InvalidDocumentError) as caught:
        judge(MEAL_AID, extra, strict=True)
    assert [e.path for e in caught.value.errors] == ["$.results[0].indicator"]


def test_results_for_another_place_or_year_are_not_used() -> None:
    table = judge(
        MEAL_AID,
        result(MEAL_AID.indicator, "70", Unit.PERCENT, jurisdiction="500156"),
        result(MEAL_AID.indicator, "70", Unit.PERCENT, year=2022),
    )
    assert table.rows[0].status is NO_RESULT
    assert [u.reason.code for u in table.unused] == ["other_place", "other_year"]


def test_plan_local_indicators_are_judged() -> None:
    own = Indicator(
        id="local.tea_rooms",
        zh="社区茶室",
        en="community tea rooms",
        unit=Unit.UNIT,
        measure=Measure.COUNT,
        domain=Domain.COMMUNITY,
    )
    goal = target("local.tea_rooms", Comparator.AT_LEAST, "3", Unit.UNIT)
    local = WorkPlan(
        id="tea-2025",
        jurisdiction=SUIZHOU,
        place="随州市",
        year=2025,
        targets=(goal,),
        indicators=(own,),
    )
    table = attainment(local, [result("local.tea_rooms", "4", Unit.UNIT)])
    assert table.rows[0].status is MET
    assert "社区茶室" in render(table)


# --- the shipped data, across years and places ---------------------------------------------------


def test_last_years_summary_against_this_years_plan() -> None:
    summary = load_results("example-city-2025")
    table = attainment(load_plan("example-city-2026"), summary.results)
    assert table.uses_example_data
    assert all(row.status in {NO_RESULT, NOT_MEASURABLE} for row in table.rows)
    baselines = {row.target.indicator: row.baseline for row in table.rows}
    assert baselines["eldercare.nursing_bed_share"] == Decimal(62)
    assert baselines["disability.two_subsidies_beneficiaries"] == Decimal(18000)  # 1.8万人
    comparisons = {
        c.target.indicator: c
        for c in compare_years(load_plan("example-city-2026"), summary.results)
    }
    nursing = comparisons["eldercare.nursing_bed_share"]
    assert (nursing.baseline, nursing.change, nursing.status) == (Decimal(62), Decimal(3), NOT_MET)
    points = comparisons["eldercare.rural_mutual_aid_points_new"]
    assert (points.baseline, points.change, points.status) == (Decimal(120), Decimal(-40), MET)
    assert comparisons["eldercare.rural_facility_coverage"].change is None  # an increase target


def test_the_same_indicator_across_jurisdictions() -> None:
    beds = compare_jurisdictions("eldercare.family_beds")
    assert [(f.place, f.year, f.kind, f.value, f.unit) for f in beds] == [
        ("武隆区", 2025, FigureKind.TARGET, Decimal(100), Unit.BED),
        ("随州市", 2025, FigureKind.TARGET, Decimal(200), Unit.BED),
    ]
    stations = compare_jurisdictions("children.minors_workstation_coverage")
    assert [(f.place, f.year, f.kind, f.value, f.status) for f in stations] == [
        ("金华市", 2023, FigureKind.TARGET, Decimal(100), Status.SOURCED),
        ("某市", 2025, FigureKind.RESULT, Decimal(100), Status.EXAMPLE),
    ]
    visits = compare_jurisdictions("eldercare.lone_elders_visited")
    assert [(f.value, f.unit) for f in visits] == [(Decimal(32000), Unit.PERSON)]
    with pytest.raises(ValueError, match=r"no\.such"):
        compare_jurisdictions("no.such")
    zero = result("eldercare.nursing_bed_share", numerator="1", denominator="0")
    with pytest.raises(InvalidDocumentError) as caught:
        compare_jurisdictions("eldercare.nursing_bed_share", results=[zero])
    assert [e.path for e in caught.value.errors] == ["$.results[0].denominator"]


def test_compare_jurisdictions_converts_to_the_indicators_unit() -> None:
    sales = Result(
        indicator="charity.lottery_sales",
        jurisdiction="421300",
        place="随州市",
        year=2025,
        value=Decimal("2.9"),
        unit=Unit.YI_YUAN,
    )
    figures = compare_jurisdictions(
        "charity.lottery_sales", plans=[load_plan("wulong-2025")], results=[sales]
    )
    assert [(f.place, f.comparator, f.value, f.unit) for f in figures] == [
        ("武隆区", Comparator.MORE_THAN, Decimal(3000), Unit.WAN_YUAN),
        ("随州市", None, Decimal(29000), Unit.WAN_YUAN),
    ]


# --- rendering and JSON --------------------------------------------------------------------------


def test_render_in_both_languages_flags_example_data() -> None:
    summary = load_results("example-city-2025")
    table = attainment(load_plan("example-city-2026"), summary.results)
    zh = render(table, "zh")
    en = table.render("en")
    assert "注意: 本表使用示例数据" in zh
    assert "护理型床位占比" in zh
    assert "NOTE: this table uses example data" in en
    assert "share of nursing-type beds among eldercare beds" in en
    assert "合计: 已达成 0, 未达成 0, 暂无结果 8, 无法判定 0" in zh
    sourced = render(attainment(load_plan("wulong-2025")), "zh")
    assert "示例数据" not in sourced
    assert sourced.startswith("武隆区 (500156) 2025 [wulong-2025]")


def test_render_shows_either_or_lines_and_gaps() -> None:
    text = render(
        judge(
            INVESTMENT,
            result(INVESTMENT.indicator, "2.5", Unit.YI_YUAN),
            result("administration.investment_projects_100m", "2", Unit.UNIT),
        ),
        "zh",
    )
    assert "或 亿元以上招商项目" in text
    assert "→ 满足其一即可" in text
    assert "-0.5 亿元 (-16.67%)" in text
    meal = render(judge(MEAL_AID, result(MEAL_AID.indicator, "55", Unit.PERCENT)), "en")
    assert "-5 pts" in meal
    assert "not met" in meal


def test_attainment_round_trips_through_json() -> None:
    summary = load_results("example-city-2025")
    table = attainment(load_plan("example-city-2026"), summary.results)
    assert loads(dumps(table), Attainment) == table
    judged = judge(INVESTMENT, result(INVESTMENT.indicator, "2.5", Unit.YI_YUAN))
    assert loads(dumps(judged), Attainment) == judged
    assert '"status": "no_result"' in dumps(judged)


def test_a_result_measured_before_its_year_is_refused() -> None:
    any_percent = next(i for i in indicators().values() if i.unit is Unit.PERCENT)
    result = Result(
        indicator=any_percent.id,
        jurisdiction="421300",
        place="随州市",
        year=2026,
        value=Decimal(70),
        unit=Unit.PERCENT,
        as_of=dt.date(2025, 6, 30),
    )
    problems = check_results([result], indicators())
    assert [p.path for p in problems] == ["$.results[0].as_of"]


def test_the_attainment_module_still_names_what_moved_out() -> None:
    """Comparisons and rendering have their own modules; the old import path still works."""
    from civaffairs.targets import comparisons, evaluation, rendering  # noqa: PLC0415

    # The package's ``attainment`` is the function: take the module itself.
    module = importlib.import_module("civaffairs.targets.attainment")

    assert module.render is rendering.render
    assert module.compare_years is comparisons.compare_years
    assert module.compare_jurisdictions is comparisons.compare_jurisdictions
    assert module.YearComparison is comparisons.YearComparison
    assert module.JurisdictionFigure is comparisons.JurisdictionFigure
    assert module.FigureKind is comparisons.FigureKind
    assert module.AttainmentStatus is evaluation.AttainmentStatus
    with pytest.raises(AttributeError):
        _ = module.no_such_name


def test_labels_live_on_the_members_with_their_defaults() -> None:
    """Statuses, domains, comparators, dimensions and units carry their own words."""
    from civaffairs.targets.model import Comparator, Domain  # noqa: PLC0415
    from civaffairs.targets.units import Dimension, Unit  # noqa: PLC0415

    assert AttainmentStatus.NO_RESULT.label() == "暂无结果"
    assert AttainmentStatus.NO_RESULT.label("en") == "no result yet"
    assert AttainmentStatus("not_met") is AttainmentStatus.NOT_MET
    assert Domain.CHILDREN.label() == "儿童福利和未成年人保护"
    assert Domain("funeral").label("en") == "funeral services"
    assert Comparator.MORE_THAN.symbol == ">"
    assert Comparator.MORE_THAN.label() == "超过"
    assert Comparator.INCREASE.label("en") == "higher than the year before"
    assert "突破" in Comparator.MORE_THAN.words
    assert Dimension.MONEY.label() == "an amount of money (元, 万元, 亿元)"  # English by default
    assert Dimension.MONEY.label("zh") == "金额"
    assert Unit("万元") is Unit.WAN_YUAN
    assert (Unit.WAN_YUAN.dimension, Unit.WAN_YUAN.exponent) == (Dimension.MONEY, 4)
    assert (Unit.BED.label(), Unit.BED.label("en"), Unit.BED.en) == ("张", "beds", "beds")
