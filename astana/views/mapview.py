"""The folium map: a base map that never changes, and one FeatureGroup per step.

The base map (tiles, Syria's border, labelled places) is rebuilt identically on every run,
so that streamlit-folium keeps the same Leaflet map in the browser and only swaps the
zones' FeatureGroup: zoom and pan survive a step. Build fresh folium objects each run from
cached plain data (rendering mutates them); never cache the folium objects themselves.

No streamlit here: :mod:`astana.ui` renders what this module builds.

Examples
--------
>>> layer = build_zone_layer({"type": "FeatureCollection", "features": []})
>>> type(layer).__name__
'FeatureGroup'
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

import folium

from astana.views.mapelements import Outline, PlaceMarkers, TileErrorNotice, ZoneLayer
from astana.views.style import LAYER_STYLES, display_style

NO_TILES = "No tiles (offline)"
OPENSTREETMAP = "OpenStreetMap"
CARTO_LIGHT = "CARTO light"
_OSM_CREDIT = (
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
)


@dataclass(frozen=True)
class Basemap:
    """An online tile layer: URL template, attribution (HTML), subdomains, deepest zoom."""

    url: str
    attribution: str
    subdomains: str = "abc"
    max_zoom: int = 19


def basemaps(carto_key: str | None = None) -> dict[str, Basemap | None]:
    """The base maps to offer, by label; ``None`` is the plain background (no tiles).

    CARTO's tiles need a (free) API key since August 2026, so CARTO light is offered only
    when one is given; OpenStreetMap needs none and comes first.

    >>> list(basemaps())
    ['OpenStreetMap', 'No tiles (offline)']
    """
    choices: dict[str, Basemap | None] = {
        OPENSTREETMAP: Basemap("https://tile.openstreetmap.org/{z}/{x}/{y}.png", _OSM_CREDIT)
    }
    if carto_key:
        choices[CARTO_LIGHT] = Basemap(
            "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}{r}.png?key="
            + quote(carto_key, safe=""),
            _OSM_CREDIT + ' &copy; <a href="https://carto.com/attributions">CARTO</a>',
            subdomains="abcd",
            max_zoom=20,
        )
    choices[NO_TILES] = None
    return choices


# folium 0.20 loads this Leaflet from a CDN; a local copy of the same version can stand in.
LEAFLET_VERSION = "1.9.3"
LEAFLET_CDN = f"https://cdn.jsdelivr.net/npm/leaflet@{LEAFLET_VERSION}/dist/"

_BORDER_STYLE = {"color": "#222222", "weight": 1.5, "fill": False, "opacity": 0.8}
_ZONES_PANE = "zones"
# What a zone's (or layer's) feature carries to the map besides its style: the zone and
# its status, or the layer's kind (read by the tests and the benchmarks), and its texts.
_MAP_PROPERTIES = ("zone_id", "status", "kind", "tooltip", "popup")
# Zoom from which towns are drawn (at 8.5 the map spans about 150 km across a laptop).
TOWNS_FROM_ZOOM = 8.5
_CENTRE = (35.0, 38.5)
_MAP_CSS = """<style>
.leaflet-container { background: #eef0f2; font-family: sans-serif; }
.city-dot { position: absolute; left: 1px; top: 1px; width: 8px; height: 8px;
  border: 1.5px solid #111; border-radius: 50%; background: #fff; box-sizing: border-box; }
.city-name { position: absolute; top: -4px; left: 13px; white-space: nowrap; font-size: 12px;
  font-weight: 600; color: #111; text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 2px #fff; }
.city-left .city-name { left: auto; right: 13px; }
.zone-popup h4 { margin: 0 0 4px; font-size: 14px; }
.zone-popup p, .zone-popup ul { margin: 2px 0; font-size: 12px; }
.zone-popup ul { padding-left: 16px; }
.zone-popup .src { color: #555; }
.tile-notice { background: #fff8e1; padding: 4px 8px; border: 1px solid #e0c060;
  font-size: 12px; max-width: 260px; cursor: pointer; }
</style>"""
NEEDS_CONNECTION = (
    "The map needs a connection: its scripts load from the internet. "
    "The slider, summaries, timeline and downloads work without one."
)
_TILE_NOTICE = (
    "Map tiles could not be loaded (no connection?). Zones, border and places still show; "
    f"choose “{NO_TILES}” under Base map for a plain background."
)


def leaflet_links(base_url: str = LEAFLET_CDN) -> tuple[list, list]:
    """Leaflet's script and stylesheet, as folium's ``(name, url)`` lists, under ``base_url``.

    Only Leaflet itself: this map uses no jQuery, Bootstrap or icon fonts.

    >>> leaflet_links("../assets/")[0]
    [('leaflet', '../assets/leaflet.js')]
    """
    return [("leaflet", f"{base_url}leaflet.js")], [("leaflet_css", f"{base_url}leaflet.css")]


def build_base_map(
    layers: dict, basemap: Basemap | None = None, leaflet_base: str = LEAFLET_CDN
) -> folium.Map:
    """The base map: ``basemap``'s tiles (or none), border, places; no zones.

    ``layers`` is :func:`astana.views.display.base_layers`: ``border`` (GeoJSON), ``cities``
    and ``towns`` (compact rows) and ``bounds`` to fit, as ``[[south, west], [north, east]]``.
    The same arguments always give the same map script.
    """
    fmap = folium.Map(
        location=_CENTRE,
        zoom_start=7,
        tiles=None,
        min_zoom=5,
        max_zoom=14,
        control_scale=True,
        zoom_snap=0.25,  # lets the map fit the zones snugly at any width
    )
    fmap.default_js, fmap.default_css = leaflet_links(leaflet_base)
    fmap.get_root().header.add_child(folium.Element(_MAP_CSS))
    if basemap is not None:
        tile_layer = folium.TileLayer(
            basemap.url,
            attr=basemap.attribution,
            subdomains=basemap.subdomains,
            max_zoom=basemap.max_zoom,
            max_native_zoom=basemap.max_zoom,
        )
        tile_layer.add_child(TileErrorNotice(_TILE_NOTICE))
        tile_layer.add_to(fmap)
    folium.map.CustomPane(_ZONES_PANE, z_index=350, pointer_events=True).add_to(fmap)
    fmap.add_child(Outline(layers["border"], _BORDER_STYLE, "Border: Natural Earth"))
    # Towns first, so that city labels draw over them; towns sit above the zones' pane,
    # so hovering a town inside a zone still names it.
    fmap.add_child(PlaceMarkers(layers["towns"], "town", min_zoom=TOWNS_FROM_ZOOM))
    fmap.add_child(PlaceMarkers(layers["cities"], "city"))
    fmap.fit_bounds(layers["bounds"])
    return fmap


def build_zone_layer(zones: dict, layers: dict | None = None) -> folium.FeatureGroup:
    """The zones of one step as a FeatureGroup for ``st_folium(feature_group_to_add=...)``.

    ``zones`` is a display FeatureCollection whose features carry ``zone_id``, ``status``
    and already-escaped ``tooltip`` and ``popup`` HTML (see :mod:`astana.views.display`: braces
    are escaped too, as folium renders each script as a Jinja template a second time, so
    no text from the data may reach folium unescaped);
    ``layers``, the same for the layers that are not zones (features carry ``kind``), drawn
    over the zones in the same group. Each feature is drawn with its zone's (or layer's)
    style; the collections given are not changed.
    """
    group = folium.FeatureGroup(name="Zones", control=False)
    if zones["features"]:
        group.add_child(ZoneLayer(_styled(zones, _feature_style), _ZONES_PANE))
    if layers and layers["features"]:
        group.add_child(ZoneLayer(_styled(layers, _layer_style), _ZONES_PANE))
    return group


def _styled(collection: dict, style) -> dict:
    """A copy of ``collection`` whose features carry their Leaflet style as ``style`` and,
    of their other properties, only those the map uses or names (the script travels with
    every step that changes the zones)."""
    features = [
        {
            "type": "Feature",
            "geometry": feature["geometry"],
            "properties": {
                **{k: v for k, v in feature["properties"].items() if k in _MAP_PROPERTIES},
                "style": style(feature),
            },
        }
        for feature in collection["features"]
    ]
    return {"type": "FeatureCollection", "features": features}


def _layer_style(feature: dict) -> dict:
    return dict(LAYER_STYLES[feature["properties"]["kind"]])


def _feature_style(feature: dict) -> dict:
    properties = feature["properties"]
    return display_style(properties["zone_id"], properties["status"])
