"""Fixtures for the browser tests: one Streamlit server and one Chromium per test module,
a fresh offline page per test.

Without a browser the tests skip, saying why; with ``ASTANA_REQUIRE_BROWSER=1`` (set by
``.ci/run``) a missing browser or CDN cache is a failure instead, so CI never passes by
skipping them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from e2e_support import (
    CDN_CACHE,
    REPO_ROOT,
    OfflineLog,
    StreamlitServer,
    browser_missing_reason,
    launch_chromium,
    route_offline,
    streamlit_server,
)
from playwright.sync_api import sync_playwright

REQUIRED = os.environ.get("ASTANA_REQUIRE_BROWSER") == "1"
ARTIFACTS = REPO_ROOT / "artifacts" / "e2e"
DESKTOP = {"width": 1280, "height": 800}


def skip_or_fail(reason: str) -> None:
    """Skip with ``reason``, or fail when the environment requires the browser tests."""
    if REQUIRED:
        pytest.fail(f"ASTANA_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def server() -> Iterator[StreamlitServer]:
    """``streamlit run app.py`` on a free port, for this module's tests."""
    if reason := browser_missing_reason():
        skip_or_fail(reason)
    with streamlit_server(REPO_ROOT / "app.py") as running:
        yield running


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium through Playwright, headless."""
    if reason := browser_missing_reason():
        skip_or_fail(reason)
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@dataclass
class PageLog:
    """What a test's page did: its routed requests, and the errors in its console."""

    offline: OfflineLog = field(default_factory=OfflineLog)
    console_errors: list[str] = field(default_factory=list)


@pytest.fixture
def page_log() -> PageLog:
    """Filled by :func:`page` as the test runs."""
    return PageLog()


@pytest.fixture
def page(browser, page_log: PageLog):
    """A new desktop-sized page whose external requests are routed offline; the test fails
    if any request tried to leave the machine."""
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    page_log.offline = route_offline(context, CDN_CACHE)
    new_page = context.new_page()
    errors = page_log.console_errors
    new_page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    new_page.on("pageerror", lambda error: errors.append(str(error)))
    yield new_page
    context.close()
    refused = page_log.offline.refused
    assert not refused, f"requests tried to leave the machine: {refused}"


@pytest.fixture(scope="session")
def cdn_cache() -> Path:
    """The npm cache of CDN files that ``.ci/run`` fills."""
    if not (CDN_CACHE / "node_modules").is_dir():
        skip_or_fail(f"no CDN cache at {CDN_CACHE} (run .ci/run, or set ASTANA_CDN_CACHE)")
    return CDN_CACHE


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """The ignored folder for screenshots."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
