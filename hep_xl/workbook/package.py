"""An .xlsx/.xlsm file as a zip package, opened safely before any spreadsheet library sees it.

Everything a native reader (python-calamine, written in Rust) could choke on is checked here
first, because a Rust panic is a ``BaseException`` that escapes ``except Exception`` and an
allocation failure aborts the whole process:

* :func:`open_package` refuses what is not a zip package (legacy ``.xls``, password-protected
  files, truncated or corrupt archives) and every size over :mod:`hep_xl.limits`, with a
  Hungarian reason;
* :class:`Package` finds the workbook's parts the way calamine does (``_rels/.rels``, the
  workbook relationships, sheet parts, Excel tables) and reads a part with its real size capped;
* :func:`native` runs one call into the native reader: a panic or error becomes
  :class:`PackageError` with a Hungarian message, and the panic text Rust prints on the
  standard error stream is kept away from the user.
"""

from __future__ import annotations

import contextlib
import os
import posixpath
import re
import sys
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar
from xml.etree import ElementTree as ET

from .. import limits
from .a1 import from_a1

T = TypeVar("T")

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
REL_TABLE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/table"


class PackageError(ValueError):
    """The file cannot be read as a workbook package; the message is Hungarian (no file name)."""


def zip_error_text(exc: BaseException) -> str:
    """A Hungarian description of an error from the zip layer (zipfile, zlib)."""
    text = str(exc)
    if isinstance(exc, zlib.error) or "Error -3" in text or "decompress" in text.lower():
        return "a munkafüzet egy tömörített része sérült (hibás tömörítés); a fájl megsérült"
    if "CRC" in text:
        return "a munkafüzet egy része sérült (hibás ellenőrzőösszeg); a fájl megsérült"
    if "compression method" in text.lower() or isinstance(exc, NotImplementedError):
        return "a munkafüzet ismeretlen tömörítési módot használ; mentse újra Excelben"
    if "encrypted" in text.lower() or "password" in text.lower():
        return "a munkafüzet jelszóval védett (titkosított); mentse jelszó nélkül"
    if isinstance(exc, EOFError) or "truncated" in text.lower() or "overlapped" in text.lower():
        return "a fájl csonka vagy sérült (a ZIP-csomag egy része hiányzik)"
    return "a fájl sérült ZIP-csomag"


def _not_a_package(head: bytes, data_tail: bytes = b"") -> str:
    if head.startswith(_OLE_MAGIC):
        if _ENCRYPTED in data_tail:
            return "a munkafüzet jelszóval védett (titkosított); mentse jelszó nélkül .xlsx formátumban"
        return "régi .xls (Excel 97–2003) formátumú fájl; mentse .xlsx formátumban Excelben"
    if not head:
        return "üres fájl (0 bájt)"
    if head.startswith(b"PK"):
        return "a fájl csonka vagy sérült ZIP-csomag"
    return "a fájl nem ZIP-csomag (más formátumú vagy sérült fájl)"


def check_no_doctype(data: bytes, part: str) -> None:
    """A DOCTYPE (never written by Excel; the carrier of entity bombs and external entities) in the
    prolog of an XML part is a :class:`PackageError`."""
    root_start = re.search(rb"<[A-Za-z_]", data)
    if _DOCTYPE.search(data, 0, root_start.start() if root_start else len(data)):
        raise PackageError(f"a(z) „{part}” rész DOCTYPE-deklarációt tartalmaz (ezt Excel sosem ír; "
                           "a fájl nem biztonságos)")


def parse_xml(data: bytes, part: str) -> ET.Element:
    """Parse one XML part; a DOCTYPE or broken XML is a :class:`PackageError`."""
    check_no_doctype(data, part)
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        raise PackageError(f"a(z) „{part}” rész nem érvényes XML ({exc.position[0]}. sor)") from None
    except (LookupError, ValueError, UnicodeError):  # an unknown or lying encoding declaration
        raise PackageError(f"a(z) „{part}” rész nem érvényes XML (ismeretlen vagy hibás karakterkódolás)") from None


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


@dataclass
class TablePart:
    name: str
    display_name: str
    sheet: str
    ref: str
    header_rows: int
    totals_rows: int
    columns: list[str]


@dataclass
class Package:
    """The parts of an open workbook package, found as calamine finds them."""

    zf: zipfile.ZipFile
    info: limits.Package
    xl_path: str = "xl/"
    sheets: dict[str, str] = field(default_factory=dict)  # sheet name -> part name
    defined_names: dict[str, str] = field(default_factory=dict)
    date1904: bool = False
    _lookup: dict[str, str] = field(default_factory=dict)
    _shared_sizes: list[int] | None = None

    def part(self, path: str) -> str | None:
        """The member name for ``path`` (case-insensitive, backslashes as slashes: as calamine looks)."""
        return self._lookup.get(path.lower())

    def read(self, name: str) -> bytes:
        try:
            return limits.read_member(self.zf, name)
        except limits.LimitExceeded:
            raise
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, OSError,
                ValueError) as exc:
            raise PackageError(f"a(z) „{name}” rész nem olvasható: {zip_error_text(exc)}") from None

    def xml(self, path: str, required: bool = True) -> ET.Element | None:
        name = self.part(path)
        if name is None:
            if required:
                raise PackageError(f"hiányzik a munkafüzet „{path}” része; a fájl nem Excel-munkafüzet vagy sérült")
            return None
        return parse_xml(self.read(name), name)

    def shared_string_sizes(self) -> list[int]:
        if self._shared_sizes is None:
            name = self.part(f"{self.xl_path}sharedStrings.xml")
            self._shared_sizes = limits.shared_string_sizes(self.read(name)) if name else []
        return self._shared_sizes

    def check_sheet(self, sheet: str) -> None:
        """Check the sheet's part against the cell and text limits before a reader loads it."""
        name = self.part(self.sheets.get(sheet, ""))
        if name is not None:
            data = self.read(name)
            check_no_doctype(data, name)
            limits.check_sheet(data, sheet, self.shared_string_sizes())

    def tables(self) -> dict[str, TablePart]:
        """Every Excel table, by display name and name (from the table parts themselves)."""
        out: dict[str, TablePart] = {}
        for sheet, path in self.sheets.items():
            folder, file = posixpath.split(path)
            rels = self.xml(f"{folder}/_rels/{file}.rels", required=False)
            if rels is None:
                continue
            for rel in rels:
                if local(rel.tag) != "Relationship" or rel.get("Type") != REL_TABLE:
                    continue
                target = rel.get("Target") or ""
                if target.startswith("/"):
                    table_path = target[1:]
                else:
                    table_path = posixpath.normpath(posixpath.join(folder, target))
                root = self.xml(table_path, required=False)
                if root is None:
                    continue
                cols = [c.get("name") or "" for el in root if local(el.tag) == "tableColumns"
                        for c in el if local(c.tag) == "tableColumn"]
                t = TablePart(root.get("name") or "", root.get("displayName") or root.get("name") or "", sheet,
                              root.get("ref") or "", _int_attr(root, "headerRowCount", 1),
                              _int_attr(root, "totalsRowCount", 0), cols)
                for key in (t.display_name, t.name):
                    if key:
                        out.setdefault(key, t)
        return out


def _int_attr(el: ET.Element, name: str, default: int) -> int:
    value = el.get(name)
    return int(value) if value is not None and value.isdigit() else default


def open_package(path: str | os.PathLike) -> Package:
    """Open and check a workbook package; raises :class:`PackageError` or
    :class:`~hep_xl.limits.LimitExceeded` (both Hungarian), or OSError for an unreadable path."""
    with open(path, "rb") as fh:
        head = fh.read(8)
        if not head.startswith(b"PK"):
            tail = fh.read(1 << 20) if head.startswith(_OLE_MAGIC) else b""
            raise PackageError(_not_a_package(head, tail))
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError) as exc:
        raise PackageError(_not_a_package(head) if isinstance(exc, zipfile.BadZipFile) else zip_error_text(exc)) \
            from None
    try:
        info = limits.check_package(zf)
        pkg = Package(zf, info)
        for name in info.names:
            pkg._lookup.setdefault(name.replace("\\", "/").lower(), name)
        _read_structure(pkg)
        return pkg
    except BaseException:
        zf.close()
        raise


def _read_structure(pkg: Package) -> None:
    rels = pkg.xml("_rels/.rels")
    for rel in rels:
        if local(rel.tag) == "Relationship" and (rel.get("Type") or "").endswith("/relationships/officeDocument"):
            target = (rel.get("Target") or "").lstrip("/")
            folder = posixpath.dirname(target)
            pkg.xl_path = f"{folder}/" if folder else ""
            break
    wb_rels = pkg.xml(f"{pkg.xl_path}_rels/workbook.xml.rels")
    targets = {rel.get("Id"): rel.get("Target") or "" for rel in wb_rels if local(rel.tag) == "Relationship"}
    root = pkg.xml(f"{pkg.xl_path}workbook.xml")
    for el in root.iter():
        tag = local(el.tag)
        if tag == "sheet":
            rid = next((v for k, v in el.attrib.items() if local(k) == "id"), None)
            target = targets.get(rid, "")
            name = el.get("name") or ""
            if target:
                pkg.sheets[name] = target[1:] if target.startswith("/") else f"{pkg.xl_path}{target}"
        elif tag == "definedName":
            if el.get("localSheetId") is None and el.text and el.get("name"):
                pkg.defined_names[el.get("name")] = el.text
        elif tag == "workbookPr":
            pkg.date1904 = el.get("date1904") in ("1", "true")
    # the native reader loads every shared string when it opens the file: their real sizes first
    pkg.shared_string_sizes()


_NUMBER_CELL = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?c\b([^>]*)>\s*<(?:[A-Za-z_][\w.-]*:)?v>\s*([^<]+?)\s*<')
_R_ATTR = re.compile(rb'\sr\s*=\s*["\']([A-Za-z]+[0-9]+)["\']')
_T_ATTR = re.compile(rb'\st\s*=\s*["\']([a-zA-Z]+)["\']')
# beyond this a number cannot be turned into a date (the native reader panics on it)
_DATE_LIMIT = 1e10


def cells_out_of_date_range(xml: bytes) -> list[tuple[str, str]]:
    """(cell, value) of number cells no date can be made of (for naming the cell after a panic)."""
    found = []
    for m in _NUMBER_CELL.finditer(xml):
        attrs, raw = m.group(1), m.group(2)
        t = _T_ATTR.search(attrs)
        if t and t.group(1) not in (b"n", b"d"):
            continue
        try:
            value = float(raw)
        except ValueError:
            continue
        if not abs(value) < _DATE_LIMIT:
            r = _R_ATTR.search(attrs)
            found.append((r.group(1).decode() if r else "?", raw.decode(errors="replace")))
    return found


def table_bounds(ref: str) -> tuple[int, int, int, int]:
    """A table reference "A4:P105" -> 0-based (first row, first column, last row, last column).
    Raises :class:`PackageError` for a reference that is not a forward range."""
    parts = ref.split(":")
    try:
        if len(parts) != 2:
            raise ValueError(ref)
        (r0, c0), (r1, c1) = from_a1(parts[0]), from_a1(parts[1])
    except ValueError:
        raise PackageError(f"hibás táblázathivatkozás: „{ref}”") from None
    if r1 < r0 or c1 < c0 or r0 < 0 or c0 < 0:
        raise PackageError(f"hibás táblázathivatkozás: „{ref}” (fordított tartomány)")
    return r0, c0, r1, c1


# -- calls into the native reader -------------------------------------------------------------------

_DEVNULL: int | None = None


@contextlib.contextmanager
def _quiet_stderr() -> Iterator[None]:
    """Send file descriptor 2 to /dev/null: a Rust panic prints its message there itself, before
    pyo3 turns it into an exception. ``HEP_XL_DEBUG=1`` keeps it."""
    if os.environ.get("HEP_XL_DEBUG"):
        yield
        return
    global _DEVNULL
    try:
        sys.stderr.flush()
        saved = os.dup(2)
        if _DEVNULL is None:
            _DEVNULL = os.open(os.devnull, os.O_WRONLY)
    except (OSError, ValueError, AttributeError):
        yield
        return
    try:
        os.dup2(_DEVNULL, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def native_error_text(exc: BaseException) -> str:
    """A Hungarian description of an error or panic of the native reader (no English library text)."""
    name, text = type(exc).__name__, str(exc).lower()
    if name == "PanicException":
        return "a munkafüzet szerkezete hibás (a táblázatkezelő-olvasó nem tudta feldolgozni)"
    if "password" in text or "encrypt" in text:
        return "a munkafüzet jelszóval védett (titkosított); mentse jelszó nélkül"
    if "zip" in text or "eocd" in text or "deflate" in text or "crc" in text:
        return zip_error_text(exc)
    if "xml" in text or "utf" in text or "unexpected" in text or "eof" in text:
        return "a munkafüzet egy része nem érvényes XML; a fájl sérült"
    if "date" in text or "time" in text or "duration" in text:
        return "a munkafüzetben a megengedett tartományon kívüli dátum áll"
    if "cell" in text or "range" in text or "dimension" in text or "alphanumeric" in text:
        return "a munkafüzetben hibás cellahivatkozás áll"
    return "a munkafüzet szerkezete hibás vagy sérült"


def native(fn: Callable[[], T], what: str = "") -> T:
    """Run one call into the native reader. Any error or panic (``BaseException`` subclasses
    included, except Ctrl+C and exit) becomes :class:`PackageError`; ``what`` names the part
    being read ("a(z) „1. Mutatók” munkalap")."""
    with _quiet_stderr():
        try:
            return fn()
        except (KeyboardInterrupt, SystemExit, GeneratorExit):
            raise
        except MemoryError:
            raise PackageError((f"{what}: " if what else "") + "nincs elég memória a beolvasáshoz") from None
        except BaseException as exc:  # noqa: BLE001 — pyo3's PanicException derives from BaseException
            if os.environ.get("HEP_XL_DEBUG"):
                raise
            raise PackageError((f"{what}: " if what else "") + native_error_text(exc)) from None
