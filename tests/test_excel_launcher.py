"""The ``hep-xl-python`` launcher the ribbon buttons start: runs xlwings' RunPython command line as
``python -c`` does, with xlwings imported without numpy, pandas and matplotlib, which our own code
(the Word export's charts) can still import afterwards."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import openpyxl

from hep_xl.cli import main
from hep_xl.excel.build import build_new
from hep_xl.excel.xlsm import write_xlsm
from hep_xl.sample import build_sample_hep

from .xlwings_harness import book_payload

LAUNCHER = Path(sys.executable).with_name("hep-xl-python")
# what xlwings' VBA module appends after the command (ExecuteWindows in xlwings.bas)
XL_ARGS = ["--wb=Példafalva_HEP.xlsm", "--from_xl=1", "--app=C:\\Office\\EXCEL.EXE", "--hwnd=1234"]


def launch(code: str, *extra: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([str(LAUNCHER), "-B", "-c", code, *extra], capture_output=True, text=True,
                          timeout=120, **kw)


def test_the_launcher_is_installed_beside_the_interpreter():
    assert LAUNCHER.is_file(), "pyproject.toml's [project.scripts] must install hep-xl-python"


def test_runs_the_command_as_python_c_would():
    code = "import sys, json; print(json.dumps([sys.argv, sys.dont_write_bytecode, __name__]))"
    proc = launch(code, *XL_ARGS)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == [["-c", *XL_ARGS], True, "__main__"]
    # an error reaches xlwings as python's would: a traceback on stderr, exit code 1
    proc = launch("raise ValueError('hibás')")
    assert proc.returncode == 1 and "ValueError: hibás" in proc.stderr
    assert launch("import sys; sys.exit(7)").returncode == 7
    bad = subprocess.run([str(LAUNCHER), "script.py"], capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "használat" in bad.stderr


def test_xlwings_starts_without_numpy_pandas_matplotlib_which_stay_importable():
    code = ("import sys, json, xlwings.utils as u, xlwings.main as xm\n"
            "before = {n: n in sys.modules for n in ('numpy', 'pandas', 'matplotlib')}\n"
            "seen = [u.np is None, u.mpl is None, xm.pd is None]\n"
            "import matplotlib, numpy\n"
            "print(json.dumps([before, seen, matplotlib.get_backend() != '']))")
    proc = launch(code, *XL_ARGS)
    assert proc.returncode == 0, proc.stderr
    before, seen, mpl_ok = json.loads(proc.stdout)
    assert before == {"numpy": False, "pandas": False, "matplotlib": False}
    assert seen == [True, True, True] and mpl_ok
    # the same command through the plain interpreter imports them: the launcher is what differs
    plain = subprocess.run([sys.executable, "-B", "-c", code.split("seen =")[0] + "print(json.dumps(before))"],
                           capture_output=True, text=True, timeout=120)
    assert json.loads(plain.stdout) == {"numpy": True, "pandas": True, "matplotlib": True}


def test_a_click_validates_and_a_word_export_draws_its_charts(tmp_path):
    """The ribbon's validate and Word export macros through the launcher (remote engine): the report
    actions come back, and the document carries the charts matplotlib drew in that process."""
    wb = tmp_path / "Példafalva_HEP.xlsm"
    write_xlsm(build_sample_hep(), wb)
    payload = tmp_path / "payload.json"
    payload.write_text(json.dumps(book_payload(wb)), encoding="utf-8")
    docx = tmp_path / "Példafalva_HEP.docx"
    code = ("import json, sys, xlwings as xw, hep_xl.macros as m\n"
            "book = xw.Book(json=json.load(open(sys.argv[1], encoding='utf-8')))\n"
            "m.validate(book=book)\n"
            "n = len(book.json()['actions'])\n"
            "m.export_word(book=xw.Book(json=json.load(open(sys.argv[1], encoding='utf-8'))), output=sys.argv[2])\n"
            "print(json.dumps([n, 'matplotlib' in sys.modules]))")
    env = {"XLWINGS_LICENSE_KEY": "noncommercial", "PATH": "/usr/bin:/bin"}
    proc = launch(code, str(payload), str(docx), env=env)
    assert proc.returncode == 0, proc.stderr
    actions, drew = json.loads(proc.stdout)
    assert actions > 10 and drew
    import zipfile

    with zipfile.ZipFile(docx) as zf:
        pictures = [n for n in zf.namelist() if n.startswith("word/media/") and n.endswith(".png")]
    assert len(pictures) >= 8


def test_install_points_the_buttons_at_the_launcher(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    xlsm = tmp_path / "Példafalva_HEP.xlsm"
    build_new(xlsm, settlement="Példafalva", ksh_code="10898", start_year=2025)
    assert main(["install", str(xlsm)]) == 0
    rows = dict(r for r in openpyxl.load_workbook(xlsm)["xlwings.conf"].iter_rows(values_only=True))
    assert rows["Interpreter_Win"] == str(LAUNCHER)


def test_conda_environment_found_from_the_launcher_in_scripts(tmp_path):
    from hep_xl.commands.install import Conda, conda_settings

    env = tmp_path / "miniconda3" / "envs" / "hep"
    (env / "conda-meta").mkdir(parents=True)
    (tmp_path / "miniconda3" / "condabin").mkdir()
    (env / "Scripts").mkdir()
    assert conda_settings(env / "Scripts" / "hep-xl-python.exe") == Conda(str(tmp_path / "miniconda3"), "hep")
