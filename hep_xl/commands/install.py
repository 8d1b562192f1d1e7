"""hep-xl install [WORKBOOK.xlsm …]: point the HEP ribbon's macros at this Python.

The ribbon buttons run ``RunPython`` (xlwings' VBA module), which starts the interpreter named by
the ``Interpreter_Win`` key of the workbook's hidden ``xlwings.conf`` sheet, or — while the sheet
has no such row — the ``INTERPRETER_WIN`` key of the user's xlwings config file. ``hep-xl install``
writes the running interpreter's path into the given workbooks (so they work on this computer for
anyone), and with no workbook (or ``--user-config``) into the user's config file (so every HEP
workbook works for this user). A conda interpreter also gets ``Conda Path``/``Conda Env``, which
xlwings uses to activate the environment first. It then prints what the clerk still has to do in
Excel once: trust the folder.

The user's config file is shared by every xlwings tool of that user, so it is edited with care:

* it is written in the Windows ANSI code page (cp1250 on Hungarian Windows), which is how VBA's
  ``Input #`` reads it and how ``xlwings config create`` writes it; a path that code page cannot
  hold is refused with what to do instead;
* every line we do not set is kept byte for byte;
* an interpreter (or conda environment) another tool set there is not replaced without ``--force``.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path, PurePath

# The code page of Hungarian Windows: what the config file is written in when this runs elsewhere
# (tests, or preparing a file for a Windows user on another system).
FALLBACK_ANSI_CODEPAGE = "cp1250"
# Keys of the user's config file that name an interpreter: INTERPRETER_WIN is read first,
# INTERPRETER ("legacy") only while that is empty (xlwings.bas, RunPython).
_INTERPRETER_KEYS = ("INTERPRETER_WIN", "INTERPRETER")


def register(sub) -> None:
    p = sub.add_parser(
        "install", help="a HEP szalag gombjainak beállítása ezen a gépen (Python-elérési út)",
        description="Beírja a Python elérési útját a makróbarát HEP-munkafüzet(ek) rejtett „xlwings.conf” "
                    "lapjára, munkafüzet nélkül a felhasználó xlwings-beállításfájljába, és kiírja, hogyan "
                    "engedélyezze a makrókat (megbízható hely).")
    p.add_argument("workbooks", nargs="*", help="makróbarát HEP-munkafüzet(ek) (.xlsm)")
    p.add_argument("--interpreter", default=None,
                   help="a gombok által indított program (alapértelmezés: a telepítés hep-xl-python "
                        "indítója, amely a python.exe-t gyorsabban indítja)")
    p.add_argument("--user-config", action="store_true",
                   help="a felhasználó xlwings-beállításfájljába is írja (munkafüzet nélkül ez az alapértelmezés)")
    p.add_argument("--force", action="store_true",
                   help="a felhasználó xlwings-beállításfájljában más eszköz által megadott Pythont is felülírja")
    p.set_defaults(func=run)


def interpreter_path(explicit: str | None = None) -> Path:
    """What the ribbon buttons start: ``--interpreter`` when given, else the ``hep-xl-python``
    launcher this installation put beside its ``hep-xl`` command (it starts xlwings without numpy,
    pandas and matplotlib: see :mod:`hep_xl.excel.launcher`), else the running interpreter."""
    if explicit:
        return Path(explicit)
    launcher = launcher_path()
    if launcher is not None:
        return launcher
    exe = Path(sys.executable)
    # pythonw.exe would hide errors xlwings wants to show; use the console interpreter beside it
    if exe.name.lower() == "pythonw.exe" and (exe.parent / "python.exe").exists():
        exe = exe.parent / "python.exe"
    return exe


def launcher_path() -> Path | None:
    """The installed ``hep-xl-python`` script (``hep-xl-python.exe`` on Windows): in the scripts folder
    of this installation, of the user's installation (``pip install --user``), or beside the
    interpreter; None when it is in none of them."""
    import sysconfig

    from ..excel.launcher import NAME

    folders = [sysconfig.get_path("scripts"), Path(sys.executable).parent]
    user_scheme = f"{os.name}_user"
    if user_scheme in sysconfig.get_scheme_names():
        folders.insert(1, sysconfig.get_path("scripts", user_scheme))
    for folder in folders:
        for name in (f"{NAME}.exe", NAME) if sys.platform == "win32" else (NAME,):
            path = Path(folder) / name
            if path.is_file():
                return path
    return None


def user_config_path() -> Path:
    """xlwings' user config file (``%USERPROFILE%\\.xlwings\\xlwings.conf`` on Windows)."""
    if sys.platform.startswith("win") or sys.platform.startswith("linux"):
        return Path(os.path.expanduser("~")) / ".xlwings" / "xlwings.conf"
    return Path(os.path.expanduser("~")) / "Library" / "Containers" / "com.microsoft.Excel" / "Data" / "xlwings.conf"


def ansi_codepage() -> str:
    """The Windows ANSI code page (``GetACP``), in which VBA reads and writes text files."""
    if sys.platform == "win32":
        import ctypes

        return f"cp{ctypes.windll.kernel32.GetACP()}"
    return FALLBACK_ANSI_CODEPAGE


@dataclass(frozen=True)
class Conda:
    path: str  # the conda installation (the folder with condabin\conda.bat)
    env: str  # the environment's name, or its folder when it is not under <path>\envs


def conda_settings(interpreter: PurePath) -> Conda | None:
    """The conda installation and environment ``interpreter`` belongs to, or None.

    An environment is a folder with ``conda-meta``; ``python.exe`` sits in it on Windows
    (``bin/python`` elsewhere). The base environment holds ``condabin`` itself; a named one lives
    in ``<base>\\envs\\<name>``. An environment elsewhere is named by its folder, and the
    installation is taken from ``CONDA_EXE`` (``<base>\\Scripts\\conda.exe``), as xlwings does."""
    prefix = Path(interpreter).parent
    if prefix.name.lower() in ("bin", "scripts"):  # bin/python, or the launcher in Scripts\ (Windows)
        prefix = prefix.parent
    if not (prefix / "conda-meta").is_dir():
        return None
    if (prefix / "condabin").is_dir():
        return Conda(str(prefix), "base")
    if prefix.parent.name.lower() == "envs" and (prefix.parent.parent / "condabin").is_dir():
        return Conda(str(prefix.parent.parent), prefix.name)
    exe = os.environ.get("CONDA_EXE")
    if exe:
        return Conda(str(Path(exe).parent.parent), str(prefix))
    return None


def settings_for(interpreter: PurePath) -> list[tuple[str, str]]:
    """The xlwings settings (key as xlwings' settings sheet spells it, value) for ``interpreter``."""
    from ..excel.xlsm import CONDA_ENV_KEY, CONDA_PATH_KEY, INTERPRETER_KEY

    out = [(INTERPRETER_KEY, str(interpreter))]
    conda = conda_settings(interpreter)
    if conda is not None:
        out += [(CONDA_PATH_KEY, conda.path), (CONDA_ENV_KEY, conda.env)]
    return out


# -- the user's config file -------------------------------------------------------------------------

def _line_key_value(line: bytes) -> tuple[str, bytes]:
    """Key (upper-case) and raw value of one ``"KEY","VALUE"`` line as VBA's ``Input #`` reads it."""
    body = line.rstrip(b"\r\n").strip()
    if body.startswith(b'"'):
        end = body.find(b'"', 1)
        if end < 0:
            return body[1:].strip().decode("latin-1").upper(), b""
        key, rest = body[1:end], body[end + 1:].strip()
        rest = rest[1:] if rest.startswith(b",") else b""
    else:
        key, _, rest = body.partition(b",")
    value = rest.strip()
    if len(value) >= 2 and value.startswith(b'"') and value.endswith(b'"'):
        value = value[1:-1]
    return key.strip().decode("latin-1").upper(), value


class ConfigConflict(Exception):
    """The user's config already names another interpreter; ``entries`` are (key, existing value)."""

    def __init__(self, entries: list[tuple[str, str]]):
        super().__init__(entries)
        self.entries = entries


def write_user_config(path: Path, interpreter: PurePath, *, force: bool = False,
                      encoding: str | None = None) -> bool:
    """Set our settings in xlwings' user config file; every other line stays byte for byte.

    Lines are written as VBA's ``Write #`` does (``"KEY","VALUE"`` and CRLF) in ``encoding``
    (default: the Windows ANSI code page). Raises :class:`UnicodeEncodeError` for a path the code
    page cannot hold, :class:`ConfigConflict` when another interpreter or conda environment is set
    and ``force`` is false. Returns False when the file already said exactly this (left untouched).
    """
    from ..files import atomic_output

    encoding = encoding or ansi_codepage()
    wanted = [(k.upper(), v) for k, v in settings_for(interpreter)]
    encoded = {k: v.encode(encoding) for k, v in wanted}  # UnicodeEncodeError before anything is read
    raw = path.read_bytes() if path.is_file() else b""
    lines = raw.splitlines(keepends=True)

    def same(value: bytes, text: str) -> bool:
        if value == text.encode(encoding):
            return True
        try:  # written by an earlier hep-xl in UTF-8: ours, to be rewritten in the right code page
            return value.decode("utf-8") == text
        except UnicodeDecodeError:
            return False

    conflicts = []
    for line in lines:
        key, value = _line_key_value(line)
        if key in encoded:
            mine = dict(wanted)[key]
        elif key in _INTERPRETER_KEYS and value:  # a legacy INTERPRETER our INTERPRETER_WIN would override
            mine = str(interpreter)
        else:
            continue
        if not same(value, mine):
            conflicts.append((key, value.decode(encoding, errors="replace")))
    if conflicts and not force:
        raise ConfigConflict(conflicts)

    out, done = [], set()
    for line in lines:
        key, _ = _line_key_value(line)
        if key in encoded:
            if key in done:
                continue  # a repeated key: xlwings reads the first one only
            done.add(key)
            eol = line[len(line.rstrip(b"\r\n")):] or b"\r\n"
            line = b'"' + key.encode("ascii") + b'","' + encoded[key] + b'"' + eol
        out.append(line)
    if out and not out[-1].endswith((b"\n", b"\r")):
        out[-1] += b"\r\n"
    out += [b'"' + k.encode("ascii") + b'","' + encoded[k] + b'"\r\n' for k, _ in wanted if k not in done]
    data = b"".join(out)
    if data == raw:
        return False
    with atomic_output(path) as tmp:
        tmp.write_bytes(data)
    return True


# -- the workbook's settings sheet ------------------------------------------------------------------

def set_workbook_interpreter(path: Path, interpreter: PurePath) -> None:
    """Write ``interpreter`` (and its conda environment) into the workbook's xlwings.conf sheet
    (atomically; VBA and ribbon kept). Stale conda rows of an earlier install are removed."""
    from ..cli import UserError
    from ..excel.xlsm import CONDA_ENV_KEY, CONDA_PATH_KEY, CONF_SHEET
    from ..workbook.edit import edit_workbook

    if path.suffix.lower() != ".xlsm":
        raise UserError(f"{path}: csak makróbarát (.xlsm) HEP-munkafüzetbe lehet beírni")
    if not path.is_file():
        raise UserError(f"{path}: a fájl nem található")
    if (path.parent / ("~$" + path.name)).exists():
        raise UserError(f"{path}: a munkafüzet meg van nyitva Excelben; zárja be, és futtassa újra")
    settings = settings_for(interpreter)
    with edit_workbook(path) as wb:
        if CONF_SHEET not in wb.sheetnames or wb.vba_archive is None:
            raise UserError(f"{path}: nem makróbarát HEP-munkafüzet (hiányzik az „{CONF_SHEET}” lap vagy a "
                            "VBA-projekt); újat a „hep-xl new … -o FÁJL.xlsm” készít")
        ws = wb[CONF_SHEET]
        # xlwings reads A1 down to the first blank cell; rows below a blank are not settings
        last = 0
        while ws.cell(last + 1, 1).value not in (None, ""):
            last += 1
        rows = {str(ws.cell(r, 1).value).strip().upper(): r for r in range(last, 0, -1)}
        ours = {k.upper() for k, _ in settings}
        for stale in (CONDA_PATH_KEY.upper(), CONDA_ENV_KEY.upper()):
            if stale in rows and stale not in ours:
                ws.delete_rows(rows[stale])
                last -= 1
                rows = {str(ws.cell(r, 1).value).strip().upper(): r for r in range(last, 0, -1)}
        for key, value in settings:
            row = rows.get(key.upper())
            if row is None:  # right below the last key: no blank row in between
                last += 1
                row = rows[key.upper()] = last
                ws.cell(row, 1).value = key
            ws.cell(row, 2).value = value


TRUST_STEPS = """\
Utolsó lépés Excelben (egyszer, gépenként):
  1. A munkafüzetet tartalmazó mappát jelölje meg megbízható helyként:
     Fájl > Beállítások > Adatvédelmi központ > Az Adatvédelmi központ beállításai… >
     Megbízható helyek > Új hely hozzáadása… > Tallózás: {folder}
  2. Ha a munkafüzetet e-mailből vagy internetről töltötte le, a Windows letiltja a makróit:
     Fájlkezelőben jobb gomb a fájlon > Tulajdonságok > Általános > „Feloldás” (Unblock) > OK.
  3. Nyissa meg a munkafüzetet: a szalagon megjelenik a „HEP” lap (Ellenőrzés, Mutatók kitöltése,
     JSON export, Word export)."""


def _conflict_message(conf: Path, entries: list[tuple[str, str]]) -> str:
    found = "; ".join(f"{k} = {v}" for k, v in entries)
    return (f"{conf}: a felhasználó xlwings-beállításában már más Python (vagy conda-környezet) van megadva "
            f"({found}); ezt más xlwings-eszközök is használhatják, ezért nem írom felül. Állítsa be inkább a "
            "munkafüzetben: „hep-xl install FÁJL.xlsm”, vagy ha biztosan ezt akarja, futtassa újra a --force "
            "kapcsolóval.")


def _encoding_message(conf: Path, interpreter: PurePath, encoding: str) -> str:
    return (f"{conf}: a Python elérési útja ({interpreter}) olyan karaktert tartalmaz, amelyet a Windows "
            f"kódlapja ({encoding}) nem tud tárolni, így az xlwings nem találná meg. Írja be inkább a "
            "munkafüzetbe („hep-xl install FÁJL.xlsm”, a munkafüzet bármilyen karaktert tárol), vagy telepítse "
            "a Pythont olyan mappába, amelynek a nevében csak a kódlap betűi vannak (például C:\\Python312).")


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
        encoding = ansi_codepage()
        try:
            changed = write_user_config(conf, interpreter, force=args.force, encoding=encoding)
        except UnicodeEncodeError:
            raise UserError(_encoding_message(conf, interpreter, encoding)) from None
        except ConfigConflict as exc:
            raise UserError(_conflict_message(conf, exc.entries)) from None
        except OSError as exc:
            raise UserError(f"{conf}: nem írható: {exc.strerror or exc}") from None
        print(f"{'beállítva' if changed else 'már be volt állítva'}: {conf} → {interpreter}")
    folders = sorted({str(w.resolve().parent) for w in workbooks}) or ["(a HEP-munkafüzetek mappája)"]
    print(TRUST_STEPS.format(folder=", ".join(folders)))
    return 0
