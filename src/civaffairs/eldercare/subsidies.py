"""经济困难老年人补贴: the service subsidy, the care subsidy, the family bed and concentrated care.

《中华人民共和国老年人权益保障法》 puts two subsidies on local governments:

- art. 30 para. 2 — **护理补贴** (care subsidy): "对生活长期不能自理、经济困难的老年人，地方各级
  人民政府应当根据其失能程度等情况给予护理补贴";
- art. 37 para. 2 — **养老服务补贴** (service subsidy): "对经济困难的老年人，地方各级人民政府应当
  逐步给予养老服务补贴", in the article on services for older persons living at home
  (para. 1: "为居家的老年人提供生活照料、紧急救援、医疗护理、精神慰藉、心理咨询等多种形式的服务").

财政部 民政部 全国老龄办 《关于建立健全经济困难的高龄 失能等老年人补贴制度的通知》
(财社〔2014〕113号) builds these subsidies (with the 高龄津贴 of art. 33 para. 2, which is
:mod:`civaffairs.eldercare.longevity`) for very old and disabled older persons in economic
difficulty.  **Its text could not be read** (not on disk; not found by search): nothing here is
taken from it, and its citation says so.  Two further routes come from the seeds and from local
practice: the **家庭养老床位** (family eldercare bed: professional care at home, seeds 000 and
004) and the **集中照护** of completely disabled older persons of 低保 households "按照'预评估、
先入住、后补助'的原则" (随州 2025 work plan, seed 000 二(二)).

The rule, for one older person on one date, in order:

1. **Older person** — aged ``eldercare.groups.older_person_age`` (60) or more (art. 2).
2. **Economic difficulty** (经济困难) — the person's assistance layer is among the first
   ``eldercare.subsidies.covered_layers`` layers counted from 特困 (1: 特困; 2: and 低保; 3:
   and 低保边缘; 4: and 刚性支出困难), so a layer closer to 特困 is covered whenever a farther
   one is.  The layer is an input (:class:`~civaffairs.eldercare.groups.OlderPerson`), read
   through the shared :func:`~civaffairs.eldercare.groups.memberships`.
3. **Ability grade** — the GB/T 42195 grade counts only while its assessment is current:
   until :func:`civaffairs.eldercare.assessment.valid_until` (the routine interval the
   assessment module holds).  A grade whose assessment is out of date qualifies for
   nothing until the person is reassessed; a grade whose assessment date is not
   established leaves the grade-based subsidies undecided.  失能 and 完全失能 are the
   shared groups (``eldercare.groups.disabled_min_severity``).
4. **Which subsidies**, by the care setting (:class:`CareSetting`):

   - at home or with a family bed: the **service subsidy** (art. 37 para. 2: "对经济困难的
     老年人…逐步给予养老服务补贴" — every older person in economic difficulty; where
     ``eldercare.subsidies.service.very_old_or_disabled_only`` holds, only one who is very
     old (高龄) or disabled (失能): the shipped value, example data after the title of
     财社〔2014〕113号, which was not read); the **care subsidy** (art. 30 para. 2)
     when disabled, by grade (``eldercare.subsidies.care.<grade>``; a grade whose amount
     is 0 gets none) — except for a person in 特困 support, whose support already
     includes care ("对生活不能自理的给予照料", 社会救助暂行办法 art. 15 (二)); with a
     family bed, the **family-bed subsidy** too, for a grade at least
     ``eldercare.subsidies.family_bed.min_severity``;
   - in concentrated care (an institution): the **concentrated-care subsidy** for a
     completely disabled person of a 低保 household (the plan's "低保家庭中的完全失能老年人";
     another layer counted as 经济困难 does not open it) — not for a person in 特困
     support, whose concentrated care is 特困 集中供养 itself.  The service subsidy
     (home services) and the care subsidy (paid instead by the concentrated care) are not
     paid there: that reading of art. 37 para. 1 and of "后补助" is an inference.  Under
     "预评估、先入住、后补助" the person may be admitted on a pre-assessment; the subsidy
     waits for the grade (an unestablished grade gives "cannot decide", and says so).

5. **Overlap with the disability care subsidy** (重度残疾人护理补贴,
   :mod:`civaffairs.assistance.disability_subsidies`, not imported: its monthly amount is an
   input, :attr:`SubsidyRequest.disability_care_subsidy`).  国发〔2015〕52号's 衔接, as
   restated by local rules (江西 上饶; 广州 2021, read in a report): a person entitled to both
   a disability care subsidy and an old-age care subsidy receives the higher (择高); 广州:
   "养老护理补贴应与重度残疾人护理补贴择高享受". So the care subsidy is paid only when it is
   higher than the disability care subsidy (a tie keeps the disability subsidy).  The
   service subsidy is means-tested and stacks with it (广州: "以经济状况为标准发放的养老服务
   补贴 … 可重复享受") unless ``eldercare.subsidies.service.higher_of_disability_care``
   holds (a reported 重庆 rule: 就高不就低).  A person without a disability certificate has
   no disability care subsidy; a person in 特困 support receives none either (52号 as
   restated: "纳入特困人员供养保障的残疾人…不享受").

The amount is monthly: the sum of the subsidies paid.  A fact not established makes the
decision "cannot decide", naming its path, only when it could add a subsidy.  Every
amount shipped is example data.  Paths are relative to a :class:`SubsidyRequest`.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

import attrs

from civaffairs.decisions import (
    Amount,
    AmountLine,
    Citation,
    Decision,
    Draft,
    Outcome,
    Period,
    Reason,
    ReasonCode,
    programme,
)
from civaffairs.eldercare.assessment import valid_until
from civaffairs.eldercare.groups import (
    Membership,
    OlderPerson,
    TargetGroup,
    any_of,
    memberships,
    names,
    not_older_person,
    not_older_reason,
)
from civaffairs.eldercare.laws import (
    ABILITY_ASSESSMENT_STANDARD,
    DISABILITY_SUBSIDIES_OPINION,
    ELDER_SUBSIDIES_NOTICE,
    OLDER_PERSONS_LAW,
    SOCIAL_ASSISTANCE_MEASURES,
    SUIZHOU_WORK_PLAN_2025,
)
from civaffairs.entities import AbilityGrade, AssistanceLayer
from civaffairs.errors import InvalidInputError
from civaffairs.labels import Labelled
from civaffairs.money import ZERO, YuanInput, format_yuan, yuan
from civaffairs.parameters import ParameterBook, ParameterValue, default_book

__all__ = ["PROGRAMME", "CareSetting", "SubsidyRequest", "assess"]

PROGRAMME = programme("eldercare.subsidies")


class CareSetting(Labelled):
    """Where the older person is cared for: at home, with a family bed, or in an institution.

    .. versionadded:: 0.1.0
    """

    HOME = "home", "居家", "at home"
    FAMILY_BED = "family_bed", "居家(家庭养老床位)", "at home with a family eldercare bed"
    CONCENTRATED = "concentrated", "集中照护(入住养老机构)", "concentrated care in an institution"


def _calendar_date_or_none(
    _instance: object, attribute: attrs.Attribute[dt.date | None], value: object
) -> None:
    if value is not None and (not isinstance(value, dt.date) or isinstance(value, dt.datetime)):
        raise InvalidInputError(f"$.{attribute.name}", value, "a calendar date or null")


def _optional_yuan(value: YuanInput | None) -> Decimal | None:
    return None if value is None else yuan(value, path="$.disability_care_subsidy")


def _older(_instance: object, attribute: attrs.Attribute[OlderPerson], value: object) -> None:
    if not isinstance(value, OlderPerson):
        raise InvalidInputError(f"$.{attribute.name}", type(value).__name__, "an older person")


def _setting(_instance: object, attribute: attrs.Attribute[CareSetting], value: object) -> None:
    if not isinstance(value, CareSetting):
        raise InvalidInputError(
            f"$.{attribute.name}", value, "'home', 'family_bed' or 'concentrated'"
        )


@attrs.frozen
class SubsidyRequest:
    """One older person's request for the subsidies, as a single value (JSON, policy cases).

    - ``older``: the shared facts (:class:`~civaffairs.eldercare.groups.OlderPerson`): the
      assistance layer, the GB/T 42195 grade (``older.ability``), the disability
      certificate (``older.person.disability``);
    - ``setting``: where the person is cared for (:class:`CareSetting`);
    - ``ability_assessed_on``: the date of the assessment that gave ``older.ability``
      (``None``: not established), read for its validity;
    - ``disability_care_subsidy``: the monthly 重度残疾人护理补贴 the person is entitled to
      (``0``: none), for 择高; ``None`` when not established.  Needed only for a holder of
      a disability certificate outside 特困 support; a positive amount for anyone else
      contradicts the other facts and is refused (:class:`~civaffairs.errors.InvalidInputError`
      at ``$.disability_care_subsidy``).

    .. versionadded:: 0.1.0
    """

    older: OlderPerson = attrs.field(validator=_older)
    setting: CareSetting = attrs.field(validator=_setting)
    ability_assessed_on: dt.date | None = attrs.field(
        default=None, validator=_calendar_date_or_none
    )
    disability_care_subsidy: Decimal | None = attrs.field(default=None, converter=_optional_yuan)

    def __attrs_post_init__(self) -> None:
        assessed = self.ability_assessed_on
        if assessed is not None and assessed < self.older.person.birth_date:
            raise InvalidInputError(
                "$.ability_assessed_on",
                assessed.isoformat(),
                "a date on or after the person's birth date",
            )
        received = self.disability_care_subsidy
        if received is not None and received > 0:
            # 52号 二(一): the care subsidy is for certificate holders; 二(四) as restated: not
            # for a person in 特困 support.  A positive amount for either contradicts the facts
            # the rule reads, and would be ignored (a 择高 not made): refused instead.
            if self.older.person.disability is None:
                raise InvalidInputError(
                    "$.disability_care_subsidy",
                    received,
                    "0 or null: the person holds no disability certificate "
                    "($.older.person.disability), so receives no severe-disability care subsidy",
                )
            if self.older.layer is AssistanceLayer.EXTREME_POVERTY:
                raise InvalidInputError(
                    "$.disability_care_subsidy",
                    received,
                    "0 or null: a person in 特困 support ($.older.layer) receives no "
                    "severe-disability care subsidy",
                )

    @property
    def label(self) -> str:
        """How the person is named in decisions (masked; :attr:`OlderPerson.label`)."""
        return self.older.label


# -- citations and reasons ---------------------------------------------------------------------

_NOTICE_NOT_READ = "财社〔2014〕113号's text was not read; the rule rests on the Law's own articles"
_ART_30 = Citation(
    OLDER_PERSONS_LAW,
    "第三十条第二款",
    note="对生活长期不能自理、经济困难的老年人…根据其失能程度等情况给予护理补贴",
)
_ART_37 = Citation(
    OLDER_PERSONS_LAW, "第三十七条第二款", note="对经济困难的老年人…逐步给予养老服务补贴"
)
_ART_37_HOME = Citation(
    OLDER_PERSONS_LAW,
    "第三十七条",
    note="para. 1 is about services for older persons living at home (居家的老年人); "
    "INFERENCE: the service subsidy is for home care",
)
_ECONOMIC = Citation(
    ELDER_SUBSIDIES_NOTICE,
    None,
    note=f"经济困难 is local (arts. 30 and 37: 地方各级人民政府); {_NOTICE_NOT_READ}",
)
_VALIDITY = Citation(
    ABILITY_ASSESSMENT_STANDARD,
    "评估类型 (常规评估)",
    note="the routine interval is recalled, not read in the standard (eldercare.assessment)",
)
_EXTREME_POVERTY_CARE = Citation(
    SOCIAL_ASSISTANCE_MEASURES,
    "第十五条(二)",
    note="特困人员供养的内容包括…对生活不能自理的给予照料; INFERENCE: no second care subsidy",
)
_HIGHER_OF = Citation(
    DISABILITY_SUBSIDIES_OPINION,
    "二(四) 政策衔接",
    note="read as restated by 江西 上饶 (择高申领其中一类护理补贴(津贴)) and 广州 2021 "
    "(养老护理补贴应与重度残疾人护理补贴择高享受; 以经济状况为标准发放的养老服务补贴…可重复享受)",
)
_EXTREME_POVERTY_NO_DISABILITY_CARE = Citation(
    DISABILITY_SUBSIDIES_OPINION,
    "二(四) 政策衔接",
    note="纳入特困人员供养保障的残疾人不享受残疾人两项补贴 (as restated by 湖北 2016, 广州, 上饶)",
)
_CARE_SUBJECTS = Citation(
    DISABILITY_SUBSIDIES_OPINION,
    "二(一) 补贴对象",
    note="the care subsidy is for holders of a disability certificate of grade 1 or 2 (or as "
    "locally extended)",
)
_FAMILY_BED = Citation(
    ELDER_SUBSIDIES_NOTICE,
    None,
    note="家庭养老床位: seeds 000 and 004 plan the beds; eligibility and amount are local "
    f"(example data); {_NOTICE_NOT_READ}",
)
_CONCENTRATED = Citation(
    SUIZHOU_WORK_PLAN_2025,
    "二(二)",
    note="开展低保家庭失能老年人集中照护…完全失能老年人…按照'预评估、先入住、后补助'的原则",
)

R_NOT_OLDER = not_older_person(PROGRAMME.code)
R_ECONOMIC = ReasonCode.define(
    "eldercare.subsidies.economic",
    "经济困难 (本地认定: {covered}): {result}",
    "in economic difficulty (covered here: {covered_en}): {result_en}",
    _ECONOMIC,
)
R_SETTING = ReasonCode.define(
    "eldercare.subsidies.setting",
    "照护方式: {setting}",
    "care setting: {setting_en}",
    _ART_37_HOME,
)
R_ASSESSMENT_CURRENT = ReasonCode.define(
    "eldercare.subsidies.assessment_current",
    "能力等级{grade}, 评估于 {assessed_on}, 有效至 {valid_until}",
    "ability grade {grade_en}, assessed on {assessed_on}, current until {valid_until}",
    _VALIDITY,
)
R_ASSESSMENT_OUT_OF_DATE = ReasonCode.define(
    "eldercare.subsidies.assessment_out_of_date",
    "能力等级{grade}评估于 {assessed_on}, 已于 {valid_until} 到期: 应重新评估, 不据以发放补贴",
    "ability grade {grade_en} assessed on {assessed_on} expired on {valid_until}: a "
    "reassessment is due, and no subsidy rests on it",
    _VALIDITY,
)
R_ASSESSMENT_DATE_UNKNOWN = ReasonCode.define(
    "eldercare.subsidies.assessment_date_unknown",
    "能力等级{grade}的评估日期未确定, 无法判断评估结果是否仍然有效",
    "the assessment date of the grade {grade_en} is not established: whether it is current "
    "cannot be told",
    _VALIDITY,
)
R_SERVICE = ReasonCode.define(
    "eldercare.subsidies.service",
    "养老服务补贴: {result}",
    "service subsidy: {result_en}",
    _ART_37,
)
R_CARE = ReasonCode.define(
    "eldercare.subsidies.care",
    "护理补贴: {result}",
    "care subsidy: {result_en}",
    _ART_30,
)
R_CARE_EXTREME_POVERTY = ReasonCode.define(
    "eldercare.subsidies.care_extreme_poverty",
    "特困人员供养已包括对生活不能自理的给予照料, 不另发护理补贴",
    "support in extreme poverty already includes care for those unable to care for "
    "themselves: no separate care subsidy",
    _EXTREME_POVERTY_CARE,
)
R_NO_DISABILITY_CARE = ReasonCode.define(
    "eldercare.subsidies.no_disability_care",
    "特困人员, 不享受重度残疾人护理补贴",
    "in extreme poverty: no severe-disability care subsidy",
    _EXTREME_POVERTY_NO_DISABILITY_CARE,
)
R_NO_CERTIFICATE = ReasonCode.define(
    "eldercare.subsidies.no_certificate",
    "未持有残疾人证, 不享受重度残疾人护理补贴",
    "holds no disability certificate: no severe-disability care subsidy",
    _CARE_SUBJECTS,
)
R_DISABILITY_CARE_UNKNOWN = ReasonCode.define(
    "eldercare.subsidies.disability_care_unknown",
    "持有残疾人证, 所享受的重度残疾人护理补贴金额未确定, 无法择高",
    "holds a disability certificate, and the severe-disability care subsidy received is not "
    "established: the higher cannot be chosen",
    _HIGHER_OF,
)
R_HIGHER_OF = ReasonCode.define(
    "eldercare.subsidies.higher_of",
    "重度残疾人护理补贴每月 {other} 元, {which}每月 {amount} 元: 择高享受{chosen}",
    "severe-disability care subsidy {other} yuan a month, {which_en} {amount} yuan a month: "
    "the higher is paid ({chosen_en})",
    _HIGHER_OF,
)
R_FAMILY_BED = ReasonCode.define(
    "eldercare.subsidies.family_bed",
    "家庭养老床位补贴: {result}",
    "family eldercare bed subsidy: {result_en}",
    _FAMILY_BED,
)
R_CONCENTRATED = ReasonCode.define(
    "eldercare.subsidies.concentrated",
    "集中照护补助: {result}",
    "concentrated-care subsidy: {result_en}",
    _CONCENTRATED,
)
R_CONCENTRATED_EXTREME_POVERTY = ReasonCode.define(
    "eldercare.subsidies.concentrated_extreme_poverty",
    "特困人员的集中照护属特困人员供养(集中供养), 不适用本补助",
    "the concentrated care of a person in extreme poverty is extreme-poverty support "
    "(institutional support) itself: this subsidy does not apply",
    _EXTREME_POVERTY_CARE,
)
R_ADMIT_FIRST = ReasonCode.define(
    "eldercare.subsidies.admit_first",
    "按'预评估、先入住、后补助': 可凭预评估先行入住, 补助待能力评估确定为完全失能后核定",
    "'pre-assess, admit first, subsidise after': the person may be admitted on a "
    "pre-assessment; the subsidy follows once the assessment finds complete loss of ability",
    _CONCENTRATED,
)
R_MISSING = ReasonCode.define(
    "eldercare.subsidies.missing_facts",
    "以下事实未确定, 可能增加补贴: {paths}",
    "facts not established that could add a subsidy: {paths}",
    _ECONOMIC,
)
R_AMOUNT = ReasonCode.define(
    "eldercare.subsidies.amount",
    "每月补贴合计 {amount} 元 ({lines})",
    "{amount} yuan a month in all ({lines_en})",
    _ECONOMIC,
)

#: The assistance layers from 特困 down, in the order ``covered_layers`` counts them.
_LAYERS: tuple[AssistanceLayer, ...] = tuple(a for a in AssistanceLayer if a.is_low_income)
_GRADE_SUFFIX: Mapping[AbilityGrade, str] = {
    AbilityGrade.MILD: "mild",
    AbilityGrade.MODERATE: "moderate",
    AbilityGrade.SEVERE: "severe",
    AbilityGrade.COMPLETE: "complete",
}
_GROUPS = (
    TargetGroup.OLDER_PERSON,
    *(TargetGroup(layer.value) for layer in _LAYERS),
    TargetGroup.VERY_OLD,
    TargetGroup.DISABLED,
    TargetGroup.COMPLETELY_DISABLED,
)
_GRADED = (TargetGroup.DISABLED, TargetGroup.COMPLETELY_DISABLED)


@attrs.frozen
class _Part:
    """One subsidy's answer: paid (an amount), not paid, or undecided (the facts missing)."""

    held: bool | None
    line: AmountLine | None = None
    missing: tuple[str, ...] = ()


@attrs.frozen
class _Case:
    """What every step reads: the request, the place, the date, the book, the memberships."""

    request: SubsidyRequest
    where: str
    on: dt.date
    book: ParameterBook
    found: Mapping[TargetGroup, Membership]
    reasons: list[Reason]

    def money(self, name: str) -> tuple[Decimal, ParameterValue]:
        return self.book.money(name, self.where, self.on)

    @property
    def layer(self) -> AssistanceLayer | None:
        return self.request.older.layer


def _text(zh: str, en: str) -> dict[str, str]:
    return {"result": zh, "result_en": en}


def _older_path(path: str | None) -> str | None:
    """Turn a path of :class:`OlderPerson` (``$.layer``) into one of the request."""
    return None if path is None else "$.older." + path.removeprefix("$.")


def assess(
    request: SubsidyRequest,
    on: dt.date,
    *,
    jurisdiction: str | None = None,
    book: ParameterBook | None = None,
) -> Decision:
    """Decide the monthly subsidies for ``request`` on ``on``.

    ``jurisdiction`` defaults to the person's place of registration.  The amount is
    monthly, one line per subsidy paid.  An assessment dated after ``on`` is an
    :class:`~civaffairs.errors.InvalidInputError` at ``$.ability_assessed_on``.

    .. versionadded:: 0.1.0
    """
    if not isinstance(request, SubsidyRequest):
        raise InvalidInputError("$", type(request).__name__, "a SubsidyRequest")
    assessed = request.ability_assessed_on
    if assessed is not None and assessed > on:
        raise InvalidInputError(
            "$.ability_assessed_on",
            assessed.isoformat(),
            f"a date on or before the as-of date {on.isoformat()}",
        )
    book = book or default_book()
    older = request.older
    where = jurisdiction or older.person.registration.jurisdiction
    reasons: list[Reason] = []
    decision = Draft(PROGRAMME.code, request.label, on, where, reasons).decide

    # 1. Older person.
    found = {
        group: attrs.evolve(m, missing=_older_path(m.missing))
        for group, m in memberships(older, _GROUPS, on, jurisdiction=where, book=book).items()
    }
    if (too_young := not_older_reason(found, R_NOT_OLDER)) is not None:
        reasons.append(too_young)
        return decision(Outcome.NOT_ELIGIBLE)

    # 2. Economic difficulty.
    economic, economic_missing = _economic(found, where, on, book, reasons)
    if economic is False:
        return decision(Outcome.NOT_ELIGIBLE)

    # 3. The grade, while its assessment is current.
    found = _current_grade(request, found, where, on, book, reasons)

    # 4–5. The subsidies of the setting.
    reasons.append(
        R_SETTING.reason(None, setting=request.setting.zh, setting_en=request.setting.en)
    )
    case = _Case(request, where, on, book, found, reasons)
    if request.setting is CareSetting.CONCENTRATED:
        parts = [_concentrated(case)]
    else:
        parts = [_service(case), _care(case)]
        if request.setting is CareSetting.FAMILY_BED:
            parts.append(_family_bed(case))

    undecided = [p for p in parts if p.held is None]
    if undecided or (economic is None and any(p.held for p in parts)):
        paths = tuple(
            dict.fromkeys((*economic_missing, *(path for p in undecided for path in p.missing)))
        )
        reasons.append(R_MISSING.reason(None, paths=", ".join(paths)))
        return decision(Outcome.CANNOT_DECIDE, missing=paths)
    lines = tuple(p.line for p in parts if p.held and p.line is not None)
    if economic is None or not lines:
        return decision(Outcome.NOT_ELIGIBLE)
    total = sum((line.amount for line in lines), ZERO)
    reasons.append(
        R_AMOUNT.reason(
            True,
            amount=format_yuan(total, "exact"),
            lines=" + ".join(f"{line.zh} {format_yuan(line.amount, 'exact')} 元" for line in lines),
            lines_en=" + ".join(f"{line.en} {format_yuan(line.amount, 'exact')}" for line in lines),
        )
    )
    return decision(Outcome.ELIGIBLE, Amount(total, Period.MONTHLY, lines))


def _economic(
    found: Mapping[TargetGroup, Membership],
    where: str,
    on: dt.date,
    book: ParameterBook,
    reasons: list[Reason],
) -> tuple[bool | None, tuple[str, ...]]:
    """Step 2: the person's layer is among the covered ones (three-valued)."""
    count, used = book.count("eldercare.subsidies.covered_layers", where, on)
    covered = _LAYERS[: max(0, count)]
    groups = tuple(frozenset({TargetGroup(layer.value)}) for layer in covered)
    held, alternative, missing = any_of(groups, found)
    if held and alternative is not None:
        result = _text("属于" + names(alternative), names(alternative, "en"))
    elif held is None:
        result = _text("救助层级未确定", "the assistance layer is not established")
    else:
        result = _text("不属于", "no")
    reasons.append(
        R_ECONOMIC.reason(
            held,
            (used,),
            covered="、".join(layer.zh for layer in covered) or "无",
            covered_en=", ".join(layer.en for layer in covered) or "none",
            **result,
        )
    )
    return held, missing


def _current_grade(  # noqa: PLR0917 - the step reads the request, the place, the date, the book
    request: SubsidyRequest,
    found: dict[TargetGroup, Membership],
    where: str,
    on: dt.date,
    book: ParameterBook,
    reasons: list[Reason],
) -> dict[TargetGroup, Membership]:
    """Step 3: a grade counts only while its assessment is current (GB/T 42195 validity).

    An intact grade needs no date: it qualifies for nothing either way.
    """
    grade = request.older.ability
    if grade is None or grade is AbilityGrade.INTACT:
        return found
    words = {"grade": grade.zh, "grade_en": grade.en}
    assessed = request.ability_assessed_on
    if assessed is None:
        reasons.append(R_ASSESSMENT_DATE_UNKNOWN.reason(None, (), **words))
        return found | {
            g: Membership(g, None, "$.ability_assessed_on")
            for g in _GRADED
            if found[g].member is True
        }
    until, used = valid_until(
        assessed, on, jurisdiction=where, book=book, path="$.ability_assessed_on"
    )
    dates = {"assessed_on": assessed.isoformat(), "valid_until": until.isoformat()}
    if on > until:
        reasons.append(R_ASSESSMENT_OUT_OF_DATE.reason(False, (used,), **words, **dates))
        return found | {g: Membership(g, False) for g in _GRADED}
    reasons.append(R_ASSESSMENT_CURRENT.reason(True, (used,), **words, **dates))
    return found


def _service(case: _Case) -> _Part:
    """养老服务补贴 (art. 37 para. 2): every older person in economic difficulty, at home.

    Art. 37 para. 2 names every older person in economic difficulty ("对经济困难的老年人，
    地方各级人民政府应当逐步给予养老服务补贴"); where
    ``eldercare.subsidies.service.very_old_or_disabled_only`` holds (the shipped example,
    after the title of 财社〔2014〕113号, not read) only the very old or disabled.
    """
    only, only_used = case.book.flag(
        "eldercare.subsidies.service.very_old_or_disabled_only", case.where, case.on
    )
    alternatives = (
        (frozenset({TargetGroup.VERY_OLD}), frozenset({TargetGroup.DISABLED}))
        if only
        else (frozenset({TargetGroup.OLDER_PERSON}),)
    )
    held, alternative, missing = any_of(alternatives, case.found)
    if held is False:
        case.reasons.append(
            R_SERVICE.reason(
                False,
                (only_used,),
                **_text(
                    "本地限于高龄、失能老年人: 非高龄、非失能",
                    "paid here only to the very old or disabled: neither",
                ),
            )
        )
        return _Part(False)
    amount, used = case.money("eldercare.subsidies.service.amount")
    if held is None:
        case.reasons.append(
            R_SERVICE.reason(
                None,
                (only_used, used),
                **_text("高龄或失能未确定", "very old or disabled: not established"),
            )
        )
        return _Part(None if amount > 0 else False, missing=missing)
    assert alternative is not None  # noqa: S101 - any_of gives the alternative when it holds
    group_params = (only_used, *(p for g in alternative for p in case.found[g].parameters))
    if amount <= 0:
        case.reasons.append(
            R_SERVICE.reason(
                False, (used, *group_params), **_text("本地未设该补贴", "none set here")
            )
        )
        return _Part(False)
    higher_of, flag_used = case.book.flag(
        "eldercare.subsidies.service.higher_of_disability_care", case.where, case.on
    )
    case.reasons.append(
        R_SERVICE.reason(
            True,
            (used, *group_params),
            **_text(
                f"{names(alternative)}, 每月 {format_yuan(amount, 'exact')} 元",
                f"{names(alternative, 'en')}: {format_yuan(amount, 'exact')} yuan a month",
            ),
        )
    )
    line = AmountLine("service", "养老服务补贴", "service subsidy", amount)
    if not higher_of:
        return _Part(True, line)
    return _higher_of(case, line, (flag_used,))


def _care(case: _Case) -> _Part:
    """护理补贴 (art. 30 para. 2): disabled, by grade; not 特困; 择高 with the disability one."""
    if case.layer is AssistanceLayer.EXTREME_POVERTY:
        case.reasons.append(R_CARE_EXTREME_POVERTY.reason(False))
        return _Part(False)
    disabled = case.found[TargetGroup.DISABLED]
    if disabled.member is False:
        case.reasons.append(
            R_CARE.reason(
                False,
                disabled.parameters,
                **_text("非失能 (或评估已过期)", "not disabled (or the assessment is out of date)"),
            )
        )
        return _Part(False)
    if disabled.member is None:
        case.reasons.append(
            R_CARE.reason(
                None, (), **_text("失能程度未确定", "the degree of disability is not established")
            )
        )
        return _Part(None, missing=(disabled.missing,) if disabled.missing else ())
    grade = case.request.older.ability
    assert grade is not None  # noqa: S101 - DISABLED holds: there is a grade
    amount, used = case.money(f"eldercare.subsidies.care.{_GRADE_SUFFIX[grade]}")
    if amount <= 0:
        case.reasons.append(
            R_CARE.reason(
                False, (used,), **_text(f"{grade.zh}: 本地不发放", f"{grade.en}: none set here")
            )
        )
        return _Part(False)
    case.reasons.append(
        R_CARE.reason(
            True,
            (used, *disabled.parameters),
            **_text(
                f"{grade.zh}, 每月 {format_yuan(amount, 'exact')} 元",
                f"{grade.en}: {format_yuan(amount, 'exact')} yuan a month",
            ),
        )
    )
    return _higher_of(case, AmountLine("care", "护理补贴", "care subsidy", amount), ())


def _disability_care(case: _Case) -> tuple[Decimal | None, str | None]:
    """Return the disability care subsidy received a month, or ``None`` when not established."""
    person = case.request.older.person
    if case.layer is AssistanceLayer.EXTREME_POVERTY:
        case.reasons.append(R_NO_DISABILITY_CARE.reason(None))
        return ZERO, None
    if person.disability is None:
        case.reasons.append(R_NO_CERTIFICATE.reason(None))
        return ZERO, None
    if case.request.disability_care_subsidy is None:
        case.reasons.append(R_DISABILITY_CARE_UNKNOWN.reason(None))
        return None, "$.disability_care_subsidy"
    return case.request.disability_care_subsidy, None


def _higher_of(case: _Case, line: AmountLine, used: tuple[ParameterValue, ...]) -> _Part:
    """择高: pay ``line`` only when it is higher than the disability care subsidy received."""
    other, missing = _disability_care(case)
    if other is None:
        return _Part(None, missing=(missing,) if missing else ())
    if other == 0:
        return _Part(True, line)
    paid = line.amount > other
    if not paid and case.layer is None:
        # In 特困 support the person would have no disability care subsidy, and this one
        # would be paid: the unknown layer decides it.
        return _Part(None, missing=("$.older.layer",))
    case.reasons.append(
        R_HIGHER_OF.reason(
            paid,
            used,
            other=format_yuan(other, "exact"),
            which=line.zh,
            which_en=line.en,
            amount=format_yuan(line.amount, "exact"),
            chosen=line.zh if paid else "重度残疾人护理补贴",
            chosen_en=line.en if paid else "the severe-disability care subsidy",
        )
    )
    return _Part(paid, line if paid else None)


def _family_bed(case: _Case) -> _Part:
    """家庭养老床位: a grade at least ``family_bed.min_severity``, in economic difficulty."""
    disabled = case.found[TargetGroup.DISABLED]
    grade = case.request.older.ability
    minimum, min_used = case.book.count(
        "eldercare.subsidies.family_bed.min_severity", case.where, case.on
    )
    if disabled.member is None:
        case.reasons.append(
            R_FAMILY_BED.reason(
                None,
                (min_used,),
                **_text("失能程度未确定", "the degree of disability is not established"),
            )
        )
        return _Part(None, missing=(disabled.missing,) if disabled.missing else ())
    if not disabled.member or grade is None or grade.severity < minimum:
        case.reasons.append(
            R_FAMILY_BED.reason(
                False,
                (min_used,),
                **_text(
                    "能力等级未达到本地标准 (或评估已过期)",
                    "the grade is below the local threshold (or the assessment is out of date)",
                ),
            )
        )
        return _Part(False)
    amount, used = case.money("eldercare.subsidies.family_bed.amount")
    held = amount > 0
    case.reasons.append(
        R_FAMILY_BED.reason(
            held,
            (min_used, used),
            **_text(
                f"{grade.zh}, 每月 {format_yuan(amount, 'exact')} 元",
                f"{grade.en}: {format_yuan(amount, 'exact')} yuan a month",
            ),
        )
    )
    return _Part(
        held,
        AmountLine("family_bed", "家庭养老床位补贴", "family bed subsidy", amount)
        if held
        else None,
    )


def _concentrated(case: _Case) -> _Part:
    """集中照护 (seed 000): completely disabled, of a 低保 household; 预评估、先入住、后补助.

    The plan names 低保 households ("开展低保家庭失能老年人集中照护，摸清低保家庭中的完全
    失能老年人底数"): a 低保边缘 or 刚性支出困难 layer, even where ``covered_layers`` counts
    it as 经济困难 for the other subsidies, does not open this one.
    """
    if case.layer is AssistanceLayer.EXTREME_POVERTY:
        case.reasons.append(R_CONCENTRATED_EXTREME_POVERTY.reason(False))
        return _Part(False)
    if case.layer is not None and case.layer is not AssistanceLayer.DIBAO:
        case.reasons.append(
            R_CONCENTRATED.reason(
                False,
                (),
                **_text(f"非低保家庭({case.layer.zh})", f"not a dibao household ({case.layer.en})"),
            )
        )
        return _Part(False)
    complete = case.found[TargetGroup.COMPLETELY_DISABLED]
    if complete.member is None:
        if case.request.older.ability is None:
            case.reasons.append(R_ADMIT_FIRST.reason(None))
        case.reasons.append(
            R_CONCENTRATED.reason(
                None, (), **_text("是否完全失能未确定", "complete loss of ability: not established")
            )
        )
        return _Part(None, missing=(complete.missing,) if complete.missing else ())
    if not complete.member:
        case.reasons.append(
            R_CONCENTRATED.reason(
                False,
                (),
                **_text(
                    "非完全失能 (或评估已过期)",
                    "not a complete loss of ability (or the assessment is out of date)",
                ),
            )
        )
        return _Part(False)
    amount, used = case.money("eldercare.subsidies.concentrated.amount")
    held = amount > 0
    case.reasons.append(
        R_CONCENTRATED.reason(
            held,
            (used,),
            **_text(
                f"完全失能, 每月 {format_yuan(amount, 'exact')} 元",
                f"complete loss of ability: {format_yuan(amount, 'exact')} yuan a month",
            ),
        )
    )
    line = AmountLine("concentrated", "集中照护补助", "concentrated-care subsidy", amount)
    return _Part(held, line if held else None)
