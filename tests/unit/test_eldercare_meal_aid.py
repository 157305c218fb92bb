import datetime as dt
from decimal import Decimal

import pytest
from eldercare_builders import older

from civaffairs.decisions import Outcome
from civaffairs.eldercare import meal_aid
from civaffairs.eldercare.groups import TargetGroup
from civaffairs.entities import AbilityGrade, AssistanceLayer, Disability, DisabilityCategory
from civaffairs.errors import InvalidInputError, ParameterOutOfRangeError
from civaffairs.parameters import default_book

ON = dt.date(2025, 8, 1)
# Example national figures (no sourced amount exists): age tiers 60 → 1 and 80 → 3 yuan a meal;
# 特困 5, 低保 5, 低保边缘 4, 刚性支出困难 3, other special hardship 3; the higher tier applies.


def per_meal(**facts: object) -> Decimal | None:
    decision = meal_aid.assess(older(**facts), ON)  # type: ignore[arg-type]
    return decision.amount.total if decision.amount else None


def test_under_60_is_not_an_older_person() -> None:
    decision = meal_aid.assess(older(dt.date(1965, 8, 2)), ON)  # 60 tomorrow
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert decision.codes == ("eldercare.meal_aid.not_older_person",)


def test_the_60th_birthday_opens_the_first_age_tier() -> None:
    assert per_meal(born=dt.date(1965, 8, 1)) == Decimal(1)


@pytest.mark.parametrize(
    ("born", "expected"),
    [(dt.date(1945, 8, 2), Decimal(1)), (dt.date(1945, 8, 1), Decimal(3))],
)
def test_80th_birthday_moves_to_the_second_age_tier(born: dt.date, expected: Decimal) -> None:
    # 高龄 (80) is also a special-hardship group (3 yuan): the same as the age tier here.
    assert per_meal(born=born) == expected


@pytest.mark.parametrize(
    ("layer", "expected"),
    [
        (AssistanceLayer.EXTREME_POVERTY, Decimal(5)),
        (AssistanceLayer.DIBAO, Decimal(5)),
        (AssistanceLayer.MARGINAL, Decimal(4)),
        (AssistanceLayer.RIGID_EXPENDITURE, Decimal(3)),
        (AssistanceLayer.NONE, Decimal(1)),
    ],
)
def test_status_tiers(layer: AssistanceLayer, expected: Decimal) -> None:
    assert per_meal(layer=layer) == expected


@pytest.mark.parametrize(
    "facts",
    [
        {"living_alone": True},
        {"empty_nest": True},
        {"left_behind": True},
        {"family_planning_special": True},
        {"ability": AbilityGrade.MILD},
        {"disability": Disability(DisabilityCategory.VISUAL, 4)},
    ],
)
def test_special_hardship_groups_of_58(facts: dict[str, object]) -> None:
    assert per_meal(**facts) == Decimal(3)


def test_the_higher_tier_applies_not_both() -> None:
    decision = meal_aid.assess(older(dt.date(1940, 1, 1), layer=AssistanceLayer.DIBAO), ON)
    assert decision.amount is not None
    assert decision.amount.total == Decimal(5)
    assert [line.code for line in decision.amount.lines] == ["status_tier"]


def test_where_tiers_stack_they_add_up() -> None:
    book = default_book().override("eldercare.meal_aid.tiers_stack", "500156", True, ON)
    decision = meal_aid.assess(
        older(dt.date(1940, 1, 1), layer=AssistanceLayer.DIBAO), ON, meals=2, book=book
    )
    assert decision.amount is not None
    assert decision.amount.total == Decimal(16)  # (3 + 5) × 2
    assert sum(line.amount for line in decision.amount.lines) == decision.amount.total


def test_meals_multiply_and_the_price_caps() -> None:
    decision = meal_aid.assess(older(layer=AssistanceLayer.DIBAO), ON, meals=30, meal_price="4.50")
    assert decision.amount is not None
    assert decision.amount.total == Decimal("135.00")
    assert sum(line.amount for line in decision.amount.lines) == decision.amount.total
    assert "eldercare.meal_aid.price_cap" in decision.codes


def test_a_price_above_the_subsidy_does_not_change_it() -> None:
    decision = meal_aid.assess(older(layer=AssistanceLayer.DIBAO), ON, meal_price=12)
    assert decision.amount is not None
    assert decision.amount.total == Decimal(5)


def test_unknown_layer_that_could_raise_the_subsidy_cannot_be_decided() -> None:
    decision = meal_aid.assess(older(layer=None), ON)
    assert decision.outcome is Outcome.CANNOT_DECIDE
    assert decision.missing == ("$.layer",)
    assert decision.amount is None


def test_unknown_facts_that_cannot_raise_it_do_not_matter() -> None:
    # 特困 gives 5, more than any other tier: the unknown living arrangements cannot change it.
    decision = meal_aid.assess(
        older(
            layer=AssistanceLayer.EXTREME_POVERTY,
            living_alone=None,
            empty_nest=None,
            ability=None,
        ),
        ON,
    )
    assert decision.outcome is Outcome.ELIGIBLE
    assert decision.amount is not None
    assert decision.amount.total == Decimal(5)


def test_unknown_special_hardship_is_named() -> None:
    decision = meal_aid.assess(older(living_alone=None, ability=None), ON)
    assert decision.outcome is Outcome.CANNOT_DECIDE
    assert set(decision.missing) == {"$.living_alone", "$.ability"}


def test_amounts_are_example_data() -> None:
    decision = meal_aid.assess(older(), ON)
    assert decision.uses_example_data
    assert "民发〔2023〕58号" in decision.render("zh")


def test_before_the_plan_there_is_no_value() -> None:
    with pytest.raises(ParameterOutOfRangeError, match="meal_aid"):
        meal_aid.assess(older(), dt.date(2023, 10, 22))


@pytest.mark.parametrize(
    ("kwargs", "path"),
    [
        ({"meals": 0}, "$.meals"),
        ({"meals": True}, "$.meals"),
        ({"meal_price": 4.5}, "$.meal_price"),
        ({"meal_price": "-1"}, "$.meal_price"),
    ],
)
def test_bad_arguments(kwargs: dict[str, object], path: str) -> None:
    with pytest.raises(InvalidInputError) as info:
        meal_aid.assess(older(), ON, **kwargs)  # type: ignore[arg-type]
    assert info.value.path == path


def test_the_tiers_cover_the_plans_groups() -> None:
    groups = {g for _, alternatives in meal_aid.STATUS_TIERS for a in alternatives for g in a}
    assert groups == {
        TargetGroup.EXTREME_POVERTY,
        TargetGroup.DIBAO,
        TargetGroup.MARGINAL,
        TargetGroup.RIGID_EXPENDITURE,
        *meal_aid.SPECIAL_HARDSHIP,
    }


def test_no_status_tier_is_said_only_when_nothing_is_unknown() -> None:
    decided = meal_aid.assess(older(), ON)
    assert "eldercare.meal_aid.no_status_tier" in decided.codes
    assert "eldercare.meal_aid.status_tier_unknown" not in decided.codes
    # the layer is unknown, but the price (1 yuan) caps every tier at the age tier's 1 yuan
    unknown = meal_aid.assess(older(layer=None), ON, meal_price=1)
    assert "eldercare.meal_aid.no_status_tier" not in unknown.codes
    (reason,) = (r for r in unknown.reasons if r.code == "eldercare.meal_aid.status_tier_unknown")
    assert reason.met is None
    assert "$.layer" in reason.en


def test_an_unknown_tier_is_weighed_against_the_capped_subsidy() -> None:
    # age tier 1 yuan; 低保 or 特困 would give 5, but a 1-yuan meal gets at most 1 yuan
    capped = meal_aid.assess(older(layer=None, living_alone=None), ON, meal_price=1)
    assert capped.outcome is Outcome.ELIGIBLE
    assert capped.amount is not None
    assert capped.amount.total == Decimal(1)
    assert capped.missing == ()
    # a 2-yuan meal: an unknown tier could still raise 1 to 2
    open_ = meal_aid.assess(older(layer=None), ON, meal_price=2)
    assert open_.outcome is Outcome.CANNOT_DECIDE
    assert "$.layer" in open_.missing
    # stacked tiers are weighed after the cap too
    book = default_book().override("eldercare.meal_aid.tiers_stack", "500156", True, ON)
    stacked = meal_aid.assess(older(layer=None), ON, meal_price=1, book=book)
    assert stacked.outcome is Outcome.ELIGIBLE


def test_the_rigid_expenditure_tier_cites_an_inference() -> None:
    decision = meal_aid.assess(older(layer=AssistanceLayer.RIGID_EXPENDITURE), ON)
    (reason,) = (r for r in decision.reasons if r.code == "eldercare.meal_aid.status_tier")
    assert "INFERENCE" in (reason.citation.note or "")
    dibao = meal_aid.assess(older(layer=AssistanceLayer.DIBAO), ON)
    (reason,) = (r for r in dibao.reasons if r.code == "eldercare.meal_aid.status_tier")
    assert "INFERENCE" not in (reason.citation.note or "")
