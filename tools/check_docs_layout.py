"""Measure the built HTML documentation in a headless browser: page heights and overflow.

Usage::

    python tools/check_docs_layout.py BUILD_DIR [PAGE.html ...] [--width 1400 --width 390]

For each page (default: every ``*.html`` under ``BUILD_DIR`` except search and
genindex) and each window width, headless Chromium loads the page with a small
script added that measures, once the fonts are loaded, the page height
(``document.documentElement.scrollHeight``), the width of the main content,
and every table, code block and chart wider than that content (a table that
scrolls inside its wrapper counts: its right edge is out of sight).  The
script writes its findings into the page, which ``--dump-dom`` prints.

It prints one line per page and width, then every overflowing element, and
exits 1 when anything overflows (0 otherwise), so it can gate a build.  It is
an optional check, not run in CI: it needs Chromium (Debian:
``apt-get install chromium fonts-noto-cjk``; CJK fonts matter, they set the
width of Chinese columns) and takes about a second per page and width.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Sequence
from pathlib import Path

#: Added before ``</body>``: measures once the fonts are in, then writes a <pre> the DOM dump shows.
_PROBE = """
<script>
(async () => {
  const out = document.createElement("pre");
  out.id = "civaffairs-layout";
  try {
  await document.fonts.ready;
  const content = document.querySelector("article[role=main]") || document.body;
  const box = content.getBoundingClientRect();
  // furo pads a table's scrolling wrapper by 0.2rem: allow for it.
  const limit = box.right + 4;
  const name = (el) => {
    const head = el.closest("section")?.querySelector("h1, h2, h3, h4");
    return (head ? head.textContent.replace(/[#¶]/g, "").trim() : "") +
      " :: " + el.textContent.trim().replace(/\\s+/g, " ").slice(0, 60);
  };
  const wide = [];
  for (const el of content.querySelectorAll("table, pre, svg, figure")) {
    if (el.closest("table") && el.tagName !== "TABLE") continue;
    const rect = el.getBoundingClientRect();
    const frame = el.closest(".table-wrapper") || el;
    const overflow = Math.max(rect.right - limit, frame.scrollWidth - frame.clientWidth - 1);
    if (overflow > 0) {
      wide.push({kind: el.tagName.toLowerCase(), width: Math.round(rect.width),
                 right: Math.round(rect.right - box.right),
                 scroll: el.scrollWidth, where: name(el)});
    }
  }
  out.textContent = JSON.stringify({
    viewport: window.innerWidth,
    height: document.documentElement.scrollHeight,
    content: Math.round(box.width),
    tables: content.querySelectorAll("table").length,
    wide,
  });
  } catch (error) {
    out.textContent = JSON.stringify({error: String(error)});
  }
  if (window.parent !== window) window.parent.postMessage(out.textContent, "*");
  else document.body.appendChild(out);
})();
</script>
"""

#: The page the browser opens: the probed page in a frame of the width asked for (a headless
#: window cannot be narrower than 500 px, a frame can), and the frame's findings written out.
_FRAME = """<!DOCTYPE html><html><head><meta charset="utf-8"></head>
<body style="margin:0"><iframe src="{page}" style="border:0;width:{width}px;height:900px"></iframe>
<script>
window.addEventListener("message", (event) => {{
  const out = document.createElement("pre");
  out.id = "civaffairs-layout";
  out.textContent = event.data;
  document.body.appendChild(out);
}});
</script></body></html>
"""

_RESULT = re.compile(r'<pre id="civaffairs-layout">(.*?)</pre>', re.DOTALL)

_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
    "--virtual-time-budget=10000",
)


def _browser() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise SystemExit("check_docs_layout: no chromium on PATH (apt-get install chromium)")


def measure(page: Path, width: int, browser: str) -> dict[str, object]:
    """Load ``page`` at ``width`` pixels and return the probe's findings."""
    name = f".layout-{uuid.uuid4().hex}"
    probe, frame = page.with_name(f"{name}-page.html"), page.with_name(f"{name}.html")
    text = page.read_text(encoding="utf-8")
    probe.write_text(text.replace("</body>", _PROBE + "</body>", 1), encoding="utf-8")
    frame.write_text(_FRAME.format(page=probe.name, width=width), encoding="utf-8")
    try:
        with tempfile.TemporaryDirectory() as profile:
            done = subprocess.run(  # noqa: S603 - a fixed browser and our own file
                [
                    browser,
                    *_FLAGS,
                    f"--user-data-dir={profile}",
                    f"--window-size={max(width + 40, 600)},1000",
                    "--dump-dom",
                    frame.as_uri(),
                ],
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
    finally:
        probe.unlink()
        frame.unlink()
    found = _RESULT.search(done.stdout)
    if found is None:
        return {"error": f"no measurement (exit {done.returncode}): {done.stderr[-300:]}"}
    result: dict[str, object] = json.loads(found.group(1).replace("&amp;", "&"))
    return result


def main(argv: Sequence[str] | None = None) -> int:
    """Measure the pages; print heights and overflow; return 1 when anything overflows."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("build", type=Path, help="the html build directory")
    parser.add_argument("pages", nargs="*", help="pages relative to BUILD (default: all)")
    parser.add_argument("--width", type=int, action="append", help="window widths (1400, 390)")
    args = parser.parse_args(argv)
    widths = args.width or [1400, 390]
    browser = _browser()
    pages = [args.build / p for p in args.pages] or sorted(
        p
        for p in args.build.rglob("*.html")
        if not p.name.startswith((".", "_"))
        and p.name not in {"search.html", "genindex.html", "py-modindex.html"}
        and "_static" not in p.parts
    )
    failed = False
    for page in pages:
        for width in widths:
            found = measure(page, width, browser)
            where = page.relative_to(args.build)
            if "error" in found:
                print(f"{where} @{width}px: {found['error']}")  # noqa: T201 - a report
                failed = True
                continue
            wide = found["wide"]
            assert isinstance(wide, list)  # noqa: S101 - the probe's own JSON
            print(  # noqa: T201 - a report
                f"{where} @{width}px: height {found['height']} px, content {found['content']} px,"
                f" {found['tables']} tables, {len(wide)} too wide"
            )
            for item in wide:
                print(  # noqa: T201 - a report
                    f"    {item['kind']} {item['width']} px (scroll {item['scroll']}): "
                    f"{item['where']}"
                )
            failed = failed or bool(wide)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
