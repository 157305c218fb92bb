"""The layered picture (分层分类) of a whole registry: every household's layer, programmes and cost.

:func:`assess_table` answers the monitoring question of the seed plans
(低收入人口动态监测, 主动发现, 分层分类) for a persons table
(:mod:`civaffairs.batch.schema`): per household, the layer it is in, the
members in each layer, the programmes it is eligible for, those that cannot
be decided yet, its monthly cost per programme, and whether it is *newly
found* — eligible for something while no member receives anything today.

**Exact: the scalar picture's rows, in columns.**  The layer rule has one source of
truth, the scalar :func:`civaffairs.assistance.layers.assess_layers` (特困 > 低保 >
低保边缘 > 刚性支出困难 > none, with its articles and its care about members counted
twice).  Runs of households are decided in columns
(:mod:`civaffairs.batch._layered_columns`): the programmes' columnar forms — each sharing
its rule bodies with its scalar rule and proven equal to it by a parity test — composed
in ``assess_layers``' order and with its hand-overs (the child allowance to 特困; each
member's 特困 status to 低保, 低保边缘 and 刚性支出困难, undecided members decided every
way, :mod:`civaffairs.batch._household_layers`; the layer and 特困 status to the
disability subsidies), each member placed by the same rule.  A household the columns
cannot give exactly (a cell only the scalar reading refuses, a parameter without a
value, a fact reader added to :data:`FACT_READERS`) is decided one by one by
``assess_layers`` itself; a parity test compares the two ways cell for cell on fuzzed
registries.  The table is read and checked first by the 低保 engine's own reader, so a
bad cell, a household split across the table or one person given twice is refused or
marked exactly as :func:`civaffairs.batch.assess_table` does.  Large tables are decided
in worker processes (``benchmarks/bench_layers.py`` measures it against the 低保 screen).

Temporary assistance (临时救助) is decided per hardship event and is not part
of a registry screen; the per-member facts of the person programmes (特困,
the children's allowances, the disability subsidies) are read from their own
columns where the table has them (``ep_``, ``child_`` and ``ds_``: see
:mod:`civaffairs.batch.extreme_poverty`, :mod:`civaffairs.batch.children` and
:mod:`civaffairs.batch.disability_subsidies`, whose columnar forms check those cells;
:data:`FACT_READERS`), and are otherwise "not established" — which makes
those decisions "cannot decide" wherever the fact matters, never a guess.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import concurrent.futures
import copy
import datetime as dt
import multiprocessing
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, Final

import attrs
import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from civaffairs import jurisdictions, registry
from civaffairs.assistance.dibao import RELATIONSHIP_CODES
from civaffairs.assistance.layers import LayeredAssessment, MemberFacts, assess_layers
from civaffairs.batch import _layered_columns
from civaffairs.batch._columns import arrow, household_starts
from civaffairs.batch._common import (
    R_INVALID_VALUE,
    R_PARAMETER_UNAVAILABLE,
    Errors,
    check_errors,
    is_division,
    workers_for,
)
from civaffairs.batch._layered_columns import Decided
from civaffairs.batch.plumbing import Frame
from civaffairs.batch.report import WhatIf
from civaffairs.batch.schema import (
    KIND_VALUES,
    RECEIVING_COLUMN,
    household_from_rows,
    member_ids,
    relationship_values,
)
from civaffairs.decisions import Outcome, Period
from civaffairs.entities import AssistanceLayer, Relationship
from civaffairs.errors import (
    CivaffairsError,
    InvalidDocumentError,
    InvalidInputError,
    ParameterError,
)
from civaffairs.identity import EARLIEST_BIRTH_DATE
from civaffairs.money import yuan_to_fen
from civaffairs.parameters import ParameterBook, default_book

__all__ = [
    "ASSISTANCE",
    "FACT_READERS",
    "LAYERS",
    "MONTHLY_COLUMNS",
    "SUMMARY_LAYERS",
    "assess_table",
    "combine",
    "combine_programmes",
    "compare",
    "output_schema",
    "render_summary",
    "summarise",
    "summarise_programmes",
    "what_if",
]

#: The layers, from the most to the least protected (the ``layer`` column's values).
LAYERS: Final = tuple(layer.value for layer in AssistanceLayer)

#: The programmes of the layered picture whose monthly amounts are costed, and their column.
MONTHLY_COLUMNS: Final[Mapping[str, str]] = {
    "assistance.extreme_poverty": "monthly_fen_extreme_poverty",
    "assistance.dibao": "monthly_fen_dibao",
    "assistance.marginal": "monthly_fen_marginal",
    "assistance.rigid_expenditure": "monthly_fen_rigid_expenditure",
    "assistance.children": "monthly_fen_children",
    "assistance.disability_subsidies.living": "monthly_fen_disability_living",
    "assistance.disability_subsidies.care": "monthly_fen_disability_care",
}

#: Readers of per-member facts: each takes one household's rows (dicts, in table order)
#: and returns, per member id (:func:`civaffairs.batch.schema.member_ids`: the id the
#: scalar model gives the row), the keyword arguments of :class:`MemberFacts` it knows
#: (``extreme_poverty=``, ``child=``, ``disability=``).  A reader raises
#: :class:`~civaffairs.errors.InvalidInputError` naming the cell (``$[i].column``, ``i``
#: the row's index among the household's rows; the screen makes it the table's row) of
#: a bad value.  Each columnar programme contributes its own.  The screen decides in columns
#: (:mod:`civaffairs.batch._layered_columns`) only while the list holds the programmes' own
#: reader alone; another reader added here is heard one household at a time.
FACT_READERS: list[Callable[[Sequence[Mapping[str, Any]]], dict[str, dict[str, Any]]]] = []
# (the programmes' own reader, _programme_facts, is appended below, where it is defined)

_WHAT: Final = "persons table"
_DICT = pa.dictionary(pa.int32(), pa.string())
_LIST = pa.list_(pa.string())
#: Households per task sent to a worker process.
_TASK_HOUSEHOLDS: Final = 2000
#: At most this many households per task decided in columns (bounds a task's memory).
_COLUMNS_TASK: Final = 12_500
#: Tables of more households than this are decided in columns by worker processes (by
#: default): below it, starting them costs more than they save.
_POOL_HOUSEHOLDS: Final = 200_000
#: Whether runs of households are decided in columns (:mod:`civaffairs.batch._layered_columns`)
#: where they give the scalar picture's rows; off, every household is decided one by one.
_COLUMNAR = True


def output_schema(*, household_id: pa.DataType | None = None) -> pa.Schema:
    """Return the schema of :func:`assess_table`'s result.

    .. versionadded:: 0.1.0
    """
    people = [pa.field(f"people_{layer}", pa.int32(), nullable=False) for layer in LAYERS]
    return pa.schema(
        [
            pa.field("household_id", household_id or pa.string(), nullable=False),
            pa.field("jurisdiction", _DICT),
            pa.field("registration_kind", _DICT),
            pa.field("layer", _DICT),
            pa.field("people", pa.int32(), nullable=False),
            *people,
            pa.field("monthly_fen", pa.int64(), nullable=False),
            *(pa.field(name, pa.int64(), nullable=False) for name in MONTHLY_COLUMNS.values()),
            pa.field("programmes", _LIST),
            pa.field("undecided", _LIST),
            pa.field("newly_found", pa.bool_()),
            pa.field("reasons", _LIST),
            pa.field("problems", _LIST),
        ]
    )


@attrs.frozen
class _Row:
    """One household's row of the result, before it becomes columns."""

    jurisdiction: str | None
    registration_kind: str | None
    layer: str | None
    people: int
    in_layer: tuple[int, ...]
    monthly: tuple[int, ...]
    programmes: tuple[str, ...] | None
    undecided: tuple[str, ...] | None
    newly_found: bool | None
    reasons: tuple[str, ...]
    problems: tuple[str, ...] | None


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
    """Place every household of a persons table in its layer on ``on``, with its programmes.

    Arguments as :func:`civaffairs.batch.assess_table`; ``workers`` is the
    number of worker *processes* (by default one per core this process may use
    when the table has more than 200,000 households, else none).  Worker
    processes are started by a forkserver, which imports the calling script as
    :mod:`multiprocessing` does: a script must call this under
    ``if __name__ == "__main__":`` (or pass ``workers=1``).

    Returns one row per household, in input order (:func:`output_schema`):

    - ``household_id``, ``jurisdiction`` (where it is decided),
      ``registration_kind`` (``urban``/``rural``, the applicant's);
    - ``layer``: the household's layer (:data:`LAYERS`), null when it cannot be
      read or a parameter it needs has no value;
    - ``people`` and ``people_<layer>``: its members, and how many are in each layer;
    - ``monthly_fen``: the monthly cash of every eligible decision with a
      monthly amount, in fen, and per programme in ``monthly_fen_<programme>``
      (:data:`MONTHLY_COLUMNS`);
    - ``programmes``: the programmes some decision grants (registry codes),
      ``undecided``: those with a decision that cannot be decided yet (the
      facts to establish are in the scalar assessment);
    - ``newly_found``: eligible for some programme while no member receives
      social assistance today (:data:`ASSISTANCE`, from the ``receiving``
      column); false for a household eligible for nothing with nothing
      undecided, whatever is received; null when not known — a member's null
      ``receiving`` or an absent column, or nothing granted while some decision
      cannot be decided yet;
    - ``reasons``: the layered picture's own reason codes
      (``assistance.layers.*``), or ``batch.invalid_value`` /
      ``batch.parameter_unavailable``;
    - ``problems``: the bad columns, or the parameter without a value.

    A bad cell is one the 低保 engine refuses, or one the scalar model reads and
    refuses where the 低保 engine does not look: a blank household id, a birth date
    before 1850, a member's registration or its kind, a registration or a
    ``jurisdiction`` cell above county level, a ``receiving`` value.  A
    ``jurisdiction`` argument above county level is refused as it is (raised in
    either mode).  ``errors="raise"`` raises
    :class:`~civaffairs.errors.InvalidDocumentError` listing every bad cell of the
    table (``$[row].column``, in row order) — exactly the cells marking would mark —
    or else the first parameter error in row order, instead of marking.

    .. versionadded:: 0.1.0
    """
    from civaffairs.batch.dibao import assess_table as screen_dibao  # noqa: PLC0415 - cycle

    check_errors(errors)
    chosen = book or default_book()
    if jurisdiction is not None:  # a name decides as its code, and every row says the code
        jurisdiction = jurisdictions.get(jurisdiction).code
    # The 低保 engine reads and checks every cell of the persons table (and refuses a
    # household split across the table or a person given twice): its marks are ours.
    # Marked here in either mode: its parameter errors are not the layered picture's,
    # and a bad cell it does not read must be raised with its own (below).
    options: dict[str, Any] = {"jurisdiction": jurisdiction, "workers": 1, "first_row": first_row}
    checked = screen_dibao(data, on, book=chosen, errors="mark", **options)
    table = _as_table(data)
    _check_receiving_type(table)
    invalid = _invalid(checked)
    count = checked.num_rows
    # The person programmes' own columns, checked by their columnar forms (marked here too).
    # Decided in columns, a run finds them itself (from the same results); asked to raise,
    # or one by one, they are found first.
    person = None
    extra: dict[int, tuple[str, ...]] = {}
    if errors == "raise" or not (_COLUMNAR and [_programme_facts] == FACT_READERS):
        person = _person_marks(table, on, chosen, jurisdiction=jurisdiction, first_row=first_row)
        extra = person.by_household(table, count)
    marked = invalid.copy()
    marked[list(extra)] = True
    processes = _processes(workers, count)
    tasks = list(_tasks(table, marked, count, _task_size(count, processes)))
    # In columns, the facts are read as the programmes' own readers read them: another
    # reader of FACT_READERS is heard one household at a time.
    columnar = _COLUMNAR and [_programme_facts] == FACT_READERS
    # A worker process is sent its run as Arrow IPC bytes; this process keeps the table.
    pack = _ipc if processes > 1 and len(tasks) > 1 else _same
    payloads = [
        (
            pack(piece),
            starts,
            marks,
            on,
            None if book is None else chosen,
            jurisdiction,
            first_row + row,
            columnar,
        )
        for piece, starts, marks, row in tasks
    ]
    if processes > 1 and len(payloads) > 1:
        context = multiprocessing.get_context("forkserver")
        with concurrent.futures.ProcessPoolExecutor(processes, mp_context=context) as pool:
            parts = list(pool.map(_decide_task, payloads))
    else:
        parts = [_decide_task(payload) for payload in payloads]
    if errors == "raise":
        again = _Again(table, on, chosen, jurisdiction, first_row)
        _raise(parts, again if invalid.any() else None, person, again)
    at = 0
    for part in parts:
        for index, named in part.extra.items():
            extra[at + index] = tuple(dict.fromkeys([*extra.get(at + index, ()), *named]))
        at += part.count
    return _columns(checked, parts, extra)


@attrs.frozen
class _Again:
    """A call's arguments, to read the table again asking to raise."""

    data: pa.Table
    on: dt.date
    book: ParameterBook
    jurisdiction: str | None
    first_row: int


def _raise(
    parts: Sequence[_Part],
    dibao_cells: _Again | None,
    person: _PersonMarks | None,
    again: _Again,
) -> None:
    """Raise every bad cell of the table at once, else the first parameter error (raise mode).

    ``dibao_cells`` when the 低保 engine found bad cells (its own list of them is asked for
    again); ``person`` the person programmes' marks.
    """
    from civaffairs.batch.dibao import assess_table as screen_dibao  # noqa: PLC0415 - cycle

    cells = [cell for part in parts for cell in part.cells]
    if dibao_cells is not None:  # the 低保 engine's own list of the bad cells it read
        try:
            screen_dibao(
                again.data,
                again.on,
                book=again.book,
                errors="raise",
                jurisdiction=again.jurisdiction,
                workers=1,
                first_row=again.first_row,
            )
        except InvalidDocumentError as error:
            cells = [*error.errors, *cells]
    if person is not None:
        cells = [
            *cells,
            *person.raised(again.data, again.on, again.book, again.jurisdiction, again.first_row),
        ]
    if cells:
        # One cell, once: the person programmes read some cells the others read too.
        once = {cell.path: cell for cell in reversed(cells)}
        raise InvalidDocumentError(sorted(once.values(), key=_cell_order), what=_WHAT)
    for part in parts:
        if part.parameter is not None:
            raise part.parameter


@attrs.frozen
class _PersonMarks:
    """Per row of the table, whether a person programme's own cell is bad, and which columns."""

    bad: np.ndarray[Any, np.dtype[np.bool_]]
    problems: list[tuple[str, ...]]
    modules: tuple[Any, ...]

    def by_household(self, table: pa.Table, count: int) -> dict[int, tuple[str, ...]]:
        """Return, per household with such a bad cell, the columns named."""
        if not self.bad.any():
            return {}
        starts, _repeated = household_starts(table.column("household_id"))
        household = np.searchsorted(np.asarray(starts), np.arange(len(self.bad)), side="right") - 1
        found: dict[int, dict[str, None]] = {}
        for row in np.flatnonzero(self.bad):
            at = int(household[row])
            if 0 <= at < count:
                found.setdefault(at, {}).update(dict.fromkeys(self.problems[row]))
        return {at: tuple(named) for at, named in found.items()}

    def raised(
        self,
        table: pa.Table,
        on: dt.date,
        book: ParameterBook,
        jurisdiction: str | None,
        first_row: int,
    ) -> list[InvalidInputError]:
        """Return the bad cells the programmes' columnar forms raise (``errors="raise"``)."""
        cells: list[InvalidInputError] = []
        for module in self.modules:
            try:
                module.assess_table(
                    table,
                    on,
                    book=book,
                    errors="raise",
                    jurisdiction=jurisdiction,
                    workers=1,
                    first_row=first_row,
                )
            except InvalidDocumentError as error:
                cells.extend(e for e in error.errors if isinstance(e, InvalidInputError))
            except ParameterError:
                continue  # a parameter error is the layered picture's own to raise, or not
        return cells


def _person_marks(
    table: pa.Table,
    on: dt.date,
    book: ParameterBook,
    *,
    jurisdiction: str | None,
    first_row: int,
) -> _PersonMarks:
    """Check the person programmes' own columns with their columnar forms (mark mode).

    Their result rows follow the table's, ``times`` rows a person; a bad cell of theirs
    marks the row.  A programme none of whose columns is in the table is not run.
    """
    from civaffairs.batch import (  # noqa: PLC0415 - cycle
        children,
        disability_subsidies,
        extreme_poverty,
    )

    rows = table.num_rows
    bad = np.zeros(rows, dtype=np.bool_)
    problems: list[tuple[str, ...]] = [()] * rows
    modules: list[Any] = []
    for module, times in ((children, 1), (disability_subsidies, 2), (extreme_poverty, 1)):
        if not any(name in table.column_names for name in module.COLUMNS):
            continue  # none of its facts given: nothing of it to read
        result = module.assess_table(
            table,
            on,
            book=book,
            errors="mark",
            jurisdiction=jurisdiction,
            workers=1,
            first_row=first_row,
        )
        hits = np.flatnonzero(_layered_columns.has_code(result, (R_INVALID_VALUE.code,)))
        named = result.column("problems").take(arrow(hits)).to_pylist()
        for index, names in zip(hits.tolist(), named, strict=True):
            row = index // times
            bad[row] = True
            problems[row] = (*problems[row], *(names or ()))
        if len(hits):
            modules.append(module)
    return _PersonMarks(bad, problems, tuple(modules))


def _cell_order(error: InvalidInputError) -> tuple[int, str]:
    """Sort bad cells by row, then path (``$[row].column``), as the 低保 engine lists them."""
    found = re.match(r"\$\[(\d+)\]", error.path)
    return (int(found.group(1)) if found else -1, error.path)


def _check_receiving_type(table: pa.Table) -> None:
    if RECEIVING_COLUMN not in table.column_names:
        return
    kind = table.schema.field(RECEIVING_COLUMN).type
    if not (
        (pa.types.is_list(kind) or pa.types.is_large_list(kind)) and _is_text(kind.value_type)
    ) and not pa.types.is_null(kind):
        raise InvalidDocumentError(
            [InvalidInputError(f"$.{RECEIVING_COLUMN}", str(kind), "a list of strings column")],
            what=_WHAT,
        )


def _is_text(kind: pa.DataType) -> bool:
    """Whether values of ``kind`` read as strings (plain, large, or dictionary-encoded).

    Null values are too: pandas and polars type a column of empty lists ``list<null>``.
    """
    if pa.types.is_dictionary(kind):
        kind = kind.value_type
    return bool(
        pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_null(kind)
    )


def _as_table(data: Frame) -> pa.Table:
    from civaffairs.batch.plumbing import to_arrow  # noqa: PLC0415

    return to_arrow(data)


def _invalid(checked: pa.Table) -> np.ndarray[Any, np.dtype[np.bool_]]:
    """Return the households the 低保 engine found a bad cell in."""
    return _layered_columns.has_code(checked, (R_INVALID_VALUE.code,))


def _processes(workers: int | None, households: int) -> int:
    if workers is None:
        enough = _POOL_HOUSEHOLDS if _COLUMNAR else 4 * _TASK_HOUSEHOLDS
        return workers_for(None) if households > enough else 1
    return workers_for(workers)


def _task_size(count: int, processes: int) -> int:
    """Households per task: a share of the table for each process, within bounds."""
    if not _COLUMNAR:
        return _TASK_HOUSEHOLDS
    return min(_COLUMNS_TASK, max(_TASK_HOUSEHOLDS, -(-count // processes)))


def _tasks(
    table: pa.Table, invalid: np.ndarray[Any, np.dtype[np.bool_]], count: int, size: int
) -> Iterator[tuple[pa.Table, npt.NDArray[np.int64], npt.NDArray[np.bool_], int]]:
    """Cut the table into runs of whole households: (rows, household starts, marks, first row).

    Households start where the 低保 engine's reader says (:func:`household_starts`: a
    null id is a household of its own), so each row of its checked result is the
    household decided here.
    """
    starts, _repeated = household_starts(table.column("household_id"))
    if len(starts) != count:
        raise CivaffairsError("the households read do not match the households checked")
    rows = table.num_rows
    for first in range(0, count, size):
        last = min(first + size, count)
        begin = int(starts[first])
        end = int(starts[last]) if last < count else rows
        own = np.asarray(starts[first:last], dtype=np.int64) - begin
        yield table.slice(begin, end - begin), own, invalid[first:last].copy(), begin


def _same(table: pa.Table) -> pa.Table:
    return table


def _ipc(table: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return bytes(sink.getvalue())


@attrs.frozen
class _Call:
    """What every household of a call is decided with."""

    on: dt.date
    book: ParameterBook
    jurisdiction: str | None


@attrs.frozen
class _Part:
    """A run of households decided: in columns, one by one, the bad cells, a parameter error.

    ``columns`` holds every household's row as the columns decide it (None when the
    columns were not used); ``rows`` the households decided by the scalar picture instead
    (by index in the run), whose rows replace the columns'.  Nothing is raised in a worker:
    the caller raises (``errors="raise"``) every bad cell of the table at once, else the
    first parameter error, in row order.
    """

    count: int
    kinds: pa.Array[Any]
    columns: Decided | None
    rows: dict[int, _Row]
    extra: dict[int, tuple[str, ...]]
    cells: list[InvalidInputError]
    parameter: CivaffairsError | None


def _decide_task(
    payload: tuple[
        bytes | pa.Table,
        npt.NDArray[np.int64],
        npt.NDArray[np.bool_],
        dt.date,
        ParameterBook | None,
        str | None,
        int,
        bool,
    ],
) -> _Part:
    """Decide one run of households (in a worker process or in this one).

    In columns (:mod:`civaffairs.batch._layered_columns`) where they give the scalar
    picture's row; the households they leave, and those with a bad cell, one by one.
    """
    data, starts, marks, on, book, jurisdiction, first_row, columnar = payload
    table = data if isinstance(data, pa.Table) else pa.ipc.open_stream(data).read_all()
    call = _Call(on, book or default_book(), jurisdiction)
    count = len(starts)
    bad = marks
    decided: Decided | None = None
    one_by_one = np.ones(count, dtype=np.bool_)
    if columnar and count:
        decided = _layered_columns.decide(
            table, starts, on, book=call.book, jurisdiction=jurisdiction
        )
        bad = bad | decided.marked
        one_by_one = decided.scalar | bad
    found: dict[int, _Row] = {}
    cells: list[InvalidInputError] = []
    first: CivaffairsError | None = None
    ends = np.append(starts[1:], table.num_rows)
    for at in np.flatnonzero(one_by_one).tolist():
        start, end = int(starts[at]), int(ends[at])
        rows = relationship_values(table.slice(start, end - start).to_pylist())
        row, bad_cells, parameter = _decide_one(
            call, rows, bad=bool(bad[at]), first_row=first_row + start
        )
        found[at] = row
        cells.extend(bad_cells)
        first = first or parameter
    extra = {} if decided is None else dict(decided.problems)
    return _Part(count, _applicant_kinds(table, starts), decided, found, extra, cells, first)


def _applicant_kinds(table: pa.Table, starts: npt.NDArray[np.int64]) -> pa.Array[Any]:
    """Each household's ``registration_kind`` cell on the applicant's row (else its first row)."""
    count, rows = len(starts), table.num_rows
    if "registration_kind" not in table.column_names or not count:
        return pa.nulls(count, type=pa.string())
    begin = np.asarray(starts, dtype=np.int64)
    of_row = np.repeat(np.arange(count), np.diff(np.append(begin, rows)))
    relationship: Any = (
        table.column("relationship") if "relationship" in table.column_names else None
    )
    at = begin.copy()
    if relationship is not None:
        code = RELATIONSHIP_CODES[Relationship.APPLICANT]
        kind = (
            relationship.type.value_type
            if pa.types.is_dictionary(relationship.type)
            else relationship.type
        )
        if pa.types.is_integer(kind):
            hit = pc.equal(relationship, pa.scalar(code))
        else:
            hit = pc.equal(relationship.cast(pa.string()), pa.scalar(Relationship.APPLICANT.value))
        is_applicant = np.asarray(hit.fill_null(False).to_numpy(zero_copy_only=False), np.bool_)
        first = np.full(count, rows, dtype=np.int64)
        index = np.flatnonzero(is_applicant)
        np.minimum.at(first, of_row[index], index)
        at = np.where(first < rows, first, begin)
    column: Any = table.column("registration_kind").take(arrow(at)).combine_chunks()
    return column.cast(pa.string())  # type: ignore[no-any-return]


def _decide_one(
    call: _Call, rows: list[dict[str, Any]], *, bad: bool, first_row: int
) -> tuple[_Row, list[InvalidInputError], CivaffairsError | None]:
    """Decide one household: its row, its bad cells, its parameter error (or its cells only)."""
    applicant = next((r for r in rows if r.get("relationship") == "applicant"), rows[0])
    kind = applicant.get("registration_kind")
    people = len(rows)
    if bad:
        return _not_decided(None, kind, people, R_INVALID_VALUE.code, None), [], None
    cells = _cell_errors(rows, first_row)
    # Asked to raise, every household is still read and decided as in mark mode: a cell
    # only the scalar reading refuses (an expenditure, a supporter naming the person) is
    # raised exactly where marking would mark it.
    facts: tuple[MemberFacts, ...] = ()
    if not cells:
        try:
            facts = _member_facts(rows, first_row)
        except InvalidInputError as error:  # a reader's cell, already the table's row
            cells = [error]
    try:
        if not cells:
            household, where = household_from_rows(rows)
            place = call.jurisdiction if where is None else where
            assessment = assess_layers(
                household, call.on, jurisdiction=place, book=call.book, facts=facts
            )
            return _placed(assessment, rows, kind), [], None
    except InvalidInputError as error:
        cells = [_scalar_cell(error, rows, first_row, call)]
    except ParameterError as error:
        name = getattr(error, "name", type(error).__name__)
        row = _not_decided(None, kind, people, R_PARAMETER_UNAVAILABLE.code, (str(name),))
        return row, [], error
    problems = tuple(dict.fromkeys(_column_of(cell.path) for cell in cells))
    return _not_decided(None, kind, people, R_INVALID_VALUE.code, problems), cells, None


def _cell_errors(rows: Sequence[Mapping[str, Any]], first_row: int) -> list[InvalidInputError]:
    """Return the bad cells the scalar model reads and the 低保 engine does not check.

    The 低保 engine reads the registration and its kind on the applicant's row only,
    takes any id and any birth date up to the as-of date; the scalar model reads every
    member's registration (the person programmes), names every household and person,
    and refuses a birth date before 1850 (a typing error).  And the ``receiving`` column.
    """
    found: list[InvalidInputError] = []
    if not str(rows[0]["household_id"]).strip():  # a null id is the 低保 engine's mark
        found.append(
            InvalidInputError(
                f"$[{first_row}].household_id",
                rows[0]["household_id"],
                "a household id that is not blank",
            )
        )
    for index, row in enumerate(rows):
        at = f"$[{first_row + index}]"
        born = row.get("birth_date")
        if born is not None and _day(born) < EARLIEST_BIRTH_DATE:
            found.append(
                InvalidInputError(
                    f"{at}.birth_date",
                    "(a birth date, withheld)",
                    f"a birth date on or after {EARLIEST_BIRTH_DATE.isoformat()}",
                )
            )
        registration = row.get("registration")
        if registration is not None and not is_division(str(registration)):
            found.append(
                InvalidInputError(f"{at}.registration", registration, "a six-digit GB/T 2260 code")
            )
        kind = row.get("registration_kind")
        if kind is not None and kind not in KIND_VALUES:
            found.append(
                InvalidInputError(
                    f"{at}.registration_kind", kind, f"one of {', '.join(KIND_VALUES)}"
                )
            )
    found.extend(_receiving_errors(rows, first_row))
    return found


def _day(value: object) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value  # type: ignore[return-value]


_MEMBER_REGISTRATION: Final = re.compile(
    r"\$\.members\[(\d+)\]\.person\.registration\.jurisdiction$"
)
#: A cell as :func:`~civaffairs.batch.schema.from_table` names it: household id, row index
#: within the household, column.
_HOUSEHOLD_CELL: Final = re.compile(r"\$\[.*\]\[(\d+)\]\.(\w+)$")


def _scalar_cell(
    error: InvalidInputError, rows: Sequence[Mapping[str, Any]], first_row: int, call: _Call
) -> InvalidInputError:
    """Name the cell of a value the scalar rules refuse (``$[row].column``).

    A registration or a deciding place above county level, say: 低保 and the programmes
    built on it are decided by a county-level department (the scalar rules' own
    citation is kept in ``expected``).  A refused call-level ``jurisdiction`` is the
    caller's argument, not a cell: it is raised as it is, in either mode.
    """
    applicant = next((i for i, r in enumerate(rows) if r.get("relationship") == "applicant"), 0)
    member = _MEMBER_REGISTRATION.match(error.path)
    if member is not None:
        index = int(member.group(1))
        index = index if rows[index].get("registration") is not None else applicant
        column = "registration"
    elif error.path == "$.jurisdiction":
        if rows[applicant].get("jurisdiction") is not None:
            index, column = applicant, "jurisdiction"
        elif call.jurisdiction is not None:
            raise error
        else:
            index, column = applicant, "registration"
    elif (cell := _HOUSEHOLD_CELL.match(error.path)) is not None:
        # from_table's own path of a cell (``$[household][index].column``): a row of the table
        index, column = int(cell.group(1)), cell.group(2)
    else:  # not expected: every cell the scalar model reads is checked above
        return InvalidInputError(f"$[{first_row}]{error.path[1:]}", error.value, error.expected)
    return InvalidInputError(f"$[{first_row + index}].{column}", error.value, error.expected)


def _column_of(path: str) -> str:
    """Return the column of a cell's path ``$[row].column`` (the path itself otherwise)."""
    found = re.match(r"\$\[\d+\]\.(\w+)$", path)
    return found.group(1) if found else path


def _receiving_errors(rows: Sequence[Mapping[str, Any]], first_row: int) -> list[InvalidInputError]:
    """Refuse a ``receiving`` value that is not a list of registered programme codes."""
    codes = {entry.code for entry in registry.ENTRIES}
    found: list[InvalidInputError] = []
    for index, row in enumerate(rows):
        value = row.get(RECEIVING_COLUMN)
        if value is None:
            continue
        unknown = [code for code in value if code not in codes]
        if unknown:
            found.append(
                InvalidInputError(
                    f"$[{first_row + index}].{RECEIVING_COLUMN}",
                    unknown[0],
                    "programme codes of the registry (civaffairs programmes)",
                )
            )
    return found


def _member_facts(rows: Sequence[Mapping[str, Any]], first_row: int) -> tuple[MemberFacts, ...]:
    """Return the per-member facts the table's programme columns give (:data:`FACT_READERS`)."""
    by_member: dict[str, dict[str, Any]] = {}
    for reader in FACT_READERS:
        try:
            read = reader(rows)
        except InvalidInputError as error:
            raise _in_table(error, first_row) from None
        for pid, found in read.items():
            by_member.setdefault(pid, {}).update(found)
    return tuple(MemberFacts(pid, **found) for pid, found in by_member.items())


def _programme_facts(rows: Sequence[Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """Read each member's facts from the person programmes' own columns (a :data:`FACT_READERS`).

    ``ep_`` columns (:mod:`civaffairs.batch.extreme_poverty`) give a member's 特困 facts
    (their supporters among them), ``child_`` columns (:mod:`civaffairs.batch.children`)
    their :class:`~civaffairs.assistance.children.ChildFacts`, ``ds_`` columns
    (:mod:`civaffairs.batch.disability_subsidies`) their disability-subsidy facts — only
    where one of the member's cells is given: a member with none has none (as in the
    scalar picture).  ``ds_layer`` and ``ds_in_extreme_poverty`` are not read: the
    layered picture decides them itself.  The cells were checked by those programmes'
    columnar forms (:func:`_person_marks`); members are keyed by
    :func:`~civaffairs.batch.schema.member_ids`.
    """
    from civaffairs.batch import (  # noqa: PLC0415 - cycle
        children,
        disability_subsidies,
        extreme_poverty,
    )

    ids = member_ids([dict(row) for row in rows])
    named = [{**row, "person_id": pid} for row, pid in zip(rows, ids, strict=True)]
    own_facts = [name for name in disability_subsidies.COLUMNS if name not in _DECIDED_HERE]
    readers: list[tuple[str, Sequence[str], Callable[[], dict[str, Any]]]] = [
        ("child", list(children.COLUMNS), lambda: children.read_facts(named)),
        (
            "disability",
            own_facts,
            lambda: {
                pid: inputs.facts for pid, inputs in disability_subsidies.read_facts(named).items()
            },
        ),
        (
            "extreme_poverty",
            list(extreme_poverty.COLUMNS),
            lambda: extreme_poverty.read_facts(named),
        ),
    ]
    found: dict[str, dict[str, Any]] = {}
    for key, columns, read in readers:
        given = [
            pid
            for pid, row in zip(ids, rows, strict=True)
            if any(row.get(name) is not None for name in columns)
        ]
        if given:
            facts = read()
            for pid in given:
                found.setdefault(pid, {})[key] = facts[pid]
    return found


#: The disability-subsidy inputs the layered picture decides itself (not read from the table).
_DECIDED_HERE: Final = frozenset({"ds_layer", "ds_in_extreme_poverty"})
FACT_READERS.append(_programme_facts)


def _in_table(error: InvalidInputError, first_row: int) -> InvalidInputError:
    """Return ``error`` with its household row (``$[i]...``) made the table's row."""
    found = re.match(r"\$\[(\d+)\]", error.path)
    if found is None:
        return error
    clone = copy.copy(error)
    clone.path = f"$[{first_row + int(found.group(1))}]{error.path[found.end() :]}"
    clone.refresh()
    return clone


def _not_decided(
    where: str | None, kind: str | None, people: int, code: str, problems: tuple[str, ...] | None
) -> _Row:
    return _Row(
        jurisdiction=where,
        registration_kind=kind,
        layer=None,
        people=people,
        in_layer=(0,) * len(LAYERS),
        monthly=(0,) * len(MONTHLY_COLUMNS),
        programmes=None,
        undecided=None,
        newly_found=None,
        reasons=(code,),
        problems=problems,
    )


def _placed(
    assessment: LayeredAssessment,
    rows: list[dict[str, Any]],
    kind: str | None,
) -> _Row:
    in_layer = [0] * len(LAYERS)
    for member in assessment.members:
        in_layer[LAYERS.index(member.layer.value)] += 1
    monthly = dict.fromkeys(MONTHLY_COLUMNS, 0)
    granted: list[str] = []
    undecided: list[str] = []
    for decision in assessment.decisions:
        if decision.outcome is Outcome.CANNOT_DECIDE and decision.programme not in undecided:
            undecided.append(decision.programme)
        if not decision.eligible:
            continue
        if decision.programme not in granted:
            granted.append(decision.programme)
        amount = decision.amount
        if amount is not None and amount.period is Period.MONTHLY:
            monthly[decision.programme] += yuan_to_fen(amount.total)
    return _Row(
        jurisdiction=assessment.jurisdiction,
        registration_kind=kind,
        layer=assessment.layer.value,
        people=len(assessment.members),
        in_layer=tuple(in_layer),
        monthly=tuple(monthly.values()),
        programmes=tuple(granted) or None,
        undecided=tuple(undecided) or None,
        newly_found=_newly_found(eligible=bool(granted), pending=bool(undecided), rows=rows),
        reasons=tuple(dict.fromkeys(reason.code for reason in assessment.reasons)),
        problems=None,
    )


#: What "receiving" counts (主动发现): social assistance, the programmes of the assistance
#: area (not the layered picture itself, an old-age allowance or a marriage registration).
ASSISTANCE: Final = frozenset(
    entry.code
    for entry in registry.ENTRIES
    if entry.code.startswith("assistance.") and entry.code != "assistance.layers"
)


def _newly_found(*, eligible: bool, pending: bool, rows: list[dict[str, Any]]) -> bool | None:
    """Return whether the household is newly found (主动发现), or ``None`` when not known.

    Newly found: eligible for some programme while no member receives social
    assistance today (国办发〔2023〕39号 三(三): "对未纳入社会救助范围的低收入人口……发现符合救助
    条件的，应当告知相关救助政策").  In three values (as Kleene's "and"): a household
    eligible for nothing, with nothing undecided, is not newly found whatever its
    members receive; one where a member receives an assistance programme is not
    either; otherwise a member's null ``receiving`` (not known), an absent column, or
    nothing granted while some decision is undecided leaves it unknown.
    """
    if not eligible and not pending:
        return False
    receiving = [row.get(RECEIVING_COLUMN) for row in rows]
    if any(ASSISTANCE.intersection(value) for value in receiving if value):
        return False
    if not eligible or any(value is None for value in receiving):
        return None
    return True


class _Joined:
    """The result's values per household: the columns' rows, replaced by those one by one.

    Lists are spelled by key: the columns' keys are bit sets; a row decided one by one
    gets a key of its own (negative, distinct from every bit set) in ``spelled``.
    """

    def __init__(self, count: int) -> None:
        self.layer = np.full(count, -1, dtype=np.int64)
        self.in_layer = np.zeros((count, len(LAYERS)), dtype=np.int64)
        self.monthly = np.zeros((count, len(MONTHLY_COLUMNS)), dtype=np.int64)
        self.granted = np.zeros(count, dtype=np.int64)
        self.undecided = np.zeros(count, dtype=np.int64)
        self.reasons = np.zeros(count, dtype=np.int64)
        self.newly = np.full(count, -1, dtype=np.int64)
        self.people = np.zeros(count, dtype=np.int64)
        self.spelled: dict[int, tuple[str, ...] | None] = {}

    def columns(self, here: slice, found: Decided) -> None:
        """Take a run's rows as the columns decided them."""
        self.layer[here] = found.layer
        self.in_layer[here] = found.in_layer
        self.monthly[here] = found.monthly[:, _MONTHLY_ORDER]
        self.granted[here] = found.granted
        self.undecided[here] = found.undecided
        self.reasons[here] = found.reasons * 27 + found.order
        self.newly[here] = found.newly_found
        self.people[here] = found.in_layer.sum(axis=1)

    def row(self, index: int, row: _Row) -> None:
        """Take one household's row decided one by one."""
        self.layer[index] = -1 if row.layer is None else LAYERS.index(row.layer)
        self.in_layer[index] = row.in_layer
        self.monthly[index] = row.monthly
        self.people[index] = row.people
        self.newly[index] = -1 if row.newly_found is None else int(row.newly_found)
        for which, (name, words) in enumerate(
            (("granted", row.programmes), ("undecided", row.undecided), ("reasons", row.reasons))
        ):
            key = -(index * 3 + which) - 1
            self.spelled[key] = words
            getattr(self, name)[index] = key


def _columns(
    checked: pa.Table, parts: list[_Part], extra: Mapping[int, tuple[str, ...]]
) -> pa.Table:
    """Join the runs' rows into the result table (the columns' rows, replaced one by one)."""
    count = sum(part.count for part in parts)
    schema = output_schema(household_id=checked.schema.field("household_id").type)
    joined = _Joined(count)
    one_by_one: dict[int, _Row] = {}
    at = 0
    for part in parts:
        if part.columns is not None:
            joined.columns(slice(at, at + part.count), part.columns)
        for index, row in part.rows.items():
            one_by_one[at + index] = row
        at += part.count
    own = _OneByOne(count, _invalid(checked))
    for index, row in one_by_one.items():
        joined.row(index, row)
        own.add(index, row, checked, extra)
    spelled = joined.spelled
    layer, in_layer, monthly, newly = joined.layer, joined.in_layer, joined.monthly, joined.newly

    def programmes_of(key: int) -> tuple[str, ...] | None:
        if key < 0:
            return spelled[key]
        return _layered_columns.programme_codes(key) or None

    def reasons_of(key: int) -> tuple[str, ...] | None:
        if key < 0:
            return spelled[key]
        return _layered_columns.reason_codes(key // 27, key % 27)

    columns: dict[str, Any] = {
        "household_id": checked.column("household_id"),
        "jurisdiction": _jurisdictions(checked, own.jurisdiction, one_by_one),
        "registration_kind": _kinds(parts, own.kind, one_by_one),
        "layer": _dictionary_of(layer, LAYERS),
        "people": pa.array(joined.people, type=pa.int32()),
    }
    for index, name in enumerate(LAYERS):
        columns[f"people_{name}"] = pa.array(in_layer[:, index], type=pa.int32())
    columns["monthly_fen"] = pa.array(monthly.sum(axis=1), type=pa.int64())
    for index, name in enumerate(MONTHLY_COLUMNS.values()):
        columns[name] = pa.array(monthly[:, index], type=pa.int64())
    columns["programmes"] = _layered_columns.lists_of(joined.granted, programmes_of)
    columns["undecided"] = _layered_columns.lists_of(joined.undecided, programmes_of)
    columns["newly_found"] = pa.array(newly == 1, mask=newly < 0, type=pa.bool_())
    columns["reasons"] = _layered_columns.lists_of(joined.reasons, reasons_of)
    columns["problems"] = pa.array(own.problems, type=_LIST)
    return pa.table(columns, schema=schema)


class _OneByOne:
    """The cells of the rows decided one by one that the columns do not give."""

    def __init__(self, count: int, invalid: np.ndarray[Any, np.dtype[np.bool_]]) -> None:
        self.jurisdiction: list[str | None] = [None] * count
        self.kind: list[str | None] = [None] * count
        self.problems: list[list[str] | None] = [None] * count
        self.invalid = invalid

    def add(
        self, index: int, row: _Row, checked: pa.Table, extra: Mapping[int, tuple[str, ...]]
    ) -> None:
        """Take one row's place, kind and problems (a marked row: the checks' columns)."""
        self.jurisdiction[index] = row.jurisdiction
        self.kind[index] = row.registration_kind
        if row.problems is not None:
            self.problems[index] = list(row.problems)
        elif row.reasons == (R_INVALID_VALUE.code,):
            # The 低保 engine's problems are bad columns only where it found a bad cell: a
            # household it could not decide for a parameter without a value (problems: the
            # parameter's names) marked for a person programme's bad cell names those cells.
            theirs = checked.column("problems")[index].as_py() if self.invalid[index] else None
            named = list(dict.fromkeys([*(theirs or ()), *extra.get(index, ())]))
            self.problems[index] = named or None


#: Where each programme of the columns' ``monthly`` goes among :data:`MONTHLY_COLUMNS`.
_MONTHLY_ORDER: Final = [_layered_columns.PROGRAMMES.index(code) for code in MONTHLY_COLUMNS]


def _dictionary_of(codes: npt.NDArray[np.int64], names: Sequence[str]) -> pa.Array[Any]:
    return pa.DictionaryArray.from_arrays(
        arrow(np.maximum(codes, 0).astype(np.int32), mask=codes < 0), pa.array(list(names))
    )


def _jurisdictions(
    checked: pa.Table, own: list[str | None], one_by_one: Mapping[int, _Row]
) -> pa.Array[Any]:
    """Where each household is decided: the 低保 engine's, unless the scalar picture said."""
    theirs = checked.column("jurisdiction").combine_chunks()
    said = {index: row for index, row in one_by_one.items() if own[index] is not None}
    return _replaced(theirs, own, said)


def _replaced(values: Any, own: list[str | None], one_by_one: Mapping[int, _Row]) -> pa.Array[Any]:
    """Return ``values`` (strings) with the cells of the rows decided one by one their own."""
    found = values.cast(pa.string())
    if one_by_one:
        where = np.zeros(len(found), dtype=np.bool_)
        indices = sorted(one_by_one)
        where[indices] = True
        mine = pa.array([own[index] for index in indices], type=pa.string())
        found = pc.replace_with_mask(found, arrow(where), mine)
    return found.dictionary_encode().cast(_DICT)  # type: ignore[no-any-return]


def _kinds(
    parts: list[_Part], own: list[str | None], one_by_one: Mapping[int, _Row]
) -> pa.Array[Any]:
    """Return the applicant's registration kind per household (as the table gives it)."""
    found: Any = pa.concat_arrays([part.kinds for part in parts]) if parts else pa.nulls(0)
    return _replaced(found, own, one_by_one)


# -- summaries and what-if --------------------------------------------------------------------

#: The summary's layer labels: the layers, then households not decided.
SUMMARY_LAYERS: Final = (*LAYERS, "(cannot decide)")


def summarise(result: pa.Table) -> pa.Table:
    """Count, per deciding jurisdiction and layer, households, people, cost and the newly found.

    ``result`` is what :func:`assess_table` returns.  Columns: ``jurisdiction``,
    ``layer`` (:data:`SUMMARY_LAYERS`), ``households``, ``people`` (their
    members), ``people_in_layer`` (members placed in that layer, whatever the
    household's layer), ``monthly_cost_fen`` and ``newly_found`` (households
    eligible for something while no member receives anything); a totals row per
    layer has the jurisdiction :data:`~civaffairs.batch.report.ALL`.

    .. versionadded:: 0.1.0
    """
    from civaffairs.batch._common import ALL  # noqa: PLC0415
    from civaffairs.batch.report import _layer_codes  # noqa: PLC0415

    codes = _layer_codes(result, SUMMARY_LAYERS)
    # The places as codes of their distinct names (a null place is "(unknown)").
    place: Any = result.column("jurisdiction").cast(pa.string())
    place = place.fill_null("(unknown)")
    encoded = place.combine_chunks().dictionary_encode()
    names = [str(name) for name in encoded.dictionary.to_pylist()]
    of_place = np.asarray(encoded.indices.to_numpy(zero_copy_only=False), dtype=np.int64)
    people = np.asarray(result.column("people").to_numpy(), dtype=np.int64)
    cost = np.asarray(result.column("monthly_fen").to_numpy(), dtype=np.int64)
    newly: Any = result.column("newly_found")
    found = np.asarray(newly.fill_null(False).to_numpy(zero_copy_only=False), dtype=np.bool_)
    in_layer = {
        layer: np.asarray(result.column(f"people_{layer}").to_numpy(), dtype=np.int64)
        for layer in LAYERS
    }
    rows: list[dict[str, object]] = []
    for name in [*sorted(set(names)), ALL]:
        here = (
            np.ones(len(of_place), dtype=np.bool_) if name == ALL else of_place == names.index(name)
        )
        for code, layer in enumerate(SUMMARY_LAYERS):
            chosen = here & (codes == code)
            placed = int(in_layer[layer][here].sum()) if layer in in_layer else 0
            if not chosen.any() and not placed:
                continue
            rows.append(
                {
                    "jurisdiction": name,
                    "layer": layer,
                    "households": int(chosen.sum()),
                    "people": int(people[chosen].sum()),
                    "people_in_layer": placed,
                    "monthly_cost_fen": int(cost[chosen].sum()),
                    "newly_found": int((found & chosen).sum()),
                }
            )
    return pa.Table.from_pylist(rows, schema=_SUMMARY)


_SUMMARY: Final = pa.schema(
    [pa.field("jurisdiction", pa.string()), pa.field("layer", pa.string())]
    + [
        pa.field(name, pa.int64())
        for name in ("households", "people", "people_in_layer", "monthly_cost_fen", "newly_found")
    ]
)


def summarise_programmes(result: pa.Table) -> pa.Table:
    """Count, per programme, the households granted it or undecided, and its monthly cost.

    Columns: ``programme``, ``households_eligible``, ``households_undecided``,
    ``monthly_cost_fen`` (from the ``monthly_fen_<programme>`` columns).

    .. versionadded:: 0.1.0
    """
    rows = []
    for programme, column in MONTHLY_COLUMNS.items():
        cost = np.asarray(result.column(column).to_numpy(), dtype=np.int64)
        rows.append(
            {
                "programme": programme,
                "households_eligible": _households_listing(result, "programmes", programme),
                "households_undecided": _households_listing(result, "undecided", programme),
                "monthly_cost_fen": int(cost.sum()),
            }
        )
    return pa.Table.from_pylist(rows, schema=_PROGRAMMES)


def _households_listing(result: pa.Table, column: str, code: str) -> int:
    """Return how many households list ``code`` in their list column ``column``."""
    lists: Any = result.column(column).combine_chunks()
    items = pc.list_flatten(lists)
    if isinstance(items.type, pa.DictionaryType) or pa.types.is_null(items.type):
        items = items.cast(pa.string())
    hit = pc.equal(items, pa.scalar(code, type=pa.string())).fill_null(False)
    parents = np.asarray(pc.list_parent_indices(lists).to_numpy(zero_copy_only=False))
    chosen = parents[np.asarray(hit.to_numpy(zero_copy_only=False), dtype=np.bool_)]
    return len(np.unique(chosen))


_PROGRAMMES: Final = pa.schema(
    [pa.field("programme", pa.string())]
    + [
        pa.field(name, pa.int64())
        for name in ("households_eligible", "households_undecided", "monthly_cost_fen")
    ]
)


def combine(parts: Sequence[pa.Table]) -> pa.Table:
    """Add up :func:`summarise` tables of several chunks of one registry.

    .. versionadded:: 0.1.0
    """
    from civaffairs.batch._common import add_up  # noqa: PLC0415

    return add_up(
        parts,
        ["jurisdiction", "layer"],
        ["households", "people", "people_in_layer", "monthly_cost_fen", "newly_found"],
        order=["jurisdiction", "layer"],
    )


def combine_programmes(parts: Sequence[pa.Table]) -> pa.Table:
    """Add up :func:`summarise_programmes` tables of several chunks.

    .. versionadded:: 0.1.0
    """
    grouped = (
        pa.concat_tables(parts)
        .group_by(["programme"], use_threads=False)
        .aggregate([(n, "sum") for n in _PROGRAMMES.names[1:]])
    )
    order = {code: i for i, code in enumerate(MONTHLY_COLUMNS)}
    rows = sorted(
        ({k.removesuffix("_sum"): v for k, v in row.items()} for row in grouped.to_pylist()),
        key=lambda row: order[str(row["programme"])],
    )
    return pa.Table.from_pylist(rows, schema=_PROGRAMMES)


def render_summary(summary: pa.Table, programmes: pa.Table | None = None) -> str:
    """Render :func:`summarise` (and :func:`summarise_programmes`) as aligned text, yuan.

    .. versionadded:: 0.1.0
    """
    from civaffairs.batch._common import render_rows, yuan_text  # noqa: PLC0415

    rows = [
        [
            str(r["jurisdiction"]),
            str(r["layer"]),
            f"{r['households']:,}",
            f"{r['people']:,}",
            f"{r['people_in_layer']:,}",
            yuan_text(int(r["monthly_cost_fen"])),
            f"{r['newly_found']:,}",
        ]
        for r in summary.to_pylist()
    ]
    header = [
        "jurisdiction",
        "layer",
        "households",
        "people",
        "people in layer",
        "monthly cost",
        "newly found",
    ]
    text = render_rows(header, rows, left=2)
    if programmes is not None:
        lines = [
            [
                str(r["programme"]),
                f"{r['households_eligible']:,}",
                f"{r['households_undecided']:,}",
                yuan_text(int(r["monthly_cost_fen"])),
            ]
            for r in programmes.to_pylist()
        ]
        text += "\n\n" + render_rows(
            ["programme", "eligible", "undecided", "monthly cost"], lines, left=1
        )
    return text


def what_if(
    data: Frame,
    on: dt.date,
    *,
    scenario: ParameterBook,
    baseline: ParameterBook | None = None,
    errors: Errors = "mark",
    jurisdiction: str | None = None,
    workers: int | None = None,
    first_row: int = 0,
) -> WhatIf:
    """Place ``data`` under ``baseline`` (shipped data by default) and under ``scenario``; compare.

    Returns a :class:`~civaffairs.batch.report.WhatIf` whose ``summary`` counts,
    per jurisdiction and layer, households before and after, those gaining and
    losing the layer, and the monthly cost (every programme) before, after and
    its change; its ``households`` has, per household, the layer and the
    monthly cost before and after.

    .. versionadded:: 0.1.0
    """
    options: dict[str, Any] = {
        "errors": errors,
        "jurisdiction": jurisdiction,
        "workers": workers,
        "first_row": first_row,
    }
    before = assess_table(data, on, book=baseline, **options)
    after = assess_table(data, on, book=scenario, **options)
    return WhatIf(on, _households_compared(before, after), compare(before, after))


def compare(before: pa.Table, after: pa.Table) -> pa.Table:
    """Compare two :func:`assess_table` results of one table: :attr:`WhatIf.summary`'s rows.

    Per jurisdiction and layer (:data:`SUMMARY_LAYERS`): households before and
    after, those gaining and losing the layer, and the monthly cost of every
    programme before, after and its change (``monthly_fen``).

    .. versionadded:: 0.1.0
    """
    from civaffairs.batch.report import layer_changes  # noqa: PLC0415

    return layer_changes(before, after, layers=SUMMARY_LAYERS, amount="monthly_fen")


def _households_compared(before: pa.Table, after: pa.Table) -> pa.Table:
    columns: dict[str, Any] = {
        "household_id": before.column("household_id"),
        "jurisdiction": before.column("jurisdiction"),
        "layer_before": before.column("layer"),
        "layer_after": after.column("layer"),
        "monthly_before_fen": before.column("monthly_fen"),
        "monthly_after_fen": after.column("monthly_fen"),
    }
    return pa.table(columns)
