"""One browser session of the load: open the app at a date, step the slider, time each step.

Used by ``bench/load.py``, which runs many of these at once on one event loop (Playwright's
async API). A session walks from its start to one end of the slider, turns, walks to the
other end and so on, with no pause: the next key goes as soon as the last step is done.

**A step is done**, as a reader sees it, at the first animation frame at which the slider
shows a new value, the server's run for it has reached the page (the slider's own label,
"Step N of M", which only the run sends, has changed) and the page is idle again (script
state ``notRunning``: no running indicator, nothing faded), and, when the step's zones or
layers differ from the step before, the map's iframe has applied the new feature group
(streamlit-folium's ``last_feature_group``, as ``pages.APPLIED_GROUP_JS``). A starved page
may render a whole run at once, never showing ``running``, hence the label and not the
script state as the sign of a run. **Step latency** is from the key's keydown
(``event.timeStamp``) to that frame, on the page's own clock.

A session's errors, each with a short reason: page errors and console errors; a Streamlit
exception or error alert on the page; the connection to the server lost; a step not done
within the step timeout; the session not opening; the wrong step shown once a step is done
(the slider's label or the URL's date). Requests that tried to leave the machine are in
its ``offline`` log.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
# The package, and the browser tests' helpers (offline routing, the page's selectors).
sys.path.insert(0, str(REPO_ROOT / "tests" / "e2e"))
sys.path.insert(0, str(REPO_ROOT))

from e2e_support import OfflineLog, route_offline_async  # noqa: E402
from pages import IDLE, SLIDER  # noqa: E402
from playwright.async_api import Browser, Page, WebSocket  # noqa: E402
from playwright.async_api import Error as PlaywrightError  # noqa: E402

from astana.data.catalog import load_atlas  # noqa: E402
from astana.timeline import build_steps, state_at_step  # noqa: E402
from astana.views import display, navigation  # noqa: E402

VIEWPORT = {"width": 1280, "height": 800}
OPEN_TIMEOUT_S = 120.0  # opening 20 pages at once on 2 cores takes a while
FAILURES = "[data-testid='stException'], [data-testid='stAlertContentError']"
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
