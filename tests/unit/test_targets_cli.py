"""The ``civaffairs targets`` sub-command, on a parser built here (as the lead will wire it)."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

from civaffairs.targets.cli import EXIT_BAD_INPUT, EXIT_OK, register, run


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="civaffairs")
    register(parser.add_subparsers(dest="command", required=True))
    return parser


def cli(*argv: str) -> tuple[int, str, str]:
    args = _parser().parse_args(["targets", *argv])
    out, err = io.StringIO(), io.StringIO()
    code = run(args, out, err)
    return code, out.getvalue(), err.getvalue()


def test_register_adds_the_sub_command_and_its_options() -> None:
    args = _parser().parse_args(["targets", "suizhou-2025"])
    assert (args.command, args.plan, args.results, args.fmt, args.lang) == (
        "targets",
        "suizhou-2025",
        [],
        "text",
        "zh",
    )
    assert (args.about_tolerance, args.strict) == (None, False)


def test_a_shipped_plan_as_a_text_table() -> None:
    code, out, err = cli("suizhou-2025")
    assert (code, err) == (EXIT_OK, "")
    assert out.startswith("随州市 (421300) 2025 [suizhou-2025] 2025年全市民政工作要点")
    assert "老年助餐服务中心城区社区覆盖率" in out
    assert "合计: 已达成 0, 未达成 0, 暂无结果 21, 无法判定 0" in out


def test_plan_by_jurisdiction_and_year_in_english() -> None:
    for spec in ("500156-2025", "武隆区-2025"):
        code, out, _ = cli(spec, "--lang", "en")
        assert code == EXIT_OK
        assert "[wulong-2025]" in out
        assert "total: met 0, not met 0, no result yet 14, not measurable 0" in out


def test_the_example_city_against_its_summary() -> None:
    code, out, err = cli("某市-2026", "--results", "example-city-2025")
    assert (code, err) == (EXIT_OK, "")
    assert "注意: 本表使用示例数据" in out
    assert "护理型床位占比" in out
    assert "未使用的结果:" in out


def test_json_output_is_the_attainment_document() -> None:
    code, out, _ = cli("example-city-2026", "--results", "example-city-2025", "--format", "json")
    assert code == EXIT_OK
    data = json.loads(out)
    assert data["plan_id"] == "example-city-2026"
    assert data["status"] == "example"
    nursing = next(r for r in data["rows"] if r["target"]["id"] == "example-city-2026-07")
    assert nursing["outcomes"][0]["baseline"] == "62"
    assert nursing["status"] == "no_result"


def test_a_plan_file_and_a_results_file(tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_text(
        'id = "mine-2025"\njurisdiction = "421300"\nyear = 2025\n\n'
        '[[targets]]\nid = "beds"\nindicator = "eldercare.family_beds"\n'
        'comparator = "at_least"\nvalue = 200\nunit = "张"\n\n'
        '[[targets]]\nid = "funds"\nindicator = "resettlement.support_funds"\n'
        'comparator = "about"\nvalue = 1.4\nunit = "亿元"\n',
        encoding="utf-8",
    )
    results = tmp_path / "results.json"
    results.write_text(
        json.dumps(
            {
                "jurisdiction": "随州市",
                "year": 2025,
                "results": [
                    {"indicator": "eldercare.family_beds", "value": 210, "unit": "张"},
                    {"indicator": "resettlement.support_funds", "value": 14500, "unit": "万元"},
                    {"indicator": "funeral.cremation_rate", "value": 97, "unit": "%"},
                ],
            }
        ),
        encoding="utf-8",
    )
    code, out, err = cli(str(plan), "--results", str(results), "--lang", "en")
    assert (code, err) == (EXIT_OK, "")
    assert "total: met 1, not met 0, no result yet 0, not measurable 1" in out
    assert "funeral.cremation_rate (2025): the plan has no target on it" in out
    code, out, _ = cli(str(plan), "--results", str(results), "--about-tolerance", "0.05")
    assert "已达成 2" in out
    code, out, err = cli(str(plan), "--results", str(results), "--strict")
    assert (code, out) == (EXIT_BAD_INPUT, "")
    assert "$.results[2].indicator" in err


def test_every_problem_goes_to_stderr_with_exit_2(tmp_path: Path) -> None:
    plan = tmp_path / "bad.toml"
    plan.write_text(
        'id = "bad"\njurisdiction = "999999"\nyear = 2025\ncolour = "red"\n'
        '[[targets]]\nid = "x"\nindicator = "eldercare.family_beds"\n'
        'comparator = "at_least"\nvalue = 1\nunit = "%"\n',
        encoding="utf-8",
    )
    results = tmp_path / "bad.json"
    results.write_text(
        '{"jurisdiction": "421300", "year": 2025, "results": ['
        '{"indicator": "eldercare.nursing_bed_share", "numerator": 1, "denominator": 0}]}',
        encoding="utf-8",
    )
    code, out, err = cli(str(plan), "--results", str(results), "--results", "nope")
    assert (code, out) == (EXIT_BAD_INPUT, "")
    assert "$.colour" in err  # unknown keys are refused first, by the schema
    assert "$.results[0].denominator" in err
    assert "unknown result set 'nope'" in err
    assert err.count("civaffairs targets: error:") == 3


def test_semantic_problems_of_a_plan_file_are_all_listed(tmp_path: Path) -> None:
    plan = tmp_path / "bad.toml"
    plan.write_text(
        'id = "bad"\njurisdiction = "999999"\nyear = 2025\n'
        '[[targets]]\nid = "x"\nindicator = "eldercare.family_beds"\n'
        'comparator = "at_least"\nvalue = 1\nunit = "%"\n',
        encoding="utf-8",
    )
    code, _, err = cli(str(plan))
    assert code == EXIT_BAD_INPUT
    assert "$.jurisdiction" in err
    assert "999999" in err
    assert "$.targets[0].unit" in err


def test_unknown_plan_and_bad_tolerance() -> None:
    code, out, err = cli("atlantis-2025")
    assert (code, out) == (EXIT_BAD_INPUT, "")
    assert "unknown plan 'atlantis-2025'" in err
    assert "suizhou-2025" in err
    code, _, err = cli("suizhou-2025", "--about-tolerance", "lots")
    assert code == EXIT_BAD_INPUT
    assert "--about-tolerance" in err
    code, _, err = cli("suizhou-2025", "--about-tolerance", "2")
    assert code == EXIT_BAD_INPUT
    assert "$.about_tolerance" in err
