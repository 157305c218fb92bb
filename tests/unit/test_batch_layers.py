"""The layered screen of a registry (civaffairs.batch.layers) equals the scalar layered picture.

Each household of a random registry is converted with ``to_table`` and placed by
:func:`civaffairs.batch.layers.assess_table`; its row must say exactly what
:func:`civaffairs.assistance.layers.assess_layers` says of it: the layer, the members
in each layer, the programmes granted and undecided, the monthly amount per programme
to the fen.  Bad cells and parameters with no value never become a layer.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

pytest.importorskip("pyarrow")
pytest.importorskip("numpy")

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from civaffairs import batch, registry
from civaffairs.assistance.children import ChildFacts, Parent, ParentSituation, Placement
from civaffairs.assistance.disability_subsidies import DisabilitySubsidyFacts
from civaffairs.assistance.extreme_poverty import (
    DailyActivity,
    ExtremePovertyFacts,
    SupportArrangement,
    Supporter,
    SupporterSituation,
)
from civaffairs.assistance.layers import LayeredAssessment, MemberFacts, assess_layers
from civaffairs.batch import (
    children,
    disability_subsidies,
    extreme_poverty,
    synthetic_population,
    to_table,
)
from civaffairs.batch import layers as batch_layers
from civaffairs.batch.report import ALL
from civaffairs.batch.schema import from_table
from civaffairs.cli import main
from civaffairs.decisions import Outcome, Period
from civaffairs.entities import (
    AbilityGrade,
    ChildAllowance,
    Disability,
    DisabilityCategory,
    Household,
    Income,
    IncomeType,
    Member,
    Person,
    Registration,
    RegistrationKind,
    Relationship,
    Sex,
)
from civaffairs.errors import (
    CivaffairsError,
    InvalidDocumentError,
    InvalidInputError,
    ParameterError,
)
from civaffairs.money import yuan_to_fen
from civaffairs.parameters import default_book
from civaffairs.testing import strategies as cst

CHONGQING = "500000"
ON = dt.date(2025, 6, 30)
BOOK = default_book()


def _expected(
    household: Household, on: dt.date, facts: tuple[MemberFacts, ...] = ()
) -> dict[str, object]:
    """What the scalar layered picture says of one household, in the columns' terms."""
    try:
        picture = assess_layers(household, on, book=BOOK, facts=facts)
    except ParameterError as error:
        return {"layer": None, "problems": [error.name]}  # type: ignore[attr-defined]
    return _expected_of(picture, len(household.members))


def _expected_of(picture: LayeredAssessment, people: int) -> dict[str, object]:
    """The columns' terms of one scalar layered picture of a household of ``people``."""
    monthly = dict.fromkeys(batch_layers.MONTHLY_COLUMNS.values(), 0)
    granted: list[str] = []
    undecided: list[str] = []
    for decision in picture.decisions:
        if decision.outcome is Outcome.CANNOT_DECIDE and decision.programme not in undecided:
            undecided.append(decision.programme)
        if decision.eligible:
            if decision.programme not in granted:
                granted.append(decision.programme)
            amount = decision.amount
            if amount is not None and amount.period is Period.MONTHLY:
                monthly[batch_layers.MONTHLY_COLUMNS[decision.programme]] += yuan_to_fen(
                    amount.total
                )
    found: dict[str, object] = {
        "layer": picture.layer.value,
        "people": people,
        "programmes": granted or None,
        "undecided": undecided or None,
        "monthly_fen": sum(monthly.values()),
        **monthly,
    }
    for layer in batch_layers.LAYERS:
        found[f"people_{layer}"] = sum(1 for m in picture.members if m.layer.value == layer)
    return found


def _as_the_table_holds(household: Household) -> Household:
    """The household as a persons table holds it.

    The persons table has no owner column (civaffairs.batch.schema): its asset columns are
    the household's, all counted (the scalar rule leaves out the assets of members who are
    not counted, 民发〔2021〕57号 art. 14, tested in tests/unit/test_dibao.py); a cell of 0
    is no item, so a zero income, financial asset or expenditure is left out; expenditures
    are the household's twelve-month totals per type (the 办法 counts the family's).
    """
    return attrs.evolve(
        household,
        incomes=tuple(i for i in household.incomes if i.monthly),
        assets=tuple(
            attrs.evolve(a, owner=None)
            for a in household.assets
            if a.value or not a.type.is_financial
        ),
        expenditures=tuple(
            attrs.evolve(e, member=None) for e in household.expenditures if e.annual
        ),
    )


_PARENTS = st.none() | st.builds(
    Parent,
    st.sampled_from(ParentSituation),
    disability=st.none()
    | st.builds(Disability, st.sampled_from(DisabilityCategory), st.integers(1, 4)),
    term_months=st.none() | st.sampled_from([0, 6, 120]),
    since=st.none() | st.dates(dt.date(2023, 1, 1), ON),
)
_CHILD = st.builds(
    ChildFacts,
    father=_PARENTS,
    mother=_PARENTS,
    placement=st.none() | st.sampled_from(Placement),
    assistance_received=st.none() | st.sampled_from([Decimal(0), Decimal("150.50")]),
)
_THREE = st.none() | st.booleans()


@st.composite
def _disability(draw: st.DrawFn) -> DisabilitySubsidyFacts:
    kind = draw(st.none() | st.sampled_from(ChildAllowance))
    placed = draw(st.none() | st.just(kind is not ChildAllowance.NONE)) if kind else draw(_THREE)
    return DisabilitySubsidyFacts(
        needs_long_term_care=draw(_THREE),
        work_injury_care_allowance=draw(_THREE),
        child_allowance=placed,
        child_allowance_kind=kind,
        other_living_allowance=draw(st.none() | st.sampled_from([Decimal(0), Decimal("80")])),
        other_care_allowance=draw(st.none() | st.sampled_from([Decimal(0), Decimal("80")])),
    )


def _extreme(ids: list[str]) -> st.SearchStrategy[ExtremePovertyFacts]:
    """特困 facts whose member supporters are among ``ids`` (the other members: nobody is
    their own supporter, which the rule refuses)."""
    if not ids:
        return _extreme_of(cst.supporters(on=ON))
    member = st.builds(
        Supporter,
        relationship=st.sampled_from([Relationship.CHILD, Relationship.SPOUSE]),
        member=st.sampled_from(ids),
        situations=st.none() | st.frozensets(st.sampled_from(SupporterSituation), max_size=2),
        property_within_rules=_THREE,
        monthly_income=st.none() | st.sampled_from([Decimal(0), Decimal("900")]),
    )
    return _extreme_of(st.one_of(cst.supporters(on=ON), member))


def _extreme_of(supporter: st.SearchStrategy[Supporter]) -> st.SearchStrategy[ExtremePovertyFacts]:
    return st.builds(
        ExtremePovertyFacts,
        supporters=st.none() | st.lists(supporter, max_size=2).map(tuple),
        activities_not_achieved=st.none() | st.frozensets(st.sampled_from(DailyActivity)),
        ability_grade=st.none() | st.sampled_from(AbilityGrade),
        arrangement=st.none() | st.sampled_from(SupportArrangement),
        child_allowance=_THREE,
        supported_as_minor=_THREE,
        in_secondary_school=_THREE,
    )


@st.composite
def _registry(draw: st.DrawFn) -> list[tuple[Household, tuple[MemberFacts, ...]]]:
    found = draw(
        st.lists(cst.households(on=ON, jurisdiction=CHONGQING, max_size=4), min_size=1, max_size=4)
    )
    registry = []
    for index, drawn in enumerate(found):
        household = _as_the_table_holds(attrs.evolve(drawn, id=f"H{index}"))
        facts = []
        ids = [m.person.id for m in household.members]
        for member in household.members:
            child = draw(st.none() | _CHILD)
            disability = draw(st.none() | _disability())
            others = [pid for pid in ids if pid != member.person.id]
            extreme = draw(st.none() | _extreme(others))
            if child is not None or disability is not None or extreme is not None:
                facts.append(
                    MemberFacts(
                        member.person.id,
                        child=child,
                        disability=disability,
                        extreme_poverty=extreme,
                    )
                )
        registry.append((household, tuple(facts)))
    return registry


def _table(registry: list[tuple[Household, tuple[MemberFacts, ...]]]) -> pa.Table:
    """The persons table of the households, with each member's ep_, child_ and ds_ cells."""
    table = extreme_poverty.to_table(
        [household for household, _ in registry],
        {
            (household.id, f.person): f.extreme_poverty
            for household, facts in registry
            for f in facts
            if f.extreme_poverty is not None
        },
    )
    columns = {name: table.column(name).to_pylist() for name in table.column_names}
    row = 0
    for household, facts in registry:
        given = {f.person: f for f in facts}
        for member in household.members:
            own = given.get(member.person.id)
            if own is not None and own.child is not None:
                for name, value in children.write_facts(own.child).items():
                    columns[name][row] = value
            if own is not None and own.disability is not None:
                cells = disability_subsidies.write_facts(own.disability, layer=None)
                for name, value in cells.items():
                    if name not in {"ds_layer", "ds_in_extreme_poverty"}:
                        columns[name][row] = value
            row += 1
    return pa.table(columns, schema=table.schema)


@given(registry=_registry())
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
def test_each_row_equals_the_scalar_layered_picture(
    registry: list[tuple[Household, tuple[MemberFacts, ...]]],
) -> None:
    """The row of every household is the scalar picture's (batch = scalar, household by household).

    国办发〔2023〕39号 二: "低保对象、特困人员 … 低保边缘家庭成员 … 刚性支出困难家庭成员" — the
    layers; the scalar :func:`assess_layers` places the household, the screen only carries it,
    with each member's children's-allowance and disability-subsidy facts read from their columns.
    """
    result = batch_layers.assess_table(_table(registry), ON, book=BOOK)
    assert result.num_rows == len(registry)
    for (household, facts), row in zip(registry, result.to_pylist(), strict=True):
        expected = _expected(household, ON, facts)
        assert row["household_id"] == household.id
        for key, value in expected.items():
            assert row[key] == value, (household.id, key, row)
        # No member's "receiving" is known (to_table cannot know it): newly found is unknown,
        # unless the household is eligible for nothing (and nothing is undecided).
        nothing = not expected.get("programmes") and not expected.get("undecided")
        assert row["newly_found"] is (False if nothing and row["layer"] else None)


def _with_receiving(receiving: list[str] | None, households: int = 1) -> pa.Table:
    table = synthetic_population(households, CHONGQING, on=ON, seed=3)
    column = pa.array([receiving] * table.num_rows, type=pa.list_(pa.string()))
    return table.drop_columns(["receiving"]).append_column("receiving", column)


def test_newly_found_needs_every_member_known_and_none_receiving() -> None:
    """主动发现: eligible for something while nobody in the household receives anything today.

    国办发〔2023〕39号 三(三): "及时、主动发现需要救助的困难群众".  Unknown stays unknown: a
    household granted nothing while a decision is undecided is not "not found".
    """
    rows = batch_layers.assess_table(_with_receiving([], 60), ON).to_pylist()
    for row in rows:
        if row["programmes"]:
            assert row["newly_found"] is True
        elif row["undecided"]:
            assert row["newly_found"] is None
        else:
            assert row["newly_found"] is False
    assert {row["newly_found"] for row in rows} == {True, False, None}
    receiving = batch_layers.assess_table(_with_receiving(["assistance.dibao"], 60), ON)
    assert set(receiving.column("newly_found").to_pylist()) == {False}
    unknown = batch_layers.assess_table(_with_receiving(None, 60), ON).to_pylist()
    for row in unknown:
        nothing = not row["programmes"] and not row["undecided"]
        assert row["newly_found"] is (False if nothing else None)


def test_an_unknown_programme_in_receiving_is_a_bad_cell() -> None:
    table = _with_receiving(["assistance.dibaoo"])
    row = batch_layers.assess_table(table, ON).to_pylist()[0]
    assert row["layer"] is None
    assert row["reasons"] == ["batch.invalid_value"]
    assert row["problems"] == ["receiving"]  # the bad columns, as the 低保 engine names them
    with pytest.raises(InvalidDocumentError, match="receiving"):
        batch_layers.assess_table(table, ON, errors="raise")


def test_a_receiving_column_of_the_wrong_type_is_refused() -> None:
    table = synthetic_population(2, CHONGQING, on=ON, seed=1).drop_columns(["receiving"])
    table = table.append_column("receiving", pa.array([1] * table.num_rows, type=pa.int64()))
    with pytest.raises(InvalidDocumentError, match="receiving"):
        batch_layers.assess_table(table, ON)


def test_bad_cells_are_marked_never_placed() -> None:
    table = synthetic_population(400, CHONGQING, on=ON, seed=5, invalid_share=0.2)
    result = batch_layers.assess_table(table, ON)
    rows = result.to_pylist()
    bad = [r for r in rows if r["reasons"] == ["batch.invalid_value"]]
    assert bad, "the synthetic registry spoils a fifth of the households"
    for row in bad:
        assert row["layer"] is None
        assert row["programmes"] is None
        assert row["monthly_fen"] == 0
        assert row["problems"]
    with pytest.raises(InvalidDocumentError):
        batch_layers.assess_table(table, ON, errors="raise")


def test_a_parameter_without_a_value_is_marked_not_guessed() -> None:
    """Before the shipped 重庆 data begin, no standard is in force: nothing is placed."""
    early = dt.date(2000, 1, 3)
    table = synthetic_population(5, CHONGQING, on=ON, seed=2)
    rows = batch_layers.assess_table(table, early).to_pylist()
    for row in rows:
        assert row["layer"] is None
        assert row["reasons"] in (["batch.parameter_unavailable"], ["batch.invalid_value"])
    with pytest.raises((ParameterError, InvalidDocumentError)):
        batch_layers.assess_table(table, early, errors="raise")


def test_worker_processes_give_the_same_table(monkeypatch: pytest.MonkeyPatch) -> None:
    table = synthetic_population(60, CHONGQING, on=ON, seed=7, invalid_share=0.1)
    one = batch_layers.assess_table(table, ON, workers=1)
    monkeypatch.setattr(batch_layers, "_TASK_HOUSEHOLDS", 16)
    two = batch_layers.assess_table(table, ON, workers=2)
    assert two.equals(one)


def test_the_summary_adds_up() -> None:
    result = batch_layers.assess_table(synthetic_population(120, CHONGQING, on=ON, seed=9), ON)
    summary = batch_layers.summarise(result).to_pylist()
    totals = [r for r in summary if r["jurisdiction"] == ALL]
    assert sum(r["households"] for r in totals) == result.num_rows
    people = [int(n or 0) for n in result.column("people").to_pylist()]
    monthly = [int(n or 0) for n in result.column("monthly_fen").to_pylist()]
    assert sum(r["people"] for r in totals) == sum(people)
    assert sum(r["monthly_cost_fen"] for r in totals) == sum(monthly)
    programmes = batch_layers.summarise_programmes(result).to_pylist()
    assert sum(r["monthly_cost_fen"] for r in programmes) == sum(monthly)
    halves = [result.slice(0, 50), result.slice(50)]
    assert batch_layers.combine([batch_layers.summarise(h) for h in halves]).equals(
        batch_layers.combine([batch_layers.summarise(result)])
    )


def test_a_what_if_with_the_same_book_changes_nothing_and_a_higher_standard_adds() -> None:
    table = synthetic_population(80, CHONGQING, on=ON, seed=4)
    same = batch_layers.what_if(table, ON, scenario=BOOK)
    for row in same.summary.to_pylist():
        assert row["gaining"] == row["losing"] == row["cost_change_fen"] == 0
    higher = BOOK.override("assistance.dibao.standard.rural", CHONGQING, Decimal("700"), ON)
    changed = batch_layers.what_if(table, ON, scenario=higher).summary.to_pylist()
    totals = {r["layer"]: r for r in changed if r["jurisdiction"] == ALL}
    assert totals["dibao"]["households_after"] >= totals["dibao"]["households_before"]


def test_the_command_screens_a_synthetic_registry_in_layers(tmp_path: Path) -> None:
    """``civaffairs screen --programme assistance.layers --synthetic N`` (CI-sized N)."""
    out = io.StringIO()
    err = io.StringIO()
    target = f"{tmp_path}/layers.parquet"
    code = main(
        [
            "screen",
            "--programme",
            "assistance.layers",
            "--synthetic",
            "150",
            "--jurisdiction",
            "500156",
            "--on",
            "2025-06-30",
            "--out",
            target,
            "--scenario",
            "assistance.dibao.standard.rural@500000=650",
            "--report",
            f"{tmp_path}/layers.html",
            "--quiet",
        ],
        stdout=out,
        stderr=err,
    )
    assert code == 0, err.getvalue()
    text = out.getvalue()
    assert "newly found" in text
    assert "assistance.extreme_poverty" in text
    assert "what-if" in text
    page = (tmp_path / "layers.html").read_text(encoding="utf-8")
    assert "分层分类社会救助" in page
    assert "assistance.dibao.standard.rural@500000=650" in page  # the what-if is in the report
    written = pq.read_table(target)
    assert written.num_rows == 150
    assert set(batch_layers.output_schema().names) <= set(written.column_names)


def test_a_member_s_own_facts_reach_the_picture() -> None:
    """An orphan grandchild and a disabled grandmother: their allowances come from their columns.

    民发〔2019〕62号 一 / 国办发〔2010〕54号: a child whose parents have both died is an orphan;
    残疾人两项补贴: the care subsidy for grade 1–2 disability needing long-term care.  The scalar
    picture with the same facts is the expected row.
    """
    grandmother = Person(
        "g",
        dt.date(1960, 3, 1),
        Sex.FEMALE,
        Registration("500156", RegistrationKind.RURAL),
        disability=Disability(DisabilityCategory.PHYSICAL, 1),
        serious_illness=False,
    )
    child = Person(
        "c",
        dt.date(2016, 5, 1),
        Sex.MALE,
        Registration("500156", RegistrationKind.RURAL),
        serious_illness=False,
    )
    household = Household(
        "H1",
        members=[
            Member(grandmother, Relationship.APPLICANT, lives_together=True),
            Member(child, Relationship.GRANDCHILD, lives_together=True),
        ],
        incomes=[Income(IncomeType.CENTRAL_BASIC_PENSION, Decimal("150"), member="g")],
    )
    dead = Parent(ParentSituation.DECEASED)
    facts = (
        MemberFacts("c", child=ChildFacts(father=dead, mother=dead, placement=Placement.DISPERSED)),
        MemberFacts("g", disability=DisabilitySubsidyFacts(needs_long_term_care=True)),
    )
    row = batch_layers.assess_table(_table([(household, facts)]), ON).to_pylist()[0]
    expected = _expected(household, ON, facts)
    for key, value in expected.items():
        assert row[key] == value, key
    assert "assistance.children" in (row["programmes"] or [])
    assert row["monthly_fen_children"] > 0
    without = batch_layers.assess_table(to_table([household]), ON).to_pylist()[0]
    assert without["monthly_fen_children"] == 0  # no facts in the table: not granted


@pytest.mark.parametrize(
    "programme",
    [
        "assistance.extreme_poverty",
        "assistance.marginal",
        "assistance.rigid_expenditure",
        "assistance.children",
        "assistance.disability_subsidies.living",
        "assistance.disability_subsidies.care",
    ],
)
def test_each_columnar_programme_screens_a_synthetic_registry(
    programme: str, tmp_path: Path
) -> None:
    """``civaffairs screen --programme CODE --synthetic N`` for a programme with a columnar form."""
    out, err = io.StringIO(), io.StringIO()
    target = tmp_path / "out.parquet"
    code = main(
        [
            "screen",
            "--programme",
            programme,
            "--synthetic",
            "120",
            "--jurisdiction",
            "500156",
            "--on",
            "2025-06-30",
            "--out",
            str(target),
            "--quiet",
        ],
        stdout=out,
        stderr=err,
    )
    assert code == 0, err.getvalue()
    lines = out.getvalue().splitlines()
    assert all(line.startswith(programme) for line in lines[2:]), lines
    assert pq.read_table(target).num_rows > 0


# -- review: rows aligned with households, cells the scalar model reads --------------------------


def _set(
    table: pa.Table, name: str, values: list[object], kind: pa.DataType | None = None
) -> pa.Table:
    """Return ``table`` with column ``name`` replaced (or added) by ``values``."""
    column = pa.array(values, type=kind or table.schema.field(name).type)
    if name not in table.column_names:
        return table.append_column(name, column)
    return table.set_column(table.column_names.index(name), name, column)


def test_consecutive_null_household_ids_are_two_marked_households() -> None:
    """A null household id is a household of its own, marked, as the 低保 engine reads it.

    Two consecutive null ids are two bad rows, not one household: the layered screen must
    cut households where the 低保 engine does, or its rows no longer line up.
    """
    table = synthetic_population(4, CHONGQING, on=ON, seed=3)
    table = table.set_column(0, "household_id", table.column("household_id").cast(pa.string()))
    ids = table.column("household_id").to_pylist()
    table = _set(table, "household_id", [None, None, *ids[2:]])
    result = batch_layers.assess_table(table, ON)
    checked = batch.assess_table(table, ON)
    assert result.column("household_id").equals(checked.column("household_id"))
    rows = result.to_pylist()
    for row in rows[:2]:
        assert row["reasons"] == ["batch.invalid_value"]
        assert row["problems"] == ["household_id"]
    with pytest.raises(InvalidDocumentError, match=r"\$\[1\]\.household_id"):
        batch_layers.assess_table(table, ON, errors="raise")


def test_integer_relationship_codes_are_read_as_their_relationships() -> None:
    """Integer relationship codes are part of the format (schema: RELATIONSHIP_CODES).

    The 低保 engine reads them; the layered screen placed no household of such a table (a
    ValueError from the scalar model's Relationship).
    """
    from civaffairs.assistance.dibao import RELATIONSHIP_CODES  # noqa: PLC0415

    table = synthetic_population(12, CHONGQING, on=ON, seed=3)
    codes = {relationship.value: code for relationship, code in RELATIONSHIP_CODES.items()}
    coded = _set(
        table,
        "relationship",
        [codes[str(value)] for value in table.column("relationship").to_pylist()],
        pa.int8(),
    )
    assert batch_layers.assess_table(coded, ON).equals(batch_layers.assess_table(table, ON))
    households = list(from_table(coded))
    assert [h for h, _ in households] == [h for h, _ in from_table(table)]


def test_a_missing_person_id_never_takes_another_members_id() -> None:
    """A member without a person_id gets a stand-in id no other member of the household has.

    ``person_id`` is the caller's reference, for tracing only (schema): a null, empty or
    blank one next to a member called ``p0`` made the scalar model see one person twice
    (DuplicateIdentityError out of the screen, in mark mode too).
    """
    table = synthetic_population(6, CHONGQING, on=ON, seed=3)
    count = table.num_rows
    named = _set(table, "person_id", [f"x{i}" for i in range(count)], pa.string())
    # Household 2 has rows 2-5: its first member has no id, its second is called "p0".
    gaps = _set(
        table, "person_id", [None, None, None, "p0", "  ", "p1", *[None] * (count - 6)], pa.string()
    )
    assert batch_layers.assess_table(gaps, ON).equals(batch_layers.assess_table(named, ON))
    ids = [[m.person.id for m in h.members] for h, _ in from_table(gaps)]
    assert all(len(set(members)) == len(members) for members in ids)


_CLEAN = synthetic_population(6, CHONGQING, on=ON, seed=3)  # household 2 is rows 2-5


@pytest.mark.parametrize(
    ("column", "row", "value", "kind"),
    [
        ("household_id", 2, "", pa.string()),
        ("household_id", 2, "  ", pa.string()),
        ("birth_date", 4, dt.date(1700, 1, 1), None),
        ("registration", 4, "999999", pa.string()),
        ("registration_kind", 4, "bogus", pa.string()),
        ("registration", 2, "500000", pa.string()),
        ("jurisdiction", 2, "500000", pa.string()),
        ("receiving", 5, ["assistance.dibao", "nothing"], pa.list_(pa.string())),
    ],
)
def test_a_cell_the_scalar_model_refuses_is_marked_or_raised_never_a_traceback(
    column: str, row: int, value: object, kind: pa.DataType | None
) -> None:
    """A cell the 低保 engine does not check but the scalar model refuses is a bad cell.

    A blank household id, a birth date before 1850, a member's unknown registration or
    kind, a registration or deciding place above county level (社会救助暂行办法 第十一条(三):
    "县级人民政府民政部门经审查，对符合条件的申请予以批准" — a county decides, and the scalar
    rules refuse a province): each escaped the screen as a bare
    InvalidInputError or ValueError, in mark mode too.  Marked: that household alone
    cannot be decided, naming the column; raised: the cell ``$[row].column``.
    """
    values = _CLEAN.column(column).to_pylist() if column in _CLEAN.column_names else []
    values = values or [None] * _CLEAN.num_rows
    if column == "household_id":
        ids = [str(v) for v in values]
        values = [value if i in range(2, 6) else ids[i] for i in range(len(ids))]
    else:
        values[row] = value
    table = _set(_CLEAN, column, values, kind)
    if column == "household_id":
        table = table.set_column(0, "household_id", table.column(0).cast(pa.string()))
    clean = batch_layers.assess_table(_CLEAN, ON).to_pylist()
    marked = batch_layers.assess_table(table, ON).to_pylist()
    assert marked[2]["reasons"] == ["batch.invalid_value"]
    assert marked[2]["problems"] == [column]
    assert marked[2]["layer"] is None
    for index in (0, 1, 3, 4, 5):
        assert {k: v for k, v in marked[index].items() if k != "household_id"} == {
            k: v for k, v in clean[index].items() if k != "household_id"
        }
    with pytest.raises(InvalidDocumentError) as raised:
        batch_layers.assess_table(table, ON, errors="raise")
    assert [error.path for error in raised.value.errors] == [f"$[{row}].{column}"]
    assert "1700" not in str(raised.value)  # a birth date is withheld


def test_a_province_as_the_calls_jurisdiction_is_refused_as_the_argument() -> None:
    """The call's own ``jurisdiction`` above county level is the caller's error, not a cell."""
    for errors in ("mark", "raise"):
        with pytest.raises(InvalidInputError, match="county-level") as raised:
            batch_layers.assess_table(_CLEAN, ON, jurisdiction=CHONGQING, errors=errors)
        assert not isinstance(raised.value, InvalidDocumentError)


def test_raise_lists_every_bad_cell_the_mark_mode_marks() -> None:
    """The same table raises, in raise mode, every cell it marks in mark mode, in row order.

    The 低保 engine's bad cells (``income_wages``) and the layered screen's own
    (``receiving``) are listed together; before, raise mode named the 低保 engine's only.
    """
    receiving = _CLEAN.column("receiving").to_pylist()
    receiving[1] = ["no.such.programme"]
    wages = _CLEAN.column("income_wages").to_pylist()
    wages[7] = None
    table = _set(_set(_CLEAN, "receiving", receiving), "income_wages", wages)
    marked = batch_layers.assess_table(table, ON).to_pylist()
    bad = [(row["household_id"], row["problems"]) for row in marked if row["layer"] is None]
    assert bad == [(1, ["receiving"]), (3, ["income_wages"])]
    with pytest.raises(InvalidDocumentError) as raised:
        batch_layers.assess_table(table, ON, errors="raise")
    assert [error.path for error in raised.value.errors] == [
        "$[1].receiving",
        "$[7].income_wages",
    ]


# -- review: the screen against the scalar model on random, spoilt registries ------------------

_SPOILS: dict[str, list[object]] = {
    "household_id": [None, "", " ", "H0"],
    "person_id": [None, "", " ", "p0", "m0"],
    "relationship": [None, "bogus", "applicant", "child"],
    "birth_date": [None, dt.date(1700, 1, 1), dt.date(1850, 1, 1), ON + dt.timedelta(days=1)],
    "registration": [None, "", "999999", "500000", "500101", "110101"],
    "registration_kind": [None, "bogus", "urban", "rural"],
    "jurisdiction": [None, "", "999999", "500000", "500101", "110101"],
    "disability_category": [None, "bogus", "physical", "intellectual"],
    "disability_grade": [None, 0, 1, 4, 5],
    "receiving": [None, [], [None], ["bogus"], ["assistance.dibao"], ["eldercare.longevity"]],
}
_BOOLEANS: list[object] = [None, True, False]
_FEN: list[object] = [None, -1, 0, 10**11, 10**11 + 1]


def _spoils(name: str, kind: pa.DataType) -> list[object]:
    if name in _SPOILS:
        return _SPOILS[name]
    if pa.types.is_dictionary(kind) or pa.types.is_string(kind):
        return [None, "bogus"]  # a programme's own code column (child_, ds_)
    if pa.types.is_date(kind):
        return [None, dt.date(1700, 1, 1), dt.date(2999, 1, 1)]
    if pa.types.is_integer(kind) and kind.bit_width < 64:
        return [None, -1, 0, 99]  # a grade, a term in months
    return _BOOLEANS if pa.types.is_boolean(kind) else _FEN


@st.composite
def _registries(draw: st.DrawFn) -> pa.Table:
    """A persons table of random households, a receiving column, and a few spoilt cells."""
    found = draw(
        st.lists(cst.households(on=ON, jurisdiction=CHONGQING, max_size=4), min_size=1, max_size=4)
    )
    households = [_as_the_table_holds(attrs.evolve(h, id=f"H{i}")) for i, h in enumerate(found)]
    table = to_table(households)
    receiving = draw(
        st.lists(
            st.sampled_from(_SPOILS["receiving"][:2] + _SPOILS["receiving"][4:]),
            min_size=table.num_rows,
            max_size=table.num_rows,
        )
    )
    if draw(st.booleans()):
        table = table.append_column("receiving", pa.array(receiving, type=pa.list_(pa.string())))
    columns = {name: table.column(name).to_pylist() for name in table.column_names}
    for _ in range(draw(st.integers(0, 3))):
        name = draw(st.sampled_from(sorted(columns)))
        row = draw(st.integers(0, table.num_rows - 1))
        columns[name][row] = draw(st.sampled_from(_spoils(name, table.schema.field(name).type)))
    return pa.table(
        {
            name: pa.array(values, type=table.schema.field(name).type)
            for name, values in columns.items()
        }
    )


def _scalar_row(rows: list[dict[str, object]]) -> dict[str, object]:
    """What the scalar layered picture says of one household's rows, or that it refuses them."""
    from civaffairs.batch.schema import household_from_rows  # noqa: PLC0415

    household, where = household_from_rows(rows)
    # Each member's own facts (ep_, child_, ds_ cells), read as the screen reads them.
    facts = batch_layers._member_facts(rows, 0)
    try:
        picture = assess_layers(household, ON, jurisdiction=where, book=BOOK, facts=facts)
    except ParameterError:
        return {"reasons": ["batch.parameter_unavailable"]}
    expected = _expected_of(picture, len(household.members))
    receiving = [row.get("receiving") for row in rows]
    expected["newly_found"] = _newly_found(expected, receiving)
    return expected


#: Social assistance: the assistance area's programmes, the layered picture aside.
_ASSISTANCE = frozenset(
    code
    for code in (entry.code for entry in registry.ENTRIES)
    if code.startswith("assistance.") and code != "assistance.layers"
)


def _newly_found(expected: dict[str, object], receiving: list[object]) -> bool | None:
    """主动发现 in three values: eligible for a programme of the picture ∧ none received."""
    if not expected["programmes"] and not expected["undecided"]:
        return False  # eligible for nothing: not found, whatever is received
    if any(_ASSISTANCE & set(value) for value in receiving if value):  # type: ignore[call-overload]
        return False
    if any(value is None for value in receiving) or not expected["programmes"]:
        return None
    return True


@given(table=_registries())
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
def test_every_row_is_the_scalar_picture_or_marked_and_raise_raises_what_mark_marks(
    table: pa.Table,
) -> None:
    """Fuzz: random registries with spoilt cells, in both error modes.

    Each household's row is exactly the scalar layered picture of its rows (rebuilt as
    ``from_table`` does), or it is marked (bad cell, parameter not in force), never a
    traceback; raise mode raises every household mark mode marks invalid, nothing else,
    then the first parameter error, and otherwise returns the same table.
    """
    try:
        marked = batch_layers.assess_table(table, ON)
    except InvalidDocumentError:  # a table-level refusal (split household, person twice)
        with pytest.raises(InvalidDocumentError):
            batch_layers.assess_table(table, ON, errors="raise")
        return
    checked = batch.assess_table(table, ON)
    assert marked.column("household_id").equals(checked.column("household_id"))
    places = checked.column("jurisdiction").to_pylist()
    people = [int(n or 0) for n in marked.column("people").to_pylist()]
    starts = [0, *[int(n) for n in np.cumsum(people)]]
    rows = table.to_pylist()
    invalid: list[tuple[int, int]] = []
    unavailable = False
    for index, row in enumerate(marked.to_pylist()):
        own = rows[starts[index] : starts[index + 1]]
        if row["reasons"] == ["batch.invalid_value"]:
            assert row["layer"] is None, row
            assert row["problems"], row
            invalid.append((starts[index], starts[index + 1]))
            continue
        expected = _scalar_row(own)
        # Where it is decided: the 低保 engine's deciding place, so summaries group alike.
        assert row["jurisdiction"] == places[index]
        unavailable = unavailable or expected.get("reasons") == ["batch.parameter_unavailable"]
        for key, value in expected.items():
            assert row[key] == value, (index, key, row)
    event("marked invalid" if invalid else "parameter" if unavailable else "clean")
    if invalid:
        with pytest.raises(InvalidDocumentError) as raised:
            batch_layers.assess_table(table, ON, errors="raise")
        cells = {int(e.path[2 : e.path.index("]")]) for e in raised.value.errors}
        assert all(any(a <= cell < b for a, b in invalid) for cell in cells)
        assert all(any(a <= cell < b for cell in cells) for a, b in invalid), (
            sorted(cells),
            invalid,
            [r["problems"] for r in marked.to_pylist() if r["problems"]],
            [str(e) for e in raised.value.errors],
        )
    elif unavailable:
        with pytest.raises(ParameterError):
            batch_layers.assess_table(table, ON, errors="raise")
    else:
        assert batch_layers.assess_table(table, ON, errors="raise").equals(marked)


def test_newly_found_is_three_valued_and_reads_the_programmes_of_the_picture() -> None:
    """Newly found = eligible for a programme of the picture ∧ no member receives one (Kleene).

    A household eligible for nothing, with nothing undecided, is not newly found whatever
    its members receive — known or not (it was null when ``receiving`` was unknown or
    absent).  A member receiving the longevity allowance (an old-age allowance, not social
    assistance) does not make a household eligible for 低保 "already found" (it was false).
    国办发〔2023〕39号 三(三): "对未纳入社会救助范围的低收入人口，重点监测其家庭状况变化情况，
    发现符合救助条件的，应当告知相关救助政策".
    """
    table = synthetic_population(60, CHONGQING, on=ON, seed=3)
    for receiving in (None, ["eldercare.longevity"]):
        given = _set(table, "receiving", [receiving] * table.num_rows)
        for row in batch_layers.assess_table(given, ON).to_pylist():
            if not row["programmes"] and not row["undecided"]:
                assert row["newly_found"] is False, row
            elif receiving is not None and row["programmes"]:
                assert row["newly_found"] is True, row
    absent = table.drop_columns(["receiving"])
    for row in batch_layers.assess_table(absent, ON).to_pylist():
        if not row["programmes"] and not row["undecided"]:
            assert row["newly_found"] is False, row
        else:
            assert row["newly_found"] is None, row


def _outcome(table: pa.Table, errors: str, workers: int) -> object:
    """The result of a screen, or the error's type and bad cells."""
    try:
        return batch_layers.assess_table(table, ON, errors=errors, workers=workers)  # type: ignore[arg-type]
    except InvalidDocumentError as error:
        return ("bad cells", [e.path for e in error.errors])
    except ParameterError as error:
        return ("parameter", str(error))


@given(table=_registries())
@settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
def test_worker_processes_change_nothing_on_random_registries(table: pa.Table) -> None:
    """Two worker processes (tasks of one household) give what one process gives, both modes."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(batch_layers, "_TASK_HOUSEHOLDS", 1)
        for errors in ("mark", "raise"):
            one, two = _outcome(table, errors, 1), _outcome(table, errors, 2)
            if isinstance(one, pa.Table):
                assert isinstance(two, pa.Table)
                assert two.equals(one)
            else:
                assert two == one


def test_a_what_if_run_screens_each_chunk_twice_not_three_times(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``screen --programme assistance.layers --scenario``: baseline and scenario, once each.

    The layered screen is the slowest of the package; the command decided the baseline
    twice (once for the what-if, once for the results), a third more time for nothing.
    """
    books: list[object] = []
    screen = batch_layers.assess_table

    def counted(*args: object, **options: object) -> pa.Table:
        books.append(options.get("book"))
        return screen(*args, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(batch_layers, "assess_table", counted)
    arguments = ["screen", "--programme", "assistance.layers", "--synthetic", "40"]
    arguments += ["--jurisdiction", "500156", "--on", "2025-06-30", "--quiet"]
    arguments += ["--out", f"{tmp_path}/layers.parquet"]
    arguments += ["--scenario", "assistance.dibao.standard.rural@500000=740"]
    out = io.StringIO()
    assert main(arguments, stdout=out, stderr=io.StringIO()) == 0
    assert len(books) == 2
    assert "what-if" in out.getvalue()
    assert pq.read_table(f"{tmp_path}/layers.parquet").num_rows == 40


def test_receiving_of_empty_lists_only_is_read_as_nobody_receiving() -> None:
    """pandas and polars type a column of empty lists (and nulls) ``list<null>``: no code at all.

    A county where nobody receives anything was refused as "not a list of strings".
    """
    table = synthetic_population(20, CHONGQING, on=ON, seed=5)
    empty: list[object] = [[] for _ in range(table.num_rows)]
    empty[0] = None
    strings = _set(table, "receiving", empty, pa.list_(pa.string()))
    for kind in (pa.list_(pa.null()), pa.large_list(pa.null())):
        nulls = _set(table, "receiving", empty, kind)
        assert batch_layers.assess_table(nulls, ON).equals(batch_layers.assess_table(strings, ON))


@pytest.mark.parametrize(
    "kind",
    [
        pa.large_list(pa.large_string()),
        pa.list_(pa.dictionary(pa.int32(), pa.string())),
        pa.large_list(pa.dictionary(pa.uint32(), pa.large_string())),
    ],
)
def test_receiving_is_read_whatever_list_of_strings_holds_it(kind: pa.DataType) -> None:
    """Large lists and dictionary-encoded codes (polars: a list of categoricals) are read."""
    table = synthetic_population(30, CHONGQING, on=ON, seed=5)
    cast = _set(table, "receiving", table.column("receiving").to_pylist(), kind)
    assert batch_layers.assess_table(cast, ON).equals(batch_layers.assess_table(table, ON))


def test_chunk_summaries_of_a_programme_add_counts_never_group_by_a_number() -> None:
    """``screen --programme P`` adds chunk summaries up: counts per text key, nothing else.

    A float column (a share, say) was taken for a key: chunks were grouped by it and
    their counts not added up — a silent wrong summary.
    """
    from civaffairs.batch.cli import _added_up  # noqa: PLC0415

    part = pa.table({"outcome": ["eligible", "not_eligible"], "persons": [2, 3]})
    other = pa.table({"outcome": ["eligible"], "persons": [5]})
    assert _added_up([part, other]).to_pylist() == [
        {"outcome": "eligible", "persons": 7},
        {"outcome": "not_eligible", "persons": 3},
    ]
    shares = [t.append_column("share", pa.array([0.5] * t.num_rows)) for t in (part, other)]
    with pytest.raises(CivaffairsError, match="share"):
        _added_up(shares)
    with pytest.raises(CivaffairsError, match="share"):
        _added_up(shares[:1])


def test_a_jurisdiction_given_by_name_is_its_code_in_every_row() -> None:
    """``jurisdiction="武隆区"`` decides as ``"500156"`` and says so in every row.

    Placed households carried the name and marked ones the 低保 engine's code, so the
    summary split one county into two rows.
    """
    table = synthetic_population(30, "500156", on=ON, seed=5, invalid_share=0.2)
    by_name = batch_layers.assess_table(table, ON, jurisdiction="武隆区")
    assert by_name.equals(batch_layers.assess_table(table, ON, jurisdiction="500156"))
    assert {r["jurisdiction"] for r in batch_layers.summarise(by_name).to_pylist()} == {
        "500156",
        ALL,
    }


def test_raise_mode_lists_every_bad_cell_the_scalar_reading_finds_too() -> None:
    """With a bad cell the 低保 engine found, raise mode still reads every household.

    A cell only the scalar reading refuses (here an unknown programme in ``receiving``) is
    raised beside the 低保 engine's own, exactly the cells mark mode marks: checking only
    the cells the 低保 engine reads (as an earlier build did, to save time) lost a bad
    expenditure cell of another household.
    """
    receiving = _CLEAN.column("receiving").to_pylist()
    receiving[1] = ["no.such.programme"]
    wages = _CLEAN.column("income_wages").to_pylist()
    wages[7] = None
    table = _set(_set(_CLEAN, "receiving", receiving), "income_wages", wages)
    with pytest.raises(InvalidDocumentError) as raised:
        batch_layers.assess_table(table, ON, errors="raise")
    assert [e.path for e in raised.value.errors] == ["$[1].receiving", "$[7].income_wages"]


def test_a_scenario_book_reaches_the_worker_processes_exactly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A what-if's overridden book is the one the worker processes decide with."""
    table = synthetic_population(40, CHONGQING, on=ON, seed=8)
    higher = BOOK.override("assistance.dibao.standard.rural", CHONGQING, Decimal("740"), ON)
    one = batch_layers.what_if(table, ON, scenario=higher, workers=1)
    monkeypatch.setattr(batch_layers, "_TASK_HOUSEHOLDS", 7)
    two = batch_layers.what_if(table, ON, scenario=higher, workers=2)
    assert two.households.equals(one.households)
    assert two.summary.equals(one.summary)
    totals = {r["layer"]: r for r in one.summary.to_pylist() if r["jurisdiction"] == ALL}
    assert totals["dibao"]["cost_change_fen"] > 0  # the scenario was applied, not the default


def test_households_spanning_arrow_chunks_and_tasks_keep_their_rows() -> None:
    """A chunked table (a household cut between chunks, dictionary-encoded ids) = one chunk."""
    table = synthetic_population(12, CHONGQING, on=ON, seed=6)
    table = table.set_column(
        0, "household_id", table.column("household_id").cast(pa.string()).dictionary_encode()
    )
    whole = batch_layers.assess_table(table, ON)
    ids = table.column("household_id").to_pylist()
    assert ids[2] == ids[3]  # both cuts go through a household
    assert ids[6] == ids[7]
    cut = pa.concat_tables([table.slice(0, 3), table.slice(3, 4), table.slice(7)])
    assert cut.column("household_id").num_chunks == 3
    assert batch_layers.assess_table(cut, ON).equals(whole)


def test_summaries_read_results_whose_text_columns_are_plain_strings() -> None:
    """A result passed through pandas, polars or CSV has plain string columns, not dictionaries.

    ``summarise`` and the what-if comparison read the layer and jurisdiction codes of a
    dictionary column and raised AttributeError on a plain one.
    """
    table = synthetic_population(30, CHONGQING, on=ON, seed=5, invalid_share=0.2)
    result = batch_layers.assess_table(table, ON)
    plain = result
    for name in ("layer", "jurisdiction", "registration_kind"):
        plain = plain.set_column(
            plain.column_names.index(name), name, plain.column(name).cast(pa.string())
        )
    assert batch_layers.summarise(plain).equals(batch_layers.summarise(result))
    assert batch_layers.compare(plain, plain).equals(batch_layers.compare(result, result))


def test_a_fact_readers_bad_cell_is_named_by_its_table_row(monkeypatch: pytest.MonkeyPatch) -> None:
    """A programme's fact reader names a cell by its row in the household; the screen, in the table.

    Its error went through the scalar model's path mapping and came out ``$[2][1]...``.
    """

    def reader(rows: object) -> dict[str, dict[str, object]]:
        if len(rows) > 1:  # type: ignore[arg-type]
            raise InvalidInputError("$[1].disability_category", "'x'", "a category")
        return {}

    monkeypatch.setattr(batch_layers, "FACT_READERS", [reader])
    marked = batch_layers.assess_table(_CLEAN, ON).to_pylist()
    assert marked[2]["problems"] == ["disability_category"]  # household 2: rows 2-5
    with pytest.raises(InvalidDocumentError) as raised:
        batch_layers.assess_table(_CLEAN, ON, errors="raise")
    assert "$[3].disability_category" in [e.path for e in raised.value.errors]


def test_every_assistance_programme_has_a_columnar_form() -> None:
    """Issue #16: every assistance programme a registry is screened for has a columnar form.

    Temporary assistance (per hardship event), the vagrancy station (per person arriving) and
    the children-in-difficulty assessment (a case file) are decided per case, not screened.
    """
    per_case = {
        "assistance.temporary",
        "assistance.vagrancy",
        "assistance.children_in_difficulty",
    }
    columnar = {entry.code for entry in registry.columnar()}
    assistance = {entry.code for entry in registry.entries("assistance")}
    assert assistance - per_case <= columnar


# -- the columns give the one-by-one picture's rows ------------------------------------------


def _one_by_one(table: pa.Table, on: dt.date = ON, errors: str = "mark") -> object:
    """The table (or the error) of the screen deciding every household one by one."""
    batch_layers._COLUMNAR = False
    try:
        return _outcome_of(table, on, errors)
    finally:
        batch_layers._COLUMNAR = True


def _outcome_of(table: pa.Table, on: dt.date, errors: str) -> object:
    try:
        return batch_layers.assess_table(table, on, errors=errors, workers=1)  # type: ignore[arg-type]
    except (InvalidDocumentError, ParameterError) as error:
        return (type(error).__name__, str(error))


def _same_tables(columns: object, one_by_one: object) -> None:
    if not isinstance(columns, pa.Table) or not isinstance(one_by_one, pa.Table):
        assert columns == one_by_one
        return
    assert columns.schema == one_by_one.schema
    for name in columns.column_names:
        assert columns.column(name).to_pylist() == one_by_one.column(name).to_pylist(), name


@given(table=_registries(), errors=st.sampled_from(["mark", "raise"]))
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
def test_the_columns_give_every_row_the_one_by_one_picture_gives(
    table: pa.Table, errors: str
) -> None:
    """Fuzz: the layered screen in columns (:mod:`civaffairs.batch._layered_columns`) and one
    household at a time by the scalar ``assess_layers`` give the same table, cell for cell
    (layer, members per layer, the cost per programme, the programmes granted and
    undecided, newly found, reasons, problems), or raise the same error — on random
    registries with spoilt cells, in both error modes."""
    _same_tables(_outcome_of(table, ON, errors), _one_by_one(table, ON, errors))


@given(registry=_registry())
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
def test_the_columns_give_the_one_by_one_picture_with_every_members_facts(
    registry: list[tuple[Household, tuple[MemberFacts, ...]]],
) -> None:
    """Members' own facts (ep_ with supporters, child_, ds_ cells) handed over as
    ``assess_layers`` hands them: the columns give the one-by-one table, cell for cell."""
    table = _table(registry)
    _same_tables(_outcome_of(table, ON, "mark"), _one_by_one(table))


@pytest.mark.parametrize(
    ("on", "seed", "invalid_share"),
    [
        (dt.date(2025, 6, 30), 1, 0.0),
        (dt.date(2025, 6, 30), 2, 0.05),
        (dt.date(2024, 3, 31), 3, 0.02),  # 刚性支出困难 not yet in force
        (dt.date(2019, 12, 31), 4, 0.02),  # parameters not in force for some programmes
    ],
)
def test_the_columns_give_the_one_by_one_picture_of_a_synthetic_registry(
    on: dt.date, seed: int, invalid_share: float
) -> None:
    """A synthetic registry (every programme's facts, undecided 特困 members, bad cells):
    the same table in columns as one by one."""
    table = batch.synthetic_population(150, "500156", on=on, seed=seed, invalid_share=invalid_share)
    _same_tables(_outcome_of(table, on, "mark"), _one_by_one(table, on))


def test_the_columns_decide_a_clean_registry_themselves() -> None:
    """The fast path is taken: no household of a clean synthetic registry (a third of
    them with a member whose 特困 conditions are undecided) is left to the scalar picture."""
    from civaffairs.batch import _layered_columns  # noqa: PLC0415
    from civaffairs.batch._columns import household_starts  # noqa: PLC0415

    table = batch.synthetic_population(300, "500156", on=ON, seed=5)
    starts, _ = household_starts(table.column("household_id"))
    decided = _layered_columns.decide(table, starts, ON, book=BOOK, jurisdiction=None)
    assert len(decided.scalar) == len(starts)
    assert not decided.scalar.any()
    assert not decided.marked.any()


def test_the_command_decides_a_files_chunks_side_by_side_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file of several row groups, chunks decided in worker processes (two here, whatever
    the machine's cores), a what-if on each: the rows written in the file's order, the same
    as deciding the whole table in this process, and the same summary as one by one."""
    from civaffairs.batch import cli as batch_cli  # noqa: PLC0415
    from civaffairs.batch._columns import household_starts  # noqa: PLC0415

    table = batch.synthetic_population(240, "500156", on=ON, seed=6, invalid_share=0.05)
    starts, _ = household_starts(table.column("household_id"))
    cuts = [0, int(starts[70]), int(starts[150]), int(starts[200]), table.num_rows]
    source = tmp_path / "registry.parquet"
    with pq.ParquetWriter(source, table.schema) as writer:
        for begin, end in itertools.pairwise(cuts):
            writer.write_table(table.slice(begin, end - begin))
    assert pq.ParquetFile(source).num_row_groups == 4

    def screen(target: Path, processes: int) -> str:
        monkeypatch.setattr(batch_cli, "_chunk_processes", lambda _args: processes)
        out, err = io.StringIO(), io.StringIO()
        code = main(
            [
                "screen",
                str(source),
                "--programme",
                "assistance.layers",
                "--on",
                ON.isoformat(),
                "--out",
                str(target),
                "--scenario",
                "assistance.dibao.standard.rural@500000=650",
                "--quiet",
            ],
            stdout=out,
            stderr=err,
        )
        assert code == 0, err.getvalue()
        return out.getvalue()

    side_by_side = screen(tmp_path / "two.parquet", 2)
    one_after_another = screen(tmp_path / "one.parquet", 1)
    assert side_by_side == one_after_another
    written = pq.read_table(tmp_path / "two.parquet")
    _same_tables(written, pq.read_table(tmp_path / "one.parquet"))
    whole = batch_layers.assess_table(table, ON, workers=1)
    assert written.column("household_id").to_pylist() == whole.column("household_id").to_pylist()
    for name in ("layer", "monthly_fen", "programmes", "reasons", "problems"):
        assert written.column(name).to_pylist() == whole.column(name).to_pylist(), name
