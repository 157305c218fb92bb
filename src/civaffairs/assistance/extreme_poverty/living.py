"""No source of living (无生活来源): 特困人员认定办法 arts. 6–7, through the shared means test.

Art. 6: "收入低于当地最低生活保障标准，且财产符合当地特困人员财产状况规定的，应当认定为本办法
所称的无生活来源。前款所称收入包括工资性收入、经营净收入、财产净收入、转移净收入等各类收入。中央
确定的城乡居民基本养老保险基础养老金、基本医疗保险等社会保险和优待抚恤金、高龄津贴不计入在内。"
Art. 7: "特困人员财产状况认定标准由设区的市级以上地方人民政府民政部门制定，并报同级地方人民
政府同意。"

The accounting is :mod:`civaffairs.assistance.means`'s, for one person (本人): the
person's own monthly income (:func:`~civaffairs.assistance.means.own_income`) under
art. 6's own list of income left out (:data:`INCOME`), strictly below the local dibao
standard for the person's registration kind; and the person's own property
(:func:`~civaffairs.assistance.means.own_property_test`) under the local 特困 property
rules (:data:`PROPERTY`; parameters ``assistance.extreme_poverty.assets.*``, art. 7).
Income or assets that name no member are the person's only in a one-person household;
otherwise they must be attributed (a missing fact) — but only where their owner could
change the answer.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from civaffairs.assistance import means
from civaffairs.assistance._tally import Tally
from civaffairs.assistance.extreme_poverty._shared import Place, yuan_text
from civaffairs.assistance.laws import EXTREME_POVERTY_MEASURES
from civaffairs.decisions import Citation, ReasonCode
from civaffairs.entities import Household, IncomeType, Person
from civaffairs.kernels import SCALAR, Ops
from civaffairs.money import yuan_to_fen
from civaffairs.parameters import ParameterValue

__all__ = ["INCOME", "PROPERTY", "income_rule", "no_source_of_living", "property_rule"]

#: The items art. 6 leaves out of income ("中央确定的城乡居民基本养老保险基础养老金、
#: 基本医疗保险等社会保险和优待抚恤金、高龄津贴不计入在内"), the pension by its own dated
#: switch.  Social assistance received (低保金 and the like) is left out by another dated
#: switch, ``assistance.extreme_poverty.income.exclude_social_assistance`` (example data):
#: art. 6 is silent, but counting the 低保金 that 特困 support replaces would make a 低保
#: recipient's income always equal the standard (社会救助暂行办法 art. 15 para. 3: 特困人员
#: 供养应当与……最低生活保障……制度相衔接; 认定办法 art. 27 moves people the other way).
#: Nothing else is left out: rewards, family-planning payments and the disability subsidies
#: are on the 低保 list (民发〔2021〕57号 art. 13), not on this one, so they count.
INCOME = means.IncomeExclusions(
    never=frozenset(
        {
            IncomeType.MEDICAL_INSURANCE,
            IncomeType.PREFERENTIAL_TREATMENT,
            IncomeType.LONGEVITY_ALLOWANCE,
        }
    ),
    switched=(
        (
            IncomeType.CENTRAL_BASIC_PENSION,
            "assistance.extreme_poverty.income.exclude_central_basic_pension",
        ),
        (
            IncomeType.SOCIAL_ASSISTANCE,
            "assistance.extreme_poverty.income.exclude_social_assistance",
        ),
    ),
    labels=(
        (
            IncomeType.SOCIAL_ASSISTANCE,
            ("政府发放的社会救助款物(如低保金)", "social assistance received (such as dibao)"),
        ),
    ),
)
#: The local 特困 property rules (art. 7, set by the prefecture or above): own financial
#: assets strictly below ``assistance.extreme_poverty.assets.financial_months`` months of the
#: dibao standard, and each of the four kinds of
#: :data:`~civaffairs.assistance.means.DISQUALIFYING_ASSETS` failing where its flag says so.
PROPERTY = means.AssetRules(
    financial_months="financial_months",
    disqualifying=means.DISQUALIFYING_ASSETS,
    business_limit=False,
)

_ART_6 = Citation(EXTREME_POVERTY_MEASURES, "第六条")
_ART_6_7 = Citation(EXTREME_POVERTY_MEASURES, "第六条、第七条")

R_INCOME_NOT_COUNTED = ReasonCode.define(
    "assistance.extreme_poverty.income_not_counted",
    "不计入收入: {items}",
    "not counted as income: {items_en}",
    _ART_6,
)
R_INCOME_BELOW, R_INCOME_NOT_BELOW = means.below_codes(
    "assistance.extreme_poverty.income_{below}_standard",
    "本人月收入 {income} 元,{below}当地{kind}低保标准 {standard} 元",
    "own monthly income {income} yuan is {below} the local {kind_en} dibao standard "
    "{standard} yuan",
    _ART_6,
)
R_FINANCIAL_ASSETS = ReasonCode.define(
    "assistance.extreme_poverty.financial_assets",
    "本人金融资产 {assets} 元,{relation}上限 {months} 个月低保标准 = {limit} 元",
    "own financial assets {assets} yuan are {relation_en} the limit of {months} months of the "
    "dibao standard = {limit} yuan",
    _ART_6_7,
)
R_ASSET_DISQUALIFIES = ReasonCode.define(
    "assistance.extreme_poverty.asset_disqualifies",
    "拥有{asset},不符合特困人员财产状况规定",
    "owns {asset_en}, which fails the property rules",
    _ART_6_7,
)
R_UNATTRIBUTED = ReasonCode.define(
    "assistance.extreme_poverty.unattributed",
    "家庭有多名成员,以下收入或财产未注明归属: {paths}",
    "the household has several members; these incomes or assets name no member: {paths}",
    _ART_6,
)

_PATH = "$.household"  # paths are relative to an ExtremePovertyApplication


# -- rule bodies (civaffairs.kernels style: one body for one person and for a column) ----------


def income_rule(ops: Ops, *, own: Any, unattributed: Any, standard: Any) -> tuple[Any, Any, Any]:
    """Art. 6 "收入低于当地最低生活保障标准": ``(below, not_below, unknown)``, integer fen.

    ``own`` is the person's own counted monthly income, ``unattributed`` the
    counted income naming no member (in a household of several), ``standard``
    the local dibao standard.  Not below when the person's own income already
    reaches the standard; below when even all the unattributed income added
    stays under it; otherwise the owner of that income decides (unknown).

    .. versionadded:: 0.1.0
    """
    not_below = standard <= own
    below = ops.not_(not_below) & (own + unattributed < standard)
    unknown = ops.not_(not_below) & ops.not_(below)
    return below, not_below, unknown


def property_rule(
    ops: Ops,
    *,
    own_financial: Any,
    limit: Any,
    own_disqualified: Any,
    unattributed_disqualified: Any,
    unattributed_financial: Any,
    all_financial: Any,
) -> tuple[Any, Any, Any]:
    """Arts. 6–7 property within the local 特困 rules: ``(financial_fails, unknown, financial_ok)``.

    ``own_financial`` is the person's own financial assets and ``limit`` the
    financial limit (months × the dibao standard), integer fen;
    ``own_disqualified`` whether an own asset fails the rules;
    ``unattributed_disqualified`` whether an asset naming no member is of a kind
    that fails them, ``unattributed_financial`` whether there is an
    unattributed financial asset and ``all_financial`` the financial assets
    counting those too.  The financial limit decides first; an unattributed
    asset that could change the answer makes it unknown unless an own asset
    already fails; otherwise the financial test is met.

    .. versionadded:: 0.1.0
    """
    fails = limit <= own_financial
    deciding = unattributed_disqualified | (unattributed_financial & (limit <= all_financial))
    unknown = ops.not_(fails) & deciding & ops.not_(own_disqualified)
    return fails, unknown, ops.not_(fails) & ops.not_(unknown)


def no_source_of_living(
    tally: Tally, household: Household, person: Person, *, place: Place
) -> None:
    """Add the reasons of art. 6: own income below the dibao standard, property within art. 7.

    The standard is the local dibao standard for the person's registration kind.

    .. versionadded:: 0.1.0
    """
    kind = person.registration.kind
    standard, standard_used = place.book.money(
        f"assistance.dibao.standard.{kind.value}", place.where, place.on
    )
    _income_test(
        tally, household, person, standard=standard, standard_used=standard_used, place=place
    )
    _property_test(tally, household, person, standard=standard, place=place)


def _income_test(
    tally: Tally,
    household: Household,
    person: Person,
    *,
    standard: Decimal,
    standard_used: ParameterValue,
    place: Place,
) -> None:
    """Own income strictly below the dibao standard (art. 6), less the items not counted.

    Counted income that names no member, in a household of several, is
    decisive only if it could change the answer: the test is decided when the
    person's own income already reaches the standard, or when even all of it
    added stays below.
    """
    own = means.own_income(
        household, person.id, INCOME, book=place.book, where=place.where, on=place.on, path=_PATH
    )
    if own.not_counted:
        words = [(INCOME.label(kind), value) for kind, value in own.not_counted]
        tally.add(
            R_INCOME_NOT_COUNTED.reason(
                None,
                own.used,
                items="、".join(f"{zh} {yuan_text(v)} 元" for (zh, _), v in words),
                items_en=", ".join(f"{en} {yuan_text(v)} yuan" for (_, en), v in words),
            )
        )
    kind = person.registration.kind
    facts = {"standard": yuan_text(standard), "kind": kind.zh, "kind_en": kind.en}
    below, not_below, _unknown = income_rule(
        SCALAR,
        own=yuan_to_fen(own.income),
        unattributed=yuan_to_fen(own.unattributed),
        standard=yuan_to_fen(standard),
    )
    if not_below:
        tally.add(
            R_INCOME_NOT_BELOW.reason(
                False, (standard_used,), income=yuan_text(own.income), **facts
            )
        )
    elif below:
        income = yuan_text(own.income + own.unattributed)
        tally.add(R_INCOME_BELOW.reason(True, (standard_used,), income=income, **facts))
    else:
        paths = list(own.unattributed_paths)
        tally.add(R_UNATTRIBUTED.reason(None, paths=", ".join(paths)), paths)


def _property_test(
    tally: Tally, household: Household, person: Person, *, standard: Decimal, place: Place
) -> None:
    """Own property within the local 特困 rules (arts. 6–7), as parameters.

    As for income, assets that name no member in a household of several are
    asked about only when their owner could change the answer.
    """
    test = means.own_property_test(
        household,
        person.id,
        prefix="assistance.extreme_poverty",
        rules=PROPERTY,
        standard=standard,
        book=place.book,
        where=place.where,
        on=place.on,
        path=_PATH,
    )
    own = test.own
    for asset, used in own.disqualifying:
        zh, en = means.owned_asset_words(asset)
        tally.add(R_ASSET_DISQUALIFIES.reason(False, (used,), asset=zh, asset_en=en))
    facts = {"months": str(own.months), "limit": yuan_text(standard * own.months)}
    failing = {asset for asset, _used in test.with_unattributed.disqualifying}
    fails, unknown, _ok = property_rule(
        SCALAR,
        own_financial=yuan_to_fen(own.financial),
        limit=yuan_to_fen(own.financial_limit),
        own_disqualified=bool(own.disqualifying),
        unattributed_disqualified=any(a.type in failing for _, a in test.unattributed),
        unattributed_financial=any(a.type.is_financial for _, a in test.unattributed),
        all_financial=yuan_to_fen(test.with_unattributed.financial),
    )
    if fails:
        tally.add(
            R_FINANCIAL_ASSETS.reason(
                False,
                (own.months_used,),
                assets=yuan_text(own.financial),
                relation="不低于",
                relation_en="not below",
                **facts,
            )
        )
        return
    deciding = list(test.deciding)
    if unknown:
        tally.add(R_UNATTRIBUTED.reason(None, paths=", ".join(deciding)), deciding)
        return
    financial = own.financial if deciding else test.with_unattributed.financial
    tally.add(
        R_FINANCIAL_ASSETS.reason(
            True,
            (own.months_used,),
            assets=yuan_text(financial),
            relation="低于",
            relation_en="below",
            **facts,
        )
    )
