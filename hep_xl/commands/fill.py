"""hep-xl fill: fill the Annex 1 indicators of a workbook from TeIR / KSH data exports."""

from __future__ import annotations

from pathlib import Path


def register(sub) -> None:
    from ..catalog import load_catalog

    derived = ", ".join(str(i.number) for i in load_catalog().indicators if i.derivation is not None)
    p = sub.add_parser(
        "fill", help="az 1. melléklet mutatóinak kitöltése TeIR/KSH adatletöltésekből (CSV, XLSX)",
        description="Beolvassa a TeIR/KSH adatletöltéseket (CSV vagy XLSX, hosszú vagy széles formátum), "
                    "beírja az értékeket a munkafüzet „1. Mutatók” lapjára, kiszámítja a származtatott "
                    f"mutatókat ({derived}), és minden kitöltött sorhoz feljegyzi a forrást. "
                    "A kézzel beírt, eltérő értékeket nem írja felül (csak --overwrite esetén).")
    p.add_argument("workbook", metavar="MUNKAFÜZET", help="a HEP-munkafüzet (.xlsx vagy .xlsm)")
    p.add_argument("datafiles", metavar="ADATFÁJL", nargs="+", help="TeIR/KSH adatletöltés (.csv, .xlsx)")
    p.add_argument("--overwrite", action="store_true",
                   help="a munkafüzetben már szereplő, eltérő értékeket is felülírja")
    p.add_argument("--dry-run", action="store_true",
                   help="csak kiírja, mi változna; a munkafüzetet nem módosítja")
    p.add_argument("-v", "--verbose", action="store_true", help="minden beírt értéket kiír")
    p.add_argument("--retrieved", metavar="DÁTUM",
                   help="az adatok letöltésének napja a „Lekérés dátuma” oszlopba (pl. 2025.01.15; "
                        "alapértelmezés: a kitöltés napja)")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..cli import EXIT_FINDINGS, EXIT_OK, UserError
    from ..fill import apply_to_file, format_value, plan_fill
    from ..workbook.reader import read_workbook

    wb = Path(args.workbook)
    if wb.suffix.lower() not in (".xlsx", ".xlsm"):
        raise UserError(f"{wb}: a munkafüzet .xlsx vagy .xlsm fájl legyen")
    files = [Path(f) for f in args.datafiles]
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        raise UserError(f"nem található adatfájl: {', '.join(missing)}")
    if any(f.resolve() == wb.resolve() for f in files if wb.exists()):
        raise UserError(f"{wb}: a munkafüzet nem lehet egyben adatfájl is")
    retrieved = None
    if args.retrieved:
        from ..values import ValueProblem, parse_date_text

        try:
            retrieved = parse_date_text(args.retrieved)
        except ValueProblem:
            raise UserError(f"--retrieved: „{args.retrieved}” nem dátum (pl. 2025.01.15)") from None
    result = read_workbook(wb)
    plan = plan_fill(result, [(f, f.name) for f in files], overwrite=args.overwrite, today=retrieved)
    if not args.dry_run:
        apply_to_file(wb, plan)

    def where(ref) -> str:
        return str(ref) if ref is not None else "?"

    if args.dry_run or args.verbose:
        head = "Változna:" if args.dry_run else "Beírva:"
        if plan.changes:
            print(head)
        for ch in plan.changes:
            old = "" if ch.old is None else f"{format_value(ch.old)} → "
            print(f"  {where(ch.cell)}  {ch.series_id} {ch.year}: {old}{format_value(ch.new)}  [{ch.provenance}]")
    if plan.conflicts:
        print("Ütközések (a munkafüzet értéke maradt; felülírás: --overwrite):")
        for c in plan.conflicts:
            print(f"  {where(c.cell)}  {c.series_id} {c.year}: munkafüzetben {format_value(c.existing)}, "
                  f"forrásban {format_value(c.incoming)}  [{c.provenance}]")
    if plan.problems:
        print("Kihagyott adatok:")
        for pr in plan.problems:
            print(f"  {pr}")
    derived = len(plan.derived_changes)
    verb = "kerülne be" if args.dry_run else "került be"
    print(f"{wb.name}: {len(plan.changes)} érték {verb} ({len(plan.provenance)} mutatósor, ebből "
          f"{derived} számított érték); változatlan: {plan.unchanged}; ütközés: {len(plan.conflicts)}; "
          f"kihagyott adat: {len(plan.problems)}"
          + ("; a munkafüzet nem változott (--dry-run)" if args.dry_run else ""))
    return EXIT_FINDINGS if plan.has_findings else EXIT_OK
