"""A screening run as one self-contained HTML page: the distributional tables and their charts.

:func:`render_report` writes the tables of :mod:`civaffairs.batch.distribution`
— households, people, share of people and monthly cost per layer, for the whole
registry, by jurisdiction, by urban/rural registration and by both; and, for a
what-if, the counts and cost before, after and their change, and the layer
transition matrix — with bar charts drawn here as inline SVG.  The page needs
nothing else: the style sheet is inline, there is no script, no image file, no
web font and no link to anything outside it, so it opens the same offline, from
an e-mail attachment or a file share.

Every text that comes from the data (jurisdiction names, registration kinds,
notes, the book's and the scenario's description) is HTML-escaped.  Money is
rendered from integer fen exactly (:func:`civaffairs.money.fen_to_yuan`); a
bar's length is the exact fraction of the chart's largest value, rounded to a
hundredth of a pixel.  Labels are bilingual, Chinese first with the English
beside it (:meth:`~civaffairs.labels.Labelled.label`); the page declares
``lang="zh-CN"`` and marks the English parts ``lang="en"``; tables have column
and row headers and captions; charts are ``<figure>`` elements with a
``<figcaption>`` that also names the SVG (``aria-labelledby``).

A banner says so when the rows are *synthetic* (no row describes a real
person) and when the parameter values used include *example* figures.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any, Final

from civaffairs import __version__, jurisdictions
from civaffairs.batch._common import ALL, is_division, yuan_text
from civaffairs.batch.distribution import (
    LAYERS,
    NOT_GIVEN,
    Change,
    Distribution,
    Grouping,
    label,
    percent_text,
)

__all__ = ["BAR_LENGTH", "render_report"]

#: The length, in SVG pixels, of a chart's longest bar.
BAR_LENGTH: Final = 400
_LABEL_WIDTH: Final = 250
_ROW_HEIGHT: Final = 22
_BAR_HEIGHT: Final = 16
_CHART_WIDTH: Final = _LABEL_WIDTH + BAR_LENGTH + 130

_STYLE: Final = """
body { font-family: system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
  margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #1a1a1a; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: .25rem; }
h2 { font-size: 1.25rem; margin-top: 2.5rem; border-bottom: 1px solid #ccc; }
h3 { font-size: 1.05rem; margin-top: 1.5rem; }
.en { color: #555; font-weight: normal; }
dl.meta { display: grid; grid-template-columns: max-content auto; gap: .2rem 1rem; }
dl.meta dt { font-weight: bold; }
dl.meta dd { margin: 0; }
.banner { border: 2px solid #b35900; background: #fff4e5; padding: .6rem 1rem;
  margin: 1rem 0; font-weight: bold; }
.notes { background: #f4f6f8; padding: .5rem 1rem .5rem 2rem; }
table { border-collapse: collapse; margin: .75rem 0 1.5rem; font-size: .9rem; }
caption { text-align: left; font-weight: bold; padding: .3rem 0; }
th, td { border: 1px solid #d0d0d0; padding: .2rem .5rem; vertical-align: top; }
thead th { background: #eef1f4; text-align: left; }
tbody th { text-align: left; font-weight: normal; }
tbody th:first-child { white-space: nowrap; }
.scroll { overflow-x: auto; }
.banner p { margin: 0; }
.banner details { font-weight: normal; margin-top: .4rem; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.total th, tr.total td { font-weight: bold; background: #f7f7f7; }
figure.chart { margin: 1rem 0 2rem; }
figure.chart figcaption { font-weight: bold; margin-bottom: .3rem; }
svg text { font-size: 12px; fill: #1a1a1a; }
svg rect.bar { fill: #2f6f9f; }
svg rect.bar.negative { fill: #b34700; }
svg line.axis { stroke: #444; stroke-width: 1; }
footer { margin-top: 3rem; font-size: .8rem; color: #555; }
"""


def _e(text: object) -> str:
    """Escape ``text`` for HTML text and attribute values."""
    return html.escape(str(text), quote=True)


def _both(zh: str, en: str) -> str:
    """Chinese text with its English beside it, marked as English."""
    return f'{_e(zh)} <span class="en" lang="en">{_e(en)}</span>'


def _value(value: str) -> str:
    """Name a layer, kind or placeholder in both languages; a jurisdiction code with its name."""
    zh, en = label(value, "zh"), label(value, "en")
    if zh != value or en != value:
        return _both(zh, en)
    if is_division(value):
        return f"{_e(value)} {_e(jurisdictions.get(value).name)}"
    return _e(value)


def _plain(value: str) -> str:
    """Name a group value in plain text (for SVG labels and titles)."""
    zh, en = label(value, "zh"), label(value, "en")
    if zh != value or en != value:
        return f"{zh} {en}"
    if is_division(value):
        return f"{value} {jurisdictions.get(value).name}"
    return value


_KEY_HEADERS: Final = {
    "jurisdiction": ("地区", "jurisdiction"),
    "registration_kind": ("户籍性质", "urban/rural"),
    "layer": ("层级", "layer"),
}


def _count(value: int | None) -> str:
    return "—" if value is None else f"{value:,}"


def _signed_count(value: int) -> str:
    return ("+" if value >= 0 else "−") + f"{abs(value):,}"


def _signed_yuan(value: int) -> str:
    return ("+" if value >= 0 else "−") + yuan_text(abs(value))


def _cell(text: str, value: object, kind: str) -> str:
    return f'<td class="num" data-{kind}="{_e(value)}">{_e(text)}</td>'


def _table(
    rows: list[dict[str, Any]],
    keys: Sequence[str],
    columns: Sequence[tuple[str, str, str, Any]],
    *,
    caption: str,
    name: str,
) -> str:
    """Render rows as an accessible table: ``keys`` as row headers, ``columns`` right-aligned.

    A column is ``(field, zh, en, render)``; ``render`` turns the value into text.
    """
    head = "".join(f'<th scope="col">{_both(*_KEY_HEADERS[k])}</th>' for k in keys)
    head += "".join(f'<th scope="col" class="num">{_both(zh, en)}</th>' for _, zh, en, _ in columns)
    body = []
    for row in rows:
        total = any(row[k] == ALL for k in keys)
        attributes = "".join(f' data-{k.replace("_", "-")}="{_e(row[k])}"' for k in keys)
        cells = "".join(f'<th scope="row">{_value(str(row[k]))}</th>' for k in keys)
        cells += "".join(
            _cell(render(row[field]), "" if row[field] is None else row[field], "value")
            for field, _, _, render in columns
        )
        kind = ' class="total"' if total else ""
        body.append(f"<tr{kind}{attributes}>{cells}</tr>")
    return (
        f'<div class="scroll"><table id="{_e(name)}"><caption>{caption}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


_DISTRIBUTION_COLUMNS: Final = (
    ("households", "户数", "households", _count),
    ("people", "人数", "people", _count),
    ("share_per_mille", "人数占比", "share of people", percent_text),
    ("monthly_fen", "月度金额", "monthly cost", yuan_text),
    ("newly_found", "新发现户数", "newly found", _count),
)

_CHANGE_COLUMNS: Final = tuple(
    (f"{name}_{when}", f"{zh}{zh_when}", f"{en} {when}", render)
    for name, zh, en, plain, signed in (
        ("households", "户数", "households", _count, _signed_count),
        ("people", "人数", "people", _count, _signed_count),
        ("monthly_fen", "月度金额", "monthly cost", yuan_text, _signed_yuan),
    )
    for when, zh_when, render in (
        ("before", "(调整前)", plain),
        ("after", "(调整后)", plain),
        ("change", "变化", signed),
    )
)

_GROUPING_NAMES: Final[dict[Grouping, tuple[str, str]]] = {
    (): ("全部", "whole registry"),
    ("jurisdiction",): ("按地区", "by jurisdiction"),
    ("registration_kind",): ("按城乡", "by urban/rural"),
    ("jurisdiction", "registration_kind"): ("按地区和城乡", "by jurisdiction and urban/rural"),
}


def _slug(by: Grouping) -> str:
    return "-".join(by) or "all"


# -- charts ------------------------------------------------------------------------------------


def _px(value: Fraction) -> str:
    """Write a length in pixels to a hundredth, rounded half up."""
    hundredths = int((value * 100 + Fraction(1, 2)) // 1)
    sign = "-" if hundredths < 0 else ""
    whole, part = divmod(abs(hundredths), 100)
    return f"{sign}{whole}.{part:02d}"


def _bars(
    name: str,
    caption: str,
    bars: Sequence[tuple[str, int, str]],
    *,
    diverging: bool = False,
) -> str:
    """Draw a horizontal bar chart: one bar per ``(group, value, text)``, length ∝ value.

    Bars are ``<rect class="bar">`` with ``data-group`` and ``data-value``; a
    diverging chart draws negative values to the left of a zero axis (class
    ``negative``), each bar's length proportional to the value's magnitude.
    """
    largest = max((abs(value) for _, value, _ in bars), default=0)
    scale = Fraction(BAR_LENGTH // 2 if diverging else BAR_LENGTH, largest or 1)
    zero = _LABEL_WIDTH + (BAR_LENGTH // 2 if diverging else 0)
    height = _ROW_HEIGHT * len(bars) + 8
    parts = []
    for row, (group, value, text) in enumerate(bars):
        y = 4 + row * _ROW_HEIGHT
        length = abs(value) * scale
        x = Fraction(zero) - length if value < 0 else Fraction(zero)
        end = zero + (0 if value < 0 else int(length)) + 6
        negative = " negative" if value < 0 else ""
        parts.append(
            f'<g class="row"><text x="{_LABEL_WIDTH - 8}" y="{y + 12}" text-anchor="end">'
            f"{_e(_plain(group))}</text>"
            f'<rect class="bar{negative}" data-group="{_e(group)}" data-value="{value}" '
            f'x="{_px(x)}" y="{y + 1}" width="{_px(length)}" height="{_BAR_HEIGHT}">'
            f"<title>{_e(_plain(group))}: {_e(text)}</title></rect>"
            f'<text x="{end}" y="{y + 12}">{_e(text)}</text></g>'
        )
    axis = f'<line class="axis" x1="{zero}" y1="0" x2="{zero}" y2="{height}"></line>'
    return (
        f'<figure class="chart" id="{_e(name)}"><figcaption id="{_e(name)}-caption">'
        f"{caption}</figcaption>"
        f'<svg role="img" aria-labelledby="{_e(name)}-caption" width="{_CHART_WIDTH}" '
        f'height="{height}" viewBox="0 0 {_CHART_WIDTH} {height}">{"".join(parts)}{axis}</svg>'
        "</figure>"
    )


def _distribution_charts(dist: Distribution, by: Grouping) -> list[str]:
    """Draw people and monthly cost per group of ``by``: a chart per layer that has any."""
    rows = [r for r in dist.table(by).to_pylist() if r["layer"] != ALL]
    charts = []
    for measure, zh, en, render in (
        ("people", "人数", "people", _count),
        ("monthly_fen", "月度金额", "monthly cost", yuan_text),
    ):
        for layer in LAYERS:
            mine = [r for r in rows if r["layer"] == layer]
            if not any(r[measure] for r in mine):
                continue
            key = next(iter(by))
            bars = [(str(r[key]), int(r[measure]), render(r[measure])) for r in mine]
            group_zh, group_en = _GROUPING_NAMES[by]
            caption = _both(
                f"{label(layer, 'zh')} {zh} {group_zh}",
                f"{label(layer, 'en')}: {en} {group_en}",
            )
            name = f"chart-{measure}-{_slug(by)}-{layer.strip('()').replace(' ', '-')}"
            charts.append(_bars(name, caption, bars))
    return charts


def _change_charts(change: Change) -> list[str]:
    """Draw the what-if's change: people per layer, monthly cost per jurisdiction."""
    whole = [r for r in change.table().to_pylist() if r["layer"] != ALL]
    people = [
        (str(r["layer"]), int(r["people_change"]), _signed_count(r["people_change"])) for r in whole
    ]
    places = [r for r in change.table(("jurisdiction",)).to_pylist() if r["layer"] == ALL]
    cost = [
        (
            str(r["jurisdiction"]),
            int(r["monthly_fen_change"]),
            _signed_yuan(r["monthly_fen_change"]),
        )
        for r in places
    ]
    return [
        _bars(
            "chart-change-people-layer",
            _both("各层级人数变化", "change in people per layer"),
            people,
            diverging=True,
        ),
        _bars(
            "chart-change-cost-jurisdiction",
            _both("各地区月度金额变化", "change in monthly cost by jurisdiction"),
            cost,
            diverging=True,
        ),
    ]


def _transitions(change: Change) -> str:
    """Render the whole registry's layer transition matrix: rows before, columns after."""
    matrix = {
        (str(r["layer_before"]), str(r["layer_after"])): int(r["households"])
        for r in change.transitions().to_pylist()
    }
    head = '<th scope="col">' + _both("调整前 \\ 调整后", "before \\ after") + "</th>"
    head += "".join(f'<th scope="col" class="num">{_value(b)}</th>' for b in LAYERS)
    body = "".join(
        f'<tr data-layer-before="{_e(a)}"><th scope="row">{_value(a)}</th>'
        + "".join(
            f'<td class="num" data-layer-after="{_e(b)}" data-value="{matrix.get((a, b), 0)}">'
            f"{matrix.get((a, b), 0):,}</td>"
            for b in LAYERS
        )
        + "</tr>"
        for a in LAYERS
    )
    caption = _both("层级变动矩阵 (户数)", "layer transitions (households)")
    return (
        f'<div class="scroll"><table id="table-transitions"><caption>{caption}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


# -- the page ----------------------------------------------------------------------------------


def _banners(*, synthetic: bool, uses_example_data: bool, example_parameters: Iterable[str]) -> str:
    out = []
    if synthetic:
        out.append(
            '<p class="banner" id="banner-synthetic" role="note">'
            + _both(
                "合成数据: 本报告中没有任何一行描述真实的人或家庭。",
                "Synthetic data: no row of this report describes a real person or household.",
            )
            + "</p>"
        )
    names = list(example_parameters)
    if uses_example_data or names:
        listed = ""
        if names:
            items = "".join(f"<li><code>{_e(name)}</code></li>" for name in names)
            summary = _both(f"示例参数值 ({len(names)})", f"example values ({len(names)})")
            listed = f"<details><summary>{summary}</summary><ul>{items}</ul></details>"
        out.append(
            '<div class="banner" id="banner-example" role="note"><p>'
            + _both(
                "使用示例数据: 部分参数值为示例, 不是法定数值。",
                "Uses example data: some parameter values are examples, not law.",
            )
            + f"</p>{listed}</div>"
        )
    return "".join(out)


def render_report(
    dist: Distribution,
    *,
    on: dt.date,
    book: str,
    jurisdiction: str | None = None,
    programme: tuple[str, str] = ("分层分类社会救助", "layered social assistance"),
    title: tuple[str, str] = ("救助对象筛查分布报告", "Screening distribution report"),
    synthetic: bool = False,
    uses_example_data: bool = False,
    example_parameters: Sequence[str] = (),
    change: Change | None = None,
    scenario: str | None = None,
    notes: Sequence[str] = (),
) -> str:
    """Return one self-contained HTML page of a screening run's distribution (module docstring).

    ``on`` is the as-of date of the screening; ``book`` says which parameter
    book decided it (the shipped record books, or the files layered over
    them); ``jurisdiction`` is the registry's (a GB/T 2260 code is shown with
    its name); ``programme`` and ``title`` are ``(zh, en)`` pairs.
    ``synthetic`` puts the synthetic-data banner at the top, and
    ``uses_example_data`` (or a non-empty ``example_parameters``, which the
    banner lists) the example-data banner.  ``change`` (with ``scenario``
    describing it) adds the what-if section; ``notes`` are shown as given,
    escaped.  A result that gave no registration kind or no newly-found flag
    is noted on the page.

    .. versionadded:: 0.1.0
    """
    title_zh, title_en = title
    notes = list(notes)
    if not dist.kinds_given:
        notes.append(
            "结果未提供户籍性质 (城市/农村): 全部户归入 “未提供” 一组。"
            " The result gives no urban/rural registration: every household is in one group, "
            f"{NOT_GIVEN}."
        )
    if not dist.newly_found_given:
        notes.append(
            "结果未提供新发现 (主动发现) 标记: 该列显示为 “—”。"
            " The result does not say which households are newly found: the column shows —."
        )
    place = "—" if jurisdiction is None else _value(jurisdiction)
    meta = [
        (("项目", "programme"), _both(*programme)),
        (("截至日期", "as of"), _e(on.isoformat())),
        (("参数", "parameter book"), _e(book)),
        (("地区", "jurisdiction"), place),
    ]
    if change is not None and scenario is not None:
        meta.append((("假设情形", "what-if"), _e(scenario)))
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title_zh)} — {_e(title_en)} ({_e(on.isoformat())})</title>",
        f"<style>{_STYLE}</style></head><body>",
        f"<header><h1>{_both(title_zh, title_en)}</h1>",
        _banners(
            synthetic=synthetic,
            uses_example_data=uses_example_data,
            example_parameters=example_parameters,
        ),
        '<dl class="meta">'
        + "".join(f"<dt>{_both(*name)}</dt><dd>{value}</dd>" for name, value in meta)
        + "</dl>",
    ]
    if notes:
        parts.append('<ul class="notes">' + "".join(f"<li>{_e(n)}</li>" for n in notes) + "</ul>")
    parts.append("</header><main>")
    parts.append(f'<section id="distribution"><h2>{_both("分布", "Distribution")}</h2>')
    groupings: list[Grouping] = [(), ("jurisdiction",)]
    if dist.kinds_given:
        groupings += [("registration_kind",), ("jurisdiction", "registration_kind")]
    for by in groupings:
        zh, en = _GROUPING_NAMES[by]
        parts.append(f"<h3>{_both(zh, en)}</h3>")
        rows = dist.table(by).to_pylist()
        caption = _both(
            f"各层级户数、人数与月度金额 ({zh})", f"households, people and cost per layer ({en})"
        )
        parts.append(
            _table(
                rows,
                [*by, "layer"],
                _DISTRIBUTION_COLUMNS,
                caption=caption,
                name=f"table-{_slug(by)}",
            )
        )
        if len(by) == 1:
            parts.extend(_distribution_charts(dist, by))
    parts.append("</section>")
    if change is not None:
        parts.append(f'<section id="what-if"><h2>{_both("假设情形的变化", "What-if change")}</h2>')
        for by in groupings[: 3 if dist.kinds_given else 2]:
            zh, en = _GROUPING_NAMES[by]
            rows = change.table(by).to_pylist()
            caption = _both(f"调整前后 ({zh})", f"before and after ({en})")
            parts.append(
                _table(
                    rows,
                    [*by, "layer"],
                    _CHANGE_COLUMNS,
                    caption=caption,
                    name=f"change-{_slug(by)}",
                )
            )
        parts.append(_transitions(change))
        parts.extend(_change_charts(change))
        parts.append("</section>")
    parts.append(
        "</main><footer>"
        + _both(
            f"由 civaffairs {__version__} 生成; 金额以分为单位精确计算, "
            "占比为精确分数四舍五入到千分之一。",
            f"Made by civaffairs {__version__}; money is exact in fen, shares are exact fractions "
            "rounded half up to a thousandth.",
        )
        + "</footer></body></html>"
    )
    return "\n".join(parts) + "\n"
