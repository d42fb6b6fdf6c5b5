"""Small folium elements of the atlas's own: place markers and the tile-error notice.

Thin objects that render a Leaflet script from a template, as folium's own elements do;
everything they embed goes through ``tojson``, and labels arrive already escaped.

Examples
--------
>>> import folium
>>> fmap = folium.Map(tiles=None)
>>> empty = {"type": "FeatureCollection", "features": []}
>>> _ = fmap.add_child(PlaceMarkers(empty, "town", min_zoom=9))
>>> "map.getZoom() >= 9" in fmap.get_root().render()
True
"""

from __future__ import annotations

import folium
from folium.template import Template


class PlaceMarkers(folium.MacroElement):
    """Point features with an escaped ``label``: cities as a dot and a permanent label
    (on the ``side``, left or right, that their properties say),
    towns as small dots named on hover; shown from zoom ``min_zoom`` on.

    Towns are hidden when zoomed out, where 160 dots would bury the zones. One Leaflet
    layer per kind, each marker made directly (folium's Marker would first draw Leaflet's
    default pin, fetching its image, and then swap it).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            var layer = L.geoJSON({{ this.data|tojson }}, {
                attribution: {{ this.attribution|tojson }},
                pointToLayer: function (feature, latlng) {
                    {%- if this.kind == "city" %}
                    var icon = L.divIcon({
                        className: "city-label city-" + feature.properties.side,
                        iconSize: [10, 10], iconAnchor: [5, 5],
                        html: "<span class='city-dot'></span><span class='city-name'>"
                            + feature.properties.label + "</span>"
                    });
                    return L.marker(latlng, {icon: icon, interactive: false, keyboard: false});
                    {%- else %}
                    return L.circleMarker(latlng, {
                        radius: 3, weight: 1, color: "#444444", fillColor: "#ffffff",
                        fillOpacity: 1
                    }).bindTooltip(feature.properties.label, {direction: "right"});
                    {%- endif %}
                }
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

    def __init__(self, data: dict, kind: str, min_zoom: float = 0):
        super().__init__()
        self._name = "PlaceMarkers"
        self.data = data
        self.kind = kind
        self.min_zoom = min_zoom
        self.attribution = "Places: GeoNames (CC BY 4.0)"


class TileErrorNotice(folium.MacroElement):
    """A one-time notice in the map's corner when its parent tile layer fails to load."""

    _template = Template(
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
