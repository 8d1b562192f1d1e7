"""The JSON Schema (draft 2020-12) of a HEP document, generated from the catalog and the model.

The schema describes the *canonical* document that ``hep-xl export json`` writes: every key is
present, unknown keys are rejected, indicator series and checklist items are keyed by the
catalog's stable ids, text has no surrounding whitespace and no control characters (what a
workbook cell can hold and gives back unchanged), numbers stay within Excel's 15 significant
digits. Whatever the schema accepts survives ``import`` (JSON -> workbook) and ``export`` again
unchanged.

Regenerate the committed copy after a catalog or model change::

    .venv/bin/python -m hep_xl.export.schema            # writes schemas/hep.schema.json
    .venv/bin/python -m hep_xl.export.schema --check    # exit 1 when the file is out of date
"""

from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path

from .. import limits
from ..catalog import DEFAULT_VERSION, SERIES_ROLE_LABELS, Catalog, load_catalog
from ..model import (
    CHECKLIST_STATUSES,
    MAX_YEAR,
    MEASURE_FORM_FIELDS,
    MIN_YEAR,
    NO_DATA_LABEL,
    ChecklistEntry,
    FieldInfo,
    ForumMeeting,
    ForumMember,
    Frame,
    FrameText,
    IndicatorSeries,
    Measure,
    MonitoringRecord,
    Problem,
    Settlement,
    WorkingGroup,
    WorkingGroupReport,
    fields_of,
)
from ..workbook import KNOWN_TEMPLATE_VERSIONS, REVIEW_DATE_CELLS

# 2.0: the document frame and the measures' detail-form fields (1.0 reads as 2.0); 2.1: the monitoring,
# the working groups' reports and the meetings' monitoring fields (2.0 reads as 2.1)
SCHEMA_VERSION = "2.1"
SCHEMA_ID = "urn:hep-xl:schema:hep-document:" + SCHEMA_VERSION
SCHEMA_PATH = Path(__file__).resolve().parents[2] / "schemas" / "hep.schema.json"
MAX_TEXT = limits.MAX_TEXT_CHARS  # an Excel cell holds at most this many characters (the validator's TXT-002)
MAX_NUMBER = 999_999_999_999_999  # 15 digits: what Excel keeps exactly

# Whitespace that str.strip() removes (the reader strips every cell) and control characters a
# workbook cell cannot hold unchanged. Spelled out, so Python ``re``, ECMA-262 and Rust regex
# engines agree (no \s, whose meaning differs between them).
_WS = " \t\n\u000b\u000c\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_CTRL = limits.CONTROL_CHARS  # the validator's TXT-001 finds the same characters
_ANY = f"[^{_CTRL}]"  # tab and newline are fine inside a text
_EDGE = f"[^{_CTRL}{_WS}]"
TEXT_PATTERN = f"^({_EDGE}({_ANY}*{_EDGE})?)?$"
DATE_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"


def year_pattern(low: int, high: int) -> str:
    """A regular expression for the four-digit years ``low``..``high`` (object keys cannot have bounds)."""
    parts: list[str] = []
    year = low
    while year <= high:
        for step, tail in ((100, "[0-9]{2}"), (10, "[0-9]")):
            if year % step == 0 and year + step - 1 <= high:
                parts.append(f"{str(year)[:4 - len(str(step)) + 1]}{tail}")
                year += step
                break
        else:
            parts.append(str(year))
            year += 1
    return "^(" + "|".join(parts) + ")$"


YEAR_PATTERN = year_pattern(MIN_YEAR, MAX_YEAR)  # the model's years (hep_xl.model.MIN_YEAR, MAX_YEAR)


TEXT_DEF = {"type": "string", "maxLength": MAX_TEXT, "pattern": TEXT_PATTERN,
            "description": "szöveg; elején és végén nincs szóköz, vezérlőkaraktert nem tartalmaz "
                           "(tabulátor és sortörés megengedett); üres, ha nincs kitöltve"}
DATE_DEF = {"type": "string", "format": "date", "pattern": DATE_PATTERN,
            "description": "ISO 8601 dátum (ÉÉÉÉ-HH-NN)"}


def _text(title: str, description: str = "", *, required_text: bool = False) -> dict:
    s: dict[str, object] = {"$ref": "#/$defs/text", "title": title}
    if description:
        s["description"] = description
    if required_text:
        s["minLength"] = 1
    return s


def _date(title: str, nullable: bool = True) -> dict:
    d = {"$ref": "#/$defs/date"}
    if nullable:
        return {"title": title, "anyOf": [d, {"type": "null"}],
                "description": "ISO 8601 dátum (ÉÉÉÉ-HH-NN); null, ha nincs megadva"}
    return {"title": title, **d}


def _int(title: str, minimum: int = -MAX_NUMBER, maximum: int = MAX_NUMBER) -> dict:
    return {"title": title, "anyOf": [{"type": "integer", "minimum": minimum, "maximum": maximum},
                                      {"type": "null"}]}


def _object(title: str, properties: dict, description: str = "") -> dict:
    s: dict[str, object] = {"type": "object", "title": title}
    if description:
        s["description"] = description
    s.update({"properties": properties, "required": list(properties), "additionalProperties": False})
    return s


def _not_blank(*fields: tuple[str, str]) -> list[dict]:
    """anyOf branches: at least one field holds something (a blank row is not a record)."""
    out = []
    for name, kind in fields:
        if kind == "text":
            out.append({"required": [name], "properties": {name: {"minLength": 1}}})
        else:  # nullable value
            out.append({"required": [name], "properties": {name: {"not": {"type": "null"}}}})
    return out


_VALUE_KINDS = ("date", "int", "year", "deadline", "number")  # nullable values; the other kinds are text


def _blank_branches(fields) -> list[dict]:
    return _not_blank(*((f.name, "value" if f.kind in _VALUE_KINDS else "text") for f in fields))


def _deadline(title: str) -> dict:
    return {
        "title": title,
        "description": "határidő: {\"date\": ISO-dátum} vagy a beírt szöveg {\"text\": …} "
                       "(pl. „folyamatos”); null, ha üres",
        "anyOf": [
            _object("Határidő dátumként", {"date": _date("Dátum", nullable=False)}),
            _object("Határidő szövegként", {"text": _text("Szöveg", required_text=True)}),
            {"type": "null"},
        ]}


def build_schema(catalog: Catalog | None = None) -> dict:
    """The whole schema as a dict (deterministic: same catalog, same schema)."""
    cat = catalog or load_catalog(DEFAULT_VERSION)
    groups_text = "célcsoport: " + ", ".join(f"{g.id} = {g.short_name}" for g in cat.target_groups)
    role_ids = [r.id for r in cat.forum_roles]
    roles_text = "a katalógus szerepazonosítója (" + ", ".join(role_ids) + ") vagy más szerep szövegesen"

    def field_schema(f: FieldInfo, title: str | None = None) -> dict:
        """The schema of one model field, by its kind (the title defaults to the model's label)."""
        title = title or f.label
        if f.many:
            return {"type": "array", "title": title, "maxItems": REVIEW_DATE_CELLS,
                    "items": _date(f.help, nullable=False)}
        if f.kind == "date":
            return _date(title)
        if f.kind == "deadline":
            return _deadline(title)
        if f.kind == "year":
            return _int(title, MIN_YEAR, MAX_YEAR)
        if f.kind == "int":
            return _int(title)
        if f.kind == "number":
            return {"title": title, "anyOf": [{"type": "number", "minimum": -MAX_NUMBER, "maximum": MAX_NUMBER},
                                              {"type": "null"}],
                    "description": (f.help + "; " if f.help else "") + "szám (legfeljebb 15 értékes jegy); null, "
                                                                       "ha nincs megadva"}
        if f.kind == "group":
            # closed lists (target group, status) keep what the clerk typed: the archive must not
            # lose a typo; the validator flags a value outside the list
            return _text(title, groups_text + "; a munkafüzetben beírt formában")
        if f.kind == "role":
            return _text(title, roles_text)
        return _text(title, f.help)

    def record(cls, title: str) -> dict:
        fields = fields_of(cls)
        obj = _object(title, {f.name: field_schema(f) for f in fields})
        obj["anyOf"] = _blank_branches(fields)
        return obj

    settlement = _object("Településadatok", {f.name: field_schema(f) for f in fields_of(Settlement)})

    value = {"anyOf": [{"type": "number", "minimum": -MAX_NUMBER, "maximum": MAX_NUMBER},
                       {"const": NO_DATA_LABEL}],
             "description": f"szám (legfeljebb 15 értékes jegy), vagy „{NO_DATA_LABEL}”, ha a "
                            "település közli, hogy nincs adat; üres cella: az év hiányzik"}
    series_fields = fields_of(IndicatorSeries)
    series = _object("Adatsor", {
        "values": {"type": "object", "title": "Értékek évenként",
                   "propertyNames": {"pattern": YEAR_PATTERN},
                   "additionalProperties": value},
        **{f.name: field_schema(f) for f in series_fields},
    })
    series["anyOf"] = [{"properties": {"values": {"minProperties": 1}}}, *_blank_branches(series_fields)]
    series_props = {}
    for sd in cat.series_rows:
        ind = cat.indicator_by_number[sd.indicator_number]
        role = "" if sd.role == "series" else f" ({SERIES_ROLE_LABELS[sd.role]})"
        title = f"{ind.number}. {ind.name}" + ("" if sd.name == ind.name else f" – {sd.name}") + role
        series_props[sd.id] = {"$ref": "#/$defs/series", "title": title,
                               "description": f"mértékegység: {sd.unit}; gyakoriság: {ind.frequency}; "
                                              f"forrás: {ind.source}"}

    entry_fields = fields_of(ChecklistEntry)
    entry = _object("Tartalmi elem kifejtése", {f.name: field_schema(f) for f in entry_fields})
    entry["properties"]["status"]["description"] = ("a munkafüzetben beírt formában; a lista: "
                                                    + ", ".join(CHECKLIST_STATUSES))
    entry["anyOf"] = _blank_branches(entry_fields)
    checklist_props = {item.id: {"$ref": "#/$defs/checklist_entry", "title": f"{item.id} {item.text}"}
                       for item in cat.checklist_items}

    problem = record(Problem, "Feltárt probléma")

    measure_fields = {f.name: f for f in fields_of(Measure)}
    form_fields = [measure_fields[k] for k in MEASURE_FORM_FIELDS]
    measure = _object("Intézkedés (3. melléklet, a részletes kifejtés mezőivel)",
                      {**{c.id: field_schema(measure_fields[c.id], c.label) for c in cat.columns},
                       **{f.name: field_schema(f) for f in form_fields}})
    measure["anyOf"] = _blank_branches([*(measure_fields[c.id] for c in cat.columns), *form_fields])
    measures = _object(cat.action_plan_title, {
        g.id: {"type": "array", "title": f"{g.id}. {g.name}", "items": {"$ref": "#/$defs/measure"}}
        for g in cat.target_groups})

    member = record(ForumMember, "Fórumtag")
    meeting = record(ForumMeeting, "Fórumülés")
    statuses = ", ".join(v.name for v in cat.monitoring_statuses)
    meeting["properties"]["kind"]["description"] = ("a munkafüzetben beírt formában; a lista: "
                                                    + ", ".join(v.name for v in cat.meeting_types))
    wg = record(WorkingGroup, "Munkacsoport")
    report = record(WorkingGroupReport, "Munkacsoport beszámolója")
    forum = _object(cat.forum_title, {
        "members": {"type": "array", "title": "Tagok és állandó meghívottak", "items": {"$ref": "#/$defs/member"}},
        "meetings": {"type": "array", "title": "Ülések", "items": {"$ref": "#/$defs/meeting"}},
        "working_groups": {"type": "array", "title": "Munkacsoportok", "items": {"$ref": "#/$defs/working_group"}},
        "reports": {"type": "array", "title": "A munkacsoportok beszámolói",
                    "items": {"$ref": "#/$defs/working_group_report"}},
    })
    monitoring = record(MonitoringRecord, "Egy intézkedés egy éve")
    monitoring["properties"]["status"]["description"] = "a munkafüzetben beírt formában; a lista: " + statuses

    text_fields = fields_of(FrameText)
    frame_text = _object("Dokumentumrész szövege", {f.name: field_schema(f) for f in text_fields})
    frame_text["anyOf"] = _blank_branches(text_fields)
    frame = _object(cat.frame_title or "A dokumentum keretszövegei", {
        **{f.name: field_schema(f) for f in fields_of(Frame)},
        "texts": {"type": "object", "title": "A dokumentumrészek szövegei",
                  "description": "a dokumentumrész azonosítója szerint (katalógus, document.json); "
                                 "az üres rész elmarad",
                  "properties": {p.id: {"$ref": "#/$defs/frame_text", "title": p.heading}
                                 for p in cat.written_parts},
                  "additionalProperties": False},
    }, cat.frame_source)

    count = {"type": "integer", "minimum": 0}
    validation = {
        "title": "Ellenőrzés összesítése",
        "description": "a hep-xl ellenőrzés eredménye az exportáláskor (null: nem készült ellenőrzés); "
                       "importáláskor nem kerül a munkafüzetbe, exportáláskor újra számolódik",
        "anyOf": [
            _object("Ellenőrzés", {
                "has_errors": {"type": "boolean", "title": "Van-e hiba"},
                "counts": {"type": "object", "title": "Megállapítások súlyosság szerint",
                           "additionalProperties": count},
                "scores": {"type": "object", "title": "Pontszámok (kitöltöttség, megfelelés)",
                           "additionalProperties": {"type": "number"}},
            }),
            {"type": "null"},
        ]}

    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": f"Helyi Esélyegyenlőségi Program (HEP) – {cat.short_title}",
        "description": (f"Egy település HEP-je géppel olvasható formában ({cat.title}). A dokumentumot a "
                        "„hep-xl export json” írja és a „hep-xl import json” olvassa vissza munkafüzetté. "
                        "Minden kulcs kötelező; ismeretlen kulcs nem megengedett. Szöveg elején és végén "
                        "nem állhat szóköz, és nem tartalmazhat vezérlőkaraktert (tabulátor és sortörés "
                        "igen). Az évek listája növekvő és ismétlés nélküli, a mutatók évei e listából valók."),
        "type": "object",
        "properties": {
            "schema_version": {"const": SCHEMA_VERSION, "title": "Sémaváltozat"},
            "catalog_version": {"const": cat.version, "title": "Katalógusváltozat (a rendelet változata)"},
            "template_version": {"enum": list(KNOWN_TEMPLATE_VERSIONS), "title": "Sablonváltozat"},
            "settlement": settlement,
            "years": {"type": "array", "title": "Az 1. melléklet évei (növekvő)", "uniqueItems": True,
                      "items": {"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR}},
            "indicators": {"type": "object", "title": "1. melléklet – statisztikai mutatók",
                           "description": "adatsoronként a katalógus azonosítója szerint; az üres adatsor elmarad",
                           "properties": series_props, "additionalProperties": False},
            "checklist": {"type": "object", "title": f"2. melléklet – {cat.checklist_title}",
                          "description": "tartalmi elemenként; a ki nem töltött elem elmarad",
                          "properties": checklist_props, "additionalProperties": False},
            "problems": {"type": "array", "title": "Következtetések – feltárt problémák",
                         "items": {"$ref": "#/$defs/problem"}},
            "measures": measures,
            "forum": forum,
            "progress": {"type": "array", "title": cat.monitoring_title or "Megvalósítás",
                           "description": "intézkedésenként és évenként egy sor (célcsoport, sorszám, év)",
                           "items": {"$ref": "#/$defs/progress_record"}},
            "frame": frame,
            "validation": validation,
        },
        "required": ["schema_version", "catalog_version", "template_version", "settlement", "years",
                     "indicators", "checklist", "problems", "measures", "forum", "progress", "frame",
                     "validation"],
        "additionalProperties": False,
        "$defs": {"text": TEXT_DEF, "date": DATE_DEF, "series": series, "checklist_entry": entry,
                  "problem": problem, "measure": measure, "member": member, "meeting": meeting,
                  "working_group": wg, "working_group_report": report, "progress_record": monitoring,
                  "frame_text": frame_text},
    }


def schema_text(schema: dict | None = None) -> str:
    """The committed file's exact text (UTF-8, two-space indent, trailing newline)."""
    return json.dumps(schema or build_schema(), ensure_ascii=False, indent=2) + "\n"


@cache
def cached_schema(catalog_version: str = DEFAULT_VERSION) -> dict:
    return build_schema(load_catalog(catalog_version))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    text = schema_text()
    if "--check" in args:
        current = SCHEMA_PATH.read_text(encoding="utf-8") if SCHEMA_PATH.exists() else ""
        if current != text:
            print(f"{SCHEMA_PATH} elavult; újragenerálás: python -m hep_xl.export.schema", file=sys.stderr)
            return 1
        print(f"{SCHEMA_PATH}: naprakész")
        return 0
    from ..files import atomic_output

    with atomic_output(SCHEMA_PATH) as tmp:
        tmp.write_text(text, encoding="utf-8")
    print(f"elkészült: {SCHEMA_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
