"""The Streamlit page: slider and timeline, map, step panel, downloads. Widgets only.

Everything shown is computed by the pure modules (:mod:`astana.views.display`,
:mod:`astana.views.summary`, :mod:`astana.views.charts`, :mod:`astana.views.navigation`,
:mod:`astana.views.mapview`) from the Atlas, cached with ``st.cache_data``: after the first run a
step reads no file. The step lives in the URL as ``?date=YYYY-MM-DD``.
"""

from __future__ import annotations

import logging
import os
from functools import partial
from pathlib import Path

import streamlit as st
import streamlit.components.v1 as components
from streamlit_folium import st_folium

from astana.data.catalog import AtlasError, load_atlas
from astana.data.models import Atlas, Step
from astana.exports import snapshot
from astana.timeline import build_steps, state_at_step
from astana.views import charts, display, legend, mapview, navigation, summary

STEP_KEY = "step"
JUMP_KEY = "jump"
BASEMAP_KEY = "basemap"
MAP_KEY = "zones_map"
_NOTICE_KEY = "link_notice"
# A folder holding data/ and geodata/ to show instead of the repository's own (a fork's
# draft, a test fixture): the same as the CLI's --root. The atlas is cached per folder.
ROOT_ENV = "ASTANA_DATA_ROOT"
_LOG = logging.getLogger(__name__)
_MAX_PROBLEMS_SHOWN = 200
_MAP_HEIGHT = 540
# Names for the formats we know; a format added to snapshot.FORMATS later shows its key.
_FORMAT_NAMES = {
    "geojson": "GeoJSON",
    "gpkg": "GeoPackage",
    "png": "PNG image",
    "svg": "SVG image",
    "html": "HTML map",
    "csv": "CSV table",
    "zip": "ZIP of everything",
}
_CAVEAT = (
    "**Outlines are approximate:** no official map of the zones was published. Each is "
    "drawn between named localities (to within about 1 to 10 km), not a surveyed front "
    "line. [How they were drawn](#method)"
)


def data_root() -> Path | None:
    """The folder named by ``ASTANA_DATA_ROOT``, or None for the repository's own data."""
    value = os.environ.get(ROOT_ENV, "").strip()
    return Path(value) if value else None


def cached_atlas() -> Atlas:
    """The validated Atlas, read once per process (per data folder)."""
    return _cached_atlas(data_root())


@st.cache_data(show_spinner="Loading the atlas…")
def _cached_atlas(root: Path | None) -> Atlas:
    return load_atlas(root)


@st.cache_data(show_spinner=False)
def cached_steps() -> tuple[Step, ...]:
    """The slider's steps."""
    return build_steps(cached_atlas())


@st.cache_data(show_spinner=False)
def cached_base_layers() -> dict:
    """Border and places for the base map, simplified."""
    return display.base_layers(cached_atlas())


@st.cache_data(show_spinner=False)
def cached_timeline_rows() -> dict:
    """Rows of the timeline strip."""
    return charts.timeline_rows(cached_atlas())


@st.cache_data(show_spinner=False, max_entries=64)
def cached_step_view(step_id: str) -> dict:
    """What one step shows: display zones, legend and panel HTML."""
    atlas = cached_atlas()
    state = state_at_step(atlas, step_id)
    zones = display.zone_collection(atlas, state)
    layers = display.layer_collection(atlas, state)
    return {
        "zones": zones,
        "layers": layers,
        "legend": legend.legend_html(legend.legend_rows(atlas, zones), layers),
        "panel": summary.step_panel_html(atlas, state),
    }


@st.cache_data(show_spinner=False)
def cached_method_html() -> str:
    """The notes on how each outline was drawn."""
    return summary.method_html(cached_atlas())


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


def main() -> None:
    """Draw the page."""
    st.set_page_config(page_title="Astana de-escalation zones, 2017-2024", layout="wide")
    st.html(f"<style>{summary.PAGE_CSS}</style>")
    try:
        atlas = cached_atlas()
    except AtlasError as err:
        _data_error(err.problems)
    except Exception as err:  # a reader's page shows a message, never a traceback
        _LOG.exception("loading the atlas failed")
        _data_error([f"{type(err).__name__}: {err}"])
    steps = cached_steps()
    _choose_initial_step(atlas, steps)
    st.title("De-escalation zones of the Astana process, 2017 and after")
    st.info(_CAVEAT, icon=":material/info:")
    if notice := st.session_state.pop(_NOTICE_KEY, None):
        st.warning(notice)
    step = _step_controls(steps)
    # The chart sits above the map but is filled after it: the zones reach the browser
    # first (building the chart takes ~100 ms; see BENCHMARKS.md).
    chart_slot = st.empty()
    view = cached_step_view(step.id)
    map_column, panel_column = st.columns([3, 2], gap="medium")
    with map_column:
        _map(view)
    with panel_column:
        st.html(view["panel"])
    chart = charts.timeline_chart(cached_timeline_rows(), step.date)
    chart_slot.altair_chart(chart, width="stretch")
    with panel_column:
        _downloads(atlas, step)
    st.header("How the outlines were drawn", anchor="method")
    st.html(cached_method_html())
    st.caption(summary.CREDITS)
    # Always set it: a run started before an earlier run's URL update reached the browser
    # sees a stale value, and skipping "unchanged" values let the earlier update win.
    st.query_params[navigation.DATE_PARAM] = navigation.link_value(step)


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


def _choose_initial_step(atlas: Atlas, steps: tuple[Step, ...]) -> None:
    """On a session's first run, take the step from the URL (or the default)."""
    if st.session_state.get(STEP_KEY) in {step.id for step in steps}:
        return
    default = navigation.default_step(atlas, steps)
    choice = navigation.step_from_link(steps, st.query_params.get(navigation.DATE_PARAM), default)
    st.session_state[STEP_KEY] = choice.step.id
    if choice.notice:
        st.session_state[_NOTICE_KEY] = choice.notice


def _go(offset: int) -> None:
    target = navigation.neighbour(cached_steps(), st.session_state[STEP_KEY], offset)
    if target is not None:
        st.session_state[STEP_KEY] = target.id


@st.cache_data(show_spinner=False)
def cached_jump_targets() -> dict[str, str]:
    """The "jump to" menu: years and rounds, each with the step it opens."""
    return navigation.jump_targets(cached_steps(), cached_atlas().rounds)


def _jump() -> None:
    """Open the step chosen in the "jump to" menu, then clear the menu."""
    target = cached_jump_targets().get(st.session_state.get(JUMP_KEY) or "")
    if target is not None:
        st.session_state[STEP_KEY] = target
    st.session_state[JUMP_KEY] = None


def _step_controls(steps: tuple[Step, ...]) -> Step:
    """The slider over the steps, with back and forward buttons; returns the step shown."""
    by_id = {step.id: step for step in steps}
    index = list(by_id).index(st.session_state[STEP_KEY])
    with st.container(horizontal=True, vertical_alignment="bottom"):
        st.button("◀", key="previous", help="Previous step", on_click=_go, args=(-1,),
                  disabled=index == 0)  # fmt: skip
        step_id = st.select_slider(
            f"Step {index + 1} of {len(steps)}: date and what happened",
            options=list(by_id),
            # the slider reads its labels as Markdown: show the titles as written
            format_func=lambda sid: display.markdown_literal(by_id[sid].label),
            key=STEP_KEY,
        )
        st.button("▶", key="next", help="Next step", on_click=_go, args=(1,),
                  disabled=index == len(steps) - 1)  # fmt: skip
    st.selectbox(
        "Jump to a year or a round",
        list(cached_jump_targets()),
        index=None,
        placeholder="Jump to a year or a round…",
        key=JUMP_KEY,
        on_change=_jump,
    )
    return by_id[step_id]


def _map(view: dict) -> None:
    """The base map (same every run) with this step's zones swapped in."""
    choices = mapview.basemaps(os.environ.get("CARTO_API_KEY"))
    if st.session_state.get(BASEMAP_KEY) not in choices:
        st.session_state[BASEMAP_KEY] = next(iter(choices))
    label = st.session_state[BASEMAP_KEY]
    leaflet_base = leaflet_base_url()
    fmap = mapview.build_base_map(
        cached_base_layers(), choices[label], leaflet_base or mapview.LEAFLET_CDN
    )
    st_folium(
        fmap,
        feature_group_to_add=mapview.build_zone_layer(view["zones"], view["layers"]),
        returned_objects=[],
        key=MAP_KEY,
        height=_MAP_HEIGHT,
        use_container_width=True,
    )
    if leaflet_base is None:
        st.caption(
            "The map needs a connection: its scripts load from the internet. "
            "The slider, summaries, timeline and downloads work without one."
        )
    st.html(view["legend"])
    st.radio("Base map", list(choices), key=BASEMAP_KEY, horizontal=True)


def _downloads(atlas: Atlas, step: Step) -> None:
    """One download button per snapshot format; each file is made only when clicked."""
    state = state_at_step(atlas, step.id)
    with st.popover("Download this snapshot", icon=":material/download:"):
        for fmt, (mime, extension) in snapshot.FORMATS.items():
            st.download_button(
                f"{_FORMAT_NAMES.get(fmt, fmt.upper())} (.{extension})",
                data=partial(snapshot.render, atlas, state, fmt),
                file_name=snapshot.snapshot_filename(state, fmt),
                mime=mime,
                key=f"download-{fmt}",
                on_click="ignore",
            )
