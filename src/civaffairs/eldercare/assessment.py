"""老年人能力评估 (GB/T 42195-2022): the older-person ability assessment.

The rule, in the order it is applied (clauses of GB/T 42195-2022 《老年人能力评估规范》):

1. **Items** (二级指标, Appendix B): 26 second-level indicators in four first-level
   indicators (一级指标) — self-care at most 32, basic mobility 15, mental state 28,
   perception and social participation 15 — each on its own scale, as the item sheet
   :mod:`civaffairs.eldercare.assessment_sheet` lists them.
2. **Scores**: each first-level score is the sum of its items; the total is 0–90.
3. **Preliminary grade** (初步等级) by total: 90 能力完好; 66–89 能力轻度受损 (轻度失能);
   46–65 能力中度受损 (中度失能); 30–45 能力重度受损 (重度失能); 0–29 能力完全丧失 (完全失能).
4. **Final grade** (最终等级):

   a. a person in a coma (昏迷) is graded 能力完全丧失 directly, whatever the total;
   b. otherwise the preliminary grade is raised by **one** grade if any of: diagnosed
      dementia (ICD-10 F00–F03); another mental and behavioural disorder (F04–F99)
      diagnosed by a psychiatrist; two or more care-risk events (跌倒, 走失, 噎食, 自杀/自伤,
      other) in the 30 days before the assessment.  Several triggers still raise one grade
      in total (the text says "提高一个等级" for "any of"), and 能力完全丧失 cannot be raised
      further.
5. **Assessment reason and validity**: 首次评估, 常规评估, 即时评估 (the person's condition
   changed), 复评 (the result was disputed).  A grade stays current until the corresponding
   day ``eldercare.assessment.routine_interval_months`` months after the assessment date
   (民法典 art. 202: a missing day is the month's last day).  The routine interval (≤ 12
   months) is *recalled*, not read in the standard, and ships as example data.

**Transcription conflict at B.3.9.**  One public transcription of Appendix B notes under
意识水平 that "处于昏迷状态者，直接评定为重度失能" (severe), while the grading clause, a second
transcription and a 2026 training article all say 能力完全丧失 (complete).  This module
follows the grading clause (complete) — check the standard's own text before relying on it.

Clause numbers of the grading and adjustment rules were not verified in the standard's
own text (only the Appendix B item numbers were read, in transcriptions); citations say so.

The grade produced is the core :class:`~civaffairs.entities.AbilityGrade`, which other
programmes read as an input fact.

The item sheet (steps 1–2: the 26 items, their scales and the indicator sums) is
:mod:`civaffairs.eldercare.assessment_sheet`; its names stay importable from here.  This
module holds the record of one assessment, the grading (steps 3–4) and the validity (5).

.. versionadded:: 0.1.0
.. versionchanged:: 0.1.0 the item sheet moved to :mod:`civaffairs.eldercare.assessment_sheet`.
"""

from __future__ import annotations

import datetime as dt
import re
import types
from collections.abc import Iterable, Mapping

import attrs

from civaffairs.dates import add_months
from civaffairs.decisions import Citation, Language, Reason, ReasonCode, programme
from civaffairs.eldercare.assessment_sheet import (
    ITEMS,
    TOTAL_MAXIMUM,
    Indicator,
    IndicatorScores,
    Item,
    ItemScores,
    MentalState,
    Mobility,
    PerceptionSocial,
    SelfCare,
    instance_of,
)
from civaffairs.eldercare.laws import ABILITY_ASSESSMENT_STANDARD
from civaffairs.entities import AbilityGrade, Person
from civaffairs.errors import InvalidInputError
from civaffairs.labels import Labelled
from civaffairs.parameters import ParameterBook, ParameterValue, Status, default_book

__all__ = [
    "GRADE_LABELS",
    "ITEMS",
    "PROGRAMME",
    "TOTAL_MAXIMUM",
    "AbilityAssessment",
    "AbilityResult",
    "Adjustment",
    "AssessmentReason",
    "CareRiskEvents",
    "Diagnosis",
    "Indicator",
    "IndicatorScores",
    "Item",
    "ItemScores",
    "MentalState",
    "Mobility",
    "PerceptionSocial",
    "SelfCare",
    "final_grade",
    "grade",
    "preliminary_grade",
    "valid_until",
]

PROGRAMME = programme("eldercare.assessment")

#: Chinese and English names of the five grades: the members' own labels.
#:
#: .. deprecated:: 0.1.0 Use :attr:`AbilityGrade.zh <civaffairs.labels.Labelled.zh>` and
#:    ``.en`` of :class:`~civaffairs.entities.AbilityGrade`.
GRADE_LABELS: Mapping[AbilityGrade, tuple[str, str]] = types.MappingProxyType(
    {grade: (grade.zh, grade.en) for grade in AbilityGrade}
)

_STANDARD_NOTE = "read in two public transcriptions of the standard, not in its own text"
_ITEMS_CITATION = Citation(ABILITY_ASSESSMENT_STANDARD, "附录B (B.1–B.4)", note=_STANDARD_NOTE)
_GRADING_CITATION = Citation(
    ABILITY_ASSESSMENT_STANDARD,
    "能力等级划分 (初步等级)",
    note="clause number not verified; " + _STANDARD_NOTE,
)
_ADJUSTMENT_CITATION = Citation(
    ABILITY_ASSESSMENT_STANDARD,
    "能力等级划分 (最终等级的调整)",
    note="clause number not verified; read in a transcription and a 2026 training article",
)
_VALIDITY_CITATION = Citation(
    ABILITY_ASSESSMENT_STANDARD,
    "评估类型 (首次评估、常规评估、即时评估、复评)",
    note="the routine interval is recalled, not read in the standard",
)

R_SCORES = ReasonCode.define(
    "eldercare.assessment.scores",
    "自理能力 {self_care}/32、基础运动能力 {mobility}/15、精神状态 {mental_state}/28、"
    "感知觉与社会参与 {perception_social}/15, 总分 {total}/90",
    "self-care {self_care}/32, basic mobility {mobility}/15, mental state {mental_state}/28, "
    "perception and social participation {perception_social}/15; total {total}/90",
    _ITEMS_CITATION,
)
R_PRELIMINARY = ReasonCode.define(
    "eldercare.assessment.preliminary_grade",
    "总分 {total} 分 (在 {low}–{high} 分之间), 初步等级为{grade}",
    "a total of {total} (between {low} and {high}) gives the preliminary grade {grade_en}",
    _GRADING_CITATION,
)
R_COMA = ReasonCode.define(
    "eldercare.assessment.coma",
    "意识水平为昏迷, 直接评定为能力完全丧失(完全失能); 初步等级为{preliminary}",
    "the person is in a coma, so the grade is complete loss of ability directly "
    "(preliminary grade: {preliminary_en})",
    _ADJUSTMENT_CITATION,
)
R_RAISED = ReasonCode.define(
    "eldercare.assessment.raised",
    "存在{triggers}, 在初步等级上提高一个等级: {preliminary} → {final}",
    "{triggers_en}: the preliminary grade is raised by one grade, {preliminary_en} → {final_en}",
    _ADJUSTMENT_CITATION,
)
R_RAISE_CAPPED = ReasonCode.define(
    "eldercare.assessment.raise_capped",
    "存在{triggers}, 但初步等级已为能力完全丧失, 不再提高",
    "{triggers_en}, but the preliminary grade is already complete loss of ability: "
    "it cannot be raised",
    _ADJUSTMENT_CITATION,
)
R_NOT_ADJUSTED = ReasonCode.define(
    "eldercare.assessment.not_adjusted",
    "无昏迷; 记录的诊断中无痴呆、精神和行为障碍; 记录的近30天照护风险事件 {events} 次 (少于2次), "
    "最终等级即初步等级",
    "no coma; recorded diagnoses: no dementia or mental disorder; recorded care-risk events in "
    "the last 30 days: {events} (fewer than 2): the final grade is the preliminary grade",
    _ADJUSTMENT_CITATION,
)
R_CURRENT = ReasonCode.define(
    "eldercare.assessment.current",
    "{reason}日期 {assessed_on}, 常规评估间隔不超过 {months} 个月, 评估结果有效至 {valid_until}",
    "{reason_en} on {assessed_on}; routine assessments at most {months} months apart, so the "
    "result is current until {valid_until}",
    _VALIDITY_CITATION,
)
R_OUT_OF_DATE = ReasonCode.define(
    "eldercare.assessment.out_of_date",
    "{reason}日期 {assessed_on}, 评估结果已于 {valid_until} 到期, 应进行常规评估",
    "{reason_en} on {assessed_on}; the result expired on {valid_until}: a routine "
    "assessment is due",
    _VALIDITY_CITATION,
)


# -- adjustment facts --------------------------------------------------------------------------


_ICD10 = re.compile(r"[A-Z][0-9]{2}(\.[0-9A-Z]{1,4})?")
_DEMENTIA_LAST = 3  # F00–F03


def _icd10(value: str) -> str:
    if not isinstance(value, str) or not _ICD10.fullmatch(value.strip().upper()):
        raise InvalidInputError("$.icd10", value, "an ICD-10 code such as 'F03' or 'F32.1'")
    return value.strip().upper()


@attrs.frozen
class Diagnosis:
    """A recorded diagnosis, by ICD-10 code; ``by_psychiatrist`` when a psychiatrist made it.

    Only F codes matter to the grade: F00–F03 (dementia) raise it whoever diagnosed it;
    F04–F99 raise it only when diagnosed by a psychiatrist (精神科专科医生).

    .. versionadded:: 0.1.0
    """

    icd10: str = attrs.field(converter=_icd10)
    by_psychiatrist: bool = attrs.field(default=False)

    @by_psychiatrist.validator
    def _check(self, _attribute: attrs.Attribute[bool], value: object) -> None:
        if type(value) is not bool:
            raise InvalidInputError("$.by_psychiatrist", value, "true or false")

    @property
    def is_dementia(self) -> bool:
        """Whether the code is in F00–F03 (痴呆)."""
        return self.icd10[0] == "F" and int(self.icd10[1:3]) <= _DEMENTIA_LAST

    @property
    def is_other_mental_disorder(self) -> bool:
        """Whether the code is in F04–F99 (其他精神和行为障碍), whoever diagnosed it."""
        return self.icd10[0] == "F" and int(self.icd10[1:3]) > _DEMENTIA_LAST


def _count(_instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if type(value) is not int or value < 0:
        raise InvalidInputError(f"$.{attribute.name}", value, "a whole number of events, 0 or more")


@attrs.frozen
class CareRiskEvents:
    """Care-risk events (照护风险事件) in the 30 days before the assessment, by kind.

    The counts are those recorded on the assessment form; two or more in total raise
    the grade by one.

    .. versionadded:: 0.1.0
    """

    falls: int = attrs.field(default=0, validator=_count)  #: 跌倒
    wandering: int = attrs.field(default=0, validator=_count)  #: 走失
    choking: int = attrs.field(default=0, validator=_count)  #: 噎食
    suicide_self_harm: int = attrs.field(default=0, validator=_count)  #: 自杀、自伤
    other: int = attrs.field(default=0, validator=_count)  #: 其他

    @property
    def total(self) -> int:
        """All events together."""
        return self.falls + self.wandering + self.choking + self.suicide_self_harm + self.other


_RISK_EVENTS_TRIGGER = 2


class AssessmentReason(Labelled):
    """Why the assessment was made (评估原因).

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 members carry their labels (:class:`~civaffairs.labels.Labelled`).
    """

    FIRST = "first", "首次评估", "first assessment"
    ROUTINE = "routine", "常规评估", "routine assessment"
    #: 即时评估 (the person's condition changed)
    IMMEDIATE = "immediate", "即时评估", "assessment on a change of condition"
    #: 复评 (the result was disputed)
    REASSESSMENT = "reassessment", "复评", "reassessment after a dispute"


class Adjustment(Labelled):
    """What changed the preliminary grade.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 members carry their labels (:class:`~civaffairs.labels.Labelled`).
    """

    #: 昏迷 → 能力完全丧失
    COMA = "coma", "昏迷", "a coma"
    #: 痴呆 F00–F03
    DEMENTIA = "dementia", "痴呆(F00–F03)", "dementia (F00–F03)"
    #: 精神科诊断的其他精神和行为障碍 F04–F99
    MENTAL_DISORDER = (
        "mental_disorder",
        "精神科专科医生诊断的其他精神和行为障碍(F04–F99)",
        "a mental or behavioural disorder (F04–F99) diagnosed by a psychiatrist",
    )
    #: 近30天照护风险事件 ≥ 2 次 (a reason adds the count)
    CARE_RISK_EVENTS = (
        "care_risk_events",
        "近30天照护风险事件",
        "care-risk events in the last 30 days",
    )

    def words(self, events: int) -> tuple[str, str]:
        """Return the trigger in words, with the number of events where it is counted."""
        if self is Adjustment.CARE_RISK_EVENTS:
            return f"{self.zh} {events} 次", f"{events} {self.en}"
        return self.zh, self.en


def _calendar_date(_instance: object, attribute: attrs.Attribute[dt.date], value: dt.date) -> None:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise InvalidInputError(f"$.{attribute.name}", value, "a calendar date")


def _diagnoses(value: Iterable[Diagnosis]) -> tuple[Diagnosis, ...]:
    return tuple(value)


@attrs.frozen
class AbilityAssessment:
    """One assessment record: who, when, why, the 26 item scores and the adjustment facts.

    ``assessed_on`` may not be before the person's birth date.  ``diagnoses`` lists the
    diagnoses on the record (only F codes matter); ``care_risk_events`` the events of the
    last 30 days on the record.  Both describe what was **recorded**: an empty list (the
    default) means "no diagnosis recorded" and the default events mean "no event recorded",
    not that the person has none; the final-grade reason says so ("记录的诊断" / "recorded
    diagnoses").  Coma is read from the consciousness item of the scores.

    .. versionadded:: 0.1.0
    """

    person: Person = attrs.field(validator=instance_of(Person, "a person"))
    assessed_on: dt.date = attrs.field(validator=_calendar_date)
    reason: AssessmentReason = attrs.field(
        validator=instance_of(AssessmentReason, "'first', 'routine', 'immediate' or 'reassessment'")
    )
    scores: ItemScores = attrs.field(validator=instance_of(ItemScores, "the 26 item scores"))
    diagnoses: tuple[Diagnosis, ...] = attrs.field(default=(), converter=_diagnoses)
    care_risk_events: CareRiskEvents = attrs.field(factory=CareRiskEvents)

    def __attrs_post_init__(self) -> None:
        if self.assessed_on < self.person.birth_date:
            raise InvalidInputError(
                "$.assessed_on",
                self.assessed_on.isoformat(),
                "a date on or after the person's birth date",
            )
        for index, diagnosis in enumerate(self.diagnoses):
            if not isinstance(diagnosis, Diagnosis):
                raise InvalidInputError(
                    f"$.diagnoses[{index}]", type(diagnosis).__name__, "a diagnosis"
                )

    def adjustments(self) -> tuple[Adjustment, ...]:
        """Return the facts that adjust the grade: coma alone, or the raising triggers."""
        if self.scores.coma:
            return (Adjustment.COMA,)
        found = []
        if any(d.is_dementia for d in self.diagnoses):
            found.append(Adjustment.DEMENTIA)
        if any(d.is_other_mental_disorder and d.by_psychiatrist for d in self.diagnoses):
            found.append(Adjustment.MENTAL_DISORDER)
        if self.care_risk_events.total >= _RISK_EVENTS_TRIGGER:
            found.append(Adjustment.CARE_RISK_EVENTS)
        return tuple(found)


# -- grading -----------------------------------------------------------------------------------

#: Preliminary grade bands: (lowest total, highest total, grade), best first.
_BANDS = (
    (90, 90, AbilityGrade.INTACT),
    (66, 89, AbilityGrade.MILD),
    (46, 65, AbilityGrade.MODERATE),
    (30, 45, AbilityGrade.SEVERE),
    (0, 29, AbilityGrade.COMPLETE),
)
_GRADES = tuple(AbilityGrade)


def _band(total: int) -> tuple[int, int, AbilityGrade]:
    if type(total) is not int or not 0 <= total <= TOTAL_MAXIMUM:
        raise InvalidInputError("$.total", total, f"an integer 0–{TOTAL_MAXIMUM}")
    return next(band for band in _BANDS if band[0] <= total)


def preliminary_grade(total: int) -> AbilityGrade:
    """Return the preliminary grade (初步等级) for a total score of 0–90.

    >>> preliminary_grade(66)
    <AbilityGrade.MILD: 'mild'>
    >>> preliminary_grade(65)
    <AbilityGrade.MODERATE: 'moderate'>

    .. versionadded:: 0.1.0
    """
    return _band(total)[2]


def final_grade(preliminary: AbilityGrade, *, coma: bool, raise_one: bool) -> AbilityGrade:
    """Return the final grade (最终等级) from the preliminary one.

    Coma gives 能力完全丧失 directly; otherwise ``raise_one`` (any trigger, however many)
    raises the grade by one, capped at 能力完全丧失.

    >>> final_grade(AbilityGrade.MILD, coma=False, raise_one=True)
    <AbilityGrade.MODERATE: 'moderate'>

    .. versionadded:: 0.1.0
    """
    if coma:
        return AbilityGrade.COMPLETE
    if raise_one:
        return _GRADES[min(preliminary.severity + 1, len(_GRADES) - 1)]
    return preliminary


@attrs.frozen
class AbilityResult:
    """The outcome of one assessment: scores, the preliminary and final grades, validity.

    ``grade`` (the final grade) is what other programmes read.  ``current`` says whether
    the result is still within its routine interval on ``as_of``.  ``reasons`` explain
    each step, with citations and the parameter values used.

    .. versionadded:: 0.1.0
    """

    subject: str
    as_of: dt.date
    jurisdiction: str
    assessed_on: dt.date
    reason: AssessmentReason
    indicators: IndicatorScores
    total: int
    preliminary: AbilityGrade
    grade: AbilityGrade
    adjustments: tuple[Adjustment, ...]
    valid_until: dt.date
    reasons: tuple[Reason, ...]

    @property
    def current(self) -> bool:
        """Whether the result is still current on ``as_of``."""
        return self.as_of <= self.valid_until

    @property
    def raised(self) -> bool:
        """Whether the final grade is worse than the preliminary grade."""
        return self.grade is not self.preliminary

    @property
    def codes(self) -> tuple[str, ...]:
        """The reason codes, in order."""
        return tuple(r.code for r in self.reasons)

    @property
    def uses_example_data(self) -> bool:
        """Whether any parameter value behind the result is example data, not law."""
        return any(p.status is Status.EXAMPLE for r in self.reasons for p in r.parameters)

    def render(self, lang: Language = "zh") -> str:
        """Render the result as plain text in ``lang``."""
        zh = lang == "zh"
        label = self.grade.label(lang)
        lines = [
            f"{PROGRAMME.label(lang)} [{PROGRAMME.code}]",
            f"  {'对象' if zh else 'subject'}: {self.subject}",
            f"  {'评估日期' if zh else 'assessed on'}: {self.assessed_on.isoformat()}",
            f"  {'日期' if zh else 'as of'}: {self.as_of.isoformat()}",
            f"  {'最终等级' if zh else 'grade'}: {label}",
        ]
        for reason in self.reasons:
            mark = {True: "✓", False: "✗", None: "·"}[reason.met]
            lines.append(f"    {mark} [{reason.code}] {reason.message(lang)}")
            lines.append(f"        {'依据' if zh else 'basis'}: {reason.citation.cite()}")
            lines.extend(
                f"        {'参数' if zh else 'parameter'}: {p.name} @ {p.jurisdiction} = "
                f"{p.value} ({p.period}) — {p.cite()}"
                for p in reason.parameters
            )
        if self.uses_example_data:
            lines.append(
                "  注意: 本结果使用了示例数据 (非正式政策标准)"
                if zh
                else "  NOTE: this result uses example data, not a sourced policy figure"
            )
        return "\n".join(lines)


def grade(
    assessment: AbilityAssessment,
    on: dt.date,
    *,
    jurisdiction: str | None = None,
    book: ParameterBook | None = None,
) -> AbilityResult:
    """Grade ``assessment`` as of ``on`` (GB/T 42195-2022).

    ``on`` is the as-of date: the assessment may not be dated after it (an
    :class:`~civaffairs.errors.InvalidInputError` at ``$.assessed_on``).
    ``jurisdiction`` (default: the person's place of registration) selects the routine
    interval; ``book`` is the parameter book (the shipped data by default).

    .. versionadded:: 0.1.0
    """
    book = book or default_book()
    if assessment.assessed_on > on:
        raise InvalidInputError(
            "$.assessed_on",
            assessment.assessed_on.isoformat(),
            f"a date on or before the as-of date {on.isoformat()}",
        )
    where = jurisdiction or assessment.person.registration.jurisdiction
    indicators = assessment.scores.indicator_scores()
    total = indicators.total
    low, high, preliminary = _band(total)
    reasons = [
        R_SCORES.reason(
            None,
            self_care=str(indicators.self_care),
            mobility=str(indicators.mobility),
            mental_state=str(indicators.mental_state),
            perception_social=str(indicators.perception_social),
            total=str(total),
        ),
        R_PRELIMINARY.reason(
            None,
            total=str(total),
            low=str(low),
            high=str(high),
            grade=preliminary.zh,
            grade_en=preliminary.en,
        ),
    ]
    adjustments = assessment.adjustments()
    coma = Adjustment.COMA in adjustments
    final = final_grade(preliminary, coma=coma, raise_one=bool(adjustments))
    reasons.append(_adjustment_reason(assessment, adjustments, preliminary, final))
    until, months_used = valid_until(assessment.assessed_on, on, jurisdiction=where, book=book)
    months = months_used.value
    current = on <= until
    reasons.append(
        (R_CURRENT if current else R_OUT_OF_DATE).reason(
            current,
            (months_used,),
            reason=assessment.reason.zh,
            reason_en=assessment.reason.en,
            assessed_on=assessment.assessed_on.isoformat(),
            months=str(months),
            valid_until=until.isoformat(),
        )
    )
    return AbilityResult(
        subject=assessment.person.label,
        as_of=on,
        jurisdiction=where,
        assessed_on=assessment.assessed_on,
        reason=assessment.reason,
        indicators=indicators,
        total=total,
        preliminary=preliminary,
        grade=final,
        adjustments=adjustments,
        valid_until=until,
        reasons=tuple(reasons),
    )


def valid_until(
    assessed_on: dt.date,
    on: dt.date,
    *,
    jurisdiction: str,
    book: ParameterBook,
    path: str = "$.assessed_on",
) -> tuple[dt.date, ParameterValue]:
    """Return the last day a grade assessed on ``assessed_on`` is current, and the value read.

    Step 5: the grade stays current until the corresponding day
    ``eldercare.assessment.routine_interval_months`` months after ``assessed_on`` (民法典
    art. 202: a month without that day ends on its last day), the interval being the one
    in force in ``jurisdiction`` on ``on``.  Programmes that read a grade (the eldercare
    subsidies) ask this function rather than compute the period themselves.  An
    assessment whose period would end after 9999-12-31 is refused at ``path`` (the
    assessment date's path in the caller's input).

    .. versionadded:: 0.1.0
    """
    months, used = book.count("eldercare.assessment.routine_interval_months", jurisdiction, on)
    try:
        return add_months(assessed_on, months), used
    except (ValueError, OverflowError):  # past 9999-12-31: not a representable date
        raise InvalidInputError(
            path, assessed_on.isoformat(), "an assessment date whose validity ends by 9999-12-31"
        ) from None


def _adjustment_reason(
    assessment: AbilityAssessment,
    adjustments: tuple[Adjustment, ...],
    preliminary: AbilityGrade,
    final: AbilityGrade,
) -> Reason:
    """Explain step 4: coma, a raise by one grade (or capped), or no adjustment."""
    events = assessment.care_risk_events.total
    if Adjustment.COMA in adjustments:
        return R_COMA.reason(True, preliminary=preliminary.zh, preliminary_en=preliminary.en)
    if not adjustments:
        return R_NOT_ADJUSTED.reason(False, events=str(events))
    words = [adjustment.words(events) for adjustment in adjustments]
    triggers = "、".join(zh for zh, _ in words)
    triggers_en = "; ".join(en for _, en in words)
    if final is preliminary:
        return R_RAISE_CAPPED.reason(True, triggers=triggers, triggers_en=triggers_en)
    return R_RAISED.reason(
        True,
        triggers=triggers,
        triggers_en=triggers_en,
        preliminary=preliminary.zh,
        preliminary_en=preliminary.en,
        final=final.zh,
        final_en=final.en,
    )
