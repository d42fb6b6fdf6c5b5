"""What the browser tests read from the page: the slider, the step panel and the map's zones.

Small helpers over Playwright, so that each test says what it checks, not how to find it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from e2e_support import ZONE_PATHS_JS, map_frame
from playwright.sync_api import Frame, Page

SLIDER = "[data-testid='stSlider'] input[type='range']"
MENU = "Download this snapshot"  # the popover that holds one button per format
PANEL = ".astana-panel"
# Streamlit marks its root while the script runs; the URL is set at the end of a run.
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
# The zones Leaflet drew: stroke colour and dash pattern of each path in the zones' pane.
ZONE_STYLES_JS = """() => [...document.querySelectorAll('.leaflet-zones-pane path')]
    .map(path => [path.getAttribute('stroke'), path.getAttribute('stroke-dasharray')])"""
# streamlit-folium keeps the zones' script it last ran; it changes with every step.
APPLIED_GROUP_JS = "() => window.__GLOBAL_DATA__ && window.__GLOBAL_DATA__.last_feature_group"


def open_app(page: Page, base_url: str, date: str | None = None) -> Frame:
    """Open the app (at ``?date=``), wait for its map and zones; return the map's frame."""
    page.goto(f"{base_url}/?date={date}" if date else f"{base_url}/")
    frame = map_frame(page)
    frame.wait_for_function(APPLIED_GROUP_JS)
    page.wait_for_selector(IDLE)
    return frame


def step_label(page: Page) -> str:
    """The slider's current label, ``YYYY-MM-DD · title``."""
    return page.locator(SLIDER).get_attribute("aria-valuetext") or ""


def panel_text(page: Page) -> str:
    """The text of the step panel beside the map."""
    return page.locator(PANEL).inner_text()


def zone_count(frame: Frame) -> int:
    """How many zone outlines the map shows."""
    return frame.evaluate(ZONE_PATHS_JS)


def zone_styles(frame: Frame) -> list[list[str | None]]:
    """``[stroke, dash]`` of each zone outline the map shows."""
    return frame.evaluate(ZONE_STYLES_JS)


def press_on_slider(page: Page, frame: Frame, key: str) -> None:
    """Press ``key`` on the slider; wait until the map has applied the new step and the run
    has ended (as a reader would, before the next key: see the note in test_map.py)."""
    before = frame.evaluate(APPLIED_GROUP_JS)
    page.locator(SLIDER).focus()
    page.keyboard.press(key)
    frame.wait_for_function(f"(before) => ({APPLIED_GROUP_JS})() !== before", arg=before)
    page.wait_for_selector(IDLE)


def download_snapshots(page: Page, extensions: Iterable[str], folder: Path) -> dict[str, Path]:
    """Click the download button of each file ``extension`` in the snapshot menu, save each
    file into ``folder``; return the saved paths by extension."""
    files = {}
    for extension in extensions:
        button = page.get_by_role("button", name=re.compile(rf"\(\.{extension}\)$"))
        if not button.is_visible():  # the menu closes when the page reruns
            page.get_by_role("button", name=MENU).click()
        with page.expect_download(timeout=60_000) as started:
            button.click()
        files[extension] = folder / started.value.suggested_filename
        started.value.save_as(files[extension])
    return files
