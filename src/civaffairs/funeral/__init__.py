"""Funeral (殡葬): 惠民殡葬 fee waivers, incentives, cross-county settlement and zones.

- :mod:`civaffairs.funeral.services` — the services (遗体接运, 遗体存放, 遗体火化,
  骨灰寄存 …) and their units
- :mod:`civaffairs.funeral.facts` — the input facts of one death
- :mod:`civaffairs.funeral.policy` — catalogues, waiver schemes and zones as dated data
- :mod:`civaffairs.funeral.waiver` — 基本殡葬服务费用减免: who is covered, what is waived, who pays
- :mod:`civaffairs.funeral.bill` — the bill: lines priced, the fen arithmetic, the printed bill
- :mod:`civaffairs.funeral.subsidy` — 惠民殡葬奖补: one-off incentives
- :mod:`civaffairs.funeral.settlement` — 异地火化财政结算: statements between counties
- :mod:`civaffairs.funeral.zones` — 火葬区 / 土葬改革区 and the cremation rate
- :mod:`civaffairs.funeral.laws` — the national documents cited

The assistance layer of the deceased (特困, 低保 …) is an input fact: nothing
here imports :mod:`civaffairs.assistance`.

Each programme's module is a name of this package, and so are the case facts,
the policy tables and the bill::

    >>> from civaffairs.funeral import FuneralCase, waiver
    >>> waiver.PROGRAMME.code, FuneralCase.__module__
    ('funeral.waiver', 'civaffairs.funeral.facts')

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from civaffairs._lazy import exports

if TYPE_CHECKING:
    from civaffairs.funeral import bill, facts, policy, services, settlement, subsidy, waiver, zones
    from civaffairs.funeral.bill import Bill
    from civaffairs.funeral.facts import FuneralCase
    from civaffairs.funeral.policy import FuneralPolicy

__all__ = [
    "Bill",
    "FuneralCase",
    "FuneralPolicy",
    "bill",
    "facts",
    "policy",
    "services",
    "settlement",
    "subsidy",
    "waiver",
    "zones",
]

if not TYPE_CHECKING:  # type checkers read the imports above instead
    # Imported on first use, so that one programme does not load the whole area.  The
    # request types name their module; every other name of __all__ is a submodule.
    _DEFINED_IN = {"Bill": "bill", "FuneralCase": "facts", "FuneralPolicy": "policy"}
    __getattr__, __dir__ = exports(__name__, __all__, _DEFINED_IN)
