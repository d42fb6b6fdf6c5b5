"""Checks for markup built from hostile data (see ``tests/hostile_data.py``): parse it as a
browser would, list what the data injected, and what a reader sees.

Shared by ``tests/test_hostile.py`` and ``tests/test_hostile_exports.py``; no pytest here.

Examples
--------
>>> markup_problems("<p>&lt;img src=x onerror=f()&gt;</p>")
[]
>>> read_markup("<p>&lt;b&gt; &amp;amp;</p>").text
'<b> &amp;'
"""

from __future__ import annotations

import base64
import contextlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser

from astana.data.models import Event, Layer, Round, Source, ZoneVersion

# Tags the data must never create, in a fragment and in a whole page.
FRAGMENT_FORBIDDEN = {"script", "iframe", "img", "svg", "object", "embed", "textarea", "style",
                      "title", "base", "meta", "link", "form", "frame", "math"}  # fmt: skip
PAGE_FORBIDDEN = FRAGMENT_FORBIDDEN - {"script", "style", "title", "meta", "link"}
_BAD_SCHEMES = ("javascript:", "data:", "vbscript:")
JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
# The map's places travel as base64 of UTF-8 JSON (astana.views.mapelements.base64_json).
_BASE64_DATA = re.compile(r'atob\("([A-Za-z0-9+/=]*)"\)')


@dataclass
class Markup:
    """What a browser would build from some HTML: tags, scripts, comments, visible text."""

    tags: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    text: str = ""


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found = Markup()
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.found.tags.append((tag, {name: value or "" for name, value in attrs}))
        self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            del self._open[len(self._open) - 1 - self._open[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        if self._open and self._open[-1] == "script":
            self.found.scripts.append(data)
        elif not self._open or self._open[-1] != "style":
            self.found.text += data

    def handle_comment(self, data: str) -> None:
        self.found.comments.append(data)


def read_markup(markup: str) -> Markup:
    """Parse ``markup`` as HTML (entities decoded in the text, as a browser shows them)."""
    reader = _Reader()
    reader.feed(markup)
    reader.close()
    return reader.found


def markup_problems(markup: str, page: bool = False) -> list[str]:
    """What the data may have injected into ``markup``: forbidden tags, event handlers,
    script-like links, comments, and (in a page) a payload outside a script's strings."""
    found = read_markup(markup)
    forbidden = PAGE_FORBIDDEN if page else FRAGMENT_FORBIDDEN
    problems = [f"<{tag}> element" for tag, _attrs in found.tags if tag in forbidden]
    for tag, attrs in found.tags:
        for name, value in attrs.items():
            cleaned = re.sub(r"[\s\x00-\x1f]", "", value).lower()
            if name.startswith("on") or name in {"srcdoc", "formaction"}:
                problems.append(f"<{tag} {name}=...>")
            elif name in {"href", "src", "action", "xlink:href"} and cleaned.startswith(
                _BAD_SCHEMES
            ):
                problems.append(f"<{tag} {name}={value[:30]!r}>")
    if not page:
        problems += [f"comment {text[:30]!r}" for text in found.comments]
    for script in found.scripts:
        # Data may sit in a script only inside its JSON strings (folium's tojson).
        if "__pwned" in JSON_STRING.sub('""', script):
            problems.append("a payload outside a script's strings")
    return problems


def assert_safe(markup: str, where: str, page: bool = False) -> Markup:
    """Fail if ``markup`` holds anything the data injected; return it parsed."""
    problems = markup_problems(markup, page)
    assert not problems, f"{where}: {problems[:5]}"
    return read_markup(markup)


def assert_shows(markup: str | Markup, texts: Iterable[str], where: str) -> None:
    """Fail unless a reader sees each of ``texts`` literally in ``markup``."""
    shown = markup.text if isinstance(markup, Markup) else read_markup(markup).text
    missing = [text for text in texts if text not in shown]
    assert not missing, f"{where}: not shown literally: {missing[:2]}"


def links(markup: str) -> set[str]:
    """The targets of the links in ``markup``, as a browser reads them."""
    return {attrs["href"] for tag, attrs in read_markup(markup).tags if tag == "a"}


def source_texts(sources: tuple[Source, ...]) -> list[str]:
    """The titles and publishers of ``sources``: what a list of sources shows."""
    return [text for source in sources for text in (source.title, source.publisher)]


def round_texts(item: Round) -> list[str]:
    """Every text of a round that its panel shows."""
    people = item.participants
    texts = [item.title, item.venue, item.summary, item.notes or "", *item.outcomes]
    texts += [*people.guarantors, people.government, people.opposition, people.un]
    return [*texts, *people.observers, *item.documents, *source_texts(item.sources)]


def event_texts(event: Event) -> list[str]:
    """Every text of an event that its panel shows."""
    return [event.title, event.summary, event.notes or "", *source_texts(event.sources)]


def area_texts(version: ZoneVersion | Layer) -> list[str]:
    """Every text of a zone version or layer that its popup shows."""
    texts = [version.name, version.precision, *source_texts(version.sources)]
    return texts + list(getattr(version, "aliases", ())) + [getattr(version, "notes", "") or ""]


def squeezed(text: str) -> str:
    """Text without any whitespace: for outputs that wrap lines (SVG legend, README)."""
    return re.sub(r"\s+", "", text)


def embedded_strings(page: str, marker: str) -> list[str]:
    """The JSON strings in ``page``'s scripts that hold ``marker``, decoded. Strings that
    are not JSON (Leaflet's own script, embedded in the HTML export) are passed over."""
    found = []
    for script in read_markup(page).scripts:
        for text in JSON_STRING.findall(script):
            with contextlib.suppress(json.JSONDecodeError):
                found.append(json.loads(text))
    return [text for text in found if marker in text]


def embedded_base64_json(page: str) -> list:
    """The values of the base64 JSON blobs a map's script decodes (``atob("...")``)."""
    return [json.loads(base64.b64decode(blob)) for blob in _BASE64_DATA.findall(page)]


def place_names(page: str) -> set[str]:
    """Every place name (English and Arabic) in a map's place rows, as a reader sees it."""
    rows = [row for blob in embedded_base64_json(page) for row in blob]
    return {read_markup(name).text for row in rows for name in row[2:4]}
