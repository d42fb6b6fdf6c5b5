"""The floor for ``bench/step_cost.py``: the least a Streamlit page with a slider can do.

A ``select_slider`` over as many options as the atlas has steps (``ASTANA_FLOOR_OPTIONS``,
set by step_cost.py) and one small ``st.html`` panel naming the option shown. Whatever a
step of the dashboard costs beyond this page's step is the dashboard's own work.
"""

from __future__ import annotations

import os

import streamlit as st

options = [f"step-{number}" for number in range(int(os.environ.get("ASTANA_FLOOR_OPTIONS", "51")))]
shown = st.select_slider("Step", options=options, key="step")
st.html(f"<div class='panel'><h3>{shown}</h3><p>What happened at this step.</p></div>")
