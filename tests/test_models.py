"""Record models: strict dates, http(s) URLs, word counts, unknown fields."""

import datetime as dt

import pytest
from pydantic import ValidationError

from astana.data.models import Event, Place, Source

SOURCE = {"title": "T", "publisher": "P", "date": "2017-05-06", "url": "https://example.org/a"}
EVENT = {
    "id": "an-event",
    "date": "2017-05-06",
    "kind": "milestone",
    "title": "A title",
    "summary": " ".join(["word"] * 25),
    "sources": [SOURCE],
}


def test_source_keeps_url_as_written():
    url = "http://www.europarl.europa.eu/thinktank/en/document.html?reference=EPRS_BRI(2017)599362"
    assert Source.model_validate(SOURCE | {"url": url}).url == url


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "data:text/html,<b>x</b>", "ftp://example.org/x", "example.org"]
)
def test_source_rejects_non_http_urls(url):
    with pytest.raises(ValidationError, match="http"):
        Source.model_validate(SOURCE | {"url": url})


@pytest.mark.parametrize(
    "url",
    [
        'https://example.org/" onmouseover="alert(1)',
        "https://example.org/<script>",
        "https://example.org/a b",
        "https://example.org/a\tb",
        "https://example.org/`x`",
    ],
)
def test_source_rejects_characters_that_could_break_out_of_a_link(url):
    with pytest.raises(ValidationError, match="percent-encode it"):
        Source.model_validate(SOURCE | {"url": url})


@pytest.mark.parametrize(
    "url", ["JavaScript:alert(1)", " javascript:x", "https:evil.org", "//e.org"]
)
def test_source_rejects_disguised_schemes(url):
    with pytest.raises(ValidationError, match="must start with http"):
        Source.model_validate(SOURCE | {"url": url})


@pytest.mark.parametrize("value", ["2017-02-30", "2017-13-01", "06/05/2017", "20170506", 20170506])
def test_dates_must_be_real_iso_dates(value):
    with pytest.raises(ValidationError, match="date"):
        Source.model_validate(SOURCE | {"date": value})


def test_date_parses_to_date_object():
    assert Source.model_validate(SOURCE).date == dt.date(2017, 5, 6)


def test_event_summary_word_count_is_enforced():
    with pytest.raises(ValidationError, match="20-120 words, has 3"):
        Event.model_validate(EVENT | {"summary": "too few words"})


def test_unknown_field_is_rejected():
    with pytest.raises(ValidationError, match="Extra inputs"):
        Event.model_validate(EVENT | {"colour": "red"})


def test_records_are_immutable():
    event = Event.model_validate(EVENT)
    with pytest.raises(ValidationError):
        event.title = "changed"


@pytest.mark.parametrize("text", ["a\x01b", "\x1b[31mred", "nul\x00", "c1\x85c1"])
def test_text_with_a_control_character_is_refused(text):
    with pytest.raises(ValidationError, match="holds a control character"):
        Source.model_validate(SOURCE | {"title": text})


def test_text_may_hold_tabs_and_line_breaks():
    assert Source.model_validate(SOURCE | {"title": "a\tb\nc"}).title == "a\tb\nc"


PLACE = {
    "id": "idlib", "name": "Idlib", "name_ar": "إدلب", "governorate": "Idlib",
    "lon": 36.63, "lat": 35.93, "origin": "geonames",
}  # fmt: skip


def test_a_place_has_no_aliases_unless_given():
    assert Place.model_validate(PLACE).aliases == ()
    assert Place.model_validate(PLACE | {"aliases": ["Idleb"]}).aliases == ("Idleb",)


def test_a_place_with_too_many_or_too_long_aliases_is_refused():
    with pytest.raises(ValidationError, match="at most 30 items"):
        Place.model_validate(PLACE | {"aliases": [f"name {n}" for n in range(31)]})
    with pytest.raises(ValidationError, match="at most 200 characters"):
        Place.model_validate(PLACE | {"aliases": ["x" * 201]})
