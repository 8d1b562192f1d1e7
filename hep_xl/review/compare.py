"""What changed between two versions of one settlement's HEP: a typed result built on the model.

The comparison walks the model through its field descriptions (:func:`hep_xl.model.fields_of`), so a
field added to a record later (a measure's monitoring status, a meeting's type) is compared and
labelled without a change here; the catalog gives the labels the decree uses (Annex 1 series names,
Annex 2 item texts, the action plan's columns A–J). Records are matched by their stable ids, never
by position: a series by its id, an Annex 2 item by its number, a problem by its id (``II-1``), a
measure by its target group and number (``II/1``), a Fórum member and a working group by name, a
meeting by its date. A part of the model this module has no section for (a list or dict of records
added to :class:`~hep_xl.model.Hep` or :class:`~hep_xl.model.Forum` later) is compared the same
generic way and reported under its attribute name.

A measure is *completed* when its status becomes a done one: the status of its latest monitoring
record (the *Megvalósítás* sheet, :attr:`hep_xl.model.Hep.progress`) when it has one, the catalog's
done status; without records, the measure's own ``status`` field when the model has one, else the
deadline (G) or indicator (H) column when the clerk begins it with a done word ("Megvalósult: 2025
nyarán 86 gyermek …"), as clerks mark a finished measure at a review. The monitoring records
themselves are matched by measure and year.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from ..catalog import Catalog, load_catalog
from ..export import hungarian as hu
from ..model import NO_DATA, NO_DATA_LABEL, FieldInfo, Hep, fields_of
from ..validate.rules._util import done_in_monitoring

ADDED, REMOVED, CHANGED = "added", "removed", "changed"
CHANGE_LABELS = {ADDED: "új", REMOVED: "törölt", CHANGED: "módosult"}
# a measure's status words that mean "done" (the monitoring sheet's "megvalósult"; what clerks write)
DONE_WORDS = ("megvalósult", "teljesült")
# until the model holds a measure's status: the columns a clerk marks a finished measure in
COMPLETION_COLUMNS = ("deadline", "indicators")
# the Hep and Forum parts this module reports in their own sections
_OWN_SECTIONS = {"catalog_version", "settlement", "years", "indicators", "checklist", "problems", "measures",
                 "forum", "frame"}
# record types' stable keys: the attribute that identifies a record of a list (else the first field
# of kind "key", else the first field, else the position)
RECORD_KEYS = {"ForumMember": "name", "ForumMeeting": "date", "WorkingGroup": "name", "Problem": "problem_id"}
# records keyed by several fields: a monitoring record is one measure's year
COMPOSITE_KEYS = {"MonitoringRecord": lambda r: f"{r.target_group}/{r.measure_number} – {r.year}"}


def part_title(name: str) -> str:
    """The Hungarian title of a part of the model without a section of its own (its field's ``title``)."""
    found = next((f for f in dataclasses.fields(Hep) if f.name == name), None)
    return found.metadata.get("title", name) if found is not None else name


# -- the result ---------------------------------------------------------------------------------------

@dataclass
class TextOp:
    """One step of a word-level diff: ``op`` is "equal", "delete" or "insert"."""

    op: str
    text: str


@dataclass
class FieldChange:
    """One field of a record in both versions (``old``/``new`` as JSON data, ``*_text`` as printed)."""

    name: str
    label: str
    old: Any
    new: Any
    old_text: str
    new_text: str
    ops: list[TextOp] | None = None  # word-level diff of a text field
    records: list[RecordChange] | None = None  # a field holding a list of records: what changed in it


@dataclass
class RecordChange:
    """A record added, removed or changed; ``fields`` are the changed fields (added/removed: the filled ones)."""

    key: str
    label: str
    change: str  # ADDED | REMOVED | CHANGED
    fields: list[FieldChange] = field(default_factory=list)
    completed: bool = False  # a measure whose status became a done one


@dataclass
class ValueChange:
    year: int
    old: Any
    new: Any
    old_text: str
    new_text: str

    @property
    def change(self) -> str:
        return ADDED if self.old is None else REMOVED if self.new is None else CHANGED


@dataclass
class SeriesChange:
    """An Annex 1 series added, removed, or with values revised or filled in."""

    series_id: str
    indicator: int | None
    label: str
    unit: str
    change: str
    values: list[ValueChange] = field(default_factory=list)
    fields: list[FieldChange] = field(default_factory=list)  # source, retrieval date, note


@dataclass
class Version:
    """One of the two inputs: the file and the dates that say which version it is."""

    path: str
    saved: dt.date | None  # when the file was saved (the workbook's properties, a JSON file's time)
    adoption_date: dt.date | None
    review_dates: list[dt.date]

    @property
    def last_review(self) -> dt.date | None:
        return max(self.review_dates) if self.review_dates else None


@dataclass
class Review:
    settlement: str
    ksh_code: str
    catalog_version: str
    old: Version
    new: Version
    settlement_fields: list[FieldChange] = field(default_factory=list)
    years_added: list[int] = field(default_factory=list)
    years_removed: list[int] = field(default_factory=list)
    series: list[SeriesChange] = field(default_factory=list)
    checklist: list[RecordChange] = field(default_factory=list)
    problems: list[RecordChange] = field(default_factory=list)
    measures: list[RecordChange] = field(default_factory=list)
    forum: dict[str, list[RecordChange]] = field(default_factory=dict)  # members, meetings, working_groups, …
    frame: list[RecordChange] = field(default_factory=list)
    other: dict[str, list[RecordChange]] = field(default_factory=dict)  # model parts without a section here

    @property
    def completed(self) -> list[RecordChange]:
        return [m for m in self.measures if m.completed]

    @property
    def empty(self) -> bool:
        return not (self.settlement_fields or self.years_added or self.years_removed or self.series
                    or self.checklist or self.problems or self.measures or any(self.forum.values())
                    or self.frame or any(self.other.values()))


class NotComparable(ValueError):
    """Two versions that are not of one programme (settlements or catalog versions differ); Hungarian."""


# -- values by kind -----------------------------------------------------------------------------------

def plain(info: FieldInfo | None, value) -> Any:
    """A field's value as JSON data: dates in ISO 8601, a deadline as {"date"}/{"text"}, "nincs adat"."""
    if info is not None and info.many or isinstance(value, list):
        one = dataclasses.replace(info, many=False) if info is not None else None
        return [plain(one, v) for v in value]
    if value is NO_DATA:
        return NO_DATA_LABEL
    if isinstance(value, dt.date):
        iso = (value.date() if isinstance(value, dt.datetime) else value).isoformat()
        return {"date": iso} if info is not None and info.kind == "deadline" else iso
    if info is not None and info.kind == "deadline":
        return {"text": value} if value else None
    if dataclasses.is_dataclass(value):
        return {f.name: plain(f, getattr(value, f.name)) for f in fields_of(type(value))}
    return value


def shown(info: FieldInfo | None, value, cat: Catalog) -> str:
    """A field's value as a Hungarian document prints it ("" for an empty one)."""
    if info is not None and info.many or isinstance(value, list):
        one = dataclasses.replace(info, many=False) if info is not None else None
        return "; ".join(s for s in (shown(one, v, cat) for v in value) if s)
    if value is None or value == "":
        return ""
    kind = info.kind if info is not None else ""
    if kind == "deadline":
        return hu.format_deadline(value)
    if isinstance(value, dt.date):
        return hu.format_date(value)
    if value is NO_DATA or (isinstance(value, (int, float)) and not isinstance(value, bool) and kind != "year"):
        return hu.format_number(value)
    if kind == "role" and value in cat.role_by_id:
        return cat.role_by_id[value].name
    if dataclasses.is_dataclass(value):
        return "; ".join(s for f in fields_of(type(value)) if (s := shown(f, getattr(value, f.name), cat)))
    return str(value)


_TOKENS = re.compile(r"\s+|[^\s]+")


def word_diff(old: str, new: str) -> list[TextOp]:
    """A word-level diff of two texts (difflib on words and the spaces between them); neighbouring
    steps of one kind are joined, a replacement is a deletion followed by an insertion."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    ops: list[TextOp] = []

    def push(op: str, tokens: list[str]) -> None:
        text = "".join(tokens)
        if not text:
            return
        if ops and ops[-1].op == op:
            ops[-1].text += text
        else:
            ops.append(TextOp(op, text))

    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            push("equal", a[i1:i2])
        else:
            if i2 > i1:
                push("delete", a[i1:i2])
            if j2 > j1:
                push("insert", b[j1:j2])
    return ops


# -- records, generically -----------------------------------------------------------------------------

def _empty(value) -> bool:
    if value in (None, "", [], {}):
        return True
    if dataclasses.is_dataclass(value):
        return all(_empty(getattr(value, f.name)) for f in fields_of(type(value)))
    return False


def _is_records(value) -> bool:
    return isinstance(value, list) and bool(value) and all(dataclasses.is_dataclass(v) for v in value)


def field_change(info: FieldInfo, old, new, cat: Catalog, label: str | None = None) -> FieldChange | None:
    """The change of one field, or None when both versions hold the same value."""
    if old == new:
        return None
    fc = FieldChange(info.name, label or info.label, plain(info, old), plain(info, new),
                     shown(info, old, cat), shown(info, new, cat))
    if _is_records(old) or _is_records(new):
        fc.records = compare_records(list(old or []), list(new or []), cat)
    elif info.kind == "text" and isinstance(old, str) and isinstance(new, str) and old and new:
        fc.ops = word_diff(old, new)
    return fc


def record_fields(old, new, cat: Catalog, labels: dict[str, str] | None = None) -> list[FieldChange]:
    """The changed fields of two records of one type (either may be None: every filled field)."""
    cls = type(new if new is not None else old)
    out = []
    for info in fields_of(cls):
        a = getattr(old, info.name) if old is not None else _blank(info)
        b = getattr(new, info.name) if new is not None else _blank(info)
        fc = field_change(info, a, b, cat, (labels or {}).get(info.name))
        if fc is not None:
            out.append(fc)
    return out


def _blank(info: FieldInfo):
    return [] if info.many else None


def record_key(record, position: int) -> str:
    """The stable key of a record in a list (see RECORD_KEYS)."""
    composite = COMPOSITE_KEYS.get(type(record).__name__)
    if composite is not None:
        return composite(record)
    infos = fields_of(type(record))
    name = RECORD_KEYS.get(type(record).__name__) or next((f.name for f in infos if f.kind == "key"), None) \
        or (infos[0].name if infos else None)
    value = getattr(record, name) if name else None
    if _empty(value):
        return f"#{position + 1}"
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _label(record, cat: Catalog) -> str:
    infos = fields_of(type(record))
    texts = [shown(f, getattr(record, f.name), cat) for f in infos if f.kind == "text"]
    return next((t for t in texts if t), "")


def compare_records(old: list, new: list, cat: Catalog, *, key=None, label=None,
                    labels: dict[str, str] | None = None) -> list[RecordChange]:
    """Two lists of records matched by key: added, removed and changed ones, in the new version's
    order (the removed ones where they stood in the old one)."""
    key = key or record_key
    label = label or (lambda r: _label(r, cat))

    def keyed(items):
        out: dict[str, Any] = {}
        for i, r in enumerate(items):
            if _empty(r):
                continue
            k = key(r, i)
            while k in out:  # two records with one key: the second is told apart by its position
                k = f"{k} ({i + 1})"
            out[k] = r
        return out

    a, b = keyed(old), keyed(new)
    order = list(b) + [k for k in a if k not in b]
    changes = []
    for k in order:
        o, n = a.get(k), b.get(k)
        fields = record_fields(o, n, cat, labels)
        if o is not None and n is not None and not fields:
            continue
        change = ADDED if o is None else REMOVED if n is None else CHANGED
        changes.append(RecordChange(k, label(n if n is not None else o), change, fields))
    return changes


def compare_keyed(old: dict, new: dict, cat: Catalog, *, order: list[str] | None = None, label=None,
                  labels: dict[str, str] | None = None) -> list[RecordChange]:
    """Two dicts of records (Annex 2 items, frame texts) compared key by key."""
    keys = list(order or []) + [k for k in list(new) + list(old) if k not in (order or [])]
    out = []
    for k in dict.fromkeys(keys):
        o, n = old.get(k), new.get(k)
        o = None if o is None or _empty(o) else o
        n = None if n is None or _empty(n) else n
        if o is None and n is None:
            continue
        fields = record_fields(o, n, cat, labels)
        if o is not None and n is not None and not fields:
            continue
        change = ADDED if o is None else REMOVED if n is None else CHANGED
        out.append(RecordChange(k, label(k) if label else k, change, fields))
    return out


def _compare_part(old, new, cat: Catalog) -> list[RecordChange]:
    """Any other part of the model: a list or a dict of records, or one record."""
    if isinstance(old, dict) or isinstance(new, dict):
        return compare_keyed(old or {}, new or {}, cat)
    if isinstance(old, list) or isinstance(new, list):
        return compare_records(list(old or []), list(new or []), cat)
    if dataclasses.is_dataclass(old) or dataclasses.is_dataclass(new):
        fields = record_fields(old, new, cat)
        return [RecordChange("", "", CHANGED, fields)] if fields else []
    return [] if old == new else [RecordChange("", "", CHANGED, [FieldChange(
        "", "", plain(None, old), plain(None, new), shown(None, old, cat), shown(None, new, cat))])]


# -- the sections ---------------------------------------------------------------------------------------

def series_label(cat: Catalog, series_id: str) -> tuple[int | None, str, str]:
    """(indicator number, "8. Munkanélküliségi ráta nemek szerint – …", unit) of a series."""
    sd = cat.series_by_id.get(series_id)
    if sd is None:
        return None, series_id, ""
    ind = cat.indicator_by_number[sd.indicator_number]
    name = ind.name if len(ind.rows) == 1 or sd.name == ind.name else f"{ind.name} – {sd.name}"
    return ind.number, f"{ind.number}. {name}", sd.unit


def _has_content(s) -> bool:
    return s is not None and bool(s.values or s.source or s.retrieved or s.note)


def compare_series(old: Hep, new: Hep, cat: Catalog) -> list[SeriesChange]:
    from ..model import IndicatorSeries

    order = [s.id for s in cat.series_rows]
    ids = order + sorted(k for k in set(old.indicators) | set(new.indicators) if k not in set(order))
    out = []
    for sid in ids:
        o, n = old.indicators.get(sid), new.indicators.get(sid)
        has_o, has_n = _has_content(o), _has_content(n)
        if not (has_o or has_n):
            continue
        o = o if has_o else IndicatorSeries(sid)
        n = n if has_n else IndicatorSeries(sid)
        values = []
        for year in sorted(set(o.values) | set(n.values)):
            a, b = o.values.get(year), n.values.get(year)
            if a == b and (a is NO_DATA) == (b is NO_DATA):
                continue
            values.append(ValueChange(year, plain(None, a), plain(None, b), hu.format_number(a, ""),
                                      hu.format_number(b, "")))
        fields = record_fields(o, n, cat)
        if not (values or fields):
            continue
        number, label, unit = series_label(cat, sid)
        change = ADDED if not has_o else REMOVED if not has_n else CHANGED
        out.append(SeriesChange(sid, number, label, unit, change, values, fields))
    return out


def measure_key(m) -> str:
    return f"{m.target_group}/{m.number if m.number is not None else '–'}"


def measure_done(m, hep: Hep | None = None, cat: Catalog | None = None) -> bool:
    """True when the model says the measure is done (see the module's note on completion): the
    status of its latest monitoring record in ``hep`` when it has one, else its ``status`` field when
    the model has one, else its deadline (G) or indicator (H) column when it starts with a done word."""
    done = done_in_monitoring(hep, cat or load_catalog(), m.target_group, m.number) if hep is not None else None
    if done is not None:
        return done
    status = getattr(m, "status", None)
    if isinstance(status, str) and status.strip():
        return is_done(status)
    return any(isinstance(v, str) and is_done(v) for v in (getattr(m, f, "") for f in COMPLETION_COLUMNS))


def is_done(text: str) -> bool:
    return text.strip().casefold().startswith(DONE_WORDS)


def measure_labels(cat: Catalog) -> dict[str, str]:
    """The action plan's column names (the catalog's A–J headings) by measure field."""
    return {c.id: c.label for c in cat.columns}


def compare_measures(old: Hep, new: Hep, cat: Catalog) -> list[RecordChange]:
    changes = compare_records(old.measures, new.measures, cat, key=lambda m, i: measure_key(m),
                              label=lambda m: m.title, labels=measure_labels(cat))
    before = {measure_key(m): m for m in old.measures}
    after = {measure_key(m): m for m in new.measures}
    for ch in changes:
        n, o = after.get(ch.key), before.get(ch.key)
        ch.completed = n is not None and measure_done(n, new, cat) and not (o is not None and measure_done(o, old, cat))
    listed = {ch.key for ch in changes}
    for k, n in after.items():  # completed in the monitoring, its plan unchanged
        o = before.get(k)
        if k not in listed and o is not None and measure_done(n, new, cat) and not measure_done(o, old, cat):
            changes.append(RecordChange(k, n.title, CHANGED, [], completed=True))
    return changes


def item_label(cat: Catalog, item_id: str) -> str:
    item = cat.checklist_by_id.get(item_id)
    return f"{item_id}. {item.text}" if item else item_id


def _forum_parts(old, new, cat: Catalog) -> dict[str, list[RecordChange]]:
    return {f.name: _compare_part(getattr(old, f.name, None), getattr(new, f.name, None), cat)
            for f in dataclasses.fields(type(new))}


def version_of(hep: Hep, path: str, saved: dt.date | None) -> Version:
    st = hep.settlement
    return Version(str(path), saved, st.adoption_date, list(st.review_dates))


def comparable(old: Hep, new: Hep, old_name: str = "régi", new_name: str = "új") -> None:
    """Raise :class:`NotComparable` unless both are versions of one settlement's HEP under one catalog."""
    a, b = old.settlement, new.settlement

    def who(st) -> str:
        return f"{st.name or 'névtelen település'} (KSH {st.ksh_code or 'nincs megadva'})"

    if a.ksh_code.strip() and b.ksh_code.strip():
        same = a.ksh_code.strip() == b.ksh_code.strip()
    else:
        same = a.name.strip().casefold() == b.name.strip().casefold()
    if not same:
        raise NotComparable(f"a két változat nem ugyanannak a településnek a programja: {old_name}: {who(a)}, "
                            f"{new_name}: {who(b)}; összevetni csak egy település programjának két változatát "
                            "lehet")
    if old.catalog_version != new.catalog_version:
        raise NotComparable(f"a két változat más-más jogszabályi katalógus szerint készült: {old_name}: "
                            f"{old.catalog_version}, {new_name}: {new.catalog_version}; a két változat nem "
                            "vethető össze mezőnként")


def compare(old: Hep, new: Hep, *, old_version: Version | None = None, new_version: Version | None = None,
            catalog: Catalog | None = None) -> Review:
    """Everything that changed from ``old`` to ``new`` (raises :class:`NotComparable` first)."""
    comparable(old, new, old_version.path if old_version else "régi", new_version.path if new_version else "új")
    cat = catalog or load_catalog(new.catalog_version)
    st = new.settlement
    review = Review(st.name, st.ksh_code, new.catalog_version,
                    old_version or version_of(old, "régi", None), new_version or version_of(new, "új", None))
    review.settlement_fields = record_fields(old.settlement, new.settlement, cat)
    review.years_added = sorted(set(new.years) - set(old.years))
    review.years_removed = sorted(set(old.years) - set(new.years))
    review.series = compare_series(old, new, cat)
    review.checklist = compare_keyed(old.checklist, new.checklist, cat, order=[i.id for i in cat.checklist_items],
                                     label=lambda k: item_label(cat, k))
    review.problems = compare_records(old.problems, new.problems, cat, key=lambda p, i: p.problem_id or f"#{i + 1}",
                                      label=lambda p: p.title)
    review.measures = compare_measures(old, new, cat)
    review.forum = _forum_parts(old.forum, new.forum, cat)
    parts = {p.id: p.heading for p in cat.frame_parts}
    review.frame = compare_keyed(old.frame.texts, new.frame.texts, cat, order=list(parts),
                                 label=lambda k: parts.get(k, k))
    body = record_fields(old.frame, new.frame, cat)
    if body:
        review.frame.insert(0, RecordChange("", "A kibocsátó", CHANGED, body))
    for f in dataclasses.fields(type(new)):  # what the model holds beyond the sections above
        if f.name not in _OWN_SECTIONS:
            found = _compare_part(getattr(old, f.name, None), getattr(new, f.name, None), cat)
            if found:
                review.other[f.name] = found
    return review


__all__ = ["ADDED", "REMOVED", "CHANGED", "CHANGE_LABELS", "TextOp", "FieldChange", "RecordChange", "ValueChange",
           "SeriesChange", "Version", "Review", "NotComparable", "compare", "comparable", "word_diff",
           "compare_records", "compare_keyed", "record_fields", "series_label", "measure_key", "version_of"]
