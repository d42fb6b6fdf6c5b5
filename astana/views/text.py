"""Text from the data, made safe for the page: HTML-escaped (:func:`escape_text`), literal
where Streamlit reads Markdown (:func:`markdown_literal`), links kept only when http(s)
(:func:`link_html`), dates in English words (:func:`long_date`) and source lists
(:func:`sources_html`). :mod:`astana.views.display` re-exports them: the page's escaping
rules live here, once.

Examples
--------
>>> escape_text("<b>Idlib</b>")
'&lt;b&gt;Idlib&lt;/b&gt;'
>>> link_html("javascript:alert(1)", "x")
'x'
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable

from astana.data.models import Source

DASH = "\N{EN DASH}"
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)  # fmt: skip


# Braces too: folium (through branca) compiles each rendered map script as a Jinja
# template again, so a ``{{ ... }}`` in a name would run on the server while the map is
# drawn (the dashboard and the HTML snapshot). As character references they are inert
# there and still read as braces in the browser.
_BRACES = str.maketrans({"{": "&#123;", "}": "&#125;"})
# What Streamlit's Markdown reads as markup inside one line: emphasis, code, links, HTML,
# entities, maths; emoji and icon codes (":smile:", ":material/home:") and directives
# (":red[...]": a colon before a non-space).
_MARKDOWN_TOKEN = re.compile(r"[\\`*_\[\]<>&$~]|:[\w+/-]+:|:(?=\S)")


def escape_text(text: object) -> str:
    """HTML-escape any text from the data: quotes too (safe inside attributes), and braces
    (never read as a Jinja template by folium).

    >>> escape_text("{{ 7*7 }}")
    '&#123;&#123; 7*7 &#125;&#125;'
    """
    return html.escape(str(text), quote=True).translate(_BRACES)


def markdown_literal(text: str) -> str:
    r"""Text that Streamlit shows as written where it reads Markdown (the slider's labels):
    the characters that would start emphasis, code, links, HTML, entities, maths
    (``$``) or emoji and icon codes (``:name:``) are backslash-escaped, and line breaks
    become spaces. Other punctuation is left alone, so screen readers rarely meet a
    backslash.

    >>> print(markdown_literal("E1 [x](javascript:f()) $x$ &amp; :smile: :material/home:"))
    E1 \[x\](javascript\:f()) \$x\$ \&amp; :smile\: :material\/home\:
    >>> markdown_literal("Astana 1: talks open")
    'Astana 1: talks open'
    """
    return _MARKDOWN_TOKEN.sub(_escape_markdown_token, " ".join(text.split()))


def _escape_markdown_token(found: re.Match) -> str:
    token = found.group()
    if len(token) > 1:  # an emoji or icon code: escape inside and the closing colon (an
        # escaped opening colon still makes an icon in Streamlit 1.67)
        inside = _MARKDOWN_TOKEN.sub(_escape_markdown_token, token[1:-1]).replace("/", "\\/")
        return f":{inside}\\:"
    return "\\" + token


def link_html(url: str, text: str) -> str:
    """A link opening in a new tab, or only the escaped text when ``url`` is not http(s).

    >>> link_html("https://example.org/?a=1&b=2", "Example")[:46]
    '<a href="https://example.org/?a=1&amp;b=2" tar'
    """
    label = escape_text(text)
    if not url.strip().lower().startswith(("http://", "https://")):
        return label
    href = escape_text(url.strip())
    return f'<a href="{href}" target="_blank" rel="noopener noreferrer">{label}</a>'


def long_date(day: dt.date) -> str:
    """A date in English words, whatever the machine's locale.

    >>> long_date(dt.date(2017, 5, 6))
    '6 May 2017'
    """
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def sources_html(sources: Iterable[Source]) -> str:
    """Sources as a list of links: title, then publisher and date."""
    items = "".join(
        f"<li>{link_html(src.url, src.title)} <span class='src'>"
        f"({escape_text(src.publisher)}, {long_date(src.date)})</span></li>"
        for src in sources
    )
    return f"<ul class='sources'>{items}</ul>"
