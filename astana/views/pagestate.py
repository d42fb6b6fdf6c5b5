"""The page's state and how its controls change it: the step, Play, the comparison and the
place, as keys of a mapping (the page's session state; a dict in the tests) and the
functions its widgets' callbacks call. No streamlit: :mod:`astana.ui` passes its session
state in.

Examples
--------
>>> from astana.data.catalog import load_atlas
>>> from astana.timeline import build_steps
>>> steps = build_steps(load_atlas())
>>> state = {STEP_KEY: steps[-1].id, PLAYING_KEY: False}
>>> toggle_play(state, steps); state[STEP_KEY] == steps[0].id, state[PLAYING_KEY]
(True, True)
>>> go(state, steps, 1); state[STEP_KEY] == steps[1].id, state[PLAYING_KEY]
(True, False)
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping, Sequence
from typing import Any

from astana.data.models import Atlas, Step
from astana.views import navigation
from astana.views.pageview import LinkState, choose_place

STEP_KEY = "step"
JUMP_KEY = "jump"
PLAY_KEY = "play"  # the Play/Pause button; whether Play is on: PLAYING_KEY
PLAYING_KEY = "playing"
PACE_KEY = "pace"
COMPARE_KEY = "compare"  # the step compared with the slider's (an id), or None
PLACE_QUERY_KEY = "place_query"  # the place search box
PLACE_KEY = "_place"  # the place chosen and the other matches: (id, (ids...)) or None
NOTICE_KEY = "link_notice"
ACTED_KEY = "_acted"  # set by every widget's callback: the run is not a tick of Play

State = MutableMapping[str, Any]


def timer(state: Mapping[str, Any]) -> tuple[bool, float]:
    """Play's state: (playing, seconds per step)."""
    pace = state.get(PACE_KEY, navigation.DEFAULT_PACE_S)
    return bool(state.get(PLAYING_KEY)), pace


def not_a_tick(state: State) -> None:
    """A callback: this run was asked for by a widget, not by Play's timer."""
    state[ACTED_KEY] = True


def interacted(state: State) -> None:
    """A control's callback: not a tick, and Play stops."""
    not_a_tick(state)
    state[PLAYING_KEY] = False


def go(state: State, steps: Sequence[Step], offset: int) -> None:
    """The back (-1) and forward (1) buttons."""
    interacted(state)
    target = navigation.neighbour(steps, state[STEP_KEY], offset)
    if target is not None:
        state[STEP_KEY] = target.id


def jump(state: State, targets: Mapping[str, str]) -> None:
    """Open the step chosen in the "jump to" menu, then clear the menu."""
    interacted(state)
    target = targets.get(state.get(JUMP_KEY) or "")
    if target is not None:
        state[STEP_KEY] = target
    state[JUMP_KEY] = None


def toggle_play(state: State, steps: Sequence[Step]) -> None:
    """Play, moving one step at once (from the last step, to the first), or Pause."""
    not_a_tick(state)
    state[PLAYING_KEY] = not state.get(PLAYING_KEY)
    if state[PLAYING_KEY]:
        state[STEP_KEY] = navigation.play_first(steps, state[STEP_KEY]).id


def play_tick(state: State, steps: Sequence[Step]) -> bool:
    """Move Play one step on; at the last step Play stops: True then (the page's timer must
    be cleared by a full run)."""
    target = navigation.neighbour(steps, state[STEP_KEY], 1)
    if target is not None:
        state[STEP_KEY] = target.id
    if target is None or target == steps[-1]:
        state[PLAYING_KEY] = False
        return True
    return False


def leave_compare(state: State) -> None:
    """ "Back to the single date"."""
    interacted(state)
    state[COMPARE_KEY] = None


def find_place(state: State, atlas: Atlas) -> None:
    """Choose the place best matching the search box (any spelling, English or Arabic); an
    empty box, or a name that matches nothing, chooses none (the latter with a notice)."""
    interacted(state)
    state[PLACE_KEY], notice = choose_place(atlas, state.get(PLACE_QUERY_KEY) or "")
    if notice:
        state[NOTICE_KEY] = notice


def open_link(state: State, link: LinkState) -> None:
    """Show what a page URL asks for (see :func:`astana.views.pageview.read_link`); Play
    stops."""
    state[STEP_KEY] = link.step.id
    state[COMPARE_KEY] = link.compare.id if link.compare else None
    state[PLACE_KEY] = (link.place.id, ()) if link.place else None
    state[PLACE_QUERY_KEY] = link.place.name if link.place else ""
    state[PLAYING_KEY] = False
    if link.notice:
        state[NOTICE_KEY] = link.notice


def compared_pair(state: Mapping[str, Any], step_ids: Sequence[str]) -> tuple[str, str] | None:
    """In compare mode, the slider's step and the one compared with it, earlier first.

    >>> compared_pair({STEP_KEY: "b", COMPARE_KEY: "a"}, ["a", "b"])
    ('a', 'b')
    """
    other = state.get(COMPARE_KEY)
    if other not in step_ids:
        return None
    first, second = sorted((state[STEP_KEY], other), key=list(step_ids).index)
    return first, second
