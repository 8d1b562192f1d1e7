"""Annex 2 (2. Helyzetelemzés) and the conclusions (Következtetések): status, narrative, problems."""

from __future__ import annotations

from ...model import CHECKLIST_STATUSES, STATUS_DONE, STATUS_NOT_RELEVANT, ChecklistEntry
from ..registry import Context, hit, rule

STATUS_NOT_STARTED = "nincs elkezdve"
assert STATUS_NOT_STARTED in CHECKLIST_STATUSES

UNFINISHED = tuple(s for s in CHECKLIST_STATUSES if s not in (STATUS_DONE, STATUS_NOT_RELEVANT))


def entries(ctx: Context):
    for item in ctx.catalog.checklist_items:
        yield item, ctx.hep.checklist.get(item.id) or ChecklistEntry(item.id)


def required_entries(ctx: Context):
    """The sections and points the text requires: every item but the illustrative points under
    3.1–7.4 (footnote 3: "a felsorolás … példálózó")."""
    return ((item, e) for item, e in entries(ctx) if not item.illustrative)


def item_done(entry: ChecklistEntry) -> bool:
    """Counts as done for the completeness score."""
    if entry.state == STATUS_NOT_RELEVANT:
        return bool(entry.narrative.strip())
    return entry.state == STATUS_DONE and bool(entry.narrative.strip())


def _blank(entry: ChecklistEntry) -> bool:
    """Nothing written: no text, and no status of work in progress (marked done or not relevant with
    no text is blank too: there is nothing to show)."""
    return not entry.narrative.strip() and entry.state in ("", STATUS_NOT_STARTED, STATUS_NOT_RELEVANT, STATUS_DONE)


@rule("CHK-001", "annex2")
def status_missing(ctx: Context):
    for item, e in required_entries(ctx):
        if not e.status:
            yield hit(("checklist", item.id, "status"), "status", None, item=item.id, text=item.text)


@rule("CHK-002", "annex2")
def status_unknown(ctx: Context):
    for item, e in entries(ctx):
        if e.status and e.state not in CHECKLIST_STATUSES:
            yield hit(("checklist", item.id, "status"), "status", e.status, item=item.id,
                      allowed=", ".join(CHECKLIST_STATUSES))


@rule("CHK-003", "annex2")
def narrative_missing(ctx: Context):
    for item, e in required_entries(ctx):
        if e.state != STATUS_NOT_RELEVANT and not e.narrative.strip():
            yield hit(("checklist", item.id, "narrative"), "narrative", None, item=item.id, text=item.text)


@rule("CHK-004", "annex2")
def not_relevant_without_reason(ctx: Context):
    for item, e in required_entries(ctx):
        if e.state == STATUS_NOT_RELEVANT and not e.narrative.strip():
            yield hit(("checklist", item.id, "narrative"), "narrative", None, item=item.id,
                      status=STATUS_NOT_RELEVANT)


@rule("CHK-005", "annex2")
def not_finished(ctx: Context):
    for item, e in entries(ctx):
        if e.state in UNFINISHED and not (item.illustrative and _blank(e)):
            yield hit(("checklist", item.id, "status"), "status", e.status, item=item.id,
                      done=STATUS_DONE)


@rule("CHK-006", "annex2")
def illustrative_point_blank(ctx: Context):
    for item, e in entries(ctx):
        if item.illustrative and _blank(e):
            yield hit(("checklist", item.id, "narrative"), "narrative", None, item=item.id, text=item.text,
                      section=item.parent)


@rule("CHK-010", "annex2")
def conclusions_without_problem(ctx: Context):
    for g in ctx.catalog.target_groups:
        if not any(p.problem_id for p in ctx.hep.problems_of(g.id)):
            yield hit(("checklist", g.conclusions_section, "narrative"), "problems", None, group=g.id,
                      group_name=g.name, section=g.conclusions_section)


# -- the problems table on the conclusions sheet ----------------------------------------------------

@rule("PRB-001", "annex2")
def problem_id_missing(ctx: Context):
    for i, p in enumerate(ctx.hep.problems):
        if not p.problem_id:
            group = p.target_group or ctx.catalog.target_groups[0].id
            yield hit(("problems", i, "problem_id"), "problem_id", None, title=p.title, example=f"{group}-{i + 1}")


@rule("PRB-002", "annex2")
def problem_id_duplicate(ctx: Context):
    seen: dict[str, int] = {}
    for i, p in enumerate(ctx.hep.problems):
        key = p.problem_id.casefold()
        if not key:
            continue
        if key in seen:
            yield hit(("problems", i, "problem_id"), "problem_id", p.problem_id, first=seen[key] + 1)
        else:
            seen[key] = i


@rule("PRB-003", "annex2")
def problem_target_group(ctx: Context):
    groups = ctx.catalog.target_group_by_id
    for i, p in enumerate(ctx.hep.problems):
        if p.group not in groups:
            yield hit(("problems", i, "target_group"), "target_group", p.target_group,
                      problem=p.problem_id, allowed=", ".join(groups))


@rule("PRB-004", "annex2")
def problem_title_missing(ctx: Context):
    for i, p in enumerate(ctx.hep.problems):
        if not p.title:
            yield hit(("problems", i, "title"), "title", None, problem=p.problem_id)
