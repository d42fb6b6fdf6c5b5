"""The benchmarks' baseline pages still run: bench/slider.py compares the dashboard with
``bench/naive_app.py`` (the same page, its map rebuilt each step), which patches
``astana.ui._map``; a change to that function's arguments once left the baseline without
zones, and the benchmark timed out instead of measuring."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from astana import ui

BENCH = Path(__file__).resolve().parents[1] / "bench"


def test_the_naive_page_draws_a_step_and_a_place(monkeypatch):
    monkeypatch.setattr(ui, "_map", ui._map)  # the script replaces it; put it back after
    app = AppTest.from_file(str(BENCH / "naive_app.py"), default_timeout=60)
    app.query_params["date"] = "2017-09-20"
    app.query_params["place"] = "idlib"
    app.run()
    assert not app.exception, [error.value for error in app.exception]
    assert ui._map.__module__ != ui.__name__  # the naive map drew this page


def test_the_floor_page_runs():
    app = AppTest.from_file(str(BENCH / "floor_app.py"), default_timeout=60).run()
    assert not app.exception
