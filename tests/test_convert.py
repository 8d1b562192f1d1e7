"""Batch conversion: outputs, manifest, bad files, name collisions, resume, BagIt."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest

from hep_xl.cli import main as cli_main
from hep_xl.convert.batch import sha256_file
from hep_xl.excel.build import write_any
from hep_xl.export.json_doc import check_document
from hep_xl.sample import build_sample_hep
from hep_xl.workbook import TEMPLATE_VERSION
from tests.synthetic import synthetic_hep


@pytest.fixture
def corpus(tmp_path):
    src = tmp_path / "be"
    (src / "a").mkdir(parents=True)
    (src / "b").mkdir()
    write_any(build_sample_hep(), src / "a" / "minta.xlsx")
    write_any(synthetic_hep(1), src / "a" / "falu.xlsx")
    write_any(synthetic_hep(2), src / "b" / "falu.xlsx")  # same name as a/falu.xlsx
    (src / "b" / "serult.xlsx").write_bytes(b"PK\x03\x04 ez nem munkafuzet")
    (src / "b" / "jegyzet.txt").write_text("nem munkafüzet", encoding="utf-8")
    return src


def _manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def _snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    return {str(p): (sha256_file(p), p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()}


def test_batch_converts_lists_bad_files_and_keeps_sources(corpus, tmp_path, capsys):
    before = _snapshot(corpus)
    out = tmp_path / "ki"
    code = cli_main(["convert", str(corpus), str(tmp_path / "nincs-ilyen"), "--out", str(out), "--jobs", "2"])
    assert code == 1  # one bad file and one missing path, reported at the end
    captured = capsys.readouterr()
    assert "Hibás fájlok:" in captured.out and "serult.xlsx" in captured.out and "nincs-ilyen" in captured.out
    assert "[" in captured.err and "kész:" in captured.err  # log lines when not on a terminal
    assert _snapshot(corpus) == before  # sources untouched
    m = _manifest(out)
    items = {Path(r["input"]).relative_to(corpus.resolve()).as_posix() if r["input"].startswith(str(corpus.resolve()))
             else "missing": r for r in m["items"]}
    assert set(items) == {"a/minta.xlsx", "a/falu.xlsx", "b/falu.xlsx", "b/serult.xlsx", "b/jegyzet.txt", "missing"}
    assert m["summary"] == {"ok": 3, "skipped": 0, "failed": 2, "unsupported": 1}
    note = items["b/jegyzet.txt"]  # every file found is listed, with what to do
    assert note["status"] == "unsupported" and "nem támogatott formátum" in note["error"] and note["sha256"]
    bad = items["b/serult.xlsx"]
    assert bad["status"] == "failed" and "nem olvasható" in bad["error"] and bad["outputs"] == {}
    names = {items["a/falu.xlsx"]["name"], items["b/falu.xlsx"]["name"]}
    assert "falu" in names and len(names) == 2  # no overwrite
    for key in ("a/minta.xlsx", "a/falu.xlsx", "b/falu.xlsx"):
        r = items[key]
        assert r["status"] == "ok" and r["error"] is None
        assert r["sha256"] == sha256_file(corpus / key) and r["size"] == (corpus / key).stat().st_size
        assert r["template_version"] == TEMPLATE_VERSION and r["settlement"]
        assert set(r["outputs"]) == {"json", "docx"}
        for o in r["outputs"].values():
            assert sha256_file(out / o["path"]) == o["sha256"]
        doc = json.loads((out / r["outputs"]["json"]["path"]).read_text(encoding="utf-8"))
        check_document(doc)
        assert doc["settlement"]["name"] == r["settlement"]
        assert set(r["validation"]) == {"has_errors", "counts", "scores"}  # never left out
        assert set(r["validation"]["counts"]) == {"error", "warning", "info"}
        assert set(r["validation"]["scores"]) >= {"overall"}
    assert items["a/minta.xlsx"]["settlement"] == build_sample_hep().settlement.name
    with open(out / "manifest.csv", encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 6 and {r["status"] for r in rows} == {"ok", "failed", "unsupported"}
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_rerun_skips_unchanged_force_redoes_changed_is_redone(corpus, tmp_path, capsys):
    out = tmp_path / "ki"
    cli_main(["convert", str(corpus / "a"), "--out", str(out), "--to", "json", "--jobs", "1"])
    first = {r["input"]: r for r in _manifest(out)["items"]}
    assert cli_main(["convert", str(corpus / "a"), "--out", str(out), "--to", "json"]) == 0
    assert {r["status"] for r in _manifest(out)["items"]} == {"skipped"}
    # a changed source is converted again, the other one stays skipped
    write_any(synthetic_hep(5), corpus / "a" / "falu.xlsx")
    cli_main(["convert", str(corpus / "a"), "--out", str(out), "--to", "json"])
    status = {Path(r["input"]).name: r["status"] for r in _manifest(out)["items"]}
    assert status == {"falu.xlsx": "ok", "minta.xlsx": "skipped"}
    # a damaged output is redone
    json_out = out / first[str((corpus / "a" / "minta.xlsx").resolve())]["outputs"]["json"]["path"]
    json_out.write_text("{}", encoding="utf-8")
    cli_main(["convert", str(corpus / "a"), "--out", str(out), "--to", "json"])
    status = {Path(r["input"]).name: r["status"] for r in _manifest(out)["items"]}
    assert status == {"falu.xlsx": "skipped", "minta.xlsx": "ok"}
    check_document(json.loads(json_out.read_text(encoding="utf-8")))
    assert cli_main(["convert", str(corpus / "a"), "--out", str(out), "--to", "json", "--force"]) == 0
    assert {r["status"] for r in _manifest(out)["items"]} == {"ok"}


def test_bag_is_a_valid_bagit_bag_and_can_be_refreshed(corpus, tmp_path, capsys):
    import bagit

    out = tmp_path / "csomag"
    assert cli_main(["convert", str(corpus / "a"), "--out", str(out), "--bag",
                     "--organization", "Példa Megyei Levéltár"]) == 0
    bag = bagit.Bag(str(out))
    bag.validate()
    assert bag.info["Source-Organization"] == "Példa Megyei Levéltár"
    assert "Bagging-Date" in bag.info and "Payload-Oxum" in bag.info
    assert "sha256" in bag.algorithms
    payload = {Path(p).name for p in bag.payload_files()}
    assert {"manifest.json", "manifest.csv", "minta.json", "minta.docx", "falu.json", "falu.docx"} <= payload
    # running again into the bag works inside data/ and keeps the bag valid
    assert cli_main(["convert", str(corpus / "a"), "--out", str(out), "--bag"]) == 0
    bag = bagit.Bag(str(out))
    bag.validate()
    assert bag.info["Source-Organization"] == "Példa Megyei Levéltár"
    assert {r["status"] for r in _manifest(out / "data")["items"]} == {"skipped"}


def test_bad_command_lines(tmp_path, capsys):
    assert cli_main(["convert", str(tmp_path), "--out", str(tmp_path / "ki"), "--to", "xml"]) == 2
    assert "ismeretlen formátum" in capsys.readouterr().err
    empty = tmp_path / "ures"
    empty.mkdir()
    assert cli_main(["convert", str(empty), "--out", str(tmp_path / "ki")]) == 2
    assert "nincs bemeneti munkafüzet" in capsys.readouterr().err


# -- review fixes ------------------------------------------------------------------------------------

def test_later_run_with_same_basename_does_not_overwrite_earlier_outputs(corpus, tmp_path, capsys):
    out = tmp_path / "ki"
    a, b = (corpus / "a" / "falu.xlsx").resolve(), (corpus / "b" / "falu.xlsx").resolve()
    assert cli_main(["convert", str(a), "--out", str(out), "--to", "json"]) == 0
    assert cli_main(["convert", str(b), "--out", str(out), "--to", "json"]) == 0
    items = {r["input"]: r for r in _manifest(out)["items"]}
    assert set(items) == {str(a), str(b)}
    assert items[str(a)]["name"] == "falu" and items[str(b)]["name"] != "falu"
    paths = {items[k]["outputs"]["json"]["path"] for k in items}
    assert len(paths) == 2  # one output per input
    for r in items.values():  # every listed output is the one its input produced
        o = r["outputs"]["json"]
        assert sha256_file(out / o["path"]) == o["sha256"]
        doc = json.loads((out / o["path"]).read_text(encoding="utf-8"))
        assert doc["settlement"]["name"] == r["settlement"]
    assert items[str(a)]["settlement"] != items[str(b)]["settlement"]
    # both together again: each keeps its name, nothing is redone
    assert cli_main(["convert", str(a), str(b), "--out", str(out), "--to", "json"]) == 0
    again = {r["input"]: r for r in _manifest(out)["items"]}
    assert {k: r["name"] for k, r in again.items()} == {k: r["name"] for k, r in items.items()}
    assert {r["status"] for r in again.values()} == {"skipped"}


def test_rerun_without_bag_into_a_bag_keeps_it_valid(corpus, tmp_path, capsys):
    import bagit

    out = tmp_path / "csomag"
    assert cli_main(["convert", str(corpus / "a" / "minta.xlsx"), "--out", str(out), "--to", "json", "--bag",
                     "--organization", "Példa Levéltár"]) == 0
    desc = bagit.Bag(str(out)).info["External-Description"]
    assert "(1 tétel; JSON; manifest.json)" in desc  # the formats produced, not a fixed list
    # a second run without --bag adds a payload file; the bag must still validate
    assert cli_main(["convert", str(corpus / "a"), "--out", str(out), "--to", "json"]) == 0
    bag = bagit.Bag(str(out))
    bag.validate()
    assert bag.info["Source-Organization"] == "Példa Levéltár"
    assert "falu.json" in {Path(p).name for p in bag.payload_files()}
    assert "(2 tétel; JSON; manifest.json)" in bag.info["External-Description"]


def test_stale_temporary_files_of_a_killed_run_are_removed(corpus, tmp_path, capsys):
    out = tmp_path / "ki"
    out.mkdir()
    stale = [out / ".falu.json.k3_x9abc.tmp", out / ".manifest.csv.a1b2c3d4.tmp", out / ".minta.docx.zz.tmp"]
    for p in stale:
        p.write_bytes(b"felig irt")
    foreign = [out / "jegyzet.tmp", out / ".valami.tmp"]
    for p in foreign:
        p.write_bytes(b"nem a mienk")
    assert cli_main(["convert", str(corpus / "a"), "--out", str(out), "--to", "json"]) == 0
    assert not any(p.exists() for p in stale)
    assert all(p.exists() for p in foreign)


def test_input_named_inside_the_output_folder_is_reported(corpus, tmp_path, capsys):
    out = tmp_path / "ki"
    out.mkdir()
    inside = out / "benne.xlsx"
    write_any(synthetic_hep(3), inside)
    before = sha256_file(inside)
    assert cli_main(["convert", str(inside), str(corpus / "a" / "minta.xlsx"), "--out", str(out),
                     "--to", "json"]) == 1
    assert "kimeneti mappában" in capsys.readouterr().out
    assert sha256_file(inside) == before
    rec = next(r for r in _manifest(out)["items"] if r["input"] == str(inside.resolve()))
    assert rec["status"] == "failed" and rec["outputs"] == {}


def test_ctrl_c_writes_the_manifest_and_leaves_no_temporary_files(tmp_path):
    import contextlib
    import signal
    import subprocess
    import sys
    import time

    src = tmp_path / "be"
    src.mkdir()
    for i in range(16):
        write_any(synthetic_hep(i), src / f"falu{i:02d}.xlsx")
    out = tmp_path / "ki"
    # a terminal's Ctrl+C reaches the whole process group: the parent and its workers. The child
    # gets the default SIGINT disposition even when pytest was started with SIGINT ignored (a
    # background shell, some CI runners), as a program started from a terminal has it.
    proc = subprocess.Popen([sys.executable, "-m", "hep_xl.cli", "convert", str(src), "--out", str(out),
                             "--to", "json,docx", "--jobs", "2"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True,
                            env=dict(os.environ, PYTHONFAULTHANDLER="1"),  # SIGABRT prints where it is
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 60
    first = proc.stderr.readline()  # the first finished item
    assert "kész:" in first, first
    assert time.monotonic() < deadline
    os.killpg(proc.pid, signal.SIGINT)
    try:
        # generous (idle, the run ends 0.05–0.7 s after Ctrl+C): a loaded machine, make test's other
        # worker running the mutation gate, must not fail a run that is only slow to stop
        _, err = proc.communicate(timeout=240)
    except subprocess.TimeoutExpired:
        # say what hangs (once seen under a loaded make test after 60 s, never reproduced): the
        # processes of the run's session (state D: waiting for the disk) and, if the run itself is
        # still there, its Python stack
        tree = subprocess.run(["ps", "-ww", "-o", "pid,ppid,stat,etime,wchan:20,cmd", "-s", str(proc.pid)],
                              capture_output=True, text=True).stdout
        alive = proc.poll() is None
        with contextlib.suppress(ProcessLookupError):
            if alive:
                os.kill(proc.pid, signal.SIGABRT)
                time.sleep(2)
            os.killpg(proc.pid, signal.SIGKILL)
        _, err = proc.communicate(timeout=30)
        pytest.fail(f"convert did not end within 240 s of Ctrl+C (run {'still running' if alive else 'ended'}; "
                    f"exit {proc.returncode})\n{tree}\n{err[-6000:]}")
    assert proc.returncode != 0
    assert "Traceback" not in err
    leftovers = [p.name for p in out.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []
    m = _manifest(out)
    assert 1 <= len(m["items"]) < 16  # what was done before the interrupt is listed
    for r in m["items"]:
        for o in r["outputs"].values():
            assert sha256_file(out / o["path"]) == o["sha256"]
    # the next run resumes: what is listed is skipped, the rest is converted
    assert subprocess.run([sys.executable, "-m", "hep_xl.cli", "convert", str(src), "--out", str(out),
                           "--to", "json,docx", "--jobs", "2"], capture_output=True, timeout=300).returncode == 0
    m2 = _manifest(out)
    assert len(m2["items"]) == 16 and m2["summary"]["skipped"] == len(m["items"])
