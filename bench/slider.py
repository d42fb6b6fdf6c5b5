"""How fast the slider feels, in headless Chromium: the dashboard against a naive baseline.

Starts two Streamlit servers, ``app.py`` (zones swapped in with ``feature_group_to_add``)
and ``bench/naive_app.py`` (the same page, the whole map rebuilt each step), and measures
both in the same run:

- step latency: from the slider's key press (the keydown event's time) until the new
  step's zones are in the map's DOM (a MutationObserver in the map's iframe), over the
  steps whose zones differ from the step before (the others redraw nothing);
- bytes sent to the browser per step (Streamlit's WebSocket messages, all steps);
- first paint of the map: from navigation start until the animation frame after the
  zones first appear in the map;
- the server's resident memory with 1 and with 10 open sessions;
- Play at its fastest pace: how long each of its steps keeps the page busy (from
  Streamlit's script state going to ``running`` to ``notRunning`` again, the new step
  shown), against the interval, and the time between steps.

Prints a table and writes it to ``BENCHMARKS.md`` with the machine, versions and command.
Nothing leaves the machine: requests are routed as in the browser tests. Run from the
repository: ``python bench/slider.py`` (about four minutes).
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
# The package, and the browser tests' helpers (route_offline, the server, the slider) it shares.
sys.path.insert(0, str(REPO_ROOT / "tests" / "e2e"))
sys.path.insert(0, str(REPO_ROOT))

from e2e_support import (  # noqa: E402
    browser_missing_reason,
    launch_chromium,
    map_frame,
    route_offline,
    server_rss_bytes,
    streamlit_server,
)
from pages import SLIDER  # noqa: E402
from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402
from report import Results, command_line, write_report  # noqa: E402

from astana.data.catalog import load_atlas  # noqa: E402
from astana.timeline import build_steps, state_at_step  # noqa: E402
from astana.views import display  # noqa: E402

VIEWPORT = {"width": 1280, "height": 800}
LABEL_CHANGED_JS = f"""(before) => document.querySelector({SLIDER!r})
    .getAttribute('aria-valuetext') !== before"""
QUIET_MS = 400  # a step is over when no message came for this long
# In the page, before a key press: mark the zones drawn now, note the keydown's time, then
# look at every animation frame for the new step's zones, in whatever iframe holds the map
# by then (the naive page gets a new one). Times are the page's performance.now() (ms).
ARM_JS = """(expected) => {
    const map = () => {
        const frame = document.querySelector("iframe[title*='st_folium']");
        return frame && frame.contentDocument; };
    const before = map();
    if (before) before.querySelectorAll('.leaflet-zones-pane path')
        .forEach(path => { path.__stale = true; });
    window.__keyAt = null; window.__drawnAt = null;
    document.addEventListener('keydown', event => { window.__keyAt = event.timeStamp; },
        {capture: true, once: true});
    const look = () => {
        const doc = map();
        const pane = doc && doc.querySelector('.leaflet-zones-pane');
        const paths = pane ? [...pane.querySelectorAll('path')] : [];
        if (pane && paths.length === expected && paths.every(path => !path.__stale)) {
            window.__drawnAt = performance.now(); return; }
        requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
}"""
# In the page from its start: the first animation frame at which the map's iframe holds
# zones (an init script cannot watch the iframe itself: Chromium keeps its initial window).
FIRST_ZONES_JS = """(() => { if (window.top !== window) return;
    const look = () => {
        const map = document.querySelector("iframe[title*='st_folium']");
        const doc = map && map.contentDocument;
        if (doc && doc.querySelector('.leaflet-zones-pane path')) {
            window.__firstZonesAt = performance.now(); return; }
        requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
})();"""


# In the page, before Play: for each run, when it started (the script state went to
# running) and when the page was next idle with the slider's new step shown.
PLAY_JS = f"""() => {{
    const root = document.querySelector("[data-testid='stApp']");
    const label = () => document.querySelector({SLIDER!r}).getAttribute('aria-valuetext');
    window.__runs = []; let started = null;
    new MutationObserver(() => {{
        const state = root.getAttribute('data-test-script-state');
        if (state === 'running' && started === null) started = performance.now();
        if (state === 'notRunning' && started !== null) {{
            window.__runs.push([started, performance.now(), label()]); started = null; }}
    }}).observe(root, {{attributes: true, attributeFilter: ['data-test-script-state']}});
}}"""
PLAY_PACE = "0.75 s"


@dataclass
class Wire:
    """Bytes of the WebSocket messages the page received, and when the last one came."""

    received: int = 0
    last_at: float = 0.0


@dataclass
class StepRun:
    """One app's measurements of the slider."""

    latencies_ms: list[float] = field(default_factory=list)
    bytes_per_step: list[int] = field(default_factory=list)


def zone_signatures() -> list[tuple[str, int, str]]:
    """Per step, in slider order: its label's date, how many outlines the map draws in its
    zones' pane (zones, and the layers that are not zones: demilitarised zone, corridor),
    and those outlines as JSON."""
    atlas = load_atlas()
    rows = []
    for step in build_steps(atlas):
        state = state_at_step(atlas, step.id)
        shown = [display.zone_collection(atlas, state), display.layer_collection(atlas, state)]
        count = sum(len(collection["features"]) for collection in shown)
        rows.append((step.date.isoformat(), count, json.dumps(shown)))
    return rows


def open_page(browser: Browser, url: str) -> tuple[Page, Wire]:
    """A new offline page on ``url`` with its map drawn, and the counter of its messages."""
    context = browser.new_context(viewport=VIEWPORT)
    route_offline(context)
    page = context.new_page()
    wire = Wire()

    def count(payload: str | bytes) -> None:
        wire.received += len(payload)
        wire.last_at = time.monotonic()

    page.on("websocket", lambda socket: socket.on("framereceived", count))
    page.goto(url)
    map_frame(page).wait_for_function("() => window.__GLOBAL_DATA__")
    wait_quiet(page, wire)
    return page, wire


def wait_quiet(page: Page, wire: Wire, limit_s: float = 10.0) -> None:
    """Wait until no message came for ``QUIET_MS`` (Streamlit has finished the run)."""
    start = time.monotonic()
    wire.last_at = max(wire.last_at, start)
    while time.monotonic() - wire.last_at < QUIET_MS / 1000:
        if time.monotonic() - start > limit_s:
            raise TimeoutError("the page kept receiving messages")
        page.wait_for_timeout(50)


def press(page: Page, wire: Wire, key: str, expected_zones: int | None) -> tuple[float, int]:
    """Press ``key`` on the slider; the time until ``expected_zones`` new zones are drawn
    (ms; NaN for None: the step keeps its zones, nothing is redrawn) and the bytes received
    for the step, once the page is quiet again."""
    slider = page.locator(SLIDER)
    label = slider.get_attribute("aria-valuetext")
    slider.focus()
    page.evaluate(ARM_JS, -1 if expected_zones is None else expected_zones)
    wire.received = 0
    page.keyboard.press(key)
    latency = float("nan")
    if expected_zones is not None:
        page.wait_for_function("() => window.__drawnAt !== null", timeout=30_000)
        latency = page.evaluate("() => window.__drawnAt - window.__keyAt")
    page.wait_for_function(LABEL_CHANGED_JS, arg=label)
    wait_quiet(page, wire)
    return latency, wire.received


def run_pass(page: Page, wire: Wire, signatures: list, first: int, run: StepRun) -> None:
    """Walk the slider from step ``first`` to the last step with new zones, and back."""
    changes = [i for i in range(1, len(signatures)) if signatures[i][2] != signatures[i - 1][2]]
    last = max(changes)
    route = [(i, "ArrowRight", i - 1) for i in range(first + 1, last + 1)]
    route += [(i, "ArrowLeft", i + 1) for i in range(last - 1, first - 1, -1)]
    for target, key, current in route:
        changed = signatures[target][2] != signatures[current][2]  # else nothing is redrawn
        latency, received = press(page, wire, key, signatures[target][1] if changed else None)
        if changed:
            run.latencies_ms.append(latency)
        run.bytes_per_step.append(received)


def measure_steps(browser: Browser, urls: dict[str, str], samples: int) -> dict[str, StepRun]:
    """Step latency and bytes for each app, passes interleaved so both see the same machine."""
    signatures = zone_signatures()
    first = next(i for i, row in enumerate(signatures) if row[1] > 0) - 1
    runs = {name: StepRun() for name in urls}
    pages = {name: open_page(browser, f"{url}/?date={signatures[first][0]}")
             for name, url in urls.items()}  # fmt: skip
    while min(len(run.latencies_ms) for run in runs.values()) < samples:
        for name, (page, wire) in pages.items():
            run_pass(page, wire, signatures, first, runs[name])
    for page, _wire in pages.values():
        page.context.close()
    return runs


def first_paint_ms(browser: Browser, url: str) -> float:
    """From navigation start to the first painted frame with zones, in a fresh context."""
    context = browser.new_context(viewport=VIEWPORT)
    route_offline(context)
    context.add_init_script(FIRST_ZONES_JS)
    page = context.new_page()
    page.goto(url)
    page.wait_for_function("() => window.__firstZonesAt", timeout=30_000)
    painted = page.evaluate("() => window.__firstZonesAt")
    context.close()
    return painted


def measure_play(browser: Browser, url: str, signatures: list, ticks: int) -> tuple[list, list]:
    """Play at its fastest pace for ``ticks`` steps from the step before the first zones:
    each step's busy time (its run, from running to idle) and the time between the
    starts of successive steps (ms)."""
    first = next(i for i, row in enumerate(signatures) if row[1] > 0) - 1
    page, _wire = open_page(browser, f"{url}/?date={signatures[first][0]}")
    page.get_by_label("Seconds per step").click()
    page.get_by_role("option", name=PLAY_PACE, exact=True).click()
    page.wait_for_timeout(1000)
    page.evaluate(PLAY_JS)
    page.get_by_role("button", name="Play", exact=True).click()
    page.wait_for_function(f"() => new Set(window.__runs.map(run => run[2])).size > {ticks}",
                           timeout=120_000)  # fmt: skip
    page.get_by_role("button", name="Pause", exact=True).click()
    runs = page.evaluate("() => window.__runs")
    page.context.close()
    steps, seen = [], set()
    for started, idle, label in runs[1:]:  # the first: Play pressed (a full run)
        if label not in seen:  # a run that showed a new step
            seen.add(label)
            steps.append((started, idle))
    busy = [idle - started for started, idle in steps]
    between = [later[0] - earlier[0] for earlier, later in itertools.pairwise(steps)]
    return busy, between


def memory_mb(browser: Browser, url: str, pid: int) -> tuple[float, float]:
    """The server's RSS (MB) with 1 open session, then with 10."""
    pages = [open_page(browser, url)[0]]
    one = server_rss_bytes(pid) / 1e6
    pages += [open_page(browser, url)[0] for _ in range(9)]
    pages[0].wait_for_timeout(2000)
    ten = server_rss_bytes(pid) / 1e6
    for page in pages:
        page.context.close()
    return one, ten


def measure(browser: Browser, servers: dict, samples: int, loads: int, play_ticks: int) -> Results:
    """Everything, for the dashboard and the baseline."""
    urls = {name: server.url for name, server in servers.items()}
    results = Results(browser=browser.version)
    for name, url in urls.items():
        results.cold_paint_ms[name] = first_paint_ms(browser, url)
    for _ in range(loads):
        for name, url in urls.items():
            results.paint_ms.setdefault(name, []).append(first_paint_ms(browser, url))
    for name, run in measure_steps(browser, urls, samples).items():
        results.latencies_ms[name] = run.latencies_ms
        results.bytes_per_step[name] = run.bytes_per_step
    for name, server in servers.items():
        results.memory_mb[name] = memory_mb(browser, urls[name], server.process.pid)
    results.play_busy_ms, results.play_between_ms = measure_play(
        browser, urls["app"], zone_signatures(), play_ticks
    )
    return results


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, print the table and write the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", type=int, default=30, help="step latencies per app")
    parser.add_argument("--loads", type=int, default=5, help="page loads per app")
    parser.add_argument("--play-steps", type=int, default=20, help="steps timed during Play")
    parser.add_argument("--output", type=Path, default=REPO_ROOT / "BENCHMARKS.md")
    options = parser.parse_args(argv)
    if reason := browser_missing_reason():
        print(f"cannot run the benchmark: {reason}", file=sys.stderr)
        return 2
    started = dt.datetime.now(dt.UTC)
    with (
        streamlit_server(REPO_ROOT / "app.py") as app,
        streamlit_server(REPO_ROOT / "bench" / "naive_app.py") as naive,
        sync_playwright() as playwright,
    ):
        browser = launch_chromium(playwright)
        results = measure(browser, {"app": app, "naive": naive}, options.samples,
                          options.loads, options.play_steps)  # fmt: skip
        browser.close()
    command = command_line("bench/slider.py", argv)
    print(write_report(results, options.output, command, started))
    return 0


if __name__ == "__main__":
    sys.exit(main())
