"""The folium map: a base map that never changes, and one FeatureGroup per step.

No streamlit here: :mod:`astana.ui` renders what this module builds.
"""

from __future__ import annotations

# One colour per zone, from the Okabe-Ito colour-blind-safe palette.
ZONE_COLOURS: dict[int, str] = {1: "#0072B2", 2: "#D55E00", 3: "#009E73", 4: "#CC79A7"}

# How a zone's status shows on the map (Leaflet path options) and in static exports.
STATUS_STYLES: dict[str, dict] = {
    "declared": {"dashArray": "8 6", "fillOpacity": 0.12, "weight": 2},
    "in_force": {"dashArray": None, "fillOpacity": 0.35, "weight": 3},
}
STATUS_LABELS: dict[str, str] = {
    "declared": "Declared by the May 2017 memorandum (no agreed map)",
    "in_force": "In force under a later agreement",
}


def zone_style(zone_id: int, status: str) -> dict:
    """Leaflet path options for a zone version: its zone's colour, its status's line and fill.

    >>> zone_style(1, "declared")["dashArray"]
    '8 6'
    """
    return {"color": ZONE_COLOURS[zone_id], "fillColor": ZONE_COLOURS[zone_id]} | STATUS_STYLES[
        status
    ]
