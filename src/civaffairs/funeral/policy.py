"""Funeral policy data: service catalogues, fee-waiver schemes and cremation zones.

These are tables, not single figures, so they do not fit the scalar
:class:`~civaffairs.parameters.ParameterBook`; they ship as TOML under
``civaffairs/funeral/data/``, **one file per jurisdiction** (``<GB/T 2260
code>.toml``), with the parameter files' discipline: every record is dated
(``effective_from``, optional inclusive ``effective_to``), ``sourced`` or
``example`` (an example record must say where it comes from in ``note``),
cites a ``[sources.KEY]`` table, and the loader refuses unknown keys, unknown
services or units, overlapping periods and every other malformation — all
problems at once, in one :class:`~civaffairs.errors.ParameterFileError`.

A file holds three kinds of record:

``[[catalogue]]``
    One priced item: a :class:`~civaffairs.funeral.services.Service`, its
    :class:`~civaffairs.funeral.services.Unit` and the unit ``price`` (元).
    For each service, the most specific jurisdiction on the chain county →
    prefecture → province → national that prices it on the date supplies all
    its items; a service that no level prices is not in the catalogue.
``[[scheme]]``
    A fee-waiver scheme (惠民殡葬 / 免除基本殡葬服务费用): who is covered
    (:class:`Beneficiary` groups; registration within ``registration_scope``
    of the funeral home's county), the items waived and their limits
    (``[[scheme.allowance]]``: a free quantity, a cap per unit, a cap per
    case) and whether it follows its residents when they are cremated
    elsewhere (``[[scheme.elsewhere]]``).  :meth:`FuneralPolicy.scheme` gives
    the most specific scheme in force on the date;
    :meth:`FuneralPolicy.scheme_chain` gives every level's, since a parent
    level's scheme (up to the national one) stays in force under a local one
    as a floor (see :mod:`civaffairs.funeral.waiver`).
``[[zone]]``
    Whether the jurisdiction is a cremation zone (火葬区) or a burial-reform
    zone (土葬改革区) on the date; the most specific record wins.

Every record used by a decision is reported as a
:class:`~civaffairs.parameters.ParameterValue` (name ``funeral.price.…``,
``funeral.scheme.…``, ``funeral.zone``), so decisions carry the status and
source of each figure exactly as for scalar parameters, and
:attr:`~civaffairs.decisions.Decision.uses_example_data` works unchanged.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import itertools
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import attrs

from civaffairs import jurisdictions
from civaffairs.decisions import Citation, Document
from civaffairs.errors import CivaffairsError, InvalidInputError, ParameterFileError
from civaffairs.funeral.services import Service, Unit
from civaffairs.money import yuan
from civaffairs.parameters import Dated, ParameterValue, Scalar, Source, Status

__all__ = [
    "Allowance",
    "Beneficiary",
    "Catalogue",
    "CatalogueItem",
    "ElsewhereRule",
    "FuneralPolicy",
    "Provenance",
    "Scheme",
    "ScopeLevel",
    "Zone",
    "ZoneRecord",
    "ZoneUnknownError",
    "default_policy",
]

_ONE_DAY = dt.timedelta(days=1)
_PSEUDO_PREFECTURES = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})


class ZoneUnknownError(CivaffairsError, LookupError):
    """No record on the jurisdiction's chain says which funeral zone it is in on the date.

    .. versionadded:: 0.1.0
    """

    def __init__(self, jurisdiction: str, on: dt.date, chain: Iterable[str]) -> None:
        self.jurisdiction = jurisdiction
        self.on = on
        self.chain = tuple(chain)
        super().__init__(
            f"the funeral zone of {jurisdiction} on {on.isoformat()} is not recorded "
            f"(looked in {' -> '.join(self.chain)})"
        )


class ScopeLevel(enum.Enum):
    """An area around a place: its county, prefecture, province, or the whole country.

    Where GB/T 2260 puts a county under a pseudo-prefecture (重庆's ``500100``
    市辖区, Hubei's ``429000`` 省直辖县级行政区划), there is no real prefecture:
    the prefecture-level area of such a county is the county itself.

    .. versionadded:: 0.1.0
    """

    COUNTY = "county"
    PREFECTURE = "prefecture"
    PROVINCE = "province"
    NATIONAL = "national"

    @property
    def zh(self) -> str:
        """The level in Chinese (``本县(市、区)`` …)."""
        return _SCOPE_LABELS[self][0]

    @property
    def en(self) -> str:
        """The level in English."""
        return _SCOPE_LABELS[self][1]

    def area(self, code: str) -> str:
        """Return the code of the area of this level that contains ``code``.

        >>> ScopeLevel.PREFECTURE.area("421381"), ScopeLevel.PREFECTURE.area("500156")
        ('421300', '500156')

        .. versionadded:: 0.1.0
        """
        if self is ScopeLevel.NATIONAL:
            return jurisdictions.NATIONAL
        lineage = jurisdictions.chain(code)
        if self is ScopeLevel.PROVINCE:
            return lineage[-1].code
        county = next((j for j in lineage if j.level is jurisdictions.Level.COUNTY), lineage[0])
        if self is ScopeLevel.COUNTY:
            return county.code
        prefecture = next((j for j in lineage if j.level is jurisdictions.Level.PREFECTURE), None)
        if prefecture is None or prefecture.name in _PSEUDO_PREFECTURES:
            return county.code
        return prefecture.code

    def contains(self, anchor: str, code: str) -> bool:
        """Whether ``code`` lies in the area of this level around ``anchor``.

        .. versionadded:: 0.1.0
        """
        return jurisdictions.is_within(code, self.area(anchor))


_SCOPE_LABELS = {
    ScopeLevel.COUNTY: ("本县(市、区)", "the same county"),
    ScopeLevel.PREFECTURE: ("本市(州)", "the same prefecture"),
    ScopeLevel.PROVINCE: ("本省(区、市)", "the same province"),
    ScopeLevel.NATIONAL: ("全国范围", "the whole country"),
}


class Beneficiary(enum.Enum):
    """A group a waiver scheme covers.

    Every group but ``unidentified`` and ``died_locally`` requires household
    registration within the scheme's registration scope: a status such as
    低保 is granted by the place of registration.

    .. versionadded:: 0.1.0
    """

    REGISTERED = "registered"  #: 户籍居民 (every resident registered within the scope)
    EXTREME_POVERTY = "extreme_poverty"  #: 特困人员
    DIBAO = "dibao"  #: 低保对象
    MARGINAL = "marginal"  #: 低保边缘家庭成员
    RIGID_EXPENDITURE = "rigid_expenditure"  #: 刚性支出(支出型)困难家庭成员
    PRIORITY_ENTITLED = "priority_entitled"  #: 重点优抚对象
    UNIDENTIFIED = "unidentified"  #: 无名遗体
    DIED_LOCALLY = "died_locally"  #: 非本地户籍、在本地死亡的人员

    @property
    def zh(self) -> str:
        """The group in Chinese."""
        return _GROUP_LABELS[self][0]

    @property
    def en(self) -> str:
        """The group in English."""
        return _GROUP_LABELS[self][1]


_GROUP_LABELS = {
    Beneficiary.REGISTERED: ("户籍居民", "registered resident"),
    Beneficiary.EXTREME_POVERTY: ("特困人员", "extreme-poverty person"),
    Beneficiary.DIBAO: ("低保对象", "dibao recipient"),
    Beneficiary.MARGINAL: ("低保边缘家庭成员", "member of a marginal low-income household"),
    Beneficiary.RIGID_EXPENDITURE: (
        "刚性支出困难家庭成员",
        "member of a rigid-expenditure hardship household",
    ),
    Beneficiary.PRIORITY_ENTITLED: ("重点优抚对象", "priority entitled person"),
    Beneficiary.UNIDENTIFIED: ("无名遗体", "unidentified body"),
    Beneficiary.DIED_LOCALLY: ("在本地死亡的非户籍人员", "non-resident who died locally"),
}


class Zone(enum.Enum):
    """The funeral zone a place is in (殡葬管理条例).

    .. versionadded:: 0.1.0
    """

    CREMATION = "cremation"  #: 火葬区
    BURIAL_REFORM = "burial_reform"  #: 土葬改革区

    @property
    def zh(self) -> str:
        """The zone in Chinese."""
        return "火葬区" if self is Zone.CREMATION else "土葬改革区"

    @property
    def en(self) -> str:
        """The zone in English."""
        return "cremation zone" if self is Zone.CREMATION else "burial-reform zone"


# -- records -----------------------------------------------------------------------------------


@attrs.frozen
class Provenance(Dated):
    """Where a record applies, when, and on what authority.

    .. versionadded:: 0.1.0
    """

    jurisdiction: str
    effective_from: dt.date
    effective_to: dt.date | None
    status: Status
    source: Source | None
    article: str | None = None
    note: str | None = None

    def citation(self) -> Citation:
        """Return the record's source as a citation; example data says so."""
        if self.source is None:
            document = Document("示例数据 (example data, no source)")
        else:
            document = Document(self.source.title, self.source.document_number)
        note = "EXAMPLE DATA, not law" if self.status is Status.EXAMPLE else None
        return Citation(document, self.article, note=note)

    def parameter(self, name: str, value: Scalar, unit: str) -> ParameterValue:
        """Report this record as a parameter value (for a decision's provenance)."""
        return ParameterValue(
            name=name,
            jurisdiction=self.jurisdiction,
            value=value,
            unit=unit,
            effective_from=self.effective_from,
            effective_to=self.effective_to,
            status=self.status,
            source=self.source,
            article=self.article,
            note=self.note,
        )


@attrs.frozen
class CatalogueItem:
    """A priced service: 遗体火化 330 元/具.

    .. versionadded:: 0.1.0
    """

    service: Service
    unit: Unit
    price: Decimal
    provenance: Provenance

    @property
    def parameter(self) -> ParameterValue:
        """The item as a parameter value ``funeral.price.<service>.<unit>``."""
        return self.provenance.parameter(
            f"funeral.price.{self.service.value}.{self.unit.value}",
            self.price,
            f"CNY per {self.unit.en}",
        )


@attrs.frozen
class Allowance:
    """One item a scheme waives, for some groups, within limits.

    With no limit the item is waived in full.  ``free_quantity`` (in
    ``unit``) is the quantity waived per case (3 days of storage, 1 year of
    ash storage); ``unit_cap`` caps the waived price per ``unit`` (5 元 per
    km); ``cap`` caps the waived amount per case (300 元 for storage).  The
    limits combine; lines of the service in another unit are converted when
    the units convert exactly (hours and days), else not waived.

    .. versionadded:: 0.1.0
    """

    service: Service
    groups: frozenset[Beneficiary]
    unit: Unit | None
    free_quantity: Decimal | None
    unit_cap: Decimal | None
    cap: Decimal | None
    provenance: Provenance

    @property
    def is_full(self) -> bool:
        """Whether the item is waived without any limit."""
        return self.free_quantity is None and self.unit_cap is None and self.cap is None

    def limit(self, lang: str = "zh") -> str:
        """Describe the limits, e.g. ``3 天以内, 每例不超过 300 元``."""
        parts: list[str] = []
        unit = self.unit
        if lang == "zh":
            if self.free_quantity is not None and unit is not None:
                parts.append(f"{self.free_quantity} {unit.zh}以内")
            if self.unit_cap is not None and unit is not None:
                parts.append(f"每{unit.zh}不超过 {self.unit_cap} 元")
            if self.cap is not None:
                parts.append(f"每例不超过 {self.cap} 元")
            return ", ".join(parts) or "全额免除"
        if self.free_quantity is not None and unit is not None:
            parts.append(f"up to {self.free_quantity} {unit.en}(s)")
        if self.unit_cap is not None and unit is not None:
            parts.append(f"at most {self.unit_cap} yuan per {unit.en}")
        if self.cap is not None:
            parts.append(f"at most {self.cap} yuan per case")
        return ", ".join(parts) or "waived in full"

    def parameter(self, scheme: str) -> ParameterValue:
        """Return the allowance as a parameter value ``funeral.scheme.<scheme>.<service>``.

        Its value is the cap per case when there is one, else the free
        quantity, else ``True`` (waived in full).
        """
        value: Scalar
        unit = "yes/no (waived in full)"
        if self.cap is not None:
            value, unit = self.cap, "CNY per case"
        elif self.free_quantity is not None and self.unit is not None:
            value, unit = self.free_quantity, f"{self.unit.en}s free per case"
        elif self.unit_cap is not None and self.unit is not None:
            value, unit = self.unit_cap, f"CNY per {self.unit.en}"
        else:
            value = True
        return self.provenance.parameter(
            f"funeral.scheme.{scheme}.{self.service.value}", value, unit
        )


@attrs.frozen
class ElsewhereRule:
    """A scheme follows its residents cremated elsewhere within ``scope`` (异地火化).

    Members of ``groups`` registered in the scheme's county who die and are
    cremated within ``scope`` of it, outside the county, get the scheme's
    items at its standards (按户籍地标准), paid by their home county.

    .. versionadded:: 0.1.0
    """

    scope: ScopeLevel
    groups: frozenset[Beneficiary]


@attrs.frozen
class Scheme:
    """A fee-waiver scheme of one jurisdiction over one period.

    ``registration_scope``: the area around the funeral home's county within
    which the deceased must be registered.  ``death_scope``: if set, the
    death must also have occurred within that area.

    .. versionadded:: 0.1.0
    """

    id: str
    name: str
    registration_scope: ScopeLevel
    death_scope: ScopeLevel | None
    allowances: tuple[Allowance, ...]
    elsewhere: tuple[ElsewhereRule, ...]
    provenance: Provenance

    @property
    def groups(self) -> frozenset[Beneficiary]:
        """Every group some allowance covers."""
        return frozenset(g for a in self.allowances for g in a.groups)

    @property
    def parameter(self) -> ParameterValue:
        """The scheme itself as a parameter value ``funeral.scheme.<id>`` (value ``True``)."""
        return self.provenance.parameter(f"funeral.scheme.{self.id}", True, "scheme in force")


@attrs.frozen
class ZoneRecord:
    """The funeral zone of a jurisdiction over a period.

    .. versionadded:: 0.1.0
    """

    zone: Zone
    provenance: Provenance

    @property
    def parameter(self) -> ParameterValue:
        """The record as a parameter value ``funeral.zone.<zone>`` (value ``True``)."""
        return self.provenance.parameter(f"funeral.zone.{self.zone.value}", True, "zone")


@attrs.frozen
class Catalogue:
    """The services a jurisdiction prices on a date, each with its units and prices.

    .. versionadded:: 0.1.0
    """

    jurisdiction: str
    on: dt.date
    items: tuple[CatalogueItem, ...]

    @property
    def services(self) -> tuple[Service, ...]:
        """The services in the catalogue, in :class:`Service` order."""
        present = {i.service for i in self.items}
        return tuple(s for s in Service if s in present)

    def units(self, service: Service) -> tuple[Unit, ...]:
        """Return the units ``service`` is priced in (empty if it is not in the catalogue)."""
        return tuple(i.unit for i in self.items if i.service is service)

    def item(self, service: Service, unit: Unit) -> CatalogueItem | None:
        """Return the item for ``service`` in ``unit``, or ``None``."""
        return next((i for i in self.items if i.service is service and i.unit is unit), None)


# -- loading -----------------------------------------------------------------------------------

_FILE_KEYS = frozenset({"jurisdiction", "note", "sources", "catalogue", "scheme", "zone"})
_SOURCE_KEYS = frozenset({"title", "document_number", "publisher", "published", "url"})
_DATED_KEYS = frozenset({"effective_from", "effective_to", "status", "source", "article", "note"})
_CATALOGUE_KEYS = _DATED_KEYS | {"service", "unit", "price"}
_SCHEME_KEYS = _DATED_KEYS | {
    "id",
    "name",
    "registration_scope",
    "death_scope",
    "allowance",
    "elsewhere",
}
_ALLOWANCE_KEYS = frozenset(
    {"service", "groups", "unit", "free_quantity", "unit_cap", "cap", "status", "source"}
    | {"article", "note"}
)
_ELSEWHERE_KEYS = frozenset({"scope", "groups"})
_ZONE_KEYS = _DATED_KEYS | {"zone"}

E = TypeVar("E", bound=enum.Enum)
R = TypeVar("R", CatalogueItem, Scheme, ZoneRecord)


class _Problems:
    """Collects every problem of a file, each prefixed by where it is."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, where: str, text: str) -> None:
        self.items.append(f"{where}: {text}")

    def keys(self, where: str, entry: object, allowed: frozenset[str]) -> bool:
        if not isinstance(entry, dict):
            self.add(where, "expected a table")
            return False
        unknown = sorted(set(entry) - allowed)
        if unknown:
            self.add(where, f"unknown keys {unknown} (allowed: {sorted(allowed)})")
            return False
        return True


def _is_date(value: object) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def _enum(kind: type[E], raw: object, where: str, problems: _Problems) -> E | None:
    try:
        return kind(raw)
    except ValueError:
        allowed = ", ".join(repr(m.value) for m in kind)
        problems.add(where, f"got {raw!r}, expected one of {allowed}")
        return None


def _money(raw: object, where: str, problems: _Problems) -> Decimal | None:
    if isinstance(raw, bool) or not isinstance(raw, int | Decimal):
        problems.add(where, f"got {raw!r}, expected an amount in yuan (a TOML number)")
        return None
    try:
        return yuan(raw, path=where)
    except InvalidInputError as exc:
        problems.add(where, f"got {raw!r}, expected {exc.expected}")
        return None


def _quantity(raw: object, where: str, problems: _Problems) -> Decimal | None:
    if (
        isinstance(raw, bool)
        or not isinstance(raw, int | Decimal)
        or (isinstance(raw, Decimal) and not raw.is_finite())
        or raw < 0
    ):
        problems.add(
            where, f"got {raw!r}, expected a quantity of zero or more (a finite TOML number)"
        )
        return None
    return Decimal(raw)


def _groups(raw: object, where: str, problems: _Problems) -> frozenset[Beneficiary] | None:
    if not isinstance(raw, list) or not raw:
        problems.add(where, f"got {raw!r}, expected a non-empty array of groups")
        return None
    found = [_enum(Beneficiary, g, where, problems) for g in raw]
    if any(g is None for g in found):
        return None
    return frozenset(g for g in found if g is not None)


def _sources(table: object, problems: _Problems) -> dict[str, Source]:
    sources: dict[str, Source] = {}
    if not isinstance(table, dict):
        problems.add("sources", "expected a table of [sources.KEY] tables")
        return sources
    for key, entry in table.items():
        where = f"sources.{key}"
        if not problems.keys(where, entry, _SOURCE_KEYS):
            continue
        if "title" not in entry:
            problems.add(where, "'title' is required")
        elif entry.get("published") is not None and not _is_date(entry["published"]):
            problems.add(f"{where}.published", f"expected a TOML date, got {entry['published']!r}")
        else:
            sources[key] = Source(
                key=key,
                title=entry["title"],
                document_number=entry.get("document_number"),
                publisher=entry.get("publisher"),
                published=entry.get("published"),
                url=entry.get("url"),
            )
    return sources


def _dates(entry: Mapping[str, Any], where: str, problems: _Problems) -> tuple[Any, Any]:
    """Read and check ``effective_from`` and ``effective_to``."""
    start, end = entry.get("effective_from"), entry.get("effective_to")
    if not _is_date(start):
        problems.add(where, f"effective_from: expected a TOML date, got {start!r}")
    if end is not None and not _is_date(end):
        problems.add(where, f"effective_to: expected a TOML date, got {end!r}")
    if isinstance(start, dt.date) and isinstance(end, dt.date) and end < start:
        problems.add(where, f"effective_to {end} is before effective_from {start}")
    return start, end


def _provenance(
    entry: Mapping[str, Any],
    code: str,
    sources: Mapping[str, Source],
    where: str,
    problems: _Problems,
    *,
    inherit: Provenance | None = None,
) -> Provenance | None:
    """Read the dated-record keys of ``entry`` (an allowance inherits its scheme's)."""
    before = len(problems.items)
    if inherit is None:
        start, end = _dates(entry, where, problems)
    else:
        start, end = inherit.effective_from, inherit.effective_to
    status_raw = entry.get("status", inherit.status.value if inherit else None)
    status = None
    if status_raw not in {s.value for s in Status}:
        problems.add(where, f"status: got {status_raw!r}, expected 'sourced' or 'example'")
    else:
        status = Status(status_raw)
    key = entry.get("source")
    source = inherit.source if inherit is not None and key is None else None
    if key is not None:
        if key not in sources:
            problems.add(where, f"source: {key!r} is not declared under [sources]")
        else:
            source = sources[key]
    note = entry.get("note", inherit.note if inherit and "status" not in entry else None)
    if status is Status.SOURCED and source is None:
        problems.add(where, "a sourced record needs 'source'")
    if status is Status.EXAMPLE and not note:
        problems.add(where, "an example record needs a 'note' saying where it is from")
    if len(problems.items) > before or status is None:
        return None
    return Provenance(
        jurisdiction=code,
        effective_from=start,
        effective_to=end,
        status=status,
        source=source,
        article=entry.get("article", inherit.article if inherit else None),
        note=note,
    )


def _catalogue_item(
    entry: Any, code: str, sources: Mapping[str, Source], where: str, problems: _Problems
) -> CatalogueItem | None:
    if not problems.keys(where, entry, _CATALOGUE_KEYS):
        return None
    for required in ("service", "unit", "price", "effective_from", "status"):
        if required not in entry:
            problems.add(where, f"missing required key {required!r}")
            return None
    service = _enum(Service, entry["service"], f"{where}.service", problems)
    unit = _enum(Unit, entry["unit"], f"{where}.unit", problems)
    price = _money(entry["price"], f"{where}.price", problems)
    provenance = _provenance(entry, code, sources, where, problems)
    if service is None or unit is None or price is None or provenance is None:
        return None
    if unit not in service.units:
        allowed = ", ".join(u.value for u in service.units)
        problems.add(f"{where}.unit", f"{service.value} is not priced per {unit.value} ({allowed})")
        return None
    return CatalogueItem(service, unit, price, provenance)


def _allowance(
    entry: Any,
    code: str,
    sources: Mapping[str, Source],
    where: str,
    problems: _Problems,
    *,
    scheme: Provenance,
) -> Allowance | None:
    if not problems.keys(where, entry, _ALLOWANCE_KEYS):
        return None
    if "service" not in entry or "groups" not in entry:
        problems.add(where, "'service' and 'groups' are required")
        return None
    before = len(problems.items)
    service = _enum(Service, entry["service"], f"{where}.service", problems)
    groups = _groups(entry["groups"], f"{where}.groups", problems)
    unit = None if "unit" not in entry else _enum(Unit, entry["unit"], f"{where}.unit", problems)
    free = None
    if "free_quantity" in entry:
        free = _quantity(entry["free_quantity"], f"{where}.free_quantity", problems)
    unit_cap = None
    if "unit_cap" in entry:
        unit_cap = _money(entry["unit_cap"], f"{where}.unit_cap", problems)
    cap = None if "cap" not in entry else _money(entry["cap"], f"{where}.cap", problems)
    provenance = _provenance(entry, code, sources, where, problems, inherit=scheme)
    if len(problems.items) > before or service is None or groups is None or provenance is None:
        return None
    if unit is not None and unit not in service.units:
        problems.add(f"{where}.unit", f"{service.value} is not counted in {unit.value}")
        return None
    if (free is not None or unit_cap is not None) and unit is None:
        problems.add(where, "free_quantity and unit_cap need 'unit'")
        return None
    if unit is not None and free is None and unit_cap is None:
        problems.add(where, "'unit' is only meaningful with free_quantity or unit_cap")
        return None
    return Allowance(service, groups, unit, free, unit_cap, cap, provenance)


def _elsewhere(entry: Any, where: str, problems: _Problems) -> ElsewhereRule | None:
    if not problems.keys(where, entry, _ELSEWHERE_KEYS):
        return None
    if "scope" not in entry or "groups" not in entry:
        problems.add(where, "'scope' and 'groups' are required")
        return None
    scope = _enum(ScopeLevel, entry["scope"], f"{where}.scope", problems)
    groups = _groups(entry["groups"], f"{where}.groups", problems)
    if scope is None or groups is None:
        return None
    if scope is ScopeLevel.COUNTY:
        problems.add(f"{where}.scope", "'county' is not elsewhere; use prefecture or wider")
        return None
    return ElsewhereRule(scope, groups)


def _tables(entry: Mapping[str, Any], key: str, where: str, problems: _Problems) -> list[Any]:
    found = entry.get(key, [])
    if not isinstance(found, list):
        problems.add(where, f"expected an array of tables [[{key}]]")
        return []
    return found


def _scheme(
    entry: Any, code: str, sources: Mapping[str, Source], where: str, problems: _Problems
) -> Scheme | None:
    if not problems.keys(where, entry, _SCHEME_KEYS):
        return None
    for required in ("id", "name", "registration_scope", "effective_from", "status"):
        if required not in entry:
            problems.add(where, f"missing required key {required!r}")
            return None
    before = len(problems.items)
    provenance = _provenance(entry, code, sources, where, problems)
    scope = _enum(ScopeLevel, entry["registration_scope"], f"{where}.registration_scope", problems)
    death_scope = None
    if "death_scope" in entry:
        death_scope = _enum(ScopeLevel, entry["death_scope"], f"{where}.death_scope", problems)
    if provenance is None or scope is None:
        return None
    allowances = [
        _allowance(item, code, sources, f"{where}.allowance[{i}]", problems, scheme=provenance)
        for i, item in enumerate(_tables(entry, "allowance", where, problems))
    ]
    elsewhere = [
        _elsewhere(item, f"{where}.elsewhere[{i}]", problems)
        for i, item in enumerate(_tables(entry, "elsewhere", where, problems))
    ]
    if len(problems.items) > before:
        return None
    kept = [a for a in allowances if a is not None]
    if not kept:
        problems.add(where, "a scheme needs at least one [[scheme.allowance]]")
        return None
    for first, second in itertools.combinations(kept, 2):
        if first.service is second.service and first.groups & second.groups:
            shared = sorted(g.value for g in first.groups & second.groups)
            problems.add(where, f"two allowances for {first.service.value} both cover {shared}")
            return None
    return Scheme(
        id=str(entry["id"]),
        name=str(entry["name"]),
        registration_scope=scope,
        death_scope=death_scope,
        allowances=tuple(kept),
        elsewhere=tuple(e for e in elsewhere if e is not None),
        provenance=provenance,
    )


def _zone(
    entry: Any, code: str, sources: Mapping[str, Source], where: str, problems: _Problems
) -> ZoneRecord | None:
    if not problems.keys(where, entry, _ZONE_KEYS):
        return None
    for required in ("zone", "effective_from", "status"):
        if required not in entry:
            problems.add(where, f"missing required key {required!r}")
            return None
    zone = _enum(Zone, entry["zone"], f"{where}.zone", problems)
    provenance = _provenance(entry, code, sources, where, problems)
    if zone is None or provenance is None:
        return None
    return ZoneRecord(zone, provenance)


_Key = tuple[Any, ...]


@attrs.frozen
class _Parsed:
    catalogue: dict[_Key, list[CatalogueItem]]
    schemes: dict[_Key, list[Scheme]]
    zones: dict[_Key, list[ZoneRecord]]


def _check_overlaps(where: str, series: Mapping[_Key, Sequence[Any]], problems: _Problems) -> None:
    for key, records in series.items():
        ordered = sorted(records, key=lambda r: r.provenance.effective_from)
        for before, after in itertools.pairwise(ordered):
            first, second = before.provenance, after.provenance
            if first.effective_to is None or first.effective_to >= second.effective_from:
                label = "/".join(getattr(k, "value", str(k)) for k in key)
                problems.add(
                    where,
                    f"{label}: period {first.period} overlaps the record from "
                    f"{second.effective_from}",
                )


def _parse_file(text: str, origin: str) -> _Parsed:
    """Parse and validate one jurisdiction's funeral data file, reporting every problem."""
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise ParameterFileError(origin, [f"not valid TOML: {exc}"]) from None
    problems = _Problems()
    unknown = sorted(set(data) - _FILE_KEYS)
    if unknown:
        problems.add("file", f"unknown top-level keys {unknown} (allowed: {sorted(_FILE_KEYS)})")
    code = data.get("jurisdiction")
    if not isinstance(code, str):
        raise ParameterFileError(origin, [*problems.items, "'jurisdiction' (a code) is required"])
    try:
        jurisdictions.get(code)
    except LookupError as exc:
        problems.add("jurisdiction", str(exc))
    sources = _sources(data.get("sources", {}), problems)
    parsed = _Parsed({}, {}, {})
    for index, entry in enumerate(_tables(data, "catalogue", "catalogue", problems)):
        item = _catalogue_item(entry, code, sources, f"catalogue[{index}]", problems)
        if item is not None:
            parsed.catalogue.setdefault((code, item.service, item.unit), []).append(item)
    for index, entry in enumerate(_tables(data, "scheme", "scheme", problems)):
        scheme = _scheme(entry, code, sources, f"scheme[{index}]", problems)
        if scheme is not None:
            parsed.schemes.setdefault((code,), []).append(scheme)
    for index, entry in enumerate(_tables(data, "zone", "zone", problems)):
        zone = _zone(entry, code, sources, f"zone[{index}]", problems)
        if zone is not None:
            parsed.zones.setdefault((code,), []).append(zone)
    _check_overlaps("catalogue", parsed.catalogue, problems)
    _check_overlaps("scheme", parsed.schemes, problems)
    _check_overlaps("zone", parsed.zones, problems)
    if problems.items:
        raise ParameterFileError(origin, problems.items)
    return parsed


def _clip(record: R, start: dt.date | None = None, end: dt.date | None = None) -> R:
    provenance = record.provenance
    if start is not None:
        provenance = attrs.evolve(provenance, effective_from=start)
    if end is not None:
        provenance = attrs.evolve(provenance, effective_to=end)
    return attrs.evolve(record, provenance=provenance)


def _splice(series: tuple[R, ...], new: R) -> tuple[R, ...]:
    """Put ``new`` in force over its period, clipping whatever it supersedes."""
    fresh = new.provenance
    out: list[R] = []
    for old in series:
        held = old.provenance
        if held.effective_to is not None and held.effective_to < fresh.effective_from:
            out.append(old)
            continue
        if fresh.effective_to is not None and held.effective_from > fresh.effective_to:
            out.append(old)
            continue
        if held.effective_from < fresh.effective_from:
            out.append(_clip(old, end=fresh.effective_from - _ONE_DAY))
        if fresh.effective_to is not None and (
            held.effective_to is None or held.effective_to > fresh.effective_to
        ):
            out.append(_clip(old, start=fresh.effective_to + _ONE_DAY))
    out.append(new)
    return tuple(sorted(out, key=lambda r: r.provenance.effective_from))


def _merge(
    base: Mapping[_Key, tuple[R, ...]], extra: Mapping[_Key, list[R]]
) -> dict[_Key, tuple[R, ...]]:
    merged = dict(base)
    for key, records in extra.items():
        current = merged.get(key, ())
        for record in sorted(records, key=lambda r: r.provenance.effective_from):
            current = _splice(current, record)
        merged[key] = current
    return merged


def _in_force(records: Iterable[R], on: dt.date) -> R | None:
    return next((r for r in records if r.provenance.covers(on)), None)


class FuneralPolicy:
    """Catalogues, waiver schemes and zones, resolved by place and date.

    Build one with :func:`default_policy` (the shipped data) or
    :meth:`FuneralPolicy.load` (your own files over the shipped ones: a record
    of yours replaces the shipped record with the same key from your dates
    on — the key is the jurisdiction, plus service and unit for a catalogue
    item).  A policy is immutable.

    .. versionadded:: 0.1.0
    """

    __slots__ = ("_catalogue", "_schemes", "_zones")

    def __init__(
        self,
        catalogue: Mapping[_Key, tuple[CatalogueItem, ...]],
        schemes: Mapping[_Key, tuple[Scheme, ...]],
        zones: Mapping[_Key, tuple[ZoneRecord, ...]],
    ) -> None:
        self._catalogue = dict(catalogue)
        self._schemes = dict(schemes)
        self._zones = dict(zones)

    @classmethod
    def load(
        cls, files: Iterable[str | Path] = (), *, include_shipped: bool = True
    ) -> FuneralPolicy:
        """Load a policy from TOML files, by default layered over the shipped data.

        .. versionadded:: 0.1.0
        """
        base = default_policy() if include_shipped else cls({}, {}, {})
        texts = [(str(path), Path(path).read_text(encoding="utf-8")) for path in files]
        return base._with_texts(texts)

    def _with_texts(self, texts: Iterable[tuple[str, str]]) -> FuneralPolicy:
        catalogue, schemes, zones = self._catalogue, self._schemes, self._zones
        for origin, text in texts:
            parsed = _parse_file(text, origin)
            catalogue = _merge(catalogue, parsed.catalogue)
            schemes = _merge(schemes, parsed.schemes)
            zones = _merge(zones, parsed.zones)
        return FuneralPolicy(catalogue, schemes, zones)

    @staticmethod
    def _chain(jurisdiction: str) -> tuple[str, ...]:
        if jurisdiction == jurisdictions.NATIONAL:
            return (jurisdictions.NATIONAL,)
        return (*(j.code for j in jurisdictions.chain(jurisdiction)), jurisdictions.NATIONAL)

    def catalogue(self, jurisdiction: str, on: dt.date) -> Catalogue:
        """Return the services priced in ``jurisdiction`` on ``on``.

        For each service the most specific level of the chain that prices it
        on the date supplies all its units and prices.

        .. versionadded:: 0.1.0
        """
        chain = self._chain(jurisdiction)
        found: list[CatalogueItem] = []
        for service in Service:
            for code in chain:
                items = [
                    item
                    for unit in service.units
                    if (item := _in_force(self._catalogue.get((code, service, unit), ()), on))
                ]
                if items:
                    found.extend(items)
                    break
        return Catalogue(jurisdiction, on, tuple(found))

    def scheme(self, jurisdiction: str, on: dt.date) -> Scheme | None:
        """Return the waiver scheme in force in ``jurisdiction`` on ``on`` (most specific level).

        ``None`` when no level of the chain has one on that date.

        .. versionadded:: 0.1.0
        """
        for code in self._chain(jurisdiction):
            found = _in_force(self._schemes.get((code,), ()), on)
            if found is not None:
                return found
        return None

    def scheme_chain(self, jurisdiction: str, on: dt.date) -> tuple[Scheme, ...]:
        """Return the schemes in force on ``on`` at every level of the chain, most specific first.

        A scheme of a parent level (up to the national one) is a floor under a
        local one, not replaced by it: see :mod:`civaffairs.funeral.waiver`.

        .. versionadded:: 0.1.0
        """
        found = (
            _in_force(self._schemes.get((code,), ()), on) for code in self._chain(jurisdiction)
        )
        return tuple(s for s in found if s is not None)

    def zone(self, jurisdiction: str, on: dt.date) -> ZoneRecord:
        """Return the funeral zone of ``jurisdiction`` on ``on`` (most specific level).

        Raises :class:`ZoneUnknownError` when no level records it.

        .. versionadded:: 0.1.0
        """
        chain = self._chain(jurisdiction)
        for code in chain:
            found = _in_force(self._zones.get((code,), ()), on)
            if found is not None:
                return found
        raise ZoneUnknownError(jurisdiction, on, chain)

    def schemes(self, jurisdiction: str) -> tuple[Scheme, ...]:
        """Return the schemes a jurisdiction itself records, over time (no fallback).

        .. versionadded:: 0.1.0
        """
        return self._schemes.get((jurisdiction,), ())

    def records(self) -> Iterable[CatalogueItem | Scheme | ZoneRecord]:
        """Iterate over every record (for audits and tests).

        .. versionadded:: 0.1.0
        """
        for series in (self._catalogue, self._schemes, self._zones):
            for records in series.values():
                yield from records

    def jurisdictions(self) -> list[str]:
        """Return the codes of the jurisdictions that have at least one record.

        .. versionadded:: 0.1.0
        """
        keys: Iterable[_Key] = itertools.chain(self._catalogue, self._schemes, self._zones)
        return sorted({key[0] for key in keys})


def _shipped_texts() -> list[tuple[str, str]]:
    folder = resources.files("civaffairs.funeral").joinpath("data")
    return sorted(
        (f"civaffairs/funeral/data/{entry.name}", entry.read_text(encoding="utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".toml")
    )


@functools.cache
def default_policy() -> FuneralPolicy:
    """Return the shipped funeral policy data (loaded once, then cached).

    .. versionadded:: 0.1.0
    """
    return FuneralPolicy({}, {}, {})._with_texts(_shipped_texts())
