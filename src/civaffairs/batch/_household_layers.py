"""Step 3 of the layered picture in columns: the household programmes given 特困 statuses.

:func:`civaffairs.assistance.layers.assess_layers` decides each household's programmes
*given its members' 特困 decisions* (its ``_household_programmes``)::

    whole = dibao.assess(h, on, extreme_poverty=extreme)
    edge = marginal.assess(h, on, dibao_decision=whole, extreme_poverty=extreme)
    rigid = rigid_expenditure.assess(h, on, dibao_decision=whole, marginal_decision=edge, ...)

and then places its members from them (its ``_place``).  :func:`decide_households` takes
the same steps for a slice of households at once, with the columnar forms of the three
rules (:mod:`civaffairs.batch.dibao`, :mod:`civaffairs.batch.marginal`,
:mod:`civaffairs.batch.rigid_expenditure`), told per person who is left out:

- **No double coverage** (民发〔2021〕57号 art. 7 second paragraph (三), "省级人民政府民政
  部门根据本条原则和有关程序认定的其他人员"; ``assistance.dibao.members.exclude_extreme_poverty``,
  read — as the scalar rules read it — only for a household with a member recognised or
  undecided): where the flag is on, a member who meets every 特困 condition is left out of
  the family (members, income, amount) and the rest is judged on its own; where it is off,
  they are counted and the household is in the 特困 layer for 低保边缘 and 刚性支出困难.
- **Undecided members** (``meets_conditions`` ``None``) with the flag on: the scalar 低保
  rule decides with every set of them left out
  (:func:`~civaffairs.assistance.means.undecided_choices`, the empty set first, up to
  :data:`~civaffairs.assistance.means.MAX_UNDECIDED` of them; more is "cannot decide")
  and compares outcome and amount; 低保边缘 and 刚性支出困难 try every set on their own
  tests (:func:`~civaffairs.assistance.means.undecided_matters`).  Here the households
  with such members are copied once per set (the empty set too), every copy is decided
  in one columnar pass with that set left out, and each copy is compared with the copy
  that leaves nobody out.

Parameters not in force are reported per name, never guessed
(:attr:`HouseholdDecisions.unavailable`): what the three calls read for the household, and
what 低保 reads for each way it decides (the scalar rule decides every way).  The tests of
低保边缘 and 刚性支出困难 repeated on the members left (``undecided_matters``) read nothing
the first way does not: leaving members out only takes away their own income (assets and
expenditures are the household's in the table), so a way's spending test passes wherever
the first way's does and reads the second (medical and accident) test no more often.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt
import pyarrow as pa

from civaffairs.assistance import dibao as scalar_dibao
from civaffairs.assistance.dibao import OUTCOME_CODES
from civaffairs.assistance.means import EXCLUDE_EXTREME_POVERTY, MAX_UNDECIDED
from civaffairs.batch import dibao as batch_dibao
from civaffairs.batch import marginal as batch_marginal
from civaffairs.batch import rigid_expenditure as batch_rigid
from civaffairs.batch._columns import Bools, Ints
from civaffairs.batch._common import any_bad
from civaffairs.batch._persons import Facts, HouseholdPlaces
from civaffairs.batch.arrays import Households
from civaffairs.batch.plumbing import (
    Frame,
    PerGroup,
    Readers,
    household_slices,
    per_group,
    remembered,
)
from civaffairs.decisions import Outcome
from civaffairs.entities import AssetType, ExpenditureType
from civaffairs.errors import InvalidInputError
from civaffairs.parameters import ParameterBook, default_book

__all__ = ["HouseholdDecisions", "decide_households", "decide_table"]

_ELIGIBLE = OUTCOME_CODES[Outcome.ELIGIBLE]
_CANNOT_DECIDE = OUTCOME_CODES[Outcome.CANNOT_DECIDE]


@attrs.frozen
class HouseholdDecisions:
    """The household programmes of the layered picture, per household of a slice.

    Per household (arrays of length ``households.count``) unless said per person (the
    slice's rows).  Where :attr:`unavailable` or :attr:`fallback` or :attr:`bad` marks a
    household, its other values mean nothing.

    - ``dibao``: the outcome code (:data:`~civaffairs.assistance.dibao.OUTCOME_CODES`) of
      ``whole``, the 低保 decision given the 特困 decisions; ``dibao_fen`` its monthly
      amount in fen (0 unless eligible);
    - ``alone`` (per person): covered alone (单人户) by ``whole`` — the members
      ``layers._covered_alone(whole)`` returns;
    - ``pending``: ``whole`` cannot be decided because undecided 特困 members change it
      (``assistance.dibao.extreme_poverty_unknown``); then ``layers._place`` takes the
      ``tentative`` decision (those members counted): ``tentative_alone`` (per person) the
      members it covers alone, ``tentative_whole`` whether it grants the household as a
      whole (both false where not pending);
    - ``counted`` (per person): counted by :func:`civaffairs.assistance.dibao.counted_members`
      with nobody left out, as ``_place`` counts;
    - ``marginal``, ``rigid``: the outcome codes of ``edge`` and ``rigid``;
    - ``unavailable``: per parameter name, the households whose scalar calls would raise
      :class:`~civaffairs.errors.ParameterError` for it, in the order the rules read them;
    - ``fallback``: the households not decided here — to decide with the scalar rules: an
      undecided 特困 member in a household owning a business entity whose value the table
      lacks (``asset_business_entity`` absent), where the columns' "every value of the
      entity" reasoning would have to be combined with every way of leaving members out;
    - ``bad``: the households with a bad cell (:func:`decide_table` only; the caller's reader
      knows them otherwise).

    .. versionadded:: 0.1.0
    """

    dibao: Ints
    dibao_fen: Ints
    alone: Bools
    pending: Bools
    tentative_alone: Bools
    tentative_whole: Bools
    counted: Bools
    marginal: Ints
    rigid: Ints
    unavailable: Mapping[str, Bools]
    fallback: Bools
    bad: Bools


def decide_households(
    facts: Facts,
    households: Households,
    book: ParameterBook,
    on: dt.date,
    *,
    recognised: Bools,
    undecided: Bools,
    spent: Mapping[ExpenditureType, Ints] | None = None,
) -> HouseholdDecisions:
    """Decide 低保, 低保边缘 and 刚性支出困难 for a slice, given each member's 特困 status.

    ``recognised``/``undecided``: per person, whether
    :func:`civaffairs.assistance.extreme_poverty.meets_conditions` of the member's 特困
    decision is ``True`` / ``None`` (never both).  ``spent``: the households' expenditures
    per type in fen (:mod:`civaffairs.batch.rigid_expenditure`; ``None``: none spent).
    ``facts`` and ``households`` are a slice as :mod:`civaffairs.batch.dibao` reads it.

    .. versionadded:: 0.1.0
    """
    count, rows = households.count, len(households.of_row)
    recognised, undecided = _statuses(recognised, undecided, rows)
    of_row = households.of_row
    places = facts.places
    spent = spent if spent is not None else _nothing_spent(count)

    # The exclusion flag, read where a member is recognised or undecided (as the rules read it).
    flag = _exclusion(book, on, places.groups)
    has_ep = households.any(recognised | undecided)
    exclude = has_ep & (flag.values[places.group] != 0) & flag.found[places.group]
    supported = recognised & exclude[of_row]
    unknown = undecided & exclude[of_row]
    status = batch_marginal.ExtremeStatus(
        recognised=households.any(recognised), unknown=households.any(undecided), exclude=exclude
    )

    # Every way of leaving out undecided members, in copies (none when nobody is undecided).
    plain_counted = _counted(facts)
    ways = _Ways.decide(
        facts,
        households,
        (book, on),
        spent=spent,
        supported=supported,
        unknown=unknown,
        counted=plain_counted & ~supported,
    )

    # 低保 with the recognised members left out: the first way (no undecided member left out).
    base = batch_dibao._evaluate(facts, households, book, on, supported=supported)
    many = households.sum(unknown) > MAX_UNDECIDED
    pending = exclude & (many | ways.differ(count, ways.dibao_key, _dibao_key(base), ways.small))
    whole_outcome = np.where(pending, _CANNOT_DECIDE, base.outcome)
    whole_flags = dict(base.flags)
    for code in (scalar_dibao.R_SINGLE_PERSON.code, scalar_dibao.R_SINGLE_PERSON_UNKNOWN.code):
        whole_flags[code] = base.flags[code] & ~pending
    whole = attrs.evolve(base, outcome=whole_outcome, flags=whole_flags)
    base_eligible = base.outcome == _ELIGIBLE
    whole_eligible = whole_outcome == _ELIGIBLE

    # 低保边缘 given 低保, then 刚性支出困难 given both, each told where undecided members matter.
    edge_run = batch_marginal.evaluate(
        facts,
        households,
        book,
        on,
        supported=supported,
        dibao=whole,
        extreme=attrs.evolve(status, open=ways.matters(ways.edge)),
    )
    rigid_run = batch_rigid._evaluate(
        facts,
        households,
        spent,
        book,
        on,
        supported=supported,
        marginal=edge_run,
        extreme=attrs.evolve(status, open=ways.matters(ways.rigid)),
    )

    unavailable: dict[str, Bools] = {}
    missing_flag = has_ep & ~flag.found[places.group]
    if missing_flag.any():
        unavailable[EXCLUDE_EXTREME_POVERTY] = missing_flag
    for source in (
        base.unavailable,
        ways.dibao_unavailable(count),
        edge_run.unavailable,
        rigid_run.unavailable,
    ):
        _merge(unavailable, source)
    found = {EXCLUDE_EXTREME_POVERTY: flag} | base.errors | edge_run.found | rigid_run.found
    owns_unvalued = facts.owns[AssetType.BUSINESS_ENTITY] & (facts.business_value is None)
    return HouseholdDecisions(
        dibao=whole_outcome,
        dibao_fen=np.where(whole_eligible, base.amount, 0),
        alone=base.covered_p & (base.alone & whole_eligible)[of_row],
        pending=pending,
        tentative_alone=base.covered_p & (pending & base_eligible & base.alone)[of_row],
        tentative_whole=pending & base_eligible & ~base.alone,
        counted=plain_counted,
        marginal=np.asarray(edge_run.outcome, dtype=np.int64),
        rigid=np.asarray(rigid_run.outcome, dtype=np.int64),
        unavailable=batch_marginal.named_unavailable(unavailable, found, places.group),
        fallback=status.unknown & owns_unvalued,
        bad=np.zeros(count, dtype=np.bool_),
    )


def _statuses(recognised: Any, undecided: Any, rows: int) -> tuple[Bools, Bools]:
    """Check the per-person 特困 statuses: booleans, one per row, never both."""
    found = []
    for name, values in (("recognised", recognised), ("undecided", undecided)):
        array = np.asarray(values)
        if array.shape != (rows,) or array.dtype != np.bool_:
            raise InvalidInputError(
                f"$.{name}", f"{array.dtype}{list(array.shape)}", f"{rows} booleans, one a person"
            )
        found.append(array)
    both = np.flatnonzero(found[0] & found[1])
    if len(both):
        raise InvalidInputError(
            f"$.recognised[{int(both[0])}]",
            "recognised and undecided",
            "meets_conditions True, False or None: at most one of the two",
        )
    return found[0], found[1]


def _nothing_spent(count: int) -> dict[ExpenditureType, Ints]:
    return {kind: np.zeros(count, dtype=np.int64) for kind in ExpenditureType}


def _exclusion(book: ParameterBook, on: dt.date, groups: tuple[tuple[str, str], ...]) -> PerGroup:
    """``assistance.dibao.members.exclude_extreme_poverty`` per group, remembered for ``book``."""

    def look_up() -> PerGroup:
        return per_group(groups, lambda _kind: EXCLUDE_EXTREME_POVERTY, Readers(book, on).flag)

    return remembered(book, ("exclude_extreme_poverty", on, groups), look_up)


def _counted(facts: Facts) -> Bools:
    """Per person: counted by 57号 art. 7 with nobody left out (``dibao.counted_members``)."""
    counted, _missing = batch_dibao.members_counted(facts)
    return counted


def _dibao_key(run: Any) -> npt.NDArray[np.int64]:
    """Return what ``dibao.rule._same`` compares: the outcome, the amount if eligible (else -1)."""
    return np.stack([run.outcome, np.where(run.outcome == _ELIGIBLE, run.amount, -1)], axis=1)


def _merge(into: dict[str, Bools], more: Mapping[str, Bools]) -> None:
    for name, mask in more.items():
        into[name] = into[name] | mask if name in into else mask


# -- every way of leaving undecided members out -----------------------------------------------


@attrs.frozen
class _Ways:
    """The copies of the households with undecided members, one per non-empty set left out.

    Per copy: ``origin`` its household, ``dibao_key`` the 低保 outcome and amount
    (:func:`_dibao_key`), ``edge`` and ``rigid`` the 低保边缘 and 刚性支出困难 tests on the
    members left (an empty rest fails: ``undecided_matters``), ``small`` whether its
    household has at most :data:`MAX_UNDECIDED` undecided members (the 低保 rule decides
    those every way), ``unavailable`` the 低保 parameters the copy needs where not in force.
    Per household: ``too_many`` — more than :data:`MAX_UNDECIDED` undecided members the
    tests count (leaving them out always matters).  The first way, nobody left out, is the
    household itself, decided by the caller.
    """

    origin: Ints
    dibao_key: npt.NDArray[np.int64]
    edge: Bools
    rigid: Bools
    small: Bools
    unavailable: Mapping[str, Bools]
    too_many: Bools

    @classmethod
    def decide(
        cls,
        facts: Facts,
        households: Households,
        when: tuple[ParameterBook, dt.date],
        *,
        spent: Mapping[ExpenditureType, Ints],
        supported: Bools,
        unknown: Bools,
        counted: Bools,
    ) -> _Ways:
        """Copy and decide the households whose undecided members may be left out."""
        book, on = when
        of_row = households.of_row
        small = households.sum(unknown) <= MAX_UNDECIDED
        # 低保 tries every undecided member (all of them, or it waits); the tests below it try
        # those they count (for a small household the same answer: the others change nothing).
        choosable = unknown & (small[of_row] | counted)
        n = households.sum(choosable)
        chosen = np.flatnonzero((n >= 1) & (n <= MAX_UNDECIDED))
        too_many = n > MAX_UNDECIDED
        if len(chosen) == 0:
            nothing = np.zeros(0, dtype=np.bool_)
            empty = np.zeros((0, 2), dtype=np.int64)
            return cls(np.zeros(0, np.int64), empty, nothing, nothing, nothing, {}, too_many)
        copies = np.left_shift(1, n[chosen]) - 1
        origin = np.repeat(chosen, copies)
        # Each copy's set: a number from 1 to 2ⁿ - 1, one bit per choosable member.
        choice = np.arange(1, len(origin) + 1) - np.repeat(np.cumsum(copies) - copies, copies)
        rep_facts, rep_households, rows = _take(facts, households, origin)
        # Each choosable member's place among its household's (its bit of the choice).
        running = np.cumsum(choosable)
        before: Ints = (running - choosable)[households.starts]
        rank = running - 1 - before[of_row]
        bit = (choice[rep_households.of_row] >> np.maximum(rank[rows], 0)) & 1
        left_out = supported[rows] | (choosable[rows] & (bit == 1))
        dibao = batch_dibao._evaluate(rep_facts, rep_households, book, on, supported=left_out)
        edge = batch_marginal.evaluate(
            rep_facts, rep_households, book, on, supported=left_out, dibao=dibao
        )
        rigid = batch_rigid._evaluate(
            rep_facts,
            rep_households,
            {kind: column[origin] for kind, column in spent.items()},
            book,
            on,
            supported=left_out,
            marginal=edge,
        )
        return cls(
            origin=origin,
            dibao_key=_dibao_key(dibao),
            edge=(edge.counted > 0) & edge.income_ok & edge.assets_ok,
            rigid=rigid.conditions,
            small=small[origin],
            unavailable=dibao.unavailable,
            too_many=too_many,
        )

    def differ(
        self,
        count: int,
        values: npt.NDArray[Any],
        first: npt.NDArray[Any],
        only: Bools | None = None,
    ) -> Bools:
        """Per household: whether some copy's ``values`` differ from the first way's ``first``."""
        found = np.zeros(count, dtype=np.bool_)
        if len(self.origin) == 0:
            return found
        other = values != first[self.origin]
        if other.ndim > 1:
            other = other.any(axis=1)
        if only is not None:
            other &= only
        found[self.origin[other]] = True
        return found

    def matters(self, values: Bools) -> Callable[[Bools], Bools]:
        """Return ``undecided_matters`` for the copies' ``values``, given the first way's."""
        return lambda first: self.differ(len(first), values, first) | self.too_many

    def dibao_unavailable(self, count: int) -> dict[str, Bools]:
        """Per 低保 parameter, the households some way of which needs it where not in force."""
        found: dict[str, Bools] = {}
        for name, mask in self.unavailable.items():
            out = np.zeros(count, dtype=np.bool_)
            out[self.origin[mask & self.small]] = True
            found[name] = out
        return found


def _take(
    facts: Facts, households: Households, origin: Ints
) -> tuple[Facts, Households, npt.NDArray[np.intp]]:
    """Copy the households ``origin`` (with repeats) into a slice: its facts, index and rows."""
    sizes = households.sizes[origin]
    starts = np.cumsum(sizes) - sizes
    of_row = np.repeat(np.arange(len(origin)), sizes)
    rows = households.starts[origin][of_row] + (np.arange(int(sizes.sum())) - starts[of_row])
    applicant_row = starts + (households.applicant_row[origin] - households.starts[origin])
    copied = Households(starts, sizes, of_row, applicant_row)
    places = facts.places
    copied_places = HouseholdPlaces(
        registered=places.registered[origin],
        where=places.where[origin],
        names=places.names,
        group=places.group[origin],
        groups=places.groups,
    )
    copied_facts = Facts(
        relationship=facts.relationship[rows],
        age=facts.age[rows],
        excluded=facts.excluded[rows],
        dependent=facts.dependent[rows],
        lives=facts.lives[rows],
        candidate=facts.candidate[rows],
        unknown=facts.unknown[rows],
        income={kind: column[rows] for kind, column in facts.income.items()},
        household_income={kind: column[origin] for kind, column in facts.household_income.items()},
        financial=facts.financial[origin],
        owns={kind: column[origin] for kind, column in facts.owns.items()},
        places=copied_places,
        business_value=None if facts.business_value is None else facts.business_value[origin],
    )
    return copied_facts, copied, rows


# -- one slice of a table ---------------------------------------------------------------------


def decide_table(
    table: Frame,
    on: dt.date,
    book: ParameterBook | None = None,
    *,
    jurisdiction: str | None = None,
    recognised: Any,
    undecided: Any,
) -> HouseholdDecisions:
    """Read one slice of whole households (a persons table) and :func:`decide_households`.

    ``table`` is read as :func:`civaffairs.batch.assess_table` reads it (the expenditure
    columns of :mod:`civaffairs.batch.rigid_expenditure` included); ``recognised`` and
    ``undecided`` are per row (booleans; a pyarrow or numpy array or a list).  The
    households with a bad cell are marked ``bad``.

    .. versionadded:: 0.1.0
    """
    checked = batch_marginal.checked(table).combine_chunks()  # one slice: one chunk
    chosen = book or default_book()
    (piece,) = household_slices(checked, max(checked.num_rows, 1))
    part = batch_dibao._prepare_part(checked, piece, on, jurisdiction, 0)
    reader, households = part.reader, part.households
    spent = batch_rigid._read_spent(reader, households)
    bad = part.bad | households.any(any_bad(reader))
    decided = decide_households(
        part.facts,
        households,
        chosen,
        on,
        recognised=_bools(recognised),
        undecided=_bools(undecided),
        spent=spent,
    )
    return attrs.evolve(decided, bad=bad)


def _bools(values: Any) -> Bools:
    """Booleans from a pyarrow array (nulls false), a numpy array or a list."""
    if isinstance(values, pa.ChunkedArray | pa.Array):
        values = values.fill_null(pa.scalar(False)).to_numpy(zero_copy_only=False)
    return np.asarray(values, dtype=np.bool_)
