"""The ribbon macros, run for real through xlwings' remote engine (tests/xlwings_harness.py):
the workbook file becomes an xlwings payload, the macro runs, its actions are applied back to the
file with openpyxl, and the assertions read the file again."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import openpyxl
import pytest

import hep_xl.macros as m
from hep_xl.excel import live
from hep_xl.validate import report_sheet as RS
from hep_xl.validate.findings import Severity
from hep_xl.workbook import layout as L
from hep_xl.workbook.build import build_new
from hep_xl.workbook.reader import read_workbook

from .xlwings_harness import UnknownAction, apply_actions, run_macro

SAMPLE_CSV = Path(__file__).resolve().parents[1] / "hep_xl" / "sample" / "indicators.csv"
REPORT = L.SHEETS.report


@pytest.fixture(autouse=True)
def _debug(monkeypatch):
    # a failing macro raises in tests instead of only showing a message box
    monkeypatch.setenv("HEP_XL_DEBUG", "1")


@pytest.fixture
def workbook(tmp_path) -> Path:
    path = tmp_path / "pelda.xlsx"
    build_new(path, settlement="Példafalva", ksh_code="12344", start_year=2025)
    return path


def _edit(path: Path, sheet: str, cell: str, value) -> None:
    wb = openpyxl.load_workbook(path)
    wb[sheet][cell] = value
    wb.save(path)


def _report_rows(path: Path) -> list[tuple]:
    ws = openpyxl.load_workbook(path)[REPORT]
    return [r for r in ws.iter_rows(min_row=RS.FIRST_ROW, values_only=True) if any(r)]


def _fill_color(path: Path, sheet: str, cell: str) -> str | None:
    c = openpyxl.load_workbook(path)[sheet][cell]
    return c.fill.fgColor.rgb[-6:].upper() if c.fill and c.fill.fill_type == "solid" else None


def _cell_of(path: Path, *key) -> str:
    return read_workbook(path).cells[tuple(key)].cell


def test_validate_writes_findings_links_and_highlights(workbook):
    indicators = L.SHEETS.indicators
    bad = _cell_of(workbook, "indicator", "resident_population", 2022)
    _edit(workbook, indicators, bad, "12,3,4")  # ambiguous number: a read issue
    run = run_macro(workbook, m.validate)

    rows = _report_rows(workbook)
    assert rows, "no findings written"
    assert [h for h in openpyxl.load_workbook(workbook)[REPORT][4]][0].value == L.REPORT_HEADERS[0]
    mine = [r for r in rows if r[2] == indicators and r[3] == bad]
    assert mine and mine[0][1] == "READ-001" and mine[0][0] == "hiba"
    # the link in the Cella column jumps to that cell
    ws = openpyxl.load_workbook(workbook)[REPORT]
    row = RS.FIRST_ROW + rows.index(mine[0])
    link = ws.cell(row, 4).hyperlink
    assert link is not None and link.location == f"'{indicators}'!{bad}"
    assert ws.cell(row, 4).value == bad
    # the cell is highlighted; the summary and the message box tell the counts
    assert _fill_color(workbook, indicators, bad) == RS.HIGHLIGHT[Severity.ERROR][-6:]
    assert ws["A2"].value.startswith("Ellenőrizve:")
    assert run.active_sheet == REPORT
    assert len(run.alerts) == 1 and run.alerts[0]["mode"] == "critical"
    assert "hiba" in run.alerts[0]["prompt"] and "Traceback" not in run.alerts[0]["prompt"]
    # the source file is still a HEP workbook the reader accepts, value left as typed
    assert read_workbook(workbook).issues[0].cell == bad


def test_validate_again_after_a_fix_clears_old_rows_and_highlights(workbook):
    indicators = L.SHEETS.indicators
    bad = _cell_of(workbook, "indicator", "resident_population", 2022)
    _edit(workbook, indicators, bad, "12,3,4")
    run_macro(workbook, m.validate)
    first = _report_rows(workbook)
    _edit(workbook, indicators, bad, 2445)
    run_macro(workbook, m.validate)
    second = _report_rows(workbook)
    assert not [r for r in second if r[3] == bad and r[1] == "READ-001"]
    assert len(second) == len(first) - 1  # nothing left over from the longer first report
    assert _fill_color(workbook, indicators, bad) == L.INPUT_FILL.lstrip("#")
    links = [c.hyperlink for c in openpyxl.load_workbook(workbook)[REPORT]["D"][RS.FIRST_ROW - 1:]
             if c.hyperlink is not None]
    assert len(links) == len([r for r in second if r[2]])


def test_report_layout_and_marks_match_the_cli_writeback(workbook):
    """The ribbon and ``validate --write`` (openpyxl) share the report sheet and the marks, so
    either cleans up the other's highlights."""
    from hep_xl.validate import validate
    from hep_xl.validate import writeback as W

    indicators = L.SHEETS.indicators
    bad = _cell_of(workbook, "indicator", "resident_population", 2022)
    _edit(workbook, indicators, bad, "12,3,4")
    run_macro(workbook, m.validate)
    ribbon_rows = _report_rows(workbook)
    assert (indicators, bad) in W.read_marks(workbook)
    # the same report written by the CLI path has the same finding rows
    other = workbook.with_name("cli.xlsx")
    shutil.copy(workbook, other)
    W.write_report(other, validate(read_workbook(other)))
    cli_rows = _report_rows(other)
    assert [r[:7] for r in ribbon_rows] == [r[:7] for r in cli_rows]
    # the clerk fixes the value; the CLI restores the fill the ribbon recorded
    _edit(other, indicators, bad, 2445)
    W.write_report(other, validate(read_workbook(other)))
    assert _fill_color(other, indicators, bad) == L.INPUT_FILL.lstrip("#")


def test_fill_indicators_from_the_data_folder(workbook):
    (workbook.parent / live.DATA_FOLDER).mkdir()
    shutil.copy(SAMPLE_CSV, workbook.parent / live.DATA_FOLDER / "teir.csv")
    typed = _cell_of(workbook, "indicator", "resident_population", 2020)
    _edit(workbook, L.SHEETS.indicators, typed, 2500)  # the clerk's own value differs from the source
    run = run_macro(workbook, m.fill_indicators)

    hep = read_workbook(workbook).hep
    pop = hep.indicators["resident_population"]
    assert pop.values[2020] == 2500  # not overwritten
    assert pop.values[2021] == 2466 and pop.values[2024] == 2404
    assert hep.indicators["permanent_population.population"].values[2022] == 2488
    assert pop.source  # provenance written too
    assert len(run.alerts) == 1
    assert "kitöltve" in run.alerts[0]["prompt"] and "nem írtam felül" in run.alerts[0]["prompt"]


def test_fill_without_data_folder_explains_where_to_put_files(workbook, monkeypatch):
    monkeypatch.delenv("HEP_XL_DEBUG")  # as in Excel: the error becomes a message box
    before = read_workbook(workbook).hep
    run = run_macro(workbook, m.fill_indicators)
    assert [a["func"] for a in run.actions] == ["alert"]
    assert "Nincs adatfájl" in run.alerts[0]["prompt"] and live.DATA_FOLDER in run.alerts[0]["prompt"]
    assert read_workbook(workbook).hep == before


def test_export_json_beside_the_workbook(workbook):
    from hep_xl.export.json_doc import read_json

    run = run_macro(workbook, m.export_json)
    out = workbook.with_suffix(".json")
    assert out.is_file()
    assert read_json(out).settlement.name == "Példafalva"
    assert str(out) in run.alerts[0]["prompt"]


@pytest.mark.skipif(importlib.util.find_spec("hep_xl.export.docx_doc") is None,
                    reason="hep_xl.export.docx_doc (Word export, another issue) not there yet")
def test_export_word_beside_the_workbook(workbook):
    import docx

    run = run_macro(workbook, m.export_word)
    out = workbook.with_suffix(".docx")
    assert out.is_file()
    assert "Példafalva" in "\n".join(p.text for p in docx.Document(out).paragraphs)
    assert str(out) in run.alerts[0]["prompt"]


def test_not_a_hep_workbook_gives_a_hungarian_message_box(tmp_path, monkeypatch):
    monkeypatch.delenv("HEP_XL_DEBUG")
    path = tmp_path / "mas.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "valami más"
    wb.save(path)
    run = run_macro(path, m.validate)
    assert [a["func"] for a in run.actions] == ["alert"]
    assert run.alerts[0]["mode"] == "critical"
    assert "nem HEP-munkafüzet" in run.alerts[0]["prompt"]
    assert openpyxl.load_workbook(path).active["A1"].value == "valami más"


def test_harness_rejects_actions_it_does_not_know(workbook):
    with pytest.raises(UnknownAction):
        apply_actions(workbook, [{"func": "addChart", "args": [], "values": None, "sheet_position": 0,
                                  "start_row": 0, "start_column": 0, "row_count": 1, "column_count": 1}])


def test_live_source_reads_the_same_model_as_the_file_reader(tmp_path):
    """XlwingsSource over the remote engine == CalamineSource over the file (the sample HEP, with
    dates, "nincs adat", texts and every table)."""
    import xlwings as xw

    from hep_xl.excel.source import XlwingsSource
    from hep_xl.excel.xlsm import write_xlsm
    from hep_xl.sample import build_sample_hep
    from hep_xl.workbook.reader import read_source

    from .xlwings_harness import book_payload

    path = write_xlsm(build_sample_hep(), tmp_path / "minta.xlsm")
    live_result = read_source(XlwingsSource(xw.Book(json=book_payload(path))))
    file_result = read_workbook(path)
    assert live_result.hep == file_result.hep
    assert live_result.cells == file_result.cells
    assert live_result.issues == file_result.issues
    assert file_result.hep == build_sample_hep()
