"""How zones and layers look, shared by the page (views) and the files (exports).

One colour per zone, one line and fill per status, one style per layer kind, and the words
the legends use for them. The map, the legends, the timeline strip and the static and HTML
exports all read these, so a zone looks the same everywhere.

Examples
--------
>>> zone_style(1, "declared")["dashArray"]
'8 6'
"""

from __future__ import annotations

# One colour per zone, from the Okabe-Ito colour-blind-safe palette.
ZONE_COLOURS: dict[int, str] = {1: "#0072B2", 2: "#D55E00", 3: "#009E73", 4: "#CC79A7"}

# A zone whose time has ended (status "ended"): grey and dotted, whatever its colour.
ENDED = "ended"
ENDED_STYLE: dict = {
    "color": "#7a7a7a",
    "fillColor": "#7a7a7a",
    "dashArray": "2 5",
    "fillOpacity": 0.15,
    "weight": 2,
}
ENDED_LABEL = "Ended: no longer a de-escalation zone on this date"

# How a zone's status shows on the map (Leaflet path options) and in static exports.
STATUS_STYLES: dict[str, dict] = {
    "declared": {"dashArray": "8 6", "fillOpacity": 0.12, "weight": 2},
    "in_force": {"dashArray": None, "fillOpacity": 0.35, "weight": 3},
    ENDED: ENDED_STYLE,
}
STATUS_LABELS: dict[str, str] = {
    "declared": "Declared by the May 2017 memorandum (no agreed map)",
    "in_force": "In force under a later agreement",
    ENDED: ENDED_LABEL,
}

# Layers that are not zones: a hatched-looking dashed band in dark colours.
LAYER_STYLES: dict[str, dict] = {
    "dmz": {"color": "#8B0000", "fillColor": "#E69F00", "dashArray": "4 4", "fillOpacity": 0.3,
            "weight": 2},
    "corridor": {"color": "#000000", "fillColor": "#56B4E9", "dashArray": "10 4",
                 "fillOpacity": 0.35, "weight": 2},
}  # fmt: skip
LAYER_LABELS: dict[str, str] = {
    "dmz": "Demilitarised zone (Sochi memorandum, 2018)",
    "corridor": "Security corridor along the M4 (Moscow protocol, 2020)",
}


def zone_style(zone_id: int, status: str) -> dict:
    """Leaflet path options for a zone version: its zone's colour, its status's line and fill.

    >>> zone_style(3, "in_force")["color"]
    '#009E73'
    """
    return {"color": ZONE_COLOURS[zone_id], "fillColor": ZONE_COLOURS[zone_id]} | STATUS_STYLES[
        status
    ]


def display_style(zone_id: int, status: str) -> dict:
    """Like :func:`zone_style`, and grey for a zone that has ended (status ``"ended"``).

    >>> display_style(2, "ended")["color"]
    '#7a7a7a'
    """
    return dict(ENDED_STYLE) if status == ENDED else zone_style(zone_id, status)
