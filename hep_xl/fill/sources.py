"""Readers of TeIR / KSH data exports: CSV (any separator, UTF-8 / Windows-1250 / ISO-8859-2 /
UTF-16) and XLSX, in long form (indicator, year, value) or wide form (one column per year).

A reader only finds the table and hands back :class:`SourceLine` objects (one per data row, with
the raw cells and where they are); deciding what the row means is :mod:`.plan`'s job. Title rows
above the header and footnotes below the data are skipped, as KSH tables have both.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import limits
from ..files import os_error_text
from ..model import is_year
from ..workbook.a1 import column_letters
from .text import clean_text, header_key

# header texts (after header_key: folded, accentless) that mark a column's role
_ROLE_HEADERS = {
    "id": {"azonosito", "mutatoazonosito", "mutato azonosito", "mutatokod", "mutato kodja", "kod", "id",
           "indikator azonosito", "sorozat azonosito", "series id", "series_id", "indicator id"},
    "name": {"mutato", "mutato neve", "mutato megnevezese", "megnevezes", "indikator", "indikator neve",
             "adat megnevezese", "adatmegnevezes", "mutatonev", "indicator", "teruleti adat"},
    "sub": {"reszmutato", "reszmutato neve", "reszmutato megnevezese", "bontas", "sub-indicator"},
    "year": {"ev", "evszam", "idoszak", "targyev", "vonatkozasi ev", "year", "ido"},
    "value": {"ertek", "adat", "ertekek", "value", "adatertek", "mutato erteke"},
    "settlement": {"telepules", "telepules neve", "terulet", "teruleti egyseg", "teruleti egyseg neve",
                   "telepulesnev", "onkormanyzat"},
    "ksh": {"ksh kod", "ksh-kod", "telepuleskod", "ksh azonosito", "torzsszam", "telepulesazonosito",
            "telepulesazonosito torzsszam", "ksh telepulesazonosito", "ksh telepuleskod",
            "teruleti kod", "ksh"},
}
_YEAR_HEADER = re.compile(r"^\s*(\d{4})(?:\s*\.?\s*(?:ev|év)?\b.*)?$", re.IGNORECASE)
_MAX_HEADER_SCAN = 40


class SourceError(Exception):
    """A whole file cannot be read; the message is Hungarian."""


@dataclass
class SourceValue:
    year: object  # raw year (from the header in wide form, from the cell in long form)
    raw: object  # raw value cell
    location: str  # where the value is: "12. sor" / "12. sor, 2021 oszlop" / "Munka1!D7"


@dataclass
class SourceLine:
    file: str  # file name as the user gave it (for messages and provenance)
    location: str  # the row: "12. sor" or "Munka1!A7"
    ident: str = ""
    name: str = ""
    sub: str = ""
    settlement: str = ""
    ksh: str = ""
    values: list[SourceValue] = field(default_factory=list)


@dataclass
class SourceFile:
    file: str
    lines: list[SourceLine]
    problems: list[tuple[str, str]]  # (location, Hungarian reason) found while reading
    encoding: str = ""
    layout: str = ""  # "long" | "wide"


def year_of_header(raw) -> int | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, (int, float)):
        return int(raw) if is_year(raw) else None
    if isinstance(raw, (dt.date, dt.datetime)):
        return raw.year
    if isinstance(raw, str):
        m = _YEAR_HEADER.match(clean_text(raw))
        if m and is_year(int(m.group(1))):
            return int(m.group(1))
    return None


def _role(raw) -> str | None:
    if not isinstance(raw, str):
        return None
    key = header_key(raw)
    for role, keys in _ROLE_HEADERS.items():
        if key in keys:
            return role
    # "Érték (fő)", "Adat, fő", "Település neve (KSH)"…
    first = re.split(r"[\s,(\[]", key, maxsplit=1)[0]
    for role in ("value", "year", "name", "sub", "settlement"):
        if first in _ROLE_HEADERS[role]:
            return role
    return None


def _blank(v) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


@dataclass
class _Header:
    row: int
    layout: str
    roles: dict[str, int]
    years: list[tuple[int, object]]  # (column, raw header) of year columns (wide form)


def _find_header(rows: list[list]) -> _Header | None:
    for r, row in enumerate(rows[:_MAX_HEADER_SCAN]):
        roles: dict[str, int] = {}
        years = []
        for c, v in enumerate(row):
            if year_of_header(v) is not None:
                years.append((c, v))
                continue
            role = _role(v)
            if role and role not in roles:
                roles[role] = c
        has_key = "id" in roles or "name" in roles or "sub" in roles
        if "year" in roles and "value" in roles and has_key:
            return _Header(r, "long", roles, [])
        if years and (has_key or (len(years) >= 2 and _label_column(rows, r, years) is not None)):
            if not has_key:
                roles["name"] = _label_column(rows, r, years)
            return _Header(r, "wide", roles, years)
    return None


def _label_column(rows: list[list], r: int, years) -> int | None:
    """In a wide table without a recognised name header: the text column left of the years."""
    first_year = years[0][0]
    for c in range(first_year - 1, -1, -1):
        below = [row[c] for row in rows[r + 1:r + 6] if c < len(row) and not _blank(row[c])]
        if below and all(isinstance(v, str) for v in below):
            return c
    return None


def grid_lines(file: str, rows: list[list], loc) -> tuple[list[SourceLine], str]:
    """Data rows of one grid (a CSV file or a worksheet). ``loc(r, c)`` names a cell for messages.
    Raises :class:`SourceError` when no header row is found."""
    header = _find_header(rows)
    if header is None:
        raise SourceError("nem található fejléc: kell egy mutató- (vagy azonosító-) oszlop és évenkénti "
                          "oszlopok (széles formátum), vagy „Év” és „Érték” oszlop (hosszú formátum)")
    roles = header.roles
    lines: list[SourceLine] = []
    last_name = ""

    def cell(row, role):
        c = roles.get(role)
        return row[c] if c is not None and c < len(row) else None

    for r in range(header.row + 1, len(rows)):
        row = rows[r]
        if all(_blank(v) for v in row):
            continue
        line = SourceLine(file, loc(r, None), clean_text(cell(row, "id")), clean_text(cell(row, "name")),
                          clean_text(cell(row, "sub")), clean_text(cell(row, "settlement")),
                          clean_text(cell(row, "ksh")))
        if line.sub and not line.name and not line.ident:
            line.name = last_name  # KSH style: the indicator written once above its breakdown
        elif line.name:
            last_name = line.name
        if header.layout == "long":
            line.values.append(SourceValue(cell(row, "year"), cell(row, "value"),
                                           loc(r, roles["value"])))
        else:
            for c, yh in header.years:
                raw = row[c] if c < len(row) else None
                line.values.append(SourceValue(yh, raw, loc(r, c, yh)))
        if not line.ident and not line.name and not line.sub and all(_blank(v.raw) for v in line.values):
            continue
        if all(_blank(v.raw) for v in line.values) and (header.layout == "wide" or _blank(cell(row, "year"))):
            continue  # a footnote ("Forrás: KSH"), a group title, or a row with nothing to fill
        lines.append(line)
    return lines, header.layout


# -- CSV ------------------------------------------------------------------------------------------

def decode_bytes(data: bytes) -> tuple[str, str, list[int]]:
    """Text, the encoding name for messages, and the 1-based lines that could not be decoded.

    UTF-8 (with or without BOM) and UTF-16 (with or without BOM) are recognised; otherwise Windows-1250 (which
    covers ISO-8859-2 for Hungarian letters). A file that mixes UTF-8 and Windows-1250 lines (two
    exports pasted together) is decoded line by line.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "UTF-16", []
        except UnicodeDecodeError:
            raise SourceError("hibás UTF-16 kódolású fájl") from None
    else:
        head = data[:4096]
        even, odd = head[0::2].count(0), head[1::2].count(0)
        if len(head) >= 4 and max(even, odd) > 0.4 * (len(head) // 2) and min(even, odd) == 0:
            # UTF-16 saved without a BOM: every other byte of Latin text is zero
            encoding = "utf-16-le" if odd > even else "utf-16-be"
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                text = ""
            if text and not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", text):
                return text, "UTF-16", []
    try:
        return data.decode("utf-8"), "UTF-8", []
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096]:
        raise SourceError("nem szöveges (CSV) fájl")
    out, bad, encodings = [], [], set()
    for n, raw in enumerate(data.split(b"\n"), start=1):
        for enc in ("utf-8", "cp1250", "iso-8859-2"):
            try:
                text = raw.decode(enc)
                if enc == "iso-8859-2" and re.search("[\x80-\x9f]", text):
                    continue  # C1 control characters: not a Latin-2 text either
                out.append(text)
                if not raw.isascii():
                    encodings.add(enc)
                break
            except UnicodeDecodeError:
                continue
        else:
            out.append(raw.decode("cp1250", errors="replace"))
            bad.append(n)
    name = "Windows-1250" if encodings <= {"cp1250"} else "vegyes (UTF-8 és Windows-1250)"
    if encodings == {"utf-8"}:
        name = "UTF-8"
    return "\n".join(out), name, bad


def _csv_error(exc: csv.Error, line: int) -> SourceError:
    """A CSV error in Hungarian (Python's csv module speaks English)."""
    text = str(exc)
    if "field larger than field limit" in text:
        return SourceError(f"a(z) {line}. sorban egy mező hosszabb {limits.MAX_CSV_FIELD // 1024} KiB-nál; ez nem "
                           "TeIR/KSH adatletöltés")
    if "NUL" in text:
        return SourceError(f"a(z) {line}. sor nullás bájtot tartalmaz; ez nem szöveges (CSV) fájl")
    return SourceError(f"hibás CSV-szerkezet a(z) {line}. sorban (pl. lezáratlan idézőjel)")


def _sniff_delimiter(text: str) -> str:
    sample = [ln for ln in text.splitlines()[:60] if ln.strip()]
    best, best_score = ",", (-1, -1)
    for delim in (";", "\t", ","):  # earlier wins ties: decimal commas make "," the least likely
        try:
            counts = [len(r) for r in csv.reader(sample, delimiter=delim) if len(r) > 1]
        except csv.Error:
            continue  # the reader below says what is wrong
        if not counts:
            continue
        mode = max(set(counts), key=counts.count)
        score = (counts.count(mode), mode)
        if score > best_score:
            best, best_score = delim, score
    return best


def read_csv(path: Path, display: str) -> SourceFile:
    try:
        limits.check_data_file_size(path.stat().st_size)
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"nem olvasható: {os_error_text(exc)}") from None
    except limits.LimitExceeded as exc:
        raise SourceError(str(exc)) from None
    try:
        limits.check_data_rows(data.count(b"\n"))
    except limits.LimitExceeded as exc:
        raise SourceError(str(exc)) from None
    text, encoding, bad_lines = decode_bytes(data)
    if text.count("\ufffd") > 10 and not bad_lines:
        raise SourceError("nem szöveges (CSV) fájl")
    csv.field_size_limit(limits.MAX_CSV_FIELD)  # (Python's default too; here it is ours)
    delim = _sniff_delimiter(text)
    rows, line_nos = [], []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    start = 1
    try:
        for row in reader:
            rows.append(row)
            line_nos.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise _csv_error(exc, reader.line_num) from None
    bad = set(bad_lines)

    def loc(r, c, year=None):
        base = f"{line_nos[r]}. sor"
        return base if year is None else f"{base}, „{clean_text(year)}” oszlop"

    lines, layout = grid_lines(display, rows, loc)
    problems = []
    if bad:
        kept = []
        for ln in lines:
            n = int(ln.location.split(".")[0])
            if n in bad:
                problems.append((ln.location, "a sor karakterkódolása nem ismerhető fel (UTF-8 vagy "
                                              "Windows-1250 kódolással mentse a fájlt); kihagyva"))
            else:
                kept.append(ln)
        lines = kept
    return SourceFile(display, lines, problems, encoding, layout)


# -- XLSX -----------------------------------------------------------------------------------------

def read_xlsx(path: Path, display: str) -> SourceFile:
    """An Excel export, behind the same checks as a workbook (:mod:`hep_xl.workbook.package`): a zip
    bomb or a sheet of millions of cells is refused before python-calamine loads it, and a panic of
    the native reader becomes a reason, not a crash."""
    import python_calamine as pc

    from ..workbook.package import PackageError, native, open_package

    try:
        limits.check_data_file_size(path.stat().st_size)
        pkg = open_package(path)
    except OSError as exc:
        raise SourceError(f"nem olvasható: {os_error_text(exc)}") from None
    except (PackageError, limits.LimitExceeded) as exc:
        raise SourceError(f"nem olvasható Excel-fájl: {exc}") from None
    try:
        wb = native(lambda: pc.CalamineWorkbook.from_path(str(path)))
        names = native(lambda: list(wb.sheet_names))
    except PackageError as exc:
        pkg.zf.close()
        raise SourceError(f"nem olvasható Excel-fájl: {exc}") from None
    lines: list[SourceLine] = []
    layouts = []
    errors = []
    for sheet in names:
        try:
            pkg.check_sheet(sheet)
            part = pkg.part(pkg.sheets.get(sheet, ""))
            if part is not None:
                limits.check_data_rows(limits.sheet_extent(pkg.read(part))[0])
            rows = native(lambda sheet=sheet: wb.get_sheet_by_name(sheet).to_python(skip_empty_area=False))
        except limits.LimitExceeded as exc:
            pkg.zf.close()
            raise SourceError(f"a(z) „{sheet}” munkalap: {exc}") from None
        except PackageError as exc:
            errors.append(f"{sheet}: {exc}")
            continue
        if not rows:
            continue

        def loc(r, c, year=None, _s=sheet):
            return f"{_s}!{column_letters(0 if c is None else c)}{r + 1}"

        try:
            found, layout = grid_lines(display, rows, loc)
        except SourceError:
            continue  # a legend or metadata sheet
        lines.extend(found)
        layouts.append(layout)
    pkg.zf.close()
    if not layouts:
        raise SourceError("egyik munkalapon sem található adattáblázat (mutató- és évoszlopok)"
                          + (f"; {'; '.join(errors)}" if errors else ""))
    return SourceFile(display, lines, [], "xlsx", "+".join(sorted(set(layouts))))


def read_export(path: str | Path, display: str | None = None) -> SourceFile:
    """Read one export file; raises :class:`SourceError` (Hungarian) when it cannot be read at all."""
    p = Path(path)
    display = display or p.name
    suffix = p.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(p, display)
    if suffix == ".xls":
        raise SourceError("a régi .xls formátum nem támogatott; mentse .xlsx vagy .csv formátumban")
    head = b""
    if p.is_file():
        with open(p, "rb") as fh:
            head = fh.read(4)
    if head.startswith(b"PK\x03\x04"):
        return read_xlsx(p, display)  # an Excel file with a .csv/.txt name
    return read_csv(p, display)
