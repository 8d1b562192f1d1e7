"""A HEP as a JSON document, and back: the archival and exchange format.

``hep_to_dict`` turns the model into the canonical document described by
``schemas/hep.schema.json`` (see :mod:`hep_xl.export.schema`); ``hep_from_dict`` checks a document
and builds the model again. Encoding choices:

* indicator values per year: a number, or the string ``"nincs adat"`` (the clerk stated that
  there is no data); a blank cell is simply absent. Numbers keep 15 significant digits (what
  Excel keeps); whole numbers are integers. A document with a longer number is refused on
  import (it would not come back unchanged).
* dates are ISO 8601 strings (``"2024-02-28"``); a measure's deadline is ``{"date": "…"}`` or the
  clerk's own words ``{"text": "folyamatos"}``, or ``null`` when empty.
* every key is present, in a fixed order (catalog order for series and checklist items, years
  ascending), so the same HEP always gives the same bytes.
* ``validation`` holds the validator's summary at export time (or ``null``); it is derived data,
  not read back on import.
* ``frame`` holds what the clerk wrote for the document frame (the issuing body's name and the
  texts of the Word document's parts, keyed by the catalog's part ids); a measure also carries its
  detail form's partners, risks and their mitigation. A document of schema version 1.0 (written
  before these existed) is read as a 2.0 one with empty frame texts and empty form fields.
* ``progress`` holds the action plan's monitoring after adoption (one record per measure and
  year: status, target and value reached, resources, comment, responsible member, dates); the Fórum
  gets its working groups' yearly ``reports`` and each meeting its type, decisions, reviewed year and
  accepted documents. A document of schema version 2.0 (or 1.0) reads as a 2.1 one without them.

The hot path checks documents with jsonschema-rs; only when that says "invalid" does the pure
Python ``jsonschema`` run to explain, in Hungarian, which JSON path breaks which rule.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import os
import re
from functools import cache, lru_cache
from pathlib import Path

import orjson

from ..catalog import DEFAULT_VERSION, Catalog, load_catalog
from ..files import atomic_output
from ..model import (
    MEASURE_FORM_FIELDS,
    MEETING_MONITORING_FIELDS,
    NO_DATA,
    NO_DATA_LABEL,
    ChecklistEntry,
    FieldInfo,
    Forum,
    ForumMeeting,
    ForumMember,
    Frame,
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
    normalize_number,
)
from ..workbook import TEMPLATE_VERSION
from . import schema as S


class JsonDocumentError(ValueError):
    """A JSON document that cannot be used. ``errors`` are Hungarian lines "PATH: message [szabály: rule]"."""

    def __init__(self, errors: list[str], source: str | os.PathLike | None = None,
                 headline: str = "a JSON-dokumentum nem felel meg a sémának"):
        self.errors = list(dict.fromkeys(errors))
        self.source = str(source) if source is not None else None
        head = f"{self.source}: " if self.source else ""
        shown = self.errors[:20]
        more = f"\n  … és még {len(self.errors) - 20} hiba" if len(self.errors) > 20 else ""
        super().__init__(f"{head}{headline} ({len(self.errors)} hiba):\n  "
                         + "\n  ".join(shown) + more)


# -- model -> document ---------------------------------------------------------------------------

def _num(value):
    """A number with at most 15 significant digits (Excel's precision); whole numbers as int."""
    if isinstance(value, float):
        if not math.isfinite(value):
            raise JsonDocumentError([f"nem véges szám: {value!r}"])
        value = float(f"{value:.15g}")
    return normalize_number(value)


def _fits_15_digits(value: float) -> bool:
    """True when ``value`` survives rounding to 15 significant digits (what a workbook keeps)."""
    return not math.isfinite(value) or float(f"{value:.15g}") == value


def _date(value: dt.date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    return value.isoformat()


def _deadline(value) -> dict | None:
    if isinstance(value, dt.date):
        return {"date": _date(value)}
    return {"text": value} if value else None


def _plain(info: FieldInfo, value):
    """A model field's value as document data, by the field's kind."""
    if info.many:
        return [_plain(dataclasses.replace(info, many=False), v) for v in value]
    if info.kind == "date":
        return _date(value)
    if info.kind == "deadline":
        return _deadline(value)
    if info.kind == "number" and value is not None:
        return _num(value)
    return value


def _record(item: object) -> dict:
    """A model record (settlement, problem, Fórum row, measure) as a document object."""
    return {f.name: _plain(f, getattr(item, f.name)) for f in fields_of(type(item))}


def _filled(rec: dict) -> bool:
    return any(v not in (None, "", []) for v in rec.values())


def validation_summary(source) -> dict:
    """The validator's summary for a :class:`ReadResult` or a :class:`Hep`."""
    from .. import validate as V  # (imported on use: loading every rule is not needed to write JSON)
    from ..model import Hep as _Hep

    report = V.validate_hep(source) if isinstance(source, _Hep) else V.validate(source)
    counts = {str(getattr(k, "value", k)): int(v) for k, v in dict(report.counts_by_severity()).items()}
    scores = {}
    raw_scores = report.scores
    if not isinstance(raw_scores, dict):
        raw_scores = getattr(raw_scores, "__dict__", {}) or {}
    for k, v in raw_scores.items():
        if isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v):
            scores[str(k)] = _num(v)
    return {"has_errors": bool(report.has_errors), "counts": counts, "scores": scores}


def hep_to_dict(hep: Hep, validation: dict | None = None, *,
                template_version: str = TEMPLATE_VERSION) -> dict:
    """The canonical JSON document of ``hep`` (plain dicts/lists/str/int/float/bool/None)."""
    cat = load_catalog(hep.catalog_version)
    settlement = _record(hep.settlement)

    indicators = {}
    for sd in cat.series_rows:
        s = hep.indicators.get(sd.id)
        if s is None:
            continue
        values = {str(y): (NO_DATA_LABEL if v is NO_DATA else _num(v)) for y, v in sorted(s.values.items())}
        if not (values or s.source or s.retrieved or s.note):
            continue
        indicators[sd.id] = {"values": values, **_record(s)}

    checklist = {}
    for item in cat.checklist_items:
        e = hep.checklist.get(item.id)
        if e is not None and _filled(rec := _record(e)):
            checklist[item.id] = rec

    problems = [rec for rec in map(_record, hep.problems) if _filled(rec)]

    measure_fields = {f.name: f for f in fields_of(Measure)}
    keys = [c.id for c in cat.columns] + list(MEASURE_FORM_FIELDS)
    measures = {}
    for g in cat.target_groups:
        rows = ({k: _plain(measure_fields[k], getattr(m, k)) for k in keys} for m in hep.measures_of(g.id))
        measures[g.id] = [row for row in rows if _filled(row)]

    texts = {}
    for part in cat.written_parts:
        t = hep.frame.texts.get(part.id)
        if t is not None and _filled(rec := _record(t)):
            texts[part.id] = rec

    def records(items):
        return [rec for rec in map(_record, items) if _filled(rec)]

    return {
        "schema_version": S.SCHEMA_VERSION,
        "catalog_version": hep.catalog_version,
        "template_version": template_version,
        "settlement": settlement,
        "years": sorted(hep.years),
        "indicators": indicators,
        "checklist": checklist,
        "problems": problems,
        "measures": measures,
        "forum": {
            "members": records(hep.forum.members),
            "meetings": records(hep.forum.meetings),
            "working_groups": records(hep.forum.working_groups),
            "reports": records(hep.forum.reports),
        },
        "progress": records(hep.progress),
        "frame": {**_record(hep.frame), "texts": texts},
        "validation": validation,
    }


def to_json_bytes(doc: dict) -> bytes:
    """UTF-8 JSON, Hungarian letters unescaped, two-space indent, keys in document order."""
    return orjson.dumps(doc, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)


# -- checking ------------------------------------------------------------------------------------

@cache
def _fast_validator(catalog_version: str):
    import jsonschema_rs

    return jsonschema_rs.validator_for(S.cached_schema(catalog_version))


@cache
def _slow_validator(catalog_version: str):
    import jsonschema

    return jsonschema.Draft202012Validator(S.cached_schema(catalog_version))


_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def json_path(parts) -> str:
    out = "$"
    for p in parts:
        if isinstance(p, int):
            out += f"[{p}]"
        elif _IDENT.match(p):
            out += f".{p}"
        else:
            out += "['" + str(p).replace("'", "\\'") + "']"
    return out


_TYPE_HU: dict[str, str] = {"object": "objektum", "array": "lista", "string": "szöveg", "integer": "egész szám",
            "number": "szám", "boolean": "logikai érték", "null": "null"}


def _type_of(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "logikai érték"
    if isinstance(value, int):
        return "egész szám"
    if isinstance(value, float):
        return "szám"
    if isinstance(value, str):
        return "szöveg"
    if isinstance(value, list):
        return "lista"
    return "objektum"


def _short(value, n: int = 60) -> str:
    text = orjson.dumps(value).decode("utf-8") if not isinstance(value, str) else f"„{value}”"
    return text if len(text) <= n else text[: n - 1] + "…"


def _explain(err) -> tuple[list, str, str]:
    """(path parts, Hungarian message, rule keyword) for one jsonschema error."""
    kw, inst, val = err.validator, err.instance, err.validator_value
    path = list(err.absolute_path)
    if kw == "anyOf" and isinstance(err.schema, dict) and err.schema.get("type") == "object":
        return path, "üres rekord vagy adatsor: legalább egy mezőjét ki kell tölteni (vagy hagyja el)", kw
    if kw in ("anyOf", "oneOf") and err.context:
        import jsonschema.exceptions as jx

        # the branch whose type fits tells what is wrong; otherwise name the accepted types
        fitting = [e for e in err.context if e.validator not in ("type", "const", "not")]
        if fitting:
            p2, msg, rule = _explain(jx.best_match(fitting))
            return path + [x for x in p2[len(path):]], msg, rule
        kinds = []
        for sub in err.schema.get(kw, []):
            if "$ref" in sub:
                kinds.append("dátum" if sub["$ref"].endswith("/date") else "szöveg")
            elif "const" in sub:
                kinds.append(_short(sub["const"]))
            elif "type" in sub:
                kinds.append(_TYPE_HU.get(sub["type"], sub["type"]))
        return path, f"{_type_of(inst)} nem megengedett itt; lehetséges: {', '.join(kinds)}", kw
    if kw == "required":
        missing = [k for k in val if isinstance(inst, dict) and k not in inst]
        return path, "hiányzó kötelező kulcs: " + ", ".join(f"„{k}”" for k in missing), kw
    if kw == "additionalProperties":
        known = set(err.schema.get("properties", {}))
        extra = [k for k in inst if k not in known] if isinstance(inst, dict) else []
        return path, "ismeretlen kulcs: " + ", ".join(f"„{k}”" for k in extra), kw
    if kw == "type":
        want = val if isinstance(val, list) else [val]
        return path, f"{_type_of(inst)} helyett {' vagy '.join(_TYPE_HU.get(str(t), str(t)) for t in want)} kell", kw
    if kw == "const":
        return path, f"a megengedett érték {_short(val)}, nem {_short(inst)}", kw
    if kw == "enum":
        return path, (f"nem megengedett érték: {_short(inst)}; lehetséges: "
                      + ", ".join(_short(v, 30) for v in val)), kw
    if kw == "pattern":
        if val == S.TEXT_PATTERN:
            msg = "a szöveg elején vagy végén szóköz/sortörés áll, vagy vezérlőkaraktert tartalmaz"
        elif val == S.DATE_PATTERN:
            msg = f"nem ISO dátum (ÉÉÉÉ-HH-NN): {_short(inst)}"
        elif val == S.YEAR_PATTERN:
            msg = f"nem évszám ({S.MIN_YEAR}–{S.MAX_YEAR}): {_short(inst)}"
        else:
            msg = f"nem megfelelő formátum: {_short(inst)}"
        return path, msg, kw
    if kw in ("minimum", "maximum"):
        return path, f"{inst} {'kisebb' if kw == 'minimum' else 'nagyobb'} a megengedettnél ({val})", kw
    if kw == "maxLength":
        return path, f"túl hosszú szöveg ({len(inst)} karakter; legfeljebb {val})", kw
    if kw == "minLength":
        return path, "nem lehet üres", kw
    if kw == "maxItems":
        return path, f"legfeljebb {val} elem lehet (most {len(inst)})", kw
    if kw == "uniqueItems":
        return path, "ismétlődő elem", kw
    if kw == "minProperties":
        return path, "nem lehet üres", kw
    return path, err.message, kw


def schema_errors(doc, catalog_version: str = DEFAULT_VERSION) -> list[str]:
    """Every schema violation as a Hungarian line "PATH: message [szabály: keyword]"."""
    v = _slow_validator(catalog_version)
    out = []
    for err in sorted(v.iter_errors(doc), key=lambda e: [str(p) for p in e.absolute_path]):
        path, msg, rule = _explain(err)
        out.append(f"{json_path(path)}: {msg} [szabály: {rule}]")
    return out


def _semantic_errors(doc: dict) -> list[str]:
    """Rules the schema language cannot say: real calendar dates, year lists, role names."""
    errors = []
    years = doc["years"]
    if years != sorted(years):
        errors.append("$.years: az évek növekvő sorrendben álljanak [szabály: sorrend]")
    known = set(years)

    def date_ok(value, path):
        if isinstance(value, str):
            try:
                d = dt.date.fromisoformat(value)
            except ValueError:
                errors.append(f"{json_path(path)}: nem létező dátum: „{value}” [szabály: dátum]")
                return
            if d < dt.date(1900, 3, 1):
                errors.append(f"{json_path(path)}: 1900. március 1. előtti dátumot a munkafüzet nem tud "
                              f"tárolni: „{value}” [szabály: dátum]")

    st = doc["settlement"]
    for key in ("adoption_date",):
        date_ok(st[key], ["settlement", key])
    for i, d in enumerate(st["review_dates"]):
        date_ok(d, ["settlement", "review_dates", i])
    for sid, s in doc["indicators"].items():
        for y, v in s["values"].items():
            if int(y) not in known:
                errors.append(f"{json_path(['indicators', sid, 'values', y])}: a(z) {y}. év nem szerepel "
                              "a „years” listában [szabály: évek]")
            if isinstance(v, float) and not _fits_15_digits(v):
                errors.append(f"{json_path(['indicators', sid, 'values', y])}: {v!r}: legfeljebb 15 értékes "
                              f"jegy lehet (az Excel ennyit tárol), pl. {_num(v)!r} [szabály: értékes jegyek]")
        date_ok(s["retrieved"], ["indicators", sid, "retrieved"])
    for g, rows in doc["measures"].items():
        for i, m in enumerate(rows):
            for name in _DEADLINE_FIELDS:  # a deadline given as a date
                if isinstance(m[name], dict) and "date" in m[name]:
                    date_ok(m[name]["date"], ["measures", g, i, name, "date"])
    cat = load_catalog(doc["catalog_version"])
    role_names = {r.name.casefold(): r.id for r in cat.forum_roles}
    for i, m in enumerate(doc["forum"]["members"]):
        rid = role_names.get(m["role"].casefold())
        if rid:
            errors.append(f"{json_path(['forum', 'members', i, 'role'])}: a katalógus szerepeit "
                          f"azonosítóval adja meg: „{rid}” [szabály: szerepazonosító]")
    for i, m in enumerate(doc["forum"]["meetings"]):
        date_ok(m["date"], ["forum", "meetings", i, "date"])
    for i, w in enumerate(doc["forum"]["working_groups"]):
        date_ok(w["last_report"], ["forum", "working_groups", i, "last_report"])
    for i, r in enumerate(doc["forum"]["reports"]):
        date_ok(r["date"], ["forum", "reports", i, "date"])
    for i, r in enumerate(doc["progress"]):
        for name in _MONITORING_DATES:
            date_ok(r[name], ["progress", i, name])
        for name in _MONITORING_NUMBERS:
            v = r[name]
            if isinstance(v, float) and not _fits_15_digits(v):
                errors.append(f"{json_path(['progress', i, name])}: {v!r}: legfeljebb 15 értékes jegy lehet "
                              f"(az Excel ennyit tárol), pl. {_num(v)!r} [szabály: értékes jegyek]")
    return errors


_MONITORING_DATES = tuple(f.name for f in fields_of(MonitoringRecord) if f.kind == "date")
_MONITORING_NUMBERS = tuple(f.name for f in fields_of(MonitoringRecord) if f.kind == "number")


def upgraded(doc):
    """A document of an older schema version as the current version writes it (a new dict; the
    document itself is not changed); any other value is returned as it is.

    1.0 → 2.0: the document frame (``frame``) and each measure's detail-form fields are added empty.
    2.0 → 2.1: the monitoring (``progress``), the working groups' reports and the meetings'
    monitoring fields (type, decisions, reviewed year, accepted documents) are added empty."""
    if not isinstance(doc, dict):
        return doc
    if doc.get("schema_version") == "1.0":
        doc = _upgraded_1_0(doc)
    if doc.get("schema_version") == "2.0":
        doc = _upgraded_2_0(doc)
    return doc


def _upgraded_2_0(doc: dict) -> dict:
    out = {**doc, "schema_version": S.SCHEMA_VERSION}
    forum = doc.get("forum")
    if isinstance(forum, dict):
        blank = {f.name: _plain(f, getattr(ForumMeeting(), f.name)) for f in fields_of(ForumMeeting)
                 if f.name in MEETING_MONITORING_FIELDS}
        meetings = forum.get("meetings")
        if isinstance(meetings, list):
            meetings = [{**m, **{k: v for k, v in blank.items() if k not in m}} if isinstance(m, dict) else m
                        for m in meetings]
        out["forum"] = {**forum, "meetings": meetings, **({} if "reports" in forum else {"reports": []})}
    if "progress" not in doc:
        items = list(out.items())
        at = next((i for i, (k, _) in enumerate(items) if k in ("frame", "validation")), len(items))
        out = dict([*items[:at], ("progress", []), *items[at:]])
    return out


def _upgraded_1_0(doc: dict) -> dict:
    out = {**doc, "schema_version": "2.0"}
    measures = doc.get("measures")
    if isinstance(measures, dict):
        out["measures"] = {g: [{**m, **{k: "" for k in MEASURE_FORM_FIELDS if k not in m}} if isinstance(m, dict)
                               else m for m in rows] if isinstance(rows, list) else rows
                           for g, rows in measures.items()}
    if "frame" not in doc:
        items = list(out.items())
        at = next((i for i, (k, _) in enumerate(items) if k == "validation"), len(items))
        out = dict([*items[:at], ("frame", {**_record(Frame()), "texts": {}}), *items[at:]])
    return out


_DEADLINE_FIELDS = tuple(f.name for f in fields_of(Measure) if f.kind == "deadline")


def check_document(doc, source: str | os.PathLike | None = None) -> None:
    """Raise :class:`JsonDocumentError` unless ``doc`` is a valid HEP document (of the current
    schema version, or of an older one :func:`upgraded` reads)."""
    doc = upgraded(doc)
    version = doc.get("catalog_version") if isinstance(doc, dict) else None
    if not isinstance(version, str) or version not in _known_versions():
        version = DEFAULT_VERSION
    if not _fast_validator(version).is_valid(doc):
        raise JsonDocumentError(schema_errors(doc, version) or ["a dokumentum nem felel meg a sémának"], source)
    errors = _semantic_errors(doc)
    if errors:
        raise JsonDocumentError(errors, source)


@lru_cache(maxsize=1)
def _known_versions() -> frozenset[str]:
    from ..catalog import available_versions

    return frozenset(available_versions())


# -- document -> model ---------------------------------------------------------------------------

def _to_date(value) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _from_plain(info: FieldInfo, value):
    """Document data back to a model field's value, by the field's kind."""
    if info.many:
        return [_from_plain(dataclasses.replace(info, many=False), v) for v in value]
    if info.kind == "date":
        return _to_date(value)
    if info.kind == "deadline":
        return _to_date(value["date"]) if value and "date" in value else (value["text"] if value else "")
    if info.kind == "number" and value is not None:
        return normalize_number(value)
    return value


def _from_record(cls, rec: dict, **extra):
    """A document object back to the model record ``cls`` (keys are the model's field names)."""
    return cls(**extra, **{f.name: _from_plain(f, rec[f.name]) for f in fields_of(cls) if f.name in rec})


def hep_from_dict(d: dict, *, source: str | os.PathLike | None = None, check: bool = True) -> Hep:
    """Build the model from a document; raises :class:`JsonDocumentError` when it is not valid."""
    d = upgraded(d)
    if check:
        check_document(d, source)
    cat: Catalog = load_catalog(d["catalog_version"])
    st = _from_record(Settlement, d["settlement"])
    hep = Hep(catalog_version=d["catalog_version"], settlement=st, years=list(d["years"]))
    for sid, s in d["indicators"].items():
        values = {int(y): (NO_DATA if v == NO_DATA_LABEL else normalize_number(v)) for y, v in s["values"].items()}
        hep.indicators[sid] = _from_record(IndicatorSeries, s, series_id=sid, values=values)
    for item_id, e in d["checklist"].items():
        hep.checklist[item_id] = _from_record(ChecklistEntry, e, item_id=item_id)
    hep.problems = [_from_record(Problem, p) for p in d["problems"]]
    for g in cat.target_groups:
        hep.measures.extend(_from_record(Measure, m, target_group=g.id) for m in d["measures"][g.id])
    f = d["forum"]
    hep.forum = Forum(
        members=[_from_record(ForumMember, m) for m in f["members"]],
        meetings=[_from_record(ForumMeeting, m) for m in f["meetings"]],
        working_groups=[_from_record(WorkingGroup, w) for w in f["working_groups"]],
        reports=[_from_record(WorkingGroupReport, r) for r in f["reports"]],
    )
    hep.progress = [_from_record(MonitoringRecord, r) for r in d["progress"]]
    fr = d["frame"]
    hep.frame = _from_record(Frame, {k: v for k, v in fr.items() if k != "texts"},
                             texts={pid: _from_record(FrameText, t, part_id=pid) for pid, t in fr["texts"].items()})
    return hep


# -- files ---------------------------------------------------------------------------------------

def write_json(hep: Hep, path: str | os.PathLike, validation: dict | None = None, *,
               template_version: str = TEMPLATE_VERSION) -> Path:
    """Check and write the document of ``hep`` atomically; returns the path."""
    doc = hep_to_dict(hep, validation, template_version=template_version)
    return write_document(doc, path)


def write_document(doc: dict, path: str | os.PathLike) -> Path:
    check_document(doc)
    data = to_json_bytes(doc)
    target = Path(path)
    with atomic_output(target) as tmp:
        tmp.write_bytes(data)
    return target


def load_document(path: str | os.PathLike) -> dict:
    """Parse a JSON file (no schema check); JsonDocumentError for unreadable or non-JSON files, and
    for a document that gives a key twice in one object (which value would be meant?)."""
    from .. import limits
    from ..files import os_error_text

    p = Path(path)
    try:
        if p.stat().st_size > limits.MAX_JSON_BYTES:
            raise JsonDocumentError([f"$: a fájl {p.stat().st_size // (1024 * 1024)} MiB; legfeljebb "
                                     f"{limits.MAX_JSON_BYTES // (1024 * 1024)} MiB [szabály: méret]"], p,
                                    "a fájl túl nagy HEP-dokumentumnak")
        data = p.read_bytes()
    except OSError as exc:
        raise JsonDocumentError([f"nem olvasható fájl: {os_error_text(exc)}"], p, "a fájl nem olvasható") from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # UTF-8 with a byte order mark, as Windows Notepad saves it
    try:
        doc = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        where = (f"a(z) {exc.lineno}. sor {exc.colno}. oszlopánál" if getattr(exc, "lineno", None) else "")
        what = "nem UTF-8 kódolású szöveg" if "utf-8" in str(exc).lower() else "nem érvényes JSON"
        raise JsonDocumentError([f"$: {what} {where} [szabály: JSON-szintaxis]".replace("  ", " ")], p,
                                "a fájl nem JSON-dokumentum") from None
    dups = _duplicate_keys(data)
    if dups:
        raise JsonDocumentError([f"{where}: a(z) „{key}” kulcs kétszer szerepel (melyik érték számít?) "
                                 "[szabály: egyedi kulcsok]" for where, key in dups], p,
                                "a JSON-dokumentum ismétlődő kulcsot tartalmaz")
    return doc


class _Pairs(dict):
    duplicates: tuple = ()


def _pairs(items):
    d = _Pairs(items)
    if len(d) != len(items):
        seen, dups = set(), []
        for k, _ in items:
            if k in seen:
                dups.append(k)
            seen.add(k)
        d.duplicates = tuple(dict.fromkeys(dups))
    return d


def _duplicate_keys(data: bytes) -> list[tuple[str, str]]:
    """(JSON path, key) of every key given twice in one object (orjson keeps the last silently)."""
    import json

    found = []

    def walk(value, parts):
        if isinstance(value, dict):
            for key in getattr(value, "duplicates", ()):
                found.append((json_path(parts), key))
            for k, v in value.items():
                walk(v, [*parts, k])
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, [*parts, i])

    walk(json.loads(data, object_pairs_hook=_pairs), [])
    return found


def read_json(path: str | os.PathLike) -> Hep:
    """Read and check a HEP JSON document; raises :class:`JsonDocumentError`."""
    return hep_from_dict(load_document(path), source=path)


__all__ = ["JsonDocumentError", "hep_to_dict", "hep_from_dict", "to_json_bytes", "check_document", "upgraded",
           "schema_errors", "write_json", "write_document", "read_json", "load_document",
           "validation_summary", "json_path"]
