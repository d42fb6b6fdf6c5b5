"""A hostile copy of the atlas's data: every text a reader sees carries HTML, script and
template payloads, and the copy still validates.

Used by ``tests/test_hostile.py`` (every output escapes the payloads and keeps them as
text) and ``tests/e2e/test_hostile_browser.py`` (no payload runs in Chromium). No pytest here.

Every payload that could run calls :data:`FLAG`, which sets ``window.__pwned`` in the frame
that runs it, then ``top.__pwned`` in the page (that second step throws in a cross-origin
frame, after the first has already marked that frame), so a test finds a payload that ran
by reading ``__pwned`` in every frame. One payload calls ``alert()`` instead, for a test
that watches dialogs.

Examples
--------
>>> with_payloads("Idlib").startswith("Idlib <script>")
True
>>> all(len(title_with_payload("A12", n)) <= TITLE_MAX for n in range(len(PAYLOADS)))
True
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import yaml

from astana.data.catalog import (
    EVENTS_FILE,
    LAYERS_FILE,
    PLACES_FILE,
    REPO_ROOT,
    ROUNDS_FILE,
    ZONES_FILE,
)
from astana.data.files import parse_yaml
from astana.data.models import MAX_NAME, MAX_TEXT, MAX_TITLE

FLAG = "(top.__pwned=window.__pwned=1)"
RTL_OVERRIDE = "\N{RIGHT-TO-LEFT OVERRIDE}"
# Entities that must reach the reader as written: escaped twice they read "&amp;amp;".
ENTITIES = "&amp; &lt;b&gt; &#60;"
PAYLOADS: tuple[str, ...] = (
    f"<script>{FLAG}</script>",
    f"<img src=x onerror={FLAG}>",
    f'"><svg onload={FLAG}>',
    f'\'><iframe srcdoc="<script>{FLAG}</script>">',
    "<img src=x onerror=alert(document.domain)>",
    f"javascript:{FLAG}",
    "\"double\" 'single' `back`",
    "</textarea></style></title><!--",
    "{{ 7*7 }} {% if 1 %}jinja{% endif %} {# c #}",
    "${" + FLAG + "}",
    f"[x](javascript:{FLAG})",
    ENTITIES,
    f"{RTL_OVERRIDE}override\N{POP DIRECTIONAL FORMATTING}",
)
# Every payload, as one run of text: what each long text field gets.
PAYLOAD_TEXT = " ".join(PAYLOADS)
# Source URLs stay valid http(s) URLs (RFC 3986 characters only: no space, quote or angle
# bracket): a single quote to break out of an attribute, and an HTML payload
# percent-encoded, which must stay encoded.
URL_PAYLOAD = f"astana='onmouseover={FLAG}&q=%22%3E%3Csvg%20onload%3D{FLAG}%3E"
TITLE_MAX = MAX_TITLE  # step titles
TEXT_MAX = MAX_TEXT  # summaries, notes, methods
NAME_MAX = MAX_NAME  # names, venues, publishers, source titles
ROUND_WORDS = (60, 150)  # astana.data.models.Round.summary
EVENT_WORDS = (20, 120)  # astana.data.models.Event.summary


def write_hostile_root(folder: Path) -> Path:
    """Copy the repository's ``data/`` and ``geodata/`` into ``folder`` with payloads in
    every text field a reader sees; return ``folder`` (a valid ``--root``).

    Long texts (summaries, notes, outcomes, methods...) carry every payload; names,
    venues, source titles and publishers (at most 200 characters) as many as fit, in
    turn; step titles (60) one each; places one per name; source URLs carry
    :data:`URL_PAYLOAD` in their query. The same repository data gives the same files.
    """
    folder = Path(folder)
    for name in ("data", "geodata"):
        shutil.rmtree(folder / name, ignore_errors=True)
        shutil.copytree(REPO_ROOT / name, folder / name)
    _rewrite_yaml(folder / ROUNDS_FILE, "rounds", hostile_round)
    _rewrite_yaml(folder / EVENTS_FILE, "events", hostile_event)
    _rewrite_geojson(folder / ZONES_FILE, hostile_zone)
    _rewrite_geojson(folder / LAYERS_FILE, hostile_layer)
    _rewrite_geojson(folder / PLACES_FILE, hostile_place)
    return folder


def with_payloads(text: str, limit: int = TEXT_MAX) -> str:
    """``text`` followed by every payload, its end cut at a word to stay within ``limit``."""
    return f"{_cut(text, limit - len(PAYLOAD_TEXT) - 1)} {PAYLOAD_TEXT}".strip()


def _cut(text: str, room: int) -> str:
    """The first words of ``text`` that fit in ``room`` characters."""
    words, kept = text.split(), []
    while words and len(" ".join([*kept, words[0]])) <= room:
        kept.append(words.pop(0))
    return " ".join(kept)


def name_with_payloads(text: str, index: int, limit: int = NAME_MAX) -> str:
    """``text`` followed by payloads from the ``index``-th on (in turn), as many as fit in
    ``limit``; the first always fits, cutting ``text`` at a word if need be.

    >>> name_with_payloads("Idlib", 1).startswith("Idlib <img src=x")
    True
    """
    turn = [PAYLOADS[(index + step) % len(PAYLOADS)] for step in range(len(PAYLOADS))]
    added = [turn[0]]
    head = _cut(text, limit - len(turn[0]) - 1)
    for payload in turn[1:]:
        if len(" ".join([head, *added, payload])) <= limit:
            added.append(payload)
    return " ".join([head, *added]).strip()


def title_with_payload(prefix: str, index: int) -> str:
    """A short title: ``prefix`` and the ``index``-th payload (in turn) that fits in 60."""
    fitting = [p for p in PAYLOADS if len(prefix) + 1 + len(p) <= TITLE_MAX]
    return f"{prefix} {fitting[index % len(fitting)]}"


def summary_with_payloads(text: str, words: tuple[int, int]) -> str:
    """Every payload, then as many of ``text``'s words as the word limits allow."""
    low, high = words
    room = high - len(PAYLOAD_TEXT.split())
    summary = " ".join([PAYLOAD_TEXT, *text.split()[:room]])
    if not low <= len(summary.split()) <= high:
        raise ValueError(f"payload summary has {len(summary.split())} words, not {low}-{high}")
    return summary


def hostile_sources(sources: list[dict[str, Any]], index: int) -> list[dict[str, Any]]:
    """Sources with payloads in their titles and publishers (in turn from the
    ``index``-th), and in their URLs' queries."""
    return [
        source
        | {
            "title": name_with_payloads(source["title"], index + number),
            "publisher": name_with_payloads(source["publisher"], index + number + 3),
            "url": f"{source['url']}{'&' if '?' in source['url'] else '?'}{URL_PAYLOAD}",
        }
        for number, source in enumerate(sources)
    ]


def hostile_round(item: dict[str, Any], index: int) -> dict[str, Any]:
    """A round (or the congress) with payloads in every text a reader sees."""
    people = item["participants"]
    prefix = f"A{item['number']}" if item.get("number") is not None else "C"
    guarantors = [
        name_with_payloads(name, index + n) for n, name in enumerate(people["guarantors"])
    ]
    participants = {key: _each_with_payloads(value) for key, value in people.items()}
    return item | {
        "title": title_with_payload(prefix, index),
        "venue": name_with_payloads(item["venue"], index),
        "participants": participants | {"guarantors": guarantors},
        "summary": summary_with_payloads(item["summary"], ROUND_WORDS),
        "outcomes": [with_payloads(outcome) for outcome in item["outcomes"]],
        "documents": [with_payloads(document) for document in item.get("documents", [])],
        "notes": with_payloads(item.get("notes") or ""),
        "sources": hostile_sources(item["sources"], index),
    }


def hostile_event(item: dict[str, Any], index: int) -> dict[str, Any]:
    """An event with payloads in its title, summary, notes and sources."""
    return item | {
        "title": title_with_payload(f"E{index + 1}", index),
        "summary": summary_with_payloads(item["summary"], EVENT_WORDS),
        "notes": with_payloads(item.get("notes") or ""),
        "sources": hostile_sources(item["sources"], index),
    }


def hostile_zone(properties: dict[str, Any], index: int) -> dict[str, Any]:
    """A zone version's properties with payloads in its name, aliases, method, precision
    and sources."""
    aliases = [
        name_with_payloads(alias, index + number + 5)
        for number, alias in enumerate(properties.get("aliases", []))
    ]
    return _hostile_area(properties, index) | {"aliases": aliases}


def hostile_layer(properties: dict[str, Any], index: int) -> dict[str, Any]:
    """A layer's properties with payloads in its name, method, precision, notes, sources."""
    notes = with_payloads(properties.get("notes") or "")
    return _hostile_area(properties, index) | {"notes": notes}


def _hostile_area(properties: dict[str, Any], index: int) -> dict[str, Any]:
    return properties | {
        "name": name_with_payloads(properties["name"], index),
        "method": with_payloads(properties["method"]),
        "precision": with_payloads(properties["precision"]),
        "sources": hostile_sources(properties["sources"], index),
    }


def hostile_place(properties: dict[str, Any], index: int) -> dict[str, Any]:
    """A place whose English name, Arabic name and governorate each carry one payload, in
    turn (174 places cover every payload many times; more would bury the map under its
    labels)."""
    return properties | {
        "name": f"{properties['name']} {PAYLOADS[index % len(PAYLOADS)]}",
        "name_ar": f"{properties['name_ar']} {PAYLOADS[(index + 1) % len(PAYLOADS)]}",
        "governorate": f"{properties['governorate']} {PAYLOADS[(index + 2) % len(PAYLOADS)]}",
    }


def _each_with_payloads(value: str | list[str]) -> str | list[str]:
    return [with_payloads(v) for v in value] if isinstance(value, list) else with_payloads(value)


def _rewrite_yaml(path: Path, key: str, change) -> None:
    document = parse_yaml(path.read_text(encoding="utf-8"))
    document[key] = [change(item, index) for index, item in enumerate(document[key])]
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(text, encoding="utf-8")


def _rewrite_geojson(path: Path, change) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    for index, feature in enumerate(document["features"]):
        feature["properties"] = change(feature["properties"], index)
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
