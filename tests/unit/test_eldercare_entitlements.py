import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from eldercare_builders import SUIZHOU_DISTRICT, older

from civaffairs.conversion import dumps, loads
from civaffairs.decisions import Decision, Outcome
from civaffairs.eldercare import entitlements, home_adaptation, longevity, meal_aid
from civaffairs.eldercare.entitlements import Entitlements, ServiceKind, load_catalogue
from civaffairs.eldercare.groups import OlderPerson, TargetGroup
from civaffairs.entities import AbilityGrade, AssistanceLayer, Disability, DisabilityCategory
from civaffairs.errors import ParameterFileError
from civaffairs.parameters import Status

ON = dt.date(2025, 8, 1)


def outcome(service: str, *, on: dt.date = ON, **facts: object) -> Outcome:
    result = entitlements.assess(older(**facts), on)  # type: ignore[arg-type]
    return result.get(service).decision.outcome


def test_the_national_list_is_data_with_three_sourced_entries() -> None:
    catalogue = load_catalogue()
    national = [s for s in catalogue.services if s.jurisdiction is None]  # applies everywhere
    sourced = {s.code for s in national if s.status is Status.SOURCED}
    assert sourced == {"visiting_care", "meal_aid", "home_adaptation"}
    assert {s.kind for s in catalogue.services} == set(ServiceKind)
    assert all(s.note for s in catalogue.services if s.status is Status.EXAMPLE)
    for code in ("bathing_aid", "cleaning_aid", "mobility_aid", "medical_aid", "emergency_aid"):
        assert catalogue.get(code).kind is ServiceKind.CARE
    assert catalogue.get("emotional_support").kind is ServiceKind.CARING


@pytest.mark.parametrize(
    "facts",
    [
        {"living_alone": True},
        {"empty_nest": True},
        {"left_behind": True},
        {"family_planning_special": True},
        {"ability": AbilityGrade.MODERATE},
        {"disability": Disability(DisabilityCategory.PHYSICAL, 2)},
    ],
)
def test_visiting_care_groups_of_the_2022_opinion(facts: dict[str, object]) -> None:
    assert outcome("visiting_care", **facts) is Outcome.ELIGIBLE  # type: ignore[arg-type]


def test_a_grade_3_disability_is_not_severe_for_visiting_care() -> None:
    disability = Disability(DisabilityCategory.PHYSICAL, 3)
    assert outcome("visiting_care", disability=disability) is Outcome.NOT_ELIGIBLE


def test_visiting_care_starts_with_the_opinion() -> None:
    before = entitlements.assess(older(living_alone=True), dt.date(2022, 10, 27))
    assert "visiting_care" not in {e.service for e in before.entitlements}
    assert outcome("visiting_care", on=dt.date(2022, 10, 28), living_alone=True) is Outcome.ELIGIBLE


def test_unknown_facts_are_named() -> None:
    result = entitlements.assess(older(living_alone=None, ability=None), ON)
    decision = result.get("visiting_care").decision
    assert decision.outcome is Outcome.CANNOT_DECIDE
    assert set(decision.missing) == {"$.living_alone", "$.ability"}
    assert "visiting_care" in result.undecided
    assert "$.living_alone" in result.missing


def test_an_older_person_in_no_group() -> None:
    result = entitlements.assess(older(), ON)
    # meal aid is decided by eldercare.meal_aid: its age tier gives a 75-year-old a subsidy
    assert set(result.granted) == {"ability_assessment", "meal_aid"}
    assert result.undecided == ()


def test_home_adaptation_shows_the_cap() -> None:
    result = entitlements.assess(
        older(dt.date(1940, 1, 1), layer=AssistanceLayer.EXTREME_POVERTY), ON
    )
    entry = result.get("home_adaptation")
    assert entry.decision.outcome is Outcome.ELIGIBLE
    assert entry.decision.reasons[0].code == "eldercare.entitlements.decided_by"
    assert entry.see == "eldercare.home_adaptation"
    assert entry.decision.amount is not None
    assert entry.decision.amount.total == 3000  # home_adaptation's amount: the cap


def test_a_local_entry_applies_only_there() -> None:
    facts = {"layer": AssistanceLayer.DIBAO, "ability": AbilityGrade.COMPLETE}
    local = entitlements.assess(older(where=SUIZHOU_DISTRICT, **facts), ON)  # type: ignore[arg-type]
    elsewhere = entitlements.assess(older(**facts), ON)  # type: ignore[arg-type]
    code = "concentrated_care_dibao_completely_disabled"
    assert local.get(code).decision.outcome is Outcome.ELIGIBLE
    assert code not in {e.service for e in elsewhere.entitlements}
    severe = entitlements.assess(
        older(where=SUIZHOU_DISTRICT, layer=AssistanceLayer.DIBAO, ability=AbilityGrade.SEVERE), ON
    )
    assert severe.get(code).decision.outcome is Outcome.NOT_ELIGIBLE


def test_each_decision_cites_its_own_document() -> None:
    result = entitlements.assess(older(living_alone=True, layer=AssistanceLayer.DIBAO), ON)
    visiting = result.get("visiting_care").decision.reasons[0]
    assert visiting.citation.document.title == "关于开展特殊困难老年人探访关爱服务的指导意见"
    meal = result.get("meal_aid").decision.reasons[0]
    assert meal.citation.document.number == "民发〔2023〕58号"
    example = result.get("bathing_aid")
    assert example.uses_example_data
    assert "EXAMPLE DATA" in (example.decision.reasons[0].citation.note or "")


def test_the_meal_aid_entry_matches_the_meal_aid_rule() -> None:
    entry = load_catalogue().get("meal_aid")
    listed = {g for alternative in entry.groups for g in alternative} - {TargetGroup.OLDER_PERSON}
    rule = {g for _, alternatives in meal_aid.STATUS_TIERS for a in alternatives for g in a}
    # the sourced entry lists only the groups read; 刚性支出困难 is the module's inference
    assert listed == rule - {TargetGroup.RIGID_EXPENDITURE}
    assert entry.status is Status.SOURCED
    assert "刚性支出困难 is not listed" in (entry.note or "")


def test_render_flags_example_entries() -> None:
    text = entitlements.assess(older(layer=AssistanceLayer.DIBAO), ON).render("zh")
    assert "助浴服务" in text
    assert "* 示例数据" in text


def test_json_round_trip() -> None:
    result = entitlements.assess(older(living_alone=None), ON)
    again = loads(dumps(result), Entitlements)
    assert again.granted == result.granted
    assert again.undecided == result.undecided


_BOOK = 'jurisdiction = "000000"\n\n[sources.doc]\ntitle = "某文件"\n\n'
_SERVICE = "[[eldercare.entitlements.services]]\n"


def test_a_caller_catalogue(tmp_path: Path) -> None:
    path = tmp_path / "services.toml"
    path.write_text(
        _BOOK.replace('title = "某文件"', 'title = "某文件"\ndocument_number = "某发〔2025〕1号"')
        + _SERVICE
        + 'code = "x"\nzh = "某服务"\nen = "a service"\nkind = "care"\n'
        'groups = [["older_person", "very_old"]]\nstatus = "sourced"\nsource = "doc"\n'
        "effective_from = 2025-01-01\n",
        encoding="utf-8",
    )
    catalogue = load_catalogue(path)
    assert catalogue.get("x").document_number == "某发〔2025〕1号"
    result = entitlements.assess(older(dt.date(1940, 1, 1)), ON, catalogue=catalogue)
    assert result.granted == ("x",)


def test_a_bad_catalogue_lists_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "services.toml"
    path.write_text(
        _BOOK
        + _SERVICE
        + 'code = "a"\nzh = "甲"\nen = "a"\nkind = "cash"\ngroups = [["older", "very_old"]]\n'
        'status = "example"\nsource = "doc"\neffective_from = 2025-01-01\nextra = 1\n'
        + _SERVICE
        + 'code = "b"\nzh = "乙"\nen = "b"\nkind = "care"\ngroups = []\n'
        'status = "sourced"\nsource = "doc"\neffective_from = "2025"\n' + _SERVICE + 'code = "c"\n',
        encoding="utf-8",
    )
    with pytest.raises(ParameterFileError) as info:
        load_catalogue(path)
    text = "\n".join(info.value.problems)
    for expected in (
        "services[0].extra: got (present), expected no such key",
        "services[0].kind: got 'cash', expected one of",
        "services[0].groups[0][0]: got 'older', expected one of",
        "services[1].effective_from: got 2025, expected a TOML date",
        "services[2].zh: got (missing)",
    ):
        assert expected in text
    # A well-formed entry is checked too: an example needs its note, groups are not empty.
    path.write_text(
        _BOOK + _SERVICE + 'code = "b"\nzh = "乙"\nen = "b"\nkind = "care"\ngroups = []\n'
        'status = "example"\nsource = "doc"\neffective_from = 2025-01-01\n',
        encoding="utf-8",
    )
    with pytest.raises(ParameterFileError) as info:
        load_catalogue(path)
    text = "\n".join(info.value.problems)
    assert "services[0].groups: got (empty), expected a non-empty list" in text
    assert "services[0].note: got (missing), expected an example record needs a 'note'" in text


def _longevity(older: OlderPerson, on: dt.date) -> Decision:
    return longevity.assess(older.person, on)


_DELEGATED: list[tuple[str, Callable[[OlderPerson, dt.date], Decision]]] = [
    ("longevity_allowance", _longevity),
    ("home_adaptation", home_adaptation.assess),
    ("meal_aid", meal_aid.assess),
]


@pytest.mark.parametrize(
    ("person", "on"),
    [
        # the review's repros: 75 in 深圳市南山区 (allowance from 70), 85 and 低保 in 随县
        (older(dt.date(1950, 1, 1), where="440309"), dt.date(2025, 6, 15)),
        (older(dt.date(1940, 1, 1), where="421303", layer=AssistanceLayer.DIBAO), ON),
        (older(dt.date(1940, 1, 1), layer=AssistanceLayer.EXTREME_POVERTY), ON),
        (older(layer=None, living_alone=None), ON),
        (older(dt.date(1970, 1, 1)), ON),
    ],
)
def test_entries_with_a_module_are_decided_by_that_module(person: object, on: dt.date) -> None:
    result = entitlements.assess(person, on)  # type: ignore[arg-type]
    for code, assess in _DELEGATED:
        listed = result.get(code).decision
        decided = assess(person, on)  # type: ignore[arg-type]
        assert listed.outcome is decided.outcome, code
        assert listed.amount == decided.amount, code
        assert listed.missing == decided.missing, code
        assert listed.reasons[1:] == decided.reasons, code


def test_the_review_repros_agree_with_the_modules() -> None:
    shenzhen = entitlements.assess(older(dt.date(1950, 1, 1), where="440309"), dt.date(2025, 6, 15))
    allowance = shenzhen.get("longevity_allowance").decision
    assert allowance.outcome is Outcome.ELIGIBLE
    assert allowance.amount is not None
    assert allowance.amount.total == 200
    suixian = entitlements.assess(
        older(dt.date(1940, 1, 1), where="421303", layer=AssistanceLayer.DIBAO), ON
    )
    adaptation = suixian.get("home_adaptation").decision
    assert adaptation.outcome is Outcome.ELIGIBLE
    assert adaptation.amount is not None
    assert adaptation.amount.total == 3000


def test_a_module_without_parameters_for_the_date_cannot_decide() -> None:
    # the list entry is in force from 2023-05-21; 武隆区's allowance data start in 2025
    result = entitlements.assess(older(dt.date(1930, 1, 1)), dt.date(2024, 6, 1))
    decision = result.get("longevity_allowance").decision
    assert decision.outcome is Outcome.CANNOT_DECIDE
    assert decision.reasons[-1].code == "eldercare.entitlements.no_parameter"
    assert "eldercare.longevity" in decision.reasons[-1].en


_ENTRY = (
    'code = "x"\nzh = "某服务"\nen = "a service"\nkind = "care"\n'
    'groups = [["older_person"]]\nsource = "doc"\neffective_from = 2025-01-01\n'
)


def _problems(tmp_path: Path, text: str) -> str:
    path = tmp_path / "services.toml"
    path.write_text(_BOOK + text, encoding="utf-8")
    with pytest.raises(ParameterFileError) as info:
        load_catalogue(path)
    return "\n".join(info.value.problems)


def test_a_single_service_table_is_refused_not_crashed_on(tmp_path: Path) -> None:
    entry = '[eldercare.entitlements.services]\nstatus = "example"\nnote = "n"\n' + _ENTRY
    text = _problems(tmp_path, entry)
    assert "$.eldercare.entitlements.services: expected an array of tables [[...]]" in text


def test_an_entry_ending_before_it_starts_is_refused(tmp_path: Path) -> None:
    entry = _SERVICE + 'status = "example"\nnote = "n"\neffective_to = 2024-12-31\n' + _ENTRY
    text = _problems(tmp_path, entry)
    assert (
        "services[0].effective_to: got 2024-12-31, expected a date on or after effective_from"
        in text
    )


def test_a_sourced_entry_needs_a_source(tmp_path: Path) -> None:
    text = _problems(tmp_path, _SERVICE + 'status = "sourced"\n' + _ENTRY)
    assert "services[0].source: got 'doc', expected a sourced entry needs its source" in text
    empty = _ENTRY.replace('zh = "某服务"', 'zh = " "')
    text = _problems(tmp_path, _SERVICE + 'status = "sourced"\narticle = "第一条"\n' + empty)
    assert "services[0].zh: got ' ', expected a non-empty string" in text


@pytest.mark.parametrize(
    ("cap", "expected"),
    [
        (
            "eldercare.no_such_cap",
            "services[0].cap: got 'eldercare.no_such_cap', expected a declared money parameter",
        ),
        (
            "eldercare.groups.very_old_age",
            (
                "services[0].cap: got 'eldercare.groups.very_old_age', expected a money parameter, "
                "not a count"
            ),
        ),
    ],
)
def test_a_cap_must_be_a_money_parameter(tmp_path: Path, cap: str, expected: str) -> None:
    entry = _SERVICE + f'status = "example"\nnote = "n"\ncap = "{cap}"\n' + _ENTRY
    assert expected in _problems(tmp_path, entry)
