import datetime as dt

import pytest
from eldercare_builders import elder, older

from civaffairs.conversion import dumps, loads
from civaffairs.eldercare.groups import (
    Membership,
    OlderPerson,
    TargetGroup,
    any_of,
    memberships,
    ordered,
)
from civaffairs.entities import AbilityGrade, AssistanceLayer, Disability, DisabilityCategory
from civaffairs.errors import InvalidInputError
from civaffairs.parameters import default_book

ON = dt.date(2025, 8, 1)
BOOK = default_book()


def member(person: OlderPerson, group: TargetGroup, book: object = BOOK) -> bool | None:
    found = memberships(person, [group], ON, jurisdiction="500156", book=book)  # type: ignore[arg-type]
    return found[group].member


@pytest.mark.parametrize(
    ("born", "group", "expected"),
    [
        (dt.date(1965, 8, 1), TargetGroup.OLDER_PERSON, True),  # the 60th birthday
        (dt.date(1965, 8, 2), TargetGroup.OLDER_PERSON, False),
        (dt.date(1945, 8, 1), TargetGroup.VERY_OLD, True),  # the 80th birthday
        (dt.date(1945, 8, 2), TargetGroup.VERY_OLD, False),
    ],
)
def test_age_groups_start_on_the_birthday(
    born: dt.date, group: TargetGroup, expected: bool
) -> None:
    assert member(older(born), group) is expected


@pytest.mark.parametrize(
    ("grade", "disabled", "completely"),
    [
        (AbilityGrade.INTACT, False, False),
        (AbilityGrade.MILD, True, False),
        (AbilityGrade.COMPLETE, True, True),
        (None, None, None),
    ],
)
def test_disabled_from_the_ability_grade(
    grade: AbilityGrade | None, disabled: bool | None, completely: bool | None
) -> None:
    person = older(ability=grade)
    assert member(person, TargetGroup.DISABLED) is disabled
    assert member(person, TargetGroup.COMPLETELY_DISABLED) is completely


def test_a_jurisdiction_may_count_only_moderate_or_worse_as_disabled() -> None:
    book = BOOK.override("eldercare.groups.disabled_min_severity", "500156", 2, dt.date(2020, 1, 1))
    assert member(older(ability=AbilityGrade.MILD), TargetGroup.DISABLED, book) is False
    assert member(older(ability=AbilityGrade.MODERATE), TargetGroup.DISABLED, book) is True


@pytest.mark.parametrize(("grade", "severe"), [(1, True), (2, True), (3, False), (4, False)])
def test_severe_disability_is_grade_1_or_2(grade: int, severe: bool) -> None:
    person = older(disability=Disability(DisabilityCategory.MENTAL, grade))
    assert member(person, TargetGroup.SEVERE_DISABILITY) is severe
    assert member(person, TargetGroup.CERTIFIED_DISABILITY) is True


def test_layers_and_unknown_facts() -> None:
    assert member(older(layer=AssistanceLayer.MARGINAL), TargetGroup.MARGINAL) is True
    assert member(older(layer=AssistanceLayer.MARGINAL), TargetGroup.DIBAO) is False
    unknown = memberships(
        older(layer=None, living_alone=None),
        [TargetGroup.DIBAO, TargetGroup.LIVING_ALONE],
        ON,
        jurisdiction="500156",
        book=BOOK,
    )
    assert [m.missing for m in unknown.values()] == ["$.layer", "$.living_alone"]


def _found(**values: bool | None) -> dict[TargetGroup, Membership]:
    return {
        TargetGroup(name): Membership(TargetGroup(name), v, None if v is not None else f"$.{name}")
        for name, v in values.items()
    }


def test_any_of_is_three_valued() -> None:
    alternatives = (
        frozenset({TargetGroup.DIBAO, TargetGroup.DISABLED}),
        frozenset({TargetGroup.LIVING_ALONE}),
    )
    assert any_of(alternatives, _found(dibao=True, disabled=True, living_alone=None))[0] is True
    held, _, missing = any_of(alternatives, _found(dibao=True, disabled=None, living_alone=False))
    assert (held, missing) == (None, ("$.disabled",))
    assert any_of(alternatives, _found(dibao=False, disabled=None, living_alone=False))[0] is False


def test_ordered_follows_the_declaration() -> None:
    assert ordered({TargetGroup.LIVING_ALONE, TargetGroup.OLDER_PERSON}) == [
        TargetGroup.OLDER_PERSON,
        TargetGroup.LIVING_ALONE,
    ]


@pytest.mark.parametrize(
    ("kwargs", "path"),
    [
        ({"layer": "dibao"}, "$.layer"),
        ({"ability": 2}, "$.ability"),
        ({"living_alone": 1}, "$.living_alone"),
        ({"registered_poor": "yes"}, "$.registered_poor"),
    ],
)
def test_bad_facts_name_the_field(kwargs: dict[str, object], path: str) -> None:
    with pytest.raises(InvalidInputError) as info:
        OlderPerson(elder(dt.date(1950, 1, 1)), **kwargs)  # type: ignore[arg-type]
    assert info.value.path == path


def test_a_person_is_required() -> None:
    with pytest.raises(InvalidInputError, match=r"\$\.person"):
        OlderPerson("p1")  # type: ignore[arg-type]


def test_json_round_trip_keeps_unknown_facts_unknown() -> None:
    person = older(layer=None, living_alone=None)
    again = loads(dumps(person), OlderPerson)
    assert again == person
    assert again.layer is None


def test_no_certificate_is_a_decided_no_not_an_unknown() -> None:
    # the core Person.disability None means "no certificate": 残疾 and 重残 are decided
    person = older(disability=None)
    assert member(person, TargetGroup.CERTIFIED_DISABILITY) is False
    assert member(person, TargetGroup.SEVERE_DISABILITY) is False
