"""The review as readable Hungarian text (``hep-xl review OLD NEW`` without ``-o``)."""

from __future__ import annotations

from pathlib import Path

from ..export import hungarian as hu
from .compare import ADDED, CHANGED, REMOVED, FieldChange, RecordChange, Review, Version, part_title

_WORD = {ADDED: "új", REMOVED: "törölt", CHANGED: "módosult"}
_FORUM = {"members": "tag", "meetings": "ülés", "working_groups": "munkacsoport"}
_SHORT = 60


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SHORT else text[:_SHORT - 1].rstrip() + "…"


def _version(v: Version) -> str:
    parts = [Path(v.path).name]
    if v.adoption_date:
        parts.append(f"elfogadva {hu.format_date(v.adoption_date)}")
    return ", ".join(parts)


def _counts(changes, extra: str = "") -> str:
    n = {k: sum(1 for c in changes if c.change == k) for k in (ADDED, REMOVED, CHANGED)}
    parts = [f"{n[k]} {_WORD[k]}" for k in (ADDED, REMOVED, CHANGED) if n[k]]
    return ", ".join(parts + ([extra] if extra else [])) or "nincs változás"


SHORT_TEXT = 40  # characters: a change between two texts this short reads best as old → new (a status)


def _field(fc: FieldChange) -> str:
    short = len(fc.old_text or "") <= SHORT_TEXT and len(fc.new_text or "") <= SHORT_TEXT
    if fc.ops is not None and not short:
        removed = sum(len(op.text.split()) for op in fc.ops if op.op == "delete")
        added = sum(len(op.text.split()) for op in fc.ops if op.op == "insert")
        return f"{fc.label}: átfogalmazva (−{removed} / +{added} szó)"
    if fc.records is not None:
        return f"{fc.label}: " + "; ".join(f"{r.key} {_WORD[r.change]}" for r in fc.records)
    return f"{fc.label}: {_short(fc.old_text) or '–'} → {_short(fc.new_text) or '–'}"


def _record(rc: RecordChange, title: str) -> list[str]:
    head = f"  {_WORD[rc.change]}: {title}"
    if rc.change != CHANGED:
        return [head]
    return [head] + [f"      {_field(f)}" for f in rc.fields]


def review_text(review: Review) -> str:
    r = review
    lines = [f"{r.settlement} (KSH {r.ksh_code}) – a HEP két változatának összevetése",
             f"  korábbi: {_version(r.old)}", f"  új:      {_version(r.new)}", ""]
    revised = sum(1 for s in r.series for v in s.values if v.change == CHANGED)
    extra = ", ".join(x for x in ((f"új évek: {', '.join(map(str, r.years_added))}" if r.years_added else ""),
                                  (f"{revised} érték módosult" if revised else "")) if x)
    lines.append(f"1. melléklet (mutatók): {_counts(r.series, extra)}")
    for s in r.series:
        lines.append(f"  {_WORD[s.change]}: {_short(s.label)}")
        lines.extend(f"      {v.year}: {v.old_text or '–'} → {v.new_text or '–'}" for v in s.values)
        lines.extend(f"      {_field(f)}" for f in s.fields)
    lines.append(f"2. melléklet (helyzetelemzés): {_counts(r.checklist)}")
    for rc in r.checklist:
        lines.extend(_record(rc, _short(rc.label)))
    lines.append(f"Feltárt problémák: {_counts(r.problems)}")
    for rc in r.problems:
        lines.extend(_record(rc, f"{rc.key} {_short(rc.label)}"))
    done = f"ebből megvalósult: {', '.join(c.key for c in r.completed)}" if r.completed else ""
    lines.append(f"3. melléklet (intézkedési terv): {_counts(r.measures, done)}")
    for rc in r.measures:
        lines.extend(_record(rc, f"{rc.key} {_short(rc.label)}" + (" (megvalósult)" if rc.completed else "")))
    forum = [c for part in r.forum.values() for c in part]
    lines.append(f"HEP Fórum: {_counts(forum)}")
    for name, part in r.forum.items():
        for rc in part:
            lines.extend(_record(rc, f"{_FORUM.get(name, name)} {rc.key}"))
    if r.settlement_fields:
        lines.append("Település és program adatai: " + "; ".join(_field(f) for f in r.settlement_fields))
    if r.frame:
        lines.append(f"A dokumentum keretszövegei: {_counts(r.frame)}")
        for rc in r.frame:
            lines.extend(_record(rc, _short(rc.label)))
    for name, part in r.other.items():
        lines.append(f"{part_title(name)}: {_counts(part)}")
        for rc in part:
            lines.extend(_record(rc, f"{rc.key} {_short(rc.label)}".strip()))
    if r.empty:
        lines.append("")
        lines.append("A két változat tartalma azonos.")
    return "\n".join(lines) + "\n"
