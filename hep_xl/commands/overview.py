"""hep-xl overview INPUT... -o DIR [--reference-date DATE] [--jobs N] [--force]: many settlements at a glance."""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("overview", help="áttekintés sok település programjáról (HTML-oldalak és attekintes.xlsx)",
                       description="Munkafüzetek (fájlok vagy mappák, rekurzívan .xlsx/.xlsm) áttekintése egy "
                                   "mappába: index.html (rendezhető, szűrhető összesítő táblázat), egy oldal "
                                   "településenként, a fő mutatók összehasonlítása, és ugyanez attekintes.xlsx "
                                   "néven. Böngészőben, hálózat nélkül is működik (pl. pendrive-ról). "
                                   "Telepítés: pip install \"hep_xl[overview]\".")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="munkafüzet vagy mappa")
    p.add_argument("-o", "--out", required=True, metavar="DIR", help="a kimeneti mappa")
    p.add_argument("--reference-date", metavar="DÁTUM", default=None,
                   help="viszonyítási nap a lejárt határidőkhöz, pl. 2026-06-30 vagy 2026.06.30 "
                        "(alapértelmezés: a mai nap)")
    p.add_argument("--jobs", type=int, default=None, help="párhuzamos folyamatok száma (alapértelmezés: "
                                                          "minden processzormag)")
    p.add_argument("--force", action="store_true",
                   help="a kimeneti mappa nem a hep-xl overview által készített index.html, osszehasonlitas.html, "
                        "attekintes.xlsx fájljának, telepulesek és assets mappájának felülírása (egy korábbi "
                        "áttekintést e nélkül is frissít)")
    p.set_defaults(func=run)


def run(args) -> int:
    import sys

    from ..cli import EXIT_FINDINGS, UserError
    from ..overview import OverviewUnavailable, build_overview
    from ..overview.build import foreign_outputs
    from ..values import ValueProblem, parse_date_text

    reference = None
    if args.reference_date:
        try:
            reference = parse_date_text(args.reference_date)
        except ValueProblem:
            raise UserError(f"--reference-date: nem dátum: „{args.reference_date}” (pl. 2026-06-30)") from None
    if args.jobs is not None and args.jobs < 1:
        raise UserError("--jobs legalább 1 legyen")
    foreign = foreign_outputs(args.out)
    if foreign and not args.force:
        raise UserError(f"{foreign[0]}: a mappában már van ilyen nevű fájl, amelyet nem a hep-xl overview "
                        "készített (egy honlap vagy saját anyag is lehet); felülírás: --force")
    try:
        result = build_overview(args.inputs, args.out, reference_date=reference, jobs=args.jobs)
    except OverviewUnavailable as exc:
        raise UserError(str(exc)) from None
    if not result.entries and not result.unreadable:
        raise UserError("nincs bemeneti munkafüzet (.xlsx/.xlsm) a megadott helyeken")
    out = sys.stdout
    if result.unreadable:
        out.write("\nNem olvasható fájlok:\n")
        for u in result.unreadable:
            out.write(f"  {u.source}: {u.reason}\n")
    if not result.entries:
        raise UserError("egyik bemenet sem olvasható HEP-munkafüzet; áttekintés nem készült")
    out.write(f"\n{len(result.entries)} település" + (f", {len(result.unreadable)} nem olvasható fájl"
                                                       if result.unreadable else "") + "\n")
    for path in result.files:
        out.write(f"elkészült: {path}\n")
    return EXIT_FINDINGS if result.unreadable else 0
