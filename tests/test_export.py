"""Snapshot exports: each format read back as a user's tool would, determinism, escaping."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import re
import xml.etree.ElementTree as ET
import zipfile
from functools import cache

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import yaml
from markup_checks import read_markup
from PIL import Image
from shapely.geometry import MultiPolygon, Polygon, shape

from astana import geometry
from astana.exports import htmlmap
from astana.exports.snapshot import (
    CSV_COLUMNS,
    FORMATS,
    render,
    snapshot_filename,
    snapshot_geojson,
    zone_properties,
)
from astana.timeline import State, state_on
from astana.views.style import ZONE_COLOURS

FULL = dt.date(2017, 9, 20)  # the four zones in force
EMPTY = dt.date(2017, 1, 1)  # before any zone
LAST = dt.date(2025, 1, 1)  # every zone ended, open-ended
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def snapshot(atlas):
    """``snapshot(fmt, day)``: rendered bytes, each rendered once per module."""

    @cache
    def rendered(fmt: str, day: dt.date = FULL) -> bytes:
        return render(atlas, state_on(atlas, day), fmt)

    return rendered


def _as_multi(shape_: Polygon | MultiPolygon) -> MultiPolygon:
    return MultiPolygon([shape_]) if isinstance(shape_, Polygon) else shape_


# GeoJSON ---------------------------------------------------------------------------------


def test_geojson_reads_back_equal_to_the_snapshot(atlas, snapshot):
    state = state_on(atlas, FULL)
    document = json.loads(snapshot("geojson"))
    assert document["snapshot"] == {
        "date": "2017-09-20",
        "step": "idlib-agreement-2017-09-15",
        "step_title": state.step.title,
        "round": "astana-6",
    }
    assert [f["id"] for f in document["features"]] == [v.id for v in state.zones]
    for feature, version in zip(document["features"], state.zones, strict=True):
        assert feature["properties"] == zone_properties(version)
        assert shape(feature["geometry"]).equals(geometry.to_rfc7946(version.geometry))
    frame = gpd.read_file(io.BytesIO(snapshot("geojson")))
    assert list(frame["zone_id"]) == [1, 2, 3, 4]
    assert frame.crs.to_epsg() == 4326


def test_geojson_follows_rfc_7946(snapshot):
    text = snapshot("geojson").decode("utf-8")
    document = json.loads(text)
    assert document["type"] == "FeatureCollection" and "crs" not in document
    assert not re.search(r"\d\.\d{7,}", text), "coordinates must have at most 6 decimals"
    for feature in document["features"]:
        polygons = _as_multi(shape(feature["geometry"])).geoms
        for polygon in polygons:
            assert polygon.exterior.is_ccw, f"{feature['id']}: exterior must be counter-clockwise"
            assert all(not ring.is_ccw for ring in polygon.interiors)
            minx, miny, maxx, maxy = polygon.bounds
            assert 35 < minx < maxx < 43 and 32 < miny < maxy < 38  # lon, lat in Syria
        properties = feature["properties"]
        assert {"zone_id", "name", "status", "valid_from", "valid_to", "basis"} <= set(properties)
        assert {"area_km2", "sources", "method"} <= set(properties)
        assert len(properties["sources"]) == len(set(properties["sources"])) > 0


def test_a_date_before_any_zone_gives_a_valid_empty_collection(atlas, snapshot):
    assert snapshot_geojson(atlas, EMPTY)["features"] == []
    assert json.loads(snapshot("geojson", EMPTY))["features"] == []


# GeoPackage ------------------------------------------------------------------------------


def test_geopackage_has_zones_and_places_equal_to_the_snapshot(atlas, snapshot, tmp_path):
    path = tmp_path / "snapshot.gpkg"
    path.write_bytes(snapshot("gpkg"))
    assert sorted(name for name, _ in pyogrio.list_layers(path)) == ["layers", "places", "zones"]
    zones = gpd.read_file(path, layer="zones")
    state = state_on(atlas, FULL)
    assert zones.crs.to_epsg() == 4326
    assert list(zones["version"]) == [v.id for v in state.zones]
    assert list(zones["name"]) == [v.name for v in state.zones]
    assert list(zones["snapshot_date"]) == ["2017-09-20"] * 4
    for read, version in zip(zones.geometry, state.zones, strict=True):
        assert read.equals(geometry.to_rfc7946(version.geometry))
    places = gpd.read_file(path, layer="places")
    assert len(places) == len(atlas.places)
    assert set(places["name_ar"]) == {p.name_ar for p in atlas.places}
    info = pyogrio.read_info(path, layer="places")
    assert dict(zip(info["fields"], info["dtypes"], strict=True))["geonameid"] == "int64"


def test_geopackage_of_an_empty_snapshot_has_an_empty_zones_layer(snapshot, tmp_path):
    path = tmp_path / "empty.gpkg"
    path.write_bytes(snapshot("gpkg", EMPTY))
    assert len(gpd.read_file(path, layer="zones")) == 0
    assert len(gpd.read_file(path, layer="places")) > 0


def test_geopackage_export_leaves_no_file_behind(atlas, tmp_path, monkeypatch):
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    render(atlas, state_on(atlas, FULL), "gpkg")
    assert list(tmp_path.iterdir()) == []


# PNG and SVG -----------------------------------------------------------------------------


@pytest.mark.parametrize("day", [FULL, EMPTY])
def test_png_is_large_enough_and_not_blank(snapshot, day):
    image = Image.open(io.BytesIO(snapshot("png", day)))
    assert image.width >= 1600 and image.height >= 1200
    assert np.asarray(image.convert("L"), dtype=float).std() > 10


def test_png_shows_each_zone_in_its_app_colour(atlas, snapshot):
    pixels = np.asarray(Image.open(io.BytesIO(snapshot("png"))).convert("RGB")).reshape(-1, 3)
    colours = {tuple(rgb) for rgb in np.unique(pixels, axis=0)}
    for zone_id, colour in ZONE_COLOURS.items():
        rgb = tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
        assert rgb in colours, f"zone {zone_id}'s outline colour {colour} is not drawn"


def _svg_text(data: bytes) -> str:
    root = ET.fromstring(data)
    return " ".join("".join(node.itertext()) for node in root.iter(f"{SVG}text"))


def test_svg_parses_and_names_the_zones(atlas, snapshot):
    data = snapshot("svg")
    text = " ".join(_svg_text(data).split())
    ids = {node.get("id") for node in ET.fromstring(data).iter() if node.get("id")}
    for version in state_on(atlas, FULL).zones:
        assert version.name in text
        assert version.id in ids
    assert "20 September 2017" in text and "GeoNames (geonames.org), CC BY 4.0" in text
    assert "Approximate outlines" in text
    assert b"<dc:date>" not in data


def test_static_maps_of_an_empty_snapshot_say_so(snapshot):
    assert "No zones in force on this date" in _svg_text(snapshot("svg", EMPTY))


# HTML ------------------------------------------------------------------------------------


def test_html_holds_the_zones_and_opens_from_disk(atlas, snapshot):
    page = snapshot("html").decode("utf-8")
    assert page.startswith("<!DOCTYPE html>")
    for version in state_on(atlas, FULL).zones:
        assert version.name in page
        assert ZONE_COLOURS[version.zone_id] in page
    assert "GeoNames (geonames.org), CC BY 4.0" in page
    assert not re.search(r"(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])", page.replace("0", ""))
    assert "No zones in force" in snapshot("html", EMPTY).decode("utf-8")


def test_html_embeds_leaflet_and_loads_nothing_but_tiles(snapshot):
    """Failed before: the page loaded Leaflet from cdn.jsdelivr.net, blank offline."""
    page = snapshot("html").decode("utf-8")
    tags = read_markup(page).tags
    assert [attrs for tag, attrs in tags if tag == "script" and attrs] == []
    assert [attrs for tag, attrs in tags if tag == "link"] == []
    assert "BSD 2-Clause License" in page and "(c) 2010-2022 Vladimir Agafonkin" in page
    assert page.count("<script>") > 1 and "L.map(" in page
    # Browsers look for the charset in the first 1024 bytes; the Arabic needs it.
    assert b'charset=UTF-8"' in snapshot("html")[:1024]
    assert htmlmap.TILE_NOTICE in page and "under Base map" not in page


def test_data_text_is_escaped_in_html_and_svg(atlas):
    state = state_on(atlas, FULL)
    evil = "<script>`${x}`</script> & \\"  # short: the SVG legend wraps at 40
    zones = (state.zones[0].model_copy(update={"name": evil, "aliases": (evil,)}),)
    hostile = dataclasses.replace(state, zones=zones)
    page = render(atlas, hostile, "html").decode("utf-8")
    assert "<script>`" not in page
    # HTML-escaped (braces as character references: see display.escape_text), then
    # JSON-encoded into the zones' GeoJSON.
    escaped = "&lt;script&gt;`$&#123;x&#125;`&lt;/script&gt; &amp;"
    assert escaped in page
    svg_text = " ".join(_svg_text(render(atlas, hostile, "svg")).split())
    assert " ".join(evil.split()) in svg_text  # parsed back as text: escaped on the way in


# CSV -------------------------------------------------------------------------------------


def test_csv_has_one_row_per_zone(atlas, snapshot):
    rows = list(csv.DictReader(io.StringIO(snapshot("csv").decode("utf-8-sig"))))
    state = state_on(atlas, FULL)
    assert [row["version"] for row in rows] == [v.id for v in state.zones]
    assert list(rows[0]) == list(CSV_COLUMNS)
    # zone 1's 2017 outline held until the winter offensive redrew it (21 January 2018)
    assert rows[0]["valid_to"] == "2018-01-20" and float(rows[0]["area_km2"]) > 1000
    after_the_end = list(csv.DictReader(io.StringIO(snapshot("csv", LAST).decode("utf-8"))))
    assert {row["status"]: row["valid_to"] for row in after_the_end} == {"ended": ""}
    assert rows[0]["sources"].split(" ") == zone_properties(state.zones[0])["sources"]
    empty = list(csv.reader(io.StringIO(snapshot("csv", EMPTY).decode("utf-8-sig"))))
    assert empty == [list(CSV_COLUMNS)]


def test_csv_opens_in_spreadsheets_with_arabic_names_intact(atlas, tmp_path):
    """Failed before: no byte-order mark, so a spreadsheet that guesses the encoding read
    the UTF-8 as a local code page and garbled every non-Latin letter."""
    state = state_on(atlas, FULL)
    names = ["منطقة إدلب لخفض التصعيد", "Zone 2: ريف حمص الشمالي", "Zone 3: « Deraa »", "Ghouta"]
    zones = tuple(
        version.model_copy(update={"name": name, "aliases": (name[::-1],)})
        for version, name in zip(state.zones, names, strict=True)
    )
    data = render(atlas, dataclasses.replace(state, zones=zones), "csv")
    assert data.startswith(b"\xef\xbb\xbfsnapshot_date,")  # the mark, once
    path = tmp_path / "zones.csv"
    path.write_bytes(data)
    with path.open(encoding="utf-8-sig", newline="") as table:
        rows = list(csv.DictReader(table))
    assert [row["name"] for row in rows] == names
    assert [row["aliases"] for row in rows] == [name[::-1] for name in names]
    frame = pd.read_csv(path)  # as pandas and most spreadsheets read it: the mark skipped
    assert list(frame.columns) == list(CSV_COLUMNS) and list(frame["name"]) == names


# ZIP -------------------------------------------------------------------------------------


def test_zip_lists_every_format_with_readme_and_citation(snapshot):
    archive = zipfile.ZipFile(io.BytesIO(snapshot("zip")))
    folder = "astana-zones-2017-09-20/"
    expected = ["README.txt", "CITATION.cff"]
    expected += [f"astana-zones-2017-09-20.{FORMATS[fmt][1]}" for fmt in FORMATS if fmt != "zip"]
    assert archive.namelist() == [folder + name for name in expected]
    assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert archive.testzip() is None


def test_readme_cites_every_source_with_licences(atlas, snapshot):
    archive = zipfile.ZipFile(io.BytesIO(snapshot("zip")))
    readme = archive.read("astana-zones-2017-09-20/README.txt").decode("utf-8")
    state = state_on(atlas, FULL)
    cited = [s.url for v in state.zones for s in v.sources]
    cited += [s.url for s in state.round.sources] + [s.url for e in state.events for s in e.sources]
    assert all(url in readme for url in cited)
    for expected in (
        "20 September 2017",
        state.step.title,
        state.round.title,
        "Place names and coordinates: GeoNames (geonames.org), CC BY 4.0",
        "Natural Earth",
        "public domain",
        "How to cite",
        "approximate",
    ):
        assert expected.lower() in readme.lower(), expected


def test_citation_is_valid_cff_1_2_0_without_a_url(snapshot):
    archive = zipfile.ZipFile(io.BytesIO(snapshot("zip")))
    citation = yaml.safe_load(archive.read("astana-zones-2017-09-20/CITATION.cff"))
    assert citation["cff-version"] == "1.2.0"
    assert citation["type"] == "dataset"
    assert citation["message"] and "2017-09-20" in citation["title"]
    assert citation["authors"] and all(author["name"] for author in citation["authors"])
    assert isinstance(citation["version"], str)
    assert not {"url", "repository-code", "repository"} & set(citation)


def test_zip_of_an_empty_snapshot_is_complete(snapshot):
    archive = zipfile.ZipFile(io.BytesIO(snapshot("zip", EMPTY)))
    assert len(archive.namelist()) == 8
    readme = archive.read("astana-zones-2017-01-01/README.txt").decode("utf-8")
    assert "No zones in force on this date" in readme


# Every format ----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_the_same_data_gives_byte_identical_files(atlas, snapshot, fmt):
    assert render(atlas, state_on(atlas, FULL), fmt) == snapshot(fmt)


def test_unknown_format_is_refused_with_the_choices(atlas):
    with pytest.raises(ValueError, match="unknown snapshot format 'pdf'; choose from geojson"):
        render(atlas, state_on(atlas, FULL), "pdf")


def test_file_names_name_the_date(atlas):
    state: State = state_on(atlas, FULL)
    assert [snapshot_filename(state, fmt) for fmt in ("geojson", "gpkg")] == [
        "astana-zones-2017-09-20.geojson",
        "astana-zones-2017-09-20.gpkg",
    ]
