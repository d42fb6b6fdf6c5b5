"""A place's history: each zone version that held it, and the events whose lines took it
in and left it out (:func:`place_history`).

Examples
--------
>>> from astana.data.catalog import load_atlas
>>> atlas = load_atlas()
>>> idlib = next(p for p in atlas.places if p.id == "idlib")
>>> first = place_history(atlas, idlib)[0]
>>> first.zone_id, first.status, first.entered_by.id
(1, 'declared', 'memorandum-signed-2017-05-04')
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from shapely.geometry import Point

from astana.compare.changes import ground_held
from astana.data.models import Atlas, Event, Place, ZoneVersion


@dataclass(frozen=True)
class PlacePeriod:
    """A zone version that held a place, with the events that moved a line across it.

    ``entered_by`` is set on the first period of a stay: the event whose version first
    held the place. ``left_by`` on the last: the event of the zone's next version, which no
    longer holds it (``left_on`` its first day); None while the place stays inside.
    """

    version: ZoneVersion
    basis: Event | None  # the event this version rests on
    entered_by: Event | None
    left_by: Event | None
    left_on: dt.date | None

    @property
    def zone_id(self) -> int:
        return self.version.zone_id

    @property
    def status(self) -> str:
        return self.version.status

    @property
    def valid_from(self) -> dt.date:
        return self.version.valid_from

    @property
    def valid_to(self) -> dt.date | None:
        return self.version.valid_to


def holds(version: ZoneVersion, place: Place) -> bool:
    """True when the version's ground holds the place (its edge included)."""
    return ground_held(version).covers(Point(place.lon, place.lat))


def place_history(atlas: Atlas, place: Place) -> tuple[PlacePeriod, ...]:
    """Each zone version that held ``place``, in date order (then by zone).

    Examples
    --------
    >>> from astana.data.catalog import load_atlas
    >>> atlas = load_atlas()
    >>> douma = next(p for p in atlas.places if p.id == "douma")
    >>> periods = place_history(atlas, douma)
    >>> len(periods), periods[-1].version.id, periods[-1].left_by.id
    (8, 'zone-4-2018-03-31', 'ghouta-retaken-2018-04-14')
    """
    events = {event.id: event for event in atlas.events}
    periods = []
    for zone_id in sorted({v.zone_id for v in atlas.zones}):
        versions = sorted((v for v in atlas.zones if v.zone_id == zone_id), key=_start)
        inside = [holds(version, place) for version in versions]
        for index, version in enumerate(versions):
            if not inside[index]:
                continue
            following = versions[index + 1] if index + 1 < len(versions) else None
            exit_by = following if following is not None and not inside[index + 1] else None
            basis = events.get(version.basis)
            periods.append(
                PlacePeriod(
                    version=version,
                    basis=basis,
                    entered_by=basis if index == 0 or not inside[index - 1] else None,
                    left_by=events.get(exit_by.basis) if exit_by else None,
                    left_on=exit_by.valid_from if exit_by else None,
                )
            )
    return tuple(sorted(periods, key=lambda p: (p.valid_from, p.zone_id)))


def _start(version: ZoneVersion) -> dt.date:
    return version.valid_from
