"""Comparison files: what changed between two dates (:func:`astana.compare.diff`), written as
GeoJSON (the ground lost and gained, as polygons), CSV (one row per zone) or a text table.

The GeoJSON is an RFC 7946 FeatureCollection (WGS84, counter-clockwise exteriors, 6
decimals) with a foreign member ``comparison`` (the dates, their steps and the steps
between); one feature per zone and change (``lost`` or ``gained``) with ground in it. The CSV
is UTF-8 with a byte order mark, so that spreadsheet programs read the Arabic and accented
names right. Every format is deterministic: the same data gives the same bytes.

Examples
--------
>>> import datetime as dt
>>> from astana.compare import diff
>>> from astana.data.catalog import load_atlas
>>> comparison = diff(load_atlas(), dt.date(2017, 9, 20), dt.date(2018, 8, 1))
>>> [(f["properties"]["zone_id"], f["properties"]["change"])
...  for f in comparison_geojson(comparison)["features"]]
[(1, 'lost'), (1, 'gained'), (2, 'lost'), (3, 'lost'), (4, 'lost')]
"""

from __future__ import annotations

import csv
import io
from typing import Any

from shapely.geometry import mapping

from astana import geometry
from astana.compare import Comparison, ZoneChange
from astana.exports.snapshot import dumps_geojson

# Comparison formats: MIME type and file extension, in the order menus list them.
COMPARISON_FORMATS: dict[str, tuple[str, str]] = {
    "geojson": ("application/geo+json", "geojson"),
    "csv": ("text/csv", "csv"),
}
CSV_COLUMNS = (
    "from_date", "to_date", "zone_id", "name", "from_version", "from_status", "from_area_km2",
    "to_version", "to_status", "to_area_km2", "lost_km2", "gained_km2", "change", "events",
)  # fmt: skip


def _km2(value: float) -> float:
    return round(value, 1) + 0.0  # + 0.0: never "-0.0"


def _zone_row(comparison: Comparison, zone: ZoneChange) -> dict[str, Any]:
    """One zone's change as flat values: the CSV row, and the table's."""
    before, after = zone.before, zone.after
    return {
        "from_date": comparison.date_a.isoformat(),
        "to_date": comparison.date_b.isoformat(),
        "zone_id": zone.zone_id,
        "name": zone.name,
        "from_version": before.id if before else "",
        "from_status": before.status if before else "",
        "from_area_km2": _km2(zone.area_before_km2),
        "to_version": after.id if after else "",
        "to_status": after.status if after else "",
        "to_area_km2": _km2(zone.area_after_km2),
        "lost_km2": _km2(zone.lost_km2),
        "gained_km2": _km2(zone.gained_km2),
        "change": zone.change,
        "events": " ".join(version.basis for version in zone.versions_between),
    }


def comparison_geojson(comparison: Comparison) -> dict[str, Any]:
    """The ground lost and gained per zone, as an RFC 7946 FeatureCollection (a dict).

    Each feature's properties: ``zone_id``, ``name``, ``change`` (``lost`` or ``gained``),
    ``area_km2``, the version on each date (``from_version``, ``to_version``), ``events``
    (what moved the line: the bases of the zone's versions between the dates) and ``sources``
    (their URLs).
    """
    features = []
    for zone in comparison.zones:
        for change, ground, area in (
            ("lost", zone.lost, zone.lost_km2),
            ("gained", zone.gained, zone.gained_km2),
        ):
            shape = geometry.to_rfc7946(ground)
            if shape.is_empty:
                continue
            features.append(
                {
                    "type": "Feature",
                    "id": f"zone-{zone.zone_id}-{change}",
                    "properties": _feature_properties(zone, change, area),
                    "geometry": mapping(shape),
                }
            )
    return {
        "type": "FeatureCollection",
        "comparison": {
            "from": comparison.date_a.isoformat(),
            "to": comparison.date_b.isoformat(),
            "from_step": comparison.step_a.id if comparison.step_a else None,
            "to_step": comparison.step_b.id if comparison.step_b else None,
            "steps_between": [step.id for step in comparison.steps_between],
        },
        "features": features,
    }


def _feature_properties(zone: ZoneChange, change: str, area: float) -> dict[str, Any]:
    sources = (source.url for v in zone.versions_between for source in v.sources)
    return {
        "zone_id": zone.zone_id,
        "name": zone.name,
        "change": change,
        "area_km2": _km2(area),
        "from_version": zone.before.id if zone.before else None,
        "to_version": zone.after.id if zone.after else None,
        "events": [version.basis for version in zone.versions_between],
        "sources": list(dict.fromkeys(sources)),
    }


def comparison_csv(comparison: Comparison) -> str:
    """One row per zone (no geometry), with a header row; RFC 4180 line ends. Areas in km2,
    to 0.1; ``events`` joined with spaces."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    writer.writerows(_zone_row(comparison, zone) for zone in comparison.zones)
    return buffer.getvalue()


def comparison_table(comparison: Comparison) -> str:
    """A plain-text table for a terminal: per zone, the status and area on each date and
    the change; then the steps between the dates."""
    columns = ("zone_id", "from_status", "from_area_km2", "to_status", "to_area_km2",
               "lost_km2", "gained_km2", "change", "events")  # fmt: skip
    rows = [
        {
            key: str(value) if value != "" else "-"
            for key, value in _zone_row(comparison, zone).items()
        }
        for zone in comparison.zones
    ]
    header = {key: key.replace("_km2", " km2").replace("_", " ") for key in columns}
    widths = {key: max(len(row[key]) for row in [header, *rows]) for key in columns}
    lines = [
        f"Zones on {comparison.date_a} and on {comparison.date_b} (areas in km2; an ended "
        "zone holds none):",
        *("  ".join(row[key].ljust(widths[key]) for key in columns).rstrip()
          for row in [header, *rows]),
        "",
        f"Steps between ({len(comparison.steps_between)}):",
        *(f"{step.date}  {step.kind:<5}  {step.title}" for step in comparison.steps_between),
    ]  # fmt: skip
    return "\n".join(lines) + "\n"


def comparison_filename(comparison: Comparison, fmt: str) -> str:
    """E.g. ``astana-changes-2017-09-20-to-2018-08-01.geojson``."""
    extension = COMPARISON_FORMATS[fmt][1]
    return f"astana-changes-{comparison.date_a}-to-{comparison.date_b}.{extension}"


def render_comparison(comparison: Comparison, fmt: str) -> bytes:
    """The comparison in format ``fmt`` (a key of :data:`COMPARISON_FORMATS`), as bytes: the
    GeoJSON in UTF-8, the CSV in UTF-8 with a byte order mark.

    Raises
    ------
    ValueError
        For a format that is not a key of :data:`COMPARISON_FORMATS`.
    """
    if fmt == "geojson":
        return dumps_geojson(comparison_geojson(comparison)).encode("utf-8")
    if fmt == "csv":
        return comparison_csv(comparison).encode("utf-8-sig")
    raise ValueError(f"unknown comparison format {fmt!r}; choose from geojson, csv")
