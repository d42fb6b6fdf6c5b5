"""Snapshots: the zones as they stood on a date, written as files.

The GeoJSON follows the contract in DESIGN.md: an RFC 7946 FeatureCollection (WGS84,
counter-clockwise exteriors, 6 decimals) with a ``snapshot`` foreign member.

Examples
--------
>>> import datetime as dt
>>> from astana.catalog import load_atlas
>>> collection = snapshot_geojson(load_atlas(), dt.date(2017, 1, 1))
>>> collection["features"], collection["snapshot"]["date"]
([], '2017-01-01')
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from shapely.geometry import mapping

from astana import geometry
from astana.catalog import Atlas
from astana.models import ZoneVersion
from astana.timeline import State, state_on


def zone_properties(version: ZoneVersion) -> dict[str, Any]:
    """The attributes of one zone version, as written in every snapshot format."""
    return {
        "zone_id": version.zone_id,
        "name": version.name,
        "aliases": list(version.aliases),
        "version": version.id,
        "status": version.status,
        "valid_from": version.valid_from.isoformat(),
        "valid_to": version.valid_to.isoformat() if version.valid_to else None,
        "basis": version.basis,
        "area_km2": round(geometry.area_km2(version.geometry), 1),
        "method": version.method,
        "precision": version.precision,
        "sources": [source.url for source in version.sources],
    }


def snapshot_geojson(atlas: Atlas, day: dt.date, state: State | None = None) -> dict[str, Any]:
    """The zones in force on ``day`` as an RFC 7946 FeatureCollection (a dict)."""
    state = state or state_on(atlas, day)
    features = [
        {
            "type": "Feature",
            "id": version.id,
            "properties": zone_properties(version),
            "geometry": mapping(geometry.to_rfc7946(version.geometry)),
        }
        for version in state.zones
    ]
    return {
        "type": "FeatureCollection",
        "snapshot": {
            "date": day.isoformat(),
            "step": state.step.id if state.step else None,
            "step_title": state.step.title if state.step else None,
        },
        "features": features,
    }


# Snapshot formats: MIME type and file extension.
FORMATS: dict[str, tuple[str, str]] = {
    "geojson": ("application/geo+json", "geojson"),
}


def snapshot_filename(state: State, fmt: str) -> str:
    """A descriptive file name for a snapshot, e.g. ``astana-zones-2017-09-20.geojson``."""
    return f"astana-zones-{state.date.isoformat()}.{FORMATS[fmt][1]}"


def render(atlas: Atlas, state: State, fmt: str) -> bytes:
    """The snapshot of ``state`` in format ``fmt`` (a key of :data:`FORMATS`), as bytes."""
    if fmt == "geojson":
        return dumps_geojson(snapshot_geojson(atlas, state.date, state)).encode("utf-8")
    raise ValueError(f"unknown snapshot format {fmt!r}; choose from {', '.join(FORMATS)}")


def dumps_geojson(collection: dict[str, Any]) -> str:
    """Serialise deterministically (fixed key order as built, UTF-8, trailing newline)."""
    return json.dumps(collection, ensure_ascii=False, indent=1) + "\n"
