"""Bad input never crashes, is never silently accepted, and never leaks personal data.

Each test feeds one kind of bad document (or file, or pipe) to ``civaffairs assess``
in-process and checks the exit status (2, with a message naming the path and what was
expected) and that nothing personal or terminal-driving is echoed.
"""

from __future__ import annotations

import codecs
import copy
import datetime as dt
import io
import json
import re
from pathlib import Path
from typing import Any

import attrs
import pytest

from civaffairs import cli, conversion, jurisdictions
from civaffairs.assistance import dibao
from civaffairs.conversion import AssessmentRequest, parse_json, structure
from civaffairs.entities import Person, Registration, RegistrationKind, Sex
from civaffairs.errors import InvalidDocumentError, InvalidInputError
from civaffairs.privacy import mask_name, printable

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "households.json"
DOCUMENT: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
#: The example's personal data: none of it may appear in any output.
PERSONAL = ("陈建国", "李秀英", "王淑芬", "王强", "500156197803120514", "500156198107050625")


def document() -> dict[str, Any]:
    return copy.deepcopy(DOCUMENT)


def run(data: bytes | str, *argv: str) -> tuple[int, str, str]:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    stdin = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(["assess", "-", *argv], stdin=stdin, stdout=out, stderr=err)
    text = out.getvalue() + err.getvalue()
    assert "Traceback" not in text
    assert not any(value in text for value in PERSONAL), text
    return code, out.getvalue(), err.getvalue()


def refused(data: bytes | str, *argv: str) -> str:
    code, out, err = run(data, *argv)
    assert (code, out) == (2, ""), err
    assert err.startswith("civaffairs: error:")
    return err


def with_income(monthly: str) -> str:
    doc = document()
    doc["households"][0]["incomes"][0]["monthly"] = monthly
    return json.dumps(doc, ensure_ascii=False)


# -- numbers ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("monthly", "expected"),
    [
        ("1e999999999", "less than 1,000,000,000,000 yuan"),
        ("-1e999999999", "less than 1,000,000,000,000 yuan"),
        ("1E-999999", "at most two decimal places"),
        ("1000000000000", "less than 1,000,000,000,000 yuan"),
        ("NaN", "finite"),
        ("-Infinity", "finite"),
    ],
)
def test_money_with_huge_or_tiny_exponents_is_refused_by_path(monthly: str, expected: str) -> None:
    err = refused(with_income(monthly))
    assert "$.households[0].incomes[0].monthly" in err
    assert expected in err


def test_an_integer_of_any_length_is_refused_not_a_crash() -> None:
    text = with_income("0").replace('"monthly": "0"', '"monthly": ' + "9" * 5000, 1)
    err = refused(text)
    assert "$.households[0].incomes[0].monthly: got (an integer of 5000 digits)" in err
    assert f"at most {conversion.MAX_INTEGER_DIGITS} digits" in err


@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity"])
def test_the_non_json_constants_are_refused(token: str) -> None:
    text = with_income("0").replace('"monthly": "0"', f'"monthly": {token}', 1)
    assert "NaN and Infinity are not JSON" in refused(text)


# -- structure ----------------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [conversion.MAX_DEPTH + 1, 5_000, 200_000])
def test_deep_nesting_is_refused_at_any_depth(depth: int) -> None:
    text = with_income("0").replace('"monthly": "0"', '"monthly": ' + "[" * depth + "]" * depth)
    err = refused(text)
    assert f"at most {conversion.MAX_DEPTH} levels of nesting" in err


def test_a_duplicate_key_is_refused_naming_its_path() -> None:
    text = json.dumps(document(), ensure_ascii=False).replace(
        '"as_of": "2025-08-01"', '"as_of": "2025-08-01", "as_of": "2025-09-01"'
    )
    err = refused(text)
    assert "$.as_of: got (given twice), expected each key once in an object" in err


def test_a_duplicate_key_deep_inside_is_named_with_its_full_path() -> None:
    text = json.dumps(document(), ensure_ascii=False).replace(
        '"monthly": "800"', '"monthly": "800", "monthly": "8"', 1
    )
    assert "$.households[0].incomes[0].monthly: got (given twice)" in refused(text)


def test_no_households_is_refused_there_is_nothing_to_decide() -> None:
    doc = document()
    doc["households"] = []
    err = refused(json.dumps(doc))
    assert "$.households: got [], expected at least one household" in err


def test_an_unknown_key_suggests_the_known_one() -> None:
    doc = document()
    doc["households"][0]["incomes"][0]["monthyl"] = doc["households"][0]["incomes"][0].pop(
        "monthly"
    )
    err = refused(json.dumps(doc, ensure_ascii=False))
    assert "$.households[0].incomes[0].monthyl" in err
    assert "did you mean 'monthly'?" in err


def test_an_unknown_key_with_nothing_close_lists_the_known_keys() -> None:
    doc = document()
    doc["zzz"] = 1
    err = refused(json.dumps(doc, ensure_ascii=False))
    assert "$.zzz: got (present), expected no such key (known keys: as_of, households" in err


# -- text and encodings -------------------------------------------------------------------------


def test_a_lone_surrogate_is_refused_by_path() -> None:
    text = json.dumps(document()).replace('"WL-2025-0001"', '"WL\\ud800"')
    err = refused(text)
    assert "$.households[0].id: got WL\\ud800, expected text without lone surrogates" in err


def test_a_gb18030_file_is_refused_naming_the_encoding_expected() -> None:
    data = json.dumps(document(), ensure_ascii=False).encode("gb18030")
    err = refused(data)
    assert "not UTF-8" in err
    assert "UTF-8 JSON document" in err
    assert "iconv -f GB18030 -t UTF-8" in err


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-32"])
def test_a_byte_order_mark_announces_the_encoding(encoding: str) -> None:
    data = json.dumps(document(), ensure_ascii=False).encode(encoding)
    code, out, err = run(data, "--programme", "assistance.dibao")
    assert (code, err) == (0, "")
    assert out.count("[assistance.dibao]") == 3


def test_utf16_without_a_byte_order_mark_is_refused() -> None:
    data = json.dumps(document(), ensure_ascii=False).encode("utf-16-le")
    assert "without a BOM" in refused(data)


def test_a_file_of_random_bytes_is_refused() -> None:
    assert "$:" in refused(bytes(range(256)))


def test_parse_json_reads_bytes_and_honours_a_utf8_bom() -> None:
    assert parse_json(codecs.BOM_UTF8 + b'{"a": [1]}') == {"a": [1]}


# -- files and pipes ----------------------------------------------------------------------------


def run_file(name: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(["assess", name], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_a_directory_given_as_the_file_is_refused(tmp_path: Path) -> None:
    code, out, err = run_file(str(tmp_path))
    assert (code, out) == (2, "")
    assert "FILE" in err
    assert "Is a directory" in err


def test_an_over_long_file_name_is_refused_and_shown_short() -> None:
    code, _, err = run_file("a" * 5000)
    assert code == 2
    assert "File name too long" in err
    assert "(5000 characters)" in err
    assert len(err) < 400


@pytest.mark.parametrize("name", ["/no/such/file.json", "nul\x00byte.json"])
def test_a_missing_or_impossible_file_name_is_refused(name: str) -> None:
    code, _, err = run_file(name)
    assert code == 2
    assert "a readable JSON file or '-'" in err
    assert "\x00" not in err


class _ClosedPipe(io.StringIO):
    """Standard output whose reader went away (``civaffairs assess ... | head -1``)."""

    def write(self, text: str) -> int:
        raise BrokenPipeError

    def flush(self) -> None:
        raise BrokenPipeError


def test_a_closed_pipe_ends_quietly() -> None:
    err = io.StringIO()
    code = cli.main(["assess", str(EXAMPLE)], stdout=_ClosedPipe(), stderr=err)
    assert (code, err.getvalue()) == (0, "")
    code = cli.main(["params", "500156"], stdout=_ClosedPipe(), stderr=err)
    assert (code, err.getvalue()) == (0, "")


def test_a_closed_pipe_still_reports_undecided_households() -> None:
    doc = document()
    doc["households"][1]["members"][0]["person"]["registration"]["jurisdiction"] = "500000"
    stdin = io.StringIO(json.dumps(doc, ensure_ascii=False))
    err = io.StringIO()
    code = cli.main(["assess", "-"], stdin=stdin, stdout=_ClosedPipe(), stderr=err)
    assert code == 2
    assert "$.households[1].members[0].person.registration.jurisdiction" in err.getvalue()


def test_an_internal_error_is_reported_without_traceback_or_personal_data(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("陈建国 500156197803120514")

    monkeypatch.setattr(dibao, "assess", broken)
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(
        ["assess", str(EXAMPLE), "--programme", "assistance.dibao"], stdout=out, stderr=err
    )
    assert code == cli.EXIT_INTERNAL
    assert re.search(r"internal error: RuntimeError at \w+\.py:\d+ ", err.getvalue())
    assert "please report it" in err.getvalue()
    assert "陈建国" not in err.getvalue()
    assert "500156197803120514" not in err.getvalue()


# -- privacy and terminals ----------------------------------------------------------------------


def test_a_one_character_name_is_masked_entirely() -> None:
    assert mask_name("琳") == "*"
    assert mask_name("王强") == "王*"
    person = Person(
        "p", dt.date(1990, 1, 1), Sex.FEMALE, Registration("500156", RegistrationKind.URBAN)
    )
    assert "琳" not in repr(attrs.evolve(person, name="琳"))
    doc = document()
    doc["households"][0]["members"][0]["person"]["name"] = "琳"
    code, out, _ = run(json.dumps(doc, ensure_ascii=False), "--format", "json")
    assert code == 0
    assert "琳" not in out


def test_a_name_of_the_wrong_type_is_masked_in_the_message() -> None:
    doc = document()
    doc["households"][0]["members"][0]["person"]["name"] = ["陈建国"]
    err = refused(json.dumps(doc, ensure_ascii=False))
    assert "$.households[0].members[0].person.name" in err


def test_terminal_control_characters_are_escaped_in_messages_and_text() -> None:
    doc = document()
    doc["households"][0]["id"] = "WL\x1b[2J\x1b]0;x\x07"
    code, out, err = run(json.dumps(doc))
    assert code == 0
    assert "\x1b" not in out
    assert "WL\\x1b[2J" in out
    doc["households"][0]["members"][0]["person"]["sex"] = "\x1b[31m"
    err = refused(json.dumps(doc))
    assert "\x1b" not in err
    assert "\\x1b[31m" in err


def test_printable_escapes_controls_bidi_overrides_and_surrogates() -> None:
    assert printable("a\x1b\u202e\ud800\U000e0001b") == "a\\x1b\\u202e\\ud800\\U000e0001b"
    assert printable("两行\n文字", keep="\n") == "两行\n文字"
    assert printable("全角　空格") == "全角　空格"


# -- dates --------------------------------------------------------------------------------------


def test_a_birth_date_before_1850_is_refused_at_the_birth_date_path() -> None:
    doc = document()
    person = doc["households"][0]["members"][2]["person"]
    person["birth_date"] = "1849-12-31"
    del person["resident_id"]
    err = refused(json.dumps(doc, ensure_ascii=False))
    assert "$.households[0].members[2].person.birth_date: got 1849-12-31" in err
    assert "on or after 1850-01-01" in err


@pytest.mark.parametrize("argv", [(), ("--on", "2025-08-01")])
def test_a_birth_date_after_the_as_of_date_is_refused(argv: tuple[str, ...]) -> None:
    doc = document()
    person = doc["households"][1]["members"][1]["person"]
    person["birth_date"] = "2025-08-02"
    del person["resident_id"]
    err = refused(json.dumps(doc, ensure_ascii=False), *argv)
    assert "$.households[1].members[1].person.birth_date: got (a birth date, withheld)" in err
    assert "2025-08-02" not in err  # a birth date is personal data
    assert "on or before the as-of date 2025-08-01" in err


def test_check_dates_lists_every_person_born_after_the_date() -> None:
    on = dt.date(1980, 1, 1)
    request = structure(document(), AssessmentRequest)
    with pytest.raises(InvalidDocumentError) as caught:
        request.check_dates(on)
    assert [e.path for e in caught.value.errors] == [
        f"$.households[{h}].members[{m}].person.birth_date"
        for h, household in enumerate(DOCUMENT["households"])
        for m, member in enumerate(household["members"])
        if dt.date.fromisoformat(member["person"]["birth_date"]) > on
    ]
    request.check_dates(dt.date(2025, 8, 1))  # nobody is born after the example's date


# -- places -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("code", "level"), [("500000", "province"), ("500100", "prefecture")])
def test_a_decision_place_above_county_level_is_refused(code: str, level: str) -> None:
    """《社会救助暂行办法》第十一条(三): "县级人民政府民政部门经审查，对符合条件的申请予以批准".

    民发〔2021〕57号 第二条: "县级人民政府民政部门负责最低生活保障的审核确认工作".
    A province code would otherwise resolve, by the walk up the chain, to the
    province's figures for every county in it.
    """
    doc = document()
    doc["jurisdiction"] = code
    err = refused(json.dumps(doc, ensure_ascii=False))
    assert f"$.jurisdiction: got {code}" in err
    assert f"not the {level}" in err
    assert "第十一条" in err


def test_an_applicant_registered_above_county_level_is_refused() -> None:
    """《社会救助暂行办法》第十一条(一): 向户籍所在地的乡镇人民政府、街道办事处提出书面申请.

    户籍 is registered in a county-level unit; a province code is a wrong fact, and the
    decision that reads it (the place of the 低保 decision) needs the county.
    """
    doc = document()
    doc["households"][0]["members"][0]["person"]["registration"]["jurisdiction"] = "500000"
    code, _, err = run(json.dumps(doc, ensure_ascii=False))
    assert code == 2
    assert "$.households[0].members[0].person.registration.jurisdiction: got 500000 重庆市" in err
    assert "not the province 重庆市" in err
    assert "applicant's place of registration" in err


def test_a_prefecture_level_city_without_counties_is_its_own_county() -> None:
    assert jurisdictions.require_county("441900", path="$", why="-").name == "东莞市"
    with pytest.raises(InvalidInputError) as caught:
        jurisdictions.require_county("000000", path="$.x", why="a county decides")
    assert "not the national" in caught.value.expected


def test_an_empty_member_reference_names_nobody_and_is_refused() -> None:
    doc = document()
    doc["households"][0]["incomes"][0]["member"] = ""
    err = refused(json.dumps(doc, ensure_ascii=False))
    assert "$.households[0].incomes[0]: got '', expected the id of a member" in err


def test_a_lone_surrogate_in_a_name_is_refused_without_showing_the_name() -> None:
    text = json.dumps(document(), ensure_ascii=True).replace(
        json.dumps("陈建国"), json.dumps("陈建国")[:-1] + '\\ud800"'
    )
    err = refused(text)  # `refused` checks that 陈建国 is nowhere in the output
    assert "$.households[0].members[0].person.name: got 陈***, expected text without" in err
