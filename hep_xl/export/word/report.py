"""The implementation report (*beszámoló a HEP IT megvalósulásáról*) the Fórum proposes to the
council for acceptance or rework, built with the HEP document's primitives (:class:`.builder.Builder`:
headings, tables, pictures, sections) and its charts' drawing (:mod:`..figures`).

What it holds, up to the report's year: the basis (the Fórum page's sentence, from the catalog); a
summary of the measures' statuses per target group; per target group a chart of its measures'
statuses year by year and, for each measure, its plan (responsible, deadline, indicator, resources:
the action plan's columns) and its years (status, target against value reached, resources used,
comment, the responsible Fórum member), with a chart for a measure with a numeric target; what the
working groups reported; what the Fórum decided; and the closing proposal to the council (accept or
rework) with the meeting's date and the resolution number left to fill.
"""

from __future__ import annotations

import datetime as dt

from ...model import ForumMeeting, Measure, MonitoringRecord, WorkingGroupReport
from .. import figures
from .. import hungarian as hu
from . import ooxml as X
from .builder import Builder, field_label
from .ooxml import Cell, Table

BLANK = "……………………"


class ReportBuilder(Builder):
    """The body of one implementation report; ``year``: the last year it covers (default: the last
    year of the monitoring records)."""

    def __init__(self, hep, cat, add_image, footers, year: int | None = None):
        super().__init__(hep, cat, add_image, footers, charts=False)
        recorded = [r.year for r in hep.progress if r.year is not None]
        self.year = year if year is not None else (max(recorded) if recorded else hep.settlement.period_start)
        self.years = figures.report_years(hep, self.year)
        # the years covered as a title writes them: "2025" or "2025–2026"
        self.covered = ("" if not self.years else str(self.years[0]) if len(self.years) == 1
                        else hu.period(self.years[0], self.years[-1]))

    # -- the document ----------------------------------------------------------------------------------
    def build(self) -> None:
        self.title_page()
        self.toc_at = len(self.out)
        self.introduction()
        self.summary()
        for g in self.cat.target_groups:
            self.target_group(g)
        self.decisions()
        self.proposal()

    def title_page(self) -> None:
        st, cat = self.hep.settlement, self.cat
        self.add(X.para(self.body_name or "(a település neve nincs megadva)", "Issuer"))
        self.add(X.para(cat.report_title or "Beszámoló", "Title"))
        if self.covered:
            self.add(X.para(self.covered, "Subtitle"))
        lines = []
        programme = hu.period(st.period_start, st.period_end)
        if programme:
            lines.append(f"Helyi Esélyegyenlőségi Program {programme}")
        if st.resolution_number:
            lines.append(f"Elfogadó határozat: {st.resolution_number}")
        for line in lines:
            self.add(X.para(line, "TitleInfo"))
        if st.author_name:
            contact = ", ".join(x for x in (st.author_name, st.author_email, st.author_phone) if x)
            self.add(X.para(f"Készítette: {contact}", "TitleInfo", before=4200, fmt={"italic": True, "size": 9}))

    def introduction(self) -> None:
        st = self.hep.settlement
        self.heading(1, "Bevezetés")
        covered = self.covered
        programme = hu.period(st.period_start, st.period_end)
        name = self.body_name or st.name
        self.text(f"{name} a Helyi Esélyegyenlőségi Programot ({programme}) "
                  + (f"{hu.with_article(st.resolution_number)} alapján " if st.resolution_number else "")
                  + "fogadta el. E beszámoló a program intézkedési tervének (HEP IT) megvalósulását mutatja be "
                  + (f"a {covered}. évekre." if "–" in covered else f"a {covered}. évre." if covered else "."))
        if self.cat.report_basis:
            self.text(f"A HEP Fórum működésének szabályai szerint: „{self.cat.report_basis}”")
        self.text("Célcsoportonként minden intézkedésnél szerepel a felelős, a határidő, a siker mérőszáma, az "
                  "évenkénti állapot, a célérték és az elért érték, a felhasznált erőforrások és a felelős "
                  "Fórum-tag; a célcsoportok végén a munkacsoportok beszámolói, a beszámoló végén a Fórum döntései "
                  "és javaslata a képviselő-testületnek.")
        if not self.hep.progress:
            self.note("A munkafüzet Megvalósítás lapján még nincs rögzített állapot.")

    def _status_of(self, record) -> str:
        status = self.cat.status_of(record.status)
        return status.name if status is not None else record.status

    def _last(self, m: Measure):
        rows = [r for r in self.hep.progress_of(m.target_group, self._number(m))
                if r.year is not None and r.year <= self.year]
        return rows[-1] if rows else None

    def _number(self, m: Measure):
        return getattr(m, self.cat.column_of("sequence").id)

    def summary(self) -> None:
        cat = self.cat
        self.heading(1, "Összefoglalás")
        statuses = [v.name for v in cat.monitoring_statuses]
        header = ["Célcsoport", "Intézkedés", *statuses, "nincs adat"]
        rows = []
        for g in cat.target_groups:
            measures = self.hep.measures_of(g.id)
            counts = dict.fromkeys([*statuses, "nincs adat"], 0)
            for m in measures:
                last = self._last(m)
                name = self._status_of(last) if last is not None else "nincs adat"
                counts[name if name in counts else "nincs adat"] += 1
            rows.append([f"{g.id}. {g.short_name}", str(len(measures)), *(str(counts[s]) for s in counts)])
        self.text(f"Az intézkedések legutóbbi ({self.year}. évi vagy korábbi) állapota célcsoportonként:")
        self.caption(f"Az intézkedések legutóbbi állapota ({self.year})" if self.year else "Az intézkedések állapota")
        widths = X.fit([[header[c], *(r[c] for r in rows)] for c in range(len(header))], X.PORTRAIT_WIDTH)
        cells = [[Cell(h) for h in header]]
        cells += [[Cell(v, align=None if c == 0 else "right") for c, v in enumerate(r)] for r in rows]
        self.table(Table(cells, widths, keep_together=True))

    def picture(self, chart: figures.ChartData) -> None:
        n = self.add_chart(chart)
        self.add(X.para(f"{n}. ábra: {chart.title}", "FigureCaption"))

    def target_group(self, g) -> None:
        cat, hep = self.cat, self.hep
        self.heading(1, f"{g.id}. {g.name}")
        measures = hep.measures_of(g.id)
        if not measures:
            self.note("Ehhez a célcsoporthoz nincs intézkedés.")
            return
        chart = figures.status_chart(hep, g.id, self.year, cat)
        if chart is not None:
            self.picture(chart)
        for m in measures:
            self.measure(m)
        self.working_group_reports(g)

    def measure(self, m: Measure) -> None:
        cat = self.cat
        number = self._number(m)
        label = f"{m.target_group}/{number}" if number is not None else m.target_group
        self.heading(2, f"{label}. {getattr(m, cat.column_of('name').id)}")
        plan = [(c.heading, self._column_value(m, c)) for c in cat.columns
                if c.role in ("responsible_party", "due_date", "success_indicator", "resources")]
        widths = _label_column(X.fit([[r[0] for r in plan], [r[1] for r in plan]], X.PORTRAIT_WIDTH, header_rows=0))
        self.table(Table([[Cell(k, bold=True), Cell(v)] for k, v in plan], widths, header_rows=0, keep_together=True))
        rows = [r for r in self.hep.progress_of(m.target_group, number) if r.year is not None and r.year <= self.year]
        if not rows:
            self.note("Az intézkedés megvalósulásáról nincs rögzített adat.")
            return
        names = ("year", "status", "target", "reached", "resources_used", "comment", "responsible_member")
        header = [field_label(MonitoringRecord, n) for n in names]
        body = [[str(r.year), self._status_of(r), hu.format_number(r.target, hu.NO_VALUE),
                 hu.format_number(r.reached, hu.NO_VALUE), r.resources_used, r.comment, r.responsible_member]
                for r in rows]
        self.caption(f"A(z) {label} intézkedés megvalósulása évenként")
        widths = X.fit([[header[c], *(b[c] for b in body)] for c in range(len(header))], X.PORTRAIT_WIDTH)
        cells = [[Cell(h) for h in header]]
        cells += [[Cell(v, align="right" if c in (2, 3) else None) for c, v in enumerate(b)] for b in body]
        self.table(Table(cells, widths, keep_together=len(body) <= 6))
        chart = figures.progress_chart(self.hep, m, self.year, cat)
        if chart is not None:
            self.picture(chart)

    def working_group_reports(self, g) -> None:
        fo = self.hep.forum
        groups = {w.name.casefold().strip() for w in fo.working_groups if w.group == g.id and w.name.strip()}
        labels = {f"{g.id}/{self._number(m)}" for m in self.hep.measures_of(g.id)}
        reports = [r for r in fo.reports
                   if (r.year is None or r.year <= self.year)
                   and (r.group.casefold().strip() in groups
                        or labels & {x.strip() for x in r.measures.replace(";", ",").split(",")})]
        if not reports:
            return
        self.heading(2, "A munkacsoportok beszámolói")
        names = ("group", "year", "date", "summary", "measures")
        header = [field_label(WorkingGroupReport, n) for n in names]
        body = [[r.group, "" if r.year is None else str(r.year), hu.format_date(r.date), r.summary, r.measures]
                for r in reports]
        self.caption(f"A munkacsoportok beszámolói – {g.short_name}")
        widths = X.fit([[header[c], *(b[c] for b in body)] for c in range(len(header))], X.PORTRAIT_WIDTH)
        self.table(Table([[Cell(h) for h in header]] + [[Cell(v) for v in b] for b in body], widths))

    def decisions(self) -> None:
        self.heading(1, "A HEP Fórum döntései")
        last = self.year
        meetings = [m for m in self.hep.forum.meetings
                    if m.date is not None and (last is None or m.date.year <= last + 1)
                    and (m.decisions.strip() or m.reviewed_year is not None or m.report_year is not None
                         or m.revised_plan.strip() or m.kind.strip())]
        if not meetings:
            self.note("A Fórum üléseinek döntései még nincsenek rögzítve.")
            return
        header = ["Ülés", field_label(ForumMeeting, "kind"), field_label(ForumMeeting, "decisions"),
                  "Áttekintett év", "Elfogadásra javasolt dokumentumok"]
        body = []
        for m in sorted(meetings, key=lambda x: x.date or dt.date.min):
            docs = []
            if m.report_year is not None:
                docs.append(f"beszámoló a HEP IT {m.report_year}. évi megvalósulásáról")
            if m.revised_plan.strip():
                docs.append(m.revised_plan.strip())
            kind = self.cat.meeting_type_of(m.kind)
            body.append([hu.format_date(m.date) + (f" ({m.minutes_ref})" if m.minutes_ref else ""),
                         kind.name if kind else m.kind, m.decisions,
                         "" if m.reviewed_year is None else str(m.reviewed_year), "; ".join(docs)])
        self.caption("A HEP Fórum ülései és döntései")
        widths = X.fit([[header[c], *(b[c] for b in body)] for c in range(len(header))], X.PORTRAIT_WIDTH)
        self.table(Table([[Cell(h) for h in header]] + [[Cell(v) for v in b] for b in body], widths))

    def proposal(self) -> None:
        self.heading(1, "A HEP Fórum javaslata a képviselő-testületnek")
        covered = self.covered
        options = " / ".join(self.cat.report_proposals) or BLANK
        council = hu.genitive(self.body_name)
        who = f"{council} Képviselő-testületének" if council else "a képviselő-testületnek"
        self.text(f"A HEP Fórum a Helyi Esélyegyenlőségi Program intézkedési tervének {covered}. évi megvalósulásáról "
                  f"készült beszámolót {BLANK} napján tartott ülésén megtárgyalta, és javasolja {who} a beszámoló "
                  f"{options}.*")
        self.note("* A nem kívánt rész törlendő.")
        self.text("A Fórum ülésének dátuma: " + BLANK)
        self.text("A Fórum határozatának száma: " + BLANK)
        self.text("A képviselő-testület határozatának száma: " + BLANK)
        self.signatures(when=BLANK)


def _label_column(widths: list[int]) -> list[int]:
    """A two-column label/value table: the label column at most a third of the width."""
    label = min(widths[0], X.PORTRAIT_WIDTH // 3)
    return [label, X.PORTRAIT_WIDTH - label]
