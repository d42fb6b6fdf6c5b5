"""The panel beside the map: the round or agreement at a step, as escaped HTML.

Every text from the data is escaped (:func:`astana.views.display.escape_text`) and every link
is http(s) only (:func:`astana.views.display.link_html`), so the page can show this HTML as is.

Examples
--------
>>> from astana.data.catalog import load_atlas
>>> from astana.timeline import state_at_step
>>> atlas = load_atlas()
>>> "Astana 6" in step_panel_html(atlas, state_at_step(atlas, "astana-6"))
True
"""

from __future__ import annotations

import datetime as dt

from astana.compare.versions import VersionChange
from astana.data.models import Atlas, Event, Round
from astana.timeline import State, build_steps
from astana.views import zonechanges
from astana.views.display import DASH, escape_text, long_date, sources_html

_KIND_WORDS = {
    "ceasefire": "Ceasefire",
    "memorandum": "Memorandum",
    "agreement": "Agreement",
    "map": "Map",
    "deployment": "Deployment",
    "summit": "Summit",
    "meeting": "Ministerial meeting",
    "milestone": "Milestone",
    "offensive": "Offensive",
    "surrender": "Surrender or evacuation deal",
}


def round_heading(item: Round) -> str:
    """ "Round 8" for an Astana round; the congress, which has no number, says what it is.

    >>> round_heading(Round.model_construct(format="congress", number=None))
    'Congress (not an Astana round)'
    """
    if item.number is None:
        return "Congress (not an Astana round)"
    return f"Round {item.number}"


def date_span(start: dt.date, end: dt.date) -> str:
    """Two dates as one short span.

    >>> date_span(dt.date(2017, 9, 14), dt.date(2017, 9, 15)) == f"14{DASH}15 September 2017"
    True
    >>> date_span(dt.date(2017, 1, 30), dt.date(2017, 2, 1)).split(DASH)
    ['30 January ', ' 1 February 2017']
    """
    if start == end:
        return long_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}{DASH}{long_date(end)}"
    if start.year == end.year:
        return f"{long_date(start).rsplit(' ', 1)[0]} {DASH} {long_date(end)}"
    return f"{long_date(start)} {DASH} {long_date(end)}"


def _items(values: tuple[str, ...] | list[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape_text(value)}</li>" for value in values) + "</ul>"


def _section(title: str, body: str) -> str:
    return f"<h4>{escape_text(title)}</h4>{body}"


def _notes(notes: str | None) -> str:
    if not notes:
        return ""
    return f"<details><summary>Notes</summary><p>{escape_text(notes)}</p></details>"


def round_html(item: Round, changes: str = "") -> str:
    """One round: dates, venue, title, summary, what changed on the map (``changes``, see
    :func:`changes_at`), participants, outcomes, documents, sources."""
    people = item.participants
    participants = [
        f"Guarantors: {', '.join(people.guarantors)}",
        f"Government: {people.government}",
        f"Opposition: {people.opposition}",
        f"UN: {people.un}",
    ]
    if people.observers:
        participants.append(f"Observers: {'; '.join(people.observers)}")
    kicker = f"{round_heading(item)} · {date_span(item.start_date, item.end_date)} · {item.venue}"
    parts = [
        f"<p class='kicker'>{escape_text(kicker)}</p>",
        f"<h3>{escape_text(item.title)}</h3>",
        f"<p>{escape_text(item.summary)}</p>",
        changes,
        _section("Participants", _items(participants)),
        _section("Outcomes", _items(item.outcomes)),
        _section("Documents", _items(item.documents)) if item.documents else "",
        _notes(item.notes),
        _section("Sources", sources_html(item.sources)),
    ]
    return "".join(parts)


def event_html(event: Event, changes: str = "") -> str:
    """One agreement or event: kind, date, title, summary, zones concerned, what changed on
    the map (``changes``, see :func:`changes_at`), sources."""
    kicker = f"{_KIND_WORDS.get(event.kind, event.kind)} · {long_date(event.date)}"
    zones = ", ".join(f"Zone {zone_id}" for zone_id in event.zones)
    parts = [
        f"<p class='kicker'>{escape_text(kicker)}</p>",
        f"<h3>{escape_text(event.title)}</h3>",
        f"<p>{escape_text(event.summary)}</p>",
        f"<p><b>Zones concerned:</b> {escape_text(zones)}</p>" if zones else "",
        changes,
        _notes(event.notes),
        _section("Sources", sources_html(event.sources)),
    ]
    return "".join(parts)


def changes_at(atlas: Atlas, state: State) -> tuple[VersionChange, ...]:
    """What changed on the map at ``state``'s step: the zone versions drawn there that
    began after the step before it (on or before its own date), by zone.

    >>> from astana.data.catalog import load_atlas
    >>> from astana.timeline import state_at_step
    >>> atlas = load_atlas()
    >>> [c.version.id for c in changes_at(atlas, state_at_step(atlas, "nasib-2018-07-06"))]
    ['zone-3-2018-07-06']
    """
    if state.step is None:
        return ()
    earlier = [step.date for step in build_steps(atlas) if step.date < state.step.date]
    after = max(earlier, default=dt.date.min)
    return tuple(
        zonechanges.change_of(atlas, version)
        for version in sorted(state.zones, key=lambda version: version.zone_id)
        if after < version.valid_from <= state.step.date
    )


def step_panel_html(atlas: Atlas, state: State) -> str:
    """The panel for ``state``: its round or agreement in full, with what changed on the
    map at this step (:func:`changes_at`); for an agreement, the latest round as context
    (folded)."""
    step = state.step
    if step is None:
        return "<div class='astana-panel'><p>No step on this date.</p></div>"
    item = atlas.round(step.id) if step.kind == "round" else atlas.event(step.id)
    changes = zonechanges.panel_changes_html(changes_at(atlas, state), item.sources)
    if step.kind == "round":
        body = round_html(item, changes)
    else:
        body = event_html(item, changes)
        if state.round is not None:
            heading = escape_text(f"Context: {state.round.title}")
            body += f"<details><summary>{heading}</summary>{round_html(state.round)}</details>"
    return f"<div class='astana-panel'>{body}</div>"


CAVEAT = (
    "**Outlines are approximate:** no official map of the zones was published. Each is "
    "drawn between named localities (to within about 1 to 10 km), not a surveyed front "
    "line. [How they were drawn](#method)"
)
# Names for the snapshot formats the page offers; a format added later shows its key.
_FORMAT_NAMES = {
    "geojson": "GeoJSON",
    "gpkg": "GeoPackage",
    "png": "PNG image",
    "svg": "SVG image",
    "html": "HTML map",
    "csv": "CSV table",
    "zip": "ZIP of everything",
}


def download_label(fmt: str, extension: str) -> str:
    """The label of a snapshot format's download button.

    >>> download_label("gpkg", "gpkg"), download_label("kml", "kml")
    ('GeoPackage (.gpkg)', 'KML (.kml)')
    """
    return f"{_FORMAT_NAMES.get(fmt, fmt.upper())} (.{extension})"


CREDITS = (
    "Border: Natural Earth 1:10m admin-0 (public domain). Places: GeoNames (CC BY 4.0). "
    "Map tiles, when shown: © OpenStreetMap contributors. Zone outlines: this atlas, "
    "approximate. Summaries are the atlas's own words; facts come from the sources listed."
)

# Styles for the panel, the legend and the method notes (the page's own HTML only).
PAGE_CSS = """
[data-testid="stMainBlockContainer"] { padding-top: 2.5rem; }
h1 { font-size: 2rem !important; }
.astana-panel h3 { margin: 0.1rem 0 0.5rem; font-size: 1.25rem; }
.astana-panel h4 { margin: 0.8rem 0 0.2rem; font-size: 1rem; }
.astana-panel .kicker { color: #555; font-size: 0.9rem; margin: 0; }
.astana-panel ul { margin: 0 0 0.4rem 1.1rem; padding: 0; }
.astana-panel .src, .astana-method .src { color: #666; font-size: 0.85em; }
.astana-panel details { margin-top: 0.6rem; }
.astana-legend ul { list-style: none; margin: 0.3rem 0; padding: 0; display: grid;
  grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: 0.4rem 1.2rem; }
.astana-legend li { display: flex; align-items: flex-start; gap: 0.4rem; font-size: 0.9rem;
  line-height: 1.25; }
.astana-legend .swatch { display: inline-block; flex: none; width: 1.6rem; height: 1rem;
  box-sizing: border-box; margin-top: 0.15rem; }
.astana-legend .key { display: inline-flex; align-items: center; gap: 0.3rem;
  margin-right: 1rem; font-size: 0.85rem; color: #444; }
.astana-method details { margin: 0.3rem 0; }
"""


def method_html(atlas: Atlas) -> str:
    """How each zone version's outline was drawn, with its precision and sources, folded."""
    parts = [
        "<div class='astana-method'><p>No official map of the zones was published, so each "
        "outline is reconstructed from the sources and shown as approximate. The inputs, "
        "their licences and the command that rebuilds every outline are described in "
        "<code>geodata/README.md</code> in the atlas's repository.</p>"
    ]
    for version in sorted(atlas.zones, key=lambda v: (v.zone_id, v.valid_from)):
        heading = escape_text(f"{version.name}, from {long_date(version.valid_from)}")
        parts.append(
            f"<details><summary>{heading}</summary>"
            f"<p>{escape_text(version.method)}</p>"
            f"<p><b>Precision:</b> {escape_text(version.precision)}</p>"
            f"{sources_html(version.sources)}</details>"
        )
    parts.append("</div>")
    return "".join(parts)
