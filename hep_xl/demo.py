"""``make demo``: the main job on the bundled sample settlement (Példafalva), end to end.

1. ``hep-xl new``: a blank workbook for the settlement;
2. the clerk's part of the sample (settlement data, situation analysis, conclusions, action plan,
   Fórum) written into it;
3. ``hep-xl fill``: Annex 1 filled from the bundled TeIR/KSH export files (the real path, with
   derived indicators and provenance);
4. ``hep-xl validate --write-back``: the validation report written into the workbook;
5. ``hep-xl export json`` and ``hep-xl export docx``: the schema-valid JSON and the Word document;
   ``hep-xl export report``: the implementation report of the sample's monitoring (2025–2026);
6. ``hep-xl convert``: the batch archiving run over the demo workbook (``archivum/`` with
   ``manifest.json`` and ``manifest.csv``);
7. the macro-enabled ``.xlsm`` with the HEP ribbon;
8. the second version after the first review (``peldafalva_2027.xlsx``: the review's changes, the
   revised series filled from its corrected download) and ``hep-xl review`` of the two versions into
   ``felulvizsgalat.docx`` and ``felulvizsgalat.json``;
9. prints a short summary.

The demo owns its output folder: run again, it replaces its own files (``--force``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from .cli import main as cli
from .excel.build import write_any
from .model import Hep
from .sample import build_sample_hep
from .sample.exports.make_exports import export_paths, revision_paths
from .sample.review import REVISED_RETRIEVED, apply_first_review
from .workbook.reader import read_workbook


def _without_indicators(hep: Hep) -> Hep:
    hep.indicators = {}
    return hep


def run(out_dir: Path) -> int:
    sys.stdout.reconfigure(line_buffering=True)  # keep our lines in order with the commands' stderr
    out_dir.mkdir(parents=True, exist_ok=True)
    st = build_sample_hep().settlement
    blank = out_dir / "peldafalva_ures.xlsx"
    workbook = out_dir / "peldafalva.xlsx"

    print(f"1. Üres munkafüzet: hep-xl new --settlement {st.name} --ksh-code {st.ksh_code} "
          f"--start-year {st.period_start}")
    if cli(["new", "--settlement", st.name, "--ksh-code", st.ksh_code, "--start-year", str(st.period_start),
            "-o", str(blank), "--force"]) != 0:
        return 1

    print("2. A minta kitöltése (településadatok, helyzetelemzés, következtetések, intézkedési terv, Fórum)")
    write_any(_without_indicators(build_sample_hep()), workbook)

    exports = export_paths()
    retrieved = min(s.retrieved for s in build_sample_hep().indicators.values())  # the sample's download day
    print("3. Mutatók kitöltése TeIR/KSH adatletöltésekből: hep-xl fill peldafalva.xlsx "
          + " ".join(p.name for p in exports) + f" --retrieved {retrieved.isoformat()}")
    if cli(["fill", str(workbook), *map(str, exports), "--retrieved", retrieved.isoformat()]) != 0:
        return 1

    print("4. Ellenőrzés: hep-xl validate --write-back peldafalva.xlsx")
    if cli(["validate", "--write-back", str(workbook)]) != 0:
        return 1

    print("5. Export: hep-xl export json / hep-xl export docx")
    for fmt in ("json", "docx"):
        if cli(["export", fmt, str(workbook), "-o", str(workbook.with_suffix(f".{fmt}")), "--force"]) != 0:
            return 1
    print("   Beszámoló a HEP IT megvalósulásáról: hep-xl export report peldafalva.xlsx")
    if cli(["export", "report", str(workbook), "--no-validate", "--force"]) != 0:
        return 1

    archive = out_dir / "archivum"
    print(f"6. Archiválás: hep-xl convert peldafalva.xlsx --out {archive.name} --to json,docx")
    if cli(["convert", str(workbook), "--out", str(archive), "--to", "json,docx", "--jobs", "1"]) != 0:
        return 1

    print("7. Makróbarát munkafüzet a HEP szalaggal: peldafalva.xlsm")
    write_any(read_workbook(workbook).hep, out_dir / "peldafalva.xlsm")

    reviewed = out_dir / "peldafalva_2027.xlsx"
    print("8. A felülvizsgált változat (2027) és az összevetés: hep-xl review peldafalva.xlsx peldafalva_2027.xlsx")
    write_any(apply_first_review(read_workbook(workbook).hep, revise_indicators=False), reviewed)
    if cli(["fill", str(reviewed), *map(str, revision_paths()), "--overwrite",
            "--retrieved", REVISED_RETRIEVED.isoformat()]) != 0:
        return 1
    for name in ("felulvizsgalat.docx", "felulvizsgalat.json"):
        if cli(["review", str(workbook), str(reviewed), "-o", str(out_dir / name), "--force"]) != 0:
            return 1

    result = read_workbook(workbook)
    hep = result.hep
    print("\nÖsszefoglaló")
    print(f"  Település:            {hep.settlement.name} (KSH {hep.settlement.ksh_code}), "
          f"{hep.settlement.period_start}–{hep.settlement.period_end}")
    print(f"  1. melléklet:         {len(hep.indicators)} adatsor, évek {hep.years[0]}–{hep.years[-1]}")
    print(f"  2. melléklet:         {len(hep.checklist)} tartalmi elem kifejtve")
    print(f"  Következtetések:      {len(hep.problems)} probléma")
    print(f"  3. melléklet:         {len(hep.measures)} intézkedés")
    print(f"  HEP Fórum:            {len(hep.forum.members)} tag, {len(hep.forum.meetings)} ülés")
    years = sorted({r.year for r in hep.progress if r.year is not None})
    print(f"  Megvalósítás:         {len(hep.progress)} sor"
          + (f", {years[0]}–{years[-1]}" if years else ""))
    print(f"\nKimenet: {out_dir}/")
    for p in sorted(out_dir.rglob("*")):
        if p.is_file():
            print(f"  {p.relative_to(out_dir)}")
    return 0


if __name__ == "__main__":
    sys.exit(run(Path(sys.argv[1] if len(sys.argv) > 1 else "demo-output")))
