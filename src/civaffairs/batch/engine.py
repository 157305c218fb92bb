"""The columnar engine: 低保 for a whole registry, exactly as the scalar path decides it.

:func:`assess_table` reads a persons table (:mod:`civaffairs.batch.schema`),
evaluates the *same* rule bodies the scalar
:func:`civaffairs.assistance.dibao.assess` uses — :func:`~civaffairs.assistance.dibao.member_rule`,
:func:`~civaffairs.assistance.dibao.means_test`,
:func:`~civaffairs.assistance.dibao.difference_amount`,
:func:`~civaffairs.assistance.dibao.marginal_test`,
:func:`~civaffairs.assistance.dibao.single_person_rule`,
:func:`~civaffairs.assistance.dibao.outcome_rule`, the age rule
:func:`~civaffairs.dates.full_years` and
:func:`~civaffairs.entities.severe_disability` — with :data:`NUMPY` operations
on integer-fen columns, and returns one row per household.

Parameters are looked up once per distinct (deciding jurisdiction,
registration kind) and broadcast; a parameter that is not in force is only a
problem for the households whose decision needs it (as in the scalar path,
which looks a value up only when its step is reached).

Bad cells (missing, negative, NaN, fractions of a fen, unknown codes, out of
range, a household fact on a member's row, households without exactly one
applicant or without an id) never become zero: with
``errors="mark"`` (the default) their household is "cannot decide" with the
reason code ``batch.invalid_value`` and the columns named in ``problems``;
with ``errors="raise"`` the call fails with
:class:`~civaffairs.errors.InvalidDocumentError` listing every bad cell by row
and column.  Every other household is decided either way.  A household whose
rows are not consecutive, or a member given twice (one ``person_id`` twice in
a household), is refused outright in either mode: one household is decided
whole, one person counted once (:mod:`civaffairs.batch._identity`).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Final

import attrs
import numpy as np
import numpy.typing as npt
import pyarrow as pa

from civaffairs import jurisdictions
from civaffairs.assistance import dibao
from civaffairs.assistance.dibao import (
    DISQUALIFYING_ASSETS,
    LIVES_APART,
    LIVES_TOGETHER,
    LIVES_UNKNOWN,
    OUTCOME_CODES,
    RELATIONSHIP_CODES,
)
from civaffairs.assistance.dibao_terms import NOT_IN_COLUMNS
from civaffairs.assistance.means import DEPENDENT_STATUSES, EXCLUDING_STATUSES
from civaffairs.batch._columns import (
    Bools,
    Ints,
    Reader,
    arrow,
    has_nulls,
    household_starts,
    nulls_of,
)
from civaffairs.batch._common import (
    R_INVALID_VALUE,
    R_PARAMETER_UNAVAILABLE,
    BadCell,
    Errors,
    any_bad,
    bad_cells,
    check_columns,
    check_errors,
    concat,
    finish,
    in_threads,
    is_division,
    lists,
    raise_bad,
    small_unique,
    within,
    workers_for,
)
from civaffairs.batch._identity import refuse_repeated_people, refuse_scattered_households
from civaffairs.batch.schema import (
    ASSET_COLUMNS,
    BUSINESS_VALUE_COLUMN,
    CATEGORY_VALUES,
    HOUSEHOLD_INCOME_COLUMNS,
    INCOME_COLUMNS,
    KIND_VALUES,
    OWNS_COLUMNS,
    STATUS_COLUMNS,
    persons_schema,
)
from civaffairs.dates import full_years
from civaffairs.decisions import Outcome
from civaffairs.entities import (
    INTELLECTUAL_OR_MENTAL,
    AssetType,
    AssistanceLayer,
    IncomeType,
    Relationship,
    severe_disability,
)
from civaffairs.errors import (
    CivaffairsError,
    InvalidDocumentError,
    InvalidInputError,
    ParameterError,
    UnknownJurisdictionError,
)
from civaffairs.kernels import fraction
from civaffairs.money import yuan_to_fen
from civaffairs.parameters import ParameterBook, default_book

__all__ = [
    "NUMPY",
    "REASON_CATALOGUE",
    "SLICE_ROWS",
    "Frame",
    "NumpyOps",
    "Prepared",
    "assess_table",
    "prepare",
    "reason_flags",
]

#: What :func:`assess_table` accepts: a pyarrow table or record batch, a pandas or a polars
#: data frame (converted to Arrow without copying where the types allow).
Frame = Any


class NumpyOps:
    """:class:`civaffairs.kernels.Ops` on numpy arrays.

    .. versionadded:: 0.1.0
    """

    def where(self, condition: Any, if_true: Any, if_false: Any) -> Any:
        """Element-wise selection (:func:`numpy.where`)."""
        return np.where(condition, if_true, if_false)

    def not_(self, value: Any) -> Any:
        """Element-wise negation (:func:`numpy.logical_not`)."""
        return np.logical_not(value)


#: The columnar evaluation of every rule body.
NUMPY: Final = NumpyOps()

#: The reason codes a household's row may carry, in the order they are listed.
REASON_CATALOGUE: Final = (
    dibao.R_REGISTRATION_ELSEWHERE.code,
    dibao.R_REGISTRATION.code,
    dibao.R_MISSING.code,
    dibao.R_MEMBERS.code,
    dibao.R_NO_FAMILY_MEMBER.code,
    dibao.R_INCOME_EXCLUDED.code,
    dibao.R_EMPLOYMENT_DEDUCTION.code,
    dibao.R_INCOME_BELOW.code,
    dibao.R_INCOME_NOT_BELOW.code,
    dibao.R_FINANCIAL_ASSETS.code,
    dibao.R_ASSET_DISQUALIFIES.code,
    dibao.R_AMOUNT_FLOOR.code,
    dibao.R_AMOUNT.code,
    dibao.R_MARGINAL_PROPERTY.code,
    dibao.R_SINGLE_PERSON.code,
    dibao.R_SINGLE_PERSON_UNKNOWN.code,
    dibao.R_SINGLE_PERSON_NONE.code,
    R_INVALID_VALUE.code,
    R_PARAMETER_UNAVAILABLE.code,
)

_OUTCOME_NAMES: Final = tuple(
    outcome.value for outcome, _ in sorted(OUTCOME_CODES.items(), key=lambda item: item[1])
)
_CANNOT_DECIDE: Final = OUTCOME_CODES[Outcome.CANNOT_DECIDE]
_ELIGIBLE: Final = OUTCOME_CODES[Outcome.ELIGIBLE]
_LAYER_NAMES: Final = (AssistanceLayer.DIBAO.value, AssistanceLayer.NONE.value)
_RELATIONSHIPS: Final = tuple(
    rel.value for rel in sorted(RELATIONSHIP_CODES, key=RELATIONSHIP_CODES.__getitem__)
)
_APPLICANT: Final = RELATIONSHIP_CODES[Relationship.APPLICANT]
_NO_GRADE: Final = 99  # a person with no certificate: no grade is "severe"
_EPOCH: Final = dt.date(1970, 1, 1)

_STANDARD = "assistance.dibao.standard.{kind}"
_PENSION = "assistance.dibao.income.exclude_central_basic_pension"
_RATE = "assistance.dibao.income.employment_deduction_rate"
_SHARE = "assistance.dibao.amount.minimum_share_of_standard"
_MONTHS = "assistance.dibao.assets.financial_months_per_capita"
_SINGLE = "assistance.dibao.single_person.allowed"
_MULTIPLE = "assistance.low_income_margin.income_multiple"
_M_MONTHS = "assistance.marginal.assets.financial_months_per_capita"
_M_VEHICLE = "assistance.marginal.assets.vehicle_disqualifies"
_M_NON_RESIDENTIAL = "assistance.marginal.assets.non_residential_property_disqualifies"
_M_BUSINESS = "assistance.marginal.assets.business_entity_value_limit"
_S_SHARE = "assistance.dibao.single_person.share_of_standard"
_S_DEDUCT = "assistance.dibao.single_person.deduct_own_income"


def to_arrow(data: Frame) -> pa.Table:
    """Return ``data`` (pyarrow, pandas or polars) as a pyarrow table.

    .. versionadded:: 0.1.0
    """
    if isinstance(data, pa.Table):
        return data
    if isinstance(data, pa.RecordBatch):
        return pa.Table.from_batches([data])
    module = type(data).__module__.split(".", 1)[0]
    if module == "polars":
        table = data.to_arrow()
        assert isinstance(table, pa.Table)  # noqa: S101 - polars' contract
        return table
    if module == "pandas":
        return pa.Table.from_pandas(data, preserve_index=False)
    raise InvalidInputError(
        "$", type(data).__name__, "a pyarrow Table, a pandas DataFrame or a polars DataFrame"
    )


# -- households -------------------------------------------------------------------------------


@attrs.frozen
class _Households:
    """Where each household's rows are: run starts, sizes, the row of each household."""

    starts: Ints
    sizes: Ints
    of_row: npt.NDArray[np.intp]
    applicant_row: Ints

    @property
    def count(self) -> int:
        return len(self.starts)

    def sum(self, values: npt.NDArray[Any]) -> Ints:
        """Sum a person-level column within each household, exactly.

        A running total differenced at the households' ends: int64 arithmetic
        wraps, so a difference is exact whenever the household's own sum fits in
        64 bits, even if the running total does not.  Cells are at most
        :data:`~civaffairs.batch.schema.MAX_FEN`, so a household's sum of one
        column fits unless it has some 90 million members.
        """
        totals = np.zeros(len(values) + 1, dtype=np.int64)
        np.cumsum(values, dtype=np.int64, out=totals[1:])
        return totals[self.starts + self.sizes] - totals[self.starts]  # type: ignore[no-any-return]

    def any(self, values: Bools) -> Bools:
        """Whether any person of each household has ``values``."""
        found = np.zeros(self.count, dtype=np.bool_)
        found[self.of_row[np.flatnonzero(values)]] = True
        return found


def _households(
    reader: Reader, relationship: npt.NDArray[np.int16], cut: _Cut
) -> tuple[_Households, Bools]:
    """Index the households of a slice and check each has one applicant and its own id."""
    column = reader.table.column("household_id")
    starts, repeated = cut.starts, cut.repeated
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
        first_rows = np.zeros(rows, dtype=np.bool_)
        first_rows[starts[~one]] = True
        reader.mark("relationship", first_rows, "exactly one 'applicant' per household")
    if has_nulls(column) or repeated.any():
        reader.mark(
            "household_id",
            nulls_of(column) | repeated[of_row],
            "a household id, the household's rows consecutive",
        )
    return _Households(starts, sizes, of_row, applicant_row), one


# -- parameters -------------------------------------------------------------------------------


@attrs.frozen
class _Parameter:
    """One parameter per group: value (a fraction's numerator), denominator, found, error."""

    values: Ints
    denominators: Ints
    found: Bools
    errors: tuple[CivaffairsError | None, ...]


def _lookup(
    groups: Sequence[tuple[str, str]],
    name: Callable[[str], str],
    read: Callable[[str, str], tuple[int, int]],
) -> _Parameter:
    values: list[int] = []
    denominators: list[int] = []
    errors: list[CivaffairsError | None] = []
    for where, kind in groups:
        try:
            value, denominator = read(name(kind), where)
            errors.append(None)
        except (ParameterError, UnknownJurisdictionError) as exc:
            value, denominator = 0, 1  # a placeholder; households that need it are marked
            errors.append(exc)
        values.append(value)
        denominators.append(denominator)
    return _Parameter(
        np.array(values, dtype=np.int64),
        np.array(denominators, dtype=np.int64),
        np.array([e is None for e in errors], dtype=np.bool_),
        tuple(errors),
    )


def _standard_name(kind: str) -> str:
    return _STANDARD.format(kind=kind)


# -- the engine -------------------------------------------------------------------------------


def reason_flags(
    *,
    registered: Bools,
    missing: Bools,
    counted: Ints,
    test: dibao.MeansTest,
    not_counted: Ints,
    wages: Ints,
    rate_numerator: Ints,
    disqualified: Bools,
    floored: Bools,
    single_allowed: Bools,
    marginal: Bools,
    covered: Ints,
    marginal_assets_ok: Bools | None = None,
    asked: Bools | None = None,
    value_missing: Bools | None = None,
) -> dict[str, Bools]:
    """Return, per reason code of :data:`REASON_CATALOGUE`, the households that carry it.

    Derived only from the kernels' outputs, in the order the scalar
    :func:`~civaffairs.assistance.dibao.assess` appends its reasons; the
    property tests compare it with each scalar decision's ``codes``.
    ``covered`` counts the members covered alone; ``marginal_assets_ok`` is the
    marginal property test, ``asked`` marks households where a member's
    serious illness would decide single-person inclusion and is not
    established, ``value_missing`` those that lack a business entity's value
    the marginal property test needs (``None``: all true, none, none).

    .. versionadded:: 0.1.0
    """
    none = np.zeros(np.shape(registered), dtype=np.bool_)
    m_assets_ok = ~none if marginal_assets_ok is None else marginal_assets_ok
    asked = none if asked is None else asked
    value_missing = none if value_missing is None else value_missing
    family = registered & ~missing
    decided = family & (counted > 0)
    whole = decided & test.income_ok & test.assets_ok
    pre_stage = decided & ~(test.income_ok & test.assets_ok) & single_allowed
    marginal_stage = pre_stage & marginal
    single_stage = marginal_stage & m_assets_ok
    some_alone = single_stage & (covered > 0)
    unknown = single_stage & asked
    return {
        dibao.R_REGISTRATION_ELSEWHERE.code: ~registered,
        dibao.R_REGISTRATION.code: registered,
        dibao.R_MISSING.code: (registered & missing) | value_missing,
        dibao.R_MEMBERS.code: family,
        dibao.R_NO_FAMILY_MEMBER.code: family & (counted == 0),
        dibao.R_INCOME_EXCLUDED.code: decided & (not_counted > 0),
        dibao.R_EMPLOYMENT_DEDUCTION.code: decided & (rate_numerator > 0) & (wages > 0),
        dibao.R_INCOME_BELOW.code: decided & test.income_ok,
        dibao.R_INCOME_NOT_BELOW.code: decided & ~test.income_ok,
        dibao.R_FINANCIAL_ASSETS.code: decided,
        dibao.R_ASSET_DISQUALIFIES.code: decided & disqualified,
        dibao.R_AMOUNT_FLOOR.code: whole & floored,
        dibao.R_AMOUNT.code: whole,
        dibao.R_MARGINAL_PROPERTY.code: marginal_stage,
        dibao.R_SINGLE_PERSON.code: some_alone,
        dibao.R_SINGLE_PERSON_UNKNOWN.code: unknown,
        dibao.R_SINGLE_PERSON_NONE.code: pre_stage & ~some_alone & ~unknown,
    }


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
    """Decide 低保 for every household of a persons table on ``on``.

    ``data`` is a pyarrow table (or record batch), or a pandas or polars data
    frame, in the format of :mod:`civaffairs.batch.schema`.  ``jurisdiction``
    is where households are decided when the table has no ``jurisdiction``
    value for them (by default: where the applicant is registered).

    The table is decided in slices of whole households (about
    :data:`SLICE_ROWS` persons each), ``workers`` threads at a time (by
    default one per core this process may use; numpy and Arrow release the
    interpreter lock while they work).  Only the slices being decided are held
    as arrays, so memory beyond the input and the result stays small.  The
    result does not depend on ``workers``.

    Returns one row per household, in input order:

    - ``household_id``;
    - ``jurisdiction``: the deciding jurisdiction (null when unreadable);
    - ``outcome``: ``eligible``, ``not_eligible`` or ``cannot_decide``;
    - ``amount_fen``: the monthly payment in fen (0 unless eligible);
    - ``layer``: ``dibao`` or ``none`` (null when the outcome is cannot decide);
    - ``members_counted`` and ``members_alone`` (covered alone, 单人户);
    - ``reasons``: the reason codes, in :data:`REASON_CATALOGUE` order;
    - ``problems``: the columns with bad values, the parameters not in force,
      or ``lives_together`` when that fact is missing (null when none).

    ``errors="raise"`` raises :class:`~civaffairs.errors.InvalidDocumentError`
    listing every bad cell (path ``$[row].column``), or the first
    :class:`~civaffairs.errors.ParameterError` a decision needs.  A table
    whose columns are absent or of the wrong type always raises, and so does
    one whose household's rows are not consecutive (the household would be
    decided as parts) or where a ``person_id`` appears twice in one household
    (one member counted twice; :mod:`civaffairs.batch._identity`).  ``first_row`` is the
    row of the table's first row in its file, so errors name file rows.

    .. versionadded:: 0.1.0
    """
    check_errors(errors)
    threads = workers_for(workers)
    table = _checked(data)
    chosen = book or default_book()

    def decide(cut: _Cut) -> tuple[pa.Table, list[BadCell], CivaffairsError | None]:
        part = _prepare_part(table, cut, on, jurisdiction, first_row)
        output, run = part.decide(chosen, on)
        if errors == "mark":  # keep nothing but the result
            return output, [], None
        return output, _bad_cells(part), _parameter_error(run)

    cuts = _cuts(table, first_row)
    return finish(in_threads(threads, decide, cuts), errors, what="persons table")


#: Persons per slice: each slice's arrays are a few megabytes, and slices are what the
#: worker threads share out.
SLICE_ROWS: Final = 1 << 18


@attrs.frozen
class _Cut:
    """A slice of whole households.

    Its first row, its number of rows, where its households start (counted
    from ``start``) and which of them repeat an id found elsewhere.
    """

    start: int
    rows: int
    starts: Ints
    repeated: Bools


def _checked(data: Frame) -> pa.Table:
    """Return the input as Arrow; refuse unknown columns and absent household ids."""
    table = to_arrow(data)
    # An absent optional column means "none"; a misspelt one must not silently become that.
    check_columns(
        table, persons_schema().names, "a column of the persons table (schema.py)", "persons table"
    )
    if "household_id" not in table.column_names:
        raise InvalidDocumentError(
            [InvalidInputError("$.household_id", "(absent)", "a column of the persons table")],
            what="persons table",
        )
    return table


def _cuts(table: pa.Table, first_row: int = 0) -> list[_Cut]:
    """Cut the table into slices of whole households of about :data:`SLICE_ROWS` persons.

    Refuses a table where a household's rows are not consecutive or a member repeats.
    """
    rows = table.num_rows
    starts, repeated = household_starts(table.column("household_id"))
    refuse_scattered_households(table.column("household_id"), starts, repeated, first_row=first_row)
    refuse_repeated_people(table, first_row=first_row, households=starts)
    if rows <= SLICE_ROWS:
        return [_Cut(0, rows, starts, repeated)]
    first_runs = np.unique(np.searchsorted(starts, np.arange(0, rows, SLICE_ROWS)))
    bounds = [*first_runs.tolist(), len(starts)]
    return [
        _Cut(
            int(starts[a]),
            (int(starts[b]) if b < len(starts) else rows) - int(starts[a]),
            starts[a:b] - starts[a],
            repeated[a:b],
        )
        for a, b in itertools.pairwise(bounds)
        if b > a
    ]


@attrs.frozen
class _Part:
    """One slice read, checked and turned into arrays; ``offset`` is its first row."""

    offset: int
    reader: Reader
    households: _Households
    facts: _Facts
    bad: Bools

    def decide(self, book: ParameterBook, on: dt.date) -> tuple[pa.Table, _Run]:
        run = _evaluate(self.facts, self.households, book, on)
        return _output(self.reader, self.households, self.facts, run, self.bad), run


def _prepare_part(
    table: pa.Table, cut: _Cut, on: dt.date, jurisdiction: str | None, first_row: int = 0
) -> _Part:
    sliced = table if cut.rows == table.num_rows else table.slice(cut.start, cut.rows)
    reader = Reader(sliced)
    relationship, relationship_null = reader.codes("relationship", _RELATIONSHIPS, required=True)
    reader.mark("relationship", relationship_null, "a relationship, not missing")
    households, one_applicant = _households(reader, relationship, cut)
    facts = _read_facts(reader, households, relationship, on, default_jurisdiction=jurisdiction)
    if reader.schema_errors:
        raise InvalidDocumentError(reader.schema_errors, what="persons table")
    bad = households.any(any_bad(reader)) | ~one_applicant
    return _Part(first_row + cut.start, reader, households, facts, bad)


@attrs.frozen
class Prepared:
    """A persons table read, checked and turned into arrays, ready to decide under any book.

    Build it with :func:`prepare`; :meth:`assess` decides under one parameter
    book.  What-if runs (:func:`civaffairs.batch.what_if`) read a table once
    and decide it under several books.  It holds the arrays of every slice:
    to decide under one book only, :func:`assess_table` needs less memory.

    .. versionadded:: 0.1.0
    """

    on: dt.date
    _parts: tuple[_Part, ...] = attrs.field(alias="parts")
    _workers: int = attrs.field(alias="workers")

    @property
    def households(self) -> int:
        """The number of households in the table."""
        return sum(part.households.count for part in self._parts)

    def assess(self, book: ParameterBook, *, errors: Errors = "mark") -> pa.Table:
        """Decide every household under ``book``; see :func:`assess_table`."""
        check_errors(errors)
        # Decide first, as assess_table does, so both raise the same error for the same input.
        done = in_threads(self._workers, lambda part: part.decide(book, self.on), self._parts)
        if errors == "raise":
            raise_bad(
                [cell for part in self._parts for cell in _bad_cells(part)], what="persons table"
            )
            for _, run in done:
                error = _parameter_error(run)
                if error is not None:
                    raise error
        return concat([output for output, _ in done])


def prepare(
    data: Frame,
    on: dt.date,
    *,
    jurisdiction: str | None = None,
    workers: int | None = None,
    first_row: int = 0,
) -> Prepared:
    """Read and check a persons table once (see :func:`assess_table` for the arguments).

    Raises :class:`~civaffairs.errors.InvalidDocumentError` when columns are
    absent, unknown (a misspelt column would otherwise read as "none") or of
    the wrong type; bad cells are recorded, not raised.

    .. versionadded:: 0.1.0
    """
    threads = workers_for(workers)
    table = _checked(data)
    parts = in_threads(
        threads,
        lambda cut: _prepare_part(table, cut, on, jurisdiction, first_row),
        _cuts(table, first_row),
    )
    return Prepared(on, parts=tuple(parts), workers=threads)


#: Recent look-ups per book (a book is immutable): chunked runs look each value up once.
_RECENT: dict[int, tuple[ParameterBook, dict[tuple[object, ...], dict[str, _Parameter]]]] = {}
_RECENT_BOOKS = 8


def _parameters(
    book: ParameterBook, on: dt.date, groups: Sequence[tuple[str, str]]
) -> dict[str, _Parameter]:
    """Look every parameter up once per group, remembering the answer for this book."""
    held = _RECENT.get(id(book))
    if held is None or held[0] is not book:
        if len(_RECENT) >= _RECENT_BOOKS:
            _RECENT.clear()
        held = (book, {})
        _RECENT[id(book)] = held
    key = (on, tuple(groups))
    found = held[1].get(key)
    if found is None:
        if len(held[1]) >= 64:
            held[1].clear()
        found = _look_up(book, on, groups)
        held[1][key] = found
    return found


def _look_up(
    book: ParameterBook, on: dt.date, groups: Sequence[tuple[str, str]]
) -> dict[str, _Parameter]:
    def money(name: str, where: str) -> tuple[int, int]:
        return yuan_to_fen(book.money(name, where, on)[0]), 1

    def rate(name: str, where: str) -> tuple[int, int]:
        return fraction(book.rate(name, where, on)[0])

    def count(name: str, where: str) -> tuple[int, int]:
        return book.count(name, where, on)[0], 1

    def flag(name: str, where: str) -> tuple[int, int]:
        return int(book.flag(name, where, on)[0]), 1

    def fixed(name: str) -> Callable[[str], str]:
        return lambda _kind: name

    found = {
        "standard": _lookup(groups, _standard_name, money),
        _PENSION: _lookup(groups, fixed(_PENSION), flag),
        _RATE: _lookup(groups, fixed(_RATE), rate),
        _SHARE: _lookup(groups, fixed(_SHARE), rate),
        _MONTHS: _lookup(groups, fixed(_MONTHS), count),
        _SINGLE: _lookup(groups, fixed(_SINGLE), flag),
        _MULTIPLE: _lookup(groups, fixed(_MULTIPLE), rate),
        _M_MONTHS: _lookup(groups, fixed(_M_MONTHS), count),
        _M_VEHICLE: _lookup(groups, fixed(_M_VEHICLE), flag),
        _M_NON_RESIDENTIAL: _lookup(groups, fixed(_M_NON_RESIDENTIAL), flag),
        _M_BUSINESS: _lookup(groups, fixed(_M_BUSINESS), money),
        _S_SHARE: _lookup(groups, fixed(_S_SHARE), rate),
        _S_DEDUCT: _lookup(groups, fixed(_S_DEDUCT), flag),
    }
    for _asset, name, _labels in DISQUALIFYING_ASSETS:
        found[name] = _lookup(groups, fixed(name), flag)
    # The optional deductions of 民发〔2021〕57号 art. 13 (civaffairs.assistance.dibao_terms) are
    # not computed in columns: a place that turns one on is refused, never decided without it.
    for name in NOT_IN_COLUMNS:
        switch = _lookup(groups, fixed(name), flag)
        on_at = np.flatnonzero(switch.found & (switch.values > 0))
        places = sorted({groups[int(i)][0] for i in on_at})
        if places:
            raise CivaffairsError(
                f"{name} is on for {', '.join(places)} on {on.isoformat()}: the columnar engine "
                "does not model this deduction; decide these households with "
                "civaffairs.assistance.dibao.assess"
            )
    return found


@attrs.frozen
class _Facts:
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
    places: _Places
    business_value: Ints | None = None


def _any_of(arrays: Sequence[Bools | None], rows: int) -> Bools:
    present = [a for a in arrays if a is not None]
    if not present:
        return np.zeros(rows, dtype=np.bool_)
    result = present[0].copy()
    for more in present[1:]:
        result |= more
    return result


def _ages(days: Ints, on: dt.date) -> Ints:
    """Ages in full years on ``on`` by the age rule, looked up in a table of birth dates."""
    first, ages = _age_table(on)
    offset = days - first
    inside = (offset >= 0) & (offset < len(ages))
    if inside.all():
        return ages[offset]
    found = ages[np.where(inside, offset, 0)]
    outside = np.flatnonzero(~inside)
    found[outside] = _full_years(days[outside], on)
    return found


_AGE_TABLE_FROM: Final = (dt.date(1850, 1, 1) - _EPOCH).days


@functools.lru_cache(maxsize=8)
def _age_table(on: dt.date) -> tuple[int, Ints]:
    """Every age on ``on``, by birth date from 1850-01-01 to ``on``: ``(first day, ages)``."""
    last = max((on - _EPOCH).days, _AGE_TABLE_FROM)
    ages = _full_years(np.arange(_AGE_TABLE_FROM, last + 1, dtype=np.int64), on)
    ages.setflags(write=False)
    return _AGE_TABLE_FROM, ages


def _full_years(days: Ints, on: dt.date) -> Ints:
    """:func:`~civaffairs.dates.full_years` of birth dates given as days since 1970-01-01."""
    born = days.astype("datetime64[D]")
    month_start = born.astype("datetime64[M]")
    return np.asarray(
        full_years(
            born.astype("datetime64[Y]").astype(np.int64) + 1970,
            month_start.astype(np.int64) % 12 + 1,
            (born - month_start).astype(np.int64) + 1,
            year=on.year,
            month=on.month,
            day=on.day,
        ),
        dtype=np.int64,
    )


def _read_facts(
    reader: Reader,
    households: _Households,
    relationship: npt.NDArray[np.int16],
    on: dt.date,
    *,
    default_jurisdiction: str | None,
) -> _Facts:
    rows = reader.rows
    applicants = households.applicant_row

    days, birth_null = reader.days("birth_date")
    reader.mark("birth_date", birth_null, "a birth date, not missing")
    reader.mark("birth_date", days > (on - _EPOCH).days, f"a birth date on or before {on}")
    age = _ages(days, on)

    status = {s: reader.flag(column) for s, column in STATUS_COLUMNS.items()}
    excluded = _any_of([status[s] for s in EXCLUDING_STATUSES], rows)
    dependent = _any_of([status[s] for s in DEPENDENT_STATUSES], rows)

    lives_value, lives_null = reader.nullable_flag("lives_together")
    if lives_value is None:
        lives = np.full(rows, LIVES_UNKNOWN, dtype=np.int8)
    else:
        lives = np.where(
            lives_null, LIVES_UNKNOWN, np.where(lives_value, LIVES_TOGETHER, LIVES_APART)
        ).astype(np.int8)

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
    intellectual_or_mental = _any_of(
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
    candidate = dibao.single_person_candidate(severe, ill_known)
    unknown = ~severe & ill_null

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
    return _Facts(
        relationship=relationship,
        age=age,
        excluded=excluded,
        dependent=dependent,
        lives=lives,
        candidate=candidate,
        unknown=unknown,
        income={t: v for t, v in income.items() if v is not None},
        household_income={t: v for t, v in household_income.items() if v is not None},
        financial=financial,
        owns={t: no_asset if v is None else v for t, v in owns.items()},
        places=_places(reader, households, default_jurisdiction),
        business_value=reader.household_money(BUSINESS_VALUE_COLUMN, applicants),
    )


@attrs.frozen
class _Places:
    """Registration and deciding jurisdiction per household, and the parameter groups."""

    registered: Bools
    where: Ints
    names: tuple[str, ...]
    group: Ints
    groups: tuple[tuple[str, str], ...]


def _at_applicant(
    reader: Reader, households: _Households, name: str, *, required: bool
) -> tuple[Ints, list[str]]:
    """Dictionary-encode a household fact read from the applicant's row only."""
    if name not in reader.columns:
        if required:
            reader.schema_errors.append(
                InvalidInputError(f"$.{name}", "(absent)", "a column of the persons table")
            )
        return np.full(households.count, -1, dtype=np.int64), []
    kind = reader.table.schema.field(name).type
    if pa.types.is_dictionary(kind):  # its indices are cheap to read whole, then gather
        indices, names = reader.strings(name, required=required)
        return indices[households.applicant_row], names
    # Plain strings: encode the applicants' rows only.
    sub = Reader(reader.table.select([name]).take(arrow(households.applicant_row)))
    indices, names = sub.strings(name, required=required)
    reader.schema_errors.extend(sub.schema_errors)
    return indices, names


def _places(reader: Reader, households: _Households, default_jurisdiction: str | None) -> _Places:
    count = households.count
    rows = households.applicant_row

    registration, registration_names = _at_applicant(
        reader, households, "registration", required=True
    )
    known = np.array([is_division(code) for code in registration_names] + [False])
    bad = ~known[registration]  # -1 (null) reads the trailing False
    reader.mark("registration", _rows(reader, rows[bad]), "a six-digit GB/T 2260 code")

    kind, kind_names = _at_applicant(reader, households, "registration_kind", required=True)
    kind_code = np.array([_index(KIND_VALUES, k) for k in kind_names] + [-1])[kind]
    reader.mark(
        "registration_kind", _rows(reader, rows[kind_code < 0]), f"one of {', '.join(KIND_VALUES)}"
    )

    chosen, chosen_names = _at_applicant(reader, households, "jurisdiction", required=False)
    names = list(dict.fromkeys([*registration_names, *chosen_names]))
    position = {name: i for i, name in enumerate(names)}
    if default_jurisdiction is not None:
        default = jurisdictions.get(default_jurisdiction).code
        position.setdefault(default, len(names))
        names = list(position)
    reg_where = np.array([position[n] for n in registration_names] + [-1], dtype=np.int64)[
        registration
    ]
    chosen_where = np.array([position[n] for n in chosen_names] + [-1], dtype=np.int64)[chosen]
    fallback = reg_where if default_jurisdiction is None else np.full(count, position[default])
    where = np.where(chosen_where >= 0, chosen_where, fallback)
    where_ok = np.array([is_division(n) for n in names] + [False])[where]
    reader.mark(
        "jurisdiction",
        _rows(reader, rows[~where_ok & (chosen_where >= 0)]),
        "a known GB/T 2260 code, or null",
    )

    registered = within(names, reg_where, where)

    key = (where + 1) * 2 + np.maximum(kind_code, 0)
    unique_keys, group = small_unique(key)
    groups = tuple(
        (
            names[int(k) // 2 - 1] if int(k) // 2 >= 1 else jurisdictions.NATIONAL,
            KIND_VALUES[int(k) % 2],
        )
        for k in unique_keys
    )
    return _Places(registered, where, tuple(names), group.astype(np.int64), groups)


def _rows(reader: Reader, rows: npt.NDArray[Any]) -> Bools:
    mask = np.zeros(reader.rows, dtype=np.bool_)
    mask[rows] = True
    return mask


def _index(values: Sequence[str], value: str) -> int:
    return values.index(value) if value in values else -1


@attrs.frozen
class _Run:
    """The kernels' outputs, per household."""

    outcome: Ints
    amount: Ints
    alone: Bools
    counted: Ints
    covered: Ints
    lives_missing: Bools
    asked: Bools
    value_missing: Bools
    flags: dict[str, Bools]
    unavailable: dict[str, Bools]
    errors: dict[str, _Parameter]
    group: Ints


def _evaluate(  # noqa: PLR0915 - the rule's steps in order, as dibao.assess takes them
    facts: _Facts, households: _Households, book: ParameterBook, on: dt.date
) -> _Run:
    places = facts.places
    group, of_row = places.group, households.of_row
    found = _parameters(book, on, places.groups)

    def per_household(name: str) -> Any:
        return _spread(found[name].values, group)

    def fraction_arrays(name: str) -> tuple[Any, Any]:
        return _spread(found[name].values, group), _spread(found[name].denominators, group)

    standard = per_household("standard")
    months = per_household(_MONTHS)
    exclude_pension = per_household(_PENSION).astype(np.bool_)
    single_allowed = per_household(_SINGLE).astype(np.bool_)
    rate = fraction_arrays(_RATE)
    share = fraction_arrays(_SHARE)
    multiple = fraction_arrays(_MULTIPLE)
    single_share = fraction_arrays(_S_SHARE)
    single_deduct = per_household(_S_DEDUCT).astype(np.bool_)

    # 2. Family members (57号 art. 7): the one member rule, over every person at once.
    counted_p, missing_p = dibao.member_rule(
        NUMPY,
        relationship=facts.relationship,
        age=facts.age,
        excluded=facts.excluded,
        dependent=facts.dependent,
        lives=facts.lives,
    )
    counted = households.sum(counted_p)
    missing = households.any(missing_p)

    # 3. Income: the counted types come from the rule's own list, per jurisdiction's switch.
    always = dibao.counted_income_types(exclude_central_basic_pension=True)
    switched = dibao.counted_income_types(exclude_central_basic_pension=False) - always
    rows, count = len(of_row), households.count
    never = set(IncomeType) - always - switched
    own_fixed = _total(facts.income, always, rows)
    own_switched = _total(facts.income, switched, rows)
    pension_counts = ~exclude_pension
    counts_here = _pick(pension_counts, of_row)
    own = own_fixed + own_switched * counts_here
    own_not_counted = _total(facts.income, never, rows) + own_switched * ~counts_here
    common_fixed = _total(facts.household_income, always, count)
    common_switched = _total(facts.household_income, switched, count)
    common = common_fixed + common_switched * pension_counts
    common_not_counted = (
        _total(facts.household_income, never, count) + common_switched * ~pension_counts
    )
    income = households.sum(own * counted_p) + common
    not_counted = households.sum(own_not_counted * counted_p) + common_not_counted
    own_wages = facts.income.get(IncomeType.WAGES, np.zeros(rows, dtype=np.int64))
    wages = households.sum(own_wages * counted_p)
    has_switched = households.any(own_switched > 0) | (common_switched > 0)

    disqualified = np.zeros(households.count, dtype=np.bool_)
    for asset, name, _labels in DISQUALIFYING_ASSETS:
        disqualified |= facts.owns[asset] & (per_household(name) != 0)

    _check_range(
        income,
        facts.financial,
        standard,
        np.maximum(months, per_household(_M_MONTHS)),
        counted,
        rate,
        share,
        multiple,
        single_share,
    )

    # 4-5. Income and property tests; 6. the difference; 7. members covered alone.
    test = dibao.means_test(
        NUMPY,
        standard=standard,
        count=counted,
        income=income,
        wages=wages,
        financial=facts.financial,
        months=months,
        disqualified=disqualified,
        rate=rate,
    )
    whole_amount, floored = dibao.difference_amount(NUMPY, test, share=share)
    marginal = dibao.marginal_test(test, multiple=multiple)
    # 7. The marginal property rules (57号 art. 8: "财产状况符合相关规定"), as means.property_test.
    owns_business = facts.owns[AssetType.BUSINESS_ENTITY]
    if facts.business_value is None:
        business_ok = np.ones(count, dtype=np.bool_)
        business_unknown = owns_business
    else:
        business_ok = ~owns_business | (facts.business_value < per_household(_M_BUSINESS))
        business_unknown = np.zeros(count, dtype=np.bool_)
    marginal_assets_ok = (
        (facts.financial < standard * per_household(_M_MONTHS) * counted)
        & ~(facts.owns[AssetType.VEHICLE] & (per_household(_M_VEHICLE) != 0))
        & ~(
            facts.owns[AssetType.NON_RESIDENTIAL_PROPERTY]
            & (per_household(_M_NON_RESIDENTIAL) != 0)
        )
        & business_ok
    )
    # The rule is element-wise and gives (False, 0, False) to anyone not a counted candidate
    # or a member of unknown illness: evaluate it on those only.
    who = np.flatnonzero(counted_p & (facts.candidate | facts.unknown))
    at = of_row[who]
    covered_c, amount_c, asks_c = dibao.single_person_rule(
        NUMPY,
        counted=counted_p[who],
        candidate=facts.candidate[who],
        own_income=own[who],
        own_wages=own_wages[who],
        standard=_pick(standard, at),
        rate=(_pick(rate[0], at), _pick(rate[1], at)),
        share=(_pick(single_share[0], at), _pick(single_share[1], at)),
        deduct=_pick(single_deduct, at),
        unknown=facts.unknown[who],
    )
    covered = np.bincount(at, weights=covered_c, minlength=count).astype(np.int64)
    asked = np.bincount(at, weights=asks_c, minlength=count) > 0
    alone_amount = np.zeros(count, dtype=np.int64)
    np.add.at(alone_amount, at, np.asarray(amount_c, dtype=np.int64))
    decided = places.registered & ~missing & (counted > 0)
    pre_stage = decided & ~(test.income_ok & test.assets_ok)
    marginal_stage = pre_stage & single_allowed & marginal
    single_stage = marginal_stage & marginal_assets_ok
    # A business entity of unknown value decides the outcome only where somebody would be
    # covered alone (or asked about): then the household cannot be decided.
    value_missing = single_stage & business_unknown & ((alone_amount > 0) | asked)
    outcome, amount, alone = dibao.outcome_rule(
        NUMPY,
        registered=places.registered,
        missing=missing,
        test=test,
        whole_amount=whole_amount,
        single_allowed=single_allowed,
        marginal=marginal,
        marginal_assets_ok=marginal_assets_ok,
        single_amount=alone_amount,
        asks=asked | value_missing,
    )

    needs = {
        "standard": decided,
        _RATE: decided,
        _MONTHS: decided,
        _PENSION: decided & has_switched,
        _SHARE: decided & test.income_ok & test.assets_ok,
        _SINGLE: pre_stage,
        _MULTIPLE: pre_stage & single_allowed,
        _M_MONTHS: marginal_stage,
        _M_VEHICLE: marginal_stage & facts.owns[AssetType.VEHICLE],
        _M_NON_RESIDENTIAL: marginal_stage & facts.owns[AssetType.NON_RESIDENTIAL_PROPERTY],
        _M_BUSINESS: marginal_stage & owns_business & ~business_unknown,
        _S_SHARE: single_stage,
        _S_DEDUCT: single_stage,
    }
    for asset, name, _labels in DISQUALIFYING_ASSETS:
        needs[name] = decided & facts.owns[asset]
    unavailable = {
        name: need & ~found[name].found[group]
        for name, need in needs.items()
        if not found[name].found.all()
    }
    flags = reason_flags(
        registered=places.registered,
        missing=missing,
        counted=counted,
        test=test,
        not_counted=not_counted,
        wages=wages,
        rate_numerator=rate[0],
        disqualified=disqualified,
        floored=floored,
        single_allowed=single_allowed,
        marginal=marginal,
        covered=covered,
        marginal_assets_ok=marginal_assets_ok,
        asked=asked,
        value_missing=value_missing,
    )
    return _Run(
        outcome=np.asarray(outcome, dtype=np.int64),
        amount=np.asarray(amount, dtype=np.int64),
        alone=np.asarray(alone, dtype=np.bool_),
        counted=counted,
        covered=covered,
        lives_missing=places.registered & missing,
        asked=single_stage & asked,
        value_missing=value_missing,
        flags=flags,
        unavailable=unavailable,
        errors=found,
        group=group,
    )


def _spread(values: Ints, group: Ints) -> Any:
    """Return a parameter per household: one number when every group has the same value.

    A number broadcasts as an array would, at no memory traffic.
    """
    if len(values) and bool((values == values[0]).all()):
        return values[0]
    return values[group]


def _pick(values: Any, index: npt.NDArray[Any]) -> Any:
    """``values[index]`` for an array; a broadcast number is the same for every row."""
    return values if np.ndim(values) == 0 else values[index]


def _total(columns: Mapping[IncomeType, Ints], types: Iterable[IncomeType], size: int) -> Ints:
    """Sum the present columns of ``types`` (an absent column is zero)."""
    total = np.zeros(size, dtype=np.int64)
    for income_type in types:
        column = columns.get(income_type)
        if column is not None:
            total += column
    return total


def _check_range(
    income: Ints,
    financial: Ints,
    standard: Ints,
    months: Ints,
    counted: Ints,
    *fractions: tuple[Ints, Ints],
) -> None:
    """Refuse a batch whose exact integer arithmetic could overflow 64 bits."""
    if len(income) == 0:
        return
    biggest = max(
        int(income.max()),
        int(financial.max()),
        int(standard.max()) * max(int(months.max()), 1) * int(counted.max()),
        1,
    )
    scale = 4
    for numerators, denominators in fractions:
        scale *= max(int(numerators.max()), int(denominators.max()), 1)
    if biggest * scale >= 2**62:
        raise InvalidInputError(
            "$",
            f"amounts up to {biggest} fen with rate terms up to {scale}",
            "amounts and parameter fractions whose exact products fit in 64 bits",
        )


# -- output -----------------------------------------------------------------------------------


def _output(
    reader: Reader, households: _Households, facts: _Facts, run: _Run, bad: Bools
) -> pa.Table:
    count = households.count
    unavailable = np.zeros(count, dtype=np.bool_)
    for mask in run.unavailable.values():
        unavailable |= mask
    unavailable &= ~bad
    cannot = bad | unavailable
    outcome = np.where(cannot, _CANNOT_DECIDE, run.outcome).astype(np.int8)
    amount = np.where(cannot, 0, run.amount)
    eligible = outcome == _ELIGIBLE
    layer = np.where(eligible, 0, 1).astype(np.int8)

    flags = [run.flags[code] & ~cannot for code in REASON_CATALOGUE[:-2]]
    flags += [bad, unavailable]

    missing = run.lives_missing & ~cannot
    problem_names: list[str] = []
    problem_flags: list[Bools] = []
    for column, mask in reader.bad.items():
        problem_names.append(column)
        problem_flags.append(households.any(mask) & bad)
    for name, mask in run.unavailable.items():
        shown = "assistance.dibao.standard" if name == "standard" else name
        problem_names.append(shown)
        problem_flags.append(mask & ~bad)
    if missing.any():
        problem_names.append("lives_together")
        problem_flags.append(missing)
    for name, mask in (
        ("serious_illness", run.asked & ~cannot),
        (BUSINESS_VALUE_COLUMN, run.value_missing & ~cannot),
    ):
        if mask.any():
            problem_names.append(name)
            problem_flags.append(mask)

    places = facts.places
    where = pa.DictionaryArray.from_arrays(
        arrow(places.where, mask=places.where < 0, type=pa.int32()),
        arrow(list(places.names), type=pa.string()),
    )
    ids = reader.table.column("household_id").take(arrow(households.starts))
    columns: dict[str, Any] = {
        "household_id": ids,
        "jurisdiction": where,
        "outcome": pa.DictionaryArray.from_arrays(arrow(outcome), arrow(list(_OUTCOME_NAMES))),
        "amount_fen": arrow(amount, type=pa.int64()),
        "layer": pa.DictionaryArray.from_arrays(
            arrow(layer, mask=outcome == _CANNOT_DECIDE), arrow(list(_LAYER_NAMES))
        ),
        "members_counted": arrow(np.where(bad, 0, run.counted).astype(np.int32)),
        "members_alone": arrow(np.where(run.alone & ~cannot, run.covered, 0).astype(np.int32)),
        "reasons": lists(flags, REASON_CATALOGUE, count),
        "problems": lists(problem_flags, problem_names, count),
    }
    return pa.table(columns)


def _bad_cells(part: _Part) -> list[BadCell]:
    return bad_cells(part.reader, part.offset)


def _parameter_error(run: _Run) -> CivaffairsError | None:
    """Return the parameter error of this slice's first household that needs a value not in force.

    Row first, then the parameter in the order the rule needs them: slices come in row
    order, so the first slice's error is the whole table's, however it is cut.
    """
    lacking = [
        (int(np.flatnonzero(mask)[0]), name) for name, mask in run.unavailable.items() if mask.any()
    ]
    if not lacking:
        return None
    row = min(first for first, _ in lacking)
    for name, mask in run.unavailable.items():
        if mask[row]:
            return run.errors[name].errors[int(run.group[row])]
    return None  # pragma: no cover - some mask holds at ``row``
