"""The monitoring rules (MON-001 … MON-006), each broken once on top of a clean monitored record,
written by the real writer, read back by the real reader and validated: the exact rule and cell.

The clean record is the validator fixtures' clean HEP (programme 2025–2029, five measures due
2027-06-30, one working group) with a complete monitoring as of AS_OF (2030-01-10): every measure
in progress in 2025 and 2026 and done in 2027; a Fórum meeting reviewing each year 2025–2028 (2029's
look-back is due only by 2030-03-31); the working group's report on each of those years. Nothing
in it is found but the fixtures' VER-001.

Cells checked by hand against the writer's layout (template version 3): the Megvalósítás table's
header is row 4, its data from row 5 in the order written (measure I/1 in 2025, 2026, 2027, then II/1,
…: III/1's 2027 row is 13), columns A group, B number, C year, D status, H comment, K the deciding
meeting; the meetings (HEP Fórum – ülések) from row 5, E their type; the working groups (HEP Fórum –
munkacsoportok) from row 5; a measure's deadline on the action plan's sheet in column H (the decree's
G after the number column), IV/1's in row 34.
"""

from __future__ import annotations

import datetime as dt

import pytest

from hep_xl.catalog import load_catalog
from hep_xl.model import ForumMeeting, MonitoringRecord, WorkingGroupReport
from hep_xl.validate import ValidationConfig, validate, validate_hep

from .test_validate_fixtures import clean_hep, write_and_read

CAT = load_catalog()
AS_OF = dt.date(2030, 1, 10)
CONFIG = ValidationConfig(as_of=AS_OF)
GROUP = "Gyermek munkacsoport"
P, M, FM, FG = "Megvalósítás", "3. Intézkedési terv", "HEP Fórum – ülések", "HEP Fórum – munkacsoportok"
REVIEWS = {2025: dt.date(2026, 1, 20), 2026: dt.date(2027, 2, 1), 2027: dt.date(2028, 1, 24),
           2028: dt.date(2029, 1, 25)}


def monitored_hep():
    hep = clean_hep()
    fo = hep.forum
    for meeting in fo.meetings:
        meeting.kind = "rendes"
    for year, day in REVIEWS.items():
        meeting = next((m for m in fo.meetings if m.date == day), None)
        if meeting is None:
            meeting = ForumMeeting(day, "7 fő", f"1/{day.year}.", "a beavatkozások éves áttekintése")
            fo.meetings.append(meeting)
        meeting.kind, meeting.reviewed_year, meeting.report_year = "rendes", year, year
        meeting.decisions = f"{year}. évi beszámoló elfogadásra javasolva"
        fo.reports.append(WorkingGroupReport(GROUP, year, day, f"A(z) {year}. év munkája.", "II/1"))
    fo.meetings.sort(key=lambda m: m.date)
    for m in hep.measures:
        for year, status, reached in ((2025, "folyamatban", 8), (2026, "folyamatban", 15), (2027, "megvalósult", 21)):
            hep.progress.append(MonitoringRecord(m.target_group, m.number, year, status, 20, reached,
                                                 "a tervezett keret", "", "Kiss Anna", dt.date(year, 12, 15)))
    return hep


def mon_findings(hep, config=CONFIG) -> list:
    return [f for f in validate_hep(hep, config=config).findings if f.rule_id.startswith("MON-")]


def found(hep, config=CONFIG) -> set[tuple]:
    return {(f.rule_id, f.field, str(f.value)) for f in mon_findings(hep, config)}


def found_in_workbook(hep, path, config=CONFIG) -> tuple[set[tuple[str, str]], list]:
    report = validate(write_and_read(hep, path), config=config)
    mine = [f for f in report.findings if f.rule_id.startswith("MON-")]
    return {(f.rule_id, f.location) for f in mine}, mine


def _record(hep, group, year):
    return next(r for r in hep.progress if r.target_group == group and r.year == year)


def _drop_review(year):
    def mutate(h):
        meeting = next(m for m in h.forum.meetings if m.reviewed_year == year)
        meeting.reviewed_year = None
    return mutate


def _status(group, year, status, **kw):
    def mutate(h):
        r = _record(h, group, year)
        r.status = status
        for k, v in kw.items():
            setattr(r, k, v)
    return mutate


def _no_records(group):
    return lambda h: setattr(h, "progress", [r for r in h.progress if r.target_group != group])


def _last_not_done(group, comment=""):
    return _status(group, 2027, "folyamatban", comment=comment)


# (case id, mutation, what is found: (rule, field, value))
CASES = [
    ("MON-001 a closed year without its review", _drop_review(2026), {("MON-001", f"{FM}!A5")}),
    ("MON-001 the last closed year", _drop_review(2028), {("MON-001", f"{FM}!A5")}),
    ("MON-002 deadline passed, still in progress, no reason", _last_not_done("III"),
     {("MON-002", f"{P}!H13")}),
    ("MON-002 deadline passed, still in progress with the reason", _last_not_done("III", "a pályázat csúszik"),
     set()),
    ("MON-002 deadline passed and no status at all", _no_records("IV"), {("MON-002", f"{M}!H34")}),
    ("MON-002 a cancelled measure is not overdue", _status("V", 2027, "törölve", decided_at=dt.date(2028, 1, 24),
                                                           comment="a forrás megszűnt"), set()),
    ("MON-003 modified without the deciding meeting", _status("II", 2026, "módosítva"),
     {("MON-003", f"{P}!K9")}),
    ("MON-003 modified on a day without a meeting", _status("II", 2026, "Módosítva", decided_at=dt.date(2027, 3, 1)),
     {("MON-003", f"{P}!K9")}),
    ("MON-003 modified by a recorded meeting", _status("II", 2026, "módosítva", decided_at=dt.date(2027, 2, 1)),
     set()),
    ("MON-004 a working group's year without report",
     lambda h: h.forum.reports.remove(next(r for r in h.forum.reports if r.year == 2027)),
     {("MON-004", f"{FG}!A5")}),
    ("MON-005 a status outside the list", _status("I", 2025, "kész"), {("MON-005", f"{P}!D5")}),
    ("MON-005 a status left empty", _status("I", 2025, ""), {("MON-005", f"{P}!D5")}),
    ("MON-005 a meeting type outside the list", lambda h: setattr(h.forum.meetings[0], "kind", "soros"),
     {("MON-005", f"{FM}!E5")}),
    ("MON-006 a row about no measure", lambda h: setattr(_record(h, "I", 2025), "measure_number", 7),
     {("MON-006", f"{P}!B5")}),
    ("MON-006 a year outside the programme", lambda h: setattr(_record(h, "I", 2025), "year", 2024),
     {("MON-006", f"{P}!C5")}),
]
COVERED = {rule for _, _, expected in CASES for rule, _ in expected}


def test_clean_monitored_record_has_no_monitoring_finding(tmp_path):
    hep = monitored_hep()
    result = write_and_read(hep, tmp_path / "figyelt.xlsx")
    assert result.issues == [] and result.hep == hep
    assert [(f.rule_id, f.location) for f in validate(result, config=CONFIG).findings] == [
        ("VER-001", "Településadatok!B8")]


@pytest.mark.parametrize("mutate,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_broken_monitoring_rule_is_reported_at_its_cell(tmp_path, mutate, expected):
    hep = monitored_hep()
    mutate(hep)
    where, findings = found_in_workbook(hep, tmp_path / "hep.xlsx")
    assert where == expected
    for f in findings:
        assert f.severity.value == CAT.rule_by_id[f.rule_id].severity
        assert f.message("hu") and f.message("en") and "?" not in f.text("hu")


def test_a_years_look_back_is_due_three_months_after_its_end():
    hep = monitored_hep()
    _drop_review(2028)(hep)
    hep.forum.reports = [r for r in hep.forum.reports if r.year != 2028]
    assert found(hep, ValidationConfig(as_of=dt.date(2029, 3, 31))) == set()
    assert found(hep, ValidationConfig(as_of=dt.date(2029, 4, 1))) == {("MON-001", "reviewed_year", "2028"),
                                                                      ("MON-004", "name", GROUP)}


def test_messages_name_the_year_the_measure_and_the_list():
    hep = monitored_hep()
    _drop_review(2026)(hep)
    _last_not_done("III")(hep)
    _status("II", 2026, "módosítva")(hep)
    _status("I", 2025, "kész")(hep)
    texts = {f.rule_id: f.text("hu") for f in mon_findings(hep)}
    assert "A(z) 2026. év beavatkozásainak felülvizsgálata nincs rögzítve" in texts["MON-001"]
    assert "2027.03.31." in texts["MON-001"]  # due three months after the year's end
    assert "A(z) III/1 intézkedés határideje (2027.06.30.) lejárt" in texts["MON-002"]
    assert "„megvalósult”" in texts["MON-002"]
    assert "A(z) II/1 intézkedés 2026. évi állapota „módosítva”" in texts["MON-003"]
    assert "nincs megadva a döntő ülés dátuma" in texts["MON-003"]
    assert texts["MON-005"].startswith("A(z) I/1 intézkedés 2025. évi állapota („kész”) nem választható")
    assert "nem kezdődött el, folyamatban, megvalósult" in texts["MON-005"]


def test_a_record_without_monitoring_is_not_asked_for_it():
    """A workbook made before the monitoring (no Megvalósítás rows, no report, no meeting typed as
    the monitoring asks) gets none of the yearly rules: its format cannot hold them."""
    hep = clean_hep()
    assert hep.progress == [] and hep.forum.reports == []
    assert mon_findings(hep) == []
    hep.forum.meetings[1].kind = "elfogadás előtti"  # the clerk starts to keep the monitoring
    rules = {f.rule_id for f in mon_findings(hep)}
    assert {"MON-001", "MON-002", "MON-004"} <= rules


def test_the_lists_are_the_catalogs():
    assert [v.name for v in CAT.monitoring_statuses] == [
        "nem kezdődött el", "folyamatban", "megvalósult", "részben valósult meg", "elmaradt", "módosítva", "törölve"]
    assert [v.name for v in CAT.meeting_types] == ["rendes", "felülvizsgálati", "rendkívüli", "elfogadás előtti"]
    assert CAT.status_of("  MEGVALÓSULT ").role == "done" and CAT.status_of("kész") is None
    assert {v.source for v in CAT.monitoring_statuses} == {"practice", "forum_page"}
