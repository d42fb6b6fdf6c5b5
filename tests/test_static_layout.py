"""The static maps' layout at every step of the timeline: no two drawn texts overlap, none
leaves the page, none runs into a map or a legend it is not part of, and every city on the
map keeps its name.

The steps come from the atlas, so new steps are covered as soon as they are in the data.
Each step's figure is drawn once without rasterising (``draw_without_rendering``, the same
layout a PNG or SVG gets); the texts are those that ``Text.draw`` really drew, measured
with the renderer of that draw. For a few steps, the PNG and SVG files themselves are
written and the same checks run on the texts drawn into them (the SVG at its own 72 dpi).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from unittest import mock
from xml.etree import ElementTree

import pytest
from hostile_data import write_hostile_root
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox
from PIL import Image

from astana.data.catalog import load_atlas
from astana.exports import staticmap
from astana.timeline import State, build_steps, state_at_step, state_on

STEP_IDS = [step.id for step in build_steps(load_atlas())]
TOLERANCE_PX = 0.5  # boxes that only touch, or meet within rounding, do not overlap


@dataclass
class Drawing:
    """What one draw of a figure put on the page, in that draw's display pixels."""

    texts: list[tuple[Text, Bbox]] = field(default_factory=list)
    blocks: list[tuple[object, Bbox, set[int]]] = field(default_factory=list)  # maps, legends
    page: Bbox | None = None


@contextmanager
def recording(figure: Figure) -> Iterator[Drawing]:
    """Record the texts the next draw of ``figure`` draws (a PNG, an SVG, or a layout
    without rendering), with their boxes, and the maps' and legends' boxes."""
    drawing, drawn = Drawing(), []
    original = Text.draw

    def draw(text: Text, renderer) -> None:
        original(text, renderer)
        if text.get_visible() and text.get_text():
            drawn.append(text)

    def measure(event) -> None:
        renderer = event.renderer
        drawing.page = figure.bbox.frozen()
        drawing.texts = [(text, _box(text, renderer)) for text in drawn]
        for block in [*figure.axes, *figure.legends]:
            own = {id(text) for text in block.findobj(Text)}
            drawing.blocks.append((block, block.get_window_extent(renderer).frozen(), own))

    connection = figure.canvas.mpl_connect("draw_event", measure)
    try:
        with mock.patch.object(Text, "draw", draw):
            yield drawing
    finally:
        figure.canvas.mpl_disconnect(connection)


def _box(text: Text, renderer) -> Bbox:
    """A text's box, with its background (a zone's disc, a label's backing)."""
    extent = Text.get_window_extent(text, renderer)
    patch = text.get_bbox_patch()
    return Bbox.union([extent, patch.get_window_extent(renderer)]) if patch else extent


def _overlap(a: Bbox, b: Bbox) -> bool:
    width = min(a.x1, b.x1) - max(a.x0, b.x0)
    height = min(a.y1, b.y1) - max(a.y0, b.y0)
    return width > TOLERANCE_PX and height > TOLERANCE_PX


def _inside(inner: Bbox, outer: Bbox) -> bool:
    return (
        inner.x0 >= outer.x0 - TOLERANCE_PX
        and inner.y0 >= outer.y0 - TOLERANCE_PX
        and inner.x1 <= outer.x1 + TOLERANCE_PX
        and inner.y1 <= outer.y1 + TOLERANCE_PX
    )


def layout_problems(drawing: Drawing) -> list[str]:
    """Every way the drawing breaks the layout rules, as readable lines (none: all well)."""
    problems = []
    texts = drawing.texts
    assert texts and drawing.page is not None, "nothing was drawn"
    for index, (text, extent) in enumerate(texts):
        name = repr(text.get_text()[:40])
        if not _inside(extent, drawing.page):
            problems.append(f"{name} crosses the page's edge: {extent.extents}")
        for other, other_extent in texts[index + 1 :]:
            if _overlap(extent, other_extent):
                problems.append(f"{name} overlaps {other.get_text()[:40]!r}")
        for block, block_extent, own in drawing.blocks:
            if id(text) not in own and _overlap(extent, block_extent):
                problems.append(f"{name} runs into {type(block).__name__} {block_extent.extents}")
            mine = isinstance(text, Annotation) and id(text) in own
            if mine and not _inside(extent, block_extent):
                problems.append(f"{name} leaves its map")
    blocks = drawing.blocks
    for index, (block, extent, _own) in enumerate(blocks):
        for other, other_extent, _ in blocks[index + 1 :]:
            if _overlap(extent, other_extent):
                problems.append(f"{type(block).__name__} overlaps {type(other).__name__}")
    return problems


def unnamed_cities(figure: Figure, atlas, drawing: Drawing) -> list[str]:
    """The cities drawn as a dot on a map with no name drawn on that map."""
    missing = []
    names = {(place.lon, place.lat): place.name for place in atlas.places}
    for axes in figure.axes:
        shown = " ".join(text.get_text() for text, _ in drawing.texts if text.axes is axes)
        for line in axes.findobj(Line2D):
            if line.get_marker() == "o":
                dot = (float(line.get_xdata()[0]), float(line.get_ydata()[0]))
                if names[dot] not in shown:
                    missing.append(names[dot])
    return missing


def check_layout(atlas, state: State, every_city: bool = True) -> Figure:
    """Draw ``state``'s static map without rendering and assert the layout rules (and,
    with ``every_city``, that each city's name is drawn)."""
    figure = staticmap.draw_snapshot(atlas, state)
    with recording(figure) as drawing:
        figure.draw_without_rendering()
    assert layout_problems(drawing) == []
    if every_city:
        assert unnamed_cities(figure, atlas, drawing) == []
    return figure


@pytest.mark.parametrize("step_id", STEP_IDS)
def test_no_text_overlaps_or_leaves_the_page_at_any_step(atlas, step_id):
    check_layout(atlas, state_at_step(atlas, step_id))


def _file_steps(atlas) -> list[str]:
    """A few steps whose files are written: the first and last, the one with the longest
    legend, and the first with each zone in the close-up."""
    states = [state_at_step(atlas, step_id) for step_id in STEP_IDS]
    chosen = {STEP_IDS[0], STEP_IDS[-1]}
    longest = max(states, key=lambda state: len(state.zones) + len(state.layers))
    chosen.add(longest.step.id)
    closeups = {}
    for state in states:
        zone = staticmap.closeup_zone(state)
        if zone is not None:
            closeups.setdefault(zone.zone_id, state.step.id)
    return sorted(chosen | set(closeups.values()), key=STEP_IDS.index)


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_the_files_hold_the_same_clean_layout(atlas, fmt, monkeypatch):
    drawings = []
    draw_snapshot = staticmap.draw_snapshot

    def recorded(*args) -> Figure:
        figure = draw_snapshot(*args)
        context = recording(figure)  # left open until the file is written
        drawings.append((figure, context, context.__enter__()))
        return figure

    monkeypatch.setattr(staticmap, "draw_snapshot", recorded)
    for step_id in _file_steps(atlas):
        data = getattr(staticmap, f"render_{fmt}")(atlas, state_at_step(atlas, step_id))
        figure, context, drawing = drawings[-1]
        context.__exit__(None, None, None)
        assert layout_problems(drawing) == [], step_id
        assert unnamed_cities(figure, atlas, drawing) == [], step_id
        if fmt == "png":
            assert Image.open(io.BytesIO(data)).size == (2000, 1500)
        else:  # the SVG holds exactly the lines of text that were checked
            root = ElementTree.fromstring(data)
            written = [
                "".join(node.itertext()) for node in root.iter("{http://www.w3.org/2000/svg}text")
            ]
            checked = [line for text, _ in drawing.texts for line in text.get_text().split("\n")]
            assert sorted(written) == sorted(checked), step_id


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """Names of 200 characters, step titles of 60, HTML and right-to-left marks in them."""
    return load_atlas(write_hostile_root(tmp_path_factory.mktemp("hostile")))


@pytest.mark.parametrize("day", ["2017-09-20", "2018-10-15"])
def test_the_longest_names_the_data_allows_still_fit(hostile, day):
    # A city whose name (with its payload) finds no free spot goes unnamed, not overlapped.
    check_layout(hostile, state_on(hostile, dt.date.fromisoformat(day)), every_city=False)


@pytest.mark.parametrize("rows", [12, 60])
def test_any_number_of_legend_rows_fits(atlas, rows):
    """More rows than the column holds: the type shrinks, then the close-up goes, then
    the legend lists its first rows and how many more there are."""
    state = state_on(atlas, dt.date(2018, 10, 15))
    extra = tuple(
        state.zones[0].model_copy(update={"id": f"zone-1-extra-{n}", "name": f"Zone 1 v{n}"})
        for n in range(rows)
    )
    figure = check_layout(atlas, dataclasses.replace(state, zones=state.zones + extra))
    legend_text = " ".join(t.get_text() for legend in figure.legends for t in legend.texts)
    assert ("more (listed in the CSV" in legend_text) == (rows == 60)


def test_the_closeup_shows_the_smallest_live_zone(atlas):
    assert staticmap.closeup_zone(state_on(atlas, dt.date(2017, 9, 20))).zone_id == 4
    # Eastern Ghouta has ended: its grey outline is no longer worth a close-up.
    assert staticmap.closeup_zone(state_on(atlas, dt.date(2018, 4, 20))).zone_id == 2
    assert staticmap.closeup_zone(state_on(atlas, dt.date(2020, 3, 6))).zone_id == 1
    assert staticmap.closeup_zone(state_on(atlas, dt.date(2017, 1, 1))) is None
    figure = staticmap.draw_snapshot(atlas, state_on(atlas, dt.date(2017, 1, 1)))
    assert len(figure.axes) == 1  # no zone: the country map alone
