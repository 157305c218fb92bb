"""低保 for a whole registry in columns, exactly as the scalar path decides it.

:func:`assess_table` reads a persons table (:mod:`civaffairs.batch.schema`),
evaluates the *same* rule bodies the scalar
:func:`civaffairs.assistance.dibao.assess` uses — :func:`~civaffairs.assistance.dibao.member_rule`,
:func:`~civaffairs.assistance.dibao.means_test`,
:func:`~civaffairs.assistance.dibao.difference_amount`,
:func:`~civaffairs.assistance.dibao.marginal_test`,
:func:`~civaffairs.assistance.dibao.single_person_rule`,
:func:`~civaffairs.assistance.dibao.outcome_rule`, the age rule
:func:`~civaffairs.dates.full_years` and
:func:`~civaffairs.entities.severe_disability` — with
:data:`~civaffairs.batch.arrays.NUMPY` operations on integer-fen columns, and
returns one row per household.

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
from collections.abc import Sequence
from typing import Any, Final

import attrs
import numpy as np
import pyarrow as pa

from civaffairs.assistance import dibao as scalar
from civaffairs.assistance.dibao import DISQUALIFYING_ASSETS, OUTCOME_CODES
from civaffairs.assistance.dibao_terms import NOT_IN_COLUMNS
from civaffairs.batch._columns import Bools, Ints, Reader, arrow, fixed_values
from civaffairs.batch._common import (
    R_INVALID_VALUE,
    R_PARAMETER_UNAVAILABLE,
    Errors,
    bad_cells,
    check_errors,
    finish,
    in_threads,
    lists,
    workers_for,
)
from civaffairs.batch._persons import Facts, read_persons
from civaffairs.batch.arrays import NUMPY, Households, pick, spread, total
from civaffairs.batch.plumbing import (
    SLICE_ROWS,
    Decided,
    Frame,
    HouseholdSlice,
    PerGroup,
    Readers,
    checked_table,
    decide_slices,
    first_parameter_error,
    household_slices,
    per_group,
    per_group_each,
    remembered,
)
from civaffairs.batch.schema import BUSINESS_VALUE_COLUMN, persons_schema
from civaffairs.decisions import Outcome
from civaffairs.entities import AssetType, AssistanceLayer, IncomeType
from civaffairs.errors import (
    CivaffairsError,
    InvalidDocumentError,
    InvalidInputError,
)
from civaffairs.parameters import ParameterBook, default_book

__all__ = [
    "REASON_CATALOGUE",
    "Prepared",
    "assess_table",
    "prepare",
    "reason_flags",
]

#: The reason codes a household's row may carry, in the order they are listed.
REASON_CATALOGUE: Final = (
    scalar.R_REGISTRATION_ELSEWHERE.code,
    scalar.R_REGISTRATION.code,
    scalar.R_MISSING.code,
    scalar.R_MEMBERS.code,
    scalar.R_NO_FAMILY_MEMBER.code,
    scalar.R_INCOME_EXCLUDED.code,
    scalar.R_EMPLOYMENT_DEDUCTION.code,
    scalar.R_INCOME_BELOW.code,
    scalar.R_INCOME_NOT_BELOW.code,
    scalar.R_FINANCIAL_ASSETS.code,
    scalar.R_ASSET_DISQUALIFIES.code,
    scalar.R_AMOUNT_FLOOR.code,
    scalar.R_AMOUNT.code,
    scalar.R_MARGINAL_PROPERTY.code,
    scalar.R_SINGLE_PERSON.code,
    scalar.R_SINGLE_PERSON_UNKNOWN.code,
    scalar.R_SINGLE_PERSON_NONE.code,
    R_INVALID_VALUE.code,
    R_PARAMETER_UNAVAILABLE.code,
)

_OUTCOME_NAMES: Final = tuple(
    outcome.value for outcome, _ in sorted(OUTCOME_CODES.items(), key=lambda item: item[1])
)
_CANNOT_DECIDE: Final = OUTCOME_CODES[Outcome.CANNOT_DECIDE]
_ELIGIBLE: Final = OUTCOME_CODES[Outcome.ELIGIBLE]
_LAYER_NAMES: Final = (AssistanceLayer.DIBAO.value, AssistanceLayer.NONE.value)
_WHAT: Final = "persons table"

_STANDARD = "assistance.dibao.standard"
_PENSION = "assistance.dibao.income.exclude_central_basic_pension"
_RATE = "assistance.dibao.income.employment_deduction_rate"
_SHARE = "assistance.dibao.amount.minimum_share_of_standard"
_MONTHS = "assistance.dibao.assets.financial_months_per_capita"
_SINGLE = "assistance.dibao.single_person.allowed"
_MULTIPLE = "assistance.marginal.income_multiple"
_M_MONTHS = "assistance.marginal.assets.financial_months_per_capita"
_M_VEHICLE = "assistance.marginal.assets.vehicle_disqualifies"
_M_NON_RESIDENTIAL = "assistance.marginal.assets.non_residential_property_disqualifies"
_M_BUSINESS = "assistance.marginal.assets.business_entity_value_limit"
_S_SHARE = "assistance.dibao.single_person.share_of_standard"
_S_DEDUCT = "assistance.dibao.single_person.deduct_own_income"


# -- the stages of the rule and their reasons -------------------------------------------------


@attrs.frozen
class _Stages:
    """The households that reach each step of :func:`~civaffairs.assistance.dibao.assess`.

    ``decided``: registered here, no fact missing, someone counted; ``whole``:
    the household passes the income and property tests; ``failed``: it fails
    them; ``single``: it fails them where single-person inclusion is allowed;
    ``marginal``: … and is marginal by income; ``alone``: … and by property,
    so members may be covered alone.
    """

    decided: Bools
    whole: Bools
    failed: Bools
    single: Bools
    marginal: Bools
    alone: Bools


def _stages(
    *,
    registered: Bools,
    missing: Bools,
    counted: Ints,
    test: scalar.MeansTest,
    single_allowed: Bools,
    marginal: Bools,
    marginal_assets_ok: Bools,
) -> _Stages:
    decided = registered & ~missing & (counted > 0)
    passed = test.income_ok & test.assets_ok
    failed = decided & ~passed
    single = failed & single_allowed
    marginal_stage = single & marginal
    return _Stages(
        decided=decided,
        whole=decided & passed,
        failed=failed,
        single=single,
        marginal=marginal_stage,
        alone=marginal_stage & marginal_assets_ok,
    )


def reason_flags(
    *,
    registered: Bools,
    missing: Bools,
    counted: Ints,
    test: scalar.MeansTest,
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
    stage = _stages(
        registered=registered,
        missing=missing,
        counted=counted,
        test=test,
        single_allowed=single_allowed,
        marginal=marginal,
        marginal_assets_ok=~none if marginal_assets_ok is None else marginal_assets_ok,
    )
    asked = none if asked is None else asked
    value_missing = none if value_missing is None else value_missing
    family = registered & ~missing
    decided = stage.decided
    some_alone = stage.alone & (covered > 0)
    unknown = stage.alone & asked
    return {
        scalar.R_REGISTRATION_ELSEWHERE.code: ~registered,
        scalar.R_REGISTRATION.code: registered,
        scalar.R_MISSING.code: (registered & missing) | value_missing,
        scalar.R_MEMBERS.code: family,
        scalar.R_NO_FAMILY_MEMBER.code: family & (counted == 0),
        scalar.R_INCOME_EXCLUDED.code: decided & (not_counted > 0),
        scalar.R_EMPLOYMENT_DEDUCTION.code: decided & (rate_numerator > 0) & (wages > 0),
        scalar.R_INCOME_BELOW.code: decided & test.income_ok,
        scalar.R_INCOME_NOT_BELOW.code: decided & ~test.income_ok,
        scalar.R_FINANCIAL_ASSETS.code: decided,
        scalar.R_ASSET_DISQUALIFIES.code: decided & disqualified,
        scalar.R_AMOUNT_FLOOR.code: stage.whole & floored,
        scalar.R_AMOUNT.code: stage.whole,
        scalar.R_MARGINAL_PROPERTY.code: stage.marginal,
        scalar.R_SINGLE_PERSON.code: some_alone,
        scalar.R_SINGLE_PERSON_UNKNOWN.code: unknown,
        scalar.R_SINGLE_PERSON_NONE.code: stage.single & ~some_alone & ~unknown,
    }


# -- the calls --------------------------------------------------------------------------------


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
    :data:`~civaffairs.batch.plumbing.SLICE_ROWS` persons each), ``workers``
    threads at a time (by default one per core this process may use; numpy
    and Arrow release the interpreter lock while they work).  Only the slices
    being decided are held as arrays, so memory beyond the input and the
    result stays small.  The result does not depend on ``workers``.

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

    def decide(piece: HouseholdSlice) -> Decided:
        part = _prepare_part(table, piece, on, jurisdiction, first_row)
        output, run = part.decide(chosen, on)
        error = _parameter_error(run) if errors == "raise" else None
        return output, part.reader, part.offset, error

    pieces = household_slices(table, SLICE_ROWS, first_row)
    return decide_slices(pieces, decide, errors=errors, workers=threads, what=_WHAT)


def _checked(data: Frame) -> pa.Table:
    """Return the input as Arrow; refuse unknown columns and absent household ids."""
    table = checked_table(
        data, persons_schema().names, "a column of the persons table (schema.py)", _WHAT
    )
    if "household_id" not in table.column_names:
        raise InvalidDocumentError(
            [InvalidInputError("$.household_id", "(absent)", "a column of the persons table")],
            what=_WHAT,
        )
    return table


@attrs.frozen
class _Part:
    """One slice read, checked and turned into arrays; ``offset`` is its first row."""

    offset: int
    reader: Reader
    households: Households
    facts: Facts
    bad: Bools

    def decide(self, book: ParameterBook, on: dt.date) -> tuple[pa.Table, _Run]:
        run = _evaluate(self.facts, self.households, book, on)
        return _output(self.reader, self.households, self.facts, run, self.bad), run


def _prepare_part(
    table: pa.Table, piece: HouseholdSlice, on: dt.date, jurisdiction: str | None, first_row: int
) -> _Part:
    reader = Reader(piece.of(table))
    households, facts, bad = read_persons(reader, piece, on, jurisdiction, county=True)
    return _Part(first_row + piece.start, reader, households, facts, bad)


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
        raising = errors == "raise"
        return finish(
            [
                (
                    output,
                    bad_cells(part.reader, part.offset) if raising else [],
                    _parameter_error(run) if raising else None,
                )
                for part, (output, run) in zip(self._parts, done, strict=True)
            ],
            errors,
            what=_WHAT,
        )


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
        lambda piece: _prepare_part(table, piece, on, jurisdiction, first_row),
        household_slices(table, SLICE_ROWS, first_row),
    )
    return Prepared(on, parts=tuple(parts), workers=threads)


# -- parameters -------------------------------------------------------------------------------


def _parameters(
    book: ParameterBook, on: dt.date, groups: Sequence[tuple[str, str]]
) -> dict[str, PerGroup]:
    """Look every parameter up once per group, remembering the answer for this book."""
    return remembered(book, ("dibao", on, tuple(groups)), lambda: _look_up(book, on, groups))


def _look_up(
    book: ParameterBook, on: dt.date, groups: Sequence[tuple[str, str]]
) -> dict[str, PerGroup]:
    read = Readers(book, on)
    money, rate, count, flag = read.money, read.rate, read.count, read.flag

    reads = {
        _PENSION: flag,
        _RATE: rate,
        _SHARE: rate,
        _MONTHS: count,
        _SINGLE: flag,
        _MULTIPLE: rate,
        _M_MONTHS: count,
        _M_VEHICLE: flag,
        _M_NON_RESIDENTIAL: flag,
        _M_BUSINESS: money,
        _S_SHARE: rate,
        _S_DEDUCT: flag,
    } | {name: flag for _asset, name, _labels in DISQUALIFYING_ASSETS}
    found = {"standard": per_group(groups, lambda kind: f"{_STANDARD}.{kind}", money)}
    found |= per_group_each(groups, reads)
    # The optional deductions of 民发〔2021〕57号 art. 13 (civaffairs.assistance.dibao_terms) are
    # not computed in columns: a place that turns one on is refused, never decided without it.
    for name in NOT_IN_COLUMNS:
        switch = per_group_each(groups, {name: flag})[name]
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
class _Values:
    """The parameters of one slice under one book, spread to its households."""

    found: dict[str, PerGroup]
    group: Ints

    def __call__(self, name: str) -> Any:
        """Return the parameter's value per household (a number where every group agrees)."""
        return spread(self.found[name].values, self.group)

    def flag(self, name: str) -> Any:
        """Return the switch's value per household, as booleans."""
        return self(name).astype(np.bool_)

    def fraction(self, name: str) -> tuple[Any, Any]:
        """Return the rate's numerator and denominator per household."""
        return self(name), spread(self.found[name].denominators, self.group)


# -- the rule ---------------------------------------------------------------------------------


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
    errors: dict[str, PerGroup]
    group: Ints
    #: Per person: covered alone (单人户) where the household's members are (57号 art. 8).
    covered_p: Bools
    #: Steps 2-5 (the members counted, their income, the tests), for 低保边缘 to reuse.
    means: _Means


@attrs.frozen
class _Income:
    """Counted income: per person (own) and per household, and what is left out."""

    own: Ints
    own_wages: Ints
    income: Ints
    not_counted: Ints
    wages: Ints
    has_switched: Bools


def _income(
    facts: Facts, households: Households, counted_p: Bools, exclude_pension: Any
) -> _Income:
    """Count income: the types come from the rule's own list, per jurisdiction's switch."""
    always, switched, never = _INCOME_TYPES
    of_row = households.of_row
    rows, count = len(of_row), households.count
    own_switched = total(facts.income, switched, rows)
    pension_counts = ~exclude_pension
    if np.ndim(pension_counts) == 0:  # one switch for the whole slice: no products
        own = total(facts.income, always, rows)
        own_not_counted = total(facts.income, never, rows)
        if pension_counts:
            own += own_switched
        else:
            own_not_counted += own_switched
    else:
        counts_here = pension_counts[of_row]
        own = total(facts.income, always, rows) + own_switched * counts_here
        own_not_counted = total(facts.income, never, rows) + own_switched * ~counts_here
    common_switched = total(facts.household_income, switched, count)
    common = total(facts.household_income, always, count) + common_switched * pension_counts
    common_not_counted = (
        total(facts.household_income, never, count) + common_switched * ~pension_counts
    )
    own_wages = facts.income.get(IncomeType.WAGES)
    if own_wages is None:
        own_wages = np.zeros(rows, dtype=np.int64)
    everyone = bool(counted_p.all())  # then no product with the counted mask

    def of_counted(values: Ints) -> Ints:
        return households.sum(values if everyone else values * counted_p)

    return _Income(
        own=own,
        own_wages=own_wages,
        income=of_counted(own) + common,
        not_counted=of_counted(own_not_counted) + common_not_counted,
        wages=of_counted(own_wages),
        has_switched=households.any(own_switched > 0) | (common_switched > 0),
    )


def _income_types() -> tuple[frozenset[IncomeType], frozenset[IncomeType], frozenset[IncomeType]]:
    """Return the income types always counted, counted by the pension switch, never counted."""
    always = frozenset(scalar.counted_income_types(exclude_central_basic_pension=True))
    switched = frozenset(scalar.counted_income_types(exclude_central_basic_pension=False)) - always
    return always, switched, frozenset(IncomeType) - always - switched


_INCOME_TYPES: Final = _income_types()


def _marginal_property(
    facts: Facts, value: _Values, standard: Any, counted: Ints
) -> tuple[Bools, Bools]:
    """Apply the marginal property rules (57号 art. 8: "财产状况符合相关规定"), as means.py does.

    Returns whether each household passes them, and whether it owns a business
    entity of unknown value.
    """
    owns_business = facts.owns[AssetType.BUSINESS_ENTITY]
    if facts.business_value is None:
        business_ok = np.ones(len(counted), dtype=np.bool_)
        business_unknown = owns_business
    else:
        business_ok = ~owns_business | (facts.business_value < value(_M_BUSINESS))
        business_unknown = np.zeros(len(counted), dtype=np.bool_)
    passes = (
        (facts.financial < standard * value(_M_MONTHS) * counted)
        & ~(facts.owns[AssetType.VEHICLE] & (value(_M_VEHICLE) != 0))
        & ~(facts.owns[AssetType.NON_RESIDENTIAL_PROPERTY] & (value(_M_NON_RESIDENTIAL) != 0))
        & business_ok
    )
    return passes, business_unknown


def _single_person(
    facts: Facts,
    households: Households,
    counted_p: Bools,
    income: _Income,
    value: _Values,
    *,
    standard: Any,
) -> tuple[Ints, Bools, Ints, Bools]:
    """Members covered alone (57号 art. 8): per household, how many, asked, the amount; who.

    The rule is element-wise and gives (False, 0, False) to anyone not a counted
    candidate or a member of unknown illness: it is evaluated on those only.  The last
    array marks, per person, the members the rule covers.
    """
    count = households.count
    who = np.flatnonzero(counted_p & (facts.candidate | facts.unknown))
    at = households.of_row[who]
    rate, share = value.fraction(_RATE), value.fraction(_S_SHARE)
    covered_c, amount_c, asks_c = scalar.single_person_rule(
        NUMPY,
        counted=counted_p[who],
        candidate=facts.candidate[who],
        own_income=income.own[who],
        own_wages=income.own_wages[who],
        standard=pick(standard, at),
        rate=(pick(rate[0], at), pick(rate[1], at)),
        share=(pick(share[0], at), pick(share[1], at)),
        deduct=pick(value.flag(_S_DEDUCT), at),
        unknown=facts.unknown[who],
    )
    covered = np.bincount(at, weights=covered_c, minlength=count).astype(np.int64)
    asked = np.bincount(at, weights=asks_c, minlength=count) > 0
    amount = np.zeros(count, dtype=np.int64)
    np.add.at(amount, at, np.asarray(amount_c, dtype=np.int64))
    covered_p = np.zeros(len(counted_p), dtype=np.bool_)
    covered_p[who] = covered_c
    return covered, asked, amount, covered_p


def members_counted(facts: Facts) -> tuple[Bools, Bools]:
    """Per person: counted by 57号 art. 7 (nobody left out), and whether a fact is missing.

    :func:`civaffairs.assistance.dibao.member_rule` on the columns, as
    :func:`civaffairs.assistance.dibao.counted_members` applies it one household at a time.
    """
    counted, missing = scalar.member_rule(
        NUMPY,
        relationship=facts.relationship,
        age=facts.age,
        excluded=facts.excluded,
        dependent=facts.dependent,
        lives=facts.lives,
    )
    return np.asarray(counted, dtype=np.bool_), np.asarray(missing, dtype=np.bool_)


@attrs.frozen
class _Means:
    """Steps 2-5 of the rule: who is counted, the counted income, the income and property tests."""

    counted_p: Bools
    counted: Ints
    missing: Bools
    income: _Income
    disqualified: Bools
    test: scalar.MeansTest


def _means(
    facts: Facts, households: Households, value: _Values, supported: Bools | None = None
) -> _Means:
    """Count the members (57号 art. 7) and their income, and apply the means test.

    ``supported`` marks, per person, the members left out as supported by 特困 (no double
    coverage; :func:`civaffairs.assistance.means.counted_members` ``left_out``): neither
    counted nor a missing fact, whatever their other facts.  ``None``: nobody.
    """
    counted_p, missing_p = members_counted(facts)
    if supported is not None:
        counted_p = counted_p & ~supported
        missing_p = missing_p & ~supported
    counted = households.sum(counted_p)
    income = _income(facts, households, counted_p, value.flag(_PENSION))
    disqualified = np.zeros(households.count, dtype=np.bool_)
    for asset, name, _labels in DISQUALIFYING_ASSETS:
        disqualified |= facts.owns[asset] & (value(name) != 0)
    standard, months, rate = value("standard"), value(_MONTHS), value.fraction(_RATE)
    _check_range(
        income.income,
        facts.financial,
        standard,
        np.maximum(months, value(_M_MONTHS)),
        counted,
        rate,
        value.fraction(_SHARE),
        value.fraction(_MULTIPLE),
        value.fraction(_S_SHARE),
    )
    test = scalar.means_test(
        NUMPY,
        standard=standard,
        count=counted,
        income=income.income,
        wages=income.wages,
        financial=facts.financial,
        months=months,
        disqualified=disqualified,
        rate=rate,
    )
    return _Means(counted_p, counted, households.any(missing_p), income, disqualified, test)


def _evaluate(
    facts: Facts,
    households: Households,
    book: ParameterBook,
    on: dt.date,
    *,
    supported: Bools | None = None,
) -> _Run:
    """Decide a slice's households in the steps of :func:`~civaffairs.assistance.dibao.assess`.

    ``supported`` (per person) are the members left out as 特困, as
    :func:`civaffairs.assistance.dibao.decide_household` leaves out ``supported``.
    """
    places = facts.places
    found = _parameters(book, on, places.groups)
    value = _Values(found, places.group)
    standard, single_allowed = value("standard"), value.flag(_SINGLE)
    means = _means(facts, households, value, supported)
    test, counted = means.test, means.counted
    # 6. The difference; 7. the marginal household's property and its members covered alone.
    whole_amount, floored = scalar.difference_amount(NUMPY, test, share=value.fraction(_SHARE))
    marginal = scalar.marginal_test(test, multiple=value.fraction(_MULTIPLE))
    marginal_assets_ok, business_unknown = _marginal_property(facts, value, standard, counted)
    covered, asked, alone_amount, covered_p = _single_person(
        facts, households, means.counted_p, means.income, value, standard=standard
    )
    kernels: dict[str, Any] = {
        "registered": places.registered,
        "missing": means.missing,
        "test": test,
        "single_allowed": single_allowed,
        "marginal": marginal,
        "marginal_assets_ok": marginal_assets_ok,
    }
    stage = _stages(counted=counted, **kernels)
    # A business entity of unknown value decides the outcome only where somebody would be
    # covered alone (or asked about): then the household cannot be decided.
    value_missing = stage.alone & business_unknown & ((alone_amount > 0) | asked)
    outcome, amount, alone = scalar.outcome_rule(
        NUMPY,
        whole_amount=whole_amount,
        single_amount=alone_amount,
        asks=asked | value_missing,
        **kernels,
    )
    flags = reason_flags(
        counted=counted,
        not_counted=means.income.not_counted,
        wages=means.income.wages,
        rate_numerator=value(_RATE),
        disqualified=means.disqualified,
        floored=floored,
        covered=covered,
        asked=asked,
        value_missing=value_missing,
        **kernels,
    )
    needs = _needs(
        facts, stage, has_switched=means.income.has_switched, business_unknown=business_unknown
    )
    return _Run(
        outcome=np.asarray(outcome, dtype=np.int64),
        amount=np.asarray(amount, dtype=np.int64),
        alone=np.asarray(alone, dtype=np.bool_),
        counted=counted,
        covered=covered,
        lives_missing=places.registered & means.missing,
        asked=stage.alone & asked,
        value_missing=value_missing,
        flags=flags,
        unavailable={
            name: need & ~found[name].found[places.group]
            for name, need in needs.items()
            if not found[name].found.all()
        },
        errors=found,
        group=places.group,
        covered_p=covered_p,
        means=means,
    )


def _needs(
    facts: Facts, stage: _Stages, *, has_switched: Bools, business_unknown: Bools
) -> dict[str, Bools]:
    """Per parameter, the households whose decision needs it (in the order the rule does)."""
    owns = facts.owns
    needs = {
        "standard": stage.decided,
        _RATE: stage.decided,
        _MONTHS: stage.decided,
        _PENSION: stage.decided & has_switched,
        _SHARE: stage.whole,
        _SINGLE: stage.failed,
        _MULTIPLE: stage.single,
        _M_MONTHS: stage.marginal,
        _M_VEHICLE: stage.marginal & owns[AssetType.VEHICLE],
        _M_NON_RESIDENTIAL: stage.marginal & owns[AssetType.NON_RESIDENTIAL_PROPERTY],
        _M_BUSINESS: stage.marginal & owns[AssetType.BUSINESS_ENTITY] & ~business_unknown,
        _S_SHARE: stage.alone,
        _S_DEDUCT: stage.alone,
    }
    for asset, name, _labels in DISQUALIFYING_ASSETS:
        needs[name] = stage.decided & owns[asset]
    return needs


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
    reader: Reader, households: Households, facts: Facts, run: _Run, bad: Bools
) -> pa.Table:
    count = households.count
    unavailable = np.zeros(count, dtype=np.bool_)
    for mask in run.unavailable.values():
        unavailable |= mask
    unavailable &= ~bad
    cannot = bad | unavailable
    decided = not cannot.any()  # the usual case: no household to overrule, no masking
    outcome = (
        run.outcome.astype(np.int8)
        if decided
        else np.where(cannot, _CANNOT_DECIDE, run.outcome).astype(np.int8)
    )
    amount = run.amount if decided else np.where(cannot, 0, run.amount)
    eligible = outcome == _ELIGIBLE
    layer = (~eligible).view(np.int8)  # 0: dibao, 1: none
    codes = REASON_CATALOGUE[:-2]
    flags = [run.flags[c] for c in codes] if decided else [run.flags[c] & ~cannot for c in codes]
    flags += [bad, unavailable]
    problem_names, problem_flags = _problems(reader, households, run, bad, cannot)
    places = facts.places
    unknown = places.where < 0
    where = pa.DictionaryArray.from_arrays(
        arrow(places.where.astype(np.int32), mask=unknown if unknown.any() else None),
        arrow(list(places.names), type=pa.string()),
    )
    ids = _heads(reader.table.column("household_id"), households.starts)
    columns: dict[str, Any] = {
        "household_id": ids,
        "jurisdiction": where,
        "outcome": pa.DictionaryArray.from_arrays(arrow(outcome), arrow(list(_OUTCOME_NAMES))),
        "amount_fen": arrow(amount, type=pa.int64()),
        "layer": pa.DictionaryArray.from_arrays(
            arrow(layer, mask=outcome == _CANNOT_DECIDE), arrow(list(_LAYER_NAMES))
        ),
        "members_counted": arrow(
            (run.counted if decided else np.where(bad, 0, run.counted)).astype(np.int32)
        ),
        "members_alone": arrow(np.where(run.alone & ~cannot, run.covered, 0).astype(np.int32)),
        "reasons": lists(flags, REASON_CATALOGUE, count),
        "problems": lists(problem_flags, problem_names, count),
    }
    return pa.table(columns)


def _heads(ids: Any, starts: Ints) -> Any:
    """Return each household's id: the id on its first row (integers gathered in numpy)."""
    if ids.num_chunks == 1 and ids.null_count == 0 and pa.types.is_integer(ids.type):
        return arrow(fixed_values(ids)[starts], type=ids.type)
    return ids.take(arrow(starts))


def _problems(
    reader: Reader, households: Households, run: _Run, bad: Bools, cannot: Bools
) -> tuple[list[str], list[Bools]]:
    """Name, per household, the bad columns, the parameters not in force and the facts asked."""
    names: list[str] = []
    flags: list[Bools] = []
    for column, mask in reader.bad.items():
        names.append(column)
        flags.append(households.any(mask) & bad)
    for name, mask in run.unavailable.items():
        names.append(_STANDARD if name == "standard" else name)
        flags.append(mask & ~bad)
    missing = run.lives_missing & ~cannot
    if missing.any():
        names.append("lives_together")
        flags.append(missing)
    for name, mask in (
        ("serious_illness", run.asked & ~cannot),
        (BUSINESS_VALUE_COLUMN, run.value_missing & ~cannot),
    ):
        if mask.any():
            names.append(name)
            flags.append(mask)
    return names, flags


def _parameter_error(run: _Run) -> CivaffairsError | None:
    """Return the parameter error of the slice's first household needing a value not in force."""
    return first_parameter_error(
        run.unavailable, lambda name, row: run.errors[name].errors[int(run.group[row])]
    )
