"""Writing the validation report back into the workbook: report sheet with working links, highlights
that the next clean run removes exactly, nothing else changed; .xlsm keeps VBA and ribbon."""

from __future__ import annotations

import datetime as dt
import zipfile

from openpyxl import load_workbook

from hep_xl.cli import main
from hep_xl.excel.build import write_any
from hep_xl.validate import validate
from hep_xl.validate.report_sheet import sort_key
from hep_xl.validate.writeback import read_marks, write_report
from hep_xl.workbook import layout as L
from hep_xl.workbook.reader import read_workbook

from .conftest import needs_soffice
from .excel_check import check_xlsm
from .test_validate_fixtures import clean_hep

S, I, M, R, O = "Településadatok", "1. Mutatók", "3. Intézkedési terv", L.SHEETS.report, L.SHEETS.overview  # noqa: E741 — the sheets by initial
IND_CELL, ACT_CELL = "I91", "G34"  # housing stock 2023; the 4th measure's responsible party (checked below)


def broken_hep():
    hep = clean_hep()
    hep.settlement.ksh_code = "12345"                           # SET-003 at Településadatok!B5
    hep.measures[3].responsible = ""                            # ACT-009 at 3. Intézkedési terv!G34
    hep.indicators["housing_stock"].values[2023] = 12.5         # IND-010 at 1. Mutatók!I91
    hep.settlement.adoption_date = None                         # SET-006 (info) at Településadatok!B10
    return hep                                                  # (and VER-001, info, at B8: a 2025 programme)


EXPECTED = [("SET-003", S, "B5"), ("VER-001", S, "B8"), ("SET-006", S, "B10"), ("IND-010", I, IND_CELL),
            ("ACT-009", M, ACT_CELL)]
MARKED = {(S, "B5"), (I, IND_CELL), (M, ACT_CELL)}  # errors and warnings are highlighted, info is not


def test_the_expected_cells_are_those_of_the_values(tmp_path):
    path = write_any(broken_hep(), tmp_path / "hep.xlsx")
    cells = read_workbook(path).cells
    assert cells[("indicator", "housing_stock", 2023)].cell == IND_CELL
    assert cells[("measures", 3, "responsible")].cell == ACT_CELL


def snapshot(path) -> dict:
    """Everything openpyxl sees in the workbook except the report sheet and our marks column."""
    wb = load_workbook(path, keep_vba=str(path).endswith(".xlsm"))
    out = {"names": sorted((n, d.attr_text) for n, d in wb.defined_names.items()),
           "sheets": list(wb.sheetnames)}
    for ws in wb.worksheets:
        if ws.title in (R, O):  # the report and the overview: the write-back's own
            continue
        cells = {}
        for row in ws.iter_rows():
            for c in row:
                if ws.title == L.SHEETS.meta and c.column > 6:
                    continue  # our marks live in column K; the template's meta data in A..F
                # openpyxl does not save empty-string cells: "" comes back as an empty cell
                cells[c.coordinate] = (None if c.value == "" else c.value, repr(c.font), repr(c.fill), repr(c.border),
                                       c.number_format,
                                       repr(c.alignment), repr(c.protection),
                                       c.hyperlink.location if c.hyperlink else None)
        out[ws.title] = {
            "cells": cells, "tables": dict(ws.tables.items()),
            "validations": sorted((str(d.sqref), d.type, d.formula1) for d in ws.data_validations.dataValidation),
            "protected": ws.protection.sheet, "state": ws.sheet_state, "freeze": ws.freeze_panes,
            "widths": {k: v.width for k, v in ws.column_dimensions.items()},
            "heights": {k: v.height for k, v in ws.row_dimensions.items()},
            "print_titles": ws.print_title_rows, "codename": ws.sheet_properties.codeName,
        }
    return out


def test_write_back_report_links_highlights_and_clean_run_restores(tmp_path):
    path = tmp_path / "hep.xlsx"
    write_any(broken_hep(), path)
    before = snapshot(path)
    model_before = read_workbook(path).hep

    for _ in range(2):  # a second run with the same findings must not lose the original fills
        result = read_workbook(path)
        report = validate(result)
        write_report(path, report, result, now=dt.datetime(2025, 3, 1, 10, 30))
    assert [(f.rule_id, f.sheet, f.cell) for f in sorted(report.findings, key=sort_key)] == EXPECTED

    # the report sheet: one row per finding, the cell column links to the offending cell
    wb = load_workbook(path)
    ws = wb[R]
    assert [c.value for c in ws[4][:7]] == ["Súlyosság", "Szabály", "Munkalap", "Cella", "Mező", "Érték", "Üzenet"]
    rows = [[c.value for c in r[:7]] for r in ws.iter_rows(min_row=5, max_row=4 + len(EXPECTED))]
    assert [(r[1], r[2], r[3]) for r in rows] == EXPECTED
    assert rows[0][0] == "hiba" and rows[1][0] == "tájékoztatás" and rows[0][5] == "12345"
    assert "ellenőrző szám" in rows[0][6]
    for r, (_, sheet, cell) in enumerate(EXPECTED, start=5):
        link = ws.cell(row=r, column=4).hyperlink
        assert link is not None and link.location == f"'{sheet}'!{cell}"
        assert link.target is None  # internal jump, not an external file
    assert ws.cell(row=5 + len(EXPECTED), column=2).value is None
    assert "2025.03.01. 10:30" in ws["A2"].value and "3 hiba, 0 figyelmeztetés, 2 tájékoztatás" in ws["A2"].value
    assert ws["A3"].value.startswith("Teljesség: Településadatok") and "HEP Fórum 100%" in ws["A3"].value
    # the Mező column names the field in Hungarian
    assert [r[4] for r in rows] == ["KSH településazonosító törzsszám", "A program időszakának kezdő éve",
                                    "Elfogadás dátuma", "42. Lakásállomány", "F) Az intézkedés felelőse"]
    # the overview: the same summary, completeness per area, findings per sheet
    ov = wb[O]
    assert ov["A2"].value == ws["A2"].value
    scores = {ov[f"A{r}"].value: ov[f"B{r}"].value for r in range(6, 12)}
    assert scores["Összesen"] == round(report.scores["overall"], 4) and scores["HEP Fórum"] == 1.0
    counts = {ov[f"A{r}"].value: tuple(ov.cell(r, c).value for c in (2, 3, 4)) for r in range(17, 30)}
    assert counts[S] == (1, 0, 2) and counts[I] == (1, 0, 0) and counts[M] == (1, 0, 0)
    assert counts["Összesen"] == (3, 0, 2) and counts["HEP Fórum"] == (0, 0, 0)

    # highlights: exactly the offending cells; nothing else in the workbook changed
    assert set(read_marks(path)) == MARKED
    after = snapshot(path)
    for sheet, cell in MARKED:
        assert wb[sheet][cell].fill.fgColor.rgb == "FFFFC7CE"  # all three are errors: Excel's "Bad" red
        assert after[sheet]["cells"][cell][2] != before[sheet]["cells"][cell][2]
        after[sheet]["cells"][cell] = before[sheet]["cells"][cell]
    assert after == before
    assert read_workbook(path).hep == model_before

    # the clerk fixes the values in Excel; the next (clean) run removes every highlight exactly
    wb[S]["B5"] = "26213"
    wb[M][ACT_CELL] = "polgármester"
    wb[I][IND_CELL] = 13
    wb[S]["B10"] = dt.datetime(2025, 2, 27)
    wb.save(path)
    result = read_workbook(path)
    report = validate(result)
    assert [f.rule_id for f in report.findings] == ["VER-001"]  # an information, never highlighted
    write_report(path, report, result)
    assert read_marks(path) == []
    fixed = snapshot(path)
    for sheet, cell in (*MARKED, (S, "B10")):
        assert fixed[sheet]["cells"][cell][1:] == before[sheet]["cells"][cell][1:], (sheet, cell)
        fixed[sheet]["cells"][cell] = before[sheet]["cells"][cell]
    assert fixed == before
    ws = load_workbook(path)[R]
    assert ws["A6"].value is None and "0 hiba, 0 figyelmeztetés, 1 tájékoztatás" in ws["A2"].value


def test_write_back_keeps_vba_and_ribbon_of_xlsm(tmp_path):
    path = tmp_path / "hep.xlsm"
    write_any(broken_hep(), path)
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist() if n.startswith(("xl/vba", "customUI"))}
        rels = z.read("_rels/.rels").decode()
    before = snapshot(path)
    result = read_workbook(path)
    write_report(path, validate(result), result)
    with zipfile.ZipFile(path) as z:
        for name, data in parts.items():
            assert z.read(name) == data, name
        new_rels = z.read("_rels/.rels").decode()
    assert "xl/vbaProject.bin" in parts
    for part in (n for n in parts if n.startswith("customUI")):
        assert part in rels and part in new_rels  # the ribbon is still linked
    after = snapshot(path)
    for sheet, cell in MARKED:
        after[sheet]["cells"][cell] = before[sheet]["cells"][cell]
    assert after == before
    assert sorted(f.rule_id for f in validate(read_workbook(path)).findings) == sorted(r for r, _, _ in EXPECTED)
    assert check_xlsm(path) == []  # still a workbook Excel loads the ribbon and macros of


def test_cli_write_back_and_unreadable_file(tmp_path, capsys):
    path = tmp_path / "hep.xlsx"
    write_any(broken_hep(), path)
    assert main(["validate", str(path), "--write-back", "--format", "json"]) == 1
    assert set(read_marks(path)) == MARKED
    bad = tmp_path / "nem.xlsx"
    bad.write_text("nem munkafüzet")
    original = bad.read_bytes()
    assert main(["validate", str(bad), "--write-back"]) == 2
    assert bad.read_bytes() == original
    assert "nem.xlsx" in capsys.readouterr().err


@needs_soffice
def test_written_back_report_opens_in_libreoffice(tmp_path):
    from .render import pdf_text, to_pdf

    path = tmp_path / "hep.xlsx"
    write_any(broken_hep(), path)
    result = read_workbook(path)
    write_report(path, validate(result), result)
    text = pdf_text(to_pdf(path, tmp_path))
    assert "Ellenőrzés eredménye" in text
    for rule, _, _ in EXPECTED:
        assert rule in text
