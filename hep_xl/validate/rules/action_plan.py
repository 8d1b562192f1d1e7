"""Annex 3 (3. Intézkedési terv): columns filled, traceability to problems, deadlines, indicators."""

from __future__ import annotations

import datetime as dt
import re

from ...values import ValueProblem, is_no_data, parse_date_text
from ..registry import Context, hit, rule
from ._util import fmt_date

# Columns are picked by their catalog role, never by letter or id. These have a rule of their own
# (responsible party: ACT-009, due date: ACT-007, success indicator: ACT-010); ACT-001 checks the
# rest of the lettered columns. The problem reference is checked by ACT-001 (empty) and ACT-003.
OWN_RULE_ROLES = ("responsible_party", "due_date", "success_indicator")
# Indicator texts that measure nothing
NOT_MEASURABLE = {"folyamatos", "folyamatosan", "igen", "megvalósul", "megvalósítás", "teljesül",
                  "nincs", "egyéb"}
_SPLIT = re.compile(r"\s*(?:[,;\n]|\bés\b)\s*")


def lettered_columns(ctx: Context):
    return [c for c in ctx.catalog.columns if c.letter]


def value(ctx: Context, m, role: str):
    """A measure's value in the column that plays ``role`` (see ``COLUMN_ROLES`` of the catalog)."""
    return getattr(m, ctx.catalog.column_of(role).id)


def text(ctx: Context, m, role: str) -> str:
    v = value(ctx, m, role)
    return v if isinstance(v, str) else ""


def key(ctx: Context, i: int, role: str) -> tuple:
    """The cell-map key of measure ``i``'s cell in the column that plays ``role``."""
    return ("measures", i, ctx.catalog.column_of(role).id)


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
        deadline_date(value(ctx, m, "due_date")) is not None and _measurable(text(ctx, m, "success_indicator"))


def addressed_problem_ids(ctx: Context) -> set[str]:
    cached = ctx.cache.get("addressed")
    if cached is None:
        cached = set()
        for m in ctx.hep.measures:
            ref = text(ctx, m, "problem_reference")
            if ref:
                cached.update(p.problem_id.casefold() for p in problem_refs(ctx, ref)[0])
        ctx.cache["addressed"] = cached
    return cached


def _measurable(text: str) -> bool:
    t = (text or "").strip()
    return bool(t) and not is_no_data(t) and t.casefold().strip(" .!") not in NOT_MEASURABLE


def _label(ctx: Context, m) -> str:
    number = value(ctx, m, "sequence")
    return f"{m.target_group}/{number}" if number is not None else \
        f"{m.target_group} ({text(ctx, m, 'name') or '?'})"


@rule("ACT-001", "annex3")
def column_empty(ctx: Context):
    for i, m in enumerate(ctx.hep.measures):
        for col in lettered_columns(ctx):
            if col.role in OWN_RULE_ROLES:
                continue
            if not str(getattr(m, col.id) or "").strip():
                yield hit(("measures", i, col.id), col.id, None, measure=_label(ctx, m),
                          column=col.label)


@rule("ACT-002", "annex3")
def number_missing(ctx: Context):
    for i, m in enumerate(ctx.hep.measures):
        if value(ctx, m, "sequence") is None:
            yield hit(key(ctx, i, "sequence"), key(ctx, i, "sequence")[2], None, measure=_label(ctx, m),
                      example=len(ctx.hep.measures_of(m.target_group)))


@rule("ACT-003", "annex3")
def problem_unknown(ctx: Context):
    ids = [p.problem_id for p in ctx.hep.problems if p.problem_id]
    for i, m in enumerate(ctx.hep.measures):
        ref = text(ctx, m, "problem_reference")
        if not ref:
            continue
        found, unknown = problem_refs(ctx, ref)
        if unknown:
            k = key(ctx, i, "problem_reference")
            yield hit(k, k[2], ref, measure=_label(ctx, m), column=ctx.catalog.column_of("problem_reference").letter,
                      unknown=", ".join(unknown), known=", ".join(ids[:6]) or "—")


@rule("ACT-004", "annex3")
def problem_other_group(ctx: Context):
    for i, m in enumerate(ctx.hep.measures):
        ref = text(ctx, m, "problem_reference")
        if not ref:
            continue
        for p in problem_refs(ctx, ref)[0]:
            if p.target_group and p.group != m.target_group:
                k = key(ctx, i, "problem_reference")
                yield hit(k, k[2], ref, measure=_label(ctx, m),
                          problem=p.problem_id, problem_group=p.target_group, group=m.target_group)


@rule("ACT-005", "annex3")
def problem_not_addressed(ctx: Context):
    addressed = addressed_problem_ids(ctx)
    for i, p in enumerate(ctx.hep.problems):
        if p.problem_id and p.problem_id.casefold() not in addressed and not p.deferral_reason.strip():
            yield hit(("problems", i, "deferral_reason"), "deferral_reason", None, problem=p.problem_id,
                      title=p.title)


@rule("ACT-006", "annex3")
def group_without_measure(ctx: Context):
    for g in ctx.catalog.target_groups:
        if not ctx.hep.measures_of(g.id):
            yield hit(("table", "measures", g.id), "measures", None, group=g.id, group_name=g.name,
                      count=len(ctx.catalog.target_groups))


@rule("ACT-007", "annex3")
def deadline_not_date(ctx: Context):
    for i, m in enumerate(ctx.hep.measures):
        due = value(ctx, m, "due_date")
        if deadline_date(due) is None:
            k = key(ctx, i, "due_date")
            yield hit(k, k[2], due or None, measure=_label(ctx, m))


@rule("ACT-008", "annex3")
def deadline_outside_period(ctx: Context):
    st = ctx.hep.settlement
    if st.period_start is None or st.period_end is None:
        return
    try:
        first, last = dt.date(st.period_start, 1, 1), dt.date(st.period_end, 12, 31)
    except (ValueError, OverflowError):  # a period that is not a calendar year
        return
    for i, m in enumerate(ctx.hep.measures):
        due = value(ctx, m, "due_date")
        day = deadline_date(due)
        if day is not None and not first <= day <= last:
            k = key(ctx, i, "due_date")
            yield hit(k, k[2], due, measure=_label(ctx, m),
                      date=fmt_date(day), start=st.period_start, end=st.period_end)


@rule("ACT-009", "annex3")
def responsible_missing(ctx: Context):
    for i, m in enumerate(ctx.hep.measures):
        if not text(ctx, m, "responsible_party").strip():
            k = key(ctx, i, "responsible_party")
            yield hit(k, k[2], None, measure=_label(ctx, m))


@rule("ACT-010", "annex3")
def indicator_not_measurable(ctx: Context):
    for i, m in enumerate(ctx.hep.measures):
        indicator = text(ctx, m, "success_indicator")
        if not _measurable(indicator):
            k = key(ctx, i, "success_indicator")
            yield hit(k, k[2], indicator or None, measure=_label(ctx, m), empty=not indicator.strip())


@rule("ACT-011", "annex3")
def measure_number_duplicate(ctx: Context):
    seen: set[tuple] = set()
    for i, m in enumerate(ctx.hep.measures):
        number = value(ctx, m, "sequence")
        if number is None:
            continue
        pair = (m.target_group, number)
        if pair in seen:
            k = key(ctx, i, "sequence")
            yield hit(k, k[2], number, measure=_label(ctx, m))
        seen.add(pair)
