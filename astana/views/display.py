"""What the map shows on a date, as plain, cacheable data: small GeoJSON and escaped HTML.

Geometry is simplified for the screen (exports keep full precision) and every text that
comes from the data is HTML-escaped here, once, before it reaches a popup, a tooltip or a
panel (braces included: see :func:`escape_text`, from :mod:`astana.views.text`); links are
kept only when they are http(s).

Examples
--------
>>> from astana.views import text
>>> escape_text is text.escape_text  # one set of escaping rules, re-exported here
True
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from astana import geometry
from astana.compare.versions import VersionChange
from astana.data.models import Atlas, Layer, Place, ZoneVersion
from astana.timeline import State
from astana.views import zonechanges
from astana.views.style import ENDED, ENDED_LABEL, LAYER_LABELS, STATUS_LABELS

# Re-exported: the page's escaping rules, which the other views and the ui use from here.
from astana.views.text import (  # noqa: F401
    DASH,
    escape_text,
    link_html,
    long_date,
    markdown_literal,
    sources_html,
)

# About 300 m: far below the outlines' own uncertainty (1-10 km) and it keeps one step's
# zones to a few tens of kilobytes.
DISPLAY_TOLERANCE_KM = 0.3
# Four decimals of a degree are about 11 m on the ground, finer than the tolerance above.
DISPLAY_DECIMALS = 4
# The base map's border and places: 750 m is about a pixel at the zoom the map opens at
# (7), three at zoom 9, where towns appear; three decimals are about 110 m. The base map's
# script travels with every step that changes the zones, and the border is its reference
# line, not its subject.
BORDER_TOLERANCE_KM = 0.75
PLACE_DECIMALS = 3
# Room around the zones when the map opens, in degrees (about 20 km).
_VIEW_MARGIN_DEG = 0.2
# West of this longitude a place is on the coast (Latakia, Tartus, Baniyas): its label goes
# over the sea, not over the zones inland.
_COAST_LON = 36.0


def validity_text(version: ZoneVersion | Layer) -> str:
    """When a zone version (or layer) held, in words; for an ended zone, when it ended."""
    if getattr(version, "status", None) == ENDED:
        return f"ended on {long_date(version.valid_from)}"
    if version.valid_to is None:
        return f"from {long_date(version.valid_from)} (no end date in the atlas)"
    return f"from {long_date(version.valid_from)} to {long_date(version.valid_to)}"


def zone_popup_html(
    version: ZoneVersion,
    status_label: str,
    basis_title: str,
    area_km2: float,
    change: VersionChange | None = None,
) -> str:
    """The popup of one zone version: name, aliases, status, dates, area, what changed
    since the zone's previous version (``change``: km2, places taken, why it grows), basis,
    precision and the version's sources.

    The popups travel with every step that changes the zones, so they name the basis event
    and leave its sources to the step's panel (:mod:`astana.views.summary`), which cites
    them with the change."""
    aliases = "".join(f"<li>{escape_text(alias)}</li>" for alias in version.aliases)
    rows = [
        f"<h4>{escape_text(version.name)}</h4>",
        f"<p class='aliases'>Also numbered:</p><ul>{aliases}</ul>" if aliases else "",
        f"<p><b>Status:</b> {escape_text(status_label)}</p>",
        f"<p><b>Valid:</b> {validity_text(version)}</p>",
        f"<p><b>Area:</b> about {area_km2:,.0f} km²</p>",
        zonechanges.popup_change_html(change) if change is not None else "",
        f"<p><b>{'Ended by' if version.status == ENDED else 'Rests on'}:</b> "
        f"{escape_text(basis_title)}</p>",
        f"<p><b>Precision:</b> {escape_text(version.precision)}</p>",
        "<p><b>Sources:</b></p>",
        sources_html(version.sources),
    ]
    return f"<div class='zone-popup'>{''.join(rows)}</div>"


def display_geometry(
    geom: BaseGeometry,
    tolerance_km: float = DISPLAY_TOLERANCE_KM,
    decimals: int = DISPLAY_DECIMALS,
) -> dict:
    """A GeoJSON geometry simplified for the screen, coordinates rounded to ``decimals``."""
    simple = geometry.simplify_for_display(geom, tolerance_km) if tolerance_km > 0 else geom
    return _rounded(mapping(simple), decimals)


def _rounded(value: Any, decimals: int) -> Any:
    if isinstance(value, float):
        return round(value, decimals)
    if isinstance(value, list | tuple):
        return [_rounded(item, decimals) for item in value]
    if isinstance(value, dict):
        return {key: _rounded(item, decimals) for key, item in value.items()}
    return value


def zone_feature(
    version: ZoneVersion, status: str, basis_title: str, change: VersionChange | None = None
) -> dict:
    """One zone version as a display GeoJSON Feature with its tooltip and popup HTML (with
    what changed at it, when ``change`` is given)."""
    area = geometry.area_km2(version.geometry)
    status_label = ENDED_LABEL if status == ENDED else STATUS_LABELS[status]
    return {
        "type": "Feature",
        "properties": {
            "zone_id": version.zone_id,
            "version": version.id,
            "status": status,
            "tooltip": escape_text(version.name),
            "popup": zone_popup_html(version, status_label, basis_title, area, change),
        },
        "geometry": display_geometry(version.geometry),
    }


def zone_collection(atlas: Atlas, state: State) -> dict:
    """The zones to draw at ``state``: exactly the versions a snapshot lists, ended zones
    (status ``ended``, from their ``ended`` version) included, so app and exports agree.
    Each popup says what changed since the zone's previous version
    (:func:`astana.views.zonechanges.change_of`)."""
    basis = {event.id: f"{event.title} ({long_date(event.date)})" for event in atlas.events}
    features = [
        zone_feature(
            version,
            version.status,
            basis.get(version.basis, version.basis),
            zonechanges.change_of(atlas, version),
        )
        for version in sorted(state.zones, key=lambda version: version.zone_id)
    ]
    return {"type": "FeatureCollection", "features": features}


def layer_popup_html(layer: Layer, basis_title: str, area_km2: float) -> str:
    """The popup of a layer that is not a zone: name, kind, dates, area, basis, notes, sources."""
    rows = [
        f"<h4>{escape_text(layer.name)}</h4>",
        f"<p><b>Layer:</b> {escape_text(LAYER_LABELS[layer.kind])}</p>",
        f"<p><b>Valid:</b> {validity_text(layer)}</p>",
        f"<p><b>Area:</b> about {area_km2:,.0f} km²</p>",
        f"<p><b>Rests on:</b> {escape_text(basis_title)}</p>",
        f"<p><b>Precision:</b> {escape_text(layer.precision)}</p>",
        f"<p>{escape_text(layer.notes)}</p>" if layer.notes else "",
        "<p><b>Sources:</b></p>",
        sources_html(layer.sources),
    ]
    return f"<div class='zone-popup'>{''.join(rows)}</div>"


def layer_collection(atlas: Atlas, state: State) -> dict:
    """The layers that are not zones (demilitarised zone, corridor) holding at ``state``."""
    basis = {event.id: f"{event.title} ({long_date(event.date)})" for event in atlas.events}
    features = [
        {
            "type": "Feature",
            "properties": {
                "layer": layer.id,
                "kind": layer.kind,
                "tooltip": escape_text(layer.name),
                "popup": layer_popup_html(
                    layer, basis.get(layer.basis, layer.basis), geometry.area_km2(layer.geometry)
                ),
            },
            "geometry": display_geometry(layer.geometry),
        }
        for layer in state.layers
    ]
    return {"type": "FeatureCollection", "features": features}


def border_collection(
    border: BaseGeometry,
    tolerance_km: float = DISPLAY_TOLERANCE_KM,
    decimals: int = DISPLAY_DECIMALS,
) -> dict:
    """Syria's border for the screen, as a one-feature collection."""
    shown = display_geometry(border, tolerance_km, decimals)
    feature = {"type": "Feature", "properties": {}, "geometry": shown}
    return {"type": "FeatureCollection", "features": [feature]}


def place_rows(places: Iterable[Place], rank: int) -> list[list]:
    """Places of one rank as compact rows for the base map, which builds each label from
    them: ``[lon, lat, name, Arabic name]``, coordinates to :data:`PLACE_DECIMALS`, both
    names escaped; cities (rank 1, labelled on the map) add the side to write the label
    on: left of coastal places (over the sea), right of the others.

    The base map travels with every step that changes the zones (see
    :mod:`astana.views.mapview`): rows instead of GeoJSON features with ready-made label
    markup make it less than half the size.

    >>> place_rows([], 1)
    []
    """
    rows = []
    for place in sorted(places, key=lambda p: p.id):
        if place.rank != rank:
            continue
        row = [round(place.lon, PLACE_DECIMALS), round(place.lat, PLACE_DECIMALS)]
        row += [escape_text(place.name), escape_text(place.name_ar)]
        if rank == 1:
            row.append("left" if place.lon < _COAST_LON else "right")
        rows.append(row)
    return rows


def base_layers(atlas: Atlas) -> dict:
    """Everything the base map draws, as plain data: the border (at the base map's own,
    coarser precision), cities and towns (as :func:`place_rows`), and the bounds to open
    on: every zone version with a margin (the zones lie in Syria's west, so fitting the
    whole country would show them small)."""
    zones = [version.geometry for version in atlas.zones] or [atlas.border]
    west = min(geom.bounds[0] for geom in zones) - _VIEW_MARGIN_DEG
    south = min(geom.bounds[1] for geom in zones) - _VIEW_MARGIN_DEG
    east = max(geom.bounds[2] for geom in zones) + _VIEW_MARGIN_DEG
    north = max(geom.bounds[3] for geom in zones) + _VIEW_MARGIN_DEG
    return {
        "border": border_collection(atlas.border, BORDER_TOLERANCE_KM, PLACE_DECIMALS),
        "cities": place_rows(atlas.places, rank=1),
        "towns": place_rows(atlas.places, rank=2),
        "bounds": [[round(south, 2), round(west, 2)], [round(north, 2), round(east, 2)]],
    }
