"""Eldercare (养老服务): ability assessment, allowances, services and institution ratings.

- :mod:`civaffairs.eldercare.assessment` — 老年人能力评估 (GB/T 42195-2022), which
  produces the core :class:`~civaffairs.entities.AbilityGrade`
- :mod:`civaffairs.eldercare.assessment_sheet` — its item sheet: the 26 items of Appendix B,
  their scales and the indicator scores
- :mod:`civaffairs.eldercare.longevity` — 高龄津贴 (longevity allowance)
- :mod:`civaffairs.eldercare.groups` — the target groups (特殊困难老年人 and others) and the
  :class:`~civaffairs.eldercare.groups.OlderPerson` facts every service rule reads
- :mod:`civaffairs.eldercare.entitlements` — the basic eldercare service list (基本养老服务清单),
  kept as data
- :mod:`civaffairs.eldercare.meal_aid` — 老年助餐 subsidy per meal
- :mod:`civaffairs.eldercare.home_adaptation` — 居家适老化改造 eligibility and cap
- :mod:`civaffairs.eldercare.institution_rating` — 养老机构等级评定 (GB/T 37276-2018)
- :mod:`civaffairs.eldercare.subsidies` — 养老服务补贴, 护理补贴, 家庭养老床位 and 集中照护
  for older persons in economic difficulty
- :mod:`civaffairs.eldercare.laws` — the documents these rules cite

The package imports the core only: the assistance layer (低保, 特困 …) is an input fact,
never decided here.

Each programme's module is a name of this package, and so are the requests its
entry point takes (the registry's facts types)::

    >>> from civaffairs.eldercare import OlderPerson, meal_aid
    >>> meal_aid.PROGRAMME.code, OlderPerson.__module__
    ('eldercare.meal_aid', 'civaffairs.eldercare.groups')

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from civaffairs._lazy import exports

if TYPE_CHECKING:
    from civaffairs.eldercare import (
        assessment,
        entitlements,
        groups,
        home_adaptation,
        institution_rating,
        longevity,
        meal_aid,
        subsidies,
    )
    from civaffairs.eldercare.assessment import AbilityAssessment, AbilityResult
    from civaffairs.eldercare.entitlements import Entitlements
    from civaffairs.eldercare.groups import OlderPerson, TargetGroup
    from civaffairs.eldercare.institution_rating import ScoreSheet
    from civaffairs.eldercare.subsidies import SubsidyRequest

__all__ = [
    "AbilityAssessment",
    "AbilityResult",
    "Entitlements",
    "OlderPerson",
    "ScoreSheet",
    "SubsidyRequest",
    "TargetGroup",
    "assessment",
    "entitlements",
    "groups",
    "home_adaptation",
    "institution_rating",
    "longevity",
    "meal_aid",
    "subsidies",
]

if not TYPE_CHECKING:  # type checkers read the imports above instead
    # Imported on first use, so that one programme does not load the whole area.  The
    # request types name their module; every other name of __all__ is a submodule.
    _DEFINED_IN = {
        "AbilityAssessment": "assessment",
        "AbilityResult": "assessment",
        "Entitlements": "entitlements",
        "OlderPerson": "groups",
        "TargetGroup": "groups",
        "ScoreSheet": "institution_rating",
        "SubsidyRequest": "subsidies",
    }
    __getattr__, __dir__ = exports(__name__, __all__, _DEFINED_IN)
