"""Play in Chromium: it steps through the timeline one step at a time, at the pace chosen,
pauses, stops at the end or when the reader takes another control, and the URL follows.

The page records every value its slider shows (a MutationObserver on the slider's
``aria-valuetext``), so the tests check the whole sequence of steps Play went through,
not only where it ended, whatever the machine's load did to the timing.
"""

from __future__ import annotations

import pytest
from pages import IDLE, SLIDER, open_app, step_label
from playwright.sync_api import Page, expect

from astana.data.catalog import load_atlas
from astana.timeline import build_steps

pytestmark = pytest.mark.timing  # run apart from the parallel suite (README)

STEPS = build_steps(load_atlas())
LABELS = [step.label for step in STEPS]
FASTEST = "0.75 s"
# In the page: note each new label the slider shows, in order.
RECORD_JS = f"""() => {{
    const slider = () => document.querySelector({SLIDER!r});
    window.__shown = [slider().getAttribute('aria-valuetext')];
    new MutationObserver(() => {{
        const label = slider() && slider().getAttribute('aria-valuetext');
        if (label && label !== window.__shown[window.__shown.length - 1])
            window.__shown.push(label);
    }}).observe(document.body, {{subtree: true, attributes: true,
                                 attributeFilter: ['aria-valuetext']}});
}}"""


def _play_button(page: Page):
    return page.get_by_role("button", name="Play", exact=True)


def _pause_button(page: Page):
    return page.get_by_role("button", name="Pause", exact=True)


def _choose_pace(page: Page, label: str) -> None:
    page.get_by_label("Seconds per step").click()
    page.get_by_role("option", name=label, exact=True).click()
    expect(page.get_by_label("Seconds per step")).to_have_value(label)
    page.wait_for_selector(IDLE)


def _shown(page: Page) -> list[str]:
    return page.evaluate("() => window.__shown")


def _url_date(page: Page) -> str:
    return page.evaluate("() => new URLSearchParams(location.search).get('date')")


def test_play_advances_pauses_and_stops_at_the_end(page, server):
    open_app(page, server.url, STEPS[-5].date.isoformat())
    start = LABELS.index(step_label(page))
    _choose_pace(page, FASTEST)
    page.evaluate(RECORD_JS)
    _play_button(page).focus()  # reachable by keyboard
    page.keyboard.press("Enter")
    expect(_pause_button(page)).to_be_visible()
    expect(page.locator(SLIDER)).to_have_attribute("aria-valuetext", LABELS[start + 2])
    _pause_button(page).click()
    expect(_play_button(page)).to_be_visible()
    paused = step_label(page)
    page.wait_for_timeout(2500)  # more than three steps' time at this pace
    assert step_label(page) == paused
    assert _url_date(page) == STEPS[LABELS.index(paused)].date.isoformat()
    _play_button(page).click()
    expect(page.locator(SLIDER)).to_have_attribute("aria-valuetext", LABELS[-1])
    expect(_play_button(page)).to_be_visible(timeout=15_000)  # stopped at the end
    page.wait_for_timeout(2000)
    assert step_label(page) == LABELS[-1]
    assert _url_date(page) == STEPS[-1].date.isoformat()
    assert _shown(page) == LABELS[start:]  # one step at a time, none skipped


def test_another_control_stops_play_and_play_at_the_end_starts_again(page, server):
    open_app(page, server.url, STEPS[-1].date.isoformat())
    page.evaluate(RECORD_JS)
    _play_button(page).click()
    expect(page.locator(SLIDER)).to_have_attribute("aria-valuetext", LABELS[0])
    expect(_pause_button(page)).to_be_visible()
    page.locator(SLIDER).focus()
    page.keyboard.press("End")  # the reader takes the slider: Play stops there
    expect(_play_button(page)).to_be_visible()
    expect(page.locator(SLIDER)).to_have_attribute("aria-valuetext", LABELS[-1])
    page.wait_for_timeout(3500)  # more than two steps' time at the default pace
    assert step_label(page) == LABELS[-1]
    assert _url_date(page) == STEPS[-1].date.isoformat()
    shown = _shown(page)
    assert shown[:2] == [LABELS[-1], LABELS[0]] and shown[-1] == LABELS[-1]
