"""Each rule broken in a real workbook (written by the real writer or edited as a clerk would with
openpyxl), read by the real reader, validated: the exact rule ID and cell are asserted.

Cell references were checked by hand against the writer's layout: settlement fields start at B4;
the indicators table's header is row 4, its first data row 5 (catalog order), year columns H..L for
2020..2024, the note column O; the checklist table's data starts at row 5 (status D, narrative E);
the problems table's data at row 5 (A id, B group, C title, E deferral reason); each target group's
measures table has 6 rows, data starting at rows 5, 15, 25, 35, 45 (A number … I indicators);
on the Fórum sheet the members table's data starts at A6, the meetings' at A30, working groups' at A42.
"""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

from hep_xl.catalog import load_catalog
from hep_xl.model import NO_DATA, ForumMeeting, Measure
from hep_xl.validate import ValidationConfig, validate, validate_hep
from hep_xl.validate.ksh import check_digit, is_valid
from hep_xl.workbook.reader import read_workbook

from .test_validate_fixtures import YEARS, clean_hep, write_and_read

CAT = load_catalog()
S, I, C, K, M, F = ("Településadatok", "1. Mutatók", "2. Helyzetelemzés", "Következtetések",
                    "3. Intézkedési terv", "HEP Fórum")


def ind(sid: str, year) -> str:
    """The cell of a series' year (or "note") in the indicators table, from the catalog order."""
    row = 5 + [s.id for s in CAT.series_rows].index(sid)
    col = "O" if year == "note" else "HIJKL"[YEARS.index(year)]
    return f"{I}!{col}{row}"


def chk(item_id: str, col: str) -> str:
    return f"{C}!{col}{5 + [i.id for i in CAT.checklist_items].index(item_id)}"


def found(report, *, include_info=False) -> set[tuple[str, str]]:
    return {(f.rule_id, f.location) for f in report.findings
            if include_info or f.severity.value != "info"}


def run(tmp_path, mutate, config=None):
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


CASES = [
    # settlement data
    ("SET-001 county", lambda h: _set(h.settlement, county=""), {("SET-001", f"{S}!B6")}),
    ("SET-002 four digits", lambda h: _set(h.settlement, ksh_code="1234"), {("SET-002", f"{S}!B5")}),
    ("SET-003 check digit", lambda h: _set(h.settlement, ksh_code="12345"), {("SET-003", f"{S}!B5")}),
    ("SET-004 six years", lambda h: _set(h.settlement, period_end=2030), {("SET-004", f"{S}!B9")}),
    ("SET-005 review late", lambda h: _set(h.settlement, review_dates=[dt.date(2027, 3, 1)]),
     {("SET-005", f"{S}!B12")}),
    # Annex 1 completeness
    ("IND-001 blank", lambda h: h.indicators["resident_population"].values.pop(2024),
     {("IND-001", ind("resident_population", 2024))}),
    ("IND-002 no note", _val("registered_jobseekers", 2024, NO_DATA),
     {("IND-002", ind("registered_jobseekers", "note"))}),
    ("IND-004 four years", lambda h: _set(h, years=[2021, 2022, 2023, 2024]), {("IND-004", f"{I}!A5")}),
    # Annex 1 plausibility
    ("IND-010 fraction", _val("registered_jobseekers", 2023, 12.5),
     {("IND-010", ind("registered_jobseekers", 2023))}),
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
    ("IND-030 jump", _val("registered_jobseekers", 2024, 140), {("IND-030", ind("registered_jobseekers", 2024))}),
    # Annex 2
    ("CHK-001 status", _entry("1.1", status=""), {("CHK-001", chk("1.1", "D"))}),
    ("CHK-002 status", _entry("1.1", status="készen"), {("CHK-002", chk("1.1", "D"))}),
    ("CHK-003 narrative", _entry("3.2.a", narrative=""), {("CHK-003", chk("3.2.a", "E"))}),
    ("CHK-004 reason", _entry("3.2.a", status="nem releváns", narrative=""), {("CHK-004", chk("3.2.a", "E"))}),
    ("CHK-005 unfinished", _entry("6.1", status="folyamatban"), {("CHK-005", chk("6.1", "D"))}),
    ("CHK-010 conclusions", _problem(2, target_group="II"),
     {("CHK-010", chk("5.8", "E")), ("ACT-004", f"{M}!C25")}),
    ("PRB-001 id", _problem(5, problem_id=""), {("PRB-001", f"{K}!A10")}),
    ("PRB-002 duplicate", _problem(5, problem_id="I-1"), {("PRB-002", f"{K}!A10")}),
    ("PRB-003 group", _problem(5, target_group="VI"), {("PRB-003", f"{K}!B10")}),
    ("PRB-004 title", _problem(5, title=""), {("PRB-004", f"{K}!C10")}),
    # Annex 3
    ("ACT-001 goal", _measure(0, goal=""), {("ACT-001", f"{M}!D5")}),
    ("ACT-001 problem", _measure(0, problem=""), {("ACT-001", f"{M}!C5"), ("ACT-005", f"{K}!E5")}),
    ("ACT-002 number", _measure(0, number=None), {("ACT-002", f"{M}!A5")}),
    ("ACT-003 unknown", _measure(0, problem="I-9"), {("ACT-003", f"{M}!C5"), ("ACT-005", f"{K}!E5")}),
    ("ACT-004 other group", _measure(0, problem="II-1"), {("ACT-004", f"{M}!C5"), ("ACT-005", f"{K}!E5")}),
    ("ACT-005 not addressed", _problem(5, deferral_reason=""), {("ACT-005", f"{K}!E10")}),
    ("ACT-006 group V", lambda h: h.measures.pop(4), {("ACT-006", f"{M}!A45"), ("ACT-005", f"{K}!E9")}),
    ("ACT-007 not a date", _measure(1, deadline="folyamatos"), {("ACT-007", f"{M}!H15")}),
    ("ACT-007 empty", _measure(1, deadline=""), {("ACT-007", f"{M}!H15")}),
    ("ACT-008 after period", _measure(2, deadline=dt.date(2031, 6, 30)), {("ACT-008", f"{M}!H25")}),
    ("ACT-008 text before", _measure(2, deadline="2024. december 31."), {("ACT-008", f"{M}!H25")}),
    ("ACT-009 responsible", _measure(3, responsible=""), {("ACT-009", f"{M}!G35")}),
    ("ACT-010 continuous", _measure(4, indicators="folyamatos"), {("ACT-010", f"{M}!I45")}),
    ("ACT-010 empty", _measure(4, indicators=""), {("ACT-010", f"{M}!I45")}),
    ("ACT-011 duplicate", lambda h: h.measures.insert(2, Measure(**{**vars(h.measures[1]), "title": "másik"})),
     {("ACT-011", f"{M}!A16")}),
    # Fórum
    ("FOR-001 notary", lambda h: h.forum.members.pop(1), {("FOR-001", f"{F}!A6")}),
    ("FOR-001 round table over 2000", lambda h: h.forum.members.pop(3), {("FOR-001", f"{F}!A6")}),
    ("FOR-002 interval", lambda h: _set(h.forum.meetings[0], date=dt.date(2022, 1, 10)),
     {("FOR-002", f"{F}!A31")}),
    ("FOR-003 no meeting", lambda h: h.forum.meetings.clear(), {("FOR-003", f"{F}!A30")}),
    ("FOR-004 minutes", lambda h: _set(h.forum.meetings[0], minutes_ref=""), {("FOR-004", f"{F}!C30")}),
    ("FOR-005 date", lambda h: h.forum.meetings.append(ForumMeeting(None, "5 fő", "7/2025.")),
     {("FOR-005", f"{F}!A32")}),
    ("FOR-006 working groups", lambda h: h.forum.working_groups.clear(), {("FOR-006", f"{F}!A42")}),
]


@pytest.mark.parametrize("mutate,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_broken_rule_is_reported_at_its_cell(tmp_path, mutate, expected):
    report = run(tmp_path, mutate)
    assert found(report) == expected
    for f in report.findings:
        assert f.message("hu") and f.message("en") and "?" not in f.text("hu")


def test_every_rule_has_a_test_and_messages():
    from hep_xl.validate import RULES
    from hep_xl.validate.messages import TEXTS

    covered = {rule for _, _, exp in CASES for rule, _ in exp} | {"READ-001", "SET-006", "IND-003"}
    assert set(RULES) <= covered
    assert set(RULES) == set(TEXTS)


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
        h.settlement.adoption_date, h.settlement.review_dates = dt.date(2018, 2, 1), []
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
    report = _clerk_edit(tmp_path, {(M, "H5"): "2027. június 30.", (M, "H15"): "2027.06.30",
                                    (M, "H25"): "2028. XII. 31.", (M, "H35"): dt.datetime(2026, 3, 31)})
    assert found(report, include_info=True) == set()


def test_clerk_typed_text_deadline_outside_period_and_unreadable_number(tmp_path):
    report = _clerk_edit(tmp_path, {(M, "H5"): "2030. január 15.", (I, "L47"): "1.234",
                                    (M, "I15"): "  Folyamatos. "})
    assert found(report) == {("ACT-008", f"{M}!H5"), ("READ-001", f"{I}!L47"),
                             ("ACT-010", f"{M}!I15")}
    read = next(f for f in report.findings if f.rule_id == "READ-001")
    assert read.value == "1.234" and "1.234" in read.message()


def test_clerk_deleted_mayor_row(tmp_path):
    report = _clerk_edit(tmp_path, {(F, "A6"): None, (F, "B6"): None})
    assert found(report) == {("FOR-001", f"{F}!A6")}
    assert "polgármester" in next(iter(report.findings)).message()


def test_population_below_threshold_needs_no_round_table_or_working_groups(tmp_path):
    def mutate(h):
        h.settlement.population = 1500
        h.forum.members.pop(3)
        h.forum.working_groups.clear()

    assert found(run(tmp_path, mutate)) == set()


def test_config_tolerances(tmp_path):
    mutate = _val("registered_jobseekers", 2024, 40)  # 13 -> 40: a 3.08x jump
    assert found(run(tmp_path, mutate)) == {("IND-030", ind("registered_jobseekers", 2024))}
    assert found(run(tmp_path, mutate, ValidationConfig(jump_factor=4))) == set()
    assert found(run(tmp_path, mutate, ValidationConfig(disabled_rules=frozenset({"IND-030"})))) == set()


def test_model_without_cell_map_names_the_sheet():
    hep = clean_hep()
    hep.settlement.ksh_code = "12345"
    hep.measures[0].responsible = ""
    report = validate_hep(hep)
    assert {(f.rule_id, f.sheet, f.cell) for f in report.findings} == {("SET-003", S, ""), ("ACT-009", M, "")}
    assert report.findings[0].message().startswith(f"{S}: ")


def test_scores_per_annex(tmp_path):
    report = run(tmp_path, _entry("1.1", status="", narrative=""))
    n = len(CAT.checklist_items) + len(CAT.target_groups)
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
    from pathlib import Path

    from hep_xl.validate import RULES
    from hep_xl.validate.messages import title

    table = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for r in RULES.values():
        assert f"| `{r.id}` | {r.severity.label('hu')} |" in table and title(r.id) in table, r.id
