"""The implementation report (beszámoló a HEP IT megvalósulásáról) of the sample, read back as its
reader reads it: with python-docx (a section per target group, a row per measure and year with its
status, the pictures and the data they were drawn from, the working groups' reports, the Fórum's
decisions, the proposal with its blanks) and as LibreOffice prints it (text, page numbers, glyph
sizes, the charts on the pages)."""

from __future__ import annotations

import re
import subprocess

import pytest

from hep_xl.catalog import load_catalog
from hep_xl.export import figures
from hep_xl.export.docx_doc import write_report
from hep_xl.export.hungarian import format_number
from hep_xl.export.pdf import docx_to_pdfa
from hep_xl.sample import build_sample_hep

from .conftest import needs_soffice
from .docx_read import all_text, blocks, pdf_lines, pdf_pages

CAT = load_catalog()


@pytest.fixture(scope="module")
def sample():
    return build_sample_hep()


@pytest.fixture(scope="module")
def report(sample, tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "peldafalva_beszamolo.docx"
    write_report(sample, path)
    return path


def _sections(path) -> dict[str, list]:
    """The blocks under each level-1 heading."""
    out: dict[str, list] = {}
    current = None
    for b in blocks(path):
        if b.kind == "heading" and b.level == 1:
            current = out.setdefault(b.text, [])
        elif current is not None:
            current.append(b)
    return out


def test_a_section_per_target_group_with_a_row_per_measure_and_year(sample, report):
    sections = _sections(report)
    assert list(sections)[:2] == ["Bevezetés", "Összefoglalás"]
    assert list(sections)[-2:] == ["A HEP Fórum döntései", "A HEP Fórum javaslata a képviselő-testületnek"]
    for g in CAT.target_groups:
        body = sections[f"{g.id}. {g.name}"]
        headings = [b.text for b in body if b.kind == "heading" and b.level == 2]
        for m in sample.measures_of(g.id):
            title = f"{g.id}/{m.number}. {m.title}"
            assert title in headings
            at = next(i for i, b in enumerate(body) if b.kind == "heading" and b.text == title)
            tables = []
            for b in body[at + 1:]:
                if b.kind == "heading":
                    break
                if b.kind == "table":
                    tables.append(b)
            plan, years = tables[0], tables[1]
            assert [r[0] for r in plan.rows] == [c.heading for c in CAT.columns
                                                 if c.role in ("responsible_party", "due_date", "success_indicator",
                                                               "resources")]
            assert plan.rows[0][1] == m.responsible
            assert years.rows[0][:4] == ["Év", "Állapot", "Célérték (a H oszlop indikátora)", "Elért érték"]
            records = sample.progress_of(g.id, m.number)
            assert [(r[0], r[1], r[2], r[3], r[6]) for r in years.rows[1:]] == [
                (str(r.year), r.status, format_number(r.target), format_number(r.reached), r.responsible_member)
                for r in records]


def test_a_chart_per_target_group_drawn_from_the_monitoring_rows(sample, report):
    sections = _sections(report)
    for g in CAT.target_groups:
        body = sections[f"{g.id}. {g.name}"]
        first = next(b for b in body if b.kind == "para" and b.pictures)  # the status chart opens the section
        caption = body[body.index(first) + 1].text
        assert re.fullmatch(rf"\d+\. ábra: {re.escape(g.id)}\. .*az intézkedések állapota évenként", caption)
        data = figures.status_chart(sample, g.id)
        # the bars count the group's measures per status and year, from the records themselves
        for s in data.series:
            for year, n in zip(data.years, s.values):
                assert n == sum(1 for r in sample.progress
                                if r.target_group == g.id and r.year == year and r.status == s.label)
        assert sum(sum(s.values) for s in data.series) == len([r for r in sample.progress if r.target_group == g.id])
    # and one per measure with a numeric target (every measure of the sample has one)
    pictures = [b for b in blocks(report) if b.kind == "para" and b.pictures]
    assert len(pictures) == len(CAT.target_groups) + len(sample.measures)


def test_a_progress_chart_shows_the_target_and_the_value_reached(sample):
    m = next(m for m in sample.measures if (m.target_group, m.number) == ("I", 1))
    data = figures.progress_chart(sample, m)
    assert data.years == (2025, 2026)
    assert [s.label for s in data.series] == ["Célérték", "Elért érték"]
    assert data.series[0].values == (12.0, 12.0) and data.series[1].values == (9.0, 13.0)
    m.number = 99  # a measure without records has nothing to draw
    assert figures.progress_chart(sample, m) is None


def test_working_groups_decisions_and_the_proposal(sample, report):
    sections = _sections(report)
    text = all_text(report)
    child = sections["II. A gyermekek esélyegyenlősége"]
    wg = [b for b in child if b.kind == "table" and b.rows[0][0] == "Munkacsoport"]
    assert [(r[0], r[1]) for r in wg[0].rows[1:]] == [("Gyermekesély munkacsoport", "2025"),
                                                     ("Gyermekesély munkacsoport", "2026")]  # not 2027 on
    decisions = next(b for b in sections["A HEP Fórum döntései"] if b.kind == "table")
    assert decisions.rows[0][:2] == ["Ülés", "Az ülés típusa"]
    row = next(r for r in decisions.rows if r[0].startswith("2026. január 22."))
    assert row[1] == "rendes" and row[3] == "2025" and "beszámoló a HEP IT 2025. évi megvalósulásáról" in row[4]
    assert "3/2026. (I. 22.)" in row[2]
    proposal = " ".join(b.text for b in sections["A HEP Fórum javaslata a képviselő-testületnek"] if b.kind == "para")
    assert "javasolja Példafalva Község Önkormányzatának Képviselő-testületének a beszámoló elfogadását / " \
           "átdolgoztatását" in proposal
    assert "A Fórum ülésének dátuma: ……………………" in proposal
    assert "A képviselő-testület határozatának száma: ……………………" in proposal
    assert "A nem kívánt rész törlendő." in proposal
    assert "Beszámoló a Helyi Esélyegyenlőségi Program intézkedési tervének megvalósulásáról" in text


def test_the_report_year_limits_what_is_shown(sample, tmp_path):
    path = write_report(sample, tmp_path / "2025.docx", 2025)
    body = blocks(path)
    years = {r[0] for b in body if b.kind == "table" and b.rows[0][0] == "Év" for r in b.rows[1:]}
    assert years == {"2025"}
    assert "2025. évre" in all_text(path) or "2025. évre" in " ".join(b.text for b in body)


@pytest.fixture(scope="module")
def printed(report, tmp_path_factory):
    pdf = docx_to_pdfa(report, tmp_path_factory.mktemp("pdf") / "beszamolo.pdf")
    return pdf, pdf_pages(pdf)


@needs_soffice
def test_printed_report_pages_numbers_and_glyphs(sample, printed):
    pdf, pages = printed
    assert 10 <= len(pages) <= 40
    for n, page in enumerate(pages[1:], 2):  # every page but the title page carries its number
        assert re.search(rf"^\s*{n}\s*$", page, re.M), n
    flat = " ".join(" ".join(pages).split())
    for g in CAT.target_groups:
        assert f"{g.id}. {g.name}" in flat
    assert "A HEP Fórum javaslata a képviselő-testületnek" in flat
    # the smallest text is the tables' 8 pt (a word's box is about the font size tall), nothing smaller
    heights = [w.y1 - w.y0 for line in pdf_lines(pdf) for w in line.words if w.text.strip()]
    assert min(heights) >= 7.5, min(heights)
    out = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    images = [line for line in out.splitlines()[2:] if line.split()[2] == "image"]
    assert len(images) == len(CAT.target_groups) + len(sample.measures)
    captions = [line for page in pages for line in page.splitlines() if re.match(r"^\s*\d+\. ábra: ", line)]
    assert len(captions) == len(images)


# -- the command line --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sample_workbook(sample, tmp_path_factory):
    from hep_xl.workbook.writer import write_workbook

    path = tmp_path_factory.mktemp("wb") / "peldafalva.xlsx"
    write_workbook(sample, path)
    return path


def test_export_report_cli_writes_the_report_beside_the_workbook(sample_workbook, capsys):
    from hep_xl.cli import main as cli_main
    from hep_xl.export.docx_doc import report_path

    out = report_path(sample_workbook)
    assert out.name == "peldafalva_beszamolo.docx"
    assert cli_main(["export", "report", str(sample_workbook), "--year", "2025", "--force"]) == 0
    assert f"elkészült: {out}" in capsys.readouterr().out
    assert "Beszámoló a Helyi Esélyegyenlőségi Program intézkedési tervének megvalósulásáról" in all_text(out)


@pytest.mark.parametrize("args,message", [
    (["--year", "2040"], "--year 2040: a beszámoló éve a program időszakába essen (2025–2029)"),
    (["--year", "2025", "--format-is-docx"], "a --year csak a report exporttal együtt használható"),
])
def test_export_report_cli_refuses_a_wrong_year(sample_workbook, tmp_path, capsys, args, message):
    from hep_xl.cli import main as cli_main

    out = tmp_path / "b.docx"
    fmt = "docx" if "--format-is-docx" in args else "report"
    args = [a for a in args if a != "--format-is-docx"]
    assert cli_main(["export", fmt, str(sample_workbook), "-o", str(out), *args]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()
