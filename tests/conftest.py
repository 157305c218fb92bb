"""Hypothesis profiles: ``ci`` (deterministic) and ``dev`` (the default at a desk).

``ci`` is loaded when the ``CI`` environment variable is set or when
``HYPOTHESIS_PROFILE=ci``; otherwise ``dev``.
"""

from __future__ import annotations

import os

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
