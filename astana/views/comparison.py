"""What the page shows when it compares two dates: the map's layer (the earlier date's
zones as outlines, the later date's as fills, the ground lost and gained hatched), its
legend and the panel (per zone, the area on each date and the change; the steps between).

Built from :func:`astana.compare.diff`, always from the earlier date to the later one, so
that "lost" and "gained" read forward in time. Every text from the data is escaped here
(:func:`astana.views.display.escape_text`); no streamlit.

Examples
--------
>>> import datetime as dt
>>> from astana.compare import diff
>>> from astana.data.catalog import load_atlas
>>> comparison = diff(load_atlas(), dt.date(2017, 9, 15), dt.date(2018, 7, 31))
>>> kinds = [f["properties"]["kind"] for f in compare_collection(comparison)["features"]]
>>> kinds.count("before"), "lost" in kinds, "gained" in kinds
(4, True, True)
"""

from __future__ import annotations

import folium
from folium.template import Template

from astana.compare import Comparison, ZoneChange, ground_held
from astana.data.models import ZoneVersion
from astana.views.display import DASH, display_geometry, escape_text, long_date
from astana.views.mapelements import ZoneLayer, script_json
from astana.views.style import ZONE_COLOURS

_ZONES_PANE = "zones"  # the base map's pane for zones (astana.views.mapview)
LOST_COLOUR, GAINED_COLOUR = "#B2182B", "#111111"
# SVG patterns the map's zones pane gets once: diagonal hatching, one direction each.
HATCH_IDS = {"lost": "astana-hatch-lost", "gained": "astana-hatch-gained"}
KIND_WORDS = {
    "before": "outline: the zone on the earlier date",
    "after": "fill: the zone on the later date",
    "lost": "hatched red: ground lost between the dates",
    "gained": "hatched black: ground gained between the dates",
}


def compare_style(kind: str, zone_id: int) -> dict:
    """Leaflet path options for one kind of comparison feature of zone ``zone_id``.

    >>> compare_style("before", 1)["fillOpacity"], compare_style("lost", 1)["fillColor"]
    (0, 'url(#astana-hatch-lost)')
    """
    colour = ZONE_COLOURS.get(zone_id, "#555555")
    if kind == "before":
        return {"color": colour, "weight": 3, "dashArray": "6 4", "fillOpacity": 0}
    if kind == "after":
        return {"color": colour, "fillColor": colour, "weight": 1, "dashArray": None,
                "fillOpacity": 0.3}  # fmt: skip
    line = LOST_COLOUR if kind == "lost" else GAINED_COLOUR
    return {"color": line, "fillColor": f"url(#{HATCH_IDS[kind]})", "weight": 1.5,
            "dashArray": "3 3" if kind == "lost" else None, "fillOpacity": 1}  # fmt: skip


def _feature(zone: ZoneChange, kind: str, shape, words: str) -> dict:
    tooltip = escape_text(f"{zone.name}: {words}")
    return {
        "type": "Feature",
        "properties": {
            "zone_id": zone.zone_id,
            "kind": kind,
            "tooltip": tooltip,
            "popup": f"<div class='zone-popup'><p>{tooltip}</p></div>",
            "style": compare_style(kind, zone.zone_id),
        },
        "geometry": display_geometry(shape),
    }


def _held(version: ZoneVersion | None):
    shape = ground_held(version)
    return None if shape.is_empty else shape


def compare_collection(comparison: Comparison) -> dict:
    """The comparison's features, drawn in this order: earlier outlines, later fills, then
    the ground lost and gained (areas to 1 km2 in their tooltips)."""
    low, high = comparison.date_a, comparison.date_b
    layers: dict[str, list] = {"after": [], "before": [], "lost": [], "gained": []}
    for zone in comparison.zones:
        if (shape := _held(zone.after)) is not None:
            layers["after"].append(_feature(zone, "after", shape, f"on {long_date(high)}"))
        if (shape := _held(zone.before)) is not None:
            layers["before"].append(_feature(zone, "before", shape, f"on {long_date(low)}"))
        for kind, ground, area in (("lost", zone.lost, zone.lost_km2),
                                   ("gained", zone.gained, zone.gained_km2)):  # fmt: skip
            if not ground.is_empty:
                words = f"{kind} between the dates, about {area:,.0f} km²"
                layers[kind].append(_feature(zone, kind, ground, words))
    features = [feature for kind in layers for feature in layers[kind]]
    return {"type": "FeatureCollection", "features": features}


class HatchPatterns(folium.MacroElement):
    """The hatching that lost and gained ground fill with (``url(#id)`` fills): SVG
    patterns in a hidden SVG of the map's page, added once."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        if (!document.getElementById("{{ this.first_id }}")) {
        var hatches = document.createElementNS("http://www.w3.org/2000/svg", "svg");
        hatches.setAttribute("width", "0"); hatches.setAttribute("height", "0");
        hatches.setAttribute("aria-hidden", "true"); hatches.style.position = "absolute";
        hatches.innerHTML = {{ this.patterns_json }};
        document.body.appendChild(hatches);
        }
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "HatchPatterns"
        self.first_id = HATCH_IDS["lost"]
        self.patterns_json = script_json(_PATTERNS)


_PATTERNS = (
    "<defs>"
    + "".join(
        f'<pattern id="{HATCH_IDS[kind]}" patternUnits="userSpaceOnUse" width="7" height="7" '
        f'patternTransform="rotate({angle})"><rect width="7" height="7" fill="{fill}"/>'
        f'<line x1="0" y1="0" x2="0" y2="7" stroke="{colour}" stroke-width="2.5"/></pattern>'
        for kind, angle, colour, fill in (
            ("lost", 45, LOST_COLOUR, "rgba(178,24,43,0.15)"),
            ("gained", -45, GAINED_COLOUR, "rgba(255,255,255,0.25)"),
        )
    )
    + "</defs>"
)


def compare_layer(comparison: Comparison) -> folium.FeatureGroup:
    """The comparison as a FeatureGroup for ``st_folium(feature_group_to_add=...)``."""
    group = folium.FeatureGroup(name="Comparison", control=False)
    group.add_child(HatchPatterns())
    group.add_child(ZoneLayer(compare_collection(comparison), _ZONES_PANE))
    return group


def _swatch(css: str) -> str:
    return f"<span class='swatch' style='{css}'></span>"


_KEY_SWATCHES = {
    "before": "border: 3px dashed #444",
    "after": "border: 1px solid #444; background: #4444444d",
    "lost": f"border: 1.5px dashed {LOST_COLOUR}; background: repeating-linear-gradient("
    f"45deg, {LOST_COLOUR} 0 2px, #b2182b26 2px 6px)",
    "gained": f"border: 1.5px solid {GAINED_COLOUR}; background: repeating-linear-gradient("
    f"-45deg, {GAINED_COLOUR} 0 2px, transparent 2px 6px)",
}


def compare_legend_html(comparison: Comparison) -> str:
    """The legend under the map in compare mode: what outlines, fills and hatching mean
    (with the two dates), then each zone's colour and name."""
    low, high = long_date(comparison.date_a), long_date(comparison.date_b)
    words = {
        "before": f"Outline: a zone on {low}",
        "after": f"Fill: a zone on {high}",
        "lost": f"Red hatching: ground lost between {low} and {high}",
        "gained": f"Black hatching: ground gained between {low} and {high}",
    }
    keys = "".join(
        f"<li>{_swatch(_KEY_SWATCHES[kind])}<span><b>{escape_text(text)}</b></span></li>"
        for kind, text in words.items()
    )
    zones = "".join(
        f"<span class='key'>{_swatch('background: ' + ZONE_COLOURS.get(zone.zone_id, '#555'))}"
        f"{escape_text(zone.name)}</span>"
        for zone in comparison.zones
    )
    return f"<div class='astana-legend astana-compare-legend'><ul>{keys}</ul><p>{zones}</p></div>"


def _km2(value: float) -> str:
    return f"{value:,.0f}"


def _zone_row(zone: ZoneChange) -> str:
    cells = [
        f"<th scope='row'>{escape_text(zone.name)}</th>",
        f"<td>{_km2(zone.area_before_km2)}</td>",
        f"<td>{_km2(zone.area_after_km2)}</td>",
        f"<td>{_km2(zone.lost_km2) if not zone.lost.is_empty else DASH}</td>",
        f"<td>{_km2(zone.gained_km2) if not zone.gained.is_empty else DASH}</td>",
        f"<td>{escape_text(zone.change)}</td>",
    ]
    return f"<tr>{''.join(cells)}</tr>"


def compare_panel_html(comparison: Comparison) -> str:
    """The panel in compare mode: per zone its area on each date, the ground lost and
    gained (km2), then the steps (rounds and events) dated between the two dates."""
    low, high = comparison.date_a, comparison.date_b
    head = "".join(
        f"<th scope='col'>{escape_text(text)}</th>"
        for text in ("Zone", f"km² on {low}", f"km² on {high}", "km² lost", "km² gained",
                     "Change")
    )  # fmt: skip
    rows = "".join(_zone_row(zone) for zone in comparison.zones)
    steps = "".join(
        f"<li>{escape_text(long_date(step.date))}: {escape_text(step.title)}</li>"
        for step in comparison.steps_between
    )
    between = f"<ul>{steps}</ul>" if steps else "<p>No round or event between them.</p>"
    return (
        "<div class='astana-panel astana-compare'>"
        f"<p class='kicker'>Comparison · {escape_text(_span(low, high))}</p>"
        f"<h3>What changed from {long_date(low)} to {long_date(high)}</h3>"
        f"<table class='astana-changes'><thead><tr>{head}</tr></thead><tbody>{rows}</tbody>"
        "</table><p class='src'>Areas in km² (equal-area), rounded; an ended zone holds "
        "no ground.</p>"
        f"<h4>Steps between ({len(comparison.steps_between)})</h4>{between}</div>"
    )


def _span(low, high) -> str:
    return f"{low.isoformat()} {DASH} {high.isoformat()}"


def download_label(fmt: str, extension: str) -> str:
    """The label of a comparison format's download button.

    >>> download_label("csv", "csv")
    'Changes between the dates: CSV table (.csv)'
    """
    names = {"geojson": "GeoJSON (lost and gained ground)", "csv": "CSV table"}
    return f"Changes between the dates: {names.get(fmt, fmt.upper())} (.{extension})"
