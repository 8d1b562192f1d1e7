"""The text rules (TXT-001, TXT-002) and the reader's unreadable values (READ-001), one rule at a time
on the clean model (tests/rule_check.py): what each yields, where it points and what its message says.

What a text may hold is hep_xl.limits' rule (the JSON schema's text pattern): no control characters
but tab and line feed, no lone carriage return, no C1 controls, no U+FFFE/U+FFFF, no lone surrogate, and
at most 32 767 characters (an Excel cell). A text is shown in a finding up to 60 characters, then "…".
"""

from __future__ import annotations

import pytest

from hep_xl.validate.registry import RULES
from hep_xl.workbook.reader import ReadIssue

from .rule_check import context, hits, messages
from .test_validate_fixtures import clean_hep

LIMIT = 32767


def found(rule_id, hep, **kw):
    return [(h.key, h.field, h.value, h.params) for h in hits(rule_id, hep, **kw)]


def test_the_clean_model_breaks_no_text_rule():
    hep = clean_hep()
    for rule_id in ("TXT-001", "TXT-002", "READ-001"):
        assert hits(rule_id, hep) == [], rule_id


def test_a_control_character_is_named_by_its_position_and_code():
    hep = clean_hep()
    hep.settlement.name = "Sziget\x01monostor\x02"  # the first one counts: the 7th character
    assert found("TXT-001", hep) == [
        (("settlement", "name"), "name", "Sziget\x01monostor\x02", {"position": 7, "code": "U+0001"})]
    assert messages("TXT-001", hep) == [
        "A szöveg 7. karaktere vezérlőkarakter (U+0001), amelyet sem a JSON-, sem a Word-dokumentum nem tud "
        "megőrizni. Törölje a karaktert (gyakran másolással kerül a cellába)."]
    assert hits("TXT-002", hep) == []


@pytest.mark.parametrize(("char", "code"), [
    ("\x00", "U+0000"), ("\x08", "U+0008"), ("\x0b", "U+000B"), ("\x0c", "U+000C"), ("\r", "U+000D"),
    ("\x1f", "U+001F"), ("\x7f", "U+007F"), ("\x85", "U+0085"), ("\x9f", "U+009F"), ("\ufffe", "U+FFFE"),
    ("\uffff", "U+FFFF"), ("\ud800", "U+D800"), ("\udfff", "U+DFFF")], ids=lambda v: v if v.startswith("U+") else "")
def test_every_kind_of_character_a_text_cannot_keep(char, code):
    hep = clean_hep()
    hep.settlement.county = char + "Pest"
    assert found("TXT-001", hep) == [(("settlement", "county"), "county", char + "Pest", {"position": 1, "code": code})]


def test_tab_line_feed_and_the_characters_around_the_controls_are_fine():
    hep = clean_hep()
    hep.settlement.name = "Sziget\tmonostor\n\x20\x7e\xa0\u0100\ufffd \U0001F600"
    item = next(iter(hep.checklist))
    hep.checklist[item].narrative = "első sor\nmásodik\tsor"
    assert hits("TXT-001", hep) == []


def test_every_text_of_the_model_is_looked_at_in_the_models_order():
    hep = clean_hep()
    item = next(iter(hep.checklist))
    hep.settlement.author_phone = "+36\x0b1"
    hep.indicators["museums"].source = "TeIR\x01"
    hep.indicators["museums"].note = "\x02"
    hep.checklist[item].status = "kész\x03"
    hep.checklist[item].narrative = "\x04"
    hep.checklist[item].data_gaps = "\x05"
    hep.problems[1].opportunity = "\x06"
    hep.measures[2].partners = "\x07"
    hep.forum.members[4].responsible_area = "\x0e"
    hep.forum.meetings[3].minutes_ref = "\x0f"
    hep.forum.working_groups[0].leader = "\x10"
    assert [(h.key, h.field, h.params["code"]) for h in hits("TXT-001", hep)] == [
        (("settlement", "author_phone"), "author_phone", "U+000B"),
        (("indicator", "museums", "source"), "museums/source", "U+0001"),
        (("indicator", "museums", "note"), "museums/note", "U+0002"),
        (("checklist", item, "status"), "status", "U+0003"),
        (("checklist", item, "narrative"), "narrative", "U+0004"),
        (("checklist", item, "data_gaps"), "data_gaps", "U+0005"),
        (("problems", 1, "opportunity"), "opportunity", "U+0006"),
        (("measures", 2, "partners"), "partners", "U+0007"),
        (("members", 4, "responsible_area"), "responsible_area", "U+000E"),
        (("meetings", 3, "minutes_ref"), "minutes_ref", "U+000F"),
        (("working_groups", 0, "leader"), "leader", "U+0010"),
    ]


def test_a_measures_target_group_is_its_table_not_a_typed_text():
    hep = clean_hep()
    hep.measures[0].target_group = "I\x01"
    hep.problems[0].target_group = "I\x01"  # a problem's group is typed
    assert [h.key for h in hits("TXT-001", hep)] == [("problems", 0, "target_group")]


def test_a_long_text_is_shown_up_to_60_characters():
    hep = clean_hep()
    hep.settlement.name = "a" * 59 + "\x01"  # 60 characters: shown whole
    hep.settlement.county = "b" * 60 + "\x01"  # 61 characters: 60 shown, then "…"
    hep.settlement.resolution_number = "c" * 70 + "\x01"
    assert [(h.field, h.value, h.params["position"]) for h in hits("TXT-001", hep)] == [
        ("name", "a" * 59 + "\x01", 60), ("county", "b" * 60 + "…", 61),
        ("resolution_number", "c" * 60 + "…", 71)]


def test_a_text_longer_than_an_excel_cell():
    hep = clean_hep()
    item = next(iter(hep.checklist))
    hep.checklist[item].narrative = "x" * LIMIT  # exactly the limit: fine
    hep.problems[0].title = "y" * (LIMIT + 1)
    hep.forum.meetings[0].agenda = "z" * 1_000_000
    assert found("TXT-002", hep) == [
        (("problems", 0, "title"), "title", "y" * 60 + "…", {"length": "32 768", "limit": "32 767"}),
        (("meetings", 0, "agenda"), "agenda", "z" * 60 + "…", {"length": "1 000 000", "limit": "32 767"}),
    ]
    assert messages("TXT-002", hep)[0] == (
        "A szöveg 32 768 karakter hosszú; egy Excel-cella legfeljebb 32 767 karaktert tárol, a többi elveszne. "
        "Rövidítse a szöveget.")
    assert hits("TXT-001", hep) == []


def test_a_long_text_with_a_control_character_is_reported_for_the_character():
    hep = clean_hep()
    hep.problems[0].title = "y" * LIMIT + "\x01"
    hep.problems[1].title = "\x01"
    ctx = context(hep)  # one context, as the validator runs the rules: both read one search
    assert [(h.key, h.params) for h in RULES["TXT-001"].func(ctx)] == [
        (("problems", 0, "title"), {"position": LIMIT + 1, "code": "U+0001"}),
        (("problems", 1, "title"), {"position": 1, "code": "U+0001"})]
    assert list(RULES["TXT-002"].func(ctx)) == []
    assert len(list(RULES["TXT-001"].func(ctx))) == 2  # asked again: the same answer


def test_the_second_rule_on_one_context_reports_its_own_kind():
    hep = clean_hep()
    hep.problems[0].title = "y" * (LIMIT + 1)
    hep.problems[1].title = "\x01"
    ctx = context(hep)
    assert [h.key for h in RULES["TXT-001"].func(ctx)] == [("problems", 1, "title")]
    assert [h.key for h in RULES["TXT-002"].func(ctx)] == [("problems", 0, "title")]


# -- READ-001 -------------------------------------------------------------------------------------------

def test_each_unreadable_value_is_reported_at_its_own_cell_with_the_readers_reason():
    issues = [ReadIssue("1. Mutatók", "H50", "museums", "12,3,4", "nem szám (két tizedesjel)"),
              ReadIssue("Településadatok", "B9", "adoption_date", "2025.13.01", "nem dátum")]
    found_ = hits("READ-001", clean_hep(), issues=issues)
    assert [(h.key, h.sheet, h.cell, h.field, h.value, h.params) for h in found_] == [
        (None, "1. Mutatók", "H50", "museums", "12,3,4", {"reason": "nem szám (két tizedesjel)"}),
        (None, "Településadatok", "B9", "adoption_date", "2025.13.01", {"reason": "nem dátum"})]
    assert messages("READ-001", clean_hep(), issues=issues)[1] == (
        "A beírt érték („2025.13.01”) nem értelmezhető: nem dátum. Javítsa a cellát.")



def test_the_texts_of_the_monitoring_and_of_the_document_frame_are_looked_at_too():
    # the JSON export refuses these as it refuses any text (the schema's text pattern on every string of
    # the document): the clerk must be told at the cell, not only by a JSON path
    from hep_xl.model import MonitoringRecord, WorkingGroupReport

    hep = clean_hep()
    part = next(iter(hep.frame.texts))
    hep.forum.reports.append(WorkingGroupReport(group="Gyermek munkacsoport", summary="össze\x03foglaló"))
    hep.frame.issuing_body = "Szigetmonostor Község\x01 Önkormányzata"
    hep.frame.texts[part].text = "Beve\x02zetés"
    hep.progress.append(MonitoringRecord("I", 1, 2025, "folyamatban", comment="\x04késés"))
    hep.progress.append(MonitoringRecord("II\x05", 1, 2025, "folyamatban"))  # the group is typed here
    assert [(h.key, h.field, h.params) for h in hits("TXT-001", hep)] == [
        (("reports", 0, "summary"), "summary", {"position": 6, "code": "U+0003"}),
        (("progress", 0, "comment"), "comment", {"position": 1, "code": "U+0004"}),
        (("progress", 1, "target_group"), "target_group", {"position": 3, "code": "U+0005"}),
        (("frame", "issuing_body"), "issuing_body", {"position": 22, "code": "U+0001"}),
        (("frame", part, "text"), "text", {"position": 5, "code": "U+0002"}),
    ]
    hep.progress[0].comment = "k" * (LIMIT + 1)
    assert [h.key for h in hits("TXT-002", hep)] == [("progress", 0, "comment")]


def test_one_search_per_context_serves_both_rules():
    # the validator runs every rule on one context: the texts are searched once, by whichever rule asks
    # first, and a model changed afterwards is not searched again
    hep = clean_hep()
    hep.problems[0].title = "\x01"
    ctx = context(hep)
    assert [h.key for h in RULES["TXT-002"].func(ctx)] == []
    hep.problems[1].title = "\x02"
    hep.problems[2].title = "y" * (LIMIT + 1)
    assert [h.key for h in RULES["TXT-001"].func(ctx)] == [("problems", 0, "title")]
    assert [h.key for h in RULES["TXT-002"].func(ctx)] == []


def test_the_field_names_of_each_record_class_are_read_once():
    from dataclasses import fields

    from hep_xl.model import Problem
    from hep_xl.validate.rules import text

    text._FIELD_NAMES.clear()  # as in a fresh process
    hep = clean_hep()
    hep.problems[1].deferral_reason = "\x01"
    assert [h.key for h in hits("TXT-001", hep)] == [("problems", 1, "deferral_reason")]
    assert text._FIELD_NAMES[Problem] == tuple(f.name for f in fields(Problem))
