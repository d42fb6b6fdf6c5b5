"""The naive baseline for ``bench/slider.py``: the same page, with the map rebuilt each step.

The dashboard (``app.py``) keeps one base map and swaps the step's zones in with
``st_folium(feature_group_to_add=...)``. Here the zones are added to the folium map itself,
as a first version of such an app would do, so every step that changes the zones sends and
redraws the whole map (tiles, border, places, zones). Everything else on the page is the
dashboard's own, so the difference measured is the map's. Run:
``streamlit run bench/naive_app.py``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import streamlit as st
from streamlit_folium import st_folium

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from astana import ui
from astana.timeline import state_at_step
from astana.views import display, mapview


@st.cache_data(show_spinner=False, max_entries=256)
def step_zones(step_id: str) -> tuple[dict, dict]:
    """The zones and layers of a step, as the dashboard draws them."""
    atlas = ui.cached_atlas()
    state = state_at_step(atlas, step_id)
    return display.zone_collection(atlas, state), display.layer_collection(atlas, state)


def naive_map(_zones: str, legend_html: str, center: list[float] | None = None) -> None:
    """The whole map, zones included, rebuilt and sent on every run (no feature group);
    the same arguments as the dashboard's ``ui._map`` (a chosen place's centre too)."""
    choices = mapview.basemaps(os.environ.get("CARTO_API_KEY"))
    if st.session_state.get(ui.BASEMAP_KEY) not in choices:
        st.session_state[ui.BASEMAP_KEY] = next(iter(choices))
    leaflet_base = ui.leaflet_base_url() or mapview.LEAFLET_CDN
    fmap = mapview.build_base_map(
        ui.cached_base_layers(), choices[st.session_state[ui.BASEMAP_KEY]], leaflet_base
    )
    mapview.build_zone_layer(*step_zones(st.session_state[ui.STEP_KEY])).add_to(fmap)
    st_folium(fmap, returned_objects=[], key=ui.MAP_KEY, height=540, use_container_width=True,
              center=center)  # fmt: skip
    st.html(legend_html)
    st.radio("Base map", list(choices), key=ui.BASEMAP_KEY, horizontal=True)


# The page is the dashboard's; only its map is drawn the naive way.
ui._map = naive_map
ui.main()
