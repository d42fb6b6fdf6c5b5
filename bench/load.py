"""Many readers at once: N browser sessions step the slider against one Streamlit server.

``python bench/load.py`` starts ``streamlit run app.py`` and one headless Chromium. First a
single session steps the slider alone for ``--baseline-seconds`` (the baseline); then
``--sessions`` sessions (20) open at once, each in its own browser context, deep-linked to
dates spread over the slider, and all of them step it together for ``--seconds`` (60).
Each session walks from its start to one end of the slider, turns, walks to the other end
and so on (even sessions start to the right, odd ones to the left), with no pause: the next
key goes as soon as the last step is done, which is harder on the server than as many
readers would be. The load uses Playwright's async API, one event loop for all sessions;
what one session does, and when a step counts as done, is in ``bench/session.py``.

**Errors** (target 0), each with a short reason: page errors and console errors; a
Streamlit exception or error alert on the page; the connection to the server lost; a step
not done within ``--step-timeout`` seconds; a session that did not open; a request that
tried to leave the machine (routed as in the browser tests); the wrong step shown once a
step is done (the slider's label or the URL's date); a traceback or error in the server's
log; the server gone.

The clients (Chromium and Playwright) share the machine's cores with the server, so latency
under load includes the clients' own CPU contention: the report splits the CPU time used
during the load between them (see ``bench/machine.py``). The server runs with Streamlit's
file watcher off (see :func:`main`). ``--write`` replaces the "Load" section of
``BENCHMARKS.md`` (see ``report.write_load_section``). ``tests/e2e/test_load.py`` runs the
same code with 3 sessions for a few seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
# The browser tests' helpers (server, Chromium), and this benchmark's own modules.
sys.path.insert(0, str(REPO_ROOT / "tests" / "e2e"))
sys.path.insert(0, str(REPO_ROOT / "bench"))

from e2e_support import (  # noqa: E402
    CDN_CACHE,
    StreamlitServer,
    browser_missing_reason,
    launch_chromium,
    server_rss_bytes,
    streamlit_server,
)
from machine import CpuClock, CpuShare, ServerLog, cpu_share, sample_rss  # noqa: E402
from playwright.async_api import Browser, async_playwright  # noqa: E402
from report import LoadResults, command_line, load_report, write_load_section  # noqa: E402
from session import PlannedStep, Session, open_session, step_plan, walk  # noqa: E402


def start_index(number: int, sessions: int, steps: int) -> int:
    """Where session ``number`` of ``sessions`` starts: spread evenly over the slider.

    >>> [start_index(n, 4, 52) for n in range(4)]
    [6, 19, 31, 44]
    """
    return (2 * number + 1) * (steps - 1) // (2 * sessions)


@dataclass
class Phase:
    """Sessions run together: how long opening them all took, and the CPU used while they
    opened and while they stepped."""

    sessions: list[Session]
    open_s: float = 0.0
    open_cpu: CpuShare = field(default_factory=CpuShare)
    step_cpu: CpuShare = field(default_factory=CpuShare)


async def run_sessions(
    browser: Browser, url: str, plan: list[PlannedStep], count: int, seconds: float,
    timeout_s: float, clock: CpuClock,
) -> Phase:  # fmt: skip
    """Open ``count`` sessions together, then let them all step for ``seconds``."""
    phase = Phase([Session(f"session {number + 1}", start_index(number, count, len(plan)),
                           forward=number % 2 == 0) for number in range(count)])  # fmt: skip
    try:
        cpu_before, started = clock.read(), time.monotonic()
        await asyncio.gather(*(open_session(browser, url, plan, one) for one in phase.sessions))
        phase.open_s = time.monotonic() - started
        opened = clock.read()
        phase.open_cpu = cpu_share(cpu_before, opened, phase.open_s)
        started, until = time.monotonic(), time.monotonic() + seconds
        await asyncio.gather(*(walk(one, plan, until, timeout_s) for one in phase.sessions))
        phase.step_cpu = cpu_share(opened, clock.read(), time.monotonic() - started)
    finally:
        await asyncio.gather(*(one.page.context.close() for one in phase.sessions if one.page))
    for one in phase.sessions:
        one.errors += [f"request tried to leave the machine: {refused}"
                       for refused in one.offline.refused]  # fmt: skip
    return phase


async def measure(
    server: StreamlitServer, sessions: int, seconds: float, baseline_seconds: float,
    timeout_s: float,
) -> LoadResults:  # fmt: skip
    """The baseline, then the load, against ``server``."""
    plan, pid = step_plan(), server.process.pid
    log, clock = ServerLog(server), CpuClock(pid)
    log.start()
    async with async_playwright() as playwright:
        browser = await launch_chromium(playwright)  # the launch's coroutine, with this API
        alone = await run_sessions(browser, server.url, plan, 1, baseline_seconds, timeout_s,
                                   clock)  # fmt: skip
        await asyncio.sleep(2)
        samples, stop = [server_rss_bytes(pid)], asyncio.Event()
        sampler = asyncio.create_task(sample_rss(pid, samples, stop))
        load = await run_sessions(browser, server.url, plan, sessions, seconds, timeout_s,
                                  clock)  # fmt: skip
        stop.set()
        await sampler
        version = browser.version
        await browser.close()
    await asyncio.sleep(2)  # for the server to let the closed sessions go
    results = _collect(alone, load, seconds, baseline_seconds)
    results.browser = version
    results.rss_mb = (samples[0] / 1e6, max(samples) / 1e6, server_rss_bytes(pid) / 1e6)
    results.errors += log.take()
    if server.process.poll() is not None:
        results.errors.append(f"server: exited with {server.process.returncode}")
    return results


def _collect(alone: Phase, load: Phase, seconds: float, baseline_seconds: float) -> LoadResults:
    group = load.sessions
    return LoadResults(
        sessions=len(group), seconds=seconds, baseline_seconds=baseline_seconds,
        steps_per_session=[len(one.latencies_ms) for one in group],
        latencies_ms=[ms for one in group for ms in one.latencies_ms],
        redraw_latencies_ms=[ms for one in group for ms in one.redraw_latencies_ms],
        baseline_ms=[ms for one in alone.sessions for ms in one.latencies_ms],
        baseline_redraw_ms=[ms for one in alone.sessions for ms in one.redraw_latencies_ms],
        errors=[f"{one.name} (baseline): {error}" for one in alone.sessions
                for error in one.errors] + [f"{one.name}: {error}" for one in group
                                            for error in one.errors],
        open_s=[one.open_s for one in group if one.open_s is not None],
        open_all_s=load.open_s, open_cpu=load.open_cpu, cpu=load.step_cpu,
        baseline_cpu=alone.step_cpu,
    )  # fmt: skip


def run_load(
    server: StreamlitServer,
    sessions: int = 20,
    seconds: float = 60.0,
    baseline_seconds: float = 15.0,
    timeout_s: float = 30.0,
) -> LoadResults:
    """Run the load against a running server (the test's entry point)."""
    return asyncio.run(measure(server, sessions, seconds, baseline_seconds, timeout_s))


def main(argv: list[str] | None = None) -> int:
    """Start the server, run the load, print the report (and write it with --write)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=20, help="concurrent browser sessions")
    parser.add_argument("--seconds", type=float, default=60.0, help="stepping time under load")
    parser.add_argument("--baseline-seconds", type=float, default=15.0,
                        help="stepping time of the single session before the load")  # fmt: skip
    parser.add_argument("--step-timeout", type=float, default=30.0,
                        help="seconds after which an unfinished step is an error")  # fmt: skip
    parser.add_argument("--write", action="store_true", help="write the Load section")
    parser.add_argument("--output", type=Path, default=REPO_ROOT / "BENCHMARKS.md")
    options = parser.parse_args(argv)
    # Editing the repository during a run would otherwise reload the app's modules under
    # the sessions (imports racing in their script threads: KeyError, exceptions shown).
    os.environ.setdefault("STREAMLIT_SERVER_FILE_WATCHER_TYPE", "none")
    if reason := browser_missing_reason():
        print(f"cannot run the load: {reason}", file=sys.stderr)
        return 2
    if not (CDN_CACHE / "node_modules").is_dir():
        print(f"cannot run the load: no CDN cache at {CDN_CACHE} (run .ci/run)", file=sys.stderr)
        return 2
    started = dt.datetime.now(dt.UTC)
    with streamlit_server(REPO_ROOT / "app.py") as server:
        results = run_load(server, options.sessions, options.seconds,
                           options.baseline_seconds, options.step_timeout)  # fmt: skip
    command = command_line("bench/load.py", argv)
    if options.write:
        print(write_load_section(results, options.output, command, started))
    else:
        print(load_report(results, command, started))
    return 0


if __name__ == "__main__":
    sys.exit(main())
