"""No able supporter (无法定义务人或法定义务人无履行义务能力): 特困人员认定办法 arts. 4 (三) and 8.

Art. 4 (三): "无法定赡养、抚养、扶养义务人或者其法定义务人无履行义务能力".  Art. 8: "法定义务人
符合下列情形之一的，应当认定为本办法所称的无履行义务能力：（一）特困人员；（二）60周岁以上的
最低生活保障对象；（三）70周岁以上的老年人，本人收入低于当地上年人均可支配收入，且其财产符合当地
低收入家庭财产状况规定的；（四）重度残疾人和残疾等级为三级的智力、精神残疾人，本人收入低于当地上年
人均可支配收入，且其财产符合当地低收入家庭财产状况规定的；（五）无民事行为能力、被宣告失踪或者在
监狱服刑的人员，且其财产符合当地低收入家庭财产状况规定的；（六）省、自治区、直辖市人民政府规定的
其他情形。"

Each head is a three-valued finding (:class:`_Verdict`): a supporter is unable when any
head holds, able when every head fails, and undecided otherwise, naming the facts that
would decide.  The income part of heads (三) and (四) is the shared test
:func:`civaffairs.assistance.means.disposable_income_test` (the supporter alone: own
monthly income × 12 against last year's local per-capita disposable income, exactly);
head (六) holds only where the province has set a ground (a flag parameter, national
default: none).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from civaffairs.assistance import means
from civaffairs.assistance._tally import Tally
from civaffairs.assistance.extreme_poverty._shared import ART_4, Place, yuan_text
from civaffairs.assistance.extreme_poverty.facts import (
    ExtremePovertyFacts,
    Supporter,
    SupporterSituation,
)
from civaffairs.assistance.laws import EXTREME_POVERTY_MEASURES
from civaffairs.dates import age_in_full_years
from civaffairs.decisions import Citation, ReasonCode
from civaffairs.entities import (
    INTELLECTUAL_OR_MENTAL,
    Disability,
    Household,
    RegistrationKind,
    SpecialStatus,
    severe_disability,
)
from civaffairs.errors import InvalidInputError
from civaffairs.kernels import SCALAR, Ops
from civaffairs.money import yuan_to_fen
from civaffairs.parameters import ParameterValue

__all__ = [
    "all_of",
    "any_of",
    "dibao_head",
    "elderly_head",
    "income_below",
    "severe_head",
    "supporters",
]

_SUPPORTER_DIBAO_AGE = 60  # art. 8 (二): 60周岁以上的最低生活保障对象
_SUPPORTER_ELDERLY_AGE = 70  # art. 8 (三): 70周岁以上的老年人
#: Head (五): situations that make a supporter unable when their property is within the rules.
_NEEDS_PROPERTY = (
    SupporterSituation.NO_CIVIL_CAPACITY,
    SupporterSituation.DECLARED_MISSING,
    SupporterSituation.IN_PRISON,
)

_ART_8 = Citation(EXTREME_POVERTY_MEASURES, "第八条")


# -- rule bodies (civaffairs.kernels style: one body for one supporter and for a column) ------
#
# A three-valued finding is a pair ``(holds, unknown)`` of booleans (or boolean columns):
# it fails where neither is set.


def dibao_head(age: Any) -> Any:
    """Art. 8 (二) "60周岁以上的最低生活保障对象": the age part, for a dibao recipient.

    .. versionadded:: 0.1.0
    """
    return age >= _SUPPORTER_DIBAO_AGE


def elderly_head(age: Any) -> Any:
    """Art. 8 (三) "70周岁以上的老年人": the age part.

    .. versionadded:: 0.1.0
    """
    return age >= _SUPPORTER_ELDERLY_AGE


def severe_head(grade: Any, intellectual_or_mental: Any) -> Any:
    """Art. 8 (四) "重度残疾人和残疾等级为三级的智力、精神残疾人" (grade 1–2, or grade 3 of those).

    The same test as :func:`civaffairs.entities.severe_disability`.

    .. versionadded:: 0.1.0
    """
    return severe_disability(grade, intellectual_or_mental)


def income_below(monthly: Any, figure: Any) -> Any:
    """Art. 8 (三), (四) "本人收入低于当地上年人均可支配收入": monthly × 12 strictly below, in fen.

    The supporter alone (one person) of
    :func:`civaffairs.assistance.means.disposable_income_test`, exactly.

    .. versionadded:: 0.1.0
    """
    return monthly * 12 < figure


def all_of(ops: Ops, parts: Sequence[tuple[Any, Any]]) -> tuple[Any, Any]:
    """Three-valued "and" of ``(holds, unknown)`` parts: fails if any fails, else unknown if any is.

    .. versionadded:: 0.1.0
    """
    fails: Any = False
    unknown: Any = False
    for holds, open_ in parts:
        fails = fails | (ops.not_(holds) & ops.not_(open_))
        unknown = unknown | open_
    unknown = ops.not_(fails) & unknown
    return ops.not_(fails) & ops.not_(unknown), unknown


def any_of(ops: Ops, heads: Sequence[tuple[Any, Any]]) -> tuple[Any, Any]:
    """Three-valued "or" of ``(holds, unknown)`` heads: holds if any holds, else unknown if any is.

    .. versionadded:: 0.1.0
    """
    holds: Any = False
    unknown: Any = False
    for held, open_ in heads:
        holds = holds | held
        unknown = unknown | open_
    return holds, ops.not_(holds) & unknown


def _pair(verdict: _Verdict) -> tuple[bool, bool]:
    return verdict.holds is True, verdict.holds is None


def _three(found: tuple[Any, Any]) -> bool | None:
    holds, unknown = found
    return None if unknown else bool(holds)


R_SUPPORTERS_UNKNOWN = ReasonCode.define(
    "assistance.extreme_poverty.supporters_unknown",
    "法定赡养、抚养、扶养义务人的情况尚未确定",
    "the statutory supporters have not been established",
    ART_4,
)
R_NO_SUPPORTER = ReasonCode.define(
    "assistance.extreme_poverty.no_supporter",
    "无法定赡养、抚养、扶养义务人",
    "no statutory supporter",
    ART_4,
)
R_SUPPORTER_UNABLE = ReasonCode.define(
    "assistance.extreme_poverty.supporter_unable",
    "义务人({relationship})无履行义务能力: {why}",
    "the supporter ({relationship_en}) cannot perform the duty: {why_en}",
    _ART_8,
)
R_SUPPORTER_ABLE = ReasonCode.define(
    "assistance.extreme_poverty.supporter_able",
    "义务人({relationship})不属于无履行义务能力的情形",
    "the supporter ({relationship_en}) is not in any situation that makes a supporter unable",
    _ART_8,
)
R_SUPPORTER_UNKNOWN = ReasonCode.define(
    "assistance.extreme_poverty.supporter_unknown",
    "义务人({relationship})是否有履行义务能力无法判定,缺少: {paths}",
    "whether the supporter ({relationship_en}) can perform the duty is unknown; missing: {paths}",
    _ART_8,
)


def supporters(
    tally: Tally, household: Household, facts: ExtremePovertyFacts, *, place: Place
) -> None:
    """Add the reasons of art. 4 (三): no statutory supporter, or none able (art. 8).

    .. versionadded:: 0.1.0
    """
    if facts.supporters is None:
        tally.add(R_SUPPORTERS_UNKNOWN.reason(None), ["$.facts.supporters"])
        return
    if not facts.supporters:
        tally.add(R_NO_SUPPORTER.reason(True))
        return
    for index, supporter in enumerate(facts.supporters):
        verdict = _supporter_unable(household, supporter, index, place)
        relationship = supporter.relationship
        labels = {"relationship": relationship.zh, "relationship_en": relationship.en}
        if verdict.holds is True:
            tally.add(
                R_SUPPORTER_UNABLE.reason(
                    True,
                    verdict.used,
                    why="; ".join(zh for zh, _ in verdict.texts),
                    why_en="; ".join(en for _, en in verdict.texts),
                    **labels,
                )
            )
        elif verdict.holds is False:
            tally.add(R_SUPPORTER_ABLE.reason(False, verdict.used, **labels))
        else:
            tally.add(
                R_SUPPORTER_UNKNOWN.reason(
                    None, verdict.used, paths=", ".join(verdict.missing), **labels
                ),
                verdict.missing,
            )


@attrs.frozen
class _Verdict:
    """A three-valued finding with what it rests on: texts, missing paths, parameters read."""

    holds: bool | None
    texts: tuple[tuple[str, str], ...] = ()
    missing: tuple[str, ...] = ()
    used: tuple[ParameterValue, ...] = ()


def _unique(values: Iterable[ParameterValue]) -> tuple[ParameterValue, ...]:
    """Return the parameter values once each, in first-use order (heads share some)."""
    return tuple(dict.fromkeys(values))


def _all_of(text: tuple[str, str], *parts: _Verdict) -> _Verdict:
    """Conjunction: fails if any part fails, else unknown if any is, else holds."""
    used = _unique(p for part in parts for p in part.used)
    holds = _three(all_of(SCALAR, [_pair(part) for part in parts]))
    if holds is False:
        return _Verdict(False, used=used)
    missing = tuple(path for part in parts if part.holds is None for path in part.missing)
    if holds is None:
        return _Verdict(None, missing=missing, used=used)
    zh = text[0] + "".join(f",{t[0]}" for part in parts for t in part.texts)
    en = text[1] + "".join(f", {t[1]}" for part in parts for t in part.texts)
    return _Verdict(True, ((zh, en),), used=used)


def _any_of(heads: Iterable[_Verdict]) -> _Verdict:
    """Disjunction: holds if any head holds, else unknown if any is, else fails."""
    heads = tuple(heads)
    holds = _three(any_of(SCALAR, [_pair(head) for head in heads]))
    if holds is True:
        held = [h for h in heads if h.holds is True]
        return _Verdict(
            True,
            tuple(t for h in held for t in h.texts),
            used=_unique(p for h in held for p in h.used),
        )
    used = _unique(p for h in heads for p in h.used)
    if holds is None:
        missing = sorted({path for h in heads if h.holds is None for path in h.missing})
        return _Verdict(None, missing=tuple(missing), used=used)
    return _Verdict(False, used=used)


@attrs.frozen
class _SupporterFacts:
    """One supporter's facts, read from the household member where there is one."""

    situations: frozenset[SupporterSituation]  # those known to hold
    situations_known: bool  # whether every situation is established (else only those above)
    birth: dt.date | None
    disability: Disability | None
    disability_known: bool
    kind: RegistrationKind | None
    path: str


def _supporter_facts(household: Household, supporter: Supporter, path: str) -> _SupporterFacts:
    """Return a supporter's facts, read from the member if any (``path`` names the supporter)."""
    if supporter.member is None:
        return _SupporterFacts(
            supporter.situations or frozenset(),
            supporter.situations is not None,
            supporter.birth_date,
            supporter.disability,
            supporter.disabled is False or supporter.disability is not None,
            supporter.registration_kind,
            path,
        )
    try:
        member = household.member(supporter.member).person
    except InvalidInputError:
        raise InvalidInputError(
            f"{path}.member", supporter.member, "the id of a member of the household"
        ) from None
    situations = set(supporter.situations or ())
    for status, situation in (
        (SpecialStatus.SERVING_SENTENCE, SupporterSituation.IN_PRISON),
        (SpecialStatus.DECLARED_MISSING, SupporterSituation.DECLARED_MISSING),
    ):
        if status in member.statuses:
            situations.add(situation)
    return _SupporterFacts(
        frozenset(situations),
        supporter.situations is not None,
        member.birth_date,
        member.disability,
        True,
        member.registration.kind,
        path,
    )


def _severe_or_grade_3(disability: Disability | None) -> bool:
    """Art. 8 (四): 重度残疾人 (grade 1–2) and grade-3 intellectual or mental disability."""
    if disability is None:
        return False
    return bool(severe_head(disability.grade, disability.category in INTELLECTUAL_OR_MENTAL))


def _property_within(supporter: Supporter, path: str) -> _Verdict:
    """财产符合当地低收入家庭财产状况规定 (art. 8 (三)–(五)), a fact of the supporter."""
    within = supporter.property_within_rules
    if within is None:
        return _Verdict(None, missing=(f"{path}.property_within_rules",))
    return _Verdict(within, (("财产符合当地低收入家庭财产状况规定", "property within the rules"),))


def _income_below(supporter: Supporter, facts: _SupporterFacts, place: Place) -> _Verdict:
    """本人收入低于当地上年人均可支配收入 (art. 8 (三), (四)): the shared test, for one person."""
    missing = []
    if supporter.monthly_income is None:
        missing.append(f"{facts.path}.monthly_income")
    if facts.kind is None:
        missing.append(f"{facts.path}.registration_kind")
    if supporter.monthly_income is None or facts.kind is None:
        return _Verdict(None, missing=tuple(missing))
    test = means.disposable_income_test(
        supporter.monthly_income, 1, facts.kind, book=place.book, where=place.where, on=place.on
    )
    below = bool(income_below(yuan_to_fen(supporter.monthly_income), yuan_to_fen(test.per_capita)))
    relation = ("低于", "below") if below else ("不低于", "not below")
    annual, monthly, figure = (
        yuan_text(test.annual),
        yuan_text(test.monthly),
        yuan_text(test.per_capita),
    )
    zh = (
        f"本人年收入 {annual} 元(每月 {monthly} 元 × 12){relation[0]}当地上年人均可支配"
        f"收入 {figure} 元"
    )
    en = (
        f"own income {annual} yuan a year ({monthly} a month × 12) is {relation[1]} "
        f"last year's local per-capita disposable income {figure} yuan"
    )
    return _Verdict(below, ((zh, en),), used=(test.used,))


def _head_4(facts: _SupporterFacts, *parts: _Verdict) -> _Verdict:
    """Head (四) with its other parts; an unestablished disability is its own open part."""
    if facts.disability is None:  # not established (or disabled, grade not given)
        text = ("(四) 重度残疾人或三级智力、精神残疾人", "(4) severely disabled")
        part = _Verdict(None, missing=(f"{facts.path}.disability",))
        return _all_of(text, part, *parts)
    category = facts.disability.category
    grade = facts.disability.grade
    text = (f"(四) {category.zh}{grade}级", f"(4) {category.en} grade {grade}")
    return _all_of(text, *parts)


def _heads_3_4(
    supporter: Supporter, facts: _SupporterFacts, age: int | None, place: Place
) -> list[_Verdict]:
    """Heads (三) and (四): aged 70+, or severely disabled, with income and property tests."""
    elderly = None if age is None else bool(elderly_head(age))
    severe = _severe_or_grade_3(facts.disability) if facts.disability_known else None
    if elderly is False and severe is False:
        return []
    exists, exists_used = place.book.flag(
        "assistance.extreme_poverty.supporter_unable.income_heads", place.where, place.on
    )
    if not exists:
        return []
    within = _property_within(supporter, facts.path)
    tests = (within,) if within.holds is False else (_income_below(supporter, facts, place), within)
    gate = _Verdict(True, used=(exists_used,))
    heads = []
    if elderly is not False:
        age_part = (
            _Verdict(None, missing=(f"{facts.path}.birth_date",)) if age is None else _Verdict(True)
        )
        text = (f"(三) {age}周岁,为70周岁以上的老年人", f"(3) aged {age}, 70 or more")
        heads.append(_all_of(text, gate, age_part, *tests))
    if severe is not False:
        heads.append(_head_4(facts, gate, *tests))
    return heads


def _supporter_unable(
    household: Household, supporter: Supporter, index: int, place: Place
) -> _Verdict:
    """Whether one supporter is unable to perform the duty under a head of art. 8."""
    facts = _supporter_facts(household, supporter, f"$.facts.supporters[{index}]")
    if facts.birth is not None and facts.birth > place.on:
        # Named at the supporter's (or the member's) birth date, the date withheld: personal.
        path = f"{facts.path}.birth_date"
        if supporter.member is not None:
            at = [m.person.id for m in household.members].index(supporter.member)
            path = f"$.household.members[{at}].person.birth_date"
        raise InvalidInputError(
            path, "(a birth date, withheld)", f"a date on or before {place.on.isoformat()}"
        )
    age = None if facts.birth is None else age_in_full_years(facts.birth, place.on)
    heads: list[_Verdict] = []
    situations = facts.situations
    if not facts.situations_known:
        # (一) 特困人员 turns on it whatever the age; (二) and (五) may too.
        heads.append(_Verdict(None, missing=(f"{facts.path}.situations",)))
    if SupporterSituation.EXTREME_POVERTY in situations:
        heads.append(_Verdict(True, (("(一) 特困人员", "(1) a 特困 person"),)))
    if SupporterSituation.DIBAO in situations:
        if age is None:
            heads.append(_Verdict(None, missing=(f"{facts.path}.birth_date",)))
        else:
            text = (f"(二) {age}周岁的最低生活保障对象", f"(2) a dibao recipient aged {age}")
            heads.append(_Verdict(bool(dibao_head(age)), (text,)))
    heads.extend(_heads_3_4(supporter, facts, age, place))
    for situation in _NEEDS_PROPERTY:
        if situation in situations:
            text = (f"(五) {situation.zh}", f"(5) {situation.en}")
            heads.append(_all_of(text, _property_within(supporter, facts.path)))
    if SupporterSituation.PROVINCIAL_GROUND in situations:
        provincial, provincial_used = place.book.flag(
            "assistance.extreme_poverty.supporter_unable.provincial_grounds", place.where, place.on
        )
        text = ("(六) 省级人民政府规定的其他情形", "(6) a ground set by the province")
        heads.append(_Verdict(provincial, (text,), used=(provincial_used,)))
    return _any_of(heads)
