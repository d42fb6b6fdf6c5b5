"""What changed from one version of a zone to the next: the ground lost and gained, the
places taken (or retaken), the date and the sources (:func:`version_change`).

Computed from the outlines, never authored: areas in an equal-area projection
(:mod:`astana.geometry`), ground lost and gained as :func:`astana.compare.diff` measures
it (slivers narrower than :data:`astana.compare.changes.SLIVER_KM` left out), places
tested against the full-precision outlines. An ``ended`` version holds no ground, so
everything its zone still held is "no longer covered" (:attr:`VersionChange.ended`), not
taken.

Examples
--------
>>> from astana.data.catalog import load_atlas
>>> atlas = load_atlas()
>>> change = version_changes(atlas)["zone-4-2018-03-18"]
>>> change.previous.id, round(change.lost_km2), [p.name for p in change.places_taken][-2:]
('zone-4-2018-03-15', 9, ['Kafr Batna', 'Saqba'])
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import shapely

from astana import geometry
from astana.compare.changes import SLIVER_KM, ground_held
from astana.data.lifecycle import ENDED
from astana.data.models import Atlas, Event, Place, Source, ZoneVersion


@dataclass(frozen=True)
class VersionChange:
    """One zone version against the zone's version before it (``previous``, None for the
    zone's first). Areas in km2, unrounded: ``area_km2`` is the ground this version holds
    (0 once ended), ``previous_area_km2`` the ground the previous one held.

    ``area_km2 = previous_area_km2 - lost_km2 + gained_km2``, up to the slivers left out.
    """

    version: ZoneVersion
    previous: ZoneVersion | None
    area_km2: float
    previous_area_km2: float
    lost_km2: float
    gained_km2: float
    places_taken: tuple[Place, ...]  # inside the previous outline, outside this one
    places_regained: tuple[Place, ...]  # the reverse (a version that grows)
    basis: Event | None  # the event the version rests on (None if the atlas lacks it)
    sources: tuple[Source, ...]  # the version's own, then its basis event's (new URLs only)

    @property
    def date(self) -> dt.date:
        """The day the change took effect: the version's first day."""
        return self.version.valid_from

    @property
    def ended(self) -> bool:
        """True when the zone ended here: what it held is no longer covered, not taken."""
        return self.version.status == ENDED

    @property
    def first(self) -> bool:
        """True for the zone's first version, which has nothing to compare with."""
        return self.previous is None

    @property
    def grows(self) -> str | None:
        """Why this version reaches beyond the previous one (None when it does not)."""
        return self.version.grows


def previous_version(atlas: Atlas, version: ZoneVersion) -> ZoneVersion | None:
    """The version of the same zone that began last before ``version`` (None: its first).

    >>> from astana.data.catalog import load_atlas
    >>> atlas = load_atlas()
    >>> first = min((v for v in atlas.zones if v.zone_id == 2), key=lambda v: v.valid_from)
    >>> previous_version(atlas, first) is None
    True
    """
    earlier = [
        other
        for other in atlas.zones
        if other.zone_id == version.zone_id and other.valid_from < version.valid_from
    ]
    return max(earlier, key=lambda other: other.valid_from, default=None)


def version_change(atlas: Atlas, version: ZoneVersion) -> VersionChange:
    """What changed at ``version`` since the zone's previous version.

    Examples
    --------
    >>> from astana.data.catalog import load_atlas
    >>> atlas = load_atlas()
    >>> version = next(v for v in atlas.zones if v.id == "zone-3-2018-07-06")
    >>> change = version_change(atlas, version)
    >>> round(change.lost_km2, -1), "Nasib" in [p.name for p in change.places_taken]
    (1330.0, True)
    """
    previous = previous_version(atlas, version)
    held, held_before = ground_held(version), ground_held(previous)
    if previous is None or held is held_before:  # nothing before, or the same outline
        lost_km2 = gained_km2 = 0.0
    else:
        lost = geometry.solid_parts(held_before.difference(held), SLIVER_KM)
        gained = geometry.solid_parts(held.difference(held_before), SLIVER_KM)
        lost_km2, gained_km2 = geometry.area_km2(lost), geometry.area_km2(gained)
    inside, inside_before = _inside(atlas.places, held), _inside(atlas.places, held_before)
    events = {event.id: event for event in atlas.events}
    basis = events.get(version.basis)
    return VersionChange(
        version=version,
        previous=previous,
        area_km2=geometry.area_km2(held),
        previous_area_km2=geometry.area_km2(held_before),
        lost_km2=lost_km2,
        gained_km2=gained_km2,
        places_taken=_only_in(atlas.places, inside_before, inside),
        places_regained=_only_in(atlas.places, inside, inside_before) if previous else (),
        basis=basis,
        sources=_cited(version.sources, basis.sources if basis else ()),
    )


def version_changes(atlas: Atlas) -> dict[str, VersionChange]:
    """:func:`version_change` for every zone version, by version id, in each zone's order.

    >>> from astana.data.catalog import load_atlas
    >>> changes = version_changes(load_atlas())
    >>> changes["zone-3-2018-07"].ended, round(changes["zone-3-2018-07"].area_km2)
    (True, 0)
    """
    ordered = sorted(atlas.zones, key=lambda v: (v.zone_id, v.valid_from))
    return {version.id: version_change(atlas, version) for version in ordered}


def _inside(places: tuple[Place, ...], ground) -> list[bool]:
    """Which places lie inside ``ground`` (on its edge counts as outside)."""
    if ground.is_empty or not places:
        return [False] * len(places)
    lons, lats = [p.lon for p in places], [p.lat for p in places]
    return [bool(flag) for flag in shapely.contains_xy(ground, lons, lats)]


def _only_in(places: tuple[Place, ...], first: list[bool], second: list[bool]) -> tuple:
    """The places inside by ``first`` and not by ``second``, by name."""
    found = (
        place for place, one, two in zip(places, first, second, strict=True) if one and not two
    )
    return tuple(sorted(found, key=lambda place: place.name.casefold()))


def _cited(own: tuple[Source, ...], more: tuple[Source, ...]) -> tuple[Source, ...]:
    """``own`` sources, then those of ``more`` whose URL ``own`` does not cite already (the
    same page is often cited by both, under slightly different titles)."""
    urls = {source.url for source in own}
    return (*own, *(source for source in more if source.url not in urls))
