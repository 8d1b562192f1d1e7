"""Where things live in a HEP workbook: sheet names, Excel table names, column headers, defined names.

The writer lays the workbook out from these definitions and the reader finds data through them
(by table and defined name, never by fixed cell position). Decree content (indicator names,
checklist texts, column headings) comes from the catalog; only our own labels are here.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import model
from ..catalog import SERIES_ROLE_LABELS, Catalog

# 2: the overview sheet first, the print layout per sheet, the indicator and checklist tables with
# heading rows (no "Sorszám", "Részmutató" or "Fejezet" columns), the ids in a hidden column, the
# Fórum's meetings and working groups on sheets of their own (each table's header printed on every page).
# 3: the monitoring: the Megvalósítás sheet (a row per measure and year), the working groups' reports
# on a sheet of their own, the meetings' type, decisions, reviewed year and accepted documents.
# Version 1 and 2 workbooks are still read: the reader finds everything by table, header and defined
# name (what an older workbook has no table or column for reads as empty).
TEMPLATE_VERSION = "3"
KNOWN_TEMPLATE_VERSIONS = ("1", "2", "3")


@dataclass(frozen=True)
class Sheets:
    overview: str = "Áttekintés"
    instructions: str = "Útmutató"
    settlement: str = "Településadatok"
    indicators: str = "1. Mutatók"
    checklist: str = "2. Helyzetelemzés"
    conclusions: str = "Következtetések"
    action_plan: str = "3. Intézkedési terv"
    progress: str = "Megvalósítás"  # the monitoring: a row per measure and year (template version 3)
    forum: str = "HEP Fórum"  # the members (template version 1: all three Fórum tables)
    forum_meetings: str = "HEP Fórum – ülések"
    forum_groups: str = "HEP Fórum – munkacsoportok"
    forum_reports: str = "HEP Fórum – beszámolók"  # the working groups' yearly reports (template version 3)
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

    def help_for(self, review_years: int) -> str:
        """The help text, the review interval of the catalog written in (as a word: "két")."""
        words = {1: "egy", 2: "két", 3: "három", 4: "négy", 5: "öt"}
        return self.help.format(years=words.get(review_years, str(review_years))) if self.item_help else self.help

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
    # ({years}: the catalog's review interval, in words)
    SettlementField("review_dates", "hep_review_date_1", 0, "1. felülvizsgálat dátuma",
                    "legfeljebb {years} évvel az elfogadás után"),
    SettlementField("review_dates", "hep_review_date_2", 1, "2. felülvizsgálat dátuma",
                    "legfeljebb {years} évvel az előző felülvizsgálat után"),
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
# and writer use; headers are what the clerk sees. The id column is hidden (the reader's key); an
# indicator with more than one row gets a heading row (number and name, no id) above its rows.
IND_ID, IND_NAME, IND_ROLE, IND_UNIT, IND_FREQ, IND_TREND, IND_DECREE_SOURCE = (
    "Azonosító", "Mutató", "Típus", "Egység", "Gyakoriság", "Trend", "Forrás (rendelet szerint)",
)
_SERIES = {f.name: f.label for f in model.fields_of(model.IndicatorSeries)}
IND_SOURCE, IND_RETRIEVED, IND_NOTE = _SERIES["source"], _SERIES["retrieved"], _SERIES["note"]
IND_LEFT = (IND_ID, IND_NAME, IND_ROLE, IND_UNIT, IND_FREQ)
IND_RIGHT = (IND_TREND, IND_SOURCE, IND_RETRIEVED, IND_NOTE, IND_DECREE_SOURCE)
ROLE_LABELS = SERIES_ROLE_LABELS

_CHK = {f.name: f.label for f in model.fields_of(model.ChecklistEntry)}
# the checklist table: a chapter's heading row (its number and title, no id) above its items
CHK_ID, CHK_TEXT = "Azonosító", "Tartalmi elem (2. melléklet)"
CHK_STATUS, CHK_NARRATIVE, CHK_GAPS = _CHK["status"], _CHK["narrative"], _CHK["data_gaps"]
CHECKLIST_STATUSES = model.CHECKLIST_STATUSES



def _columns(cls) -> tuple[tuple[str, str], ...]:
    """(model attribute, header) pairs of a simple record table: the model's fields and labels."""
    return tuple((f.name, f.label) for f in model.fields_of(cls))


PROBLEM_COLUMNS = _columns(model.Problem)
MEMBER_COLUMNS = _columns(model.ForumMember)
MEETING_COLUMNS = _columns(model.ForumMeeting)
WORKING_GROUP_COLUMNS = _columns(model.WorkingGroup)
REPORT_COLUMNS = _columns(model.WorkingGroupReport)
PROGRESS_COLUMNS = _columns(model.MonitoringRecord)
PROGRESS_TABLE = "Megvalositas"
REPORTS_TABLE = "MunkacsoportBeszamolok"

# How many empty rows a blank table offers (tables grow when a model has more)
BLANK_ROWS = {"problems": 25, "measures": 6, "members": 20, "meetings": 8, "working_groups": 6,
              "reports": 10, "progress": 30}

# Meta sheet keys (column A) and the hidden lists (other columns)
META_KEYS = ("template_version", "catalog_version", "generator", "history_years")
LIST_STATUSES = "hep_list_statuses"
LIST_GROUPS = "hep_list_groups"
LIST_ROLES = "hep_list_roles"
LIST_PROBLEM_IDS = "hep_list_problem_ids"
LIST_PROGRESS_STATUSES = "hep_list_progress_statuses"  # the catalog's monitoring statuses
LIST_MEETING_TYPES = "hep_list_meeting_types"

# Cell fills: input cells (the clerk types here) and labels (locked); the validator's highlights
# restore these when a finding is fixed
INPUT_FILL = "#FFFDE7"
LABEL_FILL = "#F2F2F2"
HEADING_FILL = "#E7E6E6"  # an indicator's or a chapter's heading row
# The validator's highlights and the report's severity fills: Excel's built-in "Bad" and "Neutral"
# cell-style fills; the info rows of the report get the light blue of "20% - Accent1"
ERROR_FILL, WARNING_FILL, INFO_FILL = "#FFC7CE", "#FFEB9C", "#DDEBF7"
# Conditional formats: an empty required input gets an orange border (a border, so that the
# validator's fill shows too), a stated "nincs adat" grey italics
REQUIRED_BORDER = "#E26B0A"
NO_DATA_FONT = "#808080"

REPORT_HEADERS = ("Súlyosság", "Szabály", "Munkalap", "Cella", "Mező", "Érték", "Üzenet")
REPORT_WIDTHS = (13, 9, 17, 7, 22, 15, 48)  # one A4 landscape page wide at 100 %
REPORT_HEADER_ROW = 3  # 0-based: title, summary, completeness, header (row 4), findings from row 5

# The overview sheet (Áttekintés): the validator's write-back fills the summary, the completeness
# per area (a data bar shows it) and the counts of findings per sheet; 0-based rows
OVERVIEW_SUMMARY_ROW = 1
OVERVIEW_SCORES_ROW = 4  # header; one row per area below it
OVERVIEW_SCORE_ROWS = 8  # room for the areas (and the overall score)
OVERVIEW_COUNTS_ROW = OVERVIEW_SCORES_ROW + OVERVIEW_SCORE_ROWS + 3  # header; one row per sheet below
# the sheets whose findings are counted, in book order (a finding elsewhere counts in the last row)
OVERVIEW_COUNT_SHEETS = (SHEETS.settlement, SHEETS.indicators, SHEETS.checklist, SHEETS.conclusions,
                         SHEETS.action_plan, SHEETS.progress, SHEETS.forum, SHEETS.forum_meetings,
                         SHEETS.forum_groups, SHEETS.forum_reports, SHEETS.frame)
OVERVIEW_OTHER = "Egyéb (a munkafüzet egésze)"
OVERVIEW_CHARTS_ROW = OVERVIEW_COUNTS_ROW + len(OVERVIEW_COUNT_SHEETS) + 5


def indicator_headers(years: list[int]) -> list[str]:
    return [*IND_LEFT, *(str(y) for y in years), *IND_RIGHT]


def measure_headers(catalog: Catalog) -> list[str]:
    return [c.label for c in catalog.columns] + [label for _, label in MEASURE_FORM_COLUMNS]


def measure_columns(catalog: Catalog) -> list[tuple[str, str]]:
    """(model attribute, header) of every action-plan table column, in sheet order."""
    return [(c.id, c.label) for c in catalog.columns] + list(MEASURE_FORM_COLUMNS)


default_years = model.default_years
