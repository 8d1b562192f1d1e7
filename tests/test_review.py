"""hep-xl review: the sample's two versions written as real workbooks, compared by the real CLI, the
differences read back from the JSON, the Word document (python-docx) and its PDF (LibreOffice)."""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path

import docx
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hep_xl import model
from hep_xl.catalog import load_catalog
from hep_xl.cli import EXIT_INPUT, EXIT_MISMATCH
from hep_xl.cli import main as cli
from hep_xl.excel.build import write_any
from hep_xl.review.compare import NotComparable, compare, compare_records, measure_done, record_fields, word_diff
from hep_xl.review.schema import SCHEMA_PATH, schema_text
from hep_xl.sample import build_sample_hep
from hep_xl.sample.exports import make_exports
from hep_xl.sample.review import apply_first_review, build_reviewed_sample_hep

from .conftest import soffice_available
from .render import pdf_text, to_pdf

CAT = load_catalog()


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli(list(args))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def versions(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("review")
    old, new = folder / "peldafalva.xlsx", folder / "peldafalva_2027.xlsx"
    write_any(build_sample_hep(), old)
    write_any(build_reviewed_sample_hep(), new)
    return old, new


@pytest.fixture(scope="module")
def report(versions) -> dict:
    old, new = versions
    out = old.parent / "felulvizsgalat.json"
    code, stdout, _ = run("review", str(old), str(new), "-o", str(out))
    assert code == 0 and stdout == f"elkészült: {out}\n"
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def word(versions) -> Path:
    old, new = versions
    out = old.parent / "felulvizsgalat.docx"
    assert run("review", str(old), str(new), "-o", str(out))[0] == 0
    return out


def _one(items, **match):
    found = [i for i in items if all(i[k] == v for k, v in match.items())]
    assert len(found) == 1, (match, [i.get("key", i.get("series_id")) for i in items])
    return found[0]


def _field(record, name):
    return _one(record["fields"], field=name)


def _old_new(ops) -> tuple[str, str]:
    return ("".join(o["text"] for o in ops if o["op"] != "insert"),
            "".join(o["text"] for o in ops if o["op"] != "delete"))


# -- the sample's review, read from the JSON ----------------------------------------------------------

def test_the_json_report_is_valid_against_the_published_schema(report):
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), \
        "schemas/review.schema.json is out of date: run python -m hep_xl.review.schema"
    jsonschema.Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))).validate(report)
    assert report["settlement"] == {"name": "Példafalva", "ksh_code": "10898"}
    assert report["summary"] == {
        "annex1": {"added": 0, "removed": 0, "changed": 1, "years_added": 0, "years_removed": 0, "values_revised": 2},
        "annex2": {"added": 0, "removed": 0, "changed": 1},
        "problems": {"added": 0, "removed": 0, "changed": 2},
        "measures": {"added": 1, "removed": 0, "changed": 2, "completed": 1},
        "forum": {"added": 1, "removed": 0, "changed": 0}}


def test_the_revised_series_with_old_and_new_values(report):
    s = _one(report["annex1"]["series"], series_id="housing_stock")
    assert (s["indicator"], s["label"], s["unit"], s["change"]) == (42, "42. Lakásállomány", "db", "changed")
    assert [(v["year"], v["old"], v["new"], v["old_text"], v["new_text"]) for v in s["values"]] == [
        (2023, 1015, 1021, "1\u00a0015", "1\u00a0021"), (2024, 1016, 1023, "1\u00a0016", "1\u00a0023")]
    assert _field(s, "retrieved")["new"] == "2027-01-15"


def test_the_reworded_narrative_as_word_operations(report):
    item = _one(report["annex2"], key="3.1")
    assert item["label"] == "3.1. Jövedelmi és vagyoni helyzet" and item["change"] == "changed"
    narrative = _field(item, "narrative")
    assert narrative["label"] == "Kifejtés"
    ops = narrative["ops"]
    assert {"op": "delete", "text": "2024-ben"} in ops and {"op": "insert", "text": "2026-ban"} in ops
    assert {"op": "delete", "text": "43"} in ops and {"op": "insert", "text": "38"} in ops
    assert _old_new(ops) == (build_sample_hep().checklist["3.1"].narrative,
                             build_reviewed_sample_hep().checklist["3.1"].narrative)


def test_the_reworded_problem_matched_by_its_id(report):
    p = _one(report["problems"], key="II-1")
    title = _field(p, "title")
    assert title["label"] == "Feltárt probléma megnevezése"
    assert any(o["op"] == "insert" and "nyári tábor működik" in o["text"] for o in title["ops"])
    deferred = _one(report["problems"], key="V-3")
    assert _field(deferred, "deferral_reason")["new"] == ""


def test_measures_added_modified_and_completed_by_column(report):
    measures = report["action_plan"]["measures"]
    added = _one(measures, key="V/3")
    assert added["change"] == "added" and added["label"] == "Védett munkahelyek a társulási szociális szövetkezetben"
    assert _field(added, "problem")["new"] == "V-3"
    assert _field(added, "deadline")["new"] == {"date": "2029-06-30"}
    modified = _one(measures, key="I/1")
    deadline = _field(modified, "deadline")
    assert deadline["label"] == "G) Az intézkedés megvalósításának határideje"
    assert (deadline["old"], deadline["new"]) == ({"date": "2027-06-30"}, {"date": "2028-06-30"})
    assert (deadline["old_text"], deadline["new_text"]) == ("2027. június 30.", "2028. június 30.")
    indicators = _field(modified, "indicators")
    assert indicators["label"].startswith("H) ")
    assert [o for o in indicators["ops"] if o["op"] != "equal"] == [{"op": "delete", "text": "12"},
                                                                     {"op": "insert", "text": "10"}]
    assert not modified["completed"]
    assert _one(measures, key="II/1")["completed"] and report["action_plan"]["completed"] == ["II/1"]


def test_the_forum_member_added(report):
    member = _one(report["forum"]["members"], key="Szabó Rozália")
    assert member["change"] == "added"
    assert _field(member, "role")["new_text"] == CAT.role_by_id["action_plan_implementer_representatives"].name


# -- every other kind of change, through real workbooks ------------------------------------------------

@pytest.fixture(scope="module")
def other_changes(tmp_path_factory) -> dict:
    """Years and series added and removed, a measure and a problem removed, a problem added, an Annex 2
    status changed, the Fórum's meetings and working groups changed and removed."""
    old = build_sample_hep()
    del old.indicators["public_library_holdings"]
    new = copy.deepcopy(old)
    new.years.append(2025)
    new.series("housing_stock").values[2025] = 1024
    new.indicators["public_library_holdings"] = copy.deepcopy(build_sample_hep().indicators["public_library_holdings"])
    del new.indicators["housing_maintenance_support_recipients"]
    new.measures = [m for m in new.measures if (m.target_group, m.number) != ("IV", 3)]
    new.problems = [p for p in new.problems if p.problem_id != "IV-3"]
    new.problems.append(model.Problem("V-4", "V", "A fogyatékos gyermekek nappali felügyelete nem megoldott.",
                                      "Felmérés a családsegítővel.", "A 2029. évi felülvizsgálatkor tervezzük."))
    new.checklist["4.2"].status = "folyamatban"
    meeting = next(m for m in new.forum.meetings if m.date == dt.date(2026, 1, 22))
    meeting.agenda = "Beszámoló a 2025. évi végrehajtásról; a nyári tábor tapasztalatai."
    new.forum.meetings = [m for m in new.forum.meetings if m.date != dt.date(2029, 11, 21)]
    new.forum.working_groups[1].leader = "Fekete László"
    folder = tmp_path_factory.mktemp("review_other")
    paths = folder / "regi.xlsx", folder / "uj.xlsx"
    write_any(old, paths[0])
    write_any(new, paths[1])
    out = folder / "uj.json"
    assert run("export", "json", str(paths[1]), "-o", str(out), "--no-validate")[0] == 0  # a JSON input too
    code, _, _ = run("review", str(paths[0]), str(out), "-o", str(folder / "valtozasok.json"))
    assert code == 0
    return json.loads((folder / "valtozasok.json").read_text(encoding="utf-8"))


def test_years_and_series_added_and_removed(other_changes):
    a1 = other_changes["annex1"]
    assert a1["years_added"] == [2025] and a1["years_removed"] == []
    assert _one(a1["series"], series_id="public_library_holdings")["change"] == "added"
    removed = _one(a1["series"], series_id="housing_maintenance_support_recipients")
    assert removed["change"] == "removed" and all(v["change"] == "removed" for v in removed["values"])
    filled = _one(a1["series"], series_id="housing_stock")
    assert filled["values"] == [{"year": 2025, "change": "added", "old": None, "new": 1024, "old_text": "",
                                 "new_text": "1\u00a0024"}]


def test_measure_and_problem_removed_problem_added_status_changed(other_changes):
    assert _one(other_changes["action_plan"]["measures"], key="IV/3")["change"] == "removed"
    assert _one(other_changes["problems"], key="IV-3")["change"] == "removed"
    added = _one(other_changes["problems"], key="V-4")
    assert added["change"] == "added" and _field(added, "target_group")["new"] == "V"
    status = _field(_one(other_changes["annex2"], key="4.2"), "status")
    assert (status["old"], status["new"]) == ("nem releváns", "folyamatban")


def test_forum_meetings_by_date_and_working_groups_by_name(other_changes):
    meetings = other_changes["forum"]["meetings"]
    changed = _one(meetings, key="2026-01-22")
    assert changed["change"] == "changed" and [f["field"] for f in changed["fields"]] == ["agenda"]
    assert _one(meetings, key="2029-11-21")["change"] == "removed"
    group = _one(other_changes["forum"]["working_groups"], key="Gyermekesély munkacsoport")
    assert _field(group, "leader")["new"] == "Fekete László"


# -- the Word document and its PDF ---------------------------------------------------------------------

def _runs(path: Path):
    d = docx.Document(str(path))
    paragraphs = list(d.paragraphs) + [p for t in d.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    return d, [r for p in paragraphs for r in p.runs]


def test_the_word_document_shows_the_changes(word):
    d, runs = _runs(word)
    assert d.paragraphs[0].text == "Példafalva Helyi Esélyegyenlőségi Programja"
    assert d.paragraphs[1].text.startswith("A program felülvizsgálata: a ")
    assert d.core_properties.language == "hu-HU" and "Példafalva" in d.core_properties.title
    struck = {r.text for r in runs if r.font.strike}
    underlined = {r.text for r in runs if r.font.underline}
    assert {"2024-ben", "43", "12", "1\u00a0015", "2027. június 30."} <= struck
    assert {"2026-ban", "38", "10", "1\u00a0021", "2028. június 30."} <= underlined
    headings = [p.text for p in d.paragraphs if p.style.style_id.startswith("Heading")]
    for expected in ("1. Az 1. melléklet mutatói", "2. A helyzetelemzés (2. melléklet)",
                     "3.1. Jövedelmi és vagyoni helyzet – módosult", "Új intézkedések",
                     "V/3 Védett munkahelyek a társulási szociális szövetkezetben", "Módosult intézkedések",
                     "Megvalósult intézkedések", "Új tag: Szabó Rozália"):
        assert expected in headings, expected
    cells = {c.text for t in d.tables for row in t.rows for c in row.cells}
    assert "G) Az intézkedés megvalósításának határideje" in cells
    assert "42. Lakásállomány (db) – módosult adatsor" in cells


@pytest.mark.skipif(not soffice_available(), reason="LibreOffice (soffice) nincs telepítve")
def test_the_word_document_renders_on_a4(word, tmp_path):
    pdf = to_pdf(word, tmp_path)
    text = pdf_text(pdf)
    flat = " ".join(text.split())
    for expected in ("Példafalva Helyi Esélyegyenlőségi Programja", "Jelmagyarázat: törölt szöveg, beírt szöveg",
                     "42. Lakásállomány (db) – módosult adatsor", "V/3 Védett munkahelyek",
                     "II/1 A teljes nyári szünetre kiterjedő napközis tábor és hétvégi élelmiszercsomag – megvalósult",
                     "Záró megjegyzés"):
        assert expected in flat, expected
    pages = text.split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) >= 2
    assert [p.strip().splitlines()[-1].strip() for p in pages] == [str(i) for i in range(1, len(pages) + 1)]
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "pts (A4)" in info and "Pages:" in info  # A4 portrait (pdfinfo names the size)
    assert float(info.split("Page size:")[1].split("x")[0]) < 600
    subprocess.run(["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True)
    assert (tmp_path / "page-1.png").stat().st_size > 10_000


# -- without -o, standard output, refusals -------------------------------------------------------------

def test_the_text_summary(versions):
    code, out, err = run("review", *map(str, versions))
    assert code == 0 and err == ""
    assert out.startswith("Példafalva (KSH 10898) – a HEP két változatának összevetése\n")
    assert "      2023: 1\u00a0015 → 1\u00a0021\n" in out
    assert "3. melléklet (intézkedési terv): 1 új, 2 módosult, ebből megvalósult: II/1\n" in out
    assert "  új: V/3 Védett munkahelyek a társulási szociális szövetkezetben\n" in out


def test_same_version_has_no_changes(versions):
    code, out, _ = run("review", str(versions[0]), str(versions[0]))
    assert code == 0 and out.endswith("A két változat tartalma azonos.\n")


def test_two_settlements_are_refused(versions, tmp_path):
    other = build_sample_hep()
    other.settlement.name, other.settlement.ksh_code = "Kaba", "02307"
    write_any(other, tmp_path / "kaba.xlsx")
    out = tmp_path / "r.json"
    code, stdout, err = run("review", str(versions[0]), str(tmp_path / "kaba.xlsx"), "-o", str(out))
    assert code == EXIT_MISMATCH == 4 and stdout == "" and not out.exists()
    assert "nem ugyanannak a településnek a programja" in err and "Példafalva (KSH 10898)" in err
    assert "Kaba (KSH 02307)" in err


def test_two_catalog_versions_are_refused():
    """Only one catalog version exists, so two workbooks cannot differ in it: the model's check."""
    other = build_sample_hep()
    other.catalog_version = "bm-2021"
    with pytest.raises(NotComparable, match="más-más jogszabályi katalógus szerint készült: régi: emmi-2012, "
                                            "új: bm-2021"):
        compare(build_sample_hep(), other)


def test_unreadable_inputs_and_outputs(versions, tmp_path):
    broken = tmp_path / "serult.xlsx"
    broken.write_bytes(b"ez nem Excel-munkafuzet")
    code, _, err = run("review", str(versions[0]), str(broken))
    assert code == EXIT_INPUT and err.startswith(f"hiba: {broken}: nem olvasható Excel-munkafüzet")
    bad_json = tmp_path / "hibas.json"
    bad_json.write_text("{", encoding="utf-8")
    code, _, err = run("review", str(bad_json), str(versions[1]))
    assert code == EXIT_INPUT and "a fájl nem JSON-dokumentum" in err
    code, _, err = run("review", str(versions[0]), str(tmp_path / "nincs.txt"))
    assert code == EXIT_INPUT and "a bemenet .xlsx, .xlsm vagy .json fájl legyen" in err
    existing = tmp_path / "meglevo.docx"
    existing.write_bytes(b"a clerk's edited copy")
    code, _, err = run("review", *map(str, versions), "-o", str(existing))
    assert code == EXIT_INPUT and "--force" in err and existing.read_bytes() == b"a clerk's edited copy"
    assert run("review", *map(str, versions), "-o", str(existing), "--force")[0] == 0
    assert docx.Document(str(existing)).paragraphs[0].text.startswith("Példafalva")
    as_json = tmp_path / "uj.json"
    assert run("export", "json", str(versions[1]), "-o", str(as_json), "--no-validate")[0] == 0
    before = as_json.read_bytes()
    code, _, err = run("review", str(versions[0]), str(as_json), "-o", str(as_json), "--force")
    assert code == EXIT_INPUT and "nem lehet az összevetett változatok egyike" in err
    assert as_json.read_bytes() == before
    assert run("review", *map(str, versions), "-o", str(tmp_path / "r.pdf"))[0] == EXIT_INPUT
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hibas.json", "meglevo.docx", "serult.xlsx", "uj.json"]


def test_json_on_standard_output(versions):
    proc = subprocess.run([sys.executable, "-m", "hep_xl", "review", *map(str, versions), "-o", "-"],
                          capture_output=True, check=False)
    assert proc.returncode == 0 and proc.stderr == b""
    assert json.loads(proc.stdout)["action_plan"]["completed"] == ["II/1"]


# -- generic over the model's fields --------------------------------------------------------------------

def _every_kind_record():
    """A record type with one field of every kind the model knows (and a list of each), the way a
    later model field would be described."""
    values = {"text": ("régi szöveg", "új szöveg"), "int": (1, 2), "year": (2025, 2026),
              "date": (dt.date(2025, 1, 1), dt.date(2026, 1, 1)), "ksh_code": ("10898", "02307"),
              "deadline": (dt.date(2027, 6, 30), "folyamatos"), "group": ("I", "II"), "role": ("mayor", "notary"),
              "key": ("a", "b"), "number": (12, 12.5)}
    assert set(values) == set(model.FIELD_KINDS), "a new field kind: add a pair of its values here"
    fields = []
    for kind in model.FIELD_KINDS:
        fields.append((f"one_{kind}", object, model._f(f"{kind} mező", kind)))
        fields.append((f"many_{kind}", list, model._f(f"{kind} lista", kind, many=True)))
    cls = dataclasses.make_dataclass("EveryKind", fields)
    old = cls(**{f"one_{k}": v[0] for k, v in values.items()}, **{f"many_{k}": [v[0]] for k, v in values.items()})
    new = cls(**{f"one_{k}": v[1] for k, v in values.items()}, **{f"many_{k}": [v[1]] for k, v in values.items()})
    return cls, old, new


def test_a_comparison_over_every_field_kind():
    cls, old, new = _every_kind_record()
    changes = {c.name: c for c in record_fields(old, new, CAT)}
    assert set(changes) == {f.name for f in model.fields_of(cls)}
    assert changes["one_date"].new == "2026-01-01" and changes["one_date"].new_text == "2026. január 1."
    deadline = changes["one_deadline"]
    assert deadline.old == {"date": "2027-06-30"} and deadline.new == {"text": "folyamatos"}
    assert changes["one_int"].new_text == "2" and changes["one_year"].new_text == "2026"
    assert changes["one_role"].new_text == CAT.role_by_id["notary"].name
    assert changes["many_date"].new == ["2026-01-01"]
    assert changes["one_text"].ops is not None and changes["one_text"].label == "text mező"
    assert record_fields(old, copy.deepcopy(old), CAT) == []


def test_fields_and_parts_the_model_gains_later_are_compared():
    """A measure status field and a new list of records on the HEP (what monitoring adds)."""
    status = model._f("Állapot")
    record = dataclasses.make_dataclass("Record", [("measure", str, model._f("Intézkedés", "key")),
                                                   ("value", object, model._f("Elért érték", "int"))])
    measure = dataclasses.make_dataclass("MonitoredMeasure", [("status", str, status)], bases=(model.Measure,))
    later = dataclasses.make_dataclass("LaterHep", [("monitoring", list, dataclasses.field(default_factory=list))],
                                       bases=(model.Hep,))
    base = build_sample_hep()
    base.progress = []  # completion from the measure's own status field (no monitoring records)
    old = later(**{f.name: getattr(base, f.name) for f in dataclasses.fields(model.Hep)})
    old.measures = [measure(**{f.name: getattr(m, f.name) for f in dataclasses.fields(model.Measure)},
                            status="folyamatban") for m in base.measures]
    old.monitoring = [record("I/1", 5)]
    new = copy.deepcopy(old)
    new.measures[0].status = "megvalósult"
    new.monitoring = [record("I/1", 9), record("II/1", 80)]
    review = compare(old, new)
    first = review.measures[0]
    assert first.key == "I/1" and first.completed and [f.label for f in first.fields] == ["Állapot"]
    assert measure_done(new.measures[0]) and not measure_done(old.measures[0])
    monitoring = {r.key: r for r in review.other["monitoring"]}
    assert monitoring["I/1"].change == "changed" and monitoring["I/1"].fields[0].new == 9
    assert monitoring["II/1"].change == "added"


def test_records_are_matched_by_key_not_position():
    a = [model.Problem("I-1", "I", "egy"), model.Problem("I-2", "I", "kettő")]
    assert compare_records(a, list(reversed(a)), CAT) == []


_words = st.lists(st.sampled_from(["a", "program", "HEP", "2024-ben", "43", "fő", "és", "a", "Fórum", "—"]),
                  max_size=12)
_text = st.builds(lambda words, seps: "".join(w + s for w, s in zip(words, seps)), _words,
                  st.lists(st.sampled_from([" ", "  ", "\n", " "]), min_size=12, max_size=12))


@settings(max_examples=150, deadline=None)
@given(_text, _text)
def test_word_diff_gives_back_both_texts(old, new):
    ops = word_diff(old, new)
    assert "".join(o.text for o in ops if o.op != "insert") == old
    assert "".join(o.text for o in ops if o.op != "delete") == new
    assert all(o.text for o in ops) and all(a.op != b.op for a, b in zip(ops, ops[1:]))


# -- the sample's second version -----------------------------------------------------------------------

def test_the_revision_download_is_up_to_date(tmp_path):
    written = make_exports.write_all(tmp_path)
    assert written[-1].name == make_exports.REVISION_CSV.name
    assert written[-1].read_bytes() == make_exports.REVISION_CSV.read_bytes(), \
        "run python -m hep_xl.sample.exports.make_exports"


def test_the_demo_path_fills_the_revised_series_from_its_download(tmp_path):
    """The second version as make demo makes it: the review applied, the series loaded by hep-xl fill."""
    path = tmp_path / "v2.xlsx"
    write_any(apply_first_review(build_sample_hep(), revise_indicators=False), path)
    code, _, _ = run("fill", str(path), *map(str, make_exports.revision_paths()), "--overwrite",
                     "--retrieved", "2027-01-15")
    assert code == 0
    from hep_xl.workbook.reader import read_workbook

    filled = read_workbook(path).hep.indicators["housing_stock"]
    expected = build_reviewed_sample_hep().indicators["housing_stock"]
    assert filled.values == expected.values and filled.retrieved == expected.retrieved


def test_the_second_version_validates_as_the_first():
    from hep_xl.validate import validate_hep

    first = {f.rule_id for f in validate_hep(build_sample_hep()).findings}
    second = validate_hep(build_reviewed_sample_hep())
    assert not second.has_errors and {f.rule_id for f in second.findings} == first


def test_a_measure_completed_in_its_monitoring_and_the_monitoring_compared_by_measure_and_year():
    """The Megvalósítás sheet's records: a measure is completed when its latest record's status is the
    catalog's done status, and each record is matched by its measure and year, under a Hungarian title."""
    from hep_xl.review.compare import part_title

    old = build_sample_hep()
    new = copy.deepcopy(old)
    measure = next(m for m in new.measures if new.progress_of(m.target_group, m.number)
                   and not measure_done(m, new, CAT))
    key = f"{measure.target_group}/{measure.number}"
    last = new.progress_of(measure.target_group, measure.number)[-1]
    done = CAT.status_named("done").name
    new.progress.append(dataclasses.replace(last, year=last.year + 1, status=done))
    assert measure_done(measure, new, CAT) and not measure_done(measure, old, CAT)
    review = compare(old, new)
    changed = {ch.key: ch for ch in review.measures}
    assert changed[key].completed, key
    records = {r.key: r for r in review.other["progress"]}
    assert records == {f"{key} – {last.year + 1}": records[f"{key} – {last.year + 1}"]}
    assert records[f"{key} – {last.year + 1}"].change == "added"
    assert part_title("progress") == "Megvalósítás (az intézkedések évenkénti állapota)"
