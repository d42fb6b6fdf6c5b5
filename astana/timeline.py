"""The time slider's steps, and what holds on any date: zone versions, step, round, events.

A step is a round (dated by its first day) or an event. On a date, the step in force is the
latest step dated on or before it; zone versions in force are those whose validity period
(both ends inclusive) contains the date: after a zone ended, that is its ``ended`` version
(see :mod:`astana.data.lifecycle`). Layers that are not zones hold the same way.

Examples
--------
>>> import datetime as dt
>>> from astana.data.catalog import load_atlas
>>> atlas = load_atlas()
>>> state = state_on(atlas, dt.date(2017, 9, 20))
>>> sorted(v.zone_id for v in state.zones), state.step.id
([1, 2, 3, 4], 'idlib-agreement-2017-09-15')
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass

from astana.data.models import Atlas, Event, Layer, Round, Step, ZoneVersion

# On a shared date a round comes before the events agreed at it.
_KIND_ORDER = {"round": 0, "event": 1}


@dataclass(frozen=True)
class State:
    """What holds on one date."""

    date: dt.date
    step: Step | None
    zones: tuple[ZoneVersion, ...]
    round: Round | None
    events: tuple[Event, ...]
    layers: tuple[Layer, ...] = ()  # the layers that are not zones (DMZ, corridor)


def build_steps(atlas: Atlas) -> tuple[Step, ...]:
    """Every round and event as a slider step, in date order."""
    steps = [Step(id=r.id, date=r.start_date, kind="round", title=r.title) for r in atlas.rounds]
    steps += [Step(id=e.id, date=e.date, kind="event", title=e.title) for e in atlas.events]
    return tuple(sorted(steps, key=lambda s: (s.date, _KIND_ORDER[s.kind], s.id)))


def step_on(steps: tuple[Step, ...], day: dt.date) -> Step | None:
    """The step in force on ``day``: the latest one dated on or before it (None before all)."""
    index = bisect_right([step.date for step in steps], day)
    return steps[index - 1] if index else None


def zones_on(atlas: Atlas, day: dt.date) -> tuple[ZoneVersion, ...]:
    """Zone versions in force on ``day``, ordered by zone number."""
    return tuple(sorted((v for v in atlas.zones if v.in_force_on(day)), key=lambda v: v.zone_id))


def layers_on(atlas: Atlas, day: dt.date) -> tuple[Layer, ...]:
    """Layers (demilitarised zone, corridor) that hold on ``day``, in file order."""
    return tuple(layer for layer in atlas.layers if layer.in_force_on(day))


def round_on(atlas: Atlas, day: dt.date) -> Round | None:
    """The round under way on ``day``, else the latest round that ended before it."""
    started = [r for r in atlas.rounds if r.start_date <= day]
    return max(started, key=lambda r: r.start_date) if started else None


def state_on(atlas: Atlas, day: dt.date) -> State:
    """Everything that holds on ``day``."""
    return _state(atlas, day, step_on(build_steps(atlas), day))


def state_at_step(atlas: Atlas, step_id: str) -> State:
    """Everything that holds at a step (``KeyError`` for an unknown step id)."""
    step = {s.id: s for s in build_steps(atlas)}[step_id]
    return _state(atlas, step.date, step)


def _state(atlas: Atlas, day: dt.date, step: Step | None) -> State:
    events = tuple(e for e in atlas.events if step is not None and e.date == step.date)
    zones = zones_on(atlas, day)
    return State(day, step, zones, round_on(atlas, day), events, layers_on(atlas, day))
