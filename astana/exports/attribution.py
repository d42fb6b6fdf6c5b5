"""The words every snapshot carries: its title, its step, credits and the outline caveat.

Shared by the static maps, the standalone HTML and the ZIP's README so that they all say
the same thing. Dates are written out in English words ("20 September 2017") by
:func:`astana.views.display.long_date`, as on the dashboard.

Examples
--------
>>> CREDITS.startswith("Border: Natural Earth")
True
"""

from __future__ import annotations

from astana.timeline import State
from astana.views.display import long_date

PROJECT = "Atlas of the Syrian de-escalation zones (Astana process, 2017-2024)"
GEONAMES_CREDIT = "Place names and coordinates: GeoNames (geonames.org), CC BY 4.0"
BORDER_CREDIT = "Border: Natural Earth 1:10m admin-0, v5.1.1 (public domain)"
ZONES_CREDIT = f"Zone outlines: {PROJECT}"
CREDITS = f"{BORDER_CREDIT}. {GEONAMES_CREDIT}. {ZONES_CREDIT}."
APPROXIMATE_NOTE = (
    "Approximate outlines: no official map of the zones was published. Each outline is "
    "drawn between named localities from the sources cited; it is not a surveyed front line."
)


def title(state: State) -> str:
    """The headline of a snapshot.

    Examples
    --------
    >>> import datetime as dt
    >>> from astana.data.catalog import load_atlas
    >>> from astana.timeline import state_on
    >>> title(state_on(load_atlas(), dt.date(2017, 9, 20)))
    'Syrian de-escalation zones on 20 September 2017'
    """
    return f"Syrian de-escalation zones on {long_date(state.date)}"


def step_line(state: State) -> str:
    """The step and round a snapshot belongs to, on one line.

    Examples
    --------
    >>> import datetime as dt
    >>> from astana.data.catalog import load_atlas
    >>> from astana.timeline import state_on
    >>> step_line(state_on(load_atlas(), dt.date(2016, 1, 1)))
    'Before the first step of the timeline'
    """
    if state.step is None:
        return "Before the first step of the timeline"
    text = f"Step of {long_date(state.step.date)}: {state.step.title}"
    if state.round is not None and state.round.id != state.step.id:
        text += f"  ·  latest round: {state.round.title}"
    return text
