"""What changed at a zone version, in words for the page: the km2 lost (and gained) since
the zone's previous version, the places taken, the date and the sources, as escaped HTML
for the zone's popup (:func:`popup_change_html`, the places capped) and the step's panel
(:func:`panel_changes_html`, every place).

The figures come from :mod:`astana.compare.versions`, computed once per Atlas and version
(:func:`change_of`): the popups, the panel and the timeline strip share them.

Examples
--------
>>> from astana.data.catalog import load_atlas
>>> atlas = load_atlas()
>>> version = next(v for v in atlas.zones if v.id == "zone-3-2018-07-06")
>>> html = popup_change_html(change_of(atlas, version))
>>> "Since 26 June 2018:</b> -1,330 km² (1,228 km² left)" in html
True
"""

from __future__ import annotations

from collections.abc import Iterable

from astana.compare.versions import VersionChange, version_change
from astana.data.models import Atlas, Place, Source, ZoneVersion
from astana.views.text import escape_text, long_date, sources_html

# A popup lists this many places, then says how many more (the panel lists them all).
POPUP_PLACES = 8


def change_of(atlas: Atlas, version: ZoneVersion) -> VersionChange:
    """:func:`astana.compare.versions.version_change` (a few milliseconds: the page caches
    what it builds from it, per step and per process; this module keeps no state)."""
    return version_change(atlas, version)


def _km2(value: float) -> str:
    return f"{value:,.0f} km²"


def _area_line(change: VersionChange) -> str:
    """ "Since <date>: -X km² (Y km² left)", with "+Z km²" for ground regained."""
    if change.previous is None:
        return f"<p><b>First outline of the zone:</b> {_km2(change.area_km2)}</p>"
    since = long_date(change.previous.valid_from)
    if change.ended:
        held = _km2(change.previous_area_km2)
        return (
            f"<p><b>Since {since}:</b> the zone ended; the {held} it held are no longer covered</p>"
        )
    moves = []
    if round(change.lost_km2):
        moves.append(f"-{_km2(change.lost_km2)}")
    if round(change.gained_km2):
        moves.append(f"+{_km2(change.gained_km2)}")
    what = ", ".join(moves) or "no ground lost"
    held = "left" if moves else "held"
    return f"<p><b>Since {since}:</b> {what} ({_km2(change.area_km2)} {held})</p>"


def _names(places: Iterable[Place], cap: int | None) -> str:
    names = [escape_text(place.name) for place in places]
    if cap is not None and len(names) > cap:
        return ", ".join(names[:cap]) + f" and {len(names) - cap} more"
    return ", ".join(names)


def _places_lines(change: VersionChange, cap: int | None) -> str:
    when = long_date(change.date)
    label = "Places no longer covered" if change.ended else "Places taken"
    lines = []
    if change.places_taken:
        lines.append(f"<p><b>{label} ({when}):</b> {_names(change.places_taken, cap)}</p>")
    if change.places_regained:
        regained = _names(change.places_regained, cap)
        lines.append(f"<p><b>Back in the zone ({when}):</b> {regained}</p>")
    if change.grows:
        lines.append(f"<p><b>Why it grows:</b> {escape_text(change.grows)}</p>")
    return "".join(lines)


def popup_change_html(change: VersionChange) -> str:
    """The change for a zone's popup: area line, places (the first :data:`POPUP_PLACES`,
    then how many more) and why it grows (the popup cites the version's own sources)."""
    return _area_line(change) + _places_lines(change, POPUP_PLACES)


def panel_changes_html(changes: Iterable[VersionChange], cited: Iterable[Source] = ()) -> str:
    """The zones that changed at a step, for its panel: each with its area line, every
    place taken, why it grows, and the sources of the change that the panel does not cite
    already (``cited``), folded; a zone's first outline, which changes nothing, only its
    area. "" for no change."""
    urls = {source.url for source in cited}
    parts = []
    for change in changes:
        part = f"<p><b>{escape_text(change.version.name)}</b></p>" + _area_line(change)
        sources = [source for source in change.sources if source.url not in urls]
        if not change.first:
            part += _places_lines(change, None)
        if sources and not change.first:
            part += "<details><summary>Sources for this change</summary>"
            part += f"{sources_html(sources)}</details>"
        parts.append(part)
    if not parts:
        return ""
    return "<h4>What changed on the map</h4>" + "".join(parts)
