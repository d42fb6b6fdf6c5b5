"""Static snapshot maps (PNG and SVG) drawn with matplotlib: no tiles, no network.

The map shows Syria's border, the zones of the date coloured and styled as in the app
(:mod:`astana.views.style`), the main cities labelled in English and Arabic, the legends,
the date and step, the attribution and the "approximate outlines" note, and a close-up of
the smallest zone still live (declared or in force) on the date. The page is laid out
from measured text (:mod:`astana.exports.layout`) and the labels are placed clear of each
other and, where they can be, of the outlines (:mod:`astana.exports.labels`), so that no
two texts overlap at any step. Figures are built with the
object API and the Agg canvas (never pyplot, so no global figure state), under a local
``rc_context`` that fixes the font (DejaVu Sans, shipped with matplotlib), the SVG hash
salt and keeps data text from being read as mathtext; no creation date is written. The
same data therefore gives the same bytes.

Examples
--------
>>> import datetime as dt
>>> from astana.data.catalog import load_atlas
>>> from astana.timeline import state_on
>>> atlas = load_atlas()
>>> render_png(atlas, state_on(atlas, dt.date(2017, 9, 20)))[:4]
b'\\x89PNG'
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence

import matplotlib
import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath
from shapely.geometry import MultiPolygon, Polygon, box
from shapely.geometry.base import BaseGeometry

from astana.data.models import Atlas, ZoneVersion
from astana.exports import attribution, labels, layout, mapmarks
from astana.exports.mplstyle import layer_style, legend_groups, patch_style
from astana.geometry import area_km2
from astana.timeline import State

FIGURE_INCHES = (16, 12)
PNG_DPI = 125  # 2000 x 1500 pixels
LIVE = ("declared", "in_force")  # statuses of a zone that still exists
_RC = {
    "font.family": "DejaVu Sans",
    "svg.hashsalt": "astana-atlas",
    "svg.fonttype": "none",  # text stays text: searchable, selectable, editable
    "text.parse_math": False,  # a "$" in a name is a dollar sign
}


def render_png(atlas: Atlas, state: State) -> bytes:
    """The snapshot map as a PNG of 2000 x 1500 pixels.

    Examples
    --------
    >>> import datetime as dt
    >>> from astana.data.catalog import load_atlas
    >>> from astana.timeline import state_on
    >>> len(render_png(load_atlas(), state_on(load_atlas(), dt.date(2017, 1, 1)))) > 0
    True
    """
    return _save(atlas, state, "png", {"Title": attribution.title(state)})


def render_svg(atlas: Atlas, state: State) -> bytes:
    """The snapshot map as SVG (text kept as text, no creation date).

    Examples
    --------
    >>> import datetime as dt
    >>> from astana.data.catalog import load_atlas
    >>> from astana.timeline import state_on
    >>> b"<svg" in render_svg(load_atlas(), state_on(load_atlas(), dt.date(2017, 9, 20)))
    True
    """
    return _save(atlas, state, "svg", {"Title": attribution.title(state), "Date": None})


def _save(atlas: Atlas, state: State, fmt: str, metadata: dict) -> bytes:
    buffer = io.BytesIO()
    figure = draw_snapshot(atlas, state)
    with matplotlib.rc_context(_RC):
        figure.savefig(buffer, format=fmt, dpi=PNG_DPI, metadata=metadata)
    return buffer.getvalue()


def draw_snapshot(atlas: Atlas, state: State) -> Figure:
    """The snapshot map as a matplotlib Figure (Agg canvas, at the PNG's resolution).

    Examples
    --------
    >>> import datetime as dt
    >>> from astana.data.catalog import load_atlas
    >>> from astana.timeline import state_on
    >>> figure = draw_snapshot(load_atlas(), state_on(load_atlas(), dt.date(2017, 9, 20)))
    >>> [round(size) for size in figure.get_size_inches()]
    [16, 12]
    """
    with matplotlib.rc_context(_RC):
        figure = Figure(figsize=FIGURE_INCHES, dpi=PNG_DPI, facecolor="white")
        FigureCanvasAgg(figure)
        zone = closeup_zone(state)
        extent = _closeup_extent(zone.geometry) if zone is not None else None
        page = layout.lay_out(
            figure,
            attribution.title(state),
            attribution.step_line(state),
            f"{attribution.APPROXIMATE_NOTE}\n{attribution.CREDITS}",
            legend_groups(state),
            layout.Inset(f"Close-up: {zone.name}", _aspect(extent)) if zone else None,
        )
        country = figure.add_axes(page.map_box)
        _frame(country, _padded(atlas.border.bounds, 0.3), ticks=True)
        layout.fit_axes(country, page.map_box)
        frames = []
        if page.inset_box is not None:
            closeup = figure.add_axes(page.inset_box)
            _frame(closeup, extent, ticks=False)
            closeup.apply_aspect()
            _draw_map(closeup, atlas, state, prefix="close-up-")
            frames.append(box(*extent))
        _draw_map(country, atlas, state, frames=frames)
    return figure


def closeup_zone(state: State) -> ZoneVersion | None:
    """The zone the close-up shows: the smallest still live (declared or in force) on the
    date, or None when none is.

    Examples
    --------
    >>> import datetime as dt
    >>> from astana.data.catalog import load_atlas
    >>> from astana.timeline import state_on
    >>> closeup_zone(state_on(load_atlas(), dt.date(2017, 9, 20))).name
    'Zone 4: Eastern Ghouta'
    """
    live = [version for version in state.zones if version.status in LIVE]
    return min(live, key=lambda version: area_km2(version.geometry), default=None)


def _closeup_extent(shape: BaseGeometry) -> tuple[float, ...]:
    minx, miny, maxx, maxy = shape.bounds
    return _padded(shape.bounds, max(0.04, 0.15 * max(maxx - minx, maxy - miny)))


def _padded(bounds: tuple[float, ...], margin: float) -> tuple[float, ...]:
    minx, miny, maxx, maxy = bounds
    return (minx - margin, miny - margin, maxx + margin, maxy + margin)


def _aspect(extent: tuple[float, ...]) -> float:
    """Width over height of a lon/lat extent drawn equirectangular at its mid-latitude."""
    minx, miny, maxx, maxy = extent
    return (maxx - minx) * math.cos(math.radians((miny + maxy) / 2)) / (maxy - miny)


def _frame(axes: Axes, extent: tuple[float, ...], ticks: bool) -> None:
    """Limits, aspect, background and ticks of a map showing ``extent`` (lon/lat)."""
    minx, miny, maxx, maxy = extent
    axes.set_xlim(minx, maxx)
    axes.set_ylim(miny, maxy)
    # Equirectangular at the map's mid-latitude: a degree east is shorter than one north.
    axes.set_aspect(1 / math.cos(math.radians((miny + maxy) / 2)))
    axes.set_facecolor("#eef3f7")
    if ticks:
        axes.tick_params(labelsize=9, colors="#555")
        axes.xaxis.set_major_formatter("{x:.0f}°E")
        axes.yaxis.set_major_formatter("{x:.0f}°N")
    else:
        axes.set_xticks([])
        axes.set_yticks([])


def _draw_map(
    axes: Axes, atlas: Atlas, state: State, prefix: str = "", frames: Sequence = ()
) -> None:
    """Border, zones, layers, ``frames`` (lon/lat boxes of close-ups) and labels, on a map
    whose position is final; each zone's SVG id is ``prefix`` + its version id."""
    _add(axes, atlas.border, facecolor="#fbfaf7", edgecolor="#444", linewidth=1.4)
    for version in state.zones:
        _add(axes, version.geometry, gid=prefix + version.id, **patch_style(version))
    for layer in state.layers:
        _add(axes, layer.geometry, gid=prefix + layer.id, **layer_style(layer.kind))
    for frame in frames:
        _add(axes, frame, facecolor="none", edgecolor="#222", linewidth=0.8)
    areas = [version.geometry for version in state.zones] + [x.geometry for x in state.layers]
    placer = labels.Placer(axes, [*areas, *frames], atlas.border)
    mapmarks.draw_scale_bar(axes, placer)
    cities = mapmarks.draw_cities(axes, atlas, placer)
    if not state.zones:
        mapmarks.draw_note(axes, placer, "No zones in force on this date")
    for version in state.zones:
        mapmarks.label_zone(axes, placer, version)
    mapmarks.label_places(axes, placer, cities)


def _add(axes: Axes, shape: BaseGeometry, **style) -> None:
    """A (Multi)Polygon, holes included, as one patch. Added as an artist, not with
    ``add_patch``: the limits are set already, and measuring every patch for autoscaling
    was a fifth of the drawing time."""
    parts = shape.geoms if isinstance(shape, MultiPolygon) else [shape]
    paths = [
        MplPath.make_compound_path(*(MplPath(ring.coords, closed=True) for ring in _rings(part)))
        for part in parts
        if isinstance(part, Polygon) and not part.is_empty
    ]
    path = MplPath.make_compound_path(*paths) if paths else MplPath(np.empty((0, 2)))
    axes.add_artist(PathPatch(path, **style))


def _rings(polygon: Polygon) -> list:
    return [polygon.exterior, *polygon.interiors]
