"""hep-xl catalog: print the decree catalog (JSON for tools, a table for people)."""

from __future__ import annotations

import json
import sys


def register(sub) -> None:
    p = sub.add_parser("catalog", help="a rendelet katalógusa (mutatók, tartalmi elemek, oszlopok, célcsoportok)")
    p.add_argument("--format", choices=("json", "table"), default="table")
    p.add_argument("--catalog-version", default=None, help="katalógusváltozat (alapértelmezés: a legújabb)")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..catalog import DEFAULT_VERSION, SERIES_ROLE_LABELS, CatalogError, load_catalog
    from ..cli import UserError

    try:
        cat = load_catalog(args.catalog_version or DEFAULT_VERSION)
    except CatalogError as exc:
        raise UserError(str(exc)) from None
    out = sys.stdout
    if args.format == "json":
        json.dump(cat.to_dict(), out, ensure_ascii=False, indent=1)
        out.write("\n")
        return 0
    out.write(f"{cat.title}\nKatalógusváltozat: {cat.version}\n\n")
    out.write(f"1. melléklet – {len(cat.indicators)} mutató, {len(cat.series_rows)} adatsor\n")
    for ind in cat.indicators:
        out.write(f"  {ind.number:>2}. {ind.name} [{ind.frequency}; {ind.unit or 'fő'}] ({ind.id})\n")
        if len(ind.rows) > 1:
            for s in ind.rows:
                tag = "" if s.role == "series" else f" ({SERIES_ROLE_LABELS[s.role]})"
                out.write(f"        - {s.name}{tag} [{s.unit}] ({s.id})\n")
    out.write(f"\n2. melléklet – {cat.checklist_title}: {len(cat.checklist_items)} tartalmi elem\n")
    for ch in cat.chapters:
        out.write(f"  {ch.number}. {ch.title} ({len(ch.items)} elem)\n")
    out.write(f"\n3. melléklet – {cat.action_plan_title}\n")
    for c in cat.columns:
        out.write(f"  {c.label}\n")
    out.write("\nCélcsoportok\n")
    for g in cat.target_groups:
        out.write(f"  {g.id}. {g.name} (következtetések: {g.conclusions_section})\n")
    out.write(f"\n{cat.forum_title}: {sum(r.kind == 'member' for r in cat.forum_roles)} tagi szerep, "
              f"{sum(r.kind == 'invitee' for r in cat.forum_roles)} állandó meghívott\n")
    return 0
