"""Snapshot attributes of the layers that are not zones (the 2018 demilitarised zone, the
2020 M4 corridor), shared by the GeoJSON and GeoPackage exports of :mod:`astana.exports.snapshot`.

Examples
--------
>>> from astana.data.catalog import load_atlas
>>> layer_properties(load_atlas().layers[0])["layer"]
'sochi-dmz-2018'
"""

from __future__ import annotations

from typing import Any

import geopandas as gpd
from shapely.geometry import MultiPolygon, Polygon

from astana import geometry
from astana.data.models import Layer
from astana.timeline import State


def layer_properties(layer: Layer) -> dict[str, Any]:
    """The attributes of a layer that is not a zone (``layer`` is its id), for snapshots."""
    return {
        "layer": layer.id,
        "kind": layer.kind,
        "name": layer.name,
        "valid_from": layer.valid_from.isoformat(),
        "valid_to": layer.valid_to.isoformat() if layer.valid_to else None,
        "basis": layer.basis,
        "area_km2": round(geometry.area_km2(layer.geometry), 1),
        "method": layer.method,
        "precision": layer.precision,
        "sources": list(dict.fromkeys(source.url for source in layer.sources)),
    }


def layers_frame(state: State) -> gpd.GeoDataFrame:
    """The layers of ``state`` as a GeoDataFrame (EPSG:4326), sources joined by spaces."""
    rows = [layer_properties(layer) | {"sources": " ".join(layer_properties(layer)["sources"])}
            for layer in state.layers]  # fmt: skip
    columns = ["layer", "kind", "name", "valid_from", "valid_to", "basis", "area_km2",
               "method", "precision", "sources"]  # fmt: skip
    shapes = [_multipolygon(geometry.to_rfc7946(layer.geometry)) for layer in state.layers]
    return gpd.GeoDataFrame(rows, columns=columns, geometry=shapes, crs="EPSG:4326")


def _multipolygon(shape: Polygon | MultiPolygon) -> MultiPolygon:
    return MultiPolygon([shape]) if isinstance(shape, Polygon) else shape
