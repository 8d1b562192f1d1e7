"""hep-xl new: generate a blank HEP workbook for a settlement."""

from __future__ import annotations

from pathlib import Path

MAX_HISTORY_YEARS = 30


def register(sub) -> None:
    p = sub.add_parser("new", help="új, üres HEP-munkafüzet létrehozása")
    p.add_argument("--settlement", required=True, help="a település neve")
    p.add_argument("--ksh-code", required=True, help="KSH településazonosító törzsszám (5 számjegy)")
    p.add_argument("--start-year", required=True, type=int, help="a program első éve")
    p.add_argument("--history-years", type=int, default=5,
                   help="hány lezárt év adatai kerüljenek az 1. mellékletbe (legalább 5)")
    p.add_argument("--catalog-version", default=None)
    p.add_argument("-o", "--output", required=True, help="kimeneti fájl (.xlsx vagy .xlsm)")
    p.add_argument("--force", action="store_true", help="meglévő fájl felülírása")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..catalog import CatalogError, load_catalog
    from ..cli import UserError
    from ..workbook.build import build_new

    try:
        cat = load_catalog(args.catalog_version) if args.catalog_version else None
    except CatalogError as exc:
        raise UserError(str(exc)) from None
    minimum = cat.min_history_years if cat else 5
    if args.history_years < minimum:
        raise UserError(f"--history-years legalább {minimum} legyen (a rendelet legalább 5 éves idősort kér)")
    if not 2000 <= args.start_year <= 2100:
        raise UserError("--start-year: 2000 és 2100 közötti év legyen")
    if args.history_years > MAX_HISTORY_YEARS:
        raise UserError(f"--history-years legfeljebb {MAX_HISTORY_YEARS} lehet")
    out = Path(args.output)
    if out.suffix.lower() not in (".xlsx", ".xlsm"):
        raise UserError(f"{out}: a kimenet .xlsx vagy .xlsm fájl legyen")
    if out.exists() and not args.force:
        raise UserError(f"{out}: a fájl már létezik (egy kitöltött munkafüzet is lehet); "
                        "felülírás: --force")
    build_new(out, settlement=args.settlement.strip(), ksh_code=args.ksh_code.strip(),
              start_year=args.start_year, history_years=args.history_years,
              catalog_version=args.catalog_version)
    print(f"elkészült: {out}")
    return 0
