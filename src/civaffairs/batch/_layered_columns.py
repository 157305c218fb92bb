"""The layered picture (分层分类) of a run of households, in columns: the scalar answers, fast.

:func:`civaffairs.batch.layers.assess_table` used to decide every household with the
scalar :func:`civaffairs.assistance.layers.assess_layers`, a few milliseconds each.
:func:`decide` composes the programmes' columnar forms in the very order and with the very
hand-overs of ``assess_layers`` (its module docstring, steps 1–5), so that every
household's row is the one the scalar picture gives:

1. the children's allowances (:mod:`civaffairs.batch.children`) for every member;
2. 特困 (:mod:`civaffairs.batch.extreme_poverty`) for every member, told who is under a
   child allowance where the member's own ``ep_child_allowance`` cell is null — as
   ``assess_layers`` fills :attr:`ExtremePovertyFacts.child_allowance` from the child
   decision (``None`` while that cannot be decided);
3. 低保, 低保边缘 and 刚性支出困难 given each member's 特困 status (recognised, or
   undecided): :mod:`civaffairs.batch._household_layers`;
4. each member's layer, by the rules of ``assess_layers``' ``_member_layers`` in their
   order (:func:`_branches`);
5. the two disability subsidies (:mod:`civaffairs.batch.disability_subsidies`) given the
   member's layer, their 特困 status (undecided where the 特困 decision cannot decide its
   conditions) and, where their own cells say nothing, the kind of child allowance they
   are under (:func:`civaffairs.assistance.children.allowance_kind`).

A household is left to the scalar picture (``scalar`` in the result) wherever the columns
could not give its row exactly: a parameter without a value in any of its decisions (the
scalar picture raises the first in its own order), a cell only the scalar reading looks at
(:func:`_scalar_reading`), a household the household programmes leave to it, or a run
whose columns the household programmes' columnar reader refuses as a whole (a column type
the one-by-one reading reads cell by cell).  Parity property tests
(``tests/unit/test_batch_layers.py``, ``test_the_columns_give_*``, and
``tests/unit/test_batch_layers_parity.py``) compare every row with the one-by-one table's,
on random registries with bad cells and retyped columns, parameters not in force and
undecided members.

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
import pyarrow.compute as pc

from civaffairs import jurisdictions, registry
from civaffairs.assistance import children as scalar_children
from civaffairs.assistance import layers as scalar_layers
from civaffairs.batch._columns import arrow
from civaffairs.batch._common import R_INVALID_VALUE, R_PARAMETER_UNAVAILABLE, is_division
from civaffairs.batch._extreme_poverty_columns import CHILD as _EP_CHILD
from civaffairs.batch.schema import KIND_VALUES, RECEIVING_COLUMN
from civaffairs.entities import AssistanceLayer, ChildAllowance
from civaffairs.errors import InvalidDocumentError, InvalidInputError
from civaffairs.identity import EARLIEST_BIRTH_DATE
from civaffairs.parameters import ParameterBook

__all__ = ["PROGRAMMES", "REASONS", "Decided", "decide", "has_code", "lists_of"]

Bools = npt.NDArray[np.bool_]
Ints = npt.NDArray[np.int64]

#: The layers, most protected first (a layer's index is its rank).
LAYERS: Final = tuple(layer.value for layer in AssistanceLayer)
_EP, _DIBAO, _MARGINAL, _RIGID, _NONE = range(5)

#: The programmes of the picture in the order of ``LayeredAssessment.decisions`` (so in the
#: order ``programmes`` and ``undecided`` list them).
PROGRAMMES: Final = (
    "assistance.dibao",
    "assistance.marginal",
    "assistance.rigid_expenditure",
    "assistance.extreme_poverty",
    "assistance.children",
    "assistance.disability_subsidies.living",
    "assistance.disability_subsidies.care",
)
_P_DIBAO, _P_MARGINAL, _P_RIGID, _P_EP, _P_CHILDREN, _P_LIVING, _P_CARE = range(7)

#: The picture's own reason codes, in the order ``assess_layers`` may add them.
REASONS: Final = (
    scalar_layers.R_EXTREME_POVERTY.code,
    scalar_layers.R_DIBAO_PENDING.code,
    scalar_layers.R_DIBAO_ALONE.code,
    scalar_layers.R_DIBAO.code,
    scalar_layers.R_MARGINAL.code,
    scalar_layers.R_RIGID.code,
    scalar_layers.R_UNDECIDED.code,
    scalar_layers.R_LAYER.code,
)

_OUTCOMES: Final = ("not_eligible", "eligible", "cannot_decide")
_NOT_ELIGIBLE, _ELIGIBLE, _CANNOT_DECIDE = range(3)

#: What "receiving" counts: the assistance programmes (as :data:`layers.ASSISTANCE`).
_ASSISTANCE: Final = tuple(
    sorted(
        entry.code
        for entry in registry.ENTRIES
        if entry.code.startswith("assistance.") and entry.code != "assistance.layers"
    )
)
_KNOWN_CODES: Final = tuple(sorted(entry.code for entry in registry.ENTRIES))


@attrs.frozen
class Decided:
    """A run of households decided in columns; arrays of one value per household.

    ``scalar`` marks the households these columns do not give (their other values are
    meaningless): the caller decides them with the scalar picture.  ``layer`` is an index
    into :data:`LAYERS`; ``in_layer`` the members per layer (households × 5); ``monthly``
    the monthly fen per programme of :data:`PROGRAMMES` (households × 7); ``granted`` and
    ``undecided`` bit sets over :data:`PROGRAMMES`; ``reasons`` bit set over
    :data:`REASONS` with ``order`` the first-appearance order of the three member codes;
    ``newly_found`` -1 (unknown), 0 or 1.  ``marked``: the households with a bad cell of a
    person programme's own columns (as ``layers._person_marks`` marks them), the columns
    named in ``problems`` (by household).
    """

    scalar: Bools
    marked: Bools
    problems: Mapping[int, tuple[str, ...]]
    layer: Ints
    in_layer: Ints
    monthly: Ints
    granted: Ints
    undecided: Ints
    reasons: Ints
    order: Ints
    newly_found: Ints


def _outcomes(result: pa.Table) -> Ints:
    """Return a per-person programme result's ``outcome`` column as codes of :data:`_OUTCOMES`."""
    column: Any = result.column("outcome").combine_chunks()
    names = column.dictionary.to_pylist()
    recode = np.array([_OUTCOMES.index(name) for name in names], dtype=np.int64)
    return recode[np.asarray(column.indices.to_numpy(zero_copy_only=False), dtype=np.int64)]


def has_code(result: pa.Table, codes: Sequence[str]) -> Bools:
    """Return, per row of a programme's result, whether its ``reasons`` hold one of ``codes``."""
    reasons: Any = result.column("reasons")
    reasons = (
        reasons.unify_dictionaries().combine_chunks()
        if _dictionary_items(reasons)
        else (reasons.combine_chunks())
    )
    flat: Any = pc.list_flatten(reasons)
    parents = np.asarray(pc.list_parent_indices(reasons).to_numpy(zero_copy_only=False))
    wanted = pa.array(list(codes), type=pa.string())
    if isinstance(flat.type, pa.DictionaryType):
        known = pc.is_in(flat.dictionary.cast(pa.string()), value_set=wanted)
        in_dictionary = np.asarray(known.to_numpy(zero_copy_only=False), dtype=np.bool_)
        indices = np.asarray(flat.indices.fill_null(0).to_numpy(zero_copy_only=False))
        hit = (
            in_dictionary[indices]
            & ~np.asarray(flat.is_null().to_numpy(zero_copy_only=False), dtype=np.bool_)
            if len(in_dictionary)
            else np.zeros(len(flat), dtype=np.bool_)
        )
    else:
        flat = _strings(flat)
        hit = np.asarray(
            pc.is_in(flat, value_set=wanted).fill_null(False).to_numpy(zero_copy_only=False),
            dtype=np.bool_,
        )
    found = np.zeros(len(reasons), dtype=np.bool_)
    found[parents[hit]] = True
    return found


def _dictionary_items(column: Any) -> bool:
    """Whether a list column's items are dictionary-encoded."""
    return isinstance(column.type.value_type, pa.DictionaryType)


def _strings(values: Any) -> Any:
    """Return list items as plain strings (from dictionary-encoded or null-typed items)."""
    if isinstance(values.type, pa.DictionaryType) or pa.types.is_null(values.type):
        return values.cast(pa.string())
    return values


def _per_household(values: npt.NDArray[Any], starts: Ints, count: int) -> npt.NDArray[Any]:
    """Sum per household of a per-person array (households start at ``starts``)."""
    if len(values) == 0:
        return np.zeros(count, dtype=np.int64)
    return np.add.reduceat(values.astype(np.int64), starts) if count else np.zeros(0, np.int64)


def _any(values: Bools, starts: Ints, count: int) -> Bools:
    return _per_household(values, starts, count) > 0


def decide(
    table: pa.Table,
    starts: Ints,
    on: dt.date,
    *,
    book: ParameterBook,
    jurisdiction: str | None,
    households: Callable[..., Any] | None = None,
) -> Decided:
    """Decide the layered picture of ``table``'s households (starting at ``starts``) on ``on``.

    ``table`` holds whole households that the 低保 engine has read (the caller decides one
    by one those with a bad cell, and those in ``scalar``).  ``households`` is the household
    programmes' columnar form (:func:`civaffairs.batch._household_layers.decide_table` by
    default).
    """
    from civaffairs.batch import children, disability_subsidies, extreme_poverty  # noqa: PLC0415

    run = _Run(table, starts, on, book=book, jurisdiction=jurisdiction)

    # 1. The children's allowances.
    child = run.person(children.assess_table(table, on, workers=1, **run.options))
    run.marks.add(children.COLUMNS, child.result, 1)

    # 2. 特困, told who is under a child allowance where its own cell is null.
    extreme = run.person(
        extreme_poverty.assess_for_layers(
            run.with_child(child.outcome),
            on,
            book=book,
            jurisdiction=run.options["jurisdiction"],
        )
    )
    meets: Any = extreme.result.column("meets_conditions").combine_chunks()
    undecided = np.asarray(meets.is_null().to_numpy(zero_copy_only=False), dtype=np.bool_)
    recognised = np.asarray(meets.fill_null(False).to_numpy(zero_copy_only=False), dtype=np.bool_)

    # 3. The household programmes, given each member's 特困 status.
    try:
        part = (households or _default_households())(
            table,
            on,
            book=book,
            jurisdiction=jurisdiction,
            recognised=recognised,
            undecided=undecided,
        )
    except InvalidDocumentError:
        # A column the household programmes' columnar forms refuse as a whole (an
        # expenditure column of decimals, say), which the one-by-one reading reads cell by
        # cell (and refuses where a cell is bad): every household of the run one by one.
        part = _none_decided(run.rows, run.count)
    run.scalar |= part.fallback | _has_any_unavailable(part.unavailable, run.count)

    # 4. Each member's layer.
    branch = _branches(part, recognised, undecided, run.of_row)
    layer = _BRANCH_LAYER[branch]

    # 5. The disability subsidies, given the layer, 特困 status and the child allowance.
    handed = disability_subsidies.Given(
        layer=layer,
        extreme=recognised,
        extreme_unknown=undecided,
        child_kind=_allowance_kinds(child.result, child.outcome),
    )
    subsidies = run.person(
        disability_subsidies.assess_given(table, on, given=handed, **run.options), times=2
    )
    run.marks.add(disability_subsidies.COLUMNS, subsidies.result, 2)
    run.marks.add(extreme_poverty.COLUMNS, extreme.result, 1)
    return run.decided(part, branch, layer, (extreme, child, subsidies))


def _default_households() -> Callable[..., Any]:
    """Return the household programmes in columns (:mod:`civaffairs.batch._household_layers`).

    A household with a bad cell there, or one it leaves to the scalar rules, is decided one
    by one.
    """
    from civaffairs.batch._household_layers import decide_table  # noqa: PLC0415 - cycle

    def decide(table: pa.Table, on: dt.date, **options: Any) -> Any:
        found = decide_table(table, on, **options)
        return attrs.evolve(found, fallback=found.fallback | found.bad)

    return decide


def _none_decided(rows: int, count: int) -> Any:
    """Return the household part of a run it cannot read in columns: all left to the scalar."""
    from civaffairs.batch._household_layers import HouseholdDecisions  # noqa: PLC0415 - cycle

    none = np.zeros(count, dtype=np.int64)
    nobody = np.zeros(rows, dtype=np.bool_)
    return HouseholdDecisions(
        dibao=none,
        dibao_fen=none,
        alone=nobody,
        pending=none != 0,
        tentative_alone=nobody,
        tentative_whole=none != 0,
        counted=nobody,
        marginal=none,
        rigid=none,
        unavailable={},
        fallback=np.ones(count, dtype=np.bool_),
        bad=none != 0,
    )


@attrs.frozen
class _Person:
    """A person programme's result: the table, outcome codes and amounts (``times`` a person)."""

    result: pa.Table
    outcome: Ints
    fen: Ints


class _Run:
    """One run of households decided in columns: what every step shares."""

    def __init__(
        self,
        table: pa.Table,
        starts: Ints,
        on: dt.date,
        *,
        book: ParameterBook,
        jurisdiction: str | None,
    ) -> None:
        self.table, self.starts, self.on = table, starts, on
        self.rows, self.count = table.num_rows, len(starts)
        self.of_row = np.repeat(np.arange(self.count), np.diff(np.append(starts, self.rows)))
        self.options: dict[str, Any] = {
            "book": book,
            "errors": "mark",
            "jurisdiction": jurisdiction,
        }
        self.scalar = _scalar_reading(table, starts, self.count)
        self.stopped = np.zeros(self.rows, dtype=np.bool_)
        self.marks = _Marks(table)

    def person(self, result: pa.Table, times: int = 1) -> _Person:
        """Read a person programme's result; a person it could not read or decide stops."""
        stopped = has_code(result, (R_PARAMETER_UNAVAILABLE.code, R_INVALID_VALUE.code))
        self.stopped |= stopped.reshape(self.rows, times).any(axis=1)
        fen = np.asarray(result.column("amount_fen").to_numpy(), dtype=np.int64)
        return _Person(result, _outcomes(result), fen)

    def with_child(self, outcome: Ints) -> pa.Table:
        """Return the table with ``ep_child_allowance`` filled from the child decisions."""
        under = arrow(np.where(outcome == _ELIGIBLE, True, False), mask=outcome == _CANNOT_DECIDE)
        given = _child_allowance_cells(self.table)
        if given is False:  # not a column of booleans: its cells are refused, as one by one
            self.scalar[:] = True
            return self.table
        filled = pc.coalesce(given, under) if given is not None else under
        return _with_column(self.table, _EP_CHILD, filled)

    def decided(
        self, part: Any, branch: Ints, layer: Ints, people: tuple[_Person, _Person, _Person]
    ) -> Decided:
        """Return the households' rows from the decisions taken."""
        starts, count, of_row = self.starts, self.count, self.of_row
        extreme, child, subsidies = people
        in_layer = np.zeros((count, len(LAYERS)), dtype=np.int64)
        np.add.at(in_layer, (of_row, layer), 1)
        ds_outcome = subsidies.outcome.reshape(self.rows, 2)
        ds_fen = subsidies.fen.reshape(self.rows, 2)
        monthly = np.zeros((count, len(PROGRAMMES)), dtype=np.int64)
        granted = np.zeros(count, dtype=np.int64)
        undecided = np.zeros(count, dtype=np.int64)
        for index, outcome in (
            (_P_DIBAO, part.dibao),
            (_P_MARGINAL, part.marginal),
            (_P_RIGID, part.rigid),
        ):
            granted |= (np.asarray(outcome) == _ELIGIBLE).astype(np.int64) << index
            undecided |= (np.asarray(outcome) == _CANNOT_DECIDE).astype(np.int64) << index
        monthly[:, _P_DIBAO] = np.where(np.asarray(part.dibao) == _ELIGIBLE, part.dibao_fen, 0)
        for index, outcome, fen in (
            (_P_EP, extreme.outcome, extreme.fen),
            (_P_CHILDREN, child.outcome, child.fen),
            (_P_LIVING, ds_outcome[:, 0], ds_fen[:, 0]),
            (_P_CARE, ds_outcome[:, 1], ds_fen[:, 1]),
        ):
            eligible = outcome == _ELIGIBLE
            monthly[:, index] = _per_household(np.where(eligible, fen, 0), starts, count)
            granted |= _any(eligible, starts, count).astype(np.int64) << index
            undecided |= _any(outcome == _CANNOT_DECIDE, starts, count).astype(np.int64) << index
        reasons, order = _reasons(part, branch, of_row, starts, undecided)
        marked, problems = self.marks.by_household(of_row, count)
        return Decided(
            scalar=self.scalar | _any(self.stopped, starts, count),
            marked=marked,
            problems=problems,
            layer=np.argmax(in_layer > 0, axis=1).astype(np.int64),
            in_layer=in_layer,
            monthly=monthly,
            granted=granted,
            undecided=undecided,
            reasons=reasons,
            order=order,
            newly_found=_newly_found(
                self.table, starts, count, eligible=granted != 0, pending=undecided != 0
            ),
        )


class _Marks:
    """The bad cells of the person programmes' own columns, as ``layers._person_marks`` finds them.

    A programme none of whose columns is in the table is not counted (nothing of it read);
    each result row (``times`` a person) with ``batch.invalid_value`` marks its person, and
    the columns it names are added in the programmes' order (children, the disability
    subsidies, 特困).
    """

    def __init__(self, table: pa.Table) -> None:
        self.names = frozenset(table.column_names)
        self.found: list[tuple[Ints, list[tuple[str, ...]]]] = []

    def add(self, columns: Mapping[str, Any], result: pa.Table, times: int) -> None:
        """Take one programme's result (``times`` rows a person)."""
        if not any(name in self.names for name in columns):
            return
        hits = np.flatnonzero(has_code(result, (R_INVALID_VALUE.code,)))
        named = result.column("problems").take(arrow(hits)).to_pylist()
        self.found.append((hits // times, [tuple(n or ()) for n in named]))

    def by_household(self, of_row: Ints, count: int) -> tuple[Bools, dict[int, tuple[str, ...]]]:
        """Return the households marked and, per household, the columns named (in order)."""
        marked = np.zeros(count, dtype=np.bool_)
        per_row: dict[int, list[str]] = {}
        for rows, named in self.found:
            for row, names in zip(rows.tolist(), named, strict=True):
                per_row.setdefault(row, []).extend(names)
        problems: dict[int, dict[str, None]] = {}
        for row in sorted(per_row):
            at = int(of_row[row])
            marked[at] = True
            problems.setdefault(at, {}).update(dict.fromkeys(per_row[row]))
        return marked, {at: tuple(names) for at, names in problems.items()}


def _has_any_unavailable(unavailable: Mapping[str, Bools], count: int) -> Bools:
    found = np.zeros(count, dtype=np.bool_)
    for mask in unavailable.values():
        found |= mask
    return found


def _child_allowance_cells(table: pa.Table) -> Any:
    """Return the ``ep_child_allowance`` cells: ``None`` if absent, ``False`` if not booleans."""
    if _EP_CHILD not in table.column_names:
        return None
    column: Any = table.column(_EP_CHILD).combine_chunks()
    if pa.types.is_null(column.type):
        return None
    if not pa.types.is_boolean(column.type):
        return False
    return column


def _with_column(table: pa.Table, name: str, values: Any) -> pa.Table:
    if name in table.column_names:
        return table.set_column(table.column_names.index(name), name, values)
    return table.append_column(name, values)


def _allowance_kinds(child: pa.Table, outcome: Ints) -> Ints:
    """Per person, the :class:`ChildAllowance` index the child decision gives; -1 undecided.

    As :func:`civaffairs.assistance.children.allowance_kind`: none when not eligible, the
    orphan allowance, the 事实无人抚养 top-up, or the allowance in full.
    """
    kinds = list(ChildAllowance)
    orphan = has_code(child, (scalar_children.R_ORPHAN.code,))
    top_up = has_code(child, (scalar_children.R_TOP_UP.code,))
    found = np.where(
        orphan,
        kinds.index(ChildAllowance.ORPHAN),
        np.where(
            top_up,
            kinds.index(ChildAllowance.UNSUPPORTED_TOP_UP),
            kinds.index(ChildAllowance.UNSUPPORTED_IN_FULL),
        ),
    )
    found = np.where(outcome == _ELIGIBLE, found, kinds.index(ChildAllowance.NONE))
    return np.where(outcome == _CANNOT_DECIDE, -1, found).astype(np.int64)


#: The branches of ``assess_layers._member_layers``, in order (the first that holds wins),
#: and the layer each places the member in.
_B_EP, _B_PENDING, _B_ALONE, _B_WHOLE, _B_MARGINAL, _B_RIGID, _B_NONE = range(7)
_BRANCH_LAYER: Final = np.array([_EP, _DIBAO, _DIBAO, _DIBAO, _MARGINAL, _RIGID, _NONE])


def _branches(part: Any, recognised: Bools, undecided: Bools, of_row: Ints) -> Ints:
    """Which rule of ``assess_layers._member_layers`` places each member (first wins).

    特困 when they meet every 特困 condition; 低保 while undecided if the tentative 低保
    decision covers them (alone, or as a counted member of a household it covers as a
    whole); 低保 when covered alone; 低保 as a counted member of a household covered as a
    whole; 低保边缘 or 刚性支出困难 as a counted member of a household recognised so; else
    none.
    """
    count = len(part.dibao)
    whole = np.asarray(part.dibao)[of_row] == _ELIGIBLE
    alone = np.asarray(part.alone, dtype=np.bool_)
    any_alone = np.zeros(count, dtype=np.bool_)
    any_alone[of_row[alone]] = True
    as_a_whole = whole & ~any_alone[of_row]
    counted = np.asarray(part.counted, dtype=np.bool_)
    pending = np.asarray(part.tentative_alone, dtype=np.bool_) | (
        counted & np.asarray(part.tentative_whole, dtype=np.bool_)[of_row]
    )
    edge = np.asarray(part.marginal)[of_row] == _ELIGIBLE
    rigid = np.asarray(part.rigid)[of_row] == _ELIGIBLE
    return np.select(
        [
            recognised,
            undecided & pending,
            alone,
            counted & as_a_whole,
            counted & edge,
            counted & rigid,
        ],
        [_B_EP, _B_PENDING, _B_ALONE, _B_WHOLE, _B_MARGINAL, _B_RIGID],
        default=_B_NONE,
    ).astype(np.int64)


def _reasons(
    part: Any, branch: Ints, of_row: Ints, starts: Ints, undecided: Ints
) -> tuple[Ints, Ints]:
    """Return the picture's reason codes per household: a bit set over :data:`REASONS`, an order.

    The member codes (特困, 低保 pending, 低保 alone) are added member by member; a code is
    listed once, where it first appears (``order``: the three codes ranked by their first
    member, as a key).  Then 低保 as a whole, 低保边缘, 刚性支出困难, undecided, the layer.
    """
    count, rows = len(starts), len(branch)
    bits = np.zeros(count, dtype=np.int64)
    first = np.full((count, 3), rows, dtype=np.int64)
    index = np.arange(rows, dtype=np.int64)
    for code, rule in enumerate((_B_EP, _B_PENDING, _B_ALONE)):
        hit = branch == rule
        bits |= _any(hit, starts, count).astype(np.int64) << code
        np.minimum.at(first[:, code], of_row[hit], index[hit])
    whole = np.asarray(part.dibao) == _ELIGIBLE
    any_alone = _any(np.asarray(part.alone, dtype=np.bool_), starts, count)
    bits |= (whole & ~any_alone).astype(np.int64) << 3
    bits |= (np.asarray(part.marginal) == _ELIGIBLE).astype(np.int64) << 4
    bits |= (np.asarray(part.rigid) == _ELIGIBLE).astype(np.int64) << 5
    bits |= (undecided != 0).astype(np.int64) << 6
    bits |= 1 << 7
    order = np.argsort(first, axis=1, kind="stable")
    key = order[:, 0] * 9 + order[:, 1] * 3 + order[:, 2]
    return bits, key.astype(np.int64)


def reason_codes(bits: int, order: int) -> tuple[str, ...]:
    """Return the reason codes a household's ``reasons`` bits and ``order`` key stand for."""
    ranked = (order // 9, (order // 3) % 3, order % 3)
    codes = [REASONS[code] for code in ranked if bits >> code & 1]
    codes.extend(REASONS[code] for code in range(3, len(REASONS)) if bits >> code & 1)
    return tuple(codes)


def programme_codes(bits: int) -> tuple[str, ...]:
    """Return the programme codes a ``granted`` or ``undecided`` bit set stands for."""
    return tuple(code for index, code in enumerate(PROGRAMMES) if bits >> index & 1)


def lists_of(keys: Ints, spell: Callable[[int], tuple[str, ...] | None]) -> Any:
    """Build a ``list<string>`` column from per-household keys, spelling each distinct key once.

    ``spell(key)`` returns the key's list, or ``None`` for a null cell.
    """
    count = len(keys)
    distinct, inverse = np.unique(keys, return_inverse=True)
    spelled = [spell(int(key)) for key in distinct]
    lengths = np.array([0 if s is None else len(s) for s in spelled], dtype=np.int64)
    null = np.array([s is None for s in spelled], dtype=np.bool_)
    per = lengths[inverse] if count else np.zeros(0, dtype=np.int64)
    offsets = np.zeros(count + 1, dtype=np.int64)
    np.cumsum(per, out=offsets[1:])
    vocabulary = sorted({code for s in spelled if s for code in s})
    where = {code: at for at, code in enumerate(vocabulary)}
    flat = np.zeros(int(offsets[-1]), dtype=np.int32)
    for at, words in enumerate(spelled):
        if not words:
            continue
        mine = np.flatnonzero(inverse == at)
        for position, word in enumerate(words):
            flat[offsets[mine] + position] = where[word]
    values = pa.array(vocabulary, type=pa.string()).take(arrow(flat))
    mask = arrow(null[inverse]) if null.any() else None
    return pa.ListArray.from_arrays(pa.array(offsets, type=pa.int32()), values, mask=mask)


def _newly_found(
    table: pa.Table, starts: Ints, count: int, *, eligible: Bools, pending: Bools
) -> Ints:
    """Newly found (主动发现), as ``layers._newly_found``: 1, 0, or -1 for not known."""
    rows = table.num_rows
    if RECEIVING_COLUMN in table.column_names:
        column: Any = table.column(RECEIVING_COLUMN).combine_chunks()
        null = np.asarray(column.is_null().to_numpy(zero_copy_only=False), dtype=np.bool_)
        if pa.types.is_null(column.type):
            receives = np.zeros(rows, dtype=np.bool_)
        else:
            flat = _strings(pc.list_flatten(column))
            parents = np.asarray(pc.list_parent_indices(column).to_numpy(zero_copy_only=False))
            hit = np.asarray(
                pc.fill_null(pc.is_in(flat, value_set=pa.array(list(_ASSISTANCE))), False).to_numpy(
                    zero_copy_only=False
                ),
                dtype=np.bool_,
            )
            receives = np.zeros(rows, dtype=np.bool_)
            receives[parents[hit]] = True
    else:
        null = np.ones(rows, dtype=np.bool_)
        receives = np.zeros(rows, dtype=np.bool_)
    any_receives = _any(receives, starts, count)
    any_null = _any(null, starts, count)
    return np.select(
        [~eligible & ~pending, any_receives, ~eligible | any_null],
        [0, 0, -1],
        default=1,
    ).astype(np.int64)


def _scalar_reading(table: pa.Table, starts: Ints, count: int) -> Bools:
    """Return the households with a cell only the scalar reading refuses (``layers._cell_errors``).

    A blank household id, a birth date before 1850, a registration that is no county-level
    division (the scalar household programmes refuse one above county level), a
    jurisdiction cell that is none, a registration kind not known, a ``receiving`` value
    that is no programme code: the scalar picture names the cell; the columns leave it to
    it.
    """
    rows = table.num_rows
    suspect = np.zeros(rows, dtype=np.bool_)
    ids: Any = table.column("household_id")
    if pa.types.is_dictionary(ids.type):  # a dictionary-encoded id is read as its text too
        ids = ids.cast(ids.type.value_type)
    if pa.types.is_string_view(ids.type):  # as household_starts reads it
        ids = ids.cast(pa.string())
    if pa.types.is_string(ids.type) or pa.types.is_large_string(ids.type):
        blank = pc.equal(pc.utf8_trim_whitespace(ids), pa.scalar(""))
        suspect |= np.asarray(blank.fill_null(False).to_numpy(zero_copy_only=False), np.bool_)
    if "birth_date" in table.column_names:
        born: Any = table.column("birth_date")
        if pa.types.is_timestamp(born.type):
            born = born.cast(pa.date32())
        early = pc.less(born, pa.scalar(EARLIEST_BIRTH_DATE, type=pa.date32()))
        suspect |= np.asarray(early.fill_null(False).to_numpy(zero_copy_only=False), np.bool_)
    for name in ("registration", "jurisdiction"):
        if name in table.column_names:
            suspect |= _not_county(table.column(name))
    if "registration_kind" in table.column_names:
        kind: Any = table.column("registration_kind")
        unknown = pc.invert(pc.is_in(kind.cast(pa.string()), value_set=pa.array(list(KIND_VALUES))))
        known = pc.is_null(kind)
        bad = pc.and_(unknown, pc.invert(known))
        suspect |= np.asarray(bad.fill_null(False).to_numpy(zero_copy_only=False), np.bool_)
    if RECEIVING_COLUMN in table.column_names:
        column: Any = table.column(RECEIVING_COLUMN).combine_chunks()
        if not pa.types.is_null(column.type):
            flat = _strings(pc.list_flatten(column))
            parents = np.asarray(pc.list_parent_indices(column).to_numpy(zero_copy_only=False))
            known_codes = pc.is_in(flat, value_set=pa.array(list(_KNOWN_CODES)))
            bad = np.asarray(
                pc.invert(known_codes).fill_null(True).to_numpy(zero_copy_only=False), np.bool_
            )
            suspect[parents[bad]] = True
    return _any(suspect, starts, count)


def _not_county(column: Any) -> Bools:
    """Per row, whether a non-null code is not a county-level division (or no division)."""
    values = column.cast(pa.string()).combine_chunks().dictionary_encode()
    words: list[str] = values.dictionary.to_pylist()
    bad = np.array(
        [not (is_division(word) and _is_county(word)) for word in words],
        dtype=np.bool_,
    )
    indices = values.indices.fill_null(-1).to_numpy(zero_copy_only=False)
    return np.where(indices >= 0, bad[np.maximum(indices, 0)] if len(bad) else False, False)


def _is_county(code: str) -> bool:
    """Whether ``code`` is county level, as :func:`civaffairs.jurisdictions.require_county` says."""
    try:
        jurisdictions.require_county(code, path="$", why="")
    except InvalidInputError:
        return False
    return True
