"""Funeral policy data: service catalogues, fee-waiver schemes and cremation zones.

These are tables, not single figures.  They live in the jurisdiction's record
book (``civaffairs/books/<GB/T 2260 code>.toml``, read by
:mod:`civaffairs.parameters.books`) beside its scalar parameters, with the
same discipline: every record is dated (``effective_from``, optional
inclusive ``effective_to``), ``sourced`` or ``example`` (an example record
must say where it comes from in ``note``), cites a ``[sources.KEY]`` table,
and the loader refuses unknown keys, unknown services or units, overlapping
periods and every other malformation — all problems at once, by path, in one
:class:`~civaffairs.errors.ParameterFileError`.  A
:class:`~civaffairs.parameters.ParameterBook` holds them, so
:meth:`~civaffairs.parameters.ParameterBook.load` (``--params``) and
:meth:`~civaffairs.parameters.ParameterBook.override` reach them as they reach
scalars; :class:`FuneralPolicy` reads them from a book.

A book holds three funeral tables:

``[[funeral.catalogue]]``
    One priced item: a :class:`~civaffairs.funeral.services.Service`, its
    :class:`~civaffairs.funeral.services.Unit` and the unit ``price`` (元).
    For each service, the most specific jurisdiction on the chain county →
    prefecture → province → national that prices it on the date supplies all
    its items; a service that no level prices is not in the catalogue.
``[[funeral.scheme]]``
    A fee-waiver scheme (惠民殡葬 / 免除基本殡葬服务费用): who is covered
    (:class:`Beneficiary` groups; registration within ``registration_scope``
    of the funeral home's county), the items waived and their limits
    (``[[funeral.scheme.allowance]]``: a free quantity, a cap per unit, a cap
    per case) and whether it follows its residents when they are cremated
    elsewhere (``[[funeral.scheme.elsewhere]]``).  :meth:`FuneralPolicy.scheme` gives
    the most specific scheme in force on the date;
    :meth:`FuneralPolicy.scheme_chain` gives every level's, since a parent
    level's scheme (up to the national one) stays in force under a local one
    as a floor (see :mod:`civaffairs.funeral.waiver`).
``[[funeral.zone]]``
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
import functools
import itertools
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

import attrs

from civaffairs import jurisdictions
from civaffairs.entities import AssistanceLayer
from civaffairs.errors import CivaffairsError, InvalidDocumentError, InvalidInputError
from civaffairs.funeral.services import Service, Unit
from civaffairs.labels import Labelled
from civaffairs.money import yuan
from civaffairs.parameters import (
    ParameterBook,
    ParameterValue,
    Provenance,
    Scalar,
    Status,
    default_book,
)
from civaffairs.parameters.books import Context, DatedRow, Table
from civaffairs.parameters.records import Record

__all__ = [
    "CATALOGUE",
    "SCHEMES",
    "ZONES",
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
    "place_name",
]

_PSEUDO_PREFECTURES = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})


def place_name(code: str) -> str:
    """Name a jurisdiction as funeral reasons, bills and statements show it: ``武隆区(500156)``.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 Moved here from :mod:`civaffairs.funeral.bill` (still importable
       there), so settlement statements and incentive reasons name places the same way; the
       label itself is :func:`civaffairs.jurisdictions.label`, shared by every programme.
    """
    return jurisdictions.label(code)


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


class ScopeLevel(Labelled):
    """An area around a place: its county, prefecture, province, or the whole country.

    Where GB/T 2260 puts a county under a pseudo-prefecture (重庆's ``500100``
    市辖区, Hubei's ``429000`` 省直辖县级行政区划), there is no real prefecture:
    the prefecture-level area of such a county is the county itself.

    .. versionadded:: 0.1.0
    """

    COUNTY = "county", "本县(市、区)", "the same county"
    PREFECTURE = "prefecture", "本市(州)", "the same prefecture"
    PROVINCE = "province", "本省(区、市)", "the same province"
    NATIONAL = "national", "全国范围", "the whole country"

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


class Beneficiary(Labelled):
    """A group a waiver scheme covers.

    Every group but ``unidentified`` and ``died_locally`` requires household
    registration within the scheme's registration scope: a status such as
    低保 is granted by the place of registration.

    .. versionadded:: 0.1.0
    """

    REGISTERED = "registered", "户籍居民", "registered resident"
    # The four low-income groups are the members of an assistance layer: their values are
    # the layer's (one name), their words name the person (低保对象, not 最低生活保障).
    EXTREME_POVERTY = (
        AssistanceLayer.EXTREME_POVERTY.value,
        "特困人员",
        "extreme-poverty person",
    )
    DIBAO = AssistanceLayer.DIBAO.value, "低保对象", "dibao recipient"
    MARGINAL = (
        AssistanceLayer.MARGINAL.value,
        "低保边缘家庭成员",
        "member of a marginal low-income household",
    )
    RIGID_EXPENDITURE = (
        AssistanceLayer.RIGID_EXPENDITURE.value,
        "刚性支出困难家庭成员",
        "member of a rigid-expenditure hardship household",
    )
    PRIORITY_ENTITLED = "priority_entitled", "重点优抚对象", "priority entitled person"
    UNIDENTIFIED = "unidentified", "无名遗体", "unidentified body"
    #: 非本地户籍、在本地死亡的人员
    DIED_LOCALLY = "died_locally", "在本地死亡的非户籍人员", "non-resident who died locally"

    @classmethod
    def of_layer(cls, layer: AssistanceLayer) -> Beneficiary | None:
        """Return the group of the members of ``layer`` (``None`` for no low-income layer).

        .. versionadded:: 0.1.0
        """
        return cls(layer.value) if layer.is_low_income else None


class Zone(Labelled):
    """The funeral zone a place is in (殡葬管理条例).

    .. versionadded:: 0.1.0
    """

    CREMATION = "cremation", "火葬区", "cremation zone"
    BURIAL_REFORM = "burial_reform", "土葬改革区", "burial-reform zone"


# -- records -----------------------------------------------------------------------------------


@attrs.frozen
class CatalogueItem(Record):
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
class Allowance(Record):
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
        zh = lang == "zh"
        unit = self.unit
        parts: list[str] = []
        if self.free_quantity is not None and unit is not None:
            free = self.free_quantity
            parts.append(f"{free} {unit.zh}以内" if zh else f"up to {free} {unit.en}(s)")
        if self.unit_cap is not None and unit is not None:
            per = self.unit_cap
            parts.append(
                f"每{unit.zh}不超过 {per} 元" if zh else f"at most {per} yuan per {unit.en}"
            )
        if self.cap is not None:
            parts.append(f"每例不超过 {self.cap} 元" if zh else f"at most {self.cap} yuan per case")
        return ", ".join(parts) or ("全额免除" if zh else "waived in full")

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
class Scheme(Record):
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
class ZoneRecord(Record):
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


# -- the tables of the record books --------------------------------------------------------------


@attrs.frozen(kw_only=True)
class _CatalogueRow(DatedRow):
    service: Service
    unit: Unit
    price: Decimal


@attrs.frozen(kw_only=True)
class _AllowanceRow:
    service: Service
    groups: frozenset[Beneficiary]
    unit: Unit | None = None
    free_quantity: Decimal | None = None
    unit_cap: Decimal | None = None
    cap: Decimal | None = None
    status: Status | None = None
    source: str | None = None
    article: str | None = None
    note: str | None = None


@attrs.frozen(kw_only=True)
class _ElsewhereRow:
    scope: ScopeLevel
    groups: frozenset[Beneficiary]


@attrs.frozen(kw_only=True)
class _SchemeRow(DatedRow):
    id: str
    name: str
    registration_scope: ScopeLevel
    death_scope: ScopeLevel | None = None
    allowance: tuple[_AllowanceRow, ...] = ()
    elsewhere: tuple[_ElsewhereRow, ...] = ()


@attrs.frozen(kw_only=True)
class _ZoneRow(DatedRow):
    zone: Zone


T = TypeVar("T")


def _checked(errors: list[InvalidInputError], step: Callable[[], T]) -> T | None:
    """Run one check of a row, keeping its errors (so every problem is reported)."""
    try:
        return step()
    except InvalidInputError as exc:
        errors.append(exc)
    except InvalidDocumentError as exc:
        errors.extend(exc.errors)
    return None


def _catalogue_item(row: _CatalogueRow, context: Context) -> CatalogueItem:
    errors: list[InvalidInputError] = []
    price = _checked(errors, lambda: yuan(row.price, path="$.price"))
    provenance = _checked(errors, lambda: context.provenance(row))
    if row.unit not in row.service.units:
        allowed = ", ".join(u.value for u in row.service.units)
        errors.append(
            InvalidInputError(
                "$.unit", row.unit.value, f"a unit {row.service.value} is priced per ({allowed})"
            )
        )
    if errors or price is None or provenance is None:
        raise InvalidDocumentError(errors)
    return CatalogueItem(row.service, row.unit, price, provenance)


def _groups(groups: frozenset[Beneficiary], where: str) -> frozenset[Beneficiary]:
    if not groups:
        raise InvalidInputError(where, "[]", "a non-empty array of groups")
    return groups


def _quantity(value: Decimal | None, where: str) -> Decimal | None:
    if value is not None and value < 0:
        raise InvalidInputError(where, str(value), "a quantity of zero or more")
    return value


def _money(value: Decimal | None, where: str) -> Decimal | None:
    return None if value is None else yuan(value, path=where)


def _allowance(
    row: _AllowanceRow, context: Context, scheme: Provenance, where: str
) -> Allowance | None:
    """Build one allowance (errors are reported by the scheme, under ``where``)."""
    errors: list[InvalidInputError] = []
    own = DatedRow(
        effective_from=scheme.effective_from,
        effective_to=scheme.effective_to,
        status=row.status or scheme.status,
        source=row.source,
        article=row.article if row.article is not None else scheme.article,
        note=row.note if row.note is not None or row.status else scheme.note,
    )
    provenance = _checked(errors, lambda: context.provenance(own, inherit=scheme))
    groups = _checked(errors, lambda: _groups(row.groups, "$.groups"))
    free = _checked(errors, lambda: _quantity(row.free_quantity, "$.free_quantity"))
    unit_cap = _checked(errors, lambda: _money(row.unit_cap, "$.unit_cap"))
    cap = _checked(errors, lambda: _money(row.cap, "$.cap"))
    unit = row.unit
    if unit is not None and unit not in row.service.units:
        errors.append(
            InvalidInputError("$.unit", unit.value, f"a unit {row.service.value} is counted in")
        )
    elif (row.free_quantity is not None or row.unit_cap is not None) and unit is None:
        errors.append(
            InvalidInputError("$.unit", "(missing)", "a unit: free_quantity and unit_cap need it")
        )
    elif unit is not None and row.free_quantity is None and row.unit_cap is None:
        errors.append(
            InvalidInputError(
                "$.unit",
                unit.value,
                "no unit: it is only meaningful with free_quantity or unit_cap",
            )
        )
    if errors:
        raise InvalidDocumentError([e.at(where) for e in errors])
    if provenance is None or groups is None:
        return None
    return Allowance(row.service, groups, unit, free, unit_cap, cap, provenance)


def _elsewhere(row: _ElsewhereRow, where: str) -> ElsewhereRule:
    if row.scope is ScopeLevel.COUNTY:
        raise InvalidInputError(
            f"{where}.scope", "'county'", "a scope wider than the county (not elsewhere)"
        )
    return ElsewhereRule(row.scope, _groups(row.groups, f"{where}.groups"))


def _scheme(row: _SchemeRow, context: Context) -> Scheme:
    errors: list[InvalidInputError] = []
    provenance = _checked(errors, lambda: context.provenance(row))
    elsewhere = [
        _checked(errors, functools.partial(_elsewhere, rule, f"$.elsewhere[{i}]"))
        for i, rule in enumerate(row.elsewhere)
    ]
    allowances: list[Allowance | None] = []
    if provenance is not None:
        allowances = [
            _checked(
                errors, functools.partial(_allowance, a, context, provenance, f"$.allowance[{i}]")
            )
            for i, a in enumerate(row.allowance)
        ]
    kept = [a for a in allowances if a is not None]
    if not row.allowance:
        errors.append(
            InvalidInputError("$.allowance", "(none)", "at least one [[funeral.scheme.allowance]]")
        )
    for first, second in itertools.combinations(kept, 2):
        if first.service is second.service and first.groups & second.groups:
            shared = sorted(g.value for g in first.groups & second.groups)
            errors.append(
                InvalidInputError(
                    "$.allowance",
                    f"two allowances for {first.service.value} both cover {shared}",
                    "one allowance per service and group",
                )
            )
    if errors or provenance is None:
        raise InvalidDocumentError(errors)
    return Scheme(
        id=row.id,
        name=row.name,
        registration_scope=row.registration_scope,
        death_scope=row.death_scope,
        allowances=tuple(kept),
        elsewhere=tuple(e for e in elsewhere if e is not None),
        provenance=provenance,
    )


def _zone(row: _ZoneRow, context: Context) -> ZoneRecord:
    return ZoneRecord(row.zone, context.provenance(row))


#: ``[[funeral.catalogue]]``: priced items, one series per service and unit.
CATALOGUE: Table[_CatalogueRow, CatalogueItem] = Table(
    "funeral.catalogue", _CatalogueRow, _catalogue_item, lambda i: (i.service, i.unit)
)
#: ``[[funeral.scheme]]``: a jurisdiction's fee-waiver schemes, one series.
SCHEMES: Table[_SchemeRow, Scheme] = Table("funeral.scheme", _SchemeRow, _scheme, lambda s: ())
#: ``[[funeral.zone]]``: a jurisdiction's funeral zone, one series.
ZONES: Table[_ZoneRow, ZoneRecord] = Table("funeral.zone", _ZoneRow, _zone, lambda z: ())


class FuneralPolicy:
    """Catalogues, waiver schemes and zones of a record book, resolved by place and date.

    ``FuneralPolicy(book)`` reads the funeral tables of ``book`` (default: the
    shipped books, :func:`default_policy`); a book loaded with your files
    (:meth:`~civaffairs.parameters.ParameterBook.load`, ``--params``) or
    changed by :meth:`~civaffairs.parameters.ParameterBook.override` carries
    your records: a record of yours replaces the record with the same key
    from your dates on — the key is the jurisdiction, plus service and unit
    for a catalogue item.  A policy is immutable.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0
       A view of a record book (it used to hold its own tables).
    """

    __slots__ = ("book",)

    book: ParameterBook

    def __init__(self, book: ParameterBook | None = None) -> None:
        self.book = book if book is not None else default_book()

    @classmethod
    def load(
        cls, files: Iterable[str | Path] = (), *, include_shipped: bool = True
    ) -> FuneralPolicy:
        """Load a policy from record-book files, by default layered over the shipped books.

        .. versionadded:: 0.1.0
        """
        return cls(ParameterBook.load(files, include_shipped=include_shipped))

    def catalogue(self, jurisdiction: str, on: dt.date) -> Catalogue:
        """Return the services priced in ``jurisdiction`` on ``on``.

        For each service the most specific level of the chain that prices it
        on the date supplies all its units and prices.

        .. versionadded:: 0.1.0
        """
        found: list[CatalogueItem] = []
        for service in Service:
            for code in self.book.chain(jurisdiction):
                items = [
                    item
                    for unit in service.units
                    if (item := self.book.row(CATALOGUE.name, code, on, (service, unit)))
                    and item.provenance.jurisdiction == code
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
        found: Scheme | None = self.book.row(SCHEMES.name, jurisdiction, on)
        return found

    def scheme_chain(self, jurisdiction: str, on: dt.date) -> tuple[Scheme, ...]:
        """Return the schemes in force on ``on`` at every level of the chain, most specific first.

        A scheme of a parent level (up to the national one) is a floor under a
        local one, not replaced by it: see :mod:`civaffairs.funeral.waiver`.

        .. versionadded:: 0.1.0
        """
        return self.book.row_chain(SCHEMES.name, jurisdiction, on)

    def zone(self, jurisdiction: str, on: dt.date) -> ZoneRecord:
        """Return the funeral zone of ``jurisdiction`` on ``on`` (most specific level).

        Raises :class:`ZoneUnknownError` when no level records it.

        .. versionadded:: 0.1.0
        """
        found: ZoneRecord | None = self.book.row(ZONES.name, jurisdiction, on)
        if found is None:
            raise ZoneUnknownError(jurisdiction, on, self.book.chain(jurisdiction))
        return found

    def schemes(self, jurisdiction: str) -> tuple[Scheme, ...]:
        """Return the schemes a jurisdiction itself records, over time (no fallback).

        .. versionadded:: 0.1.0
        """
        return self.book.rows(SCHEMES.name, jurisdiction)

    def records(self) -> Iterator[CatalogueItem | Scheme | ZoneRecord]:
        """Iterate over every record (for audits and tests).

        .. versionadded:: 0.1.0
        """
        for kind in (CATALOGUE, SCHEMES, ZONES):
            for _, _, rows in self.book.table(kind.name):
                yield from rows

    def jurisdictions(self) -> list[str]:
        """Return the codes of the jurisdictions that have at least one record.

        .. versionadded:: 0.1.0
        """
        return sorted(
            {
                place
                for kind in (CATALOGUE, SCHEMES, ZONES)
                for place, _, _ in self.book.table(kind.name)
            }
        )


@functools.cache
def default_policy() -> FuneralPolicy:
    """Return the funeral policy of the shipped record books (built once, then cached).

    .. versionadded:: 0.1.0
    """
    return FuneralPolicy(default_book())
