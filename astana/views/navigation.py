"""Which step to show: the default, a deep link's ``?date=``, the previous or next step, and
the targets of the "jump to" menu (each year, each round).

Pure functions over the slider's steps (see :func:`astana.timeline.build_steps`); the page
reads and writes the URL, this module only decides.

Examples
--------
>>> from astana.data.catalog import load_atlas
>>> from astana.timeline import build_steps
>>> atlas = load_atlas()
>>> steps = build_steps(atlas)
>>> step_from_link(steps, "2017-09-20", steps[0]).step.id
'idlib-agreement-2017-09-15'
>>> step_from_link(steps, "20-09-2017", steps[0]).notice is not None
True
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from astana.data.models import Atlas, Round, Step
from astana.timeline import step_on

DATE_PARAM = "date"
COMPARE_PARAM = "compare"  # ?compare=YYYY-MM-DD: compare the step shown with that date's
PLACE_PARAM = "place"  # ?place=ID: a place chosen
# Play: seconds per step the reader may choose, and the one it starts with.
PLAY_PACES_S = (0.75, 1.5, 3.0)
DEFAULT_PACE_S = 1.5
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
NOT_A_DATE = "The link's date is not a valid date (YYYY-MM-DD); showing the first step."
OUT_OF_RANGE = "The link's date is outside the atlas ({first} to {last}); showing the first step."
BAD_COMPARE = (
    "The link's comparison date is not a date in the atlas (YYYY-MM-DD, {first} to {last}); "
    "showing the single date."
)
UNKNOWN_PLACE = "The link's place is not one the atlas knows; no place is shown."


@dataclass(frozen=True)
class LinkChoice:
    """The step a link selects, and a short notice for the reader when the link was bad."""

    step: Step
    notice: str | None = None


def jump_targets(steps: Sequence[Step], rounds: Sequence[Round]) -> dict[str, str]:
    """The "jump to" menu: a label per target and the step id it opens, in date order.

    First the years (each opens its first step), then every round or congress by its
    title and date. A year with no step is left out.

    >>> jump_targets([], [])
    {}
    """
    targets: dict[str, str] = {}
    for step in steps:
        targets.setdefault(f"{step.date.year}: first step of the year", step.id)
    step_ids = {step.id for step in steps}
    for item in sorted(rounds, key=lambda r: r.start_date):
        if item.id in step_ids:
            targets[f"{item.title} ({item.start_date.isoformat()})"] = item.id
    return targets


def default_step(atlas: Atlas, steps: Sequence[Step]) -> Step:
    """The step to open on: the first one at which any zone is on the map.

    That is the memorandum coming into force (6 May 2017) with the current data: the page
    opens on the four declared zones, not on an empty map of December 2016.
    """
    first_zone = min((version.valid_from for version in atlas.zones), default=None)
    chosen = step_on(tuple(steps), first_zone) if first_zone is not None else None
    return chosen or steps[0]


def step_from_link(steps: Sequence[Step], value: str | None, default: Step) -> LinkChoice:
    """The step a ``?date=`` value selects: the step in force on that date.

    No value gives ``default``; a malformed date, or one before the first step or after
    the last, gives the first step and a notice. The notice never repeats the value.
    """
    if value is None or value == "":
        return LinkChoice(default)
    day = parse_date(value)
    if day is None:
        return LinkChoice(steps[0], NOT_A_DATE)
    if not steps[0].date <= day <= steps[-1].date:
        notice = OUT_OF_RANGE.format(first=steps[0].date, last=steps[-1].date)
        return LinkChoice(steps[0], notice)
    return LinkChoice(step_on(tuple(steps), day) or steps[0])


def parse_date(value: str) -> dt.date | None:
    """A strict ``YYYY-MM-DD`` date, or None for anything else.

    >>> parse_date("2017-02-30") is None, parse_date("2017-05-06")
    (True, datetime.date(2017, 5, 6))
    """
    text = value.strip()
    if not _ISO_DATE.fullmatch(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def link_value(step: Step) -> str:
    """The ``?date=`` value that restores ``step``.

    Steps that share a date come back as the last of them (the one in force that day).
    """
    return step.date.isoformat()


def neighbour(steps: Sequence[Step], step_id: str, offset: int) -> Step | None:
    """The step ``offset`` places from ``step_id`` (-1: previous, 1: next), None past an end.

    >>> neighbour([], "x", 1) is None
    True
    """
    ids = [step.id for step in steps]
    if step_id not in ids:
        return None
    index = ids.index(step_id) + offset
    return steps[index] if 0 <= index < len(steps) else None


def play_first(steps: Sequence[Step], step_id: str) -> Step | None:
    """The step Play shows at once from ``step_id``: the next one, or from the last step
    (or an unknown one) the first, so that Play always has somewhere to go.

    >>> play_first([], "x") is None
    True
    """
    return neighbour(steps, step_id, 1) or (steps[0] if steps else None)


def compare_from_link(steps: Sequence[Step], value: str | None) -> tuple[Step | None, str | None]:
    """The step a ``?compare=`` value selects (the step in force on that date) and a
    notice: ``(step, None)``; ``(None, notice)`` for a malformed date or one outside the
    steps (the notice never repeats the value); ``(None, None)`` for no value.

    >>> from astana.data.catalog import load_atlas
    >>> from astana.timeline import build_steps
    >>> steps = build_steps(load_atlas())
    >>> compare_from_link(steps, "2018-08-01")[0].date.isoformat()
    '2018-07-31'
    >>> compare_from_link(steps, "1999-01-01")[0] is None
    True
    """
    if value is None or value == "":
        return None, None
    day = parse_date(value)
    if day is None or not steps[0].date <= day <= steps[-1].date:
        return None, BAD_COMPARE.format(first=steps[0].date, last=steps[-1].date)
    return step_on(tuple(steps), day) or steps[0], None


def place_from_link(place_ids: Sequence[str], value: str | None) -> tuple[str | None, str | None]:
    """The place id a ``?place=`` value names and a notice: ``(id, None)`` for a known id,
    ``(None, notice)`` for any other value (never repeated), ``(None, None)`` for none.

    >>> place_from_link(["idlib"], "idlib"), place_from_link(["idlib"], "<b>")[0]
    (('idlib', None), None)
    """
    if value is None or value == "":
        return None, None
    if value in place_ids:
        return value, None
    return None, UNKNOWN_PLACE
