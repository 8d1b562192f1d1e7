"""The *Ellenőrzés* (validation report) sheet and the highlight marks: the one writer of both.

The CLI's ``validate --write-back`` (:mod:`.writeback`, openpyxl on a file) and the ribbon's
Ellenőrzés button (:mod:`hep_xl.excel.live`, xlwings on the open workbook) both call
:func:`write_report_sheet` with a :class:`ReportTarget` — the small set of reads and writes it
needs, implemented once per library. The layout, the colours and the marks are decided here only.

* The report sheet: the summary above the table (A2: the counts and the overall completeness, A3:
  the completeness per area), one row per finding under ``layout.REPORT_HEADERS`` from row 5, its
  cell reference a link to the cell, its field named by its Hungarian label (:func:`field_label`),
  its text wrapped in a row as tall as the text needs (:mod:`hep_xl.workbook.textfit`).
* The overview sheet (Áttekintés, template version 2): the same summary, the completeness per area
  (the template draws a data bar in it) and the number of findings per sheet and severity.
* Offending cells (errors and warnings) get a visible fill. Each highlighted cell and the fill it
  had is recorded on the hidden meta sheet (column ``MARKS_COLUMN``), so the next run — by either
  writer — puts back exactly the fill it found; a clean run leaves no highlight behind.

:func:`plan_report` reads everything it needs first and returns the whole result as a list of
:class:`Edit` steps; nothing is written until it is complete. The steps are ordered so that if
Excel refuses one part-way (COM writes are immediate and have no transaction), the next run still
cleans up: the report sheet first, then last run's highlights restored while their marks still
record them, then the new marks, and only then the new highlights they record.

No spreadsheet library is imported here: a button click must start fast.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Protocol

from ..catalog import Catalog, load_catalog
from ..model import (
    ChecklistEntry,
    ForumMeeting,
    ForumMember,
    IndicatorSeries,
    Problem,
    Settlement,
    WorkingGroup,
    fields_of,
)
from ..workbook import SHEET_ORDER
from ..workbook import layout as L
from ..workbook.a1 import column_letters, from_a1, sheet_ref
from ..workbook.textfit import row_height
from .findings import AREA_LABELS, AREAS, Finding, Report, Severity

REPORT_SHEET = L.SHEETS.report
META_SHEET = L.SHEETS.meta
OVERVIEW_SHEET = L.SHEETS.overview
MARKS_COLUMN = "K"  # on the hidden meta sheet; K1 holds MARKS_HEADER, one mark per row below
MARKS_HEADER = "hep_validation_marks"


def _argb(rgb: str) -> str:
    return "FF" + rgb.lstrip("#").upper()


# Excel's built-in "Bad" and "Neutral" cell-style fills; the info rows of the report get the light
# blue of "20% - Accent1" (Office theme): the layout's colours, which the guide sheet explains
HIGHLIGHT = {Severity.ERROR: _argb(L.ERROR_FILL), Severity.WARNING: _argb(L.WARNING_FILL)}  # light red, amber
SEVERITY_FILL = {**HIGHLIGHT, Severity.INFO: _argb(L.INFO_FILL)}
FIRST_ROW = L.REPORT_HEADER_ROW + 2  # 1-based: title, summary, completeness, header (row 4), findings
LAST_COLUMN = 10  # J: cleared before each run (template version 1 kept its scores in I–J)
FONT_SIZE = 10.0
FONT = {"name": "Calibri", "size": FONT_SIZE}
WRAPPED_COLUMNS = (3, 5, 6, 7)  # Munkalap, Mező, Érték, Üzenet
_SHEET_ORDER = SHEET_ORDER
_CELL = re.compile(r"^[A-Z]{1,3}[1-9]\d*$")
DEFAULT_HEIGHT = 15.0  # a row of one line (a cleared row goes back to it)


def sort_key(f: Finding) -> tuple[int, str, int, int]:
    """Findings in sheet order (sheets the workbook does not have by name), then row, then column."""
    try:
        row, col = from_a1(f.cell) if f.cell else (-1, -1)
    except ValueError:
        row, col = -1, -1
    sheet = _SHEET_ORDER.index(f.sheet) if f.sheet in _SHEET_ORDER else len(_SHEET_ORDER)
    return sheet, f.sheet, row, col


# -- the Hungarian names of the fields a finding names ------------------------------------------------

# fields that name a whole table or a key, not a record's field
_COLLECTIONS = {"years": "Évek (az idősor oszlopai)", "series_id": "Mutatóazonosító", "item_id": "Tartalmi elem",
                "problems": "Feltárt problémák", "measures": "Intézkedések", "members": "Fórumtagok",
                "meetings": "Fórumülések", "working_groups": "Munkacsoportok"}


def _labels(*classes) -> dict[str, str]:
    out: dict[str, str] = {}
    for cls in classes:
        for fi in fields_of(cls):
            out.setdefault(fi.name, fi.label)
    return out


def _sheet_labels(catalog: Catalog) -> dict[str, dict[str, str]]:
    s = L.SHEETS
    measures = {"number": next(c.label for c in catalog.columns if not c.letter), **{c.id: c.label
                                                                                    for c in catalog.columns}}
    return {s.settlement: _labels(Settlement), s.indicators: _labels(IndicatorSeries),
            s.checklist: _labels(ChecklistEntry), s.conclusions: _labels(Problem), s.action_plan: measures,
            s.forum: _labels(ForumMember, ForumMeeting, WorkingGroup)}


def _series_label(series_id: str, catalog: Catalog) -> str | None:
    sd = catalog.series_by_id.get(series_id)
    return f"{sd.indicator_number}. {sd.name}" if sd else None


def field_label(f: Finding, catalog: Catalog | None = None) -> str:
    """The Hungarian name of the field a finding is about: the model's label of a record's field, the
    catalog's heading of an action-plan column, an indicator series' number and name (with the year
    or the column of a value that could not be read); the field as given when it has none."""
    catalog = catalog or load_catalog()
    name = f.field or ""
    if "/" in name:  # a value the reader could not read: "<series>/<year>" or "<series>/<column>"
        head, _, tail = name.partition("/")
        base = _series_label(head, catalog) or head
        if tail.isdigit():
            return f"{base}, {tail}"
        return f"{base} – {_labels(IndicatorSeries).get(tail, tail)}"
    series = _series_label(name, catalog)
    if series:
        return series
    labels = _sheet_labels(catalog).get(f.sheet, {})
    return labels.get(name) or _COLLECTIONS.get(name) or _labels(
        Settlement, Problem, ChecklistEntry, ForumMember, ForumMeeting, WorkingGroup).get(name) or name


def report_rows(report: Report, lang: str = "hu") -> list[tuple[Finding, list]]:
    """(finding, the values of its row under ``layout.REPORT_HEADERS``), sorted; "" becomes None."""
    from .messages import shown

    catalog = load_catalog()
    rows = []
    for f in sorted(report.findings, key=sort_key):
        label = field_label(f, catalog) if lang == "hu" else f.field
        values = (f.severity.label(lang), f.rule_id, f.sheet, f.cell, label, shown(f.value), f.text(lang))
        rows.append((f, [None if v == "" else v for v in values]))
    return rows


def summary_line(report: Report, when: dt.datetime, lang: str = "hu") -> str:
    counts = report.counts_by_severity()
    text = (f"Ellenőrizve: {when:%Y.%m.%d. %H:%M} – "
            + ", ".join(f"{counts[s.value]} {s.label(lang)}" for s in Severity)
            + f"; teljesség összesen: {round(report.scores.get('overall', 0) * 100)}%.")
    return text + (" Nincs megállapítás." if not report.findings else "")


def completeness_line(report: Report, lang: str = "hu") -> str:
    area = AREA_LABELS[lang if lang in AREA_LABELS else "hu"]
    return ("Teljesség: " if lang == "hu" else "Completeness: ") + ", ".join(
        f"{area[a]} {round(report.scores.get(a, 0.0) * 100)}%" for a in AREAS)


def finding_heights(rows: list[tuple[Finding, list]]) -> list[float]:
    """The height each finding's row needs for its wrapped Mező, Érték and Üzenet."""
    out = []
    for _, values in rows:
        cells = [(str(values[c - 1]), float(L.REPORT_WIDTHS[c - 1]), FONT_SIZE, False, 0)
                 for c in WRAPPED_COLUMNS if values[c - 1] is not None]
        out.append(row_height(cells) or DEFAULT_HEIGHT)
    return out


# -- fills as the marks record them ------------------------------------------------------------------

def solid_fill_record(rgb: str) -> str:
    """A mark's "original fill" for a plain solid fill (as xlsxwriter writes the template's fills)."""
    argb = "FF" + rgb.lstrip("#").upper()[-6:]
    return json.dumps({"p": "solid", "fg": {"rgb": argb, "tint": 0.0}, "bg": {"indexed": 64, "tint": 0.0}},
                      separators=(",", ":"))


def template_fills(result) -> dict[tuple[str, str], str]:
    """The template's fill of each cell a finding may point at: labels grey, inputs light yellow.

    For a writer that cannot read a cell's fill (xlwings' engines), this is the fill a cell has
    until the clerk changes it."""
    out = {}
    for key, ref in result.cells.items():
        label = len(key) == 2 and key[0] in ("indicator", "checklist")
        out[(ref.sheet, ref.cell)] = solid_fill_record(L.LABEL_FILL if label else L.INPUT_FILL)
    return out


def default_fill_record() -> str:
    return solid_fill_record(L.INPUT_FILL)


# -- the writer -----------------------------------------------------------------------------------------

class ReportTarget(Protocol):
    """A workbook the report is written into. Ranges are A1 text ("A5", "A5:G9") on a named sheet;
    every write is literal (text never becomes a formula)."""

    sheet_names: set[str]

    # reads (all done while planning, before the first write)
    def last_row(self, sheet: str) -> int: ...
    def column_values(self, sheet: str, column: str, first_row: int) -> list: ...
    def fill_to_record(self, sheet: str, cell: str, recorded: str | None) -> str | None:
        """The fill to record for a cell about to be highlighted; ``recorded`` is what the last run's
        mark says, if the cell has one. None: leave this cell alone (e.g. a gradient fill)."""

    # writes
    def clear(self, sheet: str, ref: str) -> None: ...  # values, formats and links
    def clear_values(self, sheet: str, ref: str) -> None: ...
    def write(self, sheet: str, ref: str, rows: list[list]) -> None: ...  # from the top-left cell of ref
    def fill(self, sheet: str, ref: str, argb: str) -> None: ...
    def restore_fill(self, sheet: str, cell: str, recorded: str) -> None:
        """Put back a recorded fill, unless the clerk has changed the cell's fill since."""
    def font(self, sheet: str, ref: str, *, bold: bool, name: str, size: float) -> None: ...
    def number_format(self, sheet: str, ref: str, fmt: str) -> None: ...
    def align(self, sheet: str, ref: str, *, wrap: bool, vertical: str) -> None: ...
    def link(self, sheet: str, cell: str, location: str, text: str, tip: str) -> None: ...
    def column_width(self, sheet: str, column: str, width: float) -> None: ...
    def row_height(self, sheet: str, row: int, height: float) -> None: ...  # 1-based row, points


@dataclass(frozen=True)
class Edit:
    """One write of the plan: ``getattr(target, method)(*args, **kwargs)``."""

    method: str
    args: tuple
    kwargs: dict = field(default_factory=dict)

    def apply(self, target: ReportTarget) -> None:
        getattr(target, self.method)(*self.args, **self.kwargs)


def _col(n: int) -> str:
    """1-based column number -> letters."""
    return column_letters(n - 1)


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Consecutive row numbers as (first, last) runs."""
    out: list[tuple[int, int]] = []
    for r in rows:
        if out and out[-1][1] == r - 1:
            out[-1] = (out[-1][0], r)
        else:
            out.append((r, r))
    return out


def previous_marks(target: ReportTarget) -> list[tuple[str, str, str]]:
    """(sheet, cell, recorded fill) of each highlight the last run made, in order."""
    out = []
    for value in target.column_values(META_SHEET, MARKS_COLUMN, 2):
        if value in (None, ""):
            break
        parts = str(value).split("\t", 2)
        out.append((parts[0], parts[1], parts[2]) if len(parts) == 3 else ("", "", ""))
    return out


def plan_report(target: ReportTarget, report: Report, now: dt.datetime, lang: str = "hu") -> list[Edit]:
    """Every write of the report, in the order they must happen (see the module docstring)."""
    rs, meta = REPORT_SHEET, META_SHEET
    rows = report_rows(report, lang)
    old_marks = previous_marks(target)
    old_last = target.last_row(rs)
    edits: list[Edit] = []

    def e(method: str, *args, **kwargs) -> None:
        edits.append(Edit(method, args, kwargs))

    # 1. the report sheet: the summary above the table, one finding a row
    last_col = _col(LAST_COLUMN)
    headers = len(L.REPORT_HEADERS)
    header_row = FIRST_ROW - 1
    e("clear", rs, f"A2:{last_col}3")
    e("clear", rs, f"{_col(headers + 1)}{header_row}:{last_col}{header_row}")
    if old_last >= FIRST_ROW:
        e("clear", rs, f"A{FIRST_ROW}:{last_col}{old_last}")
    e("write", rs, "A2", [[summary_line(report, now, lang)]])
    e("font", rs, "A2", bold=True, **FONT)
    e("write", rs, "A3", [[completeness_line(report, lang)]])
    e("font", rs, "A3", bold=False, **FONT)
    e("write", rs, f"A{header_row}", [list(L.REPORT_HEADERS)])
    for c, width in enumerate(L.REPORT_WIDTHS, start=1):
        e("column_width", rs, _col(c), width)
    heights = finding_heights(rows)
    if rows:
        last = FIRST_ROW + len(rows) - 1
        e("write", rs, f"A{FIRST_ROW}", [values for _, values in rows])
        link_col = L.REPORT_HEADERS.index("Cella") + 1
        for i, (f, _) in enumerate(rows):
            if f.sheet and f.cell and f.sheet in target.sheet_names:
                e("link", rs, f"{_col(link_col)}{FIRST_ROW + i}", f"{sheet_ref(f.sheet)}!{f.cell}", f.cell,
                  f"Ugrás: {f.sheet}!{f.cell}")
        first_wrapped, last_wrapped = WRAPPED_COLUMNS[0], WRAPPED_COLUMNS[-1]
        e("align", rs, f"A{FIRST_ROW}:{_col(first_wrapped - 1)}{last}", wrap=False, vertical="top")
        e("align", rs, f"{_col(first_wrapped)}{FIRST_ROW}:{_col(last_wrapped)}{last}", wrap=True, vertical="top")
        by_severity: dict[Severity, list[int]] = {}
        for i, (f, _) in enumerate(rows):
            by_severity.setdefault(f.severity, []).append(FIRST_ROW + i)
        for sev in Severity:
            for first, end in _runs(by_severity.get(sev, [])):
                e("fill", rs, f"A{first}:A{end}", SEVERITY_FILL[sev])
    for i, height in enumerate(heights):
        e("row_height", rs, FIRST_ROW + i, height)
    for r in range(FIRST_ROW + len(rows), old_last + 1):  # rows of a longer last report, now empty
        e("row_height", rs, r, DEFAULT_HEIGHT)

    # the overview sheet (template version 2): summary, completeness per area, findings per sheet
    if OVERVIEW_SHEET in target.sheet_names:
        _plan_overview(e, report, now, lang)

    # which cells to highlight: the worst severity per cell, never on the report and meta sheets
    worst: dict[tuple[str, str], Severity] = {}
    for f in report.findings:
        if (f.severity not in HIGHLIGHT or f.sheet not in target.sheet_names or f.sheet in (rs, meta)
                or not _CELL.match(f.cell or "")):
            continue
        key = (f.sheet, f.cell)
        if key not in worst or f.severity.rank > worst[key].rank:
            worst[key] = f.severity
    recorded = {(s, c): fill for s, c, fill in old_marks if s}
    marks: list[tuple[str, str, str, Severity]] = []
    for (sheet, cell), sev in worst.items():
        original = target.fill_to_record(sheet, cell, recorded.get((sheet, cell)))
        if original is not None:
            marks.append((sheet, cell, original, sev))

    # 2. last run's highlights that are not highlighted again go back to the fill they had
    now_marked = {(s, c) for s, c, _, _ in marks}
    for sheet, cell, fill in old_marks:
        if sheet in target.sheet_names and _CELL.match(cell) and (sheet, cell) not in now_marked:
            e("restore_fill", sheet, cell, fill)
    # 3. the new marks replace the old ones
    if old_marks:
        e("clear_values", meta, f"{MARKS_COLUMN}2:{MARKS_COLUMN}{len(old_marks) + 1}")
    e("write", meta, f"{MARKS_COLUMN}1", [[MARKS_HEADER]])
    if marks:
        e("write", meta, f"{MARKS_COLUMN}2", [[f"{s}\t{c}\t{fill}"] for s, c, fill, _ in marks])
    # 4. the highlights they record
    for sheet, cell, _, sev in marks:
        e("fill", sheet, cell, HIGHLIGHT[sev])
    return edits


def _plan_overview(e, report: Report, now: dt.datetime, lang: str) -> None:
    """Values only: the template's data bar and links stay (a clear would remove them in Excel)."""
    ov = OVERVIEW_SHEET
    e("clear_values", ov, f"A{L.OVERVIEW_SUMMARY_ROW + 1}")
    e("write", ov, f"A{L.OVERVIEW_SUMMARY_ROW + 1}", [[summary_line(report, now, lang)]])
    e("font", ov, f"A{L.OVERVIEW_SUMMARY_ROW + 1}", bold=True, **FONT)
    first = L.OVERVIEW_SCORES_ROW + 2  # 1-based: the row below the header
    areas = (*AREAS, "overall")
    e("clear_values", ov, f"A{first}:B{first + L.OVERVIEW_SCORE_ROWS - 1}")
    e("write", ov, f"A{first}", [[AREA_LABELS["hu"][a], round(report.scores.get(a, 0.0), 4)] for a in areas])
    e("number_format", ov, f"B{first}:B{first + len(areas) - 1}", "0%")
    e("font", ov, f"A{first}:B{first + len(areas) - 2}", bold=False, **FONT)
    e("font", ov, f"A{first + len(areas) - 1}:B{first + len(areas) - 1}", bold=True, **FONT)
    sheets = list(L.OVERVIEW_COUNT_SHEETS)
    counts = [[0] * len(Severity) for _ in range(len(sheets) + 2)]  # the sheets, elsewhere, in all
    order = list(Severity)
    for f in report.findings:
        row = sheets.index(f.sheet) if f.sheet in sheets else len(sheets)
        counts[row][order.index(f.severity)] += 1
        counts[-1][order.index(f.severity)] += 1
    top = L.OVERVIEW_COUNTS_ROW + 2
    e("write", ov, f"B{top}", counts)
    e("font", ov, f"B{top}:D{top + len(counts) - 2}", bold=False, **FONT)
    e("font", ov, f"B{top + len(counts) - 1}:D{top + len(counts) - 1}", bold=True, **FONT)


def write_report_sheet(target: ReportTarget, report: Report, now: dt.datetime | None = None,
                       lang: str = "hu") -> list[Edit]:
    """Plan the whole report, then write it (see :func:`plan_report`). Returns the edits made."""
    edits = plan_report(target, report, now or dt.datetime.now(), lang)
    for edit in edits:
        edit.apply(target)
    return edits
