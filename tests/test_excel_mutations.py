"""Each way the macro-enabled workbook has been broken without the suite noticing, applied to a
generated file: the artifact check (tests/excel_check.py) must reject every one of them.

The tenth, the status bar left set after a macro, is not a property of the file: it is the entry
"ribbon-status-bar-never-cleared" of tests/mutations.toml, caught by a harness run in
tests/test_excel_macros.py.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from hep_xl.excel import vba
from hep_xl.excel.build import build_new

from .excel_check import check_xlsm


def _rewrite(src: Path, dst: Path, part: str, change: Callable[[bytes], bytes]) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            body = zin.read(info.filename)
            if info.filename == part:
                new = change(body)
                assert new != body, f"the mutation did not change {part}"
                body = new
            zout.writestr(info, body)


def _text(old: str, new: str, count: int = 1) -> Callable[[bytes], bytes]:
    def change(body: bytes) -> bytes:
        return body.decode("utf-8").replace(old, new, count).encode("utf-8")
    return change


def _sheet_count(src: Path) -> int:
    with zipfile.ZipFile(src) as zf:
        return len([n for n in zf.namelist() if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)])


def _vba(modules=None, references=vba.REFERENCES) -> Callable[[Path, Path], None]:
    """Rebuild the file's vbaProject.bin from changed modules or references."""
    def apply(src: Path, dst: Path) -> None:
        mods = vba.default_modules(_sheet_count(src))
        mods = modules(mods) if modules else mods
        out = dst.with_suffix(".bin")
        vba.build_vba_project(mods, out, references=references)
        _rewrite(src, dst, "xl/vbaProject.bin", lambda _: out.read_bytes())
    return apply


def _ribbon_module(old: str, new: str):
    def change(mods: list[vba.VbaModule]) -> list[vba.VbaModule]:
        out = []
        for m in mods:
            if m.name == vba.HEP_MODULE_NAME:
                assert old in m.source
                m = vba.VbaModule(m.name, m.source.replace(old, new, 1))
            out.append(m)
        return out
    return change


def _xlwings_as_document(mods: list[vba.VbaModule]) -> list[vba.VbaModule]:
    return [vba.VbaModule(m.name, m.source, document=True) if m.name == "xlwings" else m for m in mods]


@dataclass(frozen=True)
class Mutation:
    id: str
    apply: Callable[[Path, Path], None]
    expect: str  # a phrase of the problem the check must report


def _part(part: str, old: str, new: str) -> Callable[[Path, Path], None]:
    return lambda src, dst: _rewrite(src, dst, part, _text(old, new))


UI = "customUI/customUI14.xml"
MUTATIONS = [
    Mutation("runpython-imports-a-missing-module",
             _vba(_ribbon_module("import hep_xl.macros as m", "import hep_xl.macro as m")),
             "import hep_xl.macro"),
    Mutation("runpython-misspelled",  # a compile error in Excel ("Sub or Function not defined")
             _vba(_ribbon_module('    RunPython "import hep_xl.macros as m; m.validate()"',
                                 '    RunPyton "import hep_xl.macros as m; m.validate()"')),
             "RunPyton"),
    Mutation("ribbon-relationship-2006",
             _part("_rels/.rels", "office/2007/relationships/ui/extensibility",
                   "office/2006/relationships/ui/extensibility"),
             "relationship type"),
    Mutation("ribbon-namespace-2006",
             _part(UI, "http://schemas.microsoft.com/office/2009/07/customui",
                   "http://schemas.microsoft.com/office/2006/01/customui"),
             "namespace"),
    Mutation("ribbon-invalid-size", _part(UI, 'size="large"', 'size="big"'), "schema"),
    Mutation("ribbon-unknown-imageMso",  # an Outlook control: Excel shows a blank button
             lambda src, dst: _rewrite(src, dst, UI, lambda b: re.sub(rb'imageMso="\w+"',
                                                                      b'imageMso="AcceptInvitation"', b, count=1)),
             "imageMso 'AcceptInvitation'"),
    Mutation("office-reference-dropped",  # IRibbonControl no longer resolves
             _vba(references=tuple(r for r in vba.REFERENCES if r.name != "Office")),
             "Microsoft Office Object Library"),
    Mutation("xlwings-stored-as-document-module", _vba(_xlwings_as_document), "not a standard module"),
    Mutation("settings-key-misspelled", _part("xl/sharedStrings.xml", ">Show Console<", ">Show Consol<"),
             "not a setting xlwings reads"),
]


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("mut") / "pelda.xlsm"
    build_new(path, settlement="Példafalva", ksh_code="12344", start_year=2025)
    return path


def test_the_unmutated_file_passes(generated):
    assert check_xlsm(generated) == []


@pytest.mark.parametrize("mutation", MUTATIONS, ids=[m.id for m in MUTATIONS])
def test_the_artifact_check_rejects(mutation, generated, tmp_path):
    src = tmp_path / "src.xlsm"
    shutil.copy(generated, src)
    dst = tmp_path / "mutant.xlsm"
    mutation.apply(src, dst)
    problems = check_xlsm(dst)
    assert problems, f"{mutation.id}: the check passed a broken file"
    assert any(mutation.expect in p for p in problems), (mutation.id, problems)


def test_nine_file_mutations_and_the_status_bar_make_ten():
    from . import mutation_run

    assert len(MUTATIONS) == 9 and len({m.id for m in MUTATIONS}) == 9
    assert "ribbon-status-bar-never-cleared" in {m.id for m in mutation_run.load()}
