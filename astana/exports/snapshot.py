"""Snapshots: the zones as they stood on a date, written as files.

One snapshot is a :class:`~astana.timeline.State` (a date, its zones, its step and round)
rendered by :func:`render` into one of :data:`FORMATS`. The GeoJSON follows the contract in
DESIGN.md: an RFC 7946 FeatureCollection (WGS84, counter-clockwise exteriors, 6 decimals)
with a ``snapshot`` foreign member. Every format is deterministic: the same data gives the
same bytes (the PNG, SVG and HTML are drawn by :mod:`astana.exports.staticmap` and
:mod:`astana.exports.htmlmap`, the ZIP is packed by :mod:`astana.exports.bundle`).

Examples
--------
>>> import datetime as dt
>>> from astana.data.catalog import load_atlas
>>> collection = snapshot_geojson(load_atlas(), dt.date(2017, 1, 1))
>>> collection["features"], collection["snapshot"]["date"]
([], '2017-01-01')
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import geopandas as gpd
import pyogrio
from shapely.geometry import MultiPolygon, Polygon, mapping

from astana import geometry
from astana.data.models import Atlas, Place, ZoneVersion
from astana.exports import bundle, htmlmap
from astana.exports.layerexport import layer_properties, layers_frame
from astana.timeline import State, state_on

# Snapshot formats: MIME type and file extension, in the order menus list them.
FORMATS: dict[str, tuple[str, str]] = {
    "geojson": ("application/geo+json", "geojson"),
    "gpkg": ("application/geopackage+sqlite3", "gpkg"),
    "png": ("image/png", "png"),
    "svg": ("image/svg+xml", "svg"),
    "html": ("text/html", "html"),
    "csv": ("text/csv", "csv"),
    "zip": ("application/zip", "zip"),
}
# The CSV's encoding: UTF-8 with a byte-order mark, for spreadsheets (see snapshot_csv).
CSV_ENCODING = "utf-8-sig"
# Formats that are UTF-8 text (and so may be written to standard output).
TEXT_FORMATS = frozenset({"geojson", "svg", "html", "csv"})

CSV_COLUMNS = (
    "snapshot_date", "snapshot_step", "zone_id", "name", "aliases", "version", "status",
    "valid_from", "valid_to", "basis", "area_km2", "method", "precision", "sources",
)  # fmt: skip


def zone_properties(version: ZoneVersion) -> dict[str, Any]:
    """The attributes of one zone version, as written in every snapshot format.

    Examples
    --------
    >>> from astana.data.catalog import load_atlas
    >>> zone_properties(load_atlas().zones[0])["zone_id"]
    1
    """
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
        # A source cited twice (for two claims) is listed once.
        "sources": list(dict.fromkeys(source.url for source in version.sources)),
    }


def snapshot_geojson(atlas: Atlas, day: dt.date, state: State | None = None) -> dict[str, Any]:
    """The zones in force on ``day`` as an RFC 7946 FeatureCollection (a dict): one feature
    per zone (an ended zone with status ``ended``), then one per layer (property ``layer``).

    Examples
    --------
    >>> import datetime as dt
    >>> from astana.data.catalog import load_atlas
    >>> snapshot_geojson(load_atlas(), dt.date(2017, 9, 20))["snapshot"]["round"]
    'astana-6'
    """
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
    features += [
        {
            "type": "Feature",
            "id": layer.id,
            "properties": layer_properties(layer),
            "geometry": mapping(geometry.to_rfc7946(layer.geometry)),
        }
        for layer in state.layers
    ]
    return {
        "type": "FeatureCollection",
        "snapshot": {
            "date": day.isoformat(),
            "step": state.step.id if state.step else None,
            "step_title": state.step.title if state.step else None,
            "round": state.round.id if state.round else None,
        },
        "features": features,
    }


def dumps_geojson(collection: dict[str, Any]) -> str:
    """Serialise deterministically (fixed key order as built, UTF-8, trailing newline).

    Examples
    --------
    >>> dumps_geojson({"type": "FeatureCollection", "features": []})[:9]
    '{\\n "type"'
    """
    return json.dumps(collection, ensure_ascii=False, indent=1) + "\n"


def flat_properties(state: State, version: ZoneVersion) -> dict[str, Any]:
    """One zone's attributes as flat columns (lists joined) for CSV and GeoPackage.

    Aliases are joined with ``"; "``; source URLs (which never hold spaces) with ``" "``.

    Examples
    --------
    >>> import datetime as dt
    >>> from astana.data.catalog import load_atlas
    >>> from astana.timeline import state_on
    >>> state = state_on(load_atlas(), dt.date(2017, 9, 20))
    >>> flat_properties(state, state.zones[0])["snapshot_date"]
    '2017-09-20'
    """
    properties = zone_properties(version)
    properties["aliases"] = "; ".join(properties["aliases"])
    properties["sources"] = " ".join(properties["sources"])
    snapshot = {"snapshot_date": state.date.isoformat(), "snapshot_step": _step_id(state)}
    return {column: (snapshot | properties)[column] for column in CSV_COLUMNS}


def snapshot_csv(state: State) -> str:
    """One row per zone in force (no geometry), with a header row; RFC 4180 line ends.

    The file (:func:`render`) is this text in UTF-8 with a byte-order mark
    (:data:`CSV_ENCODING`): spreadsheet programs that guess a file's encoding (Excel
    among them) read the mark as UTF-8, and so show Arabic names as written, where
    without it they fall back to a local code page. Programs that know the file is UTF-8
    (LibreOffice, Google Sheets, pandas) skip the mark; Python's ``csv`` module reads it
    with ``open(path, encoding="utf-8-sig")``.

    Examples
    --------
    >>> import datetime as dt
    >>> from astana.data.catalog import load_atlas
    >>> from astana.timeline import state_on
    >>> snapshot_csv(state_on(load_atlas(), dt.date(2017, 1, 1))).split(",")[:2]
    ['snapshot_date', 'snapshot_step']
    """
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    writer.writerows(flat_properties(state, version) for version in state.zones)
    return buffer.getvalue()


def snapshot_gpkg(atlas: Atlas, state: State) -> bytes:
    """A GeoPackage (EPSG:4326) with layers ``zones`` (those in force), ``layers`` (the
    demilitarised zone or corridor holding then, possibly none) and ``places`` (all).

    pyogrio writes to a path, so the file is built in a temporary folder that is always
    removed. The contents' ``last_change`` is pinned to the snapshot date so that the same
    data gives the same bytes.

    Examples
    --------
    >>> import datetime as dt
    >>> from astana.data.catalog import load_atlas
    >>> from astana.timeline import state_on
    >>> snapshot_gpkg(load_atlas(), state_on(load_atlas(), dt.date(2017, 1, 1)))[:15]
    b'SQLite format 3'
    """
    zones = gpd.GeoDataFrame(
        [flat_properties(state, version) for version in state.zones],
        columns=list(CSV_COLUMNS),
        geometry=[_as_multipolygon(geometry.to_rfc7946(v.geometry)) for v in state.zones],
        crs="EPSG:4326",
    )
    places = gpd.GeoDataFrame(
        [_place_row(place) for place in atlas.places],
        geometry=gpd.points_from_xy([p.lon for p in atlas.places], [p.lat for p in atlas.places]),
        crs="EPSG:4326",
    )
    places["geonameid"] = places["geonameid"].astype("Int64")  # an integer, empty if authored
    with tempfile.TemporaryDirectory(prefix="astana-gpkg-") as folder:
        path = Path(folder) / "snapshot.gpkg"
        with _gdal_current_date(f"{state.date.isoformat()}T00:00:00Z"):
            _write_layer(
                zones, path, "zones", f"De-escalation zones on {state.date}", "MultiPolygon"
            )
            _write_layer(
                layers_frame(state), path, "layers", "DMZ and corridor layers", "MultiPolygon"
            )
            _write_layer(places, path, "places", "Places labelled in the atlas", "Point")
        return path.read_bytes()


def _place_row(place: Place) -> dict[str, Any]:
    """A place's attributes as flat columns (aliases joined with ``"; "``, as for zones)."""
    return place.model_dump(exclude={"lon", "lat"}) | {"aliases": "; ".join(place.aliases)}


def _write_layer(frame: gpd.GeoDataFrame, path: Path, layer: str, title: str, kind: str) -> None:
    frame.to_file(
        path,
        layer=layer,
        driver="GPKG",
        engine="pyogrio",
        geometry_type=kind,  # stated, so that an empty snapshot still gets a typed layer
        layer_options={"IDENTIFIER": layer, "DESCRIPTION": title},
    )


def _as_multipolygon(shape: Polygon | MultiPolygon) -> MultiPolygon:
    return MultiPolygon([shape]) if isinstance(shape, Polygon) else shape


_GDAL_CONFIG_LOCK = threading.Lock()


@contextmanager
def _gdal_current_date(stamp: str) -> Iterator[None]:
    """Pin GDAL's ``OGR_CURRENT_DATE`` (the GeoPackage ``last_change``) while writing; the
    previous value is restored, and a lock keeps concurrent dashboard sessions apart."""
    with _GDAL_CONFIG_LOCK:
        previous = pyogrio.get_gdal_config_option("OGR_CURRENT_DATE")
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": stamp})
        try:
            yield
        finally:
            pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": previous})


def _step_id(state: State) -> str | None:
    return state.step.id if state.step else None


def snapshot_filename(state: State, fmt: str) -> str:
    """A descriptive file name for a snapshot, e.g. ``astana-zones-2017-09-20.geojson``.

    Examples
    --------
    >>> import datetime as dt
    >>> from astana.data.catalog import load_atlas
    >>> snapshot_filename(state_on(load_atlas(), dt.date(2017, 9, 20)), "zip")
    'astana-zones-2017-09-20.zip'
    """
    return f"astana-zones-{state.date.isoformat()}.{FORMATS[fmt][1]}"


def render(atlas: Atlas, state: State, fmt: str) -> bytes:
    """The snapshot of ``state`` in format ``fmt`` (a key of :data:`FORMATS`), as bytes.

    Raises
    ------
    ValueError
        For a format that is not a key of :data:`FORMATS`.

    Examples
    --------
    >>> import datetime as dt
    >>> from astana.data.catalog import load_atlas
    >>> atlas = load_atlas()
    >>> render(atlas, state_on(atlas, dt.date(2017, 9, 20)), "csv")[:16]
    b'\\xef\\xbb\\xbfsnapshot_date'
    """
    if fmt not in _RENDERERS:
        raise ValueError(f"unknown snapshot format {fmt!r}; choose from {', '.join(FORMATS)}")
    return _RENDERERS[fmt](atlas, state)


def _render_static(fmt: str) -> Callable[[Atlas, State], bytes]:
    """A PNG or SVG renderer that imports matplotlib only when a static map is asked for:
    it would add about 0.25 s to every start of the app, which rarely exports one."""

    def render_static(atlas: Atlas, state: State) -> bytes:
        from astana.exports import staticmap

        return getattr(staticmap, f"render_{fmt}")(atlas, state)

    return render_static


def _render_zip(atlas: Atlas, state: State) -> bytes:
    files = {
        snapshot_filename(state, fmt): render(atlas, state, fmt) for fmt in FORMATS if fmt != "zip"
    }
    return bundle.zip_bundle(atlas, state, files)


_RENDERERS: dict[str, Callable[[Atlas, State], bytes]] = {
    "geojson": lambda atlas, state: dumps_geojson(
        snapshot_geojson(atlas, state.date, state)
    ).encode("utf-8"),
    "gpkg": snapshot_gpkg,
    "png": _render_static("png"),
    "svg": _render_static("svg"),
    "html": lambda atlas, state: htmlmap.render_html(atlas, state).encode("utf-8"),
    "csv": lambda atlas, state: snapshot_csv(state).encode(CSV_ENCODING),
    "zip": _render_zip,
}
