"""Review of the distribution tables (issue #16): placeholders and very large numbers.

Each test here failed before the fix it names (see the commit that added it).
"""

from __future__ import annotations

from typing import Any

import pytest

pa = pytest.importorskip("pyarrow")

from civaffairs.batch import distribution as d  # noqa: E402
from civaffairs.errors import InvalidDocumentError  # noqa: E402

_LAYERS = ("extreme_poverty", "dibao", "marginal", "rigid_expenditure")


def _result(jurisdictions: list[str | None], fen: list[int], people: int = 1) -> Any:
    """A layered result: every household in ``none`` with ``people`` members."""
    count = len(jurisdictions)
    return pa.table(
        {
            "household_id": [f"h{i}" for i in range(count)],
            "jurisdiction": pa.array(jurisdictions, pa.string()),
            "layer": ["none"] * count,
            "people": pa.array([people] * count, pa.int64()),
            **{f"people_{layer}": pa.array([0] * count, pa.int64()) for layer in _LAYERS},
            "people_none": pa.array([people] * count, pa.int64()),
            "monthly_fen": pa.array(fen, pa.int64()),
        }
    )


@pytest.mark.parametrize(
    "name", [d.UNKNOWN, d.ALL, d.CANNOT_DECIDE, d.NOT_GIVEN, "dibao", "none", "urban"]
)
def test_a_jurisdiction_spelt_as_a_placeholder_is_refused(name: str) -> None:
    """A jurisdiction cell reading ``(unknown)`` was merged with the null (unreadable) cells,
    ``(all)`` was sorted and shown as the totals row, ``dibao`` was labelled 最低生活保障:
    such a cell is now a bad cell, named by path."""
    with pytest.raises(InvalidDocumentError) as caught:
        d.tabulate(_result([name, None, "500101"], [1, 2, 3]))
    assert [e.path for e in caught.value.errors] == ["$[0].jurisdiction"]


_HUGE = 2**62  # two of these pass the largest int64, 2**63 - 1


def test_a_cost_past_int64_is_refused_never_wrapped_in_one_result() -> None:
    """Two households of 2⁶² fen each: the total was written as −9,223,372,036,854,775,808 fen."""
    with pytest.raises(InvalidDocumentError) as caught:
        d.distribution(_result(["500101", "500101"], [_HUGE, _HUGE]))
    assert [e.path for e in caught.value.errors] == ["$.monthly_fen"]


def test_a_cost_past_int64_is_refused_never_wrapped_over_chunks_or_groups() -> None:
    """Chunks (add_cells) and groups (the whole registry's row) were added in wrapping int64."""
    one = d.tabulate(_result(["500101"], [_HUGE]))
    with pytest.raises(InvalidDocumentError):
        d.add_cells([one, one])
    two_places = d.distribution(_result(["500101", "500102"], [_HUGE - 1, _HUGE - 1]))
    # Each jurisdiction's cost fits; the whole registry's is 2⁶³ − 2, which still fits exactly.
    assert two_places.table().to_pylist()[-1]["monthly_fen"] == 2 * (_HUGE - 1)
    three_places = d.add_cells([two_places.cells, d.tabulate(_result(["500103"], [_HUGE]))])
    with pytest.raises(InvalidDocumentError):
        d.Distribution(three_places).table()


def test_members_in_layers_past_int64_are_not_wrapped_into_a_small_sum() -> None:
    """2⁶² members in each of two layers wrapped to −2⁶³ and passed "at most ``people``"."""
    table = _result(["500101"], [0], people=1).set_column(
        4, "people_extreme_poverty", pa.array([_HUGE], pa.int64())
    )
    table = table.set_column(5, "people_dibao", pa.array([_HUGE], pa.int64()))
    table = table.set_column(2, "layer", pa.array(["extreme_poverty"]))
    with pytest.raises(InvalidDocumentError) as caught:
        d.tabulate(table)
    assert "$[0].people" in [e.path for e in caught.value.errors]
