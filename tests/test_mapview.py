"""The folium map: base map, zone layer, tile choices, Leaflet assets, styles."""

from __future__ import annotations

import pytest
from markup_checks import embedded_base64_json, place_names

from astana.timeline import state_at_step
from astana.views import display, mapview, style


@pytest.fixture(scope="module")
def layers(atlas):
    return display.base_layers(atlas)


def _page(fmap) -> str:
    return fmap.get_root().render()


def test_zone_colours_and_status_styles_keep_their_meaning():
    assert style.zone_style(3, "declared") == {
        "color": "#009E73",
        "fillColor": "#009E73",
        "dashArray": "8 6",
        "fillOpacity": 0.12,
        "weight": 2,
    }
    assert style.zone_style(3, "in_force")["dashArray"] is None
    ended = style.display_style(3, style.ENDED)
    assert ended["color"] == ended["fillColor"] == "#7a7a7a"
    assert style.display_style(3, "in_force") == style.zone_style(3, "in_force")


def test_carto_is_offered_only_with_a_key():
    assert list(mapview.basemaps()) == [mapview.OPENSTREETMAP, mapview.NO_TILES]
    choices = mapview.basemaps("k&y/1")
    assert list(choices) == [mapview.OPENSTREETMAP, mapview.CARTO_LIGHT, mapview.NO_TILES]
    assert choices[mapview.CARTO_LIGHT].url.endswith("?key=k%26y%2F1")
    assert "CARTO" in choices[mapview.CARTO_LIGHT].attribution
    assert "OpenStreetMap" in choices[mapview.OPENSTREETMAP].attribution
    assert choices[mapview.NO_TILES] is None


def test_base_map_with_tiles_credits_them_and_warns_when_they_fail(layers):
    page = _page(mapview.build_base_map(layers, mapview.basemaps()[mapview.OPENSTREETMAP]))
    assert "https://tile.openstreetmap.org/{z}/{x}/{y}.png" in page
    assert "openstreetmap.org/copyright" in page
    assert '"tileerror"' in page


def test_base_map_without_tiles_still_has_border_places_and_credits(layers):
    page = _page(mapview.build_base_map(layers, None))
    assert "tile.openstreetmap.org" not in page and "L.tileLayer" not in page
    assert "Border: Natural Earth" in page
    assert "Places: GeoNames (CC BY 4.0)" in page
    assert {"Aleppo", "حلب", "Daraa"} <= place_names(page)
    assert "fitBounds" in page


def test_base_map_loads_only_leaflet_from_where_it_is_told(layers):
    page = _page(mapview.build_base_map(layers, None, leaflet_base="../assets/"))
    assert '<script src="../assets/leaflet.js"></script>' in page
    assert "../assets/leaflet.css" in page
    assert "jquery" not in page.lower() and "bootstrap" not in page.lower()


def test_zone_layer_has_styles_tooltips_and_popups(atlas):
    state = state_at_step(atlas, "memorandum-in-force-2017-05-06")
    group = mapview.build_zone_layer(display.zone_collection(atlas, state))
    fmap = mapview.build_base_map(display.base_layers(atlas), None)
    group.add_to(fmap)
    page = _page(fmap)
    assert '"dashArray":"8 6"' in page  # declared
    assert 'pane: "zones"' in page
    assert "Zone 4: Eastern Ghouta" in page
    assert "Declared by the May 2017 memorandum" in page


def test_an_empty_step_gives_an_empty_layer():
    group = mapview.build_zone_layer({"type": "FeatureCollection", "features": []})
    assert not group._children


def test_place_names_cannot_end_the_script(layers):
    hostile = "</script><script>alert(1)</script><!--"
    page = _page(mapview.build_base_map(layers | {"cities": [[36.3, 33.5, hostile, "x"]]}, None))
    assert "alert(1)" not in page and "<!--" not in page
    assert [[36.3, 33.5, hostile, "x"]] in embedded_base64_json(page)  # intact


def test_towns_appear_only_when_zoomed_in(layers):
    page = _page(mapview.build_base_map(layers, None))
    assert f"map.getZoom() >= {mapview.TOWNS_FROM_ZOOM}" in page
    assert 'map.on("zoomend", update)' in page
