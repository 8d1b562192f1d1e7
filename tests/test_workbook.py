"""The generated workbook: structure, Excel features, reading back, clerk-typed input, robustness."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest

from hep_xl.catalog import load_catalog
from hep_xl.cli import main
from hep_xl.model import NO_DATA, ForumMember, Hep, IndicatorSeries, Measure, Problem
from hep_xl.workbook import layout as L
from hep_xl.workbook.reader import HepReadError, read_workbook
from hep_xl.workbook.writer import WriteOptions, blank_hep, write_workbook

from .excel_edits import insert_rows, insert_table_column


def test_new_writes_hungarian_workbook_with_excel_features(tmp_path: Path):
    out = tmp_path / "kishaza.xlsx"
    assert main(["new", "--settlement", "Kisháza", "--ksh-code", "10898", "--start-year", "2025",
                 "-o", str(out)]) == 0
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == [getattr(L.SHEETS, k) for k in (
        "overview", "instructions", "settlement", "indicators", "checklist", "conclusions", "action_plan", "progress",
        "forum", "forum_meetings", "forum_groups", "forum_reports", "frame", "report", "meta")]
    assert all(len(n) <= 31 for n in wb.sheetnames)
    assert wb[L.SHEETS.meta].sheet_state == "hidden"
    cat = load_catalog()
    ind = wb[L.SHEETS.indicators]
    table = ind.tables[L.INDICATORS_TABLE]
    # one row per series row and a heading row above the rows of each indicator that has more than
    # one, years 2020-2024 as columns
    min_row, max_row = ind[table.ref][0][0].row, ind[table.ref][-1][0].row
    assert max_row - min_row == len(cat.series_rows) + sum(len(i.rows) > 1 for i in cat.indicators)
    headers = [c.value for c in ind[table.ref][0]]
    assert headers[len(L.IND_LEFT):len(L.IND_LEFT) + 5] == ["2020", "2021", "2022", "2023", "2024"]
    # every table exists where the reader looks for it
    all_tables = {name for ws in wb.worksheets for name in ws.tables}
    assert {L.INDICATORS_TABLE, L.CHECKLIST_TABLE, L.PROBLEMS_TABLE, L.MEMBERS_TABLE, L.MEETINGS_TABLE,
            L.WORKING_GROUPS_TABLE, *(L.measures_table(g.id) for g in cat.target_groups)} <= all_tables
    # action-plan headings are the decree's, lettered A–J
    ap = wb[L.SHEETS.action_plan]
    t1 = ap.tables[L.measures_table("I")]
    ap_headers = [c.value for c in ap[t1.ref][0]]
    assert ap_headers[0] == "Intézkedés sorszáma"
    assert ap_headers[1] == "A) Az intézkedés címe, megnevezése"
    assert ap_headers[len(cat.columns) - 1] == "J) Az intézkedés eredményeinek fenntarthatósága"
    assert ap_headers[len(cat.columns):] == [L.MEASURE_FORM_COLUMNS[i][1] for i in range(3)]  # the detail form's
    # dropdowns and number validation
    chk = wb[L.SHEETS.checklist]
    assert any(dv.type == "list" and L.LIST_STATUSES in dv.formula1 for dv in chk.data_validations.dataValidation)
    kinds = {dv.type for dv in ind.data_validations.dataValidation}
    assert kinds == {"custom", "date", None}  # the values; the day retrieved; source and note (guidance only)
    assert any(dv.type == "list" and L.LIST_PROBLEM_IDS in dv.formula1
               for dv in ap.data_validations.dataValidation)
    # locked labels, unlocked inputs, protection without password, frozen header, print setup
    for ws in (ind, chk, ap, wb[L.SHEETS.settlement], wb[L.SHEETS.forum], wb[L.SHEETS.forum_meetings],
               wb[L.SHEETS.forum_groups], wb[L.SHEETS.conclusions], wb[L.SHEETS.frame]):
        assert ws.protection.sheet and not ws.protection.password
        assert ws.page_setup.paperSize == 9
        # printed at 100 %, not shrunk to a page's width: the bands across are the writer's decision
        assert not ws.sheet_properties.pageSetUpPr or not ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.page_setup.scale in (None, 100)
    first_data = min_row + 1
    assert ind.cell(first_data, 1).protection.locked  # the id label
    assert ind.column_dimensions["A"].hidden  # the ids are the reader's, not the clerk's
    assert not ind.cell(first_data, len(L.IND_LEFT) + 1).protection.locked  # the first year cell
    assert ind.freeze_panes == "C5"
    assert ind.page_setup.orientation == "landscape"
    assert ind.print_title_rows == "$4:$4" and ind.print_title_cols == "$A:$B"
    # defined names for key cells
    assert wb.defined_names["hep_settlement_name"].attr_text == "'Településadatok'!$B$4"
    assert wb[L.SHEETS.settlement]["B4"].value == "Kisháza"


def test_catalog_cli_lists_everything(capsys):
    assert main(["catalog", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    inds = data["annex1"]["indicators"]
    assert len(inds) == 62
    assert sum(len(i["series"]) for i in inds) == 91
    assert [c["number"] for c in data["annex2"]["chapters"]] == [str(n) for n in range(1, 10)]
    assert [c["letter"] for c in data["annex3"]["columns"]] == [None, *"ABCDEFGHIJ"]
    assert [g["id"] for g in data["annex3"]["target_groups"]] == ["I", "II", "III", "IV", "V"]
    assert main(["catalog"]) == 0
    assert "62 mutató" in capsys.readouterr().out


def _fill(path: Path, edits: dict[tuple[str, str], object]) -> None:
    wb = openpyxl.load_workbook(path)
    for (sheet, cell), value in edits.items():
        wb[sheet][cell] = value
    wb.save(path)


def test_reader_normalises_what_clerks_type(blank_workbook: Path):
    s = L.SHEETS
    # row 5 = first series (resident_population), year columns F..J = 2020..2024, then the trend,
    # the source (L) and the day retrieved (M)
    _fill(blank_workbook, {
        (s.indicators, "F5"): "2 412",
        (s.indicators, "G5"): "2\u00a0398",
        (s.indicators, "H5"): "n.a.",
        (s.indicators, "I5"): "–",
        (s.indicators, "J5"): 2371,
        (s.indicators, "F6"): "99,42",
        (s.indicators, "G6"): "1.234",  # ambiguous: thousands dot or decimal point
        (s.indicators, "L5"): "  TeIR letöltés  ",
        (s.indicators, "M5"): "2025. január 15.",
        (s.settlement, "B6"): "Borsod-Abaúj-Zemplén   ",
        (s.settlement, "B7"): "2 412",
        (s.settlement, "B10"): "2025.02.26",
        (s.settlement, "B8"): "2025.",
    })
    r = read_workbook(blank_workbook)
    pop = r.hep.indicators["resident_population"]
    assert pop.values == {2020: 2412, 2021: 2398, 2022: NO_DATA, 2023: NO_DATA, 2024: 2371}
    assert pop.source == "TeIR letöltés" and pop.retrieved == dt.date(2025, 1, 15)
    change = r.hep.indicators["resident_population_change"]
    assert change.values == {2020: 99.42}
    assert [(i.sheet, i.cell, i.field) for i in r.issues] == [
        (s.indicators, "G6", "resident_population_change/2021")]
    assert "nem egyértelmű" in r.issues[0].message
    st = r.hep.settlement
    assert (st.county, st.population, st.adoption_date, st.period_start) == (
        "Borsod-Abaúj-Zemplén", 2412, dt.date(2025, 2, 26), 2025)
    assert str(r.cell("indicator", "resident_population", 2022)) == f"{s.indicators}!H5"


def _model_with_records() -> Hep:
    hep = blank_hep("Kisháza", "12344", 2025)
    hep.indicators["resident_population"] = IndicatorSeries(
        "resident_population", {2020: 2412, 2024: 2371.5}, "TeIR", dt.date(2025, 1, 15), "becslés")
    hep.problems = [Problem(f"I-{n}", "I", f"Probléma {n}") for n in (1, 2, 3)]
    hep.measures = [Measure("I", 1, "Első", "I-1", deadline=dt.date(2027, 6, 30)),
                    Measure("I", 2, "Második", "I-2", deadline="2027. június 30."),
                    Measure("III", 1, "Harmadik", "I-3")]
    hep.forum.members = [ForumMember("Kiss Anna", "mayor", "Önkormányzat"),
                         ForumMember("Nagy Béla", "tiszteletbeli elnök")]
    return hep


def test_reader_survives_inserted_rows_columns_sorting_and_blank_rows(tmp_path: Path):
    path = tmp_path / "clerk.xlsx"
    hep = _model_with_records()
    write_workbook(hep, path)
    assert read_workbook(path).hep == hep
    wb = openpyxl.load_workbook(path)
    s = L.SHEETS
    insert_rows(wb, s.settlement, 5, 2)          # two rows above most settlement fields
    insert_rows(wb, s.indicators, 3, 1)          # a row above the whole indicators table
    insert_rows(wb, s.indicators, 8, 3)          # three blank rows inside the table
    insert_table_column(wb, s.indicators, L.INDICATORS_TABLE, "I", "Saját megjegyzés")
    insert_rows(wb, s.conclusions, 6, 2)         # blank rows between problems
    insert_rows(wb, s.action_plan, 2, 4)         # everything below moves down
    # sort the problems table descending by id (as the clerk's sort button does)
    ws = wb[s.conclusions]
    ref = ws.tables[L.PROBLEMS_TABLE].ref
    rows = [[c.value for c in row] for row in ws[ref][1:]]
    filled = sorted((r for r in rows if any(v not in (None, "") for v in r)), key=lambda r: r[0], reverse=True)
    for i, row in enumerate(ws[ref][1:]):
        for c, cell in enumerate(row):
            cell.value = filled[i][c] if i < len(filled) else None
    wb.save(path)

    r = read_workbook(path)
    got = r.hep
    assert got.settlement == hep.settlement
    assert got.indicators == hep.indicators
    assert [p.problem_id for p in got.problems] == ["I-3", "I-2", "I-1"]
    assert sorted(got.problems, key=lambda p: p.problem_id) == hep.problems
    assert got.measures == hep.measures and got.forum == hep.forum
    # references follow the moves: the table header is now on row 5, data from row 6,
    # and the inserted column shifted 2024 from J to K
    assert str(r.cell("indicator", "resident_population", 2020)) == f"{s.indicators}!F6"
    assert str(r.cell("indicator", "resident_population", 2024)) == f"{s.indicators}!K6"
    assert str(r.cell("settlement", "name")) == f"{s.settlement}!B4"
    assert str(r.cell("settlement", "county")) == f"{s.settlement}!B8"
    assert r.cell("measures", 0, "title").cell == "B11"  # heading row 3, group I from row 5


def test_1904_date_system(tmp_path: Path):
    hep = _model_with_records()
    hep.settlement.adoption_date = dt.date(2025, 2, 26)
    hep.settlement.review_dates = [dt.date(2027, 2, 24)]
    path = tmp_path / "mac.xlsx"
    write_workbook(hep, path, options=WriteOptions(date_1904=True))
    with __import__("zipfile").ZipFile(path) as zf:
        assert b'date1904="1"' in zf.read("xl/workbook.xml")
    assert read_workbook(path).hep == hep


def test_openpyxl_round_trip_keeps_everything(tmp_path: Path):
    path = tmp_path / "a.xlsx"
    hep = _model_with_records()
    write_workbook(hep, path)
    wb = openpyxl.load_workbook(path)
    wb.save(tmp_path / "b.xlsx")
    assert read_workbook(tmp_path / "b.xlsx").hep == hep


def test_not_a_hep_workbook_gets_a_clear_message(tmp_path: Path, blank_workbook: Path):
    plain = tmp_path / "plain.xlsx"
    openpyxl.Workbook().save(plain)
    with pytest.raises(HepReadError, match="nem HEP-munkafüzet"):
        read_workbook(plain)
    junk = tmp_path / "junk.xlsx"
    junk.write_text("ez nem munkafüzet")
    wb = openpyxl.load_workbook(blank_workbook)
    wb[L.SHEETS.meta]["B1"] = "99"
    newer = tmp_path / "newer.xlsx"
    wb.save(newer)
    with pytest.raises(HepReadError, match="ismeretlen sablonverzió: „99”"):
        read_workbook(newer)
    with pytest.raises(HepReadError, match="nem olvasható Excel-munkafüzet"):
        read_workbook(junk)
    with pytest.raises(HepReadError, match="nem található"):
        read_workbook(tmp_path / "nincs.xlsx")


def test_new_refuses_bad_arguments(tmp_path: Path, capsys):
    assert main(["new", "--settlement", "X", "--ksh-code", "10898", "--start-year", "2025",
                 "--history-years", "3", "-o", str(tmp_path / "x.xlsx")]) == 2
    assert "legalább 5" in capsys.readouterr().err
    assert main(["new", "--settlement", "X", "--ksh-code", "10898", "--start-year", "2025",
                 "-o", str(tmp_path / "x.csv")]) == 2
    assert not (tmp_path / "x.csv").exists() and not (tmp_path / "x.xlsx").exists()


def test_committed_template_is_up_to_date(tmp_path: Path):
    from hep_xl.template_build import TEMPLATE_DIR, TEMPLATES, build_templates, parts

    fresh = build_templates(tmp_path)
    for path in fresh:
        committed = TEMPLATE_DIR / path.name
        assert committed.exists(), f"{committed} hiányzik: futtassa a `make template` parancsot"
        assert parts(committed) == parts(path), f"{committed} elavult: futtassa a `make template` parancsot"
    assert {p.name for p in fresh} == set(TEMPLATES)


def test_a1_conversions_agree_with_xlsxwriter():
    from xlsxwriter.utility import xl_cell_to_rowcol, xl_rowcol_to_cell

    from hep_xl.workbook.a1 import from_a1, to_a1

    for row, col in [(0, 0), (3, 25), (9, 26), (99, 51), (1048575, 701), (5, 702), (0, 16383)]:
        ref = xl_rowcol_to_cell(row, col)
        assert to_a1(row, col) == ref
        assert from_a1(ref) == xl_cell_to_rowcol(ref) == (row, col)
    assert from_a1("$AB$12") == (11, 27)


def test_new_never_overwrites_a_workbook_without_force(tmp_path: Path, capsys):
    out = tmp_path / "kitoltott.xlsx"
    args = ["new", "--settlement", "X", "--ksh-code", "10898", "--start-year", "2025", "-o", str(out)]
    assert main(args) == 0
    before = out.read_bytes()
    assert main(args) == 2
    assert "már létezik" in capsys.readouterr().err and out.read_bytes() == before
    assert main([*args, "--force"]) == 0
    assert main([*args[:-2], "--history-years", "1000", "-o", str(tmp_path / "sok.xlsx"), "--force"]) == 2


def test_outputs_get_the_users_permissions_and_bad_paths_exit_2(tmp_path: Path, capsys):
    import os
    import stat

    old = os.umask(0o022)
    try:
        out = tmp_path / "megosztott.xlsx"
        assert main(["new", "--settlement", "X", "--ksh-code", "10898", "--start-year", "2025", "-o", str(out)]) == 0
        assert stat.S_IMODE(out.stat().st_mode) == 0o644  # not the private 0600 of a temp file
    finally:
        os.umask(old)
    blocker = tmp_path / "fajl"
    blocker.write_text("x")
    assert main(["new", "--settlement", "X", "--ksh-code", "10898", "--start-year", "2025",
                 "-o", str(blocker / "x.xlsx")]) == 2
    err = capsys.readouterr().err
    assert "nem olvasható vagy nem írható" in err and "Traceback" not in err


def test_review_dates_point_at_their_own_cells(tmp_path: Path):
    hep = blank_hep("Kisháza", "12344", 2025)
    path = tmp_path / "r.xlsx"
    write_workbook(hep, path)
    wb = openpyxl.load_workbook(path)
    wb[L.SHEETS.settlement]["B13"] = dt.datetime(2031, 1, 1)  # 2nd review given, 1st left blank
    wb.save(path)
    r = read_workbook(path)
    assert r.hep.settlement.review_dates == [dt.date(2031, 1, 1)]
    assert str(r.cell("settlement", "review_dates", 0)) == f"{L.SHEETS.settlement}!B13"


def test_a_year_out_of_range_is_a_read_issue_not_a_crash(blank_workbook: Path):
    from hep_xl.validate import validate

    _fill(blank_workbook, {(L.SHEETS.settlement, "B8"): 10000})
    r = read_workbook(blank_workbook)
    assert r.hep.settlement.period_start is None
    assert [(i.cell, i.field) for i in r.issues] == [("B8", "period_start")]
    assert ("READ-001", "B8") in {(f.rule_id, f.cell) for f in validate(r).findings}
