"""Where things live in a HEP workbook: sheet names, Excel table names, column headers, defined names.

The writer lays the workbook out from these definitions and the reader finds data through them
(by table and defined name, never by fixed cell position). Decree content (indicator names,
checklist texts, column headings) comes from the catalog; only our own labels are here.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import model
from ..catalog import Catalog

TEMPLATE_VERSION = "1"
KNOWN_TEMPLATE_VERSIONS = ("1",)


@dataclass(frozen=True)
class Sheets:
    instructions: str = "Útmutató"
    settlement: str = "Településadatok"
    indicators: str = "1. Mutatók"
    checklist: str = "2. Helyzetelemzés"
    conclusions: str = "Következtetések"
    action_plan: str = "3. Intézkedési terv"
    forum: str = "HEP Fórum"
    report: str = "Ellenőrzés"
    meta: str = "_hep_meta"


SHEETS = Sheets()

# -- settlement data: one defined name per field ------------------------------------------------


@dataclass(frozen=True)
class SettlementField:
    field: str  # attribute of model.Settlement (review dates: "review_dates", index given)
    label: str
    defined_name: str
    kind: str  # "text" | "int" | "year" | "date" | "ksh_code"
    help: str = ""
    index: int | None = None  # for list fields (review dates)


SETTLEMENT_FIELDS: tuple[SettlementField, ...] = (
    SettlementField("name", "Település neve", "hep_settlement_name", "text", "pl. Kisháza"),
    SettlementField("ksh_code", "KSH településazonosító törzsszám", "hep_ksh_code", "ksh_code",
                    "öt számjegy, az utolsó az ellenőrző szám, pl. 12345"),
    SettlementField("county", "Vármegye", "hep_county", "text", "pl. Borsod-Abaúj-Zemplén"),
    SettlementField("population", "Lakónépesség (fő)", "hep_population", "int"),
    SettlementField("period_start", "A program időszakának kezdő éve", "hep_period_start", "year"),
    SettlementField("period_end", "A program időszakának záró éve", "hep_period_end", "year",
                    "öt évre szóló program: kezdő év + 4"),
    SettlementField("adoption_date", "Elfogadás dátuma", "hep_adoption_date", "date",
                    "pl. 2024.02.28"),
    SettlementField("resolution_number", "Képviselő-testületi határozat száma",
                    "hep_resolution_number", "text", "pl. 12/2024. (II. 28.) Kt. határozat"),
    SettlementField("review_dates", "1. felülvizsgálat dátuma", "hep_review_date_1", "date",
                    "legfeljebb két évvel az elfogadás után", 0),
    SettlementField("review_dates", "2. felülvizsgálat dátuma", "hep_review_date_2", "date",
                    "legfeljebb két évvel az előző felülvizsgálat után", 1),
    SettlementField("author_name", "Készítő / kapcsolattartó neve", "hep_author_name", "text"),
    SettlementField("author_email", "Kapcsolattartó e-mail címe", "hep_author_email", "text"),
    SettlementField("author_phone", "Kapcsolattartó telefonszáma", "hep_author_phone", "text"),
)

# -- tables ---------------------------------------------------------------------------------------

INDICATORS_TABLE = "Mutatok"
CHECKLIST_TABLE = "Helyzetelemzes"
PROBLEMS_TABLE = "Problemak"
MEMBERS_TABLE = "ForumTagok"
MEETINGS_TABLE = "ForumUlesek"
WORKING_GROUPS_TABLE = "Munkacsoportok"


def measures_table(group_id: str) -> str:
    return f"Intezkedesek_{group_id}"


# Indicators table: fixed columns before and after the year columns. Keys are what the reader
# and writer use; headers are what the clerk sees.
IND_ID, IND_NUMBER, IND_NAME, IND_SERIES, IND_ROLE, IND_UNIT, IND_FREQ, IND_DECREE_SOURCE = (
    "Azonosító", "Sorszám", "Mutató", "Részmutató", "Típus", "Mértékegység", "Gyakoriság",
    "Forrás (rendelet szerint)",
)
IND_SOURCE, IND_RETRIEVED, IND_NOTE = "Adatforrás", "Lekérés dátuma", "Megjegyzés"
IND_LEFT = (IND_ID, IND_NUMBER, IND_NAME, IND_SERIES, IND_ROLE, IND_UNIT, IND_FREQ)
IND_RIGHT = (IND_SOURCE, IND_RETRIEVED, IND_NOTE, IND_DECREE_SOURCE)
ROLE_LABELS = {"series": "mutató", "numerator": "számláló", "denominator": "nevező",
               "complement": "alapadat"}

CHK_ID, CHK_CHAPTER, CHK_TEXT, CHK_STATUS, CHK_NARRATIVE, CHK_GAPS = (
    "Azonosító", "Fejezet", "Tartalmi elem (2. melléklet)", "Állapot", "Kifejtés", "Adathiányok",
)
CHECKLIST_STATUSES = model.CHECKLIST_STATUSES
STATUS_NOT_RELEVANT = "nem releváns"
STATUS_DONE = "kész"

# (model attribute, header) pairs for the simple record tables
PROBLEM_COLUMNS = (
    ("problem_id", "Azonosító"),
    ("target_group", "Célcsoport (I–V)"),
    ("title", "Feltárt probléma megnevezése"),
    ("opportunity", "Fejlesztési lehetőség"),
    ("deferral_reason", "Halasztás indoka (ha nincs hozzá intézkedés)"),
)
MEMBER_COLUMNS = (
    ("name", "Név"),
    ("role", "Szerep a Fórumban"),
    ("organisation", "Szervezet"),
    ("responsible_area", "Felelős beavatkozási terület"),
)
MEETING_COLUMNS = (
    ("date", "Ülés dátuma"),
    ("attendees", "Jelenlévők"),
    ("minutes_ref", "Jegyzőkönyv (iktatószám vagy hivatkozás)"),
    ("agenda", "Napirend, döntések"),
)
WORKING_GROUP_COLUMNS = (
    ("name", "Munkacsoport neve"),
    ("leader", "Vezető"),
    ("target_group", "Célcsoport (I–V)"),
    ("last_report", "Utolsó beszámoló dátuma"),
)
DATE_FIELDS = frozenset({"date", "last_report", "deadline", "adoption_date"})

# How many empty rows a blank table offers (tables grow when a model has more)
BLANK_ROWS = {"problems": 25, "measures": 6, "members": 20, "meetings": 8, "working_groups": 6}

# Meta sheet keys (column A) and the hidden lists (other columns)
META_KEYS = ("template_version", "catalog_version", "generator", "history_years")
LIST_STATUSES = "hep_list_statuses"
LIST_GROUPS = "hep_list_groups"
LIST_ROLES = "hep_list_roles"
LIST_PROBLEM_IDS = "hep_list_problem_ids"

# Cell fills: input cells (the clerk types here) and labels (locked); the validator's highlights
# restore these when a finding is fixed
INPUT_FILL = "#FFFDE7"
LABEL_FILL = "#F2F2F2"

REPORT_HEADERS = ("Súlyosság", "Szabály", "Munkalap", "Cella", "Mező", "Érték", "Üzenet")


def indicator_headers(years: list[int]) -> list[str]:
    return [*IND_LEFT, *(str(y) for y in years), *IND_RIGHT]


def measure_headers(catalog: Catalog) -> list[str]:
    return [c.label for c in catalog.columns]


def default_years(start_year: int, history_years: int) -> list[int]:
    """The Annex 1 year columns: the ``history_years`` closed years before the programme starts."""
    return list(range(start_year - history_years, start_year))
