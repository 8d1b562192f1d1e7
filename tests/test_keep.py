"""What openpyxl would lose when ``fill`` or ``validate --write-back`` rewrites the clerk's file:
the sparklines, rows that fit their text, and the size of the cell notes (hep_xl.workbook.keep)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl

from hep_xl.sample import build_sample_hep
from hep_xl.validate import validate
from hep_xl.validate.writeback import write_report
from hep_xl.workbook import keep
from hep_xl.workbook.edit import edit_workbook
from hep_xl.workbook.reader import read_workbook
from hep_xl.workbook.writer import write_workbook

INDICATORS = "1. Mutatók"


def _part(path: Path, sheet: str) -> str:
    with zipfile.ZipFile(path) as zf:
        return keep._sheet_parts(zf)[sheet]


def _xml(path: Path, part: str) -> bytes:
    with zipfile.ZipFile(path) as zf:
        return zf.read(part)


def _vml(path: Path, sheet: str) -> bytes:
    with zipfile.ZipFile(path) as zf:
        return zf.read(keep._vml_part(zf, _part(path, sheet)))


def _fixed_rows(xml: bytes) -> int:
    return len(re.findall(rb"<row\b[^>]*customHeight=\"1\"", xml))


def test_the_writer_fits_rows_as_excel_does(tmp_path):
    """Heights without customHeight: Excel fits such a row again when its text changes."""
    path = write_workbook(build_sample_hep(), tmp_path / "minta.xlsx")
    xml = _xml(path, _part(path, "2. Helyzetelemzés"))
    assert re.search(rb'<row\b[^>]* ht="', xml) and _fixed_rows(xml) == 0


def test_openpyxl_alone_loses_them(tmp_path):
    """The reason for hep_xl.workbook.keep: a plain openpyxl save drops all three."""
    path = write_workbook(build_sample_hep(), tmp_path / "minta.xlsx")
    before = _xml(path, _part(path, INDICATORS))
    assert keep.SPARKLINE_EXT_URI.encode() in before
    wb = openpyxl.load_workbook(path)
    wb.save(tmp_path / "openpyxl.xlsx")
    after = _xml(tmp_path / "openpyxl.xlsx", _part(tmp_path / "openpyxl.xlsx", INDICATORS))
    assert keep.SPARKLINE_EXT_URI.encode() not in after
    assert _fixed_rows(after) > 0


def test_an_edit_keeps_sparklines_fitted_rows_and_note_sizes(tmp_path):
    path = write_workbook(build_sample_hep(), tmp_path / "minta.xlsx")
    part = _part(path, INDICATORS)
    sparklines = keep.snapshot(path)[INDICATORS].sparklines
    vml = _vml(path, INDICATORS)
    with edit_workbook(path) as wb:
        wb["Településadatok"]["B6"] = "Hajdú-Bihar"
    xml = _xml(path, part if part in zipfile.ZipFile(path).namelist() else _part(path, INDICATORS))
    assert sparklines and sparklines in xml
    assert _fixed_rows(xml) == 0
    assert _vml(path, INDICATORS) == vml  # the notes keep their boxes
    assert read_workbook(path).hep.settlement.county == "Hajdú-Bihar"
    # and so does the validator's write-back
    write_report(path, validate(read_workbook(path)))
    xml = _xml(path, _part(path, INDICATORS))
    assert sparklines in xml and _fixed_rows(xml) == 0


def test_a_file_openpyxl_cannot_describe_is_left_alone(tmp_path):
    junk = tmp_path / "nem.xlsx"
    junk.write_bytes(b"nem zip")
    assert keep.snapshot(junk) == {}
    keep.restore(junk, {})
    assert junk.read_bytes() == b"nem zip"
