"""Completeness scores: the share of required items done, per area and overall (the mean of areas).

Annex 2 counts what the text requires: its sections and the lettered points of chapters 8 and 9, not
the illustrative points under 3.1–7.4 (footnote 3); the area's label says so."""

from __future__ import annotations

from .. import model
from .findings import AREAS
from .ksh import is_valid
from .registry import Context
from .rules import action_plan, checklist, forum, indicators, settlement


def _share(done: int, total: int) -> float:
    return done / total if total else 1.0


def compute(ctx: Context) -> dict[str, float]:
    hep, cat = ctx.hep, ctx.catalog
    st = hep.settlement
    # settlement: every required field present (the KSH code also valid), period of five years
    items = [getattr(st, f) not in (None, "") for f in settlement.REQUIRED_FIELDS]
    items.append(is_valid(st.ksh_code))
    items.append(st.period_start is not None and st.period_end == st.period_start + cat.programme.period_years - 1)
    scores = {"settlement": _share(sum(items), len(items))}
    # annex 1: every data row complete for the five years (gaps stated with a note count as done)
    rows = [(ind, sd) for ind in cat.indicators for sd in ind.rows]
    done = sum(indicators.series_status(ctx, sd, ind)["complete"] for ind, sd in rows)
    scores["annex1"] = _share(done, len(rows)) if hep.years else 0.0
    # annex 2: every required item done (or not relevant with a reason), every conclusions section
    # names a problem; illustrative points are not counted
    required = list(checklist.required_entries(ctx))
    done = sum(checklist.item_done(e) for _, e in required)
    groups_ok = sum(any(p.problem_id for p in hep.problems_of(g.id)) for g in cat.target_groups)
    scores["annex2"] = _share(done + groups_ok, len(required) + len(cat.target_groups))
    # annex 3: each target group has a measure, each measure complete, each problem addressed/deferred
    addressed = action_plan.addressed_problem_ids(ctx)
    have = sum(bool(hep.measures_of(g.id)) for g in cat.target_groups)
    complete = sum(action_plan.measure_complete(ctx, m) for m in hep.measures)
    handled = sum(p.problem_id.casefold() in addressed or bool(p.deferral_reason.strip())
                  for p in hep.problems if p.problem_id)
    total = len(cat.target_groups) + len(hep.measures) + sum(1 for p in hep.problems if p.problem_id)
    scores["annex3"] = _share(have + complete + handled, total)
    # Fórum: the roles the validator expects present, at least one meeting, each dated with minutes
    present = {m.role for m in hep.forum.members if m.name.strip()}
    roles = list(forum.expected_roles(ctx))
    meetings = hep.forum.meetings
    done = sum(r.id in present for r in roles) + bool(meetings) + sum(
        m.date is not None and bool(m.minutes_ref.strip()) for m in meetings)
    scores["forum"] = _share(done, len(roles) + 1 + len(meetings))
    scores["overall"] = sum(scores[a] for a in AREAS) / len(AREAS)
    return scores


__all__ = ["compute", "model"]
