"""The download menu in Chromium: each button gives a file that opens as its format says.

The files are downloaded once, from the idlib-agreement-2017-09-15 step (all four zones in
force), then each is checked by a reader of its own format.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import DESKTOP
from e2e_support import CDN_CACHE, ZONE_PATHS_JS, block_external, is_tile, route_offline
from pages import download_snapshots, open_app
from PIL import Image

from astana.exports import htmlmap, snapshot

DATE = "2017-09-20"
STEP_DATE = "2017-09-15"  # the link opens the step in force that day
ZONE_IDS = {1, 2, 3, 4}


@pytest.fixture(scope="module")
def downloads(browser, server, tmp_path_factory) -> dict[str, Path]:
    """Every format's file, by format, as the download buttons give them."""
    folder = tmp_path_factory.mktemp("downloads")
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    log = route_offline(context, CDN_CACHE)
    page = context.new_page()
    open_app(page, server.url, DATE)
    extensions = {fmt: extension for fmt, (_mime, extension) in snapshot.FORMATS.items()}
    saved = download_snapshots(page, extensions.values(), folder)
    files = {fmt: saved[extension] for fmt, extension in extensions.items()}
    context.close()
    assert not log.refused, f"requests tried to leave the machine: {log.refused}"
    return files


def _check_geojson(path: Path) -> None:
    collection = json.loads(path.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    assert {feature["properties"]["zone_id"] for feature in collection["features"]} == ZONE_IDS


def _check_gpkg(path: Path) -> None:
    assert path.read_bytes()[:16] == b"SQLite format 3\x00"
    with sqlite3.connect(path) as database:
        rows = database.execute("SELECT zone_id FROM zones").fetchall()
    assert {zone_id for (zone_id,) in rows} == ZONE_IDS


def _check_png(path: Path) -> None:
    with Image.open(path) as image:
        image.verify()
        assert image.format == "PNG" and min(image.size) >= 500


def _check_svg(path: Path) -> None:
    assert ElementTree.parse(path).getroot().tag.endswith("svg")


def _check_html(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "leaflet" in text and "Zone 4" in text


def _check_csv(path: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert {int(row["zone_id"]) for row in rows} == ZONE_IDS


def _check_zip(path: Path) -> None:
    with zipfile.ZipFile(path) as bundle:
        assert bundle.testzip() is None
        names = {Path(name).name for name in bundle.namelist()}
    assert {"README.txt", "CITATION.cff"} <= names
    assert {Path(name).suffix for name in names} >= {".geojson", ".gpkg", ".png", ".csv"}


CHECKS: dict[str, Callable[[Path], None]] = {
    "geojson": _check_geojson,
    "gpkg": _check_gpkg,
    "png": _check_png,
    "svg": _check_svg,
    "html": _check_html,
    "csv": _check_csv,
    "zip": _check_zip,
}


@pytest.mark.parametrize("fmt", list(snapshot.FORMATS))
def test_each_download_button_gives_a_valid_file(downloads, fmt):
    path = downloads[fmt]
    assert path.name.endswith(f".{snapshot.FORMATS[fmt][1]}") and STEP_DATE in path.name
    assert path.stat().st_size > 0
    CHECKS.get(fmt, lambda _path: None)(path)  # a new format at least downloads


def test_the_html_download_draws_its_zones_with_the_network_blocked(downloads, browser):
    """Failed before: the file loaded Leaflet from a CDN, so offline it stayed blank."""
    context = browser.new_context(viewport=DESKTOP)
    refused = block_external(context)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(downloads["html"].as_uri())
    page.wait_for_function("() => window.L && document.querySelector('.leaflet-container')")
    count = page.evaluate(ZONE_PATHS_JS)
    notice = page.locator(".tile-notice").inner_text(timeout=10_000)  # the tiles failed
    context.close()
    assert count == len(ZONE_IDS) and errors == []
    assert refused and all(is_tile(url) for url in refused), refused  # tiles: the only try
    assert notice == htmlmap.TILE_NOTICE
