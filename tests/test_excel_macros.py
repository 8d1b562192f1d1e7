"""The ribbon macros, run for real through xlwings' remote engine (tests/xlwings_harness.py):
the workbook file becomes an xlwings payload, the macro runs, its actions are applied back to the
file with openpyxl, and the assertions read the file again."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import openpyxl
import pytest

import hep_xl.macros as m
from hep_xl.excel.build import build_new
from hep_xl.workbook import SHEET_ORDER
from hep_xl.workbook import layout as L
from hep_xl.workbook.reader import read_workbook

from .excel_check import check_xlsm
from .xlwings_harness import NOT_CHANGES, ExcelRefused, UnknownAction, apply_actions, changes_of, run_macro

SAMPLE_CSV = Path(__file__).resolve().parents[1] / "hep_xl" / "sample" / "indicators.csv"
REPORT = L.SHEETS.report
FIRST_ROW = 5  # the report: title, summary, blank, header (row 4), one finding a row from row 5
# Excel's built-in cell-style fills: "Bad" (errors), "Neutral" (warnings); info rows "20% - Accent1"
RED, AMBER, BLUE = "FFC7CE", "FFEB9C", "DDEBF7"
INPUT = "FFFDE7"  # the template's fill of input cells (light yellow), what a highlight goes back to
HEADERS = ["Súlyosság", "Szabály", "Munkalap", "Cella", "Mező", "Érték", "Üzenet"]


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
    return [r for r in ws.iter_rows(min_row=FIRST_ROW, values_only=True) if any(r)]


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
    assert [h.value for h in openpyxl.load_workbook(workbook)[REPORT][4]][:7] == HEADERS
    mine = [r for r in rows if r[2] == indicators and r[3] == bad]
    assert mine and mine[0][1] == "READ-001" and mine[0][0] == "hiba"
    # the link in the Cella column jumps to that cell
    ws = openpyxl.load_workbook(workbook)[REPORT]
    row = FIRST_ROW + rows.index(mine[0])
    link = ws.cell(row, 4).hyperlink
    assert link is not None and link.location == f"'{indicators}'!{bad}"
    assert ws.cell(row, 4).value == bad
    # the cell is highlighted light red (Excel's "Bad" style fill); the summary and message box tell counts
    assert _fill_color(workbook, indicators, bad) == "FFC7CE"
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
    assert _fill_color(workbook, indicators, bad) == INPUT
    links = [c.hyperlink for c in openpyxl.load_workbook(workbook)[REPORT]["D"][FIRST_ROW - 1:]
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
    assert _fill_color(other, indicators, bad) == INPUT


def test_fill_indicators_from_the_data_folder(workbook):
    (workbook.parent / "adatok").mkdir()
    shutil.copy(SAMPLE_CSV, workbook.parent / "adatok" / "teir.csv")
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
    assert [a["func"] for a in run.actions if a["func"] != "setStatusBar"] == ["alert"]
    assert run.status_bar is False
    assert "Nincs adatfájl" in run.alerts[0]["prompt"] and "adatok" in run.alerts[0]["prompt"]
    assert read_workbook(workbook).hep == before


def test_export_json_beside_the_workbook(workbook):
    from hep_xl.export.json_doc import read_json

    run = run_macro(workbook, m.export_json)
    out = workbook.with_suffix(".json")
    assert out.is_file()
    assert read_json(out).settlement.name == "Példafalva"
    assert str(out) in run.alerts[0]["prompt"]


def test_export_word_beside_the_workbook(workbook):
    import docx

    run = run_macro(workbook, m.export_word)
    out = workbook.with_suffix(".docx")
    assert out.is_file()
    assert "Példafalva" in "\n".join(p.text for p in docx.Document(out).paragraphs)
    assert str(out) in run.alerts[0]["prompt"]


def test_export_report_beside_the_workbook(workbook):
    """Beszámoló: the implementation report as ``hep-xl export report`` writes it, beside the workbook."""
    import docx

    from hep_xl.export.docx_doc import report_path

    run = run_macro(workbook, m.export_report)
    out = report_path(workbook)
    assert out.name == workbook.stem + "_beszamolo.docx" and out.is_file()
    text = "\n".join(p.text for p in docx.Document(out).paragraphs)
    assert "Beszámoló a Helyi Esélyegyenlőségi Program intézkedési tervének megvalósulásáról" in text
    assert "A HEP Fórum javaslata a képviselő-testületnek" in text
    assert run.alerts[0]["title"] == "HEP – Beszámoló" and str(out) in run.alerts[0]["prompt"]


def test_export_report_refuses_a_year_outside_the_programme(workbook, monkeypatch):
    from hep_xl.export.docx_doc import report_path

    monkeypatch.delenv("HEP_XL_DEBUG")
    run = run_macro(workbook, m.export_report, year=2040)
    assert run.alerts[0]["mode"] == "critical" and "2040" in run.alerts[0]["prompt"]
    assert "2025–2029" in run.alerts[0]["prompt"] and not report_path(workbook).exists()


def test_not_a_hep_workbook_gives_a_hungarian_message_box(tmp_path, monkeypatch):
    monkeypatch.delenv("HEP_XL_DEBUG")
    path = tmp_path / "mas.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "valami más"
    wb.save(path)
    run = run_macro(path, m.validate)
    assert [a["func"] for a in run.actions if a["func"] != "setStatusBar"] == ["alert"]
    assert run.alerts[0]["mode"] == "critical" and run.status_bar is False
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
    assert check_xlsm(path) == []
    live_result = read_source(XlwingsSource(xw.Book(json=book_payload(path))))
    file_result = read_workbook(path)
    assert live_result.hep == file_result.hep
    assert live_result.cells == file_result.cells
    assert live_result.issues == file_result.issues
    assert file_result.hep == build_sample_hep()


# -- one report writer for the ribbon and the CLI -------------------------------------------------------

def _mixed(workbook: Path) -> dict[str, str]:
    """A workbook with an error, a warning and an info finding; returns severity -> offending cell."""
    from hep_xl.excel.build import write_any

    from .test_validate_fixtures import clean_hep

    hep = clean_hep()
    hep.settlement.ksh_code = "12345"  # SET-003 (error): wrong check digit
    hep.settlement.population += 100  # SET-010 (warning): differs from indicator 1 of the last year
    hep.settlement.resolution_number = ""  # SET-006 (info): adoption data missing
    write_any(hep, workbook)
    from hep_xl.validate import validate

    cells = {}
    for f in validate(read_workbook(workbook)).findings:
        cells.setdefault(f.severity.value, (f.sheet, f.cell))
    assert set(cells) == {"error", "warning", "info"}, cells
    return cells


def _cell_state(c) -> tuple:
    fill = c.fill.fgColor.rgb[-6:].upper() if c.fill is not None and c.fill.fill_type == "solid" else None
    return (None if c.value == "" else c.value, fill, bool(c.font.b), c.font.name, c.font.sz, c.number_format,
            bool(c.alignment.wrap_text), c.alignment.vertical, c.hyperlink.location if c.hyperlink else None)


_CHECKED_AT = re.compile(r"\d{4}\.\d\d\.\d\d\. \d\d:\d\d")


def _workbook_state(path: Path, skip_summary: bool = True) -> dict:
    """Every cell's value and format on every sheet, the report's column widths and the marks."""
    wb = openpyxl.load_workbook(path)
    out = {}
    for ws in wb.worksheets:
        cells = {c.coordinate: _cell_state(c) for row in ws.iter_rows() for c in row
                 if c.value not in (None, "") or c.has_style}
        if skip_summary:  # "Ellenőrizve: <date time> – …" (report and overview sheets): the minute may differ
            cells = {k: (_CHECKED_AT.sub("ÉÉÉÉ.HH.NN. ÓÓ:PP", v[0]), *v[1:])
                     if isinstance(v[0], str) and v[0].startswith("Ellenőrizve:") else v for k, v in cells.items()}
        out[ws.title] = {k: v for k, v in cells.items() if v[1:] != (None, False, "Calibri", 11.0, "General",
                                                                          False, None, None) or v[0] is not None}
        if ws.title == REPORT:
            out[ws.title]["widths"] = {k: d.width for k, d in ws.column_dimensions.items() if k in ("I", "J")}
    return out


def test_ribbon_and_cli_write_the_same_report_cell_for_cell(tmp_path):
    from hep_xl.validate import validate
    from hep_xl.validate import writeback as W

    ribbon = tmp_path / "szalag.xlsx"
    _mixed(ribbon)
    cli = tmp_path / "parancssor.xlsx"
    shutil.copy(ribbon, cli)
    run_macro(ribbon, m.validate)
    W.write_report(cli, validate(read_workbook(cli)))
    assert _workbook_state(ribbon) == _workbook_state(cli)
    # and again, each on top of the other's report: marks and highlights cleaned up the same way
    run_macro(cli, m.validate)
    W.write_report(ribbon, validate(read_workbook(ribbon)))
    assert _workbook_state(ribbon) == _workbook_state(cli)


@pytest.mark.parametrize("writer", ["ribbon", "cli"])
def test_highlights_are_red_for_errors_and_amber_for_warnings(writer, tmp_path):
    from hep_xl.validate import validate
    from hep_xl.validate import writeback as W

    path = tmp_path / "hep.xlsx"
    cells = _mixed(path)
    if writer == "ribbon":
        run_macro(path, m.validate)
    else:
        W.write_report(path, validate(read_workbook(path)))
    assert _fill_color(path, *cells["error"]) == RED
    assert _fill_color(path, *cells["warning"]) == AMBER
    assert _fill_color(path, *cells["info"]) == INPUT  # info is not highlighted
    ws = openpyxl.load_workbook(path)[REPORT]
    severity_fill = {ws.cell(r, 1).value: _fill_color(path, REPORT, f"A{r}") for r in range(FIRST_ROW, ws.max_row + 1)
                     if ws.cell(r, 1).value}
    assert severity_fill == {"hiba": RED, "figyelmeztetés": AMBER, "tájékoztatás": BLUE}


# -- failing part-way, and the status bar -------------------------------------------------------------

def _fills(path: Path) -> dict:
    """Every filled cell outside the report sheet, and the marks."""
    wb = openpyxl.load_workbook(path)
    out = {ws.title: {c.coordinate: _cell_state(c)[1] for row in ws.iter_rows() for c in row if _cell_state(c)[1]}
           for ws in wb.worksheets if ws.title != REPORT}
    out["marks"] = [c.value for c in wb[L.SHEETS.meta]["K"] if c.value]
    return out


def _failure_points(run) -> list[int]:
    """The writes of a validate run to refuse, each in turn: the first write on every sheet, every
    write outside the report and overview sheets (the highlights and the marks, whose order
    matters), the second and the last one. (Refusing each of template version 2's 60-odd writes took
    four minutes; a refused value, font or width further down the report or the overview leaves the
    highlights as the first refused write there does.)"""
    changes = [a for a in run.actions if a["func"] not in NOT_CHANGES]
    report_like = {SHEET_ORDER.index(REPORT), SHEET_ORDER.index(L.SHEETS.overview)}
    points, seen = {1, 2, len(changes)}, set()
    for k, a in enumerate(changes, start=1):
        sheet = a.get("sheet_position")
        if sheet not in seen or sheet not in report_like:
            points.add(k)
        seen.add(sheet)
    assert len(points) < len(changes)
    return sorted(points)


def test_a_failure_part_way_is_cleaned_up_by_the_next_run_and_the_status_bar_is_restored(tmp_path, monkeypatch):
    """Excel refuses one write of the validate macro — each kind in turn (:func:`_failure_points`).
    The status bar is given back every time and the clerk gets a message; a failure at the first
    write leaves the workbook exactly as it was; after any failure, the clerk fixes the value and runs
    Ellenőrzés again, and no highlight is left behind (the marks always record what is highlighted)."""
    monkeypatch.delenv("HEP_XL_DEBUG")  # as in Excel: the error becomes a message box
    base = tmp_path / "alap.xlsx"
    cells = _mixed(base)
    err_sheet, err_cell = cells["error"]
    run_macro(base, m.validate)  # run 1: the wrong KSH code is highlighted and recorded
    assert _fill_color(base, err_sheet, err_cell) == RED
    # the clerk fixes the KSH code but types an ambiguous number elsewhere: findings move
    bad = _cell_of(base, "indicator", "resident_population", 2022)
    from .test_validate_fixtures import clean_hep

    _edit(base, err_sheet, err_cell, clean_hep().settlement.ksh_code)  # the fixture settlement's right code
    _edit(base, L.SHEETS.indicators, bad, "12,3,4")
    # the same without a failure: run 2, the clerk fixes the second value, run 3
    probe = tmp_path / "probe.xlsx"
    shutil.copy(base, probe)
    clean = run_macro(probe, m.validate)
    total = changes_of(clean)
    assert total > 10
    _edit(probe, L.SHEETS.indicators, bad, 2445)
    run_macro(probe, m.validate)
    expected = _fills(probe)
    assert expected[cells["warning"][0]][cells["warning"][1]] == AMBER  # the warning is still there
    assert expected[err_sheet][err_cell] == INPUT
    before = _workbook_state(base, skip_summary=False)
    for k in _failure_points(clean):
        path = tmp_path / f"hiba{k}.xlsx"
        shutil.copy(base, path)
        run = run_macro(path, m.validate, fail_at=k)
        assert run.status_bar is False, k
        assert len(run.alerts) == 1 and "Váratlan hiba" in run.alerts[0]["prompt"], k
        assert "ExcelRefused" in run.alerts[0]["prompt"], k
        if k == 1:
            assert _workbook_state(path, skip_summary=False) == before
        # the clerk fixes the second value too, and runs Ellenőrzés again
        _edit(path, L.SHEETS.indicators, bad, 2445)
        run_macro(path, m.validate)
        assert _fills(path) == expected, f"after a failure at change {k}"


def test_the_status_bar_is_restored_after_success_and_after_an_error(workbook, monkeypatch):
    run = run_macro(workbook, m.validate)
    assert run.statuses[0].startswith("HEP:") and run.status_bar is False
    run = run_macro(workbook, m.export_json)
    assert run.status_bar is False
    with pytest.raises(ExcelRefused):  # HEP_XL_DEBUG: the error reaches the test after Excel's state
        run_macro(workbook, m.validate, fail_at=3)
    monkeypatch.delenv("HEP_XL_DEBUG")
    run = run_macro(workbook, m.validate, fail_at=3)
    assert run.status_bar is False and run.alerts[0]["mode"] == "critical"


def test_fill_writes_nothing_when_excel_refuses_the_first_value(workbook, monkeypatch):
    monkeypatch.delenv("HEP_XL_DEBUG")
    (workbook.parent / "adatok").mkdir()
    shutil.copy(SAMPLE_CSV, workbook.parent / "adatok" / "teir.csv")
    before = read_workbook(workbook).hep
    run = run_macro(workbook, m.fill_indicators, fail_at=1)
    assert read_workbook(workbook).hep == before
    assert run.status_bar is False and "Váratlan hiba" in run.alerts[0]["prompt"]
    assert run.statuses[-2] == "HEP: a mutatók beírása…"  # it failed at the write step, after planning
