"""异地火化财政结算: who pays the waived fees of a death cremated outside the home county.

When a county's waiver scheme follows its registered residents to a funeral
home in another county (异地火化; see :mod:`civaffairs.funeral.waiver`), the
home county bears the fees waived there, at its own standards.  How the
money moves is a parameter of the home county
(``funeral.settlement.direct_between_counties``):

* **county to county** (:attr:`Channel.COUNTY_TO_COUNTY`): the funeral home
  waives the fees at the counter and the home county's finance pays the
  cremation county — the fiscal settlement mechanism 随州 plans for 2025
  (seed 000, 二(三); shipped as example data);
* **reimbursed** (:attr:`Channel.REIMBURSED`): the family pays the funeral
  home and the home county reimburses it on the receipts, at home standards —
  五华县's rule (“凭相关材料到本县殡仪馆报销, 按户籍地标准执行”).

Either way the paying county may share the cost with higher levels: 五华's
“省补200元/具, 市补100元/具, 剩余由县财政承担” (parameters
``funeral.settlement.province_share`` and ``.prefecture_share``, read in the
paying county on the date of death).  The province's share is taken first,
then the prefecture's, each up to what remains of the waived amount, and the
county bears the rest — so a case whose waived fees are below the shares is
paid by the province alone.  That order is our reading: the source states
the shares per body, not what happens below them.

A :class:`Statement` lists the cases of a period one line each, with the
totals per paying county, receiving county and sub-period (month, quarter or
year) and per level, all in integer fen, and checks that every total
balances to the fen (:attr:`Statement.balanced`).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from decimal import Decimal

import attrs

from civaffairs import jurisdictions
from civaffairs.errors import InvalidInputError
from civaffairs.funeral.policy import ScopeLevel, place_name
from civaffairs.labels import Labelled, Language
from civaffairs.money import YuanInput, fen_to_yuan, format_yuan, yuan, yuan_to_fen
from civaffairs.parameters import ParameterBook, ParameterValue, default_book

__all__ = [
    "Channel",
    "Granularity",
    "LevelTotal",
    "PairTotal",
    "SettlementCase",
    "Share",
    "Statement",
    "StatementLine",
    "split_shares",
    "statement",
]


class Channel(Labelled):
    """How a waived fee reaches the family, and who is paid.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 Members carry their labels (:class:`~civaffairs.labels.Labelled`).
    """

    #: 殡仪馆直接减免: the funeral home waives the fee; its own county's finance pays it
    AT_COUNTER = "at_counter", "殡仪馆直接减免", "waived at the counter"
    #: 殡仪馆直接减免, 户籍地与火化地财政结算: waived at the counter, the home county pays
    COUNTY_TO_COUNTY = (
        "county_to_county",
        "直接减免, 县际结算",
        "waived at the counter, settled between counties",
    )
    #: 丧属先付, 户籍地凭票报销: the family pays, the home county reimburses it
    REIMBURSED = (
        "reimbursed",
        "丧属先付, 户籍地报销",
        "paid by the family, reimbursed by the home county",
    )


_LEVELS = (ScopeLevel.PROVINCE, ScopeLevel.PREFECTURE, ScopeLevel.COUNTY)


class _Bearer(Labelled):
    """A level of government bearing a share, by its :class:`ScopeLevel` value (省级 …)."""

    PROVINCE = "province", "省级", "province"
    PREFECTURE = "prefecture", "市级", "prefecture"
    COUNTY = "county", "县级", "county"


@attrs.frozen
class Share:
    """The part of a waived amount one level of government bears.

    .. versionadded:: 0.1.0
    """

    level: ScopeLevel
    jurisdiction: str
    amount: Decimal

    def level_label(self, lang: Language = "zh") -> str:
        """Name the level of government that bears the share (省级, 市级, 县级).

        .. versionadded:: 0.1.0
        """
        return _Bearer(self.level.value).label(lang)


def split_shares(
    payer: str, on: dt.date, amount: Decimal, *, book: ParameterBook | None = None
) -> tuple[tuple[Share, ...], tuple[ParameterValue, ...]]:
    """Split ``amount`` borne by county ``payer`` into province, prefecture and county shares.

    The per-body shares are read in ``payer`` on ``on``; the province's is
    taken first, then the prefecture's, each capped by what remains, and the
    county bears the rest.  Returns the three shares (in that order) and the
    parameter values used.

    .. versionadded:: 0.1.0
    """
    book = book or default_book()
    province_share, province_used = book.money("funeral.settlement.province_share", payer, on)
    prefecture_share, prefecture_used = book.money("funeral.settlement.prefecture_share", payer, on)
    total = yuan_to_fen(amount)
    province = min(total, yuan_to_fen(province_share))
    prefecture = min(total - province, yuan_to_fen(prefecture_share))
    county = total - province - prefecture
    shares = (
        Share(ScopeLevel.PROVINCE, ScopeLevel.PROVINCE.area(payer), fen_to_yuan(province)),
        Share(ScopeLevel.PREFECTURE, ScopeLevel.PREFECTURE.area(payer), fen_to_yuan(prefecture)),
        Share(ScopeLevel.COUNTY, payer, fen_to_yuan(county)),
    )
    return shares, (province_used, prefecture_used)


def _county(_instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    path = f"$.{attribute.name}"
    try:
        found = jurisdictions.get(value) if isinstance(value, str) else None
    except LookupError:
        found = None
    if found is None or found.level is not jurisdictions.Level.COUNTY or found.code != value:
        raise InvalidInputError(path, value, "a county-level GB/T 2260 code")


def _amount(value: YuanInput) -> Decimal:
    return yuan(value, path="$.amount")


def _shares(value: Iterable[Share]) -> tuple[Share, ...]:
    return tuple(value)


@attrs.frozen
class SettlementCase:
    """One cross-county case to settle: the home county pays the waived fees of one death.

    ``payer`` is the home (registration) county, ``payee`` the county of the
    funeral home; ``date`` is the cremation date; ``shares`` split
    ``amount`` by level and must add up to it exactly.

    .. versionadded:: 0.1.0
    """

    case: str
    payer: str = attrs.field(validator=_county)
    payee: str = attrs.field(validator=_county)
    date: dt.date
    channel: Channel
    amount: Decimal = attrs.field(converter=_amount)
    shares: tuple[Share, ...] = attrs.field(converter=_shares)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.case, str) or not self.case.strip():
            raise InvalidInputError("$.case", self.case, "a non-empty case reference")
        if not isinstance(self.date, dt.date) or isinstance(self.date, dt.datetime):
            raise InvalidInputError("$.date", self.date, "a calendar date")
        if not isinstance(self.channel, Channel) or self.channel is Channel.AT_COUNTER:
            raise InvalidInputError(
                "$.channel",
                getattr(self.channel, "value", self.channel),
                "'county_to_county' or 'reimbursed' (a case settled between two counties)",
            )
        if self.payer == self.payee:
            raise InvalidInputError(
                "$.payee", self.payee, f"a county other than the paying county {self.payer}"
            )
        levels = [s.level for s in self.shares]
        if levels != list(_LEVELS):
            raise InvalidInputError(
                "$.shares",
                ", ".join(level.value for level in levels),
                "one share each for province, prefecture and county, in that order",
            )
        for index, share in enumerate(self.shares):
            yuan(share.amount, path=f"$.shares[{index}].amount")
        if sum(s.amount for s in self.shares) != self.amount:
            raise InvalidInputError(
                "$.shares",
                " + ".join(str(s.amount) for s in self.shares),
                f"shares adding up to the amount {self.amount}",
            )


class Granularity(enum.Enum):
    """The sub-periods a statement totals by.

    .. versionadded:: 0.1.0
    """

    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"

    def label(self, on: dt.date) -> str:
        """Return the sub-period of ``on``: ``2025-03``, ``2025-Q1`` or ``2025``."""
        if self is Granularity.MONTH:
            return f"{on.year:04d}-{on.month:02d}"
        if self is Granularity.QUARTER:
            return f"{on.year:04d}-Q{(on.month - 1) // 3 + 1}"
        return f"{on.year:04d}"


@attrs.frozen
class StatementLine:
    """One case of a statement, with the amount each level bears.

    .. versionadded:: 0.1.0
    """

    period: str
    case: str
    payer: str
    payee: str
    date: dt.date
    channel: Channel
    amount: Decimal
    province: Decimal
    prefecture: Decimal
    county: Decimal


@attrs.frozen
class PairTotal:
    """The total a paying county owes a receiving county (or its families) for a sub-period.

    .. versionadded:: 0.1.0
    """

    period: str
    payer: str
    payee: str
    cases: int
    amount: Decimal
    province: Decimal
    prefecture: Decimal
    county: Decimal


@attrs.frozen
class LevelTotal:
    """What one government (a province, a prefecture or a county) bears over the statement.

    .. versionadded:: 0.1.0
    """

    level: ScopeLevel
    jurisdiction: str
    amount: Decimal


@attrs.frozen
class Statement:
    """A settlement statement for ``[start, end]``: lines, totals per pair and per level.

    .. versionadded:: 0.1.0
    """

    start: dt.date
    end: dt.date
    granularity: Granularity
    lines: tuple[StatementLine, ...]
    pairs: tuple[PairTotal, ...]
    levels: tuple[LevelTotal, ...]
    total: Decimal

    def problems(self) -> list[str]:
        """Recompute every total in fen and return the differences (empty when balanced).

        .. versionadded:: 0.1.0
        """
        found: list[str] = []
        for line in self.lines:
            parts = (line.province, line.prefecture, line.county)
            if sum(yuan_to_fen(p) for p in parts) != yuan_to_fen(line.amount):
                found.append(f"line {line.case}: shares do not add up to {line.amount}")
        for pair in self.pairs:
            mine = [
                line
                for line in self.lines
                if (line.period, line.payer, line.payee) == (pair.period, pair.payer, pair.payee)
            ]
            for name in ("amount", "province", "prefecture", "county"):
                expected = sum(yuan_to_fen(getattr(line, name)) for line in mine)
                if yuan_to_fen(getattr(pair, name)) != expected:
                    found.append(f"pair {pair.period} {pair.payer}->{pair.payee}: {name} differs")
            if pair.cases != len(mine):
                found.append(f"pair {pair.period} {pair.payer}->{pair.payee}: case count differs")
        grand = yuan_to_fen(self.total)
        if sum(yuan_to_fen(line.amount) for line in self.lines) != grand:
            found.append("the lines do not add up to the total")
        if sum(yuan_to_fen(pair.amount) for pair in self.pairs) != grand:
            found.append("the pair totals do not add up to the total")
        if sum(yuan_to_fen(level.amount) for level in self.levels) != grand:
            found.append("the level totals do not add up to the total")
        return found

    @property
    def balanced(self) -> bool:
        """Whether every total balances to the fen.

        .. versionadded:: 0.1.0
        """
        return not self.problems()

    def rows(self) -> list[dict[str, str]]:
        """Return the lines as flat rows of strings (for CSV), amounts as decimal yuan.

        .. versionadded:: 0.1.0
        """
        return [
            {
                "period": line.period,
                "case": line.case,
                "payer": line.payer,
                "payee": line.payee,
                "date": line.date.isoformat(),
                "channel": line.channel.value,
                "amount": format_yuan(line.amount, "exact"),
                "province": format_yuan(line.province, "exact"),
                "prefecture": format_yuan(line.prefecture, "exact"),
                "county": format_yuan(line.county, "exact"),
            }
            for line in self.lines
        ]

    def render(self, lang: str = "zh") -> str:
        """Render the statement as plain text.

        .. versionadded:: 0.1.0
        """
        zh = lang == "zh"
        words: Language = "zh" if zh else "en"
        head = (
            f"异地火化减免费用结算单 {self.start.isoformat()} 至 {self.end.isoformat()}"
            if zh
            else f"Cross-county funeral fee settlement {self.start.isoformat()} to "
            f"{self.end.isoformat()}"
        )
        out = [head]
        for pair in self.pairs:
            out.append(
                f"  {pair.period} {place_name(pair.payer)} → {place_name(pair.payee)}: "
                f"{pair.cases} {'例' if zh else 'case(s)'}, {format_yuan(pair.amount)} "
                f"(省 {format_yuan(pair.province)} / 市 {format_yuan(pair.prefecture)} / "
                f"县 {format_yuan(pair.county)})"
            )
            for line in self.lines:
                if (line.period, line.payer, line.payee) == (pair.period, pair.payer, pair.payee):
                    channel = line.channel.label(words)
                    out.append(
                        f"    - {line.case} {line.date.isoformat()} {format_yuan(line.amount)} "
                        f"[{channel}]"
                    )
        out.extend(
            f"  {_Bearer(level.level.value).label(words)} {place_name(level.jurisdiction)}: "
            f"{format_yuan(level.amount)}"
            for level in self.levels
        )
        out.append(f"  {'合计' if zh else 'total'}: {format_yuan(self.total)}")
        out.append(f"  {'平衡' if zh else 'balanced'}: {self.balanced}")
        return "\n".join(out)


def statement(
    cases: Iterable[SettlementCase],
    *,
    start: dt.date,
    end: dt.date,
    granularity: Granularity = Granularity.MONTH,
) -> Statement:
    """Build the settlement statement of ``cases`` for ``[start, end]`` (both inclusive).

    Every case must be dated within the period and appear once; otherwise
    :class:`~civaffairs.errors.InvalidInputError` names it (``$[3].date``,
    ``$[3].case``).  Sums are exact (integer fen).

    .. versionadded:: 0.1.0
    """
    if end < start:
        raise InvalidInputError("$.end", end.isoformat(), f"a date on or after {start}")
    listed = list(cases)
    lines = _statement_lines(listed, start, end, granularity)
    return Statement(
        start=start,
        end=end,
        granularity=granularity,
        lines=tuple(lines),
        pairs=_pair_totals(lines),
        levels=_level_totals(listed),
        total=fen_to_yuan(sum(yuan_to_fen(line.amount) for line in lines)),
    )


def _statement_lines(
    listed: list[SettlementCase], start: dt.date, end: dt.date, granularity: Granularity
) -> list[StatementLine]:
    """Check each case (a settlement case, listed once, dated in the period); list it, sorted."""
    seen: set[str] = set()
    lines: list[StatementLine] = []
    for index, case in enumerate(listed):
        if not isinstance(case, SettlementCase):
            raise InvalidInputError(f"$[{index}]", type(case).__name__, "a settlement case")
        if case.case in seen:
            raise InvalidInputError(f"$[{index}].case", case.case, "a case listed only once")
        seen.add(case.case)
        if not start <= case.date <= end:
            raise InvalidInputError(
                f"$[{index}].date", case.date.isoformat(), f"a date within {start} – {end}"
            )
        province, prefecture, county = (s.amount for s in case.shares)
        lines.append(
            StatementLine(
                period=granularity.label(case.date),
                case=case.case,
                payer=case.payer,
                payee=case.payee,
                date=case.date,
                channel=case.channel,
                amount=case.amount,
                province=province,
                prefecture=prefecture,
                county=county,
            )
        )
    lines.sort(key=lambda line: (line.period, line.payer, line.payee, line.date, line.case))
    return lines


def _pair_totals(lines: list[StatementLine]) -> tuple[PairTotal, ...]:
    """Total the lines per period, payer and payee, in exact fen."""
    pairs: dict[tuple[str, str, str], list[int]] = {}
    for line in lines:
        totals = pairs.setdefault((line.period, line.payer, line.payee), [0, 0, 0, 0, 0])
        totals[0] += 1
        for position, value in enumerate(
            (line.amount, line.province, line.prefecture, line.county), start=1
        ):
            totals[position] += yuan_to_fen(value)
    return tuple(
        PairTotal(
            period=period,
            payer=payer,
            payee=payee,
            cases=totals[0],
            amount=fen_to_yuan(totals[1]),
            province=fen_to_yuan(totals[2]),
            prefecture=fen_to_yuan(totals[3]),
            county=fen_to_yuan(totals[4]),
        )
        for (period, payer, payee), totals in sorted(pairs.items())
    )


def _level_totals(listed: list[SettlementCase]) -> tuple[LevelTotal, ...]:
    """Total the shares each level of government bears, in exact fen, province first."""
    levels: dict[tuple[ScopeLevel, str], int] = {}
    for case in listed:
        for share in case.shares:
            key = (share.level, share.jurisdiction)
            levels[key] = levels.get(key, 0) + yuan_to_fen(share.amount)
    order = {level: i for i, level in enumerate(_LEVELS)}
    return tuple(
        LevelTotal(level, code, fen_to_yuan(fen))
        for (level, code), fen in sorted(levels.items(), key=lambda kv: (order[kv[0][0]], kv[0][1]))
    )
