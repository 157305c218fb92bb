"""The HTTP service: every programme of the registry over HTTP (the ``serve`` extra).

``civaffairs serve [--host 127.0.0.1] [--port 8000]`` runs an ASGI application
(Starlette, served by uvicorn) with these routes:

``POST /v1/assess``
    a request or a batch (:mod:`civaffairs.requests`), answered with the same JSON
    that ``civaffairs assess --format json`` prints.
``GET /v1/params/{jurisdiction}?on=YYYY-MM-DD&match=PATTERN``
    the parameter values of a place, as ``civaffairs params --format json``.
``GET /v1/programmes``
    the registry's programmes with the articles they cite, as
    ``civaffairs programmes --format json``.
``GET /v1/schema`` and ``GET /v1/schema/{type}``
    the names of the JSON Schemas, and one of them (:mod:`civaffairs.schemas`).
``GET /openapi.json``
    an OpenAPI 3.1 description embedding the same JSON Schemas.
``GET /healthz``
    ``{"status": "ok", "version": ...}``.

Every error is JSON, ``{"errors": [{"path", "value", "expected"}, ...]}``, with the
field paths the command line reports (``$.requests[2].input.members[0].person.birth_date``):
400 for bad input, 404 for an unknown route, schema type or place, 405 for a
method a route does not take, 413 for a body over 1 MiB or a batch over
:data:`civaffairs.requests.BATCH_LIMIT` requests, 422 when a well-formed request
cannot be decided (no parameter value for the place on the date), 500 for a bug —
named by its type and place only, never with a traceback or a value.

The access log (logger ``civaffairs.serve.access``) names the method, the route
*template* (``/v1/params/{jurisdiction}``, never the path as sent nor its query
string), the status, the time taken and the size of the response; never a
body, a query string or the client's address, so it holds no personal data.

The application itself is :func:`civaffairs.serve.app.create_app`; this package
imports nothing of Starlette until it is used, so ``civaffairs --help`` works
without the extra.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

__all__: list[str] = []
