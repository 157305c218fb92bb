"""One request format for every programme of the registry, and the answer to it.

A request names the programme (or several deciding the same facts), the as-of
date, the place of decision and the facts — the same shape as a worked case of
a policy case file (:doc:`/howto/write-policy-cases`), so a case's input is a
request's input::

    {
      "programme": "assistance.dibao",          // or a list; default: assistance.layers
      "as_of": "2025-08-01",
      "jurisdiction": "500156",                 // optional: the place of decision
      "input": { ... },                         // the programme's facts (a household …)
      "options": { ... }                        // optional: the entry point's other keywords
    }

``input`` is the facts type of the programme's registry entry
(:meth:`civaffairs.registry.Entry.facts_type`): a household for 低保, an
:class:`~civaffairs.eldercare.groups.OlderPerson` for meal aid, a
:class:`~civaffairs.funeral.facts.FuneralCase` for a fee waiver …  Without a
``programme`` the request asks for the layered picture of social assistance
(``assistance.layers``: every assistance programme the household could reach,
one decision each, the layer on top), and ``input`` may be the household itself.
``options`` are the entry point's keyword arguments other than the date, the
place and the parameter book (``meals`` for meal aid, ``cost`` for home
adaptation …), structured by their annotations.

A batch is ``{"requests": [request, …]}``.  Every bad field of every request is
reported at once, by path (``$.requests[2].input.members[0].person.birth_date``);
nothing is decided until the whole document is good.

The answer (:class:`Answer`) carries ``uses_example_data`` at its top: whether
any decision in it used a value that is example data rather than law.

>>> import datetime as dt
>>> request = parse({"programme": "eldercare.longevity", "as_of": "2025-06-01",
...     "input": {"id": "s1", "birth_date": "1945-05-15", "sex": "male",
...               "registration": {"jurisdiction": "440304", "kind": "urban"}}})
>>> request.programmes, request.as_of
(('eldercare.longevity',), datetime.date(2025, 6, 1))
>>> answer = decide(request)
>>> answer.uses_example_data, answer.results[0].decision.amount.total
(True, Decimal('300'))

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import functools
import inspect
import operator
import types
import typing
from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from civaffairs import jurisdictions, registry
from civaffairs.conversion import json_type, parse_json, structure
from civaffairs.dates import parse_date
from civaffairs.errors import InvalidDocumentError, InvalidInputError
from civaffairs.parameters import ParameterBook, default_book

__all__ = [
    "BATCH_LIMIT",
    "DEFAULT_PROGRAMME",
    "LATEST_AS_OF",
    "Answer",
    "Request",
    "Result",
    "batch_items",
    "decide",
    "decide_all",
    "json_options",
    "loads",
    "parse",
    "parse_batch",
    "place_parameter",
]

#: The programme a request without one asks for: the layered picture of a household.
DEFAULT_PROGRAMME = "assistance.layers"

#: The most requests one batch may hold (the HTTP service and the CLI refuse more).
BATCH_LIMIT = 1000

#: The latest as-of date a request may give: the rules count periods (a month, a year) from
#: the as-of date, and the calendar ends on 9999-12-31.
LATEST_AS_OF = dt.date(9998, 12, 31)

_KEYS = ("programme", "as_of", "jurisdiction", "input", "options")
#: Keyword arguments every entry point takes, set by the request itself (not by options).
_RESERVED = frozenset({"on", "jurisdiction", "book"})


@attrs.frozen
class Request:
    """One request: programmes deciding the same facts, on a date, at a place.

    Build one with :func:`parse` (from JSON-like data) or directly; ``input`` must
    be an instance of every programme's facts type.

    .. versionadded:: 0.1.0
    """

    programmes: tuple[str, ...]
    as_of: dt.date
    input: object
    jurisdiction: str | None = None
    options: Mapping[str, object] = attrs.field(factory=dict)


@attrs.frozen
class Result:
    """One programme's answer to a request: its code and what its entry point returned.

    ``decision`` is a :class:`~civaffairs.decisions.Decision` for most programmes,
    a :class:`~civaffairs.assistance.layers.LayeredAssessment` for the layered
    picture, an :class:`~civaffairs.eldercare.assessment.AbilityResult` for the
    ability assessment, an :class:`~civaffairs.eldercare.entitlements.Entitlements`
    for the basic eldercare services.

    .. versionadded:: 0.1.0
    """

    uses_example_data: bool
    programme: str
    decision: Any  # the entry point's result; unstructured by its own class


@attrs.frozen
class Answer:
    """The answer to one request; ``uses_example_data`` is true when any result used example data.

    .. versionadded:: 0.1.0
    """

    uses_example_data: bool
    as_of: dt.date
    jurisdiction: str | None
    results: tuple[Result, ...]


def _problem(path: str, value: object, expected: str) -> InvalidDocumentError:
    return InvalidDocumentError([InvalidInputError(path, value, expected)], what="request")


def _programmes(data: Mapping[str, Any], path: str) -> Iterator[InvalidInputError | str]:
    """Yield the codes named at ``data["programme"]``, or the errors naming them."""
    named = data.get("programme", DEFAULT_PROGRAMME)
    codes = [named] if isinstance(named, str) else named
    if not isinstance(codes, list) or not codes:
        yield InvalidInputError(
            f"{path}.programme",
            json_type(named) if not isinstance(named, list) else "[]",
            "a programme code or a non-empty list of them (civaffairs programmes lists them)",
        )
        return
    seen: set[str] = set()
    for index, code in enumerate(codes):
        where = f"{path}.programme" + (f"[{index}]" if isinstance(named, list) else "")
        if not isinstance(code, str):
            yield InvalidInputError(where, json_type(code), "a programme code (a string)")
            continue
        if code in seen:
            yield InvalidInputError(where, code, "each programme once (it is named earlier)")
            continue
        seen.add(code)
        try:
            registry.entry(code)
        except InvalidInputError as exc:
            yield InvalidInputError(where, code, exc.expected)
            continue
        yield code


def _facts_type(codes: Sequence[str], path: str) -> type:
    """Return the facts type every programme of the request decides (or name the odd one)."""
    first = registry.entry(codes[0])
    kind = first.facts_type()
    for index, code in enumerate(codes[1:], start=1):
        other = registry.entry(code)
        if other.facts_type() is not kind:
            raise _problem(
                f"{path}.programme[{index}]",
                code,
                f"a programme deciding the same facts ({kind.__name__}) as {first.code}; "
                f"{code} decides a {other.facts_type().__name__}: send it as its own request",
            )
    return kind


def _plain(kind: Any) -> Any:
    """Return the JSON form of an option's annotation, or ``None`` when JSON cannot give it.

    Scalars (text, whole numbers, yes/no, money, dates, enum values), ``None``
    and homogeneous tuples of them can be given; a parameter book, a policy
    table or another decision cannot.  Money written ``Decimal | str | int`` is
    read as a :class:`~decimal.Decimal` (a decimal string or an integer).
    """
    if kind is type(None) or kind in {int, bool, str, Decimal, dt.date}:
        return kind
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return kind
    args = typing.get_args(kind)
    if typing.get_origin(kind) is tuple and len(args) == 2 and args[1] is Ellipsis:
        inner = _plain(args[0])
        return None if inner is None else tuple[inner, ...]  # type: ignore[valid-type]
    if typing.get_origin(kind) in {typing.Union, types.UnionType}:
        members = list(args)  # in the annotation's order, so schemas are generated alike
        if Decimal in members:  # the converter reads money from a string or an integer
            members = [m for m in members if m not in {str, int}]
        plain = [_plain(m) for m in members]
        if any(p is None for p in plain):
            return None
        return functools.reduce(operator.or_, plain)
    return None


def json_options(code: str) -> dict[str, Any]:
    """Return the options a request may give ``code``: name → the type JSON gives it.

    The entry point's keyword arguments other than the date, the place and the
    parameter book, whose type JSON can carry (:func:`_plain`).

    .. versionadded:: 0.1.0
    """
    hints = typing.get_type_hints(registry.entry(code).load())
    found = {}
    for name in _keywords(code):
        if name in _RESERVED:
            continue
        plain = _plain(hints[name])
        if plain is not None:
            found[name] = plain
    return found


def _options(code: str, raw: object, path: str) -> dict[str, object]:
    """Structure the options a request gives, by their JSON types; name every bad one."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise _problem(f"{path}.options", json_type(raw), "a JSON object of keyword options")
    allowed = json_options(code)
    options: dict[str, object] = {}
    errors: list[InvalidInputError] = []
    for name, value in raw.items():
        if name not in allowed:
            close = difflib.get_close_matches(name, list(allowed), n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            known = ", ".join(allowed) or "none"
            errors.append(
                InvalidInputError(
                    f"{path}.options.{name}",
                    "(present)",
                    f"no such option of {code} ({hint}options: {known})",
                )
            )
            continue
        try:
            options[name] = structure(value, allowed[name], what="option")
        except InvalidDocumentError as exc:
            errors.extend(e.at(f"{path}.options.{name}") for e in exc.errors)
    if errors:
        raise InvalidDocumentError(errors, what="request")
    return options


def _keywords(code: str) -> Mapping[str, inspect.Parameter]:
    """Return the keyword parameters of a programme's entry point."""
    return _keyword_parameters(registry.entry(code).load())


@functools.lru_cache(maxsize=256)
def _keyword_parameters(function: Callable[..., Any]) -> Mapping[str, inspect.Parameter]:
    """Return the keyword-only parameters of ``function``, read once per function.

    Remembered by the function itself (reading a signature costs some ten
    microseconds; a request asks for it twice), so an entry point replaced at run
    time is read afresh.
    """
    parameters = inspect.signature(function).parameters
    return types.MappingProxyType(
        {n: p for n, p in parameters.items() if p.kind is inspect.Parameter.KEYWORD_ONLY}
    )


def place_parameter(code: str) -> inspect.Parameter | None:
    """Return the entry point's ``jurisdiction`` parameter, or ``None`` when it takes no place.

    .. versionadded:: 0.1.0
    """
    return _keywords(code).get("jurisdiction")


def _place_problems(
    codes: Sequence[str], jurisdiction: str | None, path: str
) -> Iterator[InvalidInputError]:
    """Name a place given to a programme that takes none, or missing where one is needed."""
    for code in codes:
        taken = place_parameter(code)
        if taken is None and jurisdiction is not None:
            yield InvalidInputError(
                f"{path}.jurisdiction",
                jurisdiction,
                f"no place for {code}: it reads the place from its input (leave it out)",
            )
        elif taken is not None and taken.default is inspect.Parameter.empty and not jurisdiction:
            yield InvalidInputError(
                f"{path}.jurisdiction",
                "(missing)",
                f"the place of decision, a GB/T 2260 code: {code} needs one",
            )


def _born_after(value: object, on: dt.date, path: str) -> Iterator[InvalidInputError]:
    """Every birth date in the facts after the as-of date, by path (no age exists before birth).

    Persons, supporters, parties — any fact with a ``birth_date``.  The date itself
    is personal data and is withheld from the message.
    """
    found: list[InvalidInputError] = []
    _births_after(value, on, path, found)
    return iter(found)


def _births_after(value: object, on: dt.date, path: str, found: list[InvalidInputError]) -> None:
    """Add to ``found`` the birth dates after ``on`` in ``value``, walked depth first, in order.

    Only attrs instances and tuples are looked inside: a text, a date or a number holds
    no birth date.
    """
    walked = _walked_fields(type(value))
    if walked is not None:
        born = getattr(value, "birth_date", None)
        if isinstance(born, dt.date) and born > on:
            found.append(
                InvalidInputError(
                    f"{path}.birth_date",
                    "(a birth date, withheld)",
                    f"a birth date on or before the as-of date {on.isoformat()}",
                )
            )
        for name in walked:
            item = getattr(value, name)
            if isinstance(item, tuple) or _walked_fields(type(item)) is not None:
                _births_after(item, on, f"{path}.{name}", found)
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            if isinstance(item, tuple) or _walked_fields(type(item)) is not None:
                _births_after(item, on, f"{path}[{index}]", found)


#: The fields :func:`_births_after` walks, by attrs class (every field but ``birth_date``, in
#: order); ``None`` for a class that is not an attrs class.  A class's fields never change.
_WALKED: dict[type, tuple[str, ...] | None] = {}


def _walked_fields(kind: type) -> tuple[str, ...] | None:
    """Return the fields of the attrs class ``kind`` but ``birth_date``, or ``None``."""
    try:
        return _WALKED[kind]
    except KeyError:
        pass
    names = None
    if attrs.has(kind):
        fields = attrs.fields(kind)
        names = tuple(f.name for f in fields if f.name != "birth_date")
    _WALKED[kind] = names
    return names


def _head(
    data: dict[str, Any], path: str
) -> tuple[list[str], dt.date | None, str | None, list[InvalidInputError]]:
    """Read everything of a request but its facts: programmes, date, place, unknown keys."""
    errors: list[InvalidInputError] = []
    for key in data:
        if key not in _KEYS:
            close = difflib.get_close_matches(key, _KEYS, n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            errors.append(
                InvalidInputError(
                    f"{path}.{key}",
                    "(present)",
                    f"no such key ({hint}known keys: {', '.join(_KEYS)})",
                )
            )
    named = list(_programmes(data, path))
    errors.extend(e for e in named if isinstance(e, InvalidInputError))
    as_of: dt.date | None = None
    if "as_of" not in data:
        errors.append(InvalidInputError(f"{path}.as_of", "(missing)", "an as-of date YYYY-MM-DD"))
    else:
        try:
            as_of = parse_date(data["as_of"], path=f"{path}.as_of")
        except InvalidInputError as exc:
            errors.append(exc)
        if as_of is not None and as_of > LATEST_AS_OF:
            # Rules count months and years from the as-of date (the next month's first day,
            # a month's end): from 9999-12-31 that leaves the calendar (found over HTTP: a 500).
            latest = LATEST_AS_OF.isoformat()
            expected = f"an as-of date on or before {latest} (rules count periods past it)"
            errors.append(InvalidInputError(f"{path}.as_of", as_of.isoformat(), expected))
            as_of = None
    jurisdiction: str | None = None
    if data.get("jurisdiction") is not None:
        try:
            jurisdiction = _place(data["jurisdiction"], f"{path}.jurisdiction")
        except InvalidInputError as exc:
            errors.append(exc)
    if "input" not in data:
        errors.append(InvalidInputError(f"{path}.input", "(missing)", "the programme's facts"))
    return [c for c in named if isinstance(c, str)], as_of, jurisdiction, errors


def parse(data: object, *, path: str = "$") -> Request:
    """Build a :class:`Request` from JSON-like ``data``, or raise one error listing every bad field.

    Raises :class:`~civaffairs.errors.InvalidDocumentError` whose errors name each
    field by path under ``path``.

    .. versionadded:: 0.1.0
    """
    if not isinstance(data, dict):
        raise _problem(path, json_type(data), "a JSON object (a request)")
    codes, as_of, jurisdiction, errors = _head(data, path)
    if errors or not codes or as_of is None:
        raise InvalidDocumentError(errors, what="request")
    kind = _facts_type(codes, path)
    placed = list(_place_problems(codes, jurisdiction, path))
    if placed:
        raise InvalidDocumentError(placed, what="request")
    raw = data["input"]
    wrapped = (
        "programme" not in data
        and isinstance(raw, dict)
        and "household" not in raw
        and ("members" in raw or "id" in raw)
    )
    if wrapped:
        raw = {"household": raw}  # the layered picture of a bare household
    try:
        facts: object = structure(raw, kind, what="request")
    except InvalidDocumentError as exc:
        errors = [_rebased(e, path, wrapped=wrapped) for e in exc.errors]
        raise InvalidDocumentError(errors, what="request") from None
    if len(codes) > 1 and data.get("options") is not None:
        raise _problem(f"{path}.options", "(present)", "options with a single programme only")
    options = _options(codes[0], data.get("options"), path)
    born = list(_born_after(facts, as_of, f"{path}.input"))
    if born:
        raise InvalidDocumentError(born, what="request")
    return Request(tuple(codes), as_of, facts, jurisdiction, options)


def _rebased(error: InvalidInputError, path: str, *, wrapped: bool) -> InvalidInputError:
    """Place an error of the facts under ``path.input`` (undoing a bare household's wrapping)."""
    if wrapped and error.path.startswith("$.household"):
        clone = error.at(f"{path}.input")
        clone.path = f"{path}.input{error.path.removeprefix('$.household')}"
        clone.refresh()
        return clone
    return error.at(f"{path}.input")


def _place(value: object, path: str) -> str:
    """Return the code of a known GB/T 2260 code or unique name (suggestions if unknown)."""
    if not isinstance(value, str):
        raise InvalidInputError(path, json_type(value), "a GB/T 2260 code as a string")
    try:
        return jurisdictions.get(value).code
    except LookupError as exc:
        raise InvalidInputError(path, value, f"a known GB/T 2260 code or name ({exc})") from None


def batch_items(data: object) -> list[Any]:
    """Return the requests of a batch document, unread, or refuse its shape by path.

    ``{"requests": [...]}`` with nothing else, at most :data:`BATCH_LIMIT` requests.

    .. versionadded:: 0.1.0
    """
    if not isinstance(data, dict):
        raise _problem("$", json_type(data), 'a JSON object {"requests": [...]}')
    extra = [
        InvalidInputError(f"$.{key}", "(present)", "no such key (a batch holds only 'requests')")
        for key in data
        if key != "requests"
    ]
    if extra:
        raise InvalidDocumentError(extra, what="batch")
    items = data.get("requests")
    if not isinstance(items, list) or not items:
        shown = "[]" if isinstance(items, list) else json_type(items)
        raise _problem("$.requests", shown, "a non-empty array of requests")
    if len(items) > BATCH_LIMIT:
        raise _problem("$.requests", f"{len(items)} requests", f"at most {BATCH_LIMIT}")
    return items


def parse_batch(data: object) -> tuple[Request, ...]:
    """Build the requests of a batch ``{"requests": [...]}`` (at most :data:`BATCH_LIMIT`).

    Every bad field of every request is reported at once.

    .. versionadded:: 0.1.0
    """
    requests: list[Request] = []
    errors: list[InvalidInputError] = []
    for index, item in enumerate(batch_items(data)):
        try:
            requests.append(parse(item, path=f"$.requests[{index}]"))
        except InvalidDocumentError as exc:
            errors.extend(exc.errors)
    if errors:
        raise InvalidDocumentError(errors, what="batch")
    return tuple(requests)


def loads(text: str | bytes) -> tuple[Request, ...]:
    """Read a JSON request, or a batch, into its requests.

    .. versionadded:: 0.1.0
    """
    data = parse_json(text, what="request")
    if isinstance(data, dict) and "requests" in data:
        return parse_batch(data)
    return (parse(data),)


def _uses_example_data(result: object) -> bool:
    flag = getattr(result, "uses_example_data", None)
    if not isinstance(flag, bool):  # pragma: no cover - every entry point's result has it
        raise TypeError(f"{type(result).__name__} does not say whether it used example data")
    return flag


def _under(error: InvalidInputError, path: str, facts: str) -> InvalidInputError:
    """Root an entry point's error in the request: the place is the request's, the rest input's."""
    if error.path.startswith("$.jurisdiction"):
        return error.at(path)
    if error.path == "$.on":  # the entry point's date is the request's as-of date
        clone = error.at(path)
        clone.path = f"{path}.as_of"
        clone.refresh()
        return clone
    return error.at(facts)


def decide(
    request: Request,
    *,
    book: ParameterBook | None = None,
    path: str = "$",
    input_path: str | None = None,
) -> Answer:
    """Decide every programme of ``request``; the same decisions as each entry point gives.

    A fact the entry point refuses is reported by its path in the request
    (``$.input.members[0]…``; ``$.jurisdiction`` for the place), as
    :class:`~civaffairs.errors.InvalidDocumentError`.  ``path`` is the request's
    own path in a larger document, ``input_path`` where its facts were read
    (default: ``path.input``).

    .. versionadded:: 0.1.0
    """
    book = book or default_book()
    facts = input_path or f"{path}.input"
    results = []
    for code in request.programmes:
        place = {"jurisdiction": request.jurisdiction} if "jurisdiction" in _keywords(code) else {}
        try:
            decision = registry.assess(
                code, request.input, request.as_of, book=book, **place, **request.options
            )
        except InvalidDocumentError as exc:
            errors = [_under(e, path, facts) for e in exc.errors]
            raise InvalidDocumentError(errors, what="request") from None
        except InvalidInputError as exc:
            raise InvalidDocumentError([_under(exc, path, facts)], what="request") from None
        results.append(Result(_uses_example_data(decision), code, decision))
    return Answer(
        any(r.uses_example_data for r in results),
        request.as_of,
        request.jurisdiction,
        tuple(results),
    )


def decide_all(
    requests: Sequence[Request], *, book: ParameterBook | None = None
) -> tuple[Answer, ...]:
    """Decide a batch with one parameter book; every refused fact of every request at once.

    Paths are ``$.requests[i]…``; nothing is returned unless every request was decided.

    .. versionadded:: 0.1.0
    """
    book = book or default_book()
    answers: list[Answer] = []
    errors: list[InvalidInputError] = []
    for index, request in enumerate(requests):
        try:
            answers.append(decide(request, book=book, path=f"$.requests[{index}]"))
        except InvalidDocumentError as exc:
            errors.extend(exc.errors)
    if errors:
        raise InvalidDocumentError(errors, what="batch")
    return tuple(answers)
