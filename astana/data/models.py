"""Typed, immutable records of the atlas: sources, rounds, events, zone versions, places, steps.

Every record is a frozen pydantic model that rejects unknown fields, so a typo in a
hand-edited YAML or GeoJSON file is reported instead of silently ignored. Dates are ISO
``YYYY-MM-DD`` strings in the files and :class:`datetime.date` objects here.

Examples
--------
>>> src = Source(title="T", publisher="P", date="2017-05-06", url="https://example.org/x")
>>> src.date.isoformat()
'2017-05-06'
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    HttpUrl,
    StringConstraints,
    TypeAdapter,
    ValidationInfo,
    field_validator,
    model_validator,
)
from shapely.geometry.base import BaseGeometry

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_HTTP_URL = TypeAdapter(HttpUrl)
# Characters RFC 3986 never allows raw in a URL (plus every control character).
_URL_FORBIDDEN = re.compile(r'[\x00-\x20\x7f-\x9f"<>\\^`{|}]')

ZONE_IDS = (1, 2, 3, 4)
EVENT_KINDS = (
    "ceasefire", "memorandum", "agreement", "map", "deployment", "summit", "meeting",
    "milestone", "offensive", "surrender",
)  # fmt: skip
# "ended": a marker version from the day a zone ceased to exist, drawn grey (see catalog).
STATUSES = ("declared", "in_force", "ended")
ROUND_FORMATS = ("astana", "congress")
LAYER_KINDS = ("dmz", "corridor")


def shown(value: Any, width: int = 40) -> str:
    """``repr(value)``, cut to ``width`` characters: how a bad value is quoted in a message
    (a hostile file may hold a megabyte where a date belongs).

    >>> shown("2017-02-30")
    "'2017-02-30'"
    >>> len(shown("x" * 10_000))
    40
    """
    text = repr(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def _parse_iso_date(value: Any) -> Any:
    """Accept a date object or a strict ``YYYY-MM-DD`` string; reject numbers and other forms."""
    if isinstance(value, dt.datetime):
        raise ValueError("expected a date (YYYY-MM-DD), not a date and time")
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        raise ValueError(f"expected a date as YYYY-MM-DD, got {shown(value)}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError as err:
        raise ValueError(f"impossible date {shown(value)} ({err})") from None


def _check_http_url(value: str) -> str:
    """Keep the URL as written, but only if it is an absolute http(s) URL whose characters
    are all allowed in a URL (RFC 3986: spaces, quotes, ``<>`` and the like must be
    percent-encoded), so it can never break out of an ``href``."""
    if not value.lower().startswith(("http://", "https://")):
        raise ValueError(f"URL must start with http:// or https://, got {shown(value)}")
    if bad := _URL_FORBIDDEN.search(value):
        raise ValueError(f"URL holds {shown(bad.group())}: percent-encode it")
    _HTTP_URL.validate_python(value)
    return value


def _count_words(low: int, high: int):
    def check(text: str) -> str:
        words = len(text.split())
        if not low <= words <= high:
            raise ValueError(f"must be {low}-{high} words, has {words}")
        return text

    return check


# Control characters have no place in a title or a summary, and XML (the SVG export)
# forbids most of them; tabs and line breaks are allowed.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _no_control_characters(text: str) -> str:
    if found := _CONTROL.search(text):
        raise ValueError(f"holds a control character (U+{ord(found.group()):04X})")
    return text


def _text(max_length: int):
    return Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length),
        AfterValidator(_no_control_characters),
    ]


def _listed(item, max_items: int, min_items: int = 0):
    return Annotated[tuple[item, ...], Field(min_length=min_items, max_length=max_items)]


# Limits on text, so that a hand-edited file cannot bury the page (each is several times
# the longest text in the repository's data; README "Limits on the data").
MAX_TEXT = 2000  # summaries, notes, method: a long paragraph
MAX_NAME = 200  # names, venues, publishers, source titles
MAX_TITLE = 60  # step titles: they label the slider
MAX_URL = 2000
MAX_ITEMS = 30  # sources, outcomes, aliases, documents, observers of one record

IsoDate = Annotated[dt.date, BeforeValidator(_parse_iso_date)]
Text = _text(MAX_TEXT)
Name = _text(MAX_NAME)
ShortTitle = _text(MAX_TITLE)
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)]
Url = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=MAX_URL),
    AfterValidator(_check_http_url),
]
ZoneId = Literal[1, 2, 3, 4]


class Record(BaseModel):
    """Base of every record: immutable, strict about unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Source(Record):
    """A citable source: who published what, when, and where to read it."""

    title: Name
    publisher: Name
    date: IsoDate
    url: Url


Sources = _listed(Source, MAX_ITEMS, min_items=1)


class Participants(Record):
    """Who took part in a round, by role."""

    guarantors: _listed(Name, MAX_ITEMS, min_items=1)
    government: Text
    opposition: Text
    un: Text
    observers: _listed(Text, MAX_ITEMS) = ()


class Round(Record):
    """One round of the Astana talks, or (``format: congress``) the Sochi congress.

    Astana rounds carry their ``number``; the congress, not an Astana round, has none.
    """

    id: Slug
    format: Literal[ROUND_FORMATS] = "astana"  # type: ignore[valid-type]
    number: Annotated[int, Field(ge=1, strict=True)] | None = None
    title: ShortTitle
    start_date: IsoDate
    end_date: IsoDate
    venue: Name
    participants: Participants
    summary: Annotated[Text, AfterValidator(_count_words(60, 150))]
    outcomes: _listed(Text, MAX_ITEMS, min_items=1)
    documents: _listed(Text, MAX_ITEMS) = ()
    notes: Text | None = None
    sources: Sources

    @field_validator("end_date")
    @classmethod
    def _end_not_before_start(cls, end: dt.date, info: ValidationInfo) -> dt.date:
        start = info.data.get("start_date")
        if start is not None and end < start:
            raise ValueError(f"end_date {end} is before start_date {start}")
        return end

    @model_validator(mode="after")
    def _number_matches_format(self) -> Round:
        if self.format == "astana" and self.number is None:
            raise ValueError("an Astana round needs its number")
        if self.format != "astana" and self.number is not None:
            raise ValueError(f"a {self.format} is not a numbered Astana round: drop number")
        return self


class Event(Record):
    """A dated agreement or milestone."""

    id: Slug
    date: IsoDate
    kind: Literal[EVENT_KINDS]  # type: ignore[valid-type]
    title: ShortTitle
    summary: Annotated[Text, AfterValidator(_count_words(20, 120))]
    zones: _listed(ZoneId, len(ZONE_IDS)) = ()
    round: Slug | None = None
    notes: Text | None = None
    sources: Sources


class ZoneVersion(Record):
    """One outline of one zone, in force from ``valid_from`` to ``valid_to`` (inclusive).

    ``valid_to`` is ``None`` while the version is open-ended.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    id: Slug
    zone_id: ZoneId
    name: Name
    aliases: _listed(Name, MAX_ITEMS) = ()
    status: Literal[STATUSES]  # type: ignore[valid-type]
    valid_from: IsoDate
    valid_to: IsoDate | None
    basis: Slug
    method: Text
    # Why this version reaches beyond the one before (ground retaken, an enclave emptied);
    # None when it lies within it, as almost every version does (see data.lifecycle).
    grows: Text | None = None
    precision: Text
    sources: Sources
    geometry: BaseGeometry

    @field_validator("valid_to")
    @classmethod
    def _end_not_before_start(cls, end: dt.date | None, info: ValidationInfo) -> dt.date | None:
        start = info.data.get("valid_from")
        if end is not None and start is not None and end < start:
            raise ValueError(f"valid_to {end} is before valid_from {start}")
        return end

    def in_force_on(self, day: dt.date) -> bool:
        """Return True when this version holds on ``day`` (both ends inclusive)."""
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class Layer(Record):
    """A feature that is not one of the four zones: the Sochi demilitarised zone (``dmz``)
    or the M4 security corridor (``corridor``), valid from ``valid_from`` to ``valid_to``."""

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    id: Slug
    kind: Literal[LAYER_KINDS]  # type: ignore[valid-type]
    name: Name
    valid_from: IsoDate
    valid_to: IsoDate | None
    basis: Slug
    method: Text
    precision: Text
    notes: Text | None = None
    sources: Sources
    geometry: BaseGeometry

    _end_not_before_start = field_validator("valid_to")(
        ZoneVersion._end_not_before_start.__func__  # type: ignore[attr-defined]
    )

    def in_force_on(self, day: dt.date) -> bool:
        """Return True when this layer holds on ``day`` (both ends inclusive)."""
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class Place(Record):
    """A named locality with English and Arabic names, and other spellings sources use
    (``aliases``: searched, never shown as labels)."""

    id: Slug
    name: Name
    name_ar: Name
    aliases: _listed(Name, MAX_ITEMS) = ()
    governorate: Name
    lon: Annotated[float, Field(ge=-180, le=180)]
    lat: Annotated[float, Field(ge=-90, le=90)]
    geonameid: int | None = None
    origin: Literal["geonames", "authored"]
    rank: Literal[1, 2] = 2  # 1: a city labelled at every zoom; 2: a town


class Step(Record):
    """One stop of the time slider: a round (dated by its first day) or an event."""

    id: Slug
    date: IsoDate
    kind: Literal["round", "event"]
    title: ShortTitle

    @property
    def label(self) -> str:
        """Text for the slider: date and short title."""
        return f"{self.date.isoformat()} · {self.title}"


@dataclass(frozen=True)
class Atlas:
    """Everything the app shows, validated: rounds, events, zone versions, places, border,
    and the layers that are not zones (the 2018 demilitarised zone, the 2020 corridor)."""

    rounds: tuple[Round, ...]
    events: tuple[Event, ...]
    zones: tuple[ZoneVersion, ...]
    places: tuple[Place, ...]
    border: Any  # shapely (Multi)Polygon of Syria
    layers: tuple[Layer, ...] = ()

    def event(self, event_id: str) -> Event:
        """Return the event with this id (``KeyError`` if unknown)."""
        return {event.id: event for event in self.events}[event_id]

    def round(self, round_id: str) -> Round:
        """Return the round with this id (``KeyError`` if unknown)."""
        return {item.id: item for item in self.rounds}[round_id]
