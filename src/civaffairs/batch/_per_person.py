"""Reading a slice of the persons table for a person-level rule, and writing one row per person.

The person-level rules (the two disability subsidies in
:mod:`civaffairs.batch.disability_subsidies`, the children's allowances in
:mod:`civaffairs.batch.children`) decide each member on their own, as their scalar
``assess_person`` does: where the member is decided and registered, the member's
age, disability and own facts.  :func:`read_people` reads what they share;
:func:`output` writes their result rows.  Nothing here decides anything.

Where a person is decided, as the scalar ``assess_person(..., jurisdiction=J)``
with ``J`` the household's ``jurisdiction`` cell (on the applicant's row), else
the call's default, else the person's own registration.  A person's
``registration`` cell is the person's own household registration (户籍); a null
cell on a member's row is the applicant's (as :func:`civaffairs.batch.from_table`
reads it).

A person cannot be decided when a cell of their own row is bad, or a cell their
household shares (the household id, the applicant, the deciding jurisdiction).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final

import attrs
import numpy as np
import numpy.typing as npt
import pyarrow as pa

from civaffairs import jurisdictions
from civaffairs.assistance.dibao import RELATIONSHIP_CODES
from civaffairs.batch._columns import Bools, Ints, Reader, arrow, has_nulls, mask_of, nulls_of
from civaffairs.batch._common import (
    R_INVALID_VALUE,
    R_PARAMETER_UNAVAILABLE,
    any_bad,
    lists,
    small_unique,
)
from civaffairs.batch.arrays import ages
from civaffairs.batch.plumbing import (
    HouseholdSlice,
    PerGroup,
    Places,
    Readers,
    birth_days,
    codes_known,
    deciding_places,
    first_parameter_error,
    per_group,
    remembered,
)
from civaffairs.batch.schema import CATEGORY_VALUES, MAX_FEN
from civaffairs.decisions import Outcome
from civaffairs.entities import INTELLECTUAL_OR_MENTAL, DisabilityCategory, Relationship
from civaffairs.errors import CivaffairsError, InvalidDocumentError, InvalidInputError
from civaffairs.parameters import ParameterBook

WHAT: Final = "persons table"
#: Outcome codes of the result's ``outcome`` dictionary.
NOT_ELIGIBLE: Final = 0
ELIGIBLE: Final = 1
CANNOT_DECIDE: Final = 2
OUTCOME_NAMES: Final = (
    Outcome.NOT_ELIGIBLE.value,
    Outcome.ELIGIBLE.value,
    Outcome.CANNOT_DECIDE.value,
)
_RELATIONSHIPS: Final = tuple(
    rel.value for rel in sorted(RELATIONSHIP_CODES, key=RELATIONSHIP_CODES.__getitem__)
)
_APPLICANT: Final = RELATIONSHIP_CODES[Relationship.APPLICANT]
#: Columns a whole household shares: a bad cell there leaves every member undecided (and so
#: does a household without exactly one applicant: ``People.shared_bad``).
_SHARED: Final = frozenset({"household_id", "jurisdiction"})
_IM: Final = np.array(
    [DisabilityCategory(value) in INTELLECTUAL_OR_MENTAL for value in CATEGORY_VALUES],
    dtype=np.bool_,
)


def outcome_of(failed: Bools, unknown: Bools) -> Ints:
    """Return the tally's three-valued outcome: a failed condition decides, then a missing fact.

    :attr:`civaffairs.decisions.Tally.outcome`, per row.
    """
    return np.where(failed, NOT_ELIGIBLE, np.where(unknown, CANNOT_DECIDE, ELIGIBLE))


@attrs.frozen
class People:
    """A slice's persons: household of each row, where each is decided, age, disability."""

    of_row: npt.NDArray[np.intp]
    applicant_row: Ints
    shared_bad: Bools
    places: Places
    age: Ints
    certified: Bools
    grade: Ints
    intellectual_or_mental: Bools
    groups: tuple[tuple[str, str], ...]
    group: Ints


def default_place(jurisdiction: object) -> str | None:
    """Return the code of an ``assess_table`` call's ``jurisdiction`` (a code or a name).

    Checked once per call, before any slice: a value that is not a string is refused
    (:class:`~civaffairs.errors.InvalidInputError`), an unknown one too
    (:class:`~civaffairs.errors.UnknownJurisdictionError`) — even for an empty table.
    """
    if jurisdiction is None:
        return None
    if not isinstance(jurisdiction, str):
        raise InvalidInputError(
            "jurisdiction",
            repr(jurisdiction),
            "a GB/T 2260 code or a division's name, as a string",
        )
    return jurisdictions.get(jurisdiction).code


def read_people(
    reader: Reader,
    piece: HouseholdSlice,
    on: dt.date,
    jurisdiction: str | None,
    *,
    disability: bool = True,
) -> People:
    """Read the facts every person-level rule reads (bad cells marked, not raised).

    ``disability``: whether the rule reads the person's own disability (the
    ``disability_category`` and ``disability_grade`` columns).
    """
    rows = reader.rows
    relationship, relationship_null = reader.codes("relationship", _RELATIONSHIPS, required=True)
    reader.mark("relationship", relationship_null, "a relationship, not missing")
    starts = piece.starts
    sizes = np.diff(np.append(starts, rows)).astype(np.int64)
    of_row = np.repeat(np.arange(len(starts)), sizes)
    found = np.flatnonzero(relationship == _APPLICANT)
    applicants = np.bincount(of_row[found], minlength=len(starts))
    applicant_row = starts.astype(np.int64).copy()
    applicant_row[of_row[found]] = found
    one = applicants == 1
    unclear = ~one[of_row]
    if not one.all():
        reader.mark(
            "relationship", mask_of(rows, starts[~one]), "exactly one 'applicant' per household"
        )
    ids = reader.table.column("household_id")
    if has_nulls(ids) or piece.repeated.any():
        reader.mark(
            "household_id",
            nulls_of(ids) | piece.repeated[of_row],
            "a household id, the household's rows consecutive",
        )
    age = ages(birth_days(reader, on), on)

    # Registration: the person's own cell, else the applicant's.
    own, names = reader.strings("registration", required=True)
    registration = np.where(own < 0, own[applicant_row][of_row], own)
    reader.mark(
        "registration",
        ~codes_known(names)[registration],
        "a six-digit GB/T 2260 code (null on a member's row: the applicant's)",
    )
    chosen_at, chosen_names = reader.strings("jurisdiction", required=False)
    chosen = chosen_at[applicant_row][of_row] if len(chosen_at) else chosen_at
    default = None if jurisdiction is None else jurisdictions.get(jurisdiction).code
    places = deciding_places((registration, names), (chosen, chosen_names), default)
    reader.mark(
        "jurisdiction",
        mask_of(rows, applicant_row[of_row[places.bad_choice]]),
        "a known GB/T 2260 code, or null",
    )

    if not disability:
        category = np.full(rows, -1, dtype=np.int16)
        grade = np.zeros(rows, dtype=np.int64)
    else:
        category, grade = _disability(reader)
    if reader.schema_errors:
        raise InvalidDocumentError(reader.schema_errors, what=WHAT)
    keys, group = small_unique(places.where + 1)
    valid_names = codes_known(places.names)
    groups = tuple(
        (places.names[k - 1] if k > 0 and valid_names[k - 1] else jurisdictions.NATIONAL, "")
        for k in keys.tolist()
    )
    return People(
        of_row=of_row,
        applicant_row=applicant_row,
        shared_bad=unclear,
        places=places,
        age=age,
        certified=category >= 0,
        grade=np.where(category >= 0, grade, 0),
        intellectual_or_mental=np.append(_IM, False)[category],
        groups=groups,
        group=group.astype(np.int64),
    )


def _disability(reader: Reader) -> tuple[npt.NDArray[np.int16], Ints]:
    """Read the person's own disability certificate: ``(category code, grade)``."""
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
    return category, grade


def optional_fen(reader: Reader, name: str) -> tuple[Ints, Bools]:
    """Read an optional money column in fen whose null cell means none: ``(values, given)``."""
    values, nulls = reader.small_int(name)
    reader.mark(
        name, ~nulls & ((values < 0) | (values > MAX_FEN)), "a whole number of fen from 0 to 10¹¹"
    )
    return np.where(nulls, 0, values), ~nulls


def three_valued(reader: Reader, name: str) -> tuple[Bools, Bools]:
    """Read a nullable boolean fact: ``(true, unknown)``; null or an absent column is unknown."""
    values, nulls = reader.nullable_flag(name)
    if values is None:
        return np.zeros(reader.rows, dtype=np.bool_), np.ones(reader.rows, dtype=np.bool_)
    return values & ~nulls, nulls


def bad_people(reader: Reader, people: People) -> Bools:
    """Per person: a bad cell in the person's own row or in a cell the household shares."""
    own = any_bad(reader)
    shared = people.shared_bad.copy()
    for name in _SHARED & reader.bad.keys():
        shared |= reader.bad[name]
    in_household = np.zeros(int(people.of_row.max()) + 1 if len(people.of_row) else 0, np.bool_)
    in_household[people.of_row[np.flatnonzero(shared)]] = True
    return own | in_household[people.of_row]


def bad_columns(reader: Reader, people: People, bad: Bools) -> tuple[list[str], list[Bools]]:
    """Name, per person, the columns with a bad cell the person's decision reads."""
    names: list[str] = []
    flags: list[Bools] = []
    households = int(people.of_row.max()) + 1 if len(people.of_row) else 0
    for name, mask in reader.bad.items():
        found = mask.copy()
        if name in _SHARED:
            in_household = np.zeros(households, np.bool_)
            in_household[people.of_row[np.flatnonzero(mask)]] = True
            found |= in_household[people.of_row]
        if name == "relationship":  # which row is the applicant's is itself the problem
            found |= people.shared_bad
        names.append(name)
        flags.append(found & bad)
    return names, flags


# -- parameters -------------------------------------------------------------------------------


def parameter(
    book: ParameterBook,
    on: dt.date,
    groups: tuple[tuple[str, str], ...],
    name: str,
    read: Callable[[str, str], tuple[int, int]],
) -> PerGroup:
    """Look ``name`` up once per deciding place (remembered per book)."""
    return remembered(
        book,
        ("per_person", name, on, groups),
        lambda: per_group(groups, lambda _kind: name, read),
    )


@attrs.frozen
class Params:
    """A person rule's parameters for a slice, looked up once per deciding place."""

    found: dict[str, PerGroup]
    group: Ints

    def __call__(self, name: str) -> Ints:
        """Return the parameter's value per person."""
        return self.found[name].values[self.group]

    def unavailable(self, name: str, need: Bools) -> Bools:
        """Return the persons who need the parameter where it has no value."""
        return need & ~self.found[name].found[self.group]


def money_reader(book: ParameterBook, on: dt.date) -> Callable[[str, str], tuple[int, int]]:
    """Read a money parameter in fen (:class:`~civaffairs.batch.plumbing.Readers`)."""
    return Readers(book, on).money


def count_reader(book: ParameterBook, on: dt.date) -> Callable[[str, str], tuple[int, int]]:
    """Read a count parameter (:class:`~civaffairs.batch.plumbing.Readers`)."""
    return Readers(book, on).count


def flag_reader(book: ParameterBook, on: dt.date) -> Callable[[str, str], tuple[int, int]]:
    """Read a switch as 0 or 1 (:class:`~civaffairs.batch.plumbing.Readers`)."""
    return Readers(book, on).flag


# -- output -----------------------------------------------------------------------------------


@attrs.frozen
class Decided:
    """One programme's decision per person, before bad cells and missing parameters."""

    outcome: Ints
    amount: Ints
    flags: Sequence[Bools]
    missing: Mapping[str, Bools]
    unavailable: Mapping[str, Bools]


def problems_of(
    reader: Reader, people: People, bad: Bools, decided: Decided, cannot: Bools
) -> tuple[list[str], list[Bools]]:
    """Name, per person, the bad columns, the parameters not in force and the facts missing."""
    names, flags = bad_columns(reader, people, bad)
    for name, mask in decided.unavailable.items():
        if (mask & ~bad).any():
            names.append(name)
            flags.append(mask & ~bad)
    undecided = (decided.outcome == CANNOT_DECIDE) & ~cannot
    for name, mask in decided.missing.items():
        if (mask & undecided).any():
            names.append(name)
            flags.append(mask & undecided)
    return names, flags


def _interleaved(arrays: Sequence[npt.NDArray[Any]]) -> npt.NDArray[Any]:
    """Return per-person arrays of several decisions interleaved: each person's in turn."""
    return arrays[0] if len(arrays) == 1 else np.stack(arrays, axis=1).ravel()


def columns(
    reader: Reader,
    people: People,
    bad: Bools,
    decisions: Sequence[Decided],
    catalogue: Sequence[str],
) -> dict[str, Any]:
    """Return the result columns of one or more decisions per person, each person's in turn.

    With several decisions (the two disability subsidies) every person has one row per
    decision, in the order given; ``programme`` is left to the caller.
    """
    outcomes: list[npt.NDArray[Any]] = []
    amounts: list[npt.NDArray[Any]] = []
    reasons: list[list[Bools]] = []
    problems: list[dict[str, Bools]] = []
    for decided in decisions:
        unavailable = np.zeros(reader.rows, dtype=np.bool_)
        for mask in decided.unavailable.values():
            unavailable |= mask
        unavailable &= ~bad
        cannot = bad | unavailable
        outcome = np.where(cannot, CANNOT_DECIDE, decided.outcome).astype(np.int8)
        outcomes.append(outcome)
        amounts.append(np.where(outcome == ELIGIBLE, decided.amount, 0))
        reasons.append([flag & ~cannot for flag in decided.flags] + [bad, unavailable])
        names, flags = problems_of(reader, people, bad, decided, cannot)
        found: dict[str, Bools] = {}
        for name, flag in zip(names, flags, strict=True):
            found[name] = found[name] | flag if name in found else flag
        problems.append(found)
    count = len(decisions) * reader.rows
    none = np.zeros(reader.rows, dtype=np.bool_)
    problem_names = list(dict.fromkeys(name for found in problems for name in found))
    places = people.places
    where = np.repeat(places.where, len(decisions))
    return {
        "jurisdiction": pa.DictionaryArray.from_arrays(
            arrow(where, mask=where < 0, type=pa.int32()),
            arrow(list(places.names), type=pa.string()),
        ),
        "outcome": pa.DictionaryArray.from_arrays(
            arrow(_interleaved(outcomes)), arrow(list(OUTCOME_NAMES))
        ),
        "amount_fen": arrow(_interleaved(amounts), type=pa.int64()),
        "reasons": lists(
            [_interleaved(list(flags)) for flags in zip(*reasons, strict=True)],
            [*catalogue, R_INVALID_VALUE.code, R_PARAMETER_UNAVAILABLE.code],
            count,
        ),
        "problems": lists(
            [_interleaved([found.get(name, none) for found in problems]) for name in problem_names],
            problem_names,
            count,
        ),
    }


def identity(reader: Reader, times: int = 1) -> dict[str, Any]:
    """Return the household and person ids of a slice's persons, each ``times`` in turn.

    ``person_id`` is null when the table has none.
    """
    table = reader.table
    person = (
        table.column("person_id")
        if "person_id" in reader.columns
        else pa.nulls(reader.rows, pa.string())
    )
    ids = {"household_id": table.column("household_id"), "person_id": person}
    if times == 1:
        return ids
    rows = arrow(np.repeat(np.arange(reader.rows), times))
    return {name: column.take(rows) for name, column in ids.items()}


def first_error(
    unavailable: Mapping[str, Bools], found: Mapping[str, PerGroup], group: Ints
) -> CivaffairsError | None:
    """Return the parameter error of the first person needing a value not in force."""
    return first_parameter_error(unavailable, lambda name, row: found[name].errors[int(group[row])])


# -- cells back to the scalar model (read_facts) ----------------------------------------------


def coded(cell: Any, allowed: Sequence[str]) -> Any:
    """Return a code column's cell as its value: an integer code is its place in ``allowed``.

    :meth:`~civaffairs.batch._columns.Reader.codes` reads an integer column as codes
    (``allowed[code]``), so a ``read_facts`` must too: else a cell the columnar form
    decided on would be refused (``ValueError``) by the scalar enum.  An unknown code is
    left as it is, for the enum to refuse.
    """
    if isinstance(cell, int) and not isinstance(cell, bool) and 0 <= cell < len(allowed):
        return allowed[cell]
    return cell


def whole(cell: Any) -> Any:
    """Return an integer column's cell as an ``int`` (a float column's whole number, as read)."""
    if isinstance(cell, float) and cell.is_integer():
        return int(cell)
    return cell


def day(cell: Any) -> Any:
    """Return a date column's cell as a date (a timestamp column's day, as read)."""
    return cell.date() if isinstance(cell, dt.datetime) else cell
