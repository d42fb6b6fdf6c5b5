"""The app's zone styles (:mod:`astana.views.mapview`) in matplotlib's terms, and the legend of
the static maps, so that PNG and SVG snapshots look like the app.

Leaflet widths and dash lengths are CSS pixels; matplotlib's are points, and its dash
lengths are multiples of the line width.

Examples
--------
>>> line_style("declared")["linestyle"]
(0, (4.0, 3.0))
"""

from __future__ import annotations

import textwrap

from matplotlib import colors
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from astana.data.models import ZoneVersion
from astana.timeline import State
from astana.views.style import LAYER_LABELS, LAYER_STYLES, STATUS_LABELS, STATUS_STYLES, zone_style

PX_TO_PT = 0.75
_LEGEND = {"fontsize": 11, "title_fontsize": 13, "alignment": "left", "frameon": False}


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


def draw_legend(panel: Axes, state: State) -> None:
    """The zones of the snapshot (upper left) and the meaning of the outlines (lower left).

    Examples
    --------
    >>> import datetime as dt
    >>> from matplotlib.figure import Figure
    >>> from astana.data.catalog import load_atlas
    >>> from astana.timeline import state_on
    >>> panel = Figure().add_subplot()
    >>> draw_legend(panel, state_on(load_atlas(), dt.date(2017, 9, 20)))
    >>> len(panel.get_legend().get_texts())  # the outline key: declared, in force, ended
    3
    """
    zones = [
        Patch(label=zone_label(version), gid=f"legend-{version.id}", **patch_style(version))
        for version in state.zones
    ] or [Patch(alpha=0, label="(none on this date)")]
    zones += [
        Patch(label=textwrap.fill(LAYER_LABELS[layer.kind], 40), gid=f"legend-{layer.id}",
              **layer_style(layer.kind))
        for layer in state.layers
    ]  # fmt: skip
    outlines = [
        Line2D(
            [],
            [],
            color="#555",
            label=textwrap.fill(STATUS_LABELS[status], 42),
            **line_style(status),
        )
        for status in STATUS_STYLES
    ]
    legend = panel.legend(
        handles=zones, title="Zones", loc="upper left", labelspacing=1.2, **_LEGEND
    )
    panel.add_artist(legend)  # a second legend() call would replace the first
    panel.legend(handles=outlines, title="Outline", loc="lower left", **_LEGEND)


def zone_label(version: ZoneVersion) -> str:
    """A zone's name (wrapped, whole words) and since when it holds.

    Examples
    --------
    >>> from astana.data.catalog import load_atlas
    >>> zone_label(load_atlas().zones[-1])
    'Zone 4: Eastern Ghouta\\nended on 2018-04-14'
    """
    status = {"in_force": "in force since", "ended": "ended on"}.get(
        version.status, "declared since"
    )
    name = textwrap.fill(version.name, 40, break_on_hyphens=False)
    return f"{name}\n{status} {version.valid_from.isoformat()}"
