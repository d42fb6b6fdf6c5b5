"""Checks on how zones end and when layers hold, run by :mod:`astana.data.catalog` at load.

The atlas's rule for an ended zone: a zone is in force until the day before its end took
effect (its last ``in_force`` version has that ``valid_to``); from that day on it has one
``ended`` version, open-ended, with the same outline and, as ``basis``, the event that
ended it. The app draws that version grey, and snapshots list it with status ``ended``.

Examples
--------
>>> check_ended([], [], "geodata/zones.geojson")
[]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from astana.data.files import Problem
from astana.data.models import Event, Layer, ZoneVersion

ENDED = "ended"


def check_ended(zones: Sequence[ZoneVersion], events: Sequence[Event], name: str) -> list[Problem]:
    """Every ``ended`` version is open-ended, follows its zone's last version without a
    gap, is the zone's last version, and rests on a dated event about that zone."""
    by_id = {event.id: event for event in events}
    problems = []
    for version in (v for v in zones if v.status == ENDED):
        same_zone = [v for v in zones if v.zone_id == version.zone_id and v.id != version.id]
        problems += _ended_problems(version, same_zone, by_id.get(version.basis), name)
    return problems


def _ended_problems(
    version: ZoneVersion, others: list[ZoneVersion], basis: Event | None, name: str
) -> list[Problem]:
    problems = []
    if version.valid_to is not None:
        problems.append(Problem(name, version.id, "valid_to", "an ended zone stays ended: null"))
    day_before = version.valid_from - dt.timedelta(days=1)
    if not any(v.status != ENDED and v.valid_to == day_before for v in others):
        message = f"no earlier version of zone {version.zone_id} ends on {day_before}"
        problems.append(Problem(name, version.id, "valid_from", message))
    if any(v.valid_from > version.valid_from for v in others):
        message = "a zone version starts after this zone ended"
        problems.append(Problem(name, version.id, "valid_from", message))
    if basis is not None and (
        basis.date > version.valid_from or version.zone_id not in basis.zones
    ):
        message = f"event {basis.id!r} must concern zone {version.zone_id} and come first"
        problems.append(Problem(name, version.id, "basis", message))
    return problems


def check_layers(layers: Sequence[Layer], events: Sequence[Event], name: str) -> list[Problem]:
    """Layer ids are unique; each rests on a known event dated on or before it starts."""
    by_id = {event.id: event for event in events}
    problems = []
    seen: set[str] = set()
    for layer in layers:
        if layer.id in seen:
            problems.append(Problem(name, layer.id, "id", f"duplicate id {layer.id!r}"))
        seen.add(layer.id)
        basis = by_id.get(layer.basis)
        if basis is None:
            problems.append(Problem(name, layer.id, "basis", f"unknown event {layer.basis!r}"))
        elif basis.date > layer.valid_from:
            message = f"starts before its event {basis.id!r} ({basis.date})"
            problems.append(Problem(name, layer.id, "valid_from", message))
    return problems
