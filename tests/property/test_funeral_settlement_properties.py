"""Invariants of cross-county settlement statements: they balance to the fen, whatever the input."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from civaffairs.funeral.policy import ScopeLevel
from civaffairs.funeral.settlement import (
    Channel,
    Granularity,
    SettlementCase,
    Share,
    split_shares,
    statement,
)
from civaffairs.money import fen_to_yuan, yuan_to_fen
from civaffairs.parameters import default_book

COUNTIES = ["421303", "421321", "421381", "441424", "441402", "500156", "511425", "330102"]
START, END = dt.date(2025, 1, 1), dt.date(2025, 12, 31)


@st.composite
def settlement_cases(draw: st.DrawFn, index: int) -> SettlementCase:
    payer = draw(st.sampled_from(COUNTIES))
    payee = draw(st.sampled_from([c for c in COUNTIES if c != payer]))
    total = draw(st.integers(min_value=0, max_value=2_000_000))
    province = draw(st.integers(min_value=0, max_value=total))
    prefecture = draw(st.integers(min_value=0, max_value=total - province))
    shares = (
        Share(ScopeLevel.PROVINCE, ScopeLevel.PROVINCE.area(payer), fen_to_yuan(province)),
        Share(ScopeLevel.PREFECTURE, ScopeLevel.PREFECTURE.area(payer), fen_to_yuan(prefecture)),
        Share(ScopeLevel.COUNTY, payer, fen_to_yuan(total - province - prefecture)),
    )
    return SettlementCase(
        case=f"C{index}",
        payer=payer,
        payee=payee,
        date=draw(st.dates(min_value=START, max_value=END)),
        channel=draw(st.sampled_from([Channel.COUNTY_TO_COUNTY, Channel.REIMBURSED])),
        amount=fen_to_yuan(total),
        shares=shares,
    )


@st.composite
def case_lists(draw: st.DrawFn) -> list[SettlementCase]:
    size = draw(st.integers(min_value=0, max_value=25))
    return [draw(settlement_cases(i)) for i in range(size)]


@given(case_lists(), st.sampled_from(Granularity))
def test_statements_balance_to_the_fen_across_all_county_pairs(
    cases: list[SettlementCase], granularity: Granularity
) -> None:
    result = statement(cases, start=START, end=END, granularity=granularity)
    assert result.balanced, result.problems()
    total = sum(yuan_to_fen(c.amount) for c in cases)
    assert yuan_to_fen(result.total) == total
    assert sum(yuan_to_fen(p.amount) for p in result.pairs) == total
    assert sum(p.cases for p in result.pairs) == len(cases)
    for pair in result.pairs:
        parts = (pair.province, pair.prefecture, pair.county)
        assert sum(yuan_to_fen(p) for p in parts) == yuan_to_fen(pair.amount)
    for level in ScopeLevel:
        if level is ScopeLevel.NATIONAL:
            continue
        by_level = sum(yuan_to_fen(t.amount) for t in result.levels if t.level is level)
        from_cases = sum(yuan_to_fen(s.amount) for c in cases for s in c.shares if s.level is level)
        assert by_level == from_cases


@given(case_lists(), st.randoms(use_true_random=False))
def test_the_order_of_the_cases_does_not_matter(
    cases: list[SettlementCase], random: object
) -> None:
    shuffled = list(cases)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    assert statement(shuffled, start=START, end=END) == statement(cases, start=START, end=END)


@given(case_lists())
def test_every_granularity_gives_the_same_totals(cases: list[SettlementCase]) -> None:
    results = [statement(cases, start=START, end=END, granularity=g) for g in Granularity]
    assert len({r.total for r in results}) == 1
    assert len({r.levels for r in results}) == 1


@given(st.integers(min_value=0, max_value=10_000_000))
def test_wuhua_shares_add_up_and_respect_the_per_body_figures(fen: int) -> None:
    amount = fen_to_yuan(fen)
    shares, _ = split_shares("441424", dt.date(2025, 6, 1), amount, book=default_book())
    province, prefecture, county = (s.amount for s in shares)
    assert province + prefecture + county == amount
    assert province == min(amount, Decimal(200))
    assert prefecture == min(amount - province, Decimal(100))
    assert county >= 0
