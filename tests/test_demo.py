"""``make demo`` end to end: the real path on the sample settlement, outputs checked by reading them."""

from __future__ import annotations

import json
from pathlib import Path

from hep_xl.catalog import load_catalog
from hep_xl.demo import run
from hep_xl.excel.ribbon import read_ribbon
from hep_xl.export.json_doc import check_document
from hep_xl.sample import build_sample_hep
from hep_xl.validate import validate
from hep_xl.workbook.reader import read_workbook


def test_demo_writes_every_output(tmp_path: Path, capsys):
    out = tmp_path / "demo-output"
    assert run(out) == 0
    printed = capsys.readouterr().out
    assert "505 érték került be" in printed and "0 hiba" in printed

    result = read_workbook(out / "peldafalva.xlsx")
    sample = build_sample_hep()
    # the clerk's parts come from the sample, Annex 1 from the export files (same numbers)
    assert result.hep.checklist == sample.checklist and result.hep.measures == sample.measures
    assert {sid: s.values for sid, s in result.hep.indicators.items()} == \
        {sid: s.values for sid, s in sample.indicators.items()}
    assert not validate(result).has_errors
    # one story: the data were retrieved on the day the sample says, not on the day the demo runs
    assert {s.retrieved for s in result.hep.indicators.values()} == {s.retrieved for s in sample.indicators.values()}

    doc = json.loads((out / "peldafalva.json").read_text(encoding="utf-8"))
    check_document(doc)
    assert doc["settlement"]["name"] == "Példafalva"
    manifest = json.loads((out / "archivum" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest and "peldafalva" in json.dumps(manifest, ensure_ascii=False)
    assert (out / "archivum" / "manifest.csv").exists() and (out / "peldafalva.docx").stat().st_size > 10_000
    # the implementation report of the sample's monitoring, from the workbook's Megvalósítás sheet
    from .docx_read import blocks

    report = out / "peldafalva_beszamolo.docx"
    headings = [b.text for b in blocks(report) if b.kind == "heading" and b.level == 1]
    assert [f"{g.id}. {g.name}" for g in load_catalog().target_groups] == headings[2:-2]
    assert result.hep.progress == sample.progress and "Megvalósítás:         28 sor, 2025–2026" in printed
    xml, links = read_ribbon(out / "peldafalva.xlsm")
    assert xml and links


def test_demo_runs_again_over_its_own_output(tmp_path: Path, capsys):
    """A second `make demo` replaces the demo's own outputs instead of refusing the first one."""
    out = tmp_path / "demo-output"
    assert run(out) == 0
    first = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    capsys.readouterr()
    assert run(out) == 0, capsys.readouterr().err
    assert sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file()) == first
    assert not validate(read_workbook(out / "peldafalva.xlsx")).has_errors
