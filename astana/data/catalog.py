"""Load and validate ``data/`` and ``geodata/`` into one immutable :class:`Atlas`.

Every problem found is collected, not just the first: :func:`find_problems` returns them
all as :class:`Problem` records (``FILE: ITEM: FIELD: message``), and :func:`load_atlas`
raises :class:`AtlasError` carrying that same list when there is any.

Examples
--------
>>> atlas = load_atlas()                      # the repository's own data
>>> sorted({v.zone_id for v in atlas.zones})
[1, 2, 3, 4]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from pydantic import BaseModel, ValidationError
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from astana import geometry
from astana.data import lifecycle
from astana.data.files import Problem, item_label, read_geojson, read_yaml
from astana.data.models import Atlas, Event, Layer, Place, Round, ZoneVersion

REPO_ROOT = Path(__file__).resolve().parents[2]
ROUNDS_FILE = "data/rounds.yaml"
EVENTS_FILE = "data/events.yaml"
ZONES_FILE = "geodata/zones.geojson"
PLACES_FILE = "geodata/places.geojson"
BORDER_FILE = "geodata/syria.geojson"
LAYERS_FILE = "geodata/layers.geojson"
BORDER_TOLERANCE_KM = 0.05  # a zone or place may stray this far outside the border


class AtlasError(Exception):
    """Raised when the data does not validate; ``problems`` lists every problem found."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


def load_atlas(root: Path | str | None = None) -> Atlas:
    """Read and validate the data under ``root`` (default: this repository).

    Raises
    ------
    AtlasError
        With one :class:`Problem` per thing that is wrong, in every file.
    """
    atlas, problems = _load(Path(root) if root is not None else REPO_ROOT)
    if problems or atlas is None:
        raise AtlasError(problems)
    return atlas


def find_problems(root: Path | str | None = None) -> list[Problem]:
    """Return every problem in the data under ``root``; an empty list means valid."""
    return _load(Path(root) if root is not None else REPO_ROOT)[1]


def _load(root: Path) -> tuple[Atlas | None, list[Problem]]:
    problems: list[Problem] = []
    rounds = _records(root, ROUNDS_FILE, "rounds", Round, problems)
    events = _records(root, EVENTS_FILE, "events", Event, problems)
    places = _features(root, PLACES_FILE, Place, problems, point=True)
    zones = _features(root, ZONES_FILE, ZoneVersion, problems, point=False)
    layers = _features(root, LAYERS_FILE, Layer, problems, point=False)
    border = _border(root, problems)
    problems += check_references(rounds, events, zones, places)
    problems += lifecycle.check_ended(zones, events, ZONES_FILE)
    problems += lifecycle.check_sequences(zones, ZONES_FILE)
    problems += lifecycle.check_layers(layers, events, LAYERS_FILE)
    if border is not None:
        problems += check_within_border(zones, places, border, ZONES_FILE, PLACES_FILE)
        problems += check_within_border(layers, [], border, LAYERS_FILE, PLACES_FILE)
    problems += check_zone_overlaps(zones)
    if problems or border is None:
        return None, problems
    atlas = Atlas(tuple(rounds), tuple(events), tuple(zones), tuple(places), border)
    return replace(atlas, layers=tuple(layers)), []


def _records(root: Path, name: str, key: str, model: type[BaseModel], problems: list[Problem]):
    raw = read_yaml(root / name, name, key, problems)
    return _validate_all(raw, name, model, problems)


def _features(root: Path, name: str, model, problems: list[Problem], *, point: bool):
    raw = read_geojson(root / name, name, problems, point=point)
    return _validate_all(raw, name, model, problems)


def _validate_all(raw: Iterable[dict | None], name: str, model, problems: list[Problem]) -> list:
    records = []
    for index, item in enumerate(raw):
        if item is None:  # already reported by the reader
            continue
        label = item_label(item, index)
        try:
            records.append(model.model_validate(item))
        except ValidationError as err:
            problems += problems_from_validation(err, name, label)
    return records


def _border(root: Path, problems: list[Problem]):
    features = read_geojson(root / BORDER_FILE, BORDER_FILE, problems, point=False)
    if len(features) != 1 or features[0] is None:
        if len(features) > 1:
            problems.append(Problem(BORDER_FILE, "-", "features", "expected exactly one feature"))
        return None
    border = features[0]["geometry"]
    return None if border.is_empty else border


def problems_from_validation(err: ValidationError, name: str, label: str) -> list[Problem]:
    """Turn a pydantic error into one :class:`Problem` per failing field."""
    problems = []
    for detail in err.errors(include_url=False):
        field = ".".join(str(part) for part in detail["loc"]) or "-"
        message = detail["msg"].removeprefix("Value error, ")
        if detail["type"] == "missing":
            message = "required field is missing"
        elif detail["type"] == "extra_forbidden":
            message = "unknown field (check its spelling)"
        problems.append(Problem(name, label, field, message))
    return problems


def check_references(
    rounds: Sequence[Round],
    events: Sequence[Event],
    zones: Sequence[ZoneVersion],
    places: Sequence[Place],
) -> list[Problem]:
    """Duplicate ids and references to unknown rounds or events."""
    problems = _duplicates(ROUNDS_FILE, [r.id for r in rounds], "id")
    problems += _duplicates(
        ROUNDS_FILE, [str(r.number) for r in rounds if r.number is not None], "number"
    )
    problems += _duplicates(EVENTS_FILE, [e.id for e in events], "id")
    problems += _duplicates(ZONES_FILE, [z.id for z in zones], "id")
    problems += _duplicates(PLACES_FILE, [p.id for p in places], "id")
    round_ids = {r.id for r in rounds}
    problems += [
        Problem(EVENTS_FILE, e.id, "id", "an event may not share its id with a round")
        for e in events
        if e.id in round_ids
    ]
    problems += [
        Problem(EVENTS_FILE, e.id, "round", f"unknown round {e.round!r}")
        for e in events
        if e.round is not None and e.round not in round_ids
    ]
    event_ids = {e.id for e in events}
    problems += [
        Problem(ZONES_FILE, z.id, "basis", f"unknown event {z.basis!r}")
        for z in zones
        if z.basis not in event_ids
    ]
    return problems


def _duplicates(name: str, values: Sequence[str], field: str) -> list[Problem]:
    seen: set[str] = set()
    problems = []
    for value in values:
        if value in seen:
            problems.append(Problem(name, value, field, f"duplicate {field} {value!r}"))
        seen.add(value)
    return problems


def check_zone_overlaps(zones: Sequence[ZoneVersion]) -> list[Problem]:
    """Versions of one zone must not overlap in time; different zones must not overlap in space.

    Examples
    --------
    >>> check_zone_overlaps([])
    []
    """
    problems = []
    for index, first in enumerate(zones):
        for second in zones[index + 1 :]:
            if not _periods_overlap(first, second):
                continue
            if first.zone_id == second.zone_id:
                message = f"dates overlap version {first.id!r} of the same zone"
                problems.append(Problem(ZONES_FILE, second.id, "valid_from", message))
            elif geometry.overlap_km2(first.geometry, second.geometry) > 0.01:
                message = f"overlaps zone version {first.id!r} in force at the same time"
                problems.append(Problem(ZONES_FILE, second.id, "geometry", message))
    return problems


def _periods_overlap(first: ZoneVersion, second: ZoneVersion) -> bool:
    far = dt.date.max
    return first.valid_from <= (second.valid_to or far) and second.valid_from <= (
        first.valid_to or far
    )


def check_within_border(
    zones: Sequence,
    places: Sequence,
    border: BaseGeometry,
    zones_file: str,
    places_file: str,
) -> list[Problem]:
    """Every zone version and place must lie inside Syria's border (a 50 m tolerance)."""
    limit = geometry.buffer_km(border, BORDER_TOLERANCE_KM)
    problems = []
    for zone in zones:
        if zone.geometry.is_empty or limit.covers(zone.geometry):
            continue
        outside = geometry.area_km2(zone.geometry.difference(limit))
        message = f"lies partly outside Syria's border ({outside:.2f} km2 outside)"
        problems.append(Problem(zones_file, zone.id, "geometry", message))
    for place in places:
        if not limit.covers(Point(place.lon, place.lat)):
            message = f"({place.lon}, {place.lat}) lies outside Syria's border"
            problems.append(Problem(places_file, place.id, "geometry", message))
    return problems
