"""The monitoring survives the workbook and its JSON document, for any records: property-based,
xlsx → model → JSON → xlsx through the real writer and reader (like tests/test_roundtrip.py).

Strategies build what a clerk types (no ``.filter()`` rejecting most draws: Hypothesis' health
check fails on that): a status of the catalog's list as chosen, in capitals, or typed otherwise; a
meeting type likewise; targets and values reached as whole numbers or with a few decimals; a blank
record is never drawn (its first field is built non-empty)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hep_xl.catalog import load_catalog
from hep_xl.export.json_doc import check_document, hep_from_dict, hep_to_dict
from hep_xl.model import Forum, ForumMeeting, Hep, MonitoringRecord, WorkingGroupReport
from hep_xl.workbook.reader import read_workbook
from hep_xl.workbook.writer import write_workbook

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
    hep = Hep(CAT.version, years=[2020, 2021, 2022, 2023, 2024])
    hep.settlement.name = draw(nonempty)
    hep.settlement.period_start, hep.settlement.period_end = 2025, 2029
    hep.progress = draw(st.lists(records(), max_size=6))
    hep.forum = Forum(meetings=draw(st.lists(meetings(), max_size=3)), reports=draw(st.lists(reports(), max_size=3)))
    return hep


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(monitored())
def test_monitoring_survives_its_json_document(hep):
    doc = json.loads(json.dumps(hep_to_dict(hep), ensure_ascii=False))
    check_document(doc)
    assert hep_from_dict(doc) == hep


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(monitored())
def test_monitoring_table_round_trips_xlsx_model_json_xlsx(hep):
    with tempfile.TemporaryDirectory() as tmp:
        first = read_workbook(write_workbook(hep, Path(tmp) / "elso.xlsx"))
        assert first.issues == [] and first.hep == hep
        doc = json.loads(json.dumps(hep_to_dict(first.hep, template_version=first.template_version)))
        check_document(doc)
        again = read_workbook(write_workbook(hep_from_dict(doc), Path(tmp) / "masodik.xlsx"))
    assert again.issues == [] and again.hep == hep
    # every record is found at its own row of the Megvalósítás table
    assert [again.cells[("progress", i, "status")].cell for i in range(len(hep.progress))] == [
        f"D{5 + i}" for i in range(len(hep.progress))]


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


def test_the_megvalositas_table_survives_inserted_rows_a_new_column_and_sorting(tmp_path):
    """The clerk inserts rows above and inside the table, a column of their own, and sorts the rows
    by status: every record is still read, each pointing at its cell after the moves."""
    import openpyxl

    from hep_xl.sample import build_sample_hep

    from .excel_edits import insert_rows, insert_table_column

    hep = build_sample_hep()
    path = write_workbook(hep, tmp_path / "minta.xlsx")
    wb = openpyxl.load_workbook(path)
    sheet, table = "Megvalósítás", "Megvalositas"
    insert_rows(wb, sheet, 2, 2)  # above the table: the header moves to row 6
    insert_rows(wb, sheet, 10, 3)  # three blank rows inside it
    insert_table_column(wb, sheet, table, "D", "Saját jegyzet")  # before Állapot: it moves to E
    ws = wb[sheet]
    ref = ws.tables[table].ref
    rows = [[c.value for c in row] for row in ws[ref][1:]]
    status = [c.value for c in ws[ref][0]].index("Állapot")
    filled = sorted((r for r in rows if any(v not in (None, "") for v in r)), key=lambda r: (r[status], r[0], r[2]))
    for i, row in enumerate(ws[ref][1:]):
        for c, cell in enumerate(row):
            cell.value = filled[i][c] if i < len(filled) else None
    wb.save(path)
    result = read_workbook(path)
    assert result.issues == []
    key = lambda r: (r.target_group, r.measure_number, r.year)  # noqa: E731
    assert sorted(result.hep.progress, key=key) == sorted(hep.progress, key=key)
    assert [r.status for r in result.hep.progress] == sorted(r.status for r in hep.progress)
    assert result.cells[("progress", 0, "status")].cell == "E7"  # header row 6, the status in E
    assert result.hep.progress[0].status == ws["E7"].value
