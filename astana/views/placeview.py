"""A place on the page: its marker on the map and its history in the panel (each period it
lay inside a zone version, with status, dates, the events that moved the line across it
and their sources). Built from :mod:`astana.compare`; every text from the data is escaped
here; no streamlit.

Examples
--------
>>> from astana.compare import place_history
>>> from astana.data.catalog import load_atlas
>>> atlas = load_atlas()
>>> douma = next(p for p in atlas.places if p.id == "douma")
>>> html = place_panel_html(douma, place_history(atlas, douma))
>>> "Douma" in html and "Eastern Ghouta" in html
True
"""

from __future__ import annotations

import folium
from folium.template import Template

from astana.compare import PlacePeriod, suggest_places
from astana.data.models import Atlas, Event, Place
from astana.views.display import escape_text, long_date, sources_html
from astana.views.mapelements import script_json
from astana.views.style import ENDED, ENDED_LABEL, STATUS_LABELS

PLACE_ZOOM = 10  # the map's zoom on a place chosen: its surroundings, towns labelled


def place_label(place: Place) -> str:
    """A place as a menu or heading shows it: English and Arabic names, governorate.

    >>> place_label(Place.model_construct(name="Idlib", name_ar="إدلب", governorate="Idlib"))
    'Idlib · إدلب (Idlib)'
    """
    return f"{place.name} · {place.name_ar} ({place.governorate})"


class PlaceMarker(folium.MacroElement):
    """A ringed dot at a place, labelled with its (already escaped) name at all times."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        L.circleMarker({{ this.location_json }}, {radius: 9, weight: 3, color: "#111111",
            fillColor: "#F0E442", fillOpacity: 1, className: "astana-place-marker"})
        .bindTooltip({{ this.label_json }}, {permanent: true, direction: "right"})
        .addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, place: Place):
        super().__init__()
        self._name = "PlaceMarker"
        self.location_json = script_json([place.lat, place.lon])
        self.label_json = script_json(
            f"{escape_text(place.name)} · <span dir='rtl' lang='ar'>"
            f"{escape_text(place.name_ar)}</span>"
        )


def place_layer(place: Place) -> folium.FeatureGroup:
    """The place's marker as a FeatureGroup for ``st_folium(feature_group_to_add=...)``."""
    group = folium.FeatureGroup(name="Place", control=False)
    group.add_child(PlaceMarker(place))
    return group


def _event_line(label: str, event: Event | None, day=None) -> str:
    if event is None:
        return ""
    when = long_date(day or event.date)
    return (
        f"<p><b>{escape_text(label)}</b> {escape_text(event.title)} ({when})</p>"
        f"<details><summary>Sources</summary>{sources_html(event.sources)}</details>"
    )


def _period_html(period: PlacePeriod) -> str:
    version = period.version
    status = ENDED_LABEL if version.status == ENDED else STATUS_LABELS[version.status]
    until = f" to {long_date(version.valid_to)}" if version.valid_to else " (no end date)"
    return (
        f"<li><b>{escape_text(version.name)}</b>: {escape_text(status)}, from "
        f"{long_date(version.valid_from)}{until}"
        f"{_event_line('Rests on:', period.basis)}"
        f"{_event_line('Left the zone:', period.left_by, period.left_on)}</li>"
    )


def place_panel_html(
    place: Place, periods: tuple[PlacePeriod, ...], also: tuple[Place, ...] = ()
) -> str:
    """The panel for a place: its names, then each period it lay inside a zone version
    (status, dates, the event the version rests on and the one whose line left it out,
    with sources); ``also``, other places that matched the search, are named last."""
    names = (
        f"{escape_text(place.name)} · <span dir='rtl' lang='ar'>{escape_text(place.name_ar)}</span>"
    )
    items = "".join(_period_html(period) for period in periods)
    history = f"<ol>{items}</ol>" if items else "<p>Never inside a zone in this atlas.</p>"
    others = ""
    if also:
        listed = ", ".join(escape_text(place_label(other)) for other in also)
        others = f"<p class='src'>Other places matching the search: {listed}</p>"
    return (
        "<div class='astana-panel astana-place'>"
        f"<p class='kicker'>Place · {escape_text(place.governorate)}</p>"
        f"<h3>{names}</h3><h4>Inside a zone</h4>{history}{others}</div>"
    )


def no_match_notice(atlas: Atlas, text: str) -> str:
    """The notice when the search matches no place: the nearest names, never the text
    typed (it is the reader's own, and may be anything).

    >>> from astana.data.catalog import load_atlas
    >>> no_match_notice(load_atlas(), "zzzzzzzz")
    'No place in the atlas matches that name.'
    """
    nearest = [match.place.name for match in suggest_places(atlas, text)]
    if not nearest:
        return "No place in the atlas matches that name."
    return f"No place in the atlas matches that name. Did you mean: {', '.join(nearest)}?"
