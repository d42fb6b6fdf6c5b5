"""What the page's step fragment shows, as plain data that :mod:`astana.ui` caches and sends:
a step, a comparison of two steps, a place; what a link asks for, the URL of what is
shown, and the download menu. No streamlit: the page only renders the map layers built
here into scripts (with streamlit-folium's helper) and draws the widgets.

Examples
--------
>>> from astana.data.catalog import load_atlas
>>> from astana.timeline import build_steps
>>> atlas = load_atlas()
>>> link = read_link(atlas, build_steps(atlas), {"date": "2017-09-20", "compare": "nope"})
>>> link.step.id, link.compare, link.notice.startswith("The link's comparison date")
('idlib-agreement-2017-09-15', None, True)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import folium

from astana.compare import Comparison, find_places, place_history
from astana.data.models import Atlas, Place, Step
from astana.timeline import State
from astana.views import comparison, display, legend, mapview, navigation, placeview, summary

MAX_OTHER_MATCHES = 3  # other places a search matched, named under the best one's history


def step_view(atlas: Atlas, state: State) -> tuple[folium.FeatureGroup, dict]:
    """One step: its zones' layer for the map, and ``zones_key`` (the zone versions and
    layers drawn), the legend and the panel HTML."""
    zones = display.zone_collection(atlas, state)
    layers = display.layer_collection(atlas, state)
    return mapview.build_zone_layer(zones, layers), {
        "zones_key": (*(v.id for v in state.zones), *(layer.id for layer in state.layers)),
        "legend": legend.legend_html(legend.legend_rows(atlas, zones), layers),
        "panel": summary.step_panel_html(atlas, state),
    }


def compare_view(changed: Comparison) -> tuple[folium.FeatureGroup, dict]:
    """A comparison, as :func:`step_view` gives a step."""
    ids = tuple(step.id if step else "" for step in (changed.step_a, changed.step_b))
    return comparison.compare_layer(changed), {
        "zones_key": ("compare", *ids),
        "legend": comparison.compare_legend_html(changed),
        "panel": comparison.compare_panel_html(changed),
    }


def place_view(
    atlas: Atlas, place: Place, also: Sequence[Place] = ()
) -> tuple[folium.FeatureGroup, dict]:
    """A place: its marker's layer, its history panel and ``center``, its point."""
    history = place_history(atlas, place)
    return placeview.place_layer(place), {
        "panel": placeview.place_panel_html(place, history, tuple(also)),
        "center": [place.lat, place.lon],
    }


def choose_place(atlas: Atlas, text: str) -> tuple[tuple[str, tuple[str, ...]] | None, str | None]:
    """The place a search means: ``((id, other ids matched), None)``, or ``(None, notice)``
    when nothing matches (the notice suggests names, never repeats the text), or
    ``(None, None)`` for an empty search.

    >>> from astana.data.catalog import load_atlas
    >>> choose_place(load_atlas(), "إدلب")[0][0]
    'idlib'
    """
    text = text.strip()
    matches = find_places(atlas, text) if text else ()
    if matches:
        also = tuple(match.place.id for match in matches[1 : 1 + MAX_OTHER_MATCHES])
        return (matches[0].place.id, also), None
    return None, placeview.no_match_notice(atlas, text) if text else None


@dataclass(frozen=True)
class LinkState:
    """What a page URL asks for: the step, the step to compare it with, a place, and one
    notice for whatever in it was bad (never repeating the bad value)."""

    step: Step
    compare: Step | None
    place: Place | None
    notice: str | None


def read_link(atlas: Atlas, steps: Sequence[Step], params: Mapping[str, str]) -> LinkState:
    """The state a page URL's parameters (``date``, ``compare``, ``place``) ask for."""
    default = navigation.default_step(atlas, steps)
    choice = navigation.step_from_link(steps, params.get(navigation.DATE_PARAM), default)
    other, compare_notice = navigation.compare_from_link(
        steps, params.get(navigation.COMPARE_PARAM)
    )
    places = {place.id: place for place in atlas.places}
    place_id, place_notice = navigation.place_from_link(
        list(places), params.get(navigation.PLACE_PARAM)
    )
    notices = [text for text in (choice.notice, compare_notice, place_notice) if text]
    return LinkState(
        choice.step, other, places.get(place_id or ""), " ".join(notices) if notices else None
    )


def link_params(step: Step, other: Step | None, place_id: str | None) -> dict[str, str | None]:
    """The URL's parameters for what is shown; None: the parameter is to be removed."""
    return {
        navigation.DATE_PARAM: navigation.link_value(step),
        navigation.COMPARE_PARAM: navigation.link_value(other) if other else None,
        navigation.PLACE_PARAM: place_id,
    }


def download_menu(
    step_files: Mapping[str, tuple[str, str, str]],
    compare_files: Mapping[str, tuple[str, str, str]] | None,
) -> tuple[str, list[tuple[str, str, str, str, str]]]:
    """The download menu's label and buttons, each ``(key, label, MIME type, file name,
    format)``, from each format's ``(MIME type, extension, file name)``: the snapshot's,
    then in compare mode (``compare_files`` given) the comparison's (keys ``changes-*``)."""
    items = [
        (f"download-{fmt}", summary.download_label(fmt, extension), mime, name, fmt)
        for fmt, (mime, extension, name) in step_files.items()
    ]
    if compare_files is None:
        return "Download this snapshot", items
    items += [
        (f"download-changes-{fmt}", comparison.download_label(fmt, extension), mime, name, fmt)
        for fmt, (mime, extension, name) in compare_files.items()
    ]
    return "Download this snapshot or the comparison", items
