"""The layered picture's household programmes in columns against the 低保-only screen, one run.

Run: ``.venv/bin/python benchmarks/bench_household_layers.py [--households 20000] [--rounds 3]``.

Measured, on one synthetic registry (Chongqing 武隆区, seeded; no real person), each member's
特困 status taken from the columnar 特困 screen (``meets_conditions``):

- the 低保-only columnar screen (:func:`civaffairs.batch.assess_table`), one thread;
- :func:`civaffairs.batch._household_layers.decide_table` — 低保, 低保边缘 and 刚性支出困难
  given the 特困 statuses, every undecided member decided every way — over the same slices
  (:data:`~civaffairs.batch.plumbing.SLICE_ROWS` persons), one thread;
- for scale, the scalar calls the layered screen makes today (``dibao.assess``,
  ``marginal.assess``, ``rigid_expenditure.assess`` given the 特困 decisions) on a sample.

Every figure comes from this one run on this machine (shared and noisy): read the ratios.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from collections.abc import Callable

import numpy as np
import pyarrow as pa

from civaffairs.assistance import dibao, extreme_poverty, marginal, rigid_expenditure
from civaffairs.batch import assess_table, synthetic_population
from civaffairs.batch import extreme_poverty as batch_extreme_poverty
from civaffairs.batch._household_layers import decide_table
from civaffairs.batch.plumbing import SLICE_ROWS, household_slices
from civaffairs.batch.schema import from_table
from civaffairs.decisions import Decision, Outcome

ON = dt.date(2025, 6, 30)
WHERE = "500156"


def _best(function: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def _statuses(registry: pa.Table) -> tuple[np.ndarray, np.ndarray]:
    meets = batch_extreme_poverty.assess_table(registry, ON).column("meets_conditions")
    recognised = meets.fill_null(pa.scalar(False)).to_numpy(zero_copy_only=False)
    undecided = meets.is_null().to_numpy(zero_copy_only=False)
    return np.asarray(recognised, dtype=np.bool_), np.asarray(undecided, dtype=np.bool_)


def _decide_slices(registry: pa.Table, recognised: np.ndarray, undecided: np.ndarray) -> None:
    for piece in household_slices(registry, SLICE_ROWS):
        rows = slice(piece.start, piece.start + piece.rows)
        decide_table(piece.of(registry), ON, recognised=recognised[rows], undecided=undecided[rows])


def _scalar_sample(registry: pa.Table, recognised: np.ndarray, undecided: np.ndarray) -> float:
    """Seconds a household for the three scalar calls, on the first 200 households."""
    sample = registry.slice(0, 600)
    households = [h for h, _ in from_table(sample)][:200]
    row = 0
    decisions: list[tuple[Decision, ...]] = []
    for household in households:
        mine = []
        for member in household.members:
            outcome = (
                Outcome.ELIGIBLE
                if recognised[row]
                else Outcome.CANNOT_DECIDE
                if undecided[row]
                else Outcome.NOT_ELIGIBLE
            )
            mine.append(
                Decision(
                    programme=extreme_poverty.PROGRAMME.code,
                    subject=f"{household.id} ({member.person.label})",
                    as_of=ON,
                    jurisdiction=WHERE,
                    outcome=outcome,
                    amount=None,
                    reasons=(),
                    missing=("$.facts",) if outcome is Outcome.CANNOT_DECIDE else (),
                    person=member.person.id,
                )
            )
            row += 1
        decisions.append(tuple(mine))
    start = time.perf_counter()
    for household, extreme in zip(households, decisions, strict=True):
        whole = dibao.assess(household, ON, extreme_poverty=extreme)
        edge = marginal.assess(household, ON, dibao_decision=whole, extreme_poverty=extreme)
        rigid_expenditure.assess(
            household, ON, dibao_decision=whole, marginal_decision=edge, extreme_poverty=extreme
        )
    return (time.perf_counter() - start) / len(households)


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    arguments = parser.parse_args()
    count, rounds = arguments.households, arguments.rounds
    registry = synthetic_population(count, WHERE, on=ON, seed=1)
    recognised, undecided = _statuses(registry)
    dibao_only = _best(lambda: assess_table(registry, ON, workers=1), rounds)
    columns = _best(lambda: _decide_slices(registry, recognised, undecided), rounds)
    scalar = _scalar_sample(registry, recognised, undecided)
    print(
        f"{count:,} synthetic households ({registry.num_rows:,} persons; {int(recognised.sum()):,} "
        f"recognised, {int(undecided.sum()):,} undecided as 特困), best of {rounds} round(s)"
    )
    for label, seconds in (
        ("低保 only, columnar, 1 thread", dibao_only),
        ("three programmes given 特困, columns", columns),
        ("the same, scalar (sample of 200)", scalar * count),
    ):
        print(f"  {label:<38}{seconds:9.3f} s  {seconds / count * 1e6:9.1f} µs/household")
    print(f"  columns ÷ 低保 only: {columns / dibao_only:.2f}×")
    print(f"  scalar ÷ columns: {scalar * count / columns:,.0f}×")


if __name__ == "__main__":
    main()
