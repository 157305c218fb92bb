"""特困 in columns decides every person exactly as the scalar rule: batch equals scalar.

Households drawn by the test kit (registered in Chongqing; minors, elders and ages
at 16, 18, 60 and 70 on the day; incomes and assets of members and of the household)
and random :class:`ExtremePovertyFacts` for each member — supporters who are members
or not, every fact sometimes missing — are converted with
:func:`civaffairs.batch.extreme_poverty.to_table` and decided by ``assess_table``.
Every person's outcome, amount in fen, ``meets_conditions`` and reason codes must
equal :func:`civaffairs.assistance.extreme_poverty.assess_person`'s, on dates from
2021 to 2026, so that parameters out of force (the Chongqing standards before
2023-08-22, the care-tier mapping before 2022-12-30, last year's disposable income in
2026) are reached; a scalar :class:`~civaffairs.errors.ParameterError` must be a
``batch.parameter_unavailable`` row and nothing else.

The rules compared: 社会救助暂行办法 art. 14 "国家对无劳动能力、无生活来源且无法定赡养、抚养、
扶养义务人，或者其法定赡养、抚养、扶养义务人无赡养、抚养、扶养能力的老年人、残疾人以及未满16周岁的
未成年人，给予特困人员供养" and art. 15 "（二）对生活不能自理的给予照料 …… 特困人员供养标准，由省、
自治区、直辖市或者设区的市级人民政府确定、公布"; and, as the scalar rule cites them
(特困人员认定办法):
art. 5 "符合下列情形之一的，应当认定为本办法所称的无劳动能力：（一）60周岁以上的老年人；
（二）未满16周岁的未成年人；（三）残疾等级为一、二、三级的智力、精神残疾人，残疾等级为一、
二级的肢体残疾人，残疾等级为一级的视力残疾人"; art. 6 "收入低于当地最低生活保障标准，且
财产符合当地特困人员财产状况规定的，应当认定为本办法所称的无生活来源"; art. 4 (三)
"无法定赡养、抚养、扶养义务人或者其法定义务人无履行义务能力"; art. 8 "（三）70周岁以上的
老年人，本人收入低于当地上年人均可支配收入，且其财产符合当地低收入家庭财产状况规定的"; art. 24
"特困人员中的未成年人，可继续享有救助供养待遇至18周岁"; art. 22 "有4项以上（含4项）指标不能
达到的，可以视为完全丧失生活自理能力".
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any
from unittest import mock

import attrs
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("pyarrow")
pytest.importorskip("numpy")

from civaffairs.assistance import extreme_poverty as ep
from civaffairs.assistance.extreme_poverty import (
    DailyActivity,
    ExtremePovertyFacts,
    SupportArrangement,
    Supporter,
    SupporterSituation,
)
from civaffairs.batch import extreme_poverty as batch_ep
from civaffairs.batch.extreme_poverty import REASON_CATALOGUE, assess_table, read_facts, to_table
from civaffairs.batch.schema import ASSET_COLUMNS, HOUSEHOLD_INCOME_COLUMNS, OWNS_COLUMNS
from civaffairs.dates import anniversary
from civaffairs.decisions import Decision, Outcome
from civaffairs.entities import (
    AbilityGrade,
    Asset,
    AssetType,
    Disability,
    DisabilityCategory,
    Household,
    Income,
    IncomeType,
    Member,
    Registration,
    RegistrationKind,
    Relationship,
    SpecialStatus,
)
from civaffairs.errors import CivaffairsError, InvalidInputError, ParameterError
from civaffairs.money import fen_to_yuan, yuan_to_fen
from civaffairs.parameters import ParameterBook, default_book
from civaffairs.testing import strategies as cst

CHONGQING = "500000"
BOOK = default_book()
#: A book where the province sets a ground of art. 8 (六) and keeps 18 as the recognition
#: age, so those branches are reached too.
PROVINCE = BOOK.override(
    "assistance.extreme_poverty.supporter_unable.provincial_grounds",
    CHONGQING,
    True,
    dt.date(2021, 7, 1),
).override("assistance.extreme_poverty.minor_age_limit", CHONGQING, 18, dt.date(2024, 1, 1))

_UNKNOWN_OR_BOOL = st.sampled_from([None, True, False])


def _member_supporters(ids: list[str]) -> st.SearchStrategy[Supporter]:
    return st.builds(
        Supporter,
        relationship=st.sampled_from([Relationship.CHILD, Relationship.SPOUSE]),
        member=st.sampled_from(ids),
        situations=st.none() | st.frozensets(st.sampled_from(SupporterSituation), max_size=2),
        property_within_rules=_UNKNOWN_OR_BOOL,
        monthly_income=st.none() | cst.money(max_value=6000),
    )


def _mostly(known: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    """A fact established three times in four (missing facts are reached, and decisions)."""
    return st.one_of(known, known, known, st.none())


def _facts(on: dt.date, ids: list[str]) -> st.SearchStrategy[ExtremePovertyFacts | None]:
    supporter = st.one_of(cst.supporters(on=on), _member_supporters(ids))
    return st.none() | st.builds(
        ExtremePovertyFacts,
        supporters=_mostly(st.one_of(st.just(()), st.lists(supporter, max_size=3).map(tuple))),
        activities_not_achieved=_mostly(st.frozensets(st.sampled_from(DailyActivity))),
        ability_grade=st.none() | st.none() | st.sampled_from(AbilityGrade),
        arrangement=_mostly(st.sampled_from(SupportArrangement)),
        child_allowance=_mostly(st.booleans()),
        supported_as_minor=_mostly(st.booleans()),
        in_secondary_school=_mostly(st.booleans()),
    )


def _as_in_the_table(household: Household) -> Household:
    """The household as the persons table holds it.

    Its asset columns are the household's (no owner: so, in a household of several,
    unattributed, as :func:`~civaffairs.assistance.means.owned_by` reads an asset naming no
    member), and a cell of 0 is no item: a zero income or a zero financial asset is left out.
    """
    return attrs.evolve(
        household,
        incomes=tuple(i for i in household.incomes if i.monthly),
        assets=tuple(
            attrs.evolve(a, owner=None)
            for a in household.assets
            if a.value or not a.type.is_financial
        ),
    )


#: Ages where the rule turns: the recognition and support ages of minors (art. 5 (二), art.
#: 24), 60 (art. 5 (一), art. 8 (二)) and 70 (art. 8 (三)).
_EDGES = (15, 16, 17, 18, 19, 59, 60, 69, 70)


def _at_an_edge(draw: st.DrawFn, on: dt.date, household: Household) -> Household:
    """Give one member (sometimes) a birthday on the day of an edge age, or a day either side."""
    if not draw(st.booleans()):
        return household
    index = draw(st.integers(0, len(household.members) - 1))
    age = draw(st.sampled_from(_EDGES))
    born = anniversary(on, on.year - age) + dt.timedelta(days=draw(st.integers(-1, 1)))
    member = household.members[index]
    person = attrs.evolve(member.person, birth_date=born, resident_id=None)
    members = list(household.members)
    members[index] = attrs.evolve(member, person=person)
    return attrs.evolve(household, members=members)


Case = tuple[dt.date, list[Household], dict[tuple[str, str], ExtremePovertyFacts], list[str | None]]


@st.composite
def registries(draw: st.DrawFn) -> Case:
    # Mostly when every figure is in force in Chongqing; sometimes when some are not.
    in_force = st.dates(dt.date(2025, 7, 1), dt.date(2025, 12, 31))
    on = draw(st.one_of(in_force, in_force, st.dates(dt.date(2021, 6, 1), dt.date(2026, 12, 31))))
    households = [
        _as_in_the_table(_at_an_edge(draw, on, attrs.evolve(h, id=f"H{i}")))
        for i, h in enumerate(
            draw(
                st.lists(
                    cst.households(
                        on=on,
                        jurisdiction=CHONGQING,
                        max_size=4,
                        income_range=(Decimal(0), Decimal(1200)),
                    ),
                    min_size=1,
                    max_size=4,
                )
            )
        )
    ]
    facts: dict[tuple[str, str], ExtremePovertyFacts] = {}
    for household in households:
        ids = [m.person.id for m in household.members]
        for pid in ids:
            found = draw(_facts(on, ids))
            if found is not None:
                facts[(household.id, pid)] = found
    where = draw(
        st.lists(
            st.sampled_from([*([None] * 7), CHONGQING, "500156", "110101"]),
            min_size=len(households),
            max_size=len(households),
        )
    )
    return on, households, facts, where


def _scalar(
    household: Household,
    pid: str,
    *,
    on: dt.date,
    where: str | None,
    facts: ExtremePovertyFacts | None,
    book: ParameterBook,
) -> Decision | ParameterError | InvalidInputError:
    try:
        return ep.assess_person(household, pid, on, jurisdiction=where, book=book, facts=facts)
    except (ParameterError, InvalidInputError) as exc:
        return exc


def _refused(
    household: Household, facts: Mapping[tuple[str, str], ExtremePovertyFacts], on: dt.date
) -> list[str]:
    """The cells of the household the scalar rule refuses (a supporter who is the person)."""
    cells = []
    for member in household.members:
        pid = member.person.id
        found = facts.get((household.id, pid))
        decision = _scalar(household, pid, on=on, where=None, facts=found, book=BOOK)
        if isinstance(decision, InvalidInputError):
            cells.append("ep_" + decision.path.removeprefix("$.facts."))
    return cells


def _table(
    households: list[Household],
    facts: Mapping[tuple[str, str], ExtremePovertyFacts],
    where: list[str | None],
) -> pa.Table:
    table = to_table(households, facts)
    jurisdictions = []
    for household, place in zip(households, where, strict=True):
        jurisdictions += [
            place if m.relationship is Relationship.APPLICANT else None for m in household.members
        ]
    index = table.schema.get_field_index("jurisdiction")
    return table.set_column(
        index, "jurisdiction", pa.array(jurisdictions, pa.string()).dictionary_encode()
    )


def _check(case: Case, book: ParameterBook) -> None:
    on, households, facts, where = case
    table = _table(households, facts, where)
    result = assess_table(table, on, book=book).to_pylist()
    people = [
        (h, m.person.id, w) for h, w in zip(households, where, strict=True) for m in h.members
    ]
    assert len(result) == len(people)
    refused = {h.id: _refused(h, facts, on) for h in households}
    for (household, pid, place), row in zip(people, result, strict=True):
        assert (row["household_id"], row["person_id"]) == (household.id, pid)
        if refused[household.id]:
            # A cell the scalar rule refuses (a supporter who is the person assessed, 认定办法
            # art. 4 (三) "法定义务人") is a bad cell: the whole household cannot be decided.
            assert row["outcome"] == "cannot_decide", row
            assert row["reasons"] == ["batch.invalid_value"], row
            assert set(refused[household.id]) <= set(row["problems"]), row
            continue
        decision = _scalar(
            household, pid, on=on, where=place, facts=facts.get((household.id, pid)), book=book
        )
        context = f"{household!r}\n{facts.get((household.id, pid))!r}\n{row}\n{decision!r}"
        assert not isinstance(decision, InvalidInputError), context
        if isinstance(decision, ParameterError):
            # The scalar rule stops at the first parameter not in force that it needs; the
            # columns mark that person, and only that person, and name the parameter.
            assert row["outcome"] == "cannot_decide", context
            assert row["reasons"] == ["batch.parameter_unavailable"], context
            assert row["meets_conditions"] is None, context
            assert decision.name in (row["problems"] or []), context  # type: ignore[attr-defined]
            continue
        paid = 0 if decision.amount is None else yuan_to_fen(decision.amount.total)
        assert row["outcome"] == decision.outcome.value, context
        assert row["amount_fen"] == paid, context
        assert row["meets_conditions"] is ep.meets_conditions(decision), context
        assert row["reasons"] == sorted(set(decision.codes), key=REASON_CATALOGUE.index), context
        assert (row["problems"] is None) == (decision.outcome is not Outcome.CANNOT_DECIDE), context
        if decision.outcome is Outcome.CANNOT_DECIDE:
            # The facts a "cannot decide" lacks are the scalar decision's, as columns.
            assert set(row["problems"]) == {_column(household, p) for p in decision.missing}, (
                context
            )


def _column(household: Household, path: str) -> str:
    """The persons table's column (or supporter field) of a scalar decision's missing path."""
    if path.startswith("$.facts."):
        return "ep_" + path.removeprefix("$.facts.")
    index = int(path.split("[")[1].split("]", maxsplit=1)[0])
    if path.startswith("$.household.incomes["):
        return HOUSEHOLD_INCOME_COLUMNS[household.incomes[index].type]
    asset = household.assets[index].type
    return ASSET_COLUMNS[asset] if asset.is_financial else OWNS_COLUMNS[asset]


_SETTINGS = settings(
    deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


@_SETTINGS
@given(registries())
def test_batch_equals_scalar(case: Case) -> None:
    _check(case, BOOK)


@_SETTINGS
@given(registries())
def test_batch_equals_scalar_with_a_provincial_ground_and_recognition_to_18(case: Case) -> None:
    _check(case, PROVINCE)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(registries())
def test_read_facts_inverts_write_facts(case: Case) -> None:
    _on, households, facts, where = case
    table = _table(households, facts, where)
    rows = table.to_pylist()
    start = 0
    for household in households:
        found = read_facts(rows[start : start + len(household.members)])
        start += len(household.members)
        for member in household.members:
            pid = member.person.id
            assert found[pid] == facts.get((household.id, pid), ExtremePovertyFacts())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(registries(), st.integers(1, 9), st.sampled_from([1, 2]))
def test_slices_and_threads_never_change_the_result(case: Case, rows: int, workers: int) -> None:
    on, households, facts, where = case
    table = _table(households, facts, where)
    whole = assess_table(table, on, book=BOOK, workers=1)
    with mock.patch.object(batch_ep, "SLICE_ROWS", rows):
        sliced = assess_table(table, on, book=BOOK, workers=workers)
    assert sliced.to_pylist() == whole.to_pylist()


# -- nastier registries: edge ages on leap days, thresholds to the fen, members apart -------

#: Decision dates around 29 February and the turn of a year (ages and parameters turn there).
_TURNING_DAYS = st.sampled_from(
    [
        dt.date(2024, 2, 28),
        dt.date(2024, 2, 29),
        dt.date(2024, 3, 1),
        dt.date(2025, 2, 28),
        dt.date(2025, 3, 1),
        dt.date(2024, 12, 31),
        dt.date(2025, 1, 1),
        dt.date(2025, 7, 1),
        dt.date(2025, 12, 31),
    ]
)
_SUPPORTER_EDGES = (59, 60, 61, 69, 70, 71)


def _edge_birth(draw: st.DrawFn, on: dt.date, ages: tuple[int, ...]) -> dt.date:
    """A birth date at an edge age on ``on`` (a day either side), or on a 29 February near it."""
    age = draw(st.sampled_from(ages))
    if draw(st.booleans()):
        years = [y for y in range(on.year - age - 3, on.year - age + 3) if calendar.isleap(y)]
        return dt.date(draw(st.sampled_from(years)), 2, 29)
    return anniversary(on, on.year - age) + dt.timedelta(days=draw(st.integers(-1, 1)))


def _fen(name: str, where: str, on: dt.date) -> int | None:
    try:
        return yuan_to_fen(BOOK.money(name, where, on)[0])
    except CivaffairsError:
        return None


def _near(draw: st.DrawFn, fen: int) -> Decimal:
    """An amount at ``fen``, a fen either side, or a yuan under."""
    return fen_to_yuan(max(0, fen + draw(st.sampled_from([-100, -1, 0, 1]))))


def _nastier_member(draw: st.DrawFn, on: dt.date, member: Member, applicant: bool) -> Member:
    person = member.person
    changes: dict[str, Any] = {}
    if draw(st.integers(0, 3)) == 0:
        changes["birth_date"] = _edge_birth(draw, on, _EDGES)
    if not applicant and draw(st.integers(0, 3)) == 0:
        changes["registration"] = Registration(
            draw(st.sampled_from(["500156", "500101", "110101"])),
            draw(st.sampled_from(RegistrationKind)),
        )
    if draw(st.integers(0, 4)) == 0:
        changes["statuses"] = draw(st.frozensets(st.sampled_from(_STATUSES), max_size=2))
    if draw(st.integers(0, 3)) == 0:
        category = draw(st.sampled_from(DisabilityCategory))
        changes["disability"] = Disability(category, draw(st.integers(1, 4)))
    if not changes:
        return member
    changes["resident_id"] = None  # its birth date would no longer be the person's
    return attrs.evolve(member, person=attrs.evolve(person, **changes))


_STATUSES = (
    SpecialStatus.SERVING_SENTENCE,
    SpecialStatus.DECLARED_MISSING,
    SpecialStatus.FULL_TIME_STUDENT,
)


def _nastier_supporter(draw: st.DrawFn, on: dt.date, supporter: Supporter, place: str) -> Supporter:
    """A supporter who is not a member, at 60 or 70 on the day, earning at the figure / 12."""
    if supporter.member is not None or not draw(st.booleans()):
        return supporter
    supporter = attrs.evolve(supporter, birth_date=_edge_birth(draw, on, _SUPPORTER_EDGES))
    kind = (supporter.registration_kind or RegistrationKind.RURAL).value
    figure = _fen(f"assistance.means.disposable_income.{kind}", place, on)
    if figure is not None and draw(st.booleans()):
        supporter = attrs.evolve(supporter, monthly_income=_near(draw, figure // 12))
    return supporter


@st.composite
def nastier_registries(draw: st.DrawFn) -> Case:
    """:func:`registries` with edges pressed: decision days about 29 February; members and
    non-member supporters at 16/18/60/70 on the day or born on 29 February; members
    registered elsewhere or of the other kind, serving a sentence, missing, studying,
    disabled in any grade; own incomes at the dibao standard to the fen, deposits at the
    financial limit; supporters' incomes at last year's disposable income ÷ 12."""
    drawn, households, facts, where = draw(registries())
    on = draw(st.one_of(st.just(drawn), _TURNING_DAYS))
    nastier: list[Household] = []
    found: dict[tuple[str, str], ExtremePovertyFacts] = {}
    for household, chosen in zip(households, where, strict=True):
        members = [
            _nastier_member(draw, on, m, m.relationship is Relationship.APPLICANT)
            for m in household.members
        ]
        members = [  # nobody born after the day decided (the drawn day may have moved)
            m
            if m.person.birth_date <= on
            else attrs.evolve(m, person=attrs.evolve(m.person, birth_date=on, resident_id=None))
            for m in members
        ]
        place = chosen or members[0].person.registration.jurisdiction
        incomes = list(household.incomes)
        for member in members:
            kind = member.person.registration.kind.value
            standard = _fen(f"assistance.dibao.standard.{kind}", place, on)
            if standard is not None and draw(st.integers(0, 3)) == 0:
                incomes = [i for i in incomes if i.member != member.person.id]
                kind_of = draw(st.sampled_from([IncomeType.WAGES, IncomeType.SOCIAL_ASSISTANCE]))
                incomes.append(Income(kind_of, _near(draw, standard), member=member.person.id))
        assets = list(household.assets)
        standard = _fen(
            f"assistance.dibao.standard.{members[0].person.registration.kind.value}", place, on
        )
        if standard is not None and draw(st.integers(0, 3)) == 0:
            assets = [a for a in assets if not a.type.is_financial]
            assets.append(Asset(AssetType.DEPOSITS, _near(draw, standard * 24)))
        changed = _as_in_the_table(
            attrs.evolve(household, members=members, incomes=incomes, assets=assets)
        )
        nastier.append(changed)
        for member in members:
            given = facts.get((household.id, member.person.id))
            if given is None:
                continue
            listed = given.supporters
            if listed is not None:
                listed = tuple(
                    _nastier_supporter(
                        draw,
                        on,
                        s
                        if s.birth_date is None or s.birth_date <= on
                        else attrs.evolve(s, birth_date=on),
                        place,
                    )
                    for s in listed
                )
            found[(household.id, member.person.id)] = attrs.evolve(given, supporters=listed)
    return on, nastier, found, where


@_SETTINGS
@given(nastier_registries())
def test_batch_equals_scalar_at_the_edges(case: Case) -> None:
    """The same comparison on registries pressed to the edges where the rules turn (认定办法
    art. 5 "60周岁以上", "未满16周岁"; art. 8 (二) "60周岁以上的最低生活保障对象", (三) "70周岁以上
    的老年人，本人收入低于当地上年人均可支配收入"; art. 6 "收入低于当地最低生活保障标准"; art. 24
    "至18周岁"), on 29 February and about it (ages by 民法典 art. 202's last day of the month)."""
    _check(case, BOOK)
