"""What the page's fragment shows and how its controls change it, without streamlit:
astana/views/pageview.py, pagestate.py, comparison.py and placeview.py."""

from __future__ import annotations

import datetime as dt

import pytest

from astana.compare import diff
from astana.data.catalog import load_atlas
from astana.timeline import build_steps
from astana.views import comparison, pagestate, pageview

ATLAS = load_atlas()
STEPS = build_steps(ATLAS)


def _step(day: str):
    return next(s for s in reversed(STEPS) if s.date <= dt.date.fromisoformat(day))


def test_a_link_asks_for_a_step_a_comparison_and_a_place():
    link = pageview.read_link(
        ATLAS, STEPS, {"date": "2017-09-20", "compare": "2018-08-01", "place": "daraa"}
    )
    assert (link.step, link.compare, link.place.id, link.notice) == (
        _step("2017-09-20"), _step("2018-08-01"), "daraa", None
    )  # fmt: skip


def test_bad_link_values_give_one_notice_naming_each_parameter_but_no_value():
    params = {"date": "x<b>", "compare": "1999-01-01", "place": "<script>"}
    link = pageview.read_link(ATLAS, STEPS, params)
    assert link.step == STEPS[0] and link.compare is None and link.place is None
    assert "date" in link.notice and "comparison date" in link.notice and "place" in link.notice
    assert not any(value in link.notice for value in params.values())


def test_the_url_drops_what_is_not_shown():
    assert pageview.link_params(STEPS[5], None, None) == {
        "date": STEPS[5].date.isoformat(), "compare": None, "place": None
    }  # fmt: skip


@pytest.mark.parametrize("text", ["Idleb", "إدلب", "  IDLIB ", "ادلب"])
def test_a_search_chooses_the_best_match(text):
    chosen, notice = pageview.choose_place(ATLAS, text)
    assert chosen[0] == "idlib" and notice is None


def test_an_empty_search_chooses_nothing_quietly():
    assert pageview.choose_place(ATLAS, "   ") == (None, None)


def test_compare_mode_orders_the_two_steps_and_leaving_clears_it():
    ids = [step.id for step in STEPS]
    state = {pagestate.STEP_KEY: ids[40], pagestate.COMPARE_KEY: ids[3]}
    assert pagestate.compared_pair(state, ids) == (ids[3], ids[40])
    pagestate.leave_compare(state)
    assert pagestate.compared_pair(state, ids) is None
    assert state[pagestate.PLAYING_KEY] is False  # any control stops Play


def test_a_search_that_matches_nothing_leaves_a_notice_and_no_place():
    state = {pagestate.PLACE_QUERY_KEY: "Dumaxxq", pagestate.PLACE_KEY: ("idlib", ())}
    pagestate.find_place(state, ATLAS)
    assert state[pagestate.PLACE_KEY] is None
    assert "Did you mean: Douma" in state[pagestate.NOTICE_KEY]


def test_play_stops_at_the_last_step():
    state = {pagestate.STEP_KEY: STEPS[-2].id, pagestate.PLAYING_KEY: True}
    assert pagestate.play_tick(state, STEPS) is True
    assert state == {pagestate.STEP_KEY: STEPS[-1].id, pagestate.PLAYING_KEY: False}


def test_the_comparison_map_draws_each_date_and_each_change_in_its_own_style():
    changed = diff(ATLAS, dt.date(2017, 9, 15), dt.date(2018, 7, 31))
    features = comparison.compare_collection(changed)["features"]
    kinds = {}
    for feature in features:
        kinds.setdefault(feature["properties"]["kind"], []).append(feature)
    assert [f["properties"]["zone_id"] for f in kinds["before"]] == [1, 2, 3, 4]
    assert [f["properties"]["zone_id"] for f in kinds["after"]] == [1]  # 2-4 ended
    assert [f["properties"]["zone_id"] for f in kinds["lost"]] == [1, 2, 3, 4]
    assert [f["properties"]["zone_id"] for f in kinds["gained"]] == [1]
    styles = {kind: group[0]["properties"]["style"] for kind, group in kinds.items()}
    assert styles["before"]["fillOpacity"] == 0 and styles["before"]["dashArray"]
    assert styles["after"]["fillOpacity"] > 0
    assert styles["lost"]["fillColor"] != styles["gained"]["fillColor"]
    assert "about 446 km²" in kinds["lost"][1]["properties"]["tooltip"]  # zone 2, all of it


def test_the_download_menu_adds_the_comparison_in_compare_mode():
    step_files = {"csv": ("text/csv", "csv", "snap.csv")}
    label, items = pageview.download_menu(step_files, None)
    assert label == "Download this snapshot" and [i[0] for i in items] == ["download-csv"]
    label, items = pageview.download_menu(step_files, {"csv": ("text/csv", "csv", "chg.csv")})
    assert [i[0] for i in items] == ["download-csv", "download-changes-csv"]
    assert items[1][3] == "chg.csv" and "comparison" in label
