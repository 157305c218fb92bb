"""火葬区 and 土葬改革区: the funeral zone of a place, and the cremation-rate indicator.

Under the 殡葬管理条例 (国务院令第225号) provincial governments designate
cremation zones (火葬区), where bodies are cremated, and burial-reform zones
(土葬改革区), where burial is still allowed but reformed (public cemeteries,
no burial on farmland).  The zone changes which rules apply: 民发〔2012〕211号
encourages incentives for eco-burial and for **voluntary cremation in
burial-reform zones** (see :mod:`civaffairs.funeral.subsidy`).

Zones are dated data (:meth:`~civaffairs.funeral.policy.FuneralPolicy.zone`),
recorded by GB/T 2260 code: the finest grain is a county, although real
designations often split a county by township.  The seed jurisdictions'
zoning was not found: what ships is example data and says so.

The **cremation rate** (火化率) is the number of cremations divided by the
number of deaths, counted in the cremation zone.  :func:`cremation_rate`
returns it as an exact ratio, counting only the areas in the cremation zone
on the date, and compares it with a target (Qingshen's 2020 plan: at least
96 %, ``funeral.zones.cremation_rate_target``) without rounding.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import attrs

from civaffairs import jurisdictions
from civaffairs.errors import InvalidInputError
from civaffairs.funeral.policy import (
    FuneralPolicy,
    Zone,
    ZoneRecord,
    ZoneUnknownError,
    default_policy,
)
from civaffairs.parameters import ParameterBook, ParameterValue, default_book

__all__ = [
    "AreaCount",
    "CremationRate",
    "cremation_rate",
    "cremation_rate_target",
    "zone_of",
]


def zone_of(jurisdiction: str, on: dt.date, *, policy: FuneralPolicy | None = None) -> ZoneRecord:
    """Return the funeral zone of ``jurisdiction`` on ``on``, with its provenance.

    Raises :class:`~civaffairs.funeral.policy.ZoneUnknownError` when no level
    of the chain records it.

    >>> zone_of("421303", dt.date(2025, 3, 1)).zone.zh
    '火葬区'

    .. versionadded:: 0.1.0
    """
    return (policy or default_policy()).zone(jurisdiction, on)


def _count(_instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidInputError(f"$.{attribute.name}", value, "a whole number of zero or more")


def _code(_instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    try:
        found = jurisdictions.get(value) if isinstance(value, str) else None
    except LookupError:
        found = None
    if found is None or found.code != value:
        raise InvalidInputError(f"$.{attribute.name}", value, "a known GB/T 2260 division code")


@attrs.frozen
class AreaCount:
    """Deaths and cremations of one area over the period measured.

    .. versionadded:: 0.1.0
    """

    jurisdiction: str = attrs.field(validator=_code)
    deaths: int = attrs.field(validator=_count)
    cremations: int = attrs.field(validator=_count)

    def __attrs_post_init__(self) -> None:
        if self.cremations > self.deaths:
            raise InvalidInputError(
                "$.cremations",
                self.cremations,
                f"at most the number of deaths ({self.deaths}): the rate counts deaths of the area",
            )


@attrs.frozen
class CremationRate:
    """The cremation rate over the areas in the cremation zone on ``on``.

    ``counted`` are the areas in the cremation zone, ``excluded`` those in
    the burial-reform zone and ``unknown`` those whose zone is not recorded
    (only when the caller asked to skip them); ``parameters`` are the zone
    records used.

    .. versionadded:: 0.1.0
    """

    on: dt.date
    deaths: int
    cremations: int
    counted: tuple[str, ...]
    excluded: tuple[str, ...]
    unknown: tuple[str, ...]
    parameters: tuple[ParameterValue, ...]

    @property
    def ratio(self) -> Fraction | None:
        """Cremations / deaths, exactly; ``None`` when no death was counted."""
        return None if self.deaths == 0 else Fraction(self.cremations, self.deaths)

    def percent(self, places: int = 2) -> Decimal | None:
        """Return the rate in per cent, rounded half up to ``places`` decimals (display only)."""
        ratio = self.ratio
        if ratio is None:
            return None
        exact = Decimal(ratio.numerator * 100) / Decimal(ratio.denominator)
        return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)

    def meets(self, target: Decimal) -> bool | None:
        """Whether the rate is at least ``target`` (a share: ``0.96``), compared exactly."""
        ratio = self.ratio
        return None if ratio is None else ratio >= Fraction(target)

    @property
    def uses_example_data(self) -> bool:
        """Whether any zone record behind the rate is example data."""
        return any(p.status.value == "example" for p in self.parameters)


def cremation_rate(
    areas: Iterable[AreaCount],
    on: dt.date,
    *,
    policy: FuneralPolicy | None = None,
    skip_unknown: bool = False,
) -> CremationRate:
    """Return the cremation rate of ``areas``, counting those in the cremation zone on ``on``.

    Areas must not overlap (a prefecture and one of its counties would count
    deaths twice): an overlap raises
    :class:`~civaffairs.errors.InvalidInputError` naming ``$[i].jurisdiction``.
    An area whose zone is not recorded raises
    :class:`~civaffairs.funeral.policy.ZoneUnknownError`, unless
    ``skip_unknown``, when it is listed in :attr:`CremationRate.unknown`.

    .. versionadded:: 0.1.0
    """
    policy = policy or default_policy()
    listed = list(areas)
    for index, area in enumerate(listed):
        for other in listed[:index]:
            if jurisdictions.is_within(area.jurisdiction, other.jurisdiction) or (
                jurisdictions.is_within(other.jurisdiction, area.jurisdiction)
            ):
                raise InvalidInputError(
                    f"$[{index}].jurisdiction",
                    area.jurisdiction,
                    f"an area not overlapping {other.jurisdiction} (deaths would count twice)",
                )
    deaths = cremations = 0
    counted: list[str] = []
    excluded: list[str] = []
    unknown: list[str] = []
    used: list[ParameterValue] = []
    for area in listed:
        try:
            record = policy.zone(area.jurisdiction, on)
        except ZoneUnknownError:
            if not skip_unknown:
                raise
            unknown.append(area.jurisdiction)
            continue
        used.append(record.parameter)
        if record.zone is Zone.CREMATION:
            counted.append(area.jurisdiction)
            deaths += area.deaths
            cremations += area.cremations
        else:
            excluded.append(area.jurisdiction)
    return CremationRate(
        on=on,
        deaths=deaths,
        cremations=cremations,
        counted=tuple(counted),
        excluded=tuple(excluded),
        unknown=tuple(unknown),
        parameters=tuple(dict.fromkeys(used)),
    )


def cremation_rate_target(
    jurisdiction: str, on: dt.date, *, book: ParameterBook | None = None
) -> tuple[Decimal, ParameterValue]:
    """Return the cremation-rate target in force in ``jurisdiction`` on ``on`` and its source.

    >>> cremation_rate_target("511425", dt.date(2020, 6, 30))[0]
    Decimal('0.96')

    .. versionadded:: 0.1.0
    """
    return (book or default_book()).rate("funeral.zones.cremation_rate_target", jurisdiction, on)
