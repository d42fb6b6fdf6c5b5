"""Static snapshot maps (PNG and SVG) drawn with matplotlib: no tiles, no network.

The map shows Syria's border, the zones in force coloured and styled as in the app
(:mod:`astana.views.mapview`), the main cities labelled in English and Arabic, a legend, the date
and step, the attribution and the "approximate outlines" note. Figures are built with the
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

import matplotlib
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch, Rectangle
from matplotlib.path import Path as MplPath
from shapely.geometry import MultiPolygon, Polygon, box
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel

from astana.data.models import Atlas, ZoneVersion
from astana.exports import attribution
from astana.exports.mplstyle import draw_legend, layer_style, patch_style
from astana.timeline import State
from astana.views.style import ZONE_COLOURS

FIGURE_INCHES = (16, 12)
PNG_DPI = 125  # 2000 x 1500 pixels
INSET_BELOW_DEG2 = 0.02  # a zone smaller than this also gets a close-up (Eastern Ghouta)
_NOTE_BOX = {"facecolor": "white", "edgecolor": "#999", "boxstyle": "round,pad=0.6"}
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
    with matplotlib.rc_context(_RC):
        figure = draw_snapshot(atlas, state)
        figure.savefig(buffer, format=fmt, dpi=PNG_DPI, metadata=metadata)
    return buffer.getvalue()


def draw_snapshot(atlas: Atlas, state: State) -> Figure:
    """The snapshot map as a matplotlib Figure (Agg canvas).

    Examples
    --------
    >>> import datetime as dt
    >>> from astana.data.catalog import load_atlas
    >>> from astana.timeline import state_on
    >>> figure = draw_snapshot(load_atlas(), state_on(load_atlas(), dt.date(2017, 9, 20)))
    >>> [round(size) for size in figure.get_size_inches()]
    [16, 12]
    """
    figure = Figure(figsize=FIGURE_INCHES, facecolor="white")
    FigureCanvasAgg(figure)
    figure.text(0.02, 0.965, attribution.title(state), fontsize=22, weight="bold", va="top")
    figure.text(0.02, 0.925, attribution.step_line(state), fontsize=13, va="top", color="#333")
    map_axes = figure.add_axes((0.03, 0.1, 0.62, 0.8))
    _draw_map(map_axes, atlas, state, _padded(atlas.border.bounds, 0.3))
    _draw_scale_bar(map_axes, 100)
    small = [v for v in state.zones if v.geometry.area < INSET_BELOW_DEG2]
    if small:
        _draw_inset(figure, map_axes, atlas, state, min(small, key=lambda v: v.geometry.area))
    if not state.zones:
        map_axes.text(
            0.5,
            0.5,
            "No zones in force on this date",
            transform=map_axes.transAxes,
            ha="center",
            va="center",
            fontsize=20,
            color="#333",
            bbox=_NOTE_BOX,
        )
    panel = figure.add_axes((0.67, 0.1, 0.31, 0.8))
    panel.set_axis_off()
    draw_legend(panel, state)
    footer = f"{attribution.APPROXIMATE_NOTE}\n{attribution.CREDITS}"
    figure.text(0.02, 0.015, footer, fontsize=10, color="#222", linespacing=1.5)
    return figure


def _padded(bounds: tuple[float, ...], margin: float) -> tuple[float, ...]:
    minx, miny, maxx, maxy = bounds
    return (minx - margin, miny - margin, maxx + margin, maxy + margin)


def _draw_map(
    axes: Axes, atlas: Atlas, state: State, extent: tuple[float, ...], prefix: str = ""
) -> None:
    """Border, zones and cities within ``extent`` (lon/lat bounds); each zone's SVG id is
    ``prefix`` + its version id."""
    minx, miny, maxx, maxy = extent
    axes.set_xlim(minx, maxx)
    axes.set_ylim(miny, maxy)
    # Equirectangular at the map's mid-latitude: a degree east is shorter than one north.
    axes.set_aspect(1 / math.cos(math.radians((miny + maxy) / 2)))
    axes.set_facecolor("#eef3f7")
    axes.tick_params(labelsize=9, colors="#555")
    axes.xaxis.set_major_formatter("{x:.1f}°E" if maxx - minx < 2 else "{x:.0f}°E")
    axes.yaxis.set_major_formatter("{x:.1f}°N" if maxy - miny < 2 else "{x:.0f}°N")
    axes.add_patch(_patch(atlas.border, facecolor="#fbfaf7", edgecolor="#444", linewidth=1.4))
    for version in state.zones:
        axes.add_patch(_patch(version.geometry, gid=prefix + version.id, **patch_style(version)))
        _label_zone(axes, version)
    for layer in state.layers:
        axes.add_patch(_patch(layer.geometry, gid=prefix + layer.id, **layer_style(layer.kind)))
    _label_places(axes, atlas, state, extent)


def _draw_inset(figure: Figure, main: Axes, atlas: Atlas, state: State, zone: ZoneVersion):
    """A close-up of a zone too small to read on the country map, framed on both maps."""
    extent = _padded(zone.geometry.bounds, 0.05)
    inset = figure.add_axes((0.70, 0.31, 0.27, 0.32))
    _draw_map(inset, atlas, state, extent, prefix="close-up-")
    inset.set_xticks([])
    inset.set_yticks([])
    inset.set_title(f"Close-up: {zone.name}", fontsize=11, loc="left")
    _draw_scale_bar(inset, 5)
    minx, miny, maxx, maxy = extent
    frame = Rectangle((minx, miny), maxx - minx, maxy - miny, fill=False, linewidth=0.8)
    main.add_patch(frame)


def _draw_scale_bar(axes: Axes, length_km: int) -> None:
    """A bar of ``length_km`` in the lower right corner, measured at its latitude."""
    (left, right), (bottom, top) = axes.get_xlim(), axes.get_ylim()
    y = bottom + (top - bottom) * 0.04
    degrees = length_km / (111.32 * math.cos(math.radians(y)))
    x = right - (right - left) * 0.04 - degrees
    axes.plot([x, x + degrees], [y, y], color="#222", linewidth=3, solid_capstyle="butt")
    axes.annotate(
        f"{length_km} km",
        (x + degrees / 2, y),
        xytext=(0, 4),
        textcoords="offset points",
        ha="center",
        fontsize=10,
    )


def _patch(shape: BaseGeometry, **style) -> PathPatch:
    """A (Multi)Polygon, holes included, as one matplotlib patch."""
    parts = shape.geoms if isinstance(shape, MultiPolygon) else [shape]
    paths = [
        MplPath.make_compound_path(*(MplPath(ring.coords, closed=True) for ring in _rings(part)))
        for part in parts
        if isinstance(part, Polygon) and not part.is_empty
    ]
    return PathPatch(MplPath.make_compound_path(*paths) if paths else MplPath([]), **style)


def _rings(polygon: Polygon) -> list:
    return [polygon.exterior, *polygon.interiors]


def _label_zone(axes: Axes, version: ZoneVersion) -> None:
    """The zone's number in a disc of its colour: inside the zone, or beside it with a
    leader line when the zone is too small on this map to hold it."""
    parts = getattr(version.geometry, "geoms", [version.geometry])
    anchor = polylabel(max(parts, key=lambda part: part.area), tolerance=0.01)
    colour = ZONE_COLOURS[version.zone_id]
    width = axes.get_xlim()[1] - axes.get_xlim()[0]
    small = version.geometry.area < (width / 25) ** 2
    axes.annotate(
        str(version.zone_id),
        (anchor.x, anchor.y),
        xytext=(55, 12) if small else (0, 0),
        textcoords="offset points",
        ha="center",
        va="center",
        fontsize=14,
        weight="bold",
        color="white",
        zorder=7,  # above the city names
        bbox={"boxstyle": "circle,pad=0.3", "facecolor": colour, "edgecolor": "white"},
        arrowprops={"arrowstyle": "-", "color": colour, "linewidth": 1.5} if small else None,
    )


def _label_places(axes: Axes, atlas: Atlas, state: State, extent: tuple[float, ...]) -> None:
    """Dot and name (English over Arabic) of each main city within ``extent``; towns
    would crowd the map. No halo: path effects would turn SVG text into paths."""
    minx, miny, maxx, maxy = extent
    for place in atlas.places:
        if place.rank != 1 or not (minx < place.lon < maxx and miny < place.lat < maxy):
            continue
        # Arabic is joined and laid out right to left since matplotlib 3.11 (libraqm).
        label = f"{place.name}\n{place.name_ar}"
        width = maxx - minx
        left = place.lon - width / 12 > minx and _zone_east_only(place.lon, place.lat, state, width)
        axes.plot(place.lon, place.lat, "o", color="#222", markersize=4, zorder=6)
        axes.annotate(
            label,
            (place.lon, place.lat),
            xytext=(-5, 3) if left else (5, 3),
            textcoords="offset points",
            ha="right" if left else "left",
            fontsize=10,
            color="#222",
            zorder=6,
            linespacing=1.1,
        )


def _zone_east_only(lon: float, lat: float, state: State, width: float) -> bool:
    """Whether a zone lies where a name east of the point would go, and none to its west:
    then the name goes west, so as not to hide a small zone (Damascus, Eastern Ghouta)."""
    size = width / 12
    east = box(lon, lat, lon + size, lat + size / 3)
    west = box(lon - size, lat, lon, lat + size / 3)
    return any(v.geometry.intersects(east) for v in state.zones) and not any(
        v.geometry.intersects(west) for v in state.zones
    )
