"""The legend: every zone, its colour and its status at the step shown."""

from __future__ import annotations

from astana.timeline import state_at_step
from astana.views import display, legend
from astana.views.style import ZONE_COLOURS


def test_legend_names_every_zone_with_its_status(atlas):
    state = state_at_step(atlas, "southwest-ceasefire-2017-07-09")
    rows = legend.legend_rows(atlas, display.zone_collection(atlas, state))
    assert [(zone_id, status) for zone_id, _name, status in rows] == [
        (1, "declared"),
        (2, "declared"),
        (3, "in_force"),
        (4, "declared"),
    ]
    html = legend.legend_html(rows)
    for colour in ZONE_COLOURS.values():
        assert colour in html
    assert "dashed" in html and "solid" in html


def test_legend_before_any_zone_says_so(atlas):
    state = state_at_step(atlas, "astana-1")
    rows = legend.legend_rows(atlas, display.zone_collection(atlas, state))
    assert [status for _zone, _name, status in rows] == [None, None, None, None]
    assert legend.legend_html(rows).count("not on the map at this date") == 4


def test_legend_escapes_names():
    html = legend.legend_html([(2, "<b onmouseover=x>Homs</b>", "in_force")])
    assert "<b onmouseover" not in html
    assert "&lt;b onmouseover=x&gt;Homs&lt;/b&gt;" in html
