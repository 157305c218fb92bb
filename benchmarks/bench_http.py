"""One 低保 decision over HTTP: ``civaffairs serve`` against OpenFisca's web API, as a ratio.

Run: ``.venv/bin/python benchmarks/bench_http.py [--requests 1000] [--concurrency 1 4]``.

Both servers run on this machine's loopback address, one process each by default
(uvicorn's single process; gunicorn with ``--workers 1``): a per-process comparison.
OpenFisca's own documentation runs ``openfisca serve --country-package …`` with its
default of 3 gunicorn workers (``DEFAULT_WORKERS_NUMBER = "3"`` in openfisca-core 46.0.1,
``openfisca_web_api/scripts/serve.py``); ``--openfisca-workers 3`` measures it that
way, and the ratios then compare one civaffairs process with three of OpenFisca's
(the output names the workers).  Both run with no access log, and are called
by the same client (httpx, one keep-alive connection per client thread) with the
same household: the 低保 example request of 武隆区
(``examples/requests/assistance.dibao.json``: three members, 850 yuan wages; 1,040
yuan a month).  civaffairs gets the request as it ships and decides it in full
(validation, every condition, reasons, citations); OpenFisca's ``POST /calculate``
gets the minimal model of ``openfisca_dibao.py`` with the facts already reduced
(ages, counted income, the standard) — generous to OpenFisca, as in
``bench_batch.py``.  Both answers are checked (1,040 yuan) before timing.

Each run is bounded: ``--requests`` after ``--warmup``, and at most ``--seconds``.
Prints requests per second and p50/p99 latency for each server and concurrency,
and the ratios civaffairs / OpenFisca.  The machines are shared and noisy: compare
the ratios.  OpenFisca runs from ``.bench-venv`` (``python3 -m venv .bench-venv &&
.bench-venv/bin/pip install -r benchmarks/requirements-openfisca.txt``);
``--skip-openfisca`` times civaffairs alone.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "requests" / "assistance.dibao.json"
OPENFISCA = ROOT / ".bench-venv" / "bin" / "openfisca"
PERIOD = "2025-08"

#: The example household for OpenFisca's model: the facts reduced as openfisca_dibao.py expects
#: (relationship 0 applicant, 1 spouse, 2 child; ages on 2025-08-01; wages 850 yuan; the rural
#: standard of 武隆区, 630 yuan; financial assets limit 36 months of the standard).
OPENFISCA_BODY = {
    "persons": {
        "a": {
            "relationship": {PERIOD: 0},
            "age": {PERIOD: 47},
            "own_income": {PERIOD: 850},
            "lives": {PERIOD: 1},
        },
        "b": {"relationship": {PERIOD: 1}, "age": {PERIOD: 44}, "lives": {PERIOD: 1}},
        "c": {"relationship": {PERIOD: 2}, "age": {PERIOD: 12}, "lives": {PERIOD: 1}},
    },
    "households": {
        "h": {
            "applicant": ["a"],
            "members": ["b", "c"],
            "standard": {PERIOD: 630},
            "months": {PERIOD: 36},
            "financial": {PERIOD: 0},
            "household_income": {PERIOD: 0},
            "dibao_amount": {PERIOD: None},
            "dibao_outcome": {PERIOD: None},
        }
    },
}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def _running(argv: list[str], ready: str, env: dict[str, str]) -> Iterator[None]:
    """Run a server until the ``with`` block ends; wait until ``ready`` answers 200."""
    server = subprocess.Popen(  # noqa: S603 - fixed programs of this benchmark
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(ready, timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{argv[0]} did not start")
            time.sleep(0.2)
        yield
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _load(url: str, body: bytes, count: int, concurrency: int, seconds: float) -> list[float]:
    """POST ``body`` ``count`` times from ``concurrency`` threads; return each latency (s)."""
    latencies: list[float] = []
    lock = threading.Lock()
    left = [count]
    stop_at = time.perf_counter() + seconds
    headers = {"Content-Type": "application/json"}

    def worker() -> None:
        with httpx.Client(timeout=60) as client:
            while True:
                with lock:
                    if left[0] <= 0 or time.perf_counter() > stop_at:
                        return
                    left[0] -= 1
                began = time.perf_counter()
                response = client.post(url, content=body, headers=headers)
                took = time.perf_counter() - began
                if response.status_code != 200:
                    raise RuntimeError(f"{url} answered {response.status_code}")
                with lock:
                    latencies.append(took)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies


def _measure(
    name: str, url: str, body: bytes, args: argparse.Namespace
) -> dict[int, tuple[float, float, float, int]]:
    """Per concurrency: (requests per second, p50 ms, p99 ms, requests)."""
    rows = {}
    for concurrency in args.concurrency:
        _load(url, body, args.warmup, concurrency, args.seconds)
        began = time.perf_counter()
        latencies = _load(url, body, args.requests, concurrency, args.seconds)
        wall = time.perf_counter() - began
        cuts = statistics.quantiles(latencies, n=100)
        rows[concurrency] = (len(latencies) / wall, cuts[49] * 1e3, cuts[98] * 1e3, len(latencies))
        rps, p50, p99, done = rows[concurrency]
        print(
            f"{name:<12}{concurrency:>6}{done:>9}{rps:>10.1f}{p50:>10.2f}{p99:>10.2f}",
            flush=True,
        )
    return rows


def _civaffairs(args: argparse.Namespace) -> dict[int, tuple[float, float, float, int]]:
    port = _free_port()
    argv = [sys.executable, "-m", "civaffairs", "serve", "--port", str(port)]
    argv += ["--log-level", "warning"]  # no access log, as gunicorn's default
    base = f"http://127.0.0.1:{port}"
    body = EXAMPLE.read_bytes()
    with _running(argv, f"{base}/healthz", dict(os.environ)):
        answer = httpx.post(f"{base}/v1/assess", content=body, timeout=60).json()
        total = answer["results"][0]["decision"]["amount"]["total"]
        if Decimal(total) != 1040:
            raise RuntimeError(f"civaffairs decided {total}, not 1040")
        return _measure("civaffairs", f"{base}/v1/assess", body, args)


def _openfisca(args: argparse.Namespace) -> dict[int, tuple[float, float, float, int]]:
    port = _free_port()
    argv = [str(OPENFISCA), "serve", "--country-package", "openfisca_dibao"]
    argv += ["--port", str(port), "--workers", str(args.openfisca_workers)]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "benchmarks")}
    base = f"http://127.0.0.1:{port}"
    body = json.dumps(OPENFISCA_BODY).encode()
    with _running(argv, f"{base}/spec", env):
        answer = httpx.post(
            f"{base}/calculate",
            content=body,
            headers={"Content-Type": "application/json"},
            timeout=60,
        ).json()
        amount = answer["households"]["h"]["dibao_amount"][PERIOD]
        if amount != 1040:
            raise RuntimeError(f"OpenFisca computed {amount}, not 1040")
        return _measure(f"openfisca/{args.openfisca_workers}", f"{base}/calculate", body, args)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1000, help="timed requests per run")
    parser.add_argument("--warmup", type=int, default=50, help="untimed requests first")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 4])
    parser.add_argument("--seconds", type=float, default=60, help="time limit of one run")
    parser.add_argument(
        "--openfisca-workers",
        type=int,
        default=1,
        help="gunicorn workers of openfisca serve (1: per process; 3: its documented default)",
    )
    parser.add_argument("--skip-openfisca", action="store_true")
    args = parser.parse_args()
    print(f"{'server':<12}{'conc.':>6}{'requests':>9}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}")
    ours = _civaffairs(args)
    if args.skip_openfisca or not OPENFISCA.exists():
        if not args.skip_openfisca:
            print(f"(no OpenFisca: {OPENFISCA} is missing; see the docstring)")
        return
    theirs = _openfisca(args)
    print(
        f"\ncivaffairs (1 process) / OpenFisca ({args.openfisca_workers} gunicorn workers)"
        "   (req/s: above 1 is faster; latency: below 1 is faster)"
    )
    for concurrency in args.concurrency:
        (rps, p50, p99, _), (rps_of, p50_of, p99_of, _) = ours[concurrency], theirs[concurrency]
        print(
            f"concurrency {concurrency}: req/s × {rps / rps_of:.2f}, "
            f"p50 × {p50 / p50_of:.2f}, p99 × {p99 / p99_of:.2f}"
        )


if __name__ == "__main__":
    main()
