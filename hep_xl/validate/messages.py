"""Message templates, Hungarian and English, one entry per rule ID.

Each entry: the rule's short title (for the rule table in the README) and the message template.
Templates are ``str.format`` strings over the finding's params plus ``{value}`` (the offending value
as the clerk sees it). Where it helps, a message shows an example of an accepted value.
"""

from __future__ import annotations

import datetime as dt

from ..model import NO_DATA, NO_DATA_LABEL

# rule id -> {"hu": (title, message), "en": (title, message)}
TEXTS: dict[str, dict[str, tuple[str, str]]] = {
    "READ-001": {
        "hu": ("Nem értelmezhető érték",
               "A beírt érték („{value}”) nem értelmezhető: {problem}. Javítsa a cellát."),
        "en": ("Unreadable value",
               "The value typed here (\"{value}\") cannot be read: {problem}. Correct the cell."),
    },
    "SET-001": {
        "hu": ("Hiányzó kötelező településadat",
               "Hiányzik: {label}. Töltse ki ({example})."),
        "en": ("Required settlement field missing", "Missing: {label}. Fill it in ({example})."),
    },
    "SET-002": {
        "hu": ("Hibás formájú KSH-kód",
               "A KSH településazonosító törzsszám („{value}”) nem öt számjegyből áll. Példa: 12344."),
        "en": ("Malformed KSH code",
               "The KSH settlement code (\"{value}\") is not five digits. Example: 12344."),
    },
    "SET-003": {
        "hu": ("Hibás KSH ellenőrző szám",
               "A KSH-kód („{value}”) ellenőrző száma (utolsó számjegye) nem stimmel: az első négy "
               "számjegyhez {expected} tartozna ({example}). Ellenőrizze a kódot a KSH helységnévtárában."),
        "en": ("Wrong KSH check digit",
               "The check digit (last digit) of the KSH code (\"{value}\") is wrong: the first four digits "
               "give {expected} ({example}). Check the code in the KSH gazetteer."),
    },
    "SET-004": {
        "hu": ("A programidőszak nem öt év",
               "A program öt évre szól: {start} kezdő évhez {expected} záró év tartozik (most: {value})."),
        "en": ("Programme period is not five years",
               "The programme covers five years: start year {start} needs end year {expected} (now: {value})."),
    },
    "SET-005": {
        "hu": ("Két évnél ritkább felülvizsgálat",
               "A(z) {index}. felülvizsgálat ({value}) több mint {years} évvel követi az előzőt "
               "({previous_kind}: {previous}); legkésőbb {latest} kellene."),
        "en": ("Review interval longer than two years",
               "Review {index} ({value}) is more than {years} years after the previous date ({previous}); "
               "it is due by {latest}."),
    },
    "SET-006": {
        "hu": ("Elfogadási adat még nincs kitöltve",
               "Még üres: {label}. A képviselő-testületi döntés után töltse ki ({example})."),
        "en": ("Adoption data not filled yet",
               "Still empty: {label}. Fill it in after the council's decision ({example})."),
    },
    "IND-001": {
        "hu": ("Hiányzó mutatóérték",
               "{number}. mutató – {name}: hiányzik az érték ({years}). Írja be a számot, vagy ha nincs "
               "adat, írja be: „nincs adat”, és a Megjegyzés oszlopban indokolja."),
        "en": ("Indicator value missing",
               "Indicator {number} – {name}: value missing ({years}). Enter the number, or \"nincs adat\" "
               "with an explanation in the note column."),
    },
    "IND-002": {
        "hu": ("„nincs adat” indoklás nélkül",
               "{number}. mutató – {name}: „nincs adat” szerepel ({years}), de a Megjegyzés üres. "
               "Írja le, miért hiányzik az adat (pl. „a KSH nem közöl településsoros adatot”)."),
        "en": ("\"No data\" without a note",
               "Indicator {number} – {name}: \"nincs adat\" ({years}) but the note is empty. Explain "
               "why the data is missing."),
    },
    "IND-003": {
        "hu": ("Adathiány (a helyzetelemzésben bemutatandó)",
               "{number}. mutató – {name}: nincs adat ({years}); indoklás: {note}. Az adathiányt a "
               "helyzetelemzésben (2.3) is mutassa be."),
        "en": ("Data gap (to be shown in the situation analysis)",
               "Indicator {number} – {name}: no data ({years}); note: {note}. Show the gap in the "
               "situation analysis (2.3) too."),
    },
    "IND-004": {
        "hu": ("Kevesebb mint öt év adatoszlop",
               "Az 1. melléklet legalább {minimum} egymást követő év adatait kéri az utolsó lezárt évvel "
               "bezárólag; hiányzó évoszlopok: {lacking}. Készítsen új munkafüzetet (hep-xl new)."),
        "en": ("Fewer than five year columns",
               "Annex 1 needs at least {minimum} consecutive years ending with the last closed year; "
               "missing year columns: {lacking}."),
    },
    "IND-010": {
        "hu": ("Darabszám negatív vagy nem egész",
               "{number}. mutató – {name}, {year}: a(z) {shown} érték nem lehet darabszám; nem negatív "
               "egész számot írjon (pl. 1234)."),
        "en": ("Count is not a non-negative whole number",
               "Indicator {number} – {name}, {year}: {shown} is not a count; enter a non-negative whole "
               "number (e.g. 1234)."),
    },
    "IND-011": {
        "hu": ("Egész szám helyett tört",
               "{number}. mutató – {name}, {year}: a(z) {shown} érték nem egész szám (pl. -12 vagy 8)."),
        "en": ("Not a whole number",
               "Indicator {number} – {name}, {year}: {shown} is not a whole number (e.g. -12 or 8)."),
    },
    "IND-012": {
        "hu": ("Százalék a 0–100 tartományon kívül",
               "{number}. mutató – {name}, {year}: {shown} nem lehet százalék; 0 és 100 közötti "
               "számot írjon (pl. 48,5)."),
        "en": ("Percentage outside 0–100",
               "Indicator {number} – {name}, {year}: {shown} is not a percentage between 0 and 100 (e.g. 48.5)."),
    },
    "IND-013": {
        "hu": ("Negatív arány vagy index",
               "{number}. mutató – {name}, {year}: a(z) {shown} érték nem lehet negatív."),
        "en": ("Negative ratio or index",
               "Indicator {number} – {name}, {year}: {shown} cannot be negative."),
    },
    "IND-014": {
        "hu": ("A férfiak és nők aránya nem 100%",
               "{year}: a férfiak ({male}%) és a nők ({female}%) aránya együtt {total}%, nem 100% "
               "(eltérés legfeljebb {tolerance} százalékpont lehet). Valószínűleg elírás."),
        "en": ("Male and female shares do not add up to 100%",
               "{year}: male ({male}%) and female ({female}%) shares add up to {total}%, not 100% "
               "(tolerance {tolerance} points). Probably a typo."),
    },
    "IND-015": {
        "hu": ("A korcsoportok aránya nem 100%",
               "{year}: a 3. mutató korcsoportos arányai (0–14, 15–17, 18–59, 60–64, 65+ évesek, "
               "nemenként) együtt {total}%, nem 100% (tűrés {tolerance} százalékpont)."),
        "en": ("Age-group shares do not add up to 100%",
               "{year}: the age-group shares of indicator 3 add up to {total}%, not 100% "
               "(tolerance {tolerance} points)."),
    },
    "IND-020": {
        "hu": ("A lakónépesség változása nem egyezik az 1. mutatóval",
               "{year}: a 2. mutató értéke {shown}, de az 1. mutatóból {population} / {previous} × 100 = "
               "{expected}. Javítsa valamelyik értéket."),
        "en": ("Population change disagrees with indicator 1",
               "{year}: indicator 2 is {shown} but indicator 1 gives {population} / {previous} × 100 = "
               "{expected}."),
    },
    "IND-021": {
        "hu": ("Az öregedési index nem egyezik a korcsoportos adatokkal",
               "{year}: az öregedési index {shown}, de a 3. mutató arányaiból (65+ / 0–14 × 100) "
               "{expected} adódik."),
        "en": ("Ageing index disagrees with the age-group data",
               "{year}: the ageing index is {shown} but the shares of indicator 3 give {expected}."),
    },
    "IND-022": {
        "hu": ("Az arány nem egyezik a számlálóval és nevezővel",
               "{number}. mutató – {name}, {year}: {shown}, de {numerator} / {denominator} × 100 = "
               "{expected}."),
        "en": ("Ratio disagrees with numerator and denominator",
               "Indicator {number} – {name}, {year}: {shown}, but {numerator} / {denominator} × 100 = "
               "{expected}."),
    },
    "IND-023": {
        "hu": ("A mutató nem egyezik az alapadatával (100 − …)",
               "{number}. mutató – {name}, {year}: {shown}, de 100 − {base} = {expected}."),
        "en": ("Share disagrees with its complement (100 − …)",
               "Indicator {number} – {name}, {year}: {shown}, but 100 − {base} = {expected}."),
    },
    "IND-030": {
        "hu": ("Gyanús ugrás az előző évhez képest",
               "{number}. mutató – {name}, {year}: {shown}, az előző évben {previous} (több mint "
               "{factor}-szoros változás). Ellenőrizze, nem elírás-e."),
        "en": ("Suspicious year-on-year jump",
               "Indicator {number} – {name}, {year}: {shown}, previous year {previous} (more than "
               "{factor}× change). Check for a typo."),
    },
    "CHK-001": {
        "hu": ("Hiányzó állapot",
               "{item} („{text}”): nincs megadva állapot. Válasszon: kész, folyamatban, nincs elkezdve, "
               "nem releváns."),
        "en": ("Status missing", "{item}: no status. Choose one from the list."),
    },
    "CHK-002": {
        "hu": ("Ismeretlen állapot",
               "{item}: a(z) „{value}” állapot nem választható; lehetséges: {allowed}."),
        "en": ("Unknown status", "{item}: status \"{value}\" is not allowed; allowed: {allowed}."),
    },
    "CHK-003": {
        "hu": ("Hiányzó kifejtés",
               "{item} („{text}”): a Kifejtés oszlop üres. Írja le a helyzetet, vagy ha a pont nem "
               "vonatkozik a településre, válassza a „nem releváns” állapotot indoklással."),
        "en": ("Narrative missing",
               "{item}: the narrative is empty. Describe the situation, or mark it \"nem releváns\" "
               "with a reason."),
    },
    "CHK-004": {
        "hu": ("„nem releváns” indoklás nélkül",
               "{item}: „{status}” állapotnál a Kifejtés oszlopban írja le az indokot "
               "(pl. „a településen nincs óvoda”)."),
        "en": ("\"Not relevant\" without a reason",
               "{item}: with status \"{status}\" the narrative must give the reason."),
    },
    "CHK-005": {
        "hu": ("Befejezetlen tartalmi elem",
               "{item}: az állapot „{value}”; a benyújtás előtt fejezze be („{done}”)."),
        "en": ("Unfinished item", "{item}: status is \"{value}\"; finish it (\"{done}\") before submission."),
    },
    "CHK-010": {
        "hu": ("A következtetések nem neveznek meg problémát",
               "{group}. célcsoport ({group_name}): a(z) {section} Következtetések pontjához nincs "
               "feltárt probléma. Vegye fel a Következtetések lapon (pl. {group}-1)."),
        "en": ("Conclusions name no problem",
               "Target group {group}: section {section} (conclusions) has no identified problem. "
               "Add one on the Következtetések sheet (e.g. {group}-1)."),
    },
    "PRB-001": {
        "hu": ("Problémának nincs azonosítója",
               "A(z) „{title}” problémának nincs azonosítója; adjon egyedit (pl. {example})."),
        "en": ("Problem without id", "Problem \"{title}\" has no id; give a unique one (e.g. {example})."),
    },
    "PRB-002": {
        "hu": ("Ismétlődő problémaazonosító",
               "A(z) „{value}” azonosító már szerepel a táblázat {first}. sorában; az azonosító legyen egyedi."),
        "en": ("Duplicate problem id", "Id \"{value}\" already appears in row {first} of the table."),
    },
    "PRB-003": {
        "hu": ("Érvénytelen célcsoport",
               "A(z) {problem} probléma célcsoportja („{value}”) nem választható; lehetséges: {allowed}."),
        "en": ("Invalid target group", "Problem {problem}: target group \"{value}\" is not one of {allowed}."),
    },
    "PRB-004": {
        "hu": ("Probléma megnevezése hiányzik",
               "A(z) {problem} problémának nincs megnevezése; írja le röviden a feltárt problémát."),
        "en": ("Problem title missing", "Problem {problem} has no title."),
    },
    "ACT-001": {
        "hu": ("Üres oszlop az intézkedésben",
               "A(z) {measure} intézkedés „{column}” oszlopa üres; a 3. melléklet minden oszlopát ki kell "
               "tölteni."),
        "en": ("Measure column empty", "Measure {measure}: column \"{column}\" is empty."),
    },
    "ACT-002": {
        "hu": ("Intézkedés sorszáma hiányzik",
               "A(z) {measure} intézkedésnek nincs sorszáma (pl. {example})."),
        "en": ("Measure number missing", "Measure {measure} has no number (e.g. {example})."),
    },
    "ACT-003": {
        "hu": ("Ismeretlen problémára hivatkozik",
               "A(z) {measure} intézkedés B oszlopa olyan problémát nevez meg („{unknown}”), amely nem "
               "szerepel a Következtetések lapon. Válasszon azonosítót a listából (pl. {known})."),
        "en": ("Refers to an unknown problem",
               "Measure {measure}: column B names \"{unknown}\", which is not an identified problem "
               "(known: {known})."),
    },
    "ACT-004": {
        "hu": ("Más célcsoport problémájára hivatkozik",
               "A(z) {measure} intézkedés ({group}. célcsoport) a(z) {problem} problémára hivatkozik, "
               "amely a(z) {problem_group}. célcsoporthoz tartozik."),
        "en": ("Refers to another target group's problem",
               "Measure {measure} (group {group}) refers to problem {problem} of group {problem_group}."),
    },
    "ACT-005": {
        "hu": ("Kezeletlen probléma",
               "A(z) {problem} („{title}”) problémára nincs intézkedés. Vegyen fel intézkedést, vagy írja "
               "be a halasztás indokát."),
        "en": ("Problem not addressed",
               "Problem {problem} (\"{title}\") has no measure. Add one or give the reason for deferral."),
    },
    "ACT-006": {
        "hu": ("Célcsoport intézkedés nélkül",
               "A(z) {group}. célcsoporthoz ({group_name}) nincs intézkedés; mind az öt célcsoporthoz "
               "legalább egy kell."),
        "en": ("Target group without a measure",
               "Target group {group} ({group_name}) has no measure; each of the five needs at least one."),
    },
    "ACT-007": {
        "hu": ("A határidő nem dátum",
               "A(z) {measure} intézkedés határideje („{value}”) nem dátum. Írjon dátumot, pl. "
               "2027.06.30 vagy 2027. június 30."),
        "en": ("Deadline is not a date",
               "Measure {measure}: deadline \"{value}\" is not a date (e.g. 2027.06.30 or 2027. június 30.)."),
    },
    "ACT-008": {
        "hu": ("A határidő a programidőszakon kívül esik",
               "A(z) {measure} intézkedés határideje ({date}) nem esik a program időszakába "
               "({start}–{end})."),
        "en": ("Deadline outside the programme period",
               "Measure {measure}: deadline {date} is outside the programme period ({start}–{end})."),
    },
    "ACT-009": {
        "hu": ("Nincs megnevezve a felelős",
               "A(z) {measure} intézkedésnek nincs felelőse; nevezze meg (pl. „polgármester”, "
               "„intézményvezető”)."),
        "en": ("No responsible party", "Measure {measure} has no responsible party."),
    },
    "ACT-010": {
        "hu": ("Nem mérhető indikátor",
               "A(z) {measure} intézkedés indikátora („{value}”) nem mérhető. Adjon meg mérhető "
               "eredményt (pl. „20 fő vesz részt a képzésen”)."),
        "en": ("Indicator not measurable",
               "Measure {measure}: indicator \"{value}\" is not measurable (e.g. \"20 people trained\")."),
    },
    "ACT-011": {
        "hu": ("Ismétlődő intézkedés-sorszám",
               "A(z) {value}. sorszám kétszer szerepel a célcsoport intézkedései között."),
        "en": ("Duplicate measure number", "Number {value} appears twice in the target group."),
    },
    "FOR-001": {
        "hu": ("Hiányzó kötelező Fórum-tag",
               "A Fórum tagjai között nincs: {role}. Vegye fel a tagok táblázatába (Szerep oszlop)."),
        "en": ("Required Forum member missing", "The Forum members do not include: {role}."),
    },
    "FOR-002": {
        "hu": ("Két évnél ritkább Fórum-ülés",
               "Ez az ülés ({value}) több mint {years} évvel követi az előzőt ({previous}); a Fórum "
               "legalább {years} évente ülésezik."),
        "en": ("Forum meetings more than two years apart",
               "This meeting ({value}) is more than {years} years after the previous one ({previous})."),
    },
    "FOR-003": {
        "hu": ("Nincs rögzített Fórum-ülés",
               "Az Ülések táblázat üres; a Fórum legalább {years} évente ülésezik, jegyzőkönyvvel."),
        "en": ("No Forum meeting recorded", "The meetings table is empty."),
    },
    "FOR-004": {
        "hu": ("Ülés jegyzőkönyv nélkül",
               "A(z) {date} ülésnél nincs jegyzőkönyv megadva; írja be az iktatószámot vagy a hivatkozást."),
        "en": ("Meeting without minutes", "Meeting {date} has no minutes reference."),
    },
    "FOR-005": {
        "hu": ("Ülés dátum nélkül", "Az ülések táblázat {row}. ülésénél nincs dátum (pl. 2024.03.15)."),
        "en": ("Meeting without date", "Meeting {row} has no date (e.g. 2024.03.15)."),
    },
    "FOR-006": {
        "hu": ("Nincsenek munkacsoportok",
               "{population} fős településen ({threshold} fő felett) a Fórum munkacsoportokat működtet; "
               "a Munkacsoportok táblázat üres."),
        "en": ("No working groups",
               "A settlement of {population} (over {threshold}) runs Forum working groups; the table is empty."),
    },
}


def shown(value) -> str:
    if value is None:
        return ""
    if value is NO_DATA:
        return NO_DATA_LABEL
    if isinstance(value, (dt.date, dt.datetime)):
        return value.strftime("%Y.%m.%d.")
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)


class _Params(dict):
    def __missing__(self, key):  # a template never crashes on a missing parameter
        return "?"


def render(finding, lang: str = "hu") -> str:
    texts = TEXTS.get(finding.rule_id, {})
    entry = texts.get(lang) or texts.get("hu")
    if entry is None:
        return f"{finding.rule_id}: {shown(finding.value)}"
    params = _Params({k: shown(v) if not isinstance(v, str) else v for k, v in finding.params.items()})
    params.setdefault("value", shown(finding.value))
    params.setdefault("field", finding.field)
    return entry[1].format_map(params).replace(" ()", "")


def title(rule_id: str, lang: str = "hu") -> str:
    texts = TEXTS.get(rule_id, {})
    return (texts.get(lang) or texts.get("hu") or ("", ""))[0]
