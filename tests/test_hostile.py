"""Hostile data (tests/hostile_data.py) on the dashboard: every output that holds HTML
escapes text from the data exactly once, and shows that text literally.

The markup is parsed as a browser would (tests/markup_checks.py): no element may be a
script, frame or image made by the data, carry an ``on*`` handler or a ``javascript:``
link, and the text a reader sees must equal the data, ``&amp;`` included (escaped twice,
it would show as ``&amp;amp;``). The snapshot files are checked in
tests/test_hostile_exports.py, the page itself in tests/e2e/test_hostile_browser.py.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hostile_data import ENTITIES, FLAG, PAYLOADS, TITLE_MAX, URL_PAYLOAD, write_hostile_root
from markup_checks import (
    area_texts,
    assert_safe,
    assert_shows,
    embedded_strings,
    event_texts,
    links,
    markup_problems,
    place_names,
    round_texts,
    source_texts,
)

from astana.data.catalog import load_atlas
from astana.data.models import Atlas
from astana.timeline import build_steps, state_at_step, state_on
from astana.views import charts, display, legend, mapview, summary


@pytest.fixture(scope="module")
def hostile_root(tmp_path_factory) -> Path:
    """A hostile copy of the repository's data."""
    return write_hostile_root(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def hostile(hostile_root) -> Atlas:
    """The hostile data, loaded."""
    return load_atlas(hostile_root)


# The fixture itself -------------------------------------------------------------------


def test_the_hostile_data_validates_and_is_deterministic(hostile_root, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "astana", "validate", "--root", str(hostile_root)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    again = write_hostile_root(tmp_path)
    for name in ("data/rounds.yaml", "data/events.yaml", "geodata/zones.geojson"):
        assert (again / name).read_bytes() == (hostile_root / name).read_bytes()


def test_every_kind_of_text_carries_every_payload(hostile):
    kinds = {
        "round summaries": [r.summary for r in hostile.rounds],
        "event notes": [e.notes or "" for e in hostile.events],
        "zone names": [v.name for v in hostile.zones],
        "aliases": [alias for v in hostile.zones for alias in v.aliases],
        "zone methods": [v.method for v in hostile.zones],
        "source titles": [s.title for e in hostile.events for s in e.sources],
        "publishers": [s.publisher for r in hostile.rounds for s in r.sources],
        "venues": [r.venue for r in hostile.rounds],
        "place names": [p.name for p in hostile.places],
        "Arabic names": [p.name_ar for p in hostile.places],
        "layer notes": [layer.notes or "" for layer in hostile.layers],
    }
    for kind, texts in kinds.items():
        missing = [p for p in PAYLOADS if not any(p in text for text in texts)]
        assert not missing, f"{kind} lack {missing}"
    titles = [item.title for item in (*hostile.rounds, *hostile.events)]
    assert all(any(p in t for t in titles) for p in PAYLOADS if len(p) <= TITLE_MAX - 4)
    assert all(s.url.endswith(URL_PAYLOAD) for v in hostile.zones for s in v.sources)


def test_validation_refuses_script_links_in_the_files(hostile_root, tmp_path):
    zones = json.loads((hostile_root / "geodata/zones.geojson").read_text(encoding="utf-8"))
    bad = [f" JavaScript:{FLAG}", f"data:text/html,<script>{FLAG}</script>", "vbscript:x"]
    for source, url in zip(zones["features"][0]["properties"]["sources"], bad, strict=False):
        source["url"] = url
    write_hostile_root(tmp_path)
    (tmp_path / "geodata/zones.geojson").write_text(json.dumps(zones), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "astana", "validate", "--root", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    refused = [line for line in result.stderr.splitlines() if ".url: URL must start" in line]
    assert result.returncode == 1 and len(refused) == len(bad), result.stderr


# What the dashboard shows -------------------------------------------------------------


def test_popups_and_tooltips_escape_the_data_once(hostile):
    zones = {version.id: version for version in hostile.zones}
    layers = {layer.id: layer for layer in hostile.layers}
    for step in build_steps(hostile):
        state = state_at_step(hostile, step.id)
        shown = display.zone_collection(hostile, state)["features"]
        shown += display.layer_collection(hostile, state)["features"]
        for feature in shown:
            properties = feature["properties"]
            area = zones.get(properties.get("version")) or layers[properties["layer"]]
            where = f"{step.id}: {area.id}"
            assert assert_safe(properties["tooltip"], where).text == area.name
            assert_shows(assert_safe(properties["popup"], where), area_texts(area), where)
            assert links(properties["popup"]) == {source.url for source in area.sources}


def test_place_names_are_escaped_once(hostile):
    for rank in (1, 2):
        rows = display.place_rows(hostile.places, rank)
        places = sorted((p for p in hostile.places if p.rank == rank), key=lambda p: p.id)
        for row, place in zip(rows, places, strict=True):
            assert assert_safe(row[2], place.id).text == place.name
            assert assert_safe(row[3], place.id).text == place.name_ar


def test_every_step_panel_escapes_the_data_once(hostile):
    for step in build_steps(hostile):
        state = state_at_step(hostile, step.id)
        panel = summary.step_panel_html(hostile, state)
        texts = round_texts(hostile.round(step.id)) if step.kind == "round" else []
        if step.kind == "event":
            texts = event_texts(hostile.event(step.id))
            texts += round_texts(state.round) if state.round else []
        assert_shows(assert_safe(panel, step.id), [t for t in texts if t], step.id)


def test_the_legend_and_the_method_notes_escape_the_data_once(hostile):
    for step in build_steps(hostile):
        state = state_at_step(hostile, step.id)
        zones = display.zone_collection(hostile, state)
        rows = legend.legend_rows(hostile, zones)
        key = legend.legend_html(rows, display.layer_collection(hostile, state))
        assert_shows(assert_safe(key, step.id), [name for _id, name, _status in rows], step.id)
    method = summary.method_html(hostile)
    texts = [t for v in hostile.zones for t in (v.name, v.method, v.precision)]
    texts += [t for v in hostile.zones for t in source_texts(v.sources)]
    assert_shows(assert_safe(method, "method"), [t for t in texts if t], "method")


def test_the_timeline_keeps_the_raw_text_for_its_escaping_tooltips(hostile):
    """Vega's tooltips escape what they show: the chart must carry the text as it is, or a
    reader would see ``&amp;lt;``."""
    spec = charts.timeline_spec(charts.timeline_rows(hostile))
    values = [row for layer in spec["layer"] for row in layer["data"].get("values", [])]
    names = {row["name"] for row in values if "name" in row}
    titles = {row["title"] for row in values if "title" in row}
    assert names == {v.name for v in hostile.zones} | {layer.name for layer in hostile.layers}
    assert titles == {item.title for item in (*hostile.rounds, *hostile.events)}
    assert all(layer["mark"]["type"] != "text" for layer in spec["layer"])


def test_the_dashboard_map_holds_the_data_only_as_escaped_strings(hostile):
    """The map's scripts, as streamlit-folium gets them: popups and tooltips arrive intact.

    Failed before braces were escaped: folium renders each script as a Jinja template
    again, so ``{{ 7*7 }}`` in a zone's name reached the browser as ``49``."""
    state = state_on(hostile, dt.date(2018, 10, 15))
    fmap = mapview.build_base_map(display.base_layers(hostile), None)
    mapview.build_zone_layer(
        display.zone_collection(hostile, state), display.layer_collection(hostile, state)
    ).add_to(fmap)
    page = fmap.get_root().render()
    assert_safe(page, "dashboard map", page=True)
    areas = [*state.zones, *state.layers]
    popups = embedded_strings(page, "zone-popup")
    assert len(popups) == len(areas)
    for popup, area in zip(popups, areas, strict=True):
        assert_shows(assert_safe(popup, area.id), area_texts(area), f"map: {area.id}")
    names = {name for place in hostile.places for name in (place.name, place.name_ar)}
    assert place_names(page) == names


def test_slider_labels_escape_markdown_and_read_back_as_written(hostile):
    """For the slider, whose labels Streamlit reads as Markdown (the page must use
    :func:`astana.views.display.markdown_literal`; checked in Chromium by the browser tests)."""
    for step in build_steps(hostile):
        escaped = display.markdown_literal(step.label)
        assert not re.search(r"(?<!\\)[`*_\[\]<>&$~]", escaped), escaped
        assert re.sub(r"\\(.)", r"\1", escaped) == step.label


def test_the_markup_checks_catch_what_they_look_for():
    """The checks above would fail on unescaped, double-escaped or script-link markup."""
    assert markup_problems(f"<p>{PAYLOADS[1]}</p>") == ["<img> element", "<img onerror=...>"]
    assert markup_problems('<a href=" JavaScript:x()">x</a>') == ["<a href=' JavaScript:x()'>"]
    assert markup_problems(f"<script>var a = 1; {FLAG}</script>", page=True)
    as_folium_json = json.dumps(PAYLOADS[0]).replace("<", "\\u003c").replace(">", "\\u003e")
    assert not markup_problems(f"<script>var a = {as_folium_json};</script>", page=True)
    with pytest.raises(AssertionError, match="not shown literally"):
        assert_shows(html.escape(html.escape(ENTITIES)), [ENTITIES], "escaped twice")
