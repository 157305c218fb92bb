"""The server tests call 127.0.0.1 directly, never through a proxy the environment names.

A CI machine that reaches PyPI through ``HTTP_PROXY`` would otherwise send the tests'
loopback calls (httpx, and schemathesis' requests) to that proxy, which cannot reach
this machine's loopback server: every test fails with a connection error.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

LOOPBACK = ("127.0.0.1", "localhost")


@pytest.fixture(scope="session", autouse=True)
def _no_proxy_for_loopback() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        for name in ("NO_PROXY", "no_proxy"):
            given = [h for h in os.environ.get(name, "").split(",") if h.strip()]
            patch.setenv(name, ",".join([*given, *LOOPBACK]))
        yield
