"""Write a HEP workbook with xlsxwriter: the blank template (an empty model) or a filled one.

Layout comes from :mod:`hep_xl.workbook.layout` and the catalog; the reader finds everything again
through the Excel tables and defined names written here.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from dataclasses import dataclass, field
from pathlib import Path

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from .. import __version__
from ..catalog import Catalog, load_catalog
from ..files import atomic_output
from ..model import MAX_YEAR, MIN_YEAR, NO_DATA, NO_DATA_LABEL, ForumMeeting, ForumMember, Hep, Problem, WorkingGroup, fields_of
from . import layout as L
from .a1 import sheet_ref

_DATE_FORMAT = "yyyy.mm.dd"
_MAX_ROW_HEIGHT = 409


def abs_cell(sheet: str, row: int, col: int) -> str:
    return f"{sheet_ref(sheet)}!{xl_rowcol_to_cell(row, col, row_abs=True, col_abs=True)}"


@dataclass
class WriteOptions:
    """Extras for the generated file (the macro-enabled variant adds a VBA project and ribbon)."""

    vba_project: str | os.PathLike | None = None
    vba_codename: str | None = None
    date_1904: bool = False  # as workbooks saved by older Mac Excel
    extra_steps: list = field(default_factory=list)  # callables(workbook, writer) run before close
    after_close: list = field(default_factory=list)  # callables(path) on the finished file, before the rename


class _Formats:
    def __init__(self, wb: xlsxwriter.Workbook):
        base = {"font_name": "Calibri", "font_size": 10, "valign": "top"}
        self.title = wb.add_format({**base, "bold": True, "font_size": 14})
        self.subtitle = wb.add_format({**base, "bold": True, "font_size": 11})
        self.label = wb.add_format({**base, "text_wrap": True, "bg_color": L.LABEL_FILL})
        self.label_bold = wb.add_format({**base, "bold": True, "text_wrap": True, "bg_color": L.LABEL_FILL})
        self.text = wb.add_format({**base, "text_wrap": True})
        self.input = wb.add_format({**base, "text_wrap": True, "locked": False, "bg_color": L.INPUT_FILL})
        self.input_text = wb.add_format({**base, "text_wrap": True, "locked": False,
                                         "bg_color": L.INPUT_FILL, "num_format": "@"})
        self.input_num = wb.add_format({**base, "locked": False, "bg_color": L.INPUT_FILL,
                                        "num_format": "# ##0.##;-# ##0.##;0"})
        self.input_int = wb.add_format({**base, "locked": False, "bg_color": L.INPUT_FILL,
                                        "num_format": "0"})
        self.input_date = wb.add_format({**base, "locked": False, "bg_color": L.INPUT_FILL,
                                         "num_format": _DATE_FORMAT, "align": "left"})
        self.header = wb.add_format({**base, "bold": True, "text_wrap": True, "bg_color": "#D9E2F3",
                                     "border": 1})
        self.small = wb.add_format({**base, "italic": True, "font_color": "#595959", "text_wrap": True})
        self.note = wb.add_format({**base, "italic": True, "font_color": "#595959"})


def _excel_condition(rule, cell: str) -> str:
    """The Excel formula that is TRUE when ``cell`` holds a value the rule accepts."""
    parts = [f"ISNUMBER({cell})"]
    if rule.minimum is not None:
        parts.append(f"{cell}>={rule.minimum:g}")
    if rule.maximum is not None:
        parts.append(f"{cell}<={rule.maximum:g}")
    if rule.whole:
        parts.append(f"{cell}=INT({cell})")
    return f"AND({','.join(parts)})"


def _row_height(texts: list[tuple[str, float]]) -> float | None:
    """Estimate a row height (points) that shows wrapped text; None keeps the default."""
    lines = 1
    for text, width in texts:
        if not text:
            continue
        per_line = max(int(width * 1.15), 1)
        n = sum(max(1, math.ceil(len(part) / per_line)) for part in str(text).split("\n"))
        lines = max(lines, n)
    if lines <= 1:
        return None
    return min(13.0 * lines + 2, _MAX_ROW_HEIGHT)


def _print_setup(ws, header_row: int | None, landscape: bool) -> None:
    ws.set_paper(9)  # A4
    if landscape:
        ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.5, right=0.5, top=0.7, bottom=0.7)
    ws.set_header("&L&A&R&F", {"margin": 0.3})
    ws.set_footer("&C&P / &N", {"margin": 0.3})
    if header_row is not None:
        ws.repeat_rows(header_row)


def _protect(ws) -> None:
    # Labels are locked, input cells unlocked; no password (a clerk may unprotect when needed).
    # Formatting stays allowed so the validation highlights can be set and cleared on any cell.
    ws.protect("", {"insert_rows": True, "delete_rows": True, "format_cells": True, "format_columns": True,
                    "format_rows": True, "sort": True, "autofilter": True})


class _Writer:
    def __init__(self, wb: xlsxwriter.Workbook, hep: Hep, catalog: Catalog):
        self.wb, self.hep, self.cat = wb, hep, catalog
        self.f = _Formats(wb)

    # -- generic cell writing ---------------------------------------------------------------
    def put(self, ws, row: int, col: int, value, fmt=None, date_fmt=None) -> None:
        fmt = fmt or self.f.input
        if value is None or value == "":
            ws.write_blank(row, col, None, fmt)
        elif value is NO_DATA:
            ws.write_string(row, col, NO_DATA_LABEL, fmt)
        elif isinstance(value, bool):
            ws.write_boolean(row, col, value, fmt)
        elif isinstance(value, (int, float)):
            ws.write_number(row, col, value, fmt)
        elif isinstance(value, (dt.date, dt.datetime)):
            ws.write_datetime(row, col, value, date_fmt or self.f.input_date)
        else:
            ws.write_string(row, col, str(value), fmt)

    def table(self, ws, first_row: int, first_col: int, name: str, headers: list[str],
              rows: list[list], widths: list[float], formats: list, min_rows: int) -> int:
        """Write an Excel table (header at first_row); returns the last row used."""
        n = max(len(rows), min_rows, 1)
        last_row = first_row + n
        ws.add_table(first_row, first_col, last_row, first_col + len(headers) - 1, {
            "name": name, "style": "Table Style Light 9", "autofilter": True,
            "columns": [{"header": h, "header_format": self.f.header} for h in headers],
        })
        for c, w in enumerate(widths):
            ws.set_column(first_col + c, first_col + c, w)
        for r in range(n):
            values = rows[r] if r < len(rows) else [None] * len(headers)
            for c, value in enumerate(values):
                self.put(ws, first_row + 1 + r, first_col + c, value, formats[c])
            height = _row_height([(v, widths[c]) for c, v in enumerate(values) if isinstance(v, str)])
            if height:
                ws.set_row(first_row + 1 + r, height)
        ws.set_row(first_row, max(30, _row_height([(h, widths[c]) for c, h in enumerate(headers)]) or 0))
        return last_row

    # -- sheets -------------------------------------------------------------------------------
    def write(self) -> None:
        s = L.SHEETS
        self.ws = {key: self.wb.add_worksheet(getattr(s, key)) for key in
                   ("instructions", "settlement", "indicators", "checklist", "conclusions",
                    "action_plan", "forum", "frame", "report", "meta")}
        self.meta_and_lists()
        self.instructions()
        self.settlement()
        self.indicators()
        self.checklist()
        self.conclusions()
        self.action_plan()
        self.forum()
        self.frame()
        self.report()
        self.ws["settlement"].activate()

    def meta_and_lists(self) -> None:
        ws = self.ws["meta"]
        meta = {
            "template_version": L.TEMPLATE_VERSION,
            "catalog_version": self.hep.catalog_version,
            "generator": f"hep_xl {__version__}",
            "history_years": len(self.hep.years),
        }
        for r, key in enumerate(L.META_KEYS):
            ws.write_string(r, 0, key)
            self.put(ws, r, 1, meta[key], self.f.text)
        lists = [
            (L.LIST_STATUSES, list(L.CHECKLIST_STATUSES)),
            (L.LIST_GROUPS, [g.id for g in self.cat.target_groups]),
            (L.LIST_ROLES, [r.name for r in self.cat.forum_roles]),
        ]
        for c, (name, values) in enumerate(lists, start=3):
            ws.write_string(0, c, name)
            for r, v in enumerate(values, start=1):
                ws.write_string(r, c, v)
            self.wb.define_name(name, f"={abs_cell(L.SHEETS.meta, 1, c)}:"
                                      f"{xl_rowcol_to_cell(len(values), c, True, True)}")
        self.wb.define_name("hep_template_version", f"={abs_cell(L.SHEETS.meta, 0, 1)}")
        self.wb.define_name("hep_catalog_version", f"={abs_cell(L.SHEETS.meta, 1, 1)}")
        ws.hide()

    def instructions(self) -> None:
        ws = self.ws["instructions"]
        ws.set_column(0, 0, 110)
        s = L.SHEETS
        lines = [
            ("title", "Helyi Esélyegyenlőségi Program (HEP) – munkafüzet"),
            ("text", f"Jogszabályi alap: {self.cat.title}. {self.cat.note}"),
            ("text", "A sárga hátterű cellák kitöltendők; a szürke feliratok zároltak (a lapvédelem "
                     "jelszó nélkül feloldható). Sorok beszúrhatók a táblázatokba."),
            ("subtitle", "Munkalapok"),
            ("text", f"{s.settlement}: a település és a program alapadatai (KSH-kód, időszak, elfogadás, "
                     "felülvizsgálatok, kapcsolattartó)."),
            ("text", f"{s.indicators}: az 1. melléklet statisztikai mutatói, soronként egy (rész)mutató, "
                     "oszloponként egy év (legalább 5 éves idősor). Hiányzó adatnál írja be: "
                     f"„{NO_DATA_LABEL}”, és a Megjegyzés oszlopban indokolja. Tizedesvessző és "
                     "szóköz ezres tagolás megengedett."),
            ("text", f"{s.checklist}: a 2. melléklet tartalmi elemei; mindegyikhez állapot, kifejtés és "
                     "az adathiányok. „nem releváns” állapotnál a Kifejtés oszlopban az indok szerepeljen."),
            ("text", f"{s.conclusions}: célcsoportonként a feltárt problémák, egyedi azonosítóval "
                     "(pl. I-1, II-3). Az intézkedési terv ezekre hivatkozik."),
            ("text", f"{s.action_plan}: a 3. melléklet szerinti intézkedések célcsoportonként "
                     "(A–J oszlopok); a B oszlopban a probléma azonosítóját válassza a listából."),
            ("text", f"{s.forum}: a HEP Fórum tagjai, ülései (legalább kétévente, jegyzőkönyvvel) és "
                     "munkacsoportjai (legalább évente beszámolnak)."),
            ("text", f"{s.frame}: a Word-dokumentum keretszövegei (Bevezetés, A település bemutatása, Célok, "
                     "Jövőképünk, Megvalósítás …) a kibocsátó önkormányzat nevével; a táblázatok és az "
                     "összegzések a többi lapról készülnek."),
            ("text", f"{s.report}: az ellenőrzés eredménye (a „HEP” szalag Ellenőrzés gombja vagy a "
                     "„hep-xl validate” parancs tölti ki)."),
            ("subtitle", "Célcsoportok"),
            *[("text", f"{g.id}. {g.name}") for g in self.cat.target_groups],
        ]
        for r, (kind, text) in enumerate(lines):
            ws.write_string(r, 0, text, getattr(self.f, kind))
            if kind == "text":
                ws.set_row(r, _row_height([(text, 110)]))
        _print_setup(ws, None, landscape=False)
        _protect(ws)

    def settlement(self) -> None:
        ws, st, s = self.ws["settlement"], self.hep.settlement, L.SHEETS.settlement
        ws.write_string(0, 0, "Településadatok", self.f.title)
        ws.set_column(0, 0, 42)
        ws.set_column(1, 1, 40)
        ws.set_column(2, 2, 55)
        for c, h in enumerate(("Adat", "Érték", "Útmutató")):
            ws.write_string(2, c, h, self.f.header)
        for i, fd in enumerate(L.SETTLEMENT_FIELDS):
            row = 3 + i
            value = getattr(st, fd.field)
            if fd.index is not None:
                value = value[fd.index] if fd.index < len(value) else None
            ws.write_string(row, 0, fd.label, self.f.label)
            fmt = {"date": self.f.input_date, "int": self.f.input_int, "year": self.f.input_int,
                   "ksh_code": self.f.input_text}.get(fd.kind, self.f.input)
            self.put(ws, row, 1, value, fmt)
            ws.write_string(row, 2, fd.help, self.f.small)
            self.wb.define_name(fd.defined_name, f"={abs_cell(s, row, 1)}")
            if fd.kind == "date":
                ws.data_validation(row, 1, row, 1, {
                    "validate": "date", "criteria": ">=", "value": dt.date(2000, 1, 1),
                    "error_title": "Dátum", "error_message": "Dátumot adjon meg, pl. 2024.02.28."})
            elif fd.kind in ("int", "year"):
                lo, hi = (MIN_YEAR, MAX_YEAR) if fd.kind == "year" else (0, 10_000_000)
                ws.data_validation(row, 1, row, 1, {
                    "validate": "integer", "criteria": "between", "minimum": lo, "maximum": hi,
                    "error_title": fd.label, "error_message": f"Egész számot adjon meg ({lo}–{hi})."})
            elif fd.kind == "ksh_code":
                ws.data_validation(row, 1, row, 1, {
                    "validate": "length", "criteria": "==", "value": 5,
                    "error_title": "KSH-kód", "error_message": "Öt számjegyű kód, pl. 02307 (Kaba)."})
        ws.freeze_panes(3, 0)
        _print_setup(ws, 2, landscape=False)
        _protect(ws)

    def indicators(self) -> None:
        ws, years, hep = self.ws["indicators"], self.hep.years, self.hep
        ws.write_string(0, 0, "1. melléklet – egységesen rendelkezésre álló statisztikai mutatók",
                        self.f.title)
        ws.write_string(1, 0, self.cat.annex1_intro, self.f.note)
        first = 3
        headers = L.indicator_headers(years)
        widths = [22, 7, 34, 34, 9, 10, 11, *[10] * len(years), 24, 12, 30, 30]
        fmts = [self.f.label] * len(L.IND_LEFT) + [self.f.input_num] * len(years) + [
            self.f.input, self.f.input_date, self.f.input, self.f.label]
        rows = []
        for sd in self.cat.series_rows:
            ind = self.cat.indicator_by_number[sd.indicator_number]
            data = hep.indicators.get(sd.id)
            values: list = [data.values.get(y) if data else None for y in years]
            rows.append([sd.id, ind.number, ind.name, sd.name, L.ROLE_LABELS[sd.role], sd.unit,
                         ind.frequency, *values, data.source if data else "",
                         data.retrieved if data else None, data.note if data else "", ind.source])
        self.table(ws, first, 0, L.INDICATORS_TABLE, headers, rows, widths, fmts, 0)
        self._indicator_validation(ws, first + 1, len(L.IND_LEFT), len(years))
        ws.freeze_panes(first + 1, 4)
        _print_setup(ws, first, landscape=True)
        _protect(ws)

    def _indicator_validation(self, ws, first_row: int, first_col: int, n_years: int) -> None:
        """One data validation per value rule of the series kinds (catalog ``value_rule``)."""
        if not n_years:
            return
        by_rule: dict = {}
        for r, sd in enumerate(self.cat.series_rows):
            by_rule.setdefault(sd.value_rule, []).append(first_row + r)
        last_col = first_col + n_years - 1
        for rule, rows in by_rule.items():
            top = xl_rowcol_to_cell(rows[0], first_col)
            ranges = " ".join(f"{xl_rowcol_to_cell(r, first_col)}:{xl_rowcol_to_cell(r, last_col)}"
                              for r in rows)
            ws.data_validation(rows[0], first_col, rows[0], last_col, {
                "validate": "custom", "value": f'=OR({_excel_condition(rule, top)},{top}="{NO_DATA_LABEL}")',
                "multi_range": ranges, "ignore_blank": True,
                "error_title": "Érvénytelen érték",
                "error_message": f"Ide {rule.what} írható, vagy „{NO_DATA_LABEL}”.",
            })

    def checklist(self) -> None:
        ws = self.ws["checklist"]
        ws.write_string(0, 0, f"2. melléklet – {self.cat.checklist_title}", self.f.title)
        ws.write_string(1, 0, self.cat.checklist_note, self.f.note)
        first = 3
        headers = [L.CHK_ID, L.CHK_CHAPTER, L.CHK_TEXT, L.CHK_STATUS, L.CHK_NARRATIVE, L.CHK_GAPS]
        widths = [9, 24, 50, 14, 70, 35]
        fmts = [self.f.label, self.f.label, self.f.label, self.f.input, self.f.input, self.f.input]
        chapters = {c.number: c.title for c in self.cat.chapters}
        rows = []
        for item in self.cat.checklist_items:
            e = self.hep.checklist.get(item.id)
            rows.append([item.id, f"{item.chapter}. {chapters[item.chapter]}", item.text,
                         e.status if e else "", e.narrative if e else "", e.data_gaps if e else ""])
        last = self.table(ws, first, 0, L.CHECKLIST_TABLE, headers, rows, widths, fmts, 0)
        ws.data_validation(first + 1, 3, last, 3, {
            "validate": "list", "source": f"={L.LIST_STATUSES}",
            "error_title": "Állapot", "error_message": "Válasszon a listából: "
            + ", ".join(L.CHECKLIST_STATUSES)})
        ws.freeze_panes(first + 1, 1)
        _print_setup(ws, first, landscape=True)
        _protect(ws)

    def _records(self, ws, first_row: int, name: str, cls, items, widths, min_rows) -> int:
        columns = fields_of(cls)
        headers = [f.label for f in columns]
        fmts = [self.f.input_date if f.kind == "date" else self.f.input_text if f.kind == "key" else self.f.input
                for f in columns]
        rows = [[self._cell_value(f.name, getattr(it, f.name)) for f in columns] for it in items]
        return self.table(ws, first_row, 0, name, headers, rows, widths, fmts, min_rows)

    def _cell_value(self, attr: str, value):
        if attr == "role" and value in self.cat.role_by_id:
            return self.cat.role_by_id[value].name
        return value

    def _group_list(self, ws, first_row: int, last_row: int, col: int) -> None:
        ws.data_validation(first_row, col, last_row, col, {
            "validate": "list", "source": f"={L.LIST_GROUPS}",
            "error_title": "Célcsoport", "error_message": "I, II, III, IV vagy V."})

    def conclusions(self) -> None:
        ws = self.ws["conclusions"]
        ws.write_string(0, 0, "Következtetések – a helyzetelemzésben feltárt problémák", self.f.title)
        ws.write_string(1, 0, "Célcsoportonként: " + "; ".join(
            f"{g.id}. {g.short_name} ({g.conclusions_section})" for g in self.cat.target_groups),
            self.f.note)
        first = 3
        last = self._records(ws, first, L.PROBLEMS_TABLE, Problem, self.hep.problems,
                             [10, 12, 60, 50, 40], L.BLANK_ROWS["problems"])
        self._group_list(ws, first + 1, last, 1)
        self.wb.define_name(L.LIST_PROBLEM_IDS, f"={abs_cell(L.SHEETS.conclusions, first + 1, 0)}:"
                                                f"{xl_rowcol_to_cell(last, 0, True, True)}")
        ws.freeze_panes(first + 1, 0)
        _print_setup(ws, first, landscape=True)
        _protect(ws)

    def action_plan(self) -> None:
        ws = self.ws["action_plan"]
        ws.write_string(0, 0, f"3. melléklet – {self.cat.action_plan_title}", self.f.title)
        headers = L.measure_headers(self.cat)
        attrs = [a for a, _ in L.measure_columns(self.cat)]
        widths = [9, 30, 16, 30, 28, 40, 22, 16, 30, 28, 28] + [30] * len(L.MEASURE_FORM_COLUMNS)
        fmts = [self.f.input_int if a == "number" else
                self.f.input_date if a == "deadline" else self.f.input for a in attrs]
        row = 2
        for g in self.cat.target_groups:
            ws.write_string(row, 0, f"{g.id}. {g.name}", self.f.subtitle)
            measures = self.hep.measures_of(g.id)
            rows = [[getattr(m, a) for a in attrs] for m in measures]
            last = self.table(ws, row + 1, 0, L.measures_table(g.id), headers, rows, widths, fmts,
                              L.BLANK_ROWS["measures"])
            pcol = attrs.index("problem")
            ws.data_validation(row + 2, pcol, last, pcol, {
                "validate": "list", "source": f"={L.LIST_PROBLEM_IDS}",
                "error_type": "warning", "error_title": "Probléma",
                "error_message": "A Következtetések lapon felvett probléma azonosítóját válassza."})
            row = last + 3
        ws.freeze_panes(1, 0)
        _print_setup(ws, None, landscape=True)
        _protect(ws)

    def forum(self) -> None:
        ws, fo, rules = self.ws["forum"], self.hep.forum, self.cat.forum_rules
        ws.write_string(0, 0, self.cat.forum_title, self.f.title)
        ws.write_string(1, 0, f"A Fórum legalább {rules.meeting_interval_years} évente ülésezik, üléseiről "
                              "jegyzőkönyv készül; a munkacsoportok legalább évente beszámolnak.",
                        self.f.note)
        widths = [30, 45, 45, 45]
        row = 3
        ws.write_string(row, 0, "Tagok és állandó meghívottak", self.f.subtitle)
        last = self._records(ws, row + 1, L.MEMBERS_TABLE, ForumMember, fo.members, widths,
                             L.BLANK_ROWS["members"])
        ws.data_validation(row + 2, 1, last, 1, {
            "validate": "list", "source": f"={L.LIST_ROLES}", "error_type": "information",
            "error_title": "Szerep", "error_message": "Javasolt szerepek a listában."})
        row = last + 3
        ws.write_string(row, 0, "Ülések", self.f.subtitle)
        last = self._records(ws, row + 1, L.MEETINGS_TABLE, ForumMeeting, fo.meetings, widths,
                             L.BLANK_ROWS["meetings"])
        row = last + 3
        ws.write_string(row, 0, "Munkacsoportok", self.f.subtitle)
        last = self._records(ws, row + 1, L.WORKING_GROUPS_TABLE, WorkingGroup,
                             fo.working_groups, widths, L.BLANK_ROWS["working_groups"])
        self._group_list(ws, row + 2, last, 2)
        _print_setup(ws, None, landscape=True)
        _protect(ws)

    def frame(self) -> None:
        """The parts of the Word document the clerk writes (the catalog's document frame)."""
        ws, cat, fr, sheet = self.ws["frame"], self.cat, self.hep.frame, L.SHEETS.frame
        ws.write_string(0, 0, f"{sheet} – {cat.frame_title}", self.f.title)
        ws.merge_range(1, 0, 1, 4, cat.frame_source, self.f.small)
        ws.set_row(1, _row_height([(cat.frame_source, 190)]))
        info = fields_of(type(fr))[0]
        ws.merge_range(3, 0, 3, 1, info.label, self.f.label_bold)
        self.put(ws, 3, 2, fr.issuing_body, self.f.input)
        ws.merge_range(3, 3, 3, 4, info.help, self.f.small)
        self.wb.define_name(L.ISSUING_BODY_NAME, f"={abs_cell(sheet, 3, 2)}")
        first = 5
        chapter: dict[int, str] = {}
        rows = []
        for part in cat.frame_parts:
            chapter[part.level] = part.heading
            if part.written:
                where = " / ".join(chapter[lv] for lv in range(1, part.level))
                rows.append([part.id, where, part.heading, part.guidance, fr.texts[part.id].text
                             if part.id in fr.texts else ""])
        headers = [L.FRAME_ID, L.FRAME_CHAPTER, L.FRAME_HEADING, L.FRAME_GUIDANCE, L.FRAME_TEXT]
        widths = [14, 28, 24, 50, 90]
        fmts = [self.f.label, self.f.label, self.f.label_bold, self.f.small, self.f.input]
        self.table(ws, first, 0, L.FRAME_TABLE, headers, rows, widths, fmts, 0)
        for r, part in enumerate(p for p in cat.frame_parts if p.written):
            self.wb.define_name(L.frame_part_name(part.id), f"={abs_cell(sheet, first + 1 + r, 4)}")
        ws.freeze_panes(first + 1, 0)
        _print_setup(ws, first, landscape=True)
        _protect(ws)

    def report(self) -> None:
        ws = self.ws["report"]
        ws.write_string(0, 0, "Ellenőrzés eredménye", self.f.title)
        ws.write_string(1, 0, "Még nem futott ellenőrzés. Használja a „HEP” szalag Ellenőrzés gombját "
                              "vagy a „hep-xl validate” parancsot.", self.f.note)
        for c, (h, w) in enumerate(zip(L.REPORT_HEADERS, (14, 12, 20, 8, 24, 20, 90))):
            ws.write_string(3, c, h, self.f.header)
            ws.set_column(c, c, w)
        _print_setup(ws, 3, landscape=True)


_FIXED_CREATED = dt.datetime(2025, 1, 1)


def write_workbook(hep: Hep, path: str | os.PathLike, *, options: WriteOptions | None = None,
                   reproducible: bool = False) -> Path:
    """Write ``hep`` as a HEP workbook at ``path`` (atomically). ``.xlsm`` needs a VBA project.

    ``reproducible`` fixes the creation timestamp so the same model gives the same bytes (the
    committed templates in ``workbook_template/`` are compared against a fresh build)."""
    catalog = load_catalog(hep.catalog_version)
    options = options or WriteOptions()
    target = Path(path)
    with atomic_output(target) as tmp:
        wb = xlsxwriter.Workbook(str(tmp), {"strings_to_numbers": False, "strings_to_formulas": False,
                                            "strings_to_urls": False, "date_1904": options.date_1904})
        wb.set_properties({"title": f"Helyi Esélyegyenlőségi Program – {hep.settlement.name}".rstrip(" –"),
                           "subject": catalog.short_title, "creator": f"hep_xl {__version__}",
                           "comments": f"template {L.TEMPLATE_VERSION}; catalog {catalog.version}",
                           **({"created": _FIXED_CREATED} if reproducible else {})})
        if options.vba_project:
            wb.add_vba_project(str(options.vba_project))
            if options.vba_codename:
                wb.set_vba_name(options.vba_codename)
        writer = _Writer(wb, hep, catalog)
        writer.write()
        for step in options.extra_steps:
            step(wb, writer)
        wb.close()
        for finish in options.after_close:
            finish(tmp)
    return target


def blank_hep(settlement: str, ksh_code: str, start_year: int, history_years: int = 5,
              catalog_version: str | None = None) -> Hep:
    """An empty HEP for ``hep-xl new``: settlement basics, year columns, nothing else filled."""
    from ..catalog import DEFAULT_VERSION
    from ..model import Settlement

    version = catalog_version or DEFAULT_VERSION
    return Hep(
        catalog_version=version,
        settlement=Settlement(name=settlement, ksh_code=ksh_code, period_start=start_year,
                              period_end=start_year + load_catalog(version).programme.period_years - 1),
        years=L.default_years(start_year, history_years),
    )


__all__ = ["write_workbook", "blank_hep", "WriteOptions", "sheet_ref", "abs_cell"]
