"""One person counted once: a resident ID, a person id and a household id appear once.

A fuzzing run found the same resident ID entered as two members of a lone applicant's
household: the applicant, with 800 yuan of wages and not eligible alone, was counted as
two people and granted 460 yuan a month.  社会救助暂行办法 (国务院令第649号) art. 12:
"对批准获得最低生活保障的家庭，县级人民政府民政部门按照共同生活的家庭成员人均收入低于当地最低
生活保障标准的差额，按月发给最低生活保障金。" — the payment is the gap below the standard of
the members' *per-capita* income; one member counted twice halves that income and invents a
gap.  Every face refuses it.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

from civaffairs import cli
from civaffairs.assistance import dibao
from civaffairs.conversion import AssessmentRequest, loads, structure, unstructure
from civaffairs.entities import (
    Household,
    Income,
    IncomeType,
    Member,
    Person,
    Registration,
    RegistrationKind,
    Relationship,
    Sex,
    check_distinct,
)
from civaffairs.errors import DuplicateIdentityError, InvalidDocumentError, InvalidInputError
from civaffairs.identity import generate

ON = dt.date(2025, 8, 1)
BORN = dt.date(1970, 3, 4)
RID = generate("500156", BORN, 2)  # a valid, generated number: no real person


def _person(pid: str, *, rid: bool = True, name: str | None = None) -> Person:
    return Person(
        pid,
        BORN,
        Sex.FEMALE,
        Registration("500156", RegistrationKind.RURAL),
        resident_id=RID if rid else None,
        name=name,
    )


def _member(pid: str, relationship: Relationship, **options: object) -> Member:
    return Member(_person(pid, **options), relationship, lives_together=True)  # type: ignore[arg-type]


def test_the_same_resident_id_as_two_members_is_refused_naming_both_paths() -> None:
    with pytest.raises(DuplicateIdentityError) as caught:
        Household(
            "H",
            [_member("p1", Relationship.APPLICANT), _member("p2", Relationship.SPOUSE)],
            incomes=[Income(IncomeType.WAGES, "800", member="p1")],
        )
    error = caught.value
    assert error.path == "$.members[1].person.resident_id"
    assert error.earlier == "$.members[0].person.resident_id"
    assert str(error).startswith(
        "$.members[1].person.resident_id duplicates $.members[0].person.resident_id"
    )
    assert RID.reveal() not in str(error)  # masked
    assert RID.masked in str(error)
    assert isinstance(error, InvalidInputError)


def test_the_fuzzed_household_is_refused_not_paid() -> None:
    # The JSON the fuzzer sent: a lone applicant entered twice under two ids.
    member = unstructure(_member("p1", Relationship.APPLICANT), reveal_personal_data=True)
    twin = json.loads(json.dumps(member))
    twin["person"]["id"] = "p2"
    twin["relationship"] = "spouse"
    document = {
        "id": "H",
        "members": [member, twin],
        "incomes": [{"type": "wages", "monthly": "800", "member": "p1"}],
    }
    with pytest.raises(InvalidDocumentError) as caught:
        structure({"households": [document], "as_of": ON.isoformat()}, AssessmentRequest)
    (error,) = caught.value.errors
    assert error.path == "$.households[0].members[1].person.resident_id"
    assert "duplicates $.households[0].members[0].person.resident_id" in str(error)
    # The applicant alone, as the household really is, is not eligible with 800 yuan of wages
    # (武隆区 rural standard 2025: below 800 a month).
    alone = Household(
        "H",
        [_member("p1", Relationship.APPLICANT)],
        incomes=[Income(IncomeType.WAGES, "800", member="p1")],
    )
    assert not dibao.assess(alone, ON).eligible


def test_a_person_id_twice_in_a_household_names_both_paths() -> None:
    with pytest.raises(DuplicateIdentityError) as caught:
        Household(
            "H",
            [
                _member("p1", Relationship.APPLICANT, rid=False),
                _member("p1", Relationship.CHILD, rid=False),
            ],
        )
    assert str(caught.value).startswith("$.members[1].person.id duplicates $.members[0].person.id")


def test_a_request_refuses_a_person_or_household_in_two_households() -> None:
    one = Household("H1", [_member("p1", Relationship.APPLICANT)])
    same_person = Household("H2", [_member("p9", Relationship.APPLICANT)])
    with pytest.raises(DuplicateIdentityError) as caught:
        AssessmentRequest((one, same_person))
    assert caught.value.path == "$.households[1].members[0].person.resident_id"
    assert caught.value.earlier == "$.households[0].members[0].person.resident_id"

    # Person ids are member ids of their household: another household may use "p1" too.
    check_distinct([one, Household("H2", [_member("p1", Relationship.APPLICANT, rid=False)])])

    same_household = Household("H1", [_member("p2", Relationship.APPLICANT, rid=False)])
    with pytest.raises(DuplicateIdentityError) as caught:
        check_distinct([one, same_household])
    assert str(caught.value).startswith("$.households[1].id duplicates $.households[0].id")

    distinct = Household("H2", [_member("p2", Relationship.APPLICANT, rid=False)])
    check_distinct([one, distinct])  # no error: different people, different households


def test_the_cli_refuses_a_resident_in_two_households(tmp_path: Path) -> None:
    households = [
        unstructure(Household(h, [_member(p, Relationship.APPLICANT)]), reveal_personal_data=True)
        for h, p in (("H1", "p1"), ("H2", "p2"))
    ]
    source = tmp_path / "request.json"
    source.write_text(json.dumps({"as_of": ON.isoformat(), "households": households}))
    out, err = io.StringIO(), io.StringIO()
    assert cli.main(["assess", str(source)], stdout=out, stderr=err) == cli.EXIT_BAD_INPUT
    assert "$.households[1].members[0].person.resident_id duplicates" in err.getvalue()
    assert RID.reveal() not in err.getvalue()
    assert "Traceback" not in err.getvalue()
    assert out.getvalue() == ""


def test_a_round_trip_keeps_the_duplicate_error_paths() -> None:
    error = DuplicateIdentityError("$.id", "'x'", "each id given once", earlier="$.members[0].id")
    moved = error.at("$.households[3]")
    assert isinstance(moved, DuplicateIdentityError)
    assert moved.path == "$.households[3].id"
    assert moved.earlier == "$.households[3].members[0].id"
    assert str(moved).startswith("$.households[3].id duplicates $.households[3].members[0].id")


def test_labels_name_a_member_by_id_with_the_masked_form_beside_it() -> None:
    assert _person("p2", rid=False, name="王丽").label == "p2 (王*)"
    assert _person("p3", rid=False, name="王丽").label == "p3 (王*)"
    assert _person("p2").label == f"p2 ({RID.masked})"
    assert _person("p2", rid=False).label == "p2"


def test_loads_refuses_the_duplicate_from_text() -> None:
    household = unstructure(
        Household("H", [_member("p1", Relationship.APPLICANT)]), reveal_personal_data=True
    )
    text = json.dumps({"households": [household, {**household, "id": "H2"}]})
    with pytest.raises(InvalidDocumentError) as caught:
        loads(text, AssessmentRequest)
    paths = [e.path for e in caught.value.errors]
    assert paths == ["$.households[1].members[0].person.resident_id"]
    text = json.dumps({"households": [household, household]})
    with pytest.raises(InvalidDocumentError) as caught:
        loads(text, AssessmentRequest)
    assert [e.path for e in caught.value.errors] == ["$.households[1].id"]
