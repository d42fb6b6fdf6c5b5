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
from astana.views import mapview


def naive_map(view: dict) -> None:
    """The whole map, zones included, rebuilt and sent on every run (no feature group)."""
    choices = mapview.basemaps(os.environ.get("CARTO_API_KEY"))
    if st.session_state.get(ui.BASEMAP_KEY) not in choices:
        st.session_state[ui.BASEMAP_KEY] = next(iter(choices))
    leaflet_base = ui.leaflet_base_url() or mapview.LEAFLET_CDN
    fmap = mapview.build_base_map(
        ui.cached_base_layers(), choices[st.session_state[ui.BASEMAP_KEY]], leaflet_base
    )
    mapview.build_zone_layer(view["zones"]).add_to(fmap)
    st_folium(fmap, returned_objects=[], key=ui.MAP_KEY, height=540, use_container_width=True)
    st.html(view["legend"])
    st.radio("Base map", list(choices), key=ui.BASEMAP_KEY, horizontal=True)


# The page is the dashboard's; only its map is drawn the naive way.
ui._map = naive_map
ui.main()
