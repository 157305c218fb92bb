"""Hypothesis strategies for JSON documents that a civaffairs JSON Schema accepts.

:func:`from_schema` draws documents from one of the shipped schemas
(:mod:`civaffairs.schemas`) — a request for a programme, a batch — so a test
suite can throw valid-shaped but arbitrary requests at its own system, or at
civaffairs, and check that each is decided or refused with the documented error::

    from hypothesis import given
    from civaffairs import requests, schemas
    from civaffairs.testing.documents import from_schema

    @given(from_schema(schemas.schema("request.eldercare.longevity")))
    def test_never_crashes(document):
        try:
            requests.decide(requests.parse(document))
        except CivaffairsError:
            pass

It understands the keywords the generated schemas use — ``$ref`` (to
``#/$defs``), ``anyOf``, ``const``, ``enum``, ``type``, ``properties``,
``required``, ``additionalProperties``, ``items``, ``prefixItems``,
``minItems``/``maxItems``, ``pattern`` and ``format: date`` — and refuses a
schema with any other keyword that constrains values, rather than drawing
documents the schema would reject.  (The general-purpose package
hypothesis-jsonschema 0.23.1, the last release, fails on objects under the
Hypothesis versions this project tests with: ``'many' object has no attribute
'more'``.)

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from hypothesis import strategies as st

__all__ = ["from_schema"]

#: Keywords that only describe (never constrain) a value.
_NOTES = frozenset({"$schema", "$id", "$defs", "title", "description"})
_KNOWN = _NOTES | {
    "$ref",
    "anyOf",
    "const",
    "enum",
    "type",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "prefixItems",
    "minItems",
    "maxItems",
    "pattern",
    "format",
}
_MAX_ITEMS = 3


def from_schema(schema: Mapping[str, Any]) -> st.SearchStrategy[Any]:
    """Return a strategy for JSON documents (dicts, lists, strings …) that ``schema`` accepts.

    Raises :class:`ValueError` for a keyword it does not understand.

    .. versionadded:: 0.1.0
    """
    return _Drawer(schema).of(schema)


class _Drawer:
    def __init__(self, root: Mapping[str, Any]) -> None:
        self.defs: Mapping[str, Any] = root.get("$defs", {})
        self.refs: dict[str, st.SearchStrategy[Any]] = {}

    def of(self, schema: Mapping[str, Any]) -> st.SearchStrategy[Any]:
        unknown = set(schema) - _KNOWN
        if unknown:
            raise ValueError(f"unsupported JSON Schema keywords: {sorted(unknown)}")
        if "$ref" in schema:
            return self._ref(schema["$ref"])
        if "anyOf" in schema:
            return st.one_of([self.of(option) for option in schema["anyOf"]])
        if "const" in schema:
            return st.just(schema["const"])
        if "enum" in schema:
            return st.sampled_from(schema["enum"])
        kind = schema.get("type")
        if kind == "object":
            return self._object(schema)
        if kind == "array":
            return self._array(schema)
        if kind == "string":
            return self._string(schema)
        if kind in {"integer", "boolean", "null"}:
            return {
                "integer": st.integers(-(10**6), 10**7),
                "boolean": st.booleans(),
                "null": st.none(),
            }[kind]
        if kind is None:
            return _anything()
        raise ValueError(f"unsupported JSON Schema type {kind!r}")

    def _ref(self, ref: str) -> st.SearchStrategy[Any]:
        prefix = "#/$defs/"
        if not ref.startswith(prefix) or ref[len(prefix) :] not in self.defs:
            raise ValueError(f"unsupported $ref {ref!r} (only {prefix}… of the same schema)")
        if ref not in self.refs:
            name = ref[len(prefix) :]
            self.refs[ref] = st.deferred(lambda: self.of(self.defs[name]))
        return self.refs[ref]

    def _object(self, schema: Mapping[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
        properties: Mapping[str, Any] = schema.get("properties", {})
        required = set(schema.get("required", ()))
        if schema.get("additionalProperties", True) is not False and not properties:
            extra = schema.get("additionalProperties", {})
            values = self.of(extra) if isinstance(extra, Mapping) else _anything()
            return st.dictionaries(st.text(max_size=8), values, max_size=_MAX_ITEMS)
        needed = {k: self.of(v) for k, v in properties.items() if k in required}
        optional = {k: self.of(v) for k, v in properties.items() if k not in required}
        return st.fixed_dictionaries(needed, optional=optional)

    def _array(self, schema: Mapping[str, Any]) -> st.SearchStrategy[list[Any]]:
        if "prefixItems" in schema:
            return st.tuples(*(self.of(s) for s in schema["prefixItems"])).map(list)
        low = int(schema.get("minItems", 0))
        high = min(int(schema.get("maxItems", low + _MAX_ITEMS)), low + _MAX_ITEMS)
        return st.lists(self.of(schema.get("items", {})), min_size=low, max_size=high)

    def _string(self, schema: Mapping[str, Any]) -> st.SearchStrategy[str]:
        if schema.get("format") == "date":
            return st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)).map(dt.date.isoformat)
        if "pattern" in schema:
            return st.from_regex(schema["pattern"], fullmatch=True)
        return st.text(max_size=20)


def _anything() -> st.SearchStrategy[Any]:
    scalars = st.none() | st.booleans() | st.integers() | st.text(max_size=8)
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
        max_leaves=6,
    )
