"""Loading and validation: one broken fixture per rule, each reported as FILE: ITEM: FIELD."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from astana.data.catalog import AtlasError, find_problems, load_atlas

ROUNDS = "data/rounds.yaml"
EVENTS = "data/events.yaml"
ZONES = "geodata/zones.geojson"
PLACES = "geodata/places.geojson"
BORDER = "geodata/syria.geojson"


class _NoAliasDumper(yaml.SafeDumper):
    """Writes repeated values out in full: the atlas refuses YAML aliases."""

    def ignore_aliases(self, data) -> bool:
        return True


def edit_yaml(root: Path, name: str, change: Callable[[dict], None]) -> None:
    path = root / name
    document = yaml.safe_load(path.read_text("utf-8"))
    change(document)
    text = yaml.dump(document, Dumper=_NoAliasDumper, allow_unicode=True, sort_keys=False)
    path.write_text(text, "utf-8")


def edit_json(root: Path, name: str, change: Callable[[dict], None]) -> None:
    path = root / name
    document = json.loads(path.read_text("utf-8"))
    change(document)
    path.write_text(json.dumps(document), "utf-8")


def first_round(doc):
    return doc["rounds"][0]


def first_event(doc):
    return doc["events"][0]


def zone(doc, index=0):
    return doc["features"][index]


def lines(root: Path) -> list[str]:
    return [str(problem) for problem in find_problems(root)]


def test_repository_data_is_valid():
    assert find_problems() == []


def test_atlas_has_the_2017_story(atlas):
    assert [r.number for r in atlas.rounds if r.start_date.year == 2017] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert sorted({z.zone_id for z in atlas.zones}) == [1, 2, 3, 4]
    assert {"memorandum-signed-2017-05-04", "sochi-summit-2017-11-22"} <= {
        e.id for e in atlas.events
    }


def test_every_record_has_a_source(atlas):
    for record in (*atlas.rounds, *atlas.events, *atlas.zones):
        assert record.sources, record.id


def _set(path: list, value) -> Callable[[dict], None]:
    """Set a nested value: path elements are keys or indexes."""

    def change(document):
        target = document
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


def _delete(path: list) -> Callable[[dict], None]:
    def change(document):
        target = document
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return change


BROKEN_YAML = [
    # (file, change, expected line prefix)
    (ROUNDS, _delete(["rounds", 0, "venue"]), "data/rounds.yaml: astana-1: venue: required"),
    (ROUNDS, _set(["rounds", 0, "colour"], "red"), "data/rounds.yaml: astana-1: colour: unknown"),
    (ROUNDS, _set(["rounds", 0, "number"], "one"), "data/rounds.yaml: astana-1: number:"),
    (ROUNDS, _set(["rounds", 0, "start_date"], "2017-02-30"), "astana-1: start_date: impossible"),
    (ROUNDS, _set(["rounds", 0, "end_date"], "2017-01-01"), "astana-1: end_date: end_date 2017-0"),
    (ROUNDS, _set(["rounds", 1, "id"], "astana-1"), "data/rounds.yaml: astana-1: id: duplicate"),
    (ROUNDS, _set(["rounds", 0, "sources"], []), "data/rounds.yaml: astana-1: sources:"),
    (
        ROUNDS,
        _set(["rounds", 0, "sources", 0, "url"], "javascript:alert(1)"),
        "data/rounds.yaml: astana-1: sources.0.url: URL must start with http",
    ),
    (ROUNDS, _set(["rounds", 0, "summary"], "Too short."), "astana-1: summary: must be 60-150"),
    (EVENTS, _set(["events", 0, "round"], "astana-99"), "ceasefire-2016-12-30: round: unknown"),
    (EVENTS, _set(["events", 0, "kind"], "party"), "ceasefire-2016-12-30: kind: Input should"),
    (EVENTS, _set(["events", 0, "zones"], [5]), "ceasefire-2016-12-30: zones.0: Input should"),
    (EVENTS, _set(["events", 1, "id"], "astana-1"), "data/events.yaml: astana-1: id: an event"),
    (EVENTS, _delete(["events", 0, "sources"]), "ceasefire-2016-12-30: sources: required"),
]


@pytest.mark.parametrize(("name", "change", "expected"), BROKEN_YAML)
def test_broken_yaml_is_reported(data_copy, name, change, expected):
    edit_yaml(data_copy, name, change)
    assert any(expected in line for line in lines(data_copy)), lines(data_copy)


def _self_intersecting(feature):
    feature["geometry"] = {
        "type": "Polygon",
        "coordinates": [[[36, 35], [36.2, 35.2], [36.2, 35], [36, 35.2], [36, 35]]],
    }


def _projected(feature):
    feature["geometry"] = {
        "type": "Polygon",
        "coordinates": [[[4e6, 4e6], [4.1e6, 4e6], [4.1e6, 4.1e6], [4e6, 4e6]]],
    }


def _in_iraq(feature):
    feature["geometry"] = {
        "type": "Polygon",
        "coordinates": [[[43, 33], [43.1, 33], [43.1, 33.1], [43, 33]]],
    }


def _overlapping_dates(doc):
    zone(doc, 1)["properties"]["valid_from"] = "2017-09-01"  # zone-1-2017-09 starts early


BROKEN_ZONES = [
    (lambda d: _self_intersecting(zone(d)), "zone-1-2017-05: geometry: invalid geometry: Self"),
    (lambda d: _projected(zone(d)), "zone-1-2017-05: geometry: coordinates look projected"),
    (lambda d: _in_iraq(zone(d)), "zone-1-2017-05: geometry: lies partly outside Syria"),
    (_overlapping_dates, "zone-1-2017-09: valid_from: dates overlap version 'zone-1-2017-05'"),
    (lambda d: zone(d)["properties"].update(basis="nothing"), "zone-1-2017-05: basis: unknown"),
    (lambda d: zone(d)["properties"].update(status="rumoured"), "zone-1-2017-05: status:"),
    (lambda d: zone(d)["properties"].update(sources=[]), "zone-1-2017-05: sources:"),
    (lambda d: zone(d, 1)["properties"].update(id="zone-1-2017-05"), "2017-05: id: duplicate"),
    (lambda d: d.update(crs={"properties": {"name": "EPSG:3857"}}), "zones.geojson: -: crs:"),
]


@pytest.mark.parametrize(("change", "expected"), BROKEN_ZONES)
def test_broken_zones_are_reported(data_copy, change, expected):
    edit_json(data_copy, ZONES, change)
    assert any(expected in line for line in lines(data_copy)), lines(data_copy)


def test_zones_of_different_numbers_must_not_overlap(data_copy):
    def copy_ghouta_into_homs(doc):
        ghouta = next(f for f in doc["features"] if f["properties"]["id"] == "zone-4-2017-07")
        homs = next(f for f in doc["features"] if f["properties"]["id"] == "zone-2-2017-08")
        homs["geometry"] = ghouta["geometry"]

    edit_json(data_copy, ZONES, copy_ghouta_into_homs)
    assert any("zone-4-2017-07: geometry: overlaps zone version" in x for x in lines(data_copy))


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("", "data/rounds.yaml: -: -: file is empty"),
        ("rounds: [unclosed", "data/rounds.yaml: -: -: not valid YAML"),
        ("rounds:\n  - id: a\n    id: b\n", "data/rounds.yaml: -: -: not valid YAML: duplicate"),
        ("events: []", "data/rounds.yaml: -: rounds: expected a top-level 'rounds:' list"),
        ("rounds:\n  - just text\n", "data/rounds.yaml: #1: -: expected a mapping"),
    ],
)
def test_unreadable_yaml_files_are_reported(data_copy, content, expected):
    (data_copy / ROUNDS).write_text(content, "utf-8")
    assert any(line.startswith(expected) for line in lines(data_copy)), lines(data_copy)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{not json", "geodata/zones.geojson: -: -: not valid JSON"),
        ('{"type": "Feature"}', "geodata/zones.geojson: -: type: expected a GeoJSON Feature"),
        ("   ", "geodata/zones.geojson: -: -: file is empty"),
    ],
)
def test_unreadable_geojson_files_are_reported(data_copy, content, expected):
    (data_copy / ZONES).write_text(content, "utf-8")
    assert any(line.startswith(expected) for line in lines(data_copy)), lines(data_copy)


def test_missing_file_is_reported(data_copy):
    (data_copy / BORDER).unlink()
    assert "geodata/syria.geojson: -: -: file not found" in lines(data_copy)


def test_place_outside_syria_is_reported(data_copy):
    def move_damascus_to_cyprus(doc):
        place = next(f for f in doc["features"] if f["properties"]["id"] == "damascus")
        place["geometry"]["coordinates"] = [33.4, 35.1]

    edit_json(data_copy, PLACES, move_damascus_to_cyprus)
    assert any("places.geojson: damascus: geometry:" in line for line in lines(data_copy))


def test_every_problem_in_every_file_is_reported_in_one_run(data_copy):
    edit_yaml(data_copy, ROUNDS, _set(["rounds", 0, "start_date"], "2017-02-30"))
    edit_yaml(data_copy, EVENTS, _set(["events", 0, "kind"], "party"))
    edit_json(data_copy, ZONES, lambda d: _projected(zone(d)))
    found = lines(data_copy)
    assert {line.split(":")[0] for line in found} >= {ROUNDS, EVENTS, ZONES}


def test_load_atlas_raises_with_all_problems(atlas, data_copy):
    (data_copy / EVENTS).write_text("", "utf-8")
    with pytest.raises(AtlasError) as caught:
        load_atlas(data_copy)
    assert "data/events.yaml: -: -: file is empty" in str(caught.value)
    # every zone version (39) and every layer (2) now rests on an unknown event
    unknown = sum("basis: unknown event" in str(p) for p in caught.value.problems)
    assert unknown == len(atlas.zones) + len(atlas.layers) == 41


def test_failed_validation_modifies_nothing(data_copy):
    edit_yaml(data_copy, ROUNDS, _set(["rounds", 0, "start_date"], "2017-02-30"))
    before = {p: p.read_bytes() for p in data_copy.rglob("*") if p.is_file()}
    find_problems(data_copy)
    assert before == {p: p.read_bytes() for p in data_copy.rglob("*") if p.is_file()}
