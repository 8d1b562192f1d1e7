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
import tempfile
import traceback
from pathlib import Path

from ..workbook import layout as L

TITLE = "HEP"
DATA_FOLDER = "adatok"  # TeIR/KSH exports beside the workbook, for „Mutatók kitöltése”
DATA_SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm")
HIGHLIGHT = {"error": "#FFC7CE", "warning": "#FFEB9C"}
INPUT_FILL = "#FFFDE7"  # the writer's input-cell fill (hep_xl.workbook.writer._Formats.input)
LABEL_FILL = "#F2F2F2"  # the writer's label fill
REPORT_FIRST_ROW = 5  # 1-based: title, summary, blank, header (row 4), findings from row 5
REPORT_COLUMNS = len(L.REPORT_HEADERS)


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

def report_rows(report, lang: str = "hu") -> list[tuple[object, list]]:
    """(finding, row values) for the report sheet, worst first; same columns as L.REPORT_HEADERS."""
    from ..validate.findings import plain_value

    out = []
    ordered = sorted(report.findings, key=lambda f: -f.severity.rank)  # stable: rule order kept
    for f in ordered:
        value = plain_value(f.value)
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        out.append((f, [f.severity.label(lang), f.rule_id, f.sheet, f.cell, f.field,
                        _text_cell(value), _text_cell(f.text(lang))]))
    return out


def _text_cell(value):
    """Text that Excel would read as a formula stays text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@") and len(value) > 1:
        return "'" + value
    return "" if value is None else value


def summary_line(report, when: dt.datetime) -> str:
    c = report.counts_by_severity()
    return (f"Ellenőrizve: {when:%Y.%m.%d. %H:%M} – {c['error']} hiba, {c['warning']} figyelmeztetés, "
            f"{c['info']} tájékoztatás. A Cella oszlop hivatkozása a cellára ugrik.")


def _label_cells(result) -> set[tuple[str, str]]:
    """Cells a finding may point at that are labels (grey), not inputs: the ID columns."""
    out = set()
    for key, ref in result.cells.items():
        if len(key) == 2 and key[0] in ("indicator", "checklist"):
            out.add((ref.sheet, ref.cell))
    return out


def _previous_highlights(source) -> list[tuple[str, str]]:
    rows = source.sheet_rows(L.SHEETS.report) if L.SHEETS.report in source.sheet_names else []
    out = []
    for row in rows[REPORT_FIRST_ROW - 1:]:
        sev, sheet, cell = (row + [None] * 4)[0], (row + [None] * 4)[2], (row + [None] * 4)[3]
        if sheet and cell and sev in ("hiba", "figyelmeztetés", "error", "warning"):
            out.append((str(sheet), str(cell)))
    return out


def validate_book(book, ui: Ui) -> None:
    from ..validate import validate
    from ..workbook.writer import sheet_ref

    result, source = read_live(book, ui)
    ui.status("HEP: ellenőrzés…")
    report = validate(result)
    rows = report_rows(report)
    report_sheet = L.SHEETS.report
    if report_sheet not in source.sheet_names:
        raise MacroError(f"Hiányzik az „{report_sheet}” munkalap; a munkafüzet nem a HEP-sablonból készült.")
    old_rows = len(source.sheet_rows(report_sheet))
    previous = _previous_highlights(source)
    labels = _label_cells(result)
    sheets = {s.name: s for s in book.sheets}

    ui.status("HEP: az eredmény beírása…")
    sht = sheets[report_sheet]
    if old_rows >= REPORT_FIRST_ROW:
        sht.range((REPORT_FIRST_ROW, 1), (old_rows, REPORT_COLUMNS)).clear()
    sht.range("A2").value = summary_line(report, dt.datetime.now())
    if rows:
        sht.range((REPORT_FIRST_ROW, 1)).value = [r for _, r in rows]
    worst: dict[tuple[str, str], str] = {}
    for i, (f, _) in enumerate(rows):
        if not f.sheet:
            continue
        target = f"{sheet_ref(f.sheet)}!{f.cell or 'A1'}"
        sht.range((REPORT_FIRST_ROW + i, 4)).add_hyperlink(f"#{target}", f.cell or f.sheet,
                                                          f"Ugrás: {f.sheet}!{f.cell or 'A1'}")
        if f.cell and f.sheet in sheets and f.severity.value in HIGHLIGHT:
            key = (f.sheet, f.cell)
            if worst.get(key) != "error":
                worst[key] = f.severity.value
    for key in previous:  # last run's highlights go back to the template's fill
        if key not in worst and key[0] in sheets:
            sheets[key[0]].range(key[1]).color = LABEL_FILL if key in labels else INPUT_FILL
    for (sheet, cell), sev in worst.items():
        sheets[sheet].range(cell).color = HIGHLIGHT[sev]
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
    ui.alert("\n".join(lines), "HEP – Mutatók kitöltése", "warning" if plan.has_findings else "info")


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
