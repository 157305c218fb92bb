import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from civaffairs.assistance import dibao
from civaffairs.conversion import AssessmentRequest, dumps, loads, structure, unstructure
from civaffairs.decisions import Decision
from civaffairs.eldercare.institution_rating import InstitutionLevel
from civaffairs.entities import (
    Disability,
    DisabilityCategory,
    Household,
    Income,
    IncomeType,
    Member,
    Person,
    Registration,
    RegistrationKind,
    Relationship,
    Sex,
)
from civaffairs.errors import InvalidDocumentError, InvalidInputError
from civaffairs.identity import ResidentId

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "households.json"
FULL_ID = "500156197803120514"


def _example() -> AssessmentRequest:
    return loads(EXAMPLE.read_text(encoding="utf-8"), AssessmentRequest)


def test_person_repr_masks_name_and_id() -> None:
    applicant = _example().households[0].applicant.person
    text = repr(applicant)
    assert FULL_ID not in text
    assert "陈建国" not in text
    assert "5001**********0514" in text
    assert "'陈**'" in text
    assert FULL_ID not in str(applicant)


def test_person_must_agree_with_resident_id() -> None:
    rid = ResidentId.parse(FULL_ID)
    home = Registration("500156", RegistrationKind.RURAL)
    with pytest.raises(InvalidInputError) as caught:
        Person("p", dt.date(1978, 3, 13), Sex.MALE, home, resident_id=rid)
    assert caught.value.path == "$.birth_date"
    assert FULL_ID not in str(caught.value)
    with pytest.raises(InvalidInputError, match=r"\$\.sex"):
        Person("p", dt.date(1978, 3, 12), Sex.FEMALE, home, resident_id=rid)


@pytest.mark.parametrize("grade", [0, 5, True])
def test_disability_grade_is_1_to_4(grade: int) -> None:
    with pytest.raises(InvalidInputError, match=r"\$\.grade"):
        Disability(DisabilityCategory.PHYSICAL, grade)


def test_severe_disability_follows_57_art_8() -> None:
    assert Disability(DisabilityCategory.PHYSICAL, 2).is_severe
    assert Disability(DisabilityCategory.INTELLECTUAL, 3).is_severe
    assert Disability(DisabilityCategory.MENTAL, 3).is_severe
    assert not Disability(DisabilityCategory.PHYSICAL, 3).is_severe
    assert not Disability(DisabilityCategory.MENTAL, 4).is_severe


def test_unknown_registration_code() -> None:
    with pytest.raises(InvalidInputError, match="GB/T 2260"):
        Registration("999999", RegistrationKind.URBAN)


def test_household_needs_members_and_one_applicant() -> None:
    with pytest.raises(InvalidInputError, match="at least one member"):
        Household("H", members=[])
    home = Registration("500156", RegistrationKind.URBAN)
    someone = Person("p", dt.date(1980, 1, 1), Sex.MALE, home)
    with pytest.raises(InvalidInputError, match="exactly one member"):
        Household("H", members=[Member(someone, Relationship.SPOUSE, lives_together=True)])


def test_household_member_references_are_checked() -> None:
    home = Registration("500156", RegistrationKind.URBAN)
    someone = Person("p", dt.date(1980, 1, 1), Sex.MALE, home)
    with pytest.raises(InvalidInputError) as caught:
        Household(
            "H",
            members=[Member(someone, Relationship.APPLICANT, lives_together=True)],
            incomes=[Income(IncomeType.WAGES, "1", member="ghost")],
        )
    assert caught.value.path == "$.incomes[0]"


def test_household_json_round_trip_is_exact() -> None:
    for household in _example().households:
        data = unstructure(household, reveal_personal_data=True)
        assert structure(json.loads(json.dumps(data)), Household) == household


def test_default_json_masks_personal_data() -> None:
    text = dumps(_example().households[0])
    assert FULL_ID not in text
    assert "陈建国" not in text
    assert "5001**********0514" in text


def test_decision_json_round_trip_is_exact() -> None:
    for household in _example().households:
        decision = dibao.assess(household, dt.date(2025, 8, 1))
        again = loads(dumps(decision), Decision)
        assert again == decision
        assert [r.zh for r in again.reasons] == [r.zh for r in decision.reasons]
        assert [r.en for r in again.reasons] == [r.en for r in decision.reasons]


def _bad_document() -> dict[str, object]:
    data: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    household = data["households"][0]
    household["incomes"][0]["monthly"] = 800.5
    household["members"][1]["person"]["birth_date"] = "1981-02-30"
    household["members"][0]["person"]["resident_id"] = "500156197803120515"
    household["members"][2]["person"]["nickname"] = "x"
    household["assets"][0]["type"] = "gold"
    return data


def test_a_bad_document_reports_every_field_by_path() -> None:
    with pytest.raises(InvalidDocumentError) as caught:
        structure(_bad_document(), AssessmentRequest)
    paths = sorted(error.path for error in caught.value.errors)
    assert paths == [
        "$.households[0].assets[0].type",
        "$.households[0].incomes[0].monthly",
        "$.households[0].members[0].person.resident_id",
        "$.households[0].members[1].person.birth_date",
        "$.households[0].members[2].person.nickname",
    ]
    message = str(caught.value)
    assert "float" in message
    assert "'gold'" in message
    assert "expected 4 (MOD 11-2)" in message
    assert "500156197803120515" not in message
    assert isinstance(caught.value, ValueError)


def test_missing_required_field() -> None:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    del data["households"][0]["members"][0]["person"]["sex"]
    with pytest.raises(InvalidDocumentError) as caught:
        structure(data, AssessmentRequest)
    assert [e.path for e in caught.value.errors] == ["$.households[0].members[0].person.sex"]
    assert "required" in str(caught.value)


def test_validator_errors_inside_nested_objects_get_full_paths() -> None:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["households"][0]["incomes"][1]["monthly"] = "-5"
    data["households"][0]["members"][1]["person"]["disability"] = {
        "category": "physical",
        "grade": 7,
    }
    with pytest.raises(InvalidDocumentError) as caught:
        structure(data, AssessmentRequest)
    assert sorted(e.path for e in caught.value.errors) == [
        "$.households[0].incomes[1].monthly",
        "$.households[0].members[1].person.disability.grade",
    ]


def test_empty_members_is_refused() -> None:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["households"][0]["members"] = []
    with pytest.raises(InvalidDocumentError, match="at least one member"):
        structure(data, AssessmentRequest)


def test_invalid_json_text() -> None:
    with pytest.raises(InvalidDocumentError, match="valid JSON"):
        loads("{not json", AssessmentRequest)


def test_money_from_json_integer_and_string() -> None:
    income = loads('{"type": "wages", "monthly": 800}', Income)
    assert income.monthly == Decimal(800)
    assert loads('{"type": "wages", "monthly": "800.10"}', Income).monthly == Decimal("800.10")


@pytest.mark.parametrize(
    ("value", "kind"),
    [(True, "InstitutionLevel"), ("3", "InstitutionLevel"), (1, "Sex"), ("Male", "Sex")],
)
def test_an_enum_value_must_have_the_members_type(value: object, kind: str) -> None:
    enum_type = {"InstitutionLevel": InstitutionLevel, "Sex": Sex}[kind]
    with pytest.raises(InvalidDocumentError, match="expected one of"):
        structure(value, enum_type)
    assert structure(3, InstitutionLevel) is InstitutionLevel.THREE
    assert structure(Sex.MALE, Sex) is Sex.MALE


def test_numpy_scalars_name_enum_members_by_their_kind() -> None:
    numpy = pytest.importorskip("numpy")
    assert structure(numpy.int64(3), InstitutionLevel) is InstitutionLevel.THREE
    assert structure(numpy.str_("male"), Sex) is Sex.MALE
    with pytest.raises(InvalidDocumentError):
        structure(numpy.bool_(True), InstitutionLevel)
