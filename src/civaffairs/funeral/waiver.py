"""基本殡葬服务费用减免: which funeral fees are waived for one death, for whom, and who pays.

惠民殡葬 waives the basic funeral fees: nationally for hardship groups and
unidentified bodies (民发〔2012〕211号; 民发〔2018〕5号), and in ever more places
for every registered resident (Hangzhou 2010, widened to six items and to all
Zhejiang residents from 2023-08-01; 汉川's “四免一送”; 五华's seven items …).
Each place's scheme is data (:mod:`civaffairs.funeral.policy`); this module
applies it.  **The scheme, the prices and the zone in force on the date of
death apply** (our reading: the local texts give a date of entry into force,
not whether it is the date of death or of the service; a death on 2023-07-31
in Hangzhou falls under the four-item rule even if the cremation is on
2023-08-02).

The rule, in the order it is decided:

1. **Cremation** — the waivers are for bodies cremated (在殡仪馆火化).  A body
   burial is not covered; the decision says whether the place of death is a
   cremation zone (where burial is unlawful, 殡葬管理条例) or a burial-reform
   zone.
2. **The funeral home's schemes** — the schemes in force at the funeral
   home's county and at every level above it (county → prefecture → province
   → national).  **A parent level's scheme is a floor, not replaced by a local
   one**: the national opinions oblige every region to waive the basic fees
   of 特困/五保, 低保 and 优抚 recipients and of unidentified bodies
   (民发〔2012〕211号 惠民殡葬对象与项目; restated by 民发〔2018〕5号), and no
   local scheme can take that away.  So a local scheme that lists only
   registered residents (Hangzhou, 海盐, 仙桃) still leaves an unidentified
   body or a 特困 person covered by the national scheme.  The deceased is
   covered by a scheme if they belong to a group
   one of its items is waived for: registered within the scheme's
   ``registration_scope`` around the funeral home (户籍居民, plus their status:
   特困, 低保, 低保边缘, 刚性支出困难, 重点优抚对象), an unidentified body, or a
   non-resident who died there (海盐, 仙桃).  If the scheme has a
   ``death_scope`` (Hangzhou 2010: “在杭州市区死亡”), the death must have
   occurred there too.
3. **The home county's schemes, elsewhere** (异地火化) — if none of the
   funeral home's schemes covers the deceased, a scheme of their home county
   (or, as a floor again, of a level above it) does
   when one of its ``elsewhere`` rules reaches both the place of death and
   the funeral home (五华: anywhere in Guangdong; 特困 persons anywhere, since
   their support includes the funeral, 社会救助暂行办法 art. 15(四)).  Its items
   apply **at home standards** (按户籍地标准): an item waived there without a
   cap is capped at the home county's catalogue price per unit, converted
   exactly between hours and days, months and years; a line billed in a unit
   the home county does not price and that does not convert is not waived
   (never at the funeral home's price), and its line says so.
4. **Each line** — price × quantity is the charge, rounded once to the fen
   (the price is what the funeral home charged, else the catalogue price).
   The item waived for the deceased's groups gives the waived amount: the
   quantity up to the free quantity (converted exactly between hours and
   days, months and years; a unit that does not convert is not waived), at
   the price or the cap per unit if lower, then up to the cap per case,
   consumed line by line in the order given, and rounded once to the fen.
   Where two items cover the same service for different groups of the
   deceased, or two schemes of the chain (a local one and its floor) both
   cover it, the item giving the larger waiver on that service applies, and
   the line names the scheme it comes from.  The family pays the charge less the
   waived amount, to the fen.
5. **Who pays** — under the funeral home's scheme the fee is waived at the
   counter and its county bears it.  Under the home county's scheme the home
   county bears it, either settling with the funeral home's county or
   reimbursing the family (``funeral.settlement.direct_between_counties``), and
   may share it with province and prefecture: see
   :mod:`civaffairs.funeral.settlement`.

One-off incentives (eco-burial, civilised funerals …) are decided alongside
by :mod:`civaffairs.funeral.subsidy`.  The bill — pricing the lines, the fen
arithmetic of steps 4, and the printed bill — is :mod:`civaffairs.funeral.bill`
(:class:`~civaffairs.funeral.bill.Bill`, :class:`~civaffairs.funeral.bill.BillLine`,
:func:`~civaffairs.funeral.bill.charge_in_fen` and
:func:`~civaffairs.funeral.bill.waived_in_fen` stay importable from here).

.. versionadded:: 0.1.0
.. versionchanged:: 0.1.0 the bill and its rendering moved to :mod:`civaffairs.funeral.bill`.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Sequence
from decimal import Decimal

import attrs

from civaffairs import jurisdictions
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
from civaffairs.errors import InvalidInputError
from civaffairs.funeral import subsidy
from civaffairs.funeral.bill import (
    Bill,
    BillLine,
    PricedLine,
    place_name,
    price_lines,
    waived_in_fen,
)
from civaffairs.funeral.bill import charge_in_fen as charge_in_fen  # noqa: PLC0414 - re-exported
from civaffairs.funeral.facts import (
    Deceased,
    FuneralCase,
    check_as_of,
    decide_unknowns,
    unknown_facts,
)
from civaffairs.funeral.laws import (
    BASIC_SERVICES,
    CREMATION_ZONE,
    FUNERAL_REFORM_OPINION_2012,
    FUNERAL_REFORM_OPINION_2018,
)
from civaffairs.funeral.policy import (
    Allowance,
    Beneficiary,
    Catalogue,
    FuneralPolicy,
    Scheme,
    ScopeLevel,
    Zone,
    ZoneUnknownError,
    default_policy,
)
from civaffairs.funeral.services import Service, Unit, conversion
from civaffairs.funeral.settlement import Channel, SettlementCase, split_shares
from civaffairs.money import ZERO, fen_to_yuan
from civaffairs.parameters import ParameterBook, ParameterValue, default_book

__all__ = [
    "PROGRAMME",
    "Assessment",
    "Funding",
    "assess",
    "decide",
    "person_groups",
]

PROGRAMME = programme("funeral.waiver")

_REFORM_2012 = Citation(
    FUNERAL_REFORM_OPINION_2012,
    "惠民殡葬对象与项目",
    note="title and number recalled; content read in a repost",
)
_REFORM_2018 = Citation(FUNERAL_REFORM_OPINION_2018, "建立健全基本殡葬服务制度")

R_SCHEME = ReasonCode.define(
    "funeral.waiver.scheme",
    "火化地{place}适用{scheme}({where}制定, {period})",
    "at the funeral home in {place} the scheme {scheme} applies (set by {where}, {period})",
    _REFORM_2018,
)
R_NO_SCHEME = ReasonCode.define(
    "funeral.waiver.no_scheme",
    "{where}在{date}没有可适用的殡葬费用减免办法",
    "no funeral fee waiver scheme applies in {where} on {date}",
    _REFORM_2018,
)
R_COVERED = ReasonCode.define(
    "funeral.waiver.covered",
    "{subject}属于免费对象: {groups}",
    "{subject} is covered as: {groups_en}",
    _REFORM_2012,
)
R_NOT_COVERED = ReasonCode.define(
    "funeral.waiver.not_covered",
    "{subject}不属于{scheme}的免费对象: {why}",
    "{subject} is not covered by {scheme}: {why_en}",
    _REFORM_2012,
)
R_ELSEWHERE = ReasonCode.define(
    "funeral.waiver.elsewhere",
    "户籍地{home}的{scheme}对在{scope}内异地火化的{groups}按户籍地标准免除",
    "the home county {home}'s scheme {scheme} covers {groups_en} cremated elsewhere within "
    "{scope_en}, at home standards",
    _REFORM_2012,
)
R_NO_ELSEWHERE = ReasonCode.define(
    "funeral.waiver.no_elsewhere",
    "户籍地{home}的减免办法不覆盖在{place}火化的情形: {why}",
    "the home county {home}'s scheme does not reach a cremation in {place}: {why_en}",
    _REFORM_2012,
)
R_UNKNOWN_STATUS = ReasonCode.define(
    "funeral.waiver.unknown_status",
    "{subject}的减免取决于未确定的事实: {paths}",
    "the waiver for {subject} depends on facts not established: {paths}",
    _REFORM_2012,
)
R_NOT_CREMATED = ReasonCode.define(
    "funeral.waiver.not_cremated",
    "遗体未火化(土葬): 基本殡葬服务费用减免以火化为条件{zone}",
    "the body was buried, not cremated: the waiver requires cremation{zone_en}",
    CREMATION_ZONE,
)
R_LINE = ReasonCode.define(
    "funeral.waiver.line",
    "{service}: {quantity} {unit} × {price} 元 = {charge} 元, 免除 {waived} 元({limit}), "
    "自付 {payable} 元",
    "{service_en}: {quantity} {unit_en} × {price} yuan = {charge} yuan, {waived} yuan waived "
    "({limit_en}), {payable} yuan payable",
    BASIC_SERVICES,
)
R_LINE_NOT_COVERED = ReasonCode.define(
    "funeral.waiver.line_not_covered",
    "{service}: {quantity} {unit} × {price} 元 = {charge} 元, 不在免除项目内, 自付 {payable} 元",
    "{service_en}: {quantity} {unit_en} × {price} yuan = {charge} yuan, not a waived item, "
    "{payable} yuan payable",
    BASIC_SERVICES,
)
R_FUNDING_LOCAL = ReasonCode.define(
    "funeral.waiver.funding_local",
    "免除费用 {amount} 元由殡仪馆直接减免, 由火化地{payer}财政承担",
    "the {amount} yuan waived is waived at the counter and borne by {payer}, where the "
    "funeral home is",
    _REFORM_2018,
)
R_FUNDING_SETTLED = ReasonCode.define(
    "funeral.waiver.funding_settled",
    "免除费用 {amount} 元由殡仪馆直接减免, 由户籍地{payer}与火化地{payee}财政结算({shares})",
    "the {amount} yuan waived is waived at the counter; the home county {payer} settles it "
    "with {payee} ({shares_en})",
    _REFORM_2018,
)
R_FUNDING_REIMBURSED = ReasonCode.define(
    "funeral.waiver.funding_reimbursed",
    "丧属先行支付全部费用, 凭火化证明和发票向户籍地{payer}报销 {amount} 元({shares})",
    "the family pays in full and is reimbursed {amount} yuan by the home county {payer} on "
    "the receipts ({shares_en})",
    _REFORM_2018,
)


def person_groups(deceased: Deceased) -> frozenset[Beneficiary]:
    """Return the groups of the deceased where registered: 户籍居民 plus their status.

    An unidentified body belongs to ``unidentified`` only.  A layer or a
    priority status that is not established (``None``) adds no group:
    :func:`assess` decides every value it could take before relying on that.

    .. versionadded:: 0.1.0
    """
    if deceased.person is None:
        return frozenset({Beneficiary.UNIDENTIFIED})
    groups = {Beneficiary.REGISTERED}
    layer = None if deceased.layer is None else Beneficiary.of_layer(deceased.layer)
    if layer is not None:
        groups.add(layer)
    if deceased.priority_entitled is True:
        groups.add(Beneficiary.PRIORITY_ENTITLED)
    return frozenset(groups)


# -- results -----------------------------------------------------------------------------------


@attrs.frozen
class Funding:
    """Who bears the waived amount of one case, and how it moves.

    .. versionadded:: 0.1.0
    """

    channel: Channel
    payer: str
    payee: str
    amount: Decimal


@attrs.frozen
class Assessment:
    """Everything decided for one case: the waiver, the bill, the funding and the incentives.

    ``settlement`` is the cross-county case to settle, when the home county
    pays; ``subsidy`` is the one-off incentive decision
    (:mod:`civaffairs.funeral.subsidy`).

    .. versionadded:: 0.1.0
    """

    decision: Decision
    bill: Bill
    funding: Funding | None
    settlement: SettlementCase | None
    subsidy: Decision


# -- the rule ----------------------------------------------------------------------------------


@attrs.frozen
class _Coverage:
    # every scheme of the chain that covers the deceased, most specific first, with the groups
    schemes: tuple[tuple[Scheme, frozenset[Beneficiary]], ...]
    home: str | None  # the home county when the schemes apply elsewhere
    home_catalogue: Catalogue | None


def _groups_text(groups: Iterable[Beneficiary]) -> tuple[str, str]:
    ordered = [g for g in Beneficiary if g in set(groups)]
    return "、".join(g.zh for g in ordered), ", ".join(g.en for g in ordered)


def _local(
    deceased: Deceased, place: str, scheme: Scheme
) -> tuple[frozenset[Beneficiary], str, str]:
    """Return the deceased's groups under the funeral home's scheme, or why there are none."""
    area = scheme.registration_scope.area(place)
    if scheme.death_scope is not None:
        death_area = scheme.death_scope.area(place)
        if not jurisdictions.is_within(deceased.place_of_death, death_area):
            return (
                frozenset(),
                f"死亡地{place_name(deceased.place_of_death)}不在{place_name(death_area)}",
                f"the death in {deceased.place_of_death} was not within {death_area}",
            )
    registration = deceased.registration
    found: frozenset[Beneficiary]
    if registration is None or jurisdictions.is_within(registration.jurisdiction, area):
        found = person_groups(deceased)
    elif jurisdictions.is_within(deceased.place_of_death, area):
        found = frozenset({Beneficiary.DIED_LOCALLY})
    else:
        found = frozenset()
    covered = found & scheme.groups
    if covered:
        return covered, "", ""
    listed_zh, listed_en = _groups_text(scheme.groups)
    if registration is not None and not jurisdictions.is_within(registration.jurisdiction, area):
        return (
            covered,
            (
                f"户籍地{place_name(registration.jurisdiction)}不在{place_name(area)}"
                f"(该办法免费对象: {listed_zh})"
            ),
            (
                f"registered in {registration.jurisdiction}, outside {area} "
                f"(the scheme covers: {listed_en})"
            ),
        )
    return (
        covered,
        f"该办法免费对象为{listed_zh}",
        f"the scheme covers only: {listed_en}",
    )


def _elsewhere(
    deceased: Deceased, home: str, place: str, scheme: Scheme
) -> tuple[frozenset[Beneficiary], ScopeLevel | None]:
    """Return the deceased's groups under the home scheme for a cremation elsewhere."""
    groups = person_groups(deceased)
    for rule in scheme.elsewhere:
        area = rule.scope.area(home)
        reaches = jurisdictions.is_within(place, area) and jurisdictions.is_within(
            deceased.place_of_death, area
        )
        covered = groups & scheme.groups
        if reaches and groups & rule.groups and covered:
            return covered, rule.scope
    return frozenset(), None


def _allowances(
    scheme: Scheme, groups: frozenset[Beneficiary], service: Service
) -> list[Allowance]:
    return [a for a in scheme.allowances if a.service is service and a.groups & groups]


def assess(
    case: FuneralCase,
    on: dt.date,
    *,
    book: ParameterBook | None = None,
    policy: FuneralPolicy | None = None,
) -> Assessment:
    """Decide the fee waiver for ``case`` as of ``on``: the decision, the bill and who pays.

    ``book`` holds the scalar parameters (settlement, incentives) and
    ``policy`` the catalogues, schemes and zones; both default to the shipped
    data.  Raises :class:`~civaffairs.errors.InvalidInputError` naming the
    field for a death or cremation after ``on`` (``$.deceased.death_date``), a
    service the funeral home's catalogue does not offer on the date of death
    (``$.services[i].service``) or a unit it does not price
    (``$.services[i].unit``), and a registration above county level.

    A layer or priority status left unknown (``None``) is decided under every
    value it could take: if the waiver (outcome, bill, funding) is the same
    under all of them, that is the decision; otherwise the outcome is
    :attr:`~civaffairs.decisions.Outcome.CANNOT_DECIDE`, ``missing`` names the
    facts that matter (``$.deceased.layer``, ``$.deceased.priority_entitled``)
    and the bill waives nothing yet.

    .. versionadded:: 0.1.0
    """
    check_as_of(case, on)
    book = book or default_book()
    policy = policy or default_policy()
    decide = functools.partial(_assess, on=on, book=book, policy=policy)
    decided, missing = decide_unknowns(case, decide, _signature)
    if decided is not None and not unknown_facts(case.deceased):
        return decided
    # The incentives are those of the case as given (they may themselves depend on the fact).
    incentives = subsidy.assess(case, on, book=book, policy=policy)
    if decided is not None:
        return attrs.evolve(decided, subsidy=incentives)
    subject = case.subject
    reasons: list[Reason] = [
        R_UNKNOWN_STATUS.reason(None, subject=subject, paths=", ".join(missing))
    ]
    catalogue = policy.catalogue(case.cremation_place, case.deceased.death_date)
    lines = [_unwaived(p, reasons) for p in price_lines(case, catalogue)]
    result = _Result(case, on, subject, tuple(reasons), incentives)
    return result.assessment(Outcome.CANNOT_DECIDE, lines, missing=missing)


def _signature(result: Assessment) -> object:
    """Return what an unknown status fact must leave unchanged not to matter: waiver and bill."""
    decision = result.decision
    return decision.outcome, decision.amount, result.bill, result.funding, result.settlement


@attrs.frozen
class _Result:
    """What every outcome of one case shares: the case, the date, the reasons, the incentives."""

    case: FuneralCase
    on: dt.date
    subject: str
    reasons: tuple[Reason, ...]
    incentives: Decision

    def assessment(
        self,
        outcome: Outcome,
        lines: Sequence[BillLine],
        *,
        funded: tuple[Channel | None, Funding | None, SettlementCase | None] = (None, None, None),
        missing: tuple[str, ...] = (),
    ) -> Assessment:
        """Build the decision (the waived lines as its amount, when eligible) and the bill."""
        case = self.case
        amount = None
        if outcome is Outcome.ELIGIBLE:
            waived = tuple(
                AmountLine(
                    f"{line.service.value}.{line.unit.value}",
                    f"{line.service.zh}(按{line.unit.zh})",
                    f"{line.service.en} (per {line.unit.en})",
                    line.waived,
                )
                for line in lines
                if line.waived
            )
            total = sum((line.waived for line in lines), ZERO)
            amount = Amount(total, Period.FEE_WAIVED, waived)
        place = case.cremation_place
        draft = Draft(PROGRAMME.code, self.subject, self.on, place, list(self.reasons))
        decision = draft.decide(outcome, amount, missing=missing)
        channel, funding, settlement = funded
        bill = Bill.of(
            case.id, self.subject, case.deceased.death_date, place, channel=channel, lines=lines
        )
        return Assessment(decision, bill, funding, settlement, self.incentives)


def _check_home_county(case: FuneralCase) -> None:
    """Refuse a registration above county level: funeral rules need the home county."""
    registration = case.deceased.registration
    if registration is None:
        return
    level = jurisdictions.get(registration.jurisdiction).level
    if level is not jurisdictions.Level.COUNTY:
        raise InvalidInputError(
            "$.deceased.person.registration.jurisdiction",
            registration.jurisdiction,
            f"a county-level code (not a {level.value}): funeral rules need the home county",
        )


def _assess(
    case: FuneralCase, on: dt.date, book: ParameterBook, policy: FuneralPolicy
) -> Assessment:
    """Decide :func:`assess` for a case whose status facts are all established."""
    _check_home_county(case)
    subject = case.subject
    priced = price_lines(case, policy.catalogue(case.cremation_place, case.deceased.death_date))
    reasons: list[Reason] = []
    coverage = _coverage(case, policy, reasons, subject)
    incentives = subsidy.assess(case, on, book=book, policy=policy)
    if coverage is None:
        lines = [_unwaived(p, reasons) for p in priced]
        result = _Result(case, on, subject, tuple(reasons), incentives)
        return result.assessment(Outcome.NOT_ELIGIBLE, lines)
    lines = _waive(priced, coverage, reasons)
    funded = _funding(case, coverage, lines, book, reasons)
    result = _Result(case, on, subject, tuple(reasons), incentives)
    return result.assessment(Outcome.ELIGIBLE, lines, funded=funded)


def _funding(
    case: FuneralCase,
    coverage: _Coverage,
    lines: Sequence[BillLine],
    book: ParameterBook,
    reasons: list[Reason],
) -> tuple[Channel | None, Funding | None, SettlementCase | None]:
    """Decide step 5: who bears the waived amount, how it moves, and the case to settle."""
    place = case.cremation_place
    death = case.deceased.death_date
    total = sum((line.waived for line in lines), ZERO)
    if coverage.home is None:
        if not total:
            return None, None, None
        reasons.append(R_FUNDING_LOCAL.reason(None, amount=str(total), payer=place_name(place)))
        return Channel.AT_COUNTER, Funding(Channel.AT_COUNTER, place, place, total), None
    home = coverage.home
    direct, direct_used = book.flag("funeral.settlement.direct_between_counties", home, death)
    channel = Channel.COUNTY_TO_COUNTY if direct else Channel.REIMBURSED
    if not total:
        return None, None, None
    shares, shares_used = split_shares(home, death, total, book=book)
    code = R_FUNDING_SETTLED if direct else R_FUNDING_REIMBURSED
    reasons.append(
        code.reason(
            None,
            (direct_used, *shares_used),
            amount=str(total),
            payer=place_name(home),
            payee=place_name(place),
            shares=" / ".join(
                f"{s.level_label('zh')} {place_name(s.jurisdiction)} {s.amount} 元" for s in shares
            ),
            shares_en=", ".join(
                f"{s.level_label('en')} {s.jurisdiction}: {s.amount} yuan" for s in shares
            ),
        )
    )
    settlement = SettlementCase(
        case=case.id,
        payer=home,
        payee=place,
        date=case.service_date,
        channel=channel,
        amount=total,
        shares=shares,
    )
    return channel, Funding(channel, home, place, total), settlement


def decide(
    case: FuneralCase,
    on: dt.date,
    *,
    book: ParameterBook | None = None,
    policy: FuneralPolicy | None = None,
) -> Decision:
    """Return only the waiver decision of :func:`assess` (for policy cases and batch use).

    .. versionadded:: 0.1.0
    """
    return assess(case, on, book=book, policy=policy).decision


def _coverage(
    case: FuneralCase, policy: FuneralPolicy, reasons: list[Reason], subject: str
) -> _Coverage | None:
    """Decide steps 1-3: cremation, the funeral home's scheme, the home scheme elsewhere."""
    deceased = case.deceased
    death = deceased.death_date
    place = case.cremation_place
    if not case.cremated:
        reasons.append(_not_cremated(case, policy))
        return None
    local = _local_coverage(deceased, place, policy.scheme_chain(place, death), reasons, subject)
    if local is not None:
        return local
    registration = deceased.registration
    if registration is None:
        return None
    home = ScopeLevel.COUNTY.area(registration.jurisdiction)
    if home == ScopeLevel.COUNTY.area(place):
        return None
    return _home_coverage(case, policy, home, reasons)


def _not_cremated(case: FuneralCase, policy: FuneralPolicy) -> Reason:
    """Step 1: a burial is not covered; say whether the place of death is a cremation zone."""
    deceased = case.deceased
    zone_zh = zone_en = ""
    try:
        zone = policy.zone(deceased.place_of_death, deceased.death_date)
    except ZoneUnknownError:
        zone = None
    if zone is not None:
        if zone.zone is Zone.CREMATION:
            zone_zh = f"; 死亡地属{zone.zone.zh}, 遗体应当火化"
            zone_en = f"; the place of death is in a {zone.zone.en}, where bodies must be cremated"
        else:
            zone_zh = f"; 死亡地属{zone.zone.zh}, 允许土葬, 但不享受火化减免"
            zone_en = (
                f"; the place of death is in a {zone.zone.en}: burial is allowed, "
                "without the cremation waiver"
            )
    used = () if zone is None else (zone.parameter,)
    return R_NOT_CREMATED.reason(False, used, zone=zone_zh, zone_en=zone_en)


def _home_coverage(
    case: FuneralCase, policy: FuneralPolicy, home: str, reasons: list[Reason]
) -> _Coverage | None:
    """Step 3: the home county's schemes whose rules reach a cremation elsewhere."""
    deceased = case.deceased
    death = deceased.death_date
    place = case.cremation_place
    home_chain = policy.scheme_chain(home, death)
    if not home_chain:
        reasons.append(
            R_NO_ELSEWHERE.reason(
                False,
                home=place_name(home),
                place=place_name(place),
                why="户籍地无减免办法",
                why_en="the home county has no scheme",
            )
        )
        return None
    reaching = [(scheme, *_elsewhere(deceased, home, place, scheme)) for scheme in home_chain]
    found = [(scheme, groups, scope) for scheme, groups, scope in reaching if scope is not None]
    if not found:
        home_scheme = home_chain[0]
        rules = [(r.scope, _groups_text(r.groups)) for r in home_scheme.elsewhere]
        rules_zh = "、".join(f"{scope.zh}({zh})" for scope, (zh, _) in rules) or "无异地火化条款"
        rules_en = (
            ", ".join(f"{scope.en} ({en})" for scope, (_, en) in rules)
            or "no rule for cremations elsewhere"
        )
        reason = R_NO_ELSEWHERE.reason(
            False,
            (home_scheme.parameter,),
            home=place_name(home),
            place=place_name(place),
            why=f"{home_scheme.name}: {rules_zh}",
            why_en=f"{home_scheme.name}: {rules_en}",
        )
        reasons.append(_cite(reason, home_scheme))
        return None
    for scheme, groups, scope in found:
        zh, en = _groups_text(groups)
        reason = R_ELSEWHERE.reason(
            True,
            (scheme.parameter,),
            home=place_name(home),
            scheme=scheme.name,
            scope=scope.zh,
            scope_en=scope.en,
            groups=zh,
            groups_en=en,
        )
        reasons.append(_cite(reason, scheme))
    covering = [(scheme, groups) for scheme, groups, _ in found]
    return _Coverage(tuple(covering), home, policy.catalogue(home, death))


def _local_coverage(
    deceased: Deceased,
    place: str,
    chain: Sequence[Scheme],
    reasons: list[Reason],
    subject: str,
) -> _Coverage | None:
    """Decide step 2: every scheme of the funeral home's chain that covers the deceased."""
    if not chain:
        reasons.append(
            R_NO_SCHEME.reason(False, where=place_name(place), date=deceased.death_date.isoformat())
        )
    covering: list[tuple[Scheme, frozenset[Beneficiary]]] = []
    refusals: list[Reason] = []
    for scheme in chain:
        groups, why_zh, why_en = _local(deceased, place, scheme)
        if groups:
            covering.append((scheme, groups))
            continue
        refusals.append(
            _cite(
                R_NOT_COVERED.reason(
                    False, subject=subject, scheme=scheme.name, why=why_zh, why_en=why_en
                ),
                scheme,
            )
        )
    if covering:
        if covering[0][0] is not chain[0]:
            reasons.append(_scheme_reason(chain[0], place))
        for scheme, groups in covering:
            zh, en = _groups_text(groups)
            reasons.append(_scheme_reason(scheme, place))
            reasons.append(R_COVERED.reason(True, subject=subject, groups=zh, groups_en=en))
        return _Coverage(tuple(covering), None, None)
    for scheme, refusal in zip(chain, refusals, strict=True):
        reasons.append(_scheme_reason(scheme, place))
        reasons.append(refusal)
    return None


def _cite(reason: Reason, scheme: Scheme | Allowance) -> Reason:
    """Return the same reason, citing the scheme's (or item's) own source."""
    return attrs.evolve(reason, citation=scheme.provenance.citation())


def _scheme_reason(scheme: Scheme, place: str) -> Reason:
    return _cite(
        R_SCHEME.reason(
            None,
            (scheme.parameter,),
            place=place_name(place),
            scheme=scheme.name,
            where=place_name(scheme.provenance.jurisdiction),
            period=scheme.provenance.period,
        ),
        scheme,
    )


def _facts(priced: PricedLine, waived: int) -> dict[str, str]:
    use = priced.use
    unit = use.counted_unit
    return {
        "service": use.service.zh,
        "service_en": use.service.en,
        "quantity": str(use.quantity),
        "unit": unit.zh,
        "unit_en": unit.en,
        "price": str(priced.price),
        "charge": str(fen_to_yuan(priced.charge)),
        "waived": str(fen_to_yuan(waived)),
        "payable": str(fen_to_yuan(priced.charge - waived)),
    }


def _unwaived(priced: PricedLine, reasons: list[Reason]) -> BillLine:
    reasons.append(R_LINE_NOT_COVERED.reason(None, priced.used, **_facts(priced, 0)))
    return priced.bill_line(0)


# fen waived, item, its scheme, home prices used as caps, and whether the home prices none
_Chosen = tuple[int, Allowance | None, Scheme | None, tuple[ParameterValue, ...], bool]


def _choose(priced: Sequence[PricedLine], coverage: _Coverage) -> list[_Chosen]:
    """Return, per line, the fen waived, the item applied, its scheme and the home caps used.

    Per service, every item covering the deceased's groups, in every covering
    scheme of the chain, is tried on all the service's lines and the one
    waiving the most is kept (the most specific scheme's on a tie).
    """
    chosen: list[_Chosen] = [(0, None, None, (), False) for _ in priced]
    home = coverage.home_catalogue
    for service in Service:
        indexes = [i for i, p in enumerate(priced) if p.use.service is service]
        rows = [
            (priced[i].use.counted_unit, priced[i].use.quantity, priced[i].price) for i in indexes
        ]
        best: tuple[int, tuple[int, ...], Allowance, Scheme, bool] | None = None
        candidates = [
            (scheme, allowance)
            for scheme, groups in coverage.schemes
            for allowance in _allowances(scheme, groups, service)
        ]
        for scheme, allowance in candidates if rows else []:
            caps: dict[Unit, Decimal] = {}
            if home is not None and allowance.unit_cap is None and allowance.cap is None:
                caps = {item.unit: item.price for item in home.items if item.service is service}
            amounts = waived_in_fen(allowance, rows, price_caps=caps)
            if best is None or sum(amounts) > best[0]:
                best = (sum(amounts), amounts, allowance, scheme, bool(caps))
        if best is None:
            continue
        _, amounts, allowance, scheme, capped = best
        for position, index in enumerate(indexes):
            used: tuple[ParameterValue, ...] = ()
            if capped and home is not None:
                unit = priced[index].use.counted_unit
                found = home.item(service, unit)
                if found is None:  # capped through a converted unit, or not waived at all
                    found = next(
                        (
                            item
                            for item in home.items
                            if item.service is service and conversion(unit, item.unit) is not None
                        ),
                        None,
                    )
                used = () if found is None else (found.parameter,)
            unpriced = capped and not used
            chosen[index] = (amounts[position], allowance, scheme, used, unpriced)
    return chosen


def _waive(
    priced: Sequence[PricedLine], coverage: _Coverage, reasons: list[Reason]
) -> list[BillLine]:
    """Decide step 4: the waived amount of every line, under the item that gives the most."""
    lines: list[BillLine] = []
    for line, (waived, allowance, scheme, caps_used, unpriced) in zip(
        priced, _choose(priced, coverage), strict=True
    ):
        if allowance is None or scheme is None:
            lines.append(_unwaived(line, reasons))
            continue
        limit_zh, limit_en = allowance.limit("zh"), allowance.limit("en")
        if unpriced:
            limit_zh += f", 户籍地未对{line.use.counted_unit.zh}计价, 不按火化地价格减免"
            limit_en += (
                f", not waived: the home county prices no {line.use.counted_unit.en}"
                " (never at the funeral home's price)"
            )
        elif caps_used:
            limit_zh += ", 按户籍地标准"
            limit_en += ", at home standards"
        used = (allowance.parameter(scheme.id), *line.used, *caps_used)
        reason = R_LINE.reason(
            None,
            tuple(dict.fromkeys(used)),
            **_facts(line, waived),
            limit=limit_zh,
            limit_en=limit_en,
        )
        reasons.append(_cite(reason, allowance))
        lines.append(line.bill_line(waived, rule=scheme.id, limit=allowance.limit("zh")))
    return lines
