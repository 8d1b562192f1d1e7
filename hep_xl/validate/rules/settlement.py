"""Settlement data (Településadatok): required fields, KSH code and the KSH register, programme
period, the two-year reviews, the population, the version of the rules."""

from __future__ import annotations

import datetime as dt

from ... import register
from ...model import Settlement, field_info, fields_of
from ..ksh import check_digit, is_valid, is_well_formed
from ..registry import Context, hit, rule
from ._util import add_years, cell_name, fmt_date, fmt_num, is_number, until

# fields needed before the plan goes to the council; adoption data comes after (SET-006)
REQUIRED_FIELDS = tuple(f.name for f in fields_of(Settlement) if f.required)
AFTER_ADOPTION_FIELDS = ("adoption_date", "resolution_number")


def _blank_fields(ctx: Context, names):
    """A hit for each of ``names`` the settlement sheet leaves empty."""
    st = ctx.hep.settlement
    for name in names:
        value = getattr(st, name)
        if value is None or value == "":
            fd = field_info(Settlement, name)
            yield hit(("settlement", name), name, None, label=fd.label, example=fd.help)


@rule("SET-001", "settlement")
def required_field_missing(ctx: Context):
    yield from _blank_fields(ctx, REQUIRED_FIELDS)


@rule("SET-002", "settlement")
def ksh_code_format(ctx: Context):
    code = ctx.hep.settlement.ksh_code
    if code and not is_well_formed(code):
        yield hit(("settlement", "ksh_code"), "ksh_code", code)


@rule("SET-003", "settlement")
def ksh_code_check_digit(ctx: Context):
    code = ctx.hep.settlement.ksh_code
    if is_well_formed(code) and not is_valid(code):
        yield hit(("settlement", "ksh_code"), "ksh_code", code,
                  expected=check_digit(code[:4]), example=code[:4] + str(check_digit(code[:4])))


@rule("SET-004", "settlement")
def programme_period(ctx: Context):
    st, years = ctx.hep.settlement, ctx.catalog.programme.period_years
    if st.period_start is None or st.period_end is None:
        return
    if st.period_end - st.period_start != years - 1:
        yield hit(("settlement", "period_end"), "period_end", st.period_end,
                  start=st.period_start, expected=st.period_start + years - 1, years=years)


# -- the reviews --------------------------------------------------------------------------------

def _period(ctx: Context) -> tuple[dt.date, dt.date] | None:
    st = ctx.hep.settlement
    if st.period_start is None or st.period_end is None:
        return None
    try:
        return dt.date(st.period_start, 1, 1), dt.date(st.period_end, 12, 31)
    except (ValueError, OverflowError):  # a period that is not a calendar year
        return None


def _reviews(ctx: Context) -> list[tuple[dt.date, int]]:
    """(date, position in review_dates) in date order."""
    return sorted((d, i) for i, d in enumerate(ctx.hep.settlement.review_dates) if isinstance(d, dt.date))


def _reviews_of_programme(ctx: Context) -> list[tuple[dt.date, int]]:
    """The reviews dated inside the adopted programme (the others are SET-007's)."""
    st, period = ctx.hep.settlement, _period(ctx)
    return [(d, i) for d, i in _reviews(ctx) if (st.adoption_date is None or d >= st.adoption_date)
            and (period is None or d <= period[1])]


@rule("SET-005", "settlement")
def review_interval(ctx: Context):
    st, years = ctx.hep.settlement, ctx.catalog.programme.review_interval_years
    previous, previous_label = st.adoption_date, "elfogadás"
    for day, i in _reviews_of_programme(ctx):
        if previous is not None and day > add_years(previous, years):
            yield hit(("settlement", "review_dates", i), "review_dates", day, index=i + 1,
                      previous=fmt_date(previous), previous_kind=previous_label, years=years,
                      latest=fmt_date(add_years(previous, years)))
        # named as the sheet numbers the reviews (and as {index} does), not by its place in date order
        previous, previous_label = day, f"{i + 1}. felülvizsgálat"


@rule("SET-007", "settlement")
def review_outside_programme(ctx: Context):
    st, period = ctx.hep.settlement, _period(ctx)
    for day, i in _reviews(ctx):
        if st.adoption_date is not None and day < st.adoption_date:
            yield hit(("settlement", "review_dates", i), "review_dates", day, index=i + 1,
                      limit=fmt_date(st.adoption_date), side="az elfogadás", relation="előtt")
        elif period is not None and day > period[1]:
            yield hit(("settlement", "review_dates", i), "review_dates", day, index=i + 1,
                      limit=fmt_date(period[1]), side="a programidőszak vége", relation="után")


@rule("SET-008", "settlement")
def reviews_out_of_order(ctx: Context):
    dates = ctx.hep.settlement.review_dates
    for i in range(1, len(dates)):
        if isinstance(dates[i], dt.date) and isinstance(dates[i - 1], dt.date) and dates[i] < dates[i - 1]:
            yield hit(("settlement", "review_dates", i), "review_dates", dates[i], index=i + 1,
                      previous=fmt_date(dates[i - 1]))


@rule("SET-009", "settlement")
def review_overdue(ctx: Context):
    st, years = ctx.hep.settlement, ctx.catalog.programme.review_interval_years
    if st.adoption_date is None:
        return
    reviews = _reviews_of_programme(ctx)
    key: tuple[str | int, ...]
    last, key, kind = st.adoption_date, ("settlement", "adoption_date"), "Az elfogadás"
    if reviews:
        last, i = reviews[-1]
        key, kind = ("settlement", "review_dates", i), "Az utolsó felülvizsgálat"
    due, day = add_years(last, years), until(ctx)
    if due < day:
        yield hit(key, "review_dates", last, kind=kind, years=years, due=fmt_date(due), today=fmt_date(day))


@rule("SET-006", "settlement")
def adoption_data_pending(ctx: Context):
    yield from _blank_fields(ctx, AFTER_ADOPTION_FIELDS)


# -- the population: typed on the settlement sheet and in Annex 1 --------------------------------

@rule("SET-010", "settlement")
def population_differs_from_annex1(ctx: Context):
    sid, st = ctx.catalog.population_series, ctx.hep.settlement
    series = ctx.hep.indicators.get(sid) if sid else None
    if st.population is None or series is None or not ctx.hep.years:
        return
    year = ctx.hep.years[-1]
    value = series.values.get(year)
    if is_number(value) and abs(st.population - value) > ctx.config.population_rel_tolerance * value:
        ind = ctx.catalog.indicator_of(sid)
        yield hit(("settlement", "population"), "population", st.population, number=ind.number,
                  name=ind.name, year=year, annex1=fmt_num(value),
                  where=cell_name(ctx, ("indicator", sid, year)) or ctx.catalog.series_by_id[sid].name)


# -- the KSH register (Helységnévtár 2018) ---------------------------------------------------------

def registered_place(ctx: Context) -> register.Place | None:
    """The register's entry for the settlement's code, when the code is valid and listed."""
    code = ctx.hep.settlement.ksh_code
    return register.by_code(code) if is_valid(code) else None


def _place_params(place: register.Place) -> dict:
    return {"register_name": place.name, "register_code": place.ksh_code, "register_county": place.county_name,
            "source": register.SOURCE, "source_en": register.SOURCE_EN}


@rule("SET-011", "settlement")
def name_differs_from_register(ctx: Context):
    st, place = ctx.hep.settlement, registered_place(ctx)
    if place is None or not st.name.strip() or register.same_name(place, st.name):
        return
    other = register.by_name(st.name)
    also = f"; {other.name} kódja {other.ksh_code}" if other is not None else ""
    yield hit(("settlement", "name"), "name", st.name, code=st.ksh_code, also=also, **_place_params(place))


@rule("SET-012", "settlement")
def county_differs_from_register(ctx: Context):
    st, place = ctx.hep.settlement, registered_place(ctx)
    if place is None or not st.county.strip() or register.same_county(place, st.county):
        return
    yield hit(("settlement", "county"), "county", st.county, code=st.ksh_code, **_place_params(place))


@rule("SET-013", "settlement")
def code_not_in_register(ctx: Context):
    st = ctx.hep.settlement
    if is_valid(st.ksh_code) and register.by_code(st.ksh_code) is None and register.by_name(st.name) is None:
        yield hit(("settlement", "ksh_code"), "ksh_code", st.ksh_code, source=register.SOURCE,
                  source_en=register.SOURCE_EN)


@rule("SET-014", "settlement")
def name_registered_with_another_code(ctx: Context):
    st = ctx.hep.settlement
    if not is_valid(st.ksh_code) or register.by_code(st.ksh_code) is not None:
        return
    place = register.by_name(st.name)
    if place is not None:
        yield hit(("settlement", "ksh_code"), "ksh_code", st.ksh_code, **_place_params(place))


# -- the version of the rules -------------------------------------------------------------------------

@rule("VER-001", "settlement")
def rules_repealed_before_period(ctx: Context):
    repeal, start = ctx.catalog.repealed, ctx.hep.settlement.period_start
    if repeal is None or start is None:
        return
    repealed_on = dt.date.fromisoformat(repeal.date)  # "… napjával": no longer in force from that day
    if not isinstance(start, int) or not dt.MINYEAR <= start <= dt.MAXYEAR or dt.date(start, 1, 1) < repealed_on:
        return
    yield hit(("settlement", "period_start"), "period_start", start, title=ctx.catalog.short_title,
              version=ctx.catalog.version, date=fmt_date(repealed_on), by=repeal.by,
              text_date=fmt_date(dt.date.fromisoformat(ctx.catalog.text_date)) if ctx.catalog.text_date else "")
