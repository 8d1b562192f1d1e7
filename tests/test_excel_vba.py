"""The VBA project (vbaProject.bin) compared with one Excel itself wrote, read back by a second
program (LibreOffice), and its cache keyed by everything that goes into it."""

from __future__ import annotations

import hashlib
import re
import zipfile
from importlib import metadata
from pathlib import Path

import pytest
import xlwings

from hep_xl.excel import vba
from hep_xl.workbook import SHEET_ORDER

from .conftest import needs_soffice
from .excel_check import read_vba_project
from .render import convert

EXCEL_MADE = Path(xlwings.__file__).parent / "quickstart.xlsm"  # saved by desktop Excel


def _vba_bin(path: Path) -> bytes:
    with zipfile.ZipFile(path) as zf:
        return zf.read("xl/vbaProject.bin")


def _shape(project_text: str) -> list[str]:
    """The PROJECT stream's line structure: keys and section headers, module runs collapsed."""
    out: list[str] = []
    section = ""
    for line in project_text.split("\r\n"):
        if line.startswith("["):
            section = line
            out.append(line)
            continue
        key = line.split("=", 1)[0] if line else ""
        if key in ("Document", "Module", "Class", "BaseClass") or (section == "[Workspace]" and line):
            key = "<module>" if section != "[Workspace]" else "<window>"
            if out and out[-1] == key:
                continue
        elif section == "[Host Extender Info]" and line:
            key = "<host extender>"
        out.append(key)
    while out and out[-1] == "":  # Excel ends the stream with one more blank line
        out.pop()
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("vba") / "vbaProject.bin"
    return vba.build_vba_project(vba.default_modules(3), out)


def test_project_stream_is_shaped_like_the_one_excel_wrote(built):
    ours = read_vba_project(built.read_bytes())
    excel = read_vba_project(_vba_bin(EXCEL_MADE))
    assert _shape(ours.project_text) == _shape(excel.project_text)
    assert _shape(ours.project_text) == [
        "ID", "<module>", "Name", "HelpContextID", "VersionCompatible32", "CMG", "DPB", "GC", "",
        "[Host Extender Info]", "<host extender>", "", "[Workspace]", "<window>"]
    lines = ours.project_text.split("\r\n")
    assert 'VersionCompatible32="393222000"' in lines
    assert lines.index("&H00000001={3832D640-CF90-11CF-8E43-00A0C911005A};VBE;&H00000000") == \
        lines.index("[Host Extender Info]") + 1
    # one [Workspace] line per module, in the dir stream's order, as EPPlus and Excel write them
    names = [m.name for m in ours.modules]
    assert names == ["ThisWorkbook", "Sheet1", "Sheet2", "Sheet3", "xlwings", "HepRibbon"]
    window = lines[lines.index("[Workspace]") + 1:]
    assert [w for w in window if w] == [f"{n}=0, 0, 0, 0, C" for n in names]


def test_projectwm_names_every_module_like_excels(built):
    ours = read_vba_project(built.read_bytes())
    excel = read_vba_project(_vba_bin(EXCEL_MADE))
    # Excel's own PROJECTwm: MBCS name, NUL, UTF-16 name, NUL NUL per module, then NUL NUL
    for info in (excel, ours):
        expected = b"".join(m.name.encode("ascii") + b"\0" + m.name.encode("utf-16-le") + b"\0\0"
                            for m in info.modules) + b"\0\0"
        assert info.projectwm == expected
    assert {"PROJECT", "PROJECTwm", "VBA/dir", "VBA/_VBA_PROJECT"} <= ours.streams


def test_references_and_module_kinds_in_the_dir_stream(built):
    info = read_vba_project(built.read_bytes())
    assert [name for name, _ in info.references] == ["stdole", "Office"]
    assert info.references[0][1].startswith("*\\G{00020430-0000-0000-C000-000000000046}#2.0#0#")
    assert info.references[1][1].startswith("*\\G{2DF8D04C-5BFA-101B-BDE5-00AA0044DE52}#2.0#0#")
    kinds = {m.name: m.kind for m in info.modules}
    assert kinds == {"ThisWorkbook": 0x22, "Sheet1": 0x22, "Sheet2": 0x22, "Sheet3": 0x22,
                     "xlwings": 0x21, "HepRibbon": 0x21}


@needs_soffice
def test_libreoffice_reads_the_vba_project(tmp_path):
    """A second program imports every module with its kind and its text (LibreOffice turns the VBA
    project into a Basic library when it saves the workbook as .ods)."""
    from hep_xl.excel.build import build_new

    src = tmp_path / "makro.xlsm"
    build_new(src, settlement="Példafalva", ksh_code="12344", start_year=2025)
    with zipfile.ZipFile(convert(src, tmp_path, "ods")) as zf:
        library = zf.read("Basic/VBAProject/script-lb.xml").decode()
        names = sorted(re.findall(r'library:name="(\w+)"/>', library))
        sheets = [f"Sheet{i}" for i in range(1, len(SHEET_ORDER) + 2)]
        assert names == sorted(["ThisWorkbook", *sheets, "xlwings", "HepRibbon"])
        kinds = {}
        for name in names:
            xml = zf.read(f"Basic/VBAProject/{name}.xml").decode()
            kinds[name] = re.search(r'script:moduleType="(\w+)"', xml).group(1)
        ribbon_code = zf.read("Basic/VBAProject/HepRibbon.xml").decode()
    assert kinds.pop("xlwings") == "normal" and kinds.pop("HepRibbon") == "normal"
    assert set(kinds.values()) == {"document"}
    for sub in ("HepValidate", "HepFillIndicators", "HepExportJson", "HepExportWord", "HepExportReport"):
        assert f"Public Sub {sub}(control As IRibbonControl)" in ribbon_code


# -- the cache ---------------------------------------------------------------------------------------

def test_cache_key_covers_modules_references_and_builder():
    mods = vba.default_modules(2)
    key = vba.project_key(mods)
    assert key == vba.project_key(list(mods))  # the same inputs, the same key
    fewer_refs = tuple(r for r in vba.REFERENCES if r.name != "Office")
    assert vba.project_key(mods, fewer_refs) != key
    moved = (vba.REFERENCES[0],
             vba.TypeLibReference(**{**vba.REFERENCES[1].__dict__, "path": "C:\\Office15\\MSO.DLL"}))
    assert vba.project_key(mods, moved) != key
    as_document = [vba.VbaModule(m.name, m.source, document=m.name != "HepRibbon") for m in mods]
    assert vba.project_key(as_document) != key
    changed = [*mods[:-1], vba.VbaModule(mods[-1].name, mods[-1].source + "' x\r\n")]
    assert vba.project_key(changed) != key
    # the builder: this module's own text (layout, references, compression patch) and ms-ovba versions
    h = hashlib.sha256(Path(vba.__file__).read_bytes())
    for dist in ("ms-ovba", "ms-ovba-compression", "ms-ovba-crypto", "ms-cfb"):
        h.update(f";{dist}={metadata.version(dist)}".encode())
    assert vba.builder_fingerprint() == h.hexdigest()


def test_a_changed_reference_builds_a_new_binary(tmp_path, monkeypatch):
    monkeypatch.setenv("HEP_XL_CACHE_DIR", str(tmp_path))
    full = vba.vba_project_path(2)
    fewer = vba.vba_project_path(2, tuple(r for r in vba.REFERENCES if r.name != "Office"))
    assert full != fewer and full.parent == fewer.parent == tmp_path / "vba"
    assert [n for n, _ in read_vba_project(full.read_bytes()).references] == ["stdole", "Office"]
    assert [n for n, _ in read_vba_project(fewer.read_bytes()).references] == ["stdole"]
    assert vba.vba_project_path(2) == full  # reused, not rebuilt
