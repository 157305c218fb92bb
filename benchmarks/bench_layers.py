"""The layered screen of a registry against the 低保-only screen, in one run; and from Parquet.

Run: ``.venv/bin/python benchmarks/bench_layers.py [--households 20000] [--parquet N] [--file F]``.

Measured, on one synthetic registry (Chongqing 武隆区, seeded; no real person):

- the 低保-only columnar screen (:func:`civaffairs.batch.assess_table`), one thread;
- the layered screen (:func:`civaffairs.batch.layers.assess_table`: every assistance
  programme, the layer, the cost, the newly found) in this process — in columns
  (:mod:`civaffairs.batch._layered_columns`), and one household at a time by the scalar
  ``assess_layers`` on a sample (the way it decided before, and still decides the
  households the columns leave to it);
- the ratio layered ÷ 低保-only, the figure the issue's target is stated in (within 3×);
- with ``--parquet N``: N households written to Parquet, then ``civaffairs screen
  --programme assistance.layers`` on that file in a child process (chunks decided side by
  side in worker processes), its wall time and peak memory (the command and its worker
  processes added up, sampled; and the largest one); ``--file F`` does the same on an
  existing persons file (the 2×10⁷-household run: write it once with
  :func:`civaffairs.batch.write_synthetic`).

Every figure comes from this one run on this machine (shared and noisy): read the ratios.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from civaffairs.batch import assess_table, layers, synthetic_population, write_synthetic

ON = dt.date(2025, 6, 30)
WHERE = "500156"


def _best(function: object, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        function()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def _in_memory(households: int, rounds: int) -> None:
    registry = synthetic_population(households, WHERE, on=ON, seed=1)
    sample = registry.slice(0, int(layers._TASK_HOUSEHOLDS * 0.5 * registry.num_rows / households))
    sampled = len(set(sample.column("household_id").to_pylist()))
    dibao = _best(lambda: assess_table(registry, ON, workers=1), rounds)
    columns = _best(lambda: layers.assess_table(registry, ON, workers=1), rounds)
    layers._COLUMNAR = False
    try:
        one = _best(lambda: layers.assess_table(sample, ON, workers=1), 1) / sampled
    finally:
        layers._COLUMNAR = True
    print(f"{households:,} synthetic households, best of {rounds} round(s); one process")
    for label, seconds in (
        ("低保 only, columnar, 1 thread", dibao),
        ("layered, in columns", columns),
    ):
        print(f"  {label:<34}{seconds:9.3f} s  {seconds / households * 1e6:9.1f} µs/household")
    print(f"  {'layered, one by one (sample)':<34}{'':9}    {one * 1e6:9.1f} µs/household")
    print(
        f"  layered ÷ 低保 only: {columns / dibao:,.1f}× in columns "
        f"({one * households / dibao:,.0f}× one by one); target ≤ 3×"
    )


def _tree_rss(root: int) -> int:
    """Return the resident memory (bytes) of process ``root`` and all its descendants.

    The layered screen decides in worker processes (children of a forkserver, itself a
    child of the command): the memory it needs is theirs added up, which the largest
    single process (``RUSAGE_CHILDREN``) understates.  Read from ``/proc`` (Linux).
    """
    page = os.sysconf("SC_PAGE_SIZE")
    parent: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:  # gone meanwhile
            continue
        fields = stat[stat.rindex(")") + 2 :].split()  # from field 3 (state) on
        parent[int(entry)] = int(fields[1])
        rss[int(entry)] = int(fields[21]) * page  # field 24, rss in pages
    family = {root}
    grown = True
    while grown:
        found = {pid for pid, up in parent.items() if up in family} - family
        grown = bool(found)
        family |= found
    return sum(rss.get(pid, 0) for pid in family)


def _from_parquet(households: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "registry.parquet"
        write_synthetic(source, households, WHERE, on=ON, seed=2)
        _screen_file(source, Path(folder) / "layers.parquet")


def _screen_file(source: Path, out: Path) -> None:
    """Run ``civaffairs screen --programme assistance.layers`` on ``source``; time and memory."""
    import pyarrow.parquet as pq  # noqa: PLC0415

    meta = pq.ParquetFile(source).metadata
    command = [
        sys.executable,
        "-m",
        "civaffairs",
        "screen",
        str(source),
        "--programme",
        "assistance.layers",
        "--on",
        ON.isoformat(),
        "--out",
        str(out),
        "--quiet",
    ]
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL)  # noqa: S603 - our own CLI
    tree = 0
    while child.poll() is None:
        tree = max(tree, _tree_rss(child.pid))
        time.sleep(0.05)
    wall = time.perf_counter() - start
    if child.returncode:
        raise subprocess.CalledProcessError(child.returncode, command)
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    households = pq.ParquetFile(out).metadata.num_rows
    cores = len(os.sched_getaffinity(0))
    print(
        f"{households:,} households ({meta.num_rows:,} persons, {meta.num_row_groups} row "
        f"groups) from Parquet, layered, {cores} core(s): {wall:.1f} s wall "
        f"({wall / households * 1e6:.1f} µs/household), peak memory {tree / 2**20:,.0f} MiB "
        "(the command and its worker processes together, sampled every 50 ms; "
        f"the largest single process {largest:,.0f} MiB); target for 2×10⁷: under 60 s, 2 GiB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--parquet", type=int, default=0, metavar="N")
    parser.add_argument("--file", type=Path, help="screen this persons file (no in-memory run)")
    args = parser.parse_args()
    if args.file:
        with tempfile.TemporaryDirectory(dir=args.file.parent) as folder:
            _screen_file(args.file, Path(folder) / "layers.parquet")
        return
    _in_memory(args.households, args.rounds)
    if args.parquet:
        _from_parquet(args.parquet)


if __name__ == "__main__":
    main()
