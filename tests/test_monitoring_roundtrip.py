"""The monitoring survives its JSON document and back, for any records: property-based.

Strategies build what a clerk types (no ``.filter()`` rejecting most draws: Hypothesis' health
check fails on that): a status of the catalog's list as chosen, in capitals, or typed otherwise; a
meeting type likewise; targets and values reached as whole numbers or with a few decimals; a blank
record is never drawn (its first field is built non-empty)."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hep_xl.catalog import load_catalog
from hep_xl.export.json_doc import check_document, hep_from_dict, hep_to_dict
from hep_xl.model import Forum, ForumMeeting, Hep, MonitoringRecord, WorkingGroupReport

from .test_roundtrip import dates, nonempty, numbers, text

CAT = load_catalog()
GROUPS = [g.id for g in CAT.target_groups]
# the first field of a record, never blank: a blank row is no record
groups_as_typed = st.one_of(st.sampled_from(GROUPS), st.sampled_from(GROUPS).map(str.lower), nonempty)
statuses = st.sampled_from([v.name for v in CAT.monitoring_statuses])
statuses_as_typed = st.one_of(statuses, statuses.map(str.upper), text)
kinds = st.sampled_from([v.name for v in CAT.meeting_types])
kinds_as_typed = st.one_of(kinds, kinds.map(str.capitalize), text)
years = st.none() | st.integers(2010, 2040)


def records():
    return st.builds(MonitoringRecord, groups_as_typed, st.none() | st.integers(1, 99),
                     years, statuses_as_typed, st.none() | numbers, st.none() | numbers, text, text, text,
                     st.none() | dates, st.none() | dates)


def meetings():
    return st.builds(ForumMeeting, dates, text, text, text, kinds_as_typed, text, years, years, text)


def reports():
    return st.builds(WorkingGroupReport, nonempty, years, st.none() | dates, text, text)


@st.composite
def monitored(draw) -> Hep:
    hep = Hep(CAT.version)
    hep.settlement.name = draw(nonempty)
    hep.progress = draw(st.lists(records(), max_size=6))
    hep.forum = Forum(meetings=draw(st.lists(meetings(), max_size=3)), reports=draw(st.lists(reports(), max_size=3)))
    return hep


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(monitored())
def test_monitoring_survives_its_json_document(hep):
    doc = json.loads(json.dumps(hep_to_dict(hep), ensure_ascii=False))
    check_document(doc)
    assert hep_from_dict(doc) == hep


def test_a_schema_2_0_document_reads_without_monitoring():
    from hep_xl.sample import build_sample_hep

    doc = hep_to_dict(build_sample_hep())
    old = {k: v for k, v in doc.items() if k != "progress"}
    old["schema_version"] = "2.0"
    old["forum"] = {**doc["forum"], "meetings": [{k: v for k, v in m.items() if k in ("date", "attendees",
                                                                                        "minutes_ref", "agenda")}
                                                 for m in doc["forum"]["meetings"]]}
    del old["forum"]["reports"]
    check_document(old)
    back = hep_from_dict(old)
    assert back.progress == [] and back.forum.reports == []
    assert back.forum.meetings[1].kind == "" and back.forum.meetings[1].reviewed_year is None
    assert back.forum.meetings[1].agenda == doc["forum"]["meetings"][1]["agenda"]
    assert "progress" not in old  # the caller's document is not changed
