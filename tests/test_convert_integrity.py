"""hep-xl convert against what a shared archive folder really meets: an output damaged without
changing its size, and input names that differ only in letter case (one file on Windows/macOS)."""

from __future__ import annotations

import json
from pathlib import Path

from hep_xl.cli import main as cli_main
from hep_xl.convert.batch import assign_names, sha256_file
from hep_xl.excel.build import write_any
from hep_xl.export.json_doc import check_document

from .synthetic import synthetic_hep


def _manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def test_an_output_damaged_without_changing_its_size_is_redone(tmp_path):
    src = tmp_path / "be"
    src.mkdir()
    write_any(synthetic_hep(3), src / "falu.xlsx")
    out = tmp_path / "ki"
    assert cli_main(["convert", str(src), "--out", str(out), "--to", "json", "--jobs", "1"]) in (0, 1)
    (rec,) = _manifest(out)["items"]
    target = out / rec["outputs"]["json"]["path"]
    good = target.read_bytes()
    # one byte flipped inside a string value: same size, different content (bit rot, a bad copy)
    i = good.index(b'"name": "') + len(b'"name": "')
    damaged = good[:i] + bytes([good[i] ^ 0x01]) + good[i + 1:]
    assert len(damaged) == len(good) and damaged != good
    target.write_bytes(damaged)
    cli_main(["convert", str(src), "--out", str(out), "--to", "json", "--jobs", "1"])
    (rec2,) = _manifest(out)["items"]
    assert rec2["status"] == "ok"  # converted again, not "skipped"
    assert target.read_bytes() == good and sha256_file(target) == rec2["outputs"]["json"]["sha256"]
    check_document(json.loads(target.read_text(encoding="utf-8")))


def test_names_differing_only_in_case_get_distinct_outputs():
    a, b, c = Path("/be/a/Minta.xlsx"), Path("/be/b/minta.xlsx"), Path("/be/c/MINTA.xlsm")
    names = assign_names([a, b, c])
    assert len({n.casefold() for n in names.values()}) == 3, names
    assert names[str(a)] == "Minta"  # the first in path order keeps its own name
    # a later run into the same folder: a new input may not take a name an earlier one has, in any case
    later = assign_names([Path("/be/d/minta.XLSX")], previous={str(a): {"name": "Minta"}})
    assert later[str(Path("/be/d/minta.XLSX"))].casefold() != "minta"
    # reserved names (the manifest, BagIt's folder) in any letter case
    reserved = assign_names([Path("/be/Manifest.xlsx"), Path("/be/DATA.xlsx")])
    assert {n.casefold() for n in reserved.values()}.isdisjoint({"manifest", "data", "bagit"})


def test_case_colliding_inputs_end_to_end(tmp_path):
    src = tmp_path / "be"
    (src / "a").mkdir(parents=True)
    (src / "b").mkdir()
    write_any(synthetic_hep(1), src / "a" / "Falu.xlsx")
    write_any(synthetic_hep(2), src / "b" / "falu.xlsx")
    out = tmp_path / "ki"
    cli_main(["convert", str(src), "--out", str(out), "--to", "json", "--jobs", "1"])
    paths = [r["outputs"]["json"]["path"] for r in _manifest(out)["items"]]
    assert len(paths) == 2 and len({p.casefold() for p in paths}) == 2, paths
    assert {p.name.casefold() for p in out.glob("*.json") if p.name != "manifest.json"} == {p.casefold() for p in paths}
