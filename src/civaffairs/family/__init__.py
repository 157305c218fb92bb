"""Family (婚姻家庭): marriage and adoption registration under the Civil Code.

The registrations a county civil-affairs bureau makes under Book Five of the
Civil Code (《民法典》婚姻家庭编): who may marry, the divorce-by-agreement
timeline, who may adopt and be adopted.

- :mod:`civaffairs.family.laws` — the national documents cited
- :mod:`civaffairs.family.adoption` — 收养登记 (adoption registration)
- :mod:`civaffairs.family.adoption_facts` — the facts of an adoption application
- :mod:`civaffairs.family.marriage` — marriage registration and the divorce timeline

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from civaffairs._lazy import exports

if TYPE_CHECKING:
    from civaffairs.family import adoption, adoption_facts, laws, marriage
    from civaffairs.family.adoption_facts import AdoptionApplication
    from civaffairs.family.marriage import DivorceApplication, MarriageApplication

__all__ = [
    "AdoptionApplication",
    "DivorceApplication",
    "MarriageApplication",
    "adoption",
    "adoption_facts",
    "laws",
    "marriage",
]

if not TYPE_CHECKING:  # type checkers read the imports above instead
    # Imported on first use, so that one programme does not load the whole area.
    _DEFINED_IN: dict[str, str] = {
        "AdoptionApplication": "adoption_facts",
        "DivorceApplication": "marriage",
        "MarriageApplication": "marriage",
    }
    __getattr__, __dir__ = exports(__name__, __all__, _DEFINED_IN)
