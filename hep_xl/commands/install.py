"""hep-xl install [WORKBOOK.xlsm …]: point the HEP ribbon's macros at this Python.

The ribbon buttons run ``RunPython`` (xlwings' VBA module), which starts the interpreter named by
the ``Interpreter_Win`` key of the workbook's hidden ``xlwings.conf`` sheet, or — while that is
empty — the ``Interpreter`` key of the user's xlwings config file. ``hep-xl install`` writes the
running interpreter's path into the given workbooks (so they work on this computer for anyone), and
with no workbook (or ``--user-config``) into the user's config file (so every HEP workbook works
for this user). It then prints what the clerk still has to do in Excel once: trust the folder.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser(
        "install", help="a HEP szalag gombjainak beállítása ezen a gépen (Python-elérési út)",
        description="Beírja a Python elérési útját a makróbarát HEP-munkafüzet(ek) rejtett „xlwings.conf” "
                    "lapjára, munkafüzet nélkül a felhasználó xlwings-beállításfájljába, és kiírja, hogyan "
                    "engedélyezze a makrókat (megbízható hely).")
    p.add_argument("workbooks", nargs="*", help="makróbarát HEP-munkafüzet(ek) (.xlsm)")
    p.add_argument("--interpreter", default=None,
                   help="a használandó python.exe (alapértelmezés: amelyik most fut)")
    p.add_argument("--user-config", action="store_true",
                   help="a felhasználó xlwings-beállításfájljába is írja (munkafüzet nélkül ez az alapértelmezés)")
    p.set_defaults(func=run)


def interpreter_path(explicit: str | None = None) -> Path:
    if explicit:
        return Path(explicit)
    exe = Path(sys.executable)
    # pythonw.exe would hide errors xlwings wants to show; use the console interpreter beside it
    if exe.name.lower() == "pythonw.exe" and (exe.parent / "python.exe").exists():
        exe = exe.parent / "python.exe"
    return exe


def user_config_path() -> Path:
    """xlwings' user config file (``%USERPROFILE%\\.xlwings\\xlwings.conf`` on Windows)."""
    if sys.platform.startswith("win") or sys.platform.startswith("linux"):
        return Path(os.path.expanduser("~")) / ".xlwings" / "xlwings.conf"
    return Path(os.path.expanduser("~")) / "Library" / "Containers" / "com.microsoft.Excel" / "Data" / "xlwings.conf"


def _conf_lines(text: str) -> list[tuple[str, str]]:
    out = []
    for line in text.splitlines():
        if not line.strip():
            continue
        key, _, value = line.partition(",")
        out.append((key.strip().strip('"'), value.strip().strip('"')))
    return out


def write_user_config(path: Path, interpreter: Path) -> None:
    """Set INTERPRETER_WIN and INTERPRETER (what the workbook falls back to while its own key is empty)
    in xlwings' user config, keeping every other setting. Format as VBA's ``Write #``: "KEY","VALUE"."""
    from ..files import atomic_output

    entries = _conf_lines(path.read_text(encoding="utf-8", errors="replace")) if path.is_file() else []
    keys = {"INTERPRETER_WIN", "INTERPRETER"}
    entries = [(k, v) for k, v in entries if k.upper() not in keys]
    entries += [("INTERPRETER_WIN", str(interpreter)), ("INTERPRETER", str(interpreter))]
    with atomic_output(path) as tmp:
        tmp.write_text("".join(f'"{k}","{v}"\r\n' for k, v in entries), encoding="utf-8")


def set_workbook_interpreter(path: Path, interpreter: Path) -> None:
    """Write ``interpreter`` into the workbook's xlwings.conf sheet (atomically; VBA and ribbon kept)."""
    from ..cli import UserError
    from ..excel.xlsm import CONF_SHEET, INTERPRETER_KEY
    from ..workbook.edit import edit_workbook

    if path.suffix.lower() != ".xlsm":
        raise UserError(f"{path}: csak makróbarát (.xlsm) HEP-munkafüzetbe lehet beírni")
    if not path.is_file():
        raise UserError(f"{path}: a fájl nem található")
    if (path.parent / ("~$" + path.name)).exists():
        raise UserError(f"{path}: a munkafüzet meg van nyitva Excelben; zárja be, és futtassa újra")
    with edit_workbook(path) as wb:
        if CONF_SHEET not in wb.sheetnames or wb.vba_archive is None:
            raise UserError(f"{path}: nem makróbarát HEP-munkafüzet (hiányzik az „{CONF_SHEET}” lap vagy a "
                            "VBA-projekt); újat a „hep-xl new … -o FÁJL.xlsm” készít")
        ws = wb[CONF_SHEET]
        row = next((r for r in range(1, ws.max_row + 1)
                    if str(ws.cell(r, 1).value or "").strip().upper() == INTERPRETER_KEY.upper()), None)
        if row is None:  # append right below the last key: no blank row in between (xlwings stops there)
            row = 1
            while ws.cell(row, 1).value not in (None, ""):
                row += 1
            ws.cell(row, 1).value = INTERPRETER_KEY
        ws.cell(row, 2).value = str(interpreter)


TRUST_STEPS = """\
Utolsó lépés Excelben (egyszer, gépenként):
  1. A munkafüzetet tartalmazó mappát jelölje meg megbízható helyként:
     Fájl > Beállítások > Adatvédelmi központ > Az Adatvédelmi központ beállításai… >
     Megbízható helyek > Új hely hozzáadása… > Tallózás: {folder}
  2. Ha a munkafüzetet e-mailből vagy internetről töltötte le, a Windows letiltja a makróit:
     Fájlkezelőben jobb gomb a fájlon > Tulajdonságok > Általános > „Feloldás” (Unblock) > OK.
  3. Nyissa meg a munkafüzetet: a szalagon megjelenik a „HEP” lap (Ellenőrzés, Mutatók kitöltése,
     JSON export, Word export)."""


def run(args) -> int:
    from ..cli import UserError

    interpreter = interpreter_path(args.interpreter)
    if args.interpreter and not interpreter.is_file():
        raise UserError(f"--interpreter: nem található: {interpreter}")
    workbooks = [Path(w) for w in args.workbooks]
    for wb in workbooks:
        set_workbook_interpreter(wb, interpreter)
        print(f"beállítva: {wb} → {interpreter}")
    if args.user_config or not workbooks:
        conf = user_config_path()
        write_user_config(conf, interpreter)
        print(f"beállítva: {conf} → {interpreter}")
    folders = sorted({str(w.resolve().parent) for w in workbooks}) or ["(a HEP-munkafüzetek mappája)"]
    print(TRUST_STEPS.format(folder=", ".join(folders)))
    return 0
