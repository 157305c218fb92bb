"""The shipped targets and results: verbatim quotes, faithful values, strict loading."""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from civaffairs.errors import InvalidDocumentError
from civaffairs.targets import (
    Bound,
    Comparator,
    Measure,
    Result,
    Status,
    Target,
    Unit,
    UnitMismatchError,
    UnknownPlanError,
    find_plan,
    indicators,
    load_plan,
    load_plan_file,
    load_results,
    load_results_file,
    plan_from_data,
    plan_ids,
    resolve_plan,
    resolve_results,
    result_set_ids,
    results_from_data,
    shipped_plans,
    shipped_result_sets,
)

#: The seed documents the shipped plans quote.  They are not package data: they live outside
#: the package, in ``../shared/seeds`` from the repository root, where CI's checkout layout puts
#: them; a bare clone has no such folder, and the tests that read them say so and skip.
SEEDS = Path(__file__).parents[2].parent / "shared" / "seeds"
NO_SEEDS = (
    f"the seed texts are not here: they live outside the package, in {SEEDS} "
    "(../shared/seeds from the repository root, present in CI's checkout layout, "
    "absent from a bare clone)"
)
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason=NO_SEEDS)
SEED_FILES = {
    "000_4739414166c02117.txt": ("suizhou-2025",),
    "001_4da03db8b20f27eb.txt": ("jinhua-2023",),
    "002_6d7d4d09d672319e.txt": ("qingshen-2020",),
    "003_c27a7c16ed3bcc01.txt": ("example-city-2026", "example-city-2025"),
    "004_20fe4599c17d82c4.txt": ("wulong-2025",),
}
ALL_TARGETS = [t for plan in shipped_plans() for t in plan.targets]
ALL_RESULTS = [r for s in shipped_result_sets() for r in s.results]
# Words that stand for "every one of them", read as 100 %.
ALL_WORDS = ("全覆盖", "所有", "全部", "全面完成")
CHINESE_NUMERALS = {Decimal(6): "六", Decimal(15): "十五"}
UNIT_ALIASES = {
    Unit.UNIT: ("个", "家", "所", "座"),
    Unit.PERSON: ("人", "名"),
    Unit.WAN_PERSON: ("万人", "万名", "万余人"),
    Unit.WAN_YUAN: ("万元", "万"),
}


@functools.cache
def _seed_texts() -> dict[str, str]:
    """Return every seed text in :data:`SEEDS`, by file name (read once)."""
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))}


def _figures() -> list[tuple[str, Target | Result]]:
    found: list[tuple[str, Target | Result]] = [(t.id, t) for t in ALL_TARGETS]
    found += [(f"{r.source.section if r.source else ''} {r.indicator}", r) for r in ALL_RESULTS]
    return found


def _number(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _value_written(value: Decimal, quote: str) -> bool:
    return _number(value) in quote or CHINESE_NUMERALS.get(value, "\0") in quote


def _unit_written(unit: Unit, quote: str) -> bool:
    if unit is Unit.PER_10K_RESIDENTS:
        return "每万" in quote and "人" in quote
    if unit is Unit.YUAN_PER_PERSON_MONTH:
        return "每人每月" in quote and "元" in quote
    return any(form in quote for form in UNIT_ALIASES.get(unit, (unit.value,)))


# --- the shipped set as a whole ------------------------------------------------------------------


def test_shipped_ids_and_counts() -> None:
    assert plan_ids() == (
        "example-city-2026",
        "jinhua-2023",
        "qingshen-2020",
        "suizhou-2025",
        "wulong-2025",
    )
    assert result_set_ids() == ("example-city-2025",)
    counts = {plan.id: len(plan.targets) for plan in shipped_plans()}
    assert counts == {
        "example-city-2026": 8,
        "jinhua-2023": 39,
        "qingshen-2020": 18,
        "suizhou-2025": 21,
        "wulong-2025": 14,
    }
    assert len(ALL_RESULTS) == 36
    alternatives = sum(len(t.alternatives) for t in ALL_TARGETS)
    assert (len(ALL_TARGETS), alternatives, len(ALL_RESULTS)) == (100, 1, 36)


def test_every_seed_is_shipped_and_named_in_its_files() -> None:
    seeds = Counter(
        figure.source.document.seed for _, figure in _figures() if figure.source is not None
    )
    assert set(seeds) == set(SEED_FILES)
    for seed, ids in SEED_FILES.items():
        for shipped in ids:
            source = (
                load_plan(shipped).document
                if shipped in plan_ids()
                else load_results(shipped).document
            )
            assert source is not None
            assert source.seed == seed


def test_plans_are_keyed_by_jurisdiction_and_year() -> None:
    expected = {
        "suizhou-2025": ("421300", "随州市", 2025),
        "jinhua-2023": ("330700", "金华市", 2023),
        "qingshen-2020": ("511425", "青神县", 2020),
        "wulong-2025": ("500156", "武隆区", 2025),
        "example-city-2026": (None, "某市", 2026),
    }
    for plan in shipped_plans():
        assert (plan.jurisdiction, plan.place, plan.year) == expected[plan.id]
        for target in plan.targets:
            assert (target.jurisdiction, target.place, target.year) == expected[plan.id]
            assert target.id.startswith(f"{plan.id}-")
    assert find_plan("金华市", 2023).id == "jinhua-2023"
    assert find_plan("511425", 2020).id == "qingshen-2020"
    assert find_plan("某市", 2026).id == "example-city-2026"
    with pytest.raises(UnknownPlanError, match="随州市-2024"):
        find_plan("随州市", 2024)


def test_the_unnamed_city_is_example_data_without_a_code() -> None:
    plan = load_plan("example-city-2026")
    summary = load_results("example-city-2025")
    for data in (plan, summary):
        assert data.status is Status.EXAMPLE
        assert data.jurisdiction is None
        assert data.place == "某市"
        assert data.note is not None
        assert "example data" in data.note
    assert all(t.status is Status.EXAMPLE for t in plan.targets)
    assert all(r.status is Status.EXAMPLE for r in summary.results)
    assert {r.year for r in summary.results} == {2025}
    # Every other plan is sourced.
    assert {p.id for p in shipped_plans() if p.status is Status.SOURCED} == {
        "suizhou-2025",
        "jinhua-2023",
        "qingshen-2020",
        "wulong-2025",
    }


# --- every figure against its quote --------------------------------------------------------------


@needs_seeds
def test_the_seed_folder_holds_the_seeds_the_figures_name() -> None:
    """Every seed text is shipped as data, and every figure names a seed that is there."""
    named = {f.source.document.seed for _, f in _figures() if f.source is not None}
    assert set(_seed_texts()) == named == set(SEED_FILES)


@needs_seeds
@pytest.mark.parametrize(("name", "figure"), _figures(), ids=[n for n, _ in _figures()])
def test_quote_is_verbatim_in_its_seed(name: str, figure: Target | Result) -> None:
    assert figure.source is not None, name
    assert figure.source.quote, name
    seed = figure.source.document.seed
    assert seed is not None
    assert figure.source.quote in _seed_texts()[seed]


def test_every_figure_ships_its_seed_name_section_and_quote() -> None:
    for name, figure in _figures():
        assert figure.source is not None, name
        assert figure.source.document.seed in SEED_FILES, name
        assert figure.source.section, name
        assert figure.source.quote, name


@pytest.mark.parametrize("target", ALL_TARGETS, ids=[t.id for t in ALL_TARGETS])
def test_target_value_unit_and_comparator_match_the_quote(target: Target) -> None:
    assert target.source is not None
    quote = target.source.quote or ""
    stated = any(word in quote for word in target.comparator.words)
    # A comparator the quote does not state is an inference, and the reading says so.
    assert stated or target.reading, f"{target.id}: no comparator word and no reading"
    if target.comparator is Comparator.INCREASE:
        assert target.value is None
        return
    assert target.value is not None
    if not _value_written(target.value, quote):
        assert target.value == 100
        assert target.unit is Unit.PERCENT
        assert target.reading is not None
        assert any(word in quote and word in target.reading for word in ALL_WORDS), target.id
        return
    assert _unit_written(target.unit, quote), target.id
    if target.unit is Unit.WAN_YUAN and "万元" not in quote:
        assert target.reading is not None
        assert "万元" in target.reading
    if target.upper is not None:
        assert _value_written(target.upper, quote)


@pytest.mark.parametrize(
    "result", ALL_RESULTS, ids=[f"{i:02d}-{r.indicator}" for i, r in enumerate(ALL_RESULTS)]
)
def test_result_value_and_unit_match_the_quote(result: Result) -> None:
    assert result.source is not None
    quote = result.source.quote or ""
    assert result.value is not None
    assert result.unit is not None
    if _value_written(result.value, quote):
        assert _unit_written(result.unit, quote), result.indicator
    else:
        assert (result.value, result.unit) == (Decimal(100), Unit.PERCENT)
        assert "全覆盖" in quote
        assert result.note is not None
        assert "全覆盖" in result.note
    assert (result.bound is Bound.AT_LEAST) == ("余" in quote)


def test_figures_are_recorded_as_printed_and_convert_exactly() -> None:
    found = {r.indicator: r for r in ALL_RESULTS}
    visits = found["eldercare.lone_elders_visited"]
    assert (visits.value, visits.unit) == (Decimal("3.2"), Unit.WAN_PERSON)
    reach = found["eldercare.elder_cultural_event_reach"]
    assert (reach.value, reach.unit, reach.bound) == (Decimal(5), Unit.WAN_PERSON, Bound.AT_LEAST)
    target = load_plan("jinhua-2023").targets[6]
    assert (target.value, target.unit, target.comparator) == (
        Decimal(1),
        Unit.WAN_PERSON_TIME,
        Comparator.AT_LEAST,
    )


def test_special_readings_of_the_seeds() -> None:
    wulong = load_plan("wulong-2025")
    brands = wulong.targets[4]
    assert (brands.comparator, brands.value, brands.upper) == (
        Comparator.BETWEEN,
        Decimal(1),
        Decimal(2),
    )
    lottery = wulong.targets[6]
    assert lottery.comparator is Comparator.MORE_THAN  # 突破 excludes the bound, like 超过
    investment = load_plan("suizhou-2025").targets[19]
    assert investment.indicator == "administration.investment_attracted"
    assert [a.indicator for a in investment.alternatives] == [
        "administration.investment_projects_100m"
    ]
    qingshen = load_plan("qingshen-2020")
    deadlines = {t.indicator: t.deadline for t in qingshen.targets if t.deadline}
    assert deadlines["social_work.volunteers_with_record_share"] == dt.date(2020, 6, 30)
    assert qingshen.targets[13].comparator is Comparator.EXACTLY  # 保持在100%
    assert load_plan("jinhua-2023").targets[33].comparator is Comparator.ABOUT  # 1.4亿元左右
    each = [t.id for t in ALL_TARGETS if t.each]
    assert len(each) == 6


def test_catalogue_is_consistent() -> None:
    catalogue = indicators()
    assert len(catalogue) == 122
    used = {i for t in ALL_TARGETS for i in (t.indicator, *(a.indicator for a in t.alternatives))}
    used |= {r.indicator for r in ALL_RESULTS}
    assert used == set(catalogue)  # every indicator is used by the shipped data
    for indicator in catalogue.values():
        assert indicator.id.startswith(f"{indicator.domain.value}.")
        assert (indicator.measure is Measure.SHARE) == (indicator.unit is Unit.PERCENT)
        assert indicator.measure.is_ratio == (indicator.ratio is not None)
        assert indicator.zh
        assert indicator.en


def test_shared_indicators_link_years_and_places() -> None:
    def places(indicator: str) -> set[str]:
        found = {t.place for t in ALL_TARGETS if t.indicator == indicator}
        return found | {r.place for r in ALL_RESULTS if r.indicator == indicator}

    assert places("eldercare.family_beds") == {"随州市", "武隆区"}
    assert places("disability.mental_rehab_served_rate") == {"随州市", "武隆区"}
    assert places("eldercare.nursing_bed_share") == {"某市"}
    assert places("children.minors_workstation_coverage") == {"金华市", "某市"}
    assert places("funeral.cremation_rate") == {"青神县", "武隆区"}


# --- the loader ----------------------------------------------------------------------------------


def _plan_data(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "id": "test-2025",
        "jurisdiction": "421300",
        "year": 2025,
        "targets": [
            {
                "id": "t1",
                "indicator": "eldercare.family_beds",
                "comparator": "at_least",
                "value": 200,
                "unit": "张",
            }
        ],
    }
    data.update(changes)
    return data


def _paths(error: InvalidDocumentError) -> list[str]:
    return [e.path for e in error.errors]


def test_plan_from_data_resolves_a_name_and_fills_the_targets() -> None:
    plan = plan_from_data(_plan_data(jurisdiction="随州市"))
    assert (plan.jurisdiction, plan.place) == ("421300", "随州市")
    assert plan.targets[0].jurisdiction == "421300"
    assert plan.targets[0].due == dt.date(2025, 12, 31)


def test_plan_file_refuses_unknown_keys_and_reports_every_problem() -> None:
    data = _plan_data()
    data["bogus"] = 1
    data["targets"] = [
        {"id": "t1", "indicator": "eldercare.family_beds", "comparator": "at_least",
         "value": 200, "unit": "张", "colour": "red"},
        {"id": "t2", "indicator": "eldercare.family_beds", "comparator": "sometimes",
         "value": 1, "unit": "张"},
    ]  # fmt: skip
    with pytest.raises(InvalidDocumentError) as caught:
        plan_from_data(data)
    assert set(_paths(caught.value)) == {
        "$.bogus",
        "$.targets[0].colour",
        "$.targets[1].comparator",
    }


def test_plan_file_semantic_problems_are_named_by_path() -> None:
    data = _plan_data(
        jurisdiction="999999",
        targets=[
            {"id": "a", "indicator": "eldercare.family_beds", "comparator": "at_least",
             "value": 60, "unit": "%"},
            {"id": "a", "indicator": "eldercare.nursing_bed_share", "comparator": "at_least",
             "value": 120, "unit": "%"},
            {"id": "c", "indicator": "no.such", "comparator": "between", "value": 1, "unit": "个"},
            {"id": "d", "indicator": "funeral.cremation_rate", "comparator": "increase",
             "value": 96, "unit": "%"},
            {"id": "e", "indicator": "funeral.cremation_rate", "comparator": "at_least",
             "unit": "%", "deadline": "2024-12-31"},
        ],
    )  # fmt: skip
    with pytest.raises(InvalidDocumentError) as caught:
        plan_from_data(data)
    paths = _paths(caught.value)
    assert paths == [
        "$.jurisdiction",
        "$.targets[0].unit",
        "$.targets[1].id",
        "$.targets[1].value",
        "$.targets[2].indicator",
        "$.targets[2].upper",
        "$.targets[3].value",
        "$.targets[4].deadline",
        "$.targets[4].value",
    ]
    assert isinstance(caught.value.errors[1], UnitMismatchError)
    assert "999999" in str(caught.value)


def test_example_plan_needs_a_note_and_quotes_need_a_document() -> None:
    data = _plan_data(jurisdiction=None, place="某县", status="example")
    data["targets"] = [
        {"id": "t1", "indicator": "eldercare.family_beds", "comparator": "at_least",
         "value": 200, "unit": "张", "quote": "建设200张"},
    ]  # fmt: skip
    with pytest.raises(InvalidDocumentError) as caught:
        plan_from_data(data)
    assert _paths(caught.value) == ["$.targets[0].quote", "$.note"]


def test_a_place_without_code_or_label_is_refused() -> None:
    with pytest.raises(InvalidDocumentError) as caught:
        plan_from_data(_plan_data(jurisdiction=None))
    assert _paths(caught.value) == ["$.jurisdiction"]


def test_a_plan_may_declare_its_own_indicators() -> None:
    own = {
        "id": "local.tea_rooms",
        "zh": "社区茶室",
        "en": "community tea rooms",
        "unit": "个",
        "measure": "count",
        "domain": "community",
    }
    data = _plan_data(indicators=[own])
    data["targets"] = [
        {"id": "t1", "indicator": "local.tea_rooms", "comparator": "at_least", "value": 3,
         "unit": "个"},
    ]  # fmt: skip
    plan = plan_from_data(data)
    assert plan.indicators[0].zh == "社区茶室"
    bad = dict(own, id="eldercare.family_beds", measure="share")
    with pytest.raises(InvalidDocumentError) as caught:
        plan_from_data(_plan_data(indicators=[bad]))
    assert _paths(caught.value) == [
        "$.indicators[0].id",
        "$.indicators[0].unit",
        "$.indicators[0].ratio",
    ]


def test_plan_and_results_files_in_toml_and_json(tmp_path: Path) -> None:
    toml = tmp_path / "plan.toml"
    toml.write_text(
        'id = "mine-2025"\njurisdiction = "武隆区"\nyear = 2025\n\n'
        '[[targets]]\nid = "x"\nindicator = "eldercare.nursing_bed_share"\n'
        'comparator = "at_least"\nvalue = 62.5\nunit = "%"\n',
        encoding="utf-8",
    )
    plan = load_plan_file(toml)
    assert plan.targets[0].value == Decimal("62.5")
    assert resolve_plan(str(toml)) == plan
    results = tmp_path / "results.json"
    results.write_text(
        '{"jurisdiction": "500156", "year": 2025, "results": ['
        '{"indicator": "eldercare.nursing_bed_share", "value": 62.50, "unit": "%"},'
        '{"indicator": "eldercare.nursing_bed_share", "numerator": 5, "denominator": 8, '
        '"as_of": "2025-06-30"}]}',
        encoding="utf-8",
    )
    loaded = load_results_file(results)
    assert loaded.results[0].value == Decimal("62.50")  # read from its text, never a float
    assert loaded.results[1].as_of == dt.date(2025, 6, 30)
    assert loaded.place == "武隆区"
    assert resolve_results(str(results)) == loaded


def test_broken_files_are_bad_input(tmp_path: Path) -> None:
    broken = tmp_path / "plan.toml"
    broken.write_text("id = [", encoding="utf-8")
    with pytest.raises(InvalidDocumentError, match="valid plan file"):
        load_plan_file(broken)
    with pytest.raises(InvalidDocumentError, match="existing plan file"):
        load_plan_file(tmp_path / "missing.toml")
    with pytest.raises(UnknownPlanError, match="example-city-2025"):
        resolve_results("no-such-set")
    with pytest.raises(UnknownPlanError, match="JURISDICTION-YEAR"):
        resolve_plan("nowhere")


def test_resolve_plan_by_id_and_by_jurisdiction_year() -> None:
    assert resolve_plan("suizhou-2025").id == "suizhou-2025"
    assert resolve_plan("421300-2025").id == "suizhou-2025"
    assert resolve_plan("随州市-2025").id == "suizhou-2025"
    assert resolve_plan("武隆区:2025").id == "wulong-2025"
    assert resolve_plan("某市-2026").id == "example-city-2026"
    assert resolve_results("example-city-2025").id == "example-city-2025"


def test_results_file_problems_are_named_by_path() -> None:
    data = {
        "jurisdiction": "421300",
        "results": [
            {"indicator": "eldercare.family_beds", "value": 1, "unit": "%", "year": 2025},
            {"indicator": "eldercare.nursing_bed_share", "numerator": 1, "denominator": 0},
            {"indicator": "eldercare.family_beds", "numerator": 1, "denominator": 2,
             "year": 2025, "as_of": "2025-06-30"},
            {"indicator": "eldercare.nursing_bed_share", "numerator": 3, "denominator": 2,
             "year": 2025},
            {"indicator": "eldercare.family_beds", "value": "2.5", "unit": "张", "year": 2025,
             "as_of": "2025-03-31"},
            {"indicator": "eldercare.nursing_bed_share", "value": 50, "unit": "%", "year": 2025},
            {"indicator": "eldercare.nursing_bed_share", "value": 101, "unit": "%",
             "year": 2024},
        ],
    }  # fmt: skip
    with pytest.raises(InvalidDocumentError) as caught:
        results_from_data(data)
    assert _paths(caught.value) == [
        "$.results[1].year",
        "$.results[0].unit",
        "$.results[1].denominator",
        "$.results[2].numerator",
        "$.results[3].numerator",
        "$.results[4].value",
        "$.results[5].indicator",
        "$.results[6].value",
    ]
    assert "denominator cannot be zero" in str(caught.value)


def test_json_numbers_are_read_from_their_text() -> None:
    text = (
        '{"place": "某市", "year": 2025, "status": "example", "note": "n", "results": ['
        '{"indicator": "eldercare.nursing_bed_share", "value": 0.1, "unit": "%"}]}'
    )
    loaded = results_from_data(json.loads(text, parse_float=str))
    assert loaded.results[0].value == Decimal("0.1")
