"""A few readers at once: ``bench/load.py`` with 3 sessions for a few seconds, in CI.

The full load (20 sessions for a minute) runs by hand (``python bench/load.py``; results in
BENCHMARKS.md). Here the same code must see no error at all (no exception, no lost
connection, no step left undone within 30 s, no wrong step, no request leaving the
machine) and every session must get through several steps; timings are not checked.
"""

from __future__ import annotations

import sys

import pytest
from e2e_support import REPO_ROOT

sys.path.insert(0, str(REPO_ROOT / "bench"))

import load

pytestmark = pytest.mark.timing  # run apart from the parallel suite (README)

SESSIONS = 3
SECONDS = 8.0
BASELINE_SECONDS = 2.0


def test_three_sessions_step_the_slider_together_without_errors(server, cdn_cache):
    results = load.run_load(server, SESSIONS, SECONDS, BASELINE_SECONDS)
    assert results.errors == []
    assert len(results.steps_per_session) == SESSIONS
    assert min(results.steps_per_session) >= 3, results.steps_per_session
    assert results.baseline_ms, "the session alone did no step"
