import datetime as dt
from decimal import Decimal

import pytest
from eldercare_builders import older

from civaffairs.decisions import Outcome
from civaffairs.eldercare import home_adaptation
from civaffairs.entities import AbilityGrade, AssistanceLayer, Disability, DisabilityCategory
from civaffairs.errors import InvalidInputError, ParameterOutOfRangeError

IN_2019 = dt.date(2019, 6, 1)
IN_2025 = dt.date(2025, 8, 1)
VERY_OLD = dt.date(1935, 1, 1)
CAP = Decimal(3000)  # example national cap


def test_extreme_poverty_and_very_old_qualifies_under_the_2019_opinion() -> None:
    decision = home_adaptation.assess(
        older(VERY_OLD, layer=AssistanceLayer.EXTREME_POVERTY), IN_2019
    )
    assert decision.outcome is Outcome.ELIGIBLE
    assert decision.amount is not None
    assert decision.amount.total == CAP
    economic = decision.reasons[0]
    assert economic.code == "eldercare.home_adaptation.economic"
    sourced = {p.name: p.status.value for p in economic.parameters}
    assert sourced["eldercare.home_adaptation.economic.extreme_poverty"] == "sourced"


def test_registered_poor_with_a_disability_certificate_qualifies() -> None:
    decision = home_adaptation.assess(
        older(
            dt.date(1955, 1, 1),
            registered_poor=True,
            disability=Disability(DisabilityCategory.PHYSICAL, 3),
        ),
        IN_2019,
    )
    assert decision.outcome is Outcome.ELIGIBLE


def test_dibao_was_not_covered_in_2019_and_is_in_the_example_widening() -> None:
    person = older(VERY_OLD, layer=AssistanceLayer.DIBAO)
    assert home_adaptation.assess(person, dt.date(2020, 12, 31)).outcome is Outcome.NOT_ELIGIBLE
    later = home_adaptation.assess(person, dt.date(2021, 1, 1))
    assert later.outcome is Outcome.ELIGIBLE
    assert later.uses_example_data


def test_a_disabled_grade_qualifies_an_intact_one_does_not() -> None:
    young_old = dt.date(1955, 1, 1)
    disabled = older(young_old, layer=AssistanceLayer.EXTREME_POVERTY, ability=AbilityGrade.MILD)
    intact = older(young_old, layer=AssistanceLayer.EXTREME_POVERTY)
    assert home_adaptation.assess(disabled, IN_2025).eligible
    assert home_adaptation.assess(intact, IN_2025).outcome is Outcome.NOT_ELIGIBLE


def test_the_80th_birthday_is_the_very_old_boundary() -> None:
    assert (
        home_adaptation.assess(
            older(dt.date(1945, 8, 2), layer=AssistanceLayer.EXTREME_POVERTY), IN_2025
        ).outcome
        is Outcome.NOT_ELIGIBLE
    )
    assert home_adaptation.assess(
        older(dt.date(1945, 8, 1), layer=AssistanceLayer.EXTREME_POVERTY), IN_2025
    ).eligible


def test_not_an_older_person() -> None:
    decision = home_adaptation.assess(
        older(dt.date(1970, 1, 1), layer=AssistanceLayer.EXTREME_POVERTY), IN_2025
    )
    assert decision.codes == ("eldercare.home_adaptation.not_older_person",)


def test_unknown_grade_cannot_be_decided_when_it_matters() -> None:
    decision = home_adaptation.assess(
        older(dt.date(1955, 1, 1), layer=AssistanceLayer.EXTREME_POVERTY, ability=None), IN_2025
    )
    assert decision.outcome is Outcome.CANNOT_DECIDE
    assert decision.missing == ("$.ability",)


def test_unknown_grade_does_not_matter_when_the_economic_test_fails() -> None:
    decision = home_adaptation.assess(older(dt.date(1955, 1, 1), ability=None), IN_2025)
    assert decision.outcome is Outcome.NOT_ELIGIBLE


def test_unknown_layer_cannot_be_decided() -> None:
    decision = home_adaptation.assess(older(VERY_OLD, layer=None), IN_2025)
    assert decision.outcome is Outcome.CANNOT_DECIDE
    assert decision.missing == ("$.layer",)


@pytest.mark.parametrize(
    ("cost", "expected"),
    [("2500", Decimal(2500)), (3000, CAP), ("4800.50", CAP)],
)
def test_the_amount_is_the_cost_up_to_the_cap(cost: object, expected: Decimal) -> None:
    decision = home_adaptation.assess(
        older(VERY_OLD, layer=AssistanceLayer.EXTREME_POVERTY),
        IN_2025,
        cost=cost,  # type: ignore[arg-type]
    )
    assert decision.amount is not None
    assert decision.amount.total == expected


@pytest.mark.parametrize("cost", [2500.0, "-1", "abc"])
def test_bad_cost(cost: object) -> None:
    with pytest.raises(InvalidInputError) as info:
        home_adaptation.assess(older(), IN_2025, cost=cost)  # type: ignore[arg-type]
    assert info.value.path == "$.cost"


def test_before_the_2019_opinion_there_is_no_rule() -> None:
    with pytest.raises(ParameterOutOfRangeError, match="home_adaptation"):
        home_adaptation.assess(
            older(VERY_OLD, layer=AssistanceLayer.EXTREME_POVERTY), dt.date(2019, 3, 28)
        )


def test_every_reason_cites_the_opinion() -> None:
    decision = home_adaptation.assess(
        older(VERY_OLD, layer=AssistanceLayer.EXTREME_POVERTY), IN_2025
    )
    for reason in decision.reasons:
        assert reason.citation.document.number == "国办发〔2019〕5号"
