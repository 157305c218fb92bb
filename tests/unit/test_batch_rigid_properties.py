"""The columnar 刚性支出困难家庭 decides exactly as the scalar rule: batch equals scalar.

《刚性支出困难家庭认定办法》 art. 4: "刚性支出困难家庭应当同时具备下列条件：（一）未纳入最低生活
保障、特困人员救助供养范围且未被认定为最低生活保障边缘家庭；（二）共同生活家庭成员人均收入低于上年度
当地居民人均可支配收入；（三）家庭财产状况符合当地相关规定；（四）提出申请前十二个月家庭刚性支出总额
占家庭总收入比例超出当地规定；" and art. 14 "本办法自2025年1月1日起施行。" — random
households (registered in Chongqing, incomes aimed at the 低保 threshold, severe conditions,
assets and expenditures included) on dates before and after the measures come into force
are converted with ``to_table`` and decided by
:func:`civaffairs.batch.rigid_expenditure.assess_table`; each household's outcome, layer,
counted members, reason codes and last day of validity must equal
:func:`civaffairs.assistance.rigid_expenditure.assess`'s, called alone (it decides 低保边缘,
and so 低保, first).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from unittest import mock

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("pyarrow")
pytest.importorskip("numpy")

import pyarrow as pa

from civaffairs.assistance import dibao, means, rigid_expenditure
from civaffairs.batch import marginal as batch_marginal
from civaffairs.batch import rigid_expenditure as batch_rigid
from civaffairs.batch import to_table
from civaffairs.batch.schema import from_table
from civaffairs.decisions import Decision, Outcome
from civaffairs.entities import (
    Expenditure,
    ExpenditureType,
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
from civaffairs.kernels import fraction
from civaffairs.money import fen_to_yuan, yuan_to_fen
from civaffairs.parameters import ParameterBook, default_book
from civaffairs.testing import strategies as cst

CHONGQING = "500000"
FIRST_DAY = dt.date(2024, 10, 1)  # before the measures are in force (2025-01-01) …
LAST_DAY = dt.date(2026, 2, 28)  # … to past the last disposable-income figure (2025-12-31)
BOOK = default_book()
IN_FORCE = dt.date(2025, 1, 1)
# Inclusive ratio, the second (medical and accident) test and an odd deduction rate.
LOCAL_BOOK = (
    BOOK.override(
        "assistance.dibao.income.employment_deduction_rate", CHONGQING, Decimal("0.15"), IN_FORCE
    )
    .override("assistance.rigid_expenditure.ratio_inclusive", CHONGQING, True, IN_FORCE)
    .override("assistance.rigid_expenditure.medical_accident_test", CHONGQING, True, IN_FORCE)
    .override(
        "assistance.rigid_expenditure.medical_accident_ratio", CHONGQING, Decimal("0.3"), IN_FORCE
    )
    .override("assistance.rigid_expenditure.counts.living", CHONGQING, False, IN_FORCE)
)
_SETTINGS = settings(
    deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


@st.composite
def populations(draw: st.DrawFn) -> tuple[dt.date, list[Household]]:
    on = draw(st.dates(FIRST_DAY, LAST_DAY))
    near = draw(st.sampled_from([True, None]))
    found = draw(
        st.lists(
            cst.households(on=on, jurisdiction=CHONGQING, near_standard=near, max_size=5),
            min_size=1,
            max_size=6,
        )
    )
    spending = draw(st.lists(_spending(), min_size=len(found), max_size=len(found)))
    edges = draw(
        st.lists(
            st.tuples(st.sampled_from([None, -1, 0, 1]), st.sampled_from([None, -1, 0, 1])),
            min_size=len(found),
            max_size=len(found),
        )
    )
    return on, [
        at_edges(_of_household(attrs.evolve(h, id=f"H{i}"), extra), on, *edge)
        for i, (h, extra, edge) in enumerate(zip(found, spending, edges, strict=True))
    ]


def at_edges(
    household: Household, on: dt.date, income_offset: int | None, spent_offset: int | None
) -> Household:
    """Move a household to the edges of art. 4 (二) and (四) under the default book.

    (二) "共同生活家庭成员人均收入低于上年度当地居民人均可支配收入": a household income of the
    smallest amount making 12 × monthly income reach the figure × members is added, plus
    ``income_offset`` fen.  (四) "提出申请前十二个月家庭刚性支出总额占家庭总收入比例超出当地
    规定": medical expenditure is then added so that the counted total is the smallest
    amount reaching the ratio of 12 × monthly income, plus ``spent_offset`` fen.  ``None``
    (or a household already past the edge) leaves that part as drawn.
    """
    counted, _, missing = dibao.counted_members(household, on)
    if missing or not counted:
        return household
    where = household.applicant.person.registration.jurisdiction
    kind = household.applicant.person.registration.kind.value
    ids = {m.person.id for _, m in counted}
    try:
        disposable = yuan_to_fen(
            BOOK.money(f"assistance.means.disposable_income.{kind}", where, on)[0]
        )
        numerator, denominator = fraction(
            BOOK.rate("assistance.rigid_expenditure.ratio", where, on)[0]
        )
        counts = {
            t
            for t in ExpenditureType
            if BOOK.flag(f"assistance.rigid_expenditure.counts.{t.value}", where, on)[0]
        }
        flows = means.counted_income(household, ids, BOOK, where, on)
    except ParameterError:
        return household
    scale, net = flows.scale, flows.net_scaled
    if income_offset is not None:
        # Reaching: 12 × (net + delta × scale) >= disposable × count × scale.
        limit = disposable * len(counted) * scale
        delta = -((12 * net - limit) // (12 * scale)) + income_offset
        if delta >= 0:
            net += delta * scale
            extra = Income(IncomeType.BUSINESS, fen_to_yuan(delta))
            household = attrs.evolve(household, incomes=(*household.incomes, extra))
    if spent_offset is not None and ExpenditureType.MEDICAL in counts:
        spent = sum(yuan_to_fen(e.annual) for e in household.expenditures if e.type in counts)
        # Reaching: spent × d × scale >= n × 12 × net.
        reach = -((-numerator * 12 * net) // (denominator * scale)) + spent_offset
        if reach - spent >= 0:
            extra_spent = Expenditure(ExpenditureType.MEDICAL, fen_to_yuan(reach - spent))
            household = attrs.evolve(household, expenditures=(*household.expenditures, extra_spent))
    return household


def _spending() -> st.SearchStrategy[tuple[Expenditure, ...]]:
    """Expenditures big enough to matter against a low income, edge values included."""
    amounts = st.one_of(
        st.just(Decimal(0)),
        st.integers(1, 6_000_000).map(lambda fen: Decimal(fen) / 100),
    )
    return st.lists(
        st.builds(Expenditure, st.sampled_from(ExpenditureType), amounts), max_size=3
    ).map(tuple)


def _of_household(household: Household, extra: tuple[Expenditure, ...]) -> Household:
    """Assets and expenditures the household's (the table has no owner column), plus ``extra``.

    The scalar rule leaves out what members who are not counted own or spend (民发〔2021〕57号
    art. 14; the 办法 counts the family's expenditure): see tests/unit/test_rigid_expenditure.py.
    """
    return attrs.evolve(
        household,
        assets=tuple(attrs.evolve(a, owner=None) for a in household.assets),
        expenditures=tuple(attrs.evolve(e, member=None) for e in (*household.expenditures, *extra)),
    )


def _scalar(household: Household, on: dt.date, book: object) -> Decision | ParameterError:
    try:
        return rigid_expenditure.assess(household, on, book=book)  # type: ignore[arg-type]
    except ParameterError as exc:
        return exc


def _layer(decision: Decision) -> str | None:
    if decision.outcome is Outcome.CANNOT_DECIDE:
        return None
    if rigid_expenditure.R_NOT_IN_FORCE.code in decision.codes:
        return None
    if decision.eligible:
        return "rigid_expenditure"
    for reason in decision.reasons:
        if reason.code == rigid_expenditure.R_HIGHER_LAYER.code:
            return "marginal" if dict(reason.facts)["layer"] == "低保边缘家庭" else "dibao"
    return "none"


def _check(on: dt.date, households: list[Household], book: object) -> None:
    result = batch_rigid.assess_table(to_table(households), on, book=book).to_pylist()  # type: ignore[arg-type]
    assert [r["household_id"] for r in result] == [h.id for h in households]
    for household, row in zip(households, result, strict=True):
        decision = _scalar(household, on, book)
        if isinstance(decision, ParameterError):
            # The scalar path stops at the first parameter it cannot find; the engine marks
            # the household (or, when the parameter turned out not to be needed, decides it).
            if row["outcome"] == "cannot_decide":
                assert row["reasons"] == ["batch.parameter_unavailable"]
                assert row["problems"]
            continue
        context = f"{household!r}\n{row}\n{decision.codes}"
        assert decision.amount is None
        assert row["amount_fen"] == 0
        assert row["outcome"] == decision.outcome.value, context
        assert row["layer"] == _layer(decision), context
        expected = sorted(set(decision.codes), key=batch_rigid.REASON_CATALOGUE.index)
        assert row["reasons"] == expected, context
        assert row["valid_until"] == rigid_expenditure.validity_end(decision), context
        if decision.outcome is not Outcome.CANNOT_DECIDE:
            counted, _, _ = dibao.counted_members(household, on)
            assert row["members_counted"] == len(counted), context
        assert (row["problems"] is None) == (decision.outcome is not Outcome.CANNOT_DECIDE)


@_SETTINGS
@given(populations())
def test_batch_equals_scalar(case: tuple[dt.date, list[Household]]) -> None:
    on, households = case
    _check(on, households, BOOK)


@_SETTINGS
@given(populations())
def test_batch_equals_scalar_with_local_ratio_rules(
    case: tuple[dt.date, list[Household]],
) -> None:
    on, households = case
    _check(on, households, LOCAL_BOOK)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(populations(), st.integers(1, 12), st.sampled_from([1, 2]))
def test_slices_and_threads_never_change_the_result(
    case: tuple[dt.date, list[Household]], slice_rows: int, workers: int
) -> None:
    on, households = case
    table = to_table(households)
    whole = batch_rigid.assess_table(table, on, book=BOOK, workers=1)
    with mock.patch.object(batch_rigid, "SLICE_ROWS", slice_rows):
        sliced = batch_rigid.assess_table(table, on, book=BOOK, workers=workers)
    assert sliced.to_pylist() == whole.to_pylist()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(populations())
def test_from_table_inverts_to_table_with_expenditures(
    case: tuple[dt.date, list[Household]],
) -> None:
    on, households = case
    table = to_table(households)
    rebuilt = [h for h, _ in from_table(table)]
    assert to_table(rebuilt).drop_columns(["person_id"]).equals(table.drop_columns(["person_id"]))
    for original, again in zip(households, rebuilt, strict=True):
        first, second = _scalar(original, on, BOOK), _scalar(again, on, BOOK)
        if isinstance(first, Decision) and isinstance(second, Decision):
            assert first.codes == second.codes


# -- bad cells, missing facts, parameters not in force -----------------------------------------

ON = dt.date(2025, 6, 1)


def _one(spent: str = "20000") -> Household:
    """One person in 渝中区, 2 000 yuan a month, ``spent`` yuan of medical expenditure."""
    person = Person(
        id="a",
        birth_date=dt.date(1970, 1, 1),
        sex=Sex.FEMALE,
        registration=Registration("500103", RegistrationKind.URBAN),
        serious_illness=False,
    )
    return Household(
        "H1",
        [Member(person, Relationship.APPLICANT, True)],
        [Income(IncomeType.BUSINESS, Decimal(2000), member="a")],
        (),
        [Expenditure(ExpenditureType.MEDICAL, Decimal(spent))],
    )


def _set(table: pa.Table, column: str, values: list[object]) -> pa.Table:
    index = table.schema.get_field_index(column)
    return table.set_column(index, column, pa.array(values, type=table.schema.field(column).type))


def test_the_example_household_is_recognised_with_its_validity() -> None:
    """Art. 10: "经审核认定为刚性支出困难家庭的，有效期一般不超过十二个月。".

    Counted by 民法典 arts. 201–202: valid until the corresponding day twelve months on.
    """
    row = batch_rigid.assess_table(to_table([_one()]), ON).to_pylist()[0]
    decision = rigid_expenditure.assess(_one(), ON)
    assert row["outcome"] == decision.outcome.value == "eligible"
    assert row["valid_until"] == rigid_expenditure.validity_end(decision) == dt.date(2026, 6, 1)
    assert row["layer"] == "rigid_expenditure"


def test_a_negative_expenditure_is_marked_and_named() -> None:
    table = _set(to_table([_one()]), "expenditure_medical", [-1])
    row = batch_rigid.assess_table(table, ON).to_pylist()[0]
    assert row["outcome"] == "cannot_decide"
    assert row["reasons"] == ["batch.invalid_value"]
    assert row["problems"] == ["expenditure_medical"]
    assert row["valid_until"] is None


def test_a_missing_expenditure_never_becomes_zero() -> None:
    table = _set(to_table([_one()]), "expenditure_living", [None])
    row = batch_rigid.assess_table(table, ON).to_pylist()[0]
    assert row["outcome"] == "cannot_decide"
    assert row["problems"] == ["expenditure_living"]


def test_errors_raise_lists_the_bad_expenditure_cell() -> None:
    table = _set(to_table([_one()]), "expenditure_medical", [None])
    with pytest.raises(InvalidDocumentError) as caught:
        batch_rigid.assess_table(table, ON, errors="raise")
    assert "$[0].expenditure_medical" in str(caught.value)


def test_absent_expenditure_columns_mean_none() -> None:
    """Art. 4 (四) "提出申请前十二个月家庭刚性支出总额占家庭总收入比例超出当地规定": none spent."""
    table = to_table([_one()]).drop_columns(list(batch_rigid.COLUMNS))
    row = batch_rigid.assess_table(table, ON).to_pylist()[0]
    decision = rigid_expenditure.assess(attrs.evolve(_one(), expenditures=()), ON)
    assert row["outcome"] == decision.outcome.value == "not_eligible"
    assert row["reasons"] == sorted(decision.codes, key=batch_rigid.REASON_CATALOGUE.index)


def test_before_the_measures_nothing_is_recognised() -> None:
    """Art. 14: "本办法自2025年1月1日起施行。"."""
    row = batch_rigid.assess_table(to_table([_one()]), dt.date(2024, 12, 31)).to_pylist()[0]
    assert row["outcome"] == "not_eligible"
    assert row["reasons"] == [rigid_expenditure.R_NOT_IN_FORCE.code]
    assert row["layer"] is None


def test_a_parameter_not_in_force_is_marked_or_raised() -> None:
    """Before 2014-05-01 (社会救助暂行办法) the in-force flag itself has no value."""
    early = dt.date(2010, 1, 1)
    with pytest.raises(ParameterError):
        rigid_expenditure.assess(_one(), early)
    row = batch_rigid.assess_table(to_table([_one()]), early).to_pylist()[0]
    assert row["outcome"] == "cannot_decide"
    assert row["reasons"] == ["batch.parameter_unavailable"]
    assert row["problems"] == ["assistance.rigid_expenditure.in_force"]
    with pytest.raises(ParameterError):
        batch_rigid.assess_table(to_table([_one()]), early, errors="raise")


def test_summary_counts_households_per_layer() -> None:
    result = batch_rigid.assess_table(to_table([_one()]), ON)
    summary = batch_rigid.summarise(result)
    assert summary.to_pylist()[0]["layer"] == "rigid_expenditure"
    assert "assistance.rigid_expenditure" in batch_rigid.render_summary(summary)


# -- parameters not in force ------------------------------------------------------------------


def without(book: ParameterBook, names: frozenset[str]) -> ParameterBook:
    """``book`` with no value at all for ``names``, so every look-up of them fails.

    No public call removes a parameter's values (a book only gains them): built from the
    book's own specs and series, leaving those out.
    """
    series = {key: values for key, values in book._series.items() if key[0] not in names}
    return ParameterBook(book.specs, series, book._rows)


def check_unavailable(row: dict[str, Any], error: ParameterError) -> None:
    """The engine marks a household the scalar rule cannot decide for want of a parameter."""
    assert row["outcome"] == "cannot_decide", (row, error)
    assert row["reasons"] == ["batch.parameter_unavailable"]
    assert getattr(error, "name", None) in row["problems"], (row, error)


def _no_item_of_zero(household: Household) -> Household:
    """The household without expenditure items of 0 yuan (the same facts: nothing spent).

    The scalar rule reads a type's counting flag (``assistance.rigid_expenditure.counts.*``)
    whenever an item of that type is present, even of zero, and lists it in its explanation;
    the table holds one total per type and cannot carry "an item of zero", so the engine reads
    the flag only for a total above zero.  The decisions are the same (the tests above keep
    such items); only where that flag is missing from the book would the scalar rule stop.
    """
    return attrs.evolve(
        household, expenditures=tuple(e for e in household.expenditures if e.annual)
    )


_DROPPABLE = (
    "assistance.rigid_expenditure.in_force",
    "assistance.means.disposable_income.urban",
    "assistance.means.disposable_income.rural",
    "assistance.rigid_expenditure.assets.financial_months_per_capita",
    "assistance.rigid_expenditure.assets.vehicle_disqualifies",
    "assistance.rigid_expenditure.assets.business_entity_value_limit",
    "assistance.rigid_expenditure.counts.medical",
    "assistance.rigid_expenditure.counts.living",
    "assistance.rigid_expenditure.ratio",
    "assistance.rigid_expenditure.medical_accident_test",
    "assistance.rigid_expenditure.validity_months",
    "assistance.marginal.income_multiple",
    "assistance.marginal.assets.financial_months_per_capita",
)


@_SETTINGS
@given(populations(), st.sets(st.sampled_from(_DROPPABLE), min_size=1, max_size=2))
def test_a_parameter_not_in_force_is_cannot_decide_exactly_where_the_scalar_rule_needs_it(
    case: tuple[dt.date, list[Household]], dropped: set[str]
) -> None:
    on, drawn = case
    households = [_no_item_of_zero(h) for h in drawn]
    book = without(BOOK, frozenset(dropped))
    result = batch_rigid.assess_table(to_table(households), on, book=book).to_pylist()
    for household, row in zip(households, result, strict=True):
        decision = _scalar(household, on, book)
        if isinstance(decision, ParameterError):
            check_unavailable(row, decision)
        else:
            assert row["outcome"] == decision.outcome.value, (row, decision.codes)
            expected = sorted(set(decision.codes), key=batch_rigid.REASON_CATALOGUE.index)
            assert row["reasons"] == expected


@pytest.mark.parametrize("errors", ["mark", "raise"])
def test_a_scattered_household_or_a_repeated_person_is_refused(errors: str) -> None:
    """One household is decided whole, one person counted once (batch._identity)."""
    other = attrs.evolve(_one(), id="H2")
    scattered = pa.concat_tables([to_table([_one()]), to_table([other]), to_table([_one()])])
    with pytest.raises(InvalidDocumentError):
        batch_rigid.assess_table(scattered, ON, errors=errors)  # type: ignore[arg-type]
    household = _one()
    spouse = attrs.evolve(household.members[0].person, id="b")
    pair = attrs.evolve(
        household, members=(*household.members, Member(spouse, Relationship.SPOUSE, True))
    )
    twice = _set(to_table([pair]), "person_id", ["a", "a"])
    with pytest.raises(InvalidDocumentError):
        batch_rigid.assess_table(twice, ON, errors=errors)  # type: ignore[arg-type]


_SPOILABLE = ("expenditure_medical", "expenditure_living", "income_business", "asset_deposits")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    populations(),
    st.data(),
    st.sampled_from(_SPOILABLE),
    st.sampled_from([None, -1, 10**11 + 1]),
)
def test_a_bad_cell_makes_only_its_household_cannot_decide_naming_the_column(
    case: tuple[dt.date, list[Household]], data: st.DataObject, column: str, bad: object
) -> None:
    """A bad cell never becomes zero: its household cannot be decided, the column named.

    Every other household is decided as before; with ``errors="raise"`` the call fails
    naming the cell as ``$[row].column``.
    """
    on, households = case
    table = to_table(households)
    applicants = [
        i for i, r in enumerate(table.column("relationship").to_pylist()) if r == "applicant"
    ]
    row = data.draw(st.sampled_from(applicants))
    values = table.column(column).to_pylist()
    values[row] = bad
    spoilt = _set(table, column, values)
    before = batch_rigid.assess_table(table, on).to_pylist()
    after = batch_rigid.assess_table(spoilt, on).to_pylist()
    hit = applicants.index(row)
    for index, (was, now) in enumerate(zip(before, after, strict=True)):
        if index == hit:
            assert now["outcome"] == "cannot_decide"
            assert now["reasons"] == ["batch.invalid_value"]
            assert now["problems"] == [column]
        else:
            assert now == was
    with pytest.raises(InvalidDocumentError) as caught:
        batch_rigid.assess_table(spoilt, on, errors="raise")
    assert f"$[{row}].{column}" in str(caught.value)


def test_read_facts_refuses_a_null_expenditure_on_the_applicants_row() -> None:
    """A missing expenditure never becomes zero, in from_table either."""
    rows = _set(to_table([_one()]), "expenditure_medical", [None]).to_pylist()
    with pytest.raises(InvalidInputError) as caught:
        batch_rigid.read_facts(rows)
    assert caught.value.path == "$[H1][0].expenditure_medical"
    assert batch_rigid.read_facts(to_table([_one()]).to_pylist()) == (
        Expenditure(ExpenditureType.MEDICAL, Decimal(20000)),
    )


_JUNK = st.one_of(
    st.none(),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=4),
    st.booleans(),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(populations(), st.data())
def test_fuzz_any_cells_give_a_result_or_a_documented_error(
    case: tuple[dt.date, list[Household]], data: st.DataObject
) -> None:
    """Junk in any column (nulls, huge or fractional numbers, text, a wrong type) never crashes.

    Both columnar forms return one row per household (the junk ids say which) or raise a
    CivaffairsError, nothing else.
    """
    on, households = case
    table = to_table(households)
    column = data.draw(st.sampled_from(table.column_names))
    values: list[Any] = data.draw(st.lists(_JUNK, min_size=table.num_rows, max_size=table.num_rows))
    junk: Any
    try:
        junk = pa.array(values, from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):
        junk = pa.array([None if v is None else str(v) for v in values], type=pa.string())
    spoilt = table.set_column(table.schema.get_field_index(column), column, junk)
    for assess in (batch_rigid.assess_table, batch_marginal.assess_table):
        for errors in ("mark", "raise"):
            try:
                result = assess(spoilt, on, errors=errors)
            except CivaffairsError:
                continue
            assert 0 < result.num_rows <= spoilt.num_rows  # one row per household
            assert set(result.column("outcome").to_pylist()) <= {
                "eligible",
                "not_eligible",
                "cannot_decide",
            }
