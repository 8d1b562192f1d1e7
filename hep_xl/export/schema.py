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
from functools import lru_cache
from pathlib import Path

from ..catalog import DEFAULT_VERSION, Catalog, load_catalog
from ..model import NO_DATA_LABEL
from ..workbook import layout as L

SCHEMA_VERSION = "1.0"
SCHEMA_ID = "urn:hep-xl:schema:hep-document:" + SCHEMA_VERSION
SCHEMA_PATH = Path(__file__).resolve().parents[2] / "schemas" / "hep.schema.json"
MAX_TEXT = 32767  # an Excel cell holds at most this many characters
MAX_NUMBER = 999_999_999_999_999  # 15 digits: what Excel keeps exactly

# Whitespace that str.strip() removes (the reader strips every cell) and control characters a
# workbook cell cannot hold unchanged. Spelled out, so Python ``re``, ECMA-262 and Rust regex
# engines agree (no \s, whose meaning differs between them).
_WS = " \t\n\u000b\u000c\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_CTRL = "\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffe\uffff"
_ANY = f"[^{_CTRL}]"  # tab and newline are fine inside a text
_EDGE = f"[^{_CTRL}{_WS}]"
TEXT_PATTERN = f"^({_EDGE}({_ANY}*{_EDGE})?)?$"
DATE_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
MIN_YEAR, MAX_YEAR = 1900, 2200  # what the workbook reads as a year (hep_xl.values.parse_year)
YEAR_PATTERN = r"^(19[0-9]{2}|2[01][0-9]{2}|2200)$"


TEXT_DEF = {"type": "string", "maxLength": MAX_TEXT, "pattern": TEXT_PATTERN,
            "description": "szöveg; elején és végén nincs szóköz, vezérlőkaraktert nem tartalmaz "
                           "(tabulátor és sortörés megengedett); üres, ha nincs kitöltve"}
DATE_DEF = {"type": "string", "format": "date", "pattern": DATE_PATTERN,
            "description": "ISO 8601 dátum (ÉÉÉÉ-HH-NN)"}


def _text(title: str, description: str = "", *, required_text: bool = False) -> dict:
    s = {"$ref": "#/$defs/text", "title": title}
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
    s = {"type": "object", "title": title}
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


def build_schema(catalog: Catalog | None = None) -> dict:
    """The whole schema as a dict (deterministic: same catalog, same schema)."""
    cat = catalog or load_catalog(DEFAULT_VERSION)
    groups_text = "célcsoport: " + ", ".join(f"{g.id} = {g.short_name}" for g in cat.target_groups)
    # closed lists (target group, status) keep what the clerk typed: the archive must not lose a
    # typo; the validator flags a value outside the list
    group_or_blank = _text("Célcsoport", groups_text + "; a munkafüzetben beírt formában")

    settlement_props = {}
    for fd in L.SETTLEMENT_FIELDS:
        if fd.field == "review_dates":
            continue
        if fd.kind == "date":
            settlement_props[fd.field] = _date(fd.label)
        elif fd.kind == "year":
            settlement_props[fd.field] = _int(fd.label, MIN_YEAR, MAX_YEAR)
        elif fd.kind == "int":
            settlement_props[fd.field] = _int(fd.label)
        else:
            settlement_props[fd.field] = _text(fd.label, fd.help)
    n_reviews = sum(fd.field == "review_dates" for fd in L.SETTLEMENT_FIELDS)
    settlement_props["review_dates"] = {
        "type": "array", "title": "Felülvizsgálatok dátumai", "maxItems": n_reviews,
        "items": _date("Felülvizsgálat dátuma", nullable=False)}
    order = [fd.field for fd in L.SETTLEMENT_FIELDS if fd.field != "review_dates"]
    order.insert(order.index("resolution_number") + 1, "review_dates")
    settlement = _object("Településadatok", {k: settlement_props[k] for k in order})

    value = {"anyOf": [{"type": "number", "minimum": -MAX_NUMBER, "maximum": MAX_NUMBER},
                       {"const": NO_DATA_LABEL}],
             "description": f"szám (legfeljebb 15 értékes jegy), vagy „{NO_DATA_LABEL}”, ha a "
                            "település közli, hogy nincs adat; üres cella: az év hiányzik"}
    series = _object("Adatsor", {
        "values": {"type": "object", "title": "Értékek évenként",
                   "propertyNames": {"pattern": YEAR_PATTERN},
                   "additionalProperties": value},
        "source": _text("Adatforrás"),
        "retrieved": _date("Lekérés dátuma"),
        "note": _text("Megjegyzés"),
    })
    series["anyOf"] = [{"properties": {"values": {"minProperties": 1}}}, *_not_blank(
        ("source", "text"), ("retrieved", "value"), ("note", "text"))]
    series_props = {}
    for sd in cat.series_rows:
        ind = cat.indicator_by_number[sd.indicator_number]
        role = "" if sd.role == "series" else f" ({L.ROLE_LABELS[sd.role]})"
        title = f"{ind.number}. {ind.name}" + ("" if sd.name == ind.name else f" – {sd.name}") + role
        series_props[sd.id] = {"$ref": "#/$defs/series", "title": title,
                               "description": f"mértékegység: {sd.unit}; gyakoriság: {ind.frequency}; "
                                              f"forrás: {ind.source}"}

    entry = _object("Tartalmi elem kifejtése", {
        "status": _text("Állapot", "a munkafüzetben beírt formában; a lista: "
                        + ", ".join(L.CHECKLIST_STATUSES)),
        "narrative": _text("Kifejtés"),
        "data_gaps": _text("Adathiányok"),
    })
    entry["anyOf"] = _not_blank(("status", "text"), ("narrative", "text"), ("data_gaps", "text"))
    checklist_props = {item.id: {"$ref": "#/$defs/checklist_entry", "title": f"{item.id} {item.text}"}
                       for item in cat.checklist_items}

    problem_props = {}
    for attr, header in L.PROBLEM_COLUMNS:
        problem_props[attr] = dict(group_or_blank, title=header) if attr == "target_group" else _text(header)
    problem = _object("Feltárt probléma", problem_props)
    problem["anyOf"] = _not_blank(*((a, "text") for a, _ in L.PROBLEM_COLUMNS))

    measure_props = {}
    for col in cat.columns:
        if col.id == "number":
            measure_props[col.id] = _int(col.label)
        elif col.id == "deadline":
            measure_props[col.id] = {
                "title": col.label,
                "description": "határidő: {\"date\": ISO-dátum} vagy a beírt szöveg {\"text\": …} "
                               "(pl. „folyamatos”); null, ha üres",
                "anyOf": [
                    _object("Határidő dátumként", {"date": _date("Dátum", nullable=False)}),
                    _object("Határidő szövegként", {"text": _text("Szöveg", required_text=True)}),
                    {"type": "null"},
                ]}
        else:
            measure_props[col.id] = _text(col.label)
    measure = _object("Intézkedés (3. melléklet)", measure_props)
    measure["anyOf"] = _not_blank(*((c.id, "value" if c.id in ("number", "deadline") else "text")
                                    for c in cat.columns))
    measures = _object(cat.action_plan_title, {
        g.id: {"type": "array", "title": f"{g.id}. {g.name}", "items": {"$ref": "#/$defs/measure"}}
        for g in cat.target_groups})

    role_ids = [r.id for r in cat.forum_roles]
    member_props = {}
    for attr, header in L.MEMBER_COLUMNS:
        member_props[attr] = _text(header)
    member_props["role"]["description"] = ("a katalógus szerepazonosítója (" + ", ".join(role_ids)
                                           + ") vagy más szerep szövegesen")
    member = _object("Fórumtag", member_props)
    member["anyOf"] = _not_blank(*((a, "text") for a, _ in L.MEMBER_COLUMNS))
    meeting_props = {a: (_date(h) if a in L.DATE_FIELDS else _text(h)) for a, h in L.MEETING_COLUMNS}
    meeting = _object("Fórumülés", meeting_props)
    meeting["anyOf"] = _not_blank(*((a, "value" if a in L.DATE_FIELDS else "text") for a, _ in L.MEETING_COLUMNS))
    wg_props = {}
    for a, h in L.WORKING_GROUP_COLUMNS:
        wg_props[a] = (_date(h) if a in L.DATE_FIELDS else
                       dict(group_or_blank, title=h) if a == "target_group" else _text(h))
    wg = _object("Munkacsoport", wg_props)
    wg["anyOf"] = _not_blank(*((a, "value" if a in L.DATE_FIELDS else "text") for a, _ in L.WORKING_GROUP_COLUMNS))
    forum = _object(cat.forum_title, {
        "members": {"type": "array", "title": "Tagok és állandó meghívottak", "items": {"$ref": "#/$defs/member"}},
        "meetings": {"type": "array", "title": "Ülések", "items": {"$ref": "#/$defs/meeting"}},
        "working_groups": {"type": "array", "title": "Munkacsoportok", "items": {"$ref": "#/$defs/working_group"}},
    })

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
            "template_version": {"enum": list(L.KNOWN_TEMPLATE_VERSIONS), "title": "Sablonváltozat"},
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
            "validation": validation,
        },
        "required": ["schema_version", "catalog_version", "template_version", "settlement", "years",
                     "indicators", "checklist", "problems", "measures", "forum", "validation"],
        "additionalProperties": False,
        "$defs": {"text": TEXT_DEF, "date": DATE_DEF, "series": series, "checklist_entry": entry,
                  "problem": problem, "measure": measure, "member": member, "meeting": meeting,
                  "working_group": wg},
    }


def schema_text(schema: dict | None = None) -> str:
    """The committed file's exact text (UTF-8, two-space indent, trailing newline)."""
    return json.dumps(schema or build_schema(), ensure_ascii=False, indent=2) + "\n"


@lru_cache(maxsize=None)
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
