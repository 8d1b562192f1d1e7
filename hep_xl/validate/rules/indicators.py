"""Annex 1 (1. Mutatók): five-year completeness with listed data gaps, plausibility of values, and
consistency between indicators (derivations, share sums and containment pairs: all catalog data)."""

from __future__ import annotations

from ...catalog import IndicatorDef, SeriesDef
from ...derive import DerivationError, derivations
from ...model import NO_DATA
from ..registry import Context, hit, rule
from ._util import cell_name, fmt_num, is_number

# What the share-sum rules add up, what the derivation rules compare (hep_xl.derive) and which
# counts contain each other all come from the catalog; a rule whose data the catalog lacks is skipped.
JUMP_KINDS = ("count", "percent", "percent_open", "index")


def window(ctx: Context) -> list[int]:
    """The years every annual series needs: ``min_history_years`` years ending with the last closed
    year (the last year column of the workbook)."""
    years = ctx.hep.years
    if not years:
        return []
    n = ctx.catalog.min_history_years
    return list(range(years[-1] - n + 1, years[-1] + 1))


def census_year(ctx: Context) -> int | None:
    years = set(ctx.hep.years)
    inside = [y for y in ctx.catalog.census_years if y in years]
    return max(inside) if inside else None


def series_status(ctx: Context, sd: SeriesDef, ind: IndicatorDef) -> dict:
    """What one series lacks: ``missing`` years (blank), ``no_data`` years (stated), and the years
    needed. Cached per context; shared by the completeness rules and the score."""
    cache = ctx.cache.setdefault("series_status", {})
    if sd.id in cache:
        return cache[sd.id]
    series = ctx.hep.indicators.get(sd.id)
    values = series.values if series else {}
    note = series.note.strip() if series else ""
    census = ind.is_census
    if census:
        cy = census_year(ctx)
        if cy is not None:
            needed = [cy]
        elif any(is_number(v) for v in values.values()):
            needed = []
        else:  # no census year among the columns: a stated gap with a note is accepted
            stated = [y for y, v in values.items() if v is NO_DATA]
            needed = stated[:1] or ctx.hep.years[-1:]
    else:
        needed = [y for y in window(ctx) if y in set(ctx.hep.years)]
    missing = [y for y in needed if y not in values]
    no_data = [y for y in needed if values.get(y) is NO_DATA]
    out = {"needed": needed, "missing": missing, "no_data": no_data, "note": note, "census": census,
           "complete": not missing and (not no_data or bool(note))}
    cache[sd.id] = out
    return out


def _rows(ctx: Context):
    for ind in ctx.catalog.indicators:
        for sd in ind.rows:
            yield ind, sd


def _years_text(years) -> str:
    return ", ".join(str(y) for y in years)


@rule("IND-001", "annex1")
def value_missing(ctx: Context):
    # a cell holding something unreadable is already reported by READ-001 at the same place
    unreadable = {(i.sheet, i.cell) for i in ctx.read_issues}
    for ind, sd in _rows(ctx):
        st = series_status(ctx, sd, ind)
        missing = [y for y in st["missing"] if not _unreadable(ctx, unreadable, sd.id, y)]
        if missing:
            yield hit(("indicator", sd.id, missing[0]), sd.id, None, number=ind.number, name=sd.name,
                      years=_years_text(missing), census=st["census"])


def _unreadable(ctx: Context, unreadable: set, sid: str, year: int) -> bool:
    ref = ctx.cells.get(("indicator", sid, year)) if ctx.cells and unreadable else None
    return ref is not None and (ref.sheet, ref.cell) in unreadable


@rule("IND-002", "annex1")
def no_data_without_note(ctx: Context):
    for ind, sd in _rows(ctx):
        st = series_status(ctx, sd, ind)
        if st["no_data"] and not st["note"]:
            yield hit(("indicator", sd.id, "note"), sd.id, None, number=ind.number, name=sd.name,
                      years=_years_text(st["no_data"]))


@rule("IND-003", "annex1")
def data_gap_listed(ctx: Context):
    for ind, sd in _rows(ctx):
        st = series_status(ctx, sd, ind)
        if st["no_data"] and st["note"]:
            yield hit(("indicator", sd.id, st["no_data"][0]), sd.id, NO_DATA, number=ind.number,
                      name=sd.name, years=_years_text(st["no_data"]), note=st["note"],
                      section=ctx.catalog.data_gaps_section)


@rule("IND-004", "annex1")
def too_few_years(ctx: Context):
    have = set(ctx.hep.years)
    need = window(ctx)
    lacking = [y for y in need if y not in have]
    if not need or lacking:
        yield hit(("table", "indicators"), "years", _years_text(ctx.hep.years),
                  minimum=ctx.catalog.min_history_years, lacking=_years_text(lacking))


def _values(ctx: Context, kinds: tuple[str, ...]):
    for ind, sd in _rows(ctx):
        if sd.kind not in kinds:
            continue
        series = ctx.hep.indicators.get(sd.id)
        if series is None:
            continue
        for year, v in sorted(series.values.items()):
            if is_number(v):
                yield ind, sd, year, v


@rule("IND-010", "annex1")
def count_not_whole(ctx: Context):
    for ind, sd, year, v in _values(ctx, ("count",)):
        if not sd.value_rule.accepts(v):
            yield hit(("indicator", sd.id, year), sd.id, v, number=ind.number, name=sd.name, year=year,
                      shown=fmt_num(v))


@rule("IND-011", "annex1")
def signed_count_not_whole(ctx: Context):
    for ind, sd, year, v in _values(ctx, ("signed_count",)):
        if not sd.value_rule.accepts(v):
            yield hit(("indicator", sd.id, year), sd.id, v, number=ind.number, name=sd.name, year=year,
                      shown=fmt_num(v))


@rule("IND-012", "annex1")
def percent_out_of_range(ctx: Context):
    for ind, sd, year, v in _values(ctx, ("percent",)):
        if not sd.value_rule.accepts(v):
            yield hit(("indicator", sd.id, year), sd.id, v, number=ind.number, name=sd.name, year=year,
                      shown=fmt_num(v))


@rule("IND-013", "annex1")
def negative_value(ctx: Context):
    for ind, sd, year, v in _values(ctx, ("percent_open", "index")):
        if not sd.value_rule.accepts(v):
            yield hit(("indicator", sd.id, year), sd.id, v, number=ind.number, name=sd.name, year=year,
                      shown=fmt_num(v))


def _numbers(ctx: Context, ids: tuple[str, ...], year: int) -> list | None:
    """The values of ``ids`` in ``year`` when all are numbers, else None."""
    out = []
    for sid in ids:
        series = ctx.hep.indicators.get(sid)
        v = series.values.get(year) if series else None
        if not is_number(v):
            return None
        out.append(v)
    return out


def _known(ctx: Context, ids) -> bool:
    return all(s in ctx.catalog.series_by_id for s in ids)


def _shares_off(ctx: Context, ids: tuple[str, ...], total: float, tol: float):
    """(year, values) for each year in which the shares ``ids`` are all given and do not add up to
    ``total`` within ``tol``."""
    if not _known(ctx, ids):
        return
    for year in ctx.hep.years:
        vals = _numbers(ctx, ids, year)
        if vals is not None and abs(sum(vals) - total) > tol:
            yield year, vals


@rule("IND-014", "annex1")
def sex_shares_sum(ctx: Context):
    group, tol = ctx.catalog.share_sum("IND-014"), ctx.config.share_sum_tolerance
    if group is None:
        return
    male, female = group.series
    for year, vals in _shares_off(ctx, group.series, group.total, tol):
        yield hit(("indicator", female, year), female, vals[1], year=year,
                  male=fmt_num(vals[0]), female=fmt_num(vals[1]), total=fmt_num(sum(vals)),
                  tolerance=fmt_num(tol))


@rule("IND-015", "annex1")
def age_shares_sum(ctx: Context):
    group, tol = ctx.catalog.share_sum("IND-015"), ctx.config.age_share_sum_tolerance
    if group is None:
        return
    first = group.series[0]
    for year, vals in _shares_off(ctx, group.series, group.total, tol):
        yield hit(("indicator", first, year), first, vals[0], year=year, total=fmt_num(sum(vals)),
                  tolerance=fmt_num(tol), number=ctx.catalog.series_by_id[first].indicator_number,
                  count=len(group.series), expected=fmt_num(group.total))


def _derived(ctx: Context, kind: str):
    """(indicator, derivation, year, stated value, computed value) for every year in which a series
    the decree defines from other data, and all its inputs, are numbers."""
    def number(sid: str, year: int):
        series = ctx.hep.indicators.get(sid)
        v = series.values.get(year) if series else None
        return v if is_number(v) else None

    for d in derivations(ctx.catalog):
        ind = ctx.catalog.indicator_of(d.target)
        if ind.derivation is None or ind.derivation.kind != kind:
            continue
        for year in ctx.hep.years:
            stated = number(d.target, year)
            if stated is None:
                continue
            try:
                expected = d.compute(number, year)
            except DerivationError:  # e.g. a zero denominator: nothing to compare
                continue
            if is_number(expected):
                yield ind, d, year, stated, expected


def _value(ctx: Context, sid: str, year: int):
    return ctx.hep.indicators[sid].values[year]


@rule("IND-020", "annex1")
def population_change_mismatch(ctx: Context):
    tol = ctx.config.population_change_tolerance
    for _, d, year, stated, expected in _derived(ctx, "previous_year_percent"):
        if abs(stated - expected) > tol:
            base = d.previous_year_of
            yield hit(("indicator", d.target, year), d.target, stated, year=year,
                      shown=fmt_num(stated), expected=fmt_num(expected),
                      number=ctx.catalog.series_by_id[d.target].indicator_number,
                      base_number=ctx.catalog.series_by_id[base].indicator_number,
                      population=fmt_num(_value(ctx, base, year)), previous=fmt_num(_value(ctx, base, year - 1)))


@rule("IND-021", "annex1")
def ageing_index_mismatch(ctx: Context):
    cfg = ctx.config
    for _, d, year, stated, expected in _derived(ctx, "ageing_index"):
        tol = max(cfg.ageing_index_abs_tolerance, cfg.ageing_index_rel_tolerance * expected)
        if abs(stated - expected) > tol:
            yield hit(("indicator", d.target, year), d.target, stated, year=year,
                      shown=fmt_num(stated), expected=fmt_num(round(expected, 1)), formula=d.formula,
                      base_number=ctx.catalog.series_by_id[d.inputs[0]].indicator_number)


@rule("IND-022", "annex1")
def ratio_mismatch(ctx: Context):
    tol = ctx.config.ratio_tolerance
    for ind, d, year, stated, expected in _derived(ctx, "ratio_percent"):
        if abs(stated - expected) > tol:
            num, den = d.inputs
            yield hit(("indicator", d.target, year), d.target, stated, number=ind.number,
                      name=ctx.catalog.series_by_id[d.target].name, year=year, shown=fmt_num(stated),
                      expected=fmt_num(expected), numerator=fmt_num(_value(ctx, num, year)),
                      denominator=fmt_num(_value(ctx, den, year)))


@rule("IND-023", "annex1")
def complement_mismatch(ctx: Context):
    tol = ctx.config.ratio_tolerance
    for ind, d, year, stated, expected in _derived(ctx, "complement_percent"):
        if abs(stated - expected) > tol:
            yield hit(("indicator", d.target, year), d.target, stated, number=ind.number,
                      name=ctx.catalog.series_by_id[d.target].name, year=year, shown=fmt_num(stated),
                      expected=fmt_num(expected), base=fmt_num(_value(ctx, d.inputs[0], year)))


@rule("IND-030", "annex1")
def year_on_year_jump(ctx: Context):
    factor, floor = ctx.config.jump_factor, ctx.config.jump_min_value
    for ind, sd in _rows(ctx):
        if sd.kind not in JUMP_KINDS:
            continue
        series = ctx.hep.indicators.get(sd.id)
        if series is None:
            continue
        for year in ctx.hep.years:
            a, b = series.values.get(year - 1), series.values.get(year)
            if not (is_number(a) and is_number(b)) or a <= 0 or b <= 0:
                continue
            lo, hi = min(a, b), max(a, b)
            if hi >= floor and hi / lo > factor:
                yield hit(("indicator", sd.id, year), sd.id, b, number=ind.number, name=sd.name, year=year,
                          shown=fmt_num(b), previous=fmt_num(a), factor=fmt_num(factor))


# -- counts that contain each other (catalog "consistency") -------------------------------------------

def _pairs(ctx: Context, kind: str):
    """(pair, year, sum of the parts, the whole[, the shares]) for every year all are numbers."""
    for c in ctx.catalog.consistency:
        if c.kind != kind:
            continue
        for year in ctx.hep.years:
            parts = _numbers(ctx, c.parts, year)
            whole = _numbers(ctx, (c.whole,), year)
            shares = _numbers(ctx, c.shares, year) if c.shares else []
            if parts is not None and whole is not None and shares is not None:
                yield c, year, sum(parts), whole[0], shares


def _slack(ctx: Context, c, whole: float) -> float:
    """Whole-number counts of the same date contain each other exactly; averages (of quarters, or
    "átlagos száma") may differ a little."""
    if all(ctx.catalog.series_by_id[s].whole_numbers for s in (*c.parts, c.whole)):
        return 0.0
    return max(ctx.config.containment_abs_tolerance, ctx.config.containment_rel_tolerance * abs(whole))


def _names(ctx: Context, ids) -> str:
    cat = ctx.catalog
    numbers = sorted({cat.series_by_id[i].indicator_number for i in ids})
    return ", ".join(str(n) for n in numbers)


def _pair_hit(ctx: Context, c, year: int, total: float, whole: float, **extra):
    """Reported at the (first) part's cell, the whole's cell named in the message."""
    cat = ctx.catalog
    part = c.parts[0]
    whole_name = cat.series_by_id[c.whole].name
    where = cell_name(ctx, ("indicator", c.whole, year))
    return hit(("indicator", part, year), part, total, year=year, parts=_names(ctx, c.parts),
               part_name=cat.series_by_id[part].name if len(c.parts) == 1 else cat.indicator_of(part).name,
               sum=fmt_num(total), whole_number=cat.series_by_id[c.whole].indicator_number, whole_name=whole_name,
               whole=fmt_num(whole), whole_at=f", {where}" if where else "",
               ref=c.ref, reason=c.reason, **extra)


@rule("IND-040", "annex1")
def part_exceeds_whole(ctx: Context):
    for c, year, total, whole, _ in _pairs(ctx, "at_most"):
        if total - whole > _slack(ctx, c, whole):
            yield _pair_hit(ctx, c, year, total, whole)


@rule("IND-041", "annex1")
def parts_do_not_add_up(ctx: Context):
    for c, year, total, whole, _ in _pairs(ctx, "sum_equals"):
        if abs(total - whole) > _slack(ctx, c, whole):
            yield _pair_hit(ctx, c, year, total, whole)


@rule("IND-042", "annex1")
def count_against_population_share(ctx: Context):
    tol = ctx.config.population_estimate_rel_tolerance
    for c, year, total, whole, shares in _pairs(ctx, "share_of_population"):
        expected = whole * sum(shares) / 100
        if abs(total - expected) > max(ctx.config.containment_abs_tolerance, tol * expected):
            yield _pair_hit(ctx, c, year, total, whole, share=fmt_num(sum(shares)), expected=fmt_num(round(expected)))
