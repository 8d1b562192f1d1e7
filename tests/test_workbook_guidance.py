"""Guidance in the cell and pictures of the data, read back from the written file: an input message on
every data validation, the decree's text as a note on each indicator, conditional formats, a
sparkline on every indicator row, the overview's native charts over the indicator cells, the guide
sheet's workflow, rows without fixed heights."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from hep_xl.catalog import load_catalog
from hep_xl.excel.build import write_any
from hep_xl.sample import build_sample_hep
from hep_xl.workbook import SHEETS, keep
from hep_xl.workbook.reader import read_workbook
from hep_xl.workbook.writer import INPUT_MESSAGE_MAX, INPUT_TITLE_MAX, blank_hep, write_workbook

CAT = load_catalog()


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    return write_workbook(build_sample_hep(), tmp_path_factory.mktemp("utmutatas") / "minta.xlsx")


@pytest.fixture(scope="module")
def book(sample):
    return openpyxl.load_workbook(sample)


def _xml(path: Path, sheet: str) -> bytes:
    with zipfile.ZipFile(path) as zf:
        return zf.read(keep._sheet_parts(zf)[sheet])


def test_every_data_validation_has_an_input_message(book):
    count = 0
    for ws in book.worksheets:
        for dv in ws.data_validations.dataValidation:
            count += 1
            where = f"{ws.title}!{dv.sqref}"
            assert dv.showInputMessage and dv.promptTitle and dv.prompt, where
            assert len(dv.promptTitle) <= INPUT_TITLE_MAX and len(dv.prompt) <= INPUT_MESSAGE_MAX, where
    assert count > len(CAT.series_rows) + len(CAT.checklist_items)  # one per series and per item at least


def test_the_messages_say_what_goes_into_the_cell(sample, book):
    result = read_workbook(sample)
    by_cell = {}
    for ws in book.worksheets:
        for dv in ws.data_validations.dataValidation:
            for rng in dv.sqref.ranges:
                for row in range(rng.min_row, rng.max_row + 1):
                    for col in range(rng.min_col, rng.max_col + 1):
                        by_cell[(ws.title, row, col)] = dv
    # an indicator value: the unit, what may be typed with an example, "nincs adat", the decree's words
    sd = CAT.series_by_id["resident_population"]
    ref = result.cells[("indicator", sd.id, 2022)]
    cell = book[ref.sheet][ref.cell]
    dv = by_cell[(ref.sheet, cell.row, cell.column)]
    ind = CAT.indicator_of(sd.id)
    assert dv.promptTitle.startswith(f"{ind.number}. ") and f"({sd.unit})" in dv.prompt
    assert "pl. 2 497" in dv.prompt and "nincs adat" in dv.prompt and ind.content.split()[0] in dv.prompt
    # a checklist point: its first words and what "nem releváns" needs
    item = CAT.checklist_by_id["3.2.a"]
    ref = result.cells[("checklist", item.id, "status")]
    cell = book[ref.sheet][ref.cell]
    dv = by_cell[(ref.sheet, cell.row, cell.column)]
    assert item.text.split()[0] in dv.prompt and "„nem releváns” esetén" in dv.prompt
    assert "Példálózó" in dv.prompt  # an illustrative point may stay empty
    # a settlement field: its help with an example
    ref = result.cells[("settlement", "ksh_code")]
    cell = book[ref.sheet][ref.cell]
    assert "02307" in by_cell[(ref.sheet, cell.row, cell.column)].prompt


def test_each_indicator_has_the_decree_text_as_a_note(book):
    ws = book[SHEETS.indicators]
    notes = {c.comment.text for row in ws.iter_rows(min_col=2, max_col=2) for c in row if c.comment}
    assert len(notes) == len(CAT.indicators)
    for ind in CAT.indicators:
        assert any(ind.content in n and n.startswith(f"{ind.number}. {ind.name}") for n in notes), ind.number


def test_sparklines_on_every_indicator_row(sample):
    result = read_workbook(sample)
    xml = _xml(sample, SHEETS.indicators).decode()
    sparks = re.findall(r"<x14:sparkline><xm:f>(.*?)</xm:f><xm:sqref>(.*?)</xm:sqref>", xml)
    assert len(sparks) == len(CAT.series_rows)
    ranges = {f for f, _ in sparks}
    for sd in CAT.series_rows:
        first = result.cells[("indicator", sd.id, 2020)].cell
        last = result.cells[("indicator", sd.id, 2024)].cell
        assert f"'{SHEETS.indicators}'!{first}:{last}" in ranges, sd.id


def test_the_overview_is_first_with_native_charts_over_the_indicator_cells(sample, book):
    assert book.sheetnames[0] == SHEETS.overview
    result = read_workbook(sample)
    with zipfile.ZipFile(sample) as zf:
        charts = [zf.read(n).decode() for n in sorted(zf.namelist()) if re.fullmatch(r"xl/charts/chart\d+\.xml", n)]
        drawing_rels = [n for n in zf.namelist() if n.startswith("xl/drawings/_rels/")]
    assert len(charts) == len(CAT.charts) >= 3 and drawing_rels
    cells = {f"'{SHEETS.indicators}'!${c.cell.rstrip('0123456789')}${c.cell.lstrip('ABCDEFGHIJKLMNOPQRSTUVWXYZ')}":
             key for key, c in result.cells.items() if len(key) == 3 and key[0] == "indicator"}
    titles = [re.search(r"<a:t>(.*?)</a:t>", x).group(1) for x in charts]
    assert sorted(titles) == sorted(f"{n}. {c.title} ({CAT.series_by_id[c.series[0]].unit})"
                                    for n, c in enumerate(CAT.charts, start=1))
    for xml in charts:
        values = re.findall(r"<c:val><c:numRef><c:f>(.*?)</c:f>", xml)
        assert values
        for ref in values:
            first, last = ref.split(":")
            assert cells[first][1] == cells[f"'{SHEETS.indicators}'!{last}"][1]  # one series' row
            assert (cells[first][2], cells[f"'{SHEETS.indicators}'!{last}"][2]) == (2020, 2024)


def test_conditional_formats_grey_no_data_and_mark_empty_required_inputs(book):
    ind = book[SHEETS.indicators]
    rules = [r for cf in ind.conditional_formatting for r in cf.rules]
    assert any(r.type == "cellIs" and r.formula == ['"nincs adat"'] for r in rules)
    assert any(r.type == "expression" and "LEN(TRIM(" in r.formula[0] for r in rules)
    st = book[SHEETS.settlement]
    required = [str(cf.sqref) for cf in st.conditional_formatting]
    assert required and "B4" in required[0] and "B6" in required[0]


def test_no_row_has_a_fixed_height(sample):
    with zipfile.ZipFile(sample) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/sheet"):
                assert b'customHeight="1"' not in zf.read(name), name


def test_the_guide_is_a_numbered_workflow_with_the_colours_and_the_ribbon(tmp_path):
    plain = write_workbook(blank_hep("Példafalva", "10898", 2025), tmp_path / "ures.xlsx")
    macro = write_any(blank_hep("Példafalva", "10898", 2025), tmp_path / "ures.xlsm")
    for path in (plain, macro):
        ws = openpyxl.load_workbook(path, keep_vba=path.suffix == ".xlsm")[SHEETS.instructions]
        numbers = [c.value for c in ws["A"] if isinstance(c.value, str) and re.fullmatch(r"\d+\.", c.value)]
        assert numbers[:7] == [f"{n}." for n in range(1, 8)]
        text = "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
        for word in ("TeIR", "Ellenőrizze", "Írja meg", "Exportálja", "Színek és jelölések", "nincs adat",
                     "narancs keret"):
            assert word in text, word
        if path is macro:
            assert "Gomb: HEP szalagfül › Adatok › Mutatók kitöltése." in text
            assert "Gomb: HEP szalagfül › Ellenőrzés › Ellenőrzés." in text
            assert "Exportálás › Word export" in text
        else:
            assert "Gomb:" not in text and "makróbarát (.xlsm)" in text
            assert "hep-xl fill" in text and "hep-xl validate --write-back" in text
