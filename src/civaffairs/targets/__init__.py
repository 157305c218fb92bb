"""Work-plan targets (工作要点的量化指标) and their attainment, across years and jurisdictions.

Civil-affairs work plans are lists of measurable targets ("老年助餐服务覆盖率达到60%",
"建设家庭养老床位100张", "火化率达到96%以上"), and year-end summaries report what
was achieved ("护理型床位占比提升至62%").  This package turns both into data:

- :mod:`civaffairs.targets.units` — units and exact conversion (万元 → 元);
- :mod:`civaffairs.targets.model` — indicators, targets, work plans, results,
  and how the Chinese wording becomes a comparator;
- :mod:`civaffairs.targets.attainment` — each target's status and gap, judged
  with the exact steps of :mod:`civaffairs.targets.evaluation`;
- :mod:`civaffairs.targets.comparisons` — comparisons across years and
  jurisdictions;
- :mod:`civaffairs.targets.rendering` — the attainment table as text;
- :mod:`civaffairs.targets.data` — the shipped catalogue and the five seed
  documents as plans and results, and the strict loader for plan and result
  files;
- :mod:`civaffairs.targets.cli` — the ``civaffairs targets`` command.

>>> from civaffairs.targets import attainment, load_plan
>>> table = attainment(load_plan("suizhou-2025"))
>>> table.counts()[AttainmentStatus.NO_RESULT] == len(table.rows)
True

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from civaffairs.targets.attainment import (
    Attainment,
    AttainmentStatus,
    Note,
    Outcome,
    TargetAttainment,
    UnusedResult,
    attainment,
)
from civaffairs.targets.comparisons import (
    FigureKind,
    JurisdictionFigure,
    YearComparison,
    compare_jurisdictions,
    compare_years,
)
from civaffairs.targets.data import (
    UnknownPlanError,
    find_plan,
    indicators,
    load_plan,
    load_plan_file,
    load_results,
    load_results_file,
    plan_from_data,
    plan_ids,
    resolve_plan,
    resolve_results,
    result_set_ids,
    results_from_data,
    shipped_plans,
    shipped_result_sets,
)
from civaffairs.targets.model import (
    Alternative,
    Bound,
    Comparator,
    Domain,
    Indicator,
    Measure,
    Ratio,
    Result,
    ResultSet,
    Source,
    SourceDocument,
    Status,
    Target,
    WorkPlan,
    check_plan,
    check_results,
)
from civaffairs.targets.rendering import render
from civaffairs.targets.units import Dimension, Unit, UnitMismatchError, convert

__all__ = [
    "Alternative",
    "Attainment",
    "AttainmentStatus",
    "Bound",
    "Comparator",
    "Dimension",
    "Domain",
    "FigureKind",
    "Indicator",
    "JurisdictionFigure",
    "Measure",
    "Note",
    "Outcome",
    "Ratio",
    "Result",
    "ResultSet",
    "Source",
    "SourceDocument",
    "Status",
    "Target",
    "TargetAttainment",
    "Unit",
    "UnitMismatchError",
    "UnknownPlanError",
    "UnusedResult",
    "WorkPlan",
    "YearComparison",
    "attainment",
    "check_plan",
    "check_results",
    "compare_jurisdictions",
    "compare_years",
    "convert",
    "find_plan",
    "indicators",
    "load_plan",
    "load_plan_file",
    "load_results",
    "load_results_file",
    "plan_from_data",
    "plan_ids",
    "render",
    "resolve_plan",
    "resolve_results",
    "result_set_ids",
    "results_from_data",
    "shipped_plans",
    "shipped_result_sets",
]
