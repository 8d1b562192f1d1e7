"""Every sheet printed on A4 as a clerk prints it for the Fórum: rendered by LibreOffice headless,
measured on the PDF (word boxes of ``pdftotext -bbox``), per sheet, for the blank workbook, the
filled sample (validated, its report written back) and a workbook with ten broken cells.

A page belongs to the sheet its header names; a sheet's body text (header and footer aside) has a
median glyph height of at least 9 pt (10-pt Calibri printed at 100 % measures about 13 pt; the
workbooks of template version 1 measured 4–6 pt on the indicator and action-plan sheets)."""

from __future__ import annotations

import re

import pytest

from hep_xl.cli import main
from hep_xl.excel.build import write_any
from hep_xl.model import NO_DATA
from hep_xl.sample import build_sample_hep
from hep_xl.workbook import SHEETS

from .render import convert_many, have_pdftools, median_glyph_height, pages_by_sheet, pdf_pages
from .test_validate_fixtures import clean_hep

pytestmark = pytest.mark.skipif(not have_pdftools(), reason="LibreOffice/poppler nincs telepítve")

VISIBLE = [getattr(SHEETS, f) for f in SHEETS.__dataclass_fields__ if f != "meta"]
MIN_GLYPH_PT = 9.0


def broken_hep():
    """Ten broken cells, each a finding in the report."""
    hep = clean_hep()
    hep.settlement.ksh_code = "12345"  # wrong check digit
    hep.settlement.county = ""  # required
    hep.indicators["permanent_population.male_share"].values[2022] = 148.3  # a percentage over 100
    hep.indicators["housing_stock"].values[2023] = 12.5  # a count with a fraction
    hep.indicators["nursery_enrolled"].values[2021] = NO_DATA  # no data, no note why
    hep.checklist["3.1"].status = "kész?"  # not a status of the list
    hep.checklist["4.1"].narrative = ""  # no narrative
    hep.measures[0].deadline = "jövőre"  # not a date
    hep.measures[1].responsible = ""  # nobody responsible
    hep.forum.meetings[0].minutes_ref = ""  # no minutes
    return hep


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, dict]:
    folder = tmp_path_factory.mktemp("nyomtatas")
    blank = folder / "ures.xlsx"
    assert main(["new", "--settlement", "Példafalva", "--ksh-code", "10898", "--start-year", "2025",
                 "-o", str(blank)]) == 0
    filled = write_any(build_sample_hep(), folder / "minta.xlsx")
    broken = write_any(broken_hep(), folder / "hibas.xlsx")
    assert main(["validate", "--write-back", str(filled)]) == 0
    assert main(["validate", "--write-back", str(broken)]) == 1
    out = {}
    for name, pdf in zip(("blank", "filled", "broken"), convert_many([blank, filled, broken], folder)):
        pages = pdf_pages(pdf)
        out[name] = {"pdf": pdf, "pages": pages, "sheets": pages_by_sheet(pages, VISIBLE)}
    return out


@pytest.mark.parametrize("which", ["blank", "filled", "broken"])
def test_every_sheet_prints_at_readable_size(rendered, which):
    sheets = rendered[which]["sheets"]
    assert set(sheets) == set(VISIBLE), set(VISIBLE) - set(sheets)  # every sheet printed, the meta sheet not
    sizes = {name: round(median_glyph_height(pages), 1) for name, pages in sheets.items()}
    small = {name: size for name, size in sizes.items() if size < MIN_GLYPH_PT}
    assert not small, f"{which}: {small} (all: {sizes})"


@pytest.mark.parametrize("which", ["blank", "filled"])
def test_headers_and_footers_name_the_settlement_the_sheet_and_the_page(rendered, which):
    pages = rendered[which]["pages"]
    total = len(pages)
    for page in pages:
        assert "Példafalva" in page.header, page.header
        assert f"oldal {page.number} / {total}" in page.footer, page.footer


def test_internal_ids_are_not_printed(rendered):
    for which in ("blank", "filled"):
        text = " ".join(w.text for p in rendered[which]["pages"] for w in p.words)
        assert "permanent_population" not in text and "resident_population" not in text


def test_wide_sheets_print_landscape_in_bands_with_the_labels_repeated(rendered):
    sheets = rendered["filled"]["sheets"]
    for name in (SHEETS.indicators, SHEETS.checklist, SHEETS.action_plan, SHEETS.progress, SHEETS.forum_meetings,
                 SHEETS.frame, SHEETS.report):
        assert all(p.width > p.height for p in sheets[name]), name
    for name in (SHEETS.overview, SHEETS.instructions, SHEETS.settlement, SHEETS.forum, SHEETS.forum_groups,
                 SHEETS.forum_reports):
        assert all(p.width < p.height for p in sheets[name]), name
    # the indicator sheet: the years on one band, the sources on the next; the label column and the
    # header row on every page of both
    pages = sheets[SHEETS.indicators]
    texts = [" ".join(w.text for w in p.body) for p in pages]
    assert all("Mutató" in t for t in texts)
    with_years = [t for t in texts if "2020" in t and "2024" in t]
    with_sources = [t for t in texts if "Adatforrás" in t and "Megjegyzés" in t]
    assert with_years and with_sources and not set(with_years) & set(with_sources)
    assert sum("Lakónépesség száma" in t for t in texts) == 2  # the first row's label on both bands
    # the action plan: its heading row on every page, each target group from a new page
    plan = [" ".join(w.text for w in p.body) for p in sheets[SHEETS.action_plan]]
    assert all("sorszáma" in t for t in plan)
    starts = [t for t in plan if re.search(r"\b(I|II|III|IV|V)\. A\b", t)]
    assert len(starts) >= 5
    # the action plan's detail-form columns on a band of their own, beside the measure's name
    form = [t for t in plan if "Partnerek" in t]
    assert form and all("Kockázatok" in t and "határideje" not in t for t in form)
    # the Fórum: members, meetings and working groups each on a sheet of its own, its header on every
    # page; the document frame's texts, its header too
    for name, header in ((SHEETS.forum, "Szerep a Fórumban"), (SHEETS.forum_meetings, "Napirend, döntések"),
                         (SHEETS.forum_groups, "Utolsó beszámoló dátuma"), (SHEETS.frame, "Útmutató"),
                         (SHEETS.forum_reports, "összefoglalója"), (SHEETS.progress, "Állapot")):
        texts = [" ".join(w.text for w in p.body) for p in sheets[name]]
        assert texts and all(header in t for t in texts), name


def test_the_report_of_ten_broken_cells_reads_well(rendered):
    """One finding per row, wrapped and readable, the summary above the table, Hungarian field
    labels, never the model's English keys."""
    pages = rendered["broken"]["sheets"][SHEETS.report]
    assert median_glyph_height(pages) >= MIN_GLYPH_PT
    text = " ".join(w.text for p in pages for w in p.words)
    for label in ("KSH településazonosító", "Vármegye", "Állapot", "Kifejtés", "felelőse", "határideje",
                  "Jegyzőkönyv"):
        assert label in text, label
    for key in ("ksh_code", "county", "male_share", "housing_stock", "narrative", "minutes_ref", "deadline"):
        assert key not in text, key
    assert "hiányzik" in text and "(„”)" not in text
    # the summary and the completeness stand above the table's header row
    first = pages[0]
    y_summary = min(w.y0 for w in first.body if w.text == "Ellenőrizve:")
    y_teljesseg = min(w.y0 for w in first.body if w.text == "Teljesség:")
    y_header = min(w.y0 for w in first.body if w.text == "Súlyosság")
    assert y_summary < y_header and y_teljesseg < y_header
    # no two findings overprint: the rows' words do not overlap
    for p in pages:
        boxes = sorted((w for w in p.body), key=lambda w: (w.y0, w.x0))
        for a, b in zip(boxes, boxes[1:]):
            if abs(a.x0 - b.x0) < 1 and a.text and b.text and a is not b:
                assert not (a.y0 < b.y0 < a.y1 - 2), (a, b)


def test_the_overview_shows_completeness_counts_and_charts(rendered):
    pages = rendered["filled"]["sheets"][SHEETS.overview]
    text = " ".join(w.text for p in pages for w in p.words)
    assert "Teljesség mellékletenként" in text and "Megállapítások munkalaponként" in text
    assert "Összesen" in text and "100%" in text
    assert "A lakónépesség száma az év végén" in text and "Öregedési index" in text  # the catalog's charts


def test_a_long_settlement_name_keeps_every_header_within_excels_255_characters(tmp_path, recwarn):
    """Excel refuses a header or footer longer than 255 characters (xlsxwriter warns and leaves it out):
    a long name is shortened with an ellipsis and the sheet's name and the page stay."""
    import openpyxl

    hep = build_sample_hep()
    hep.settlement.name = "Árvíztűrő-Tükörfúrógép-" * 15  # 345 characters
    path = write_any(hep, tmp_path / "hosszu.xlsx")
    assert not [w for w in recwarn if "255" in str(w.message)]
    printed = [ws for ws in openpyxl.load_workbook(path).worksheets if ws.sheet_state == "visible"]
    assert len(printed) >= 8
    for ws in printed:
        header = ws.oddHeader
        text = f"&L{header.left.text or ''}&C{header.center.text or ''}&R{header.right.text or ''}"
        assert header.left.text and "…" in header.left.text, ws.title
        assert len(text) <= 255, (ws.title, len(text))
        assert header.center.text and "&A" in header.center.text, ws.title
