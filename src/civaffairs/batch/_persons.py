"""Reading a slice of the persons table into the facts the 低保 rule reads, as arrays.

:func:`read_persons` indexes a slice's households (one applicant each, ids
consecutive), reads each person's and household's facts through the
:class:`~civaffairs.batch._columns.Reader` (which marks every bad cell) and
finds where each household is decided and which parameter group it belongs
to.  Nothing here decides anything: :mod:`civaffairs.batch.dibao` evaluates the
rule on what this returns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Final

import attrs
import numpy as np
import numpy.typing as npt
import pyarrow as pa

from civaffairs import jurisdictions
from civaffairs.assistance import dibao as scalar
from civaffairs.assistance.dibao import (
    LIVES_APART,
    LIVES_TOGETHER,
    LIVES_UNKNOWN,
    RELATIONSHIP_CODES,
)
from civaffairs.assistance.means import DEPENDENT_STATUSES, EXCLUDING_STATUSES
from civaffairs.batch._columns import Bools, Ints, Reader, arrow, has_nulls, mask_of, nulls_of
from civaffairs.batch._common import any_bad, is_division, small_unique
from civaffairs.batch.arrays import Households, ages, any_of
from civaffairs.batch.plumbing import HouseholdSlice, birth_days, codes_known, deciding_places
from civaffairs.batch.schema import (
    ASSET_COLUMNS,
    BUSINESS_VALUE_COLUMN,
    CATEGORY_VALUES,
    HOUSEHOLD_INCOME_COLUMNS,
    INCOME_COLUMNS,
    KIND_VALUES,
    OWNS_COLUMNS,
    STATUS_COLUMNS,
)
from civaffairs.entities import (
    INTELLECTUAL_OR_MENTAL,
    AssetType,
    IncomeType,
    Relationship,
    severe_disability,
)
from civaffairs.errors import InvalidDocumentError, InvalidInputError

RELATIONSHIPS: Final = tuple(
    rel.value for rel in sorted(RELATIONSHIP_CODES, key=RELATIONSHIP_CODES.__getitem__)
)
_APPLICANT: Final = RELATIONSHIP_CODES[Relationship.APPLICANT]
_NO_GRADE: Final = 99  # a person with no certificate: no grade is "severe"


def read_persons(
    reader: Reader,
    piece: HouseholdSlice,
    on: dt.date,
    jurisdiction: str | None,
    *,
    county: bool = False,
) -> tuple[Households, Facts, Bools]:
    """Read a slice: its households, their facts, and the households with a bad cell.

    A household without exactly one applicant is bad too.  Raises
    :class:`~civaffairs.errors.InvalidDocumentError` when a column is absent
    or of the wrong type.  ``county``: the programme is decided by a county-level
    department, as the scalar rule requires (``means.registration_and_family``): a
    registration or ``jurisdiction`` cell above county level is a bad cell, and a
    ``jurisdiction`` argument above county level is refused
    (:class:`~civaffairs.errors.InvalidInputError`).
    """
    relationship, relationship_null = reader.codes("relationship", RELATIONSHIPS, required=True)
    reader.mark("relationship", relationship_null, "a relationship, not missing")
    households, one_applicant = _households(reader, relationship, piece)
    if county and jurisdiction is not None:
        jurisdictions.require_county(jurisdiction, path="jurisdiction", why=_COUNTY_DECIDES)
    facts = _read_facts(
        reader, households, relationship, on, default_jurisdiction=jurisdiction, county=county
    )
    if reader.schema_errors:
        raise InvalidDocumentError(reader.schema_errors, what="persons table")
    return households, facts, households.any(any_bad(reader)) | ~one_applicant


#: Why a county-level place is required (as ``means.registration_and_family`` says it).
_COUNTY_DECIDES: Final = (
    "the county-level civil-affairs department decides "
    "(《社会救助暂行办法》第十一条(三); 民发〔2021〕57号 第二条)"
)
#: What a registration or deciding place must be, for a programme a county decides.
_COUNTY_CODE: Final = "a county-level GB/T 2260 code (区/县/县级市): a county decides"


# -- households -------------------------------------------------------------------------------


def _households(
    reader: Reader, relationship: npt.NDArray[np.int16], piece: HouseholdSlice
) -> tuple[Households, Bools]:
    """Index the households of a slice and check each has one applicant and its own id."""
    column = reader.table.column("household_id")
    starts, repeated = piece.starts, piece.repeated
    rows = reader.rows
    sizes = np.diff(np.append(starts, rows)).astype(np.int64)
    of_row = np.repeat(np.arange(len(starts)), sizes)
    found = np.flatnonzero(relationship == _APPLICANT)
    applicants = np.bincount(of_row[found], minlength=len(starts))
    applicant_row = starts.copy()
    applicant_row[of_row[found]] = found
    one = applicants == 1
    if not one.all():
        reader.unclear = ~one[of_row]
        reader.mark(
            "relationship", mask_of(rows, starts[~one]), "exactly one 'applicant' per household"
        )
    if has_nulls(column) or repeated.any():
        reader.mark(
            "household_id",
            nulls_of(column) | repeated[of_row],
            "a household id, the household's rows consecutive",
        )
    return Households(starts, sizes, of_row, applicant_row), one


# -- facts ------------------------------------------------------------------------------------


@attrs.frozen
class Facts:
    """The person- and household-level facts the rule reads, as arrays.

    Income maps hold only the columns present: an absent column is zero.
    """

    relationship: npt.NDArray[np.int16]
    age: Ints
    excluded: Bools
    dependent: Bools
    lives: npt.NDArray[np.int8]
    candidate: Bools
    unknown: Bools
    income: Mapping[IncomeType, Ints]
    household_income: Mapping[IncomeType, Ints]
    financial: Ints
    owns: Mapping[AssetType, Bools]
    places: HouseholdPlaces
    business_value: Ints | None = None


def _read_facts(
    reader: Reader,
    households: Households,
    relationship: npt.NDArray[np.int16],
    on: dt.date,
    *,
    default_jurisdiction: str | None,
    county: bool,
) -> Facts:
    # Read in the columns' order, so the bad columns are named in that order.
    rows = reader.rows
    applicants = households.applicant_row
    age = ages(birth_days(reader, on), on)
    status = {s: reader.flag(column) for s, column in STATUS_COLUMNS.items()}
    lives = _lives(reader)
    candidate, unknown = _single_person_candidates(reader)
    income = {t: reader.money(c) for t, c in INCOME_COLUMNS.items()}
    household_income = {
        t: reader.household_money(c, applicants) for t, c in HOUSEHOLD_INCOME_COLUMNS.items()
    }
    financial = np.zeros(households.count, dtype=np.int64)
    for column in ASSET_COLUMNS.values():
        value = reader.household_money(column, applicants)
        if value is not None:
            financial += value
    owns = {t: reader.household_flag(c, applicants) for t, c in OWNS_COLUMNS.items()}
    no_asset = np.zeros(households.count, dtype=np.bool_)
    return Facts(
        relationship=relationship,
        age=age,
        excluded=any_of([status[s] for s in EXCLUDING_STATUSES], rows),
        dependent=any_of([status[s] for s in DEPENDENT_STATUSES], rows),
        lives=lives,
        candidate=candidate,
        unknown=unknown,
        income={t: v for t, v in income.items() if v is not None},
        household_income={t: v for t, v in household_income.items() if v is not None},
        financial=financial,
        owns={t: no_asset if v is None else v for t, v in owns.items()},
        places=_places(reader, households, default_jurisdiction, county=county),
        business_value=reader.household_money(BUSINESS_VALUE_COLUMN, applicants),
    )


def _lives(reader: Reader) -> npt.NDArray[np.int8]:
    """Whether each person lives with the household (null or absent: unknown)."""
    lives_value, lives_null = reader.nullable_flag("lives_together")
    if lives_value is None:
        return np.full(reader.rows, LIVES_UNKNOWN, dtype=np.int8)
    lives = np.where(lives_value, LIVES_TOGETHER, LIVES_APART).astype(np.int8)
    if lives_null.any():
        lives[lives_null] = LIVES_UNKNOWN
    return lives


def _single_person_candidates(reader: Reader) -> tuple[Bools, Bools]:
    """Who may be covered alone (57号 art. 8), and whose candidacy is not established."""
    rows = reader.rows
    category, category_null = reader.codes("disability_category", CATEGORY_VALUES, required=False)
    grade, grade_null = reader.small_int("disability_grade")
    reader.mark(
        "disability_grade",
        ~grade_null & ((grade < 1) | (grade > 4)),
        "a grade from 1 to 4 (GB/T 26341-2010)",
    )
    reader.mark(
        "disability_grade",
        grade_null != category_null,
        "a grade exactly when there is a disability category",
    )
    intellectual_or_mental = any_of(
        [category == CATEGORY_VALUES.index(c.value) for c in INTELLECTUAL_OR_MENTAL], rows
    )
    severe = np.asarray(
        severe_disability(np.where(grade_null, _NO_GRADE, grade), intellectual_or_mental),
        dtype=np.bool_,
    )
    # 重特大疾病: a null cell is "not established" (asked where it decides the outcome); an
    # absent column means no member is seriously ill.
    ill, ill_null = reader.nullable_flag("serious_illness")
    ill_known = np.zeros(rows, dtype=np.bool_) if ill is None else ill & ~ill_null
    return scalar.single_person_candidate(severe, ill_known), ~severe & ill_null


@attrs.frozen
class HouseholdPlaces:
    """Registration and deciding jurisdiction per household, and the parameter groups."""

    registered: Bools
    where: Ints
    names: tuple[str, ...]
    group: Ints
    groups: tuple[tuple[str, str], ...]


def _at_applicant(
    reader: Reader, households: Households, name: str, *, required: bool
) -> tuple[Ints, list[str]]:
    """Dictionary-encode a household fact read from the applicant's row only."""
    if name not in reader.columns:
        if required:
            reader.schema_errors.append(
                InvalidInputError(f"$.{name}", "(absent)", "a column of the persons table")
            )
        return np.full(households.count, -1, dtype=np.int64), []
    kind = reader.table.schema.field(name).type
    if pa.types.is_dictionary(kind):  # its indices are read at the applicants' rows
        return reader.strings_at(name, households.applicant_row, required=required)
    # Plain strings: encode the applicants' rows only.
    sub = Reader(reader.table.select([name]).take(arrow(households.applicant_row)))
    indices, names = sub.strings(name, required=required)
    reader.schema_errors.extend(sub.schema_errors)
    return indices, names


def _counties(names: list[str] | tuple[str, ...]) -> Bools:
    """Per code of ``names``, whether it is a known county-level code; one more ``False``."""
    return np.array(
        [
            is_division(name) and jurisdictions.get(name).level is jurisdictions.Level.COUNTY
            for name in names
        ]
        + [False],
        dtype=np.bool_,
    )


def _places(
    reader: Reader, households: Households, default_jurisdiction: str | None, *, county: bool
) -> HouseholdPlaces:
    rows = households.applicant_row

    registration = _at_applicant(reader, households, "registration", required=True)
    known = codes_known(registration[1])[registration[0]]  # -1 (null) reads the trailing False
    reader.mark_rows("registration", rows[~known], "a six-digit GB/T 2260 code")
    if county:  # the scalar rule refuses a registration above county level
        above = known & ~_counties(registration[1])[registration[0]]
        reader.mark_rows("registration", rows[above], _COUNTY_CODE)

    kind, kind_names = _at_applicant(reader, households, "registration_kind", required=True)
    kinds = {name: i for i, name in enumerate(KIND_VALUES)}
    kind_code = np.array([kinds.get(k, -1) for k in kind_names] + [-1])[kind]
    reader.mark_rows(
        "registration_kind",
        rows[kind_code < 0],
        f"one of {', '.join(KIND_VALUES)}",
    )

    chosen = _at_applicant(reader, households, "jurisdiction", required=False)
    default = None
    if default_jurisdiction is not None:
        default = jurisdictions.get(default_jurisdiction).code
    places = deciding_places(registration, chosen, default)
    reader.mark_rows(
        "jurisdiction",
        rows[places.bad_choice],
        "a known GB/T 2260 code, or null",
    )
    if county:  # a deciding place above county level: the scalar rule refuses it
        chosen_above = (places.chosen >= 0) & places.valid & ~_counties(places.names)[places.where]
        reader.mark_rows("jurisdiction", rows[chosen_above], _COUNTY_CODE)

    names, where = places.names, places.where
    key = (where + 1) * 2 + np.maximum(kind_code, 0)
    unique_keys, group = small_unique(key)
    groups = tuple(
        (
            names[int(k) // 2 - 1] if int(k) // 2 >= 1 else jurisdictions.NATIONAL,
            KIND_VALUES[int(k) % 2],
        )
        for k in unique_keys
    )
    return HouseholdPlaces(places.registered, where, names, group.astype(np.int64), groups)
