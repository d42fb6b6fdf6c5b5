"""The page of a static map, laid out from measured text: a header (title, subtitle), a
footer, the map on the left, and on the right a column of legends with an optional
close-up under them.

Nothing here is placed by guesswork: every text block is measured with the figure's own
renderer (at the resolution it will be saved at) and wrapped to the width it has, and the
blocks are stacked from those measurements. When the legends grow (more rows, longer
names), the close-up shrinks, then goes; then the legends' type shrinks; as a last resort
the longest legend lists its first rows and says how many more there are. So adding rows
can never make two texts overlap or leave the page.

Sizes are worked out in display pixels and handed back as figure fractions, which stay
right at any resolution the figure is saved at.

Examples
--------
>>> from matplotlib.backends.backend_agg import FigureCanvasAgg
>>> from matplotlib.figure import Figure
>>> from matplotlib.patches import Patch
>>> figure = Figure(figsize=(16, 12), dpi=100)
>>> _ = FigureCanvasAgg(figure)
>>> rows = LegendGroup("Zones", tuple(Patch(label=f"Zone {n}") for n in range(1, 5)))
>>> page = lay_out(figure, "Title", "Subtitle", "Footer", [rows], Inset("Close-up", 1.0))
>>> page.inset_box is not None and page.map_box[0] < page.inset_box[0]
True
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, replace

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.patches import Patch
from matplotlib.text import Text
from matplotlib.transforms import Bbox

MARGIN_IN = 0.3  # white space around the page
GAP_IN = 0.2  # between blocks
COLUMN_SHARE = 0.31  # of the page's width, for the legends and the close-up
INSET_MIN_IN = 1.8  # the least room for a close-up and its title
INSET_MAP_MIN_IN = 1.2  # a close-up narrower or lower than this is left out
LEGEND_SCALES = (1.0, 0.9, 0.8, 0.7, 0.6)  # of the legends' type sizes, tried in turn
LEGEND_FONT = 11
LEGEND_TITLE_FONT = 13
TITLE_FONT = 22
SUBTITLE_FONT = 13
FOOTER_FONT = 10
INSET_TITLE_FONT = 11
_MIN_WRAP = 12  # characters: narrower than this, words are broken


@dataclass(frozen=True)
class LegendGroup:
    """One legend: a title and its handles (artists whose labels are the rows' text, with
    line breaks where the text must break; the layout wraps them further to fit).
    ``spacing`` is the gap between rows, in type sizes."""

    title: str
    handles: tuple[Artist, ...]
    spacing: float = 0.5


@dataclass(frozen=True)
class Inset:
    """A close-up map wanted under the legends: its title and its width over its height."""

    title: str
    aspect: float


@dataclass(frozen=True)
class Page:
    """Where things went: the map's and the close-up's boxes (``left, bottom, width,
    height`` in figure fractions; the close-up None when it did not fit or was not asked
    for), and the legends drawn."""

    map_box: tuple[float, float, float, float]
    inset_box: tuple[float, float, float, float] | None
    legends: tuple[Legend, ...]


def lay_out(
    figure: Figure,
    title: str,
    subtitle: str,
    footer: str,
    groups: Sequence[LegendGroup],
    inset: Inset | None = None,
) -> Page:
    """Draw the header, footer, legends (and the close-up's title) on ``figure`` and
    return where the map and the close-up go.

    The figure needs a canvas (``FigureCanvasAgg(figure)``) to measure text with.
    """
    renderer = figure.canvas.get_renderer()
    dpi, width = figure.dpi, figure.bbox.width
    margin, gap = MARGIN_IN * dpi, GAP_IN * dpi
    top = _header(figure, renderer, title, subtitle, margin, gap)
    bottom = _footer(figure, renderer, footer, margin, gap)
    column = Bbox.from_extents(width * (1 - COLUMN_SHARE), bottom, width - margin, top)
    legends, free_top = _legend_column(figure, renderer, groups, column, inset, gap)
    inset_box = None
    if inset is not None and free_top - column.y0 >= INSET_MIN_IN * dpi:
        inset_box = _inset(
            figure, renderer, inset, Bbox.from_extents(*column.p0, column.x1, free_top)
        )
    map_area = Bbox.from_extents(margin, bottom, column.x0 - gap, top)
    return Page(_fraction(figure, map_area), inset_box, tuple(legends))


def fit_axes(axes: Axes, box: tuple[float, float, float, float]) -> None:
    """Shrink ``axes`` (whose aspect is fixed) until it and its tick labels fit in ``box``
    (figure fractions), keeping it to the box's upper left corner."""
    figure = axes.get_figure(root=True)
    renderer = figure.canvas.get_renderer()
    area = Bbox.from_bounds(*box).transformed(figure.transFigure)
    axes.set_anchor("NW")
    position = area
    for _ in range(4):  # the tick labels change a little as the map shrinks
        axes.set_position(_fraction(figure, position))
        axes.apply_aspect()
        tight = axes.get_tightbbox(renderer)
        left, bottom = area.x0 - tight.x0, area.y0 - tight.y0
        right, top = tight.x1 - area.x1, tight.y1 - area.y1
        if max(left, bottom, right, top) <= 0:
            return
        position = Bbox.from_extents(
            position.x0 + max(left, 0),
            position.y0 + max(bottom, 0),
            position.x1 - max(right, 0),
            position.y1 - max(top, 0),
        )


def wrap_to_width(text: Text, width: float) -> None:
    """Re-wrap ``text`` (whole words, its own line breaks kept) until it is at most
    ``width`` display pixels wide."""
    renderer = text.get_figure(root=True).canvas.get_renderer()
    original = text.get_text()
    measured = text.get_window_extent(renderer).width
    chars = max(map(len, original.splitlines() or [""]))
    while measured > width and chars > 1:
        chars = max(1, min(chars - 1, int(chars * width / measured)))
        text.set_text(wrap_lines(original, chars))
        measured = text.get_window_extent(renderer).width


def wrap_lines(text: str, chars: int) -> str:
    """Each line of ``text`` wrapped at ``chars`` characters, by whole words where it can.

    >>> wrap_lines("Zone 1: Idlib\\nin force", 8)
    'Zone 1:\\nIdlib\\nin force'
    """
    return "\n".join(
        textwrap.fill(line, chars, break_on_hyphens=False, break_long_words=chars < _MIN_WRAP)
        or line
        for line in text.splitlines()
    )


def _header(figure: Figure, renderer, title: str, subtitle: str, margin: float, gap: float):
    """Title and subtitle at the top left; returns the display y under them."""
    width, height = figure.bbox.size
    y = height - margin
    for words, size, weight, colour in (
        (title, TITLE_FONT, "bold", "black"),
        (subtitle, SUBTITLE_FONT, "normal", "#333"),
    ):
        left, top = _fraction(figure, Bbox.from_bounds(margin, y, 0, 0))[:2]
        line = figure.text(left, top, words, fontsize=size, weight=weight, color=colour, va="top")
        wrap_to_width(line, width - 2 * margin)
        y = line.get_window_extent(renderer).y0 - gap / 2
    return y - gap / 2


def _footer(figure: Figure, renderer, words: str, margin: float, gap: float) -> float:
    """The footer at the bottom left; returns the display y over it."""
    left, bottom = _fraction(figure, Bbox.from_bounds(margin, margin, 0, 0))[:2]
    footer = figure.text(
        left, bottom, words, fontsize=FOOTER_FONT, color="#222", linespacing=1.5, va="bottom"
    )
    wrap_to_width(footer, figure.bbox.width - 2 * margin)
    return footer.get_window_extent(renderer).y1 + gap


def _legend_column(figure, renderer, groups, column: Bbox, inset: Inset | None, gap: float):
    """The legends stacked from the column's top, at the largest type that leaves room for
    the close-up (or, failing that, for the legends alone); returns them and the display y
    of the free space under them."""
    fitting = None
    for scale in LEGEND_SCALES:
        legends, bottom = _stack(figure, renderer, groups, column, scale, gap)
        room = bottom - gap - column.y0
        if room >= (INSET_MIN_IN * figure.dpi if inset is not None else 0):
            return legends, bottom - gap
        _remove(legends)
        if fitting is None and bottom >= column.y0:
            fitting = scale
    if fitting is not None:
        legends, bottom = _stack(figure, renderer, groups, column, fitting, gap)
        return legends, bottom - gap
    return _trimmed_stack(figure, renderer, list(groups), column, gap)


def _trimmed_stack(figure, renderer, groups: list[LegendGroup], column: Bbox, gap: float):
    """The smallest legends, with rows of the longest one dropped from its end (and a row
    saying how many) until they all fit."""
    shown = [len(group.handles) for group in groups]
    while True:
        trimmed = [_first_rows(group, count) for group, count in zip(groups, shown, strict=True)]
        legends, bottom = _stack(figure, renderer, trimmed, column, LEGEND_SCALES[-1], gap)
        if bottom >= column.y0 or max(shown) <= 1:
            return legends, bottom - gap
        _remove(legends)
        longest = shown.index(max(shown))
        shown[longest] -= max(1, (len(groups[longest].handles) - 1) // 8)


def _first_rows(group: LegendGroup, count: int) -> LegendGroup:
    if count >= len(group.handles):
        return group
    more = len(group.handles) - count
    note = Patch(alpha=0, label=f"… and {more} more (listed in the CSV and the README)")
    return replace(group, handles=(*group.handles[:count], note))


def _stack(figure, renderer, groups, column: Bbox, scale: float, gap: float):
    """Legends one under another from the column's top; returns them and the display y
    of the last one's bottom (below the column's bottom when they do not fit)."""
    legends, bottom = [], column.y1 + gap
    for group in groups:
        legend = _fitted_legend(figure, renderer, group, column, bottom - gap, scale)
        legends.append(legend)
        bottom = legend.get_window_extent(renderer).y0
    return legends, min(bottom, column.y1)


def _fitted_legend(figure, renderer, group: LegendGroup, column: Bbox, top: float, scale: float):
    """One legend whose upper left corner is at (column's left, ``top``), its rows wrapped
    to the column's width."""
    labels = [handle.get_label() for handle in group.handles]
    chars = max((len(line) for label in labels for line in label.splitlines()), default=1)
    while True:
        legend = figure.legend(
            handles=list(group.handles),
            labels=[wrap_lines(label, chars) for label in labels],
            title=group.title,
            loc="upper left",
            bbox_to_anchor=_fraction(figure, Bbox.from_bounds(column.x0, top, 0, 0))[:2],
            borderaxespad=0,
            borderpad=0,
            labelspacing=group.spacing,
            fontsize=LEGEND_FONT * scale,
            title_fontsize=LEGEND_TITLE_FONT * scale,
            alignment="left",
            frameon=False,
        )
        width = legend.get_window_extent(renderer).width
        if width <= column.width or chars <= 1:
            return legend
        legend.remove()
        chars = max(1, min(chars - 1, int(chars * column.width / width)))


def _inset(figure, renderer, inset: Inset, free: Bbox) -> tuple[float, ...] | None:
    """The close-up's title at the top of ``free``, and the largest box of the close-up's
    aspect under it (figure fractions); None, and no title, when that box would be too
    small to read."""
    left, top = _fraction(figure, Bbox.from_bounds(free.x0, free.y1, 0, 0))[:2]
    title = figure.text(left, top, inset.title, fontsize=INSET_TITLE_FONT, va="top")
    wrap_to_width(title, free.width)
    below = title.get_window_extent(renderer).y0 - GAP_IN * figure.dpi / 2
    width = min(free.width, (below - free.y0) * inset.aspect)
    height = width / inset.aspect
    if min(width, height) < INSET_MAP_MIN_IN * figure.dpi:
        title.remove()
        return None
    return _fraction(figure, Bbox.from_bounds(free.x0, below - height, width, height))


def _remove(artists: Sequence[Artist]) -> None:
    for artist in artists:
        artist.remove()


def _fraction(figure: Figure, box: Bbox) -> tuple[float, float, float, float]:
    """A display box as ``(left, bottom, width, height)`` in figure fractions."""
    return tuple(float(value) for value in box.transformed(figure.transFigure.inverted()).bounds)
