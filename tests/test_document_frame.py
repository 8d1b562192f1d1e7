"""The document frame: the parts a published HEP has around the decree's annexes, as catalog data
(``document.json``, labelled as the HEP template's, not the decree's); their input cells in the
workbook; the model, the JSON document and the validator."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl

from hep_xl.catalog import FRAME_ANNEXES, load_catalog
from hep_xl.export.json_doc import check_document, hep_from_dict, hep_to_dict
from hep_xl.model import MEASURE_FORM_FIELDS, FrameText, Measure, fields_of
from hep_xl.sample import build_sample_hep
from hep_xl.validate import validate
from hep_xl.workbook import layout as L
from hep_xl.workbook.reader import read_workbook
from hep_xl.workbook.writer import write_workbook

CAT = load_catalog()
ROOT = Path(__file__).resolve().parents[1]
BEFORE = Path(__file__).parent / "data" / "before_frame" / "peldafalva_template1.xlsx"


def test_the_frame_is_practice_data_in_the_order_published_heps_use():
    raw = json.loads((ROOT / "hep_xl" / "catalog" / "emmi_2012" / "document.json").read_text(encoding="utf-8"))
    assert raw["source"].startswith("Nem a rendelet szövege") and "HEP-sablon" in raw["source"]
    headings = [p.heading for p in CAT.frame_parts]
    order = ["Bevezetés", "A település bemutatása", "Értékeink, küldetésünk", "Célok",
             "A Helyi Esélyegyenlőségi Program Helyzetelemzése (HEP HE)", "A HEP IT részletei",
             "A helyzetelemzés megállapításainak összegzése", "Az intézkedési területek részletes kifejtése",
             "Megvalósítás", "A megvalósítás előkészítése", "A megvalósítás folyamata", "Monitoring és visszacsatolás",
             "Nyilvánosság", "Érvényesülés, módosítás", "Kötelezettségek és felelősség", "Elfogadás módja és dátuma"]
    assert [h for h in headings if h in order] == order
    generated = [p.generated for p in CAT.frame_parts if p.generated]
    assert all(generated.count(a) == 1 for a in FRAME_ANNEXES)
    for p in CAT.written_parts:
        assert p.guidance, p.id
    # the six parts of the implementation chapter are written by the clerk
    implementation = headings.index("Megvalósítás")
    assert [p.written for p in CAT.frame_parts[implementation + 1:implementation + 7]] == [True] * 6
    # a measure's extra form fields follow known column roles and are model fields
    assert {name for name, _ in CAT.measure_form_after} == set(MEASURE_FORM_FIELDS)
    assert set(MEASURE_FORM_FIELDS) <= {f.name for f in fields_of(Measure)}


def test_frame_sheet_has_its_table_and_defined_names(tmp_path):
    hep = build_sample_hep()
    path = tmp_path / "minta.xlsx"
    write_workbook(hep, path)
    wb = openpyxl.load_workbook(path)
    ws = wb[L.SHEETS.frame]
    table = ws.tables[L.FRAME_TABLE]
    rows = list(ws[table.ref])
    assert [c.value for c in rows[0]] == [L.FRAME_ID, L.FRAME_CHAPTER, L.FRAME_HEADING, L.FRAME_GUIDANCE,
                                          L.FRAME_TEXT]
    assert [r[0].value for r in rows[1:]] == [p.id for p in CAT.written_parts]
    for part in CAT.written_parts:  # each text cell is named, and holds the part's text
        sheet, cell = list(wb.defined_names[L.frame_part_name(part.id)].destinations)[0]
        assert sheet == L.SHEETS.frame
        assert ws[cell].value == hep.frame_text(part.id)
        assert not ws[cell].protection.locked
    sheet, cell = list(wb.defined_names[L.ISSUING_BODY_NAME].destinations)[0]
    assert ws[cell].value == "Példafalva Község Önkormányzata"
    # the action plan's tables carry the detail form's columns after the decree's
    ap = wb[L.SHEETS.action_plan]
    headers = [c.value for c in ap[ap.tables[L.measures_table("I")].ref][0]]
    assert headers == L.measure_headers(CAT)
    result = read_workbook(path)
    assert result.issues == [] and result.hep == hep


def test_a_workbook_made_before_the_frame_reads_as_an_empty_frame():
    result = read_workbook(BEFORE)
    assert result.issues == []
    hep = result.hep
    assert hep.frame.texts == {} and hep.frame.issuing_body == ""
    assert all(getattr(m, f) == "" for m in hep.measures for f in MEASURE_FORM_FIELDS)
    sample = build_sample_hep()
    assert hep.settlement == sample.settlement and hep.measures[0].title == sample.measures[0].title
    # what is missing is what the validator asks for
    rules = {f.rule_id for f in validate(result).findings}
    assert {"DOC-001", "DOC-003"} <= rules


def test_frame_text_clerk_typed_is_cleaned_and_a_typo_id_is_an_issue(tmp_path):
    path = tmp_path / "k.xlsx"
    write_workbook(build_sample_hep(), path)
    wb = openpyxl.load_workbook(path)
    ws = wb[L.SHEETS.frame]
    rows = list(ws[ws.tables[L.FRAME_TABLE].ref])
    rows[1][4].value = "  Új bevezetés.  "
    rows[2][0].value = "telepules"
    wb.save(path)
    result = read_workbook(path)
    assert result.hep.frame_text("introduction") == "Új bevezetés."
    assert "settlement_profile" not in result.hep.frame.texts
    (issue,) = result.issues
    assert issue.value == "telepules" and issue.sheet == L.SHEETS.frame


def test_json_document_of_schema_1_0_reads_as_2_0_with_an_empty_frame():
    hep = build_sample_hep()
    doc = hep_to_dict(hep)
    assert list(doc["frame"]["texts"]) == [p.id for p in CAT.written_parts if hep.frame_text(p.id)]
    assert doc["measures"]["I"][0]["partners"] == hep.measures[0].partners
    old = {k: v for k, v in doc.items() if k != "frame"}
    old["schema_version"] = "1.0"
    old["measures"] = {g: [{k: v for k, v in m.items() if k not in MEASURE_FORM_FIELDS} for m in rows]
                       for g, rows in doc["measures"].items()}
    check_document(old)
    back = hep_from_dict(old)
    assert back.frame.texts == {} and back.measures[0].partners == ""
    assert back.measures[0].title == hep.measures[0].title
    assert "frame" not in old  # the caller's document is not changed


def test_frame_text_survives_the_json_document():
    hep = build_sample_hep()
    hep.frame.texts["vision"] = FrameText("vision", "Első bekezdés.\nMásodik bekezdés.")
    hep.measures[0].deadline = dt.date(2027, 6, 30)
    doc = json.loads(json.dumps(hep_to_dict(hep)))
    check_document(doc)
    assert hep_from_dict(doc) == hep
