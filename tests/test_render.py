"""The generated workbook opens without repair in LibreOffice and prints every sheet sensibly."""

from __future__ import annotations

from pathlib import Path

import pytest

from hep_xl.workbook import layout as L

from .render import convert, have_pdftools, page_count, pdf_text, to_pdf

pytestmark = pytest.mark.skipif(not have_pdftools(), reason="LibreOffice/poppler nincs telepítve")


def test_blank_workbook_renders_in_libreoffice(blank_workbook: Path, tmp_path: Path):
    pdf = to_pdf(blank_workbook, tmp_path)
    pages = page_count(pdf)
    # at 100 % in page-wide bands (tests/test_print_layout.py measures the type): a few pages per sheet
    assert 12 <= pages <= 60, pages
    text = pdf_text(pdf)
    # every visible sheet printed (its name is in the page header), the hidden meta sheet not
    for key in ("overview", "instructions", "settlement", "indicators", "checklist", "conclusions", "action_plan",
                "forum", "forum_meetings", "forum_groups", "frame", "report"):
        assert getattr(L.SHEETS, key) in text, key
    assert L.SHEETS.meta not in text
    assert "Lakónépesség száma" in text and "Következtetések" in text
    assert "Az intézkedés címe" in text and "megnevezése" in text  # (the heading wraps in its column)


def test_a_workbook_saved_by_libreoffice_reads_the_same(tmp_path: Path):
    """Clerks without Excel save with LibreOffice Calc: tables, defined names and values survive."""
    from hep_xl.sample import build_sample_hep
    from hep_xl.workbook.reader import read_workbook
    from hep_xl.workbook.writer import write_workbook

    src = tmp_path / "in" / "peldafalva.xlsx"
    src.parent.mkdir()
    write_workbook(build_sample_hep(), src)
    saved = read_workbook(convert(src, tmp_path / "out", "xlsx:Calc MS Excel 2007 XML"))
    assert saved.issues == []
    assert saved.hep == read_workbook(src).hep
