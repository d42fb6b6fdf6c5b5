"""Small folium elements of the atlas's own: place markers, the zones' layer, an outline
and the tile-error notice.

Thin objects that render a Leaflet script from a template, as folium's own elements do.
Everything they embed goes through :func:`script_json` (JSON that cannot end a script),
and texts arrive already escaped (see :mod:`astana.views.display`). They are written for
size as much as folium's are for generality: the map's script travels to the browser
with every step that changes the zones, so each element draws its data with a few lines
of Leaflet rather than folium's generic GeoJSON, tooltip and popup code.

Examples
--------
>>> import folium
>>> fmap = folium.Map(tiles=None)
>>> _ = fmap.add_child(PlaceMarkers([], "town", min_zoom=9))
>>> "map.getZoom() >= 9" in fmap.get_root().render()
True
"""

from __future__ import annotations

import base64
import json

import folium
from folium.template import Template


def script_json(value: object) -> str:
    """``value`` as compact JSON that cannot end the ``<script>`` it sits in, nor open a
    comment there: every ``</`` is written ``<\\/`` and every ``<!`` as ``<\\u0021``,
    JSON escapes that read back as the same text.

    Jinja's ``tojson`` escapes every ``<``, ``>``, ``&`` and ``'`` instead, six bytes each:
    a zone's popup is mostly markup, and this keeps the steps' scripts a third smaller.

    >>> print(script_json({"popup": "<p>x</p><!-- y -->"}))
    {"popup":"<p>x<\\/p><\\u0021-- y -->"}
    """
    text = json.dumps(value, separators=(",", ":"), sort_keys=True)
    return text.replace("</", "<\\/").replace("<!", "<\\u0021")


def _script_template(source: str) -> Template:
    """A folium template whose script lines lose their indentation, which the browser does
    not need and the map's script would carry to it at every step that changes the zones."""
    return Template("\n".join(line.strip() for line in source.splitlines() if line.strip()))


def base64_json(value: object) -> str:
    """``value`` as compact JSON in UTF-8, in base64: nothing in it needs escaping in a
    script, a JSON string or HTML, and non-Latin text stays small.

    >>> base64_json(["حلب"])
    'WyLYrdmE2KgiXQ=='
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


class PlaceMarkers(folium.MacroElement):
    """Places as compact rows ``[lon, lat, name, Arabic name(, side)]`` (see
    :func:`astana.views.display.place_rows`), both names already escaped, labelled
    "name · Arabic name" (the Arabic marked right-to-left): cities (``kind`` "city") as a
    dot and a permanent label on the row's ``side``, towns as small dots named on hover;
    shown from zoom ``min_zoom`` on.

    Towns are hidden when zoomed out, where 160 dots would bury the zones. One Leaflet
    layer per kind, each marker made directly (folium's Marker would first draw Leaflet's
    default pin, fetching its image, and then swap it).

    The rows travel as base64 of their UTF-8 JSON (:func:`base64_json`): in JSON each
    Arabic letter is a six-byte ``\\u`` escape, which Streamlit escapes once more when it
    sends the map's script; in base64 it takes under three bytes.
    """

    _template = _script_template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            var layer = L.featureGroup([], {attribution: {{ this.attribution|tojson }}});
            var bytes = Uint8Array.from(atob("{{ this.rows_base64 }}"),
                function (c) { return c.charCodeAt(0); });
            JSON.parse(new TextDecoder().decode(bytes)).forEach(function (row) {
                var label = row[2] + " \\u00b7 <span dir=\\"rtl\\" lang=\\"ar\\">"
                    + row[3] + "</span>";
                {%- if this.kind == "city" %}
                var icon = L.divIcon({
                    className: "city-label city-" + row[4],
                    iconSize: [10, 10], iconAnchor: [5, 5],
                    html: "<span class='city-dot'></span><span class='city-name'>"
                        + label + "</span>"
                });
                layer.addLayer(L.marker([row[1], row[0]],
                    {icon: icon, interactive: false, keyboard: false}));
                {%- else %}
                layer.addLayer(L.circleMarker([row[1], row[0]], {
                    radius: 3, weight: 1, color: "#444444", fillColor: "#ffffff",
                    fillOpacity: 1
                }).bindTooltip(label, {direction: "right"}));
                {%- endif %}
            });
            function update() {
                if (map.getZoom() >= {{ this.min_zoom }}) { map.addLayer(layer); }
                else { map.removeLayer(layer); }
            }
            map.on("zoomend", update);
            update();
        })();
        {% endmacro %}
        """
    )

    def __init__(self, rows: list[list], kind: str, min_zoom: float = 0):
        super().__init__()
        self._name = "PlaceMarkers"
        self.rows_base64 = base64_json(rows)
        self.kind = kind
        self.min_zoom = min_zoom
        self.attribution = "Places: GeoNames (CC BY 4.0)"


class ZoneLayer(folium.MacroElement):
    """A display FeatureCollection (zones, or the layers that are not zones) as one Leaflet
    GeoJSON layer in ``pane``: each feature drawn with the Leaflet path options in its
    ``style`` property, thicker while hovered, its ``tooltip`` shown while hovered and its
    ``popup`` on click (both already-escaped HTML, see :mod:`astana.views.display`).
    """

    _template = _script_template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.geoJSON({{ this.data_json }}, {
            pane: {{ this.pane|tojson }},
            style: function (feature) { return feature.properties.style; },
            onEachFeature: function (feature, layer) {
                layer.bindTooltip(feature.properties.tooltip, {sticky: true});
                layer.bindPopup(feature.properties.popup, {maxWidth: {{ this.popup_width }}});
                layer.on("mouseover", function () { layer.setStyle({weight: 5}); });
                layer.on("mouseout", function () { {{ this.get_name() }}.resetStyle(layer); });
            }
        }).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, collection: dict, pane: str, popup_width: int = 340):
        super().__init__()
        self._name = "ZoneLayer"
        self.data_json = script_json(collection)
        self.pane = pane
        self.popup_width = popup_width


class Outline(folium.MacroElement):
    """A GeoJSON collection drawn with the Leaflet path options ``style``, taking no clicks
    or hovers (Syria's border), credited with ``attribution``."""

    _template = _script_template(
        """
        {% macro script(this, kwargs) %}
        L.geoJSON({{ this.data_json }}, {
            style: {{ this.style|tojson }}, interactive: false,
            attribution: {{ this.attribution|tojson }}
        }).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, collection: dict, style: dict, attribution: str):
        super().__init__()
        self._name = "Outline"
        self.data_json = script_json(collection)
        self.style = style
        self.attribution = attribution


class TileErrorNotice(folium.MacroElement):
    """A one-time notice in the map's corner when its parent tile layer fails to load."""

    _template = _script_template(
        """
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.once("tileerror", function () {
            var notice = L.control({position: "topright"});
            notice.onAdd = function () {
                var div = L.DomUtil.create("div", "tile-notice");
                div.textContent = {{ this.text|tojson }};
                div.title = "Click to close";
                L.DomEvent.disableClickPropagation(div);
                L.DomEvent.on(div, "click", function () { notice.remove(); });
                return div;
            };
            notice.addTo({{ this._parent._parent.get_name() }});
        });
        {% endmacro %}
        """
    )

    def __init__(self, text: str):
        super().__init__()
        self._name = "TileErrorNotice"
        self.text = text
