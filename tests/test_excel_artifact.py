"""The macro-enabled workbook as a file: ribbon part, VBA project (read back with oletools),
the embedded xlwings module, the settings sheet, LibreOffice, and the ms-ovba compression patch."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
import xlwings

from hep_xl.excel import ribbon, vba
from hep_xl.excel.build import build_new
from hep_xl.excel.xlsm import write_xlsm
from hep_xl.workbook import SHEET_ORDER
from hep_xl.workbook.reader import read_workbook
from hep_xl.workbook.writer import blank_hep

from .conftest import needs_soffice
from .excel_check import check_ribbon, check_xlsm, excel_control_ids, xlwings_config_keys
from .render import pdf_text, to_pdf
from .vba_read import vba_modules


@pytest.fixture(scope="module")
def xlsm(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("xlsm") / "pelda.xlsm"
    build_new(path, settlement="Példafalva", ksh_code="12344", start_year=2025)
    return path


def test_ribbon_part_and_relationship(xlsm):
    xml, rels = ribbon.read_ribbon(xlsm)
    assert xml is not None
    assert 'xmlns="http://schemas.microsoft.com/office/2009/07/customui"' in xml
    assert len(rels) == 1
    assert rels[0]["Type"] == "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
    assert rels[0]["Target"].lstrip("/") == "customUI/customUI14.xml"
    labels = re.findall(r'<button [^>]*label="([^"]+)"', xml)
    assert labels == ["Ellenőrzés", "Mutatók kitöltése", "JSON export", "Word export", "Beszámoló"]
    assert '<tab id="hepTab" label="HEP">' in xml


def test_ribbon_is_valid_against_microsofts_schema_and_uses_excel_icons(xlsm):
    xml, _ = ribbon.read_ribbon(xlsm)
    assert check_ribbon(xml.encode("utf-8")) == []
    icons = re.findall(r'imageMso="(\w+)"', xml)
    assert len(icons) == 5 and set(icons) <= excel_control_ids()
    # the check itself: Outlook/Access ids are not Excel controls, a bad size breaks the schema
    assert "AcceptInvitation" not in excel_control_ids() and "ErrorChecking" in excel_control_ids()
    assert check_ribbon(xml.replace('size="large"', 'size="huge"', 1).encode())


def test_every_on_action_has_a_ribbon_callback_in_the_vba_source(xlsm):
    xml, _ = ribbon.read_ribbon(xlsm)
    code = vba_modules(xlsm)["HepRibbon"]
    actions = re.findall(r'onAction="(\w+)"', xml)
    assert actions == ["HepValidate", "HepFillIndicators", "HepExportJson", "HepExportWord",
                       "HepExportReport"]
    for name in actions:
        assert re.search(rf"^Public Sub {name}\(control As IRibbonControl\)\r$", code, re.M), name
    # each callback runs one macro of hep_xl.macros, which must exist
    import hep_xl.macros as m

    for func in re.findall(r'RunPython "import hep_xl\.macros as m; m\.(\w+)\(\)"', code):
        assert callable(getattr(m, func))


def test_generated_xlsm_passes_the_artifact_check(xlsm):
    assert check_xlsm(xlsm) == []


def test_olevba_lists_every_module_byte_identical(xlsm):
    found = vba_modules(xlsm)
    sheets = [f"Sheet{i}" for i in range(1, len(SHEET_ORDER) + 2)]  # the HEP sheets and the xlwings.conf sheet
    assert list(found) == ["ThisWorkbook", *sheets, "xlwings", "HepRibbon"]
    # document modules exactly as Excel itself writes them (xlwings' Excel-made quickstart.xlsm)
    excel = vba_modules(Path(xlwings.__file__).parent / "quickstart.xlsm")
    assert found["ThisWorkbook"] == excel["ThisWorkbook"]
    for name in sheets:
        assert found[name] == excel["Sheet1"].replace('"Sheet1"', f'"{name}"'), name
    ribbon_source = (Path(vba.__file__).parent / "vba" / "HepRibbon.bas").read_bytes().decode("ascii")
    assert found["HepRibbon"] == ribbon_source.replace("\r\n", "\n").replace("\n", "\r\n")


def test_embedded_xlwings_module_matches_installed_xlwings(xlsm):
    code = vba_modules(xlsm)["xlwings"]
    assert vba.xlwings_module_version(code) == xlwings.__version__
    assert f'XLWINGS_VERSION As String = "{xlwings.__version__}"' in code
    assert "xlwings is distributed under a BSD 3-clause license." in code
    assert code == vba.xlwings_module_path().read_text(encoding="cp1252").replace("\r\n", "\n").replace(
        "\n", "\r\n")


def test_our_module_is_ascii_only():
    raw = vba.HEP_MODULE_PATH.read_bytes()
    raw.decode("ascii")
    assert b"Attribute VB_Name = \"HepRibbon\"" in raw


def test_macro_enabled_parts_and_settings_sheet(xlsm):
    with zipfile.ZipFile(xlsm) as zf:
        types = zf.read("[Content_Types].xml").decode()
        wb_xml = zf.read("xl/workbook.xml").decode()
        assert "application/vnd.ms-excel.sheet.macroEnabled.main+xml" in types
        assert 'codeName="ThisWorkbook"' in wb_xml
        assert zf.testzip() is None
    import openpyxl

    wb = openpyxl.load_workbook(xlsm, keep_vba=True)
    ws = wb["xlwings.conf"]  # the name xlwings.bas looks for: PROJECT_NAME & ".conf"
    assert ws.sheet_state == "hidden"
    rows = [(r[0].value, r[1].value) for r in ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=2)]
    # only settings we set; no empty Interpreter_Win row hiding the user's own xlwings config
    # (xlwings' settings sheet: "If you delete a row from here, it will fall back to ... xlwings.conf")
    assert rows == [("Show Console", False)]
    assert {k.upper() for k, _ in rows} <= xlwings_config_keys()
    assert "SHOW CONSOLE" in xlwings_config_keys() and "INTERPRETER_WIN" in xlwings_config_keys()
    # still a HEP workbook for every reader
    result = read_workbook(xlsm)
    assert result.hep.settlement.name == "Példafalva"


def test_write_xlsm_is_atomic_and_rejects_other_suffix(tmp_path):
    with pytest.raises(ValueError):
        write_xlsm(blank_hep("A", "12344", 2025), tmp_path / "x.xlsx")
    assert not list(tmp_path.iterdir())


@needs_soffice
def test_libreoffice_loads_the_xlsm(xlsm, tmp_path):
    pdf = to_pdf(xlsm, tmp_path / "pdf")
    assert pdf.stat().st_size > 10_000
    text = pdf_text(pdf)
    assert "Településadatok" in text and "Példafalva" in text


# -- ms-ovba compression patch -------------------------------------------------------------------

def _round_trip(tmp_path: Path, source: str, patched: bool) -> str:
    out = tmp_path / ("patched.bin" if patched else "unpatched.bin")
    mod = vba.VbaModule("Long1", source)
    if patched:
        vba.build_vba_project([mod], out)
    else:
        with vba.unpatched_ms_ovba():
            vba.build_vba_project([mod], out, patched=False)
    return vba_modules(out)["Long1"]


def test_ms_ovba_round_trip_is_exact_only_with_the_patch(tmp_path):
    source = vba.xlwings_module_source()[:1500]  # real VBA text, > 650 bytes
    assert len(source) > 650
    assert _round_trip(tmp_path, source, patched=True) == source
    broken = _round_trip(tmp_path, source, patched=False)
    assert broken != source
    first_diff = next(i for i, (a, b) in enumerate(zip(broken, source)) if a != b)
    assert 400 < first_diff < 1500
    # the patch is back in place afterwards
    from ms_ovba_compression.ms_ovba import MsOvba

    assert MsOvba.copytoken_help(600)["maxLength"] == (0xFFFF >> 10) + 3
