"""Hostile data (tests/hostile_data.py) in the snapshot files: GeoJSON, CSV, GeoPackage and
README keep the text exactly; the HTML map and the SVG escape it once (tests/markup_checks.py).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import sqlite3
import warnings
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml
from hostile_data import write_hostile_root
from markup_checks import (
    area_texts,
    assert_safe,
    assert_shows,
    embedded_strings,
    read_markup,
    squeezed,
)
from pydantic import ValidationError

from astana.data.catalog import load_atlas
from astana.data.models import Atlas, ZoneVersion
from astana.exports import htmlmap, snapshot, staticmap
from astana.timeline import state_on

# Snapshots to export: four zones in force with a round as context; and the Sochi DMZ
# with three zones ended.
EXPORT_DATES = ("2017-09-20", "2018-10-15")


@pytest.fixture(scope="module")
def hostile_root(tmp_path_factory) -> Path:
    """A hostile copy of the repository's data."""
    return write_hostile_root(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def hostile(hostile_root) -> Atlas:
    """The hostile data, loaded."""
    return load_atlas(hostile_root)


@pytest.fixture(scope="module")
def bundles(hostile) -> dict[str, dict[str, bytes]]:
    """Each export date's ZIP, unpacked: member file suffix (``README.txt`` by name) to bytes."""
    unpacked = {}
    for day in EXPORT_DATES:
        data = snapshot.render(hostile, state_on(hostile, dt.date.fromisoformat(day)), "zip")
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked[day] = {
                _member_key(Path(name)): archive.read(name) for name in archive.namelist()
            }
    return unpacked


def _member_key(name: Path) -> str:
    return name.name if name.stem in {"README", "CITATION"} else name.suffix.lstrip(".")


@pytest.mark.parametrize("day", EXPORT_DATES)
def test_geojson_csv_and_gpkg_keep_the_text_exactly(hostile, bundles, day, tmp_path):
    state = state_on(hostile, dt.date.fromisoformat(day))
    files = bundles[day]
    collection = json.loads(files["geojson"])
    assert collection["snapshot"]["step_title"] == state.step.title
    wanted = [snapshot.zone_properties(v) for v in state.zones]
    assert [f["properties"] for f in collection["features"][: len(wanted)]] == wanted
    assert [f["properties"]["name"] for f in collection["features"][len(wanted) :]] == [
        layer.name for layer in state.layers
    ]
    rows = list(csv.DictReader(io.StringIO(files["csv"].decode("utf-8-sig"), newline="")))
    assert rows == [
        {key: "" if value is None else str(value) for key, value in row.items()}
        for row in (snapshot.flat_properties(state, v) for v in state.zones)
    ]
    (tmp_path / "snapshot.gpkg").write_bytes(files["gpkg"])
    with sqlite3.connect(tmp_path / "snapshot.gpkg") as database:
        zones = database.execute("SELECT name, aliases, method FROM zones").fetchall()
        places = set(database.execute("SELECT name, name_ar, governorate FROM places"))
    assert zones == [(v.name, "; ".join(v.aliases), v.method) for v in state.zones]
    assert places == {(p.name, p.name_ar, p.governorate) for p in hostile.places}


@pytest.mark.parametrize("day", EXPORT_DATES)
def test_the_html_export_escapes_the_data_once(hostile, bundles, day):
    state = state_on(hostile, dt.date.fromisoformat(day))
    page = bundles[day]["html"].decode("utf-8")
    shown = assert_safe(page, f"{day}.html", page=True)
    names = [v.name for v in state.zones] + [state.step.title, state.round.title]
    assert_shows(shown, names, f"{day}.html box")
    popups = embedded_strings(page, "zone-popup")
    areas = [*state.zones, *state.layers]
    assert len(popups) == len(areas)
    for popup, area in zip(popups, areas, strict=True):
        assert_shows(assert_safe(popup, area.id), area_texts(area), f"{day}.html: {area.id}")


def test_template_syntax_in_the_data_reaches_the_html_export_as_text(atlas):
    """Failed before: the box went into ``folium.Element``, which compiles its text as a
    Jinja template, and so did the map's scripts (``{{ 7*7 }}`` became ``49``)."""
    name = "{{ 7*7 }} {% if 1 %}jinja{% endif %} {# c #}"
    zones = tuple(v.model_copy(update={"name": name}) if v.zone_id == 1 else v for v in atlas.zones)
    title = "{{ 6*7 }} the step's title"
    events = tuple(
        e.model_copy(update={"title": title}) if e.id == "idlib-agreement-2017-09-15" else e
        for e in atlas.events
    )
    changed = dataclasses.replace(atlas, zones=zones, events=events)
    page = htmlmap.render_html(changed, state_on(changed, dt.date(2017, 9, 20)))
    assert_shows(page, [name, f"Step of 15 September 2017: {title}"], "box")
    first_popup = embedded_strings(page, "zone-popup")[0]
    assert read_markup(first_popup).text.startswith(name)


@pytest.mark.parametrize("day", EXPORT_DATES)
def test_the_svg_export_escapes_the_data_once(hostile, bundles, day):
    state = state_on(hostile, dt.date.fromisoformat(day))
    root = ElementTree.fromstring(bundles[day]["svg"])  # well-formed: the text was escaped
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        assert tag not in {"script", "foreignObject", "iframe", "a"}, tag
        assert not [name for name in element.attrib if name.rsplit("}", 1)[-1].startswith("on")]
    text = squeezed("".join(root.itertext()))
    names = [v.name for v in state.zones] + [state.step.title]
    # A city's name (here up to 200 characters) is left out where it finds no free spot
    # on the map (see astana/exports/labels.py); every name drawn must be there intact.
    figure = staticmap.draw_snapshot(hostile, state)
    drawn = {t.get_text() for axes in figure.axes for t in axes.texts if t.get_visible()}
    cities = [f"{p.name}\n{p.name_ar}" for p in hostile.places if p.rank == 1]
    assert len(drawn.intersection(cities)) >= len(cities) // 2
    names += [city for city in cities if city in drawn]
    missing = [name for name in names if squeezed(name) not in text]
    assert missing == [], missing


@pytest.mark.parametrize("day", EXPORT_DATES)
def test_the_readme_and_citation_keep_the_text(hostile, bundles, day):
    state = state_on(hostile, dt.date.fromisoformat(day))
    readme = squeezed(bundles[day]["README.txt"].decode("utf-8"))
    texts = [state.step.title, state.round.title, state.round.venue]
    texts += [t for v in state.zones for t in (v.name, *v.aliases, v.method, v.precision)]
    texts += [s.url for v in state.zones for s in v.sources]
    texts += [f'{s.publisher}, "{s.title}"' for s in state.round.sources]
    assert [t for t in texts if squeezed(t) not in readme] == []
    citation = yaml.safe_load(bundles[day]["CITATION.cff"])
    assert citation["cff-version"] == "1.2.0" and day in citation["title"]


def test_a_control_character_never_makes_an_ill_formed_svg(atlas):
    """XML 1.0 forbids C0 control characters: matplotlib wrote them into the SVG as they
    were, and the file no longer opened. Validation now refuses them."""
    state = state_on(atlas, dt.date(2017, 9, 20))
    fields = state.zones[0].model_dump() | {"name": "Zone 1\x01 (control)\x1b"}
    try:
        version = ZoneVersion.model_validate(fields)
    except ValidationError:
        return  # refused when the data is read: it never reaches an SVG
    changed = dataclasses.replace(state, zones=(version, *state.zones[1:]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Glyph 1 missing from font"
        ElementTree.fromstring(snapshot.render(atlas, changed, "svg"))
