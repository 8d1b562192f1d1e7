"""The review as a JSON document for tools, valid against ``schemas/review.schema.json``."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from ..files import atomic_output
from .compare import FieldChange, RecordChange, Review, SeriesChange, Version
from .schema import SCHEMA_VERSION, check_report


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _version(v: Version) -> dict:
    return {"path": v.path, "saved": _date(v.saved), "adoption_date": _date(v.adoption_date),
            "review_dates": [d.isoformat() for d in v.review_dates]}


def _field(fc: FieldChange) -> dict:
    out = {"field": fc.name, "label": fc.label, "old": fc.old, "new": fc.new, "old_text": fc.old_text,
           "new_text": fc.new_text}
    if fc.ops is not None:
        out["ops"] = [{"op": op.op, "text": op.text} for op in fc.ops]
    if fc.records is not None:
        out["records"] = [_record(r) for r in fc.records]
    return out


def _record(rc: RecordChange, *, measure: bool = False) -> dict:
    out = {"key": rc.key, "label": rc.label, "change": rc.change, "fields": [_field(f) for f in rc.fields]}
    if measure:
        out["completed"] = rc.completed
    return out


def _series(sc: SeriesChange) -> dict:
    return {"series_id": sc.series_id, "indicator": sc.indicator, "label": sc.label, "unit": sc.unit,
            "change": sc.change,
            "values": [{"year": v.year, "change": v.change, "old": v.old, "new": v.new, "old_text": v.old_text,
                        "new_text": v.new_text} for v in sc.values],
            "fields": [_field(f) for f in sc.fields]}


def _counts(changes) -> dict:
    out = {"added": 0, "removed": 0, "changed": 0}
    for c in changes:
        out[c.change] += 1
    return out


def review_to_dict(review: Review) -> dict:
    measures = _counts(review.measures)
    return {
        "report": "hep-review",
        "schema_version": SCHEMA_VERSION,
        "catalog_version": review.catalog_version,
        "settlement": {"name": review.settlement, "ksh_code": review.ksh_code},
        "old": _version(review.old),
        "new": _version(review.new),
        "summary": {
            "annex1": {**_counts(review.series), "years_added": len(review.years_added),
                       "years_removed": len(review.years_removed),
                       "values_revised": sum(1 for s in review.series for v in s.values if v.change == "changed")},
            "annex2": _counts(review.checklist),
            "problems": _counts(review.problems),
            "measures": {**measures, "completed": len(review.completed)},
            "forum": _counts(c for part in review.forum.values() for c in part),
        },
        "settlement_fields": [_field(f) for f in review.settlement_fields],
        "annex1": {"years_added": review.years_added, "years_removed": review.years_removed,
                   "series": [_series(s) for s in review.series]},
        "annex2": [_record(r) for r in review.checklist],
        "problems": [_record(r) for r in review.problems],
        "action_plan": {"measures": [_record(r, measure=True) for r in review.measures],
                        "completed": [r.key for r in review.completed]},
        "forum": {name: [_record(r) for r in part] for name, part in review.forum.items()},
        "frame": [_record(r) for r in review.frame],
        "other": {name: [_record(r) for r in part] for name, part in review.other.items()},
    }


def to_json_bytes(doc: dict) -> bytes:
    from ..export.json_doc import to_json_bytes as dump

    return dump(doc)


def write_review_json(review: Review, path: str | os.PathLike) -> Path:
    """Check the document against its schema, then write it atomically."""
    doc = review_to_dict(review)
    check_report(doc)
    target = Path(path)
    with atomic_output(target) as tmp:
        tmp.write_bytes(to_json_bytes(doc))
    return target
