"""What the *Ellenőrzés* (validation report) sheet holds and where: shared by both writers.

The CLI's ``validate --write-back`` (:mod:`.writeback`, openpyxl on a file) and the ribbon's
Ellenőrzés button (:mod:`hep_xl.excel.live`, xlwings on the open workbook) lay the sheet out the
same way and keep their highlight marks in the same place, so either can clean up after the
other. No spreadsheet library is imported here: a button click must start fast.
"""

from __future__ import annotations

import datetime as dt

from ..workbook import SHEET_ORDER
from ..workbook import layout as L
from ..workbook.a1 import from_a1
from .findings import Finding, Report, Severity

MARKS_COLUMN = "K"  # on the hidden meta sheet; K1 holds MARKS_HEADER, one mark per row below
MARKS_HEADER = "hep_validation_marks"
HIGHLIGHT = {Severity.ERROR: "FFFFC7CE", Severity.WARNING: "FFFFEB9C"}  # light red, light amber
SEVERITY_FILL = {**HIGHLIGHT, Severity.INFO: "FFDDEBF7"}
FIRST_ROW = 5  # 1-based: title, summary, blank, header (row 4), findings from row 5
SCORE_COLUMNS = ("I", "J")
LAST_COLUMN = 10  # J
_SHEET_ORDER = SHEET_ORDER


def sort_key(f: Finding) -> tuple[int, str, int, int]:
    """Findings in sheet order (sheets the workbook does not have by name), then row, then column."""
    try:
        row, col = from_a1(f.cell) if f.cell else (-1, -1)
    except ValueError:
        row, col = -1, -1
    sheet = _SHEET_ORDER.index(f.sheet) if f.sheet in _SHEET_ORDER else len(_SHEET_ORDER)
    return sheet, f.sheet, row, col


def report_rows(report: Report, lang: str = "hu") -> list[tuple[Finding, list]]:
    """(finding, the values of its row under ``layout.REPORT_HEADERS``), sorted; "" becomes None."""
    from .messages import shown

    rows = []
    for f in sorted(report.findings, key=sort_key):
        values = (f.severity.label(lang), f.rule_id, f.sheet, f.cell, f.field, shown(f.value), f.text(lang))
        rows.append((f, [None if v == "" else v for v in values]))
    return rows


def summary_line(report: Report, when: dt.datetime, lang: str = "hu") -> str:
    counts = report.counts_by_severity()
    text = (f"Ellenőrizve: {when:%Y.%m.%d. %H:%M} – "
            + ", ".join(f"{counts[s.value]} {s.label(lang)}" for s in Severity)
            + f"; teljesség összesen: {round(report.scores.get('overall', 0) * 100)}%.")
    return text + (" Nincs megállapítás." if not report.findings else "")
