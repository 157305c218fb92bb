"""Summaries of a screening run, and what-if comparisons between two parameter books.

:func:`summarise` counts households and monthly cost per programme, outcome
and layer.  :func:`what_if` decides one population under the baseline book
and under a scenario (e.g. ``default_book().override(...)`` raising a
standard from a date) and reports, per deciding jurisdiction and layer, the
households before and after, those gaining and losing the layer, and the
monthly cost before, after and its change — all in integer fen.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

import attrs
import numpy as np
import numpy.typing as npt
import pyarrow as pa

from civaffairs.batch._columns import dictionary_of
from civaffairs.batch._common import ALL, Errors, render_rows, render_summary_rows, yuan_text
from civaffairs.batch.dibao import prepare
from civaffairs.batch.plumbing import Frame
from civaffairs.parameters import ParameterBook, default_book

__all__ = [
    "ALL",
    "WhatIf",
    "layer_changes",
    "render_summary",
    "render_what_if",
    "summarise",
    "what_if",
]

#: Layer labels: the layers of the engine's ``layer`` column, and households not decided.
_LAYERS: Final = ("dibao", "none", "(cannot decide)")
_PROGRAMME: Final = "assistance.dibao"


def _encoded(column: Any) -> Any:
    """Return a text column as one dictionary array (a plain string column is encoded).

    A result passed through pandas, polars or CSV comes back with plain strings.
    """
    if not pa.types.is_dictionary(column.type):
        column = column.dictionary_encode()
    return dictionary_of(column)


def _layer_codes(result: pa.Table, layers: tuple[str, ...] = _LAYERS) -> npt.NDArray[np.int64]:
    """Per household, the index of its layer in ``layers``; a null layer is the last one."""
    layer = _encoded(result.column("layer"))
    last = len(layers) - 1
    codes = np.full(len(layer), last, dtype=np.int64)
    if len(layer):
        names = layer.dictionary.to_pylist()
        lookup = np.array([layers.index(n) for n in names] + [last], dtype=np.int64)
        indices = np.asarray(layer.indices.fill_null(len(names)).to_numpy(), dtype=np.int64)
        codes = lookup[indices]
    return codes


def _amounts(result: pa.Table) -> npt.NDArray[np.int64]:
    return np.asarray(result.column("amount_fen").to_numpy(), dtype=np.int64)


def summarise(result: pa.Table) -> pa.Table:
    """Count households and their monthly cost (fen) per programme, outcome and layer.

    ``result`` is what :func:`~civaffairs.batch.assess_table` returns.

    .. versionadded:: 0.1.0
    """
    outcome = _encoded(result.column("outcome"))
    names = outcome.dictionary.to_pylist() if len(outcome) else []
    indices: npt.NDArray[np.int64] = (
        np.asarray(outcome.indices.to_numpy(), dtype=np.int64)
        if len(outcome)
        else np.zeros(0, dtype=np.int64)
    )
    layers = _layer_codes(result)
    amounts = _amounts(result)
    rows: list[dict[str, object]] = []
    for o, name in enumerate(names):
        for code, layer in enumerate(_LAYERS):
            chosen = (indices == o) & (layers == code)
            count = int(chosen.sum())
            if count:
                rows.append(
                    {
                        "programme": _PROGRAMME,
                        "outcome": name,
                        "layer": layer,
                        "households": count,
                        "monthly_cost_fen": int(amounts[chosen].sum()),
                    }
                )
    rows.append(
        {
            "programme": _PROGRAMME,
            "outcome": ALL,
            "layer": ALL,
            "households": len(amounts),
            "monthly_cost_fen": int(amounts.sum()),
        }
    )
    return pa.Table.from_pylist(rows)


@attrs.frozen
class WhatIf:
    """The same population under two parameter books.

    ``households`` has one row per household (``household_id``,
    ``jurisdiction``, ``outcome_before``, ``outcome_after``, ``layer_before``,
    ``layer_after``, ``amount_before_fen``, ``amount_after_fen``);
    ``summary`` one row per deciding jurisdiction and layer, plus totals
    (jurisdiction :data:`ALL`): ``households_before``, ``households_after``,
    ``gaining``, ``losing``, ``cost_before_fen``, ``cost_after_fen``,
    ``cost_change_fen``.

    .. versionadded:: 0.1.0
    """

    on: dt.date
    households: pa.Table
    summary: pa.Table


def what_if(
    data: Frame,
    on: dt.date,
    *,
    scenario: ParameterBook,
    baseline: ParameterBook | None = None,
    errors: Errors = "mark",
    jurisdiction: str | None = None,
    first_row: int = 0,
) -> WhatIf:
    """Decide ``data`` under ``baseline`` (shipped data by default) and ``scenario``; compare.

    The table is read and checked once.  A household "gains" a layer when it
    is in it under the scenario and was not under the baseline, and "loses"
    it the other way round; cost is the sum of monthly payments (fen) of the
    households in the layer.  ``first_row`` is as in
    :func:`~civaffairs.batch.assess_table`.

    .. versionadded:: 0.1.0
    """
    prepared = prepare(data, on, jurisdiction=jurisdiction, first_row=first_row)
    before = prepared.assess(baseline or default_book(), errors=errors)
    after = prepared.assess(scenario, errors=errors)
    columns: dict[str, Any] = {
        "household_id": before.column("household_id"),
        "jurisdiction": dictionary_of(before.column("jurisdiction")),
        "outcome_before": before.column("outcome"),
        "outcome_after": after.column("outcome"),
        "layer_before": before.column("layer"),
        "layer_after": after.column("layer"),
        "amount_before_fen": before.column("amount_fen"),
        "amount_after_fen": after.column("amount_fen"),
    }
    return WhatIf(on, pa.table(columns), layer_changes(before, after))


def layer_changes(
    before: pa.Table,
    after: pa.Table,
    *,
    layers: tuple[str, ...] = _LAYERS,
    amount: str = "amount_fen",
) -> pa.Table:
    """Compare two results of one population: per jurisdiction and layer, who moved, the cost.

    ``before`` and ``after`` have one row per household, in the same order, with
    ``jurisdiction`` and ``layer`` (dictionary) columns and an ``amount`` column
    in fen; ``layers`` names the layers in order, the last one standing for a
    null layer (not decided).  Returns the rows of :attr:`WhatIf.summary`.

    .. versionadded:: 0.1.0
    """
    layer_before, layer_after = _layer_codes(before, layers), _layer_codes(after, layers)
    amount_before = np.asarray(before.column(amount).to_numpy(), dtype=np.int64)
    amount_after = np.asarray(after.column(amount).to_numpy(), dtype=np.int64)
    where = _encoded(before.column("jurisdiction"))
    names = [str(n) for n in where.dictionary.to_pylist()] if len(where) else []
    index = (
        np.asarray(where.indices.fill_null(len(names)).to_numpy(), dtype=np.int64)
        if len(where)
        else np.zeros(0, dtype=np.int64)
    )
    rows: list[dict[str, object]] = []
    places = [(name, index == i) for i, name in enumerate(names)]
    places = [(name, mask) for name, mask in places if mask.any()]
    if (index == len(names)).any():
        places.append(("(unknown)", index == len(names)))
    places.append((ALL, np.ones(len(index), dtype=np.bool_)))
    for name, here in places:
        for code, layer in enumerate(layers):
            was, now = here & (layer_before == code), here & (layer_after == code)
            if not (was.any() or now.any()):
                continue
            cost_before = int(amount_before[was].sum())
            cost_after = int(amount_after[now].sum())
            rows.append(
                {
                    "jurisdiction": name,
                    "layer": layer,
                    "households_before": int(was.sum()),
                    "households_after": int(now.sum()),
                    "gaining": int((now & ~was).sum()),
                    "losing": int((was & ~now).sum()),
                    "cost_before_fen": cost_before,
                    "cost_after_fen": cost_after,
                    "cost_change_fen": cost_after - cost_before,
                }
            )
    return pa.Table.from_pylist(rows)


def render_summary(summary: pa.Table) -> str:
    """Render :func:`summarise`'s table as aligned text (money in yuan).

    .. versionadded:: 0.1.0
    """
    return render_summary_rows(summary, "layer", "households")


def render_what_if(result: WhatIf) -> str:
    """Render a what-if summary as aligned text (money in yuan).

    .. versionadded:: 0.1.0
    """
    rows = [
        [
            str(r["jurisdiction"]),
            str(r["layer"]),
            f"{r['households_before']:,}",
            f"{r['households_after']:,}",
            f"+{r['gaining']:,}",
            f"-{r['losing']:,}",
            yuan_text(int(r["cost_before_fen"])),
            yuan_text(int(r["cost_after_fen"])),
            ("+" if r["cost_change_fen"] >= 0 else "-") + yuan_text(abs(int(r["cost_change_fen"]))),
        ]
        for r in result.summary.to_pylist()
    ]
    header = [
        "jurisdiction",
        "layer",
        "before",
        "after",
        "gaining",
        "losing",
        "cost before",
        "cost after",
        "change",
    ]
    return render_rows(header, rows, left=2)
