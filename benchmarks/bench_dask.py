"""A registry larger than one table: 10⁷ synthetic households through Dask and through streaming.

Run: ``.venv/bin/python benchmarks/bench_dask.py [HOUSEHOLDS]`` (default 10,000,000).
Writes a synthetic Parquet registry under /tmp (one row group per 50,000
households), then, each in a fresh process, decides it with
:func:`civaffairs.batch.distributed.screen_parquet` (Dask, threads) and with
:func:`civaffairs.batch.files.screen_file` (one chunk at a time), printing
wall time and peak memory (max RSS) of each and an extrapolation to 10⁸
households.  Every file is deleted at the end.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from civaffairs.batch.population import write_synthetic

ON = dt.date(2025, 8, 1)

RUNNERS = {
    "dask screen_parquet": (
        "from civaffairs.batch.distributed import screen_parquet\n"
        "screen_parquet(SOURCE, TARGET, ON)"
    ),
    "streaming screen_file": (
        "from civaffairs.batch.files import screen_file\nscreen_file(SOURCE, TARGET, ON)"
    ),
}


def measure(name: str, code: str, source: Path, target: Path) -> tuple[float, float]:
    script = (
        "import datetime as dt, time\n"
        f"SOURCE, TARGET, ON = {str(source)!r}, {str(target)!r}, dt.date(2025, 8, 1)\n"
        "started = time.perf_counter()\n"
        f"{code}\n"
        "status = open('/proc/self/status').read().split('VmHWM:')[1].split()[0]\n"
        "print(time.perf_counter() - started, int(status) / 1024)\n"
    )
    completed = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", script], check=True, capture_output=True, text=True
    )
    seconds, peak = (float(x) for x in completed.stdout.split())
    print(f"{name:<24}{seconds:>10.1f} s{peak:>10.0f} MB")
    return seconds, peak


def main() -> None:
    households = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000
    work = Path(tempfile.mkdtemp(prefix="civaffairs-dask-", dir="/tmp"))
    try:
        started = time.perf_counter()
        source = write_synthetic(work / "registry.parquet", households, "500000", on=ON, seed=1)
        size = source.stat().st_size / 1e9
        print(
            f"{households:,} households written in {time.perf_counter() - started:.0f} s "
            f"({size:.2f} GB Parquet); {os.cpu_count()} cores, load {os.getloadavg()}"
        )
        for name, code in RUNNERS.items():
            target = work / name.split()[0]
            seconds, peak = measure(name, code, source, target)
            rate = households / seconds
            print(
                f"    {rate / 1e6:.2f} M households/s; 10⁸ households ≈ {1e8 / rate / 60:.1f} min"
                f" on this machine, peak memory ≈ {peak:.0f} MB (bounded by the chunk, not N)"
            )
            shutil.rmtree(target, ignore_errors=True)
            if target.exists():
                target.unlink()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
