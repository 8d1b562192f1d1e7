"""The ribbon macros' work on a live workbook: read through xlwings, call the library, write back.

Only xlwings calls that both the COM engine (desktop Excel) and the remote engine (tests) support
are used: range values, ``clear``, ``color``, ``add_hyperlink``, ``sheet.activate`` and
``app.alert``. The status bar exists only in desktop Excel; on other engines it is skipped.

All reads happen before any write: the remote engine sends writes back as a batch when the macro
returns, so a read after a write would not see it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
import traceback
from pathlib import Path

from ..workbook import layout as L

TITLE = "HEP"
DATA_FOLDER = "adatok"  # TeIR/KSH exports beside the workbook, for „Mutatók kitöltése”
DATA_SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm")


class MacroError(Exception):
    """A problem the clerk can fix; the message (Hungarian) is shown in a message box."""

    def __init__(self, message: str, mode: str = "critical"):
        super().__init__(message)
        self.mode = mode


class Ui:
    """Status bar and message boxes of the workbook's Excel."""

    def __init__(self, book):
        self.book = book
        self.alerts: list[tuple[str, str, str]] = []

    def status(self, text: str | None) -> None:
        try:
            self.book.app.status_bar = text if text else False
        except Exception:  # noqa: BLE001 — remote engine: no status bar
            pass

    def alert(self, prompt: str, title: str = TITLE, mode: str = "info") -> None:
        """``mode`` is "info" or "critical" — the only two desktop Excel (COM) knows."""
        self.alerts.append((title, prompt, mode))
        self.book.app.alert(prompt, title=title, buttons="ok", mode=mode)


def _log_path() -> Path:
    return Path(tempfile.gettempdir()) / "hep_xl_macro_hiba.log"


def run(func, book=None, **kwargs) -> Ui:
    """Run one macro: errors become a Hungarian message box (``HEP_XL_DEBUG=1`` re-raises)."""
    import xlwings as xw

    from ..workbook.reader import HepReadError

    if book is None:
        book = xw.Book.caller()
    ui = Ui(book)
    debug = bool(os.environ.get("HEP_XL_DEBUG"))
    try:
        func(book, ui, **kwargs)
    except HepReadError as exc:
        ui.alert(f"A munkafüzet nem olvasható HEP-munkafüzetként:\n{exc.message}", mode="critical")
        if debug:
            raise
    except MacroError as exc:
        ui.alert(str(exc), mode=exc.mode)
        if debug:
            raise
    except Exception as exc:  # noqa: BLE001 — no Python traceback dialog for the clerk
        log = _log_path()
        try:
            log.write_text(traceback.format_exc(), encoding="utf-8")
            where = f"\nRészletek: {log}"
        except OSError:
            where = ""
        ui.alert(f"Váratlan hiba történt ({type(exc).__name__}: {exc}).{where}", mode="critical")
        if debug:
            raise
    finally:
        ui.status(None)
    return ui


def read_live(book, ui: Ui):
    from ..workbook.reader import read_source
    from .source import XlwingsSource

    ui.status("HEP: a munkafüzet beolvasása…")
    source = XlwingsSource(book)
    return read_source(source), source


def book_folder(book) -> Path:
    full = book.fullname
    if "://" in full:
        raise MacroError("A munkafüzet felhőben (OneDrive/SharePoint) van megnyitva; mentse helyi mappába, "
                         "és onnan nyissa meg újra.")
    path = Path(full)
    if not path.is_absolute() or not path.parent.is_dir():
        raise MacroError("A munkafüzet még nincs elmentve; előbb mentse el (Fájl > Mentés másként, "
                         ".xlsm formátumban).")
    return path.parent


# -- Ellenőrzés -------------------------------------------------------------------------------------
# The report sheet and the highlight marks are laid out by hep_xl.validate.report_sheet, shared with
# the CLI's ``validate --write-back``, so either can clean up after the other.


def _text_cell(value):
    """Text that Excel would read as a formula stays text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@") and len(value) > 1:
        return "'" + value
    return None if value == "" else value


def _template_fill(result) -> dict[tuple[str, str], str]:
    """Cells a finding may point at that are labels (grey) in the template; others are inputs."""
    out = {}
    for key, ref in result.cells.items():
        if len(key) == 2 and key[0] in ("indicator", "checklist"):
            out[(ref.sheet, ref.cell)] = L.LABEL_FILL
    return out


def _fill_json(rgb: str) -> str:
    """A mark's "original fill" in writeback's format (a solid template fill as xlsxwriter writes it)."""
    import json

    argb = "FF" + rgb.lstrip("#").upper()
    return json.dumps({"p": "solid", "fg": {"rgb": argb, "tint": 0.0}, "bg": {"indexed": 64, "tint": 0.0}},
                      separators=(",", ":"))


def _color_of_fill_json(text: str):
    """The xlwings colour that restores a recorded fill: "#RRGGBB", None (no fill), or ... (unknown)."""
    import json

    try:
        d = json.loads(text)
    except ValueError:
        return ...
    if d.get("p") is None:
        return None
    fg = d.get("fg") or {}
    if d.get("p") == "solid" and "rgb" in fg and not fg.get("tint"):
        return "#" + str(fg["rgb"])[-6:]
    return ...  # a theme/indexed colour cannot be set exactly through xlwings; leave the cell


def _previous_marks(source) -> tuple[list[tuple[str, str, object]], int]:
    """Marks of the last run (sheet, cell, colour to restore) and how many rows they used."""
    from ..validate.report_sheet import MARKS_COLUMN

    meta = L.SHEETS.meta
    if meta not in source.sheet_names:
        return [], 0
    col = ord(MARKS_COLUMN) - ord("A")
    rows = source.sheet_rows(meta)
    out, n = [], 0
    for r in range(1, len(rows)):
        value = rows[r][col] if col < len(rows[r]) else None
        if value in (None, ""):
            break
        n += 1
        parts = str(value).split("\t", 2)
        if len(parts) == 3:
            out.append((parts[0], parts[1], _color_of_fill_json(parts[2])))
    return out, n


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Consecutive row numbers as (first, last) runs."""
    out: list[tuple[int, int]] = []
    for r in rows:
        if out and out[-1][1] == r - 1:
            out[-1] = (out[-1][0], r)
        else:
            out.append((r, r))
    return out


def _set_colors(sheet, cells: list[tuple[str, object]]) -> None:
    """Set fills on ``sheet`` (the template's sheet protection allows formatting cells)."""
    for cell, color in cells:
        sheet.range(cell).color = color


def validate_book(book, ui: Ui) -> None:
    from ..validate import validate
    from ..validate.findings import AREA_LABELS, AREAS, Severity
    from ..validate.report_sheet import (FIRST_ROW, HIGHLIGHT, LAST_COLUMN, MARKS_COLUMN, MARKS_HEADER,
                                         SCORE_COLUMNS, SEVERITY_FILL, report_rows, summary_line)
    from ..workbook.a1 import sheet_ref

    result, source = read_live(book, ui)
    ui.status("HEP: ellenőrzés…")
    report = validate(result)
    rows = [(f, [_text_cell(v) for v in values]) for f, values in report_rows(report)]
    report_sheet, meta_sheet = L.SHEETS.report, L.SHEETS.meta
    for needed in (report_sheet, meta_sheet):
        if needed not in source.sheet_names:
            raise MacroError(f"Hiányzik a(z) „{needed}” munkalap; a munkafüzet nem a HEP-sablonból készült.")
    old_rows = len(source.sheet_rows(report_sheet))
    previous, previous_rows = _previous_marks(source)
    template_fill = _template_fill(result)
    sheets = {s.name: s for s in book.sheets}

    ui.status("HEP: az eredmény beírása…")
    # highlights: worst severity per cell (not on the report and meta sheets)
    worst: dict[tuple[str, str], Severity] = {}
    for f, _ in rows:
        sev = f.severity
        if sev in HIGHLIGHT and f.sheet in sheets and f.cell and f.sheet not in (report_sheet, meta_sheet):
            if worst.get((f.sheet, f.cell)) is not Severity.ERROR:
                worst[(f.sheet, f.cell)] = sev
    colors: dict[str, list[tuple[str, object]]] = {}
    for sheet, cell, color in previous:  # last run's highlights go back to the recorded fill
        if (sheet, cell) not in worst and sheet in sheets and color is not ...:
            colors.setdefault(sheet, []).append((cell, color))
    for (sheet, cell), sev in worst.items():
        colors.setdefault(sheet, []).append((cell, "#" + HIGHLIGHT[sev][-6:]))
    for sheet, cells in colors.items():
        _set_colors(sheets[sheet], cells)
    meta = sheets[meta_sheet]
    if previous_rows:
        meta.range(f"{MARKS_COLUMN}2:{MARKS_COLUMN}{previous_rows + 1}").clear_contents()
    meta.range(f"{MARKS_COLUMN}1").value = MARKS_HEADER
    if worst:
        meta.range(f"{MARKS_COLUMN}2").value = [
            [f"{sheet}\t{cell}\t{_fill_json(template_fill.get((sheet, cell), L.INPUT_FILL))}"]
            for sheet, cell in worst]

    # the report sheet: summary, scores, one row per finding with a link to its cell
    sht = sheets[report_sheet]
    sht.range((2, 1), (3, LAST_COLUMN)).clear()
    if old_rows >= FIRST_ROW:
        sht.range((FIRST_ROW, 1), (old_rows, LAST_COLUMN)).clear()
    sht.range("A2").value = summary_line(report, dt.datetime.now())
    sht.range("A2").font.bold = True
    area_col, score_col = SCORE_COLUMNS
    sht.range(f"{area_col}4").value = [["Terület", "Teljesség"]]
    areas = (*AREAS, "overall")
    sht.range(f"{area_col}{FIRST_ROW}").value = [
        [AREA_LABELS["hu"][a], round(report.scores.get(a, 0.0), 4)] for a in areas]
    sht.range(f"{score_col}{FIRST_ROW}:{score_col}{FIRST_ROW + len(areas) - 1}").number_format = "0%"
    if rows:
        sht.range((FIRST_ROW, 1)).value = [r for _, r in rows]
    by_severity: dict[Severity, list[int]] = {}
    for i, (f, _) in enumerate(rows):
        r = FIRST_ROW + i
        by_severity.setdefault(f.severity, []).append(r)
        if f.sheet and f.cell and f.sheet in sheets:
            sht.range((r, 4)).add_hyperlink(f"#{sheet_ref(f.sheet)}!{f.cell}", f.cell,
                                            f"Ugrás: {f.sheet}!{f.cell}")
    for sev, numbers in by_severity.items():
        for first, last in _runs(numbers):
            sht.range((first, 1), (last, 1)).color = "#" + SEVERITY_FILL[sev][-6:]
    sht.activate()
    c = report.counts_by_severity()
    if not report.findings:
        ui.alert("Az ellenőrzés nem talált hibát.", "HEP – Ellenőrzés", "info")
    else:
        ui.alert(f"{c['error']} hiba, {c['warning']} figyelmeztetés, {c['info']} tájékoztatás.\n"
                 f"A részletek az „{report_sheet}” munkalapon; a hibás cellák kiemelve.",
                 "HEP – Ellenőrzés", "critical" if report.has_errors else "info")


# -- Mutatók kitöltése ------------------------------------------------------------------------------

def _datafiles(book, datafiles) -> list:
    if datafiles:
        return [Path(p) for p in datafiles]
    folder = book_folder(book) / DATA_FOLDER
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in DATA_SUFFIXES
                   and not p.name.startswith(("~$", "."))) if folder.is_dir() else []
    if not files:
        raise MacroError(f"Nincs adatfájl. Tegye a TeIR/KSH-ból letöltött CSV- vagy Excel-fájlokat a "
                         f"munkafüzet melletti „{DATA_FOLDER}” mappába:\n{folder}", mode="info")
    return files


def _cell_value(value):
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    return value


def fill_book(book, ui: Ui, datafiles=None, overwrite: bool = False) -> None:
    from ..fill.plan import plan_fill

    files = _datafiles(book, datafiles)
    result, _ = read_live(book, ui)
    ui.status(f"HEP: {len(files)} adatfájl feldolgozása…")
    plan = plan_fill(result, files, overwrite=overwrite)
    writes = plan.writes()
    ui.status("HEP: a mutatók beírása…")
    sheets = {s.name: s for s in book.sheets}
    for ref, value in writes:
        if ref.sheet not in sheets:
            raise MacroError(f"Hiányzik a(z) „{ref.sheet}” munkalap.")
        sheets[ref.sheet].range(ref.cell).value = _cell_value(value)
    lines = [f"{len(plan.changes)} érték kitöltve ({len(plan.derived_changes)} számított), "
             f"{plan.unchanged} már egyezett; {len(files)} adatfájl."]
    if plan.conflicts:
        lines.append(f"{len(plan.conflicts)} beírt érték eltér a forrástól, ezeket nem írtam felül:")
        lines += [f"  {c.cell or c.series_id} ({c.year}): {c.existing} ≠ {c.incoming}" for c in plan.conflicts[:8]]
        if len(plan.conflicts) > 8:
            lines.append(f"  … és még {len(plan.conflicts) - 8}")
    if plan.problems:
        lines.append(f"{len(plan.problems)} forrássor kimaradt:")
        lines += [f"  {p}" for p in plan.problems[:8]]
        if len(plan.problems) > 8:
            lines.append(f"  … és még {len(plan.problems) - 8}")
    ui.alert("\n".join(lines), "HEP – Mutatók kitöltése", "critical" if plan.has_findings else "info")


# -- Exportálás -------------------------------------------------------------------------------------

def _output(book, output, suffix: str) -> Path:
    if output:
        return Path(output)
    return book_folder(book) / (Path(book.fullname).stem + suffix)


def export_json_book(book, ui: Ui, output=None) -> None:
    from ..export.json_doc import JsonDocumentError, hep_to_dict, validation_summary, write_document

    out = _output(book, output, ".json")
    result, _ = read_live(book, ui)
    ui.status("HEP: JSON-dokumentum készítése…")
    doc = hep_to_dict(result.hep, validation_summary(result), template_version=result.template_version)
    try:
        write_document(doc, out)
    except JsonDocumentError as exc:
        raise MacroError("A munkafüzetből nem készíthető a sémának megfelelő JSON:\n"
                         + "\n".join(exc.errors[:10])) from None
    except PermissionError:
        raise MacroError(f"A(z) {out} nem írható; ha meg van nyitva más programban, zárja be, és próbálja "
                         "újra.") from None
    ui.alert(f"Elkészült a JSON-fájl:\n{out}" + _skipped(result), "HEP – JSON export", "info")


def export_word_book(book, ui: Ui, output=None) -> None:
    from ..export.docx_doc import write_docx

    out = _output(book, output, ".docx")
    result, _ = read_live(book, ui)
    ui.status("HEP: Word-dokumentum készítése…")
    try:
        write_docx(result.hep, out)
    except PermissionError:
        raise MacroError(f"A(z) {out} nem írható; ha meg van nyitva Wordben, zárja be, és próbálja újra.") \
            from None
    ui.alert(f"Elkészült a Word-dokumentum:\n{out}" + _skipped(result), "HEP – Word export", "info")


def _skipped(result) -> str:
    if not result.issues:
        return ""
    first = "; ".join(f"{i.sheet}!{i.cell}" for i in result.issues[:5])
    return (f"\n\n{len(result.issues)} cella értéke nem volt értelmezhető, ezek kimaradtak: {first}"
            + (" …" if len(result.issues) > 5 else ""))
