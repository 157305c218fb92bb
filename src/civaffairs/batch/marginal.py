"""低保边缘家庭 (marginal low-income households) for a whole registry, exactly as one at a time.

:func:`assess_table` decides :func:`civaffairs.assistance.marginal.assess` for every
household of a persons table (:mod:`civaffairs.batch.schema`) on one date, the way the
standalone scalar call decides it — without a 低保 decision or 特困 decisions given:

1. registration and the family (民发〔2021〕57号 arts. 4–5, 7), read and counted as for
   低保 (:func:`~civaffairs.assistance.dibao.member_rule`);
2. "not in a higher layer" (57号 art. 8 second paragraph: "不符合最低生活保障条件"):
   the household's 低保 is decided first, by the columnar 低保 engine itself
   (:mod:`civaffairs.batch.dibao`), as the scalar rule calls
   :func:`civaffairs.assistance.dibao.assess`.  A household eligible for 低保 as a whole
   is in the higher layer (not eligible here); one whose only 低保 coverage is single-person
   inclusion (单人户), or whose 低保 waits only on a member's serious illness, goes on;
   one whose 低保 cannot be decided otherwise cannot be decided here either.  No member
   is known to be 特困 (the table holds no 特困 decisions: as the scalar call with none
   given);
3. the income test — :func:`~civaffairs.assistance.dibao.marginal_test` (the shared
   :func:`~civaffairs.assistance.means.below_margin`: net income strictly below
   ``assistance.marginal.income_multiple`` × the standard × counted members, exactly);
4. the marginal property rules ``assistance.marginal.assets.*`` — the very body the 低保
   engine's single-person stage applies (``_marginal_property`` of
   :mod:`civaffairs.batch.dibao`).

No amount is paid (``amount_fen`` is 0).  The persons table's own columns are all this
programme reads (:data:`COLUMNS` is empty); the value of business entities is
``asset_business_entity``: a household that owns one while that column is absent cannot be
decided where its value would change the outcome (every other test passing); failing any
other test, it is not marginal whatever the entity is worth.

Bad cells, parameters not in force, ``errors="raise"``/``"mark"``, scattered households
and repeated persons are handled exactly as by :func:`civaffairs.batch.assess_table`.
A parity property test (``tests/unit/test_batch_marginal_properties.py``) compares every
household with the scalar decision: outcome, layer and reason codes.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Final

import attrs
import numpy as np
import pyarrow as pa

from civaffairs.assistance import dibao as scalar_dibao
from civaffairs.assistance import marginal as scalar
from civaffairs.assistance.dibao import OUTCOME_CODES
from civaffairs.batch._columns import Bools, Ints, Reader, arrow
from civaffairs.batch._common import (
    ALL,
    R_INVALID_VALUE,
    R_PARAMETER_UNAVAILABLE,
    Errors,
    check_errors,
    lists,
    render_summary_rows,
    workers_for,
)
from civaffairs.batch._persons import Facts
from civaffairs.batch.arrays import Households
from civaffairs.batch.dibao import (
    _M_BUSINESS,
    _M_MONTHS,
    _M_NON_RESIDENTIAL,
    _M_VEHICLE,
    _MULTIPLE,
    _PENSION,
    _RATE,
    _STANDARD,
    _checked,
    _evaluate,
    _marginal_property,
    _parameters,
    _prepare_part,
    _Run,
    _Values,
)
from civaffairs.batch.plumbing import (
    SLICE_ROWS,
    Decided,
    Frame,
    HouseholdSlice,
    PerGroup,
    decide_slices,
    first_parameter_error,
    household_slices,
)
from civaffairs.batch.schema import BUSINESS_VALUE_COLUMN
from civaffairs.decisions import Outcome
from civaffairs.entities import AssetType, AssistanceLayer, Household
from civaffairs.errors import CivaffairsError, InvalidDocumentError, InvalidInputError
from civaffairs.parameters import ParameterBook, default_book

__all__ = [
    "COLUMNS",
    "REASON_CATALOGUE",
    "ExtremeStatus",
    "MarginalRun",
    "assess_marginal",
    "assess_table",
    "checked",
    "evaluate",
    "read_facts",
    "render_summary",
    "summarise",
    "write_facts",
]

#: The columns this programme adds to the persons table: none.  低保边缘 reads the facts
#: 低保 reads (members, income, financial assets, ``owns_*`` flags) and the value of
#: business entities, ``asset_business_entity``, already in :mod:`civaffairs.batch.schema`.
COLUMNS: Final[Mapping[str, pa.DataType]] = {}

#: The reason codes a household's row may carry, in the order they are listed.
REASON_CATALOGUE: Final = (
    scalar.R_REGISTRATION_ELSEWHERE.code,
    scalar.R_REGISTRATION.code,
    scalar.R_MISSING.code,
    scalar.R_MEMBERS.code,
    scalar.CODES.nobody.code,
    scalar.R_HIGHER_LAYER.code,
    scalar.R_NOT_HIGHER_LAYER.code,
    scalar.R_INCOME_BELOW.code,
    scalar.R_INCOME_NOT_BELOW.code,
    scalar.R_FINANCIAL_ASSETS.code,
    scalar.R_ASSET_DISQUALIFIES.code,
    scalar.R_BUSINESS.code,
    scalar.R_RECOGNISED.code,
    R_INVALID_VALUE.code,
    R_PARAMETER_UNAVAILABLE.code,
)

_OUTCOME_NAMES: Final = tuple(
    outcome.value for outcome, _ in sorted(OUTCOME_CODES.items(), key=lambda item: item[1])
)
_NOT_ELIGIBLE: Final = OUTCOME_CODES[Outcome.NOT_ELIGIBLE]
_ELIGIBLE: Final = OUTCOME_CODES[Outcome.ELIGIBLE]
_CANNOT_DECIDE: Final = OUTCOME_CODES[Outcome.CANNOT_DECIDE]
#: The layers a row may name: the household's own (marginal), the higher one found, none.
LAYER_NAMES: Final = (
    AssistanceLayer.DIBAO.value,
    AssistanceLayer.MARGINAL.value,
    AssistanceLayer.NONE.value,
)
_WHAT: Final = "persons table"


def write_facts(household: Household) -> dict[str, object]:
    """Return the applicant-row cells of this programme's own columns: none (:data:`COLUMNS`).

    Present so that every programme's facts are written alike; :func:`~civaffairs.batch.to_table`
    already writes everything 低保边缘 reads.

    .. versionadded:: 0.1.0
    """
    del household  # 低保边缘 has no facts beyond the shared columns
    return {}


def read_facts(rows: Sequence[Mapping[str, Any]]) -> dict[str, object]:
    """Return the scalar facts of this programme's own columns for one household: none.

    .. versionadded:: 0.1.0
    """
    del rows  # 低保边缘 has no facts beyond the shared columns
    return {}


# -- the rule ---------------------------------------------------------------------------------


@attrs.frozen
class MarginalRun:
    """The 低保边缘 decision of a slice's households, in columns (before bad cells).

    ``registered``, ``missing`` (a member's co-residence not established), ``counted``: the
    family stage; ``decided``: registered, nothing missing, someone counted; ``higher``:
    eligible for 低保 as a whole (not only some members alone); ``undecided``: the 低保
    decision cannot be made for another reason than a member's serious illness;
    ``tested``: the households whose income and property are tested; ``value_missing``:
    undecided, or tested while owning a business entity of unknown value (the column
    ``asset_business_entity`` absent); ``income_ok``, ``assets_ok``: the tests;
    ``net_income`` and ``scale``: counted net income in fen × ``scale`` (the
    employment-deduction rate's denominator); ``outcome``: codes of
    :data:`~civaffairs.assistance.dibao.OUTCOME_CODES`;
    ``flags`` per reason code; ``unavailable`` per parameter, the households needing it
    where it is not in force; ``found`` every parameter per group; ``group`` each
    household's parameter group.  :mod:`civaffairs.batch.rigid_expenditure` builds on it.

    .. versionadded:: 0.1.0
    """

    registered: Bools
    missing: Bools
    counted: Ints
    decided: Bools
    higher: Bools
    undecided: Bools
    tested: Bools
    value_missing: Bools
    income_ok: Bools
    assets_ok: Bools
    outcome: Ints
    net_income: Ints
    scale: Ints
    flags: dict[str, Bools]
    unavailable: dict[str, Bools]
    found: dict[str, PerGroup]
    group: Ints
    #: The households in the 特困 layer: a member meets every 特困 condition and is counted
    #: (the exclusion off; :class:`ExtremeStatus`).  None without 特困 decisions given.
    in_extreme_poverty: Bools | None = None

    @property
    def eligible(self) -> Bools:
        """The households recognised as marginal."""
        return np.asarray(self.outcome == _ELIGIBLE, dtype=np.bool_)

    @property
    def cannot(self) -> Bools:
        """The households whose decision cannot be made (bad cells and parameters aside)."""
        return np.asarray(self.outcome == _CANNOT_DECIDE, dtype=np.bool_)


@attrs.frozen
class ExtremeStatus:
    """What the members' 特困 decisions say about each household, for the layered picture.

    Per household, as the scalar rules read
    :class:`~civaffairs.assistance.means.ExtremePovertyStatus` and
    :class:`~civaffairs.assistance.means.FamilyApart`: ``recognised`` — some member meets
    every 特困 condition; ``unknown`` — some member's conditions are undecided; ``exclude`` —
    ``assistance.dibao.members.exclude_extreme_poverty`` (read where either holds; false
    elsewhere): such members are left out (the caller passes them as ``supported``).
    ``open`` is given this programme's test per household (on the counted members, an empty
    family failing) and returns where, with the exclusion on, leaving out some of the
    undecided members changes it (:func:`civaffairs.assistance.means.undecided_matters`: the
    caller decides every way); by default nowhere.

    .. versionadded:: 0.1.0
    """

    recognised: Bools
    unknown: Bools
    exclude: Bools
    open: Callable[[Bools], Bools] = attrs.field(factory=lambda: _never)

    @property
    def counted_in(self) -> Bools:
        """The households in the 特困 layer: a recognised member, and the exclusion off."""
        return np.asarray(self.recognised & ~self.exclude, dtype=np.bool_)

    @property
    def unknown_in(self) -> Bools:
        """The households with an undecided member who would be counted (the exclusion off)."""
        return np.asarray(self.unknown & ~self.exclude, dtype=np.bool_)


def _never(passed: Bools) -> Bools:
    return np.zeros(len(passed), dtype=np.bool_)


def add_needs(
    unavailable: dict[str, Bools],
    needs: Mapping[str, Bools],
    found: Mapping[str, PerGroup],
    group: Ints,
) -> None:
    """Add to ``unavailable``, per parameter, the households that need it where it is not in force.

    .. versionadded:: 0.1.0
    """
    for name, need in needs.items():
        present = found[name].found
        if present.all():
            continue
        mask = need & ~present[group]
        unavailable[name] = unavailable[name] | mask if name in unavailable else mask


def evaluate(
    facts: Facts,
    households: Households,
    book: ParameterBook,
    on: dt.date,
    *,
    supported: Bools | None = None,
    dibao: _Run | None = None,
    extreme: ExtremeStatus | None = None,
) -> MarginalRun:
    """Decide a slice's households in the steps of :func:`civaffairs.assistance.marginal.assess`.

    By default as the scalar call alone.  The layered picture gives what it is given:
    ``supported`` (per person) the members left out as 特困; ``dibao`` the households' 低保
    decision taken with them left out (the 低保 engine's run: its parameters are then not
    read here, as the scalar rule does not decide 低保 again); ``extreme`` what the 特困
    decisions say (:class:`ExtremeStatus`).  The reason flags do not carry the codes of the
    特困 members (left out, undecided).

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 ``supported``, ``dibao`` and ``extreme``.
    """
    given = dibao is not None
    if dibao is None:
        dibao = _evaluate(facts, households, book, on, supported=supported)  # 3. 低保 first
    places = facts.places
    found = _parameters(book, on, places.groups)  # remembered: the look-ups 低保 just made
    value = _Values(found, places.group)
    means = dibao.means  # 低保's own counting and tests, with the same members left out
    counted, registered, missing = means.counted, places.registered, means.missing
    decided = registered & ~missing & (counted > 0)
    alone = dibao.flags[scalar_dibao.R_SINGLE_PERSON.code]
    pending = dibao.flags[scalar_dibao.R_SINGLE_PERSON_UNKNOWN.code]
    higher = decided & (dibao.outcome == _ELIGIBLE) & ~alone
    # A member meeting every 特困 condition and counted (the exclusion off): the 特困 layer.
    in_extreme = decided & ~higher & (False if extreme is None else extreme.counted_in)
    undecided = decided & ~higher & ~in_extreme & (dibao.outcome == _CANNOT_DECIDE) & ~pending
    tested = decided & ~higher & ~in_extreme & ~undecided
    # 4. Income (57号 art. 8: the same 家庭人均收入 as 低保's) below the multiple, exactly.
    income_ok = np.asarray(
        scalar_dibao.marginal_test(means.test, multiple=value.fraction(_MULTIPLE)), dtype=np.bool_
    )
    # 5. The marginal property rules, the body 低保's single-person stage applies.
    assets_ok, business_unknown = _marginal_property(facts, value, value("standard"), counted)
    owns = facts.owns
    # A business entity of unknown value (``asset_business_entity`` absent) decides only where
    # every other test passes (assets_ok leaves it out): failing any other, the household is
    # not marginal whatever the entity is worth, as the scalar rule says for every value.
    value_missing = tested & business_unknown & income_ok & assets_ok
    judged = tested & ~value_missing
    recognised = judged & income_ok & assets_ok
    waiting = np.zeros(households.count, dtype=np.bool_)
    if extreme is not None:
        # Undecided 特困 members: left out where found 特困 and the test turns on them, or
        # counted (the exclusion off) in a household that passes — "cannot decide" either way.
        passed = (counted > 0) & income_ok & assets_ok
        waiting = judged & (extreme.open(passed) | (passed & extreme.unknown_in))
        recognised &= ~waiting
    outcome = np.full(households.count, _NOT_ELIGIBLE, dtype=np.int64)
    outcome[(registered & missing) | undecided | value_missing | waiting] = _CANNOT_DECIDE
    outcome[recognised] = _ELIGIBLE
    family = registered & ~missing
    disqualified = (owns[AssetType.VEHICLE] & (value(_M_VEHICLE) != 0)) | (
        owns[AssetType.NON_RESIDENTIAL_PROPERTY] & (value(_M_NON_RESIDENTIAL) != 0)
    )
    flags = {
        scalar.R_REGISTRATION_ELSEWHERE.code: ~registered,
        scalar.R_REGISTRATION.code: registered,
        scalar.R_MISSING.code: (registered & missing) | undecided | value_missing | waiting,
        scalar.R_MEMBERS.code: family,
        scalar.CODES.nobody.code: family & (counted == 0),
        scalar.R_HIGHER_LAYER.code: higher | in_extreme,
        scalar.R_NOT_HIGHER_LAYER.code: tested,
        scalar.R_INCOME_BELOW.code: judged & income_ok,
        scalar.R_INCOME_NOT_BELOW.code: judged & ~income_ok,
        scalar.R_FINANCIAL_ASSETS.code: judged,
        scalar.R_ASSET_DISQUALIFIES.code: judged & disqualified,
        scalar.R_BUSINESS.code: judged & owns[AssetType.BUSINESS_ENTITY],
        scalar.R_RECOGNISED.code: recognised,
    }
    # A 低保 decision given was taken by the caller, who read its parameters.
    unavailable = {} if given else dict(dibao.unavailable)
    add_needs(
        unavailable,
        {
            "standard": tested,
            _RATE: tested,
            _PENSION: tested & means.income.has_switched,
            _MULTIPLE: tested,
            _M_MONTHS: tested,
            _M_VEHICLE: tested & owns[AssetType.VEHICLE],
            _M_NON_RESIDENTIAL: tested & owns[AssetType.NON_RESIDENTIAL_PROPERTY],
            _M_BUSINESS: judged & owns[AssetType.BUSINESS_ENTITY],
        },
        found,
        places.group,
    )
    return MarginalRun(
        registered=registered,
        missing=missing,
        counted=counted,
        decided=decided,
        higher=higher,
        undecided=undecided,
        tested=tested,
        # 低保 waits for the value only where a member would be covered alone (its own
        # business_value check); here it is needed wherever the property test is applied.
        value_missing=value_missing | undecided,
        income_ok=income_ok,
        assets_ok=assets_ok,
        outcome=outcome,
        net_income=np.asarray(means.test.net_income, dtype=np.int64),
        scale=np.broadcast_to(np.asarray(means.test.scale, dtype=np.int64), (households.count,)),
        flags=flags,
        unavailable=unavailable,
        found=found,
        group=places.group,
        in_extreme_poverty=None if extreme is None else in_extreme,
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
    """Decide 低保边缘 for every household of a persons table on ``on``.

    The arguments are those of :func:`civaffairs.batch.assess_table`.  Returns one row per
    household, in input order:

    - ``household_id``; ``jurisdiction``: the deciding one (null when unreadable);
    - ``outcome``: ``eligible`` (recognised as marginal), ``not_eligible`` or
      ``cannot_decide``;
    - ``amount_fen``: 0 (no payment: the marginal household receives special assistance);
    - ``layer``: ``marginal`` when recognised, ``dibao`` when in the higher layer, else
      ``none`` (null when the outcome is cannot decide);
    - ``members_counted``;
    - ``reasons``: the reason codes, in :data:`REASON_CATALOGUE` order;
    - ``problems``: the bad columns, the parameters not in force, ``lives_together`` or
      ``asset_business_entity`` when that fact is missing (null when none).

    .. versionadded:: 0.1.0
    """
    check_errors(errors)
    threads = workers_for(workers)
    table = checked(data)
    chosen = book or default_book()

    def decide(piece: HouseholdSlice) -> Decided:
        part = _prepare_part(table, piece, on, jurisdiction, first_row)
        run = evaluate(part.facts, part.households, chosen, on)
        output = _output(part.reader, part.households, part.facts, run, part.bad)
        return output, part.reader, part.offset, _parameter_error(run, part.bad, errors)

    pieces = household_slices(table, SLICE_ROWS, first_row)
    return decide_slices(pieces, decide, errors=errors, workers=threads, what=_WHAT)


#: :func:`assess_table` under the name :mod:`civaffairs.batch` exports it by (低保边缘).
#:
#: .. versionadded:: 0.1.0
assess_marginal = assess_table


def checked(data: Frame) -> pa.Table:
    """Return the input as Arrow, checked as :func:`civaffairs.batch.assess_table` checks it.

    Unknown columns and an absent ``household_id`` are refused, and so is a
    ``household_id`` column of Arrow's null type (no value at all), which the shared
    household index cannot compare.

    .. versionadded:: 0.1.0
    """
    table = _checked(data)
    if pa.types.is_null(table.schema.field("household_id").type):
        raise InvalidDocumentError(
            [
                InvalidInputError(
                    "$.household_id", "(a column of nulls)", "household ids, text or integers"
                )
            ],
            what=_WHAT,
        )
    return table


def _parameter_error(run: MarginalRun, bad: Bools, errors: Errors) -> CivaffairsError | None:
    """Return the parameter error of the slice's first household needing a value not in force."""
    if errors != "raise":
        return None
    return first_parameter_error(
        {name: mask & ~bad for name, mask in run.unavailable.items()},
        lambda name, row: run.found[name].errors[int(run.group[row])],
    )


def unavailable_mask(unavailable: Mapping[str, Bools], bad: Bools) -> Bools:
    """Return the households (without bad cells) needing a parameter not in force.

    .. versionadded:: 0.1.0
    """
    out = np.zeros(len(bad), dtype=np.bool_)
    for mask in unavailable.values():
        out |= mask
    return out & ~bad


def named_unavailable(
    unavailable: Mapping[str, Bools], found: Mapping[str, PerGroup], group: Ints
) -> dict[str, Bools]:
    """Name each parameter not in force by the name its look-up failed on, per household.

    A parameter chosen by registration kind (the 低保 standard, the disposable income) is
    named in full (``assistance.dibao.standard.urban``), as the scalar rule's error names it.

    .. versionadded:: 0.1.0
    """
    named: dict[str, Bools] = {}
    for name, mask in unavailable.items():
        labels: dict[str, list[int]] = {}
        for index, error in enumerate(found[name].errors):
            if error is not None:
                label = getattr(error, "name", None)
                labels.setdefault(label if isinstance(label, str) else name, []).append(index)
        for label, indices in labels.items():
            part = mask & np.isin(group, indices)
            named[label] = named[label] | part if label in named else part
    return named


def problem_lists(
    reader: Reader,
    households: Households,
    bad: Bools,
    unavailable: Mapping[str, Bools],
    facts: Iterable[tuple[str, Bools]],
) -> tuple[list[str], list[Bools]]:
    """Name, per household, the bad columns, the parameters not in force and the facts missing.

    ``facts`` pairs a missing fact's column with the households (already decided as cannot
    decide for it) that lack it.

    .. versionadded:: 0.1.0
    """
    names: list[str] = []
    flags: list[Bools] = []
    for column, mask in reader.bad.items():
        names.append(column)
        flags.append(households.any(mask) & bad)
    for name, mask in unavailable.items():
        names.append(_STANDARD if name == "standard" else name)
        flags.append(mask & ~bad)
    for name, mask in facts:
        if mask.any():
            names.append(name)
            flags.append(mask)
    return names, flags


def base_columns(
    reader: Reader,
    households: Households,
    facts: Facts,
    *,
    outcome: Ints,
    counted: Ints,
    bad: Bools,
) -> dict[str, Any]:
    """Return the columns every household programme's result starts with.

    ``household_id``, ``jurisdiction``, ``outcome`` (codes of
    :data:`~civaffairs.assistance.dibao.OUTCOME_CODES`), ``amount_fen`` (0) and
    ``members_counted``.

    .. versionadded:: 0.1.0
    """
    places = facts.places
    return {
        "household_id": reader.table.column("household_id").take(arrow(households.starts)),
        "jurisdiction": pa.DictionaryArray.from_arrays(
            arrow(places.where, mask=places.where < 0, type=pa.int32()),
            arrow(list(places.names), type=pa.string()),
        ),
        "outcome": pa.DictionaryArray.from_arrays(
            arrow(outcome.astype(np.int8)), arrow(list(_OUTCOME_NAMES))
        ),
        "amount_fen": arrow(np.zeros(households.count, dtype=np.int64), type=pa.int64()),
        "members_counted": arrow(np.where(bad, 0, counted).astype(np.int32)),
    }


def _output(
    reader: Reader, households: Households, facts: Facts, run: MarginalRun, bad: Bools
) -> pa.Table:
    unavailable = unavailable_mask(run.unavailable, bad)
    cannot = bad | unavailable
    outcome = np.where(cannot, _CANNOT_DECIDE, run.outcome)
    flags = [run.flags[code] & ~cannot for code in REASON_CATALOGUE[:-2]] + [bad, unavailable]
    # The layer: marginal when recognised, dibao when in that higher layer, else none.
    layer = np.where(outcome == _ELIGIBLE, 1, np.where(run.higher, 0, 2)).astype(np.int8)
    decided = ~cannot & (run.outcome != _CANNOT_DECIDE)
    names, problems = problem_lists(
        reader,
        households,
        bad,
        named_unavailable(run.unavailable, run.found, run.group),
        (
            ("lives_together", run.registered & run.missing & ~cannot),
            (BUSINESS_VALUE_COLUMN, run.value_missing & ~cannot),
        ),
    )
    columns = base_columns(reader, households, facts, outcome=outcome, counted=run.counted, bad=bad)
    columns |= {
        "layer": pa.DictionaryArray.from_arrays(
            arrow(layer, mask=~decided), arrow(list(LAYER_NAMES))
        ),
        "reasons": lists(flags, REASON_CATALOGUE, households.count),
        "problems": lists(problems, names, households.count),
    }
    return pa.table(columns)


# -- summary ----------------------------------------------------------------------------------


def summarise(result: pa.Table) -> pa.Table:
    """Count households and members per outcome and layer, with a totals row.

    ``result`` is what :func:`assess_table` returns (or the rigid-expenditure result, whose
    ``programme`` is given by :func:`summarise_as`); the totals row has outcome and layer
    ``"(all)"``.  Neither programme pays an amount: ``monthly_cost_fen`` is 0.

    .. versionadded:: 0.1.0
    """
    return summarise_as(result, scalar.PROGRAMME.code)


def summarise_as(result: pa.Table, programme: str) -> pa.Table:
    """Count ``result``'s households and members per outcome and layer, as ``programme``.

    .. versionadded:: 0.1.0
    """
    outcome = result.column("outcome").cast(pa.string()).to_pylist()
    layer = result.column("layer").cast(pa.string()).to_pylist()
    members = [int(n or 0) for n in result.column("members_counted").to_pylist()]
    amount = [int(fen or 0) for fen in result.column("amount_fen").to_pylist()]
    totals: dict[tuple[str, str], list[int]] = {}
    for o, lay, n, fen in zip(outcome, layer, members, amount, strict=True):
        found = totals.setdefault((str(o), "-" if lay is None else str(lay)), [0, 0, 0])
        found[0] += 1
        found[1] += n
        found[2] += fen
    rows = [
        {
            "programme": programme,
            "outcome": o,
            "layer": lay,
            "households": n,
            "members": m,
            "monthly_cost_fen": fen,
        }
        for (o, lay), (n, m, fen) in sorted(totals.items())
    ]
    rows.append(
        {
            "programme": programme,
            "outcome": ALL,
            "layer": ALL,
            "households": len(amount),
            "members": sum(members),
            "monthly_cost_fen": sum(amount),
        }
    )
    return pa.Table.from_pylist(rows)


def render_summary(summary: pa.Table) -> str:
    """Render :func:`summarise`'s table as aligned text (money in yuan).

    .. versionadded:: 0.1.0
    """
    return render_summary_rows(summary, "layer", "households")
