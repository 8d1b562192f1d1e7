"""Every limit hep_xl puts on what it reads, in one place (the README's *Limits* table lists them).

A workbook or data file is checked against these *before* the work starts: a zip bomb, a sheet
whose used range would take gigabytes, or a data file of millions of rows is refused with a
Hungarian message naming the file and the part, instead of taking the machine's memory or
running for minutes. The numbers are far above anything a HEP workbook or a TeIR/KSH export for
one settlement holds.

The text rules (what a workbook cell, a Word document and the JSON schema can all hold) are here
too, so the validator and the schema use one definition.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from operator import itemgetter

# -- workbooks (xlsx/xlsm packages) -------------------------------------------------------------------
MAX_ZIP_MEMBERS = 10_000  # parts in one package
MAX_MEMBER_BYTES = 64 * 1024 * 1024  # uncompressed size of one part
MAX_PACKAGE_BYTES = 256 * 1024 * 1024  # uncompressed size of all parts together
MAX_RATIO = 100  # uncompressed / compressed size of a part (checked for parts over RATIO_FLOOR)
RATIO_FLOOR = 1024 * 1024
MAX_SHEET_CELLS = 500_000  # rows x columns of a sheet's used range (a reader allocates all of it)
MAX_SHARED_STRING_BYTES = 1024 * 1024  # one shared string (Excel itself stops at 32 767 characters)
MAX_SHEET_TEXT_BYTES = 64 * 1024 * 1024  # text of all string cells of one sheet (shared strings repeat)

# -- data files for ``hep-xl fill`` ------------------------------------------------------------------
MAX_DATA_FILE_BYTES = 32 * 1024 * 1024
MAX_DATA_ROWS = 100_000
MAX_CSV_FIELD = 128 * 1024  # characters in one CSV field (Python's csv module's own limit)

# -- JSON documents for ``hep-xl import json`` ---------------------------------------------------------
MAX_JSON_BYTES = 64 * 1024 * 1024

# -- batch conversion (``hep-xl convert``), per workbook; both can be changed on the command line ---
ITEM_TIMEOUT_SECONDS = 600
WORKER_MAX_MEMORY_MB = 2048

# -- text: what a cell, the Word document and the JSON document can all hold -------------------------
MAX_TEXT_CHARS = 32767  # an Excel cell holds at most this many characters
# control characters XML 1.0 cannot hold (or Excel stores only as _xHHHH_ escapes), a carriage
# return on its own (the reader turns CR LF into LF), C1 controls and the two non-characters; tab
# and line feed are fine inside a text. Spelled out as a character class that Python re, ECMA-262
# and the Rust regex crate read the same way (the JSON schema's text pattern is built from it).
CONTROL_CHARS = "\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffe\uffff"
_CONTROL = re.compile(f"[{CONTROL_CHARS}\ud800-\udfff]")


def has_control(text: str) -> bool:
    return _CONTROL.search(text) is not None


def text_problem(text: str) -> tuple[str, int, str] | None:
    """Why ``text`` cannot be archived as it is: ("control", 1-based position, "U+0001") or
    ("length", length, ""); None when it is fine."""
    m = _CONTROL.search(text)
    if m:
        return "control", m.start() + 1, f"U+{ord(m.group()):04X}"
    if len(text) > MAX_TEXT_CHARS:
        return "length", len(text), ""
    return None


def _mib(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MiB" if n >= 1024 * 1024 else f"{n // 1024} KiB"


def _count(n: int) -> str:
    return f"{n:,}".replace(",", " ")


class LimitExceeded(ValueError):
    """A file is over one of the limits above; the message is Hungarian (without the file name)."""


@dataclass
class Package:
    """What :func:`check_package` learned: the member names and their declared sizes."""

    names: list[str] = field(default_factory=list)
    sizes: dict[str, int] = field(default_factory=dict)


def check_package(zf: zipfile.ZipFile) -> Package:
    """Check the central directory of an open package against the size limits (nothing is
    decompressed). Raises :class:`LimitExceeded`."""
    infos = zf.infolist()
    if len(infos) > MAX_ZIP_MEMBERS:
        raise LimitExceeded(f"túl sok rész a ZIP-csomagban ({_count(len(infos))}; legfeljebb "
                            f"{_count(MAX_ZIP_MEMBERS)})")
    pkg = Package()
    total = 0
    for info in infos:
        size = info.file_size
        if size > MAX_MEMBER_BYTES:
            raise LimitExceeded(f"a(z) „{info.filename}” rész kibontva {_mib(size)} (legfeljebb "
                                f"{_mib(MAX_MEMBER_BYTES)}); ez nem HEP-munkafüzet, vagy tömörítési bomba")
        if size > RATIO_FLOOR and size > MAX_RATIO * max(info.compress_size, 1):
            raise LimitExceeded(f"a(z) „{info.filename}” rész gyanúsan erősen tömörített "
                                f"({size // max(info.compress_size, 1)}-szoros; legfeljebb {MAX_RATIO}-szoros): "
                                "tömörítési bomba")
        total += size
        pkg.names.append(info.filename)
        pkg.sizes[info.filename] = size
    if total > MAX_PACKAGE_BYTES:
        raise LimitExceeded(f"a ZIP-csomag kibontva {_mib(total)} (legfeljebb {_mib(MAX_PACKAGE_BYTES)})")
    return pkg


def read_member(zf: zipfile.ZipFile, name: str) -> bytes:
    """A part's bytes, never more than :data:`MAX_MEMBER_BYTES` (whatever its header claims)."""
    with zf.open(name) as fh:
        data = fh.read(MAX_MEMBER_BYTES + 1)
    if len(data) > MAX_MEMBER_BYTES:
        raise LimitExceeded(f"a(z) „{name}” rész kibontva több mint {_mib(MAX_MEMBER_BYTES)}")
    return data


# cell and row references of a worksheet part as Excel, LibreOffice and xlsxwriter write them (the
# reference right after the element name); a part with any other spelling (other attribute order or
# quotes, spaces around "=", prefixed elements) is read with the slower, general patterns
_FAST_CELL = re.compile(rb'<c r="([A-Za-z]+)([0-9]+)"')
_FAST_ROW = re.compile(rb'<row r="([0-9]+)"')
_CELL_REF = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?c\b[^>]*?\sr\s*=\s*["\']([A-Za-z]+)([0-9]+)["\']')
_ROW_REF = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?row\b[^>]*?\sr\s*=\s*["\']([0-9]+)["\']')
_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(c|row)[\s/>]")


def _tags(xml: bytes) -> tuple[int, int]:
    """How many cell (``<c …>``) and row (``<row …>``) elements ``xml`` holds, prefixed or not."""
    found = _TAG.findall(xml)
    n_rows = found.count(b"row")
    return len(found) - n_rows, n_rows


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ch - 64
    return n


_CHUNK = 1 << 20


def _chunks(xml: bytes):
    """``xml`` in pieces of about 1 MiB, each cut just before a "<": no element's start tag is split,
    and the matches of one piece are held in memory at a time, never those of the whole sheet."""
    start = 0
    while start < len(xml):
        end = len(xml) if len(xml) - start <= _CHUNK else xml.rfind(b"<", start + 1, start + _CHUNK)
        if end <= start:
            end = min(len(xml), start + _CHUNK)
        yield xml[start:end]
        start = end


def sheet_extent(xml: bytes) -> tuple[int, int, int]:
    """(rows, columns, cells) of a worksheet part: the range a reader allocates is rows x columns,
    the largest row and column any cell names, counted from A1. Cells or rows without a reference
    are placed after the previous one, so they are added to the bound."""
    letters: set[bytes] = set()
    max_row = n_cells = n_rows = cell_refs = row_refs = 0
    for chunk in _chunks(xml):
        c_tags, r_tags = _tags(chunk)
        cells = _FAST_CELL.findall(chunk)
        rows = _FAST_ROW.findall(chunk)
        if len(cells) != c_tags or len(rows) != r_tags:  # unusual spelling: look at every element
            cells, rows = _CELL_REF.findall(chunk), _ROW_REF.findall(chunk)
        letters.update(map(itemgetter(0), cells))
        numbers = set(map(itemgetter(1), cells)) | set(rows)
        max_row = max(max_row, max(map(int, numbers), default=0))
        n_cells, n_rows = n_cells + c_tags, n_rows + r_tags
        cell_refs, row_refs = cell_refs + len(cells), row_refs + len(rows)
    cols = max(map(_col_number, letters), default=0) + max(0, n_cells - cell_refs)
    return max_row + max(0, n_rows - row_refs), cols, n_cells


_SI = re.compile(rb"<si\b")
_SHARED_TAG = re.compile(rb'<c\b[^>]*?\st\s*=\s*["\']s["\']')
_INDEX = re.compile(rb"\s*(?:<!\[CDATA\[)?\s*([0-9]+)")


def shared_string_sizes(xml: bytes) -> list[int]:
    """Byte length of every shared string item (markup included: an upper bound of its text).
    Raises :class:`LimitExceeded` when one is over :data:`MAX_SHARED_STRING_BYTES`."""
    sizes = [len(chunk) for chunk in _SI.split(xml)[1:]]
    if sizes and max(sizes) > MAX_SHARED_STRING_BYTES:
        i = max(range(len(sizes)), key=sizes.__getitem__)
        raise LimitExceeded(f"a(z) {i + 1}. megosztott szöveg {_mib(sizes[i])} (legfeljebb "
                            f"{_mib(MAX_SHARED_STRING_BYTES)}; egy Excel-cella legfeljebb {_count(MAX_TEXT_CHARS)} "
                            "karaktert tárol)")
    return sizes


def check_sheet(xml: bytes, sheet: str, shared_sizes: list[int] | None = None) -> None:
    """Refuse a worksheet part whose used range is over :data:`MAX_SHEET_CELLS`, or whose string
    cells together would hold more than :data:`MAX_SHEET_TEXT_BYTES` (every cell gets its own copy
    of the shared string it names, so a few long strings named a million times are a bomb)."""
    rows, cols, n_cells = sheet_extent(xml)
    if rows * cols > MAX_SHEET_CELLS:
        raise LimitExceeded(f"a(z) „{sheet}” munkalap használt tartománya {_count(rows)} sor × {_count(cols)} "
                            f"oszlop (legfeljebb {_count(MAX_SHEET_CELLS)} cella)")
    if not shared_sizes or n_cells * max(shared_sizes) <= MAX_SHEET_TEXT_BYTES:
        return  # the cheap bound is enough for every ordinary workbook
    total = 0
    for m in _SHARED_TAG.finditer(xml):
        v = xml.find(b"<v", m.end())
        close = xml.find(b">", v) if v >= 0 else -1
        found = _INDEX.match(xml, close + 1) if close >= 0 else None
        if found:
            i = int(found.group(1))
            total += shared_sizes[i] if i < len(shared_sizes) else 0
    if total > MAX_SHEET_TEXT_BYTES:
        raise LimitExceeded(f"a(z) „{sheet}” munkalap szöveges cellái együtt {_mib(total)} szöveget "
                            f"tartalmaznak (legfeljebb {_mib(MAX_SHEET_TEXT_BYTES)})")


def check_data_file_size(size: int) -> None:
    if size > MAX_DATA_FILE_BYTES:
        raise LimitExceeded(f"az adatfájl {_mib(size)} (legfeljebb {_mib(MAX_DATA_FILE_BYTES)}); egy település "
                            "TeIR/KSH adatletöltése ennél jóval kisebb")


def check_data_rows(n: int) -> None:
    if n > MAX_DATA_ROWS:
        raise LimitExceeded(f"az adatfájl több mint {_count(MAX_DATA_ROWS)} sort tartalmaz; egy település "
                            "TeIR/KSH adatletöltése ennél jóval kisebb")


# -- zip member names that must never be copied into a file we write -------------------------------
_BAD_NAME = re.compile(r"(^[/\\])|(^[A-Za-z]:)|(\\)|(^|/)\.\.?(/|$)|[\x00-\x1f]")


def hostile_member_names(names: list[str]) -> list[str]:
    """Names that are not valid package part names: absolute, with a drive, a backslash, a ``..``
    or ``.`` segment, control characters, or given twice (case-insensitively, as OPC compares)."""
    bad, seen = [], set()
    for n in names:
        key = n.casefold()
        if _BAD_NAME.search(n) or key in seen:
            bad.append(n)
        seen.add(key)
    return bad
