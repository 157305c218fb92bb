"""Rendering an attainment table as plain text, in Chinese or English.

:func:`render` writes one line per target (and per alternative of an
either-or target), the totals by status, the notes, the results not used and,
for example data, a warning.  East Asian wide characters count two columns,
so the columns line up in a terminal.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from typing import TYPE_CHECKING

from civaffairs.labels import Language
from civaffairs.targets.evaluation import AttainmentStatus
from civaffairs.targets.model import Bound, describe_requirement
from civaffairs.targets.units import Unit

if TYPE_CHECKING:  # attainment imports this module: its types are only named here
    from civaffairs.targets.attainment import Attainment, Outcome

__all__ = ["render"]

_HEADERS = {
    "zh": ("#", "条目", "指标", "目标", "期限", "结果", "状态", "差距", "上年"),
    "en": ("#", "section", "indicator", "target", "due", "result", "status", "gap", "last year"),
}

_TEXT = {
    "zh": {
        "or": "或",
        "either": "→ 满足其一即可",
        "total": "合计",
        "example": "注意: 本表使用示例数据 (非正式文件), 仅供演示",
        "unused": "未使用的结果",
        "notes": "说明",
        "points": "个百分点",
        "tolerance": "“约”的容差",
    },
    "en": {
        "or": "or",
        "either": "→ either way meets the target",
        "total": "total",
        "example": "NOTE: this table uses example data, not a sourced document",
        "unused": "results not used",
        "notes": "notes",
        "points": "pts",
        "tolerance": "tolerance for 'about'",
    },
}


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in {"W", "F"} else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _number(value: Decimal) -> str:
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _signed(value: Decimal) -> str:
    text = _number(value)
    return text if text.startswith("-") or text == "0" else f"+{text}"


def _gap_text(outcome: Outcome, lang: Language) -> str:
    if outcome.gap is None:
        return ""
    unit = _TEXT[lang]["points"] if outcome.unit is Unit.PERCENT else outcome.unit.label(lang)
    text = f"{_signed(outcome.gap)} {unit}"
    if outcome.gap_share is not None and outcome.unit is not Unit.PERCENT:
        text += f" ({_signed(outcome.gap_share * 100)}%)"
    return text


def _requirement_text(outcome: Outcome, lang: Language) -> str:
    value = None if outcome.value is None else Decimal(_number(outcome.value))
    upper = None if outcome.upper is None else Decimal(_number(outcome.upper))
    return describe_requirement(outcome.comparator, value, upper, outcome.unit, lang)


def _measured_text(outcome: Outcome, lang: Language) -> str:
    if outcome.measured is None:
        return "—"
    prefix = "≥ " if outcome.result is not None and outcome.result.bound is Bound.AT_LEAST else ""
    approx = "≈" if outcome.rounded else ""
    return f"{prefix}{approx}{_number(outcome.measured)} {outcome.unit.label(lang)}"


def render(table: Attainment, lang: Language = "zh") -> str:
    """Render an attainment table as plain text in ``lang`` (``"zh"`` or ``"en"``).

    One line per target (plus one per alternative of an either-or target),
    then the totals by status, the notes, the results that were not used and,
    for example data, a warning.

    .. versionadded:: 0.1.0
    """
    text = _TEXT[lang]
    where = f"{table.place} ({table.jurisdiction})" if table.jurisdiction else table.place
    heading = f"{where} {table.year} [{table.plan_id}]"
    if table.title:
        heading += f" {table.title}"
    lines = [heading]
    if table.uses_example_data:
        lines.append(text["example"])
        if table.note:
            lines.append(f"  ({table.note})")
    body, notes = _rows(table, lang)
    widths = [max(_width(cells[i]) for cells in body) for i in range(len(body[0]))]
    lines.extend(
        "  ".join(_pad(cell, widths[i]) for i, cell in enumerate(cells)).rstrip() for cells in body
    )
    counts = table.counts()
    lines.append(
        f"{text['total']}: "
        + ", ".join(f"{status.label(lang)} {counts[status]}" for status in AttainmentStatus)
    )
    if table.about_tolerance is not None:
        lines.append(f"{text['tolerance']}: ±{_number(table.about_tolerance * 100)}%")
    if notes:
        lines.append(f"{text['notes']}:")
        lines.extend(f"  {line}" for line in notes)
    if table.unused:
        lines.append(f"{text['unused']}:")
        lines.extend(
            f"  {u.path} {u.indicator} ({u.year}): {u.reason.message(lang)}" for u in table.unused
        )
    return "\n".join(lines)


def _rows(table: Attainment, lang: Language) -> tuple[list[tuple[str, ...]], list[str]]:
    """Return the table's lines as cells (the header first) and the notes under it."""
    text = _TEXT[lang]
    names = {i.id: i.name(lang) for i in table.indicators}
    body: list[tuple[str, ...]] = [_HEADERS[lang]]
    notes: list[str] = []
    for number, row in enumerate(table.rows, start=1):
        for position, outcome in enumerate(row.outcomes):
            first = position == 0
            name = names.get(outcome.indicator, outcome.indicator)
            body.append(
                (
                    f"{number:02d}" if first else "",
                    (row.target.source.section or "") if first and row.target.source else "",
                    name if first else f"{text['or']} {name}",
                    _requirement_text(outcome, lang),
                    row.target.due.isoformat() if first else "",
                    _measured_text(outcome, lang),
                    (outcome.status if row.target.alternatives else row.status).label(lang),
                    _gap_text(outcome, lang),
                    "" if outcome.baseline is None else _number(outcome.baseline),
                )
            )
            notes.extend(f"{number:02d}: {note.message(lang)}" for note in outcome.notes)
        if row.target.alternatives:
            body.append(("", "", text["either"], "", "", "", row.status.label(lang), "", ""))
    return body, notes
