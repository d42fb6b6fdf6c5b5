"""The timeline strip under the slider: each zone's status over time, the steps, the one shown.

Each zone version's bar is as high as the ground it held, relative to the zone's first
outline, so a reader sees the zones shrink; its tooltip gives the area and the km2 lost
and gained since the previous outline (:mod:`astana.views.zonechanges`).

:func:`timeline_rows` turns the Atlas into plain rows (cacheable); :func:`timeline_chart`
turns those rows into an Altair (Vega-Lite) chart, and :func:`marker_chart` into the band
above it whose pointer stands at the date of a separate dataset, :data:`SELECTED`.
Building and validating a chart takes tens of milliseconds, so the page builds both specs
once (:func:`timeline_spec`, :func:`marker_spec`). The strip is then the same message at
every step, which Streamlit sends as a reference to the copy the browser holds (messages
of 10 KB and more); only the small band travels with the step's one-row dataset
(:func:`selected_rows`).

Examples
--------
>>> from astana.data.catalog import load_atlas
>>> rows = timeline_rows(load_atlas())
>>> sorted(rows)
['bars', 'end', 'marks', 'start']
>>> [layer["mark"]["type"] for layer in timeline_spec(rows)["layer"]]
['bar', 'tick', 'tick']
>>> marker_spec(rows)["data"]
{'name': 'selected'}
"""

from __future__ import annotations

import datetime as dt
import json

import altair as alt

from astana import geometry
from astana.compare.versions import VersionChange
from astana.data.models import Atlas, Layer, ZoneVersion
from astana.views import zonechanges
from astana.views.display import DASH
from astana.views.style import ENDED_STYLE, LAYER_LABELS, STATUS_LABELS, ZONE_COLOURS

# The dataset that holds the date of the step shown (one row, "date"); the rest of the
# charts is the same at every step.
SELECTED = "selected"
# The row labels' width, the same in the strip and in the band above it, so that their
# time axes line up.
_LABEL_WIDTH = 130
MARKER_ROW = "Shown"
ROUNDS_ROW = "Astana rounds"
EVENTS_ROW = "Agreements, events"
# Room either side of the first and last step, so that their marks are not cut in half.
_MARGIN = dt.timedelta(days=10)
_STATUS_OPACITY = {"declared": 0.3, "in_force": 0.85}
# Rows for the layers that are not zones, under the zones.
LAYER_ROWS = {"dmz": "Demilitarised zone", "corridor": "M4 corridor"}
LAYER = "layer"  # the status of a layer's bar
# A bar's period in words ("6 May 2017 to 14 September 2017", with an en dash; "... open"),
# written by Vega from its dates in UTC (the days the data means) rather than sent with each
# bar at every step.
_DAY = "utcFormat(toDate(datum.{field}), '%-d %B %Y')"
_PERIOD = (
    f"{_DAY.format(field='start')} + ' {DASH} ' + "
    f"(datum.open ? 'open' : {_DAY.format(field='end')})"
)
# A bar's ground in words, written by Vega from its numbers: "1,228 km² (40% of the first
# outline)", "none (ended)"; and what it lost and gained since the zone's previous outline.
_KM2 = "format(datum.{field}, ',') + ' km\u00b2'"
_HELD = (
    f"datum.status == 'ended' ? 'none (ended)' : {_KM2.format(field='area')} + "
    "(datum.status == 'layer' ? '' : ' (' + format(datum.share, '.0%') + ' of the first outline)')"
)
_MOVED = (
    "datum.status == 'layer' ? '' : datum.lost == null ? 'the first outline' : "
    f"(datum.lost ? '-' + {_KM2.format(field='lost')} : 'no ground lost') + "
    f"(datum.gained ? ', +' + {_KM2.format(field='gained')} : '')"
)
# A bar's status in words: a layer's bar carries its own; a zone version's comes from its
# status (the same few labels, written once in the spec rather than in every bar).
_LABEL = f"datum.label || {json.dumps(STATUS_LABELS, ensure_ascii=False)}[datum.status]"
# After 3 years on the strip, ticks mark years, not months.
_YEARLY_AFTER = dt.timedelta(days=3 * 365)


def _zone_row(zone_id: int) -> str:
    return f"Zone {zone_id}"


def timeline_rows(atlas: Atlas) -> dict:
    """Plain rows for the chart: ``bars`` (zone versions and layers), ``marks`` (steps),
    and the time range ``start``/``end`` as ISO dates. Open-ended versions run to ``end``.

    A zone version's bar carries the ground it holds (``area``, km2, 0 once ended), that
    area as a ``share`` of the zone's first outline, and the km2 ``lost`` (not for the
    first) and ``gained`` (only when some was) since the zone's previous version, from
    :func:`astana.views.zonechanges.change_of`; a layer's bar its ``area`` and a ``share``
    of 1 (Vega-Lite leaves out a bar whose size field is missing)."""
    dates = [r.start_date for r in atlas.rounds] + [e.date for e in atlas.events]
    firsts = _first_areas(atlas)
    start, end = min(dates) - _MARGIN, max(dates) + _MARGIN
    bars = [
        _bar(version, _zone_row(version.zone_id), version.status, end)
        | _shrink(zonechanges.change_of(atlas, version), firsts[version.zone_id])
        for version in sorted(atlas.zones, key=lambda v: (v.zone_id, v.valid_from))
    ]
    bars += [
        _bar(layer, LAYER_ROWS[layer.kind], LAYER, end)
        | {"area": round(geometry.area_km2(layer.geometry)), "share": 1}
        for layer in atlas.layers
    ]
    marks = [
        {"row": ROUNDS_ROW, "date": r.start_date.isoformat(), "title": r.title}
        for r in atlas.rounds
    ]
    marks += [
        {"row": EVENTS_ROW, "date": e.date.isoformat(), "title": e.title} for e in atlas.events
    ]
    return {"bars": bars, "marks": marks, "start": start.isoformat(), "end": end.isoformat()}


def _first_areas(atlas: Atlas) -> dict[int, float]:
    """Each zone's first outline's area in km2 (what its bars' heights are relative to)."""
    firsts: dict[int, ZoneVersion] = {}
    for version in sorted(atlas.zones, key=lambda v: v.valid_from):
        firsts.setdefault(version.zone_id, version)
    return {zone_id: geometry.area_km2(v.geometry) for zone_id, v in firsts.items()}


def _shrink(change: VersionChange, first_km2: float) -> dict:
    """What a zone version's bar says of its ground: area, share of the first outline, km2
    lost and gained (each left out when nothing: the spec travels with every step)."""
    shown = {"area": round(change.area_km2)}
    shown["share"] = round(change.area_km2 / first_km2, 2) if first_km2 else 0
    if change.previous is not None:
        shown["lost"] = round(change.lost_km2)
        if round(change.gained_km2):
            shown["gained"] = round(change.gained_km2)
    return shown


def _bar(item: ZoneVersion | Layer, row: str, status: str, strip_end: dt.date) -> dict:
    """A zone version's (or layer's) bar; an open one (no end date) runs to the strip's
    end and says so (``open``). The chart writes its period (see ``_PERIOD``) and a zone
    version's status in words (``_LABEL``): the spec travels with every step, so a bar
    carries only what differs from bar to bar (a layer's ``label``: what it is)."""
    bar = {
        "row": row,
        "status": status,
        "start": item.valid_from.isoformat(),
        "end": (item.valid_to or strip_end).isoformat(),
        "name": item.name,
    }
    if item.valid_to is None:
        bar["open"] = True
    if status == LAYER:
        bar["label"] = LAYER_LABELS[item.kind]
    return bar


def timeline_chart(rows: dict) -> alt.LayerChart:
    """Bars for each zone's versions (light: declared, solid: in force, grey: ended) and
    for the layers (grey), and ticks for the rounds and other steps; the step shown is
    marked by :func:`marker_chart`, above it."""
    zone_rows = sorted({bar["row"] for bar in rows["bars"] if bar["status"] != LAYER})
    layer_rows = [row for row in LAYER_ROWS.values() if any(b["row"] == row for b in rows["bars"])]
    order = [*zone_rows, *layer_rows, ROUNDS_ROW, EVENTS_ROW]
    # The domain, not only the sort: the ticks' layers name their row as a datum, which
    # Vega-Lite would otherwise put first.
    y = alt.Y("row:N", sort=order, scale=alt.Scale(domain=order), title=None, axis=_row_axis())
    # Only the first layer sets the time scale (UTC: dates mean the same day everywhere);
    # the other layers share it.
    x_scale = _time_scale(rows)
    span = dt.date.fromisoformat(rows["end"]) - dt.date.fromisoformat(rows["start"])
    yearly = span > _YEARLY_AFTER
    x_axis = alt.Axis(
        format="%Y" if yearly else "%b %Y",
        title=None,
        grid=False,
        tickCount="year" if yearly else "month",
    )
    bars = (
        alt.Chart(alt.Data(values=rows["bars"]))
        .mark_bar(strokeWidth=1.5)
        .encode(
            x=alt.X("start:T", scale=x_scale, axis=x_axis),
            x2="end:T",
            y=y,
            color=_grey_unless_zone(),
            stroke=_grey_unless_zone(),
            fillOpacity=alt.condition(
                alt.datum.status == "declared",
                alt.value(_STATUS_OPACITY["declared"]),
                alt.value(_STATUS_OPACITY["in_force"]),
            ),
            size=_bar_height(),
            tooltip=[
                alt.Tooltip("name:N", title="Zone"),
                alt.Tooltip("label:N", title="Status"),
                alt.Tooltip("when:N", title="Valid"),
                alt.Tooltip("held:N", title="Area"),
                alt.Tooltip("moved:N", title="Since the previous outline"),
            ],
        )
        .transform_calculate(when=_PERIOD, label=_LABEL, held=_HELD, moved=_MOVED)
    )
    marks = [_marks_layer(rows, row) for row in (ROUNDS_ROW, EVENTS_ROW)]
    return alt.layer(bars, *marks)


def _bar_height() -> dict:
    """A zone version's bar is as high as its ground's share of the zone's first outline
    (2 px plus 12 px times the share: an ended zone is a thin line); a layer's is 12 px."""
    share = alt.Size("share:Q", scale=alt.Scale(domain=[0, 1], range=[2, 14]), legend=None)
    return alt.condition(alt.datum.status == LAYER, alt.value(12), share)


def _time_scale(rows: dict) -> alt.Scale:
    """The strip's time scale (UTC), which the band above it shares."""
    return alt.Scale(type="utc", domain=[_utc(rows["start"]), _utc(rows["end"])])


def _row_axis() -> alt.Axis:
    return alt.Axis(minExtent=_LABEL_WIDTH, maxExtent=_LABEL_WIDTH)


def _utc(day: str) -> alt.DateTime:
    when = dt.date.fromisoformat(day)
    return alt.DateTime(year=when.year, month=when.month, date=when.day, utc=True)


def _grey_unless_zone() -> dict:
    """The zone's colour for declared and in-force bars; grey for ended zones and layers."""
    grey = (alt.datum.status == "ended") | (alt.datum.status == LAYER)
    return alt.condition(grey, alt.value(ENDED_STYLE["color"]), _zone_colour())


def _zone_colour() -> alt.Color:
    domain = [_zone_row(zone_id) for zone_id in ZONE_COLOURS]
    scale = alt.Scale(domain=domain, range=list(ZONE_COLOURS.values()))
    return alt.Color("row:N", scale=scale, legend=None)


def _marks_layer(rows: dict, row: str) -> alt.Chart:
    """The steps of one row, as ticks. The page sends the chart again at every step, so
    the marks carry only date and title: the row is the layer's, and Vega writes the date
    (in UTC, the day the data means, wherever the reader is)."""
    values = [{"date": m["date"], "title": m["title"]} for m in rows["marks"] if m["row"] == row]
    return (
        alt.Chart(alt.Data(values=values))
        .mark_tick(thickness=2, size=12, color="#444444")
        .encode(
            x="date:T",
            y=alt.YDatum(row, type="nominal"),
            tooltip=[
                alt.Tooltip("title:N", title="Step"),
                alt.Tooltip("utcyearmonthdate(date):T", title="Date", format="%-d %B %Y"),
            ],
        )
    )


def timeline_spec(rows: dict) -> dict:
    """The chart of :func:`timeline_chart` as a Vega-Lite spec (a plain dict), built and
    validated once: the same at every step."""
    return timeline_chart(rows).to_dict()


def marker_spec(rows: dict) -> dict:
    """The band of :func:`marker_chart` as a Vega-Lite spec, built once. It reads the
    dataset named :data:`SELECTED`, which the page supplies at each step
    (:func:`selected_rows`), so the browser updates its data instead of building it."""
    return marker_chart(rows).to_dict()


def selected_rows(selected: dt.date) -> list[dict]:
    """The :data:`SELECTED` dataset that puts the pointer at ``selected``.

    >>> selected_rows(dt.date(2017, 9, 15))
    [{'date': '2017-09-15'}]
    """
    return [{"date": selected.isoformat()}]


def marker_chart(rows: dict) -> alt.LayerChart:
    """A thin band on the strip's time axis with a black pointer and rule at the date in
    the :data:`SELECTED` dataset, named in words by Vega (UTC) in its tooltip."""
    pointer = alt.Chart(alt.NamedData(name=SELECTED)).transform_calculate(
        when=_DAY.format(field="date")
    )
    x = alt.X("date:T", scale=_time_scale(rows), axis=None)
    y = alt.YDatum(MARKER_ROW, type="nominal", axis=_row_axis(), title=None)
    tooltip = [alt.Tooltip("when:N", title="Shown")]
    rule = pointer.mark_rule(color="#000000", strokeWidth=2).encode(x=x, tooltip=tooltip)
    head = pointer.mark_point(shape="triangle-down", size=120, filled=True, color="#000000")
    return alt.layer(rule, head.encode(x=x, y=y, tooltip=tooltip)).properties(height=22)
