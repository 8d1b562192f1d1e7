"""Every command that writes a workbook keeps a clerk's text as text, never replaces a file
without --force, never loses what openpyxl cannot keep, copies no hostile zip member name, leaves
no temporary file behind after a kill, and says in Hungarian when the disk is full."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from hep_xl.cli import main
from hep_xl.excel.build import write_any
from hep_xl.export.json_doc import check_document, hep_to_dict, to_json_bytes
from hep_xl.sample import build_sample_hep
from hep_xl.sample.exports.make_exports import export_paths
from hep_xl.workbook import SHEETS
from hep_xl.workbook import layout as L
from hep_xl.workbook.reader import read_workbook

from .hostile import LEAKS, demo_workbook, rezip, run_cli, sheet_part, sub

PREFIXES = ("=", "+", "-", "@")
SAMPLE_CODE = build_sample_hep().settlement.ksh_code  # fictional: not in the KSH register, any name goes
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def formulas(path: Path) -> dict[str, list[bytes]]:
    """Every cell formula (<f> element) in every worksheet of the package (a sparkline's or an
    extension's range, <xm:f>, is a reference, not a cell's formula)."""
    out = {}
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                found = re.findall(rb"<(?!xm:)(?:\w+:)?f\b[^>]*>.*?</(?:\w+:)?f>|<(?!xm:)(?:\w+:)?f\b[^>]*/>",
                                   zf.read(name))
                if found:
                    out[name] = found
    return out


def _prefixed(doc, prefix: str):
    """The document with ``prefix`` put before every free text (not dates, versions, "nincs adat")."""
    if isinstance(doc, dict):
        return {k: (v if k in ("schema_version", "catalog_version", "template_version", "validation")
                    else _prefixed(v, prefix)) for k, v in doc.items()}
    if isinstance(doc, list):
        return [_prefixed(v, prefix) for v in doc]
    if isinstance(doc, str) and doc and doc != "nincs adat" and not _DATE.match(doc):
        return prefix + doc
    return doc


def _texts(doc, path="$"):
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield from _texts(v, f"{path}.{k}")
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            yield from _texts(v, f"{path}[{i}]")
    elif isinstance(doc, str):
        yield path, doc


# -- text stays text --------------------------------------------------------------------------------

@pytest.mark.parametrize("prefix", PREFIXES)
def test_import_writes_every_text_as_text(prefix, tmp_path, capsys):
    doc = _prefixed(hep_to_dict(build_sample_hep()), prefix)
    check_document(doc)
    src = tmp_path / "be.json"
    src.write_bytes(to_json_bytes(doc))
    wb = tmp_path / "ki.xlsx"
    assert main(["import", "json", str(src), "-o", str(wb)]) == 0
    assert formulas(wb) == {}
    back = hep_to_dict(read_workbook(wb).hep)
    assert dict(_texts(back)) == dict(_texts(doc))  # every text came back as it was written


@pytest.mark.parametrize("prefix", PREFIXES)
def test_new_writes_the_settlement_name_as_text(prefix, tmp_path, capsys):
    wb = tmp_path / "uj.xlsx"
    assert main(["new", f"--settlement={prefix}HYPERLINK(\"http://x\")", "--ksh-code", SAMPLE_CODE,
                 "--start-year", "2025", "-o", str(wb)]) == 0
    assert formulas(wb) == {}
    assert read_workbook(wb).hep.settlement.name == f"{prefix}HYPERLINK(\"http://x\")"


def _clerk_texts(path: Path, prefix: str) -> Path:
    """A filled workbook whose clerk wrote source and note texts that begin with ``prefix``."""
    hep = build_sample_hep()
    for s in hep.indicators.values():
        s.source, s.note = f'{prefix}HYPERLINK("http://x";"forrás")', f"{prefix}1+1 megjegyzés"
        s.values.pop(2024, None)  # something for fill to write
    hep.checklist["1.1"].narrative = f"{prefix}cmd|' /C calc'!A0"
    write_any(hep, path)
    return path


@pytest.mark.parametrize("prefix", PREFIXES)
def test_fill_and_write_back_store_texts_as_texts(prefix, tmp_path, capsys):
    wb = _clerk_texts(tmp_path / "kitoltott.xlsx", prefix)
    assert formulas(wb) == {}
    data = []
    for i, p in enumerate(export_paths()):  # data files whose names begin with the prefix too
        target = tmp_path / f"{prefix}{i}+1{p.suffix}"
        shutil.copy(p, target)
        data.append(str(target))
    assert main(["fill", str(wb), *data, "--overwrite"]) in (0, 1)
    assert formulas(wb) == {}
    main(["validate", "--write-back", str(wb)])
    assert formulas(wb) == {}
    capsys.readouterr()
    out = tmp_path / "ki.json"
    assert main(["export", "json", str(wb), "-o", str(out)]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    series = doc["indicators"]["resident_population"]
    assert series["source"].startswith(f'{prefix}HYPERLINK("http://x";"forrás")') and f"{prefix}0+1" in series["source"]
    assert series["note"].startswith(f"{prefix}1+1 megjegyzés") and "betöltve:" in series["note"]
    assert doc["checklist"]["1.1"]["narrative"] == f"{prefix}cmd|' /C calc'!A0"


def test_install_writes_an_interpreter_path_as_text(tmp_path, capsys):
    wb = tmp_path / "makro.xlsm"
    write_any(build_sample_hep(), wb)
    (tmp_path / "=python").write_text("")
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        assert main(["install", str(wb), "--interpreter", "=python"]) == 0
    finally:
        os.chdir(cwd)
    assert formulas(wb) == {}


def test_formulas_the_workbook_had_stay_formulas(tmp_path, capsys):
    wb = demo_workbook(tmp_path / "keplet.xlsx")
    book = openpyxl.load_workbook(wb)
    book[L.SHEETS.instructions]["B2"] = "=1+1"
    book.save(wb)
    assert main(["validate", "--write-back", str(wb)]) == 0
    assert list(formulas(wb).values()) == [[b"<f>1+1</f>"]]


# -- no file replaced without --force -------------------------------------------------------------

def test_import_json_does_not_replace_an_existing_workbook_without_force(tmp_path, capsys):
    src = tmp_path / "be.json"
    other = build_sample_hep()
    other.settlement.name = "Másikfalva"
    src.write_bytes(to_json_bytes(hep_to_dict(other)))
    wb = demo_workbook(tmp_path / "kitoltott.xlsx")
    before = wb.read_bytes()
    assert main(["import", "json", str(src), "-o", str(wb)]) == 2
    err = capsys.readouterr().err
    assert str(wb) in err and "--force" in err
    assert wb.read_bytes() == before
    assert main(["import", "json", str(src), "-o", str(wb), "--force"]) == 0
    assert wb.read_bytes() != before


@pytest.mark.parametrize("fmt", ["json", "docx"])
def test_export_does_not_replace_an_existing_file_without_force(fmt, tmp_path, capsys):
    wb = demo_workbook(tmp_path / "kitoltott.xlsx")
    out = tmp_path / f"ki.{fmt}"
    out.write_bytes(b"a clerk's own edited copy")
    assert main(["export", fmt, str(wb), "-o", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert out.read_bytes() == b"a clerk's own edited copy"
    assert main(["export", fmt, str(wb), "-o", str(out), "--force"]) == 0
    assert out.read_bytes() != b"a clerk's own edited copy"


# -- what openpyxl cannot keep ----------------------------------------------------------------------

def _drawing_from_xlsxwriter(tmp_path: Path, add) -> dict[str, bytes]:
    """The drawing (and VML) parts xlsxwriter writes for ``add(worksheet)`` (Excel-shaped XML)."""
    path = tmp_path / "rajz.xlsx"
    book = xlsxwriter.Workbook(str(path))
    add(book.add_worksheet())
    book.close()
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist() if n.startswith("xl/drawings/") or n.startswith("xl/media/")}


# a sheet with a table and no drawing of its own (the indicators sheet has its notes' drawing, the
# overview its charts'): the object is drawn there, in parts of names the workbook does not use
OBJECT_SHEET_NAME = SHEETS.conclusions
OBJECT_SHEET = sheet_part(OBJECT_SHEET_NAME)


def _renamed(parts: dict[str, bytes]) -> dict[str, bytes]:
    """xlsxwriter's drawing parts (drawing1, vmlDrawing1) under names the demo workbook has not used."""
    def new(name: str) -> str:
        return name.replace("drawing1.", "drawing9.").replace("vmlDrawing1.", "vmlDrawing9.")
    return {new(n): data for n, data in parts.items()}


def _png(width: int = 8, height: int = 8) -> bytes:
    """A small red PNG, built by hand (chunks with their CRCs)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\0" + b"\xff\x00\x00" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _with_object(demo: Path, dst: Path, kind: str) -> Path:
    """The demo workbook with a text box, a form button or a picture drawn on the conclusions sheet."""
    if kind == "textbox":
        parts = _drawing_from_xlsxwriter(dst.parent, lambda ws: ws.insert_textbox(
            "R5", "A KSH 2024-es adatai júniusban jönnek", {"object_position": 1}))
        element, rel_type, part = b"drawing", b"drawing", "xl/drawings/drawing9.xml"
    elif kind == "button":
        parts = _drawing_from_xlsxwriter(dst.parent, lambda ws: ws.insert_button("R5", {"caption": "Frissítés"}))
        element, rel_type, part = b"legacyDrawing", b"vmlDrawing", "xl/drawings/vmlDrawing9.vml"
    else:
        image = dst.parent / "piros.png"
        image.write_bytes(_png())
        parts = _drawing_from_xlsxwriter(dst.parent, lambda ws: ws.insert_image("R5", str(image)))
        element, rel_type, part = b"drawing", b"drawing", "xl/drawings/drawing9.xml"
    parts = _renamed(parts)
    rels_name = OBJECT_SHEET.replace("worksheets/", "worksheets/_rels/") + ".rels"
    rel = (b'<Relationship Id="rIdObj" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
           + rel_type + b'" Target="../' + part[3:].encode() + b'"/>')
    ctype = (b'<Override PartName="/xl/drawings/drawing9.xml" ContentType="application/vnd.openxmlformats-'
             b'officedocument.drawing+xml"/>' if element == b"drawing" else
             b'<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>')
    extra_types = b'<Default Extension="png" ContentType="image/png"/>' if kind == "picture" else b""
    with zipfile.ZipFile(demo) as zf:  # (the workbook may know the vml extension already: its notes)
        if b'Extension="vml"' in zf.read("[Content_Types].xml") and element != b"drawing":
            ctype = b""
    return rezip(demo, dst, {
        OBJECT_SHEET: sub(rb"<tableParts", b"<" + element + b' xmlns:r="http://schemas.openxmlformats.org/'
                          b'officeDocument/2006/relationships" r:id="rIdObj"/><tableParts'),
        rels_name: sub(rb"</Relationships>", rel + b"</Relationships>"),
        "[Content_Types].xml": sub(rb"</Types>", ctype + extra_types + b"</Types>"),
    }, add=parts)


@pytest.mark.parametrize("kind,named", [("textbox", "szövegdoboz"), ("button", "gomb")])
@pytest.mark.parametrize("command", ["fill", "write_back"])
def test_edit_that_would_drop_a_drawn_object_is_refused(kind, named, command, tmp_path, capfd):
    hep = build_sample_hep()
    for s in hep.indicators.values():
        s.values.pop(2024, None)  # something for fill to write
    write_any(hep, tmp_path / "minta.xlsx")
    wb = _with_object(tmp_path / "minta.xlsx", tmp_path / "rajzos.xlsx", kind)
    (tmp_path / "minta.xlsx").unlink()
    book = openpyxl.load_workbook(wb)  # the demo must still open: the object is where Excel puts it
    book.close()
    before = wb.read_bytes()
    args = ["fill", str(wb), *map(str, export_paths()), "--overwrite"] if command == "fill" else \
        ["validate", "--write-back", str(wb)]
    assert main(args) == 2
    out, err = capfd.readouterr()
    assert f"{wb}" in err and OBJECT_SHEET_NAME in err and named in err and "nem változott" in err, err
    assert not any(leak in out + err for leak in LEAKS)
    assert wb.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_edit_keeps_a_picture_openpyxl_can_keep(tmp_path, capfd):
    wb = _with_object(demo_workbook(tmp_path / "minta.xlsx"), tmp_path / "kepes.xlsx", "picture")
    assert main(["validate", "--write-back", str(wb)]) == 0
    with zipfile.ZipFile(wb) as zf:
        assert any(n.startswith("xl/media/") for n in zf.namelist())
        drawings = [zf.read(n) for n in zf.namelist() if n.startswith("xl/drawings/drawing")]
        assert any(b"<xdr:pic" in d or b"<pic" in d for d in drawings)


# -- hostile member names ---------------------------------------------------------------------------

def test_xlsm_write_back_does_not_carry_over_hostile_member_names(tmp_path, capfd):
    wb = tmp_path / "makro.xlsm"
    write_any(build_sample_hep(), wb)
    hostile = {"../../kiut.txt": b"x", "/abszolut.txt": b"x", "xl\\visszaper.bin": b"x", "xl/./pont.xml": b"x"}
    rezip(wb, tmp_path / "rossz.xlsm", add=hostile)
    bad = tmp_path / "rossz.xlsm"
    before = bad.read_bytes()
    assert main(["validate", "--write-back", str(bad)]) == 2
    out, err = capfd.readouterr()
    assert "szabálytalan nevű" in err and "../../kiut.txt" in err, err
    assert bad.read_bytes() == before
    # the same workbook without them is written back, VBA and all
    assert main(["validate", "--write-back", str(wb)]) == 0
    with zipfile.ZipFile(wb) as zf:
        assert "xl/vbaProject.bin" in zf.namelist()


# -- temporary files of a killed edit -----------------------------------------------------------------

_KILLED_WRITER = textwrap.dedent("""
    import os, signal, sys
    from hep_xl.files import atomic_output
    with atomic_output(sys.argv[1]) as tmp:
        tmp.write_bytes(b"felig irt munkafuzet")
        if sys.argv[2] == "kill":
            os.kill(os.getpid(), signal.SIGKILL)
        print("irok", flush=True)
        sys.stdin.readline()  # hold the temporary file until told
""")


def test_temporary_file_of_a_killed_write_back_is_removed_by_the_next_edit(tmp_path, capfd):
    wb = demo_workbook(tmp_path / "minta.xlsx")
    killed = subprocess.run([sys.executable, "-c", _KILLED_WRITER, str(wb), "kill"])
    assert killed.returncode == -signal.SIGKILL
    (stale,) = [p for p in tmp_path.iterdir() if p.name.startswith(".minta.xlsx.")]
    # a writer that is alive right now keeps its temporary file
    live = subprocess.Popen([sys.executable, "-c", _KILLED_WRITER, str(wb), "hold"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    assert live.stdout.readline().strip() == "irok"
    held = {p for p in tmp_path.iterdir() if p.name.startswith(".minta.xlsx.")} - {stale}
    assert len(held) == 1
    assert main(["validate", "--write-back", str(wb)]) == 0
    assert not stale.exists() and all(p.exists() for p in held)
    live.communicate("\n", timeout=30)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


# -- a full disk, an unwritable target --------------------------------------------------------------

@pytest.fixture(scope="module")
def full_disk_inputs(tmp_path_factory):
    d = tmp_path_factory.mktemp("lemez")
    hep = build_sample_hep()
    for s in hep.indicators.values():
        s.values.pop(2024, None)  # something for fill to write
    wb = d / "minta.xlsx"
    write_any(hep, wb)
    doc = d / "be.json"
    doc.write_bytes(to_json_bytes(hep_to_dict(build_sample_hep())))
    return wb, doc


FULL_DISK = {
    "import_json": lambda wb, doc, out: ["import", "json", doc, "-o", out / "uj.xlsx"],
    "export_json": lambda wb, doc, out: ["export", "json", wb, "-o", out / "ki.json"],
    "export_docx": lambda wb, doc, out: ["export", "docx", wb, "-o", out / "ki.docx"],
    "new": lambda wb, doc, out: ["new", "--settlement", "Példafalva", "--ksh-code", SAMPLE_CODE, "--start-year",
                                 "2025", "-o", out / "uj.xlsx"],
    "fill": lambda wb, doc, out: ["fill", wb, *export_paths(), "--overwrite"],
    "write_back": lambda wb, doc, out: ["validate", "--write-back", wb],
    "convert": lambda wb, doc, out: ["convert", wb, "--out", out / "archiv", "--to", "json,docx", "--jobs", "1"],
}


@pytest.mark.parametrize("command", sorted(FULL_DISK))
def test_full_disk_is_said_in_hungarian_and_changes_nothing(command, full_disk_inputs, tmp_path):
    wb_src, doc = full_disk_inputs
    wb = tmp_path / wb_src.name
    shutil.copy(wb_src, wb)
    out = tmp_path / "ki"
    out.mkdir()
    before = wb.read_bytes()
    run = run_cli(*FULL_DISK[command](wb, doc, out), fsize_limit=20_000)
    run.assert_clean()
    if command == "convert":  # a batch records the item as failed, with the reason, and goes on
        assert run.code == 1, (run.out, run.err)
        (item,) = json.loads((out / "archiv" / "manifest.json").read_text(encoding="utf-8"))["items"]
        assert item["status"] == "failed" and "elfogyott a hely" in item["error"], item
        assert item["outputs"] == {}
    else:
        assert run.code == 2, (run.out, run.err)
        assert "elfogyott a hely" in run.err or "megtelt a lemez" in run.err, run.err
    assert "nyitva van Excelben" not in run.err
    assert wb.read_bytes() == before
    left = [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]
    assert left == []
    if command != "convert":
        assert sorted(p.name for p in out.iterdir()) == []
    else:
        assert sorted(p.name for p in (out / "archiv").iterdir()) == ["manifest.csv", "manifest.json"]


@pytest.mark.parametrize("command", ["import_json", "export_json", "export_docx", "new"])
def test_output_path_that_cannot_be_written_is_exit_2_in_hungarian(command, full_disk_inputs, tmp_path, capsys):
    wb, doc = full_disk_inputs
    blocker = tmp_path / "ki"
    blocker.write_text("ez egy fájl, nem mappa")  # so ki/… cannot be created
    args = [str(a) for a in FULL_DISK[command](wb, doc, blocker)]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "nem mappa" in err and "Errno" not in err and "Traceback" not in err, err


def test_a_user_error_is_exit_2_also_when_run_as_python_m_hep_xl_cli(tmp_path):
    """``python -m hep_xl.cli`` loads the module twice (as __main__ and as hep_xl.cli): the commands'
    UserError must still be caught, not reported as an internal error."""
    run = run_cli("new", "-o", tmp_path / "uj.xlsx")
    run.assert_clean()
    assert run.code == 2 and "adja meg a települést" in run.err and "belső hiba" not in run.err, run.err
