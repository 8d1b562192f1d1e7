"""Annex 3 (3. Intézkedési terv): columns filled, traceability to problems, deadlines, indicators."""

from __future__ import annotations

import datetime as dt
import re

from ...values import ValueProblem, is_no_data, parse_date_text
from ..findings import Severity
from ..registry import Context, hit, rule
from ._util import fmt_date

# Columns with a rule of their own (problem: ACT-003, responsible: ACT-009, deadline: ACT-007,
# indicators: ACT-010); ACT-001 checks the rest of A–J.
OWN_RULE_COLUMNS = ("responsible", "deadline", "indicators")
# Indicator texts that measure nothing
NOT_MEASURABLE = {"folyamatos", "folyamatosan", "igen", "megvalósul", "megvalósítás", "teljesül",
                  "nincs", "egyéb"}
_SPLIT = re.compile(r"\s*(?:[,;\n]|\bés\b)\s*")


def lettered_columns(ctx: Context):
    return [c for c in ctx.catalog.columns if c.letter]


def deadline_date(value) -> dt.date | None:
    """A deadline as a date: a real date, or text such as "2027. június 30." / "2027.06.30"."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value.strip():
        try:
            return parse_date_text(value)
        except ValueProblem:
            return None
    return None


def problem_refs(ctx: Context, text: str) -> tuple[list, list[str]]:
    """The problems a measure's column B names (ids, or one problem's title) and unknown tokens."""
    by_id = {p.problem_id.casefold(): p for p in ctx.hep.problems if p.problem_id}
    by_title = {p.title.casefold(): p for p in ctx.hep.problems if p.title}
    whole = text.strip().casefold()
    if whole in by_id:
        return [by_id[whole]], []
    if whole in by_title:
        return [by_title[whole]], []
    found, unknown = [], []
    for token in filter(None, _SPLIT.split(text.strip())):
        p = by_id.get(token.casefold())
        (found.append(p) if p else unknown.append(token))
    return found, unknown


def measure_complete(ctx: Context, m) -> bool:
    return all(str(getattr(m, c.id) or "").strip() for c in lettered_columns(ctx)) and \
        deadline_date(m.deadline) is not None and _measurable(m.indicators)


def addressed_problem_ids(ctx: Context) -> set[str]:
    cached = ctx.cache.get("addressed")
    if cached is None:
        cached = set()
        for m in ctx.hep.measures:
            if m.problem:
                cached.update(p.problem_id.casefold() for p in problem_refs(ctx, m.problem)[0])
        ctx.cache["addressed"] = cached
    return cached


def _measurable(text: str) -> bool:
    t = (text or "").strip()
    return bool(t) and not is_no_data(t) and t.casefold().strip(" .!") not in NOT_MEASURABLE


def _label(ctx: Context, m) -> str:
    return f"{m.target_group}/{m.number}" if m.number is not None else f"{m.target_group} ({m.title or '?'})"


@rule("ACT-001", "annex3", Severity.ERROR)
def column_empty(ctx: Context):
    for i, m in enumerate(ctx.hep.measures):
        for col in lettered_columns(ctx):
            if col.id in OWN_RULE_COLUMNS:
                continue
            if not str(getattr(m, col.id) or "").strip():
                yield hit(("measures", i, col.id), col.id, None, measure=_label(ctx, m),
                          column=col.label)


@rule("ACT-002", "annex3", Severity.WARNING)
def number_missing(ctx: Context):
    for i, m in enumerate(ctx.hep.measures):
        if m.number is None:
            yield hit(("measures", i, "number"), "number", None, measure=_label(ctx, m),
                      example=len(ctx.hep.measures_of(m.target_group)))


@rule("ACT-003", "annex3", Severity.ERROR)
def problem_unknown(ctx: Context):
    ids = [p.problem_id for p in ctx.hep.problems if p.problem_id]
    for i, m in enumerate(ctx.hep.measures):
        if not m.problem:
            continue
        found, unknown = problem_refs(ctx, m.problem)
        if unknown:
            yield hit(("measures", i, "problem"), "problem", m.problem, measure=_label(ctx, m),
                      unknown=", ".join(unknown), known=", ".join(ids[:6]) or "—")


@rule("ACT-004", "annex3", Severity.WARNING)
def problem_other_group(ctx: Context):
    for i, m in enumerate(ctx.hep.measures):
        if not m.problem:
            continue
        for p in problem_refs(ctx, m.problem)[0]:
            if p.target_group and p.group != m.target_group:
                yield hit(("measures", i, "problem"), "problem", m.problem, measure=_label(ctx, m),
                          problem=p.problem_id, problem_group=p.target_group, group=m.target_group)


@rule("ACT-005", "annex3", Severity.ERROR)
def problem_not_addressed(ctx: Context):
    addressed = addressed_problem_ids(ctx)
    for i, p in enumerate(ctx.hep.problems):
        if p.problem_id and p.problem_id.casefold() not in addressed and not p.deferral_reason.strip():
            yield hit(("problems", i, "deferral_reason"), "deferral_reason", None, problem=p.problem_id,
                      title=p.title)


@rule("ACT-006", "annex3", Severity.ERROR)
def group_without_measure(ctx: Context):
    for g in ctx.catalog.target_groups:
        if not ctx.hep.measures_of(g.id):
            yield hit(("table", "measures", g.id), "measures", None, group=g.id, group_name=g.name)


@rule("ACT-007", "annex3", Severity.ERROR)
def deadline_not_date(ctx: Context):
    for i, m in enumerate(ctx.hep.measures):
        if deadline_date(m.deadline) is None:
            yield hit(("measures", i, "deadline"), "deadline", m.deadline or None, measure=_label(ctx, m))


@rule("ACT-008", "annex3", Severity.ERROR)
def deadline_outside_period(ctx: Context):
    st = ctx.hep.settlement
    try:
        first, last = dt.date(st.period_start, 1, 1), dt.date(st.period_end, 12, 31)
    except (TypeError, ValueError, OverflowError):  # no period, or one that is not a calendar year
        return
    for i, m in enumerate(ctx.hep.measures):
        day = deadline_date(m.deadline)
        if day is not None and not first <= day <= last:
            yield hit(("measures", i, "deadline"), "deadline", m.deadline, measure=_label(ctx, m),
                      date=fmt_date(day), start=st.period_start, end=st.period_end)


@rule("ACT-009", "annex3", Severity.ERROR)
def responsible_missing(ctx: Context):
    for i, m in enumerate(ctx.hep.measures):
        if not m.responsible.strip():
            yield hit(("measures", i, "responsible"), "responsible", None, measure=_label(ctx, m))


@rule("ACT-010", "annex3", Severity.ERROR)
def indicator_not_measurable(ctx: Context):
    for i, m in enumerate(ctx.hep.measures):
        if not _measurable(m.indicators):
            yield hit(("measures", i, "indicators"), "indicators", m.indicators or None,
                      measure=_label(ctx, m), empty=not m.indicators.strip())


@rule("ACT-011", "annex3", Severity.WARNING)
def measure_number_duplicate(ctx: Context):
    seen: set[tuple] = set()
    for i, m in enumerate(ctx.hep.measures):
        if m.number is None:
            continue
        key = (m.target_group, m.number)
        if key in seen:
            yield hit(("measures", i, "number"), "number", m.number, measure=_label(ctx, m))
        seen.add(key)
