"""Indicators, targets, work plans and results: the values the targets package works on.

An :class:`Indicator` is something a bureau measures (家庭养老床位, 火化率), with a
stable id, its unit and how it is measured (:class:`Measure`).  A
:class:`Target` asks an indicator to reach a value by a date in one
jurisdiction, with a :class:`Comparator` read from the document's wording and
the :class:`Source` it was read from (document, section, exact quote).  A
:class:`WorkPlan` is a jurisdiction's targets for a year.  A :class:`Result`
is a measured value (or the counts behind a ratio) for an indicator, a
jurisdiction and a year; a :class:`ResultSet` groups the results of one
report, such as a year-end summary.

How the wording becomes a comparator
------------------------------------
The Civil Code (《民法典》第一千二百五十九条) fixes the convention for Chinese legal
texts: "以上"、"以下"、"以内"、"届满" include the number itself; "不满"、"超过"、"以外"
do not.  Work plans follow it, so:

* 以上, 及以上, 不低于, 不少于, 至少, 达到/达, 提升至, 到 → :attr:`Comparator.AT_LEAST`
  (the bound is met: 60.0 % against "达到60%" is met; 100 % against
  "100%以上" is met);
* 以下, 以内, 不超过, 不高于 → :attr:`Comparator.AT_MOST` (bound included);
* 超过, 突破 ("break through"), 高于 → :attr:`Comparator.MORE_THAN` (bound excluded);
* 不满, 不足, 低于 → :attr:`Comparator.LESS_THAN` (bound excluded);
* 保持在 → :attr:`Comparator.EXACTLY`; 左右, 约 → :attr:`Comparator.ABOUT`;
  "1—2家" → :attr:`Comparator.BETWEEN` (both ends included);
* 提高, 提升, 扩大 with no figure → :attr:`Comparator.INCREASE` (above the
  previous year's result).

A bare task figure with no comparator word ("新建3个", "完成1000户") is a quota:
it is recorded as :attr:`Comparator.AT_LEAST`, because over-fulfilment
(超额完成) completes the task, and the target's ``reading`` says that the
comparator was inferred.  Every inference of that kind (全覆盖 read as 100 %, 万
read as 万元, 分别 read as "each") is written in ``reading``; a target whose
``reading`` is empty states its comparator and value in its quote.

Either-or targets ("完成3亿元引资额度或2个亿元以上项目") carry the second way of
meeting them in :attr:`Target.alternatives`.  Targets that apply to each unit
("每个县(市、区)建1所") name the unit in :attr:`Target.each`: the result to give
is the value of the weakest unit.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from civaffairs import jurisdictions
from civaffairs.errors import InvalidInputError, UnknownJurisdictionError
from civaffairs.labels import Labelled, Language
from civaffairs.parameters import Status
from civaffairs.targets.units import Dimension, Unit, UnitMismatchError, convert

__all__ = [
    "Alternative",
    "Bound",
    "Comparator",
    "Domain",
    "Indicator",
    "Measure",
    "Ratio",
    "Result",
    "ResultSet",
    "Source",
    "SourceDocument",
    "Status",
    "Target",
    "WorkPlan",
    "check_jurisdiction",
    "check_plan",
    "check_results",
    "describe_requirement",
]

_ZERO = Decimal(0)
_HUNDRED = Decimal(100)


class Domain(Labelled):
    """The area of civil-affairs work an indicator belongs to.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 Members carry their labels (:class:`~civaffairs.labels.Labelled`).
    """

    ELDERCARE = "eldercare", "养老服务", "eldercare"
    SOCIAL_ASSISTANCE = "social_assistance", "社会救助", "social assistance"
    CHILDREN = (
        "children",
        "儿童福利和未成年人保护",
        "child welfare and protection of minors",
    )
    #: 残疾人福利和精神障碍社区康复
    DISABILITY = "disability", "残疾人福利", "disability welfare"
    FUNERAL = "funeral", "殡葬", "funeral services"
    MARRIAGE = "marriage", "婚姻登记", "marriage registration"
    SOCIAL_ORGANISATIONS = "social_organisations", "社会组织", "social organisations"
    CHARITY = "charity", "慈善和福利彩票", "charity and the welfare lottery"
    SOCIAL_WORK = "social_work", "社会工作和志愿服务", "social work and volunteering"
    COMMUNITY = "community", "基层治理和社区建设", "community governance"
    PLACE_NAMES = "place_names", "区划地名", "divisions and place names"
    RESETTLEMENT = "resettlement", "水库移民", "reservoir resettlement"
    #: 民政基础保障 (funds, supervision, investment)
    ADMINISTRATION = "administration", "民政基础保障", "civil-affairs administration"


class Measure(enum.Enum):
    """How an indicator's value is obtained.

    .. versionadded:: 0.1.0
    """

    COUNT = "count"  #: a count of things (beds, households, organisations, person-times)
    SUM = "sum"  #: a sum of amounts (money raised or paid)
    SHARE = "share"  #: a part over its whole, ×100: at most 100 %
    RATE = "rate"  #: a count over a population, per 10,000: not bounded
    LEVEL = "level"  #: a level set or observed directly (a standard, a travel time)

    @property
    def is_ratio(self) -> bool:
        """Whether a result may be given as a numerator and a denominator.

        .. versionadded:: 0.1.0
        """
        return self in {Measure.SHARE, Measure.RATE}


class Comparator(Labelled):
    """How a result is compared with a target's value; see the module docstring.

    Each member carries, besides its labels, a one-character :attr:`symbol`
    and the Chinese :attr:`words` that state it in a document.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 Members carry their labels, sign and words
       (:class:`~civaffairs.labels.Labelled`).
    """

    #: A one-character sign: ``≥``, ``≤``, ``>``, ``<``, ``=``, ``≈``, ``–``, ``↑``.
    symbol: str
    #: The Chinese words that state this comparator in a document.
    words: tuple[str, ...]

    #: ≥ (以上, 不低于, 不少于, 至少, 达到)
    AT_LEAST = (
        "at_least",
        "不低于",
        "at least",
        "≥",
        ("以上", "不低于", "不少于", "至少", "达到", "达", "提升至", "到"),
    )
    #: ≤ (以下, 以内, 不超过)
    AT_MOST = "at_most", "不超过", "at most", "≤", ("以下", "以内", "不超过", "不高于", "至多")
    #: > (超过, 突破)
    MORE_THAN = "more_than", "超过", "more than", ">", ("超过", "突破", "高于")
    #: < (不满, 不足, 低于)
    LESS_THAN = "less_than", "低于", "less than", "<", ("不满", "不足", "低于")
    #: = (保持在)
    EXACTLY = "exactly", "等于", "exactly", "=", ("保持在",)
    #: ≈ (左右, 约): not measurable without an explicit tolerance
    ABOUT = "about", "约", "about", "≈", ("左右", "约")
    #: value ≤ x ≤ upper (1—2家)
    BETWEEN = "between", "介于", "between", "–", ("—", "–", "-", "至")
    #: > the previous year's result (提高, 扩大); no value
    INCREASE = (
        "increase",
        "比上年提高",
        "higher than the year before",
        "↑",
        ("提高", "提升", "扩大", "增加"),
    )

    if not TYPE_CHECKING:  # members are looked up by value alone: ``Comparator("at_least")``

        def __new__(cls, value, zh, en, symbol, words):
            """Create a member from its value, its two labels, its sign and its words."""
            member = object.__new__(cls)
            member._value_ = value
            member.zh = zh
            member.en = en
            member.symbol = symbol
            member.words = words
            return member


class Bound(enum.Enum):
    """Whether a reported figure is the value itself or only a lower bound ("5万余人").

    .. versionadded:: 0.1.0
    """

    EXACT = "exact"  #: the value as measured (rounded figures such as 8.5万 count as exact)
    AT_LEAST = "at_least"  #: the true value is this or more (余, 以上, 超过 in a report)


@attrs.frozen(kw_only=True)
class Ratio:
    """What the numerator and the denominator of a ratio indicator count.

    .. versionadded:: 0.1.0
    """

    numerator_zh: str
    numerator_en: str
    denominator_zh: str
    denominator_en: str


@attrs.frozen(kw_only=True)
class Indicator:
    """Something a bureau measures: id, names, unit, how it is measured, domain.

    ``id`` is stable and dotted (``eldercare.family_beds``); its first part is
    the domain.  A ratio indicator (:attr:`Measure.SHARE` or
    :attr:`Measure.RATE`) says what it divides in ``ratio``.

    .. versionadded:: 0.1.0
    """

    id: str
    zh: str
    en: str
    unit: Unit
    measure: Measure
    domain: Domain
    ratio: Ratio | None = None
    description: str = ""

    def name(self, lang: Language = "zh") -> str:
        """Return the indicator's name in ``lang``.

        .. versionadded:: 0.1.0
        """
        return self.zh if lang == "zh" else self.en


@attrs.frozen(kw_only=True)
class SourceDocument:
    """A document targets or results are read from.

    ``seed`` is the file name of the document's text where the library keeps
    one (the five seed documents); ``reference`` is an index or document
    number (索引号, 文号).  ``note`` says what is inferred (a title the page
    does not print, a jurisdiction named only indirectly).

    .. versionadded:: 0.1.0
    """

    title: str
    publisher: str | None = None
    published: dt.date | None = None
    reference: str | None = None
    url: str | None = None
    seed: str | None = None
    note: str | None = None

    def cite(self) -> str:
        """Return ``《title》 publisher date``.

        .. versionadded:: 0.1.0
        """
        parts = [f"《{self.title}》"]
        if self.publisher:
            parts.append(self.publisher)
        if self.published:
            parts.append(self.published.isoformat())
        return " ".join(parts)


@attrs.frozen(kw_only=True)
class Source:
    """Where one figure was read: the document, its section (as the document numbers it), the quote.

    ``quote`` is an exact substring of the document's text.

    .. versionadded:: 0.1.0
    """

    document: SourceDocument
    section: str | None = None
    quote: str | None = None

    def cite(self) -> str:
        """Return the document, the section and the quote in one line.

        .. versionadded:: 0.1.0
        """
        text = self.document.cite()
        if self.section:
            text += f" {self.section}"
        if self.quote:
            text += f": “{self.quote}”"
        return text


@attrs.frozen(kw_only=True)
class Alternative:
    """Another way of meeting an either-or target ("或2个亿元以上项目").

    .. versionadded:: 0.1.0
    """

    indicator: str
    comparator: Comparator
    value: Decimal | None
    unit: Unit
    upper: Decimal | None = None
    reading: str | None = None


@attrs.frozen(kw_only=True)
class Target:
    """One measurable target of a work plan.

    ``jurisdiction`` is a GB/T 2260 code, or ``None`` for a place the document
    does not name (then ``place`` is a label such as ``某市``).  The target is
    due on ``deadline``, by default the last day of ``year``.  ``value`` is
    ``None`` only for :attr:`Comparator.INCREASE`; ``upper`` is the upper end
    of a :attr:`Comparator.BETWEEN` range.  ``each`` names the unit the target
    applies to one by one ("县(市、区)"); ``reading`` records any inference made
    in reading the quote (see the module docstring).

    .. versionadded:: 0.1.0
    """

    id: str
    indicator: str
    jurisdiction: str | None
    place: str
    year: int
    comparator: Comparator
    value: Decimal | None
    unit: Unit
    upper: Decimal | None = None
    deadline: dt.date | None = None
    each: str | None = None
    alternatives: tuple[Alternative, ...] = ()
    reading: str | None = None
    source: Source | None = None
    status: Status = Status.SOURCED

    @property
    def due(self) -> dt.date:
        """The date by which the target is to be met: ``deadline``, else 31 December of ``year``.

        .. versionadded:: 0.1.0
        """
        return self.deadline if self.deadline is not None else dt.date(self.year, 12, 31)

    def describe(self, lang: Language = "zh") -> str:
        """Return the requirement as text: ``≥ 60 %``, ``1–2 个``, ``↑``.

        .. versionadded:: 0.1.0
        """
        return describe_requirement(self.comparator, self.value, self.upper, self.unit, lang)


def describe_requirement(
    comparator: Comparator,
    value: Decimal | None,
    upper: Decimal | None,
    unit: Unit,
    lang: Language = "zh",
) -> str:
    """Return a requirement as short text, e.g. ``≥ 60 %`` or ``1–2 个``.

    .. versionadded:: 0.1.0
    """
    shown = unit.label(lang)
    if comparator is Comparator.INCREASE:
        return f"{comparator.symbol} ({comparator.label(lang)})"
    if comparator is Comparator.BETWEEN:
        return f"{value}–{upper} {shown}"
    return f"{comparator.symbol} {value} {shown}"


@attrs.frozen(kw_only=True)
class WorkPlan:
    """A jurisdiction's targets for a year, read from one document.

    ``id`` is a short name such as ``suizhou-2025``.  ``indicators`` declares
    indicators that the shipped catalogue lacks (a plan file may add its own).
    Example data (``status = Status.EXAMPLE``) needs a ``note`` saying why.

    .. versionadded:: 0.1.0
    """

    id: str
    jurisdiction: str | None
    place: str
    year: int
    targets: tuple[Target, ...]
    document: SourceDocument | None = None
    status: Status = Status.SOURCED
    note: str | None = None
    indicators: tuple[Indicator, ...] = ()

    def target(self, target_id: str) -> Target:
        """Return the target with this id, or raise :class:`KeyError`.

        .. versionadded:: 0.1.0
        """
        for target in self.targets:
            if target.id == target_id:
                return target
        raise KeyError(target_id)

    @property
    def indicator_ids(self) -> frozenset[str]:
        """Every indicator the plan's targets (and their alternatives) measure.

        .. versionadded:: 0.1.0
        """
        return frozenset(
            indicator
            for target in self.targets
            for indicator in (target.indicator, *(a.indicator for a in target.alternatives))
        )


@attrs.frozen(kw_only=True)
class Result:
    """A measured value of an indicator for a jurisdiction and a year, with its source.

    Give either ``value`` and ``unit``, or (for a ratio indicator) the counts
    ``numerator`` and ``denominator``: the value is then numerator ÷
    denominator × the scale of the indicator's unit (×100 for %), computed
    exactly.  ``as_of`` is the date the value was measured (by default the end
    of ``year``).  ``bound`` says whether the figure is only a lower bound.

    .. versionadded:: 0.1.0
    """

    indicator: str
    jurisdiction: str | None
    place: str
    year: int
    value: Decimal | None = None
    unit: Unit | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    as_of: dt.date | None = None
    bound: Bound = Bound.EXACT
    source: Source | None = None
    status: Status = Status.SOURCED
    note: str | None = None

    @property
    def measured_on(self) -> dt.date:
        """``as_of``, else 31 December of ``year``.

        .. versionadded:: 0.1.0
        """
        return self.as_of if self.as_of is not None else dt.date(self.year, 12, 31)


@attrs.frozen(kw_only=True)
class ResultSet:
    """The results one report gives for one jurisdiction (a year-end summary, a survey).

    .. versionadded:: 0.1.0
    """

    id: str
    jurisdiction: str | None
    place: str
    results: tuple[Result, ...]
    document: SourceDocument | None = None
    status: Status = Status.SOURCED
    note: str | None = None


# --- checks ------------------------------------------------------------------------------------


_YEARS = "a year from 1900 to 2100"


def _is_year(year: int) -> bool:
    return 1900 <= year <= 2100


def _problem(path: str, value: object, expected: str, detail: str = "") -> InvalidInputError:
    return InvalidInputError(path, value, expected, detail=detail)


def check_jurisdiction(
    code: str | None, place: str, path: str = "$"
) -> Iterator[InvalidInputError]:
    """Check a jurisdiction code (or its absence with a place label).

    .. versionadded:: 0.1.0
    """
    if code is None:
        if not place.strip():
            yield _problem(
                f"{path}.place", repr(place), "a label for a place that has no code (e.g. 某市)"
            )
        return
    try:
        found = jurisdictions.get(code)
    except UnknownJurisdictionError as exc:
        yield _problem(
            f"{path}.jurisdiction",
            repr(code),
            "a GB/T 2260 code of the shipped table (or no code and a place label)",
            detail=str(exc),
        )
        return
    if found.code != code:
        yield _problem(
            f"{path}.jurisdiction",
            repr(code),
            f"the 6-digit code {found.code} rather than the name",
        )


def _unknown_indicator(path: str, indicator_id: str) -> InvalidInputError:
    return _problem(
        f"{path}.indicator",
        repr(indicator_id),
        "an indicator id of the catalogue or declared in the plan's indicators",
    )


def _check_requirement(
    path: str, requirement: Target | Alternative, catalogue: Mapping[str, Indicator]
) -> Iterator[InvalidInputError]:
    """Check one requirement: a target's own, or one of its alternatives (the same fields)."""
    comparator, value, upper, unit = (
        requirement.comparator,
        requirement.value,
        requirement.upper,
        requirement.unit,
    )
    indicator = catalogue.get(requirement.indicator)
    if indicator is None:
        yield _unknown_indicator(path, requirement.indicator)
    elif unit.dimension is not indicator.unit.dimension:
        yield from _unit_mismatch(f"{path}.unit", unit, indicator.unit)
    if comparator is Comparator.INCREASE:
        if value is not None:
            yield _problem(f"{path}.value", str(value), "no value for an 'increase' target")
    elif value is None:
        yield _problem(f"{path}.value", "(missing)", f"a value for an '{comparator.value}' target")
    elif not value.is_finite() or value < 0:
        yield _problem(f"{path}.value", str(value), "a finite number, zero or more")
    if comparator is Comparator.BETWEEN:
        if upper is None:
            yield _problem(f"{path}.upper", "(missing)", "the upper end of the range")
        elif value is not None and value.is_finite() and not upper > value:
            yield _problem(f"{path}.upper", str(upper), f"a number greater than value {value}")
    elif upper is not None:
        yield _problem(f"{path}.upper", str(upper), "no upper end unless comparator is 'between'")
    if (
        indicator is not None
        and indicator.measure is Measure.SHARE
        and unit is Unit.PERCENT
        and value is not None
        and value.is_finite()
    ):
        top = upper if upper is not None else value
        if top > _HUNDRED or (comparator is Comparator.MORE_THAN and value >= _HUNDRED):
            yield _problem(
                f"{path}.value",
                str(value),
                "a share that can be reached (at most 100 %)",
                detail="a share of a whole cannot exceed 100 %",
            )


def _unit_mismatch(path: str, unit: Unit, wanted: Unit) -> Iterator[InvalidInputError]:
    try:
        convert(_ZERO, unit, wanted, path=path)
    except UnitMismatchError as exc:
        yield exc


def check_plan(
    plan: WorkPlan, catalogue: Mapping[str, Indicator], *, path: str = "$"
) -> list[InvalidInputError]:
    """Return every problem of ``plan`` against ``catalogue``, each named by path.

    Checks the jurisdiction, the example note, indicators (known, unit of the
    same dimension), comparators and values, unique target ids, and that every
    target carries the plan's jurisdiction, place and year with a deadline not
    before the plan's year.  ``catalogue`` should already include the plan's
    own :attr:`WorkPlan.indicators`.

    .. versionadded:: 0.1.0
    """
    problems = list(check_jurisdiction(plan.jurisdiction, plan.place, path))
    if not _is_year(plan.year):
        problems.append(_problem(f"{path}.year", str(plan.year), _YEARS))
        return problems  # every target's deadline depends on the year
    if plan.status is Status.EXAMPLE and not plan.note:
        problems.append(
            _problem(f"{path}.note", "(missing)", "a note saying why this plan is example data")
        )
    seen: dict[str, int] = {}
    for index, target in enumerate(plan.targets):
        where = f"{path}.targets[{index}]"
        if target.id in seen:
            problems.append(
                _problem(
                    f"{where}.id",
                    repr(target.id),
                    f"an id not used by another target (also at {path}.targets[{seen[target.id]}])",
                )
            )
        seen.setdefault(target.id, index)
        problems.extend(
            _problem(
                f"{where}.{name}",
                repr(getattr(target, name)),
                f"the plan's {name} {getattr(plan, name)!r}",
            )
            for name in ("jurisdiction", "place", "year")
            if getattr(target, name) != getattr(plan, name)
        )
        if target.deadline is not None and target.deadline.year < plan.year:
            problems.append(
                _problem(
                    f"{where}.deadline",
                    target.deadline.isoformat(),
                    f"a date in or after the plan's year {plan.year}",
                )
            )
        problems.extend(_check_requirement(where, target, catalogue))
        for number, other in enumerate(target.alternatives):
            problems.extend(_check_requirement(f"{where}.alternatives[{number}]", other, catalogue))
    return problems


def _check_value(
    where: str, result: Result, indicator: Indicator | None
) -> Iterator[InvalidInputError]:
    if result.value is None:
        yield _problem(
            f"{where}.value",
            "(missing)",
            "a value with its unit, or (for a ratio indicator) a numerator and a denominator",
        )
        return
    if not result.value.is_finite() or result.value < 0:
        yield _problem(f"{where}.value", str(result.value), "a finite number, zero or more")
        return
    if result.unit is None:
        yield _problem(f"{where}.unit", "(missing)", "the unit the value is stated in")
        return
    if indicator is None:
        return
    if result.unit.dimension is not indicator.unit.dimension:
        yield from _unit_mismatch(f"{where}.unit", result.unit, indicator.unit)
        return
    if indicator.measure is Measure.SHARE and result.value > convert(
        _HUNDRED, Unit.PERCENT, result.unit
    ):
        yield _problem(
            f"{where}.value", str(result.value), "a share of at most 100 %", detail=indicator.id
        )
    if indicator.measure is Measure.COUNT and result.unit.dimension is not Dimension.MONEY:
        base = convert(result.value, result.unit, indicator.unit)
        if base != base.to_integral_value():
            yield _problem(
                f"{where}.value",
                f"{result.value} {result.unit.value}",
                f"a whole number of {indicator.unit.value} (a count)",
            )


def _check_counts(
    where: str, result: Result, indicator: Indicator | None
) -> Iterator[InvalidInputError]:
    if result.value is not None or result.unit is not None:
        yield _problem(
            f"{where}.value",
            str(result.value),
            "either a value with its unit, or a numerator and a denominator, not both",
        )
    if indicator is not None and not indicator.measure.is_ratio:
        yield _problem(
            f"{where}.numerator",
            str(result.numerator),
            f"a value: {indicator.id} is a {indicator.measure.value}, not a ratio of two counts",
        )
    numerator, denominator = result.numerator, result.denominator
    if numerator is None or denominator is None:
        missing = "denominator" if denominator is None else "numerator"
        yield _problem(f"{where}.{missing}", "(missing)", f"the {missing} of the ratio")
        return
    if not numerator.is_finite() or numerator < 0:
        yield _problem(f"{where}.numerator", str(numerator), "a finite count, zero or more")
    if not denominator.is_finite() or denominator <= 0:
        yield _problem(
            f"{where}.denominator",
            str(denominator),
            "a positive count (a ratio's denominator cannot be zero)",
        )
    elif (
        indicator is not None
        and indicator.measure is Measure.SHARE
        and numerator.is_finite()
        and numerator > denominator
    ):
        yield _problem(
            f"{where}.numerator",
            str(numerator),
            f"at most the denominator {denominator} (a share of a whole)",
        )


def check_results(
    results: Iterable[Result], catalogue: Mapping[str, Indicator], *, path: str = "$.results"
) -> list[InvalidInputError]:
    """Return every problem of ``results`` against ``catalogue``, each named by path.

    A result must name a known indicator and jurisdiction; give a value in a
    unit of the indicator's dimension, or (ratio indicators only) a numerator
    and a positive denominator; keep a share at most 100 %; count whole
    things; not be measured before its own year; and not repeat another
    result for the same indicator, place, year and date.

    .. versionadded:: 0.1.0
    """
    problems: list[InvalidInputError] = []
    seen: dict[tuple[str, str | None, str, int, dt.date], int] = {}
    for index, result in enumerate(results):
        where = f"{path}[{index}]"
        problems.extend(check_jurisdiction(result.jurisdiction, result.place, where))
        if not _is_year(result.year):
            problems.append(_problem(f"{where}.year", str(result.year), _YEARS))
        indicator = catalogue.get(result.indicator)
        if indicator is None:
            problems.append(_unknown_indicator(where, result.indicator))
        if result.numerator is None and result.denominator is None:
            problems.extend(_check_value(where, result, indicator))
        else:
            problems.extend(_check_counts(where, result, indicator))
        if not _is_year(result.year):
            continue
        if result.as_of is not None and result.as_of < dt.date(result.year, 1, 1):
            problems.append(
                _problem(
                    f"{where}.as_of",
                    result.as_of.isoformat(),
                    f"a date in or after the result's year {result.year} "
                    "(a value measured before its year cannot be that year's result)",
                )
            )
        key = (
            result.indicator,
            result.jurisdiction,
            result.place if result.jurisdiction is None else "",
            result.year,
            result.measured_on,
        )
        if key in seen:
            problems.append(
                _problem(
                    f"{where}.indicator",
                    repr(result.indicator),
                    "one result per indicator, place, year and as_of date "
                    f"(this repeats {path}[{seen[key]}])",
                )
            )
        seen.setdefault(key, index)
    return problems
