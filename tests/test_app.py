"""The dashboard as a reader meets it: AppTest runs app.py, moves widgets, reads the page."""

from __future__ import annotations

import json

import pytest
import streamlit as st
import streamlit_folium
from app_pages import map_args, run_page
from markup_checks import place_names
from streamlit import config as st_config
from streamlit.testing.v1 import AppTest

from astana import ui
from astana.data.catalog import AtlasError, load_atlas
from astana.data.files import Problem
from astana.exports import snapshot
from astana.timeline import build_steps, state_at_step
from astana.views import display, mapview

FIRST, DEFAULT = "ceasefire-2016-12-30", "memorandum-in-force-2017-05-06"
IDLIB = "idlib-agreement-2017-09-15"
PANEL = "<div class='astana-panel'>"


def _run(date: str | None = None) -> AppTest:
    return run_page(date=date) if date is not None else run_page()


_map_args = map_args


def _url_date(app: AppTest) -> str:
    """The ``?date=`` the page put in the URL (older AppTests give a list of values)."""
    value = app.query_params["date"]
    return value[-1] if isinstance(value, list) else value


def _panel(app: AppTest) -> str:
    (body,) = [b for b in (e.proto.body for e in app.get("html")) if b.startswith(PANEL)]
    return body


def _texts(app: AppTest) -> str:
    """Everything the page shows as text or HTML, to look for what must not be there."""
    kinds = (app.title, app.header, app.markdown, app.caption, app.info, app.warning, app.error)
    parts = [element.value for elements in kinds for element in elements]
    parts += [element.proto.body for element in app.get("html")]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def opened() -> AppTest:
    return _run()


def test_app_runs_and_opens_on_the_memorandum_in_force(opened):
    assert not opened.exception
    assert opened.title[0].value.startswith("De-escalation zones of the Astana process")
    assert opened.select_slider(key=ui.STEP_KEY).value == DEFAULT
    assert _url_date(opened) == "2017-05-06"
    assert "De-escalation memorandum in force" in _panel(opened)


def test_the_caveat_is_shown_and_links_to_the_method(opened):
    caveat = opened.info[0].value
    assert "Outlines are approximate" in caveat
    assert "(#method)" in caveat
    assert any(header.value == "How the outlines were drawn" for header in opened.header)
    assert "geodata/README.md" in _texts(opened)


def test_a_step_swaps_the_zones_but_not_the_base_map():
    app = _run()
    before, panel_before = _map_args(app), _panel(app)
    app.select_slider(key=ui.STEP_KEY).set_value(IDLIB).run()
    after = _map_args(app)
    assert not app.exception
    assert {k: before[k] for k in ("script", "header", "html", "key", "js_links")} == {
        k: after[k] for k in ("script", "header", "html", "key", "js_links")
    }
    assert before["feature_group"] != after["feature_group"]
    assert '"dashArray":"8 6"' in before["feature_group"]  # declared in May
    assert '"dashArray":"8 6"' not in after["feature_group"]  # all in force in September
    assert _panel(app) != panel_before
    assert "Idlib de-escalation area announced at Astana 6" in _panel(app)
    assert _url_date(app) == "2017-09-15"


def test_the_map_gets_what_st_folium_would_send(monkeypatch):
    """The page sends streamlit-folium's component arguments cached per process and per
    step instead of calling st_folium: they must be st_folium's own, byte for byte (a
    streamlit-folium release that changes them fails here)."""
    app = _run("2017-09-20")
    shown = _map_args(app)
    sent = {}
    monkeypatch.setattr(streamlit_folium, "_component_func", lambda **kwargs: sent.update(kwargs))
    atlas = load_atlas()
    leaflet_base = shown["js_links"][0].removesuffix("leaflet.js")
    tiles = mapview.basemaps()[mapview.OPENSTREETMAP]
    fmap = mapview.build_base_map(display.base_layers(atlas), tiles, leaflet_base)
    state = state_at_step(atlas, IDLIB)
    zones = display.zone_collection(atlas, state), display.layer_collection(atlas, state)
    streamlit_folium.st_folium(fmap, key=ui.MAP_KEY, height=540, returned_objects=[],
                               feature_group_to_add=mapview.build_zone_layer(*zones),
                               use_container_width=True)  # fmt: skip
    del sent["on_change"]  # a callback: not sent to the browser
    assert shown == json.loads(json.dumps(sent))


def test_a_step_moves_the_pointer_and_sends_the_strip_as_before():
    """The band's spec is unchanged (the browser updates its data); the strip is the same
    message, large enough for Streamlit to send a reference to the browser's copy."""
    app = _run()
    marker_before, strip_before = app.get("vega_lite_chart")
    app.select_slider(key=ui.STEP_KEY).set_value(IDLIB).run()
    marker_after, strip_after = app.get("vega_lite_chart")
    assert marker_before.proto.spec == marker_after.proto.spec
    assert [d.name for d in marker_after.proto.datasets] == ["selected"]
    assert marker_before.proto.datasets[0].data.data != marker_after.proto.datasets[0].data.data
    assert strip_before.proto == strip_after.proto
    cached_from = st_config.get_option("global.minCachedMessageSize")
    assert strip_after.proto.ByteSize() >= cached_from > marker_after.proto.ByteSize()


def test_every_step_sends_at_most_50_kb_to_the_map():
    """The map's arguments travel again at every step that changes the zones (the base
    map's script too); the whole step has 60 KB (BENCHMARKS.md)."""
    app = _run()
    for step in build_steps(load_atlas()):
        app.select_slider(key=ui.STEP_KEY).set_value(step.id).run()
        size = len(app.main.get("component_instance")[0].proto.json_args.encode())
        assert size <= 50_000, (step.id, size)


def test_back_and_forward_buttons_move_one_step():
    app = _run()
    app.button(key="next").click().run()
    assert app.select_slider(key=ui.STEP_KEY).value == "astana-5"
    app.button(key="previous").click().run()
    app.button(key="previous").click().run()
    assert app.select_slider(key=ui.STEP_KEY).value == "memorandum-signed-2017-05-04"
    app.select_slider(key=ui.STEP_KEY).set_value(FIRST).run()
    assert app.button(key="previous").disabled
    assert not app.button(key="next").disabled


@pytest.mark.parametrize(
    ("date", "step_id"),
    [("2017-09-15", IDLIB), ("2017-09-20", IDLIB), ("2017-11-22", "sochi-summit-2017-11-22")],
)
def test_a_deep_link_restores_its_step(date, step_id):
    app = _run(date)
    assert app.select_slider(key=ui.STEP_KEY).value == step_id
    assert not app.warning


@pytest.mark.parametrize(
    "date", ["2017-02-30", "<script>alert('x')</script>", "**bold**", "2031-01-01", "2016-01-01"]
)
def test_a_bad_deep_link_falls_back_to_the_first_step_with_a_notice(date):
    app = _run(date)
    assert not app.exception
    assert app.select_slider(key=ui.STEP_KEY).value == FIRST
    assert "showing the first step" in app.warning[0].value
    assert date not in _texts(app)
    assert _url_date(app) == "2016-12-30"


def test_the_notice_goes_once_the_reader_moves_on():
    app = _run("not-a-date")
    app.button(key="next").click().run()
    assert not app.warning


def test_no_tiles_keeps_border_places_and_zones():
    app = _run()
    app.radio(key=ui.BASEMAP_KEY).set_value("No tiles (offline)").run()
    args = _map_args(app)
    assert "tile.openstreetmap.org" not in args["script"]
    assert "Border: Natural Earth" in args["script"] and "Aleppo" in place_names(args["script"])
    assert "Zone 1" in args["feature_group"]


def test_leaflet_is_served_locally_when_its_package_is_installed(opened):
    pytest.importorskip("xstatic.pkg.leaflet", reason="xstatic-leaflet not installed")
    args = _map_args(opened)
    assert args["js_links"] == ["../astana.ui.leaflet_assets/leaflet.js"]
    assert args["css_links"] == ["../astana.ui.leaflet_assets/leaflet.css"]


def test_without_a_local_leaflet_the_map_says_it_needs_a_connection(monkeypatch):
    monkeypatch.setattr(ui, "leaflet_base_url", lambda: None)
    app = _run()
    assert _map_args(app)["js_links"][0].startswith("https://cdn.jsdelivr.net/npm/leaflet@")
    assert any("The map needs a connection" in caption.value for caption in app.caption)
    assert _panel(app) and app.get("download_button")  # the rest of the page is there


def test_one_download_per_format_made_only_on_click(monkeypatch):
    calls = []
    monkeypatch.setattr(snapshot, "render", lambda *args: calls.append(args) or b"")
    app = _run("2017-09-20")
    buttons = app.get("download_button")
    assert len(buttons) == len(snapshot.FORMATS)
    for button, (fmt, (_mime, extension)) in zip(buttons, snapshot.FORMATS.items(), strict=True):
        assert button.proto.label.endswith(f"(.{extension})")
        assert button.proto.deferred_file_id, fmt  # a callable, not bytes made in advance
    assert calls == []


def test_invalid_data_shows_the_problems_instead_of_a_traceback(monkeypatch):
    problem = Problem("data/rounds.yaml", "astana-1", "venue", "required field is missing")

    def broken(root=None):
        raise AtlasError([problem])

    _clear_caches()
    monkeypatch.setattr(ui, "load_atlas", broken)
    try:
        app = _run()
        assert not app.exception
        assert "did not validate" in app.error[0].value
        assert str(problem) in app.code[0].value
    finally:
        _clear_caches()


def _clear_caches() -> None:
    """Forget the atlas and everything made from it (the next run reads the data again)."""
    st.cache_data.clear()
    st.cache_resource.clear()


def test_the_jump_menu_opens_a_round_and_clears_itself():
    app = _run()
    label = next(text for text in ui.cached_jump_targets() if text.startswith("Astana 22"))
    app.selectbox(key=ui.JUMP_KEY).set_value(label).run()
    assert not app.exception
    assert app.select_slider(key=ui.STEP_KEY).value == "astana-22"
    assert app.selectbox(key=ui.JUMP_KEY).value is None
    assert _url_date(app) == "2024-11-11"
    args = _map_args(app)
    assert '"status":"ended"' in args["feature_group"]  # zones 2-4 drawn grey
    assert '"kind":"corridor"' in args["feature_group"]  # the 2020 M4 corridor


def test_a_link_to_october_2018_shows_the_demilitarised_zone():
    app = _run("2018-10-01")
    assert app.select_slider(key=ui.STEP_KEY).value == "sochi-memorandum-2018-09-17"
    assert '"kind":"dmz"' in _map_args(app)["feature_group"]
    assert "Demilitarised zone" in "".join(e.proto.body for e in app.get("html"))


def test_play_moves_one_step_at_once_and_pause_keeps_the_step():
    steps = build_steps(load_atlas())
    after = steps[[step.id for step in steps].index(IDLIB) + 1]
    app = _run("2017-09-20")
    assert app.button(key=ui.PLAY_KEY).label == "Play"
    app.button(key=ui.PLAY_KEY).click().run()
    assert app.select_slider(key=ui.STEP_KEY).value == after.id
    assert app.button(key=ui.PLAY_KEY).label == "Pause"
    assert _url_date(app) == after.date.isoformat()
    app.button(key=ui.PLAY_KEY).click().run()
    assert app.button(key=ui.PLAY_KEY).label == "Play"
    assert app.select_slider(key=ui.STEP_KEY).value == after.id


def test_play_from_the_last_step_starts_again_and_another_control_stops_it():
    steps = build_steps(load_atlas())
    app = _run(steps[-1].date.isoformat())
    app.button(key=ui.PLAY_KEY).click().run()
    assert app.select_slider(key=ui.STEP_KEY).value == FIRST
    app.button(key="next").click().run()
    assert app.button(key=ui.PLAY_KEY).label == "Play"
    assert app.select_slider(key=ui.STEP_KEY).value == steps[1].id


def test_the_reader_chooses_the_pace_of_play():
    app = _run()
    pace = app.selectbox(key=ui.PACE_KEY)
    assert pace.value == 1.5 and pace.options == ["0.75 s", "1.5 s", "3 s"]
    app.button(key=ui.PLAY_KEY).click().run()
    app.selectbox(key=ui.PACE_KEY).set_value(3.0).run()
    assert app.button(key=ui.PLAY_KEY).label == "Pause"  # a new pace keeps Play on
    assert not app.exception


def test_a_step_that_redraws_a_zone_says_what_changed_on_map_and_panel():
    app = _run("2018-07-06")  # the eastern Daraa deal: zone 3 loses the east and Nasib
    panel = _panel(app)
    assert "<h4>What changed on the map</h4>" in panel
    assert "<b>Since 26 June 2018:</b> -1,330 km² (1,228 km² left)" in panel
    assert "Nasib border crossing (Jaber)" in panel
    zones = _map_args(app)["feature_group"]
    assert "Since 26 June 2018:<\\/b> -1,330 km\\u00b2 (1,228 km" in zones  # JSON
    assert "Places taken (6 July 2018):<\\/b> Al-Hirak" in zones
