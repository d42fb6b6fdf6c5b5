"""The Streamlit page: slider and Play, timeline, map, step panel, comparison of two dates,
place search, downloads. Widgets only: what they show is built by :mod:`astana.views`.
The URL holds the step (``?date=YYYY-MM-DD``), a comparison (``&compare=YYYY-MM-DD``)
and a place (``&place=ID``).

**The step path.** What moves with the step is one fragment, :func:`step_view`, that a
step reruns alone, and nothing on it is built twice: the Atlas, steps and labels once per
process; the base map's arguments for streamlit-folium's component once per process and
base map (:func:`base_map_args`); a step's view once per step, a comparison's once per
pair of steps, a place's once per place. The map's iframe keeps its key, so it stays and
swaps in the new zones (or the comparison), and moves to a place chosen.

**Play**: while it plays, the fragment is declared with ``run_every``, so the browser asks
for a run every few seconds; a run that no widget's callback asked for is such a tick and
moves one step. Starting or stopping Play or changing its pace takes a full run (the
timer is set where the fragment is declared); any other control stops Play.
"""

from __future__ import annotations

import logging
import os
import time
from functools import partial
from pathlib import Path

import folium
import pyarrow as pa
import streamlit as st
import streamlit.components.v1 as components
import streamlit_folium
from streamlit.runtime.scriptrunner import get_script_run_ctx

from astana.compare import Comparison, diff
from astana.data.catalog import AtlasError, load_atlas
from astana.data.models import Atlas, Place, Step
from astana.exports import comparison as changes
from astana.exports import snapshot
from astana.timeline import build_steps, state_at_step
from astana.views import charts, display, mapview, navigation, pageview, placeview, summary
from astana.views import pagestate as page
from astana.views.pagestate import (
    ACTED_KEY,
    COMPARE_KEY,
    JUMP_KEY,
    NOTICE_KEY,
    PACE_KEY,
    PLACE_KEY,
    PLACE_QUERY_KEY,
    PLAY_KEY,
    PLAYING_KEY,
    STEP_KEY,
)  # fmt: skip

BASEMAP_KEY = "basemap"
MAP_KEY = "zones_map"
_FULL_RUN_KEY = "_full_run"  # set by a full run for the fragment it declares
_ZONES_SHOWN_KEY = "_zones_shown"  # the zone versions and layers the map shows
_ZONES_HEAD_START_S = 0.02
# A folder holding data/ and geodata/ to show instead of the repository's own (a fork's
# draft, a test fixture): the same as the CLI's --root. The atlas is cached per folder.
ROOT_ENV = "ASTANA_DATA_ROOT"
_LOG = logging.getLogger(__name__)
_MAX_PROBLEMS_SHOWN = 200
_MAP_HEIGHT = 540


def data_root() -> Path | None:
    """The folder named by ``ASTANA_DATA_ROOT``, or None for the repository's own data."""
    value = os.environ.get(ROOT_ENV, "").strip()
    return Path(value) if value else None


def cached_atlas() -> Atlas:
    """The validated Atlas, read once per process (per data folder)."""
    return _cached_atlas(data_root())


# Resources, not data, for what never changes: one object shared by every session (the
# Atlas is immutable; a cached copy would be unpickled, ~200 KB, at every run).
@st.cache_resource(show_spinner="Loading the atlas…")
def _cached_atlas(root: Path | None) -> Atlas:
    return load_atlas(root)


@st.cache_resource(show_spinner=False)
def cached_steps() -> tuple[Step, ...]:
    """The slider's steps."""
    return build_steps(cached_atlas())


@st.cache_resource(show_spinner=False)
def cached_slider_labels() -> dict[str, str]:
    """Each step's label on the slider, which reads labels as Markdown: shown as written."""
    return {step.id: display.markdown_literal(step.label) for step in cached_steps()}


@st.cache_data(show_spinner=False)
def cached_jump_targets() -> dict[str, str]:
    """The "jump to" menu: years and rounds, each with the step it opens."""
    return navigation.jump_targets(cached_steps(), cached_atlas().rounds)


@st.cache_data(show_spinner=False)
def cached_method_html() -> str:
    """The notes on how each outline was drawn."""
    return summary.method_html(cached_atlas())


@st.cache_resource(show_spinner=False)
def cached_timeline_specs() -> tuple[dict, dict]:
    """The Vega-Lite specs of the band that points at the step and of the timeline strip,
    built and validated once (read-only): the strip is the same message at every step,
    which Streamlit sends as a reference to the browser's copy."""
    rows = charts.timeline_rows(cached_atlas())
    return charts.marker_spec(rows), charts.timeline_spec(rows)


@st.cache_data(show_spinner=False, max_entries=256)
def cached_step_view(step_id: str) -> dict:
    """What one step shows, ready to send: its zones' script for the map, legend and panel
    HTML, file names (the timeline is :func:`cached_timeline_specs` and the step's date)."""
    state = state_at_step(cached_atlas(), step_id)
    layer, view = pageview.step_view(cached_atlas(), state)
    files = {fmt: snapshot.snapshot_filename(state, fmt) for fmt in snapshot.FORMATS}
    return view | {"zones_script": zones_script(layer), "files": files}


@st.cache_resource(show_spinner=False)
def cached_places() -> dict[str, Place]:
    """The atlas's places by id (read-only)."""
    return {place.id: place for place in cached_atlas().places}


@st.cache_resource(show_spinner=False, max_entries=64)
def cached_comparison(first_id: str, second_id: str) -> Comparison:
    """What changed from step ``first_id`` to step ``second_id`` (read-only)."""
    steps = {step.id: step for step in cached_steps()}
    return diff(cached_atlas(), steps[first_id].date, steps[second_id].date)


@st.cache_data(show_spinner=False, max_entries=64)
def cached_compare_view(first_id: str, second_id: str) -> dict:
    """What the page shows comparing two steps, the earlier first (as :func:`cached_step_view`;
    its files are the comparison's)."""
    changed = cached_comparison(first_id, second_id)
    layer, view = pageview.compare_view(changed)
    files = {fmt: changes.comparison_filename(changed, fmt) for fmt in changes.COMPARISON_FORMATS}
    return view | {"zones_script": zones_script(layer), "files": files}


@st.cache_data(show_spinner=False, max_entries=64)
def cached_place_view(place_id: str, also: tuple[str, ...] = ()) -> dict:
    """A place's marker (a script to add to the zones'), history panel and point; ``also``:
    the ids of other places the search matched, named in the panel."""
    places = cached_places()
    layer, view = pageview.place_view(cached_atlas(), places[place_id], [places[i] for i in also])
    return view | {"script": zones_script(layer)}


@st.cache_resource(show_spinner=False)
def leaflet_base_url() -> str | None:
    """Where the map's iframe loads Leaflet from when the ``xstatic-leaflet`` package is
    installed (served by this Streamlit server, so the map works offline); else None.

    A resource, declared once per server process: the first run registers the folder.
    """
    try:
        from xstatic.pkg import leaflet
    except ImportError:
        return None
    # Declaring a component only registers a folder for Streamlit to serve; the relative
    # URL is resolved from streamlit-folium's own iframe, under the same /component/ route.
    assets = components.declare_component("leaflet_assets", path=leaflet.BASE_DIR)
    return assets.url or f"../{assets.name}/"


@st.cache_resource(show_spinner=False)
def cached_base_layers() -> dict:
    """Border and places for the base map, simplified (read-only)."""
    return display.base_layers(cached_atlas())


@st.cache_resource(show_spinner=False)
def base_map_args(label: str, leaflet_base: str) -> dict:
    """What ``st_folium`` gives its component for the base map with tiles ``label``:
    computed once per process with streamlit-folium's own helpers, as ``st_folium`` does
    at each call (read-only; ``tests/test_app.py`` checks they are st_folium's)."""
    basemap = mapview.basemaps(os.environ.get("CARTO_API_KEY"))[label]
    fmap = mapview.build_base_map(cached_base_layers(), basemap, leaflet_base)
    fmap.get_root().render()
    fmap.render()
    html, header = streamlit_folium._get_html(fmap), streamlit_folium._get_header(fmap)
    script = streamlit_folium._get_map_string(fmap)  # names the map "map_div"
    return {
        "script": script,
        "header": header,
        "html": html,
        "id": streamlit_folium.get_full_id(fmap),
        "key": streamlit_folium.generate_js_hash(script, MAP_KEY, False),
        "css_links": [url for _name, url in fmap.default_css],
        "js_links": [url for _name, url in fmap.default_js],
    }


def zones_script(group: folium.FeatureGroup) -> str:
    """The script ``st_folium`` makes of a feature group to add (on any map: it calls the
    map ``map_div``, as the base map's script does)."""
    return streamlit_folium._get_feature_group_string(group, folium.Map(tiles=None))


def main() -> None:
    """Draw the page: the parts that never change, and the step fragment between them."""
    st.set_page_config(page_title="Astana de-escalation zones, 2017-2024", layout="wide")
    st.html(f"<style>{summary.PAGE_CSS}</style>")
    try:
        atlas = cached_atlas()
    except AtlasError as err:
        _data_error(err.problems)
    except Exception as err:  # a reader's page shows a message, never a traceback
        _LOG.exception("loading the atlas failed")
        _data_error([f"{type(err).__name__}: {err}"])
    _step_from_url(atlas, cached_steps())
    st.title("De-escalation zones of the Astana process, 2017-2024")
    st.info(summary.CAVEAT, icon=":material/info:")
    # The same at every step, so outside the fragment: a step need not send them again.
    with st.container(horizontal=True, vertical_alignment="bottom"):
        targets = cached_jump_targets()
        st.selectbox("Jump to a year or a round", list(targets), index=None, key=JUMP_KEY,
                     placeholder="Jump to a year or a round…", on_change=page.jump,
                     args=(st.session_state, targets))  # fmt: skip
        _compare_and_place_controls()
    timer = page.timer(st.session_state)
    st.session_state[_FULL_RUN_KEY] = True
    st.fragment(step_view, run_every=timer[1] if timer[0] else None)(timer)
    st.header("How the outlines were drawn", anchor="method")
    st.html(cached_method_html())
    st.caption(summary.CREDITS)


def step_view(timer: tuple[bool, float]) -> None:
    """Everything that moves with the step: a fragment, which a step reruns alone.

    ``timer`` is Play's state (playing, seconds per step) when the fragment was declared,
    which set the browser's timer: if it has changed since, a full run sets it again.
    """
    state, steps = st.session_state, cached_steps()
    acted, declared = state.pop(ACTED_KEY, False), state.pop(_FULL_RUN_KEY, False)
    if page.timer(state) != timer:
        st.rerun()
    if timer[0] and not (acted or declared) and page.play_tick(state, steps):
        st.rerun()  # Play stopped at the end: a full run clears the timer
    if notice := state.pop(NOTICE_KEY, None):
        st.warning(notice)
    ids = list(cached_slider_labels())
    step, pair = steps[ids.index(state[STEP_KEY])], page.compared_pair(state, ids)
    view = cached_compare_view(*pair) if pair else cached_step_view(step.id)
    place_id, also = state.get(PLACE_KEY) or (None, ())
    place = cached_place_view(place_id, also) if place_id else {"script": "", "center": None}
    # Places in the page's order, filled in another: the map's message goes first.
    controls, chart_slot = st.container(), st.empty()
    map_column, panel_column = st.columns([3, 2], gap="medium")
    with map_column:
        _map(view["zones_script"] + place["script"], view["legend"], place["center"])
    _head_start_for_new_zones(view["zones_key"])
    with controls:
        _step_controls(step)
    selected = pa.Table.from_pylist(charts.selected_rows(step.date))
    with chart_slot.container():
        marker, strip = cached_timeline_specs()
        st.vega_lite_chart({**marker, "datasets": {charts.SELECTED: selected}}, width="stretch")
        st.vega_lite_chart(strip, width="stretch")  # the same message at every step
    with panel_column:
        if place_id:
            st.html(place["panel"])
        st.html(view["panel"])
        _downloads(step, pair)
    other = steps[ids.index(state[COMPARE_KEY])] if pair else None
    # Always set: a run started before an earlier run's URL update reached the browser sees
    # a stale value, and skipping "unchanged" values let the earlier update win.
    for key, value in pageview.link_params(step, other, place_id).items():
        if value:
            st.query_params[key] = value
        elif key in st.query_params:
            del st.query_params[key]


def _step_from_url(atlas: Atlas, steps: tuple[Step, ...]) -> None:
    """On a session's first run, and when the reader goes back or forward in the browser's
    history (which reruns the page with that entry's URL), show what the URL asks for and
    stop Play."""
    from_history = getattr(get_script_run_ctx(), "is_history_navigation", False)
    if not from_history and st.session_state.get(STEP_KEY) in cached_slider_labels():
        return
    page.open_link(st.session_state, pageview.read_link(atlas, steps, st.query_params.to_dict()))


def _head_start_for_new_zones(zones_key: tuple[str, ...]) -> None:
    """When the step changes the zones, pause before sending the rest of the step, so that
    the browser draws them first instead of waiting for the rest of the batch to be laid
    out: in Chromium, p50 181 -> 100 ms, p95 280 -> 170 ms (BENCHMARKS.md). A pause costs
    the server no CPU, and steps that keep their zones make none."""
    if st.session_state.get(_ZONES_SHOWN_KEY) != zones_key:
        st.session_state[_ZONES_SHOWN_KEY] = zones_key
        time.sleep(_ZONES_HEAD_START_S)


def _step_controls(step: Step) -> None:
    """The slider over the steps at ``step``, back and forward buttons, Play and its pace."""
    state, steps, labels = st.session_state, cached_steps(), cached_slider_labels()
    index, playing = steps.index(step), state.get(PLAYING_KEY, False)
    with st.container(horizontal=True, vertical_alignment="bottom"):
        st.button("◀", key="previous", help="Previous step", on_click=page.go,
                  args=(state, steps, -1), disabled=index == 0)  # fmt: skip
        st.select_slider(f"Step {index + 1} of {len(steps)}: date and what happened",
                         options=list(labels), format_func=labels.__getitem__, key=STEP_KEY,
                         on_change=page.interacted, args=(state,))  # fmt: skip
        st.button("▶", key="next", help="Next step", on_click=page.go, args=(state, steps, 1),
                  disabled=index == len(steps) - 1)  # fmt: skip
        st.button("Pause" if playing else "Play", key=PLAY_KEY, on_click=page.toggle_play,
                  args=(state, steps), icon=f":material/{'pause' if playing else 'play_arrow'}:",
                  help="Step through the timeline; any other control stops it")  # fmt: skip
        st.selectbox("Seconds per step", navigation.PLAY_PACES_S, key=PACE_KEY, width=110,
                     index=navigation.PLAY_PACES_S.index(navigation.DEFAULT_PACE_S),
                     format_func=lambda seconds: f"{seconds:g} s",
                     on_change=page.not_a_tick, args=(state,))  # fmt: skip


def _compare_and_place_controls() -> None:
    """ "Compare with..." (a second step), the way back to the single date, the place box:
    outside the step's fragment (each of their callbacks takes a full run)."""
    labels, state = cached_slider_labels(), st.session_state
    st.selectbox("Compare with…", list(labels), index=None, key=COMPARE_KEY,
                 format_func=labels.__getitem__, on_change=page.interacted, args=(state,),
                 placeholder="Compare with another date…")  # fmt: skip
    if page.compared_pair(state, list(labels)):
        st.button("Back to the single date", key="leave_compare", icon=":material/close:",
                  on_click=page.leave_compare, args=(state,))  # fmt: skip
    st.text_input("Find a place (English or Arabic, any spelling)", key=PLACE_QUERY_KEY,
                  on_change=lambda: page.find_place(st.session_state, cached_atlas()),
                  placeholder="Idlib, Idleb, إدلب…")  # fmt: skip


def _map(zones: str, legend_html: str, center: list[float] | None = None) -> None:
    """The base map (the same every run) with ``zones``, a script from :func:`zones_script`,
    swapped in, centred on ``center`` when given; the legend and the base map's choice."""
    choices = mapview.basemaps(os.environ.get("CARTO_API_KEY"))
    if st.session_state.get(BASEMAP_KEY) not in choices:
        st.session_state[BASEMAP_KEY] = next(iter(choices))
    leaflet_base = leaflet_base_url()
    args = base_map_args(st.session_state[BASEMAP_KEY], leaflet_base or mapview.LEAFLET_CDN)
    # What st_folium(base map, feature_group_to_add=zones, returned_objects=[], key=MAP_KEY,
    # use_container_width=True, center=center, zoom=...) gives its component, from caches.
    streamlit_folium._component_func(
        **args, feature_group=zones, height=_MAP_HEIGHT, width=None, returned_objects=[],
        default={}, zoom=placeview.PLACE_ZOOM if center else None, center=center,
        return_on_hover=False, layer_control=None, pixelated=False, wrap_longitude=False,
        on_change=partial(page.not_a_tick, st.session_state),
    )  # fmt: skip
    if leaflet_base is None:
        st.caption(mapview.NEEDS_CONNECTION)
    st.html(legend_html)
    st.radio("Base map", list(choices), key=BASEMAP_KEY, horizontal=True,
             on_change=page.interacted, args=(st.session_state,))  # fmt: skip


def _downloads(step: Step, pair: tuple[str, str] | None) -> None:
    """One download button per snapshot format, and in compare mode per comparison format;
    each file is made only when clicked."""
    files = [(snapshot.FORMATS, cached_step_view(step.id)["files"])]
    if pair:
        files.append((changes.COMPARISON_FORMATS, cached_compare_view(*pair)["files"]))
    menus = [{fmt: (*kinds[fmt], name) for fmt, name in names.items()} for kinds, names in files]
    label, items = pageview.download_menu(menus[0], menus[1] if pair else None)
    with st.popover(label, icon=":material/download:"):
        for key, text, mime, name, fmt in items:
            made = partial(_comparison_file, pair, fmt) if "changes" in key else None
            st.download_button(text, data=made or partial(_snapshot_file, step.id, fmt),
                               file_name=name, mime=mime, key=key, on_click="ignore")  # fmt: skip


def _comparison_file(pair: tuple[str, str], fmt: str) -> bytes:
    """The comparison of two steps in ``fmt``, made when its button is clicked."""
    return changes.render_comparison(cached_comparison(*pair), fmt)


def _snapshot_file(step_id: str, fmt: str) -> bytes | str:
    """The snapshot of a step in ``fmt``, made when its button is clicked."""
    atlas = cached_atlas()
    return snapshot.render(atlas, state_at_step(atlas, step_id), fmt)


def _data_error(problems) -> None:
    """The error panel: the problems, one line each as ``python -m astana validate`` prints
    them (the first ``_MAX_PROBLEMS_SHOWN``: a broken file can give thousands), then stop."""
    st.error(
        "The atlas's data did not validate, so the page cannot be shown. Fix these problems "
        "(`python -m astana validate` lists the same lines):"
    )
    st.text(f"Data folder: {data_root() or 'the repository'}")  # text: a path is not Markdown
    shown = [str(problem) for problem in problems[:_MAX_PROBLEMS_SHOWN]]
    if len(problems) > _MAX_PROBLEMS_SHOWN:
        shown.append(f"… and {len(problems) - _MAX_PROBLEMS_SHOWN:,} more")
    st.code("\n".join(shown), language=None)
    st.stop()
