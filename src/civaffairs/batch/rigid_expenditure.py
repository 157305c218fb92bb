"""刚性支出困难家庭 (rigid-expenditure hardship households) for a whole registry, exactly.

:func:`assess_table` decides :func:`civaffairs.assistance.rigid_expenditure.assess` for
every household of a persons table (:mod:`civaffairs.batch.schema`) on one date, the way
the standalone scalar call decides it (no 低保, 低保边缘 or 特困 decision given), in the
scalar rule's steps:

0. in force (《刚性支出困难家庭认定办法》 art. 14, "本办法自2025年1月1日起施行";
   ``assistance.rigid_expenditure.in_force``): before, "not eligible", nothing else read;
1. registration in the deciding jurisdiction, as for 低保 (民发〔2021〕57号 arts. 4–5);
2. the family, counted as for 低保 (57号 art. 7);
3. art. 4 (一), not in a higher layer: the household's 低保边缘 decision is made first by
   :func:`civaffairs.batch.marginal.evaluate` (which decides 低保 first): recognised as
   marginal, or in the 低保 layer, is "not eligible" here; an undecided 低保边缘 decision
   (a business entity of unknown value) leaves the conditions below to decide, as the
   scalar rule does: one failing is "not eligible", all holding is "cannot decide";
4. art. 4 (二), income below last year's per-capita disposable income × members —
   :func:`~civaffairs.assistance.rigid_expenditure.income_below_disposable`, the scalar
   rule's own body;
5. art. 4 (三), property under ``assistance.rigid_expenditure.assets.*`` — the household
   property body of the 低保 engine (``_marginal_property`` of
   :mod:`civaffairs.batch.dibao`), given this programme's parameters;
6. art. 4 (四), art. 5, rigid expenditure over the twelve months exceeding the local share
   of 12 × counted monthly income (and, where set, medical and accident expenditure
   alone above a second share) — :func:`~civaffairs.assistance.rigid_expenditure.exceeds`;
7. art. 10, validity: ``valid_until`` is the last day of validity
   (``assistance.rigid_expenditure.validity_months``, counted by 民法典 arts. 201–202 with
   :func:`civaffairs.dates.add_months`, as the scalar rule's reason
   ``assistance.rigid_expenditure.validity`` says).

The expenditures are this programme's own columns (:data:`COLUMNS`): one per
:class:`~civaffairs.entities.ExpenditureType`, the household's twelve-month total in fen on
the applicant's row.  Like the asset columns they are household totals: the scalar rule
counts only the expenditure of counted members (and of the household), so leave out of the
columns the expenditure of members who are not counted; :func:`write_facts` writes all.
A type's counting flag (``assistance.rigid_expenditure.counts.<type>``) is read where the
household's total of that type is above zero; the scalar rule also reads it for an item of
0 yuan, which a total cannot show (the decision is the same; only a book lacking that flag
would stop the scalar rule there).

No amount is paid (``amount_fen`` is 0).  Bad cells, parameters not in force and the two
error modes are as for :func:`civaffairs.batch.assess_table`; a parity property test
(``tests/unit/test_batch_rigid_properties.py``) compares every household with the scalar
decision.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final

import attrs
import numpy as np
import numpy.typing as npt
import pyarrow as pa

from civaffairs.assistance import rigid_expenditure as scalar
from civaffairs.assistance.dibao import OUTCOME_CODES
from civaffairs.batch._columns import Bools, Ints, Reader, arrow
from civaffairs.batch._common import (
    R_INVALID_VALUE,
    R_PARAMETER_UNAVAILABLE,
    Errors,
    any_bad,
    check_errors,
    lists,
    render_summary_rows,
    workers_for,
)
from civaffairs.batch._persons import Facts
from civaffairs.batch.arrays import NUMPY, Households
from civaffairs.batch.dibao import (
    _M_BUSINESS,
    _M_MONTHS,
    _M_NON_RESIDENTIAL,
    _M_VEHICLE,
    _marginal_property,
    _prepare_part,
    _Values,
)
from civaffairs.batch.marginal import (
    ExtremeStatus,
    MarginalRun,
    add_needs,
    base_columns,
    checked,
    named_unavailable,
    problem_lists,
    summarise_as,
    unavailable_mask,
)
from civaffairs.batch.marginal import evaluate as evaluate_marginal
from civaffairs.batch.plumbing import (
    SLICE_ROWS,
    Decided,
    Frame,
    HouseholdSlice,
    PerGroup,
    Readers,
    decide_slices,
    first_parameter_error,
    household_slices,
    per_group,
    per_group_each,
    remembered,
)
from civaffairs.batch.schema import BUSINESS_VALUE_COLUMN, relationship_values, whole_fen
from civaffairs.dates import add_months
from civaffairs.decisions import Outcome
from civaffairs.entities import (
    AssetType,
    AssistanceLayer,
    Expenditure,
    ExpenditureType,
    Household,
    Relationship,
)
from civaffairs.errors import CivaffairsError, InvalidDocumentError, InvalidInputError
from civaffairs.money import fen_to_yuan, yuan_to_fen
from civaffairs.parameters import ParameterBook, default_book

__all__ = [
    "COLUMNS",
    "EXPENDITURE_COLUMNS",
    "REASON_CATALOGUE",
    "SYNTHETIC_STREAM",
    "assess_rigid_expenditure",
    "assess_table",
    "read_facts",
    "render_summary",
    "summarise",
    "synthetic_columns",
    "write_facts",
]

#: ``expenditure_<value>`` column per :class:`~civaffairs.entities.ExpenditureType`.
EXPENDITURE_COLUMNS: Final[Mapping[ExpenditureType, str]] = {
    t: f"expenditure_{t.value}" for t in ExpenditureType
}

#: The columns this programme adds to the persons table, all on the applicant's row and
#: optional (absent: none of that type), each an int64 amount of fen: the household's total
#: over the twelve months before the date decided, as :class:`~civaffairs.entities.Expenditure`
#: documents hold it (``annual``).  A null cell on the applicant's row is a missing fact (a
#: bad cell), never zero.
#:
#: - ``expenditure_living`` — 生活支出 (art. 5 (一));
#: - ``expenditure_medical`` — 医疗支出, out of pocket (art. 5 (二));
#: - ``expenditure_education`` — 教育支出 (art. 5 (三));
#: - ``expenditure_rehabilitation`` — 残疾康复支出 (art. 5 (四));
#: - ``expenditure_accident`` — 意外事件支出 (local);
#: - ``expenditure_housing`` — 基本住房支出 (local);
#: - ``expenditure_other`` — 其他支出 (art. 5 (五), as the county office sets it).
#:
#: .. versionadded:: 0.1.0
COLUMNS: Final[Mapping[str, pa.DataType]] = {
    name: pa.int64() for name in EXPENDITURE_COLUMNS.values()
}

#: The reason codes a household's row may carry, in the order they are listed.
REASON_CATALOGUE: Final = (
    scalar.R_NOT_IN_FORCE.code,
    scalar.R_REGISTRATION_ELSEWHERE.code,
    scalar.R_REGISTRATION.code,
    scalar.R_MISSING.code,
    scalar.R_MEMBERS.code,
    scalar.CODES.nobody.code,
    scalar.R_HIGHER_LAYER.code,
    scalar.R_HIGHER_LAYER_UNKNOWN.code,
    scalar.R_NOT_HIGHER_LAYER.code,
    scalar.R_INCOME_BELOW.code,
    scalar.R_INCOME_NOT_BELOW.code,
    scalar.R_FINANCIAL_ASSETS.code,
    scalar.R_ASSET_DISQUALIFIES.code,
    scalar.R_BUSINESS.code,
    scalar.R_EXPENDITURE.code,
    scalar.R_MEDICAL_ACCIDENT.code,
    scalar.R_VALIDITY.code,
    scalar.R_PERIOD_COUNTING.code,
    R_INVALID_VALUE.code,
    R_PARAMETER_UNAVAILABLE.code,
)

#: The layers a row may name: its own, the higher ones found, none.
LAYER_NAMES: Final = (
    AssistanceLayer.DIBAO.value,
    AssistanceLayer.MARGINAL.value,
    AssistanceLayer.RIGID_EXPENDITURE.value,
    AssistanceLayer.NONE.value,
)
_NOT_ELIGIBLE: Final = OUTCOME_CODES[Outcome.NOT_ELIGIBLE]
_ELIGIBLE: Final = OUTCOME_CODES[Outcome.ELIGIBLE]
_CANNOT_DECIDE: Final = OUTCOME_CODES[Outcome.CANNOT_DECIDE]
_WHAT: Final = "persons table"
_MONTHS_PER_YEAR: Final = 12

_PREFIX = "assistance.rigid_expenditure"
_IN_FORCE = f"{_PREFIX}.in_force"
_DISPOSABLE = "assistance.means.disposable_income"
_R_MONTHS = f"{_PREFIX}.assets.financial_months_per_capita"
_R_VEHICLE = f"{_PREFIX}.assets.vehicle_disqualifies"
_R_NON_RESIDENTIAL = f"{_PREFIX}.assets.non_residential_property_disqualifies"
_R_BUSINESS = f"{_PREFIX}.assets.business_entity_value_limit"
_RATIO = f"{_PREFIX}.ratio"
_INCLUSIVE = f"{_PREFIX}.ratio_inclusive"
_SECOND = f"{_PREFIX}.medical_accident_test"
_MEDICAL_RATIO = f"{_PREFIX}.medical_accident_ratio"
_VALIDITY = f"{_PREFIX}.validity_months"
_COUNTS: Final = {t: f"{_PREFIX}.counts.{t.value}" for t in ExpenditureType}
_MEDICAL_ACCIDENT: Final = (ExpenditureType.MEDICAL, ExpenditureType.ACCIDENT)


# -- facts: scalar documents <-> columns ---------------------------------------------------------


def write_facts(household: Household) -> dict[str, object]:
    """Return the applicant-row cells of :data:`COLUMNS` for ``household``.

    Each type's twelve-month total in fen: every :class:`~civaffairs.entities.Expenditure`
    of the household or of any member, summed (0 when there is none).

    .. versionadded:: 0.1.0
    """
    totals = dict.fromkeys(COLUMNS, 0)
    for item in household.expenditures:
        totals[EXPENDITURE_COLUMNS[item.type]] += yuan_to_fen(item.annual)
    return dict(totals)


def read_facts(rows: Sequence[Mapping[str, Any]]) -> tuple[Expenditure, ...]:
    """Return one household's expenditures from its rows (read on the applicant's row).

    One :class:`~civaffairs.entities.Expenditure` of the household per non-zero cell; an
    absent column is none.  The applicant's row is found by its ``relationship`` value or
    integer code (:func:`~civaffairs.batch.schema.relationship_values`).  A cell the engine
    would mark — null, a fraction of a fen, NaN, negative, above 10¹¹ fen, a flag or text —
    is refused (:class:`~civaffairs.errors.InvalidInputError` naming
    ``$[household][row].column``), never read as zero or truncated.  The inverse of
    :func:`write_facts` up to what the columns do not hold (which member spent it, items of
    zero).

    .. versionadded:: 0.1.0
    """
    found = [
        (index, row)
        for index, row in enumerate(relationship_values([dict(row) for row in rows]))
        if row.get("relationship") == Relationship.APPLICANT.value
    ]
    if not found:
        return ()
    index, applicant = found[0]
    spent: list[Expenditure] = []
    for kind, column in EXPENDITURE_COLUMNS.items():
        if column not in applicant:
            continue
        fen = whole_fen(applicant[column])
        if fen is None:
            raise InvalidInputError(
                f"$[{applicant.get('household_id')}][{index}].{column}",
                applicant[column],
                "a whole number of fen from 0 to 10¹¹ on the applicant's row (a null here "
                "would have to be read as zero)",
            )
        if fen:
            spent.append(Expenditure(kind, fen_to_yuan(fen)))
    return tuple(spent)


#: The tag of the random stream :func:`synthetic_columns` draws from in a synthetic block
#: (``default_rng([seed, block, SYNTHETIC_STREAM])``): its own, so a seed's other columns
#: stay as they were.
SYNTHETIC_STREAM: Final = 0x5249_4744


def synthetic_columns(
    rng: np.random.Generator, households: int
) -> dict[str, npt.NDArray[np.int64]]:
    """Draw synthetic twelve-month expenditures per household, in fen (one array per column).

    For :func:`civaffairs.batch.synthetic_population`: living expenditure for most
    households (around 9 000 yuan a year), medical for a fifth (around 6 000 yuan, a long
    tail), education for a sixth, rehabilitation, accident, housing and other for a few.
    Synthetic: not drawn from any real registry.

    .. versionadded:: 0.1.0
    """
    plan = {
        ExpenditureType.LIVING: (0.7, 900_000, 0.6),
        ExpenditureType.MEDICAL: (0.2, 600_000, 1.2),
        ExpenditureType.EDUCATION: (0.15, 500_000, 0.8),
        ExpenditureType.REHABILITATION: (0.03, 800_000, 0.8),
        ExpenditureType.ACCIDENT: (0.02, 1_000_000, 1.0),
        ExpenditureType.HOUSING: (0.05, 600_000, 0.6),
        ExpenditureType.OTHER: (0.05, 200_000, 0.8),
    }
    columns: dict[str, npt.NDArray[np.int64]] = {}
    for kind, (share, median, spread) in plan.items():
        has = rng.random(households) < share
        amount = np.round(rng.lognormal(np.log(median), spread, households))
        columns[EXPENDITURE_COLUMNS[kind]] = np.where(has, amount, 0).astype(np.int64)
    return columns


# -- parameters -------------------------------------------------------------------------------


def _parameters(
    book: ParameterBook, on: dt.date, groups: Sequence[tuple[str, str]]
) -> dict[str, PerGroup]:
    """Look this programme's parameters up once per group, remembered for this book."""
    return remembered(book, ("rigid", on, tuple(groups)), lambda: _look_up(book, on, groups))


def _look_up(
    book: ParameterBook, on: dt.date, groups: Sequence[tuple[str, str]]
) -> dict[str, PerGroup]:
    read = Readers(book, on)
    money, rate, count, flag = read.money, read.rate, read.count, read.flag

    reads: Mapping[str, Callable[[str, str], tuple[int, int]]] = {
        _IN_FORCE: flag,
        _R_MONTHS: count,
        _R_VEHICLE: flag,
        _R_NON_RESIDENTIAL: flag,
        _R_BUSINESS: money,
        _RATIO: rate,
        _INCLUSIVE: flag,
        _SECOND: flag,
        _MEDICAL_RATIO: rate,
        _VALIDITY: count,
    } | dict.fromkeys(_COUNTS.values(), flag)
    found = {_DISPOSABLE: per_group(groups, lambda kind: f"{_DISPOSABLE}.{kind}", money)}
    found |= per_group_each(groups, reads)
    return found


# -- the rule ---------------------------------------------------------------------------------


@attrs.frozen
class _Run:
    """The decision of a slice's households, in columns (before bad cells)."""

    marginal: MarginalRun
    in_force: Bools
    higher: Bools
    undecided: Bools
    waiting: Bools
    outcome: Ints
    flags: dict[str, Bools]
    unavailable: dict[str, Bools]
    found: dict[str, PerGroup]
    valid_until: Ints
    #: Art. 4 (二)-(四) on the counted members, whatever the stage (the test
    #: :func:`~civaffairs.assistance.means.undecided_matters` repeats for undecided 特困 members).
    conditions: Bools


def _evaluate(
    facts: Facts,
    households: Households,
    spent: Mapping[ExpenditureType, Ints],
    book: ParameterBook,
    on: dt.date,
    *,
    supported: Bools | None = None,
    marginal: MarginalRun | None = None,
    extreme: ExtremeStatus | None = None,
) -> _Run:
    """Decide a slice in the steps of :func:`civaffairs.assistance.rigid_expenditure.assess`.

    By default as the scalar call alone.  The layered picture gives ``supported`` (per
    person, the members left out as 特困), ``marginal`` (the 低保边缘 decision taken with them
    left out: its parameters are then not read here) and ``extreme`` (what the 特困 decisions
    say, :class:`~civaffairs.batch.marginal.ExtremeStatus`, ``open`` for this programme's
    conditions).  A household with an undecided member and a business entity of unknown
    value (``asset_business_entity`` absent) is not decided that way: the caller decides it.
    """
    count = households.count
    places = facts.places
    group = places.group
    found = _parameters(book, on, places.groups)
    value = _Values(found, group)
    # 0. In force (art. 14).
    in_force = np.broadcast_to(value.flag(_IN_FORCE), (count,))
    # 1-3. The family and the higher layers: 低保边缘 (which decides 低保 first).
    run = marginal or evaluate_marginal(facts, households, book, on, supported=supported)
    registered, missing, counted = run.registered, run.missing, run.counted
    decided = in_force & run.decided
    in_extreme, higher = _layers_above(run, decided, extreme)
    # An undecided 低保边缘 decision (a business entity of unknown value) leaves art. 4 (二)-(四)
    # to decide, as the scalar rule does: a condition failing decides "not eligible".
    undecided = decided & ~higher & ~in_extreme & run.cannot
    tested = decided & ~higher & ~in_extreme
    # 4. Art. 4 (二): income, the scalar rule's body.
    net, scale = run.net_income, run.scale
    income_ok = np.asarray(
        scalar.income_below_disposable(net, scale, value(_DISPOSABLE), counted), dtype=np.bool_
    )
    # 5. Art. 4 (三): the household property body, with this programme's parameters.
    assets = _Values(
        {
            _M_MONTHS: found[_R_MONTHS],
            _M_VEHICLE: found[_R_VEHICLE],
            _M_NON_RESIDENTIAL: found[_R_NON_RESIDENTIAL],
            _M_BUSINESS: found[_R_BUSINESS],
        },
        group,
    )
    assets_ok, own_unknown = _marginal_property(
        facts, assets, _Values(run.found, group)("standard"), counted
    )
    owns = facts.owns
    disqualified = (owns[AssetType.VEHICLE] & (value(_R_VEHICLE) != 0)) | (
        owns[AssetType.NON_RESIDENTIAL_PROPERTY] & (value(_R_NON_RESIDENTIAL) != 0)
    )
    # 6. Art. 4 (四), art. 5: the counted types' total, then medical and accident alone.
    total = np.zeros(count, dtype=np.int64)
    for kind, column in spent.items():
        total += column * value.flag(_COUNTS[kind])
    medical = sum((spent[kind] for kind in _MEDICAL_ACCIDENT), np.zeros(count, dtype=np.int64))
    annual = net * _MONTHS_PER_YEAR
    ratio, medical_ratio = value.fraction(_RATIO), value.fraction(_MEDICAL_RATIO)
    _check_range(
        (total, medical, annual), value(_DISPOSABLE) * counted, scale, ratio, medical_ratio
    )
    inclusive = value.flag(_INCLUSIVE)
    first = np.asarray(
        scalar.exceeds(NUMPY, total, annual, scale, ratio, inclusive=inclusive), dtype=np.bool_
    )
    second_on = np.broadcast_to(value.flag(_SECOND), (count,))
    second = np.asarray(
        scalar.exceeds(NUMPY, medical, annual, scale, medical_ratio, inclusive=inclusive),
        dtype=np.bool_,
    )
    spending_ok = first | (second_on & second)
    # A business of unknown value aside; nobody counted fails (undecided_matters).
    conditions = (counted > 0) & income_ok & assets_ok & spending_ok
    passes = tested & conditions
    # The entity's value decides only where every other condition holds: with the 低保边缘
    # decision waiting on it, only if some value fails 低保边缘's limit and passes this one's.
    room = value(_R_BUSINESS) > _Values(run.found, group)(_M_BUSINESS)
    waiting = passes & ((undecided & room) | (~undecided & own_unknown))
    recognised = passes & ~undecided & ~own_unknown
    if extreme is not None:
        undecided, waiting, recognised = _undecided_members(
            extreme,
            tested=tested,
            conditions=conditions,
            higher_open=run.cannot,
            found=(undecided, waiting, recognised),
        )

    outcome = np.full(count, _NOT_ELIGIBLE, dtype=np.int64)
    outcome[(in_force & registered & missing) | waiting] = _CANNOT_DECIDE
    outcome[recognised] = _ELIGIBLE
    family = in_force & registered & ~missing
    flags = {
        scalar.R_NOT_IN_FORCE.code: ~in_force,
        scalar.R_REGISTRATION_ELSEWHERE.code: in_force & ~registered,
        scalar.R_REGISTRATION.code: in_force & registered,
        scalar.R_MISSING.code: (in_force & registered & missing) | waiting,
        scalar.R_MEMBERS.code: family,
        scalar.CODES.nobody.code: family & (counted == 0),
        scalar.R_HIGHER_LAYER.code: higher | in_extreme,
        scalar.R_HIGHER_LAYER_UNKNOWN.code: undecided,
        scalar.R_NOT_HIGHER_LAYER.code: tested & ~undecided,
        scalar.R_INCOME_BELOW.code: tested & income_ok,
        scalar.R_INCOME_NOT_BELOW.code: tested & ~income_ok,
        scalar.R_FINANCIAL_ASSETS.code: tested,
        scalar.R_ASSET_DISQUALIFIES.code: tested & disqualified,
        scalar.R_BUSINESS.code: tested & owns[AssetType.BUSINESS_ENTITY],
        scalar.R_EXPENDITURE.code: tested,
        scalar.R_MEDICAL_ACCIDENT.code: tested & ~first & second_on,
        scalar.R_VALIDITY.code: recognised,
        scalar.R_PERIOD_COUNTING.code: recognised,
    }
    # What each household's decision reads, in the order the scalar rule reads it.
    unavailable: dict[str, Bools] = {}
    add_needs(unavailable, {_IN_FORCE: np.ones(count, dtype=np.bool_)}, found, group)
    # A 低保边缘 decision given was taken by the caller, who read its parameters.
    for name, mask in {} if marginal is not None else run.unavailable.items():
        unavailable[name] = mask & in_force
    needs = {
        _DISPOSABLE: tested,
        _R_MONTHS: tested,
        _R_VEHICLE: tested & owns[AssetType.VEHICLE],
        _R_NON_RESIDENTIAL: tested & owns[AssetType.NON_RESIDENTIAL_PROPERTY],
        _R_BUSINESS: tested & owns[AssetType.BUSINESS_ENTITY],
    }
    needs |= {_COUNTS[kind]: tested & (spent[kind] > 0) for kind in ExpenditureType}
    needs |= {
        _RATIO: tested,
        _INCLUSIVE: tested,
        _SECOND: tested & ~first,
        _MEDICAL_RATIO: tested & ~first & second_on,
        _VALIDITY: recognised,
    }
    add_needs(unavailable, needs, found, group)
    # Every value of the entity is tried against 低保边缘's limit too.
    add_needs(unavailable, {_M_BUSINESS: passes & undecided}, run.found, group)
    return _Run(
        marginal=run,
        in_force=in_force,
        higher=higher,
        undecided=undecided,
        waiting=waiting,
        outcome=outcome,
        flags=flags,
        unavailable=unavailable,
        found=found | {name: run.found[name] for name in (*run.unavailable, _M_BUSINESS)},
        valid_until=_valid_until(found[_VALIDITY], on)[group],
        conditions=conditions,
    )


def _layers_above(
    run: MarginalRun, decided: Bools, extreme: ExtremeStatus | None
) -> tuple[Bools, Bools]:
    """Art. 4 (一): the households in the 特困 layer, then those 低保边缘 finds higher or is.

    特困 first: a recognised member who is counted (the exclusion off); then recognised as
    marginal, or found in the 低保 (or 特困) layer by the 低保边缘 decision.
    """
    in_extreme = decided & (False if extreme is None else extreme.counted_in)
    above = run.eligible | run.higher
    if run.in_extreme_poverty is not None:
        above = above | run.in_extreme_poverty
    return in_extreme, decided & ~in_extreme & above


def _undecided_members(
    extreme: ExtremeStatus,
    *,
    tested: Bools,
    conditions: Bools,
    higher_open: Bools,
    found: tuple[Bools, Bools, Bools],
) -> tuple[Bools, Bools, Bools]:
    """Decide the tested households with an undecided 特困 member: undecided, waiting, recognised.

    As the scalar rule's ``unknown_matters``: counted (the exclusion off) such members always
    matter; left out, where leaving some of them out changes art. 4 (二)-(四) (``open``).  A
    higher layer undecided (``higher_open``), or they matter: "cannot decide", unless a
    condition fails every way.  ``found`` are the three masks for the other households.
    """
    undecided, waiting, recognised = found
    doubt = tested & extreme.unknown
    open_ = extreme.open(conditions)
    matters = extreme.unknown_in | open_
    holds = conditions | open_
    undecided = np.where(doubt, higher_open | matters, undecided)
    waiting = np.where(doubt, holds & undecided, waiting)
    recognised = np.where(doubt, holds & ~undecided, recognised)
    return undecided, waiting, recognised


def _valid_until(months: PerGroup, on: dt.date) -> Ints:
    """Art. 10: the last day of validity per group, as days since 1970-01-01 (民法典 201-202)."""
    epoch = dt.date(1970, 1, 1)
    return np.array(
        [
            (add_months(on, int(m)) - epoch).days if ok else 0
            for m, ok in zip(months.values.tolist(), months.found.tolist(), strict=True)
        ],
        dtype=np.int64,
    )


def _check_range(
    amounts: tuple[Ints, ...], threshold: Any, scale: Ints, *fractions: tuple[Any, Any]
) -> None:
    """Refuse a slice whose exact integer comparisons could overflow 64 bits."""
    if len(scale) == 0:
        return
    biggest = max(*(int(np.abs(a).max()) for a in amounts), int(np.max(threshold)), 1)
    factor = 2 * max(int(scale.max()), 1)
    for numerators, denominators in fractions:
        factor *= max(int(np.max(numerators)), int(np.max(denominators)), 1)
    if biggest * factor >= 2**62:
        raise InvalidInputError(
            "$",
            f"amounts up to {biggest} fen with rate terms up to {factor}",
            "amounts and parameter fractions whose exact products fit in 64 bits",
        )


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
    """Decide 刚性支出困难家庭 for every household of a persons table on ``on``.

    ``on`` is the date of recognition (the expenditure columns are the twelve months
    before it).  The other arguments are those of :func:`civaffairs.batch.assess_table`.
    Returns one row per household, in input order:

    - ``household_id``; ``jurisdiction``: the deciding one (null when unreadable);
    - ``outcome``: ``eligible`` (recognised), ``not_eligible`` or ``cannot_decide``;
    - ``amount_fen``: 0 (no payment: such households are referred to 临时救助 and the
      special assistance);
    - ``members_counted``;
    - ``layer``: ``rigid_expenditure`` when recognised, ``marginal`` or ``dibao`` when in
      that higher layer, else ``none``; null when cannot decide, before the measures are in
      force (no layer is determined then), and while the 低保边缘 decision waits on a
      business entity's value (the household may be marginal);
    - ``reasons``: the reason codes, in :data:`REASON_CATALOGUE` order;
    - ``problems``: the bad columns, the parameters not in force, ``lives_together`` or
      ``asset_business_entity`` when that fact is missing (null when none);
    - ``valid_until``: the last day of validity when recognised (art. 10), else null.

    .. versionadded:: 0.1.0
    """
    check_errors(errors)
    threads = workers_for(workers)
    table = checked(data)
    chosen = book or default_book()

    def decide(piece: HouseholdSlice) -> Decided:
        part = _prepare_part(table, piece, on, jurisdiction, first_row)
        reader, households = part.reader, part.households
        spent = _read_spent(reader, households)
        bad = part.bad | households.any(any_bad(reader))
        run = _evaluate(part.facts, households, spent, chosen, on)
        output = _output(reader, households, part.facts, run, bad)
        return output, reader, part.offset, _parameter_error(run, bad, errors)

    pieces = household_slices(table, SLICE_ROWS, first_row)
    return decide_slices(pieces, decide, errors=errors, workers=threads, what=_WHAT)


def _read_spent(reader: Reader, households: Households) -> dict[ExpenditureType, Ints]:
    """Read the expenditure columns on the applicants' rows (absent: none), marking bad cells."""
    spent: dict[ExpenditureType, Ints] = {}
    for kind, column in EXPENDITURE_COLUMNS.items():
        values = reader.household_money(column, households.applicant_row)
        spent[kind] = np.zeros(households.count, dtype=np.int64) if values is None else values
    if reader.schema_errors:
        raise InvalidDocumentError(reader.schema_errors, what=_WHAT)
    return spent


#: :func:`assess_table` under the name :mod:`civaffairs.batch` exports it by (刚性支出困难家庭).
#:
#: .. versionadded:: 0.1.0
assess_rigid_expenditure = assess_table


def _parameter_error(run: _Run, bad: Bools, errors: Errors) -> CivaffairsError | None:
    """Return the parameter error of the slice's first household needing a value not in force."""
    if errors != "raise":
        return None
    group = run.marginal.group
    return first_parameter_error(
        {name: mask & ~bad for name, mask in run.unavailable.items()},
        lambda name, row: run.found[name].errors[int(group[row])],
    )


def _output(
    reader: Reader, households: Households, facts: Facts, run: _Run, bad: Bools
) -> pa.Table:
    unavailable = unavailable_mask(run.unavailable, bad)
    cannot = bad | unavailable
    outcome = np.where(cannot, _CANNOT_DECIDE, run.outcome)
    flags = [run.flags[code] & ~cannot for code in REASON_CATALOGUE[:-2]] + [bad, unavailable]
    marginal = run.marginal
    layer = np.where(
        outcome == _ELIGIBLE,
        2,
        np.where(run.higher & marginal.eligible, 1, np.where(run.higher, 0, 3)),
    ).astype(np.int8)
    # No layer while 低保边缘 waits (the household may be marginal), even when not eligible here.
    decided = ~cannot & (run.outcome != _CANNOT_DECIDE) & run.in_force & ~run.undecided
    names, problems = problem_lists(
        reader,
        households,
        bad,
        named_unavailable(run.unavailable, run.found, marginal.group),
        (
            ("lives_together", run.in_force & marginal.registered & marginal.missing & ~cannot),
            (BUSINESS_VALUE_COLUMN, run.waiting & ~cannot),
        ),
    )
    columns = base_columns(
        reader, households, facts, outcome=outcome, counted=marginal.counted, bad=bad
    )
    eligible = outcome == _ELIGIBLE
    columns |= {
        "layer": pa.DictionaryArray.from_arrays(
            arrow(layer, mask=~decided), arrow(list(LAYER_NAMES))
        ),
        "reasons": lists(flags, REASON_CATALOGUE, households.count),
        "problems": lists(problems, names, households.count),
        "valid_until": arrow(
            np.where(eligible, run.valid_until, 0).astype(np.int32), mask=~eligible
        ).cast(pa.date32()),
    }
    return pa.table(columns)


# -- summary ----------------------------------------------------------------------------------


def summarise(result: pa.Table) -> pa.Table:
    """Count households and members per outcome and layer, with a totals row.

    ``result`` is what :func:`assess_table` returns; the totals row has outcome and layer
    ``"(all)"``; ``monthly_cost_fen`` is 0 (no payment).

    .. versionadded:: 0.1.0
    """
    return summarise_as(result, scalar.PROGRAMME.code)


def render_summary(summary: pa.Table) -> str:
    """Render :func:`summarise`'s table as aligned text (money in yuan).

    .. versionadded:: 0.1.0
    """
    return render_summary_rows(summary, "layer", "households")
