"""基本养老服务: which basic eldercare services an older person is entitled to.

The national basic eldercare service list (国家基本养老服务清单, issued with 中办 国办
《关于推进基本养老服务体系建设的意见》, 2023) lists services by target group in three kinds:
物质帮助 (material help), 照护服务 (care) and 关爱服务 (caring).  Provinces and cities
publish their own lists.  The list's exact items were not read in an official copy, so the
list is kept as **data**, in the record books (``civaffairs/books/<code>.toml``,
``[[eldercare.entitlements.services]]``; national entries in ``000000.toml``), one entry per
service: its kind, the groups entitled (alternatives of
:class:`~civaffairs.eldercare.groups.TargetGroup`), its source document, period, optional cap
and status; a local entry lives in its jurisdiction's book and applies there and below.
Entries whose groups were read in a public copy are ``sourced``:

- 探访关爱 (visits and care): 独居, 空巢, 留守, 失能, 重残 and 计划生育特殊家庭 older persons
  (民政部等10部门 《关于开展特殊困难老年人探访关爱服务的指导意见》, 2022);
- 老年助餐 (meal aid): 低保, 特困, 低保边缘 (and other low-income) older persons and 独居,
  空巢, 留守, 失能, 残疾, 高龄, 计划生育特殊家庭 older persons (民发〔2023〕58号);
- 居家适老化改造 (home adaptation): 高龄, 失能 or 残疾 older persons in 特困供养 or 建档立卡
  households (国办发〔2019〕5号);

and the rest (高龄津贴, ability assessment, 特困 support, care subsidies, family care beds,
the government-purchased home services 助浴 助洁 助行 助医 助急 精神慰藉, …) are ``example``
entries, each with a note saying where it comes from.

The rule for each entry in force on the as-of date and applying in the jurisdiction: the
person is entitled when any alternative's groups all hold
(:func:`~civaffairs.eldercare.groups.any_of`); not entitled when every alternative fails
on a known fact; otherwise undecided, naming the facts to establish.  A cap (e.g. the
home-adaptation cap) is shown from its parameter.

An entry whose ``see`` names a module that decides the service itself
(``eldercare.meal_aid``, ``eldercare.home_adaptation``, ``eldercare.longevity``; see
:data:`DELEGATES`) is decided by that module's ``assess``, not by the entry's groups: the
entitlement's decision is the module's decision (outcome, amount, reasons and missing
facts), preceded by one reason citing the list entry.  There is one rule per service, and
the list and the module cannot disagree; the entry's ``groups`` then document the
national target groups only.

.. versionchanged:: 0.1.1
   Meal aid, home adaptation and the longevity allowance are decided by their modules.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import attrs

from civaffairs import jurisdictions
from civaffairs.decisions import (
    Citation,
    Decision,
    Document,
    Draft,
    Language,
    Outcome,
    Reason,
    ReasonCode,
    programme,
)
from civaffairs.eldercare import home_adaptation, longevity, meal_aid
from civaffairs.eldercare.groups import (
    Alternatives,
    OlderPerson,
    TargetGroup,
    any_of,
    memberships,
    names,
    ordered,
)
from civaffairs.eldercare.laws import BASIC_ELDERCARE_OPINION
from civaffairs.errors import InvalidDocumentError, InvalidInputError, ParameterError
from civaffairs.labels import Labelled
from civaffairs.money import format_yuan
from civaffairs.parameters import Dated, Kind, ParameterBook, Status, default_book
from civaffairs.parameters.books import Context, DatedRow, Table

__all__ = [
    "DELEGATES",
    "PROGRAMME",
    "SERVICES",
    "Catalogue",
    "Entitlement",
    "Entitlements",
    "Service",
    "ServiceKind",
    "assess",
    "catalogue_of",
    "load_catalogue",
]

PROGRAMME = programme("eldercare.entitlements")

_LIST = Citation(
    BASIC_ELDERCARE_OPINION,
    "国家基本养老服务清单",
    note="each entitlement cites its own document; see the record books (civaffairs/books/)",
)

R_ENTITLED = ReasonCode.define(
    "eldercare.entitlements.entitled",
    "属于{groups}, 可享受{service}",
    "{groups_en}: entitled to {service_en}",
    _LIST,
)
R_NOT_ENTITLED = ReasonCode.define(
    "eldercare.entitlements.not_entitled",
    "不属于{service}的服务对象 ({alternatives})",
    "not among those entitled to {service_en} ({alternatives_en})",
    _LIST,
)
R_UNDECIDED = ReasonCode.define(
    "eldercare.entitlements.missing_facts",
    "{service}: 缺少判定所需事实 {paths}",
    "{service_en}: facts needed for the decision are missing: {paths}",
    _LIST,
)
R_CAP = ReasonCode.define(
    "eldercare.entitlements.cap",
    "{service}补贴上限 {cap} 元{see}",
    "{service_en} is subsidised up to {cap} yuan{see_en}",
    _LIST,
)
R_DECIDED_BY = ReasonCode.define(
    "eldercare.entitlements.decided_by",
    "{service}由 {see} 判定",
    "{service_en} is decided by {see}",
    _LIST,
)
R_NO_PARAMETER = ReasonCode.define(
    "eldercare.entitlements.no_parameter",
    "{service}: 参数 {name} 在 {where} 于 {on} 无值, 无法判定",
    "{service_en}: parameter {name} has no value for {where} on {on}; cannot decide",
    _LIST,
)
R_SEE = ReasonCode.define(
    "eldercare.entitlements.see",
    "金额与本地条件见 {see}",
    "amounts and local conditions: see {see}",
    _LIST,
)


#: A module's decision on a service: (person, as-of date, jurisdiction, book) -> Decision.
Delegate = Callable[[OlderPerson, dt.date, str, ParameterBook], Decision]

#: The modules that decide a service themselves, by the ``see`` value of a list entry.
DELEGATES: Mapping[str, Delegate] = {
    "eldercare.meal_aid": lambda older, on, where, book: meal_aid.assess(
        older, on, jurisdiction=where, book=book
    ),
    "eldercare.home_adaptation": lambda older, on, where, book: home_adaptation.assess(
        older, on, jurisdiction=where, book=book
    ),
    "eldercare.longevity": lambda older, on, where, book: longevity.assess(
        older.person, on, jurisdiction=where, book=book
    ),
}


class ServiceKind(Labelled):
    """The three kinds of basic eldercare service.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 Members carry their labels (:class:`~civaffairs.labels.Labelled`).
    """

    MATERIAL = "material", "物质帮助", "material"
    CARE = "care", "照护服务", "care"
    CARING = "caring", "关爱服务", "caring"


@attrs.frozen
class Service(Dated):
    """One entry of the service list: what, for whom, by which document, when and where.

    ``groups`` are alternatives: the person qualifies through any one whose groups all
    hold.  ``jurisdiction`` (a GB/T 2260 code) limits a local entry to that place and the
    places below it.  ``cap`` names a money parameter shown as the most a rule gives;
    ``see`` names the module with the full amount rule (a module in :data:`DELEGATES`
    decides the entry itself).

    .. versionadded:: 0.1.0
    """

    code: str
    zh: str
    en: str
    kind: ServiceKind
    groups: Alternatives
    status: Status
    document: str
    effective_from: dt.date
    document_number: str | None = None
    article: str | None = None
    effective_to: dt.date | None = None
    jurisdiction: str | None = None
    cap: str | None = None
    see: str | None = None
    note: str | None = None

    @property
    def citation(self) -> Citation:
        """The citation decisions on this entry carry; example entries say so."""
        note = self.note
        if self.status is Status.EXAMPLE:
            note = f"EXAMPLE DATA, not law: {self.note}"
        return Citation(Document(self.document, self.document_number), self.article, note)

    def applies(self, jurisdiction: str, on: dt.date) -> bool:
        """Whether the entry is in force on ``on`` and applies in ``jurisdiction``."""
        if not self.covers(on):
            return False
        return self.jurisdiction is None or jurisdictions.is_within(jurisdiction, self.jurisdiction)


@attrs.frozen
class Catalogue:
    """A list of services, as read from a data file.

    .. versionadded:: 0.1.0
    """

    services: tuple[Service, ...]

    def get(self, code: str) -> Service:
        """Return the entry with ``code``."""
        for service in self.services:
            if service.code == code:
                return service
        raise KeyError(code)


@attrs.frozen(kw_only=True)
class _ServiceRow(DatedRow):
    code: str
    zh: str
    en: str
    kind: ServiceKind
    groups: tuple[tuple[TargetGroup, ...], ...]
    cap: str | None = None
    see: str | None = None


def _service_problems(row: _ServiceRow, context: Context) -> Iterator[InvalidInputError]:
    """Yield what is wrong with a well-formed entry: empty texts or groups, source, cap."""
    for key in ("code", "zh", "en", "article", "cap", "see", "note"):
        text = getattr(row, key)
        if text is not None and not text.strip():
            yield InvalidInputError(f"$.{key}", repr(text), "a non-empty string")
    if not row.groups or not all(row.groups):
        yield InvalidInputError("$.groups", "(empty)", "a non-empty list of non-empty lists")
    source = context.sources.get(row.source or "")
    if row.status is Status.SOURCED and not (
        (source is not None and source.document_number) or row.article or row.note
    ):
        yield InvalidInputError(
            "$.source",
            repr(row.source),
            "a sourced entry needs its source: a document_number, 'article' or 'note' "
            "saying where its groups were read",
        )
    if row.cap is not None and row.cap.strip():
        spec = context.specs.get(row.cap)
        if spec is None:
            yield InvalidInputError("$.cap", repr(row.cap), "a declared money parameter")
        elif spec.kind is not Kind.MONEY:
            yield InvalidInputError(
                "$.cap", repr(row.cap), f"a money parameter, not a {spec.kind.value}"
            )


def _service(row: _ServiceRow, context: Context) -> Service:
    errors = list(_service_problems(row, context))
    try:
        provenance = context.provenance(row)
    except InvalidDocumentError as exc:
        errors.extend(exc.errors)
    if errors:
        raise InvalidDocumentError(errors)
    source = provenance.source
    return Service(
        code=row.code,
        zh=row.zh,
        en=row.en,
        kind=row.kind,
        groups=tuple(frozenset(alternative) for alternative in row.groups),
        status=row.status,
        document=source.title if source is not None else "(no document)",
        effective_from=row.effective_from,
        document_number=source.document_number if source is not None else None,
        article=row.article,
        effective_to=row.effective_to,
        jurisdiction=None
        if context.jurisdiction == jurisdictions.NATIONAL
        else context.jurisdiction,
        cap=row.cap,
        see=row.see,
        note=row.note,
    )


#: ``[[eldercare.entitlements.services]]`` of the record books: the service list, one
#: series per service code.
SERVICES: Table[_ServiceRow, Service] = Table(
    "eldercare.entitlements.services", _ServiceRow, _service, lambda s: (s.code,)
)


def catalogue_of(book: ParameterBook) -> Catalogue:
    """Return the service list of a record book: every jurisdiction's entries, national first.

    .. versionadded:: 0.1.0
    """
    return Catalogue(tuple(row for _, _, rows in book.table(SERVICES.name) for row in rows))


def load_catalogue(path: str | Path | None = None) -> Catalogue:
    """Return the shipped service list, or the one in the record book ``path`` alone.

    Raises :class:`~civaffairs.errors.ParameterFileError` listing every problem.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0
       ``path`` is a record book (``[[eldercare.entitlements.services]]``).
    """
    if path is None:
        return catalogue_of(default_book())
    return catalogue_of(ParameterBook.load([path], include_shipped=False))


@attrs.frozen
class Entitlement:
    """The decision on one service for one older person.

    .. versionadded:: 0.1.0
    """

    service: str
    zh: str
    en: str
    kind: ServiceKind
    status: Status
    see: str | None
    decision: Decision

    @classmethod
    def of(cls, service: Service, decision: Decision) -> Entitlement:
        """Return the decision on ``service`` with the entry's code, words, kind and status.

        .. versionadded:: 0.1.0
        """
        return cls(
            service.code,
            service.zh,
            service.en,
            service.kind,
            service.status,
            service.see,
            decision,
        )

    @property
    def uses_example_data(self) -> bool:
        """Whether the entry or any parameter behind the decision is example data."""
        return self.status is Status.EXAMPLE or self.decision.uses_example_data


@attrs.frozen
class Entitlements:
    """The decisions on every service of the list for one older person on one date.

    .. versionadded:: 0.1.0
    """

    subject: str
    as_of: dt.date
    jurisdiction: str
    entitlements: tuple[Entitlement, ...]

    def _with(self, outcome: Outcome) -> tuple[str, ...]:
        return tuple(e.service for e in self.entitlements if e.decision.outcome is outcome)

    @property
    def granted(self) -> tuple[str, ...]:
        """The codes of the services the person is entitled to."""
        return self._with(Outcome.ELIGIBLE)

    @property
    def undecided(self) -> tuple[str, ...]:
        """The codes of the services that need more facts."""
        return self._with(Outcome.CANNOT_DECIDE)

    @property
    def uses_example_data(self) -> bool:
        """Whether any service's entry or decision rests on example data rather than law.

        .. versionadded:: 0.1.0
        """
        return any(e.uses_example_data for e in self.entitlements)

    @property
    def missing(self) -> tuple[str, ...]:
        """Every fact whose absence leaves a service undecided."""
        return tuple(dict.fromkeys(p for e in self.entitlements for p in e.decision.missing))

    def get(self, service: str) -> Entitlement:
        """Return the decision on ``service`` (by code)."""
        for entitlement in self.entitlements:
            if entitlement.service == service:
                return entitlement
        raise KeyError(service)

    def render(self, lang: Language = "zh") -> str:
        """Render the list as plain text: one line per service, example entries flagged."""
        zh = lang == "zh"
        lines = [
            f"{PROGRAMME.label(lang)} [{PROGRAMME.code}]",
            f"  {'对象' if zh else 'subject'}: {self.subject}",
            f"  {'日期' if zh else 'as of'}: {self.as_of.isoformat()}",
            f"  {'地区' if zh else 'jurisdiction'}: {self.jurisdiction}",
        ]
        for e in self.entitlements:
            flag = " *" if e.uses_example_data else ""
            kind = e.kind.label(lang)
            name = e.zh if zh else e.en
            lines.append(f"    [{e.decision.outcome.label(lang)}] {name} ({kind}){flag}")
            lines.extend(f"        {r.message(lang)}" for r in e.decision.reasons)
        if self.uses_example_data:
            lines.append(
                "  * 示例数据, 非正式政策" if zh else "  * example data, not a sourced rule"
            )
        return "\n".join(lines)


def _decide(
    service: Service,
    older: OlderPerson,
    on: dt.date,
    where: str,
    book: ParameterBook,
) -> Entitlement:
    delegate = DELEGATES.get(service.see or "")
    if delegate is not None:
        try:
            decided = delegate(older, on, where, book)
        except ParameterError as exc:
            decided = _no_parameter(service, older, on, where, getattr(exc, "name", str(exc)))
        return _delegated(service, decided)
    found = memberships(
        older,
        [g for a in service.groups for g in ordered(a)],
        on,
        jurisdiction=where,
        book=book,
    )
    held, alternative, missing = any_of(service.groups, found)
    facts = {"service": service.zh, "service_en": service.en}
    reasons: list[Reason] = []
    if held and alternative is not None:
        used = tuple(p for g in alternative for p in found[g].parameters)
        reasons.append(
            R_ENTITLED.reason(
                True,
                used,
                groups=names(alternative),
                groups_en=names(alternative, "en"),
                **facts,
            )
        )
        if service.cap is not None:
            cap, cap_used = book.money(service.cap, where, on)
            reasons.append(
                R_CAP.reason(
                    None,
                    (cap_used,),
                    cap=format_yuan(cap, "exact"),
                    see=f" (详见 {service.see})" if service.see else "",
                    see_en=f" (see {service.see})" if service.see else "",
                    **facts,
                )
            )
        elif service.see is not None:
            reasons.append(R_SEE.reason(None, see=service.see))
        outcome = Outcome.ELIGIBLE
    elif held is None:
        reasons.append(R_UNDECIDED.reason(None, (), paths=", ".join(missing), **facts))
        outcome = Outcome.CANNOT_DECIDE
    else:
        reasons.append(
            R_NOT_ENTITLED.reason(
                False,
                (),
                alternatives=" 或 ".join(names(a, joiner="+") for a in service.groups),
                alternatives_en=" or ".join(names(a, "en", joiner=" + ") for a in service.groups),
                **facts,
            )
        )
        outcome = Outcome.NOT_ELIGIBLE
    cited = [attrs.evolve(r, citation=service.citation) for r in reasons]
    draft = Draft(PROGRAMME.code, older.label, on, where, cited)
    decision = draft.decide(outcome, missing=missing if outcome is Outcome.CANNOT_DECIDE else ())
    return Entitlement.of(service, decision)


def _no_parameter(
    service: Service, older: OlderPerson, on: dt.date, where: str, name: str
) -> Decision:
    """Return "cannot decide": the module's parameters have no value for ``where`` on ``on``."""
    reason = R_NO_PARAMETER.reason(
        None,
        (),
        service=service.zh,
        service_en=service.en,
        name=name,
        where=where,
        on=on.isoformat(),
    )
    draft = Draft(
        PROGRAMME.code, older.label, on, where, [attrs.evolve(reason, citation=service.citation)]
    )
    return draft.decide(Outcome.CANNOT_DECIDE)


def _delegated(service: Service, decided: Decision) -> Entitlement:
    """Wrap a module's decision on ``service``, first citing the list entry."""
    entry = R_DECIDED_BY.reason(
        None, (), service=service.zh, service_en=service.en, see=service.see or ""
    )
    decision = attrs.evolve(
        decided, reasons=(attrs.evolve(entry, citation=service.citation), *decided.reasons)
    )
    return Entitlement.of(service, decision)


def assess(
    older: OlderPerson,
    on: dt.date,
    *,
    jurisdiction: str | None = None,
    book: ParameterBook | None = None,
    catalogue: Catalogue | None = None,
) -> Entitlements:
    """Decide, for each service of the list in force on ``on``, whether ``older`` is entitled.

    ``jurisdiction`` (default: the person's place of registration) selects local entries
    and parameters; the service list is the book's (:func:`catalogue_of`) unless
    ``catalogue`` replaces it (see :func:`load_catalogue`).  Where a division and its parent
    both list a service (same code), the division's entry applies.
    Each service's decision cites the service's own document.

    .. versionadded:: 0.1.0
    """
    book = book or default_book()
    catalogue = catalogue or catalogue_of(book)
    where = jurisdiction or older.person.registration.jurisdiction
    # The most specific entry of a code wins: the list holds parents before their divisions.
    applying = {s.code: s for s in catalogue.services if s.applies(where, on)}
    return Entitlements(
        subject=older.label,
        as_of=on,
        jurisdiction=where,
        entitlements=tuple(_decide(s, older, on, where, book) for s in applying.values()),
    )
