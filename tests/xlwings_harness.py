"""Run the ribbon macros on Linux with xlwings' remote engine, against a real workbook file.

1. :func:`book_payload` turns a workbook file into the JSON payload an xlwings client sends
   (book, names, sheets with values and tables; dates as ISO text, as the clients send them).
2. :func:`run_macro` opens it with ``xw.Book(json=payload)`` (the remote engine), runs the macro,
   and gets back the actions xlwings would send to Excel.
3. :func:`apply_actions` applies them to the file with openpyxl and raises on any action it does
   not understand, so a macro cannot silently rely on something the harness fakes.

Where desktop Excel and the remote engine differ, the harness behaves like desktop Excel:

* Excel applies each write at once (COM), the remote engine only when the macro returns: the
  harness applies every action the macro made *before* it failed, as Excel would have kept them.
* Excel has a status bar, the remote engine none: the harness records ``app.status_bar`` as a
  ``setStatusBar`` action; :attr:`MacroRun.status_bar` is what Excel would show afterwards
  (False: Excel's own).
* Excel can refuse a write part-way (a protected sheet, the clerk editing a cell, "Call was
  rejected by callee"): ``run_macro(..., fail_at=k)`` makes the k-th workbook-changing call raise
  :class:`ExcelRefused`, like a COM error.

The remote engine is licensed under PolyForm Noncommercial; the licence key is set here, for the
tests only (the runtime path in desktop Excel uses only xlwings' BSD-licensed parts).
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

import openpyxl  # noqa: E402
import xlwings as xw  # noqa: E402
from openpyxl.styles import PatternFill  # noqa: E402
from openpyxl.utils import get_column_letter  # noqa: E402
from openpyxl.worksheet.hyperlink import Hyperlink  # noqa: E402

from hep_xl.files import atomic_output  # noqa: E402


def _ensure_remote_engine() -> None:
    """xlwings registers the remote engine at import time only if the licence key was set by then
    (another test may have imported xlwings earlier)."""
    if "remote" in [e.name for e in xw.engines]:
        return
    from xlwings.pro import _xlremote

    xw.engines.add(xw.main.Engine(impl=_xlremote.engine))


_ensure_remote_engine()


def _emulate_status_bar() -> None:
    """Desktop Excel's ``Application.StatusBar`` on the remote engine: recorded as an action."""
    from xlwings.pro import _xlremote

    def getter(self):
        return getattr(self, "_hep_status_bar", False)

    def setter(self, value):
        self._hep_status_bar = value
        self.books.active.append_json_action(func="setStatusBar", args=[value])

    _xlremote.App.status_bar = property(getter, setter)


_emulate_status_bar()


class UnknownAction(AssertionError):
    pass


class ExcelRefused(Exception):
    """What a COM call raises when Excel refuses it (the harness's injected failure)."""


def _json_value(v):
    if v is None:
        return ""
    if isinstance(v, dt.datetime):
        return v.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    if isinstance(v, dt.date):
        return f"{v.isoformat()}T00:00:00.000Z"
    if isinstance(v, dt.time):
        return v.isoformat()
    return v


def _abs(ref: str) -> str:
    return re.sub(r"\$", "", ref)


def book_payload(path: str | os.PathLike, name: str | None = None) -> dict:
    """The payload of an xlwings client for the workbook at ``path``.

    The book's name is the absolute path, so that ``book.fullname`` tells the macros where the
    workbook lives (in desktop Excel, COM's FullName does the same).
    """
    p = Path(path).resolve()
    wb = openpyxl.load_workbook(p, keep_vba=p.suffix.lower() == ".xlsm")
    try:
        index = {ws.title: i for i, ws in enumerate(wb.worksheets)}
        names = []
        for dn_name, dn in wb.defined_names.items():
            dests = list(dn.destinations)
            if len(dests) != 1:
                continue
            sheet, ref = dests[0]
            names.append({"name": dn_name, "sheet_index": index[sheet], "address": _abs(ref),
                          "book_scope": True, "scope_sheet_name": None, "scope_sheet_index": None})
        sheets = []
        for ws in wb.worksheets:
            values = [[_json_value(c.value) for c in row]
                      for row in ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=ws.max_column)]
            tables = []
            for t in ws.tables.values():
                (c1, r1), (c2, r2) = _bounds(t.ref)
                header = t.headerRowCount != 0
                tables.append({
                    "name": t.name, "range_address": t.ref,
                    "header_row_range_address": f"{_a1(r1, c1)}:{_a1(r1, c2)}" if header else None,
                    "data_body_range_address": f"{_a1(r1 + 1, c1)}:{_a1(r2, c2)}" if r2 > r1 else None,
                    "total_row_range_address": None, "show_headers": header, "show_totals": False,
                    "table_style": t.tableStyleInfo.name if t.tableStyleInfo else None,
                    "show_autofilter": t.autoFilter is not None,
                })
            sheets.append({"name": ws.title, "values": values or [[]], "pictures": [], "tables": tables})
        active = wb.worksheets.index(wb.active) if wb.active in wb.worksheets else 0
    finally:
        wb.close()
    # "Office.js": the remote engine then accepts every formatting action desktop Excel has (vertical
    # alignment among them); the harness applies them itself
    return {"client": "Office.js", "version": xw.__version__,
            "book": {"name": name or str(p), "active_sheet_index": active, "selection": "A1"},
            "names": names, "sheets": sheets}


def _bounds(ref: str):
    from openpyxl.utils.cell import range_boundaries

    c1, r1, c2, r2 = range_boundaries(ref)
    return (c1, r1), (c2, r2)


def _a1(row: int, col: int) -> str:
    return f"{get_column_letter(col)}{row}"


@dataclass
class MacroRun:
    actions: list[dict]
    alerts: list[dict] = field(default_factory=list)  # {"prompt", "title", "buttons", "mode"}
    active_sheet: str | None = None
    status_bar: object = False  # what Excel's status bar shows after the macro (False: Excel's own)
    statuses: list = field(default_factory=list)  # every status bar text, in order


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")


def _cell_value(v):
    """A value from a setValues action as Excel would store it."""
    if isinstance(v, str):
        if _ISO_DATE.match(v):
            return dt.datetime.fromisoformat(v)
        if _ISO_DATETIME.match(v):
            return dt.datetime.fromisoformat(v)
        if v.startswith("'"):
            return v[1:]
        if v.startswith("="):
            raise UnknownAction(f"a formula was written: {v!r}")
        return v if v != "" else None
    return v


NOT_CHANGES = ("alert", "setStatusBar", "activateSheet")


def _cells(a: dict, ws):
    r0, c0 = a["start_row"] + 1, a["start_column"] + 1
    nrows = min(a["row_count"], max(ws.max_row - r0 + 1, 1))  # a whole column: only rows that exist
    for i in range(nrows):
        for j in range(a["column_count"]):
            yield ws.cell(r0 + i, c0 + j)


def apply_actions(path: str | os.PathLike, actions: list[dict]) -> MacroRun:
    """Apply xlwings actions to the file (atomically); raise on any action not handled here."""
    p = Path(path)
    run = MacroRun(actions)
    wb = openpyxl.load_workbook(p, keep_vba=p.suffix.lower() == ".xlsm")
    try:
        for a in actions:
            func = a["func"]
            if func == "alert":
                prompt, title, buttons, mode, _callback = a["args"]
                if mode not in ("info", "critical") or buttons not in ("ok", ""):
                    raise UnknownAction(f"desktop Excel (COM) has no alert mode/buttons {mode!r}/{buttons!r}")
                run.alerts.append({"prompt": prompt, "title": title, "buttons": buttons, "mode": mode})
                continue
            if func == "setStatusBar":
                (value,) = a["args"]
                if not (value is False or (isinstance(value, str) and value)):
                    raise UnknownAction(f"Application.StatusBar takes text or False, not {value!r}")
                run.status_bar = value
                run.statuses.append(value)
                continue
            ws = wb.worksheets[a["sheet_position"]]
            if func == "activateSheet":
                wb.active = wb.worksheets.index(ws)
                run.active_sheet = ws.title
                continue
            r0, c0 = a["start_row"] + 1, a["start_column"] + 1
            nrows, ncols = a["row_count"], a["column_count"]
            if func == "setValues":
                for i, row in enumerate(a["values"]):
                    for j, v in enumerate(row):
                        cell = ws.cell(r0 + i, c0 + j)
                        if ws.protection.sheet and cell.protection.locked:
                            # Excel refuses this (error 1004); fills are not checked here: the
                            # template's sheet protection allows formatting cells
                            raise UnknownAction(f"write to a locked cell of protected sheet {ws.title!r}: "
                                                f"{cell.coordinate}")
                        value = _cell_value(v)
                        cell.value = value
                        if isinstance(value, dt.datetime) and cell.number_format == "General":
                            cell.number_format = "yyyy-mm-dd"
            elif func in ("rangeClear", "rangeClearContents"):
                for cell in _cells(a, ws):
                    cell.value = None
                    if func == "rangeClear":
                        cell.hyperlink = None
                        cell.fill = PatternFill()
                        cell.style = "Normal"
            elif func == "setRangeColor":
                color = a["args"][0]
                for cell in _cells(a, ws):
                    if color is None:  # "no fill"
                        cell.fill = PatternFill()
                    else:
                        rgb = "FF" + color.lstrip("#").upper()
                        cell.fill = PatternFill("solid", fgColor=rgb, bgColor=rgb)
            elif func == "setNumberFormat":
                for cell in _cells(a, ws):
                    cell.number_format = a["args"][0]
            elif func == "setFontProperty":
                prop, value = a["args"]
                attr = {"bold": "b", "italic": "i", "name": "name", "size": "sz"}.get(prop)
                if attr is None:
                    raise UnknownAction(f"font property {prop!r}")
                for cell in _cells(a, ws):
                    font = copy.copy(cell.font)
                    setattr(font, attr, value)
                    cell.font = font
            elif func in ("setWrapText", "setVerticalAlignment"):
                (value,) = a["args"]
                for cell in _cells(a, ws):
                    al = copy.copy(cell.alignment)
                    if func == "setWrapText":
                        al.wrap_text = bool(value) or None
                    else:
                        if value not in ("Top", "Center", "Bottom", "Justify", "Distributed"):
                            raise UnknownAction(f"vertical alignment {value!r}")
                        al.vertical = value.lower()
                    cell.alignment = al
            elif func == "setColumnWidth":
                (width,) = a["args"]
                if a["row_count"] < 1048576:
                    raise UnknownAction(f"column width set on part of a column: {a}")
                for j in range(ncols):
                    ws.column_dimensions[get_column_letter(c0 + j)].width = width
            elif func == "setRowHeight":
                (height,) = a["args"]
                for i in range(nrows):
                    ws.row_dimensions[r0 + i].height = height
            elif func == "addHyperlink":
                address, text, tip = a["args"]
                if nrows != 1 or ncols != 1:
                    raise UnknownAction(f"hyperlink on a range: {a}")
                cell = ws.cell(r0, c0)
                if address.startswith("#"):
                    cell.hyperlink = Hyperlink(ref=cell.coordinate, location=address[1:], tooltip=tip,
                                               display=text)
                else:
                    cell.hyperlink = Hyperlink(ref=cell.coordinate, target=address, tooltip=tip, display=text)
                if text is not None:
                    cell.value = text
                cell.style = "Hyperlink"  # what Excel's Hyperlinks.Add does to the cell
            else:
                raise UnknownAction(f"the harness does not know the xlwings action {func!r}: {a}")
        with atomic_output(p) as tmp:
            wb.save(tmp)
    finally:
        wb.close()
    return run


def run_macro(path: str | os.PathLike, macro, *, fail_at: int | None = None, **kwargs) -> MacroRun:
    """Run ``macro(book=..., **kwargs)`` on the workbook file through the remote engine, then apply
    what it asked Excel to do to the file — also when it failed part-way, as under COM.

    ``fail_at=k``: the k-th call that changes the workbook raises :class:`ExcelRefused` instead."""
    book = xw.Book(json=book_payload(path))
    impl = book.impl
    record = impl.append_json_action
    changes = 0

    def append(**action):
        nonlocal changes
        if action.get("func") not in NOT_CHANGES:
            changes += 1
            if changes == fail_at:
                raise ExcelRefused(f"Excel refused change #{changes} ({action.get('func')})")
        record(**action)

    impl.append_json_action = append
    try:
        macro(book=book, **kwargs)
    finally:  # what Excel applied before an error stays applied; the error then propagates
        run = apply_actions(path, book.json()["actions"])
    return run


def changes_of(run: MacroRun) -> int:
    """How many workbook-changing calls a macro made (for ``fail_at``)."""
    return len([a for a in run.actions if a["func"] not in NOT_CHANGES])
