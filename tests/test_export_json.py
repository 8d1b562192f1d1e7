"""JSON export/import: schema up to date, canonical document, round trip through a real workbook."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hep_xl.catalog import load_catalog
from hep_xl.cli import main as cli_main
from hep_xl.excel.build import write_any
from hep_xl.export import schema as S
from hep_xl.export.json_doc import (
    JsonDocumentError,
    check_document,
    hep_from_dict,
    hep_to_dict,
    read_json,
    to_json_bytes,
    validation_summary,
    write_json,
)
from hep_xl.model import (
    MEASURE_FORM_FIELDS,
    NO_DATA,
    ChecklistEntry,
    Forum,
    ForumMeeting,
    ForumMember,
    Frame,
    FrameText,
    Hep,
    IndicatorSeries,
    Measure,
    Problem,
    Settlement,
    WorkingGroup,
)
from hep_xl.workbook import layout as L
from hep_xl.workbook.reader import read_workbook
from tests.synthetic import synthetic_hep

CAT = load_catalog()


def test_committed_schema_is_up_to_date():
    assert S.SCHEMA_PATH.read_text(encoding="utf-8") == S.schema_text(), \
        "schemas/hep.schema.json elavult: python -m hep_xl.export.schema"


def test_schema_is_valid_draft_2020_12_and_keyed_by_catalog_ids():
    import jsonschema

    schema = json.loads(S.SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"].endswith("2020-12/schema") and schema["$id"]
    assert schema["properties"]["schema_version"]["const"] == S.SCHEMA_VERSION
    assert list(schema["properties"]["indicators"]["properties"]) == [s.id for s in CAT.series_rows]
    assert list(schema["properties"]["checklist"]["properties"]) == [i.id for i in CAT.checklist_items]
    assert schema["additionalProperties"] is False
    assert list(schema["$defs"]["measure"]["properties"]) == [c.id for c in CAT.columns] + list(MEASURE_FORM_FIELDS)
    assert list(schema["properties"]["frame"]["properties"]["texts"]["properties"]) == [
        p.id for p in CAT.written_parts]


# -- canonical document from a real workbook ------------------------------------------------------

@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    path = tmp_path_factory.mktemp("wb") / "kitoltott.xlsx"
    hep = synthetic_hep(7)
    write_any(hep, path)
    return hep, path


def test_export_json_cli_writes_utf8_schema_valid_document(filled, tmp_path, capsys):
    hep, path = filled
    out = tmp_path / "hep.json"
    assert cli_main(["export", "json", str(path), "-o", str(out)]) == 0
    data = out.read_bytes()
    assert "ő".encode() in data or "ű".encode() in data  # Hungarian letters are not \u-escaped
    assert b"\\u0151" not in data
    doc = json.loads(data)
    check_document(doc)
    assert list(doc) == ["schema_version", "catalog_version", "template_version", "settlement", "years",
                         "indicators", "checklist", "problems", "measures", "forum", "progress", "frame", "validation"]
    assert doc["settlement"]["name"] == hep.settlement.name
    assert doc["settlement"]["adoption_date"] == hep.settlement.adoption_date.isoformat()
    assert list(doc["indicators"]) == [s.id for s in CAT.series_rows]  # catalog order
    sid = next(s for s, v in hep.indicators.items() if NO_DATA in v.values.values())
    year = next(y for y, v in hep.indicators[sid].values.items() if v is NO_DATA)
    assert doc["indicators"][sid]["values"][str(year)] == "nincs adat"
    m = hep.measures[0]
    got = doc["measures"][m.target_group][0]
    assert got["deadline"] == ({"date": m.deadline.isoformat()} if isinstance(m.deadline, dt.date)
                               else {"text": m.deadline})
    # same workbook, same bytes
    out2 = tmp_path / "again.json"
    assert cli_main(["export", "json", str(path), "-o", str(out2)]) == 0
    assert out2.read_bytes() == data


def test_import_then_export_is_identity_on_a_filled_document(filled, tmp_path):
    hep, path = filled
    doc = json.loads(to_json_bytes(hep_to_dict(read_workbook(path).hep, validation_summary(read_workbook(path)))))
    src = tmp_path / "in.json"
    src.write_bytes(to_json_bytes(doc))
    wb = tmp_path / "vissza.xlsx"
    assert cli_main(["import", "json", str(src), "-o", str(wb)]) == 0
    res = read_workbook(wb)
    assert res.issues == []
    assert hep_to_dict(res.hep, validation_summary(res)) == doc


def test_write_and_read_json_functions(tmp_path):
    hep = synthetic_hep(2)
    p = write_json(hep, tmp_path / "x.json")
    back = read_json(p)
    assert hep_to_dict(back) == hep_to_dict(hep)


# -- refusing documents that break the schema --------------------------------------------------------

def _errors(doc) -> list[str]:
    with pytest.raises(JsonDocumentError) as exc:
        hep_from_dict(doc)
    return exc.value.errors


def test_schema_violations_name_json_path_and_rule():
    good = hep_to_dict(synthetic_hep(1))
    doc = json.loads(json.dumps(good))
    doc["extra"] = 1
    doc["settlement"]["name"] = " Kisháza"
    doc["indicators"]["resident_population"]["values"]["2021"] = "n.a."
    doc["indicators"]["nonexistent_series"] = {"values": {}, "source": "", "retrieved": None, "note": ""}
    doc["measures"]["I"][0]["deadline"] = "2027.06.30"
    del doc["forum"]["members"][0]["name"]
    errors = _errors(doc)
    text = "\n".join(errors)
    assert "$: ismeretlen kulcs: „extra” [szabály: additionalProperties]" in errors
    assert "$.settlement.name: a szöveg elején vagy végén" in text and "[szabály: pattern]" in text
    assert "$.indicators.resident_population.values['2021']:" in text
    assert "$.indicators: ismeretlen kulcs: „nonexistent_series”" in text
    assert "$.measures.I[0].deadline:" in text
    assert "$.forum.members[0]: hiányzó kötelező kulcs: „name” [szabály: required]" in errors


def test_semantic_rules_dates_and_years():
    doc = hep_to_dict(synthetic_hep(1))
    doc["settlement"]["adoption_date"] = "2024-02-30"
    doc["years"] = doc["years"][:-1]
    errors = _errors(doc)
    assert any(e.startswith("$.settlement.adoption_date: nem létező dátum") for e in errors)
    assert any("nem szerepel a „years” listában [szabály: évek]" in e for e in errors)


def test_import_cli_refuses_invalid_and_non_json(tmp_path, capsys):
    bad = tmp_path / "rossz.json"
    bad.write_text('{"schema_version": "9"}', encoding="utf-8")
    out = tmp_path / "x.xlsx"
    assert cli_main(["import", "json", str(bad), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "$.schema_version:" in err and "[szabály: const]" in err
    assert not out.exists()
    bad.write_text("{nem json", encoding="utf-8")
    assert cli_main(["import", "json", str(bad), "-o", str(out)]) == 2
    assert "nem érvényes JSON" in capsys.readouterr().err
    assert not out.exists()


# -- property: every valid document survives import (JSON -> workbook) and export again ----------------

_CTRL = {chr(c) for c in [*range(0, 9), *range(11, 32), *range(127, 160)]} | {"\ufffe", "\uffff"}
_alphabet = st.one_of(
    st.sampled_from("aáeéiíoóöőuúüűAÁEÉOÓÖŐUÚÜŰ xyz0123456789.,;:-–„”'\"&<>_\n\t"),
    st.characters(blacklist_categories=("Cs",), blacklist_characters="".join(_CTRL)),
)
_raw = st.text(_alphabet, max_size=40) | st.sampled_from(
    ["_x0041_ nem escape", "első sor\nmásodik sor\n\nnegyedik", "árvíztűrő tükörfúrógép " * 300,
     "Ő" * 5000])
text = _raw.map(str.strip)
# built, not filtered: a filter that rejects most draws fails Hypothesis' health check at random
nonempty = st.builds(lambda first, rest: (first + rest).rstrip(), st.sampled_from(list("aáeéőűAÉ0")), text)
dates = st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(9999, 12, 31))
opt_dates = st.none() | dates
big = 999_999_999_999_999
numbers = st.integers(-big, big) | st.floats(-9.99e14, 9.99e14, allow_nan=False, allow_infinity=False)
groups = [g.id for g in CAT.target_groups]
role_names = {r.name.casefold() for r in CAT.forum_roles}


def _nonblank(obj, fields):
    return any(getattr(obj, f) not in (None, "") for f in fields)


@st.composite
def heps(draw) -> Hep:
    years = sorted(draw(st.sets(st.integers(1900, 2200), max_size=7)))
    s = Settlement(**{fd.field: draw({"date": opt_dates, "int": st.none() | st.integers(-big, big),
                                      "year": st.none() | st.integers(1900, 2200)}.get(fd.kind, text))
                      for fd in L.SETTLEMENT_FIELDS if fd.field != "review_dates"})
    s.review_dates = draw(st.lists(dates, max_size=2))
    hep = Hep(CAT.version, s, years)
    for sid in draw(st.lists(st.sampled_from([x.id for x in CAT.series_rows]), max_size=6, unique=True)):
        values = {y: draw(numbers | st.just(NO_DATA)) for y in years if draw(st.booleans())}
        series = IndicatorSeries(sid, values, draw(text), draw(opt_dates), draw(text))
        if values or series.source or series.retrieved or series.note:
            hep.indicators[sid] = series
    for iid in draw(st.lists(st.sampled_from([i.id for i in CAT.checklist_items]), max_size=5, unique=True)):
        e = ChecklistEntry(iid, draw(st.sampled_from(["", *L.CHECKLIST_STATUSES])), draw(text), draw(text))
        if e.status or e.narrative or e.data_gaps:
            hep.checklist[iid] = e
    hep.problems = [p for p in draw(st.lists(st.builds(
        Problem, text, st.sampled_from(["", *groups]), text, text, text), max_size=4))
        if _nonblank(p, ("problem_id", "target_group", "title", "opportunity", "deferral_reason"))]
    measures = draw(st.lists(st.builds(
        Measure, st.sampled_from(groups), st.none() | st.integers(-big, big), text, text, text, text, text,
        text, dates | nonempty | st.just(""), text, text, text, text, text, text), max_size=6))
    cols = [c.id for c in CAT.columns] + list(MEASURE_FORM_FIELDS)
    measures = [m for m in measures if _nonblank(m, cols)]
    hep.measures = [m for g in groups for m in measures if m.target_group == g]  # workbook order
    roles = st.sampled_from([r.id for r in CAT.forum_roles]) | text.filter(lambda t: t.casefold() not in role_names)
    hep.forum = Forum(
        [m for m in draw(st.lists(st.builds(ForumMember, text, roles, text, text), max_size=3))
         if _nonblank(m, ("name", "role", "organisation", "responsible_area"))],
        [m for m in draw(st.lists(st.builds(ForumMeeting, opt_dates, text, text, text), max_size=3))
         if _nonblank(m, ("date", "attendees", "minutes_ref", "agenda"))],
        [w for w in draw(st.lists(st.builds(WorkingGroup, text, text, st.sampled_from(["", *groups]), opt_dates),
                                  max_size=3))
         if _nonblank(w, ("name", "leader", "target_group", "last_report"))],
    )
    hep.frame = Frame(draw(text), {p.id: FrameText(p.id, t) for p in draw(st.lists(
        st.sampled_from(CAT.written_parts), max_size=4, unique=True)) if (t := draw(text))})
    return hep


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(hep=heps())
def test_export_of_import_is_identity(hep, tmp_path_factory):
    doc = hep_to_dict(hep)
    check_document(doc)  # everything the generator builds is a valid document
    doc = json.loads(to_json_bytes(doc))  # exactly what a file holds
    wb = tmp_path_factory.mktemp("rt") / "rt.xlsx"
    write_any(hep_from_dict(doc), wb)
    result = read_workbook(wb)
    assert result.issues == []
    assert hep_to_dict(result.hep) == doc


def test_schema_regeneration_command_check_mode():
    r = subprocess.run([sys.executable, "-m", "hep_xl.export.schema", "--check"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_closed_lists_keep_what_the_clerk_typed(tmp_path):
    """A typo in a dropdown cell is archived as typed (no data lost) and flagged by the validator."""
    from hep_xl.excel.build import write_any
    from hep_xl.validate import validate
    from hep_xl.workbook.reader import read_workbook

    hep = synthetic_hep(1)
    hep.checklist["3.2"].status = "kesz"
    hep.checklist["3.3"].status = "KÉSZ"
    hep.problems[0].target_group = "ii"
    doc = hep_to_dict(hep)
    assert doc["checklist"]["3.2"]["status"] == "kesz" and doc["problems"][0]["target_group"] == "ii"
    back = hep_from_dict(doc)
    path = tmp_path / "elgepelt.xlsx"
    write_any(back, path)
    result = read_workbook(path)
    assert hep_to_dict(result.hep) == doc
    found = {(f.rule_id, f.cell) for f in validate(result).findings if f.rule_id in ("CHK-002", "PRB-003")}
    assert found == {("CHK-002", str(result.cell("checklist", "3.2", "status").cell))}


# -- review fixes ------------------------------------------------------------------------------------

def _doc_file(tmp_path, doc, name="be.json", bom=False):
    p = tmp_path / name
    p.write_bytes((b"\xef\xbb\xbf" if bom else b"") + to_json_bytes(doc))
    return p


@pytest.mark.parametrize("field", ["period_start", "period_end"])
@pytest.mark.parametrize("value", [10000, 1899, 2201, 10**15])
def test_programme_years_outside_1900_2200_are_refused_on_import(tmp_path, capsys, field, value):
    doc = hep_to_dict(synthetic_hep(1))
    doc["settlement"][field] = value
    out = tmp_path / "x.xlsx"
    assert cli_main(["import", "json", str(_doc_file(tmp_path, doc)), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"$.settlement.{field}: {value}" in err and ("[szabály: maximum]" in err or "[szabály: minimum]" in err)
    assert not out.exists()


def test_programme_years_at_the_bounds_round_trip(tmp_path):
    hep = synthetic_hep(1)
    hep.settlement.period_start, hep.settlement.period_end = 1900, 2200
    doc = json.loads(to_json_bytes(hep_to_dict(hep)))
    wb = tmp_path / "hatar.xlsx"
    write_any(hep_from_dict(doc), wb)
    res = read_workbook(wb)
    assert res.issues == [] and hep_to_dict(res.hep) == doc


def test_indicator_year_keys_outside_1900_2200_name_the_range():
    doc = hep_to_dict(synthetic_hep(1))
    doc["indicators"]["resident_population"]["values"]["2500"] = 1
    assert any("$.indicators.resident_population.values: nem évszám (1900–2200): „2500”" in e
               for e in _errors(doc))


@pytest.mark.parametrize("value", [0.30000000000000004, 1234567.123456789, 0.1 + 0.7])
def test_numbers_beyond_15_significant_digits_are_refused(tmp_path, capsys, value):
    doc = hep_to_dict(synthetic_hep(1))
    year = str(doc["years"][0])
    doc["indicators"]["resident_population"]["values"][year] = value
    path = _doc_file(tmp_path, doc)
    out = tmp_path / "x.xlsx"
    assert cli_main(["import", "json", str(path), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"$.indicators.resident_population.values['{year}']: {value!r}: legfeljebb 15 értékes jegy" in err
    assert not out.exists()
    # 15 digits are fine, and come back unchanged
    doc["indicators"]["resident_population"]["values"][year] = float(f"{value:.15g}")
    wb = tmp_path / "ok.xlsx"
    assert cli_main(["import", "json", str(_doc_file(tmp_path, doc, "ok.json")), "-o", str(wb)]) == 0
    assert hep_to_dict(read_workbook(wb).hep)["indicators"] == doc["indicators"]


def test_utf8_file_with_byte_order_mark_is_imported(tmp_path, capsys):
    hep = synthetic_hep(2)
    doc = hep_to_dict(hep)
    path = _doc_file(tmp_path, doc, "jegyzettomb.json", bom=True)
    out = tmp_path / "x.xlsx"
    assert cli_main(["import", "json", str(path), "-o", str(out)]) == 0
    assert hep_to_dict(read_workbook(out).hep)["settlement"] == doc["settlement"]


def test_export_json_never_overwrites_the_workbook(filled, tmp_path, capsys):
    import os
    import shutil

    from hep_xl.convert.batch import sha256_file

    _, original = filled
    wb = tmp_path / "WB.xlsx"
    shutil.copyfile(original, wb)
    before = sha256_file(wb)
    alias = tmp_path / "ugyanaz.json"
    os.link(wb, alias)  # the same file under a .json name
    for target, words in [(wb, "kiterjesztésű fájl legyen"), (tmp_path / "x" / ".." / "WB.xlsx", "kiterjesztésű"),
                          (tmp_path / "ki.txt", ".json kiterjesztésű"), (alias, "nem lehet maga a munkafüzet")]:
        assert cli_main(["export", "json", str(wb), "-o", str(target)]) == 2
        assert words in capsys.readouterr().err
        assert sha256_file(wb) == before
    assert not (tmp_path / "ki.txt").exists()
    # a workbook whose own name ends in .json cannot be its default output either
    assert cli_main(["export", "json", str(alias)]) == 2
    assert "nem lehet maga a munkafüzet" in capsys.readouterr().err
    assert sha256_file(wb) == before
    assert cli_main(["export", "json", str(wb), "-o", str(tmp_path / "KI.JSON")]) == 0  # suffix in any case


def test_import_json_never_overwrites_the_document(tmp_path, capsys):
    src = tmp_path / "be.xlsx"  # a JSON document with a workbook's name
    src.write_bytes(to_json_bytes(hep_to_dict(synthetic_hep(1))))
    before = src.read_bytes()
    assert cli_main(["import", "json", str(src), "-o", str(src)]) == 2
    assert "nem lehet maga a JSON-dokumentum" in capsys.readouterr().err
    assert src.read_bytes() == before
