"""The standalone HTML snapshot: the app's folium map of one step, as a page that opens
from disk.

The map is the dashboard's own (:func:`astana.views.mapview.build_base_map` with the
OpenStreetMap tiles, and :func:`astana.views.mapview.build_zone_layer`, fed by
:mod:`astana.views.display`, which escapes every text from the data), plus a box with the
title, the step, the legend, the outline caveat and the credits. Leaflet's script and
stylesheet are embedded in the page (:mod:`astana.exports.leafletfiles`), like the zones,
border and places, so that it opens offline, behind a firewall, and after any CDN has
moved its files; only the map tiles come from the web, and when they cannot, a notice in
the map says so.

folium names its elements with random ids; :func:`stable_ids` renumbers them so that the
same data gives the same bytes.

Examples
--------
>>> import datetime as dt
>>> from astana.data.catalog import load_atlas
>>> from astana.timeline import state_on
>>> atlas = load_atlas()
>>> "Eastern Ghouta" in render_html(atlas, state_on(atlas, dt.date(2017, 9, 20)))
True
"""

from __future__ import annotations

import html
import re

import folium

from astana.data.models import Atlas
from astana.exports import attribution
from astana.exports.leafletfiles import leaflet_markup
from astana.timeline import State
from astana.views import display, legend, mapview
from astana.views.mapelements import TileErrorNotice

TILE_NOTICE = "Map tiles could not be loaded (no connection?). Zones, border and places still show."
# folium's ids are uuid4().hex: 32 lowercase hexadecimal digits.
_RANDOM_ID = re.compile(r"(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])")
# The box and the app's legend markup (legend.legend_html); the dashboard's page CSS is
# not reused, as it also restyles Streamlit's own elements.
_BOX_CSS = """
.snapshot-box { position: fixed; top: 10px; left: 55px; z-index: 1000; max-width: 420px;
  background: rgba(255, 255, 255, 0.94); padding: 8px 12px; border: 1px solid #999;
  border-radius: 4px; font: 13px/1.35 sans-serif; }
.snapshot-box h1 { font-size: 16px; margin: 0 0 2px; }
.astana-legend ul { list-style: none; margin: 6px 0; padding: 0; }
.astana-legend li { display: flex; align-items: flex-start; gap: 6px; margin: 3px 0; }
.astana-legend .swatch { display: inline-block; flex: none; width: 24px; height: 14px;
  box-sizing: border-box; margin-top: 2px; }
.astana-legend .key { display: inline-flex; align-items: center; gap: 4px; margin-right: 12px;
  font-size: 12px; color: #444; }
.snapshot-box .notes { margin: 6px 0 0; font-size: 11px; color: #333; }
"""


def render_html(atlas: Atlas, state: State) -> str:
    """The snapshot as one HTML page, with deterministic element ids.

    Examples
    --------
    >>> import datetime as dt
    >>> from astana.data.catalog import load_atlas
    >>> from astana.timeline import state_on
    >>> render_html(load_atlas(), state_on(load_atlas(), dt.date(2017, 1, 1)))[:15]
    '<!DOCTYPE html>'
    """
    return stable_ids(snapshot_map(atlas, state).get_root().render())


def stable_ids(page: str) -> str:
    """Replace folium's random element ids by a counter, in order of first appearance.

    Examples
    --------
    >>> stable_ids("map_" + "ab" * 16 + " " + "ab" * 16)
    'map_00000000000000000000000000000001 00000000000000000000000000000001'
    """
    numbers: dict[str, str] = {}
    return _RANDOM_ID.sub(
        lambda found: numbers.setdefault(found.group(), f"{len(numbers) + 1:032d}"), page
    )


def snapshot_map(atlas: Atlas, state: State) -> folium.Map:
    """The app's map at ``state`` (OpenStreetMap tiles), with the snapshot's box.

    Examples
    --------
    >>> import datetime as dt
    >>> from astana.data.catalog import load_atlas
    >>> from astana.timeline import state_on
    >>> type(snapshot_map(load_atlas(), state_on(load_atlas(), dt.date(2017, 9, 20)))).__name__
    'Map'
    """
    tiles = mapview.basemaps()[mapview.OPENSTREETMAP]
    page = mapview.build_base_map(display.base_layers(atlas), tiles)
    embed_leaflet(page)
    zones = display.zone_collection(atlas, state)
    layers = display.layer_collection(atlas, state)
    mapview.build_zone_layer(zones, layers).add_to(page)
    title = html.escape(attribution.title(state))
    styles = f"<title>{title}</title><style>{_BOX_CSS}</style>"
    page.get_root().header.add_child(markup_element(styles))
    page.get_root().html.add_child(markup_element(snapshot_box(atlas, state, zones, layers)))
    return page


def embed_leaflet(page: folium.Map) -> None:
    """Put Leaflet itself at the head of ``page`` instead of links to a CDN, and word the
    tile notice for a file (the app's names its base-map menu, which a file has not).

    Examples
    --------
    >>> fmap = folium.Map(tiles=None)
    >>> embed_leaflet(fmap)
    >>> page = fmap.get_root().render()
    >>> "cdn.jsdelivr" in page, "Leaflet 1.9.3, a JS library" in page
    (False, True)
    """
    page.default_js, page.default_css = [], []
    # Right after the charset (which browsers look for in a page's first 1024 bytes), and
    # before the map's own styles, which override Leaflet's.
    header = page.get_root().header
    after = list(header._children).index("meta_http") + 1 if "meta_http" in header._children else 0
    header.add_child(markup_element(leaflet_markup()), name="leaflet", index=after)
    for layer in page._children.values():
        for child in layer._children.values():
            if isinstance(child, TileErrorNotice):
                child.text = TILE_NOTICE


def markup_element(markup: str) -> folium.Element:
    """A folium element that writes ``markup`` as it is.

    ``folium.Element(text)`` would compile ``text`` as a Jinja template, so that a name
    holding ``{{ ... }}`` from the data would be evaluated; here the markup is a value
    the template prints.

    Examples
    --------
    >>> fmap = folium.Map(tiles=None)
    >>> _ = fmap.get_root().html.add_child(markup_element("<p>{{ 7*7 }}</p>"))
    >>> "<p>{{ 7*7 }}</p>" in fmap.get_root().render()
    True
    """
    element = folium.Element("{{ this.markup }}")
    element.markup = markup
    return element


def snapshot_box(atlas: Atlas, state: State, zones: dict, layers: dict | None = None) -> str:
    """The fixed box: title, step, the app's legend (:mod:`astana.views.legend`), the caveat and
    the credits, all escaped.

    Examples
    --------
    >>> import datetime as dt
    >>> from astana.data.catalog import load_atlas
    >>> from astana.timeline import state_on
    >>> atlas = load_atlas()
    >>> state = state_on(atlas, dt.date(2017, 1, 1))
    >>> "No zones in force" in snapshot_box(atlas, state, display.zone_collection(atlas, state))
    True
    """
    key = legend.legend_html(legend.legend_rows(atlas, zones), layers)
    empty = "" if state.zones else "<p><b>No zones in force on this date.</b></p>"
    notes = f"{attribution.APPROXIMATE_NOTE} {attribution.CREDITS}"  # tiles: Leaflet's own
    return (
        f"<div class='snapshot-box'><h1>{html.escape(attribution.title(state))}</h1>"
        f"<div>{html.escape(attribution.step_line(state))}</div>{empty}{key}"
        f"<p class='notes'>{html.escape(notes)}</p></div>"
    )
