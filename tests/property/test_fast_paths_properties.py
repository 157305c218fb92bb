"""The fast paths give exactly the answers of the plain ones they replace.

Speed work (issue #16) keeps every result identical.  Here: the strict JSON reader's
problem walk (:func:`civaffairs.conversion.parse_json`) skips texts when the source
cannot hold a lone surrogate and visits only the nodes that can hold a problem; the
reference below visits every node, as the walk did before.  Both must report the same
problems, by path, in the same order, on documents built to hold every kind of problem
(keys given twice, lone surrogates in keys and texts, over-long integers, deep nesting).
The batch reader reads the applicants' cells of a household column from the validity
bitmap directly; it must agree with unpacking every bit.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pyarrow as pa
from hypothesis import given
from hypothesis import strategies as st

from civaffairs.batch._columns import _nulls_at, nulls_of
from civaffairs.conversion import (
    MAX_DEPTH,
    MAX_INTEGER_DIGITS,
    _integer,
    _LongInteger,
    _object,
    _safe,
    parse_json,
)
from civaffairs.errors import InvalidDocumentError, InvalidInputError


def reference_walk(data: object) -> list[InvalidInputError]:
    """Every node visited, every text searched character by character (the former walk)."""
    errors: list[InvalidInputError] = []
    stack: list[tuple[object, str, int]] = [(data, "$", 0)]
    while stack:
        node, path, depth = stack.pop()
        if isinstance(node, str):
            if any("\ud800" <= char <= "\udfff" for char in node):
                errors.append(
                    InvalidInputError(
                        path, _safe(path, node), "text without lone surrogates (not Unicode)"
                    )
                )
        elif isinstance(node, _LongInteger):
            errors.append(
                InvalidInputError(path, node, f"an integer of at most {MAX_INTEGER_DIGITS} digits")
            )
        elif isinstance(node, dict | list) and depth >= MAX_DEPTH:
            errors.append(
                InvalidInputError(path, "(nested deeper)", f"at most {MAX_DEPTH} levels of nesting")
            )
        elif isinstance(node, dict):
            errors.extend(
                InvalidInputError(f"{path}.{key}", "(given twice)", "each key once in an object")
                for key in getattr(node, "duplicates", ())
            )
            for key, value in reversed(node.items()):
                if any("\ud800" <= char <= "\udfff" for char in key):
                    errors.append(
                        InvalidInputError(path, key, "keys without lone surrogates (not Unicode)")
                    )
                stack.append((value, f"{path}.{key}", depth + 1))
        elif isinstance(node, list):
            stack.extend(
                (item, f"{path}[{i}]", depth + 1) for i, item in reversed(list(enumerate(node)))
            )
    return errors


_TEXT = st.text(
    alphabet=st.sampled_from(["a", "b", "陈", "\ud800", "\udfff", "\U0001f600", "\\", '"']),
    max_size=4,
)
_SCALARS = st.none() | st.booleans() | st.integers(min_value=-(10**45), max_value=10**45) | _TEXT


def _render(value: Any, *, duplicate: bool, ascii_only: bool) -> str:
    """Write ``value`` as JSON text, repeating a key when asked.

    ``ascii_only`` writes every non-ASCII character as an escape (a surrogate as
    ``\\udxxx``), otherwise as itself (a lone surrogate raw in the source text).
    """
    if isinstance(value, dict):
        items = [
            f"{json.dumps(k, ensure_ascii=ascii_only)}: "
            + _render(v, duplicate=duplicate, ascii_only=ascii_only)
            for k, v in value.items()
        ]
        if duplicate and items:
            items.append(items[0])
        return "{" + ", ".join(items) + "}"
    if isinstance(value, list):
        inner = (_render(v, duplicate=duplicate, ascii_only=ascii_only) for v in value)
        return "[" + ", ".join(inner) + "]"
    return json.dumps(value, ensure_ascii=ascii_only)


_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_TEXT, inner, max_size=3),
    max_leaves=12,
)


@st.composite
def documents(draw: st.DrawFn) -> str:
    """A JSON document that may hold every problem the reader refuses."""
    value = draw(_VALUES)
    for _ in range(draw(st.sampled_from([0, 0, MAX_DEPTH - 1, MAX_DEPTH + 1]))):
        value = [value]
    return _render(value, duplicate=draw(st.booleans()), ascii_only=draw(st.booleans()))


@given(documents())
def test_the_problem_walk_reports_what_a_full_walk_reports(text: str) -> None:
    """Same problems, same paths, same order as visiting every node and every character."""
    try:
        parse_json(text)
    except InvalidDocumentError as exc:
        found = [(e.path, str(e)) for e in exc.errors]
    else:
        found = []
    data = json.loads(text, object_pairs_hook=_object, parse_int=_integer)  # the reader's hooks
    expected = [(e.path, str(e)) for e in reference_walk(data)]
    assert found == expected


@given(
    st.lists(st.one_of(st.none(), st.integers(0, 9)), min_size=1, max_size=40),
    st.data(),
)
def test_nulls_read_at_some_rows_are_the_column_nulls_at_those_rows(
    cells: list[int | None], data: st.DataObject
) -> None:
    """The batch reader's bit look-up of applicants' cells equals unpacking every bit.

    The column may start inside its buffer (a slice of a larger table), so its bits
    start at an offset.
    """
    start = data.draw(st.integers(0, len(cells) - 1))
    column = pa.chunked_array([pa.array(cells, type=pa.int64()).slice(start)])
    rows = np.array(
        data.draw(st.lists(st.integers(0, len(column) - 1), max_size=10)), dtype=np.int64
    )
    assert _nulls_at(column, rows).tolist() == nulls_of(column)[rows].tolist()
