"""Where things live in a HEP workbook: sheet names, Excel table names, column headers, defined names.

The writer lays the workbook out from these definitions and the reader finds data through them
(by table and defined name, never by fixed cell position). Decree content (indicator names,
checklist texts, column headings) comes from the catalog; only our own labels are here.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import model
from ..catalog import SERIES_ROLE_LABELS, Catalog

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
    frame: str = "Bevezetés és megvalósítás"
    report: str = "Ellenőrzés"
    meta: str = "_hep_meta"


SHEETS = Sheets()

# -- settlement data: one defined name per field ------------------------------------------------


@dataclass(frozen=True)
class SettlementField:
    """Where a model.Settlement field lives: its defined name (and, for a list, which item)."""

    field: str  # attribute of model.Settlement (review dates: "review_dates", index given)
    defined_name: str
    index: int | None = None  # for list fields (review dates)
    item_label: str = ""  # for a list item: its own label and help (the model's cover plain fields)
    item_help: str = ""

    @property
    def info(self) -> model.FieldInfo:
        return model.field_info(model.Settlement, self.field)

    @property
    def kind(self) -> str:
        return self.info.kind

    @property
    def help(self) -> str:
        return self.item_help or self.info.help

    @property
    def label(self) -> str:
        return self.item_label or self.info.label


SETTLEMENT_FIELDS: tuple[SettlementField, ...] = (
    SettlementField("name", "hep_settlement_name"),
    SettlementField("ksh_code", "hep_ksh_code"),
    SettlementField("county", "hep_county"),
    SettlementField("population", "hep_population"),
    SettlementField("period_start", "hep_period_start"),
    SettlementField("period_end", "hep_period_end"),
    SettlementField("adoption_date", "hep_adoption_date"),
    SettlementField("resolution_number", "hep_resolution_number"),
    SettlementField("review_dates", "hep_review_date_1", 0, "1. felülvizsgálat dátuma",
                    "legfeljebb két évvel az elfogadás után"),
    SettlementField("review_dates", "hep_review_date_2", 1, "2. felülvizsgálat dátuma",
                    "legfeljebb két évvel az előző felülvizsgálat után"),
    SettlementField("author_name", "hep_author_name"),
    SettlementField("author_email", "hep_author_email"),
    SettlementField("author_phone", "hep_author_phone"),
)
REVIEW_DATE_CELLS = sum(fd.index is not None for fd in SETTLEMENT_FIELDS)

# -- tables ---------------------------------------------------------------------------------------

INDICATORS_TABLE = "Mutatok"
CHECKLIST_TABLE = "Helyzetelemzes"
PROBLEMS_TABLE = "Problemak"
MEMBERS_TABLE = "ForumTagok"
MEETINGS_TABLE = "ForumUlesek"
WORKING_GROUPS_TABLE = "Munkacsoportok"


def measures_table(group_id: str) -> str:
    return f"Intezkedesek_{group_id}"


# The document frame sheet (the parts of the Word document a clerk writes; the catalog's
# document.json lists them): the issuing body's name in a defined-name cell, then one table row per
# written part, each text cell also reachable by its own defined name. A workbook made before this
# sheet existed reads as an empty frame.
FRAME_TABLE = "Dokumentumreszek"
ISSUING_BODY_NAME = "hep_issuing_body"
FRAME_ID, FRAME_CHAPTER, FRAME_HEADING, FRAME_GUIDANCE = "Azonosító", "Fejezet", "Rész", "Útmutató"
FRAME_TEXT = model.field_info(model.FrameText, "text").label


def frame_part_name(part_id: str) -> str:
    """The defined name of a frame part's text cell ("hep_part_introduction")."""
    return f"hep_part_{part_id}"


# the action-plan tables: the decree's columns (catalog), then the detail form's own fields (model)
MEASURE_FORM_COLUMNS = tuple((name, model.field_info(model.Measure, name).label)
                             for name in model.MEASURE_FORM_FIELDS)


# Indicators table: fixed columns before and after the year columns. Keys are what the reader
# and writer use; headers are what the clerk sees.
IND_ID, IND_NUMBER, IND_NAME, IND_SERIES, IND_ROLE, IND_UNIT, IND_FREQ, IND_DECREE_SOURCE = (
    "Azonosító", "Sorszám", "Mutató", "Részmutató", "Típus", "Mértékegység", "Gyakoriság",
    "Forrás (rendelet szerint)",
)
_SERIES = {f.name: f.label for f in model.fields_of(model.IndicatorSeries)}
IND_SOURCE, IND_RETRIEVED, IND_NOTE = _SERIES["source"], _SERIES["retrieved"], _SERIES["note"]
IND_LEFT = (IND_ID, IND_NUMBER, IND_NAME, IND_SERIES, IND_ROLE, IND_UNIT, IND_FREQ)
IND_RIGHT = (IND_SOURCE, IND_RETRIEVED, IND_NOTE, IND_DECREE_SOURCE)
ROLE_LABELS = SERIES_ROLE_LABELS

_CHK = {f.name: f.label for f in model.fields_of(model.ChecklistEntry)}
CHK_ID, CHK_CHAPTER, CHK_TEXT = "Azonosító", "Fejezet", "Tartalmi elem (2. melléklet)"
CHK_STATUS, CHK_NARRATIVE, CHK_GAPS = _CHK["status"], _CHK["narrative"], _CHK["data_gaps"]
CHECKLIST_STATUSES = model.CHECKLIST_STATUSES



def _columns(cls) -> tuple[tuple[str, str], ...]:
    """(model attribute, header) pairs of a simple record table: the model's fields and labels."""
    return tuple((f.name, f.label) for f in model.fields_of(cls))


PROBLEM_COLUMNS = _columns(model.Problem)
MEMBER_COLUMNS = _columns(model.ForumMember)
MEETING_COLUMNS = _columns(model.ForumMeeting)
WORKING_GROUP_COLUMNS = _columns(model.WorkingGroup)

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
    return [c.label for c in catalog.columns] + [label for _, label in MEASURE_FORM_COLUMNS]


def measure_columns(catalog: Catalog) -> list[tuple[str, str]]:
    """(model attribute, header) of every action-plan table column, in sheet order."""
    return [(c.id, c.label) for c in catalog.columns] + list(MEASURE_FORM_COLUMNS)


default_years = model.default_years
