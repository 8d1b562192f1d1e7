"""The reader on what clerks' workbooks really hold: a KSH code typed as a number, date cells that
hold a bare serial number in a 1904-date workbook, the same series twice in the Annex 1 table.

Workbooks are written by the real writer and edited with openpyxl as Excel would save the edit;
cells are found through the reader's own cell map, so the tests follow the layout."""

from __future__ import annotations

import datetime as dt
import zipfile

import openpyxl

from hep_xl.validate import validate
from hep_xl.workbook.reader import read_workbook
from hep_xl.workbook.writer import WriteOptions, write_workbook

from .test_validate_fixtures import clean_hep


def _cell(result, *key):
    ref = result.cell(*key)
    assert ref is not None, key
    return ref.sheet, ref.cell


def test_ksh_code_typed_as_a_number_keeps_its_leading_zero(tmp_path):
    hep = clean_hep()
    hep.settlement.ksh_code = "02820"  # Abaújlak
    path = tmp_path / "abaujlak.xlsx"
    write_workbook(hep, path)
    sheet, cell = _cell(read_workbook(path), "settlement", "ksh_code")
    wb = openpyxl.load_workbook(path)
    wb[sheet][cell].value = 2820  # Excel turns a typed 02820 into the number 2820
    wb[sheet][cell].number_format = "General"
    wb.save(path)
    result = read_workbook(path)
    assert result.hep.settlement.ksh_code == "02820"
    assert result.issues == []
    assert not [f for f in validate(result).findings if f.rule_id.startswith("SET-00") and f.rule_id != "SET-006"]


def test_serial_numbers_in_date_cells_of_a_1904_workbook_are_1904_dates(tmp_path):
    hep = clean_hep()
    path = tmp_path / "mac.xlsx"
    write_workbook(hep, path, options=WriteOptions(date_1904=True))
    first = read_workbook(path)
    s_sheet, s_cell = _cell(first, "settlement", "adoption_date")
    m_sheet, m_cell = _cell(first, "measures", 0, "deadline")
    wb = openpyxl.load_workbook(path)
    # the date format lost (pasted as values): the cells hold the 1904-system serials themselves
    for sheet, cell, serial in ((s_sheet, s_cell, 43887), (m_sheet, m_cell, 45106)):
        wb[sheet][cell].value = serial
        wb[sheet][cell].number_format = "General"
    wb.save(path)
    with zipfile.ZipFile(path) as zf:
        assert b'date1904="1"' in zf.read("xl/workbook.xml")
    result = read_workbook(path)
    assert result.date1904 is True
    # 43887 days after 1904-01-01 is 2024-02-27 (in the 1900 system it would be 2020-02-26)
    assert result.hep.settlement.adoption_date == dt.date(2024, 2, 27)
    assert result.hep.measures[0].deadline == dt.date(2027, 6, 30)
    assert result.issues == []


def test_serial_numbers_in_date_cells_of_a_1900_workbook(tmp_path):
    path = tmp_path / "win.xlsx"
    write_workbook(clean_hep(), path)
    first = read_workbook(path)
    sheet, cell = _cell(first, "settlement", "adoption_date")
    wb = openpyxl.load_workbook(path)
    wb[sheet][cell].value = 45349
    wb[sheet][cell].number_format = "General"
    wb.save(path)
    result = read_workbook(path)
    assert result.date1904 is False
    assert result.hep.settlement.adoption_date == dt.date(2024, 2, 27)


def test_a_series_row_given_twice_keeps_the_first_and_reports_the_second(tmp_path):
    hep = clean_hep()
    path = tmp_path / "ketszer.xlsx"
    write_workbook(hep, path)
    first = read_workbook(path)
    sid, other = "public_libraries", "housing_stock"
    assert sid in hep.indicators and other in hep.indicators
    dup_sheet, dup_cell = _cell(first, "indicator", other)
    first_row, second_row = int(_cell(first, "indicator", sid)[1][1:]), int(dup_cell[1:])
    assert first_row < second_row  # the duplicate is the later row
    wb = openpyxl.load_workbook(path)
    ws = wb[dup_sheet]
    ws[dup_cell].value = sid  # the clerk typed the libraries id over the housing row's id
    year_sheet, year_cell = _cell(first, "indicator", other, 2022)
    ws[year_cell].value = 999_999
    wb.save(path)
    result = read_workbook(path)
    assert result.hep.indicators[sid] == hep.indicators[sid]  # the first row's values, unchanged
    assert other not in result.hep.indicators
    (issue,) = result.issues
    assert (issue.sheet, issue.cell, issue.value) == (dup_sheet, dup_cell, sid)
    assert "kétszer szerepel" in issue.message and "az első sor számít" in issue.message
    # and the validator tells the clerk, pointing at the second row
    assert ("READ-001", f"{dup_sheet}!{dup_cell}") in {(f.rule_id, f.location) for f in validate(result).findings}
