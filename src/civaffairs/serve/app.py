"""The ASGI application of the HTTP service (see :mod:`civaffairs.serve` for its routes).

Run it with ``civaffairs serve``, or under any ASGI server::

    uvicorn --factory civaffairs.serve.app:create_app

>>> _described(InvalidInputError("$.as_of", "2025-02-30", "an as-of date YYYY-MM-DD"))
{'path': '$.as_of', 'value': '2025-02-30', 'expected': 'an as-of date YYYY-MM-DD'}

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import json
import logging
import time
import traceback
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from civaffairs import __version__, listing, requests
from civaffairs.conversion import parse_json, unstructure
from civaffairs.dates import parse_date
from civaffairs.errors import (
    CivaffairsError,
    DuplicateIdentityError,
    InvalidDocumentError,
    InvalidInputError,
    ParameterNotFoundError,
    ParameterOutOfRangeError,
    UnknownJurisdictionError,
)
from civaffairs.parameters import ParameterBook, default_book
from civaffairs.privacy import printable
from civaffairs.serve import openapi

__all__ = ["DRAIN_FACTOR", "MAX_BODY", "create_app"]

#: The largest request body accepted, in bytes (1 MiB); a larger one is answered 413.
MAX_BODY = 1 << 20

#: A body up to this many times the limit is read to its end before the 413 (see ``_body``).
DRAIN_FACTOR = 4

#: The access log: method, route template, status, time, size — never a body or a query.
ACCESS = logging.getLogger("civaffairs.serve.access")
#: Internal errors, by type and place only.
ERRORS = logging.getLogger("civaffairs.serve.error")

_JSON = "application/json"
_QUERY = ("on", "match")


class _Refused(Exception):  # noqa: N818 - not an error of the library: an HTTP answer
    """An answer other than 200, with the errors it carries (raised inside the handlers)."""

    def __init__(self, status: int, errors: list[dict[str, str]]) -> None:
        self.status = status
        self.errors = errors
        super().__init__(status)


def _json(data: object, status: int = 200) -> Response:
    body = json.dumps(data, ensure_ascii=False).encode("utf-8")
    return Response(body, status_code=status, media_type=_JSON)


def _error(path: str, value: str, expected: str) -> dict[str, str]:
    return {"path": path, "value": value, "expected": expected}


def _described(error: InvalidInputError) -> dict[str, str]:
    """One bad field as JSON: its path, its (already masked) value and what was expected."""
    expected = error.expected
    if isinstance(error, DuplicateIdentityError):
        expected = f"{expected} ({error.path} duplicates {error.earlier})"
    if error.detail:
        expected = f"{expected} ({error.detail})"
    return _error(error.path, error.value, expected)


def _bad(exc: CivaffairsError) -> list[dict[str, str]]:
    if isinstance(exc, InvalidDocumentError):
        return [_described(e) for e in exc.errors]
    if isinstance(exc, InvalidInputError):
        return [_described(exc)]
    return [_error("$", "(refused)", printable(str(exc)))]


def _internal(exc: BaseException) -> str:
    """Describe a bug by its type and place only: its message could hold personal data."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "civaffairs" in f.filename] or frames
    last = ours[-1] if ours else None
    where = f" at {Path(last.filename).name}:{last.lineno} ({last.name})" if last else ""
    return f"{type(exc).__name__}{where}"


async def _body(request: Request, limit: int) -> bytes:
    """Read the body, refusing (413) one over ``limit`` bytes without keeping what is past it.

    A body a little over the limit (up to :data:`DRAIN_FACTOR` times it) is read to its
    end and dropped before the answer, so the client — still sending — reads the 413
    instead of a reset connection; a larger one is refused as soon as it is seen.
    """
    too_large = _Refused(
        413, [_error("$", "(request body)", f"a request body of at most {limit} bytes")]
    )
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > DRAIN_FACTOR * limit:
        raise too_large
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > DRAIN_FACTOR * limit:
            raise too_large
        if size <= limit:
            chunks.append(chunk)
    if size > limit:
        raise too_large
    return b"".join(chunks)


def _decide(body: bytes, book: ParameterBook) -> object:
    """Read and decide a request or a batch; the JSON ``civaffairs assess --format json`` prints.

    Nothing is decided until the whole document is good (every bad field of every
    request is reported at once, as :func:`civaffairs.requests.parse_batch` does); a
    request the library cannot decide for want of a parameter value is 422.
    """
    data = parse_json(body, what="request")
    many = isinstance(data, dict) and "requests" in data
    if many and isinstance(data["requests"], list) and len(data["requests"]) > requests.BATCH_LIMIT:
        count = len(data["requests"])
        expected = f"at most {requests.BATCH_LIMIT} requests in one batch"
        raise _Refused(413, [_error("$.requests", f"{count} requests", expected)])
    found = requests.parse_batch(data) if many else (requests.parse(data),)
    answers: list[requests.Answer] = []
    bad: list[InvalidInputError] = []
    undecidable: list[dict[str, str]] = []
    for index, request in enumerate(found):
        path = f"$.requests[{index}]" if many else "$"
        try:
            answers.append(requests.decide(request, book=book, path=path))
        except InvalidDocumentError as exc:
            bad.extend(exc.errors)
        except CivaffairsError as exc:
            undecidable.append(_undecidable(exc, request, path))
    if bad:
        raise InvalidDocumentError(bad, what="batch" if many else "request")
    if undecidable:
        raise _Refused(422, undecidable)
    if not many:
        return unstructure(answers[0])
    return {
        "uses_example_data": any(a.uses_example_data for a in answers),
        "answers": unstructure(answers),
    }


def _undecidable(exc: CivaffairsError, request: requests.Request, path: str) -> dict[str, str]:
    """Name what a well-formed request lacks: a date the data covers, or data for the place."""
    why = printable(str(exc))
    if isinstance(exc, ParameterOutOfRangeError):
        expected = f"an as-of date the parameter data covers ({why})"
        return _error(f"{path}.as_of", request.as_of.isoformat(), expected)
    if isinstance(exc, ParameterNotFoundError):
        place = request.jurisdiction or exc.jurisdiction
        return _error(f"{path}.jurisdiction", place, f"a place with the data needed ({why})")
    return _error(path, "(not decidable)", why)


_Handler = Callable[[Request], Coroutine[Any, Any, Response]]


def create_app(*, book: ParameterBook | None = None, max_body: int = MAX_BODY) -> ASGIApp:
    """Return the ASGI application: the routes of :mod:`civaffairs.serve`, guarded and logged.

    ``book`` is the parameter book decisions read (default: the shipped data);
    ``max_body`` the largest request body accepted, in bytes.

    .. versionadded:: 0.1.0
    """
    chosen = book or default_book()

    async def assess(request: Request) -> Response:
        body = await _body(request, max_body)
        return _json(await run_in_threadpool(_decide, body, chosen))

    async def params(request: Request) -> Response:
        query = request.query_params
        problems = [
            _error(key, "(present)", f"no such query parameter (known: {', '.join(_QUERY)})")
            for key in query
            if key not in _QUERY
        ]
        problems += [
            _error(key, f"{len(query.getlist(key))} values", "one value")
            for key in _QUERY
            if len(query.getlist(key)) > 1
        ]
        if problems:
            raise _Refused(400, problems)
        on = parse_date(query["on"], path="on") if "on" in query else None
        place = request.path_params["jurisdiction"]
        try:
            found = listing.parameters(
                place, on=on, match=query.get("match"), book=chosen, match_path="match"
            )
        except UnknownJurisdictionError as exc:
            expected = f"a GB/T 2260 code or Chinese name ({printable(str(exc))})"
            raise _Refused(404, [_error("jurisdiction", printable(place), expected)]) from None
        return _json(unstructure(list(found.values)))

    async def programmes(_: Request) -> Response:
        return _json(listing.programmes())

    async def schema_names(_: Request) -> Response:
        return _json({"names": list(openapi.schema_names())})

    async def schema(request: Request) -> Response:
        name = request.path_params["type"]
        if name not in openapi.schema_names():
            known = ", ".join(openapi.schema_names())
            raise _Refused(404, [_error("type", printable(name), f"a schema name: {known}")])
        return _json(openapi.schema(name))

    async def document(_: Request) -> Response:
        return _json(openapi.document())

    async def healthz(_: Request) -> Response:
        return _json({"status": "ok", "version": __version__})

    def guarded(handler: _Handler) -> _Handler:
        async def run(request: Request) -> Response:
            try:
                return await handler(request)
            except _Refused as exc:
                return _json({"errors": exc.errors}, exc.status)
            except ClientDisconnect:  # gone while sending: no one to answer, nothing to log
                return Response(status_code=400)
            except CivaffairsError as exc:
                return _json({"errors": _bad(exc)}, 400)

        return run

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)  # noqa: S101 - registered for HTTPException only
        if exc.status_code == 405:
            expected = f"one of the methods {exc.headers.get('Allow', '') if exc.headers else ''}"
            error = _error("method", printable(request.method), expected)
        else:
            error = _error("url", "(not a route)", f"one of the routes of {openapi.ROUTES}")
        return _json({"errors": [error]}, exc.status_code)

    async def server_error(_: Request, exc: Exception) -> Response:
        ERRORS.error("internal error: %s", _internal(exc))
        message = (
            f"an answer: this is an internal error, a bug in civaffairs ({_internal(exc)}), not "
            "in your input; its message is withheld because it could contain personal data"
        )
        return _json({"errors": [_error("$", "(withheld)", message)]}, 500)

    routes = [
        Route("/v1/assess", guarded(assess), methods=["POST"]),
        Route("/v1/params/{jurisdiction}", guarded(params), methods=["GET"]),
        Route("/v1/programmes", guarded(programmes), methods=["GET"]),
        Route("/v1/schema", guarded(schema_names), methods=["GET"]),
        Route("/v1/schema/{type}", guarded(schema), methods=["GET"]),
        Route("/openapi.json", guarded(document), methods=["GET"]),
        Route("/healthz", guarded(healthz), methods=["GET"]),
    ]
    app = Starlette(
        routes=routes,
        exception_handlers={HTTPException: http_error, Exception: server_error},
    )
    return _AccessLog(_Guard(app))


class _Guard:
    """Swallow what Starlette re-raises after answering 500, so no server logs a traceback."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = False

        async def sending(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, sending)
        except Exception as exc:
            if scope["type"] != "http":
                raise
            if not started:  # else Starlette's handler (server_error) answered and logged it
                ERRORS.error("internal error: %s", _internal(exc))
                error = _error("$", "(withheld)", "an answer: internal error")
                body = json.dumps({"errors": [error]})
                await send(
                    {
                        "type": "http.response.start",
                        "status": 500,
                        "headers": [(b"content-type", _JSON.encode())],
                    }
                )
                await send({"type": "http.response.body", "body": body.encode()})


class _AccessLog:
    """Log each request by method, route template, status, time and size — nothing personal."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        began = time.perf_counter()
        status = 0
        size = 0

        async def sending(message: Message) -> None:
            nonlocal status, size
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                size += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            route = getattr(scope.get("route"), "path", "(no route)")
            ACCESS.info(
                "%s %s %d %.1fms %dB",
                printable(str(scope.get("method", "?")))[:16],
                route,
                status,
                (time.perf_counter() - began) * 1000,
                size,
            )
