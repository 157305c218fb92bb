"""The HTML report opened in a real headless browser (Chromium), and its DOM checked.

The page is written to a file, opened by ``chromium --headless --dump-dom`` and the
DOM the browser built is parsed: every table cell equals the distribution's
numbers, every chart has one bar per group whose length is proportional to its
value, the banners are there, and the browser, sent through a recording proxy,
makes no request for the page (a control page with an image on the web shows
that a request would be seen).

Chromium is looked up as ``chromium``, ``chromium-browser`` or ``google-chrome``.
Without it the test is skipped, except when ``CI`` is set: there it fails, so CI
cannot pass without having opened the page.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import subprocess
import threading
from decimal import Decimal
from fractions import Fraction
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

pa = pytest.importorskip("pyarrow")
pytest.importorskip("numpy")

from civaffairs.batch import assess_table, synthetic_population  # noqa: E402
from civaffairs.batch import distribution as d  # noqa: E402
from civaffairs.batch._common import yuan_text  # noqa: E402
from civaffairs.batch.html_report import BAR_LENGTH, render_report  # noqa: E402
from civaffairs.parameters import default_book  # noqa: E402

ON = dt.date(2025, 8, 1)
#: The hosts Chromium itself calls at start (component updates, sign-in, time), never the page's.
_BROWSER_SERVICES = frozenset(
    {
        "update.googleapis.com",
        "accounts.google.com",
        "clients2.google.com",
        "clientservices.googleapis.com",
        "safebrowsing.googleapis.com",
        "optimizationguide-pa.googleapis.com",
        "content-autofill.googleapis.com",
        "redirector.gvt1.com",
        "edgedl.me.gvt1.com",
    }
)
_QUIET_FLAGS = (
    "--headless",
    "--no-sandbox",  # the test may run as root (CI containers)
    "--disable-gpu",
    "--disable-dev-shm-usage",  # containers with a small /dev/shm
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--no-pings",
    "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,MediaRouter",
)


def _chromium() -> str:
    found = (
        shutil.which("chromium")
        or shutil.which("chromium-browser")
        or shutil.which("google-chrome")
    )
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("CI is set but no chromium was found: CI must open the report in a browser")
        pytest.skip("no chromium, chromium-browser or google-chrome on PATH to open the report")
    return found


class _Proxy:
    """A proxy that answers nothing and records the host of every request made through it."""

    def __init__(self) -> None:
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(32)
        self.server.settimeout(0.1)
        self.port = self.server.getsockname()[1]
        self.hosts: list[str] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                connection, _ = self.server.accept()
            except OSError:
                continue
            with connection:
                connection.settimeout(2)
                try:
                    line = connection.recv(4096).split(b"\r\n", 1)[0].decode("latin-1")
                except OSError:
                    line = "? unreadable"
            target = line.split(" ")[1] if " " in line else line
            host = target.split("://", 1)[-1].split("/", 1)[0].rsplit(":", 1)[0]
            self.hosts.append(host)

    def __enter__(self) -> _Proxy:
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop.set()
        self.thread.join()
        self.server.close()


def _open(page: Path, home: Path) -> tuple[str, list[str]]:
    """Open ``page`` in headless Chromium through a recording proxy; return the DOM and hosts."""
    with _Proxy() as proxy:
        done = subprocess.run(  # noqa: S603 - the browser found on PATH, fixed arguments
            [
                _chromium(),
                *_QUIET_FLAGS,
                f"--user-data-dir={home}",
                f"--proxy-server=http://127.0.0.1:{proxy.port}",
                "--proxy-bypass-list=<-loopback>",
                "--virtual-time-budget=3000",
                "--dump-dom",
                page.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout, proxy.hosts


class _Dom(HTMLParser):
    """The parts of the dumped DOM the checks read: tables, chart bars, banners, tags."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[dict[str, Any]]] = {}
        self.charts: dict[str, list[dict[str, str]]] = {}
        self.ids: set[str] = set()
        self.tags: set[str] = set()
        self.lang = ""
        self._table: str | None = None
        self._chart: str | None = None
        self._row: dict[str, Any] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.add(tag)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "html":
            self.lang = a.get("lang", "")
        elif tag == "table":
            self._table = a.get("id", "")
            self.tables[self._table] = []
        elif tag == "tr" and self._table is not None:
            self._row = {"attrs": a, "headers": [], "cells": []}
        elif tag in {"th", "td"} and self._row is not None:
            self._cell = []
            self._row["cells" if tag == "td" else "headers"].append((a, self._cell))
        elif tag == "figure":
            self._chart = a.get("id", "")
            self.charts[self._chart] = []
        elif tag == "rect" and self._chart is not None:
            self.charts[self._chart].append(a)

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._table = None
        elif tag == "tr" and self._row is not None and self._table is not None:
            self.tables[self._table].append(self._row)
            self._row = None
        elif tag in {"th", "td"}:
            self._cell = None
        elif tag == "figure":
            self._chart = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _text(cell: tuple[dict[str, str], list[str]]) -> str:
    return "".join(cell[1]).strip()


def _contract(people: Any) -> Any:
    """The 低保 result in the contract, with a registration kind taken from the persons table."""
    result = d.from_dibao(assess_table(people, ON))
    applicants = people.filter(pa.compute.equal(people.column("relationship"), "applicant"))
    kind = applicants.column("registration_kind")
    return result.append_column("registration_kind", kind).append_column(
        "newly_found",
        pa.compute.equal(result.column("layer").cast(pa.string()), "dibao").fill_null(False),
    )


@pytest.fixture(scope="module")
def made() -> tuple[Any, Any]:
    people = synthetic_population(600, "500000", on=ON, seed=3)  # synthetic, not real people
    before = _contract(people)
    scenario = default_book().override(
        "assistance.dibao.standard.rural", "500000", Decimal(700), ON
    )
    after_dibao = d.from_dibao(assess_table(people, ON, book=scenario))
    after = after_dibao.append_column(
        "registration_kind", before.column("registration_kind")
    ).append_column("newly_found", before.column("newly_found"))
    return d.distribution(before), d.compare(before, after)


def _money(fen: int) -> str:
    return yuan_text(fen)


def test_the_report_renders_in_a_browser_as_the_tables_say(
    made: tuple[Any, Any], tmp_path: Path
) -> None:
    dist, change = made
    page = tmp_path / "report.html"
    text = render_report(
        dist,
        on=ON,
        book="shipped record books",
        jurisdiction="500000",
        synthetic=True,
        uses_example_data=True,
        change=change,
        scenario="assistance.dibao.standard.rural@500000=700",
    )
    page.write_text(text, encoding="utf-8")
    # Nothing in the page points outside it: no address, no source, no style import.
    for needle in ("http", "src=", "url(", "@import", "<script", "<link"):
        assert needle not in text, needle
    dom_text, hosts = _open(page, tmp_path / "home")
    dom = _Dom()
    dom.feed(dom_text)
    assert dom.lang == "zh-CN"
    assert {"banner-synthetic", "banner-example"} <= dom.ids
    assert "script" not in dom.tags
    assert [h for h in hosts if h not in _BROWSER_SERVICES] == []

    # Every table cell equals the distribution's numbers.
    columns = ("households", "people", "share_per_mille", "monthly_fen", "newly_found")
    for by in d.GROUPINGS:
        expected = dist.table(by).to_pylist()
        rows = dom.tables[f"table-{'-'.join(by) or 'all'}"][1:]  # after the header row
        assert len(rows) == len(expected)
        for row, want in zip(rows, expected, strict=True):
            for key in (*by, "layer"):
                assert row["attrs"][f"data-{key.replace('_', '-')}"] == want[key]
            cells = [_text(c) for c in row["cells"]]
            assert cells == [
                f"{want['households']:,}",
                f"{want['people']:,}",
                d.percent_text(want["share_per_mille"]),
                _money(want["monthly_fen"]),
                f"{want['newly_found']:,}",
            ]
            assert [c[0]["data-value"] for c in row["cells"]] == [
                str(want[name]) for name in columns
            ]
    for by in d.GROUPINGS[:3]:
        expected = change.table(by).to_pylist()
        rows = dom.tables[f"change-{'-'.join(by) or 'all'}"][1:]
        assert [[int(c[0]["data-value"]) for c in row["cells"]] for row in rows] == [
            [
                want[f"{name}_{when}"]
                for name in ("households", "people", "monthly_fen")
                for when in ("before", "after", "change")
            ]
            for want in expected
        ]
    moves = {
        (r["layer_before"], r["layer_after"]): r["households"]
        for r in change.transitions().to_pylist()
    }
    for row in dom.tables["table-transitions"][1:]:
        for cell in row["cells"]:
            key = (row["attrs"]["data-layer-before"], cell[0]["data-layer-after"])
            assert _text(cell) == f"{moves[key]:,}"

    # Each chart: one bar per group, lengths proportional to the values.
    charted = [name for name in dom.charts if name.startswith("chart-")]
    assert "chart-people-jurisdiction-dibao" in charted
    assert "chart-monthly_fen-registration_kind-dibao" in charted
    for name in charted:
        bars = dom.charts[name]
        values = [int(b["data-value"]) for b in bars]
        if name.startswith("chart-change-"):
            groups = (
                list(d.LAYERS)
                if name.endswith("layer")
                else [g[0] for g in dist.groups(("jurisdiction",))]
            )
            longest = Fraction(BAR_LENGTH, 2)
        else:
            by = ("jurisdiction",) if "-jurisdiction-" in name else ("registration_kind",)
            groups = [g[0] for g in dist.groups(by)]
            longest = Fraction(BAR_LENGTH)
        assert [b["data-group"] for b in bars] == groups, name
        largest = max(abs(v) for v in values)
        for bar, value in zip(bars, values, strict=True):
            width = Fraction(bar["width"])
            assert abs(width - abs(value) * longest / largest) <= Fraction(1, 200), name
            assert ("negative" in bar["class"]) == (value < 0)


def test_the_proxy_would_see_a_page_that_calls_out(tmp_path: Path) -> None:
    """The control: a page with an image on the web makes a request the proxy records."""
    page = tmp_path / "control.html"
    page.write_text(
        '<!DOCTYPE html><html><body><img src="http://civaffairs-probe.example/x.png"></body></html>',
        encoding="utf-8",
    )
    _, hosts = _open(page, tmp_path / "home")
    assert "civaffairs-probe.example" in hosts
