"""hep-xl fill on the clerk's own values: a derived value the clerk typed counts as equal to ours
only within the workbook's rounding (half a hundredth), never more."""

from __future__ import annotations

from hep_xl.cli import main
from hep_xl.excel.build import write_any
from hep_xl.sample.exports import make_exports
from hep_xl.workbook.reader import read_workbook
from hep_xl.workbook.writer import blank_hep

EXPORTS = [str(p) for p in make_exports.export_paths()]
# from the sample exports: ageing index 2020 = (65-X shares) / (0-14 shares) × 100 = 125.95 (rounded)
COMPUTED_2020 = 125.95


def _workbook_with_ageing_index(path, value):
    hep = blank_hep("Példafalva", "12344", 2025)
    hep.series("ageing_index").values[2020] = value
    write_any(hep, path)
    return path


def test_a_derived_value_within_rounding_is_the_same_value(tmp_path, capsys):
    wb = _workbook_with_ageing_index(tmp_path / "kerekitett.xlsx", 125.954)  # 125.95 to two decimals
    assert main(["fill", str(wb), *EXPORTS]) == 0
    out = capsys.readouterr().out
    assert "ütközés: 0" in out and "Ütközések" not in out
    assert read_workbook(wb).hep.indicators["ageing_index"].values[2020] == 125.954  # the clerk's, kept


def test_a_derived_value_one_hundredth_off_is_a_conflict(tmp_path, capsys):
    wb = _workbook_with_ageing_index(tmp_path / "elteres.xlsx", 125.96)
    assert main(["fill", str(wb), *EXPORTS]) == 1
    out = capsys.readouterr().out
    assert "ageing_index 2020: munkafüzetben 125,96, forrásban 125,95" in out
    assert "ütközés: 1" in out
    assert read_workbook(wb).hep.indicators["ageing_index"].values[2020] == 125.96
