"""Generate the sample TeIR / KSH data exports of Példafalva (KSH 10898) from the sample's Annex 1 values.

Three files, shaped the way a clerk downloads them, that together fill every non-derived series of
the workbook (2, 4, the rates of 8 and the ratios of 28/29 are computed by ``hep-xl fill``):

* ``teir_nepesseg_hosszu.csv`` — long form (one value per line), UTF-8, comma separated, decimal
  point, with the catalog ID of each series: population and demography (1 with 2019 for the change
  of 2020, 3, 5, 6, 7, the 15–64 population of 8); census series have ".." in other years;
* ``ksh_munkaugy_oktatas_szeles.csv`` — wide form (one column per year), Windows-1250, semicolon
  separated, decimal commas, space thousands separators, title rows above and footnotes below, names
  only (jobseekers 8–15, census education shares 16, education and child protection 17–37 with the
  28/29 numerators and denominators by TeIR code, library holdings 39, housing stock 42);
* ``teir_ellatasok_szeles.xlsx`` — wide XLSX, indicator and sub-indicator columns, names as KSH
  tables carry them, several with the õ/û mojibake ("részesülõ", "nyugdíjszerû"): 38, 40, 41,
  43–62.

and, for the second version of the sample (after the first review, :mod:`hep_xl.sample.review`):

* ``teir_lakasallomany_2027.csv`` — the corrected download of the revised series (housing stock
  2023–2024), long form like the first.

Run after the sample values change (a test checks the committed files are up to date)::

    python -m hep_xl.sample.exports.make_exports
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

from ...catalog import load_catalog
from ...derive import derivations
from ...model import NO_DATA

HERE = Path(__file__).resolve().parent
LONG_CSV = HERE / "teir_nepesseg_hosszu.csv"
WIDE_CSV = HERE / "ksh_munkaugy_oktatas_szeles.csv"
WIDE_XLSX = HERE / "teir_ellatasok_szeles.xlsx"
REVISION_CSV = HERE / "teir_lakasallomany_2027.csv"
SETTLEMENT, KSH_CODE = "Példafalva", "10898"  # fictional: passes the check digit, no settlement has it
# what the decree defines from other data is not in an export: hep-xl fill computes it
DERIVED = tuple(d.target for d in derivations(load_catalog()))
LONG_INDICATORS = (1, 3, 5, 6, 7, 8)
WIDE_CSV_INDICATORS = tuple(range(8, 38)) + (39, 42)
XLSX_INDICATORS = (38, 40, 41) + tuple(range(43, 63))
UNITS = {"count": "fő", "signed_count": "fő", "percent": "%", "percent_open": "%", "index": "",
         "rate_per_1000": "‰"}


def sample_values() -> tuple[list[int], dict[str, dict[int, object]], int]:
    """(years, series id -> year -> value, resident population of the year before the first)."""
    from .. import generate_indicators as gen

    data = gen.compute()
    return list(gen.YEARS), {sid: d["values"] for sid, d in data.items()}, gen.RESIDENT[gen.YEARS[0] - 1]


def mojibake(text: str) -> str:
    """ő/ű as a Latin-1 code page shows Latin-2 bytes (what some KSH tables carry)."""
    return text.translate(str.maketrans({"ő": "õ", "Ő": "Õ", "ű": "û", "Ű": "Û"}))


def _rows_for(numbers, *, exclude_roles=()) -> list:
    cat = load_catalog()
    out = []
    for n in numbers:
        ind = cat.indicator_by_number[n]
        for s in ind.rows:
            if s.id in DERIVED or s.role in exclude_roles:
                continue
            out.append((ind, s))
    return out


def _hu_number(v) -> str:
    if v is NO_DATA:
        return ".."
    if isinstance(v, int):
        return f"{v:,}".replace(",", " ")
    return f"{v:,}".replace(",", " ").replace(".", ",")


def render_long_csv() -> str:
    years, values, resident_before = sample_values()
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["Területi egység", "KSH kód", "Mutató azonosító", "Mutató", "Mértékegység", "Év", "Érték"])
    for ind, s in _rows_for(LONG_INDICATORS):
        if s.indicator_number == 8 and "population" not in s.id:
            continue  # the jobseekers come from the NFSZ table (wide CSV)
        name = s.name if len(ind.series) == 1 and s.role == "series" else f"{ind.name} – {s.name}"
        series_years = ([years[0] - 1] if s.id == "resident_population" else []) + years
        for y in series_years:
            v = resident_before if y < years[0] else values[s.id][y]
            w.writerow([SETTLEMENT, KSH_CODE, s.id, name, UNITS[s.kind], y, ".." if v is NO_DATA else v])
    return buf.getvalue()


def render_revision_csv() -> str:
    """The series the first review revised, downloaded again (long form, as the first download)."""
    from ..review import revised_download_rows

    series = load_catalog().series_by_id
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["Területi egység", "KSH kód", "Mutató azonosító", "Mutató", "Mértékegység", "Év", "Érték"])
    for sid, year, value in revised_download_rows():
        w.writerow([SETTLEMENT, KSH_CODE, sid, series[sid].name, series[sid].unit, year, value])
    return buf.getvalue()


def render_wide_csv() -> str:
    years, values, _ = sample_values()
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow([f"Munkaügyi, oktatási és gyermekvédelmi adatok – {SETTLEMENT} ({KSH_CODE})"])
    w.writerow([f"Lekérdezés: TeIR / KSH, {years[0]}–{years[-1]}"])
    w.writerow([])
    w.writerow(["Megnevezés", *(f"{y}. év" for y in years)])
    for _ind, s in _rows_for(WIDE_CSV_INDICATORS):
        if s.indicator_number == 8 and "population" in s.id:
            continue  # the 15–64 population is in the TeIR population table
        name = s.name
        code = re.search(r"\((\d{5}-\d-\d{2})\)", name)
        if code:  # TeIR labels the kindergarten data by their code first: "80111-5-01 Óvodai…"
            name = f"{code.group(1)} {name[:code.start()].strip()}"
        w.writerow([name, *(_hu_number(values[s.id][y]) for y in years)])
    w.writerow([])
    w.writerow(["Forrás: TeIR – NFSZ, KIR-STAT, KSH TSTAR."])
    w.writerow(["Jelmagyarázat: .. = az adat nem ismeretes."])
    return buf.getvalue()


def write_xlsx(path: Path) -> None:
    import xlsxwriter

    years, values, _ = sample_values()
    wb = xlsxwriter.Workbook(str(path))
    wb.set_properties({"title": "TeIR adatletöltés", "author": "TeIR", "created": dt.datetime(2025, 1, 15)})
    ws = wb.add_worksheet("Adatok")
    bold = wb.add_format({"bold": True})
    ws.write_string(0, 0, mojibake("Szociális, egészségügyi és kulturális ellátások – Példafalva"), bold)
    headers = ["Mutató", "Részmutató", "Mértékegység", *years]
    for c, h in enumerate(headers):
        ws.write(2, c, h, bold)
    r = 3
    for i, (ind, s) in enumerate(_rows_for(XLSX_INDICATORS)):
        name = ind.name
        sub = s.name if len(ind.series) > 1 else ""
        if i % 2 == 0:  # every other row as a KSH table with the Latin-1 mix-up shows it
            name, sub = mojibake(name), mojibake(sub)
        ws.write_string(r, 0, name)
        ws.write_string(r, 1, sub)
        ws.write_string(r, 2, mojibake(UNITS[s.kind]) if i % 2 == 0 else UNITS[s.kind])
        for c, y in enumerate(years, start=3):
            v = values[s.id][y]
            if v is NO_DATA:
                ws.write_string(r, c, "..")
            else:
                ws.write_number(r, c, v)
        r += 1
    ws.write_string(r + 1, 0, "Forrás: TeIR – KSH TSTAR, NYUFIG, NEAK")
    ws.set_column(0, 1, 60)
    wb.close()


def write_all(folder: Path = HERE) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    long_p, wide_p, xlsx_p = (folder / p.name for p in (LONG_CSV, WIDE_CSV, WIDE_XLSX))
    long_p.write_bytes(render_long_csv().encode("utf-8"))
    wide_p.write_bytes(render_wide_csv().encode("cp1250"))
    write_xlsx(xlsx_p)
    revision_p = folder / REVISION_CSV.name
    revision_p.write_bytes(render_revision_csv().encode("utf-8"))
    return [long_p, wide_p, xlsx_p, revision_p]


def export_paths() -> list[Path]:
    """The downloads that fill the adopted programme's Annex 1."""
    return [LONG_CSV, WIDE_CSV, WIDE_XLSX]


def revision_paths() -> list[Path]:
    """The downloads of the first review (the second version of the sample)."""
    return [REVISION_CSV]


if __name__ == "__main__":
    for p in write_all():
        print(f"{p} kiírva")
