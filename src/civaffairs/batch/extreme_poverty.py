"""特困人员救助供养 for a whole registry in columns, person by person, exactly as the scalar rule.

:func:`assess_table` decides :func:`civaffairs.assistance.extreme_poverty.assess_person`
for every person of a persons table (:mod:`civaffairs.batch.schema`) on one date.  It
evaluates the scalar rule's own bodies with :data:`~civaffairs.batch.arrays.NUMPY`
operations: :func:`~civaffairs.assistance.extreme_poverty.work_capacity.capacity_rule`
(认定办法 art. 5, art. 24 for minors; 社会救助暂行办法 art. 14),
:func:`~civaffairs.assistance.extreme_poverty.living.income_rule` and
:func:`~civaffairs.assistance.extreme_poverty.living.property_rule` (arts. 6–7), the
supporter heads of art. 8 with the three-valued
:func:`~civaffairs.assistance.extreme_poverty.supporters.all_of` and
:func:`~civaffairs.assistance.extreme_poverty.supporters.any_of` (art. 4 (三)), and the
care tiers and :func:`~civaffairs.assistance.extreme_poverty.care.monthly_amount`
(arts. 21–22; 国发〔2016〕14号 (二); 社会救助暂行办法 art. 15: "对生活不能自理的给予照料",
"特困人员供养标准，由省、自治区、直辖市或者设区的市级人民政府确定、公布" — the standards are
parameters).  A property test compares every person with the
scalar decision: outcome, amount to the fen, :func:`meets_conditions
<civaffairs.assistance.extreme_poverty.meets_conditions>` and the reason codes.

**The facts beyond the household** are columns of the one persons table, on the
person's own row, prefixed ``ep_`` (:data:`COLUMNS`); a null cell is a fact not
established (never a default), and a column left out is null for every row.  The
statutory supporters are one ``list<struct>`` cell per person: null when not
established, an empty list when the person has none.  They are evaluated in a
flattened array of supporters (one row each, found from the list offsets) and
reduced per person.

**The person's own means** (art. 6 本人收入, art. 7 本人财产) are read from the columns
:func:`~civaffairs.batch._persons.read_persons` reads for 低保: the person's
``income_<type>`` cells are their own; the household's ``household_income_<type>``,
``asset_<type>`` and ``owns_<type>`` cells name no member, so they are the person's
in a household of one and, in a larger household, unattributed — a missing fact
where their owner could change the answer (as
:func:`~civaffairs.assistance.means.owned_by` reads an item with no member).  An
income or financial-asset cell of 0 is no item.

**Where**: a person is decided where the household's ``jurisdiction`` cell says,
else at the call's ``jurisdiction``, else where the person is registered — their
own ``registration`` cell, or the applicant's when theirs is null (as
:func:`~civaffairs.batch.schema.from_table` reads it); likewise the registration
kind.

Bad cells (the 低保 columns as :mod:`civaffairs.batch.dibao` checks them, and every
``ep_`` cell: unknown codes, a supporter naming no member of the household, a
supporter's birth date after the as-of date, a disability grade without its
category …) make every person of their household "cannot decide"
(``batch.invalid_value``, the cells named in ``problems``; a supporter's field as
``ep_supporters[1].member``); with ``errors="raise"`` the call fails listing every
bad cell (``$[row].ep_supporters[1].member``).  A parameter not in force where a
person's decision needs it makes that person "cannot decide"
(``batch.parameter_unavailable``), or, raising, fails with the first such error.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

import attrs
import numpy as np
import numpy.typing as npt
import pyarrow as pa

from civaffairs.assistance import extreme_poverty as scalar
from civaffairs.assistance.extreme_poverty import care, living, rule, supporters, work_capacity
from civaffairs.assistance.extreme_poverty._shared import MAJORITY_AGE
from civaffairs.assistance.extreme_poverty.facts import (
    CareTier,
    DailyActivity,
    ExtremePovertyFacts,
    SupportArrangement,
    Supporter,
    SupporterSituation,
)
from civaffairs.batch import _per_person as people_
from civaffairs.batch._columns import Bools, Ints, Reader, arrow, mask_of
from civaffairs.batch._common import (
    ALL,
    R_INVALID_VALUE,
    R_PARAMETER_UNAVAILABLE,
    BadCell,
    Errors,
    any_bad,
    check_errors,
    finish,
    in_threads,
    lists,
    render_summary_rows,
    workers_for,
)
from civaffairs.batch._extreme_poverty_columns import (
    ABILITY,
    ABILITY_VALUES,
    ACTIVITIES,
    ACTIVITY_VALUES,
    ARRANGEMENT,
    ARRANGEMENT_VALUES,
    CHILD,
    SCHOOL,
    SITUATION_VALUES,
    SUPPORTED,
    SUPPORTERS,
    Nested,
    People,
    Supporters,
    person_ids_of,
    popcount,
    read_people,
    read_supporters,
)
from civaffairs.batch._persons import Facts, read_persons
from civaffairs.batch.arrays import EPOCH, NUMPY, Households, ages, calendar_parts
from civaffairs.batch.plumbing import (
    SLICE_ROWS,
    Frame,
    HouseholdSlice,
    checked_table,
    first_parameter_error,
    household_slices,
)
from civaffairs.batch.schema import (
    ASSET_COLUMNS,
    CATEGORY_VALUES,
    HOUSEHOLD_INCOME_COLUMNS,
    KIND_VALUES,
    OWNS_COLUMNS,
    RELATIONSHIP_VALUES,
    member_ids,
    persons_schema,
)
from civaffairs.decisions import Outcome
from civaffairs.entities import (
    INTELLECTUAL_OR_MENTAL,
    AbilityGrade,
    AssetType,
    Disability,
    DisabilityCategory,
    Household,
    IncomeType,
    RegistrationKind,
    Relationship,
)
from civaffairs.errors import (
    CivaffairsError,
    InvalidDocumentError,
    InvalidInputError,
    ParameterError,
    UnknownJurisdictionError,
)
from civaffairs.money import fen_to_yuan, yuan_to_fen
from civaffairs.parameters import ParameterBook, default_book

__all__ = [
    "COLUMNS",
    "REASON_CATALOGUE",
    "SUPPORTER_TYPE",
    "assess_for_layers",
    "assess_table",
    "read_facts",
    "render_summary",
    "summarise",
    "synthetic_columns",
    "to_table",
    "write_facts",
]

#: One statutory supporter (:class:`~civaffairs.assistance.extreme_poverty.Supporter`) in the
#: ``ep_supporters`` column: ``relationship`` (required, a
#: :class:`~civaffairs.entities.Relationship` value, to the person assessed); ``member`` (the
#: ``person_id`` of a member of the same household, whose birth date, disability,
#: registration kind and statuses are then read from the member's row — leave the four
#: fields below null); ``birth_date``; ``disability_category`` and ``disability_grade``
#: (1–4, given together); ``disabled`` (whether a non-member holds a disability
#: certificate: null not established, false none); ``situations`` (list of
#: :class:`~civaffairs.assistance.extreme_poverty.SupporterSituation` values: null not
#: established, empty none); ``property_within_rules``; ``monthly_income`` (own income, fen a
#: month); ``registration_kind`` (``urban`` or ``rural``).  Null is "not established".
SUPPORTER_TYPE: Final = pa.struct(
    [
        pa.field("relationship", pa.string()),
        pa.field("member", pa.string()),
        pa.field("birth_date", pa.date32()),
        pa.field("disability_category", pa.string()),
        pa.field("disability_grade", pa.int8()),
        pa.field("disabled", pa.bool_()),
        pa.field("situations", pa.list_(pa.string())),
        pa.field("property_within_rules", pa.bool_()),
        pa.field("monthly_income", pa.int64()),
        pa.field("registration_kind", pa.string()),
    ]
)

#: The persons table's columns of 特困, one per fact of
#: :class:`~civaffairs.assistance.extreme_poverty.ExtremePovertyFacts`, on the person's row:
#:
#: - ``ep_supporters`` — ``list<struct>`` (:data:`SUPPORTER_TYPE`): the statutory supporters;
#:   null not established, empty none (认定办法 arts. 4 (三), 8);
#: - ``ep_activities_not_achieved`` — ``list<string>`` of
#:   :class:`~civaffairs.assistance.extreme_poverty.DailyActivity` values: the daily
#:   activities the person cannot do alone (arts. 21–22); null not assessed, empty none;
#: - ``ep_ability_grade`` — string, a :class:`~civaffairs.entities.AbilityGrade` value
#:   (GB/T 42195), which decides the care tier where given;
#: - ``ep_arrangement`` — string, ``concentrated`` (集中供养) or ``dispersed`` (分散供养);
#: - ``ep_child_allowance`` — bool: a minor chose the orphan / 事实无人抚养 allowance (art. 9);
#: - ``ep_supported_as_minor`` — bool: already a 特困 person recognised as a minor (art. 24);
#: - ``ep_in_secondary_school`` — bool: past 18, in compulsory, high or secondary vocational
#:   school (art. 24), asked of a recorded full-time student only.
COLUMNS: Final[Mapping[str, pa.DataType]] = {
    "ep_supporters": pa.list_(SUPPORTER_TYPE),
    "ep_activities_not_achieved": pa.list_(pa.string()),
    "ep_ability_grade": pa.string(),
    "ep_arrangement": pa.string(),
    "ep_child_allowance": pa.bool_(),
    "ep_supported_as_minor": pa.bool_(),
    "ep_in_secondary_school": pa.bool_(),
}

#: The reason codes a person's row may carry, in the order they are listed.
REASON_CATALOGUE: Final = (
    rule.R_REGISTRATION_ELSEWHERE.code,
    rule.R_REGISTRATION.code,
    rule.R_STATUS.code,
    work_capacity.R_ELDERLY.code,
    work_capacity.R_MINOR.code,
    work_capacity.R_MINOR_SUPPORTED.code,
    work_capacity.R_DISABLED.code,
    work_capacity.R_MINOR_CONTINUING.code,
    work_capacity.R_MINOR_CONTINUING_UNKNOWN.code,
    work_capacity.R_MINOR_SUPPORTED_UNKNOWN.code,
    work_capacity.R_NOT_COVERED.code,
    rule.R_CHILD_ALLOWANCE.code,
    living.R_INCOME_NOT_COUNTED.code,
    living.R_INCOME_BELOW.code,
    living.R_INCOME_NOT_BELOW.code,
    living.R_ASSET_DISQUALIFIES.code,
    living.R_FINANCIAL_ASSETS.code,
    living.R_UNATTRIBUTED.code,
    supporters.R_SUPPORTERS_UNKNOWN.code,
    supporters.R_NO_SUPPORTER.code,
    supporters.R_SUPPORTER_UNABLE.code,
    supporters.R_SUPPORTER_ABLE.code,
    supporters.R_SUPPORTER_UNKNOWN.code,
    rule.R_MISSING.code,
    care.R_CARE_TIER.code,
    care.R_AMOUNT_FACTS_MISSING.code,
    care.R_AMOUNT.code,
    rule.R_PAYABLE_UNTIL.code,
    R_INVALID_VALUE.code,
    R_PARAMETER_UNAVAILABLE.code,
)

_WHAT: Final = "persons table"
_OUTCOMES: Final = (Outcome.NOT_ELIGIBLE.value, Outcome.ELIGIBLE.value, Outcome.CANNOT_DECIDE.value)
_NOT, _YES, _CANNOT = 0, 1, 2
_SEVERITY: Final = np.array([g.severity for g in AbilityGrade], dtype=np.int64)
_TIERS: Final = tuple(CareTier)
_URBAN: Final = KIND_VALUES.index(RegistrationKind.URBAN.value)
_INTELLECTUAL_OR_MENTAL: Final = np.array(
    [DisabilityCategory(c) in INTELLECTUAL_OR_MENTAL for c in CATEGORY_VALUES] + [False]
)
_BIT: Final = {s: 1 << i for i, s in enumerate(SupporterSituation)}
_NEEDS_PROPERTY: Final = (
    _BIT[SupporterSituation.NO_CIVIL_CAPACITY]
    | _BIT[SupporterSituation.DECLARED_MISSING]
    | _BIT[SupporterSituation.IN_PRISON]
)

# -- parameters -------------------------------------------------------------------------------

_EP = "assistance.extreme_poverty"
_LIMIT = f"{_EP}.minor_age_limit"
_UNTIL = f"{_EP}.minor.support_until_age"
_CONTINUE = f"{_EP}.minor.continue_in_secondary_school"
_GRADE = {c: f"{_EP}.no_work_capacity.max_disability_grade.{c}" for c in CATEGORY_VALUES}
_STANDARD = {k: f"assistance.dibao.standard.{k}" for k in KIND_VALUES}
_PENSION = f"{_EP}.income.exclude_central_basic_pension"
_SOCIAL = f"{_EP}.income.exclude_social_assistance"
_MONTHS = f"{_EP}.assets.financial_months"
_DISQUALIFIES = {a: f"{_EP}.assets.{a.value}_disqualifies" for a in living.PROPERTY.disqualifying}
_HEADS = f"{_EP}.supporter_unable.income_heads"
_DISPOSABLE = {k: f"assistance.means.disposable_income.{k}" for k in KIND_VALUES}
_PROVINCIAL = f"{_EP}.supporter_unable.provincial_grounds"
_PARTIAL = f"{_EP}.care_tier.partial_from_ability_severity"
_FULL = f"{_EP}.care_tier.full_from_ability_severity"
_BASIC = {k: f"{_EP}.basic_living_standard.{k}" for k in KIND_VALUES}
_CARE = [f"{_EP}.care_standard.{a}.{t.value}" for a in ARRANGEMENT_VALUES for t in _TIERS]

#: Every parameter the rule may read, with its kind, in the order the rule reads them.
_PARAMETERS: Final = (
    (_LIMIT, "count"),
    (_UNTIL, "count"),
    *((name, "count") for name in _GRADE.values()),
    (_CONTINUE, "flag"),
    *((name, "money") for name in _STANDARD.values()),
    (_PENSION, "flag"),
    (_SOCIAL, "flag"),
    (_MONTHS, "count"),
    *((name, "flag") for name in _DISQUALIFIES.values()),
    (_HEADS, "flag"),
    *((name, "money") for name in _DISPOSABLE.values()),
    (_PROVINCIAL, "flag"),
    (_PARTIAL, "count"),
    (_FULL, "count"),
    *((name, "money") for name in _BASIC.values()),
    *((name, "money") for name in _CARE),
)


def _look_up(
    book: ParameterBook, name: str, kind: str, place: str, on: dt.date
) -> tuple[int, CivaffairsError | None]:
    """One parameter's value as an integer (fen, a count, 0/1), or the error of its look-up."""
    try:
        if kind == "money":
            value, _ = book.money(name, place, on)
            return yuan_to_fen(value), None
        if kind == "count":
            return book.count(name, place, on)[0], None
        return int(book.flag(name, place, on)[0]), None
    except (ParameterError, UnknownJurisdictionError, InvalidInputError) as exc:
        return 0, exc


@attrs.frozen
class _Parameters:
    """Every parameter per place (one more, a placeholder, for rows of no valid place)."""

    values: dict[str, Ints]
    found: dict[str, Bools]
    errors: dict[str, list[CivaffairsError | None]]

    @classmethod
    def of(cls, book: ParameterBook, places: Sequence[str], on: dt.date) -> _Parameters:
        values: dict[str, Ints] = {}
        found: dict[str, Bools] = {}
        errors: dict[str, list[CivaffairsError | None]] = {}
        for name, kind in _PARAMETERS:
            looked = [_look_up(book, name, kind, place, on) for place in places]
            values[name] = np.array([v for v, _ in looked] + [0], dtype=np.int64)
            found[name] = np.array([e is None for _, e in looked] + [False], dtype=np.bool_)
            errors[name] = [e for _, e in looked] + [None]
        return cls(values, found, errors)


# -- writing and reading the facts ------------------------------------------------------------


def _supporter_row(supporter: Supporter) -> dict[str, Any]:
    disability = supporter.disability
    return {
        "relationship": supporter.relationship.value,
        "member": supporter.member,
        "birth_date": supporter.birth_date,
        "disability_category": None if disability is None else disability.category.value,
        "disability_grade": None if disability is None else disability.grade,
        "disabled": supporter.disabled,
        "situations": None
        if supporter.situations is None
        else sorted(s.value for s in supporter.situations),
        "property_within_rules": supporter.property_within_rules,
        "monthly_income": None
        if supporter.monthly_income is None
        else yuan_to_fen(supporter.monthly_income),
        "registration_kind": None
        if supporter.registration_kind is None
        else supporter.registration_kind.value,
    }


def write_facts(facts: ExtremePovertyFacts | None) -> dict[str, Any]:
    """Return one person's :class:`ExtremePovertyFacts` as the values of the :data:`COLUMNS`.

    ``None`` (no facts established) gives a null in every column.  Sets are written
    sorted; the supporters' incomes in fen.

    .. versionadded:: 0.1.0
    """
    if facts is None:
        return dict.fromkeys(COLUMNS)
    return {
        SUPPORTERS: None
        if facts.supporters is None
        else [_supporter_row(s) for s in facts.supporters],
        ACTIVITIES: None
        if facts.activities_not_achieved is None
        else sorted(a.value for a in facts.activities_not_achieved),
        ABILITY: None if facts.ability_grade is None else facts.ability_grade.value,
        ARRANGEMENT: None if facts.arrangement is None else facts.arrangement.value,
        CHILD: facts.child_allowance,
        SUPPORTED: facts.supported_as_minor,
        SCHOOL: facts.in_secondary_school,
    }


def _read_supporter(cell: Mapping[str, Any]) -> Supporter:
    # Read as the columnar form reads the struct (_extreme_poverty_columns.read_supporters):
    # integer code fields are codes, a timestamp birth date its day, a float income whole fen.
    category = people_.coded(cell.get("disability_category"), CATEGORY_VALUES)
    situations = cell.get("situations")
    income = people_.whole(cell.get("monthly_income"))
    kind = people_.coded(cell.get("registration_kind"), KIND_VALUES)
    return Supporter(
        relationship=Relationship(people_.coded(cell["relationship"], RELATIONSHIP_VALUES)),
        member=cell.get("member"),
        birth_date=people_.day(cell.get("birth_date")),
        disability=None
        if category is None
        else Disability(DisabilityCategory(category), int(people_.whole(cell["disability_grade"]))),
        situations=None
        if situations is None
        else frozenset(SupporterSituation(s) for s in situations),
        property_within_rules=cell.get("property_within_rules"),
        monthly_income=None if income is None else fen_to_yuan(int(income)),
        registration_kind=None if kind is None else RegistrationKind(kind),
        disabled=cell.get("disabled"),
    )


def read_facts(rows: Sequence[Mapping[str, Any]]) -> dict[str, ExtremePovertyFacts]:
    """Return the :class:`ExtremePovertyFacts` of one household's rows, by member id.

    ``rows`` are the household's rows as dictionaries (``Table.to_pylist()``); a row's
    member id is :func:`~civaffairs.batch.schema.member_ids`' (its ``person_id``, or a
    stand-in ``p<index>`` when null, empty or blank, as
    :func:`~civaffairs.batch.schema.from_table` names it).  The inverse of
    :func:`write_facts`; it raises (an invalid value is not marked) and is meant for
    checking and for explaining a few persons in full.

    .. versionadded:: 0.1.0
    """
    found: dict[str, ExtremePovertyFacts] = {}
    for pid, row in zip(member_ids([dict(row) for row in rows]), rows, strict=True):
        listed = row.get(SUPPORTERS)
        activities = row.get(ACTIVITIES)
        # An integer code column is read as codes, as the columnar form reads it.
        ability = people_.coded(row.get(ABILITY), ABILITY_VALUES)
        arrangement = people_.coded(row.get(ARRANGEMENT), ARRANGEMENT_VALUES)
        found[str(pid)] = ExtremePovertyFacts(
            supporters=None if listed is None else tuple(_read_supporter(c) for c in listed),
            activities_not_achieved=None
            if activities is None
            else frozenset(DailyActivity(a) for a in activities),
            ability_grade=None if ability is None else AbilityGrade(ability),
            arrangement=None if arrangement is None else SupportArrangement(arrangement),
            child_allowance=row.get(CHILD),
            supported_as_minor=row.get(SUPPORTED),
            in_secondary_school=row.get(SCHOOL),
        )
    return found


def to_table(
    households: Iterable[Household],
    facts: Mapping[tuple[str, str], ExtremePovertyFacts] | None = None,
    *,
    jurisdiction: str | None = None,
) -> pa.Table:
    """Convert households and their members' 特困 facts to the persons table.

    :func:`civaffairs.batch.schema.to_table` with the :data:`COLUMNS` filled by
    :func:`write_facts`; ``facts`` maps ``(household id, member id)`` to a member's
    facts (members left out have none established: null cells).

    .. versionadded:: 0.1.0
    """
    from civaffairs.batch.schema import to_table as base  # noqa: PLC0415 - a name of ours

    found = list(households)
    table = base(found, jurisdiction=jurisdiction)
    given = facts or {}
    values: dict[str, list[Any]] = {name: [] for name in COLUMNS}
    for household in found:
        for member in household.members:
            row = write_facts(given.get((household.id, member.person.id)))
            for name in COLUMNS:
                values[name].append(row[name])
    for name, kind in COLUMNS.items():
        table = table.append_column(pa.field(name, kind), pa.array(values[name], type=kind))
    return table


# -- the rule ---------------------------------------------------------------------------------


@attrs.frozen
class _Values:
    """The parameters per row (or per supporter, through ``rows``)."""

    parameters: _Parameters
    at: Ints

    def __call__(self, name: str, rows: npt.NDArray[Any] | None = None) -> Ints:
        at = self.at if rows is None else self.at[rows]
        return self.parameters.values[name][at]

    def by_kind(self, names: Mapping[str, str], kind: Ints, rows: Ints | None = None) -> Ints:
        """Return the value of the kind's parameter (``names`` by kind value) per row."""
        urban, rural = (self(names[k], rows) for k in KIND_VALUES)
        return np.where(kind == _URBAN, urban, rural)


@attrs.frozen
class _Run:
    """What the rule found per person: outcome, amount, reasons, needs, missing facts."""

    outcome: npt.NDArray[np.int8]
    amount: Ints
    meets: Ints  # 1 met, 0 not met, -1 unknown
    flags: dict[str, Bools]
    needs: dict[str, Bools]
    missing: dict[str, Bools]


@attrs.frozen
class _Verdicts:
    """The supporters' findings per person, and what each needs or lacks."""

    unable: Bools
    able: Bools
    unknown: Bools
    needs: dict[str, Bools]
    missing: dict[str, Bools]


def _supporter_verdicts(  # noqa: PLR0915 - the heads of art. 8 in order
    found: Supporters,
    people: People,
    value: _Values,
    *,
    age_of: Ints,
    birth_of: Ints,
    on: dt.date,
) -> _Verdicts:
    """Art. 8 for every supporter at once, reduced per person (art. 4 (三): none able)."""
    rows = len(people.kind)
    owner, member = found.owner, found.member
    is_member = member >= 0
    at = np.where(is_member, member, 0)
    # A member's facts are read from the member's row (supporters._supporter_facts).
    bits = found.situations.copy()
    bits |= np.where(is_member & people.serving[at], _BIT[SupporterSituation.IN_PRISON], 0)
    bits |= np.where(is_member & people.missing[at], _BIT[SupporterSituation.DECLARED_MISSING], 0)
    birth_known = is_member | found.birth_known
    birth = np.where(is_member, birth_of[at], np.where(found.birth_known, found.birth, 0))
    age = np.where(is_member, age_of[at], ages(birth, on))
    category = np.where(is_member, people.category[at], found.category)
    grade = np.where(is_member, people.grade[at], found.grade)
    has = category >= 0
    disability_known = is_member | (found.disabled_known & ~found.disabled) | has
    kind = np.where(is_member, people.kind[at], found.kind)
    kind_known = kind >= 0
    situations_known = found.situations_known

    def bit(situation: SupporterSituation) -> Bools:
        found_bits: Bools = (bits & _BIT[situation]) != 0
        return found_bits

    income_heads = value(_HEADS, owner).astype(np.bool_)
    figure = value.by_kind(_DISPOSABLE, kind, owner)
    elderly = supporters.elderly_head(age)
    severe = has & supporters.severe_head(
        np.where(has, grade, 99), _INTELLECTUAL_OR_MENTAL[np.where(has, category, -1)]
    )
    elderly_fails = birth_known & ~elderly
    severe_fails = disability_known & ~severe
    considered = ~(elderly_fails & severe_fails)
    gate = considered & income_heads
    within = (found.within_known & found.within, ~found.within_known)
    income_known = found.income_known & kind_known
    income = (income_known & supporters.income_below(found.income, figure), ~income_known)
    age_part = (birth_known, ~birth_known)
    disability_part = (disability_known, ~disability_known)
    h3 = supporters.all_of(NUMPY, [age_part, income, within])
    h4 = supporters.all_of(NUMPY, [disability_part, income, within])
    h3_on, h4_on = gate & ~elderly_fails, gate & ~severe_fails
    dibao = bit(SupporterSituation.DIBAO)
    property_head = (bits & _NEEDS_PROPERTY) != 0
    provincial = bit(SupporterSituation.PROVINCIAL_GROUND)
    heads = [
        (np.zeros(len(owner), dtype=np.bool_), ~situations_known),
        (bit(SupporterSituation.EXTREME_POVERTY), np.zeros(len(owner), dtype=np.bool_)),
        (dibao & birth_known & supporters.dibao_head(age), dibao & ~birth_known),
        (h3_on & h3[0], h3_on & h3[1]),
        (h4_on & h4[0], h4_on & h4[1]),
        (property_head & within[0], property_head & within[1]),
        (provincial & value(_PROVINCIAL, owner).astype(np.bool_), np.zeros(len(owner), bool)),
    ]
    holds, unknown = supporters.any_of(NUMPY, heads)
    fails = ~holds & ~unknown
    # What an unknown supporter lacks: the facts of the heads left open.
    h3_open, h4_open = h3_on & h3[1], h4_on & h4[1]
    lacks = {
        "situations": ~situations_known,
        "birth_date": (dibao | h3_open) & ~birth_known,
        "monthly_income": (h3_open | h4_open) & ~found.income_known,
        "registration_kind": (h3_open | h4_open) & ~kind_known,
        "property_within_rules": (h3_open | h4_open | property_head) & ~found.within_known,
        "disability": h4_open & ~disability_known,
    }
    missing: dict[str, Bools] = {}
    for field, mask in lacks.items():
        lacking = mask & unknown
        for position in np.unique(found.index[lacking]).tolist():
            name = f"{SUPPORTERS}[{position}].{field}"
            missing[name] = mask_of(rows, owner[lacking & (found.index == position)])

    def per_person(mask: Bools) -> Bools:
        out = np.zeros(rows, dtype=np.bool_)
        out[owner[mask]] = True
        return out

    needs = {
        _HEADS: per_person(considered),
        **{
            name: per_person(
                gate & ~(found.within_known & ~found.within) & income_known & (kind == k)
            )
            for k, name in enumerate(_DISPOSABLE.values())
        },
        _PROVINCIAL: per_person(provincial),
    }
    return _Verdicts(per_person(holds), per_person(fails), per_person(unknown), needs, missing)


def _evaluate(  # noqa: PLR0912, PLR0915 - the rule's steps in order, flat on purpose
    reader: Reader,
    *,
    households: Households,
    facts: Facts,
    people: People,
    found: Supporters,
    parameters: _Parameters,
    on: dt.date,
) -> _Run:
    """Decide a slice's persons in the steps of the scalar ``assess_person``, in columns."""
    rows = reader.rows
    of_row = households.of_row
    value = _Values(parameters, people.at)
    registered = people.registered
    age = facts.age
    birth, _ = reader.days("birth_date")  # checked by read_persons
    zeros = np.zeros(rows, dtype=np.bool_)
    young = ~work_capacity.capacity_rule(
        NUMPY,
        age=age,
        limit=0,
        until=0,
        supported=zeros,
        supported_known=zeros,
        disabled=zeros,
        in_school=zeros,
        in_school_known=zeros,
        continues=zeros,
    ).elderly
    alone = (households.sizes == 1)[of_row]
    needs: dict[str, Bools] = {_LIMIT: registered & young, _UNTIL: registered & young}
    missing: dict[str, Bools] = {}

    # 1. Statuses that end support (art. 24 (一), (三)).
    status_fails = people.serving | people.missing
    # 2. Labour capacity (art. 5, art. 24).
    has = people.category >= 0
    tops = np.stack([value(_GRADE[c]) for c in CATEGORY_VALUES] + [np.zeros(rows, np.int64)])
    top = tops[np.where(has, people.category, len(CATEGORY_VALUES)), np.arange(rows)]
    for c, name in _GRADE.items():
        needs[name] = registered & young & (people.category == CATEGORY_VALUES.index(c))
    in_school = np.where(people.school_known, people.school, False)
    in_school_known = people.school_known | ~people.student
    capacity = work_capacity.capacity_rule(
        NUMPY,
        age=age,
        limit=value(_LIMIT),
        until=value(_UNTIL),
        supported=people.supported,
        supported_known=people.supported_known,
        disabled=has & (people.grade <= top),
        in_school=in_school,
        in_school_known=in_school_known,
        continues=value(_CONTINUE).astype(np.bool_),
    )
    needs[_CONTINUE] = registered & capacity.asks_school
    capacity_fails = ~capacity.met & ~capacity.unknown
    missing[SUPPORTED] = capacity.supported_unknown | (
        capacity.continuing_unknown & ~people.supported_known
    )
    missing[SCHOOL] = capacity.continuing_unknown & ~in_school_known
    # 3. A minor's choice of the orphan / 事实无人抚养 allowance (art. 9).
    asked = ~capacity_fails & (age < MAJORITY_AGE)
    child_fails = asked & people.child_known & people.child
    child_unknown = asked & ~people.child_known
    missing[CHILD] = child_unknown
    # 4. Own income (art. 6) below the dibao standard of the person's registration kind.
    standard = value.by_kind(_STANDARD, people.kind)
    for k, name in enumerate(_STANDARD.values()):
        needs[name] = registered & (people.kind == k)
    household_income = {t: v[of_row] for t, v in facts.household_income.items()}

    def present(kind: IncomeType) -> Bools:
        mine = facts.income.get(kind)
        common = household_income.get(kind)
        return (zeros if mine is None else mine > 0) | (zeros if common is None else common > 0)

    excluded = {
        IncomeType.CENTRAL_BASIC_PENSION: value(_PENSION).astype(np.bool_),
        IncomeType.SOCIAL_ASSISTANCE: value(_SOCIAL).astype(np.bool_),
    }
    needs[_PENSION] = registered & present(IncomeType.CENTRAL_BASIC_PENSION)
    needs[_SOCIAL] = registered & present(IncomeType.SOCIAL_ASSISTANCE)
    own = np.zeros(rows, dtype=np.int64)
    unattributed = np.zeros(rows, dtype=np.int64)
    not_counted = np.zeros(rows, dtype=np.int64)
    counted_common: dict[IncomeType, Bools] = {}
    for kind in IncomeType:
        counts = (
            np.zeros(rows, dtype=np.bool_)
            if kind in living.INCOME.never
            else ~excluded.get(kind, zeros)
        )
        mine = facts.income.get(kind)
        common = household_income.get(kind)
        if mine is not None:
            own += np.where(counts, mine, 0)
            not_counted += np.where(counts, 0, mine)
        if common is not None:
            own += np.where(counts & alone, common, 0)
            not_counted += np.where(~counts & alone, common, 0)
            unattributed += np.where(counts & ~alone, common, 0)
            counted_common[kind] = counts & ~alone & (common > 0)
    below, not_below, income_unknown = living.income_rule(
        NUMPY, own=own, unattributed=unattributed, standard=standard
    )
    # 5. Own property (arts. 6-7) within the local 特困 rules.
    months = value(_MONTHS)
    needs[_MONTHS] = registered
    financial = facts.financial[of_row]
    disqualified = zeros.copy()
    failing: dict[AssetType, Bools] = {}
    for asset, name in _DISQUALIFIES.items():
        owns = facts.owns[asset][of_row]
        needs[name] = registered & owns
        failing[asset] = owns & value(name).astype(np.bool_)
        disqualified |= failing[asset]
    limit = standard * months
    financial_fails, property_unknown, _financial_ok = living.property_rule(
        NUMPY,
        own_financial=np.where(alone, financial, 0),
        limit=limit,
        own_disqualified=alone & disqualified,
        unattributed_disqualified=~alone & disqualified,
        unattributed_financial=~alone & (financial > 0),
        all_financial=financial,
    )
    for kind, counted in counted_common.items():
        missing[HOUSEHOLD_INCOME_COLUMNS[kind]] = income_unknown & counted
    for asset, mask in failing.items():
        missing[OWNS_COLUMNS[asset]] = property_unknown & mask
    over = limit <= financial
    for column in ASSET_COLUMNS.values():
        cells = reader.household_money(column, households.applicant_row)
        if cells is not None:
            missing[column] = property_unknown & over & (cells[of_row] > 0)
    # 6. Supporters (arts. 4 (三), 8).
    verdicts = _supporter_verdicts(
        found,
        people,
        value,
        age_of=age,
        birth_of=birth,
        on=on,
    )
    for name, mask in verdicts.needs.items():
        needs[name] = registered & mask
    empty = ~found.null & (found.count == 0)
    missing[SUPPORTERS] = found.null
    missing.update(verdicts.missing)
    # 7. The outcome of the conditions.
    fails = ~registered | (
        status_fails
        | capacity_fails
        | child_fails
        | not_below
        | (alone & disqualified)
        | financial_fails
        | verdicts.able
    )
    unknown = (
        registered
        & ~fails
        & (
            capacity.unknown
            | child_unknown
            | income_unknown
            | property_unknown
            | found.null
            | verdicts.unknown
        )
    )
    reached = registered & ~fails & ~unknown
    # 8. The amount (国发〔2016〕14号 (二)): the care tier (arts. 21-22) and arrangement.
    graded = people.ability >= 0
    assessed = ~people.activities.null
    tier_known = graded | assessed
    severity = _SEVERITY[np.where(graded, people.ability, 0)]
    tier = np.where(
        graded,
        care.tier_for_severity(NUMPY, severity, value(_PARTIAL), value(_FULL)),
        care.tier_for_activities(NUMPY, popcount(people.activities.bits)),
    ).astype(np.int64)
    needs[_PARTIAL] = reached & graded
    needs[_FULL] = reached & graded
    arranged = people.arrangement >= 0
    amount_missing = reached & ~(tier_known & arranged)
    missing[ACTIVITIES] = amount_missing & ~tier_known
    missing[ARRANGEMENT] = amount_missing & ~arranged
    paid = reached & tier_known & arranged
    basic = value.by_kind(_BASIC, people.kind)
    for k, name in enumerate(_BASIC.values()):
        needs[name] = paid & (people.kind == k)
    choice = np.where(paid, people.arrangement * len(_TIERS) + tier, 0)
    annuals = np.stack([value(name) for name in _CARE])
    for i, name in enumerate(_CARE):
        needs[name] = paid & (choice == i)
    _care, total = care.monthly_amount(basic, annuals[choice, np.arange(rows)])
    # 9. Payable months: a minor on age alone, not a student, to the month of the birthday.
    # The birthday's month (a 29 February birth keeps February: dates.anniversary), from the
    # month after the decision (art. 17), counted from year 0; read for the few it concerns.
    ending = np.flatnonzero(paid & (capacity.until > 0) & ~people.student)
    birth_year, birth_month, _ = calendar_parts(birth[ending])
    last = (birth_year + capacity.until[ending]) * 12 + birth_month - 1
    until_flag = mask_of(rows, ending[last >= on.year * 12 + on.month])
    outcome = np.where(fails, _NOT, np.where(unknown | amount_missing, _CANNOT, _YES)).astype(
        np.int8
    )
    meets = np.where(fails, 0, np.where(unknown, -1, 1)).astype(np.int64)
    flags = {
        rule.R_REGISTRATION_ELSEWHERE.code: ~registered,
        rule.R_REGISTRATION.code: registered,
        rule.R_STATUS.code: registered & status_fails,
        work_capacity.R_ELDERLY.code: registered & capacity.elderly,
        work_capacity.R_MINOR.code: registered & capacity.minor,
        work_capacity.R_MINOR_SUPPORTED.code: registered & capacity.supported_minor,
        work_capacity.R_DISABLED.code: registered & capacity.disabled,
        work_capacity.R_MINOR_CONTINUING.code: registered & capacity.continuing,
        work_capacity.R_MINOR_CONTINUING_UNKNOWN.code: registered & capacity.continuing_unknown,
        work_capacity.R_MINOR_SUPPORTED_UNKNOWN.code: registered & capacity.supported_unknown,
        work_capacity.R_NOT_COVERED.code: registered & capacity.not_covered,
        rule.R_CHILD_ALLOWANCE.code: registered & asked,
        living.R_INCOME_NOT_COUNTED.code: registered & (not_counted > 0),
        living.R_INCOME_BELOW.code: registered & below,
        living.R_INCOME_NOT_BELOW.code: registered & not_below,
        living.R_ASSET_DISQUALIFIES.code: registered & alone & disqualified,
        living.R_FINANCIAL_ASSETS.code: registered & ~property_unknown,
        living.R_UNATTRIBUTED.code: registered & (income_unknown | property_unknown),
        supporters.R_SUPPORTERS_UNKNOWN.code: registered & found.null,
        supporters.R_NO_SUPPORTER.code: registered & empty,
        supporters.R_SUPPORTER_UNABLE.code: registered & verdicts.unable,
        supporters.R_SUPPORTER_ABLE.code: registered & verdicts.able,
        supporters.R_SUPPORTER_UNKNOWN.code: registered & verdicts.unknown,
        rule.R_MISSING.code: unknown,
        care.R_CARE_TIER.code: reached & tier_known,
        care.R_AMOUNT_FACTS_MISSING.code: amount_missing,
        care.R_AMOUNT.code: paid,
        rule.R_PAYABLE_UNTIL.code: until_flag,
    }
    asked_missing = unknown | amount_missing
    return _Run(
        outcome=outcome,
        amount=np.where(paid, total, 0).astype(np.int64),
        meets=meets,
        flags=flags,
        needs={name: mask & registered for name, mask in needs.items()},
        missing={name: mask & asked_missing for name, mask in missing.items()},
    )


# -- slices, output and the call --------------------------------------------------------------


def _output(
    reader: Reader,
    *,
    households: Households,
    people: People,
    run: _Run,
    bad: Bools,
    parameters: _Parameters,
    person_ids: Any,
    lean: bool = False,
) -> tuple[pa.Table, dict[str, Bools]]:
    """One row per person; also the parameters each row lacks (for ``errors="raise"``).

    ``lean``: the ``reasons`` column lists only ``batch.invalid_value`` and
    ``batch.parameter_unavailable`` (for the layered screen, which reads no other).
    """
    rows = reader.rows
    at = people.at
    unavailable = {
        name: mask & ~bad & ~parameters.found[name][at]
        for name, mask in run.needs.items()
        if not parameters.found[name].all()
    }
    lacking = np.zeros(rows, dtype=np.bool_)
    for mask in unavailable.values():
        lacking |= mask
    cannot = bad | lacking
    outcome = np.where(cannot, _CANNOT, run.outcome).astype(np.int8)
    flags = [run.flags[code] & ~cannot for code in REASON_CATALOGUE[:-2]] + [bad, lacking]
    names: list[str] = []
    problems: list[Bools] = []
    for column, mask in reader.bad.items():
        names.append(column)
        problems.append(households.any(mask)[households.of_row] & bad)
    for name, mask in unavailable.items():
        if mask.any():
            names.append(name)
            problems.append(mask)
    for name, mask in run.missing.items():
        shown = mask & ~cannot
        if shown.any():
            names.append(name)
            problems.append(shown)
    meets = np.where(cannot, -1, run.meets)
    valid = at < len(people.names)
    where = pa.DictionaryArray.from_arrays(
        arrow(np.where(valid, at, 0), mask=~valid, type=pa.int32()),
        arrow(list(people.names) or [""], type=pa.string()),
    )
    columns: dict[str, Any] = {
        "household_id": reader.table.column("household_id"),
        "person_id": person_ids,
        "jurisdiction": where,
        "outcome": pa.DictionaryArray.from_arrays(arrow(outcome), arrow(list(_OUTCOMES))),
        "amount_fen": arrow(np.where(outcome == _YES, run.amount, 0), type=pa.int64()),
        "meets_conditions": arrow(meets == 1, mask=meets < 0, type=pa.bool_()),
        "reasons": lists(flags[-2:], REASON_CATALOGUE[-2:], rows)
        if lean
        else lists(flags, REASON_CATALOGUE, rows),
        "problems": lists(problems, names, rows),
    }
    return pa.table(columns), unavailable


def _decide(
    table: pa.Table,
    piece: HouseholdSlice,
    on: dt.date,
    book: ParameterBook,
    default: str | None,
    *,
    lean: bool = False,
) -> tuple[pa.Table, Reader, Nested, CivaffairsError | None, Bools]:
    reader = Reader(piece.of(table))
    households, facts, bad = read_persons(reader, piece, on, default)
    people = read_people(reader, households, default)
    person_ids = person_ids_of(reader, households)
    nested = Nested(reader)
    found = read_supporters(
        reader,
        nested,
        struct=SUPPORTER_TYPE,
        on=on,
        households=households,
        person_ids=person_ids,
    )
    if reader.schema_errors:
        raise InvalidDocumentError(reader.schema_errors, what=_WHAT)
    bad_row = (households.any(any_bad(reader)) | bad)[households.of_row]
    parameters = _Parameters.of(book, people.names, on)
    run = _evaluate(
        reader,
        households=households,
        facts=facts,
        people=people,
        found=found,
        parameters=parameters,
        on=on,
    )
    output, unavailable = _output(
        reader,
        households=households,
        people=people,
        run=run,
        bad=bad_row,
        parameters=parameters,
        person_ids=person_ids,
        lean=lean,
    )
    error = first_parameter_error(
        unavailable, lambda name, row: parameters.errors[name][int(people.at[row])]
    )
    return output, reader, nested, error, bad_row


def assess_table(
    data: Frame,
    on: dt.date,
    *,
    book: ParameterBook | None = None,
    errors: Errors = "mark",
    jurisdiction: str | None = None,
    workers: int | None = None,
    first_row: int = 0,
) -> pa.Table:
    """Decide 特困 for every person of a persons table on ``on``.

    ``data`` is a pyarrow table (or record batch), or a pandas or polars data frame,
    in the format of :mod:`civaffairs.batch.schema` with the :data:`COLUMNS`;
    ``jurisdiction`` is where households are decided when the table has no
    ``jurisdiction`` value for them (by default: where each person is registered);
    ``workers`` and ``first_row`` are as in :func:`civaffairs.batch.assess_table`.

    Returns one row per person, in input order:

    - ``household_id``, ``person_id`` (``p<position>`` where the table has none);
    - ``jurisdiction``: the deciding jurisdiction (null when unreadable);
    - ``outcome``: ``eligible``, ``not_eligible`` or ``cannot_decide``;
    - ``amount_fen``: the monthly amount in fen, the basic living standard plus the
      care standard (0 unless eligible);
    - ``meets_conditions``:
      :func:`civaffairs.assistance.extreme_poverty.meets_conditions` of the decision
      (true when eligible, or when only the care tier or the arrangement is missing;
      false when not eligible; null otherwise);
    - ``reasons``: the reason codes, in :data:`REASON_CATALOGUE` order;
    - ``problems``: the bad cells' columns, the parameters not in force, or the facts
      a "cannot decide" lacks (``ep_child_allowance``, ``ep_supporters[0].situations``,
      ``household_income_business`` …); null when none.

    ``errors="raise"`` raises :class:`~civaffairs.errors.InvalidDocumentError` listing
    every bad cell (``$[row].column``, ``$[row].ep_supporters[i].field``), or the first
    :class:`~civaffairs.errors.ParameterError` a decision needs.  A table whose
    columns are absent or of the wrong type always raises, and so does one whose
    household's rows are not consecutive or where a ``person_id`` appears twice in
    one household (:mod:`civaffairs.batch._identity`).

    .. versionadded:: 0.1.0
    """
    return _assess(
        data,
        on,
        book=book,
        errors=errors,
        jurisdiction=jurisdiction,
        workers=workers,
        first_row=first_row,
    )


def assess_for_layers(
    data: pa.Table, on: dt.date, *, book: ParameterBook, jurisdiction: str | None
) -> pa.Table:
    """Decide 特困 as :func:`assess_table` does (mark mode, one thread), for the layered screen.

    The same rows, except that ``reasons`` lists only ``batch.invalid_value`` and
    ``batch.parameter_unavailable``: the layered screen reads no other code, and the
    full lists are a good part of the time.

    .. versionadded:: 0.1.0
    """
    return _assess(data, on, book=book, jurisdiction=jurisdiction, workers=1, lean=True)


def _assess(
    data: Frame,
    on: dt.date,
    *,
    book: ParameterBook | None = None,
    errors: Errors = "mark",
    jurisdiction: str | None = None,
    workers: int | None = None,
    first_row: int = 0,
    lean: bool = False,
) -> pa.Table:
    from civaffairs import jurisdictions  # noqa: PLC0415 - light, and only here

    check_errors(errors)
    threads = workers_for(workers)
    table = checked_table(
        data, persons_schema().names, "a column of the persons table (schema.py)", _WHAT
    )
    if "household_id" not in table.column_names:
        raise InvalidDocumentError(
            [InvalidInputError("$.household_id", "(absent)", "a column of the persons table")],
            what=_WHAT,
        )
    chosen = book or default_book()
    default = None if jurisdiction is None else jurisdictions.get(jurisdiction).code

    def one(piece: HouseholdSlice) -> tuple[pa.Table, list[BadCell], CivaffairsError | None]:
        output, _reader, nested, error, _bad = _decide(table, piece, on, chosen, default, lean=lean)
        if errors == "mark":
            return output, [], None
        return output, nested.cells(first_row + piece.start), error

    pieces = household_slices(table, SLICE_ROWS, first_row)
    return finish(in_threads(threads, one, pieces), errors, what=_WHAT)


# -- summaries --------------------------------------------------------------------------------


def summarise(result: pa.Table) -> pa.Table:
    """Count persons and their monthly cost (fen) per outcome and condition, with a totals row.

    ``result`` is what :func:`assess_table` returns; ``conditions`` is ``met``,
    ``not met`` or ``unknown`` (from ``meets_conditions``); the totals row has outcome
    and conditions ``"(all)"``.

    .. versionadded:: 0.1.0
    """
    outcome = result.column("outcome").cast(pa.string()).to_pylist()
    meets = result.column("meets_conditions").to_pylist()
    amount = [int(fen or 0) for fen in result.column("amount_fen").to_pylist()]
    totals: dict[tuple[str, str], list[int]] = {}
    for o, m, fen in zip(outcome, meets, amount, strict=True):
        key = (str(o), "unknown" if m is None else ("met" if m else "not met"))
        found = totals.setdefault(key, [0, 0])
        found[0] += 1
        found[1] += fen
    rows = [
        {
            "programme": scalar.PROGRAMME.code,
            "outcome": o,
            "conditions": c,
            "persons": n,
            "monthly_cost_fen": fen,
        }
        for (o, c), (n, fen) in sorted(totals.items())
    ]
    rows.append(
        {
            "programme": scalar.PROGRAMME.code,
            "outcome": ALL,
            "conditions": ALL,
            "persons": len(amount),
            "monthly_cost_fen": sum(amount),
        }
    )
    return pa.Table.from_pylist(rows)


def render_summary(summary: pa.Table) -> str:
    """Render :func:`summarise`'s table as aligned text (money in yuan).

    .. versionadded:: 0.1.0
    """
    return render_summary_rows(summary, "conditions", "persons")


# -- synthetic facts --------------------------------------------------------------------------


def _string_lists(chosen: npt.NDArray[np.bool_], names: Sequence[str], null: Bools) -> Any:
    """Return a ``list<string>`` array: per row the ``names`` whose column of ``chosen`` is set."""
    lengths = chosen.sum(axis=1).astype(np.int32)
    offsets = np.zeros(len(chosen) + 1, dtype=np.int32)
    np.cumsum(lengths, out=offsets[1:])
    values = np.asarray(names, dtype=object)[np.nonzero(chosen)[1]]
    return pa.ListArray.from_arrays(
        arrow(offsets), pa.array(values.tolist(), pa.string()), mask=arrow(null)
    )


def synthetic_columns(
    rng: np.random.Generator, *, on: dt.date, true_age: Ints, position: Ints
) -> dict[str, Any]:
    """Return synthetic :data:`COLUMNS` for a synthetic registry's rows (no real person).

    ``true_age`` is each row's age on ``on`` and ``position`` its place in its household
    (0: the applicant).  Plausible round shares, not statistics: most persons have their
    facts established, some not; a tenth have no supporter list (not established), half
    none; supporters are people outside the household, or (for a member) the household's
    applicant (``p0``: synthetic tables carry no ``person_id``).  Used by
    :mod:`civaffairs.batch.population`, from its own seeded stream.

    .. versionadded:: 0.1.0
    """
    rows = len(true_age)

    def share(p: Any, size: int = rows) -> Bools:
        drawn: Bools = rng.random(size) < p
        return drawn

    def flags(p_true: float, asked: Bools) -> Any:
        return arrow(share(p_true), mask=~asked | share(0.05), type=pa.bool_())

    minor = true_age < MAJORITY_AGE
    activities = np.stack([share(0.04 + 0.1 * (true_age >= 75)) for _ in DailyActivity], axis=1)
    # Supporters: how many per person, then one entry per supporter.
    listed = ~share(0.1)
    count = np.where(listed, rng.choice(3, size=rows, p=[0.5, 0.35, 0.15]), 0)
    owner = np.repeat(np.arange(rows), count)
    total = len(owner)
    member = (position[owner] > 0) & share(0.2, total)
    not_member = ~member
    relationship = rng.choice([r.value for r in _SYNTHETIC_RELATIONSHIPS], size=total)
    age = rng.integers(18, 96, size=total)
    born = (on - EPOCH).days - (age * 36525) // 100 - rng.integers(0, 365, size=total)
    graded = not_member & share(0.08, total)
    category = rng.integers(0, len(CATEGORY_VALUES), size=total)
    grade = rng.integers(1, 5, size=total)
    situations = (
        np.stack([share(p, total) for p in (0.03, 0.08, 0.01, 0.005, 0.01, 0.0)], axis=1)
        & ~share(0.1, total)[:, None]
    )
    situations_null = share(0.1, total)
    income = np.round(rng.lognormal(np.log(300_000), 0.9, total)).astype(np.int64)
    kinds = np.asarray(KIND_VALUES, dtype=object)[rng.integers(0, 2, size=total)]
    supporter = pa.StructArray.from_arrays(
        [
            pa.array(relationship.tolist(), pa.string()),
            arrow(np.where(member, "p0", ""), mask=not_member, type=pa.string()),
            arrow(born.astype(np.int32), mask=member).cast(pa.date32()),
            pa.DictionaryArray.from_arrays(
                arrow(category.astype(np.int32), mask=~graded), arrow(list(CATEGORY_VALUES))
            ).cast(pa.string()),
            arrow(grade.astype(np.int8), mask=~graded),
            arrow(graded, mask=member | share(0.1, total), type=pa.bool_()),
            _string_lists(situations, SITUATION_VALUES, situations_null),
            arrow(share(0.7, total), mask=share(0.1, total), type=pa.bool_()),
            arrow(income, mask=share(0.1, total), type=pa.int64()),
            arrow(kinds, mask=member | share(0.05, total), type=pa.string()),
        ],
        fields=list(SUPPORTER_TYPE),
    )
    offsets = np.zeros(rows + 1, dtype=np.int32)
    np.cumsum(count, out=offsets[1:])
    supporters_column = pa.ListArray.from_arrays(arrow(offsets), supporter, mask=arrow(~listed))
    arrangement = rng.choice(2, size=rows, p=[0.15, 0.85])
    ability = rng.integers(0, len(ABILITY_VALUES), size=rows)
    return {
        SUPPORTERS: supporters_column,
        ACTIVITIES: _string_lists(activities, ACTIVITY_VALUES, share(0.05)),
        ABILITY: arrow(
            np.asarray(ABILITY_VALUES, dtype=object)[ability],
            mask=~share(0.1),
            type=pa.string(),
        ),
        ARRANGEMENT: arrow(
            np.asarray(ARRANGEMENT_VALUES, dtype=object)[arrangement],
            mask=share(0.05),
            type=pa.string(),
        ),
        CHILD: flags(0.05, minor),
        SUPPORTED: flags(0.5, (true_age >= 16) & (true_age < 19)),
        SCHOOL: flags(0.6, (true_age >= 18) & (true_age <= 23)),
    }


_SYNTHETIC_RELATIONSHIPS: Final = (
    Relationship.CHILD,
    Relationship.SPOUSE,
    Relationship.PARENT,
    Relationship.SIBLING,
)
