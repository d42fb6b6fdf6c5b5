"""The citable ZIP: every snapshot format plus ``README.txt`` and ``CITATION.cff``.

The archive is deterministic: members in a fixed order under one folder, each stamped
1980-01-01 00:00 (the earliest time a ZIP can hold, as reproducible builds do), with fixed
permissions and compression, so the same data gives the same bytes.

Examples
--------
>>> import datetime as dt
>>> from astana.data.catalog import load_atlas
>>> from astana.timeline import state_on
>>> atlas = load_atlas()
>>> "Zone 4: Eastern Ghouta" in readme_text(atlas, state_on(atlas, dt.date(2017, 9, 20)))
True
"""

from __future__ import annotations

import io
import json
import textwrap
import zipfile
from collections.abc import Iterable, Mapping
from functools import partial

from astana.data.models import Atlas, Source, ZoneVersion
from astana.exports import attribution
from astana.exports.provenance import DataVersion, data_version
from astana.geometry import area_km2
from astana.timeline import State
from astana.views.display import long_date

AUTHORS = "Contributors to the atlas of the Syrian de-escalation zones"
KEYWORDS = ("Syria", "Astana process", "de-escalation zones", "ceasefire", "map")
ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)
_UNIX = 3  # ZipInfo.create_system: otherwise it follows the machine (0 on Windows)
_FILE_MODE = 0o100644 << 16  # a regular file, rw-r--r--
_DESCRIPTIONS = {
    ".geojson": "GeoJSON (RFC 7946, WGS84 lon/lat): one feature per zone, then per layer",
    ".gpkg": "GeoPackage (EPSG:4326) for QGIS/ArcGIS: layers `zones`, `layers`, `places`",
    ".png": "static map, 2000 x 1500 pixels",
    ".svg": "static map as SVG (text kept as text, editable)",
    ".html": "interactive map: open in a browser, offline too (Leaflet is inside the file; "
    "OpenStreetMap tiles are shown when online)",
    ".csv": "one row per zone with its attributes, no geometry (UTF-8 with a byte-order mark)",
}
LICENCES = f"""\
- Country border: Natural Earth 1:10m admin-0 countries, v5.1.1 (naturalearthdata.com).
  Public domain.
- {attribution.GEONAMES_CREDIT}.
  Attribution is required when you reuse the places. Some place coordinates were
  authored for the atlas from cited sources.
- Zone outlines and attributes: authored for the atlas (approximate; see above) from the
  sources listed, under the atlas's MIT licence, like the rest of its authored data.
- The sources are cited, not copied: their texts remain their publishers'.
- The HTML map holds Leaflet 1.9.3 (leafletjs.com; BSD 2-Clause licence, (c) 2010-2022
  Vladimir Agafonkin, (c) 2010-2011 CloudMade; the licence's text is in the file). It
  loads OpenStreetMap tiles (© OpenStreetMap contributors, ODbL) when it is opened online;
  no tiles are stored in this bundle."""


def zip_bundle(atlas: Atlas, state: State, files: Mapping[str, bytes]) -> bytes:
    """Pack ``files`` (name to bytes) with ``README.txt`` and ``CITATION.cff`` into a ZIP.

    Members go under a folder named after the snapshot, README first, then in the order
    given.

    Examples
    --------
    >>> import datetime as dt
    >>> from astana.data.catalog import load_atlas
    >>> from astana.timeline import state_on
    >>> atlas = load_atlas()
    >>> data = zip_bundle(atlas, state_on(atlas, dt.date(2017, 9, 20)), {"a.csv": b"x"})
    >>> zipfile.ZipFile(io.BytesIO(data)).namelist()[-1]
    'astana-zones-2017-09-20/a.csv'
    """
    folder = f"astana-zones-{state.date.isoformat()}"
    version = data_version(atlas)
    members = {
        "README.txt": readme_text(atlas, state, files, version).encode("utf-8"),
        "CITATION.cff": citation_cff(state, version).encode("utf-8"),
        **files,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, payload in members.items():
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=ZIP_TIMESTAMP)
            info.create_system = _UNIX
            info.external_attr = _FILE_MODE
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, payload, compresslevel=9)
    return buffer.getvalue()


def citation_cff(state: State, version: DataVersion) -> str:
    """A Citation File Format 1.2.0 record for the snapshot (no URL: none is public yet);
    its ``version`` is the README's data version.

    Examples
    --------
    >>> import datetime as dt
    >>> from astana.data.catalog import load_atlas
    >>> from astana.timeline import state_on
    >>> atlas = load_atlas()
    >>> state = state_on(atlas, dt.date(2017, 9, 20))
    >>> citation_cff(state, data_version(atlas)).splitlines()[0]
    'cff-version: 1.2.0'
    """
    # JSON strings are valid YAML double-quoted scalars: quotes in titles stay safe.
    quoted = partial(json.dumps, ensure_ascii=False)
    lines = [
        "cff-version: 1.2.0",
        f"message: {quoted('If you use this snapshot, please cite it as below.')}",
        "type: dataset",
        f"title: {quoted(f'{attribution.PROJECT}: snapshot of {state.date.isoformat()}')}",
        f"version: {quoted(version.label)}",
        "authors:",
        f"  - name: {quoted(AUTHORS)}",
        f"abstract: {quoted(f'{attribution.title(state)}, with the sources of each outline.')}",
        "keywords:",
        *(f"  - {quoted(keyword)}" for keyword in KEYWORDS),
    ]
    return "\n".join(lines) + "\n"


def readme_text(
    atlas: Atlas, state: State, files: Iterable[str] = (), version: DataVersion | None = None
) -> str:
    """``README.txt``: what the bundle is, its data version (``version``, by default that
    of ``atlas``), the date, step and round, the files, each zone with its method and
    sources, every source URL, licences and how to cite.

    Examples
    --------
    >>> import datetime as dt
    >>> from astana.data.catalog import load_atlas
    >>> from astana.timeline import state_on
    >>> readme_text(load_atlas(), state_on(load_atlas(), dt.date(2017, 1, 1))).splitlines()[0]
    'Syrian de-escalation zones on 1 January 2017'
    """
    heading = attribution.title(state)
    version = version or data_version(atlas)
    parts = [
        f"{heading}\n{'=' * len(heading)}",
        _what_it_is(state),
        _section("Version", _version(state, version)),
        _section("Timeline", _timeline(atlas, state)),
        _section("Files", "\n".join(_file_line(name) for name in files) or "(none)"),
        _section("Zones on this date", _zones(atlas, state)),
        _section("How the outlines were made", _wrap(attribution.APPROXIMATE_NOTE) + _METHOD),
        _section("All sources", _all_sources(atlas, state)),
        _section("Licences and attribution", LICENCES),
        _section("How to cite", _how_to_cite(state, version)),
    ]
    return "\n\n".join(parts) + "\n"


def _what_it_is(state: State) -> str:
    return _wrap(
        f"This bundle is a snapshot of the {attribution.PROJECT}: the de-escalation zones "
        f"agreed in the Astana talks as they stood on {long_date(state.date)} "
        f"({state.date.isoformat()}), with the sources of every outline. The same data "
        "gives the same files, byte for byte."
    )


def _timeline(atlas: Atlas, state: State) -> str:
    lines = [_wrap(attribution.step_line(state))]
    if state.round is not None:
        item = state.round
        lines.append(
            _wrap(
                f"Latest round: {item.title} ({item.start_date} to {item.end_date}, {item.venue})."
            )
        )
        lines += [f"  - {_cite(source)}" for source in item.sources]
    for event in state.events:
        lines.append(f"Event of {event.date}: {event.title}.")
        lines += [f"  {line}" for line in textwrap.wrap(event.summary, 86)]
        lines += [f"  - {_cite(source)}" for source in event.sources]
    return "\n".join(lines)


def _zones(atlas: Atlas, state: State) -> str:
    if not state.zones:
        return "No zones in force on this date: the files hold none (a valid, empty snapshot)."
    return "\n\n".join(_zone_block(atlas, version) for version in state.zones)


def _zone_block(atlas: Atlas, version: ZoneVersion) -> str:
    until = version.valid_to.isoformat() if version.valid_to else "(no end recorded)"
    basis = atlas.event(version.basis)
    lines = [
        f"{version.name} [{version.id}]",
        f"  Also known as: {'; '.join(version.aliases) or '-'}",
        f"  Status: {version.status.replace('_', ' ')}; valid {version.valid_from} to {until}",
        f"  Area: about {area_km2(version.geometry):,.0f} km2 (equal-area projection)",
        f"  Basis: {basis.title} ({basis.date}, event {basis.id})",
        _wrap(f"Method: {version.method}", indent="  "),
        _wrap(f"Precision: {version.precision}", indent="  "),
        "  Sources:",
        *(f"  - {_cite(source)}" for source in _unique(version.sources)),
    ]
    return "\n".join(lines)


_METHOD = """

The outlines were drawn for the atlas as polygons through named localities (GeoNames
coordinates, or points placed from the sources), widened by a small buffer, clipped to
Syria's border, less the government-held enclaves the sources name. Each zone's own
method and precision are given above; the rules are kept in the atlas's
data/zone_rules.yaml, and its geodata/README.md explains the method in full. A "declared"
zone was named by the May 2017 memorandum, which came with no agreed map; "in force" means
a later agreement defined it; "ended" marks a zone that had ceased to exist by that date
(its last outline, with the event that ended it as basis). The 2018 demilitarised zone and
the 2020 M4 corridor are layers, not zones: bands of fixed depth drawn along an
approximate line (data/layer_rules.yaml). Use the outlines to show roughly where the zones were, not
to decide whether a given village was inside one."""


def _all_sources(atlas: Atlas, state: State) -> str:
    sources = [source for version in state.zones for source in version.sources]
    if state.round is not None:
        sources += state.round.sources
    sources += [source for event in state.events for source in event.sources]
    return "\n".join(f"- {source.url}" for source in _unique(sources)) or "(none)"


def _version(state: State, version: DataVersion) -> str:
    if version.commit:
        commit = (
            f"commit {version.commit} of its repository (as git describe names it: a release "
            "tag when there is one; -dirty when files had changed since that commit)"
        )
    else:
        commit = "its repository's commit is not known (not run from a git checkout or archive)"
    until = version.data_date.isoformat() if version.data_date else "(no dates)"
    step = f"step {_step_id(state)}" if state.step else "before the first step"
    bullets = [
        f"the atlas {version.package}; {commit}",
        f"the data runs to {until} (the latest date it records)",
        f"the data's SHA-256 fingerprint: {version.fingerprint} (the same data gives the same "
        "fingerprint, wherever it was loaded from)",
    ]
    return "\n".join(
        [
            f"Data version: {version.label}",
            *(_wrap(f"- {text}", indent="", hanging="  ") for text in bullets),
            f"Snapshot: {state.date.isoformat()}, {step}. CITATION.cff gives the same version.",
        ]
    )


def _step_id(state: State) -> str | None:
    return state.step.id if state.step else None


def _how_to_cite(state: State, version: DataVersion) -> str:
    step = f", step {_step_id(state)}" if state.step else ""
    citation = (
        f"{AUTHORS}. {attribution.PROJECT}: snapshot of {state.date.isoformat()}{step} "
        f"[data set]. Version {version.label}."
    )
    return "\n".join(
        [
            _wrap(citation),
            "CITATION.cff holds the same record for reference managers.",
            f"When you reuse the places, also credit:\n{attribution.GEONAMES_CREDIT}.",
        ]
    )


def _file_line(name: str) -> str:
    suffix = name[name.rfind(".") :]
    return f"- {name}: {_DESCRIPTIONS.get(suffix, '')}".rstrip(": ")


def _unique(sources: Iterable[Source]) -> list[Source]:
    """Each source once, by URL, in order of first citation."""
    first: dict[str, Source] = {}
    for source in sources:
        first.setdefault(source.url, source)
    return list(first.values())


def _cite(source: Source) -> str:
    return f'{source.publisher}, "{source.title}", {source.date}, {source.url}'


def _section(name: str, body: str) -> str:
    return f"{name}\n{'-' * len(name)}\n{body}"


def _wrap(text: str, indent: str = "", hanging: str | None = None) -> str:
    if hanging is None:
        hanging = indent + "  " if indent else ""
    return textwrap.fill(
        text, 90, initial_indent=indent, subsequent_indent=hanging, break_on_hyphens=False
    )
