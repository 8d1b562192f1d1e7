"""Workbooks made by template version 1 (committed in tests/data/template_v1/, made by main before
template version 2; see the README there) are still read, validated, written back, filled, exported
and round-tripped; a workbook of an unknown version is refused with a message naming it."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import openpyxl
import pytest

from hep_xl.cli import main
from hep_xl.export.json_doc import hep_to_dict
from hep_xl.model import MEASURE_FORM_FIELDS, MEETING_MONITORING_FIELDS, ForumMeeting, Frame, Hep
from hep_xl.sample import build_sample_hep
from hep_xl.sample.exports.make_exports import export_paths
from hep_xl.validate import validate, validate_hep
from hep_xl.validate.writeback import read_marks, write_report
from hep_xl.workbook import TEMPLATE_VERSION
from hep_xl.workbook.reader import HepReadError, read_workbook
from hep_xl.workbook.writer import write_workbook

V1 = Path(__file__).resolve().parent / "data" / "template_v1"
FILLED, BLANK = V1 / "peldafalva_v1.xlsx", V1 / "hep_sablon_v1.xlsx"
# version 1 as main wrote it later: with the document frame sheet and the action plan's form columns
FILLED_FRAME = V1 / "peldafalva_v1_frame.xlsx"


V2 = Path(__file__).resolve().parent / "data" / "template_v2" / "peldafalva_v2.xlsx"


def without_monitoring(hep: Hep) -> Hep:
    """The plan as a workbook made before the monitoring holds it: no Megvalósítás rows, no working
    group reports, the meetings without type, decisions, reviewed year and accepted documents."""
    blank = ForumMeeting()
    meetings = [dataclasses.replace(m, **{k: getattr(blank, k) for k in MEETING_MONITORING_FIELDS})
                for m in hep.forum.meetings]
    return dataclasses.replace(hep, progress=[], forum=dataclasses.replace(hep.forum, meetings=meetings, reports=[]))


def made_from(path: Path) -> Hep:
    """The model a committed version-1 workbook was made from: the sample, without the frame's texts
    and the measures' detail-form fields where the file was made before they existed, and without
    the monitoring (template version 3)."""
    hep = without_monitoring(build_sample_hep())
    if path != FILLED_FRAME:
        hep = dataclasses.replace(hep, frame=Frame(), measures=[
            dataclasses.replace(m, **{f: "" for f in MEASURE_FORM_FIELDS}) for m in hep.measures])
    return hep


@pytest.fixture
def filled(tmp_path) -> Path:
    return Path(shutil.copy(FILLED, tmp_path / "peldafalva_v1.xlsx"))


def test_the_committed_files_are_version_1():
    assert TEMPLATE_VERSION != "1"
    for path in (FILLED, BLANK, FILLED_FRAME):
        assert read_workbook(path).template_version == "1"
        assert "Áttekintés" not in openpyxl.load_workbook(path, read_only=True).sheetnames
    assert "Bevezetés és megvalósítás" in openpyxl.load_workbook(FILLED_FRAME, read_only=True).sheetnames


@pytest.mark.parametrize("path", [FILLED, FILLED_FRAME], ids=["before_frame", "with_frame"])
def test_a_version_1_workbook_reads_as_the_model_it_was_made_from(path):
    result = read_workbook(path)
    assert result.issues == []
    assert result.hep == made_from(path)
    # its cells are version 1's: the year columns H..L, the Fórum's meetings on the one Fórum sheet
    assert result.cells[("indicator", "resident_population", 2020)].cell == "H5"
    assert result.cells[("meetings", 0, "date")].sheet == "HEP Fórum"


@pytest.mark.parametrize("path", [FILLED, FILLED_FRAME], ids=["before_frame", "with_frame"])
def test_a_version_1_workbook_validates_as_the_same_plan_in_version_2(path, tmp_path):
    v1 = validate(read_workbook(path))
    v2 = validate(read_workbook(write_workbook(made_from(path), tmp_path / "v2.xlsx")))
    assert sorted((f.rule_id, f.field) for f in v1.findings) == sorted((f.rule_id, f.field) for f in v2.findings)
    assert v1.scores == v2.scores
    # the same for the blank template: every finding on one of its sheets points at a cell there (the
    # frame's findings name the sheet a workbook made before the frame has not got)
    blank = validate(read_workbook(BLANK))
    sheets = openpyxl.load_workbook(BLANK, read_only=True).sheetnames
    assert blank.has_errors and all(f.cell for f in blank.findings if f.sheet in sheets)


def test_write_back_into_a_version_1_workbook(filled):
    """The report goes where version 1 had it, its old score columns (I–J) cleared; the
    highlights and marks work; no overview sheet is needed."""
    wb = openpyxl.load_workbook(filled)
    wb["Településadatok"]["B5"] = "10899"  # a wrong check digit: an error to highlight
    wb.save(filled)
    result = read_workbook(filled)
    write_report(filled, validate(result), result)
    ws = openpyxl.load_workbook(filled)["Ellenőrzés"]
    assert ws["A2"].value.startswith("Ellenőrizve:") and ws["A3"].value.startswith("Teljesség:")
    assert [c.value for c in ws[4][:7]] == ["Súlyosság", "Szabály", "Munkalap", "Cella", "Mező", "Érték", "Üzenet"]
    assert all(ws[f"{c}{r}"].value is None for c in "IJ" for r in range(4, 12))  # version 1's score block
    rows = [r for r in ws.iter_rows(min_row=5, values_only=True) if any(r)]
    assert ("SET-003", "Településadatok", "B5", "KSH településazonosító törzsszám") in [r[1:5] for r in rows]
    assert ("Településadatok", "B5") in read_marks(filled)
    assert read_workbook(filled).hep.settlement.ksh_code == "10899"


def test_fill_a_version_1_blank_template(tmp_path):
    blank = Path(shutil.copy(BLANK, tmp_path / "sablon_v1.xlsx"))
    assert main(["fill", str(blank), *map(str, export_paths())]) == 0
    hep = read_workbook(blank).hep
    assert hep.indicators["resident_population"].values == build_sample_hep().indicators["resident_population"].values


def test_round_trips_of_a_version_1_workbook(tmp_path, capsys):
    """Workbook v1 -> JSON -> workbook v2 -> model, and v1 -> v2 directly: the same plan."""
    original = read_workbook(FILLED).hep
    out = tmp_path / "v1.json"
    assert main(["export", "json", str(FILLED), "-o", str(out), "--no-validate"]) == 0
    assert main(["import", "json", str(out), "-o", str(tmp_path / "v2.xlsx")]) == 0
    again = read_workbook(tmp_path / "v2.xlsx")
    assert again.template_version == TEMPLATE_VERSION and again.hep == original
    assert read_workbook(write_workbook(original, tmp_path / "direct.xlsx")).hep == original
    doc = hep_to_dict(original, template_version="1")
    assert doc["template_version"] == "1"
    assert validate_hep(original).scores == validate(read_workbook(FILLED)).scores
    capsys.readouterr()


def test_the_ribbon_validates_a_version_1_workbook(filled):
    import hep_xl.macros as m

    from .xlwings_harness import run_macro

    run_macro(filled, m.validate)
    ws = openpyxl.load_workbook(filled)["Ellenőrzés"]
    assert ws["A2"].value.startswith("Ellenőrizve:")


def test_an_unknown_template_version_is_refused_by_name(tmp_path, capsys):
    wb = openpyxl.load_workbook(FILLED)
    wb["_hep_meta"]["B1"] = "7"
    path = tmp_path / "jovo.xlsx"
    wb.save(path)
    with pytest.raises(HepReadError, match=r"ismeretlen sablonverzió: „7” \(ismert: 1, 2, 3\)"):
        read_workbook(path)
    assert main(["validate", str(path)]) == 2
    assert "„7”" in capsys.readouterr().err


def test_a_version_2_workbook_reads_without_the_monitoring_and_takes_it_in_version_3(tmp_path):
    """A workbook made before the Megvalósítás sheet (template version 2, committed in
    tests/data/template_v2/) reads as the plan without the monitoring, validates without the
    monitoring's rules (it cannot hold what they ask for), and a version-3 workbook written from it
    gets the monitoring's sheet, tables and columns, empty, ready to fill."""
    result = read_workbook(V2)
    assert result.template_version == "2" and result.issues == []
    assert result.hep == without_monitoring(build_sample_hep())
    assert not [f for f in validate(result).findings if f.rule_id.startswith("MON-")]
    v3 = read_workbook(write_workbook(result.hep, tmp_path / "v3.xlsx"))
    assert v3.template_version == TEMPLATE_VERSION == "3" and v3.hep == result.hep
    assert v3.cells[("table", "progress")].sheet == "Megvalósítás"
    assert v3.cells[("table", "reports")].sheet == "HEP Fórum – beszámolók"
