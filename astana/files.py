"""Read the atlas's YAML and GeoJSON files, reporting problems instead of raising.

Readers never raise on bad content: they append :class:`Problem` records and return what
could be read, so that one run reports every problem in every file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shapely
import yaml
from shapely.geometry import Polygon, shape

_POINT_TYPES = ("Point",)
_AREA_TYPES = ("Polygon", "MultiPolygon")
_CRS84 = ("urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:EPSG::4326", "EPSG:4326")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, printed as ``FILE: ITEM: FIELD: message``."""

    file: str
    item: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.item}: {self.field}: {self.message}"


class _Loader(yaml.SafeLoader):
    """Safe YAML loader that keeps dates as text (so pydantic reports impossible dates per
    field instead of PyYAML failing the whole file) and rejects duplicate keys."""

    def construct_mapping(self, node, deep=False):
        keys = [self.construct_object(key, deep=deep) for key, _ in node.value]
        for key in {k for k in keys if keys.count(k) > 1}:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", node.start_mark
            )
        return super().construct_mapping(node, deep=deep)


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def parse_yaml(text: str) -> Any:
    """Parse YAML safely, keeping dates as text and rejecting duplicate keys."""
    return yaml.load(text, Loader=_Loader)


def _read_text(path: Path, name: str, problems: list[Problem]) -> str | None:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.append(Problem(name, "-", "-", "file not found"))
        return None
    except (OSError, UnicodeDecodeError) as err:
        problems.append(Problem(name, "-", "-", f"cannot read file: {err}"))
        return None
    if not text.strip():
        problems.append(Problem(name, "-", "-", "file is empty"))
        return None
    return text


def read_yaml(path: Path, name: str, key: str, problems: list[Problem]) -> list[dict | None]:
    """Return the list under top-level ``key`` of a YAML file, or ``[]`` after a problem.

    Items that are not mappings are reported and come back as ``None``."""
    text = _read_text(path, name, problems)
    if text is None:
        return []
    try:
        document = parse_yaml(text)
    except yaml.YAMLError as err:
        where = getattr(err, "problem_mark", None)
        line = f" (line {where.line + 1}, column {where.column + 1})" if where else ""
        reason = getattr(err, "problem", None) or str(err)
        problems.append(Problem(name, "-", "-", f"not valid YAML: {reason}{line}"))
        return []
    if not isinstance(document, dict) or not isinstance(document.get(key), list):
        problems.append(Problem(name, "-", key, f"expected a top-level '{key}:' list"))
        return []
    unknown = sorted(set(document) - {key})
    if unknown:
        problems.append(Problem(name, "-", unknown[0], "unknown top-level key"))
    return [_as_mapping(item, name, index, problems) for index, item in enumerate(document[key])]


def _as_mapping(item: Any, name: str, index: int, problems: list[Problem]) -> dict | None:
    if isinstance(item, dict):
        return item
    problems.append(Problem(name, f"#{index + 1}", "-", "expected a mapping of fields"))
    return None


def read_geojson(
    path: Path, name: str, problems: list[Problem], *, point: bool
) -> list[dict | None]:
    """Return each feature's properties plus a shapely ``geometry`` (``lon``/``lat`` for
    points). Unusable features are reported; an area feature whose geometry is unusable gets
    an empty polygon (so its properties are still checked), anything else comes back ``None``."""
    text = _read_text(path, name, problems)
    if text is None:
        return []
    try:
        document = json.loads(text)
    except json.JSONDecodeError as err:
        problems.append(Problem(name, "-", "-", f"not valid JSON: {err.msg} (line {err.lineno})"))
        return []
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        problems.append(Problem(name, "-", "type", "expected a GeoJSON FeatureCollection"))
        return []
    crs = document.get("crs")
    if crs is not None and _crs_name(crs) not in _CRS84:
        message = f"must be WGS84 longitude/latitude (RFC 7946), found {_crs_name(crs)!r}"
        problems.append(Problem(name, "-", "crs", message))
    features = document.get("features")
    if not isinstance(features, list):
        problems.append(Problem(name, "-", "features", "expected a list of features"))
        return []
    return [
        _feature(feature, name, index, problems, point) for index, feature in enumerate(features)
    ]


def _crs_name(crs: Any) -> str:
    try:
        return str(crs["properties"]["name"])
    except (KeyError, TypeError):
        return str(crs)


def _feature(
    feature: Any, name: str, index: int, problems: list[Problem], point: bool
) -> dict | None:
    if not isinstance(feature, dict) or not isinstance(feature.get("properties"), dict):
        problems.append(Problem(name, f"#{index + 1}", "properties", "expected a GeoJSON Feature"))
        return None
    record = dict(feature["properties"])
    label = record["id"] if isinstance(record.get("id"), str) else f"#{index + 1}"
    geom, message = parse_geometry(feature.get("geometry"), _POINT_TYPES if point else _AREA_TYPES)
    if message:
        problems.append(Problem(name, label, "geometry", message))
        geom = Polygon()
    if point:
        if message:
            return None
        record.update(lon=geom.x, lat=geom.y)
    else:
        record["geometry"] = geom
    return record


def parse_geometry(raw: Any, allowed: tuple[str, ...]) -> tuple[Any, str | None]:
    """Turn a GeoJSON geometry into shapely; return ``(geometry, None)`` or ``(None, why)``.

    Examples
    --------
    >>> parse_geometry({"type": "Point", "coordinates": [36.3, 33.5]}, ("Point",))[1] is None
    True
    >>> parse_geometry({"type": "Point", "coordinates": [3e6, 4e6]}, ("Point",))[1][:31]
    'coordinates look projected (x=3'
    """
    if not isinstance(raw, dict) or raw.get("type") not in allowed:
        found = raw.get("type") if isinstance(raw, dict) else raw
        return None, f"expected a geometry of type {' or '.join(allowed)}, found {found!r}"
    try:
        geom = shape(raw)
    except (KeyError, TypeError, ValueError, IndexError, AttributeError) as err:
        return None, f"malformed coordinates ({type(err).__name__}: {err})"
    if geom.is_empty:
        return None, "geometry is empty"
    minx, miny, maxx, maxy = geom.bounds
    if not (minx >= -180 and maxx <= 180 and miny >= -90 and maxy <= 90):
        return None, (
            f"coordinates look projected (x={maxx:.0f}, y={maxy:.0f}); "
            "GeoJSON must be WGS84 longitude/latitude"
        )
    if not geom.is_valid:
        return None, f"invalid geometry: {shapely.is_valid_reason(geom)}"
    return geom, None
