"""Adoption registration (收养登记): 《民法典》 arts. 1093–1105 and the 收养登记办法, case by case.

Each test quotes the text it checks.  The base case is a married couple in 武隆区 (500156),
without children, adopting a girl whose birth parents, in special difficulty, place her
together; every other case changes one fact of it.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from civaffairs.conversion import dumps, loads
from civaffairs.decisions import Decision, Outcome
from civaffairs.entities import Person, Registration, RegistrationKind
from civaffairs.errors import InvalidDocumentError, InvalidInputError
from civaffairs.family import adoption as ad
from civaffairs.family.adoption_facts import (
    Adopter,
    AdoptionApplication,
    AdoptionDocument,
    BirthParentsPlacing,
    Child,
    ChildSituation,
    Placer,
    PlacerKind,
    Relation,
    SupportDutyConsent,
)
from civaffairs.identity import Sex

ON = dt.date(2025, 8, 1)
WULONG = "500156"
WANZHOU = "500101"
HERE = Registration(WULONG, RegistrationKind.URBAN)


def adopter(pid: str, born: dt.date, sex: Sex, **facts: object) -> Adopter:
    settled: dict[str, object] = {
        "children": 0,
        "has_spouse": True,
        "able_to_raise": True,
        "disqualifying_illness": False,
        "disqualifying_record": False,
        "overseas_chinese": False,
    }
    settled.update(facts)
    return Adopter(Person(pid, born, sex, HERE, name="王小明"), **settled)  # type: ignore[arg-type]


def child(pid: str = "c1", born: dt.date = dt.date(2020, 6, 1), **facts: object) -> Child:
    sex = facts.pop("sex", Sex.FEMALE)
    settled: dict[str, object] = {
        "situation": ChildSituation.PARENTS_UNABLE,
        "relation": Relation.UNRELATED,
        "disabled": False,
        "consents": None,
    }
    settled.update(facts)
    return Child(Person(pid, born, sex, HERE, name="李丽"), **settled)  # type: ignore[arg-type]


HUSBAND = adopter("a1", dt.date(1985, 3, 1), Sex.MALE)
WIFE = adopter("a2", dt.date(1987, 5, 1), Sex.FEMALE)
PARENTS = Placer(PlacerKind.BIRTH_PARENTS, WULONG, birth_parents=BirthParentsPlacing.BOTH)


def application(
    adopters: tuple[Adopter, ...] = (HUSBAND, WIFE),
    children: tuple[Child, ...] | None = None,
    placer: Placer = PARENTS,
    *,
    office: str = WULONG,
    on: dt.date = ON,
    documents: frozenset[AdoptionDocument] | None = None,
    rest_days: frozenset[dt.date] | None = frozenset(),
) -> AdoptionApplication:
    """An application with exactly the documents the text in force on ``on`` requires.

    The rest-day calendar is empty unless given: none of its days is a 法定休假日.
    """
    built = AdoptionApplication(
        adopters, children or (child(),), placer, office, rest_days=rest_days
    )
    if documents is None:
        documents = ad.required_documents(built, on)[0]
    return attrs.evolve(built, documents=documents)


def decide(app: AdoptionApplication, on: dt.date = ON) -> Decision:
    return ad.assess_application(app, on)


def reason(decision: Decision, code: str) -> str:
    found = [r.en for r in decision.reasons if r.code == f"family.adoption.{code}"]
    assert found, decision.codes
    return found[0]


# -- the base case and the effective date ---------------------------------------------------


def test_a_qualified_couple_registers_and_the_adoption_takes_effect_that_day() -> None:
    """Art. 1105: "收养应当向县级以上人民政府民政部门登记。收养关系自登记之日起成立"."""
    decision = decide(application())
    assert decision.outcome is Outcome.ELIGIBLE, decision.render("en")
    assert decision.jurisdiction == WULONG
    assert reason(decision, "effective") == (
        "the adoption takes effect on the day of registration, 2025-08-01"
    )
    assert decision.codes[-1] == "family.adoption.effective"


def test_names_are_masked_in_the_decision_and_its_json() -> None:
    """Names are personal data: the decision names people by id and masked name only."""
    decision = decide(application())
    text = decision.render("zh") + decision.render("en") + dumps(decision) + repr(decision)
    assert "王小明" not in text
    assert "李丽" not in text
    assert decision.subject == "a1 (王**) + a2 (王**)"
    assert "王小明" not in repr(application())


def test_a_date_before_the_civil_code_is_refused() -> None:
    """Art. 1260: "本法自2021年1月1日起施行" — the 收养法 before it is not encoded."""
    with pytest.raises(InvalidInputError) as caught:
        decide(application(), dt.date(2020, 12, 31))
    assert caught.value.path == "$.on"
    assert decide(application(on=dt.date(2021, 1, 1)), dt.date(2021, 1, 1)).eligible


# -- the child (arts. 1093, 1095, 1099, 1104) ------------------------------------------------


def test_a_child_of_eighteen_is_not_a_minor() -> None:
    """Art. 1093: "下列未成年人，可以被收养"; art. 17: "十八周岁以上的自然人为成年人"."""
    turning = child(born=dt.date(2007, 8, 1), consents=True)
    decision = decide(application(children=(turning,)))
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert reason(decision, "minor").endswith("aged 18, 18 or older: not a minor")
    day_before = child(born=dt.date(2007, 8, 2), consents=True)
    assert decide(application(children=(day_before,))).eligible


@pytest.mark.parametrize(
    ("born", "consents", "outcome", "missing"),
    [
        (dt.date(2017, 8, 2), None, Outcome.ELIGIBLE, ()),  # 7: one day short of 8
        (dt.date(2017, 8, 1), None, Outcome.CANNOT_DECIDE, ("$.children[0].consents",)),
        (dt.date(2017, 8, 1), True, Outcome.ELIGIBLE, ()),
        (dt.date(2017, 8, 1), False, Outcome.NOT_ELIGIBLE, ()),
    ],
)
def test_the_childs_consent_is_needed_from_the_eighth_birthday(
    born: dt.date, consents: bool | None, outcome: Outcome, missing: tuple[str, ...]
) -> None:
    """Art. 1104: "收养八周岁以上未成年人的，应当征得被收养人的同意" (以上 includes 8)."""
    decision = decide(application(children=(child(born=born, consents=consents),)))
    assert decision.outcome is outcome
    assert decision.missing == missing


def test_a_child_whose_parents_can_raise_it_may_be_adopted_only_by_a_relative() -> None:
    """Art. 1093 (三) "生父母有特殊困难无力抚养的子女"; art. 1099 ¶1: "收养三代以内旁系同辈血亲的
    子女，可以不受本法第一千零九十三条第三项、第一千零九十四条第三项…的限制"."""
    stranger = child(situation=ChildSituation.PARENTS_ABLE)
    decision = decide(application(children=(stranger,)))
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    nephew = child(situation=ChildSituation.PARENTS_ABLE, relation=Relation.COLLATERAL_RELATIVE)
    app = application(children=(nephew,))
    assert AdoptionDocument.KINSHIP_PROOF in app.documents  # 登记办法 (2023) art. 7 ¶4
    assert decide(app).eligible
    unknown = child(situation=ChildSituation.PARENTS_ABLE, relation=None)
    decision = decide(application(children=(unknown,)))
    assert decision.outcome is Outcome.CANNOT_DECIDE
    assert "$.children[0].relation" in decision.missing


# -- the placer (arts. 1094–1097) ------------------------------------------------------------


def test_only_birth_parents_place_a_child_of_parents_in_difficulty() -> None:
    """Art. 1094: "(一)孤儿的监护人；(二)儿童福利机构；(三)有特殊困难无力抚养子女的生父母"."""
    guardian = Placer(PlacerKind.GUARDIAN, WULONG)
    decision = decide(application(placer=guardian))
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert "may not place" in reason(decision, "placer")


@pytest.mark.parametrize(
    ("placing", "eligible"),
    [
        (BirthParentsPlacing.BOTH, True),
        (BirthParentsPlacing.OTHER_UNKNOWN, True),
        (BirthParentsPlacing.SURVIVOR, True),
        (BirthParentsPlacing.ONE_ONLY, False),
    ],
)
def test_birth_parents_place_together_unless_one_is_unknown_or_dead(
    placing: BirthParentsPlacing, eligible: bool
) -> None:
    """Art. 1097: "生父母送养子女，应当双方共同送养。生父母一方不明或者查找不到的，可以单方送养";
    登记办法 (2023) art. 7 ¶4: "因丧偶或者一方下落不明由单方送养的"."""
    app = application(placer=attrs.evolve(PARENTS, birth_parents=placing))
    assert decide(app).eligible is eligible
    alone = placing in {BirthParentsPlacing.OTHER_UNKNOWN, BirthParentsPlacing.SURVIVOR}
    assert (AdoptionDocument.SPOUSE_DEATH_OR_MISSING_PROOF in app.documents) is alone


@pytest.mark.parametrize(
    ("consent", "outcome"),
    [
        (SupportDutyConsent.NONE_OWED, Outcome.ELIGIBLE),
        (SupportDutyConsent.GIVEN, Outcome.ELIGIBLE),
        (SupportDutyConsent.REFUSED, Outcome.NOT_ELIGIBLE),
        (None, Outcome.CANNOT_DECIDE),
    ],
)
def test_a_guardian_places_an_orphan_with_the_consent_of_those_who_owe_support(
    consent: SupportDutyConsent | None, outcome: Outcome
) -> None:
    """Art. 1096: "监护人送养孤儿的，应当征得有抚养义务的人同意"."""
    orphan = child(situation=ChildSituation.ORPHAN)
    guardian = Placer(PlacerKind.GUARDIAN, WULONG, support_duty_consent=consent)
    decision = decide(application(children=(orphan,), placer=guardian))
    assert decision.outcome is outcome
    if consent is None:
        assert decision.missing == ("$.placer.support_duty_consent",)


def test_a_guardian_places_a_child_whose_parents_are_incapable_and_dangerous() -> None:
    """Art. 1095: "未成年人的父母均不具备完全民事行为能力且可能严重危害该未成年人的，该未成年人
    的监护人可以将其送养"."""
    at_risk = child(situation=ChildSituation.PARENTS_INCAPABLE)
    app = application(children=(at_risk,), placer=Placer(PlacerKind.GUARDIAN, WULONG))
    assert AdoptionDocument.PARENTS_INCAPACITY_PROOF in app.documents
    assert decide(app).eligible
    by_parents = application(children=(at_risk,))
    assert decide(by_parents).outcome is Outcome.NOT_ELIGIBLE


# -- the adopters (arts. 1098, 1101, 1102) ---------------------------------------------------


@pytest.mark.parametrize(
    ("born", "eligible"),
    [(dt.date(1995, 8, 1), True), (dt.date(1995, 8, 2), False)],
)
def test_an_adopter_is_thirty_on_the_thirtieth_birthday(born: dt.date, eligible: bool) -> None:
    """Art. 1098 (五): "年满三十周岁" — in full years, the age going up on the birthday."""
    young = adopter("a2", born, Sex.FEMALE)
    decision = decide(application(adopters=(HUSBAND, young)))
    assert decision.eligible is eligible
    assert reason(decision, "adopter_age").startswith("adopter a1")


def test_a_leap_day_adopter_turns_thirty_on_28_february() -> None:
    """Art. 1098 (五) with art. 202: "没有对应日的，月末日为期间的最后一日"."""
    leap = adopter("a2", dt.date(1996, 2, 29), Sex.FEMALE)
    on = dt.date(2026, 2, 28)
    app = application(adopters=(HUSBAND, leap), on=on)
    assert decide(app, on).eligible
    before = dt.date(2026, 2, 27)
    assert decide(application(adopters=(HUSBAND, leap), on=before), before).outcome is (
        Outcome.NOT_ELIGIBLE
    )


@pytest.mark.parametrize(
    ("field", "value", "outcome"),
    [
        ("able_to_raise", False, Outcome.NOT_ELIGIBLE),
        ("able_to_raise", None, Outcome.CANNOT_DECIDE),
        ("disqualifying_illness", True, Outcome.NOT_ELIGIBLE),
        ("disqualifying_illness", None, Outcome.CANNOT_DECIDE),
        ("disqualifying_record", True, Outcome.NOT_ELIGIBLE),
        ("disqualifying_record", None, Outcome.CANNOT_DECIDE),
    ],
)
def test_each_adopter_must_be_able_healthy_and_without_a_harmful_record(
    field: str, value: bool | None, outcome: Outcome
) -> None:
    """Art. 1098: "收养人应当同时具备下列条件：…(二)有抚养、教育和保护被收养人的能力；(三)未患有
    在医学上认为不应当收养子女的疾病；(四)无不利于被收养人健康成长的违法犯罪记录"."""
    changes: dict[str, object] = {field: value}
    wife = attrs.evolve(WIFE, **changes)  # type: ignore[arg-type]
    decision = decide(application(adopters=(HUSBAND, wife)))
    assert decision.outcome is outcome
    if outcome is Outcome.CANNOT_DECIDE:
        assert decision.missing == (f"$.adopters[1].{field}",)


@pytest.mark.parametrize(
    ("has_spouse", "outcome"),
    [(True, Outcome.NOT_ELIGIBLE), (None, Outcome.CANNOT_DECIDE), (False, Outcome.ELIGIBLE)],
)
def test_a_married_adopter_adopts_with_the_spouse(
    has_spouse: bool | None, outcome: Outcome
) -> None:
    """Art. 1101: "有配偶者收养子女，应当夫妻共同收养"."""
    alone = attrs.evolve(WIFE, has_spouse=has_spouse)
    assert decide(application(adopters=(alone,))).outcome is outcome


@pytest.mark.parametrize(
    ("has_spouse", "outcome", "missing"),
    [
        (False, Outcome.NOT_ELIGIBLE, ()),
        (None, Outcome.CANNOT_DECIDE, ("$.adopters[1].has_spouse",)),
        (True, Outcome.ELIGIBLE, ()),
    ],
)
def test_two_adopters_must_be_spouses(
    has_spouse: bool | None, outcome: Outcome, missing: tuple[str, ...]
) -> None:
    """Art. 1101: "有配偶者收养子女，应当夫妻共同收养"; 登记办法 (2023) art. 5 ¶2: "夫妻共同收养
    子女的，应当共同到收养登记机关办理登记手续" — only spouses adopt together.  Two adopters
    of whom one has no spouse were granted as "the spouses adopt jointly"."""
    decision = decide(application(adopters=(HUSBAND, attrs.evolve(WIFE, has_spouse=has_spouse))))
    assert decision.outcome is outcome, decision.render("en")
    assert decision.missing == missing
    if has_spouse is False:
        assert "only spouses adopt jointly" in reason(decision, "joint_adoption")


@pytest.mark.parametrize(
    ("born", "eligible"),
    [(dt.date(1980, 6, 1), True), (dt.date(1980, 6, 2), False)],
)
def test_a_single_man_adopting_a_girl_is_forty_years_older(born: dt.date, eligible: bool) -> None:
    """Art. 1102: "无配偶者收养异性子女的，收养人与被收养人的年龄应当相差四十周岁以上"."""
    single = adopter("a1", born, Sex.MALE, has_spouse=False)
    decision = decide(application(adopters=(single,)))
    assert decision.eligible is eligible
    gap = "40" if eligible else "39"
    assert f"born {gap} full years apart" in reason(decision, "age_gap")


def test_the_forty_year_gap_is_not_asked_of_a_same_sex_child_or_a_relatives_child() -> None:
    """Art. 1102 reads "异性子女"; art. 1099 ¶1 frees a relative's child from art. 1102."""
    single = adopter("a1", dt.date(1985, 3, 1), Sex.MALE, has_spouse=False)
    boy = child(sex=Sex.MALE)
    decision = decide(application(adopters=(single,), children=(boy,)))
    assert decision.eligible
    assert "family.adoption.age_gap" not in decision.codes
    niece = child(relation=Relation.COLLATERAL_RELATIVE)
    decision = decide(application(adopters=(single,), children=(niece,)))
    assert decision.eligible
    assert "family.adoption.age_gap_waived" in decision.codes


# -- how many (arts. 1098 (一), 1099 ¶2, 1100) ------------------------------------------------


def test_a_couple_without_children_adopts_two_with_a_child_one() -> None:
    """Art. 1100 ¶1: "无子女的收养人可以收养两名子女；有子女的收养人只能收养一名子女"."""
    twins = (child("c1"), child("c2"))
    assert decide(application(children=twins)).eligible
    parents = (attrs.evolve(HUSBAND, children=1), attrs.evolve(WIFE, children=1))
    decision = decide(application(adopters=parents, children=twins))
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert reason(decision, "count").endswith("the adopters may adopt 1: not met")
    assert decide(application(adopters=parents)).eligible


def test_orphans_disabled_minors_and_institution_foundlings_are_not_counted() -> None:
    """Art. 1100 ¶2: "收养孤儿、残疾未成年人或者儿童福利机构抚养的查找不到生父母的未成年人，可以
    不受前款和本法第一千零九十八条第一项规定的限制"."""
    many = (attrs.evolve(HUSBAND, children=3), attrs.evolve(WIFE, children=3))
    disabled = child(disabled=True)
    app = application(adopters=many, children=(disabled, child("c2", disabled=True)))
    assert AdoptionDocument.DISABILITY_CERTIFICATE in app.documents
    assert decide(app).eligible
    decision = decide(application(adopters=many))
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert "has 3 children, more than one" in reason(decision, "adopter_children")
    unknown = child(disabled=None)
    decision = decide(application(adopters=many, children=(unknown,)))
    assert decision.outcome is Outcome.CANNOT_DECIDE
    assert "$.children[0].disabled" in decision.missing


def test_an_overseas_chinese_adopting_a_relatives_child_is_free_of_1098_1_not_of_1100() -> None:
    """Art. 1099 ¶2: "华侨收养三代以内旁系同辈血亲的子女，还可以不受本法第一千零九十八条第一项
    规定的限制" — art. 1100 ¶1 still allows one child to an adopter with children."""
    overseas = adopter("a1", dt.date(1985, 3, 1), Sex.MALE, children=2, overseas_chinese=True)
    spouse = attrs.evolve(WIFE, children=2, overseas_chinese=True)
    niece = child(relation=Relation.COLLATERAL_RELATIVE)
    assert decide(application(adopters=(overseas, spouse), children=(niece,))).eligible
    local = (attrs.evolve(overseas, overseas_chinese=False), attrs.evolve(spouse))
    assert decide(application(adopters=local, children=(niece,))).outcome is (Outcome.NOT_ELIGIBLE)
    nieces = (niece, child("c2", relation=Relation.COLLATERAL_RELATIVE))
    decision = decide(application(adopters=(overseas, spouse), children=nieces))
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert "family.adoption.count" in [r.code for r in decision.reasons if r.met is False]


@pytest.mark.parametrize("children", [0, 1, 2, 3])
def test_the_allowance_of_adoptions(children: int) -> None:
    """Art. 1100 ¶1 and art. 1098 (一): two, one, then none."""
    assert ad.allowance(children, ON) == [2, 1, 0, 0][children]


def test_the_allowance_refuses_a_count_that_is_not_one() -> None:
    """A count of children is a whole number, 0 or more."""
    with pytest.raises(InvalidInputError) as caught:
        ad.allowance(-1, ON)
    assert caught.value.path == "$.children"
    with pytest.raises(InvalidInputError) as caught:
        ad.allowance(2, dt.date(2020, 12, 31))
    assert caught.value.path == "$.on"


# -- where (登记办法 arts. 2, 4) ----------------------------------------------------------------


def test_the_office_is_that_of_the_birth_parents_residence() -> None:
    """登记办法 (2023) art. 4 ¶3: "收养生父母有特殊困难无力抚养的子女…在被收养人生父母或者监护人常住
    户口所在地…的收养登记机关办理登记"; art. 2: "办理收养登记的机关是县级人民政府民政部门"."""
    assert decide(application(office=WULONG)).eligible
    decision = decide(application(office=WANZHOU))
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert reason(decision, "office").endswith("outside its area")
    decision = decide(application(office="500000"))
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert reason(decision, "office").endswith("not a county-level department")
    unknown = decide(application(placer=attrs.evolve(PARENTS, location=None)))
    assert unknown.missing == ("$.placer.location",)


def test_a_foundling_outside_an_institution_registers_where_it_was_found() -> None:
    """登记办法 (2023) art. 4 ¶2: "收养非社会福利机构抚养的查找不到生父母的弃婴和儿童的，在弃婴和
    儿童发现地的收养登记机关办理登记"."""
    found = child(
        situation=ChildSituation.PARENTS_NOT_FOUND,
        announced_on=dt.date(2025, 1, 2),
        claimed=False,
        found_in=WULONG,
    )
    guardian = Placer(PlacerKind.GUARDIAN, WANZHOU)
    app = application(children=(found,), placer=guardian)
    assert {
        AdoptionDocument.FOUNDLING_POLICE_REPORT,
        AdoptionDocument.BIRTH_STATUS_CERTIFICATE,
    } <= (app.documents)
    assert decide(app).eligible
    elsewhere = application(children=(attrs.evolve(found, found_in=WANZHOU),), placer=guardian)
    assert decide(elsewhere).outcome is Outcome.NOT_ELIGIBLE


# -- the announcement (art. 1105 ¶2; 登记办法 art. 8 ¶2) -----------------------------------------

INSTITUTION = Placer(PlacerKind.WELFARE_INSTITUTION, WULONG)


def foundling(announced: dt.date | None, claimed: bool | None = False) -> Child:
    return child(
        situation=ChildSituation.PARENTS_NOT_FOUND, announced_on=announced, claimed=claimed
    )


@pytest.mark.parametrize(
    ("on", "eligible"),
    [(dt.date(2025, 8, 1), False), (dt.date(2025, 8, 2), True)],
)
def test_registration_waits_for_the_sixty_days_of_the_announcement(
    on: dt.date, eligible: bool
) -> None:
    """登记办法 (2023) art. 8 ¶2: "自公告之日起满60日，弃婴、儿童的生父母或者其他监护人未认领的，
    视为查找不到生父母的弃婴、儿童"; 民法典 art. 201: "开始的当日不计入" — announced on 2 June,
    the 60th day is 1 August, which ends at 24:00 (art. 203 ¶2)."""
    app = application(children=(foundling(dt.date(2025, 6, 2)),), placer=INSTITUTION, on=on)
    decision = decide(app, on)
    assert decision.eligible is eligible, decision.render("en")
    assert "2025-08-01" in reason(decision, "announcement")


def test_a_last_day_on_a_statutory_holiday_moves_past_the_holidays() -> None:
    """民法典 art. 203 ¶1: "期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后
    一日"."""
    national_day = frozenset(dt.date(2025, 10, d) for d in range(1, 9))
    kids = (foundling(dt.date(2025, 8, 2)),)
    for on in (dt.date(2025, 10, 2), dt.date(2025, 10, 9)):  # the 60th day is 1 October
        plain = application(children=kids, placer=INSTITUTION, on=on)
        moved = application(children=kids, placer=INSTITUTION, on=on, rest_days=national_day)
        assert decide(plain, on).eligible
        decision = decide(moved, on)
        assert decision.outcome is Outcome.NOT_ELIGIBLE
        assert "2025-10-09 (moved off rest days)" in reason(decision, "announcement")
    on = dt.date(2025, 10, 10)
    moved = application(children=kids, placer=INSTITUTION, on=on, rest_days=national_day)
    assert decide(moved, on).eligible


@pytest.mark.parametrize("on", [dt.date(2025, 10, 2), dt.date(2025, 10, 9), dt.date(2026, 1, 5)])
def test_without_a_rest_day_calendar_a_date_after_the_nominal_last_day_cannot_be_decided(
    on: dt.date,
) -> None:
    """民法典 art. 203 ¶1: "期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后
    一日" — which days are 法定休假日 only the caller's calendar says.  Announced on 2 August
    2025, the nominal 60th day is 1 October, a holiday that year: registering on 2 October
    was granted when no calendar was given (read as "no holiday"), a wrong answer.  Without
    a calendar the decision now names ``$.rest_days``, as the divorce timeline does."""
    kids = (foundling(dt.date(2025, 8, 2)),)
    decision = decide(application(children=kids, placer=INSTITUTION, on=on, rest_days=None), on)
    assert decision.outcome is Outcome.CANNOT_DECIDE, decision.render("en")
    assert decision.missing == ("$.rest_days",)
    assert "nominal last day 2025-10-01" in reason(decision, "announcement")


def test_without_a_calendar_a_registration_on_the_nominal_last_day_is_still_too_early() -> None:
    """民法典 art. 203 ¶1 only ever moves a last day later, so on or before the nominal 60th
    day (登记办法 (2023) art. 8 ¶2 "自公告之日起满60日") registration waits, calendar or not;
    a claimed child fails whatever the calendar."""
    on = dt.date(2025, 10, 1)
    kids = (foundling(dt.date(2025, 8, 2)),)
    decision = decide(application(children=kids, placer=INSTITUTION, on=on, rest_days=None), on)
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    later = dt.date(2025, 10, 20)
    kids = (foundling(dt.date(2025, 8, 2), claimed=True),)
    claimed = application(children=kids, placer=INSTITUTION, on=later, rest_days=None)
    assert decide(claimed, later).outcome is Outcome.NOT_ELIGIBLE


def test_the_rest_days_must_be_calendar_dates() -> None:
    """A calendar of anything but dates is refused by path."""
    with pytest.raises(InvalidInputError) as raised:
        AdoptionApplication((HUSBAND, WIFE), (child(),), PARENTS, WULONG, rest_days=["x"])  # type: ignore[list-item]
    assert raised.value.path == "$.rest_days"


def test_a_claimed_child_is_not_one_whose_parents_cannot_be_found() -> None:
    """登记办法 (2023) art. 8 ¶2: only an unclaimed child "视为查找不到生父母"."""
    claimed = application(children=(foundling(dt.date(2025, 1, 2), True),), placer=INSTITUTION)
    assert decide(claimed).outcome is Outcome.NOT_ELIGIBLE
    unknown = application(children=(foundling(None),), placer=INSTITUTION)
    decision = decide(unknown)
    assert decision.outcome is Outcome.CANNOT_DECIDE
    assert decision.missing == ("$.children[0].announced_on",)


# -- documents (登记办法 arts. 6, 7 of 2023; arts. 5, 6 of 2019) -------------------------------


def test_the_2019_text_asks_birth_parents_for_a_family_planning_agreement() -> None:
    """登记办法 (2019) art. 6 ¶4: "生父母为送养人的，并应当提交与当地计划生育部门签订的不违反
    计划生育规定的协议" — gone from the 2023 text (in force from 2023-07-20)."""
    before, after = dt.date(2023, 7, 19), dt.date(2023, 7, 20)
    current = application(on=after)
    assert AdoptionDocument.FAMILY_PLANNING_AGREEMENT not in current.documents
    decision = decide(current, before)
    assert decision.outcome is Outcome.CANNOT_DECIDE
    assert decision.missing == ("$.documents",)
    assert "family-planning" in reason(decision, "documents_2019")
    decision = decide(current, after)
    assert decision.eligible
    assert "family.adoption.documents_2023" in decision.codes


def test_a_missing_document_names_the_documents() -> None:
    """登记办法 (2023) art. 6: "收养人应当向收养登记机关提交收养申请书和下列证件、证明材料"."""
    app = application(documents=frozenset())
    decision = decide(app)
    assert decision.outcome is Outcome.CANNOT_DECIDE
    assert decision.missing == ("$.documents",)
    assert "the adoption application" in reason(decision, "documents_2023")


# -- bad input ----------------------------------------------------------------------------------


def test_bad_applications_are_refused_by_path() -> None:
    """One adopter or a couple, at least one child, distinct ids, known places."""
    with pytest.raises(InvalidInputError) as caught:
        AdoptionApplication((HUSBAND, WIFE, HUSBAND), (child(),), PARENTS, WULONG)
    assert caught.value.path == "$.adopters"
    with pytest.raises(InvalidInputError) as caught:
        AdoptionApplication((HUSBAND,), (), PARENTS, WULONG)
    assert caught.value.path == "$.children"
    with pytest.raises(InvalidInputError) as caught:
        AdoptionApplication((HUSBAND,), (child("a1"),), PARENTS, WULONG)
    assert caught.value.path == "$.children[0].person.id"
    with pytest.raises(InvalidInputError) as caught:
        AdoptionApplication((HUSBAND,), (child(),), PARENTS, "999999")
    assert caught.value.path == "$.office"
    with pytest.raises(InvalidInputError) as caught:
        Adopter(HUSBAND.person, children=-1)
    assert caught.value.path == "$.children"


def test_a_birth_date_after_the_decision_date_is_refused() -> None:
    """A child not yet born on the date cannot be adopted on it: an input error, by path."""
    unborn = child(born=dt.date(2025, 8, 2))
    with pytest.raises(InvalidInputError) as caught:
        decide(application(children=(unborn,)))
    assert caught.value.path == "$.children[0].person.birth_date"
    assert "2025-08-02" not in str(caught.value)


def test_json_errors_name_every_bad_field_without_personal_data() -> None:
    """The JSON face: every bad field by path; a name never appears in the message."""
    text = """{"adopters": [{"person": {"id": "a1", "birth_date": "1985-03-01", "sex": "x",
        "name": "王小明", "registration": {"jurisdiction": "500156", "kind": "urban"}}}],
      "children": [{"person": {"id": "c1", "birth_date": "2020-06-01", "sex": "female",
        "registration": {"jurisdiction": "500156", "kind": "urban"}}, "situation": "lost"}],
      "placer": {"kind": "birth_parents", "birth_parents": "both"},
      "office": "500156", "documents": ["application", "passport"]}"""
    with pytest.raises(InvalidDocumentError) as caught:
        loads(text, AdoptionApplication)
    paths = {error.path for error in caught.value.errors}
    assert {
        "$.adopters[0].person.sex",
        "$.children[0].situation",
        "$.documents[1]",
    } <= paths, paths
    assert "王小明" not in str(caught.value)


def test_json_round_trip() -> None:
    """An application written with its personal data reads back equal."""
    app = application(children=(foundling(dt.date(2025, 1, 2)),), placer=INSTITUTION)
    assert loads(dumps(app, reveal_personal_data=True), AdoptionApplication) == app


# -- a step-parent (art. 1103) ------------------------------------------------------------------

STEPFATHER = adopter(
    "a1", dt.date(1997, 1, 1), Sex.MALE, children=3, has_spouse=True, able_to_raise=None
)
STEPCHILD = child(situation=ChildSituation.PARENTS_ABLE, relation=Relation.STEPCHILD)


def test_a_step_parent_is_free_of_art_1098_and_adopts_alone() -> None:
    """Art. 1103: "继父或者继母经继子女的生父母同意，可以收养继子女，并可以不受本法第一千零九十三条
    第三项、第一千零九十四条第三项、第一千零九十八条和第一千一百条第一款规定的限制" — a stepfather
    of 28 with three children adopts his wife's daughter, her parents placing her together."""
    app = application(adopters=(STEPFATHER,), children=(STEPCHILD,))
    assert app.documents == {
        AdoptionDocument.APPLICATION,
        AdoptionDocument.ADOPTER_ID,
        AdoptionDocument.MARRIAGE_CERTIFICATE,  # 登记办法 (2023) art. 6 ¶3
        AdoptionDocument.PLACER_ID,
    }
    decision = decide(app)
    assert decision.eligible, decision.render("en")
    assert {"family.adoption.stepchild_waiver", "family.adoption.stepparent_alone"} <= set(
        decision.codes
    )
    assert "family.adoption.adopter_age" not in decision.codes


def test_a_step_parent_needs_both_birth_parents() -> None:
    """Art. 1103 "经继子女的生父母同意"; art. 1097 "生父母送养子女，应当双方共同送养"."""
    alone = attrs.evolve(PARENTS, birth_parents=BirthParentsPlacing.ONE_ONLY)
    app = application(adopters=(STEPFATHER,), children=(STEPCHILD,), placer=alone)
    assert decide(app).outcome is Outcome.NOT_ELIGIBLE


def test_whether_the_child_is_a_stepchild_is_named_when_it_decides() -> None:
    """Art. 1103 waives art. 1098 and art. 1101's joint adoption only for a stepchild: a
    married adopter of 28 adopting alone cannot be decided until the relation is known."""
    unknown = attrs.evolve(STEPCHILD, relation=None)
    decision = decide(application(adopters=(STEPFATHER,), children=(unknown,)))
    assert decision.outcome is Outcome.CANNOT_DECIDE
    assert "$.children[0].relation" in decision.missing
    unrelated = attrs.evolve(STEPCHILD, relation=Relation.UNRELATED)
    assert decide(application(adopters=(STEPFATHER,), children=(unrelated,))).outcome is (
        Outcome.NOT_ELIGIBLE
    )


def test_a_stepchild_of_eight_must_still_consent() -> None:
    """Art. 1104 is not among the articles art. 1103 waives: "收养八周岁以上未成年人的，应当征得
    被收养人的同意"."""
    older = attrs.evolve(
        STEPCHILD, person=attrs.evolve(STEPCHILD.person, birth_date=dt.date(2015, 1, 1))
    )
    decision = decide(application(adopters=(STEPFATHER,), children=(older,)))
    assert decision.missing == ("$.children[0].consents",)


def test_a_wrong_type_is_named_without_its_personal_data() -> None:
    """Names and resident ID numbers are masked in every message: a person given as a plain
    mapping was echoed whole ("got {'name': '王小明', 'resident_id': '5001…'}")."""
    leaky = {"name": "王小明", "resident_id": "500156197803120514"}
    with pytest.raises(InvalidInputError) as refused:
        Adopter(leaky)  # type: ignore[arg-type]
    assert refused.value.path == "$.person"
    assert "王小明" not in str(refused.value)
    assert "500156197803120514" not in str(refused.value)
    assert "dict" in str(refused.value)
