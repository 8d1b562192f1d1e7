"""The situation-analysis rules (Annex 2: CHK-001 … CHK-006, CHK-010) and the problems table's
(PRB-001 … PRB-004), one rule at a time on the clean model (tests/rule_check.py): what each yields,
where it points and what its message says.

Worked out by hand from the clean model (tests/test_validate_fixtures.py) and the catalog: every one
of the 113 checklist items is "kész" with a text; the problems table holds I-1 … V-1 (rows 0–4) and
I-2 (row 5). In the catalog 1.1 and 3.2 are required sections, 8.a and 9.b required points, 3.2.a
and 3.2.b illustrative points under 3.2 (footnote 3 of the decree), 6.5 the conclusions of group IV.
"""

from __future__ import annotations

import pytest

from hep_xl.catalog import load_catalog
from hep_xl.model import ChecklistEntry, Problem
from hep_xl.validate.rules.checklist import UNFINISHED, item_done, required_entries

from .rule_check import context, hits, keys, messages
from .test_validate_fixtures import clean_hep

CAT = load_catalog()
TEXT = {i.id: i.text for i in CAT.checklist_items}
RULE_IDS = ("CHK-001", "CHK-002", "CHK-003", "CHK-004", "CHK-005", "CHK-006", "CHK-010", "PRB-001", "PRB-002",
            "PRB-003", "PRB-004")
STATUSES = "kész, folyamatban, nincs elkezdve, nem releváns"


def found(rule_id, hep, **kw):
    return [(h.key, h.field, h.value, h.params) for h in hits(rule_id, hep, **kw)]


def with_entries(**entries):
    """The clean model with some items' (status, narrative) changed (``_`` for the dot: ``i3_2_a``)."""
    hep = clean_hep()
    for name, (status, narrative) in entries.items():
        item_id = name.removeprefix("i").replace("_", ".")
        hep.checklist[item_id] = ChecklistEntry(item_id, status, narrative)
    return hep


def test_the_clean_model_breaks_no_checklist_or_problem_rule():
    hep = clean_hep()
    for rule_id in RULE_IDS:
        assert hits(rule_id, hep) == [], rule_id
    assert UNFINISHED == ("folyamatban", "nincs elkezdve")


# -- CHK-001, CHK-002: the status ------------------------------------------------------------------------------

def test_a_required_item_without_a_status_is_named_with_its_text():
    hep = with_entries(i1_1=("", "szöveg"), i9_b=("", ""), i3_2_a=("", "szöveg"))
    assert found("CHK-001", hep) == [
        (("checklist", "1.1", "status"), "status", None, {"item": "1.1", "text": TEXT["1.1"]}),
        (("checklist", "9.b", "status"), "status", None, {"item": "9.b", "text": TEXT["9.b"]})]
    assert messages("CHK-001", hep)[0] == (
        "1.1 („A program készítését előíró jogszabályi környezet rövid bemutatása”): nincs megadva állapot. "
        "Válasszon: kész, folyamatban, nincs elkezdve, nem releváns.")


def test_an_item_missing_from_the_model_counts_as_blank():
    hep = clean_hep()
    del hep.checklist["1.2"]
    del hep.checklist["3.2.b"]
    assert keys("CHK-001", hep) == [("checklist", "1.2", "status")]
    assert keys("CHK-003", hep) == [("checklist", "1.2", "narrative")]
    assert keys("CHK-006", hep) == [("checklist", "3.2.b", "narrative")]


def test_a_status_off_the_list_is_reported_on_any_item_and_letter_case_is_not():
    hep = with_entries(i1_1=("kesz", "szöveg"), i3_2_a=("félig", "szöveg"), i3_2=("KÉSZ", "szöveg"),
                       i8_a=("Nem Releváns", "nincs ilyen szervezet"))
    assert found("CHK-002", hep) == [
        (("checklist", "1.1", "status"), "status", "kesz", {"item": "1.1", "allowed": STATUSES}),
        (("checklist", "3.2.a", "status"), "status", "félig", {"item": "3.2.a", "allowed": STATUSES})]
    assert messages("CHK-002", hep)[0] == ("1.1: a(z) „kesz” állapot nem választható; lehetséges: kész, folyamatban, "
                                           "nincs elkezdve, nem releváns.")
    assert hits("CHK-001", hep) == []


# -- CHK-003, CHK-004: the narrative ------------------------------------------------------------------------------

def test_a_required_item_without_text_is_asked_to_describe_or_say_not_relevant():
    hep = with_entries(i1_1=("kész", ""), i3_2=("folyamatban", " \n "), i3_2_a=("kész", ""), i8_a=("", ""))
    assert found("CHK-003", hep) == [
        (("checklist", "1.1", "narrative"), "narrative", None, {"item": "1.1", "text": TEXT["1.1"]}),
        (("checklist", "3.2", "narrative"), "narrative", None, {"item": "3.2", "text": TEXT["3.2"]}),
        (("checklist", "8.a", "narrative"), "narrative", None, {"item": "8.a", "text": TEXT["8.a"]})]
    assert messages("CHK-003", hep)[1] == (
        "3.2 („Foglalkoztatottság, munkaerő-piaci integráció”): a Kifejtés oszlop üres. Írja le a helyzetet, vagy "
        "ha a pont nem vonatkozik a településre, válassza a „nem releváns” állapotot indoklással.")


def test_not_relevant_needs_its_reason_on_a_required_item_only():
    hep = with_entries(i1_2=("nem releváns", ""), i9_b=("NEM RELEVÁNS", "  "), i3_2_a=("nem releváns", ""),
                       i8_a=("nem releváns", "a településen nincs ilyen szervezet"))
    assert found("CHK-004", hep) == [
        (("checklist", "1.2", "narrative"), "narrative", None, {"item": "1.2", "status": "nem releváns"}),
        (("checklist", "9.b", "narrative"), "narrative", None, {"item": "9.b", "status": "nem releváns"})]
    assert messages("CHK-004", hep)[0] == ("1.2: „nem releváns” állapotnál a Kifejtés oszlopban írja le az indokot "
                                           "(pl. „a településen nincs óvoda”).")
    assert hits("CHK-003", hep) == []  # the reason is CHK-004's to ask


# -- CHK-005, CHK-006: unfinished and illustrative items ------------------------------------------------------------

def test_an_item_in_progress_or_not_started_is_unfinished_as_typed():
    hep = with_entries(i1_1=("folyamatban", "félkész szöveg"), i3_2=("NINCS ELKEZDVE", ""),
                       i3_2_a=("Folyamatban", ""), i3_2_b=("nincs elkezdve", "már van szöveg"),
                       i8_a=("nem releváns", ""))
    assert found("CHK-005", hep) == [
        (("checklist", "1.1", "status"), "status", "folyamatban", {"item": "1.1", "done": "kész"}),
        (("checklist", "3.2", "status"), "status", "NINCS ELKEZDVE", {"item": "3.2", "done": "kész"}),
        (("checklist", "3.2.a", "status"), "status", "Folyamatban", {"item": "3.2.a", "done": "kész"}),
        (("checklist", "3.2.b", "status"), "status", "nincs elkezdve", {"item": "3.2.b", "done": "kész"})]
    assert messages("CHK-005", hep)[0] == "1.1: az állapot „folyamatban”; a benyújtás előtt fejezze be („kész”)."
    assert hits("CHK-006", hep) == []  # 3.2.a has a status of work begun, 3.2.b a text


def test_an_illustrative_point_left_blank_is_optional_and_said_so_once():
    hep = with_entries(i3_2_a=("", ""), i3_2_b=("nincs elkezdve", " "), i7_3_f=("nem releváns", ""))
    assert found("CHK-006", hep) == [
        (("checklist", "3.2.a", "narrative"), "narrative", None,
         {"item": "3.2.a", "text": TEXT["3.2.a"], "section": "3.2"}),
        (("checklist", "3.2.b", "narrative"), "narrative", None,
         {"item": "3.2.b", "text": TEXT["3.2.b"], "section": "3.2"}),
        (("checklist", "7.3.f", "narrative"), "narrative", None,
         {"item": "7.3.f", "text": TEXT["7.3.f"], "section": "7.3"})]
    assert messages("CHK-006", hep)[0] == (
        "3.2.a („foglalkoztatottak, munkanélküliek, tartós munkanélküliek száma, aránya”) üres. A rendelet "
        "3. lábjegyzete szerint a 3.2 pont alatti felsorolás példálózó: ezt az alpontot nem kötelező kifejteni, "
        "a 3.2 pontot igen.")
    # blank and optional: not unfinished, not without status, text or reason
    for rule_id in ("CHK-001", "CHK-003", "CHK-004", "CHK-005"):
        assert hits(rule_id, hep) == [], rule_id


def test_an_illustrative_point_marked_done_without_text_is_said_to_be_empty():
    """"kész" with nothing written is no description: the score does not count it (item_done), and
    CHK-006 says the point is empty, and optional."""
    hep = with_entries(i3_2_a=("kész", "  "), i3_2_b=("kész", "a 3.2.b pont szövege"))
    assert found("CHK-006", hep) == [
        (("checklist", "3.2.a", "narrative"), "narrative", None,
         {"item": "3.2.a", "text": TEXT["3.2.a"], "section": "3.2"})]
    for rule_id in ("CHK-001", "CHK-003", "CHK-004", "CHK-005"):
        assert hits(rule_id, hep) == [], rule_id


def test_a_required_item_not_started_is_unfinished_and_not_illustrative():
    hep = with_entries(i8_a=("nincs elkezdve", ""))
    assert keys("CHK-005", hep) == [("checklist", "8.a", "status")]
    assert keys("CHK-003", hep) == [("checklist", "8.a", "narrative")]
    assert hits("CHK-006", hep) == []


# -- CHK-010: the conclusions name problems -----------------------------------------------------------------------

def test_a_target_group_without_a_problem_is_pointed_at_its_conclusions_section():
    hep = clean_hep()
    del hep.problems[3]  # IV-1
    assert found("CHK-010", hep) == [
        (("checklist", "6.5", "narrative"), "problems", None,
         {"group": "IV", "group_name": "Az idősek esélyegyenlősége", "section": "6.5"})]
    assert messages("CHK-010", hep) == [
        "IV. célcsoport (Az idősek esélyegyenlősége): a(z) 6.5 Következtetések pontjához nincs feltárt probléma. "
        "Vegye fel a Következtetések lapon (pl. IV-1)."]


def test_a_problem_without_an_id_does_not_count_and_the_group_is_read_in_any_case():
    hep = clean_hep()
    hep.problems[3].problem_id = ""
    hep.problems[4].target_group = "v"
    assert keys("CHK-010", hep) == [("checklist", "6.5", "narrative")]
    hep.problems = []
    assert [h.params["section"] for h in hits("CHK-010", hep)] == ["3.9", "4.5", "5.8", "6.5", "7.4"]


# -- PRB-001 … PRB-004: the problems table ---------------------------------------------------------------------

def test_a_problem_without_an_id_gets_an_example_from_its_group_and_row():
    hep = clean_hep()
    hep.problems[5].problem_id = ""
    hep.problems.append(Problem("", "", "csoport nélkül"))
    assert found("PRB-001", hep) == [
        (("problems", 5, "problem_id"), "problem_id", None, {"title": "második probléma", "example": "I-6"}),
        (("problems", 6, "problem_id"), "problem_id", None, {"title": "csoport nélkül", "example": "I-7"})]
    assert messages("PRB-001", hep)[0] == ("A(z) „második probléma” problémának nincs azonosítója; adjon egyedit "
                                           "(pl. I-6).")
    hep.problems[1].problem_id = ""
    assert [h.params["example"] for h in hits("PRB-001", hep)][0] == "II-2"


def test_an_id_used_again_in_any_case_names_the_row_of_its_first_use():
    hep = clean_hep()
    hep.problems += [Problem("i-1", "I", "ismét"), Problem("", "I", "üres"), Problem("", "I", "üres ismét"),
                     Problem("I-1", "I", "harmadszor"), Problem("II-1", "II", "másodszor")]
    assert found("PRB-002", hep) == [
        (("problems", 6, "problem_id"), "problem_id", "i-1", {"first": 1}),
        (("problems", 9, "problem_id"), "problem_id", "I-1", {"first": 1}),
        (("problems", 10, "problem_id"), "problem_id", "II-1", {"first": 2})]
    assert messages("PRB-002", hep)[0] == ("A(z) „i-1” azonosító már szerepel a táblázat 1. sorában; az azonosító "
                                           "legyen egyedi.")


def test_a_target_group_off_the_list_is_reported_as_typed():
    hep = clean_hep()
    hep.problems[0].target_group = "VI"
    hep.problems[1].target_group = "ii"  # read as II
    hep.problems[5].target_group = ""
    assert found("PRB-003", hep) == [
        (("problems", 0, "target_group"), "target_group", "VI", {"problem": "I-1", "allowed": "I, II, III, IV, V"}),
        (("problems", 5, "target_group"), "target_group", "", {"problem": "I-2", "allowed": "I, II, III, IV, V"})]
    assert messages("PRB-003", hep)[0] == ("A(z) I-1 probléma célcsoportja („VI”) nem választható; lehetséges: "
                                           "I, II, III, IV, V.")


def test_a_problem_without_a_title_is_reported():
    hep = clean_hep()
    hep.problems[2].title = ""
    assert found("PRB-004", hep) == [(("problems", 2, "title"), "title", None, {"problem": "III-1"})]
    assert messages("PRB-004", hep) == ["A(z) III-1 problémának nincs megnevezése; írja le röviden a feltárt "
                                        "problémát."]


# -- the completeness the score counts ------------------------------------------------------------------------------

@pytest.mark.parametrize("status, narrative, done", [
    ("kész", "szöveg", True), ("KÉSZ", "szöveg", True), ("kész", " ", False), ("nem releváns", "nincs óvoda", True),
    ("Nem releváns", "nincs óvoda", True), ("nem releváns", "", False), ("folyamatban", "szöveg", False),
    ("", "szöveg", False), ("nincs elkezdve", "szöveg", False)])
def test_an_item_is_done_when_finished_or_not_relevant_with_its_text(status, narrative, done):
    assert item_done(ChecklistEntry("1.1", status, narrative)) is done


def test_the_required_entries_are_every_item_but_the_illustrative_points():
    hep = clean_hep()
    del hep.checklist["1.1"]
    required = list(required_entries(context(hep)))
    assert [item.id for item, _ in required] == [i.id for i in CAT.checklist_items if not i.illustrative]
    assert len(required) == 44  # 36 sections of chapters 1–7, the points 8.a–f and 9.a–b
    assert required[0][1] == ChecklistEntry("1.1") and required[1][1] is hep.checklist["1.2"]
