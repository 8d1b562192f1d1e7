"""Write a validation report back into the clerk's workbook (the ribbon's Ellenőrzés button).

* The report sheet (``SHEETS.report``) is rewritten: a summary line, the completeness scores, and
  one row per finding whose cell reference is an internal hyperlink (``#'Sheet'!C5``).
* Offending cells (errors and warnings) get a visible fill. Every highlighted cell and its original
  fill is remembered on the hidden meta sheet (column ``MARKS_COLUMN``), so the next run first
  restores exactly the fills it found — a clean run leaves no highlight behind. A cell whose fill
  the clerk changed since (no longer our highlight) is left as the clerk made it.
* Nothing else changes. The file is replaced atomically; a ``.xlsm`` keeps its VBA project
  (openpyxl ``keep_vba=True``).

This is the only validate module that imports openpyxl.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.colors import Color
from openpyxl.worksheet.hyperlink import Hyperlink

from ..workbook import layout as L
from ..workbook.a1 import sheet_ref
from ..workbook.edit import WorkbookEditError, edit_workbook
from .findings import AREA_LABELS, AREAS, Report, Severity
from .report_sheet import (FIRST_ROW, HIGHLIGHT, MARKS_COLUMN, MARKS_HEADER, SCORE_COLUMNS, SEVERITY_FILL,
                           report_rows, summary_line)

_CELL = re.compile(r"^[A-Z]{1,3}[1-9]\d*$")


class WriteBackError(Exception):
    """The report could not be written into the workbook; the message is Hungarian."""


def _color(c: Color | None) -> dict | None:
    if c is None:
        return None
    if c.type == "rgb":
        return {"rgb": c.rgb, "tint": c.tint}
    if c.type == "theme":
        return {"theme": c.theme, "tint": c.tint}
    if c.type == "indexed":
        return {"indexed": c.indexed, "tint": c.tint}
    return {"auto": True}


def _from_color(d: dict | None) -> Color | None:
    if d is None:
        return None
    tint = d.get("tint", 0.0)
    if "rgb" in d:
        return Color(rgb=d["rgb"], tint=tint)
    if "theme" in d:
        return Color(theme=d["theme"], tint=tint)
    if "indexed" in d:
        return Color(indexed=d["indexed"], tint=tint)
    return Color(auto=True)


def _fill_to_json(fill) -> str | None:
    if getattr(fill, "tagname", None) != "patternFill":  # (openpyxl hands out a StyleProxy)
        return None
    return json.dumps({"p": fill.patternType, "fg": _color(fill.fgColor), "bg": _color(fill.bgColor)},
                      separators=(",", ":"))


def _fill_from_json(text: str) -> PatternFill:
    d = json.loads(text)
    return PatternFill(patternType=d["p"], fgColor=_from_color(d["fg"]), bgColor=_from_color(d["bg"]))


def _is_our_highlight(fill) -> bool:
    return (getattr(fill, "tagname", None) == "patternFill" and fill.patternType == "solid" and fill.fgColor is not None
            and fill.fgColor.type == "rgb" and fill.fgColor.rgb in HIGHLIGHT.values())


def _restore_marks(wb, meta) -> None:
    col = MARKS_COLUMN
    row = 2
    while True:
        cell = meta[f"{col}{row}"]
        if cell.value is None:
            break
        try:
            sheet, ref, fill = str(cell.value).split("\t", 2)
        except ValueError:
            sheet = None
        if sheet in wb.sheetnames and _CELL.match(ref):
            target = wb[sheet][ref]
            if _is_our_highlight(target.fill):
                target.fill = _fill_from_json(fill)
        cell.value = None
        row += 1


def _apply_marks(wb, meta, report: Report) -> int:
    worst: dict[tuple[str, str], Severity] = {}
    for f in report.findings:
        if f.severity not in HIGHLIGHT or f.sheet not in wb.sheetnames or not _CELL.match(f.cell or ""):
            continue
        if f.sheet in (L.SHEETS.report, L.SHEETS.meta):
            continue
        key = (f.sheet, f.cell)
        if key not in worst or f.severity.rank > worst[key].rank:
            worst[key] = f.severity
    meta[f"{MARKS_COLUMN}1"] = MARKS_HEADER
    row = 2
    for (sheet, ref), sev in worst.items():
        target = wb[sheet][ref]
        original = _fill_to_json(target.fill)
        if original is None:  # a gradient fill: leave that cell alone
            continue
        meta[f"{MARKS_COLUMN}{row}"] = f"{sheet}\t{ref}\t{original}"
        target.fill = PatternFill("solid", fgColor=HIGHLIGHT[sev], bgColor=HIGHLIGHT[sev])
        row += 1
    return row - 2


def _write_report_sheet(wb, report: Report, lang: str, now: dt.datetime) -> None:
    ws = wb[L.SHEETS.report]
    # clear everything below the title (values, links, styles) from a previous run
    for row in ws.iter_rows(min_row=2, max_row=max(ws.max_row, 2)):
        for cell in row:
            if cell.row == 4 and cell.column <= len(L.REPORT_HEADERS):
                continue  # the header row keeps the template's header format
            cell.hyperlink = None
            cell.value = None
            cell.style = "Normal"
    ws._hyperlinks = []
    ws["A2"] = summary_line(report, now, lang)
    ws["A2"].font = Font(name="Calibri", size=10, bold=True)
    for c, header in enumerate(L.REPORT_HEADERS, start=1):
        ws.cell(row=4, column=c, value=header)
    # completeness scores beside the findings
    area_col, score_col = SCORE_COLUMNS
    bold = Font(name="Calibri", size=10, bold=True)
    ws[f"{area_col}4"], ws[f"{score_col}4"] = "Terület", "Teljesség"
    ws[f"{area_col}4"].font = ws[f"{score_col}4"].font = bold
    for i, area in enumerate((*AREAS, "overall"), start=5):
        ws[f"{area_col}{i}"] = AREA_LABELS["hu"][area]
        cell = ws[f"{score_col}{i}"]
        cell.value = round(report.scores.get(area, 0.0), 4)
        cell.number_format = "0%"
        if area == "overall":
            ws[f"{area_col}{i}"].font = cell.font = bold
    ws.column_dimensions[area_col].width = 34
    ws.column_dimensions[score_col].width = 11
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    for r, (f, values) in enumerate(report_rows(report, lang), start=FIRST_ROW):
        for c, v in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c, value=v)
            if isinstance(v, str):
                cell.data_type = "s"  # a clerk's "=…" is text here, never a formula
            cell.alignment = wrap if c in (5, 6, 7) else top
        ws.cell(row=r, column=1).fill = PatternFill("solid", fgColor=SEVERITY_FILL[f.severity])
        if f.sheet and f.cell and f.sheet in wb.sheetnames:
            link = ws.cell(row=r, column=4)
            link.hyperlink = Hyperlink(ref=link.coordinate, location=f"{sheet_ref(f.sheet)}!{f.cell}",
                                       tooltip=f"Ugrás: {f.sheet}!{f.cell}")
            link.style = "Hyperlink"
            link.alignment = top


def write_report(path: str | os.PathLike, report: Report, result=None, *, lang: str = "hu",
                 now: dt.datetime | None = None) -> Path:
    """Rewrite the report sheet of the workbook at ``path``, highlight offending cells, write scores.

    ``result`` (the ReadResult the report came from) is accepted for the contract; the cell
    references in the report's findings are what is used.
    """
    target = Path(path)
    try:
        with edit_workbook(target) as wb:
            missing = [s for s in (L.SHEETS.report, L.SHEETS.meta) if s not in wb.sheetnames]
            if missing:
                raise WriteBackError(f"hiányzó munkalap: {', '.join(missing)}; "
                                     "a munkafüzet nem HEP-sablonból készült")
            meta = wb[L.SHEETS.meta]
            _restore_marks(wb, meta)
            _apply_marks(wb, meta, report)
            _write_report_sheet(wb, report, lang, now or dt.datetime.now())
    except WorkbookEditError as exc:
        raise WriteBackError(exc.message) from None
    return target


def read_marks(path: str | os.PathLike) -> list[tuple[str, str]]:
    """The (sheet, cell) pairs highlighted by the last write-back (for tests and the ribbon)."""
    wb = load_workbook(path, read_only=True)
    try:
        meta = wb[L.SHEETS.meta]
        out = []
        for (value,) in meta.iter_rows(min_row=2, min_col=11, max_col=11, values_only=True):
            if value is None:
                break
            sheet, ref, _ = str(value).split("\t", 2)
            out.append((sheet, ref))
        return out
    finally:
        wb.close()
