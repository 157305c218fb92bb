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
import enum
import functools
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Literal

import attrs

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
    "Period",
    "Programme",
    "Reason",
    "ReasonCode",
    "programmes",
    "reason_codes",
    "render",
]

#: The languages decisions render in.
Language = Literal["zh", "en"]


class Outcome(enum.Enum):
    """The outcome of a decision.

    .. versionadded:: 0.1.0
    """

    ELIGIBLE = "eligible"  #: 符合条件
    NOT_ELIGIBLE = "not_eligible"  #: 不符合条件
    CANNOT_DECIDE = "cannot_decide"  #: 无法判定 (facts missing; see ``Decision.missing``)

    def label(self, lang: Language) -> str:
        """Return the outcome in ``lang``."""
        return _OUTCOME_LABELS[self][0 if lang == "zh" else 1]


_OUTCOME_LABELS = {
    Outcome.ELIGIBLE: ("符合条件", "eligible"),
    Outcome.NOT_ELIGIBLE: ("不符合条件", "not eligible"),
    Outcome.CANNOT_DECIDE: ("无法判定", "cannot decide"),
}


class Period(enum.Enum):
    """What an amount is: a monthly payment, a one-off payment, or a fee waived.

    .. versionadded:: 0.1.0
    """

    MONTHLY = "monthly"
    ONE_OFF = "one_off"
    FEE_WAIVED = "fee_waived"


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
class Programme:
    """A programme a calculator decides on, e.g. ``assistance.dibao`` (最低生活保障).

    .. versionadded:: 0.1.0
    """

    code: str
    zh: str
    en: str

    def label(self, lang: Language) -> str:
        """Return the programme's name in ``lang``."""
        return self.zh if lang == "zh" else self.en


_PROGRAMMES: dict[str, Programme] = {}
_REASON_CODES: dict[str, ReasonCode] = {}


def programme(code: str, zh: str, en: str) -> Programme:
    """Declare a programme (once, in the module that implements it) and register it.

    .. versionadded:: 0.1.0
    """
    if code in _PROGRAMMES:
        raise ValueError(f"programme {code!r} is declared twice")
    declared = Programme(code, zh, en)
    _PROGRAMMES[code] = declared
    return declared


def programmes() -> Mapping[str, Programme]:
    """Return every declared programme by code.

    .. versionadded:: 0.1.0
    """
    return dict(_PROGRAMMES)


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

    def reason(
        self,
        met: bool | None,  # noqa: FBT001 - "met" leads every reason: R.reason(True, ...)
        parameters: Iterable[ParameterValue] = (),
        **facts: str,
    ) -> Reason:
        """Build a :class:`Reason` from this entry and the facts its templates quote."""
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

    .. versionadded:: 0.1.0
    """
    return dict(_REASON_CODES)


@attrs.frozen
class AmountLine:
    """One line of an amount's breakdown, e.g. the standard for three members.

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


@attrs.frozen
class Decision:
    """The answer of a calculator for one subject on one date.

    ``subject`` is already masked.  ``missing`` lists the paths of facts whose
    absence made the outcome :attr:`Outcome.CANNOT_DECIDE`.

    .. versionadded:: 0.1.0
    """

    programme: str
    subject: str
    as_of: dt.date
    jurisdiction: str
    outcome: Outcome
    amount: Amount | None
    reasons: tuple[Reason, ...]
    missing: tuple[str, ...] = ()

    @property
    def eligible(self) -> bool:
        """Whether the outcome is eligible."""
        return self.outcome is Outcome.ELIGIBLE

    @property
    def codes(self) -> tuple[str, ...]:
        """The reason codes, in order."""
        return tuple(r.code for r in self.reasons)

    @property
    def uses_example_data(self) -> bool:
        """Whether any parameter value behind this decision is example data, not law."""
        return any(p.status is Status.EXAMPLE for r in self.reasons for p in r.parameters)

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

    def decide(
        self,
        outcome: Outcome,
        amount: Amount | None = None,
        *,
        missing: Iterable[str] = (),
    ) -> Decision:
        """Return the decision with the reasons gathered so far."""
        return Decision(
            programme=self.programme,
            subject=self.subject,
            as_of=self.as_of,
            jurisdiction=self.jurisdiction,
            outcome=outcome,
            amount=amount,
            reasons=tuple(self.reasons),
            missing=tuple(missing),
        )


_TEXT = {
    "zh": {
        "subject": "对象",
        "as_of": "日期",
        "where": "地区",
        "outcome": "结论",
        "amount": "金额",
        "monthly": "每月",
        "one_off": "一次性",
        "fee_waived": "减免费用",
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
        "monthly": "monthly",
        "one_off": "one-off",
        "fee_waived": "fees waived",
        "reasons": "reasons",
        "basis": "basis",
        "param": "parameter",
        "missing": "missing facts",
        "example": "NOTE: this decision uses example data, not a sourced policy figure",
    },
}

_MARK = {True: "✓", False: "✗", None: "·"}


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
        lines.append(f"  {text['amount']}: {text[amount.period.value]} {format_yuan(amount.total)}")
        lines.extend(
            f"    - {line.zh if lang == 'zh' else line.en}: {format_yuan(line.amount)}"
            for line in amount.lines
        )
    if decision.missing:
        lines.append(f"  {text['missing']}: {', '.join(decision.missing)}")
    lines.append(f"  {text['reasons']}:")
    for reason in decision.reasons:
        lines.append(f"    {_MARK[reason.met]} [{reason.code}] {reason.message(lang)}")
        lines.append(f"        {text['basis']}: {reason.citation.cite()}")
        for used in reason.parameters:
            value = used.value
            shown = (
                format_yuan(value)
                if isinstance(value, Decimal) and used.unit.startswith("CNY")
                else str(value)
            )
            lines.append(
                f"        {text['param']}: {used.name} @ {used.jurisdiction} = {shown}"
                f" ({used.period}) — {used.cite()}"
            )
    if decision.uses_example_data:
        lines.append(f"  {text['example']}")
    return "\n".join(lines)
