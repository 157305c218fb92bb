"""Write the sample screening report the docs link to, from a seeded synthetic registry.

When a build starts, :func:`write_sample` screens a synthetic registry of
Chongqing (500000) for 低保 on 2025-08-01, with a what-if raising the rural
standard to 700 yuan, and writes the HTML report
(:func:`civaffairs.batch.html_report.render_report`) to
``docs/_static/sample-screening-report.html`` (ignored by git), which Sphinx
copies with the other static files and ``docs/howto/report-a-screening.md``
links to.  The registry is seeded and the page carries no time stamp, so every
build writes the same bytes.  The page is labelled synthetic.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:  # Sphinx is in the docs extra: the module is collected by the test run too
    from sphinx.application import Sphinx

__all__ = ["SAMPLE", "setup", "write_sample"]

#: Where the sample page is written, relative to the docs source folder.
SAMPLE: Final = Path("_static") / "sample-screening-report.html"

_ON: Final = dt.date(2025, 8, 1)
_PLACE: Final = "500000"
_HOUSEHOLDS: Final = 3000
_SEED: Final = 7
_SCENARIO: Final = "assistance.dibao.standard.rural@500000=700"


def sample_page() -> str:
    """Return the sample report: a synthetic 低保 screening of Chongqing, with a what-if.

    .. versionadded:: 0.1.0
    """
    from civaffairs.batch import assess_table, synthetic_population  # noqa: PLC0415
    from civaffairs.batch import distribution as d  # noqa: PLC0415
    from civaffairs.batch.html_report import render_report  # noqa: PLC0415
    from civaffairs.batch.report_cli import example_values  # noqa: PLC0415
    from civaffairs.parameters import default_book  # noqa: PLC0415

    book = default_book()
    people = synthetic_population(_HOUSEHOLDS, _PLACE, on=_ON, seed=_SEED, invalid_share=0.01)
    scenario = book.override("assistance.dibao.standard.rural", _PLACE, Decimal(700), _ON)
    before = d.from_dibao(assess_table(people, _ON, book=book), people)
    after = d.from_dibao(assess_table(people, _ON, book=scenario), people)
    dist = d.distribution(before)
    places = [str(p) for p in dist.cells.column("jurisdiction").to_pylist()]
    return render_report(
        dist,
        on=_ON,
        book="shipped record books",
        jurisdiction=_PLACE,
        programme=("最低生活保障", "dibao"),
        title=("救助对象筛查分布报告 (示例)", "Screening distribution report (sample)"),
        synthetic=True,
        example_parameters=example_values(
            book, sorted(set(places)), _ON, ("assistance.dibao.", "assistance.marginal.")
        ),
        change=d.compare(before, after),
        scenario=_SCENARIO,
        notes=[
            (
                f"{_HOUSEHOLDS} 户合成家庭 (种子 {_SEED}), 1% 含一处错误数据。"
                f" {_HOUSEHOLDS} synthetic households (seed {_SEED}); 1% have one bad cell."
            ),
            (
                "人数为低保计算的共同生活家庭成员。"
                " People are the family members the 低保 screen counted."
            ),
        ],
    )


def write_sample(srcdir: Path) -> Path:
    """Write the sample report under ``srcdir`` (only when its text changed); return its path.

    .. versionadded:: 0.1.0
    """
    target = srcdir / SAMPLE
    page = sample_page()
    if not target.exists() or target.read_text(encoding="utf-8") != page:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")
    return target


def _on_builder_inited(app: Sphinx) -> None:
    write_sample(Path(app.srcdir))


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the extension with Sphinx.

    .. versionadded:: 0.1.0
    """
    app.connect("builder-inited", _on_builder_inited)
    return {"version": "0.1.0", "parallel_read_safe": True, "parallel_write_safe": True}
