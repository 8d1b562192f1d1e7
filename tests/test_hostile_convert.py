"""Nothing a folder holds can hang, derail or corrupt a batch run: crashing and runaway workbooks,
output folders that would swallow the sources, two runs at once, kills during bagging, files of
other formats, and links pointing out of the input folders."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hep_xl.cli import main
from hep_xl.convert.batch import sha256_file
from hep_xl.excel.build import write_any
from hep_xl.sample import build_sample_hep
from hep_xl.workbook import SHEETS

from .hostile import INDICATORS_TABLE_REF, demo_workbook, many_measures_hep, rezip, run_cli, sheet_part, snapshot, sub

TABLE = "xl/tables/table1.xml"


def _manifest(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def _items(folder: Path) -> dict[str, dict]:
    return {Path(r["input"]).name: r for r in _manifest(folder)["items"]}


def _other_hep(name: str):
    hep = build_sample_hep()
    hep.settlement.name = name
    return hep


@pytest.fixture
def sources(tmp_path) -> Path:
    src = tmp_path / "be"
    src.mkdir()
    demo = demo_workbook(src / "minta.xlsx")
    for name, ref in (("fejlec_egy_cella", "A1:A1"), ("forditott", "P105:A4"), ("abszurd", "A4:XFD1048576")):
        rezip(demo, src / f"{name}.xlsx", {TABLE: sub(INDICATORS_TABLE_REF, f'ref="{ref}"'.encode(), count=2)})
    rezip(demo, src / "datum.xlsx", {sheet_part(SHEETS.settlement): sub(rb"<v>45714</v>", b"<v>-1e308</v>")})
    write_any(_other_hep("Másikfalva"), src / "masik.xlsx")
    return src


def test_workbooks_that_crash_the_native_reader_do_not_stop_the_batch(sources, tmp_path):
    out = tmp_path / "ki"
    before = snapshot(sources)
    run = run_cli("convert", sources, "--out", out, "--to", "json,docx", "--jobs", "2", timeout=180)
    run.assert_clean()
    assert run.code == 1
    items = _items(out)
    assert set(items) == {p.name for p in sources.iterdir()}  # nothing lost from the manifest
    assert {n for n, r in items.items() if r["status"] == "ok"} == {"minta.xlsx", "masik.xlsx"}
    for name in ("fejlec_egy_cella.xlsx", "forditott.xlsx", "abszurd.xlsx", "datum.xlsx"):
        assert items[name]["status"] == "failed" and items[name]["error"], items[name]
        assert items[name]["sha256"] == sha256_file(sources / name)
    assert "Településadatok!B10" in items["datum.xlsx"]["error"]
    assert snapshot(sources) == before


def test_a_workbook_over_the_time_limit_is_recorded_and_the_batch_goes_on(tmp_path):
    src = tmp_path / "be"
    src.mkdir()
    # its Word document takes ~15 s and the sample's ~1 s on an idle 2-core machine: a 4 s limit stops the first
    # and spares the second with room on both sides for a loaded CI runner (1 s spared neither reliably)
    write_any(many_measures_hep(12000), src / "ora.xlsx")
    demo_workbook(src / "minta.xlsx")
    out = tmp_path / "ki"
    run = run_cli("convert", src, "--out", out, "--to", "docx", "--jobs", "1", "--timeout", "4", timeout=120)
    run.assert_clean()
    assert run.code == 1
    items = _items(out)
    assert items["minta.xlsx"]["status"] == "ok"
    assert items["ora.xlsx"]["status"] == "failed" and "időkorlátot (4 s;" in items["ora.xlsx"]["error"]
    assert [p.name for p in out.iterdir() if p.name.endswith(".tmp")] == []


def test_a_worker_over_the_memory_limit_is_stopped(tmp_path):
    src = tmp_path / "be"
    src.mkdir()
    demo_workbook(src / "minta.xlsx")
    write_any(_other_hep("Másikfalva"), src / "masik.xlsx")
    out = tmp_path / "ki"
    run = run_cli("convert", src, "--out", out, "--to", "json", "--max-memory", "1", timeout=120)
    run.assert_clean()
    assert run.code == 1
    assert {r["status"] for r in _items(out).values()} == {"failed"}
    assert all("memóriakorlát" in r["error"] for r in _items(out).values()), _items(out)


def _children(pid: int) -> list[int]:
    try:
        return [int(x) for x in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs /proc to find the worker")
def test_a_worker_killed_from_outside_is_recorded_and_the_batch_goes_on(tmp_path):
    """What the kernel's out-of-memory killer does to a worker."""
    src = tmp_path / "be"
    src.mkdir()
    write_any(many_measures_hep(4000), src / "a_nagy.xlsx")  # converted first, slowly
    demo_workbook(src / "b_minta.xlsx")
    out = tmp_path / "ki"
    proc = subprocess.Popen([sys.executable, "-m", "hep_xl.cli", "convert", str(src), "--out", str(out),
                             "--to", "docx", "--jobs", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    workers = []
    while not workers and time.monotonic() < deadline:
        time.sleep(0.3)
        workers = _children(proc.pid)
    assert workers, "no worker process"
    time.sleep(0.5)
    os.kill(workers[0], signal.SIGKILL)
    _, err = proc.communicate(timeout=120)
    assert "Traceback" not in err
    assert proc.returncode == 1
    items = _items(out)
    assert items["b_minta.xlsx"]["status"] == "ok"
    assert items["a_nagy.xlsx"]["status"] == "failed" and "SIGKILL" in items["a_nagy.xlsx"]["error"]


# -- output folders that would take in the sources ------------------------------------------------

@pytest.mark.parametrize("layout", ["out_is_input", "out_above_input", "bag_out_is_input", "bag_out_above_input",
                                    "bag_out_holds_named_file"])
def test_an_output_folder_that_would_take_in_the_sources_is_refused(layout, tmp_path, capsys):
    src = tmp_path / "be"
    src.mkdir()
    wb = demo_workbook(src / "minta.xlsx")
    (src / "jegyzet.txt").write_text("az archivátor jegyzete", encoding="utf-8")
    bag = ["--bag"] if layout.startswith("bag") else []
    target, inputs = {
        "out_is_input": (src, [src]), "out_above_input": (tmp_path, [src]),
        "bag_out_is_input": (src, [src]), "bag_out_above_input": (tmp_path, [src]),
        "bag_out_holds_named_file": (src, [wb]),
    }[layout]
    before = snapshot(tmp_path)
    assert main(["convert", *map(str, inputs), "--out", str(target), *bag]) == 2
    err = capsys.readouterr().err
    assert "kimeneti mappa" in err and "--out" in err, err
    assert snapshot(tmp_path) == before  # nothing written, nothing moved


def test_bag_into_a_folder_with_other_files_is_refused_and_moves_nothing(tmp_path, capsys):
    src = tmp_path / "be"
    src.mkdir()
    demo_workbook(src / "minta.xlsx")
    out = tmp_path / "archiv"
    out.mkdir()
    (out / "leltar.xlsx").write_bytes(b"az archivator sajat fajlja")
    before = snapshot(out)
    assert main(["convert", str(src), "--out", str(out), "--bag"]) == 2
    assert "nem üres" in capsys.readouterr().err
    assert snapshot(out) == before


def test_refreshing_a_bag_moves_nothing_beside_it(tmp_path, capsys):
    import bagit

    src = tmp_path / "be"
    src.mkdir()
    demo_workbook(src / "minta.xlsx")
    out = tmp_path / "archiv"
    assert main(["convert", str(src), "--out", str(out), "--bag", "--to", "json", "--no-overview"]) == 0
    (out / "atadas-jegyzokonyv.txt").write_text("átadva", encoding="utf-8")  # a tag file of the archivist's
    write_any(_other_hep("Másikfalva"), src / "masik.xlsx")
    assert main(["convert", str(src), "--out", str(out), "--to", "json", "--no-overview"]) == 0
    assert (out / "atadas-jegyzokonyv.txt").read_text(encoding="utf-8") == "átadva"
    bagit.Bag(str(out)).validate()
    assert {p.name for p in (out / "data").iterdir()} == {"manifest.json", "manifest.csv", "minta.json", "masik.json"}


# -- two runs at once, kills ------------------------------------------------------------------------------

def test_two_runs_into_one_folder_at_once_lose_nothing(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    for folder, name in ((a, "Afalva"), (b, "Bfalva")):
        for i in range(3):
            write_any(_other_hep(f"{name}{i}"), folder / f"falu{i}.xlsx")  # the same names in both folders
    out = tmp_path / "ki"
    cmd = [sys.executable, "-m", "hep_xl.cli", "convert"]
    procs = [subprocess.Popen([*cmd, str(folder), "--out", str(out), "--to", "json", "--jobs", "1"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for folder in (a, b)]
    results = [p.communicate(timeout=180) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], results
    assert any("várakozás" in err for _, err in results)  # the second run waited for the first
    items = _manifest(out)["items"]
    assert len(items) == 6 and {r["status"] for r in items} == {"ok"}
    assert len({r["name"] for r in items}) == 6  # every input its own outputs
    for r in items:
        o = r["outputs"]["json"]
        assert sha256_file(out / o["path"]) == o["sha256"]
        doc = json.loads((out / o["path"]).read_text(encoding="utf-8"))
        assert doc["settlement"]["name"] == r["settlement"]


def test_a_kill_at_any_moment_of_a_bagging_run_leaves_nothing_the_next_run_bags_twice(tmp_path):
    import bagit

    src = tmp_path / "be"
    src.mkdir()
    n = 4
    for i in range(n):
        write_any(_other_hep(f"Falu{i}"), src / f"falu{i}.xlsx")
    out = tmp_path / "csomag"
    cmd = [sys.executable, "-m", "hep_xl.cli", "convert", str(src), "--out", str(out), "--to", "json,docx",
           "--bag", "--jobs", "1", "--no-overview", "--force"]
    t0 = time.monotonic()
    assert subprocess.run(cmd, capture_output=True, timeout=180).returncode == 0
    duration = time.monotonic() - t0
    expected = sorted(["manifest.json", "manifest.csv", *(f"falu{k}.{e}" for k in range(n) for e in ("json", "docx"))])
    for share in (0.3, 0.55, 0.8, 0.9, 0.97):  # the later kills land in the bagging at the end
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(duration * share)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        done = subprocess.run(cmd[:-1], capture_output=True, text=True, timeout=180)
        assert done.returncode == 0, done.stderr
        bag = bagit.Bag(str(out))
        bag.validate()
        assert sorted(Path(p).name for p in bag.payload_files()) == expected
        assert [p.name for p in out.rglob("*") if p.name.endswith(".tmp")] == []


# -- every file found is listed; links out of the input folders are not followed ------------------------------

def test_files_of_other_formats_are_listed_with_what_to_do(tmp_path, capsys):
    src = tmp_path / "be"
    (src / "regi").mkdir(parents=True)
    demo_workbook(src / "minta.xlsx")
    (src / "regi" / "hep_2015.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    (src / "regi" / "hep_2016.ods").write_bytes(b"PK\x03\x04 ods")
    (src / "adatok.csv").write_text("Mutató;2024\n", encoding="utf-8")
    (src / "~$minta.xlsx").write_bytes(b"Excel lock file")
    out = tmp_path / "ki"
    assert main(["convert", str(src), "--out", str(out), "--to", "json"]) == 1
    printed = capsys.readouterr().out
    items = _items(out)
    assert set(items) == {"minta.xlsx", "hep_2015.xls", "hep_2016.ods", "adatok.csv"}
    assert items["minta.xlsx"]["status"] == "ok"
    for name, advice in (("hep_2015.xls", "mentse .xlsx formátumban"), ("hep_2016.ods", "LibreOffice"),
                         ("adatok.csv", "hep-xl fill")):
        r = items[name]
        assert r["status"] == "unsupported" and "nem támogatott formátum" in r["error"] and advice in r["error"]
        assert r["sha256"] == sha256_file(next(src.rglob(name)))
        assert name in printed
    assert _manifest(out)["summary"]["unsupported"] == 3


def test_links_out_of_the_input_folders_are_not_followed(tmp_path, capsys):
    src = tmp_path / "be"
    src.mkdir()
    demo_workbook(src / "minta.xlsx")
    outside = tmp_path / "mashol"
    outside.mkdir()
    demo_workbook(outside / "idegen.xlsx")
    (src / "jelszavak.xlsx").symlink_to("/etc/passwd")
    (src / "kulso").symlink_to(outside, target_is_directory=True)
    (src / "masolat.xlsx").symlink_to(src / "minta.xlsx")  # inside: the same workbook, once
    out = tmp_path / "ki"
    assert main(["convert", str(src), "--out", str(out), "--to", "json"]) == 1
    capsys.readouterr()
    text = (out / "manifest.json").read_text(encoding="utf-8")
    assert "/etc/passwd\"" not in text.replace("(/etc/passwd)", "") and "idegen.xlsx" not in text
    items = _items(out)
    assert set(items) == {"minta.xlsx", "jelszavak.xlsx", "kulso"}
    for name in ("jelszavak.xlsx", "kulso"):
        assert items[name]["status"] == "unsupported" and "kívülre mutat" in items[name]["error"]
        assert items[name]["sha256"] is None  # nothing outside was read
    assert items["minta.xlsx"]["status"] == "ok"
