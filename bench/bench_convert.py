"""Benchmark of export and batch conversion (issues 5 and 9). Prints medians and ratios.

    .venv/bin/python bench/bench_convert.py            # 200 workbooks
    .venv/bin/python bench/bench_convert.py --n 20     # quick run

Measures, on a generated corpus of realistic filled workbooks (temporary folder):
* the floor: unzip + parse the same workbook's sheet XML (and shared strings) with lxml, nothing else;
* per-stage medians of one export: read (calamine), model, validate, JSON, schema check, the Word
  document (its text and tables; the charts: their data, matplotlib drawing, PNG encoding), write;
* batch throughput (workbooks/s) for JSON only and JSON+docx (with the charts), sequential (--jobs 1)
  and all cores, the parallel speed-up, and the peak RSS per worker; what the charts take of a
  worker's time, and the throughput the rest would allow.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from lxml import etree  # noqa: E402

from hep_xl.export import figures  # noqa: E402
from hep_xl.export.docx_doc import build_document  # noqa: E402
from hep_xl.export.json_doc import check_document, hep_to_dict, to_json_bytes, validation_summary  # noqa: E402
from hep_xl.files import atomic_output  # noqa: E402
from hep_xl.workbook import layout as L  # noqa: E402
from hep_xl.workbook.reader import CalamineSource, read_workbook  # noqa: E402


def floor(path: Path) -> None:
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/sheet") or name == "xl/sharedStrings.xml":
                etree.fromstring(zf.read(name))


def calamine_only(path: Path) -> None:
    src = CalamineSource(str(path))
    for t in (L.INDICATORS_TABLE, L.CHECKLIST_TABLE, L.PROBLEMS_TABLE, L.MEMBERS_TABLE, L.MEETINGS_TABLE,
              L.WORKING_GROUPS_TABLE, *(L.measures_table(g) for g in ("I", "II", "III", "IV", "V"))):
        src.table(t)
    src.sheet_rows(L.SHEETS.meta)
    src.sheet_rows(L.SHEETS.settlement)


def timed(fn, *args):
    t = time.perf_counter()
    out = fn(*args)
    return time.perf_counter() - t, out


def med_ms(xs) -> float:
    return statistics.median(xs) * 1000


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--stage-sample", type=int, default=60, help="workbooks used for the per-stage breakdown")
    a = ap.parse_args()
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="hep-bench-") as tmp:
        tmp = Path(tmp)
        # the corpus is written by a child process, so this one stays small: the CLI runs below are
        # started from it and Linux carries the parent's peak RSS over into a child
        t0 = time.perf_counter()
        subprocess.run([sys.executable, str(Path(__file__).with_name("hep_corpus.py")), str(tmp / "corpus"),
                        "--n", str(a.n)], check=True, capture_output=True)
        t = time.perf_counter() - t0
        paths = sorted((tmp / "corpus").glob("*.xlsx"))
        sizes = [p.stat().st_size for p in paths]
        print(f"corpus: {a.n} workbooks, median {statistics.median(sizes) / 1024:.0f} KB, generated in {t:.1f} s; "
              f"{cores} cores")

        print("\nbatch throughput (the real `hep-xl convert` command in a fresh process, incl. start-up, SHA-256, "
              "validation summary, manifest):")
        rates = {}
        for formats in (("json",), ("json", "docx")):
            for jobs in (1, cores):
                out = tmp / f"out-{'-'.join(formats)}-{jobs}"
                t0 = time.perf_counter()
                proc = subprocess.run([sys.executable, "-m", "hep_xl", "convert", str(tmp / "corpus"), "--out",
                                       str(out), "--to", ",".join(formats), "--jobs", str(jobs)],
                                      capture_output=True, text=True)
                el = time.perf_counter() - t0
                assert proc.returncode == 0, proc.stdout + proc.stderr
                records = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["items"]
                rates[(formats, jobs)] = a.n / el
                peak = max(r.get("peak_rss_mb", 0) for r in records)
                print(f"  {'+'.join(formats):<10} jobs={jobs}: {a.n / el:6.1f} workbooks/s "
                      f"({el:.2f} s; peak RSS per worker {peak:.0f} MB)")
            sp = rates[(formats, cores)] / rates[(formats, 1)]
            print(f"  {'+'.join(formats):<10} parallel speed-up: {sp:.2f}× (target ≥ 1.8×)")
        print(f"\ntarget JSON+docx with all cores ≥ 14/s: {rates[(('json', 'docx'), cores)]:.1f}/s")

        # warm-up (imports, schema compilation, catalog)
        r = read_workbook(paths[0])
        check_document(hep_to_dict(r.hep, validation_summary(r)))
        build_document(r.hep)

        st = {k: [] for k in ("floor", "read", "read+model", "validate", "json", "schema", "docx", "docx-text",
                              "chart-data", "chart-draw", "chart-render", "chart-png", "write")}
        for p in paths[: a.stage_sample]:
            st["floor"].append(timed(floor, p)[0])
            st["read"].append(timed(calamine_only, p)[0])
            dt_rm, result = timed(read_workbook, p)
            st["read+model"].append(dt_rm)
            dt_v, validation = timed(validation_summary, result)
            st["validate"].append(dt_v)
            dt_j, doc = timed(hep_to_dict, result.hep, validation)
            dt_j2, data = timed(to_json_bytes, doc)
            st["json"].append(dt_j + dt_j2)
            st["schema"].append(timed(check_document, doc)[0])
            figures.render_png.cache_clear()  # every chart drawn, as for a workbook never seen before
            dt_d, document = timed(build_document, result.hep)
            st["docx"].append(dt_d)
            st["docx-text"].append(timed(lambda h: build_document(h, charts=False), result.hep)[0])
            dt_c, charts = timed(figures.charts_of, result.hep)
            st["chart-data"].append(dt_c)
            drawn = rendered = encoded = 0.0
            for c in charts:
                t0 = time.perf_counter()
                fig = figures.draw(c)
                t1 = time.perf_counter()
                fig.canvas.draw()
                t2 = time.perf_counter()
                figures.encode_png(fig)
                drawn, rendered, encoded = drawn + t1 - t0, rendered + t2 - t1, encoded + time.perf_counter() - t2
            st["chart-draw"].append(drawn)
            st["chart-render"].append(rendered)
            st["chart-png"].append(encoded)

            def write(document=document, data=data):
                buf = io.BytesIO()
                document.save(buf)
                for name, payload in (("x.docx", buf.getvalue()), ("x.json", data)):
                    with atomic_output(tmp / name) as out:
                        out.write_bytes(payload)
            st["write"].append(timed(write)[0])
        f = med_ms(st["floor"])
        read, rm = med_ms(st["read"]), med_ms(st["read+model"])
        print(f"\nper-stage medians over {len(st['floor'])} workbooks (ms):")
        rows = [("floor (unzip + lxml parse of sheets)", f), ("read (calamine tables + sheets)", read),
                ("model (reader on top of read)", rm - read), ("validate (hep_xl.validate)", med_ms(st["validate"])),
                ("JSON (hep_to_dict + orjson)", med_ms(st["json"])),
                ("schema check (jsonschema-rs)", med_ms(st["schema"])),
                ("docx build (all)", med_ms(st["docx"])),
                ("  … text and tables (no charts)", med_ms(st["docx-text"])),
                ("  … charts: data from the model", med_ms(st["chart-data"])),
                (f"  … charts ({len(charts)}): matplotlib artists", med_ms(st["chart-draw"])),
                ("  … charts: Agg rendering (texts most)", med_ms(st["chart-render"])),
                ("  … charts: PNG encoding (Pillow)", med_ms(st["chart-png"])),
                ("write (docx save + json, atomic)", med_ms(st["write"]))]
        for name, v in rows:
            print(f"  {name:<40}{v:8.2f}")
        export = rm + med_ms(st["json"]) + med_ms(st["schema"])
        print(f"  JSON export (read→model→JSON→schema)   {export:8.2f}  = {export / f:.2f}× floor (target ≤ 2×)")
        print(f"  … with validation summary              {export + med_ms(st['validate']):8.2f}"
              f"  = {(export + med_ms(st['validate'])) / f:.2f}× floor")
        per = rm + med_ms(st["validate"]) + med_ms(st["json"]) + med_ms(st["schema"]) + med_ms(st["docx"]) \
            + med_ms(st["write"])
        chart_ms = sum(med_ms(st[k]) for k in ("chart-data", "chart-draw", "chart-render", "chart-png"))
        print(f"\none JSON+docx workbook in this process: {per:.0f} ms, of which the charts {chart_ms:.0f} ms "
              f"({100 * chart_ms / per:.0f} %); per chart {chart_ms / max(len(charts), 1):.1f} ms")
        print(f"  at {cores} cores that is at most {cores * 1000 / per:.1f} workbooks/s; without the charts "
              f"{cores * 1000 / (per - chart_ms):.1f}/s (target with charts ≥ 14/s)")

    return 0


if __name__ == "__main__":
    sys.exit(main())
