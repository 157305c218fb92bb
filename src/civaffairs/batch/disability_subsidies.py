"""残疾人两项补贴 for a whole registry in columns, exactly as the scalar rule decides each person.

:func:`assess_table` decides :func:`civaffairs.assistance.disability_subsidies.assess_person`
— the living subsidy (困难残疾人生活补贴) and the care subsidy (重度残疾人护理补贴) — for
every person of a persons table (:mod:`civaffairs.batch.schema`), with the scalar rule's
own bodies (:func:`~civaffairs.assistance.disability_subsidies.living_child_rule`,
:func:`~civaffairs.assistance.disability_subsidies.living_amount_rule`,
:func:`~civaffairs.assistance.disability_subsidies.care_grade_rule`,
:func:`~civaffairs.assistance.disability_subsidies.similar_rule` and the age rule
:func:`~civaffairs.dates.full_years`) evaluated on numpy columns.  A property test compares
every person with the scalar decisions: outcome, amount to the fen, reason codes.

**The result has two rows per person**, the living subsidy then the care subsidy, in input
order, each with a ``programme`` column: the rows of every programme look alike
(``household_id, person_id, programme, jurisdiction, outcome, amount_fen, reasons,
problems``), so results of several programmes stack into one table and add up per programme.

The facts beyond the persons table's own columns (age, disability, registration), one per
person, in :data:`COLUMNS`:

- ``ds_layer`` — string, nullable: the household's
  :class:`~civaffairs.entities.AssistanceLayer` value (``dibao``, ``marginal``, …); null
  (or the column absent) means not established: the living subsidy cannot be decided
  (``problems``: ``ds_layer``) unless another condition fails.
- ``ds_in_extreme_poverty`` — bool, nullable: whether the person is in 特困 support; null
  (or the column absent) means as the layer says, the scalar default: ``ds_layer`` is
  ``extreme_poverty``.  With the layer null too it is not established, and neither
  subsidy can be decided unless another condition fails (``problems``: ``ds_layer``).
- ``ds_needs_long_term_care`` — bool, nullable: needs long-term care (长期照护); null or
  absent: not established.
- ``ds_work_injury_care_allowance`` — bool, nullable: receives the 工伤保险生活护理费; null
  or absent: not established.
- ``ds_child_allowance`` — bool, nullable: a minor under the orphan or 事实无人抚养
  allowance; null or absent: not established (unless the kind is given).
- ``ds_child_allowance_kind`` — string, nullable: a :class:`~civaffairs.entities.ChildAllowance`
  value; decides when given, and must agree with ``ds_child_allowance``.
- ``ds_other_living_allowance``, ``ds_other_care_allowance`` — int64 fen, nullable: the
  monthly amount of a similar allowance (择高); null means none, as the scalar's ``None``.

The layer and 特困 support may instead come as arrays (``layers=``,
``in_extreme_poverty=``), one value per row, for a layered screen that has just decided
them; the table must then not hold that column too.

Bad cells make the person "cannot decide" (``batch.invalid_value``, the columns named in
``problems``), or with ``errors="raise"`` fail the call listing every one; a parameter not
in force where a decision needs it makes it "cannot decide" (``batch.parameter_unavailable``)
or, raising, fails with the first such error.  Households must be contiguous and a
``person_id`` appear once in its household (:mod:`civaffairs.batch._identity`).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

import attrs
import numpy as np
import numpy.typing as npt
import pyarrow as pa

from civaffairs.assistance import disability_subsidies as scalar
from civaffairs.assistance.disability_subsidies import (
    AMOUNT_DIBAO,
    AMOUNT_MARGINAL,
    AMOUNT_NONE,
    CHILD_IN_FULL,
    CHILD_NOT_UNDER,
    CHILD_ORPHAN,
    CHILD_TOP_UP,
    CHILD_UNDER,
    CHILD_UNKNOWN,
    DisabilitySubsidyFacts,
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
from civaffairs.batch.arrays import NUMPY
from civaffairs.batch.plumbing import (
    SLICE_ROWS,
    Decided,
    Frame,
    HouseholdSlice,
    checked_table,
    decide_slices,
    household_slices,
)
from civaffairs.batch.schema import persons_schema
from civaffairs.entities import AssistanceLayer, ChildAllowance, Household
from civaffairs.errors import InvalidDocumentError, InvalidInputError
from civaffairs.money import fen_to_yuan, yuan_to_fen
from civaffairs.parameters import ParameterBook, default_book

__all__ = [
    "COLUMNS",
    "REASON_CATALOGUE",
    "DisabilityInputs",
    "Given",
    "assess_given",
    "assess_table",
    "read_facts",
    "render_summary",
    "summarise",
    "synthetic_columns",
    "to_table",
    "write_facts",
]

_STRING_DICT = pa.dictionary(pa.int32(), pa.string())

#: The persons table's columns of the two subsidies' facts (see the module docstring).
COLUMNS: Final[Mapping[str, pa.DataType]] = {
    "ds_layer": _STRING_DICT,
    "ds_in_extreme_poverty": pa.bool_(),
    "ds_needs_long_term_care": pa.bool_(),
    "ds_work_injury_care_allowance": pa.bool_(),
    "ds_child_allowance": pa.bool_(),
    "ds_child_allowance_kind": _STRING_DICT,
    "ds_other_living_allowance": pa.int64(),
    "ds_other_care_allowance": pa.int64(),
}

#: The reason codes a row may carry, in the order they are listed (both subsidies).
REASON_CATALOGUE: Final = (
    scalar.R_REGISTRATION_ELSEWHERE.code,
    scalar.R_REGISTRATION.code,
    scalar.R_NO_CERTIFICATE.code,
    scalar.R_CERTIFICATE.code,
    scalar.R_EXTREME_POVERTY.code,
    scalar.R_EXTREME_POVERTY_UNKNOWN.code,
    scalar.R_WORK_INJURY.code,
    scalar.R_WORK_INJURY_UNKNOWN.code,
    scalar.R_LIVING_CHILD.code,
    scalar.R_LIVING_ORPHAN.code,
    scalar.R_LIVING_UNSUPPORTED_IN_FULL.code,
    scalar.R_LIVING_UNSUPPORTED_TOP_UP.code,
    scalar.R_LIVING_LAYER.code,
    scalar.R_LIVING_AMOUNT.code,
    scalar.R_CARE_CHILD.code,
    scalar.R_CARE_GRADE.code,
    scalar.R_CARE_NEED.code,
    scalar.R_CARE_AMOUNT.code,
    scalar.R_SIMILAR.code,
    scalar.R_MISSING.code,
    R_INVALID_VALUE.code,
    R_PARAMETER_UNAVAILABLE.code,
)
_OWN_CODES: Final = REASON_CATALOGUE[:-2]

_LAYERS: Final = tuple(layer.value for layer in AssistanceLayer)
_KINDS: Final = tuple(kind.value for kind in ChildAllowance)
_KIND_CODES: Final = np.array(
    [scalar.child_code(DisabilitySubsidyFacts(child_allowance_kind=k)) for k in ChildAllowance],
    dtype=np.int64,
)
_DIBAO: Final = _LAYERS.index(AssistanceLayer.DIBAO.value)
_MARGINAL: Final = _LAYERS.index(AssistanceLayer.MARGINAL.value)
_EXTREME: Final = _LAYERS.index(AssistanceLayer.EXTREME_POVERTY.value)

_LIVING = scalar.LIVING_PROGRAMME.code
_CARE = scalar.CARE_PROGRAMME.code
_EXTEND = f"{_LIVING}.extend_to_marginal"
_LIVING_AMOUNT = f"{_LIVING}.amount"
_LIVING_MARGINAL = f"{_LIVING}.amount_marginal"
_LIVING_PAYABLE = f"{_LIVING}.payable.first_month_offset"
_MAX_GRADE = f"{_CARE}.max_grade"
_MAX_GRADE_IM = f"{_CARE}.max_grade_intellectual_mental"
_CARE_AMOUNTS: Final = tuple(f"{_CARE}.amount.grade_{g}" for g in range(1, 5))
_CARE_PAYABLE = f"{_CARE}.payable.first_month_offset"
_ADULT_AGE: Final = 18


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
    layers: Any = None,
    in_extreme_poverty: Any = None,
) -> pa.Table:
    """Decide both subsidies for every person of a persons table on ``on``.

    ``data`` is a pyarrow table (or record batch), or a pandas or polars data frame,
    in the format of :mod:`civaffairs.batch.schema` with the columns of
    :data:`COLUMNS`.  ``jurisdiction`` is where households are decided when they have
    no ``jurisdiction`` value (by default: where each person is registered, as the
    scalar rule).  ``layers`` (:class:`~civaffairs.entities.AssistanceLayer` members or
    values, or null) and ``in_extreme_poverty`` (booleans or null), when given, are one value per
    row, used as the ``ds_layer`` and ``ds_in_extreme_poverty`` columns (which the
    table must then not hold, or hold null only); ``workers`` and ``first_row`` are as in
    :func:`civaffairs.batch.assess_table`.

    Returns two rows per person, in input order: ``household_id``, ``person_id``
    (null when the input has none), ``programme`` (the living subsidy's code, then
    the care subsidy's), ``jurisdiction`` (the deciding one), ``outcome``,
    ``amount_fen`` (monthly, 0 unless eligible), ``reasons`` (codes of
    :data:`REASON_CATALOGUE`) and ``problems`` (bad columns, parameters not in
    force, facts missing; null when none).

    .. versionadded:: 0.1.0
    """
    check_errors(errors)
    threads = workers_for(workers)
    jurisdiction = people_.default_place(jurisdiction)
    table = _with_inputs(_checked(data), layers=layers, in_extreme_poverty=in_extreme_poverty)
    chosen = book or default_book()

    def decide(piece: HouseholdSlice) -> Decided:
        reader = Reader(piece.of(table))
        output, error = _decide(reader, piece, on, chosen, jurisdiction)
        return output, reader, first_row + piece.start, error

    pieces = household_slices(table, SLICE_ROWS, first_row)
    return decide_slices(pieces, decide, errors=errors, workers=threads, what=people_.WHAT)


def _checked(data: Frame) -> pa.Table:
    table = checked_table(
        data, persons_schema().names, "a column of the persons table (schema.py)", people_.WHAT
    )
    if "household_id" not in table.column_names:
        raise InvalidDocumentError(
            [InvalidInputError("$.household_id", "(absent)", "a column of the persons table")],
            what=people_.WHAT,
        )
    return table


def _with_inputs(table: pa.Table, *, layers: Any, in_extreme_poverty: Any) -> pa.Table:
    """Add the arrays given for the layer and 特困 support as their columns."""
    for name, values, kind in (
        ("ds_layer", layers, pa.string()),
        ("ds_in_extreme_poverty", in_extreme_poverty, pa.bool_()),
    ):
        if values is None:
            continue
        if name in table.column_names:
            if table.column(name).null_count != table.num_rows:
                raise InvalidInputError(
                    name, "given both as a column and as an argument", "one or the other"
                )
            table = table.drop_columns([name])
        argument = "layers" if name == "ds_layer" else "in_extreme_poverty"
        try:
            plain = _plain(values)
            column = plain if isinstance(plain, pa.Array | pa.ChunkedArray) else pa.array(plain)
            if pa.types.is_null(column.type):
                column = column.cast(kind)
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError) as exc:
            raise InvalidInputError(argument, type(values).__name__, f"an array of {kind}") from exc
        if len(column) != table.num_rows:
            raise InvalidInputError(
                argument, f"{len(column)} values", f"one per row ({table.num_rows})"
            )
        table = table.append_column(name, column)
    return table


def _plain(values: Any) -> Any:
    """Return arguments' values as pyarrow reads them: members of AssistanceLayer as values.

    Any sequence of values (a list, a numpy or pandas array of objects) may hold the
    members; a string is not an array of layers.
    """
    if isinstance(values, pa.Array | pa.ChunkedArray):
        return values
    if isinstance(values, str | bytes):
        raise TypeError(values)
    if isinstance(values, np.ndarray) and values.dtype != np.dtype(object):
        return values
    return [v.value if isinstance(v, AssistanceLayer) else v for v in values]


# -- reading ----------------------------------------------------------------------------------


@attrs.frozen
class _Facts:
    """The subsidies' own facts per person, as arrays."""

    layer: npt.NDArray[np.int16]
    extreme: Bools
    extreme_unknown: Bools
    need: Bools
    need_unknown: Bools
    injury: Bools
    injury_unknown: Bools
    child: Ints
    other_living: Ints
    has_other_living: Bools
    other_care: Ints
    has_other_care: Bools


def _read(reader: Reader) -> _Facts:
    layer, _ = reader.codes("ds_layer", _LAYERS, required=False)
    # 特困 support: the cell, else (null or absent) as the layer says, the scalar default.
    given, unset = reader.nullable_flag("ds_in_extreme_poverty")
    from_layer = unset if given is not None else np.ones(reader.rows, dtype=np.bool_)
    given = given if given is not None else from_layer
    extreme = np.where(from_layer, layer == _EXTREME, given)
    extreme_unknown = from_layer & (layer < 0)
    need, need_unknown = people_.three_valued(reader, "ds_needs_long_term_care")
    injury, injury_unknown = people_.three_valued(reader, "ds_work_injury_care_allowance")
    placed, placed_unknown = people_.three_valued(reader, "ds_child_allowance")
    kind, kind_null = reader.codes("ds_child_allowance_kind", _KINDS, required=False)
    kind_code = np.append(_KIND_CODES, CHILD_UNKNOWN)[kind]
    reader.mark(
        "ds_child_allowance",
        ~kind_null & ~placed_unknown & (kind >= 0) & (placed != (kind_code != CHILD_NOT_UNDER)),
        "agreeing with ds_child_allowance_kind",
    )
    by_flag = np.where(
        placed_unknown, CHILD_UNKNOWN, np.where(placed, CHILD_UNDER, CHILD_NOT_UNDER)
    )
    child = np.where(kind >= 0, kind_code, by_flag)
    other_living, has_living = people_.optional_fen(reader, "ds_other_living_allowance")
    other_care, has_care = people_.optional_fen(reader, "ds_other_care_allowance")
    return _Facts(
        layer=layer,
        extreme=extreme,
        extreme_unknown=extreme_unknown,
        need=need,
        need_unknown=need_unknown,
        injury=injury,
        injury_unknown=injury_unknown,
        child=child.astype(np.int64),
        other_living=other_living,
        has_other_living=has_living,
        other_care=other_care,
        has_other_care=has_care,
    )


# -- the rule ---------------------------------------------------------------------------------


def _parameters(book: ParameterBook, on: dt.date, people: people_.People) -> people_.Params:
    groups = people.groups
    money = people_.money_reader(book, on)
    count = people_.count_reader(book, on)
    flag = people_.flag_reader(book, on)
    readers = {
        _EXTEND: flag,
        _LIVING_AMOUNT: money,
        _LIVING_MARGINAL: money,
        _LIVING_PAYABLE: count,
        _MAX_GRADE: count,
        _MAX_GRADE_IM: count,
        **dict.fromkeys(_CARE_AMOUNTS, money),
        _CARE_PAYABLE: count,
    }
    found = {
        name: people_.parameter(book, on, groups, name, read) for name, read in readers.items()
    }
    return people_.Params(found, people.group)


@attrs.frozen
class _Common:
    """What both subsidies share: reached (registered, certified), failed, unknown, reasons."""

    reached: Bools
    failed: Bools
    unknown: Bools
    flags: dict[str, Bools]
    missing: dict[str, Bools]


def _common(people: people_.People, facts: _Facts) -> _Common:
    """Evaluate the shared conditions, in the order the scalar ``_common`` adds them."""
    registered = people.places.registered
    certified = people.certified
    reached = registered & certified
    failed = ~reached | (reached & (facts.extreme | facts.injury))
    unknown = reached & (facts.extreme_unknown | facts.injury_unknown)
    flags = {
        scalar.R_REGISTRATION_ELSEWHERE.code: ~registered,
        scalar.R_REGISTRATION.code: registered,
        scalar.R_NO_CERTIFICATE.code: registered & ~certified,
        scalar.R_CERTIFICATE.code: reached,
        scalar.R_EXTREME_POVERTY.code: reached & facts.extreme,
        scalar.R_EXTREME_POVERTY_UNKNOWN.code: reached & facts.extreme_unknown,
        scalar.R_WORK_INJURY.code: reached & facts.injury,
        scalar.R_WORK_INJURY_UNKNOWN.code: reached & facts.injury_unknown,
    }
    missing = {
        "ds_layer": reached & facts.extreme_unknown,
        "ds_work_injury_care_allowance": reached & facts.injury_unknown,
    }
    return _Common(reached, failed, unknown, flags, missing)


def _similar(eligible: Bools, amount: Ints, other: Ints, given: Bools) -> tuple[Bools, Bools]:
    """择高: ``(asked, paid)``: where a similar allowance is compared, where the subsidy is paid."""
    asked = eligible & given
    higher = np.asarray(scalar.similar_rule(NUMPY, amount=amount, other=other), dtype=np.bool_)
    return asked, eligible & (~given | higher)


def _living(
    people: people_.People, facts: _Facts, common: _Common, params: people_.Params
) -> people_.Decided:
    """困难残疾人生活补贴, in the steps of the scalar ``_living``."""
    reached = common.reached
    minor = reached & (people.age < _ADULT_AGE)
    barred, child_unknown = scalar.living_child_rule(NUMPY, minor=minor, child=facts.child)
    known = facts.layer >= 0
    marginal = facts.layer == _MARGINAL
    extended = params(_EXTEND) != 0
    which = np.asarray(
        scalar.living_amount_rule(
            NUMPY, dibao=facts.layer == _DIBAO, marginal=marginal, extended=extended
        )
    )
    failed = common.failed | barred | (reached & known & (which == AMOUNT_NONE))
    unknown = common.unknown | child_unknown | (reached & ~known)
    so_far = reached & ~failed & ~unknown
    amount = np.where(
        which == AMOUNT_DIBAO,
        params(_LIVING_AMOUNT),
        np.where(which == AMOUNT_MARGINAL, params(_LIVING_MARGINAL), 0),
    )
    asked, paid = _similar(so_far, amount, facts.other_living, facts.has_other_living)
    failed = failed | (asked & ~paid)
    outcome = people_.outcome_of(failed, unknown)
    child = facts.child
    flags = {
        **common.flags,
        scalar.R_LIVING_CHILD.code: minor
        & ((child == CHILD_UNKNOWN) | (child == CHILD_NOT_UNDER) | (child == CHILD_UNDER)),
        scalar.R_LIVING_ORPHAN.code: minor & (child == CHILD_ORPHAN),
        scalar.R_LIVING_UNSUPPORTED_IN_FULL.code: minor & (child == CHILD_IN_FULL),
        scalar.R_LIVING_UNSUPPORTED_TOP_UP.code: minor & (child == CHILD_TOP_UP),
        scalar.R_LIVING_LAYER.code: reached,
        scalar.R_LIVING_AMOUNT.code: so_far,
        scalar.R_SIMILAR.code: asked,
        scalar.R_MISSING.code: outcome == people_.CANNOT_DECIDE,
    }
    unavailable = {
        _EXTEND: params.unavailable(_EXTEND, reached & marginal),
        _LIVING_AMOUNT: params.unavailable(_LIVING_AMOUNT, so_far & (which == AMOUNT_DIBAO)),
        _LIVING_MARGINAL: params.unavailable(_LIVING_MARGINAL, so_far & (which == AMOUNT_MARGINAL)),
        _LIVING_PAYABLE: params.unavailable(_LIVING_PAYABLE, outcome == people_.ELIGIBLE),
    }
    missing = {
        **common.missing,
        "ds_layer": common.missing["ds_layer"] | (reached & ~known),
        "ds_child_allowance": child_unknown,
    }
    return people_.Decided(
        outcome=outcome,
        amount=amount,
        flags=[flags.get(code, _none(people)) for code in _OWN_CODES],
        missing=missing,
        unavailable=unavailable,
    )


def _care(
    people: people_.People, facts: _Facts, common: _Common, params: people_.Params
) -> people_.Decided:
    """重度残疾人护理补贴, in the steps of the scalar ``_care``."""
    reached = common.reached
    minor = reached & (people.age < _ADULT_AGE)
    covered, _limit = scalar.care_grade_rule(
        NUMPY,
        grade=people.grade,
        intellectual_or_mental=people.intellectual_or_mental,
        max_grade=params(_MAX_GRADE),
        max_grade_intellectual_mental=params(_MAX_GRADE_IM),
    )
    failed = common.failed | (reached & ~covered) | (reached & ~facts.need_unknown & ~facts.need)
    unknown = common.unknown | (reached & facts.need_unknown)
    so_far = reached & ~failed & ~unknown
    grades = [so_far & (people.grade == g) for g in range(1, 5)]
    amount = np.zeros(len(reached), dtype=np.int64)
    for name, rows in zip(_CARE_AMOUNTS, grades, strict=True):
        amount = np.where(rows, params(name), amount)
    asked, paid = _similar(so_far, amount, facts.other_care, facts.has_other_care)
    failed = failed | (asked & ~paid)
    outcome = people_.outcome_of(failed, unknown)
    flags = {
        **common.flags,
        scalar.R_CARE_CHILD.code: minor & (facts.child >= CHILD_UNDER),
        scalar.R_CARE_GRADE.code: reached,
        scalar.R_CARE_NEED.code: reached,
        scalar.R_CARE_AMOUNT.code: so_far,
        scalar.R_SIMILAR.code: asked,
        scalar.R_MISSING.code: outcome == people_.CANNOT_DECIDE,
    }
    unavailable = {
        _MAX_GRADE: params.unavailable(_MAX_GRADE, reached),
        _MAX_GRADE_IM: params.unavailable(_MAX_GRADE_IM, reached & people.intellectual_or_mental),
        **{
            name: params.unavailable(name, rows)
            for name, rows in zip(_CARE_AMOUNTS, grades, strict=True)
        },
        _CARE_PAYABLE: params.unavailable(_CARE_PAYABLE, outcome == people_.ELIGIBLE),
    }
    missing = {**common.missing, "ds_needs_long_term_care": reached & facts.need_unknown}
    return people_.Decided(
        outcome=outcome,
        amount=amount,
        flags=[flags.get(code, _none(people)) for code in _OWN_CODES],
        missing=missing,
        unavailable=unavailable,
    )


def _none(people: people_.People) -> Bools:
    return np.zeros(len(people.age), dtype=np.bool_)


def _decide(
    reader: Reader,
    piece: HouseholdSlice,
    on: dt.date,
    book: ParameterBook,
    jurisdiction: str | None,
    *,
    given: Given | None = None,
) -> tuple[pa.Table, Any]:
    people = people_.read_people(reader, piece, on, jurisdiction)
    facts = _read(reader)
    if given is not None:
        facts = given.applied(facts, piece)
    if reader.schema_errors:
        raise InvalidDocumentError(reader.schema_errors, what=people_.WHAT)
    bad = people_.bad_people(reader, people)
    params = _parameters(book, on, people)
    common = _common(people, facts)
    living = _living(people, facts, common, params)
    care = _care(people, facts, common, params)
    columns = people_.columns(reader, people, bad, (living, care), _OWN_CODES)
    output = pa.table(
        {
            **people_.identity(reader, 2),
            "programme": pa.DictionaryArray.from_arrays(
                arrow(np.tile(np.array([0, 1], dtype=np.int8), reader.rows)),
                arrow([_LIVING, _CARE]),
            ),
            **columns,
        }
    )
    valid = ~bad
    unavailable = {
        name: mask & valid
        for name, mask in (*living.unavailable.items(), *care.unavailable.items())
    }
    error = people_.first_error(unavailable, params.found, people.group)
    return output, error


@attrs.frozen
class Given:
    """What the layered picture hands over, one value per row of the table it decides.

    ``layer`` is the member's layer (an index into the ``ds_layer`` values, the
    :class:`~civaffairs.entities.AssistanceLayer` order); ``extreme`` whether they meet
    every 特困 condition, ``extreme_unknown`` whether their 特困 decision cannot decide
    them (then 特困 support is undecided, as the scalar rule given that decision says);
    ``child_kind`` the kind of child allowance their child decision gives (an index into
    the ``ds_child_allowance_kind`` values, -1 while it cannot be decided), used where
    their own ``ds_child_allowance`` and ``ds_child_allowance_kind`` cells are both null.
    """

    layer: Ints
    extreme: Bools
    extreme_unknown: Bools
    child_kind: Ints

    def applied(self, facts: _Facts, piece: HouseholdSlice) -> _Facts:
        """Return a slice's facts with what is handed over in place of its own cells."""
        rows = slice(piece.start, piece.start + piece.rows)
        own_silent = facts.child == CHILD_UNKNOWN
        handed = np.append(_KIND_CODES, CHILD_UNKNOWN)[self.child_kind[rows]]
        return attrs.evolve(
            facts,
            layer=self.layer[rows].astype(np.int16),
            extreme=self.extreme[rows] & ~self.extreme_unknown[rows],
            extreme_unknown=self.extreme_unknown[rows],
            child=np.where(own_silent, handed, facts.child).astype(np.int64),
        )


def assess_given(
    data: pa.Table,
    on: dt.date,
    *,
    given: Given,
    book: ParameterBook | None = None,
    errors: Errors = "mark",
    jurisdiction: str | None = None,
    first_row: int = 0,
) -> pa.Table:
    """Decide both subsidies as :func:`assess_table` does, with the layered picture's hand-overs.

    For :mod:`civaffairs.batch.layers`: ``given`` (:class:`Given`) replaces the
    ``ds_layer`` and ``ds_in_extreme_poverty`` cells and fills the child allowance as
    :func:`civaffairs.assistance.layers.assess_layers` does; one thread.

    .. versionadded:: 0.1.0
    """
    check_errors(errors)
    place = people_.default_place(jurisdiction)
    table = _checked(data)
    chosen = book or default_book()

    def decide(piece: HouseholdSlice) -> Decided:
        reader = Reader(piece.of(table))
        output, error = _decide(reader, piece, on, chosen, place, given=given)
        return output, reader, first_row + piece.start, error

    pieces = household_slices(table, SLICE_ROWS, first_row)
    return decide_slices(pieces, decide, errors=errors, workers=1, what=people_.WHAT)


# -- facts in and out of the table ------------------------------------------------------------


@attrs.frozen
class DisabilityInputs:
    """One person's inputs of :func:`~civaffairs.assistance.disability_subsidies.assess_person`.

    Pass them as ``layer=``, ``in_extreme_poverty=`` and ``facts=``.

    .. versionadded:: 0.1.0
    """

    facts: DisabilitySubsidyFacts
    layer: AssistanceLayer | None
    in_extreme_poverty: bool | None


def write_facts(
    facts: DisabilitySubsidyFacts | None = None,
    *,
    layer: AssistanceLayer | None,
    in_extreme_poverty: bool | None = None,
) -> dict[str, object]:
    """Return one person's :data:`COLUMNS` cells for the arguments of ``assess_person``.

    ``None`` stays null: a layer not established, 特困 support as the layer says.

    .. versionadded:: 0.1.0
    """
    found = facts if facts is not None else DisabilitySubsidyFacts()

    def fen(value: Any) -> int | None:
        return None if value is None else yuan_to_fen(value)

    kind = found.child_allowance_kind
    return {
        "ds_layer": None if layer is None else layer.value,
        "ds_in_extreme_poverty": in_extreme_poverty,
        "ds_needs_long_term_care": found.needs_long_term_care,
        "ds_work_injury_care_allowance": found.work_injury_care_allowance,
        "ds_child_allowance": found.child_allowance,
        "ds_child_allowance_kind": None if kind is None else kind.value,
        "ds_other_living_allowance": fen(found.other_living_allowance),
        "ds_other_care_allowance": fen(found.other_care_allowance),
    }


def to_table(
    households: Iterable[Household],
    inputs: Mapping[str, Mapping[str, DisabilityInputs]] | None = None,
    *,
    jurisdiction: str | None = None,
) -> pa.Table:
    """Convert households and each person's inputs to the persons table, exactly.

    ``inputs`` maps a household id, then a member id, to that member's inputs
    (:func:`write_facts`); members left out have none established (null cells).
    ``jurisdiction`` is as in :func:`civaffairs.batch.to_table`.

    .. versionadded:: 0.1.0
    """
    listed = list(households)
    table = schema.to_table(listed, jurisdiction=jurisdiction)
    given = inputs or {}
    cells: dict[str, list[object]] = {name: [] for name in COLUMNS}
    for household in listed:
        own = given.get(household.id, {})
        for member in household.members:
            found = own.get(member.person.id)
            row = (
                write_facts(layer=None)
                if found is None
                else write_facts(
                    found.facts, layer=found.layer, in_extreme_poverty=found.in_extreme_poverty
                )
            )
            for name, value in row.items():
                cells[name].append(value)
    for name, kind in COLUMNS.items():
        table = table.set_column(
            table.schema.get_field_index(name), pa.field(name, kind), pa.array(cells[name], kind)
        )
    return table


def read_facts(rows: Sequence[Mapping[str, Any]]) -> dict[str, DisabilityInputs]:
    """Return, per ``person_id``, the inputs one household's rows hold (valid rows).

    A row without a ``person_id`` is named ``p<position>``, as
    :func:`civaffairs.batch.from_table` names it.

    .. versionadded:: 0.1.0
    """
    found: dict[str, DisabilityInputs] = {}
    for index, row in enumerate(rows):
        pid = row.get("person_id") or f"p{index}"
        # Cells as the columnar form reads them: integer codes, whole floats.
        layer = people_.coded(row.get("ds_layer"), _LAYERS)
        kind = people_.coded(row.get("ds_child_allowance_kind"), _KINDS)
        other_living = people_.whole(row.get("ds_other_living_allowance"))
        other_care = people_.whole(row.get("ds_other_care_allowance"))
        found[str(pid)] = DisabilityInputs(
            facts=DisabilitySubsidyFacts(
                needs_long_term_care=row.get("ds_needs_long_term_care"),
                work_injury_care_allowance=row.get("ds_work_injury_care_allowance"),
                child_allowance=row.get("ds_child_allowance"),
                other_living_allowance=None if other_living is None else fen_to_yuan(other_living),
                other_care_allowance=None if other_care is None else fen_to_yuan(other_care),
                child_allowance_kind=None if kind is None else ChildAllowance(kind),
            ),
            layer=None if layer is None else AssistanceLayer(layer),
            in_extreme_poverty=row.get("ds_in_extreme_poverty"),
        )
    return found


def synthetic_columns(rng: np.random.Generator, table: pa.Table, on: dt.date) -> dict[str, Any]:
    """Return :data:`COLUMNS` for a synthetic persons table (**synthetic**, round shares).

    The disabled (those with a ``disability_category``) get the facts: a layer (half
    in dibao, some marginal, a few 特困), long-term care for most of grade 1–2, a
    few work-injury care allowances, some not established; everyone else has nulls.

    .. versionadded:: 0.1.0
    """
    rows = table.num_rows
    disabled = np.asarray(table.column("disability_category").is_valid(), dtype=np.bool_)
    layer = rng.choice(len(_LAYERS), size=rows, p=_layer_shares())
    grade = np.nan_to_num(
        np.asarray(table.column("disability_grade").to_numpy(zero_copy_only=False), np.float64),
        nan=4.0,
    )
    needs = (grade <= 2) & (rng.random(rows) < 0.8) | (rng.random(rows) < 0.1)
    unknown = rng.random(rows) < 0.03
    injury = rng.random(rows) < 0.01
    placed = rng.random(rows) < 0.02
    none = ~disabled
    return {
        "ds_layer": pa.DictionaryArray.from_arrays(
            arrow(layer.astype(np.int32), mask=none), arrow(list(_LAYERS))
        ),
        "ds_in_extreme_poverty": arrow(layer == _EXTREME, mask=none),
        "ds_needs_long_term_care": arrow(needs, mask=none | unknown),
        "ds_work_injury_care_allowance": arrow(injury, mask=none),
        "ds_child_allowance": arrow(placed, mask=none),
        "ds_child_allowance_kind": pa.nulls(rows, _STRING_DICT),
        "ds_other_living_allowance": pa.nulls(rows, pa.int64()),
        "ds_other_care_allowance": pa.nulls(rows, pa.int64()),
    }


def _layer_shares() -> npt.NDArray[np.float64]:
    shares = {
        AssistanceLayer.EXTREME_POVERTY.value: 0.05,
        AssistanceLayer.DIBAO.value: 0.45,
        AssistanceLayer.MARGINAL.value: 0.15,
        AssistanceLayer.RIGID_EXPENDITURE.value: 0.05,
        AssistanceLayer.NONE.value: 0.30,
    }
    return np.array([shares[v] for v in _LAYERS])


# -- summaries --------------------------------------------------------------------------------


def summarise(result: pa.Table) -> pa.Table:
    """Count persons and their monthly cost (fen) per subsidy, outcome and jurisdiction.

    ``result`` is what :func:`assess_table` returns; each subsidy ends with a totals
    row whose outcome and jurisdiction are ``"(all)"``.

    .. versionadded:: 0.1.0
    """
    programme = result.column("programme").cast(pa.string()).to_pylist()
    outcome = result.column("outcome").cast(pa.string()).to_pylist()
    where = result.column("jurisdiction").cast(pa.string()).to_pylist()
    amount = [int(fen or 0) for fen in result.column("amount_fen").to_pylist()]
    # Each subsidy's totals row, even for no one.
    totals: dict[tuple[str, str, str], list[int]] = {
        (p, ALL, ALL): [0, 0] for p in (_LIVING, _CARE)
    }
    for p, o, w, fen in zip(programme, outcome, where, amount, strict=True):
        for key in ((str(p), str(o), "-" if w is None else str(w)), (str(p), ALL, ALL)):
            found = totals.setdefault(key, [0, 0])
            found[0] += 1
            found[1] += fen
    rows = [
        {
            "programme": p,
            "outcome": o,
            "jurisdiction": w,
            "persons": n,
            "monthly_cost_fen": fen,
        }
        for (p, o, w), (n, fen) in sorted(
            totals.items(), key=lambda i: (i[0][0], i[0][1] == ALL, i[0][1:])
        )
    ]
    return pa.Table.from_pylist(rows, schema=_SUMMARY_SCHEMA)


_SUMMARY_FIELDS: Final[dict[str, Any]] = {
    "programme": pa.string(),
    "outcome": pa.string(),
    "jurisdiction": pa.string(),
    "persons": pa.int64(),
    "monthly_cost_fen": pa.int64(),
}
_SUMMARY_SCHEMA: Final = pa.schema(_SUMMARY_FIELDS)


def render_summary(summary: pa.Table) -> str:
    """Render :func:`summarise`'s table as aligned text (money in yuan).

    .. versionadded:: 0.1.0
    """
    return render_summary_rows(summary, "jurisdiction", "persons")
