"""The columnar engine against the scalar path, a plain numpy kernel and OpenFisca, in one run.

Run: ``.venv/bin/python benchmarks/bench_batch.py [--max 1000000] [--skip-openfisca]``.

OpenFisca runs in its own virtualenv (``.bench-venv``, made with
``python3 -m venv .bench-venv && .bench-venv/bin/pip install -r
benchmarks/requirements-openfisca.txt``); without it the OpenFisca rows are
left out.  Every figure comes from this one run on this machine, so read the
ratios, not the absolute times.  All populations are synthetic
(:mod:`civaffairs.batch.population`, Chongqing, seeded).

Measured:

- per household, one at a time: ``dibao.assess`` on a validated household; a
  household's JSON validated (``conversion.loads``) and decided, the decision
  carrying its reasons, articles and parameters; the same plus rendering the
  text; OpenFisca on the same households, each already in memory, by its two
  one-household paths (a test case through ``build_from_entities``; integer ids
  and ``set_input``), the faster one taken as the baseline;
- whole populations of 10⁴ … 10⁶ households, in rounds (each round times every
  contender once, in turn; the best round is kept and the spread shown):
  ``assess_table`` end to end from a pyarrow table (validation, parameters,
  rule, reason codes, output table) on one thread and on one per core; the
  plain numpy kernel (``plain_kernel.py``: arrays already in memory, no
  validation, no reasons); OpenFisca as its documentation runs data (integer
  ids and roles, inputs set from arrays in memory; build + calculate, one
  thread); OpenFisca's leanest build (``build_default_simulation``, then the
  households' ``members_entity_id``); a bare OpenFisca model (the whole rule as
  one formula, leanest build) as OpenFisca's lower bound; once, the string-id
  build this benchmark used to time (its time, and a check that its outputs
  are the integer build's);
- exactness of each against the engine, to the fen (a difference stops the run);
- memory at 10⁶ households, in fresh processes, as multiples of the Arrow
  input's size: the Parquet reader's peak; the engine's own memory (the peak
  while deciding above what the process held with the input read and the
  pool's freed buffers returned); input + engine; the whole process's peak
  above the imports (the Parquet reader's leftovers included); OpenFisca's
  total.

OpenFisca is given the facts already reduced to what its formulas read (ages,
exclusions, counted income per person, the property flags): only the rule is
timed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).resolve().parent))

from plain_kernel import arrays, kernel

from civaffairs.assistance import dibao
from civaffairs.batch import assess_table
from civaffairs.batch._columns import dictionary_of, household_starts
from civaffairs.batch._common import workers_for
from civaffairs.batch.dibao import _prepare_part
from civaffairs.batch.plumbing import HouseholdSlice
from civaffairs.batch.population import synthetic_population
from civaffairs.batch.schema import from_table
from civaffairs.conversion import AssessmentRequest, dumps, loads
from civaffairs.entities import AssetType, Household, IncomeType
from civaffairs.parameters import ParameterBook, default_book

ON = dt.date(2025, 8, 1)
ROOT = Path(__file__).resolve().parent.parent
BENCH_PYTHON = ROOT / ".bench-venv" / "bin" / "python"
OPENFISCA = Path(__file__).resolve().parent / "openfisca_dibao.py"
COUNTED = ("wages", "business", "property", "transfer", "other")
#: Each side is timed several times and its best run kept: on a shared machine the best run
#: is the one least disturbed, so the ratio of bests is the steadiest estimate.
REPEAT_OF = 3
#: Households decided one at a time by OpenFisca.
SINGLE = 500
#: The business-entity value limit of the marginal property test (national example), in fen.
BUSINESS_LIMIT_FEN = 20_000_000


def bests(functions: dict[str, Callable[[], Any]], repeat: int) -> dict[str, float]:
    """The fastest of ``repeat`` runs of each function, the runs taken in turn.

    Taking the contenders in turn exposes each to the same spells of load.
    """
    found = dict.fromkeys(functions, float("inf"))
    for _ in range(repeat):
        for name, function in functions.items():
            started = time.perf_counter()
            function()
            found[name] = min(found[name], time.perf_counter() - started)
    return found


def openfisca_inputs(table: pa.Table, path: Path) -> None:
    """Write the facts OpenFisca receives, reduced as its model expects them."""
    starts, repeated = household_starts(table.column("household_id"))
    part = _prepare_part(table, HouseholdSlice(0, table.num_rows, starts, repeated), ON, None, 0)
    facts, households = part.facts, part.households
    own = np.zeros(len(households.of_row), dtype=np.int64)
    for name in COUNTED:
        own += facts.income.get(IncomeType(name), 0)
    common = np.zeros(households.count, dtype=np.int64)
    for name in COUNTED:
        common += facts.household_income.get(IncomeType(name), 0)
    kind = dictionary_of(table.column("registration_kind"))
    rural = np.asarray(
        kind.dictionary.to_numpy(zero_copy_only=False)[kind.indices.to_numpy()] == "rural"
    )[households.applicant_row]

    def owns(asset: AssetType) -> Any:
        return facts.owns.get(asset, np.zeros(households.count, dtype=np.bool_))

    def disqualified(assets: tuple[str, ...]) -> Any:
        return np.logical_or.reduce([owns(AssetType(name)) for name in assets])

    business = (
        np.zeros(households.count, dtype=np.int64)
        if facts.business_value is None
        else facts.business_value
    )
    np.savez(
        path,
        household_of=households.of_row,
        relationship=facts.relationship.astype(np.int64),
        age=facts.age,
        excluded=facts.excluded,
        dependent=facts.dependent,
        lives=facts.lives.astype(np.int64),
        candidate=facts.candidate,
        own_income=own,
        household_income=common,
        standard=np.where(rural, 63000, 77000),
        financial=facts.financial,
        months=np.full(households.count, 36),
        disqualified=disqualified(
            ("vehicle", "non_residential_property", "business_entity", "machinery")
        ),
        # The marginal property rules (57号 art. 8), for a member covered alone: a business
        # entity disqualifies only from the limit up (the national book's example, 200,000 yuan).
        marginal_disqualified=disqualified(("vehicle", "non_residential_property"))
        | (owns(AssetType.BUSINESS_ENTITY) & (business >= BUSINESS_LIMIT_FEN)),
    )


def exact(found: Any, fen: Any, codes: Any, label: str) -> None:
    """Stop unless OpenFisca's amounts (yuan, float) are the engine's to the fen."""
    of_fen = np.floor(np.asarray(found["amount"]) * 100 + 0.5).astype(np.int64)
    wrong = int((of_fen != fen).sum())
    if codes is not None:
        wrong += int((np.asarray(found["outcome"]) != codes).sum())
    if wrong:
        raise SystemExit(f"{label}: {wrong} households differ from the engine")


def run_openfisca(mode: str, npz: Path, extra: list[str]) -> tuple[dict[str, float], Any]:
    out = npz.with_suffix(f".{mode}.out.npz")
    completed = subprocess.run(  # noqa: S603 - our own script in our own venv
        [str(BENCH_PYTHON), str(OPENFISCA), mode, str(npz), str(out), *extra],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(completed.stdout.strip().splitlines()[-1]), np.load(out)


#: Measure a fresh process that reads the Parquet file, gives the memory pool's freed
#: decompression buffers back, then decides the table: RSS above the imports, read from
#: /proc/self/status (VmHWM is reset by exec, unlike getrusage's ru_maxrss).
MEASURE = """
import datetime as dt, json, pyarrow as pa, pyarrow.parquet as pq
from civaffairs.batch import assess_table
def rss(key):
    with open('/proc/self/status') as status:
        return next(int(l.split()[1]) for l in status if l.startswith(key)) / 1024
imports = rss('VmRSS')
t = pq.read_table({source!r})
read_peak = rss('VmHWM') - imports
pa.default_memory_pool().release_unused()
held = rss('VmRSS') - imports
r = assess_table(t, dt.date(2025, 8, 1), workers={workers})
print(json.dumps({{
    'imports': imports,
    'input': t.nbytes / 2**20,
    'output': r.nbytes / 2**20,
    'read_peak': read_peak,
    'held': held,
    'peak': rss('VmHWM') - imports,
}}))
"""


def memory(source: Path, workers: int) -> dict[str, float]:
    """Read and decide ``source`` in a fresh process; its memory figures in MB."""
    completed = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", MEASURE.format(source=str(source), workers=workers)],
        check=True,
        capture_output=True,
        text=True,
    )
    found: dict[str, float] = json.loads(completed.stdout.strip().splitlines()[-1])
    return found


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="civaffairs-bench-", dir="/tmp"))
    try:
        report(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report(work: Path) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--max", type=int, default=1_000_000)
    parser.add_argument("--skip-openfisca", action="store_true")
    args = parser.parse_args()
    openfisca = BENCH_PYTHON.exists() and not args.skip_openfisca
    book = default_book()
    print(f"machine: {os.cpu_count()} cores; load average {os.getloadavg()}")
    print(f"OpenFisca: {'yes (.bench-venv)' if openfisca else 'not run'}\n")

    one_at_a_time(work, book, openfisca=openfisca)
    threads = workers_for(None)
    sizes = [n for n in (10_000, 100_000, 1_000_000, 10_000_000) if n <= args.max]
    for size in sizes:
        population(work, book, size, threads, openfisca=openfisca)

    # -- peak memory at 10⁶ ------------------------------------------------------------------
    if args.max >= 1_000_000:
        source = work / "pop.parquet"
        pq.write_table(synthetic_population(1_000_000, "500000", on=ON, seed=1), source)
        runs = {n: memory(source, n) for n in sorted({1, threads})}
        first = runs[1]
        data = first["input"]
        print(
            f"\nmemory at 10⁶ households: {data:.0f} MB of Arrow input, {first['output']:.0f} MB"
            f" of output; MB of RSS above the imports ({first['imports']:.0f} MB), × input:\n"
            f"  reading the Parquet file (its peak)          {first['read_peak']:6.0f}"
            f"  {first['read_peak'] / data:5.2f}×"
        )
        for n, run in runs.items():
            engine_mb = run["peak"] - run["held"]
            print(
                f"  deciding, {n} thread{'s' if n > 1 else ' '}: the engine's own memory  "
                f"{engine_mb:6.0f}  {engine_mb / data:5.2f}×   input + engine "
                f"{(data + engine_mb) / data:5.2f}×   process peak {run['peak'] / data:5.2f}×"
            )
        if openfisca:
            npz = work / "mem.npz"
            openfisca_inputs(pq.read_table(source), npz)
            timings, _ = run_openfisca("vector", npz, [])
            print(
                f"  OpenFisca (integer ids, inputs in memory): total RSS"
                f" {timings['peak_rss_mb']:.0f} MB"
            )
            npz.unlink()
        source.unlink()
    print(f"\nload average at the end: {os.getloadavg()}")


def one_at_a_time(work: Path, book: ParameterBook, *, openfisca: bool) -> None:
    """Households decided one by one: the scalar paths and OpenFisca's one-household paths."""
    # -- one household at a time ------------------------------------------------------------
    # The scalar path as a case-management system calls it: a household arrives as JSON, is
    # validated into the model, decided (the decision carries its reasons, articles and
    # parameters) and, for a person to read, rendered as text.
    sample = synthetic_population(2_000, "500000", on=ON, seed=11)
    households = [h for h, _ in from_table(sample)]
    texts = [dumps(AssessmentRequest((h,)), reveal_personal_data=True) for h in households]

    def validate(text: str) -> Household:
        return loads(text, AssessmentRequest).households[0]

    scalar = bests(
        {
            "assess": lambda: [dibao.assess(h, ON, book=book) for h in households],
            "decided": lambda: [dibao.assess(validate(t), ON, book=book) for t in texts],
            "rendered": lambda: [
                dibao.assess(validate(t), ON, book=book).render("zh") for t in texts
            ],
        },
        5,
    )
    per_assess, per_decided, per_rendered = (
        scalar[name] / len(texts) for name in ("assess", "decided", "rendered")
    )
    rows = [
        ("assess (a household already validated)", per_assess),
        ("JSON → validate → decision with explanation", per_decided),
        ("  … and render it as text", per_rendered),
    ]
    of_single = None
    if openfisca:
        # OpenFisca's one-household paths, every household already in memory (a test case
        # dict, or its arrays) before the clock starts; the faster one is the baseline.
        npz = work / "single.npz"
        openfisca_inputs(sample, npz)
        sample_result = assess_table(sample, ON, book=book)
        single_fen = np.asarray(sample_result.column("amount_fen").to_numpy())[:SINGLE]
        single_codes = np.asarray(dictionary_of(sample_result.column("outcome")).indices)
        paths = {
            "single": "OpenFisca build_from_entities + calculate",
            "single-arrays": "OpenFisca integer ids + set_input + calculate",
        }
        for mode, label in paths.items():
            runs = [run_openfisca(mode, npz, [str(SINGLE)]) for _ in range(REPEAT_OF)]
            per = [timings["per_household_s"] for timings, _ in runs]
            exact(runs[0][1], single_fen, single_codes[:SINGLE], label)
            rows.append((f"{label} (spread {max(per) / min(per):.2f})", min(per)))
            of_single = min(per) if of_single is None else min(of_single, *per)
    print(f"{'one household at a time':<60}{'µs/household':>14}{'OpenFisca ×':>13}")
    for name, seconds in rows:
        ratio = f"{of_single / seconds:.1f}" if of_single else "-"
        print(f"{name:<60}{seconds * 1e6:>14.1f}{ratio:>13}")


def population(
    work: Path, book: ParameterBook, size: int, threads: int, *, openfisca: bool
) -> None:
    """A whole synthetic population: the engine, the plain kernel and OpenFisca, in rounds."""
    # -- whole populations ------------------------------------------------------------------
    # Each round times every contender once, in turn (the engine in this process, OpenFisca
    # in its own), so that all of them meet the same spells of load; the best round of each
    # is kept and the spread (slowest ÷ fastest round) printed beside it.
    table = synthetic_population(size, "500000", on=ON, seed=size)
    rounds = 5 if size <= 1_000_000 else 1

    def run_one(t: pa.Table = table) -> object:
        return assess_table(t, ON, book=book, workers=1)

    def run_all(t: pa.Table = table) -> object:
        return assess_table(t, ON, book=book)

    result = assess_table(table, ON, book=book)
    plain_arrays = arrays(table)

    def run_plain(a: dict[str, Any] = plain_arrays) -> object:
        return kernel(a, ON, standard_urban=77000, standard_rural=63000, months=36)

    outcome, amount = kernel(
        plain_arrays, ON, standard_urban=77000, standard_rural=63000, months=36
    )
    fen = np.asarray(result.column("amount_fen").to_numpy())
    codes = np.asarray(dictionary_of(result.column("outcome")).indices.to_numpy())
    if not ((amount == fen).all() and (outcome == codes).all()):
        raise SystemExit("the plain kernel disagrees with the engine")
    with_openfisca = openfisca and size <= 1_000_000
    npz = work / f"pop{size}.npz"
    if with_openfisca:
        openfisca_inputs(table, npz)
    times: dict[str, list[float]] = {}
    for _ in range(rounds):
        for name, seconds in bests(
            {"1 thread": run_one, f"{threads} threads": run_all, "plain": run_plain}, 1
        ).items():
            times.setdefault(name, []).append(seconds)
        if with_openfisca:
            for mode in ("vector", "vector-default", "bare-default"):
                timings, found = run_openfisca(mode, npz, [])
                times.setdefault(f"OF {mode}", []).append(timings["s"])
                exact(found, fen, None if mode.startswith("bare") else codes, f"OpenFisca {mode}")
    if with_openfisca:
        # The string-id build this benchmark used before (once): same outputs, its time.
        timings, strings = run_openfisca("vector-strings", npz, [])
        times["OF vector-strings"] = [timings["s"]]
        _, integers = run_openfisca("vector", npz, [])
        same = bool(
            (strings["amount"] == integers["amount"]).all()
            and (strings["outcome"] == integers["outcome"]).all()
        )
        if not same:
            raise SystemExit("OpenFisca's string-id and integer-id builds disagree")
        npz.unlink()
    table_of(size, rounds, threads, times)
    if with_openfisca:
        print(
            "  every OpenFisca run equal to the engine to the fen (amounts; outcomes but for"
            " the bare model); the string-id build gives the integer-id build's outputs exactly"
        )


#: The OpenFisca runs each contender is compared with (OpenFisca's time ÷ its time), and
#: their column heads: OpenFisca as documented, its leanest build, the bare formula.
VERSUS = {"OF vector": "OF doc ÷", "OF vector-default": "OF lean ÷", "OF bare-default": "OF bare ÷"}


def table_of(size: int, rounds: int, threads: int, times: dict[str, list[float]]) -> None:
    """Print the best round of each contender, its spread and its ratios."""
    best = {name: min(seconds) for name, seconds in times.items()}
    print(f"\n{size:,} households ({rounds} rounds; best round, spread = slowest ÷ fastest)")
    labels = {
        "1 thread": "assess_table, 1 thread",
        f"{threads} threads": f"assess_table, {threads} threads",
        "plain": "plain numpy kernel (in memory, no checks, no reasons)",
        "OF vector": "OpenFisca as documented: integer ids and roles, set_input",
        "OF vector-default": "OpenFisca leanest: build_default_simulation + members_entity_id",
        "OF bare-default": "OpenFisca bare formula (one variable), leanest build",
        "OF vector-strings": "OpenFisca with string ids and roles (the old baseline)",
    }
    header = f"  {'':<64}{'s':>8}{'spread':>8}"
    for versus, head in VERSUS.items():
        if versus in best:
            header += f"{head:>12}"
    header += f"{'÷ plain':>9}"
    print(header)
    for name, label in labels.items():
        if name not in best:
            continue
        line = f"  {label:<64}{best[name]:>8.3f}{max(times[name]) / best[name]:>8.2f}"
        for versus in VERSUS:
            if versus in best:
                line += f"{best[versus] / best[name]:>12.2f}"
        line += f"{best[name] / best['plain']:>9.2f}"
        print(line)
    print(f"  {size / best[f'{threads} threads'] / 1e6:.2f} M households/s on {threads} threads")


if __name__ == "__main__":
    main()
