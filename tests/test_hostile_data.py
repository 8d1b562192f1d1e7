"""Hostile TeIR/KSH data files given to ``hep-xl fill``: one bad file is skipped with its reason
and the others are filled; bombs and oversized files are refused before they are read, with
bounded memory; the duplicate-row messages name the rows they contradict."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from hep_xl.cli import main
from hep_xl.excel.build import write_any
from hep_xl.sample import build_sample_hep
from hep_xl.sample.exports.make_exports import export_paths
from hep_xl.workbook.reader import read_workbook

from .hostile import LEAKS, run_cli

LONG_CSV, WIDE_CSV, WIDE_XLSX = export_paths()


@pytest.fixture
def to_fill(tmp_path) -> Path:
    hep = build_sample_hep()
    hep.indicators = {}
    path = tmp_path / "ures.xlsx"
    write_any(hep, path)
    return path


def _filled_values(path: Path) -> int:
    return sum(len(s.values) for s in read_workbook(path).hep.indicators.values())


def test_a_csv_field_over_128_kib_skips_that_file_only(to_fill, tmp_path, capfd):
    bad = tmp_path / "oriasmezo.csv"
    bad.write_text("Mutató;2023;2024\nLakónépesség;" + "1" * 200_000 + ";2430\n", encoding="utf-8")
    code = main(["fill", str(to_fill), str(bad), str(LONG_CSV)])
    out, err = capfd.readouterr()
    assert code == 1, (out, err)
    assert "oriasmezo.csv" in out and "128 KiB" in out and "a fájl kimaradt" in out, out
    assert not any(leak in out + err for leak in LEAKS) and "field limit" not in out
    assert _filled_values(to_fill) > 100  # the good file was filled


def test_a_csv_with_too_many_rows_is_refused_before_parsing(to_fill, tmp_path):
    big = tmp_path / "orszagos.csv"
    with open(big, "w", encoding="utf-8") as fh:
        fh.write("Mutató;Település;2024\n")
        line = "Lakónépesség;Másikfalva;1234\n"
        fh.write(line * 150_000)
    run = run_cli("fill", to_fill, big, LONG_CSV)
    run.assert_clean()
    assert run.code == 1 and "orszagos.csv" in run.out and "100 000 sort" in run.out, run.out
    assert run.out.count("\n") < 50  # not a line per source row
    assert run.seconds < 20 and run.peak_mb < 500


def test_a_data_file_over_the_size_limit_is_refused_unread(to_fill, tmp_path):
    big = tmp_path / "hatalmas.csv"
    with open(big, "wb") as fh:
        fh.truncate(40 * 1024 * 1024)  # sparse: 40 MiB of nothing
    run = run_cli("fill", to_fill, big, LONG_CSV)
    run.assert_clean()
    assert run.code == 1 and "hatalmas.csv" in run.out and "MiB" in run.out, run.out
    assert run.peak_mb < 500 and run.seconds < 20


def test_a_zip_bomb_given_as_data_file_is_refused_with_bounded_memory(to_fill, tmp_path):
    bomb = tmp_path / "bomba.xlsx"
    with zipfile.ZipFile(WIDE_XLSX) as zi, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zo:
        for info in zi.infolist():
            if info.filename.startswith("xl/worksheets/sheet1"):
                target = zipfile.ZipInfo(info.filename)
                target.compress_type = zipfile.ZIP_DEFLATED
                with zo.open(target, "w", force_zip64=True) as fh:
                    fh.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                             b"<sheetData>")
                    chunk = b"<row>" + b"<c><v>1</v></c>" * 1000 + b"</row>"
                    for _ in range(20_000):  # 300 MB of cells
                        fh.write(chunk)
                    fh.write(b"</sheetData></worksheet>")
            else:
                zo.writestr(info.filename, zi.read(info))
    assert bomb.stat().st_size < 5_000_000
    run = run_cli("fill", to_fill, bomb, LONG_CSV)
    run.assert_clean()
    assert run.code == 1 and "bomba.xlsx" in run.out and "a fájl kimaradt" in run.out, run.out
    assert run.peak_mb < 500 and run.seconds < 30


@pytest.mark.parametrize("damage", ["header_only_table", "date_minus_1e308", "dense_range", "not_a_zip"])
def test_a_data_workbook_that_would_crash_the_reader_is_skipped(damage, to_fill, tmp_path, capfd):
    bad = tmp_path / f"{damage}.xlsx"
    with zipfile.ZipFile(WIDE_XLSX) as zi:
        parts = {i.filename: zi.read(i) for i in zi.infolist()}
    sheet = next(n for n in parts if n.startswith("xl/worksheets/sheet"))
    if damage == "date_minus_1e308":
        parts[sheet] = parts[sheet].replace(b"</sheetData>", b'<row r="900"><c r="B900" s="2"><v>-1e308</v></c>'
                                                             b"</row></sheetData>")
        parts["xl/styles.xml"] = parts["xl/styles.xml"].replace(  # style 2: a date (numFmt 14)
            b'<cellXfs count="2">', b'<cellXfs count="3">').replace(
            b"</cellXfs>", b'<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
                           b"</cellXfs>")
    elif damage == "dense_range":
        parts[sheet] = parts[sheet].replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c>'
                                                             b"</row></sheetData>")
    elif damage == "header_only_table":
        parts[sheet] = parts[sheet].replace(b"<sheetData>", b'<sheetData><row r="1"><c r="A1"><v>1</v></c></row>', 1)
    if damage == "not_a_zip":
        bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2000)
    else:
        with zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as zo:
            for name, data in parts.items():
                zo.writestr(name, data)
    code = main(["fill", str(to_fill), str(bad), str(LONG_CSV)])
    out, err = capfd.readouterr()
    assert code in (0, 1), (out, err)
    assert not any(leak in out + err for leak in LEAKS), (out, err)
    assert _filled_values(to_fill) > 100


def test_third_and_later_contradicting_rows_name_the_row_they_contradict(to_fill, tmp_path, capsys):
    src = tmp_path / "ismetelt.csv"
    src.write_text("Azonosító;Év;Érték\n" + "".join(f"resident_population;2024;{v}\n"
                                                     for v in (2430, 2431, 2432, 2433)), encoding="utf-8")
    assert main(["fill", str(to_fill), str(src)]) == 1
    out = capsys.readouterr().out
    assert "?" not in out.replace("melyik érték?", "")
    for line in (3, 4, 5):
        assert f"ismetelt.csv, {line}. sor" in out
    assert out.count("ismetelt.csv, 2. sor szerint") == 3, out
