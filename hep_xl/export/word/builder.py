"""The body of the Word document, part by part in the order of the catalog's document frame
(``document.json``): the clerk's text of each part, then what the program generates there.

What is generated (never typed twice): the title page and the table of contents; the settlement's
key figures (Annex 1); the situation analysis (Annex 2 chapters with the narratives, each Annex 1
indicator table once — in the first section that uses it, referred to from the others — and the
catalog's charts); the summary of the findings (the conclusions' problems and opportunities across
the target groups); who implements the measures; one detail form per measure; the action plan
(Annex 3, landscape); the HEP Fórum; the adoption with the signatures.

Provenance is shown as an official document shows it: under each indicator table the decree's
source and the day the data were retrieved, the clerk's notes (the loader's bookkeeping — file
names and rows — stays in the workbook and the JSON document). Tables and figures are numbered;
a part that refers to a table printed later (the key figures) is written when the body is finished.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from ...catalog import SERIES_ROLE_LABELS, Catalog, FramePart, IndicatorDef
from ...model import (
    MEETING_MONITORING_FIELDS,
    STATUS_NOT_RELEVANT,
    ForumMeeting,
    ForumMember,
    Hep,
    Measure,
    Problem,
    WorkingGroup,
    fields_of,
)
from .. import figures
from .. import hungarian as hu
from . import ooxml as X
from .ooxml import Cell, Table

UNASSIGNED_TITLE = "Célcsoporthoz nem rendelt problémák"
NOT_WRITTEN = "E rész szövege még nem készült el."
ITEM_NOT_WRITTEN = "E pont kifejtése még nem készült el."
# the fill command's own notes (hep_xl.fill.plan's LOADED_PREFIX, DERIVED_PREFIX and its "nincs adat a
# forrásban" note; a test keeps them equal): bookkeeping for the workbook, not for the council
LOADER_NOTE_PREFIXES = ("betöltve:", "számított:", "nincs adat a forrásban:")


def clerk_note(note: str) -> str:
    """The clerk's part of an indicator note: what stands before the fill command's first own note
    (fill appends its notes after the clerk's: "betöltve: …", "számított: …")."""
    kept = []
    for part in note.split("; "):
        if part.strip().startswith(LOADER_NOTE_PREFIXES):
            break
        kept.append(part)
    return "; ".join(kept).strip()


class Builder:
    """Builds the body XML of one HEP. ``add_image(png) -> rId`` embeds a picture in the package;
    ``footers`` maps "default" (every page) and "first" (the title page, without a page number) to
    the footer parts' relationship ids."""

    def __init__(self, hep: Hep, cat: Catalog, add_image: Callable[[bytes], str], footers: dict[str, str],
                 charts: bool = True):
        self.hep, self.cat = hep, cat
        self.add_image, self.footers = add_image, footers
        self.charts = figures.charts_of(hep, cat) if charts else []
        self.out: list[str | Callable[[], str]] = []  # a callable: written when the body is finished
        self.toc: list[tuple[int, str]] = []
        self.toc_at = 0
        self.tables = self.pictures = 0
        self.refs: dict[str, str] = {}
        self.first_section = True
        st = hep.settlement
        self.body_name = hu.issuing_body(st.name, self._status(), hep.frame.issuing_body)
        order = {item.id: i for i, item in enumerate(cat.checklist_items)}
        # each indicator is printed once, in the first section (in document order) that uses it
        self.home = {ind.number: min(ind.sections, key=lambda s: order.get(s, len(order)))
                     for ind in cat.indicators if ind.sections}
        self.placed: dict[str, list[IndicatorDef]] = {}
        self.mentioned: dict[str, list[IndicatorDef]] = {}
        for ind in cat.indicators:
            for sec in ind.sections:
                (self.placed if self.home[ind.number] == sec else self.mentioned).setdefault(sec, []).append(ind)
        self.charts_at: dict[str, list[figures.ChartData]] = {}
        for c in self.charts:
            self.charts_at.setdefault(c.section, []).append(c)
        self.problem_titles = {p.problem_id: p.title for p in hep.problems if p.problem_id}

    def _status(self) -> str:
        from ... import register

        st = self.hep.settlement
        place = register.by_code(st.ksh_code) if st.ksh_code else None
        if place is None or (st.name and place.name.casefold() != st.name.strip().casefold()):
            place = register.by_name(st.name) if st.name else None
        return place.status if place else ""

    # -- primitives ----------------------------------------------------------------------------------
    def add(self, xml: str) -> None:
        self.out.append(xml)

    def later(self, write: Callable[[], str]) -> None:
        """Content written when the body is finished (it refers to tables numbered after it)."""
        self.out.append(write)

    def heading(self, level: int, text: str) -> None:
        text = X.clean_text(text).replace("\n", " ").strip().rstrip(".").strip()
        self.add(X.para(text, f"Heading{min(level, 4)}"))
        if level <= self.cat.frame_toc_levels:
            self.toc.append((level, text))

    def text(self, text: str, style: str | None = None) -> None:
        for line in X.clean_text(text).split("\n"):
            if line.strip():
                self.add(X.para(line.strip(), style))

    def note(self, text: str) -> None:
        self.add(X.para(text, "Note"))

    def caption(self, title: str) -> int:
        self.tables += 1
        self.add(X.para(f"{self.tables}. táblázat: {title}", "Caption"))
        return self.tables

    def source(self, text: str) -> None:
        self.add(X.para(text, "Source"))

    def table(self, tb: Table) -> None:
        self.add(X.table(tb))

    def close_section(self, landscape: bool) -> None:
        """End the current section (portrait or ``landscape``) with its last paragraph."""
        sect = X.sect_pr(landscape, self._footers(), title_page=self.first_section)
        self.first_section = False
        last = self.out[-1] if self.out else ""
        if isinstance(last, str) and last.startswith("<w:p>") and last.endswith("</w:p>") and "<w:sectPr>" not in last:
            self.out[-1] = X.with_section(last, sect)
        else:
            self.add(X.with_section(X.para("", "SectionEnd"), sect))

    def _footers(self) -> dict[str, str]:
        """The title page (first page of the first section) has its own footer, without a number."""
        if self.first_section:
            return self.footers
        return {k: v for k, v in self.footers.items() if k != "first"}

    # -- the document ----------------------------------------------------------------------------------
    def build(self) -> None:
        self.title_page()
        self.toc_at = len(self.out)
        for part in self.cat.frame_parts:
            landscape = part.generated == "action_plan_table"
            if landscape:
                self.close_section(landscape=False)
            self.heading(part.level, part.heading)
            text = self.hep.frame_text(part.id)
            if text:
                self.text(text)
            elif part.written and not part.optional:
                self.note(NOT_WRITTEN)
            if part.generated:
                getattr(self, f"gen_{part.generated}")(part)
            if landscape:
                self.close_section(landscape=True)

    def xml(self) -> str:
        """The body's content (without the final section properties)."""
        parts = self.out[:self.toc_at] + [self.toc_xml()] + self.out[self.toc_at:]
        return "".join(p if isinstance(p, str) else p() for p in parts)

    def final_sect_pr(self) -> str:
        return X.sect_pr(False, self._footers(), title_page=self.first_section)

    # -- title page and contents ---------------------------------------------------------------------------
    def title_page(self) -> None:
        st, cat = self.hep.settlement, self.cat
        self.add(X.para(self.body_name or "(a település neve nincs megadva)", "Issuer"))
        self.add(X.para("Helyi Esélyegyenlőségi Program", "Title"))
        period = hu.period(st.period_start, st.period_end)
        if period:
            self.add(X.para(period, "Subtitle"))
        lines = []
        if st.resolution_number:
            lines.append(f"Elfogadó határozat: {st.resolution_number}")
        if st.adoption_date:
            lines.append(f"Az elfogadás dátuma: {hu.format_date(st.adoption_date)}")
        if st.review_dates:
            lines.append("Felülvizsgálat: " + "; ".join(hu.format_date(d) for d in st.review_dates))
        for line in lines:
            self.add(X.para(line, "TitleInfo"))
        basis = f"Készült {hu.citation(cat.title)} alapján."
        self.add(X.para(basis, "TitleInfo", before=4200, fmt={"italic": True, "size": 9}))
        if st.author_name:
            contact = ", ".join(x for x in (st.author_name, st.author_email, st.author_phone) if x)
            self.add(X.para(f"Kapcsolattartó: {contact}", "TitleInfo", fmt={"italic": True, "size": 9}))

    def toc_xml(self) -> str:
        """The TOC field, pre-filled with the headings (Word and LibreOffice add the page numbers)."""
        out = [X.para("Tartalomjegyzék", "TOCHeading")]
        entries = self.toc or [(1, "")]
        levels = self.cat.frame_toc_levels
        for i, (level, text) in enumerate(entries):
            runs = f"<w:r>{X.t(text)}</w:r>"
            if i == 0:
                begin = X.field(f'TOC \\o "1-{levels}" \\h \\z \\u').split('<w:r><w:fldChar w:fldCharType="end"/>')[0]
                runs = begin + runs
            if i == len(entries) - 1:
                runs += '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
            out.append(f'<w:p><w:pPr><w:pStyle w:val="TOC{level}"/></w:pPr>{runs}</w:p>')
        return "".join(out)

    # -- generated parts ---------------------------------------------------------------------------------
    def gen_key_figures(self, part: FramePart) -> None:
        hep, cat = self.hep, self.cat
        years = sorted(hep.years)
        if not years:
            return
        first, last = years[0], years[-1]
        rows = []
        for sid in part.figures:
            s, sd = hep.indicators.get(sid), cat.series_by_id[sid]
            if s is None or not s.values:
                continue
            rows.append((sd, hu.format_number(s.values.get(first), hu.NO_VALUE),
                         hu.format_number(s.values.get(last), hu.NO_VALUE)))
        if not rows:
            self.note("A fő adatok még nincsenek kitöltve.")
            return
        self.caption(part.figures_title or part.heading)
        self.later(lambda: self._key_figures_table([str(first), str(last)], rows))
        self.source(f"Forrás: {hu.citation(cat.title)} {cat.annexes['annex1']}e szerinti adatok; a részletes "
                    "táblázatokat lásd a helyzetelemzésben.")

    def _key_figures_table(self, years: list[str], rows) -> str:
        header = ["Mutató", "Mértékegység", *years, "Részletesen"]
        body = [[sd.name, sd.unit, a, b, self.refs.get(f"ind{sd.indicator_number}", "")] for sd, a, b in rows]
        widths = X.fit([[header[c], *(r[c] for r in body)] for c in range(len(header))], X.PORTRAIT_WIDTH)
        cells = [[Cell(h, align="right" if c in (2, 3) else None) for c, h in enumerate(header)]]
        cells += [[Cell(v, align="right" if c in (2, 3) else None) for c, v in enumerate(r)] for r in body]
        return X.table(Table(cells, widths, keep_together=True))

    def gen_situation_analysis(self, part: FramePart) -> None:
        cat, level = self.cat, part.level + 1
        for ch in cat.chapters:
            self.heading(level, f"{ch.number}. {ch.title}")
            for item in ch.items:
                self.item(item, level)
        self.unassigned_problems(level)

    def item(self, item, chapter_level: int) -> None:
        e = self.hep.checklist.get(item.id)
        has_text = bool(e and (e.narrative.strip() or e.data_gaps.strip()))
        tables = self.placed.get(item.id, []) + self.mentioned.get(item.id, []) + self.charts_at.get(item.id, [])
        if item.illustrative and not has_text and not tables and not item.conclusions_of:
            return  # an illustrative point (footnote 3) the clerk left out
        is_section = item.level == "section"
        letter = item.id.rsplit(".", 1)[-1]
        label = f"{item.id}." if is_section else f"{letter})"
        direct_point = item.level == "point" and item.parent == item.chapter
        self.heading(chapter_level + (1 if is_section or direct_point else 2), f"{label} {item.text}")
        if e and e.state == STATUS_NOT_RELEVANT:
            self.note("A település e pontot nem tartja relevánsnak" + (":" if e.narrative.strip() else "."))
        if e and e.narrative.strip():
            self.text(e.narrative)
        elif not (e and e.state == STATUS_NOT_RELEVANT) and not item.illustrative:
            self.note(ITEM_NOT_WRITTEN)
        if e and e.data_gaps.strip():
            self.add(X.para("", runs=X.run("Adathiányok: ", bold=True) + X.run(e.data_gaps)))
        for ind in self.placed.get(item.id, ()):
            self.indicator_table(ind, item.id)
        for ind in self.mentioned.get(item.id, ()):
            self.add(X.para(self._ref_line(ind), "Reference"))
        for chart in self.charts_at.get(item.id, ()):
            self.figure(chart)
        if item.conclusions_of:
            self.conclusions(item.conclusions_of)

    def _indicator_title(self, ind: IndicatorDef) -> str:
        unit = f" ({ind.unit})" if ind.unit else ""
        return f"{ind.name}{unit} – {self.cat.annexes['annex1']}, {ind.number}. mutató"

    def _ref_line(self, ind: IndicatorDef) -> str:
        return f"{ind.name} ({self.cat.annexes['annex1']}, {ind.number}. mutató): lásd {self.refs[f'ind{ind.number}']}."

    def indicator_table(self, ind: IndicatorDef, section: str) -> None:
        hep, years = self.hep, sorted(self.hep.years)
        n = self.caption(self._indicator_title(ind))
        self.refs[f"ind{ind.number}"] = f"{hu.section_ref(section)}, {n}. táblázat"
        self.refs[f"tab{ind.number}"] = f"{n}. táblázat"
        header = ["Megnevezés", "Mértékegység", *(str(y) for y in years)]
        rows: list[list[str]] = []
        retrieved: list = []
        notes: dict[str, list[str]] = {}
        for sd in ind.rows:
            s = hep.indicators.get(sd.id)
            role = "" if sd.role == "series" else f" ({SERIES_ROLE_LABELS[sd.role]})"
            values = s.values if s else {}
            rows.append([sd.name + role, sd.unit, *(hu.format_number(values.get(y), hu.NO_VALUE) for y in years)])
            if s is None:
                continue
            if s.retrieved and s.retrieved not in retrieved:
                retrieved.append(s.retrieved)
            note = clerk_note(s.note)
            if note:
                notes.setdefault(note, []).append(sd.name)
        columns = [[header[c], *(r[c] for r in rows)] for c in range(len(header))]
        widths = _indicator_widths(columns, X.PORTRAIT_WIDTH)
        cells = [[Cell(h, align="right" if c >= 2 else None) for c, h in enumerate(header)]]
        cells += [[Cell(v, align="right" if c >= 2 else None) for c, v in enumerate(r)] for r in rows]
        self.table(Table(cells, widths, keep_together=len(rows) <= 20))
        line = f"Forrás: {ind.source}."
        if retrieved:
            line += " Az adatok lekérése: " + ", ".join(hu.format_date(d) for d in sorted(retrieved))
        if ind.derivation is not None:
            line += f" Számítás: {ind.derivation.formula}."
        for note, names in notes.items():  # a note the rows share is printed once
            who = "" if len(ind.rows) == 1 or len(names) == len(ind.rows) else "; ".join(names) + ": "
            line += f"\nMegjegyzés – {who}{note}"
        self.add(X.para(line, "Source"))

    def add_chart(self, chart: figures.ChartData) -> int:
        """The chart as a numbered picture whose description holds its data; returns its number."""
        cx, cy = figures.size_emu(chart)
        rid = self.add_image(figures.render_png(chart))
        self.pictures += 1
        n = self.pictures
        descr = f"{chart.title}: " + "; ".join(
            f"{s.label} " + ", ".join(f"{y}: {hu.format_number(v, hu.NO_VALUE)}" for y, v in zip(chart.years, s.values))
            for s in chart.series)
        self.add(X.para("", "Figure", runs=X.picture(rid, cx, cy, 1000 + n, f"{n}. ábra", descr)))
        return n

    def figure(self, chart: figures.ChartData) -> None:
        n = self.add_chart(chart)
        self.later(lambda: X.para(f"{n}. ábra: {chart.title} (adatok: "
                                  + ", ".join(self.refs.get(f"tab{i}", "") for i in chart.indicators) + ")",
                                  "FigureCaption"))

    def conclusions(self, group_id: str) -> None:
        g = self.cat.target_group_by_id[group_id]
        problems = self.hep.problems_of(group_id)
        if not problems:
            self.note("Ehhez a célcsoporthoz nincs rögzített probléma.")
            return
        self.caption(f"A feltárt problémák és a fejlesztési lehetőségek – {g.short_name}")
        self._problem_table([f for f in fields_of(Problem) if f.name != "target_group"], problems)

    def _problem_table(self, fields, problems) -> None:
        if not any(p.deferral_reason for p in problems):
            fields = [f for f in fields if f.name != "deferral_reason"]
        header = [f.label for f in fields]
        rows = [[getattr(p, f.name) for f in fields] for p in problems]
        widths = X.fit([[header[c], *(r[c] for r in rows)] for c in range(len(header))], X.PORTRAIT_WIDTH)
        cells = [[Cell(h) for h in header]] + [[Cell(v, bold=c == 0) for c, v in enumerate(r)] for r in rows]
        self.table(Table(cells, widths))

    def unassigned_problems(self, level: int) -> None:
        """Problems whose target group is blank or not one of the catalog's: listed, so nothing is lost."""
        groups = self.cat.target_group_by_id
        problems = [p for p in self.hep.problems if p.group not in groups
                    and any(getattr(p, f.name) for f in fields_of(Problem))]
        if not problems:
            return
        self.heading(level, UNASSIGNED_TITLE)
        self.note("Az alábbi problémák célcsoportja üres, vagy nem tartozik a célcsoportok ("
                  + ", ".join(groups) + ") közé, ezért a fenti fejezetekben nem szerepelnek. Adja meg a "
                  "célcsoportjukat a munkafüzet Következtetések lapján.")
        self.caption(UNASSIGNED_TITLE)
        self._problem_table(list(fields_of(Problem)), problems)

    def _grouped(self, header: list[str], groups: list[tuple[str, list[list[str]]]], bold_first: bool = False):
        """A table whose first column names the target group once, merged over its rows."""
        rows = [[Cell(h) for h in header]]
        texts = [[h] for h in header]
        for name, group_rows in groups:
            for i, r in enumerate(group_rows):
                rows.append([Cell(name if i == 0 else "", bold=True, fill=X.GROUP_FILL,
                                  vmerge=("restart" if i == 0 else "continue") if len(group_rows) > 1 else None)]
                            + [Cell(v) for v in r])
                for c, v in enumerate([name, *r]):
                    texts[c].append(v)
        return rows, X.fit(texts, X.PORTRAIT_WIDTH)

    def gen_findings_summary(self, part: FramePart) -> None:
        problem = field_label(Problem, "title")
        opportunity = field_label(Problem, "opportunity")
        groups = []
        for g in self.cat.target_groups:
            ps = [p for p in self.hep.problems_of(g.id) if p.title or p.opportunity]
            if ps:
                groups.append((f"{g.id}. {g.short_name}",
                               [[f"{p.problem_id}: {p.title}" if p.problem_id else p.title, p.opportunity]
                                for p in ps]))
        if not groups:
            self.note("A helyzetelemzés következtetései még nem neveznek meg problémát.")
            return
        self.caption(part.heading)
        rows, widths = self._grouped(["Célcsoport", problem, opportunity], groups)
        self.table(Table(rows, widths))

    def _measure_label(self, m: Measure) -> str:
        number = getattr(m, self.cat.column_of("sequence").id)
        return f"{m.target_group}/{number}" if number is not None else m.target_group

    def _column_value(self, m: Measure, column) -> str:
        v = getattr(m, column.id)
        if column.role == "sequence":
            return "" if v is None else str(v)
        if column.role == "due_date":
            return hu.format_deadline(v)
        if column.role == "problem_reference" and v in self.problem_titles:
            return f"{v}: {self.problem_titles[v]}"
        return "" if v is None else str(v)

    def gen_implementers(self, part: FramePart) -> None:
        cat = self.cat
        name, responsible = cat.column_of("name"), cat.column_of("responsible_party")
        partners = field_label(Measure, "partners")
        groups = []
        for g in cat.target_groups:
            ms = self.hep.measures_of(g.id)
            if ms:
                groups.append((f"{g.id}. {g.short_name}",
                               [[f"{self._measure_label(m)}. {getattr(m, name.id)}".strip(),
                                 getattr(m, responsible.id), m.partners] for m in ms]))
        if not groups:
            self.note("Az intézkedési terv még nem tartalmaz intézkedést.")
            return
        self.caption(part.heading)
        rows, widths = self._grouped(["Célcsoport", "Intézkedés", responsible.heading, partners], groups)
        self.table(Table(rows, widths))

    def _form_rows(self, m: Measure) -> list[tuple[str, str]]:
        cat = self.cat
        after: dict[str, list[str]] = {}
        for name, role in cat.measure_form_after:
            after.setdefault(role, []).append(name)
        rows = []
        for c in cat.columns:
            if c.role == "sequence":
                continue
            rows.append((c.heading, self._column_value(m, c)))
            for name in after.get(c.role, ()):
                rows.append((field_label(Measure, name), getattr(m, name)))
        return rows

    def gen_measure_forms(self, part: FramePart) -> None:
        cat = self.cat
        any_measure = False
        for g in cat.target_groups:
            ms = self.hep.measures_of(g.id)
            if not ms:
                continue
            any_measure = True
            self.heading(part.level + 1, f"{g.id}. {g.name}")
            for m in ms:
                title = f"{self._measure_label(m)}. {getattr(m, cat.column_of('name').id)}".strip()
                rows = self._form_rows(m)
                widths = X.fit([[r[0] for r in rows], [r[1] for r in rows]], X.PORTRAIT_WIDTH, header_rows=0)
                widths = _label_column(widths, X.PORTRAIT_WIDTH)
                cells = [[Cell(title, bold=True, fill=X.HEADER_FILL, span=2)]]
                cells += [[Cell(label, bold=True), Cell(value)] for label, value in rows]
                self.table(Table(cells, widths, header_rows=1, keep_together=len(rows) <= 20))
                self.add(X.para("", "SectionEnd", after=160))
        if not any_measure:
            self.note("Az intézkedési terv még nem tartalmaz intézkedést.")

    def gen_action_plan_table(self, part: FramePart) -> None:
        cat = self.cat
        self.add(X.para(f"Az intézkedési terv {hu.citation(cat.title)} {cat.annexes['annex3']}ében "
                        "meghatározott forma szerint készült.", "Note"))
        headers = [c.label for c in cat.columns]
        size = 7
        for g in cat.target_groups:
            self.heading(part.level + 1, f"{g.id}. {g.name}")
            measures = self.hep.measures_of(g.id)
            if not measures:
                self.note("Ehhez a célcsoporthoz nincs intézkedés.")
                continue
            rows = [[self._column_value(m, c) for c in cat.columns] for m in measures]
            self.caption(f"Intézkedési terv – {g.short_name}")
            widths = X.fit([[h, *(r[c] for r in rows)] for c, h in enumerate(headers)], X.LANDSCAPE_WIDTH, size)
            cells = [[Cell(h) for h in headers]] + [[Cell(v) for v in r] for r in rows]
            self.table(Table(cells, widths, size=size, page_height=X.LANDSCAPE_HEIGHT))
        self.add(X.para("", "SectionEnd"))

    def gen_forum(self, part: FramePart) -> None:
        cat, fo = self.cat, self.hep.forum
        role_names = {r.id: r.name for r in cat.forum_roles}

        def fmt(name: str, kind: str, value) -> str:
            if kind == "date":
                return hu.format_date(value)
            if kind == "role":
                return role_names.get(value, value)
            return "" if value is None else str(value)

        for title, cls, items in (("A HEP Fórum tagjai és állandó meghívottai", ForumMember, fo.members),
                                  ("A HEP Fórum ülései", ForumMeeting, fo.meetings),
                                  ("A HEP Fórum munkacsoportjai", WorkingGroup, fo.working_groups)):
            if not items:
                continue
            fields = [f for f in fields_of(cls)  # (the meetings' monitoring fields go in the implementation report)
                      if cls is not ForumMeeting or f.name not in MEETING_MONITORING_FIELDS]
            header = [f.label for f in fields]
            rows = [[fmt(f.name, f.kind, getattr(it, f.name)) for f in fields] for it in items]
            self.caption(title)
            widths = X.fit([[header[c], *(r[c] for r in rows)] for c in range(len(header))], X.PORTRAIT_WIDTH)
            self.table(Table([[Cell(h) for h in header]] + [[Cell(v) for v in r] for r in rows], widths))
            self.add(X.para("", "SectionEnd", after=120))
        if not (fo.members or fo.meetings or fo.working_groups):
            self.note("A HEP Fórum tagjai és ülései még nincsenek rögzítve.")

    def gen_adoption(self, part: FramePart) -> None:
        st, fo = self.hep.settlement, self.hep.forum
        adopted = st.adoption_date
        before = [(m.date, m) for m in fo.meetings if m.date and (adopted is None or m.date <= adopted)]
        if before:
            day, m = max(before, key=lambda pair: pair[0])
            minutes = f" (jegyzőkönyv: {m.minutes_ref})" if m.minutes_ref else ""
            self.text(f"A HEP Fórum a programot {_day_adjective(day)} ülésén véleményezte{minutes}.")
        council = hu.genitive(self.body_name)
        who = f"{council} Képviselő-testülete" if council else "A képviselő-testület"
        if adopted:
            self.text(f"{who} a Helyi Esélyegyenlőségi Programot {_day_adjective(adopted)} ülésén elfogadta.")
        if st.resolution_number:
            self.text(f"A határozat száma: {st.resolution_number}.")
        if st.review_dates:
            dates = ", ".join(hu.format_date(d) for d in st.review_dates)
            self.text(f"A program felülvizsgálatának időpontja: {dates}")
        self.signatures()

    def signatures(self, when: str | None = None) -> None:
        """The signatories' lines, dated ``when`` (default: the adoption's date, or dots to fill)."""
        cat, st = self.cat, self.hep.settlement
        members: dict[str, str] = {}
        for m in self.hep.forum.members:
            if m.name.strip():
                members.setdefault(m.role, m.name.strip())
        signers = [(members.get(s.role, ""), s.title) for s in cat.signatories
                   if not s.only_when_present or s.role in members]
        if not signers:
            return
        place = st.name.strip()
        if when is None:
            when = hu.format_date(st.adoption_date) if st.adoption_date else "……………………"
        self.add(X.para(f"{place}, {when}" if place else when, before=480, after=720, keep_next=True))
        width = X.PORTRAIT_WIDTH // len(signers)
        paras = []
        for name, title in signers:
            lines = ["………………………………", name or " ", title]
            paras.append("".join(X.para(line, "Signature", keep_next=True) for line in lines))
        self.table(Table([[Cell(paragraphs=p) for p in paras]], [width] * len(signers), header_rows=0,
                         borders=False))
        self.add(X.para("", "SectionEnd"))


def field_label(cls, name: str) -> str:
    return next(f.label for f in fields_of(cls) if f.name == name)


def _day_adjective(day: dt.date) -> str:
    """"2025. január 20-i", "2025. március 1-jei" (as in "… ülésén")."""
    return f"{day.year}. {hu.format_date(day).split(' ')[1]} {day.day}-{'jei' if day.day == 1 else 'i'}"


def _indicator_widths(columns: list[list[str]], total: int) -> list[int]:
    """Name and unit from their content; the year columns equally wide (the widest one's width),
    the name column giving up what that takes as long as it keeps most of its width."""
    widths = X.fit(columns, total)
    years = widths[2:]
    if not years:
        return widths
    excess = max(years) * len(years) - sum(years)
    if excess <= widths[0] * 0.4:
        widths = [widths[0] - excess, widths[1], *([max(years)] * len(years))]
        widths[0] += total - sum(widths)
    return widths


def _label_column(widths: list[int], total: int) -> list[int]:
    """A form's label column: no wider than a third of the page."""
    label = min(widths[0], total // 3)
    return [label, total - label]


__all__ = ["Builder", "clerk_note", "UNASSIGNED_TITLE"]
