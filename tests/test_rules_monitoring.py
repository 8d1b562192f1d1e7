"""The monitoring rules (MON-001 … MON-006), one rule at a time on the clean monitored record
(monitored_hep() of tests/test_monitoring_rules.py; tests/rule_check.py runs the rule).

Worked out by hand from that record: the programme 2025–2029; five measures I/1 … V/1 due 2027-06-30;
their Megvalósítás rows in the order written, three per measure (2025, 2026, 2027: I/1's rows 0–2,
II/1's 3–5, III/1's 6–8, IV/1's 9–11, V/1's 12–14), "folyamatban" twice, then "megvalósult"; meetings
(after sorting) on 2024-03-15, 2025-02-10, 2026-01-20, 2027-02-01, 2028-01-24, 2029-01-25, the last four
reviewing 2025–2028; the working group's reports on 2025–2028. A year's look-back is due
yearly_review_months = 3 months after its end, 31 March: as of rule_check.AS_OF (2030-01-10) the closed
years are 2025–2028 (2029's is due 2030-03-31).
"""

from __future__ import annotations

import datetime as dt

import pytest

from hep_xl.catalog import load_catalog
from hep_xl.model import ForumMeeting, MonitoringRecord, WorkingGroup, WorkingGroupReport
from hep_xl.validate.registry import RULES
from hep_xl.validate.rules.monitoring import closed_years, monitoring_kept

from .rule_check import context, hits, messages
from .test_monitoring_rules import GROUP, monitored_hep
from .test_validate_fixtures import clean_hep

CAT = load_catalog()
D = dt.date
MON_RULES = [r for r in RULES if r.startswith("MON-")]
MEETINGS = ("table", "meetings")
DONE = "megvalósult"
STATUSES = "nem kezdődött el, folyamatban, megvalósult, részben valósult meg, elmaradt, módosítva, törölve"
KINDS = "rendes, felülvizsgálati, rendkívüli, elfogadás előtti"


def found(rule_id, hep, **kw) -> list[tuple]:
    return [(h.key, h.field, h.value, h.params) for h in hits(rule_id, hep, **kw)]


def _row(hep, group, year):
    return next(i for i, r in enumerate(hep.progress) if r.target_group == group and r.year == year)


def _record(hep, group, year):
    return hep.progress[_row(hep, group, year)]


def _drop_review(hep, year):
    next(m for m in hep.forum.meetings if m.reviewed_year == year).reviewed_year = None


def _drop_report(hep, year):
    hep.forum.reports = [r for r in hep.forum.reports if r.year != year]


def test_the_clean_monitored_record_breaks_no_monitoring_rule():
    assert len(MON_RULES) == 6
    hep = monitored_hep()
    assert [(_row(hep, g, 2025), _row(hep, g, 2027)) for g in ("I", "II", "III", "IV", "V")] == [
        (0, 2), (3, 5), (6, 8), (9, 11), (12, 14)]
    for rule_id in MON_RULES:
        assert hits(rule_id, hep) == [], rule_id
        assert hits(rule_id, clean_hep()) == [], rule_id


# -- what a record keeping the monitoring is, and which years are closed --------------------------------

def test_a_record_keeps_the_monitoring_when_any_of_its_parts_is_filled_in():
    assert not monitoring_kept(context(clean_hep()))
    assert monitoring_kept(context(monitored_hep()))

    def kept(change) -> bool:
        hep = clean_hep()
        change(hep)
        return monitoring_kept(context(hep))

    assert kept(lambda h: h.progress.append(MonitoringRecord("I", 1, 2025, "folyamatban")))
    assert kept(lambda h: h.forum.reports.append(WorkingGroupReport(GROUP, 2025)))
    assert kept(lambda h: setattr(h.forum.meetings[3], "kind", "rendes"))
    assert kept(lambda h: setattr(h.forum.meetings[3], "reviewed_year", 2028))
    assert kept(lambda h: setattr(h.forum.meetings[3], "report_year", 2028))
    assert kept(lambda h: setattr(h.forum.meetings[3], "revised_plan", "a HEP IT 2027. évi felülvizsgálata"))
    assert not kept(lambda h: setattr(h.forum.meetings[3], "kind", " \t"))
    assert not kept(lambda h: setattr(h.forum.meetings[3], "revised_plan", "  "))
    assert not kept(lambda h: setattr(h.forum.meetings[3], "decisions", "a beszámolót elfogadja"))


def test_a_year_is_closed_three_months_after_its_end():
    hep = monitored_hep()
    assert closed_years(context(hep, as_of=D(2026, 3, 31))) == []
    assert closed_years(context(hep, as_of=D(2026, 4, 1))) == [(2025, D(2026, 3, 31))]
    assert closed_years(context(hep)) == [(y, D(y + 1, 3, 31)) for y in (2025, 2026, 2027, 2028)]
    # with no look-back time the year is closed the day after 31 December; never beyond the period
    assert closed_years(context(hep, as_of=D(2029, 12, 31), yearly_review_months=0)) == [
        (y, D(y, 12, 31)) for y in (2025, 2026, 2027, 2028)]
    assert closed_years(context(hep, as_of=D(2030, 1, 1), yearly_review_months=0)) == [
        (y, D(y, 12, 31)) for y in (2025, 2026, 2027, 2028, 2029)]
    # two months after 31 December: the end of February (2028 a leap year)
    assert closed_years(context(hep, as_of=D(2040, 1, 1), yearly_review_months=2)) == [
        (2025, D(2026, 2, 28)), (2026, D(2027, 2, 28)), (2027, D(2028, 2, 29)), (2028, D(2029, 2, 28)),
        (2029, D(2030, 2, 28))]


def test_no_closed_year_without_a_period_or_past_the_calendar():
    hep = monitored_hep()
    hep.settlement.period_start = None
    assert closed_years(context(hep)) == []
    hep = monitored_hep()
    hep.settlement.period_end = None
    assert closed_years(context(hep)) == []
    hep.settlement.period_start, hep.settlement.period_end = 9998, 9999  # 9999's look-back: year 10000
    assert closed_years(context(hep, as_of=D(9999, 12, 31))) == [(9998, D(9999, 3, 31))]
    hep.settlement.period_start = hep.settlement.period_end = 10**20  # OverflowError
    assert closed_years(context(hep)) == []
    # a year that is no date is skipped, the years after it are still counted
    hep.settlement.period_start, hep.settlement.period_end = 0, 1
    assert closed_years(context(hep)) == [(1, D(2, 3, 31))]


# -- MON-001 the yearly review --------------------------------------------------------------------------

def test_a_closed_year_without_its_review():
    hep = monitored_hep()
    _drop_review(hep, 2026)
    assert found("MON-001", hep) == [(MEETINGS, "reviewed_year", 2026, {"year": 2026, "due": "2027.03.31."})]
    assert messages("MON-001", hep) == [
        "A(z) 2026. év beavatkozásainak felülvizsgálata nincs rögzítve: egyik Fórum-ülésnél sem áll 2026 az "
        "„Áttekintett év” oszlopban (esedékes volt 2027.03.31. napig). A Fórum feladata a beavatkozások "
        "évenkénti felülvizsgálata; írja be az ülést, amelyen az évet áttekintette."]


def test_the_first_and_the_last_closed_year_in_year_order():
    hep = monitored_hep()
    _drop_review(hep, 2028)
    _drop_review(hep, 2025)
    assert [(h.value, h.params["due"]) for h in hits("MON-001", hep)] == [(2025, "2026.03.31."), (2028, "2029.03.31.")]


@pytest.mark.parametrize("as_of,months,found_", [
    (D(2029, 3, 31), 3, False), (D(2029, 4, 1), 3, True), (D(2029, 2, 28), 2, False), (D(2029, 3, 1), 2, True)])
def test_the_last_review_is_due_by_the_end_of_its_look_back(as_of, months, found_):
    hep = monitored_hep()
    _drop_review(hep, 2028)
    due = "2029.03.31." if months == 3 else "2029.02.28."
    expected = [(MEETINGS, "reviewed_year", 2028, {"year": 2028, "due": due})]
    assert found("MON-001", hep, as_of=as_of, yearly_review_months=months) == (expected if found_ else [])


def test_a_record_starting_to_keep_the_monitoring_is_asked_for_every_closed_year():
    hep = clean_hep()
    hep.forum.meetings[1].kind = "elfogadás előtti"
    assert [h.value for h in hits("MON-001", hep)] == [2025, 2026, 2027, 2028]
    hep.forum.meetings[0].reviewed_year = 2027  # whichever meeting reviewed it
    assert [h.value for h in hits("MON-001", hep)] == [2025, 2026, 2028]


# -- MON-002 a passed deadline ---------------------------------------------------------------------------

def test_a_measure_without_any_record_after_its_deadline():
    hep = monitored_hep()
    hep.progress = [r for r in hep.progress if r.target_group != "IV"]
    assert found("MON-002", hep) == [(("measures", 3, "deadline"), "due_date", D(2027, 6, 30), {
        "measure": "IV/1", "deadline": "2027.06.30.", "status": "nincs rögzített állapota", "done": DONE})]
    assert messages("MON-002", hep) == [
        "A(z) IV/1 intézkedés határideje (2027.06.30.) lejárt, de nincs rögzített állapota, és a késés oka nincs "
        "leírva. Rögzítse a Megvalósítás lapon a(z) „megvalósult” állapotot, vagy írja le az okot a Megjegyzés "
        "oszlopban."]


@pytest.mark.parametrize("as_of,found_", [(D(2027, 6, 30), False), (D(2027, 7, 1), True)])
def test_a_deadline_passes_the_day_after_it(as_of, found_):
    hep = monitored_hep()
    hep.progress = [r for r in hep.progress if r.target_group != "IV"]
    assert [h.params["measure"] for h in hits("MON-002", hep, as_of=as_of)] == (["IV/1"] if found_ else [])


def test_a_measure_not_done_by_its_deadline_without_the_reason():
    hep = monitored_hep()
    _record(hep, "III", 2027).status = "folyamatban"
    assert found("MON-002", hep) == [(("progress", 8, "comment"), "comment", None, {
        "measure": "III/1", "deadline": "2027.06.30.", "status": "állapota 2027-ban „folyamatban”", "done": DONE})]
    assert messages("MON-002", hep)[0].startswith(
        "A(z) III/1 intézkedés határideje (2027.06.30.) lejárt, de állapota 2027-ban „folyamatban”, és a késés oka")
    _record(hep, "III", 2027).comment = " "
    assert len(hits("MON-002", hep)) == 1
    _record(hep, "III", 2027).comment = "a pályázat csúszik"
    assert hits("MON-002", hep) == []


@pytest.mark.parametrize("status,found_", [
    ("törölve", False), (" MEGVALÓSULT", False), ("elmaradt", True), ("részben valósult meg", True), ("kész", True),
    ("módosítva", True)])
def test_done_or_cancelled_settles_a_measure_any_other_status_does_not(status, found_):
    hep = monitored_hep()
    _record(hep, "V", 2027).status = status
    assert [h.key for h in hits("MON-002", hep)] == ([("progress", 14, "comment")] if found_ else [])


def test_the_latest_record_says_whether_the_measure_is_settled():
    """One reading of a measure's monitoring (Hep.progress_of, as the overview, the review and the
    implementation report read it): its latest record. Done in 2025 but "elmaradt" in 2027 is not
    settled; cancelled ("törölve") in the latest record is."""
    hep = monitored_hep()
    _record(hep, "II", 2027).status = "elmaradt"
    _record(hep, "II", 2025).status = DONE
    assert [(h.key, h.params["status"]) for h in hits("MON-002", hep)] == [
        (("progress", 5, "comment"), "állapota 2027-ban „elmaradt”")]
    _record(hep, "II", 2027).status = "törölve"
    assert hits("MON-002", hep) == []


def test_the_latest_record_is_the_latest_year_then_the_last_row():
    hep = monitored_hep()
    _record(hep, "III", 2027).status = "folyamatban"
    _record(hep, "III", 2027).comment = "a pályázat csúszik"
    hep.progress.append(MonitoringRecord("III", 1, 2027, "folyamatban"))  # a second 2027 row, row 15
    assert [h.key for h in hits("MON-002", hep)] == [("progress", 15, "comment")]
    hep.progress[15].comment, hep.progress[8].comment = "ok", ""
    assert hits("MON-002", hep) == []
    # a row without a year comes after every dated row (Hep.progress_of): II's row 5 is the latest then
    _record(hep, "II", 2027).year = None
    _record(hep, "II", None).status = "folyamatban"
    assert [(h.key, h.params["status"]) for h in hits("MON-002", hep)] == [
        (("progress", 5, "comment"), "állapota ?-ban „folyamatban”")]
    _record(hep, "II", None).comment = "a row without a year"
    assert hits("MON-002", hep) == []


def test_a_record_without_year_or_status_is_shown_with_question_marks():
    hep = monitored_hep()
    hep.progress = [r for r in hep.progress if r.target_group != "I"]
    hep.progress.insert(0, MonitoringRecord("i", 1, None, ""))  # a lower-case group is the same group
    assert [(h.key, h.params["status"]) for h in hits("MON-002", hep)] == [
        (("progress", 0, "comment"), "állapota ?-ban „?”")]


def test_several_measures_in_plan_order_and_deadlines_typed_as_text():
    hep = monitored_hep()
    hep.progress = [r for r in hep.progress if r.target_group not in ("II", "V")]
    hep.measures[1].deadline = "2027. június 30."
    hep.measures[4].deadline = "2027.07.15"
    assert [(h.key, h.value) for h in hits("MON-002", hep)] == [
        (("measures", 1, "deadline"), D(2027, 6, 30)), (("measures", 4, "deadline"), D(2027, 7, 15))]
    assert [h.key for h in hits("MON-002", hep, as_of=D(2027, 7, 15))] == [("measures", 1, "deadline")]


def test_two_identical_measures_without_records_point_at_their_own_rows():
    """A row copied as it is (same group, number and texts): each finding names its own row."""
    import copy

    hep = monitored_hep()
    hep.progress = [r for r in hep.progress if r.target_group != "IV"]
    hep.measures.insert(4, copy.deepcopy(hep.measures[3]))
    assert [h.key for h in hits("MON-002", hep)] == [("measures", 3, "deadline"), ("measures", 4, "deadline")]


def test_a_measure_without_number_or_readable_deadline_is_not_asked_the_next_ones_are():
    hep = monitored_hep()
    hep.progress = [r for r in hep.progress if r.target_group not in ("II", "IV", "V")]
    hep.measures[1].number = None
    hep.measures[4].deadline = "folyamatos"
    assert [h.key for h in hits("MON-002", hep)] == [("measures", 3, "deadline")]


def test_the_latest_record_is_found_by_year_whatever_the_row_order():
    hep = monitored_hep()
    _record(hep, "III", 2027).status = "folyamatban"  # row 8, no reason given
    hep.progress.append(MonitoringRecord("III", 1, 2026, "folyamatban", comment="késik"))  # row 15, an earlier year
    assert [h.key for h in hits("MON-002", hep)] == [("progress", 8, "comment")]


# -- MON-003 a modification and its meeting --------------------------------------------------------------

def test_a_modification_without_the_deciding_meeting():
    hep = monitored_hep()
    _record(hep, "II", 2026).status = "módosítva"
    assert found("MON-003", hep) == [(("progress", 4, "decided_at"), "decided_at", None, {
        "measure": "II/1", "year": 2026, "status": "módosítva", "problem": "nincs megadva a döntő ülés dátuma"})]
    assert messages("MON-003", hep) == [
        "A(z) II/1 intézkedés 2026. évi állapota „módosítva”, de nincs megadva a döntő ülés dátuma. A HEP IT "
        "változásait a Fórum készíti elő: írja be a módosításról döntő ülés dátumát (az Ülések táblázat egyik ülése)."]


def test_a_modification_decided_on_a_day_without_a_meeting():
    hep = monitored_hep()
    _record(hep, "II", 2026).status = "Módosítva"
    _record(hep, "II", 2026).decided_at = D(2027, 3, 1)
    assert found("MON-003", hep) == [(("progress", 4, "decided_at"), "decided_at", D(2027, 3, 1), {
        "measure": "II/1", "year": 2026, "status": "Módosítva",
        "problem": "2027.03.01. napon nincs Fórum-ülés az Ülések táblázatban"})]
    _record(hep, "II", 2026).decided_at = D(2027, 2, 1)  # a meeting of the table
    assert hits("MON-003", hep) == []
    hep.forum.meetings.append(ForumMeeting(None, minutes_ref="x"))  # an undated meeting decides nothing
    _record(hep, "II", 2026).decided_at = D(2027, 2, 2)
    assert len(hits("MON-003", hep)) == 1
    _record(hep, "II", 2026).year = None
    assert [(h.value, h.params["year"]) for h in hits("MON-003", hep)] == [(D(2027, 2, 2), "?")]


def test_a_cancellation_too_and_no_other_status_in_row_order():
    hep = monitored_hep()
    _record(hep, "V", 2027).status = "törölve"
    _record(hep, "I", 2025).status = "elmaradt"
    _record(hep, "I", 2026).status = "kész"
    hep.progress.insert(0, MonitoringRecord("", None, None, "módosítva"))
    assert [(h.key, h.params["measure"], h.params["year"]) for h in hits("MON-003", hep)] == [
        (("progress", 0, "decided_at"), "?", "?"), (("progress", 15, "decided_at"), "V/1", 2027)]


# -- MON-004 the working groups' yearly reports -----------------------------------------------------------

def test_a_working_group_s_year_without_report():
    hep = monitored_hep()
    _drop_report(hep, 2027)
    assert found("MON-004", hep) == [(("working_groups", 0, "name"), "name", GROUP, {
        "group": GROUP, "years": "2027", "due": "2028.03.31."})]
    assert messages("MON-004", hep) == [
        "A(z) „Gyermek munkacsoport” munkacsoport beszámolója hiányzik ezekről az évekről: 2027 (az utolsó "
        "2028.03.31. napig volt esedékes). A munkacsoportok legalább évente beszámolnak a Fórumnak; vegye fel a "
        "beszámolót a munkacsoportok beszámolóinak táblázatába."]


def test_several_years_missing_name_the_last_one_s_due_date():
    hep = monitored_hep()
    _drop_report(hep, 2025)
    _drop_report(hep, 2027)
    assert [(h.params["years"], h.params["due"]) for h in hits("MON-004", hep)] == [("2025, 2027", "2028.03.31.")]


def test_the_report_s_year_or_else_its_date_s_year_and_the_group_as_typed():
    hep = monitored_hep()
    report = next(r for r in hep.forum.reports if r.year == 2027)
    report.year, report.date = None, D(2027, 11, 30)  # dated within the year it reports on
    report.group = " gyermek  MUNKACSOPORT"
    assert hits("MON-004", hep) == []
    report.date = None  # nothing says which year
    assert [h.params["years"] for h in hits("MON-004", hep)] == ["2027"]
    report.group, report.year = "Idősek munkacsoport", 2027  # another group's report
    assert [h.params["years"] for h in hits("MON-004", hep)] == ["2027"]


def test_each_named_group_is_asked_in_row_order():
    hep = monitored_hep()
    hep.forum.working_groups.insert(0, WorkingGroup(" ", "Kovács Ildikó", "II"))  # a row without a name
    hep.forum.working_groups.append(WorkingGroup("Idősek munkacsoport", "Nagy Péter", "IV"))
    assert found("MON-004", hep) == [(("working_groups", 2, "name"), "name", "Idősek munkacsoport", {
        "group": "Idősek munkacsoport", "years": "2025, 2026, 2027, 2028", "due": "2029.03.31."})]
    assert [h.params["years"] for h in hits("MON-004", hep, as_of=D(2028, 3, 31))] == ["2025, 2026"]


def test_working_groups_of_a_record_without_monitoring_are_not_asked_for_reports():
    hep = clean_hep()
    assert hep.forum.working_groups and hits("MON-004", hep) == []


# -- MON-005 the lists -------------------------------------------------------------------------------------

def test_a_status_outside_the_list():
    hep = monitored_hep()
    _record(hep, "I", 2025).status = "kész"
    assert found("MON-005", hep) == [(("progress", 0, "status"), "status", "kész", {
        "what": "A(z) I/1 intézkedés 2025. évi állapota", "problem": "(„kész”) nem választható", "allowed": STATUSES})]
    assert messages("MON-005", hep) == [
        "A(z) I/1 intézkedés 2025. évi állapota („kész”) nem választható; választható: nem kezdődött el, "
        "folyamatban, megvalósult, részben valósult meg, elmaradt, módosítva, törölve."]


def test_a_status_left_empty_and_one_typed_differently():
    hep = monitored_hep()
    _record(hep, "I", 2025).status = " "
    _record(hep, "I", 2026).status = "  FOLYAMATBAN "
    hep.progress.append(MonitoringRecord("II", None, None, ""))
    assert found("MON-005", hep) == [
        (("progress", 0, "status"), "status", None, {
            "what": "A(z) I/1 intézkedés 2025. évi állapota", "problem": "nincs megadva", "allowed": STATUSES}),
        (("progress", 15, "status"), "status", None, {
            "what": "A(z) II intézkedés ?. évi állapota", "problem": "nincs megadva", "allowed": STATUSES})]
    assert messages("MON-005", hep)[0] == (
        "A(z) I/1 intézkedés 2025. évi állapota nincs megadva; választható: nem kezdődött el, folyamatban, "
        "megvalósult, részben valósult meg, elmaradt, módosítva, törölve.")


def test_a_meeting_type_outside_the_list_after_the_statuses():
    hep = monitored_hep()
    hep.forum.meetings[0].kind = "soros"
    hep.forum.meetings[1].kind = " "  # no type: nothing to check
    hep.forum.meetings[2].kind = "RENDKÍVÜLI"
    hep.forum.meetings.append(ForumMeeting(None, kind="ünnepi"))
    _record(hep, "V", 2027).status = "kész"
    assert found("MON-005", hep) == [
        (("progress", 14, "status"), "status", "kész", {
            "what": "A(z) V/1 intézkedés 2027. évi állapota", "problem": "(„kész”) nem választható",
            "allowed": STATUSES}),
        (("meetings", 0, "kind"), "kind", "soros", {
            "what": "A(z) 2024.03.15. ülés típusa", "problem": "(„soros”) nem választható", "allowed": KINDS}),
        (("meetings", 6, "kind"), "kind", "ünnepi", {
            "what": "A(z) 7. ülés típusa", "problem": "(„ünnepi”) nem választható", "allowed": KINDS})]
    assert messages("MON-005", hep)[1] == (
        "A(z) 2024.03.15. ülés típusa („soros”) nem választható; választható: rendes, felülvizsgálati, rendkívüli, "
        "elfogadás előtti.")


# -- MON-006 rows about the action plan's measures ------------------------------------------------------------

def test_a_row_about_no_measure():
    hep = monitored_hep()
    _record(hep, "I", 2025).measure_number = 7
    _record(hep, "II", 2026).target_group = "VI"
    _record(hep, "III", 2027).measure_number = None
    _record(hep, "IV", 2027).target_group = "iv"  # IV/1 typed in lower case
    assert found("MON-006", hep) == [
        (("progress", 0, "measure_number"), "measure_number", 7, {
            "measure": "I/7", "problem": "az intézkedési tervben nincs ilyen intézkedés"}),
        (("progress", 4, "measure_number"), "measure_number", 1, {
            "measure": "VI/1", "problem": "az intézkedési tervben nincs ilyen intézkedés"}),
        (("progress", 8, "measure_number"), "measure_number", None, {
            "measure": "III", "problem": "az intézkedési tervben nincs ilyen intézkedés"})]
    assert messages("MON-006", hep)[0] == (
        "A Megvalósítás lap I/7 sora: az intézkedési tervben nincs ilyen intézkedés. Ellenőrizze a célcsoportot, a "
        "sorszámot és az évet.")


@pytest.mark.parametrize("year,found_", [(2024, True), (2025, False), (2029, False), (2030, True), (None, False)])
def test_a_row_s_year_must_be_in_the_programme_period(year, found_):
    hep = monitored_hep()
    _record(hep, "II", 2026).year = year
    expected = [(("progress", 4, "year"), "year", year, {
        "measure": "II/1", "problem": f"a(z) {year}. év nem esik a program időszakába (2025–2029)"})]
    assert found("MON-006", hep) == (expected if found_ else [])


def test_the_year_is_not_checked_without_a_period_nor_for_a_row_about_no_measure():
    hep = monitored_hep()
    _record(hep, "II", 2026).year = 2031
    first = _record(hep, "I", 2025)
    first.year, first.measure_number = 2031, 9
    assert [h.field for h in hits("MON-006", hep)] == ["measure_number", "year"]
    hep.settlement.period_start = None
    assert [h.field for h in hits("MON-006", hep)] == ["measure_number"]
    hep.settlement.period_start, hep.settlement.period_end = 2025, None
    assert [h.field for h in hits("MON-006", hep)] == ["measure_number"]
    assert messages("MON-006", monitored_hep()) == []
