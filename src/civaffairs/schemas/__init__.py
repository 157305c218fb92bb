"""JSON Schema (2020-12) for every request and decision, generated from the attrs model.

The schemas describe the JSON the library reads and writes — the request format
of :mod:`civaffairs.requests`, each programme's facts and each programme's
decision — so that a system in another language can validate a document before
sending it, or generate its own types.  They are generated from the attrs
classes and the converter's rules (:mod:`civaffairs.conversion`): money is a
decimal string or an integer, never a JSON number with a fraction; a date is
``YYYY-MM-DD``; an enum is one of its values; an unknown key is refused.

The generated files are shipped in this package (``<name>.schema.json``) and
read by :func:`schema`; ``tests/unit/test_schemas.py`` proves them equal to
what :func:`generate` makes from the model today, and that every example
request and every policy case's input validates against them.  Regenerate after
changing the model with ``python -m civaffairs.schemas``.

Names (:func:`names`):

- ``request`` — any request: a programme (or several deciding the same facts),
  an as-of date, a place, the facts;
- ``request.<programme>`` — a request for one programme, e.g.
  ``request.assistance.dibao``;
- ``batch`` — ``{"requests": [...]}``;
- ``answer`` — what a request is answered with (``uses_example_data`` first);
- ``decision.<programme>`` — one programme's result, e.g. ``decision.eldercare.longevity``.

>>> "request.assistance.dibao" in names()
True
>>> schema("request.eldercare.longevity")["properties"]["programme"]
{'const': 'eldercare.longevity'}

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import collections.abc
import datetime as dt
import enum
import functools
import json
import types
import typing
from decimal import Decimal
from importlib import resources
from typing import Any, Union, get_args, get_origin

import attrs

from civaffairs import registry
from civaffairs.errors import InvalidInputError
from civaffairs.identity import ResidentId

__all__ = ["DIALECT", "generate", "names", "schema", "text"]

#: The JSON Schema dialect of every schema.
DIALECT = "https://json-schema.org/draft/2020-12/schema"
_BASE = "https://civaffairs.invalid/schemas/"
_DECIMAL = r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$"
_DATE = r"^\d{4}-\d{2}-\d{2}$"
_PAIRS = tuple[tuple[str, str], ...]


class _Builder:
    """Turn annotated types into JSON Schema, collecting attrs classes under ``$defs``."""

    def __init__(self, *, output: bool) -> None:
        self.output = output
        self.defs: dict[str, dict[str, Any]] = {}

    def of(self, kind: Any) -> dict[str, Any]:
        """Return the schema of ``kind``."""
        if kind is Any or kind is object:
            return {}
        if kind == _PAIRS:
            return {"type": "object", "additionalProperties": {"type": "string"}}
        origin = get_origin(kind)
        if origin in {Union, types.UnionType}:
            return self._union(get_args(kind))
        if origin is typing.Literal:
            return {"enum": list(get_args(kind))}
        if origin in {tuple, list, collections.abc.Sequence, frozenset, set}:
            args = get_args(kind)
            if origin is tuple and args and args[-1] is not Ellipsis:
                return {
                    "type": "array",
                    "prefixItems": [self.of(a) for a in args],
                    "minItems": len(args),
                    "maxItems": len(args),
                }
            return {"type": "array", "items": self.of(args[0]) if args else {}}
        if origin in {dict, collections.abc.Mapping}:
            args = get_args(kind)
            return {"type": "object", "additionalProperties": self.of(args[1]) if args else {}}
        if not isinstance(kind, type):
            raise TypeError(f"no JSON Schema for the annotation {kind!r}")
        return self._class(kind)

    def _class(self, kind: type) -> dict[str, Any]:
        if issubclass(kind, bool):
            return {"type": "boolean"}
        if issubclass(kind, enum.Enum):
            return {"enum": [m.value for m in kind]}
        if issubclass(kind, int):
            return {"type": "integer"}
        if issubclass(kind, str):
            return {"type": "string"}
        if issubclass(kind, Decimal):
            if self.output:
                return {"type": "string", "pattern": _DECIMAL}
            return {"anyOf": [{"type": "string", "pattern": _DECIMAL}, {"type": "integer"}]}
        if issubclass(kind, dt.date):
            return {"type": "string", "format": "date", "pattern": _DATE}
        if issubclass(kind, ResidentId):
            return {"type": "string", "description": "a resident ID number (GB 11643-1999)"}
        if attrs.has(kind):
            return self._attrs(kind)
        raise TypeError(f"no JSON Schema for the class {kind.__qualname__}")

    def _union(self, args: tuple[Any, ...]) -> dict[str, Any]:
        if set(args) == {Decimal, int, bool}:  # the scalar of a parameter value
            options = [self.of(bool), self.of(int), self.of(Decimal)]
        else:
            options = [
                {"type": "null"} if a is type(None) else self.of(a) for a in dict.fromkeys(args)
            ]
        return {"anyOf": options}

    def _attrs(self, kind: type) -> dict[str, Any]:
        from civaffairs.conversion import _ReasonJSON  # noqa: PLC0415 - the reason's JSON form
        from civaffairs.decisions import Reason  # noqa: PLC0415

        if kind is Reason:  # written and read in its JSON form, messages formatted
            kind = _ReasonJSON
        name = kind.__name__.lstrip("_")
        if name not in self.defs:
            self.defs[name] = {}  # a placeholder: a class may contain itself
            self.defs[name] = self._object(kind)
        return {"$ref": f"#/$defs/{name}"}

    def _object(self, kind: type) -> dict[str, Any]:
        hints = typing.get_type_hints(kind)
        fields = [f for f in attrs.fields(typing.cast("Any", kind)) if f.init or self.output]
        if self.output:
            fields = list(attrs.fields(typing.cast("Any", kind)))
        properties = {f.name: self.of(hints[f.name]) for f in fields}
        doc = (kind.__doc__ or "").strip().split("\n", 1)[0]
        required = [f.name for f in fields if self.output or f.default is attrs.NOTHING]
        found: dict[str, Any] = {"type": "object", "title": kind.__name__}
        if doc:
            found["description"] = doc
        found["properties"] = properties
        if required:
            found["required"] = required
        found["additionalProperties"] = False
        return found


def _document(name: str, root: dict[str, Any], builder: _Builder, title: str) -> dict[str, Any]:
    return {
        "$schema": DIALECT,
        "$id": f"{_BASE}{name}.schema.json",
        "title": title,
        **root,
        "$defs": dict(sorted(builder.defs.items())),
    }


def _request_root(entry: registry.Entry, builder: _Builder) -> dict[str, Any]:
    """One programme's request: its code, the date, the place, its facts, its options."""
    return {
        "type": "object",
        "properties": {
            "programme": {"const": entry.code},
            "as_of": builder.of(dt.date),
            "jurisdiction": {"type": "string"},
            "input": builder.of(entry.facts_type()),
            "options": _options(entry, builder),
        },
        "required": ["programme", "as_of", "input"],
        "additionalProperties": False,
    }


def _options(entry: registry.Entry, builder: _Builder) -> dict[str, Any]:
    import inspect  # noqa: PLC0415 - only for the options

    function = entry.load()
    hints = typing.get_type_hints(function)
    properties = {
        name: builder.of(hints[name])
        for name, p in inspect.signature(function).parameters.items()
        if p.kind is inspect.Parameter.KEYWORD_ONLY
        and name not in {"on", "jurisdiction", "book"}
        and _plain(hints[name])
    }
    return {"type": "object", "properties": properties, "additionalProperties": False}


def _plain(kind: Any) -> bool:
    """Whether an option's type can be given in JSON (not a parameter book or a policy object)."""
    try:
        _Builder(output=False).of(kind)
    except TypeError:
        return False
    return True


def _any_request(builder: _Builder) -> dict[str, Any]:
    """Any request: one programme's, several deciding the same facts, or the default."""
    options: list[dict[str, Any]] = []
    by_facts: dict[type, list[str]] = {}
    for entry in registry.ENTRIES:
        options.append(_request_root(entry, builder))
        by_facts.setdefault(entry.facts_type(), []).append(entry.code)
    for facts, codes in by_facts.items():
        if len(codes) > 1:
            options.append(
                {
                    "type": "object",
                    "properties": {
                        "programme": {
                            "type": "array",
                            "items": {"enum": codes},
                            "minItems": 1,
                        },
                        "as_of": builder.of(dt.date),
                        "jurisdiction": {"type": "string"},
                        "input": builder.of(facts),
                    },
                    "required": ["programme", "as_of", "input"],
                    "additionalProperties": False,
                }
            )
    from civaffairs.assistance.layers import LayeredRequest  # noqa: PLC0415
    from civaffairs.entities import Household  # noqa: PLC0415

    options.append(
        {
            "type": "object",
            "description": "no programme: the layered picture of a household",
            "properties": {
                "as_of": builder.of(dt.date),
                "jurisdiction": {"type": "string"},
                "input": {"anyOf": [builder.of(LayeredRequest), builder.of(Household)]},
            },
            "required": ["as_of", "input"],
            "additionalProperties": False,
        }
    )
    return {"anyOf": options}


def _result_types() -> dict[str, type]:
    return {e.code: typing.get_type_hints(e.load())["return"] for e in registry.ENTRIES}


def _answer_root(builder: _Builder) -> dict[str, Any]:
    results = [
        {
            "type": "object",
            "properties": {
                "uses_example_data": {"type": "boolean"},
                "programme": {"const": code},
                "decision": builder.of(kind),
            },
            "required": ["uses_example_data", "programme", "decision"],
            "additionalProperties": False,
        }
        for code, kind in _result_types().items()
    ]
    return {
        "type": "object",
        "properties": {
            "uses_example_data": {"type": "boolean"},
            "as_of": builder.of(dt.date),
            "jurisdiction": {"anyOf": [{"type": "string"}, {"type": "null"}]},
            "results": {"type": "array", "items": {"anyOf": results}},
        },
        "required": ["uses_example_data", "as_of", "jurisdiction", "results"],
        "additionalProperties": False,
    }


def _names() -> tuple[str, ...]:
    codes = [e.code for e in registry.ENTRIES]
    return (
        "request",
        "batch",
        "answer",
        *(f"request.{c}" for c in codes),
        *(f"decision.{c}" for c in codes),
    )


def generate(name: str) -> dict[str, Any]:
    """Generate the schema ``name`` from the model as it is now (see :func:`names`).

    .. versionadded:: 0.1.0
    """
    from civaffairs import requests  # noqa: PLC0415 - the request format imports the registry

    if name not in _names():
        raise _unknown(name)
    if name == "request":
        builder = _Builder(output=False)
        return _document(name, _any_request(builder), builder, "civaffairs request")
    if name == "batch":
        builder = _Builder(output=False)
        root = {
            "type": "object",
            "properties": {
                "requests": {
                    "type": "array",
                    "items": _any_request(builder),
                    "minItems": 1,
                    "maxItems": requests.BATCH_LIMIT,
                }
            },
            "required": ["requests"],
            "additionalProperties": False,
        }
        return _document(name, root, builder, "civaffairs batch of requests")
    if name == "answer":
        builder = _Builder(output=True)
        return _document(name, _answer_root(builder), builder, "civaffairs answer")
    kind, _, code = name.partition(".")
    entry = registry.entry(code)
    if kind == "request":
        builder = _Builder(output=False)
        title = f"civaffairs request: {entry.code} ({entry.zh})"
        return _document(name, _request_root(entry, builder), builder, title)
    builder = _Builder(output=True)
    root = builder.of(_result_types()[code])
    title = f"civaffairs decision: {entry.code} ({entry.zh})"
    return _document(name, root, builder, title)


def _unknown(name: str) -> InvalidInputError:
    import difflib  # noqa: PLC0415 - only for the message

    close = difflib.get_close_matches(name, _names(), n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    return InvalidInputError("TYPE", name, f"a schema name (civaffairs schema lists them){hint}")


def names() -> tuple[str, ...]:
    """Return the names of the shipped schemas, in a stable order.

    .. versionadded:: 0.1.0
    """
    return _names()


@functools.cache
def _shipped(name: str) -> str:
    return resources.files(__name__).joinpath(f"{name}.schema.json").read_text(encoding="utf-8")


def schema(name: str) -> dict[str, Any]:
    """Return the shipped schema ``name`` (a fresh copy; see :func:`names`).

    Raises :class:`~civaffairs.errors.InvalidInputError` for an unknown name,
    with the closest names suggested.

    .. versionadded:: 0.1.0
    """
    if name not in _names():
        raise _unknown(name)
    loaded: dict[str, Any] = json.loads(_shipped(name))
    return loaded


def text(document: dict[str, Any]) -> str:
    """Return a schema as the shipped files hold it: indented JSON, keys in model order.

    .. versionadded:: 0.1.0
    """
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
