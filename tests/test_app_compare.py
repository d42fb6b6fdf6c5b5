"""The page's comparison of two dates and its place search, as a reader meets them: AppTest
runs app.py, follows links, moves the controls and reads the page and its URL."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
import streamlit as st
from app_pages import map_args, run_page
from streamlit.testing.v1 import AppTest

from astana import ui
from astana.compare import diff
from astana.data.catalog import load_atlas
from astana.exports.comparison import render_comparison

IDLIB_AGREEMENT = "idlib-agreement-2017-09-15"  # in force on 2017-09-20
COMPARE_LINK = {"date": "2017-09-20", "compare": "2018-08-01"}
# The step in force on 2018-08-01 is dated 2018-07-31: the comparison and its URL use it.
FILES = "astana-changes-2017-09-15-to-2018-07-31"


_run = run_page


_map_args = map_args


def _url(app: AppTest) -> dict[str, str]:
    """The page's URL parameters (older AppTests give lists of values)."""
    return {k: v[-1] if isinstance(v, list) else v for k, v in app.query_params.items()}


def _html(app: AppTest, starts: str) -> list[str]:
    return [e.proto.body for e in app.get("html") if e.proto.body.startswith(starts)]


def _texts(app: AppTest) -> str:
    kinds = (app.title, app.header, app.markdown, app.caption, app.info, app.warning, app.error)
    parts = [element.value for elements in kinds for element in elements]
    return "\n".join(parts + [element.proto.body for element in app.get("html")])


def _assert_compare_view(app: AppTest) -> None:
    group = _map_args(app)["feature_group"]
    for kind in ("before", "after", "lost", "gained"):
        assert f'"kind":"{kind}"' in group, kind
    assert "astana-hatch-lost" in group and "astana-hatch-gained" in group
    (panel,) = _html(app, "<div class='astana-panel astana-compare'>")
    assert "What changed from 15 September 2017 to 31 July 2018" in panel
    assert "Zone 2: northern Homs" in panel and "<td>lost</td>" in panel
    assert "Astana 7" in panel  # a step between the dates
    (legend,) = _html(app, "<div class='astana-legend astana-compare-legend'>")
    assert "Red hatching: ground lost between 15 September 2017 and 31 July 2018" in legend


def test_a_link_with_compare_opens_the_comparison():
    app = _run(**COMPARE_LINK)
    assert not app.exception and not app.warning
    assert app.select_slider(key=ui.STEP_KEY).value == IDLIB_AGREEMENT
    compared = app.selectbox(key=ui.COMPARE_KEY).value
    assert next(s for s in ui.cached_steps() if s.id == compared).date == dt.date(2018, 7, 31)
    _assert_compare_view(app)
    assert _url(app) == {"date": "2017-09-15", "compare": "2018-07-31"}
    assert not _html(app, "<div class='astana-panel'>")  # the step panel gives way


def test_compare_chosen_on_the_page_keeps_the_base_map_and_back_returns_to_the_date():
    app = _run(date="2017-09-20")
    plain = _map_args(app)
    later = next(s for s in ui.cached_steps() if s.date == dt.date(2018, 7, 31))
    app.selectbox(key=ui.COMPARE_KEY).set_value(later.id).run()
    compared = _map_args(app)
    _assert_compare_view(app)
    assert _url(app)["compare"] == "2018-07-31"
    same = ("script", "header", "html", "key", "js_links")
    assert {k: plain[k] for k in same} == {k: compared[k] for k in same}  # same iframe
    app.button(key="leave_compare").click().run()
    assert _map_args(app)["feature_group"] == plain["feature_group"]
    assert "compare" not in _url(app) and app.selectbox(key=ui.COMPARE_KEY).value is None
    assert _html(app, "<div class='astana-panel'>")


def test_clearing_the_compare_menu_leaves_compare():
    app = _run(**COMPARE_LINK)
    app.selectbox(key=ui.COMPARE_KEY).set_value(None).run()
    assert "compare" not in _url(app)
    assert '"kind":"lost"' not in _map_args(app)["feature_group"]


def test_an_earlier_compare_date_is_drawn_from_the_earlier_date():
    app = _run(date="2018-08-01", compare="2017-09-20")
    _assert_compare_view(app)
    assert _url(app) == {"date": "2018-07-31", "compare": "2017-09-15"}


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"compare": "garbage<b>x</b>"}, "comparison date"),
        ({"compare": "1999-01-01"}, "comparison date"),
        ({"place": "nope-<script>"}, "place is not one the atlas knows"),
        ({"compare": "2017-02-30", "place": "**x**"}, "place is not one"),
    ],
)
def test_bad_compare_and_place_values_fall_back_with_a_notice_that_never_echoes(params, words):
    app = _run(date="2017-09-20", **params)
    assert not app.exception
    assert words in app.warning[0].value
    for value in params.values():
        assert value not in _texts(app)
    assert _url(app) == {"date": "2017-09-15"}  # the bad parameters are dropped
    assert _html(app, "<div class='astana-panel'>")  # the plain view


def test_a_link_with_a_place_centres_the_map_and_shows_its_history():
    app = _run(date="2017-09-20", place="douma")
    assert not app.exception and not app.warning
    args = _map_args(app)
    douma = next(p for p in load_atlas().places if p.id == "douma")
    assert args["center"] == [douma.lat, douma.lon] and args["zoom"] == 10
    assert "astana-place-marker" in args["feature_group"]
    (panel,) = _html(app, "<div class='astana-panel astana-place'>")
    assert "Douma" in panel and "دوما" in panel
    assert "ghouta-retaken" in panel or "Left the zone:" in panel
    assert app.text_input(key=ui.PLACE_QUERY_KEY).value == "Douma"
    assert _url(app)["place"] == "douma"


@pytest.mark.parametrize("name", ["إدلب", "Idleb", "idlib"])
def test_the_place_box_finds_a_place_by_any_spelling(name):
    app = _run(date="2017-09-20")
    before = _map_args(app)
    app.text_input(key=ui.PLACE_QUERY_KEY).set_value(name).run()
    assert not app.exception
    assert _url(app)["place"] == "idlib"
    args = _map_args(app)
    assert args["key"] == before["key"] and args["center"] is not None  # moved, not rebuilt
    (panel,) = _html(app, "<div class='astana-panel astana-place'>")
    assert "Idlib" in panel and "Zone 1" in panel


def test_clearing_the_place_box_removes_the_place():
    app = _run(date="2017-09-20", place="idlib")
    app.text_input(key=ui.PLACE_QUERY_KEY).set_value("").run()
    assert "place" not in _url(app)
    assert not _html(app, "<div class='astana-panel astana-place'>")
    assert "astana-place-marker" not in _map_args(app)["feature_group"]


def test_a_name_that_matches_nothing_suggests_names_without_echoing_it():
    app = _run(date="2017-09-20")
    app.text_input(key=ui.PLACE_QUERY_KEY).set_value("Xaraqeeb<i>").run()
    assert "No place in the atlas matches that name" in app.warning[0].value
    assert "Saraqib" in app.warning[0].value
    assert "Xaraqeeb<i>" not in app.warning[0].value
    assert "place" not in _url(app)


def test_compare_and_place_together():
    app = _run(**COMPARE_LINK, place="daraa")
    _assert_compare_view(app)
    assert "astana-place-marker" in _map_args(app)["feature_group"]
    (element,) = app.main.get("component_instance")
    assert len(element.proto.json_args.encode()) <= 50_000  # as a step's (test_app.py)
    assert _url(app) == {**{"date": "2017-09-15", "compare": "2018-07-31"}, "place": "daraa"}


def test_the_download_menu_offers_the_comparison_with_both_dates(monkeypatch):
    """The page's buttons, with the file each would give when clicked."""
    buttons = {}

    def record(label, data, file_name, mime, key, on_click):
        buttons[key] = (label, data, file_name)
        return False

    monkeypatch.setattr(st, "download_button", record)
    app = _run(**COMPARE_LINK)
    assert not app.exception
    assert buttons["download-changes-geojson"][2] == f"{FILES}.geojson"
    assert buttons["download-changes-csv"][2] == f"{FILES}.csv"
    assert "download-geojson" in buttons  # the snapshot stays on offer
    expected = diff(load_atlas(), dt.date(2017, 9, 15), dt.date(2018, 7, 31))
    for fmt in ("geojson", "csv"):
        assert buttons[f"download-changes-{fmt}"][1]() == render_comparison(expected, fmt)
    rows = list(
        csv.DictReader(io.StringIO(buttons["download-changes-csv"][1]().decode("utf-8-sig")))
    )
    assert [(row["zone_id"], row["change"]) for row in rows][1:] == [
        ("2", "lost"), ("3", "lost"), ("4", "lost")
    ]  # fmt: skip
    features = json.loads(buttons["download-changes-geojson"][1]())["features"]
    assert {f["properties"]["change"] for f in features} == {"lost", "gained"}


def test_without_compare_the_menu_has_only_the_snapshot(monkeypatch):
    buttons = {}
    monkeypatch.setattr(st, "download_button", lambda *a, key, **k: buttons.setdefault(key, 1))
    _run(date="2017-09-20")
    assert buttons and not [key for key in buttons if "changes" in key]
