"""What a static map shows besides its areas, each kept clear of the others by a
:class:`~astana.exports.labels.Placer`: a scale bar, the main cities (a dot, and the name in
English over Arabic), each zone's number in a disc of its colour, and a boxed note.

Examples
--------
>>> round_length(140), round_length(4.2), round_length(0.3)
(100, 2, 0.2)
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import shapely
from matplotlib.axes import Axes
from shapely.geometry import Point, box
from shapely.ops import polylabel

from astana.data.models import Atlas, Place, ZoneVersion
from astana.exports import labels
from astana.views.style import ZONE_COLOURS

_NOTE_BOX = {"facecolor": "white", "edgecolor": "#999", "boxstyle": "round,pad=0.6"}


def draw_scale_bar(axes: Axes, placer: labels.Placer) -> None:
    """A bar of a round length (about a fifth of the map's width) in the lower right
    corner, measured at its latitude, its label inside the map; kept clear of labels."""
    (left, right), (bottom, top) = axes.get_xlim(), axes.get_ylim()
    y = bottom + (top - bottom) * 0.04
    km_per_degree = 111.32 * math.cos(math.radians(y))
    length_km = round_length((right - left) * km_per_degree / 5)
    degrees = length_km / km_per_degree
    x = right - (right - left) * 0.04 - degrees
    text = axes.annotate(
        f"{length_km:g} km",
        (x + degrees / 2, y),
        xytext=(0, 4),
        textcoords="offset points",
        ha="center",
        fontsize=10,
    )
    # A label wider than a short bar would stick out of the map's right side.
    spill = labels.drawn_box(text, placer.renderer).bounds[2] - placer.frame.bounds[2]
    if spill > 0:
        x -= spill / axes.transData.get_matrix()[0, 0]
        text.xy = (x + degrees / 2, y)
    axes.plot([x, x + degrees], [y, y], color="#222", linewidth=3, solid_capstyle="butt")
    placer.keep_clear(text)
    placer.keep_clear(lon_lat=[(x, y), (x + degrees, y)], px=6)


def round_length(most: float) -> float:
    """The longest of 1, 2 or 5 times a power of ten not above ``most``."""
    power = 10 ** math.floor(math.log10(most))
    return max(step * power for step in (1, 2, 5) if step * power <= most)


def draw_cities(axes: Axes, atlas: Atlas, placer: labels.Placer) -> list[Place]:
    """The main cities inside the map, each drawn as a dot kept clear of labels."""
    (left, right), (bottom, top) = axes.get_xlim(), axes.get_ylim()
    inside = box(left, bottom, right, top).buffer(-0.03 * (right - left))
    cities = [
        place
        for place in atlas.places
        if place.rank == 1 and inside.contains(Point(place.lon, place.lat))
    ]
    for place in cities:
        axes.plot(place.lon, place.lat, "o", color="#222", markersize=4, zorder=6)
        placer.keep_clear(lon_lat=(place.lon, place.lat), px=8)
    return cities


def draw_note(axes: Axes, placer: labels.Placer, words: str) -> None:
    """A boxed note in the middle of the map, or above or below it if that is crowded."""
    note = axes.annotate(
        words,
        (0.5, 0.5),
        xycoords="axes fraction",
        xytext=(0, 0),
        textcoords="offset points",
        fontsize=20,
        color="#333",
        bbox=_NOTE_BOX,
    )
    placer.place(note, [labels.Spot(0, dy) for dy in (0, -60, 60, -120, 120)])


def label_zone(axes: Axes, placer: labels.Placer, version: ZoneVersion) -> None:
    """The zone's number in a disc of its colour: inside the zone if the disc fits there,
    else beside it with a leader line."""
    parts = getattr(version.geometry, "geoms", [version.geometry])
    anchor = polylabel(max(parts, key=lambda part: part.area), tolerance=0.001)
    colour = ZONE_COLOURS[version.zone_id]
    style = {
        "textcoords": "offset points",
        "ha": "center",
        "va": "center",
        "fontsize": 14,
        "weight": "bold",
        "color": "white",
        "zorder": 7,  # above the city names
        "bbox": {"boxstyle": "circle,pad=0.3", "facecolor": colour, "edgecolor": "white"},
    }
    disc = axes.annotate(str(version.zone_id), (anchor.x, anchor.y), xytext=(0, 0), **style)
    zone_on_screen = shapely.transform(version.geometry, axes.transData.transform)
    if zone_on_screen.contains(labels.drawn_box(disc, placer.renderer)):
        placer.place(disc, labels.ON_ZONE_SPOTS)
        return
    disc.remove()
    leader = {"arrowstyle": "-", "color": colour, "linewidth": 1.5}
    disc = axes.annotate(
        str(version.zone_id), (anchor.x, anchor.y), xytext=(0, 0), arrowprops=leader, **style
    )
    placer.place(disc, labels.BESIDE_ZONE_SPOTS, leader=True)


def label_places(axes: Axes, placer: labels.Placer, cities: Sequence[Place]) -> None:
    """Each city's name, English over Arabic, beside its dot; on a pale backing where it
    cannot help crossing a line. No halo: path effects would turn SVG text into paths.
    Arabic is joined and laid out right to left since matplotlib 3.11 (libraqm)."""
    names = [
        axes.annotate(
            f"{place.name}\n{place.name_ar}",
            (place.lon, place.lat),
            xytext=(0, 0),
            textcoords="offset points",
            fontsize=10,
            color="#222",
            zorder=6,
            linespacing=1.1,
            # Measured with its backing, which shows only where the name crosses a line.
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "none", "edgecolor": "none"},
        )
        for place in cities
    ]
    for name, outcome in zip(names, placer.place_all(names, labels.LABEL_SPOTS), strict=True):
        if outcome == labels.CROSSING:
            name.get_bbox_patch().set_facecolor((1, 1, 1, 0.8))
