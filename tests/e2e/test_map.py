"""The dashboard in Chromium: the map draws the zones, steps swap them in place, links work.

Only the 2017 steps are named here; later history may add steps around them. A step whose
zones are those of the step before redraws nothing (streamlit-folium sees the same layer),
so steps that swap zones go from the memorandum's signature (no zone) to its entry into
force (four).

Each key press waits for the page's run to end. A second key pressed while the first run is
still going can leave the URL on the first step's date: the next run reads the URL the
browser had when the key was pressed, finds it already matching, and the late update of
the first run wins (reported; see the page's query-parameter update in astana/ui.py).
"""

from __future__ import annotations

import re

import pytest
from conftest import DESKTOP
from e2e_support import ZONE_PATHS_JS
from pages import (
    IDLE,
    PANEL,
    SLIDER,
    open_app,
    panel_text,
    press_on_slider,
    step_label,
    zone_count,
    zone_styles,
)
from playwright.sync_api import expect

from astana.views.style import ZONE_COLOURS

IN_FORCE = "2017-05-06"  # memorandum-in-force-2017-05-06: the four zones, declared
SIGNED = "2017-05-04"  # memorandum-signed-2017-05-04: the last step with no zone
DECLARED_DASH = "8 6"
MOBILE = {"width": 390, "height": 844}


def test_the_page_loads_without_console_errors(page, page_log, server):
    open_app(page, server.url)
    expect(page.locator("h1").first).to_contain_text("De-escalation zones")
    assert page_log.console_errors == []
    assert page_log.offline.tiles > 0  # the base map asked for tiles, and got blank ones


def test_no_zones_before_the_memorandum_and_four_after(page, server):
    frame = open_app(page, server.url, "2017-03-14")  # astana-3
    assert step_label(page).startswith("2017-03-14")
    assert zone_count(frame) == 0
    frame = open_app(page, server.url, IN_FORCE)
    styles = zone_styles(frame)
    assert len(styles) == 4
    assert {stroke for stroke, _dash in styles} == set(ZONE_COLOURS.values())
    assert all(dash == DECLARED_DASH for _stroke, dash in styles)


def test_the_keyboard_moves_the_slider_and_the_map_follows(page, server):
    frame = open_app(page, server.url, SIGNED)
    panel_before = panel_text(page)
    assert zone_count(frame) == 0
    press_on_slider(page, frame, "ArrowRight")
    assert step_label(page).startswith(IN_FORCE)
    assert zone_count(frame) == 4
    expect(page.locator(PANEL)).not_to_have_text(panel_before)
    expect(page.locator(PANEL)).to_contain_text("memorandum in force")
    press_on_slider(page, frame, "ArrowLeft")
    assert step_label(page).startswith(SIGNED)
    assert zone_count(frame) == 0
    expect(page).to_have_url(f"{server.url}/?date={SIGNED}")


def test_a_step_keeps_the_map_its_zoom_and_its_window(page, server):
    frame = open_app(page, server.url, SIGNED)
    page.locator("iframe[title*='st_folium']").evaluate("iframe => iframe.dataset.probe = 'kept'")
    frame.evaluate("() => { window.__probe = 'kept'; window.map.setZoom(9, {animate: false}); }")
    center = frame.evaluate("() => window.map.getCenter()")
    press_on_slider(page, frame, "ArrowRight")
    assert step_label(page).startswith(IN_FORCE)
    assert page.locator("iframe[data-probe='kept']").count() == 1
    assert frame.evaluate("() => window.__probe") == "kept"
    assert frame.evaluate("() => window.map.getZoom()") == 9
    assert frame.evaluate("() => window.map.getCenter()") == center
    assert zone_count(frame) == 4


def test_back_and_forward_in_the_browser_show_the_steps_of_its_history(page, server):
    """Failed before the page read the URL again on history navigation: going back
    changed the URL, then the page wrote its step back over it."""
    frame = open_app(page, server.url, SIGNED)
    press_on_slider(page, frame, "ArrowRight")
    press_on_slider(page, frame, "ArrowLeft")  # history: signed, in force, signed
    for move, date, zones in ((page.go_back, IN_FORCE, 4), (page.go_back, SIGNED, 0),
                              (page.go_forward, IN_FORCE, 4)):  # fmt: skip
        move()
        expect(page.locator(SLIDER)).to_have_attribute("aria-valuetext", re.compile(f"^{date}"))
        frame.wait_for_function(f"() => ({ZONE_PATHS_JS})() === {zones}")
        page.wait_for_selector(IDLE)
        expect(page).to_have_url(f"{server.url}/?date={date}")


@pytest.mark.parametrize(
    ("date", "label"), [("2017-09-20", "2017-09-15"), ("2017-03-14", "2017-03-14")]
)
def test_a_deep_link_opens_its_step(page, server, date, label):
    frame = open_app(page, server.url, date)
    assert step_label(page).startswith(label)
    if label == "2017-09-15":  # idlib-agreement-2017-09-15: all four zones in force
        expect(page.locator(PANEL)).to_contain_text("Idlib de-escalation area")
        styles = zone_styles(frame)
        assert len(styles) == 4
        assert all(dash != DECLARED_DASH for _stroke, dash in styles)


def test_screenshots_on_a_laptop_and_a_phone(page, server, artifacts):
    for name, viewport in (("desktop-1280x800", DESKTOP), ("phone-390x844", MOBILE)):
        page.set_viewport_size(viewport)
        frame = open_app(page, server.url, "2017-09-20")
        frame.wait_for_function("() => document.querySelectorAll('.city-name').length > 0")
        expect(page.locator(SLIDER)).to_be_attached()
        path = artifacts / f"atlas-{name}.png"
        page.screenshot(path=path)
        assert path.stat().st_size > 10_000
