"""The page under Streamlit's AppTest, for the app tests: open it with URL parameters, and
read what it sends the map."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def run_page(**params: str) -> AppTest:
    """The page opened with ``params`` in its URL, run once."""
    app = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        app.query_params[key] = value
    return app.run()


def map_args(app: AppTest) -> dict:
    """The arguments the page sends to the streamlit-folium component."""
    (element,) = [
        e
        for e in app.main
        if e.type == "component_instance" and "st_folium" in e.proto.component_name
    ]
    return json.loads(element.proto.json_args)
