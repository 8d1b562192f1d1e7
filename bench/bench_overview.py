"""Benchmark of ``hep-xl overview`` on 500 workbooks (issue 14). Prints medians and ratios.

    .venv/bin/python bench/bench_overview.py                  # 500 generated workbooks
    .venv/bin/python bench/bench_overview.py --n 50           # quick run
    .venv/bin/python bench/bench_overview.py --corpus DIR     # reuse a folder of workbooks

Measures, on a generated corpus of realistic filled workbooks (bench/hep_corpus.py), all cores:
* ``hep-xl convert DIR --no-overview`` (the default json,docx) and ``--to json``, fresh processes:
  what the overview is compared with, and ``hep-xl convert DIR`` with its overview;
* reading and validating every workbook alone (a process pool over read_workbook + validate, the
  same work the overview starts with);
* ``hep-xl overview DIR``, fresh process, and its share outside reading and validating:
  overview − read+validate, as a share of the convert (target: below 20 %);
* the page set: size of index.html and of the largest settlement page; in Chromium (if
  installed) the time to load index.html and to sort and filter its 500 rows.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
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


def _read_validate(path: str) -> int:
    from hep_xl.validate import validate
    from hep_xl.workbook.reader import read_workbook

    return len(validate(read_workbook(path)).findings)


def read_and_validate(paths: list[str]) -> float:
    from hep_xl.overview.build import _warm_up

    _warm_up()
    t = time.perf_counter()
    with mp.get_context("fork").Pool(os.cpu_count()) as pool:
        pool.map(_read_validate, paths, chunksize=max(1, len(paths) // (os.cpu_count() * 8)))
    return time.perf_counter() - t


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

        convert = [fresh("conv", "convert", str(corpus), "--no-overview", "--out") for _ in range(a.repeats)]
        convert_json = [fresh("convj", "convert", str(corpus), "--to", "json", "--no-overview", "--out")
                        for _ in range(a.repeats)]
        with_overview = [fresh("convo", "convert", str(corpus), "--out") for _ in range(a.repeats)]
        rv = [read_and_validate(paths) for _ in range(a.repeats)]
        overview = [fresh("ov", "overview", str(corpus), "--reference-date", "2027-01-01", "-o")
                    for _ in range(a.repeats)]
        out = tmp / "ov"
        pages = [p.stat().st_size for p in (out / "telepulesek").glob("*.html")]
        index_size = (out / "index.html").stat().st_size
        total = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
        seen = browser(out / "index.html")

    med = statistics.median
    c, cj, r, o, co = med(convert), med(convert_json), med(rv), med(overview), med(with_overview)
    outside = o - r
    print(f"{n} workbooks, {os.cpu_count()} cores, median of {a.repeats}")
    print(f"  hep-xl convert (json,docx)              {c:7.2f} s  ({n / c:5.1f} workbooks/s)")
    print(f"  hep-xl convert --to json                {cj:7.2f} s  ({n / cj:5.1f} workbooks/s)")
    print(f"  hep-xl convert with its overview        {co:7.2f} s  (+{co / c - 1:.0%})")
    print(f"  read + validate only (all cores)        {r:7.2f} s")
    print(f"  hep-xl overview                         {o:7.2f} s")
    print(f"  overview outside read + validate        {outside:7.2f} s  = {outside / c:5.1%} of convert "
          f"(target < 20 %); {outside / cj:5.1%} of convert --to json")
    print(f"  page set: index.html {index_size / 1e6:.1f} MB, {len(pages)} settlement pages (largest "
          f"{max(pages) / 1e3:.0f} kB), {total / 1e6:.0f} MB in all")
    if seen:
        print(f"  Chromium: load index.html {seen['load'] * 1000:.0f} ms, sort {n} rows {seen['sort_ms']:.0f} ms, "
              f"filter by county {seen['filter_ms']:.0f} ms")


if __name__ == "__main__":
    main()
