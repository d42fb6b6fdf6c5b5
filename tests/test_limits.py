"""Hostile and oversized input files: each is refused with one clear line naming the file,
the item and the field, never a traceback, a hang or a flood of text."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from test_catalog import BORDER, EVENTS, PLACES, ROUNDS, ZONES, edit_json, edit_yaml, lines, zone

from astana.data import files, models


def _circle(vertices: int) -> dict:
    """A polygon of ``vertices`` points around Idlib (valid, inside Syria)."""
    ring = [
        [36.6 + 0.05 * math.cos(2 * math.pi * k / vertices),
         35.9 + 0.05 * math.sin(2 * math.pi * k / vertices)]
        for k in range(vertices)
    ]  # fmt: skip
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}


def test_a_yaml_file_over_the_size_limit_is_not_read(data_copy):
    path = data_copy / EVENTS
    path.write_text(path.read_text("utf-8") + "#" * files.MAX_YAML_BYTES, "utf-8")
    size = path.stat().st_size
    expected = f"{EVENTS}: -: -: file is {size:,} bytes, over the limit of 1,000,000"
    assert expected in lines(data_copy)


def test_a_geojson_file_over_the_size_limit_is_not_read(data_copy):
    path = data_copy / PLACES
    path.write_text(path.read_text("utf-8") + " " * files.MAX_GEOJSON_BYTES, "utf-8")
    assert any(
        line.startswith(f"{PLACES}: -: -: file is ") and "over the limit of 5,000,000" in line
        for line in lines(data_copy)
    )


def test_a_geometry_with_too_many_vertices_is_refused(data_copy):
    edit_json(data_copy, ZONES, lambda doc: zone(doc).update(geometry=_circle(25_000)))
    expected = f"{ZONES}: zone-1-2017-05: geometry: 25,001 coordinates, over the limit of 20,000"
    assert expected in lines(data_copy)


def test_a_file_with_too_many_vertices_in_all_is_refused(data_copy, monkeypatch):
    monkeypatch.setattr(files, "MAX_FILE_VERTICES", 1_000)  # zones.geojson has ~1,700
    assert any(
        line.startswith(f"{ZONES}: -: features: ") and "over the limit of 1,000" in line
        for line in lines(data_copy)
    )


def test_a_file_with_too_many_features_is_refused(data_copy):
    def repeat_places(doc):
        doc["features"] = doc["features"] * (files.MAX_FEATURES // len(doc["features"]) + 1)

    edit_json(data_copy, PLACES, repeat_places)
    problems = [line for line in lines(data_copy) if line.startswith(PLACES)]
    assert len(problems) == 1 and "features, over the limit of 5,000" in problems[0]


# Nine levels of nine aliases: a billion "lol"s from ten lines.
BILLION_LAUGHS = "\n".join(
    ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    + [f"{name}: &{name} [{', '.join(['*' + chr(ord(name) - 1)] * 9)}]" for name in "bcdefghi"]
    + ["rounds: [*i]"]
)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            BILLION_LAUGHS,
            "not valid YAML: aliases expand to more than 200,000 values (line 6, column 4)",
        ),
        ("a: &a [*a]\nrounds: *a\n", "not valid YAML: an alias refers to itself (line 1"),
        ("rounds: " + "[" * 100_000, "not valid YAML: nested too deeply"),
        ("rounds:\n  - id: [1,\n", "not valid YAML:"),
    ],
    ids=["billion-laughs", "self-reference", "deep-nesting", "truncated"],
)
def test_hostile_yaml_is_refused_quickly(data_copy, content, expected):
    (data_copy / ROUNDS).write_text(content, "utf-8")
    assert f"{ROUNDS}: -: -: {expected}" in "\n".join(lines(data_copy))


def test_aliases_within_the_limit_are_read(data_copy):
    """Aliases that reuse a source are fine (data/zone_rules.yaml does it)."""
    path = data_copy / EVENTS
    text = path.read_text("utf-8").replace("events:", "common: &common {a: 1}\nevents:", 1)
    path.write_text(text, "utf-8")
    assert lines(data_copy) == [f"{EVENTS}: -: common: unknown top-level key"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"type": "FeatureCollection", "features": [NaN]}', "NaN is not a number JSON allows"),
        ('{"type": "FeatureCollection", "x": -Infinity}', "-Infinity is not a number JSON allows"),
        ('{"type": "FeatureCollection", "features": [1e999]}', "number too large: '1e999'"),
        ("[" * 100_000, "nested too deeply"),
    ],
    ids=["nan", "infinity", "overflow", "deep-nesting"],
)
def test_hostile_json_is_refused(data_copy, content, expected):
    (data_copy / BORDER).write_text(content, "utf-8")
    assert f"{BORDER}: -: -: not valid JSON: {expected}" in lines(data_copy)


@pytest.mark.parametrize(
    "content", [b"\xff\xfe\x00garbage\x00", b"\x89PNG\r\n\x1a\n\x00\x00", b"rounds: \xc3\x28"]
)
def test_binary_or_badly_encoded_files_are_reported(data_copy, content):
    (data_copy / ROUNDS).write_bytes(content)
    found = [line for line in lines(data_copy) if line.startswith(ROUNDS)]
    assert len(found) == 1 and "cannot read file" in found[0], found


def test_a_folder_where_a_file_belongs_is_reported(data_copy):
    (data_copy / EVENTS).unlink()
    (data_copy / EVENTS).mkdir()
    assert any(line.startswith(f"{EVENTS}: -: -: cannot read file") for line in lines(data_copy))


def _long(kind: str, length: int) -> str:
    return ("word " * length)[:length] if kind == "words" else "x" * length


TOO_LONG = [
    # (file, path to the field, value, expected end of the line)
    (ROUNDS, ["rounds", 0, "title"], "T" * 61, "title: String should have at most 60 characters"),
    (ROUNDS, ["rounds", 0, "venue"], "V" * 201, "venue: String should have at most 200 char"),
    (ROUNDS, ["rounds", 0, "notes"], "n" * 2001, "notes: String should have at most 2000 char"),
    (EVENTS, ["events", 0, "summary"], _long("words", 2500), "summary: String should have"),
    (EVENTS, ["events", 0, "sources", 0, "title"], "S" * 201, "sources.0.title: String should"),
    (EVENTS, ["events", 0, "sources", 0, "url"], "https://e.org/" + "p" * 2000, "url: String"),
]


@pytest.mark.parametrize(("name", "path", "value", "expected"), TOO_LONG)
def test_text_over_its_length_limit_is_refused(data_copy, name, path, value, expected):
    def change(document):
        target = document
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    edit_yaml(data_copy, name, change)
    assert any(line.endswith(expected) or expected in line for line in lines(data_copy))


def test_more_sources_than_the_limit_are_refused(data_copy):
    def many_sources(document):
        first = document["events"][0]
        first["sources"] = first["sources"][:1] * (models.MAX_ITEMS + 1)

    edit_yaml(data_copy, EVENTS, many_sources)
    expected = "ceasefire-2016-12-30: sources: Tuple should have at most 30 items after validation"
    assert any(expected in line for line in lines(data_copy))


def test_a_bad_value_is_quoted_short_and_on_one_line(data_copy):
    def hostile_date(document):
        document["events"][0]["date"] = "2017\n-05-06" + "9" * 100_000
        document["events"][1]["id"] = "evil\nline\u202e"

    edit_yaml(data_copy, EVENTS, hostile_date)
    found = lines(data_copy)
    assert all("\n" not in line and "\u202e" not in line for line in found)
    (date_line,) = [line for line in found if ": date: " in line]
    assert date_line.startswith(f"{EVENTS}: ceasefire-2016-12-30: date: expected a date")
    assert len(date_line) < 200 and "\\n" in date_line


def test_the_repository_data_is_well_inside_every_limit():
    """The limits leave room: the real data uses a small part of each (the YAML files, which
    hold every zone version since 2017 with its sources, at most a fifth)."""
    root = Path(__file__).resolve().parent.parent
    for path in (root / "data").glob("*.yaml"):
        assert path.stat().st_size < files.MAX_YAML_BYTES / 5, path
    for path in (root / "geodata").glob("*.geojson"):
        assert path.stat().st_size < files.MAX_GEOJSON_BYTES / 10, path
        features = json.loads(path.read_text("utf-8"))["features"]
        assert len(features) < files.MAX_FEATURES / 10, path
