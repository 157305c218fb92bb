r"""Check the built HTML documentation for what a reader should never meet.

Run it over the output of the html builder::

    python docs/_ext/check_docs.py docs/_build/html

Every problem is reported — the page, the element and what is wrong — and the
exit status is 1 if there is any.  The checks (:data:`CHECKS`):

``attrs-internals``
    a signature (``<dt class="sig …">``) that shows attrs' machinery instead of
    a default: ``attr_dict``, ``_CountingAttr``, ``NOTHING``, ``Factory(``;
``links``
    an ``href`` to a page or file of the site that does not exist, or to an
    anchor (``#id``) the page does not have;
``bases-object``
    a "Bases:" line naming ``object`` (or naming nothing);
``inline-type``
    a "Type:" field: a member's comment that napoleon cut into a type.

A check is a function from a :class:`Site` to the :class:`Problem`\ s it finds;
a script with more checks (one that needs a browser, say) passes its own to
:func:`main`::

    import check_docs

    def too_wide(site: check_docs.Site) -> Iterator[check_docs.Problem]: ...

    sys.exit(check_docs.main(checks={**check_docs.CHECKS, "widths": too_wide}))

The HTML is read with the standard library's parser: no browser, no Sphinx.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import attrs

__all__ = [
    "CHECKS",
    "Check",
    "Element",
    "Page",
    "Problem",
    "Site",
    "attrs_internals",
    "bases_object",
    "inline_type",
    "links",
    "main",
    "parse_page",
    "run",
]


@attrs.frozen
class Problem:
    """One thing wrong: the page (relative to the site root), the element, the check, what.

    >>> print(Problem("a.html", 'a[href="b.html"] (line 3)', "links", "no page b.html"))
    a.html: a[href="b.html"] (line 3): no page b.html [links]

    .. versionadded:: 0.1.0
    """

    page: str
    element: str
    check: str
    message: str

    def __str__(self) -> str:
        return f"{self.page}: {self.element}: {self.message} [{self.check}]"


@attrs.frozen
class Element:
    """An element of a page: its tag, attributes, text content and line.

    .. versionadded:: 0.1.0
    """

    tag: str
    attributes: Mapping[str, str]
    text: str
    line: int

    @property
    def classes(self) -> frozenset[str]:
        """The element's classes."""
        return frozenset(self.attributes.get("class", "").split())

    def describe(self) -> str:
        """Name the element for a report: ``dt#id``, ``a[href="…"]``, ``p``; and its line."""
        if "id" in self.attributes:
            name = f"{self.tag}#{self.attributes['id']}"
        elif "href" in self.attributes:
            name = f'{self.tag}[href="{self.attributes["href"]}"]'
        else:
            name = self.tag
        return f"{name} (line {self.line})"


@attrs.frozen
class Page:
    """A parsed HTML page: its path below the site root, its elements and its anchors.

    .. versionadded:: 0.1.0
    """

    path: str
    elements: tuple[Element, ...]
    anchors: frozenset[str]


# Elements without an end tag: never on the stack of open elements.
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


class _Parser(HTMLParser):
    """Collect every element with its text content (the text of all its descendants)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        # open elements: start order, tag, attributes, line, text pieces
        self.open: list[tuple[int, str, dict[str, str], int, list[str]]] = []
        self.done: list[tuple[int, Element]] = []
        self.started = 0

    def handle_starttag(self, tag: str, attrs_: list[tuple[str, str | None]]) -> None:
        text: list[str] = []
        opened = (self.started, tag, {k: v or "" for k, v in attrs_}, self.getpos()[0], text)
        self.started += 1
        if tag in _VOID:
            self._close(*opened)
        else:
            self.open.append(opened)

    def handle_startendtag(self, tag: str, attrs_: list[tuple[str, str | None]]) -> None:
        self._close(self.started, tag, {k: v or "" for k, v in attrs_}, self.getpos()[0], [])
        self.started += 1

    def handle_endtag(self, tag: str) -> None:
        if all(opened[1] != tag for opened in self.open):
            return  # a stray end tag
        while self.open:
            opened = self.open.pop()
            self._close(*opened)
            if opened[1] == tag:
                break

    def handle_data(self, data: str) -> None:
        for opened in self.open:
            opened[4].append(data)

    def _close(
        self, order: int, tag: str, attributes: dict[str, str], line: int, text: list[str]
    ) -> None:
        self.done.append((order, Element(tag, attributes, " ".join("".join(text).split()), line)))

    def elements(self) -> tuple[Element, ...]:
        """Return every element, in document order of their start tags."""
        while self.open:
            self._close(*self.open.pop())
        return tuple(element for _, element in sorted(self.done, key=lambda item: item[0]))


def parse_page(path: str, html: str) -> Page:
    """Parse one page's HTML.

    >>> page = parse_page("x.html", '<p id="a">Bases: <code>object</code></p>')
    >>> page.elements[0].text, sorted(page.anchors)
    ('Bases: object', ['a'])

    .. versionadded:: 0.1.0
    """
    parser = _Parser()
    parser.feed(html)
    parser.close()
    elements = parser.elements()
    anchors = frozenset(
        element.attributes[key]
        for element in elements
        for key in ("id", "name")
        if key in element.attributes and (key == "id" or element.tag == "a")
    )
    return Page(path, elements, anchors)


@attrs.frozen
class Site:
    """A built site: its pages by path, and every file path in it (POSIX, relative to the root).

    .. versionadded:: 0.1.0
    """

    pages: Mapping[str, Page]
    files: frozenset[str]

    @classmethod
    def read(cls, root: Path) -> Site:
        """Read every ``.html`` file under ``root``."""
        files = frozenset(
            path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()
        )
        pages = {
            name: parse_page(name, (root / name).read_text(encoding="utf-8"))
            for name in sorted(files)
            if name.endswith(".html")
        }
        return cls(pages, files)


#: A check: the problems it finds in a site.
Check = Callable[[Site], Iterable[Problem]]

_INTERNALS = re.compile(r"attr_dict|_CountingAttr|\bNOTHING\b|Factory\(")


def attrs_internals(site: Site) -> Iterator[Problem]:
    """Find signatures showing attrs' machinery (``attr_dict[...]``, ``NOTHING``, ...).

    .. versionadded:: 0.1.0
    """
    for page in site.pages.values():
        for element in page.elements:
            if element.tag == "dt" and "sig" in element.classes:
                found = sorted(set(_INTERNALS.findall(element.text)))
                if found:
                    yield Problem(
                        page.path,
                        element.describe(),
                        "attrs-internals",
                        f"the signature shows attrs internals {found}: {element.text[:160]}",
                    )


_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def _target(page: str, href: str) -> tuple[str, str] | None:
    """Return the file and fragment a local ``href`` of ``page`` points to; ``None`` if external.

    The file is ``""`` when the link leaves the site's root.
    """
    if _SCHEME.match(href) or href.startswith("//"):
        return None
    parts = urlsplit(href)
    fragment = unquote(parts.fragment)
    if not parts.path:
        return page, fragment
    joined = PurePosixPath(page).parent / unquote(parts.path)
    resolved: list[str] = []
    for part in joined.parts:
        if part == "..":
            if not resolved:
                return "", fragment
            resolved.pop()
        elif part != ".":
            resolved.append(part)
    name = "/".join(resolved)
    if parts.path.endswith("/") or not name:
        name = f"{name}/index.html".lstrip("/")
    return name, fragment


def links(site: Site) -> Iterator[Problem]:
    """Find links to a missing page or file of the site, or to an anchor its page lacks.

    .. versionadded:: 0.1.0
    """
    for page in site.pages.values():
        for element in page.elements:
            href = element.attributes.get("href")
            if href is None:
                continue
            target = _target(page.path, href)
            if target is None:
                continue
            name, fragment = target
            if name not in site.files:
                where = name or "outside the site"
                yield Problem(page.path, element.describe(), "links", f"no such file: {where}")
            elif fragment and name in site.pages and fragment not in site.pages[name].anchors:
                yield Problem(
                    page.path,
                    element.describe(),
                    "links",
                    f"{name} has no anchor #{fragment}",
                )


def bases_object(site: Site) -> Iterator[Problem]:
    """Find "Bases:" lines that name ``object``, or nothing.

    .. versionadded:: 0.1.0
    """
    for page in site.pages.values():
        for element in page.elements:
            if element.tag != "p" or not element.text.startswith("Bases:"):
                continue
            bases = [base.strip() for base in element.text[len("Bases:") :].split(",")]
            if "object" in bases:
                message = f"says {element.text!r}: every class derives from object"
            elif bases == [""]:
                message = "names no base"
            else:
                continue
            yield Problem(page.path, element.describe(), "bases-object", message)


def inline_type(site: Site) -> Iterator[Problem]:
    """Find "Type:" fields: a member's comment read as its type (``细则 art. 5: "…"``).

    napoleon reads an attribute's first line ``X: Y`` as "of type X"; types here
    are annotations, shown in the signature, so a "Type" field is always a
    comment cut in two.

    .. versionadded:: 0.1.0
    """
    for page in site.pages.values():
        for element in page.elements:
            if element.tag == "dt" and element.text == "Type:" and element.classes & _FIELDS:
                yield Problem(
                    page.path, element.describe(), "inline-type", "a comment read as a type"
                )


_FIELDS = frozenset({"field-odd", "field-even"})

#: The checks, by name.
CHECKS: Mapping[str, Check] = {
    "attrs-internals": attrs_internals,
    "links": links,
    "bases-object": bases_object,
    "inline-type": inline_type,
}


def run(site: Site, checks: Mapping[str, Check] = CHECKS) -> list[Problem]:
    """Return every problem the ``checks`` find in ``site``, page by page.

    .. versionadded:: 0.1.0
    """
    problems = [problem for check in checks.values() for problem in check(site)]
    return sorted(problems, key=lambda p: (p.page, p.check))


def main(argv: Sequence[str] | None = None, checks: Mapping[str, Check] = CHECKS) -> int:
    """Check a built site; print every problem and a count per check; return the exit status.

    .. versionadded:: 0.1.0
    """
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("root", type=Path, help="the html builder's output directory")
    parser.add_argument(
        "--only",
        action="append",
        choices=sorted(checks),
        help="run this check only (repeatable); all by default",
    )
    options = parser.parse_args(argv)
    root: Path = options.root
    if not (root / "index.html").is_file():
        parser.error(f"{root} holds no index.html: build the html first")
    chosen = {name: checks[name] for name in options.only or checks}
    problems = run(Site.read(root), chosen)
    out = sys.stdout
    for problem in problems:
        out.write(f"{problem}\n")
    counts = Counter(problem.check for problem in problems)
    summary = ", ".join(f"{name}: {counts[name]}" for name in chosen)
    out.write(f"{len(problems)} problem(s) in {root} ({summary})\n")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
