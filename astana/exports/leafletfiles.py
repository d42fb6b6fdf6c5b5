"""Leaflet's script and stylesheet, from the ``xstatic-leaflet`` package (the copy the app
serves), ready to embed in a page that must open without a network: the standalone HTML
snapshot.

Leaflet is under the BSD 2-Clause licence: its copyright notice stays at the head of the
script, and the licence's text goes with it as a comment. The stylesheet's images (the
layer control's and the default marker's icons) become ``data:`` URIs, so that nothing is
fetched, and the script's source-map comment is dropped (it names a file that is not
there). The files come from the installed package, so the same package gives the same
bytes.

Examples
--------
>>> markup = leaflet_markup()
>>> markup.count("<script>"), "images/" in markup, "sourceMappingURL" in markup
(1, False, False)
"""

from __future__ import annotations

import base64
import re
from functools import cache
from pathlib import Path

LEAFLET_LICENCE = """\
Leaflet (https://leafletjs.com), embedded below, is under this licence:

BSD 2-Clause License

Copyright (c) 2010-2022, Vladimir Agafonkin
Copyright (c) 2010-2011, CloudMade
All rights reserved.

Redistribution and use in source and binary forms, with or without
modification, are permitted provided that the following conditions are met:

1. Redistributions of source code must retain the above copyright notice, this
   list of conditions and the following disclaimer.

2. Redistributions in binary form must reproduce the above copyright notice,
   this list of conditions and the following disclaimer in the documentation
   and/or other materials provided with the distribution.

THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS"
AND ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE
IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
"""
_SOURCE_MAP = re.compile(r"^//# sourceMappingURL=\S*\s*$", re.MULTILINE)
_IMAGE_URL = re.compile(r"url\((images/[\w.-]+\.png)\)")


@cache
def leaflet_markup() -> str:
    """An HTML comment with Leaflet's licence, then a ``<style>`` and a ``<script>``
    element holding Leaflet, to put in a page's head.

    Raises
    ------
    RuntimeError
        When ``xstatic-leaflet`` is not installed, or its files could end the elements
        early.
    """
    folder = leaflet_folder()
    stylesheet = _IMAGE_URL.sub(
        lambda found: f'url("{_data_uri(folder / found.group(1))}")',
        (folder / "leaflet.css").read_text("utf-8"),
    )
    script = _SOURCE_MAP.sub("", (folder / "leaflet.js").read_text("utf-8")).rstrip()
    for text, closing in ((stylesheet, "</style"), (script, "</script")):
        if closing in text.lower():
            raise RuntimeError(f"Leaflet's files in {folder} hold {closing}>: cannot embed them")
    return f"<!--\n{LEAFLET_LICENCE}-->\n<style>{stylesheet}</style>\n<script>{script}</script>"


def leaflet_folder() -> Path:
    """Where ``xstatic-leaflet`` keeps ``leaflet.js``, ``leaflet.css`` and ``images/``."""
    try:
        from xstatic.pkg import leaflet
    except ImportError:
        raise RuntimeError(
            "the HTML snapshot embeds Leaflet from the xstatic-leaflet package, which is "
            "not installed: pip install -r requirements.txt"
        ) from None
    return Path(leaflet.BASE_DIR)


def _data_uri(path: Path) -> str:
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")
