"""One set of text rules: what the JSON export refuses, the validator reports first, at the cell;
and JSON documents that say one thing twice or are not JSON get a Hungarian message."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from hep_xl.cli import main
from hep_xl.excel.build import write_any
from hep_xl.export.json_doc import hep_to_dict, to_json_bytes
from hep_xl.sample import build_sample_hep
from hep_xl.workbook.reader import read_workbook

from .hostile import LEAKS

K, M = "Következtetések", "3. Intézkedési terv"


def _workbook_with_texts(path: Path) -> Path:
    """The sample with a control character in a problem title and a 40 000-character measure text
    (longer than Excel, xlsxwriter or openpyxl would write: put into the package directly)."""
    hep = build_sample_hep()
    hep.problems[5].title = "Hiányzó\x02 óvodai férőhely"
    hep.measures[0].content = "HOSSZU-SZOVEG-HELYE"
    write_any(hep, path)
    with zipfile.ZipFile(path) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    parts = {n: d.replace(b"HOSSZU-SZOVEG-HELYE", b"a" * 40_000) for n, d in parts.items()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


def test_validator_reports_at_the_cell_what_the_export_refuses(tmp_path, capsys):
    wb = _workbook_with_texts(tmp_path / "szovegek.xlsx")
    assert main(["validate", str(wb), "--format", "json"]) == 1
    findings = json.loads(capsys.readouterr().out)["files"][0]["findings"]
    where = {(f["rule_id"], f["sheet"], f["cell"]) for f in findings if f["rule_id"].startswith("TXT")}
    content = read_workbook(write_any(build_sample_hep(), tmp_path / "minta.xlsx")).cells[("measures", 0, "content")]
    assert content.sheet == M
    assert where == {("TXT-001", K, "C10"), ("TXT-002", M, content.cell)}
    control = next(f for f in findings if f["rule_id"] == "TXT-001")
    assert "U+0002" in control["message"] and "8. karaktere" in control["message"]

    assert main(["export", "json", str(wb), "-o", str(tmp_path / "ki.json")]) == 1
    err = capsys.readouterr().err
    assert f"{K}!C10" in err and f"{M}!{content.cell}" in err and "40 000 karakter" in err, err
    assert not (tmp_path / "ki.json").exists()

    out = tmp_path / "archiv"
    assert main(["convert", str(wb), "--out", str(out), "--to", "json"]) == 1
    capsys.readouterr()
    (item,) = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["items"]
    assert item["status"] == "failed" and f"{K}!C10" in item["error"], item["error"]


def test_duplicate_keys_in_a_json_document_are_refused(tmp_path, capsys):
    text = to_json_bytes(hep_to_dict(build_sample_hep())).decode("utf-8")
    twice = text.replace('"name": "Példafalva",', '"name": "Példafalva",\n    "name": "Másikfalva",', 1)
    assert twice != text
    src = tmp_path / "ketszer.json"
    src.write_text(twice, encoding="utf-8")
    assert main(["import", "json", str(src), "-o", str(tmp_path / "ki.xlsx")]) == 2
    err = capsys.readouterr().err
    assert "$.settlement" in err and "„name” kulcs kétszer" in err, err
    assert not (tmp_path / "ki.xlsx").exists()


def test_a_file_that_is_not_json_gets_a_hungarian_message(tmp_path, capsys):
    for name, data in (("csonka.json", b'{"schema_version": "1.0", "settlement": {'),
                       ("latin2.json", '{"a": "Példa"}'.encode("iso-8859-2"))):
        src = tmp_path / name
        src.write_bytes(data)
        assert main(["import", "json", str(src), "-o", str(tmp_path / "ki.xlsx")]) == 2
        err = capsys.readouterr().err
        assert str(src) in err and ("nem érvényes JSON" in err or "nem UTF-8" in err), err
        assert not any(word in err for word in ("unexpected", "line", "column", "char", "invalid", *LEAKS)), err
