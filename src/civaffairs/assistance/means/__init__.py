"""Household means (家庭经济状况): the income and property accounting of the means-tested rules.

低保, 低保边缘 and 刚性支出困难 all count family income the same way (民发〔2021〕57号; the
national list of income not counted, restated in 兴安盟 2025 art. 14-15), so the accounting
lives here, once: which income types count (:func:`counted_income_types`), the counted
income of the counted members with the employment-cost deduction as an exact fraction
(:func:`counted_income`), and a property test parameterised by programme
(``<prefix>.assets.*``, :func:`property_test`).

特困 (特困人员认定办法 arts. 6–7) tests one person's own income and property with the
same mechanism under its own lists: a programme's :class:`IncomeExclusions` (the income
left out, always or by a dated switch) and :class:`AssetRules` (the financial limit
and the assets that disqualify), read over the items that are the person's own
(:func:`owned_by`, :func:`own_income`, :func:`own_property_test`).  The test "12 ×
monthly income < last year's per-capita disposable income × members" (刚性支出,
支出型临时救助, and a 特困 supporter under art. 8) is :func:`disposable_income_test`.

The accounting is split by idea, each part re-exported here so that every name is
importable from ``civaffairs.assistance.means`` as before:
:mod:`~civaffairs.assistance.means.income` (family and own income, the margin and
disposable-income tests), :mod:`~civaffairs.assistance.means.family` (who counts; the
registration and the family as every household test's first steps),
:mod:`~civaffairs.assistance.means.property` (the property tests and their reasons) and
:mod:`~civaffairs.assistance.means.member_decisions` (the members' 特困 decisions a
household programme is given).

.. versionadded:: 0.1.0
.. versionchanged:: 0.1.0 A package of four modules of one idea each.
"""

from __future__ import annotations

from civaffairs.assistance.means.family import (
    ADULT_AGE,
    DEPENDENT_STATUSES,
    EXCLUDING_STATUSES,
    FAMILY_ARTICLE,
    LIVES_APART,
    LIVES_TOGETHER,
    LIVES_UNKNOWN,
    REGISTRATION_ARTICLES,
    RELATIONSHIP_CODES,
    SUPPORTED_AS_EXTREME_POVERTY,
    Family,
    HouseholdCodes,
    counted_members,
    dibao_standard,
    household_draft,
    member_rule,
    registration_and_family,
    show_yuan,
)
from civaffairs.assistance.means.income import (
    HOUSEHOLD_INCOME,
    INCOME_NOT_COUNTED,
    CountedIncome,
    DisposableIncomeTest,
    IncomeExclusions,
    MarginalIncome,
    OwnIncome,
    below_codes,
    below_margin,
    counted_income,
    counted_income_types,
    disposable_income_codes,
    disposable_income_test,
    family_income,
    marginal_income,
    own_income,
    owned_by,
)
from civaffairs.assistance.means.member_decisions import (
    EXCLUDE_EXTREME_POVERTY,
    EXTREME_POVERTY_PROGRAMME,
    MAX_UNDECIDED,
    ExtremePovertyStatus,
    FamilyApart,
    LayerCodes,
    check_decision,
    extreme_poverty_status,
    family_apart,
    undecided_choices,
    undecided_matters,
)
from civaffairs.assistance.means.property import (
    DISQUALIFYING_ASSETS,
    HOUSEHOLD_PROPERTY,
    AssetRules,
    OwnPropertyTest,
    PropertyReasons,
    PropertyTest,
    assess_assets,
    counted_assets,
    disqualifying_flag,
    own_property_test,
    owned_asset_words,
    property_reasons,
    property_test,
)

__all__ = [
    "ADULT_AGE",
    "DEPENDENT_STATUSES",
    "DISQUALIFYING_ASSETS",
    "EXCLUDE_EXTREME_POVERTY",
    "EXCLUDING_STATUSES",
    "EXTREME_POVERTY_PROGRAMME",
    "FAMILY_ARTICLE",
    "HOUSEHOLD_INCOME",
    "HOUSEHOLD_PROPERTY",
    "INCOME_NOT_COUNTED",
    "LIVES_APART",
    "LIVES_TOGETHER",
    "LIVES_UNKNOWN",
    "MAX_UNDECIDED",
    "REGISTRATION_ARTICLES",
    "RELATIONSHIP_CODES",
    "SUPPORTED_AS_EXTREME_POVERTY",
    "AssetRules",
    "CountedIncome",
    "DisposableIncomeTest",
    "ExtremePovertyStatus",
    "Family",
    "FamilyApart",
    "HouseholdCodes",
    "IncomeExclusions",
    "LayerCodes",
    "MarginalIncome",
    "OwnIncome",
    "OwnPropertyTest",
    "PropertyReasons",
    "PropertyTest",
    "assess_assets",
    "below_codes",
    "below_margin",
    "check_decision",
    "counted_assets",
    "counted_income",
    "counted_income_types",
    "counted_members",
    "dibao_standard",
    "disposable_income_codes",
    "disposable_income_test",
    "disqualifying_flag",
    "extreme_poverty_status",
    "family_apart",
    "family_income",
    "household_draft",
    "marginal_income",
    "member_rule",
    "own_income",
    "own_property_test",
    "owned_asset_words",
    "owned_by",
    "property_reasons",
    "property_test",
    "registration_and_family",
    "show_yuan",
    "undecided_choices",
    "undecided_matters",
]
