"""Reading 特困's ``ep_`` columns of a persons table into arrays, marking every bad cell.

Private to :mod:`civaffairs.batch.extreme_poverty`, which declares the columns
(:data:`~civaffairs.batch.extreme_poverty.COLUMNS`) and decides on what this returns.
Nothing here decides anything: it reads the person-level facts (the person's own
registration, disability, statuses and the ``ep_`` facts), flattens the
``ep_supporters`` lists into one entry per supporter (their offsets giving each
supporter's person and place in the list) and marks bad cells, a supporter's field under
its place (``ep_supporters[1].member``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Final

import attrs
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from civaffairs.assistance.extreme_poverty.facts import (
    DailyActivity,
    SupportArrangement,
    SupporterSituation,
)
from civaffairs.batch._columns import Bools, Ints, Reader, arrow, integers, mask_of, nulls_of
from civaffairs.batch._common import BadCell, bad_cells
from civaffairs.batch.arrays import EPOCH, Households
from civaffairs.batch.plumbing import codes_known, deciding_places
from civaffairs.batch.schema import (
    CATEGORY_VALUES,
    KIND_VALUES,
    MAX_FEN,
    RELATIONSHIP_VALUES,
    STATUS_COLUMNS,
)
from civaffairs.entities import AbilityGrade, Relationship, SpecialStatus
from civaffairs.errors import InvalidInputError

SUPPORTERS: Final = "ep_supporters"
ACTIVITIES: Final = "ep_activities_not_achieved"
ABILITY: Final = "ep_ability_grade"
ARRANGEMENT: Final = "ep_arrangement"
CHILD: Final = "ep_child_allowance"
SUPPORTED: Final = "ep_supported_as_minor"
SCHOOL: Final = "ep_in_secondary_school"

ACTIVITY_VALUES: Final = tuple(a.value for a in DailyActivity)
SITUATION_VALUES: Final = tuple(s.value for s in SupporterSituation)
ABILITY_VALUES: Final = tuple(g.value for g in AbilityGrade)
ARRANGEMENT_VALUES: Final = tuple(a.value for a in SupportArrangement)


def bare(column: Any) -> Any:
    """One array of a column (chunks combined)."""
    return column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column


def strings_of(values: Any) -> Any:
    """Return the string values of an array that may be dictionary-encoded or string views."""
    if pa.types.is_dictionary(values.type):
        values = values.cast(values.type.value_type)
    if not pa.types.is_string(values.type):
        values = values.cast(pa.string())
    return values


def is_list(kind: pa.DataType) -> bool:
    return bool(pa.types.is_list(kind) or pa.types.is_large_list(kind))


@attrs.frozen
class Listed:
    """A ``list<string>`` column read as bit sets: per row, the bits, null, bad."""

    bits: Ints
    null: Bools
    bad: Bools


def bit_sets(column: Any, allowed: Sequence[str], rows: int) -> Listed | None:
    """Read a list of codes per row as a bit set (``None``: not a list of strings)."""
    if column is None or pa.types.is_null(column.type):
        return Listed(
            np.zeros(rows, dtype=np.int64),
            np.ones(rows, dtype=np.bool_),
            np.zeros(rows, dtype=np.bool_),
        )
    if not is_list(column.type):
        return None
    array = bare(column)
    null = np.asarray(array.is_null().to_numpy(zero_copy_only=False), dtype=np.bool_)
    lengths = np.asarray(
        pc.list_value_length(array).fill_null(0).to_numpy(zero_copy_only=False), dtype=np.int64
    )
    flat = array.flatten()
    if not (
        pa.types.is_string(flat.type)
        or pa.types.is_large_string(flat.type)
        or pa.types.is_string_view(flat.type)
        or (pa.types.is_dictionary(flat.type) and pa.types.is_string(flat.type.value_type))
        or pa.types.is_null(flat.type)
    ):
        return None
    owner = np.repeat(np.arange(rows), lengths)
    bits = np.zeros(rows, dtype=np.int64)
    bad = np.zeros(rows, dtype=np.bool_)
    if len(flat):
        # A list<null> holds only nulls: read them as null strings (each one a bad code).
        null_type = pa.types.is_null(flat.type)
        text = pa.nulls(len(flat), pa.string()) if null_type else strings_of(flat)
        encoded = pc.index_in(text, value_set=pa.array(list(allowed), pa.string()))
        codes = np.asarray(encoded.fill_null(-1).to_numpy(zero_copy_only=False), dtype=np.int64)
        bad[owner[codes < 0]] = True
        good = codes >= 0
        np.bitwise_or.at(bits, owner[good], np.left_shift(1, codes[good]))
    return Listed(bits, null, bad)


def popcount(bits: Ints) -> Ints:
    count = np.zeros(len(bits), dtype=np.int64)
    for bit in range(len(ACTIVITY_VALUES)):
        count += (bits >> bit) & 1
    return count


@attrs.frozen
class Supporters:
    """The supporters of a slice, flattened: one entry per supporter."""

    owner: Ints  # the person's row
    index: Ints  # the supporter's position in the person's list
    null: Bools  # per person: the list is null
    count: Ints  # per person: the number of supporters
    member: Ints  # the member's row (-1: not a member)
    birth: Ints
    birth_known: Bools
    category: Ints  # -1: none given
    grade: Ints
    disabled: Bools
    disabled_known: Bools
    situations: Ints
    situations_known: Bools
    within: Bools
    within_known: Bools
    income: Ints
    income_known: Bools
    kind: Ints  # -1: not given


def no_supporters(rows: int) -> Supporters:
    """No supporters established for anyone (the column absent or all null)."""
    ints, bools = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.bool_)
    return Supporters(
        ints, ints, np.ones(rows, dtype=np.bool_), np.zeros(rows, dtype=np.int64),
        ints, ints, bools, ints, ints, bools, bools, ints, bools, bools, bools, ints, bools, ints,
    )  # fmt: skip


def supporter_table(flat: Any, struct: pa.StructType) -> pa.Table:
    """Return the flattened supporters as a table of their fields (absent fields null)."""
    present = {flat.type.field(i).name: i for i in range(flat.type.num_fields)}
    columns = {}
    for field in struct:
        at = present.get(field.name)
        columns[field.name] = (
            pa.nulls(len(flat), field.type) if at is None else flat.field(at)
        )  # StructArray.field takes the struct's offset into account
    return pa.table(columns)


class Nested:
    """The bad cells inside ``ep_supporters``: marked on the persons and kept to be listed."""

    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        self.shown: dict[tuple[int, str], str] = {}

    def mark(self, owner: Ints, index: Ints, field: str, sub: Reader) -> None:
        """Mark on their persons the supporters ``sub`` (one row each) found bad in ``field``."""
        groups: dict[tuple[str, str], list[int]] = {}
        for at in np.flatnonzero(sub.bad[field]).tolist():
            name = f"{SUPPORTERS}[{int(index[at])}].{field}"
            groups.setdefault((name, sub.expected(field, at)), []).append(int(owner[at]))
            shown = (
                "(a birth date, withheld)"
                if field == "birth_date"
                else repr(sub.table.column(field)[at].as_py())
            )
            self.shown.setdefault((int(owner[at]), name), shown)
        for (name, expected), rows in groups.items():
            self.reader.mark(name, mask_of(self.reader.rows, np.array(rows)), expected)

    def cells(self, offset: int) -> list[BadCell]:
        """Return the bad cells, the nested ones with their own value (never ``(absent)``)."""
        return [
            (row, column, self.shown.get((row - offset, column), shown), expected)
            for row, column, shown, expected in bad_cells(self.reader, offset)
        ]


def read_supporters(  # noqa: PLR0915 - one read per field, flat on purpose
    reader: Reader,
    nested: Nested,
    *,
    struct: pa.StructType,
    on: dt.date,
    households: Households,
    person_ids: Any,
) -> Supporters:
    rows = reader.rows
    column = reader.table.column(SUPPORTERS) if SUPPORTERS in reader.columns else None
    if column is None or pa.types.is_null(column.type):
        return no_supporters(rows)
    if not (is_list(column.type) and pa.types.is_struct(column.type.value_type)):
        reader.schema_errors.append(
            InvalidInputError(f"$.{SUPPORTERS}", str(column.type), "a list<struct> column")
        )
        return no_supporters(rows)
    # A misspelt field must not silently become "not established" (as checked_table refuses
    # an unknown column): a field not of the struct, or given twice, refuses the table.
    names = [field.name for field in column.type.value_type]
    expected = f"a field of a supporter ({', '.join(struct.names)})"
    reader.schema_errors.extend(
        InvalidInputError(f"$.{SUPPORTERS}[].{name}", "an unknown field", expected)
        for name in dict.fromkeys(names)
        if name not in struct.names
    )
    reader.schema_errors.extend(
        InvalidInputError(
            f"$.{SUPPORTERS}[].{name}", f"{names.count(name)} fields of that name", "one"
        )
        for name in dict.fromkeys(names)
        if names.count(name) > 1
    )
    array = bare(column)
    null = np.asarray(array.is_null().to_numpy(zero_copy_only=False), dtype=np.bool_)
    count = np.asarray(
        pc.list_value_length(array).fill_null(0).to_numpy(zero_copy_only=False), dtype=np.int64
    )
    flat = array.flatten()
    owner = np.repeat(np.arange(rows), count)
    starts = np.cumsum(count) - count
    index = np.arange(len(owner)) - np.repeat(starts, count)
    sub = Reader(supporter_table(flat, struct))
    whole_null = np.asarray(flat.is_null().to_numpy(zero_copy_only=False), dtype=np.bool_)
    relationship, relationship_null = sub.codes("relationship", RELATIONSHIP_VALUES, required=True)
    sub.mark("relationship", relationship_null, "a relationship, not missing")
    sub.mark(
        "relationship",
        relationship == RELATIONSHIP_VALUES.index(Relationship.APPLICANT.value),
        "the supporter's relationship to the person (not applicant, 本人)",
    )
    member_at, member_names = sub.strings("member", required=True)
    days, birth_null = sub.days("birth_date")
    sub.mark("birth_date", ~birth_null & (days > (on - EPOCH).days), f"a date on or before {on}")
    category, category_null = sub.codes("disability_category", CATEGORY_VALUES, required=False)
    grade, grade_null = sub.small_int("disability_grade")
    sub.mark("disability_grade", ~grade_null & ((grade < 1) | (grade > 4)), "a grade from 1 to 4")
    sub.mark(
        "disability_grade", grade_null != category_null, "a grade exactly when there is a category"
    )
    disabled, disabled_null = sub.nullable_flag("disabled")
    disabled = np.zeros(len(owner), dtype=np.bool_) if disabled is None else disabled
    sub.mark(
        "disabled",
        ~disabled_null & ~disabled & ~category_null,
        "true or null when a disability is given",
    )
    listed = bit_sets(sub.table.column("situations"), SITUATION_VALUES, len(owner))
    if listed is None:
        sub.schema_errors.append(
            InvalidInputError("$.situations", "(not a list of strings)", "a list<string>")
        )
        listed = Listed(
            np.zeros(len(owner), dtype=np.int64),
            np.ones(len(owner), dtype=np.bool_),
            np.zeros(len(owner), dtype=np.bool_),
        )
    sub.mark("situations", listed.bad, f"null or a list of {', '.join(SITUATION_VALUES)}")
    within, within_null = sub.nullable_flag("property_within_rules")
    income_column = sub.table.column("monthly_income")
    if not pa.types.is_integer(income_column.type):
        sub.schema_errors.append(
            InvalidInputError(
                "$.monthly_income", str(income_column.type), "an integer column of fen"
            )
        )
        income, income_null = np.zeros(len(owner), dtype=np.int64), np.ones(len(owner), bool)
    else:
        income, income_null = integers(income_column), nulls_of(income_column)
    sub.mark(
        "monthly_income",
        ~income_null & ((income < 0) | (income > MAX_FEN)),
        "null or a whole number of fen from 0 to 10¹¹",
    )
    kind, _kind_null = sub.codes("registration_kind", KIND_VALUES, required=False)
    # A member's facts are the member's: the supporter's own are then left out (Supporter).
    has_member = member_at >= 0
    sub.mark(
        "member",
        has_member & (~birth_null | ~category_null | (kind != -1) | ~disabled_null),
        "either a member's id or the supporter's own birth_date, disability, disabled and "
        "registration_kind, not both",
    )
    member = np.full(len(owner), -1, dtype=np.int64)
    if has_member.any():
        # Look for the member among the rows of the supporter's household (one id each there).
        ids = np.asarray(person_ids.to_numpy(zero_copy_only=False), dtype=object)
        wanted = np.asarray([*member_names, ""], dtype=object)[member_at]
        household = households.of_row[owner]
        start, size = households.starts[household], households.sizes[household]
        for position in range(int(size[has_member].max())):
            looking = has_member & (member < 0) & (position < size)
            row = np.where(looking, start + position, 0)
            member = np.where(looking & (ids[row] == wanted), row, member)
        sub.mark("member", has_member & (member < 0), "the person_id of a member of the household")
        sub.mark(
            "member",
            has_member & (member == owner),
            "the person_id of another member of the household (not the person assessed)",
        )
    sub.mark("relationship", whole_null, "a supporter, not null")
    if sub.schema_errors:
        reader.schema_errors.extend(
            InvalidInputError(f"$.{SUPPORTERS}[]{e.path[1:]}", e.value, e.expected)
            for e in sub.schema_errors
        )
    for field in sub.bad:
        if field != "relationship":  # a null supporter is bad once, as a missing relationship
            sub.bad[field] = sub.bad[field] & ~whole_null
        nested.mark(owner, index, field, sub)
    return Supporters(
        owner=owner,
        index=index,
        null=null,
        count=count,
        member=member,
        birth=days,
        birth_known=~birth_null,
        category=category.astype(np.int64),
        grade=grade,
        disabled=disabled,
        disabled_known=~disabled_null,
        situations=listed.bits,
        situations_known=~listed.null,
        within=np.zeros(len(owner), dtype=np.bool_) if within is None else within,
        within_known=~within_null,
        income=income,
        income_known=~income_null,
        kind=kind.astype(np.int64),
    )


def person_ids_of(reader: Reader, households: Households) -> Any:
    """Each row's member id, as :func:`~civaffairs.batch.schema.member_ids` gives it.

    A row's ``person_id`` when it names someone; else (null, empty or blank) the stand-in
    ``p<position>``, primed (``p0'``) while a named member of the household has it, so a
    missing id never makes two members one person (a string array).
    """
    position = np.arange(reader.rows) - households.starts[households.of_row]
    compute: Any = pc  # the stubs know no scalars among the joined strings
    fallback = compute.binary_join_element_wise("p", arrow(position).cast(pa.string()), "")
    if "person_id" not in reader.columns:
        return fallback
    given = strings_of(bare(reader.table.column("person_id")))
    # An id with a letter or a digit names someone; the others (null, empty, blank or
    # punctuation) are read one by one, with str.strip as member_ids reads them.
    named = np.asarray(
        compute.fill_null(compute.match_substring_regex(given, r"[\p{L}\p{N}]"), False).to_numpy(
            zero_copy_only=False
        ),
        dtype=np.bool_,
    )
    unsure = np.flatnonzero(~named)
    texts = given.take(arrow(unsure)).to_pylist()  # the few without a letter or a digit
    named[unsure] = [text is not None and bool(str(text).strip()) for text in texts]
    ids = compute.if_else(arrow(named), given, fallback)
    # A stand-in equal to a named member's id of the same household is primed (_stand_in).
    household = arrow(households.of_row).cast(pa.string())
    keys = compute.binary_join_element_wise(household, ids, "\x00")
    clash = np.flatnonzero(
        ~named
        & np.asarray(
            compute.is_in(keys, value_set=keys.filter(arrow(named))).to_numpy(zero_copy_only=False),
            dtype=np.bool_,
        )
    )
    if not len(clash):
        return ids
    values = ids.to_pylist()
    for row in clash.tolist():
        start = int(households.starts[households.of_row[row]])
        end = start + int(households.sizes[households.of_row[row]])
        taken = {values[r] for r in range(start, end) if named[r]}
        while values[row] in taken:
            values[row] += "'"
    return pa.array(values, pa.string())


@attrs.frozen
class People:
    """The person-level facts 特困 reads beyond :class:`~civaffairs.batch._persons.Facts`."""

    names: tuple[str, ...]
    at: Ints  # the deciding place of each row (the placeholder where none is valid)
    registered: Bools
    kind: Ints
    category: Ints
    grade: Ints
    serving: Bools
    missing: Bools
    student: Bools
    supported: Bools
    supported_known: Bools
    school: Bools
    school_known: Bools
    child: Bools
    child_known: Bools
    activities: Listed
    ability: Ints
    arrangement: Ints


def _flag(reader: Reader, name: str) -> tuple[Bools, Bools]:
    """Return a nullable boolean column as ``(values, known)``; absent: nothing known."""
    values, nulls = reader.nullable_flag(name)
    if values is None:
        return np.zeros(reader.rows, dtype=np.bool_), np.zeros(reader.rows, dtype=np.bool_)
    return values & ~nulls, ~nulls


def _status(reader: Reader, status: SpecialStatus) -> Bools:
    found = reader.flag(STATUS_COLUMNS[status])
    return np.zeros(reader.rows, dtype=np.bool_) if found is None else found


def read_people(reader: Reader, households: Households, default: str | None) -> People:
    rows = reader.rows
    applicant = households.applicant_row[households.of_row]
    registration, registration_names = reader.strings("registration", required=True)
    reader.mark(
        "registration",
        (registration >= 0) & ~codes_known(registration_names)[registration],
        "a six-digit GB/T 2260 code",
    )
    own = np.where(registration >= 0, registration, registration[applicant])
    kind_code, _ = reader.codes("registration_kind", KIND_VALUES, required=True)
    kind = np.where(kind_code == -1, kind_code[applicant], kind_code).astype(np.int64)
    chosen, chosen_names = reader.strings("jurisdiction", required=False)
    places = deciding_places((own, registration_names), (chosen[applicant], chosen_names), default)
    placeholder = len(places.names)
    category, _ = reader.codes("disability_category", CATEGORY_VALUES, required=False)
    grade, _ = reader.small_int("disability_grade")
    supported, supported_known = _flag(reader, SUPPORTED)
    school, school_known = _flag(reader, SCHOOL)
    child, child_known = _flag(reader, CHILD)
    column = reader.table.column(ACTIVITIES) if ACTIVITIES in reader.columns else None
    activities = bit_sets(column, ACTIVITY_VALUES, rows)
    if activities is None:
        shown = "(unknown)" if column is None else str(column.type)
        reader.schema_errors.append(
            InvalidInputError(f"$.{ACTIVITIES}", shown, "a list<string> column")
        )
        activities = bit_sets(None, ACTIVITY_VALUES, rows)
        assert activities is not None  # noqa: S101 - an absent column is always read
    reader.mark(ACTIVITIES, activities.bad, f"null or a list of {', '.join(ACTIVITY_VALUES)}")
    ability, _ = reader.codes(ABILITY, ABILITY_VALUES, required=False)
    arrangement, _ = reader.codes(ARRANGEMENT, ARRANGEMENT_VALUES, required=False)
    return People(
        names=places.names,
        at=np.where(places.valid, places.where, placeholder),
        registered=places.registered,
        kind=kind,
        category=category.astype(np.int64),
        grade=grade,
        serving=_status(reader, SpecialStatus.SERVING_SENTENCE),
        missing=_status(reader, SpecialStatus.DECLARED_MISSING),
        student=_status(reader, SpecialStatus.FULL_TIME_STUDENT),
        supported=supported,
        supported_known=supported_known,
        school=school,
        school_known=school_known,
        child=child,
        child_known=child_known,
        activities=activities,
        ability=ability.astype(np.int64),
        arrangement=arrangement.astype(np.int64),
    )
