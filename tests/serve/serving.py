"""Start and stop a real ``civaffairs serve`` process on a free localhost port, for the tests.

The server is started once per test module with ``--port 0`` (the operating
system picks a free port; uvicorn's start-up line names it) and its standard
error — uvicorn's lines and the access log — goes to a file the tests read.
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import attrs

import civaffairs

#: The source tree the test process imports, so the server runs the same code.
SOURCE = Path(civaffairs.__file__).resolve().parents[1]
_RUNNING = re.compile(r"Uvicorn running on (http://127\.0\.0\.1:\d+)")


@attrs.frozen
class Server:
    """A running ``civaffairs serve``: its base URL and the file its logs go to."""

    url: str
    log: Path

    def logs(self) -> str:
        """Return what the server has logged so far."""
        return self.log.read_text(encoding="utf-8")


def start(log: Path, *args: str) -> tuple[subprocess.Popen[bytes], str]:
    """Start ``civaffairs serve --port 0`` logging to ``log``; return it and its base URL."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(SOURCE), os.environ.get("PYTHONPATH", "")]),
    }
    with log.open("wb") as sink:
        process = subprocess.Popen(  # noqa: S603 - this interpreter, fixed arguments
            [sys.executable, "-m", "civaffairs", "serve", "--port", "0", *args],
            stdout=subprocess.DEVNULL,
            stderr=sink,
            env=env,
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        found = _RUNNING.search(log.read_text(encoding="utf-8", errors="replace"))
        if found:
            return process, found.group(1)
        if process.poll() is not None:
            break
        time.sleep(0.1)
    process.kill()
    process.wait()
    raise RuntimeError("civaffairs serve did not start:\n" + log.read_text(encoding="utf-8"))


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop the server as an operator would (SIGTERM), and wait for it."""
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextlib.contextmanager
def running(log: Path) -> Iterator[Server]:
    """Run a server for the duration of a ``with`` block."""
    process, url = start(log)
    try:
        yield Server(url, log)
    finally:
        stop(process)
