"""hep-xl install: the interpreter path goes into the workbook's xlwings.conf sheet (VBA project and
ribbon kept) or into the user's xlwings config file."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from hep_xl.cli import main
from hep_xl.excel import ribbon
from hep_xl.workbook.build import build_new

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
    assert xml == ribbon.customui_xml() and len(rels) == 1
    with zipfile.ZipFile(xlsm) as zf:
        assert 'codeName="ThisWorkbook"' in zf.read("xl/workbook.xml").decode()
    assert not (home / ".xlwings").exists()  # only the workbook was asked for
    assert check_xlsm(xlsm) == []


def test_install_without_workbook_writes_the_user_config(home, capsys):
    conf = home / ".xlwings" / "xlwings.conf"
    conf.parent.mkdir()
    conf.write_text('"LICENSE_KEY","abc"\r\n"INTERPRETER","régi"\r\n', encoding="utf-8")
    assert main(["install", "--interpreter", sys.executable]) == 0
    lines = conf.read_text(encoding="utf-8").splitlines()
    assert lines == ['"LICENSE_KEY","abc"', f'"INTERPRETER_WIN","{sys.executable}"',
                     f'"INTERPRETER","{sys.executable}"']


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
