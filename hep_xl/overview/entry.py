"""One settlement in the overview: its summary line and the content of its page.

An :class:`Entry` is built from the model a workbook reads into and the validator's report on it
(:func:`summarize`), never from values cached in the workbook: the derived key indicators are
computed from their inputs (:mod:`hep_xl.derive`), completeness is the validator's score. Entries
are plain data, so worker processes can build them and hand them to the process that writes the
pages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..catalog import Catalog, load_catalog
from ..derive import DerivationError, derivations
from ..model import Hep
from ..validate import Report
from ..validate.config import DEFAULT_CONFIG
from ..validate.registry import Context
from ..validate.report_sheet import sort_key
from ..validate.rules._util import SETTLED_ROLES, is_number, latest_role
from ..validate.rules.action_plan import deadline_date, problem_refs
from ..workbook import SHEET_ORDER, SHEETS
from .identity import Identity, identity_of

# the sheets a finding can point at, in workbook order (the report and meta sheets hold none)
FINDING_SHEETS: tuple[str, ...] = tuple(s for s in SHEET_ORDER if s not in (SHEETS.instructions, SHEETS.report,
                                                                            SHEETS.meta))
SEVERITIES = ("error", "warning", "info")


@dataclass
class FindingRow:
    sheet: str
    cell: str
    severity: str  # Severity value: error | warning | info
    severity_label: str
    rule_id: str
    message: str


@dataclass
class MeasureRow:
    group: str
    number: int | None
    title: str
    problem: str  # column B as typed
    problem_ids: list[str]  # the known problems it names
    deadline: dt.date | None
    deadline_text: str  # as typed when it is not a date ("folyamatos")
    responsible: str
    late: bool  # the deadline is a date before the reference date, and the latest record is neither done nor cancelled

    @property
    def label(self) -> str:
        return f"{self.group}/{self.number}" if self.number is not None else f"{self.group}/–"


@dataclass
class ProblemRow:
    id: str
    group: str  # as read ("II"); may be a typo the validator reports
    title: str
    deferral_reason: str
    measures: list[int] = field(default_factory=list)  # indices into Entry.measures


@dataclass
class KeySeries:
    """One key indicator of one settlement: its values by year (None: blank or no data)."""

    id: str
    label: str
    unit: str
    points: list[tuple[int, float | None]]
    computed_years: list[int]  # years whose value we computed from the inputs (derived indicators)

    @property
    def latest(self) -> tuple[int, float] | None:
        for year, value in reversed(self.points):
            if value is not None:
                return year, value
        return None


@dataclass
class Entry:
    source: str  # the workbook, absolute path
    name: str
    identity: Identity
    period_start: int | None
    period_end: int | None
    adoption_date: dt.date | None
    resolution_number: str
    review_dates: list[dt.date]
    scores: dict[str, float]
    counts: dict[str, dict[str, int]]  # sheet -> severity -> number of findings
    problems_per_group: dict[str, int]
    measures_per_group: dict[str, int]
    findings: list[FindingRow]
    problems: list[ProblemRow]
    measures: list[MeasureRow]
    key_series: list[KeySeries]
    catalog_version: str
    template_version: str = ""
    page: str = ""  # the settlement page, relative to the overview folder (set when pages are named)
    outputs: dict[str, str] = field(default_factory=dict)  # format -> archived file (convert), relative

    @property
    def last_review(self) -> dt.date | None:
        return max(self.review_dates) if self.review_dates else None

    def total(self, severity: str) -> int:
        return sum(c.get(severity, 0) for c in self.counts.values())

    @property
    def late_measures(self) -> list[MeasureRow]:
        return [m for m in self.measures if m.late]

    @property
    def unlinked_measures(self) -> list[MeasureRow]:
        return [m for m in self.measures if not m.problem_ids]

    def key(self, key_id: str) -> KeySeries | None:
        return next((k for k in self.key_series if k.id == key_id), None)


@dataclass
class Unreadable:
    """An input the overview could not read, with the reader's Hungarian reason."""

    source: str
    reason: str


def summarize(hep: Hep, report: Report, source: str, reference_date: dt.date, *,
              template_version: str = "") -> Entry:
    """The overview entry of one HEP from its model and the validator's report on it."""
    cat = load_catalog(hep.catalog_version)
    st = hep.settlement
    counts = {s: {sev: 0 for sev in SEVERITIES} for s in FINDING_SHEETS}
    findings = []
    for f in sorted(report.findings, key=sort_key):
        counts.setdefault(f.sheet, {sev: 0 for sev in SEVERITIES})[f.severity.value] += 1
        findings.append(FindingRow(f.sheet, f.cell, f.severity.value, f.severity.label("hu"), f.rule_id,
                                   f.text("hu")))
    measures, problems = _action_plan(hep, cat, reference_date)
    groups = [g.id for g in cat.target_groups]
    return Entry(
        source=source, name=st.name.strip(), identity=identity_of(st),
        period_start=st.period_start, period_end=st.period_end, adoption_date=st.adoption_date,
        resolution_number=st.resolution_number, review_dates=[d for d in st.review_dates if d],
        scores=dict(report.scores), counts=counts,
        problems_per_group={g: sum(p.group == g for p in problems) for g in groups},
        measures_per_group={g: sum(m.group == g for m in measures) for g in groups},
        findings=findings, problems=problems, measures=measures, key_series=key_series(hep, cat),
        catalog_version=hep.catalog_version, template_version=template_version)


def _action_plan(hep: Hep, cat: Catalog, reference_date: dt.date) -> tuple[list[MeasureRow], list[ProblemRow]]:
    ctx = Context(hep, cat, DEFAULT_CONFIG)
    problems = [ProblemRow(p.problem_id.strip(), p.group.strip(), p.title.strip(), p.deferral_reason.strip())
                for p in hep.problems]
    index = {id(p): k for k, p in enumerate(hep.problems)}
    measures = []
    for m in hep.measures:
        named = list({id(p): p for p in problem_refs(ctx, m.problem)[0]}.values()) if m.problem.strip() else []
        day = deadline_date(m.deadline)
        settled = latest_role(hep, cat, m.target_group, m.number) in SETTLED_ROLES  # its latest record, as MON-002
        measures.append(MeasureRow(
            m.target_group, m.number, m.title.strip(), m.problem.strip(), [p.problem_id.strip() for p in named],
            day, "" if day else str(m.deadline or "").strip(), m.responsible.strip(),
            day is not None and day < reference_date and not settled))
        for p in named:
            problems[index[id(p)]].measures.append(len(measures) - 1)
    return measures, problems


def key_series(hep: Hep, cat: Catalog) -> list[KeySeries]:
    """The catalog's key indicators for ``hep``; a derived one computed from its inputs where they
    are there (what the clerk typed only where they are not, e.g. the first year of indicator 2)."""
    by_target = {d.target: d for d in derivations(cat)}

    def number(sid: str, year: int):
        s = hep.indicators.get(sid)
        v = s.values.get(year) if s else None
        return v if is_number(v) else None

    out = []
    for k in cat.key_indicators:
        d = by_target.get(k.series)
        points, computed = [], []
        for year in hep.years:
            value = None
            if d is not None:
                try:
                    value = d.compute(number, year)
                except DerivationError:
                    value = None
                if is_number(value):
                    computed.append(year)
                else:
                    value = None
            if value is None:
                value = number(k.series, year)
            points.append((year, value))
        out.append(KeySeries(k.id, k.label, cat.series_by_id[k.series].unit, points, computed))
    return out
