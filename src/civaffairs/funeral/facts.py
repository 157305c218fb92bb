"""The facts of one death: the deceased, the services used, how the remains were laid to rest.

These are input facts, validated when built: a bad field raises
:class:`~civaffairs.errors.InvalidInputError` naming it (``$.quantity``,
``$.death_date`` …; :func:`civaffairs.conversion.structure` puts the path of
the enclosing document in front).  They round-trip through
:mod:`civaffairs.conversion` like every entity.

The deceased's place in the layered assistance system (特困, 低保 …) is an
input (:class:`~civaffairs.entities.AssistanceLayer`), decided elsewhere:
funeral rules never import :mod:`civaffairs.assistance`.

Rules that depend on the as-of date (a death date after it is impossible)
are checked by the rules, which know the date.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any, TypeVar

import attrs

from civaffairs import jurisdictions
from civaffairs.entities import AssistanceLayer, Person, Registration
from civaffairs.errors import InvalidInputError
from civaffairs.funeral.services import Service, Unit
from civaffairs.labels import Labelled
from civaffairs.money import MAX_DIGITS, YuanInput, exact_decimal, yuan

__all__ = [
    "QUANTITY_DIGITS",
    "QUANTITY_PLACES",
    "Burial",
    "Ceremony",
    "Deceased",
    "FuneralCase",
    "ServiceUse",
    "check_as_of",
    "decide_unknowns",
    "mattering",
    "unknown_facts",
    "variants",
]

#: Quantities may have at most this many decimal places (12.345 km, 1.5 hours).
QUANTITY_PLACES = 3
#: Quantities have fewer than this many digits before the point (below 10¹², as amounts of
#: money, :data:`civaffairs.money.MAX_DIGITS`), so a bill's exact products stay small.
QUANTITY_DIGITS = MAX_DIGITS


class Burial(Labelled):
    """How the remains were laid to rest, as incentive rules distinguish it.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 Members carry their labels (:class:`~civaffairs.labels.Labelled`).
    """

    #: 节地生态安葬: 树葬、草坪葬、花坛葬, or 壁葬/格位葬 in a lawful cemetery
    ECO = "eco", "节地生态安葬", "land-saving ecological burial"
    #: 不保留骨灰: ashes scattered (撒散) or buried deep without mound or stone (深埋不留坟头)
    NO_REMAINS_KEPT = "no_remains_kept", "不保留骨灰", "no remains kept"
    #: 墓位安葬 (an ordinary grave for the ashes)
    GRAVE = "grave", "墓位安葬", "grave"
    #: 土葬 (the body is buried, not cremated)
    BODY_BURIAL = "body_burial", "土葬", "burial of the body"


class Ceremony(Labelled):
    """The kind of funeral ceremony, as 文明治丧 incentive rules distinguish it.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 Members carry their labels (:class:`~civaffairs.labels.Labelled`).
    """

    #: 文明治丧: a farewell of at most two hours in a civic hall, or no ceremony at all
    CIVILISED = "civilised", "文明治丧", "civilised funeral"
    #: 丧事简办: at most two days and one night
    SIMPLIFIED = "simplified", "丧事简办", "simplified funeral"
    ORDINARY = "ordinary", "其他", "ordinary"


# -- validators --------------------------------------------------------------------------------


def _text(_instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError(f"$.{attribute.name}", value, "a non-empty string")


def _date(_instance: object, attribute: attrs.Attribute[dt.date], value: dt.date) -> None:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise InvalidInputError(f"$.{attribute.name}", value, "a calendar date")


def _optional_date(
    _instance: object, attribute: attrs.Attribute[dt.date | None], value: dt.date | None
) -> None:
    if value is not None and (not isinstance(value, dt.date) or isinstance(value, dt.datetime)):
        raise InvalidInputError(f"$.{attribute.name}", value, "a calendar date or null")


def _flag(_instance: object, attribute: attrs.Attribute[bool], value: object) -> None:
    if not isinstance(value, bool):
        raise InvalidInputError(f"$.{attribute.name}", value, "true or false")


def _optional_flag(
    _instance: object, attribute: attrs.Attribute[bool | None], value: object
) -> None:
    if value is not None and not isinstance(value, bool):
        raise InvalidInputError(f"$.{attribute.name}", value, "true, false or null (unknown)")


def _of_type(kind: type, expected: str, *, optional: bool = False) -> Any:
    def check(_instance: object, attribute: attrs.Attribute[object], value: object) -> None:
        if value is None and optional:
            return
        if not isinstance(value, kind):
            # the type only, never the value: a mapping here may hold a name or an ID number
            raise InvalidInputError(f"$.{attribute.name}", type(value).__name__, expected)

    return check


def _division(*, county: bool) -> Any:
    """Check a GB/T 2260 code (a county-level one when ``county``)."""

    def check(_instance: object, attribute: attrs.Attribute[str], value: str) -> None:
        path = f"$.{attribute.name}"
        if not isinstance(value, str) or not (len(value) == 6 and value.isdigit()):
            raise InvalidInputError(path, value, "a six-digit GB/T 2260 division code")
        try:
            found = jurisdictions.get(value)
        except LookupError:
            raise InvalidInputError(path, value, "a known GB/T 2260 division code") from None
        if county and found.level is not jurisdictions.Level.COUNTY:
            raise InvalidInputError(
                path,
                value,
                f"a county-level code (区/县/县级市), not the {found.level.value} {found.name}",
            )

    return check


def _quantity(value: Decimal | int | str) -> Decimal:
    path = "$.quantity"
    expected = f"a quantity of zero or more with at most {QUANTITY_PLACES} decimal places"
    refused = f"{expected}, as a decimal string or integer"
    amount = exact_decimal(value, path, refused=refused, unreadable=expected, other=expected)
    if not amount.is_finite() or amount < 0:
        raise InvalidInputError(path, str(value), expected)
    if amount and amount.adjusted() >= QUANTITY_DIGITS:
        # "1e999999999" overflowed normalize() (a 500 over HTTP), and "1e900000" made the
        # exact charge price × quantity a 900,000-digit integer: minutes of CPU per request.
        raise InvalidInputError(path, str(value), f"{expected}, less than 1,000,000,000,000")
    exponent = amount.normalize().as_tuple().exponent
    if isinstance(exponent, int) and exponent < -QUANTITY_PLACES:
        raise InvalidInputError(path, str(value), expected)
    return amount


def _price(value: YuanInput | None) -> Decimal | None:
    return None if value is None else yuan(value, path="$.price")


def _services(value: Iterable[ServiceUse]) -> tuple[ServiceUse, ...]:
    return tuple(value)


# -- facts -------------------------------------------------------------------------------------


@attrs.frozen
class ServiceUse:
    """One service used, with its quantity and unit: 遗体冷藏 4 天, 遗体接运 36 公里.

    ``unit`` is required: a distance or a time without its unit is refused,
    naming ``$.unit``.  ``price`` is the unit price the funeral home actually
    charged; leave it out to use the catalogue price of the jurisdiction (see
    :mod:`civaffairs.funeral.policy`).  Whole units (bodies, pieces, trips,
    sessions, cases) take whole quantities.

    .. versionadded:: 0.1.0
    """

    service: Service = attrs.field(validator=_of_type(Service, "a funeral service"))
    quantity: Decimal = attrs.field(converter=_quantity)
    unit: Unit | None = attrs.field(default=None, validator=_of_type(Unit, "a unit", optional=True))
    price: Decimal | None = attrs.field(default=None, converter=_price)

    def __attrs_post_init__(self) -> None:
        allowed = ", ".join(u.value for u in self.service.units)
        if self.unit is None:
            raise InvalidInputError(
                "$.unit",
                "null",
                f"the unit of the quantity {self.quantity} for {self.service.value}: one of "
                f"{allowed} (a quantity without its unit is ambiguous)",
            )
        if self.unit not in self.service.units:
            raise InvalidInputError(
                "$.unit", self.unit.value, f"a unit {self.service.value} is counted in: {allowed}"
            )
        if self.unit.is_whole and self.quantity != self.quantity.to_integral_value():
            raise InvalidInputError(
                "$.quantity", str(self.quantity), f"a whole number of {self.unit.en}s"
            )

    @property
    def counted_unit(self) -> Unit:
        """The unit (never ``None`` once built)."""
        assert self.unit is not None  # noqa: S101 - guaranteed by __attrs_post_init__
        return self.unit


@attrs.frozen
class Deceased:
    """The deceased: who (``person``, or ``None`` for an unidentified body), when and where.

    ``layer`` is the assistance layer the person was in at death (特困, 低保 …;
    an input, decided by :mod:`civaffairs.assistance`); ``priority_entitled``
    marks a 重点优抚对象.  Both are ``None`` when not established (never
    silently "none"/false): a rule whose answer depends on them then cannot
    decide and names ``$.deceased.layer`` or ``$.deceased.priority_entitled``
    (see :func:`unknown_facts` and :func:`variants`).  ``unidentified`` is a
    body the police could not identify (无名遗体): it has no person, no layer and no registration.
    ``place_of_death`` is a GB/T 2260 code at any level.

    .. versionadded:: 0.1.0
    """

    person: Person | None = attrs.field(validator=_of_type(Person, "a person", optional=True))
    death_date: dt.date = attrs.field(validator=_date)
    place_of_death: str = attrs.field(validator=_division(county=False))
    layer: AssistanceLayer | None = attrs.field(
        default=None,
        validator=_of_type(AssistanceLayer, "an assistance layer", optional=True),
    )
    priority_entitled: bool | None = attrs.field(default=None, validator=_optional_flag)
    unidentified: bool = attrs.field(default=False, validator=_flag)

    def __attrs_post_init__(self) -> None:
        person = self.person
        if person is None:
            if not self.unidentified:
                raise InvalidInputError(
                    "$.person", "null", "a person (or unidentified = true for an unidentified body)"
                )
            if self.layer not in (None, AssistanceLayer.NONE) or self.priority_entitled:
                raise InvalidInputError(
                    "$.layer",
                    "null" if self.layer is None else self.layer.value,
                    "'none' (or null) and no priority status for an unidentified body",
                )
            return
        if self.unidentified:
            raise InvalidInputError("$.unidentified", "true", "false when the person is known")
        if self.death_date < person.birth_date:
            raise InvalidInputError(
                "$.death_date",
                self.death_date.isoformat(),
                "a date on or after the birth date (not shown: personal data)",
            )

    @property
    def registration(self) -> Registration | None:
        """The household registration (户籍) of the deceased, ``None`` for an unidentified body."""
        return None if self.person is None else self.person.registration

    @property
    def masked(self) -> str:
        """How the deceased is named in explanations: masked, or ``无名遗体``."""
        return "无名遗体" if self.person is None else self.person.masked


@attrs.frozen
class FuneralCase:
    """One death and the funeral services provided for it.

    ``id`` is the funeral home's case reference (never personal data).
    ``cremation_place`` is the county-level division of the funeral home that
    served and cremated; ``cremation_date`` defaults to the death date where
    a date is needed.  ``cremated`` is false for a body burial (土葬), which
    ``burial`` must then say.

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=_text)
    deceased: Deceased = attrs.field(validator=_of_type(Deceased, "the deceased"))
    cremation_place: str = attrs.field(validator=_division(county=True))
    services: tuple[ServiceUse, ...] = attrs.field(default=(), converter=_services)
    cremated: bool = attrs.field(default=True, validator=_flag)
    cremation_date: dt.date | None = attrs.field(default=None, validator=_optional_date)
    burial: Burial | None = attrs.field(
        default=None, validator=_of_type(Burial, "a burial kind", optional=True)
    )
    ceremony: Ceremony | None = attrs.field(
        default=None, validator=_of_type(Ceremony, "a ceremony kind", optional=True)
    )

    def __attrs_post_init__(self) -> None:
        for index, use in enumerate(self.services):
            if not isinstance(use, ServiceUse):
                raise InvalidInputError(f"$.services[{index}]", type(use).__name__, "a service use")
        if self.cremation_date is not None and self.cremation_date < self.deceased.death_date:
            raise InvalidInputError(
                "$.cremation_date",
                self.cremation_date.isoformat(),
                f"a date on or after the death date {self.deceased.death_date.isoformat()}",
            )
        body_burial = self.burial is Burial.BODY_BURIAL
        if body_burial == self.cremated:
            raise InvalidInputError(
                "$.burial",
                "null" if self.burial is None else self.burial.value,
                "'body_burial' exactly when cremated is false",
            )

    @property
    def service_date(self) -> dt.date:
        """The cremation date, or the death date when none is recorded."""
        return self.cremation_date or self.deceased.death_date

    @property
    def subject(self) -> str:
        """How decisions and bills name the case: its reference and the masked deceased.

        .. versionadded:: 0.1.0
        """
        return f"{self.id} ({self.deceased.masked})"


def unknown_facts(deceased: Deceased) -> tuple[str, ...]:
    """Return the paths of the deceased's status facts that are not established.

    An unidentified body has no layer and no priority status to establish.

    .. versionadded:: 0.1.0
    """
    if deceased.person is None:
        return ()
    missing = []
    if deceased.layer is None:
        missing.append("$.deceased.layer")
    if deceased.priority_entitled is None:
        missing.append("$.deceased.priority_entitled")
    return tuple(missing)


def variants(case: FuneralCase) -> dict[tuple[AssistanceLayer, bool], FuneralCase]:
    """Return the case under every value its unknown status facts could take.

    Keyed by (layer, priority_entitled); a case with nothing unknown gives one
    entry.  Rules decide each variant and compare: when all agree the unknown
    fact does not matter.

    .. versionadded:: 0.1.0
    """
    deceased = case.deceased
    layers = list(AssistanceLayer) if deceased.layer is None else [deceased.layer]
    flags = [False, True] if deceased.priority_entitled is None else [deceased.priority_entitled]
    if deceased.person is None:
        layers, flags = [AssistanceLayer.NONE], [False]
    return {
        (layer, flag): attrs.evolve(
            case, deceased=attrs.evolve(deceased, layer=layer, priority_entitled=flag)
        )
        for layer in layers
        for flag in flags
    }


def mattering(
    signatures: dict[tuple[AssistanceLayer, bool], object], deceased: Deceased
) -> tuple[str, ...]:
    """Return the unknown paths whose value changes a signature, other facts held equal.

    .. versionadded:: 0.1.0
    """
    if deceased.person is None:
        return ()
    # (path, whether the fact is unknown, the position of the *other* fact in the key)
    facts = (
        ("$.deceased.layer", deceased.layer is None, 1),
        ("$.deceased.priority_entitled", deceased.priority_entitled is None, 0),
    )
    return tuple(path for path, unknown, held in facts if unknown and _varies(signatures, held))


def _varies(signatures: dict[tuple[AssistanceLayer, bool], object], held: int) -> bool:
    """Whether signatures differ between variants that agree on the fact at ``held``."""
    seen: dict[object, set[str]] = {}
    for key, signature in signatures.items():
        seen.setdefault(key[held], set()).add(repr(signature))
    return any(len(each) > 1 for each in seen.values())


_T = TypeVar("_T")


def decide_unknowns(
    case: FuneralCase, decide: Callable[[FuneralCase], _T], signature: Callable[[_T], object]
) -> tuple[_T, tuple[()]] | tuple[None, tuple[str, ...]]:
    """Decide ``case`` under every value its unknown status facts could take.

    Returns ``(result, ())`` when nothing is unknown, or when every variant has the same
    ``signature`` (what the rule's answer is made of): the result for the case with each
    unknown fact read as none (:attr:`AssistanceLayer.NONE`, not priority-entitled).
    Otherwise ``(None, missing)``, naming the facts that change the answer
    (:func:`mattering`), for the rule to answer "cannot decide".

    .. versionadded:: 0.1.0
    """
    deceased = case.deceased
    if not unknown_facts(deceased):
        return decide(case), ()
    results = {key: decide(each) for key, each in variants(case).items()}
    missing = mattering({key: signature(r) for key, r in results.items()}, deceased)
    if missing:
        return None, missing
    return results[(deceased.layer or AssistanceLayer.NONE, bool(deceased.priority_entitled))], ()


def check_as_of(case: FuneralCase, on: dt.date) -> None:
    """Refuse a case whose death or cremation is after the as-of date ``on``.

    Raises :class:`~civaffairs.errors.InvalidInputError` naming
    ``$.deceased.death_date`` or ``$.cremation_date``.

    .. versionadded:: 0.1.0
    """
    if case.deceased.death_date > on:
        raise InvalidInputError(
            "$.deceased.death_date",
            case.deceased.death_date.isoformat(),
            f"a date on or before the as-of date {on.isoformat()} (no death in the future)",
        )
    if case.cremation_date is not None and case.cremation_date > on:
        raise InvalidInputError(
            "$.cremation_date",
            case.cremation_date.isoformat(),
            f"a date on or before the as-of date {on.isoformat()}",
        )
