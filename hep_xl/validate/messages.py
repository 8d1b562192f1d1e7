"""Message templates, Hungarian and English, one entry per rule ID.

Each entry: the rule's short title (for the rule table in the README) and the message template.
Templates are ``str.format`` strings over the finding's params plus ``{value}`` (the offending value
as the clerk sees it). Where it helps, a message shows an example of an accepted value.
"""

from __future__ import annotations

import datetime as dt

from ..model import NO_DATA, NO_DATA_LABEL

# rule id -> {"hu": (title, message), "en": (title, message)}
TEXTS: dict[str, dict[str, tuple[str, ...]]] = {  # (title, text[, text for an empty value])
    "READ-001": {
        "hu": ("Nem értelmezhető érték",
               "A beírt érték („{value}”) nem értelmezhető: {reason}. Javítsa a cellát."),
        "en": ("Unreadable value",
               "The value typed here (\"{value}\") cannot be read: {reason}. Correct the cell."),
    },
    "SET-001": {
        "hu": ("Hiányzó kötelező településadat",
               "Hiányzik: {label}. Töltse ki ({example})."),
        "en": ("Required settlement field missing", "Missing: {label}. Fill it in ({example})."),
    },
    "SET-002": {
        "hu": ("Hibás formájú KSH-kód",
               "A KSH településazonosító törzsszám („{value}”) nem öt számjegyből áll. "
               "Példa: 02307 (Kaba)."),
        "en": ("Malformed KSH code",
               "The KSH settlement code (\"{value}\") is not five digits. Example: 02307 (Kaba)."),
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
               "A program {years} évre szól: {start} kezdő évhez {expected} záró év tartozik (most: {value})."),
        "en": ("Programme period is not five years",
               "The programme covers {years} years: start year {start} needs end year {expected} (now: {value})."),
    },
    "SET-005": {
        "hu": ("Két évnél ritkább felülvizsgálat",
               "A(z) {index}. felülvizsgálat ({value}) több mint {years} évvel követi az előzőt "
               "({previous_kind}: {previous}); legkésőbb {latest} kellene."),
        "en": ("Review interval longer than two years",
               "Review {index} ({value}) is more than {years} years after the previous date ({previous}); "
               "it is due by {latest}."),
    },
    "SET-007": {
        "hu": ("Felülvizsgálat a programon kívül",
               "A(z) {index}. felülvizsgálat dátuma ({value}) {side} ({limit}) {relation} van; a felülvizsgálat "
               "az elfogadott program időszakában történik. Ellenőrizze a dátumot."),
        "en": ("Review outside the programme",
               "Review {index} ({value}) is dated outside the adopted programme (limit: {limit}). Check the date."),
    },
    "SET-008": {
        "hu": ("A felülvizsgálatok nem időrendben",
               "A(z) {index}. felülvizsgálat ({value}) korábbi, mint az előző ({previous}); írja a dátumokat "
               "időrendben."),
        "en": ("Reviews out of order",
               "Review {index} ({value}) is earlier than the one before it ({previous}); enter them in date order."),
    },
    "SET-009": {
        "hu": ("Esedékes felülvizsgálat nincs rögzítve",
               "{kind} ({value}) után {years} éven belül, legkésőbb {due} felülvizsgálat következik, de "
               "{today} napig nincs újabb felülvizsgálat beírva."),
        "en": ("Review overdue",
               "A review was due within {years} years of {value}, by {due}; none is recorded up to {today}"),
    },
    "SET-010": {
        "hu": ("A lakónépesség eltér az 1. mutatótól",
               "A Településadatok lakónépessége {value} fő, az {number}. mutató ({name}) {year}. évi értéke "
               "{annex1} fő ({where}). A kettő ugyanaz az adat: javítsa valamelyiket."),
        "en": ("Population differs from indicator 1",
               "The settlement sheet says {value}, indicator {number} says {annex1} for {year} ({where}). "
               "They are the same figure: correct one of them."),
    },
    "SET-011": {
        "hu": ("A településnév nem egyezik a KSH-kóddal",
               "A(z) {code} KSH-kód a {source} szerint {register_name} ({register_county}) kódja, nem "
               "„{value}”{also}. Javítsa a nevet vagy a kódot."),
        "en": ("Settlement name does not match the KSH code",
               "KSH code {code} is {register_name} ({register_county}) in the register ({source_en}), not "
               "\"{value}\". Correct the name or the code."),
    },
    "SET-012": {
        "hu": ("A vármegye nem egyezik a KSH-kóddal",
               "A(z) {code} kódú {register_name} a {source} szerint {register_county} vármegyében van, nem "
               "„{value}” vármegyében."),
        "en": ("County does not match the KSH code",
               "{register_name} ({code}) lies in {register_county} according to the register ({source_en}), "
               "not in \"{value}\"."),
    },
    "SET-013": {
        "hu": ("A KSH-kód nem szerepel a Helységnévtárban",
               "A(z) {value} kód ellenőrző száma helyes, de a kód nem szerepel a {source} adatai között. "
               "Ha a település 2018 után kapta, vagy kitalált (minta)település, nincs teendő; különben "
               "ellenőrizze a kódot."),
        "en": ("KSH code not in the register",
               "Code {value} has a valid check digit but is not in the register ({source_en}). Nothing to do "
               "for a settlement coded after 2018 or a fictional sample; otherwise check the code."),
    },
    "SET-014": {
        "hu": ("A település más KSH-kóddal szerepel",
               "A {source} szerint {register_name} ({register_county}) KSH-kódja {register_code}, nem {value}."),
        "en": ("Settlement registered under another code",
               "In the register ({source_en}) {register_name} ({register_county}) has code {register_code}, "
               "not {value}."),
    },
    "VER-001": {
        "hu": ("A program a rendelet hatályon kívül helyezése után kezdődik",
               "A program {value}-ben kezdődik, de a munkafüzet a(z) {title} szerint készül (katalógus: "
               "{version}, szövegállapot: {text_date}), amelyet a {by} {date} napjával hatályon kívül "
               "helyezett. Az új program tartalmára az új rendelet az irányadó."),
        "en": ("The programme starts after the rules were repealed",
               "The programme starts in {value}, but the workbook follows {title} (catalog {version}, text of "
               "{text_date}), repealed by {by} as of {date}. The new decree governs a new programme."),
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
               "helyzetelemzésben ({section}) is mutassa be."),
        "en": ("Data gap (to be shown in the situation analysis)",
               "Indicator {number} – {name}: no data ({years}); note: {note}. Show the gap in the "
               "situation analysis ({section}) too."),
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
               "{number}. mutató – {name}, {year}: a(z) {shown} érték nem lehet ez a darabszám. A darabszám "
               "nem negatív, és egész szám, ha egy időpontban vagy egy év alatt számolt (pl. 1234); csak az "
               "átlag (negyedéves adatok éves átlaga, „átlagos száma”) lehet tört (pl. 116,75)."),
        "en": ("Count is not a non-negative whole number",
               "Indicator {number} – {name}, {year}: {shown} cannot be this count. A count is not negative, "
               "and whole when counted at a date or over a year (e.g. 1234); only an average may be a "
               "fraction (e.g. 116.75)."),
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
               "{year}: a(z) {number}. mutató korcsoportos arányai (nemenként, {count} érték) együtt "
               "{total}%, nem {expected}% (tűrés {tolerance} százalékpont)."),
        "en": ("Age-group shares do not add up to 100%",
               "{year}: the {count} age-group shares of indicator {number} add up to {total}%, not "
               "{expected}% (tolerance {tolerance} points)."),
    },
    "IND-020": {
        "hu": ("A lakónépesség változása nem egyezik az 1. mutatóval",
               "{year}: a(z) {number}. mutató értéke {shown}, de a(z) {base_number}. mutatóból {population} / "
               "{previous} × 100 = {expected}. Javítsa valamelyik értéket."),
        "en": ("Population change disagrees with indicator 1",
               "{year}: indicator {number} is {shown} but indicator {base_number} gives {population} / "
               "{previous} × 100 = {expected}."),
    },
    "IND-021": {
        "hu": ("Az öregedési index nem egyezik a korcsoportos adatokkal",
               "{year}: az öregedési index {shown}, de a(z) {base_number}. mutató arányaiból {expected} "
               "adódik (számítás: {formula})."),
        "en": ("Ageing index disagrees with the age-group data",
               "{year}: the ageing index is {shown} but the shares of indicator {base_number} give {expected}."),
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
    "IND-040": {
        "hu": ("A rész nagyobb az egésznél",
               "{year}: {part_name} ({parts}. mutató) {sum}, több mint {whole_name} ({whole_number}. "
               "mutató{whole_at}): {whole} – {reason} ({ref}). Ellenőrizze mindkét értéket."),
        "en": ("A part exceeds its whole",
               "{year}: {part_name} (indicator {parts}) is {sum}, more than {whole_name} (indicator "
               "{whole_number}{whole_at}): {whole} ({ref}). Check both values."),
    },
    "IND-041": {
        "hu": ("A részek összege nem adja ki az egészet",
               "{year}: a(z) {parts}. mutató részei együtt {sum}, de {whole_name} ({whole_number}. "
               "mutató{whole_at}) {whole} – {reason} ({ref}). Ellenőrizze az értékeket."),
        "en": ("Parts do not add up to the total",
               "{year}: the parts of indicator {parts} add up to {sum}, but {whole_name} (indicator "
               "{whole_number}{whole_at}) is {whole} ({ref})."),
    },
    "IND-042": {
        "hu": ("A 15–17 évesek száma eltér a korcsoportos aránytól",
               "{year}: a(z) {parts}. mutató szerint {sum} fő, a(z) {whole_number}. mutató 15–17 éves aránya "
               "({share}%) és az állandó népesség ({whole}{whole_at}) szerint kb. {expected} – {reason} "
               "({ref}). Ellenőrizze az értékeket."),
        "en": ("15–17-year-olds disagree with the age-group share",
               "{year}: indicator {parts} gives {sum}, the 15–17 share ({share}%) of the permanent population "
               "({whole}{whole_at}) about {expected} ({ref})."),
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
    "CHK-006": {
        "hu": ("Példálózó alpont kitöltetlen",
               "{item} („{text}”) üres. A rendelet 3. lábjegyzete szerint a {section} pont alatti felsorolás "
               "példálózó: ezt az alpontot nem kötelező kifejteni, a {section} pontot igen."),
        "en": ("Illustrative point left blank",
               "{item} is empty. Footnote 3 of the decree makes the list under {section} illustrative: this "
               "point is optional, section {section} is not."),
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
               "A(z) {measure} intézkedés {column} oszlopa olyan problémát nevez meg („{unknown}”), amely nem "
               "szerepel a Következtetések lapon. Válasszon azonosítót a listából (pl. {known})."),
        "en": ("Refers to an unknown problem",
               "Measure {measure}: column {column} names \"{unknown}\", which is not an identified problem "
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
               "A(z) {group}. célcsoporthoz ({group_name}) nincs intézkedés; mind a(z) {count} célcsoporthoz "
               "legalább egy kell."),
        "en": ("Target group without a measure",
               "Target group {group} ({group_name}) has no measure; each of the {count} needs at least one."),
    },
    "ACT-007": {
        "hu": ("A határidő nem dátum",
               "A(z) {measure} intézkedés határideje („{value}”) nem dátum. Írjon dátumot, pl. "
               "2027.06.30 vagy 2027. június 30.",
               "A(z) {measure} intézkedés határideje hiányzik. Írjon dátumot, pl. 2027.06.30 vagy "
               "2027. június 30."),
        "en": ("Deadline is not a date",
               "Measure {measure}: deadline \"{value}\" is not a date (e.g. 2027.06.30 or 2027. június 30.).",
               "Measure {measure}: the deadline is missing (e.g. 2027.06.30 or 2027. június 30.)."),
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
               "eredményt (pl. „20 fő vesz részt a képzésen”).",
               "A(z) {measure} intézkedés indikátora hiányzik. Adjon meg mérhető eredményt (pl. „20 fő "
               "vesz részt a képzésen”)."),
        "en": ("Indicator not measurable",
               "Measure {measure}: indicator \"{value}\" is not measurable (e.g. \"20 people trained\").",
               "Measure {measure}: the indicator is missing (e.g. \"20 people trained\")."),
    },
    "ACT-011": {
        "hu": ("Ismétlődő intézkedés-sorszám",
               "A(z) {value}. sorszám kétszer szerepel a célcsoport intézkedései között."),
        "en": ("Duplicate measure number", "Number {value} appears twice in the target group."),
    },
    "DOC-001": {
        "hu": ("Hiányzó dokumentumrész",
               "„{part}”: a Word-dokumentum e részének szövege üres. {guidance}"),
        "en": ("Document part missing", "\"{part}\": the text of this part of the Word document is empty."),
    },
    "DOC-002": {
        "hu": ("Az intézkedés partnerei nincsenek megnevezve",
               "A(z) {measure} intézkedés Partnerek oszlopa üres; ha a felelős mellett más is részt vesz "
               "(intézmény, civil szervezet, vállalkozás), nevezze meg."),
        "en": ("Measure partners missing", "Measure {measure}: the partners column is empty."),
    },
    "DOC-003": {
        "hu": ("Az intézkedés kockázatai nincsenek megnevezve",
               "A(z) {measure} intézkedés Kockázatok oszlopa üres; írja le, mi veszélyeztetheti a "
               "megvalósítást (pl. a pályázati forrás elmaradása, a résztvevők bevonásának nehézsége)."),
        "en": ("Measure risks missing", "Measure {measure}: the risks column is empty."),
    },
    "DOC-004": {
        "hu": ("A kockázatok kezelése hiányzik",
               "A(z) {measure} intézkedéshez kockázat van megnevezve, de a csökkentésük eszközei nincsenek "
               "leírva."),
        "en": ("Risk mitigation missing", "Measure {measure}: risks are named but not how they are reduced."),
    },
    "FOR-001": {
        "hu": ("Hiányzik a javasolt összetétel egyik tagja",
               "A HEP Fórum javasolt összetétele szerint tag: {role}; a tagok között nincs. Vegye fel a tagok "
               "táblázatába (Szerep oszlop), vagy a jegyzőkönyvben indokolja az eltérést."),
        "en": ("A member of the recommended composition is missing",
               "The recommended composition of the HEP Forum includes: {role}; the members do not."),
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
        "hu": ("Munkacsoportok alakíthatók",
               "{population} fős településen ({threshold} fő felett) a Fórum tematikus munkacsoportokat "
               "alakíthat (nem kötelező); ha alakít, vegye fel őket a Munkacsoportok táblázatba."),
        "en": ("Working groups may be formed",
               "A settlement of {population} (over {threshold}) may form thematic Forum working groups "
               "(optional); list any in the working groups table."),
    },
    "FOR-007": {
        "hu": ("Jogszabály szerint kötelező Fórum-tag hiányzik",
               "A Fórum tagjai között nincs: {role}. {population} fős településen ({threshold} fő felett) a(z) "
               "{law} szerint Szociálpolitikai Kerekasztal működik; képviselőjét vegye fel a tagok közé."),
        "en": ("Forum member required by law missing",
               "The Forum members do not include: {role}. Above {threshold} inhabitants ({population}) {law} "
               "requires a social policy round table."),
    },
    "FOR-008": {
        "hu": ("Nincs a nemzetiségi önkormányzat vezetője a tagok között",
               "A {source} szerint {settlement} településen nemzetiségi önkormányzat működik ({governments}); "
               "a javasolt összetétel szerint tag: {role}. Vegye fel a tagok közé."),
        "en": ("Nationality self-government leader not a member",
               "According to the register ({source_en}) {settlement} has nationality self-governments "
               "({governments}); the recommended composition includes their leaders."),
    },
    "FOR-009": {
        "hu": ("A munkacsoport vezetője nem Fórum-tag",
               "A(z) „{group}” munkacsoport vezetője ({value}) nem szerepel a Fórum tagjai között; a "
               "munkacsoportok vezetői egyben a Fórum tagjai. Vegye fel a tagok közé (vagy javítsa a nevet)."),
        "en": ("Working group leader not a Forum member",
               "The leader of working group \"{group}\" ({value}) is not among the Forum members; working group "
               "leaders are members of the Forum."),
    },
    "FOR-010": {
        "hu": ("Esedékes munkacsoport-beszámoló",
               "A(z) „{group}” munkacsoport {since} óta nem számolt be a Fórumnak; legalább {years} évente "
               "beszámol, legkésőbb {due} kellett volna. Írja be az utolsó beszámoló dátumát."),
        "en": ("Working group report overdue",
               "Working group \"{group}\" has not reported to the Forum since {since}; it reports at least every "
               "{years} year(s), due by {due}."),
    },
    "FOR-011": {
        "hu": ("A beavatkozási terület felelőse nem Fórum-tag",
               "{name} ({role}) állandó meghívott, nem tag, mégis felelős: „{value}”. A Fórum a "
               "beavatkozási területek felelőseit a tagjai közül jelölheti ki."),
        "en": ("Responsible for an intervention area is not a member",
               "{name} ({role}) is a permanent invitee, not a member, yet responsible for \"{value}\"; the "
               "Forum designates them from its members."),
    },
    "FOR-012": {
        "hu": ("Nincs Fórum-ülés az elfogadás előtt",
               "{event} ({value}) előtti {months} hónapban nincs Fórum-ülés; a Fórum az új HEP elfogadása "
               "előtt ülésezik. Vegye fel az ülést az Ülések táblázatba."),
        "en": ("No Forum meeting before adoption",
               "No Forum meeting in the {months} months before adoption ({value}); the Forum meets before a "
               "new HEP is adopted."),
    },
    "FOR-013": {
        "hu": ("Nincs Fórum-ülés a felülvizsgálat előtt",
               "{event} ({value}) előtti {months} hónapban nincs Fórum-ülés; a Fórum a felülvizsgálatok "
               "előtt ülésezik. Vegye fel az ülést az Ülések táblázatba."),
        "en": ("No Forum meeting before a review",
               "No Forum meeting in the {months} months before the review ({value}); the Forum meets before "
               "each review."),
    },
    "FOR-014": {
        "hu": ("Két éve nincs Fórum-ülés",
               "Az utolsó Fórum-ülés {value} volt; a Fórum legalább {years} évente ülésezik, a következő "
               "legkésőbb {due} esedékes volt, de {today} napig nincs újabb ülés beírva."),
        "en": ("No Forum meeting for two years",
               "The last Forum meeting was on {value}; the Forum meets at least every {years} years, the next "
               "was due by {due} and none is recorded up to {today}"),
    },
    "MON-001": {
        "hu": ("Nincs rögzítve az évenkénti felülvizsgálat",
               "A(z) {year}. év beavatkozásainak felülvizsgálata nincs rögzítve: egyik Fórum-ülésnél sem áll {year} "
               "az „Áttekintett év” oszlopban (esedékes volt {due} napig). A Fórum feladata a beavatkozások "
               "évenkénti felülvizsgálata; írja be az ülést, amelyen az évet áttekintette."),
        "en": ("Yearly review not recorded",
               "The review of the interventions of {year} is not recorded: no Forum meeting names {year} as the "
               "year it reviewed (due by {due}). The Forum reviews the interventions every year."),
    },
    "MON-002": {
        "hu": ("Lejárt határidő állapot vagy indoklás nélkül",
               "A(z) {measure} intézkedés határideje ({deadline}) lejárt, de {status}, és a késés oka nincs "
               "leírva. Rögzítse a Megvalósítás lapon a(z) „{done}” állapotot, vagy írja le az okot a "
               "Megjegyzés oszlopban."),
        "en": ("Deadline passed without status or reason",
               "The deadline of measure {measure} ({deadline}) has passed, but it is not marked \"{done}\" and no "
               "reason is given. Record the status or the reason on the Megvalósítás sheet."),
    },
    "MON-003": {
        "hu": ("Módosítás a döntő Fórum-ülés nélkül",
               "A(z) {measure} intézkedés {year}. évi állapota „{status}”, de {problem}. A HEP IT változásait a "
               "Fórum készíti elő: írja be a módosításról döntő ülés dátumát (az Ülések táblázat egyik ülése)."),
        "en": ("Modification without the Forum meeting that decided it",
               "Measure {measure} is \"{status}\" in {year}, but {problem}. Enter the date of the Forum meeting "
               "that decided the change (one of the meetings table)."),
    },
    "MON-004": {
        "hu": ("Hiányzó munkacsoport-beszámoló",
               "A(z) „{group}” munkacsoport beszámolója hiányzik ezekről az évekről: {years} (az utolsó {due} "
               "napig volt esedékes). A munkacsoportok legalább évente beszámolnak a Fórumnak; vegye fel a "
               "beszámolót a munkacsoportok beszámolóinak táblázatába."),
        "en": ("Working group report missing for a year",
               "Working group \"{group}\" has no report for: {years}. Working groups report to the Forum at least "
               "every year."),
    },
    "MON-005": {
        "hu": ("Ismeretlen állapot vagy üléstípus",
               "{what} {problem}; választható: {allowed}."),
        "en": ("Unknown status or meeting type", "{what}: {problem}; allowed: {allowed}."),
    },
    "MON-006": {
        "hu": ("A sor nem az intézkedési terv intézkedéséről szól",
               "A Megvalósítás lap {measure} sora: {problem}. Ellenőrizze a célcsoportot, a sorszámot és az évet."),
        "en": ("Row about no measure of the action plan",
               "Row {measure} of the Megvalósítás sheet: {problem}. Check the target group, number and year."),
    },
    "TXT-001": {
        "hu": ("Nem archiválható karakter a szövegben",
               "A szöveg {position}. karaktere vezérlőkarakter ({code}), amelyet sem a JSON-, sem a "
               "Word-dokumentum nem tud megőrizni. Törölje a karaktert (gyakran másolással kerül a cellába)."),
        "en": ("Character that cannot be archived",
               "Character {position} of the text is a control character ({code}) that neither the JSON nor "
               "the Word document can keep. Delete it (it often comes in with copy and paste)."),
    },
    "TXT-002": {
        "hu": ("Túl hosszú szöveg",
               "A szöveg {length} karakter hosszú; egy Excel-cella legfeljebb {limit} karaktert tárol, a többi "
               "elveszne. Rövidítse a szöveget."),
        "en": ("Text too long",
               "The text is {length} characters long; an Excel cell holds at most {limit} characters and the "
               "rest would be lost. Shorten the text."),
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
    # a third text, where there is one, says it for an empty cell ("hiányzik", not "(„”) nem dátum")
    template = entry[2] if len(entry) > 2 and not params["value"].strip() else entry[1]
    return template.format_map(params).replace(" ()", "")


def title(rule_id: str, lang: str = "hu") -> str:
    texts = TEXTS.get(rule_id, {})
    return (texts.get(lang) or texts.get("hu") or ("", ""))[0]
