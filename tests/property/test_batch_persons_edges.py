"""Parity of the person-level columnar rules at the edges the other parity tests draw less.

Both columnar forms (:mod:`civaffairs.batch.disability_subsidies`,
:mod:`civaffairs.batch.children`) must decide every person as the scalar ``assess_person``
does — outcome, amount to the fen, reason codes, deciding jurisdiction — here on nastier
registries:

- people born on 29 February, and on, a day before and a day after the birthday that makes
  them 18 (《民法典》 第十七条: "十八周岁以上的自然人为成年人"), 16 or 60, with the as-of
  date itself on 28 or 29 February or 1 March (29 February counts from 28 February in common
  years, :func:`civaffairs.dates.full_years`);
- each member registered in a place of their own (Hubei, Wuhan, Xiantao, Chongqing,
  Yuzhong, Beijing), the household decided where its cell says, else where the call's
  ``jurisdiction`` default says (the scalar ``jurisdiction=``), else where each is
  registered — so several deciding places, some with parameters in force and some without;
- for the children's allowance, contact lost on the last days of a month (28th–31st) five,
  six and seven months before dates at month ends: 《民法典》 第二百零一条 "按照年、月、日
  计算期间的，开始的当日不计入，自下一日开始计算", 第二百零二条 "按照年、月计算期间的，
  到期月的对应日为期间的最后一日；没有对应日的，月末日为期间的最后一日", and 民发〔2019〕62号
  一 "失去联系且未履行监护抚养责任6个月以上".
"""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civaffairs.assistance import children, disability_subsidies
from civaffairs.assistance.children import ChildFacts, Parent, ParentSituation, Placement
from civaffairs.batch import children as batch_children
from civaffairs.batch import disability_subsidies as batch_ds
from civaffairs.batch.disability_subsidies import DisabilityInputs
from civaffairs.dates import add_months
from civaffairs.decisions import Decision
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
    SpecialStatus,
)
from civaffairs.errors import ParameterError
from civaffairs.money import yuan_to_fen
from civaffairs.parameters import ParameterBook, default_book

BOOK = default_book()
_LIVING = "assistance.disability_subsidies.living"
_CARE = "assistance.disability_subsidies.care"
# As in test_batch_disability_properties: extensions in force in one place and not another.
EXTENDED = (
    BOOK.override(f"{_LIVING}.extend_to_marginal", "420000", True, dt.date(2020, 1, 1))
    .override(f"{_LIVING}.amount_marginal", "420000", Decimal("30.5"), dt.date(2021, 1, 1))
    .override(f"{_CARE}.max_grade_intellectual_mental", "500000", 4, dt.date(2019, 1, 1))
    .override(f"{_CARE}.amount.grade_3", "500000", Decimal(80), dt.date(2019, 1, 1))
    .override(f"{_CARE}.max_grade", "420000", 3, dt.date(2022, 1, 1))
)
# Chongqing keeps paying full-time students past 18 from 2025 (a local switch).
STUDENTS = BOOK.override(
    "assistance.children.continue_for_full_time_students", "500000", True, dt.date(2025, 1, 1)
)
_THREE = st.none() | st.booleans()
_OTHER = st.none() | st.sampled_from(["0", "30.5", "49.99", "50", "50.01", "100", "100.01"]).map(
    Decimal
)
_RECEIVED = st.none() | st.sampled_from(
    ["0", "500", "1650.99", "1651", "1651.01", "1850.99", "1851", "2000"]
).map(Decimal)


@st.composite
def _inputs(draw: st.DrawFn) -> DisabilityInputs:
    kind = draw(st.none() | st.sampled_from(ChildAllowance))
    placed = (
        draw(st.none() | st.just(kind is not ChildAllowance.NONE))
        if kind is not None
        else draw(_THREE)
    )
    facts = disability_subsidies.DisabilitySubsidyFacts(
        needs_long_term_care=draw(_THREE),
        work_injury_care_allowance=draw(st.none() | st.just(False) | st.booleans()),
        child_allowance=placed,
        child_allowance_kind=kind,
        other_living_allowance=draw(_OTHER),
        other_care_allowance=draw(_OTHER),
    )
    return DisabilityInputs(
        facts, draw(st.none() | st.sampled_from(AssistanceLayer)), draw(st.none() | st.booleans())
    )


_PLACES = ["420000", "420102", "429004", "500000", "500103", "110101"]
_DECIDING = [None, None, "420000", "421303", "500000", "500103", "110000"]
_DISABILITIES = st.none() | st.builds(
    Disability, st.sampled_from(DisabilityCategory), st.integers(1, 4)
)
_SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _dates() -> st.SearchStrategy[dt.date]:
    edges = [
        dt.date(y, m, d)
        for y in (2016, 2020, 2021, 2024, 2025)
        for m, d in ((2, 28), (3, 1), (1, 1), (8, 31), (9, 30), (12, 31))
    ] + [dt.date(2016, 2, 29), dt.date(2020, 2, 29), dt.date(2024, 2, 29)]
    return st.sampled_from(edges) | st.dates(dt.date(2015, 12, 1), dt.date(2029, 12, 31))


@st.composite
def _births(draw: st.DrawFn, on: dt.date) -> dt.date:
    """A birth date making the person 0, 16, 18 or 60 around ``on``, or on 29 February."""
    age = draw(st.sampled_from([0, 5, 15, 16, 17, 18, 19, 59, 60, 61]))
    year = on.year - age
    if draw(st.integers(0, 3)) == 0:
        while not calendar.isleap(year) or dt.date(year, 2, 29) > on:
            year -= 1
        return dt.date(year, 2, 29)
    birthday = on.replace(year=year) if (on.month, on.day) != (2, 29) else dt.date(year, 2, 28)
    return min(on, birthday + dt.timedelta(days=draw(st.sampled_from([-1, 0, 1]))))


@st.composite
def _people(draw: st.DrawFn, on: dt.date, relationship: Relationship, index: int) -> Member:
    statuses = {SpecialStatus.FULL_TIME_STUDENT} if draw(st.booleans()) else set()
    person = Person(
        f"m{index}",
        draw(_births(on)),
        draw(st.sampled_from(Sex)),
        Registration(draw(st.sampled_from(_PLACES)), draw(st.sampled_from(RegistrationKind))),
        disability=draw(_DISABILITIES),
        statuses=frozenset(statuses),
    )
    return Member(person, relationship, True)


@st.composite
def _households(draw: st.DrawFn, on: dt.date) -> list[Household]:
    found = []
    for index in range(draw(st.integers(1, 3))):
        members = [
            draw(
                _people(
                    on,
                    Relationship.APPLICANT
                    if position == 0
                    else draw(st.sampled_from([Relationship.CHILD, Relationship.GRANDCHILD])),
                    position,
                )
            )
            for position in range(draw(st.integers(1, 3)))
        ]
        found.append(Household(f"H{index}", members))
    return found


def _month_end_sinces(on: dt.date) -> list[dt.date]:
    """Days around the six months before ``on``: the month's last days, its first, ±1 day."""
    found = []
    for months in (5, 6, 7):
        base = add_months(on, -months)
        last = calendar.monthrange(base.year, base.month)[1]
        found += [base, base - dt.timedelta(days=1), base + dt.timedelta(days=1)]
        found += [base.replace(day=d) for d in (1, 28, 29, 30, 31) if d <= last]
    return found


@st.composite
def _parents(draw: st.DrawFn, on: dt.date) -> Parent | None:
    if draw(st.integers(0, 9)) == 0:
        return None
    return Parent(
        draw(st.sampled_from(ParentSituation)),
        disability=draw(_DISABILITIES),
        term_months=draw(st.none() | st.sampled_from([0, 5, 6, 7])),
        since=draw(st.none() | st.sampled_from(_month_end_sinces(on))),
    )


def _one_by_one(  # noqa: PLR0917 - the scalar call's own arguments
    household: Household,
    pid: str,
    on: dt.date,
    found: DisabilityInputs,
    where: str | None,
    book: ParameterBook,
) -> tuple[Decision | None, Decision | None]:
    """Each subsidy on its own (``None``: its own parameter not in force).

    By its application face where there is a layer (an application always has one);
    without one, by the rule's own two steps (``_case_of``, then ``_living`` and
    ``_care``), since one subsidy's parameter not in force says nothing of the other —
    a person in 特困 support is paid neither subsidy whatever their parameters (the rule's
    ``assistance.disability_subsidies.extreme_poverty_excludes``, citing 国发〔2015〕52号
    二(四) 政策衔接, section number recalled), while the care subsidy's own look-ups may fail
    first in the scalar rule.
    """
    if found.layer is None:
        case = disability_subsidies._case_of(
            household,
            pid,
            on,
            layer=None,
            in_extreme_poverty=found.in_extreme_poverty,
            facts=found.facts,
            jurisdiction=where,
            book=book,
            extreme_poverty_decision=None,
        )
        alone: list[Decision | None] = []
        for rule in (disability_subsidies._living, disability_subsidies._care):
            try:
                alone.append(rule(case))
            except ParameterError:
                alone.append(None)
        return alone[0], alone[1]
    application = disability_subsidies.DisabilitySubsidyApplication(
        household, pid, found.layer, found.in_extreme_poverty, found.facts
    )
    pair: list[Decision | None] = []
    for face in (
        disability_subsidies.assess_living_application,
        disability_subsidies.assess_care_application,
    ):
        try:
            pair.append(face(application, on, jurisdiction=where, book=book))
        except ParameterError:
            pair.append(None)
    return pair[0], pair[1]


def _yuan(decision: Decision) -> int:
    return 0 if decision.amount is None else yuan_to_fen(decision.amount.total)


@pytest.mark.parametrize("book", [BOOK, EXTENDED], ids=["shipped", "extended"])
@_SETTINGS
@given(data=st.data())
def test_disability_subsidies_at_the_edges(book: ParameterBook, data: st.DataObject) -> None:
    on = data.draw(_dates())
    households = data.draw(_households(on))
    inputs: dict[str, dict[str, DisabilityInputs]] = {
        h.id: {m.person.id: data.draw(_inputs()) for m in h.members} for h in households
    }
    wheres = [data.draw(st.sampled_from(_DECIDING)) for _ in households]
    default = data.draw(st.sampled_from([None, "420000", "500103", "110000"]))
    table = pa.concat_tables(
        [
            batch_ds.to_table([h], inputs, jurisdiction=w)
            for h, w in zip(households, wheres, strict=True)
        ]
    )
    rows = batch_ds.assess_table(table, on, book=book, jurisdiction=default).to_pylist()
    at = 0
    for household, where in zip(households, wheres, strict=True):
        for member in household.members:
            found = inputs[household.id][member.person.id]
            pair, at = rows[at : at + 2], at + 2
            decisions: tuple[Decision | None, Decision | None]
            try:
                decisions = disability_subsidies.assess_person(
                    household,
                    member.person.id,
                    on,
                    layer=found.layer,
                    in_extreme_poverty=found.in_extreme_poverty,
                    facts=found.facts,
                    jurisdiction=where or default,
                    book=book,
                )
            except ParameterError:
                assert any(r["reasons"] == ["batch.parameter_unavailable"] for r in pair), pair
                decisions = _one_by_one(
                    household, member.person.id, on, found, where or default, book
                )
            for row, decision in zip(pair, decisions, strict=True):
                if decision is None:  # that subsidy's own parameter is not in force
                    # Never decided either way.  The scalar face looks its parameters up
                    # before it finds a missing fact; the columns look a value up only where
                    # the decision needs it (as the 低保 engine does), so a person whose
                    # layer is not established may be "cannot decide" naming the fact instead.
                    assert row["outcome"] == "cannot_decide", row
                    assert row["amount_fen"] == 0, row
                    if row["reasons"] != ["batch.parameter_unavailable"]:
                        assert row["problems"], row
                    continue
                context = (member, found, where, default, on, row, decision.codes)
                assert row["outcome"] == decision.outcome.value, context
                assert row["amount_fen"] == _yuan(decision), context
                codes = sorted(set(decision.codes), key=batch_ds.REASON_CATALOGUE.index)
                assert row["reasons"] == codes, context
                assert row["jurisdiction"] == decision.jurisdiction, context
    assert at == len(rows)


@pytest.mark.parametrize("book", [BOOK, STUDENTS], ids=["shipped", "students"])
@_SETTINGS
@given(data=st.data())
def test_childrens_allowances_at_the_edges(book: ParameterBook, data: st.DataObject) -> None:
    on = data.draw(_dates().filter(lambda d: d >= dt.date(2019, 1, 1)))
    households = data.draw(_households(on))
    facts = {
        h.id: {
            m.person.id: ChildFacts(
                father=data.draw(_parents(on)),
                mother=data.draw(_parents(on)),
                placement=data.draw(st.none() | st.sampled_from(Placement)),
                assistance_received=data.draw(st.just(Decimal(0)) | _RECEIVED),
            )
            for m in h.members
        }
        for h in households
    }
    wheres = [data.draw(st.sampled_from(_DECIDING)) for _ in households]
    default = data.draw(st.sampled_from([None, "500000", "500103", "420000"]))
    table = pa.concat_tables(
        [
            batch_children.to_table([h], facts, jurisdiction=w)
            for h, w in zip(households, wheres, strict=True)
        ]
    )
    rows = batch_children.assess_table(table, on, book=book, jurisdiction=default).to_pylist()
    at = 0
    for household, where in zip(households, wheres, strict=True):
        for member in household.members:
            given_ = facts[household.id][member.person.id]
            row, at = rows[at], at + 1
            try:
                decision = children.assess_person(
                    household,
                    member.person.id,
                    on,
                    facts=given_,
                    jurisdiction=where or default,
                    book=book,
                )
            except ParameterError:
                assert row["reasons"] == ["batch.parameter_unavailable"], row
                continue
            context = (member, given_, where, default, on, row, decision.codes)
            assert row["outcome"] == decision.outcome.value, context
            assert row["amount_fen"] == _yuan(decision), context
            codes = sorted(set(decision.codes), key=batch_children.REASON_CATALOGUE.index)
            assert row["reasons"] == codes, context
            assert row["jurisdiction"] == decision.jurisdiction, context
    assert at == len(rows)
