"""A hand-written numpy 低保 kernel: the baseline the columnar engine is measured against.

It is what one writes for speed alone: person-level numpy arrays already in
memory (no Arrow, no validation, no reason codes, no parameter look-ups: the
figures are passed in), the rule written again by hand, with the same tricks
the engine uses (ages looked up per distinct birth day, codes compared on the
dictionary, per-household sums by a running total).  It decides the same
households the same way as the engine on valid data (``bench_batch.py``
checks the outcomes and amounts agree), so the ratio between the two is the
price of reading Arrow, checking every cell and explaining every household.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa

Array = npt.NDArray[Any]

APPLICANT, SPOUSE, CHILD, OTHER = 0, 1, 2, 8
COUNTED_TYPES = ("wages", "business", "property", "transfer", "other")
EXCLUDED = (
    "clergy_living_apart",
    "serving_sentence",
    "compulsory_drug_rehabilitation",
    "declared_missing",
)
DEPENDENT = ("full_time_student", "unable_to_live_independently")


def arrays(table: pa.Table) -> dict[str, Array]:
    """Pull the columns the kernel needs out of a persons table (not timed)."""
    out: dict[str, Array] = {}
    for name in table.column_names:
        column = table.column(name)
        if pa.types.is_nested(column.type) or pa.types.is_string(column.type):
            continue  # other programmes' facts (lists, plain strings): not read here
        if pa.types.is_dictionary(column.type):
            combined: Any = column.unify_dictionaries().combine_chunks()
            out[name] = np.asarray(combined.indices.fill_null(-1).to_numpy())
            out[name + ".values"] = np.array(combined.dictionary.to_pylist(), dtype=object)
        elif pa.types.is_date32(column.type):
            out[name] = np.asarray(column.cast(pa.int32()).to_numpy())
        elif pa.types.is_boolean(column.type):
            loose: Any = column
            out[name] = np.asarray(loose.fill_null(False).to_numpy())
            out[name + ".null"] = np.asarray(column.is_null().to_numpy(zero_copy_only=False))
        else:
            loose = column
            out[name] = np.asarray(loose.fill_null(0).to_numpy())
    return out


def kernel(  # noqa: PLR0915 - one hand-written rule, top to bottom
    a: dict[str, Array],
    on: dt.date,
    *,
    standard_urban: int,
    standard_rural: int,
    months: int,
    multiple: tuple[int, int] = (3, 2),
    exclude_pension: bool = True,
    marginal_months: int = 36,
    business_limit: int = 20_000_000,
) -> tuple[Array, Array]:
    """Return (outcome code 0/1/2, amount in fen) per household."""
    ids = a["household_id"]
    rows = len(ids)
    starts = np.flatnonzero(np.concatenate(([True], ids[1:] != ids[:-1])))
    ends = np.append(starts[1:], rows)
    of_row = np.repeat(np.arange(len(starts)), ends - starts)

    def per_household(values: Array) -> Array:  # sums by a differenced running total
        total = np.zeros(rows + 1, dtype=np.int64)
        np.cumsum(values, out=total[1:])
        sums: Array = total[ends] - total[starts]
        return sums

    def any_per_household(values: Array) -> Array:
        found = np.zeros(len(starts), dtype=bool)
        found[of_row[np.flatnonzero(values)]] = True
        return found

    rel = a["relationship"]
    # Ages: one per distinct birth day, then a look-up.
    days = a["birth_date"].astype(np.int64)
    first = int(days.min())
    span = np.arange(first, int(days.max()) + 1).astype("datetime64[D]")
    year = span.astype("datetime64[Y]").astype(np.int64) + 1970
    month_start = span.astype("datetime64[M]")
    monthday = (
        (month_start.astype(np.int64) % 12 + 1) * 100 + (span - month_start).astype(np.int64) + 1
    )
    age = (on.year - year - (monthday > on.month * 100 + on.day))[days - first]
    excluded = np.zeros(len(rel), dtype=bool)
    for name in EXCLUDED:
        excluded |= a.get(f"status_{name}", excluded)
    dependent = a["status_full_time_student"] | a["status_unable_to_live_independently"]
    lives = a["lives_together"]
    lives_null = a["lives_together.null"]
    core = (rel == APPLICANT) | (rel == SPOUSE)
    child = (rel == CHILD) & ((age < 18) | dependent)
    others = ~excluded & ~(core | child | (rel == OTHER))
    counted = ~excluded & (core | child | (others & lives & ~lives_null))
    missing = any_per_household(others & lives_null)
    own = np.zeros(len(rel), dtype=np.int64)
    for name in COUNTED_TYPES:
        if f"income_{name}" in a:
            own += a[f"income_{name}"]
    if not exclude_pension:
        own += a["income_central_basic_pension"]
    members = per_household(counted)
    income = per_household(own * counted)
    for name in COUNTED_TYPES:
        if f"household_income_{name}" in a:
            income += a[f"household_income_{name}"][starts]
    rural = (a["registration_kind.values"] == "rural")[a["registration_kind"][starts]]
    standard = np.where(rural, standard_rural, standard_urban)
    threshold = standard * members
    financial = a["asset_deposits"][starts] + a["asset_securities"][starts]
    assets_ok = (
        (financial < threshold * months)
        & ~a["owns_vehicle"][starts]
        & ~a["owns_business_entity"][starts]
    )
    income_ok = income < threshold
    whole = ~missing & income_ok & assets_ok
    grade = np.where(a["disability_grade"] == 0, 99, a["disability_grade"])
    category = a["disability_category"]
    mental_code = np.isin(a["disability_category.values"], ["intellectual", "mental"])
    mental = (category >= 0) & mental_code[np.maximum(category, 0)]
    candidate = counted & ((grade <= 2) | ((grade == 3) & mental) | a["serious_illness"])
    person_standard = standard[of_row]
    single = candidate & (own < person_standard)
    single_amount = per_household(np.where(single, person_standard - own, 0))
    marginal = income * multiple[1] < threshold * multiple[0]
    # 单人户 (57号 art. 8): a marginal household, judged on the marginal property rules.
    business_value = a.get("asset_business_entity", np.zeros(rows, dtype=np.int64))[starts]
    marginal_assets_ok = (
        (financial < threshold * marginal_months)
        & ~a["owns_vehicle"][starts]
        & ~(a["owns_business_entity"][starts] & (business_value >= business_limit))
    )
    alone = (
        ~missing & ~(income_ok & assets_ok) & marginal & marginal_assets_ok & (single_amount > 0)
    )
    outcome = np.where(whole | alone, 1, np.where(missing, 2, 0))
    amount = np.where(whole, threshold - income, np.where(alone, single_amount, 0))
    return outcome, amount
