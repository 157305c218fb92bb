"""The longevity allowance (高龄津贴) for a whole register of people, exactly as one at a time.

:func:`assess_table` decides :func:`civaffairs.eldercare.longevity.assess` for every row of
a *people table* on one date.  The month arithmetic is the scalar rule's own
(:func:`~civaffairs.eldercare.longevity.paid_from`,
:func:`~civaffairs.eldercare.longevity.month_index`), evaluated on numpy columns; the bands
come from :func:`~civaffairs.eldercare.longevity.bands`, once per deciding jurisdiction; and
the registration test is :func:`civaffairs.jurisdictions.is_within`, once per distinct pair of
places.  A property test compares every row with the scalar decision.

The people table, one row per person:

- ``person_id`` — string or integer, optional: carried to the result.
- ``birth_date`` — date, required, not after the as-of date.
- ``registration`` — string, required: the GB/T 2260 code of the person's own household
  registration (户籍).
- ``jurisdiction`` — string, optional: where the allowance is decided; null means where the
  person is registered.

Other columns are refused (a misspelt column must not be read as absent).  To screen the
elders of a household register (:mod:`civaffairs.batch.schema`), select these columns from
it, with each person's own registration.

Bad cells (a missing or future birth date, an unknown code) make their row "cannot decide"
(``batch.invalid_value``, the columns named in ``problems``), or with ``errors="raise"`` fail
the call listing every one; a parameter not in force where a row needs it makes that row
"cannot decide" (``batch.parameter_unavailable``) or, raising, fails with the first such
:class:`~civaffairs.errors.ParameterError`.  Start ages that do not ascend are a data error
and always raise, as in the scalar path.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, Final

import attrs
import numpy as np
import numpy.typing as npt
import pyarrow as pa

from civaffairs import jurisdictions
from civaffairs.batch._columns import Bools, Ints, Reader, arrow
from civaffairs.batch._common import (
    R_INVALID_VALUE,
    R_PARAMETER_UNAVAILABLE,
    BadCell,
    Errors,
    any_bad,
    bad_cells,
    check_columns,
    check_errors,
    finish,
    in_threads,
    is_division,
    lists,
    render_rows,
    small_unique,
    within,
    workers_for,
    yuan_text,
)
from civaffairs.batch._identity import refuse_repeated_people
from civaffairs.batch.engine import NUMPY, SLICE_ROWS, Frame, to_arrow
from civaffairs.decisions import Outcome
from civaffairs.eldercare import longevity
from civaffairs.errors import InvalidDocumentError, ParameterError
from civaffairs.money import yuan_to_fen
from civaffairs.parameters import ParameterBook, default_book

__all__ = [
    "COLUMNS",
    "REASON_CATALOGUE",
    "assess_table",
    "people_schema",
    "render_summary",
    "summarise",
]

#: The columns of a people table.
COLUMNS: Final = ("person_id", "birth_date", "registration", "jurisdiction")

#: The reason codes a row may carry, in the order they are listed.
REASON_CATALOGUE: Final = (
    longevity.R_REGISTRATION_ELSEWHERE.code,
    longevity.R_REGISTRATION.code,
    longevity.R_NO_ALLOWANCE.code,
    longevity.R_AGE.code,
    longevity.R_BELOW.code,
    longevity.R_BAND.code,
    R_INVALID_VALUE.code,
    R_PARAMETER_UNAVAILABLE.code,
)

_OUTCOMES: Final = (Outcome.NOT_ELIGIBLE.value, Outcome.ELIGIBLE.value, Outcome.CANNOT_DECIDE.value)
_EPOCH: Final = dt.date(1970, 1, 1)
_LOCAL = "eldercare.longevity.requires_local_registration"
_BIRTHDAY = "eldercare.longevity.first_month_is_birthday_month"
_BANDS = "eldercare.longevity.band_count"
_NO_BAND: Final = 10_000  # a start age no one reaches: pads jurisdictions with fewer bands


def people_schema() -> pa.Schema:
    """Return the Arrow schema of a people table (``person_id`` as a string).

    .. versionadded:: 0.1.0
    """
    codes = pa.dictionary(pa.int32(), pa.string())
    fields: list[Any] = [
        pa.field("person_id", pa.string()),
        pa.field("birth_date", pa.date32(), nullable=False),
        pa.field("registration", codes, nullable=False),
        pa.field("jurisdiction", codes),
    ]
    return pa.schema(fields)


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
    """Decide the longevity allowance of every person of a people table for ``on``'s month.

    ``data`` is a pyarrow table (or record batch), or a pandas or polars data frame;
    ``jurisdiction`` is where rows without a ``jurisdiction`` value are decided (by
    default: where the person is registered); ``workers`` is as in
    :func:`civaffairs.batch.assess_table`.

    Returns one row per person, in input order: ``person_id`` (when the input has it),
    ``jurisdiction`` (the deciding one), ``outcome``, ``amount_fen`` (the monthly amount,
    0 unless eligible), ``band`` (the start age of the band paid, null unless eligible),
    ``reasons`` (codes of :data:`REASON_CATALOGUE`) and ``problems`` (bad columns or
    parameters not in force; null when none).

    A ``person_id`` on two rows (one person, paid twice) always raises, naming both
    rows; ``first_row`` is the row of the table's first row in its file, so errors
    name file rows.

    .. versionadded:: 0.1.0
    """
    check_errors(errors)
    threads = workers_for(workers)
    table = _checked(data)
    refuse_repeated_people(table, first_row=first_row, what="people table")
    chosen = book or default_book()
    default = None if jurisdiction is None else jurisdictions.get(jurisdiction).code
    rows = table.num_rows
    cuts = [(start, min(SLICE_ROWS, rows - start)) for start in range(0, rows, SLICE_ROWS)]

    def decide(cut: tuple[int, int]) -> tuple[pa.Table, list[BadCell], ParameterError | None]:
        start, length = cut
        sliced = table if length == rows else table.slice(start, length)
        reader = Reader(sliced)
        output, error = _decide(reader, on, chosen, default)
        if errors == "mark":
            return output, [], None
        return output, bad_cells(reader, first_row + start), error

    return finish(in_threads(threads, decide, cuts or [(0, 0)]), errors, what="people table")


def _checked(data: Frame) -> pa.Table:
    table = to_arrow(data)
    check_columns(table, COLUMNS, f"one of {', '.join(COLUMNS)}", "people table")
    return table


@attrs.frozen
class _Group:
    """The parameters of one deciding jurisdiction, each with whether it was found."""

    local: bool
    local_found: bool
    starts: tuple[int, ...]
    amounts: tuple[int, ...]
    bands_found: bool
    birthday: bool
    birthday_found: bool
    missing: dict[str, ParameterError]


def _group(code: str | None, on: dt.date, book: ParameterBook) -> _Group:
    """Look up a jurisdiction's parameters once; what is not in force is recorded, not raised."""
    missing: dict[str, ParameterError] = {}
    if code is None:  # an unknown place: its rows are bad cells already
        return _Group(False, True, (), (), True, False, True, missing)

    def attempt(name: str, look: Callable[[], Any]) -> Any:
        try:
            return look()
        except ParameterError as exc:
            missing[name] = exc
            return None

    local = attempt(_LOCAL, lambda: book.flag(_LOCAL, code, on)[0])
    found = attempt(_BANDS, lambda: longevity.bands(code, on, book=book)[0])
    birthday = attempt(_BIRTHDAY, lambda: book.flag(_BIRTHDAY, code, on)[0])
    bands: Sequence[longevity.Band] = found or ()
    return _Group(
        local=bool(local),
        local_found=_LOCAL not in missing,
        starts=tuple(b.start_age for b in bands),
        amounts=tuple(yuan_to_fen(b.amount) for b in bands),
        bands_found=_BANDS not in missing,
        birthday=bool(birthday),
        birthday_found=_BIRTHDAY not in missing,
        missing=missing,
    )


def _decide(  # noqa: PLR0915 - the rule's steps in order, as longevity.assess takes them
    reader: Reader, on: dt.date, book: ParameterBook, default: str | None
) -> tuple[pa.Table, ParameterError | None]:
    rows = reader.rows
    days, birth_null = reader.days("birth_date")
    reader.mark("birth_date", birth_null, "a birth date, not missing")
    reader.mark("birth_date", days > (on - _EPOCH).days, f"a birth date on or before {on}")
    registration, registration_names = reader.strings("registration", required=True)
    chosen, chosen_names = reader.strings("jurisdiction", required=False)
    if reader.schema_errors:
        raise InvalidDocumentError(reader.schema_errors, what="people table")
    known = np.array([is_division(code) for code in registration_names] + [False])
    reader.mark("registration", ~known[registration], "a six-digit GB/T 2260 code, not missing")

    # The deciding jurisdiction: the row's own, else the call's default, else the registration.
    names = list(dict.fromkeys([*registration_names, *chosen_names, *filter(None, [default])]))
    position = {name: i for i, name in enumerate(names)}
    reg_at = np.array([position[n] for n in registration_names] + [-1], dtype=np.int64)
    chosen_at = np.array([position[n] for n in chosen_names] + [-1], dtype=np.int64)[chosen]
    fallback = reg_at[registration] if default is None else np.full(rows, position[default])
    where = np.where(chosen_at >= 0, chosen_at, fallback)
    valid_place = np.array([is_division(n) for n in names] + [False])
    reader.mark(
        "jurisdiction", ~valid_place[where] & (chosen_at >= 0), "a known GB/T 2260 code, or null"
    )
    bad = any_bad(reader)

    # Parameters, once per deciding jurisdiction.
    places, group = small_unique(where + 1)
    groups = [
        _group(names[p - 1] if p > 0 and valid_place[p - 1] else None, on, book)
        for p in places.tolist()
    ]

    def per_row(values: Sequence[Any], dtype: Any) -> npt.NDArray[Any]:
        return np.array(values, dtype=dtype)[group]

    # 1. Registration: where the jurisdiction requires it, registered within it.
    local = per_row([g.local for g in groups], np.bool_)
    refused = local & ~within(names, reg_at[registration], where)

    # 2-4. Bands, then the highest band already payable this month (start ages ascend).
    count = per_row([len(g.starts) for g in groups], np.int64)
    widest = max((len(g.starts) for g in groups), default=0)
    starts = np.array(
        [list(g.starts) + [_NO_BAND] * (widest - len(g.starts)) for g in groups],
        dtype=np.int64,
    ).reshape(len(groups), widest)
    amounts = np.array(
        [list(g.amounts) + [0] * (widest - len(g.amounts)) for g in groups], dtype=np.int64
    ).reshape(len(groups), widest)
    birthday = per_row([g.birthday for g in groups], np.bool_)
    born = days.astype("datetime64[D]")
    birth_year = born.astype("datetime64[Y]").astype(np.int64) + 1970
    birth_month = born.astype("datetime64[M]").astype(np.int64) % 12 + 1
    this_month = longevity.month_index(on.year, on.month)
    payable = np.zeros(rows, dtype=np.int64)
    for band in range(widest):
        first = longevity.paid_from(
            NUMPY,
            birth_year=birth_year,
            birth_month=birth_month,
            start_age=starts[group, band],
            birthday_month=birthday,
        )
        payable += first <= this_month
    band_index = payable - 1
    decided_bands = ~refused
    none = decided_bands & (count == 0)
    aged = decided_bands & (count > 0)
    paid = aged & (band_index >= 0)
    amount = np.zeros(rows, dtype=np.int64)
    band_start = np.zeros(rows, dtype=np.int64)
    if widest:  # the paid band's amount and start age (band_index is -1 where none is paid)
        row_band = np.maximum(band_index, 0)
        amount = np.where(paid, amounts[group, row_band], 0)
        band_start = np.where(paid, starts[group, row_band], 0)

    # What each row needs, and whether it is in force there.
    valid = ~bad
    local_found = per_row([g.local_found for g in groups], np.bool_)
    bands_found = per_row([g.bands_found for g in groups], np.bool_)
    birthday_found = per_row([g.birthday_found for g in groups], np.bool_)
    need_bands = valid & local_found & ~refused
    unavailable = {
        _LOCAL: valid & ~local_found,
        _BANDS: need_bands & ~bands_found,
        _BIRTHDAY: need_bands & bands_found & (count > 0) & ~birthday_found,
    }
    lacking = unavailable[_LOCAL] | unavailable[_BANDS] | unavailable[_BIRTHDAY]
    cannot = bad | lacking
    outcome = np.where(cannot, 2, np.where(paid, 1, 0)).astype(np.int8)

    flags = [
        refused,
        ~refused,
        none,
        aged,
        aged & (band_index < 0),
        paid,
    ]
    flags = [flag & ~cannot for flag in flags] + [bad, lacking & ~bad]
    problem_names = list(reader.bad)
    problem_flags = [reader.bad[name] for name in problem_names]
    for name, mask in unavailable.items():
        for label, rows_of in _parameter_labels(name, groups, group).items():
            shown = mask & ~bad & rows_of
            if shown.any():
                problem_names.append(label)
                problem_flags.append(shown)

    columns: dict[str, Any] = {}
    if "person_id" in reader.columns:
        columns["person_id"] = reader.table.column("person_id")
    columns |= {
        "jurisdiction": pa.DictionaryArray.from_arrays(
            arrow(where, mask=~valid_place[where], type=pa.int32()),
            arrow(names, type=pa.string()),
        ),
        "outcome": pa.DictionaryArray.from_arrays(arrow(outcome), arrow(list(_OUTCOMES))),
        "amount_fen": arrow(np.where(cannot, 0, amount), type=pa.int64()),
        "band": arrow(band_start.astype(np.int16), mask=~paid | cannot),
        "reasons": lists(flags, REASON_CATALOGUE, rows),
        "problems": lists(problem_flags, problem_names, rows),
    }
    return pa.table(columns), _first_error(unavailable, groups, group, bad)


def _parameter_labels(name: str, groups: Sequence[_Group], group: Ints) -> dict[str, Bools]:
    """Name what each row lacks: for the bands, the parameter each place's look-up stopped at."""
    labels: dict[str, list[int]] = {}
    for index, found in enumerate(groups):
        error = found.missing.get(name)
        if error is not None:
            label = getattr(error, "name", None)
            labels.setdefault(label if isinstance(label, str) else name, []).append(index)
    return {label: np.isin(group, indices) for label, indices in labels.items()}


def _first_error(
    unavailable: dict[str, Bools], groups: Sequence[_Group], group: Ints, bad: Bools
) -> ParameterError | None:
    """Return the parameter error of the first row that needs a value not in force."""
    lacking = np.zeros(len(bad), dtype=np.bool_)
    for mask in unavailable.values():
        lacking |= mask & ~bad
    if not lacking.any():
        return None
    first = int(np.flatnonzero(lacking)[0])
    for name, mask in unavailable.items():
        if mask[first]:
            return groups[int(group[first])].missing[name]
    return None  # pragma: no cover - lacking[first] means some mask holds


def summarise(result: pa.Table) -> pa.Table:
    """Count people and their monthly cost (fen) per outcome and band, with a totals row.

    ``result`` is what :func:`assess_table` returns; the totals row has outcome and band
    ``"(all)"``.

    .. versionadded:: 0.1.0
    """
    outcome = result.column("outcome").cast(pa.string()).to_pylist()
    band = result.column("band").to_pylist()
    amount = [int(fen or 0) for fen in result.column("amount_fen").to_pylist()]
    totals: dict[tuple[str, str], list[int]] = {}
    for o, b, fen in zip(outcome, band, amount, strict=True):
        key = (str(o), "-" if b is None else f"from {b}")
        found = totals.setdefault(key, [0, 0])
        found[0] += 1
        found[1] += fen
    rows = [
        {
            "programme": longevity.PROGRAMME.code,
            "outcome": o,
            "band": b,
            "persons": n,
            "monthly_cost_fen": fen,
        }
        for (o, b), (n, fen) in sorted(totals.items())
    ]
    rows.append(
        {
            "programme": longevity.PROGRAMME.code,
            "outcome": "(all)",
            "band": "(all)",
            "persons": len(amount),
            "monthly_cost_fen": sum(amount),
        }
    )
    return pa.Table.from_pylist(rows)


def render_summary(summary: pa.Table) -> str:
    """Render :func:`summarise`'s table as aligned text (money in yuan).

    .. versionadded:: 0.1.0
    """
    rows = [
        [
            str(r["programme"]),
            str(r["outcome"]),
            str(r["band"]),
            f"{r['persons']:,}",
            yuan_text(int(r["monthly_cost_fen"])),
        ]
        for r in summary.to_pylist()
    ]
    return render_rows(["programme", "outcome", "band", "persons", "monthly cost"], rows, left=3)
