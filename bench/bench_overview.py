"""Benchmark of ``hep-xl overview`` on 500 workbooks (issue 14). Prints medians and ratios.

    .venv/bin/python bench/bench_overview.py                  # 500 generated workbooks
    .venv/bin/python bench/bench_overview.py --n 50           # quick run
    .venv/bin/python bench/bench_overview.py --corpus DIR     # reuse a folder of workbooks

Measures, on a generated corpus of realistic filled workbooks (bench/hep_corpus.py), all cores:
* ``hep-xl convert DIR --no-overview`` (the default json,docx) and ``--to json``, fresh processes:
  what the overview is compared with, and ``hep-xl convert DIR`` with its overview;
* on one core in one process, file by file: reading, validating, summarising, and writing the
  pages and the workbook; the overview's share outside reading and validating (summarise + write)
  against ``hep-xl convert --jobs 1`` of the same folder (target: below 20 %);
* ``hep-xl overview DIR`` and ``hep-xl convert`` with its overview, fresh processes, all cores;
* the page set: size of index.html and of the largest settlement page; in Chromium (if
  installed) the time to load index.html and to sort and filter its 500 rows.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from hep_corpus import make_corpus  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


def split(paths: list[str], out: Path) -> dict:
    """One process, one core: the overview's own time beside the reading and validating it starts
    with, measured file by file in the same run (robust against a busy machine)."""
    import datetime as dt

    from hep_xl.overview.build import write_overview
    from hep_xl.overview.entry import summarize
    from hep_xl.validate import validate
    from hep_xl.workbook.reader import read_workbook

    ref = dt.date(2027, 1, 1)
    read = check = own = 0.0
    entries = []
    for p in paths:
        t0 = time.perf_counter()
        result = read_workbook(p)
        t1 = time.perf_counter()
        report = validate(result)
        t2 = time.perf_counter()
        entries.append(summarize(result.hep, report, p, ref, template_version=result.template_version))
        t3 = time.perf_counter()
        read, check, own = read + t1 - t0, check + t2 - t1, own + t3 - t2
    t = time.perf_counter()
    write_overview(entries, [], out, reference_date=ref, jobs=1)
    return {"read": read, "validate": check, "summarize": own, "write": time.perf_counter() - t}


def wall(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def browser(index: Path) -> dict | None:
    if not Path(CHROMIUM).is_file():
        return None
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = b.new_page(viewport={"width": 1400, "height": 900})
        t = time.perf_counter()
        page.goto(index.as_uri(), wait_until="load")
        load = time.perf_counter() - t
        sort = page.evaluate("""() => { const b = document.querySelector('#col-overall button');
            const t = performance.now(); b.click(); b.click(); return (performance.now() - t) / 2; }""")
        county = page.evaluate("document.querySelector('#f-county option:nth-child(2)').value")
        filt = page.evaluate("""(c) => { const s = document.querySelector('#f-county'); const t = performance.now();
            s.value = c; s.dispatchEvent(new Event('change')); return performance.now() - t; }""", county)
        b.close()
    return {"load": load, "sort_ms": sort, "filter_ms": filt}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--corpus", default=None, help="a folder of workbooks to reuse (made if missing)")
    ap.add_argument("--repeats", type=int, default=3)
    a = ap.parse_args()
    exe = str(Path(sys.executable).with_name("hep-xl"))
    with tempfile.TemporaryDirectory(prefix="hep-bench-overview-") as tmp:
        tmp = Path(tmp)
        corpus = Path(a.corpus) if a.corpus else tmp / "in"
        if not corpus.is_dir() or not any(corpus.glob("*.xlsx")):
            print(f"generating {a.n} workbooks in {corpus} …", flush=True)
            make_corpus(corpus, a.n)
        paths = sorted(str(p) for p in corpus.glob("*.xlsx"))
        n = len(paths)

        def fresh(cmd_out: str, *args: str) -> float:
            out = tmp / cmd_out
            shutil.rmtree(out, ignore_errors=True)
            return wall([exe, *args, str(out)])

        # interleaved repeats: a busy machine slows every kind of run alike
        runs: dict[str, list[float]] = {k: [] for k in ("seq", "conv", "convj", "convo", "ov")}
        splits = []
        for _ in range(a.repeats):
            runs["seq"].append(fresh("seq", "convert", str(corpus), "--no-overview", "--jobs", "1", "--out"))
            splits.append(split(paths, tmp / "split"))
            runs["conv"].append(fresh("conv", "convert", str(corpus), "--no-overview", "--out"))
            runs["convj"].append(fresh("convj", "convert", str(corpus), "--to", "json", "--no-overview", "--out"))
            runs["convo"].append(fresh("convo", "convert", str(corpus), "--out"))
            runs["ov"].append(fresh("ov", "overview", str(corpus), "--reference-date", "2027-01-01", "-o"))
        out = tmp / "ov"
        pages = [p.stat().st_size for p in (out / "telepulesek").glob("*.html")]
        index_size = (out / "index.html").stat().st_size
        total = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
        seen = browser(out / "index.html")

    med = statistics.median
    seq, c, cj, co, o = (med(runs[k]) for k in ("seq", "conv", "convj", "convo", "ov"))
    part = {k: med(sp[k] for sp in splits) for k in ("read", "validate", "summarize", "write")}
    outside = part["summarize"] + part["write"]
    print(f"{n} workbooks, {os.cpu_count()} cores, median of {a.repeats} (interleaved)")
    print("one core, one process:")
    print(f"  hep-xl convert --jobs 1 (json,docx)     {seq:7.2f} s")
    print(f"  overview: read {part['read']:.2f} s + validate {part['validate']:.2f} s + summarise "
          f"{part['summarize']:.2f} s + write pages and xlsx {part['write']:.2f} s")
    print(f"  overview outside read + validate        {outside:7.2f} s  = {outside / seq:5.1%} of the convert "
          f"(target < 20 %)")
    print("all cores, fresh processes:")
    print(f"  hep-xl convert (json,docx)              {c:7.2f} s  ({n / c:5.1f} workbooks/s)")
    print(f"  hep-xl convert --to json                {cj:7.2f} s  ({n / cj:5.1f} workbooks/s)")
    print(f"  hep-xl overview                         {o:7.2f} s  ({o / c:.0%} of the convert, {o / cj:.0%} of "
          f"--to json)")
    print(f"  hep-xl convert with its overview        {co:7.2f} s  (+{co / c - 1:.0%})")
    print(f"  page set: index.html {index_size / 1e6:.1f} MB, {len(pages)} settlement pages (largest "
          f"{max(pages) / 1e3:.0f} kB), {total / 1e6:.0f} MB in all")
    if seen:
        print(f"  Chromium: load index.html {seen['load'] * 1000:.0f} ms, sort {n} rows {seen['sort_ms']:.0f} ms, "
              f"filter by county {seen['filter_ms']:.0f} ms")


if __name__ == "__main__":
    main()
