"""Social assistance (社会救助): the programmes of the layered assistance system.

- :mod:`civaffairs.assistance.dibao` — 最低生活保障 (minimum living allowance)
- :mod:`civaffairs.assistance.extreme_poverty` — 特困人员救助供养 (extreme-poverty support)
- :mod:`civaffairs.assistance.disability_subsidies` — 残疾人两项补贴 (disability subsidies)
- :mod:`civaffairs.assistance.children` — 孤儿、事实无人抚养儿童 (orphans, unsupported children)
- :mod:`civaffairs.assistance.children_in_difficulty` — 困境儿童 (children in difficulty)
- :mod:`civaffairs.assistance.marginal` — 低保边缘家庭 (marginal low-income households)
- :mod:`civaffairs.assistance.rigid_expenditure` — 刚性支出困难家庭 (rigid-expenditure hardship)
- :mod:`civaffairs.assistance.temporary` — 临时救助 (temporary assistance)
- :mod:`civaffairs.assistance.vagrancy` — 流浪乞讨人员救助管理 (station relief)
- :mod:`civaffairs.assistance.layers` — 分层分类: every decision and the household's layer
- :mod:`civaffairs.assistance.means` — 家庭经济状况: the income and property accounting they share

The layers are defined downwards: 低保边缘 is "not 低保, and below 1.5 × the standard",
刚性支出困难 is "none of the above, and ...", so a lower layer's rule reads the decisions of
the layers above it (``marginal`` calls ``dibao``; ``rigid_expenditure`` calls both), and
``layers`` composes them all.  Nothing in this package imports ``eldercare`` or ``funeral``,
which take the resulting :class:`~civaffairs.entities.AssistanceLayer` as an input.

Each programme's module is a name of this package, and so are the requests its
entry point takes (the registry's facts types)::

    >>> from civaffairs.assistance import ChildApplication, dibao
    >>> dibao.PROGRAMME.code, ChildApplication.__module__
    ('assistance.dibao', 'civaffairs.assistance.children')

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from civaffairs._lazy import exports

if TYPE_CHECKING:
    from civaffairs.assistance import (
        children,
        children_in_difficulty,
        dibao,
        dibao_adjustments,
        disability_subsidies,
        extreme_poverty,
        layers,
        marginal,
        means,
        rigid_expenditure,
        temporary,
        vagrancy,
    )
    from civaffairs.assistance.children import ChildApplication, ChildFacts
    from civaffairs.assistance.children_in_difficulty import (
        ChildInDifficultyApplication,
        ChildInDifficultyFacts,
    )
    from civaffairs.assistance.dibao_adjustments import DibaoRequest
    from civaffairs.assistance.disability_subsidies import (
        DisabilitySubsidyApplication,
        DisabilitySubsidyFacts,
    )
    from civaffairs.assistance.extreme_poverty import ExtremePovertyApplication, ExtremePovertyFacts
    from civaffairs.assistance.layers import LayeredAssessment, LayeredRequest
    from civaffairs.assistance.temporary import HardshipEvent, TemporaryAssistanceApplication
    from civaffairs.assistance.vagrancy import VagrancyCase

__all__ = [
    "ChildApplication",
    "ChildFacts",
    "ChildInDifficultyApplication",
    "ChildInDifficultyFacts",
    "DibaoRequest",
    "DisabilitySubsidyApplication",
    "DisabilitySubsidyFacts",
    "ExtremePovertyApplication",
    "ExtremePovertyFacts",
    "HardshipEvent",
    "LayeredAssessment",
    "LayeredRequest",
    "TemporaryAssistanceApplication",
    "VagrancyCase",
    "children",
    "children_in_difficulty",
    "dibao",
    "dibao_adjustments",
    "disability_subsidies",
    "extreme_poverty",
    "layers",
    "marginal",
    "means",
    "rigid_expenditure",
    "temporary",
    "vagrancy",
]

if not TYPE_CHECKING:  # type checkers read the imports above instead
    # Imported on first use, so that one programme does not load the whole area.  The
    # request types name their module; every other name of __all__ is a submodule.
    _DEFINED_IN = {
        "ChildApplication": "children",
        "ChildFacts": "children",
        "ChildInDifficultyApplication": "children_in_difficulty",
        "ChildInDifficultyFacts": "children_in_difficulty",
        "DibaoRequest": "dibao_adjustments",
        "DisabilitySubsidyApplication": "disability_subsidies",
        "DisabilitySubsidyFacts": "disability_subsidies",
        "ExtremePovertyApplication": "extreme_poverty",
        "ExtremePovertyFacts": "extreme_poverty",
        "LayeredAssessment": "layers",
        "LayeredRequest": "layers",
        "HardshipEvent": "temporary",
        "TemporaryAssistanceApplication": "temporary",
        "VagrancyCase": "vagrancy",
    }
    __getattr__, __dir__ = exports(__name__, __all__, _DEFINED_IN)
