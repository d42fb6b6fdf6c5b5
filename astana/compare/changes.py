"""What changed between two dates: per zone, the ground held on each and the ground lost
and gained between them (:func:`diff`).

A zone holds its version's outline while declared or in force, and no ground once
``ended``. Areas are measured in an equal-area projection (:mod:`astana.geometry`).

Examples
--------
>>> import datetime as dt
>>> from astana.data.catalog import load_atlas
>>> change = diff(load_atlas(), dt.date(2017, 9, 20), dt.date(2018, 8, 1)).zones[3]
>>> change.zone_id, change.change, change.area_after_km2, change.after.status
(4, 'lost', 0.0, 'ended')
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from shapely.geometry import MultiPolygon
from shapely.geometry.base import BaseGeometry

from astana import geometry
from astana.data.lifecycle import ENDED
from astana.data.models import Atlas, Step, ZoneVersion
from astana.timeline import build_steps, step_on

SLIVER_KM = 0.05  # lost or gained ground narrower than this is drawing noise, not ground


@dataclass(frozen=True)
class ZoneChange:
    """One zone on two dates: its versions, the ground it held and what changed.

    Areas are in km2 (unrounded); ``lost`` is held on the first date and not the second,
    ``gained`` the reverse, both MultiPolygons (empty when nothing changed).
    """

    zone_id: int
    name: str
    before: ZoneVersion | None  # the version on the first date (None: not yet declared)
    after: ZoneVersion | None
    area_before_km2: float
    area_after_km2: float
    lost: MultiPolygon
    gained: MultiPolygon
    lost_km2: float
    gained_km2: float
    # The zone's versions that began after the earlier date, up to the later one: the
    # agreements, offensives and surrenders that moved its line (or changed its status).
    versions_between: tuple[ZoneVersion, ...] = ()

    @property
    def change(self) -> str:
        """``lost``, ``gained``, ``lost and gained`` or ``unchanged`` (ground, not status)."""
        parts = (("lost", self.lost), ("gained", self.gained))
        kinds = [kind for kind, part in parts if not part.is_empty]
        return " and ".join(kinds) or "unchanged"


@dataclass(frozen=True)
class Comparison:
    """The zones on ``date_a`` and ``date_b``, and the steps dated after the earlier date up
    to the later one (both may be in either order)."""

    date_a: dt.date
    date_b: dt.date
    step_a: Step | None  # the slider step in force on each date
    step_b: Step | None
    zones: tuple[ZoneChange, ...]  # every zone with a version on either date, by zone_id
    steps_between: tuple[Step, ...]


def ground_held(version: ZoneVersion | None) -> BaseGeometry:
    """The ground a zone version stands for: its outline, or nothing once the zone ended."""
    if version is None or version.status == ENDED:
        return MultiPolygon()
    return version.geometry


def diff(atlas: Atlas, date_a: dt.date, date_b: dt.date) -> Comparison:
    """Compare the zones on two dates.

    Per zone: ``area_after_km2 = area_before_km2 - lost_km2 + gained_km2``, up to the slivers
    narrower than :data:`SLIVER_KM` left out of ``lost`` and ``gained``.

    Examples
    --------
    >>> import datetime as dt
    >>> from astana.data.catalog import load_atlas
    >>> comparison = diff(load_atlas(), dt.date(2017, 5, 6), dt.date(2017, 9, 20))
    >>> [(z.zone_id, z.before.status, z.after.status, z.change) for z in comparison.zones][0]
    (1, 'declared', 'in_force', 'unchanged')
    """
    steps = build_steps(atlas)
    low, high = sorted((date_a, date_b))
    on_either = (v for v in atlas.zones if v.in_force_on(date_a) or v.in_force_on(date_b))
    zone_ids = sorted({version.zone_id for version in on_either})
    return Comparison(
        date_a,
        date_b,
        step_on(steps, date_a),
        step_on(steps, date_b),
        tuple(_zone_change(atlas, zone_id, date_a, date_b) for zone_id in zone_ids),
        tuple(step for step in steps if low < step.date <= high),
    )


def _version_on(atlas: Atlas, zone_id: int, day: dt.date) -> ZoneVersion | None:
    return next((v for v in atlas.zones if v.zone_id == zone_id and v.in_force_on(day)), None)


def _zone_change(atlas: Atlas, zone_id: int, date_a: dt.date, date_b: dt.date) -> ZoneChange:
    before, after = _version_on(atlas, zone_id, date_a), _version_on(atlas, zone_id, date_b)
    low, high = sorted((date_a, date_b))
    between = [v for v in atlas.zones if v.zone_id == zone_id and low < v.valid_from <= high]
    held_a, held_b = ground_held(before), ground_held(after)
    if held_a is held_b:  # the same outline: nothing to overlay
        lost = gained = MultiPolygon()
    else:
        lost = geometry.solid_parts(held_a.difference(held_b), SLIVER_KM)
        gained = geometry.solid_parts(held_b.difference(held_a), SLIVER_KM)
    named = after if after is not None else before
    return ZoneChange(
        zone_id=zone_id,
        name=named.name if named is not None else f"Zone {zone_id}",
        before=before,
        after=after,
        area_before_km2=geometry.area_km2(held_a),
        area_after_km2=geometry.area_km2(held_b),
        lost=lost,
        gained=gained,
        lost_km2=geometry.area_km2(lost),
        gained_km2=geometry.area_km2(gained),
        versions_between=tuple(sorted(between, key=lambda version: version.valid_from)),
    )
