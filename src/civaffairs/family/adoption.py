"""收养登记: deciding an application to register an adoption by Chinese citizens.

The rule is 《民法典》 Book Five, Chapter 5 (收养, arts. 1093–1110, in force from 2021-01-01)
and 《中国公民收养子女登记办法》 (the 2019 text until 2023-07-19, the 2023 text from
2023-07-20; both read, :mod:`civaffairs.family.laws`).  One application is one or two
adopters (a married couple adopting jointly), one or more children and one placer (送养人),
filed with a county civil-affairs department on the date ``on``.  In order:

1. **The child may be adopted** (art. 1093): a minor (under 18 in full years, art. 17) who
   is "(一)丧失父母的孤儿；(二)查找不到生父母的未成年人；(三)生父母有特殊困难无力抚养的子女",
   or, by art. 1095, a minor whose parents "均不具备完全民事行为能力且可能严重危害该未成年人".
   A child of the adopter's relative "三代以内旁系同辈血亲" (art. 1099 ¶1) and a stepchild
   (art. 1103) are free of 1093 (三): the birth parents need not be in special difficulty.
2. **The placer may place** (art. 1094): "(一)孤儿的监护人；(二)儿童福利机构；(三)有特殊困难
   无力抚养子女的生父母" — an orphan by its guardian or the institution raising it, a child
   whose parents cannot be found by the institution raising it or a guardian, a child of
   parents in difficulty (or of a relative, or a stepchild, arts. 1099 ¶1 and 1103 waiving
   1094 (三)) by the birth parents, and the art. 1095 child by its guardian.  A guardian
   placing an orphan needs the consent of those with a duty to support it (art. 1096);
   birth parents place jointly, unless one is unknown or cannot be found (art. 1097) or
   has died (登记办法 2023 art. 7 ¶4: "因丧偶或者一方下落不明由单方送养的"); a step-parent
   adopts "经继子女的生父母同意" (art. 1103), the birth parents placing.
3. **Each adopter qualifies** (art. 1098, "应当同时具备"): (一) no child or one child;
   (二) able to raise, educate and protect the child; (三) no disqualifying illness;
   (四) no disqualifying criminal record; (五) aged 30 or more in full years on ``on``
   (:func:`civaffairs.dates.age_in_full_years`: the age goes up on the birthday, 29 February
   counting from 28 February, art. 202).  (一) is waived for the children of art. 1100 ¶2
   and, for an overseas Chinese (华侨) adopting a relative's child, by art. 1099 ¶2; the
   whole article for a step-parent adopting stepchildren (art. 1103).
4. **How many** (art. 1100 ¶1): "无子女的收养人可以收养两名子女；有子女的收养人只能收养一名
   子女" — the children of this application, except those of art. 1100 ¶2 ("收养孤儿、残疾
   未成年人或者儿童福利机构抚养的查找不到生父母的未成年人"), may not exceed
   :func:`allowance` of any adopter; a stepchild is not counted either (art. 1103).  The
   relatives' exemption of art. 1099 does not reach art. 1100.
5. **Spouses adopt jointly** (art. 1101) — but a step-parent adopts alone, the spouse
   being the child's parent who consents and places (an inference: art. 1103 does not name
   art. 1101); **a single adopter of a child of the other sex**
   is at least 40 years older (art. 1102, "相差四十周岁以上", 以上 including 40 by art. 1259:
   the child is born on or after the adopter's 40th birthday), waived for a relative's child
   (art. 1099 ¶1).
6. **The child's consent** from age 8 in full years (art. 1104, "收养八周岁以上未成年人的，应当
   征得被收养人的同意").
7. **The registration office** (登记办法 2023 arts. 2, 4; arts. 2, 3 of the 2019 text): the
   county civil-affairs department of the institution's place (a child raised by a welfare
   institution), of the place where a foundling not in an institution was found, of the
   birth parents' or guardian's registered residence or the organisation's place (a child of
   parents in difficulty, an orphan under a guardian), and of the birth parent's registered
   residence for a relative's child — here always :attr:`Placer.location` but for a foundling
   outside an institution (:attr:`Child.found_in`).
8. **The announcement** (art. 1105 ¶2; 登记办法 2023 art. 8 ¶2): for a child whose parents
   cannot be found, "自公告之日起满60日 … 未认领的，视为查找不到生父母的弃婴、儿童".  The
   period is counted in days: the day of the announcement is not counted (《民法典》 art. 201),
   its last day is the 60th day after it, moved past a statutory rest day on which it falls
   (art. 203 ¶1; art. 204 keeps this counting, and neither art. 1105 nor the measures
   provide otherwise — the measures' "满60日" only names the length) and ending at 24:00
   (art. 203 ¶2); so registration is possible from the day after the last day.  The rest
   days are an input (:attr:`AdoptionApplication.rest_days`; the library holds no
   calendar, :func:`civaffairs.dates.period_last_day` counts): without one, a registration
   after the nominal last day "cannot decide", naming ``$.rest_days``, since only the
   calendar can say whether the last day moved to it or past it — the same rule as the
   divorce timeline (:mod:`civaffairs.family.marriage`).  A registration on or before the
   nominal last day is too early whatever the calendar (a last day only ever moves later).
9. **The documents** (登记办法 2023 arts. 6, 7; arts. 5, 6 of the 2019 text): the text in
   force on ``on`` lists what the adopter and the placer submit (:class:`AdoptionDocument`);
   a document not submitted leaves its fact unproved: "cannot decide", naming
   ``$.documents``.
10. **Effect** (art. 1105 ¶1; 登记办法 2023 art. 8): "收养关系自登记之日起成立" — the
    relationship takes effect on ``on``, the day of registration.

A fact that is not established (``None``) and could change the outcome makes the decision
"cannot decide", naming its path (relative to the :class:`AdoptionApplication`); a
condition that fails decides "not eligible" whatever else is missing.  Not encoded:
adoption by foreigners (art. 1109) and by overseas
Chinese or residents of Hong Kong, Macao and Taiwan beyond art. 1099 ¶2 (登记办法 art. 15
leaves their documents to the ministry), the priority of a deceased parent's parents
(art. 1108), the adoption assessment (art. 1105 ¶5) and dissolution (arts. 1114–1118).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from civaffairs import jurisdictions
from civaffairs.dates import period_last_day
from civaffairs.decisions import (
    Citation,
    Decision,
    Draft,
    Outcome,
    ReasonCode,
    Tally,
    programme,
)
from civaffairs.entities import Person
from civaffairs.errors import InvalidInputError
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
from civaffairs.family.laws import (
    ADOPTION_REGISTRATION_MEASURES_2019,
    ADOPTION_REGISTRATION_MEASURES_2023,
    CIVIL_CODE,
)
from civaffairs.parameters import ParameterBook, ParameterValue, default_book

__all__ = [
    "CIVIL_CODE_IN_FORCE",
    "MEASURES_2023_IN_FORCE",
    "PROGRAMME",
    "allowance",
    "announcement_last_day",
    "assess_application",
    "required_documents",
]

PROGRAMME = programme("family.adoption")

#: The Civil Code, and with it its adoption chapter, took effect on 2021-01-01 (art. 1260).
CIVIL_CODE_IN_FORCE = dt.date(2021, 1, 1)
#: The 2023 revision of the registration measures, dated 2023-07-20 in the text; that it took
#: effect that day (the State Council decision's "自公布之日起施行") is recalled, not read.
MEASURES_2023_IN_FORCE = dt.date(2023, 7, 20)
_ADULT_AGE = 18  # 《民法典》 第十七条: 十八周岁以上的自然人为成年人

_M19 = ADOPTION_REGISTRATION_MEASURES_2019
_M23 = ADOPTION_REGISTRATION_MEASURES_2023

R_MINOR = ReasonCode.define(
    "family.adoption.minor",
    "被收养人{child}: {age} 周岁, {result}",
    "child {child}: aged {age}, {result_en}",
    Citation(CIVIL_CODE, "第一千零九十三条; 第十七条", note="下列未成年人，可以被收养"),
)
R_SITUATION = ReasonCode.define(
    "family.adoption.situation",
    "被收养人{child}: {situation}{result}",
    "child {child}: {situation_en}{result_en}",
    Citation(
        CIVIL_CODE,
        "第一千零九十三条; 第一千零九十五条; 第一千零九十九条第一款; 第一千一百零三条",
        note="丧失父母的孤儿; 查找不到生父母的未成年人; 生父母有特殊困难无力抚养的子女",
    ),
)
R_PLACER = ReasonCode.define(
    "family.adoption.placer",
    "送养人为{placer}: {result}",
    "the placer is {placer_en}: {result_en}",
    Citation(
        CIVIL_CODE,
        "第一千零九十四条; 第一千零九十五条; 第一千零九十九条第一款; 第一千一百零三条",
        note="孤儿的监护人; 儿童福利机构; 有特殊困难无力抚养子女的生父母",
    ),
)
R_SUPPORT_DUTY = ReasonCode.define(
    "family.adoption.support_duty_consent",
    "监护人送养孤儿, 有抚养义务的人: {state}",
    "a guardian places an orphan; those with a duty to support the child: {state_en}",
    Citation(CIVIL_CODE, "第一千零九十六条", note="监护人送养孤儿的，应当征得有抚养义务的人同意"),
)
R_JOINT_PLACING = ReasonCode.define(
    "family.adoption.joint_placing",
    "生父母送养: {state}",
    "birth parents placing: {state_en}",
    Citation(
        CIVIL_CODE,
        "第一千零九十七条",
        note="生父母送养子女，应当双方共同送养。生父母一方不明或者查找不到的，可以单方送养; "
        "丧偶: 登记办法(2023) 第七条第四款",
    ),
)
R_ADOPTER_AGE = ReasonCode.define(
    "family.adoption.adopter_age",
    "收养人{adopter}: {age} 周岁, {result}",
    "adopter {adopter}: aged {age}, {result_en}",
    Citation(CIVIL_CODE, "第一千零九十八条第五项", note="年满三十周岁"),
)
R_ADOPTER_CHILDREN = ReasonCode.define(
    "family.adoption.adopter_children",
    "收养人{adopter}: {state}",
    "adopter {adopter}: {state_en}",
    Citation(
        CIVIL_CODE,
        "第一千零九十八条第一项; 第一千零九十九条第二款; 第一千一百条第二款; 第一千一百零三条",
        note="无子女或者只有一名子女",
    ),
)
R_ADOPTER_ABILITY = ReasonCode.define(
    "family.adoption.adopter_ability",
    "收养人{adopter}: {condition}: {state}",
    "adopter {adopter}: {condition_en}: {state_en}",
    Citation(
        CIVIL_CODE,
        "第一千零九十八条第二项至第四项",
        note="有抚养、教育和保护被收养人的能力; 未患有在医学上认为不应当收养子女的疾病; "
        "无不利于被收养人健康成长的违法犯罪记录",
    ),
)
R_COUNT = ReasonCode.define(
    "family.adoption.count",
    "本次收养计数的子女 {counted} 名 (孤儿、残疾未成年人、儿童福利机构抚养的查找不到生父母的"
    "未成年人不计), 收养人可以收养 {allowed}: {result}",
    "{counted} children of this application count (orphans, disabled minors and foundlings "
    "raised by a welfare institution do not), the adopters may adopt {allowed_en}: {result_en}",
    Citation(
        CIVIL_CODE,
        "第一千一百条; 第一千一百零三条",
        note="无子女的收养人可以收养两名子女；有子女的收养人只能收养一名子女",
    ),
)
R_JOINT_ADOPTION = ReasonCode.define(
    "family.adoption.joint_adoption",
    "{state}",
    "{state_en}",
    Citation(CIVIL_CODE, "第一千一百零一条", note="有配偶者收养子女，应当夫妻共同收养"),
)
R_AGE_GAP = ReasonCode.define(
    "family.adoption.age_gap",
    "无配偶的收养人{adopter}收养异性子女{child}: 出生日期相差 {gap} 周岁, {result}",
    "single adopter {adopter} adopting {child} of the other sex: born {gap} full years "
    "apart, {result_en}",
    Citation(
        CIVIL_CODE,
        "第一千一百零二条; 第一千二百五十九条",
        note="无配偶者收养异性子女的，收养人与被收养人的年龄应当相差四十周岁以上",
    ),
)
R_AGE_GAP_WAIVED = ReasonCode.define(
    "family.adoption.age_gap_waived",
    "无配偶的收养人{adopter}收养三代以内旁系同辈血亲的子女{child}: 不受年龄相差四十周岁的限制",
    "single adopter {adopter} adopts {child}, a child of a collateral relative of the same "
    "generation within three generations: the 40-year gap does not apply",
    Citation(CIVIL_CODE, "第一千零九十九条第一款", note="可以不受…第一千一百零二条规定的限制"),
)
R_STEPCHILD_WAIVER = ReasonCode.define(
    "family.adoption.stepchild_waiver",
    "收养人{adopter}收养继子女: 不受第一千零九十八条规定的限制",
    "adopter {adopter} adopts a stepchild: the conditions of art. 1098 do not apply",
    Citation(
        CIVIL_CODE,
        "第一千一百零三条",
        note="继父或者继母经继子女的生父母同意，可以收养继子女，并可以不受本法第一千零九十三条"
        "第三项、第一千零九十四条第三项、第一千零九十八条和第一千一百条第一款规定的限制",
    ),
)
R_STEPPARENT_ALONE = ReasonCode.define(
    "family.adoption.stepparent_alone",
    "收养人{adopter}收养继子女, 其配偶为被收养人的生父或者生母, 作为送养人同意",
    "adopter {adopter} adopts a stepchild, whose parent is the adopter's spouse and consents "
    "as the placer",
    Citation(
        CIVIL_CODE,
        "第一千一百零三条; 第一千一百零一条",
        note="INFERENCE: art. 1103 does not name art. 1101; the spouse is the child's parent, "
        "who consents (经继子女的生父母同意) and places; 登记办法(2023) 第六条第三款 asks for "
        "收养人与被收养人生父或者生母结婚的证明",
    ),
)
R_CONSENT = ReasonCode.define(
    "family.adoption.consent",
    "被收养人{child}: {age} 周岁, {state}",
    "child {child}: aged {age}, {state_en}",
    Citation(
        CIVIL_CODE, "第一千一百零四条", note="收养八周岁以上未成年人的，应当征得被收养人的同意"
    ),
)
R_OFFICE = ReasonCode.define(
    "family.adoption.office",
    "收养登记机关: {office}; 应在{place}的收养登记机关办理 ({basis}): {result}",
    "registration office: {office}; the office of {place} registers ({basis_en}): {result_en}",
    Citation(
        _M23,
        "第二条; 第四条",
        note="办理收养登记的机关是县级人民政府民政部门; 2019 text 第二条、第三条, same words",
    ),
)
R_ANNOUNCEMENT = ReasonCode.define(
    "family.adoption.announcement",
    "被收养人{child}: {state}",
    "child {child}: {state_en}",
    Citation(
        _M23,
        "第八条第二款; 民法典 第一千一百零五条第二款, 第二百零一条, 第二百零三条",
        note="自公告之日起满60日，弃婴、儿童的生父母或者其他监护人未认领的，视为查找不到生父母"
        "的弃婴、儿童; 第七条第二款 of the 2019 text, same words",
    ),
)
R_DOCUMENTS_2019 = ReasonCode.define(
    "family.adoption.documents_2019",
    "应提交的证件和证明材料 {required} 件; {state}",
    "{required} documents are required; {state_en}",
    Citation(_M19, "第五条; 第六条", note="the text in force from 2019-03-02 to 2023-07-19"),
)
R_DOCUMENTS_2023 = ReasonCode.define(
    "family.adoption.documents_2023",
    "应提交的证件和证明材料 {required} 件; {state}",
    "{required} documents are required; {state_en}",
    Citation(_M23, "第六条; 第七条", note="the text in force from 2023-07-20"),
)
R_EFFECTIVE = ReasonCode.define(
    "family.adoption.effective",
    "收养关系自登记之日 {date} 起成立",
    "the adoption takes effect on the day of registration, {date}",
    Citation(
        CIVIL_CODE, "第一千一百零五条第一款", note="收养关系自登记之日起成立; 登记办法 第八条"
    ),
)
R_MISSING = ReasonCode.define(
    "family.adoption.missing_facts",
    "缺少判定所需事实: {paths}",
    "facts needed for the decision are missing: {paths}",
    Citation(CIVIL_CODE, "第一千一百零五条第一款"),
)


# -- the rule -----------------------------------------------------------------------------------


def allowance(
    children: int,
    on: dt.date,
    *,
    jurisdiction: str = "000000",
    book: ParameterBook | None = None,
) -> int:
    """Return how many children an adopter with ``children`` children may adopt (art. 1100 ¶1).

    "无子女的收养人可以收养两名子女；有子女的收养人只能收养一名子女", and none at all for an
    adopter with more than one child (art. 1098 (一), "无子女或者只有一名子女").  Never
    rises with ``children``.  Children of art. 1100 ¶2 are not counted against it.

    >>> allowance(0, dt.date(2025, 1, 1)), allowance(1, dt.date(2025, 1, 1))
    (2, 1)
    >>> allowance(2, dt.date(2025, 1, 1))
    0

    .. versionadded:: 0.1.0
    """
    if isinstance(children, bool) or not isinstance(children, int) or children < 0:
        raise InvalidInputError("$.children", children, "a whole number, 0 or more")
    _in_force(on)
    rules = _Rules.read(book or default_book(), jurisdiction, on)
    return 0 if children > 1 else _allowance_of(children, rules)[0]


def announcement_last_day(
    announced_on: dt.date, days: int, rest_days: Iterable[dt.date] = ()
) -> dt.date:
    """Return the last day of an announcement of ``days`` days published on ``announced_on``.

    《民法典》 art. 201: "开始的当日不计入，自下一日开始计算" — the last day is ``days`` days
    after the announcement; art. 203 ¶1: "期间的最后一日是法定休假日的，以法定休假日结束的
    次日为期间的最后一日" — a last day in ``rest_days`` moves past the rest days.  It ends
    at 24:00 (art. 203 ¶2), so what waits for the period can happen from the next day.
    Counted by :func:`civaffairs.dates.period_last_day`; an empty ``rest_days`` gives the
    nominal last day, which is the last day only if none of its days is a rest day.

    >>> announcement_last_day(dt.date(2025, 8, 1), 60)
    datetime.date(2025, 9, 30)
    >>> announcement_last_day(dt.date(2025, 8, 2), 60, [dt.date(2025, 10, d) for d in range(1, 9)])
    datetime.date(2025, 10, 9)

    .. versionadded:: 0.1.0
    """
    return period_last_day(announced_on, days, rest_days=frozenset(rest_days))[0]


@attrs.frozen
class _Rules:
    """The dated figures of one decision, each with its source."""

    min_age: tuple[int, ParameterValue]
    gap: tuple[int, ParameterValue]
    consent: tuple[int, ParameterValue]
    childless: tuple[int, ParameterValue]
    with_child: tuple[int, ParameterValue]
    announcement: tuple[int, ParameterValue]

    @classmethod
    def read(cls, book: ParameterBook, where: str, on: dt.date) -> _Rules:
        def count(name: str) -> tuple[int, ParameterValue]:
            return book.count(f"family.adoption.{name}", where, on)

        return cls(
            count("adopter_min_age"),
            count("single_adopter_age_gap"),
            count("consent_age"),
            count("max_children_childless"),
            count("max_children_with_child"),
            count("announcement_days"),
        )


def _allowance_of(children: int, rules: _Rules) -> tuple[int, ParameterValue]:
    return rules.childless if children == 0 else rules.with_child


_YES = ("符合", "met")
_NO = ("不符合", "not met")


def _result(ok: bool) -> dict[str, str]:  # noqa: FBT001 - a plain switch of two texts
    zh, en = _YES if ok else _NO
    return {"result": zh, "result_en": en}


def _unknown(zh: str, en: str) -> dict[str, str]:
    return {"state": f"{zh}尚未确定", "state_en": f"{en} not established"}


def _in_force(on: dt.date) -> None:
    if on < CIVIL_CODE_IN_FORCE:
        raise InvalidInputError(
            "$.on",
            on.isoformat(),
            "a date from 2021-01-01, when the Civil Code's adoption chapter took effect "
            "(the 收养法 before it is not encoded)",
        )


def _check_dates(application: AdoptionApplication, on: dt.date) -> None:
    _in_force(on)
    people = [("adopters", i, a.person) for i, a in enumerate(application.adopters)]
    people += [("children", i, c.person) for i, c in enumerate(application.children)]
    for key, index, person in people:
        if person.birth_date > on:
            raise InvalidInputError(
                f"$.{key}[{index}].person.birth_date",
                "(a birth date, withheld)",
                f"a birth date on or before the date of the decision {on.isoformat()}",
            )


def _exempt_from_count(child: Child, placer: Placer) -> bool | None:
    """Art. 1100 ¶2: an orphan, a disabled minor, or an institution's foundling; art. 1103."""
    if child.situation is ChildSituation.ORPHAN or child.disabled is True:
        return True
    if child.relation is Relation.STEPCHILD:
        return True
    if (
        child.situation is ChildSituation.PARENTS_NOT_FOUND
        and placer.kind is PlacerKind.WELFARE_INSTITUTION
    ):
        return True
    if child.situation is None or child.disabled is None or child.relation is None:
        return None
    return False


def _exemption_paths(child: Child, index: int) -> list[str]:
    paths = []
    if child.situation is None:
        paths.append(f"$.children[{index}].situation")
    if child.disabled is None:
        paths.append(f"$.children[{index}].disabled")
    if child.relation is None:
        paths.append(f"$.children[{index}].relation")
    return paths


def _child_reasons(
    tally: Tally, application: AdoptionApplication, on: dt.date, rules: _Rules
) -> None:
    """Arts. 1093, 1095, 1099 ¶1 and 1104 for each child."""
    for index, child in enumerate(application.children):
        path = f"$.children[{index}]"
        who = child.person.label
        age = child.person.age_on(on)
        tally.add(
            R_MINOR.reason(
                age < _ADULT_AGE,
                child=who,
                age=str(age),
                result="未满18周岁" if age < _ADULT_AGE else "已满18周岁, 不是未成年人",
                result_en="under 18" if age < _ADULT_AGE else "18 or older: not a minor",
            )
        )
        _situation_reason(tally, child, path)
        consent_age, consent_used = rules.consent
        if age < consent_age:
            tally.add(
                R_CONSENT.reason(
                    None,
                    (consent_used,),
                    child=who,
                    age=str(age),
                    state=f"未满{consent_age}周岁, 无须征得本人同意",
                    state_en=f"under {consent_age}: the child's consent is not required",
                )
            )
        elif child.consents is None:
            tally.add(
                R_CONSENT.reason(
                    None,
                    (consent_used,),
                    child=who,
                    age=str(age),
                    **_unknown("本人是否同意", "consent"),
                ),
                [f"{path}.consents"],
            )
        else:
            tally.add(
                R_CONSENT.reason(
                    child.consents,
                    (consent_used,),
                    child=who,
                    age=str(age),
                    state="本人同意" if child.consents else "本人不同意",
                    state_en="the child consents" if child.consents else "the child refuses",
                )
            )


def _situation_reason(tally: Tally, child: Child, path: str) -> None:
    who = child.person.label
    situation = child.situation
    if situation is None:
        tally.add(
            R_SITUATION.reason(
                None,
                child=who,
                situation="可被收养的情形",
                situation_en="the ground of adoption",
                result="尚未确定",
                result_en=" not established",
            ),
            [f"{path}.situation"],
        )
        return
    if situation is not ChildSituation.PARENTS_ABLE:
        tally.add(
            R_SITUATION.reason(
                True,
                child=who,
                situation=situation.zh,
                situation_en=situation.en,
                result=", 可以被收养",
                result_en=": may be adopted",
            )
        )
        return
    relation = child.relation
    if relation is None:
        tally.add(
            R_SITUATION.reason(
                None,
                child=who,
                situation=situation.zh,
                situation_en=situation.en,
                result=", 是否为三代以内旁系同辈血亲的子女或者继子女尚未确定",
                result_en=": whether a collateral relative's child or a stepchild is not "
                "established",
            ),
            [f"{path}.relation"],
        )
        return
    exempt = relation is not Relation.UNRELATED
    tally.add(
        R_SITUATION.reason(
            exempt,
            child=who,
            situation=situation.zh,
            situation_en=situation.en,
            result=f", 系{relation.zh}, 不受第一千零九十三条第三项的限制"
            if exempt
            else ", 不属于可以被收养的未成年人",
            result_en=f", but {relation.en}: art. 1093 (3) does not apply"
            if exempt
            else ": not a minor who may be adopted",
        )
    )


_PLACERS: dict[ChildSituation, frozenset[PlacerKind]] = {
    ChildSituation.ORPHAN: frozenset({PlacerKind.GUARDIAN, PlacerKind.WELFARE_INSTITUTION}),
    ChildSituation.PARENTS_NOT_FOUND: frozenset(
        {PlacerKind.GUARDIAN, PlacerKind.WELFARE_INSTITUTION}
    ),
    ChildSituation.PARENTS_UNABLE: frozenset({PlacerKind.BIRTH_PARENTS}),
    ChildSituation.PARENTS_INCAPABLE: frozenset({PlacerKind.GUARDIAN}),
    ChildSituation.PARENTS_ABLE: frozenset({PlacerKind.BIRTH_PARENTS}),
}


def _placer_reasons(tally: Tally, application: AdoptionApplication) -> None:
    """Arts. 1094–1097 (1099 ¶1, 1103: a relative's child or stepchild placed by its parents)."""
    placer = application.placer
    names = {"placer": placer.kind.zh, "placer_en": placer.kind.en}
    situations = {c.situation for c in application.children}
    if None in situations:
        paths = [
            f"$.children[{i}].situation"
            for i, c in enumerate(application.children)
            if c.situation is None
        ]
        tally.add(
            R_PLACER.reason(
                None,
                (),
                **names,
                result="被收养人的情形尚未确定",
                result_en="the child's ground is not established",
            ),
            paths,
        )
    else:
        wrong = [s for s in situations if s is not None and placer.kind not in _PLACERS[s]]
        tally.add(
            R_PLACER.reason(
                not wrong,
                (),
                **names,
                result="可以作送养人" if not wrong else f"不能送养{'、'.join(s.zh for s in wrong)}",
                result_en="may place the child"
                if not wrong
                else f"may not place {', '.join(s.en for s in wrong)}",
            )
        )
    if placer.kind is PlacerKind.GUARDIAN and ChildSituation.ORPHAN in situations:
        consent = placer.support_duty_consent
        if consent is None:
            tally.add(
                R_SUPPORT_DUTY.reason(None, (), **_unknown("是否同意", "consent")),
                ["$.placer.support_duty_consent"],
            )
        else:
            tally.add(
                R_SUPPORT_DUTY.reason(
                    consent is not SupportDutyConsent.REFUSED, state=consent.zh, state_en=consent.en
                )
            )
    if placer.kind is PlacerKind.BIRTH_PARENTS:
        placing = placer.birth_parents
        if placing is None:
            tally.add(
                R_JOINT_PLACING.reason(
                    None, (), **_unknown("双方共同送养或单方送养", "how they place")
                ),
                ["$.placer.birth_parents"],
            )
        else:
            tally.add(
                R_JOINT_PLACING.reason(
                    placing is not BirthParentsPlacing.ONE_ONLY,
                    state=placing.zh,
                    state_en=placing.en,
                )
            )


def _adopter_reasons(
    tally: Tally, application: AdoptionApplication, on: dt.date, rules: _Rules
) -> None:
    """Art. 1098 (二)–(五) for each adopter, and (一) unless waived."""
    min_age, age_used = rules.min_age
    conditions = (
        (
            "able_to_raise",
            True,
            "有抚养、教育和保护被收养人的能力",
            "able to raise, educate and protect the child",
        ),
        (
            "disqualifying_illness",
            False,
            "未患有在医学上认为不应当收养子女的疾病",
            "no illness that medically bars adopting",
        ),
        (
            "disqualifying_record",
            False,
            "无不利于被收养人健康成长的违法犯罪记录",
            "no record of offences harmful to the child",
        ),
    )
    step, step_paths = _stepchildren(application)
    for index, adopter in enumerate(application.adopters):
        path = f"$.adopters[{index}]"
        who = adopter.person.label
        if step is True:  # art. 1103: "不受…第一千零九十八条…规定的限制"
            tally.add(R_STEPCHILD_WAIVER.reason(None, (), adopter=who))
            continue
        # a condition that fails is waived if every child turns out to be a stepchild
        unless = (None, step_paths) if step is None else (False, [])
        age = adopter.person.age_on(on)
        old_enough = age >= min_age
        tally.add(
            R_ADOPTER_AGE.reason(
                True if old_enough else unless[0],
                (age_used,),
                adopter=who,
                age=str(age),
                result=f"{'已' if old_enough else '未'}满{min_age}周岁",
                result_en=f"{'at least' if old_enough else 'under'} {min_age}",
            ),
            [] if old_enough else unless[1],
        )
        for field, good, zh, en in conditions:
            value = getattr(adopter, field)
            if value is None:
                tally.add(
                    R_ADOPTER_ABILITY.reason(
                        None,
                        (),
                        adopter=who,
                        condition=zh,
                        condition_en=en,
                        state="尚未确定",
                        state_en="not established",
                    ),
                    [f"{path}.{field}"],
                )
            else:
                met = value is good
                tally.add(
                    R_ADOPTER_ABILITY.reason(
                        True if met else unless[0],
                        adopter=who,
                        condition=zh,
                        condition_en=en,
                        state="符合" if met else "不符合",
                        state_en="met" if met else "not met",
                    ),
                    [] if met else unless[1],
                )
        _children_condition(tally, application, index)


def _waived_1098_1(child: Child, adopter: Adopter, placer: Placer) -> bool | None:
    """Whether art. 1098 (一) is waived: arts. 1100 ¶2 and 1103, or art. 1099 ¶2 (华侨)."""
    exempt = _exempt_from_count(child, placer)
    collateral = child.relation is Relation.COLLATERAL_RELATIVE
    if exempt is True or (collateral and adopter.overseas_chinese is True):
        return True
    ruled_out = child.relation is Relation.UNRELATED or (
        collateral and adopter.overseas_chinese is False
    )
    if exempt is False and ruled_out:
        return False
    return None


def _waiver_paths(child: Child, index: int, adopter: Adopter, adopter_path: str) -> list[str]:
    """Return the facts not established that could waive art. 1098 (一) for this child."""
    paths = _exemption_paths(child, index)
    could_be_collateral = child.relation in {None, Relation.COLLATERAL_RELATIVE}
    if could_be_collateral and adopter.overseas_chinese is None:
        paths.append(f"{adopter_path}.overseas_chinese")
    return paths


def _children_condition(tally: Tally, application: AdoptionApplication, index: int) -> None:
    adopter = application.adopters[index]
    path = f"$.adopters[{index}]"
    who = adopter.person.label
    waivers = [_waived_1098_1(c, adopter, application.placer) for c in application.children]
    children = adopter.children
    if all(w is True for w in waivers):
        tally.add(
            R_ADOPTER_CHILDREN.reason(
                None,
                adopter=who,
                state="所收养子女不受无子女或者只有一名子女的限制",
                state_en="the children adopted are free of the condition of no or one child",
            )
        )
        return
    if children is not None and children <= 1:
        tally.add(
            R_ADOPTER_CHILDREN.reason(
                True,
                adopter=who,
                state=f"有子女 {children} 名, 无子女或者只有一名子女",
                state_en=f"has {children} {'child' if children == 1 else 'children'}: "
                "no child or one child",
            )
        )
        return
    if children is not None and False in waivers:
        tally.add(
            R_ADOPTER_CHILDREN.reason(
                False,
                adopter=who,
                state=f"有子女 {children} 名, 超过一名",
                state_en=f"has {children} children, more than one",
            )
        )
        return
    missing = [] if children is not None else [f"{path}.children"]
    if children is not None:  # more than one child, and whether a waiver applies is unknown
        for i, (child, waived) in enumerate(zip(application.children, waivers, strict=True)):
            if waived is None:
                missing += _waiver_paths(child, i, adopter, path)
    tally.add(
        R_ADOPTER_CHILDREN.reason(
            None, (), adopter=who, **_unknown("子女情况", "the adopter's children")
        ),
        missing,
    )


def _count_reason(tally: Tally, application: AdoptionApplication, rules: _Rules) -> None:
    """Art. 1100: the children counted against the adopters' allowance."""
    exemptions = [_exempt_from_count(c, application.placer) for c in application.children]
    low = sum(1 for e in exemptions if e is False)
    high = sum(1 for e in exemptions if e is not True)
    known = [a.children for a in application.adopters if a.children is not None]
    unknown = [
        f"$.adopters[{i}].children"
        for i, a in enumerate(application.adopters)
        if a.children is None
    ]
    used = {rules.childless[1], rules.with_child[1]}
    # art. 1100 ¶1 alone: more than one child fails art. 1098 (一), checked in its own reason
    # (and waived for an overseas Chinese adopting a relative's child, art. 1099 ¶2, which
    # leaves art. 1100 in force); an adopter whose children are unknown may adopt one or two
    allowances = [_allowance_of(c, rules)[0] for c in known]
    best = min([*allowances, *([rules.childless[0]] if unknown else [])])
    worst = min([*allowances, *([rules.with_child[0]] if unknown else [])])
    allowed = f"{best} 名" if best == worst else f"{worst} 至 {best} 名"
    allowed_en = str(best) if best == worst else f"{worst} to {best}"
    if high == 0:
        met: bool | None = True
    elif low > best:
        met = False
    elif high <= worst:
        met = True
    else:
        met = None
    missing: list[str] = []
    if met is None:
        missing = list(unknown)
        for i, (child, exempt) in enumerate(zip(application.children, exemptions, strict=True)):
            if exempt is None:
                missing += _exemption_paths(child, i)
    tally.add(
        R_COUNT.reason(
            met,
            sorted(used, key=lambda p: p.name),
            counted=str(low) if low == high else f"{low}–{high}",
            allowed=allowed,
            allowed_en=allowed_en,
            **(
                _result(met)
                if met is not None
                else {"result": "尚不能确定", "result_en": "not yet known"}
            ),
        ),
        missing,
    )


def _couple_reasons(tally: Tally, application: AdoptionApplication, rules: _Rules) -> None:
    """Art. 1101 (spouses jointly) and art. 1102 (the 40-year gap for a single adopter)."""
    if len(application.adopters) == 2:
        # Only spouses adopt together (art. 1101; 登记办法 2023 art. 5 ¶2 "夫妻共同收养子女的"):
        # two adopters of whom one has no spouse are not a couple.  That two married adopters
        # are married to each other is the application's premise (AdoptionApplication).
        spouses = [a.has_spouse for a in application.adopters]
        if False in spouses:
            single = [a.person.label for a in application.adopters if a.has_spouse is False]
            tally.add(
                R_JOINT_ADOPTION.reason(
                    False,
                    state=f"两名收养人共同收养, 但{'、'.join(single)}无配偶: 只有夫妻可以共同收养",
                    state_en=f"two adopters adopt together, but {' and '.join(single)} "
                    "has no spouse: only spouses adopt jointly",
                )
            )
        elif None in spouses:
            tally.add(
                R_JOINT_ADOPTION.reason(
                    None,
                    (),
                    **_unknown("两名收养人是否为夫妻", "whether the two adopters are spouses"),
                ),
                [f"$.adopters[{i}].has_spouse" for i, known in enumerate(spouses) if known is None],
            )
        else:
            tally.add(
                R_JOINT_ADOPTION.reason(
                    True, state="夫妻共同收养", state_en="the spouses adopt jointly"
                )
            )
        return
    adopter = application.adopters[0]
    if adopter.has_spouse is None:
        tally.add(
            R_JOINT_ADOPTION.reason(
                None, (), **_unknown("收养人是否有配偶", "whether the adopter has a spouse")
            ),
            ["$.adopters[0].has_spouse"],
        )
        return
    step, step_paths = _stepchildren(application)
    if adopter.has_spouse and step is not False:
        # art. 1103: the step-parent's spouse is the child's parent, and places the child
        tally.add(
            R_STEPPARENT_ALONE.reason(step, adopter=adopter.person.label),
            step_paths,
        )
        return
    tally.add(
        R_JOINT_ADOPTION.reason(
            not adopter.has_spouse,
            state="有配偶者单方收养, 应当夫妻共同收养" if adopter.has_spouse else "收养人无配偶",
            state_en="a married adopter adopts alone: spouses adopt jointly"
            if adopter.has_spouse
            else "the adopter has no spouse",
        )
    )
    if adopter.has_spouse:
        return
    gap, gap_used = rules.gap
    for index, child in enumerate(application.children):
        if child.person.sex is adopter.person.sex:
            continue
        names = {"adopter": adopter.person.label, "child": child.person.label}
        if child.relation is Relation.COLLATERAL_RELATIVE:
            tally.add(R_AGE_GAP_WAIVED.reason(None, (), **names))
            continue
        born_apart = _years_apart(adopter.person, child.person)
        met = born_apart >= gap
        settled = met or child.relation is not None  # only art. 1099 ¶1 waives art. 1102
        reason = R_AGE_GAP.reason(
            met if settled else None,
            (gap_used,),
            gap=str(born_apart),
            **names,
            **_result(met),
        )
        tally.add(reason, [] if settled else [f"$.children[{index}].relation"])


def _stepchildren(application: AdoptionApplication) -> tuple[bool | None, list[str]]:
    """Whether every child is the adopter's stepchild (art. 1103), and the unknown paths."""
    relations = [c.relation for c in application.children]
    if all(r is Relation.STEPCHILD for r in relations):
        return True, []
    if any(r is not None and r is not Relation.STEPCHILD for r in relations):
        return False, []
    paths = [f"$.children[{i}].relation" for i, r in enumerate(relations) if r is None]
    return None, paths


def _years_apart(older: Person, younger: Person) -> int:
    """Full years from the adopter's birth to the child's (negative when the child is older)."""
    if younger.birth_date >= older.birth_date:
        return older.age_on(younger.birth_date)
    return -younger.age_on(older.birth_date)


def _office_reason(tally: Tally, application: AdoptionApplication) -> None:
    """登记办法 2023 arts. 2 and 4: the county department of the place the child's case names."""
    placer = application.placer
    office = application.office
    shown = jurisdictions.label(office)
    foundling_outside = placer.kind is PlacerKind.GUARDIAN and any(
        c.situation is ChildSituation.PARENTS_NOT_FOUND for c in application.children
    )
    if foundling_outside:
        found = [
            (i, c.found_in)
            for i, c in enumerate(application.children)
            if c.situation is ChildSituation.PARENTS_NOT_FOUND
        ]
        places = [(f"$.children[{i}].found_in", p) for i, p in found]
        basis = ("弃婴和儿童发现地", "where the foundling was found")
    elif placer.kind is PlacerKind.WELFARE_INSTITUTION:
        places = [("$.placer.location", placer.location)]
        basis = ("社会福利机构所在地", "the welfare institution's place")
    else:
        places = [("$.placer.location", placer.location)]
        basis = (
            "被收养人生父母或者监护人常住户口所在地(组织作监护人的, 该组织所在地)",
            "the registered residence of the birth parents or guardian (an organisation's place)",
        )
    texts = {"office": shown, "basis": basis[0], "basis_en": basis[1]}
    unknown = [path for path, place in places if place is None]
    if unknown:
        tally.add(
            R_OFFICE.reason(
                None,
                (),
                place="(尚未确定)",
                result="尚不能确定",
                result_en="not yet known",
                **texts,
            ),
            unknown,
        )
        return
    known = [place for _, place in places if place is not None]
    county = _county_of(office)
    met = county and all(jurisdictions.is_within(place, office) for place in known)
    tally.add(
        R_OFFICE.reason(
            bool(met),
            (),
            place="、".join(jurisdictions.label(p) for p in dict.fromkeys(known)),
            result="符合" if met else ("不是县级民政部门" if not county else "不在该登记机关辖区"),
            result_en="met"
            if met
            else ("not a county-level department" if not county else "outside its area"),
            **texts,
        )
    )


def _county_of(code: str) -> bool:
    """Whether ``code`` is county level (or a prefecture-level city without counties)."""
    try:
        jurisdictions.require_county(code, path="$.office", why="a county department registers")
    except InvalidInputError:
        return False
    return True


def _announcement_reasons(
    tally: Tally, application: AdoptionApplication, on: dt.date, rules: _Rules
) -> None:
    """Art. 1105 ¶2 and 登记办法 2023 art. 8 ¶2 for each child whose parents cannot be found.

    The last day is counted by :func:`announcement_last_day` (arts. 201, 203).  Without a
    rest-day calendar (:attr:`AdoptionApplication.rest_days` ``None``) a day after the
    nominal last day cannot be placed: "cannot decide", naming ``$.rest_days``.
    """
    days, days_used = rules.announcement
    calendar = application.rest_days
    for index, child in enumerate(application.children):
        if child.situation is not ChildSituation.PARENTS_NOT_FOUND:
            continue
        path = f"$.children[{index}]"
        who = child.person.label
        if child.announced_on is None:
            tally.add(
                R_ANNOUNCEMENT.reason(
                    None,
                    (days_used,),
                    child=who,
                    **_unknown("查找生父母的公告日期", "the announcement date"),
                ),
                [f"{path}.announced_on"],
            )
            continue
        announced = child.announced_on.isoformat()
        try:
            nominal = announcement_last_day(child.announced_on, days)
            last = (
                nominal
                if calendar is None
                else announcement_last_day(child.announced_on, days, calendar)
            )
        except OverflowError:  # the period would end after 9999-12-31, the calendar's last day
            raise InvalidInputError(
                f"{path}.announced_on",
                announced,
                f"a date whose announcement period of {days} days ends by 9999-12-31",
            ) from None
        moved = ("(因法定休假日顺延)", " (moved off rest days)") if last != nominal else ("", "")
        if on <= last:
            tally.add(
                R_ANNOUNCEMENT.reason(
                    False,
                    (days_used,),
                    child=who,
                    state=f"公告于 {announced}, "
                    f"公告期至 {last.isoformat()}{moved[0]} 届满, 登记前应当公告期满",
                    state_en=f"announced on {announced}, the period runs "
                    f"through {last.isoformat()}{moved[1]}: it must end before registration",
                )
            )
            continue
        if child.claimed is True:
            tally.add(
                R_ANNOUNCEMENT.reason(
                    False,
                    (days_used,),
                    child=who,
                    state=f"公告于 {announced}, 生父母或者其他监护人已认领",
                    state_en=f"announced on {announced}; a parent or guardian claimed the child",
                )
            )
            continue
        if calendar is None:
            tally.add(
                R_ANNOUNCEMENT.reason(
                    None,
                    (days_used,),
                    child=who,
                    state=f"公告于 {announced}, 名义末日 {nominal.isoformat()}; "
                    "末日是否因法定休假日顺延未知, 需要法定休假日历",
                    state_en=f"announced on {announced}, nominal last day "
                    f"{nominal.isoformat()}; whether rest days moved it is unknown without "
                    "the statutory rest-day calendar",
                ),
                ["$.rest_days", *([f"{path}.claimed"] if child.claimed is None else [])],
            )
            continue
        if child.claimed is None:
            tally.add(
                R_ANNOUNCEMENT.reason(
                    None,
                    (days_used,),
                    child=who,
                    **_unknown("公告期内是否有人认领", "whether anyone claimed the child"),
                ),
                [f"{path}.claimed"],
            )
            continue
        tally.add(
            R_ANNOUNCEMENT.reason(
                True,
                (days_used,),
                child=who,
                state=f"公告期至 {last.isoformat()}{moved[0]} 届满, 无人认领, 视为查找不到生父母",
                state_en=f"the period ended with {last.isoformat()}{moved[1]}; nobody claimed "
                "the child, whose parents are deemed not to be found",
            )
        )


def required_documents(
    application: AdoptionApplication, on: dt.date
) -> tuple[frozenset[AdoptionDocument], tuple[str, ...]]:
    """Return the documents the registration measures in force on ``on`` require.

    The second element lists the paths of facts that decide whether a document is
    required but are not established (a child's situation, disability or relation).  A
    step-parent "可以只提交居民户口簿、居民身份证和收养人与被收养人生父或者生母结婚的证明"
    (2023 art. 6 ¶3; 2019 art. 5 ¶3), with the application.  The 2019 text
    (until 2023-07-19) adds a family-planning agreement for birth parents and a 无子女
    certificate for adopting a foundling outside an institution (2019 arts. 5, 6; 2023
    arts. 6, 7).  Both are encoded as the texts read: the 2019 text still asked for a
    无子女 certificate where the Civil Code (from 2021-01-01) lets an adopter with one child
    adopt, and how offices met that between 2021-01-01 and 2023-07-19 was not read.

    .. versionadded:: 0.1.0
    """
    d = AdoptionDocument
    old = on < MEASURES_2023_IN_FORCE
    placer = application.placer
    step, step_paths = _stepchildren(application)
    needed = {d.APPLICATION, d.ADOPTER_ID, d.PLACER_ID}
    if step is True:
        needed.add(d.MARRIAGE_CERTIFICATE)
    else:
        needed |= {d.ADOPTER_STATUS, d.CHILDREN_STATEMENT, d.HEALTH_CERTIFICATE}
    unknown: list[str] = list(step_paths)
    for index, child in enumerate(application.children):
        if child.situation is None:
            unknown.append(f"$.children[{index}].situation")
        if child.disabled is None:
            unknown.append(f"$.children[{index}].disabled")
        needed |= _child_documents(child, placer, old=old)
    if placer.kind is PlacerKind.GUARDIAN:
        needed.add(d.GUARDIANSHIP_PROOF)
        if placer.support_duty_consent is SupportDutyConsent.GIVEN:
            needed.add(d.SUPPORT_DUTY_CONSENT)
    if placer.kind is PlacerKind.BIRTH_PARENTS:
        if old:
            needed.add(d.FAMILY_PLANNING_AGREEMENT)
        if placer.birth_parents in {
            BirthParentsPlacing.SURVIVOR,
            BirthParentsPlacing.OTHER_UNKNOWN,
        }:
            needed.add(d.SPOUSE_DEATH_OR_MISSING_PROOF)
    return frozenset(needed), tuple(dict.fromkeys(unknown))


def _child_documents(child: Child, placer: Placer, *, old: bool) -> set[AdoptionDocument]:
    """Return the documents one child's case adds (2023 arts. 6 ¶2, 7 ¶2–¶5; 2019 arts. 5 ¶2, 6)."""
    d = AdoptionDocument
    situation = child.situation
    by_institution = placer.kind is PlacerKind.WELFARE_INSTITUTION
    needed: set[AdoptionDocument] = set()
    if child.disabled:
        needed.add(d.DISABILITY_CERTIFICATE)
    if situation is ChildSituation.PARENTS_NOT_FOUND:
        needed |= {d.BIRTH_STATUS_CERTIFICATE, d.FOUNDLING_POLICE_REPORT}
        if by_institution:
            needed.add(d.INSTITUTION_RECORD)
        elif old:
            needed.add(d.NO_CHILDREN_CERTIFICATE)
    elif situation is ChildSituation.ORPHAN:
        needed.add(d.PARENTS_DEATH_CERTIFICATE)
        if by_institution:
            needed.add(d.INSTITUTION_RECORD)
    elif situation is ChildSituation.PARENTS_INCAPABLE:
        needed.add(d.PARENTS_INCAPACITY_PROOF)
    if placer.kind is PlacerKind.BIRTH_PARENTS:
        if situation is ChildSituation.PARENTS_UNABLE:
            needed.add(d.DIFFICULTY_STATEMENT)
        if child.relation is Relation.COLLATERAL_RELATIVE:
            needed.add(d.KINSHIP_PROOF)
    return needed


def _documents_reason(tally: Tally, application: AdoptionApplication, on: dt.date) -> None:
    code = R_DOCUMENTS_2019 if on < MEASURES_2023_IN_FORCE else R_DOCUMENTS_2023
    needed, unknown = required_documents(application, on)
    lacking = sorted(
        needed - application.documents, key=lambda doc: list(AdoptionDocument).index(doc)
    )
    if lacking:
        tally.add(
            code.reason(
                None,
                required=str(len(needed)),
                state="未提交: " + "；".join(doc.zh for doc in lacking),
                state_en="not submitted: " + "; ".join(doc.en for doc in lacking),
            ),
            ["$.documents"],
        )
    elif unknown:
        tally.add(
            code.reason(
                None,
                required=str(len(needed)),
                state="所需材料取决于尚未确定的事实",
                state_en="what is required turns on facts not established",
            ),
            unknown,
        )
    else:
        tally.add(
            code.reason(
                True,
                required=str(len(needed)),
                state="均已提交",
                state_en="all were submitted",
            )
        )


def assess_application(
    application: AdoptionApplication,
    on: dt.date,
    *,
    jurisdiction: str | None = None,
    book: ParameterBook | None = None,
) -> Decision:
    """Decide whether the adoption of ``application`` may be registered on ``on``.

    ``on`` is the day of registration, from which the adoption takes effect (art. 1105).
    ``jurisdiction`` is where the parameters are read (default: the office's county).
    Raises :class:`~civaffairs.errors.InvalidInputError` for a date before 2021-01-01 or a
    birth date after ``on``.

    .. versionadded:: 0.1.0
    """
    _check_dates(application, on)
    where = jurisdiction or application.office
    rules = _Rules.read(book or default_book(), where, on)
    tally = Tally()
    _child_reasons(tally, application, on, rules)
    _placer_reasons(tally, application)
    _adopter_reasons(tally, application, on, rules)
    _count_reason(tally, application, rules)
    _couple_reasons(tally, application, rules)
    _office_reason(tally, application)
    _announcement_reasons(tally, application, on, rules)
    _documents_reason(tally, application, on)
    outcome = tally.outcome
    if outcome is Outcome.ELIGIBLE:
        tally.add(R_EFFECTIVE.reason(None, date=on.isoformat()))
    elif outcome is Outcome.CANNOT_DECIDE:
        tally.add(R_MISSING.reason(None, paths=", ".join(tally.missing)))
    subject = " + ".join(a.person.label for a in application.adopters)
    draft = Draft(PROGRAMME.code, subject, on, application.office, tally.reasons)
    return draft.decide(outcome, missing=tally.missing if outcome is Outcome.CANNOT_DECIDE else ())
