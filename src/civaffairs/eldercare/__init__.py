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
- :mod:`civaffairs.eldercare.laws` — the documents these rules cite

The package imports the core only: the assistance layer (低保, 特困 …) is an input fact,
never decided here.

.. versionadded:: 0.1.0
"""
