"""The timeline strip: zone bars, step ticks and the selected step."""

from __future__ import annotations

import datetime as dt

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
    assert (idlib[-2]["start"], idlib[-2]["end"]) == ("2020-03-06", "2024-11-26")
    assert (idlib[-1]["start"], idlib[-1]["end"]) == ("2024-11-27", rows["end"])
    assert idlib[-1]["when"].endswith("open")


def test_chart_marks_the_selected_step_and_uses_the_zone_colours(atlas):
    spec = charts.timeline_chart(charts.timeline_rows(atlas), dt.date(2017, 7, 9)).to_dict()
    bars, marks, rule = spec["layer"]
    assert bars["mark"]["type"] == "bar" and marks["mark"]["type"] == "tick"
    assert rule["mark"]["type"] == "rule"
    assert rule["data"]["values"][0]["date"] == "2017-07-09"
    assert bars["encoding"]["color"]["scale"]["range"] == list(ZONE_COLOURS.values())
    assert bars["encoding"]["x"]["scale"]["type"] == "utc"


def test_chart_changes_only_its_rule_between_steps(atlas):
    rows = charts.timeline_rows(atlas)
    first = charts.timeline_chart(rows, dt.date(2017, 5, 6)).to_dict()
    second = charts.timeline_chart(rows, dt.date(2017, 9, 15)).to_dict()
    assert first["layer"][:2] == second["layer"][:2]
    assert first["layer"][2] != second["layer"][2]
