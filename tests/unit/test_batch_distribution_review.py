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
