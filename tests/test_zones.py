"""The zone outlines against what the sources say: towns on both sides of every version's
line (tests/zone_towns.py, each with its source), each version within the one before
unless the data says why, no overlaps, inside the border, plausible areas, and (where
../shared/reference exists) the governorates each zone lies in.
"""

from __future__ import annotations

import itertools
import json
import re

import geopandas as gpd
import pytest
from shapely.geometry import Point
from zone_towns import ESTIMATED, SOURCES, VERSION_TOWNS

from astana.data.catalog import REPO_ROOT, find_problems
from astana.data.lifecycle import GROWTH_TOLERANCE_KM2
from astana.geometry import area_km2, overlap_km2

# Outside every version of the zone, whatever the date (IDSA fn 31 and the zone rules'
# sources: Afrin and the Euphrates Shield area were in no zone; government-held cities; the
# Yarmouk basin held by the ISIS-affiliated Khalid ibn al-Walid Army; the occupied Golan).
ALWAYS_OUTSIDE = {
    1: ["afrin", "jindayris", "azaz", "al-bab", "jarablus", "aleppo", "hama", "latakia", "hadir"],
    2: ["homs", "hama"],
    3: ["daraa-al-mahatta", "izra", "sheikh-miskin", "jamla", "shajara", "majdal-shams",
        "suwayda", "madinat-al-baath"],
    4: ["damascus", "jaramana", "mulayhah", "dayr-al-asafir", "babila"],
}  # fmt: skip

# Plausible areas in km2 of the 2017 outlines (research notes: Eastern Ghouta "just over
# 100 km2" by early 2018; Idlib governorate alone is about 6,100 km2). Later versions only
# shrink from these, unless their `grows` says why.
FIRST_AREA = {1: (4_000, 10_000), 2: (200, 1_200), 3: (2_000, 6_000), 4: (80, 160)}


def _versions(atlas, zone_id):
    return sorted((v for v in atlas.zones if v.zone_id == zone_id), key=lambda v: v.valid_from)


def _point(atlas, town):
    if town in ESTIMATED:
        return Point(*ESTIMATED[town])
    place = next(p for p in atlas.places if p.id == town)
    return Point(place.lon, place.lat)


def _pairs(atlas):
    for zone_id in (1, 2, 3, 4):
        versions = _versions(atlas, zone_id)
        yield from itertools.pairwise(versions)


def test_every_version_in_force_has_sourced_towns_on_both_sides(atlas):
    in_force = {v.id for v in atlas.zones if v.status == "in_force"}
    missing = sorted(in_force - set(VERSION_TOWNS))
    assert not missing, f"no towns checked for {missing}"
    for version_id, (inside, outside) in VERSION_TOWNS.items():
        assert inside and outside, version_id


@pytest.mark.parametrize("version_id", sorted(VERSION_TOWNS))
def test_sourced_towns_fall_on_their_side_of_the_line(atlas, version_id):
    version = next(v for v in atlas.zones if v.id == version_id)
    inside, outside = VERSION_TOWNS[version_id]
    left_out = [t for t, _ in inside if not version.geometry.contains(_point(atlas, t))]
    taken_in = [t for t, _ in outside if version.geometry.contains(_point(atlas, t))]
    assert not left_out, f"{version_id} leaves out {left_out}"
    assert not taken_in, f"{version_id} wrongly includes {taken_in}"


def test_every_source_the_towns_cite_is_cited_in_the_data():
    data = "".join(path.read_text("utf-8") for path in sorted((REPO_ROOT / "data").glob("*.yaml")))
    cited = {key for rows in VERSION_TOWNS.values() for side in rows for _, key in side}
    assert cited <= set(SOURCES), sorted(cited - set(SOURCES))
    absent = [key for key in sorted(cited) if SOURCES[key] not in data]
    assert not absent, f"not cited in data/: {absent}"


@pytest.mark.parametrize("zone_id", sorted(ALWAYS_OUTSIDE))
def test_towns_held_by_others_fall_outside_every_version(atlas, zone_id):
    for version in _versions(atlas, zone_id):
        wrong = [t for t in ALWAYS_OUTSIDE[zone_id] if version.geometry.contains(_point(atlas, t))]
        assert not wrong, f"{version.id} wrongly includes {wrong}"


def test_every_zone_is_declared_then_in_force_then_ended(atlas):
    # Research notes: Ghouta ended April 2018, northern Homs May 2018, the south July 2018;
    # the atlas ends Idlib on 27 November 2024 (event hts-offensive-2024-11-27).
    for zone_id in (1, 2, 3, 4):
        statuses = [v.status for v in _versions(atlas, zone_id)]
        assert statuses[0] == "declared" and statuses[-1] == "ended", zone_id
        assert set(statuses[1:-1]) == {"in_force"}, zone_id


def test_each_version_follows_the_one_before_without_a_gap(atlas):
    for before, after in _pairs(atlas):
        assert (after.valid_from - before.valid_to).days == 1, after.id


def test_each_version_lies_within_the_one_before_or_says_why(atlas):
    grown = []
    for before, after in _pairs(atlas):
        extra = area_km2(after.geometry.difference(before.geometry))
        assert (extra > GROWTH_TOLERANCE_KM2) == (after.grows is not None), (after.id, extra)
        if after.grows:
            grown.append(after.id)
    # the four the research found: two enclaves emptied, ground retaken in February 2020
    assert grown == ["zone-1-2018-07", "zone-1-2020-02-25", "zone-1-2020-02-27",
                     "zone-1-2020-03-02"]  # fmt: skip


def test_areas_never_grow_without_a_note(atlas):
    for before, after in _pairs(atlas):
        if after.grows is None:
            assert area_km2(after.geometry) <= area_km2(before.geometry) + GROWTH_TOLERANCE_KM2


def test_an_ended_zone_keeps_its_last_outline(atlas):
    for zone_id in (1, 2, 3, 4):
        *_, last, ended = _versions(atlas, zone_id)
        assert ended.status == "ended" and ended.geometry.equals(last.geometry), zone_id


def _edit_zones(root, change):
    path = root / "geodata/zones.geojson"
    document = json.loads(path.read_text("utf-8"))
    change({f["properties"]["id"]: f for f in document["features"]})
    path.write_text(json.dumps(document), "utf-8")


def test_validate_refuses_growth_without_a_reason_and_a_reason_without_growth(data_copy):
    def change(features):
        features["zone-1-2018-07"]["properties"]["grows"] = None
        features["zone-4-2018-03-11"]["properties"]["grows"] = "ground retaken"
        features["zone-3-2018-07-16"]["properties"]["valid_from"] = "2018-07-17"
        features["zone-2-2018-05"]["geometry"] = features["zone-4-2018-03-31"]["geometry"]

    _edit_zones(data_copy, change)
    problems = "\n".join(str(p) for p in find_problems(data_copy))
    for line in (
        "zone-1-2018-07: grows: reaches 13.3 km2 beyond 'zone-1-2018-01', the version before",
        "zone-4-2018-03-11: grows: says why it grows, but it lies within 'zone-4-2018-03-07'",
        "zone-3-2018-07-16: valid_from: starts 1 day(s) after 'zone-3-2018-07-12' ends",
        "zone-2-2018-05: geometry: an ended zone keeps the outline of its last version",
    ):
        assert "geodata/zones.geojson: " + line in problems, problems


def test_zones_never_overlap(atlas):
    for index, first in enumerate(atlas.zones):
        for second in atlas.zones[index + 1 :]:
            if first.zone_id != second.zone_id:
                assert overlap_km2(first.geometry, second.geometry) == 0.0


def test_every_version_lies_inside_the_border(atlas):
    for version in atlas.zones:
        assert area_km2(version.geometry.difference(atlas.border)) < 0.01, version.id


@pytest.mark.parametrize("zone_id", sorted(FIRST_AREA))
def test_the_2017_areas_are_plausible(atlas, zone_id):
    low, high = FIRST_AREA[zone_id]
    assert low <= area_km2(_versions(atlas, zone_id)[0].geometry) <= high


def test_every_version_says_how_it_was_drawn(atlas):
    for version in atlas.zones:
        assert version.method.startswith("Approximate outline")
        assert re.search(r"\bkm\b", version.precision), version.id


def test_pockets_are_drawn_as_separate_polygons(atlas):
    # Eastern Ghouta was cut into three pockets on 10-11 March 2018 (TRT World/AFP; Reuters
    # via Iran Daily), two after Harasta was emptied (Xinhua, 24 March), Douma alone from
    # 31 March (Gulf Times); western Daraa in two from 12 July 2018 (Times of Israel/AFP).
    pockets = {v.id: len(getattr(v.geometry, "geoms", [v.geometry])) for v in atlas.zones}
    assert [pockets[f"zone-4-2018-03-{day}"] for day in ("07", "11", "23", "31")] == [1, 3, 2, 1]
    assert pockets["zone-3-2018-07-12"] == 2
    assert (
        "3 polygons (separate pockets)"
        in next(v for v in atlas.zones if v.id == "zone-4-2018-03-11").method
    )


# Governorates (OCHA names) each zone may cover, and the share that must lie in them.
GOVERNORATES = {
    1: {"Idleb", "Aleppo", "Hama", "Lattakia"},
    2: {"Homs", "Hama"},
    3: {"Dar'a", "Quneitra", "As-Sweida"},
    4: {"Rural Damascus", "Damascus"},
}
OCHA_NAMES = {
    "Idlib": "Idleb", "Latakia": "Lattakia", "Rif Dimashq": "Rural Damascus", "Daraa": "Dar'a",
    "As-Suwayda": "As-Sweida", "Al-Hasakah": "Al-Hasakeh", "Raqqa": "Ar-Raqqa",
    "Deir ez-Zor": "Deir-ez-Zor", "Tartus": "Tartous",
}  # fmt: skip


@pytest.fixture(scope="module")
def governorates(reference_dir):
    return gpd.read_file(reference_dir / "syr_adm1_governorates.geojson")


def _share_in(version, governorates, names) -> float:
    """Share of a version's area inside the named governorates, of its area inside the
    reference's Syria (the Natural Earth and OCHA borders differ by a few km)."""
    syria = governorates.union_all()
    wanted = governorates[governorates.ADM1_EN.isin(names)].union_all()
    inside = area_km2(version.geometry.intersection(syria))
    return area_km2(version.geometry.intersection(wanted)) / inside


@pytest.mark.parametrize("zone_id", sorted(GOVERNORATES))
def test_zones_lie_in_their_governorates(atlas, governorates, zone_id):
    for version in _versions(atlas, zone_id):
        share = _share_in(version, governorates, GOVERNORATES[zone_id])
        assert share > 0.97, f"{version.id}: only {share:.1%} in {GOVERNORATES[zone_id]}"


def test_zone_3_is_mostly_daraa_and_quneitra(atlas, governorates):
    # RN: the July agreement also named As-Sweida, but the memorandum's zone is Daraa and
    # Quneitra (IDSA fn 31).
    for version in _versions(atlas, 3):
        assert _share_in(version, governorates, {"Dar'a", "Quneitra"}) > 0.9


def test_places_lie_in_their_governorate(atlas, governorates):
    for place in atlas.places:
        name = OCHA_NAMES.get(place.governorate, place.governorate)
        polygon = governorates.loc[governorates.ADM1_EN.eq(name)].geometry
        assert len(polygon) == 1, f"{place.id}: unknown governorate {place.governorate!r}"
        # 1 km: coastal and border towns sit on the edge of the generalised polygons
        assert polygon.iloc[0].distance(Point(place.lon, place.lat)) < 0.01, place.id


def test_each_version_lists_a_source_once(atlas):
    # a version and its outline rule may cite the same source; popups list it once
    for version in atlas.zones:
        urls = [source.url for source in version.sources]
        assert len(urls) == len(set(urls)), version.id
