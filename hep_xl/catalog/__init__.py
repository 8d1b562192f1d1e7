"""The decree as data: one catalog per version of the rules.

A catalog version is a folder beside this module (``emmi_2012/`` holds decree 2/2012. (VI. 5.)
EMMI) with ``catalog.json`` (its identity: text date, amendments, repeal, programme period),
``indicators.json`` (Annex 1, with the consistency pairs between indicators), ``checklist.json``
(Annex 2), ``action_plan.json`` (Annex 3), ``forum.json`` (the HEP Fórum) and ``rules.json`` (for
every validator rule: its severity and the sentence of the text it comes from), and optionally
``key_indicators.json``, ``charts.json`` and ``document.json`` (not the decree's, each labelled with
its own source: the Annex 1 series the overview compares across settlements, the charts the Word
document and the workbook draw per section, and the document frame — the parts a published HEP
has around the decree's annexes). This module loads a
version, checks it, and exposes it as frozen dataclasses. The template, the schema, the validator
and the Word layout are all derived from what is loaded here.

A later version of the rules (for example 24/2021. (VII. 30.) BM) is a new folder; no code changes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

DEFAULT_VERSION = "emmi-2012"

@dataclass(frozen=True)
class ValueRule:
    """What a value of one series kind may be: the one definition the workbook's data validation,
    ``hep-xl fill`` and the validator's range checks all use (:func:`value_rule`).

    ``what`` and ``example`` are the Hungarian words the clerk reads (an input message, a rejected
    source value); ``number_format`` is the Excel format code the workbook shows the kind in
    (Excel's own codes: Hungarian Excel shows ``#,##0`` as 2 497 and ``0.0`` as 12,5)."""

    kind: str
    what: str
    example: str
    minimum: float | None = None
    maximum: float | None = None
    whole: bool = False

    def accepts(self, value) -> bool:
        """A number of this kind (NO_DATA and blanks are the callers' to handle)."""
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return False
        if self.minimum is not None and value < self.minimum:
            return False
        if self.maximum is not None and value > self.maximum:
            return False
        return not self.whole or float(value).is_integer()

    @property
    def number_format(self) -> str:
        """Thousands grouped; whole numbers without decimals, others with one or two; a true minus sign."""
        shown = "#,##0" if self.whole else "#,##0.0#"
        return f'{shown};"\u2212"{shown}'


_VALUE_RULES = {
    "count": ValueRule("count", "nem negatív egész szám", "2 497", minimum=0, whole=True),
    "signed_count": ValueRule("signed_count", "egész szám (negatív is lehet)", "\u221212", whole=True),
    "percent": ValueRule("percent", "0 és 100 közötti szám", "12,5", minimum=0, maximum=100),
    "percent_open": ValueRule("percent_open", "nem negatív szám", "99,4", minimum=0),
    "index": ValueRule("index", "nem negatív szám", "135,7", minimum=0),
    "rate_per_1000": ValueRule("rate_per_1000", "szám (negatív is lehet)", "\u22123,98"),
}
# a count that is an average (of four quarters, or an "átlagos száma") may be a fraction
_AVERAGE_COUNT = ValueRule("count", "nem negatív szám (átlag: tört is lehet)", "116,75", minimum=0)
SERIES_KINDS = tuple(_VALUE_RULES)


def value_rule(kind: str, counted: str | None = None) -> ValueRule:
    """The rule for a series ``kind`` (one of SERIES_KINDS); ``counted`` "average" lets a count be a
    fraction. Raises KeyError for an unknown kind."""
    rule = _VALUE_RULES[kind]
    return _AVERAGE_COUNT if kind == "count" and counted == "average" else rule

# the data items a series is computed from (stored in the workbook as rows of their own)
COMPONENT_ROLES = ("numerator", "denominator", "complement")
# what each row of an indicator is, as the clerk reads it in the workbook and the documents
SERIES_ROLE_LABELS = {"series": "mutató", "numerator": "számláló", "denominator": "nevező",
                      "complement": "alapadat"}
DERIVATION_KINDS = ("previous_year_percent", "ageing_index", "ratio_percent", "complement_percent")
FREQUENCIES = ("éves", "negyedéves", "népszámlálási adat")
# how a count is counted: at a date (year end, 1 October …), over the year (persons supported during
# the year), or as an average (of four quarters, or an "átlagos száma"); only averages may be fractions
COUNTED = ("at_date", "in_year", "average")
# what an Annex 3 column is for the rules that read it; every other column is "text"
COLUMN_ROLES = ("sequence", "name", "problem_reference", "responsible_party", "due_date", "success_indicator",
                "resources", "text")  # resources: what the monitoring's resources used are measured against
CONSISTENCY_KINDS = ("at_most", "sum_equals", "share_of_population")
ROLE_BASES = ("recommended", "law")
ROLE_EXPECTED = ("always", "above_population", "nationality_self_government")
# what a monitoring status or a Fórum meeting type means (``monitoring.json``): the validator and the
# implementation report reach the list values through these, never through their Hungarian names
STATUS_ROLES = ("not_started", "in_progress", "done", "partly_done", "missed", "modified", "cancelled")
MEETING_ROLES = ("regular", "review", "extraordinary", "pre_adoption")
SEVERITIES = ("error", "warning", "info")

_HERE = Path(__file__).resolve().parent


class CatalogError(ValueError):
    """The catalog data files are inconsistent (a packaging or editing mistake, not user input)."""


@dataclass(frozen=True)
class SeriesDef:
    """One row of Annex 1 data: a sub-indicator, or a numerator/denominator of a ratio."""

    id: str  # globally unique, e.g. "permanent_population.male_share"
    indicator_number: int
    name: str
    unit: str
    kind: str
    role: str = "series"  # "series" or one of COMPONENT_ROLES
    of: str | None = None  # for numerator/denominator: the ratio series' id
    counted: str | None = None  # for counts: one of COUNTED

    @property
    def value_rule(self) -> ValueRule:
        """What a value of this series may be (its kind's rule; an average count may be a fraction)."""
        return value_rule(self.kind, self.counted)

    @property
    def whole_numbers(self) -> bool:
        """Only whole numbers make sense: a count at a date or over the year (not an average)."""
        return self.value_rule.whole


@dataclass(frozen=True)
class DerivationDef:
    """How the decree defines an indicator from other Annex 1 data.

    * ``previous_year_percent``: base(year) / base(year − 1) × 100 (indicator 2 from 1);
    * ``ageing_index``: sum(numerator) / sum(denominator) × 100 (indicator 4 from 3's age shares);
    * ``ratio_percent``: each series' numerator / denominator component × 100 (8, 28, 29);
    * ``complement_percent``: 100 − each series' complement component (16).
    """

    kind: str
    formula: str  # Hungarian, shown in provenance notes and documents
    base: str | None = None
    numerator: tuple[str, ...] = ()
    denominator: tuple[str, ...] = ()


@dataclass(frozen=True)
class IndicatorDef:
    number: int
    id: str
    name: str
    content: str
    unit: str
    frequency: str
    source: str
    sections: tuple[str, ...]
    series: tuple[SeriesDef, ...]
    components: tuple[SeriesDef, ...] = ()
    derivation: DerivationDef | None = None

    def component(self, series_id: str, role: str) -> SeriesDef | None:
        return next((c for c in self.components if c.of == series_id and c.role == role), None)

    @cached_property
    def rows(self) -> tuple[SeriesDef, ...]:
        """Series in workbook order: each series followed by the data items it is computed from."""
        out: list[SeriesDef] = []
        for s in self.series:
            out.append(s)
            out.extend(c for c in self.components if c.of == s.id)
        return tuple(out)

    @property
    def is_census(self) -> bool:
        return self.frequency == "népszámlálási adat"


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    level: str  # "section" | "point"
    parent: str | None
    text: str
    chapter: str
    target_group: str | None = None
    conclusions_of: str | None = None
    illustrative: bool = False  # a lettered point under 3.1–7.4: the list is illustrative (footnote 3)


@dataclass(frozen=True)
class Chapter:
    number: str
    title: str
    target_group: str | None
    items: tuple[ChecklistItem, ...]


@dataclass(frozen=True)
class ActionColumn:
    letter: str | None
    id: str
    heading: str
    role: str = "text"  # one of COLUMN_ROLES

    @property
    def label(self) -> str:
        return f"{self.letter}) {self.heading}" if self.letter else self.heading


@dataclass(frozen=True)
class TargetGroup:
    id: str
    key: str
    name: str
    short_name: str
    chapter: str
    conclusions_section: str


@dataclass(frozen=True)
class ForumRole:
    """A role of the recommended composition ("A HEP Fórumok javasolt összetétele").

    ``basis`` says why the role is there: ``recommended`` by the Fórum page, or required by a
    ``law`` (cited). ``expected`` says when the validator looks for it: ``always`` (every settlement
    has one), ``above_population`` (more than ``min_population`` inhabitants) or
    ``nationality_self_government`` (where the KSH register lists one); "" when it depends on who
    is active locally."""

    id: str
    name: str
    kind: str  # "member" | "invitee"
    basis: str = "recommended"
    law: str = ""
    expected: str = ""
    min_population: int | None = None


@dataclass(frozen=True)
class ShareSum:
    """Shares of one whole that add up to ``total`` (checked by rule ``rule``)."""

    rule: str
    series: tuple[str, ...]
    total: float


@dataclass(frozen=True)
class Consistency:
    """Counts that contain each other, with where the text says so (``ref``) and why (``reason``).

    * ``at_most``: the sum of ``parts`` is at most ``whole`` (in each year);
    * ``sum_equals``: the sum of ``parts`` is ``whole``;
    * ``share_of_population``: the sum of ``parts`` is about ``whole`` × sum(``shares``) / 100.
    """

    kind: str
    parts: tuple[str, ...]
    whole: str
    ref: str
    reason: str
    shares: tuple[str, ...] = ()


@dataclass(frozen=True)
class Amendment:
    act: str
    part: str
    change: str
    footnote: str
    quote: str


@dataclass(frozen=True)
class Repeal:
    date: str  # ISO date
    by: str
    footnote: str
    quote: str


@dataclass(frozen=True)
class Programme:
    period_years: int  # the action plan is for this many years
    review_interval_years: int  # and reviewed at least this often


@dataclass(frozen=True)
class TextSource:
    id: str
    title: str
    short: str  # as a table column names it
    text_at_hand: bool  # the project holds the text, so every quote from it can be checked


@dataclass(frozen=True)
class RuleBasis:
    """Why a validator rule exists and how severe it is: the source text, where in it, the sentence
    (``quote``, verbatim, when the text is at hand) or what it says (``summary``), and the reason
    for the severity in the text's own words."""

    id: str
    severity: str  # one of SEVERITIES
    source: str  # a TextSource id
    ref: str
    reason: str
    quote: str = ""
    summary: str = ""


@dataclass(frozen=True)
class ForumRules:
    meeting_interval_years: int
    minutes_required: bool
    working_group_report_interval_years: int
    working_groups_population_threshold: int


@dataclass(frozen=True)
class ListValue:
    """One value of a closed list of the monitoring (``monitoring.json``): the Hungarian name the
    clerk chooses, what it means (``role``, one of STATUS_ROLES or MEETING_ROLES) and where it comes
    from (a TextSource id, with the sentence quoted or what it says summarised)."""

    role: str
    name: str
    source: str
    quote: str = ""
    summary: str = ""


@dataclass(frozen=True)
class KeyIndicator:
    """An Annex 1 series chosen for comparison across settlements (``key_indicators.json``)."""

    id: str
    series: str  # SeriesDef.id
    label: str  # short Hungarian label for tables and charts


CHART_KINDS = ("line", "bar")


@dataclass(frozen=True)
class ChartDef:
    """A chart of Annex 1 series (``charts.json``, not the decree's): drawn in the Word document
    where its section is, and as a native Excel chart on the workbook's overview sheet."""

    id: str
    section: str  # the Annex 2 item the chart illustrates
    kind: str  # one of CHART_KINDS
    title: str  # Hungarian caption (the document numbers it)
    series: tuple[str, ...]  # SeriesDef ids, all of one unit
    labels: tuple[str, ...] = ()  # short legend labels, one per series ("" or absent: the series' name)


# what the program generates in a part of the document frame (``document.json``)
FRAME_CONTENTS = ("key_figures", "situation_analysis", "findings_summary", "implementers", "measure_forms",
                  "action_plan_table", "forum", "adoption")
# the decree's annexes: each placed exactly once by the frame
FRAME_ANNEXES = ("situation_analysis", "action_plan_table")


@dataclass(frozen=True)
class FramePart:
    """One part of the document frame (``document.json``, not the decree's: the common structure of
    the HEP template). A heading at ``level`` (1–3); ``written`` parts get an input cell in the
    workbook (``guidance`` says what to write; ``optional`` ones may stay empty); ``generated`` names
    what the program puts there (one of FRAME_CONTENTS), after the clerk's text."""

    id: str
    level: int
    heading: str
    guidance: str = ""
    written: bool = False
    optional: bool = False
    generated: str = ""
    figures: tuple[str, ...] = ()  # for key_figures: the Annex 1 series shown
    figures_title: str = ""


@dataclass(frozen=True)
class Signatory:
    """Who signs the adopted document: the Fórum member with ``role`` (printed with ``title``); a
    role ``only_when_present`` is left out when no member has it (the mentor, where one helped)."""

    role: str  # a ForumRole id
    title: str
    only_when_present: bool = False


@dataclass(frozen=True)
class Catalog:
    version: str
    title: str
    short_title: str
    note: str
    annex1_intro: str
    min_history_years: int
    indicators: tuple[IndicatorDef, ...]
    checklist_title: str
    checklist_note: str
    chapters: tuple[Chapter, ...]
    action_plan_title: str
    columns: tuple[ActionColumn, ...]
    target_groups: tuple[TargetGroup, ...]
    forum_title: str
    forum_tasks: tuple[str, ...]
    forum_operation: tuple[str, ...]
    forum_rules: ForumRules
    forum_roles: tuple[ForumRole, ...]
    text_date: str = ""
    amendments: tuple[Amendment, ...] = ()
    repealed: Repeal | None = None
    programme: Programme = Programme(5, 2)
    census_years: tuple[int, ...] = ()
    population_series: str = ""  # the Annex 1 series the settlement sheet's population repeats
    data_gaps_section: str = ""  # the Annex 2 section that shows the data gaps ("adathiányok kimutatása")
    share_sums: tuple[ShareSum, ...] = ()
    consistency: tuple[Consistency, ...] = ()
    sources: tuple[TextSource, ...] = ()
    rules: tuple[RuleBasis, ...] = ()
    raw: dict = field(repr=False, compare=False, default_factory=dict)
    # not the decree's: the series the overview compares across settlements, with its source
    key_indicators: tuple[KeyIndicator, ...] = ()
    key_indicators_title: str = ""
    key_indicators_source: str = ""
    # not the decree's: the charts the document and the workbook draw, with their source
    charts: tuple[ChartDef, ...] = ()
    charts_title: str = ""
    charts_source: str = ""
    # not the decree's: the document frame, its signatories and where a measure's extra fields go in
    # its detail form (model field name -> the column role it follows)
    frame_parts: tuple[FramePart, ...] = ()
    frame_title: str = ""
    frame_source: str = ""
    frame_toc_levels: int = 3
    # how the text names its annexes ("annex1" -> "1. melléklet"), for documents that cite them
    annexes: dict = field(default_factory=dict, compare=False)
    signatories: tuple[Signatory, ...] = ()
    measure_form_after: tuple[tuple[str, str], ...] = ()
    # the monitoring of the action plan after adoption (``monitoring.json``): the statuses of a
    # measure in a year, the types of a Fórum meeting, and the implementation report's wording
    monitoring_title: str = ""
    monitoring_source: str = ""
    monitoring_statuses: tuple[ListValue, ...] = ()
    meeting_types: tuple[ListValue, ...] = ()
    report_title: str = ""
    report_basis: str = ""
    report_proposals: tuple[str, ...] = ()

    # -- lookups (computed once per catalog object) --------------------------------------------
    @cached_property
    def series_rows(self) -> tuple[SeriesDef, ...]:
        """Every Annex 1 data row, in the decree's order."""
        return tuple(row for ind in self.indicators for row in ind.rows)

    @cached_property
    def series_by_id(self) -> dict[str, SeriesDef]:
        return {s.id: s for s in self.series_rows}

    @cached_property
    def indicator_by_number(self) -> dict[int, IndicatorDef]:
        return {i.number: i for i in self.indicators}

    @cached_property
    def indicator_by_id(self) -> dict[str, IndicatorDef]:
        return {i.id: i for i in self.indicators}

    @cached_property
    def checklist_items(self) -> tuple[ChecklistItem, ...]:
        return tuple(item for ch in self.chapters for item in ch.items)

    @cached_property
    def checklist_by_id(self) -> dict[str, ChecklistItem]:
        return {i.id: i for i in self.checklist_items}

    @cached_property
    def target_group_by_id(self) -> dict[str, TargetGroup]:
        return {g.id: g for g in self.target_groups}

    @cached_property
    def column_by_id(self) -> dict[str, ActionColumn]:
        return {c.id: c for c in self.columns}

    @cached_property
    def role_by_id(self) -> dict[str, ForumRole]:
        return {r.id: r for r in self.forum_roles}

    @cached_property
    def rule_by_id(self) -> dict[str, RuleBasis]:
        return {r.id: r for r in self.rules}

    @cached_property
    def source_by_id(self) -> dict[str, TextSource]:
        return {s.id: s for s in self.sources}

    @cached_property
    def frame_part_by_id(self) -> dict[str, FramePart]:
        return {p.id: p for p in self.frame_parts}

    @cached_property
    def written_parts(self) -> tuple[FramePart, ...]:
        """The frame parts the clerk writes, in document order."""
        return tuple(p for p in self.frame_parts if p.written)

    def status_of(self, typed: str) -> ListValue | None:
        """The monitoring status a clerk typed (letter case and spacing ignored), or None."""
        folded = " ".join(typed.casefold().split())
        return next((v for v in self.monitoring_statuses if v.name.casefold() == folded), None) if folded else None

    def meeting_type_of(self, typed: str) -> ListValue | None:
        """The Fórum meeting type a clerk typed (letter case and spacing ignored), or None."""
        folded = " ".join(typed.casefold().split())
        return next((v for v in self.meeting_types if v.name.casefold() == folded), None) if folded else None

    def status_named(self, role: str) -> ListValue:
        """The monitoring status that means ``role`` (one of STATUS_ROLES)."""
        return next(v for v in self.monitoring_statuses if v.role == role)

    def column_of(self, role: str) -> ActionColumn:
        """The Annex 3 column that plays ``role`` (one of COLUMN_ROLES other than "text")."""
        return next(c for c in self.columns if c.role == role)

    def share_sum(self, rule_id: str) -> ShareSum | None:
        return next((s for s in self.share_sums if s.rule == rule_id), None)

    def indicator_of(self, series_id: str) -> IndicatorDef:
        return self.indicator_by_number[self.series_by_id[series_id].indicator_number]

    def to_dict(self) -> dict:
        """The catalog as plain data (what ``hep-xl catalog --format json`` prints)."""
        return self.raw


def _series_id(indicator_id: str, sub_id: str, single: bool) -> str:
    return indicator_id if single and sub_id == "total" else f"{indicator_id}.{sub_id}"


def _build_indicator(raw: dict) -> IndicatorDef:
    number, ind_id = raw["number"], raw["id"]
    subs = raw["series"]
    single = len(subs) == 1
    series: list[SeriesDef] = []
    components: list[SeriesDef] = []
    for s in subs:
        sid = _series_id(ind_id, s["id"], single)
        series.append(SeriesDef(sid, number, s["name"], s["unit"], s["kind"], counted=s.get("counted")))
        for role in COMPONENT_ROLES:
            part = s.get(role)
            if part:
                components.append(
                    SeriesDef(f"{ind_id}.{part['id']}", number, part["name"],
                              part.get("unit", "fő"), part.get("kind", "count"), role, sid, part.get("counted"))
                )
    d = raw.get("derivation")
    derivation = None if d is None else DerivationDef(
        d["kind"], d["formula"], d.get("base"), tuple(d.get("numerator", ())), tuple(d.get("denominator", ())))
    return IndicatorDef(
        number=number, id=ind_id, name=raw["name"], content=raw["content"], unit=raw["unit"],
        frequency=raw["frequency"], source=raw["source"], sections=tuple(raw["sections"]),
        series=tuple(series), components=tuple(components), derivation=derivation,
    )


def _build_chapter(raw: dict) -> Chapter:
    tg = raw.get("target_group")
    items = tuple(
        ChecklistItem(i["id"], i["level"], i.get("parent"), i["text"], raw["number"], tg,
                      i.get("conclusions_of"), bool(i.get("illustrative")))
        for i in raw["items"]
    )
    return Chapter(raw["number"], raw["title"], tg, items)


def _roles(raw: list[dict], kind: str) -> list[ForumRole]:
    return [ForumRole(r["id"], r["name"], kind, r["basis"], r.get("law", ""), r.get("expected", ""),
                      r.get("min_population")) for r in raw]


def _rules(raw: dict) -> tuple[tuple[TextSource, ...], tuple[RuleBasis, ...]]:
    sources = tuple(TextSource(k, v["title"], v["short"], bool(v["text_at_hand"])) for k, v in raw["sources"].items())
    rules = tuple(RuleBasis(k, v["severity"], v["source"], v["ref"], v["reason"], v.get("quote", ""),
                            v.get("summary", "")) for k, v in raw["rules"].items())
    return sources, rules


def _list_values(raw) -> list[ListValue]:
    return [ListValue(v["role"], v["name"], v["source"], v.get("quote", ""), v.get("summary", "")) for v in raw]


def _check_monitoring(cat: Catalog, fail) -> None:
    sources = cat.source_by_id
    for kind, values, roles in (("status", cat.monitoring_statuses, STATUS_ROLES),
                                ("meeting type", cat.meeting_types, MEETING_ROLES)):
        if values and sorted(v.role for v in values) != sorted(roles):
            fail(f"monitoring: every {kind} role once ({roles})")
        for v in values:
            if not v.name or v.source not in sources or not (v.quote or v.summary):
                fail(f"monitoring {kind} {v.role}: a name, a known source and a quote or summary are needed")
            if v.quote and not sources[v.source].text_at_hand:
                fail(f"monitoring {kind} {v.role}: a quote only from a text at hand")


def _check(cat: Catalog) -> None:
    def fail(msg: str) -> None:
        raise CatalogError(f"catalog {cat.version}: {msg}")

    numbers = [i.number for i in cat.indicators]
    if numbers != list(range(1, len(numbers) + 1)):
        fail("indicator numbers must run 1..N in order")
    for name, ids in (
        ("indicator", [i.id for i in cat.indicators]),
        ("series", [s.id for s in cat.series_rows]),
        ("checklist item", [i.id for i in cat.checklist_items]),
        ("target group", [g.id for g in cat.target_groups]),
        ("action-plan column", [c.id for c in cat.columns]),
        ("Fórum role", [r.id for r in cat.forum_roles]),
        ("key indicator", [k.id for k in cat.key_indicators]),
        ("chart", [c.id for c in cat.charts]),
        ("document part", [p.id for p in cat.frame_parts]),
    ):
        dupes = sorted({x for x in ids if ids.count(x) > 1})
        if dupes:
            fail(f"duplicate {name} ids: {dupes}")
    for ind in cat.indicators:
        if ind.frequency not in FREQUENCIES:
            fail(f"indicator {ind.number}: unknown frequency {ind.frequency!r}")
        if not ind.series:
            fail(f"indicator {ind.number}: no series")
        for s in ind.rows:
            if s.kind not in SERIES_KINDS:
                fail(f"series {s.id}: unknown kind {s.kind!r}")
        for sec in ind.sections:
            if sec not in cat.checklist_by_id:
                fail(f"indicator {ind.number}: unknown section {sec!r}")
        d = ind.derivation
        if d is not None:
            if d.kind not in DERIVATION_KINDS:
                fail(f"indicator {ind.number}: unknown derivation kind {d.kind!r}")
            inputs = ([d.base] if d.base else []) + list(d.numerator) + list(d.denominator)
            unknown = [i for i in inputs if i not in cat.series_by_id]
            if unknown:
                fail(f"indicator {ind.number}: derivation reads unknown series {unknown}")
            need = {"previous_year_percent": bool(d.base), "ageing_index": bool(d.numerator and d.denominator),
                    "ratio_percent": all(ind.component(s.id, "numerator") and ind.component(s.id, "denominator")
                                         for s in ind.series),
                    "complement_percent": all(ind.component(s.id, "complement") for s in ind.series)}
            if not need[d.kind]:
                fail(f"indicator {ind.number}: {d.kind} derivation lacks its inputs")
    groups = cat.target_group_by_id
    for item in cat.checklist_items:
        if item.parent is not None and item.parent not in cat.checklist_by_id and item.parent != item.chapter:
            fail(f"checklist item {item.id}: unknown parent {item.parent!r}")
        if item.conclusions_of is not None and item.conclusions_of not in groups:
            fail(f"checklist item {item.id}: unknown target group {item.conclusions_of!r}")
    for g in cat.target_groups:
        section = cat.checklist_by_id.get(g.conclusions_section)
        if section is None or section.conclusions_of != g.id:
            fail(f"target group {g.id}: conclusions section {g.conclusions_section} not marked")
    for k in cat.key_indicators:
        if k.series not in cat.series_by_id:
            fail(f"key indicator {k.id}: unknown series {k.series!r}")
    for ch in cat.charts:
        unknown = [i for i in ch.series if i not in cat.series_by_id]
        if ch.kind not in CHART_KINDS or not ch.series or unknown or ch.section not in cat.checklist_by_id:
            fail(f"chart {ch.id}: unknown kind, section or series {unknown}, or no series")
        if len({cat.series_by_id[i].unit for i in ch.series}) != 1:
            fail(f"chart {ch.id}: its series must share one unit")
        if ch.labels and len(ch.labels) != len(ch.series):
            fail(f"chart {ch.id}: one label per series")
    _check_frame(cat, fail)
    _check_monitoring(cat, fail)
    letters = [c.letter for c in cat.columns]
    if letters[0] is not None or letters[1:] != [chr(ord("A") + k) for k in range(len(letters) - 1)]:
        fail("action-plan columns must be the number followed by A, B, C, … in order")
    for s in cat.series_rows:
        if s.kind == "count" and s.counted not in COUNTED:
            fail(f"series {s.id}: a count needs 'counted', one of {COUNTED}")
    roles = [c.role for c in cat.columns]
    for role in COLUMN_ROLES:
        if role != "text" and roles.count(role) != 1:
            fail(f"action-plan columns: role {role!r} must belong to exactly one column")
    unknown_roles = sorted(set(roles) - set(COLUMN_ROLES))
    if unknown_roles:
        fail(f"action-plan columns: unknown roles {unknown_roles}")
    for r in cat.forum_roles:
        if r.basis not in ROLE_BASES or (r.basis == "law") != bool(r.law):
            fail(f"Fórum role {r.id}: basis must be one of {ROLE_BASES}, a law cited exactly when it is 'law'")
        if r.expected and r.expected not in ROLE_EXPECTED:
            fail(f"Fórum role {r.id}: unknown 'expected' {r.expected!r}")
        if (r.expected == "above_population") != (r.min_population is not None):
            fail(f"Fórum role {r.id}: min_population goes with expected 'above_population'")
    if cat.data_gaps_section and cat.data_gaps_section not in cat.checklist_by_id:
        fail(f"data gaps section: unknown Annex 2 item {cat.data_gaps_section!r}")
    if cat.population_series and cat.population_series not in cat.series_by_id:
        fail(f"settlement population: unknown series {cat.population_series!r}")
    for share_sum in cat.share_sums:
        unknown = [i for i in share_sum.series if i not in cat.series_by_id]
        if unknown:
            fail(f"share sum {share_sum.rule}: unknown series {unknown}")
    for c in cat.consistency:
        ids = [*c.parts, c.whole, *c.shares]
        unknown = [i for i in ids if i not in cat.series_by_id]
        if c.kind not in CONSISTENCY_KINDS or unknown or not c.parts or not c.ref:
            fail(f"consistency pair {c.parts} / {c.whole}: unknown kind or series {unknown}, or no reference")
        if (c.kind == "share_of_population") != bool(c.shares):
            fail(f"consistency pair {c.parts} / {c.whole}: shares go with 'share_of_population'")
    sources = cat.source_by_id
    for basis in cat.rules:
        if (basis.severity not in SEVERITIES or basis.source not in sources or not basis.ref
                or not basis.reason):
            fail(f"rule {basis.id}: severity, a known source, a reference and a reason are needed")
        if not (basis.quote or basis.summary) or (basis.quote and not sources[basis.source].text_at_hand):
            fail(f"rule {basis.id}: a quote (only from a text at hand) or a summary is needed")


def _check_frame(cat: Catalog, fail) -> None:
    if not cat.frame_parts:
        return
    previous = 0
    for p in cat.frame_parts:
        if not 1 <= p.level <= min(previous + 1, cat.frame_toc_levels) or not p.heading:
            fail(f"document part {p.id}: level {p.level} after level {previous}, or no heading")
        previous = p.level
        if p.generated and p.generated not in FRAME_CONTENTS:
            fail(f"document part {p.id}: unknown generated content {p.generated!r}")
        if p.written != bool(p.guidance) or (p.optional and not p.written):
            fail(f"document part {p.id}: a written part needs guidance (and only a written one may be optional)")
        unknown = [s for s in p.figures if s not in cat.series_by_id]
        if unknown or bool(p.figures) != (p.generated == "key_figures"):
            fail(f"document part {p.id}: figures go with key_figures, over known series {unknown}")
    generated = [p.generated for p in cat.frame_parts if p.generated]
    for content in FRAME_CONTENTS:
        if generated.count(content) > 1 or (content in FRAME_ANNEXES and content not in generated):
            fail(f"document frame: {content!r} must be placed once")
    for s in cat.signatories:
        if s.role not in cat.role_by_id or not s.title:
            fail(f"signatory: unknown Fórum role {s.role!r} or no title")
    if set(cat.annexes) != {"annex1", "annex2", "annex3"}:
        fail("document frame: catalog.json names its annexes (annexes: annex1, annex2, annex3)")
    for name, role in cat.measure_form_after:
        if role not in COLUMN_ROLES or role == "text":
            fail(f"measure form: {name} follows an unknown column role {role!r}")


def _read_json(folder: Path, name: str) -> dict:
    with open(folder / name, encoding="utf-8") as fh:
        return json.load(fh)


def available_versions() -> list[str]:
    return sorted(
        _read_json(p.parent, "catalog.json")["version"] for p in _HERE.glob("*/catalog.json")
    )


def _folder_of(version: str) -> Path:
    for p in _HERE.glob("*/catalog.json"):
        if _read_json(p.parent, "catalog.json")["version"] == version:
            return p.parent
    raise CatalogError(f"ismeretlen katalógusváltozat: {version!r} (ismert: {available_versions()})")


@cache
def load_catalog(version: str = DEFAULT_VERSION) -> Catalog:
    """Load and check one catalog version (cached: every caller shares the same object)."""
    folder = _folder_of(version)
    meta = _read_json(folder, "catalog.json")
    ind = _read_json(folder, "indicators.json")
    chk = _read_json(folder, "checklist.json")
    act = _read_json(folder, "action_plan.json")
    frm = _read_json(folder, "forum.json")
    keys = _read_json(folder, "key_indicators.json") if (folder / "key_indicators.json").is_file() else {}
    charts = _read_json(folder, "charts.json") if (folder / "charts.json").is_file() else {}
    doc = _read_json(folder, "document.json") if (folder / "document.json").is_file() else {}
    rul = _read_json(folder, "rules.json")
    mon = _read_json(folder, "monitoring.json") if (folder / "monitoring.json").is_file() else {}
    try:
        sources, rules = _rules(rul)
        repeal = meta.get("repealed")
        cat = Catalog(
            version=meta["version"], title=meta["title"], short_title=meta["short_title"],
            note=meta.get("note", ""), annex1_intro=meta.get("annex1_intro", ""),
            min_history_years=int(meta.get("min_history_years", 5)),
            indicators=tuple(_build_indicator(i) for i in ind["indicators"]),
            checklist_title=chk["title"], checklist_note=chk.get("illustrative_note", ""),
            chapters=tuple(_build_chapter(c) for c in chk["chapters"]),
            action_plan_title=act["title"],
            columns=tuple(ActionColumn(c["letter"], c["id"], c["heading"], c.get("role", "text"))
                          for c in act["columns"]),
            target_groups=tuple(
                TargetGroup(g["id"], g["key"], g["name"], g["short_name"], g["chapter"],
                            g["conclusions_section"]) for g in act["target_groups"]
            ),
            forum_title=frm["title"], forum_tasks=tuple(frm["tasks"]),
            forum_operation=tuple(frm["operation"]), forum_rules=ForumRules(**frm["rules"]),
            forum_roles=tuple(_roles(frm["member_roles"], "member")
                              + _roles(frm["invitee_roles"], "invitee")),
            text_date=meta.get("text_date", ""),
            amendments=tuple(Amendment(a["act"], a["part"], a["change"], a["footnote"], a["quote"])
                             for a in meta.get("amendments", ())),
            repealed=Repeal(repeal["date"], repeal["by"], repeal["footnote"], repeal["quote"]) if repeal else None,
            programme=Programme(**meta["programme"]),
            census_years=tuple(ind.get("census_years", ())),
            population_series=ind.get("settlement_population", {}).get("series", ""),
            data_gaps_section=chk.get("data_gaps_section", ""),
            share_sums=tuple(ShareSum(s["rule"], tuple(s["series"]), s["total"]) for s in ind.get("share_sums", ())),
            consistency=tuple(Consistency(c["kind"], tuple(c["parts"]), c["whole"], c["ref"], c["reason"],
                                          tuple(c.get("shares", ()))) for c in ind.get("consistency", ())),
            sources=sources, rules=rules,
            raw={"catalog": meta, "annex1": ind, "annex2": chk, "annex3": act, "forum": frm, "rules": rul,
                 **({"key_indicators": keys} if keys else {}), **({"charts": charts} if charts else {}),
                 **({"document": doc} if doc else {}), **({"monitoring": mon} if mon else {})},
            key_indicators=tuple(KeyIndicator(k["id"], k["series"], k["label"]) for k in keys.get("indicators", ())),
            charts=tuple(ChartDef(c["id"], c["section"], c["kind"], c["title"], tuple(c["series"]),
                                  tuple(c.get("labels", ()))) for c in charts.get("charts", ())),
            frame_parts=tuple(
                FramePart(p["id"], int(p["level"]), p["heading"], p.get("guidance", ""), bool(p.get("written")),
                          bool(p.get("optional")), p.get("generated", ""), tuple(p.get("figures", ())),
                          p.get("figures_title", "")) for p in doc.get("parts", ())),
            frame_title=doc.get("title", ""), frame_source=doc.get("source", ""),
            frame_toc_levels=int(doc.get("toc_levels", 3)), annexes=dict(meta.get("annexes", {})),
            signatories=tuple(Signatory(s["role"], s["title"], bool(s.get("only_when_present")))
                              for s in doc.get("signatories", ())),
            measure_form_after=tuple(doc.get("measure_form_after", {}).items()),
            charts_title=charts.get("title", ""), charts_source=charts.get("source", ""),
            key_indicators_title=keys.get("title", ""), key_indicators_source=keys.get("source", ""),
            monitoring_title=mon.get("title", ""), monitoring_source=mon.get("source", ""),
            monitoring_statuses=tuple(_list_values(mon.get("statuses", ()))),
            meeting_types=tuple(_list_values(mon.get("meeting_types", ()))),
            report_title=mon.get("report", {}).get("title", ""), report_basis=mon.get("report", {}).get("basis", ""),
            report_proposals=tuple(mon.get("report", {}).get("proposals", ())),
        )
    except (KeyError, TypeError) as exc:
        raise CatalogError(f"catalog {version}: malformed data ({exc!r})") from exc
    _check(cat)
    return cat
