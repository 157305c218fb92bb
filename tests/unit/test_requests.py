"""One request format for every programme (issue #15, item 1).

A request names the programme(s), the as-of date, the place and the facts; the
same decisions come out of the Python entry point, the JSON request and the CLI.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from civaffairs import registry, requests
from civaffairs.cli import main
from civaffairs.conversion import unstructure
from civaffairs.errors import CivaffairsError, InvalidDocumentError

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "requests"
HOUSEHOLD = json.loads((ROOT / "examples" / "households.json").read_text(encoding="utf-8"))[
    "households"
][0]


def _example(code: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / f"{code}.json").read_text(encoding="utf-8"))
    return data


def _cli(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def _errors(data: object) -> list[str]:
    with pytest.raises(InvalidDocumentError) as caught:
        requests.parse(data)
    return [str(e) for e in caught.value.errors]


def test_every_programme_has_an_example_request() -> None:
    shipped = {p.stem for p in EXAMPLES.glob("*.json")}
    assert shipped == {e.code for e in registry.ENTRIES}


@pytest.mark.parametrize("entry", registry.ENTRIES, ids=lambda e: e.code)
def test_example_decides_the_same_from_python_json_and_the_cli(entry: registry.Entry) -> None:
    data = _example(entry.code)
    request = requests.parse(data)
    assert request.programmes == (entry.code,)
    # Python: the entry point itself, with the request's facts.
    place = {"jurisdiction": request.jurisdiction} if request.jurisdiction else {}
    direct = entry.load()(request.input, request.as_of, **place, **request.options)
    # JSON: the request format.
    answer = requests.decide(request)
    assert unstructure(answer.results[0].decision) == unstructure(direct)
    assert answer.uses_example_data == direct.uses_example_data
    # CLI: the same file.
    code, out, err = _cli("assess", str(EXAMPLES / f"{entry.code}.json"), "--format", "json")
    assert (code, err) == (0, "")
    shown = json.loads(out)
    assert next(iter(shown)) == "uses_example_data"  # at the top, as issue #15 asks
    assert shown == json.loads(json.dumps(unstructure(answer), ensure_ascii=False))


def test_a_household_without_a_programme_gets_the_layered_picture() -> None:
    request = requests.parse({"as_of": "2025-08-01", "input": HOUSEHOLD})
    assert request.programmes == (requests.DEFAULT_PROGRAMME,)
    answer = requests.decide(request)
    layered = answer.results[0].decision
    assert layered.layer.value == "dibao"
    assert {d.programme for d in layered.decisions} >= {"assistance.dibao"}


def test_several_programmes_on_one_household() -> None:
    request = requests.parse(
        {
            "programme": ["assistance.dibao", "assistance.marginal"],
            "as_of": "2025-08-01",
            "input": HOUSEHOLD,
        }
    )
    answer = requests.decide(request)
    assert [r.programme for r in answer.results] == ["assistance.dibao", "assistance.marginal"]


def test_programmes_deciding_different_facts_are_refused_by_path() -> None:
    errors = _errors(
        {
            "programme": ["assistance.dibao", "eldercare.longevity"],
            "as_of": "2025-08-01",
            "input": HOUSEHOLD,
        }
    )
    assert errors[0].startswith("$.programme[1]: got eldercare.longevity")
    assert "send it as its own request" in errors[0]


def test_every_bad_field_is_named_by_path_at_once() -> None:
    bad = json.loads(json.dumps(HOUSEHOLD))
    bad["members"][0]["person"]["birth_date"] = "1978-02-30"
    errors = _errors(
        {"programme": "assistance.dibao", "asof": "2025-08-01", "input": bad, "extra": 1}
    )
    joined = "\n".join(errors)
    assert "$.asof: got (present), expected no such key (did you mean 'as_of'?" in joined
    assert "$.extra" in joined
    assert "$.as_of: got (missing)" in joined


def test_a_bad_fact_is_named_under_input() -> None:
    bad = json.loads(json.dumps(HOUSEHOLD))
    bad["incomes"][0]["monthly"] = 800.5
    errors = _errors({"programme": "assistance.dibao", "as_of": "2025-08-01", "input": bad})
    assert errors == [e for e in errors if e.startswith("$.input.incomes[0].monthly")]
    # the layered default wraps a bare household, and still names the household's path
    errors = _errors({"as_of": "2025-08-01", "input": bad})
    assert errors[0].startswith("$.input.incomes[0].monthly")


def test_unknown_programme_suggests_the_closest() -> None:
    errors = _errors({"programme": "assistance.diabo", "as_of": "2025-08-01", "input": {}})
    assert "did you mean assistance.dibao" in errors[0]


def test_a_birth_after_the_as_of_date_is_refused() -> None:
    data = _example("eldercare.longevity")
    data["as_of"] = "1900-01-01"
    errors = _errors(data)
    # the date is personal data: the message names the field and withholds the value
    assert errors[0].startswith("$.input.birth_date: got (a birth date, withheld)")
    assert "1945-05-15" not in errors[0]


@pytest.mark.parametrize(
    "code",
    [
        "assistance.extreme_poverty",
        "assistance.disability_subsidies.care",
        "assistance.disability_subsidies.living",
    ],
)
def test_an_as_of_date_at_the_end_of_the_calendar_is_refused_by_path(code: str) -> None:
    """Found over HTTP (a 500): from 9999-12-31 the rules' next month or month's end leaves
    the calendar; a request's as-of date is at most :data:`civaffairs.requests.LATEST_AS_OF`."""
    data = {**_example(code), "as_of": "9999-12-31"}
    expected = "an as-of date on or before 9998-12-31 (rules count periods past it)"
    assert _errors(data) == [f"$.as_of: got 9999-12-31, expected {expected}"]
    at_the_limit = requests.parse({**data, "as_of": requests.LATEST_AS_OF.isoformat()})
    assert requests.decide(at_the_limit).as_of == requests.LATEST_AS_OF  # decided, no crash


def test_an_announcement_whose_period_leaves_the_calendar_is_refused_by_path() -> None:
    """Found over HTTP (a 500): 9999-12-31 plus the 60 days of the announcement overflowed."""
    data = _example("family.adoption")
    data["input"]["children"][0]["announced_on"] = "9999-12-31"
    with pytest.raises(InvalidDocumentError) as caught:
        requests.decide(requests.parse(data))
    (error,) = caught.value.errors
    assert error.path == "$.input.children[0].announced_on"
    assert "ends by 9999-12-31" in error.expected


def test_options_are_structured_and_unknown_ones_named() -> None:
    data = _example("eldercare.meal_aid")
    data["options"] = {"meals": 20}
    request = requests.parse(data)
    assert request.options == {"meals": 20}
    data["options"] = {"meal": 20}
    errors = _errors(data)
    assert "$.options.meal" in errors[0]
    assert "did you mean 'meals'?" in errors[0]


def test_the_place_where_a_programme_takes_none_or_needs_one() -> None:
    funeral = _example("funeral.waiver")
    funeral["jurisdiction"] = "330100"
    assert "no place for funeral.waiver" in _errors(funeral)[0]
    rating = _example("eldercare.institution_rating")
    del rating["jurisdiction"]
    assert "eldercare.institution_rating needs one" in _errors(rating)[0]


def test_a_batch_names_each_request_and_decides_nothing_unless_all_are_good() -> None:
    good = _example("eldercare.longevity")
    bad = {**good, "as_of": "2025-13-01"}
    with pytest.raises(InvalidDocumentError) as caught:
        requests.parse_batch({"requests": [good, bad, good]})
    assert [e.path for e in caught.value.errors] == ["$.requests[1].as_of"]
    answers = requests.decide_all(requests.parse_batch({"requests": [good, good]}))
    assert len(answers) == 2


def test_a_batch_is_bounded() -> None:
    good = _example("eldercare.longevity")
    with pytest.raises(InvalidDocumentError, match="at most 1000"):
        requests.parse_batch({"requests": [good] * (requests.BATCH_LIMIT + 1)})


def test_cli_batch_prints_what_it_decided_and_lists_the_rest() -> None:
    good = _example("eldercare.longevity")
    bad = {**good, "programme": "eldercare.longevty"}
    code, out, err = _cli(
        "assess", "-", "--format", "json", stdin=json.dumps({"requests": [good, bad]})
    )
    assert code == 2
    answers = json.loads(out)["answers"]  # one place per request, null where refused
    assert [a is None for a in answers] == [False, True]
    assert "$.requests[1].programme: got eldercare.longevty" in err


def test_cli_programme_and_date_override_the_file() -> None:
    data = _example("eldercare.meal_aid")
    code, out, _ = _cli(
        "assess",
        "-",
        "--programme",
        "eldercare.home_adaptation",
        "--on",
        "2025-09-01",
        "--format",
        "json",
        stdin=json.dumps(data),
    )
    assert code == 0
    answer = json.loads(out)
    assert answer["as_of"] == "2025-09-01"
    assert [r["programme"] for r in answer["results"]] == ["eldercare.home_adaptation"]


def test_personal_data_is_masked_in_the_answer() -> None:
    request = requests.parse({"as_of": "2025-08-01", "input": HOUSEHOLD})
    shown = json.dumps(unstructure(requests.decide(request)), ensure_ascii=False)
    for member in HOUSEHOLD["members"]:
        person = member["person"]
        if "resident_id" in person:
            assert person["resident_id"] not in shown
        if "name" in person:
            assert person["name"] not in shown


@pytest.mark.parametrize(
    "document",
    ["[]", "1", '"x"', "null", "{}", '{"input": 1}', '{"requests": []}', '{"requests": [1]}'],
)
def test_documents_of_the_wrong_shape_are_bad_input(document: str) -> None:
    with pytest.raises(CivaffairsError):
        requests.loads(document)


@pytest.mark.parametrize(
    ("code", "options"),
    [
        ("eldercare.meal_aid", {"meal_price": "12"}),
        ("eldercare.meal_aid", {"meal_price": None, "meals": 3}),
        ("eldercare.meal_aid", {"meal_price": 1000}),
        ("eldercare.home_adaptation", {"cost": "2500.50"}),
        ("eldercare.institution_rating", {"beds": None}),
    ],
)
def test_money_and_nullable_options_decide_as_the_entry_point(
    code: str, options: dict[str, Any]
) -> None:
    data = {**_example(code), "options": options}
    request = requests.parse(data)
    place = {"jurisdiction": request.jurisdiction} if request.jurisdiction else {}
    direct = registry.entry(code).load()(request.input, request.as_of, **place, **request.options)
    assert unstructure(requests.decide(request).results[0].decision) == unstructure(direct)


@pytest.mark.parametrize(
    ("code", "options", "path"),
    [
        ("assistance.dibao", {"extreme_poverty": []}, "$.options.extreme_poverty"),
        ("funeral.waiver", {"policy": {}}, "$.options.policy"),
        ("eldercare.meal_aid", {"meal_price": 12.5}, "$.options.meal_price"),
        ("eldercare.meal_aid", {"meals": "3"}, "$.options.meals"),
        ("eldercare.meal_aid", [1], "$.options"),
    ],
)
def test_options_json_cannot_give_are_refused_by_path(code: str, options: Any, path: str) -> None:
    errors = _errors({**_example(code), "options": options})
    assert errors[0].startswith(path), errors


def test_an_object_for_an_array_is_refused_not_read_as_its_keys() -> None:
    data = _example("assistance.dibao")
    data["input"]["members"][0]["person"]["statuses"] = {"serving_sentence": False}
    errors = _errors(data)
    assert errors == ["$.input.members[0].person.statuses: got object, expected a JSON array"], (
        errors
    )


def test_a_programme_named_twice_is_refused() -> None:
    data = {**_example("assistance.dibao"), "programme": ["assistance.dibao"] * 2}
    assert _errors(data)[0].startswith("$.programme[1]: got assistance.dibao")


def test_a_misspelt_household_key_of_a_layered_request_is_named() -> None:
    data = {"programme": "assistance.layers", "as_of": "2025-08-01", "input": {"houshold": {}}}
    joined = "\n".join(_errors(data))
    assert "$.input.houshold" in joined
    assert "did you mean 'household'?" in joined


def test_a_supporter_born_after_the_date_is_named_under_input() -> None:
    data = _example("assistance.extreme_poverty")
    data["input"]["facts"] = data["input"].get("facts", {})
    supporter = {"relationship": "child", "birth_date": "2030-01-01"}
    data["input"]["facts"]["supporters"] = [supporter]
    errors = _errors(data)
    assert any(e.startswith("$.input.facts.supporters[0].birth_date") for e in errors), errors
    assert not any("2030-01-01" in e for e in errors)


@pytest.mark.parametrize(
    ("document", "shown"),
    [
        ({"requests": [], "x": 1}, "$.x: got (present)"),
        ({"requests": "x"}, "$.requests: got string"),
        ({"programme": None, "as_of": "2025-08-01", "input": {}}, "$.programme: got null"),
    ],
)
def test_shapes_are_named_as_json_names_them(document: Any, shown: str) -> None:
    with pytest.raises(InvalidDocumentError) as caught:
        requests.decide_all(requests.loads(json.dumps(document)))
    assert str(caught.value.errors[0]).startswith(shown), caught.value.errors


def test_cli_exits_3_at_a_place_with_no_standard() -> None:
    data = _example("assistance.dibao")
    for member in data["input"]["members"]:
        member["person"]["registration"]["jurisdiction"] = "110101"
        member["person"].pop("resident_id", None)
    code, out, err = _cli("assess", "-", stdin=json.dumps(data))
    assert (code, out) == (3, "")
    assert "cannot be decided here" in err
    assert "assistance.dibao.standard" in err


def test_cli_names_a_bad_override_by_its_option() -> None:
    data = json.dumps(_example("eldercare.longevity"))
    code, _, err = _cli("assess", "-", "--on", "2025-13-01", stdin=data)
    assert code == 2
    assert "--on: got 2025-13-01" in err
    code, _, err = _cli(
        "assess",
        "-",
        "--programme",
        "assistance.dibao",
        "--programme",
        "eldercare.longevity",
        stdin=data,
    )
    assert code == 2
    assert "--programme[1]: got eldercare.longevity" in err


def test_cli_reads_a_request_with_a_misspelt_input_key_as_a_request() -> None:
    data = _example("eldercare.longevity")
    data["inptu"] = data.pop("input")
    code, _, err = _cli("assess", "-", stdin=json.dumps(data))
    assert code == 2
    assert "$.inptu: got (present), expected no such key (did you mean 'input'?" in err
