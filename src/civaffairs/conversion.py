"""JSON at the edges: one configured cattrs converter for every entity and decision.

* Extra keys are refused; every bad field is reported, not just the first,
  in one :class:`~civaffairs.errors.InvalidDocumentError` whose ``errors``
  name each field by path (``$.members[0].person.birth_date``).
* Money is written as a decimal string and read only from a string or an
  integer: a JSON number with a fraction (a float) is refused.
* Dates are ISO strings; enums are their values; sets are sorted lists.
* Personal data: :func:`dumps` and :func:`unstructure` mask resident ID
  numbers and names unless ``reveal_personal_data=True``.  Only the revealed
  form round-trips exactly (a masked number cannot be parsed back).
* Reading (:func:`parse_json`, :func:`loads`) never crashes and never guesses:
  a duplicate key, a lone surrogate, nesting deeper than :data:`MAX_DEPTH`, an
  integer of more than :data:`MAX_INTEGER_DIGITS` digits, ``NaN``/``Infinity``
  and bytes that are not UTF-8 (UTF-16/32 only with a byte-order mark) are
  refused by path, like any other bad field.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import codecs
import datetime as dt
import difflib
import enum
import json
import numbers
import re
import types
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar, Union, get_args, get_origin

import attrs
import cattrs
import cattrs.cols
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)

from civaffairs import jurisdictions
from civaffairs.dates import parse_date
from civaffairs.decisions import Citation, Reason
from civaffairs.entities import Household, check_distinct
from civaffairs.errors import InvalidDocumentError, InvalidInputError
from civaffairs.identity import ResidentId
from civaffairs.parameters import ParameterValue
from civaffairs.privacy import mask_identifier, mask_name

__all__ = [
    "MAX_DEPTH",
    "MAX_INTEGER_DIGITS",
    "AssessmentRequest",
    "dumps",
    "loads",
    "make_converter",
    "parse_json",
    "structure",
    "unstructure",
]

#: The deepest nesting of arrays and objects a document may have (a request needs 6).
MAX_DEPTH = 32
#: The most digits a JSON integer may have (a money amount below 10¹² yuan needs 12).
MAX_INTEGER_DIGITS = 40

T = TypeVar("T")

_PERSONAL_FIELDS = ("name", "resident_id")


#: Why a 低保 decision place must be county-level, quoted in the error.
_DIBAO_COUNTY = (
    "低保 is examined and approved by the county-level civil-affairs department "
    "(《社会救助暂行办法》第十一条(三); 民发〔2021〕57号 第二条)"
)


def _jurisdiction_code(value: str | None) -> str | None:
    """Accept a GB/T 2260 code or a unique Chinese name of a county-level unit; keep the code."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidInputError("$.jurisdiction", value, "a GB/T 2260 code as a string")
    try:
        jurisdictions.get(value)
    except LookupError:
        raise InvalidInputError(
            "$.jurisdiction", value, "a known GB/T 2260 code or a unique Chinese name"
        ) from None
    return jurisdictions.require_county(value, path="$.jurisdiction", why=_DIBAO_COUNTY).code


def _some_households(
    _instance: object, _attribute: attrs.Attribute[tuple[Household, ...]], value: object
) -> None:
    if isinstance(value, tuple) and not value:
        raise InvalidInputError(
            "$.households", "[]", "at least one household: an empty request has nothing to decide"
        )


@attrs.frozen
class AssessmentRequest:
    """The JSON document the CLI's ``assess`` reads: households and an optional as-of date.

    ``as_of`` may be omitted when the date is given on the command line; there
    is never a hidden "today".  ``jurisdiction`` is where the application is
    decided (default: each applicant's place of registration).

    .. versionadded:: 0.1.0
    """

    households: tuple[Household, ...] = attrs.field(validator=_some_households)
    as_of: dt.date | None = None
    jurisdiction: str | None = attrs.field(default=None, converter=_jurisdiction_code)

    def check_dates(self, on: dt.date) -> None:
        """Refuse a person born after ``on``, the as-of date, naming each by path.

        Nobody's age, and no decision, exists before birth; a birth date after
        the as-of date is a wrong date (or a wrong as-of date), never a person
        aged zero.  Raises :class:`~civaffairs.errors.InvalidDocumentError`.

        .. versionadded:: 0.1.0
        """
        errors = [
            InvalidInputError(
                f"$.households[{h}].members[{m}].person.birth_date",
                "(a birth date, withheld)",  # personal data: the path names the person
                f"a birth date on or before the as-of date {on.isoformat()}",
            )
            for h, household in enumerate(self.households)
            for m, member in enumerate(household.members)
            if member.person.birth_date > on
        ]
        if errors:
            raise InvalidDocumentError(errors, what="assessment request")

    def __attrs_post_init__(self) -> None:
        # One resident is one member of one household: a household id, a person id and a
        # resident ID each appear once in a request (civaffairs.entities.check_distinct).
        check_distinct(self.households)


@attrs.frozen
class _ReasonJSON:
    """The JSON form of a :class:`~civaffairs.decisions.Reason`: messages already formatted."""

    code: str
    met: bool | None
    zh: str
    en: str
    citation: Citation
    parameters: tuple[ParameterValue, ...] = ()
    facts: tuple[tuple[str, str], ...] = ()


#: A decimal string as the JSON Schemas state it (:mod:`civaffairs.schemas`): no spaces, no
#: underscores, no NaN or infinity — what :class:`~decimal.Decimal` would also accept is refused.
DECIMAL_PATTERN = r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$"
_DECIMAL_TEXT = re.compile(DECIMAL_PATTERN)


def _structure_decimal(value: object, _type: type) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool) or not isinstance(value, str | int):
        expected = 'a decimal string such as "770.50" or an integer'
        if isinstance(value, float):
            expected += " (a JSON number with a fraction is a float, which money refuses)"
        raise InvalidInputError("$", value, expected)
    if isinstance(value, str) and not _DECIMAL_TEXT.match(value):
        if value.strip().lstrip("+-").lower() in {"nan", "snan", "inf", "infinity"}:
            raise InvalidInputError("$", value, "a finite decimal number")
        raise InvalidInputError("$", value, 'a decimal number such as "770.50"')
    try:
        result = Decimal(value)
    except InvalidOperation:
        raise InvalidInputError("$", value, 'a decimal number such as "770.50"') from None
    if not result.is_finite():
        raise InvalidInputError("$", value, "a finite decimal number")
    return result


def _same_kind(value: object, member_value: object) -> bool:
    """Whether ``value`` is text for a text member, or a whole number (not a bool) for a number."""
    if isinstance(member_value, str):
        return isinstance(value, str)
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def _enum_hook(kind: type[enum.Enum]) -> Callable[[object, type], enum.Enum]:
    """Build the structure hook of one enum: a value of the right type names a member."""
    members = {member.value: member for member in kind}
    allowed = ", ".join(repr(m.value) for m in kind)
    # The members named by text, for the common case (a JSON string): looked up directly.
    by_text = {value: member for value, member in members.items() if isinstance(value, str)}

    def structure(value: object, _type: type) -> enum.Enum:
        if type(value) is str:
            found = by_text.get(value)
            if found is not None:
                return found
        if isinstance(value, kind):
            return value
        # 1 is not True and "1" is not 1: the value must be of the member value's kind.
        member = members.get(value) if isinstance(value, str | numbers.Integral) else None
        if member is not None and _same_kind(value, member.value):
            return member
        raise InvalidInputError("$", repr(value), f"one of {allowed}")

    return structure


def _structure_date(value: object, _type: type) -> dt.date:
    return parse_date(value)


def _structure_scalar(value: object, _type: object) -> Decimal | int | bool:
    if isinstance(value, bool | int):
        return value
    return _structure_decimal(value, Decimal)


def _is_scalar_union(kind: object) -> bool:
    return set(get_args(kind)) == {Decimal, int, bool}


def _structure_str(value: object, _type: type) -> str:
    if not isinstance(value, str):
        raise InvalidInputError("$", value, "a string")
    return value


def _structure_bool(value: object, _type: type) -> bool:
    if not isinstance(value, bool):
        raise InvalidInputError("$", value, "true or false")
    return value


def _structure_int(value: object, _type: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInputError("$", value, "an integer")
    return value


def _structure_pairs(value: object, _type: object) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise InvalidInputError("$", value, "an object of strings")
    return tuple(value.items())


def _structure_number(value: object, _type: type) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise InvalidInputError("$", value, "a number (a TOML integer or decimal)")
    if isinstance(value, Decimal) and not value.is_finite():
        raise InvalidInputError("$", value, "a finite number (not nan or inf)")
    return Decimal(value)


def _structure_calendar_date(value: object, _type: type) -> dt.date:
    if not isinstance(value, dt.date):
        raise InvalidInputError("$", value, "a TOML date (YYYY-MM-DD, unquoted)")
    return parse_date(value)


def make_converter(*, reveal_personal_data: bool = False, toml: bool = False) -> cattrs.Converter:
    """Build the library's cattrs converter.

    Use :func:`structure`, :func:`unstructure`, :func:`loads` and :func:`dumps`
    rather than the converter itself, unless you are extending it.  With
    ``toml`` (for TOML files such as the record books, whose numbers and dates
    are typed), a number must be a number and a date a date: the text forms
    JSON needs (``"770.50"``, ``"2025-01-01"``) are refused.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0
       ``toml``.
    """
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    converter.register_structure_hook(Decimal, _structure_number if toml else _structure_decimal)
    converter.register_unstructure_hook(Decimal, str)
    converter.register_structure_hook(
        dt.date, _structure_calendar_date if toml else _structure_date
    )
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _enum_hook
    )
    converter.register_unstructure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), lambda e: e.value
    )
    converter.register_structure_hook_func(_is_scalar_union, _structure_scalar)
    _arrays_only(converter)
    converter.register_unstructure_hook_func(
        _is_scalar_union, lambda v: str(v) if isinstance(v, Decimal) else v
    )

    def frozenset_hook(kind: Any) -> Callable[[object, Any], frozenset[Any]]:
        # Read as the list of the same items (an array only), the list's hook found once.
        items_type = list[get_args(kind)[0]]  # type: ignore[misc,valid-type]
        items_hook = converter.get_structure_hook(items_type)

        def structure_frozenset(value: object, _kind: Any) -> frozenset[Any]:
            items: list[Any] = items_hook(value, items_type)
            return frozenset(items)

        return structure_frozenset

    converter.register_structure_hook_factory(
        lambda t: getattr(t, "__origin__", None) is frozenset, frozenset_hook
    )
    converter.register_unstructure_hook_func(
        lambda t: getattr(t, "__origin__", None) is frozenset or t is frozenset,
        lambda v: sorted(
            (converter.unstructure(x) for x in v), key=lambda x: json.dumps(x, sort_keys=True)
        ),
    )
    _optionals(converter)
    pairs = tuple[tuple[str, str], ...]
    converter.register_structure_hook_func(lambda t: t == pairs, _structure_pairs)
    converter.register_unstructure_hook_func(lambda t: t == pairs, dict)

    reason_fields = ("code", "met", "zh", "en", "citation", "parameters", "facts")

    def unstructure_reason(reason: Reason) -> dict[str, Any]:
        data = {name: converter.unstructure(getattr(reason, name)) for name in reason_fields}
        data["facts"] = dict(reason.facts)
        return data

    def structure_reason(value: object, _type: type) -> Reason:
        data = converter.structure(value, _ReasonJSON)
        return Reason.from_messages(*attrs.astuple(data, recurse=False))

    converter.register_unstructure_hook(Reason, unstructure_reason)
    converter.register_structure_hook(Reason, structure_reason)

    def structure_id(value: object, _type: type) -> ResidentId:
        if not isinstance(value, str):
            raise InvalidInputError("$", type(value).__name__, "a resident ID number as a string")
        return ResidentId.parse(value)

    converter.register_structure_hook(ResidentId, structure_id)
    if reveal_personal_data:
        converter.register_unstructure_hook(ResidentId, ResidentId.reveal)
    else:
        converter.register_unstructure_hook(ResidentId, lambda rid: rid.masked)
        _mask_names(converter)
    return converter


def json_type(value: object) -> str:
    """Name the JSON type of a decoded value (``object``, ``array``, ``null`` …), for messages.

    .. versionadded:: 0.1.0
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list | tuple):
        return "array"
    if isinstance(value, str):
        return "string"
    if isinstance(value, int | float | Decimal):
        return "number"
    return type(value).__name__


def _arrays_only(converter: cattrs.Converter) -> None:
    """Make every homogeneous list and tuple field refuse what is not an array.

    cattrs builds a tuple from any iterable: a JSON object would become the tuple
    of its keys and a string the tuple of its characters — a wrong value read
    silently.  Only a list or a tuple is read as one.  (Registered before the
    hooks of the string pairs and of frozensets, which take precedence.)
    """

    def factory(kind: Any) -> Callable[[object, Any], Any]:
        if getattr(kind, "__origin__", kind) is tuple:
            base = cattrs.cols.homogenous_tuple_structure_factory(kind, converter)
        else:
            base = cattrs.cols.list_structure_factory(kind, converter)

        def structure(value: object, type_: Any) -> Any:
            if not isinstance(value, list | tuple):
                raise InvalidInputError("$", json_type(value), "a JSON array")
            return base(value, type_)

        return structure

    converter.register_structure_hook_factory(cattrs.cols.is_sequence, factory)


def _optional_of(kind: Any) -> Any:
    """Return the ``X`` of ``X | None`` when ``X`` is not an attrs class, else ``None``."""
    if not (isinstance(kind, types.UnionType) or get_origin(kind) is Union):
        return None
    args = get_args(kind)
    if len(args) != 2 or type(None) not in args:
        return None
    inner = args[0] if args[1] is type(None) else args[1]
    return None if attrs.has(inner) else inner


def _optionals(converter: cattrs.Converter) -> None:
    """Structure ``X | None`` (``X`` not an attrs class) with ``X``'s hook, found once.

    What cattrs' own hook for an optional does (``None`` stays ``None``, anything else
    goes to ``X``'s hook), without looking up ``X``'s hook again for every value.
    Optional attrs classes are left to cattrs (it treats a union of classes its own way).
    """

    def factory(kind: Any) -> Callable[[object, Any], Any]:
        inner = _optional_of(kind)
        hook = converter.get_structure_hook(inner)

        def structure(value: object, _type: Any) -> Any:
            if value is None:
                return None
            return hook(value, inner)

        return structure

    converter.register_structure_hook_factory(lambda t: _optional_of(t) is not None, factory)


def _mask_names(converter: cattrs.Converter) -> None:
    """Make persons unstructure with masked names."""
    from civaffairs.entities import Person  # noqa: PLC0415 - local to keep the hook obvious

    base = cattrs.gen.make_dict_unstructure_fn(Person, converter)

    def unstructure_person(person: Person) -> dict[str, Any]:
        data = base(person)
        if data.get("name") is not None:
            data["name"] = mask_name(data["name"])
        return data

    converter.register_unstructure_hook(Person, unstructure_person)


_CONVERTER = make_converter()
_REVEALING = make_converter(reveal_personal_data=True)


def _safe(path: str, value: str) -> str:
    """Mask a value shown in an error when the field holds personal data."""
    leaf = path.rsplit(".", 1)[-1]
    if leaf == "name":
        return mask_name(value.strip("'\""))
    if leaf == "resident_id":
        return mask_identifier(value.strip("'\""))
    return value


def _flatten(exc: BaseException, path: str) -> Iterator[InvalidInputError]:
    """Turn cattrs' exception groups into our errors, one per bad field, with paths."""
    if isinstance(exc, ClassValidationError | IterableValidationError):
        with_notes, without = exc.group_exceptions()
        for inner, note in with_notes:
            where = getattr(note, "name", None)
            step = f".{where}" if where is not None else f"[{getattr(note, 'index', '?')}]"
            yield from _flatten(inner, path + step)
        for inner in without:
            yield from _flatten(inner, path)
    elif isinstance(exc, ForbiddenExtraKeysError):
        known = [field.name for field in attrs.fields(exc.cl)] if attrs.has(exc.cl) else []
        for key in sorted(exc.extra_fields):
            yield InvalidInputError(f"{path}.{key}", "(present)", _no_such_key(key, known))
    elif isinstance(exc, InvalidInputError):
        error = exc.at(path) if path != "$" else exc
        if error.path.rsplit(".", 1)[-1] in _PERSONAL_FIELDS:
            error.value = _safe(error.path, error.value)
            error.refresh()
        yield error
    elif isinstance(exc, KeyError):
        yield InvalidInputError(path, "(missing)", "a value: this field is required")
    elif isinstance(exc, TypeError | ValueError | AttributeError):
        yield InvalidInputError(path, "(invalid)", "a value of the right shape (an object here?)")
    else:
        raise exc


def _no_such_key(key: str, known: list[str]) -> str:
    """Say what an unknown key should have been: the closest known key, then all of them."""
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    hint = f"did you mean {close[0]!r}? " if close else ""
    return f"no such key ({hint}known keys: {', '.join(sorted(known))})"


def structure(
    data: object,
    kind: type[T],
    *,
    what: str = "document",
    converter: cattrs.Converter | None = None,
) -> T:
    """Build a ``kind`` from JSON-like ``data``, or raise one error listing every bad field.

    ``converter`` defaults to the library's (:func:`make_converter`).

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0
       ``converter``.
    """
    if attrs.has(kind) and not isinstance(data, dict):
        shown = type(data).__name__
        raise InvalidDocumentError([InvalidInputError("$", shown, "a JSON object")], what=what)
    try:
        return (converter or _CONVERTER).structure(data, kind)
    except (ClassValidationError, IterableValidationError, InvalidInputError) as exc:
        raise InvalidDocumentError(list(_flatten(exc, "$")), what=what) from None
    except ForbiddenExtraKeysError as exc:
        raise InvalidDocumentError(list(_flatten(exc, "$")), what=what) from None


def unstructure(obj: object, *, reveal_personal_data: bool = False) -> Any:
    """Turn an entity or decision into JSON-ready data (personal data masked by default).

    .. versionadded:: 0.1.0
    """
    converter = _REVEALING if reveal_personal_data else _CONVERTER
    return converter.unstructure(obj)


def loads(text: str | bytes, kind: type[T], *, what: str = "document") -> T:
    """Parse a JSON document into a ``kind``; see :func:`parse_json` and :func:`structure`.

    .. versionadded:: 0.1.0
    """
    return structure(parse_json(text, what=what), kind, what=what)


# -- reading JSON strictly ---------------------------------------------------------------------

_UTF8_ONLY = (
    "a UTF-8 JSON document (RFC 8259 §8.1; UTF-16 and UTF-32 are read only with a "
    "byte-order mark); convert a GB18030/GBK file first, e.g. iconv -f GB18030 -t UTF-8"
)
#: Byte-order marks, longest first (the UTF-32 LE mark begins with the UTF-16 LE one).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class _Object(dict[str, Any]):
    """A JSON object as read: a dict that remembers the keys it was given twice."""

    duplicates: tuple[str, ...] = ()


class _LongInteger:
    """A JSON integer too long to be a value here; refused, by path, after parsing."""

    __slots__ = ("digits",)

    def __init__(self, digits: int) -> None:
        self.digits = digits

    def __repr__(self) -> str:
        return f"(an integer of {self.digits} digits)"


class _NonStandardConstantError(ValueError):
    """``NaN``, ``Infinity`` or ``-Infinity``: Python's json reads them, JSON has none."""


def _object(pairs: list[tuple[str, Any]]) -> _Object:
    found = _Object(pairs)
    if len(found) != len(pairs):
        seen: set[str] = set()
        twice = [key for key, _ in pairs if key in seen or seen.add(key)]  # type: ignore[func-returns-value]
        found.duplicates = tuple(dict.fromkeys(twice))
    return found


def _integer(text: str) -> int | _LongInteger:
    digits = len(text.lstrip("-"))
    return _LongInteger(digits) if digits > MAX_INTEGER_DIGITS else int(text)


def _constant(text: str) -> float:
    raise _NonStandardConstantError(text)


def _text(data: bytes) -> str:
    """Decode a document's bytes: UTF-8, or UTF-16/32 announced by a byte-order mark."""
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), None)
    if encoding is None and b"\x00" in data[:4]:
        raise InvalidInputError(
            "$", "bytes with NUL in the first four (UTF-16 or UTF-32 without a BOM?)", _UTF8_ONLY
        )
    try:
        return data.decode(encoding or "utf-8")
    except UnicodeDecodeError as exc:
        shown = (
            f"bytes that are not {encoding or 'UTF-8'} "
            f"(byte 0x{data[exc.start]:02x} at offset {exc.start})"
        )
        raise InvalidInputError("$", shown, _UTF8_ONLY) from None


#: A lone surrogate in parsed text (a Python ``str`` holds a pair as one character).
_SURROGATE = re.compile("[\ud800-\udfff]")
#: A ``\uD800``-``\uDFFF`` escape in a document's source.
_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")
#: The types of parsed nodes that can hold a problem other than a lone surrogate.
_NODES = frozenset({_Object, dict, list, _LongInteger})


def _may_hold_surrogate(source: str) -> bool:
    """Whether parsed text could hold a surrogate: the source has one, or escapes one."""
    if _ESCAPED_SURROGATE.search(source) is not None:
        return True
    return not source.isascii() and _SURROGATE.search(source) is not None


def _has_problem(node: object, depth: int, surrogate: Callable[[Any], object] | None) -> bool:
    """Whether :func:`_tree_errors` would find a problem in ``node`` (at ``depth``), quickly.

    The same walk, through the same nodes, without building a path for each: a good
    document (nearly every one) is passed by this check alone, and only a bad one is
    walked again by :func:`_tree_errors` for its problems, by path, in document order.
    ``surrogate`` is the lone-surrogate search, or ``None`` when texts need no look.
    """
    kind = type(node)
    if kind is str:
        return surrogate is not None and surrogate(node) is not None
    if kind is _LongInteger:
        return True
    if kind not in _NODES:
        return False
    if depth >= MAX_DEPTH:
        return True
    items: Iterable[object]
    if kind is list:
        items = node  # type: ignore[assignment]
    else:
        assert isinstance(node, dict)  # noqa: S101 - the other kinds of _NODES
        if getattr(node, "duplicates", ()):
            return True
        if surrogate is not None and any(surrogate(key) is not None for key in node):
            return True
        items = node.values()
    depth += 1
    for item in items:
        kind = type(item)
        if kind is str:
            if surrogate is not None and surrogate(item) is not None:
                return True
        elif kind in _NODES and _has_problem(item, depth, surrogate):
            return True
    return False


def _tree_errors(data: object, *, strings: bool = True) -> list[InvalidInputError]:
    """Every duplicate key, lone surrogate, over-long integer and too-deep nesting, by path.

    ``strings=False`` skips looking for lone surrogates (the source holds none).  Only
    nodes that can hold a problem are visited (objects, arrays, long integers and, when
    looked for, texts with a surrogate), in document order, so the problems come in the
    order of a walk through every node.
    """
    errors: list[InvalidInputError] = []
    stack: list[tuple[object, str, int]] = [(data, "$", 0)]
    surrogate = _SURROGATE.search
    while stack:
        node, path, depth = stack.pop()
        if isinstance(node, str):
            if surrogate(node) is not None:
                errors.append(
                    InvalidInputError(
                        path, _safe(path, node), "text without lone surrogates (not Unicode)"
                    )
                )
        elif isinstance(node, _LongInteger):
            errors.append(
                InvalidInputError(path, node, f"an integer of at most {MAX_INTEGER_DIGITS} digits")
            )
        elif isinstance(node, dict | list) and depth >= MAX_DEPTH:
            errors.append(
                InvalidInputError(path, "(nested deeper)", f"at most {MAX_DEPTH} levels of nesting")
            )
        elif isinstance(node, dict):
            errors.extend(
                InvalidInputError(f"{path}.{key}", "(given twice)", "each key once in an object")
                for key in getattr(node, "duplicates", ())
            )
            if not strings:
                stack.extend(
                    (value, f"{path}.{key}", depth + 1)
                    for key, value in reversed(node.items())
                    if type(value) in _NODES
                )
                continue
            for key, value in reversed(node.items()):
                if surrogate(key) is not None:
                    errors.append(
                        InvalidInputError(path, key, "keys without lone surrogates (not Unicode)")
                    )
                kind = type(value)
                if kind in _NODES or (kind is str and surrogate(value) is not None):
                    stack.append((value, f"{path}.{key}", depth + 1))
        elif isinstance(node, list):
            stack.extend(
                (item, f"{path}[{i}]", depth + 1)
                for i, item in reversed(list(enumerate(node)))
                if type(item) in _NODES
                or (strings and type(item) is str and surrogate(item) is not None)
            )
    return errors


def parse_json(text: str | bytes, *, what: str = "document") -> Any:
    r"""Read a JSON document strictly, or raise one error listing every problem by path.

    Bytes are UTF-8 (a UTF-8, UTF-16 or UTF-32 byte-order mark is honoured);
    anything else is refused, naming the encoding expected, rather than
    guessed.  Refused by path: a key given twice in one object (Python's json
    would keep the last silently), a lone surrogate (``"\ud800"``, not
    Unicode), an integer longer than :data:`MAX_INTEGER_DIGITS` digits,
    nesting deeper than :data:`MAX_DEPTH`, and the non-JSON constants ``NaN``
    and ``Infinity``.

    >>> parse_json('{"as_of": "2025-08-01", "as_of": "2025-09-01"}')
    Traceback (most recent call last):
    ...
    civaffairs.errors.InvalidDocumentError: invalid document: 1 problem
      - $.as_of: got (given twice), expected each key once in an object

    .. versionadded:: 0.1.0
    """
    # A key given twice or an over-long integer, seen while reading (then the walk reports it).
    seen: list[object] = []

    def pairs_hook(pairs: list[tuple[str, Any]]) -> _Object:
        found = _object(pairs)
        if found.duplicates:
            seen.append(found)
        return found

    def integer_hook(text: str) -> int | _LongInteger:
        found = _integer(text)
        if type(found) is _LongInteger:
            seen.append(found)
        return found

    try:
        source = _text(text) if isinstance(text, bytes) else text
        data = json.loads(
            source, object_pairs_hook=pairs_hook, parse_int=integer_hook, parse_constant=_constant
        )
    except InvalidInputError as exc:
        raise InvalidDocumentError([exc], what=what) from None
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}"
        error = InvalidInputError("$", where, f"valid JSON ({exc.msg})")
        raise InvalidDocumentError([error], what=what) from None
    except _NonStandardConstantError as exc:
        error = InvalidInputError("$", str(exc), "valid JSON (NaN and Infinity are not JSON)")
        raise InvalidDocumentError([error], what=what) from None
    except RecursionError:
        error = InvalidInputError(
            "$", "(nested too deep to read)", f"at most {MAX_DEPTH} levels of nesting"
        )
        raise InvalidDocumentError([error], what=what) from None
    strings = _may_hold_surrogate(source)
    if not (seen or strings) and source.count("{") + source.count("[") <= MAX_DEPTH:
        # Nothing to report: no key twice, no long integer, no surrogate and, with at most
        # MAX_DEPTH arrays and objects in all, none nested MAX_DEPTH deep.
        return data
    if not _has_problem(data, 0, _SURROGATE.search if strings else None):
        return data
    errors = _tree_errors(data, strings=strings)
    if errors:
        raise InvalidDocumentError(errors, what=what)
    return data


def dumps(obj: object, *, reveal_personal_data: bool = False, indent: int | None = 2) -> str:
    """Write an entity or decision as JSON (personal data masked by default).

    .. versionadded:: 0.1.0
    """
    return json.dumps(
        unstructure(obj, reveal_personal_data=reveal_personal_data),
        ensure_ascii=False,
        indent=indent,
    )
