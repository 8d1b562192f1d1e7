"""The one check of the real Excel path: desktop Excel on Windows, driven through COM.

Run by ``.github/workflows/excel-windows.yml`` on a Windows runner with Excel installed and VBA
automation allowed (trusted access to the VBA project object model). It cannot run on Linux.

1. ``hep-xl new`` writes a macro-enabled workbook, its KSH code is then given a wrong check digit
   (``new`` refuses one, so it is typed in afterwards, as a clerk might: Ellenőrzés must find it), and
   ``hep-xl install`` points it at this installation's ``hep-xl-python``, as a clerk would; the
   sample TeIR/KSH export goes into the ``adatok`` folder beside it.
2. Excel opens it through COM with macros enabled. The VBA project must have the modules and
   kinds it was built with and no broken reference, and must compile (VBE: Debug › Compile).
3. A test module is added to the *open* project (never saved): ``HepCiCall name`` calls each
   ribbon callback of the workbook's own ``customUI14.xml`` with ``Nothing`` as the control, the
   way the ribbon calls it with a control. Each macro runs through xlwings' ``RunPython`` in a new
   Python process; its message box is answered with OK and its text recorded.
4. Each macro's result is asserted on the open workbook (report rows, the red highlight, the
   status bar given back) and on the files it wrote (JSON, Word); the filled indicators are read
   back from a copy of the workbook Excel saves.

Exit code 0 when every check passed; every failure is printed.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_CSV = ROOT / "hep_xl" / "sample" / "indicators.csv"
# the VBE's Debug > Compile VBAProject control (Office command bar control id)
COMPILE_CONTROL_ID = 578
MSO_AUTOMATION_SECURITY_LOW = 1  # macros of the opened workbook enabled
VBEXT_CT_STD_MODULE, VBEXT_CT_DOCUMENT = 1, 100
RED = 206 * 65536 + 199 * 256 + 255  # Interior.Color of #FFC7CE (Excel stores BGR)


def ribbon_callbacks(xlsm: Path) -> list[str]:
    """The onAction callbacks of the workbook's own ribbon part, in order."""
    with zipfile.ZipFile(xlsm) as zf:
        xml = zf.read("customUI/customUI14.xml").decode("utf-8")
    return re.findall(r'onAction="(\w+)"', xml)


def test_module_source(callbacks: list[str]) -> str:
    """VBA of the test entry point: ``HepCiCall "HepValidate"`` calls ``HepValidate Nothing``."""
    lines = ["Option Explicit", "", "Public Sub HepCiCall(name As String)", "    Select Case name"]
    for cb in callbacks:
        lines += [f'        Case "{cb}"', f"            {cb} Nothing"]
    lines += ['        Case Else', '            Err.Raise 5, , "unknown callback " & name', "    End Select",
              "End Sub", ""]
    return "\r\n".join(lines)


class DialogCloser(threading.Thread):
    """Answers every message box of this session with OK and records (title, texts)."""

    def __init__(self):
        super().__init__(daemon=True)
        self.stop = threading.Event()
        self.seen: list[tuple[str, list[str]]] = []
        self._handled: set[int] = set()

    def run(self) -> None:
        import pywintypes
        import win32con
        import win32gui

        def on_window(hwnd, _):
            if hwnd in self._handled or not win32gui.IsWindowVisible(hwnd):
                return True
            if win32gui.GetClassName(hwnd) != "#32770":  # the dialog class of MessageBox
                return True
            texts: list[str] = []
            win32gui.EnumChildWindows(hwnd, lambda h, _: texts.append(win32gui.GetWindowText(h)) or True, None)
            self.seen.append((win32gui.GetWindowText(hwnd), [t for t in texts if t]))
            self._handled.add(hwnd)
            win32gui.PostMessage(hwnd, win32con.WM_COMMAND, win32con.IDOK, 0)
            return True

        while not self.stop.is_set():
            try:
                win32gui.EnumWindows(on_window, None)
            except pywintypes.error:  # a window closed while being looked at
                pass
            time.sleep(0.3)

    def take(self) -> list[tuple[str, list[str]]]:
        out, self.seen = self.seen, []
        return out


class Checks:
    def __init__(self):
        self.failures: list[str] = []

    def check(self, ok: bool, what: str) -> None:
        print(("ok    " if ok else "FAIL  ") + what, flush=True)
        if not ok:
            self.failures.append(what)


FICTIONAL_CODE = "10898"  # passes the check digit, no settlement has it (the sample's code)
WRONG_CHECK_DIGIT = "10899"


def prepare(work: Path) -> Path:
    """The clerk's part: a new workbook, ``hep-xl install``, the data folder."""
    work.mkdir(parents=True, exist_ok=True)
    xlsm = work / "Probafalva_HEP.xlsm"
    hep_xl = [sys.executable, "-m", "hep_xl"]
    subprocess.run([*hep_xl, "new", "--settlement", "Próbafalva", "--ksh-code", FICTIONAL_CODE, "--start-year",
                    "2025", "-o", str(xlsm)], check=True)
    from hep_xl.workbook.edit import edit_workbook

    with edit_workbook(xlsm) as wb:  # keeps the VBA project and the ribbon
        wb["Településadatok"]["B5"].value = WRONG_CHECK_DIGIT
    subprocess.run([*hep_xl, "install", str(xlsm)], check=True)
    (work / "adatok").mkdir(exist_ok=True)
    shutil.copy(SAMPLE_CSV, work / "adatok" / "teir.csv")
    return xlsm


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", required=True, help="folder for the workbook and its outputs")
    parser.add_argument("--timeout", type=float, default=300, help="seconds a macro may take")
    args = parser.parse_args()

    import pythoncom
    import pywintypes
    import win32com.client

    work = Path(args.work).resolve()
    xlsm = prepare(work)
    callbacks = ribbon_callbacks(xlsm)
    checks = Checks()
    checks.check(callbacks == ["HepValidate", "HepFillIndicators", "HepExportJson", "HepExportWord",
                                "HepExportReport"],
                 f"ribbon callbacks {callbacks}")

    pythoncom.CoInitialize()
    closer = DialogCloser()
    closer.start()
    xl = win32com.client.DispatchEx("Excel.Application")
    watchdog = None
    try:
        xl.Visible = False
        xl.DisplayAlerts = False
        xl.AutomationSecurity = MSO_AUTOMATION_SECURITY_LOW
        wb = xl.Workbooks.Open(str(xlsm))
        checks.check(not closer.take(), "opened without a repair or warning dialog")

        project = wb.VBProject
        kinds = {c.Name: c.Type for c in project.VBComponents}
        checks.check(kinds.get("xlwings") == VBEXT_CT_STD_MODULE and kinds.get("HepRibbon") == VBEXT_CT_STD_MODULE,
                     f"xlwings and HepRibbon are standard modules: {kinds}")
        checks.check(all(t == VBEXT_CT_DOCUMENT for n, t in kinds.items() if n not in ("xlwings", "HepRibbon")),
                     "every other module is a document module")
        refs = {r.Name: bool(r.IsBroken) for r in project.References}
        checks.check({"stdole", "Office"} <= set(refs) and not any(refs.values()), f"references {refs}")

        module = project.VBComponents.Add(VBEXT_CT_STD_MODULE)
        module.Name = "HepCiEntry"
        module.CodeModule.AddFromString(test_module_source(callbacks))
        compile_button = xl.VBE.CommandBars.FindControl(Type=1, Id=COMPILE_CONTROL_ID)
        if compile_button.Enabled:
            compile_button.Execute()
        dialogs = closer.take()
        checks.check(not dialogs and not xl.VBE.CommandBars.FindControl(Type=1, Id=COMPILE_CONTROL_ID).Enabled,
                     f"the VBA project compiles {dialogs or ''}")

        def call(callback: str) -> list[tuple[str, list[str]]]:
            nonlocal watchdog
            watchdog = threading.Timer(args.timeout, lambda: subprocess.run(["taskkill", "/F", "/IM", "EXCEL.EXE"]))
            watchdog.start()
            try:
                xl.Run("HepCiCall", callback)
            finally:
                watchdog.cancel()
            time.sleep(1)
            seen = closer.take()
            print(f"      {callback}: {seen}", flush=True)
            checks.check(not any("Váratlan hiba" in " ".join(t) or "Traceback" in " ".join(t) for _, t in seen),
                         f"{callback}: no error message")
            checks.check(xl.StatusBar is False, f"{callback}: the status bar is Excel's again")
            return seen

        seen = call("HepValidate")
        report = wb.Worksheets("Ellenőrzés")
        rows = [[report.Cells(r, c).Value for c in range(1, 5)] for r in range(5, 200)
                if report.Cells(r, 1).Value]
        checks.check(["hiba", "SET-003", "Településadatok", "B5"] in rows, f"report row for the KSH code: {rows[:3]}")
        rows = rows if ["hiba", "SET-003", "Településadatok", "B5"] in rows else []
        checks.check(wb.Worksheets("Településadatok").Range("B5").Interior.Color == RED, "B5 highlighted red")
        links = report.Cells(5 + [r[1] for r in rows].index("SET-003"), 4).Hyperlinks if rows else None
        target = f"{links.Item(1).Address}#{links.Item(1).SubAddress}" if links is not None and links.Count else ""
        checks.check("Településadatok'!B5" in target, f"the Cella link jumps to Településadatok!B5: {target!r}")
        checks.check(any(t == "HEP – Ellenőrzés" for t, _ in seen), "the Ellenőrzés message box was shown")

        call("HepFillIndicators")
        call("HepExportJson")
        call("HepExportWord")
        call("HepExportReport")
        checks.check((work / "Probafalva_HEP.json").is_file(), "JSON written beside the workbook")
        checks.check((work / "Probafalva_HEP.docx").is_file(), "Word document written beside the workbook")
        checks.check((work / "Probafalva_HEP_beszamolo.docx").is_file(), "the report written beside the workbook")

        copy = work / "mentett_masolat.xlsm"
        wb.SaveCopyAs(str(copy))
        from hep_xl.export.json_doc import read_json
        from hep_xl.workbook.reader import read_workbook

        filled = read_workbook(copy).hep
        checks.check(filled.indicators["resident_population"].values.get(2021) == 2466,
                     "Mutatók kitöltése filled the resident population from adatok/teir.csv")
        checks.check(read_json(work / "Probafalva_HEP.json").settlement.name == "Próbafalva", "the JSON reads back")
        wb.Close(SaveChanges=False)
    finally:
        if watchdog is not None:
            watchdog.cancel()
        closer.stop.set()
        try:
            xl.Quit()
        except pywintypes.com_error:  # Excel already gone (the watchdog ended it)
            pass
    if checks.failures:
        print(f"\n{len(checks.failures)} check(s) failed", flush=True)
        return 1
    print("\nevery check passed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
