"""The Word document as the council reads it: what ``make demo`` writes, read back with python-docx
and its WordprocessingML — the parts of a published HEP in order, provenance as an official
document shows it, the charts, the wording. The PDF's layout is tests/test_export_docx_pdf.py's."""

from __future__ import annotations

import datetime as dt
import re
import zipfile

import docx
import pytest
from docx.oxml.ns import qn

from hep_xl.catalog import load_catalog
from hep_xl.cli import main as cli_main
from hep_xl.excel.build import write_any
from hep_xl.export import figures
from hep_xl.export.docx_doc import NBSP, format_date, format_number, write_docx
from hep_xl.export.word.builder import LOADER_NOTE_PREFIXES, clerk_note
from hep_xl.model import NO_DATA, Measure, Problem
from hep_xl.sample import build_sample_hep
from hep_xl.sample.exports.make_exports import export_paths
from hep_xl.workbook.reader import read_workbook
from hep_xl.workbook.writer import blank_hep

from .docx_read import after, all_text, blocks

CAT = load_catalog()
LONG_DATE = re.compile(r"^\d{4}\. (január|február|március|április|május|június|július|augusztus|szeptember|"
                       r"október|november|december) \d{1,2}\.$")


@pytest.fixture(scope="module")
def demo(demo_output):
    path = demo_output / "peldafalva.docx"
    hep = read_workbook(demo_output / "peldafalva.xlsx").hep
    return hep, path, blocks(path)


def _headings(items, level=None):
    return [b.text for b in items if b.kind == "heading" and (level is None or b.level == level)]


def _table_after_caption(items, caption_start: str):
    i = next(k for k, b in enumerate(items) if b.style == "Caption" and b.text.split(": ", 1)[-1] == caption_start)
    return after(items, i, "table")


def test_hungarian_number_and_date_formatting():
    assert format_number(1234.5) == f"1{NBSP}234,5"
    assert format_number(1234567) == f"1{NBSP}234{NBSP}567"
    assert format_number(12.0) == "12"
    assert format_number(0.25) == "0,25"
    assert format_number(-1500) == f"−1{NBSP}500"
    assert format_number(NO_DATA) == "nincs adat"
    assert format_number(None) == "nincs adat" and format_number(None, "–") == "–"
    assert format_date(dt.date(2027, 6, 30)) == "2027. június 30."
    assert format_date("folyamatos") == "folyamatos"


def test_number_formatting_rounds_to_15_digits_without_negative_zero():
    assert format_number(1e-07) == "0,0000001"
    assert format_number(-1e-07) == "−0,0000001"
    assert format_number(123456789012345.6) == f"123{NBSP}456{NBSP}789{NBSP}012{NBSP}346"
    assert format_number(0.1 + 0.2) == "0,3"
    assert format_number(-0.0) == "0" and format_number(0.0) == "0" and format_number(0) == "0"
    assert format_number(-1234567.25) == f"−1{NBSP}234{NBSP}567,25"
    assert format_number(2.5e-12) == "0,0000000000025"
    assert format_number(1e20) == NBSP.join(["100"] + ["000"] * 6)


def test_outline_has_the_parts_of_a_published_hep_in_order(demo):
    hep, path, items = demo
    heads = [(b.level, b.text) for b in items if b.kind == "heading"]
    expected = []
    for part in CAT.frame_parts:
        expected.append((part.level, part.heading))
        if part.generated == "situation_analysis":
            expected += [(part.level + 1, f"{ch.number}. {ch.title}") for ch in CAT.chapters]
        if part.generated == "action_plan_table":
            expected += [(part.level + 1, f"{g.id}. {g.name}") for g in CAT.target_groups]
    it = iter(heads)
    missing = [e for e in expected if e not in it]  # a subsequence, in this order
    assert missing == []
    assert _headings(items, 1) == [p.heading for p in CAT.frame_parts if p.level == 1]
    # the Annex 2 sections as numbered headings, the lettered points under them
    assert f"3.2. {CAT.checklist_by_id['3.2'].text}" in _headings(items, 3)
    assert any(h.startswith("a) ") for h in _headings(items, 4))
    # the implementation chapter's six parts follow it
    i = next(k for k, (lv, t) in enumerate(heads) if t == "Megvalósítás")
    six = [p.heading for p in CAT.frame_parts if p.level == 3][-6:]
    assert [t for _, t in heads[i + 1:i + 7]] == six
    # the clerk's texts are in their parts
    body = all_text(path)
    for part in CAT.written_parts:
        first_line = hep.frame_text(part.id).split("\n")[0]
        assert first_line and first_line in body, part.id
    # title page: the issuing body, the programme, its period; the legal basis cited title first
    title = [b.text for b in items[:8]]
    assert title[:3] == ["Példafalva Község Önkormányzata", "Helyi Esélyegyenlőségi Program", "2025–2029"]
    assert ("Készült a helyi esélyegyenlőségi program elkészítésének részletes szabályairól szóló "
            "2/2012. (VI. 5.) EMMI rendelet alapján.") in title
    # automatic table of contents field, three section kinds (portrait, landscape plan, portrait)
    instr = [el.text for el in docx.Document(str(path)).element.body.iter(qn("w:instrText"))]
    assert any(t.strip().startswith("TOC") for t in instr)
    assert [int(s.orientation) for s in docx.Document(str(path)).sections] == [0, 1, 0]


def test_summary_table_has_one_row_per_problem_and_its_opportunity(demo):
    hep, path, items = demo
    table = _table_after_caption(items, "A helyzetelemzés megállapításainak összegzése")
    body = table.rows[1:]
    problems = [p for g in CAT.target_groups for p in hep.problems_of(g.id)]
    assert len(body) == len(problems) == 15
    for row, p in zip(body, problems):
        assert row[1] == f"{p.problem_id}: {p.title}" and row[2] == p.opportunity
    # the target group is named once per group (merged cells), in the catalog's order
    assert [r[0] for r in body if r[0]] == [f"{g.id}. {g.short_name}" for g in CAT.target_groups]


def test_one_detail_form_per_measure_with_partners_and_risks(demo):
    hep, path, items = demo
    forms = [b for b in items
             if b.kind == "table" and len(b.rows[0]) == 1 and re.match(r"^[IVX]+/\d+\. ", b.rows[0][0])]
    assert len(forms) == len(hep.measures) == 14
    for form, m in zip(forms, hep.measures):
        assert form.rows[0][0] == f"{m.target_group}/{m.number}. {m.title}"
        fields = dict((r[0], r[1]) for r in form.rows[1:])
        assert fields["Partnerek"] == m.partners and fields["Kockázatok"] == m.risks
        assert fields["A kockázatok csökkentésének eszközei"] == m.risk_mitigation
        assert fields[CAT.column_of("responsible_party").heading] == m.responsible
        labels = [r[0] for r in form.rows[1:]]  # partners after the responsible, risks after the indicators
        assert labels.index("Partnerek") == labels.index(CAT.column_of("responsible_party").heading) + 1
        assert labels.index("Kockázatok") == labels.index(CAT.column_of("success_indicator").heading) + 1


def test_adoption_block_names_the_resolution_date_and_signatories(demo):
    hep, path, items = demo
    i = next(k for k, b in enumerate(items) if b.kind == "heading" and b.text == "Elfogadás módja és dátuma")
    rest = items[i + 1:]
    text = "\n".join(b.text for b in rest if b.kind == "para")
    st = hep.settlement
    assert f"A határozat száma: {st.resolution_number}." in text
    assert "Példafalva Község Önkormányzatának Képviselő-testülete a Helyi Esélyegyenlőségi Programot " \
           "2025. február 26-i ülésén elfogadta." in text
    assert "A HEP Fórum a programot 2025. január 20-i ülésén véleményezte (jegyzőkönyv: jkv-1/2025)." in text
    assert f"Példafalva, {format_date(st.adoption_date)}" in text
    signatures = next(b for b in rest if b.kind == "table").rows[0]
    names = {m.role: m.name for m in hep.forum.members}
    assert [s.split("\n\n")[1:] for s in signatures] == [[names["mayor"], "polgármester"], [names["notary"], "jegyző"],
                                                         [names["equal_opportunity_mentor"], "esélyegyenlőségi mentor"]]


def test_no_import_file_name_and_no_loader_note_in_the_document(demo):
    hep, path, items = demo
    with zipfile.ZipFile(path) as zf:
        xml = "".join(zf.read(n).decode("utf-8") for n in zf.namelist() if n.endswith(".xml"))
    for p in export_paths():
        assert p.name not in xml and p.stem not in xml
    # the workbook itself keeps them, where an auditor looks
    assert any(p.name in s.source for p in export_paths() for s in hep.indicators.values())
    assert any(s.note.startswith(LOADER_NOTE_PREFIXES) for s in hep.indicators.values())
    assert not re.search(r"\.(csv|xlsx|xlsm)\b", all_text(path))
    for prefix in LOADER_NOTE_PREFIXES:
        assert prefix not in all_text(path)


def test_loader_note_prefixes_are_fills():
    from hep_xl.fill.plan import DERIVED_PREFIX, LOADED_PREFIX
    from hep_xl.model import NO_DATA_LABEL

    assert (LOADED_PREFIX, DERIVED_PREFIX, f"{NO_DATA_LABEL} a forrásban:") == LOADER_NOTE_PREFIXES
    assert clerk_note("becsült adat; betöltve: a.csv (4. sor); b.csv (5. sor); számított: x") == "becsült adat"
    assert clerk_note("betöltve: a.csv (4. sor)") == ""


def test_every_indicator_table_once_with_the_decrees_source(demo):
    hep, path, items = demo
    captions = [(k, b) for k, b in enumerate(items) if b.style == "Caption" and " mutató" in b.text]
    numbers = [int(re.search(r", (\d+)\. mutató$", b.text).group(1)) for _, b in captions]
    assert sorted(numbers) == [i.number for i in CAT.indicators]  # each printed once
    for (k, _cap), n in zip(captions, numbers):
        ind = CAT.indicator_by_number[n]
        table = after(items, k, "table")
        assert table.rows[0][2:] == [str(y) for y in hep.years]
        source = next(b for b in items[items.index(table) + 1:] if b.kind == "para")
        assert source.style == "Source" and source.text.startswith(f"Forrás: {ind.source}."), n
        days = {s.retrieved for sd in ind.rows if (s := hep.indicators.get(sd.id)) and s.retrieved}
        for d in days:
            assert f"Az adatok lekérése: {format_date(d)}" in source.text
    # an indicator used by several sections is referred to from the later ones
    refs = [b.text for b in items if b.style == "Reference"]
    ind3 = CAT.indicator_by_number[3]
    table3 = next(b.text.split(".")[0] for _, b in captions if b.text.endswith(", 3. mutató"))
    assert f"{ind3.name} ({CAT.annexes['annex1']}, 3. mutató): lásd 2.3. pont, {table3}. táblázat." in refs
    assert len([r for r in refs if f"({CAT.annexes['annex1']}, 3. mutató)" in r]) == len(ind3.sections) - 1
    # tables and figures are numbered in order
    nums = [int(b.text.split(".")[0]) for b in items if b.style == "Caption"]
    assert nums == list(range(1, len(nums) + 1))


def test_charts_are_pictures_of_the_workbooks_numbers(demo):
    hep, path, items = demo
    pictures = [b for b in items if b.pictures]
    assert len(pictures) == len(CAT.charts) >= 8
    d = docx.Document(str(path))
    captions = [b.text for b in items if b.style == "FigureCaption"]
    for k, (pic, chart) in enumerate(zip(pictures, CAT.charts), 1):
        data = figures.chart_data(hep, chart)
        assert d.part.related_parts[pic.pictures[0]].blob == figures.render_png(data)
        assert captions[k - 1].startswith(f"{k}. ábra: {chart.title} (adatok: ")
    # one chart read back from what the figure-building function drew: the workbook's numbers
    chart = CAT.charts[0]
    fig = figures.draw(figures.chart_data(hep, chart))
    (line,) = fig.axes[0].lines
    series = hep.indicators[chart.series[0]]
    assert [float(v) for v in line.get_ydata()] == [float(series.values[y]) for y in sorted(hep.years)]
    bars = figures.chart_data(hep, next(c for c in CAT.charts if c.kind == "bar"))
    fig = figures.draw(bars)
    heights = sorted(round(max(y for _, y in p.vertices), 6) for c in fig.axes[0].collections[1:]
                     for p in c.get_paths())
    assert heights == sorted(round(v, 6) for s in bars.series for v in s.values if v is not None)


def test_one_date_format_in_deadlines_and_everywhere(demo):
    hep, path, items = demo
    due = CAT.column_of("due_date")
    col = [c.id for c in CAT.columns].index(due.id)
    plan = [b for b in items if b.kind == "table" and b.rows[0][0] == CAT.columns[0].label]
    cells = [r[col] for t in plan for r in t.rows[1:]]
    assert len(cells) == len(hep.measures)
    assert all(LONG_DATE.match(c) for c in cells), cells
    assert "2026. december 31." in cells  # typed "2026.12.31" in the workbook
    assert not re.search(r"\b\d{4}\.\d{2}\.\d{2}\b", all_text(path))


def test_wording_of_official_documents(demo):
    hep, path, items = demo
    text = all_text(path)
    assert "A(z)" not in text and "a(z)" not in text
    assert not re.search(r"\b(19|20)\d\d-(19|20)\d\d\b", text)  # year ranges with an en dash
    assert "2025–2029" in text
    assert not any(h.rstrip().endswith(".") for h in _headings(items))  # no full stop after a heading


def test_core_properties_are_the_heps(demo):
    hep, path, items = demo
    props = docx.Document(str(path)).core_properties
    assert props.title == "Példafalva Község Önkormányzata – Helyi Esélyegyenlőségi Program 2025–2029"
    assert props.author == props.last_modified_by == "Példafalva Község Önkormányzata"
    assert props.language == "hu-HU" and "2/2012. (VI. 5.) EMMI rendelet" in props.subject
    now = dt.datetime.now(dt.UTC)
    assert abs((props.created - now).total_seconds()) < 3600 and props.modified == props.created
    with zipfile.ZipFile(path) as zf:
        app = zf.read("docProps/app.xml").decode()
        names = zf.namelist()
    assert "<Application>hep_xl" in app and "Microsoft" not in app
    assert "docProps/thumbnail.jpeg" not in names and "word/stylesWithEffects.xml" not in names


def test_awkward_text_and_a_long_measure(tmp_path):
    hep = build_sample_hep()
    hep.checklist["1.1"].narrative = "Első\x00 bekezdés\x1f vége.\nMásodik bekezdés."
    hep.measures.append(Measure("V", 99, "Hosszú intézkedés", content="árvíztűrő tükörfúrógép " * 1500,
                                deadline="folyamatos"))
    wb = tmp_path / "minta.xlsx"
    write_any(hep, wb)
    out = tmp_path / "minta.docx"
    assert cli_main(["export", "docx", str(wb), "-o", str(out)]) == 0
    items = blocks(out)
    text = all_text(out)
    assert "Első bekezdés vége." in text and "Második bekezdés." in text
    plan = [b for b in items if b.kind == "table" and b.rows[0][0] == CAT.columns[0].label]
    last = plan[-1].rows[-1]
    assert last[0] == "99" and last[7] == "folyamatos" and len(last[5]) > 30000
    # a row taller than a page may break across pages; the others may not
    tbl = plan[-1].element
    rows = tbl.findall(qn("w:tr"))
    assert rows[-1].find(qn("w:trPr") + "/" + qn("w:cantSplit")) is None
    assert rows[1].find(qn("w:trPr") + "/" + qn("w:cantSplit")) is not None
    assert rows[0].find(qn("w:trPr") + "/" + qn("w:tblHeader")) is not None


def test_empty_hep_still_gives_a_valid_document(tmp_path):
    out = write_docx(blank_hep("Üresfalva", "12344", 2025), tmp_path / "ures.docx")
    items = blocks(out)
    assert _headings(items, 1) == [p.heading for p in CAT.frame_parts if p.level == 1]
    texts = [b.text for b in items]
    assert "Ehhez a célcsoporthoz nincs intézkedés." in texts
    assert "E rész szövege még nem készült el." in texts
    assert not any(b.pictures for b in items)  # no numbers, no charts
    assert items[0].text == "Üresfalva Önkormányzata"  # not in the register: no legal status to name


def test_issuing_body_from_the_register(tmp_path):
    hep = blank_hep("Kaba", "02307", 2025)
    out = write_docx(hep, tmp_path / "kaba.docx")
    assert blocks(out)[0].text == "Kaba Város Önkormányzata"
    hep.frame.issuing_body = "Kaba Város Önkormányzat Képviselő-testülete"  # what the clerk typed wins
    assert blocks(write_docx(hep, tmp_path / "kaba2.docx"))[0].text == hep.frame.issuing_body


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


def test_problems_without_a_valid_target_group_get_their_own_table(tmp_path):
    from hep_xl.export.word.builder import UNASSIGNED_TITLE

    hep = build_sample_hep()
    hep.problems += [Problem("X-1", "", "Célcsoport nélküli gond", "Javaslat nélküli lehetőség"),
                     Problem("", "VI", "Hatodik csoportba írt gond", ""),
                     Problem("II-9", "ii", "Kisbetűvel írt csoport", "")]
    wb = tmp_path / "csoport.xlsx"
    write_any(hep, wb)  # through a real workbook, as the clerk's file would be
    out = tmp_path / "csoport.docx"
    assert cli_main(["export", "docx", str(wb), "-o", str(out)]) == 0
    items = blocks(out)
    heads = _headings(items)
    after_analysis = next(p.heading for p in CAT.frame_parts if p.generated == "findings_summary")
    assert heads.index(f"{CAT.chapters[-1].number}. {CAT.chapters[-1].title}") < heads.index(UNASSIGNED_TITLE) \
        < heads.index(after_analysis)
    table = _table_after_caption(items, UNASSIGNED_TITLE)
    assert table.rows[1:] == [["X-1", "", "Célcsoport nélküli gond", "Javaslat nélküli lehetőség"],
                              ["", "VI", "Hatodik csoportba írt gond", ""]]
    # "ii" is group II: it stands in that chapter's conclusions and in the summary, not in the extra table
    conclusions = "\n".join("\t".join(r) for b in items if b.kind == "table" for r in b.rows)
    assert conclusions.count("Kisbetűvel írt csoport") == 2
    plain = tmp_path / "minta.docx"
    write_docx(build_sample_hep(), plain)
    assert UNASSIGNED_TITLE not in _headings(blocks(plain))


def test_a_clerks_note_is_printed_and_the_loaders_is_not(tmp_path):
    hep = build_sample_hep()
    s = hep.indicators["resident_population"]
    s.note = "a 2024. évi adat előzetes; betöltve: lakonepesseg_2024.csv (4. sor); számított: x"
    s.source = "lakonepesseg_2024.csv"
    out = write_docx(hep, tmp_path / "megjegyzes.docx")
    items = blocks(out)
    k = next(i for i, b in enumerate(items) if b.style == "Caption" and b.text.endswith(", 1. mutató"))
    source = next(b for b in items[k + 1:] if b.kind == "para")
    assert source.text.startswith(f"Forrás: {CAT.indicator_by_number[1].source}.")
    assert "Megjegyzés – a 2024. évi adat előzetes" in source.text
    assert "lakonepesseg_2024" not in all_text(out) and "betöltve" not in all_text(out)
