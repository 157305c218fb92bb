"""低保 steps 3-5: the family's income, the income test and the property test, explained.

民发〔2021〕57号 art. 13 (family income: the items not counted and the deductions a
jurisdiction sets), 社会救助暂行办法 art. 9 (income strictly below the standard) and
57号 art. 14 (family property, the limits local).  :func:`means_test` is the rule's
arithmetic written once: it takes an ``ops`` object (:mod:`civaffairs.kernels`) and
integers (fen) or booleans, so the same body decides one household here, exactly and
with its explanation, and a column of households in :mod:`civaffairs.batch`.  Amounts
are integer fen; a rate r = n/d scales incomes by d, so no step rounds until the
payment itself.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import attrs

from civaffairs.assistance import means
from civaffairs.assistance.dibao.codes import (
    PROGRAMME,
    R_ASSET_DISQUALIFIES,
    R_EMPLOYMENT_DEDUCTION,
    R_FINANCIAL_ASSETS,
    R_INCOME_BELOW,
    R_INCOME_EXCLUDED,
    R_INCOME_NOT_BELOW,
    scaled_yuan,
    yuan_text,
)
from civaffairs.assistance.means import (
    CountedIncome,
    counted_assets,
    disqualifying_flag,
    family_income,
    owned_asset_words,
)
from civaffairs.decisions import Reason
from civaffairs.entities import AssetType, Household, Member
from civaffairs.kernels import SCALAR, Ops
from civaffairs.money import FEN, fen_to_yuan, yuan_to_fen
from civaffairs.parameters import ParameterBook, ParameterValue

#: Assets that fail the property test where the jurisdiction's flag says so, with the flag's
#: parameter name and how a reason names them (zh, en): 低保's view of the one list,
#: :data:`civaffairs.assistance.means.DISQUALIFYING_ASSETS`, derived from it with
#: :func:`~civaffairs.assistance.means.disqualifying_flag` and
#: :func:`~civaffairs.assistance.means.owned_asset_words` (the columnar rule reads it).
DISQUALIFYING_ASSETS: tuple[tuple[AssetType, str, tuple[str, str]], ...] = tuple(
    (asset, disqualifying_flag(PROGRAMME.code, asset), owned_asset_words(asset))
    for asset in means.DISQUALIFYING_ASSETS
)


@attrs.frozen
class MeansTest:
    """The income and property tests for one household or a column of households.

    ``net_income`` is counted income less the employment deduction, in fen
    multiplied by ``scale`` (the deduction rate's denominator).

    .. versionadded:: 0.1.0
    """

    threshold: Any
    net_income: Any
    scale: Any
    income_ok: Any
    financial_ok: Any
    assets_ok: Any


def means_test(
    ops: Ops,
    *,
    standard: Any,
    count: Any,
    income: Any,
    wages: Any,
    financial: Any,
    months: Any,
    disqualified: Any,
    rate: tuple[Any, Any],
) -> MeansTest:
    """Apply the income test (社会救助暂行办法 art. 9) and the property test, exactly.

    ``income < standard × count`` with the employment deduction ``rate × wages``
    taken off first; financial assets strictly below ``months`` of the standard
    per counted member; no disqualifying asset.

    .. versionadded:: 0.1.0
    """
    rate_num, rate_den = rate
    threshold = standard * count
    net_income = income * rate_den - wages * rate_num
    financial_ok = financial < standard * months * count
    return MeansTest(
        threshold=threshold,
        net_income=net_income,
        scale=rate_den,
        income_ok=net_income < threshold * rate_den,
        financial_ok=financial_ok,
        assets_ok=financial_ok & ops.not_(disqualified),
    )


def income_and_property(
    household: Household,
    counted: list[tuple[int, Member]],
    standard_used: ParameterValue,
    *,
    book: ParameterBook,
    where: str,
    on: dt.date,
    reasons: list[Reason],
) -> tuple[MeansTest, CountedIncome, tuple[int, int], dict[str, str]]:
    """Count income, apply the income and property tests, and explain each (steps 3-5).

    Returns the tests, the counted income, the employment-deduction rate and the facts
    the income reasons (and the difference paid, step 6) are written with.
    """
    # 3. Income (57号; national list of items not counted) and the employment deduction.
    count = len(counted)
    standard_yuan = standard_used.value
    assert isinstance(standard_yuan, Decimal)  # noqa: S101 - a money parameter
    standard = yuan_to_fen(standard_yuan)
    # 57号 art. 13 (third paragraph): optional deductions, where the jurisdiction sets them.
    flows, deducted = family_income(
        household, [m for _, m in counted], standard, book=book, where=where, on=on
    )
    reasons.extend(_income_reasons(flows, deducted))
    rate, wages = flows.rate, flows.wages

    # 4-5. Income and property tests, exact (see means_test).
    # 57号 art. 14: the property of the counted members only (and the household's own).
    held = counted_assets(household, (m.person.id for _, m in counted))
    disqualifying = _disqualifying({a.type for a in held}, book, where, on)
    months, months_used = book.count(
        "assistance.dibao.assets.financial_months_per_capita", where, on
    )
    financial = sum(yuan_to_fen(a.value) for a in held if a.type.is_financial)
    test = means_test(
        SCALAR,
        standard=standard,
        count=count,
        income=flows.total,
        wages=wages,
        financial=financial,
        months=months,
        disqualified=bool(disqualifying),
        rate=rate,
    )
    net_income = scaled_yuan(test.net_income, test.scale)
    facts = {
        "income": yuan_text(net_income),
        "standard": yuan_text(standard_yuan),
        "count": str(count),
        "threshold": yuan_text(fen_to_yuan(test.threshold)),
        "per_capita": yuan_text((net_income / count).quantize(FEN, ROUND_HALF_UP))
        if count
        else "-",
    }
    reasons.append(
        (R_INCOME_BELOW if test.income_ok else R_INCOME_NOT_BELOW).reason(
            test.income_ok, (standard_used,), **facts
        )
    )
    reasons.append(
        R_FINANCIAL_ASSETS.reason(
            test.financial_ok,
            (months_used,),
            assets=yuan_text(fen_to_yuan(financial)),
            relation="低于" if test.financial_ok else "不低于",
            relation_en="below" if test.financial_ok else "not below",
            months=str(months),
            count=str(count),
            limit=yuan_text(fen_to_yuan(standard * months * count)),
        )
    )
    reasons.extend(
        R_ASSET_DISQUALIFIES.reason(False, (used,), asset=zh, asset_en=en)
        for (zh, en), used in disqualifying
    )

    return test, flows, rate, facts


def _income_reasons(flows: CountedIncome, deducted: Iterable[Reason]) -> list[Reason]:
    """Explain step 3: the income not counted, the deductions, the employment deduction."""
    reasons = []
    if flows.not_counted:
        reasons.append(
            R_INCOME_EXCLUDED.reason(
                None,
                flows.used,
                items="、".join(
                    f"{t.zh} {yuan_text(fen_to_yuan(v))} 元" for t, v in flows.not_counted
                ),
                items_en=", ".join(
                    f"{t.en} {yuan_text(fen_to_yuan(v))} yuan" for t, v in flows.not_counted
                ),
            )
        )
    reasons.extend(deducted)
    rate, wages = flows.rate, flows.wages
    if rate[0] and wages:
        reasons.append(
            R_EMPLOYMENT_DEDUCTION.reason(
                None,
                (flows.deduction_used,),
                deduction=yuan_text(scaled_yuan(wages * rate[0], rate[1])),
            )
        )
    return reasons


def _disqualifying(
    present: set[AssetType], book: ParameterBook, where: str, on: dt.date
) -> list[tuple[tuple[str, str], ParameterValue]]:
    """Return the owned asset kinds that fail 低保's property test (57号 art. 14), in words."""
    disqualifying = []
    for asset_type in means.DISQUALIFYING_ASSETS:
        if asset_type in present:
            disqualifies, used = book.flag(
                disqualifying_flag(PROGRAMME.code, asset_type), where, on
            )
            if disqualifies:
                disqualifying.append((owned_asset_words(asset_type), used))
    return disqualifying
