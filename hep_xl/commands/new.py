"""hep-xl new: generate a blank HEP workbook for a settlement, known by its KSH record.

The name alone (``--settlement Kaba``) or the code alone (``--ksh-code 02307``) is enough: the KSH
Helységnévtár 2018 (:mod:`hep_xl.register`) gives the rest. A code that is malformed or fails the
check digit, an empty name, a name the register does not know (with the closest names suggested) and
a name and a code of two different settlements are refused before anything is written. A settlement
the register does not list at all (a fictional sample) needs both, and is said to be unregistered.
"""

from __future__ import annotations

from pathlib import Path

MAX_HISTORY_YEARS = 30


def register(sub) -> None:
    p = sub.add_parser("new", help="új, üres HEP-munkafüzet létrehozása")
    p.add_argument("--settlement",
                   help="a település neve (a KSH-kódot és a vármegyét a Helységnévtárból veszi)")
    p.add_argument("--ksh-code", help="KSH településazonosító törzsszám (5 számjegy); a név nélkül is elég")
    p.add_argument("--start-year", type=int, default=None,
                   help="a program első éve (alapértelmezés: a következő év)")
    p.add_argument("--history-years", type=int, default=5,
                   help="hány lezárt év adatai kerüljenek az 1. mellékletbe (legalább 5)")
    p.add_argument("--catalog-version", default=None)
    p.add_argument("-o", "--output", required=True, help="kimeneti fájl (.xlsx vagy .xlsm)")
    p.add_argument("--force", action="store_true", help="meglévő fájl felülírása")
    p.set_defaults(func=run)


def _names(places) -> str:
    return ", ".join(f"{p.name} ({p.ksh_code}, {p.county_name})" for p in places)


def resolve(name: str | None, code: str | None):
    """(name, code, register entry or None) for the command line's settlement, or a UserError."""
    from .. import register as reg
    from ..cli import UserError
    from ..validate.ksh import check_digit, is_valid, is_well_formed

    if name is None and code is None:
        raise UserError("adja meg a települést: --settlement NÉV vagy --ksh-code KÓD (vagy mindkettőt)")
    if name is not None and not name.strip():
        raise UserError("--settlement: a település neve üres")
    if code is not None:
        code = code.strip()
        if not is_well_formed(code):
            raise UserError(f"--ksh-code: a KSH településazonosító törzsszám („{code}”) nem öt számjegy "
                            "(pl. 02307)")
        if not is_valid(code):
            right = code[:4] + str(check_digit(code[:4]))
            raise UserError(f"--ksh-code: a(z) {code} kód ellenőrző száma (utolsó számjegye) hibás: az első "
                            f"négy számjegyhez {right[-1]} tartozik ({right}); ellenőrizze a kódot a KSH "
                            "Helységnévtárában")
    by_code = reg.by_code(code) if code else None
    found = reg.find(name) if name is not None else None
    if by_code is not None:
        if found is not None and not reg.same_name(by_code, name):
            other = f"; {found.place.name} kódja {found.place.ksh_code}" if found.place else ""
            raise UserError(f"a(z) {code} kód a {reg.SOURCE} szerint {by_code.name} ({by_code.county_name}) "
                            f"kódja, nem „{name.strip()}”{other}")
        return by_code.name, code, by_code
    if found is not None and found.place is not None:
        place = found.place
        if code is not None:
            raise UserError(f"a {reg.SOURCE} szerint {place.name} ({place.county_name}) KSH-kódja "
                            f"{place.ksh_code}, nem {code}")
        return place.name, place.ksh_code, place
    if code is not None and name is None:
        raise UserError(f"--ksh-code: a(z) {code} kód nem szerepel a {reg.SOURCE} adatai között; "
                        "adja meg a település nevét is (--settlement)")
    if found.suggestions and code is None:
        raise UserError(f"--settlement: „{name.strip()}” nem egyértelmű vagy nem szerepel a {reg.SOURCE} "
                        f"adatai között; hasonló nevek: {_names(found.suggestions)}. Adja meg a pontos nevet "
                        "vagy a KSH-kódot (--ksh-code)")
    if code is None:
        raise UserError(f"--settlement: „{name.strip()}” nem szerepel a {reg.SOURCE} adatai között; "
                        "adja meg a KSH-kódját is (--ksh-code)")
    return name.strip(), code, None


def run(args) -> int:
    from .. import register as reg
    from ..catalog import CatalogError, load_catalog
    from ..cli import UserError
    from ..excel.build import write_any
    from ..files import writing
    from ..workbook.writer import blank_hep

    try:
        cat = load_catalog(args.catalog_version) if args.catalog_version else None
    except CatalogError as exc:
        raise UserError(str(exc)) from None
    minimum = cat.min_history_years if cat else 5
    if args.history_years < minimum:
        raise UserError(f"--history-years legalább {minimum} legyen (a rendelet legalább 5 éves idősort kér)")
    defaulted = args.start_year is None
    if defaulted:
        import datetime as dt

        args.start_year = dt.date.today().year + 1
    from ..model import MAX_YEAR, MIN_YEAR

    first, last = MIN_YEAR + args.history_years, MAX_YEAR - (cat or load_catalog()).programme.period_years + 1
    if not first <= args.start_year <= last:
        raise UserError(f"--start-year: {first} és {last} közötti év legyen (a program évei és a(z) "
                        f"{args.history_years} előző év is {MIN_YEAR} és {MAX_YEAR} közé essen)")
    if args.history_years > MAX_HISTORY_YEARS:
        raise UserError(f"--history-years legfeljebb {MAX_HISTORY_YEARS} lehet")
    name, code, place = resolve(args.settlement, args.ksh_code)
    out = Path(args.output)
    if out.suffix.lower() not in (".xlsx", ".xlsm"):
        raise UserError(f"{out}: a kimenet .xlsx vagy .xlsm fájl legyen")
    if out.is_dir():
        raise UserError(f"{out}: ez egy mappa; adjon meg fájlnevet")
    if out.exists() and not args.force:
        raise UserError(f"{out}: a fájl már létezik (egy kitöltött munkafüzet is lehet); "
                        "felülírás: --force")
    hep = blank_hep(name, code, args.start_year, args.history_years, args.catalog_version)
    if place is not None:
        hep.settlement.county = place.county_name
    with writing(out):
        write_any(hep, out)
    print(f"elkészült: {out}")
    if defaulted:
        years = hep.settlement.period_end - hep.settlement.period_start + 1
        print(f"  programidőszak: {hep.settlement.period_start}–{hep.settlement.period_end} ({years} év; "
              "más kezdő év: --start-year)")
    if place is None:
        print(f"  {name} (KSH {code}) nem szerepel a {reg.SOURCE} adatai között; a vármegyét írja be kézzel.")
        return 0
    print(f"  {place.describe()}")
    if place.nationality_self_governments:
        print(f"  helyi nemzetiségi önkormányzat: {', '.join(place.nationality_self_governments)} "
              f"({reg.SOURCE}) – vezetője a HEP Fórum javasolt összetétele szerint tag")
    print("  A Településadatok lakónépességét az 1. mutató utolsó évéből töltse ki (a Helységnévtár "
          "2018-as adata nem aktuális).")
    return 0
