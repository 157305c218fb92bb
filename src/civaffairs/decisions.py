"""Decisions: what every calculator returns, with reasons, citations and parameter sources.

A :class:`Decision` names the programme, the (masked) subject, the as-of date
and jurisdiction, an :class:`Outcome`, an optional :class:`Amount` with its
breakdown, and the :class:`Reason` list.  Each reason has a stable code from a
catalogue (:func:`reason_codes`), a Chinese and an English message, the
parameter values it used (each with its own source) and the article of the
regulation it applies.

Rendering: :func:`render` gives plain text in ``zh`` or ``en``; JSON goes
through :mod:`civaffairs.conversion`.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import string
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

import attrs

from civaffairs import registry
from civaffairs.errors import InvalidInputError
from civaffairs.labels import Labelled, Language, Worded
from civaffairs.money import format_yuan
from civaffairs.parameters import ParameterValue, Status

__all__ = [
    "Amount",
    "AmountLine",
    "Citation",
    "Decision",
    "Document",
    "Draft",
    "Language",
    "Outcome",
    "PayablePeriod",
    "Period",
    "Programme",
    "Reason",
    "ReasonCode",
    "Tally",
    "first_of_month",
    "month_after",
    "programmes",
    "reason_codes",
    "render",
]


class Outcome(Labelled):
    """The outcome of a decision.

    .. versionadded:: 0.1.0
    """

    ELIGIBLE = "eligible", "符合条件", "eligible"
    NOT_ELIGIBLE = "not_eligible", "不符合条件", "not eligible"
    #: Facts missing; see ``Decision.missing``.
    CANNOT_DECIDE = "cannot_decide", "无法判定", "cannot decide"


class Period(Labelled):
    """What an amount is: a monthly payment, a one-off payment, or a fee waived.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 Members carry their labels (:class:`~civaffairs.labels.Labelled`).
    """

    MONTHLY = "monthly", "每月", "monthly"
    ONE_OFF = "one_off", "一次性", "one-off"
    FEE_WAIVED = "fee_waived", "减免费用", "fees waived"


@attrs.frozen
class Document:
    """A regulation or normative document, by title and number (文号).

    .. versionadded:: 0.1.0
    """

    title: str
    number: str | None = None
    en: str | None = None


@attrs.frozen
class Citation:
    """The article of a document that a rule applies.

    ``note`` says when an article number was recalled or restated rather than
    read in the issuing body's own text.

    .. versionadded:: 0.1.0
    """

    document: Document
    article: str | None = None
    note: str | None = None

    def cite(self) -> str:
        """Return e.g. ``《社会救助暂行办法》(国务院令第649号) 第九条``."""
        text = f"《{self.document.title}》"
        if self.document.number:
            text += f"({self.document.number})"
        if self.article:
            text += f" {self.article}"
        if self.note:
            text += f" [{self.note}]"
        return text


@attrs.frozen
class Programme(Worded):
    """A programme a calculator decides on, e.g. ``assistance.dibao`` (最低生活保障).

    Its name in a language is :meth:`~civaffairs.labels.Worded.label`.

    .. versionadded:: 0.1.0
    """

    code: str
    zh: str
    en: str


_PROGRAMMES: dict[str, Programme] = {}
_REASON_CODES: dict[str, ReasonCode] = {}


def programme(code: str, zh: str | None = None, en: str | None = None) -> Programme:
    """Declare a programme (once, in the module that implements it) and return it.

    A programme of the :mod:`civaffairs.registry` takes its names from its
    registry entry — ``programme("assistance.dibao")`` — so they have one
    home; names given for it must be the registry's.  A programme of your own,
    outside the registry, gives its Chinese and English names here.

    .. versionadded:: 0.1.0
    """
    known = registry.find(code)
    if known is not None:
        if (zh or known.zh, en or known.en) != (known.zh, known.en):
            raise ValueError(f"programme {code!r}: its names are the registry's ({known.zh})")
        zh, en = known.zh, known.en
    elif zh is None or en is None:
        raise ValueError(f"programme {code!r} is not in the registry: give its zh and en names")
    if code in _PROGRAMMES:
        raise ValueError(f"programme {code!r} is declared twice")
    declared = Programme(code, zh, en)
    _PROGRAMMES[code] = declared
    return declared


def programmes() -> Mapping[str, Programme]:
    """Return every programme by code: the registry's, then any declared outside it.

    .. versionadded:: 0.1.0
    """
    listed = {e.code: Programme(e.code, e.zh, e.en) for e in registry.ENTRIES}
    return listed | {code: p for code, p in _PROGRAMMES.items() if code not in listed}


@attrs.frozen
class Reason:
    """One step of a decision: what was checked, what was found, under which article.

    ``met`` is ``True`` when a condition holds, ``False`` when it fails and
    ``None`` for steps that only explain (an amount computation).  ``facts``
    are the values the messages quote, as plain strings (amounts in yuan as
    decimal strings, persons already masked), so that machines can read them
    too.  The messages :attr:`zh` and :attr:`en` are formatted when first
    read, from the templates of the reason's :class:`ReasonCode`.

    .. versionadded:: 0.1.0
    """

    code: str
    met: bool | None
    citation: Citation
    parameters: tuple[ParameterValue, ...] = ()
    facts: tuple[tuple[str, str], ...] = ()
    template_zh: str = attrs.field(default="", repr=False, eq=False)
    template_en: str = attrs.field(default="", repr=False, eq=False)

    @functools.cached_property
    def zh(self) -> str:
        """The message in Chinese."""
        return self.template_zh.format_map(dict(self.facts))

    @functools.cached_property
    def en(self) -> str:
        """The message in English."""
        return self.template_en.format_map(dict(self.facts))

    def message(self, lang: Language) -> str:
        """Return the message in ``lang``."""
        return self.zh if lang == "zh" else self.en

    @classmethod
    def from_messages(  # noqa: PLR0917 - mirrors the JSON fields in order
        cls,
        code: str,
        met: bool | None,  # noqa: FBT001 - positional, in the JSON field order
        zh: str,
        en: str,
        citation: Citation,
        parameters: tuple[ParameterValue, ...] = (),
        facts: tuple[tuple[str, str], ...] = (),
    ) -> Reason:
        """Rebuild a reason from already formatted messages (as read back from JSON)."""
        return cls(
            code,
            met,
            citation,
            parameters,
            facts,
            template_zh=zh.replace("{", "{{").replace("}", "}}"),
            template_en=en.replace("{", "{{").replace("}", "}}"),
        )


@attrs.frozen
class ReasonCode:
    """A catalogue entry: stable code, message templates in zh and en, and the article.

    Templates use ``str.format`` fields filled from the facts passed to
    :meth:`reason`.  Declare codes with :meth:`define`, once, next to the rule
    that emits them; :func:`reason_codes` lists them all (for docs and audits).

    .. versionadded:: 0.1.0
    """

    code: str
    zh: str
    en: str
    citation: Citation

    @classmethod
    def define(cls, code: str, zh: str, en: str, citation: Citation) -> ReasonCode:
        """Declare and register a reason code; a code may be declared only once."""
        if code in _REASON_CODES:
            raise ValueError(f"reason code {code!r} is declared twice")
        entry = cls(code, zh, en, citation)
        _REASON_CODES[code] = entry
        return entry

    @functools.cached_property
    def fields(self) -> frozenset[str]:
        """The facts the two templates quote (their ``str.format`` field names)."""
        found = set()
        for template in (self.zh, self.en):
            for _, field, _, _ in string.Formatter().parse(template):
                if field:
                    found.add(re.split(r"[.\[]", field, maxsplit=1)[0])
        return frozenset(found)

    def reason(
        self,
        met: bool | None,  # noqa: FBT001 - "met" leads every reason: R.reason(True, ...)
        parameters: Iterable[ParameterValue] = (),
        **facts: str,
    ) -> Reason:
        """Build a :class:`Reason` from this entry and the facts its templates quote.

        Every fact a template quotes must be given: a missing one is a defect of
        the rule, caught here, where the reason is made, not when it is read.
        """
        if not self.fields <= facts.keys():
            lacking = self.fields - facts.keys()
            raise ValueError(f"reason {self.code!r} lacks the facts {sorted(lacking)}")
        return Reason(
            self.code,
            met,
            self.citation,
            tuple(parameters),
            tuple(facts.items()),
            self.zh,
            self.en,
        )


def reason_codes() -> Mapping[str, ReasonCode]:
    """Return the catalogue of every declared reason code.

    Every registered programme's module is imported first
    (:func:`civaffairs.registry.import_all`), so the catalogue is complete.

    .. versionadded:: 0.1.0
    """
    registry.import_all()
    return dict(_REASON_CODES)


@attrs.frozen
class AmountLine(Worded):
    """One line of an amount's breakdown, e.g. the standard for three members.

    Its name in a language is :meth:`~civaffairs.labels.Worded.label`.

    .. versionadded:: 0.1.0
    """

    code: str
    zh: str
    en: str
    amount: Decimal


@attrs.frozen
class Amount:
    """An amount of money a decision grants, with its breakdown.

    .. versionadded:: 0.1.0
    """

    total: Decimal
    period: Period
    lines: tuple[AmountLine, ...] = ()


def first_of_month(day: dt.date) -> dt.date:
    """Return the first day of ``day``'s month: how a payable month is written.

    >>> first_of_month(dt.date(2025, 7, 31))
    datetime.date(2025, 7, 1)

    .. versionadded:: 0.1.0
    """
    return day.replace(day=1)


def month_after(day: dt.date) -> dt.date:
    """Return the first day of the month after ``day``'s (下月, 次月).

    >>> month_after(dt.date(2025, 12, 31))
    datetime.date(2026, 1, 1)

    .. versionadded:: 0.1.0
    """
    if day.month == 12:
        return dt.date(day.year + 1, 1, 1)
    return dt.date(day.year, day.month + 1, 1)


def _month(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None and attribute.name == "last_month":
        return
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime) or value.day != 1:
        raise InvalidInputError(
            f"$.{attribute.name}", value, "the first day of a month (YYYY-MM-01)"
        )


@attrs.frozen
class PayablePeriod:
    """The months a decision pays for, each written as its first day, with the articles.

    ``first_month`` is the first payable month, set by ``first_basis`` (for
    低保, 《最低生活保障审核确认办法》(民发〔2021〕57号) art. 21: "从作出确认同意
    决定之日下月起发放"); ``last_month`` is the last payable month, inclusive,
    or ``None`` while payment continues, set by ``last_basis`` (a 渐退期 or a
    termination "从下月起终止").  ``parameters`` are the parameter values that
    chose these months (a local rule, a period's length), each with its source.
    Build one with :meth:`from_month_after` and end it with :meth:`through` or
    :meth:`stopping_after_month_of`.

    .. versionadded:: 0.1.0
    """

    first_month: dt.date = attrs.field(validator=_month)
    first_basis: Citation
    last_month: dt.date | None = attrs.field(default=None, validator=_month)
    last_basis: Citation | None = None
    parameters: tuple[ParameterValue, ...] = ()

    def __attrs_post_init__(self) -> None:
        if (self.last_month is None) != (self.last_basis is None):
            raise InvalidInputError(
                "$.last_basis",
                "(absent)" if self.last_basis is None else "(present)",
                "an article exactly when last_month is given",
            )
        if self.last_month is not None and self.last_month < self.first_month:
            raise InvalidInputError(
                "$.last_month",
                self.last_month.isoformat(),
                f"a month not before first_month {self.first_month.isoformat()}",
            )

    @classmethod
    def from_month_after(
        cls,
        decided_on: dt.date,
        basis: Citation,
        parameters: Iterable[ParameterValue] = (),
    ) -> PayablePeriod:
        """Payable from the month after the decision date ``decided_on`` (下月起), open-ended.

        The rule of 民发〔2021〕57号 art. 21 (低保), 民发〔2021〕43号 art. 17 (特困:
        "从确认之日下月起给予救助供养待遇") and 民发〔2019〕62号 (事实无人抚养儿童:
        "从确认的次月起纳入保障范围"); ``basis`` names the one applied.
        """
        return cls(month_after(decided_on), basis, parameters=tuple(parameters))

    def through(
        self, last_month: dt.date, basis: Citation, parameters: Iterable[ParameterValue] = ()
    ) -> PayablePeriod:
        """Return this period ending with ``last_month`` (a first of month), inclusive."""
        return attrs.evolve(
            self,
            last_month=last_month,
            last_basis=basis,
            parameters=(*self.parameters, *parameters),
        )

    def stopping_after_month_of(self, decided_on: dt.date, basis: Citation) -> PayablePeriod:
        """Return this period ending with the month of ``decided_on``: stopped from the next month.

        The shape of 民发〔2021〕43号 art. 26 ("作出终止决定并从下月起终止救助供养"):
        the month of the termination decision is still paid.
        """
        return self.through(first_of_month(decided_on), basis)

    def covers(self, day: dt.date) -> bool:
        """Whether ``day``'s month is payable."""
        month = first_of_month(day)
        return self.first_month <= month and (self.last_month is None or month <= self.last_month)

    def describe(self, lang: Language = "zh") -> str:
        """Return e.g. ``2025-08 起`` or ``from 2025-08 through 2026-01``."""
        first = self.first_month.strftime("%Y-%m")
        if lang == "zh":
            if self.last_month is None:
                return f"{first} 起"
            return f"{first} 至 {self.last_month.strftime('%Y-%m')}"
        if self.last_month is None:
            return f"from {first}"
        return f"from {first} through {self.last_month.strftime('%Y-%m')}"


@attrs.frozen
class Decision:
    """The answer of a calculator for one subject on one date.

    ``subject`` is already masked.  ``missing`` lists the paths of facts whose
    absence made the outcome :attr:`Outcome.CANNOT_DECIDE`.  ``payable`` is the
    months a decision that pays money pays for, with the articles that set
    them (:class:`PayablePeriod`); ``None`` where a programme does not set it.
    ``person`` is the id of the household member a person-level decision is
    about (e.g. a 特困 decision), so other programmes find the member by id
    rather than by the display text of ``subject``; ``None`` for household
    decisions and where a calculator does not set it.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 ``person``.
    """

    programme: str
    subject: str
    as_of: dt.date
    jurisdiction: str
    outcome: Outcome
    amount: Amount | None
    reasons: tuple[Reason, ...]
    missing: tuple[str, ...] = ()
    payable: PayablePeriod | None = None
    person: str | None = None

    @property
    def eligible(self) -> bool:
        """Whether the outcome is eligible."""
        return self.outcome is Outcome.ELIGIBLE

    @property
    def payable_from(self) -> dt.date | None:
        """The first payable month (its first day), or ``None``; see :attr:`payable`."""
        return None if self.payable is None else self.payable.first_month

    @property
    def payable_until(self) -> dt.date | None:
        """The last payable month (its first day), or ``None`` while open-ended or unset."""
        return None if self.payable is None else self.payable.last_month

    @property
    def codes(self) -> tuple[str, ...]:
        """The reason codes, in order."""
        return tuple(r.code for r in self.reasons)

    @property
    def uses_example_data(self) -> bool:
        """Whether any parameter value behind this decision is example data, not law."""
        payable = () if self.payable is None else self.payable.parameters
        return any(p.status is Status.EXAMPLE for r in self.reasons for p in r.parameters) or any(
            p.status is Status.EXAMPLE for p in payable
        )

    def render(self, lang: Language = "zh") -> str:
        """Render the decision as plain text; see :func:`render`."""
        return render(self, lang)


@attrs.define
class Draft:
    """A decision being written: its fixed parts, and the reasons gathered so far.

    A calculator appends to :attr:`reasons` as it checks each condition and
    ends with :meth:`decide`, so every programme builds its :class:`Decision`
    the same way.

    .. versionadded:: 0.1.0
    """

    programme: str
    subject: str
    as_of: dt.date
    jurisdiction: str
    reasons: list[Reason] = attrs.Factory(list)
    #: The member id of a person-level decision (:attr:`Decision.person`).
    person: str | None = None

    def decide(
        self,
        outcome: Outcome,
        amount: Amount | None = None,
        *,
        missing: Iterable[str] = (),
        payable: PayablePeriod | None = None,
    ) -> Decision:
        """Return the decision with the reasons gathered so far (and its payable months)."""
        return Decision(
            programme=self.programme,
            subject=self.subject,
            as_of=self.as_of,
            jurisdiction=self.jurisdiction,
            outcome=outcome,
            amount=amount,
            reasons=tuple(self.reasons),
            missing=tuple(missing),
            payable=payable,
            person=self.person,
        )


class Tally:
    """The reasons of one decision so far, with what failed and what is missing.

    A rule checks several cumulative conditions, each of which holds, fails or
    cannot be decided because a fact is missing.  A tally collects the reasons in
    order and combines them the way a case worker does: one failed condition
    decides "not eligible" even when other facts are missing, and only when
    nothing failed do missing facts make the outcome "cannot decide".  Every area
    keeps its decisions' conditions this way (assistance, family).

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0
       Moved here from ``civaffairs.assistance._tally``, which re-exports it.
    """

    __slots__ = ("failed", "missing", "reasons", "unknown")

    def __init__(self) -> None:
        self.reasons: list[Reason] = []
        self.missing: list[str] = []
        self.failed = False
        self.unknown = False

    def add(self, reason: Reason, missing: Iterable[str] = ()) -> Reason:
        """Record ``reason``; a ``met`` of ``False`` fails, ``None`` with ``missing`` is unknown."""
        self.reasons.append(reason)
        # Most reasons name no missing fact: then there is nothing to look through.
        paths = [p for p in missing if p not in self.missing] if missing else []
        self.missing.extend(paths)
        if reason.met is False:
            self.failed = True
        elif reason.met is None and paths:
            self.unknown = True
        return reason

    @property
    def outcome(self) -> Outcome:
        """Not eligible if any condition failed, else cannot decide if any fact is missing."""
        if self.failed:
            return Outcome.NOT_ELIGIBLE
        if self.unknown:
            return Outcome.CANNOT_DECIDE
        return Outcome.ELIGIBLE

    def decision(
        self,
        programme: str,
        subject: str,
        on: dt.date,
        where: str,
        amount: Amount | None = None,
        *,
        person: str | None = None,
        payable: PayablePeriod | None = None,
    ) -> Decision:
        """Build the decision; the amount and payable months are kept only when eligible.

        ``person`` is the member id of a person-level decision (:attr:`Decision.person`), so
        that composing rules match decisions to members by id, never by display text.
        """
        outcome = self.outcome
        eligible = outcome is Outcome.ELIGIBLE
        return Draft(programme, subject, on, where, self.reasons, person=person).decide(
            outcome,
            amount if eligible else None,
            missing=self.missing if outcome is Outcome.CANNOT_DECIDE else (),
            payable=payable if eligible else None,
        )


_TEXT = {
    "zh": {
        "subject": "对象",
        "as_of": "日期",
        "where": "地区",
        "outcome": "结论",
        "amount": "金额",
        "payable": "发放月份",
        "reasons": "理由",
        "basis": "依据",
        "param": "参数",
        "missing": "缺少事实",
        "example": "注意: 本决定使用了示例数据 (非正式政策标准)",
    },
    "en": {
        "subject": "subject",
        "as_of": "as of",
        "where": "jurisdiction",
        "outcome": "outcome",
        "amount": "amount",
        "payable": "payable months",
        "reasons": "reasons",
        "basis": "basis",
        "param": "parameter",
        "missing": "missing facts",
        "example": "NOTE: this decision uses example data, not a sourced policy figure",
    },
}

_MARK = {True: "✓", False: "✗", None: "·"}


def _parameter_line(used: ParameterValue, label: str) -> str:
    """One rendered parameter value: name, place, value, period and source."""
    value = used.value
    shown = (
        format_yuan(value)
        if isinstance(value, Decimal) and used.unit.startswith("CNY")
        else str(value)
    )
    where = f"{used.name} @ {used.jurisdiction}"
    return f"        {label}: {where} = {shown} ({used.period}) — {used.cite()}"


def render(decision: Decision, lang: Language = "zh") -> str:
    """Render ``decision`` as plain text in ``lang`` (``"zh"`` or ``"en"``).

    Every reason shows its article and the parameter values it used, each with
    its period and source; example data is flagged.

    .. versionadded:: 0.1.0
    """
    from civaffairs import jurisdictions  # noqa: PLC0415 - avoid an import cycle at load time

    text = _TEXT[lang]
    known = _PROGRAMMES.get(decision.programme)
    title = known.label(lang) if known else decision.programme
    place = jurisdictions.get(decision.jurisdiction)
    lines = [
        f"{title} [{decision.programme}]",
        f"  {text['subject']}: {decision.subject}",
        f"  {text['as_of']}: {decision.as_of.isoformat()}",
        f"  {text['where']}: {place.name} ({place.code})",
        f"  {text['outcome']}: {decision.outcome.label(lang)}",
    ]
    if decision.amount is not None:
        amount = decision.amount
        lines.append(f"  {text['amount']}: {amount.period.label(lang)} {format_yuan(amount.total)}")
        lines.extend(
            f"    - {line.label(lang)}: {format_yuan(line.amount)}" for line in amount.lines
        )
    if decision.payable is not None:
        payable = decision.payable
        lines.append(f"  {text['payable']}: {payable.describe(lang)}")
        lines.append(f"        {text['basis']}: {payable.first_basis.cite()}")
        if payable.last_basis is not None:
            lines.append(f"        {text['basis']}: {payable.last_basis.cite()}")
        lines.extend(_parameter_line(used, text["param"]) for used in payable.parameters)
    if decision.missing:
        lines.append(f"  {text['missing']}: {', '.join(decision.missing)}")
    lines.append(f"  {text['reasons']}:")
    for reason in decision.reasons:
        lines.append(f"    {_MARK[reason.met]} [{reason.code}] {reason.message(lang)}")
        lines.append(f"        {text['basis']}: {reason.citation.cite()}")
        lines.extend(_parameter_line(used, text["param"]) for used in reason.parameters)
    if decision.uses_example_data:
        lines.append(f"  {text['example']}")
    return "\n".join(lines)
