"""Geometry helpers: equal-area measures, buffers, display simplification, RFC 7946 output.

Areas are computed in an equal-area projection (EPSG:6933, WGS 84 / NSIDC EASE-Grid 2.0
Global), never in degrees. Buffers and circles are built in a Lambert azimuthal
equal-area projection centred on Syria, where kilometres are kilometres.

Examples
--------
>>> from shapely.geometry import box
>>> round(area_km2(box(36.0, 35.0, 36.1, 35.1)))
101
"""

from __future__ import annotations

from functools import cache

import shapely
from pyproj import Transformer
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

EQUAL_AREA_CRS = "EPSG:6933"
LOCAL_CRS = "+proj=laea +lat_0=35 +lon_0=38 +datum=WGS84 +units=m +no_defs"


@cache
def _transformer(source: str, target: str) -> Transformer:
    return Transformer.from_crs(source, target, always_xy=True)


def _project(geom: BaseGeometry, target: str) -> BaseGeometry:
    return shapely.transform(geom, _transformer("EPSG:4326", target).transform, interleaved=False)


def _unproject(geom: BaseGeometry, source: str) -> BaseGeometry:
    return shapely.transform(geom, _transformer(source, "EPSG:4326").transform, interleaved=False)


def area_km2(geom: BaseGeometry) -> float:
    """Area of a lon/lat geometry in square kilometres (equal-area projection)."""
    return _project(geom, EQUAL_AREA_CRS).area / 1e6


def overlap_km2(first: BaseGeometry, second: BaseGeometry) -> float:
    """Area in km2 shared by two lon/lat geometries (0 when they only touch)."""
    if first.is_empty or second.is_empty or not first.intersects(second):
        return 0.0
    return area_km2(first.intersection(second))


def buffer_km(geom: BaseGeometry, distance_km: float) -> BaseGeometry:
    """Grow (or shrink, if negative) a lon/lat geometry by a distance in kilometres.

    >>> from shapely.geometry import Point
    >>> round(area_km2(buffer_km(Point(36.3, 33.5), 2.0)), 1)
    12.5
    """
    local = _project(geom, LOCAL_CRS).buffer(distance_km * 1000, quad_segs=16)
    return _unproject(local, LOCAL_CRS)


def solid_parts(geom: BaseGeometry, min_width_km: float) -> MultiPolygon:
    """The polygons of ``geom`` (from any mix of parts an overlay returns) that are wider
    than ``min_width_km`` somewhere, as one MultiPolygon (empty when none is).

    Two outlines drawn separately can differ by a sliver along a shared edge; this drops
    such slivers and the stray lines and points of an overlay, and keeps real ground.

    >>> from shapely.geometry import box
    >>> sliver = box(36.0, 35.0, 36.00001, 35.5)  # about 1 m wide
    >>> len(solid_parts(box(37.0, 35.0, 37.1, 35.1).union(sliver), 0.02).geoms)
    1
    """
    polygons: list[Polygon] = []
    for part in shapely.get_parts(geom):
        if isinstance(part, MultiPolygon):
            polygons += list(part.geoms)
        elif isinstance(part, Polygon) and not part.is_empty:
            polygons.append(part)
    kept = [p for p in polygons if not buffer_km(p, -min_width_km / 2).is_empty]
    return MultiPolygon(sorted(kept, key=lambda p: p.bounds))


def simplify_for_display(geom: BaseGeometry, tolerance_km: float) -> BaseGeometry:
    """Drop vertices closer than ``tolerance_km`` to the outline, keeping the shape valid.

    Used only for the map: exports keep full precision.
    """
    local = _project(geom, LOCAL_CRS).simplify(tolerance_km * 1000, preserve_topology=True)
    return shapely.make_valid(_unproject(local, LOCAL_CRS))


def to_rfc7946(geom: BaseGeometry, decimals: int = 6) -> BaseGeometry:
    """Round coordinates to ``decimals`` and orient exterior rings counter-clockwise
    (holes clockwise), as RFC 7946 asks."""
    rounded = shapely.set_precision(geom, 10**-decimals)
    return shapely.orient_polygons(rounded, exterior_cw=False)
