"""The zone outlines against what the sources say: towns inside and outside each version,
no overlaps, inside the border, plausible areas, and (where ../shared/reference exists) the
governorates each zone lies in.

Sources named below:
- RN: shared/sources/RESEARCH_NOTES.md (zone towns, exclusions; it cites TASS, Al Jazeera,
  the Russian MoD and others);
- IDSA: the IDSA backgrounder, footnote 31 (Idlib, NE Latakia, W Aleppo, N Hama; Rastan in
  northern Homs; Daraa and Quneitra; Eastern Ghouta);
- YB: Al-Shahid, "Syrian opposition fighters clash with ISIS militants in Daraa" (the
  ISIS-affiliated Khalid ibn al-Walid Army holds the Yarmouk basin, Jamla and al-Shajara);
- WT: The Washington Times, 26 Apr 2018 (Rastan, Talbiseh and Houla held out north of Homs).
"""

from __future__ import annotations

import geopandas as gpd
import pytest
from shapely.geometry import Point

from astana.geometry import area_km2, overlap_km2

# zone_id -> (towns inside, towns outside); ids from geodata/places.geojson
EXPECTED = {
    1: (
        # IDSA fn 31 (Idlib); RN: Kabani (NE Latakia) and the N Hama pocket were in the zone
        ["idlib", "saraqib", "maarat-al-numan", "khan-shaykhun", "jisr-al-shughur", "ariha",
         "kabani", "kafr-zita", "latamneh", "morek", "darat-izza", "atarib", "khan-tuman"],
        # RN: Afrin (Kurdish-led), Euphrates Shield (Azaz, al-Bab, Jarablus) not in any zone;
        # Fuah and Kafriya government-held enclaves; Aleppo, Hama, Latakia government-held
        ["afrin", "jindayris", "azaz", "al-bab", "jarablus", "aleppo", "hama", "latakia",
         "fuah", "kafriya", "nubl", "hadir"],
    ),
    2: (
        # RN (northern Homs towns); WT
        ["rastan", "talbiseh", "teir-maalah", "ghanto", "kafr-laha", "taldou",
         "al-dar-al-kabirah"],
        ["homs", "hama", "qabu"],
    ),
    3: (
        # RN: rebel-held Nawa, Jasim, Inkhil, Tafas, Bosra al-Sham, the Nasib crossing,
        # Daraa al-Balad
        ["nawa", "jasim", "inkhil", "tafas", "bosra", "nasib-border-crossing", "daraa-al-balad",
         "dael", "kafr-shams", "busr-al-harir"],
        # RN: Daraa al-Mahatta government-held; YB: Yarmouk basin (ISIS-affiliated);
        # issue/IDSA: government-held towns left out; Majdal Shams is in the occupied Golan
        ["daraa-al-mahatta", "izra", "sheikh-miskin", "khirbet-ghazaleh", "sanamayn", "jamla",
         "shajara", "majdal-shams", "suwayda", "madinat-al-baath"],
    ),
    4: (
        # RN: the Eastern Ghouta towns and the Jobar front
        ["douma", "harasta", "arbin", "zamalka", "ein-tarma", "kafr-batna", "saqba",
         "hamouriyah", "jisrin", "misraba", "mudira", "beit-sawa", "hazzeh", "eftreis", "jobar"],
        ["damascus", "jaramana", "mulayhah", "dayr-al-asafir", "babila"],
    ),
}  # fmt: skip

# Plausible areas in km2 (RN: Eastern Ghouta "just over 100 km2" by early 2018; the issue:
# "order of 100-150 km2"; Idlib governorate alone is about 6,100 km2).
AREA_RANGES = {1: (4_000, 10_000), 2: (200, 1_200), 3: (2_000, 6_000), 4: (80, 160)}


def _versions(atlas, zone_id):
    return [v for v in atlas.zones if v.zone_id == zone_id]


def _point(atlas, place_id):
    place = next(p for p in atlas.places if p.id == place_id)
    return Point(place.lon, place.lat)


@pytest.mark.parametrize("zone_id", sorted(EXPECTED))
def test_sourced_towns_fall_inside_every_version(atlas, zone_id):
    inside, _ = EXPECTED[zone_id]
    for version in _versions(atlas, zone_id):
        missing = [t for t in inside if not version.geometry.contains(_point(atlas, t))]
        assert not missing, f"{version.id} leaves out {missing}"


@pytest.mark.parametrize("zone_id", sorted(EXPECTED))
def test_sourced_towns_fall_outside_every_version(atlas, zone_id):
    _, outside = EXPECTED[zone_id]
    for version in _versions(atlas, zone_id):
        wrong = [t for t in outside if version.geometry.contains(_point(atlas, t))]
        assert not wrong, f"{version.id} wrongly includes {wrong}"


def test_every_zone_has_a_declared_and_a_refined_version(atlas):
    # Zones 2-4 ended in 2018 (research notes: Ghouta April, northern Homs May, the south
    # July) and so also have an "ended" version; zone 1 (Idlib) has not ended in the atlas.
    for zone_id in (1, 2, 3, 4):
        statuses = sorted(v.status for v in _versions(atlas, zone_id))
        expected = ["declared", "in_force"] if zone_id == 1 else ["declared", "ended", "in_force"]
        assert statuses == expected


def test_zones_never_overlap(atlas):
    for index, first in enumerate(atlas.zones):
        for second in atlas.zones[index + 1 :]:
            if first.zone_id != second.zone_id:
                assert overlap_km2(first.geometry, second.geometry) == 0.0


def test_every_version_lies_inside_the_border(atlas):
    for version in atlas.zones:
        assert area_km2(version.geometry.difference(atlas.border)) < 0.01, version.id


@pytest.mark.parametrize("zone_id", sorted(AREA_RANGES))
def test_areas_are_plausible(atlas, zone_id):
    low, high = AREA_RANGES[zone_id]
    for version in _versions(atlas, zone_id):
        assert low <= area_km2(version.geometry) <= high, version.id


def test_every_version_says_how_it_was_drawn(atlas):
    for version in atlas.zones:
        assert version.method.startswith("Approximate outline")
        assert "km" in version.precision


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
