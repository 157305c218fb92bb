"""The columnar input format: one persons table, households contiguous, money in integer fen.

One row per person.  The rows of a household are consecutive; the household's
own facts (income not attributed to a member, assets, the deciding
jurisdiction) sit on the applicant's row and are null on the other rows.

Columns (money is integer fen, 分):

- ``household_id`` — string or integer, required: the household; its rows are
  consecutive.
- ``person_id`` — string, optional: the caller's reference, carried for
  tracing only.
- ``relationship`` — string, required: a :class:`~civaffairs.entities.Relationship`
  value (``applicant``, ``spouse``, ``child``, …); exactly one ``applicant``
  per household.  Integer codes of
  :data:`~civaffairs.assistance.dibao.RELATIONSHIP_CODES` are accepted too.
- ``birth_date`` — date, required.
- ``registration`` — string, required on the applicant's row: the GB/T 2260
  code of the household registration (户籍).  Read on that row only.
- ``registration_kind`` — string, required on the applicant's row: ``urban``
  or ``rural``.  Read on that row only.
- ``lives_together`` — bool, nullable: 共同生活; null means not established.
- ``status_<SpecialStatus value>`` — bool, optional: one column per
  :class:`~civaffairs.entities.SpecialStatus` (``status_full_time_student``, …).
- ``disability_category`` — string, nullable: a
  :class:`~civaffairs.entities.DisabilityCategory` value; null means no
  certificate.
- ``disability_grade`` — integer 1–4, nullable: given exactly when the
  category is.
- ``serious_illness`` — bool, optional, nullable: 重特大疾病; null means not
  established (a household whose single-person inclusion it would decide
  cannot be decided).
- ``income_<IncomeType value>`` — int64 fen, optional: the member's own
  monthly income of that type (``income_wages``, …).
- ``household_income_<IncomeType value>`` — int64 fen, optional, applicant's
  row: monthly income of the household attributed to no member.
- ``asset_<AssetType value>`` for the financial types (``deposits``,
  ``securities``, ``commercial_insurance``, ``claims``) — int64 fen, optional,
  applicant's row: the non-exempt value.
- ``asset_business_entity`` — int64 fen, optional, applicant's row: the value
  (subscribed capital, 出资额) of the non-exempt business entities, read by the
  marginal-household property rule of single-person inclusion (民发〔2021〕57号
  art. 8).  A household that owns one (``owns_business_entity``) while this
  column is absent cannot be decided where the value matters.
- ``owns_<AssetType value>`` for the other types (``vehicle``, ``home``,
  ``non_residential_property``, ``business_entity``, ``machinery``,
  ``other``) — bool, optional, applicant's row: owns at least one non-exempt
  asset of the type.
- ``jurisdiction`` — string, optional, applicant's row: where the household
  is decided; null means where the applicant is registered.
- ``receiving`` — list of strings, optional, nullable: the programmes (registry
  codes, e.g. ``assistance.dibao``) the person receives today; null means not
  known.  Read by the layered screen (:mod:`civaffairs.batch.layers`) to find
  the households eligible for something while nobody in them receives social
  assistance (主动发现); the rules themselves never read it.
- ``expenditure_<ExpenditureType value>`` — int64 fen, optional, applicant's row: the
  household's rigid expenditure of that type over the twelve months before the date
  decided (刚性支出, :data:`civaffairs.batch.rigid_expenditure.COLUMNS`).

An optional column left out means "none" for every row: no status, no
disability, no income of that type, no asset.  A null *cell* in a column
that is present is a missing fact and never becomes zero: the household
cannot be decided (see :func:`civaffairs.batch.assess_table`).  Money may
also come as a float column (pandas turns an integer column with gaps into
``float64``) if every value is a whole number of fen; NaN counts as missing.

Non-financial assets count by presence, not value: the 低保 property test
asks whether the household owns a non-exempt vehicle (and the like), whatever
it is worth, so those columns are booleans.

The asset columns are household totals: there is no owner column.  The scalar
rule counts only the property of counted members (民发〔2021〕57号 art. 14,
"家庭财产指共同生活的家庭成员拥有的全部动产和不动产": an ``Asset.owner`` naming a
member serving a sentence, say, is left out); here every asset on the row
counts, so leave out of the columns the assets of members who are not counted.
:func:`to_table` writes every non-exempt asset, whoever owns it.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import numbers
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Final

import pyarrow as pa

from civaffairs.assistance.dibao import RELATIONSHIP_CODES
from civaffairs.entities import (
    Asset,
    AssetType,
    Disability,
    DisabilityCategory,
    Expenditure,
    Household,
    Income,
    IncomeType,
    Member,
    Person,
    Registration,
    RegistrationKind,
    Relationship,
    Sex,
    SpecialStatus,
)
from civaffairs.errors import InvalidInputError
from civaffairs.money import fen_to_yuan, yuan_to_fen

__all__ = [
    "ASSET_COLUMNS",
    "BUSINESS_VALUE_COLUMN",
    "HOUSEHOLD_INCOME_COLUMNS",
    "INCOME_COLUMNS",
    "MAX_FEN",
    "OWNS_COLUMNS",
    "RECEIVING_COLUMN",
    "STATUS_COLUMNS",
    "from_table",
    "household_from_rows",
    "member_ids",
    "persons_schema",
    "programme_columns",
    "relationship_values",
    "to_table",
    "whole_fen",
]

#: The largest amount accepted in a money cell: 1 000 000 000 yuan (10¹¹ fen).  Larger values
#: are out of range, so no sum over a household can overflow 64-bit integers.
MAX_FEN: Final = 10**11

#: ``status_<value>`` column per :class:`SpecialStatus`.
STATUS_COLUMNS: Final[Mapping[SpecialStatus, str]] = {s: f"status_{s.value}" for s in SpecialStatus}
#: ``income_<value>`` column per :class:`IncomeType` (the member's own income).
INCOME_COLUMNS: Final[Mapping[IncomeType, str]] = {t: f"income_{t.value}" for t in IncomeType}
#: ``household_income_<value>`` column per :class:`IncomeType` (income of no one member).
HOUSEHOLD_INCOME_COLUMNS: Final[Mapping[IncomeType, str]] = {
    t: f"household_income_{t.value}" for t in IncomeType
}
#: ``asset_<value>`` value column (fen) per financial :class:`AssetType`.
ASSET_COLUMNS: Final[Mapping[AssetType, str]] = {
    t: f"asset_{t.value}" for t in AssetType if t.is_financial
}
#: ``owns_<value>`` presence column per non-financial :class:`AssetType`.
OWNS_COLUMNS: Final[Mapping[AssetType, str]] = {
    t: f"owns_{t.value}" for t in AssetType if not t.is_financial
}

#: The value (fen) of the non-exempt business entities, on the applicant's row.
BUSINESS_VALUE_COLUMN: Final = "asset_business_entity"

#: The programmes (registry codes) a person receives today; null: not known.
RECEIVING_COLUMN: Final = "receiving"

_STRING_DICT = pa.dictionary(pa.int32(), pa.string())


def persons_schema(*, household_id: pa.DataType | None = None) -> pa.Schema:
    """Return the full schema of the persons table (every optional column included).

    :func:`to_table` writes every column but ``receiving``, which the scalar model
    does not hold.

    It ends with the programmes' own columns, which their modules write (特困's ``ep_``
    columns: :data:`civaffairs.batch.extreme_poverty.COLUMNS`).

    ``household_id`` is a string column unless another type is given.

    .. versionadded:: 0.1.0
    """
    fields = [
        pa.field("household_id", household_id or pa.string(), nullable=False),
        pa.field("person_id", pa.string()),
        pa.field("relationship", _STRING_DICT, nullable=False),
        pa.field("birth_date", pa.date32(), nullable=False),
        pa.field("registration", _STRING_DICT),
        pa.field("registration_kind", _STRING_DICT),
        pa.field("lives_together", pa.bool_()),
        *(pa.field(name, pa.bool_()) for name in STATUS_COLUMNS.values()),
        pa.field("disability_category", _STRING_DICT),
        pa.field("disability_grade", pa.int8()),
        pa.field("serious_illness", pa.bool_()),
        *(pa.field(name, pa.int64()) for name in INCOME_COLUMNS.values()),
        *(pa.field(name, pa.int64()) for name in HOUSEHOLD_INCOME_COLUMNS.values()),
        *(pa.field(name, pa.int64()) for name in ASSET_COLUMNS.values()),
        pa.field(BUSINESS_VALUE_COLUMN, pa.int64()),
        *(pa.field(name, pa.bool_()) for name in OWNS_COLUMNS.values()),
        pa.field("jurisdiction", _STRING_DICT),
        pa.field(RECEIVING_COLUMN, pa.list_(pa.string())),
    ]
    fields += [pa.field(name, kind) for name, kind in programme_columns().items()]
    return pa.schema(fields)


def to_table(  # noqa: PLR0912 - one branch per kind of fact, flat on purpose
    households: Iterable[Household], *, jurisdiction: str | None = None
) -> pa.Table:
    """Convert households of the scalar model to the persons table, exactly.

    Incomes of one type of one member (or of the household) are summed, as
    the rule sums them; assets marked exempt are left out; financial assets
    are summed by type, other assets become ``owns_<type>`` flags; expenditures are
    summed by type on the applicant's row (``expenditure_<type>``, whoever spent them).
    ``jurisdiction`` fills the deciding-jurisdiction column (null: each
    household is decided where its applicant is registered).  Resident ID
    numbers and names are not written.

    .. versionadded:: 0.1.0
    """
    # Not written here: what a person receives today (the scalar model does not know it),
    # and 特困's nested facts, which its own to_table writes (a CSV file cannot hold them).
    schema = _household_schema()
    columns: dict[str, list[object]] = {name: [] for name in schema.names}
    for household in households:
        applicant = household.applicant.person.id
        own: dict[tuple[str, IncomeType], int] = {}
        common: dict[IncomeType, int] = {}
        for item in household.incomes:
            fen = yuan_to_fen(item.monthly)
            if item.member is None:
                common[item.type] = common.get(item.type, 0) + fen
            else:
                key = (item.member, item.type)
                own[key] = own.get(key, 0) + fen
        financial: dict[AssetType, int] = {}
        owned: set[AssetType] = set()
        business = 0
        for asset in household.assets:
            if asset.exempt:
                continue
            if asset.type is AssetType.BUSINESS_ENTITY:
                business += yuan_to_fen(asset.value)
            if asset.type.is_financial:
                financial[asset.type] = financial.get(asset.type, 0) + yuan_to_fen(asset.value)
            else:
                owned.add(asset.type)
        for member in household.members:
            person = member.person
            is_applicant = person.id == applicant
            row: dict[str, object] = {
                "household_id": household.id,
                "person_id": person.id,
                "relationship": member.relationship.value,
                "birth_date": person.birth_date,
                "registration": person.registration.jurisdiction,
                "registration_kind": person.registration.kind.value,
                "lives_together": member.lives_together,
                "disability_category": None
                if person.disability is None
                else person.disability.category.value,
                "disability_grade": None if person.disability is None else person.disability.grade,
                "serious_illness": person.serious_illness,
                "jurisdiction": jurisdiction if is_applicant else None,
            }
            for status, name in STATUS_COLUMNS.items():
                row[name] = status in person.statuses
            for income_type, name in INCOME_COLUMNS.items():
                row[name] = own.get((person.id, income_type), 0)
            for income_type, name in HOUSEHOLD_INCOME_COLUMNS.items():
                row[name] = common.get(income_type, 0) if is_applicant else None
            for asset_type, name in ASSET_COLUMNS.items():
                row[name] = financial.get(asset_type, 0) if is_applicant else None
            row[BUSINESS_VALUE_COLUMN] = business if is_applicant else None
            for asset_type, name in OWNS_COLUMNS.items():
                row[name] = (asset_type in owned) if is_applicant else None
            row |= _programme_cells(household, is_applicant=is_applicant)
            for name, value in row.items():
                columns[name].append(value)
    rows = len(columns["household_id"])
    for values in columns.values():  # a programme's own facts: not established (null)
        values.extend([None] * (rows - len(values)))
    return pa.table(columns, schema=schema)


def _household_schema() -> pa.Schema:
    """Return the columns :func:`to_table` writes: neither ``receiving`` nor 特困's ``ep_``.

    A programme's nested columns (特困's ``ep_``, :mod:`civaffairs.batch.extreme_poverty`)
    are written by that programme's ``to_table``.
    """
    from civaffairs.batch.extreme_poverty import COLUMNS as EXTREME_POVERTY  # noqa: PLC0415

    left_out = {*EXTREME_POVERTY, RECEIVING_COLUMN}
    return pa.schema([field for field in persons_schema() if field.name not in left_out])


#: The values the string columns accept.
RELATIONSHIP_VALUES: Final = tuple(r.value for r in Relationship)
KIND_VALUES: Final = tuple(k.value for k in RegistrationKind)
CATEGORY_VALUES: Final = tuple(c.value for c in DisabilityCategory)


def from_table(table: pa.Table) -> Iterator[tuple[Household, str | None]]:
    """Rebuild scalar-model households from a valid persons table, with their jurisdiction.

    The inverse of :func:`to_table` up to what the table does not hold: every
    non-zero income cell becomes one :class:`~civaffairs.entities.Income`,
    every financial asset cell one :class:`~civaffairs.entities.Asset`, an
    ``owns_<type>`` flag an asset of that type worth 0 (a business entity worth
    its ``asset_business_entity`` value), every non-zero expenditure cell one
    :class:`~civaffairs.entities.Expenditure` of the household; a person's sex (which
    no 低保 rule reads) is recorded as female.  Meant for checking the engine
    against :func:`civaffairs.assistance.dibao.assess` and for explaining a
    few households in full; it is slow (Python objects) and it raises on bad
    cells rather than marking them.

    .. versionadded:: 0.1.0
    """
    rows: list[dict[str, Any]] = []
    current: object = object()
    for batch in table.to_batches():
        for row in batch.to_pylist():
            if rows and row["household_id"] != current:
                yield _household(rows)
                rows = []
            current = row["household_id"]
            rows.append(row)
    if rows:
        yield _household(rows)


#: Columns whose null cell is a fact (unknown co-residence, no certificate, no person id).
_NULLABLE: Final = frozenset(
    {
        "lives_together",
        "serious_illness",
        "disability_category",
        "disability_grade",
        "person_id",
        "jurisdiction",
        "registration",
        "registration_kind",
        RECEIVING_COLUMN,
    }
)


_HOUSEHOLD: Final = frozenset(
    {
        *HOUSEHOLD_INCOME_COLUMNS.values(),
        *ASSET_COLUMNS.values(),
        BUSINESS_VALUE_COLUMN,
        *OWNS_COLUMNS.values(),
    }
)


def _no_nulls(row: dict[str, Any], household_id: str, index: int) -> None:
    """Refuse a null cell in a column where null would have to be read as zero or false.

    Household-level columns are read on the applicant's row only; elsewhere they are
    not applicable and may be null.
    """
    applicant = row.get("relationship") == Relationship.APPLICANT.value
    own = _programme_names()  # a programme's own facts: null is "not established"
    for column, value in row.items():
        if (
            value is None
            and column not in _NULLABLE
            and column not in own
            and (applicant or column not in _HOUSEHOLD)
        ):
            raise InvalidInputError(
                f"$[{household_id}][{index}].{column}",
                "null",
                "a value (a null here would have to be read as zero or false)",
            )


#: Relationship values by their integer codes (the ``relationship`` column may hold either).
_RELATIONSHIP_BY_CODE: Final = {code: rel.value for rel, code in RELATIONSHIP_CODES.items()}


def relationship_values(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return ``rows`` with integer ``relationship`` codes replaced by their values.

    The format accepts the codes of
    :data:`~civaffairs.assistance.dibao.RELATIONSHIP_CODES` as well as the values;
    the scalar model reads values.  An unknown code is left as it is (refused by
    :class:`~civaffairs.entities.Relationship`).

    .. versionadded:: 0.1.0
    """
    return [
        {**row, "relationship": _RELATIONSHIP_BY_CODE.get(code, code)}
        if isinstance(code := row.get("relationship"), int) and not isinstance(code, bool)
        else row
        for row in rows
    ]


def _household(rows: list[dict[str, Any]]) -> tuple[Household, str | None]:
    rows = relationship_values(rows)
    household_id = str(rows[0]["household_id"])
    members: list[Member] = []
    incomes: list[Income] = []
    assets: list[Asset] = []
    where: str | None = None
    for index, (row, pid) in enumerate(zip(rows, member_ids(rows), strict=True)):
        _no_nulls(row, household_id, index)
        is_applicant = row["relationship"] == Relationship.APPLICANT.value
        registration = row.get("registration") or _applicant_value(rows, "registration")
        kind = row.get("registration_kind") or _applicant_value(rows, "registration_kind")
        category = row.get("disability_category")
        if isinstance(category, int) and not isinstance(category, bool) and category >= 0:
            # An integer column is read as codes (batch._columns.Reader.codes), so here too.
            category = CATEGORY_VALUES[category] if category < len(CATEGORY_VALUES) else category
        person = Person(
            id=pid,
            birth_date=_date(row["birth_date"]),
            sex=Sex.FEMALE,
            registration=Registration(str(registration), RegistrationKind(kind)),
            disability=None
            if category is None
            else Disability(DisabilityCategory(category), int(row["disability_grade"])),
            # A null cell is "not established"; an absent column means "none" (False).
            serious_illness=row.get("serious_illness", False),
            statuses=frozenset(s for s, c in STATUS_COLUMNS.items() if row.get(c)),
        )
        members.append(Member(person, Relationship(row["relationship"]), row.get("lives_together")))
        cell = functools.partial(_cell_fen, row, household_id, index)
        business_type = AssetType.BUSINESS_ENTITY
        for income_type, column in INCOME_COLUMNS.items():
            fen = cell(column)
            if fen:
                incomes.append(Income(income_type, fen_to_yuan(fen), member=pid))
        if is_applicant:
            where = row.get("jurisdiction")
            for income_type, column in HOUSEHOLD_INCOME_COLUMNS.items():
                fen = cell(column)
                if fen:
                    incomes.append(Income(income_type, fen_to_yuan(fen)))
            for asset_type, column in ASSET_COLUMNS.items():
                fen = cell(column)
                if fen:
                    assets.append(Asset(asset_type, fen_to_yuan(fen)))
            business = cell(BUSINESS_VALUE_COLUMN)  # read (and checked) as the engine does
            assets.extend(
                Asset(asset_type, fen_to_yuan(business if asset_type is business_type else 0))
                for asset_type, column in OWNS_COLUMNS.items()
                if row.get(column)
            )
    return Household(household_id, members, incomes, assets, _programme_facts(rows)), where


def member_ids(rows: list[dict[str, Any]]) -> list[str]:
    """Return the member id the scalar model gives each of one household's rows.

    A row's ``person_id`` when it names someone; else (null, empty or blank) a
    stand-in ``p<row index>`` that no other member of the household has, so a
    missing reference never makes two members one person.  Readers of per-member
    facts key them by these ids.

    .. versionadded:: 0.1.0
    """
    given = {str(row["person_id"]) for row in rows if _named(row.get("person_id"))}
    return [
        str(row["person_id"]) if _named(row.get("person_id")) else _stand_in(index, given)
        for index, row in enumerate(rows)
    ]


def _named(person_id: object) -> bool:
    """Whether a ``person_id`` cell names the person (null, empty and blank do not)."""
    return person_id is not None and bool(str(person_id).strip())


def _stand_in(index: int, given: set[str]) -> str:
    """Return an id for the member at ``index`` without one: ``p<index>``, unless a member has it.

    ``person_id`` is for tracing only; a stand-in must never make two members one person.
    """
    pid = f"p{index}"
    while pid in given:
        pid += "'"
    return pid


def whole_fen(cell: object) -> int | None:
    """Return a money cell's whole number of fen as the engine reads it; ``None`` when bad.

    An integer (not a flag) or a float of whole fen, from 0 to :data:`MAX_FEN`; a null,
    NaN, a fraction of a fen, a negative, a larger amount or text is bad.

    .. versionadded:: 0.1.0
    """
    if isinstance(cell, bool):
        return None
    if isinstance(cell, float) and math.isfinite(cell) and cell.is_integer():
        cell = int(cell)
    if isinstance(cell, numbers.Integral) and 0 <= int(cell) <= MAX_FEN:
        return int(cell)
    return None


def _cell_fen(row: dict[str, Any], household_id: str, index: int, column: str) -> int:
    """Return a money cell of one row in fen (absent or null: 0); refuse a bad one by path.

    A null where it would have to be read as zero was refused by :func:`_no_nulls` already.
    """
    value = row.get(column)
    if value is None:
        return 0
    fen = whole_fen(value)
    if fen is None:
        raise InvalidInputError(
            f"$[{household_id}][{index}].{column}",
            value,
            "a whole number of fen from 0 to 10¹¹ (not NaN, a fraction or negative)",
        )
    return fen


def _applicant_value(rows: list[dict[str, Any]], column: str) -> str:
    for row in rows:
        if row["relationship"] == Relationship.APPLICANT.value:
            return str(row[column])
    raise ValueError("no applicant")


def _date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raise TypeError(f"not a date: {value!r}")


def household_from_rows(rows: list[dict[str, Any]]) -> tuple[Household, str | None]:
    """Rebuild one household from its rows (dicts, in table order), as :func:`from_table` does.

    .. versionadded:: 0.1.0
    """
    return _household(rows)


# -- the programmes' own columns --------------------------------------------------------------


@functools.cache
def _programme_names() -> frozenset[str]:
    return frozenset(programme_columns())


def programme_columns() -> dict[str, pa.DataType]:
    """Return the columns the person-level programmes add, each under its own prefix.

    Declared by each programme's batch module as ``COLUMNS``: ``ds_`` the two
    disability subsidies (:mod:`civaffairs.batch.disability_subsidies`), ``child_``
    the orphan and 事实无人抚养 allowances (:mod:`civaffairs.batch.children`), ``ep_``
    特困人员 (:mod:`civaffairs.batch.extreme_poverty`), ``expenditure_`` the
    household's rigid expenditures on the applicant's row
    (:mod:`civaffairs.batch.rigid_expenditure`, which refuses a null there).  A null
    cell of a person's own fact is a fact not established.

    .. versionadded:: 0.1.0
    """
    from civaffairs.batch import (  # noqa: PLC0415 - they import this
        children,
        disability_subsidies,
        extreme_poverty,
        rigid_expenditure,
    )

    return {
        **disability_subsidies.COLUMNS,
        **children.COLUMNS,
        **extreme_poverty.COLUMNS,
        **rigid_expenditure.COLUMNS,
    }


def _programme_cells(household: Household, *, is_applicant: bool) -> dict[str, object]:
    """Return a row's cells of the programmes' own columns (null off the applicant's row)."""
    from civaffairs.batch import rigid_expenditure  # noqa: PLC0415 - it imports this module

    if not is_applicant:
        return dict.fromkeys(rigid_expenditure.COLUMNS)
    return rigid_expenditure.write_facts(household)


def _programme_facts(rows: list[dict[str, Any]]) -> tuple[Expenditure, ...]:
    """Return one household's facts read from the programmes' own columns."""
    from civaffairs.batch import rigid_expenditure  # noqa: PLC0415 - it imports this module

    return rigid_expenditure.read_facts(rows)
