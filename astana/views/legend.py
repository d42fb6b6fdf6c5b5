"""The legend under the map: each zone's colour and its status at the step shown, and a key
to the line styles. Names come from the data and are escaped here.

Examples
--------
>>> html = legend_html([(1, "<Idlib>", "declared")])
>>> "&lt;Idlib&gt;" in html, "dashed" in html
(True, True)
"""

from __future__ import annotations

from astana.data.models import Atlas
from astana.views.display import escape_text
from astana.views.style import (
    ENDED,
    ENDED_LABEL,
    ENDED_STYLE,
    LAYER_LABELS,
    LAYER_STYLES,
    STATUS_LABELS,
    display_style,
    zone_style,
)


def legend_rows(atlas: Atlas, zones: dict) -> list[tuple[int, str, str | None]]:
    """One legend row per zone of the atlas: number, name, status on the map (or None)."""
    shown = {f["properties"]["zone_id"]: f["properties"] for f in zones["features"]}
    names: dict[int, str] = {}
    for version in sorted(atlas.zones, key=lambda v: v.valid_from):
        # The name of the version on the map, else of the zone's first version.
        if version.zone_id not in names or version.id == shown.get(version.zone_id, {}).get(
            "version"
        ):
            names[version.zone_id] = version.name
    return [
        (zone_id, names[zone_id], shown[zone_id]["status"] if zone_id in shown else None)
        for zone_id in sorted(names)
    ]


def legend_html(rows: list[tuple[int, str, str | None]], layers: dict | None = None) -> str:
    """The map's legend: one row per zone (number, name, status on this date or None), then
    one row per layer on the map (demilitarised zone, corridor) from ``layers``.

    Names are escaped here; swatches show each status's line and fill.

    >>> "dashed" in legend_html([(1, "<Idlib>", "declared")])
    True
    """
    items = []
    for zone_id, name, status in rows:
        words = "not on the map at this date"
        if status is not None:
            words = ENDED_LABEL if status == ENDED else STATUS_LABELS[status]
        swatch = _swatch(display_style(zone_id, status) if status else None)
        items.append(
            f"<li>{swatch}<span><b>{escape_text(name)}</b><br>"
            f"<small>{escape_text(words)}</small></span></li>"
        )
    for kind in sorted({f["properties"]["kind"] for f in (layers or {}).get("features", [])}):
        items.append(
            f"<li>{_swatch(LAYER_STYLES[kind])}<span><b>{escape_text(LAYER_LABELS[kind])}</b>"
            "<br><small>a layer, not one of the four zones</small></span></li>"
        )
    key = "".join(
        f"<span class='key'>{_swatch(style)}{escape_text(label)}</span>"
        for style, label in _STYLE_KEY
    )
    return "<div class='astana-legend'><ul>" + "".join(items) + f"</ul><p>{key}</p></div>"


_STYLE_KEY = (
    (zone_style(1, "declared"), "declared: dashed, light fill"),
    (zone_style(1, "in_force"), "in force: solid"),
    (ENDED_STYLE, "ended: grey, dotted"),
)


def _swatch(style: dict | None) -> str:
    if style is None:
        return "<span class='swatch' style='border: 2px dotted #bbbbbb'></span>"
    line = "solid"
    if style["dashArray"]:
        line = "dotted" if style["dashArray"] == ENDED_STYLE["dashArray"] else "dashed"
    alpha = f"{round(style['fillOpacity'] * 255):02x}"
    return (
        f"<span class='swatch' style='border: {style['weight']}px {line} {style['color']}; "
        f"background: {style['fillColor']}{alpha}'></span>"
    )
