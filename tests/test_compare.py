"""Comparing two dates and a place's history agree with what the zone versions say.

Written from the atlas's own versions (every date a version starts or ends), so that they
hold as versions are added; two made-up versions (zone 1 losing ground around a town, and
gaining some) check the cases the repository's data may not have yet.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools

import pytest
from shapely.geometry import Point, box

from astana import geometry
from astana.compare import diff, ground_held, holds, place_history
from astana.data.lifecycle import ENDED
from astana.data.models import Atlas, ZoneVersion
from astana.timeline import build_steps, zones_on

TOLERANCE_KM2 = 0.25  # slivers along a shared edge are left out of lost and gained
DAY = dt.timedelta(days=1)


def boundary_days(atlas: Atlas) -> list[dt.date]:
    """Every day a zone version starts, and the day after one ends, plus a day before all."""
    starts = {v.valid_from for v in atlas.zones}
    after_ends = {v.valid_to + DAY for v in atlas.zones if v.valid_to is not None}
    return sorted(starts | after_ends | {min(starts) - DAY})


def day_pairs(atlas: Atlas) -> list[tuple[dt.date, dt.date]]:
    """Each boundary day with the next one, and the first with every other."""
    days = boundary_days(atlas)
    return sorted(set(itertools.pairwise(days)) | {(days[0], day) for day in days[1:]})


def area_held(version: ZoneVersion | None) -> float:
    if version is None or version.status == ENDED:
        return 0.0
    return geometry.area_km2(version.geometry)


def check_change_matches_versions(atlas: Atlas, first: dt.date, second: dt.date) -> None:
    comparison = diff(atlas, first, second)
    before = {v.zone_id: v for v in zones_on(atlas, first)}
    after = {v.zone_id: v for v in zones_on(atlas, second)}
    assert [z.zone_id for z in comparison.zones] == sorted(before.keys() | after.keys())
    for zone in comparison.zones:
        assert zone.before == before.get(zone.zone_id)
        assert zone.after == after.get(zone.zone_id)
        assert zone.area_before_km2 == pytest.approx(area_held(zone.before))
        assert zone.area_after_km2 == pytest.approx(area_held(zone.after))
        expected = zone.area_before_km2 - zone.lost_km2 + zone.gained_km2
        assert zone.area_after_km2 == pytest.approx(expected, abs=TOLERANCE_KM2)
        # Lost ground was held on the first date and not the second; gained the reverse.
        held_a, held_b = ground_held(zone.before), ground_held(zone.after)
        assert geometry.area_km2(zone.lost.difference(held_a)) < TOLERANCE_KM2
        assert geometry.overlap_km2(zone.lost, held_b) < TOLERANCE_KM2
        assert geometry.area_km2(zone.gained.difference(held_b)) < TOLERANCE_KM2
        assert geometry.overlap_km2(zone.gained, held_a) < TOLERANCE_KM2
        assert ("lost" in zone.change) == (zone.lost_km2 > 0)
        assert ("gained" in zone.change) == (zone.gained_km2 > 0)


def test_every_diff_between_version_boundaries_matches_the_versions(atlas):
    for first, second in day_pairs(atlas):
        check_change_matches_versions(atlas, first, second)


def test_the_diff_of_the_issue_shows_the_three_ended_zones_lost(atlas):
    comparison = diff(atlas, dt.date(2017, 9, 20), dt.date(2018, 8, 1))
    changes = {zone.zone_id: zone for zone in comparison.zones}
    assert set(changes) == {1, 2, 3, 4}
    for zone_id in (2, 3, 4):  # each ended before 1 August 2018: all its ground lost
        assert changes[zone_id].change == "lost"
        assert changes[zone_id].area_after_km2 == 0
        assert changes[zone_id].lost_km2 == pytest.approx(changes[zone_id].area_before_km2)
        assert changes[zone_id].after.basis in {v.basis for v in changes[zone_id].versions_between}


def test_steps_between_are_those_after_the_first_date_up_to_the_second(atlas):
    first, second = dt.date(2017, 9, 20), dt.date(2018, 8, 1)
    between = diff(atlas, first, second).steps_between
    assert between == tuple(s for s in build_steps(atlas) if first < s.date <= second)
    assert {"sochi-congress-2018-01-30", "ghouta-retaken-2018-04-14"} <= {s.id for s in between}


def test_swapping_the_dates_swaps_lost_and_gained(atlas):
    for first, second in day_pairs(atlas):
        forward, backward = diff(atlas, first, second), diff(atlas, second, first)
        assert forward.steps_between == backward.steps_between
        for ahead, behind in zip(forward.zones, backward.zones, strict=True):
            assert (ahead.lost_km2, ahead.gained_km2) == (behind.gained_km2, behind.lost_km2)
            assert (ahead.before, ahead.after) == (behind.after, behind.before)


def test_a_date_compared_with_itself_has_no_change(atlas):
    for day in boundary_days(atlas):
        comparison = diff(atlas, day, day)
        assert comparison.steps_between == ()
        assert all(zone.change == "unchanged" for zone in comparison.zones)


def test_before_any_zone_every_zone_is_gained(atlas):
    first = boundary_days(atlas)[0]
    comparison = diff(atlas, first, dt.date(2017, 9, 20))
    assert comparison.zones and all(zone.before is None for zone in comparison.zones)
    assert all(zone.change == "gained" for zone in comparison.zones)


# --- Made-up versions: zone 1 loses the ground around a town, or gains some ---------------


def _longest_zone_1_version(atlas: Atlas) -> ZoneVersion:
    held = [v for v in atlas.zones if v.zone_id == 1 and v.status != ENDED]
    last_day = max(v.valid_to or v.valid_from for v in atlas.zones) + 400 * DAY

    def length(version: ZoneVersion) -> dt.timedelta:
        return (version.valid_to or last_day) - version.valid_from

    return max(held, key=length)


def reshaped_zone_1(atlas: Atlas, reshape) -> tuple[Atlas, ZoneVersion, ZoneVersion]:
    """The atlas with zone 1's longest version split in two: the second half reshaped."""
    version = _longest_zone_1_version(atlas)
    end = version.valid_to or version.valid_from + 800 * DAY
    split = version.valid_from + (end - version.valid_from) / 2
    basis = next(e for e in atlas.events if 1 in e.zones and e.date <= split)
    first = version.model_copy(update={"valid_to": split - DAY})
    second = version.model_copy(
        update={"id": "zone-1-made-up", "valid_from": split, "basis": basis.id,
                "geometry": reshape(version.geometry)}
    )  # fmt: skip
    zones = (*(v for v in atlas.zones if v is not version), first, second)
    return dataclasses.replace(atlas, zones=zones), first, second


def _town_held_by(atlas: Atlas, version: ZoneVersion):
    return next(p for p in sorted(atlas.places, key=lambda p: p.id) if holds(version, p))


def test_ground_lost_around_a_town_is_measured_and_the_town_leaves(atlas):
    town = _town_held_by(atlas, _longest_zone_1_version(atlas))
    cut = box(town.lon - 0.1, town.lat - 0.1, town.lon + 0.1, town.lat + 0.1)
    edited, first, second = reshaped_zone_1(atlas, lambda shape: shape.difference(cut))
    comparison = diff(edited, first.valid_from, second.valid_from)
    zone_1 = comparison.zones[0]
    assert (zone_1.zone_id, zone_1.change) == (1, "lost")
    assert zone_1.lost_km2 == pytest.approx(geometry.overlap_km2(first.geometry, cut), rel=1e-3)
    assert zone_1.versions_between == (second,)
    check_change_matches_versions(edited, first.valid_from, second.valid_from)
    period = next(p for p in place_history(edited, town) if p.version == first)
    assert period.left_by.id == second.basis and period.left_on == second.valid_from


def test_ground_gained_is_measured_and_a_town_there_enters(atlas):
    outside = next(p for p in atlas.places if not any(holds(v, p) for v in atlas.zones))
    grown = box(outside.lon - 0.05, outside.lat - 0.05, outside.lon + 0.05, outside.lat + 0.05)
    edited, first, second = reshaped_zone_1(atlas, lambda shape: shape.union(grown))
    zone_1 = diff(edited, first.valid_from, second.valid_from).zones[0]
    assert zone_1.change == "gained"
    expected = geometry.area_km2(grown.difference(first.geometry))
    assert zone_1.gained_km2 == pytest.approx(expected, rel=1e-3)
    (period,) = place_history(edited, outside)
    assert period.version == second and period.entered_by.id == second.basis


# --- A place's history -----------------------------------------------------------------


def test_every_place_history_lists_exactly_the_versions_holding_it(atlas):
    for place in atlas.places:
        point = Point(place.lon, place.lat)
        expected = sorted(
            (v for v in atlas.zones if v.status != ENDED and v.geometry.covers(point)),
            key=lambda v: (v.valid_from, v.zone_id),
        )
        assert [p.version for p in place_history(atlas, place)] == expected, place.id


def test_every_line_crossing_is_the_basis_of_the_version_that_moved_it(atlas):
    events = {event.id: event for event in atlas.events}
    for place in atlas.places:
        for period in place_history(atlas, place):
            same_zone = sorted(
                (v for v in atlas.zones if v.zone_id == period.zone_id), key=lambda v: v.valid_from
            )
            index = same_zone.index(period.version)
            earlier = same_zone[index - 1] if index else None
            later = same_zone[index + 1] if index + 1 < len(same_zone) else None
            took_in = earlier is None or not holds(earlier, place)
            assert period.entered_by == (events.get(period.version.basis) if took_in else None)
            if later is not None and not holds(later, place):
                assert (period.left_by, period.left_on) == (events[later.basis], later.valid_from)
            else:
                assert (period.left_by, period.left_on) == (None, None)


def test_a_town_of_an_ended_zone_leaves_it_with_the_event_that_ended_it(atlas):
    douma = next(p for p in atlas.places if p.id == "douma")
    history = place_history(atlas, douma)
    assert history[0].entered_by.id == "memorandum-signed-2017-05-04"
    ended = next(v for v in atlas.zones if v.zone_id == history[-1].zone_id and v.status == ENDED)
    assert history[-1].left_by.id == ended.basis
    assert history[-1].left_on == ended.valid_from
    assert all(period.status != ENDED for period in history)


def test_a_place_never_in_a_zone_has_no_history(atlas):
    damascus = next(p for p in atlas.places if p.id == "damascus")
    assert place_history(atlas, damascus) == ()
