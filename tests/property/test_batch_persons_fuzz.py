"""Fuzzing the person-level columnar rules: any cells, any column types, only documented errors.

Random values — valid, null, unknown strings, negative and huge integers, dates far off —
in the ``ds_`` and ``child_`` columns (and sometimes a column of the wrong type) never make
``assess_table`` fail with anything but :class:`~civaffairs.errors.CivaffairsError`; with
``errors="mark"`` and the columns' own types every row is decided or "cannot decide", two rows
per person for the disability subsidies and one for the children's allowances.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pyarrow as pa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civaffairs.batch import children as batch_children
from civaffairs.batch import disability_subsidies as batch_ds
from civaffairs.batch import schema
from civaffairs.batch._common import Errors
from civaffairs.entities import (
    Household,
    Member,
    Person,
    Registration,
    RegistrationKind,
    Relationship,
    Sex,
)
from civaffairs.errors import CivaffairsError

ON = dt.date(2025, 8, 1)
_HOUSEHOLDS = [
    Household(
        f"H{i}",
        [
            Member(
                Person(
                    "a",
                    dt.date(1970, 1, 1),
                    Sex.FEMALE,
                    Registration("500103", RegistrationKind.URBAN),
                ),
                Relationship.APPLICANT,
                True,
            ),
            Member(
                Person(
                    "b",
                    dt.date(2015, 1, 1),
                    Sex.MALE,
                    Registration("420102", RegistrationKind.RURAL),
                ),
                Relationship.CHILD,
                True,
            ),
        ],
    )
    for i in range(2)
]
_BASE = schema.to_table(_HOUSEHOLDS)
_ROWS = _BASE.num_rows


def _cells(kind: pa.DataType) -> st.SearchStrategy[object]:
    if pa.types.is_boolean(kind):
        return st.none() | st.booleans()
    if pa.types.is_integer(kind):
        top = 2 ** (kind.bit_width - 1)
        return st.none() | st.integers(-top, top - 1) | st.sampled_from([0, 1, 4, 5, 6])
    if pa.types.is_date(kind):
        return st.none() | st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31))
    return (
        st.none()
        | st.text(max_size=8)
        | st.sampled_from(
            [
                "dibao",
                "marginal",
                "orphan",
                "deceased",
                "in_custody",
                "lost_contact",
                "severe_disability",
                "intellectual",
                "dispersed",
                "none",
                "extreme_poverty",
            ]
        )
    )


@st.composite
def tables(draw: st.DrawFn) -> tuple[pa.Table, bool]:
    table = _BASE
    typed = True
    # The two programmes' own columns (schema.programme_columns() now also lists 特困's and
    # the rigid expenditures', some of them list<struct>, which this fuzz does not draw).
    for name, kind in {**batch_ds.COLUMNS, **batch_children.COLUMNS}.items():
        if draw(st.integers(0, 4)) == 0:
            continue  # leave the column null
        if draw(st.integers(0, 30)) == 0:
            typed = False
            column: Any = pa.array([draw(st.integers(0, 3)) for _ in range(_ROWS)], pa.int8())
            if pa.types.is_integer(kind):
                column = pa.array([draw(st.text(max_size=3)) for _ in range(_ROWS)])
        else:
            plain = kind.value_type if pa.types.is_dictionary(kind) else kind
            column = pa.array([draw(_cells(plain)) for _ in range(_ROWS)], plain)
        table = table.set_column(table.schema.get_field_index(name), name, column)
    return table, typed


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large], deadline=None)
@given(tables(), st.sampled_from(["mark", "raise"]))
def test_only_documented_errors(case: tuple[pa.Table, bool], errors: Errors) -> None:
    table, typed = case
    for module, per_person in ((batch_ds, 2), (batch_children, 1)):
        try:
            result = module.assess_table(table, ON, errors=errors)
        except CivaffairsError:
            assert errors == "raise" or not typed
            continue
        assert result.num_rows == per_person * _ROWS
        outcomes = set(result.column("outcome").cast(pa.string()).to_pylist())
        assert outcomes <= {"eligible", "not_eligible", "cannot_decide"}
