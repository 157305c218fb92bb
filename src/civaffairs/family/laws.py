"""The documents family registration rules cite, declared once.

The Civil Code is the one the assistance rules cite too
(:data:`civaffairs.assistance.laws.CIVIL_CODE`); it is the same document,
re-exported here so that a family rule need not reach into another area.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from civaffairs.assistance.laws import CIVIL_CODE

__all__ = ["CIVIL_CODE"]
