"""The OpenAPI 3.1 description of the HTTP service, embedding the package's JSON Schemas.

Each JSON Schema of :mod:`civaffairs.schemas` (``request``, ``batch``, ``answer``,
``request.<programme>``, ``decision.<programme>`` …) becomes a component of the
same name; the definitions they share (``Household``, ``Decision`` …) become
components too, once each (a definition spelled differently in two schemas — an
output and an input form — keeps both, the input form renamed ``Name.2``), and every
``$ref`` points at ``#/components/schemas/…``.  OpenAPI 3.1 schemas are JSON
Schema 2020-12, so the documents are embedded as they are, less their ``$id``,
``$schema`` and ``$defs``.

>>> described = document()
>>> described["openapi"], sorted(described["paths"])[:2]
('3.1.0', ['/healthz', '/openapi.json'])

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import copy
import functools
import hashlib
import json
from collections.abc import Iterator
from typing import Any

from civaffairs import __version__, schemas

__all__ = ["ROUTES", "document", "schema", "schema_names"]

#: The routes, as the 404 answer names them.
ROUTES = (
    "POST /v1/assess, GET /v1/params/{jurisdiction}, GET /v1/programmes, GET /v1/schema, "
    "GET /v1/schema/{type}, GET /openapi.json, GET /healthz"
)

_DEFS = "#/$defs/"
_COMPONENTS = "#/components/schemas/"


def schema_names() -> tuple[str, ...]:
    """Return the names of the JSON Schemas the service serves (``GET /v1/schema``).

    .. versionadded:: 0.1.0
    """
    return tuple(schemas.names())


def schema(name: str) -> dict[str, Any]:
    """Return one JSON Schema (2020-12) by name, as ``GET /v1/schema/{type}`` serves it.

    .. versionadded:: 0.1.0
    """
    return schemas.schema(name)


def _refs(value: object) -> Iterator[str]:
    """Yield every ``$ref`` in a schema."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "$ref" and isinstance(item, str):
                yield item
            else:
                yield from _refs(item)
    elif isinstance(value, list):
        for item in value:
            yield from _refs(item)


def _closure(name: str, defs: dict[str, Any]) -> str:
    """Digest a definition and every definition it reaches: equal digests, same schema."""
    seen: dict[str, Any] = {}
    todo = [name]
    while todo:
        current = todo.pop()
        if current in seen or current not in defs:
            continue
        seen[current] = defs[current]
        todo.extend(r.removeprefix(_DEFS) for r in _refs(defs[current]) if r.startswith(_DEFS))
    text = json.dumps(seen, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _rewritten(value: Any, names: dict[str, str]) -> Any:
    """Copy a schema with its ``#/$defs/X`` references pointed at the components."""
    if isinstance(value, dict):
        return {
            key: (
                _COMPONENTS + names[item.removeprefix(_DEFS)]
                if key == "$ref" and isinstance(item, str) and item.startswith(_DEFS)
                else _rewritten(item, names)
            )
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_rewritten(item, names) for item in value]
    return value


@functools.cache
def _components() -> dict[str, Any]:
    """Every schema and every shared definition, as OpenAPI components."""
    components: dict[str, Any] = {}
    digests: dict[str, str] = {}  # component name -> digest of its closure
    # Outputs first, so a definition's plain name is its output form (ParameterValue is what
    # GET /v1/params answers with); an input form spelled differently gets the suffix.
    outputs_first = sorted(schema_names(), key=lambda n: n != "answer" and "decision" not in n)
    for name in outputs_first:
        whole = copy.deepcopy(schema(name))
        defs: dict[str, Any] = whole.pop("$defs", {})
        whole.pop("$id", None)
        whole.pop("$schema", None)
        names: dict[str, str] = {}
        for key in defs:
            digest, target, count = _closure(key, defs), key, 1
            while target in digests and digests[target] != digest:
                count += 1
                target = f"{key}.{count}"
            digests[target] = digest
            names[key] = target
        for key, value in defs.items():
            components[names[key]] = _rewritten(value, names)
        components[name] = _rewritten(whole, names)
    return components


def _ref(name: str) -> dict[str, str]:
    return {"$ref": _COMPONENTS + name}


_ERRORS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "errors": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "properties": {
                    "path": {"type": "string"},
                    "value": {"type": "string"},
                    "expected": {"type": "string"},
                },
                "required": ["path", "value", "expected"],
                "additionalProperties": False,
            },
        }
    },
    "required": ["errors"],
    "additionalProperties": False,
}

_PROGRAMME: dict[str, Any] = {
    "type": "object",
    "properties": {
        "code": {"type": "string"},
        "zh": {"type": "string"},
        "en": {"type": "string"},
        "module": {"type": "string"},
        "facts": {"type": "string"},
        "columnar": {"type": "boolean"},
        "cites": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "document": {"type": "string"},
                    "articles": {"type": "array", "items": {"type": "string"}},
                },
                "required": ["document", "articles"],
                "additionalProperties": False,
            },
        },
    },
    "required": ["code", "zh", "en", "module", "facts", "columnar", "cites"],
    "additionalProperties": False,
}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(*statuses: int) -> dict[str, Any]:
    said = {
        400: "bad input: every bad field by path, as the command line names it",
        404: "no such route, schema type or place",
        405: "a method the route does not take",
        413: "a body over 1 MiB, or a batch over the batch limit",
        422: "a well-formed request that cannot be decided (no parameter value there then)",
        500: "an internal error (a bug), named by type and place only",
    }
    return {str(s): _json(_ref("Errors"), said[s]) for s in statuses}


def _paths() -> dict[str, Any]:
    request = {"anyOf": [_ref("request"), _ref("batch")]}
    answer = _ref("answer")
    answers = {
        "type": "object",
        "properties": {
            "uses_example_data": {"type": "boolean"},
            "answers": {"type": "array", "items": answer},
        },
        "required": ["uses_example_data", "answers"],
        "additionalProperties": False,
    }
    value = _ref("ParameterValue")
    text = {"type": "string"}
    return {
        "/v1/assess": {
            "post": {
                "operationId": "assess",
                "summary": "Decide a request or a batch of requests",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": request}},
                },
                "responses": {
                    "200": _json(
                        {"anyOf": [answer, answers]},
                        "the answer (a batch: every answer, uses_example_data on top)",
                    ),
                    **_errors(400, 413, 422, 500),
                },
            }
        },
        "/v1/params/{jurisdiction}": {
            "get": {
                "operationId": "params",
                "summary": "The parameter values of a place, in force on a date or all periods",
                "parameters": [
                    {"name": "jurisdiction", "in": "path", "required": True, "schema": text},
                    {
                        "name": "on",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "string", "format": "date"},
                    },
                    {"name": "match", "in": "query", "required": False, "schema": text},
                ],
                "responses": {
                    "200": _json({"type": "array", "items": value}, "the values"),
                    **_errors(400, 404, 500),
                },
            }
        },
        "/v1/programmes": {
            "get": {
                "operationId": "programmes",
                "summary": "The registry's programmes with the articles they cite",
                "responses": {
                    "200": _json({"type": "array", "items": _ref("Programme")}, "programmes"),
                    **_errors(500),
                },
            }
        },
        "/v1/schema": {
            "get": {
                "operationId": "schemaNames",
                "summary": "The names of the JSON Schemas",
                "responses": {
                    "200": _json(
                        {
                            "type": "object",
                            "properties": {"names": {"type": "array", "items": text}},
                            "required": ["names"],
                            "additionalProperties": False,
                        },
                        "the names",
                    ),
                    **_errors(500),
                },
            }
        },
        "/v1/schema/{type}": {
            "get": {
                "operationId": "schema",
                "summary": "One JSON Schema (2020-12)",
                "parameters": [
                    {
                        "name": "type",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string", "enum": list(schema_names())},
                    }
                ],
                "responses": {
                    "200": _json({"type": "object"}, "the schema"),
                    **_errors(404, 500),
                },
            }
        },
        "/openapi.json": {
            "get": {
                "operationId": "openapi",
                "summary": "This description",
                "responses": {"200": _json({"type": "object"}, "OpenAPI 3.1"), **_errors(500)},
            }
        },
        "/healthz": {
            "get": {
                "operationId": "healthz",
                "summary": "Whether the service is up, and its version",
                "responses": {
                    "200": _json(
                        {
                            "type": "object",
                            "properties": {"status": {"const": "ok"}, "version": text},
                            "required": ["status", "version"],
                            "additionalProperties": False,
                        },
                        "up",
                    ),
                    **_errors(500),
                },
            }
        },
    }


@functools.cache
def _document() -> str:
    described = {
        "openapi": "3.1.0",
        "info": {
            "title": "civaffairs",
            "version": __version__,
            "description": (
                "Chinese civil-affairs (民政) policy as code: every programme of the registry "
                "decided with reasons and citations."
            ),
            "license": {"name": "Apache-2.0", "identifier": "Apache-2.0"},
        },
        "paths": _paths(),
        "components": {
            "schemas": {**_components(), "Errors": _ERRORS, "Programme": _PROGRAMME},
        },
    }
    return json.dumps(described, ensure_ascii=False)


def document() -> dict[str, Any]:
    """Return the OpenAPI 3.1 description (``GET /openapi.json``), a fresh copy each call.

    .. versionadded:: 0.1.0
    """
    described: dict[str, Any] = json.loads(_document())
    return described
