"""异地火化财政结算: settlement cases and statements (civaffairs.funeral.settlement)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from funeral_builders import GUANGSHUI, MEIJIANG, QINGSHEN, WUHUA, WULONG, ZENGDU, case

from civaffairs.conversion import dumps, loads
from civaffairs.entities import AssistanceLayer
from civaffairs.errors import InvalidInputError
from civaffairs.funeral import waiver
from civaffairs.funeral.policy import ScopeLevel
from civaffairs.funeral.settlement import (
    Channel,
    Granularity,
    SettlementCase,
    Share,
    Statement,
    split_shares,
    statement,
)
from civaffairs.parameters import default_book

Q1_START, Q1_END = dt.date(2025, 1, 1), dt.date(2025, 3, 31)


def settled(
    registered: str, cremated_in: str, died: dt.date, case_id: str, **kwargs: object
) -> SettlementCase:
    result = waiver.assess(
        case(registered, cremated_in, died, case_id=case_id, **kwargs),  # type: ignore[arg-type]
        dt.date(2025, 4, 30),
    )
    assert result.settlement is not None
    return result.settlement


def shares(province: str, prefecture: str, county: str, payer: str = WUHUA) -> tuple[Share, ...]:
    return (
        Share(ScopeLevel.PROVINCE, ScopeLevel.PROVINCE.area(payer), Decimal(province)),
        Share(ScopeLevel.PREFECTURE, ScopeLevel.PREFECTURE.area(payer), Decimal(prefecture)),
        Share(ScopeLevel.COUNTY, payer, Decimal(county)),
    )


def test_wuhua_shares_province_first_then_prefecture_then_county() -> None:
    book = default_book()
    on = dt.date(2025, 3, 1)
    cases = {"980.00": ("200.00", "100.00", "680.00"), "250.00": ("200.00", "50.00", "0.00")}
    cases |= {"150.00": ("150.00", "0.00", "0.00"), "0.00": ("0.00", "0.00", "0.00")}
    for amount, expected in cases.items():
        found, used = split_shares(WUHUA, on, Decimal(amount), book=book)
        assert tuple(str(s.amount) for s in found) == expected
        assert [s.jurisdiction for s in found] == ["440000", "441400", WUHUA]
        assert [u.name for u in used] == [
            "funeral.settlement.province_share",
            "funeral.settlement.prefecture_share",
        ]


def test_a_statement_of_real_assessments_balances_per_pair_and_period() -> None:
    cases = [
        settled(ZENGDU, GUANGSHUI, dt.date(2025, 1, 10), "SZ-1"),
        settled(ZENGDU, GUANGSHUI, dt.date(2025, 1, 20), "SZ-2"),
        settled(ZENGDU, GUANGSHUI, dt.date(2025, 2, 5), "SZ-3"),
        settled(WUHUA, MEIJIANG, dt.date(2025, 1, 15), "WH-1"),
        settled(WUHUA, MEIJIANG, dt.date(2025, 3, 15), "WH-2"),
        settled(WULONG, QINGSHEN, dt.date(2025, 3, 2), "WL-1", layer=_TEKUN),
    ]
    result = statement(cases, start=Q1_START, end=Q1_END)
    assert result.balanced
    assert result.problems() == []
    assert len(result.lines) == 6
    assert [(p.period, p.payer, p.payee, p.cases) for p in result.pairs] == [
        ("2025-01", ZENGDU, GUANGSHUI, 2),
        ("2025-01", WUHUA, MEIJIANG, 1),
        ("2025-02", ZENGDU, GUANGSHUI, 1),
        ("2025-03", WUHUA, MEIJIANG, 1),
        ("2025-03", WULONG, QINGSHEN, 1),
    ]
    january = result.pairs[0]
    assert january.amount == cases[0].amount + cases[1].amount
    assert result.total == sum(c.amount for c in cases)
    guangdong = next(level for level in result.levels if level.jurisdiction == "440000")
    assert guangdong.amount == Decimal("400.00")  # 200 per body, two bodies
    quarterly = statement(cases, start=Q1_START, end=Q1_END, granularity=Granularity.QUARTER)
    assert [p.period for p in quarterly.pairs] == ["2025-Q1"] * 3
    assert quarterly.total == result.total


_TEKUN = AssistanceLayer.EXTREME_POVERTY


def test_statement_rows_render_and_round_trip() -> None:
    cases = [settled(WUHUA, MEIJIANG, dt.date(2025, 1, 15), "WH-1")]
    result = statement(cases, start=Q1_START, end=Q1_END)
    assert result.rows() == [
        {
            "period": "2025-01",
            "case": "WH-1",
            "payer": WUHUA,
            "payee": MEIJIANG,
            "date": "2025-01-15",
            "channel": "reimbursed",
            "amount": "720.00",  # 150 + 300 + 200 + 70: 五华 standards
            "province": "200.00",
            "prefecture": "100.00",
            "county": "420.00",
        }
    ]
    text = result.render("zh")
    assert "五华县(441424) → 梅江区(441402): 1 例, 720 元" in text
    assert "平衡: True" in text
    assert "balanced: True" in result.render("en")
    assert loads(dumps(result), Statement) == result


def test_an_unbalanced_statement_is_reported() -> None:
    good = statement(
        [
            SettlementCase(
                "A",
                WUHUA,
                MEIJIANG,
                dt.date(2025, 1, 1),
                Channel.REIMBURSED,
                "300",
                shares("200", "100", "0"),
            )
        ],
        start=Q1_START,
        end=Q1_END,
    )
    tampered = Statement(
        good.start,
        good.end,
        good.granularity,
        good.lines,
        good.pairs,
        good.levels,
        Decimal("300.01"),
    )
    assert not tampered.balanced
    assert len(tampered.problems()) == 3


def test_an_empty_statement_balances_at_zero() -> None:
    result = statement([], start=Q1_START, end=Q1_END)
    assert result.balanced
    assert result.total == 0


def test_bad_statements_are_refused() -> None:
    one = SettlementCase(
        "A",
        WUHUA,
        MEIJIANG,
        dt.date(2025, 1, 1),
        Channel.REIMBURSED,
        "300",
        shares("200", "100", "0"),
    )
    with pytest.raises(InvalidInputError) as caught:
        statement([one, one], start=Q1_START, end=Q1_END)
    assert caught.value.path == "$[1].case"
    with pytest.raises(InvalidInputError) as caught:
        statement([one], start=dt.date(2025, 2, 1), end=Q1_END)
    assert caught.value.path == "$[0].date"
    with pytest.raises(InvalidInputError) as caught:
        statement([one], start=Q1_END, end=Q1_START)
    assert caught.value.path == "$.end"


def test_bad_settlement_cases_are_refused() -> None:
    on = dt.date(2025, 1, 1)
    good = shares("200", "100", "0")
    with pytest.raises(InvalidInputError, match=r"\$\.payee"):
        SettlementCase("A", WUHUA, WUHUA, on, Channel.REIMBURSED, "300", good)
    with pytest.raises(InvalidInputError, match=r"\$\.payer"):
        SettlementCase("A", "441400", MEIJIANG, on, Channel.REIMBURSED, "300", good)
    with pytest.raises(InvalidInputError, match=r"\$\.shares"):
        SettlementCase("A", WUHUA, MEIJIANG, on, Channel.REIMBURSED, "300.01", good)
    with pytest.raises(InvalidInputError, match=r"\$\.shares"):
        SettlementCase("A", WUHUA, MEIJIANG, on, Channel.REIMBURSED, "300", good[::-1])
    with pytest.raises(InvalidInputError, match=r"\$\.channel"):
        SettlementCase("A", WUHUA, MEIJIANG, on, Channel.AT_COUNTER, "300", good)
    with pytest.raises(InvalidInputError, match=r"\$\.amount"):
        SettlementCase("A", WUHUA, MEIJIANG, on, Channel.REIMBURSED, -1, good)
    with pytest.raises(InvalidInputError, match=r"\$\.case"):
        SettlementCase("", WUHUA, MEIJIANG, on, Channel.REIMBURSED, "300", good)


def test_granularity_labels() -> None:
    on = dt.date(2025, 11, 30)
    assert [g.label(on) for g in Granularity] == ["2025-11", "2025-Q4", "2025"]
