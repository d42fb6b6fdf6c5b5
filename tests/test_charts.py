"""The timeline strip: zone bars, step ticks and the selected step."""

from __future__ import annotations

import datetime as dt
import json

from astana.views import charts
from astana.views.style import ZONE_COLOURS


def test_rows_hold_every_zone_version_and_every_step(atlas):
    rows = charts.timeline_rows(atlas)
    assert len(rows["bars"]) == len(atlas.zones) + len(atlas.layers)
    assert sum(m["row"] == charts.ROUNDS_ROW for m in rows["marks"]) == len(atlas.rounds)
    assert sum(m["row"] == charts.EVENTS_ROW for m in rows["marks"]) == len(atlas.events)
    assert rows["start"] < "2016-12-30" and rows["end"] > "2017-11-22"


def test_open_ended_versions_run_to_the_end_of_the_strip(atlas):
    rows = charts.timeline_rows(atlas)
    idlib = [bar for bar in rows["bars"] if bar["row"] == "Zone 1"]
    # one bar per version: declared, in force as the ground changed (16 outlines), ended
    assert [bar["status"] for bar in idlib] == ["declared"] + ["in_force"] * 16 + ["ended"]
    assert (idlib[0]["start"], idlib[0]["end"]) == ("2017-05-06", "2017-09-14")
    assert (idlib[-2]["start"], idlib[-2]["end"]) == ("2020-03-05", "2024-11-26")
    assert (idlib[-1]["start"], idlib[-1]["end"]) == ("2024-11-27", rows["end"])
    assert idlib[-1]["open"] and not any(bar.get("open") for bar in idlib[:-1])


def test_chart_marks_the_selected_step_and_uses_the_zone_colours(atlas):
    rows = charts.timeline_rows(atlas)
    spec, marker = charts.timeline_spec(rows), charts.marker_spec(rows)
    bars, rounds, events = spec["layer"]  # nothing in the strip moves with the step
    assert bars["mark"]["type"] == "bar" and rounds["mark"]["type"] == "tick"
    assert rounds["encoding"]["y"]["datum"] == charts.ROUNDS_ROW
    assert events["encoding"]["y"]["datum"] == charts.EVENTS_ROW
    assert len(rounds["data"]["values"]) == len(atlas.rounds)
    # the band above it: a rule and a pointer at the step's date, sent as a dataset
    assert [layer["mark"]["type"] for layer in marker["layer"]] == ["rule", "point"]
    assert marker["data"] == {"name": charts.SELECTED}
    assert charts.selected_rows(dt.date(2017, 7, 9)) == [{"date": "2017-07-09"}]
    # both on the same time scale, their axes starting at the same x
    pointer = marker["layer"][1]["encoding"]
    assert pointer["x"]["scale"] == bars["encoding"]["x"]["scale"]
    assert pointer["y"]["axis"] == bars["encoding"]["y"]["axis"]
    assert bars["encoding"]["color"]["scale"]["range"] == list(ZONE_COLOURS.values())
    assert bars["encoding"]["x"]["scale"]["type"] == "utc"


def test_each_zone_version_bar_carries_its_area_and_shrinks(atlas):
    rows = charts.timeline_rows(atlas)
    south = [bar for bar in rows["bars"] if bar["row"] == "Zone 3"]
    assert [bar["area"] for bar in south][:4] == [3060, 3060, 2558, 1228]
    assert [bar.get("lost") for bar in south][:4] == [None, 0, 502, 1330]
    shares = [bar["share"] for bar in south if bar["status"] != "ended"]
    assert shares[0] == 1.0 and shares == sorted(shares, reverse=True) and shares[-1] < 0.1
    idlib = [bar for bar in rows["bars"] if bar["row"] == "Zone 1"]
    assert [bar.get("gained") for bar in idlib if bar.get("gained")] == [13, 30, 140, 111]


def test_the_bars_height_and_tooltip_follow_the_area(atlas):
    spec = charts.timeline_spec(charts.timeline_rows(atlas))
    bars = spec["layer"][0]
    assert bars["encoding"]["size"]["field"] == "share"
    assert bars["encoding"]["size"]["scale"] == {"domain": [0, 1], "range": [2, 14]}
    titles = [tip["title"] for tip in bars["encoding"]["tooltip"]]
    assert titles[-2:] == ["Area", "Since the previous outline"]
    # the spec travels with every step: it stays small
    assert len(json.dumps(spec, separators=(",", ":"))) < 22_000


def test_every_bar_has_a_size_or_vega_lite_leaves_it_out(atlas):
    """A bar without the size field is dropped by Vega-Lite (the demilitarised zone and the
    corridor vanished from the strip when only zone versions had a share)."""
    bars = charts.timeline_rows(atlas)["bars"]
    assert all(isinstance(bar.get("share"), int | float) for bar in bars)
    assert {bar["row"] for bar in bars} >= set(charts.LAYER_ROWS.values())
