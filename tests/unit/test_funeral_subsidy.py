"""惠民殡葬奖补: one-off incentives (civaffairs.funeral.subsidy)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from funeral_builders import WULONG, YUELOU, ZENGDU, case, person

from civaffairs.decisions import Outcome, Period
from civaffairs.entities import AssistanceLayer
from civaffairs.errors import InvalidInputError
from civaffairs.funeral import subsidy
from civaffairs.funeral.facts import Burial, Ceremony, Deceased, FuneralCase
from civaffairs.parameters import default_book

DIED = dt.date(2024, 5, 1)
ON = dt.date(2024, 5, 20)


@pytest.mark.parametrize(
    ("burial", "ceremony", "layer", "expected"),
    [
        (Burial.ECO, None, AssistanceLayer.NONE, "1000"),
        (Burial.NO_REMAINS_KEPT, None, AssistanceLayer.NONE, "2000"),
        (None, Ceremony.CIVILISED, AssistanceLayer.NONE, "4000"),
        (None, Ceremony.CIVILISED, AssistanceLayer.DIBAO, "5000"),
        (None, Ceremony.SIMPLIFIED, AssistanceLayer.NONE, "2000"),
        (None, Ceremony.SIMPLIFIED, AssistanceLayer.EXTREME_POVERTY, "4000"),
        (Burial.ECO, Ceremony.CIVILISED, AssistanceLayer.RIGID_EXPENDITURE, "6000"),
        (Burial.GRAVE, Ceremony.ORDINARY, AssistanceLayer.DIBAO, None),
    ],
)
def test_yueyang_incentives(
    burial: Burial | None, ceremony: Ceremony | None, layer: AssistanceLayer, expected: str | None
) -> None:
    decision = subsidy.assess(
        case(YUELOU, YUELOU, DIED, burial=burial, ceremony=ceremony, layer=layer), ON
    )
    if expected is None:
        assert decision.outcome is Outcome.NOT_ELIGIBLE
        assert decision.amount is None
        return
    assert decision.outcome is Outcome.ELIGIBLE
    assert decision.amount is not None
    assert decision.amount.period is Period.ONE_OFF
    assert decision.amount.total == Decimal(expected)
    assert decision.uses_example_data  # 岳阳's figures have no sourced effective date
    assert decision.jurisdiction == YUELOU


def test_priority_entitled_person_gets_the_hardship_figure() -> None:
    decision = subsidy.assess(
        case(YUELOU, YUELOU, DIED, ceremony=Ceremony.CIVILISED, priority_entitled=True), ON
    )
    assert decision.amount is not None
    assert decision.amount.total == Decimal(5000)


def test_a_hardship_group_falls_back_to_the_general_figure() -> None:
    book = default_book().override(
        "funeral.subsidy.civilised_funeral", "421300", Decimal(800), DIED
    )
    decision = subsidy.assess(
        case(ZENGDU, ZENGDU, DIED, ceremony=Ceremony.CIVILISED, layer=AssistanceLayer.DIBAO),
        ON,
        book=book,
    )
    assert decision.amount is not None
    assert decision.amount.total == Decimal(800)
    assert decision.amount.lines[0].code == "civilised_funeral"


def test_a_jurisdiction_without_incentives_says_so() -> None:
    decision = subsidy.assess(case(ZENGDU, ZENGDU, DIED, burial=Burial.ECO), ON)
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert "funeral.subsidy.not_set" in decision.codes
    assert "未设奖补标准" in decision.render("zh")


def test_voluntary_cremation_is_rewarded_only_in_a_burial_reform_zone() -> None:
    book = default_book().override(
        "funeral.subsidy.voluntary_cremation", "500156", Decimal(500), dt.date(2020, 1, 1)
    )
    wulong = subsidy.assess(case(WULONG, WULONG, DIED), ON, book=book)
    assert wulong.amount is not None
    assert wulong.amount.total == Decimal(500)
    paid = next(r for r in wulong.reasons if r.code == "funeral.subsidy.paid")
    assert [p.name for p in paid.parameters] == [
        "funeral.subsidy.voluntary_cremation",
        "funeral.zone.burial_reform",
    ]
    suizhou = subsidy.assess(case(ZENGDU, ZENGDU, DIED), ON, book=book)
    assert suizhou.outcome is Outcome.NOT_ELIGIBLE  # a cremation zone: cremation is the rule
    shipped = subsidy.assess(case(WULONG, WULONG, DIED), ON)
    assert "funeral.subsidy.not_set" in shipped.codes  # no amount ships for it


def test_an_unknown_zone_is_explained() -> None:
    decision = subsidy.assess(case(YUELOU, YUELOU, DIED), ON)
    assert "funeral.subsidy.zone_unknown" in decision.codes


def test_a_body_burial_earns_no_ceremony_incentive() -> None:
    decision = subsidy.assess(
        case(
            YUELOU,
            YUELOU,
            DIED,
            cremated=False,
            burial=Burial.BODY_BURIAL,
            ceremony=Ceremony.CIVILISED,
        ),
        ON,
    )
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert "funeral.subsidy.needs_cremation" in decision.codes


def test_an_unidentified_body_has_no_incentive() -> None:
    deceased = Deceased(None, DIED, YUELOU, unidentified=True)
    decision = subsidy.assess(FuneralCase("U", deceased, YUELOU), ON)
    assert decision.codes == ("funeral.subsidy.unidentified",)


def test_a_death_after_the_as_of_date_is_refused() -> None:
    with pytest.raises(InvalidInputError) as caught:
        subsidy.assess(case(YUELOU, YUELOU, DIED), dt.date(2024, 4, 30))
    assert caught.value.path == "$.deceased.death_date"


def test_unknown_layer_cannot_decide_a_hardship_dependent_incentive() -> None:
    deceased = Deceased(person(YUELOU), DIED, YUELOU)
    civilised = FuneralCase(
        "C1", deceased, YUELOU, ceremony=Ceremony.CIVILISED, burial=Burial.GRAVE
    )
    decision = subsidy.assess(civilised, ON)
    assert decision.outcome is Outcome.CANNOT_DECIDE
    assert decision.missing == ("$.deceased.layer", "$.deceased.priority_entitled")
    # an eco burial pays the same to everyone: the unknown layer does not matter
    eco = FuneralCase("C2", deceased, YUELOU, burial=Burial.ECO)
    assert subsidy.assess(eco, ON).outcome is Outcome.ELIGIBLE
