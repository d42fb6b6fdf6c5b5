"""The app's zone styles (:mod:`astana.views.style`) in matplotlib's terms, and the legends
of the static maps, so that PNG and SVG snapshots look like the app.

Leaflet widths and dash lengths are CSS pixels; matplotlib's are points, and its dash
lengths are multiples of the line width.

Examples
--------
>>> line_style("declared")["linestyle"]
(0, (4.0, 3.0))
"""

from __future__ import annotations

from matplotlib import colors
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from astana.data.models import ZoneVersion
from astana.exports.layout import LegendGroup
from astana.timeline import State
from astana.views.style import LAYER_LABELS, LAYER_STYLES, STATUS_LABELS, STATUS_STYLES, zone_style

PX_TO_PT = 0.75


def line_style(status: str) -> dict:
    """Line width and dash pattern of a zone's outline for its status.

    Examples
    --------
    >>> line_style("in_force")
    {'linewidth': 2.25, 'linestyle': 'solid'}
    """
    style = STATUS_STYLES[status]
    dashes = style["dashArray"]
    pattern = (0, tuple(int(n) / style["weight"] for n in dashes.split())) if dashes else "solid"
    return {"linewidth": style["weight"] * PX_TO_PT, "linestyle": pattern}


def layer_style(kind: str) -> dict:
    """Fill, outline and dashes of a layer that is not a zone (``dmz``, ``corridor``).

    >>> layer_style("corridor")["edgecolor"]
    '#000000'
    """
    style = LAYER_STYLES[kind]
    dashes = tuple(int(n) / style["weight"] for n in style["dashArray"].split())
    return {
        "facecolor": colors.to_rgba(style["fillColor"], style["fillOpacity"]),
        "edgecolor": style["color"],
        "linewidth": style["weight"] * PX_TO_PT,
        "linestyle": (0, dashes),
    }


def patch_style(version: ZoneVersion) -> dict:
    """Fill, outline colour, width and dashes of a zone version, as in the app.

    Examples
    --------
    >>> from astana.data.catalog import load_atlas
    >>> patch_style(load_atlas().zones[0])["edgecolor"]
    '#0072B2'
    """
    style = zone_style(version.zone_id, version.status)
    return {
        "facecolor": colors.to_rgba(style["fillColor"], style["fillOpacity"]),
        "edgecolor": style["color"],
        **line_style(version.status),
    }


def legend_groups(state: State) -> list[LegendGroup]:
    """The legends of a snapshot: its zones and layers, then the meaning of the outlines.

    The rows' text is not wrapped here: :mod:`astana.exports.layout` wraps it to the
    room it gets.

    Examples
    --------
    >>> import datetime as dt
    >>> from astana.data.catalog import load_atlas
    >>> from astana.timeline import state_on
    >>> zones, outlines = legend_groups(state_on(load_atlas(), dt.date(2017, 9, 20)))
    >>> len(zones.handles), len(outlines.handles)  # four zones; declared, in force, ended
    (4, 3)
    """
    zones = [
        Patch(label=zone_label(version), gid=f"legend-{version.id}", **patch_style(version))
        for version in state.zones
    ] or [Patch(alpha=0, label="(none on this date)")]
    zones += [
        Patch(label=LAYER_LABELS[layer.kind], gid=f"legend-{layer.id}", **layer_style(layer.kind))
        for layer in state.layers
    ]
    outlines = [
        Line2D([], [], color="#555", label=STATUS_LABELS[status], **line_style(status))
        for status in STATUS_STYLES
    ]
    return [
        LegendGroup("Zones", tuple(zones), spacing=1.0),
        LegendGroup("Outline", tuple(outlines)),
    ]


def zone_label(version: ZoneVersion) -> str:
    """A zone's name and, on a line of its own, since when it holds.

    Examples
    --------
    >>> from astana.data.catalog import load_atlas
    >>> zone_label(load_atlas().zones[-1])
    'Zone 4: Eastern Ghouta\\nended on 2018-04-14'
    """
    status = {"in_force": "in force since", "ended": "ended on"}.get(
        version.status, "declared since"
    )
    return f"{version.name}\n{status} {version.valid_from.isoformat()}"
