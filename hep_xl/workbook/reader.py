"""Read a filled HEP workbook into the model, with python-calamine.

Data is found through the workbook's Excel tables (by table name and column header) and defined
names (settlement fields), never by fixed position: a clerk may insert rows or columns, sort a
table or leave blank rows. Every value read is remembered with its cell, so the validator and the
filler can point at the exact sheet and A1 reference.

What the clerk typed is normalised where that is unambiguous (decimal commas, thousands spaces,
"n.a." for no data, dates as text, trailing spaces); what is ambiguous becomes a :class:`ReadIssue`
and the value is left out. A file that is not a HEP workbook raises :class:`HepReadError` with a
Hungarian message.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import python_calamine as pc

from ..catalog import CatalogError, available_versions, load_catalog
from ..files import os_error_text
from ..limits import LimitExceeded
from ..model import (
    ChecklistEntry,
    Forum,
    ForumMeeting,
    ForumMember,
    FrameText,
    Hep,
    IndicatorSeries,
    Measure,
    MonitoringRecord,
    Problem,
    Settlement,
    WorkingGroup,
    WorkingGroupReport,
    fields_of,
    is_year,
)
from ..values import ValueProblem, parse_date, parse_indicator_value, parse_int, parse_text, parse_year
from . import layout as L
from .a1 import column_letters, from_a1, to_a1
from .package import PackageError, cells_out_of_date_range, native, open_package, table_bounds

UNREADABLE = "nem olvasható Excel-munkafüzet (.xlsx/.xlsm)"


def _number(raw):
    """A monitoring number (a target, a value reached): a number, or blank; "nincs adat" is no number here."""
    value = parse_indicator_value(raw)
    if value is not None and not isinstance(value, (int, float)):
        raise ValueProblem("számot adjon meg (pl. 12 vagy 12,5), vagy hagyja üresen")
    return value


class HepReadError(Exception):
    """The file cannot be read as a HEP workbook. ``str()`` is a Hungarian message for the user."""

    def __init__(self, path: str | os.PathLike, message: str):
        self.path = str(path)
        self.message = message
        super().__init__(f"{self.path}: {message}")


@dataclass(frozen=True)
class CellRef:
    sheet: str
    cell: str  # A1 reference, e.g. "H12"

    def __str__(self) -> str:
        return f"{self.sheet}!{self.cell}"


@dataclass
class ReadIssue:
    """A value that was present but could not be read; it is left out of the model."""

    sheet: str
    cell: str
    field: str
    value: str
    message: str


@dataclass
class ReadResult:
    hep: Hep
    path: str
    cells: dict[tuple, CellRef] = field(default_factory=dict)
    issues: list[ReadIssue] = field(default_factory=list)
    template_version: str = ""
    date1904: bool = False

    def cell(self, *key) -> CellRef | None:
        return self.cells.get(tuple(key))


_REF = re.compile(r"^=?(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Z]{1,3})\$?(\d+)")


def _parse_ref(ref: str) -> tuple[str, str] | None:
    m = _REF.match(ref.strip())
    if not m:
        return None
    sheet = (m.group(1) or "").replace("''", "'") or m.group(2)
    return sheet, f"{m.group(3)}{m.group(4)}"


def _year_of(header) -> int | None:
    if is_year(header):
        return int(header)
    if isinstance(header, str):
        m = re.fullmatch(r"\s*(\d{4})\.?\s*", header)
        if m and is_year(int(m.group(1))):
            return int(m.group(1))
    return None


def _norm_header(h) -> str:
    return re.sub(r"\s+", " ", str(h)).strip().casefold()


@dataclass
class TableData:
    """One Excel table as a source delivers it: where its data starts, its headers and data rows."""

    name: str
    sheet: str
    first_row: int  # 0-based row of the first data row (the header is the row above)
    first_col: int  # 0-based column of the first column
    headers: list
    rows: list[list]
    last_row: int | None = None  # 0-based last row of the table's reference, when rows stop earlier


class WorkbookSource:
    """Where the reader gets cells from. :class:`CalamineSource` reads a file; the Excel macros
    provide one over a live workbook (xlwings). Rows and columns are 0-based."""

    path: str
    sheet_names: set[str]
    defined_names: dict[str, str]  # name -> reference such as "'Településadatok'!$B$4"
    date1904: bool

    def table(self, name: str) -> TableData | None:
        raise NotImplementedError

    def cell(self, sheet: str, row: int, col: int):
        raise NotImplementedError

    def sheet_rows(self, sheet: str) -> list[list]:
        raise NotImplementedError


class CalamineSource(WorkbookSource):
    """A workbook file read with python-calamine, behind the checks of :mod:`.package`: the
    package and every sheet are checked against :mod:`hep_xl.limits` before calamine loads them,
    Excel tables are found in their own parts and cut out of the (already checked) sheet, and
    every call into calamine runs through :func:`.package.native`, so no file can panic, abort or
    exhaust memory in the native reader."""

    def __init__(self, path: str):
        self.path = path
        self._sheet_cache: dict[str, list[list]] = {}
        self._tables: dict | None = None
        try:
            self.pkg = open_package(path)
        except (PackageError, LimitExceeded) as exc:
            raise HepReadError(path, f"{UNREADABLE}: {exc}") from None
        except OSError as exc:
            raise HepReadError(path, f"a fájl nem olvasható ({os_error_text(exc)})") from None
        self.defined_names, self.date1904 = self.pkg.defined_names, self.pkg.date1904
        self.wb = self._native(lambda: pc.CalamineWorkbook.from_path(path))
        self.sheet_names = set(self._native(lambda: list(self.wb.sheet_names)))

    def close(self) -> None:
        self.pkg.zf.close()

    def _native(self, fn, what: str = ""):
        try:
            return native(fn, what)
        except PackageError as exc:
            raise HepReadError(self.path, f"{UNREADABLE}: {exc}") from None

    def sheet_rows(self, sheet: str) -> list[list]:
        rows = self._sheet_cache.get(sheet)
        if rows is None:
            what = f"a(z) „{sheet}” munkalap"
            try:
                self.pkg.check_sheet(sheet)
            except (PackageError, LimitExceeded) as exc:
                raise HepReadError(self.path, str(exc)) from None
            try:
                rows = native(lambda: self.wb.get_sheet_by_name(sheet).to_python(skip_empty_area=False), what)
            except PackageError as exc:
                raise HepReadError(self.path, self._explain(sheet, str(exc))) from None
            self._sheet_cache[sheet] = rows
        return rows

    def _explain(self, sheet: str, message: str) -> str:
        """Name the cells that make a sheet unreadable, when they can be found."""
        name = self.pkg.part(self.pkg.sheets.get(sheet, ""))
        try:
            bad = cells_out_of_date_range(self.pkg.read(name)) if name else []
        except (PackageError, LimitExceeded):
            bad = []
        if not bad:
            return message
        cells = ", ".join(f"{sheet}!{c} („{v[:24]}”)" for c, v in bad[:5])
        return (f"a(z) „{sheet}” munkalap nem olvasható: túl nagy vagy túl kicsi szám dátumként formázott "
                f"cellában: {cells}; javítsa vagy törölje a cellát Excelben")

    def cell(self, sheet: str, row: int, col: int):
        rows = self.sheet_rows(sheet)
        return rows[row][col] if row < len(rows) and col < len(rows[row]) else None

    def table(self, name: str) -> TableData | None:
        if self._tables is None:
            try:
                self._tables = self.pkg.tables()
            except (PackageError, LimitExceeded) as exc:
                raise HepReadError(self.path, str(exc)) from None
        t = self._tables.get(name)
        if t is None:
            return None
        try:
            r0, c0, r1, c1 = table_bounds(t.ref)
        except PackageError as exc:
            raise HepReadError(self.path, f"a(z) „{name}” Excel-táblázat: {exc}") from None
        if t.sheet not in self.sheet_names:
            return None
        width = c1 - c0 + 1
        if len(t.columns) != width:
            raise HepReadError(self.path, f"a(z) „{name}” Excel-táblázat oszlopainak száma ({len(t.columns)}) "
                                          f"nem egyezik a hivatkozásával („{t.ref}”)")
        first = r0 + t.header_rows
        last = r1 - t.totals_rows
        rows = self.sheet_rows(t.sheet)
        body = []
        # rows beyond the sheet's used range are empty: the table reference never allocates them
        for r in range(first, min(last, len(rows) - 1) + 1):
            row = rows[r][c0:c1 + 1]
            body.append(row + [""] * (width - len(row)) if len(row) < width else row)
        return TableData(name, t.sheet, first, c0, list(t.columns), body, last)


class _Table:
    """One Excel table: header -> column index, data rows, and the A1 cell of each datum."""

    def __init__(self, table: TableData):
        self.name = table.name
        self.sheet: str = table.sheet
        self.first_row, self.first_col = table.first_row, table.first_col
        self.headers = list(table.headers)
        self.col = {_norm_header(h): i for i, h in enumerate(self.headers)}
        self.rows = table.rows
        self.last_row = table.last_row
        self._letters = [column_letters(self.first_col + c) for c in range(len(self.headers))]

    def index(self, header: str) -> int | None:
        return self.col.get(_norm_header(header))

    def ref(self, r: int, c: int) -> str:
        return f"{self._letters[c]}{self.first_row + r + 1}"

    def range_ref(self) -> str:
        last_row = self.first_row + max(len(self.rows), 1) - 1
        if self.last_row is not None:
            last_row = max(last_row, self.last_row)
        return (f"{to_a1(self.first_row - 1, self.first_col)}:"
                f"{to_a1(last_row, self.first_col + len(self.headers) - 1)}")


class _Reader:
    def __init__(self, source: WorkbookSource):
        self.src = source
        self.path = source.path
        self.date1904 = source.date1904
        self.sheet_names = source.sheet_names
        self.result: ReadResult | None = None

    def fail(self, message: str) -> None:
        raise HepReadError(self.path, message)

    # -- primitive access -----------------------------------------------------------------------
    def sheet_rows(self, sheet: str) -> list[list]:
        return self.src.sheet_rows(sheet)

    def named_cell(self, name: str) -> tuple[CellRef, object]:
        ref = self.src.defined_names.get(name)
        parsed = _parse_ref(ref) if ref else None
        if parsed is None or parsed[0] not in self.sheet_names:
            self.fail(f"hiányzik a(z) „{name}” nevű cella (definiált név); a munkafüzet nem HEP-sablonból "
                      "készült, vagy a név törölve lett")
        sheet, cell = parsed
        r, c = from_a1(cell)
        return CellRef(sheet, cell), self.src.cell(sheet, r, c)

    def table(self, name: str, sheet_hint: str) -> _Table:
        data = self.src.table(name)
        if data is None:
            self.fail(f"hiányzik a(z) „{name}” Excel-táblázat a(z) „{sheet_hint}” munkalapról")
        return _Table(data)

    def issue(self, ref: CellRef, fieldname: str, raw, message: str) -> None:
        self.result.issues.append(ReadIssue(ref.sheet, ref.cell, fieldname, str(raw), message))

    def convert(self, ref: CellRef, fieldname: str, raw, parse):
        try:
            return parse(raw)
        except ValueProblem as exc:
            self.issue(ref, fieldname, raw, str(exc))
            return None

    def date(self, raw):
        return parse_date(raw, self.date1904)

    # -- the whole workbook ---------------------------------------------------------------------
    def read(self) -> ReadResult:
        meta = self.meta()
        version = meta.get("template_version", "")
        if version not in L.KNOWN_TEMPLATE_VERSIONS:
            self.fail(f"ismeretlen sablonverzió: „{version}” (ismert: {', '.join(L.KNOWN_TEMPLATE_VERSIONS)}); "
                      "frissítse a hep_xl programot")
        catalog_version = meta.get("catalog_version", "")
        try:
            self.cat = load_catalog(catalog_version)
        except CatalogError:
            self.fail(f"ismeretlen katalógusváltozat: „{catalog_version}” (ismert: "
                      f"{', '.join(available_versions())})")
        hep = Hep(catalog_version=catalog_version)
        self.result = ReadResult(hep, self.path, template_version=version, date1904=self.date1904)
        self.settlement(hep.settlement)
        self.indicators(hep)
        self.checklist(hep)
        hep.problems = self.records(L.PROBLEMS_TABLE, L.SHEETS.conclusions, L.PROBLEM_COLUMNS,
                                    Problem, "problems")
        for g in self.cat.target_groups:
            hep.measures.extend(self.measures(g.id, len(hep.measures)))
        hep.forum = Forum(
            members=self.records(L.MEMBERS_TABLE, L.SHEETS.forum, L.MEMBER_COLUMNS, ForumMember, "members"),
            meetings=self.records(L.MEETINGS_TABLE, L.SHEETS.forum_meetings, L.MEETING_COLUMNS, ForumMeeting,
                                  "meetings"),
            working_groups=self.records(L.WORKING_GROUPS_TABLE, L.SHEETS.forum_groups, L.WORKING_GROUP_COLUMNS,
                                        WorkingGroup, "working_groups"),
            reports=self.optional_records(L.REPORTS_TABLE, L.SHEETS.forum_reports, L.REPORT_COLUMNS,
                                          WorkingGroupReport, "reports"),
        )
        hep.progress = self.optional_records(L.PROGRESS_TABLE, L.SHEETS.progress, L.PROGRESS_COLUMNS,
                                             MonitoringRecord, "progress")
        self.frame(hep)
        return self.result

    def meta(self) -> dict[str, str]:
        if L.SHEETS.meta not in self.sheet_names:
            self.fail(f"nem HEP-munkafüzet: hiányzik a „{L.SHEETS.meta}” munkalap (sablonverzió, "
                      "katalógusváltozat); új munkafüzetet a „hep-xl new” parancs készít")
        out = {}
        for row in self.sheet_rows(L.SHEETS.meta):
            if len(row) >= 2 and isinstance(row[0], str) and row[0] in L.META_KEYS:
                out[row[0]] = parse_text(row[1])
        return out

    def frame(self, hep: Hep) -> None:
        """The document frame sheet; a workbook made before it existed reads as an empty frame."""
        cells = self.result.cells
        if L.ISSUING_BODY_NAME in self.src.defined_names:
            ref, raw = self.named_cell(L.ISSUING_BODY_NAME)
            cells[("frame", "issuing_body")] = ref
            hep.frame.issuing_body = parse_text(raw)
        data = self.src.table(L.FRAME_TABLE)
        if data is None:
            return
        t = _Table(data)
        id_col, text_col = t.index(L.FRAME_ID), t.index(L.FRAME_TEXT)
        if id_col is None or text_col is None:
            self.fail(f"a(z) „{L.SHEETS.frame}” lap táblázatából hiányzik az „{L.FRAME_ID}” vagy a "
                      f"„{L.FRAME_TEXT}” oszlop")
        for r, row in enumerate(t.rows):
            part_id = parse_text(row[id_col])
            if not part_id:
                continue
            ref = CellRef(t.sheet, t.ref(r, text_col))
            part = self.cat.frame_part_by_id.get(part_id)
            if part is None or not part.written:
                self.issue(CellRef(t.sheet, t.ref(r, id_col)), "part_id", part_id,
                           f"ismeretlen dokumentumrész: „{part_id}”")
                continue
            if ("frame", part_id, "text") in cells:
                self.issue(ref, "part_id", part_id, f"a(z) „{part_id}” rész kétszer szerepel; az első sor számít")
                continue
            cells[("frame", part_id, "text")] = ref
            text = parse_text(row[text_col])
            if text:
                hep.frame.texts[part_id] = FrameText(part_id, text)
        cells[("table", "frame")] = CellRef(t.sheet, t.range_ref())

    def settlement(self, st: Settlement) -> None:
        cells = self.result.cells
        reviews: dict[int, tuple[object, CellRef]] = {}
        for fd in L.SETTLEMENT_FIELDS:
            ref, raw = self.named_cell(fd.defined_name)
            if fd.index is None:
                cells[("settlement", fd.field)] = ref
            if fd.kind == "date":
                value = self.convert(ref, fd.field, raw, self.date)
            elif fd.kind == "int":
                value = self.convert(ref, fd.field, raw, parse_int)
            elif fd.kind == "year":
                value = self.convert(ref, fd.field, raw, parse_year)
            elif fd.kind == "ksh_code":
                value = parse_text(raw)
                if isinstance(raw, (int, float)) and value.isdigit():
                    value = value.zfill(5)  # a code typed as a number lost its leading zero
            else:
                value = parse_text(raw)
            if fd.index is not None:
                if value is not None:
                    reviews[fd.index] = (value, ref)
            else:
                setattr(st, fd.field, value)
        # the list holds the dates given; each position points at the cell its date came from
        st.review_dates = []
        for i in sorted(reviews):
            value, ref = reviews[i]
            cells[("settlement", "review_dates", len(st.review_dates))] = ref
            st.review_dates.append(value)

    def indicators(self, hep: Hep) -> None:
        t = self.table(L.INDICATORS_TABLE, L.SHEETS.indicators)
        id_col = t.index(L.IND_ID)
        if id_col is None:
            self.fail(f"a(z) „{L.SHEETS.indicators}” lap táblázatából hiányzik az „{L.IND_ID}” oszlop")
        year_cols = [(c, y) for c, h in enumerate(t.headers) if (y := _year_of(h)) is not None]
        hep.years = sorted(y for _, y in year_cols)
        src, ret, note = t.index(L.IND_SOURCE), t.index(L.IND_RETRIEVED), t.index(L.IND_NOTE)
        cells, known = self.result.cells, self.cat.series_by_id
        for r, row in enumerate(t.rows):
            sid = parse_text(row[id_col])
            if not sid:
                continue
            row_ref = CellRef(t.sheet, t.ref(r, id_col))
            if sid not in known:
                self.issue(row_ref, "series_id", sid, f"ismeretlen mutatóazonosító: „{sid}”")
                continue
            if ("indicator", sid) in cells:
                self.issue(row_ref, "series_id", sid, f"a(z) „{sid}” mutató kétszer szerepel; az első sor számít")
                continue
            cells[("indicator", sid)] = row_ref
            series = IndicatorSeries(sid)
            for c, year in year_cols:
                ref = CellRef(t.sheet, t.ref(r, c))
                cells[("indicator", sid, year)] = ref
                value = self.convert(ref, f"{sid}/{year}", row[c], parse_indicator_value)
                if value is not None:
                    series.values[year] = value
            for col, attr, parse in ((src, "source", parse_text), (ret, "retrieved", self.date),
                                     (note, "note", parse_text)):
                if col is None:
                    continue
                ref = CellRef(t.sheet, t.ref(r, col))
                cells[("indicator", sid, attr)] = ref
                value = self.convert(ref, f"{sid}/{attr}", row[col], parse)
                if value is not None:
                    setattr(series, attr, value)
            if series.values or series.source or series.retrieved or series.note:
                hep.indicators[sid] = series
        self.result.cells[("table", "indicators")] = CellRef(t.sheet, t.range_ref())

    def checklist(self, hep: Hep) -> None:
        t = self.table(L.CHECKLIST_TABLE, L.SHEETS.checklist)
        cols = {a: t.index(h) for a, h in (("id", L.CHK_ID), ("status", L.CHK_STATUS),
                                          ("narrative", L.CHK_NARRATIVE), ("data_gaps", L.CHK_GAPS))}
        if cols["id"] is None:
            self.fail(f"a(z) „{L.SHEETS.checklist}” lap táblázatából hiányzik az „{L.CHK_ID}” oszlop")
        cells = self.result.cells
        for r, row in enumerate(t.rows):
            item_id = parse_text(row[cols["id"]])
            if not item_id or item_id not in self.cat.checklist_by_id:
                if item_id:
                    self.issue(CellRef(t.sheet, t.ref(r, cols["id"])), "item_id", item_id,
                               f"ismeretlen tartalmi elem: „{item_id}”")
                continue
            cells[("checklist", item_id)] = CellRef(t.sheet, t.ref(r, cols["id"]))
            entry = ChecklistEntry(item_id)
            for attr in ("status", "narrative", "data_gaps"):
                c = cols[attr]
                if c is None:
                    continue
                cells[("checklist", item_id, attr)] = CellRef(t.sheet, t.ref(r, c))
                setattr(entry, attr, parse_text(row[c]))
            if entry.status or entry.narrative or entry.data_gaps:
                hep.checklist[item_id] = entry

    def records(self, name: str, sheet: str, columns, cls, key: str, offset: int = 0,
                extra: dict | None = None, table_key: tuple = ()) -> list:
        """Rows of a simple record table; blank rows are skipped. The cell map gets each value's
        cell under ``(key, n, attr)`` and the table's range under ``("table", key, *table_key)``."""
        t = self.table(name, sheet)
        out = []
        cells = self.result.cells
        kinds = {f.name: f.kind for f in fields_of(cls)}
        idx = [(attr, t.index(h)) for attr, h in columns]
        for r, row in enumerate(t.rows):
            if all(c is None or row[c] in (None, "") or (isinstance(row[c], str) and not row[c].strip())
                   for _, c in idx):
                continue
            n = offset + len(out)
            values = dict(extra or {})
            for attr, c in idx:
                if c is None:
                    continue
                ref = CellRef(t.sheet, t.ref(r, c))
                cells[(key, n, attr)] = ref
                values[attr] = self.field_value(attr, kinds.get(attr, "text"), ref, row[c])
            first = next((c for _, c in idx if c is not None), 0)
            cells[(key, n)] = CellRef(t.sheet, t.ref(r, first))
            out.append(cls(**{k: v for k, v in values.items() if v is not None}))
        cells[("table", key, *table_key)] = CellRef(t.sheet, t.range_ref())
        return out

    def optional_records(self, name: str, sheet: str, columns, cls, key: str) -> list:
        """Rows of a table a workbook of an older template has not (the monitoring's: none then)."""
        if self.src.table(name) is None:
            return []
        return self.records(name, sheet, columns, cls, key)

    def field_value(self, attr: str, kind: str, ref: CellRef, raw):
        if kind == "date":
            return self.convert(ref, attr, raw, self.date)
        if kind == "deadline":
            # a real date stays a date; text is kept as typed (the validator parses and checks it)
            if raw is None or raw == "" or isinstance(raw, str):
                return parse_text(raw)
            return self.convert(ref, attr, raw, self.date)
        if kind == "int":
            return self.convert(ref, attr, raw, parse_int)
        if kind == "year":
            return self.convert(ref, attr, raw, parse_year)
        if kind == "number":
            return self.convert(ref, attr, raw, _number)
        text = parse_text(raw)
        if kind == "role":
            return self.role_id(text)
        return text

    def role_id(self, text: str) -> str:
        folded = text.casefold()
        for role in self.cat.forum_roles:
            if role.name.casefold() == folded or role.id == text:
                return role.id
        return text

    def measures(self, group: str, offset: int) -> list[Measure]:
        columns = L.measure_columns(self.cat)  # the detail form's columns may be absent (older workbooks)
        return self.records(L.measures_table(group), L.SHEETS.action_plan, columns, Measure, "measures",
                            offset=offset, extra={"target_group": group}, table_key=(group,))


def read_workbook(path: str | os.PathLike) -> ReadResult:
    """Read a HEP workbook file. Raises :class:`HepReadError` (Hungarian message) when it is not one."""
    p = Path(path)
    if not p.is_file():
        raise HepReadError(p, "a fájl nem található")
    source = CalamineSource(str(p))
    try:
        return read_source(source)
    finally:
        source.close()


def read_source(source: WorkbookSource) -> ReadResult:
    """Read a HEP from any workbook source (a file, or a live workbook in Excel)."""
    return _Reader(source).read()
