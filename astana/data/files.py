"""Read the atlas's YAML and GeoJSON files, reporting problems instead of raising.

Readers never raise on bad content: they append :class:`Problem` records and return what
could be read, so that one run reports every problem in every file.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shapely
import yaml
from shapely.geometry import Polygon, shape

from astana.data.models import shown

_POINT_TYPES = ("Point",)
_AREA_TYPES = ("Polygon", "MultiPolygon")
_CRS84 = ("urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:EPSG::4326", "EPSG:4326")

# Limits on input files, each many times what the repository's data needs (README, "Limits
# on the data"): past them a file is refused with a message, before it can stall the app.
MAX_YAML_BYTES = 1_000_000  # the largest YAML file is ~70 KB
MAX_YAML_VALUES = 200_000  # values, once aliases are expanded (places.yaml has ~2,900)
MAX_GEOJSON_BYTES = 5_000_000  # the largest GeoJSON file is ~120 KB
MAX_FEATURES = 5_000  # features in one GeoJSON file (places.geojson has ~170)
MAX_FEATURE_VERTICES = 20_000  # coordinates in one geometry (the border has ~600)
MAX_FILE_VERTICES = 100_000  # coordinates in one file (zones.geojson has ~1,700)
# Control characters, and the bidirectional overrides that could make a printed line lie.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# What a constructor of PyYAML's safe loader may raise on a value it cannot read (a 5,000
# digit integer, ``!!int abc``, ``!!bool maybe``), instead of a YAMLError.
_YAML_VALUE_ERRORS = (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, printed as ``FILE: ITEM: FIELD: message``."""

    file: str
    item: str
    field: str
    message: str

    def __str__(self) -> str:
        """One line, whatever the data held: control characters come out escaped.

        >>> print(Problem("data/x.yaml", "a\\nb", "-", "bad"))
        data/x.yaml: a\\nb: -: bad
        """
        parts = (self.file, self.item, self.field, self.message)
        # a blank part (a key of spaces) is quoted, so the line still shows four parts
        parts = (part if part.strip() else repr(part) for part in parts)
        return ": ".join(_UNPRINTABLE.sub(_escape, part) for part in parts)


def _escape(found: re.Match) -> str:
    return repr(found.group())[1:-1]


class _Loader(yaml.SafeLoader):
    """Safe YAML loader that keeps dates as text (so pydantic reports impossible dates per
    field instead of PyYAML failing the whole file), rejects duplicate keys, and refuses a
    document whose aliases (``*name``) would expand it past :data:`MAX_YAML_VALUES`
    values: nested aliases can make a few lines into billions (the "billion laughs")."""

    def compose_document(self):
        document = super().compose_document()
        if document is not None:
            _count_values(document, {}, MAX_YAML_VALUES)
        return document

    def construct_mapping(self, node, deep=False):
        keys = [self.construct_object(key, deep=deep) for key, _ in node.value]
        # a list, not a set: keys may be unhashable (PyYAML reports those itself)
        for key in [k for index, k in enumerate(keys) if k in keys[:index]]:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {shown(key)}", node.start_mark
            )
        return super().construct_mapping(node, deep=deep)


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _count_values(node: yaml.Node, counted: dict[int, int], limit: int) -> int:
    """How many values ``node`` stands for once every alias is expanded; an alias is the
    same node object as its anchor, so each node is counted once (``counted``, by id)."""
    key = id(node)
    if key in counted:
        if counted[key] < 0:
            raise yaml.composer.ComposerError(
                None, None, "an alias refers to itself", node.start_mark
            )
        return counted[key]
    counted[key] = -1  # being counted: meeting it again means a cycle
    children = node.value if isinstance(node.value, list) else []
    flat = [
        part for child in children for part in (child if isinstance(child, tuple) else (child,))
    ]
    total = 1 + sum(_count_values(child, counted, limit) for child in flat)
    if total > limit:
        raise yaml.composer.ComposerError(
            None, None, f"aliases expand to more than {limit:,} values", node.start_mark
        )
    counted[key] = total
    return total


def parse_yaml(text: str) -> Any:
    """Parse YAML safely, keeping dates as text and rejecting duplicate keys."""
    return yaml.load(text, Loader=_Loader)


def _read_text(path: Path, name: str, problems: list[Problem], max_bytes: int) -> str | None:
    try:
        size = path.stat().st_size
        if size > max_bytes:  # checked before reading: never load a huge file into memory
            message = f"file is {size:,} bytes, over the limit of {max_bytes:,}"
            problems.append(Problem(name, "-", "-", message))
            return None
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
    text = _read_text(path, name, problems, MAX_YAML_BYTES)
    if text is None:
        return []
    try:
        document = parse_yaml(text)
    except RecursionError:
        problems.append(Problem(name, "-", "-", "not valid YAML: nested too deeply"))
        return []
    except _YAML_VALUE_ERRORS as err:
        message = f"not valid YAML: cannot read a value ({type(err).__name__}: {shown(str(err))})"
        problems.append(Problem(name, "-", "-", message))
        return []
    except yaml.YAMLError as err:
        where = getattr(err, "problem_mark", None)
        line = f" (line {where.line + 1}, column {where.column + 1})" if where else ""
        reason = getattr(err, "problem", None) or str(err)
        problems.append(Problem(name, "-", "-", f"not valid YAML: {reason}{line}"))
        return []
    if not isinstance(document, dict) or not isinstance(document.get(key), list):
        problems.append(Problem(name, "-", key, f"expected a top-level '{key}:' list"))
        return []
    unknown = sorted((str(k) for k in set(document) - {key}), key=str)
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
    text = _read_text(path, name, problems, MAX_GEOJSON_BYTES)
    if text is None:
        return []
    try:
        document = parse_json(text)
    except json.JSONDecodeError as err:
        problems.append(Problem(name, "-", "-", f"not valid JSON: {err.msg} (line {err.lineno})"))
        return []
    except (ValueError, RecursionError) as err:
        problems.append(Problem(name, "-", "-", f"not valid JSON: {_json_error(err)}"))
        return []
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        problems.append(Problem(name, "-", "type", "expected a GeoJSON FeatureCollection"))
        return []
    crs = document.get("crs")
    if crs is not None and _crs_name(crs) not in _CRS84:
        message = f"must be WGS84 longitude/latitude (RFC 7946), found {shown(_crs_name(crs))}"
        problems.append(Problem(name, "-", "crs", message))
    features = document.get("features")
    if not isinstance(features, list):
        problems.append(Problem(name, "-", "features", "expected a list of features"))
        return []
    if len(features) > MAX_FEATURES:
        message = f"{len(features):,} features, over the limit of {MAX_FEATURES:,}"
        problems.append(Problem(name, "-", "features", message))
        return []
    records = [
        _feature(feature, name, index, problems, point) for index, feature in enumerate(features)
    ]
    vertices = sum(_vertices(record) for record in records)
    if vertices > MAX_FILE_VERTICES:
        message = f"{vertices:,} coordinates in all, over the limit of {MAX_FILE_VERTICES:,}"
        problems.append(Problem(name, "-", "features", message))
    return records


def parse_json(text: str) -> Any:
    """Parse JSON, refusing ``NaN``, ``Infinity`` and numbers too large for a float: none
    is a coordinate.

    >>> parse_json('[1.5, 2]')
    [1.5, 2]
    >>> parse_json('[NaN]')
    Traceback (most recent call last):
    ValueError: NaN is not a number JSON allows
    """
    return json.loads(
        text, parse_constant=_refuse_constant, parse_float=_finite_float, parse_int=_float_sized_int
    )


def _refuse_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"number too large: {shown(text)}")
    return value


def _float_sized_int(text: str) -> int:
    if len(text.lstrip("-")) > 300:  # beyond any float: shapely could not take it
        raise ValueError(f"number too large: {shown(text)}")
    return int(text)


def _json_error(err: Exception) -> str:
    return "nested too deeply" if isinstance(err, RecursionError) else str(err)


def _vertices(record: dict | None) -> int:
    geom = record.get("geometry") if record else None
    return int(shapely.get_num_coordinates(geom)) if geom is not None else 0


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
    label = item_label(record, index)
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


def item_label(item: Any, index: int) -> str:
    """Name an item in messages: its ``id`` when it has a usable one (cut to 80 characters),
    else ``#N`` (1-based).

    >>> item_label({"id": "astana-1"}, 0), item_label({"id": 7}, 2)
    ('astana-1', '#3')
    """
    if isinstance(item, dict) and isinstance(item.get("id"), str) and item["id"].strip():
        return item["id"].strip()[:80]
    return f"#{index + 1}"


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
        return None, f"expected a geometry of type {' or '.join(allowed)}, found {shown(found)}"
    try:
        geom = shape(raw)
    except (KeyError, TypeError, ValueError, IndexError, AttributeError, OverflowError) as err:
        return None, f"malformed coordinates ({type(err).__name__}: {err})"
    if geom.is_empty:
        return None, "geometry is empty"
    vertices = shapely.get_num_coordinates(geom)
    if vertices > MAX_FEATURE_VERTICES:  # checked before is_valid, which is slow on huge shapes
        return None, f"{vertices:,} coordinates, over the limit of {MAX_FEATURE_VERTICES:,}"
    minx, miny, maxx, maxy = geom.bounds
    if not (minx >= -180 and maxx <= 180 and miny >= -90 and maxy <= 90):
        return None, (
            f"coordinates look projected (x={maxx:.6g}, y={maxy:.6g}); "
            "GeoJSON must be WGS84 longitude/latitude"
        )
    if not geom.is_valid:
        return None, f"invalid geometry: {shapely.is_valid_reason(geom)}"
    return geom, None
