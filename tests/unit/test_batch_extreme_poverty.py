"""特困 in columns: bad cells (nested ones too), missing columns, errors="mark" and "raise"."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civaffairs.assistance import extreme_poverty as ep
from civaffairs.assistance.extreme_poverty import (
    ExtremePovertyFacts,
    SupportArrangement,
    Supporter,
    SupporterSituation,
)
from civaffairs.batch import extreme_poverty as batch_ep
from civaffairs.batch.population import synthetic_population
from civaffairs.batch.schema import from_table
from civaffairs.entities import (
    Household,
    Income,
    IncomeType,
    Member,
    Person,
    Registration,
    RegistrationKind,
    Relationship,
    SpecialStatus,
)
from civaffairs.errors import InvalidDocumentError, InvalidInputError, ParameterError
from civaffairs.identity import Sex

ON = dt.date(2025, 8, 1)
WULONG = "500156"
ELDER = Person("a", dt.date(1950, 1, 1), Sex.FEMALE, Registration(WULONG, RegistrationKind.RURAL))
SON = Person("b", dt.date(1980, 1, 1), Sex.MALE, Registration(WULONG, RegistrationKind.RURAL))
KNOWN = ExtremePovertyFacts(
    supporters=(),
    activities_not_achieved=frozenset(),
    arrangement=SupportArrangement.DISPERSED,
)


def _pair(household_id: str = "H1") -> Household:
    return Household(
        household_id,
        [Member(ELDER, Relationship.APPLICANT, True), Member(SON, Relationship.CHILD, True)],
        [Income(IncomeType.TRANSFER, "100", member="a")],
    )


def _alone(household_id: str = "H2") -> Household:
    return Household(household_id, [Member(ELDER, Relationship.APPLICANT, True)])


def _table(*households: Household, facts: dict[tuple[str, str], ExtremePovertyFacts]) -> pa.Table:
    return batch_ep.to_table(households, facts)


def _set_supporters(table: pa.Table, row: int, cell: list[dict[str, Any]] | None) -> pa.Table:
    column = table.column("ep_supporters").to_pylist()
    column[row] = cell
    index = table.schema.get_field_index("ep_supporters")
    return table.set_column(
        index, "ep_supporters", pa.array(column, type=batch_ep.COLUMNS["ep_supporters"])
    )


def _supporter(**fields: Any) -> dict[str, Any]:
    cell: dict[str, Any] = dict.fromkeys(batch_ep.SUPPORTER_TYPE.names)
    cell.update(relationship="child", situations=[], property_within_rules=True)
    cell.update(fields)
    return cell


def test_an_elder_alone_is_paid_the_basic_plus_the_care_standard() -> None:
    """国发〔2016〕14号 (二) as the scalar rule reads it: the basic living standard plus the
    care standard ("照料护理标准"), the yearly care standard ÷ 12 rounded to the fen."""
    table = _table(_alone(), facts={("H2", "a"): KNOWN})
    row = batch_ep.assess_table(table, ON).to_pylist()[0]
    decision = ep.assess_person(_alone(), "a", ON, facts=KNOWN)
    assert decision.amount is not None
    assert row["outcome"] == "eligible"
    assert row["amount_fen"] == int(decision.amount.total * 100) == 100_100 + 6_183
    assert row["meets_conditions"] is True
    assert row["problems"] is None


def test_a_supporter_naming_no_member_marks_the_household_and_names_the_supporter() -> None:
    """A supporter given as a member must be one (Supporter.member): the cell is bad, the
    household "cannot decide", the other household is decided."""
    son_supports = ExtremePovertyFacts(
        supporters=(
            Supporter(Relationship.SPOUSE, situations=frozenset(), property_within_rules=True),
            Supporter(Relationship.CHILD, member="b"),
        )
    )
    table = _table(_pair(), _alone(), facts={("H1", "a"): son_supports, ("H2", "a"): KNOWN})
    spoilt = _set_supporters(
        table,
        0,
        [
            _supporter(relationship="spouse"),
            _supporter(member="nobody", property_within_rules=None),
        ],
    )
    rows = batch_ep.assess_table(spoilt, ON).to_pylist()
    for row in rows[:2]:
        assert row["outcome"] == "cannot_decide"
        assert row["reasons"] == ["batch.invalid_value"]
        assert row["meets_conditions"] is None
        assert row["problems"] == ["ep_supporters[1].member"]
    assert rows[2]["outcome"] == "eligible"
    with pytest.raises(InvalidDocumentError) as raised:
        batch_ep.assess_table(spoilt, ON, errors="raise", first_row=10)
    message = str(raised.value)
    assert "$[10].ep_supporters[1].member" in message
    assert "nobody" in message
    assert "the person_id of a member of the household" in message


@pytest.mark.parametrize(
    ("fields", "column"),
    [
        ({"situations": ["rich"]}, "ep_supporters[0].situations"),
        ({"relationship": None}, "ep_supporters[0].relationship"),
        ({"relationship": "landlord"}, "ep_supporters[0].relationship"),
        ({"birth_date": dt.date(2030, 1, 1)}, "ep_supporters[0].birth_date"),
        ({"disability_category": "physical"}, "ep_supporters[0].disability_grade"),
        (
            {"disability_grade": 5, "disability_category": "physical"},
            "ep_supporters[0].disability_grade",
        ),
        (
            {"disabled": False, "disability_category": "physical", "disability_grade": 2},
            "ep_supporters[0].disabled",
        ),
        ({"member": "b", "birth_date": dt.date(1980, 1, 1)}, "ep_supporters[0].member"),
        ({"monthly_income": -1}, "ep_supporters[0].monthly_income"),
        ({"registration_kind": "suburban"}, "ep_supporters[0].registration_kind"),
    ],
)
def test_every_bad_field_of_a_supporter_is_named(fields: dict[str, Any], column: str) -> None:
    table = _set_supporters(_table(_pair(), facts={}), 0, [_supporter(**fields)])
    row = batch_ep.assess_table(table, ON).to_pylist()[0]
    assert row["reasons"] == ["batch.invalid_value"]
    assert column in row["problems"]
    with pytest.raises(InvalidDocumentError) as raised:
        batch_ep.assess_table(table, ON, errors="raise")
    assert f"$[0].{column}" in str(raised.value)
    if column.endswith("birth_date"):
        assert "2030" not in str(raised.value)  # a birth date is personal data


def test_a_null_supporter_in_the_list_is_bad() -> None:
    table = _set_supporters(_table(_pair(), facts={}), 0, [None])  # type: ignore[list-item]
    row = batch_ep.assess_table(table, ON).to_pylist()[0]
    assert row["problems"] == ["ep_supporters[0].relationship"]


def test_bad_person_level_cells_are_marked() -> None:
    table = _table(_pair(), facts={})
    index = table.schema.get_field_index("ep_arrangement")
    table = table.set_column(index, "ep_arrangement", pa.array(["home", None], pa.string()))
    index = table.schema.get_field_index("ep_activities_not_achieved")
    table = table.set_column(
        index, "ep_activities_not_achieved", pa.array([None, ["flying"]], pa.list_(pa.string()))
    )
    rows = batch_ep.assess_table(table, ON).to_pylist()
    assert [r["problems"] for r in rows] == [["ep_activities_not_achieved", "ep_arrangement"]] * 2
    with pytest.raises(InvalidDocumentError) as raised:
        batch_ep.assess_table(table, ON, errors="raise")
    assert "$[0].ep_arrangement" in str(raised.value)
    assert "$[1].ep_activities_not_achieved" in str(raised.value)


def test_a_column_of_the_wrong_type_always_raises() -> None:
    table = _table(_alone(), facts={})
    index = table.schema.get_field_index("ep_supporters")
    table = table.set_column(index, "ep_supporters", pa.array(["none"], pa.string()))
    with pytest.raises(InvalidDocumentError, match=r"\$\.ep_supporters"):
        batch_ep.assess_table(table, ON)


def test_absent_columns_are_facts_not_established() -> None:
    """认定办法 art. 4 (三): "无法定赡养、抚养、扶养义务人或者其法定义务人无履行义务能力" — with no
    supporter column, whether there is one is not established: "cannot decide", named."""
    table = _table(_alone(), facts={}).drop_columns(list(batch_ep.COLUMNS))
    row = batch_ep.assess_table(table, ON).to_pylist()[0]
    decision = ep.assess_person(_alone(), "a", ON)
    assert row["outcome"] == decision.outcome.value == "cannot_decide"
    assert row["reasons"] == sorted(set(decision.codes), key=batch_ep.REASON_CATALOGUE.index)
    assert row["problems"] == ["ep_supporters"]
    assert row["meets_conditions"] is None


def test_only_the_amount_facts_missing_still_meets_the_conditions() -> None:
    """The conditions met, the care tier or arrangement missing: meets_conditions is true."""
    facts = ExtremePovertyFacts(supporters=())
    row = batch_ep.assess_table(_table(_alone(), facts={("H2", "a"): facts}), ON).to_pylist()[0]
    assert row["outcome"] == "cannot_decide"
    assert row["meets_conditions"] is True
    assert row["problems"] == ["ep_activities_not_achieved", "ep_arrangement"]


def test_a_parameter_not_in_force_marks_the_person_or_raises() -> None:
    """The Chongqing standards are shipped from 2023-08-22 only (books/500000.toml)."""
    early = dt.date(2023, 1, 2)
    table = _table(_alone(), facts={("H2", "a"): KNOWN})
    row = batch_ep.assess_table(table, early).to_pylist()[0]
    assert row["reasons"] == ["batch.parameter_unavailable"]
    assert row["problems"] == ["assistance.dibao.standard.rural"]
    with pytest.raises(ParameterError) as raised:
        ep.assess_person(_alone(), "a", early, facts=KNOWN)
    with pytest.raises(ParameterError) as batch_raised:
        batch_ep.assess_table(table, early, errors="raise")
    assert str(batch_raised.value) == str(raised.value)


def test_errors_must_be_mark_or_raise() -> None:
    with pytest.raises(ValueError, match="'mark' or 'raise'"):
        batch_ep.assess_table(_table(_alone(), facts={}), ON, errors="ignore")  # type: ignore[arg-type]


def test_a_member_supporter_is_read_from_the_member_row() -> None:
    """Art. 8 (二) "60周岁以上的最低生活保障对象": a member supporter's age is the member's."""
    facts = ExtremePovertyFacts(
        supporters=(
            Supporter(
                Relationship.CHILD,
                member="b",
                situations=frozenset({SupporterSituation.DIBAO}),
                property_within_rules=True,
                monthly_income="0",
            ),
        ),
        activities_not_achieved=frozenset(),
        arrangement=SupportArrangement.DISPERSED,
    )
    table = _table(_pair(), facts={("H1", "a"): facts})
    row = batch_ep.assess_table(table, ON).to_pylist()[0]
    decision = ep.assess_person(_pair(), "a", ON, facts=facts)
    assert row["outcome"] == decision.outcome.value == "not_eligible"  # the son is 45
    assert "assistance.extreme_poverty.supporter_able" in row["reasons"]


def test_synthetic_registries_carry_the_facts_and_are_decided() -> None:
    table = synthetic_population(300, "500000", on=ON, seed=3, invalid_share=0.05)
    assert set(batch_ep.COLUMNS) <= set(table.column_names)
    result = batch_ep.assess_table(table, ON)
    assert result.num_rows == table.num_rows
    outcomes = set(result.column("outcome").cast(pa.string()).to_pylist())
    assert outcomes == {"eligible", "not_eligible", "cannot_decide"}
    summary = batch_ep.summarise(result)
    total = summary.to_pylist()[-1]
    assert total["persons"] == table.num_rows
    amounts = [int(fen or 0) for fen in result.column("amount_fen").to_pylist()]
    assert total["monthly_cost_fen"] == sum(amounts)
    assert "assistance.extreme_poverty" in batch_ep.render_summary(summary)


@pytest.mark.parametrize("where", [None, WULONG, "500101"])
def test_a_member_registered_elsewhere_is_decided_where_the_scalar_rule_decides(
    where: str | None,
) -> None:
    """认定办法 art. 10: "由本人向户籍所在地乡镇人民政府（街道办事处）提出书面申请" — by default
    a person is decided where registered: their own registration, not the applicant's."""
    moved = Person(
        "b", dt.date(1950, 6, 1), Sex.MALE, Registration("500101", RegistrationKind.URBAN)
    )
    household = Household(
        "H3",
        [Member(ELDER, Relationship.APPLICANT, True), Member(moved, Relationship.SPOUSE, True)],
    )
    facts = {("H3", "a"): KNOWN, ("H3", "b"): KNOWN}
    table = batch_ep.to_table([household], facts, jurisdiction=where)
    rows = batch_ep.assess_table(table, ON).to_pylist()
    for row, member in zip(rows, household.members, strict=True):
        pid = member.person.id
        decision = ep.assess_person(
            household, pid, ON, jurisdiction=where, facts=facts[("H3", pid)]
        )
        assert row["jurisdiction"] == decision.jurisdiction
        assert row["outcome"] == decision.outcome.value
        assert row["reasons"] == sorted(set(decision.codes), key=batch_ep.REASON_CATALOGUE.index)


_JUNK_TEXT = st.one_of(
    st.none(), st.sampled_from(["child", "b", "a", "", "dibao", "urban"]), st.text(max_size=4)
)
_JUNK_SUPPORTER = st.fixed_dictionaries(
    {
        "relationship": _JUNK_TEXT,
        "member": _JUNK_TEXT,
        "birth_date": st.none() | st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)),
        "disability_category": st.none() | st.sampled_from(["physical", "mental", "x"]),
        "disability_grade": st.none() | st.integers(-128, 127),
        "disabled": st.none() | st.booleans(),
        "situations": st.none()
        | st.lists(st.none() | st.sampled_from(["dibao", "in_prison", "?"])),
        "property_within_rules": st.none() | st.booleans(),
        "monthly_income": st.none() | st.integers(-(2**63), 2**63 - 1),
        "registration_kind": _JUNK_TEXT,
    }
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.none() | st.lists(st.none() | _JUNK_SUPPORTER, max_size=3), min_size=3, max_size=3),
    st.lists(
        st.none() | st.lists(st.none() | st.sampled_from(["bathing", "eating", "?"])),
        min_size=3,
        max_size=3,
    ),
    st.lists(_JUNK_TEXT, min_size=3, max_size=3),
    st.sampled_from(["mark", "raise"]),
)
def test_any_cells_are_decided_or_refused_with_the_documented_error(
    supporters: list[Any], activities: list[Any], arrangements: list[Any], errors: str
) -> None:
    """Junk in every ``ep_`` cell: each person decided or marked, or InvalidDocumentError."""
    table = _table(_pair(), _alone(), facts={})
    for name, values in (
        ("ep_supporters", supporters),
        ("ep_activities_not_achieved", activities),
        ("ep_arrangement", arrangements),
    ):
        index = table.schema.get_field_index(name)
        table = table.set_column(index, name, pa.array(values, batch_ep.COLUMNS[name]))
    found: pa.Table | InvalidDocumentError
    try:
        found = batch_ep.assess_table(table, ON, errors=errors)  # type: ignore[arg-type]
    except InvalidDocumentError as error:
        found = error
    if isinstance(found, InvalidDocumentError):
        assert errors == "raise"
        assert all(e.path.startswith("$[") for e in found.errors)
        return
    assert found.num_rows == 3
    if errors == "raise":
        assert "batch.invalid_value" not in str(found.column("reasons").to_pylist())


def test_a_household_in_pieces_or_a_member_twice_is_refused() -> None:
    """One household is decided whole and one person once (civaffairs.batch._identity)."""
    table = _table(_pair("H1"), _alone("H2"), facts={})
    scattered = pa.concat_tables([table.slice(0, 1), table.slice(2, 1), table.slice(1, 1)])
    with pytest.raises(InvalidDocumentError):
        batch_ep.assess_table(scattered, ON)
    twice = pa.concat_tables([table.slice(0, 2), table.slice(1, 1), table.slice(2, 1)])
    with pytest.raises(InvalidDocumentError):
        batch_ep.assess_table(twice, ON)


@pytest.mark.parametrize(
    ("born", "supported", "student"),
    [
        (dt.date(2008, 9, 15), True, False),  # 16, turns 17 next month: supported to 18
        (dt.date(2007, 9, 15), True, False),  # 17, turns 18 next month: the last month
        (dt.date(2007, 8, 1), True, False),  # 18 today: past the support age
        (dt.date(2007, 8, 1), True, True),  # 18 today and a student: asked about school
        (dt.date(2010, 2, 28), None, False),  # 15: under the recognition age of 16
        (dt.date(2009, 8, 1), None, False),  # 16 today: whether already supported is asked
    ],
)
def test_minors_at_the_ages_where_support_turns(
    born: dt.date, supported: bool | None, student: bool
) -> None:
    """认定办法 art. 5 (二) "未满16周岁的未成年人"; art. 24 "特困人员中的未成年人，可继续享有
    救助供养待遇至18周岁；年满18周岁仍在接受义务教育或者在普通高中、中等职业学校就读的，可继续享有
    救助供养待遇"; art. 26 "从下月起终止" — the months paid end with the 18th birthday's month."""
    statuses = frozenset({SpecialStatus.FULL_TIME_STUDENT}) if student else frozenset()
    child = Person(
        "c", born, Sex.MALE, Registration(WULONG, RegistrationKind.RURAL), statuses=statuses
    )
    household = Household(
        "H4",
        [Member(ELDER, Relationship.APPLICANT, True), Member(child, Relationship.GRANDCHILD, True)],
    )
    facts = {
        ("H4", "c"): ExtremePovertyFacts(
            supporters=(),
            activities_not_achieved=frozenset(),
            arrangement=SupportArrangement.DISPERSED,
            child_allowance=False,
            supported_as_minor=supported,
        )
    }
    row = batch_ep.assess_table(batch_ep.to_table([household], facts), ON).to_pylist()[1]
    decision = ep.assess_person(household, "c", ON, facts=facts[("H4", "c")])
    paid = 0 if decision.amount is None else int(decision.amount.total * 100)
    assert (row["outcome"], row["amount_fen"]) == (decision.outcome.value, paid)
    assert row["reasons"] == sorted(set(decision.codes), key=batch_ep.REASON_CATALOGUE.index)
    assert row["meets_conditions"] is ep.meets_conditions(decision)


def test_a_list_of_nulls_is_a_bad_cell_not_a_crash() -> None:
    """A ``list<null>`` column (as Arrow infers ``[[None]]``) holds no code: each null entry
    is a bad cell, named, and an empty list is "none" — never a traceback."""
    table = _table(_pair(), facts={})
    index = table.schema.get_field_index("ep_activities_not_achieved")
    activities = table.set_column(
        index, "ep_activities_not_achieved", pa.array([[None], []], pa.list_(pa.null()))
    )
    rows = batch_ep.assess_table(activities, ON).to_pylist()
    assert [r["problems"] for r in rows] == [["ep_activities_not_achieved"]] * 2
    fields = [
        pa.field(f.name, pa.list_(pa.null()) if f.name == "situations" else f.type)
        for f in batch_ep.SUPPORTER_TYPE
    ]
    cell = _supporter(situations=[None])
    nulls = table.set_column(
        table.schema.get_field_index("ep_supporters"),
        "ep_supporters",
        pa.array([[cell], None], pa.list_(pa.struct(fields))),
    )
    rows = batch_ep.assess_table(nulls, ON).to_pylist()
    assert [r["problems"] for r in rows] == [["ep_supporters[0].situations"]] * 2
    with pytest.raises(InvalidDocumentError, match=r"\$\[0\]\.ep_supporters\[0\]\.situations"):
        batch_ep.assess_table(nulls, ON, errors="raise")


def _with_ids(table: pa.Table, ids: list[str | None]) -> pa.Table:
    index = table.schema.get_field_index("person_id")
    return table.set_column(index, "person_id", pa.array(ids, pa.string()))


def test_a_stand_in_id_never_makes_the_person_their_own_supporter() -> None:
    """A row without ``person_id`` is ``p<index>`` unless a member has that id
    (:func:`civaffairs.batch.schema.member_ids`, as the scalar model names it).  Here the son
    is named ``p0``, so the elder (row 0, unnamed) is ``p0'``, and her supporter ``p0`` is the
    son, aged 45: able (认定办法 art. 8 names no head he is in), so she is not eligible —
    not her own supporter, aged 75 with no income (art. 8 (三)), which would make her eligible."""
    table = _with_ids(_table(_pair(), facts={("H1", "a"): KNOWN}), [None, "p0"])
    table = _set_supporters(table, 0, [_supporter(member="p0", monthly_income=0)])
    rows = batch_ep.assess_table(table, ON).to_pylist()
    [(household, _where)] = list(from_table(table))
    facts = batch_ep.read_facts(table.to_pylist())
    assert list(facts) == ["p0'", "p0"] == [m.person.id for m in household.members]
    decision = ep.assess_person(household, "p0'", ON, facts=facts["p0'"])
    assert decision.outcome.value == "not_eligible"
    assert [r["person_id"] for r in rows] == ["p0'", "p0"]
    assert rows[0]["outcome"] == "not_eligible"
    assert rows[0]["reasons"] == sorted(set(decision.codes), key=batch_ep.REASON_CATALOGUE.index)


def test_a_blank_person_id_is_no_id() -> None:
    """A blank ``person_id`` names nobody (schema.member_ids): a supporter naming it names
    no member of the household, a bad cell."""
    table = _with_ids(_table(_pair(), facts={("H1", "a"): KNOWN}), ["a", " "])
    table = _set_supporters(table, 0, [_supporter(member=" ", monthly_income=0)])
    rows = batch_ep.assess_table(table, ON).to_pylist()
    assert [r["person_id"] for r in rows] == ["a", "p1"]
    assert rows[0]["problems"] == ["ep_supporters[0].member"]
    assert list(batch_ep.read_facts(table.to_pylist())) == ["a", "p1"]


def test_a_person_is_not_their_own_supporter() -> None:
    """认定办法 art. 4 (三) "无法定赡养、抚养、扶养义务人或者其法定义务人无履行义务能力": the
    supporters are other persons.  A supporter naming the person assessed is refused by the
    scalar rule (whatever else is decided) and is a bad cell in columns — never the elder,
    aged 75 with no income, found "unable" under art. 8 (三) and so eligible."""
    own = ExtremePovertyFacts(
        supporters=(
            Supporter(
                Relationship.CHILD,
                member="a",
                situations=frozenset(),
                property_within_rules=True,
                monthly_income="0",
            ),
        ),
        activities_not_achieved=frozenset(),
        arrangement=SupportArrangement.DISPERSED,
    )
    with pytest.raises(InvalidInputError) as refused:
        ep.assess_person(_pair(), "a", ON, facts=own)
    assert refused.value.path == "$.facts.supporters[0].member"
    with pytest.raises(InvalidInputError):  # refused where registered elsewhere too
        ep.assess_person(_pair(), "a", ON, jurisdiction="110101", facts=own)
    table = _table(_pair(), _alone(), facts={("H1", "a"): own, ("H2", "a"): KNOWN})
    rows = batch_ep.assess_table(table, ON).to_pylist()
    for row in rows[:2]:
        assert row["outcome"] == "cannot_decide"
        assert row["reasons"] == ["batch.invalid_value"]
        assert row["problems"] == ["ep_supporters[0].member"]
    assert rows[2]["outcome"] == "eligible"
    with pytest.raises(InvalidDocumentError, match=r"\$\[0\]\.ep_supporters\[0\]\.member"):
        batch_ep.assess_table(table, ON, errors="raise")


@pytest.mark.parametrize(
    ("names", "path"),
    [
        ([*batch_ep.SUPPORTER_TYPE.names, "propery_within_rules"], "propery_within_rules"),
        ([*batch_ep.SUPPORTER_TYPE.names, "member"], "member"),
    ],
)
def test_a_misspelt_or_repeated_supporter_field_refuses_the_table(
    names: list[str], path: str
) -> None:
    """A field the supporter struct does not have must not silently become "not
    established" (nor a repeated one pick one of its values): the table is refused, as a
    column the persons table does not have is (plumbing.checked_table)."""
    kinds = dict(zip(batch_ep.SUPPORTER_TYPE.names, batch_ep.SUPPORTER_TYPE, strict=True))
    fields = [kinds.get(name, pa.field(name, pa.bool_())) for name in names]
    fields = [pa.field(name, f.type) for name, f in zip(names, fields, strict=True)]
    cell = _supporter()
    values = [pa.array([cell.get(name)], f.type) for name, f in zip(names, fields, strict=True)]
    supporter = pa.StructArray.from_arrays(values, fields=fields)
    column = pa.ListArray.from_arrays(pa.array([0, 1, 1], pa.int32()), supporter)
    table = _table(_pair(), facts={})
    table = table.set_column(table.schema.get_field_index("ep_supporters"), "ep_supporters", column)
    with pytest.raises(InvalidDocumentError, match=rf"\$\.ep_supporters\[\]\.{path}"):
        batch_ep.assess_table(table, ON)
    with pytest.raises(InvalidDocumentError, match=rf"\$\.ep_supporters\[\]\.{path}"):
        batch_ep.assess_table(table, ON, errors="raise")


def test_a_supporter_born_after_the_decision_is_named_with_the_date_withheld() -> None:
    """Art. 8 (二)/(三) read a supporter's age on the day decided: a birth date after it is
    bad input, named at the supporter's ``birth_date`` (not ``$.on``) and never shown —
    a birth date is personal data (the columns withhold it too)."""
    born = dt.date(2030, 5, 6)
    facts = ExtremePovertyFacts(
        supporters=(
            Supporter(
                Relationship.CHILD,
                birth_date=born,
                situations=frozenset({SupporterSituation.DIBAO}),
            ),
        )
    )
    with pytest.raises(InvalidInputError) as raised:
        ep.assess_person(_pair(), "a", ON, facts=facts)
    assert raised.value.path == "$.facts.supporters[0].birth_date"
    assert "2030" not in str(raised.value)
    table = _table(_pair(), facts={("H1", "a"): facts})
    row = batch_ep.assess_table(table, ON).to_pylist()[0]
    assert row["problems"] == ["ep_supporters[0].birth_date"]


def test_a_supporter_is_never_the_person_by_relationship() -> None:
    """Art. 4 (三)'s 法定义务人 are other persons: a supporter whose relationship to the person
    is ``applicant`` (本人, the person themself) is refused, and a bad cell in columns."""
    with pytest.raises(InvalidInputError, match=r"\$\.relationship"):
        Supporter(Relationship.APPLICANT, situations=frozenset())
    table = _set_supporters(_table(_pair(), facts={}), 0, [_supporter(relationship="applicant")])
    row = batch_ep.assess_table(table, ON).to_pylist()[0]
    assert row["reasons"] == ["batch.invalid_value"]
    assert row["problems"] == ["ep_supporters[0].relationship"]


def test_bad_supporters_are_refused_wherever_the_person_is_registered() -> None:
    """A supporter naming no member is bad input whatever the outcome: the scalar rule
    refuses it even where the person is registered elsewhere (认定办法 art. 10: decided no
    further), as the columns mark the cell whatever they decide."""
    facts = ExtremePovertyFacts(supporters=(Supporter(Relationship.CHILD, member="nobody"),))
    later = ExtremePovertyFacts(
        supporters=(Supporter(Relationship.CHILD, birth_date=dt.date(2030, 1, 1)),)
    )
    for bad, path in ((facts, "member"), (later, "birth_date")):
        with pytest.raises(InvalidInputError) as raised:
            ep.assess_person(_pair(), "a", ON, jurisdiction="110101", facts=bad)
        assert raised.value.path == f"$.facts.supporters[0].{path}"
        table = batch_ep.to_table([_pair()], {("H1", "a"): bad}, jurisdiction="110101")
        row = batch_ep.assess_table(table, ON).to_pylist()[0]
        assert row["problems"] == [f"ep_supporters[0].{path}"]
