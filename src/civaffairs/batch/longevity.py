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
    ALL,
    R_INVALID_VALUE,
    R_PARAMETER_UNAVAILABLE,
    Errors,
    any_bad,
    check_errors,
    lists,
    render_summary_rows,
    small_unique,
    workers_for,
)
from civaffairs.batch._identity import refuse_repeated_people
from civaffairs.batch.arrays import NUMPY, calendar_parts
from civaffairs.batch.plumbing import (
    SLICE_ROWS,
    Decided,
    Frame,
    Slice,
    birth_days,
    checked_table,
    codes_known,
    decide_slices,
    deciding_places,
    first_parameter_error,
    row_slices,
)
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
_WHAT: Final = "people table"
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
    table = checked_table(data, COLUMNS, f"one of {', '.join(COLUMNS)}", _WHAT)
    refuse_repeated_people(table, first_row=first_row, what=_WHAT)
    chosen = book or default_book()
    default = None if jurisdiction is None else jurisdictions.get(jurisdiction).code

    def decide(piece: Slice) -> Decided:
        reader = Reader(piece.of(table))
        output, error = _decide(reader, on, chosen, default)
        return output, reader, first_row + piece.start, error

    pieces = row_slices(table.num_rows, SLICE_ROWS)
    return decide_slices(pieces, decide, errors=errors, workers=threads, what=_WHAT)


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


def _decide(
    reader: Reader, on: dt.date, book: ParameterBook, default: str | None
) -> tuple[pa.Table, ParameterError | None]:
    """Decide a slice's rows, in the steps :func:`civaffairs.eldercare.longevity.assess` takes."""
    days = birth_days(reader, on)
    registration = reader.strings("registration", required=True)
    chosen = reader.strings("jurisdiction", required=False)
    if reader.schema_errors:
        raise InvalidDocumentError(reader.schema_errors, what=_WHAT)
    known = codes_known(registration[1])[registration[0]]
    reader.mark("registration", ~known, "a six-digit GB/T 2260 code, not missing")
    # The deciding jurisdiction: the row's own, else the call's default, else the registration.
    places = deciding_places(registration, chosen, default)
    reader.mark("jurisdiction", places.bad_choice, "a known GB/T 2260 code, or null")
    bad = any_bad(reader)

    # Parameters, once per deciding jurisdiction.
    valid_place = codes_known(places.names)
    keys, group = small_unique(places.where + 1)
    groups = [
        _group(places.names[p - 1] if p > 0 and valid_place[p - 1] else None, on, book)
        for p in keys.tolist()
    ]

    def per_row(values: Sequence[Any], dtype: Any) -> npt.NDArray[Any]:
        return np.array(values, dtype=dtype)[group]

    # 1. Registration: where the jurisdiction requires it, registered within it.
    refused = per_row([g.local for g in groups], np.bool_) & ~places.registered
    # 2-4. Bands, then the highest band already payable this month (start ages ascend).
    band = _paid_band(days, on, groups, group, per_row([g.birthday for g in groups], np.bool_))
    count = per_row([len(g.starts) for g in groups], np.int64)
    aged = ~refused & (count > 0)
    paid = aged & (band.index >= 0)

    # What each row needs, and whether it is in force there.
    valid = ~bad
    local_found = per_row([g.local_found for g in groups], np.bool_)
    bands_found = per_row([g.bands_found for g in groups], np.bool_)
    need_bands = valid & local_found & ~refused
    unavailable = {
        _LOCAL: valid & ~local_found,
        _BANDS: need_bands & ~bands_found,
        _BIRTHDAY: need_bands
        & bands_found
        & (count > 0)
        & ~per_row([g.birthday_found for g in groups], np.bool_),
    }
    lacking = unavailable[_LOCAL] | unavailable[_BANDS] | unavailable[_BIRTHDAY]
    cannot = bad | lacking
    flags = [refused, ~refused, ~refused & (count == 0), aged, aged & (band.index < 0), paid]
    flags = [flag & ~cannot for flag in flags] + [bad, lacking & ~bad]
    problem_names, problem_flags = _problems(reader, unavailable, groups, group, bad)

    columns: dict[str, Any] = {}
    if "person_id" in reader.columns:
        columns["person_id"] = reader.table.column("person_id")
    columns |= {
        "jurisdiction": pa.DictionaryArray.from_arrays(
            arrow(places.where, mask=~places.valid, type=pa.int32()),
            arrow(list(places.names), type=pa.string()),
        ),
        "outcome": pa.DictionaryArray.from_arrays(
            arrow(np.where(cannot, 2, np.where(paid, 1, 0)).astype(np.int8)),
            arrow(list(_OUTCOMES)),
        ),
        "amount_fen": arrow(np.where(cannot | ~paid, 0, band.amount), type=pa.int64()),
        "band": arrow(np.where(paid, band.start, 0).astype(np.int16), mask=~paid | cannot),
        "reasons": lists(flags, REASON_CATALOGUE, reader.rows),
        "problems": lists(problem_flags, problem_names, reader.rows),
    }
    unavailable = {name: mask & ~bad for name, mask in unavailable.items()}
    error = first_parameter_error(
        unavailable, lambda name, row: groups[int(group[row])].missing[name]
    )
    return pa.table(columns), error


@attrs.frozen
class _Band:
    """Per row, the highest band payable this month (-1: none), its start age and amount."""

    index: Ints
    start: Ints
    amount: Ints


def _paid_band(
    days: Ints, on: dt.date, groups: Sequence[_Group], group: Ints, birthday: Bools
) -> _Band:
    """Return the band each row is paid this month: the last whose first month has come.

    Start ages ascend (the scalar rule refuses them otherwise), so the number of
    bands already payable is the index, plus one, of the highest.
    """
    rows = len(days)
    widest = max((len(g.starts) for g in groups), default=0)
    starts = np.array(
        [list(g.starts) + [_NO_BAND] * (widest - len(g.starts)) for g in groups],
        dtype=np.int64,
    ).reshape(len(groups), widest)
    amounts = np.array(
        [list(g.amounts) + [0] * (widest - len(g.amounts)) for g in groups], dtype=np.int64
    ).reshape(len(groups), widest)
    birth_year, birth_month, _ = calendar_parts(days)
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
    index = payable - 1
    if not widest:  # no band anywhere: nobody is paid
        zero = np.zeros(rows, dtype=np.int64)
        return _Band(index, zero, zero)
    row_band = np.maximum(index, 0)  # the paid band (index is -1 where none is paid)
    return _Band(index, starts[group, row_band], amounts[group, row_band])


def _problems(
    reader: Reader,
    unavailable: dict[str, Bools],
    groups: Sequence[_Group],
    group: Ints,
    bad: Bools,
) -> tuple[list[str], list[Bools]]:
    """Name, per row, the bad columns and the parameters not in force."""
    names = list(reader.bad)
    flags = [reader.bad[name] for name in names]
    for name, mask in unavailable.items():
        for label, rows_of in _parameter_labels(name, groups, group).items():
            shown = mask & ~bad & rows_of
            if shown.any():
                names.append(label)
                flags.append(shown)
    return names, flags


def _parameter_labels(name: str, groups: Sequence[_Group], group: Ints) -> dict[str, Bools]:
    """Name what each row lacks: for the bands, the parameter each place's look-up stopped at."""
    labels: dict[str, list[int]] = {}
    for index, found in enumerate(groups):
        error = found.missing.get(name)
        if error is not None:
            label = getattr(error, "name", None)
            labels.setdefault(label if isinstance(label, str) else name, []).append(index)
    return {label: np.isin(group, indices) for label, indices in labels.items()}


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
            "outcome": ALL,
            "band": ALL,
            "persons": len(amount),
            "monthly_cost_fen": sum(amount),
        }
    )
    return pa.Table.from_pylist(rows)


def render_summary(summary: pa.Table) -> str:
    """Render :func:`summarise`'s table as aligned text (money in yuan).

    .. versionadded:: 0.1.0
    """
    return render_summary_rows(summary, "band", "persons")
