"""Why a rule exists: its severity and the sentence of the text it comes from, as the catalog records
them (``rules.json``). Shown by ``hep-xl validate --explain RULE-ID``; the README's rule table is
:func:`rule_table` (a test keeps the two equal)."""

from __future__ import annotations

import datetime as dt

from ..catalog import Catalog, load_catalog
from . import rules as _rules  # noqa: F401  (registers every rule)
from .findings import Severity
from .messages import title
from .registry import RULES

# where an area's findings are shown
AREA_SHEETS = {"read": "(bármely lap)", "settlement": "Településadatok", "annex1": "1. Mutatók",
               "annex2": "2. Helyzetelemzés / Következtetések",
               "annex3": "3. Intézkedési terv / Következtetések",
               "forum": "HEP Fórum", "document": "Bevezetés és megvalósítás / 3. Intézkedési terv",
               "progress": "Megvalósítás / HEP Fórum"}
_LABELS = {
    "hu": {"severity": "Súlyosság", "why": "miért", "sheet": "Lap", "source": "Forrás", "quote": "A szöveg",
           "summary": "Amit a szöveg mond (összefoglalás)", "practice": "A gyakorlat",
           "law": "Amit előír (összefoglalás; a szövege nincs a program forrásai között)",
           "catalog": "Katalógus",
           "text_date": "szövegállapot", "pairs": "Párok (katalógus, „consistency”)",
           "roles": "Figyelt szerepek", "amend": "Módosítások", "repeal": "Hatályon kívül"},
    "en": {"severity": "Severity", "why": "why", "sheet": "Sheet", "source": "Source", "quote": "The text",
           "summary": "What the text says (summary)", "practice": "The practice",
           "law": "What it requires (summary; its text is not among the program's sources)",
           "catalog": "Catalog",
           "text_date": "text of", "pairs": "Pairs (catalog, \"consistency\")",
           "roles": "Roles looked for", "amend": "Amendments", "repeal": "Repealed"},
}


class UnknownRule(KeyError):
    pass


def _date(iso: str) -> str:
    return dt.date.fromisoformat(iso).strftime("%Y.%m.%d.") if iso else ""


def explain(rule_id: str, lang: str = "hu", catalog: Catalog | None = None) -> str:
    """The explanation of one rule, as lines of text for a person."""
    cat = catalog or load_catalog()
    rid = rule_id.strip().upper()
    r = RULES.get(rid)
    basis = cat.rule_by_id.get(rid)
    if r is None or basis is None:
        raise UnknownRule(rule_id)
    lab = _LABELS[lang if lang in _LABELS else "hu"]
    sev = Severity(basis.severity)
    source = cat.source_by_id[basis.source]
    lines = [f"{rid} – {title(rid, lang)}",
             f"{lab['severity']}: {sev.label(lang)} ({lab['why']}: {basis.reason})",
             f"{lab['sheet']}: {AREA_SHEETS.get(r.area, r.area)}",
             f"{lab['source']}: {source.title}; {basis.ref}"]
    if basis.quote:
        lines.append(f"{lab['quote']}: „{basis.quote}”")
    elif basis.summary:
        kind = "practice" if basis.source == "practice" else "summary" if source.text_at_hand else "law"
        lines.append(f"{lab[kind]}: {basis.summary}")
    lines += _details(rid, cat, lab)
    lines.append(f"{lab['catalog']}: {cat.version} ({cat.short_title}"
                 + (f", {lab['text_date']}: {_date(cat.text_date)}" if cat.text_date else "") + ")")
    return "\n".join(lines)


def _details(rid: str, cat: Catalog, lab: dict) -> list[str]:
    """What the catalog holds for the rule beyond its sentence: the pairs it checks, the roles it
    looks for, the amendments of the text."""
    kinds = {"IND-040": "at_most", "IND-041": "sum_equals", "IND-042": "share_of_population"}
    if rid in kinds:
        out = [f"{lab['pairs']}:"]
        for c in cat.consistency:
            if c.kind == kinds[rid]:
                parts = " + ".join(c.parts)
                out.append(f"  {parts} → {c.whole}: {c.reason} ({c.ref})")
        return out
    if rid in ("FOR-001", "FOR-007", "FOR-008"):
        wanted = {"FOR-001": lambda r: r.basis == "recommended" and r.expected in ("always", "above_population"),
                  "FOR-007": lambda r: r.basis == "law",
                  "FOR-008": lambda r: r.expected == "nationality_self_government"}[rid]
        return [f"{lab['roles']}:"] + [f"  {r.name}" + (f" ({r.law})" if r.law else "")
                                      for r in cat.forum_roles if r.kind == "member" and r.expected and wanted(r)]
    if rid == "VER-001":
        out = [f"{lab['amend']}:"] + [f"  {a.part}: {a.act} ({a.change}; {a.footnote}. lábjegyzet)"
                                      for a in cat.amendments]
        if cat.repealed:
            out.append(f"{lab['repeal']}: {_date(cat.repealed.date)} ({cat.repealed.by})")
        return out
    return []


def rule_table(catalog: Catalog | None = None) -> str:
    """The README's rule table (Markdown): every rule with its severity and source sentence."""
    cat = catalog or load_catalog()
    rows = ["| Rule | Severity | Sheet | What it checks | Source | The sentence of the text (or what it says) |",
            "|---|---|---|---|---|---|"]
    for r in RULES.values():
        b = cat.rule_by_id[r.id]
        words = f"„{b.quote}”" if b.quote else f"*{b.summary}*"
        source = f"{cat.source_by_id[b.source].short}, {b.ref}"
        cells = [f"`{r.id}`", Severity(b.severity).label("hu"), AREA_SHEETS.get(r.area, r.area),
                 f"{title(r.id)} ({title(r.id, 'en')})", source, words]
        rows.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(rows) + "\n"


TABLE_START = "<!-- rule table: generated from the catalog (python -m hep_xl.validate.explain README.md) -->"
TABLE_END = "<!-- end of rule table -->"


def with_rule_table(readme: str) -> str:
    """``readme`` with the text between the rule-table markers replaced by :func:`rule_table`."""
    head, rest = readme.split(TABLE_START, 1)
    _, tail = rest.split(TABLE_END, 1)
    return f"{head}{TABLE_START}\n{rule_table()}{TABLE_END}{tail}"


if __name__ == "__main__":  # python -m hep_xl.validate.explain README.md: refresh the README's table
    import sys
    from pathlib import Path

    target = Path(sys.argv[1])
    target.write_text(with_rule_table(target.read_text(encoding="utf-8")), encoding="utf-8")
