"""Checks on how zones change and end and when layers hold, run by
:mod:`astana.data.catalog` at load.

A zone's versions follow one another day after day, with no gap: a new version each time
the ground it covered changed. Each version lies within the one before, unless its
``grows`` says why it does not (ground retaken, an enclave emptied); a growth smaller than
``GROWTH_TOLERANCE_KM2`` is coordinate rounding, not a change of the ground.

The atlas's rule for an ended zone: a zone is in force until the day before its end took
effect (its last ``in_force`` version has that ``valid_to``); from that day on it has one
``ended`` version, open-ended, with the last version's outline and, as ``basis``, the event
that ended it. The app draws that version grey, and snapshots list it with status ``ended``.

Examples
--------
>>> check_ended([], [], "geodata/zones.geojson")
[]
>>> check_sequences([], "geodata/zones.geojson")
[]
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence

from astana import geometry
from astana.data.files import Problem
from astana.data.models import Event, Layer, ZoneVersion

ENDED = "ended"
# Versions drawn from the same vertices differ by rounding only: well under a hectare
# along a few hundred km of edge. The smallest growth the data explains is ~13 km2.
GROWTH_TOLERANCE_KM2 = 0.1


def check_sequences(zones: Sequence[ZoneVersion], name: str) -> list[Problem]:
    """Each zone's versions, in date order, follow one another without a gap, and each
    reaches beyond the one before only where its ``grows`` says why."""
    problems = []
    for zone_id in sorted({version.zone_id for version in zones}):
        ordered = sorted((v for v in zones if v.zone_id == zone_id), key=lambda v: v.valid_from)
        for before, after in itertools.pairwise(ordered):
            problems += _gap_problems(before, after, name)
            problems += _growth_problems(before, after, name)
    return problems


def _gap_problems(before: ZoneVersion, after: ZoneVersion, name: str) -> list[Problem]:
    # overlaps are reported by the catalog, the start of an ended version by check_ended
    if after.status == ENDED or before.valid_to is None or after.valid_from <= before.valid_to:
        return []
    gap = (after.valid_from - before.valid_to).days - 1
    if not gap:
        return []
    message = f"starts {gap} day(s) after {before.id!r} ends ({before.valid_to}): a gap"
    return [Problem(name, after.id, "valid_from", message)]


def _growth_problems(before: ZoneVersion, after: ZoneVersion, name: str) -> list[Problem]:
    extra = geometry.area_km2(after.geometry.difference(before.geometry))
    if extra > GROWTH_TOLERANCE_KM2 and after.grows is None:
        message = f"reaches {extra:.1f} km2 beyond {before.id!r}, the version before: say why"
        return [Problem(name, after.id, "grows", message)]
    if extra <= GROWTH_TOLERANCE_KM2 and after.grows is not None:
        message = f"says why it grows, but it lies within {before.id!r}, the version before"
        return [Problem(name, after.id, "grows", message)]
    return []


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
    last = [v for v in others if v.status != ENDED and v.valid_to == day_before]
    if not last:
        message = f"no earlier version of zone {version.zone_id} ends on {day_before}"
        problems.append(Problem(name, version.id, "valid_from", message))
    elif not version.geometry.equals(last[0].geometry):
        message = f"an ended zone keeps the outline of its last version, {last[0].id!r}"
        problems.append(Problem(name, version.id, "geometry", message))
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
