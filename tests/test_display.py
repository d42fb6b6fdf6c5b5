"""Display data: simplified geometry, escaped popups and labels, the zones of a step."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
import shapely
from shapely.geometry import shape

from astana import geometry
from astana.data.models import Source
from astana.timeline import build_steps, state_at_step, state_on
from astana.views import display

HOSTILE = "<img src=x onerror=alert(1)>`${alert(2)}`"


def test_text_from_the_data_is_escaped():
    assert display.escape_text(HOSTILE).startswith("&lt;img src=x")
    assert "<" not in display.escape_text(HOSTILE)
    assert display.escape_text('"quoted"') == "&quot;quoted&quot;"


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "data:text/html,<b>x</b>", "ftp://example.org/", "/local"]
)
def test_links_keep_only_http_urls(url):
    assert display.link_html(url, "<b>title</b>") == "&lt;b&gt;title&lt;/b&gt;"


def test_links_escape_the_url_and_open_in_a_new_tab():
    link = display.link_html('https://example.org/?a=1&b="2"', "Title")
    assert link.startswith('<a href="https://example.org/?a=1&amp;b=&quot;2&quot;"')
    assert 'target="_blank" rel="noopener noreferrer"' in link


def test_zone_popup_carries_what_a_reader_needs(atlas):
    version = next(v for v in atlas.zones if v.id == "zone-4-2017-07")
    popup = display.zone_popup_html(version, "In force", "Cairo deal (22 July 2017)", 104.4)
    assert "Zone 4: Eastern Ghouta" in popup
    assert "Russian General Staff: zone 3 (Eastern Ghouta)" in popup  # the alias
    assert "from 22 July 2017 to 6 March 2018" in popup  # the day before its first redraw
    assert "about 104 km²" in popup
    assert "Cairo deal (22 July 2017)" in popup
    assert popup.count("<a href=") == len(version.sources)


def test_zone_popup_escapes_every_text_from_the_data(atlas):
    hostile_source = Source(
        title=HOSTILE, publisher=HOSTILE, date="2017-05-06", url="https://x.org"
    )
    hostile_source = hostile_source.model_copy(update={"url": "javascript:alert(3)"})
    version = atlas.zones[0].model_copy(
        update={
            "name": HOSTILE,
            "aliases": (HOSTILE,),
            "precision": HOSTILE,
            "sources": (hostile_source,),
        }
    )
    popup = display.zone_popup_html(version, HOSTILE, HOSTILE, 1.0)
    assert "<img" not in popup
    assert "javascript:" not in popup
    assert "&lt;img src=x onerror=alert(1)&gt;" in popup


def test_display_geometry_is_simplified_rounded_and_valid(atlas):
    version = atlas.zones[0]
    shown = display.display_geometry(version.geometry)
    decimals = re.findall(r"\.(\d+)", json.dumps(shown))
    assert decimals and max(len(digits) for digits in decimals) <= 4
    assert len(shapely.get_coordinates(shape(shown))) < len(
        shapely.get_coordinates(version.geometry)
    )
    outline = shape(shown)
    assert outline.is_valid
    # Simplification keeps the shape: the area changes by well under 1 %.
    full, simple = geometry.area_km2(version.geometry), geometry.area_km2(outline)
    assert abs(full - simple) / full < 0.01


def test_one_step_sends_little_geometry(atlas):
    sizes = [
        len(json.dumps(display.zone_collection(atlas, state_at_step(atlas, step.id))))
        for step in build_steps(atlas)
    ]
    base = len(json.dumps(display.base_layers(atlas)))
    assert max(sizes) + base < 80_000, (max(sizes), base)


def test_zone_collection_of_a_step(atlas):
    zones = display.zone_collection(atlas, state_at_step(atlas, "idlib-agreement-2017-09-15"))
    properties = [feature["properties"] for feature in zones["features"]]
    assert [p["zone_id"] for p in properties] == [1, 2, 3, 4]
    assert {p["status"] for p in properties} == {"in_force"}
    assert properties[0]["tooltip"] == "Zone 1: Idlib, with parts of Latakia, Aleppo and Hama"
    assert "Idlib de-escalation area announced at Astana 6" in properties[0]["popup"]


def test_no_zones_before_the_memorandum(atlas):
    state = state_at_step(atlas, "ceasefire-2016-12-30")
    assert display.zone_collection(atlas, state)["features"] == []


def test_a_zone_that_ended_is_shown_as_ended(atlas):
    """Zones 4, 2 and 3 ended in 2018 (events ghouta-retaken-2018-04-14,
    northern-homs-retaken-2018-05-16, south-retaken-2018-07-31): grey, with the end event."""
    state = state_on(atlas, dt.date(2018, 8, 1))
    features = display.zone_collection(atlas, state)["features"]
    statuses = {f["properties"]["zone_id"]: f["properties"]["status"] for f in features}
    assert statuses == {1: "in_force", 2: "ended", 3: "ended", 4: "ended"}
    ghouta = next(f["properties"] for f in features if f["properties"]["zone_id"] == 4)
    assert "ended on 14 April 2018" in ghouta["popup"]
    assert "Eastern Ghouta zone ends as Douma is evacuated" in ghouta["popup"]
    # The app draws what the snapshot lists, no more.
    assert [f["properties"]["version"] for f in features] == [v.id for v in state.zones]


def test_places_are_compact_rows_with_both_names_escaped(atlas):
    cities = display.place_rows(atlas.places, rank=1)
    for lon, lat, *_names in cities:  # [lon, lat] in Syria, to about 100 m
        assert 35.5 < lon < 42.5 and 32.0 < lat < 37.5
        assert round(lon, 3) == lon and round(lat, 3) == lat
    assert ["Aleppo", "حلب", "right"] in [row[2:] for row in cities]
    assert ["Latakia", "اللاذقية", "left"] in [row[2:] for row in cities]  # label over the sea
    assert all(len(row) == 4 for row in display.place_rows(atlas.places, rank=2))  # on hover
    place = atlas.places[0].model_copy(update={"name": HOSTILE, "name_ar": HOSTILE, "rank": 1})
    (row,) = display.place_rows([place], rank=1)
    assert "<img" not in row[2] and "<img" not in row[3]


def test_base_layers_open_on_the_zones(atlas):
    layers = display.base_layers(atlas)
    (south, west), (north, east) = layers["bounds"]
    assert 32.0 < south < 33.0 and 36.0 < north < 37.0  # Daraa to north of Idlib
    assert 35.0 < west < 36.0 and 37.0 < east < 38.0
    assert len(layers["cities"]) + len(layers["towns"]) == len(atlas.places)


def _popup(atlas, step_id: str, zone_id: int) -> str:
    features = display.zone_collection(atlas, state_at_step(atlas, step_id))["features"]
    (feature,) = [f for f in features if f["properties"]["zone_id"] == zone_id]
    return feature["properties"]["popup"]


def test_a_zone_popup_says_what_changed_since_the_previous_version(atlas):
    popup = _popup(atlas, "nasib-2018-07-06", 3)
    assert "<b>Since 26 June 2018:</b> -1,330 km² (1,228 km² left)" in popup
    taken = re.search(r"<b>Places taken \(6 July 2018\):</b> ([^<]*)</p>", popup).group(1)
    # 13 places: the first eight by name, then how many more (the panel lists them all)
    assert taken.startswith("Al-Hirak, Al-Jizah, Al-Musayfirah, Bosra al-Sham, Dael")
    assert taken.endswith(", Maaraba and 5 more") and taken.count(",") == 7
    # its sources: the version's own (the panel adds its basis event's), as links
    cited = {s.url for v in atlas.zones if v.id == "zone-3-2018-07-06" for s in v.sources}
    assert set(re.findall(r'<a href="([^"]+)"', popup)) == cited


def test_an_ended_zone_popup_says_no_longer_covered_not_taken(atlas):
    popup = _popup(atlas, "ghouta-retaken-2018-04-14", 4)
    assert "the zone ended; the 17 km² it held are no longer covered" in popup
    assert "<b>Places no longer covered (14 April 2018):</b> Douma</p>" in popup
    assert "Places taken" not in popup


def test_a_popup_that_grows_says_why_and_what_came_back(atlas):
    popup = _popup(atlas, "saraqib-rebels-2020-02-27", 1)
    assert "<b>Since 25 February 2020:</b> -389 km², +140 km² (3,320 km² left)" in popup
    assert "<b>Back in the zone (27 February 2020):</b> Afis, Saraqib</p>" in popup
    assert "<b>Why it grows:</b> Saraqib and Afis, retaken" in popup


def test_the_first_outline_popup_compares_with_nothing(atlas):
    popup = _popup(atlas, "memorandum-in-force-2017-05-06", 2)
    assert "<b>First outline of the zone:</b> 446 km²" in popup
    assert "Since" not in popup and "Places taken" not in popup
