"""The documentation's page structure: the landing page, the how-to groups, the tutorial.

The how-to pages keep their file names (the registry's ``docs`` paths point at them); the
how-to index groups them by area, and every page must be in exactly one group.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from civaffairs import registry

DOCS = Path(__file__).parents[2] / "docs"
TOCTREE = re.compile(r"^```\{toctree\}\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def toctrees(page: Path) -> list[list[str]]:
    """Return the entries of each toctree of ``page`` (options and blank lines left out)."""
    return [
        [line.strip() for line in body.splitlines() if line.strip() and not line.startswith(":")]
        for body in TOCTREE.findall(page.read_text(encoding="utf-8"))
    ]


def test_every_howto_is_in_exactly_one_group() -> None:
    groups = toctrees(DOCS / "howto" / "index.md")
    assert len(groups) >= 7  # assistance, eldercare, funeral, family, targets, screening, extending
    listed = Counter(entry for group in groups for entry in group)
    pages = {page.stem for page in (DOCS / "howto").glob("*.md") if page.stem != "index"}
    assert {name for name, count in listed.items() if count > 1} == set()
    assert set(listed) == pages


def test_every_programmes_howto_is_grouped_under_its_area() -> None:
    text = (DOCS / "howto" / "index.md").read_text(encoding="utf-8")
    sections = re.split(r"^## ", text, flags=re.MULTILINE)[1:]
    titles = {
        "assistance": "Social assistance",
        "eldercare": "Eldercare",
        "funeral": "Funeral",
        "family": "Family",
    }
    for entry in registry.ENTRIES:
        section = next(s for s in sections if s.startswith(titles[entry.area]))
        assert f"\n{entry.docs.removeprefix('howto/')}\n" in section, entry.code


def test_the_landing_page_lists_its_contents_at_depth_one() -> None:
    text = (DOCS / "index.md").read_text(encoding="utf-8")
    assert ":maxdepth: 1" in text
    assert ":glob:" not in text
    assert toctrees(DOCS / "index.md") == [
        ["tutorial/getting-started", "howto/index", "explanation/index", "reference/index"]
    ]
    assert "```{civaffairs-generate} coverage\n```" in text  # the example share, counted
    assert "pip install civaffairs\n" not in text


def test_the_landing_page_names_the_extras_as_pyproject_declares_them() -> None:
    """The install line's extras are real ones, and the user-facing ones are all named."""
    import tomllib  # noqa: PLC0415 - only here

    declared = tomllib.loads((DOCS.parent / "pyproject.toml").read_text(encoding="utf-8"))
    extras = set(declared["project"]["optional-dependencies"])
    text = (DOCS / "index.md").read_text(encoding="utf-8")
    named = {e for group in re.findall(r"-e '\.\[([\w,]+)\]'", text) for e in group.split(",")}
    assert named <= extras
    for extra in ("batch", "serve", "testkit"):
        assert extra in named, extra
        assert f"(`{extra}`" in text, extra  # and says what it adds


def test_no_page_says_to_install_from_a_package_index() -> None:
    """civaffairs is installed from a clone: no page may say ``pip install civaffairs``."""
    for page in DOCS.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"pip install \"?civaffairs", text), page


def test_the_case_files_in_the_policy_case_howto_pass() -> None:
    """Every ``[[case]]`` TOML block of write-policy-cases.md is complete and decides as stated."""
    from civaffairs.testing.cases import parse_cases, run_case  # noqa: PLC0415 - the test kit

    text = (DOCS / "howto" / "write-policy-cases.md").read_text(encoding="utf-8")
    blocks = [b for b in re.findall(r"```toml\n(.*?)```", text, re.DOTALL) if "[[case]]" in b]
    assert len(blocks) >= 3
    for index, block in enumerate(blocks):
        header = "" if "programme =" in block else 'programme = "assistance.dibao"\n'
        for case in parse_cases(header + block, f"block-{index}.cases.toml"):
            result = run_case(case)
            assert result.passed, result.report()
