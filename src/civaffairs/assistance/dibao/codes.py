"""The reason codes of 低保, with the articles they cite, and how their facts write amounts.

Declared here in one place and in the order the generated reason-code page lists them
(steps 1-7 of :mod:`civaffairs.assistance.dibao`); every code stays importable from
the package.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from decimal import Decimal

# dibao_terms declares the codes of the local income deductions (57号 art. 13 third paragraph),
# which the reason-code catalogue and its generated page list before this module's codes, as
# when 低保 was one module importing it first: import it before declaring them.
import civaffairs.assistance.dibao_terms  # noqa: F401 - the declaration order of the codes
from civaffairs.assistance import means
from civaffairs.assistance.laws import (
    DIBAO_REVIEW_MEASURES,
    SOCIAL_ASSISTANCE_MEASURES,
)
from civaffairs.assistance.means import HouseholdCodes
from civaffairs.decisions import Citation, ReasonCode, programme
from civaffairs.money import fen_to_yuan, format_yuan

PROGRAMME = programme("assistance.dibao")

_ART_9 = Citation(SOCIAL_ASSISTANCE_MEASURES, "第九条")
_ART_12 = Citation(SOCIAL_ASSISTANCE_MEASURES, "第十二条")
#: 57号 art. 7 second paragraph (三): "省级人民政府民政部门根据本条原则和有关程序认定的其他人员"
#: are not counted — the hook for leaving a 特困 member out (see the parameter's source).
_57_ART_7_PROVINCES = Citation(
    DIBAO_REVIEW_MEASURES,
    "第七条第二款第(三)项",
    note="no national text read says whether a 特困 member counts; see "
    "assistance.dibao.members.exclude_extreme_poverty",
)
#: 57号 art. 13: family income, the list of income not counted (第二款) and the deductions for
#: rigid expenditure and necessary employment costs (第三款).
_57_INCOME = Citation(DIBAO_REVIEW_MEASURES, "第十三条")
#: 57号 art. 14: family property; 维持家庭生产生活的必需财产 may be exempted.  The limits are local.
_57_PROPERTY = Citation(
    DIBAO_REVIEW_MEASURES,
    "第十四条",
    note="property limits are set by provinces; see each parameter's source",
)
#: 57号 art. 8: who may apply alone (单人户), and the 低保边缘家庭 it presupposes.
_57_ART_8 = Citation(DIBAO_REVIEW_MEASURES, "第八条")
_57_ART_23 = Citation(DIBAO_REVIEW_MEASURES, "第二十三条")

CODES = HouseholdCodes.define("assistance.dibao")
R_REGISTRATION = CODES.registration
R_REGISTRATION_ELSEWHERE = CODES.registration_elsewhere
R_MEMBERS = CODES.members
R_MISSING = CODES.missing
R_NO_FAMILY_MEMBER = CODES.nobody
R_INCOME_EXCLUDED = ReasonCode.define(
    "assistance.dibao.income_not_counted",
    "不计入家庭收入: {items}",
    "not counted as family income: {items_en}",
    _57_INCOME,
)
R_EMPLOYMENT_DEDUCTION = ReasonCode.define(
    "assistance.dibao.employment_deduction",
    "工资性收入扣减就业成本 {deduction} 元",
    "employment costs of {deduction} yuan deducted from wages",
    _57_INCOME,
)
R_INCOME_BELOW, R_INCOME_NOT_BELOW = means.below_codes(
    "assistance.dibao.income_{below}_standard",
    "家庭月收入合计 {income} 元,{below}低保标准 {standard} 元 × {count} 人 = {threshold} 元"
    "(月人均 {per_capita} 元)",
    "monthly family income {income} yuan is {below} the standard {standard} yuan × {count} = "
    "{threshold} yuan (per capita {per_capita} yuan)",
    _ART_9,
)
R_FINANCIAL_ASSETS = ReasonCode.define(
    "assistance.dibao.financial_assets",
    "金融资产合计 {assets} 元,{relation}上限 {months} 个月低保标准 × {count} 人 = {limit} 元",
    "financial assets {assets} yuan are {relation_en} the limit of {months} months of the standard "
    "× {count} = {limit} yuan",
    _57_PROPERTY,
)
R_ASSET_DISQUALIFIES = ReasonCode.define(
    "assistance.dibao.asset_disqualifies",
    "拥有{asset},不符合家庭财产条件",
    "the household owns {asset_en}, which fails the property test",
    _57_PROPERTY,
)
R_AMOUNT = ReasonCode.define(
    "assistance.dibao.amount_difference",
    "按差额发放: {standard} 元 × {count} 人 − 家庭月收入 {income} 元 = {amount} 元",
    "paid as the difference: {standard} yuan × {count} − income {income} yuan = {amount} yuan",
    _ART_12,
)
R_AMOUNT_FLOOR = ReasonCode.define(
    "assistance.dibao.amount_floor",
    "差额低于最低发放额, 按标准的 {share} 发放: {amount} 元",
    "the difference is below the minimum payment; {share} of the standard is paid: {amount} yuan",
    _57_ART_23,
)
R_SINGLE_PERSON = ReasonCode.define(
    "assistance.dibao.single_person",
    "家庭人均收入低于低保标准的 {multiple} 倍且财产符合低保边缘家庭条件(低保边缘家庭), "
    "{person} 为{why}, 按单人户纳入: {formula} = {amount} 元",
    "the household is a marginal low-income household (below {multiple} × the standard, "
    "property within the marginal rules); {person} ({why_en}) is covered alone: "
    "{formula_en} = {amount} yuan",
    _57_ART_8,
)
R_EXTREME_POVERTY_EXCLUDED = ReasonCode.define(
    "assistance.dibao.extreme_poverty_excluded",
    "{persons} 已纳入特困人员救助供养, 不重复保障, 不计入低保家庭(成员、收入、金额); "
    "计入的家庭成员 {count} 人",
    "{persons} supported as extreme poverty (特困) and not covered twice: left out of the dibao "
    "household (members, income, amount); {count} family member(s) counted",
    _57_ART_7_PROVINCES,
)
R_EXTREME_POVERTY_UNKNOWN = ReasonCode.define(
    "assistance.dibao.extreme_poverty_unknown",
    "尚不能确定 {persons} 是否符合特困人员条件, 而这改变低保认定(特困成员不计入); 缺少: {paths}",
    "whether {persons} meet the extreme-poverty conditions is not decided, and it changes this "
    "decision (a 特困 member is not counted); missing: {paths}",
    _57_ART_7_PROVINCES,
)
R_EXTREME_POVERTY_IRRELEVANT = ReasonCode.define(
    "assistance.dibao.extreme_poverty_irrelevant",
    "{persons} 是否符合特困人员条件尚未确定, 但计入与否认定结果相同",
    "whether {persons} meet the extreme-poverty conditions is not decided, but counting them or "
    "not gives the same decision",
    _57_ART_7_PROVINCES,
)
R_MARGINAL_PROPERTY = ReasonCode.define(
    "assistance.dibao.marginal_property",
    "低保边缘家庭财产条件{result}: 金融资产 {assets} 元, 上限 {months} 个月低保标准 × {count} 人 = "
    "{limit} 元{others}",
    "the marginal-household property test is {result_en}: financial assets {assets} yuan against "
    "{months} months of the standard × {count} = {limit} yuan{others_en}",
    _57_ART_8,
)
R_SINGLE_PERSON_UNKNOWN = ReasonCode.define(
    "assistance.dibao.single_person_unknown",
    "家庭为低保边缘家庭; 以下成员是否患重特大疾病尚未确定, 而这决定其能否按单人户纳入: {persons}"
    "(缺少: {paths})",
    "the household is a marginal low-income household; whether these members have a serious "
    "illness decides their single-person inclusion and is not established: {persons} "
    "(missing: {paths})",
    _57_ART_8,
)
R_SINGLE_PERSON_NONE = ReasonCode.define(
    "assistance.dibao.single_person_none",
    "家庭人均收入{relation}低保标准的 {multiple} 倍, 无可按单人户纳入的成员",
    "per-capita income is {relation_en} {multiple} × the standard; no member can be covered alone",
    _57_ART_8,
)


def yuan_text(amount: Decimal) -> str:
    """Write an amount as a fact: a plain decimal string (the templates add the unit)."""
    return format_yuan(amount, "exact")


def scaled_yuan(scaled_fen: int, scale: int) -> Decimal:
    """Turn an amount in fen multiplied by ``scale`` back into exact yuan."""
    if scale == 1:
        return fen_to_yuan(scaled_fen)
    return Decimal(scaled_fen) / Decimal(scale * 100)
