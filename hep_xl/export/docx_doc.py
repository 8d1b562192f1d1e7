"""The HEP as a Word document a council can adopt (python-docx, WordprocessingML built directly).

Layout, all derived from the catalog: title page (settlement, programme period, resolution),
an automatic table of contents field, Annex 2 chapters 1–9 as real ``Heading 1/2/3`` styles with
the narrative of every section and point, the Annex 1 indicator tables in the sections the
catalog assigns them to (years as columns, unit, source line, "nincs adat"), the conclusions
(problems) per target group, the problems with no valid target group (so nothing the clerk wrote
is lost), the Annex 3 action plan per target group in a landscape section
(columns A–J, header row repeated on every page), the HEP Fórum, page numbers in the footer.

Speed: python-docx's table API rebuilds the cell grid on every ``table.cell()``/``table.cells``
call and looks styles up by name per paragraph. Here the body is written as one WordprocessingML
string (style *ids* set directly) and parsed once by lxml; python-docx only supplies the package
(default template, styles, footer part) and saves it.
"""

from __future__ import annotations

import copy
import datetime as dt
import math
import os
import re
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from ..catalog import SERIES_ROLE_LABELS, Catalog, load_catalog
from ..files import atomic_output
from ..model import (NO_DATA, NO_DATA_LABEL, STATUS_NOT_RELEVANT, ForumMeeting, ForumMember, Hep, Problem,
                     WorkingGroup, fields_of)
from ..values import MONTHS_HU

_MONTH_NAMES = {n: name for name, n in MONTHS_HU.items()}
# Characters XML 1.0 (and so Word) cannot hold; tab and newline are turned into w:tab / w:br.
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
NBSP = "\u00a0"

# A4 in twips (1/20 pt)
_A4_W, _A4_H = 11906, 16838
_PORTRAIT_MARGIN, _LANDSCAPE_MARGIN = 1417, 1134
PORTRAIT_WIDTH = _A4_W - 2 * _PORTRAIT_MARGIN
UNASSIGNED_TITLE = "Célcsoporthoz nem rendelt problémák"
LANDSCAPE_WIDTH = _A4_H - 2 * _LANDSCAPE_MARGIN


def _columns(cls) -> list[tuple[str, str]]:
    """(attribute, heading) pairs of a model record table: the model's fields and labels."""
    return [(f.name, f.label) for f in fields_of(cls)]


_DATE_ATTRS = frozenset(f.name for cls in (ForumMeeting, WorkingGroup) for f in fields_of(cls) if f.kind == "date")


def clean_text(text) -> str:
    """Text Word can hold: control characters dropped, CR/LF normalised to LF."""
    s = "" if text is None else str(text)
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    return _BAD_XML.sub("", s)


def format_number(value) -> str:
    """Hungarian number formatting: non-breaking space thousands separator, decimal comma.

    Floats are first rounded to 15 significant digits (what Excel keeps), so binary noise such as
    0.1 + 0.2 does not show, and are written out in full (no exponent); zero has no sign.
    """
    if value is NO_DATA or value is None:
        return NO_DATA_LABEL
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        value = Decimal(f"{value:.15g}")
        if value == value.to_integral_value():
            value = int(value)
    if isinstance(value, int):
        text = f"{value:,}"
    else:
        text = format(value, ",f")
    if text.lstrip("-").strip("0.,") == "":
        text = "0"  # no "−0"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", NBSP).replace("-", "−")


def format_date(value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, dt.date):
        return f"{value.year}. {_MONTH_NAMES[value.month]} {value.day}."
    return str(value)


# -- WordprocessingML snippets -----------------------------------------------------------------------

def _t(text: str) -> str:
    """Runs' inner content for text with line breaks and tabs."""
    parts = []
    for i, line in enumerate(clean_text(text).split("\n")):
        if i:
            parts.append("<w:br/>")
        for j, chunk in enumerate(line.split("\t")):
            if j:
                parts.append("<w:tab/>")
            if chunk:
                parts.append(f'<w:t xml:space="preserve">{escape(chunk)}</w:t>')
    return "".join(parts)


def _rpr(bold=False, italic=False, size=None, color=None) -> str:
    out = ""
    if bold:
        out += "<w:b/>"
    if italic:
        out += "<w:i/>"
    if color:
        out += f'<w:color w:val="{color}"/>'
    if size:
        out += f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
    return f"<w:rPr>{out}</w:rPr>" if out else ""


def run(text: str, **fmt) -> str:
    return f"<w:r>{_rpr(**fmt)}{_t(text)}</w:r>"


def para(content: str = "", style: str | None = None, *, align: str | None = None, keep_next=False,
         space_after: int | None = None, page_break_before=False, runs: str | None = None, **fmt) -> str:
    ppr = ""
    if style:
        ppr += f'<w:pStyle w:val="{style}"/>'
    if keep_next:
        ppr += "<w:keepNext/>"
    if page_break_before:
        ppr += "<w:pageBreakBefore/>"
    if space_after is not None:
        ppr += f'<w:spacing w:before="0" w:after="{space_after}"/>'
    if align:
        ppr += f'<w:jc w:val="{align}"/>'
    body = runs if runs is not None else (run(content, **fmt) if content else "")
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{body}</w:p>"


def page_break() -> str:
    return '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'


def table(header: list[str], rows: list[list[str]], widths: list[int], *, size: int = 18,
          numeric_cols: frozenset[int] = frozenset(), first_col_bold: bool = False) -> str:
    """A grid table; the header row repeats on every page, widths in twips."""
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    out = [f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
           f'<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="57" w:type="dxa"/>'
           f'<w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>{grid}</w:tblGrid>']
    sz = f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
    cell_ppr = '<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>{jc}</w:pPr>'
    tcw = [f'<w:tcW w:w="{w}" w:type="dxa"/>' for w in widths]
    right = '<w:jc w:val="right"/>'

    def row_xml(cells, header_row: bool) -> str:
        parts = ['<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>' if header_row else "<w:tr>"]
        for c, value in enumerate(cells):
            shade = '<w:shd w:val="clear" w:color="auto" w:fill="D9E2F3"/>' if header_row else ""
            bold = "<w:b/>" if header_row or (first_col_bold and c == 0) else ""
            jc = right if (c in numeric_cols and not header_row) else ""
            parts.append(f"<w:tc><w:tcPr>{tcw[c]}{shade}</w:tcPr><w:p>{cell_ppr.format(jc=jc)}"
                         f"<w:r><w:rPr>{bold}{sz}</w:rPr>{_t(value)}</w:r></w:p></w:tc>")
        parts.append("</w:tr>")
        return "".join(parts)

    out.append(row_xml(header, True))
    out.extend(row_xml(r, False) for r in rows)
    out.append("</w:tbl>")
    # an empty paragraph after a table keeps two tables from merging and gives some air
    return "".join(out)


def _sect_pr(landscape: bool, footer_ref: str, section_break: bool = True) -> str:
    w, h = (_A4_H, _A4_W) if landscape else (_A4_W, _A4_H)
    m = _LANDSCAPE_MARGIN if landscape else _PORTRAIT_MARGIN
    orient = ' w:orient="landscape"' if landscape else ""
    kind = '<w:type w:val="nextPage"/>' if section_break else ""
    return (f"<w:sectPr>{footer_ref}{kind}<w:pgSz w:w=\"{w}\" w:h=\"{h}\"{orient}/>"
            f'<w:pgMar w:top="{m}" w:right="{m}" w:bottom="{m}" w:left="{m}" w:header="709" '
            f'w:footer="709" w:gutter="0"/><w:cols w:space="708"/><w:docGrid w:linePitch="360"/></w:sectPr>')


# -- the document ----------------------------------------------------------------------------------

class _Builder:
    def __init__(self, hep: Hep, cat: Catalog):
        self.hep, self.cat = hep, cat
        self.parts: list[str] = []
        self.toc: list[tuple[int, str]] = []
        self.by_section: dict[str, list] = {}
        for ind in cat.indicators:
            for sec in ind.sections:
                self.by_section.setdefault(sec, []).append(ind)

    def add(self, xml: str) -> None:
        self.parts.append(xml)

    def heading(self, level: int, text: str) -> None:
        text = clean_text(text).replace("\n", " ").strip()
        self.add(para(text, f"Heading{level}"))
        if level <= 2:
            self.toc.append((level, text))

    def paragraphs(self, text: str, **fmt) -> None:
        for line in clean_text(text).split("\n"):
            if line.strip():
                self.add(para(line, space_after=120, **fmt))

    def note(self, text: str) -> None:
        self.add(para(text, italic=True, color="595959", size=18, space_after=160))

    # -- parts of the document
    def title_page(self) -> None:
        st, cat = self.hep.settlement, self.cat
        period = (f"{st.period_start}–{st.period_end}" if st.period_start and st.period_end
                  else str(st.period_start or st.period_end or ""))
        self.add(para("", space_after=2400))
        self.add(para(st.name or "(a település neve nincs megadva)", "Title", align="center"))
        self.add(para("Helyi Esélyegyenlőségi Program", "Subtitle", align="center"))
        if period:
            self.add(para(period, align="center", bold=True, size=32, space_after=600))
        lines = []
        if st.resolution_number:
            lines.append(f"Elfogadva: {st.resolution_number}")
        if st.adoption_date:
            lines.append(f"Az elfogadás dátuma: {format_date(st.adoption_date)}")
        for i, d in enumerate(st.review_dates, 1):
            lines.append(f"{i}. felülvizsgálat: {format_date(d)}")
        if st.county:
            lines.append(f"Vármegye: {st.county}")
        if st.ksh_code:
            lines.append(f"KSH településazonosító: {st.ksh_code}")
        for line in lines:
            self.add(para(line, align="center", space_after=80))
        self.add(para("", space_after=1200))
        self.add(para(f"Készült a {cat.title} alapján.", align="center", italic=True, size=18))
        if st.author_name:
            contact = ", ".join(x for x in (st.author_name, st.author_email, st.author_phone) if x)
            self.add(para(f"Kapcsolattartó: {contact}", align="center", italic=True, size=18))
        self.add(page_break())

    def chapters(self) -> None:
        cat, hep = self.cat, self.hep
        for ch in cat.chapters:
            self.heading(1, f"{ch.number}. {ch.title}")
            if not ch.items:
                self.note("Ehhez a fejezethez nincs tartalmi elem.")
            for item in ch.items:
                parent_is_chapter = item.level == "point" and item.parent == ch.number
                if item.level == "section" or parent_is_chapter:
                    label = item.id if item.level == "section" else item.id.rsplit(".", 1)[-1] + ")"
                    self.heading(2, f"{label} {item.text}")
                else:
                    self.heading(3, f"{item.id.rsplit('.', 1)[-1]}) {item.text}")
                self.item_body(item)

    def item_body(self, item) -> None:
        e = self.hep.checklist.get(item.id)
        if e and e.state == STATUS_NOT_RELEVANT:
            self.note("A település e pontot nem tartja relevánsnak" + (":" if e.narrative else "."))
        if e and e.narrative:
            self.paragraphs(e.narrative)
        elif not (e and e.state == STATUS_NOT_RELEVANT):
            self.note("E pont kifejtése nem készült el.")
        if e and e.data_gaps:
            self.add(para("", runs=run("Adathiányok: ", bold=True, size=20) + run(e.data_gaps, size=20),
                          space_after=120))
        for ind in self.by_section.get(item.id, ()):
            self.indicator_table(ind)
        if item.conclusions_of:
            self.conclusions(item.conclusions_of)

    def indicator_table(self, ind) -> None:
        hep, years = self.hep, self.hep.years
        unit = f" ({ind.unit})" if ind.unit else ""
        self.add(para(f"{ind.number}. számú mutató: {ind.name}{unit}", bold=True, size=20, keep_next=True,
                      space_after=60))
        header = ["Megnevezés", "Mértékegység", *(str(y) for y in years)]
        name_w, unit_w = (2900, 1500) if years else (6000, 3072)
        year_w = (PORTRAIT_WIDTH - name_w - unit_w) // max(len(years), 1)
        widths = [name_w, unit_w, *([year_w] * len(years))]
        rows, sources, retrieved, notes = [], [], [], []
        for sd in ind.rows:
            s = hep.indicators.get(sd.id)
            role = "" if sd.role == "series" else f" ({SERIES_ROLE_LABELS[sd.role]})"
            values = s.values if s else {}
            rows.append([sd.name + role, sd.unit, *(format_number(values.get(y)) for y in years)])
            if s:
                if s.source and s.source not in sources:
                    sources.append(s.source)
                if s.retrieved and s.retrieved not in retrieved:
                    retrieved.append(s.retrieved)
                if s.note:
                    notes.append(f"{sd.name}: {s.note}" if len(ind.rows) > 1 else s.note)
        self.add(table(header, rows, widths, size=16, numeric_cols=frozenset(range(2, 2 + len(years)))))
        line = "Forrás: " + ("; ".join(sources) if sources else ind.source)
        if retrieved:
            line += "; lekérés: " + ", ".join(format_date(d) for d in sorted(retrieved))
        self.add(para(line, italic=True, size=16, space_after=60 if notes else 200))
        for n in notes:
            self.add(para(f"Megjegyzés – {n}", italic=True, size=16, space_after=60))
        if notes:
            self.add(para("", space_after=120))

    def conclusions(self, group_id: str) -> None:
        g = self.cat.target_group_by_id[group_id]
        problems = self.hep.problems_of(group_id)
        self.add(para(f"Feltárt problémák – {g.name}", bold=True, size=20, keep_next=True, space_after=60))
        if not problems:
            self.note("Ehhez a célcsoporthoz nincs rögzített probléma.")
            return
        cols = [(a, h) for a, h in _columns(Problem) if a != "target_group"]
        if not any(p.deferral_reason for p in problems):
            cols = [(a, h) for a, h in cols if a != "deferral_reason"]
        widths = [1000] + [(PORTRAIT_WIDTH - 1000) // (len(cols) - 1)] * (len(cols) - 1)
        self.add(table([h for _, h in cols], [[getattr(p, a) for a, _ in cols] for p in problems], widths,
                       size=18, first_col_bold=True))
        self.add(para("", space_after=120))

    def unassigned_problems(self) -> None:
        """Problems whose target group is blank or not one of I–V: listed, so nothing is lost."""
        groups = {g.id for g in self.cat.target_groups}
        problems = [p for p in self.hep.problems if p.group not in groups
                    and any(getattr(p, a) for a, _ in _columns(Problem))]
        if not problems:
            return
        self.heading(1, UNASSIGNED_TITLE)
        self.note("Az alábbi problémák célcsoportja üres, vagy nem a(z) "
                  + ", ".join(g.id for g in self.cat.target_groups)
                  + " célcsoportok egyike, ezért a fenti fejezetekben nem szerepelnek. "
                    "Adja meg a célcsoportjukat a munkafüzet Következtetések lapján.")
        cols = list(_columns(Problem))
        if not any(p.deferral_reason for p in problems):
            cols = [(a, h) for a, h in cols if a != "deferral_reason"]
        widths = [1000, 1000] + [(PORTRAIT_WIDTH - 2000) // (len(cols) - 2)] * (len(cols) - 2)
        self.add(table([h for _, h in cols], [[getattr(p, a) for a, _ in cols] for p in problems], widths,
                       size=18, first_col_bold=True))
        self.add(para("", space_after=120))

    def action_plan(self) -> None:
        cat = self.cat
        self.heading(1, f"{cat.action_plan_title}")
        headers = [c.label for c in cat.columns]
        weights = {"number": 0.95, "title": 1.2, "problem": 1.1, "goal": 1.2, "alignment": 1.0, "content": 1.7,
                   "responsible": 0.9, "deadline": 0.85, "indicators": 1.1, "resources": 1.1,
                   "sustainability": 1.1}
        total = sum(weights.get(c.id, 1.0) for c in cat.columns)
        widths = [int(LANDSCAPE_WIDTH * weights.get(c.id, 1.0) / total) for c in cat.columns]
        problem_titles = {p.problem_id: p.title for p in self.hep.problems if p.problem_id}
        for g in cat.target_groups:
            self.heading(2, f"{g.id}. {g.name}")
            measures = self.hep.measures_of(g.id)
            if not measures:
                self.note("Ehhez a célcsoporthoz nincs intézkedés.")
                continue
            rows = []
            for m in measures:
                row = []
                for c in cat.columns:
                    v = getattr(m, c.id)
                    if c.id == "number":
                        v = "" if v is None else str(v)
                    elif c.id == "deadline":
                        v = format_date(v)
                    elif c.id == "problem" and v in problem_titles:
                        v = f"{v}: {problem_titles[v]}"
                    row.append(v)
                rows.append(row)
            self.add(table(headers, rows, widths, size=14))
            self.add(para("", space_after=120))

    def forum(self) -> None:
        cat, fo = self.cat, self.hep.forum
        self.heading(1, cat.forum_title)
        role_names = {r.id: r.name for r in cat.forum_roles}
        sections = [
            ("Tagok és állandó meghívottak", _columns(ForumMember), fo.members,
             lambda a, v: role_names.get(v, v) if a == "role" else v),
            ("Ülések", _columns(ForumMeeting), fo.meetings, lambda a, v: format_date(v) if a in _DATE_ATTRS else v),
            ("Munkacsoportok", _columns(WorkingGroup), fo.working_groups,
             lambda a, v: format_date(v) if a in _DATE_ATTRS else v),
        ]
        for title, columns, items, fmt in sections:
            self.heading(2, title)
            if not items:
                self.note("Nincs rögzített adat.")
                continue
            widths = [PORTRAIT_WIDTH // len(columns)] * len(columns)
            rows = [[fmt(a, getattr(it, a)) for a, _ in columns] for it in items]
            self.add(table([h for _, h in columns], rows, widths, size=18))
            self.add(para("", space_after=120))

    def toc_xml(self) -> str:
        """The TOC field, pre-filled with the headings (Word refreshes it with page numbers)."""
        out = [para("Tartalomjegyzék", "TOCHeading")]
        begin = ('<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'
                 '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-2" \\h \\z \\u </w:instrText></w:r>'
                 '<w:r><w:fldChar w:fldCharType="separate"/></w:r>')
        entries = self.toc or [(1, "")]
        for i, (level, text) in enumerate(entries):
            indent = f'<w:ind w:left="{(level - 1) * 440}"/>'
            head = begin if i == 0 else ""
            tail = '<w:r><w:fldChar w:fldCharType="end"/></w:r>' if i == len(entries) - 1 else ""
            out.append(f'<w:p><w:pPr><w:spacing w:before="0" w:after="40"/>{indent}</w:pPr>{head}'
                       f'{run(text, bold=level == 1, size=20)}{tail}</w:p>')
        out.append(page_break())
        return "".join(out)


def build_document(hep: Hep, catalog: Catalog | None = None):
    """A python-docx ``Document`` of ``hep`` (not saved)."""
    cat = catalog or load_catalog(hep.catalog_version)
    doc = Document()
    b = _Builder(hep, cat)
    b.title_page()
    title_part = b.parts
    b.parts = []
    b.chapters()
    b.unassigned_problems()
    chapters_part = b.parts
    b.parts = []
    b.action_plan()
    plan_part = b.parts
    b.parts = []
    b.forum()
    forum_part = b.parts

    # footer with page numbers, shared by every section
    section = doc.sections[0]
    footer = section.footer
    footer.is_linked_to_previous = False
    fp = footer.paragraphs[0]._p
    fp.getparent().replace(fp, parse_xml(
        f'<w:p {nsdecls("w")}><w:pPr><w:jc w:val="center"/></w:pPr>'
        '<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
        '<w:r><w:t xml:space="preserve"> / </w:t></w:r>'
        '<w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p>'))
    body = doc.element.body
    old_sect = body.find(qn("w:sectPr"))
    ref_el = old_sect.find(qn("w:footerReference"))
    footer_ref = f'<w:footerReference w:type="default" r:id="{ref_el.get(qn("r:id"))}"/>'

    xml = "".join([
        *title_part, b.toc_xml(), *chapters_part,
        f"<w:p><w:pPr>{_sect_pr(False, footer_ref)}</w:pPr></w:p>",
        *plan_part,
        f"<w:p><w:pPr>{_sect_pr(True, footer_ref)}</w:pPr></w:p>",
        *forum_part,
        _sect_pr(False, footer_ref),
    ])
    new_body = parse_xml(f'<w:body {nsdecls("w", "r")}>{xml}</w:body>')
    body.remove(old_sect)
    for el in list(new_body):
        # a deep copy carries its own namespace declarations; moving the element itself from the
        # parsed tree makes lxml re-resolve every descendant's namespace in quadratic time
        body.append(copy.deepcopy(el))

    settings = doc.settings.element
    upd = parse_xml(f'<w:updateFields {nsdecls("w")} w:val="true"/>')
    settings.append(upd)
    # Hungarian proofing language for the whole document
    rpr_default = doc.styles.element.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr"))
    if rpr_default is not None:
        for old in rpr_default.findall(qn("w:lang")):
            rpr_default.remove(old)
        rpr_default.append(parse_xml(f'<w:lang {nsdecls("w")} w:val="hu-HU" w:eastAsia="hu-HU" w:bidi="ar-SA"/>'))
    props = doc.core_properties
    props.title = clean_text(f"{hep.settlement.name} – Helyi Esélyegyenlőségi Program".strip(" –"))[:250]
    props.subject = clean_text(cat.short_title)[:250]
    props.author = clean_text(hep.settlement.author_name or "hep_xl")[:250]
    props.language = "hu-HU"
    from .. import __version__

    props.comments = f"hep_xl {__version__}; katalógus {cat.version}"
    return doc


def write_docx(hep: Hep, path: str | os.PathLike) -> Path:
    """Write the Word document of ``hep`` atomically; returns the path."""
    doc = build_document(hep)
    target = Path(path)
    with atomic_output(target) as tmp:
        doc.save(str(tmp))
    return target


__all__ = ["build_document", "write_docx", "format_number", "format_date", "clean_text"]
