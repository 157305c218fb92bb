"""The API reference as a reader should see it: real defaults, no noise, each object once.

A Sphinx extension (``docs/conf.py`` lists ``civaffairs_api``) of autodoc event hooks:

- **attrs signatures.**  attrs writes ``__init__`` itself, and its source reads
  ``attr_dict['name'].default`` where a field has a default and ``NOTHING``
  where it has a factory; autodoc showed both.  :func:`attrs_signature`
  builds the class signature from :func:`attrs.fields` instead: each
  parameter's annotation as attrs gives it (a converter's input type where
  there is one), its default as the value (``None``, ``()``,
  ``Status.LAW``) and a factory as the call that makes it (``ChildFacts()``,
  ``[]``).
- **No "Bases: object".**  A class whose only base is ``object`` shows no
  bases line at all.
- **Names in code link.**  A ``{py:obj}`` reference to a name below
  ``civaffairs`` without an entry of its own (the glossary's parameters,
  reason codes, enum members) resolves to the closest entry that holds it.
- **Tables that fit a phone.**  ``static/civaffairs-reference.css`` lets the
  glossary's code column wrap.
- **Enum members with their labels.**  Every member of a
  :class:`~civaffairs.labels.Labelled` enum is listed once, opened by its
  Chinese and English labels (``符合条件 · eligible``), then its own comment;
  a class documented once.
- **Each object once.**  A class or function that a package re-exports from
  a module documented in its own right (``civaffairs.entities.Sex`` is
  ``civaffairs.identity.Sex``) is documented there only, and a reference to
  the re-exported name resolves to that entry.

- **Comments as written.**  napoleon reads an attribute's ``X: Y`` first line
  as a type; here types come from annotations, so attributes keep their text.

Nothing here imports Sphinx until a hook runs, so tests can call the functions without it.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import importlib
import inspect
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

__all__ = [
    "Shown",
    "attrs_signature",
    "canonical_name",
    "default_text",
    "documented_modules",
    "setup",
]


class Shown:
    """A default value as the signature should show it: its ``repr`` is the text.

    >>> Shown("ChildFacts()")
    ChildFacts()

    .. versionadded:: 0.1.0
    """

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


_EMPTY_CALLS: dict[Callable[..., object], str] = {
    list: "[]",
    dict: "{}",
    tuple: "()",
    set: "set()",
    frozenset: "frozenset()",
}


def default_text(field: attrs.Attribute[Any]) -> object:
    """Return what a signature shows as ``field``'s default (``inspect.Parameter.empty`` if none).

    A plain default is itself (Sphinx renders it); a factory is the call that makes it.

    >>> @attrs.frozen
    ... class Box:
    ...     items: list[int] = attrs.field(factory=list)
    ...     size: int = 3
    >>> [default_text(f) for f in attrs.fields(Box)]
    [[], 3]

    .. versionadded:: 0.1.0
    """
    default = field.default
    if default is attrs.NOTHING:
        return inspect.Parameter.empty
    # attrs types Factory(...) as the value it makes, so mypy cannot narrow to it: ask by name.
    factory: Callable[..., object] | None = getattr(default, "factory", None)
    if type(default).__name__ == "Factory" and factory is not None:
        if factory in _EMPTY_CALLS:
            return Shown(_EMPTY_CALLS[factory])
        name = getattr(factory, "__qualname__", repr(factory))
        if "<lambda>" in name:
            return Shown("<factory>")  # a lambda has no name to call it by, as dataclasses say
        return Shown(f"{name}(self)" if getattr(default, "takes_self", False) else f"{name}()")
    return default


def _attrs_init(cls: type) -> bool:
    """Whether ``cls`` is an attrs class whose ``__init__`` attrs wrote."""
    if not attrs.has(cls):
        return False
    code = getattr(vars(cls).get("__init__"), "__code__", None)
    return code is not None and code.co_filename.startswith("<attrs generated")


def attrs_signature(cls: type, *, unqualified: bool = True) -> str | None:
    """Return the parameter list of an attrs class's ``__init__``, with real defaults.

    ``None`` for a class that is not attrs or that writes its own ``__init__``.
    Needs Sphinx (``tests/unit/test_docs_api.py`` shows it at work).

    .. versionadded:: 0.1.0
    """
    if not _attrs_init(cls):
        return None
    from sphinx.util import inspect as sphinx_inspect  # noqa: PLC0415 - only when building docs

    init = vars(cls)["__init__"]  # attrs writes it on the class itself
    signature = sphinx_inspect.signature(init, bound_method=True)
    by_name = {field.alias: field for field in attrs.fields(cls) if field.init}
    parameters = [
        parameter.replace(default=default_text(by_name[parameter.name]))
        if parameter.name in by_name
        else parameter
        for parameter in signature.parameters.values()
    ]
    return sphinx_inspect.stringify_signature(
        signature.replace(parameters=parameters),
        show_return_annotation=False,
        unqualified_typehints=unqualified,
    )


def _on_process_signature(
    app: Sphinx,
    what: str,
    _name: str,
    obj: object,
    _options: object,
    signature: str | None,
    return_annotation: str | None,
) -> tuple[str, str | None] | None:
    """Give attrs classes their real defaults (see :func:`attrs_signature`)."""
    if what not in {"class", "exception"} or not isinstance(obj, type) or signature is None:
        return None
    shown = attrs_signature(obj, unqualified=app.config.autodoc_typehints_format == "short")
    if shown is None:
        return None
    return shown, return_annotation


def _on_process_bases(
    _app: Sphinx, _name: str, _obj: object, _options: object, bases: list[type]
) -> None:
    """Drop ``object`` from a class's bases: "Bases: object" says nothing."""
    bases[:] = [base for base in bases if base is not object]


def _drop_empty_bases(_app: Sphinx, doctree: Any) -> None:  # docutils has no type stubs here
    """Remove the "Bases:" paragraph left empty when ``object`` was the only base."""
    for paragraph in [node for node in doctree.findall() if node.tagname == "paragraph"]:
        if paragraph.astext().strip() == "Bases:":
            paragraph.parent.remove(paragraph)


# -- each object documented once ---------------------------------------------------------------

_AUTOMODULE = re.compile(r"^\s*\.\. automodule::\s+(\S+)\s*$")


def documented_modules(sources: list[Path]) -> set[str]:
    """Return the modules an ``automodule`` directive documents with their members.

    A directive followed (before the next directive) by ``:no-members:`` does not count.

    .. versionadded:: 0.1.0
    """
    found: set[str] = set()
    for source in sources:
        current: str | None = None
        for line in source.read_text(encoding="utf-8").splitlines():
            match = _AUTOMODULE.match(line)
            if match:
                if current:
                    found.add(current)
                current = match.group(1)
            elif current and line.strip() == ":no-members:":
                current = None
            elif current and line.strip().startswith(".. "):
                found.add(current)
                current = None
        if current:
            found.add(current)
    return found


class _Tracker:
    """The module autodoc is documenting, and the modules documented in their own right."""

    def __init__(self) -> None:
        self.module: str | None = None
        self.documented: set[str] = set()


_TRACKER = _Tracker()


def _on_builder_inited(app: Sphinx) -> None:
    srcdir = Path(app.srcdir)
    pages = [
        page for page in srcdir.rglob("*.md") if "_build" not in page.relative_to(srcdir).parts
    ]
    _TRACKER.documented = documented_modules(sorted(pages))


def _labelled(obj: object) -> Any:
    """Return ``obj`` if it is a member of a ``Labelled`` enum, else ``None``."""
    from civaffairs.labels import Labelled  # noqa: PLC0415 - the docs import the library late

    return obj if isinstance(obj, Labelled) else None


def _on_process_docstring(
    _app: Sphinx, what: str, name: str, _obj: object, _options: object, _lines: list[str]
) -> None:
    """Track the module being documented (for :func:`_on_skip_member`)."""
    if what == "module":
        _TRACKER.module = name


def _napoleon_except_attributes(app: Sphinx, what: str, *rest: Any) -> None:
    """Napoleon's docstring processing, except for attributes, data and properties.

    napoleon reads an attribute's first line ``X: Y`` as "of type X": a member's
    comment that cites before it quotes (``细则 art. 5: "拒不如实提供个人情况"``)
    became a "Type: 细则 art. 5" field.  Types here come from annotations, never
    from that inline form, so an attribute's docstring is left as written.
    """
    if what in {"attribute", "data", "property"}:
        return
    napoleon: Any = importlib.import_module("sphinx.ext.napoleon")
    napoleon._process_docstring(app, what, *rest)  # rest: name, obj, options, lines


def _replace_napoleon_hook(app: Sphinx) -> None:
    """Load napoleon and put :func:`_napoleon_except_attributes` in place of its docstring hook."""
    app.setup_extension("sphinx.ext.napoleon")
    napoleon: Any = importlib.import_module("sphinx.ext.napoleon")
    events: Any = app.events
    for listener in list(events.listeners["autodoc-process-docstring"]):
        if listener.handler is napoleon._process_docstring:
            app.disconnect(listener.id)
            app.connect(
                "autodoc-process-docstring",
                _napoleon_except_attributes,
                priority=listener.priority,
            )


def _described(signature: Any) -> object:
    """Return the object a Python description's signature node names, if it imports."""
    module, fullname = signature.get("module"), signature.get("fullname")
    if not module or not fullname:
        return None
    try:
        found: object = importlib.import_module(module)
        for part in fullname.split("."):
            found = getattr(found, part)
    except (ImportError, AttributeError):
        return None
    return found


def _on_object_description(_app: Sphinx, domain: str, objtype: str, content: Any) -> None:
    """Open each labelled enum member's entry with its two labels (``符合条件 · eligible``)."""
    if domain != "py" or objtype != "attribute":
        return
    signatures = [child for child in content.parent.children if child.tagname == "desc_signature"]
    member = _labelled(_described(signatures[0])) if signatures else None
    if member is None:
        return
    nodes: Any = importlib.import_module("docutils.nodes")  # docutils has no type stubs here
    labels = f"{member.zh} · {member.en}"
    first = content.children[0].astext().strip() if content.children else ""
    if first in {member.zh, member.en, labels}:
        content.remove(content.children[0])  # a comment that only repeated the label
    content.insert(0, nodes.paragraph(labels, labels))


def _on_skip_member_of_class(obj: object) -> bool | None:
    """Keep every member of a labelled enum, documented or not: each shows its labels."""
    return False if _labelled(obj) is not None else None


def _defined_in(obj: object) -> str | None:
    if inspect.isclass(obj) or inspect.isfunction(obj):
        return getattr(obj, "__module__", None)
    return None


def _on_skip_member(
    _app: Sphinx,
    what: str,
    _name: str,
    obj: object,
    skip: bool,  # noqa: FBT001 - the event's signature
    _options: object,
) -> bool | None:
    """Skip a module member re-exported from a module documented in its own right.

    And keep every member of a labelled enum (see :func:`_on_process_docstring`).
    """
    if what == "class":
        return _on_skip_member_of_class(obj)
    if skip or what != "module" or _TRACKER.module is None:
        return None
    home = _defined_in(obj)
    if home and home != _TRACKER.module and home in _TRACKER.documented:
        return True
    return None


def canonical_name(target: str) -> str | None:
    """Return ``module.qualname`` of the class or function ``target`` names, if it differs.

    >>> canonical_name("civaffairs.entities.Sex")
    'civaffairs.identity.Sex'
    >>> canonical_name("civaffairs.identity.Sex") is None
    True

    .. versionadded:: 0.1.0
    """
    parts = target.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        module_name = ".".join(parts[:cut])
        if module_name not in sys.modules:
            try:
                importlib.import_module(module_name)
            except ImportError:
                continue
        obj: object = sys.modules[module_name]
        try:
            for part in parts[cut:]:
                obj = getattr(obj, part)
        except AttributeError:
            return None
        home = _defined_in(obj)
        if home is None:
            return None
        name = f"{home}.{getattr(obj, '__qualname__', '')}"
        return name if name != target else None
    return None


def _on_missing_reference(app: Sphinx, env: BuildEnvironment, node: Any, contnode: Any) -> Any:
    """Resolve a reference the Python domain could not, when the name is ours.

    A re-exported name resolves to the entry of the object it names.  A
    ``{py:obj}`` reference to a name without an entry of its own — a parameter
    or reason code (``civaffairs.assistance.dibao.standard``), an enum member
    or attrs field without a docstring — resolves to the closest entry that
    holds it (the programme's module, the class), as the glossary's names in
    code need.  Other roles (``:class:``, ``:func:`` ...) get no such fallback,
    so a misspelt name in a docstring stays unlinked rather than pointing near.
    """
    target = str(node.get("reftarget", ""))
    if node.get("refdomain") != "py" or not target.startswith("civaffairs"):
        return None
    domain = env.domains["py"]

    def resolve(name: str) -> Any:
        return domain.resolve_xref(
            env, node["refdoc"], app.builder, node["reftype"], name, node, contnode
        )

    canonical = canonical_name(target)
    if canonical is not None and (found := resolve(canonical)) is not None:
        return found
    if node["reftype"] != "obj":
        return None
    parts = target.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        enclosing = ".".join(parts[:cut])
        for name in (enclosing, canonical_name(enclosing)):
            if name is not None and (found := resolve(name)) is not None:
                return found
    return None


# -- the glossary's tables -----------------------------------------------------------------------

_STATIC = Path(__file__).parent / "static"


def _on_config_inited(_app: Sphinx, config: Any) -> None:
    """Serve ``static/`` (the glossary's stylesheet) with the docs' own static files."""
    config.html_static_path = [*config.html_static_path, str(_STATIC)]


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the hooks with Sphinx.

    .. versionadded:: 0.1.0
    """
    app.setup_extension("sphinx.ext.autodoc")  # its events must exist before we connect
    app.connect("config-inited", _on_config_inited)
    app.add_css_file("civaffairs-reference.css")
    app.connect("builder-inited", _on_builder_inited)
    app.connect("autodoc-process-signature", _on_process_signature)
    app.connect("autodoc-process-bases", _on_process_bases)
    app.connect("autodoc-process-docstring", _on_process_docstring)
    _replace_napoleon_hook(app)
    app.connect("autodoc-skip-member", _on_skip_member)
    app.connect("object-description-transform", _on_object_description)
    app.connect("doctree-read", _drop_empty_bases)
    app.connect("missing-reference", _on_missing_reference)
    return {"version": "0.1.0", "parallel_read_safe": True, "parallel_write_safe": True}
