"""Charts people would rather look at than read, drawn on the server as HTML and SVG.

Why no charting library: the portal's Content-Security-Policy allows no inline script or
style, and a chart must work without JavaScript, be read by a screen reader and stay legible
on a 375-pixel phone. Canvas libraries (Chart.js and the like) draw pixels a screen reader
cannot read and need script; SVG generators such as pygal write `<style>` and `<script>`
into the SVG, which the policy refuses. So a chart here is HTML whose words stay words
(category, series, value: legible at any width) and whose bars are bare SVG rectangles sized
by attributes, not styles. Every chart is a `role="img"` figure named by its title and a
one-sentence summary, its data table follows it, and its series are told apart by their
names and printed values, never by colour alone (colour repeats the name, and the bars of
each series have a pattern of their own).
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    series: str
    series_index: int  # which pattern it is drawn with
    value: float | None
    shown: str  # the value in words: "£1,234", "Not given"
    x: float  # 0 … 100: where the bar starts, in percent of the plot
    width: float  # 0 … 100
    highlight: bool = False
    areas: int | None = None  # for a figure across areas: how many it adds up


@dataclass(frozen=True)
class BarGroup:
    label: str
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class BarChart:
    id: str
    title: str
    summary: str
    series: tuple[str, ...]
    groups: tuple[BarGroup, ...]
    zero: float  # where zero is, 0 … 100 (above 0 when some values are negative)
    table_caption: str = ""
    download: str = ""  # the URL of its CSV


def _scale(values: Sequence[float]) -> tuple[float, float]:
    low = min([0.0, *values])
    high = max([0.0, *values])
    return low, (high - low) or 1.0


def bar_chart(
    *, id: str, title: str, summary: str, categories: Sequence[str],
    series: dict[str, Sequence[float | None]], shown: Callable[[float], str],
    highlight: str | None = None, download: str = "",
    answered: dict[str, Sequence[int | None]] | None = None,
) -> BarChart:  # fmt: skip
    """Categories (quarters, areas) down the page, a bar per series in each, bars across:
    `series` maps a series' name to its value in each category (None: not given).
    `answered`, for figures across areas: how many areas each bar adds up, said beside it,
    so that £0 from 87 areas is never read as a figure nobody gave."""
    series = {name: [None if v is None else float(v) for v in values]
              for name, values in series.items()}  # fmt: skip
    given = [v for values in series.values() for v in values if v is not None]
    low, span = _scale(given)
    zero = -low / span * 100
    groups = []
    for c, category in enumerate(categories):
        bars = []
        for s, (name, values) in enumerate(series.items()):
            value = values[c]
            areas = answered[name][c] if answered else None
            if value is None:
                bars.append(Bar(name, s, None, "No area answered" if areas == 0 else "Not given",
                                zero, 0, areas=areas))  # fmt: skip
                continue
            start = zero + min(0.0, value) / span * 100
            text = (
                shown(value)
                if areas is None
                else f"{shown(value)} ({areas} area{'s' * (areas != 1)})"
            )
            width = round(abs(value) / span * 100, 3)
            bars.append(Bar(name, s, value, text, round(start, 3), width, category == highlight,
                            areas))  # fmt: skip
        groups.append(BarGroup(category, tuple(bars)))
    return BarChart(id, title, summary, tuple(series), tuple(groups), round(zero, 3),
                    download=download)  # fmt: skip


@dataclass(frozen=True)
class Strip:
    """Many values side by side (every area), smallest first, one of them picked out."""

    id: str
    title: str
    summary: str
    bars: tuple[tuple[str, float, float, float, bool], ...]  # label, value, y, height, picked
    zero: float  # 0 … 100 from the top
    low: str
    high: str
    count: int
    download: str = ""


def strip_chart(
    *, id: str, title: str, summary: str, values: Iterable[tuple[str, float]],
    shown: Callable[[float], str], highlight: str | None = None, download: str = "",
) -> Strip:  # fmt: skip
    """A column per (label, value), in order of value; above the line positive, below
    negative. Labels may repeat ("Another area"): only `highlight`'s should be unique."""
    ordered = sorted(values, key=lambda pair: (pair[1], pair[0]))
    low, span = _scale([v for _, v in ordered])
    top = low + span  # the largest value (or 0)
    zero = top / span * 100  # from the top
    bars = tuple(
        (label, value, round((top - max(value, 0.0)) / span * 100, 3),
         round(abs(value) / span * 100, 3), label == highlight)
        for label, value in ordered
    )  # fmt: skip
    return Strip(id, title, summary, bars, round(zero, 3),
                 shown(low) if ordered else "", shown(top) if ordered else "",
                 len(ordered), download)  # fmt: skip
