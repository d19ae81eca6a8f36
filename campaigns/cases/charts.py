"""Charts drawn on the server as SVG: readable without JavaScript, with a table beside them.

An SVG scales its text with its width, so one drawing cannot be readable both on a desktop
and on a phone: a 720-unit-wide chart squeezed into a 343-pixel screen shows 12-unit
labels at under 6 pixels. `chart_layouts` therefore draws the same numbers twice, wide and
narrow, and the stylesheet shows the one that fits the screen.
"""

import math
from dataclasses import dataclass, field

# Colour-blind-safe palette (Okabe–Ito), one colour per series in order.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#999999"]


@dataclass
class Segment:
    series: str
    label: str
    value: int
    y: float
    height: float
    colour: str


@dataclass
class Bar:
    label: str
    total: int
    x: float
    center: float
    segments: list = field(default_factory=list)
    # False where the bars are too narrow for every label: every n-th bar keeps its label,
    # the others are named in their tooltips and in the table.
    show_label: bool = True


@dataclass
class StackedBarChart:
    """Bars (one per category, e.g. a year) stacked by series (e.g. a status)."""

    bars: list
    legend: list
    width: int
    height: int
    bar_width: float
    plot_top: int
    plot_bottom: int
    ticks: list
    series_labels: list
    font_size: int = 12
    layout: str = "wide"

    @property
    def table_rows(self):
        """The same numbers as rows for the accessible table."""
        return [
            (
                bar.label,
                [
                    next((s.value for s in bar.segments if s.series == key), 0)
                    for key, _label in self.series_labels
                ],
                bar.total,
            )
            for bar in self.bars
        ]


def nice_ceiling(value):
    """The next round number at or above `value`, for the axis."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if value <= step * 5:
            return max(step * ((value + step - 1) // step), step), step
    return value, value


def every_year(years):
    """Every year from the first to the last of `years`, in order: a year without arrests
    is a bar of zero, not a gap the reader cannot see (2019, 2021 would read as
    consecutive years)."""
    return list(range(min(years), max(years) + 1)) if years else []


# Approximate width of a digit in the system sans-serif, as a share of the font size.
DIGIT_WIDTH = 0.62

# The two drawings of a chart: the wide one for desktops and tablets, the narrow one
# (half the units, larger text) for phones, where it is shown about 290-360 pixels wide.
LAYOUTS = {
    "wide": {"width": 720, "height": 320, "font_size": 12},
    "narrow": {"width": 360, "height": 300, "font_size": 15},
}


def stacked_bar_chart(
    counts, categories, series, width=720, height=320, font_size=12, layout="wide"
):
    """Lay out a stacked bar chart.

    counts: {(category, series_key): number}; categories: ordered category labels;
    series: ordered (key, label) pairs. `font_size` is in the drawing's units; labels that
    would overlap at that size are thinned to every n-th bar.
    """
    plot_top, plot_bottom, left, right = 16, height - 40, 40, width - 8
    totals = {c: sum(counts.get((c, key), 0) for key, _l in series) for c in categories}
    top, step = nice_ceiling(max(totals.values(), default=0) or 1)
    scale = (plot_bottom - plot_top) / top
    slot = (right - left) / max(len(categories), 1)
    bar_width = max(min(slot * 0.7, 48), 2)
    used = [key for key, _l in series if any(counts.get((c, key)) for c in categories)]
    colours = {key: PALETTE[i % len(PALETTE)] for i, (key, _l) in enumerate(series)}
    labels = dict(series)
    widest = max((len(str(c)) for c in categories), default=1)
    # A label needs its width and half an em of space before the next one.
    label_every = max(math.ceil((widest * DIGIT_WIDTH + 0.5) * font_size / slot), 1)
    bars = []
    for index, category in enumerate(categories):
        x = left + slot * index + (slot - bar_width) / 2
        bar = Bar(
            label=str(category),
            total=totals[category],
            x=round(x, 1),
            center=round(x + bar_width / 2, 1),
            # Counted from the last bar, so the latest year is always named.
            show_label=(len(categories) - 1 - index) % label_every == 0,
        )
        y = plot_bottom
        for key in used:
            value = counts.get((category, key), 0)
            if not value:
                continue
            h = value * scale
            y -= h
            bar.segments.append(
                Segment(key, labels[key], value, round(y, 1), round(h, 1), colours[key])
            )
        bars.append(bar)
    ticks = [(n, round(plot_bottom - n * scale, 1)) for n in range(0, top + 1, step)]
    return StackedBarChart(
        bars=bars,
        legend=[(labels[key], colours[key]) for key in used],
        width=width,
        height=height,
        bar_width=round(bar_width, 1),
        plot_top=plot_top,
        plot_bottom=plot_bottom,
        ticks=ticks,
        series_labels=[(key, labels[key]) for key in used],
        font_size=font_size,
        layout=layout,
    )


def chart_layouts(counts, categories, series):
    """The chart drawn in every layout of LAYOUTS, wide first: the template draws each and
    the stylesheet shows the one that fits the screen."""
    return [
        stacked_bar_chart(counts, categories, series, layout=name, **sizes)
        for name, sizes in LAYOUTS.items()
    ]
