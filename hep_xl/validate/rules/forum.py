"""The HEP Fórum sheet: required roles, meeting interval, minutes, working groups."""

from __future__ import annotations

from ..findings import Severity
from ..registry import Context, hit, rule
from ._util import add_years, fmt_date


def required_roles(ctx: Context):
    population = ctx.hep.settlement.population
    for role in ctx.catalog.forum_roles:
        if role.kind != "member":
            continue
        if role.required or (role.min_population is not None and population is not None
                             and population > role.min_population):
            yield role


@rule("FOR-001", "forum", Severity.ERROR)
def required_role_missing(ctx: Context):
    present = {m.role for m in ctx.hep.forum.members if m.name.strip()}
    for role in required_roles(ctx):
        if role.id not in present:
            yield hit(("table", "members"), "role", None, role=role.name)


@rule("FOR-002", "forum", Severity.ERROR)
def meeting_interval(ctx: Context):
    years = ctx.catalog.forum_rules.meeting_interval_years
    dated = sorted((m.date, i) for i, m in enumerate(ctx.hep.forum.meetings) if m.date is not None)
    for (before, _), (after, i) in zip(dated, dated[1:]):
        if after > add_years(before, years):
            yield hit(("meetings", i, "date"), "date", after, previous=fmt_date(before), years=years)


@rule("FOR-003", "forum", Severity.WARNING)
def no_meeting(ctx: Context):
    if not ctx.hep.forum.meetings:
        yield hit(("table", "meetings"), "meetings", None,
                  years=ctx.catalog.forum_rules.meeting_interval_years)


@rule("FOR-004", "forum", Severity.ERROR)
def minutes_missing(ctx: Context):
    if not ctx.catalog.forum_rules.minutes_required:
        return
    for i, m in enumerate(ctx.hep.forum.meetings):
        if not m.minutes_ref.strip():
            yield hit(("meetings", i, "minutes_ref"), "minutes_ref", None, date=fmt_date(m.date) or "?")


@rule("FOR-005", "forum", Severity.ERROR)
def meeting_date_missing(ctx: Context):
    for i, m in enumerate(ctx.hep.forum.meetings):
        if m.date is None:
            yield hit(("meetings", i, "date"), "date", None, row=i + 1)


@rule("FOR-006", "forum", Severity.WARNING)
def working_groups_missing(ctx: Context):
    threshold = ctx.catalog.forum_rules.working_groups_population_threshold
    population = ctx.hep.settlement.population
    if population is not None and population > threshold and not ctx.hep.forum.working_groups:
        yield hit(("table", "working_groups"), "working_groups", None, population=population,
                  threshold=threshold)
