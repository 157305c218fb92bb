"""No labour capacity (无劳动能力): 特困人员认定办法 art. 5, with art. 24 for minors.

Art. 5: "符合下列情形之一的，应当认定为本办法所称的无劳动能力：（一）60周岁以上的老年人；
（二）未满16周岁的未成年人；（三）残疾等级为一、二、三级的智力、精神残疾人，残疾等级为一、二级的
肢体残疾人，残疾等级为一级的视力残疾人；（四）省、自治区、直辖市人民政府规定的其他情形。"

- (二) the recognition age is a dated parameter
  (``assistance.extreme_poverty.minor_age_limit``), raised to 18 for the period of
  the 2020 opinion 关于改革完善社会救助制度的意见, which "将特困救助供养覆盖的未成年人年龄
  从16周岁延长至18周岁";
- (三), (四): the highest listed grade is a parameter per disability category
  (``assistance.extreme_poverty.no_work_capacity.max_disability_grade.<category>``);
- art. 24 second paragraph: "特困人员中的未成年人，可继续享有救助供养待遇至18周岁；年满
  18周岁仍在接受义务教育或者在普通高中、中等职业学校就读的，可继续享有救助供养待遇" — a minor
  already supported keeps support to 18, and past it while in school.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

import attrs

from civaffairs.assistance._tally import Tally
from civaffairs.assistance.extreme_poverty._shared import ART_24, Place
from civaffairs.assistance.extreme_poverty.facts import ExtremePovertyFacts
from civaffairs.assistance.laws import EXTREME_POVERTY_MEASURES
from civaffairs.decisions import Citation, Reason, ReasonCode
from civaffairs.entities import Person, SpecialStatus
from civaffairs.kernels import SCALAR, Ops
from civaffairs.parameters import ParameterValue

__all__ = ["Capacity", "capacity_rule", "no_work_capacity"]

_ELDERLY_AGE = 60  # 认定办法 art. 5 (一): 60周岁以上的老年人

_ART_5 = Citation(EXTREME_POVERTY_MEASURES, "第五条")
_ART_5_MINOR = Citation(
    EXTREME_POVERTY_MEASURES,
    "第五条(二)",
    note="未满16周岁; 关于改革完善社会救助制度的意见 二(二)5 extends 特困 coverage of minors "
    "from 16 to 18 (the age is the parameter assistance.extreme_poverty.minor_age_limit)",
)

R_ELDERLY = ReasonCode.define(
    "assistance.extreme_poverty.no_work_capacity.elderly",
    "{age} 周岁,为60周岁以上老年人,视为无劳动能力",
    "aged {age}: 60 or older, which counts as no labour capacity",
    _ART_5,
)
R_MINOR = ReasonCode.define(
    "assistance.extreme_poverty.no_work_capacity.minor",
    "{age} 周岁,未满 {limit} 周岁的未成年人,视为无劳动能力",
    "aged {age}: a minor under {limit}, which counts as no labour capacity",
    _ART_5_MINOR,
)
R_MINOR_SUPPORTED = ReasonCode.define(
    "assistance.extreme_poverty.no_work_capacity.minor_supported",
    "{age} 周岁,为特困人员中的未成年人,可继续享有救助供养待遇至{until}周岁",
    "aged {age}: a minor already supported as 特困, who keeps support until {until}",
    ART_24,
)
R_MINOR_SUPPORTED_UNKNOWN = ReasonCode.define(
    "assistance.extreme_poverty.no_work_capacity.minor_supported_unknown",
    "{age} 周岁,已满{limit}周岁,是否为特困人员中的未成年人(可继续享有至{until}周岁)尚未确定"
    "(缺少: {paths})",
    "aged {age}, past {limit}: whether the minor is already supported as 特困 (and so keeps "
    "support until {until}) is not established (missing: {paths})",
    ART_24,
)
R_MINOR_CONTINUING = ReasonCode.define(
    "assistance.extreme_poverty.no_work_capacity.minor_in_school",
    "{age} 周岁,未成年时已纳入特困且仍在接受义务教育或在普通高中、中等职业学校就读,继续享有",
    "aged {age}: supported as a minor and still in compulsory, high or secondary vocational "
    "school, so support continues",
    ART_24,
)
R_MINOR_CONTINUING_UNKNOWN = ReasonCode.define(
    "assistance.extreme_poverty.no_work_capacity.minor_in_school_unknown",
    "{age} 周岁,是否未成年时已纳入特困且仍在接受义务教育或在普通高中、中等职业学校就读尚未确定"
    "(缺少: {paths})",
    "aged {age}: whether the person was supported as a minor and is still in compulsory, high or "
    "secondary vocational school is not established (missing: {paths})",
    ART_24,
)
R_DISABLED = ReasonCode.define(
    "assistance.extreme_poverty.no_work_capacity.disabled",
    "{category}{grade}级,在视为无劳动能力的等级内(一级至{limit}级)",
    "{category_en} grade {grade}, within the grades that count as no labour capacity (1–{limit})",
    _ART_5,
)
R_NOT_COVERED = ReasonCode.define(
    "assistance.extreme_poverty.no_work_capacity.not_met",
    "{age} 周岁,{disability},不属于视为无劳动能力的老年人、未成年人或残疾人",
    "aged {age}, {disability_en}: not an older person, minor or disabled person without "
    "labour capacity",
    _ART_5,
)


@attrs.frozen
class Capacity:
    """What :func:`capacity_rule` finds: one flag per reason of the rule, the result, the end.

    Each field is a Python value on one person and a numpy column on many.
    ``elderly`` (art. 5 (一)), ``minor`` (art. 5 (二)), ``supported_minor``
    (art. 24, a minor already supported, under the support age), ``disabled``
    (art. 5 (三)/(四)), ``asks_school`` (past the support age with nothing
    against continuing: the continuation switch is read), ``continuing`` and
    ``continuing_unknown`` (art. 24 second paragraph), ``supported_unknown``
    (whether a minor past the recognition age is already supported is not
    established), ``not_covered``; ``met`` and ``unknown`` the condition's
    three values; ``until`` the age support runs to when it holds for a minor
    by age alone (0 otherwise).
    """

    elderly: Any
    minor: Any
    supported_minor: Any
    disabled: Any
    asks_school: Any
    continuing: Any
    continuing_unknown: Any
    supported_unknown: Any
    not_covered: Any
    met: Any
    unknown: Any
    until: Any


def capacity_rule(
    ops: Ops,
    *,
    age: Any,
    limit: Any,
    until: Any,
    supported: Any,
    supported_known: Any,
    disabled: Any,
    in_school: Any,
    in_school_known: Any,
    continues: Any,
) -> Capacity:
    """Art. 5 无劳动能力 with art. 24 for minors, as one body for one person and for columns.

    ``age`` in full years; ``limit`` the recognition age
    (``assistance.extreme_poverty.minor_age_limit``) and ``until`` the support age
    (``…minor.support_until_age``); ``supported`` (with ``supported_known``)
    whether the person is a 特困 minor already (art. 24); ``disabled`` whether the
    person's disability grade is listed (art. 5 (三)/(四)); ``in_school`` (with
    ``in_school_known``) whether, past the support age, the person is in
    compulsory, high or secondary vocational school; ``continues`` the switch
    ``…minor.continue_in_secondary_school`` (read only where ``asks_school``).
    Values that a branch does not reach do not change its result, so a caller
    may pass placeholders for what it has not read.

    .. versionadded:: 0.1.0
    """
    elderly = age >= _ELDERLY_AGE
    young = ops.not_(elderly)
    minor = young & (age < limit)
    supported_minor = young & ops.not_(minor) & (age < until) & supported_known & supported
    by_disability = young & disabled
    held = minor | supported_minor | by_disability
    past = young & ops.not_(held) & (until <= age)
    nothing_against = (ops.not_(supported_known) | supported) & (
        ops.not_(in_school_known) | in_school
    )
    asks = past & nothing_against
    known = supported_known & in_school_known
    continuing = asks & continues & known
    continuing_unknown = asks & continues & ops.not_(known)
    between = young & ops.not_(held) & (age < until)
    supported_unknown = between & ops.not_(supported_known)
    not_covered = (past & ops.not_(asks & continues)) | (between & supported_known)
    minor_until = ops.where(minor, ops.where(limit < until, until, limit), until)
    return Capacity(
        elderly=elderly,
        minor=minor,
        supported_minor=supported_minor,
        disabled=by_disability,
        asks_school=asks,
        continuing=continuing,
        continuing_unknown=continuing_unknown,
        supported_unknown=supported_unknown,
        not_covered=not_covered,
        met=elderly | held | continuing,
        unknown=continuing_unknown | supported_unknown,
        until=ops.where((minor | supported_minor) & ops.not_(by_disability), minor_until, 0),
    )


def no_work_capacity(
    tally: Tally, person: Person, facts: ExtremePovertyFacts, *, place: Place
) -> tuple[bool | None, int | None]:
    """Add the labour-capacity reasons (art. 5; art. 24 for minors already supported).

    Return whether the condition holds, and — when it holds for a minor by
    age alone (not also by disability) — the age support runs to (至18周岁).
    The findings are :func:`capacity_rule`'s; parameters are read only where
    the rule reaches them.

    .. versionadded:: 0.1.0
    """
    book, where, on = place.book, place.where, place.on
    age = person.age_on(on)
    if age >= _ELDERLY_AGE:
        tally.add(R_ELDERLY.reason(True, age=str(age)))
        return True, None
    limit, limit_used = book.count("assistance.extreme_poverty.minor_age_limit", where, on)
    until, until_used = book.count("assistance.extreme_poverty.minor.support_until_age", where, on)
    used: list[ParameterValue] = [limit_used, until_used]
    supported = facts.supported_as_minor
    disabled = _disabled(person, place)
    in_school = facts.in_secondary_school
    if in_school is None and SpecialStatus.FULL_TIME_STUDENT not in person.statuses:
        # The person's recorded statuses say whether they study (as the family rule reads
        # them); only a recorded student is asked which school and whether supported as a minor.
        in_school = False
    rule = functools.partial(
        capacity_rule,
        SCALAR,
        age=age,
        limit=limit,
        until=until,
        supported=bool(supported),
        supported_known=supported is not None,
        disabled=disabled is not None,
        in_school=bool(in_school),
        in_school_known=in_school is not None,
    )
    found = rule(continues=False)
    if found.asks_school:
        continues, continues_used = place.book.flag(
            "assistance.extreme_poverty.minor.continue_in_secondary_school", place.where, place.on
        )
        used = [*used, continues_used]
        found = rule(continues=continues)
    if found.minor:
        tally.add(R_MINOR.reason(True, (limit_used,), age=str(age), limit=str(limit)))
    elif found.supported_minor:
        tally.add(R_MINOR_SUPPORTED.reason(True, used, age=str(age), until=str(until)))
    if disabled is not None:  # held by disability too: no end by age
        tally.add(disabled)
        return True, None
    if found.until:
        return True, found.until
    if found.continuing:
        tally.add(R_MINOR_CONTINUING.reason(True, used, age=str(age)))
        return True, None
    if found.continuing_unknown:
        school = {
            "$.facts.supported_as_minor": supported,
            "$.facts.in_secondary_school": in_school,
        }
        missing = [path for path, value in school.items() if value is None]
        tally.add(
            R_MINOR_CONTINUING_UNKNOWN.reason(None, used, age=str(age), paths=", ".join(missing)),
            missing,
        )
        return None, None
    if found.supported_unknown:
        paths = ["$.facts.supported_as_minor"]
        tally.add(
            R_MINOR_SUPPORTED_UNKNOWN.reason(
                None,
                used,
                age=str(age),
                limit=str(limit),
                until=str(until),
                paths=", ".join(paths),
            ),
            paths,
        )
        return None, None
    tally.add(_not_covered(person, age, used))
    return False, None


def _disabled(person: Person, place: Place) -> Reason | None:
    """Return the art. 5 (三)/(四) reason when the person's disability grade is listed."""
    disability = person.disability
    if disability is None:
        return None
    category = disability.category.value
    top, top_used = place.book.count(
        f"assistance.extreme_poverty.no_work_capacity.max_disability_grade.{category}",
        place.where,
        place.on,
    )
    if disability.grade > top:
        return None
    return R_DISABLED.reason(
        True,
        (top_used,),
        category=disability.category.zh,
        category_en=disability.category.en,
        grade=str(disability.grade),
        limit=str(top),
    )


def _not_covered(person: Person, age: int, used: Iterable[ParameterValue]) -> Reason:
    """Return the reason of a person under 60, neither a covered minor nor disabled enough."""
    disability = person.disability
    if disability is None:
        shown, shown_en = "无残疾人证", "no disability certificate"
    else:
        shown = f"{disability.category.zh}{disability.grade}级"
        shown_en = f"{disability.category.en} grade {disability.grade}"
    return R_NOT_COVERED.reason(False, used, age=str(age), disability=shown, disability_en=shown_en)
