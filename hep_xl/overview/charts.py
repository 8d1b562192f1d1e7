"""Geometry of the overview's small charts; the templates draw them as inline SVG.

Inline SVG needs no script and no library in the browser, prints sharp, and costs a few
microseconds per chart, so 500 settlement pages stay quick to write. Every chart has a text
equivalent beside it (a table of the same numbers); the SVG carries a title for screen readers.
"""

from __future__ import annotations

from dataclasses import dataclass

from .compare import KeyStats, Position
from .entry import KeySeries


@dataclass(frozen=True)
class Scale:
    lo: float
    hi: float
    start: float  # pixels
    end: float

    def __call__(self, v: float) -> float:
        if self.hi == self.lo:
            return round((self.start + self.end) / 2, 1)
        return round(self.start + (v - self.lo) / (self.hi - self.lo) * (self.end - self.start), 1)


def _range(values: list[float]) -> tuple[float, float]:
    lo, hi = min(values), max(values)
    pad = (hi - lo) * 0.08 or abs(hi) * 0.05 or 1.0
    return lo - pad, hi + pad


@dataclass(frozen=True)
class Sparkline:
    width: int
    height: int
    points: list[tuple[float, float]]  # (x, y) of the years with a value
    segments: list[list[tuple[float, float]]]  # runs of consecutive years, drawn as lines
    band: tuple[float, float] | None  # y of the set's Q3 and Q1 (latest values)
    median: float | None  # y of the set's median
    first_year: int
    last_year: int
    lo: float
    hi: float


def sparkline(series: KeySeries, stats: KeyStats | None, width: int = 240, height: int = 72) -> Sparkline | None:
    """A settlement's series over the years, over the band between the set's quartiles."""
    known = [(y, v) for y, v in series.points if v is not None]
    if not known:
        return None
    span = [v for _, v in known]
    if stats and stats.n:
        span += [stats.q1, stats.q3, stats.median]
    lo, hi = _range(span)
    years = [y for y, _ in series.points]
    x = Scale(years[0], years[-1], 8, width - 8)
    y = Scale(lo, hi, height - 6, 6)
    segments, run = [], []
    for year, v in series.points:
        if v is None:
            if run:
                segments.append(run)
            run = []
        else:
            run.append((x(year), y(v)))
    if run:
        segments.append(run)
    band = (y(stats.q3), y(stats.q1)) if stats and stats.n else None
    return Sparkline(width, height, [(x(yr), y(v)) for yr, v in known], segments, band,
                     y(stats.median) if stats and stats.n else None, years[0], years[-1], lo, hi)


@dataclass(frozen=True)
class Strip:
    """Where one value sits among the set: whisker min–max, box Q1–Q3, median tick, the value."""

    width: int
    height: int
    minimum: float
    q1: float
    median: float
    q3: float
    maximum: float
    value: float


def strip(pos: Position, stats: KeyStats, width: int = 240, height: int = 26) -> Strip:
    x = Scale(*_range([stats.minimum, stats.maximum]), 6, width - 6)
    return Strip(width, height, x(stats.minimum), x(stats.q1), x(stats.median), x(stats.q3), x(stats.maximum),
                 x(pos.value))


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    w: float
    h: float
    label: str  # settlement name (tooltip)
    value: float
    band: str


@dataclass(frozen=True)
class Ranking:
    width: int
    height: int
    bars: list[Bar]
    lines: list[tuple[str, float, float, float]]  # (label, value, y, y of the label) for Q1, median, Q3
    names: bool  # few enough settlements to write each name under its bar
    plot_right: float  # x where the plot ends and the line labels begin
    zero: float  # y of the zero line
    top: float
    bottom: float
    lo: float
    hi: float


NAMED_BARS = 40  # up to this many settlements, each bar is labelled with the settlement's name


def ranking(named_values: list[tuple[str, float, str]], stats: KeyStats, width: int = 760,
            height: int = 220) -> Ranking | None:
    """Every settlement's latest value as a bar, smallest to largest, with the quartile lines."""
    if not named_values:
        return None
    vals = [v for _, v, _ in named_values]
    lo, hi = _range(vals + [0.0])
    names = len(named_values) <= NAMED_BARS
    if names:
        height += 90
    top, bottom, left, right = 10.0, height - (100.0 if names else 10.0), 4.0, width - 170.0
    y = Scale(lo, hi, bottom, top)
    step = (right - left) / len(named_values)
    gap = step * 0.15 if step > 3 else 0.0
    zero = y(0.0)
    bars = []
    for k, (name, v, band) in enumerate(sorted(named_values, key=lambda t: t[1])):
        yy = y(v)
        bars.append(Bar(round(left + k * step + gap / 2, 2), min(yy, zero), round(max(step - gap, 0.5), 2),
                        max(abs(zero - yy), 0.8), name, v, band))
    lines, last = [], None
    for label, v in (("alsó kvartilis", stats.q1), ("medián", stats.median), ("felső kvartilis", stats.q3)):
        at = y(v) + 4
        if last is not None and at > last - 13:  # labels from the bottom up, never on top of each other
            at = last - 13
        lines.append((label, v, y(v), round(at, 1)))
        last = at
    return Ranking(width, height, bars, lines, names, right, zero, top, bottom, lo, hi)
