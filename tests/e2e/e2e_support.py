"""Run the app in a real browser, offline: a Streamlit server, Debian's Chromium, CDN routing.

Shared by the end-to-end tests (``tests/e2e``) and the benchmarks (``bench/slider.py``,
``bench/load.py``); no pytest here. Nothing may leave the machine: :func:`route_offline`
serves the CDN files folium asks for from an npm cache (filled by ``.ci/run``), answers map
tiles with a blank tile, and records and aborts every other request to a host that is not
this machine; :func:`route_offline_async` does the same with Playwright's async API.

Examples
--------
>>> cdn_file(Path("/c"), "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js")
PosixPath('/c/node_modules/leaflet/dist/leaflet.js')
>>> cdn_file(Path("/c"), "https://example.org/x.js") is None
True
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.async_api import BrowserContext as AsyncBrowserContext
from playwright.async_api import Page as AsyncPage
from playwright.async_api import Route as AsyncRoute
from playwright.async_api import WebSocketRoute as AsyncWebSocketRoute
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, Route

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("ASTANA_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
# Where .ci/run installs the CDN files from the npm registry (see cdn_file).
CDN_CACHE = Path(
    os.environ.get("ASTANA_CDN_CACHE", Path.home() / ".cache" / "astana-atlas" / "cdn")
)
# Any URL whose host is not this machine (files on disk are this machine's); matched by
# Playwright itself, so local requests are never intercepted (nor slowed down).
EXTERNAL_URL = re.compile(
    r"^(?!(?:https?|wss?)://(?:localhost|127\.0\.0\.1|\[::1\])[:/]|file:)[a-z][a-z0-9+.-]*://"
)
_JSDELIVR_NPM = re.compile(r"^https://cdn\.jsdelivr\.net/npm/((?:@[^/@]+/)?[^/@]+)@([^/]+)/(.+)$")
_TILE = re.compile(r"^https://(?:[a-d]\.)?tile\.openstreetmap\.org/\d+/\d+/\d+\.png$")
# A 1x1 transparent PNG: what a map tile looks like offline, without a failed request.
BLANK_TILE = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082"
)
_CONTENT_TYPES = {".js": "application/javascript", ".css": "text/css", ".png": "image/png"}


def browser_missing_reason() -> str | None:
    """Why no browser can run here (None when Chromium is there)."""
    if not CHROMIUM.is_file():
        return f"no Chromium at {CHROMIUM} (apt-get install chromium, or set ASTANA_CHROMIUM)"
    return None


def launch_chromium(playwright: Playwright) -> Browser:
    """Debian's Chromium, headless, with no background traffic of its own."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def cdn_file(cache_dir: Path, url: str) -> Path | None:
    """The cached copy of a jsDelivr npm URL (``npm/<name>@<version>/<path>``), or None
    for any other URL. The file may not exist: see :func:`route_offline`."""
    found = _JSDELIVR_NPM.match(url.split("?")[0])
    if found is None:
        return None
    name, _version, path = found.groups()
    return cache_dir / "node_modules" / name / path


def _cached_version(cache_dir: Path, name: str) -> str | None:
    manifest = cache_dir / "node_modules" / name / "package.json"
    if not manifest.is_file():
        return None
    found = re.search(r'"version"\s*:\s*"([^"]+)"', manifest.read_text(encoding="utf-8"))
    return found.group(1) if found else None


@dataclass
class OfflineLog:
    """What :func:`route_offline` did: files served from the cache, tiles, and the
    external requests it refused (each one a test failure)."""

    served: list[str] = field(default_factory=list)
    tiles: int = 0
    refused: list[str] = field(default_factory=list)


def _offline_answer(url: str, cache_dir: Path, log: OfflineLog) -> dict[str, Any] | None:
    """How :func:`route_offline` answers a request for ``url``: the arguments of the route's
    ``fulfill``, or None to refuse it; either way noted in ``log``."""
    local = cdn_file(cache_dir, url)
    if local is not None and local.is_file():
        name, version = _JSDELIVR_NPM.match(url.split("?")[0]).groups()[:2]
        if _cached_version(cache_dir, name) == version:
            log.served.append(url)
            content_type = _CONTENT_TYPES.get(local.suffix, "application/octet-stream")
            return {"path": local, "content_type": content_type}
    if _TILE.match(url):
        log.tiles += 1
        return {"body": BLANK_TILE, "content_type": "image/png"}
    log.refused.append(url)
    return None


def route_offline(target: Page | BrowserContext, cache_dir: Path = CDN_CACHE) -> OfflineLog:
    """Route every request to another machine: CDN files from ``cache_dir`` (at the exact
    version the URL names), OpenStreetMap tiles as a blank tile, anything else refused
    and logged. Covers the page's iframes too."""
    log = OfflineLog()

    def handle(route: Route) -> None:
        answer = _offline_answer(route.request.url, cache_dir, log)
        if answer is None:
            route.abort("blockedbyclient")
        else:
            route.fulfill(**answer)

    target.route(EXTERNAL_URL, handle)
    target.route_web_socket(EXTERNAL_URL, lambda ws: (log.refused.append(ws.url), ws.close()))
    return log


def block_external(target: Page | BrowserContext) -> list[str]:
    """Refuse every request to another machine, as with no network at all (no CDN files,
    no tiles); returns the list of refused URLs, which fills as the page runs."""
    refused: list[str] = []

    def refuse(route: Route) -> None:
        refused.append(route.request.url)
        route.abort("internetdisconnected")

    target.route(EXTERNAL_URL, refuse)
    target.route_web_socket(EXTERNAL_URL, lambda ws: (refused.append(ws.url), ws.close()))
    return refused


def is_tile(url: str) -> bool:
    """Whether ``url`` is an OpenStreetMap tile."""
    return _TILE.match(url) is not None


async def route_offline_async(
    target: AsyncPage | AsyncBrowserContext, cache_dir: Path = CDN_CACHE
) -> OfflineLog:
    """:func:`route_offline` (the same policy) on a page or context of Playwright's async
    API, as ``bench/load.py`` drives many sessions from one event loop."""
    log = OfflineLog()

    async def handle(route: AsyncRoute) -> None:
        answer = _offline_answer(route.request.url, cache_dir, log)
        if answer is None:
            await route.abort("blockedbyclient")
        else:
            await route.fulfill(**answer)

    async def refuse(ws: AsyncWebSocketRoute) -> None:
        log.refused.append(ws.url)
        await ws.close()

    await target.route(EXTERNAL_URL, handle)
    await target.route_web_socket(EXTERNAL_URL, refuse)
    return log


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class StreamlitServer:
    """A running ``streamlit run`` process and its address."""

    process: subprocess.Popen
    url: str


@contextlib.contextmanager
def streamlit_server(
    script: Path, timeout: float = 60.0, env: dict[str, str] | None = None
) -> Iterator[StreamlitServer]:
    """Run ``streamlit run script`` on a free port until the block ends; wait for health.

    ``env`` is added to this process's environment for the server (e.g. ``ASTANA_DATA_ROOT``
    to show another data folder)."""
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless",
               "true", "--server.port", str(port), "--server.address", "127.0.0.1",
               "--browser.gatherUsageStats", "false"]  # fmt: skip
    process = subprocess.Popen(
        command,
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, **(env or {})},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(process, f"{url}/_stcore/health", timeout)
        yield StreamlitServer(process, url)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def _wait_healthy(process: subprocess.Popen, health_url: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read() if process.stdout else ""
            raise RuntimeError(f"streamlit exited with {process.returncode}:\n{output}")
        with contextlib.suppress(OSError), urllib.request.urlopen(health_url, timeout=2) as answer:
            if answer.status == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"streamlit was not healthy at {health_url} within {timeout:.0f} s")


def server_rss_bytes(pid: int) -> int:
    """Resident memory of process ``pid`` and its children (Linux ``/proc``)."""
    total = 0
    for candidate in [pid, *_children(pid)]:
        status = Path(f"/proc/{candidate}/status")
        with contextlib.suppress(OSError):
            found = re.search(r"^VmRSS:\s+(\d+) kB", status.read_text(), re.MULTILINE)
            total += int(found.group(1)) * 1024 if found else 0
    return total


def _children(pid: int) -> list[int]:
    listing = Path(f"/proc/{pid}/task/{pid}/children")
    with contextlib.suppress(OSError):
        return [int(child) for child in listing.read_text().split()]
    return []


# Counted inside the map's iframe: the zone paths Leaflet drew in the zones' pane.
ZONE_PATHS_JS = "() => document.querySelectorAll('.leaflet-zones-pane path').length"


def map_frame(page: Page, timeout: float = 30_000):
    """The streamlit-folium iframe's Frame, once its Leaflet map exists."""
    element = page.wait_for_selector("iframe[title*='st_folium']", timeout=timeout)
    frame = element.content_frame()
    frame.wait_for_function("() => window.map && window.map._loaded", timeout=timeout)
    return frame
