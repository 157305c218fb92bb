import io
import json
from pathlib import Path

import pytest

from civaffairs.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "households.json"


def run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_assess_example_text_zh() -> None:
    code, out, err = run("assess", str(EXAMPLE), "--programme", "assistance.dibao")
    assert (code, err) == (0, "")
    assert out.count("最低生活保障 [assistance.dibao]") == 3
    assert "每月 1,040 元" in out
    assert "500156197803120514" not in out
    assert "陈建国" not in out
    assert "渝民规〔2025〕6号" in out


def test_assess_json_output() -> None:
    code, out, _ = run(
        "assess",
        str(EXAMPLE),
        "--format",
        "json",
        "--on",
        "2025-08-01",
        "--programme",
        "assistance.dibao",
    )
    assert code == 0
    document = json.loads(out)
    assert document["uses_example_data"] is True  # at the top, as issue #15 asks
    decisions = [answer["results"][0]["decision"] for answer in document["answers"]]
    assert [d["outcome"] for d in decisions] == ["eligible", "eligible", "not_eligible"]
    assert decisions[0]["amount"]["total"] == "1040.00"
    assert "500156197803120514" not in out


def test_assess_reads_a_bare_household_from_stdin() -> None:
    household = json.loads(EXAMPLE.read_text(encoding="utf-8"))["households"][0]
    code, out, _ = run(
        "assess",
        "-",
        "--on",
        "2025-08-01",
        "--lang",
        "en",
        "--programme",
        "assistance.dibao",
        stdin=json.dumps(household),
    )
    assert code == 0
    assert "monthly 1,040 元" in out


def test_assess_without_a_date_is_bad_input() -> None:
    household = json.loads(EXAMPLE.read_text(encoding="utf-8"))["households"][0]
    code, out, err = run("assess", "-", stdin=json.dumps(household))
    assert (code, out) == (2, "")
    assert "$.as_of" in err
    assert "no default" in err


def test_bad_document_lists_every_problem_on_stderr() -> None:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["households"][0]["incomes"][0]["monthly"] = 800.5
    data["households"][1]["bogus"] = True
    code, out, err = run("assess", "-", stdin=json.dumps(data))
    assert (code, out) == (2, "")
    assert "$.households[0].incomes[0].monthly" in err
    assert "$.households[1].bogus" in err


def test_missing_file() -> None:
    code, _, err = run("assess", "/nonexistent.json")
    assert code == 2
    assert "/nonexistent.json" in err


def test_date_outside_parameters_is_not_decidable() -> None:
    """No value in force on the date: nothing wrong with the input, and nothing decidable (3)."""
    code, _, err = run("assess", str(EXAMPLE), "--on", "2020-01-01")
    assert code == 3
    assert "assistance.dibao.standard" in err


def test_params_on_a_date() -> None:
    code, out, _ = run("params", "武隆区", "--on", "2025-08-01")
    assert code == 0
    assert "assistance.dibao.standard.urban @ 500000 = 770 元" in out
    assert "EXAMPLE DATA" in out


def test_params_history_and_json() -> None:
    code, out, _ = run("params", "500156", "--format", "json")
    assert code == 0
    values = json.loads(out)
    urban = [v["value"] for v in values if v["name"] == "assistance.dibao.standard.urban"]
    assert urban == ["735", "750", "770"]


def test_params_unknown_jurisdiction() -> None:
    code, _, err = run("params", "不存在县")
    assert code == 2
    assert "不存在县" in err


def test_params_with_a_caller_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(
        'jurisdiction = "421300"\n[[values."assistance.dibao.standard.urban"]]\n'
        'effective_from = 2025-01-01\nvalue = 700\nstatus = "example"\nnote = "test"\n',
        encoding="utf-8",
    )
    code, out, _ = run("params", "421303", "--on", "2025-08-01", "--params", str(path))
    assert code == 0
    assert "@ 421300 = 700 元" in out


def test_usage_errors_exit_2() -> None:
    with pytest.raises(SystemExit) as caught:
        run("assess")
    assert caught.value.code == 2


def test_every_undecidable_household_is_listed_and_the_others_printed(tmp_path: Path) -> None:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    elsewhere = data["households"][0]
    for member in elsewhere["members"]:
        member["person"].pop("resident_id", None)
        member["person"]["registration"]["jurisdiction"] = "110101"
    path = tmp_path / "mixed.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, out, err = run("assess", str(path), "--programme", "assistance.dibao")
    assert code == 3  # a place with no 低保 standard: not decidable there, no bad input
    assert out.count("[assistance.dibao]") == 2
    assert "$.households[0] (WL-2025-0001)" in err
    assert "110101" in err


@pytest.mark.parametrize("document", ["[1, 2]", '"x"', "3"])
def test_a_document_of_the_wrong_shape_is_bad_input(document: str) -> None:
    code, _, err = run("assess", "-", "--on", "2025-08-01", stdin=document)
    assert code == 2
    assert "a JSON object" in err


def test_a_missing_parameter_file_is_bad_input() -> None:
    code, _, err = run("params", "500156", "--params", "/nonexistent.toml")
    assert code == 2
    assert "cannot be read" in err


def test_request_jurisdiction_by_name_is_stored_as_a_code() -> None:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["jurisdiction"] = "武隆区"
    code, out, _ = run("assess", "-", "--format", "json", stdin=json.dumps(data))
    assert code == 0
    answers = json.loads(out)["answers"]
    assert {a["results"][0]["decision"]["jurisdiction"] for a in answers} == {"500156"}
