"""The HEP Fórum sheet: the recommended composition, meetings (every two years, before each review
and adoption), minutes, working groups (optional; leaders are members, reports every year), and
responsible persons per intervention area (chosen from the members)."""

from __future__ import annotations

from ... import register
from ..registry import Context, hit, rule
from ._util import add_months, add_years, fmt_date, same_person, until
from .settlement import registered_place


def expected_roles(ctx: Context):
    """The member roles the validator looks for in this settlement (also counted by the score):
    those every settlement has, those above a population threshold, and the nationality
    self-government leaders where the KSH register lists a nationality self-government."""
    population = ctx.hep.settlement.population
    place = None
    for role in ctx.catalog.forum_roles:
        if role.kind != "member" or not role.expected:
            continue
        if role.expected == "always":
            yield role
        elif role.expected == "above_population":
            if population is not None and role.min_population is not None and population > role.min_population:
                yield role
        elif role.expected == "nationality_self_government":
            place = place or registered_place(ctx)
            if place is not None and place.nationality_self_governments:
                yield role


def _present(ctx: Context) -> set[str]:
    return {m.role for m in ctx.hep.forum.members if m.name.strip()}


def _missing(ctx: Context):
    present = _present(ctx)
    return [r for r in expected_roles(ctx) if r.id not in present]


@rule("FOR-001", "forum")
def recommended_role_missing(ctx: Context):
    for role in _missing(ctx):
        if role.basis == "recommended" and role.expected != "nationality_self_government":
            yield hit(("table", "members"), "role", None, role=role.name)


@rule("FOR-007", "forum")
def role_required_by_law_missing(ctx: Context):
    for role in _missing(ctx):
        if role.basis == "law":
            yield hit(("table", "members"), "role", None, role=role.name, law=role.law,
                      population=ctx.hep.settlement.population, threshold=role.min_population)


@rule("FOR-008", "forum")
def nationality_leader_missing(ctx: Context):
    for role in _missing(ctx):
        if role.expected == "nationality_self_government":
            place = registered_place(ctx)
            if place is None:  # _missing asks for this role only of a registered place
                continue
            yield hit(("table", "members"), "role", None, role=role.name, settlement=place.name,
                      governments=", ".join(place.nationality_self_governments), source=register.SOURCE,
                      source_en=register.SOURCE_EN)


# -- meetings ------------------------------------------------------------------------------------

def _dated(ctx: Context) -> list[tuple]:
    """(date, row) of the meetings that have a date, in date order."""
    return sorted((m.date, i) for i, m in enumerate(ctx.hep.forum.meetings) if m.date is not None)


@rule("FOR-002", "forum")
def meeting_interval(ctx: Context):
    years = ctx.catalog.forum_rules.meeting_interval_years
    dated = _dated(ctx)
    for (before, _), (after, i) in zip(dated, dated[1:]):
        if after > add_years(before, years):
            yield hit(("meetings", i, "date"), "date", after, previous=fmt_date(before), years=years)


@rule("FOR-014", "forum")
def no_meeting_since(ctx: Context):
    years = ctx.catalog.forum_rules.meeting_interval_years
    dated = _dated(ctx)
    if not dated:
        return
    last, i = dated[-1]
    due, day = add_years(last, years), until(ctx)
    if due < day:
        yield hit(("meetings", i, "date"), "date", last, years=years, due=fmt_date(due), today=fmt_date(day))


def _meeting_before(ctx: Context, day) -> bool:
    """A meeting within ``meeting_before_months`` before ``day``, or ``day`` still to come (after the
    validation date the Fórum can still meet before it)."""
    if day > ctx.today:
        return True
    first = add_months(day, -ctx.config.meeting_before_months)
    return any(first <= d <= day for d, _ in _dated(ctx))


@rule("FOR-012", "forum")
def no_meeting_before_adoption(ctx: Context):
    day = ctx.hep.settlement.adoption_date
    if day is not None and not _meeting_before(ctx, day):
        yield hit(("table", "meetings"), "meetings", day, event="Az elfogadás",
                  months=ctx.config.meeting_before_months)


@rule("FOR-013", "forum")
def no_meeting_before_review(ctx: Context):
    for i, day in enumerate(ctx.hep.settlement.review_dates):
        if not _meeting_before(ctx, day):
            yield hit(("table", "meetings"), "meetings", day, event=f"A(z) {i + 1}. felülvizsgálat",
                      months=ctx.config.meeting_before_months)


@rule("FOR-003", "forum")
def no_meeting(ctx: Context):
    if not ctx.hep.forum.meetings:
        yield hit(("table", "meetings"), "meetings", None,
                  years=ctx.catalog.forum_rules.meeting_interval_years)


@rule("FOR-004", "forum")
def minutes_missing(ctx: Context):
    if not ctx.catalog.forum_rules.minutes_required:
        return
    for i, m in enumerate(ctx.hep.forum.meetings):
        if not m.minutes_ref.strip():
            yield hit(("meetings", i, "minutes_ref"), "minutes_ref", None, date=fmt_date(m.date) or "?")


@rule("FOR-005", "forum")
def meeting_date_missing(ctx: Context):
    for i, m in enumerate(ctx.hep.forum.meetings):
        if m.date is None:
            yield hit(("meetings", i, "date"), "date", None, row=i + 1)


# -- working groups and responsible persons ------------------------------------------------------------

@rule("FOR-006", "forum")
def working_groups_possible(ctx: Context):
    threshold = ctx.catalog.forum_rules.working_groups_population_threshold
    population = ctx.hep.settlement.population
    if population is not None and population > threshold and not ctx.hep.forum.working_groups:
        yield hit(("table", "working_groups"), "working_groups", None, population=population,
                  threshold=threshold)


def _is_member(ctx: Context, role_id: str) -> bool:
    """A row of the members table is a member unless its role is an invitee's (állandó meghívott)."""
    role = ctx.catalog.role_by_id.get(role_id)
    return role is None or role.kind == "member"


@rule("FOR-009", "forum")
def working_group_leader_not_member(ctx: Context):
    members = [m.name for m in ctx.hep.forum.members if _is_member(ctx, m.role)]
    for i, wg in enumerate(ctx.hep.forum.working_groups):
        if wg.leader.strip() and not any(same_person(wg.leader, n) for n in members):
            yield hit(("working_groups", i, "leader"), "leader", wg.leader, group=wg.name or f"{i + 1}.")


@rule("FOR-010", "forum")
def working_group_report_overdue(ctx: Context):
    years = ctx.catalog.forum_rules.working_group_report_interval_years
    adopted, day = ctx.hep.settlement.adoption_date, until(ctx)
    for i, wg in enumerate(ctx.hep.forum.working_groups):
        since = wg.last_report or adopted
        if since is not None and add_years(since, years) < day:
            yield hit(("working_groups", i, "last_report"), "last_report", wg.last_report,
                      group=wg.name or f"{i + 1}.", since=fmt_date(since), years=years,
                      due=fmt_date(add_years(since, years)))


@rule("FOR-011", "forum")
def responsible_not_member(ctx: Context):
    for i, m in enumerate(ctx.hep.forum.members):
        if m.responsible_area.strip() and not _is_member(ctx, m.role):
            yield hit(("members", i, "responsible_area"), "responsible_area", m.responsible_area,
                      name=m.name, role=ctx.catalog.role_by_id[m.role].name)
