"""What changed at each zone version: km2 lost and gained, places taken, date, sources."""

from __future__ import annotations

import datetime as dt

import pytest
from shapely.geometry import Point, box

from astana import geometry
from astana.compare import version_change, version_changes
from astana.compare.versions import previous_version
from astana.data.models import Atlas, Event, Place, Source, ZoneVersion

SOURCE = Source(title="T", publisher="P", date="2018-07-06", url="https://example.org/a")


@pytest.fixture(scope="module")
def changes(atlas):
    return version_changes(atlas)


def test_the_eastern_daraa_deal_takes_1330_km2_and_nasib(atlas, changes):
    change = changes["zone-3-2018-07-06"]
    assert change.previous.id == "zone-3-2018-06-26"
    assert change.date.isoformat() == "2018-07-06"
    # the outlines themselves: 2,558 km2 on 26 June, 1,228 km2 from 6 July
    assert change.lost_km2 == pytest.approx(1330, abs=5) and change.gained_km2 == 0
    assert change.area_km2 == pytest.approx(geometry.area_km2(change.version.geometry))
    taken = {place.name for place in change.places_taken}
    assert {"Nasib", "Bosra al-Sham", "Saida", "Al-Musayfirah"} <= taken
    assert not taken & {"Daraa al-Balad", "Nawa", "Quneitra"}  # taken later


def test_km2_lost_and_gained_add_up_to_the_two_areas(changes):
    for change in changes.values():
        if change.first:
            continue
        expected = change.previous_area_km2 - change.area_km2 + change.gained_km2
        assert change.lost_km2 == pytest.approx(expected, abs=1.0), change.version.id


def test_places_taken_lie_in_the_previous_outline_and_not_in_this_one(atlas, changes):
    for change in changes.values():
        if change.first:
            continue
        before = change.previous.geometry
        now = change.version.geometry if not change.ended else box(0, 0, 0, 0)
        expected = {
            place.id
            for place in atlas.places
            if before.contains(Point(place.lon, place.lat))
            and not now.contains(Point(place.lon, place.lat))
        }
        assert {place.id for place in change.places_taken} == expected, change.version.id


def test_an_ended_zone_leaves_everything_no_longer_covered(changes):
    change = changes["zone-4-2018-04"]
    assert change.ended and change.area_km2 == 0
    assert change.lost_km2 == pytest.approx(change.previous_area_km2)
    assert [place.name for place in change.places_taken] == ["Douma"]


def test_the_first_version_has_nothing_before_it(atlas, changes):
    change = changes["zone-1-2017-05"]
    assert change.first and previous_version(atlas, change.version) is None
    assert (change.lost_km2, change.gained_km2, change.places_taken) == (0, 0, ())


def test_a_version_that_grows_gains_ground_and_says_why(changes):
    change = changes["zone-1-2020-02-27"]  # the rebels retook Saraqib on 27 February 2020
    assert change.grows and change.gained_km2 > 100 and change.lost_km2 > 100
    assert "Saraqib" in {place.name for place in change.places_regained}
    assert all(c.gained_km2 < 1 for c in changes.values() if not c.grows)


def test_a_change_cites_the_version_and_its_basis_event(atlas, changes):
    change = changes["zone-3-2018-07-06"]
    urls = [source.url for source in change.sources]
    assert urls[: len(change.version.sources)] == [s.url for s in change.version.sources]
    assert {s.url for s in atlas.event("nasib-2018-07-06").sources} <= set(urls)
    assert len(urls) == len(set(urls))


def _version(version_id: str, day: str, shape, status="in_force") -> ZoneVersion:
    return ZoneVersion.model_construct(
        id=version_id, zone_id=1, name="Zone 1", aliases=(), status=status, valid_from=day,
        valid_to=None, basis="deal", method="m", grows=None, precision="p",
        sources=(SOURCE,), geometry=shape,
    )  # fmt: skip


def _place(place_id: str, lon: float, lat: float) -> Place:
    return Place.model_construct(id=place_id, name=place_id, lon=lon, lat=lat)


def test_a_hand_made_zone_that_loses_its_east_half():
    before = _version("a", dt.date(2018, 1, 1), box(36.0, 35.0, 36.2, 35.1))
    after = _version("b", dt.date(2018, 2, 1), box(36.0, 35.0, 36.1, 35.1))
    event = Event.model_construct(id="deal", sources=(SOURCE,))
    places = (_place("west", 36.05, 35.05), _place("east", 36.15, 35.05))
    atlas = Atlas((), (event,), (after, before), places, box(35, 32, 42, 37))
    change = version_change(atlas, after)
    assert change.previous is before and change.basis is event
    assert change.lost_km2 == pytest.approx(geometry.area_km2(box(36.1, 35.0, 36.2, 35.1)))
    assert [place.id for place in change.places_taken] == ["east"]
    assert change.sources == (SOURCE,)  # the same source once
