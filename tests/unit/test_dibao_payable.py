"""The payable period of a decision: the months it pays for, and the articles that set them."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from builders import ON, household, person, rural_family

from civaffairs.assistance import dibao
from civaffairs.assistance.dibao_terms import CHONGQING_DIBAO_REGULATION
from civaffairs.assistance.laws import (
    DIBAO_REVIEW_MEASURES,
    EXTREME_POVERTY_MEASURES,
    UNSUPPORTED_CHILDREN_OPINION,
)
from civaffairs.conversion import dumps, loads, structure, unstructure
from civaffairs.decisions import (
    Citation,
    Decision,
    PayablePeriod,
    first_of_month,
    month_after,
)
from civaffairs.entities import Household, Income, IncomeType, Relationship
from civaffairs.errors import InvalidDocumentError, InvalidInputError
from civaffairs.parameters import default_book

ART_21 = Citation(DIBAO_REVIEW_MEASURES, "第二十一条")
TEKUN_17 = Citation(EXTREME_POVERTY_MEASURES, "第十七条")
TEKUN_26 = Citation(EXTREME_POVERTY_MEASURES, "第二十六条")
CQ_ART_22 = Citation(CHONGQING_DIBAO_REGULATION, "第二十二条")
HANGZHOU = "330106"
#: No Zhejiang standard ships: a test figure, marked example by the override.
ZJ_BOOK = default_book().override(
    "assistance.dibao.standard.rural", "330000", Decimal(1000), dt.date(2021, 7, 1)
)


def _hangzhou_family(income: str) -> Household:
    """A rural family of three in 西湖区 (杭州市, 浙江省): the national rule of 57号 art. 21."""
    members = [
        (person("a", where=HANGZHOU), Relationship.APPLICANT),
        (person("s", where=HANGZHOU), Relationship.SPOUSE),
        (person("c", born=dt.date(2015, 1, 1), where=HANGZHOU), Relationship.CHILD),
    ]
    return household(*members, incomes=[Income(IncomeType.WAGES, income, member="a")])


def test_dibao_is_paid_from_the_month_after_the_decision() -> None:
    """民发〔2021〕57号 第二十一条: "县级人民政府民政部门经审核，对符合条件的申请予以确认同意，
    同时确定救助金额，发放最低生活保障证或确认通知书，并从作出确认同意决定之日下月起发放最低生活保障金。"
    """
    decision = dibao.assess(_hangzhou_family("850"), dt.date(2025, 8, 20), book=ZJ_BOOK)
    assert decision.eligible
    assert decision.payable_from == dt.date(2025, 9, 1)
    assert decision.payable_until is None
    assert decision.payable is not None
    assert decision.payable.first_basis == ART_21
    assert [p.jurisdiction for p in decision.payable.parameters] == ["000000"]


def test_a_decision_on_the_last_day_of_december_pays_from_january() -> None:
    """57号 第二十一条: "从作出确认同意决定之日下月起发放" — the next month crosses the year."""
    decision = dibao.assess(_hangzhou_family("850"), dt.date(2025, 12, 31), book=ZJ_BOOK)
    assert decision.payable_from == dt.date(2026, 1, 1)


def test_a_decision_on_the_first_of_a_month_pays_from_the_next_month() -> None:
    """57号 第二十一条: "下月起" — not the month of the decision, even on its first day."""
    decision = dibao.assess(_hangzhou_family("850"), dt.date(2025, 8, 1), book=ZJ_BOOK)
    assert decision.payable_from == dt.date(2025, 9, 1)


def test_chongqing_pays_from_the_month_of_approval() -> None:
    """《重庆市城乡居民最低生活保障条例》(2016) 第二十二条: "最低生活保障金从批准的当月起，
    以货币形式按月发放到最低生活保障对象。" — a local regulation that differs from 57号 art. 21.
    """
    decision = dibao.assess(rural_family(3, "850"), dt.date(2025, 8, 20))
    assert decision.payable_from == dt.date(2025, 8, 1)
    assert decision.payable is not None
    assert decision.payable.first_basis == CQ_ART_22
    assert decision.payable.parameters[0].jurisdiction == "500000"
    assert decision.payable.parameters[0].status.value == "sourced"


def test_before_57_the_rule_is_example_data() -> None:
    """57号 第四十二条: "本办法自2021年7月1日起施行" — before it, the rule is carried back."""
    book = ZJ_BOOK.override(
        "assistance.dibao.standard.rural", "330000", Decimal(800), dt.date(2020, 1, 1)
    )
    decision = dibao.assess(_hangzhou_family("850"), dt.date(2020, 6, 10), book=book)
    assert decision.payable_from == dt.date(2020, 7, 1)
    assert decision.uses_example_data


def test_a_refusal_has_no_payable_period() -> None:
    """57号 第二十一条: "对不符合条件的申请不予确认同意" — nothing is paid."""
    decision = dibao.assess(rural_family(3, "100000"), ON)
    assert not decision.eligible
    assert decision.payable is None
    assert decision.payable_from is None


def test_extreme_poverty_shape_month_after_and_termination() -> None:
    """民发〔2021〕43号 第十七条: "从确认之日下月起给予救助供养待遇";
    第二十六条: "公示期满无异议的，县级人民政府民政部门应当作出终止决定并从下月起终止救助供养"
    — the month of the termination
    decision is the last month paid.
    """
    period = PayablePeriod.from_month_after(dt.date(2025, 3, 15), TEKUN_17)
    assert period.first_month == dt.date(2025, 4, 1)
    ended = period.stopping_after_month_of(dt.date(2025, 10, 9), TEKUN_26)
    assert ended.last_month == dt.date(2025, 10, 1)
    assert ended.last_basis == TEKUN_26
    assert ended.covers(dt.date(2025, 10, 31))
    assert not ended.covers(dt.date(2025, 11, 1))
    assert not ended.covers(dt.date(2025, 3, 31))


def test_unsupported_children_from_the_month_after_confirmation() -> None:
    """民发〔2019〕62号: "符合条件的，从确认的次月起纳入保障范围"."""
    basis = Citation(UNSUPPORTED_CHILDREN_OPINION, "二、（三）")
    period = PayablePeriod.from_month_after(dt.date(2024, 2, 29), basis)
    assert period.first_month == dt.date(2024, 3, 1)
    assert period.covers(dt.date(2030, 1, 1))


def test_month_helpers() -> None:
    """ "下月" of any day is the first day of the following month."""
    assert first_of_month(dt.date(2024, 2, 29)) == dt.date(2024, 2, 1)
    assert month_after(dt.date(2024, 1, 31)) == dt.date(2024, 2, 1)
    assert month_after(dt.date(2024, 12, 1)) == dt.date(2025, 1, 1)


@pytest.mark.parametrize("bad", [dt.date(2025, 9, 2), dt.datetime(2025, 9, 1, 8, 0, tzinfo=dt.UTC)])
def test_a_month_is_its_first_day(bad: dt.date) -> None:
    with pytest.raises(InvalidInputError, match=r"\$\.first_month"):
        PayablePeriod(bad, ART_21)


def test_the_last_month_needs_its_article_and_may_not_precede_the_first() -> None:
    with pytest.raises(InvalidInputError, match=r"\$\.last_basis"):
        PayablePeriod(dt.date(2025, 9, 1), ART_21, dt.date(2025, 12, 1))
    with pytest.raises(InvalidInputError, match=r"\$\.last_month"):
        PayablePeriod(dt.date(2025, 9, 1), ART_21, dt.date(2025, 8, 1), TEKUN_26)
    # A termination decided in the month of approval leaves no payable month: refused.
    with pytest.raises(InvalidInputError, match=r"\$\.last_month"):
        PayablePeriod.from_month_after(dt.date(2025, 8, 3), TEKUN_17).stopping_after_month_of(
            dt.date(2025, 8, 20), TEKUN_26
        )


def test_payable_period_renders_in_both_languages() -> None:
    decision = dibao.assess(_hangzhou_family("850"), ON, book=ZJ_BOOK)
    zh, en = decision.render("zh"), decision.render("en")
    assert "发放月份: 2025-09 起" in zh
    assert "payable months: from 2025-09" in en
    assert "《最低生活保障审核确认办法》(民发〔2021〕57号) 第二十一条" in zh
    assert "assistance.dibao.payable.from_month_of_approval @ 000000 = False" in zh
    ended = PayablePeriod(dt.date(2025, 9, 1), ART_21).through(dt.date(2026, 2, 1), TEKUN_26)
    assert ended.describe("zh") == "2025-09 至 2026-02"
    assert ended.describe("en") == "from 2025-09 through 2026-02"


def test_payable_period_round_trips_through_json_exactly() -> None:
    decision = dibao.assess(rural_family(3, "850"), ON)
    data = json.loads(dumps(decision))
    assert data["payable"]["first_month"] == "2025-08-01"
    assert data["payable"]["last_month"] is None
    assert data["payable"]["first_basis"]["article"] == "第二十二条"
    assert (
        data["payable"]["parameters"][0]["name"]
        == "assistance.dibao.payable.from_month_of_approval"
    )
    assert loads(dumps(decision), Decision) == decision
    ended = PayablePeriod(dt.date(2025, 9, 1), ART_21).through(dt.date(2026, 2, 1), TEKUN_26)
    assert structure(unstructure(ended), PayablePeriod) == ended


def test_json_with_a_mid_month_payable_month_is_refused_by_path() -> None:
    data = unstructure(dibao.assess(rural_family(3, "850"), ON))
    data["payable"]["first_month"] = "2025-09-15"
    with pytest.raises(InvalidDocumentError) as caught:
        structure(data, Decision)
    assert [e.path for e in caught.value.errors] == ["$.payable.first_month"]
