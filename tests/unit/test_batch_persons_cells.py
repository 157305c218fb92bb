"""Cells the person-level columnar forms accept are read back alike by their ``read_facts``.

The persons table's reader takes an integer column of a code column as codes (its place in
the values), a float column of an integer column when its numbers are whole, and a timestamp
column of a date column when it has no time of day.  ``read_facts`` — which the layered screen
uses to hand a member's ``child_`` and ``ds_`` facts to the scalar rules — must read such a
cell as the columnar form did, not refuse it with a ``ValueError`` traceback.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pyarrow as pa
import pytest

from civaffairs.assistance import disability_subsidies
from civaffairs.assistance.children import ChildFacts, Parent, ParentSituation, Placement
from civaffairs.assistance.disability_subsidies import DisabilitySubsidyFacts
from civaffairs.batch import children as batch_children
from civaffairs.batch import disability_subsidies as batch_ds
from civaffairs.batch import layers
from civaffairs.batch.disability_subsidies import DisabilityInputs
from civaffairs.batch.schema import CATEGORY_VALUES, from_table
from civaffairs.entities import (
    AssistanceLayer,
    ChildAllowance,
    Disability,
    DisabilityCategory,
    Household,
    Member,
    Person,
    Registration,
    RegistrationKind,
    Relationship,
    Sex,
)
from civaffairs.errors import InvalidInputError, ParameterError, UnknownJurisdictionError
from civaffairs.money import yuan_to_fen
from civaffairs.parameters import default_book

ON = dt.date(2025, 8, 1)
_YUZHONG = Registration("500103", RegistrationKind.URBAN)
HOUSEHOLD = Household(
    "H0",
    [
        Member(
            Person("g", dt.date(1955, 1, 1), Sex.FEMALE, _YUZHONG), Relationship.APPLICANT, True
        ),
        Member(
            Person(
                "c",
                dt.date(2015, 1, 1),
                Sex.MALE,
                _YUZHONG,
                disability=Disability(DisabilityCategory.MENTAL, 3),
            ),
            Relationship.GRANDCHILD,
            True,
        ),
    ],
)
CHILD = ChildFacts(
    father=Parent(ParentSituation.LOST_CONTACT, since=dt.date(2024, 1, 31)),
    mother=Parent(ParentSituation.SEVERE_DISABILITY, Disability(DisabilityCategory.MENTAL, 3)),
    placement=Placement.DISPERSED,
    assistance_received=Decimal(0),
)
INPUTS = DisabilityInputs(
    DisabilitySubsidyFacts(
        needs_long_term_care=True,
        work_injury_care_allowance=False,
        child_allowance_kind=ChildAllowance.UNSUPPORTED_IN_FULL,
        other_care_allowance=Decimal(20),
    ),
    AssistanceLayer.DIBAO,
    None,
)


def _table() -> pa.Table:
    table = batch_children.to_table([HOUSEHOLD], {"H0": {"c": CHILD}})
    written = batch_ds.to_table([HOUSEHOLD], {"H0": {"c": INPUTS}})
    for name in batch_ds.COLUMNS:
        table = table.set_column(table.schema.get_field_index(name), name, written.column(name))
    return table


def _recoded(table: pa.Table) -> pa.Table:
    """The same facts as integer codes, whole floats and midnight timestamps."""

    def code(name: str, values: tuple[str, ...]) -> pa.Array[Any]:
        cells = table.column(name).cast(pa.string()).to_pylist()
        return pa.array([None if v is None else values.index(v) for v in cells], pa.int8())

    kinds = tuple(k.value for k in ChildAllowance)
    layers_ = tuple(layer.value for layer in AssistanceLayer)
    changed: dict[str, pa.Array[Any] | pa.ChunkedArray[Any]] = {
        "child_father_situation": code(
            "child_father_situation", tuple(s.value for s in ParentSituation)
        ),
        "child_mother_situation": code(
            "child_mother_situation", tuple(s.value for s in ParentSituation)
        ),
        "child_mother_disability_category": code(
            "child_mother_disability_category", CATEGORY_VALUES
        ),
        "child_placement": code("child_placement", tuple(p.value for p in Placement)),
        "child_father_since": table.column("child_father_since").cast(pa.timestamp("s")),
        "child_mother_term_months": table.column("child_mother_term_months").cast(pa.float64()),
        "ds_child_allowance_kind": code("ds_child_allowance_kind", kinds),
        "ds_layer": code("ds_layer", layers_),
        "ds_other_care_allowance": table.column("ds_other_care_allowance").cast(pa.float64()),
    }
    for name, column in changed.items():
        table = table.set_column(table.schema.get_field_index(name), name, column)
    return table


def test_the_columnar_forms_decide_recoded_cells_as_the_values() -> None:
    table = _table()
    recoded = _recoded(table)
    for module in (batch_children, batch_ds):
        assert (
            module.assess_table(recoded, ON).to_pylist()
            == module.assess_table(table, ON).to_pylist()
        )


def test_read_facts_reads_recoded_cells_as_the_columnar_forms_do() -> None:
    table = _table()
    rows, recoded = table.to_pylist(), _recoded(table).to_pylist()
    assert batch_children.read_facts(recoded) == batch_children.read_facts(rows)
    assert batch_children.read_facts(rows)["c"] == CHILD
    assert batch_ds.read_facts(recoded) == batch_ds.read_facts(rows)
    assert batch_ds.read_facts(rows)["c"] == INPUTS


def test_the_layered_screen_reads_recoded_cells_as_the_values() -> None:
    """The layered screen read the cells with read_facts, which raised ValueError on a code."""
    table = _table()
    assert layers.assess_table(_recoded(table), ON).to_pylist() == (
        layers.assess_table(table, ON).to_pylist()
    )


def test_a_term_too_long_for_the_column_is_refused_by_path() -> None:
    """The scalar Parent takes any whole number of months; the int32 column cannot hold them.

    to_table raised pyarrow's ArrowInvalid (a traceback); it is refused by path instead.
    """
    facts = ChildFacts(father=Parent(ParentSituation.IN_CUSTODY, term_months=2**31))
    with pytest.raises(InvalidInputError) as raised:
        batch_children.to_table([HOUSEHOLD], {"H0": {"c": facts}})
    assert raised.value.path == "$.father.term_months"
    longest = ChildFacts(father=Parent(ParentSituation.IN_CUSTODY, term_months=2**31 - 1))
    table = batch_children.to_table([HOUSEHOLD], {"H0": {"c": longest}})
    assert batch_children.read_facts(table.to_pylist())["c"] == longest


@pytest.mark.parametrize("module", [batch_children, batch_ds], ids=["children", "disability"])
def test_the_jurisdiction_argument_is_checked_once_by_type_and_code(module: Any) -> None:
    """A code given as a number raised TypeError from inside a slice (a traceback).

    An unknown code is refused even for an empty table, which has no slice to find it in.
    """
    table = _table()
    with pytest.raises(InvalidInputError) as raised:
        module.assess_table(table, ON, jurisdiction=500000)
    assert raised.value.path == "jurisdiction"
    with pytest.raises(UnknownJurisdictionError):
        module.assess_table(table.slice(0, 0), ON, jurisdiction="999999")
    by_name = module.assess_table(table, ON, jurisdiction="重庆市").to_pylist()
    assert by_name == module.assess_table(table, ON, jurisdiction="500000").to_pylist()


def test_a_persons_disability_category_as_a_code_is_read_as_its_value() -> None:
    """The columnar forms read an integer disability_category as codes; from_table raised.

    The layered screen builds each household with ``from_table``, which refused the code
    with a ``ValueError`` traceback after the columnar forms had decided the same cells.
    """
    table = _table()
    position = table.schema.get_field_index("disability_category")
    cells = table.column("disability_category").cast(pa.string()).to_pylist()
    codes = pa.array([None if c is None else CATEGORY_VALUES.index(c) for c in cells], pa.int8())
    recoded = table.set_column(position, "disability_category", codes)
    assert list(from_table(recoded)) == list(from_table(table))
    for module in (batch_children, batch_ds):
        assert (
            module.assess_table(recoded, ON).to_pylist()
            == module.assess_table(table, ON).to_pylist()
        )
    assert layers.assess_table(recoded, ON).to_pylist() == (
        layers.assess_table(table, ON).to_pylist()
    )


def test_layers_as_members_in_any_array_are_their_values() -> None:
    """AssistanceLayer members stand for their values in a numpy or pandas array of objects too.

    Only a list or tuple of members was read; an object array of them was refused, and a
    string was read as one layer per character.
    """
    import numpy as np  # noqa: PLC0415 - the batch extra
    import pandas as pd  # noqa: PLC0415 - the batch extra

    table = _table().drop_columns(["ds_layer"])
    members = [AssistanceLayer.MARGINAL, None]
    expected = batch_ds.assess_table(table, ON, layers=members).to_pylist()
    for given in (np.array(members, dtype=object), pd.Series(members, dtype=object)):
        assert batch_ds.assess_table(table, ON, layers=given).to_pylist() == expected
    with pytest.raises(InvalidInputError) as raised:
        batch_ds.assess_table(table, ON, layers="mm")
    assert raised.value.path == "layers"


def test_the_care_application_is_not_held_up_by_a_living_subsidy_parameter() -> None:
    """国发〔2015〕52号 二(一) (as the national record book quotes it): the care subsidy reads
    no layer; a place extending the living subsidy to marginal households without setting
    its marginal amount left the care application raising ParameterError (the scalar face
    decided both and failed on the living one), while the columnar form decided the care row.
    """
    book = default_book().override(
        "assistance.disability_subsidies.living.extend_to_marginal",
        "420000",
        True,
        dt.date(2020, 1, 1),
    )
    wuhan = Registration("420102", RegistrationKind.URBAN)
    household = Household(
        "H1",
        [
            Member(
                Person(
                    "a",
                    dt.date(1970, 1, 1),
                    Sex.FEMALE,
                    wuhan,
                    disability=Disability(DisabilityCategory.PHYSICAL, 1),
                ),
                Relationship.APPLICANT,
                True,
            )
        ],
    )
    facts = DisabilitySubsidyFacts(needs_long_term_care=True, work_injury_care_allowance=False)
    application = disability_subsidies.DisabilitySubsidyApplication(
        household, "a", AssistanceLayer.MARGINAL, facts=facts
    )
    on = dt.date(2020, 6, 1)
    with pytest.raises(ParameterError):
        disability_subsidies.assess_living_application(application, on, book=book)
    care = disability_subsidies.assess_care_application(application, on, book=book)
    inputs = {"H1": {"a": DisabilityInputs(facts, AssistanceLayer.MARGINAL, None)}}
    living_row, care_row = batch_ds.assess_table(
        batch_ds.to_table([household], inputs), on, book=book
    ).to_pylist()
    assert living_row["reasons"] == ["batch.parameter_unavailable"]
    assert care.outcome.value == care_row["outcome"] == "eligible"
    assert care_row["amount_fen"] == yuan_to_fen(care.amount.total if care.amount else Decimal(0))
    assert care_row["reasons"] == sorted(set(care.codes), key=batch_ds.REASON_CATALOGUE.index)
