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

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import numbers
from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar, get_args

import attrs
import cattrs
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
    "AssessmentRequest",
    "dumps",
    "loads",
    "make_converter",
    "structure",
    "unstructure",
]

T = TypeVar("T")

_PERSONAL_FIELDS = ("name", "resident_id")


def _jurisdiction_code(value: str | None) -> str | None:
    """Accept a GB/T 2260 code or a unique Chinese name; keep the code."""
    if value is None:
        return None
    try:
        return jurisdictions.get(value).code
    except LookupError:
        raise InvalidInputError(
            "$.jurisdiction", value, "a known GB/T 2260 code or a unique Chinese name"
        ) from None


@attrs.frozen
class AssessmentRequest:
    """The JSON document the CLI's ``assess`` reads: households and an optional as-of date.

    ``as_of`` may be omitted when the date is given on the command line; there
    is never a hidden "today".  ``jurisdiction`` is where the application is
    decided (default: each applicant's place of registration).

    .. versionadded:: 0.1.0
    """

    households: tuple[Household, ...]
    as_of: dt.date | None = None
    jurisdiction: str | None = attrs.field(default=None, converter=_jurisdiction_code)

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


def _structure_decimal(value: object, _type: type) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool) or not isinstance(value, str | int):
        expected = 'a decimal string such as "770.50" or an integer'
        if isinstance(value, float):
            expected += " (a JSON number with a fraction is a float, which money refuses)"
        raise InvalidInputError("$", value, expected)
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

    def structure(value: object, _type: type) -> enum.Enum:
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


def make_converter(*, reveal_personal_data: bool = False) -> cattrs.Converter:
    """Build the library's cattrs converter.

    Use :func:`structure`, :func:`unstructure`, :func:`loads` and :func:`dumps`
    rather than the converter itself, unless you are extending it.

    .. versionadded:: 0.1.0
    """
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    converter.register_structure_hook(Decimal, _structure_decimal)
    converter.register_unstructure_hook(Decimal, str)
    converter.register_structure_hook(dt.date, _structure_date)
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
    converter.register_unstructure_hook_func(
        _is_scalar_union, lambda v: str(v) if isinstance(v, Decimal) else v
    )

    def structure_frozenset(value: object, kind: Any) -> frozenset[Any]:
        items: list[Any] = converter.structure(value, list[get_args(kind)[0]])  # type: ignore[arg-type,misc]
        return frozenset(items)

    converter.register_structure_hook_func(
        lambda t: getattr(t, "__origin__", None) is frozenset, structure_frozenset
    )
    converter.register_unstructure_hook_func(
        lambda t: getattr(t, "__origin__", None) is frozenset or t is frozenset,
        lambda v: sorted(
            (converter.unstructure(x) for x in v), key=lambda x: json.dumps(x, sort_keys=True)
        ),
    )
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
        for key in sorted(exc.extra_fields):
            yield InvalidInputError(
                f"{path}.{key}", "(present)", "no such key: unknown keys are refused"
            )
    elif isinstance(exc, InvalidInputError):
        error = exc.at(path) if path != "$" else exc
        if error.path.rsplit(".", 1)[-1] in _PERSONAL_FIELDS:
            error.value = _safe(error.path, error.value)
            error.args = (error._message(),)
        yield error
    elif isinstance(exc, KeyError):
        yield InvalidInputError(path, "(missing)", "a value: this field is required")
    elif isinstance(exc, TypeError | ValueError | AttributeError):
        yield InvalidInputError(path, "(invalid)", "a value of the right shape (an object here?)")
    else:
        raise exc


def structure(data: object, kind: type[T], *, what: str = "document") -> T:
    """Build a ``kind`` from JSON-like ``data``, or raise one error listing every bad field.

    .. versionadded:: 0.1.0
    """
    if attrs.has(kind) and not isinstance(data, dict):
        shown = type(data).__name__
        raise InvalidDocumentError([InvalidInputError("$", shown, "a JSON object")], what=what)
    try:
        return _CONVERTER.structure(data, kind)
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
    """Parse a JSON document into a ``kind``; see :func:`structure`.

    .. versionadded:: 0.1.0
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidDocumentError(
            [
                InvalidInputError(
                    "$", f"line {exc.lineno} column {exc.colno}", f"valid JSON ({exc.msg})"
                )
            ],
            what=what,
        ) from None
    return structure(data, kind, what=what)


def dumps(obj: object, *, reveal_personal_data: bool = False, indent: int | None = 2) -> str:
    """Write an entity or decision as JSON (personal data masked by default).

    .. versionadded:: 0.1.0
    """
    return json.dumps(
        unstructure(obj, reveal_personal_data=reveal_personal_data),
        ensure_ascii=False,
        indent=indent,
    )
