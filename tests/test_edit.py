"""Editing a clerk's workbook in place: nothing is lost, nothing half-written."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from hep_xl.excel.build import write_any
from hep_xl.excel.ribbon import read_ribbon
from hep_xl.validate import validate
from hep_xl.validate.writeback import write_report
from hep_xl.workbook import layout as L
from hep_xl.workbook.edit import WorkbookEditError, edit_workbook
from hep_xl.workbook.reader import read_workbook
from hep_xl.workbook.writer import blank_hep


def test_xlsm_keeps_vba_and_ribbon_link_after_an_edit(tmp_path: Path):
    path = tmp_path / "hep.xlsm"
    write_any(blank_hep("Példafalva", "12344", 2025), path)
    xml_before, linked_before = read_ribbon(path)
    assert xml_before and linked_before
    with edit_workbook(path) as wb:
        wb[L.SHEETS.settlement]["B6"] = "Borsod-Abaúj-Zemplén"
    xml_after, linked_after = read_ribbon(path)
    assert xml_after == xml_before and linked_after
    wb = openpyxl.load_workbook(path, keep_vba=True)
    assert wb.vba_archive is not None and "xl/vbaProject.bin" in wb.vba_archive.namelist()
    assert read_workbook(path).hep.settlement.county == "Borsod-Abaúj-Zemplén"


def test_failed_edit_leaves_the_file_untouched(tmp_path: Path, blank_workbook: Path):
    before = blank_workbook.read_bytes()
    with pytest.raises(RuntimeError), edit_workbook(blank_workbook) as wb:
        wb[L.SHEETS.settlement]["B6"] = "x"
        raise RuntimeError("félbeszakadt")
    assert blank_workbook.read_bytes() == before
    assert [p.name for p in blank_workbook.parent.iterdir()] == [blank_workbook.name]
    junk = tmp_path / "junk.xlsx"
    junk.write_text("nem munkafüzet")
    with pytest.raises(WorkbookEditError, match="nem nyitható meg írásra"), edit_workbook(junk):
        pass


def test_report_keeps_a_clerks_equals_sign_as_text(blank_workbook: Path):
    with edit_workbook(blank_workbook) as wb:
        cell = wb[L.SHEETS.settlement]["B5"]
        cell.value = "=1+1"
        cell.data_type = "s"
    result = read_workbook(blank_workbook)
    assert result.hep.settlement.ksh_code == "=1+1"
    report = validate(result)
    write_report(blank_workbook, report, result)
    ws = openpyxl.load_workbook(blank_workbook)[L.SHEETS.report]
    values = [c for row in ws.iter_rows(min_row=5) for c in row if c.value == "=1+1"]
    assert values and all(c.data_type == "s" for c in values)


def test_a_read_only_workbook_is_not_replaced(blank_workbook: Path):
    import os

    before = blank_workbook.read_bytes()
    os.chmod(blank_workbook, 0o444)
    try:
        with pytest.raises(WorkbookEditError, match="írásvédett"), edit_workbook(blank_workbook) as wb:
            wb[L.SHEETS.settlement]["B6"] = "x"
        assert blank_workbook.read_bytes() == before
    finally:
        os.chmod(blank_workbook, 0o644)
