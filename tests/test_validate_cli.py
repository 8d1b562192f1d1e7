"""The hep-xl validate verb: text grouped by sheet, JSON, --min-severity, --lang, exit codes, the
summary table for several files, and an import-light validate path."""

from __future__ import annotations

import json
import subprocess
import sys

from hep_xl.cli import main
from hep_xl.workbook.writer import write_workbook

from .test_validate_fixtures import clean_hep


def _files(tmp_path):
    clean = tmp_path / "tiszta.xlsx"
    write_workbook(clean_hep(), clean)
    broken_hep = clean_hep()
    broken_hep.settlement.ksh_code = "12345"
    broken_hep.indicators["housing_stock"].values[2024] = 140
    broken_hep.settlement.adoption_date = None
    broken = tmp_path / "hibas.xlsx"
    write_workbook(broken_hep, broken)
    return clean, broken


def test_text_output_grouped_by_sheet_and_exit_codes(tmp_path, capsys):
    clean, broken = _files(tmp_path)
    assert main(["validate", str(clean)]) == 0
    out = capsys.readouterr().out
    # the one information of a 2025 programme on the 2012 catalog (VER-001)
    assert "0 hiba, 0 figyelmeztetés, 1 tájékoztatás" in out and "Összesen 100%" in out

    assert main(["validate", str(broken)]) == 1
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert "1 hiba, 1 figyelmeztetés, 2 tájékoztatás" in lines[0]
    settlement = lines.index("Településadatok")
    assert lines[settlement + 1].split()[:3] == ["B5", "hiba", "SET-003"]
    assert lines[settlement + 2].split()[:3] == ["B8", "tájékoztatás", "VER-001"]
    assert lines[settlement + 3].split()[:3] == ["B10", "tájékoztatás", "SET-006"]
    indicators = lines.index("1. Mutatók")
    assert indicators > settlement and lines[indicators + 1].split()[:3] == ["J91", "figyelmeztetés", "IND-030"]

    assert main(["validate", str(broken), "--min-severity", "hiba"]) == 1
    out = capsys.readouterr().out
    assert "SET-003" in out and "IND-030" not in out and "SET-006" not in out
    assert "3 további" in out


def test_json_and_english(tmp_path, capsys):
    _, broken = _files(tmp_path)
    assert main(["validate", str(broken), "--format", "json", "--lang", "en",
                 "--min-severity", "warning"]) == 1
    doc = json.loads(capsys.readouterr().out)
    (item,) = doc["files"]
    assert item["path"] == str(broken) and item["error"] is None and item["has_errors"] is True
    assert item["counts"] == {"error": 1, "warning": 1, "info": 2}
    assert [(f["rule_id"], f["sheet"], f["cell"], f["severity_label"]) for f in item["findings"]] == [
        ("SET-003", "Településadatok", "B5", "error"), ("IND-030", "1. Mutatók", "J91", "warning")]
    assert item["findings"][0]["message"].startswith("Településadatok!B5: The check digit")
    assert set(item["scores"]) == {"settlement", "annex1", "annex2", "annex3", "forum", "overall"}


def test_several_files_one_summary_table_and_unreadable_file(tmp_path, capsys):
    clean, broken = _files(tmp_path)
    missing = tmp_path / "nincs.xlsx"
    assert main(["validate", str(clean), str(broken), str(missing), "--summary"]) == 2
    captured = capsys.readouterr()
    rows = [r for r in captured.out.splitlines() if r.startswith("|")]
    assert rows[0].split("|")[1].strip() == "Fájl" and len(rows) == 5
    assert [c.strip() for c in rows[2].split("|")[2:7]] == ["0", "0", "1", "100%", "rendben"]
    assert [c.strip() for c in rows[3].split("|")[2:5]] == ["1", "1", "2"] and "hibás" in rows[3]
    assert "nem olvasható" in rows[4]
    assert "nincs.xlsx" in captured.err and "Traceback" not in captured.err
    assert main(["validate", str(clean), str(broken)]) == 1
    capsys.readouterr()


def test_bad_min_severity_is_a_command_line_error(tmp_path, capsys):
    clean, _ = _files(tmp_path)
    assert main(["validate", str(clean), "--min-severity", "nagyon"]) == 2
    assert "--min-severity" in capsys.readouterr().err


def test_validate_path_is_import_light():
    code = ("import sys, hep_xl.validate, hep_xl.commands.validate, hep_xl.workbook.reader; "
            "heavy = [m for m in ('openpyxl', 'pandas', 'docx', 'jsonschema') if m in sys.modules]; "
            "print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
