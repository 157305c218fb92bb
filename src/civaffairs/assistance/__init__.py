"""Social assistance (社会救助): the programmes of the layered assistance system.

- :mod:`civaffairs.assistance.dibao` — 最低生活保障 (minimum living allowance)
- :mod:`civaffairs.assistance.extreme_poverty` — 特困人员救助供养 (extreme-poverty support)
- :mod:`civaffairs.assistance.disability_subsidies` — 残疾人两项补贴 (disability subsidies)
- :mod:`civaffairs.assistance.children` — 孤儿、事实无人抚养儿童 (orphans, unsupported children)
- :mod:`civaffairs.assistance.marginal` — 低保边缘家庭 (marginal low-income households)
- :mod:`civaffairs.assistance.rigid_expenditure` — 刚性支出困难家庭 (rigid-expenditure hardship)
- :mod:`civaffairs.assistance.temporary` — 临时救助 (temporary assistance)
- :mod:`civaffairs.assistance.layers` — 分层分类: every decision and the household's layer
- :mod:`civaffairs.assistance.means` — 家庭经济状况: the income and property accounting they share

The layers are defined downwards: 低保边缘 is "not 低保, and below 1.5 × the standard",
刚性支出困难 is "none of the above, and ...", so a lower layer's rule reads the decisions of
the layers above it (``marginal`` calls ``dibao``; ``rigid_expenditure`` calls both), and
``layers`` composes them all.  Nothing in this package imports ``eldercare`` or ``funeral``,
which take the resulting :class:`~civaffairs.entities.AssistanceLayer` as an input.

.. versionadded:: 0.1.0
"""
