"""流浪乞讨人员救助管理 (station relief): worked cases at every boundary, each quoting its rule.

Cases are at a station in 武隆区 (500156) and use the national figures: a stay of 10 days
(民政部令第24号 art. 12, sourced) from age 16 (example data) and the minors' two years
(国办发〔2011〕39号 三(三)).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest

import civaffairs
from civaffairs.assistance import vagrancy
from civaffairs.assistance.vagrancy import (
    Conditions,
    Disclosure,
    ExitFacts,
    StayExtension,
    VagrancyCase,
)
from civaffairs.conversion import dumps, loads
from civaffairs.decisions import Decision, Outcome, reason_codes
from civaffairs.entities import (
    Disability,
    DisabilityCategory,
    Person,
    Registration,
    RegistrationKind,
)
from civaffairs.errors import InvalidDocumentError, InvalidInputError
from civaffairs.identity import Sex, generate

STATION = "500156"
ADMITTED = dt.date(2025, 5, 1)
ALL_FOUR = Conditions(True, True, True, True)
P = "assistance.vagrancy."


def case(**changes: Any) -> VagrancyCase:
    """An adult (estimated 45, no signs of mental disorder) meeting the four conditions."""
    values: dict[str, Any] = {
        "id": "JZ-1",
        "station": STATION,
        "requested_on": ADMITTED,
        "disclosure": Disclosure.GIVEN,
        "conditions": ALL_FOUR,
        "estimated_age": 45,
        "mental_or_intellectual_signs": False,
    }
    values.update(changes)
    return VagrancyCase(**values)


def someone(birth: dt.date, **changes: Any) -> Person:
    values: dict[str, Any] = {
        "id": "p1",
        "birth_date": birth,
        "sex": Sex.MALE,
        "registration": Registration("500156", RegistrationKind.RURAL),
    }
    values.update(changes)
    return Person(**values)


def decide(c: VagrancyCase, on: dt.date = ADMITTED) -> Decision:
    return vagrancy.assess(c, on)


# -- 细则 art. 2: the four conditions ------------------------------------------------------


def test_all_four_conditions_give_relief() -> None:
    """细则 第二条: "因自身无力解决食宿，无亲友投靠，又不享受城市最低生活保障或者农村五保供养，
    正在城市流浪乞讨度日的人员"."""
    decision = decide(case())
    assert decision.outcome is Outcome.ELIGIBLE
    assert decision.codes[:2] == (P + "facts_given", P + "conditions_met")
    assert decision.programme == "assistance.vagrancy"
    assert decision.jurisdiction == STATION


@pytest.mark.parametrize("index", range(4))
def test_one_condition_not_met_refuses(index: int) -> None:
    """细则 第二条第二款: "虽有流浪乞讨行为，但不具备前款规定情形的，不属于救助对象"."""
    values = [True, True, True, True]
    values[index] = False
    decision = decide(case(conditions=Conditions(*values)))
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert decision.codes[-1] == P + "condition_not_met"
    name = vagrancy.CONDITIONS[index][1]
    assert name in decision.reasons[-1].zh


def test_a_condition_not_established_cannot_be_decided() -> None:
    """细则 第二条: all four are needed, so one not yet established leaves the case open."""
    decision = decide(case(conditions=Conditions(True, True, None, True)))
    assert decision.outcome is Outcome.CANNOT_DECIDE
    assert decision.missing == ("$.conditions.without_dibao_or_wubao",)


# -- 细则 art. 5: personal facts -------------------------------------------------------------


def test_unable_to_give_facts_is_helped_first() -> None:
    """细则 第五条第二款: "对因年老、年幼、残疾等原因无法提供个人情况的，救助站应当先提供救助，
    再查明情况"."""
    decision = decide(case(disclosure=Disclosure.UNABLE, conditions=Conditions()))
    assert decision.outcome is Outcome.ELIGIBLE
    assert decision.codes[0] == P + "relief_first"
    assert "$.conditions.no_one_to_turn_to" in decision.reasons[0].zh


def test_unable_but_a_condition_established_as_not_met_refuses() -> None:
    """细则 第二条第二款 still applies once a condition is established as not met."""
    decision = decide(
        case(disclosure=Disclosure.UNABLE, conditions=Conditions(None, False, None, None))
    )
    assert decision.outcome is Outcome.NOT_ELIGIBLE


def test_refusing_the_facts_refuses_relief() -> None:
    """细则 第五条第三款: "对拒不如实提供个人情况的，不予救助"."""
    decision = decide(case(disclosure=Disclosure.REFUSED))
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert decision.codes == (P + "refused_facts",)


def test_false_facts_end_relief() -> None:
    """ "救助站发现受助人员故意提供虚假个人情况的，应当终止救助" (细则, as restated)."""
    decision = decide(case(disclosure=Disclosure.FALSE))
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert decision.codes == (P + "false_facts",)
    assert decision.reasons[0].citation.note is not None  # the article is not verified


# -- minors (国办发〔2011〕39号) --------------------------------------------------------------


def test_a_minor_is_received_whatever_the_conditions() -> None:
    """国办发〔2011〕39号 三(一): "公安机关发现流浪乞讨的未成年人，应当护送到救助保护机构
    接受救助"."""
    child = someone(dt.date(2010, 5, 2))  # 14 on 2025-05-01
    decision = decide(
        case(
            person=child,
            estimated_age=None,
            disclosure=Disclosure.REFUSED,
            conditions=Conditions(False, False, False, False),
        )
    )
    assert decision.outcome is Outcome.ELIGIBLE
    assert decision.codes[0] == P + "minor"
    assert decision.reasons[0].facts == (("age", "14"),)


def test_eighteen_on_the_day_is_an_adult() -> None:
    """《民法典》 第十七条: "十八周岁以上的自然人为成年人" — 以上 includes eighteen."""
    adult = someone(dt.date(2007, 5, 1))
    decision = decide(case(person=adult, estimated_age=None, disclosure=Disclosure.REFUSED))
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    minor = someone(dt.date(2007, 5, 2))
    assert decide(case(person=minor, estimated_age=None)).codes[0] == P + "minor"


def test_unknown_age_decides_only_when_the_adult_route_gives_relief() -> None:
    """A minor would be received whatever the conditions (三(一)): an unknown age matters only
    when the adult route refuses."""
    assert decide(case(estimated_age=None)).outcome is Outcome.ELIGIBLE
    refused = decide(case(estimated_age=None, disclosure=Disclosure.REFUSED))
    assert refused.outcome is Outcome.CANNOT_DECIDE
    assert refused.missing == ("$.estimated_age",)


# -- 细则 art. 12: the stay limit, counted by 民法典 art. 201 ----------------------------------


def test_ten_days_from_the_day_after_admission() -> None:
    """细则 第十二条: "救助站应当根据受助人员的情况确定救助期限，一般不超过10天"; 《民法典》
    第二百零一条: "开始的当日不计入，自下一日开始计算" — admitted 1 May, the last day is 11 May."""
    limit = vagrancy.stay_limit(case(), ADMITTED)
    assert limit.applies is True
    assert limit.last_day == dt.date(2025, 5, 11)
    assert decide(case(), dt.date(2025, 5, 11)).outcome is Outcome.ELIGIBLE
    over = decide(case(), dt.date(2025, 5, 12))
    assert over.outcome is Outcome.NOT_ELIGIBLE
    assert P + "stay_over" in over.codes


@pytest.mark.parametrize(
    ("admitted", "last"),
    [
        (dt.date(2025, 12, 25), dt.date(2026, 1, 4)),  # across the year end
        (dt.date(2024, 2, 25), dt.date(2024, 3, 6)),  # through 29 February
        (dt.date(2025, 2, 25), dt.date(2025, 3, 7)),  # a common year
    ],
)
def test_days_are_calendar_days(admitted: dt.date, last: dt.date) -> None:
    """《民法典》 第二百条: "民法所称的期间按照公历年、月、日、小时计算"."""
    assert vagrancy.stay_limit(case(requested_on=admitted), admitted).last_day == last


def test_a_last_day_on_a_holiday_does_not_move() -> None:
    """《民法典》 第二百零三条: "期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的
    最后一日" — not applied: the limit bounds the station's care, which runs every day, and
    asks nothing of the person; admitted 21 September, the last day is 1 October (国庆节)."""
    admitted = dt.date(2025, 9, 21)
    assert vagrancy.stay_limit(case(requested_on=admitted), admitted).last_day == dt.date(
        2025, 10, 1
    )


def test_a_filed_extension_adds_its_days() -> None:
    """细则 第十二条: "因特殊情况需要延长的", filed with the higher civil-affairs department."""
    extended = case(
        extensions=[StayExtension(dt.date(2025, 5, 9), 5, filed_on=dt.date(2025, 5, 9))]
    )
    limit = vagrancy.stay_limit(extended, dt.date(2025, 5, 12))
    assert limit.last_day == dt.date(2025, 5, 16)
    decision = decide(extended, dt.date(2025, 5, 16))
    assert decision.outcome is Outcome.ELIGIBLE
    assert P + "stay_extended" in decision.codes
    assert decide(extended, dt.date(2025, 5, 17)).outcome is Outcome.NOT_ELIGIBLE


def test_extensions_chain_in_the_order_decided() -> None:
    """Each extension adds to the last day in force when it is decided."""
    first = StayExtension(dt.date(2025, 5, 11), 3, filed_on=dt.date(2025, 5, 11))
    second = StayExtension(dt.date(2025, 5, 14), 4, filed_on=dt.date(2025, 5, 14))
    limit = vagrancy.stay_limit(case(extensions=[second, first]), dt.date(2025, 5, 15))
    assert limit.last_day == dt.date(2025, 5, 18)
    assert limit.counted == (first, second)


def test_an_unfiled_extension_is_not_counted() -> None:
    """细则 第十二条: an extension is to be filed (报上级民政部门备案); unfiled, it does not
    count."""
    unfiled = case(extensions=[StayExtension(dt.date(2025, 5, 9), 5)])
    decision = decide(unfiled, dt.date(2025, 5, 12))
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert P + "extension_not_filed" in decision.codes


def test_an_extension_after_the_stay_ended_is_not_counted() -> None:
    """A stay that ran out on 11 May cannot be extended on 12 May: it would be a new stay."""
    late = StayExtension(dt.date(2025, 5, 12), 5, filed_on=dt.date(2025, 5, 12))
    limit = vagrancy.stay_limit(case(extensions=[late]), dt.date(2025, 5, 13))
    assert limit.last_day == dt.date(2025, 5, 11)
    assert limit.refused == (late,)


@pytest.mark.parametrize(
    "changes",
    [
        {"estimated_age": 15},
        {"mental_or_intellectual_signs": True},
        {"estimated_age": None, "mental_or_intellectual_signs": True},
    ],
)
def test_the_limit_does_not_apply_under_16_or_with_signs(changes: dict[str, Any]) -> None:
    """ "对年满16周岁、无精神障碍或智力残疾迹象的受助人员，救助管理机构救助期限一般不超过10天"
    (工作规程, as restated: example data)."""
    c = case(**changes)
    limit = vagrancy.stay_limit(c, ADMITTED)
    assert limit.applies is False
    assert limit.last_day is None
    decision = decide(c, dt.date(2025, 8, 1))
    assert decision.outcome is Outcome.ELIGIBLE
    assert P + "stay_not_limited" in decision.codes
    assert decision.uses_example_data


def test_a_certified_mental_disability_counts_as_a_sign() -> None:
    """智力残疾迹象: a certificate of intellectual disability is more than a sign, whatever the
    station recorded."""
    certified = someone(
        dt.date(1980, 1, 1), disability=Disability(DisabilityCategory.INTELLECTUAL, 3)
    )
    c = case(person=certified, estimated_age=None, mental_or_intellectual_signs=False)
    assert vagrancy.stay_limit(c, ADMITTED).applies is False


def test_sixteen_on_admission_is_limited() -> None:
    """年满16周岁 includes the birthday (age in full years on the day help was sought)."""
    sixteen = someone(dt.date(2009, 5, 1))
    assert vagrancy.stay_limit(case(person=sixteen, estimated_age=None), ADMITTED).applies


def test_a_minor_without_a_guardian_stays_in_care_after_the_limit() -> None:
    """国办发〔2011〕39号 三(三): "对暂时查找不到父母或其他监护人的流浪未成年人，在继续查找的同时，
    要通过救助保护机构照料、社会福利机构代养、家庭寄养等多种方式予以妥善照顾" — a 17-year-old is
    held to the ten days (example data) only once a guardian is found."""
    seventeen = someone(dt.date(2008, 1, 1))
    searching = case(person=seventeen, estimated_age=None, exit=ExitFacts(family_found=False))
    later = dt.date(2025, 6, 1)
    decision = decide(searching, later)
    assert decision.outcome is Outcome.ELIGIBLE
    assert P + "stay_over" in decision.codes
    assert P + "minor_kept" in decision.codes
    unsure = attrs.evolve(searching, mental_or_intellectual_signs=None)
    assert decide(unsure, later).outcome is Outcome.ELIGIBLE
    found = attrs.evolve(searching, exit=ExitFacts(family_found=True))
    assert decide(found, later).outcome is Outcome.NOT_ELIGIBLE


def test_unknown_signs_matter_only_after_the_tenth_day() -> None:
    """Within ten days the answer is the same either way; after them it turns on the fact."""
    c = case(mental_or_intellectual_signs=None)
    assert decide(c, dt.date(2025, 5, 11)).outcome is Outcome.ELIGIBLE
    after = decide(c, dt.date(2025, 5, 12))
    assert after.outcome is Outcome.CANNOT_DECIDE
    assert after.missing == ("$.mental_or_intellectual_signs",)


# -- 办法 art. 7: services ------------------------------------------------------------------


def test_services() -> None:
    """办法 第七条: "(一)提供符合食品卫生要求的食物；(二)提供符合基本条件的住处；(三)对在站内
    突发急病的，及时送医院救治；(四)帮助与其亲属或者所在单位联系"."""
    codes = decide(case(ill_in_station=True)).codes
    for service in ("food", "lodging", "medical", "family_contact"):
        assert f"{P}service.{service}" in codes
    assert f"{P}service.medical" not in decide(case()).codes


def test_older_disabled_and_minors_are_cared_for() -> None:
    """办法 第十一条: "救助站对受助的残疾人、未成年人、老年人应当给予照顾"."""
    older = decide(case(estimated_age=70))
    assert older.reasons[-1].code != P + "service.care"
    care = next(r for r in older.reasons if r.code == P + "service.care")
    assert care.zh.startswith("老年人")
    disabled = someone(dt.date(1980, 1, 1), disability=Disability(DisabilityCategory.PHYSICAL, 2))
    assert P + "service.care" in decide(case(person=disabled, estimated_age=None)).codes
    assert P + "service.care" not in decide(case()).codes


# -- 办法 arts. 11–12: exits and hand-offs ---------------------------------------------------


def test_going_home_with_a_voucher_and_a_referral() -> None:
    """办法 第七条(五): "对没有交通费返回其住所地或者所在单位的，提供乘车凭证"; 第十一条:
    "救助站应当劝导受助人员返回其住所地或者所在单位"; 第十二条: the home county helps."""
    decision = decide(case(exit=ExitFacts(family_found=True, has_fare=False)))
    assert decision.codes[-3:] == (
        P + "exit.return_home",
        P + "service.travel_voucher",
        P + "referral.home_county",
    )
    paying = decide(case(exit=ExitFacts(family_found=True, has_fare=True)))
    assert P + "service.travel_voucher" not in paying.codes


def test_a_person_registered_where_the_station_is_may_seek_temporary_assistance_there() -> None:
    """社会救助暂行办法 第四十八条: "申请临时救助的，应当向乡镇人民政府、街道办事处提出" — a person
    registered in 武隆区 at the 武隆区 station is referred there; one registered in 应城市 is
    referred to the home county (办法 第十二条)."""
    local = someone(dt.date(1980, 2, 3))  # registered in 500156
    going = ExitFacts(family_found=True, has_fare=True)
    decision = decide(case(person=local, estimated_age=None, exit=going))
    assert decision.codes[-2:] == (P + "referral.home_county", P + "referral.local_temporary")
    assert "武隆区(500156)" in decision.reasons[-1].zh
    away = someone(dt.date(1980, 2, 3), registration=Registration("420981", RegistrationKind.RURAL))
    decision = decide(case(person=away, estimated_age=None, exit=going))
    assert decision.codes[-1] == P + "referral.home_county"
    assert "420981" in decision.reasons[-1].zh


def test_older_person_is_collected_or_escorted() -> None:
    """办法 第十一条: "对查明住址的，及时通知其亲属或者所在单位领回"; relatives who refuse:
    the outflow place's civil-affairs department collects (细则, as restated)."""
    collected = decide(case(estimated_age=70, exit=ExitFacts(family_found=True)))
    assert P + "exit.family_collects" in collected.codes
    refused = decide(
        case(estimated_age=70, exit=ExitFacts(family_found=True, family_collects=False))
    )
    assert P + "exit.escort" in refused.codes


def test_homeless_older_person_is_placed_and_referred_for_extreme_poverty() -> None:
    """办法 第十一条: "对无家可归的，由其户籍所在地人民政府妥善安置"; 社会救助暂行办法 第十四条
    (特困人员供养 for older persons without means and supporters)."""
    decision = decide(case(estimated_age=72, exit=ExitFacts(homeless=True)))
    assert decision.codes[-2:] == (P + "exit.placement", P + "referral.extreme_poverty")
    younger = decide(case(exit=ExitFacts(homeless=True)))
    assert younger.codes[-1] == P + "exit.placement"


def test_minor_without_a_guardian_is_registered_after_two_years() -> None:
    """国办发〔2011〕39号 三(三): "对经过2年以上仍查找不到父母或其他监护人的，公安机关要按户籍
    管理有关法规政策规定为其办理户口登记手续" — from the corresponding day (民法典 第二百零二条:
    no 29 February in 2026, so the 28th)."""
    child = someone(dt.date(2012, 3, 1))
    decision = decide(case(person=child, estimated_age=None, requested_on=dt.date(2024, 2, 29)))
    last = decision.reasons[-1]
    assert last.code == P + "exit.minor_registration"
    assert dict(last.facts)["date"] == "2026-02-28"


def test_minor_with_a_guardian_found_goes_home() -> None:
    """国办发〔2011〕39号 三(三): "对查找到父母或其他监护人的流浪未成年人，救助保护机构要及时安排
    接送返乡"."""
    child = someone(dt.date(2012, 3, 1))
    decision = decide(case(person=child, estimated_age=None, exit=ExitFacts(family_found=True)))
    assert decision.codes[-1] == P + "exit.guardian"


def test_before_the_minors_opinion_there_is_no_registration_date() -> None:
    """The two years apply from the opinion (2011-08-15, date recalled)."""
    child = someone(dt.date(2000, 3, 1))
    decision = decide(
        case(person=child, estimated_age=None, requested_on=dt.date(2010, 3, 1)),
        dt.date(2010, 3, 2),
    )
    assert decision.codes[-1] == P + "exit.minor_care"


# -- privacy, JSON, registry, bad input --------------------------------------------------------


def test_names_and_resident_ids_are_masked_everywhere() -> None:
    """Names and resident ID numbers never appear in a repr, a decision or JSON."""
    rid = generate("500156", dt.date(1980, 2, 3), 11)
    person = someone(dt.date(1980, 2, 3), resident_id=rid, name="张三丰")
    c = case(person=person, estimated_age=None)
    decision = decide(c)
    shown = [repr(c), decision.render("zh"), decision.render("en"), dumps(c), dumps(decision)]
    for text in shown:
        assert "张三丰" not in text
        assert rid.reveal() not in text
    assert decision.subject == f"JZ-1 ({rid.masked})"


def test_json_round_trip() -> None:
    """The revealed JSON of a case reads back to the same case."""
    c = case(
        person=someone(dt.date(1980, 2, 3), name="李四"),
        estimated_age=None,
        exit=ExitFacts(True, None, False, False),
        extensions=[StayExtension(dt.date(2025, 5, 9), 5, filed_on=dt.date(2025, 5, 9))],
    )
    assert loads(dumps(c, reveal_personal_data=True), VagrancyCase) == c


def test_decided_through_the_registry() -> None:
    """civaffairs.assess finds the programme by its code."""
    decision = civaffairs.assess("assistance.vagrancy", case(), ADMITTED)
    assert decision == decide(case())


def test_every_reason_code_is_catalogued() -> None:
    codes = {c for c in reason_codes() if c.startswith(P)}
    assert {P + "conditions_met", P + "stay_limit", P + "exit.minor_registration"} <= codes


@pytest.mark.parametrize(
    ("build", "path"),
    [
        (lambda: vagrancy.assess(case(), dt.date(2025, 4, 30)), "$.requested_on"),
        (
            lambda: vagrancy.assess(
                case(extensions=[StayExtension(dt.date(2025, 5, 9), 1)]), dt.date(2025, 5, 8)
            ),
            "$.extensions[0].decided_on",
        ),
        (lambda: case(requested_on=dt.date(2003, 7, 31)), "$.requested_on"),
        (lambda: case(estimated_age=-1), "$.estimated_age"),
        (lambda: case(person=someone(dt.date(1980, 1, 1))), "$.estimated_age"),
        (
            lambda: case(person=someone(dt.date(2025, 5, 2)), estimated_age=None),
            "$.person.birth_date",
        ),
        (lambda: case(station="999999"), "$.station"),
        (
            lambda: case(extensions=[StayExtension(dt.date(2025, 4, 1), 1)]),
            "$.extensions[0].decided_on",
        ),
        (lambda: StayExtension(dt.date(2025, 5, 9), 1, filed_on=dt.date(2025, 5, 8)), "$.filed_on"),
        (lambda: StayExtension(dt.date(2025, 5, 9), 0), "$.days"),
        (lambda: vagrancy.assess("not a case", ADMITTED), "$"),  # type: ignore[arg-type]
    ],
)
def test_bad_input_names_the_path(build: Any, path: str) -> None:
    """Every refused input names its field by path."""
    with pytest.raises(InvalidInputError) as caught:
        build()
    assert caught.value.path == path


@pytest.mark.parametrize("age", [45, 10])
def test_a_stay_past_the_calendar_is_refused_by_path(age: int) -> None:
    """A stay or a term that would end after 9999-12-31 is refused, never an overflow."""
    end = dt.date(9999, 12, 25)
    late = case(requested_on=end, estimated_age=age, exit=ExitFacts(family_found=False))
    with pytest.raises(InvalidInputError) as caught:
        vagrancy.assess(late, end)
    assert caught.value.path == "$.requested_on"


def test_bad_json_reports_every_field() -> None:
    text = (
        '{"id": "", "station": "5", "requested_on": "2025-13-01", "disclosure": "x",'
        ' "estimated_age": true, "extensions": [{"decided_on": "2025-05-10", "days": 0}]}'
    )
    with pytest.raises(InvalidDocumentError) as caught:
        loads(text, VagrancyCase)
    paths = {e.path for e in caught.value.errors}
    assert {"$.requested_on", "$.disclosure", "$.estimated_age", "$.extensions[0].days"} <= paths


def test_conditions_are_three_valued() -> None:
    with pytest.raises(InvalidInputError) as caught:
        Conditions(1, True, True, True)  # type: ignore[arg-type]
    assert caught.value.path == "$.conditions.cannot_meet_food_and_lodging"
    assert attrs.evolve(ALL_FOUR, living_rough_in_city=None).living_rough_in_city is None
