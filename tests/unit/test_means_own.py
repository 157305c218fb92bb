"""The shared means test for one person (特困) and the disposable-income test (one home)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from builders import ON, WULONG, household, person

from civaffairs.assistance import means
from civaffairs.assistance.extreme_poverty import living
from civaffairs.entities import Asset, AssetType, Income, IncomeType, RegistrationKind, Relationship
from civaffairs.parameters import default_book

RURAL_DISPOSABLE = Decimal(23119)  # assistance.means.disposable_income.rural in 500156 (example)


def test_an_item_naming_nobody_is_the_persons_only_when_alone() -> None:
    alone = household((person("a"), Relationship.APPLICANT))
    pair = household((person("a"), Relationship.APPLICANT), (person("b"), Relationship.SPOUSE))
    assert means.owned_by(None, "a", alone) is True
    assert means.owned_by(None, "a", pair) is None
    assert means.owned_by("b", "a", pair) is False
    assert means.owned_by("a", "a", pair) is True


def test_own_income_leaves_out_art_6_items_and_counts_the_rest() -> None:
    """特困人员认定办法 第六条.

    "前款所称收入包括工资性收入、经营净收入、财产净收入、转移净收入等各类收入。中央确定的城乡居民
    基本养老保险基础养老金、基本医疗保险等社会保险和优待抚恤金、高龄津贴不计入在内。" — and a
    family-planning reward, on the 低保 list but not on this one, counts.
    """
    h = household(
        (person("a"), Relationship.APPLICANT),
        (person("b"), Relationship.CHILD),
        incomes=[
            Income(IncomeType.WAGES, "300", member="a"),
            Income(IncomeType.LONGEVITY_ALLOWANCE, "100", member="a"),
            Income(IncomeType.FAMILY_PLANNING_REWARD, "50", member="a"),
            Income(IncomeType.CENTRAL_BASIC_PENSION, "150", member="a"),
            Income(IncomeType.WAGES, "2000", member="b"),  # another member's: not asked
            Income(IncomeType.TRANSFER, "80"),  # names no member, in a household of two
        ],
    )
    own = means.own_income(
        h, "a", living.INCOME, book=default_book(), where=WULONG, on=ON, path="$.household"
    )
    assert own.income == Decimal(350)
    assert own.unattributed == Decimal(80)
    assert own.unattributed_paths == ("$.household.incomes[5].member",)
    assert own.not_counted == (
        (IncomeType.LONGEVITY_ALLOWANCE, Decimal(100)),
        (IncomeType.CENTRAL_BASIC_PENSION, Decimal(150)),
    )
    # Only the pension's switch is read: no social assistance is in question.
    assert [p.name for p in own.used] == [
        "assistance.extreme_poverty.income.exclude_central_basic_pension"
    ]


def test_household_income_exclusions_are_the_dibao_list() -> None:
    """The national list (57号 art. 13, as restated) with the pension by its dated switch."""
    for exclude in (False, True):
        kept = means.counted_income_types(exclude_central_basic_pension=exclude)
        assert kept.isdisjoint(means.HOUSEHOLD_INCOME.never)
        assert (IncomeType.CENTRAL_BASIC_PENSION in kept) is not exclude
    assert means.HOUSEHOLD_INCOME.label(IncomeType.AWARD) == (
        "奖励性补助",
        "awards and scholarships",
    )
    assert (
        living.INCOME.label(IncomeType.SOCIAL_ASSISTANCE)[0] == "政府发放的社会救助款物(如低保金)"
    )


def test_own_property_asks_an_unattributed_asset_only_where_it_decides() -> None:
    """特困人员认定办法 第六条、第七条.

    "财产符合当地特困人员财产状况规定的" — "特困人员财产状况认定标准由设区的市级以上地方人民政府
    民政部门制定": an unattributed vehicle decides where the local rule disqualifies vehicles;
    unattributed deposits decide only when counting them reaches the financial limit.
    """
    standard = Decimal(630)
    h = household(
        (person("a"), Relationship.APPLICANT),
        (person("b"), Relationship.SPOUSE),
        assets=[
            Asset(AssetType.DEPOSITS, "1000", owner="a"),
            Asset(AssetType.DEPOSITS, "500"),
            Asset(AssetType.VEHICLE, "20000"),
            Asset(AssetType.VEHICLE, "9000", exempt=True),
            Asset(AssetType.DEPOSITS, "99999", owner="b"),
        ],
    )
    test = means.own_property_test(
        h,
        "a",
        prefix="assistance.extreme_poverty",
        rules=living.PROPERTY,
        standard=standard,
        book=default_book(),
        where=WULONG,
        on=ON,
        path="$.household",
    )
    assert test.own.financial == Decimal(1000)
    assert test.own.financial_limit == standard * test.own.months
    assert test.own.financial_ok
    assert not test.own.disqualifying  # the vehicle is not known to be hers
    assert [a for a, _ in test.with_unattributed.disqualifying] == [AssetType.VEHICLE]
    assert test.with_unattributed.financial == Decimal(1500)
    assert test.deciding == ("$.household.assets[2].owner",)


@pytest.mark.parametrize(
    ("monthly", "count", "below"),
    [
        (Fraction(23119, 12), 1, False),  # 12 × monthly = the figure: not below
        (Fraction(23119, 12) - Fraction(1, 100), 1, True),
        (Decimal("3853.16"), 2, True),  # 46237.92 < 46238
        (Decimal("3853.17"), 2, False),  # 46238.04
    ],
)
def test_disposable_income_test_is_strict_and_exact(
    monthly: Decimal | Fraction, count: int, *, below: bool
) -> None:
    """One home for three rules' "below last year's per-capita disposable income".

    刚性支出困难家庭认定办法 第四条(二) "共同生活家庭成员人均收入低于上年度当地居民人均可支配收入";
    民发〔2018〕23号 二(一) "家庭人均可支配收入应低于当地上年度人均可支配收入"; 特困人员认定办法
    第八条(三)、(四) "本人收入低于当地上年人均可支配收入".
    """
    test = means.disposable_income_test(
        monthly, count, RegistrationKind.RURAL, book=default_book(), where=WULONG, on=ON
    )
    assert test.below is below
    assert test.per_capita == RURAL_DISPOSABLE
    assert test.threshold == RURAL_DISPOSABLE * count
    assert test.used.name == "assistance.means.disposable_income.rural"
    assert test.facts()["count"] == str(count)
