"""Exactness at scale: the columnar engine against the scalar path on a synthetic registry.

Run: ``.venv/bin/python benchmarks/check_exactness.py [HOUSEHOLDS] [--book shipped|rounding]``
(default 1,000,000 households, both books).  Every household of a seeded
synthetic registry of Chongqing (a third of them at, one fen under or one fen
over the threshold; wages ending in 50 fen) is decided by
:func:`civaffairs.batch.assess_table` and, rebuilt as a scalar-model household
by :func:`civaffairs.batch.schema.from_table`, by
:func:`civaffairs.assistance.dibao.assess`.  Outcome, amount in fen and the
set of reason codes must agree for every household; the script prints the
count of mismatches (and the first few) and exits 1 if there is any.

The ``rounding`` book adds a 15 % employment deduction, a 20 % floor and a
1.35 marginal multiple, so that amounts fall on half fen and are rounded.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from decimal import Decimal

from civaffairs.assistance import dibao
from civaffairs.batch import REASON_CATALOGUE, assess_table
from civaffairs.batch.population import synthetic_batches
from civaffairs.batch.schema import from_table
from civaffairs.money import yuan_to_fen
from civaffairs.parameters import ParameterBook, default_book

ON = dt.date(2025, 8, 1)
CHONGQING = "500000"


def rounding_book() -> ParameterBook:
    start = dt.date(2021, 7, 1)
    return (
        default_book()
        .override(
            "assistance.dibao.income.employment_deduction_rate", CHONGQING, Decimal("0.15"), start
        )
        .override(
            "assistance.dibao.amount.minimum_share_of_standard", CHONGQING, Decimal("0.2"), start
        )
        .override("assistance.marginal.income_multiple", CHONGQING, Decimal("1.35"), start)
    )


def check(households: int, book: ParameterBook, label: str) -> int:
    mismatches = 0
    seen = 0
    rounded = 0
    started = time.perf_counter()
    for block in synthetic_batches(households, CHONGQING, on=ON, seed=20251123, book=book):
        rows = assess_table(block, ON, book=book).to_pylist()
        for (household, where), row in zip(from_table(block), rows, strict=True):
            decision = dibao.assess(household, ON, jurisdiction=where, book=book)
            paid = 0 if decision.amount is None else yuan_to_fen(decision.amount.total)
            codes = sorted(set(decision.codes), key=REASON_CATALOGUE.index)
            rounded += any(
                line.code == "rounding"
                for line in (decision.amount.lines if decision.amount else ())
            )
            if (
                row["outcome"] != decision.outcome.value
                or row["amount_fen"] != paid
                or row["reasons"] != codes
            ):
                mismatches += 1
                if mismatches <= 5:
                    scalar = f"{decision.outcome} {paid} {codes}"
                    print(f"MISMATCH {household.id}: engine {row} scalar {scalar}")
            seen += 1
        print(
            f"\r[{label}] {seen:,} households checked, {mismatches} mismatches, "
            f"{rounded:,} amounts rounded ({time.perf_counter() - started:.0f} s)",
            end="",
            file=sys.stderr,
        )
    print(file=sys.stderr)
    print(
        f"[{label}] {seen:,} households: {mismatches} mismatches; {rounded:,} amounts were rounded"
    )
    return mismatches


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("households", nargs="?", type=int, default=1_000_000)
    parser.add_argument("--book", choices=("shipped", "rounding", "both"), default="both")
    args = parser.parse_args()
    total = 0
    if args.book in {"shipped", "both"}:
        total += check(args.households, default_book(), "shipped")
    if args.book in {"rounding", "both"}:
        total += check(args.households, rounding_book(), "rounding")
    sys.exit(1 if total else 0)


if __name__ == "__main__":
    main()
