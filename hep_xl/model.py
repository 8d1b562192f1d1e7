"""The typed model of one HEP (Helyi Esélyegyenlőségi Program).

Everything in the middle of hep_xl works on these dataclasses: readers (a workbook file, a live
workbook through xlwings, a JSON document) build a :class:`Hep`; writers (xlsx, JSON, docx) and the
validator consume one. Nothing here knows about sheets or cells.

Conventions
-----------
* Missing text is the empty string, never ``None``; missing numbers and dates are ``None``.
* An indicator value is a number, :data:`NO_DATA` (the clerk stated that there is no data), or
  absent from ``IndicatorSeries.values`` (blank: nobody filled it yet). Zero is a number.
* Whole numbers are stored as ``int`` (``normalize_number``), so a value that went through a
  spreadsheet (where every number is a double) compares equal to the original.
* ``Hep.measures`` is kept in target-group order (I…V), as the workbook and the JSON document hold
  them: one table, one list per target group.
* Dropdown cells (checklist status, target group) hold what the clerk typed; ``ChecklistEntry.state``
  and ``Problem.group`` give the list value.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from dataclasses import dataclass, field
from typing import Final


class _NoData(enum.Enum):
    """Marker for "nincs adat": the clerk states that the value does not exist or is unavailable.

    A one-member enum: a singleton that pickles as itself (multiprocessing in batch conversion) and
    that a type checker narrows on (``value is NO_DATA``)."""

    NO_DATA = "nincs adat"

    def __repr__(self) -> str:
        return "NO_DATA"

    __str__ = __repr__


NO_DATA: Final = _NoData.NO_DATA
NO_DATA_LABEL = "nincs adat"

# The closed list offered for a checklist entry's status. What the clerk typed is kept as typed
# (an archive keeps the workbook's words); ``ChecklistEntry.state`` gives the list value.
CHECKLIST_STATUSES = ("kész", "folyamatban", "nincs elkezdve", "nem releváns")
STATUS_DONE = "kész"
STATUS_NOT_RELEVANT = "nem releváns"

# The years a HEP speaks of: what every year cell, year column, year in a TeIR/KSH export, JSON year
# and the workbook's year validation accept (one range, used by all of them)
MIN_YEAR, MAX_YEAR = 1900, 2200


def is_year(value) -> bool:
    """A whole number in MIN_YEAR..MAX_YEAR (an int, or a float with no fraction; not a bool)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return float(value).is_integer() and MIN_YEAR <= value <= MAX_YEAR


Number = int | float
IndicatorValue = int | float | _NoData


def normalize_number(value: Number) -> Number:
    """Whole floats become ints; ints and other floats are returned unchanged."""
    if isinstance(value, bool):
        raise TypeError("bool is not a number here")
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


# -- field descriptions ----------------------------------------------------------------------------
# Every field a person fills in carries its Hungarian label and its kind in the dataclass field's
# metadata. The workbook's column headers, the JSON keys and schema, the Word tables and the
# validator's field names all come from here (``fields_of``); Annex 3 column headings come from the
# catalog instead, as the decree words them.

FIELD_KINDS = ("text", "int", "year", "date", "ksh_code", "deadline", "group", "role", "key", "number")


@dataclass(frozen=True)
class FieldInfo:
    """One field of a record: attribute name, Hungarian label, kind (one of FIELD_KINDS)."""

    name: str
    label: str
    kind: str
    many: bool = False  # a list of values of this kind (the review dates)
    help: str = ""  # what to type, with an example (shown beside the cell and in messages)
    required: bool = False  # needed before the plan goes to the council (the workbook marks it while empty)


def _f(label: str, kind: str = "text", default=None, *, many: bool = False, help: str = "",
       required: bool = False):
    assert kind in FIELD_KINDS, kind
    if default is None and kind in ("text", "ksh_code", "group", "role", "key", "deadline"):
        default = ""
    meta = {"label": label, "kind": kind, "many": many, "help": help, "required": required}
    if many:
        return field(default_factory=list, metadata=meta)
    return field(default=default, metadata=meta)


_FIELDS: dict[type, tuple[FieldInfo, ...]] = {}


def fields_of(cls: type) -> tuple[FieldInfo, ...]:
    """The described fields of a model class, in declaration order (undescribed ones are left out);
    computed once per class (the readers and writers ask for every record)."""
    found = _FIELDS.get(cls)
    if found is None:
        found = _FIELDS[cls] = tuple(
            FieldInfo(f.name, f.metadata["label"], f.metadata["kind"], f.metadata["many"], f.metadata["help"],
                      f.metadata["required"])
            for f in dataclasses.fields(cls) if "label" in f.metadata)
    return found


def field_info(cls, name: str) -> FieldInfo:
    return next(f for f in fields_of(cls) if f.name == name)


@dataclass
class Settlement:
    name: str = _f("Település neve", help="pl. Kisháza", required=True)
    ksh_code: str = _f("KSH településazonosító törzsszám", "ksh_code",
                       help="öt számjegy, az utolsó az ellenőrző szám, pl. 02307 (Kaba)", required=True)
    county: str = _f("Vármegye", help="pl. Borsod-Abaúj-Zemplén", required=True)
    population: int | None = _f("Lakónépesség (fő)", "int", required=True)
    period_start: int | None = _f("A program időszakának kezdő éve", "year", required=True)
    period_end: int | None = _f("A program időszakának záró éve", "year", help="öt évre szóló program: kezdő év + 4",
                                required=True)
    adoption_date: dt.date | None = _f("Elfogadás dátuma", "date", help="pl. 2024.02.28")
    resolution_number: str = _f("Képviselő-testületi határozat száma", help="pl. 12/2024. (II. 28.) Kt. határozat")
    review_dates: list[dt.date] = _f("Felülvizsgálatok dátumai", "date", many=True, help="Felülvizsgálat dátuma")
    author_name: str = _f("Készítő / kapcsolattartó neve", required=True)
    author_email: str = _f("Kapcsolattartó e-mail címe")
    author_phone: str = _f("Kapcsolattartó telefonszáma")


@dataclass
class IndicatorSeries:
    """One Annex 1 series (an indicator, or one of its sub-indicators or ratio components)."""

    series_id: str
    values: dict[int, IndicatorValue] = field(default_factory=dict)
    source: str = _f("Adatforrás")
    retrieved: dt.date | None = _f("Lekérés dátuma", "date")
    note: str = _f("Megjegyzés")


@dataclass
class ChecklistEntry:
    """The situation-analysis text for one Annex 2 section or lettered point."""

    item_id: str
    status: str = _f("Állapot")
    narrative: str = _f("Kifejtés")
    data_gaps: str = _f("Adathiányok")

    @property
    def state(self) -> str:
        """The status as a value of CHECKLIST_STATUSES when it is one in any letter case, else as typed."""
        folded = self.status.casefold()
        return next((s for s in CHECKLIST_STATUSES if s == folded), self.status)


@dataclass
class Problem:
    """A problem identified in a target group's *Következtetések* section."""

    problem_id: str = _f("Azonosító", "key")
    target_group: str = _f("Célcsoport (I–V)", "group")
    title: str = _f("Feltárt probléma megnevezése")
    opportunity: str = _f("Fejlesztési lehetőség")
    deferral_reason: str = _f("Halasztás indoka (ha nincs hozzá intézkedés)")

    @property
    def group(self) -> str:
        """The target group id in capitals, as roman numerals are read ("ii" is group II)."""
        return self.target_group.upper()


@dataclass
class Measure:
    """One action-plan row (Annex 3): the measure number and the decree's columns, then the fields
    of the measure's detail form that the decree's table has not (partners, risks and their
    mitigation: the HEP template's form, printed in *Az intézkedési területek részletes kifejtése*).

    The decree's attribute names are the catalog's column ids (a test checks that every catalog
    column has one); their headings are the catalog's, so those labels only name the kind of each
    value. The form's fields (:data:`MEASURE_FORM_FIELDS`) are the model's own, with their labels.
    """

    target_group: str
    number: int | None = _f("Intézkedés sorszáma", "int")
    title: str = _f("Cím")
    problem: str = _f("Probléma", "key")
    goal: str = _f("Cél")
    alignment: str = _f("Összhang")
    content: str = _f("Tartalom")
    responsible: str = _f("Felelős")
    deadline: dt.date | str = _f("Határidő", "deadline")
    indicators: str = _f("Indikátor")
    resources: str = _f("Erőforrások")
    sustainability: str = _f("Fenntarthatóság")
    partners: str = _f("Partnerek", help="akik a felelős mellett részt vesznek: intézmények, civil szervezetek, "
                                         "vállalkozások, a járási hivatal")
    risks: str = _f("Kockázatok", help="ami a megvalósítást veszélyezteti, pl. a pályázati forrás elmaradása")
    risk_mitigation: str = _f("A kockázatok csökkentésének eszközei",
                              help="hogyan előzik meg vagy kezelik a kockázatokat")


# the detail form's fields of a measure that are not columns of the decree's table
MEASURE_FORM_FIELDS = ("partners", "risks", "risk_mitigation")


@dataclass
class ForumMember:
    name: str = _f("Név")
    role: str = _f("Szerep a Fórumban", "role")
    organisation: str = _f("Szervezet")
    responsible_area: str = _f("Felelős beavatkozási terület")


@dataclass
class ForumMeeting:
    """One Fórum meeting: when, who, the minutes, the agenda; then what the monitoring needs: the
    meeting's type (the catalog's list, kept as typed), its decisions, the year whose interventions
    it reviewed, and the documents it accepted (the implementation report of a year, a revised HEP IT)."""

    date: dt.date | None = _f("Ülés dátuma", "date")
    attendees: str = _f("Jelenlévők")
    minutes_ref: str = _f("Jegyzőkönyv (iktatószám vagy hivatkozás)")
    agenda: str = _f("Napirend, döntések")
    kind: str = _f("Az ülés típusa", help="rendes, felülvizsgálati, rendkívüli vagy elfogadás előtti")
    decisions: str = _f("Döntések (határozatszámmal)", help="pl. 3/2026. (I. 22.) Fórum-határozat: a beszámolót "
                                                             "elfogadásra javasolja")
    reviewed_year: int | None = _f("Áttekintett év", "year",
                                   help="a beavatkozások évenkénti felülvizsgálata: a lezárt év, amelynek "
                                        "intézkedéseit az ülés áttekintette, pl. 2025")
    report_year: int | None = _f("Beszámoló éve", "year",
                                 help="az ülés elfogadásra javasolta a HEP IT ezen évi megvalósulásáról szóló "
                                      "beszámolót, pl. 2025")
    revised_plan: str = _f("Módosított HEP IT",
                           help="az elfogadásra javasolt módosítás megnevezése, pl. „a HEP IT 2027. évi "
                                "felülvizsgálata”; üres, ha nincs")


@dataclass
class WorkingGroup:
    name: str = _f("Munkacsoport neve")
    leader: str = _f("Vezető")
    target_group: str = _f("Célcsoport (I–V)", "group")
    last_report: dt.date | None = _f("Utolsó beszámoló dátuma", "date")

    @property
    def group(self) -> str:
        return self.target_group.upper()


# the meeting's fields the monitoring added (the Word document of the plan prints the others)
MEETING_MONITORING_FIELDS = ("kind", "decisions", "reviewed_year", "report_year", "revised_plan")


@dataclass
class WorkingGroupReport:
    """A working group's report to the Fórum ("a munkacsoportok rendszeresen (minimum évente)
    beszámolnak"): which group, the year it reports on, when, what it said, the measures concerned."""

    group: str = _f("Munkacsoport")
    year: int | None = _f("A beszámoló éve", "year", help="az év, amelyről a munkacsoport beszámol, pl. 2025")
    date: dt.date | None = _f("A beszámoló dátuma", "date")
    summary: str = _f("A beszámoló összefoglalója")
    measures: str = _f("Érintett intézkedések", help="célcsoport/sorszám, vesszővel elválasztva, pl. I/1, II/3")


@dataclass
class Forum:
    members: list[ForumMember] = field(default_factory=list)
    meetings: list[ForumMeeting] = field(default_factory=list)
    working_groups: list[WorkingGroup] = field(default_factory=list)
    reports: list[WorkingGroupReport] = field(default_factory=list)


@dataclass
class MonitoringRecord:
    """What happened to one measure in one year of the programme (a row of the *Megvalósítás*
    sheet): the status (the catalog's list, kept as typed), the target of the measure's indicator
    (column H) and the value reached, the resources used against column I, a comment (the reason of a
    delay or a change), the Fórum member responsible, the date of the record and, for a modified
    measure, the date of the Fórum meeting that decided the change. :meth:`Hep.progress_of` gives a
    measure's records as a time series."""

    target_group: str = _f("Célcsoport (I–V)", "group")
    measure_number: int | None = _f("Intézkedés sorszáma", "int")
    year: int | None = _f("Év", "year", help="a program éve, amelyről a sor szól, pl. 2025")
    status: str = _f("Állapot", help="a listából: pl. folyamatban, megvalósult, módosítva")
    target: Number | None = _f("Célérték (a H oszlop indikátora)", "number",
                               help="a siker mérőszámának célértéke számmal, pl. 12")
    reached: Number | None = _f("Elért érték", "number", help="az év végéig elért érték, pl. 9")
    resources_used: str = _f("Felhasznált erőforrások (az I oszlophoz képest)",
                             help="pl. 1,2 millió Ft pályázati forrás a tervezett 1,5 millióból")
    comment: str = _f("Megjegyzés, eltérés oka", help="elmaradásnál, késésnél, módosításnál az ok")
    responsible_member: str = _f("Felelős Fórum-tag", help="a beavatkozási terület felelőse a Fórum tagjai közül")
    recorded: dt.date | None = _f("A rögzítés dátuma", "date")
    decided_at: dt.date | None = _f("A döntő Fórum-ülés dátuma", "date",
                                    help="módosított vagy törölt intézkedésnél a módosításról döntő ülés dátuma")

    @property
    def group(self) -> str:
        return self.target_group.upper()


@dataclass
class FrameText:
    """What the clerk wrote for one part of the document frame (the catalog's ``document.json``:
    Bevezetés, Célok, Megvalósítás, …; not the decree's)."""

    part_id: str
    text: str = _f("Szöveg")


@dataclass
class Frame:
    """The document frame's inputs: the issuing body's name and the parts' texts by part id."""

    issuing_body: str = _f("A kibocsátó önkormányzat neve",
                           help="üresen hagyva a KSH helységnévtár jogállásából: pl. Kaba Város Önkormányzata")
    texts: dict[str, FrameText] = field(default_factory=dict)


@dataclass
class Hep:
    """A whole HEP: settlement data, Annex 1 series, Annex 2 texts, conclusions, Annex 3, Fórum, the
    texts of the document frame, and the monitoring of the action plan after adoption."""

    catalog_version: str
    settlement: Settlement = field(default_factory=Settlement)
    years: list[int] = field(default_factory=list)
    indicators: dict[str, IndicatorSeries] = field(default_factory=dict)
    checklist: dict[str, ChecklistEntry] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    forum: Forum = field(default_factory=Forum)
    frame: Frame = field(default_factory=Frame)
    # the monitoring, a record per measure and year (the title is the review's heading of the part)
    progress: list[MonitoringRecord] = field(default_factory=list,
                                             metadata={"title": "Megvalósítás (az intézkedések évenkénti állapota)"})

    def series(self, series_id: str) -> IndicatorSeries:
        """The series with this id, created empty on first use."""
        found = self.indicators.get(series_id)
        if found is None:
            found = self.indicators[series_id] = IndicatorSeries(series_id)
        return found

    def measures_of(self, target_group: str) -> list[Measure]:
        return [m for m in self.measures if m.target_group == target_group]

    def problems_of(self, target_group: str) -> list[Problem]:
        return [p for p in self.problems if p.group == target_group]

    def progress_of(self, target_group: str, number: int | None) -> list[MonitoringRecord]:
        """The monitoring records of one measure (target group and number), by year."""
        rows = [r for r in self.progress if r.group == target_group and r.measure_number == number
                and number is not None]
        return sorted(rows, key=lambda r: (r.year is None, r.year or 0))

    def frame_text(self, part_id: str) -> str:
        """The clerk's text of a frame part ("" when none)."""
        found = self.frame.texts.get(part_id)
        return found.text if found else ""


def default_years(start_year: int, history_years: int) -> list[int]:
    """The Annex 1 years of a new programme: the ``history_years`` closed years before it starts."""
    return list(range(start_year - history_years, start_year))
