"""Hypothesis profiles: ``ci`` (deterministic) and ``dev`` (the default at a desk).

``ci`` is loaded when the ``CI`` environment variable is set or when
``HYPOTHESIS_PROFILE=ci``; otherwise ``dev``.

The server tests (``tests/serve``) call 127.0.0.1 directly, never through a proxy the
environment names: a CI machine that reaches PyPI through ``HTTP_PROXY`` would otherwise
send their loopback calls (httpx, and schemathesis' requests) to that proxy, which cannot
reach this machine's server.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, settings

# Deterministic and bounded: the same examples on every run, no timing-based failures on
# slow CI machines, and a reproduction blob printed with every failure.
settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    max_examples=50,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
# No deadline at a desk either: speed is measured in benchmarks/, never asserted in a test, and a
# per-example time limit fails at random on a loaded or shared machine (the README's test command
# must pass every time, with the profile it gets by default).
# For the same reason the one timing-based health check (too_slow) is off; the others stay.
settings.register_profile(
    "dev", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

if os.environ.get("CI") or os.environ.get("HYPOTHESIS_PROFILE") == "ci":
    settings.load_profile("ci")
else:
    settings.load_profile("dev")


@pytest.fixture(scope="session", autouse=True)
def _no_proxy_for_loopback() -> Iterator[None]:
    """Add the loopback addresses to ``NO_PROXY`` for the session (see the module docstring)."""
    with pytest.MonkeyPatch.context() as patch:
        for name in ("NO_PROXY", "no_proxy"):
            given = [h for h in os.environ.get(name, "").split(",") if h.strip()]
            patch.setenv(name, ",".join([*given, "127.0.0.1", "localhost"]))
        yield
