"""The review as a Word document for the HEP Fórum: what changed between the two versions, part by
part, in the register of an official Hungarian document.

Built with the HEP document's machinery (:mod:`hep_xl.export.word`: the package, its styles, its
tables and footers). A reworded text is printed once, with the deleted words struck through (dark
red) and the inserted ones underlined (dark green), so the Fórum reads the change in its sentence.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from ..catalog import load_catalog
from ..export import hungarian as hu
from ..export.word import ooxml as X
from ..export.word.ooxml import Cell, Table
from ..export.word.package import blank_document, page_footers, save_document, set_properties, with_body
from .compare import ADDED, CHANGED, REMOVED, FieldChange, RecordChange, Review, Version, part_title

DELETED_COLOR, INSERTED_COLOR = "A50021", "1E6B34"
NO_CHANGE = "Nincs változás."
FORUM_PARTS = {"members": ("tag", "tagok", "Tagok"), "meetings": ("ülés", "ülések", "Ülések"),
               "working_groups": ("munkacsoport", "munkacsoportok", "Munkacsoportok")}


def dated(day: dt.date) -> str:
    """"2027. február 24-i" (the date as an adjective)."""
    return f"{hu.format_date(day)[:-1]}-{'jei' if day.day == 1 else 'i'}"


def version_text(v: Version) -> str:
    parts = [Path(v.path).name]
    if v.saved:
        parts.append(f"mentve {hu.format_date(v.saved)}")
    if v.adoption_date:
        parts.append(f"elfogadva {hu.format_date(v.adoption_date)}")
    if v.review_dates:
        parts.append("felülvizsgálat: " + ", ".join(hu.format_date(d) for d in v.review_dates))
    return "; ".join(parts)


def _run(text: str, *, deleted=False, inserted=False, bold=False, size: float | None = None) -> str:
    if not text:
        return ""
    props = "<w:b/><w:bCs/>" if bold else ""
    if deleted:
        props += f'<w:strike/><w:color w:val="{DELETED_COLOR}"/>'
    if inserted:
        props += f'<w:color w:val="{INSERTED_COLOR}"/><w:u w:val="single" w:color="{INSERTED_COLOR}"/>'
    if size:
        props += f'<w:sz w:val="{int(size * 2)}"/><w:szCs w:val="{int(size * 2)}"/>'
    return f"<w:r>{f'<w:rPr>{props}</w:rPr>' if props else ''}{X.t(text)}</w:r>"


def diff_runs(fc: FieldChange, size: float | None = None) -> str:
    """The change of one field as runs: the word-level diff of a text, else old struck and new underlined."""
    if fc.ops is not None:
        return "".join(_run(op.text, deleted=op.op == "delete", inserted=op.op == "insert", size=size)
                       for op in fc.ops)
    out = _run(fc.old_text, deleted=True, size=size)
    if fc.old_text and fc.new_text:
        out += _run(" → ", size=size)
    return out + _run(fc.new_text, inserted=True, size=size)


class ReviewDocument:
    def __init__(self, review: Review):
        self.r = review
        self.cat = load_catalog(review.catalog_version)
        self.out: list[str] = []
        self.tables = 0

    # -- primitives ---------------------------------------------------------------------------------
    def add(self, xml: str) -> None:
        self.out.append(xml)

    def heading(self, level: int, text: str) -> None:
        self.add(X.para(X.clean_text(text).replace("\n", " ").strip(), f"Heading{level}"))

    def text(self, text: str, style: str | None = None) -> None:
        self.add(X.para(text, style))

    def caption(self, title: str) -> None:
        self.tables += 1
        self.add(X.para(f"{self.tables}. táblázat: {title}", "Caption"))

    def table(self, rows: list[list[Cell]], fractions: list[float], header_rows: int = 1) -> None:
        widths = [int(X.PORTRAIT_WIDTH * f) for f in fractions]
        self.add(X.table(Table(rows, widths, header_rows=header_rows)))

    @staticmethod
    def runs_cell(runs: str) -> Cell:
        return Cell(paragraphs=f'<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr>{runs}</w:p>')

    def field_rows(self, fields: list[FieldChange], change: str) -> list[list[Cell]]:
        rows = []
        for fc in fields:
            if change == ADDED:
                value = self.runs_cell(_run(fc.new_text, size=8))
            elif change == REMOVED:
                value = self.runs_cell(_run(fc.old_text, deleted=True, size=8))
            else:
                value = self.runs_cell(diff_runs(fc, size=8))
            rows.append([Cell(fc.label, bold=True), value])
            for sub in fc.records or []:
                rows.append([Cell(f"{fc.label}: {sub.key} ({_change_word(sub.change)})"),
                             self.runs_cell("".join(_run(f"{f.label}: ", bold=True, size=8) + diff_runs(f, size=8)
                                                    + _run("  ", size=8) for f in sub.fields))])
        return rows

    def record(self, rc: RecordChange, title: str) -> None:
        self.heading(3, title)
        if not rc.fields:
            return
        self.table([[Cell("Mező"), Cell("Változás")]] + self.field_rows(rc.fields, rc.change), [0.3, 0.7])

    # -- the document ---------------------------------------------------------------------------------
    def build(self) -> str:
        r = self.r
        st_name = r.settlement or "A település"
        self.add(X.para(f"{st_name} Helyi Esélyegyenlőségi Programja", "Title"))
        when = " és ".join(f"a {dated(v.saved)}" if v.saved else f"a(z) {Path(v.path).name}"
                           for v in (r.old, r.new))
        self.add(X.para(f"A program felülvizsgálata: {when} változat összevetése", "Subtitle"))
        self.table([[Cell("Település", bold=True), Cell(f"{st_name} (KSH {r.ksh_code})")],
                    [Cell("Korábbi változat", bold=True), Cell(version_text(r.old))],
                    [Cell("Új változat", bold=True), Cell(version_text(r.new))],
                    [Cell("Jogszabályi alap", bold=True), Cell(hu.citation(self.cat.title))]],
                   [0.28, 0.72], header_rows=0)
        self.add(X.para("Ez az összeállítás a program két változata közötti eltéréseket mutatja be a HEP Fórum "
                  "számára: a mutatók (1. melléklet), a helyzetelemzés (2. melléklet), a feltárt problémák, "
                  "az intézkedési terv (3. melléklet) és a HEP Fórum változásait. Az azonosítók a programban "
                  "használtak: a problémáé a célcsoport és a sorszám (II-1), az intézkedésé a célcsoport és "
                  "az intézkedés sorszáma (II/1).", before=240))
        self.add(X.para(runs=_run("Jelmagyarázat: ") + _run("törölt szöveg", deleted=True) + _run(", ")
                        + _run("beírt szöveg", inserted=True) + _run("."), style="Note"))
        self.summary()
        self.annex1()
        self.annex2()
        self.problems()
        self.measures()
        self.forum()
        self.rest()
        self.heading(2, "Záró megjegyzés")
        self.text("Az összevetést a hep_xl program készítette a két változat adataiból; értékeket nem számolt "
                  "újra és nem minősít. A HEP Fórum a változásokat ülésén megtárgyalja, és javaslatot tesz a "
                  "képviselő-testületnek a felülvizsgált program elfogadására.")
        return "".join(self.out) + X.sect_pr(False, self.footers)

    def summary(self) -> None:
        r = self.r
        self.heading(2, "Összefoglaló")

        def counts(changes) -> list[Cell]:
            n = {ADDED: 0, REMOVED: 0, CHANGED: 0}
            for c in changes:
                n[c.change] += 1
            return [Cell(str(n[k]), align="right") for k in (ADDED, REMOVED, CHANGED)]

        forum = [c for part in r.forum.values() for c in part]
        rows = [[Cell("Terület"), Cell("Új"), Cell("Törölt"), Cell("Módosult")],
                [Cell("1. melléklet: adatsorok"), *counts(r.series)],
                [Cell("2. melléklet: pontok"), *counts(r.checklist)],
                [Cell("Feltárt problémák"), *counts(r.problems)],
                [Cell("Intézkedési terv: intézkedések"), *counts(r.measures)],
                [Cell("HEP Fórum"), *counts(forum)]]
        self.caption("A változások száma területenként")
        self.table(rows, [0.55, 0.15, 0.15, 0.15])
        lines = []
        if r.years_added:
            lines.append("Új évek az 1. mellékletben: " + ", ".join(map(str, r.years_added)) + ".")
        revised = sum(1 for s in r.series for v in s.values if v.change == CHANGED)
        if revised:
            lines.append(f"Módosított mutatóértékek: {revised}.")
        if r.completed:
            lines.append("Megvalósult intézkedések: " + ", ".join(f"{c.key} {c.label}" for c in r.completed) + ".")
        for line in lines:
            self.text(line)

    def annex1(self) -> None:
        r = self.r
        self.heading(2, "1. Az 1. melléklet mutatói")
        if r.years_added or r.years_removed:
            if r.years_added:
                self.text("Az új változatban új évek: " + ", ".join(map(str, r.years_added)) + ".")
            if r.years_removed:
                self.text("Az új változatból elhagyott évek: " + ", ".join(map(str, r.years_removed)) + ".")
        if not r.series:
            self.text(NO_CHANGE)
            return
        rows = [[Cell("Év vagy adat"), Cell("Korábbi"), Cell("Új")]]
        for s in r.series:
            unit = f" ({s.unit})" if s.unit else ""
            rows.append([Cell(f"{s.label}{unit} – {_series_word(s.change)}", bold=True, span=3, fill=X.GROUP_FILL,
                              keep_next=True)])
            for v in s.values:
                rows.append([Cell(str(v.year)), self.runs_cell(_run(v.old_text, deleted=True, size=8)),
                             self.runs_cell(_run(v.new_text, inserted=True, size=8))])
            for fc in s.fields:
                rows.append([Cell(fc.label), self.runs_cell(_run(fc.old_text, deleted=True, size=8)),
                             self.runs_cell(_run(fc.new_text, inserted=True, size=8))])
        self.caption("Az 1. melléklet megváltozott adatsorai")
        self.table(rows, [0.3, 0.35, 0.35])

    def annex2(self) -> None:
        self.heading(2, "2. A helyzetelemzés (2. melléklet)")
        if not self.r.checklist:
            self.text(NO_CHANGE)
        for rc in self.r.checklist:
            self.heading(3, f"{rc.label} – {_change_word(rc.change)}")
            for fc in rc.fields:
                if fc.ops is not None:
                    self.add(X.para(f"{fc.label}:", fmt={"bold": True}))
                    self.add(X.para(runs=diff_runs(fc)))
                else:
                    self.add(X.para(runs=_run(f"{fc.label}: ", bold=True) + diff_runs(fc)))

    def problems(self) -> None:
        self.heading(2, "3. A feltárt problémák (Következtetések)")
        if not self.r.problems:
            self.text(NO_CHANGE)
        for rc in self.r.problems:
            word = {ADDED: "új probléma", REMOVED: "törölt probléma", CHANGED: "átfogalmazott probléma"}[rc.change]
            self.record(rc, f"{rc.key} {rc.label} – {word}")

    def measures(self) -> None:
        self.heading(2, "4. Az intézkedési terv (3. melléklet)")
        r = self.r
        if not r.measures:
            self.text(NO_CHANGE)
            return
        groups = {g.id: g.name for g in self.cat.target_groups}
        for change, title in ((ADDED, "Új intézkedések"), (REMOVED, "Törölt intézkedések"),
                              (CHANGED, "Módosult intézkedések")):
            items = [m for m in r.measures if m.change == change]
            if not items:
                continue
            self.heading(3, title)
            for m in items:
                group = groups.get(m.key.split("/")[0], "")
                done = " – megvalósult" if m.completed else ""
                self.add(X.para(f"{m.key} {m.label}{done}", "Heading4"))
                if group:
                    self.add(X.para(f"Célcsoport: {group}", "Note"))
                self.table([[Cell("Oszlop"), Cell("Változás" if change == CHANGED else "Tartalom")]]
                           + self.field_rows(m.fields, change), [0.3, 0.7])
        if r.completed:
            self.heading(3, "Megvalósult intézkedések")
            for m in r.completed:
                self.text(f"{m.key} {m.label}")

    def forum(self) -> None:
        self.heading(2, "5. A HEP Fórum")
        parts = [(name, part) for name, part in self.r.forum.items() if part]
        if not parts:
            self.text(NO_CHANGE)
        for name, part in parts:
            one, _many, title = FORUM_PARTS.get(name, (name, name, name))
            self.heading(3, title)
            for rc in part:
                label = f" ({rc.label})" if rc.label and rc.label != rc.key else ""
                self.add(X.para(f"{_change_word(rc.change).capitalize()} {one}: {_key_text(rc.key)}{label}",
                                "Heading4"))
                if rc.fields:
                    self.table([[Cell("Mező"), Cell("Változás")]] + self.field_rows(rc.fields, rc.change),
                               [0.3, 0.7])

    def rest(self) -> None:
        r = self.r
        if r.settlement_fields:
            self.heading(2, "A település és a program adatai")
            self.table([[Cell("Mező"), Cell("Változás")]] + self.field_rows(r.settlement_fields, CHANGED), [0.3, 0.7])
        if r.frame:
            self.heading(2, "A dokumentum keretszövegei")
            for rc in r.frame:
                self.record(rc, f"{rc.label} – {_change_word(rc.change)}")
        for name, part in r.other.items():
            self.heading(2, part_title(name))
            for rc in part:
                self.record(rc, f"{rc.key} {rc.label} – {_change_word(rc.change)}".strip())


def _key_text(key: str) -> str:
    try:
        return hu.format_date(dt.date.fromisoformat(key))
    except ValueError:
        return key


def _change_word(change: str) -> str:
    return {ADDED: "új", REMOVED: "törölt", CHANGED: "módosult"}[change]


def _series_word(change: str) -> str:
    return {ADDED: "új adatsor", REMOVED: "törölt adatsor", CHANGED: "módosult adatsor"}[change]


def build_review_document(review: Review, now: dt.datetime | None = None):
    doc = blank_document()
    footers = page_footers(doc)
    builder = ReviewDocument(review)
    builder.footers = {"default": footers["default"]}
    doc = with_body(doc, builder.build())
    name = review.settlement
    set_properties(doc, title=f"{name} HEP – a két változat összevetése",
                   subject="A helyi esélyegyenlőségi program felülvizsgálata: változások",
                   author=f"{name} HEP Fórum" if name else "HEP Fórum",
                   keywords=("helyi esélyegyenlőségi program", "HEP", "felülvizsgálat", name),
                   comments=f"hep-xl review; katalógus {review.catalog_version}", now=now)
    return doc


def write_review_docx(review: Review, path: str | os.PathLike) -> Path:
    return save_document(build_review_document(review), path)


__all__ = ["build_review_document", "write_review_docx"]
