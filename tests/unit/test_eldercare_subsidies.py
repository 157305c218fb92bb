"""eldercare.subsidies: 老年人权益保障法 arts. 30 and 37, the family bed, concentrated care.

Amounts are the shipped example data: national 100 (service), 0/100/200/300 (care by grade),
300 (family bed), 1 000 (concentrated care); 随州 1 200 (concentrated care); 重庆 200 (service,
就高 with the disability care subsidy).
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import attrs
import pytest
from eldercare_builders import SUIZHOU_DISTRICT, older

from civaffairs import requests
from civaffairs.conversion import dumps, loads
from civaffairs.decisions import Decision, Outcome, Period
from civaffairs.eldercare import assessment
from civaffairs.eldercare.subsidies import CareSetting, SubsidyRequest, assess
from civaffairs.entities import AbilityGrade, AssistanceLayer, Disability, DisabilityCategory
from civaffairs.errors import InvalidDocumentError, InvalidInputError, ParameterOutOfRangeError
from civaffairs.identity import generate
from civaffairs.parameters import default_book

ON = dt.date(2025, 8, 1)
ASSESSED = dt.date(2025, 3, 1)
BORN = dt.date(1950, 3, 1)  # 75 on ON: not very old
HOME = CareSetting.HOME
SEVERE_ONE = Disability(DisabilityCategory.PHYSICAL, 1)


def request(
    *,
    layer: AssistanceLayer | None = AssistanceLayer.DIBAO,
    ability: AbilityGrade | None = AbilityGrade.SEVERE,
    setting: CareSetting = HOME,
    assessed: dt.date | None = ASSESSED,
    born: dt.date = BORN,
    disability: Disability | None = None,
    disability_care: str | None = None,
    where: str = SUIZHOU_DISTRICT,
) -> SubsidyRequest:
    return SubsidyRequest(
        older(born, where=where, layer=layer, ability=ability, disability=disability),
        setting,
        ability_assessed_on=assessed,
        disability_care_subsidy=disability_care,
    )


def lines(decision: Decision) -> dict[str, Decimal]:
    assert decision.amount is not None
    return {line.code: line.amount for line in decision.amount.lines}


def test_care_subsidy_by_the_degree_of_disability() -> None:
    """Art. 30 para. 2.

    "对生活长期不能自理、经济困难的老年人，地方各级人民政府应当根据其失能程度等情况给予护理补贴"
    """
    amounts = {
        grade: lines(assess(request(ability=grade), ON)).get("care", Decimal(0))
        for grade in (AbilityGrade.MILD, AbilityGrade.MODERATE, AbilityGrade.SEVERE)
    }
    assert amounts == {
        AbilityGrade.MILD: Decimal(0),
        AbilityGrade.MODERATE: Decimal(100),
        AbilityGrade.SEVERE: Decimal(200),
    }
    complete = assess(request(ability=AbilityGrade.COMPLETE), ON)
    assert complete.amount is not None
    assert complete.amount.total == Decimal(400)
    assert complete.amount.period is Period.MONTHLY


def test_service_subsidy_for_the_very_old_in_economic_difficulty() -> None:
    """Art. 37 para. 2; 高龄 is 80 (art. 33 para. 2).

    "对经济困难的老年人，地方各级人民政府应当逐步给予养老服务补贴"
    """
    eighty = request(born=dt.date(1945, 8, 1), ability=AbilityGrade.INTACT, assessed=None)
    seventy_nine = request(born=dt.date(1945, 8, 2), ability=AbilityGrade.INTACT, assessed=None)
    assert lines(assess(eighty, ON)) == {"service": Decimal(100)}
    assert assess(seventy_nine, ON).outcome is Outcome.NOT_ELIGIBLE


def test_where_the_service_subsidy_is_not_restricted_every_older_person_in_difficulty_gets_it() -> (
    None
):
    """Art. 37 para. 2: "对经济困难的老年人，地方各级人民政府应当逐步给予养老服务补贴".

    The article names every older person in economic difficulty; the restriction to the very
    old or disabled is a local choice (``…service.very_old_or_disabled_only``, example data
    nationally).  Found in review: the restriction was applied as if art. 37 said it.
    """
    seventy_nine = request(born=dt.date(1945, 8, 2), ability=AbilityGrade.INTACT, assessed=None)
    restricted = assess(seventy_nine, ON)
    assert restricted.outcome is Outcome.NOT_ELIGIBLE
    service = next(r for r in restricted.reasons if r.code == "eldercare.subsidies.service")
    assert "eldercare.subsidies.service.very_old_or_disabled_only" in {
        p.name for p in service.parameters
    }
    assert service.parameters[0].status.value == "example"
    book = default_book().override(
        "eldercare.subsidies.service.very_old_or_disabled_only",
        "000000",
        value=False,
        effective_from=dt.date(2013, 7, 1),
    )
    assert lines(assess(seventy_nine, ON, book=book)) == {"service": Decimal(100)}
    unknown_grade = request(born=dt.date(1955, 8, 2), ability=None, assessed=None)
    decided = assess(unknown_grade, ON, book=book)  # the service subsidy needs no grade,
    assert decided.outcome is Outcome.CANNOT_DECIDE  # the care subsidy does
    assert decided.missing == ("$.older.ability",)
    service = next(r for r in decided.reasons if r.code == "eldercare.subsidies.service")
    assert service.met is True


def test_an_intact_grade_needs_no_assessment_date() -> None:
    """An intact grade qualifies for nothing, so its date cannot matter."""
    decision = assess(request(ability=AbilityGrade.INTACT, assessed=None), ON)
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert decision.missing == ()


def test_economic_difficulty_counts_layers_from_extreme_poverty() -> None:
    """经济困难 is local (arts. 30, 37: "地方各级人民政府"); example: 特困 and 低保."""
    for layer, outcome in (
        (AssistanceLayer.EXTREME_POVERTY, Outcome.ELIGIBLE),
        (AssistanceLayer.DIBAO, Outcome.ELIGIBLE),
        (AssistanceLayer.MARGINAL, Outcome.NOT_ELIGIBLE),
        (AssistanceLayer.RIGID_EXPENDITURE, Outcome.NOT_ELIGIBLE),
        (AssistanceLayer.NONE, Outcome.NOT_ELIGIBLE),
    ):
        assert assess(request(layer=layer), ON).outcome is outcome, layer
    wider = default_book().override("eldercare.subsidies.covered_layers", "421300", 3, ON)
    marginal = assess(request(layer=AssistanceLayer.MARGINAL), ON, book=wider)
    assert marginal.outcome is Outcome.ELIGIBLE


def test_extreme_poverty_support_already_includes_care() -> None:
    """社会救助暂行办法 art. 15 (二): 特困人员供养的内容包括 "对生活不能自理的给予照料"."""
    decision = assess(request(layer=AssistanceLayer.EXTREME_POVERTY), ON)
    assert lines(decision) == {"service": Decimal(100)}
    assert "eldercare.subsidies.care_extreme_poverty" in decision.codes


def test_the_assessment_is_current_through_the_corresponding_day() -> None:
    """GB/T 42195 常规评估 (12 months, example); 民法典 art. 202 (the corresponding day)."""
    until = dt.date(2026, 3, 1)
    assert assess(request(), until).eligible
    late = assess(request(), until + dt.timedelta(days=1))
    assert late.outcome is Outcome.NOT_ELIGIBLE
    assert "eldercare.subsidies.assessment_out_of_date" in late.codes


def test_validity_is_the_assessment_modules_own() -> None:
    """The subsidy reads the same valid-until date as the graded assessment (one rule)."""
    on_31 = dt.date(2024, 8, 31)
    until, used = assessment.valid_until(
        on_31, ON, jurisdiction=SUIZHOU_DISTRICT, book=default_book()
    )
    assert used.name == "eldercare.assessment.routine_interval_months"
    assert until == dt.date(2025, 8, 31)
    month_end = assessment.valid_until(
        dt.date(2025, 1, 31), ON, jurisdiction=SUIZHOU_DISTRICT, book=default_book()
    )[0]
    assert month_end == dt.date(2026, 1, 31)


def test_an_out_of_date_grade_cannot_qualify_even_when_very_old() -> None:
    """A very old person keeps the service subsidy through age, not through the expired grade."""
    stale = request(born=dt.date(1940, 1, 1), assessed=dt.date(2024, 1, 1))
    decision = assess(stale, ON)
    assert lines(decision) == {"service": Decimal(100)}


def test_an_undated_grade_leaves_the_subsidies_undecided() -> None:
    decision = assess(request(assessed=None), ON)
    assert decision.outcome is Outcome.CANNOT_DECIDE
    assert decision.missing == ("$.ability_assessed_on",)


def test_higher_of_the_disability_care_subsidy() -> None:
    """国发〔2015〕52号 二(四) as restated by 广州 2021.

    "养老护理补贴应与重度残疾人护理补贴择高享受(不同时享受)"
    """
    lower = request(disability=SEVERE_ONE, disability_care="199.99")
    tie = request(disability=SEVERE_ONE, disability_care="200")
    assert lines(assess(lower, ON)) == {"service": Decimal(100), "care": Decimal(200)}
    assert lines(assess(tie, ON)) == {"service": Decimal(100)}  # a tie keeps the disability one


def test_a_disability_care_subsidy_the_facts_rule_out_is_refused_by_path() -> None:
    """国发〔2015〕52号 二(一) 补贴对象 (the care subsidy is for disability-certificate holders)
    and 二(四) as restated ("纳入特困人员供养保障的残疾人…不享受").

    Found in review: a positive ``disability_care_subsidy`` for a person without a
    certificate was ignored ("未持有残疾人证"), and the old-age care subsidy paid in full
    beside it — no 择高.  The contradiction is now refused at its path.
    """
    with pytest.raises(InvalidInputError) as info:
        request(disability_care="150")
    assert info.value.path == "$.disability_care_subsidy"
    assert "$.older.person.disability" in info.value.expected
    with pytest.raises(InvalidInputError) as info:
        request(layer=AssistanceLayer.EXTREME_POVERTY, disability=SEVERE_ONE, disability_care="150")
    assert info.value.path == "$.disability_care_subsidy"
    assert "$.older.layer" in info.value.expected
    # 0 (none received) stays a fact anyone may give, and a holder outside 特困 may give more.
    assert lines(assess(request(disability_care="0"), ON)) == {
        "service": Decimal(100),
        "care": Decimal(200),
    }
    assert lines(assess(request(disability=SEVERE_ONE, disability_care="150"), ON)) == {
        "service": Decimal(100),
        "care": Decimal(200),
    }


def test_the_service_subsidy_stacks_with_the_disability_care_subsidy() -> None:
    """广州 2021: "以经济状况为标准发放的养老服务补贴…与残疾人两项补贴可重复享受"."""
    high = request(disability=SEVERE_ONE, disability_care="1000")
    assert lines(assess(high, ON)) == {"service": Decimal(100)}


def test_chongqing_pays_the_higher_of_service_and_disability_care() -> None:
    """重庆 (reported): "符合重度残疾人护理补贴政策条件的,按照就高不就低原则享受补贴"."""
    wulong = "500156"
    lower = request(where=wulong, disability=SEVERE_ONE, disability_care="199")
    higher = request(where=wulong, disability=SEVERE_ONE, disability_care="200")
    assert lines(assess(lower, ON)) == {"service": Decimal(200)}
    assert assess(higher, ON).outcome is Outcome.NOT_ELIGIBLE


def test_a_person_in_extreme_poverty_has_no_disability_care_subsidy() -> None:
    """52号 as restated (湖北 2016): "纳入…特困人员供养保障的残疾人…不再享受两项补贴"."""
    decision = assess(
        request(layer=AssistanceLayer.EXTREME_POVERTY, disability=SEVERE_ONE, where="500156"), ON
    )
    assert lines(decision) == {"service": Decimal(200)}
    assert "eldercare.subsidies.no_disability_care" in decision.codes
    assert decision.missing == ()


def test_family_bed_from_the_moderate_grade() -> None:
    """家庭养老床位 (seeds 000, 004): professional care at home; threshold and amount example."""
    moderate = assess(request(ability=AbilityGrade.MODERATE, setting=CareSetting.FAMILY_BED), ON)
    assert lines(moderate) == {
        "service": Decimal(100),
        "care": Decimal(100),
        "family_bed": Decimal(300),
    }
    mild = assess(request(ability=AbilityGrade.MILD, setting=CareSetting.FAMILY_BED), ON)
    assert lines(mild) == {"service": Decimal(100)}


def test_concentrated_care_admit_first_subsidise_after() -> None:
    """随州 2025 二(二): "按照'预评估、先入住、后补助'的原则，确保有需求的服务对象实行集中照护"."""
    waiting = assess(request(ability=None, assessed=None, setting=CareSetting.CONCENTRATED), ON)
    assert waiting.outcome is Outcome.CANNOT_DECIDE
    assert waiting.missing == ("$.older.ability",)
    assert "eldercare.subsidies.admit_first" in waiting.codes
    admitted = assess(request(ability=AbilityGrade.COMPLETE, setting=CareSetting.CONCENTRATED), ON)
    assert lines(admitted) == {"concentrated": Decimal(1200)}
    severe = assess(request(setting=CareSetting.CONCENTRATED), ON)
    assert severe.outcome is Outcome.NOT_ELIGIBLE


def test_concentrated_care_elsewhere_uses_the_national_example() -> None:
    wulong = request(
        where="500156", ability=AbilityGrade.COMPLETE, setting=CareSetting.CONCENTRATED
    )
    assert lines(assess(wulong, ON)) == {"concentrated": Decimal(1000)}


def test_concentrated_care_is_for_dibao_households_only() -> None:
    """随州 2025 二(二): "开展低保家庭失能老年人集中照护，摸清低保家庭中的完全失能老年人底数".

    Found in review: any layer counted as 经济困难 (``covered_layers``) opened it, so a place
    counting 低保边缘 would have paid the plan's subsidy to a 低保边缘 household.
    """
    book = default_book().override(
        "eldercare.subsidies.covered_layers", "421300", value=3, effective_from=dt.date(2025, 1, 1)
    )
    marginal = request(
        layer=AssistanceLayer.MARGINAL,
        ability=AbilityGrade.COMPLETE,
        setting=CareSetting.CONCENTRATED,
    )
    decision = assess(marginal, ON, book=book)
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    concentrated = [r for r in decision.reasons if r.code == "eldercare.subsidies.concentrated"]
    assert [r.met for r in concentrated] == [False]
    at_home = attrs.evolve(marginal, setting=CareSetting.HOME)
    assert assess(at_home, ON, book=book).eligible  # the other subsidies follow covered_layers
    dibao = attrs.evolve(marginal, older=attrs.evolve(marginal.older, layer=AssistanceLayer.DIBAO))
    assert lines(assess(dibao, ON, book=book)) == {"concentrated": Decimal(1200)}


def test_extreme_poverty_concentrated_care_is_their_own_support() -> None:
    """社会救助暂行办法 art. 15: 特困人员供养 (集中供养) is the route, not this subsidy."""
    decision = assess(
        request(
            layer=AssistanceLayer.EXTREME_POVERTY,
            ability=AbilityGrade.COMPLETE,
            setting=CareSetting.CONCENTRATED,
        ),
        ON,
    )
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert "eldercare.subsidies.concentrated_extreme_poverty" in decision.codes


def test_unknown_layer_is_named_only_when_a_subsidy_could_follow() -> None:
    could = assess(request(layer=None), ON)
    assert could.outcome is Outcome.CANNOT_DECIDE
    assert could.missing == ("$.older.layer",)
    cannot = assess(request(layer=None, ability=AbilityGrade.INTACT, assessed=None), ON)
    assert cannot.outcome is Outcome.NOT_ELIGIBLE


def test_not_an_older_person() -> None:
    """Art. 2: "本法所称老年人是指六十周岁以上的公民"."""
    decision = assess(request(born=dt.date(1965, 8, 2)), ON)
    assert decision.codes == ("eldercare.subsidies.not_older_person",)


def test_every_amount_is_example_data_and_says_so() -> None:
    decision = assess(request(), ON)
    assert decision.uses_example_data
    text = decision.render("zh")
    assert "财社〔2014〕113号" in text
    assert "示例数据" in text


def test_before_the_law_there_is_no_value() -> None:
    with pytest.raises(ParameterOutOfRangeError, match=r"eldercare\.subsidies"):
        assess(request(assessed=dt.date(2013, 1, 1)), dt.date(2013, 6, 30))


def test_personal_data_is_masked() -> None:
    rid = generate("421381", BORN, 31)
    person = attrs.evolve(
        older(BORN, where=SUIZHOU_DISTRICT).person, resident_id=rid, sex=rid.sex, name="王秀英"
    )
    masked = attrs.evolve(request(), older=attrs.evolve(request().older, person=person))
    decision = assess(masked, ON)
    rendered = decision.render("zh") + decision.render("en") + repr(decision) + repr(masked)
    assert rid.reveal() not in rendered
    assert "王秀英" not in rendered
    assert rid.masked in decision.subject


@pytest.mark.parametrize(
    ("document", "path"),
    [
        ('"setting": "hospital"', "$.setting"),
        ('"setting": "home", "disability_care_subsidy": 12.5', "$.disability_care_subsidy"),
        ('"setting": "home", "disability_care_subsidy": "-1"', "$.disability_care_subsidy"),
        ('"setting": "home", "ability_assessed_on": "1930-01-01"', "$.ability_assessed_on"),
        ('"setting": "home", "ability_assessed_on": "2025-02-30"', "$.ability_assessed_on"),
        ('"setting": "home", "extra": 1', "$.extra"),
    ],
)
def test_bad_json_names_the_field(document: str, path: str) -> None:
    text = (
        '{"older": {"person": {"id": "p", "birth_date": "1950-03-01", "sex": "female",'
        ' "registration": {"jurisdiction": "421381", "kind": "rural"}}, "layer": "dibao"}, '
        + document
        + "}"
    )
    with pytest.raises(InvalidDocumentError) as info:
        loads(text, SubsidyRequest)
    assert f"{path}:" in str(info.value)


def test_missing_setting_is_an_error_not_a_default() -> None:
    text = (
        '{"older": {"person": {"id": "p", "birth_date": "1950-03-01", "sex": "female",'
        ' "registration": {"jurisdiction": "421381", "kind": "rural"}}}}'
    )
    with pytest.raises(InvalidDocumentError, match=r"\$\.setting: got \(missing\)"):
        loads(text, SubsidyRequest)


def test_an_assessment_after_the_date_asked_is_refused() -> None:
    with pytest.raises(InvalidInputError) as info:
        assess(request(assessed=dt.date(2025, 8, 2)), ON)
    assert info.value.path == "$.ability_assessed_on"


def test_an_assessment_whose_validity_ends_after_9999_is_refused_by_path() -> None:
    """Step 3: the grade is current until ``eldercare.assessment.valid_until`` (民法典 art. 202).

    An assessment made within a year of 9999-12-31 has a period ending in the year 10000:
    found in review as a ``ValueError`` out of ``civaffairs assess``; now refused at the
    request's own path.
    """
    with pytest.raises(InvalidInputError) as info:
        assess(request(assessed=dt.date(9999, 6, 1)), dt.date(9999, 12, 31))
    assert info.value.path == "$.ability_assessed_on"
    document = {
        "programme": "eldercare.subsidies",
        "as_of": "9999-12-31",
        "input": json.loads(
            dumps(request(assessed=dt.date(9999, 1, 1)), reveal_personal_data=True)
        ),
    }
    # Through the request format the as-of date itself is bounded first (requests.LATEST_AS_OF,
    # 9998-12-31), so such a request is refused at its date, never an overflow.
    with pytest.raises(InvalidDocumentError) as refused:
        requests.decide(requests.parse(document))
    assert [e.path for e in refused.value.errors] == ["$.as_of"]


def test_a_request_of_the_wrong_type_is_refused() -> None:
    with pytest.raises(InvalidInputError) as info:
        assess(request().older, ON)  # type: ignore[arg-type]
    assert info.value.path == "$"


def test_json_round_trip() -> None:
    original = request(disability=SEVERE_ONE, disability_care="150.50")
    assert loads(dumps(original), SubsidyRequest) == original


def test_shipped_care_amounts_never_fall_with_severity() -> None:
    """Art. 30 para. 2 grades the care subsidy "根据其失能程度": a worse grade never gets less."""
    book = default_book()
    grades = ("mild", "moderate", "severe", "complete")
    for where in ("421381", "500156", "440304", "330784"):
        for on in (dt.date(2013, 7, 1), dt.date(2016, 1, 1), ON):
            amounts = [
                book.money(f"eldercare.subsidies.care.{grade}", where, on)[0] for grade in grades
            ]
            assert amounts == sorted(amounts), (where, on)
