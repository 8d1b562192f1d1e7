"""Indicators the decree defines from other Annex 1 data, computed by us (never taken from a cached
formula result in the workbook).

Which derivations exist, and from which series, comes from the catalog (``IndicatorDef.derivation``,
see :class:`hep_xl.catalog.DerivationDef`):

* ``previous_year_percent`` (2): base(year) / base(year − 1) × 100 (1, resident population);
* ``ageing_index`` (4): sum of the numerator series / sum of the denominator series × 100 (the
  65-X and 0-14 shares of 3);
* ``ratio_percent`` (8, 28, 29): each series' numerator / denominator row × 100;
* ``complement_percent`` (16): 100 − each series' complement row.

Results are rounded to two decimals, as the workbook shows them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .catalog import Catalog, DerivationDef, IndicatorDef, SeriesDef
from .model import NO_DATA, IndicatorValue, normalize_number

DECIMALS = 2


@dataclass(frozen=True)
class Derivation:
    target: str  # series id
    inputs: tuple[str, ...]  # series ids read
    formula: str  # Hungarian, from the catalog
    compute: Callable[[Callable[[str, int], IndicatorValue | None], int], IndicatorValue | None | str]
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


def _definition(ind: IndicatorDef) -> DerivationDef:
    if ind.derivation is None:  # derivations() asks only indicators that have one
        raise ValueError(f"indicator {ind.number} has no derivation")
    return ind.derivation


def _component(ind: IndicatorDef, series_id: str, role: str) -> SeriesDef:
    c = ind.component(series_id, role)
    if c is None:  # the catalog's loader checks that every derived series has its components
        raise ValueError(f"series {series_id}: no {role} component")
    return c


def _previous_year(ind: IndicatorDef) -> list[Derivation]:
    d = _definition(ind)
    if d.base is None:
        raise ValueError(f"indicator {ind.number}: a previous-year percentage needs a base")
    base = d.base

    def compute(get, year, _b=base):
        return _ratio(get(_b, year), get(_b, year - 1), "az előző évi érték")

    return [Derivation(ind.series[0].id, (base,), d.formula, compute, previous_year_of=base)]


def _ageing(ind: IndicatorDef) -> list[Derivation]:
    d = _definition(ind)

    def compute(get, year):
        return _ratio(_sum([get(s, year) for s in d.numerator]), _sum([get(s, year) for s in d.denominator]),
                      "az öregedési index (0–14 évesek aránya)")

    return [Derivation(ind.series[0].id, d.numerator + d.denominator, d.formula, compute)]


def _ratios(ind: IndicatorDef) -> list[Derivation]:
    out = []
    for s in ind.series:
        num, den = _component(ind, s.id, "numerator").id, _component(ind, s.id, "denominator").id

        def compute(get, year, _n=num, _d=den, _name=s.name):
            return _ratio(get(_n, year), get(_d, year), f"„{_name}”")

        out.append(Derivation(s.id, (num, den), _definition(ind).formula, compute))
    return out


def _complements(ind: IndicatorDef) -> list[Derivation]:
    out = []
    for s in ind.series:
        base = _component(ind, s.id, "complement").id

        def compute(get, year, _b=base):
            v = get(_b, year)
            if v is None or v is NO_DATA:
                return v
            return _round(100 - v)

        out.append(Derivation(s.id, (base,), _definition(ind).formula, compute))
    return out


_BY_KIND = {"previous_year_percent": _previous_year, "ageing_index": _ageing, "ratio_percent": _ratios,
            "complement_percent": _complements}


def derivations(cat: Catalog) -> list[Derivation]:
    """Every derivation the catalog defines, in the decree's order."""
    return [d for ind in cat.indicators if ind.derivation for d in _BY_KIND[ind.derivation.kind](ind)]
