"""Generated documentation: parameter tables, reason codes, glossary and charts.

This is the Sphinx extension of the civaffairs documentation (``docs/conf.py``
lists ``civaffairs_docs``); it is docs tooling, kept beside the docs and out of
the runtime package.  A page asks for generated content with a marker
block on a line of its own::

    ```{civaffairs-generate} parameters
    ```

and the extension replaces the marker, when Sphinx reads the page, with
Markdown built from the registries and the data — the parameter book, the
programme registry and its reason codes, ``docs/glossary.toml`` — so that a new
programme, parameter, jurisdiction or reason code appears in the documentation
without anyone listing it.  Charts are SVG written here (no plotting
library), deterministic, embedded in the HTML.

The generators are plain functions returning Markdown text, so tests can call
them without Sphinx; nothing here imports Sphinx until :func:`setup` runs.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import html
import importlib
import importlib.resources
import math
import re
import tomllib
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from civaffairs import jurisdictions, registry
from civaffairs.assistance import dibao
from civaffairs.decisions import ReasonCode, programmes, reason_codes
from civaffairs.entities import (
    Household,
    Income,
    IncomeType,
    Member,
    Person,
    Registration,
    RegistrationKind,
    Relationship,
)
from civaffairs.identity import Sex
from civaffairs.labels import Labelled
from civaffairs.money import format_yuan
from civaffairs.parameters import Kind, ParameterValue, Status, default_book

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

__all__ = [
    "GENERATORS",
    "GLOSSARY_CLASS",
    "Term",
    "code_kind",
    "code_link",
    "glossary_problems",
    "load_glossary",
    "setup",
]

MARKER = re.compile(
    r"^```\{civaffairs-generate\}[ \t]+([\w-]+)(?:[ \t]+(\w+))?[ \t]*\n```[ \t]*$", re.MULTILINE
)

# -- Markdown helpers --------------------------------------------------------------------------

_ASCII_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def md(text: str) -> str:
    r"""Escape ``text`` for MyST Markdown: every ASCII punctuation character gets a backslash.

    >>> print(md("《办法》(第9号) *not emphasis*"))
    《办法》\(第9号\) \*not emphasis\*

    .. versionadded:: 0.1.0
    """
    return _ASCII_PUNCTUATION.sub(r"\\\1", re.sub(r"\s+", " ", text))


def code(text: str) -> str:
    """Return ``text`` as an inline code span, fenced with enough backticks.

    .. versionadded:: 0.1.0
    """
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{' '.join(text.split())}{pad}{fence}"


def template(text: str) -> str:
    """Show a message template: the text escaped, each ``{field}`` as code.

    .. versionadded:: 0.1.0
    """
    return "".join(
        code(part) if part.startswith("{") else md(part)
        for part in re.split(r"(\{[^{}]*\})", text)
        if part
    )


def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """Return a Markdown table; cells are already Markdown (``|`` escaped by :func:`md`)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return "\n".join(lines)


def _place(code_: str) -> str:
    """Name a jurisdiction: ``重庆市 (500000)``."""
    try:
        return f"{jurisdictions.get(code_).name} ({code_})"
    except LookupError:
        return code_


# -- programmes and reason codes ---------------------------------------------------------------


def _owner(reason: str) -> tuple[str, str, str | None]:
    """Return the group of a reason code: key, title and module, read from the registry.

    A code belongs to the programme whose code prefixes it (the longest); a
    code shared by the programmes of one module (the two disability
    subsidies' registration, say) to that module; any other code to its first
    component (the batch face's own codes).
    """
    owner = registry.owner(reason)
    if owner is not None:
        return owner.code, f"{owner.zh} · {owner.en}", owner.module
    for entry in registry.ENTRIES:
        if f"civaffairs.{reason}".startswith(entry.module + "."):
            return entry.module, f"Shared by {entry.module}", entry.module
    key = reason.split(".", 1)[0]
    return key, f"Other codes: {key}", None


@attrs.frozen
class _Group:
    """Reason codes shown together: one programme's, or a module's shared ones."""

    key: str
    title: str
    module: str | None
    codes: tuple[ReasonCode, ...]


def reason_code_groups() -> list[_Group]:
    """Group every declared reason code by the programme whose rule emits it.

    The registry decides: a code's prefix is its programme's code (one name
    per programme), so no module is searched to find out who declares it.

    .. versionadded:: 0.1.0
    """
    groups: dict[str, tuple[str, str | None, list[ReasonCode]]] = {}
    for entry in reason_codes().values():
        key, title, module = _owner(entry.code)
        groups.setdefault(key, (title, module, []))[2].append(entry)
    return [
        _Group(key, title, module, tuple(codes))
        for key, (title, module, codes) in sorted(groups.items())
    ]


def programmes_markdown(_srcdir: Path) -> str:
    """Return a table of every registered programme: code, names, module and docs page.

    .. versionadded:: 0.1.0
    """
    rows = [
        (
            code(entry.code),
            md(entry.zh),
            md(entry.en),
            f"{{py:mod}}`{entry.module}`",
            f"{{doc}}`/{entry.docs}`",
        )
        for entry in registry.ENTRIES
    ]
    return _table(("Code", "中文", "English", "Module", "How-to"), rows)


def reason_codes_markdown(_srcdir: Path) -> str:
    """Return every reason code, grouped by programme, with its zh and en templates and basis.

    .. versionadded:: 0.1.0
    """
    parts = []
    for group in reason_code_groups():
        parts.append(f"## {md(group.title)}\n")
        about = [f"Programme {code(group.key)}"] if group.key in programmes() else []
        if group.module:
            about.append(f"module {{py:mod}}`{group.module}`")
        count = len(group.codes)
        about.append(f"{count} reason code{'s' * (count != 1)}")
        parts.append(", ".join(about) + ".\n")
        parts.extend(
            f"{code(entry.code)}\n"
            f": zh: {template(entry.zh)}\n"
            f": en: {template(entry.en)}\n"
            f": basis: {md(entry.citation.cite())}\n"
            for entry in group.codes
        )
    return "\n".join(parts)


# -- parameters --------------------------------------------------------------------------------

#: Where the per-jurisdiction parameter pages are written, under the docs source directory.
PARAMETER_PAGES = Path("reference") / "parameters"


def _shown_value(value: ParameterValue) -> str:
    raw = value.value
    if isinstance(raw, bool):
        return "yes" if raw else "no"
    if isinstance(raw, Decimal) and value.unit.startswith("CNY"):
        return format_yuan(raw)
    return str(raw)


def value_with_unit(value: ParameterValue) -> str:
    """Show a value with its unit and period: ``1,000 元 per person per year``, ``36 months``.

    Money shows yuan and what the amount is counted per (``per person per month``,
    ``per person per year``, ``per case``); a yes/no switch shows ``yes`` or ``no``.

    .. versionadded:: 0.1.0
    """
    shown = _shown_value(value)
    if isinstance(value.value, bool) or value.unit in {"yes/no", ""}:
        return shown
    unit = value.unit.removeprefix("CNY").strip()
    first, _, rest = unit.partition(" ")
    if shown == "1" and first in _SINGULAR:
        unit = f"{_SINGULAR[first]} {rest}".strip()
    return f"{shown} {unit}" if unit else shown


#: A unit's counted noun for a value of exactly 1: ``1 child``, not ``1 children``.
_SINGULAR = {
    "children": "child",
    "days": "day",
    "generations": "generation",
    "months": "month",
    "years": "year",
    "bands": "band",
    "tiers": "tier",
}


def _provenance(value: ParameterValue) -> str:
    parts = []
    if value.status is Status.EXAMPLE:
        parts.append("**⚠ EXAMPLE DATA, not law**")
    if value.source is not None:
        cite, url = md(value.source.cite()), value.source.url
        if url and re.fullmatch(r"https?://\S+", url):
            parts.append(f"[{cite}]({url})")
        else:
            parts.append(cite + (f" {md(f'[{url}]')}" if url else ""))
    if value.article:
        parts.append(md(value.article))
    if value.note:
        # A long note folds away in the HTML: the warning and the source stay in view.
        parts.append(f"<details><summary>note</summary>{md(value.note)}</details>")
    return " ".join(parts) or "no source"


def _area(name: str) -> str:
    """Return the code of the programme a parameter belongs to, else its module's name."""
    owner = registry.owner(name)
    return owner.code if owner is not None else ".".join(name.split(".")[:2])


#: The shared modules' parameter groups, headed like a programme's: Chinese · English.
SHARED_TITLES: Mapping[str, tuple[str, str]] = {
    "assistance.means": ("家庭经济状况", "household means"),
    "eldercare.groups": ("养老服务对象", "target groups of eldercare services"),
    "funeral.settlement": ("异地火化财政结算", "settling the waived fees of a cremation elsewhere"),
    "funeral.zones": ("火葬区和土葬改革区", "cremation and burial-reform zones"),
}


def _group_title(key: str) -> str:
    """Head a group of parameters: the programme's names from the registry, else its module's.

    A parameter outside every programme belongs to a shared module (the means
    test, the funeral zones): its heading is the module's names in
    :data:`SHARED_TITLES`, else the first clause of that module's docstring.
    """
    entry = registry.find(key)
    if entry is not None:
        return f"{md(entry.zh)} · {md(entry.en)}"
    if key in SHARED_TITLES:
        zh, en = SHARED_TITLES[key]
        return f"{md(zh)} · {md(en)}"
    try:
        doc = importlib.import_module(f"civaffairs.{key}").__doc__ or ""
    except ImportError:
        return code(key)
    summary = doc.strip().split("\n\n")[0]
    summary = re.split(r"(?<=[^(]):\s|,\s", " ".join(summary.split()), maxsplit=1)[0]
    return md(summary.rstrip(".")) or code(key)


def _group_order(key: str) -> tuple[int, str]:
    """Registry order for programmes, then shared modules by name."""
    codes = [entry.code for entry in registry.ENTRIES]
    return (codes.index(key), "") if key in codes else (len(codes), key)


def _shipped_files() -> set[str]:
    folder = importlib.resources.files("civaffairs").joinpath("books")
    return {entry.name for entry in folder.iterdir() if entry.name.endswith(".toml")}


@attrs.frozen
class Coverage:
    """How much the shipped record books hold, and how much of it is example data.

    .. versionadded:: 0.1.0
    """

    jurisdictions: int
    parameters: int
    values: int
    examples: int

    @property
    def example_share(self) -> str:
        """The share of example values, in whole per cent (rounded down, never to 0 or 100)."""
        if not self.values:
            return "0 %"
        share = 100 * self.examples // self.values
        if self.examples and share == 0:
            return "under 1 %"
        if self.examples < self.values and share == 100:
            return "over 99 %"
        return f"{share} %"


def coverage(place: str | None = None) -> Coverage:
    """Count the shipped parameter values (of one jurisdiction, or all) and the example ones.

    .. versionadded:: 0.1.0
    """
    book = default_book()
    places = [place] if place is not None else book.jurisdictions()
    keys = [(name, where) for name, where in sorted(book.keys()) if where in places]
    values = [v for name, where in keys for v in book.series(name, where)]
    return Coverage(
        jurisdictions=len(places),
        parameters=len({name for name, _ in keys}),
        values=len(values),
        examples=sum(v.status is Status.EXAMPLE for v in values),
    )


def coverage_markdown(_srcdir: Path) -> str:
    """Return what the package covers: programmes by area, record books, and the example share.

    Counted from the registry and the record books each time the documentation
    is built (the landing page shows it), so the share of example data is
    always the shipped one.

    .. versionadded:: 0.1.0
    """
    areas: dict[str, list[str]] = {}
    for entry in registry.ENTRIES:
        areas.setdefault(entry.area, []).append(entry.zh)
    counted = coverage()
    listed = "; ".join(
        f"**{area}** ({len(names)}: {md('、'.join(names))})" for area, names in areas.items()
    )
    return (
        f"{len(registry.ENTRIES)} programmes in {len(areas)} areas: {listed}.\n\n"
        f"Record books for {counted.jurisdictions} jurisdictions (national and local) hold "
        f"{counted.parameters} parameters with {counted.values} dated values.  "
        f"**{counted.examples} of the {counted.values} values ({counted.example_share}) are "
        "example data, not law**: figures no published text was found for, shipped so that "
        'the calculations run, each marked `status = "example"` with a note saying where it '
        "comes from.  Every decision that uses one says so.  The rest cite their document, "
        "number (文号) and article: see {doc}`/reference/parameters`.\n"
    )


def parameter_pages(srcdir: Path) -> list[str]:
    """Write one page stub per jurisdiction under ``reference/parameters/``; return the codes.

    A stub holds only the generate marker of its jurisdiction; the page itself
    is generated when Sphinx reads it.  Stubs of jurisdictions no longer in the
    books are removed, and a stub is only rewritten when it changes.

    .. versionadded:: 0.1.0
    """
    folder = srcdir / PARAMETER_PAGES
    folder.mkdir(parents=True, exist_ok=True)
    places = default_book().jurisdictions()
    for stale in folder.glob("*.md"):
        if stale.stem not in places:
            stale.unlink()
    for place in places:
        stub = folder / f"{place}.md"
        text = f"```{{civaffairs-generate}} parameters {place}\n```\n"
        if not stub.exists() or stub.read_text(encoding="utf-8") != text:
            stub.write_text(text, encoding="utf-8")
    return places


def parameters_markdown(_srcdir: Path) -> str:
    """Return the table of jurisdictions: their values, the example share, and their page.

    .. versionadded:: 0.1.0
    """
    files = _shipped_files()
    rows = []
    for place in default_book().jurisdictions():
        counted = coverage(place)
        file = f"{place}.toml"
        rows.append(
            (
                f"[{md(_place(place))}](parameters/{place}.md)",
                str(counted.parameters),
                str(counted.values),
                f"{counted.examples} ({counted.example_share})",
                code(f"civaffairs/books/{file}") if file in files else "",
            )
        )
    table = _table(("Jurisdiction", "Parameters", "Values", "Example values", "Record book"), rows)
    return (
        _wrapped(table, "civaffairs-jurisdictions")
        + "\n```{toctree}\n:hidden:\n:glob:\n\nparameters/*\n```\n"
    )


def _breakable_code(name: str) -> str:
    """Show a dotted name in code as inline HTML that breaks only after a dot or underscore."""
    parts = re.split(r"(?<=[._])", name)
    inner = "<wbr>".join(html.escape(part) for part in parts)
    return f'<code class="docutils literal notranslate civaffairs-name">{inner}</code>'


def _wrapped(table: str, kind: str) -> str:
    """Put a table in a container whose classes the stylesheet sizes its columns by."""
    return f":::{{container}} civaffairs-table {kind}\n{table}\n:::\n"


def parameter_page_markdown(place: str) -> str:
    """Return the page of one jurisdiction: a table per programme, a row per dated value.

    Each row shows the parameter (Chinese and English name, its name in code),
    the value with its unit and period, the dates it is in force from and to,
    and its source — or, for example data, the warning and the note.

    .. versionadded:: 0.1.0
    """
    book = default_book()
    names = [name for name, where in sorted(book.keys()) if where == place]
    counted = coverage(place)
    file = f"{place}.toml"
    origin = f"`civaffairs/books/{file}`" if file in _shipped_files() else "the shipped data"
    below = "every division" if place == jurisdictions.NATIONAL else "the divisions under it"
    parts = [
        f"# Parameters of {md(_place(place))}\n",
        (
            f"{counted.parameters} parameters, {counted.values} dated values, from {origin}; "
            f"they apply here and in {below} unless a lower level sets its own.\n"
        ),
    ]
    if counted.examples:
        parts.append(
            f":::{{warning}}\n{counted.examples} of these {counted.values} values "
            f"({counted.example_share}) are **example data**, not law: each says where it comes "
            "from.  Decisions that use one say so.\n:::\n"
        )
    groups: dict[str, list[str]] = {}
    for name in names:
        groups.setdefault(_area(name), []).append(name)
    for key in sorted(groups, key=_group_order):
        entry = registry.find(key)
        parts.append(f"## {_group_title(key)}\n")
        about = f"{code(key)}"
        if entry is not None:
            about += f", how-to: {{doc}}`/{entry.docs}`"
        parts.append(about + ".\n")
        rows = []
        for name in groups[key]:
            spec = book.spec(name)
            label = f"{md(spec.zh)} — {md(spec.en)}<br>{_breakable_code(spec.name)}"
            for index, value in enumerate(book.series(name, place)):
                rows.append(
                    (
                        label if index == 0 else "″",
                        md(value_with_unit(value)),
                        value.effective_from.isoformat(),
                        value.effective_to.isoformat() if value.effective_to else "open",
                        _provenance(value),
                    )
                )
        table = _table(("Parameter", "Value", "From", "To", "Source"), rows)
        parts.append(_wrapped(table, "civaffairs-parameters"))
    return "\n".join(parts)


# -- glossary ----------------------------------------------------------------------------------

_TERM_KEYS = frozenset({"zh", "pinyin", "en", "code", "category", "note"})
_PINYIN = re.compile(r"[a-zA-ZāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüÜńňḿ0-9 '’·,/()\-]+")


@attrs.frozen
class Term:
    """A glossary entry: the Chinese term, its pinyin, the English and the name in code.

    ``en`` and ``code`` may be left out for the name of a programme or a
    parameter: the registries supply them.

    .. versionadded:: 0.1.0
    """

    zh: str
    pinyin: str
    category: str
    en: str | None = None
    code: str | None = None
    note: str | None = None


@attrs.frozen
class Glossary:
    """The glossary file: categories in order (key → title) and the terms.

    .. versionadded:: 0.1.0
    """

    categories: tuple[tuple[str, str], ...]
    terms: tuple[Term, ...]


def load_glossary(path: Path) -> Glossary:
    """Read ``glossary.toml``; raise ``ValueError`` listing every malformed entry.

    .. versionadded:: 0.1.0
    """
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    problems = [
        f"unknown top-level key {key!r}" for key in sorted(set(data) - {"categories", "term"})
    ]
    categories = tuple((str(k), str(v)) for k, v in data.get("categories", {}).items())
    keys = {key for key, _ in categories}
    terms = []
    for index, entry in enumerate(data.get("term", [])):
        where = f"term[{index}] ({entry.get('zh', '?')})"
        bad = sorted(set(entry) - _TERM_KEYS)
        if bad:
            problems.append(f"{where}: unknown keys {bad}")
        missing = [key for key in ("zh", "pinyin", "category") if not entry.get(key)]
        if missing:
            problems.append(f"{where}: missing {missing}")
            continue
        if entry["category"] not in keys:
            problems.append(f"{where}: category {entry['category']!r} is not under [categories]")
        if not _PINYIN.fullmatch(entry["pinyin"]):
            problems.append(
                f"{where}: pinyin {entry['pinyin']!r} has characters that are not pinyin"
            )
        terms.append(Term(**{key: entry.get(key) for key in _TERM_KEYS if key in entry}))
    seen: set[str] = set()
    for term in terms:
        if term.zh in seen:
            problems.append(f"{term.zh}: listed twice")
        seen.add(term.zh)
    if problems:
        raise ValueError(f"{path}: " + "; ".join(problems))
    return Glossary(categories, tuple(terms))


def _registry_terms() -> dict[str, tuple[str, str]]:
    """Return zh → (en, code) for every programme and parameter name."""
    found = {p.zh: (p.en, p.code) for p in programmes().values()}
    for spec in default_book().specs.values():
        found.setdefault(spec.zh, (spec.en, spec.name))
    return found


def code_kind(name: str) -> str | None:
    """Say what a glossary ``code`` names, in the registry's scheme; ``None`` if nothing.

    Every name in code is the dotted name below ``civaffairs`` — the scheme of
    the programme registry, where a programme's code is its module path, its
    parameter prefix and its reason-code prefix: a ``"programme"``, a
    ``"parameter"`` (a parameter's name, or the prefix of several), a
    ``"reason code"``, or a ``"python"`` object (a module, class, function,
    constant, enum member or field: ``entities.IncomeType.WAGES``).

    >>> [code_kind(n) for n in ("assistance.dibao", "assistance.dibao.standard", "money.YUAN")]
    ['programme', 'parameter', 'python']
    >>> code_kind("IncomeType.WAGES") is None  # not below civaffairs: another scheme
    True

    .. versionadded:: 0.1.0
    """
    if name in programmes():
        return "programme"
    specs = default_book().specs
    if name in specs or any(spec.startswith(name + ".") for spec in specs):
        return "parameter"
    if name in reason_codes():
        return "reason code"
    return "python" if _python_object(name) is not None else None


def _python_object(name: str) -> object | None:
    """Return the object ``civaffairs.<name>`` names (a module or an attribute path), if any."""
    parts = f"civaffairs.{name}".split(".")
    for cut in range(len(parts), 0, -1):
        try:
            found: object = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        try:
            for part in parts[cut:]:
                found = getattr(found, part)
        except AttributeError:
            return None
        return found
    return None  # pragma: no cover - civaffairs itself always imports


def glossary_problems(glossary: Glossary) -> list[str]:
    """Return what the glossary lacks or gets wrong.

    It must hold every programme's and parameter's Chinese name and every term a
    registry entry asks for; give English for other terms; write every name in
    code in the registry's scheme (:func:`code_kind`); and a term naming a
    labelled enum member must be that member's own label, so that one member has
    one Chinese name.

    .. versionadded:: 0.1.0
    """
    named = _registry_terms()
    listed = {term.zh for term in glossary.terms}
    problems = [
        f"{zh} ({code_}) is not in the glossary"
        for zh, (_, code_) in named.items()
        if zh not in listed
    ]
    problems.extend(
        f"{term.zh}: 'en' is required (it is not a programme or parameter name)"
        for term in glossary.terms
        if term.en is None and term.zh not in named
    )
    problems.extend(
        f"{zh} (a glossary term of {entry.code} in the registry) is not in the glossary"
        for entry in registry.ENTRIES
        for zh in entry.glossary
        if zh not in listed
    )
    for term in glossary.terms:
        if term.code is None:
            continue
        if code_kind(term.code) is None:
            problems.append(
                f"{term.zh}: code {term.code!r} names nothing: write the dotted name below "
                "civaffairs of a programme, parameter, reason code or Python object "
                "(entities.IncomeType.WAGES)"
            )
        member = _python_object(term.code)
        if isinstance(member, Labelled) and member.zh != term.zh:
            problems.append(
                f"{term.zh}: code {term.code!r} is labelled {member.zh!r}: "
                "a term naming an enum member is its label (put other wording in 'note')"
            )
    return problems


def _sort_key(term: Term) -> str:
    plain = unicodedata.normalize("NFD", term.pinyin.lower())
    return "".join(c for c in plain if not unicodedata.combining(c))


def code_link(name: str) -> str:
    """Return a name in code as a cross-reference to its entry in the API reference.

    The target is ``civaffairs.<name>``; a name without an entry of its own (a
    parameter, a reason code, an enum member or field without a docstring) resolves
    to the closest entry that holds it — its programme's module, its class — by the
    ``missing-reference`` hook of ``civaffairs_api``.

    >>> code_link("entities.IncomeType.WAGES")
    '{py:obj}`entities.IncomeType.WAGES <civaffairs.entities.IncomeType.WAGES>`'

    .. versionadded:: 0.1.0
    """
    return f"{{py:obj}}`{name} <civaffairs.{name}>`"


#: A dotted name in a note's text that may be a name in code (``entities.AssistanceLayer.DIBAO``).
_DOTTED = re.compile(r"\b[a-z_]+(?:\.[A-Za-z_][A-Za-z0-9_]*)+\b")


def note_markdown(note: str) -> str:
    """Return a glossary note in italics, each name in code in it linked like the code column.

    A dotted name is a name in code when :func:`code_kind` knows it; other text
    (an article, a document number) stays as it is.

    >>> note_markdown("the layer entities.Sex here")
    '*the layer* {py:obj}`entities.Sex <civaffairs.entities.Sex>` *here*'

    .. versionadded:: 0.1.0
    """
    parts, start = [], 0
    for found in _DOTTED.finditer(note):
        if code_kind(found.group()) is None:
            continue
        parts.extend([_italic(note[start : found.start()]), code_link(found.group())])
        start = found.end()
    parts.append(_italic(note[start:]))
    return "".join(parts)


def _italic(text: str) -> str:
    """Italicise ``text``, its edge spaces kept outside the emphasis (Markdown needs that)."""
    core = text.strip()
    if not core:
        return text
    lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
    return f"{lead}*{md(core)}*{trail}"


#: The class of the glossary's tables: their code column wraps (``civaffairs_api`` styles it).
GLOSSARY_CLASS = "civaffairs-glossary"


def _glossary_table(rows: Iterable[Sequence[str]]) -> str:
    table = _table(("中文", "Pinyin", "English", "In code"), rows)
    return f":::{{container}} {GLOSSARY_CLASS}\n{table}\n:::"


def glossary_markdown(srcdir: Path) -> str:
    """Return the glossary page body from ``glossary.toml`` in ``srcdir``.

    One table per category; the name in code links to its reference entry.

    .. versionadded:: 0.1.0
    """
    glossary = load_glossary(srcdir / "glossary.toml")
    named = _registry_terms()
    parts = []
    for key, title in glossary.categories:
        terms = sorted((t for t in glossary.terms if t.category == key), key=_sort_key)
        if not terms:
            continue
        rows = []
        for term in terms:
            en, name = named.get(term.zh, (None, None))
            en = term.en or en or ""
            name = term.code or name
            note = f" {note_markdown(term.note)}" if term.note else ""
            rows.append(
                (md(term.zh), md(term.pinyin), md(en) + note, code_link(name) if name else "")
            )
        parts.append(f"## {md(title)}\n\n" + _glossary_table(rows))
    listed = {term.zh for term in glossary.terms}
    missing = [(zh, en, name) for zh, (en, name) in sorted(named.items()) if zh not in listed]
    if missing:
        rows = [(md(zh), "", md(en), code_link(name)) for zh, en, name in missing]
        parts.append(
            "## Not yet in the glossary\n\n"
            "Declared in the code, still waiting for their pinyin.\n\n" + _glossary_table(rows)
        )
    return "\n\n".join(parts) + "\n"


# -- charts ------------------------------------------------------------------------------------

#: Okabe–Ito colours, distinguishable with the common colour-vision deficiencies.
_PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
#: Marker shapes, one per series with its colour: lines that overlap stay distinguishable.
_MARKERS = ("circle", "square", "triangle", "diamond", "cross", "triangle-down", "plus")
_WIDTH, _HEIGHT = 760, 400
_LEFT, _RIGHT, _TOP, _BOTTOM = 70, 200, 44, 56
#: A line of the source note under a chart: its height, and the width it may fill.
_NOTE_LINE, _NOTE_WIDTH = 15, _WIDTH - 20


@attrs.frozen
class _Line:
    """A polyline of a chart, in data coordinates."""

    points: tuple[tuple[float, float], ...]
    colour: str
    dashed: bool = False
    label: str | None = None  # a text shown at the first point
    width: float = 2.0
    marker: str | None = None  # a shape drawn at each of ``marks``
    marks: tuple[tuple[float, float], ...] = ()


@attrs.frozen
class _Chart:
    title: str
    x_title: str
    y_title: str
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    x_ticks: tuple[tuple[float, str], ...]
    y_ticks: tuple[tuple[float, str], ...]
    lines: tuple[_Line, ...]
    legend: tuple[tuple[str, str, bool, str | None], ...]  # label, colour, dashed, marker
    description: str
    source: str  # printed under the chart: where every figure drawn comes from


def _nice_step(span: float, count: int) -> float:
    raw = span / max(count, 1)
    power = 10.0 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power  # pragma: no cover - the loop always returns


def _nice_ticks(low: float, high: float, count: int = 5) -> tuple[float, float, list[float]]:
    """Return rounded bounds enclosing ``low``–``high`` and the ticks between them."""
    if high <= low:
        high = low + (abs(low) or 1.0)
    step = _nice_step(high - low, count)
    start, end = math.floor(low / step) * step, math.ceil(high / step) * step
    ticks = [start + i * step for i in range(round((end - start) / step) + 1)]
    return start, end, ticks


def _number(value: float) -> str:
    return f"{value:,.0f}" if value == round(value) else f"{value:,.2f}"


def _text_width(text: str, size: float) -> float:
    """Estimate the drawn width of ``text``: a wide (CJK) character is one em, others 0.55."""
    return sum(size if unicodedata.east_asian_width(c) in "WF" else 0.55 * size for c in text)


def _wrap(text: str, width: float, size: float) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` (at spaces, or anywhere in CJK)."""
    lines, line = [], ""
    for word in re.findall(r"\S+\s*|\s+", text):
        if line and _text_width(line + word.rstrip(), size) > width:
            lines.append(line.rstrip())
            line = ""
        rest = word
        while _text_width(rest.rstrip(), size) > width:  # one word longer than a line
            cut = len(rest)
            while cut > 1 and _text_width(rest[:cut], size) > width:
                cut -= 1
            lines.append(rest[:cut])
            rest = rest[cut:]
        line += rest
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    """Draw a marker centred on (x, y): filled shapes, or a cross and a plus as strokes."""
    r = 4.5
    paths = {
        "square": f"M{x - r:.1f},{y - r:.1f}h{2 * r}v{2 * r}h{-2 * r}z",
        "triangle": (
            f"M{x:.1f},{y - r - 1:.1f}L{x + r + 1:.1f},{y + r:.1f}L{x - r - 1:.1f},{y + r:.1f}z"
        ),
        "triangle-down": (
            f"M{x:.1f},{y + r + 1:.1f}L{x + r + 1:.1f},{y - r:.1f}L{x - r - 1:.1f},{y - r:.1f}z"
        ),
        "diamond": (
            f"M{x:.1f},{y - r - 1:.1f}L{x + r + 1:.1f},{y:.1f}L{x:.1f},{y + r + 1:.1f}"
            f"L{x - r - 1:.1f},{y:.1f}z"
        ),
    }
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" fill="{colour}" stroke="#fff"/>'
    if shape in paths:
        return f'<path d="{paths[shape]}" fill="{colour}" stroke="#fff"/>'
    if shape == "cross":
        d = (
            f"M{x - r:.1f},{y - r:.1f}L{x + r:.1f},{y + r:.1f}"
            f"M{x - r:.1f},{y + r:.1f}L{x + r:.1f},{y - r:.1f}"
        )
    else:  # plus
        d = f"M{x - r:.1f},{y:.1f}H{x + r:.1f}M{x:.1f},{y - r:.1f}V{y + r:.1f}"
    return f'<path d="{d}" stroke="{colour}" stroke-width="2.5" fill="none"/>'


def _svg(chart: _Chart) -> str:
    """Draw a line chart as a standalone SVG element (deterministic text).

    The y axis starts at zero when every value is positive (an axis that does
    not is drawn with a break mark); each series has its colour and its marker;
    the source of the figures is printed under the chart.
    """
    note = _wrap(f"Source: {chart.source}", _NOTE_WIDTH, 11)
    height = _HEIGHT + _NOTE_LINE * len(note)
    plot_w, plot_h = _WIDTH - _LEFT - _RIGHT, _HEIGHT - _TOP - _BOTTOM
    (x0, x1), (y0, y1) = chart.x_range, chart.y_range

    def px(x: float) -> float:
        return _LEFT + (x - x0) / (x1 - x0) * plot_w

    def py(y: float) -> float:
        return _TOP + plot_h - (y - y0) / (y1 - y0) * plot_h

    esc = html.escape
    out = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_WIDTH} {height}" '
            f'width="100%" style="max-width:{_WIDTH}px" role="img" '
            'font-family="sans-serif" font-size="12">'
        ),
        f"<title>{esc(chart.title)}</title>",
        f"<desc>{esc(chart.description)} Source: {esc(chart.source)}</desc>",
        f'<rect width="{_WIDTH}" height="{height}" fill="#ffffff"/>',
        (
            f'<text x="{_LEFT}" y="24" font-size="15" font-weight="bold" fill="#222">'
            f"{esc(chart.title)}</text>"
        ),
    ]
    for value, text in chart.y_ticks:
        y = py(value)
        out.append(
            f'<line x1="{_LEFT}" x2="{_LEFT + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e3e3e3"/>'
        )
        out.append(
            f'<text x="{_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#444">'
            f"{esc(text)}</text>"
        )
    for value, text in chart.x_ticks:
        x = px(value)
        out.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{_TOP}" y2="{_TOP + plot_h}" stroke="#f0f0f0"/>'
        )
        out.append(
            f'<text x="{x:.1f}" y="{_TOP + plot_h + 18}" text-anchor="middle" fill="#444">'
            f"{esc(text)}</text>"
        )
    out.append(
        f'<polyline points="{_LEFT},{_TOP} {_LEFT},{_TOP + plot_h} '
        f'{_LEFT + plot_w},{_TOP + plot_h}" fill="none" stroke="#444"/>'
    )
    if y0 != 0:  # the axis does not start at zero: say so with a break on it
        b = _TOP + plot_h - 10
        out.append(
            f'<path d="M{_LEFT - 6},{b + 3} L{_LEFT + 6},{b - 3} M{_LEFT - 6},{b + 8} '
            f'L{_LEFT + 6},{b + 2}" stroke="#444" fill="none" class="axis-break"/>'
        )
    out.append(
        f'<text x="{_LEFT + plot_w / 2:.1f}" y="{_HEIGHT - 12}" text-anchor="middle" fill="#222">'
        f"{esc(chart.x_title)}</text>"
    )
    out.append(
        f'<text transform="translate(16 {_TOP + plot_h / 2:.1f}) rotate(-90)" '
        f'text-anchor="middle" fill="#222">{esc(chart.y_title)}</text>'
    )
    for line in chart.lines:
        points = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in line.points)
        dash = ' stroke-dasharray="6 4"' if line.dashed else ""
        out.append(
            f'<polyline points="{points}" fill="none" stroke="{line.colour}" '
            f'stroke-width="{line.width:g}"{dash}/>'
        )
    for line in chart.lines:  # markers and labels above every line
        if line.marker is not None:
            out.extend(_marker(line.marker, px(x), py(y), line.colour) for x, y in line.marks)
        if line.label is not None:
            x, y = line.points[0]
            out.append(
                f'<text x="{px(x) + 7:.1f}" y="{py(y) - 7:.1f}" font-size="11" '
                f'fill="{line.colour}">{esc(line.label)}</text>'
            )
    for index, (text, colour, dashed, shape) in enumerate(chart.legend):
        y = _TOP + 8 + index * 20
        x = _LEFT + plot_w + 16
        dash = ' stroke-dasharray="6 4"' if dashed else ""
        out.append(
            f'<line x1="{x}" x2="{x + 24}" y1="{y}" y2="{y}" stroke="{colour}" '
            f'stroke-width="2"{dash}/>'
        )
        if shape is not None:
            out.append(_marker(shape, x + 12, y, colour))
        out.append(f'<text x="{x + 30}" y="{y + 4}" fill="#222">{esc(text)}</text>')
    out.extend(
        f'<text x="10" y="{_HEIGHT + 4 + _NOTE_LINE * i}" font-size="11" fill="#444" '
        f'class="chart-source">{esc(text)}</text>'
        for i, text in enumerate(note)
    )
    out.append("</svg>")
    return "\n".join(out)


def _raw_html(svg: str) -> str:
    return '```{raw} html\n<figure class="civaffairs-chart">\n' + svg + "\n</figure>\n```\n"


def _sources(values: Iterable[ParameterValue]) -> str:
    """Name the sources of ``values`` once each; example values say so, with no source."""
    found: list[str] = []
    for value in values:
        if value.source is not None:
            text = value.source.cite()
        else:
            text = f"example data ({value.name} @ {value.jurisdiction}, no source)"
        if value.status is Status.EXAMPLE and value.source is not None:
            text = f"example data: {text}"
        if text not in found:
            found.append(text)
    return "; ".join(found)


#: The 低保 chart: 武隆区 (Wulong, Chongqing) on 2025-08-01, as the documentation promises.
ALLOWANCE_PLACE = "500156"
ALLOWANCE_DATE = dt.date(2025, 8, 1)
_INCOME_STEP = 10


def _household(size: int, kind: RegistrationKind, income: Decimal) -> Household:
    """Return a household of ``size`` counted members: two adults, then minor children."""
    home = Registration(ALLOWANCE_PLACE, kind)
    people = [
        (Relationship.APPLICANT, dt.date(1980, 3, 1), Sex.MALE),
        (Relationship.SPOUSE, dt.date(1982, 5, 1), Sex.FEMALE),
        (Relationship.CHILD, dt.date(2012, 9, 1), Sex.FEMALE),
        (Relationship.CHILD, dt.date(2014, 9, 1), Sex.MALE),
        (Relationship.CHILD, dt.date(2016, 9, 1), Sex.FEMALE),
    ][:size]
    members = [
        Member(Person(f"m{i}", born, sex, home), relation, lives_together=True)
        for i, (relation, born, sex) in enumerate(people)
    ]
    incomes = [Income(IncomeType.WAGES, income, member="m0")] if income else []
    return Household(f"size-{size}", members=members, incomes=incomes)


def dibao_allowance_markdown(_srcdir: Path) -> str:
    """Return charts of the 低保 amount against household income, sizes 1–5, from the calculator.

    One chart per registration kind (urban, rural), 武隆区 on 2025-08-01,
    incomes every 10 yuan; each point is a real :func:`dibao.assess` decision.

    .. versionadded:: 0.1.0
    """
    book = default_book()
    parts = []
    for kind in (RegistrationKind.URBAN, RegistrationKind.RURAL):
        standard, used = book.money(
            f"assistance.dibao.standard.{kind.value}", ALLOWANCE_PLACE, ALLOWANCE_DATE
        )
        top = math.ceil(float(standard) * 5 * 1.1 / 500) * 500
        lines: list[_Line] = []
        legend: list[tuple[str, str, bool, str | None]] = []
        rows: list[tuple[str, str, str]] = []
        for size in range(1, 6):
            colour, shape = _PALETTE[size - 1], _MARKERS[size - 1]
            points = []
            for income in range(0, top + 1, _INCOME_STEP):
                decision = dibao.assess(
                    _household(size, kind, Decimal(income)), ALLOWANCE_DATE, book=book
                )
                paid = decision.amount.total if decision.eligible and decision.amount else 0
                points.append((float(income), float(paid)))
            # Marks where the line starts and where it reaches zero (the threshold), and, on the
            # zero line the sizes share, one each at its own place along it.
            threshold = float(standard) * size
            zero_mark = threshold + (top - threshold) * size / 6
            marks = ((0.0, points[0][1]), (threshold, 0.0), (zero_mark, 0.0))
            lines.append(_Line(tuple(points), colour, marker=shape, marks=marks))
            legend.append((f"{size} member{'s' * (size != 1)}", colour, False, shape))
            rows.append(
                (
                    str(size),
                    md(format_yuan(standard * size)),
                    md(format_yuan(Decimal(str(points[0][1])))),
                )
            )
        _, y_top, y_ticks = _nice_ticks(0, float(standard) * 5)
        _, _, x_ticks = _nice_ticks(0, top, 8)
        chart = _Chart(
            title=f"Dibao allowance, {kind.value} registration, Wulong (500156), {ALLOWANCE_DATE}",
            x_title="counted monthly household income (yuan)",
            y_title="monthly allowance (yuan)",
            x_range=(0, top),
            y_range=(0, y_top),
            x_ticks=tuple((t, _number(t)) for t in x_ticks if t <= top),
            y_ticks=tuple((t, _number(t)) for t in y_ticks),
            lines=tuple(lines),
            legend=tuple(legend),
            description=(
                f"Monthly dibao allowance against counted household income for households of "
                f"1 to 5 members; standard {standard} yuan per person per month."
            ),
            source=(
                f"civaffairs.assistance.dibao.assess, every {_INCOME_STEP} yuan of income; "
                f"standard {used.cite()}; difference payment 《社会救助暂行办法》 第十二条"
            ),
        )
        label = "城市" if kind is RegistrationKind.URBAN else "农村"
        parts.append(
            f"### {kind.value.capitalize()} registration ({label})\n\n"
            f"Standard: {md(format_yuan(standard))} per person per month ({md(used.period)}; "
            f"{md(used.cite())}).\n\n"
            + _raw_html(_svg(chart))
            + "\n"
            + _wrapped(
                _table(
                    (
                        "Members",
                        "Income threshold (standard × members)",
                        "Allowance at zero income",
                    ),
                    rows,
                ),
                "civaffairs-allowance",
            )
            + "\n"
        )
    return "\n".join(parts)


def _ordinal(day: dt.date) -> float:
    return float(day.toordinal())


def standards_history_markdown(_srcdir: Path) -> str:
    """Return one chart per money parameter: its value over time in each jurisdiction defining it.

    The y axis starts at zero; each jurisdiction has its colour and marker (at
    every change), so places with the same values stay apart; example values
    are dashed; a value still in force runs to the right edge; the sources are
    printed under the chart.

    .. versionadded:: 0.1.0
    """
    book = default_book()
    parts = []
    single = []
    for name in sorted(book.specs):
        spec = book.spec(name)
        if spec.kind is not Kind.MONEY:
            continue
        series = {
            place: book.series(name, place)
            for place in book.jurisdictions()
            if book.series(name, place)
        }
        values = [v for vs in series.values() for v in vs]
        if len(values) == 1:
            single.append(values[0])
        if len(values) < 2:
            continue
        dates = [v.effective_from for v in values] + [
            v.effective_to + dt.timedelta(days=1) for v in values if v.effective_to
        ]
        start = min(dates) - dt.timedelta(days=90)
        end = max(dates) + dt.timedelta(days=365)
        amounts = [float(v.value) for v in values if isinstance(v.value, Decimal)]
        low, high, y_ticks = _nice_ticks(min(0.0, *amounts), max(amounts) * 1.1)
        years = list(range(start.year + 1, end.year + 1))
        every = max(1, math.ceil(len(years) / 8))
        x_ticks = tuple((_ordinal(dt.date(y, 1, 1)), str(y)) for y in years[::every])
        lines: list[_Line] = []
        legend: list[tuple[str, str, bool, str | None]] = []
        for index, (place, vs) in enumerate(series.items()):
            colour = _PALETTE[index % len(_PALETTE)]
            shape = _MARKERS[index % len(_MARKERS)]
            # Earlier places are drawn wider, so a later place with the same values leaves
            # them visible around it; the markers (one shape per place) tell them apart too.
            width = 2.0 + 2.0 * (len(series) - 1 - index)
            legend.append((_place(place), colour, False, shape))
            for position, value in enumerate(vs):
                after = vs[position + 1].effective_from if position + 1 < len(vs) else None
                stop = (
                    value.effective_to + dt.timedelta(days=1)
                    if value.effective_to
                    else (after or end)
                )
                y = float(value.value)
                begin = _ordinal(value.effective_from)
                lines.append(
                    _Line(
                        ((begin, y), (_ordinal(stop), y)),
                        colour,
                        dashed=value.status is Status.EXAMPLE,
                        label=_number(y),
                        width=width,
                        marker=shape,
                        marks=((begin, y),),
                    )
                )
                if after is not None and after == stop:
                    following = float(vs[position + 1].value)
                    lines.append(
                        _Line(((_ordinal(stop), y), (_ordinal(stop), following)), colour, width=2.0)
                    )
        if any(v.status is Status.EXAMPLE for v in values):
            legend.append(("example data (dashed)", "#888888", True, None))
        chart = _Chart(
            title=spec.en[:1].upper() + spec.en[1:],
            x_title="effective date",
            y_title=spec.unit,
            x_range=(_ordinal(start), _ordinal(end)),
            y_range=(low, high),
            x_ticks=x_ticks,
            y_ticks=tuple((t, _number(t)) for t in y_ticks),
            lines=tuple(lines),
            legend=tuple(legend),
            description=f"{spec.en} ({name}) by effective date in each jurisdiction defining it.",
            source=_sources(values),
        )
        rows = [
            (
                md(_place(place)),
                v.effective_from.isoformat(),
                v.effective_to.isoformat() if v.effective_to else "open",
                md(value_with_unit(v)),
                md(v.status.value),
            )
            for place, vs in series.items()
            for v in vs
        ]
        parts.append(
            f"### {md(spec.zh)}\n\n{code(name)} — {md(spec.en)} ({md(spec.unit)}).\n\n"
            + _raw_html(_svg(chart))
            + "\n"
            + _wrapped(
                _table(("Jurisdiction", "From", "To", "Value", "Status"), rows),
                "civaffairs-history",
            )
            + "\n"
        )
    if single:
        singles = [
            (
                code(v.name),
                md(book.spec(v.name).zh),
                md(_place(v.jurisdiction)),
                v.effective_from.isoformat(),
                v.effective_to.isoformat() if v.effective_to else "open",
                md(value_with_unit(v)),
                md(v.status.value),
            )
            for v in single
        ]
        parts.append(
            "### Standards with a single value\n\n"
            "No history to draw yet: one value, in one place.\n\n"
            + _wrapped(
                _table(
                    ("Parameter", "中文", "Jurisdiction", "From", "To", "Value", "Status"),
                    singles,
                ),
                "civaffairs-single",
            )
            + "\n"
        )
    return "\n".join(parts)


#: The generators a page can ask for, by marker name.
GENERATORS: Mapping[str, Callable[[Path], str]] = {
    "coverage": coverage_markdown,
    "dibao-allowance": dibao_allowance_markdown,
    "glossary": glossary_markdown,
    "parameters": parameters_markdown,
    "programmes": programmes_markdown,
    "reason-codes": reason_codes_markdown,
    "standards-history": standards_history_markdown,
}

#: The generated pages, by marker name: the marker's argument says which (a jurisdiction code).
PAGE_GENERATORS: Mapping[str, Callable[[str], str]] = {
    "parameters": parameter_page_markdown,
}


# -- Sphinx ------------------------------------------------------------------------------------


def _generate(srcdir: Path, docname: str, text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        name, argument = match.group(1, 2)
        if argument is not None:
            page = PAGE_GENERATORS.get(name)
            if page is None:
                known = ", ".join(sorted(PAGE_GENERATORS))
                raise ValueError(
                    f"{docname}: no civaffairs-generate {name!r} page (known: {known})"
                )
            return page(argument)
        generator = GENERATORS.get(name)
        if generator is None:
            known = ", ".join(sorted(GENERATORS))
            raise ValueError(f"{docname}: unknown civaffairs-generate {name!r} (known: {known})")
        return generator(srcdir)

    return MARKER.sub(replace, text)


def _on_builder_inited(app: Sphinx) -> None:
    """Write the page stubs of the generated pages before Sphinx looks for pages."""
    parameter_pages(Path(app.srcdir))


def _on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    """Replace the page's generate markers with generated Markdown."""
    if MARKER.search(source[0]):
        try:
            source[0] = _generate(Path(app.srcdir), docname, source[0])
        except ValueError as exc:
            from sphinx.util import logging  # noqa: PLC0415 - Sphinx only when building docs

            logging.getLogger(__name__).warning(str(exc), location=docname)


def _on_env_get_outdated(
    app: Sphinx,
    env: BuildEnvironment,
    _added: set[str],
    _changed: set[str],
    _removed: set[str],
) -> list[str]:
    """Re-read every page with a marker on every build: the data behind it may have changed."""
    outdated = []
    for docname in sorted(env.found_docs):
        path = Path(env.doc2path(docname))
        if path.suffix == ".md" and MARKER.search(path.read_text(encoding="utf-8")):
            outdated.append(docname)
    return outdated


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the extension with Sphinx.

    .. versionadded:: 0.1.0
    """
    app.connect("builder-inited", _on_builder_inited)
    app.connect("source-read", _on_source_read)
    app.connect("env-get-outdated", _on_env_get_outdated)
    return {"version": "0.1.0", "parallel_read_safe": True, "parallel_write_safe": True}
