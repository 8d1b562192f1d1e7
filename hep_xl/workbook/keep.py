"""What openpyxl loses when it rewrites a workbook, put back (:func:`hep_xl.workbook.edit.edit_workbook`).

``hep-xl fill``, ``validate --write-back`` and ``install`` change a few cells of the clerk's file
with openpyxl, which reads and writes most of a workbook but not all of it. Three things of ours
would go:

* the sparklines of the indicator rows (a worksheet extension openpyxl drops);
* rows that fit their text: openpyxl writes every row height as a fixed one (``customHeight``), so
  Excel would no longer grow a row when the clerk types more;
* the size of the cell notes (openpyxl writes every note in its default small box).

:func:`snapshot` takes them from the file before it is opened; :func:`restore` puts them into the
file openpyxl saved, sheet by sheet (found by name), before it replaces the original.
"""

from __future__ import annotations

import os
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
SPARKLINE_EXT_URI = "{05C60535-1F16-4fd2-B633-F4F36F0B64E0}"
_SPARKLINES = re.compile(rb'<ext\b[^>]*uri="' + re.escape(SPARKLINE_EXT_URI.encode()) + rb'".*?</ext>', re.S)
_ROW = re.compile(rb"<row\b[^>]*>")
_R = re.compile(rb'\br="(\d+)"')
_NOTE_CELL = re.compile(rb"<x:Row>(\d+)</x:Row>\s*<x:Column>(\d+)</x:Column>|"
                        rb"<(?:\w+:)?Row>(\d+)</(?:\w+:)?Row>\s*<(?:\w+:)?Column>(\d+)</(?:\w+:)?Column>")


@dataclass
class SheetExtras:
    sparklines: bytes = b""  # the worksheet's sparkline extension, as written
    fitted_rows: set[int] = field(default_factory=set)  # rows with a height that is not a fixed one
    notes_vml: bytes = b""  # the drawing of its cell notes (their boxes' sizes)


def _sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the part holding it (``xl/worksheets/sheet1.xml``)."""
    book = ET.fromstring(zf.read("xl/workbook.xml"))
    rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels.iter(f"{{{_PKG_REL}}}Relationship")}
    out = {}
    for sheet in book.iter(f"{{{_MAIN}}}sheet"):
        target = targets.get(sheet.get(f"{{{_REL}}}id"), "")
        if target:
            out[sheet.get("name")] = _resolve("xl", target)
    return out


def _resolve(folder: str, target: str) -> str:
    """A relationship's target as a part name (targets are relative to the source's folder, or absolute)."""
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))


def _vml_part(zf: zipfile.ZipFile, sheet_part: str) -> str | None:
    folder, name = posixpath.split(sheet_part)
    rels_name = posixpath.join(folder, "_rels", name + ".rels")
    if rels_name not in zf.namelist():
        return None
    for r in ET.fromstring(zf.read(rels_name)).iter(f"{{{_PKG_REL}}}Relationship"):
        if r.get("Type", "").endswith("/vmlDrawing"):
            return _resolve(folder, r.get("Target", ""))
    return None


def _note_cells(vml: bytes) -> set[tuple[int, int]]:
    return {(int(m.group(1) or m.group(3)), int(m.group(2) or m.group(4))) for m in _NOTE_CELL.finditer(vml)}


def snapshot(path: str | os.PathLike) -> dict[str, SheetExtras]:
    """The extras of each sheet of the workbook at ``path`` (empty for a file that is not a zip)."""
    out: dict[str, SheetExtras] = {}
    try:
        with zipfile.ZipFile(path) as zf:
            for name, part in _sheet_parts(zf).items():
                if part not in zf.namelist():
                    continue
                xml = zf.read(part)
                m = _SPARKLINES.search(xml)
                fitted = {int(_R.search(tag).group(1)) for tag in _ROW.findall(xml)
                          if b" ht=" in tag and b"customHeight" not in tag and _R.search(tag)}
                vml_name = _vml_part(zf, part)
                vml = zf.read(vml_name) if vml_name and vml_name in zf.namelist() else b""
                out[name] = SheetExtras(m.group(0) if m else b"", fitted, vml)
    except (zipfile.BadZipFile, KeyError, ET.ParseError, OSError):
        return {}
    return out


def _unfix_rows(xml: bytes, rows: set[int]) -> bytes:
    def one(m: re.Match) -> bytes:
        tag = m.group(0)
        r = _R.search(tag)
        if r and int(r.group(1)) in rows:
            return tag.replace(b' customHeight="1"', b"").replace(b" customHeight='1'", b"")
        return tag

    return _ROW.sub(one, xml)


def _add_extension(xml: bytes, ext: bytes) -> bytes:
    if _SPARKLINES.search(xml):
        return xml
    if b"</extLst>" in xml:
        return xml.replace(b"</extLst>", ext + b"</extLst>", 1)
    end = xml.rfind(b"</")
    return xml[:end] + b"<extLst>" + ext + b"</extLst>" + xml[end:]


def restore(path: str | os.PathLike, kept: dict[str, SheetExtras]) -> None:
    """Put ``kept`` back into the workbook at ``path`` (rewritten in place)."""
    if not kept:
        return
    p = Path(path)
    with zipfile.ZipFile(p) as zf:
        parts = _sheet_parts(zf)
        items = [(info, zf.read(info.filename)) for info in zf.infolist()]
        changes: dict[str, bytes] = {}
        data = {info.filename: blob for info, blob in items}
        for name, extras in kept.items():
            part = parts.get(name)
            if part is None or part not in data:
                continue
            xml = data[part]
            if extras.fitted_rows:
                xml = _unfix_rows(xml, extras.fitted_rows)
            if extras.sparklines:
                xml = _add_extension(xml, extras.sparklines)
            if xml != data[part]:
                changes[part] = xml
            vml_name = _vml_part(zf, part)
            if extras.notes_vml and vml_name in data and _note_cells(data[vml_name]) == _note_cells(extras.notes_vml):
                changes[vml_name] = extras.notes_vml
    if changes:
        rewrite_parts(p, lambda name, blob: changes.get(name, blob))


def rewrite_parts(path: str | os.PathLike, change) -> None:
    """Rewrite the package at ``path`` with ``change(part name, bytes) -> bytes`` applied to each part."""
    p = Path(path)
    with zipfile.ZipFile(p) as zin:
        items = [(info, zin.read(info.filename)) for info in zin.infolist()]
    tmp = p.with_name(p.name + ".parts")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, blob in items:
            zout.writestr(info, change(info.filename, blob), compress_type=zipfile.ZIP_DEFLATED)
    os.replace(tmp, p)
