"""Settlement data (Településadatok): required fields, KSH code, programme period, review dates."""

from __future__ import annotations

from ...model import Settlement, field_info
from ..ksh import check_digit, is_valid, is_well_formed
from ..findings import Severity
from ..registry import Context, hit, rule
from ._util import add_years, fmt_date

# fields needed before the plan goes to the council; adoption data comes after (SET-006)
REQUIRED_FIELDS = ("name", "ksh_code", "county", "population", "period_start", "period_end",
                   "author_name")
AFTER_ADOPTION_FIELDS = ("adoption_date", "resolution_number")


def _blank_fields(ctx: Context, names):
    """A hit for each of ``names`` the settlement sheet leaves empty."""
    st = ctx.hep.settlement
    for name in names:
        value = getattr(st, name)
        if value is None or value == "":
            fd = field_info(Settlement, name)
            yield hit(("settlement", name), name, None, label=fd.label, example=fd.help)


@rule("SET-001", "settlement", Severity.ERROR)
def required_field_missing(ctx: Context):
    yield from _blank_fields(ctx, REQUIRED_FIELDS)


@rule("SET-002", "settlement", Severity.ERROR)
def ksh_code_format(ctx: Context):
    code = ctx.hep.settlement.ksh_code
    if code and not is_well_formed(code):
        yield hit(("settlement", "ksh_code"), "ksh_code", code)


@rule("SET-003", "settlement", Severity.ERROR)
def ksh_code_check_digit(ctx: Context):
    code = ctx.hep.settlement.ksh_code
    if is_well_formed(code) and not is_valid(code):
        yield hit(("settlement", "ksh_code"), "ksh_code", code,
                  expected=check_digit(code[:4]), example=code[:4] + str(check_digit(code[:4])))


@rule("SET-004", "settlement", Severity.ERROR)
def programme_period(ctx: Context):
    st = ctx.hep.settlement
    if st.period_start is None or st.period_end is None:
        return
    if st.period_end - st.period_start != 4:
        yield hit(("settlement", "period_end"), "period_end", st.period_end,
                  start=st.period_start, expected=st.period_start + 4)


@rule("SET-005", "settlement", Severity.WARNING)
def review_interval(ctx: Context):
    st, years = ctx.hep.settlement, ctx.config.review_interval_years
    previous, previous_label = st.adoption_date, "elfogadás"
    for i, day in enumerate(st.review_dates):
        if previous is not None and day > add_years(previous, years):
            yield hit(("settlement", "review_dates", i), "review_dates", day, index=i + 1,
                      previous=fmt_date(previous), previous_kind=previous_label, years=years,
                      latest=fmt_date(add_years(previous, years)))
        previous, previous_label = day, f"{i + 1}. felülvizsgálat"


@rule("SET-006", "settlement", Severity.INFO)
def adoption_data_pending(ctx: Context):
    yield from _blank_fields(ctx, AFTER_ADOPTION_FIELDS)
