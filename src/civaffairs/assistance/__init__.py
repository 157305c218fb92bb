"""Social assistance (社会救助): the programmes of the layered assistance system.

- :mod:`civaffairs.assistance.dibao` — 最低生活保障 (minimum living allowance)

Programme modules import the core only, never each other.

.. versionadded:: 0.1.0
"""
