"""The JSON Schema of a review document (``schemas/review.schema.json``, draft 2020-12).

``python -m hep_xl.review.schema`` writes the file; a test fails while it is stale and validates
the sample's review against it.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

SCHEMA_VERSION = "1.0"
SCHEMA_ID = f"urn:hep-xl:schema:hep-review:{SCHEMA_VERSION}"
SCHEMA_PATH = Path(__file__).resolve().parents[2] / "schemas" / "review.schema.json"
CHANGES = ["added", "removed", "changed"]


def _counts(*extra: str) -> dict:
    keys = CHANGES + list(extra)
    return {"type": "object", "required": keys, "additionalProperties": False,
            "properties": {k: {"type": "integer", "minimum": 0} for k in keys}}


def build_schema() -> dict:
    date = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    text = {"type": "string"}
    version = {"type": "object", "required": ["path", "saved", "adoption_date", "review_dates"],
               "additionalProperties": False, "title": "az összevetett változat",
               "properties": {"path": text, "saved": {"anyOf": [date, {"type": "null"}]},
                              "adoption_date": {"anyOf": [date, {"type": "null"}]},
                              "review_dates": {"type": "array", "items": date}}}
    ops = {"type": "array", "title": "szószintű eltérés: a régi szöveg = equal + delete, az új = equal + insert",
           "items": {"type": "object", "required": ["op", "text"], "additionalProperties": False,
                     "properties": {"op": {"enum": ["equal", "delete", "insert"]}, "text": text}}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "A HEP két változatának összevetése (hep-xl review)",
        "description": "Egy település helyi esélyegyenlőségi programjának két változata közötti eltérések: "
                       "1. melléklet, 2. melléklet, problémák, intézkedési terv, HEP Fórum.",
        "type": "object",
        "required": ["report", "schema_version", "catalog_version", "settlement", "old", "new", "summary",
                     "settlement_fields", "annex1", "annex2", "problems", "action_plan", "forum", "frame", "other"],
        "additionalProperties": False,
        "$defs": {
            "field": {"type": "object", "required": ["field", "label", "old", "new", "old_text", "new_text"],
                      "additionalProperties": False, "title": "egy mező mindkét változatban",
                      "properties": {"field": text, "label": text, "old": {}, "new": {}, "old_text": text,
                                     "new_text": text, "ops": ops,
                                     "records": {"type": "array", "items": {"$ref": "#/$defs/record"}}}},
            "record": {"type": "object", "required": ["key", "label", "change", "fields"],
                       "additionalProperties": False, "title": "új, törölt vagy módosult elem",
                       "properties": {"key": text, "label": text, "change": {"enum": CHANGES},
                                      "fields": {"type": "array", "items": {"$ref": "#/$defs/field"}},
                                      "completed": {"type": "boolean"}}},
            "records": {"type": "array", "items": {"$ref": "#/$defs/record"}},
        },
        "properties": {
            "report": {"const": "hep-review"},
            "schema_version": {"const": SCHEMA_VERSION},
            "catalog_version": text,
            "settlement": {"type": "object", "required": ["name", "ksh_code"], "additionalProperties": False,
                           "properties": {"name": text, "ksh_code": text}},
            "old": version,
            "new": version,
            "summary": {"type": "object", "required": ["annex1", "annex2", "problems", "measures", "forum"],
                        "additionalProperties": False,
                        "properties": {"annex1": _counts("years_added", "years_removed", "values_revised"),
                                       "annex2": _counts(), "problems": _counts(),
                                       "measures": _counts("completed"), "forum": _counts()}},
            "settlement_fields": {"type": "array", "items": {"$ref": "#/$defs/field"}},
            "annex1": {
                "type": "object", "required": ["years_added", "years_removed", "series"], "additionalProperties": False,
                "properties": {
                    "years_added": {"type": "array", "items": {"type": "integer"}},
                    "years_removed": {"type": "array", "items": {"type": "integer"}},
                    "series": {"type": "array", "items": {
                        "type": "object", "additionalProperties": False,
                        "required": ["series_id", "indicator", "label", "unit", "change", "values", "fields"],
                        "properties": {
                            "series_id": text, "indicator": {"type": ["integer", "null"]}, "label": text, "unit": text,
                            "change": {"enum": CHANGES},
                            "values": {"type": "array", "items": {
                                "type": "object", "additionalProperties": False,
                                "required": ["year", "change", "old", "new", "old_text", "new_text"],
                                "properties": {"year": {"type": "integer"}, "change": {"enum": CHANGES},
                                               "old": {"type": ["number", "string", "null"]},
                                               "new": {"type": ["number", "string", "null"]},
                                               "old_text": text, "new_text": text}}},
                            "fields": {"type": "array", "items": {"$ref": "#/$defs/field"}}}}}}},
            "annex2": {"$ref": "#/$defs/records"},
            "problems": {"$ref": "#/$defs/records"},
            "action_plan": {"type": "object", "required": ["measures", "completed"], "additionalProperties": False,
                            "properties": {"measures": {"$ref": "#/$defs/records"},
                                           "completed": {"type": "array", "items": text}}},
            "forum": {"type": "object", "additionalProperties": {"$ref": "#/$defs/records"}},
            "frame": {"$ref": "#/$defs/records"},
            "other": {"type": "object", "additionalProperties": {"$ref": "#/$defs/records"}},
        },
    }


@lru_cache(maxsize=1)
def _validator():
    import jsonschema

    return jsonschema.Draft202012Validator(build_schema(), format_checker=jsonschema.FormatChecker())


class ReportSchemaError(ValueError):
    """A review document that breaks its schema (a bug: the writer made it)."""


def check_report(doc: dict) -> None:
    errors = sorted(_validator().iter_errors(doc), key=lambda e: list(e.absolute_path))
    if errors:
        raise ReportSchemaError("; ".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10]))


def schema_text() -> str:
    return json.dumps(build_schema(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
    print(f"{SCHEMA_PATH} kiírva")
