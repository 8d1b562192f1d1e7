"""Each rule broken in a real workbook (written by the real writer or edited as a clerk would with
openpyxl), read by the real reader, validated: the exact rule ID, severity and cell are asserted.

Cell references were checked by hand against the writer's layout (template version 2): settlement
fields start at B4 (name B4, code B5, county B6, population B7, period B8–B9, adoption B10, reviews
B12–B13); the indicators table's header is row 4, its rows from row 5 in catalog order with a
heading row above the rows of each indicator that has more than one, year columns F..J for
2020..2024, the note column N; the checklist table's rows from row 5, a heading row above each
chapter's items (status C, narrative D); the problems table's data at row 5 (A id, B group, C title,
E deferral reason); each target group's measures table has 6 rows, data starting at rows 7, 16, 25,
34, 43 (A number … H deadline, I indicators); the Fórum's three tables, each on a sheet of its own,
have their data from row 5: members (A name, B role, C organisation, D responsible area), meetings
(A date, C minutes), working groups (B leader, D last report).

Rules that look at what is overdue are checked as of AS_OF, after the programme period: the clean
model's record covers the whole period, so nothing is due whenever it is validated.
"""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

from hep_xl.catalog import load_catalog
from hep_xl.model import NO_DATA, ForumMeeting, ForumMember, Measure
from hep_xl.validate import ValidationConfig, validate, validate_hep
from hep_xl.validate.ksh import check_digit, is_valid
from hep_xl.workbook.reader import read_workbook

from .test_validate_fixtures import YEARS, clean_hep, write_and_read

CAT = load_catalog()
S, I, C, K, M, F = ("Településadatok", "1. Mutatók", "2. Helyzetelemzés", "Következtetések",  # noqa: E741 — the sheets by initial
                    "3. Intézkedési terv", "HEP Fórum")
D = "Bevezetés és megvalósítás"  # the document frame sheet
FM, FG = "HEP Fórum – ülések", "HEP Fórum – munkacsoportok"
AS_OF = dt.date(2030, 1, 10)
CONFIG = ValidationConfig(as_of=AS_OF)
# the clean model's one finding: a 2025 programme on the catalog of a decree repealed in 2021
BASELINE = {("VER-001", f"{S}!B8")}
FICTIONAL = "99990"  # passes the check digit (9 + 27 + 63 + 81 = 180), no settlement has it


def _indicator_rows() -> list[str | None]:
    """The indicator table's rows in order: a series id, or None for an indicator's heading row."""
    out: list[str | None] = []
    for i in CAT.indicators:
        out += ([None] if len(i.rows) > 1 else []) + [s.id for s in i.rows]
    return out


def ind(sid: str, year) -> str:
    """The cell of a series' year (or "note") in the indicators table, from the catalog order."""
    row = 5 + _indicator_rows().index(sid)
    col = "N" if year == "note" else "FGHIJ"[YEARS.index(year)]
    return f"{I}!{col}{row}"


def chk(item_id: str, col: str) -> str:
    rows = [r for ch in CAT.chapters for r in (None, *(i.id for i in ch.items))]
    return f"{C}!{col}{5 + rows.index(item_id)}"


def found(report, *, include_info=True) -> set[tuple[str, str]]:
    return {(f.rule_id, f.location) for f in report.findings
            if include_info or f.severity.value != "info"} - BASELINE


def run(tmp_path, mutate, config=CONFIG):
    hep = clean_hep()
    mutate(hep)
    return validate(write_and_read(hep, tmp_path / "hep.xlsx"), config=config)


def _set(obj, **kw):
    for k, v in kw.items():
        setattr(obj, k, v)


def _val(sid, year, value):
    return lambda h: h.indicators[sid].values.__setitem__(year, value)


def _measure(i, **kw):
    return lambda h: _set(h.measures[i], **kw)


def _problem(i, **kw):
    return lambda h: _set(h.problems[i], **kw)


def _entry(item, **kw):
    return lambda h: _set(h.checklist[item], **kw)


def _reviews(*days):
    return lambda h: _set(h.settlement, review_dates=[dt.date.fromisoformat(d) for d in days])


def _settlement(**kw):
    return lambda h: _set(h.settlement, **kw)


def _kaba(h):
    """The settlement becomes Kaba (02307, Hajdú-Bihar), where the register lists a roma
    nationality self-government."""
    _set(h.settlement, name="Kaba", ksh_code="02307", county="Hajdú-Bihar")


def _drop_meeting(i):
    return lambda h: h.forum.meetings.pop(i)


CASES = [
    # settlement data
    ("SET-001 county", _settlement(county=""), {("SET-001", f"{S}!B6")}),
    ("SET-002 four digits", _settlement(ksh_code="1234"), {("SET-002", f"{S}!B5")}),
    ("SET-003 check digit", _settlement(ksh_code="26214"), {("SET-003", f"{S}!B5")}),
    ("SET-004 six years", _settlement(period_end=2030), {("SET-004", f"{S}!B9")}),
    ("SET-005 review late", _reviews("2027-03-01", "2029-02-10"), {("SET-005", f"{S}!B12")}),
    ("SET-006 adoption pending", _settlement(resolution_number=""), {("SET-006", f"{S}!B11")}),
    # (the review of 2030-02-10 is after AS_OF: the Fórum can still meet before it, no FOR-013 yet)
    ("SET-007 review after the period", _reviews("2027-02-15", "2030-02-10"),
     {("SET-007", f"{S}!B13"), ("SET-009", f"{S}!B12")}),
    ("SET-007 review before adoption", _reviews("2024-12-01", "2027-02-15"),
     {("SET-007", f"{S}!B12"), ("SET-009", f"{S}!B13"), ("FOR-013", f"{FM}!A5")}),
    ("SET-008 reviews out of order", _reviews("2029-02-10", "2027-02-15"), {("SET-008", f"{S}!B13")}),
    ("SET-009 no review since adoption", _reviews(), {("SET-009", f"{S}!B10")}),
    ("SET-010 population", _settlement(population=2500), {("SET-010", f"{S}!B7")}),
    ("SET-011 name of another code", _settlement(name="Kaba"), {("SET-011", f"{S}!B4")}),
    ("SET-012 county", _settlement(county="Heves"), {("SET-012", f"{S}!B6")}),
    ("SET-013 fictional code", _settlement(name="Kitaláltfalva", ksh_code=FICTIONAL),
     {("SET-013", f"{S}!B5")}),
    ("SET-014 registered name, other code", _settlement(ksh_code=FICTIONAL), {("SET-014", f"{S}!B5")}),
    # Annex 1 completeness
    ("IND-001 blank", lambda h: h.indicators["resident_population"].values.pop(2024),
     {("IND-001", ind("resident_population", 2024))}),
    ("IND-002 no note", _val("registered_jobseekers", 2024, NO_DATA),
     {("IND-002", ind("registered_jobseekers", "note"))}),
    ("IND-003 data gap listed", lambda h: (_val("housing_stock", 2024, NO_DATA)(h),
                                          _set(h.indicators["housing_stock"], note="a KSH nem közölte")),
     {("IND-003", ind("housing_stock", 2024))}),
    ("IND-004 four years", lambda h: _set(h, years=[2021, 2022, 2023, 2024]), {("IND-004", f"{I}!A5")}),
    # Annex 1 plausibility
    ("IND-010 fraction of a count at a date", _val("housing_stock", 2023, 12.5),
     {("IND-010", ind("housing_stock", 2023))}),
    ("IND-010 negative", _val("kindergarten_sites", 2021, -1), {("IND-010", ind("kindergarten_sites", 2021))}),
    ("IND-011 fraction", _val("natural_increase", 2021, -12.5), {("IND-011", ind("natural_increase", 2021))}),
    ("IND-012 over 100", _val("permanent_population.age_0_2_share", 2020, 107),
     {("IND-012", ind("permanent_population.age_0_2_share", 2020)),
      ("IND-030", ind("permanent_population.age_0_2_share", 2021))}),
    ("IND-013 negative ratio", _val("kindergarten_demand_ratio", 2022, -5),
     {("IND-013", ind("kindergarten_demand_ratio", 2022)), ("IND-022", ind("kindergarten_demand_ratio", 2022))}),
    ("IND-014 sexes", _val("permanent_population.male_share", 2023, 50.6),
     {("IND-014", ind("permanent_population.female_share", 2023))}),
    ("IND-015 ages", _val("permanent_population.male_18_59_share", 2022, 29.0),
     {("IND-015", ind("permanent_population.male_0_14_share", 2022))}),
    ("IND-020 change", _val("resident_population_change", 2024, 101.2),
     {("IND-020", ind("resident_population_change", 2024))}),
    ("IND-021 ageing", _val("ageing_index", 2022, 170), {("IND-021", ind("ageing_index", 2022))}),
    ("IND-022 ratio", _val("unemployment_rate_by_sex.female_rate", 2023, 8.0),
     {("IND-022", ind("unemployment_rate_by_sex.female_rate", 2023))}),
    ("IND-023 complement", _val("no_primary_education_share.female_share", 2022, 19.1),
     {("IND-023", ind("no_primary_education_share.female_share", 2022))}),
    ("IND-030 jump", _val("housing_stock", 2024, 140), {("IND-030", ind("housing_stock", 2024))}),
    # Annex 1: counts that contain each other (both cells: the part here, the whole in the message)
    ("IND-040 long-term jobseekers over all", _val("long_term_jobseekers", 2023, 20),
     {("IND-040", ind("long_term_jobseekers", 2023))}),
    ("IND-040 education groups over all", _val("jobseekers_by_education.primary_school", 2021, 12),
     {("IND-040", ind("jobseekers_by_education.primary_school", 2021))}),
    ("IND-040 special-needs classes", _val("special_needs_primary_classes", 2022, 13),
     {("IND-040", ind("special_needs_primary_classes", 2022))}),
    ("IND-040 special-needs groups", _val("special_needs_kindergarten_groups", 2020, 11),
     {("IND-040", ind("special_needs_kindergarten_groups", 2020))}),
    ("IND-040 support recipients over entitled jobseekers", _val("employment_substitute_support_recipients", 2021, 14),
     {("IND-040", ind("employment_substitute_support_recipients", 2021))}),
    ("IND-041 age bands", _val("jobseekers_by_age.over_59", 2022, 5),
     {("IND-041", ind("jobseekers_by_age.under_20", 2022))}),
    ("IND-041 sexes", _val("unemployment_rate_by_sex.male_jobseekers", 2020, 7),
     {("IND-041", ind("unemployment_rate_by_sex.male_jobseekers", 2020)),
      ("IND-022", ind("unemployment_rate_by_sex.male_rate", 2020))}),
    ("IND-042 15-17-year-olds", _val("population_15_17.age_16", 2022, 60),
     {("IND-042", ind("population_15_17.age_15", 2022))}),
    # Annex 2
    ("CHK-001 status", _entry("1.1", status=""), {("CHK-001", chk("1.1", "C"))}),
    ("CHK-002 status", _entry("1.1", status="készen"), {("CHK-002", chk("1.1", "C"))}),
    ("CHK-003 narrative", _entry("3.2", narrative=""), {("CHK-003", chk("3.2", "D"))}),
    ("CHK-003 point of chapter 8", _entry("8.a", narrative=""), {("CHK-003", chk("8.a", "D"))}),
    ("CHK-004 reason", _entry("3.2", status="nem releváns", narrative=""), {("CHK-004", chk("3.2", "D"))}),
    ("CHK-005 unfinished", _entry("6.1", status="folyamatban"), {("CHK-005", chk("6.1", "C"))}),
    ("CHK-006 illustrative point", _entry("3.2.a", status="", narrative=""), {("CHK-006", chk("3.2.a", "D"))}),
    ("CHK-006 illustrative point not started", _entry("4.3.b", status="nincs elkezdve", narrative=""),
     {("CHK-006", chk("4.3.b", "D"))}),
    ("CHK-010 conclusions", _problem(2, target_group="II"),
     {("CHK-010", chk("5.8", "D")), ("ACT-004", f"{M}!C25")}),
    ("PRB-001 id", _problem(5, problem_id=""), {("PRB-001", f"{K}!A10")}),
    ("PRB-002 duplicate", _problem(5, problem_id="I-1"), {("PRB-002", f"{K}!A10")}),
    ("PRB-003 group", _problem(5, target_group="VI"), {("PRB-003", f"{K}!B10")}),
    ("PRB-004 title", _problem(5, title=""), {("PRB-004", f"{K}!C10")}),
    # Annex 3
    ("ACT-001 goal", _measure(0, goal=""), {("ACT-001", f"{M}!D7")}),
    ("ACT-001 problem", _measure(0, problem=""), {("ACT-001", f"{M}!C7"), ("ACT-005", f"{K}!E5")}),
    ("ACT-002 number", _measure(0, number=None), {("ACT-002", f"{M}!A7")}),
    ("ACT-003 unknown", _measure(0, problem="I-9"), {("ACT-003", f"{M}!C7"), ("ACT-005", f"{K}!E5")}),
    ("ACT-004 other group", _measure(0, problem="II-1"), {("ACT-004", f"{M}!C7"), ("ACT-005", f"{K}!E5")}),
    ("ACT-005 not addressed", _problem(5, deferral_reason=""), {("ACT-005", f"{K}!E10")}),
    ("ACT-006 group V", lambda h: h.measures.pop(4), {("ACT-006", f"{M}!A43"), ("ACT-005", f"{K}!E9")}),
    ("ACT-007 not a date", _measure(1, deadline="folyamatos"), {("ACT-007", f"{M}!H16")}),
    ("ACT-007 empty", _measure(1, deadline=""), {("ACT-007", f"{M}!H16")}),
    ("ACT-008 after period", _measure(2, deadline=dt.date(2031, 6, 30)), {("ACT-008", f"{M}!H25")}),
    ("ACT-008 text before", _measure(2, deadline="2024. december 31."), {("ACT-008", f"{M}!H25")}),
    ("ACT-009 responsible", _measure(3, responsible=""), {("ACT-009", f"{M}!G34")}),
    ("ACT-010 continuous", _measure(4, indicators="folyamatos"), {("ACT-010", f"{M}!I43")}),
    ("ACT-010 empty", _measure(4, indicators=""), {("ACT-010", f"{M}!I43")}),
    ("ACT-011 duplicate", lambda h: h.measures.insert(2, Measure(**{**vars(h.measures[1]), "title": "másik"})),
     {("ACT-011", f"{M}!A17")}),
    # Fórum: the recommended composition, and what a law requires
    ("FOR-001 notary", lambda h: h.forum.members.pop(1), {("FOR-001", f"{F}!A5")}),
    ("FOR-007 round table over 2000", lambda h: h.forum.members.pop(3), {("FOR-007", f"{F}!A5")}),
    ("FOR-008 nationality self-government in the register", _kaba, {("FOR-008", f"{F}!A5")}),
    # meetings
    ("FOR-002 interval", lambda h: _set(h.forum.meetings[0], date=dt.date(2022, 1, 10)),
     {("FOR-002", f"{FM}!A6")}),
    ("FOR-003 no meeting", lambda h: h.forum.meetings.clear(),
     {("FOR-003", f"{FM}!A5"), ("FOR-012", f"{FM}!A5"), ("FOR-013", f"{FM}!A5")}),
    ("FOR-004 minutes", lambda h: _set(h.forum.meetings[0], minutes_ref=""), {("FOR-004", f"{FM}!C5")}),
    ("FOR-005 date", lambda h: h.forum.meetings.append(ForumMeeting(None, "5 fő", "7/2025.")),
     {("FOR-005", f"{FM}!A9")}),
    ("FOR-012 meeting only after adoption", lambda h: _set(h.forum.meetings[1], date=dt.date(2025, 3, 10)),
     {("FOR-012", f"{FM}!A5")}),
    ("FOR-013 no meeting before the first review", _drop_meeting(2),
     {("FOR-013", f"{FM}!A5"), ("FOR-002", f"{FM}!A7")}),
    ("FOR-014 no meeting for two years", _drop_meeting(3),
     {("FOR-014", f"{FM}!A7"), ("FOR-013", f"{FM}!A5")}),
    # working groups and responsible persons
    ("FOR-006 working groups are optional", lambda h: h.forum.working_groups.clear(), {("FOR-006", f"{FG}!A5")}),
    ("FOR-009 leader not a member", lambda h: _set(h.forum.working_groups[0], leader="Fekete Judit"),
     {("FOR-009", f"{FG}!B5")}),
    ("FOR-010 report overdue", lambda h: _set(h.forum.working_groups[0], last_report=dt.date(2027, 6, 1)),
     {("FOR-010", f"{FG}!D5")}),
    ("FOR-011 invitee responsible for an area",
     lambda h: h.forum.members.append(ForumMember("Dr. Simon Katalin", "equal_opportunity_mentor", "TKKI",
                                                  "módszertan")),
     {("FOR-011", f"{F}!D10")}),
    # texts of any sheet
    ("TXT-001 control character", _problem(5, title="Hiányzó\x01 óvodai férőhely"), {("TXT-001", f"{K}!C10")}),
    # the document frame (HEP template) and the measures' detail forms
    ("DOC-001 introduction", lambda h: h.frame.texts.pop("introduction"),
     {("DOC-001", f"{D}!E7")}),
    ("DOC-001 optional adoption text", lambda h: h.frame.texts.pop("adoption"), set()),
    ("DOC-002 partners", _measure(0, partners=""), {("DOC-002", f"{M}!L7")}),
    ("DOC-003 risks", _measure(1, risks="", risk_mitigation=""), {("DOC-003", f"{M}!M16")}),
    ("DOC-004 mitigation", _measure(1, risk_mitigation=""), {("DOC-004", f"{M}!N16")}),
]


# The severity each rule must have, written out by hand from the texts' words (kötelező → hiba,
# javasolt → figyelmeztetés, lehetőség → tájékoztatás; plausibility checks warn): the catalog's
# rules.json must agree.
E, W, N = "error", "warning", "info"
SEVERITY = {
    "READ-001": E, "SET-001": E, "SET-002": E, "SET-003": E, "SET-004": E, "SET-005": E, "SET-006": N,
    "SET-007": E, "SET-008": W, "SET-009": E, "SET-010": W, "SET-011": E, "SET-012": E, "SET-013": N,
    "SET-014": E, "VER-001": N,
    "IND-001": E, "IND-002": E, "IND-003": N, "IND-004": E, "IND-010": E, "IND-011": E, "IND-012": E,
    "IND-013": E, "IND-014": W, "IND-015": W, "IND-020": E, "IND-021": E, "IND-022": E, "IND-023": E,
    "IND-030": W, "IND-040": W, "IND-041": W, "IND-042": W,
    "CHK-001": E, "CHK-002": E, "CHK-003": E, "CHK-004": E, "CHK-005": W, "CHK-006": N, "CHK-010": E,
    "PRB-001": E, "PRB-002": E, "PRB-003": E, "PRB-004": E,
    "ACT-001": E, "ACT-002": W, "ACT-003": E, "ACT-004": W, "ACT-005": E, "ACT-006": E, "ACT-007": E,
    "ACT-008": E, "ACT-009": E, "ACT-010": E, "ACT-011": W,
    "FOR-001": W, "FOR-002": E, "FOR-003": W, "FOR-004": E, "FOR-005": E, "FOR-006": N, "FOR-007": E,
    "FOR-008": W, "FOR-009": E, "FOR-010": E, "FOR-011": E, "FOR-012": E, "FOR-013": E, "FOR-014": E,
    "TXT-001": E, "TXT-002": E,
    "DOC-001": W, "DOC-002": N, "DOC-003": W, "DOC-004": W,
    "MON-001": E, "MON-002": W, "MON-003": E, "MON-004": E, "MON-005": E, "MON-006": E,
}


@pytest.mark.parametrize("mutate,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_broken_rule_is_reported_at_its_cell(tmp_path, mutate, expected):
    report = run(tmp_path, mutate)
    assert found(report) == expected
    for f in report.findings:
        assert f.severity.value == SEVERITY[f.rule_id], f.rule_id
        assert f.message("hu") and f.message("en") and "?" not in f.text("hu")


def test_every_rule_has_a_test_a_severity_and_messages():
    from hep_xl.validate import RULES
    from hep_xl.validate.messages import TEXTS

    # READ-001: test_clerk_typed_text_deadline_…; VER-001: test_rules_version_information;
    # TXT-002: test_text_longer_than_a_cell_holds_is_reported_at_its_cell
    # MON-*: tests/test_monitoring_rules.py
    from .test_monitoring_rules import COVERED as MONITORING

    covered = {rule for _, _, exp in CASES for rule, _ in exp} | {"READ-001", "VER-001", "TXT-002"} | MONITORING
    assert set(RULES) == covered
    assert set(RULES) == set(TEXTS) == set(SEVERITY)
    assert {r.id: r.severity.value for r in RULES.values()} == SEVERITY


def test_rules_version_information(tmp_path):
    """VER-001: the rules of emmi-2012 were repealed on 2 August 2021; a programme starting later
    gets an information naming the repeal and the catalog version; one starting earlier does not."""
    (f,) = [f for f in run(tmp_path, lambda h: None).findings if f.rule_id == "VER-001"]
    assert (f.location, f.severity.value) == (f"{S}!B8", "info")
    text = f.message()
    assert "24/2021. (VII. 30.) BM rendelet" in text and "2021.08.02." in text and "emmi-2012" in text
    assert "2017.09.19." in text
    hep = clean_hep()
    hep.settlement.period_start, hep.settlement.period_end = 2021, 2025
    assert "VER-001" not in {f.rule_id for f in validate_hep(hep, config=CONFIG).findings}
    hep.settlement.period_start, hep.settlement.period_end = 2022, 2026
    assert "VER-001" in {f.rule_id for f in validate_hep(hep, config=CONFIG).findings}


def test_info_findings_data_gap_and_pending_adoption(tmp_path):
    def mutate(h):
        h.indicators["registered_jobseekers"].values[2024] = NO_DATA
        h.indicators["registered_jobseekers"].note = "a NFSZ nem közölt adatot"
        h.settlement.adoption_date = None

    report = run(tmp_path, mutate)
    assert found(report, include_info=True) == {("IND-003", ind("registered_jobseekers", 2024)),
                                                ("SET-006", f"{S}!B10")}
    assert not report.has_errors
    gap = next(f for f in report.findings if f.rule_id == "IND-003")
    assert "a NFSZ nem közölt adatot" in gap.message()


def test_census_indicator_needs_latest_census_year_only(tmp_path):
    # 2022 is a census year inside 2020..2024: other years may stay blank (clean model), 2022 may not
    report = run(tmp_path, lambda h: h.indicators["population_15_17.age_16"].values.clear())
    assert found(report) == {("IND-001", ind("population_15_17.age_16", 2022))}


def test_census_indicator_without_census_year_accepts_stated_gap(tmp_path):
    def shift(h, note):
        h.years = [2013, 2014, 2015, 2016, 2017]
        h.settlement.period_start, h.settlement.period_end = 2018, 2022
        for s in h.indicators.values():
            s.values = {y - 7: v for y, v in s.values.items()}
        h.indicators["resident_population_change"].values[2013] = 99.5
        for sid in ("no_primary_education_share.male_share", "no_primary_education_share.female_share"):
            h.indicators[sid].values = {2017: NO_DATA}
            h.indicators[sid].note = note
        for m in h.measures:
            m.deadline = dt.date(2020, 6, 30)
        for m in h.forum.meetings:
            m.date = m.date.replace(year=m.date.year - 7)
        for w in h.forum.working_groups:
            w.last_report = w.last_report.replace(year=w.last_report.year - 7)
        h.settlement.review_dates = [dt.date(2020, 2, 15), dt.date(2022, 2, 10)]
        h.settlement.adoption_date = dt.date(2018, 2, 27)

    report = run(tmp_path, lambda h: shift(h, "népszámlálási adat csak 2011-ből van"))
    assert {f.rule_id for f in report.findings} == {"IND-003"}, found(report, include_info=True)
    report = run(tmp_path, lambda h: shift(h, ""))
    assert found(report) == {("IND-002", ind("no_primary_education_share.male_share", "note")),
                             ("IND-002", ind("no_primary_education_share.female_share", "note"))}


def _clerk_edit(tmp_path, edits: dict[tuple[str, str], object]):
    path = tmp_path / "szerkesztett.xlsx"
    write_and_read(clean_hep(), path)
    wb = load_workbook(path)
    for (sheet, cell), value in edits.items():
        wb[sheet][cell] = value
    wb.save(path)
    return validate(read_workbook(path))


def test_clerk_typed_deadlines_in_hungarian_formats_are_accepted(tmp_path):
    report = _clerk_edit(tmp_path, {(M, "H7"): "2027. június 30.", (M, "H16"): "2027.06.30",
                                    (M, "H25"): "2028. XII. 31.", (M, "H34"): dt.datetime(2026, 3, 31)})
    assert found(report, include_info=True) == set()


def test_clerk_typed_text_deadline_outside_period_and_unreadable_number(tmp_path):
    jobseekers_2024 = ind("registered_jobseekers", 2024)
    report = _clerk_edit(tmp_path, {(M, "H7"): "2030. január 15.", (I, jobseekers_2024.split("!")[1]): "1.234",
                                    (M, "I16"): "  Folyamatos. "})
    assert found(report) == {("ACT-008", f"{M}!H7"), ("READ-001", jobseekers_2024),
                             ("ACT-010", f"{M}!I16")}
    read = next(f for f in report.findings if f.rule_id == "READ-001")
    assert read.value == "1.234" and "1.234" in read.message()


def test_text_longer_than_a_cell_holds_is_reported_at_its_cell(tmp_path):
    # Excel, xlsxwriter and openpyxl all stop at 32 767 characters; another program need not
    import zipfile

    _clerk_edit(tmp_path, {(M, "F7"): "HOSSZU-SZOVEG-HELYE"})
    path = tmp_path / "szerkesztett.xlsx"
    with zipfile.ZipFile(path) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    long_text = ("hosszú szöveg " * 2500).strip().encode()  # 34 999 characters
    parts = {name: data.replace(b"HOSSZU-SZOVEG-HELYE", long_text) for name, data in parts.items()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    report = validate(read_workbook(path))
    assert found(report) == {("TXT-002", f"{M}!F7")}
    assert "34 999" in next(f for f in report.findings if f.rule_id == "TXT-002").message()


def test_clerk_deleted_mayor_row(tmp_path):
    """The mayor is in the recommended composition ("A HEP Fórumok javasolt összetétele"): a
    warning that says so, not an error."""
    report = _clerk_edit(tmp_path, {(F, "A5"): None, (F, "B5"): None})
    assert found(report) == {("FOR-001", f"{F}!A5")}
    (f,) = [f for f in report.findings if f.rule_id == "FOR-001"]
    assert f.severity.value == "warning" and not report.has_errors
    assert "polgármester" in f.message() and "javasolt összetétel" in f.message()


def test_round_table_message_cites_the_law(tmp_path):
    (f,) = [f for f in run(tmp_path, lambda h: h.forum.members.pop(3)).findings if f.rule_id == "FOR-007"]
    assert f.severity.value == "error" and "Szt.) 58/B. § (2)" in f.message()


def test_nationality_leader_among_the_members_satisfies_the_register(tmp_path):
    def mutate(h):
        _kaba(h)
        h.forum.members.append(ForumMember("Lakatos Béla", "nationality_self_government_leaders",
                                           "Kabai Roma Nemzetiségi Önkormányzat"))

    assert found(run(tmp_path, mutate)) == set()
    (f,) = [f for f in run(tmp_path, _kaba).findings if f.rule_id == "FOR-008"]
    assert "roma" in f.message() and "KSH Helységnévtár 2018" in f.message()


def _population(h, population):
    """The settlement's population and indicator 1 (with 2 from it) set together."""
    pops = [population + 40 - 10 * i for i in range(len(YEARS))]
    pops[-1] = population
    h.settlement.population = population
    h.indicators["resident_population"].values = dict(zip(YEARS, pops))
    h.indicators["resident_population_change"].values.update(
        {y: round(pops[i] / pops[i - 1] * 100, 2) for i, y in enumerate(YEARS) if i})


def test_population_below_threshold_needs_no_round_table_or_working_groups(tmp_path):
    def mutate(h):
        _population(h, 1500)
        h.forum.members.pop(3)
        h.forum.working_groups.clear()

    assert found(run(tmp_path, mutate)) == set()


def test_working_groups_above_threshold_are_an_option_not_a_duty(tmp_path):
    (f,) = run(tmp_path, lambda h: h.forum.working_groups.clear()).findings[-1:]
    assert (f.rule_id, f.severity.value) == ("FOR-006", "info")
    assert "alakíthat" in f.message() and "nem kötelező" in f.message()


def test_population_is_compared_with_indicator_1_of_the_last_year(tmp_path):
    (f,) = [f for f in run(tmp_path, _settlement(population=2500)).findings if f.rule_id == "SET-010"]
    assert "2500" in f.message() and "2520" in f.message() and ind("resident_population", 2024) in f.message()


def test_review_overdue_depends_on_the_day_of_validation(tmp_path):
    def no_reviews(h):
        h.settlement.review_dates = []

    early, late = ValidationConfig(as_of=dt.date(2027, 2, 20)), ValidationConfig(as_of=dt.date(2027, 3, 1))
    assert found(run(tmp_path, no_reviews, early)) == set()
    assert found(run(tmp_path, no_reviews, late)) == {("SET-009", f"{S}!B10")}


def test_working_group_report_and_meetings_are_due_until_the_period_ends(tmp_path):
    def stale(h):
        h.forum.working_groups[0].last_report = dt.date(2027, 6, 1)

    assert found(run(tmp_path, stale, ValidationConfig(as_of=dt.date(2028, 5, 31)))) == set()
    assert found(run(tmp_path, stale, ValidationConfig(as_of=dt.date(2028, 6, 2)))) == {("FOR-010", f"{FG}!D5")}
    # long after the programme, nothing more is due than at its end
    assert found(run(tmp_path, stale, ValidationConfig(as_of=dt.date(2040, 1, 1)))) == {("FOR-010", f"{FG}!D5")}


def test_quarterly_averages_may_be_fractions_counts_at_a_date_may_not(tmp_path):
    """IND-010: 8–15 are yearly averages of four quarters, 55 an "átlagos száma"; 116,75 is right."""
    def mutate(h):
        h.indicators["registered_jobseekers"].values[2023] = 12.75
        h.indicators["long_term_jobseekers"].values[2023] = 12.5
        h.indicators["employment_substitute_support_recipients"].values[2023] = 11.75

    assert found(run(tmp_path, mutate)) == set()
    assert found(run(tmp_path, _val("kindergarten_groups", 2023, 12.5))) == {
        ("IND-010", ind("kindergarten_groups", 2023)), ("IND-040", ind("special_needs_kindergarten_groups", 2023))}


def test_containment_message_names_both_cells(tmp_path):
    (f,) = [f for f in run(tmp_path, _val("long_term_jobseekers", 2023, 20)).findings if f.rule_id == "IND-040"]
    text = f.message()
    assert f.location == ind("long_term_jobseekers", 2023) and ind("registered_jobseekers", 2023) in text
    assert "20" in text and "13" in text and "1. melléklet 15. és 13. sor" in text


def test_illustrative_points_left_blank_are_information_and_not_counted(tmp_path):
    points = [i.id for i in CAT.checklist_items if i.illustrative]
    assert len(points) == 69

    def blank(h):
        for p in points:
            h.checklist[p].status, h.checklist[p].narrative = "", ""

    report = run(tmp_path, blank)
    assert {f.rule_id for f in report.findings} - {"VER-001"} == {"CHK-006"}
    assert len([f for f in report.findings if f.rule_id == "CHK-006"]) == 69
    assert not report.has_errors and report.scores["annex2"] == 1.0


def test_config_tolerances(tmp_path):
    mutate = _val("housing_stock", 2024, 43)  # 14 -> 43: a 3.07x jump
    assert found(run(tmp_path, mutate)) == {("IND-030", ind("housing_stock", 2024))}
    assert found(run(tmp_path, mutate, ValidationConfig(as_of=AS_OF, jump_factor=4))) == set()
    assert found(run(tmp_path, mutate, ValidationConfig(as_of=AS_OF, disabled_rules=frozenset({"IND-030"})))) == set()


def test_model_without_cell_map_names_the_sheet():
    hep = clean_hep()
    hep.settlement.ksh_code = "12345"
    hep.measures[0].responsible = ""
    report = validate_hep(hep)
    assert {(f.rule_id, f.sheet, f.cell) for f in report.findings} == {
        ("SET-003", S, ""), ("ACT-009", M, ""), ("VER-001", S, "")}
    assert report.findings[0].message().startswith(f"{S}: ")


def test_scores_per_annex(tmp_path):
    report = run(tmp_path, _entry("1.1", status="", narrative=""))
    n = sum(not i.illustrative for i in CAT.checklist_items) + len(CAT.target_groups)
    assert n == 113 - 69 + 5
    assert report.scores["annex2"] == pytest.approx((n - 1) / n)
    assert report.scores["annex1"] == report.scores["annex3"] == report.scores["forum"] == 1.0
    assert report.scores["overall"] == pytest.approx((4 + (n - 1) / n) / 5)


def test_finding_to_dict_and_english():
    hep = clean_hep()
    hep.settlement.ksh_code = "12345"
    f = validate_hep(hep).findings[0]
    d = f.to_dict("en")
    assert d["rule_id"] == "SET-003" and d["severity"] == "error" and d["severity_label"] == "error"
    assert d["params"]["expected"] == 4 and d["value"] == "12345"
    assert "check digit" in d["message"]
    assert f.to_dict()["severity_label"] == "hiba" and "ellenőrző szám" in f.message()


# real codes: Budapest, Debrecen, Szeged, Miskolc, Pécs, Győr, Nyíregyháza, Kecskemét, Székesfehérvár
REAL_KSH_CODES = ("13578", "15130", "33367", "30456", "19415", "25584", "17206", "26684", "14827")


@pytest.mark.parametrize("code,ok", [*((c, True) for c in REAL_KSH_CODES), ("12344", True), ("12345", False),
                                     ("12342", False), ("01001", False), ("1513", False), ("1513a", False)])
def test_ksh_check_digit(code, ok):
    assert is_valid(code) is ok


def test_ksh_check_digit_formula():
    assert check_digit("1357") == (1 * 1 + 3 * 3 + 7 * 5 + 9 * 7) % 10 == 8


def test_rule_table_is_up_to_date():
    """The README's rule table is the catalog's: severity and source sentence of every rule."""
    from pathlib import Path

    from hep_xl.validate import RULES
    from hep_xl.validate.explain import with_rule_table
    from hep_xl.validate.messages import title

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert with_rule_table(readme) == readme, "futtassa: python -m hep_xl.validate.explain README.md"
    for r in RULES.values():
        basis = r.basis()
        words = basis.quote or basis.summary
        assert f"| `{r.id}` | {r.severity.label('hu')} |" in readme and title(r.id) in readme and words in readme, r.id


def test_example_codes_pass_our_own_check_digit():
    """The examples a clerk reads (the workbook's help beside the code cell, the messages) are codes
    that SET-003 accepts; the README's sample code too, and it is in no settlement's register entry."""
    import re
    import tempfile
    from pathlib import Path

    from hep_xl import register
    from hep_xl.model import Settlement, field_info
    from hep_xl.validate.messages import TEXTS

    texts = [field_info(Settlement, "ksh_code").help] + [m for rid in ("SET-002", "SET-003")
                                                         for _, m, *_ in TEXTS[rid].values()]
    wb = load_workbook(write_and_read(clean_hep(), Path(tempfile.mkdtemp()) / "pelda.xlsx").path)
    texts += [f"{dv.error} {dv.prompt}" for ws in wb.worksheets for dv in ws.data_validations.dataValidation]
    texts += [str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row
              if isinstance(c.value, str) and "pl." in c.value]
    # (a number in a code of the decree's own, such as 80111-5-01 of an indicator's text, is no KSH code)
    codes = [c for text in texts for c in re.findall(r"\b\d{5}\b(?!-\d)", text)]
    assert len(codes) >= 3 and all(is_valid(c) for c in codes), codes
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    sample = re.findall(r'--settlement "(?:Példafalva|Kisháza)" --ksh-code (\d{5})', readme)
    assert sample and set(sample) == {"10898"}
    assert is_valid("10898") and register.by_code("10898") is None
