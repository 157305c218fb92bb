"""Marriage registration and the divorce-by-agreement timeline (civaffairs.family.marriage).

Each test quotes the text it checks: 《民法典》 arts. 201, 203, 1046–1049, 1077, and
《婚姻登记条例》 2003 arts. 4, 6, the 2024 revision's art. 6 and the 2025 text's arts. 7, 9.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

import civaffairs
from civaffairs.conversion import dumps, loads
from civaffairs.dates import period_last_day
from civaffairs.decisions import Outcome
from civaffairs.entities import Person, Registration, RegistrationKind, Sex
from civaffairs.errors import (
    DuplicateIdentityError,
    InvalidDocumentError,
    InvalidInputError,
    ParameterOutOfRangeError,
)
from civaffairs.family.marriage import (
    DivorceApplication,
    Kinship,
    KinshipBar,
    MarriageApplication,
    MarriageParty,
    assess_divorce,
    assess_registration,
    divorce_timeline,
    kinship_bar,
)
from civaffairs.identity import generate

WULONG, DONGCHENG, WUHAN = "500156", "110101", "420106"


def person(
    pid: str, born: dt.date, sex: Sex, home: str = WULONG, name: str | None = None
) -> Person:
    return Person(pid, born, sex, Registration(home, RegistrationKind.URBAN), name=name)


def party(who: Person, **facts: bool | None) -> MarriageParty:
    known: dict[str, bool | None] = {
        "has_spouse": False,
        "consents": True,
        "in_person": True,
    }
    return MarriageParty(who, **(known | facts))


MAN = person("m", dt.date(1995, 3, 1), Sex.MALE, name="张三丰")
WOMAN = person("w", dt.date(1997, 7, 1), Sex.FEMALE, home=DONGCHENG, name="李秀英")
COUPLE = MarriageApplication(WULONG, (party(MAN), party(WOMAN)), Kinship(related=False))
ON = dt.date(2025, 8, 1)


# -- registration --------------------------------------------------------------------------------


def test_a_man_of_22_and_a_woman_of_20_may_register() -> None:
    """《民法典》 第一千零四十七条: "结婚年龄，男不得早于二十二周岁，女不得早于二十周岁。"

    The ages are in full years on the date asked and rise on the birthday itself.
    """
    man = attrs.evolve(MAN, birth_date=dt.date(2003, 8, 1))
    woman = attrs.evolve(WOMAN, birth_date=dt.date(2005, 8, 1))
    couple = attrs.evolve(COUPLE, parties=(party(man), party(woman)))
    assert assess_registration(couple, ON).outcome is Outcome.ELIGIBLE
    day_before = assess_registration(couple, ON - dt.timedelta(days=1))
    assert day_before.outcome is Outcome.NOT_ELIGIBLE
    assert [r.met for r in day_before.reasons if r.code.endswith(".age")] == [False, False]


def test_a_woman_of_21_is_not_held_to_the_mans_age() -> None:
    """第一千零四十七条 sets the age by sex: 女不得早于二十周岁 (not twenty-two)."""
    woman = attrs.evolve(WOMAN, birth_date=dt.date(2004, 1, 1))
    decision = assess_registration(attrs.evolve(COUPLE, parties=(party(MAN), party(woman))), ON)
    assert decision.eligible


def test_a_birth_on_29_february_counts_from_28_february() -> None:
    """《民法典》 第二百零二条: "没有对应日的，月末日为期间的最后一日" — a man born on
    29 February 2004 is 22 on 28 February 2026."""
    man = attrs.evolve(MAN, birth_date=dt.date(2004, 2, 29))
    couple = attrs.evolve(COUPLE, parties=(party(man), party(WOMAN)))
    assert assess_registration(couple, dt.date(2026, 2, 28)).eligible
    assert not assess_registration(couple, dt.date(2026, 2, 27)).eligible


def test_an_existing_marriage_bars_registration() -> None:
    """婚姻登记条例(2025) 第九条: "申请结婚登记的当事人有下列情形之一的，婚姻登记机关不予登记：
    ……（三）一方或者双方已有配偶的"."""
    married = attrs.evolve(COUPLE, parties=(party(MAN), party(WOMAN, has_spouse=True)))
    decision = assess_registration(married, ON)
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert [r.zh for r in decision.reasons if r.met is False] == ["w (李**): 已有配偶"]


@pytest.mark.parametrize(
    ("first", "second", "bar"),
    [
        (0, 1, KinshipBar.LINEAL),  # parent and child
        (0, 3, KinshipBar.LINEAL),  # great-grandparent and great-grandchild
        (1, 1, KinshipBar.COLLATERAL),  # siblings (whole or half blood)
        (1, 2, KinshipBar.COLLATERAL),  # uncle and niece
        (2, 2, KinshipBar.COLLATERAL),  # first cousins
        (2, 3, KinshipBar.NONE),  # a great-uncle's grandchild and ...: the fourth generation
        (3, 3, KinshipBar.NONE),  # second cousins
    ],
)
def test_kinship_bar(first: int, second: int, bar: KinshipBar) -> None:
    """《民法典》 第一千零四十八条: "直系血亲或者三代以内的旁系血亲禁止结婚。"

    Counting each party as the first generation (己身为一代), "within three generations" is
    a common ancestor at most two generations up from both; "以内" includes the number
    (第一千二百五十九条).
    """
    assert kinship_bar(Kinship(True, first, second)) is bar
    assert kinship_bar(Kinship(True, second, first)) is bar
    assert kinship_bar(Kinship(related=False)) is KinshipBar.NONE


def test_first_cousins_are_refused_and_second_cousins_are_not() -> None:
    """第一千零四十八条 (三代以内的旁系血亲) and 婚姻登记条例(2025) 第九条(四): "属于直系血亲或者
    三代以内旁系血亲的" (不予登记)."""
    cousins = assess_registration(attrs.evolve(COUPLE, kinship=Kinship(True, 2, 2)), ON)
    assert cousins.outcome is Outcome.NOT_ELIGIBLE
    assert "三代以内的旁系血亲" in next(r.zh for r in cousins.reasons if r.met is False)
    assert assess_registration(attrs.evolve(COUPLE, kinship=Kinship(True, 3, 3)), ON).eligible


def test_consent_and_presence_are_each_required() -> None:
    """第一千零四十六条: "结婚应当男女双方完全自愿"; 第一千零四十九条: "要求结婚的男女双方应当
    亲自到婚姻登记机关申请结婚登记"."""
    for facts in ({"consents": False}, {"in_person": False}):
        couple = attrs.evolve(COUPLE, parties=(party(MAN, **facts), party(WOMAN)))
        assert assess_registration(couple, ON).outcome is Outcome.NOT_ELIGIBLE


def test_a_same_sex_couple_cannot_register() -> None:
    """第一千零四十九条: "要求结婚的**男女双方**应当亲自到婚姻登记机关申请结婚登记" — the
    text provides for a man and a woman."""
    other = person("w2", dt.date(1996, 1, 1), Sex.FEMALE)
    decision = assess_registration(attrs.evolve(COUPLE, parties=(party(WOMAN), party(other))), ON)
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert decision.reasons[0].code == "family.marriage.registration.sexes"
    assert decision.reasons[0].met is False


def test_the_office_must_hold_one_partys_registration_until_2025_05_09() -> None:
    """婚姻登记条例(2003) 第四条: "内地居民结婚，男女双方应当共同到一方当事人常住户口所在地的
    婚姻登记机关办理结婚登记" (unchanged by the 2024 revision); 2025 第七条: "男女双方应当亲自
    到婚姻登记机关共同申请结婚登记", in force 2025-05-10 (第二十八条)."""
    at_home = assess_registration(COUPLE, dt.date(2025, 5, 9))
    assert at_home.eligible
    assert at_home.codes[-1] == "family.marriage.registration.office_domicile"
    away = attrs.evolve(COUPLE, office=WUHAN)
    refused = assess_registration(away, dt.date(2025, 5, 9))
    assert refused.outcome is Outcome.NOT_ELIGIBLE
    assert "武隆区(500156)、东城区(110101)" in refused.reasons[-1].zh
    anywhere = assess_registration(away, dt.date(2025, 5, 10))
    assert anywhere.eligible
    assert anywhere.codes[-1] == "family.marriage.registration.office_anywhere"


@pytest.mark.parametrize("on", [dt.date(2021, 1, 1), dt.date(2024, 6, 1), dt.date(2025, 1, 19)])
def test_illness_is_no_ground_of_refusal_under_the_civil_code(on: dt.date) -> None:
    """《民法典》 第一千零四十九条: "符合本法规定的，予以登记"; 第一千零五十三条: "一方患有重大
    疾病的，应当在结婚登记前如实告知另一方；不如实告知的，另一方可以向人民法院请求撤销婚姻" —
    the Code turns illness into a duty to disclose, and "法律的效力高于行政法规" (《立法法》
    2015 第八十八条), so 婚姻登记条例(2003) 第六条(五) "患有医学上认为不应当结婚的疾病的" does not
    refuse registration from 2021-01-01, though its text stood until the 2024 revision.  The
    rule asked the illness fact until 2025-01-19: with it not established the decision could
    not be made, and an ill party was refused.  Now no illness fact exists to ask."""
    decision = assess_registration(COUPLE, on)
    assert decision.eligible, decision.render("en")
    assert not [code for code in decision.codes if "illness" in code]
    assert "unfit_illness" not in attrs.fields_dict(MarriageParty)
    with pytest.raises(InvalidDocumentError) as refused:
        loads(
            '{"person": {"id": "m", "birth_date": "1995-03-01", "sex": "male", '
            '"registration": {"jurisdiction": "500156", "kind": "urban"}}, '
            '"unfit_illness": true}',
            MarriageParty,
        )
    assert [e.path for e in refused.value.errors] == ["$.unfit_illness"]


def test_a_missing_fact_is_named_unless_another_condition_fails() -> None:
    """A fact not established makes the decision "cannot decide" and names its path; a failed
    condition (婚姻登记条例(2025) 第九条(一) 未到法定结婚年龄) decides it regardless."""
    unknown = attrs.evolve(
        COUPLE, parties=(party(MAN, has_spouse=None), party(WOMAN)), kinship=None
    )
    decision = assess_registration(unknown, ON)
    assert decision.outcome is Outcome.CANNOT_DECIDE
    assert decision.missing == ("$.parties[0].has_spouse", "$.kinship")
    assert decision.codes[-1] == "family.marriage.registration.missing_facts"
    young = attrs.evolve(
        unknown,
        parties=(
            party(attrs.evolve(MAN, birth_date=dt.date(2010, 1, 1)), has_spouse=None),
            party(WOMAN),
        ),
    )
    assert assess_registration(young, ON).outcome is Outcome.NOT_ELIGIBLE


def test_names_and_resident_ids_are_masked() -> None:
    """Personal data never leaves unmasked: the subject, every reason and the JSON."""
    rid = generate(WULONG, MAN.birth_date, 11)
    man = attrs.evolve(MAN, resident_id=rid)
    decision = assess_registration(attrs.evolve(COUPLE, parties=(party(man), party(WOMAN))), ON)
    text = decision.render("zh") + decision.render("en") + dumps(decision) + repr(decision)
    assert decision.subject == f"m ({rid.masked}) & w (李**)"
    for secret in ("张三丰", "李秀英", rid.reveal()):
        assert secret not in text


def test_the_registry_decides_through_its_entry() -> None:
    """``civaffairs.assess`` finds both programmes by code and refuses the wrong request type."""
    assert civaffairs.assess("family.marriage.registration", COUPLE, ON).eligible
    with pytest.raises(InvalidInputError, match="DivorceApplication"):
        civaffairs.assess("family.marriage.divorce", COUPLE, ON)


def test_dates_before_the_civil_code_are_refused() -> None:
    """The rule applies the Civil Code, in force from 2021-01-01 (第一千二百六十条); no value
    before that date ships, and a look-up never extrapolates."""
    with pytest.raises(ParameterOutOfRangeError, match="2020-12-31"):
        assess_registration(COUPLE, dt.date(2020, 12, 31))


def test_a_party_born_after_the_date_is_refused_by_path() -> None:
    late = attrs.evolve(WOMAN, birth_date=dt.date(2026, 1, 1))
    couple = attrs.evolve(COUPLE, parties=(party(MAN), party(late)))
    with pytest.raises(InvalidInputError) as caught:
        assess_registration(couple, ON)
    assert caught.value.path == "$.parties[1].person.birth_date"


# -- bad input ------------------------------------------------------------------------------------


def test_kinship_is_validated() -> None:
    with pytest.raises(InvalidInputError, match=r"\$\.first"):
        Kinship(related=True, second=1)
    with pytest.raises(InvalidInputError, match=r"\$\.second: got 0"):
        Kinship(True, 0, 0)
    with pytest.raises(InvalidInputError, match=r"\$\.first"):
        Kinship(False, 1, None)
    with pytest.raises(InvalidInputError, match=r"\$\.first: got -1"):
        Kinship(True, -1, 2)
    with pytest.raises(InvalidInputError, match=r"\$\.related"):
        Kinship(1, 1, 1)  # type: ignore[arg-type]


def test_the_same_person_twice_is_refused() -> None:
    with pytest.raises(DuplicateIdentityError, match=r"\$\.parties\[1\]\.person\.id duplicates"):
        MarriageApplication(WULONG, (party(MAN), party(attrs.evolve(WOMAN, id="m"))))


def test_json_errors_name_every_field_by_path() -> None:
    document = """{"office": "999999", "kinship": {"related": true, "first": 1},
      "parties": [{"person": {"id": "m", "birth_date": "1995-03-01", "sex": "male",
        "registration": {"jurisdiction": "500156", "kind": "urban"}, "name": "张三丰"},
        "consents": "yes"}]}"""
    with pytest.raises(InvalidDocumentError) as caught:
        loads(document, MarriageApplication)
    text = str(caught.value)
    assert "张三丰" not in text
    paths = {error.path for error in caught.value.errors}
    assert "$.parties[0].consents" in paths


def test_json_round_trip_is_exact() -> None:
    rid = generate(WULONG, MAN.birth_date, 11)
    couple = attrs.evolve(COUPLE, parties=(party(attrs.evolve(MAN, resident_id=rid)), party(WOMAN)))
    text = dumps(couple, reveal_personal_data=True)
    assert loads(text, MarriageApplication) == couple
    masked = dumps(couple)
    assert rid.reveal() not in masked
    assert "张三丰" not in masked


# -- the divorce timeline --------------------------------------------------------------------------


def test_period_last_day_leaves_the_start_day_out_and_moves_off_rest_days() -> None:
    """《民法典》 第二百零一条: "按照年、月、日计算期间的，开始的当日不计入，自下一日开始计算";
    第二百零三条: "期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日"."""
    assert period_last_day(dt.date(2025, 1, 31), 30) == (dt.date(2025, 3, 2), False)
    assert period_last_day(dt.date(2024, 1, 31), 30) == (dt.date(2024, 3, 1), False)
    weekend = {dt.date(2025, 3, 1), dt.date(2025, 3, 2)}
    assert period_last_day(dt.date(2025, 1, 30), 30, rest_days=weekend) == (
        dt.date(2025, 3, 3),
        True,
    )
    with pytest.raises(InvalidInputError, match=r"\$\.days"):
        period_last_day(dt.date(2025, 1, 1), 0)


def test_the_cooling_off_and_certificate_periods() -> None:
    """第一千零七十七条: "自婚姻登记机关收到离婚登记申请之日起三十日内，任何一方不愿意离婚的，
    可以向婚姻登记机关撤回离婚登记申请。前款规定期限届满后三十日内，双方应当亲自到婚姻登记机关
    申请发给离婚证；未申请的，视为撤回离婚登记申请。" """
    timeline = divorce_timeline(dt.date(2025, 6, 3))
    assert (timeline.cooling_off_ends, timeline.certificate_from, timeline.certificate_until) == (
        dt.date(2025, 7, 3),
        dt.date(2025, 7, 4),
        dt.date(2025, 8, 2),
    )
    assert [p.name for p in timeline.parameters] == [
        "family.marriage.divorce.cooling_off_days",
        "family.marriage.divorce.certificate_days",
    ]


def test_a_cooling_off_ending_in_a_holiday_moves_and_so_does_the_next_period() -> None:
    """第二百零三条: the cooling-off's last day, 2025-10-01, is a rest day of a holiday ending
    2025-10-08, so it ends on 10-09; the certificate period counts from that day."""
    holiday = frozenset(dt.date(2025, 10, d) for d in range(1, 9))
    timeline = divorce_timeline(dt.date(2025, 9, 1), rest_days=holiday)
    assert timeline.cooling_off_ends == dt.date(2025, 10, 9)
    assert timeline.cooling_off_moved
    assert timeline.certificate_until == dt.date(2025, 11, 8)
    assert not timeline.certificate_moved


def test_where_an_application_stands() -> None:
    """第一千零七十七条: withdrawn within thirty days; both apply within the next thirty days;
    otherwise deemed withdrawn (婚姻登记条例(2025) 第十六条: "当事人未在法律规定期限内申请发给
    离婚证的，视为撤回离婚登记申请，离婚登记程序终止")."""
    base = DivorceApplication("D", WULONG, dt.date(2025, 6, 3), rest_days=frozenset())
    late_withdrawal = attrs.evolve(base, withdrawn_on=dt.date(2025, 7, 4))
    assert assess_divorce(late_withdrawal, dt.date(2025, 7, 10)).outcome is Outcome.CANNOT_DECIDE
    then_applied = attrs.evolve(late_withdrawal, certificate_applied_on=dt.date(2025, 7, 20))
    decision = assess_divorce(then_applied, dt.date(2025, 7, 20))
    assert decision.eligible
    assert "family.marriage.divorce.late_withdrawal" in decision.codes
    too_late = attrs.evolve(base, certificate_applied_on=dt.date(2025, 8, 3))
    assert assess_divorce(too_late, dt.date(2025, 8, 3)).codes[-1] == (
        "family.marriage.divorce.deemed_withdrawn"
    )
    applied_then_withdrawn = attrs.evolve(
        base, certificate_applied_on=dt.date(2025, 7, 10), withdrawn_on=dt.date(2025, 7, 11)
    )
    assert assess_divorce(applied_then_withdrawn, dt.date(2025, 7, 11)).eligible


def test_without_a_calendar_only_dates_after_a_nominal_last_day_are_undecided() -> None:
    """第二百零三条 needs the 法定休假日: without them, a date up to the nominal last day is
    placed (a last day only ever moves later), one after it is not."""
    base = DivorceApplication("D", WULONG, dt.date(2025, 6, 3))
    assert assess_divorce(attrs.evolve(base, withdrawn_on=dt.date(2025, 7, 3)), ON).outcome is (
        Outcome.NOT_ELIGIBLE
    )
    early = attrs.evolve(base, certificate_applied_on=dt.date(2025, 7, 3))
    assert assess_divorce(early, dt.date(2025, 7, 3)).outcome is Outcome.NOT_ELIGIBLE
    after = attrs.evolve(base, certificate_applied_on=dt.date(2025, 7, 4))
    assert assess_divorce(after, dt.date(2025, 7, 4)).missing == ("$.rest_days",)
    assert assess_divorce(base, dt.date(2025, 8, 2)).missing == ("$.certificate_applied_on",)
    assert assess_divorce(base, dt.date(2025, 8, 3)).missing == (
        "$.rest_days",
        "$.certificate_applied_on",
    )


def test_divorce_dates_are_checked() -> None:
    with pytest.raises(InvalidInputError, match=r"\$\.withdrawn_on: got 2025-06-02"):
        DivorceApplication("D", WULONG, dt.date(2025, 6, 3), withdrawn_on=dt.date(2025, 6, 2))
    application = DivorceApplication("D", WULONG, dt.date(2025, 6, 3))
    with pytest.raises(InvalidInputError, match=r"\$\.received_on"):
        assess_divorce(application, dt.date(2025, 6, 2))
    with pytest.raises(InvalidInputError, match=r"\$\.office"):
        DivorceApplication("D", "ABC", dt.date(2025, 6, 3))
    with pytest.raises(InvalidInputError, match=r"\$\.id"):
        DivorceApplication(" ", WULONG, dt.date(2025, 6, 3))
    with pytest.raises(ParameterOutOfRangeError):
        divorce_timeline(dt.date(2020, 12, 31))


def test_a_couple_is_two_parties() -> None:
    """第一千零四十九条: "要求结婚的男女双方" — exactly two parties, refused by path otherwise."""
    with pytest.raises(
        InvalidInputError, match=r"\$\.parties: got 1 parties, expected exactly two"
    ):
        MarriageApplication(WULONG, (party(MAN),))


@pytest.mark.parametrize("office", ["000000", "500000", "420100"])
def test_the_office_is_a_county_level_department(office: str) -> None:
    """婚姻登记条例(2003) 第二条: "内地居民办理婚姻登记的机关是县级人民政府民政部门或者乡(镇)人民
    政府" (the 2025 text's 第二条 likewise).  An office given as the nation, a province or a
    prefecture passed the office test for every couple registered within it (and, from
    2025-05-10, read "the office in 全国 may register"): refused by path instead."""
    with pytest.raises(InvalidInputError) as refused:
        attrs.evolve(COUPLE, office=office)
    assert refused.value.path == "$.office"
    with pytest.raises(InvalidInputError) as refused:
        DivorceApplication("D-1", office, dt.date(2025, 6, 3))
    assert refused.value.path == "$.office"
    dongguan = attrs.evolve(COUPLE, office="441900")  # 不设区的地级市: its own county level
    assert assess_registration(dongguan, ON).eligible
