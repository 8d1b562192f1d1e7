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

import datetime as dt
from dataclasses import dataclass, field
from typing import Union


class _NoData:
    """Marker for "nincs adat": the clerk states that the value does not exist or is unavailable."""

    _instance: "_NoData | None" = None

    def __new__(cls) -> "_NoData":
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "NO_DATA"

    def __reduce__(self):  # pickling keeps the singleton (multiprocessing in batch conversion)
        return (_NoData, ())


NO_DATA = _NoData()
NO_DATA_LABEL = "nincs adat"

# The closed list offered for a checklist entry's status. What the clerk typed is kept as typed
# (an archive keeps the workbook's words); ``ChecklistEntry.state`` gives the list value.
CHECKLIST_STATUSES = ("kész", "folyamatban", "nincs elkezdve", "nem releváns")

Number = Union[int, float]
IndicatorValue = Union[int, float, _NoData]


def normalize_number(value: Number) -> Number:
    """Whole floats become ints; ints and other floats are returned unchanged."""
    if isinstance(value, bool):
        raise TypeError("bool is not a number here")
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


@dataclass
class Settlement:
    name: str = ""
    ksh_code: str = ""
    county: str = ""
    population: int | None = None
    period_start: int | None = None
    period_end: int | None = None
    adoption_date: dt.date | None = None
    resolution_number: str = ""
    review_dates: list[dt.date] = field(default_factory=list)
    author_name: str = ""
    author_email: str = ""
    author_phone: str = ""


@dataclass
class IndicatorSeries:
    """One Annex 1 series (an indicator, or one of its sub-indicators or ratio components)."""

    series_id: str
    values: dict[int, IndicatorValue] = field(default_factory=dict)
    source: str = ""
    retrieved: dt.date | None = None
    note: str = ""


@dataclass
class ChecklistEntry:
    """The situation-analysis text for one Annex 2 section or lettered point."""

    item_id: str
    status: str = ""
    narrative: str = ""
    data_gaps: str = ""

    @property
    def state(self) -> str:
        """The status as a value of CHECKLIST_STATUSES when it is one in any letter case, else as typed."""
        folded = self.status.casefold()
        return next((s for s in CHECKLIST_STATUSES if s == folded), self.status)


@dataclass
class Problem:
    """A problem identified in a target group's *Következtetések* section."""

    problem_id: str
    target_group: str
    title: str = ""
    opportunity: str = ""
    deferral_reason: str = ""

    @property
    def group(self) -> str:
        """The target group id in capitals, as roman numerals are read ("ii" is group II)."""
        return self.target_group.upper()


@dataclass
class Measure:
    """One action-plan row (Annex 3): the measure number and columns A–J."""

    target_group: str
    number: int | None = None
    title: str = ""
    problem: str = ""
    goal: str = ""
    alignment: str = ""
    content: str = ""
    responsible: str = ""
    deadline: dt.date | str = ""
    indicators: str = ""
    resources: str = ""
    sustainability: str = ""


@dataclass
class ForumMember:
    name: str = ""
    role: str = ""
    organisation: str = ""
    responsible_area: str = ""


@dataclass
class ForumMeeting:
    date: dt.date | None = None
    attendees: str = ""
    minutes_ref: str = ""
    agenda: str = ""


@dataclass
class WorkingGroup:
    name: str = ""
    leader: str = ""
    target_group: str = ""
    last_report: dt.date | None = None

    @property
    def group(self) -> str:
        return self.target_group.upper()


@dataclass
class Forum:
    members: list[ForumMember] = field(default_factory=list)
    meetings: list[ForumMeeting] = field(default_factory=list)
    working_groups: list[WorkingGroup] = field(default_factory=list)


@dataclass
class Hep:
    """A whole HEP: settlement data, Annex 1 series, Annex 2 texts, conclusions, Annex 3, Fórum."""

    catalog_version: str
    settlement: Settlement = field(default_factory=Settlement)
    years: list[int] = field(default_factory=list)
    indicators: dict[str, IndicatorSeries] = field(default_factory=dict)
    checklist: dict[str, ChecklistEntry] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    forum: Forum = field(default_factory=Forum)

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
