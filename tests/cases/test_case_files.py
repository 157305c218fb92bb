"""The policy case format and its pytest plugin (civaffairs.testing.cases, .pytest_plugin).

The project's own case files (``tests/cases/**/*.cases.toml``) are run by the plugin, one test
per case; these tests check that they are all collected and that the plugin reports failures
and malformed cases readably.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest

from civaffairs.entities import Household
from civaffairs.testing.cases import (
    CaseFileError,
    CaseMismatchError,
    calculator,
    check_case,
    load_cases,
    parse_cases,
    read_case_file,
    register_calculator,
    run_case,
)

pytest_plugins = ["pytester"]

HERE = Path(__file__).parent
CASE_FILES = sorted(HERE.glob("**/*.cases.toml"))

SINGLE = (
    '{"id": "H", "members": [{"relationship": "applicant", "lives_together": true, '
    '"person": {"id": "a", "birth_date": "1960-01-01", "sex": "female", '
    '"registration": {"jurisdiction": "500156", "kind": "urban"}}}], '
    '"incomes": [{"type": "transfer", "monthly": "720", "member": "a"}]}'
)


def case_file(body: str, *, header: str = 'programme = "assistance.dibao"\n') -> str:
    return header + textwrap.dedent(body)


DIFFERENCE = "assistance.dibao.amount_difference"
PASSING = case_file(
    f"""
    [[case]]
    name = "urban single person, 720 yuan"
    as_of = 2025-08-01
    source = "渝民规〔2025〕6号 (urban 770)"
    expected = {{ outcome = "eligible", amount = "50.00", codes = ["{DIFFERENCE}"] }}
    input = '{SINGLE}'
    """
)


# -- the project's own case files ---------------------------------------------------------------


def test_every_project_case_file_loads_without_problems() -> None:
    cases = [case for path in CASE_FILES for case in load_cases(path)]
    assert len(cases) >= 7, "the regulation examples under tests/cases/ must all be found"
    assert all(case.source.strip() for case in cases), "every case names the rule it exercises"


def test_the_plugin_is_installed(pytestconfig: pytest.Config) -> None:
    assert pytestconfig.pluginmanager.has_plugin("civaffairs"), (
        "reinstall civaffairs (pip install -e .) so the pytest11 entry point is registered"
    )


# -- the format ---------------------------------------------------------------------------------


def test_a_passing_case_builds_its_input_and_calculator() -> None:
    [case] = parse_cases(PASSING, "x.cases.toml")
    assert case.name == "urban single person, 720 yuan"
    assert case.as_of == dt.date(2025, 8, 1)
    assert isinstance(case.input, Household)
    assert case.line == 3
    result = check_case(case)
    assert result.passed
    assert result.decision.amount is not None
    assert result.decision.amount.total == Decimal("50.00")


def test_input_may_be_a_toml_table_with_toml_dates_and_decimals() -> None:
    [case] = parse_cases(
        case_file(
            """
            [[case]]
            name = "table input"
            as_of = 2025-08-01
            source = "s"
            expected = { outcome = "eligible", amount = 50, period = "monthly" }
            [case.input]
            id = "H"
            incomes = [{ type = "transfer", monthly = 720.00, member = "a" }]
            [[case.input.members]]
            relationship = "applicant"
            lives_together = true
            person = { id = "a", birth_date = 1960-01-01, sex = "female", registration = { jurisdiction = "500156", kind = "urban" } }
            """  # noqa: E501 - a TOML inline table must stay on one line
        )
    )
    assert run_case(case).passed


def problems(text: str) -> list[tuple[str | None, str, str]]:
    with pytest.raises(CaseFileError) as info:
        parse_cases(text, "bad.cases.toml")
    assert all(p.file == "bad.cases.toml" for p in info.value.problems)
    return [(p.case, p.field, p.message) for p in info.value.problems]


def test_every_problem_is_named_by_case_and_field() -> None:
    found = problems(
        case_file(
            f"""
            [[case]]
            name = "bad"
            as_of = "2025-08-01"
            sauce = "typo"
            source = ""
            expected = {{ outcome = "maybe", amount = 1.005, codes = "x", surprise = 1 }}
            input = '{SINGLE.replace('"1960-01-01"', '"1960-02-30"')}'
            """
        )
    )
    fields = [(case, field) for case, field, _ in found]
    assert fields == [
        ("bad", "sauce"),
        ("bad", "as_of"),
        ("bad", "source"),
        ("bad", "expected.surprise"),
        ("bad", "expected.outcome"),
        ("bad", "expected.amount"),
        ("bad", "expected.codes"),
        ("bad", "input.members[0].person.birth_date"),
    ]
    messages = {(case, field): message for case, field, message in found}
    assert "unquoted" in messages[("bad", "as_of")]
    assert "allowed:" in messages[("bad", "sauce")]


def test_required_keys_and_unknown_programmes() -> None:
    found = problems(
        case_file(
            """
            [[case]]
            name = "nothing"
            programme = "assistance.no_such_thing"
            """,
            header="",
        )
    )
    fields = {field: message for _, field, message in found}
    assert set(fields) == {"as_of", "source", "expected", "programme"}
    assert "known programmes: " in fields["programme"]
    assert "assistance.dibao" in fields["programme"]


def test_file_level_problems_raise_for_the_whole_file() -> None:
    found = problems("program = 'assistance.dibao'\n[[case]]\nname = 'x'\n")
    assert (None, "program") in [(case, field) for case, field, _ in found]
    with pytest.raises(CaseFileError, match="not valid TOML"):
        parse_cases("[[case]\n", "bad.cases.toml")


def test_names_are_unique_and_a_bad_case_does_not_hide_the_others(tmp_path: Path) -> None:
    text = PASSING + PASSING + "\n[[case]]\nname = 'broken'\n"
    path = tmp_path / "dup.cases.toml"
    path.write_text(text, encoding="utf-8")
    entries = read_case_file(path)
    assert [e.name for e in entries] == [
        "urban single person, 720 yuan",
        "urban single person, 720 yuan [1]",
        "broken",
    ]
    assert entries[0].case is not None
    assert entries[1].error is not None
    assert entries[1].error.problems[0].field == "name"
    assert entries[2].error is not None


def test_overrides_and_parameter_files(tmp_path: Path) -> None:
    (tmp_path / "params.toml").write_text(
        textwrap.dedent(
            """
            jurisdiction = "500156"
            [[values."assistance.dibao.standard.urban"]]
            effective_from = 2025-08-01
            value = 800
            status = "example"
            note = "a what-if"
            # 特困 stays at 1.3 × 低保 or more (820 below: 1066); the relations are checked.
            [[values."assistance.extreme_poverty.basic_living_standard.urban"]]
            effective_from = 2025-08-01
            value = 1066
            status = "example"
            note = "a what-if"
            """
        ),
        encoding="utf-8",
    )
    path = tmp_path / "what-if.cases.toml"
    path.write_text(
        case_file(
            f"""
            parameter_files = ["params.toml"]

            [[case]]
            name = "the county's own standard"
            as_of = 2025-08-01
            source = "s"
            expected = {{ outcome = "eligible", amount = "80.00", example_data = true }}
            input = '{SINGLE}'

            [[case]]
            name = "an override on top, for one month"
            as_of = 2025-09-15
            source = "s"
            overrides = [
              {{ name = "assistance.dibao.standard.urban", jurisdiction = "500156", value = 820, from = 2025-09-01, to = 2025-09-30 }},
            ]
            expected = {{ outcome = "eligible", amount = "100.00" }}
            input = '{SINGLE}'
            """  # noqa: E501 - a TOML inline table must stay on one line
        ),
        encoding="utf-8",
    )
    first, second = load_cases(path)
    assert first.parameter_files == (str(tmp_path / "params.toml"),)
    assert run_case(first).passed
    assert run_case(second).passed
    assert "assistance.dibao.standard.urban @ 500156 = 820" in run_case(second).report()


def test_bad_overrides_are_named() -> None:
    found = problems(
        case_file(
            f"""
            [[case]]
            name = "o"
            as_of = 2025-08-01
            source = "s"
            expected = {{ outcome = "eligible" }}
            input = '{SINGLE}'
            overrides = [
              {{ name = "assistance.dibao.standard.urban", jurisdiction = "500000", value = 800 }},
              {{ name = "no.such.parameter", jurisdiction = "500000", value = 1, from = 2025-01-01 }},
              {{ name = "assistance.dibao.standard.urban", jurisdiction = "500000", value = true, from = 2025-01-01 }},
            ]
            """  # noqa: E501 - a TOML inline table must stay on one line
        )
    )
    fields = [field for _, field, _ in found]
    assert fields == ["overrides[0].from", "overrides[1]", "overrides[2]"]


def test_a_failure_shows_expected_and_decided_and_the_reasons() -> None:
    text = PASSING.replace('amount = "50.00"', 'amount = "60.00"').replace(
        '"assistance.dibao.amount_difference"',
        '"assistance.dibao.amount_difference", "dibao.amount_flor"',
    )
    [case] = parse_cases(text, "x.cases.toml")
    with pytest.raises(CaseMismatchError) as info:
        check_case(case)
    report = str(info.value)
    assert "policy case 'urban single person, 720 yuan' failed" in report
    assert "  file: x.cases.toml:3" in report
    assert "- amount: 60.00\n+ amount: 50.00" in report
    assert "dibao.amount_flor (not a declared reason code)" in report
    assert "  outcome: eligible" in report
    assert "basis: 《社会救助暂行办法》(国务院令第649号) 第九条" in report
    assert isinstance(info.value, AssertionError)


def test_the_decision_is_shown_in_chinese_on_request() -> None:
    [case] = parse_cases(PASSING.replace("eligible", "not_eligible"), "x.cases.toml")
    with pytest.raises(CaseMismatchError) as info:
        check_case(case, lang="zh")
    assert "结论: 符合条件" in str(info.value)


def my_assess(household: Household, on: dt.date) -> object:
    """A calculator of another project: it does not return a Decision."""
    return (household, on)


def test_calculators_of_other_projects() -> None:
    spec = f"{__name__}:my_assess"
    assert calculator(spec).input_type is Household
    assert calculator(spec).programme is None
    [case] = parse_cases(
        PASSING.replace('programme = "assistance.dibao"', f'programme = "{spec}"'), "x.cases.toml"
    )
    with pytest.raises(TypeError, match="expected a Decision"):
        run_case(case)
    with pytest.raises(LookupError, match="cannot import"):
        calculator("no_such_module:assess")
    found = problems(
        PASSING.replace(
            "as_of = 2025-08-01", 'as_of = 2025-08-01\njurisdiction = "500156"'
        ).replace('programme = "assistance.dibao"', f'programme = "{spec}"')
    )
    assert [field for _, field, _ in found] == ["jurisdiction"]


def test_registered_calculators_win() -> None:
    from civaffairs.assistance import dibao  # noqa: PLC0415 - the module under test

    # A code of its own for the dibao calculator: the decision's programme then differs.
    register_calculator("test.flipped", dibao.assess)
    try:
        [case] = parse_cases(
            PASSING.replace('programme = "assistance.dibao"', 'programme = "test.flipped"'),
            "x.cases.toml",
        )
        result = run_case(case)
        assert [m.field for m in result.mismatches] == ["programme"]
    finally:
        from civaffairs.testing.cases import calculators  # noqa: PLC0415 - to clean up

        calculators._CALCULATORS.pop("test.flipped")


# -- the plugin ---------------------------------------------------------------------------------


def test_the_plugin_collects_case_files_and_reports_failures(pytester: pytest.Pytester) -> None:
    pytester.makefile(".cases.toml", good=PASSING)
    pytester.makefile(".cases.toml", wrong=PASSING.replace('"50.00"', '"51.00"'))
    pytester.makefile(".toml", ignored=PASSING)
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*policy case: urban single person, 720 yuan*",
            "policy case 'urban single person, 720 yuan' failed",
            "  file: wrong.cases.toml:3",
            "- amount: 51.00",
            "+ amount: 50.00",
            "decision:",
            "*basis: 《社会救助暂行办法》(国务院令第649号) 第九条*",
            "FAILED wrong.cases.toml::urban single person, 720 yuan - policy case *",
        ]
    )
    assert "Traceback" not in result.stdout.str()


def test_the_plugin_reports_malformed_cases_and_files(pytester: pytest.Pytester) -> None:
    pytester.makefile(".cases.toml", cases=PASSING.replace("as_of = 2025-08-01", "as_of = 1"))
    pytester.makefile(".cases.toml", broken="programme = 1\nwhatever = 2\n[[case]]\n")
    result = pytester.runpytest("-p", "no:cacheprovider", "--continue-on-collection-errors")
    result.assert_outcomes(failed=1, errors=1)
    result.stdout.fnmatch_lines(
        [
            "*ERROR collecting broken.cases.toml*",
            "invalid policy case file: 2 problems",
            "*broken.cases.toml: whatever: unknown key*",
            "*broken.cases.toml: programme: got 1, expected a non-empty string*",
            "invalid policy case 'urban single person, 720 yuan': 1 problem",
            "*cases.cases.toml: case 'urban single person, 720 yuan': as_of: got 1, expected a*",
        ]
    )


def test_a_calculator_error_is_reported_with_the_case(pytester: pytest.Pytester) -> None:
    pytester.makefile(".cases.toml", early=PASSING.replace("2025-08-01", "2001-01-01"))
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "policy case 'urban single person, 720 yuan' could not be decided",
            "  file: early.cases.toml:3",
            "ParameterOutOfRangeError: parameter 'assistance.dibao.standard.urban' has no value *",
        ]
    )
    assert "Traceback" not in result.stdout.str()


def test_case_directories_and_language_are_configured(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\ncivaffairs_case_dirs = policy\ncivaffairs_case_lang = zh\n")
    folder = pytester.mkdir("policy")
    (folder / "dibao.toml").write_text(PASSING.replace("eligible", "not_eligible"), "utf-8")
    (folder / "ok.toml").write_text(PASSING, "utf-8")
    pytester.makefile(".toml", elsewhere=PASSING)
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*结论: 符合条件*"])


def test_the_plugin_can_be_turned_off(pytester: pytest.Pytester) -> None:
    pytester.makefile(".cases.toml", good=PASSING)
    result = pytester.runpytest("-p", "no:cacheprovider", "-p", "no:civaffairs")
    assert result.ret == pytest.ExitCode.NO_TESTS_COLLECTED
