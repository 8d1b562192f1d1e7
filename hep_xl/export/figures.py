"""The charts of a HEP: the catalog's ``charts`` list (``charts.json``, not the decree's) drawn from
the model's Annex 1 series with matplotlib (Agg backend), Hungarian labels and number format.

Two steps, so that a test, the Word document and a later report (the implementation report of the
programme's life after adoption) share them:

* :func:`chart_data` — what one chart shows: the years, each series' values (``None`` where a year
  has no number), its legend label, unit and the Annex 1 indicators it comes from. Pure data.
* :func:`draw` / :func:`render_png` — the picture, on matplotlib's Agg canvas. matplotlib is
  imported only here, on first use, so the CLI and the library's other paths do not pay for it.

Drawing is done with a handful of primitives on one reused figure (no axis, tick or legend
machinery: those cost more than the chart itself), which keeps a chart at a few milliseconds.
"""

from __future__ import annotations

import io
import math
import textwrap
from dataclasses import dataclass
from functools import lru_cache

from ..catalog import Catalog, ChartDef, load_catalog
from ..model import Hep
from .hungarian import format_number

# A4 portrait text width (16 cm) and a height that leaves room for the text around it
WIDTH_CM, HEIGHT_CM = 16.0, 6.2
DPI = 150
FONT_SIZE = 7.5
# print-safe: different in colour and in lightness, and line markers that survive grey printing
COLORS = ("#1F4E79", "#C55A11", "#548235", "#7F7F7F", "#7030A0")
MARKERS = tuple("os^Dv")  # circle, square, triangle, diamond, triangle down
GRID = "#D0D0D0"
TEXT = "#262626"
_LEGEND_WRAP = 26  # characters per legend line
# the plot area (figure fractions: left, bottom, width, height), with and without a legend column
_PLOT_WITH_LEGEND = (0.085, 0.12, 0.62, 0.78)
_PLOT_ALONE = (0.085, 0.12, 0.895, 0.78)
_LINE = FONT_SIZE * 1.15 / (HEIGHT_CM / 2.54 * 72)  # one legend line, as a fraction of the height


@dataclass(frozen=True)
class ChartSeries:
    label: str
    values: tuple[float | None, ...]  # one per year of the chart; None: no number for that year


@dataclass(frozen=True)
class ChartData:
    """One chart as data: what :func:`draw` draws and what a caption or a test reads."""

    id: str
    kind: str  # "line" | "bar"
    title: str
    unit: str
    years: tuple[int, ...]
    series: tuple[ChartSeries, ...]
    indicators: tuple[int, ...]  # the Annex 1 indicator numbers the series come from
    section: str  # the Annex 2 item the chart illustrates

    @property
    def values(self) -> list[float]:
        return [v for s in self.series for v in s.values if v is not None]


def _number(value) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None  # NO_DATA or missing
    return float(value) if math.isfinite(value) else None


def chart_data(hep: Hep, chart: ChartDef, catalog: Catalog | None = None) -> ChartData | None:
    """The data of ``chart`` in ``hep``; None when no series has a number (nothing to draw)."""
    cat = catalog or load_catalog(hep.catalog_version)
    years = tuple(sorted(hep.years))
    series = []
    for i, sid in enumerate(chart.series):
        found = hep.indicators.get(sid)
        values = tuple(_number(found.values.get(y)) if found else None for y in years)
        label = chart.labels[i] if i < len(chart.labels) and chart.labels[i] else cat.series_by_id[sid].name
        series.append(ChartSeries(label, values))
    if not any(v is not None for s in series for v in s.values):
        return None
    indicators = tuple(dict.fromkeys(cat.series_by_id[sid].indicator_number for sid in chart.series))
    unit = cat.series_by_id[chart.series[0]].unit
    return ChartData(chart.id, chart.kind, chart.title, unit, years, tuple(series), indicators, chart.section)


def charts_of(hep: Hep, catalog: Catalog | None = None) -> list[ChartData]:
    """Every chart of the catalog that has something to show, in the catalog's order."""
    cat = catalog or load_catalog(hep.catalog_version)
    return [d for c in cat.charts if (d := chart_data(hep, c, cat)) is not None]


# -- the monitoring's charts (the implementation report) -----------------------------------------------

def report_years(hep: Hep, up_to: int | None = None) -> tuple[int, ...]:
    """The programme's years the monitoring speaks of, up to ``up_to``: from the first year of the
    period (or of the records) to the last year recorded."""
    years = sorted({r.year for r in hep.progress if r.year is not None and (up_to is None or r.year <= up_to)})
    if not years:
        return ()
    first = hep.settlement.period_start if hep.settlement.period_start is not None else years[0]
    return tuple(range(min(first, years[0]), years[-1] + 1))


def status_chart(hep: Hep, group_id: str, up_to: int | None = None, catalog: Catalog | None = None
                 ) -> ChartData | None:
    """How many of a target group's measures were in each status, year by year (bars; one series per
    status of the catalog's list that occurs); None when the group has no monitoring record."""
    cat = catalog or load_catalog(hep.catalog_version)
    years = report_years(hep, up_to)
    numbers = {getattr(m, cat.column_of("sequence").id) for m in hep.measures_of(group_id)}
    counts: dict[str, dict[int, int]] = {}
    for r in hep.progress:
        status = cat.status_of(r.status)
        if r.group != group_id or r.measure_number not in numbers or status is None or r.year not in years:
            continue
        counts.setdefault(status.name, {}).setdefault(r.year, 0)
        counts[status.name][r.year] += 1
    if not counts:
        return None
    series = tuple(ChartSeries(v.name, tuple(float(counts[v.name].get(y, 0)) for y in years))
                   for v in cat.monitoring_statuses if v.name in counts)
    group = cat.target_group_by_id[group_id]
    return ChartData(f"status-{group_id}", "bar", f"{group.id}. {group.short_name}: az intézkedések állapota évenként",
                     "intézkedés (db)", years, series, (), group_id)


def progress_chart(hep: Hep, measure, up_to: int | None = None, catalog: Catalog | None = None
                   ) -> ChartData | None:
    """A measure's target and value reached, year by year (lines); None unless some year has both a
    numeric target and a value reached."""
    cat = catalog or load_catalog(hep.catalog_version)
    number = getattr(measure, cat.column_of("sequence").id)
    rows = {r.year: r for r in hep.progress_of(measure.target_group, number)}
    years = report_years(hep, up_to)
    if not any(y in rows and _number(rows[y].target) is not None and _number(rows[y].reached) is not None
               for y in years):
        return None
    label = f"{measure.target_group}/{number}"
    series = (ChartSeries("Célérték", tuple(_number(rows[y].target) if y in rows else None for y in years)),
              ChartSeries("Elért érték", tuple(_number(rows[y].reached) if y in rows else None for y in years)))
    title = f"{label}. {getattr(measure, cat.column_of('name').id)}: a célérték és az elért érték"
    return ChartData(f"progress-{label}", "line", title, "érték", years, series, (), label)


# -- drawing ------------------------------------------------------------------------------------------

def _ticks(lo: float, hi: float, zero: bool) -> list[float]:
    """Three to six round values covering [lo, hi] (from 0 for bars)."""
    from matplotlib.ticker import MaxNLocator

    if zero:
        lo = min(lo, 0.0)
        hi = max(hi, 0.0)
    if hi == lo:
        hi, lo = hi + (abs(hi) or 1) * 0.5, lo - (abs(lo) or 1) * 0.5 if not zero else lo
    ticks = [float(t) for t in MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10], min_n_ticks=3).tick_values(lo, hi)]
    return [t for t in ticks if ticks[0] <= t <= ticks[-1]]


@lru_cache(maxsize=1)
def _font() -> str:
    """Arial's metric twin where the machine has it (the document's face), else matplotlib's own."""
    from matplotlib import font_manager

    names = {f.name for f in font_manager.fontManager.ttflist}
    return next((n for n in ("Liberation Sans", "Arial", "Arimo") if n in names), "DejaVu Sans")


class _Canvas:
    """One figure and canvas, reused for every chart of a process (creating them is most of the
    cost of a small chart)."""

    def __init__(self):
        # the Agg canvas itself, without pyplot: no global backend is chosen or switched, so a
        # process that also uses pyplot (xlwings imports it) keeps its own
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        self.fig = Figure(figsize=(WIDTH_CM / 2.54, HEIGHT_CM / 2.54), dpi=DPI, facecolor="white")
        self.canvas = FigureCanvasAgg(self.fig)
        self.ax = self.fig.add_axes(_PLOT_WITH_LEGEND)
        self.ax.set_axis_off()
        self.font = {"family": _font(), "size": FONT_SIZE, "color": TEXT}

    def clear(self) -> None:
        for artist in [*self.ax.lines, *self.ax.collections, *self.ax.texts, *self.ax.patches, *self.fig.texts]:
            artist.remove()
        self.fig.lines.clear()


_CANVAS: _Canvas | None = None


def _canvas() -> _Canvas:
    global _CANVAS
    if _CANVAS is None:
        _CANVAS = _Canvas()
    return _CANVAS


def _tick_label(value: float, step: float) -> str:
    decimals = 0 if float(step).is_integer() else min(3, max(0, -math.floor(math.log10(step)) + 1))
    return format_number(round(value, decimals) if decimals else int(round(value)))


def draw(data: ChartData):
    """The chart of ``data`` on the shared figure, returned (valid until the next call)."""
    from matplotlib.collections import LineCollection, PolyCollection
    from matplotlib.lines import Line2D

    c = _canvas()
    c.clear()
    ax, fig, font = c.ax, c.fig, c.font
    n, k = len(data.years), len(data.series)
    values = data.values
    ticks = _ticks(min(values), max(values), zero=data.kind == "bar")
    left, right = -0.6, n - 0.4
    ax.set_xlim(left, right)
    ax.set_ylim(ticks[0], ticks[-1])
    ax.add_collection(LineCollection([[(left, t), (right, t)] for t in ticks], colors=GRID, linewidths=0.6))
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
    for t in ticks:
        ax.text(left - 0.08, t, _tick_label(t, step), ha="right", va="center", fontdict=font)
    for i, y in enumerate(data.years):
        ax.text(i, ticks[0] - (ticks[-1] - ticks[0]) * 0.035, str(y), ha="center", va="top", fontdict=font)
    legend = k > 1  # a single series is named by the caption
    ax.set_position(_PLOT_WITH_LEGEND if legend else _PLOT_ALONE)
    fig.text(0.01, 0.985, data.unit, ha="left", va="top", fontdict={**font, "style": "italic"})
    width = 0.8 / k
    for j, s in enumerate(data.series):
        color = COLORS[j % len(COLORS)]
        if data.kind == "line":
            ys = [math.nan if v is None else v for v in s.values]
            ax.add_line(Line2D(range(n), ys, color=color, linewidth=1.6, marker=MARKERS[j % len(MARKERS)],
                               markersize=3.6, markerfacecolor=color, markeredgewidth=0))
        else:
            x0 = -0.4 + j * width
            bars = [[(i + x0, 0), (i + x0 + width * 0.92, 0), (i + x0 + width * 0.92, v), (i + x0, v)]
                    for i, v in enumerate(s.values) if v is not None]
            ax.add_collection(PolyCollection(bars, facecolors=color, edgecolors="none"))
    if data.kind == "bar":
        ax.add_line(Line2D([left, right], [0, 0], color="#808080", linewidth=0.8))
    # the legend: one entry per series, in a column to the right of the plot
    top = 0.88
    for j, s in enumerate(data.series if legend else ()):
        color = COLORS[j % len(COLORS)]
        lines = textwrap.wrap(s.label, _LEGEND_WRAP) or [""]
        fig.lines.append(Line2D([0.725, 0.755], [top, top], transform=fig.transFigure, figure=fig, color=color,
                                linewidth=1.6 if data.kind == "line" else 6,
                                marker=MARKERS[j % len(MARKERS)] if data.kind == "line" else None,
                                markersize=3.6, markevery=[1], markeredgewidth=0))
        fig.text(0.765, top + _LINE / 2, "\n".join(lines), va="top", fontdict=font, linespacing=1.15)
        top -= _LINE * len(lines) + 0.06
    return fig


def png_of(fig) -> bytes:
    """A drawn figure as an RGB PNG (no timestamp or software tag: the same figure, the same bytes):
    rendered once by the Agg canvas, encoded by :func:`encode_png`."""
    fig.canvas.draw()
    return encode_png(fig)


def encode_png(fig) -> bytes:
    """The figure's last rendering as PNG, encoded by Pillow with fast compression (the .docx
    package compresses again)."""
    from PIL import Image

    rgba = fig.canvas.buffer_rgba()
    image = Image.frombuffer("RGBA", (rgba.shape[1], rgba.shape[0]), rgba, "raw", "RGBA", 0, 1).convert("RGB")
    buf = io.BytesIO()
    image.save(buf, "PNG", compress_level=1)
    return buf.getvalue()


@lru_cache(maxsize=32)
def render_png(data: ChartData) -> bytes:
    """The chart as a PNG image (deterministic: the same data give the same bytes, so a chart drawn
    once in a process — the same workbook converted again — is not drawn twice)."""
    return png_of(draw(data))


def size_emu(data: ChartData | None = None) -> tuple[int, int]:
    """The picture's size in the document (EMU: 914 400 per inch)."""
    return int(WIDTH_CM / 2.54 * 914400), int(HEIGHT_CM / 2.54 * 914400)


__all__ = ["ChartData", "ChartSeries", "chart_data", "charts_of", "status_chart", "progress_chart", "report_years",
           "draw", "png_of", "encode_png", "render_png", "size_emu"]
