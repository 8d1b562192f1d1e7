"""hep-xl fill end to end: the sample exports into a blank workbook, read back with the real reader."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from hep_xl.catalog import load_catalog
from hep_xl.cli import main
from hep_xl.excel.build import write_any
from hep_xl.model import NO_DATA
from hep_xl.sample import generate_indicators as gen
from hep_xl.sample.exports import make_exports
from hep_xl.workbook.reader import read_workbook
from hep_xl.workbook.writer import blank_hep

EXPORTS = [str(p) for p in make_exports.export_paths()]
DERIVED = set(make_exports.DERIVED)


def new_workbook(path: Path) -> Path:
    assert main(["new", "--settlement", "Példafalva", "--ksh-code", "10898", "--start-year", "2025",
                 "-o", str(path)]) == 0
    return path


@pytest.fixture(scope="module")
def filled(tmp_path_factory) -> tuple[Path, str]:
    wb = new_workbook(tmp_path_factory.mktemp("fill") / "peldafalva.xlsx")
    return wb, main(["fill", str(wb), *EXPORTS])


def test_sample_exports_fill_every_value(filled, capsys):
    wb, code = filled
    assert code == 0
    result = read_workbook(wb)
    assert result.issues == []
    expected = gen.compute()
    for sid, data in expected.items():
        series = result.hep.indicators[sid]
        for year, value in data["values"].items():
            got = series.values.get(year)
            if value is NO_DATA:
                assert got is NO_DATA, (sid, year)
            else:
                assert got == pytest.approx(value, abs=1e-9), (sid, year, got, value)


def test_sample_hep_values_are_what_the_exports_fill(filled):
    """The exports reproduce the sample settlement's Annex 1 exactly (build_sample_hep is the reference)."""
    from hep_xl.sample import build_sample_hep

    sample = build_sample_hep()
    hep = read_workbook(filled[0]).hep
    assert hep.years == sample.years
    for sid, series in sample.indicators.items():
        assert hep.indicators[sid].values == series.values, sid


def test_derived_values_and_provenance(filled):
    wb, _ = filled
    hep = read_workbook(wb).hep
    today = dt.date.today()
    for sid in DERIVED:
        s = hep.indicators[sid]
        assert s.note.startswith("számított: "), (sid, s.note)
        assert s.retrieved == today
    change = hep.indicators["resident_population_change"]
    assert change.values[2020] == 99.05  # 2497 / 2521 × 100, with 2019 read from the long CSV
    assert "2019: 2 521 (teir_nepesseg_hosszu.csv)" in change.note
    assert hep.indicators["ageing_index"].values[2024] == 146.07
    male_rate = hep.indicators["unemployment_rate_by_sex.male_rate"]
    assert male_rate.values[2020] == 9.42  # 78 / 828 × 100
    assert male_rate.source == "ksh_munkaugy_oktatas_szeles.csv; teir_nepesseg_hosszu.csv"
    assert hep.indicators["special_needs_kindergarten_demand_ratio"].values[2023] == 83.33
    # plain series: the file and the rows it came from
    pop = hep.indicators["resident_population"]
    assert pop.source == "teir_nepesseg_hosszu.csv"
    assert pop.note == "betöltve: teir_nepesseg_hosszu.csv (3–7. sor)"
    assert pop.retrieved == today
    libs = hep.indicators["public_libraries"]
    assert libs.source == "teir_ellatasok_szeles.xlsx"
    assert libs.note == "betöltve: teir_ellatasok_szeles.xlsx (Adatok!A4)"
    holdings = hep.indicators["public_library_holdings"]
    assert holdings.values[2020] == 11240 and holdings.source == "ksh_munkaugy_oktatas_szeles.csv"
    # a "no data" value from the export says so in the note (the situation analysis lists data gaps)
    adult = next(s for s in hep.indicators.values() if s.values.get(2024) is NO_DATA and
                 load_catalog().series_by_id[s.series_id].indicator_number == 33)
    assert adult.note == "betöltve: ksh_munkaugy_oktatas_szeles.csv (44. sor); nincs adat a forrásban: 2024"


def test_no_annex1_completeness_errors_after_fill(filled):
    import hep_xl.validate as validate_mod

    wb, _ = filled
    report = validate_mod.validate(read_workbook(wb))
    annex1 = [f for f in report.findings if validate_mod.RULES[f.rule_id].area == "annex1"
              and f.severity is validate_mod.Severity.ERROR]
    assert annex1 == [], [f.text() for f in annex1]
    assert report.scores["annex1"] == 1.0


def test_second_fill_changes_nothing(filled, tmp_path, capsys):
    wb, _ = filled
    copy = tmp_path / "again.xlsx"
    shutil.copy(wb, copy)
    before = copy.read_bytes()
    assert main(["fill", str(copy), *EXPORTS]) == 0
    out = capsys.readouterr().out
    assert "0 érték került be" in out and "változatlan: 505" in out
    assert copy.read_bytes() == before  # nothing to write: the file is not even rewritten


def test_dry_run_leaves_file_identical(tmp_path, capsys):
    wb = new_workbook(tmp_path / "dry.xlsx")
    before = wb.read_bytes()
    assert main(["fill", "--dry-run", str(wb), *EXPORTS]) == 0
    out = capsys.readouterr().out
    assert wb.read_bytes() == before
    assert "505 érték kerülne be" in out and "a munkafüzet nem változott (--dry-run)" in out
    assert "1. Mutatók!F5  resident_population 2020: 2 497  [teir_nepesseg_hosszu.csv, 3. sor]" in out
    assert read_workbook(wb).hep.indicators == {}


def _clerk_workbook(path: Path) -> Path:
    hep = blank_hep("Példafalva", "12344", 2025)
    s = hep.series("resident_population")
    s.values.update({2020: 2500, 2021: 2466})  # 2020 differs from the export (2497), 2021 equal
    s.source, s.note = "saját nyilvántartás", "a jegyző adata"
    hep.series("ageing_index").values[2020] = 120  # differs from the derived 125.95
    write_any(hep, path)
    return path


def test_conflicts_keep_the_clerks_values(tmp_path, capsys):
    wb = _clerk_workbook(tmp_path / "clerk.xlsx")
    assert main(["fill", str(wb), *EXPORTS]) == 1  # conflicts are findings
    out = capsys.readouterr().out
    assert "Ütközések" in out
    assert "resident_population 2020: munkafüzetben 2 500, forrásban 2 497" in out
    assert "ageing_index 2020: munkafüzetben 120, forrásban 125,95" in out
    hep = read_workbook(wb).hep
    pop = hep.indicators["resident_population"]
    assert pop.values[2020] == 2500 and pop.values[2022] == 2445
    # the clerk's source and note are kept, ours appended
    assert pop.source == "saját nyilvántartás; teir_nepesseg_hosszu.csv"
    assert pop.note.startswith("a jegyző adata; betöltve: teir_nepesseg_hosszu.csv")
    assert hep.indicators["ageing_index"].values[2020] == 120
    assert hep.indicators["ageing_index"].values[2021] == 130.17
    # the derived change uses the clerk's 2020 population (kept), not the export's
    assert hep.indicators["resident_population_change"].values[2021] == round(2466 / 2500 * 100, 2)


def test_overwrite_replaces_the_clerks_values(tmp_path, capsys):
    wb = _clerk_workbook(tmp_path / "clerk.xlsx")
    assert main(["fill", "--overwrite", str(wb), *EXPORTS]) == 0
    hep = read_workbook(wb).hep
    assert hep.indicators["resident_population"].values[2020] == 2497
    assert hep.indicators["ageing_index"].values[2020] == 125.95
    assert hep.indicators["resident_population_change"].values[2021] == 98.76


def test_inserted_rows_and_columns_are_respected(tmp_path):
    """The clerk inserted a row above the table and a column inside it: cells come from the reader."""
    import openpyxl

    wb_path = new_workbook(tmp_path / "moved.xlsx")
    wb = openpyxl.load_workbook(wb_path)
    ws = wb["1. Mutatók"]
    table = ws.tables["Mutatok"]
    ws.insert_rows(1)
    ws.insert_cols(3)  # a column of the clerk's own inside the table
    first, last = table.ref.split(":")
    col_first = first.rstrip("0123456789")
    row_first, row_last = int(first[len(col_first):]) + 1, int(last.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) + 1
    from openpyxl.utils import column_index_from_string, get_column_letter
    from openpyxl.worksheet.table import TableColumn
    col_last = get_column_letter(column_index_from_string(last.rstrip("0123456789")) + 1)
    table.ref = f"{col_first}{row_first}:{col_last}{row_last}"
    table.tableColumns.insert(2, TableColumn(id=len(table.tableColumns) + 1, name="Saját megjegyzés"))
    for i, c in enumerate(table.tableColumns, start=1):
        c.id = i
    ws.cell(row_first, 3, "Saját megjegyzés")
    table.autoFilter.ref = table.ref
    wb.save(wb_path)
    before = read_workbook(wb_path)
    assert before.cells[("indicator", "resident_population", 2020)].cell == "G6"
    assert main(["fill", str(wb_path), *EXPORTS]) == 0
    after = read_workbook(wb_path)
    assert after.hep.indicators["resident_population"].values[2020] == 2497
    assert after.hep.indicators["resident_population_change"].values[2020] == 99.05
    ws = openpyxl.load_workbook(wb_path)["1. Mutatók"]
    assert ws["G6"].value == 2497 and ws["C6"].value is None


def test_xlsm_keeps_its_vba_project(tmp_path):
    import zipfile

    wb = tmp_path / "makro.xlsm"
    write_any(blank_hep("Példafalva", "12344", 2025), wb)
    with zipfile.ZipFile(wb) as zf:
        vba_before = zf.read("xl/vbaProject.bin")
    assert main(["fill", str(wb), *EXPORTS]) == 0
    with zipfile.ZipFile(wb) as zf:
        assert zf.read("xl/vbaProject.bin") == vba_before
    assert read_workbook(wb).hep.indicators["resident_population"].values[2024] == 2404


def test_committed_exports_match_the_generator(tmp_path):
    written = make_exports.write_all(tmp_path)
    for new, committed in zip(written, make_exports.export_paths()):
        assert new.read_bytes() == committed.read_bytes(), (
            f"{committed.name} is out of date: run python -m hep_xl.sample.exports.make_exports")


def test_export_shapes_are_what_the_issue_asks_for():
    long_csv, wide_csv, xlsx = make_exports.export_paths()
    text = long_csv.read_bytes().decode("utf-8")
    assert text.splitlines()[0].split(",")[2:7] == ["Mutató azonosító", "Mutató", "Mértékegység", "Év", "Érték"]
    raw = wide_csv.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    wide = raw.decode("cp1250")
    assert ";11 240;" in wide and ";92,6;" in wide and "Megnevezés;2020. év" in wide
    assert xlsx.read_bytes()[:2] == b"PK"
