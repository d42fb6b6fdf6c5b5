"""Places found by name, each with its history (:mod:`astana.compare`), as JSON or a text table.

Each match carries the place (names, aliases, governorate, point), how well it matched and
every period it lay inside a zone version: zone, status, dates, the event that version
rests on, and the events whose lines took the place in and left it out, with their sources.
The same data gives the same text.

Examples
--------
>>> import json
>>> from astana.compare import find_places
>>> from astana.data.catalog import load_atlas
>>> atlas = load_atlas()
>>> found = json.loads(places_json(atlas, find_places(atlas, "Duma")))
>>> found[0]["id"], found[0]["matched"], found[0]["history"][-1]["left_by"]["id"]
('douma', 'Duma', 'ghouta-retaken-2018-04-14')
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from astana.compare import PlaceMatch, PlacePeriod, place_history
from astana.data.models import Atlas, Event


def _event(event: Event | None) -> dict[str, Any] | None:
    if event is None:
        return None
    return {
        "id": event.id,
        "date": event.date.isoformat(),
        "title": event.title,
        "sources": [source.model_dump(mode="json") for source in event.sources],
    }


def period_record(period: PlacePeriod) -> dict[str, Any]:
    """One period of a place's history as plain JSON values."""
    version = period.version
    return {
        "zone_id": version.zone_id,
        "zone": version.name,
        "version": version.id,
        "status": version.status,
        "from": version.valid_from.isoformat(),
        "to": version.valid_to.isoformat() if version.valid_to else None,
        "basis": _event(period.basis),
        "entered_by": _event(period.entered_by),
        "left_by": _event(period.left_by),
        "left_on": period.left_on.isoformat() if period.left_on else None,
    }


def match_record(atlas: Atlas, match: PlaceMatch) -> dict[str, Any]:
    """A place found by name, with its score, the name that matched and its history."""
    place = match.place
    return {
        "id": place.id,
        "name": place.name,
        "name_ar": place.name_ar,
        "aliases": list(place.aliases),
        "governorate": place.governorate,
        "lon": place.lon,
        "lat": place.lat,
        "score": round(match.score, 1),
        "matched": match.matched,
        "history": [period_record(period) for period in place_history(atlas, place)],
    }


def places_json(atlas: Atlas, matches: Sequence[PlaceMatch]) -> str:
    """The matches, best first, each with its history: a JSON array (UTF-8 text)."""
    records = [match_record(atlas, match) for match in matches]
    return json.dumps(records, ensure_ascii=False, indent=1) + "\n"


def places_table(atlas: Atlas, matches: Sequence[PlaceMatch]) -> str:
    """The matches, best first, each with its history as a plain-text table."""
    blocks = []
    for match in matches:
        record = match_record(atlas, match)
        lines = [
            f"{record['name']} ({record['name_ar']}), {record['governorate']}: id {record['id']}, "
            f"matched {record['matched']!r} (score {record['score']:g})"
        ]
        lines += _history_lines(record["history"]) or ["  never inside a zone"]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def _history_lines(history: list[dict[str, Any]]) -> list[str]:
    lines = []
    for period in history:
        basis = period["basis"]
        why = f"{basis['title']} ({basis['date']})" if basis else "-"
        lines.append(
            f"  zone {period['zone_id']}  {period['status']:<8}  {period['from']} to "
            f"{period['to'] or 'open':<10}  {why}"
        )
        if period["left_by"]:
            left = period["left_by"]
            lines.append(f"  left zone {period['zone_id']} on {period['left_on']}: {left['title']}")
    return lines
