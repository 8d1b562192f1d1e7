"""Edit a clerk's workbook file in place with openpyxl: open, change a few cells, save atomically.

The one place hep_xl rewrites an existing workbook (``hep-xl fill``, ``hep-xl validate
--write-back``, ``hep-xl install``). What openpyxl would lose is put back here, or the edit is
refused before anything changes:

* a ``.xlsm`` keeps its VBA project (``keep_vba``);
* the sparklines, the rows that fit their text and the size of the cell notes (:mod:`.keep`);
* the HEP ribbon stays linked: openpyxl copies the ``customUI/customUI14.xml`` part but writes the
  package relationships without it, so the HEP tab would silently disappear;
* text stays text: a value we write that begins with "=" is stored as a string, never as a
  formula (only the formulas the workbook already had are formulas after the save);
* what openpyxl cannot keep — text boxes, shapes, form controls, charts and pictures it drops,
  sparklines and other extensions — is compared before and after the save; if anything would be
  lost, the edit is refused with a message naming the sheet and the object, and the file is left
  as it was (see the README: hep_xl keeps the workbook whole or does not touch it);
* the package is checked first (:mod:`hep_xl.limits`: sizes and cell counts of every sheet, no
  DOCTYPE, no zip member names that are not valid part names), so openpyxl never loads a bomb
  and never copies a hostile name into the new file;
* the file keeps its permissions (``atomic_output``), and is replaced in one rename or not at all;
  a temporary file a killed edit left beside the workbook is removed by the next edit.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree as ET

from .. import limits
from ..files import atomic_output, maybe_in_use, os_error_in, os_error_text, remove_stale_temp_files
from . import keep
from .package import Package, PackageError, check_no_doctype, local, open_package, parse_xml
from .reader import HepReadError


class WorkbookEditError(HepReadError):
    """The workbook cannot be opened or saved for editing (Hungarian message)."""


def set_text(cell, value) -> None:
    """Write ``value`` into an openpyxl cell; a string is always stored as text (never a formula)."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


# -- what openpyxl may drop ---------------------------------------------------------------------------

_ANCHOR_KIND = {"sp": "alakzat", "pic": "kép", "graphicFrame": "diagram vagy SmartArt-ábra",
                "grpSp": "csoportosított alakzat", "cxnSp": "vonal vagy összekötő", "contentPart": "szabadkézi rajz"}
_VML_KIND = {"Button": "űrlapvezérlő: gomb", "Checkbox": "űrlapvezérlő: jelölőnégyzet",
             "Radio": "űrlapvezérlő: választógomb", "Drop": "űrlapvezérlő: legördülő lista",
             "List": "űrlapvezérlő: lista", "Spin": "űrlapvezérlő: léptetőnyíl", "Scroll": "űrlapvezérlő: görgetősáv",
             "Label": "űrlapvezérlő: felirat", "GBox": "űrlapvezérlő: csoportpanel", "Edit": "űrlapvezérlő: szövegmező",
             "Note": "megjegyzés (cellajegyzet)"}
_SHEET_PARTS = {"controls": "ActiveX- vagy űrlapvezérlő", "oleObjects": "beágyazott objektum (OLE)",
                "picture": "háttérkép", "legacyDrawingHF": "kép az élőfejben vagy élőlábban"}
_EXT_KIND = {"{05C60535-1F16-4fd2-B633-F4F36F0B64E0}": "értékgörbe (sparkline)",
             "{78C0D931-6437-407d-A8EE-F0AAD7539E65}": "bővített feltételes formázás",
             "{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}": "más lapra hivatkozó adatérvényesítés",
             "{A8765BA9-456A-4dab-B4F3-ACF838C121DE}": "szeletelő (slicer)",
             "{3A4CF648-6AED-40f4-86FF-DC5316D8AED3}": "szeletelő (slicer)",
             "{7E03D99C-DC04-49d9-9315-930204A7B6E9}": "idősor-szeletelő (timeline)"}
_TAG_PREFIX = rb"<(?:[A-Za-z_][\w.-]*:)?"


def _rels(pkg: Package, part: str) -> dict[str, str]:
    folder, file = part.rsplit("/", 1) if "/" in part else ("", part)
    root = pkg.xml(f"{folder}/_rels/{file}.rels" if folder else f"_rels/{file}.rels", required=False)
    out = {}
    for rel in root if root is not None else ():
        target = rel.get("Target") or ""
        if rel.get("TargetMode") == "External":
            continue
        path = target[1:] if target.startswith("/") else os.path.normpath(os.path.join(folder, target)).replace(
            "\\", "/")
        out[rel.get("Id") or ""] = path
    return out


def _objects(pkg: Package) -> dict[tuple[str, str], list[str]]:
    """(sheet, kind) -> names of the objects openpyxl might not keep, as the package holds them."""
    found: dict[tuple[str, str], list[str]] = {}

    def add(sheet, kind, name=""):
        found.setdefault((sheet, kind), []).append(name)

    for sheet, path in pkg.sheets.items():
        part = pkg.part(path)
        if part is None:
            continue
        xml = pkg.read(part)
        if not re.search(_TAG_PREFIX + rb"(drawing|legacyDrawing|controls|oleObjects|picture|legacyDrawingHF|"
                         rb"extLst)\b", xml):
            continue  # the common case: nothing but cells
        root = parse_xml(xml, part)
        rels = _rels(pkg, part)
        for el in root:
            tag = local(el.tag)
            rid = next((v for k, v in el.attrib.items() if local(k) == "id"), None)
            if tag == "drawing" and rid in rels:
                drawing = pkg.xml(rels[rid], required=False)
                for anchor in drawing if drawing is not None else ():
                    for obj in anchor:
                        kind = local(obj.tag)
                        if kind not in _ANCHOR_KIND:
                            continue
                        cnv = next((e for e in obj.iter() if local(e.tag) == "cNvPr"), None)
                        name = cnv.get("name", "") if cnv is not None else ""
                        if kind == "sp" and any(local(e.tag) == "cNvSpPr" and e.get("txBox") in ("1", "true")
                                                for e in obj.iter()):
                            add(sheet, "szövegdoboz", name)
                        else:
                            add(sheet, _ANCHOR_KIND[kind], name)
            elif tag == "legacyDrawing" and rid in rels:
                vml_name = pkg.part(rels[rid])
                vml = pkg.read(vml_name) if vml_name else b""
                for kind in re.findall(rb'ObjectType\s*=\s*"([A-Za-z]+)"', vml):
                    add(sheet, _VML_KIND.get(kind.decode(), f"VML-objektum ({kind.decode()})"))
            elif tag in _SHEET_PARTS:
                add(sheet, _SHEET_PARTS[tag])
            elif tag == "extLst":
                for ext in el:
                    uri = ext.get("uri", "")
                    if uri in _EXT_KIND:
                        add(sheet, _EXT_KIND[uri])
    return found


def _lost(before: dict, after: dict) -> list[str]:
    lost = []
    for (sheet, kind), names in before.items():
        missing = len(names) - len(after.get((sheet, kind), []))
        if missing > 0:
            shown = [n for n in names if n][:3]
            lost.append(f"„{sheet}” lap: {missing} {kind}" + (f" ({', '.join(shown)})" if shown else ""))
    return lost


# -- checks before openpyxl sees the file ----------------------------------------------------------------

def _check_package(p: Path) -> tuple[Package, dict]:
    try:
        pkg = open_package(p)
    except (PackageError, limits.LimitExceeded) as exc:
        raise WorkbookEditError(p, f"a munkafüzet nem nyitható meg írásra: {exc}") from None
    try:
        bad = limits.hostile_member_names(pkg.info.names)
        if bad:
            shown = ", ".join(f"„{n}”" for n in bad[:5])
            raise WorkbookEditError(p, f"a munkafüzet ZIP-csomagjában szabálytalan nevű részek vannak ({shown}); "
                                       "ezeket a program nem másolja tovább, ezért nem írja vissza a munkafüzetet. "
                                       "Nyissa meg és mentse újra Excelben")
        sizes = pkg.shared_string_sizes()
        for sheet, path in pkg.sheets.items():
            name = pkg.part(path)
            if name is not None:
                limits.check_sheet(pkg.read(name), sheet, sizes)
        for name in pkg.info.names:
            if name.lower().endswith((".xml", ".rels", ".vml")):
                try:
                    with pkg.zf.open(name) as fh:
                        head = fh.read(4096)
                except Exception:  # noqa: BLE001 — a broken part: the read above or openpyxl says so
                    continue
                check_no_doctype(head, name)
        return pkg, _objects(pkg)
    except (PackageError, limits.LimitExceeded) as exc:
        raise WorkbookEditError(p, f"a munkafüzet nem írható vissza: {exc}") from None
    finally:
        pkg.zf.close()


def _cells(wb):
    """Every (sheet, (row, column), cell) that exists (``iter_rows`` would create the empty ones)."""
    for ws in wb.worksheets:
        for key, cell in getattr(ws, "_cells", {}).items():
            yield ws.title, key, cell


def _formula_cells(wb) -> set:
    return {(title, key) for title, key, c in _cells(wb) if c.data_type == "f"}


def _texts_stay_texts(wb, formulas: set) -> None:
    """Any cell that became a formula since loading got a string beginning with "=": keep it text."""
    for title, key, c in _cells(wb):
        if c.data_type == "f" and isinstance(c.value, str) and (title, key) not in formulas:
            c.data_type = "s"


def _save_error(p: Path, exc: BaseException) -> WorkbookEditError:
    err = os_error_in(exc)
    if err is None:
        return WorkbookEditError(p, "a munkafüzet mentése nem sikerült (megtelt a lemez, vagy a fájlt más program "
                                    "használja?); a fájl nem változott")
    hint = " (nyitva van Excelben? zárja be, és futtassa újra)" if maybe_in_use(err) else ""
    return WorkbookEditError(p, f"a munkafüzet nem írható: {os_error_text(err)}{hint}; a fájl nem változott")


_RELS = "_rels/.rels"
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


def relink_package_parts(original: Path, saved: Path) -> list[str]:
    """Put back the package relationships (``_rels/.rels``) of ``original`` that openpyxl dropped
    although it copied their parts into ``saved``: the macro-enabled workbook's ribbon
    (``customUI/customUI14.xml``) is one. Returns the targets linked again.

    openpyxl writes the package relationships it knows (workbook, document properties) and copies
    the ``customUI`` part of a ``.xlsm`` without linking it, so the HEP tab would silently vanish."""
    with zipfile.ZipFile(original) as zf:
        before = parse_xml(zf.read(_RELS), _RELS)
    with zipfile.ZipFile(saved) as zf:
        names = set(zf.namelist())
        after = parse_xml(zf.read(_RELS), _RELS)
    linked = {(r.get("Type"), r.get("Target", "").lstrip("/")) for r in after}
    missing = [r for r in before if r.get("TargetMode") != "External"
               and r.get("Target", "").lstrip("/") in names
               and (r.get("Type"), r.get("Target", "").lstrip("/")) not in linked]
    if not missing:
        return []
    ids = {r.get("Id") for r in after}
    for rel in missing:
        rid, n = rel.get("Id"), 1
        while rid in ids:
            rid, n = f"{rel.get('Id')}_{n}", n + 1
        ids.add(rid)
        ET.SubElement(after, f"{{{_RELS_NS}}}Relationship", {"Id": rid, "Type": rel.get("Type"),
                                                             "Target": rel.get("Target")})
    ET.register_namespace("", _RELS_NS)
    body = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            + ET.tostring(after, encoding="unicode")).encode("utf-8")
    buf = io.BytesIO()  # the saved file is the edit's own temporary file: rewritten in place
    with zipfile.ZipFile(saved) as zin, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info, body if info.filename == _RELS else zin.read(info.filename))
    saved.write_bytes(buf.getvalue())
    return [r.get("Target") for r in missing]


@contextlib.contextmanager
def edit_workbook(path: str | os.PathLike) -> Iterator[openpyxl.Workbook]:  # noqa: F821
    """Yield the workbook at ``path`` opened with openpyxl; save it back when the block succeeds.

    If the block raises, or the save would lose something openpyxl cannot keep, nothing is
    written and the file stays as it was.
    """
    import openpyxl

    p = Path(path)
    macro = p.suffix.lower() == ".xlsm"
    if p.is_file() and not p.stat().st_mode & 0o222:  # marked read-only: the rename would bypass it
        raise WorkbookEditError(p, "a munkafüzet írásvédett; szüntesse meg az írásvédelmet, és futtassa újra")
    remove_stale_temp_files(p.parent, p.name)  # left beside the workbook by an edit that was killed
    _, objects = _check_package(p)
    kept = keep.snapshot(p)
    try:
        with warnings.catch_warnings():  # openpyxl warns in English about what it drops; we check it
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(p, keep_vba=macro, keep_links=True, rich_text=True)
    except Exception as exc:  # noqa: BLE001 — any load failure is "cannot open" for the user
        raise WorkbookEditError(p, "a munkafüzet nem nyitható meg írásra: a fájl szerkezete hibás vagy sérült "
                                   f"({type(exc).__name__})") from None
    try:
        formulas = _formula_cells(wb)
        yield wb
        _texts_stay_texts(wb, formulas)
        try:
            with atomic_output(p) as tmp:
                wb.save(tmp)
                keep.restore(tmp, kept)  # (before the check: what keep.py puts back is not lost)
                relink_package_parts(p, tmp)
                if objects:
                    after_pkg = open_package(tmp)
                    try:
                        lost = _lost(objects, _objects(after_pkg))
                    finally:
                        after_pkg.zf.close()
                    if lost:
                        raise WorkbookEditError(
                            p, "a munkafüzet nem írható vissza, mert a program (openpyxl) nem tudja megőrizni: "
                               + "; ".join(lost) + ". A munkafüzet nem változott. Helyezze át ezeket egy másik "
                               "munkafüzetbe, vagy használja Excelben a HEP szalag gombjait (azok nem írják újra "
                               "a fájlt)")
        except WorkbookEditError:
            raise
        except Exception as exc:  # noqa: BLE001 — a full disk, a lock: said in Hungarian, file untouched
            raise _save_error(p, exc) from None
    finally:
        wb.close()
