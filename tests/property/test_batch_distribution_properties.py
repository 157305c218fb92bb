"""Invariants of the distributional tables (:mod:`civaffairs.batch.distribution`).

Random result tables in the screening-result contract: the tables equal a plain
Python count of the rows; totals across groups equal the overall totals; people
per layer add up to people; the order of rows and the cutting into chunks change
nothing; a what-if of a result with itself changes nothing.
"""

from __future__ import annotations

import random
from collections import Counter
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

pa = pytest.importorskip("pyarrow")
pytest.importorskip("numpy")

from civaffairs.batch import distribution as d  # noqa: E402 - after the extra's check
from civaffairs.entities import AssistanceLayer  # noqa: E402
from civaffairs.errors import InvalidDocumentError  # noqa: E402

_LAYERS = [layer.value for layer in AssistanceLayer]
_PLACES = ["330106", "330102", "500156", "<b>&amp;</b>", "县\"'", ""]


@st.composite
def households(draw: st.DrawFn, index: int) -> dict[str, Any]:
    layer = draw(st.sampled_from([*_LAYERS, None]))
    # Members may be in the household's layer or a less protected one (any, when undecided).
    rank = 0 if layer is None else AssistanceLayer(layer).rank
    counts = {
        name: (draw(st.integers(0, 4)) if AssistanceLayer(name).rank >= rank else 0)
        for name in _LAYERS
    }
    return {
        "household_id": f"h{index}",
        "jurisdiction": draw(st.sampled_from([*_PLACES, None])),
        "registration_kind": draw(st.sampled_from(["urban", "rural", None])),
        "layer": layer,
        "people": sum(counts.values()) + draw(st.integers(0, 3)),
        **{f"people_{name}": n for name, n in counts.items()},
        "monthly_fen": draw(st.sampled_from([0, 1, 99, 63_000, 10**11])),
        "newly_found": draw(st.sampled_from([True, False, None])),
    }


@st.composite
def results(draw: st.DrawFn, *, min_size: int = 0) -> list[dict[str, Any]]:
    size = draw(st.integers(min_size, 25))
    return [draw(households(i)) for i in range(size)]


def _table(rows: list[dict[str, Any]], *, kinds: bool = True) -> Any:
    counts = pa.int32()
    columns: dict[str, Any] = {
        "household_id": pa.array([r["household_id"] for r in rows], pa.string()),
        "jurisdiction": pa.array(
            [r["jurisdiction"] for r in rows], pa.string()
        ).dictionary_encode(),
        "layer": pa.array([r["layer"] for r in rows], pa.string()).dictionary_encode(),
        "people": pa.array([r["people"] for r in rows], counts),
        **{
            f"people_{name}": pa.array([r[f"people_{name}"] for r in rows], counts)
            for name in _LAYERS
        },
        "monthly_fen": pa.array([r["monthly_fen"] for r in rows], pa.int64()),
        "newly_found": pa.array([r["newly_found"] for r in rows], pa.bool_()),
    }
    if kinds:
        columns["registration_kind"] = pa.array(
            [r["registration_kind"] for r in rows], pa.string()
        ).dictionary_encode()
    return pa.table(columns)


def _oracle(rows: list[dict[str, Any]]) -> dict[tuple[str, str, str], Counter[str]]:
    """Count the cells in plain Python, straight from the contract's words."""
    cells: dict[tuple[str, str, str], Counter[str]] = {}
    for r in rows:
        where = d.UNKNOWN if r["jurisdiction"] is None else r["jurisdiction"]
        kind = d.UNKNOWN if r["registration_kind"] is None else r["registration_kind"]
        layer = d.CANNOT_DECIDE if r["layer"] is None else r["layer"]
        own = cells.setdefault((where, kind, layer), Counter())
        own["households"] += 1
        own["monthly_fen"] += r["monthly_fen"]
        own["newly_found"] += int(r["newly_found"] is True)
        placed = 0
        for name in _LAYERS:
            cells.setdefault((where, kind, name), Counter())["people"] += r[f"people_{name}"]
            placed += r[f"people_{name}"]
        cells.setdefault((where, kind, d.CANNOT_DECIDE), Counter())["people"] += (
            r["people"] - placed
        )
    return cells


@given(results())
def test_cells_equal_a_plain_count_of_the_rows(rows: list[dict[str, Any]]) -> None:
    cells = d.tabulate(_table(rows))
    expected = _oracle(rows)
    groups = {(w, k) for w, k, _ in expected}
    assert cells.num_rows == len(groups) * len(d.LAYERS)  # every layer of every group
    for row in cells.to_pylist():
        key = (row["jurisdiction"], row["registration_kind"], row["layer"])
        want = expected.get(key, Counter())
        for name in ("households", "people", "monthly_fen", "newly_found"):
            assert row[name] == want[name], (key, name)


@given(results())
def test_totals_across_groups_equal_the_overall_totals(rows: list[dict[str, Any]]) -> None:
    dist = d.distribution(_table(rows))
    overall = {r["layer"]: r for r in dist.table().to_pylist()}
    for by in d.GROUPINGS[1:]:
        summed: dict[str, Counter[str]] = {}
        for r in dist.table(by).to_pylist():
            for name in ("households", "people", "monthly_fen", "newly_found"):
                summed.setdefault(r["layer"], Counter())[name] += r[name]
        for layer, row in overall.items():
            for name in ("households", "people", "monthly_fen", "newly_found"):
                assert summed.get(layer, Counter())[name] == row[name], (by, layer, name)


@given(results())
def test_people_per_layer_add_up_to_people(rows: list[dict[str, Any]]) -> None:
    dist = d.distribution(_table(rows))
    for by in d.GROUPINGS:
        table = dist.table(by).to_pylist()
        for group in dist.groups(by):
            mine = [r for r in table if tuple(r[k] for k in by) == group]
            total = next(r for r in mine if r["layer"] == d.ALL)
            layers = [r for r in mine if r["layer"] != d.ALL]
            assert [r["layer"] for r in layers] == list(d.LAYERS)
            assert sum(r["people"] for r in layers) == total["people"]
            assert sum(r["households"] for r in layers) == total["households"]
            for r in mine:  # each share is the exact fraction, rounded half up once
                assert r["share_per_mille"] == d.per_mille(r["people"], total["people"])
    everyone = next(r for r in dist.table().to_pylist() if r["layer"] == d.ALL)
    assert everyone["people"] == sum(r["people"] for r in rows)
    assert everyone["households"] == len(rows)


@given(results(), st.randoms(use_true_random=False))
def test_the_order_of_rows_never_changes_the_tables(
    rows: list[dict[str, Any]], rng: random.Random
) -> None:
    shuffled = rows[:]
    rng.shuffle(shuffled)
    first, second = d.distribution(_table(rows)), d.distribution(_table(shuffled))
    for by in d.GROUPINGS:
        assert first.table(by).equals(second.table(by))
    change = d.compare(_table(rows), _table(shuffled))
    assert change.table().equals(d.compare(_table(shuffled), _table(rows)).table())


@given(results(), st.data())
def test_chunks_add_up_to_the_whole(rows: list[dict[str, Any]], data: st.DataObject) -> None:
    cut = data.draw(st.integers(0, len(rows)))
    whole = d.tabulate(_table(rows))
    parts = [d.tabulate(_table(rows[:cut])), d.tabulate(_table(rows[cut:]))]
    assert d.add_cells(parts).equals(whole)
    pairs = [d.compare_cells(_table(p), _table(p)) for p in (rows[:cut], rows[cut:])]
    cells, moves = d.add_change_cells(pairs)
    whole_cells, whole_moves = d.compare_cells(_table(rows), _table(rows))
    assert cells.equals(whole_cells)
    assert moves.equals(whole_moves)


@given(results(), st.randoms(use_true_random=False))
def test_a_what_if_of_a_result_with_itself_changes_nothing(
    rows: list[dict[str, Any]], rng: random.Random
) -> None:
    shuffled = rows[:]
    rng.shuffle(shuffled)
    change = d.compare(_table(rows), _table(shuffled))
    before = d.distribution(_table(rows))
    for by in d.GROUPINGS:
        for r in change.table(by).to_pylist():
            assert r["households_change"] == r["people_change"] == r["monthly_fen_change"] == 0
        levels = {(*(r[k] for k in by), r["layer"]): r for r in before.table(by).to_pylist()}
        for r in change.table(by).to_pylist():
            same = levels[(*(r[k] for k in by), r["layer"])]
            assert r["households_before"] == same["households"]
            assert r["people_after"] == same["people"]
            assert r["monthly_fen_after"] == same["monthly_fen"]
    assert change.moved() == 0
    for r in change.transitions().to_pylist():
        if r["layer_before"] != r["layer_after"]:
            assert r["households"] == 0


@given(results(min_size=1), st.data())
def test_a_what_if_counts_every_move_and_the_cost_exactly(
    rows: list[dict[str, Any]], data: st.DataObject
) -> None:
    after = []
    for r in rows:  # another book: another layer and amount for some households
        changed = dict(r)
        if data.draw(st.booleans()):
            changed.update({f"people_{name}": 0 for name in _LAYERS})
            changed["layer"] = data.draw(st.sampled_from(["dibao", "none", None]))
            if changed["layer"] is not None:
                changed[f"people_{changed['layer']}"] = changed["people"]
            changed["monthly_fen"] = data.draw(st.integers(0, 10**6))
        after.append(changed)
    change = d.compare(_table(rows), _table(after))
    total = next(r for r in change.table().to_pylist() if r["layer"] == d.ALL)
    cost = sum(r["monthly_fen"] for r in after) - sum(r["monthly_fen"] for r in rows)
    assert total["monthly_fen_change"] == cost
    label = {None: d.CANNOT_DECIDE}
    moves = Counter(
        (label.get(a["layer"], a["layer"]), label.get(b["layer"], b["layer"]))
        for a, b in zip(rows, after, strict=True)
    )
    for r in change.transitions().to_pylist():
        assert r["households"] == moves[(r["layer_before"], r["layer_after"])]
    for r in change.table().to_pylist():
        if r["layer"] != d.ALL:
            assert r["households_after"] == sum(
                1 for b in after if label.get(b["layer"], b["layer"]) == r["layer"]
            )


_COLUMN_VALUES: dict[str, Any] = {
    "text": st.one_of(st.none(), st.sampled_from([*_LAYERS, "urban", "rural", "500101", ""])),
    "int": st.one_of(st.none(), st.integers(-(2**31), 2**31 - 1)),
    "bool": st.one_of(st.none(), st.booleans()),
    "float": st.one_of(st.none(), st.floats(allow_nan=True)),
}
_KINDS = {"text": pa.string(), "int": pa.int32(), "bool": pa.bool_(), "float": pa.float64()}


@st.composite
def any_tables(draw: st.DrawFn) -> Any:
    """Tables with the contract's column names, any of them absent, mistyped or holding junk."""
    rows = draw(st.integers(0, 6))
    names = ["household_id", "jurisdiction", "registration_kind", "layer", "people"]
    names += [f"people_{name}" for name in _LAYERS] + ["monthly_fen", "newly_found", "extra"]
    columns: dict[str, Any] = {}
    for name in names:
        if draw(st.integers(0, 9)) == 0:
            continue  # absent
        kind = draw(st.sampled_from(sorted(_KINDS)))
        values = draw(st.lists(_COLUMN_VALUES[kind], min_size=rows, max_size=rows))
        columns[name] = pa.array(values, _KINDS[kind])
    return pa.table(columns) if columns else pa.table({"extra": pa.array([], pa.int32())})


@given(any_tables(), any_tables())
def test_any_table_is_read_or_refused_with_the_documented_error(first: Any, second: Any) -> None:
    for call in (lambda: d.tabulate(first), lambda: d.compare(first, second)):
        refused: InvalidDocumentError | None = None
        try:
            call()
        except InvalidDocumentError as error:
            refused = error
        if refused is not None:  # every problem named by path
            assert refused.errors
            assert all(e.path.startswith(("$", "before[", "after[")) for e in refused.errors)
