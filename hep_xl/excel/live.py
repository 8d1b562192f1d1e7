"""The ribbon macros' work on a live workbook: read through xlwings, call the library, write back.

Only xlwings calls that both the COM engine (desktop Excel) and the remote engine (tests) support
are used: range values, ``clear``, ``color``, fonts, alignment, ``add_hyperlink``,
``sheet.activate`` and ``app.alert``. The status bar exists only in desktop Excel; on engines
without one (``NotImplementedError``) it is skipped.

A macro that changes the workbook first reads everything, then builds the whole result, and only
then writes it, in one step at the end: under COM every write lands at once, so an error while
the result is being built leaves the clerk's workbook exactly as it was. (The remote engine sends
its writes back as a batch when the macro returns, which is why a read after a write would not
see it there.) The status bar is restored in every case.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import traceback
from pathlib import Path

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
        """Show ``text`` in Excel's status bar; None gives the status bar back to Excel."""
        try:
            self.book.app.status_bar = text if text else False
        except NotImplementedError:  # an engine without a status bar (the remote engine)
            pass

    def restore_status(self) -> None:
        """Give the status bar back to Excel; never raises (called in ``finally``)."""
        try:
            self.status(None)
        except Exception:  # noqa: BLE001 — Excel busy or gone: nothing more to do; keep the first error
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
        ui.restore_status()
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
# The report sheet and the highlight marks are laid out by hep_xl.validate.report_sheet, the one
# writer the CLI's ``validate --write-back`` uses too; XlwingsTarget is its xlwings side.


class XlwingsTarget:
    """The report writer's reads and writes on the open workbook (see ``report_sheet.ReportTarget``).

    Reads come from the values :class:`XlwingsSource` fetched already. xlwings cannot read a
    cell's fill on every engine, so the fill recorded under a new highlight is the template's
    (``report_sheet.template_fills``), and a recorded fill is put back as its colour."""

    def __init__(self, book, source, fills: dict[tuple[str, str], str]):
        self.sheets = {s.name: s for s in book.sheets}
        self.sheet_names = set(self.sheets)
        self.source = source
        self.fills = fills

    def _range(self, sheet: str, ref: str):
        return self.sheets[sheet].range(ref)

    # reads
    def last_row(self, sheet: str) -> int:
        return len(self.source.sheet_rows(sheet))

    def column_values(self, sheet: str, column: str, first_row: int) -> list:
        col = ord(column) - ord("A")
        rows = self.source.sheet_rows(sheet)
        return [r[col] if col < len(r) else None for r in rows[first_row - 1:]]

    def fill_to_record(self, sheet: str, cell: str, recorded: str | None) -> str | None:
        from ..validate.report_sheet import default_fill_record

        return recorded or self.fills.get((sheet, cell)) or default_fill_record()

    # writes
    def clear(self, sheet: str, ref: str) -> None:
        self._range(sheet, ref).clear()

    def clear_values(self, sheet: str, ref: str) -> None:
        self._range(sheet, ref).clear_contents()

    def write(self, sheet: str, ref: str, rows: list[list]) -> None:
        # a leading apostrophe keeps text as text: Excel would turn "12345", "2025.03.01." or "=…"
        # into a number, a date or a formula
        self._range(sheet, ref).value = [["'" + v if isinstance(v, str) and v else v for v in row] for row in rows]

    def fill(self, sheet: str, ref: str, argb: str) -> None:
        self._range(sheet, ref).color = "#" + argb[-6:]

    def restore_fill(self, sheet: str, cell: str, recorded: str) -> None:
        color = _color_of_fill_record(recorded)
        if color is not ...:
            self._range(sheet, cell).color = color

    def font(self, sheet: str, ref: str, *, bold: bool, name: str, size: float) -> None:
        font = self._range(sheet, ref).font
        font.name, font.size, font.bold = name, size, bold

    def number_format(self, sheet: str, ref: str, fmt: str) -> None:
        self._range(sheet, ref).number_format = fmt

    def align(self, sheet: str, ref: str, *, wrap: bool, vertical: str) -> None:
        rng = self._range(sheet, ref)
        rng.wrap_text = wrap
        rng.vertical_alignment = vertical

    def link(self, sheet: str, cell: str, location: str, text: str, tip: str) -> None:
        self._range(sheet, cell).add_hyperlink("#" + location, text, tip)

    def column_width(self, sheet: str, column: str, width: float) -> None:
        self._range(sheet, f"{column}:{column}").column_width = width

    def row_height(self, sheet: str, row: int, height: float) -> None:
        self._range(sheet, f"A{row}").row_height = height


def _color_of_fill_record(text: str):
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


def validate_book(book, ui: Ui) -> None:
    from ..validate import validate
    from ..validate.report_sheet import META_SHEET, REPORT_SHEET, plan_report, template_fills

    result, source = read_live(book, ui)
    for needed in (REPORT_SHEET, META_SHEET):
        if needed not in source.sheet_names:
            raise MacroError(f"Hiányzik a(z) „{needed}” munkalap; a munkafüzet nem a HEP-sablonból készült.")
    ui.status("HEP: ellenőrzés…")
    report = validate(result)
    target = XlwingsTarget(book, source, template_fills(result))
    edits = plan_report(target, report, dt.datetime.now())
    c = report.counts_by_severity()
    if not report.findings:
        message, mode = "Az ellenőrzés nem talált hibát.", "info"
    else:
        message = (f"{c['error']} hiba, {c['warning']} figyelmeztetés, {c['info']} tájékoztatás.\n"
                   f"A részletek az „{REPORT_SHEET}” munkalapon; a hibás cellák kiemelve.")
        mode = "critical" if report.has_errors else "info"

    ui.status("HEP: az eredmény beírása…")  # the whole result is built: now write it in one step
    for edit in edits:
        edit.apply(target)
    target.sheets[REPORT_SHEET].activate()
    ui.alert(message, "HEP – Ellenőrzés", mode)


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
    writes = [(ref, _cell_value(value)) for ref, value in plan.writes()]
    sheets = {s.name: s for s in book.sheets}
    missing = sorted({ref.sheet for ref, _ in writes} - set(sheets))
    if missing:
        raise MacroError(f"Hiányzik a(z) „{missing[0]}” munkalap.")
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

    ui.status("HEP: a mutatók beírása…")  # the whole result is built: now write it in one step
    for ref, value in writes:
        sheets[ref.sheet].range(ref.cell).value = value
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


def export_report_book(book, ui: Ui, output=None, year=None) -> None:
    from ..export.docx_doc import report_path, write_report

    out = Path(output) if output else report_path(book_folder(book) / Path(book.fullname).name)
    result, _ = read_live(book, ui)
    st = result.hep.settlement
    if year is not None and st.period_start is not None and st.period_end is not None \
            and not st.period_start <= year <= st.period_end:
        raise MacroError(f"A beszámoló éve ({year}) a program időszakába essen ({st.period_start}–{st.period_end}).")
    ui.status("HEP: a beszámoló készítése…")
    try:
        write_report(result.hep, out, year)
    except PermissionError:
        raise MacroError(f"A(z) {out} nem írható; ha meg van nyitva Wordben, zárja be, és próbálja újra.") \
            from None
    empty = "" if result.hep.progress else ("\n\nA Megvalósítás lapon még nincs rögzített állapot: a beszámoló "
                                            "csak a terv adatait tartalmazza.")
    ui.alert(f"Elkészült a beszámoló:\n{out}" + empty + _skipped(result), "HEP – Beszámoló", "info")


def _skipped(result) -> str:
    if not result.issues:
        return ""
    first = "; ".join(f"{i.sheet}!{i.cell}" for i in result.issues[:5])
    return (f"\n\n{len(result.issues)} cella értéke nem volt értelmezhető, ezek kimaradtak: {first}"
            + (" …" if len(result.issues) > 5 else ""))
