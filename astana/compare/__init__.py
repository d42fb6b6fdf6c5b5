"""Pure questions across time and names: what changed between two dates (:func:`diff`)
and at each version of a zone (:func:`version_change`), which places a name means
(:func:`find_places`, :func:`suggest_places`) and where a place stood over time
(:func:`place_history`). Used by both faces: the page and the CLI.

Examples
--------
>>> import datetime as dt
>>> from astana.data.catalog import load_atlas
>>> atlas = load_atlas()
>>> [z.change for z in diff(atlas, dt.date(2017, 9, 20), dt.date(2018, 8, 1)).zones]
['lost and gained', 'lost', 'lost', 'lost']
>>> idlib = find_places(atlas, "idleb")[0].place
>>> [(p.status, p.valid_from.isoformat()) for p in place_history(atlas, idlib)][:3]
[('declared', '2017-05-06'), ('in_force', '2017-09-15'), ('in_force', '2018-01-21')]
"""

from astana.compare.changes import Comparison, ZoneChange, diff, ground_held
from astana.compare.history import PlacePeriod, holds, place_history
from astana.compare.names import PlaceMatch, find_places, normalise, suggest_places
from astana.compare.versions import (
    VersionChange,
    previous_version,
    version_change,
    version_changes,
)

__all__ = [
    "Comparison",
    "PlaceMatch",
    "PlacePeriod",
    "VersionChange",
    "ZoneChange",
    "diff",
    "find_places",
    "ground_held",
    "holds",
    "normalise",
    "place_history",
    "previous_version",
    "suggest_places",
    "version_change",
    "version_changes",
]
