"""Labels on a static map, placed one by one where they overlap nothing.

A :class:`Placer` belongs to one map (a matplotlib ``Axes`` whose position and aspect are
final). Each label is offered a few spots around its point, in order of preference; it
takes the first spot that stays inside the map, overlaps no text, dot or leader line
placed before it, and crosses no outline (zones, layers, a close-up's frame); if every
free spot crosses an outline, the one that crosses only the country's border is
preferred. A label with no free spot at all is not drawn: a missing name is better than
two unreadable ones.

Boxes are measured with the figure's renderer, in display pixels; the outlines are
carried into the same pixels with the map's own transform.

Examples
--------
>>> LABEL_SPOTS[0]
Spot(dx=5, dy=2, ha='left', va='bottom')
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import shapely
import shapely.affinity
from matplotlib.axes import Axes
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox
from shapely.geometry import LineString, Point, box
from shapely.geometry.base import BaseGeometry

_EDGE_PX = 3  # labels keep this far inside the map's frame
# How much of a text's width (height) lies before its anchor, by alignment.
_SHARE = {"left": 0.0, "bottom": 0.0, "center": 0.5, "right": 1.0, "top": 1.0}
# What became of a label (see Placer.place).
CLEAR, CROSSING, HIDDEN = "clear", "crossing", "hidden"


@dataclass(frozen=True)
class Spot:
    """Where a label goes relative to its point: an offset in points and an alignment."""

    dx: float
    dy: float
    ha: str = "center"
    va: str = "center"


# A place's name: beside its dot, upper right first (the cartographer's habit).
LABEL_SPOTS: tuple[Spot, ...] = (
    Spot(5, 2, "left", "bottom"),
    Spot(5, -2, "left", "top"),
    Spot(-5, 2, "right", "bottom"),
    Spot(-5, -2, "right", "top"),
    Spot(7, 0, "left", "center"),
    Spot(-7, 0, "right", "center"),
    Spot(0, 6, "center", "bottom"),
    Spot(0, -6, "center", "top"),
    Spot(5, 12, "left", "bottom"),
    Spot(-5, 12, "right", "bottom"),
    Spot(5, -12, "left", "top"),
    Spot(-5, -12, "right", "top"),
)
# A zone's number drawn on the zone: on its pole of inaccessibility, or nudged.
ON_ZONE_SPOTS: tuple[Spot, ...] = (Spot(0, 0), Spot(0, 20), Spot(0, -20), Spot(20, 0), Spot(-20, 0))
# A zone's number beside a zone too small to hold it, with a leader line.
BESIDE_ZONE_SPOTS: tuple[Spot, ...] = tuple(
    Spot(dx * distance, dy * distance)
    for distance in (1, 1.5, 2.2)
    for dx, dy in ((45, 12), (45, -12), (-45, 12), (-45, -12), (0, 40), (0, -40))
)


class Placer:
    """Places labels on one map, each clear of what was placed before it.

    Parameters
    ----------
    axes
        The map, its position and aspect final.
    outlines
        Lines (lon/lat) a label should not cross: zone and layer outlines, frames.
    border
        Lines a label had better not cross when it can help it (the country's border).
    """

    def __init__(self, axes: Axes, outlines: Iterable[BaseGeometry], border: BaseGeometry):
        self.axes = axes
        self.renderer = axes.get_figure(root=True).canvas.get_renderer()
        self.frame = box(*axes.get_window_extent(self.renderer).extents).buffer(-_EDGE_PX)
        self.outlines = self._on_screen(shapely.union_all([g.boundary for g in outlines]))
        self.border = self._on_screen(border.boundary)
        shapely.prepare(self.outlines)
        shapely.prepare(self.border)
        self.taken: list[BaseGeometry] = []
        self._sizes: dict[int, tuple[Bbox, BaseGeometry]] = {}  # labels measured, by id

    def keep_clear(self, artist: Text | None = None, lon_lat: Sequence = (), px: float = 0.0):
        """Mark as taken a drawn text (its box), or a point ``(lon, lat)`` or a line
        ``[(lon, lat), ...]`` (with ``px`` pixels around it)."""
        if artist is not None:
            self.taken.append(drawn_box(artist, self.renderer))
        if len(lon_lat):
            points = self.axes.transData.transform(np.atleast_2d(lon_lat))
            shape = Point(points[0]) if len(points) == 1 else LineString(points)
            self.taken.append(shape.buffer(px / 2, cap_style="square"))

    def place_all(self, texts: Sequence[Annotation], spots: Sequence[Spot]) -> list[str]:
        """Place ``texts``, the most hemmed in first (those with the fewest free spots
        now), so that an easy label never takes a hard one's only spot. Returns what
        became of each, in the order given (see :meth:`place`)."""
        free = [sum(self._free(text, spot, False) is not None for spot in spots) for text in texts]
        order = sorted(range(len(texts)), key=free.__getitem__)
        outcome = {index: self.place(texts[index], spots) for index in order}
        return [outcome[index] for index in range(len(texts))]

    def place(self, label: Annotation, spots: Sequence[Spot], leader: bool = False) -> str:
        """Move ``label`` to its best free spot and mark it taken (with its leader line
        when ``leader``). Returns :data:`CLEAR`, :data:`CROSSING` (the spot crosses an
        outline or the border: no free spot avoids them) or :data:`HIDDEN` (no free spot:
        the label is hidden)."""
        best, best_cost = None, None
        for rank, spot in enumerate(spots):
            shapes = self._free(label, spot, leader)
            if shapes is None:
                continue
            cost = (shapes[0].intersects(self.outlines), shapes[0].intersects(self.border), rank)
            if best_cost is None or cost < best_cost:
                best, best_cost = spot, cost
                if cost[:2] == (False, False):
                    break
        if best is None:
            label.set_visible(False)
            return HIDDEN
        self.taken.extend(self._try(label, best, leader))
        return CROSSING if any(best_cost[:2]) else CLEAR

    def _free(self, label: Annotation, spot: Spot, leader: bool) -> list[BaseGeometry] | None:
        """The shapes of ``label`` at ``spot`` if they stay inside the map and clear of
        everything taken; else None."""
        shapes = self._try(label, spot, leader)
        if not self.frame.contains(shapes[0]):
            return None
        if any(shape.intersects(other) for shape in shapes for other in self.taken):
            return None
        return shapes

    def _try(self, label: Annotation, spot: Spot, leader: bool) -> list[BaseGeometry]:
        """Put ``label`` at ``spot``; its box (and leader line) in display pixels.

        A label is measured once, centred on its point; at any spot its box is that one
        moved, as matplotlib aligns the text's own box by the offset and alignment and
        draws the background (a disc, a backing) around it."""
        if id(label) not in self._sizes:
            _move(label, Spot(0, 0))
            text = Text.get_window_extent(label, self.renderer)
            self._sizes[id(label)] = (text, drawn_box(label, self.renderer))
        _move(label, spot)
        text, whole = self._sizes[id(label)]
        scale = self.renderer.dpi / 72  # offsets are in points
        shift_x = spot.dx * scale + (0.5 - _SHARE[spot.ha]) * text.width
        shift_y = spot.dy * scale + (0.5 - _SHARE[spot.va]) * text.height
        outline = shapely.affinity.translate(whole, shift_x, shift_y)
        if not leader or (spot.dx, spot.dy) == (0, 0):
            return [outline]
        start = self.axes.transData.transform(label.xy)
        return [outline, LineString([start, outline.centroid.coords[0]])]

    def _on_screen(self, lines: BaseGeometry) -> BaseGeometry:
        return shapely.transform(lines, self.axes.transData.transform)


def _move(label: Annotation, spot: Spot) -> None:
    label.xyann = (spot.dx, spot.dy)
    label.set_horizontalalignment(spot.ha)
    label.set_verticalalignment(spot.va)


def drawn_box(text: Text, renderer) -> BaseGeometry:
    """The box a text covers in display pixels, its background patch (a disc) included."""
    if isinstance(text, Annotation):
        text.update_positions(renderer)
    extent = Text.get_window_extent(text, renderer)
    patch = text.get_bbox_patch()
    if patch is not None:
        text.update_bbox_position_size(renderer)
        extent = Bbox.union([extent, patch.get_window_extent(renderer)])
    return box(*extent.extents)
