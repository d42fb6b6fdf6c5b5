"""Many readers at once: N browser sessions step the slider against one Streamlit server.

``python bench/load.py`` starts ``streamlit run app.py`` and one headless Chromium. First a
single session steps the slider alone for ``--baseline-seconds`` (the baseline); then
``--sessions`` sessions (20) open at once, each in its own browser context, deep-linked to
dates spread over the slider, and all of them step it together for ``--seconds`` (60).
Each session walks from its start to one end of the slider, turns, walks to the other end
and so on (even sessions start to the right, odd ones to the left), with no pause: the next
key goes as soon as the last step is done, which is harder on the server than as many
readers would be. The load uses Playwright's async API, one event loop for all sessions.

**A step is done**, as a reader sees it, at the first animation frame at which the slider
shows a new value, the server's run for it has reached the page (the slider's own label,
"Step N of M", which only the run sends, has changed) and the page is idle again (script
state ``notRunning``: no running indicator, nothing faded), and, when the step's zones or
layers differ from the step before, the map's iframe has applied the new feature group
(streamlit-folium's ``last_feature_group``, as ``pages.APPLIED_GROUP_JS``). A starved page
may render a whole run at once, never showing ``running``, hence the label and not the
script state as the sign of a run. **Step latency** is from the key's keydown
(``event.timeStamp``) to that frame, on the page's own clock.

**Errors** (target 0), each with a short reason: page errors and console errors; a
Streamlit exception or error alert on the page; the connection to the server lost; a step
not done within ``--step-timeout`` seconds; a session that did not open; a request that
tried to leave the machine (routed as in the browser tests); the wrong step shown once a
step is done (the slider's label or the URL's date); a traceback or error in the server's
log; the server gone.

The clients (Chromium and Playwright) share the machine's cores with the server, so latency
under load includes the clients' own CPU contention: the report splits the CPU time used
during the load between them. The server runs with Streamlit's file watcher off (see
:func:`main`). ``--write`` replaces the "Load" section of ``BENCHMARKS.md``
(see ``report.write_load_section``). ``tests/e2e/test_load.py`` runs the same code with 3
sessions for a few seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import os
import re
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
# The package, the browser tests' helpers (server, Chromium, offline routing) and report.
sys.path.insert(0, str(REPO_ROOT / "tests" / "e2e"))
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(REPO_ROOT / "bench"))

from e2e_support import (  # noqa: E402
    CDN_CACHE,
    OfflineLog,
    StreamlitServer,
    browser_missing_reason,
    launch_chromium,
    route_offline,
    server_rss_bytes,
    streamlit_server,
)
from pages import IDLE, SLIDER  # noqa: E402
from playwright.async_api import (  # noqa: E402
    Browser,
    BrowserContext,
    Page,
    WebSocket,
    async_playwright,
)
from playwright.async_api import Error as PlaywrightError  # noqa: E402
from report import CpuShare, LoadResults, load_report, write_load_section  # noqa: E402

from astana import display, navigation  # noqa: E402
from astana.catalog import load_atlas  # noqa: E402
from astana.timeline import build_steps, state_at_step  # noqa: E402

VIEWPORT = {"width": 1280, "height": 800}
OPEN_TIMEOUT_S = 120.0  # opening 20 pages at once on 2 cores takes a while
FAILURES = "[data-testid='stException'], [data-testid='stAlertContentError']"
_SERVER_ERROR = re.compile(r"Traceback|Error|Exception")
_LOG_TIME = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+\s*")
# In the page: the app's root and the feature group the map's iframe applied last.
_HELPERS = """
    const root = document.querySelector("[data-testid='stApp']");
    const slider = () => document.querySelector(SLIDER_SELECTOR);
    const label = () => slider() && slider().getAttribute('aria-valuetext');
    // The widget's own label ("Step N of M: ...") comes from the server's run.
    const runLabel = () => slider() && slider().getAttribute('aria-label');
    const mapWindow = () => {
        const frame = document.querySelector("iframe[title*='st_folium']");
        return frame && frame.contentWindow; };
    const group = () => { const map = mapWindow();
        return map && map.__GLOBAL_DATA__ && map.__GLOBAL_DATA__.last_feature_group; };
""".replace("SLIDER_SELECTOR", json.dumps(SLIDER))
OPENED_JS = f"""() => {{ {_HELPERS}
    const map = mapWindow();
    return Boolean(map && map.map && map.map._loaded && group()); }}"""
# Once per page: note every connection state other than CONNECTED.
WATCH_JS = """() => { window.__lost = [];
    const root = document.querySelector("[data-testid='stApp']");
    new MutationObserver(() => {
        const state = root.getAttribute('data-test-connection-state');
        if (state !== 'CONNECTED') window.__lost.push(state);
    }).observe(root, {attributes: true, attributeFilter: ['data-test-connection-state']}); }"""
# Before a key press: note the keydown's time, then look at every animation frame for the
# step being done (see the module's docstring); ``missing`` says what is not, at a timeout.
ARM_JS = f"""(redraws) => {{ {_HELPERS}
    const probe = {{keyAt: null, doneAt: null, cancelled: false, labelBefore: label(),
                   runLabelBefore: runLabel(), groupBefore: group()}};
    probe.done = new Promise(resolve => {{ probe.finish = resolve; }});
    const idle = () => root.getAttribute('data-test-script-state') === 'notRunning';
    probe.missing = () => probe.keyAt === null ? 'no keydown'
        : label() === probe.labelBefore ? 'slider did not move'
        : runLabel() === probe.runLabelBefore ? 'no new run reached the page'
        : !idle() ? 'run not over' : 'map not updated';
    window.__step = probe;
    document.addEventListener('keydown', event => {{ probe.keyAt = event.timeStamp; }},
        {{capture: true, once: true}});
    const look = () => {{
        if (probe.cancelled) return;
        if (probe.keyAt !== null && idle() && label() !== probe.labelBefore
                && runLabel() !== probe.runLabelBefore
                && (!redraws || group() !== probe.groupBefore)) {{
            probe.doneAt = performance.now(); probe.finish(); return; }}
        requestAnimationFrame(look);
    }};
    requestAnimationFrame(look); }}"""
# After the key press: wait for the step (or the timeout), then say what the page shows.
WAIT_JS = f"""async (timeoutMs) => {{ {_HELPERS}
    const probe = window.__step;
    const finished = await Promise.race([probe.done.then(() => true),
        new Promise(resolve => setTimeout(() => resolve(false), timeoutMs))]);
    probe.cancelled = !finished;
    return {{latency: finished ? probe.doneAt - probe.keyAt : null, label: label(),
        missing: finished ? null : probe.missing(),
        date: new URLSearchParams(location.search).get('date'),
        failures: document.querySelectorAll({json.dumps(FAILURES)}).length,
        lost: window.__lost.splice(0)}}; }}"""


@dataclass(frozen=True)
class PlannedStep:
    """One slider step as the app should show it."""

    label: str
    date: str  # the ?date= value that opens it, and that the URL shows
    view: str  # its zones and layers as JSON: equal views redraw nothing on the map


def step_plan() -> list[PlannedStep]:
    """The slider's steps, in order, with what each shows."""
    atlas = load_atlas()
    plan = []
    for step in build_steps(atlas):
        state = state_at_step(atlas, step.id)
        view = [display.zone_collection(atlas, state), display.layer_collection(atlas, state)]
        plan.append(
            PlannedStep(step.label, navigation.link_value(step), json.dumps(view, default=str))
        )
    return plan


@dataclass
class Session:
    """One browser session: where it is on the slider, its timings and its errors."""

    name: str
    index: int | None
    forward: bool
    page: Page | None = None
    offline: OfflineLog = field(default_factory=OfflineLog)
    open_s: float | None = None
    sent_at: float = 0.0  # when the page last sent Streamlit a message (monotonic)
    received_at: float = 0.0  # and when it last received one
    latencies_ms: list[float] = field(default_factory=list)
    redraw_latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


class _Deferred:
    """An async Route or WebSocketRoute seen by a handler written for the sync API: it
    reads attributes through and keeps the calls (fulfill, abort, close) to await."""

    def __init__(self, target: object) -> None:
        self._target = target
        self.calls: list = []

    def __getattr__(self, name: str) -> object:
        value = getattr(self._target, name)
        if not callable(value):
            return value
        return lambda *args, **kwargs: self.calls.append(value(*args, **kwargs))


class _Registrar:
    """Stands for a context while ``route_offline`` registers its handlers."""

    def __init__(self) -> None:
        self.routes: list[tuple[object, Callable]] = []
        self.sockets: list[tuple[object, Callable]] = []

    def route(self, pattern: object, handler: Callable) -> None:
        self.routes.append((pattern, handler))

    def route_web_socket(self, pattern: object, handler: Callable) -> None:
        self.sockets.append((pattern, handler))


def _awaiting(handler: Callable) -> Callable:
    """``handler`` as an async handler that awaits what it asked of the route."""

    async def handle(target: object) -> None:
        deferred = _Deferred(target)
        handler(deferred)
        for call in deferred.calls:
            await call

    return handle


async def route_offline_async(context: BrowserContext) -> OfflineLog:
    """:func:`e2e_support.route_offline` (the browser tests' policy, unchanged) on a
    context of Playwright's async API."""
    registrar = _Registrar()
    log = route_offline(registrar)  # type: ignore[arg-type]
    for pattern, handler in registrar.routes:
        await context.route(pattern, _awaiting(handler))
    for pattern, handler in registrar.sockets:
        await context.route_web_socket(pattern, _awaiting(handler))
    return log


def start_index(number: int, sessions: int, steps: int) -> int:
    """Where session ``number`` of ``sessions`` starts: spread evenly over the slider.

    >>> [start_index(n, 4, 52) for n in range(4)]
    [6, 19, 31, 44]
    """
    return (2 * number + 1) * (steps - 1) // (2 * sessions)


async def open_session(
    browser: Browser, url: str, plan: list[PlannedStep], session: Session
) -> None:
    """Open ``session``'s page at its start date; errors go to the session."""
    context = await browser.new_context(viewport=VIEWPORT)
    session.offline = await route_offline_async(context)
    page = await context.new_page()
    errors = session.errors
    page.on("console", lambda msg: errors.append(f"console error: {msg.text[:100]}")
            if msg.type == "error" else None)  # fmt: skip
    page.on("pageerror", lambda error: errors.append(f"page error: {str(error)[:100]}"))
    page.on("crash", lambda _page: errors.append("page crashed"))
    page.on("websocket", lambda socket: _watch_socket(socket, session))
    started = time.monotonic()
    try:
        await page.goto(f"{url}/?date={plan[session.index].date}", timeout=OPEN_TIMEOUT_S * 1000)
        await page.wait_for_function(OPENED_JS, timeout=OPEN_TIMEOUT_S * 1000)
        await page.wait_for_selector(IDLE, timeout=OPEN_TIMEOUT_S * 1000)
        await page.evaluate(WATCH_JS)
        label = await page.locator(SLIDER).get_attribute("aria-valuetext")
    except PlaywrightError as error:
        errors.append(f"session did not open: {error.message.splitlines()[0][:80]}")
        session.index = None
    else:
        session.open_s = time.monotonic() - started
        if not _shows(label, plan[session.index]):
            errors.append("deep link opened another step")
        session.index = _index_of(plan, label, errors)
    session.page = page


def _watch_socket(socket: WebSocket, session: Session) -> None:
    """Note when the page talks to the server: says where an undone step got stuck."""
    socket.on("framesent", lambda _frame: setattr(session, "sent_at", time.monotonic()))
    socket.on("framereceived", lambda _frame: setattr(session, "received_at", time.monotonic()))


def _wire(session: Session, pressed_at: float) -> str:
    """What went over the WebSocket since the key press."""
    if session.sent_at < pressed_at:
        return "nothing sent"
    if session.received_at < session.sent_at:
        return "sent, no answer since"
    return "sent and answered"


def _shows(label: str | None, step: PlannedStep) -> bool:
    """Whether the slider's ``label`` is ``step``'s (the app may backslash-escape Markdown
    in it: see ``display.markdown_literal``)."""
    return (label or "").replace("\\", "") == step.label.replace("\\", "")


def _index_of(plan: list[PlannedStep], label: str | None, errors: list[str]) -> int | None:
    for index, step in enumerate(plan):
        if _shows(label, step):
            return index
    errors.append("the slider shows no known step")
    return None


def _next_key(session: Session, last: int) -> str:
    """Walk on; turn back at an end."""
    if session.index == 0 or session.index == last:
        session.forward = session.index == 0
    return "ArrowRight" if session.forward else "ArrowLeft"


async def take_step(session: Session, plan: list[PlannedStep], timeout_s: float) -> None:
    """Press the next key on the slider, time the step and check what the page shows."""
    page, errors = session.page, session.errors
    key = _next_key(session, len(plan) - 1)
    before = plan[session.index]
    expected = plan[session.index + (1 if key == "ArrowRight" else -1)]
    redraws = expected.view != before.view
    await page.evaluate(ARM_JS, redraws)
    await page.locator(SLIDER).focus()
    pressed_at = time.monotonic()
    await page.keyboard.press(key)
    shown = await asyncio.wait_for(page.evaluate(WAIT_JS, timeout_s * 1000), timeout_s + 30)
    if shown["latency"] is None:
        wire = _wire(session, pressed_at)
        errors.append(f"step not done within {timeout_s:.0f} s: {shown['missing']} ({wire})")
    else:
        session.latencies_ms.append(shown["latency"])
        if redraws:
            session.redraw_latencies_ms.append(shown["latency"])
        if not _shows(shown["label"], expected):
            errors.append("wrong step on the slider")
        elif shown["date"] != expected.date:
            errors.append("wrong step in the URL")
    if shown["failures"]:
        errors.append("Streamlit exception or error alert on the page")
    errors.extend(f"connection lost ({state})" for state in shown["lost"])
    session.index = _index_of(plan, shown["label"], errors)


async def walk(session: Session, plan: list[PlannedStep], until: float, timeout_s: float) -> None:
    """Step ``session`` until the monotonic time ``until`` (or until it breaks)."""
    while session.index is not None and time.monotonic() < until:
        try:
            await take_step(session, plan, timeout_s)
        except (PlaywrightError, TimeoutError) as error:
            reason = getattr(error, "message", "") or type(error).__name__
            session.errors.append(f"session broke: {reason.splitlines()[0][:80]}")
            session.index = None


class CpuClock:
    """CPU seconds used by the server, by Chromium and by the driver (this Python and
    Playwright's node), and the machine's busy and total CPU seconds, from ``/proc``."""

    def __init__(self, server_pid: int) -> None:
        self.server_pid = server_pid
        self.tick = os.sysconf("SC_CLK_TCK")

    def read(self) -> dict[str, float]:
        """Seconds so far, by part (only processes alive now count)."""
        used = {"server": self._process(self.server_pid), "chromium": 0.0, "driver": 0.0}
        used["driver"] += self._process(os.getpid())
        for pid in _descendants(os.getpid()):
            name = _comm(pid)
            part = "chromium" if "chrom" in name else "driver" if name == "node" else None
            if part:
                used[part] += self._process(pid)
        fields = [int(value) for value in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
        used["machine_total"] = sum(fields[:8]) / self.tick
        used["machine_busy"] = used["machine_total"] - (fields[3] + fields[4]) / self.tick
        return used

    def _process(self, pid: int) -> float:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / self.tick
        return 0.0


def _comm(pid: int) -> str:
    with contextlib.suppress(OSError):
        return Path(f"/proc/{pid}/comm").read_text().strip()
    return ""


def _descendants(pid: int) -> list[int]:
    found, queue = [], [pid]
    while queue:
        parent = queue.pop()
        for listing in Path(f"/proc/{parent}/task").glob("*/children"):
            with contextlib.suppress(OSError):
                children = [int(child) for child in listing.read_text().split()]
                found += children
                queue += children
    return found


def cpu_share(before: dict[str, float], after: dict[str, float], wall_s: float) -> CpuShare:
    """What each part used between two :meth:`CpuClock.read` results."""
    used = {part: after[part] - before[part] for part in after}
    return CpuShare(
        wall_s=wall_s,
        cores=os.cpu_count() or 1,
        server_s=used["server"],
        chromium_s=used["chromium"],
        driver_s=used["driver"],
        machine_busy_s=used["machine_busy"],
        machine_total_s=used["machine_total"],
    )


class ServerLog(threading.Thread):
    """Reads the server's output as it comes (a full pipe would stall the server) and
    keeps the lines that name an error."""

    def __init__(self, server: StreamlitServer) -> None:
        super().__init__(daemon=True)
        self.stream = server.process.stdout
        self.errors: list[str] = []

    def run(self) -> None:
        """Until the server's output closes."""
        for line in self.stream or ():
            if _SERVER_ERROR.search(line):
                self.errors.append(f"server: {_LOG_TIME.sub('', line.strip())[:100]}")

    def take(self) -> list[str]:
        """The error lines read so far, forgotten once taken."""
        taken, self.errors = self.errors, []
        return taken


async def sample_rss(pid: int, samples: list[int], stop: asyncio.Event) -> None:
    """Append the server's RSS to ``samples`` every second until ``stop``."""
    while not stop.is_set():
        samples.append(server_rss_bytes(pid))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), 1.0)


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
    command = "python bench/load.py" + "".join(f" {arg}" for arg in (argv or sys.argv[1:]))
    if options.write:
        print(write_load_section(results, options.output, command, started))
    else:
        print(load_report(results, command, started))
    return 0


if __name__ == "__main__":
    sys.exit(main())
