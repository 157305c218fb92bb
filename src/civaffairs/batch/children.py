"""孤儿 and 事实无人抚养 allowances for a whole registry in columns, exactly as one child at a time.

:func:`assess_table` decides :func:`civaffairs.assistance.children.assess_person` for every
person of a persons table (:mod:`civaffairs.batch.schema`), with the scalar rule's own
bodies — :func:`~civaffairs.assistance.children.parent_kind_rule`,
:func:`~civaffairs.assistance.children.severe_rule`,
:func:`~civaffairs.assistance.children.contact_lost_long_enough`,
:func:`~civaffairs.assistance.children.combine_rule`,
:func:`~civaffairs.assistance.children.top_up_rule` and the age rule
:func:`~civaffairs.dates.full_years` — evaluated on numpy columns.  A property test compares
every person with the scalar decision: outcome, amount to the fen, reason codes.

The result has one row per person, in input order: ``household_id``, ``person_id``,
``programme``, ``jurisdiction``, ``outcome``, ``amount_fen``, ``category`` (``orphan`` or
``unsupported`` where eligible, else null), ``reasons`` and ``problems``.

The facts beyond the persons table's own columns (age, registration,
``status_full_time_student``), one per person, in :data:`COLUMNS` (``<parent>`` is
``father`` or ``mother``):

- ``child_<parent>_situation`` — string, nullable: a
  :class:`~civaffairs.assistance.children.ParentSituation` value; null (or the column
  absent) means the parent's situation is not established.
- ``child_<parent>_disability_category`` (string) and ``child_<parent>_disability_grade``
  (integer 1–4), nullable, given together: the certificate behind ``severe_disability``;
  null means not given.
- ``child_<parent>_term_months`` — integer, nullable: the term behind ``in_custody``,
  ``compulsory_drug_rehabilitation`` and ``other_restriction_of_liberty``.
- ``child_<parent>_since`` — date, nullable: when contact was lost (``lost_contact``).
- ``child_placement`` — string, nullable: ``institutional`` or ``dispersed``; null means
  not established.
- ``child_assistance_received`` — int64 fen, nullable: the monthly 低保, 特困 support or
  disability living subsidy already received, which the 事实无人抚养 allowance tops up; 0
  when none, null when not established.

A null cell is a fact not established: where it decides the outcome, the person "cannot
decide", naming the column in ``problems``.  Bad cells and parameters not in force are
handled as in :mod:`civaffairs.batch.disability_subsidies`.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

import attrs
import numpy as np
import pyarrow as pa

from civaffairs.assistance import children as scalar
from civaffairs.assistance.children import (
    CATEGORY_CODES,
    KIND_NO,
    KIND_NOT_FOUND,
    KIND_UNKNOWN,
    SITUATION_CODES,
    TOP_UP_IN_FULL,
    TOP_UP_NONE,
    TOP_UP_PART,
    UNKNOWN_CATEGORY,
    ChildCategory,
    ChildFacts,
    Parent,
    ParentSituation,
    Placement,
)
from civaffairs.batch import _per_person as people_
from civaffairs.batch import schema
from civaffairs.batch._columns import Bools, Ints, Reader, arrow
from civaffairs.batch._common import (
    ALL,
    R_INVALID_VALUE,
    R_PARAMETER_UNAVAILABLE,
    Errors,
    check_errors,
    render_summary_rows,
    workers_for,
)
from civaffairs.batch.arrays import EPOCH, NUMPY, calendar_parts
from civaffairs.batch.plumbing import (
    SLICE_ROWS,
    Decided,
    Frame,
    HouseholdSlice,
    checked_table,
    decide_slices,
    household_slices,
)
from civaffairs.batch.schema import CATEGORY_VALUES, STATUS_COLUMNS, persons_schema
from civaffairs.entities import (
    INTELLECTUAL_OR_MENTAL,
    Disability,
    DisabilityCategory,
    Household,
    SpecialStatus,
)
from civaffairs.errors import InvalidDocumentError, InvalidInputError
from civaffairs.money import fen_to_yuan, yuan_to_fen
from civaffairs.parameters import ParameterBook, default_book

__all__ = [
    "COLUMNS",
    "REASON_CATALOGUE",
    "assess_table",
    "read_facts",
    "render_summary",
    "summarise",
    "synthetic_columns",
    "to_table",
    "write_facts",
]

_STRING_DICT = pa.dictionary(pa.int32(), pa.string())
_PARENTS: Final = ("father", "mother")


def _parent_columns(parent: str) -> dict[str, pa.DataType]:
    return {
        f"child_{parent}_situation": _STRING_DICT,
        f"child_{parent}_disability_category": _STRING_DICT,
        f"child_{parent}_disability_grade": pa.int8(),
        f"child_{parent}_term_months": pa.int32(),
        f"child_{parent}_since": pa.date32(),
    }


#: The persons table's columns of the children's facts (see the module docstring).
COLUMNS: Final[Mapping[str, pa.DataType]] = {
    **_parent_columns("father"),
    **_parent_columns("mother"),
    "child_placement": _STRING_DICT,
    "child_assistance_received": pa.int64(),
}

#: The reason codes a row may carry, in the order they are listed.
REASON_CATALOGUE: Final = (
    scalar.R_REGISTRATION_ELSEWHERE.code,
    scalar.R_REGISTRATION.code,
    scalar.R_MINOR.code,
    scalar.R_STUDENT.code,
    scalar.R_ADULT.code,
    scalar.R_PARENT.code,
    scalar.R_NOT_DECLARED_MISSING.code,
    scalar.R_ORPHAN.code,
    scalar.R_UNSUPPORTED.code,
    scalar.R_UNSUPPORTED_NOT_COVERED.code,
    scalar.R_NEITHER.code,
    scalar.R_PLACEMENT_UNKNOWN.code,
    scalar.R_AMOUNT.code,
    scalar.R_IN_FULL.code,
    scalar.R_TOP_UP.code,
    scalar.R_NO_TOP_UP.code,
    scalar.R_RECEIVED_UNKNOWN.code,
    scalar.R_MISSING.code,
    R_INVALID_VALUE.code,
    R_PARAMETER_UNAVAILABLE.code,
)
_OWN_CODES: Final = REASON_CATALOGUE[:-2]

_SITUATIONS: Final = tuple(s.value for s in ParentSituation)
_PLACEMENTS: Final = tuple(p.value for p in Placement)
_TERMED_OR_LOST: Final = np.array(
    [
        s
        in {
            ParentSituation.IN_CUSTODY,
            ParentSituation.COMPULSORY_DRUG_REHABILITATION,
            ParentSituation.OTHER_RESTRICTION_OF_LIBERTY,
            ParentSituation.LOST_CONTACT,
        }
        for s in ParentSituation
    ]
    + [False],
    dtype=np.bool_,
)
_IM: Final = np.array(
    [DisabilityCategory(v) in INTELLECTUAL_OR_MENTAL for v in CATEGORY_VALUES] + [False],
    dtype=np.bool_,
)
_ORPHAN: Final = CATEGORY_CODES[ChildCategory.ORPHAN]
_UNSUPPORTED: Final = CATEGORY_CODES[ChildCategory.UNSUPPORTED]
_NEITHER: Final = CATEGORY_CODES[ChildCategory.NEITHER]
_CATEGORIES: Final = tuple(c.value for c in ChildCategory)

_MONTHS = "assistance.children.unsupported.min_months"
_COVERED = "assistance.children.unsupported.covered"
_STUDENTS = "assistance.children.continue_for_full_time_students"
_AMOUNTS: Final = {
    (category, placement): f"assistance.children.{category.value}_allowance.{placement.value}"
    for category in (ChildCategory.ORPHAN, ChildCategory.UNSUPPORTED)
    for placement in Placement
}
_ADULT_AGE: Final = 18
_TERM_MAX: Final = 2**31 - 1  # the child_<parent>_term_months column is int32
_PROGRAMME = scalar.PROGRAMME.code


# -- the call ---------------------------------------------------------------------------------


def assess_table(
    data: Frame,
    on: dt.date,
    *,
    book: ParameterBook | None = None,
    errors: Errors = "mark",
    jurisdiction: str | None = None,
    workers: int | None = None,
    first_row: int = 0,
) -> pa.Table:
    """Decide the orphan / 事实无人抚养 allowance for every person of a persons table on ``on``.

    ``data``, ``jurisdiction``, ``errors``, ``workers`` and ``first_row`` are as in
    :func:`civaffairs.batch.disability_subsidies.assess_table`.  Returns one row per
    person, in input order (see the module docstring).

    .. versionadded:: 0.1.0
    """
    check_errors(errors)
    threads = workers_for(workers)
    jurisdiction = people_.default_place(jurisdiction)
    table = checked_table(
        data, persons_schema().names, "a column of the persons table (schema.py)", people_.WHAT
    )
    if "household_id" not in table.column_names:
        raise InvalidDocumentError(
            [InvalidInputError("$.household_id", "(absent)", "a column of the persons table")],
            what=people_.WHAT,
        )
    chosen = book or default_book()

    def decide(piece: HouseholdSlice) -> Decided:
        reader = Reader(piece.of(table))
        output, error = _decide(reader, piece, on, chosen, jurisdiction)
        return output, reader, first_row + piece.start, error

    pieces = household_slices(table, SLICE_ROWS, first_row)
    return decide_slices(pieces, decide, errors=errors, workers=threads, what=people_.WHAT)


# -- reading ----------------------------------------------------------------------------------


@attrs.frozen
class _Parent:
    """One parent's facts per person."""

    given: Bools
    situation: Ints
    severe: Bools
    disability_given: Bools
    term: Ints
    term_given: Bools
    since: Ints
    since_given: Bools


def _read_parent(reader: Reader, parent: str) -> _Parent:
    prefix = f"child_{parent}"
    situation, situation_null = reader.codes(f"{prefix}_situation", _SITUATIONS, required=False)
    category, category_null = reader.codes(
        f"{prefix}_disability_category", CATEGORY_VALUES, required=False
    )
    grade, grade_null = reader.small_int(f"{prefix}_disability_grade")
    reader.mark(
        f"{prefix}_disability_grade",
        ~grade_null & ((grade < 1) | (grade > 4)),
        "a grade from 1 to 4 (GB/T 26341-2010)",
    )
    reader.mark(
        f"{prefix}_disability_grade",
        grade_null != category_null,
        "a grade exactly when there is a disability category",
    )
    term, term_null = reader.small_int(f"{prefix}_term_months")
    reader.mark(
        f"{prefix}_term_months", ~term_null & (term < 0), "a whole number of months, 0 or more"
    )
    since, since_null = _dates(reader, f"{prefix}_since")
    severe = np.asarray(
        scalar.severe_rule(NUMPY, grade=grade, intellectual_or_mental=_IM[category]),
        dtype=np.bool_,
    )
    return _Parent(
        given=~situation_null & (situation >= 0),
        situation=situation.astype(np.int64),
        severe=severe,
        disability_given=~category_null,
        term=term,
        term_given=~term_null,
        since=since,
        since_given=~since_null,
    )


def _dates(reader: Reader, name: str) -> tuple[Ints, Bools]:
    """Read an optional date column as days since 1970-01-01: ``(days, nulls)``."""
    if name not in reader.columns:
        return np.zeros(reader.rows, dtype=np.int64), np.ones(reader.rows, dtype=np.bool_)
    days, nulls = reader.days(name)
    return np.where(nulls, 0, days), nulls


@attrs.frozen
class _Facts:
    father: _Parent
    mother: _Parent
    student: Bools
    placement: Ints
    received: Ints
    received_given: Bools


def _read(reader: Reader) -> _Facts:
    father = _read_parent(reader, "father")
    mother = _read_parent(reader, "mother")
    student = reader.flag(STATUS_COLUMNS[SpecialStatus.FULL_TIME_STUDENT])
    placement, _ = reader.codes("child_placement", _PLACEMENTS, required=False)
    received, received_null = reader.small_int("child_assistance_received")
    reader.mark(
        "child_assistance_received",
        ~received_null & ((received < 0) | (received > schema.MAX_FEN)),
        "a whole number of fen from 0 to 10¹¹",
    )
    return _Facts(
        father=father,
        mother=mother,
        student=np.zeros(reader.rows, dtype=np.bool_) if student is None else student,
        placement=placement.astype(np.int64),
        received=received,
        received_given=~received_null,
    )


# -- the rule ---------------------------------------------------------------------------------


def _parameters(book: ParameterBook, on: dt.date, people: people_.People) -> people_.Params:
    money = people_.money_reader(book, on)
    readers = {
        _STUDENTS: people_.flag_reader(book, on),
        _MONTHS: people_.count_reader(book, on),
        _COVERED: people_.flag_reader(book, on),
        **dict.fromkeys(_AMOUNTS.values(), money),
    }
    found = {
        name: people_.parameter(book, on, people.groups, name, read)
        for name, read in readers.items()
    }
    return people_.Params(found, people.group)


def _kind(parent: _Parent, on: dt.date, min_months: Ints) -> Ints:
    """Return the parent's kind (``KIND_*``) by the scalar rule's ``parent_kind_rule``.

    A parent whose situation is not established is ``KIND_UNKNOWN``.
    """
    lost_situation = parent.situation == SITUATION_CODES[ParentSituation.LOST_CONTACT]
    lost = np.zeros(len(parent.situation), dtype=np.bool_)
    at = np.flatnonzero(parent.given & lost_situation & parent.since_given)
    if len(at):  # only where contact was lost on a date: calendar parts are not free
        year, month, day = calendar_parts(parent.since[at])
        lost[at] = scalar.contact_lost_long_enough(
            NUMPY, since=(year, month, day), months=min_months[at], on=on
        )
    termed = np.isin(
        parent.situation,
        [
            SITUATION_CODES[s]
            for s in (
                ParentSituation.IN_CUSTODY,
                ParentSituation.COMPULSORY_DRUG_REHABILITATION,
                ParentSituation.OTHER_RESTRICTION_OF_LIBERTY,
            )
        ],
    )
    severe_situation = parent.situation == SITUATION_CODES[ParentSituation.SEVERE_DISABILITY]
    known = np.where(
        severe_situation,
        parent.disability_given,
        np.where(termed, parent.term_given, np.where(lost_situation, parent.since_given, True)),
    )
    kind = scalar.parent_kind_rule(
        NUMPY,
        situation=parent.situation,
        severe=parent.severe,
        term_months=parent.term,
        contact_lost=lost,
        known=known,
        min_months=min_months,
    )
    return np.where(parent.given, kind, KIND_UNKNOWN).astype(np.int64)


def _missing_of(parent: _Parent, name: str, kind: Ints) -> dict[str, Bools]:
    """Return, per column, where a parent's unknown kind lacks it."""
    unknown = kind == KIND_UNKNOWN
    situation = parent.situation
    return {
        f"child_{name}_situation": unknown & ~parent.given,
        f"child_{name}_disability_category": unknown
        & parent.given
        & (situation == SITUATION_CODES[ParentSituation.SEVERE_DISABILITY]),
        f"child_{name}_term_months": unknown
        & parent.given
        & np.isin(
            situation,
            [
                SITUATION_CODES[s]
                for s in (
                    ParentSituation.IN_CUSTODY,
                    ParentSituation.COMPULSORY_DRUG_REHABILITATION,
                    ParentSituation.OTHER_RESTRICTION_OF_LIBERTY,
                )
            ],
        ),
        f"child_{name}_since": unknown
        & parent.given
        & (situation == SITUATION_CODES[ParentSituation.LOST_CONTACT]),
    }


@attrs.frozen
class _Run:
    decided: people_.Decided
    category: Ints


def _evaluate(people: people_.People, facts: _Facts, params: people_.Params, on: dt.date) -> _Run:
    """Decide each person in the steps of :func:`~civaffairs.assistance.children.assess_person`."""
    registered = people.places.registered
    minor = registered & (people.age < _ADULT_AGE)
    adult = registered & ~(people.age < _ADULT_AGE)
    student = adult & facts.student
    continues = params(_STUDENTS) != 0
    # 3. The parents: the minimum months only where a parent's situation has a term or a date.
    situations = (facts.father, facts.mother)
    needs_months = registered & (
        (_TERMED_OR_LOST[np.where(facts.father.given, facts.father.situation, -1)])
        | (_TERMED_OR_LOST[np.where(facts.mother.given, facts.mother.situation, -1)])
    )
    months = params(_MONTHS)
    kinds = [_kind(parent, on, np.where(needs_months, months, 0)) for parent in situations]
    category = np.asarray(scalar.combine_rule(NUMPY, kinds[0], kinds[1]), dtype=np.int64)
    not_found = (kinds[0] == KIND_NOT_FOUND) | (kinds[1] == KIND_NOT_FOUND)
    has_no = (kinds[0] == KIND_NO) | (kinds[1] == KIND_NO)
    not_declared = registered & (category == _NEITHER) & not_found & ~has_no
    orphan = registered & (category == _ORPHAN)
    unsupported = registered & (category == _UNSUPPORTED)
    covered = params(_COVERED) != 0
    neither = registered & (category == _NEITHER) & ~not_declared
    parent_unknown = registered & ((kinds[0] == KIND_UNKNOWN) | (kinds[1] == KIND_UNKNOWN))
    failed = (
        ~registered
        | adult & ~(student & continues)
        | not_declared
        | (unsupported & ~covered)
        | neither
    )
    unknown = parent_unknown
    paying = orphan | (unsupported & covered)
    # 4. The amount, where everything so far holds.
    so_far = paying & ~failed & ~unknown
    placement_unknown = so_far & (facts.placement < 0)
    priced = so_far & (facts.placement >= 0)
    standard = np.zeros(len(registered), dtype=np.int64)
    amount_needs: dict[str, Bools] = {}
    for (kind, placement), name in _AMOUNTS.items():
        rows = (
            priced
            & (category == CATEGORY_CODES[kind])
            & (facts.placement == _PLACEMENTS.index(placement.value))
        )
        amount_needs[name] = rows
        standard = np.where(rows, params(name), standard)
    topped = priced & unsupported
    received_unknown = topped & ~facts.received_given
    top_amount, how = scalar.top_up_rule(NUMPY, standard=standard, received=facts.received)
    told = topped & facts.received_given
    in_full = told & (how == TOP_UP_IN_FULL)
    part = told & (how == TOP_UP_PART)
    nothing = told & (how == TOP_UP_NONE)
    failed = failed | nothing
    unknown = unknown | placement_unknown | received_unknown
    outcome = people_.outcome_of(failed, unknown)
    amount = np.where(unsupported, top_amount, standard)
    flags = {
        scalar.R_REGISTRATION_ELSEWHERE.code: ~registered,
        scalar.R_REGISTRATION.code: registered,
        scalar.R_MINOR.code: minor,
        scalar.R_STUDENT.code: student,
        scalar.R_ADULT.code: adult & ~facts.student,
        scalar.R_PARENT.code: registered,
        scalar.R_NOT_DECLARED_MISSING.code: not_declared,
        scalar.R_ORPHAN.code: orphan,
        scalar.R_UNSUPPORTED.code: unsupported & covered,
        scalar.R_UNSUPPORTED_NOT_COVERED.code: unsupported & ~covered,
        scalar.R_NEITHER.code: neither,
        scalar.R_PLACEMENT_UNKNOWN.code: placement_unknown,
        scalar.R_AMOUNT.code: priced,
        scalar.R_IN_FULL.code: in_full,
        scalar.R_TOP_UP.code: part,
        scalar.R_NO_TOP_UP.code: nothing,
        scalar.R_RECEIVED_UNKNOWN.code: received_unknown,
        scalar.R_MISSING.code: outcome == people_.CANNOT_DECIDE,
    }
    unavailable = {
        _STUDENTS: params.unavailable(_STUDENTS, student),
        _MONTHS: params.unavailable(_MONTHS, needs_months | not_declared),
        _COVERED: params.unavailable(_COVERED, unsupported),
        **{name: params.unavailable(name, rows) for name, rows in amount_needs.items()},
    }
    missing = {
        **_missing_of(facts.father, "father", kinds[0]),
        **_missing_of(facts.mother, "mother", kinds[1]),
        "child_placement": placement_unknown,
        "child_assistance_received": received_unknown,
    }
    decided = people_.Decided(
        outcome=outcome,
        amount=amount,
        flags=[flags[code] for code in _OWN_CODES],
        missing=missing,
        unavailable=unavailable,
    )
    return _Run(decided, np.where(paying, category, UNKNOWN_CATEGORY))


def _decide(
    reader: Reader,
    piece: HouseholdSlice,
    on: dt.date,
    book: ParameterBook,
    jurisdiction: str | None,
) -> tuple[pa.Table, Any]:
    people = people_.read_people(reader, piece, on, jurisdiction, disability=False)
    facts = _read(reader)
    if reader.schema_errors:
        raise InvalidDocumentError(reader.schema_errors, what=people_.WHAT)
    bad = people_.bad_people(reader, people)
    params = _parameters(book, on, people)
    run = _evaluate(people, facts, params, on)
    columns = people_.columns(reader, people, bad, (run.decided,), _OWN_CODES)
    eligible = np.asarray(columns["outcome"].indices.to_numpy(zero_copy_only=False)) == 1
    output = pa.table(
        {
            **people_.identity(reader),
            "programme": pa.DictionaryArray.from_arrays(
                arrow(np.zeros(reader.rows, dtype=np.int8)), arrow([_PROGRAMME])
            ),
            **{k: v for k, v in columns.items() if k not in {"reasons", "problems"}},
            "category": pa.DictionaryArray.from_arrays(
                arrow(run.category.astype(np.int8), mask=~eligible | (run.category < 0)),
                arrow(list(_CATEGORIES)),
            ),
            "reasons": columns["reasons"],
            "problems": columns["problems"],
        }
    )
    unavailable = {name: mask & ~bad for name, mask in run.decided.unavailable.items()}
    return output, people_.first_error(unavailable, params.found, people.group)


# -- facts in and out of the table ------------------------------------------------------------


def write_facts(facts: ChildFacts | None = None) -> dict[str, object]:
    """Return one person's :data:`COLUMNS` cells for their :class:`ChildFacts` (``None``: none).

    A term of more months than the int32 column holds is refused
    (:class:`~civaffairs.errors.InvalidInputError`, ``$.<parent>.term_months``).

    .. versionadded:: 0.1.0
    """
    found = facts if facts is not None else ChildFacts()
    cells: dict[str, object] = {}
    for name in _PARENTS:
        parent: Parent | None = getattr(found, name)
        disability = None if parent is None else parent.disability
        if parent is not None and parent.term_months is not None and parent.term_months > _TERM_MAX:
            raise InvalidInputError(
                f"$.{name}.term_months",
                parent.term_months,
                f"at most {_TERM_MAX} months (the int32 column child_{name}_term_months)",
            )
        cells |= {
            f"child_{name}_situation": None if parent is None else parent.situation.value,
            f"child_{name}_disability_category": None
            if disability is None
            else disability.category.value,
            f"child_{name}_disability_grade": None if disability is None else disability.grade,
            f"child_{name}_term_months": None if parent is None else parent.term_months,
            f"child_{name}_since": None if parent is None else parent.since,
        }
    received = found.assistance_received
    cells["child_placement"] = None if found.placement is None else found.placement.value
    cells["child_assistance_received"] = None if received is None else yuan_to_fen(received)
    return cells


def read_facts(rows: Sequence[Mapping[str, Any]]) -> dict[str, ChildFacts]:
    """Return, per ``person_id``, the :class:`ChildFacts` one household's (valid) rows hold.

    A row without a ``person_id`` is named ``p<position>``, as
    :func:`civaffairs.batch.from_table` names it.

    .. versionadded:: 0.1.0
    """
    found: dict[str, ChildFacts] = {}
    for index, row in enumerate(rows):
        parents: dict[str, Parent | None] = {}
        for name in _PARENTS:
            # Cells as the columnar form reads them: integer codes, whole floats, timestamps.
            situation = people_.coded(row.get(f"child_{name}_situation"), _SITUATIONS)
            category = people_.coded(row.get(f"child_{name}_disability_category"), CATEGORY_VALUES)
            parents[name] = (
                None
                if situation is None
                else Parent(
                    ParentSituation(situation),
                    disability=None
                    if category is None
                    else Disability(
                        DisabilityCategory(category), int(row[f"child_{name}_disability_grade"])
                    ),
                    term_months=people_.whole(row.get(f"child_{name}_term_months")),
                    since=people_.day(row.get(f"child_{name}_since")),
                )
            )
        placement = people_.coded(row.get("child_placement"), _PLACEMENTS)
        received = row.get("child_assistance_received")
        found[str(row.get("person_id") or f"p{index}")] = ChildFacts(
            father=parents["father"],
            mother=parents["mother"],
            placement=None if placement is None else Placement(placement),
            assistance_received=None if received is None else fen_to_yuan(int(received)),
        )
    return found


def to_table(
    households: Iterable[Household],
    facts: Mapping[str, Mapping[str, ChildFacts]] | None = None,
    *,
    jurisdiction: str | None = None,
) -> pa.Table:
    """Convert households and each person's :class:`ChildFacts` to the persons table, exactly.

    ``facts`` maps a household id, then a member id, to that member's facts;
    members left out have none established (null cells).

    .. versionadded:: 0.1.0
    """
    listed = list(households)
    table = schema.to_table(listed, jurisdiction=jurisdiction)
    given = facts or {}
    cells: dict[str, list[object]] = {name: [] for name in COLUMNS}
    for household in listed:
        own = given.get(household.id, {})
        for member in household.members:
            for name, value in write_facts(own.get(member.person.id)).items():
                cells[name].append(value)
    for name, kind in COLUMNS.items():
        table = table.set_column(
            table.schema.get_field_index(name), pa.field(name, kind), pa.array(cells[name], kind)
        )
    return table


def synthetic_columns(rng: np.random.Generator, table: pa.Table, on: dt.date) -> dict[str, Any]:
    """Return :data:`COLUMNS` for a synthetic persons table (**synthetic**, round shares).

    About one minor in forty gets the parents' facts: dead, cannot be found, in
    custody for a drawn term, lost contact since a drawn date, severely disabled or
    able; a placement and the assistance received (0 or a drawn amount), each
    sometimes not established.  The other minors' parents are able to raise them;
    adults have nulls.

    .. versionadded:: 0.1.0
    """
    rows = table.num_rows
    birth = np.asarray(table.column("birth_date").cast(pa.int32()).to_numpy(zero_copy_only=False))
    today = (on - EPOCH).days
    minor = birth > today - 18 * 366
    chosen = minor & (rng.random(rows) < 0.025)
    pool = [
        ParentSituation.DECEASED,
        ParentSituation.CANNOT_BE_FOUND,
        ParentSituation.IN_CUSTODY,
        ParentSituation.LOST_CONTACT,
        ParentSituation.SEVERE_DISABILITY,
        ParentSituation.ABLE,
    ]
    columns: dict[str, Any] = {}
    for name in _PARENTS:
        pick = rng.integers(0, len(pool), size=rows)
        drawn = np.array([_SITUATIONS.index(pool[i].value) for i in range(len(pool))])[pick]
        situation = np.where(chosen, drawn, _SITUATIONS.index(ParentSituation.ABLE.value))
        severe = pick == pool.index(ParentSituation.SEVERE_DISABILITY)
        termed = pick == pool.index(ParentSituation.IN_CUSTODY)
        lost = pick == pool.index(ParentSituation.LOST_CONTACT)
        columns |= {
            f"child_{name}_situation": pa.DictionaryArray.from_arrays(
                arrow(situation.astype(np.int32), mask=~minor), arrow(list(_SITUATIONS))
            ),
            f"child_{name}_disability_category": pa.DictionaryArray.from_arrays(
                arrow(
                    rng.integers(0, len(CATEGORY_VALUES), rows).astype(np.int32),
                    mask=~(chosen & severe),
                ),
                arrow(list(CATEGORY_VALUES)),
            ),
            f"child_{name}_disability_grade": arrow(
                rng.integers(1, 5, rows).astype(np.int8), mask=~(chosen & severe)
            ),
            f"child_{name}_term_months": arrow(
                rng.integers(1, 60, rows).astype(np.int32), mask=~(chosen & termed)
            ),
            f"child_{name}_since": arrow(
                (today - rng.integers(0, 720, rows)).astype(np.int32), mask=~(chosen & lost)
            ).cast(pa.date32()),
        }
    placement = rng.integers(0, len(_PLACEMENTS), rows)
    received = np.where(rng.random(rows) < 0.6, 0, rng.integers(0, 150_000, rows))
    columns["child_placement"] = pa.DictionaryArray.from_arrays(
        arrow(placement.astype(np.int32), mask=~chosen | (rng.random(rows) < 0.05)),
        arrow(list(_PLACEMENTS)),
    )
    columns["child_assistance_received"] = arrow(
        received.astype(np.int64), mask=~chosen | (rng.random(rows) < 0.05)
    )
    return columns


# -- summaries --------------------------------------------------------------------------------


def summarise(result: pa.Table) -> pa.Table:
    """Count persons and their monthly cost (fen) per outcome and category, with a totals row.

    ``result`` is what :func:`assess_table` returns; the totals row has outcome and
    category ``"(all)"``.

    .. versionadded:: 0.1.0
    """
    outcome = result.column("outcome").cast(pa.string()).to_pylist()
    category = result.column("category").cast(pa.string()).to_pylist()
    amount = [int(fen or 0) for fen in result.column("amount_fen").to_pylist()]
    totals: dict[tuple[str, str], list[int]] = {}
    for o, c, fen in zip(outcome, category, amount, strict=True):
        found = totals.setdefault((str(o), "-" if c is None else str(c)), [0, 0])
        found[0] += 1
        found[1] += fen
    rows = [
        {"programme": _PROGRAMME, "outcome": o, "category": c, "persons": n, "monthly_cost_fen": f}
        for (o, c), (n, f) in sorted(totals.items())
    ]
    rows.append(
        {
            "programme": _PROGRAMME,
            "outcome": ALL,
            "category": ALL,
            "persons": len(amount),
            "monthly_cost_fen": sum(amount),
        }
    )
    return pa.Table.from_pylist(rows, schema=pa.schema(_SUMMARY_FIELDS))


_SUMMARY_FIELDS: Final[dict[str, Any]] = {
    "programme": pa.string(),
    "outcome": pa.string(),
    "category": pa.string(),
    "persons": pa.int64(),
    "monthly_cost_fen": pa.int64(),
}


def render_summary(summary: pa.Table) -> str:
    """Render :func:`summarise`'s table as aligned text (money in yuan).

    .. versionadded:: 0.1.0
    """
    return render_summary_rows(summary, "category", "persons")
