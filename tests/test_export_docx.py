"""Word export: structure and content read back with python-docx; one LibreOffice render (PDF/A-2b)."""

from __future__ import annotations

import datetime as dt
import subprocess

import docx
import pytest
from docx.oxml.ns import qn

from hep_xl.catalog import load_catalog
from hep_xl.cli import main as cli_main
from hep_xl.export.docx_doc import NBSP, format_date, format_number, write_docx
from hep_xl.model import NO_DATA, ChecklistEntry, IndicatorSeries, Measure
from hep_xl.sample import build_sample_hep
from hep_xl.excel.build import write_any
from hep_xl.workbook.writer import blank_hep

from .conftest import needs_soffice

CAT = load_catalog()


def test_hungarian_number_and_date_formatting():
    assert format_number(1234.5) == f"1{NBSP}234,5"
    assert format_number(1234567) == f"1{NBSP}234{NBSP}567"
    assert format_number(12.0) == "12"
    assert format_number(0.25) == "0,25"
    assert format_number(-1500) == f"−1{NBSP}500"
    assert format_number(NO_DATA) == "nincs adat"
    assert format_number(None) == "nincs adat"
    assert format_date(dt.date(2027, 6, 30)) == "2027. június 30."
    assert format_date("folyamatos") == "folyamatos"


@pytest.fixture(scope="module")
def sample_docx(tmp_path_factory):
    d = tmp_path_factory.mktemp("docx")
    hep = build_sample_hep()
    # awkward text: control characters, a very long cell, a "no data" value
    hep.checklist["1.1"] = ChecklistEntry("1.1", "kész", "Első\x00 bekezdés\x1f vége.\nMásodik bekezdés.", "")
    hep.measures.append(Measure("V", 99, "Hosszú intézkedés", content="árvíztűrő tükörfúrógép " * 1500,
                                deadline="folyamatos"))
    hep.indicators["resident_population"] = IndicatorSeries(
        "resident_population", {hep.years[0]: 1234567, hep.years[1]: NO_DATA}, "KSH TeIR", dt.date(2024, 1, 15))
    wb = d / "minta.xlsx"
    write_any(hep, wb)
    out = d / "minta.docx"
    assert cli_main(["export", "docx", str(wb), "-o", str(out)]) == 0
    return hep, out


def _headings(doc, level):
    return [p.text for p in doc.paragraphs if p.style.name == f"Heading {level}"]


def test_docx_structure_follows_the_catalog(sample_docx):
    hep, path = sample_docx
    doc = docx.Document(str(path))
    h1 = _headings(doc, 1)
    assert h1 == [f"{c.number}. {c.title}" for c in CAT.chapters] + [CAT.action_plan_title, CAT.forum_title]
    h2 = _headings(doc, 2)
    assert "3.2 " + CAT.checklist_by_id["3.2"].text in h2
    assert f"I. {CAT.target_groups[0].name}" in h2
    assert any(h.startswith("a) ") for h in _headings(doc, 3))
    # title page
    texts = [p.text for p in doc.paragraphs[:20]]
    assert hep.settlement.name in texts
    assert any(hep.settlement.resolution_number in t for t in texts)
    assert any(t == f"{hep.settlement.period_start}–{hep.settlement.period_end}" for t in texts)
    # automatic table of contents field
    instr = [el.text for el in doc.element.body.iter(qn("w:instrText"))]
    assert any(t.strip().startswith("TOC") for t in instr)
    # narrative, with control characters removed and paragraphs kept
    all_text = "\n".join(p.text for p in doc.paragraphs)
    assert "Első bekezdés vége." in all_text and "Második bekezdés." in all_text
    # three sections: portrait, landscape action plan, portrait Fórum; page numbers in the footer
    orient = [s.orientation for s in doc.sections]
    assert [int(o) for o in orient] == [0, 1, 0]
    assert doc.sections[1].page_width > doc.sections[1].page_height
    footer_xml = doc.sections[0].footer._element.xml
    assert "PAGE" in footer_xml
    assert all(not s.footer.is_linked_to_previous or s.footer._element.xml == footer_xml for s in doc.sections)


def test_indicator_tables_sit_in_their_sections(sample_docx):
    hep, path = sample_docx
    doc = docx.Document(str(path))
    body = doc.element.body
    current, placed = None, {}
    for el in body.iterchildren():
        if el.tag == qn("w:p"):
            style = el.find(qn("w:pPr") + "/" + qn("w:pStyle"))
            if style is not None and style.get(qn("w:val")) in ("Heading2", "Heading3"):
                current = "".join(t.text or "" for t in el.iter(qn("w:t")))
            text = "".join(t.text or "" for t in el.iter(qn("w:t")))
            if "számú mutató:" in text:
                placed.setdefault(int(text.split(".")[0]), []).append(current)
    for ind in CAT.indicators:
        headings = placed.get(ind.number, [])
        assert len(headings) == len(ind.sections), ind.number
        for sec, heading in zip(ind.sections, headings):
            assert heading.startswith(sec + " ") or heading.split(")")[0] == sec.rsplit(".", 1)[-1], (ind.number, sec)
    # the resident population table: years as columns, Hungarian numbers, "nincs adat", source line
    tables = doc.tables
    t = next(t for t in tables if t.rows[1].cells[0].text == CAT.indicators[0].rows[0].name)
    header = [c.text for c in t.rows[0].cells]
    assert header == ["Megnevezés", "Mértékegység", *(str(y) for y in hep.years)]
    row = [c.text for c in t.rows[1].cells]
    assert row[2] == f"1{NBSP}234{NBSP}567" and row[3] == "nincs adat"
    assert "Forrás: KSH TeIR; lekérés: 2024. január 15." in [p.text for p in doc.paragraphs]


def test_action_plan_tables_have_decree_columns_and_repeated_headers(sample_docx):
    hep, path = sample_docx
    doc = docx.Document(str(path))
    labels = [c.label for c in CAT.columns]
    plan = [t for t in doc.tables if [c.text for c in t.rows[0].cells] == labels]
    groups_with_measures = [g for g in CAT.target_groups if hep.measures_of(g.id)]
    assert len(plan) == len(groups_with_measures)
    for t, g in zip(plan, groups_with_measures):
        assert t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        assert len(t.rows) == 1 + len(hep.measures_of(g.id))
    long_row = plan[-1].rows[-1]
    assert long_row.cells[0].text == "99" and long_row.cells[7].text == "folyamatos"
    assert len(long_row.cells[5].text) > 30000
    # conclusions: problems table under each target group's conclusions section
    problem_ids = {p.problem_id for p in hep.problems}
    first_cells = {r.cells[0].text for t in doc.tables for r in t.rows[1:]}
    assert problem_ids <= first_cells


def test_empty_hep_still_gives_a_valid_document(tmp_path):
    out = write_docx(blank_hep("Üresfalva", "12344", 2025), tmp_path / "ures.docx")
    doc = docx.Document(str(out))
    assert len(_headings(doc, 1)) == len(CAT.chapters) + 2
    assert "Ehhez a célcsoporthoz nincs intézkedés." in [p.text for p in doc.paragraphs]


@needs_soffice
def test_pdf_render_and_pdfa2(sample_docx, tmp_path):
    import pikepdf

    hep, path = sample_docx
    wb = tmp_path / "minta.xlsx"
    write_any(build_sample_hep(), wb)
    out = tmp_path / "minta.docx"
    assert cli_main(["export", "docx", str(wb), "-o", str(out), "--pdf"]) == 0
    pdf = out.with_suffix(".pdf")
    with pikepdf.open(pdf) as p:
        assert len(p.pages) > 10
        meta = p.open_metadata()
        assert meta.get("pdfaid:part") == "2"
        assert meta.get("pdfaid:conformance") == "B"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    for ch in CAT.chapters:
        assert f"{ch.number}. {ch.title}"[:40] in flat
    assert CAT.forum_title in flat
    assert build_sample_hep().settlement.name in flat


def test_export_docx_and_pdf_never_overwrite_the_workbook(tmp_path, capsys):
    import os

    wb = tmp_path / "WB.xlsx"
    write_any(blank_hep("Próbafalva", "12344", 2025), wb)
    before = wb.read_bytes()
    as_docx, as_pdf = tmp_path / "alias.docx", tmp_path / "uj.pdf"
    os.link(wb, as_docx)
    os.link(wb, as_pdf)
    assert cli_main(["export", "docx", str(wb), "-o", str(wb)]) == 2
    assert ".docx kiterjesztésű" in capsys.readouterr().err
    assert cli_main(["export", "docx", str(wb), "-o", str(as_docx)]) == 2
    assert "nem lehet maga a munkafüzet" in capsys.readouterr().err
    # the PDF would go to uj.pdf: refused before the Word document is written
    assert cli_main(["export", "docx", str(wb), "-o", str(tmp_path / "uj.docx"), "--pdf"]) == 2
    assert "nem lehet maga a munkafüzet" in capsys.readouterr().err
    assert not (tmp_path / "uj.docx").exists()
    assert wb.read_bytes() == before and as_pdf.read_bytes() == before


def test_number_formatting_rounds_to_15_digits_without_negative_zero():
    assert format_number(1e-07) == "0,0000001"
    assert format_number(-1e-07) == "−0,0000001"
    assert format_number(123456789012345.6) == f"123{NBSP}456{NBSP}789{NBSP}012{NBSP}346"
    assert format_number(0.1 + 0.2) == "0,3"
    assert format_number(-0.0) == "0" and format_number(0.0) == "0" and format_number(0) == "0"
    assert format_number(-1234567.25) == f"−1{NBSP}234{NBSP}567,25"
    assert format_number(1234.5) == f"1{NBSP}234,5"
    assert format_number(2.5e-12) == "0,0000000000025"
    assert format_number(1e20) == NBSP.join(["100"] + ["000"] * 6)


def test_problems_without_a_valid_target_group_get_their_own_table(tmp_path):
    from hep_xl.model import Problem

    UNASSIGNED_TITLE = "Célcsoporthoz nem rendelt problémák"

    hep = build_sample_hep()
    hep.problems += [Problem("X-1", "", "Célcsoport nélküli gond", "Javaslat nélküli lehetőség"),
                     Problem("", "VI", "Hatodik csoportba írt gond", ""),
                     Problem("II-9", "ii", "Kisbetűvel írt csoport", "")]
    wb = tmp_path / "csoport.xlsx"
    write_any(hep, wb)  # through a real workbook, as the clerk's file would be
    out = tmp_path / "csoport.docx"
    assert cli_main(["export", "docx", str(wb), "-o", str(out)]) == 0
    doc = docx.Document(str(out))
    h1 = _headings(doc, 1)
    chapter_titles = [f"{ch.number}. {ch.title}" for ch in CAT.chapters]
    i = h1.index(UNASSIGNED_TITLE)
    assert h1.index(chapter_titles[-1]) < i < h1.index(CAT.action_plan_title)
    tables = [t for t in doc.tables if t.rows[0].cells[0].text == "Azonosító"
              and t.rows[0].cells[1].text.startswith("Célcsoport")]
    assert len(tables) == 1
    rows = [[c.text for c in r.cells] for r in tables[0].rows[1:]]
    assert rows == [["X-1", "", "Célcsoport nélküli gond", "Javaslat nélküli lehetőség"],
                    ["", "VI", "Hatodik csoportba írt gond", ""]]
    # "ii" is group II: it stands in that chapter's conclusions, not in the extra table
    body = "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert body.count("Kisbetűvel írt csoport") == 1
    # a HEP whose problems all have a group has no such heading
    plain = tmp_path / "minta.docx"
    write_docx(build_sample_hep(), plain)
    assert UNASSIGNED_TITLE not in _headings(docx.Document(str(plain)), 1)
