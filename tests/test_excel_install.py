"""hep-xl install: the interpreter path goes into the workbook's xlwings.conf sheet (VBA project and
ribbon kept) or into the user's xlwings config file."""

from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path, PureWindowsPath

import openpyxl
import pytest

from hep_xl.cli import main
from hep_xl.commands.install import Conda, conda_settings, write_user_config
from hep_xl.excel import ribbon
from hep_xl.excel.build import build_new

from .excel_check import check_xlsm, xlwings_config_keys
from .vba_read import vba_modules


@pytest.fixture
def xlsm(tmp_path) -> Path:
    path = tmp_path / "pelda.xlsm"
    build_new(path, settlement="Példafalva", ksh_code="12344", start_year=2025)
    return path


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch) -> Path:
    h = tmp_path / "home"
    h.mkdir()
    monkeypatch.setenv("HOME", str(h))
    monkeypatch.setenv("USERPROFILE", str(h))
    return h


def test_install_writes_interpreter_into_the_workbook(xlsm, home, capsys):
    before = vba_modules(xlsm)
    ribbon_before, _ = ribbon.read_ribbon(xlsm)
    assert main(["install", str(xlsm), "--interpreter", sys.executable]) == 0
    out = capsys.readouterr().out
    assert "Megbízható helyek" in out and str(xlsm.parent) in out
    wb = openpyxl.load_workbook(xlsm, keep_vba=True)
    ws = wb["xlwings.conf"]
    rows = [tuple(r) for r in ws.iter_rows(values_only=True)]
    assert rows == [("Show Console", False), ("Interpreter_Win", sys.executable)]
    assert {k.upper() for k, _ in rows} <= xlwings_config_keys()
    assert ws.sheet_state == "hidden"
    assert not [r for r in ws.iter_rows(values_only=True) if not r[0]]  # no blank rows
    # VBA project byte-identical modules, ribbon part still linked, workbook code name kept
    assert vba_modules(xlsm) == before
    xml, rels = ribbon.read_ribbon(xlsm)
    assert xml == ribbon_before and len(rels) == 1
    with zipfile.ZipFile(xlsm) as zf:
        assert 'codeName="ThisWorkbook"' in zf.read("xl/workbook.xml").decode()
    assert not (home / ".xlwings").exists()  # only the workbook was asked for
    assert check_xlsm(xlsm) == []


KOVACS = r"C:\Users\Kovács Péter\AppData\Local\Programs\Python\Python312\python.exe"


def vba_input(data: bytes, codepage: str = "cp1250") -> dict[str, str]:
    """The config file as VBA's ``Input #`` reads it on Windows with that ANSI code page: bytes
    decoded in the code page, ``"KEY","VALUE"`` per line (xlwings.bas, GetConfigFromFile)."""
    out = {}
    for line in data.decode(codepage).splitlines():
        m = re.fullmatch(r'\s*"?([^",]*)"?\s*,\s*"?([^"]*)"?\s*', line)
        if m and m.group(1).upper() not in out:
            out[m.group(1).upper()] = m.group(2)
    return out


def test_user_config_round_trip_in_the_windows_code_page(tmp_path):
    conf = tmp_path / "xlwings.conf"
    assert write_user_config(conf, PureWindowsPath(KOVACS), encoding="cp1250")
    data = conf.read_bytes()
    assert data == b'"INTERPRETER_WIN","C:\\Users\\Kov\xe1cs P\xe9ter\\AppData\\Local\\Programs\\Python\\Python312' \
                   b'\\python.exe"\r\n'
    assert vba_input(data)["INTERPRETER_WIN"] == KOVACS
    assert not write_user_config(conf, PureWindowsPath(KOVACS), encoding="cp1250")  # nothing to change
    assert conf.read_bytes() == data


def test_install_without_workbook_writes_the_user_config_in_the_ansi_code_page(home, tmp_path, capsys):
    exe = tmp_path / "Kovács Péter" / "python.exe"
    exe.parent.mkdir()
    exe.write_bytes(b"")
    assert main(["install", "--interpreter", str(exe)]) == 0
    conf = home / ".xlwings" / "xlwings.conf"
    assert vba_input(conf.read_bytes()) == {"INTERPRETER_WIN": str(exe)}  # cp1250 off Windows
    assert "Kov\xe1cs".encode("latin-1") in conf.read_bytes()
    assert f"beállítva: {conf}" in capsys.readouterr().out
    assert main(["install", "--interpreter", str(exe)]) == 0
    assert "már be volt állítva" in capsys.readouterr().out


def test_existing_entries_are_kept_byte_for_byte(home):
    conf = home / ".xlwings" / "xlwings.conf"
    conf.parent.mkdir()
    others = [b'"LICENSE_KEY","abc"\r\n',
              '"UDF MODULES","kimutatás;összesítő"\r\n'.encode("cp1250"),
              b'PYTHONPATH,C:\\munka\n',                        # unquoted, LF only: as another tool wrote it
              '"ONEDRIVE_WIN","C:\\Users\\Kovács\\OneDrive"'.encode("cp1250")]  # no line end
    conf.write_bytes(b"".join(others))
    assert main(["install", "--interpreter", sys.executable]) == 0
    data = conf.read_bytes()
    assert data == b"".join(others) + b'\r\n"INTERPRETER_WIN","' + sys.executable.encode() + b'"\r\n'
    assert vba_input(data)["UDF MODULES"] == "kimutatás;összesítő"


def test_another_tools_interpreter_is_not_overwritten_without_force(home, capsys):
    conf = home / ".xlwings" / "xlwings.conf"
    conf.parent.mkdir()
    before = b'"LICENSE_KEY","abc"\r\n"INTERPRETER_WIN","C:\\Anaconda3\\python.exe"\r\n"SHOW CONSOLE","True"\r\n'
    conf.write_bytes(before)
    assert main(["install", "--interpreter", sys.executable]) == 2
    err = capsys.readouterr().err
    assert "--force" in err and "C:\\Anaconda3\\python.exe" in err and "hep-xl install FÁJL.xlsm" in err
    assert conf.read_bytes() == before
    assert main(["install", "--interpreter", sys.executable, "--force"]) == 0
    assert conf.read_bytes() == before.replace(b"C:\\Anaconda3\\python.exe", sys.executable.encode())
    # a legacy INTERPRETER of another tool would be overridden by our INTERPRETER_WIN: asked too
    conf.write_bytes(b'"INTERPRETER","C:\\Python39\\python.exe"\r\n')
    assert main(["install", "--interpreter", sys.executable]) == 2
    assert conf.read_bytes() == b'"INTERPRETER","C:\\Python39\\python.exe"\r\n'


def test_our_own_utf8_entry_of_an_earlier_version_is_repaired(tmp_path):
    conf = tmp_path / "xlwings.conf"
    conf.write_bytes(f'"INTERPRETER_WIN","{KOVACS}"\r\n'.encode())  # what hep-xl 0.1 wrote
    assert write_user_config(conf, PureWindowsPath(KOVACS), encoding="cp1250")
    assert vba_input(conf.read_bytes()) == {"INTERPRETER_WIN": KOVACS}


def test_a_path_the_code_page_cannot_hold_is_refused(home, tmp_path, capsys):
    exe = tmp_path / "用户" / "python.exe"
    exe.parent.mkdir()
    exe.write_bytes(b"")
    assert main(["install", "--interpreter", str(exe)]) == 2
    err = capsys.readouterr().err
    assert "cp1250" in err and "munkafüzetbe" in err and "Traceback" not in err
    assert not (home / ".xlwings" / "xlwings.conf").exists()


def _conda(tmp_path: Path) -> Path:
    """A conda installation laid out as on Windows: base with condabin, env "hep" under envs."""
    base = tmp_path / "miniconda3"
    (base / "condabin").mkdir(parents=True)
    (base / "condabin" / "conda.bat").write_bytes(b"")
    (base / "conda-meta").mkdir()
    env = base / "envs" / "hep"
    (env / "conda-meta").mkdir(parents=True)
    (env / "python.exe").write_bytes(b"")
    return env / "python.exe"


def test_conda_environment_is_detected(home, tmp_path, xlsm):
    exe = _conda(tmp_path)
    assert conda_settings(exe) == Conda(str(tmp_path / "miniconda3"), "hep")
    assert conda_settings(tmp_path / "miniconda3" / "python.exe") == Conda(str(tmp_path / "miniconda3"), "base")
    assert main(["install", "--interpreter", str(exe)]) == 0
    conf = vba_input((home / ".xlwings" / "xlwings.conf").read_bytes())
    assert conf == {"INTERPRETER_WIN": str(exe), "CONDA PATH": str(tmp_path / "miniconda3"), "CONDA ENV": "hep"}
    assert set(conf) <= xlwings_config_keys()
    # the workbook gets the same rows; a later plain Python drops them again
    assert main(["install", str(xlsm), "--interpreter", str(exe)]) == 0
    rows = [tuple(r) for r in openpyxl.load_workbook(xlsm)["xlwings.conf"].iter_rows(values_only=True)]
    assert rows == [("Show Console", False), ("Interpreter_Win", str(exe)),
                    ("Conda Path", str(tmp_path / "miniconda3")), ("Conda Env", "hep")]
    assert check_xlsm(xlsm) == []
    assert main(["install", str(xlsm), "--interpreter", sys.executable]) == 0
    rows = [tuple(r) for r in openpyxl.load_workbook(xlsm)["xlwings.conf"].iter_rows(values_only=True)]
    assert rows == [("Show Console", False), ("Interpreter_Win", sys.executable)]


def test_install_refuses_bad_input_without_touching_it(tmp_path, xlsm, capsys):
    xlsx = tmp_path / "sima.xlsx"
    build_new(xlsx, settlement="Példafalva", ksh_code="12344", start_year=2025)
    before = xlsx.read_bytes()
    assert main(["install", str(xlsx)]) == 2
    assert xlsx.read_bytes() == before
    assert ".xlsm" in capsys.readouterr().err
    (xlsm.parent / ("~$" + xlsm.name)).write_bytes(b"lock")
    before = xlsm.read_bytes()
    assert main(["install", str(xlsm)]) == 2
    assert "meg van nyitva" in capsys.readouterr().err
    assert xlsm.read_bytes() == before
    assert main(["install", str(tmp_path / "nincs.xlsm")]) == 2
