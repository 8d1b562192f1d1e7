"""Write a validation report back into a workbook file (``hep-xl validate --write-back``).

The report sheet, the highlights and their marks are laid out by the one report writer,
:func:`hep_xl.validate.report_sheet.write_report_sheet`, which the ribbon's Ellenőrzés button uses
too; this module is its openpyxl side (:class:`OpenpyxlTarget`): cells, fills and links of a file.
Nothing else changes. The file is replaced atomically, so the CLI's write-back is all or nothing;
a ``.xlsm`` keeps its VBA project (openpyxl ``keep_vba=True``).

This is the only validate module that imports openpyxl.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.colors import Color
from openpyxl.utils.cell import range_boundaries
from openpyxl.worksheet.hyperlink import Hyperlink

from ..workbook.edit import WorkbookEditError, edit_workbook
from .findings import Report
from .report_sheet import HIGHLIGHT, MARKS_COLUMN, META_SHEET, REPORT_SHEET, write_report_sheet


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


class OpenpyxlTarget:
    """The report writer's reads and writes on an openpyxl workbook (see ``report_sheet.ReportTarget``)."""

    def __init__(self, wb):
        self.wb = wb
        self.sheet_names = set(wb.sheetnames)

    def _cells(self, sheet: str, ref: str):
        ws = self.wb[sheet]
        c1, r1, c2, r2 = range_boundaries(ref if ":" in ref else f"{ref}:{ref}")
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                yield ws.cell(row=r, column=c)

    # reads
    def last_row(self, sheet: str) -> int:
        return self.wb[sheet].max_row

    def column_values(self, sheet: str, column: str, first_row: int) -> list:
        ws = self.wb[sheet]
        return [ws[f"{column}{r}"].value for r in range(first_row, ws.max_row + 1)]

    def fill_to_record(self, sheet: str, cell: str, recorded: str | None) -> str | None:
        fill = self.wb[sheet][cell].fill
        if recorded is not None and _is_our_highlight(fill):
            return recorded  # still last run's highlight: the fill under it is the recorded one
        return _fill_to_json(fill)  # None for a gradient fill: that cell is left alone

    # writes
    def clear(self, sheet: str, ref: str) -> None:
        for cell in self._cells(sheet, ref):
            cell.hyperlink = None  # (openpyxl collects the sheet's links from its cells on saving)
            cell.value = None
            cell.style = "Normal"

    def clear_values(self, sheet: str, ref: str) -> None:
        for cell in self._cells(sheet, ref):
            cell.value = None

    def write(self, sheet: str, ref: str, rows: list[list]) -> None:
        ws = self.wb[sheet]
        c0, r0, _, _ = range_boundaries(f"{ref}:{ref}")
        for i, row in enumerate(rows):
            for j, v in enumerate(row):
                cell = ws.cell(row=r0 + i, column=c0 + j, value=v)
                if isinstance(v, str):
                    cell.data_type = "s"  # a clerk's "=…" is text here, never a formula

    def fill(self, sheet: str, ref: str, argb: str) -> None:
        for cell in self._cells(sheet, ref):
            cell.fill = PatternFill("solid", fgColor=argb, bgColor=argb)

    def restore_fill(self, sheet: str, cell: str, recorded: str) -> None:
        target = self.wb[sheet][cell]
        if _is_our_highlight(target.fill):  # else the clerk changed it: leave it as the clerk made it
            target.fill = _fill_from_json(recorded)

    def font(self, sheet: str, ref: str, *, bold: bool, name: str, size: float) -> None:
        for cell in self._cells(sheet, ref):
            cell.font = Font(name=name, size=size, bold=bold)

    def number_format(self, sheet: str, ref: str, fmt: str) -> None:
        for cell in self._cells(sheet, ref):
            cell.number_format = fmt

    def align(self, sheet: str, ref: str, *, wrap: bool, vertical: str) -> None:
        for cell in self._cells(sheet, ref):
            cell.alignment = Alignment(wrap_text=wrap or None, vertical=vertical)

    def link(self, sheet: str, cell: str, location: str, text: str, tip: str) -> None:
        c = self.wb[sheet][cell]
        c.hyperlink = Hyperlink(ref=c.coordinate, location=location, tooltip=tip)
        c.value = text
        c.data_type = "s"
        c.style = "Hyperlink"

    def column_width(self, sheet: str, column: str, width: float) -> None:
        self.wb[sheet].column_dimensions[column].width = width

    def row_height(self, sheet: str, row: int, height: float) -> None:
        self.wb[sheet].row_dimensions[row].height = height


def write_report(path: str | os.PathLike, report: Report, result=None, *, lang: str = "hu",
                 now: dt.datetime | None = None) -> Path:
    """Rewrite the report sheet of the workbook at ``path``, highlight offending cells, write scores.

    ``result`` (the ReadResult the report came from) is accepted for the contract; the cell
    references in the report's findings are what is used.
    """
    target = Path(path)
    try:
        with edit_workbook(target) as wb:
            missing = [s for s in (REPORT_SHEET, META_SHEET) if s not in wb.sheetnames]
            if missing:
                raise WriteBackError(f"hiányzó munkalap: {', '.join(missing)}; "
                                     "a munkafüzet nem HEP-sablonból készült")
            write_report_sheet(OpenpyxlTarget(wb), report, now, lang)
    except WorkbookEditError as exc:
        raise WriteBackError(exc.message) from None
    return target


def read_marks(path: str | os.PathLike) -> list[tuple[str, str]]:
    """The (sheet, cell) pairs highlighted by the last write-back (for tests and the ribbon)."""
    wb = load_workbook(path, read_only=True)
    try:
        col = ord(MARKS_COLUMN) - ord("A") + 1
        out = []
        for (value,) in wb[META_SHEET].iter_rows(min_row=2, min_col=col, max_col=col, values_only=True):
            if value is None:
                break
            sheet, ref, _ = str(value).split("\t", 2)
            out.append((sheet, ref))
        return out
    finally:
        wb.close()
