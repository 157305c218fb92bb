"""The person-level columnar rules: bad cells, missing facts and parameters not in force.

:mod:`civaffairs.batch.disability_subsidies` and :mod:`civaffairs.batch.children` decide each
person on their own: a bad cell in one member's row leaves the others decided; a bad cell the
household shares (its deciding jurisdiction) leaves every member undecided; ``errors="raise"``
lists every bad cell by ``$[row].column``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pyarrow as pa
import pytest

from civaffairs.assistance import children, disability_subsidies
from civaffairs.assistance.children import ChildFacts, Parent, ParentSituation, Placement
from civaffairs.batch import children as batch_children
from civaffairs.batch import disability_subsidies as batch_ds
from civaffairs.batch import schema, synthetic_population
from civaffairs.batch.disability_subsidies import DisabilityInputs
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
from civaffairs.errors import InvalidDocumentError, InvalidInputError, ParameterError

ON = dt.date(2025, 8, 1)
WUHAN = "420102"
CHONGQING = "500103"
FACTS = disability_subsidies.DisabilitySubsidyFacts(
    needs_long_term_care=True, work_injury_care_allowance=False
)


def _person(pid: str, born: dt.date, place: str, grade: int | None = 1) -> Person:
    return Person(
        pid,
        born,
        Sex.FEMALE,
        Registration(place, RegistrationKind.URBAN),
        disability=None if grade is None else Disability(DisabilityCategory.PHYSICAL, grade),
    )


def _household(place: str = WUHAN) -> Household:
    return Household(
        "H1",
        [
            Member(_person("a", dt.date(1970, 5, 1), place), Relationship.APPLICANT, True),
            Member(_person("b", dt.date(1975, 5, 1), place), Relationship.SPOUSE, True),
        ],
    )


def _disability_table(place: str = WUHAN) -> pa.Table:
    inputs = {
        "H1": {pid: DisabilityInputs(FACTS, AssistanceLayer.DIBAO, False) for pid in ("a", "b")}
    }
    return batch_ds.to_table([_household(place)], inputs)


def _set(table: pa.Table, name: str, values: list[object]) -> pa.Table:
    field = table.schema.field(name)
    return table.set_column(table.schema.get_field_index(name), field, pa.array(values, field.type))


def test_both_subsidies_are_paid_as_the_scalar_rule_pays_them() -> None:
    """国发〔2015〕52号 二(一) as the national record book quotes it (52号's text was not read).

    Living subsidy: "低保家庭中的残疾人"; care subsidy: "残疾等级被评定为一级、二级且需要长期
    照护的重度残疾人".
    """
    rows = batch_ds.assess_table(_disability_table(), ON).to_pylist()
    living, care = disability_subsidies.assess_person(
        _household(), "a", ON, layer=AssistanceLayer.DIBAO, in_extreme_poverty=False, facts=FACTS
    )
    assert [r["programme"] for r in rows[:2]] == [
        "assistance.disability_subsidies.living",
        "assistance.disability_subsidies.care",
    ]
    assert [r["outcome"] for r in rows] == ["eligible"] * 4
    assert living.amount is not None
    assert care.amount is not None
    assert rows[0]["amount_fen"] == int(living.amount.total * 100)
    assert rows[1]["amount_fen"] == int(care.amount.total * 100)


def test_a_bad_cell_in_one_members_row_leaves_the_others_decided() -> None:
    """A bad cell leaves its person undecided for both subsidies (one row of facts)."""
    table = _set(_disability_table(), "ds_other_living_allowance", [None, -5])
    rows = batch_ds.assess_table(table, ON).to_pylist()
    assert [r["outcome"] for r in rows] == ["eligible"] * 2 + ["cannot_decide"] * 2
    assert rows[2]["reasons"] == rows[3]["reasons"] == ["batch.invalid_value"]
    assert rows[2]["problems"] == rows[3]["problems"] == ["ds_other_living_allowance"]
    assert rows[0]["problems"] is None


def test_a_bad_deciding_jurisdiction_leaves_the_whole_household_undecided() -> None:
    table = _set(_disability_table(), "jurisdiction", ["999999", None])
    rows = batch_ds.assess_table(table, ON).to_pylist()
    assert {r["outcome"] for r in rows} == {"cannot_decide"}
    assert all(r["problems"] == ["jurisdiction"] for r in rows)


def test_raise_lists_every_bad_cell_by_row_and_column() -> None:
    table = _set(_disability_table(), "ds_other_living_allowance", [None, -5])
    table = _set(table, "ds_layer", ["dibao", "lodger"])
    with pytest.raises(InvalidDocumentError) as caught:
        batch_ds.assess_table(table, ON, errors="raise", first_row=10)
    message = str(caught.value)
    assert "$[11].ds_layer" in message
    assert "$[11].ds_other_living_allowance" in message


def test_a_child_allowance_disagreeing_with_its_kind_is_a_bad_cell_as_in_the_scalar_facts() -> None:
    with pytest.raises(InvalidInputError):
        disability_subsidies.DisabilitySubsidyFacts(
            child_allowance=False, child_allowance_kind=ChildAllowance.ORPHAN
        )
    table = _set(_disability_table(), "ds_child_allowance", [False, None])
    table = _set(table, "ds_child_allowance_kind", ["orphan", None])
    rows = batch_ds.assess_table(table, ON).to_pylist()
    assert rows[0]["problems"] == ["ds_child_allowance"]
    assert rows[2]["outcome"] == "eligible"


def test_a_parameter_not_in_force_marks_or_raises() -> None:
    """国发〔2015〕52号 applies from 2016-01-01: before it no amount is in force."""
    on = dt.date(2015, 6, 1)
    rows = batch_ds.assess_table(_disability_table(), on).to_pylist()
    assert rows[0]["outcome"] == "cannot_decide"
    assert rows[0]["reasons"] == ["batch.parameter_unavailable"]
    # The amount, and the first payable month it would need next, start on 2016-01-01.
    assert rows[0]["problems"] == [
        "assistance.disability_subsidies.living.amount",
        "assistance.disability_subsidies.living.payable.first_month_offset",
    ]
    with pytest.raises(ParameterError):
        disability_subsidies.assess_person(
            _household(),
            "a",
            on,
            layer=AssistanceLayer.DIBAO,
            in_extreme_poverty=False,
            facts=FACTS,
        )
    with pytest.raises(ParameterError):
        batch_ds.assess_table(_disability_table(), on, errors="raise")


def test_a_layer_not_established_leaves_the_living_subsidy_undecided() -> None:
    """国发〔2015〕52号 二(一), as the national record book quotes it: "低保家庭中的残疾人".

    The layer decides the living subsidy; the care subsidy's subjects ("残疾等级被评定为
    一级、二级且需要长期照护的重度残疾人") name no layer, so it is decided once 特困 support
    is given; with neither the layer nor 特困 support given, both wait.
    """
    living, care = disability_subsidies.assess_person(
        _household(), "a", ON, layer=None, in_extreme_poverty=False, facts=FACTS
    )
    assert living.outcome.value == "cannot_decide"
    assert living.missing == ("layer",)
    assert care.eligible
    unknown = disability_subsidies.assess_person(_household(), "a", ON, layer=None, facts=FACTS)
    assert [d.outcome.value for d in unknown] == ["cannot_decide", "cannot_decide"]
    table = _set(_disability_table(), "ds_layer", [None, None])
    table = _set(table, "ds_in_extreme_poverty", [False, None])
    rows = batch_ds.assess_table(table, ON).to_pylist()
    assert [r["outcome"] for r in rows] == ["cannot_decide", "eligible"] + ["cannot_decide"] * 2
    assert rows[0]["problems"] == ["ds_layer"]
    assert rows[3]["problems"] == ["ds_layer"]


def test_layers_given_as_arrays_are_checked() -> None:
    table = _disability_table()
    with pytest.raises(InvalidInputError, match="one or the other"):
        batch_ds.assess_table(table, ON, layers=["dibao", "dibao"])
    stripped = table.drop_columns(["ds_layer"])
    with pytest.raises(InvalidInputError, match="one per row"):
        batch_ds.assess_table(stripped, ON, layers=["dibao"])
    rows = batch_ds.assess_table(stripped, ON, layers=["marginal", None]).to_pylist()
    assert [r["outcome"] for r in rows] == ["not_eligible", "eligible", "cannot_decide", "eligible"]


def test_an_unknown_column_is_refused() -> None:
    table = _disability_table().append_column("ds_layr", pa.array(["dibao", "dibao"]))
    with pytest.raises(InvalidDocumentError, match="ds_layr"):
        batch_ds.assess_table(table, ON)


def test_read_facts_inverts_write_facts() -> None:
    facts = disability_subsidies.DisabilitySubsidyFacts(
        needs_long_term_care=True,
        child_allowance=True,
        child_allowance_kind=ChildAllowance.UNSUPPORTED_TOP_UP,
        other_living_allowance=Decimal("12.34"),
    )
    inputs = {"H1": {"a": DisabilityInputs(facts, AssistanceLayer.MARGINAL, None)}}
    rows = batch_ds.to_table([_household()], inputs).to_pylist()
    found = batch_ds.read_facts(rows)
    assert found["a"] == inputs["H1"]["a"]
    assert found["b"] == DisabilityInputs(disability_subsidies.DisabilitySubsidyFacts(), None, None)


def test_summaries_add_up_per_subsidy() -> None:
    result = batch_ds.assess_table(_disability_table(), ON)
    summary = batch_ds.summarise(result).to_pylist()
    totals = [r for r in summary if r["outcome"] == "(all)"]
    assert [r["persons"] for r in totals] == [2, 2]
    paid = [int(fen or 0) for fen in result.column("amount_fen").to_pylist()]
    assert sum(int(r["monthly_cost_fen"]) for r in totals) == sum(paid)
    assert "assistance.disability_subsidies.care" in batch_ds.render_summary(
        batch_ds.summarise(result)
    )


# -- children ---------------------------------------------------------------------------------


def _children_table(facts: ChildFacts, on: dt.date = ON) -> tuple[Household, pa.Table]:
    household = Household(
        "H1",
        [
            Member(
                _person("g", dt.date(1955, 1, 1), CHONGQING, None), Relationship.APPLICANT, True
            ),
            Member(
                _person("c", on.replace(year=on.year - 10), CHONGQING, None),
                Relationship.GRANDCHILD,
                True,
            ),
        ],
    )
    return household, batch_children.to_table([household], {"H1": {"c": facts}})


ORPHAN = ChildFacts(
    father=Parent(ParentSituation.DECEASED),
    mother=Parent(ParentSituation.CANNOT_BE_FOUND),
    placement=Placement.DISPERSED,
)


def test_an_orphan_is_paid_the_standard() -> None:
    """国办发〔2010〕54号 一: "孤儿是指失去父母、查找不到生父母的未满18周岁的未成年人"."""
    household, table = _children_table(ORPHAN)
    rows = batch_children.assess_table(table, ON).to_pylist()
    decision = children.assess_person(household, "c", ON, facts=ORPHAN)
    assert decision.amount is not None
    assert rows[1]["outcome"] == "eligible"
    assert rows[1]["category"] == "orphan"
    assert rows[1]["amount_fen"] == int(decision.amount.total * 100)
    assert rows[0]["outcome"] == "not_eligible"  # the grandmother: an adult


def test_a_missing_placement_names_its_column() -> None:
    household, table = _children_table(attrs_evolve(ORPHAN, placement=None))
    row = batch_children.assess_table(table, ON).to_pylist()[1]
    decision = children.assess_person(
        household, "c", ON, facts=attrs_evolve(ORPHAN, placement=None)
    )
    assert decision.missing == ("$.facts.placement",)
    assert row["outcome"] == "cannot_decide"
    assert row["problems"] == ["child_placement"]


def test_bad_parent_cells_are_marked_or_raised() -> None:
    _, table = _children_table(ORPHAN)
    table = _set(table, "child_father_situation", [None, "vanished"])
    table = _set(table, "child_mother_term_months", [None, -1])
    rows = batch_children.assess_table(table, ON).to_pylist()
    assert rows[1]["reasons"] == ["batch.invalid_value"]
    assert rows[1]["problems"] == ["child_father_situation", "child_mother_term_months"]
    assert rows[0]["outcome"] == "not_eligible"
    with pytest.raises(InvalidDocumentError) as caught:
        batch_children.assess_table(table, ON, errors="raise")
    assert "$[1].child_father_situation" in str(caught.value)
    assert "$[1].child_mother_term_months" in str(caught.value)


def test_the_six_months_before_they_were_in_force_mark_or_raise() -> None:
    """民发〔2019〕62号 一: "期限在6个月以上" — in force from 2020-01-01, not before."""
    on = dt.date(2019, 6, 1)
    facts = ChildFacts(
        father=Parent(ParentSituation.IN_CUSTODY, term_months=7),
        mother=Parent(ParentSituation.DECEASED),
        placement=Placement.DISPERSED,
        assistance_received=Decimal(0),
    )
    household, table = _children_table(facts, on)
    row = batch_children.assess_table(table, on).to_pylist()[1]
    assert row["reasons"] == ["batch.parameter_unavailable"]
    assert row["problems"] == ["assistance.children.unsupported.min_months"]
    with pytest.raises(ParameterError):
        children.assess_person(household, "c", on, facts=facts)
    with pytest.raises(ParameterError):
        batch_children.assess_table(table, on, errors="raise")


def test_synthetic_registries_hold_the_person_level_facts() -> None:
    table = synthetic_population(300, "500000", on=ON, seed=3)
    assert set(schema.programme_columns()) <= set(table.column_names)
    for module in (batch_ds, batch_children):
        result = module.assess_table(table, ON)
        assert "eligible" in result.column("outcome").cast(pa.string()).to_pylist()


def attrs_evolve(facts: ChildFacts, *, placement: Placement | None) -> ChildFacts:
    return attrs.evolve(facts, placement=placement)


def test_an_empty_table_gives_no_rows_and_zero_totals() -> None:
    empty = schema.persons_schema().empty_table()
    for module in (batch_ds, batch_children):
        result = module.assess_table(empty, ON)
        assert result.num_rows == 0
        totals = module.summarise(result).to_pylist()
        assert {r["persons"] for r in totals} == {0}
        assert "(all)" in module.render_summary(module.summarise(result))


def test_layers_may_be_given_as_members() -> None:
    stripped = _disability_table().drop_columns(["ds_layer"])
    by_member = batch_ds.assess_table(
        stripped, ON, layers=[AssistanceLayer.MARGINAL, AssistanceLayer.DIBAO]
    )
    by_value = batch_ds.assess_table(stripped, ON, layers=["marginal", "dibao"])
    assert by_member.to_pylist() == by_value.to_pylist()


def test_a_members_missing_relationship_leaves_the_others_decided() -> None:
    table = _set(_disability_table(), "relationship", ["applicant", None])
    rows = batch_ds.assess_table(table, ON).to_pylist()
    assert [r["outcome"] for r in rows] == ["eligible"] * 2 + ["cannot_decide"] * 2
    assert rows[3]["problems"] == ["relationship"]


def test_a_household_without_one_applicant_is_undecided_whole() -> None:
    table = _set(_disability_table(), "relationship", ["spouse", "spouse"])
    rows = batch_ds.assess_table(table, ON).to_pylist()
    assert {r["outcome"] for r in rows} == {"cannot_decide"}
    assert all(r["problems"] == ["relationship"] for r in rows)
    with pytest.raises(InvalidDocumentError, match="exactly one 'applicant'"):
        batch_ds.assess_table(table, ON, errors="raise")
