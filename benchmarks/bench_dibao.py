"""Cost of one 低保 decision, as ratios against baselines timed in the same process.

Run: ``.venv/bin/python benchmarks/bench_dibao.py``.  The machines are shared and noisy,
so absolute times are printed for information only; the ratios are what to compare.  Times
are this process's CPU time (:func:`time.process_time`), which other jobs on the machine
disturb less than the wall clock; the median of five repeats.  To compare two versions,
run this script with each on ``PYTHONPATH`` in turn, alternating, several times.

- ``bare formula``: the difference payment alone, plain Decimal arithmetic on ready numbers;
- ``assess``: :func:`civaffairs.assistance.dibao.assess` on a validated household;
- ``json + assess``: parse and validate the JSON household, then decide (JSON → decision);
- ``json + assess + render``: the same, then render the text;
- ``request json → answer``: a request of the one request format
  (:mod:`civaffairs.requests`, ``examples/requests/assistance.dibao.json``) read and
  decided, as ``civaffairs serve`` and the CLI decide it (before writing the answer).
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import time
import timeit
from decimal import Decimal
from pathlib import Path

from civaffairs import requests
from civaffairs.assistance import dibao
from civaffairs.conversion import AssessmentRequest, loads
from civaffairs.parameters import default_book

ON = dt.date(2025, 8, 1)
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "households.json"
REQUEST = Path(__file__).resolve().parent.parent / "examples" / "requests" / "assistance.dibao.json"


def _per_call(stmt: object, number: int) -> float:
    """Median CPU seconds per call over five repeats."""
    runs = timeit.repeat(stmt, number=number, repeat=5, timer=time.process_time)  # type: ignore[arg-type]
    return statistics.median(runs) / number


def main() -> None:
    """Time the three paths and print their ratios to the bare formula."""
    text = EXAMPLE.read_text(encoding="utf-8")
    household_json = json.dumps({"households": [json.loads(text)["households"][0]]})
    request = loads(household_json, AssessmentRequest)
    household = request.households[0]
    book = default_book()
    standard, income, members = Decimal(630), Decimal(850), 3

    def bare() -> Decimal:
        return max(standard * members - income, Decimal(0))

    def decide() -> object:
        return dibao.assess(household, ON, book=book)

    def decided() -> object:
        parsed = loads(household_json, AssessmentRequest).households[0]
        return dibao.assess(parsed, ON, book=book)

    def full() -> str:
        parsed = loads(household_json, AssessmentRequest).households[0]
        return dibao.assess(parsed, ON, book=book).render("zh")

    request_json = REQUEST.read_text(encoding="utf-8")

    def answered() -> object:
        return requests.decide(requests.loads(request_json)[0], book=book)

    base = _per_call(bare, 200_000)
    rows = [
        ("bare formula", base),
        ("assess", _per_call(decide, 5_000)),
        ("json + assess", _per_call(decided, 2_000)),
        ("json + assess + render", _per_call(full, 2_000)),
        ("request json → answer", _per_call(answered, 2_000)),
    ]
    print(f"{'path':<26}{'µs/decision':>14}{'× bare formula':>16}")
    for name, seconds in rows:
        print(f"{name:<26}{seconds * 1e6:>14.2f}{seconds / base:>16.1f}")


if __name__ == "__main__":
    main()
