"""Hypothesis strategies for civil-affairs inputs, in hypothesis's own style.

Each function returns a :class:`~hypothesis.strategies.SearchStrategy`, is
named by the plural of what it draws, takes keyword-only options and builds
valid values directly (nothing is filtered and nothing calls ``assume``, so
your own health checks stay quiet and shrinking stays fast)::

    from hypothesis import given
    from civaffairs.testing import strategies as cst

    @given(cst.households(jurisdiction="500000", near_standard=True))
    def test_my_rule(household): ...

Bad options raise :class:`hypothesis.errors.InvalidArgument` when the
strategy is defined.  Look-ups in the jurisdiction table and the parameter
book are cached: drawing an example never reads a file.

``st.from_type(Household)``, ``st.from_type(Person)`` and
``st.from_type(ResidentId)`` use :func:`households`, :func:`persons` and
:func:`resident_ids` with their defaults (see
:mod:`civaffairs.testing._hypothesis_entry`).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, Final, TypeVar

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from civaffairs import jurisdictions as _jurisdictions
from civaffairs.assistance import children_in_difficulty as _difficulty
from civaffairs.assistance.dibao import counted_members
from civaffairs.assistance.extreme_poverty import Supporter, SupporterSituation
from civaffairs.assistance.vagrancy import (
    IN_FORCE as _VAGRANCY_IN_FORCE,
)
from civaffairs.assistance.vagrancy import (
    Conditions,
    Disclosure,
    ExitFacts,
    StayExtension,
    VagrancyCase,
)
from civaffairs.dates import age_in_full_years
from civaffairs.eldercare.groups import OlderPerson
from civaffairs.eldercare.subsidies import CareSetting, SubsidyRequest
from civaffairs.entities import (
    AbilityGrade,
    Asset,
    AssetType,
    AssistanceLayer,
    ChildAllowance,
    Disability,
    DisabilityCategory,
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
    SpecialStatus,
    WorkCapacity,
)
from civaffairs.errors import ParameterNotFoundError, ParameterOutOfRangeError
from civaffairs.family.marriage import (
    DivorceApplication,
    Kinship,
    MarriageApplication,
    MarriageParty,
)
from civaffairs.identity import EARLIEST_BIRTH_DATE, ResidentId, Sex, generate
from civaffairs.jurisdictions import Level
from civaffairs.money import FEN, fen_to_yuan, yuan_to_fen
from civaffairs.parameters import default_book

__all__ = [
    "children_in_difficulty_applications",
    "children_in_difficulty_facts",
    "divorce_applications",
    "households",
    "jurisdictions",
    "marriage_applications",
    "money",
    "older_persons",
    "persons",
    "resident_ids",
    "subsidy_requests",
    "supporters",
    "vagrancy_cases",
]

_T = TypeVar("_T")

_DEFAULT_ON: Final = dt.date(2025, 8, 1)
_ONE_DAY: Final = dt.timedelta(days=1)

#: Incomes on the national list of items never counted (民发〔2021〕57号, as restated in
#: 兴安盟 2025 art. 14).  ``near_standard`` uses them as noise that must not move the total.
_NEVER_COUNTED: Final = (
    IncomeType.PREFERENTIAL_TREATMENT,
    IncomeType.FAMILY_PLANNING_REWARD,
    IncomeType.AWARD,
    IncomeType.SOCIAL_ASSISTANCE,
    IncomeType.DISABILITY_SUBSIDY,
)
#: Counted income types that no deduction touches (wages may carry an employment deduction
#: and the central basic pension is counted or not by a dated switch).
_COUNTED_EXACTLY: Final = (
    IncomeType.BUSINESS,
    IncomeType.PROPERTY,
    IncomeType.TRANSFER,
    IncomeType.OTHER,
)
#: Statuses that take a person out of the household for the assistance rules.
_LEAVES_HOUSEHOLD: Final = frozenset(
    {
        SpecialStatus.CLERGY_LIVING_APART,
        SpecialStatus.SERVING_SENTENCE,
        SpecialStatus.COMPULSORY_DRUG_REHABILITATION,
        SpecialStatus.DECLARED_MISSING,
    }
)
_SURNAMES: Final = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
_GIVEN: Final = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国红梅玉兵"
_NOT_SEVERE_MIN_GRADE: Final = {
    DisabilityCategory.INTELLECTUAL: 4,  # grade 3 intellectual disability counts as severe
    DisabilityCategory.MENTAL: 4,  # ... and so does grade 3 mental disability
}
#: Relationships of members other than the applicant and the spouse, with a plausible age range.
_RELATIVES: Final = (
    (Relationship.CHILD, 0, 60),
    (Relationship.CHILD, 0, 17),  # minors twice: the counting rule turns on age 18
    (Relationship.PARENT, 36, 100),
    (Relationship.GRANDPARENT, 55, 100),
    (Relationship.GRANDCHILD, 0, 30),
    (Relationship.SIBLING, 0, 90),
    (Relationship.OTHER_DEPENDANT, 0, 100),
    (Relationship.OTHER, 0, 100),
)


# -- cached look-ups --------------------------------------------------------------------------


@functools.cache
def _codes(
    level: Level,
    within: str | None,
    include_retired: bool,  # noqa: FBT001 - cached by position
) -> tuple[str, ...]:
    """Return the sorted codes at ``level`` (inside ``within``), read from the table once."""
    if level is Level.NATIONAL:
        if within is None or _jurisdictions.get(within).code == _jurisdictions.NATIONAL:
            return (_jurisdictions.NATIONAL,)
        return ()
    return tuple(
        j.code
        for j in _jurisdictions.all_jurisdictions(include_retired=include_retired)
        if j.level is level and (within is None or _jurisdictions.is_within(j.code, within))
    )


@functools.cache
def _standard(code: str, kind: RegistrationKind, on: dt.date) -> Decimal | None:
    """Return the default book's dibao standard, or ``None`` where none is in force."""
    try:
        value, _ = default_book().money(f"assistance.dibao.standard.{kind.value}", code, on)
    except (ParameterNotFoundError, ParameterOutOfRangeError):
        return None
    return value


@functools.cache
def _places_with_standard(
    within: str | None, on: dt.date
) -> tuple[tuple[str, RegistrationKind], ...]:
    """County-level units and registration kinds for which the default book has a standard."""
    return tuple(
        (code, kind)
        for code in _codes(Level.COUNTY, within, False)
        for kind in RegistrationKind
        if _standard(code, kind, on) is not None
    )


@functools.cache
def _places(counties: tuple[str, ...]) -> tuple[tuple[str, RegistrationKind], ...]:
    """Every county-level unit with every registration kind."""
    return tuple((code, kind) for code in counties for kind in RegistrationKind)


# -- small helpers ----------------------------------------------------------------------------


def _same_day(on: dt.date, year: int) -> dt.date:
    """``on``'s month and day in ``year``; 28 February stands in for a missing 29 February."""
    try:
        return on.replace(year=year)
    except ValueError:
        return dt.date(year, 2, 28)


def _birth_bounds(on: dt.date, min_age: int, max_age: int) -> tuple[dt.date, dt.date]:
    """Return the first and last birth dates of people aged ``min_age``–``max_age`` on ``on``."""
    # Start from the same day of the month and step to the exact edge: a 29 February birth
    # has its birthday on 28 February in common years, so the plain guess can be a day off.
    latest = _same_day(on, on.year - min_age)
    while age_in_full_years(latest, on) < min_age:
        latest -= _ONE_DAY
    while latest < on and age_in_full_years(latest + _ONE_DAY, on) >= min_age:
        latest += _ONE_DAY
    earliest = _same_day(on, on.year - max_age - 1) + _ONE_DAY
    while age_in_full_years(earliest, on) > max_age:
        earliest += _ONE_DAY
    while age_in_full_years(earliest - _ONE_DAY, on) <= max_age:
        earliest -= _ONE_DAY
    return earliest, latest


def _birthdays(on: dt.date, age: int, earliest: dt.date, latest: dt.date) -> list[dt.date]:
    """Birth dates at the edges of ``age``: the birthday is today, or it is tomorrow."""
    candidates = [
        _same_day(on, on.year - age),  # turned ``age`` today
        _same_day(on, on.year - age - 1) + _ONE_DAY,  # turns ``age + 1`` tomorrow
    ]
    year = on.year - age
    if on.month == 2 and on.day == 28 and _is_leap(year) and not _is_leap(on.year):
        candidates.append(dt.date(year, 2, 29))  # a 29 February birthday falls on 28 February
    return sorted(
        {d for d in candidates if earliest <= d <= latest and age_in_full_years(d, on) == age}
    )


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _check_ages(on: dt.date, min_age: int, max_age: int) -> None:
    if isinstance(min_age, bool) or not isinstance(min_age, int) or min_age < 0:
        raise InvalidArgument(f"min_age={min_age!r} must be an integer of 0 or more")
    if isinstance(max_age, bool) or not isinstance(max_age, int) or max_age < min_age:
        raise InvalidArgument(
            f"max_age={max_age!r} must be an integer of min_age={min_age} or more"
        )
    if on.year - max_age - 1 < dt.MINYEAR:
        raise InvalidArgument(f"max_age={max_age} reaches before year {dt.MINYEAR}")


def _counties(jurisdiction: str | None, *, argument: str = "jurisdiction") -> tuple[str, ...]:
    """Return the current county-level codes inside ``jurisdiction`` (any level), or all."""
    if jurisdiction is not None:
        try:
            jurisdiction = _jurisdictions.get(jurisdiction).code
        except LookupError as exc:
            raise InvalidArgument(f"{argument}={jurisdiction!r}: {exc}") from None
    codes = _codes(Level.COUNTY, jurisdiction, False)
    if not codes:
        raise InvalidArgument(f"{argument}={jurisdiction!r} contains no current county-level unit")
    return codes


def _fen_range(min_value: Decimal | int, max_value: Decimal | int) -> tuple[int, int]:
    bounds = []
    for name, value in (("min_value", min_value), ("max_value", max_value)):
        if isinstance(value, bool) or not isinstance(value, Decimal | int):
            raise InvalidArgument(f"{name}={value!r} must be a Decimal or an int (never a float)")
        amount = Decimal(value)
        if not amount.is_finite() or amount != amount.quantize(FEN):
            raise InvalidArgument(f"{name}={value!r} must be a finite amount of whole fen")
        bounds.append(yuan_to_fen(amount))
    low, high = bounds
    if low > high:
        raise InvalidArgument(f"min_value={min_value} is above max_value={max_value}")
    return low, high


def _as_yuan(fen: int) -> Decimal:
    """Whole yuan as ``Decimal('770')``, others as ``Decimal('770.10')``: both forms occur."""
    return Decimal(fen // 100) if fen % 100 == 0 else fen_to_yuan(fen)


def _fen(low: int, high: int) -> st.SearchStrategy[int]:
    """Integer fen in ``[low, high]``, leaning on the bounds and on whole yuan."""
    edges = sorted({low, min(low + 1, high), max(high - 1, low), high})
    options = [st.integers(low, high), st.sampled_from(edges)]
    first_yuan, last_yuan = -(-low // 100), high // 100
    if first_yuan <= last_yuan:
        options.append(st.integers(first_yuan, last_yuan).map(lambda y: y * 100))
    return st.one_of(options)


# -- public strategies ------------------------------------------------------------------------


def jurisdictions(
    *,
    level: Level | None = None,
    within: str | None = None,
    include_retired: bool = False,
) -> st.SearchStrategy[str]:
    """Return a strategy for GB/T 2260 codes from the shipped table.

    :param level: the level drawn; ``None`` (the default) means county-level
        units (``Level.COUNTY``), which is where people are registered.
        ``Level.NATIONAL`` draws only ``"000000"``.
    :param within: a code or unique Chinese name; only divisions inside it
        (or it itself, at the right level) are drawn.
    :param include_retired: also draw abolished codes (they still appear in
        older resident ID numbers).

    Codes shrink towards the lowest code.

    .. versionadded:: 0.1.0
    """
    if level is not None and not isinstance(level, Level):
        raise InvalidArgument(f"level={level!r} must be a civaffairs.jurisdictions.Level")
    if within is not None:
        try:
            within = _jurisdictions.get(within).code
        except LookupError as exc:
            raise InvalidArgument(f"within={within!r}: {exc}") from None
    codes = _codes(level or Level.COUNTY, within, include_retired)
    if not codes:
        raise InvalidArgument(f"no division at level={level} within={within!r}")
    return st.sampled_from(codes)


def money(
    *,
    min_value: Decimal | int = Decimal(0),
    max_value: Decimal | int = Decimal(20000),
) -> st.SearchStrategy[Decimal]:
    """Return a strategy for exact amounts of yuan with at most two decimals (whole fen).

    :param min_value: the smallest amount (inclusive), in whole fen.
    :param max_value: the largest amount (inclusive), in whole fen.

    Amounts are built as integer fen divided by 100, never from floats.  The
    bounds, one fen inside each bound and whole-yuan amounts are drawn more
    often than chance would, so thresholds written in whole yuan are reached.
    Whole amounts come as ``Decimal('770')``, others as ``Decimal('770.10')``.

    .. versionadded:: 0.1.0
    """
    low, high = _fen_range(min_value, max_value)
    return _fen(low, high).map(_as_yuan)


def resident_ids(
    *,
    regions: Sequence[str] | st.SearchStrategy[str] | None = None,
    born_between: tuple[dt.date, dt.date] = (dt.date(1900, 1, 1), dt.date(2025, 12, 31)),
    sex: Sex | None = None,
) -> st.SearchStrategy[ResidentId]:
    """Return a strategy for valid 18-character resident ID numbers (GB 11643-1999).

    :param regions: the address codes to draw from, as a sequence of codes or
        a strategy for codes; by default every county-level code of the table,
        current and retired.
    :param born_between: the inclusive range of birth dates; the start may not
        be before 1850-01-01.
    :param sex: draw only numbers of this sex (odd sequence codes are male);
        ``None`` draws both.

    Numbers are built with :func:`civaffairs.identity.generate`, so the check
    character is right by construction.

    .. versionadded:: 0.1.0
    """
    region_strategy: st.SearchStrategy[str]
    if regions is None:
        region_strategy = st.sampled_from(_codes(Level.COUNTY, None, True))
    elif isinstance(regions, st.SearchStrategy):
        region_strategy = regions
    else:
        chosen = tuple(regions)
        unknown = [c for c in chosen if not _jurisdictions.is_region_code(c)]
        if not chosen or unknown:
            raise InvalidArgument(f"regions={regions!r} must be known GB/T 2260 address codes")
        region_strategy = st.sampled_from(chosen)
    start, end = born_between
    if start < EARLIEST_BIRTH_DATE or end < start:
        raise InvalidArgument(
            f"born_between={born_between!r} must be an ordered pair of dates from "
            f"{EARLIEST_BIRTH_DATE.isoformat()}"
        )
    if sex is not None and not isinstance(sex, Sex):
        raise InvalidArgument(f"sex={sex!r} must be a civaffairs.identity.Sex or None")
    return st.builds(
        generate,
        region_strategy,
        st.dates(min_value=start, max_value=end),
        _sequences(sex),
    )


@functools.cache
def _sequences(sex: Sex | None) -> st.SearchStrategy[int]:
    """Sequence codes 0–999 whose parity gives ``sex`` (odd: male)."""
    if sex is None:
        return st.integers(0, 999)
    if sex is Sex.MALE:
        return st.integers(0, 499).map(lambda k: 2 * k + 1)
    return st.integers(0, 499).map(lambda k: 2 * k)


_NAMES: Final = st.builds(
    lambda surname, given: surname + given,
    st.sampled_from(_SURNAMES),
    st.text(alphabet=_GIVEN, min_size=1, max_size=2),
)
_OPTIONAL_NAMES: Final = st.one_of(st.none(), _NAMES)
_WORK_CAPACITIES: Final = st.one_of(st.none(), st.sampled_from(WorkCapacity))


@functools.cache
def _disabilities(*, allow_severe: bool) -> st.SearchStrategy[Disability | None]:
    def grade_for(category: DisabilityCategory) -> st.SearchStrategy[Disability]:
        lowest = 1 if allow_severe else _NOT_SEVERE_MIN_GRADE.get(category, 3)
        return st.integers(lowest, 4).map(lambda grade: Disability(category, grade))

    return st.one_of(st.none(), st.sampled_from(DisabilityCategory).flatmap(grade_for))


@st.composite
def _people(
    draw: st.DrawFn,
    *,
    pid: str,
    on: dt.date,
    registration: Registration,
    min_age: int,
    max_age: int,
    with_resident_id: bool | None,
    allow_severe: bool,
    statuses: tuple[SpecialStatus, ...],
) -> Person:
    """One person, consistent with their resident ID number when they have one.

    The strategies drawn from are built once per set of arguments (:func:`_births`,
    :func:`_regions`, …): built afresh on every draw, hypothesis validated and labelled
    them each time, which made a household draw take ~0.1 s and failed the dev
    profile's too-slow health check at random on a busy machine.
    """
    birth = draw(_births(on, min_age, max_age, with_resident_id=with_resident_id is True))
    wants_id = draw(st.booleans()) if with_resident_id is None else with_resident_id
    resident_id: ResidentId | None = None
    if wants_id and birth >= EARLIEST_BIRTH_DATE:
        region = draw(_regions(registration.jurisdiction))
        resident_id = generate(region, birth, draw(_sequences(None)))
        sex = resident_id.sex
    else:
        sex = draw(st.sampled_from(Sex))
    return Person(
        id=pid,
        birth_date=birth,
        sex=sex,
        registration=registration,
        resident_id=resident_id,
        name=draw(_OPTIONAL_NAMES),
        disability=draw(_disabilities(allow_severe=allow_severe)),
        serious_illness=draw(st.booleans()) if allow_severe else False,
        work_capacity=draw(_WORK_CAPACITIES),
        statuses=draw(_status_sets(statuses)),
    )


@functools.lru_cache(maxsize=4096)  # one per (date, age range) drawn: bounded
def _births(
    on: dt.date, min_age: int, max_age: int, *, with_resident_id: bool
) -> st.SearchStrategy[dt.date]:
    """Return birth dates for ages ``min_age``–``max_age`` on ``on``, often birthdays at edges."""
    earliest, latest = _birth_bounds(on, min_age, max_age)
    if with_resident_id:
        earliest = max(earliest, EARLIEST_BIRTH_DATE)
    any_day = st.dates(min_value=earliest, max_value=latest)
    edges = st.integers(min_age, max_age).map(lambda a: _birthdays(on, a, earliest, latest))
    return st.one_of(
        any_day, edges.flatmap(lambda found: st.sampled_from(found) if found else any_day)
    )


@functools.cache
def _regions(registered: str) -> st.SearchStrategy[str]:
    """Return address codes of a resident ID: the place of registration, or any county."""
    return st.one_of(st.just(registered), st.sampled_from(_codes(Level.COUNTY, None, True)))


@functools.cache
def _status_sets(
    statuses: tuple[SpecialStatus, ...],
) -> st.SearchStrategy[frozenset[SpecialStatus]]:
    return st.one_of(
        st.just(frozenset[SpecialStatus]()), st.frozensets(st.sampled_from(statuses), max_size=2)
    )


def persons(
    *,
    on: dt.date = _DEFAULT_ON,
    jurisdiction: str | None = None,
    min_age: int = 0,
    max_age: int = 100,
    with_resident_id: bool | None = None,
    registration_kind: RegistrationKind | None = None,
    allow_severe_conditions: bool = True,
) -> st.SearchStrategy[Person]:
    """Return a strategy for persons, consistent with their resident ID number.

    :param on: the date the ages refer to.
    :param jurisdiction: where the person is registered: a county-level code,
        or a code or name of a larger division to draw its county-level units;
        ``None`` draws any current county-level unit.
    :param min_age: the youngest age in full years (周岁) on ``on``.
    :param max_age: the oldest age in full years on ``on``.
    :param with_resident_id: ``True`` always gives a resident ID number,
        ``False`` never, ``None`` sometimes.  When there is one, the birth date
        and sex are the ones it encodes.
    :param registration_kind: urban or rural registration; ``None`` draws both.
    :param allow_severe_conditions: when false, nobody is severely disabled
        (grade 1–2, or grade 3 intellectual or mental) or seriously ill — the
        facts behind dibao's single-person inclusion.

    Birthdays on ``on`` (and on the day after) are drawn often, including
    29 February births on 28 February, so age thresholds are reached.  The
    ``id`` is ``p`` and a number; :func:`households` gives members unique ids.

    .. versionadded:: 0.1.0
    """
    _check_ages(on, min_age, max_age)
    if with_resident_id and on < EARLIEST_BIRTH_DATE:
        raise InvalidArgument(f"on={on} is before any birth date a resident ID number can encode")
    counties = _counties(jurisdiction)
    kinds = (registration_kind,) if registration_kind is not None else tuple(RegistrationKind)
    return _persons(
        on=on,
        counties=counties,
        kinds=kinds,
        min_age=min_age,
        max_age=max_age,
        with_resident_id=with_resident_id,
        allow_severe=allow_severe_conditions,
    )


@st.composite
def _persons(
    draw: st.DrawFn,
    *,
    on: dt.date,
    counties: tuple[str, ...],
    kinds: tuple[RegistrationKind, ...],
    min_age: int,
    max_age: int,
    with_resident_id: bool | None,
    allow_severe: bool,
) -> Person:
    registration = Registration(draw(st.sampled_from(counties)), draw(st.sampled_from(kinds)))
    return draw(
        _people(
            pid=f"p{draw(st.integers(0, 9999))}",
            on=on,
            registration=registration,
            min_age=min_age,
            max_age=max_age,
            with_resident_id=with_resident_id,
            allow_severe=allow_severe,
            statuses=tuple(SpecialStatus),
        )
    )


def _distinct_id(person: Person, members: list[Member]) -> Person:
    """Give ``person`` a resident ID no earlier member has: one person is one member.

    A drawn number equal to an earlier member's (same place, birth date and sequence)
    moves to the next free sequence code of the same parity, so the sex it encodes stays.
    """
    rid = person.resident_id
    taken = {m.person.resident_id for m in members}
    if rid is None or rid not in taken:
        return person
    number = rid.reveal()
    sequence = int(number[14:17])
    for step in range(1, 500):
        moved = generate(number[:6], rid.birth_date, (sequence + 2 * step) % 1000)
        if moved not in taken:
            return attrs.evolve(person, resident_id=moved)
    return attrs.evolve(person, resident_id=None)  # pragma: no cover - 500 members share a day


def _split(total: int, parts: int, cuts: list[int]) -> list[int]:
    """Split ``total`` fen into ``parts`` non-negative amounts at the given cut points."""
    points = sorted(min(max(c, 0), total) for c in cuts[: parts - 1])
    edges = [0, *points, total]
    return [b - a for a, b in itertools.pairwise(edges)]


@st.composite
def _members(
    draw: st.DrawFn,
    *,
    on: dt.date,
    registration: Registration,
    min_size: int,
    max_size: int,
    allow_severe: bool,
) -> list[Member]:
    """Draw the members: an applicant, maybe a spouse, relatives (ids ``m0`` …, shuffled)."""
    size = draw(st.integers(min_size, max_size))
    has_spouse = size > 1 and draw(st.booleans())
    others = size - 1 - has_spouse
    relatives = draw(st.lists(st.sampled_from(_RELATIVES), min_size=others, max_size=others))
    plan = [(Relationship.APPLICANT, 18, 100)]
    if has_spouse:
        plan.append((Relationship.SPOUSE, 18, 100))
    plan.extend(relatives)
    order = draw(st.permutations(range(len(plan))))
    members: list[Member] = []
    staying = tuple(s for s in SpecialStatus if s not in _LEAVES_HOUSEHOLD)
    for position in order:
        relationship, low, high = plan[position]
        person = draw(
            _people(
                pid=f"m{position}",
                on=on,
                registration=registration,
                min_age=low,
                max_age=high,
                with_resident_id=None,
                allow_severe=allow_severe,
                # The applicant applies in person: nobody in prison or missing applies.
                statuses=staying
                if relationship is Relationship.APPLICANT
                else tuple(SpecialStatus),
            )
        )
        members.append(Member(_distinct_id(person, members), relationship, lives_together=None))
    # Members whose counting turns on living together do live together; the others vary.
    _, _, missing = counted_members(Household("H", members), on)
    depends = {int(path.split("[")[1].split("]")[0]) for path in missing}
    return [
        attrs.evolve(
            m,
            lives_together=True
            if i in depends
            else draw(st.sampled_from((True, None, False)), label="lives_together"),
        )
        for i, m in enumerate(members)
    ]


def _held(
    kind: Callable[..., _T],
    *fields: st.SearchStrategy[Any],
    ids: list[str],
    max_size: int,
) -> st.SearchStrategy[tuple[_T, ...]]:
    """Draw nothing, or up to ``max_size`` ``kind(*fields, owner)``, of a member or the household.

    The owner, the last field of an :class:`Asset` and of an :class:`Expenditure`, is one
    of the members ``ids`` or ``None`` (the household's).
    """
    owners = st.sampled_from([*ids, None])
    return st.one_of(
        st.just(()), st.lists(st.builds(kind, *fields, owners), max_size=max_size).map(tuple)
    )


def _expenditures(ids: list[str]) -> st.SearchStrategy[tuple[Expenditure, ...]]:
    """Draw no expenditure, or up to two of any type, of a member or of the household."""
    return _held(
        Expenditure,
        st.sampled_from(ExpenditureType),
        money(max_value=Decimal(50000)),
        ids=ids,
        max_size=2,
    )


@st.composite
def _households(
    draw: st.DrawFn,
    *,
    on: dt.date,
    places: tuple[tuple[str, RegistrationKind], ...],
    min_size: int,
    max_size: int,
    income_fen: tuple[int, int],
    near_standard: Decimal | bool | None,
    allow_severe: bool,
    allow_assets: bool,
) -> Household:
    code, kind = draw(st.sampled_from(places))
    registration = Registration(code, kind)
    members = draw(
        _members(
            on=on,
            registration=registration,
            min_size=min_size,
            max_size=max_size,
            allow_severe=allow_severe,
        )
    )
    ids = [f"m{i}" for i in range(len(members))]
    household_id = f"H{draw(st.integers(1, 99999))}"
    base = Household(household_id, members)
    incomes = draw(
        _incomes(
            base=base,
            on=on,
            income_fen=income_fen,
            near_standard=near_standard,
            registration=registration,
        )
    )
    assets = draw(_assets(ids)) if allow_assets else ()
    expenditures = draw(_expenditures(ids))
    return Household(household_id, members, incomes, assets, expenditures)


@st.composite
def _incomes(
    draw: st.DrawFn,
    *,
    base: Household,
    on: dt.date,
    income_fen: tuple[int, int],
    near_standard: Decimal | bool | None,
    registration: Registration,
) -> list[Income]:
    ids = [m.person.id for m in base.members]
    amounts = _fen(*income_fen).map(_as_yuan)
    free_incomes = st.lists(
        st.builds(Income, st.sampled_from(IncomeType), amounts, st.sampled_from([*ids, None])),
        max_size=len(ids) + 1,
    )
    if near_standard is None or near_standard is False:
        return draw(free_incomes)
    standard = (
        near_standard
        if isinstance(near_standard, Decimal)
        else _standard(registration.jurisdiction, registration.kind, on)
    )
    if standard is None:  # pragma: no cover - households() drew only places that have one
        raise InvalidArgument(f"no dibao standard in {registration.jurisdiction} on {on}")
    # Mostly at, one fen under or one fen over standard × counted members; sometimes free.
    where = draw(st.integers(0, 9), label="near_standard")
    if where == 9:
        return draw(free_incomes)
    counted, _, _ = counted_members(base, on)
    counted_ids = [m.person.id for _, m in counted]
    others = [i for i in ids if i not in counted_ids]
    threshold = yuan_to_fen(standard) * len(counted_ids)
    target = max(threshold + (0, -1, 1)[where % 3], 0)
    parts = draw(st.integers(1, 3))
    cuts = draw(st.lists(st.integers(0, target), min_size=parts - 1, max_size=parts - 1))
    incomes = [
        Income(
            draw(st.sampled_from(_COUNTED_EXACTLY)),
            _as_yuan(part),
            draw(st.sampled_from([*counted_ids, None])),
        )
        for part in _split(target, parts, cuts)
    ]
    # Noise that must not move the counted total: never-counted items, and any income
    # of members who are not counted.
    noise = st.one_of(
        st.builds(Income, st.sampled_from(_NEVER_COUNTED), amounts, st.sampled_from(ids)),
        *(
            [st.builds(Income, st.sampled_from(IncomeType), amounts, st.sampled_from(others))]
            if others
            else []
        ),
    )
    incomes.extend(draw(st.lists(noise, max_size=2)))
    return draw(st.permutations(incomes))


def _assets(ids: list[str]) -> st.SearchStrategy[tuple[Asset, ...]]:
    """Draw no asset, or up to three of any type, exempt or not, of a member or the household."""
    return _held(
        Asset,
        st.sampled_from(AssetType),
        money(max_value=Decimal(100000)),
        st.booleans(),
        ids=ids,
        max_size=3,
    )


def households(
    *,
    on: dt.date = _DEFAULT_ON,
    jurisdiction: str | None = None,
    min_size: int = 1,
    max_size: int = 6,
    income_range: tuple[Decimal, Decimal] = (Decimal(0), Decimal(5000)),
    near_standard: Decimal | int | bool | None = None,
    allow_severe_conditions: bool = True,
    allow_assets: bool = True,
) -> st.SearchStrategy[Household]:
    """Return a strategy for valid households applying as a unit.

    Every household has exactly one applicant (an adult), unique member ids
    (``m0``, ``m1``, … in a shuffled order), and all members share the
    applicant's registration.  A member whose counting as family depends on
    living together (an adult child, a parent, a sibling …) has
    ``lives_together=True``, so the dibao rule never lacks a fact; for the
    others it varies, unknown included.  The applicant is never in prison,
    compulsory rehabilitation, religious premises apart or declared missing.

    :param on: the date the ages (and ``near_standard``'s standard) refer to.
    :param jurisdiction: where the household is registered: a county-level
        code, or a code or name of a larger division (``"500000"``) to draw its
        county-level units; ``None`` draws any current county-level unit.  The
        shipped parameter data covers only some places, so pass one it covers
        (or ``near_standard=True``) when you assess the households.
    :param min_size: the fewest members (at least 1, the applicant).
    :param max_size: the most members.
    :param income_range: the range of each income item's monthly amount, in
        yuan; items belong to a member or (member ``None``) to the household.
        (The items ``near_standard`` aims with are sized to hit their target
        instead.)
    :param near_standard: aim the total counted monthly income at the dibao
        threshold, standard × counted members (民发〔2021〕57号 art. 7): nine
        draws in ten put it exactly at, one fen under or one fen over that
        threshold (a third each), the tenth draws incomes freely.  Pass the
        standard as a ``Decimal``, or ``True`` to read the dibao standard for
        the household's place, registration kind and ``on`` from the default
        parameter book (places are then drawn only where the book has one).
        The aimed total is made of business, property, transfer and other
        income of counted members or the household; noise is added only as
        items never counted (awards, social assistance, …) or as income of
        members who are not counted, so no deduction or switch moves it.
        ``None`` or ``False``: incomes are drawn freely.
    :param allow_severe_conditions: when false, nobody is severely disabled or
        seriously ill, which rules out dibao's single-person inclusion and its
        income cliff (see :mod:`civaffairs.assistance.dibao`).
    :param allow_assets: when false, the household owns nothing; otherwise it
        sometimes owns up to three assets (any type, exempt or not).

    Expenditures are drawn sometimes.  Everything is built directly; nothing
    is filtered.

    .. versionadded:: 0.1.0
    """
    _check_ages(on, 18, 100)
    if isinstance(min_size, bool) or not isinstance(min_size, int) or min_size < 1:
        raise InvalidArgument(f"min_size={min_size!r} must be an integer of 1 or more")
    if isinstance(max_size, bool) or not isinstance(max_size, int) or max_size < min_size:
        raise InvalidArgument(f"max_size={max_size!r} must be an integer of min_size or more")
    if len(income_range) != 2:
        raise InvalidArgument(f"income_range={income_range!r} must be a (low, high) pair")
    income_fen = _fen_range(*income_range)
    if income_fen[0] < 0:
        raise InvalidArgument(f"income_range={income_range!r} must not go below zero")
    places: tuple[tuple[str, RegistrationKind], ...]
    if near_standard is True:
        counties = _counties(jurisdiction)  # validates the code
        within = None if jurisdiction is None else _jurisdictions.get(jurisdiction).code
        places = _places_with_standard(within, on)
        if not places:
            raise InvalidArgument(
                f"near_standard=True, but the default parameter book has no dibao standard "
                f"on {on} in any of the {len(counties)} county-level units of "
                f"jurisdiction={jurisdiction!r}"
            )
    else:
        if isinstance(near_standard, int) and not isinstance(near_standard, bool):
            near_standard = Decimal(near_standard)
        if isinstance(near_standard, Decimal) and (
            not near_standard.is_finite() or near_standard < 0 or near_standard % FEN != 0
        ):
            raise InvalidArgument(f"near_standard={near_standard!r} must be whole fen, 0 or more")
        if near_standard is not None and not isinstance(near_standard, bool | Decimal):
            raise InvalidArgument(f"near_standard={near_standard!r} must be a Decimal or a bool")
        places = _places(_counties(jurisdiction))
    return _households(
        on=on,
        places=places,
        min_size=min_size,
        max_size=max_size,
        income_fen=income_fen,
        near_standard=near_standard,
        allow_severe=allow_severe_conditions,
        allow_assets=allow_assets,
    )


def supporters(
    *, on: dt.date = _DEFAULT_ON, max_monthly_income: Decimal | int = 5000
) -> st.SearchStrategy[Supporter]:
    """Draw statutory supporters of a 特困 applicant (《特困人员认定办法》 art. 8), not members.

    Every fact of art. 8 is drawn known or unknown (``None``): birth date (aged
    18 to 100 on ``on``), disability (and ``disabled``), situations, own monthly income (whole
    fen, 0 to ``max_monthly_income``), registration kind and whether property
    is within the rules, so three-valued outcomes are all reached.

    .. versionadded:: 0.1.0
    """
    if not isinstance(on, dt.date) or isinstance(on, dt.datetime):
        raise InvalidArgument(f"on={on!r} must be a datetime.date")
    high = _fen_range(0, max_monthly_income)[1]
    earliest, latest = _birth_bounds(on, 18, 100)
    return st.builds(
        Supporter,
        relationship=st.sampled_from(
            [Relationship.CHILD, Relationship.SPOUSE, Relationship.PARENT, Relationship.SIBLING]
        ),
        birth_date=st.none() | st.dates(min_value=earliest, max_value=latest),
        disability=_disabilities(allow_severe=True),
        situations=st.none() | st.frozensets(st.sampled_from(SupporterSituation), max_size=2),
        property_within_rules=st.sampled_from([True, False, None]),
        monthly_income=st.none() | _fen(0, high).map(_as_yuan),
        registration_kind=st.none() | st.sampled_from(RegistrationKind),
    ).flatmap(_with_disabled)


def _with_disabled(supporter: Supporter) -> st.SearchStrategy[Supporter]:
    """Draw ``disabled`` consistent with the drawn disability (a given one implies it)."""
    choices = [None, True] if supporter.disability is not None else [None, False, True]
    return st.sampled_from(choices).map(lambda d: attrs.evolve(supporter, disabled=d))


# -- eldercare: older persons and the subsidies of eldercare.subsidies -------------------------

_OLDER_FLAGS: Final = (
    "living_alone",
    "empty_nest",
    "left_behind",
    "family_planning_special",
    "registered_poor",
)


def older_persons(
    *,
    on: dt.date = _DEFAULT_ON,
    jurisdiction: str | None = None,
    min_age: int = 55,
    max_age: int = 100,
    known: bool = False,
) -> st.SearchStrategy[OlderPerson]:
    """Return a strategy for the facts eldercare rules read about one older person.

    :param on: the date the ages refer to.
    :param jurisdiction: where the person is registered (as for :func:`persons`).
    :param min_age: the youngest age in full years on ``on`` (55 by default, so that the
        older-person boundary of 60 is crossed).
    :param max_age: the oldest age.
    :param known: when true, every fact is established; otherwise each fact (the
        assistance layer, the GB/T 42195 grade, the five flags) is sometimes ``None``.

    .. versionadded:: 0.1.0
    """
    _check_ages(on, min_age, max_age)
    maybe: Callable[[st.SearchStrategy[Any]], st.SearchStrategy[Any]] = (
        (lambda s: s) if known else (lambda s: st.none() | s)
    )
    return st.builds(
        OlderPerson,
        persons(on=on, jurisdiction=jurisdiction, min_age=min_age, max_age=max_age),
        layer=maybe(st.sampled_from(AssistanceLayer)),
        ability=maybe(st.sampled_from(AbilityGrade)),
        **{name: maybe(st.booleans()) for name in _OLDER_FLAGS},
    )


def subsidy_requests(
    *,
    on: dt.date = _DEFAULT_ON,
    jurisdiction: str | None = None,
    known: bool = False,
    settings: Sequence[CareSetting] = tuple(CareSetting),
) -> st.SearchStrategy[SubsidyRequest]:
    """Return a strategy for requests of :mod:`civaffairs.eldercare.subsidies`.

    Persons are aged 59 to 100 on ``on`` (the older-person boundary of 60 is crossed);
    特困, 低保 and the severe grades are drawn more often, so that every subsidy is reached.
    The assessment date is drawn from about two years before ``on`` up to ``on`` (and never
    before the birth date), so that current and out-of-date grades both occur, the last
    current day included; the disability care subsidy is whole fen up to 500 yuan, 0
    often, and drawn above 0 only for a certificate holder outside 特困 support.  With
    ``known``, every fact is established (the subsidy too).

    :param on: the date the request is decided on.
    :param jurisdiction: where the person is registered (as for :func:`persons`).
    :param known: every fact established.
    :param settings: the care settings to draw from.

    .. versionadded:: 0.1.0
    """
    if not settings or not all(isinstance(s, CareSetting) for s in settings):
        raise InvalidArgument(f"settings={settings!r} must be a non-empty list of CareSetting")
    return _subsidy_requests(
        # Persons drawn at the 60 boundary often, and older persons as often again.
        people=persons(on=on, jurisdiction=jurisdiction, min_age=59, max_age=100)
        | persons(on=on, jurisdiction=jurisdiction, min_age=60, max_age=100),
        on=on,
        known=known,
        settings=tuple(settings),
    )


#: Layers and grades drawn for subsidy requests: every one, and those that open a subsidy
#: (特困, 低保; 完全失能) once more, so that each subsidy is reached often.
_SUBSIDY_LAYERS: Final = (
    *AssistanceLayer,
    AssistanceLayer.EXTREME_POVERTY,
    AssistanceLayer.DIBAO,
    AssistanceLayer.DIBAO,
)
_SUBSIDY_GRADES: Final = (*AbilityGrade, AbilityGrade.COMPLETE, AbilityGrade.SEVERE)


@st.composite
def _subsidy_requests(
    draw: st.DrawFn,
    *,
    people: st.SearchStrategy[Person],
    on: dt.date,
    known: bool,
    settings: tuple[CareSetting, ...],
) -> SubsidyRequest:
    maybe: Callable[[st.SearchStrategy[Any]], st.SearchStrategy[Any]] = (
        (lambda s: s) if known else (lambda s: st.none() | s)
    )
    person = draw(people)
    older = OlderPerson(
        person,
        layer=draw(maybe(st.sampled_from(_SUBSIDY_LAYERS))),
        ability=draw(maybe(st.sampled_from(_SUBSIDY_GRADES))),
        **{name: draw(maybe(st.booleans())) for name in _OLDER_FLAGS},
    )
    earliest = max(person.birth_date, _same_day(on, on.year - 2))
    boundary = _same_day(on, on.year - 1)  # the last current day under a 12-month interval
    recent = max(person.birth_date, boundary)
    dates = (
        st.sampled_from([boundary, boundary - _ONE_DAY])
        | st.dates(recent, on)
        | st.dates(earliest, on)
    )
    assessed = draw(maybe(dates))
    if assessed is not None and assessed < person.birth_date:
        assessed = person.birth_date  # only when a boundary before the birth was drawn
    # Only a certificate holder outside 特困 support can receive the disability care subsidy
    # (SubsidyRequest refuses a positive amount for anyone else).
    receives = person.disability is not None and older.layer is not AssistanceLayer.EXTREME_POVERTY
    subsidy = (
        st.just(Decimal(0)) | _fen(0, 50_000).map(_as_yuan) if receives else st.just(Decimal(0))
    )
    return SubsidyRequest(
        older,
        draw(st.sampled_from(settings)),
        ability_assessed_on=assessed,
        disability_care_subsidy=draw(maybe(subsidy)),
    )


# -- family.marriage: couples and divorce applications ------------------------------------------

#: A party's fact: mostly the value that meets the condition, sometimes the other or unknown.
_MARRIAGE_FACTS: Final = {
    "has_spouse": st.one_of(st.just(False), st.sampled_from([True, False, None])),
    "consents": st.one_of(st.just(True), st.sampled_from([True, False, None])),
    "in_person": st.one_of(st.just(True), st.sampled_from([True, False, None])),
}


def _with_sex(person: Person, sex: Sex, sequence: int) -> Person:
    """Return ``person`` of ``sex``, with a resident ID number encoding it if they have one."""
    rid = person.resident_id
    if rid is None:
        return attrs.evolve(person, sex=sex)
    parity = 1 if sex is Sex.MALE else 0
    number = generate(rid.reveal()[:6], person.birth_date, (sequence * 2 + parity) % 1000)
    return attrs.evolve(person, sex=sex, resident_id=number)


def marriage_applications(
    *,
    on: dt.date = _DEFAULT_ON,
    min_age: int = 16,
    max_age: int = 60,
    same_sex: bool = False,
) -> st.SearchStrategy[MarriageApplication]:
    """Draw couples applying to register a marriage on ``on`` (:mod:`civaffairs.family.marriage`).

    :param on: the date the ages refer to.
    :param min_age: the youngest party, in full years on ``on`` (ages around the legal
        minimum, 20 and 22, are drawn often).
    :param max_age: the oldest party.
    :param same_sex: when true, couples of the same sex are drawn too; otherwise a man and
        a woman, in either order.

    Each party's facts (spouse, consent, presence) and the kinship are drawn
    mostly meeting the condition, sometimes not, sometimes unknown (``None``), so every
    outcome is reached.  The office is one party's place of registration or any county.

    .. versionadded:: 0.1.0
    """
    _check_ages(on, min_age, max_age)
    if not isinstance(same_sex, bool):
        raise InvalidArgument(f"same_sex={same_sex!r} must be a bool")
    generations = st.integers(0, 4)
    kinships = st.one_of(
        st.none(),
        st.just(Kinship(related=False)),
        st.tuples(generations, st.integers(1, 4))
        .flatmap(lambda pair: st.sampled_from([pair, pair[::-1]]))
        .map(lambda pair: Kinship(True, pair[0], pair[1])),
    )

    @st.composite
    def couples(draw: st.DrawFn) -> MarriageApplication:
        people = persons(on=on, min_age=min_age, max_age=max_age)
        first = attrs.evolve(draw(people), id="a")
        second = attrs.evolve(draw(people), id="b")
        sexes = draw(st.sampled_from([(Sex.MALE, Sex.FEMALE), (Sex.FEMALE, Sex.MALE)]))
        if same_sex and draw(st.booleans()):
            sexes = (sexes[0], sexes[0])
        first = _with_sex(first, sexes[0], draw(st.integers(0, 499)))
        second = _with_sex(second, sexes[1], draw(st.integers(0, 499)))
        if first.resident_id is not None and first.resident_id == second.resident_id:
            second = attrs.evolve(second, resident_id=None)
        parties = tuple(
            MarriageParty(person, **{name: draw(facts) for name, facts in _MARRIAGE_FACTS.items()})
            for person in (first, second)
        )
        homes = [first.registration.jurisdiction, second.registration.jurisdiction]
        office = draw(st.one_of(st.sampled_from(homes), jurisdictions()))
        return MarriageApplication(office, (parties[0], parties[1]), draw(kinships))

    return couples()


def divorce_applications(
    *,
    received_from: dt.date = dt.date(2021, 1, 1),
    received_until: dt.date = dt.date(2026, 12, 31),
) -> st.SearchStrategy[DivorceApplication]:
    """Draw divorce-by-agreement applications with what happened in the next 90 days.

    :param received_from: the earliest day of receipt (the Civil Code's periods apply from
        2021-01-01, art. 1260).
    :param received_until: the latest day of receipt.

    The withdrawal and the joint application for the certificate are each absent or a day
    0–90 after receipt; the rest-day calendar is absent, empty, or a set of days in the
    same 90 days (weekends and runs of holidays included), so art. 203 moves last days.

    .. versionadded:: 0.1.0
    """
    if received_from > received_until:
        raise InvalidArgument(f"received_from={received_from} is after {received_until}")

    @st.composite
    def applications(draw: st.DrawFn) -> DivorceApplication:
        received = draw(st.dates(min_value=received_from, max_value=received_until))
        later = st.integers(0, 90).map(lambda days: received + dt.timedelta(days=days))
        runs = st.lists(st.tuples(later, st.integers(1, 9)), max_size=4)
        calendar = st.one_of(
            st.none(),
            st.just(frozenset[dt.date]()),
            runs.map(
                lambda found: frozenset(
                    start + dt.timedelta(days=k) for start, length in found for k in range(length)
                )
            ),
        )
        return DivorceApplication(
            id=f"D{draw(st.integers(0, 9999))}",
            office=draw(jurisdictions()),
            received_on=received,
            rest_days=draw(calendar),
            withdrawn_on=draw(st.none() | later),
            certificate_applied_on=draw(st.none() | later),
        )

    return applications()


# -- 困境儿童 (assistance.children_in_difficulty) ------------------------------------------------


def _unknown_or(values: st.SearchStrategy[_T]) -> st.SearchStrategy[_T | None]:
    return st.none() | values


def children_in_difficulty_facts(
    *, max_incidents: int = 3
) -> st.SearchStrategy[_difficulty.ChildInDifficultyFacts]:
    """Draw the facts of a child in difficulty, each known or not established (``None``).

    The layer, the children's allowance, 临时救助, autism, the welfare institution
    and other economic hardship are each drawn ``None`` or a value; up to
    ``max_incidents`` guardianship incidents, each with its situation and harm
    known or not.

    .. versionadded:: 0.1.0
    """
    if isinstance(max_incidents, bool) or not isinstance(max_incidents, int) or max_incidents < 0:
        raise InvalidArgument(f"max_incidents={max_incidents!r} must be a whole number, 0 or more")
    incident = st.builds(
        _difficulty.Incident,
        situation=_unknown_or(st.sampled_from(_difficulty.GuardianshipSituation)),
        harm=_unknown_or(st.sampled_from(_difficulty.Harm)),
    )
    flag = st.sampled_from([None, False, True])
    return st.builds(
        _difficulty.ChildInDifficultyFacts,
        layer=_unknown_or(st.sampled_from(AssistanceLayer)),
        child_allowance=_unknown_or(st.sampled_from(ChildAllowance)),
        temporary_assistance=flag,
        autism=flag,
        in_welfare_institution=flag,
        other_economic_hardship=flag,
        incidents=st.lists(incident, max_size=max_incidents).map(tuple),
    )


def children_in_difficulty_applications(
    *,
    on: dt.date = _DEFAULT_ON,
    jurisdiction: str | None = None,
    min_age: int = 0,
    max_age: int = 17,
    max_incidents: int = 3,
) -> st.SearchStrategy[_difficulty.ChildInDifficultyApplication]:
    """Draw one child's case: a one- or two-member household, the child's id and the facts.

    The child (id ``c``, aged ``min_age`` to ``max_age`` on ``on``, 0–17 by
    default: raise ``max_age`` to draw adults too) may hold a disability
    certificate of any category and grade; the facts are
    :func:`children_in_difficulty_facts`.

    .. versionadded:: 0.1.0
    """
    _check_ages(on, min_age, max_age)
    counties = _counties(jurisdiction)
    return _difficulty_applications(
        on=on,
        counties=counties,
        ages=(min_age, max_age),
        facts=children_in_difficulty_facts(max_incidents=max_incidents),
    )


@st.composite
def _difficulty_applications(
    draw: st.DrawFn,
    *,
    on: dt.date,
    counties: tuple[str, ...],
    ages: tuple[int, int],
    facts: st.SearchStrategy[_difficulty.ChildInDifficultyFacts],
) -> _difficulty.ChildInDifficultyApplication:
    registration = Registration(
        draw(st.sampled_from(counties)), draw(st.sampled_from(RegistrationKind))
    )
    child = draw(
        _people(
            pid="c",
            on=on,
            registration=registration,
            min_age=ages[0],
            max_age=ages[1],
            with_resident_id=None,
            allow_severe=True,
            statuses=(SpecialStatus.FULL_TIME_STUDENT,),
        )
    )
    members = [Member(child, Relationship.APPLICANT, lives_together=True)]
    if draw(st.booleans()):
        adult = draw(
            _people(
                pid="g",
                on=on,
                registration=registration,
                min_age=18,
                max_age=90,
                with_resident_id=False,
                allow_severe=True,
                statuses=(SpecialStatus.FULL_TIME_STUDENT,),
            )
        )
        members.append(Member(adult, Relationship.GRANDPARENT, lives_together=True))
    household = Household(f"H{draw(st.integers(0, 999))}", members)
    return _difficulty.ChildInDifficultyApplication(household, "c", draw(facts))


# -- 流浪乞讨人员救助管理 (assistance.vagrancy) ----------------------------------------------

_THREE: Final = (True, False, None)


def _three_valued() -> st.SearchStrategy[bool | None]:
    return st.sampled_from(_THREE)


def _stay_extensions(
    requested_on: dt.date, on: dt.date
) -> st.SearchStrategy[tuple[StayExtension, ...]]:
    """Extensions decided between admission and ``on``, filed (or not) by ``on``."""

    @st.composite
    def one(draw: st.DrawFn) -> StayExtension:
        decided = draw(st.dates(min_value=requested_on, max_value=on))
        filed = draw(st.none() | st.dates(min_value=decided, max_value=on))
        return StayExtension(decided, draw(st.integers(1, 30)), filed_on=filed)

    return st.lists(one(), max_size=3).map(tuple)


def vagrancy_cases(
    *,
    on: dt.date = _DEFAULT_ON,
    station: str | None = None,
    max_days_before: int = 60,
) -> st.SearchStrategy[VagrancyCase]:
    """Return a strategy for station-relief cases (流浪乞讨人员救助管理) decidable on ``on``.

    Help was sought 0 to ``max_days_before`` days before ``on`` (not before
    2003-08-01, when the measures took effect); every condition, the signs of mental
    disorder and the exit facts are drawn ``True``, ``False`` or ``None``; the identity
    is a drawn person (aged 0 to 100 ``max_days_before`` days before ``on``; masked
    name, sometimes a resident ID) or unknown with or
    without an estimated age; up to three extensions are decided between admission
    and ``on``, filed or not.  ``station`` is a county-level code (``None``: any).

    .. versionadded:: 0.1.0
    """
    if not isinstance(on, dt.date) or isinstance(on, dt.datetime):
        raise InvalidArgument(f"on={on!r} must be a datetime.date")
    if on < _VAGRANCY_IN_FORCE:
        raise InvalidArgument(f"on={on!r} is before the measures took effect (2003-08-01)")
    if isinstance(max_days_before, bool) or not isinstance(max_days_before, int):
        raise InvalidArgument(f"max_days_before={max_days_before!r} must be an int")
    if max_days_before < 0:
        raise InvalidArgument(f"max_days_before={max_days_before!r} must be at least 0")
    stations = st.just(station) if station is not None else jurisdictions()
    if station is not None:
        try:
            _jurisdictions.get(station)
        except LookupError as exc:
            raise InvalidArgument(f"station={station!r}: {exc}") from None
    earliest = max(_VAGRANCY_IN_FORCE, on - dt.timedelta(days=max_days_before))
    # Born on or before the earliest day help may be sought, so never after it.
    people = persons(on=earliest, max_age=100)

    @st.composite
    def build(draw: st.DrawFn) -> VagrancyCase:
        requested_on = draw(st.dates(min_value=earliest, max_value=on))
        person = draw(st.none() | people)
        estimated = None if person is not None else draw(st.none() | st.integers(0, 100))
        return VagrancyCase(
            draw(st.sampled_from(["JZ-1", "JZ-2", "站-0003"])),
            draw(stations),
            requested_on,
            draw(st.sampled_from(Disclosure)),
            Conditions(*(draw(_three_valued()) for _ in range(4))),
            person=person,
            estimated_age=estimated,
            mental_or_intellectual_signs=draw(_three_valued()),
            ill_in_station=draw(st.booleans()),
            reduced_mobility=draw(st.booleans()),
            exit=ExitFacts(*(draw(_three_valued()) for _ in range(4))),
            extensions=draw(_stay_extensions(requested_on, on)),
        )

    return build()


# -- family.adoption (收养登记) ------------------------------------------------------------------
# Imported here, not above, so that this area's strategies stay one block of the file.

from civaffairs.family.adoption import CIVIL_CODE_IN_FORCE  # noqa: E402
from civaffairs.family.adoption_facts import (  # noqa: E402
    Adopter,
    AdoptionApplication,
    AdoptionDocument,
    BirthParentsPlacing,
    Child,
    ChildSituation,
    Placer,
    PlacerKind,
    Relation,
    SupportDutyConsent,
)

__all__ += ["adoption_applications"]


def _unless_established(
    values: st.SearchStrategy[_T], *, established: bool
) -> st.SearchStrategy[_T | None]:
    """``values``, or also ``None`` (not established) unless every fact must be established."""
    return values if established else st.none() | values


def _adoption_births(on: dt.date, min_age: int, max_age: int, edges: Sequence[int]) -> Any:
    """Birth dates of people aged ``min_age``–``max_age``, often exactly at an ``edges`` age."""
    earliest, latest = _birth_bounds(on, min_age, max_age)
    exact = sorted({d for age in edges for d in _birthdays(on, age, earliest, latest)})
    anywhere = st.dates(min_value=earliest, max_value=latest)
    return st.sampled_from(exact) | anywhere if exact else anywhere


def _adoption_names() -> st.SearchStrategy[str | None]:
    return st.none() | st.builds(
        lambda s, g: s + g, st.sampled_from(_SURNAMES), st.text(_GIVEN, min_size=1, max_size=2)
    )


@st.composite
def _adoption_applications(
    draw: st.DrawFn,
    *,
    on: dt.date,
    office: str,
    established: bool,
    complete_documents: bool,
) -> AdoptionApplication:
    registration = Registration(office, RegistrationKind.URBAN)
    bools = _unless_established(st.booleans(), established=established)
    adopters = []
    for index in range(draw(st.integers(min_value=1, max_value=2))):
        person = Person(
            f"a{index + 1}",
            draw(_adoption_births(on, 18, 90, (30, 40))),
            draw(st.sampled_from(Sex)),
            registration,
            name=draw(_adoption_names()),
        )
        adopters.append(
            Adopter(
                person,
                children=draw(
                    _unless_established(
                        st.integers(min_value=0, max_value=3), established=established
                    )
                ),
                has_spouse=draw(bools),
                able_to_raise=draw(bools),
                disqualifying_illness=draw(bools),
                disqualifying_record=draw(bools),
                overseas_chinese=draw(bools),
            )
        )
    children = []
    for index in range(draw(st.integers(min_value=1, max_value=3))):
        person = Person(
            f"c{index + 1}",
            draw(_adoption_births(on, 0, 19, (8, 18))),
            draw(st.sampled_from(Sex)),
            registration,
            name=draw(_adoption_names()),
        )
        announced = st.dates(min_value=on - dt.timedelta(days=200), max_value=on)
        children.append(
            Child(
                person,
                situation=draw(
                    _unless_established(st.sampled_from(ChildSituation), established=established)
                ),
                relation=draw(
                    _unless_established(st.sampled_from(Relation), established=established)
                ),
                disabled=draw(bools),
                consents=draw(bools),
                announced_on=draw(_unless_established(announced, established=established)),
                claimed=draw(bools),
                found_in=draw(_unless_established(st.just(office), established=established)),
            )
        )
    placer = Placer(
        draw(st.sampled_from(PlacerKind)),
        location=draw(_unless_established(st.just(office), established=established)),
        birth_parents=draw(
            _unless_established(st.sampled_from(BirthParentsPlacing), established=established)
        ),
        support_duty_consent=draw(
            _unless_established(st.sampled_from(SupportDutyConsent), established=established)
        ),
    )
    everything = frozenset(AdoptionDocument)
    documents = (
        everything
        if complete_documents
        else draw(st.just(everything) | st.frozensets(st.sampled_from(AdoptionDocument)))
    )
    # the rest-day calendar: none given, empty, or runs of days around the announcements' ends
    near = st.integers(min_value=-70, max_value=10).map(lambda d: on + dt.timedelta(days=d))
    runs = st.lists(st.tuples(near, st.integers(min_value=1, max_value=9)), max_size=3)
    calendar = runs.map(
        lambda found: frozenset(
            start + dt.timedelta(days=k) for start, length in found for k in range(length)
        )
    )
    rest_days = draw(
        _unless_established(st.just(frozenset[dt.date]()) | calendar, established=established)
    )
    return AdoptionApplication(
        tuple(adopters), tuple(children), placer, office, documents, rest_days
    )


#: (situation, placer) pairs of art. 1094 that a registration office grants as they stand.
_PLACINGS: Final = (
    (ChildSituation.PARENTS_UNABLE, PlacerKind.BIRTH_PARENTS),
    (ChildSituation.ORPHAN, PlacerKind.WELFARE_INSTITUTION),
    (ChildSituation.ORPHAN, PlacerKind.GUARDIAN),
    (ChildSituation.PARENTS_NOT_FOUND, PlacerKind.WELFARE_INSTITUTION),
    (ChildSituation.PARENTS_INCAPABLE, PlacerKind.GUARDIAN),
)


@st.composite
def _qualified_adoptions(draw: st.DrawFn, *, on: dt.date, office: str) -> AdoptionApplication:
    """Draw a married couple without children, one child, every condition met, every document."""
    registration = Registration(office, RegistrationKind.URBAN)
    adopters = tuple(
        Adopter(
            Person(
                f"a{index + 1}",
                draw(_adoption_births(on, 30, 70, (30,))),
                sex,
                registration,
                name=draw(_adoption_names()),
            ),
            children=0,
            has_spouse=True,
            able_to_raise=True,
            disqualifying_illness=False,
            disqualifying_record=False,
            overseas_chinese=draw(st.booleans()),
        )
        for index, sex in enumerate((Sex.MALE, Sex.FEMALE))
    )
    situation, kind = draw(st.sampled_from(_PLACINGS))
    born = draw(_adoption_births(on, 0, 17, (8,)))
    announced = on - dt.timedelta(days=draw(st.integers(min_value=61, max_value=400)))
    child = Child(
        Person("c1", born, draw(st.sampled_from(Sex)), registration, name=draw(_adoption_names())),
        situation=situation,
        relation=Relation.UNRELATED,
        disabled=draw(st.booleans()),
        consents=True if age_in_full_years(born, on) >= 8 else draw(st.none() | st.booleans()),
        announced_on=announced if situation is ChildSituation.PARENTS_NOT_FOUND else None,
        claimed=False if situation is ChildSituation.PARENTS_NOT_FOUND else None,
    )
    placer = Placer(
        kind,
        office,
        birth_parents=BirthParentsPlacing.BOTH if kind is PlacerKind.BIRTH_PARENTS else None,
        support_duty_consent=draw(
            st.sampled_from([SupportDutyConsent.NONE_OWED, SupportDutyConsent.GIVEN])
        ),
    )
    documents = frozenset(AdoptionDocument)
    # a calendar with no rest day: the announcement ended on its nominal last day (art. 203)
    return AdoptionApplication(adopters, (child,), placer, office, documents, frozenset())


def adoption_applications(
    *,
    on: dt.date = _DEFAULT_ON,
    office: str = "500156",
    established: bool = False,
    complete_documents: bool = False,
    qualified: bool = False,
) -> st.SearchStrategy[AdoptionApplication]:
    """Draw applications to register an adoption (:mod:`civaffairs.family.adoption`) on ``on``.

    One or two adopters (aged 18 to 90, often exactly 30 or 40), one to three children
    (aged 0 to 19, often exactly 8 or 18), any placer, all registered in and filed with the
    county ``office``.  Every fact is drawn established or not (``None``) unless
    ``established``; the documents are all of them, or any subset unless
    ``complete_documents``, so every outcome is reached.  With ``qualified``, draw only
    applications every condition of which is met (a married couple without children, aged
    30 to 70, one child placed as art. 1094 allows, the announcement over, every document
    in): registration is granted, and a test varies one fact from there.

    .. versionadded:: 0.1.0
    """
    if not isinstance(on, dt.date) or isinstance(on, dt.datetime) or on < CIVIL_CODE_IN_FORCE:
        raise InvalidArgument(f"on={on!r} must be a datetime.date from 2021-01-01")
    try:
        found = _jurisdictions.get(office)
    except LookupError:
        raise InvalidArgument(f"office={office!r} must be a known GB/T 2260 county code") from None
    if found.level is not Level.COUNTY:
        raise InvalidArgument(f"office={office!r} must be a county-level code")
    if qualified:
        return _qualified_adoptions(on=on, office=office)
    return _adoption_applications(
        on=on, office=office, established=established, complete_documents=complete_documents
    )
