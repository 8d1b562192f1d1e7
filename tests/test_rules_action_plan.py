"""The action-plan rules (Annex 3, ACT-001 … ACT-011), one rule at a time on the clean model
(tests/rule_check.py): what each yields, where it points and what its message says.

Worked out by hand from the clean model (tests/test_validate_fixtures.py) and the catalog: one measure
per target group, in the order I–V (measures 0–4, each number 1, so labelled "I/1" … "V/1"), each
naming its group's problem "I-1" … "V-1" in column B, due 2027-06-30, measured by "20 fő bevonása
évente"; the problems table holds I-1 … V-1 (rows 0–4) and I-2 (row 5), deferred with a reason. The
programme period is 2025–2029. The catalog's Annex 3 columns: the number (no letter), A title,
B problem, C goal, D alignment, E content, F responsible, G deadline, H indicators, I resources,
J sustainability; F, G and H have rules of their own (ACT-009, ACT-007, ACT-010).
"""

from __future__ import annotations

import datetime as dt

import pytest

from hep_xl.catalog import load_catalog
from hep_xl.model import Measure, Problem
from hep_xl.validate.rules.action_plan import (
    addressed_problem_ids,
    deadline_date,
    measure_complete,
    problem_refs,
)

from .rule_check import context, hits, keys, messages
from .test_validate_fixtures import clean_hep

CAT = load_catalog()
D = dt.date
RULE_IDS = tuple(f"ACT-{n:03d}" for n in range(1, 12))
LABEL = {c.id: c.label for c in CAT.columns}


def found(rule_id, hep, **kw):
    return [(h.key, h.field, h.value, h.params) for h in hits(rule_id, hep, **kw)]


def a_measure(group: str, number: int | None = 1, **changes) -> Measure:
    """A complete measure as the clean model's, of ``group``."""
    m = Measure(group, number, f"{group} – második intézkedés", f"{group}-1", "cél", "koncepció", "tartalom",
                "jegyző", D(2028, 6, 30), "10 fő", "200 000 Ft", "költségvetés")
    for name, value in changes.items():
        setattr(m, name, value)
    return m


def test_the_clean_model_breaks_no_action_plan_rule():
    hep = clean_hep()
    for rule_id in RULE_IDS:
        assert hits(rule_id, hep) == [], rule_id
    assert all(measure_complete(context(hep), m) for m in hep.measures)
    assert addressed_problem_ids(context(hep)) == {"i-1", "ii-1", "iii-1", "iv-1", "v-1"}


def test_the_addressed_problems_are_read_once_per_validation():
    """ACT-005 and the score both ask; the set is computed once for a context."""
    ctx = context(clean_hep())
    first = addressed_problem_ids(ctx)
    assert addressed_problem_ids(ctx) is first and ctx.cache == {"addressed": first}


# -- ACT-001: the lettered columns without a rule of their own ----------------------------------------------

def test_each_empty_column_is_named_measure_by_measure_in_column_order():
    hep = clean_hep()
    hep.measures[0].sustainability = ""
    hep.measures[0].goal = "  \n"
    hep.measures[2].title = ""
    assert found("ACT-001", hep) == [
        (("measures", 0, "goal"), "goal", None, {"measure": "I/1", "column": "C) Az intézkedéssel elérni kívánt cél"}),
        (("measures", 0, "sustainability"), "sustainability", None,
         {"measure": "I/1", "column": "J) Az intézkedés eredményeinek fenntarthatósága"}),
        (("measures", 2, "title"), "title", None, {"measure": "III/1", "column": "A) Az intézkedés címe, megnevezése"}),
    ]
    assert messages("ACT-001", hep)[0] == ("A(z) I/1 intézkedés „C) Az intézkedéssel elérni kívánt cél” oszlopa "
                                           "üres; a 3. melléklet minden oszlopát ki kell tölteni.")


def test_every_column_but_the_three_with_their_own_rule_is_checked():
    hep = clean_hep()
    m = hep.measures[1]
    for name in ("title", "problem", "goal", "alignment", "content", "responsible", "indicators", "resources",
                 "sustainability"):
        setattr(m, name, "")
    m.deadline = ""
    assert [(k, h.params["column"]) for k, h in zip(keys("ACT-001", hep), hits("ACT-001", hep))] == [
        (("measures", 1, c), LABEL[c]) for c in ("title", "problem", "goal", "alignment", "content", "resources",
                                                 "sustainability")]
    # a measure number is not a lettered column: its absence is ACT-002's
    hep = clean_hep()
    hep.measures[1].number = None
    assert hits("ACT-001", hep) == []


def test_a_measure_without_a_number_is_labelled_by_its_title():
    hep = clean_hep()
    hep.measures[1].number = None
    hep.measures[1].goal = ""
    assert [h.params["measure"] for h in hits("ACT-001", hep)] == ["II (Gyermekek – intézkedés)"]
    hep.measures[1].title = ""
    assert [h.params["measure"] for h in hits("ACT-001", hep)] == ["II (?)", "II (?)"]


# -- ACT-002, ACT-011: the measure number -----------------------------------------------------------------

def test_a_measure_without_a_number_gets_an_example_from_its_groups_count():
    hep = clean_hep()
    hep.measures[1].number = None
    assert found("ACT-002", hep) == [
        (("measures", 1, "number"), "number", None, {"measure": "II (Gyermekek – intézkedés)", "example": 1})]
    assert messages("ACT-002", hep) == ["A(z) II (Gyermekek – intézkedés) intézkedésnek nincs sorszáma (pl. 1)."]
    hep.measures.append(a_measure("II", None))
    assert [(h.key, h.params["example"]) for h in hits("ACT-002", hep)] == [
        (("measures", 1, "number"), 2), (("measures", 5, "number"), 2)]
    hep = clean_hep()
    hep.measures[0].number = 0  # a number, though an odd one
    assert hits("ACT-002", hep) == []


def test_a_number_used_twice_in_a_group_is_reported_at_each_repetition():
    hep = clean_hep()
    hep.measures += [a_measure("II", None), a_measure("II", None), a_measure("II", 1), a_measure("III", 2),
                     a_measure("II", 1)]
    # the measures without a number (ACT-002's) are no duplicates of each other, and the rows after them are read
    assert found("ACT-011", hep) == [
        (("measures", 7, "number"), "number", 1, {"measure": "II/1"}),
        (("measures", 9, "number"), "number", 1, {"measure": "II/1"})]
    assert messages("ACT-011", hep)[0] == "A(z) 1. sorszám kétszer szerepel a célcsoport intézkedései között."


# -- ACT-003, ACT-004, ACT-005: the problems column B names ----------------------------------------------------

def test_problem_references_by_id_in_any_case_and_separator():
    ctx = context(clean_hep())
    found_, unknown = problem_refs(ctx, " i-1; II-1\nIII-1 és IV-1 ,V-1 ")
    assert [p.problem_id for p in found_] == ["I-1", "II-1", "III-1", "IV-1", "V-1"] and unknown == []
    found_, unknown = problem_refs(ctx, "I-1, X-9 és Y-3")
    assert [p.problem_id for p in found_] == ["I-1"] and unknown == ["X-9", "Y-3"]
    # "és" only as a word: "I-1és" is one unknown token
    assert problem_refs(ctx, "I-1és I-2") == ([], ["I-1és I-2"])


def test_a_problem_may_be_named_by_its_whole_title_even_with_a_separator_in_it():
    ctx = context(clean_hep())
    title = "Mélyszegénységben élők és romák: feltárt probléma"  # "és" in it: no splitting
    assert [p.problem_id for p in problem_refs(ctx, title)[0]] == ["I-1"]
    assert [p.problem_id for p in problem_refs(ctx, f"  {title.upper()} ")[0]] == ["I-1"]
    assert problem_refs(ctx, "")[0] == [] and problem_refs(ctx, "")[1] == []


def test_an_unknown_problem_is_named_with_the_known_ones():
    hep = clean_hep()
    hep.measures[0].problem = "I-1, X-9 és Y-3"
    assert found("ACT-003", hep) == [
        (("measures", 0, "problem"), "problem", "I-1, X-9 és Y-3",
         {"measure": "I/1", "column": "B", "unknown": "X-9, Y-3", "known": "I-1, II-1, III-1, IV-1, V-1, I-2"})]
    assert messages("ACT-003", hep) == [
        "A(z) I/1 intézkedés B oszlopa olyan problémát nevez meg („X-9, Y-3”), amely nem szerepel a "
        "Következtetések lapon. Válasszon azonosítót a listából (pl. I-1, II-1, III-1, IV-1, V-1, I-2)."]


def test_the_known_problems_shown_are_the_first_six_with_an_id():
    hep = clean_hep()
    hep.problems.insert(0, Problem("", "I", "azonosító nélkül"))
    hep.problems.append(Problem("II-2", "II", "hetedik"))
    hep.measures[4].problem = "Z-1"
    assert [h.params["known"] for h in hits("ACT-003", hep)] == ["I-1, II-1, III-1, IV-1, V-1, I-2"]
    hep.problems = []
    assert [(h.key, h.params["unknown"], h.params["known"]) for h in hits("ACT-003", hep)] == [
        (("measures", i, "problem"), ref, "—") for i, ref in enumerate(["I-1", "II-1", "III-1", "IV-1", "Z-1"])]


def test_an_empty_or_blank_reference_is_not_an_unknown_problem():
    hep = clean_hep()
    hep.measures[0].problem = ""
    hep.measures[1].problem = "   "
    assert hits("ACT-003", hep) == []
    assert hits("ACT-004", hep) == []
    # ... and the measures after them are still read
    hep.measures[2].problem = "X-9, I-1"
    assert keys("ACT-003", hep) == [("measures", 2, "problem")]
    assert keys("ACT-004", hep) == [("measures", 2, "problem")]


def test_a_problem_of_another_group_is_reported_for_each_such_problem():
    hep = clean_hep()
    hep.measures[0].problem = "I-1, II-1; III-1"
    assert found("ACT-004", hep) == [
        (("measures", 0, "problem"), "problem", "I-1, II-1; III-1",
         {"measure": "I/1", "problem": "II-1", "problem_group": "II", "group": "I"}),
        (("measures", 0, "problem"), "problem", "I-1, II-1; III-1",
         {"measure": "I/1", "problem": "III-1", "problem_group": "III", "group": "I"})]
    assert messages("ACT-004", hep)[0] == ("A(z) I/1 intézkedés (I. célcsoport) a(z) II-1 problémára hivatkozik, "
                                           "amely a(z) II. célcsoporthoz tartozik.")


def test_a_problems_group_is_read_in_any_case_and_a_problem_without_group_belongs_anywhere():
    hep = clean_hep()
    hep.problems[1].target_group = "ii"  # II-1, named by the II measure
    hep.problems[2].target_group = ""  # III-1
    hep.measures[0].problem = "I-1, III-1"
    assert hits("ACT-004", hep) == []
    hep.measures[0].problem = "ii-1"
    assert [(h.params["problem"], h.params["problem_group"]) for h in hits("ACT-004", hep)] == [("II-1", "ii")]


def test_a_problem_no_measure_names_needs_a_deferral_reason():
    hep = clean_hep()
    hep.problems[5].deferral_reason = "  "
    hep.measures[4].problem = ""
    assert found("ACT-005", hep) == [
        (("problems", 4, "deferral_reason"), "deferral_reason", None,
         {"problem": "V-1", "title": "Fogyatékkal élők: feltárt probléma"}),
        (("problems", 5, "deferral_reason"), "deferral_reason", None, {"problem": "I-2", "title": "második probléma"})]
    assert messages("ACT-005", hep)[1] == ("A(z) I-2 („második probléma”) problémára nincs intézkedés. Vegyen fel "
                                           "intézkedést, vagy írja be a halasztás indokát.")


def test_a_problem_named_in_another_case_or_by_its_title_is_addressed():
    hep = clean_hep()
    hep.problems[5].deferral_reason = ""
    hep.measures[0].problem = "i-1 és i-2"
    assert hits("ACT-005", hep) == []
    hep.measures[0].problem = "második probléma"
    hep.measures.append(a_measure("I", 2, problem="I-1"))
    assert hits("ACT-005", hep) == []
    assert addressed_problem_ids(context(hep)) == {"i-1", "i-2", "ii-1", "iii-1", "iv-1", "v-1"}
    # a problem without an id is PRB-001's
    hep.problems.append(Problem("", "II", "azonosítatlan"))
    assert hits("ACT-005", hep) == []


# -- ACT-006: a measure for every target group ----------------------------------------------------------------

def test_a_target_group_without_a_measure_is_named():
    hep = clean_hep()
    del hep.measures[3]
    assert found("ACT-006", hep) == [
        (("table", "measures", "IV"), "measures", None, {"group": "IV", "group_name": "Az idősek esélyegyenlősége",
                                                         "count": 5})]
    assert messages("ACT-006", hep) == ["A(z) IV. célcsoporthoz (Az idősek esélyegyenlősége) nincs intézkedés; "
                                        "mind a(z) 5 célcsoporthoz legalább egy kell."]
    hep.measures = []
    assert keys("ACT-006", hep) == [("table", "measures", g) for g in ("I", "II", "III", "IV", "V")]


# -- ACT-007, ACT-008: the deadline -------------------------------------------------------------------------------

def test_deadlines_read_as_dates():
    assert deadline_date(D(2027, 6, 30)) == D(2027, 6, 30)
    day = deadline_date(dt.datetime(2027, 6, 30, 15, 30))
    assert day == D(2027, 6, 30) and type(day) is dt.date
    for text in ("2027.06.30", "2027. június 30.", " 2027-06-30 "):
        assert deadline_date(text) == D(2027, 6, 30), text
    for other in ("", "  ", "folyamatos", "2027.02.30", None, 2027):
        assert deadline_date(other) is None, other


def test_a_deadline_that_is_no_date_is_reported_as_typed():
    hep = clean_hep()
    hep.measures[0].deadline = "folyamatos"
    hep.measures[1].deadline = ""
    hep.measures[2].deadline = "2027. június 30."
    hep.measures[3].deadline = "2027.02.30"
    assert found("ACT-007", hep) == [
        (("measures", 0, "deadline"), "deadline", "folyamatos", {"measure": "I/1"}),
        (("measures", 1, "deadline"), "deadline", None, {"measure": "II/1"}),
        (("measures", 3, "deadline"), "deadline", "2027.02.30", {"measure": "IV/1"})]
    assert messages("ACT-007", hep)[:2] == [
        "A(z) I/1 intézkedés határideje („folyamatos”) nem dátum. Írjon dátumot, pl. 2027.06.30 vagy "
        "2027. június 30.",
        "A(z) II/1 intézkedés határideje hiányzik. Írjon dátumot, pl. 2027.06.30 vagy 2027. június 30."]


def test_a_deadline_on_the_periods_first_or_last_day_is_inside():
    hep = clean_hep()
    hep.measures[0].deadline = D(2025, 1, 1)
    hep.measures[1].deadline = D(2029, 12, 31)
    hep.measures[2].deadline = "2029. december 31."
    assert hits("ACT-008", hep) == []


def test_a_deadline_a_day_outside_the_period_is_reported_with_the_period():
    hep = clean_hep()
    hep.measures[0].deadline = D(2024, 12, 31)
    hep.measures[2].deadline = "2030. január 1."
    hep.measures[3].deadline = dt.datetime(2030, 1, 1, 8, 0)
    hep.measures[4].deadline = "folyamatos"  # ACT-007's
    assert found("ACT-008", hep) == [
        (("measures", 0, "deadline"), "deadline", D(2024, 12, 31),
         {"measure": "I/1", "date": "2024.12.31.", "start": 2025, "end": 2029}),
        (("measures", 2, "deadline"), "deadline", "2030. január 1.",
         {"measure": "III/1", "date": "2030.01.01.", "start": 2025, "end": 2029}),
        (("measures", 3, "deadline"), "deadline", dt.datetime(2030, 1, 1, 8, 0),
         {"measure": "IV/1", "date": "2030.01.01.", "start": 2025, "end": 2029})]
    assert messages("ACT-008", hep)[0] == ("A(z) I/1 intézkedés határideje (2024.12.31.) nem esik a program "
                                           "időszakába (2025–2029).")


@pytest.mark.parametrize("start, end", [(None, 2029), (2025, None), (0, 2029), (2025, 10000)])
def test_without_a_calendar_period_no_deadline_is_outside_it(start, end):
    hep = clean_hep()
    hep.settlement.period_start, hep.settlement.period_end = start, end
    hep.measures[0].deadline = D(2040, 1, 1)
    assert hits("ACT-008", hep) == []


# -- ACT-009: the responsible party --------------------------------------------------------------------------

def test_a_measure_without_a_responsible_party_is_reported():
    hep = clean_hep()
    hep.measures[1].responsible = ""
    hep.measures[4].responsible = " \t"
    hep.measures[2].responsible = None  # not text at all (a model built by hand)
    assert found("ACT-009", hep) == [(("measures", 1, "responsible"), "responsible", None, {"measure": "II/1"}),
                                     (("measures", 2, "responsible"), "responsible", None, {"measure": "III/1"}),
                                     (("measures", 4, "responsible"), "responsible", None, {"measure": "V/1"})]
    assert messages("ACT-009", hep)[0] == ("A(z) II/1 intézkedésnek nincs felelőse; nevezze meg (pl. „polgármester”, "
                                           "„intézményvezető”).")


# -- ACT-010: a measurable indicator -------------------------------------------------------------------------

@pytest.mark.parametrize("indicator", ["folyamatos", "folyamatosan", "igen", "megvalósul", "megvalósítás",
                                       "teljesül", "nincs", "egyéb", "Folyamatos.", " IGEN! ", "nincs adat", "n/a"])
def test_an_indicator_that_measures_nothing_is_reported(indicator):
    hep = clean_hep()
    hep.measures[2].indicators = indicator
    assert found("ACT-010", hep) == [(("measures", 2, "indicators"), "indicators", indicator,
                                      {"measure": "III/1", "empty": False})]
    assert not measure_complete(context(hep), hep.measures[2])


def test_an_empty_indicator_is_reported_as_missing():
    hep = clean_hep()
    hep.measures[0].indicators = ""
    hep.measures[1].indicators = "  "
    hep.measures[2].indicators = "igen"
    assert found("ACT-010", hep) == [
        (("measures", 0, "indicators"), "indicators", None, {"measure": "I/1", "empty": True}),
        (("measures", 1, "indicators"), "indicators", "  ", {"measure": "II/1", "empty": True}),
        (("measures", 2, "indicators"), "indicators", "igen", {"measure": "III/1", "empty": False})]
    assert messages("ACT-010", hep) == [
        "A(z) I/1 intézkedés indikátora hiányzik. Adjon meg mérhető eredményt (pl. „20 fő vesz részt a képzésen”).",
        "A(z) II/1 intézkedés indikátora hiányzik. Adjon meg mérhető eredményt (pl. „20 fő vesz részt a képzésen”).",
        "A(z) III/1 intézkedés indikátora („igen”) nem mérhető. Adjon meg mérhető eredményt (pl. „20 fő vesz részt "
        "a képzésen”)."]


def test_an_indicator_with_a_word_of_the_list_in_it_is_measurable():
    hep = clean_hep()
    hep.measures[0].indicators = "folyamatos: 20 fő évente"
    hep.measures[1].indicators = "igen-nem arány 80 %"
    assert hits("ACT-010", hep) == []


# -- the completeness the score counts ------------------------------------------------------------------------

def test_a_measure_is_complete_with_every_lettered_column_a_date_and_a_measurable_indicator():
    ctx = context(clean_hep())
    assert measure_complete(ctx, a_measure("I", None))  # the number is not a lettered column
    for name in ("title", "problem", "goal", "alignment", "content", "responsible", "deadline", "indicators",
                 "resources", "sustainability"):
        assert not measure_complete(ctx, a_measure("I", **{name: " "})), name
    assert not measure_complete(ctx, a_measure("I", goal=None))
    assert not measure_complete(ctx, a_measure("I", deadline="folyamatos"))
    assert not measure_complete(ctx, a_measure("I", indicators="megvalósul"))
    assert measure_complete(ctx, a_measure("I", deadline="2027. június 30."))
