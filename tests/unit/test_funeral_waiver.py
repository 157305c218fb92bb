"""Worked cases of 基本殡葬服务费用减免 (civaffairs.funeral.waiver)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from funeral_builders import (
    BASIC,
    GUANGSHUI,
    HAIYAN,
    HANCHUAN,
    MEIJIANG,
    QINGSHEN,
    SHANGCHENG,
    WUCHENG,
    WUHUA,
    WULONG,
    XIANTAO,
    XIAONAN,
    YUELOU,
    ZENGDU,
    case,
    person,
    use,
)

from civaffairs.conversion import dumps, loads
from civaffairs.decisions import Outcome, Period
from civaffairs.entities import AssistanceLayer, Person, Registration, RegistrationKind, Sex
from civaffairs.errors import InvalidInputError
from civaffairs.funeral import waiver
from civaffairs.funeral.bill import BillLine, waived_in_fen
from civaffairs.funeral.facts import Burial, Deceased, FuneralCase
from civaffairs.funeral.policy import FuneralPolicy, default_policy
from civaffairs.funeral.services import Service, Unit
from civaffairs.funeral.settlement import Channel

SPRING_2025 = dt.date(2025, 3, 1)
LATER = dt.date(2025, 3, 31)


def lines(assessment: waiver.Assessment) -> dict[tuple[Service, Unit], tuple[str, str, str]]:
    return {
        (line.service, line.unit): (str(line.charge), str(line.waived), str(line.payable))
        for line in assessment.bill.lines
    }


# -- local resident ----------------------------------------------------------------------------


def test_local_resident_of_suizhou_gets_the_four_items_and_the_urn() -> None:
    services = (
        use(Service.TRANSPORT, 1, Unit.TRIP),
        use(Service.TRANSPORT, 40, Unit.KM),
        use(Service.STORAGE, 80, Unit.HOUR),
        use(Service.CREMATION, 1, Unit.BODY),
        use(Service.ASH_STORAGE, 2, Unit.YEAR),
        use(Service.URN, 1, Unit.PIECE, price="380"),
        use(Service.DISINFECTION, 1, Unit.BODY),
    )
    result = waiver.assess(case(ZENGDU, ZENGDU, SPRING_2025, services=services), LATER)
    assert result.decision.outcome is Outcome.ELIGIBLE
    assert lines(result) == {
        # transport: 230 + 200 = 430, capped at 400 per case, consumed in bill order
        (Service.TRANSPORT, Unit.TRIP): ("230.00", "230.00", "0.00"),
        (Service.TRANSPORT, Unit.KM): ("200.00", "170.00", "30.00"),
        # storage: 72 of 80 hours free at 3 yuan an hour
        (Service.STORAGE, Unit.HOUR): ("240.00", "216.00", "24.00"),
        (Service.CREMATION, Unit.BODY): ("330.00", "330.00", "0.00"),
        # one of two years of ash storage
        (Service.ASH_STORAGE, Unit.YEAR): ("140.00", "70.00", "70.00"),
        # the urn actually sold costs 380; 200 of it is waived
        (Service.URN, Unit.PIECE): ("380.00", "200.00", "180.00"),
        # disinfection is not a waived item
        (Service.DISINFECTION, Unit.BODY): ("60.00", "0.00", "60.00"),
    }
    bill = result.bill
    assert (bill.charge, bill.waived, bill.payable) == (
        Decimal("1580.00"),
        Decimal("1216.00"),
        Decimal("364.00"),
    )
    amount = result.decision.amount
    assert amount is not None
    assert amount.period is Period.FEE_WAIVED
    assert amount.total == bill.waived == sum(line.amount for line in amount.lines)
    assert result.funding == waiver.Funding(Channel.AT_COUNTER, ZENGDU, ZENGDU, bill.waived)
    assert result.settlement is None
    assert bill.channel is Channel.AT_COUNTER
    assert bill.at_counter == Decimal("364.00")
    # Suizhou's rule is example data derived from 汉川, and the decision says so.
    assert result.decision.uses_example_data
    assert "funeral.waiver.covered" in result.decision.codes


def test_the_reason_of_each_line_cites_the_items_source_and_the_catalogue_price() -> None:
    result = waiver.assess(case(ZENGDU, ZENGDU, SPRING_2025), LATER)
    line = next(r for r in result.decision.reasons if r.code == "funeral.waiver.line")
    names = [p.name for p in line.parameters]
    assert names == ["funeral.scheme.suizhou-example.transport", "funeral.price.transport.km"]
    assert "汉川" in line.citation.cite()
    assert "EXAMPLE DATA" in line.citation.cite()
    assert "30 公里 × 5 元 = 150.00 元, 免除 150.00 元" in line.zh


def test_a_price_actually_charged_replaces_the_catalogue_price_and_its_provenance() -> None:
    services = (use(Service.CREMATION, 1, Unit.BODY, price="450"),)
    result = waiver.assess(case(XIANTAO, XIANTAO, dt.date(2025, 1, 5), services=services), LATER)
    assert lines(result) == {(Service.CREMATION, Unit.BODY): ("450.00", "450.00", "0.00")}
    # no catalogue price was used: only the scheme's item stands behind the line
    # (仙桃's scheme is example data: read only in a repost, not in the fact sheet)
    line = next(r for r in result.decision.reasons if r.code == "funeral.waiver.line")
    assert [p.name for p in line.parameters] == ["funeral.scheme.xiantao-2024.cremation"]
    assert result.decision.uses_example_data


# -- non-local resident ------------------------------------------------------------------------


def test_non_local_resident_pays_everything() -> None:
    result = waiver.assess(case(XIAONAN, ZENGDU, SPRING_2025), LATER)
    assert result.decision.outcome is Outcome.NOT_ELIGIBLE
    assert result.decision.amount is None
    assert result.bill.waived == 0
    assert result.bill.payable == result.bill.charge == Decimal("1050.00")
    assert result.bill.channel is None
    assert result.funding is None
    # every scheme of the chain (随州's, then the national floor) is tried and refuses
    assert result.decision.codes[:5] == (
        "funeral.waiver.scheme",
        "funeral.waiver.not_covered",
        "funeral.waiver.scheme",
        "funeral.waiver.not_covered",
        "funeral.waiver.no_elsewhere",
    )
    assert "户籍地孝南区(420902)不在曾都区(421303)" in result.decision.reasons[1].zh


def test_non_resident_who_dies_in_haiyan_is_covered_from_2024() -> None:
    services = (*BASIC, use(Service.VIGIL, 2, Unit.DAY))
    result = waiver.assess(
        case(XIAONAN, HAIYAN, dt.date(2024, 3, 1), services=services), dt.date(2024, 3, 9)
    )
    assert result.decision.outcome is Outcome.ELIGIBLE
    assert result.bill.payable == 0
    assert "在本地死亡的非户籍人员" in result.decision.reasons[1].zh
    before = waiver.assess(
        case(XIAONAN, HAIYAN, dt.date(2023, 12, 31), services=BASIC), dt.date(2024, 1, 9)
    )
    assert before.decision.outcome is Outcome.NOT_ELIGIBLE  # the national default: hardship only


# -- 特困 dying in another county --------------------------------------------------------------


def test_extreme_poverty_person_dying_in_another_county_is_paid_for_by_the_home_county() -> None:
    deceased_case = case(WULONG, QINGSHEN, SPRING_2025, layer=AssistanceLayer.EXTREME_POVERTY)
    result = waiver.assess(deceased_case, LATER)
    decision = result.decision
    assert decision.outcome is Outcome.ELIGIBLE
    assert "funeral.waiver.elsewhere" in decision.codes
    # The national default: the four items, 3 days' storage, 1 year's ash storage.
    assert lines(result)[(Service.STORAGE, Unit.DAY)] == ("500.00", "300.00", "200.00")
    assert result.bill.waived == Decimal("850.00")
    # No national rule on settlement: the family pays and Wulong reimburses it (example data).
    assert result.bill.channel is Channel.REIMBURSED
    assert result.bill.at_counter == result.bill.charge
    assert result.bill.reimbursed == Decimal("850.00")
    settlement = result.settlement
    assert settlement is not None
    assert (settlement.payer, settlement.payee) == (WULONG, QINGSHEN)
    assert settlement.amount == Decimal("850.00")
    assert [s.amount for s in settlement.shares] == [Decimal(0), Decimal(0), Decimal("850.00")]


def test_an_ordinary_resident_dying_in_another_county_under_the_national_default_pays() -> None:
    result = waiver.assess(case(WULONG, QINGSHEN, SPRING_2025), LATER)
    assert result.decision.outcome is Outcome.NOT_ELIGIBLE
    assert "funeral.waiver.no_elsewhere" in result.decision.codes


def test_dibao_recipient_at_home_is_covered_by_the_national_default() -> None:
    result = waiver.assess(case(WULONG, WULONG, SPRING_2025, layer=AssistanceLayer.DIBAO), LATER)
    assert result.decision.outcome is Outcome.ELIGIBLE
    assert result.bill.waived == Decimal("850.00")
    plain = waiver.assess(case(WULONG, WULONG, SPRING_2025), LATER)
    assert plain.decision.outcome is Outcome.NOT_ELIGIBLE
    assert (
        "该办法免费对象为特困人员、低保对象、重点优抚对象、无名遗体" in plain.decision.reasons[1].zh
    )


# -- cross-county within 随州 (example mechanism) -----------------------------------------------


def test_suizhou_resident_cremated_in_another_county_is_settled_between_counties() -> None:
    result = waiver.assess(case(ZENGDU, GUANGSHUI, SPRING_2025), LATER)
    assert result.decision.outcome is Outcome.ELIGIBLE
    assert result.bill.channel is Channel.COUNTY_TO_COUNTY
    assert result.bill.at_counter == result.bill.payable
    settlement = result.settlement
    assert settlement is not None
    assert (settlement.payer, settlement.payee, settlement.channel) == (
        ZENGDU,
        GUANGSHUI,
        Channel.COUNTY_TO_COUNTY,
    )
    assert settlement.amount == result.bill.waived


def test_before_the_suizhou_example_scheme_only_hardship_groups_are_covered() -> None:
    result = waiver.assess(case(ZENGDU, ZENGDU, dt.date(2024, 12, 31)), LATER)
    assert result.decision.outcome is Outcome.NOT_ELIGIBLE


# -- 五华: cremated elsewhere in Guangdong, reimbursed at home standards ---------------------------


def test_wuhua_resident_cremated_elsewhere_is_reimbursed_at_home_standards() -> None:
    services = (*BASIC, use(Service.URN, 1, Unit.PIECE, price="300"))
    result = waiver.assess(case(WUHUA, MEIJIANG, SPRING_2025, services=services), LATER)
    assert lines(result) == {
        (Service.TRANSPORT, Unit.KM): ("150.00", "150.00", "0.00"),
        (Service.STORAGE, Unit.DAY): ("500.00", "300.00", "200.00"),  # 3 days, 300 cap
        (Service.CREMATION, Unit.BODY): ("330.00", "200.00", "130.00"),  # 200 standard
        (Service.ASH_STORAGE, Unit.YEAR): ("70.00", "70.00", "0.00"),
        (Service.URN, Unit.PIECE): ("300.00", "260.00", "40.00"),  # 260 standard
    }
    assert result.bill.channel is Channel.REIMBURSED
    settlement = result.settlement
    assert settlement is not None
    assert [(s.jurisdiction, s.amount) for s in settlement.shares] == [
        ("440000", Decimal("200.00")),
        ("441400", Decimal("100.00")),
        (WUHUA, Decimal("680.00")),
    ]
    reason = result.decision.reasons[-1]
    assert reason.code == "funeral.waiver.funding_reimbursed"
    assert "省级 广东省(440000) 200.00 元 / 市级 梅州市(441400) 100.00 元" in reason.zh


def test_a_full_item_applied_elsewhere_is_capped_at_the_home_catalogue_price() -> None:
    # 五华 waives transport in full; cremated elsewhere it is capped at home's 5 yuan per km.
    services = (use(Service.TRANSPORT, 10, Unit.KM, price="8"),)
    result = waiver.assess(case(WUHUA, MEIJIANG, SPRING_2025, services=services), LATER)
    assert lines(result) == {(Service.TRANSPORT, Unit.KM): ("80.00", "50.00", "30.00")}
    line = next(r for r in result.decision.reasons if r.code == "funeral.waiver.line")
    assert "按户籍地标准" in line.zh
    assert "funeral.price.transport.km" in [p.name for p in line.parameters]


# -- storage beyond the free days --------------------------------------------------------------


@pytest.mark.parametrize(
    ("quantity", "unit", "expected"),
    [
        ("3", Unit.DAY, ("300.00", "300.00", "0.00")),
        ("4", Unit.DAY, ("400.00", "300.00", "100.00")),
        ("2.5", Unit.DAY, ("250.00", "250.00", "0.00")),
        ("72", Unit.HOUR, ("216.00", "216.00", "0.00")),
        ("100", Unit.HOUR, ("300.00", "216.00", "84.00")),
    ],
)
def test_storage_beyond_the_free_days_is_paid_by_the_family(
    quantity: str, unit: Unit, expected: tuple[str, str, str]
) -> None:
    services = (use(Service.STORAGE, quantity, unit),)
    result = waiver.assess(
        case(WULONG, WULONG, SPRING_2025, services=services, layer=AssistanceLayer.DIBAO), LATER
    )
    assert lines(result) == {(Service.STORAGE, unit): expected}


def test_free_days_are_consumed_across_lines_in_bill_order() -> None:
    services = (use(Service.STORAGE, 2, Unit.DAY), use(Service.STORAGE, 30, Unit.HOUR))
    result = waiver.assess(
        case(WULONG, WULONG, SPRING_2025, services=services, layer=AssistanceLayer.DIBAO), LATER
    )
    assert [line.waived for line in result.bill.lines] == [Decimal("200.00"), Decimal("72.00")]


def test_hangzhou_2010_storage_is_capped_at_300_yuan() -> None:
    services = (use(Service.STORAGE, 3, Unit.DAY, price="120"),)
    result = waiver.assess(
        case(SHANGCHENG, SHANGCHENG, dt.date(2020, 5, 1), services=services), LATER
    )
    assert lines(result) == {(Service.STORAGE, Unit.DAY): ("360.00", "300.00", "60.00")}


# -- a rule that changes on a date: Zhejiang's four items become six on 2023-08-01 -------------


SIX = (*BASIC, use(Service.VIGIL, 1, Unit.DAY), use(Service.URN, 1, Unit.PIECE))


def test_hangzhou_resident_vigil_and_urn_are_free_from_2023_08_01() -> None:
    before = waiver.assess(case(SHANGCHENG, SHANGCHENG, dt.date(2023, 7, 31), services=SIX), LATER)
    after = waiver.assess(case(SHANGCHENG, SHANGCHENG, dt.date(2023, 8, 1), services=SIX), LATER)
    assert lines(before)[(Service.VIGIL, Unit.DAY)] == ("300.00", "0.00", "300.00")
    assert lines(before)[(Service.URN, Unit.PIECE)] == ("200.00", "0.00", "200.00")
    assert lines(after)[(Service.VIGIL, Unit.DAY)] == ("300.00", "300.00", "0.00")
    assert lines(after)[(Service.URN, Unit.PIECE)] == ("200.00", "200.00", "0.00")
    assert (before.bill.waived, after.bill.waived) == (Decimal("850.00"), Decimal("1350.00"))
    assert "hangzhou-2010" in before.decision.reasons[0].parameters[0].name
    assert "hangzhou-2023" in after.decision.reasons[0].parameters[0].name


def test_jinhua_resident_cremated_in_hangzhou_is_covered_only_from_2023_08_01() -> None:
    before = waiver.assess(case(WUCHENG, SHANGCHENG, dt.date(2023, 7, 31), services=SIX), LATER)
    after = waiver.assess(case(WUCHENG, SHANGCHENG, dt.date(2023, 8, 1), services=SIX), LATER)
    assert before.decision.outcome is Outcome.NOT_ELIGIBLE
    assert after.decision.outcome is Outcome.ELIGIBLE
    # Hangzhou's own scheme covers Zhejiang residents: waived at the counter, Hangzhou pays.
    assert after.funding == waiver.Funding(
        Channel.AT_COUNTER, SHANGCHENG, SHANGCHENG, Decimal("1350.00")
    )
    assert after.settlement is None


def test_the_date_of_death_decides_not_the_date_of_cremation() -> None:
    late = case(
        SHANGCHENG,
        SHANGCHENG,
        dt.date(2023, 7, 31),
        services=SIX,
        cremation_date=dt.date(2023, 8, 2),
    )
    assert waiver.assess(late, LATER).bill.waived == Decimal("850.00")


def test_jinhua_example_scheme_changes_to_six_items_city_wide() -> None:
    other_county = "330782"  # 义乌市
    before = waiver.assess(case(WUCHENG, other_county, dt.date(2023, 7, 31), services=SIX), LATER)
    after = waiver.assess(case(WUCHENG, other_county, dt.date(2023, 8, 1), services=SIX), LATER)
    assert before.decision.outcome is Outcome.NOT_ELIGIBLE  # four items, county residents only
    assert after.decision.outcome is Outcome.ELIGIBLE  # six items, 全市域
    assert lines(after)[(Service.VIGIL, Unit.DAY)] == ("300.00", "300.00", "0.00")
    assert after.bill.payable == Decimal("200.00")  # the 4th and 5th days of storage
    assert after.decision.uses_example_data


def test_hangzhou_2010_requires_the_death_in_hangzhou() -> None:
    result = waiver.assess(
        case(SHANGCHENG, SHANGCHENG, dt.date(2020, 5, 1), died_in=WUCHENG), LATER
    )
    assert result.decision.outcome is Outcome.NOT_ELIGIBLE
    assert "死亡地婺城区(330702)不在杭州市(330100)" in result.decision.reasons[1].zh


def test_hangzhou_2010_key_groups_also_get_a_farewell_hall_and_an_urn() -> None:
    services = (use(Service.FAREWELL_HALL, 1, Unit.SESSION), use(Service.URN, 1, Unit.PIECE))
    dibao = waiver.assess(
        case(
            SHANGCHENG,
            SHANGCHENG,
            dt.date(2020, 5, 1),
            services=services,
            layer=AssistanceLayer.DIBAO,
        ),
        LATER,
    )
    plain = waiver.assess(
        case(SHANGCHENG, SHANGCHENG, dt.date(2020, 5, 1), services=services), LATER
    )
    assert dibao.bill.payable == 0
    assert plain.bill.waived == 0
    assert plain.decision.outcome is Outcome.ELIGIBLE  # a resident, though nothing here is free


# -- more groups -------------------------------------------------------------------------------


def test_yueyang_hardship_groups_get_a_paper_coffin_and_an_urn() -> None:
    services = (
        *BASIC,
        use(Service.COFFIN, 1, Unit.PIECE, price="350"),
        use(Service.URN, 1, Unit.PIECE),
    )
    dibao = waiver.assess(
        case(YUELOU, YUELOU, SPRING_2025, services=services, layer=AssistanceLayer.DIBAO), LATER
    )
    plain = waiver.assess(case(YUELOU, YUELOU, SPRING_2025, services=services), LATER)
    assert lines(dibao)[(Service.COFFIN, Unit.PIECE)] == ("350.00", "300.00", "50.00")
    assert lines(plain)[(Service.COFFIN, Unit.PIECE)] == ("350.00", "0.00", "350.00")
    assert dibao.bill.waived - plain.bill.waived == Decimal("500.00")


def test_unidentified_body_is_covered_and_paid_locally() -> None:
    deceased = Deceased(None, SPRING_2025, ZENGDU, unidentified=True)
    result = waiver.assess(FuneralCase("U1", deceased, ZENGDU, BASIC), LATER)
    assert result.decision.outcome is Outcome.ELIGIBLE
    assert result.decision.subject == "U1 (无名遗体)"
    assert result.funding is not None
    assert result.funding.payer == ZENGDU
    assert result.subsidy.outcome is Outcome.NOT_ELIGIBLE


def test_the_more_generous_of_two_items_for_the_same_service_applies(tmp_path: Path) -> None:
    # 汉川: no prefecture or province scheme above it, so only this scheme and the
    # national floor (which has no urn item) apply
    data = tmp_path / "420984.toml"
    data.write_text(
        """
jurisdiction = "420984"

[[funeral.scheme]]
id = "two-urns"
name = "test scheme"
effective_from = 2025-01-01
status = "example"
note = "test data"
registration_scope = "county"

[[funeral.scheme.allowance]]
service = "urn"
groups = ["registered"]
cap = 100

[[funeral.scheme.allowance]]
service = "urn"
groups = ["dibao"]
cap = 180
""",
        encoding="utf-8",
    )
    policy = FuneralPolicy.load([data])
    services = (use(Service.URN, 1, Unit.PIECE),)
    dibao = waiver.assess(
        case(HANCHUAN, HANCHUAN, SPRING_2025, services=services, layer=AssistanceLayer.DIBAO),
        LATER,
        policy=policy,
    )
    plain = waiver.assess(
        case(HANCHUAN, HANCHUAN, SPRING_2025, services=services), LATER, policy=policy
    )
    assert (dibao.bill.waived, plain.bill.waived) == (Decimal("180.00"), Decimal("100.00"))


# -- not cremated ------------------------------------------------------------------------------


def test_a_body_burial_is_not_waived_and_the_zone_is_explained() -> None:
    burial = case(WULONG, WULONG, SPRING_2025, cremated=False, burial=Burial.BODY_BURIAL)
    result = waiver.assess(burial, LATER)
    assert result.decision.outcome is Outcome.NOT_ELIGIBLE
    assert result.decision.codes[0] == "funeral.waiver.not_cremated"
    assert "土葬改革区, 允许土葬" in result.decision.reasons[0].zh
    in_cremation_zone = case(ZENGDU, ZENGDU, SPRING_2025, cremated=False, burial=Burial.BODY_BURIAL)
    assert "遗体应当火化" in waiver.assess(in_cremation_zone, LATER).decision.reasons[0].zh


# -- bad input ---------------------------------------------------------------------------------


def test_a_death_after_the_as_of_date_is_refused() -> None:
    with pytest.raises(InvalidInputError) as caught:
        waiver.assess(case(ZENGDU, ZENGDU, SPRING_2025), dt.date(2025, 2, 28))
    assert caught.value.path == "$.deceased.death_date"
    assert "2025-02-28" in caught.value.expected


def test_a_cremation_after_the_as_of_date_is_refused() -> None:
    late = case(ZENGDU, ZENGDU, SPRING_2025, cremation_date=dt.date(2025, 3, 5))
    with pytest.raises(InvalidInputError) as caught:
        waiver.assess(late, dt.date(2025, 3, 2))
    assert caught.value.path == "$.cremation_date"


def test_a_death_before_birth_is_refused() -> None:
    with pytest.raises(InvalidInputError) as caught:
        Deceased(person(ZENGDU), dt.date(1930, 1, 1), ZENGDU)
    assert caught.value.path == "$.death_date"
    assert "张" not in str(caught.value)


@pytest.mark.parametrize("quantity", ["1e999999999", "1e900000", "1000000000000", "1E+12"])
def test_a_quantity_of_10_to_the_12_or_more_is_refused_by_path(quantity: str) -> None:
    """Found over HTTP: "1e999999999" overflowed ``Decimal.normalize`` (a 500), "1e900000" made
    the exact charge a 900,000-digit integer (minutes of CPU for one small request)."""
    with pytest.raises(InvalidInputError) as caught:
        use(Service.STORAGE, quantity, Unit.DAY)
    assert caught.value.path == "$.quantity"
    assert "less than 1,000,000,000,000" in caught.value.expected
    assert use(Service.STORAGE, "999999999999", Unit.DAY).quantity == Decimal(999999999999)


def test_a_service_not_in_the_catalogue_is_refused() -> None:
    services = (*BASIC, use(Service.VIGIL, 1, Unit.DAY))  # Hubei's catalogue has no vigil room
    with pytest.raises(InvalidInputError) as caught:
        waiver.assess(case(ZENGDU, ZENGDU, SPRING_2025, services=services), LATER)
    assert caught.value.path == "$.services[4].service"
    assert "曾都区(421303) on 2025-03-01" in caught.value.expected


def test_a_unit_the_catalogue_does_not_price_is_refused() -> None:
    services = (use(Service.VIGIL, 1, Unit.SESSION),)  # Zhejiang prices the vigil per day
    with pytest.raises(InvalidInputError) as caught:
        waiver.assess(case(SHANGCHENG, SHANGCHENG, SPRING_2025, services=services), LATER)
    assert caught.value.path == "$.services[0].unit"
    assert "day" in caught.value.expected


def test_a_registration_above_county_level_is_refused() -> None:
    prefecture = Person(
        "p", dt.date(1940, 1, 1), Sex.MALE, Registration("421300", RegistrationKind.URBAN)
    )
    deceased = Deceased(prefecture, SPRING_2025, ZENGDU)
    with pytest.raises(InvalidInputError) as caught:
        waiver.assess(FuneralCase("C", deceased, ZENGDU, BASIC), LATER)
    assert caught.value.path == "$.deceased.person.registration.jurisdiction"


# -- output ------------------------------------------------------------------------------------


def test_the_bill_and_the_decision_render_without_personal_data() -> None:
    result = waiver.assess(case(ZENGDU, GUANGSHUI, SPRING_2025), LATER)
    for text in (
        result.bill.render("zh"),
        result.bill.render("en"),
        result.decision.render("zh"),
        result.decision.render("en"),
    ):
        assert "张三丰" not in text
        assert "张**" in text
    assert "殡葬服务费用结算单 [C1]" in result.bill.render("zh")
    assert "合计" in result.bill.render("zh")
    assert "waived at the counter, settled between counties" in result.bill.render("en")


def test_the_assessment_round_trips_through_json() -> None:
    result = waiver.assess(case(WUHUA, MEIJIANG, SPRING_2025), LATER)
    text = dumps(result)
    assert "张三丰" not in text
    back = loads(text, waiver.Assessment)
    assert back.bill == result.bill
    assert back.settlement == result.settlement
    assert back.funding == result.funding
    assert back.decision.render("en") == result.decision.render("en")


def test_a_bill_line_must_balance() -> None:
    with pytest.raises(InvalidInputError, match=r"\$\.payable"):
        BillLine(
            Service.CREMATION,
            Unit.BODY,
            Decimal(1),
            Decimal(330),
            Decimal(330),
            Decimal(300),
            Decimal(10),
        )


# -- parent-level schemes are a floor (民发〔2012〕211号) ------------------------------------------


def test_national_floor_covers_an_unidentified_body_under_a_residents_only_local_scheme() -> None:
    # regression: Hangzhou's scheme lists only registered residents; it used to replace the
    # national scheme, leaving an unidentified body with nothing waived
    deceased = Deceased(None, dt.date(2025, 6, 1), SHANGCHENG, unidentified=True)
    result = waiver.assess(FuneralCase("U1", deceased, SHANGCHENG, BASIC), dt.date(2025, 7, 1))
    assert result.decision.outcome is Outcome.ELIGIBLE
    assert result.bill.waived == Decimal("850.00")
    assert {line.rule for line in result.bill.lines} == {"national-hardship"}
    assert "funeral.waiver.covered" in result.decision.codes


@pytest.mark.parametrize("place", [HAIYAN, XIANTAO])
def test_national_floor_applies_in_other_residents_only_schemes(place: str) -> None:
    deceased = Deceased(None, dt.date(2025, 6, 1), place, unidentified=True)
    result = waiver.assess(FuneralCase("U1", deceased, place, BASIC), dt.date(2025, 7, 1))
    assert result.decision.outcome is Outcome.ELIGIBLE
    assert result.bill.waived > 0


def test_local_scheme_wins_per_line_where_more_generous_than_the_floor(tmp_path: Path) -> None:
    data = tmp_path / "420984.toml"
    data.write_text(
        """
jurisdiction = "420984"

[[funeral.scheme]]
id = "long-storage"
name = "test scheme"
effective_from = 2025-01-01
status = "example"
note = "test data"
registration_scope = "county"

[[funeral.scheme.allowance]]
service = "storage"
groups = ["unidentified"]
unit = "day"
free_quantity = 5
""",
        encoding="utf-8",
    )
    policy = FuneralPolicy.load([data])
    deceased = Deceased(None, SPRING_2025, HANCHUAN, unidentified=True)
    result = waiver.assess(FuneralCase("U1", deceased, HANCHUAN, BASIC), LATER, policy=policy)
    rules = {line.service: (line.rule, line.waived, line.charge) for line in result.bill.lines}
    # storage: 5 free days locally beat the national 3 days
    assert rules[Service.STORAGE][0] == "long-storage"
    assert rules[Service.STORAGE][1] == rules[Service.STORAGE][2]
    # cremation: not in the local scheme, still waived under the national floor
    assert rules[Service.CREMATION][0] == "national-hardship"
    assert rules[Service.CREMATION][1] == rules[Service.CREMATION][2]


def test_a_wrong_type_for_the_person_does_not_leak_personal_data() -> None:
    # regression: the raw value (a dict with a name and an ID number) went into the message
    raw = {"name": "张三丰", "resident_id": "11010519491231002X"}
    with pytest.raises(InvalidInputError) as error:
        Deceased(raw, dt.date(2025, 6, 1), SHANGCHENG)  # type: ignore[arg-type]
    text = str(error.value) + repr(error.value)
    assert "张三丰" not in text
    assert "11010519491231002X" not in text
    assert "$.person" in text


# -- an unknown assistance layer is not silently "none" -----------------------------------------


def test_unknown_layer_cannot_decide_where_the_schemes_groups_depend_on_it() -> None:
    # 孝南 resident cremated in 曾都: only the national 特困 rule could reach them elsewhere
    deceased = Deceased(person(XIAONAN), SPRING_2025, ZENGDU)
    assert deceased.layer is None
    assert deceased.priority_entitled is None
    result = waiver.assess(FuneralCase("C1", deceased, ZENGDU, BASIC), LATER)
    assert result.decision.outcome is Outcome.CANNOT_DECIDE
    assert "$.deceased.layer" in result.decision.missing
    assert result.decision.amount is None
    assert result.funding is None
    assert "张三丰" not in result.decision.render()


def test_unknown_layer_is_decided_when_no_group_depends_on_it() -> None:
    # Hangzhou 2025: all registered residents get the six items, whatever their layer
    known = waiver.assess(case(SHANGCHENG, SHANGCHENG, SPRING_2025, services=SIX), LATER)
    deceased = Deceased(person(SHANGCHENG), SPRING_2025, SHANGCHENG)
    unknown = waiver.assess(FuneralCase("C1", deceased, SHANGCHENG, SIX), LATER)
    assert unknown.decision.outcome is Outcome.ELIGIBLE
    assert unknown.decision.missing == ()
    assert unknown.bill == known.bill


# -- home standards and units the home catalogue does not price ---------------------------------

_WUHUA_KM_ONLY = """
jurisdiction = "441424"

[[funeral.catalogue]]
service = "transport"
unit = "km"
price = 5
effective_from = 2013-01-01
status = "example"
note = "test data: 五华 prices transport by the kilometre only"

[[funeral.catalogue]]
service = "storage"
unit = "day"
price = 48
effective_from = 2013-01-01
status = "example"
note = "test data: 五华 prices storage by the day only"
"""


def test_a_line_in_a_unit_the_home_catalogue_does_not_price_is_not_waived_at_foreign_price(
    tmp_path: Path,
) -> None:
    # regression: the home-standards cap was skipped, so a trip billed at 梅江's price was
    # reimbursed in full although 五华 prices no trip
    data = tmp_path / "441424.toml"
    data.write_text(_WUHUA_KM_ONLY, encoding="utf-8")
    policy = FuneralPolicy.load([data])
    services = (use(Service.TRANSPORT, 1, Unit.TRIP, price="400"),)
    result = waiver.assess(
        case(WUHUA, MEIJIANG, SPRING_2025, services=services), LATER, policy=policy
    )
    (line,) = result.bill.lines
    assert line.waived == 0
    assert line.payable == Decimal("400.00")
    reason = next(r for r in result.decision.reasons if r.code == "funeral.waiver.line")
    assert "home county prices no trip" in reason.en


def test_a_line_in_a_convertible_unit_is_capped_at_the_converted_home_price() -> None:
    national = default_policy().scheme("000000", SPRING_2025)
    assert national is not None
    storage = next(a for a in national.allowances if a.service is Service.STORAGE)
    # 24 hours at 10 yuan, home price 48 yuan a day: capped at 2 yuan an hour
    rows = [(Unit.HOUR, Decimal(24), Decimal(10))]
    assert waived_in_fen(storage, rows, price_caps={Unit.DAY: Decimal(48)}) == (4800,)
    # a unit that converts to nothing the home prices is not waived at all
    assert waived_in_fen(storage, rows, price_caps={Unit.BODY: Decimal(48)}) == (0,)
