"""惠民殡葬奖补: one-off funeral incentives paid to the family.

Local rules pay incentives for reformed funerals; 民发〔2012〕211号 encourages
them for **eco-burial** and for **voluntary cremation in burial-reform zones**
(土葬改革区).  The amounts are local parameters of the deceased's home
(registration) county, read on the date of death; a jurisdiction that sets
none pays none, and the decision says so.  The shipped figures are 岳阳's
(central urban area; example data, their effective date unknown).

The rule, in order:

1. **Who** — a registered person (an unidentified body has no family to pay);
   the incentives of the home county apply.  **Hardship groups** (困难群众,
   the higher incentive) are 特困, 低保, 刚性支出(支出型)困难 and 重点优抚对象,
   following 岳阳's list.
2. **Eco-burial** (节地生态安葬, :attr:`~civaffairs.funeral.facts.Burial.ECO`):
   ``funeral.subsidy.eco_burial``; **no remains kept** (骨灰撒散、深埋不留坟头):
   ``funeral.subsidy.eco_burial.no_remains_kept``.
3. **Ceremony** — a civilised funeral (文明治丧: a farewell of at most two
   hours, or none) or a simplified one (丧事简办: at most two days and a
   night), with cremation and lawful burial: ``funeral.subsidy.civilised_funeral``
   / ``.simplified_funeral``, the ``.hardship`` variant for hardship groups.
4. **Voluntary cremation** — the body is cremated although the home county
   is a burial-reform zone on the date of death:
   ``funeral.subsidy.voluntary_cremation`` (no amount ships: none was found).

The incentives add up; the decision is a one-off amount
(:attr:`~civaffairs.decisions.Period.ONE_OFF`).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import functools

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
from civaffairs.entities import AssistanceLayer
from civaffairs.errors import ParameterError
from civaffairs.funeral.facts import (
    Burial,
    Ceremony,
    Deceased,
    FuneralCase,
    check_as_of,
    decide_unknowns,
)
from civaffairs.funeral.laws import FUNERAL_REFORM_OPINION_2012
from civaffairs.funeral.policy import (
    FuneralPolicy,
    ScopeLevel,
    Zone,
    ZoneUnknownError,
    place_name,
)
from civaffairs.labels import Labelled
from civaffairs.money import ZERO, format_yuan
from civaffairs.parameters import ParameterBook, ParameterValue, default_book

__all__ = ["HARDSHIP_LAYERS", "PROGRAMME", "assess", "is_hardship"]

PROGRAMME = programme("funeral.subsidy")

#: Layers counted as 困难群众 for the higher incentives (岳阳's list).
HARDSHIP_LAYERS = frozenset(
    {AssistanceLayer.EXTREME_POVERTY, AssistanceLayer.DIBAO, AssistanceLayer.RIGID_EXPENDITURE}
)

_OPINION = Citation(
    FUNERAL_REFORM_OPINION_2012,
    "鼓励对土葬改革区自愿火化、节地生态安葬给予奖补",
    note="title and number recalled; amounts are local",
)

R_NO_FAMILY = ReasonCode.define(
    "funeral.subsidy.unidentified",
    "无名遗体: 无户籍地和丧属, 不发放奖补",
    "unidentified body: no home county and no family, no incentive is paid",
    _OPINION,
)
R_PAID = ReasonCode.define(
    "funeral.subsidy.paid",
    "{what}: 户籍地{home}奖补 {amount} 元",
    "{what_en}: the home county {home} pays {amount} yuan",
    _OPINION,
)
R_NOT_SET = ReasonCode.define(
    "funeral.subsidy.not_set",
    "{what}: 户籍地{home}在{date}未设奖补标准",
    "{what_en}: the home county {home} sets no incentive on {date}",
    _OPINION,
)
R_NEEDS_CREMATION = ReasonCode.define(
    "funeral.subsidy.needs_cremation",
    "{what}: 须遗体火化并合法安葬, 本例未火化",
    "{what_en}: requires cremation and lawful burial; the body was not cremated",
    _OPINION,
)
R_ZONE_UNKNOWN = ReasonCode.define(
    "funeral.subsidy.zone_unknown",
    "户籍地{home}在{date}的殡葬区划未记录, 未考虑土葬改革区自愿火化奖补",
    "the funeral zone of {home} on {date} is not recorded; no voluntary-cremation incentive "
    "was considered",
    _OPINION,
)
R_UNKNOWN_STATUS = ReasonCode.define(
    "funeral.subsidy.unknown_status",
    "奖补金额取决于未确定的事实: {paths}",
    "the incentive depends on facts not established: {paths}",
    _OPINION,
)
R_NOTHING = ReasonCode.define(
    "funeral.subsidy.none",
    "无适用的奖补项目",
    "no incentive applies",
    _OPINION,
)


class _Incentive(Labelled):
    """An incentive item: its value names its amount ``funeral.subsidy.<value>``."""

    ECO_BURIAL = "eco_burial", "节地生态安葬", "land-saving ecological burial"
    NO_REMAINS_KEPT = "eco_burial.no_remains_kept", "不保留骨灰安葬", "burial keeping no remains"
    CIVILISED = "civilised_funeral", "文明治丧", "civilised funeral"
    CIVILISED_HARDSHIP = (
        "civilised_funeral.hardship",
        "文明治丧(困难群众)",
        "civilised funeral (hardship group)",
    )
    SIMPLIFIED = "simplified_funeral", "丧事简办", "simplified funeral"
    SIMPLIFIED_HARDSHIP = (
        "simplified_funeral.hardship",
        "丧事简办(困难群众)",
        "simplified funeral (hardship group)",
    )
    VOLUNTARY_CREMATION = (
        "voluntary_cremation",
        "土葬改革区自愿火化",
        "voluntary cremation in a burial-reform zone",
    )


def is_hardship(deceased: Deceased) -> bool:
    """Whether the deceased belongs to the hardship groups (困难群众) of the incentive rules.

    An unknown layer or priority status (``None``) counts as not established
    here; :func:`assess` decides every value it could take first.

    .. versionadded:: 0.1.0
    """
    return deceased.layer in HARDSHIP_LAYERS or deceased.priority_entitled is True


def _wanted(
    case: FuneralCase,
    home: str,
    home_name: str,
    policy: FuneralPolicy,
    reasons: list[Reason],
) -> list[tuple[tuple[_Incentive, ...], tuple[ParameterValue, ...]]]:
    """List the incentives the case may earn, with the zone record behind each.

    Each incentive is a tuple of items whose amounts are tried in order: a
    hardship group's own figure first, then the general one (so being in a
    hardship group never loses an incentive).
    """
    death = case.deceased.death_date
    wanted: list[tuple[tuple[_Incentive, ...], tuple[ParameterValue, ...]]] = []
    if case.burial is Burial.ECO:
        wanted.append(((_Incentive.ECO_BURIAL,), ()))
    elif case.burial is Burial.NO_REMAINS_KEPT:
        wanted.append(((_Incentive.NO_REMAINS_KEPT,), ()))
    if case.ceremony is Ceremony.CIVILISED or case.ceremony is Ceremony.SIMPLIFIED:
        plain = _Incentive(f"{case.ceremony.value}_funeral")
        hardship = _Incentive(f"{plain.value}.hardship")
        wanted.append(((hardship, plain) if is_hardship(case.deceased) else (plain,), ()))
    if case.cremated:
        try:
            zone = policy.zone(home, death)
        except ZoneUnknownError:
            reasons.append(R_ZONE_UNKNOWN.reason(None, home=home_name, date=death.isoformat()))
        else:
            if zone.zone is Zone.BURIAL_REFORM:
                wanted.append(((_Incentive.VOLUNTARY_CREMATION,), (zone.parameter,)))
    return wanted


def assess(
    case: FuneralCase,
    on: dt.date,
    *,
    book: ParameterBook | None = None,
    policy: FuneralPolicy | None = None,
) -> Decision:
    """Decide the one-off funeral incentives for ``case`` as of ``on``.

    The home county's parameters and zone on the date of death apply.
    Raises :class:`~civaffairs.errors.InvalidInputError` naming
    ``$.deceased.death_date`` when the death is after ``on``.

    An unknown layer or priority status (``None``) that would change the
    incentives gives :attr:`~civaffairs.decisions.Outcome.CANNOT_DECIDE`
    naming it in ``missing``; one that would not is decided as usual.

    .. versionadded:: 0.1.0
    """
    check_as_of(case, on)
    book = book or default_book()
    policy = policy or FuneralPolicy(book)
    decide = functools.partial(_assess, on=on, book=book, policy=policy)
    decided, missing = decide_unknowns(case, decide, _signature)
    if decided is not None:
        return decided
    registration = case.deceased.registration
    where = case.cremation_place if registration is None else registration.jurisdiction
    reasons = [R_UNKNOWN_STATUS.reason(None, paths=", ".join(missing))]
    draft = Draft(PROGRAMME.code, case.subject, on, ScopeLevel.COUNTY.area(where), reasons)
    return draft.decide(Outcome.CANNOT_DECIDE, missing=missing)


def _signature(decision: Decision) -> object:
    """Return what an unknown status fact must leave unchanged not to matter: outcome, amount."""
    return decision.outcome, decision.amount


def _assess(case: FuneralCase, on: dt.date, book: ParameterBook, policy: FuneralPolicy) -> Decision:
    """Decide :func:`assess` for a case whose status facts are all established."""
    deceased = case.deceased
    death = deceased.death_date
    registration = deceased.registration
    reasons: list[Reason] = []
    if registration is None:
        reasons.append(R_NO_FAMILY.reason(False))
        return Draft(PROGRAMME.code, case.subject, on, case.cremation_place, reasons).decide(
            Outcome.NOT_ELIGIBLE
        )
    home = ScopeLevel.COUNTY.area(registration.jurisdiction)
    draft = Draft(PROGRAMME.code, case.subject, on, home, reasons)
    home_name = place_name(home)
    wanted = _wanted(case, home, home_name, policy, reasons)
    lines: list[AmountLine] = []
    for items, zone_used in wanted:
        first = items[0]
        if not case.cremated:
            reasons.append(R_NEEDS_CREMATION.reason(False, what=first.zh, what_en=first.en))
            continue
        for item in items:
            try:
                amount, used = book.money(f"funeral.subsidy.{item.value}", home, death)
            except ParameterError:
                continue
            reasons.append(
                R_PAID.reason(
                    True,
                    (used, *zone_used),
                    what=item.zh,
                    what_en=item.en,
                    home=home_name,
                    amount=format_yuan(amount, "exact"),
                )
            )
            lines.append(AmountLine(item.value, item.zh, item.en, amount))
            break
        else:
            reasons.append(
                R_NOT_SET.reason(
                    False,
                    zone_used,
                    what=first.zh,
                    what_en=first.en,
                    home=home_name,
                    date=death.isoformat(),
                )
            )
    if not wanted:
        reasons.append(R_NOTHING.reason(False))
    total = sum((line.amount for line in lines), ZERO)
    if not lines:
        return draft.decide(Outcome.NOT_ELIGIBLE)
    return draft.decide(Outcome.ELIGIBLE, Amount(total, Period.ONE_OFF, tuple(lines)))
