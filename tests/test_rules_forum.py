"""The HEP Fórum rules (FOR-001 … FOR-014), one rule at a time on the clean model
(tests/rule_check.py): what each yields, where it points and what its message says.

The dates, worked out by hand from the clean model (tests/test_validate_fixtures.py): meetings on
2024-03-15, 2025-02-10, 2027-02-01 and 2029-01-25 (rows 0–3); adoption 2025-02-27, reviews
2027-02-15 and 2029-02-10; the working group's last report 2029-01-25; programme 2025–2029, so
nothing is due after 2029-12-31 (checked as of rule_check.AS_OF, 2030-01-10). The catalog's Fórum
rules: meetings at most 2 years apart, minutes required, working groups report every year, working
groups possible above 2 000 inhabitants (Szigetmonostor: 2 520). ValidationConfig:
meeting_before_months = 6.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from hep_xl import register
from hep_xl.catalog import load_catalog
from hep_xl.model import ForumMeeting, ForumMember, WorkingGroup
from hep_xl.validate.registry import RULES
from hep_xl.validate.rules.forum import expected_roles

from .rule_check import context, hits, messages
from .test_validate_fixtures import clean_hep

CAT = load_catalog()
D = dt.date
FORUM_RULES = [r for r in RULES if r.startswith("FOR-")]
MEMBERS = ("table", "members")
MEETINGS = ("table", "meetings")
GROUP = "Gyermek munkacsoport"
ROLE = CAT.role_by_id
ROUND_TABLE = ROLE["social_policy_round_table"]
NATIONALITY = ROLE["nationality_self_government_leaders"]


def found(rule_id, hep, **kw) -> list[tuple]:
    return [(h.key, h.field, h.value, h.params) for h in hits(rule_id, hep, **kw)]


def found_with(catalog, rule_id, hep, **kw) -> list[tuple]:
    """The rule's hits under a catalog changed for the test (what another catalog version may say)."""
    ctx = context(hep, **kw)
    ctx.catalog = catalog
    return [(h.key, h.field, h.value, h.params) for h in RULES[rule_id].func(ctx)]


def _drop_role(hep, role_id):
    hep.forum.members = [m for m in hep.forum.members if m.role != role_id]


def _kaba(hep):
    """Kaba (02307): the register lists a roma nationality self-government there."""
    hep.settlement.name, hep.settlement.ksh_code, hep.settlement.county = "Kaba", "02307", "Hajdú-Bihar"


def test_the_clean_model_breaks_no_forum_rule():
    assert len(FORUM_RULES) == 14
    hep = clean_hep()
    for rule_id in FORUM_RULES:
        assert hits(rule_id, hep) == [], rule_id
        # nor at any date of the programme: the record is kept up to date throughout
        for day in (D(2025, 2, 27), D(2026, 2, 27), D(2027, 2, 2), D(2028, 12, 31), D(2029, 12, 31)):
            assert hits(rule_id, hep, as_of=day) == [], (rule_id, day)


# -- the composition -------------------------------------------------------------------------------

def test_expected_roles_in_a_settlement_of_2520_without_nationality_self_government():
    assert [r.id for r in expected_roles(context(clean_hep()))] == [
        "mayor", "notary", "social_policy_round_table", "hep_referent"]  # catalog order


@pytest.mark.parametrize("population,expected", [(2000, False), (2001, True), (None, False), (0, False)])
def test_the_round_table_is_expected_above_2000_inhabitants(population, expected):
    hep = clean_hep()
    hep.settlement.population = population
    assert (ROUND_TABLE in expected_roles(context(hep))) is expected


def test_the_nationality_leaders_are_expected_where_the_register_lists_a_self_government():
    hep = clean_hep()
    _kaba(hep)
    assert [r.id for r in expected_roles(context(hep))] == [
        "mayor", "notary", "nationality_self_government_leaders", "social_policy_round_table", "hep_referent"]
    hep.settlement.ksh_code = "02308"  # wrong check digit: not looked up in the register
    assert NATIONALITY not in expected_roles(context(hep))
    hep.settlement.ksh_code = ""
    assert NATIONALITY not in expected_roles(context(hep))


def test_only_member_roles_with_an_expectation_are_expected():
    # a catalog where two invitees are marked "always" and the notary is made an invitee
    roles = tuple(replace(r, expected="always") if r.id in ("council_members", "equal_opportunity_mentor") else r
                  for r in CAT.forum_roles)
    roles = tuple(replace(r, kind="invitee") if r.id == "notary" else r for r in roles)
    ctx = context(clean_hep())
    ctx.catalog = replace(CAT, forum_roles=roles)
    assert [r.id for r in expected_roles(ctx)] == ["mayor", "social_policy_round_table", "hep_referent"]
    # a role with an expectation the code does not know, or with no population threshold, is not asked
    roles = tuple(replace(r, expected="sometimes") if r.id == "mayor" else
                  replace(r, min_population=None) if r.id == "social_policy_round_table" else r
                  for r in CAT.forum_roles)
    ctx.catalog = replace(CAT, forum_roles=roles)
    assert [r.id for r in expected_roles(ctx)] == ["notary", "hep_referent"]


def test_a_missing_recommended_member_is_named_by_its_role():
    hep = clean_hep()
    _drop_role(hep, "notary")
    assert found("FOR-001", hep) == [(MEMBERS, "role", None, {"role": "a település/közös önkormányzatok jegyzője"})]
    assert messages("FOR-001", hep) == [
        "A HEP Fórum javasolt összetétele szerint tag: a település/közös önkormányzatok jegyzője; a tagok "
        "között nincs. Vegye fel a tagok táblázatába (Szerep oszlop), vagy a jegyzőkönyvben indokolja az eltérést."]
    assert hits("FOR-007", hep) == [] and hits("FOR-008", hep) == []


def test_a_member_without_a_name_is_missing_several_in_catalog_order():
    hep = clean_hep()
    hep.forum.members[2].name = "  "  # the HEP referent's row, no name
    hep.forum.members[0].role = "other_members"  # the mayor's row now another member's
    assert found("FOR-001", hep) == [(MEMBERS, "role", None, {"role": "a település polgármestere"}),
                                     (MEMBERS, "role", None, {"role": "a település HEP referense"})]


def test_the_round_table_missing_is_the_law_s_rule_not_the_recommendation_s():
    hep = clean_hep()
    _drop_role(hep, "social_policy_round_table")
    assert hits("FOR-001", hep) == []
    assert found("FOR-007", hep) == [(MEMBERS, "role", None, {
        "role": ROUND_TABLE.name, "law": "1993. évi III. törvény (Szt.) 58/B. § (2)", "population": 2520,
        "threshold": 2000})]
    assert messages("FOR-007", hep) == [
        "A Fórum tagjai között nincs: 2 000 fő lakosságszám feletti települések esetében a Szociálpolitikai "
        "Kerekasztal képviselői. 2520 fős településen (2000 fő felett) a(z) 1993. évi III. törvény (Szt.) 58/B. § "
        "(2) szerint Szociálpolitikai Kerekasztal működik; képviselőjét vegye fel a tagok közé."]
    hep.settlement.population = 2000
    assert hits("FOR-007", hep) == []
    hep.settlement.population = 2001
    assert [h.params["population"] for h in hits("FOR-007", hep)] == [2001]


def test_the_nationality_leaders_missing_cite_the_register():
    hep = clean_hep()
    _kaba(hep)
    assert hits("FOR-001", hep) == [] and hits("FOR-007", hep) == []
    assert found("FOR-008", hep) == [(MEMBERS, "role", None, {
        "role": NATIONALITY.name, "settlement": "Kaba", "governments": "roma", "source": register.SOURCE,
        "source_en": register.SOURCE_EN})]
    assert messages("FOR-008", hep) == [
        "A KSH Helységnévtár 2018 (2018. január 1-jei állapot) szerint Kaba településen nemzetiségi önkormányzat "
        "működik (roma); a javasolt összetétel szerint tag: helyi nemzetiségi önkormányzatok vezetői. Vegye fel a "
        "tagok közé."]
    hep.forum.members.append(ForumMember(" ", "nationality_self_government_leaders"))
    assert len(hits("FOR-008", hep)) == 1  # a row without a name is nobody
    hep.forum.members[-1].name = "Lakatos Béla"
    assert hits("FOR-008", hep) == []


def test_several_nationality_self_governments_are_listed_with_the_register_s_name():
    hep = clean_hep()
    hep.settlement.ksh_code = "32841"  # Szentborbás: horvát and roma (the name typed here is not used)
    assert [(h.params["settlement"], h.params["governments"]) for h in hits("FOR-008", hep)] == [
        ("Szentborbás", "horvát, roma")]


# -- meetings ----------------------------------------------------------------------------------------

def test_meetings_exactly_two_years_apart_are_in_time_one_day_more_is_not():
    hep = clean_hep()
    hep.forum.meetings[2].date = D(2027, 2, 10)  # two years after 2025-02-10
    assert hits("FOR-002", hep) == []
    hep.forum.meetings[2].date = D(2027, 2, 11)
    assert found("FOR-002", hep) == [(("meetings", 2, "date"), "date", D(2027, 2, 11),
                                      {"previous": "2025.02.10.", "years": 2})]
    assert messages("FOR-002", hep) == [
        "Ez az ülés (2027.02.11.) több mint 2 évvel követi az előzőt (2025.02.10.); a Fórum legalább 2 évente "
        "ülésezik."]


def test_two_years_after_29_february_is_28_february():
    hep = clean_hep()
    hep.forum.meetings = [ForumMeeting(D(2024, 2, 29), minutes_ref="1"), ForumMeeting(D(2026, 2, 28), minutes_ref="2")]
    assert hits("FOR-002", hep) == []
    hep.forum.meetings[1].date = D(2026, 3, 1)
    assert [(h.key, h.params["previous"]) for h in hits("FOR-002", hep)] == [(("meetings", 1, "date"), "2024.02.29.")]


def test_meetings_are_compared_in_date_order_and_each_gap_names_the_later_meeting_s_row():
    hep = clean_hep()
    hep.forum.meetings = [ForumMeeting(D(2029, 2, 2)), ForumMeeting(D(2022, 1, 10)), ForumMeeting(None),
                          ForumMeeting(D(2025, 2, 10)), ForumMeeting(D(2027, 2, 1))]
    # in date order: 2022-01-10 (row 1), 2025-02-10 (3), 2027-02-01 (4), 2029-02-02 (0); the undated row 2
    # is left out; 2025-02-10 > 2024-01-10 and 2029-02-02 > 2029-02-01 are the gaps
    assert found("FOR-002", hep) == [
        (("meetings", 3, "date"), "date", D(2025, 2, 10), {"previous": "2022.01.10.", "years": 2}),
        (("meetings", 0, "date"), "date", D(2029, 2, 2), {"previous": "2027.02.01.", "years": 2})]


def test_the_interval_is_the_catalog_s():
    hep = clean_hep()
    hep.forum.meetings[2].date = D(2027, 2, 11)
    three = replace(CAT, forum_rules=replace(CAT.forum_rules, meeting_interval_years=3))
    assert found_with(three, "FOR-002", hep) == []
    hep.forum.meetings[2].date = D(2028, 2, 11)  # 2025-02-10 + 3 years = 2028-02-10
    assert [h[3] for h in found_with(three, "FOR-002", hep)] == [{"previous": "2025.02.10.", "years": 3}]


def test_one_meeting_or_meetings_on_one_day_have_no_gap():
    hep = clean_hep()
    hep.forum.meetings = [ForumMeeting(D(2025, 2, 10))]
    assert hits("FOR-002", hep) == []
    hep.forum.meetings = [ForumMeeting(D(2025, 2, 10)), ForumMeeting(D(2025, 2, 10))]
    assert hits("FOR-002", hep) == []


def _until_2027(hep):
    """The record without the 2029 meeting: the last meeting 2027-02-01 (row 2), the next due 2029-02-01."""
    del hep.forum.meetings[3]


def test_no_meeting_for_two_years_is_due_the_day_after_the_second_anniversary():
    hep = clean_hep()
    _until_2027(hep)
    assert hits("FOR-014", hep, as_of=D(2029, 2, 1)) == []
    assert found("FOR-014", hep, as_of=D(2029, 2, 2)) == [(("meetings", 2, "date"), "date", D(2027, 2, 1), {
        "years": 2, "due": "2029.02.01.", "today": "2029.02.02."})]
    assert messages("FOR-014", hep, as_of=D(2029, 2, 2)) == [
        "Az utolsó Fórum-ülés 2027.02.01. volt; a Fórum legalább 2 évente ülésezik, a következő legkésőbb "
        "2029.02.01. esedékes volt, de 2029.02.02. napig nincs újabb ülés beírva."]


def test_no_meeting_since_counts_up_to_the_programme_s_last_day_only():
    hep = clean_hep()
    _until_2027(hep)
    assert [h.params["today"] for h in hits("FOR-014", hep)] == ["2029.12.31."]  # checked 2030-01-10
    # the clean record's last meeting (2029-01-25): the next one falls after the programme
    assert hits("FOR-014", clean_hep(), as_of=D(2035, 1, 1)) == []
    hep = clean_hep()
    hep.settlement.period_end = None  # no end known: counted up to the validation date
    assert hits("FOR-014", hep, as_of=D(2031, 1, 25)) == []
    assert [(h.value, h.params["due"], h.params["today"]) for h in hits("FOR-014", hep, as_of=D(2031, 1, 26))] == [
        (D(2029, 1, 25), "2031.01.25.", "2031.01.26.")]


def test_the_last_meeting_is_the_latest_date_not_the_last_row():
    hep = clean_hep()
    _until_2027(hep)
    hep.forum.meetings.insert(0, hep.forum.meetings.pop(2))  # the 2027 meeting typed first
    hep.forum.meetings.append(ForumMeeting(None, minutes_ref="x"))  # an undated row after it
    assert [h.key for h in hits("FOR-014", hep)] == [("meetings", 0, "date")]


def test_no_dated_meeting_no_meeting_since():
    hep = clean_hep()
    hep.forum.meetings = [ForumMeeting(None, minutes_ref="1")]
    assert hits("FOR-014", hep) == []
    hep.forum.meetings = []
    assert hits("FOR-014", hep) == []


@pytest.mark.parametrize("day,found_", [
    (D(2025, 2, 27), False),  # on the adoption day
    (D(2025, 2, 28), True),   # after it
    (D(2024, 8, 27), False),  # six months before
    (D(2024, 8, 26), True),   # one day more
])
def test_a_meeting_within_six_months_before_the_adoption(day, found_):
    hep = clean_hep()
    hep.forum.meetings[1].date = day  # 2024-03-15 (row 0) is too early for the adoption of 2025-02-27
    expected = [(MEETINGS, "meetings", D(2025, 2, 27), {"event": "Az elfogadás", "months": 6})]
    assert found("FOR-012", hep) == (expected if found_ else [])


def test_the_adoption_s_meeting_window_is_the_config_s_and_clamped_to_the_month():
    hep = clean_hep()
    hep.forum.meetings[1].date = D(2024, 7, 27)
    assert [h.params for h in hits("FOR-012", hep)] == [{"event": "Az elfogadás", "months": 6}]
    assert hits("FOR-012", hep, meeting_before_months=7) == []
    hep.forum.meetings[1].date = D(2024, 7, 26)
    assert [h.params["months"] for h in hits("FOR-012", hep, meeting_before_months=7)] == [7]
    # adopted on 31 August: six months before is 28 February (no 31st)
    hep.settlement.adoption_date = D(2025, 8, 31)
    hep.forum.meetings[1].date = D(2025, 2, 28)
    assert hits("FOR-012", hep) == []
    hep.forum.meetings[1].date = D(2025, 2, 27)
    assert [h.value for h in hits("FOR-012", hep)] == [D(2025, 8, 31)]


def test_the_adoption_s_meeting_message_and_no_adoption_date():
    hep = clean_hep()
    hep.forum.meetings = [ForumMeeting(None, minutes_ref="1")]  # an undated meeting is no meeting before
    assert messages("FOR-012", hep) == [
        "Az elfogadás (2025.02.27.) előtti 6 hónapban nincs Fórum-ülés; a Fórum az új HEP elfogadása előtt "
        "ülésezik. Vegye fel az ülést az Ülések táblázatba."]
    hep.settlement.adoption_date = None
    assert hits("FOR-012", hep) == []


def test_each_review_without_a_meeting_before_it_in_order():
    hep = clean_hep()
    del hep.forum.meetings[2:]
    assert found("FOR-013", hep) == [
        (MEETINGS, "meetings", D(2027, 2, 15), {"event": "A(z) 1. felülvizsgálat", "months": 6}),
        (MEETINGS, "meetings", D(2029, 2, 10), {"event": "A(z) 2. felülvizsgálat", "months": 6})]
    assert messages("FOR-013", hep)[1] == (
        "A(z) 2. felülvizsgálat (2029.02.10.) előtti 6 hónapban nincs Fórum-ülés; a Fórum a felülvizsgálatok előtt "
        "ülésezik. Vegye fel az ülést az Ülések táblázatba.")
    hep.settlement.review_dates = []
    assert hits("FOR-013", hep) == []


@pytest.mark.parametrize("day,found_", [
    (D(2027, 2, 15), False), (D(2027, 2, 16), True), (D(2026, 8, 15), False), (D(2026, 8, 14), True)])
def test_a_meeting_within_six_months_before_the_first_review(day, found_):
    hep = clean_hep()
    hep.forum.meetings[2].date = day  # the 2027-02-15 review's meeting
    assert [h.params["event"] for h in hits("FOR-013", hep)] == (["A(z) 1. felülvizsgálat"] if found_ else [])


def test_the_review_s_meeting_window_is_the_config_s():
    hep = clean_hep()
    hep.forum.meetings[3].date = D(2028, 7, 10)  # 7 months before the review of 2029-02-10
    assert [h.params for h in hits("FOR-013", hep)] == [{"event": "A(z) 2. felülvizsgálat", "months": 6}]
    assert hits("FOR-013", hep, meeting_before_months=7) == []


def test_no_meeting_at_all():
    hep = clean_hep()
    hep.forum.meetings = []
    assert found("FOR-003", hep) == [(MEETINGS, "meetings", None, {"years": 2})]
    assert messages("FOR-003", hep) == [
        "Az Ülések táblázat üres; a Fórum legalább 2 évente ülésezik, jegyzőkönyvvel."]
    hep.forum.meetings = [ForumMeeting(None)]  # a row, even undated, is a meeting
    assert hits("FOR-003", hep) == []


def test_meetings_without_minutes_in_row_order():
    hep = clean_hep()
    hep.forum.meetings[3].minutes_ref = ""
    hep.forum.meetings[1].minutes_ref = " \t"
    hep.forum.meetings.append(ForumMeeting(None, "5 fő", ""))
    assert found("FOR-004", hep) == [
        (("meetings", 1, "minutes_ref"), "minutes_ref", None, {"date": "2025.02.10."}),
        (("meetings", 3, "minutes_ref"), "minutes_ref", None, {"date": "2029.01.25."}),
        (("meetings", 4, "minutes_ref"), "minutes_ref", None, {"date": "?"})]
    assert messages("FOR-004", hep)[0] == (
        "A(z) 2025.02.10. ülésnél nincs jegyzőkönyv megadva; írja be az iktatószámot vagy a hivatkozást.")
    optional = replace(CAT, forum_rules=replace(CAT.forum_rules, minutes_required=False))
    assert found_with(optional, "FOR-004", hep) == []


def test_meetings_without_a_date_by_their_row_number():
    hep = clean_hep()
    hep.forum.meetings.insert(1, ForumMeeting(None, "5 fő", "7/2025."))
    hep.forum.meetings.append(ForumMeeting(None, "5 fő", "8/2025."))
    assert found("FOR-005", hep) == [(("meetings", 1, "date"), "date", None, {"row": 2}),
                                     (("meetings", 5, "date"), "date", None, {"row": 6})]
    assert messages("FOR-005", hep)[0] == "Az ülések táblázat 2. ülésénél nincs dátum (pl. 2024.03.15)."


# -- working groups and responsible persons ------------------------------------------------------------

@pytest.mark.parametrize("population,found_", [(2520, True), (2001, True), (2000, False), (None, False)])
def test_working_groups_are_suggested_above_2000_inhabitants(population, found_):
    hep = clean_hep()
    hep.forum.working_groups = []
    hep.settlement.population = population
    expected = [(("table", "working_groups"), "working_groups", None, {"population": population, "threshold": 2000})]
    assert found("FOR-006", hep) == (expected if found_ else [])


def test_working_groups_suggestion_message_and_a_settlement_that_has_them():
    hep = clean_hep()
    assert hits("FOR-006", hep) == []  # it has one
    hep.forum.working_groups = []
    assert messages("FOR-006", hep) == [
        "2520 fős településen (2000 fő felett) a Fórum tematikus munkacsoportokat alakíthat (nem kötelező); ha "
        "alakít, vegye fel őket a Munkacsoportok táblázatba."]


def test_a_working_group_leader_must_be_a_member():
    hep = clean_hep()
    hep.forum.working_groups[0].leader = "Fekete Judit"
    assert found("FOR-009", hep) == [(("working_groups", 0, "leader"), "leader", "Fekete Judit", {"group": GROUP})]
    assert messages("FOR-009", hep) == [
        "A(z) „Gyermek munkacsoport” munkacsoport vezetője (Fekete Judit) nem szerepel a Fórum tagjai között; a "
        "munkacsoportok vezetői egyben a Fórum tagjai. Vegye fel a tagok közé (vagy javítsa a nevet)."]
    # an invitee is not a member
    hep.forum.members.append(ForumMember("Fekete Judit", "equal_opportunity_mentor"))
    assert len(hits("FOR-009", hep)) == 1
    # a row whose role the catalog does not know is a member's
    hep.forum.members.append(ForumMember("Fekete Judit", "ismeretlen szerep"))
    assert hits("FOR-009", hep) == []


def test_a_leader_typed_differently_is_the_member_and_no_leader_is_nothing_to_check():
    hep = clean_hep()
    hep.forum.working_groups[0].leader = "  kovács  ILDIKÓ"
    hep.forum.working_groups.append(WorkingGroup("Idősek", " ", "IV"))
    hep.forum.working_groups.append(WorkingGroup("", "Nagy  péter", "IV"))  # the mayor
    assert hits("FOR-009", hep) == []
    hep.forum.working_groups.append(WorkingGroup("", "Fekete Judit", "V"))
    hep.forum.working_groups.append(WorkingGroup("Nők", "Fehér Anna", "III"))
    assert [(h.key, h.params["group"]) for h in hits("FOR-009", hep)] == [
        (("working_groups", 3, "leader"), "4."), (("working_groups", 4, "leader"), "Nők")]


@pytest.mark.parametrize("last_report,found_", [(D(2028, 12, 31), False), (D(2028, 12, 30), True)])
def test_a_report_overdue_is_counted_up_to_the_programme_s_last_day(last_report, found_):
    # checked 2030-01-10, counted to 2029-12-31: a report of 2028-12-31 is due exactly then
    hep = clean_hep()
    hep.forum.working_groups[0].last_report = last_report
    expected = [(("working_groups", 0, "last_report"), "last_report", D(2028, 12, 30), {
        "group": GROUP, "since": "2028.12.30.", "years": 1, "due": "2029.12.30."})]
    assert found("FOR-010", hep) == (expected if found_ else [])


def test_a_report_overdue_message():
    hep = clean_hep()
    hep.forum.working_groups[0].last_report = D(2028, 12, 30)
    assert messages("FOR-010", hep) == [
        "A(z) „Gyermek munkacsoport” munkacsoport 2028.12.30. óta nem számolt be a Fórumnak; legalább 1 évente "
        "beszámol, legkésőbb 2029.12.30. kellett volna. Írja be az utolsó beszámoló dátumát."]


def test_a_group_that_never_reported_is_counted_from_the_adoption():
    hep = clean_hep()
    hep.forum.working_groups[0].last_report = None
    assert hits("FOR-010", hep, as_of=D(2026, 2, 27)) == []
    assert found("FOR-010", hep, as_of=D(2026, 2, 28)) == [(("working_groups", 0, "last_report"), "last_report", None, {
        "group": GROUP, "since": "2025.02.27.", "years": 1, "due": "2026.02.27."})]
    hep.settlement.adoption_date = None  # nothing to count from
    assert hits("FOR-010", hep) == []


def test_a_report_of_29_february_is_due_on_28_february_and_unnamed_groups_by_row():
    hep = clean_hep()
    hep.forum.working_groups = [WorkingGroup("", "Kovács Ildikó", "II", D(2027, 1, 1)),
                                WorkingGroup("", "Kovács Ildikó", "II", D(2028, 2, 29))]
    assert [h.params["group"] for h in hits("FOR-010", hep, as_of=D(2029, 2, 28))] == ["1."]
    assert [(h.key, h.params["group"], h.params["due"]) for h in hits("FOR-010", hep, as_of=D(2029, 3, 1))] == [
        (("working_groups", 0, "last_report"), "1.", "2028.01.01."),
        (("working_groups", 1, "last_report"), "2.", "2029.02.28.")]


def test_an_invitee_responsible_for_an_area():
    hep = clean_hep()
    hep.forum.members.append(ForumMember("Fekete Judit", "equal_opportunity_mentor", "", "idősek"))
    hep.forum.members.append(ForumMember("Fehér Anna", "council_members", "", " "))  # no area
    hep.forum.members.append(ForumMember("Szűcs Ádám", "ismeretlen szerep", "", "nők"))  # counted a member
    assert found("FOR-011", hep) == [(("members", 5, "responsible_area"), "responsible_area", "idősek", {
        "name": "Fekete Judit", "role": "az illetékes esélyegyenlőségi mentor"})]
    assert messages("FOR-011", hep) == [
        "Fekete Judit (az illetékes esélyegyenlőségi mentor) állandó meghívott, nem tag, mégis felelős: „idősek”. "
        "A Fórum a beavatkozási területek felelőseit a tagjai közül jelölheti ki."]


def test_an_adoption_or_review_after_the_validation_date_is_not_yet_due():
    """"a felülvizsgálatok és az új HEP elfogadása előtt … ülésezik": before a planned adoption or
    review the Fórum can still meet; the event's own day is the last day it could."""
    hep = clean_hep()
    del hep.forum.meetings[1:]  # only 2024-03-15: nothing within six months of the three events
    assert [h.value for h in hits("FOR-012", hep, as_of=D(2025, 2, 26))] == []
    assert [h.value for h in hits("FOR-012", hep, as_of=D(2025, 2, 27))] == [D(2025, 2, 27)]
    assert [h.value for h in hits("FOR-013", hep, as_of=D(2027, 2, 14))] == []
    assert [h.value for h in hits("FOR-013", hep, as_of=D(2027, 2, 15))] == [D(2027, 2, 15)]
    assert [h.params["event"] for h in hits("FOR-013", hep, as_of=D(2029, 2, 9))] == ["A(z) 1. felülvizsgálat"]
    assert [h.params["event"] for h in hits("FOR-013", hep, as_of=D(2029, 2, 10))] == [
        "A(z) 1. felülvizsgálat", "A(z) 2. felülvizsgálat"]
