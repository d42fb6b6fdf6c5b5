"""Property-based tests (hypothesis) of the timeline: on any date, for the repository's
atlas and for generated ones, the state is consistent: steps in order, at most one version
per zone, exactly the versions and layers in force, the latest step on or before the date.

The profile in ``conftest.py`` makes the examples the same on every run.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import itertools

from hypothesis import given
from hypothesis import strategies as st

from astana.data.catalog import load_atlas
from astana.data.models import ZONE_IDS, Atlas, Layer, ZoneVersion
from astana.timeline import build_steps, state_at_step, state_on

WIDE = st.dates(dt.date(2010, 1, 1), dt.date(2030, 12, 31))
ONE_DAY = dt.timedelta(days=1)


def _in_force(item: ZoneVersion | Layer, day: dt.date) -> bool:
    """The documented rule, written out again: both ends inclusive, ``None`` = open."""
    return item.valid_from <= day and (item.valid_to is None or day <= item.valid_to)


def _boundaries(atlas: Atlas) -> list[dt.date]:
    """Every date where something starts or ends, with the days either side of it."""
    edges = {step.date for step in build_steps(atlas)}
    for item in (*atlas.zones, *atlas.layers):
        edges |= {item.valid_from, item.valid_to or item.valid_from}
    return sorted({edge + shift * ONE_DAY for edge in edges for shift in (-1, 0, 1)})


def _days(atlas: Atlas) -> st.SearchStrategy[dt.date]:
    """Any day, or one at an edge of the atlas's periods and steps."""
    edges = _boundaries(atlas)
    return WIDE | st.sampled_from(edges) if edges else WIDE


def _assert_steps_in_order(atlas: Atlas) -> None:
    steps = build_steps(atlas)
    assert [(s.date, s.kind == "event") for s in steps] == sorted(
        (s.date, s.kind == "event") for s in steps
    ), "steps in date order, a round before the events of its day"
    assert len({s.id for s in steps}) == len(steps) == len(atlas.rounds) + len(atlas.events)


def _assert_state_consistent(atlas: Atlas, day: dt.date) -> None:
    """What ``state_on`` reports for ``day`` agrees with the atlas, item by item."""
    state = state_on(atlas, day)
    assert state.date == day
    zone_ids = [version.zone_id for version in state.zones]
    assert zone_ids == sorted(set(zone_ids)), "at most one version per zone, by zone number"
    assert all(_in_force(version, day) for version in state.zones), "only versions in force"
    in_force = {version.id for version in atlas.zones if _in_force(version, day)}
    assert {version.id for version in state.zones} == in_force, "every version in force"
    assert list(state.layers) == [layer for layer in atlas.layers if _in_force(layer, day)]
    passed = [step for step in build_steps(atlas) if step.date <= day]
    assert state.step == (passed[-1] if passed else None), "the latest step on or before"
    on_step_day = [e.id for e in atlas.events if passed and e.date == passed[-1].date]
    assert [event.id for event in state.events] == on_step_day
    started = [item.start_date for item in atlas.rounds if item.start_date <= day]
    assert (state.round.start_date if state.round else None) == max(started, default=None)


@functools.cache
def _repository_atlas() -> Atlas:
    """The repository's atlas, loaded once (not a test argument: it would be printed with
    every failing example)."""
    return load_atlas()


@given(data=st.data())
def test_state_on_any_date_is_consistent(data):
    atlas = _repository_atlas()
    _assert_steps_in_order(atlas)
    _assert_state_consistent(atlas, data.draw(_days(atlas), label="day"))


NEAR = st.dates(dt.date(2016, 12, 1), dt.date(2018, 12, 31))


@st.composite
def _plans(draw: st.DrawFn) -> dict[str, list]:
    """Dates for a generated atlas: per zone, periods that do not overlap (gaps allowed, the
    last maybe open), in any file order; days of rounds and events; periods of layers."""
    anchors = draw(st.lists(NEAR, min_size=1, max_size=6, unique=True))
    day = st.sampled_from(anchors) | NEAR  # dates shared by steps, versions and layers
    zones = []
    for zone_id in ZONE_IDS:
        starts = sorted(draw(st.lists(day, unique=True, max_size=4)))
        for start, following in itertools.pairwise([*starts, None]):
            open_or_not = st.none() | st.dates(start, start + 400 * ONE_DAY)
            end = st.dates(start, following - ONE_DAY) if following else open_or_not
            zones.append((zone_id, start, draw(end)))
    layers = [
        (start, draw(st.none() | st.dates(start))) for start in draw(st.lists(day, max_size=3))
    ]
    return {
        "zones": draw(st.permutations(zones)),
        "rounds": draw(st.lists(day, max_size=5)),
        "events": draw(st.lists(day, max_size=6)),
        "layers": layers,
    }


def _atlas_from(base: Atlas, plan: dict[str, list]) -> Atlas:
    """``base`` with its rounds, events, zone versions and layers replaced by copies of its
    first ones, dated as ``plan`` says."""
    zones = [
        base.zones[0].model_copy(
            update=dict(id=f"zone-{number}-{i}", zone_id=number, valid_from=start, valid_to=end)
        )
        for i, (number, start, end) in enumerate(plan["zones"])
    ]
    rounds = [
        base.rounds[0].model_copy(update={"id": f"round-{i}", "start_date": day, "end_date": day})
        for i, day in enumerate(plan["rounds"])
    ]
    events = [
        base.events[0].model_copy(update={"id": f"event-{i}", "date": day})
        for i, day in enumerate(plan["events"])
    ]
    layers = [
        base.layers[0].model_copy(update={"id": f"layer-{i}", "valid_from": start, "valid_to": end})
        for i, (start, end) in enumerate(plan["layers"])
    ]
    return dataclasses.replace(
        base, rounds=tuple(rounds), events=tuple(events), zones=tuple(zones), layers=tuple(layers)
    )


@given(data=st.data())
def test_state_of_a_generated_atlas_is_consistent(data):
    generated = _atlas_from(_repository_atlas(), data.draw(_plans(), label="plan"))
    _assert_steps_in_order(generated)
    _assert_state_consistent(generated, data.draw(_days(generated), label="day"))
    for step in build_steps(generated):
        state = state_at_step(generated, step.id)
        assert (state.step, state.date) == (step, step.date)
        assert state.zones == state_on(generated, step.date).zones
