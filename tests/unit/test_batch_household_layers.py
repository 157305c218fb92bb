"""The household programmes of the layered picture in columns equal the scalar calls.

:func:`civaffairs.batch._household_layers.decide_households` decides 低保, 低保边缘 and
刚性支出困难 for a slice *given each member's 特困 status*, as
:func:`civaffairs.assistance.layers.assess_layers` calls them (its ``_household_programmes``)
and then reads them (its ``_place``).  No double coverage — 民发〔2021〕57号 art. 7 second
paragraph: "下列人员不计入共同生活的家庭成员：……（三）省级人民政府民政部门根据本条原则和有关程序
认定的其他人员" (``assistance.dibao.members.exclude_extreme_poverty``): a member who meets every
特困 condition is left out and the rest judged on its own; a member whose conditions are
undecided is decided every way.  Random households (registered in Chongqing, incomes aimed at
the 低保 threshold, severe conditions, assets and expenditures) with random 特困 statuses —
recognised, recognised with the amount undecided, not, undecided; several undecided, every
member recognised — are written with ``to_table`` and compared field by field with the scalar
calls given 特困 decisions of those statuses.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

import attrs
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("pyarrow")
pytest.importorskip("numpy")

# The rigid-expenditure parity test's edge mover and parameter remover (tests/unit is on the
# path: it is no package).
from test_batch_rigid_properties import at_edges, without

from civaffairs.assistance import dibao, extreme_poverty, layers, marginal, rigid_expenditure
from civaffairs.assistance.dibao import OUTCOME_CODES
from civaffairs.assistance.means import EXCLUDE_EXTREME_POVERTY
from civaffairs.batch import assess_table, to_table
from civaffairs.batch._household_layers import HouseholdDecisions, decide_table
from civaffairs.decisions import Decision, Outcome, Reason
from civaffairs.entities import (
    Asset,
    AssetType,
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
from civaffairs.errors import InvalidInputError, ParameterError
from civaffairs.money import yuan_to_fen
from civaffairs.parameters import ParameterBook, default_book
from civaffairs.testing import strategies as cst

CHONGQING = "500000"
FIRST_DAY = dt.date(2024, 10, 1)  # before the rigid-expenditure measures (2025-01-01) …
LAST_DAY = dt.date(2026, 2, 28)  # … to past the last disposable-income figure
BOOK = default_book()
#: The exclusion off: a province that counts 特困 members in the household.
COUNTING_BOOK = BOOK.override(EXCLUDE_EXTREME_POVERTY, CHONGQING, False, dt.date(2014, 5, 1))
_SETTINGS = settings(
    deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)

Status = Literal["yes", "amount", "no", "unknown"]
_MEETS = {"yes": True, "amount": True, "no": False, "unknown": None}


def extreme_decision(household: Household, pid: str, status: Status, on: dt.date) -> Decision:
    """A 特困 decision for member ``pid`` whose ``meets_conditions`` is as ``status`` says.

    ``"amount"``: every condition met, the amount undecided (特困 cannot decide only for the
    care tier or the arrangement); ``"unknown"``: a fact of the conditions is missing.
    """
    outcome = {
        "yes": Outcome.ELIGIBLE,
        "amount": Outcome.CANNOT_DECIDE,
        "no": Outcome.NOT_ELIGIBLE,
        "unknown": Outcome.CANNOT_DECIDE,
    }[status]
    reasons: tuple[Reason, ...] = ()
    missing: tuple[str, ...] = ()
    if status == "amount":
        missing = ("$.facts.arrangement",)
        reasons = (extreme_poverty.R_AMOUNT_FACTS_MISSING.reason(None, paths=missing[0]),)
    elif status == "unknown":
        missing = (f"$.facts.{pid}.lacks_labour_capacity",)
    decision = Decision(
        programme=extreme_poverty.PROGRAMME.code,
        subject=f"{household.id} ({household.member(pid).person.label})",
        as_of=on,
        jurisdiction=household.applicant.person.registration.jurisdiction,
        outcome=outcome,
        amount=None,
        reasons=reasons,
        missing=missing,
        person=pid,
    )
    assert extreme_poverty.meets_conditions(decision) is _MEETS[status]
    return decision


def _of_household(household: Household, extra: tuple[Expenditure, ...]) -> Household:
    """Assets and expenditures of the household (the table has no owner column), plus ``extra``.

    The scalar rules leave out what a member who is not counted owns or spends; the table
    holds household totals (as in tests/unit/test_batch_rigid_properties.py).
    """
    return attrs.evolve(
        household,
        assets=tuple(attrs.evolve(a, owner=None) for a in household.assets),
        expenditures=tuple(attrs.evolve(e, member=None) for e in (*household.expenditures, *extra)),
    )


def _spending() -> st.SearchStrategy[tuple[Expenditure, ...]]:
    amounts = st.one_of(
        st.just(Decimal(1)), st.integers(1, 6_000_000).map(lambda fen: Decimal(fen) / 100)
    )
    return st.lists(
        st.builds(Expenditure, st.sampled_from(ExpenditureType), amounts), max_size=3
    ).map(tuple)


def _statuses(size: int) -> st.SearchStrategy[list[Status]]:
    one: st.SearchStrategy[Status] = st.sampled_from(["yes", "amount", "no", "unknown"])
    return st.one_of(
        st.lists(one, min_size=size, max_size=size),
        st.just(["unknown"] * size),  # several undecided (more than four with five members)
        st.just(["yes"] * size),  # every member recognised
        st.lists(st.sampled_from(["no", "unknown"]), min_size=size, max_size=size),
    )


Case = tuple[dt.date, list[Household], list[list[Status]]]


@st.composite
def cases(draw: st.DrawFn, *, min_size: int = 1, max_size: int = 5) -> Case:
    on = draw(st.dates(FIRST_DAY, LAST_DAY))
    near = draw(st.sampled_from([True, None]))
    found = draw(
        st.lists(
            cst.households(
                on=on,
                jurisdiction=CHONGQING,
                near_standard=near,
                min_size=min_size,
                max_size=max_size,
            ),
            min_size=1,
            max_size=6,
        )
    )
    households = []
    for i, drawn in enumerate(found):
        household = _of_household(attrs.evolve(drawn, id=f"H{i}"), draw(_spending()))
        # Above the 低保 standard too: toward 低保边缘 (below 1.5 × the standard) and beyond.
        extra = draw(st.one_of(st.just(0), st.integers(0, 250_000 * len(household.members))))
        if extra:
            more = Income(IncomeType.BUSINESS, Decimal(extra) / 100)
            household = attrs.evolve(household, incomes=(*household.incomes, more))
        # At the edges of 刚性支出困难's art. 4 (二) and (四) (the rigid parity test's mover).
        edge = draw(st.sampled_from([None, -1, 0, 1]))
        household = at_edges(household, on, edge, draw(st.sampled_from([None, -1, 0, 1])))
        households.append(household)
    statuses = [draw(_statuses(len(h.members))) for h in households]
    return on, households, statuses


def _columns(households: list[Household], statuses: list[list[Status]]) -> tuple[list[bool], ...]:
    flat = [s for one in statuses for s in one]
    return [_MEETS[s] is True for s in flat], [_MEETS[s] is None for s in flat]


@attrs.frozen
class Scalar:
    """The scalar picture of one household: the three decisions and what _place reads."""

    whole: Decision
    edge: Decision
    rigid: Decision
    tentative: Decision | None


def scalar_picture(
    household: Household, statuses: list[Status], on: dt.date, book: ParameterBook
) -> Scalar | ParameterError:
    """Decide as ``layers._household_programmes`` and ``layers._place`` do."""
    extreme = tuple(
        extreme_decision(household, m.person.id, s, on)
        for m, s in zip(household.members, statuses, strict=True)
    )
    try:
        whole = dibao.assess(household, on, book=book, extreme_poverty=extreme)
        edge = marginal.assess(
            household, on, book=book, dibao_decision=whole, extreme_poverty=extreme
        )
        rigid = rigid_expenditure.assess(
            household,
            on,
            book=book,
            dibao_decision=whole,
            marginal_decision=edge,
            extreme_poverty=extreme,
        )
        tentative = None
        if dibao.R_EXTREME_POVERTY_UNKNOWN.code in whole.codes:
            known = tuple(d for d in extreme if extreme_poverty.meets_conditions(d))
            tentative = dibao.assess(household, on, book=book, extreme_poverty=known)
    except ParameterError as error:
        return error
    return Scalar(whole, edge, rigid, tentative)


def check(
    on: dt.date, households: list[Household], statuses: list[list[Status]], book: ParameterBook
) -> HouseholdDecisions:
    """Compare every field of :class:`HouseholdDecisions` with the scalar picture."""
    recognised, undecided = _columns(households, statuses)
    found = decide_table(to_table(households), on, book, recognised=recognised, undecided=undecided)
    assert not found.bad.any()
    assert not found.fallback.any()  # the table carries the business entities' value
    row = 0
    for i, (household, status) in enumerate(zip(households, statuses, strict=True)):
        ids = [m.person.id for m in household.members]
        people = range(row, row + len(ids))
        row += len(ids)
        flagged = [name for name, mask in found.unavailable.items() if mask[i]]
        picture = scalar_picture(household, status, on, book)
        context = f"{household!r}\n{status}\n{picture}\n{flagged}"
        if isinstance(picture, ParameterError):
            assert getattr(picture, "name", None) in flagged, context
            continue
        assert not flagged, context
        whole, edge, rigid = picture.whole, picture.edge, picture.rigid
        assert found.dibao[i] == OUTCOME_CODES[whole.outcome], context
        fen = yuan_to_fen(whole.amount.total) if whole.eligible and whole.amount else 0
        assert found.dibao_fen[i] == fen, context
        assert {ids[j - people[0]] for j in people if found.alone[j]} == layers._covered_alone(
            whole
        ), context
        pending = dibao.R_EXTREME_POVERTY_UNKNOWN.code in whole.codes
        assert bool(found.pending[i]) is pending, context
        tentative = picture.tentative
        expected_alone = layers._covered_alone(tentative) if tentative else set()
        assert {ids[j - people[0]] for j in people if found.tentative_alone[j]} == expected_alone
        expected_whole = (
            tentative is not None
            and tentative.eligible
            and dibao.R_SINGLE_PERSON.code not in tentative.codes
        )
        assert bool(found.tentative_whole[i]) is expected_whole, context
        counted, _, _ = dibao.counted_members(household, on)
        assert {ids[j - people[0]] for j in people if found.counted[j]} == {
            m.person.id for _, m in counted
        }
        assert found.marginal[i] == OUTCOME_CODES[edge.outcome], context
        assert found.rigid[i] == OUTCOME_CODES[rigid.outcome], context
    return found


@_SETTINGS
@given(cases())
def test_columns_equal_the_scalar_calls(case: Case) -> None:
    on, households, statuses = case
    check(on, households, statuses, BOOK)


@_SETTINGS
@given(cases())
def test_columns_equal_the_scalar_calls_with_the_exclusion_off(case: Case) -> None:
    """Where a province counts 特困 members (the flag off), the household is in the 特困 layer."""
    on, households, statuses = case
    check(on, households, statuses, COUNTING_BOOK)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases(min_size=5, max_size=6))
def test_columns_equal_the_scalar_calls_with_many_members(case: Case) -> None:
    """More than :data:`~civaffairs.assistance.means.MAX_UNDECIDED` undecided members."""
    on, households, statuses = case
    check(on, households, statuses, BOOK)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cases(),
    st.sampled_from(
        [
            "assistance.dibao.standard.urban",
            "assistance.dibao.standard.rural",
            EXCLUDE_EXTREME_POVERTY,
            "assistance.marginal.income_multiple",
            "assistance.rigid_expenditure.ratio",
            "assistance.dibao.single_person.allowed",
        ]
    ),
)
def test_a_parameter_not_in_force_is_named_where_the_scalar_calls_raise(
    case: Case, name: str
) -> None:
    on, households, statuses = case
    check(on, households, statuses, without(BOOK, frozenset({name})))


# -- hand-built cases -------------------------------------------------------------------------

ON = dt.date(2025, 6, 30)
WHERE = "500103"  # 渝中区


def _family(wages: str, *, spouse_income: str = "100") -> Household:
    """A couple in 渝中区: the applicant earns ``wages``, the spouse has ``spouse_income``."""

    def person(pid: str, born: dt.date, sex: Sex) -> Person:
        return Person(
            id=pid,
            birth_date=born,
            sex=sex,
            registration=Registration(WHERE, RegistrationKind.URBAN),
            serious_illness=False,
        )

    return Household(
        "H1",
        [
            Member(person("a", dt.date(1970, 1, 1), Sex.FEMALE), Relationship.APPLICANT, True),
            Member(person("s", dt.date(1940, 1, 1), Sex.MALE), Relationship.SPOUSE, True),
        ],
        [
            Income(IncomeType.WAGES, Decimal(wages), member="a"),
            Income(IncomeType.TRANSFER, Decimal(spouse_income), member="s"),
        ],
        (),
    )


def _standard() -> int:
    return yuan_to_fen(BOOK.money("assistance.dibao.standard.urban", WHERE, ON)[0])


def test_a_recognised_member_is_left_out_of_the_household() -> None:
    """57号 art. 7 second paragraph: "下列人员不计入共同生活的家庭成员：……（三）省级人民政府民政
    部门根据本条原则和有关程序认定的其他人员" — the spouse supported as 特困 is not counted: the
    applicant alone, earning just below the standard, receives the difference."""
    standard = _standard()
    household = _family(str(Decimal(standard - 100) / 100), spouse_income="300")
    statuses: list[Status] = ["no", "yes"]
    found = check(ON, [household], [statuses], BOOK)
    assert found.dibao[0] == OUTCOME_CODES[Outcome.ELIGIBLE]
    assert found.counted.tolist() == [True, True]  # _place counts with nobody left out
    # Counted together, the couple's income is below twice the standard: also eligible, more.
    together = check(ON, [household], [["no", "no"]], BOOK)
    assert together.dibao_fen[0] != found.dibao_fen[0]


def test_the_exclusion_off_counts_the_member_and_places_the_household_higher() -> None:
    """57号 art. 7 (三) leaves the choice to provinces: where ``exclude_extreme_poverty`` is off,
    the 特困 member is counted, and 低保边缘 says the household is in the 特困 layer."""
    household = _family(str(Decimal(_standard()) * 2 / 100))
    found = check(ON, [household], [["no", "yes"]], COUNTING_BOOK)
    assert found.marginal[0] == OUTCOME_CODES[Outcome.NOT_ELIGIBLE]
    assert found.rigid[0] == OUTCOME_CODES[Outcome.NOT_ELIGIBLE]


def test_an_undecided_member_who_changes_dibao_leaves_it_pending() -> None:
    """An undecided spouse: counted, the couple is eligible; left out, the applicant earning
    above the standard alone is not — "cannot decide", and _place's tentative decision (the
    spouse counted) grants the household as a whole."""
    standard = _standard()
    household = _family(str(Decimal(standard + 100) / 100), spouse_income="0")
    found = check(ON, [household], [["no", "unknown"]], BOOK)
    assert found.dibao[0] == OUTCOME_CODES[Outcome.CANNOT_DECIDE]
    assert found.pending[0]
    assert found.tentative_whole[0]
    assert found.marginal[0] == OUTCOME_CODES[Outcome.CANNOT_DECIDE]


def test_an_undecided_member_who_changes_nothing_leaves_dibao_decided() -> None:
    """An undecided spouse in a household far above the standard either way: not eligible."""
    household = _family("100000")
    found = check(ON, [household], [["no", "unknown"]], BOOK)
    assert found.dibao[0] == OUTCOME_CODES[Outcome.NOT_ELIGIBLE]
    assert not found.pending[0]


def test_every_member_recognised_leaves_nobody_counted() -> None:
    """Every member supported as 特困: nobody is left to count (57号 art. 7), not eligible."""
    household = _family("0")
    found = check(ON, [household], [["yes", "amount"]], BOOK)
    assert found.dibao[0] == OUTCOME_CODES[Outcome.NOT_ELIGIBLE]
    assert found.marginal[0] == OUTCOME_CODES[Outcome.NOT_ELIGIBLE]


def test_rigid_expenditure_is_not_recognised_before_its_measures() -> None:
    """《刚性支出困难家庭认定办法》 art. 14: "本办法自2025年1月1日起施行。"."""
    household = attrs.evolve(
        _family("3000"), expenditures=(Expenditure(ExpenditureType.MEDICAL, Decimal(50000)),)
    )
    found = check(dt.date(2024, 12, 31), [household], [["no", "unknown"]], BOOK)
    assert found.rigid[0] == OUTCOME_CODES[Outcome.NOT_ELIGIBLE]


def test_a_member_both_recognised_and_undecided_is_refused() -> None:
    household = _family("0")
    with pytest.raises(InvalidInputError, match="recognised"):
        decide_table(
            to_table([household]), ON, BOOK, recognised=[True, False], undecided=[True, False]
        )


def test_statuses_of_another_length_are_refused() -> None:
    with pytest.raises(InvalidInputError, match="undecided"):
        decide_table(
            to_table([_family("0")]), ON, BOOK, recognised=[True, False], undecided=[False]
        )


def test_no_status_given_is_the_standalone_engine() -> None:
    """Nobody recognised or undecided: the columns of the 低保 engine alone."""
    household = _family("1000")
    found = check(ON, [household], [["no", "no"]], BOOK)
    row = assess_table(to_table([household]), ON).to_pylist()[0]
    assert row["amount_fen"] == int(found.dibao_fen[0])
    assert np.asarray(found.alone).sum() == row["members_alone"]


def _children(count: int) -> Household:
    """The couple with ``count`` minor children, nobody earning: a family of ``count + 2``."""
    household = _family("0", spouse_income="0")
    kids = [
        Member(
            Person(
                id=f"c{i}",
                birth_date=dt.date(2015, 1, 1 + i),
                sex=Sex.FEMALE,
                registration=Registration(WHERE, RegistrationKind.URBAN),
                serious_illness=False,
            ),
            Relationship.CHILD,
            True,
        )
        for i in range(count)
    ]
    return attrs.evolve(household, members=(*household.members, *kids))


def test_more_than_four_undecided_members_wait_for_the_facts() -> None:
    """``means.MAX_UNDECIDED``: with five members whose 特困 conditions are undecided, 低保 is
    not decided every way (2⁵ ways) but waits for the facts: "cannot decide", pending."""
    household = _children(3)
    found = check(ON, [household], [["unknown"] * 5], BOOK)
    assert found.dibao[0] == OUTCOME_CODES[Outcome.CANNOT_DECIDE]
    assert found.pending[0]
    assert found.tentative_whole[0]  # nobody left out, the family without income is eligible


def test_an_undecided_member_with_a_business_of_unknown_value_falls_back() -> None:
    """A business entity whose value the table lacks, and an undecided member: not decided in
    columns (``fallback``); the same household with every status decided is."""
    household = attrs.evolve(
        _family("3000"), assets=(Asset(AssetType.BUSINESS_ENTITY, Decimal(10000)),)
    )
    table = to_table([household]).drop_columns(["asset_business_entity"])
    waiting = decide_table(table, ON, BOOK, recognised=[False, False], undecided=[False, True])
    assert waiting.fallback.tolist() == [True]
    decided = decide_table(table, ON, BOOK, recognised=[False, True], undecided=[False, False])
    assert decided.fallback.tolist() == [False]
