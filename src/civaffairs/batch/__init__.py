"""Columnar screening of a whole registry: 低保 over persons tables, exactly (optional extra).

Install with ``pip install "civaffairs[batch]"`` (numpy and pyarrow; pandas
and polars frames are accepted when those are installed) and
``civaffairs[batch,dask]`` for registries larger than memory.

- :func:`to_table` converts scalar-model households to the persons table
  (format: :mod:`civaffairs.batch.schema`);
- :func:`assess_table` decides every household, with the very rule bodies the
  scalar :func:`civaffairs.assistance.dibao.assess` uses;
- :func:`what_if` compares two parameter books on one population;
- :func:`synthetic_population` makes a seeded, *synthetic* registry;
- :mod:`civaffairs.batch.files` and :mod:`civaffairs.batch.distributed` run
  the engine over files chunk by chunk and over Dask data frames;
- :mod:`civaffairs.batch.cli` is the ``civaffairs screen`` command;
- :func:`civaffairs.batch.longevity.assess_table` decides the longevity allowance
  (高龄津贴) for a table of people, with the scalar rule's own month arithmetic;
- :func:`civaffairs.batch.disability_subsidies.assess_table` and
  :func:`civaffairs.batch.children.assess_table` decide the person-level programmes (残疾人两项补贴,
  孤儿 and 事实无人抚养 allowances) for every person of a persons table.
- :mod:`civaffairs.batch.extreme_poverty` (``civaffairs.batch.extreme_poverty``) decides
  特困人员救助供养 for every person of a persons table, with the scalar rule's own bodies.
- :func:`assess_marginal` (:mod:`civaffairs.batch.marginal`) and
  :func:`assess_rigid_expenditure` (:mod:`civaffairs.batch.rigid_expenditure`) decide
  低保边缘 and 刚性支出困难家庭 over the same persons table, exactly as the scalar rules.

The names are imported on first use, so ``civaffairs.batch.cli`` can offer
its command (and say which extra to install) where numpy and pyarrow are not
installed.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from civaffairs.batch import extreme_poverty
    from civaffairs.batch.arrays import NUMPY
    from civaffairs.batch.dibao import (
        REASON_CATALOGUE,
        Prepared,
        assess_table,
        prepare,
        reason_flags,
    )
    from civaffairs.batch.disability_subsidies import DisabilityInputs
    from civaffairs.batch.marginal import assess_marginal
    from civaffairs.batch.plumbing import to_arrow
    from civaffairs.batch.population import synthetic_population, write_synthetic
    from civaffairs.batch.report import WhatIf, summarise, what_if
    from civaffairs.batch.rigid_expenditure import assess_rigid_expenditure
    from civaffairs.batch.schema import from_table, persons_schema, programme_columns, to_table

__all__ = [
    "NUMPY",
    "REASON_CATALOGUE",
    "DisabilityInputs",
    "Prepared",
    "WhatIf",
    "assess_marginal",
    "assess_rigid_expenditure",
    "assess_table",
    "extreme_poverty",
    "from_table",
    "persons_schema",
    "prepare",
    "programme_columns",
    "reason_flags",
    "summarise",
    "synthetic_population",
    "to_arrow",
    "to_table",
    "what_if",
    "write_synthetic",
]

_WHERE = {
    "NUMPY": "civaffairs.batch.arrays",
    **dict.fromkeys(
        ("REASON_CATALOGUE", "Prepared", "assess_table", "prepare", "reason_flags"),
        "civaffairs.batch.dibao",
    ),
    "to_arrow": "civaffairs.batch.plumbing",
    **dict.fromkeys(("synthetic_population", "write_synthetic"), "civaffairs.batch.population"),
    **dict.fromkeys(("WhatIf", "summarise", "what_if"), "civaffairs.batch.report"),
    **dict.fromkeys(("from_table", "persons_schema", "to_table"), "civaffairs.batch.schema"),
    "DisabilityInputs": "civaffairs.batch.disability_subsidies",
    "programme_columns": "civaffairs.batch.schema",
    "assess_marginal": "civaffairs.batch.marginal",
    "assess_rigid_expenditure": "civaffairs.batch.rigid_expenditure",
}

#: Programmes' columnar modules, imported on first use (特困: civaffairs.batch.extreme_poverty).
_SUBMODULES = frozenset({"extreme_poverty"})


def __getattr__(name: str) -> Any:
    """Import a public name from its module on first use."""
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'civaffairs.batch' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted(__all__)
