"""The programme's life after adoption (the Fórum page's tasks): the interventions reviewed every
year, each measure's status once its deadline has passed, a modification decided by a Fórum meeting,
the working groups' yearly reports; and the monitoring rows themselves (a status of the catalog's
list, a measure of the action plan).

These rules apply to a record that keeps its monitoring (a row of the *Megvalósítás* table, a
working group's report, or a meeting with a type, a reviewed year or an accepted document): a
workbook made before the monitoring existed cannot hold it, and a plan not yet adopted has nothing
to monitor. A year is closed when it has ended and the Fórum has had ``ValidationConfig.
yearly_review_months`` months to look back on it (the sample's Fórum meets in January)."""

from __future__ import annotations

import datetime as dt

from ..registry import Context, hit, rule
from ._util import SETTLED_ROLES, add_months, fmt_date, latest_record, role_of, same_person
from .action_plan import deadline_date, value


def monitoring_kept(ctx: Context) -> bool:
    """True when the record keeps the monitoring of the action plan (see the module's docstring)."""
    fo = ctx.hep.forum
    return bool(ctx.hep.progress or fo.reports or any(
        m.kind.strip() or m.reviewed_year is not None or m.report_year is not None or m.revised_plan.strip()
        for m in fo.meetings))


def closed_years(ctx: Context) -> list[tuple[int, dt.date]]:
    """(year, due date of its look-back) for the programme's years whose look-back is due by the
    validation date."""
    st = ctx.hep.settlement
    if st.period_start is None or st.period_end is None:
        return []
    out = []
    for year in range(st.period_start, st.period_end + 1):
        try:
            due = add_months(dt.date(year, 12, 31), ctx.config.yearly_review_months)
        except (ValueError, OverflowError):
            continue
        if due < ctx.today:
            out.append((year, due))
    return out


def _label(record) -> str:
    return f"{record.group}/{record.measure_number}" if record.measure_number is not None else record.group or "?"


@rule("MON-001", "forum")
def yearly_review_missing(ctx: Context):
    if not monitoring_kept(ctx):
        return
    reviewed = {m.reviewed_year for m in ctx.hep.forum.meetings if m.reviewed_year is not None}
    for year, due in closed_years(ctx):
        if year not in reviewed:
            yield hit(("table", "meetings"), "reviewed_year", year, year=year, due=fmt_date(due))


@rule("MON-002", "progress")
def deadline_passed(ctx: Context):
    if not monitoring_kept(ctx):
        return
    cat = ctx.catalog
    for row, m in enumerate(ctx.hep.measures):
        number = value(ctx, m, "sequence")
        day = deadline_date(value(ctx, m, "due_date"))
        if number is None or day is None or day >= ctx.today:
            continue
        last = latest_record(ctx.hep, m.target_group, number)
        if role_of(cat, last) in SETTLED_ROLES:
            continue
        label = f"{m.target_group}/{number}"
        if last is None:
            yield hit(("measures", row, cat.column_of("due_date").id), "due_date", day, measure=label,
                      deadline=fmt_date(day), status="nincs rögzített állapota", done=cat.status_named("done").name)
            continue
        i = next(k for k, r in enumerate(ctx.hep.progress) if r is last)
        if not last.comment.strip():
            yield hit(("progress", i, "comment"), "comment", None, measure=label, deadline=fmt_date(day),
                      status=f"állapota {last.year or '?'}-ban „{last.status or '?'}”",
                      done=cat.status_named("done").name)


@rule("MON-003", "progress")
def modification_without_meeting(ctx: Context):
    cat = ctx.catalog
    held = {m.date for m in ctx.hep.forum.meetings if m.date is not None}
    for i, r in enumerate(ctx.hep.progress):
        status = cat.status_of(r.status)
        if status is None or status.role not in ("modified", "cancelled"):
            continue
        if r.decided_at is None:
            yield hit(("progress", i, "decided_at"), "decided_at", None, measure=_label(r), year=r.year or "?",
                      status=r.status, problem="nincs megadva a döntő ülés dátuma")
        elif r.decided_at not in held:
            yield hit(("progress", i, "decided_at"), "decided_at", r.decided_at, measure=_label(r),
                      year=r.year or "?", status=r.status,
                      problem=f"{fmt_date(r.decided_at)} napon nincs Fórum-ülés az Ülések táblázatban")


@rule("MON-004", "forum")
def working_group_year_missing(ctx: Context):
    if not monitoring_kept(ctx):
        return
    fo = ctx.hep.forum
    for i, wg in enumerate(fo.working_groups):
        if not wg.name.strip():
            continue
        years = {r.year if r.year is not None else r.date.year if r.date is not None else None
                 for r in fo.reports if same_person(r.group, wg.name)}
        missing = [y for y, _ in closed_years(ctx) if y not in years]
        if missing:
            yield hit(("working_groups", i, "name"), "name", wg.name, group=wg.name,
                      years=", ".join(str(y) for y in missing), due=fmt_date(dict(closed_years(ctx))[missing[-1]]))


@rule("MON-005", "progress")
def status_unknown(ctx: Context):
    cat = ctx.catalog
    allowed = ", ".join(v.name for v in cat.monitoring_statuses)
    for i, r in enumerate(ctx.hep.progress):
        what = f"A(z) {_label(r)} intézkedés {r.year or '?'}. évi állapota"
        if not r.status.strip():
            yield hit(("progress", i, "status"), "status", None, what=what, problem="nincs megadva", allowed=allowed)
        elif cat.status_of(r.status) is None:
            yield hit(("progress", i, "status"), "status", r.status, what=what,
                      problem=f"(„{r.status}”) nem választható", allowed=allowed)
    kinds = ", ".join(v.name for v in cat.meeting_types)
    for i, m in enumerate(ctx.hep.forum.meetings):
        if m.kind.strip() and cat.meeting_type_of(m.kind) is None:
            when = fmt_date(m.date) or f"{i + 1}."
            yield hit(("meetings", i, "kind"), "kind", m.kind, what=f"A(z) {when} ülés típusa",
                      problem=f"(„{m.kind}”) nem választható", allowed=kinds)


@rule("MON-006", "progress")
def record_without_measure(ctx: Context):
    measures = {(m.target_group, value(ctx, m, "sequence")) for m in ctx.hep.measures}
    st = ctx.hep.settlement
    for i, r in enumerate(ctx.hep.progress):
        if (r.group, r.measure_number) not in measures:
            yield hit(("progress", i, "measure_number"), "measure_number", r.measure_number, measure=_label(r),
                      problem="az intézkedési tervben nincs ilyen intézkedés")
        elif r.year is not None and st.period_start is not None and st.period_end is not None \
                and not st.period_start <= r.year <= st.period_end:
            yield hit(("progress", i, "year"), "year", r.year, measure=_label(r),
                      problem=f"a(z) {r.year}. év nem esik a program időszakába ({st.period_start}–{st.period_end})")
