"""Comparisons across the settlements of an overview: each key indicator's latest value against the
median and quartiles of the set (pandas; the ``hep_xl[overview]`` extra).

Quartiles are pandas' default (linear interpolation between the closest ranks), the method of
Excel's QUARTILE.INC and MEDIAN, so a mentor who recomputes them in ``attekintes.xlsx`` gets the
same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..catalog import KeyIndicator
from .entry import Entry

BANDS = {"low": "alsó negyed", "middle": "középmezőny", "high": "felső negyed"}


class OverviewUnavailable(RuntimeError):
    """The optional dependencies of the overview are not installed (Hungarian message)."""


def require_extra():
    """Import what the overview needs beyond the base install, or say how to install it."""
    try:
        import jinja2  # noqa: F401
        import pandas
    except ImportError as exc:
        raise OverviewUnavailable(
            f"az áttekintéshez hiányzik a(z) {exc.name} csomag; telepítse: pip install \"hep_xl[overview]\"") from None
    return pandas


@dataclass(frozen=True)
class KeyStats:
    id: str
    label: str
    unit: str
    n: int  # settlements with a value
    minimum: float | None
    q1: float | None
    median: float | None
    q3: float | None
    maximum: float | None
    years: tuple[int, ...]  # the years the latest values are from (more than one: say so)


@dataclass(frozen=True)
class Position:
    value: float
    year: int
    rank: int  # 1 = the highest value in the set
    n: int
    band: str  # key of BANDS

    @property
    def band_label(self) -> str:
        return BANDS[self.band]


@dataclass
class Comparison:
    stats: list[KeyStats]
    positions: list[dict[str, Position]]  # per entry (same order as the entries): key id -> position

    def stat(self, key_id: str) -> KeyStats:
        return next(s for s in self.stats if s.id == key_id)


def compare(entries: list[Entry], keys: tuple[KeyIndicator, ...]) -> Comparison:
    pd = require_extra()
    latest = [{k.id: e.key(k.id).latest if e.key(k.id) else None for k in keys} for e in entries]
    values = pd.DataFrame([{k: (v[1] if v else None) for k, v in row.items()} for row in latest],
                          columns=[k.id for k in keys], dtype="float64")
    quart = values.quantile([0.0, 0.25, 0.5, 0.75, 1.0])
    counts = values.count()
    ranks = values.rank(ascending=False, method="min")
    stats = []
    for k in keys:
        unit = next((s.unit for e in entries if (s := e.key(k.id))), "")
        n = int(counts[k.id])
        q = [None if n == 0 else float(quart.loc[p, k.id]) for p in (0.0, 0.25, 0.5, 0.75, 1.0)]
        years = tuple(sorted({row[k.id][0] for row in latest if row[k.id]}))
        stats.append(KeyStats(k.id, k.label, unit, n, *q, years))
    positions = []
    for i, row in enumerate(latest):
        pos = {}
        for s in stats:
            if row[s.id] is None:
                continue
            year, value = row[s.id]
            band = "low" if value < s.q1 else "high" if value > s.q3 else "middle"
            pos[s.id] = Position(value, year, int(ranks.loc[i, s.id]), s.n, band)
        positions.append(pos)
    return Comparison(stats, positions)
