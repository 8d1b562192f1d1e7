"""Indicators the decree defines from other Annex 1 data, computed by us (never taken from a cached
formula result in the workbook).

Which derivations exist comes from the catalog: an indicator with a ``derivation`` entry names its
``kind`` and ``formula``. The kinds understood here:

* ``previous_year_percent`` (2): value(year) / value(year − 1) × 100 of the base series, the
  single-series count indicator just before it that the formula names (1, resident population);
* ``ageing_index`` (4): (65-X shares of both sexes) / (0-14 shares of both sexes) × 100, from the
  indicator the formula names ("a 3. mutató adataiból");
* ``ratio_percent`` (8, 28, 29, and any other indicator whose series have a numerator and a
  denominator row): numerator / denominator × 100.

Results are rounded to two decimals, as the workbook shows them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from ..catalog import Catalog, IndicatorDef
from ..model import NO_DATA, IndicatorValue, normalize_number
from .text import loose_key

DECIMALS = 2


@dataclass(frozen=True)
class Derivation:
    target: str  # series id
    inputs: tuple[str, ...]  # series ids read
    formula: str  # Hungarian, from the catalog
    compute: Callable[[Callable[[str, int], IndicatorValue | None], int], "IndicatorValue | None | str"]
    previous_year_of: str | None = None  # the input also read for year − 1 (derivation of 2)


class DerivationError(ValueError):
    """Inputs exist but the value cannot be computed (e.g. a zero denominator); Hungarian message."""


def _round(x: float) -> int | float:
    return normalize_number(round(x, DECIMALS))


def _ratio(num: IndicatorValue | None, den: IndicatorValue | None, what: str) -> IndicatorValue | None:
    if num is None or den is None:
        return None
    if num is NO_DATA or den is NO_DATA:
        return NO_DATA
    if den == 0:
        raise DerivationError(f"nem számítható: {what} nevezője 0")
    return _round(num / den * 100)


def _sum(values) -> IndicatorValue | None:
    if any(v is None for v in values):
        return None
    if any(v is NO_DATA for v in values):
        return NO_DATA
    return sum(values)


def _previous_year(cat: Catalog, ind: IndicatorDef) -> Derivation | None:
    formula = ind.derivation["formula"]
    first_word = loose_key(formula).split("(")[0].split()[0]
    for n in range(ind.number - 1, 0, -1):
        base = cat.indicator_by_number[n]
        if len(base.series) == 1 and base.series[0].kind == "count" and loose_key(base.name).startswith(first_word):
            base_id = base.series[0].id

            def compute(get, year, _b=base_id, _name=base.name):
                return _ratio(get(_b, year), get(_b, year - 1), f"a(z) „{_name}” előző évi értéke")

            return Derivation(ind.series[0].id, (base_id,), formula, compute, previous_year_of=base_id)
    return None


def _ageing(cat: Catalog, ind: IndicatorDef) -> Derivation | None:
    formula = ind.derivation["formula"]
    m = re.search(r"\b(\d+)\.\s*mutató", formula)
    source = cat.indicator_by_number.get(int(m.group(1))) if m else None
    if source is None:
        return None
    old = tuple(s.id for s in source.series if "65-x" in s.name.casefold() and s.kind == "percent")
    young = tuple(s.id for s in source.series if "0-14" in s.name and s.kind == "percent")
    if len(old) != 2 or len(young) != 2:
        return None

    def compute(get, year):
        return _ratio(_sum([get(s, year) for s in old]), _sum([get(s, year) for s in young]),
                      "az öregedési index (0–14 évesek aránya)")

    return Derivation(ind.series[0].id, old + young, formula, compute)


def _ratios(cat: Catalog, ind: IndicatorDef) -> list[Derivation]:
    out = []
    formula = ind.derivation["formula"]
    for s in ind.series:
        num = next((c.id for c in ind.components if c.of == s.id and c.role == "numerator"), None)
        den = next((c.id for c in ind.components if c.of == s.id and c.role == "denominator"), None)
        if num and den:
            def compute(get, year, _n=num, _d=den, _name=s.name):
                return _ratio(get(_n, year), get(_d, year), f"„{_name}”")

            out.append(Derivation(s.id, (num, den), formula, compute))
    return out


def derivations(cat: Catalog) -> list[Derivation]:
    """Every derivation the catalog defines, in the decree's order."""
    out: list[Derivation] = []
    for ind in cat.indicators:
        kind = (ind.derivation or {}).get("kind")
        if kind == "previous_year_percent":
            d = _previous_year(cat, ind)
            out.extend([d] if d else [])
        elif kind == "ageing_index":
            d = _ageing(cat, ind)
            out.extend([d] if d else [])
        elif kind == "ratio_percent" or (ind.components and not kind):
            out.extend(_ratios(cat, ind))
    return out
