"""What filling would change: a pure computation over a read workbook and the data exports.

:func:`plan_fill` reads the exports, matches each row to an Annex 1 series, checks years and
values, adds the derived indicators, and compares everything with what the workbook already holds.
The result, a :class:`FillPlan`, lists the changes (with the cell each goes to), the conflicts
(a clerk's differing value is kept unless ``overwrite``), the problems (per source row) and the
provenance of every series touched. Writing it is :mod:`.apply`'s job (or the Excel macro's).
"""

from __future__ import annotations

import copy
import datetime as dt
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..catalog import Catalog, load_catalog
from ..derive import Derivation, DerivationError, derivations
from ..model import NO_DATA, NO_DATA_LABEL, Hep, IndicatorValue, is_year
from ..values import ValueProblem, is_no_data, parse_indicator_value
from ..workbook.reader import CellRef, ReadResult
from .match import Matcher, MatchError
from .sources import SourceError, SourceFile, SourceLine, read_export
from .text import clean_text, loose_key

LOADED_PREFIX = "betöltve:"
DERIVED_PREFIX = "számított:"
CALC_FILE = "(számítás)"


@dataclass
class FillProblem:
    """A source row (or a whole file) that was skipped, and why (Hungarian)."""

    file: str
    location: str
    reason: str
    series_id: str = ""
    year: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}, {self.location}" if self.location else self.file
        return f"{where}: {self.reason}"


@dataclass
class Change:
    series_id: str
    year: int
    old: IndicatorValue | str | None  # str: unreadable text the clerk typed (only with overwrite)
    new: IndicatorValue
    provenance: str  # "lakonepesseg.csv, 4. sor" or "számított: …"
    cell: CellRef | None
    derived: bool = False


@dataclass
class Conflict:
    series_id: str
    year: int
    existing: IndicatorValue | str
    incoming: IndicatorValue
    provenance: str
    cell: CellRef | None
    derived: bool = False


@dataclass
class SeriesProvenance:
    """What goes into the series' Adatforrás / Lekérés dátuma / Megjegyzés cells."""

    series_id: str
    source: str
    retrieved: dt.date
    note: str
    cells: dict[str, CellRef] = field(default_factory=dict)  # attr -> cell


@dataclass
class FillPlan:
    workbook: str
    files: list[str]
    years: list[int]
    today: dt.date
    overwrite: bool = False
    changes: list[Change] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    problems: list[FillProblem] = field(default_factory=list)
    provenance: dict[str, SeriesProvenance] = field(default_factory=dict)
    unchanged: int = 0  # values already in the workbook, equal to the source

    @property
    def derived_changes(self) -> list[Change]:
        return [c for c in self.changes if c.derived]

    @property
    def has_findings(self) -> bool:
        return bool(self.conflicts or self.problems)

    def writes(self) -> list[tuple[CellRef, object]]:
        """(cell, value) pairs to write: values ("nincs adat" as text) and provenance cells."""
        out: list[tuple[CellRef, object]] = []
        for ch in self.changes:
            if ch.cell is not None:
                out.append((ch.cell, NO_DATA_LABEL if ch.new is NO_DATA else ch.new))
        for prov in self.provenance.values():
            for attr in ("source", "retrieved", "note"):
                ref = prov.cells.get(attr)
                if ref is not None:
                    out.append((ref, getattr(prov, attr)))
        return out

    def apply_to_model(self, hep: Hep) -> Hep:
        """Put the planned values and provenance into ``hep`` (in place; returned for chaining)."""
        for ch in self.changes:
            hep.series(ch.series_id).values[ch.year] = ch.new
        for sid, prov in self.provenance.items():
            s = hep.series(sid)
            s.source, s.retrieved, s.note = prov.source, prov.retrieved, prov.note
        return hep


@dataclass
class _Incoming:
    value: IndicatorValue
    file: str
    location: str
    row: str  # the source row ("4. sor" / "Adatok!A7") for provenance notes


# -- value checks -----------------------------------------------------------------------------

_UNIT_WORDS = re.compile(r"\s*(fő|fo|db|ezrelék|‰)\s*$", re.IGNORECASE)


def parse_source_value(raw) -> IndicatorValue | None:
    """A value cell of an export: number, NO_DATA ("..", "nincs adat", "x"), or None (blank).

    As an Annex 1 cell (:func:`hep_xl.values.parse_indicator_value`), after repairing the text
    (mojibake, stray spaces) and dropping unit words such as "fő"; a date is not a value."""
    if isinstance(raw, (dt.date, dt.datetime)):
        raise ValueProblem(f"dátum szám helyett: {raw}")
    if isinstance(raw, str):
        raw = clean_text(raw)
        if raw and not is_no_data(raw):
            raw = _UNIT_WORDS.sub("", raw)
    return parse_indicator_value(raw)


def parse_source_year(raw) -> int | None:
    if isinstance(raw, bool) or raw is None:
        return None
    if isinstance(raw, (int, float)):
        return int(raw) if is_year(raw) else None
    if isinstance(raw, (dt.date, dt.datetime)):
        return raw.year
    m = re.match(r"^\s*(\d{4})(?!\d)", clean_text(raw))
    return int(m.group(1)) if m and is_year(int(m.group(1))) else None




def same_value(a, b, derived: bool = False) -> bool:
    if a is NO_DATA or b is NO_DATA:
        return a is b
    if isinstance(a, str) or isinstance(b, str) or a is None or b is None:
        return False
    tol = 0.5 * 10 ** -2 if derived else 1e-9
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=tol)


def format_value(v) -> str:
    """A value as a Hungarian reader expects it: "1 234", "99,05", "nincs adat"."""
    if v is None:
        return "(üres)"
    if v is NO_DATA:
        return NO_DATA_LABEL
    if isinstance(v, str):
        return f"„{v}”"
    if isinstance(v, int):
        return f"{v:,}".replace(",", " ")
    text = f"{v:,.6f}".rstrip("0").rstrip(".")
    return text.replace(",", " ").replace(".", ",")


def _ranges(numbers: list[int]) -> str:
    numbers = sorted(set(numbers))
    parts, start, prev = [], None, None
    for n in numbers + [None]:
        if start is None:
            start = prev = n
        elif n is not None and n == prev + 1:
            prev = n
        else:
            parts.append(f"{start}" if start == prev else f"{start}–{prev}")
            start = prev = n
    return ", ".join(parts)


def _rows_text(rows: list[str]) -> str:
    """"4. sor", "5. sor" -> "4–5. sor"; "Adatok!A7" stays as it is."""
    line_nos = [int(m.group(1)) for r in rows if (m := re.fullmatch(r"(\d+)\. sor", r))]
    others = sorted({r for r in rows if not re.fullmatch(r"\d+\. sor", r)})
    parts = [f"{_ranges(line_nos)}. sor"] if line_nos else []
    return ", ".join(parts + others)


# -- the planner --------------------------------------------------------------------------------

class _Planner:
    def __init__(self, result: ReadResult, overwrite: bool, today: dt.date):
        self.result = result
        self.hep = result.hep
        self.cat: Catalog = load_catalog(result.hep.catalog_version)
        self.matcher = _matcher(self.cat)
        self.years = list(result.hep.years)
        self.year_set = set(self.years)
        self.overwrite = overwrite
        self.plan = FillPlan(result.path, [], self.years, today, overwrite)
        self.incoming: dict[tuple[str, int], _Incoming] = {}
        self.duplicates: set[tuple[str, int]] = set()
        self.first_seen: dict[tuple[str, int], _Incoming] = {}  # the first row of each contradicted key
        self.aux: dict[tuple[str, int], _Incoming] = {}  # years outside the workbook, for derivations
        self.derivs = derivations(self.cat)
        self.prev_year_inputs = {d.previous_year_of for d in self.derivs if d.previous_year_of}
        self.unreadable = {}  # (sid, year) -> text the clerk typed that the reader could not read
        for issue in result.issues:
            sid, _, year = issue.field.partition("/")
            if year.isdigit() and sid in self.cat.series_by_id:
                self.unreadable[(sid, int(year))] = issue.value
        st = result.hep.settlement
        self.settlement_key = loose_key(st.name) if st.name else ""
        self.ksh = re.sub(r"\D", "", st.ksh_code or "")

    def problem(self, file, location, reason, sid="", year=None) -> None:
        self.plan.problems.append(FillProblem(file, location, reason, sid, year))

    # -- sources ------------------------------------------------------------------------------
    def add_file(self, path: Path, display: str) -> None:
        self.plan.files.append(display)
        try:
            src: SourceFile = read_export(path, display)
        except SourceError as exc:
            self.problem(display, "", f"{exc}; a fájl kimaradt")
            return
        except OSError as exc:
            self.problem(display, "", f"nem olvasható: {exc.strerror or exc}; a fájl kimaradt")
            return
        for location, reason in src.problems:
            self.problem(display, location, reason)
        for line in src.lines:
            self.add_line(line)

    def other_settlement(self, line: SourceLine) -> bool:
        if not self.settlement_key or not (line.settlement or line.ksh):
            return False
        code = re.sub(r"\D", "", line.ksh)
        if code and self.ksh:
            if code == self.ksh or code[:4] == self.ksh[:4] and len(code) in (4, 5):
                return False
            if not line.settlement:
                return True
        if line.settlement:
            key = loose_key(line.settlement)
            return not (key == self.settlement_key or key.startswith(self.settlement_key + " ")
                        or key.startswith(self.settlement_key + "("))
        return False

    def add_line(self, line: SourceLine) -> None:
        if self.other_settlement(line):
            who = line.settlement or line.ksh
            self.problem(line.file, line.location, f"más település adata („{who}”), nem "
                         f"„{self.hep.settlement.name}”; kihagyva")
            return
        try:
            sid = self.matcher.resolve(line.ident, line.name, line.sub)
        except MatchError as exc:
            self.problem(line.file, line.location, f"{exc}; a sor kimaradt")
            return
        sdef = self.cat.series_by_id[sid]
        row = line.location
        for sv in line.values:
            year = parse_source_year(sv.year)
            try:
                value = parse_source_value(sv.raw)
            except ValueProblem as exc:
                self.problem(line.file, sv.location, f"{exc} ({sid}); kihagyva", sid, year)
                continue
            if value is None:
                continue  # a blank cell: nothing to fill
            if year is None:
                self.problem(line.file, sv.location, f"nem értelmezhető év: „{clean_text(sv.year)}”; kihagyva",
                             sid)
                continue
            if value is not NO_DATA:
                rule = sdef.value_rule
                if not rule.accepts(value):
                    self.problem(line.file, sv.location, f"a(z) „{sdef.name}” ({sid}) értéke {rule.what} lehet, "
                                 f"nem {format_value(value)}; kihagyva", sid, year)
                    continue
            inc = _Incoming(value, line.file, sv.location, row)
            if year not in self.year_set:
                if sid in self.prev_year_inputs and self.years and year == self.years[0] - 1:
                    self.aux[(sid, year)] = inc  # read for the first year's derived change
                    continue
                span = f"{self.years[0]}–{self.years[-1]}" if self.years else "nincs évoszlop"
                self.problem(line.file, sv.location, f"a(z) {year}. év kívül esik a munkafüzet évein "
                             f"({span}); kihagyva", sid, year)
                continue
            key = (sid, year)
            first = self.incoming.get(key)
            if first is not None or key in self.duplicates:
                self.duplicate(key, first, inc)
                continue
            self.incoming[key] = inc

    def duplicate(self, key, first: _Incoming | None, inc: _Incoming) -> None:
        sid, year = key
        first = first or self.first_seen.get(key)  # a third row: the first one is remembered
        if key not in self.duplicates and same_value(first.value, inc.value):
            self.problem(inc.file, inc.location, f"ismétlődő adat: {sid} {year} már szerepel "
                         f"({first.file}, {first.location}); a második kihagyva", sid, year)
            return
        self.problem(inc.file, inc.location, f"ellentmondó ismétlődő adat: {sid} {year} = "
                     f"{format_value(inc.value)}, de {first.file}, {first.location} szerint "
                     f"{format_value(first.value)}; egyik sem került be", sid, year)
        self.incoming.pop(key, None)
        self.first_seen[key] = first
        self.duplicates.add(key)

    # -- comparison with the workbook -------------------------------------------------------------
    def existing(self, sid: str, year: int):
        if (sid, year) in self.unreadable:
            return self.unreadable[(sid, year)]
        s = self.hep.indicators.get(sid)
        return s.values.get(year) if s else None

    def offer(self, sid: str, year: int, new, provenance: str, derived: bool) -> bool:
        """Compare one value with the workbook; record a change or a conflict. True if it changes."""
        old = self.existing(sid, year)
        cell = self.result.cells.get(("indicator", sid, year))
        if old is None:
            self.plan.changes.append(Change(sid, year, None, new, provenance, cell, derived))
            return True
        if same_value(old, new, derived):
            self.plan.unchanged += 1
            return False
        if self.overwrite:
            self.plan.changes.append(Change(sid, year, old, new, provenance, cell, derived))
            return True
        self.plan.conflicts.append(Conflict(sid, year, old, new, provenance, cell, derived))
        return False

    def run_comparison(self) -> None:
        self.effective: dict[tuple[str, int], IndicatorValue] = {}
        for sid, s in self.hep.indicators.items():
            for y, v in s.values.items():
                self.effective[(sid, y)] = v
        self.loaded_rows: dict[str, dict[str, list[str]]] = {}  # sid -> file -> rows
        order = {s.id: i for i, s in enumerate(self.cat.series_rows)}
        for (sid, year), inc in sorted(self.incoming.items(), key=lambda kv: (order[kv[0][0]], kv[0][1])):
            if self.offer(sid, year, inc.value, f"{inc.file}, {inc.location}", False):
                self.effective[(sid, year)] = inc.value
                self.loaded_rows.setdefault(sid, {}).setdefault(inc.file, []).append(inc.row)

    def run_derivations(self) -> None:
        self.derived_info: dict[str, tuple[Derivation, list[int]]] = {}

        def get(sid, year):
            if (sid, year) in self.aux and year not in self.year_set:
                return self.aux[(sid, year)].value
            return self.effective.get((sid, year))

        for d in self.derivs:
            changed_years = []
            for year in self.years:
                if (d.target, year) in self.incoming or (d.target, year) in self.duplicates:
                    continue  # the export gives the value itself
                try:
                    value = d.compute(get, year)
                except DerivationError as exc:
                    if any((i, year) in self.incoming for i in d.inputs):
                        self.problem(CALC_FILE, f"{d.target} {year}", str(exc), d.target, year)
                    continue
                if value is None:
                    continue
                if self.offer(d.target, year, value, f"{DERIVED_PREFIX} {d.formula}", True):
                    self.effective[(d.target, year)] = value
                    changed_years.append(year)
            if changed_years:
                self.derived_info[d.target] = (d, changed_years)

    # -- provenance ---------------------------------------------------------------------------------
    def input_files(self, d: Derivation, years: list[int]) -> list[str]:
        files = []
        for sid in d.inputs:
            for year in years + ([years[0] - 1] if d.previous_year_of == sid else []):
                inc = self.incoming.get((sid, year)) or self.aux.get((sid, year))
                if inc and inc.file not in files:
                    files.append(inc.file)
        return files

    def build_provenance(self) -> None:
        today = self.plan.today
        touched = list(dict.fromkeys([c.series_id for c in self.plan.changes]))
        for sid in touched:
            parts, files = [], []
            for file, rows in self.loaded_rows.get(sid, {}).items():
                files.append(file)
                parts.append(f"{file} ({_rows_text(rows)})")
            notes = []
            if parts:
                notes.append(f"{LOADED_PREFIX} {'; '.join(parts)}")
            gaps = sorted(c.year for c in self.plan.changes
                          if c.series_id == sid and c.new is NO_DATA and not c.derived)
            if gaps:  # the decree asks the situation analysis to show data gaps: say where they came from
                notes.append(f"{NO_DATA_LABEL} a forrásban: {', '.join(map(str, gaps))}")
            if sid in self.derived_info:
                d, years = self.derived_info[sid]
                note = f"{DERIVED_PREFIX} {d.formula}"
                if d.previous_year_of and self.years and self.years[0] in years:
                    prev = self.years[0] - 1
                    base = self.aux.get((d.previous_year_of, prev))
                    if base is not None:
                        note += f"; {prev}: {format_value(base.value)} ({base.file})"
                    elif (d.previous_year_of, prev) in self.effective:
                        note += f"; {prev}: {format_value(self.effective[(d.previous_year_of, prev)])}"
                notes.append(note)
                for f in self.input_files(d, years):
                    if f not in files:
                        files.append(f)
            source = "; ".join(files) or "a munkafüzet adataiból"
            note = "; ".join(notes)
            old = self.hep.indicators.get(sid)
            if old is not None:
                source, note = _merge(old.source, source, old.note, note)
            cells = {attr: ref for attr in ("source", "retrieved", "note")
                     if (ref := self.result.cells.get(("indicator", sid, attr))) is not None}
            self.plan.provenance[sid] = SeriesProvenance(sid, source, today, note, cells)


def _ours(note: str) -> bool:
    return note.startswith((LOADED_PREFIX, DERIVED_PREFIX))


def _merge(old_source: str, source: str, old_note: str, note: str) -> tuple[str, str]:
    """Keep what the clerk wrote: our text replaces only our own earlier text."""
    if old_note and not _ours(old_note):
        note = old_note if note in old_note else f"{old_note}; {note}"
    if old_source and not _ours(old_note) and old_source != source:
        missing = [f for f in source.split("; ") if f not in old_source]
        source = "; ".join([old_source, *missing]) if missing else old_source
    return source, note


_MATCHERS: dict[str, Matcher] = {}


def _matcher(cat: Catalog) -> Matcher:
    m = _MATCHERS.get(cat.version)
    if m is None:
        m = _MATCHERS[cat.version] = Matcher(cat)
    return m


def plan_fill(result: ReadResult, datafiles: list, *, overwrite: bool = False,
              today: dt.date | None = None) -> FillPlan:
    """Plan filling the workbook read into ``result`` from the export files ``datafiles``.

    Pure: nothing is written. Items of ``datafiles`` are paths, or (path, display name) pairs.
    """
    planner = _Planner(result, overwrite, today or dt.date.today())
    for item in datafiles:
        path, display = (item if isinstance(item, tuple) else (Path(item), Path(item).name))
        planner.add_file(Path(path), display)
    planner.run_comparison()
    planner.run_derivations()
    planner.build_provenance()
    return planner.plan


def planned_hep(result: ReadResult, plan: FillPlan) -> Hep:
    """A copy of the workbook's model with the plan applied (what the file holds after filling)."""
    return plan.apply_to_model(copy.deepcopy(result.hep))
