"""The layered screen of a registry against the 低保-only screen, in one run; and from Parquet.

Run: ``.venv/bin/python benchmarks/bench_layers.py [--households 10000] [--parquet N]``.

Measured, on one synthetic registry (Chongqing 武隆区, seeded; no real person):

- the 低保-only columnar screen (:func:`civaffairs.batch.assess_table`), one thread;
- the layered screen (:func:`civaffairs.batch.layers.assess_table`: every assistance
  programme, the layer, the cost, the newly found), in this process and in one worker
  process per core;
- the ratio layered ÷ 低保-only, the figure the issue's target is stated in (within 3×);
- with ``--parquet N``: N households written to Parquet, then ``civaffairs screen
  --programme assistance.layers`` on that file in a child process, its wall time and peak
  memory (the command and its worker processes added up, sampled; and the largest one).

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
    cores = len(os.sched_getaffinity(0))
    dibao = _best(lambda: assess_table(registry, ON, workers=1), rounds)
    one = _best(lambda: layers.assess_table(registry, ON, workers=1), rounds)
    many = _best(lambda: layers.assess_table(registry, ON, workers=cores), rounds)
    print(f"{households:,} synthetic households, best of {rounds} round(s); {cores} core(s)")
    for label, seconds in (
        ("低保 only, columnar, 1 thread", dibao),
        ("layered, this process", one),
        (f"layered, {cores} worker process(es)", many),
    ):
        print(f"  {label:<34}{seconds:9.3f} s  {seconds / households * 1e6:9.1f} µs/household")
    print(
        f"  layered ÷ 低保 only: {one / dibao:,.0f}× (one process), "
        f"{many / dibao:,.0f}× ({cores} processes); target ≤ 3×"
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
            str(Path(folder) / "layers.parquet"),
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
    print(
        f"{households:,} households from Parquet, layered: {wall:.1f} s wall "
        f"({wall / households * 1e6:.0f} µs/household), peak memory {tree / 2**20:,.0f} MiB "
        "(the command and its worker processes together, sampled every 50 ms; "
        f"the largest single process {largest:,.0f} MiB)"
    )
    print(
        f"  at that rate 2×10⁷ households would take {wall / households * 2e7 / 3600:.1f} h "
        "(target: under 60 s and 2 GiB)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--parquet", type=int, default=0, metavar="N")
    args = parser.parse_args()
    _in_memory(args.households, args.rounds)
    if args.parquet:
        _from_parquet(args.parquet)


if __name__ == "__main__":
    main()
