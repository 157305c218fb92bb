"""Distributional tables of a screening run: who is covered, in which layer, where, at what cost.

A policy analyst asks a screening of a whole registry the questions
PolicyEngine's microsimulation reports answer: per jurisdiction and per urban
or rural registration (户籍性质), how many households and people are in each
layer of the layered assistance system (分层分类社会救助,
:class:`~civaffairs.entities.AssistanceLayer`), what share of the people that is,
what it costs a month, and what changes under a what-if.  This module answers
them from a screening *result table*, exactly: counts are integers, money is
integer fen (分) and shares are exact fractions rounded once.

**The result table** (one row per household) this module reads:

- ``household_id`` — string or integer, unique, not null;
- ``jurisdiction`` — string (or dictionary of strings): where the household was
  decided; null means it could not be read, counted as ``(unknown)``;
- ``registration_kind`` — ``urban`` or ``rural``; null means unreadable
  (``(unknown)``).  Optional: a result without the column (the 低保 screen's)
  puts every household in one group, ``(not given)``;
- ``layer`` — an :class:`~civaffairs.entities.AssistanceLayer` value; null means
  the household could not be decided (or read), counted as ``(cannot decide)``;
- ``people`` — integer, the household's members;
- ``people_extreme_poverty``, ``people_dibao``, ``people_marginal``,
  ``people_rigid_expenditure``, ``people_none`` — integer, the members in each
  layer; members in none of them (those whose layer is not decided) are counted
  as ``(cannot decide)``, so the people of the layers always add up to ``people``.
  No member may be in a layer more protected than the household's own (the
  household's layer is the most protected of its members', as
  :mod:`civaffairs.assistance.layers` decides it);
- ``monthly_fen`` — integer fen, not negative: the household's monthly cash from
  every programme;
- ``newly_found`` — bool: eligible for something and in no programme today
  (the 主动发现 list); a null cell is "not known" and is not counted, so the
  counts are of households *known* to be newly found.  Optional: without the
  column the tables say "not given" (null).

Other columns (reasons, problems, …) are ignored.  A cell that breaks the
contract (a null count, a negative amount, an unknown layer, a household id
twice, members in more layers than the household has members) is never read
as something else: :func:`tabulate` raises
:class:`~civaffairs.errors.InvalidDocumentError` listing every bad cell as
``$[row].column``.

**Counting.**  A household counts in its own layer, with its whole monthly
cash (the cost of the layer is the cash of the households in it); people count
in their own layers (a household in 低保 may have a member in 特困).
``share_per_mille`` is the layer's people over the group's people, in
thousandths, computed as an exact :class:`~fractions.Fraction` and rounded half
up once (:func:`per_mille`); :func:`percent_text` writes it as a percentage with
one decimal.  The shares of a group's layers need not add up to exactly 1000
(each is rounded on its own); the counts always add up.

The tables are built in two steps, so chunked runs add up: :func:`tabulate`
turns a result (or a chunk of one) into *cells*, one row per (jurisdiction,
registration kind, layer) with additive counts; :func:`add_cells` adds the cells
of several chunks; :class:`Distribution` reads any grouping from the cells.
:func:`compare` does the same for a what-if: two results of one registry,
matched by ``household_id``, give the counts and cost before and after per
group and layer, and the households moving from one layer to another
(:meth:`Change.transitions`).  :func:`from_dibao` turns the 低保 screen's result
(:func:`civaffairs.batch.assess_table`) into this contract.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any, Final, Literal

import attrs
import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from civaffairs.assistance.means.family import RELATIONSHIP_CODES
from civaffairs.batch._columns import arrow, booleans, integers, nulls_of
from civaffairs.batch._common import ALL, render_rows, yuan_text
from civaffairs.entities import AssistanceLayer, RegistrationKind, Relationship
from civaffairs.errors import InvalidDocumentError, InvalidInputError
from civaffairs.labels import Language

__all__ = [
    "ALL",
    "CANNOT_DECIDE",
    "DIBAO_COLUMNS",
    "GROUPINGS",
    "LAYERS",
    "NOT_GIVEN",
    "RESULT_COLUMNS",
    "UNKNOWN",
    "Change",
    "Distribution",
    "Grouping",
    "add_cells",
    "add_change_cells",
    "compare",
    "compare_cells",
    "distribution",
    "from_dibao",
    "label",
    "per_mille",
    "percent_text",
    "render_change",
    "render_distribution",
    "render_transitions",
    "tabulate",
]

#: The layer of a household (or the people) whose layer is not decided.
CANNOT_DECIDE: Final = "(cannot decide)"
#: A jurisdiction or registration kind that could not be read (a null cell).
UNKNOWN: Final = "(unknown)"
#: The registration kind of a result without a ``registration_kind`` column.
NOT_GIVEN: Final = "(not given)"
#: The layers of the tables, most protected first, then :data:`CANNOT_DECIDE`.
LAYERS: Final = (*(layer.value for layer in AssistanceLayer), CANNOT_DECIDE)

#: A grouping of the tables: by nothing (the whole registry), jurisdiction, urban/rural or both.
Grouping = (
    tuple[()]
    | tuple[Literal["jurisdiction"]]
    | tuple[Literal["registration_kind"]]
    | tuple[Literal["jurisdiction"], Literal["registration_kind"]]
)
#: Every grouping, in the order a report shows them.
GROUPINGS: Final[tuple[Grouping, ...]] = (
    (),
    ("jurisdiction",),
    ("registration_kind",),
    ("jurisdiction", "registration_kind"),
)

_KEYS: Final = ("jurisdiction", "registration_kind")
_PEOPLE: Final = tuple(f"people_{layer.value}" for layer in AssistanceLayer)
#: The columns of a screening result this module reads (the last two are optional).
RESULT_COLUMNS: Final = (
    "household_id",
    "jurisdiction",
    "layer",
    "people",
    *_PEOPLE,
    "monthly_fen",
    "registration_kind",
    "newly_found",
)
#: The columns of the 低保 screen's result :func:`from_dibao` reads.
DIBAO_COLUMNS: Final = (
    "household_id",
    "jurisdiction",
    "layer",
    "amount_fen",
    "members_counted",
    "members_alone",
)
_KINDS: Final = frozenset(kind.value for kind in RegistrationKind)
_LAYER_VALUES: Final = frozenset(layer.value for layer in AssistanceLayer)
_WHAT: Final = "screening result"
#: The values the tables give a meaning of their own: no jurisdiction may be spelt so.
_RESERVED: Final = frozenset({CANNOT_DECIDE, UNKNOWN, NOT_GIVEN, ALL, *_LAYER_VALUES, *_KINDS})
#: The largest total a cell of the tables holds (int64); a larger one is refused, never wrapped.
_INT64_MAX: Final = (1 << 63) - 1
_SHOWN: Final = 50  # bad cells listed at most per column
_CELL_SUMS: Final = ("households", "people", "monthly_fen", "newly_found")
_CHANGE_SUMS: Final = (
    "households_before",
    "households_after",
    "people_before",
    "people_after",
    "monthly_fen_before",
    "monthly_fen_after",
)

_OTHER_LABELS: Final[Mapping[str, tuple[str, str]]] = {
    CANNOT_DECIDE: ("无法判定", "cannot decide"),
    UNKNOWN: ("无法读取", "unreadable"),
    NOT_GIVEN: ("未提供", "not given"),
    ALL: ("合计", "all"),
}


def label(value: str, lang: Language = "zh") -> str:
    """Name a layer, registration kind or placeholder of the tables in ``lang``.

    Layers and kinds carry their own labels (:class:`~civaffairs.labels.Labelled`);
    the placeholders (:data:`CANNOT_DECIDE`, :data:`UNKNOWN`, :data:`NOT_GIVEN`,
    :data:`ALL`) have theirs here.  Any other value (a jurisdiction code) is
    returned as it is.

    >>> label("dibao"), label("rural", "en"), label("(cannot decide)")
    ('最低生活保障', 'rural', '无法判定')

    .. versionadded:: 0.1.0
    """
    if value in _LAYER_VALUES:
        return AssistanceLayer(value).label(lang)
    if value in _KINDS:
        return RegistrationKind(value).label(lang)
    if value in _OTHER_LABELS:
        zh, en = _OTHER_LABELS[value]
        return zh if lang == "zh" else en
    return value


def per_mille(part: int, whole: int) -> int | None:
    """Return ``part / whole`` in thousandths, exactly, rounded half up (``None`` when 0 / 0).

    >>> per_mille(1, 3), per_mille(1, 8), per_mille(0, 0)
    (333, 125, None)

    .. versionadded:: 0.1.0
    """
    if whole == 0:
        return None
    exact = Fraction(1000 * part, whole)
    return int((exact + Fraction(1, 2)) // 1)


def percent_text(mille: int | None) -> str:
    """Write a share in thousandths as a percentage with one decimal (``"—"`` for none).

    >>> percent_text(333), percent_text(1000), percent_text(None)
    ('33.3%', '100.0%', '—')

    .. versionadded:: 0.1.0
    """
    if mille is None:
        return "—"
    return f"{mille // 10}.{mille % 10}%"


# -- reading a result ------------------------------------------------------------------------------


def _is_text(kind: pa.DataType) -> bool:
    if pa.types.is_dictionary(kind):
        return bool(
            pa.types.is_string(kind.value_type) or pa.types.is_large_string(kind.value_type)
        )
    return bool(pa.types.is_string(kind) or pa.types.is_large_string(kind))


def _encoded(table: pa.Table, name: str) -> tuple[list[str | None], npt.NDArray[np.int64]]:
    """Return a text column's distinct values and, per row, the index of its value (nulls: -1)."""
    column: Any = table.column(name)
    if pa.types.is_dictionary(column.type):
        column = column.cast(column.type.value_type)
    encoded: Any = pc.dictionary_encode(column)
    encoded = encoded.combine_chunks() if isinstance(encoded, pa.ChunkedArray) else encoded
    if len(encoded) == 0:
        return [], np.zeros(0, dtype=np.int64)
    values = [str(v) for v in encoded.dictionary.to_pylist()]
    codes = integers(_chunked(encoded.indices), null=-1)
    return [*values], codes


def _chunked(column: Any) -> Any:
    """Return a column as a chunked array (the form the ``_columns`` readers take)."""
    return column if isinstance(column, pa.ChunkedArray) else pa.chunked_array([column])


def _integers(table: pa.Table, name: str) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
    """Return an integer column as int64 (nulls as 0) and its null mask."""
    column = _chunked(table.column(name))
    return integers(column), nulls_of(column)


def _flags(values: Any) -> npt.NDArray[np.bool_]:
    """Return a boolean Arrow column as numpy booleans (a null reads ``False``)."""
    return booleans(_chunked(values))[0]


class _Problems:
    """The bad cells found in a result, listed at most :data:`_SHOWN` per column."""

    def __init__(self) -> None:
        self.errors: list[tuple[int, str, InvalidInputError]] = []

    def column(self, name: str, got: str, expected: str) -> None:
        self.errors.append((-1, name, InvalidInputError(f"$.{name}", got, expected)))

    def cells(self, table: pa.Table, name: str, bad: npt.NDArray[np.bool_], expected: str) -> None:
        for row in np.flatnonzero(bad)[:_SHOWN].tolist():
            value = table.column(name)[row].as_py()
            self.errors.append(
                (row, name, InvalidInputError(f"$[{row}].{name}", repr(value), expected))
            )

    def raise_any(self) -> None:
        if self.errors:
            self.errors.sort(key=lambda item: (item[0], item[1]))
            raise InvalidDocumentError([error for _, _, error in self.errors], what=_WHAT)


@attrs.frozen
class _Read:
    """A result table read and checked: per household, its group, layer and counts.

    ``places`` and ``kinds`` name the jurisdictions and registration kinds;
    ``where`` and ``kind`` index them per household; ``layer`` indexes :data:`LAYERS`.
    """

    places: list[str]
    where: npt.NDArray[np.int64]
    kinds: list[str]
    kind: npt.NDArray[np.int64]
    layer: npt.NDArray[np.int64]
    by_layer: npt.NDArray[np.int64]  # households × LAYERS (the last: cannot decide)
    monthly_fen: npt.NDArray[np.int64]
    newly_found: npt.NDArray[np.int64] | None

    def group(self, row: int) -> tuple[str, str]:
        """Return the (jurisdiction, registration kind) of household ``row``."""
        return self.places[int(self.where[row])], self.kinds[int(self.kind[row])]


def _check_types(table: pa.Table, problems: _Problems) -> None:
    names = table.column_names
    for name in ("household_id", "jurisdiction", "layer", "people", *_PEOPLE, "monthly_fen"):
        if name not in names:
            problems.column(name, "(absent)", "a column of the screening result")
    for name in dict.fromkeys(names):
        if names.count(name) > 1:
            problems.column(name, f"{names.count(name)} columns of that name", "one")
    expected: dict[str, tuple[Any, str]] = {
        "household_id": (
            lambda t: _is_text(t) or pa.types.is_integer(t),
            "string or integer household ids",
        ),
        "jurisdiction": (_is_text, "a string (or dictionary<string>) column"),
        "registration_kind": (_is_text, "a string (or dictionary<string>) column"),
        "layer": (_is_text, "a string (or dictionary<string>) column"),
        "monthly_fen": (pa.types.is_integer, "integer fen"),
        "newly_found": (pa.types.is_boolean, "a bool column"),
        **dict.fromkeys(("people", *_PEOPLE), (pa.types.is_integer, "integer counts")),
    }
    for name, (fits, what) in expected.items():
        if name in names and names.count(name) == 1 and not fits(table.schema.field(name).type):
            problems.column(name, str(table.schema.field(name).type), what)


def _named(
    values: list[str | None], codes: npt.NDArray[np.int64], null: str
) -> tuple[list[str], npt.NDArray[np.int64]]:
    """Name the null value ``null``: return the names and, per row, the index of its name."""
    names = [str(v) for v in values]
    if (codes < 0).any():
        names.append(null)
        codes = np.where(codes < 0, len(names) - 1, codes)
    return names, codes


def _places(table: pa.Table, problems: _Problems) -> tuple[list[str], npt.NDArray[np.int64]]:
    """Return the jurisdictions and, per row, the index of its own (null: :data:`UNKNOWN`).

    A jurisdiction spelt as a placeholder, layer or kind of the tables would be merged with
    it (a ``(unknown)`` cell with the null ones, ``(all)`` with the totals) or named as it:
    such a cell is a bad cell.
    """
    values, where = _encoded(table, "jurisdiction")
    reserved = [i for i, v in enumerate(values) if v in _RESERVED]
    problems.cells(
        table,
        "jurisdiction",
        np.isin(where, reserved),
        "a jurisdiction, not a placeholder, layer or urban/rural kind of the tables",
    )
    return _named(values, where, UNKNOWN)


def _placed(by_layer: npt.NDArray[np.int64]) -> Any:
    """Return each household's members counted in the layers, exactly.

    In int64 when the sum cannot pass 2⁶³ − 1, else as Python integers: wrapped round,
    it would pass the check that it is at most the household's members.
    """
    counted = by_layer[:, : len(_PEOPLE)]
    if len(counted) == 0 or int(counted.max()) <= _INT64_MAX // len(_PEOPLE):
        return counted.sum(axis=1)
    return counted.astype(object).sum(axis=1)


def _read(table: pa.Table) -> _Read:
    """Check ``table`` against the result contract; return its households' groups and counts."""
    problems = _Problems()
    _check_types(table, problems)
    problems.raise_any()
    rows = table.num_rows
    ids = table.column("household_id")
    id_null = nulls_of(_chunked(ids))
    problems.cells(table, "household_id", id_null, "a household id")
    if int(pc.count_distinct(ids).as_py()) + int(id_null.any()) < rows:
        seen: set[object] = set()
        twice = np.zeros(rows, dtype=np.bool_)
        for row, value in enumerate(ids.to_pylist()):
            if value is not None:
                twice[row] = value in seen
                seen.add(value)
        problems.cells(table, "household_id", twice, "each household once")

    places, where = _places(table, problems)
    if "registration_kind" in table.column_names:
        values, kind = _encoded(table, "registration_kind")
        wrong = [i for i, v in enumerate(values) if v not in _KINDS]
        problems.cells(
            table, "registration_kind", np.isin(kind, wrong), "'urban' or 'rural' (or null)"
        )
        kinds, kind = _named(values, kind, UNKNOWN)
    else:
        kinds, kind = [NOT_GIVEN], np.zeros(rows, dtype=np.int64)
    values, codes = _encoded(table, "layer")
    wrong = [i for i, v in enumerate(values) if v not in _LAYER_VALUES]
    problems.cells(table, "layer", np.isin(codes, wrong), "a layer of AssistanceLayer (or null)")
    lookup = np.array(
        [LAYERS.index(v) if v in _LAYER_VALUES else 0 for v in values] + [len(LAYERS) - 1],
        dtype=np.int64,
    )
    layer = lookup[np.where(codes < 0, len(values), codes)]

    people, people_null = _integers(table, "people")
    problems.cells(table, "people", people_null | (people < 0), "a count, 0 or more")
    by_layer = np.zeros((rows, len(LAYERS)), dtype=np.int64)
    for index, name in enumerate(_PEOPLE):
        counts, nulls = _integers(table, name)
        problems.cells(table, name, nulls | (counts < 0), "a count, 0 or more")
        by_layer[:, index] = counts
        # LAYERS[:5] are in rank order: a member in layer ``index`` of a household in a less
        # protected layer (a greater index that is not "cannot decide") breaks the contract.
        above = (layer > index) & (layer < len(LAYERS) - 1) & (counts > 0)
        problems.cells(
            table, name, above, "0: no member in a layer more protected than the household's"
        )
    placed = _placed(by_layer)
    problems.cells(
        table,
        "people",
        np.asarray(placed > people, dtype=np.bool_),
        "at least the members counted in the layers (people_<layer>)",
    )
    by_layer[:, -1] = np.maximum(people - placed, 0)
    monthly, monthly_null = _integers(table, "monthly_fen")
    problems.cells(table, "monthly_fen", monthly_null | (monthly < 0), "fen, 0 or more")
    newly: npt.NDArray[np.int64] | None = None
    if "newly_found" in table.column_names:
        flags, nulls = booleans(_chunked(table.column("newly_found")))
        # Null is "not known" (the layered screen cannot tell): not counted as newly found.
        newly = (flags & ~nulls).astype(np.int64)
    problems.raise_any()
    return _Read(places, where, kinds, kind, layer, by_layer, monthly, newly)


# -- cells -----------------------------------------------------------------------------------------


def _schema(texts: Sequence[str], counts: Sequence[str]) -> pa.Schema:
    """Return a schema of string columns ``texts`` then int64 columns ``counts``."""
    fields: list[pa.Field[Any]] = [pa.field(name, pa.string()) for name in texts]
    fields += [pa.field(name, pa.int64()) for name in counts]
    return pa.schema(fields)


def _cell_schema() -> pa.Schema:
    return _schema([*_KEYS, "layer"], _CELL_SUMS)


def _group_index(read: _Read) -> tuple[list[tuple[str, str]], npt.NDArray[np.int64]]:
    """Return the (jurisdiction, kind) groups present and, per household, its group's number."""
    pairs = read.where * len(read.kinds) + read.kind
    present, index = np.unique(pairs, return_inverse=True)
    groups = [
        (read.places[int(p) // len(read.kinds)], read.kinds[int(p) % len(read.kinds)])
        for p in present.tolist()
    ]
    return groups, np.asarray(index, dtype=np.int64).reshape(-1)


def _too_large(name: str) -> InvalidDocumentError:
    """Return the error of a total that a 64-bit cell cannot hold (never wrapped round)."""
    return InvalidDocumentError(
        [InvalidInputError(f"$.{name}", "(a total above 2⁶³ − 1)", "totals that fit 64 bits")],
        what=_WHAT,
    )


def _exact_bincount(
    index: npt.NDArray[np.int64], values: npt.NDArray[np.int64], size: int, name: str = ""
) -> npt.NDArray[np.int64]:
    """Sum integer ``values`` (0 or more) per ``index`` exactly, or refuse a total above int64.

    ``np.bincount`` adds in float; ``np.add.at`` on int64 wraps round silently, so when
    the values could add up beyond int64 they are added as Python integers and checked.
    """
    if len(values) == 0 or int(values.max()) <= _INT64_MAX // len(values):
        out = np.zeros(size, dtype=np.int64)
        np.add.at(out, index, values)
        return out
    totals = [0] * size
    for at, value in zip(index.tolist(), values.tolist(), strict=True):
        totals[at] += value
    if max(totals) > _INT64_MAX:
        raise _too_large(name)
    return np.array(totals, dtype=np.int64)


def _summed(table: pa.Table, keys: Sequence[str], sums: Sequence[str]) -> pa.Table:
    """Sum ``sums`` per ``keys`` exactly (a null is skipped; all null gives null).

    Arrow's grouped sum wraps an int64 total round silently; these are Python integers,
    and a total above int64 is refused.
    """
    columns = {name: table.column(name).to_pylist() for name in [*keys, *sums]}
    totals: dict[tuple[Any, ...], list[int | None]] = {}
    for row in range(table.num_rows):
        found = totals.setdefault(tuple(columns[k][row] for k in keys), [None] * len(sums))
        for at, name in enumerate(sums):
            value = columns[name][row]
            if value is not None:
                before = found[at]
                found[at] = value if before is None else before + value
    for at, name in enumerate(sums):
        if any(abs(v[at] or 0) > _INT64_MAX for v in totals.values()):
            raise _too_large(name)
    rows = [
        {**dict(zip(keys, key, strict=True)), **dict(zip(sums, values, strict=True))}
        for key, values in totals.items()
    ]
    return pa.Table.from_pylist(rows, schema=_schema(keys, sums))


def tabulate(result: pa.Table) -> pa.Table:
    """Return the cells of a screening result: one row per (jurisdiction, kind, layer) present.

    Columns: ``jurisdiction``, ``registration_kind``, ``layer`` (strings, the
    placeholders :data:`UNKNOWN`, :data:`NOT_GIVEN` and :data:`CANNOT_DECIDE`
    included), then the additive counts ``households`` (in the layer),
    ``people`` (members in the layer), ``monthly_fen`` (the cash of the
    households in the layer) and ``newly_found`` (households in the layer on
    the 主动发现 list; null when the result does not say).  Every layer of
    :data:`LAYERS` is listed for every group present, zeros included.

    Raises :class:`~civaffairs.errors.InvalidDocumentError` listing the cells
    that break the contract (module docstring).

    .. versionadded:: 0.1.0
    """
    read = _read(result)
    groups, index = _group_index(read)
    size = len(groups)
    cell = index * len(LAYERS) + read.layer
    cells = size * len(LAYERS)
    households = _exact_bincount(cell, np.ones(len(cell), dtype=np.int64), cells)
    monthly = _exact_bincount(cell, read.monthly_fen, cells, "monthly_fen")
    newly = None if read.newly_found is None else _exact_bincount(cell, read.newly_found, cells)
    people = np.zeros((size, len(LAYERS)), dtype=np.int64)
    for column in range(len(LAYERS)):
        people[:, column] = _exact_bincount(index, read.by_layer[:, column], size, "people")
    rows: list[dict[str, object]] = []
    for number, (where, kind) in enumerate(groups):
        for column, layer in enumerate(LAYERS):
            at = number * len(LAYERS) + column
            rows.append(
                {
                    "jurisdiction": where,
                    "registration_kind": kind,
                    "layer": layer,
                    "households": int(households[at]),
                    "people": int(people[number, column]),
                    "monthly_fen": int(monthly[at]),
                    "newly_found": None if newly is None else int(newly[at]),
                }
            )
    return _sorted(pa.Table.from_pylist(rows, schema=_cell_schema()), ("layer",))


def _order(value: str) -> tuple[int, str]:
    """Sort key of a group value: named values first, then the placeholders, totals last."""
    placeholder = {UNKNOWN: 1, NOT_GIVEN: 1, ALL: 2}.get(value, 0)
    return placeholder, value


def _sorted(table: pa.Table, tail: Sequence[str]) -> pa.Table:
    """Sort rows by the group keys present, then by layer order for each ``tail`` column."""
    keys = [k for k in _KEYS if k in table.column_names]
    rows = table.to_pylist()

    def key(row: dict[str, Any]) -> tuple[object, ...]:
        layers = tuple(
            len(LAYERS) if row[name] == ALL else LAYERS.index(row[name]) for name in tail
        )
        return (*(_order(str(row[k])) for k in keys), *layers)

    rows.sort(key=key)
    return pa.Table.from_pylist(rows, schema=table.schema)


def _add(parts: Iterable[pa.Table], keys: Sequence[str], sums: Sequence[str]) -> pa.Table:
    tables = list(parts)
    if not tables:
        raise InvalidInputError("parts", "(none)", "at least one table of cells")
    return _summed(pa.concat_tables(tables), keys, sums)


def add_cells(parts: Iterable[pa.Table]) -> pa.Table:
    """Add up the cells of several chunks of one registry (:func:`tabulate` of each).

    ``newly_found`` stays null only where every chunk's is null.

    .. versionadded:: 0.1.0
    """
    return _sorted(_add(parts, [*_KEYS, "layer"], _CELL_SUMS), ("layer",))


# -- the tables ------------------------------------------------------------------------------------


def _grouped(cells: pa.Table, by: Grouping, tail: Sequence[str], sums: Sequence[str]) -> pa.Table:
    """Sum ``sums`` per ``by`` and ``tail`` (the cells hold every layer of every group).

    The whole registry (``by`` empty) has every layer even when it has no household.
    """
    keys = [*by, *tail]
    if not by and cells.num_rows == 0:
        combinations: list[tuple[str, ...]] = [()]
        for _ in tail:
            combinations = [(*c, layer) for c in combinations for layer in LAYERS]
        rows = [
            {
                **dict(zip(tail, combination, strict=True)),
                **dict.fromkeys(sums, 0),
            }
            for combination in combinations
        ]
        return pa.Table.from_pylist(rows, schema=_schema(tail, sums))
    return _summed(cells, keys, sums)


def _check_grouping(by: object) -> Grouping:
    for grouping in GROUPINGS:
        if by == grouping:
            return grouping
    raise InvalidInputError(
        "by",
        repr(by),
        "(), ('jurisdiction',), ('registration_kind',) or ('jurisdiction', 'registration_kind')",
    )


def _total(values: Iterable[int | None]) -> int | None:
    present = [v for v in values if v is not None]
    return sum(present) if present else None


@attrs.frozen
class Distribution:
    """Households, people and cost per layer of one screening run, readable by any grouping.

    ``cells`` is :func:`tabulate`'s (or :func:`add_cells`') table.  Build one
    with :func:`distribution` from a result table.

    .. versionadded:: 0.1.0
    """

    cells: pa.Table

    @property
    def kinds_given(self) -> bool:
        """Whether the result gave the registration kind (urban/rural) of its households.

        .. versionadded:: 0.1.0
        """
        return NOT_GIVEN not in set(self.cells.column("registration_kind").to_pylist())

    @property
    def newly_found_given(self) -> bool:
        """Whether the result said which households are newly found (主动发现).

        .. versionadded:: 0.1.0
        """
        column = self.cells.column("newly_found")
        return column.null_count < len(column) or len(column) == 0

    def groups(self, by: Grouping) -> list[tuple[str, ...]]:
        """Return the groups of ``by`` present, in the tables' order.

        .. versionadded:: 0.1.0
        """
        grouping = _check_grouping(by)
        if not grouping:
            return [()]
        seen = dict.fromkeys(
            tuple(str(row[k]) for k in grouping)
            for row in self.cells.select(list(grouping)).to_pylist()
        )
        return sorted(seen, key=lambda group: tuple(_order(v) for v in group))

    def table(self, by: Grouping = ()) -> pa.Table:
        """Return one row per group of ``by`` and layer, then a row per group for all layers.

        Columns: the ``by`` keys, ``layer`` (a value of :data:`LAYERS`, or
        :data:`ALL` for the group's totals), ``households``, ``people``,
        ``share_per_mille`` (the layer's people over the group's, in
        thousandths, rounded half up once; null for a group with no people),
        ``monthly_fen`` and ``newly_found``.

        .. versionadded:: 0.1.0
        """
        grouping = _check_grouping(by)
        layers = _grouped(self.cells, grouping, ["layer"], _CELL_SUMS).to_pylist()
        people: dict[tuple[str, ...], int] = {}
        totals: dict[tuple[str, ...], dict[str, Any]] = {}
        for row in layers:
            group = tuple(str(row[k]) for k in grouping)
            people[group] = people.get(group, 0) + int(row["people"])
            total = totals.setdefault(
                group, {**{k: row[k] for k in grouping}, "layer": ALL, "_newly": []}
            )
            for name in ("households", "people", "monthly_fen"):
                total[name] = int(total.get(name, 0)) + int(row[name])
            total["_newly"].append(row["newly_found"])
        rows: list[dict[str, Any]] = []
        for row in layers:
            group = tuple(str(row[k]) for k in grouping)
            rows.append({**row, "share_per_mille": per_mille(int(row["people"]), people[group])})
        for group, total in totals.items():
            total["newly_found"] = _total(total.pop("_newly"))
            total["share_per_mille"] = per_mille(people[group], people[group])
            rows.append(total)
        counts = ("households", "people", "share_per_mille", "monthly_fen", "newly_found")
        schema = _schema([*grouping, "layer"], counts)
        table = pa.Table.from_pylist(rows, schema=schema)
        return _sorted(table, ("layer",))


def distribution(result: pa.Table) -> Distribution:
    """Return the distribution of one screening result table (the module's contract).

    >>> import pyarrow as pa
    >>> result = pa.table({
    ...     "household_id": ["h1", "h2", "h3"],
    ...     "jurisdiction": ["330106", "330106", "330102"],
    ...     "registration_kind": ["urban", "rural", "urban"],
    ...     "layer": ["dibao", "none", "extreme_poverty"],
    ...     "people": pa.array([3, 2, 1], pa.int32()),
    ...     "people_extreme_poverty": pa.array([0, 0, 1], pa.int32()),
    ...     "people_dibao": pa.array([3, 0, 0], pa.int32()),
    ...     "people_marginal": pa.array([0, 0, 0], pa.int32()),
    ...     "people_rigid_expenditure": pa.array([0, 0, 0], pa.int32()),
    ...     "people_none": pa.array([0, 2, 0], pa.int32()),
    ...     "monthly_fen": pa.array([231000, 0, 130000], pa.int64()),
    ...     "newly_found": [True, False, False],
    ... })
    >>> rows = distribution(result).table().to_pylist()
    >>> [(r["layer"], r["people"], percent_text(r["share_per_mille"])) for r in rows][:2]
    [('extreme_poverty', 1, '16.7%'), ('dibao', 3, '50.0%')]

    .. versionadded:: 0.1.0
    """
    return Distribution(tabulate(result))


# -- the 低保 screen's result --------------------------------------------------------------------


def _applicant_kinds(persons: pa.Table, ids: Any) -> Any:
    """Return, per household id of ``ids``, the registration kind on its one applicant's row.

    Null where the household has no applicant row or more than one, or the cell is
    not ``urban`` or ``rural``: as the 低保 screen, which cannot read such a household.
    """
    needed = ("household_id", "relationship", "registration_kind")
    missing = [name for name in needed if name not in persons.column_names]
    if missing:
        raise InvalidDocumentError(
            [
                InvalidInputError(f"$.{n}", "(absent)", "a column of the persons table")
                for n in missing
            ],
            what="persons table",
        )
    relationship: Any = persons.column("relationship")
    if pa.types.is_integer(relationship.type):
        applicant: Any = pc.equal(
            relationship, pa.scalar(RELATIONSHIP_CODES[Relationship.APPLICANT], relationship.type)
        )
    else:
        if pa.types.is_dictionary(relationship.type):
            relationship = relationship.cast(relationship.type.value_type)
        applicant = pc.equal(relationship, pa.scalar(Relationship.APPLICANT.value))
    kind: Any = persons.column("registration_kind")
    if pa.types.is_dictionary(kind.type):
        kind = kind.cast(kind.type.value_type)
    ids_column: Any = persons.column("household_id")
    rows = pa.table({"household_id": ids_column, "kind": kind}).filter(applicant.fill_null(False))
    grouped = rows.group_by("household_id", use_threads=False).aggregate(
        [("kind", "first"), ([], "count_all")]
    )
    once = pc.equal(grouped.column("count_all"), pa.scalar(1, pa.int64()))
    known: Any = pc.is_in(grouped.column("kind_first"), value_set=pa.array(sorted(_KINDS)))
    usable: Any = pc.and_(once, known.fill_null(False))
    kinds: Any = pc.if_else(usable, grouped.column("kind_first"), pa.scalar(None, pa.string()))
    at = pc.index_in(ids, value_set=grouped.column("household_id").combine_chunks())
    return kinds.take(at)


def from_dibao(result: pa.Table, persons: pa.Table | None = None) -> pa.Table:
    """Turn the 低保 screen's result (:func:`civaffairs.batch.assess_table`) into the contract.

    ``people`` is ``members_counted`` (the family members the screen counted;
    a household whose rows could not be read counts none); an eligible
    household's members are in 低保 — those covered alone
    (``members_alone``, 单人户) when the household is covered that way, else
    every counted member — and the rest in ``none``; a household not eligible
    has its members in ``none``; one that cannot be decided, in none of the
    layers (so, ``(cannot decide)``).  ``monthly_fen`` is ``amount_fen``.  The
    低保 result gives neither the registration kind nor who is in a programme
    today, so the table has no ``newly_found`` column, and no
    ``registration_kind`` (every household is ``(not given)``) unless the
    screened ``persons`` table is given: then each household's kind is the one
    on its applicant's row (null, unreadable, where the household has not
    exactly one applicant or the cell is not ``urban`` or ``rural``).

    .. versionadded:: 0.1.0
    """
    missing = [name for name in DIBAO_COLUMNS if name not in result.column_names]
    if missing:
        raise InvalidDocumentError(
            [
                InvalidInputError(f"$.{name}", "(absent)", "a column of the 低保 result")
                for name in missing
            ],
            what="低保 screening result",
        )
    layer: Any = result.column("layer")
    text: Any = layer.cast(layer.type.value_type) if pa.types.is_dictionary(layer.type) else layer
    counted, _ = _integers(result, "members_counted")
    alone, _ = _integers(result, "members_alone")
    is_dibao = _flags(pc.equal(text, pa.scalar("dibao")))
    is_none = _flags(pc.equal(text, pa.scalar("none")))
    in_dibao = np.where(is_dibao, np.where(alone > 0, alone, counted), 0)
    in_none = np.where(is_dibao, counted - in_dibao, np.where(is_none, counted, 0))
    zero = arrow(np.zeros(result.num_rows, dtype=np.int32))
    columns: dict[str, Any] = {
        "household_id": result.column("household_id"),
        "jurisdiction": result.column("jurisdiction"),
        "layer": result.column("layer"),
        "people": result.column("members_counted").cast(pa.int32()),
        "people_extreme_poverty": zero,
        "people_dibao": arrow(in_dibao.astype(np.int32)),
        "people_marginal": zero,
        "people_rigid_expenditure": zero,
        "people_none": arrow(in_none.astype(np.int32)),
        "monthly_fen": result.column("amount_fen").cast(pa.int64()),
    }
    if persons is not None:
        ids: Any = result.column("household_id").combine_chunks()
        columns["registration_kind"] = _applicant_kinds(persons, ids)
    return pa.table(columns)


# -- what-if ---------------------------------------------------------------------------------------


def _change_schema() -> pa.Schema:
    return _schema([*_KEYS, "layer"], _CHANGE_SUMS)


def _move_schema() -> pa.Schema:
    return _schema([*_KEYS, "layer_before", "layer_after"], ["households"])


def _matched(before: pa.Table, after: pa.Table) -> npt.NDArray[np.int64]:
    """Return, per row of ``before``, the row of ``after`` with its household id (or refuse)."""
    ids_before = before.column("household_id").combine_chunks()
    ids_after = after.column("household_id").combine_chunks()
    if ids_before.type != ids_after.type:
        ids_after = ids_after.cast(ids_before.type)
    found = pc.index_in(ids_before, value_set=ids_after)
    back = pc.is_in(ids_after, value_set=ids_before)
    problems: list[InvalidInputError] = [
        InvalidInputError(
            f"before[{row}].household_id",
            repr(ids_before[row].as_py()),
            "a household of the what-if",
        )
        for row in np.flatnonzero(nulls_of(_chunked(found)))[:_SHOWN].tolist()
    ]
    problems += [
        InvalidInputError(
            f"after[{row}].household_id",
            repr(ids_after[row].as_py()),
            "a household of the baseline",
        )
        for row in np.flatnonzero(~_flags(back))[:_SHOWN].tolist()
    ]
    if problems:
        raise InvalidDocumentError(problems, what="what-if: two results of one registry")
    return integers(_chunked(found))


def compare_cells(before: pa.Table, after: pa.Table) -> tuple[pa.Table, pa.Table]:
    """Return the what-if cells and moves of two results of one registry (or of one chunk of it).

    ``before`` and ``after`` follow the result contract and hold the same
    households (matched by ``household_id``, in any order), each in the same
    jurisdiction and registration kind in both; a household missing from
    either, or placed differently, is refused
    (:class:`~civaffairs.errors.InvalidDocumentError`).  Households are grouped
    where they are.

    The cells have one row per (jurisdiction, kind, layer) with
    ``households_before``, ``households_after``, ``people_before``,
    ``people_after``, ``monthly_fen_before`` and ``monthly_fen_after``; the
    moves one row per (jurisdiction, kind, layer before, layer after) with the
    ``households`` that moved so (staying put included).  Both add up over
    chunks (:func:`add_change_cells`).

    .. versionadded:: 0.1.0
    """
    first, second = _read(before), _read(after)
    rows = _matched(before, after)
    mismatch = [
        InvalidInputError(
            f"after[{int(rows[i])}].{name}",
            repr(second.group(int(rows[i]))[at]),
            f"{first.group(i)[at]!r}, as in the baseline",
        )
        for i in range(len(rows))
        if first.group(i) != second.group(int(rows[i]))
        for at, name in enumerate(_KEYS)
        if first.group(i)[at] != second.group(int(rows[i]))[at]
    ][:_SHOWN]
    if mismatch:
        raise InvalidDocumentError(mismatch, what="what-if: two results of one registry")
    groups, index = _group_index(first)
    size, width = len(groups), len(LAYERS)
    was, now = first.layer, second.layer[rows]
    counts: dict[str, npt.NDArray[np.int64]] = {}
    for suffix, codes, read, order in (("before", was, first, None), ("after", now, second, rows)):
        cell = index * width + codes
        ones = np.ones(len(cell), dtype=np.int64)
        counts[f"households_{suffix}"] = _exact_bincount(cell, ones, size * width)
        money = read.monthly_fen if order is None else read.monthly_fen[order]
        counts[f"monthly_fen_{suffix}"] = _exact_bincount(cell, money, size * width, "monthly_fen")
        by_layer = read.by_layer if order is None else read.by_layer[order]
        people = np.zeros(size * width, dtype=np.int64)
        for column in range(width):
            people[column::width] = _exact_bincount(index, by_layer[:, column], size, "people")
        counts[f"people_{suffix}"] = people
    cells = [
        {
            "jurisdiction": where,
            "registration_kind": kind,
            "layer": layer,
            **{name: int(counts[name][number * width + column]) for name in _CHANGE_SUMS},
        }
        for number, (where, kind) in enumerate(groups)
        for column, layer in enumerate(LAYERS)
    ]
    moved = _exact_bincount(
        (index * width + was) * width + now, np.ones(len(was), dtype=np.int64), size * width * width
    )
    moves = [
        {
            "jurisdiction": where,
            "registration_kind": kind,
            "layer_before": LAYERS[a],
            "layer_after": LAYERS[b],
            "households": int(moved[(number * width + a) * width + b]),
        }
        for number, (where, kind) in enumerate(groups)
        for a in range(width)
        for b in range(width)
    ]
    return (
        _sorted(pa.Table.from_pylist(cells, schema=_change_schema()), ("layer",)),
        _sorted(
            pa.Table.from_pylist(moves, schema=_move_schema()), ("layer_before", "layer_after")
        ),
    )


def add_change_cells(parts: Iterable[tuple[pa.Table, pa.Table]]) -> tuple[pa.Table, pa.Table]:
    """Add up the what-if cells and moves of several chunks (:func:`compare_cells` of each).

    .. versionadded:: 0.1.0
    """
    pairs = list(parts)
    cells = _add((c for c, _ in pairs), [*_KEYS, "layer"], _CHANGE_SUMS)
    moves = _add((m for _, m in pairs), [*_KEYS, "layer_before", "layer_after"], ["households"])
    return _sorted(cells, ("layer",)), _sorted(moves, ("layer_before", "layer_after"))


@attrs.frozen
class Change:
    """A what-if of one registry: counts and cost per layer before and after, and the moves.

    ``cells`` and ``moves`` are :func:`compare_cells`' (or
    :func:`add_change_cells`') tables.  Build one with :func:`compare`.

    .. versionadded:: 0.1.0
    """

    cells: pa.Table
    moves: pa.Table

    def table(self, by: Grouping = ()) -> pa.Table:
        """Return per group of ``by`` and layer (then :data:`ALL`): before, after and change.

        Columns: the ``by`` keys, ``layer``, then for ``households``,
        ``people`` and ``monthly_fen`` each ``_before``, ``_after`` and
        ``_change`` (after minus before).

        .. versionadded:: 0.1.0
        """
        grouping = _check_grouping(by)
        layers = _grouped(self.cells, grouping, ["layer"], _CHANGE_SUMS).to_pylist()
        totals: dict[tuple[str, ...], dict[str, Any]] = {}
        for row in layers:
            group = tuple(str(row[k]) for k in grouping)
            total = totals.setdefault(group, {**{k: row[k] for k in grouping}, "layer": ALL})
            for name in _CHANGE_SUMS:
                total[name] = int(total.get(name, 0)) + int(row[name])
        rows = [*layers, *totals.values()]
        for row in rows:
            for name in ("households", "people", "monthly_fen"):
                row[f"{name}_change"] = int(row[f"{name}_after"]) - int(row[f"{name}_before"])
        names = [
            f"{name}_{when}"
            for name in ("households", "people", "monthly_fen")
            for when in ("before", "after", "change")
        ]
        schema = _schema([*grouping, "layer"], names)
        return _sorted(pa.Table.from_pylist(rows, schema=schema), ("layer",))

    def transitions(self, by: Grouping = ()) -> pa.Table:
        """Return the layer transition matrix: households per group, layer before and layer after.

        One row per group of ``by``, ``layer_before`` and ``layer_after`` (every
        pair of :data:`LAYERS`, zeros included), column ``households``.

        .. versionadded:: 0.1.0
        """
        grouping = _check_grouping(by)
        keys = ["layer_before", "layer_after"]
        table = _grouped(self.moves, grouping, keys, ["households"])
        return _sorted(table, keys)

    def moved(self) -> int:
        """Return how many households changed layer.

        .. versionadded:: 0.1.0
        """
        return sum(
            int(row["households"])
            for row in self.moves.to_pylist()
            if row["layer_before"] != row["layer_after"]
        )


def compare(before: pa.Table, after: pa.Table) -> Change:
    """Return the what-if of two results of one registry (see :func:`compare_cells`).

    .. versionadded:: 0.1.0
    """
    return Change(*compare_cells(before, after))


# -- text ------------------------------------------------------------------------------------------


def _group_cells(row: Mapping[str, Any], by: Sequence[str]) -> list[str]:
    return [label(str(row[k]), "en") if k == "registration_kind" else str(row[k]) for k in by]


def render_distribution(dist: Distribution, by: Grouping = ()) -> str:
    """Render :meth:`Distribution.table` as aligned text (money in yuan, shares in per cent).

    .. versionadded:: 0.1.0
    """
    grouping = _check_grouping(by)
    rows = [
        [
            *_group_cells(r, grouping),
            label(str(r["layer"]), "en"),
            f"{r['households']:,}",
            f"{r['people']:,}",
            percent_text(r["share_per_mille"]),
            yuan_text(int(r["monthly_fen"])),
            "—" if r["newly_found"] is None else f"{r['newly_found']:,}",
        ]
        for r in dist.table(grouping).to_pylist()
    ]
    header = [*grouping, "layer", "households", "people", "share", "monthly cost", "newly found"]
    return render_rows(header, rows, left=len(grouping) + 1)


def _signed(value: int, text: str) -> str:
    return ("+" if value >= 0 else "-") + text


def render_change(change: Change, by: Grouping = ()) -> str:
    """Render :meth:`Change.table` as aligned text.

    .. versionadded:: 0.1.0
    """
    grouping = _check_grouping(by)
    rows = [
        [
            *_group_cells(r, grouping),
            label(str(r["layer"]), "en"),
            f"{r['households_before']:,}",
            f"{r['households_after']:,}",
            _signed(r["households_change"], f"{abs(r['households_change']):,}"),
            f"{r['people_before']:,}",
            f"{r['people_after']:,}",
            _signed(r["people_change"], f"{abs(r['people_change']):,}"),
            yuan_text(int(r["monthly_fen_before"])),
            yuan_text(int(r["monthly_fen_after"])),
            _signed(r["monthly_fen_change"], yuan_text(abs(int(r["monthly_fen_change"])))),
        ]
        for r in change.table(grouping).to_pylist()
    ]
    header = [
        *grouping,
        "layer",
        "households before",
        "after",
        "change",
        "people before",
        "after",
        "change",
        "cost before",
        "after",
        "change",
    ]
    return render_rows(header, rows, left=len(grouping) + 1)


def render_transitions(change: Change) -> str:
    """Render the whole registry's transition matrix: rows the layer before, columns after.

    .. versionadded:: 0.1.0
    """
    matrix = {
        (str(r["layer_before"]), str(r["layer_after"])): int(r["households"])
        for r in change.transitions().to_pylist()
    }
    rows = [[label(a, "en"), *(f"{matrix.get((a, b), 0):,}" for b in LAYERS)] for a in LAYERS]
    return render_rows(["before \\ after", *(label(b, "en") for b in LAYERS)], rows, left=1)
