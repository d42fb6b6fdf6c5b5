"""Hostile data in Chromium: the app, its HTML map and its SVG run none of the payloads in
the data (tests/hostile_data.py) and show them as text.

Every payload that could run sets ``window.__pwned`` in its frame and ``top.__pwned`` in
the page; one calls ``alert()``. Each test reads the flag in every frame and fails on any
dialog. The server shows the hostile copy of the data (``ASTANA_DATA_ROOT``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import DESKTOP, skip_or_fail
from e2e_support import (
    CDN_CACHE,
    REPO_ROOT,
    ZONE_PATHS_JS,
    StreamlitServer,
    browser_missing_reason,
    route_offline,
    streamlit_server,
)
from hostile_data import ENTITIES, PAYLOADS, write_hostile_root
from pages import MENU, PANEL, download_snapshots, open_app, panel_text, press_on_slider
from playwright.sync_api import Frame, Page, expect

from astana.compare import diff
from astana.data.catalog import load_atlas
from astana.data.models import Atlas
from astana.timeline import build_steps
from astana.ui import ROOT_ENV

EVENT_DATE = "2017-09-20"  # idlib-agreement-2017-09-15, with round astana-6 as context
DMZ_DATE = "2018-10-15"  # sochi-memorandum-2018-09-17: the demilitarised zone is on the map
CHART = "[data-testid='stVegaLiteChart']"
# [flag in this frame, flag in the page ("cross-origin" when this frame may not read it)]
FLAGS_JS = """() => {
    let page;
    try { page = top.__pwned; } catch (error) { page = "cross-origin"; }
    return [window.__pwned ?? null, page ?? null];
}"""
# A point of the map's frame inside a zone outline (not on a town's dot): the first, on a
# grid, where the topmost element is a path of the zones' pane.
ZONE_POINT_JS = """(zoneId) => {
    const pane = document.querySelector('.leaflet-zones-pane');
    const paths = [...pane.querySelectorAll('path')];
    let target = null;
    window.map.eachLayer(layer => {
        if (layer.feature && layer.feature.properties.zone_id === zoneId) target = layer;
    });
    const box = target.getElement().getBoundingClientRect();
    for (let y = box.top + 4; y < box.bottom; y += 6) {
        for (let x = box.left + 4; x < box.right; x += 6) {
            if (document.elementFromPoint(x, y) === target.getElement()) return [x, y];
        }
    }
    return null;
}"""


@pytest.fixture(scope="module")
def hostile_root(tmp_path_factory) -> Path:
    """A hostile copy of the repository's data."""
    return write_hostile_root(tmp_path_factory.mktemp("hostile-root"))


@pytest.fixture(scope="module")
def hostile(hostile_root) -> Atlas:
    """The hostile data, loaded here to know what the page should show."""
    return load_atlas(hostile_root)


@pytest.fixture(scope="module")
def hostile_server(hostile_root) -> Iterator[StreamlitServer]:
    """``streamlit run app.py`` showing the hostile data."""
    if reason := browser_missing_reason():
        skip_or_fail(reason)
    with streamlit_server(REPO_ROOT / "app.py", env={ROOT_ENV: str(hostile_root)}) as running:
        yield running


@pytest.fixture
def dialogs(page: Page) -> list[str]:
    """Every alert, confirm or prompt the page opens (each dismissed at once)."""
    opened: list[str] = []
    page.on("dialog", lambda dialog: (opened.append(dialog.message), dialog.dismiss()))
    return opened


def assert_nothing_ran(page: Page, dialogs: list[str], where: str) -> None:
    """Fail if a payload set the flag in any frame of ``page``, or opened a dialog."""
    flags = {
        f"{index}: {frame.url[:80]}": frame.evaluate(FLAGS_JS)
        for index, frame in enumerate(page.frames)
        if not frame.is_detached()
    }
    ran = {name: flag for name, flag in flags.items() if flag != [None, None]}
    ran = {name: flag for name, flag in ran.items() if flag != [None, "cross-origin"]}
    assert not ran, f"{where}: a payload ran in {ran}"
    assert dialogs == [], f"{where}: dialogs opened: {dialogs}"


def open_zone_popup(page: Page, frame: Frame, zone_id: int) -> tuple[str, str]:
    """Hover zone ``zone_id`` on the map, then click it: its tooltip's and popup's text."""
    point = frame.evaluate(ZONE_POINT_JS, zone_id)
    assert point is not None, f"zone {zone_id} is not under the mouse anywhere"
    iframe = page.locator("iframe[title*='st_folium']")
    iframe.scroll_into_view_if_needed()  # else focusing the zone on click scrolls the page
    box = iframe.bounding_box()
    page.mouse.move(box["x"] + point[0], box["y"] + point[1])
    tooltip = frame.locator(".leaflet-tooltip-pane .leaflet-tooltip")
    expect(tooltip).to_be_visible()
    tooltip_text = tooltip.inner_text()
    page.mouse.click(box["x"] + point[0], box["y"] + point[1])
    popup = frame.locator(".leaflet-popup-content")
    expect(popup).to_be_visible()
    return tooltip_text, popup.inner_text()


def test_the_panel_and_the_map_show_the_payloads_as_text(page, hostile_server, hostile, dialogs):
    frame = open_app(page, hostile_server.url, EVENT_DATE)
    event = hostile.event("idlib-agreement-2017-09-15")
    panel = panel_text(page)
    for text in (event.title, PAYLOADS[1], ENTITIES, hostile.round("astana-6").title):
        assert text in panel
    assert page.locator(f"{PANEL} :is(script, img, svg, iframe)").count() == 0
    hrefs = page.locator(f"{PANEL} a").evaluate_all("links => links.map(a => a.href)")
    assert hrefs and all(href.startswith(("http://", "https://")) for href in hrefs)
    zone = next(v for v in hostile.zones if v.id == "zone-1-2017-09")  # in force from 15 Sep
    tooltip, popup = open_zone_popup(page, frame, zone_id=1)
    assert tooltip == zone.name
    assert zone.name in popup and zone.precision in popup
    assert_nothing_ran(page, dialogs, "event step, zone popup open")
    press_on_slider(page, frame, "ArrowLeft")  # astana-6, a round
    item = hostile.round("astana-6")
    expect(page.locator(PANEL)).to_contain_text(item.venue)
    assert item.summary in panel_text(page)
    assert_nothing_ran(page, dialogs, "round step")


def test_the_comparison_and_a_place_run_no_payload(page, hostile_server, hostile, dialogs):
    place = next(p for p in hostile.places if p.id == "idlib")
    link = f"{EVENT_DATE}&compare=2018-08-01&place={place.id}"
    frame = open_app(page, hostile_server.url, link)
    frame.wait_for_selector("path.astana-place-marker")
    marker = frame.locator(".leaflet-tooltip").filter(has_text=place.name_ar)
    expect(marker).to_contain_text(place.name)
    changed = diff(hostile, dt.date(2017, 9, 15), dt.date(2018, 7, 31))
    expect(page.locator(".astana-compare")).to_contain_text(changed.zones[0].name)
    expect(page.locator(".astana-place")).to_contain_text(place.name_ar)
    made = (
        ".astana-compare :is(script, img, svg, iframe), .astana-place :is(script, img, svg, iframe)"
    )
    assert page.locator(made).count() == 0
    assert_nothing_ran(page, dialogs, "comparison and place")


def test_the_dmz_menus_and_timeline_run_no_payload(page, hostile_server, hostile, dialogs):
    frame = open_app(page, hostile_server.url, DMZ_DATE)  # sochi-memorandum-2018-09-17
    assert hostile.event("sochi-memorandum-2018-09-17").title in panel_text(page)
    assert frame.evaluate(ZONE_PATHS_JS) == 5  # zone 1, the three ended zones, the DMZ
    bars = page.locator(f"{CHART} .mark-rect path")
    for index in (0, 4):
        bars.nth(index).hover()
        tooltip = page.locator("#vg-tooltip-element")
        expect(tooltip).to_be_visible()
        assert any(v.name in tooltip.inner_text() for v in hostile.zones)
        assert tooltip.locator(":is(script, img, svg, iframe)").count() == 0
    assert_nothing_ran(page, dialogs, "DMZ step, timeline tooltips")
    page.locator("[data-testid='stSelectbox']", has_text="Jump to").click()
    options = page.get_by_role("option")
    expect(options.first).to_be_visible()
    first_round = hostile.round("astana-1")
    assert f"{first_round.title} (2017-01-23)" in options.all_inner_texts()
    page.keyboard.type("2017-01-23")  # the list holds only the options in view
    options.filter(has_text="(2017-01-23)").click()
    expect(page.locator(PANEL)).to_contain_text(first_round.venue)
    page.get_by_role("button", name=MENU).click()
    expect(page.get_by_role("button", name=re.compile(r"\(\.html\)$"))).to_be_visible()
    assert_nothing_ran(page, dialogs, "jump menu, download menu")


def test_the_slider_shows_step_titles_as_written(page, hostile_server, hostile, dialogs):
    open_app(page, hostile_server.url, EVENT_DATE)
    shown = page.locator("[data-testid='stSliderThumbValue']").inner_text()
    assert_nothing_ran(page, dialogs, "slider")
    step = next(s for s in build_steps(hostile) if s.id == "idlib-agreement-2017-09-15")
    assert shown == step.label


@pytest.fixture(scope="module")
def hostile_downloads(browser, hostile_server, tmp_path_factory) -> dict[str, Path]:
    """The HTML and SVG downloads of the step with the demilitarised zone."""
    folder = tmp_path_factory.mktemp("hostile-downloads")
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    log = route_offline(context, CDN_CACHE)
    page = context.new_page()
    open_app(page, hostile_server.url, DMZ_DATE)
    files = download_snapshots(page, ("html", "svg"), folder)
    context.close()
    assert not log.refused, f"requests tried to leave the machine: {log.refused}"
    return files


def test_the_html_and_svg_downloads_run_no_payload(browser, cdn_cache, hostile, hostile_downloads):
    context = browser.new_context(viewport=DESKTOP)
    log = route_offline(context, cdn_cache)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(hostile_downloads["html"].as_uri())
    page.wait_for_function("() => document.querySelectorAll('.leaflet-zones-pane path').length > 0")
    shown = dt.date.fromisoformat(DMZ_DATE)  # zone 1 as it stood then (redrawn since 2017)
    zone = next(v for v in hostile.zones if v.zone_id == 1 and v.in_force_on(shown))
    box = page.locator(".snapshot-box").inner_text()
    assert zone.name in box and hostile.round("astana-10").title in box
    page.evaluate(
        """() => document.querySelector('.leaflet-zones-pane path')
            .dispatchEvent(new MouseEvent('click', {bubbles: true, clientX: 400, clientY: 400}))"""
    )
    popup = page.locator(".leaflet-popup-content").inner_text()
    assert zone.name in popup and zone.precision in popup
    assert_nothing_ran(page, dialogs, "HTML download")
    page.goto(hostile_downloads["svg"].as_uri())
    text = re.sub(r"\s+", "", page.evaluate("() => document.documentElement.textContent"))
    assert re.sub(r"\s+", "", zone.name) in text
    assert_nothing_ran(page, dialogs, "SVG download")
    context.close()
    assert not log.refused, f"requests tried to leave the machine: {log.refused}"
