"""Write a HEP workbook with xlsxwriter: the blank template (an empty model) or a filled one.

Layout comes from :mod:`hep_xl.workbook.layout` and the catalog; the reader finds everything again
through the Excel tables and defined names written here. Each sheet's print layout is decided here
with a :class:`~.pages.PrintSpec` (:mod:`.pages`); the cells, their formats and the rows that fit
their text are :mod:`.cells`'; the guide sheet is :mod:`.guide`'s, the overview :mod:`.overview_sheet`'s.

Guidance sits in the cells: every data validation has an input message (Excel shows it while the
clerk types: what goes into the cell, from the catalog's texts), every indicator's name a note
with the decree's full text; conditional formats grey a stated "nincs adat" and mark empty
required inputs; a sparkline in each indicator row shows its years.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from .. import __version__
from ..catalog import Catalog, IndicatorDef, SeriesDef, ValueRule, load_catalog
from ..files import atomic_output
from ..model import (
    MAX_YEAR,
    MEASURE_FORM_FIELDS,
    MIN_YEAR,
    NO_DATA,
    NO_DATA_LABEL,
    STATUS_NOT_RELEVANT,
    ForumMeeting,
    ForumMember,
    Hep,
    Measure,
    MonitoringRecord,
    Problem,
    WorkingGroup,
    WorkingGroupReport,
    field_info,
    fields_of,
)
from . import layout as L
from . import pages
from .a1 import sheet_ref
from .cells import Formats, Sheet, auto_heights
from .guide import write_guide
from .overview_sheet import write_overview
from .pages import PrintSpec, column_bands, column_points
from .words import choices, every, shorten

# the action plan's detail-form columns (partners, risks, mitigation): three share a landscape band
FORM_COLUMN_WIDTH = 32

# the largest number a monitoring cell takes (15 digits: what Excel keeps exactly)
MAX_CELL_NUMBER = 999_999_999_999_999


def _sentence(text: str) -> str:
    """A help text as a sentence of an input message: capital first, full stop last."""
    text = text.strip()
    if not text:
        return ""
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "!", "?", ")")) else ".")


# Excel's limits for a data validation's input message
INPUT_TITLE_MAX, INPUT_MESSAGE_MAX = 32, 255


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
    # the HEP ribbon of a macro-enabled file, for the guide sheet: (group label, button id, button
    # label, what it does) per button; empty for a plain .xlsx
    ribbon: tuple[tuple[str, str, str, str], ...] = ()


def _protect(ws) -> None:
    # Labels are locked, input cells unlocked; no password (a clerk may unprotect when needed).
    # Formatting stays allowed so the validation highlights can be set and cleared on any cell.
    ws.protect("", {"insert_rows": True, "delete_rows": True, "format_cells": True, "format_columns": True,
                    "format_rows": True, "sort": True, "autofilter": True})


def excel_condition(rule: ValueRule, cell: str) -> str:
    """The Excel formula that is TRUE when ``cell`` holds a value the rule accepts."""
    parts = [f"ISNUMBER({cell})"]
    if rule.minimum is not None:
        parts.append(f"{cell}>={rule.minimum:g}")
    if rule.maximum is not None:
        parts.append(f"{cell}<={rule.maximum:g}")
    if rule.whole:
        parts.append(f"{cell}=INT({cell})")
    return f"AND({','.join(parts)})"


class _Writer:
    def __init__(self, wb: xlsxwriter.Workbook, hep: Hep, catalog: Catalog, options: WriteOptions):
        self.wb, self.hep, self.cat, self.options = wb, hep, catalog, options
        self.f = Formats(wb)
        self.series_row: dict[str, int] = {}  # series id -> its 0-based row on the indicator sheet
        self.year_cols: tuple[int, int] | None = None  # first and last year column there
        self.indicator_header_row = 0

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

    def guide(self, ws, first_row: int, col: int, last_row: int, title: str, message: str, **dv) -> None:
        """A data validation with its input message (Excel shows it beside the cell while typing)."""
        opts = {"validate": "any", **dv, "input_title": shorten(title, INPUT_TITLE_MAX),
                "input_message": shorten(message, INPUT_MESSAGE_MAX)}
        ws.data_validation(first_row, col, last_row, col, opts)

    def table_frame(self, ws, first_row: int, first_col: int, last_row: int, name: str, headers: list[str],
                    widths: list[float], hidden: tuple[int, ...] = ()) -> None:
        """An Excel table from first_row (its header) to last_row: the table, its header cells, the
        column widths (``hidden``: the columns, counted from first_col, that are hidden)."""
        ws.add_table(first_row, first_col, last_row, first_col + len(headers) - 1, {
            "name": name, "style": "Table Style Light 9", "autofilter": True,
            "columns": [{"header": h, "header_format": self.f.header} for h in headers],
        })
        for c, h in enumerate(headers):
            ws.record(first_row, first_col + c, h, self.f.header)
        for c, w in enumerate(widths):
            ws.set_column(first_col + c, first_col + c, w, None, {"hidden": True} if c in hidden else None)

    def table(self, ws, first_row: int, first_col: int, name: str, headers: list[str],
              rows: list[list], widths: list[float], formats: list, min_rows: int) -> int:
        """Write an Excel table (header at first_row) and its rows; returns the last row used."""
        n = max(len(rows), min_rows, 1)
        last_row = first_row + n
        self.table_frame(ws, first_row, first_col, last_row, name, headers, widths)
        for r in range(n):
            values = rows[r] if r < len(rows) else [None] * len(headers)
            for c, value in enumerate(values):
                self.put(ws, first_row + 1 + r, first_col + c, value, formats[c])
        return last_row

    def print_setup(self, ws, spec: PrintSpec) -> None:
        pages.apply(ws, spec, self.hep.settlement.name, self.cat.short_title)

    # -- sheets -------------------------------------------------------------------------------
    def write(self) -> None:
        s = L.SHEETS
        self.ws = {key: Sheet(self.wb.add_worksheet(getattr(s, key)), self.f) for key in s.__dataclass_fields__}
        self.meta_and_lists()
        write_guide(self.ws["instructions"], self.f, self.cat, self.options.ribbon)
        self.print_setup(self.ws["instructions"], PrintSpec(landscape=False))
        _protect(self.ws["instructions"])
        self.settlement()
        self.indicators()
        self.checklist()
        self.conclusions()
        self.action_plan()
        self.progress()
        self.forum()
        self.frame()
        self.report()
        # after the indicators: its charts point at their cells
        widths, breaks = write_overview(self.ws["overview"], self.f, self.wb, self.cat, self.hep.settlement.name,
                                        self.series_row, self.year_cols, self.indicator_header_row)
        self.print_setup(self.ws["overview"], PrintSpec(landscape=False, widths=widths, row_breaks=breaks))
        filled = bool(self.hep.indicators or self.hep.checklist or self.hep.measures)
        self.ws["overview" if filled else "instructions"].activate()
        for ws in self.ws.values():
            ws.fit_rows()

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
            (L.LIST_PROGRESS_STATUSES, [v.name for v in self.cat.monitoring_statuses]),
            (L.LIST_MEETING_TYPES, [v.name for v in self.cat.meeting_types]),
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

    # -- Településadatok ----------------------------------------------------------------------
    def settlement(self) -> None:
        ws, st, s = self.ws["settlement"], self.hep.settlement, L.SHEETS.settlement
        ws.write_string(0, 0, "Településadatok", self.f.title)
        widths = [28, 30, 28]
        for c, w in enumerate(widths):
            ws.set_column(c, c, w)
        for c, h in enumerate(("Adat", "Érték", "Útmutató")):
            ws.write_string(2, c, h, self.f.header)
        required = []
        review_years = self.cat.programme.review_interval_years
        for i, fd in enumerate(L.SETTLEMENT_FIELDS):
            row = 3 + i
            value = getattr(st, fd.field)
            if fd.index is not None:
                value = value[fd.index] if fd.index < len(value) else None
            ws.write_string(row, 0, fd.label, self.f.label)
            fmt = {"date": self.f.input_date, "int": self.f.input_count, "year": self.f.input_year,
                   "ksh_code": self.f.input_text}.get(fd.kind, self.f.input)
            self.put(ws, row, 1, value, fmt)
            fd_help = fd.help_for(review_years)
            ws.write_string(row, 2, fd_help, self.f.small)
            self.wb.define_name(fd.defined_name, f"={abs_cell(s, row, 1)}")
            if fd.info.required:
                required.append(row)
            help_text = f"{fd_help}." if fd_help else ""
            if fd.kind == "date":
                self.guide(ws, row, 1, row, fd.label, f"Dátum, pl. 2024.02.28. {help_text}",
                           validate="date", criteria="between", minimum=dt.date(MIN_YEAR, 1, 1),
                           maximum=dt.date(MAX_YEAR, 12, 31), error_title="Dátum",
                           error_message="Dátumot adjon meg, pl. 2024.02.28.")
            elif fd.kind in ("int", "year"):
                lo, hi = (MIN_YEAR, MAX_YEAR) if fd.kind == "year" else (0, 10_000_000)
                what = "Évszám, pl. 2025." if fd.kind == "year" else "Egész szám, pl. 2 497."
                self.guide(ws, row, 1, row, fd.label, f"{what} {help_text}", validate="integer",
                           criteria="between", minimum=lo, maximum=hi, error_title=shorten(fd.label, 32),
                           error_message=f"Egész számot adjon meg ({lo}–{hi}).")
            elif fd.kind == "ksh_code":
                self.guide(ws, row, 1, row, fd.label, f"{fd_help}.", validate="length", criteria="==", value=5,
                           error_title="KSH-kód", error_message=f"Öt számjegyű kód, {fd_help}.")
            else:
                self.guide(ws, row, 1, row, fd.label, help_text or "Szöveg.")
        self._required(ws, [(r, 1) for r in required])
        ws.freeze_panes(3, 0)
        self.print_setup(ws, PrintSpec(landscape=False, header_rows=(2, 2), widths=widths))
        _protect(ws)

    def _required(self, ws, cells: list[tuple[int, int]]) -> None:
        """Mark the empty ones of ``cells`` (row, col) with an orange border until they are filled."""
        if not cells:
            return
        first = xl_rowcol_to_cell(*cells[0])
        ranges = " ".join(xl_rowcol_to_cell(r, c) for r, c in cells)
        ws.conditional_format(cells[0][0], cells[0][1], cells[0][0], cells[0][1], {
            "type": "formula", "criteria": f'=LEN(TRIM({first}))=0', "format": self.f.required,
            "multi_range": ranges})

    # -- 1. Mutatók ----------------------------------------------------------------------------
    def indicators(self) -> None:
        ws, years, hep, f = self.ws["indicators"], self.hep.years, self.hep, self.f
        ws.write_string(0, 1, "1. melléklet – egységesen rendelkezésre álló statisztikai mutatók", f.title_wrap)
        ws.write_string(1, 1, self.cat.annex1_intro, f.note_wrap)
        first = 3
        self.indicator_header_row = first
        headers = L.indicator_headers(years)
        n_left = len(L.IND_LEFT)
        widths = [14, 48, 9, 7, 12, *[9] * len(years), 10, 22, 11, 26, 24]
        col_of = {h: c for c, h in enumerate(headers)}
        y0, y1 = n_left, n_left + len(years) - 1
        self.year_cols = (y0, y1) if years else None
        rows: list[tuple[str, IndicatorDef, SeriesDef | None]] = []
        for ind in self.cat.indicators:
            if len(ind.rows) > 1:
                rows.append(("heading", ind, None))
            rows.extend(("series", ind, sd) for sd in ind.rows)
        last = first + len(rows)
        self.table_frame(ws, first, 0, last, L.INDICATORS_TABLE, headers, widths, hidden=(0,))
        window = set(years[-self.cat.min_history_years:])
        census = set(self.cat.census_years)
        required: list[tuple[int, int]] = []
        spark_cells: list[str] = []
        spark_ranges: list[str] = []
        for i, (kind, ind, sd) in enumerate(rows):
            r = first + 1 + i
            if kind == "heading":
                self._indicator_heading(ws, r, ind, headers)
                continue
            assert sd is not None
            single = len(ind.rows) == 1
            data = hep.indicators.get(sd.id)
            self.series_row[sd.id] = r
            ws.write_string(r, 0, sd.id, f.label)
            name = f"{ind.number}. {sd.name}" if single else sd.name
            ws.write_string(r, 1, name, f.heading if single else f.label_indent if sd.role == "series"
                            else f.label_muted)
            if single:
                ws.write_comment(r, 1, self._decree_note(ind), self._note_size(ind))
            ws.write_string(r, 2, L.ROLE_LABELS[sd.role], f.label)
            ws.write_string(r, 3, sd.unit, f.label)
            ws.write_string(r, 4, ind.frequency if single else "", f.label)
            rule = sd.value_rule
            for k, year in enumerate(years):
                self.put(ws, r, y0 + k, data.values.get(year) if data else None, f.value(rule))
                if year in (census if ind.is_census else window):
                    required.append((r, y0 + k))
            ws.write_blank(r, col_of[L.IND_TREND], None, f.label)
            self.put(ws, r, col_of[L.IND_SOURCE], data.source if data else "", f.input)
            self.put(ws, r, col_of[L.IND_RETRIEVED], data.retrieved if data else None, f.input_date)
            self.put(ws, r, col_of[L.IND_NOTE], data.note if data else "", f.input)
            ws.write_string(r, col_of[L.IND_DECREE_SOURCE], ind.source if single else "", f.label)
            if years:
                self._indicator_guide(ws, r, y0, y1, ind, sd, rule)
                spark_cells.append(xl_rowcol_to_cell(r, col_of[L.IND_TREND]))
                spark_ranges.append(f"{sheet_ref(L.SHEETS.indicators)}!{xl_rowcol_to_cell(r, y0)}:"
                                    f"{xl_rowcol_to_cell(r, y1)}")
        if spark_cells:  # one group of sparklines, a sparkline per series row (xlsxwriter styles a group once)
            ws.add_sparkline(first + 1, col_of[L.IND_TREND], {
                "location": spark_cells, "range": spark_ranges, "type": "column", "series_color": "#2F5597",
                "negative_points": True, "negative_color": "#C00000"})
        data_rows = (first + 1, last)
        self.guide(ws, *data_rows[:1], col_of[L.IND_SOURCE], data_rows[1], L.IND_SOURCE,
                   "Honnan származik az adat, pl. TeIR – KSH T-STAR (a Mutatók kitöltése maga beírja).")
        self.guide(ws, data_rows[0], col_of[L.IND_RETRIEVED], data_rows[1], L.IND_RETRIEVED,
                   "A letöltés napja, pl. 2025.01.15.", validate="date", criteria="between",
                   minimum=dt.date(MIN_YEAR, 1, 1), maximum=dt.date(MAX_YEAR, 12, 31), error_title="Dátum",
                   error_message="Dátumot adjon meg, pl. 2025.01.15.")
        self.guide(ws, data_rows[0], col_of[L.IND_NOTE], data_rows[1], L.IND_NOTE,
                   f"Ha egy év adata „{NO_DATA_LABEL}”: miért nincs, és honnan pótolható.")
        if years:
            top = xl_rowcol_to_cell(first + 1, y0)
            span = f"{top}:{xl_rowcol_to_cell(last, y1)}"
            ws.conditional_format(first + 1, y0, last, y1, {
                "type": "cell", "criteria": "==", "value": f'"{NO_DATA_LABEL}"', "format": f.no_data,
                "multi_range": span})
            self._required(ws, required)
        ws.freeze_panes(first + 1, 2)
        self.print_setup(ws, PrintSpec(landscape=True, header_rows=(first, first), title_cols=2, widths=widths,
                                       hidden_cols=frozenset({0}), across_first=True))
        _protect(ws)

    def _decree_note(self, ind: IndicatorDef) -> str:
        return f"{ind.number}. {ind.name}\n\nA rendelet szerint: {ind.content}\n\nForrás: {ind.source}"

    @staticmethod
    def _note_size(ind: IndicatorDef) -> dict:
        lines = max(4, (len(ind.content) + len(ind.name) + len(ind.source)) // 45 + 5)
        return {"author": "hep_xl", "x_scale": 2.6, "y_scale": min(lines / 5, 12)}

    def _indicator_heading(self, ws, r: int, ind: IndicatorDef, headers: list[str]) -> None:
        f = self.f
        ws.write_string(r, 1, f"{ind.number}. {ind.name}", f.heading)
        ws.write_comment(r, 1, self._decree_note(ind), self._note_size(ind))
        for c in range(len(headers)):
            if c == 1:
                continue
            if headers[c] == L.IND_FREQ:
                ws.write_string(r, c, ind.frequency, f.heading)
            elif headers[c] == L.IND_DECREE_SOURCE:
                ws.write_string(r, c, ind.source, f.heading)
            else:
                ws.write_blank(r, c, None, f.heading)

    def _indicator_guide(self, ws, r: int, y0: int, y1: int, ind: IndicatorDef, sd: SeriesDef,
                         rule: ValueRule) -> None:
        top = xl_rowcol_to_cell(r, y0)
        head = f"{sd.name} ({sd.unit}): {rule.what}, pl. {rule.example}; ha nincs adat: „{NO_DATA_LABEL}”."
        room = INPUT_MESSAGE_MAX - len(head) - 1
        message = head if room < 20 else f"{head} {shorten(ind.content, room)}"
        ws.data_validation(r, y0, r, y1, {
            "validate": "custom", "value": f'=OR({excel_condition(rule, top)},{top}="{NO_DATA_LABEL}")',
            "ignore_blank": True,
            "input_title": shorten(f"{ind.number}. {ind.name}", INPUT_TITLE_MAX),
            "input_message": shorten(message, INPUT_MESSAGE_MAX),
            "error_title": "Érvénytelen érték",
            "error_message": shorten(f"Ide {rule.what} írható (pl. {rule.example}), vagy „{NO_DATA_LABEL}”.",
                                     INPUT_MESSAGE_MAX)})

    # -- 2. Helyzetelemzés ---------------------------------------------------------------------
    def checklist(self) -> None:
        ws, f = self.ws["checklist"], self.f
        ws.write_string(0, 0, f"2. melléklet – {self.cat.checklist_title}", f.title)
        ws.write_string(1, 0, self.cat.checklist_note, f.note)
        first = 3
        headers = [L.CHK_ID, L.CHK_TEXT, L.CHK_STATUS, L.CHK_NARRATIVE, L.CHK_GAPS]
        widths = [9, 42, 13, 48, 22]
        rows: list = []
        for ch in self.cat.chapters:
            rows.append(("chapter", ch))
            rows.extend(("item", item) for item in ch.items)
        last = first + len(rows)
        self.table_frame(ws, first, 0, last, L.CHECKLIST_TABLE, headers, widths)
        gaps_section = self.cat.data_gaps_section
        required: list[tuple[int, int]] = []
        for i, (kind, obj) in enumerate(rows):
            r = first + 1 + i
            if kind == "chapter":
                ws.write_blank(r, 0, None, f.heading)
                ws.write_string(r, 1, f"{obj.number}. {obj.title}", f.heading)
                for c in range(2, len(headers)):
                    ws.write_blank(r, c, None, f.heading)
                continue
            item, e = obj, self.hep.checklist.get(obj.id)
            ws.write_string(r, 0, item.id, f.label)
            ws.write_string(r, 1, item.text, f.label_muted if item.illustrative else
                            f.label_indent if item.level == "point" else f.label)
            self.put(ws, r, 2, e.status if e else "", f.input)
            self.put(ws, r, 3, e.narrative if e else "", f.input)
            self.put(ws, r, 4, e.data_gaps if e else "", f.input)
            if not item.illustrative:
                required += [(r, 2), (r, 3)]
            self.guide(ws, r, 2, r, f"{item.id} – állapot",
                       f"{shorten(item.text, 90)} – {choices(list(L.CHECKLIST_STATUSES))}. "
                       f"„{STATUS_NOT_RELEVANT}” esetén a Kifejtés oszlopban írja le, miért nem releváns a "
                       "településen." + (" Példálózó alpont: kitöltése ajánlott, nem kötelező."
                                         if item.illustrative else ""),
                       validate="list", source=f"={L.LIST_STATUSES}", error_title="Állapot",
                       error_message="Válasszon a listából: " + ", ".join(L.CHECKLIST_STATUSES))
        self.guide(ws, first + 1, 3, last, L.CHK_NARRATIVE,
                   "A helyzet leírása a tartalmi elem szerint: adatok, okok, a településen elérhető "
                   "szolgáltatások. A sor magassága a szöveghez igazodik.")
        self.guide(ws, first + 1, 4, last, L.CHK_GAPS,
                   "Ha az elemzéshez szükséges adat nem érhető el: melyik adat, és miért" +
                   (f" (a {gaps_section} pont összesíti)." if gaps_section else "."))
        self._required(ws, required)
        ws.freeze_panes(first + 1, 2)
        self.print_setup(ws, PrintSpec(landscape=True, header_rows=(first, first), title_cols=2, widths=widths))
        _protect(ws)

    # -- records ---------------------------------------------------------------------------------
    def _records(self, ws, first_row: int, first_col: int, name: str, cls, items, widths, min_rows) -> int:
        columns = fields_of(cls)
        headers = [fi.label for fi in columns]
        kinds = {"date": self.f.input_date, "key": self.f.input_text, "year": self.f.input_year,
                 "int": self.f.input_year}  # (a measure's number: left, apart from the year beside it)
        fmts = [kinds.get(fi.kind, self.f.input) for fi in columns]
        rows = [[self._cell_value(fi.name, getattr(it, fi.name)) for fi in columns] for it in items]
        return self.table(ws, first_row, first_col, name, headers, rows, widths, fmts, min_rows)

    def _cell_value(self, attr: str, value):
        if attr == "role" and value in self.cat.role_by_id:
            return self.cat.role_by_id[value].name
        return value

    def _group_list(self, ws, first_row: int, last_row: int, col: int) -> None:
        ids = [g.id for g in self.cat.target_groups]
        self.guide(ws, first_row, col, last_row, "Célcsoport",
                   "; ".join(f"{g.id}. {g.short_name}" for g in self.cat.target_groups) + ".",
                   validate="list", source=f"={L.LIST_GROUPS}", error_title="Célcsoport",
                   error_message=f"{choices(ids)}.")

    # -- Következtetések -----------------------------------------------------------------------
    def conclusions(self) -> None:
        ws = self.ws["conclusions"]
        ws.write_string(0, 0, "Következtetések – a helyzetelemzésben feltárt problémák", self.f.title)
        ws.write_string(1, 0, "Célcsoportonként: " + "; ".join(
            f"{g.id}. {g.short_name} ({g.conclusions_section})" for g in self.cat.target_groups),
            self.f.note)
        first = 3
        widths = [9, 10, 42, 42, 28]
        last = self._records(ws, first, 0, L.PROBLEMS_TABLE, Problem, self.hep.problems, widths,
                             L.BLANK_ROWS["problems"])
        example = self.cat.target_groups[0].id
        self.guide(ws, first + 1, 0, last, "Probléma azonosítója",
                   f"Egyedi azonosító: a célcsoport és egy sorszám, pl. {example}-1. Az intézkedési terv erre "
                   "hivatkozik.")
        self._group_list(ws, first + 1, last, 1)
        self.wb.define_name(L.LIST_PROBLEM_IDS, f"={abs_cell(L.SHEETS.conclusions, first + 1, 0)}:"
                                                f"{xl_rowcol_to_cell(last, 0, True, True)}")
        ws.freeze_panes(first + 1, 0)
        self.print_setup(ws, PrintSpec(landscape=True, header_rows=(first, first), title_cols=1, widths=widths))
        _protect(ws)

    # -- 3. Intézkedési terv -------------------------------------------------------------------
    def action_plan(self) -> None:
        """One table per target group under one heading row: the tables' own header rows are hidden
        (the reader finds the columns by them), the sheet's heading row is repeated on every page,
        and each target group starts a new page."""
        ws, f = self.ws["action_plan"], self.f
        ws.write_string(0, 0, f"3. melléklet – {self.cat.action_plan_title}", f.title)
        headers = L.measure_headers(self.cat)
        columns = self.cat.columns
        attrs = [a for a, _ in L.measure_columns(self.cat)]  # the decree's columns, then the detail form's
        role_widths = {"sequence": 8, "name": 24, "problem_reference": 16, "responsible_party": 18, "due_date": 13}
        # the decree's columns in page-wide bands, then the detail form's on a band of their own
        widths = [role_widths.get(c.role, 22) for c in columns] + [FORM_COLUMN_WIDTH] * len(L.MEASURE_FORM_COLUMNS)
        col_breaks = column_bands(widths[:len(columns)], 2, True) + [len(columns)]
        fmts = [f.input_int if c.role == "sequence" else f.input_date if c.role == "due_date" else f.input
                for c in columns] + [f.input] * len(L.MEASURE_FORM_COLUMNS)
        heading_row = 2
        for c, h in enumerate(headers):
            ws.write_string(heading_row, c, h, f.header)
        row = heading_row + 2
        breaks = []
        for i, g in enumerate(self.cat.target_groups):
            if i:
                breaks.append(row)
            ws.write_string(row, 0, f"{g.id}. {g.name}", f.subtitle)
            measures = self.hep.measures_of(g.id)
            rows = [[getattr(m, a) for a in attrs] for m in measures]
            header = row + 1
            last = self.table(ws, header, 0, L.measures_table(g.id), headers, rows, widths, fmts,
                              L.BLANK_ROWS["measures"])
            ws.hide_row(header)
            self._measure_guides(ws, header + 1, last)
            row = last + 2
        ws.freeze_panes(heading_row + 1, 2)
        self.print_setup(ws, PrintSpec(landscape=True, header_rows=(heading_row, heading_row), title_cols=2,
                                       widths=widths, row_breaks=breaks, col_breaks=col_breaks, across_first=True))
        _protect(ws)

    def _measure_guides(self, ws, first: int, last: int) -> None:
        for c, col in enumerate(self.cat.columns):
            if col.role == "sequence":
                self.guide(ws, first, c, last, col.label, "Az intézkedés sorszáma a célcsoporton belül: 1, 2, 3…",
                           validate="integer", criteria=">=", value=1, error_title="Sorszám",
                           error_message="Pozitív egész szám.")
            elif col.role == "problem_reference":
                self.guide(ws, first, c, last, col.label,
                           "A Következtetések lapon felvett probléma azonosítója, pl. "
                           f"{self.cat.target_groups[0].id}-1 (válasszon a listából).",
                           validate="list", source=f"={L.LIST_PROBLEM_IDS}", error_type="warning",
                           error_title="Probléma",
                           error_message="A Következtetések lapon felvett probléma azonosítóját válassza.")
            elif col.role == "due_date":
                self.guide(ws, first, c, last, col.label,
                           "Dátum (pl. 2027.06.30) vagy szövegesen (pl. 2027. június 30.); folyamatos feladatnál "
                           "is az első határidő.")
            elif col.role == "responsible_party":
                self.guide(ws, first, c, last, col.label, "Név és beosztás, pl. Kiss Anna polgármester.")
        for c, name in enumerate(MEASURE_FORM_FIELDS, start=len(self.cat.columns)):
            info = field_info(Measure, name)
            self.guide(ws, first, c, last, info.label, f"{info.help[:1].upper()}{info.help[1:]} (a Word-dokumentum "
                       "intézkedési adatlapjára kerül).")

    # -- HEP Fórum -----------------------------------------------------------------------------
    def forum(self) -> None:
        """The members, the meetings, the working groups and their reports, each a sheet of its own:
        tables of different columns, so that each prints its header row on every page (the meetings,
        with the monitoring's columns, on landscape pages)."""
        fo, rules, f = self.hep.forum, self.cat.forum_rules, self.f
        note = (f"A Fórum legalább {every(rules.meeting_interval_years)} ülésezik, üléseiről jegyzőkönyv "
                f"készül; a munkacsoportok legalább {every(rules.working_group_report_interval_years)} "
                "beszámolnak.")
        blocks = [("forum", "Tagok és állandó meghívottak", L.MEMBERS_TABLE, ForumMember, fo.members,
                   [20, 26, 22, 22], L.BLANK_ROWS["members"], False),
                  ("forum_meetings", "Ülések", L.MEETINGS_TABLE, ForumMeeting, fo.meetings,
                   [10, 20, 12, 22, 12, 24, 9, 9, 13], L.BLANK_ROWS["meetings"], True),
                  ("forum_groups", "Munkacsoportok", L.WORKING_GROUPS_TABLE, WorkingGroup, fo.working_groups,
                   [26, 22, 14, 16], L.BLANK_ROWS["working_groups"], False),
                  ("forum_reports", "A munkacsoportok beszámolói", L.REPORTS_TABLE, WorkingGroupReport, fo.reports,
                   [22, 8, 11, 36, 13], L.BLANK_ROWS["reports"], False)]
        for key, title, table, cls, items, widths, blank, landscape in blocks:
            ws = self.ws[key]
            ws.write_string(0, 0, f"{self.cat.forum_title}: {title.lower()}" if key != "forum"
                            else self.cat.forum_title, f.title)
            for c, w in enumerate(widths):
                ws.set_column(c, c, w)
            ws.wide_text(1, 0, len(widths) - 1, note, f.note_wrap)
            header = 3
            last = self._records(ws, header, 0, table, cls, items, widths, blank)
            self._record_guides(ws, cls, header + 1, last)
            ws.freeze_panes(header + 1, 0)
            self.print_setup(ws, PrintSpec(landscape=landscape, header_rows=(header, header), widths=widths))
            _protect(ws)

    def _record_guides(self, ws, cls, first: int, last: int) -> None:
        """Each column's input message and validation, by the model field's kind and name."""
        kinds = {fi.name: k for k, fi in enumerate(fields_of(cls))}
        if "role" in kinds:
            self.guide(ws, first, kinds["role"], last, "Szerep a Fórumban",
                       "Válasszon a javasolt összetételből, vagy írja be a szerepet.", validate="list",
                       source=f"={L.LIST_ROLES}", error_type="information", error_title="Szerep",
                       error_message="Javasolt szerepek a listában.")
        if "target_group" in kinds:
            self._group_list(ws, first, last, kinds["target_group"])
        lists = {(ForumMeeting, "kind"): (L.LIST_MEETING_TYPES, self.cat.meeting_types),
                 (MonitoringRecord, "status"): (L.LIST_PROGRESS_STATUSES, self.cat.monitoring_statuses)}
        for fi in fields_of(cls):
            c = kinds[fi.name]
            if (cls, fi.name) in lists:
                name, values = lists[(cls, fi.name)]
                self.guide(ws, first, c, last, fi.label, f"Válasszon a listából: {choices([v.name for v in values])}.",
                           validate="list", source=f"={name}", error_title=shorten(fi.label, 32),
                           error_message=f"A lista egyik értéke: {choices([v.name for v in values])}.")
            elif fi.kind == "date":
                self.guide(ws, first, c, last, fi.label, f"Dátum, pl. 2025.03.12. {_sentence(fi.help)}",
                           validate="date", criteria="between", minimum=dt.date(MIN_YEAR, 1, 1),
                           maximum=dt.date(MAX_YEAR, 12, 31), error_title="Dátum",
                           error_message="Dátumot adjon meg, pl. 2025.03.12.")
            elif fi.kind == "year":
                self.guide(ws, first, c, last, fi.label, _sentence(fi.help) or "Évszám, pl. 2025.",
                           validate="integer", criteria="between", minimum=MIN_YEAR, maximum=MAX_YEAR,
                           error_title="Év", error_message=f"Évszámot adjon meg ({MIN_YEAR}–{MAX_YEAR}), pl. 2025.")
            elif fi.kind == "int":
                self.guide(ws, first, c, last, fi.label, _sentence(fi.help) or "Egész szám, pl. 1.",
                           validate="integer", criteria=">=", value=1, error_title=shorten(fi.label, 32),
                           error_message="Pozitív egész szám.")
            elif fi.kind == "number":
                self.guide(ws, first, c, last, fi.label, _sentence(fi.help) or "Szám, pl. 12 vagy 12,5.",
                           validate="decimal", criteria="between", minimum=-MAX_CELL_NUMBER,
                           maximum=MAX_CELL_NUMBER, error_title=shorten(fi.label, 32),
                           error_message="Számot adjon meg, pl. 12 vagy 12,5.")
            elif fi.help and cls in (MonitoringRecord, WorkingGroupReport, ForumMeeting):
                self.guide(ws, first, c, last, fi.label, _sentence(fi.help))

    # -- Megvalósítás ---------------------------------------------------------------------------
    def progress(self) -> None:
        """The monitoring of the action plan: one row per measure and year (target group, number,
        year, status from the catalog's list, the indicator's target and the value reached, the
        resources used, a comment, the responsible Fórum member, the dates), one Excel table on
        landscape pages with its header row on every page."""
        ws, f, cat = self.ws["progress"], self.f, self.cat
        ws.write_string(0, 0, cat.monitoring_title or "Megvalósítás", f.title)
        widths = [8, 8, 6, 13, 10, 8, 19, 25, 14, 9, 11]  # one A4 landscape page wide
        for c, w in enumerate(widths):
            ws.set_column(c, c, w)
        deadline, indicator, resources = (cat.column_of(r) for r in ("due_date", "success_indicator", "resources"))
        note = (f"Intézkedésenként és évenként egy sor: az állapot a lista egyik értéke; a célérték a(z) "
                f"{indicator.letter} oszlop ({indicator.heading.lower()}) mérőszáma, a felhasznált erőforrások a(z) "
                f"{resources.letter} oszlophoz mérve. A(z) {deadline.letter} oszlop határidejének lejárta után "
                f"a „{cat.status_named('done').name}” állapot vagy a megjegyzésben az ok; a módosított vagy "
                "törölt intézkedésnél a döntő Fórum-ülés dátuma. A Beszámoló gomb ebből készíti a beszámolót.")
        ws.wide_text(1, 0, len(widths) - 1, note, f.note_wrap)
        header = 3
        last = self._records(ws, header, 0, L.PROGRESS_TABLE, MonitoringRecord, self.hep.progress, widths,
                             L.BLANK_ROWS["progress"])
        self._record_guides(ws, MonitoringRecord, header + 1, last)
        ws.freeze_panes(header + 1, 3)
        self.print_setup(ws, PrintSpec(landscape=True, header_rows=(header, header), title_cols=3, widths=widths))
        _protect(ws)

    # -- Bevezetés és megvalósítás ---------------------------------------------------------------
    def frame(self) -> None:
        """The parts of the Word document the clerk writes (the catalog's document frame): the part
        ids in a hidden column (the reader's key), each text cell with the part's guidance as its
        input message, the header row printed on every page."""
        ws, cat, fr, sheet, f = self.ws["frame"], self.cat, self.hep.frame, L.SHEETS.frame, self.f
        headers = [L.FRAME_ID, L.FRAME_CHAPTER, L.FRAME_HEADING, L.FRAME_GUIDANCE, L.FRAME_TEXT]
        widths = [12, 16, 20, 34, 60]
        for c, w in enumerate(widths):  # (the texts across columns need their widths; the table sets them again)
            ws.set_column(c, c, w)
        ws.write_string(0, 1, f"{sheet} – {cat.frame_title}", f.title)
        ws.wide_text(1, 1, 4, cat.frame_source, f.note_wrap)
        info = fields_of(type(fr))[0]
        ws.wide_text(3, 1, 2, info.label, f.label_bold)
        self.put(ws, 3, 3, fr.issuing_body, f.input)
        ws.write_string(3, 4, info.help, f.small)
        self.guide(ws, 3, 3, 3, info.label, f"{info.help[:1].upper()}{info.help[1:]}.")
        self.wb.define_name(L.ISSUING_BODY_NAME, f"={abs_cell(sheet, 3, 3)}")
        first = 5
        chapter: dict[int, str] = {}
        rows, parts = [], []
        for part in cat.frame_parts:
            chapter[part.level] = part.heading
            if part.written:
                where = " / ".join(chapter[lv] for lv in range(1, part.level))
                rows.append([part.id, where, part.heading, part.guidance, fr.texts[part.id].text
                             if part.id in fr.texts else ""])
                parts.append(part)
        fmts = [f.label, f.label, f.label_bold, f.small, f.input]
        self.table(ws, first, 0, L.FRAME_TABLE, headers, rows, widths, fmts, 0)
        ws.set_column(0, 0, widths[0], None, {"hidden": True})
        for r, part in enumerate(parts):
            row = first + 1 + r
            self.wb.define_name(L.frame_part_name(part.id), f"={abs_cell(sheet, row, 4)}")
            self.guide(ws, row, 4, row, part.heading, part.guidance or f"{part.heading}: a dokumentum szövege.")
        ws.freeze_panes(first + 1, 0)
        self.print_setup(ws, PrintSpec(landscape=True, header_rows=(first, first), widths=widths,
                                       hidden_cols=frozenset({0})))
        _protect(ws)

    # -- Ellenőrzés ----------------------------------------------------------------------------
    def report(self) -> None:
        ws, hr = self.ws["report"], L.REPORT_HEADER_ROW
        ws.write_string(0, 0, "Ellenőrzés eredménye", self.f.title)
        ws.write_string(1, 0, "Még nem futott ellenőrzés. Használja a „HEP” szalag Ellenőrzés gombját "
                              "vagy a „hep-xl validate --write-back” parancsot.", self.f.note)
        for c, (h, w) in enumerate(zip(L.REPORT_HEADERS, L.REPORT_WIDTHS)):
            ws.write_string(hr, c, h, self.f.header)
            ws.set_column(c, c, w)
        ws.freeze_panes(hr + 1, 0)
        self.print_setup(ws, PrintSpec(landscape=True, header_rows=(hr, hr), widths=list(L.REPORT_WIDTHS)))

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
        writer = _Writer(wb, hep, catalog, options)
        writer.write()
        for step in options.extra_steps:
            step(wb, writer)
        wb.close()
        auto_heights(tmp)
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


__all__ = ["write_workbook", "blank_hep", "WriteOptions", "sheet_ref", "abs_cell", "column_bands",
           "column_points", "excel_condition"]
