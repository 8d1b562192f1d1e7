"""--write-back after the clerk worked on the highlighted cells: what the clerk changed stays."""

from __future__ import annotations

from openpyxl import load_workbook
from openpyxl.styles import PatternFill

from hep_xl.cli import main
from hep_xl.excel.build import write_any
from hep_xl.validate.writeback import HIGHLIGHT, read_marks

from .test_validate_writeback import MARKED, S, broken_hep

GREEN = "FF92D050"  # the clerk's own "checked" colour, not one of our highlights


def test_a_cell_the_clerk_recoloured_and_corrected_is_left_as_the_clerk_made_it(tmp_path, capsys):
    path = tmp_path / "hep.xlsx"
    write_any(broken_hep(), path)
    assert main(["validate", str(path), "--write-back"]) == 1
    assert set(read_marks(path)) == MARKED
    assert GREEN not in HIGHLIGHT.values()
    wb = load_workbook(path)
    cell = wb[S]["B5"]  # SET-003: the KSH code, highlighted red
    assert cell.fill.fgColor.rgb in HIGHLIGHT.values()
    cell.value = "26213"  # corrected (the fixture settlement's code)…
    cell.fill = PatternFill("solid", fgColor=GREEN, bgColor=GREEN)  # …and marked green by the clerk
    wb.save(path)
    main(["validate", str(path), "--write-back"])
    capsys.readouterr()
    wb = load_workbook(path)
    cell = wb[S]["B5"]
    assert cell.value == "26213"
    assert cell.fill.patternType == "solid" and cell.fill.fgColor.rgb == GREEN  # not restored over the clerk's fill
    assert (S, "B5") not in set(read_marks(path))
    assert set(read_marks(path)) == MARKED - {(S, "B5")}
