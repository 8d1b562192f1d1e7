"""The guide sheet (Útmutató): a numbered workflow, the colour legend, the ribbon's buttons, the sheets.

The workflow names, for each step, the sheet, the HEP ribbon's button (in a macro-enabled file:
:class:`hep_xl.workbook.writer.WriteOptions` carries the ribbon's groups and buttons) and the
command that does the same from the command line.
"""

from __future__ import annotations

from ..catalog import Catalog
from ..model import NO_DATA_LABEL, STATUS_NOT_RELEVANT
from . import layout as L
from .a1 import sheet_ref
from .words import every, letters

# the steps of the guide sheet: (what to do, the sheet, the ribbon button id, the command line)
WORKFLOW = (
    ("Töltse ki a település és a program alapadatait (KSH-kód, időszak, kapcsolattartó).", "settlement", "",
     ""),
    ("Töltse ki az 1. melléklet mutatóit a TeIR/KSH-ból letöltött fájlokból: tegye a letöltéseket a "
     "munkafüzet melletti „adatok” mappába. A program a beírt értékeket nem írja felül, a számított "
     "mutatókat (pl. öregedési index) maga számolja.", "indicators", "hepFill",
     "hep-xl fill munkafüzet.xlsx letöltés.csv"),
    ("Ellenőrizze a munkafüzetet: a megállapítások az „{report}” lapra kerülnek, hivatkozással a cellára; "
     "a hibás cellák pirosak, a figyelmeztetések sárgák. Az „{overview}” lap a teljességet mutatja.",
     "report", "hepValidate", "hep-xl validate --write-back munkafüzet.xlsx"),
    ("Írja meg a helyzetelemzést: tartalmi elemenként az állapot, a kifejtés és az adathiányok. A "
     "célcsoportok Következtetések pontjában feltárt problémákat vegye fel egyedi azonosítóval.",
     "checklist", "", ""),
    ("Írja meg az intézkedési tervet célcsoportonként ({letters} oszlop), és vezesse a HEP Fórum tagjait, "
     "üléseit és munkacsoportjait. Írja meg a dokumentum keretszövegeit (Bevezetés, Célok, Megvalósítás …) a "
     "„{frame}” lapon.", "action_plan", "", ""),
    ("Ellenőrizze újra, amíg hiba nem marad.", "report", "hepValidate",
     "hep-xl validate --write-back munkafüzet.xlsx"),
    ("Exportálja a programot: Word-dokumentum a képviselő-testület elé, JSON-fájl az archívumnak.",
     "overview", "hepExportWord", "hep-xl export docx munkafüzet.xlsx"),
)


def write_guide(ws, f, cat: Catalog, ribbon: tuple[tuple[str, str, str, str], ...]) -> None:
    """Write the guide into ``ws`` (a :class:`hep_xl.workbook.cells.Sheet`) with the formats ``f``."""
    s = L.SHEETS
    ws.set_column(0, 0, 5)
    ws.set_column(1, 1, 86)
    ws.hide_gridlines(2)
    buttons = {b_id: (group, label) for group, b_id, label, _ in ribbon}
    row = 0
    ws.write_string(row, 0, "Helyi Esélyegyenlőségi Program (HEP) – munkafüzet", f.title)
    row += 1
    ws.write_string(row, 1, f"Jogszabályi alap: {cat.title}. {cat.note}", f.text)
    row += 2

    ws.write_string(row, 0, "Munkamenet", f.subtitle)
    row += 1
    for n, (what, sheet, button, command) in enumerate(WORKFLOW, start=1):
        text = what.format(report=s.report, overview=s.overview, frame=s.frame, letters=letters(cat.columns))
        how = [f"Munkalap: {getattr(s, sheet)}."]
        if button in buttons:
            group, label = buttons[button]
            how.append(f"Gomb: HEP szalagfül › {group} › {label}.")
        if command:
            how.append(f"Parancssorból: {command}")
        ws.write_string(row, 0, f"{n}.", f.bold)
        ws.write_string(row, 1, f"{text}\n" + " ".join(how), f.text)
        row += 1
    row += 1

    ws.write_string(row, 0, "Színek és jelölések", f.subtitle)
    row += 1
    legend = [
        ({"bg_color": L.INPUT_FILL, "border": 1}, "", "kitöltendő cella (a lapvédelem alatt is írható)"),
        ({"bg_color": L.LABEL_FILL, "border": 1}, "", "felirat, a rendelet szövege: zárolt (a lapvédelem "
                                                      "jelszó nélkül feloldható)"),
        ({"bg_color": L.INPUT_FILL, "border": 1, "border_color": L.REQUIRED_BORDER}, "",
         "narancs keret: kötelező, még üres cella (kitöltéskor eltűnik)"),
        ({"bg_color": L.ERROR_FILL, "border": 1}, "", "az ellenőrzés hibát talált a cellában (a javítás után a "
                                                      "következő ellenőrzés visszaállítja)"),
        ({"bg_color": L.WARNING_FILL, "border": 1}, "", "az ellenőrzés figyelmeztetése"),
        ({"bg_color": L.INPUT_FILL, "border": 1, "font_color": L.NO_DATA_FONT, "italic": True}, "abc",
         f"„{NO_DATA_LABEL}”: az adat nem érhető el (a Megjegyzés oszlopban indokolja)"),
    ]
    for props, sample, meaning in legend:
        ws.write_string(row, 0, sample, f.swatch(props)) if sample else ws.write_blank(row, 0, None,
                                                                                      f.swatch(props))
        ws.write_string(row, 1, meaning, f.text)
        row += 1
    ws.write_string(row, 1, "Beírás közben a cella melletti súgó mondja meg, mi kerül a cellába; a mutatók "
                            "nevénél a megjegyzés (piros sarok) a rendelet teljes szövegét adja.", f.text)
    row += 2

    ws.write_string(row, 0, "A HEP szalagfül", f.subtitle)
    row += 1
    if ribbon:
        for group, _, label, what in ribbon:
            ws.write_string(row, 1, f"{group} › {label}: {what}", f.text)
            row += 1
    else:
        ws.write_string(row, 1, "A gombok a makróbarát (.xlsm) munkafüzet „HEP” szalagfülén vannak "
                                "(hep-xl new … -o munkafüzet.xlsm, majd hep-xl install); ebben az .xlsx "
                                "munkafüzetben a fenti parancsok végzik ugyanezt.", f.text)
        row += 1
    row += 1

    ws.write_string(row, 0, "Munkalapok", f.subtitle)
    row += 1
    sheets = [
        (s.overview, "a teljesség mellékletenként, a megállapítások száma munkalaponként és a "
                     "helyzetelemzés ábrái (az ellenőrzés tölti ki)."),
        (s.settlement, "a település és a program alapadatai."),
        (s.indicators, "az 1. melléklet statisztikai mutatói, soronként egy (rész)mutató, oszloponként egy "
                       f"év (legalább {cat.min_history_years} éves idősor). Hiányzó adatnál írja be: "
                       f"„{NO_DATA_LABEL}”, és a Megjegyzés oszlopban indokolja. Tizedesvessző és szóköz "
                       "ezres tagolás megengedett."),
        (s.checklist, "a 2. melléklet tartalmi elemei; mindegyikhez állapot, kifejtés és az adathiányok. "
                      f"„{STATUS_NOT_RELEVANT}” állapotnál a Kifejtés oszlopban az indok szerepeljen."),
        (s.conclusions, "célcsoportonként a feltárt problémák, egyedi azonosítóval (pl. I-1, II-3). Az "
                        "intézkedési terv ezekre hivatkozik."),
        (s.action_plan, f"a 3. melléklet szerinti intézkedések célcsoportonként ({letters(cat.columns)} "
                        f"oszlopok); a(z) {cat.column_of('problem_reference').letter} oszlopban a "
                        "probléma azonosítóját válassza a listából."),
        (s.forum, "a HEP Fórum tagjai és állandó meghívottai (a javasolt összetétel a Szerep listában)."),
        (s.forum_meetings, f"a Fórum ülései: legalább {every(cat.forum_rules.meeting_interval_years)}, "
                           "a felülvizsgálatok és az elfogadás előtt, jegyzőkönyvvel."),
        (s.forum_groups, "a Fórum munkacsoportjai (legalább "
                         f"{every(cat.forum_rules.working_group_report_interval_years)} beszámolnak)."),
        (s.frame, "a Word-dokumentum keretszövegei (Bevezetés, A település bemutatása, Célok, Jövőképünk, "
                  "Megvalósítás …) és a kibocsátó önkormányzat neve; a táblázatok és az összegzések a többi "
                  "lapról készülnek."),
        (s.report, "az ellenőrzés eredménye, megállapításonként egy sor."),
    ]
    for name, text in sheets:
        ws.write_url(row, 0, f"internal:{sheet_ref(name)}!A1", f.link, "→")
        ws.write_string(row, 1, f"{name}: {text}", f.text)
        row += 1
    row += 1
    ws.write_string(row, 0, "Célcsoportok", f.subtitle)
    row += 1
    for g in cat.target_groups:
        ws.write_string(row, 0, f"{g.id}.", f.bold)
        ws.write_string(row, 1, g.name, f.text)
        row += 1
