"""The built-HTML checker (docs/_ext/check_docs.py) over two small sites under docs_html/.

``good/`` is what the docs should look like (real defaults, a base that is not
``object``, links to pages, anchors, directories, files and outside sites);
``bad/`` holds one of each problem the checker must name, with its page and element.
"""

from __future__ import annotations

from pathlib import Path

import check_docs
import pytest

SITES = Path(__file__).parent / "docs_html"


@pytest.fixture(scope="module")
def good() -> check_docs.Site:
    return check_docs.Site.read(SITES / "good")


@pytest.fixture(scope="module")
def bad() -> check_docs.Site:
    return check_docs.Site.read(SITES / "bad")


def test_a_clean_site_has_no_problem(good: check_docs.Site) -> None:
    assert sorted(good.pages) == ["index.html", "reference/core.html", "reference/index.html"]
    assert check_docs.run(good) == []


def test_attrs_internals_in_signatures_are_named_with_their_element(
    bad: check_docs.Site,
) -> None:
    found = list(check_docs.attrs_internals(bad))
    assert [(p.page, p.element.split(" ")[0]) for p in found] == [
        ("reference/core.html", "dt#civaffairs.entities.Member"),
        ("reference/core.html", "dt#civaffairs.assistance.children.ChildApplication"),
        ("reference/core.html", "dt#civaffairs.Counting"),
    ]
    assert "['attr_dict']" in found[0].message
    assert "lives_together: bool | None = attr_dict['lives_together'].default" in found[0].message
    assert "['Factory(', 'NOTHING']" in found[1].message
    assert "['_CountingAttr']" in found[2].message


def test_broken_links_name_the_missing_page_or_anchor(bad: check_docs.Site) -> None:
    found = {(p.page, p.element.split(" ")[0], p.message) for p in check_docs.links(bad)}
    assert found == {
        ("index.html", 'a[href="reference/gone.html"]', "no such file: reference/gone.html"),
        (
            "index.html",
            'a[href="reference/core.html#civaffairs.entities.Nowhere"]',
            "reference/core.html has no anchor #civaffairs.entities.Nowhere",
        ),
        ("index.html", 'a[href="#top"]', "index.html has no anchor #top"),
        ("index.html", 'a[href="../outside.html"]', "no such file: outside the site"),
    }


def test_bases_object_and_empty_bases_are_found(bad: check_docs.Site) -> None:
    found = [(p.page, p.message) for p in check_docs.bases_object(bad)]
    assert found == [
        ("reference/core.html", "says 'Bases: object': every class derives from object"),
        ("reference/core.html", "names no base"),
        ("reference/core.html", "says 'Bases: Labelled, object': every class derives from object"),
    ]


def test_elements_keep_document_order_text_and_lines() -> None:
    page = check_docs.parse_page(
        "p.html",
        '<div id="d">\n<p>one <b>two</b></p><br><img src="x"/>\n<a name="n">three</a></div></span>',
    )
    assert [(e.tag, e.text, e.line) for e in page.elements] == [
        ("div", "one two three", 1),
        ("p", "one two", 2),
        ("b", "two", 2),
        ("br", "", 2),
        ("img", "", 2),
        ("a", "three", 3),
    ]
    assert page.anchors == {"d", "n"}
    assert page.elements[5].describe() == "a (line 3)"


def test_a_comment_read_as_a_type_is_found(bad: check_docs.Site) -> None:
    """napoleon read ``细则 art. 5: "…"`` (a member's comment) as "Type: 细则 art. 5"."""
    found = [(p.page, p.element.split(" ")[0], p.check) for p in check_docs.inline_type(bad)]
    assert found == [("reference/core.html", "dt", "inline-type")]


def test_the_command_line_reports_every_problem_and_fails(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert check_docs.main([str(SITES / "bad")]) == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 3 + 4 + 3 + 1 + 1
    assert out[-1].endswith("(attrs-internals: 3, links: 4, bases-object: 3, inline-type: 1)")
    assert out[0].startswith('index.html: a[href="reference/gone.html"] (line 3): no such file')
    assert out[4].startswith("reference/core.html: dt#civaffairs.entities.Member (line 4): ")
    assert check_docs.main([str(SITES / "good")]) == 0
    assert check_docs.main([str(SITES / "bad"), "--only", "links"]) == 1
    assert capsys.readouterr().out.splitlines()[-1].endswith("(links: 4)")


def test_the_command_line_takes_more_checks(capsys: pytest.CaptureFixture[str]) -> None:
    def no_pages_named_core(site: check_docs.Site) -> list[check_docs.Problem]:
        return [
            check_docs.Problem(name, "html", "names", "a page named core")
            for name in site.pages
            if name.endswith("core.html")
        ]

    checks = {"names": no_pages_named_core}
    assert check_docs.main([str(SITES / "good")], checks=checks) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "reference/core.html: html: a page named core [names]",
        f"1 problem(s) in {SITES / 'good'} (names: 1)",
    ]


def test_a_directory_without_a_built_site_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_:
        check_docs.main([str(tmp_path)])
    assert exit_.value.code == 2
