"""The distributional tables and the HTML report, on hand-made result tables.

The numbers below are worked by hand from the rows; the report's text is parsed
back.  The browser test (``test_batch_report_browser.py``) opens the page in Chromium.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

pa = pytest.importorskip("pyarrow")
pytest.importorskip("numpy")
pq = pytest.importorskip("pyarrow.parquet")

from builders import screen  # noqa: E402

from civaffairs.batch import assess_table, synthetic_population  # noqa: E402
from civaffairs.batch import distribution as d  # noqa: E402
from civaffairs.batch.html_report import render_report  # noqa: E402
from civaffairs.errors import InvalidDocumentError  # noqa: E402
from civaffairs.parameters import default_book  # noqa: E402

ON = dt.date(2025, 8, 1)
_NAMES = (
    "household_id",
    "jurisdiction",
    "registration_kind",
    "layer",
    "people",
    "people_extreme_poverty",
    "people_dibao",
    "people_marginal",
    "people_rigid_expenditure",
    "people_none",
    "monthly_fen",
    "newly_found",
)
_ROWS = [
    ("h1", "500101", "urban", "dibao", 3, 0, 3, 0, 0, 0, 231_000, True),
    ("h2", "500101", "rural", "none", 2, 0, 0, 0, 0, 2, 0, False),
    ("h3", "500102", "rural", "extreme_poverty", 3, 1, 2, 0, 0, 0, 180_050, False),
    ("h4", "500102", "urban", "marginal", 4, 0, 0, 4, 0, 0, 0, True),
    ("h5", None, "rural", None, 2, 0, 0, 0, 0, 0, 0, False),
]


def _table(rows: list[tuple[Any, ...]]) -> Any:
    columns: dict[str, Any] = {}
    for name, values in zip(_NAMES, zip(*rows, strict=True), strict=True):
        if name.startswith("people"):
            columns[name] = pa.array(values, pa.int32())
        elif name == "monthly_fen":
            columns[name] = pa.array(values, pa.int64())
        elif name in {"jurisdiction", "registration_kind", "layer"}:
            columns[name] = pa.array(values, pa.string()).dictionary_encode()
        else:
            columns[name] = pa.array(values)
    return pa.table(columns)


def _rows(table: Any, *keys: str) -> dict[tuple[Any, ...], dict[str, Any]]:
    return {tuple(r[k] for k in keys): r for r in table.to_pylist()}


def test_the_whole_registry_by_layer_worked_by_hand() -> None:
    whole = _rows(d.distribution(_table(_ROWS)).table(), "layer")
    # 14 people: 1 特困 (h3), 5 低保 (h1 3 + h3 2), 4 边缘 (h4), 2 none (h2), 2 undecided (h5).
    assert [whole[(layer,)]["people"] for layer in d.LAYERS] == [1, 5, 4, 0, 2, 2]
    assert [whole[(layer,)]["households"] for layer in d.LAYERS] == [1, 1, 1, 0, 1, 1]
    assert whole[("dibao",)]["share_per_mille"] == 357  # 5/14 = 0.35714… → 35.7%
    assert d.percent_text(whole[("dibao",)]["share_per_mille"]) == "35.7%"
    assert whole[("extreme_poverty",)]["share_per_mille"] == 71  # 1/14 = 0.0714…
    assert whole[("extreme_poverty",)]["monthly_fen"] == 180_050  # the household's whole cash
    total = whole[(d.ALL,)]
    assert (total["households"], total["people"], total["monthly_fen"]) == (5, 14, 411_050)
    assert (total["share_per_mille"], total["newly_found"]) == (1000, 2)


def test_groups_by_jurisdiction_and_urban_rural() -> None:
    dist = d.distribution(_table(_ROWS))
    places = _rows(dist.table(("jurisdiction",)), "jurisdiction", "layer")
    assert places[("500101", d.ALL)]["people"] == 5
    assert places[("500101", "dibao")]["share_per_mille"] == 600
    assert places[("500102", "dibao")]["people"] == 2
    assert places[(d.UNKNOWN, d.CANNOT_DECIDE)]["people"] == 2  # a null jurisdiction
    assert dist.groups(("jurisdiction",)) == [("500101",), ("500102",), (d.UNKNOWN,)]
    kinds = _rows(dist.table(("registration_kind",)), "registration_kind", "layer")
    assert kinds[("urban", d.ALL)]["monthly_fen"] == 231_000
    assert kinds[("rural", d.ALL)]["people"] == 7
    both = _rows(
        dist.table(("jurisdiction", "registration_kind")),
        "jurisdiction",
        "registration_kind",
        "layer",
    )
    assert both[("500102", "rural", "extreme_poverty")]["households"] == 1
    assert both[("500102", "rural", "dibao")]["households"] == 0  # h3's layer is 特困
    assert both[("500102", "rural", "dibao")]["people"] == 2  # but two members are in 低保
    with pytest.raises(ValueError, match="by"):
        dist.table(("layer",))  # type: ignore[arg-type]


def test_a_result_without_kinds_or_newly_found_says_so() -> None:
    table = _table(_ROWS).drop_columns(["registration_kind", "newly_found"])
    dist = d.distribution(table)
    assert not dist.kinds_given
    assert not dist.newly_found_given
    assert dist.groups(("registration_kind",)) == [(d.NOT_GIVEN,)]
    assert d.distribution(table).table().column("newly_found").null_count == len(d.LAYERS) + 1


@pytest.mark.parametrize(
    ("row", "path"),
    [
        (("h1", "500101", "urban", "dibao", None, 0, 0, 0, 0, 0, 0, False), "$[0].people"),
        (("h1", "500101", "urban", "dibao", 1, 0, 1, 0, 0, 0, -1, False), "$[0].monthly_fen"),
        (("h1", "500101", "city", "dibao", 1, 0, 1, 0, 0, 0, 0, False), "$[0].registration_kind"),
        (("h1", "500101", "urban", "poor", 1, 0, 1, 0, 0, 0, 0, False), "$[0].layer"),
        (("h1", "500101", "urban", "dibao", 1, 0, 2, 0, 0, 0, 0, False), "$[0].people"),
        (("h1", "500101", "urban", "none", 1, 0, 1, 0, 0, 0, 0, False), "$[0].people_dibao"),
        ((None, "500101", "urban", "dibao", 1, 0, 1, 0, 0, 0, 0, False), "$[0].household_id"),
    ],
)
def test_a_bad_cell_is_named_never_read_as_something_else(row: tuple[Any, ...], path: str) -> None:
    with pytest.raises(InvalidDocumentError) as caught:
        d.tabulate(_table([row, _ROWS[1]]))
    assert [e.path for e in caught.value.errors] == [path]


def test_newly_found_not_known_is_not_counted() -> None:
    """A null ``newly_found`` (the layered screen cannot tell) is not counted as newly found."""
    rows = [(*_ROWS[0][:-1], None), *_ROWS[1:]]
    known = d.tabulate(_table(_ROWS))
    unknown = d.tabulate(_table(rows))
    first = _ROWS[0]
    before = [int(n or 0) for n in known.column("newly_found").to_pylist()]
    after = [int(n or 0) for n in unknown.column("newly_found").to_pylist()]
    assert sum(after) == sum(before) - int(first[-1] is True)


def test_a_household_twice_or_a_missing_column_is_refused() -> None:
    with pytest.raises(InvalidDocumentError, match=r"\$\[1\]\.household_id"):
        d.tabulate(_table([_ROWS[0], _ROWS[0]]))
    with pytest.raises(InvalidDocumentError, match=r"\$\.people_dibao: got \(absent\)"):
        d.tabulate(_table(_ROWS).drop_columns(["people_dibao"]))
    with pytest.raises(InvalidDocumentError, match=r"\$\.monthly_fen: got double"):
        d.tabulate(_table(_ROWS).set_column(10, "monthly_fen", pa.array([0.5] * 5)))


def test_a_what_if_worked_by_hand() -> None:
    after = list(_ROWS)
    after[1] = ("h2", "500101", "rural", "dibao", 2, 0, 2, 0, 0, 0, 126_000, True)
    after[3] = ("h4", "500102", "urban", "none", 4, 0, 0, 0, 0, 4, 0, False)
    change = d.compare(_table(_ROWS), _table(list(reversed(after))))
    whole = _rows(change.table(), "layer")
    assert whole[("dibao",)]["households_change"] == 1
    assert whole[("dibao",)]["people_change"] == 2
    assert whole[("dibao",)]["monthly_fen_change"] == 126_000
    assert whole[("marginal",)]["people_after"] == 0
    assert whole[(d.ALL,)]["people_change"] == 0
    moves = _rows(change.transitions(), "layer_before", "layer_after")
    assert moves[("none", "dibao")]["households"] == 1
    assert moves[("marginal", "none")]["households"] == 1
    assert moves[("dibao", "dibao")]["households"] == 1
    assert change.moved() == 2
    places = _rows(change.table(("jurisdiction",)), "jurisdiction", "layer")
    assert places[("500101", d.ALL)]["monthly_fen_change"] == 126_000
    assert "+1,260 元" in d.render_change(change)  # 126,000 fen
    assert "none of the low-income layers" in d.render_transitions(change)


def test_a_what_if_of_other_households_is_refused() -> None:
    other = [("h9", *_ROWS[0][1:]), *_ROWS[1:]]
    with pytest.raises(InvalidDocumentError) as caught:
        d.compare(_table(_ROWS), _table(other))
    assert {e.path for e in caught.value.errors} == {
        "before[0].household_id",
        "after[0].household_id",
    }
    moved = [("h1", "500102", *_ROWS[0][2:]), *_ROWS[1:]]
    with pytest.raises(InvalidDocumentError, match=r"after\[0\]\.jurisdiction"):
        d.compare(_table(_ROWS), _table(moved))


def test_the_dibao_result_is_reportable() -> None:
    people = synthetic_population(300, "500000", on=ON, seed=11)  # synthetic, not real people
    result = assess_table(people, ON)
    dist = d.distribution(d.from_dibao(result))
    whole = _rows(dist.table(), "layer")
    outcomes = result.column("outcome").to_pylist()
    amounts = [a or 0 for a in result.column("amount_fen").to_pylist()]
    assert whole[("dibao",)]["households"] == outcomes.count("eligible")
    assert whole[(d.CANNOT_DECIDE,)]["households"] == outcomes.count("cannot_decide")
    assert whole[("dibao",)]["monthly_fen"] == sum(amounts)
    counted = [n or 0 for n in result.column("members_counted").to_pylist()]
    assert whole[(d.ALL,)]["people"] == sum(counted)
    assert not dist.kinds_given
    with pytest.raises(InvalidDocumentError, match="members_alone"):
        d.from_dibao(result.drop_columns(["members_alone"]))


def test_chunks_of_the_dibao_screen_add_up_to_the_whole() -> None:
    people = synthetic_population(400, "500000", on=ON, seed=5)
    result = d.from_dibao(assess_table(people, ON))
    parts = [d.tabulate(result.slice(0, 150)), d.tabulate(result.slice(150))]
    assert d.add_cells(parts).equals(d.tabulate(result))


def test_shares_are_exact_fractions_rounded_half_up_once() -> None:
    assert d.per_mille(1, 2000) == 1  # 0.5 per mille rounds up
    assert d.per_mille(1, 2001) == 0
    assert d.per_mille(2, 3) == 667
    assert d.per_mille(0, 5) == 0
    assert d.percent_text(5) == "0.5%"
    assert d.label("(all)", "en") == "all"
    assert d.label("330106") == "330106"


# -- the page, parsed back -----------------------------------------------------------------------


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _page(jurisdiction: str, **options: Any) -> str:
    rows = [(r[0], jurisdiction, *r[2:]) if r[1] == "500101" else r for r in _ROWS]
    return render_report(
        d.distribution(_table(rows)), on=ON, book="shipped", jurisdiction=jurisdiction, **options
    )


# A jurisdiction spelt as a placeholder, layer or kind of the tables is refused (tested in
# test_batch_distribution_review.py); any other string must be escaped.
@given(st.text(min_size=1, max_size=30).filter(lambda name: name not in d._RESERVED))
def test_the_page_escapes_any_jurisdiction_string(name: str) -> None:
    page = _page(name, notes=[name], scenario=name)
    benign = _page("500101", notes=["500101"], scenario="500101")
    parsed, expected = _Text(), _Text()
    parsed.feed(page)
    expected.feed(benign)
    assert parsed.tags == expected.tags  # the name adds no element and removes none
    assert name.strip() in "".join(parsed.text) or not name.strip()


@given(st.lists(st.text(min_size=1, max_size=12), min_size=5, max_size=5, unique=True))
def test_household_ids_never_reach_the_page(ids: list[str]) -> None:
    """Any ids give the same page: ids are counted, never shown (nor need escaping)."""
    renamed = [(i, *r[1:]) for i, r in zip(ids, _ROWS, strict=True)]
    page = render_report(d.distribution(_table(renamed)), on=ON, book="shipped")
    assert page == render_report(d.distribution(_table(_ROWS)), on=ON, book="shipped")


def test_the_page_says_what_it_is() -> None:
    page = _page(
        "500101",
        synthetic=True,
        example_parameters=["assistance.dibao.standard.rural@500000"],
    )
    assert page.startswith('<!DOCTYPE html>\n<html lang="zh-CN">')
    assert 'id="banner-synthetic"' in page
    assert "assistance.dibao.standard.rural@500000" in page
    assert '最低生活保障 <span class="en" lang="en">dibao</span>' in page
    assert "<figcaption" in page
    assert '<th scope="col"' in page
    assert '<th scope="row"' in page
    for needle in ("http", "src=", "<script", "<link", "url("):
        assert needle not in page
    plain = _page("500101")
    assert "banner" not in plain.split("<style>")[1].split("</style>")[1]


# -- the command ---------------------------------------------------------------------------------


def test_screen_writes_a_report(tmp_path: Path) -> None:
    out, report = tmp_path / "r.parquet", tmp_path / "r.html"
    code, _, err = screen(
        "--synthetic",
        "400",
        "--jurisdiction",
        "500000",
        "--on",
        "2025-08-01",
        "--out",
        str(out),
        "--report",
        str(report),
        "--scenario",
        "assistance.dibao.standard.rural@500000=700",
        "--quiet",
    )
    assert code == 0, err
    page = report.read_text(encoding="utf-8")
    assert 'id="banner-synthetic"' in page
    assert 'id="table-transitions"' in page
    assert d.NOT_GIVEN in page  # the 低保 result gives no urban/rural registration
    result = pq.read_table(out)
    dist = d.distribution(d.from_dibao(result))
    total = next(r for r in dist.table().to_pylist() if r["layer"] == d.ALL)
    assert 'data-layer="(all)"><th scope="row">合计' in page
    assert f'data-value="{total["people"]}"' in page


def test_screen_refuses_a_report_it_cannot_write(tmp_path: Path) -> None:
    out = str(tmp_path / "r.parquet")
    base = ("--synthetic", "50", "--jurisdiction", "500000", "--on", "2025-08-01", "--out", out)
    with pytest.raises(SystemExit) as caught:
        screen(*base, "--report", str(tmp_path / "missing" / "r.html"))
    assert caught.value.code == 2
    with pytest.raises(SystemExit):
        screen(*base, "--report", str(tmp_path / "r.txt"))
    code, _, err = screen(*base, "--report", out.replace(".parquet", ".html"), "--out", out)
    assert code == 0, err
    code, _, err = screen(
        *base[:-2], "--out", str(tmp_path / "x.html"), "--report", str(tmp_path / "x.html")
    )
    assert code == 2
    assert "--report" in err
    assert "Traceback" not in err


def test_a_what_if_adds_its_tables_and_charts() -> None:
    book = default_book().override("assistance.dibao.standard.rural", "500000", Decimal(700), ON)
    people = synthetic_population(100, "500000", on=ON, seed=2)
    before = d.from_dibao(assess_table(people, ON))
    after = d.from_dibao(assess_table(people, ON, book=book))
    page = render_report(
        d.distribution(before), on=ON, book="shipped", change=d.compare(before, after)
    )
    assert 'id="chart-change-people-layer"' in page
    assert 'id="change-all"' in page
    assert 'id="change-registration_kind"' not in page  # no kinds in the 低保 result


def test_the_dibao_result_takes_the_kind_from_the_applicants_row() -> None:
    people = synthetic_population(200, "500000", on=ON, seed=4)
    result = d.from_dibao(assess_table(people, ON), people)
    applicants = [
        (h, k)
        for h, r, k in zip(
            people.column("household_id").to_pylist(),
            people.column("relationship").to_pylist(),
            people.column("registration_kind").to_pylist(),
            strict=True,
        )
        if r == "applicant"
    ]
    expected = dict(applicants)
    assert result.column("registration_kind").to_pylist() == [
        expected[h] for h in result.column("household_id").to_pylist()
    ]
    # A household with two applicant rows has no readable kind (as the screen cannot read it).
    twice = people.set_column(
        people.column_names.index("relationship"),
        "relationship",
        pa.array(["applicant"] * people.num_rows),
    )
    kinds = d.from_dibao(assess_table(people, ON), twice).column("registration_kind")
    sizes = [h for h, _ in applicants]
    alone = {h for h in sizes if people.column("household_id").to_pylist().count(h) == 1}
    for h, k in zip(result.column("household_id").to_pylist(), kinds.to_pylist(), strict=True):
        assert (k is None) == (h not in alone)


def test_screen_reports_a_results_file_of_several_row_groups(tmp_path: Path) -> None:
    """Two synthetic blocks, two row groups: read back in one batch, list columns left out."""
    out, report = tmp_path / "r.parquet", tmp_path / "r.html"
    argv = ("--synthetic", "60000", "--jurisdiction", "500000", "--on", "2025-08-01")
    code, _, err = screen(*argv, "--out", str(out), "--report", str(report), "--quiet")
    assert code == 0, err
    assert pq.ParquetFile(out).metadata.num_row_groups > 1
    page = report.read_text(encoding="utf-8")
    assert '<tr class="total" data-layer="(all)"><th scope="row">合计' in page
    assert '<td class="num" data-value="60000">60,000</td>' in page


def test_screen_refuses_a_report_of_a_people_screen(tmp_path: Path) -> None:
    people = pa.table(
        {
            "person_id": ["a"],
            "birth_date": pa.array([dt.date(1940, 3, 1)], pa.date32()),
            "registration": ["440304"],
            "jurisdiction": pa.array([None], pa.string()),
        }
    )
    pq.write_table(people, tmp_path / "people.parquet")
    code, _, err = screen(
        str(tmp_path / "people.parquet"),
        "--programme",
        "eldercare.longevity",
        "--on",
        "2025-08-15",
        "--out",
        str(tmp_path / "out.parquet"),
        "--report",
        str(tmp_path / "r.html"),
        "--quiet",
    )
    assert code == 2
    assert "--report" in err
    assert "a screening of households" in err
    assert not (tmp_path / "r.html").exists()
