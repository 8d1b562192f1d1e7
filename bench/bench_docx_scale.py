"""Word export against the number of measures (issue 16): must grow linearly. Prints medians and the
growth ratio per doubling (about 2 when linear; it was about 3–4 while quadratic).

    .venv/bin/python bench/bench_docx_scale.py            # 500, 1 000, 2 000 measures, 3 runs each
    .venv/bin/python bench/bench_docx_scale.py --runs 5 --sizes 500 1000 2000 4000

Each size is a workbook written by the real writer (the sample settlement with its measures
repeated); one run is what ``hep-xl export docx`` does in-process: read the workbook, build the
document, save it.
"""

from __future__ import annotations

import argparse
import copy
import statistics
import tempfile
import time
from pathlib import Path

from hep_xl.excel.build import write_any
from hep_xl.export.docx_doc import write_docx
from hep_xl.sample import build_sample_hep
from hep_xl.workbook.reader import read_workbook


def hep_with_measures(n: int):
    hep = build_sample_hep()
    base, numbers, measures = hep.measures, {}, []
    for i in range(n):
        m = copy.copy(base[i % len(base)])
        numbers[m.target_group] = numbers.get(m.target_group, 0) + 1
        m.number = numbers[m.target_group]
        measures.append(m)
    hep.measures = measures
    return hep


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[500, 1000, 2000])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            wb = Path(tmp) / f"hep_{n}.xlsx"
            write_any(hep_with_measures(n), wb)
            times = []
            for i in range(args.runs):
                t0 = time.perf_counter()
                write_docx(read_workbook(wb).hep, Path(tmp) / f"hep_{n}_{i}.docx")
                times.append(time.perf_counter() - t0)
            rows.append((n, statistics.median(times)))
    print(f"{'intézkedés':>10}  {'Word export (medián)':>20}  {'arány az előzőhöz':>18}")
    for i, (n, t) in enumerate(rows):
        ratio = f"{t / rows[i - 1][1]:.2f}× ({n / rows[i - 1][0]:g}× több)" if i else ""
        print(f"{n:>10}  {t:>18.2f} s  {ratio:>18}")
    if len(rows) > 1:
        growth = (rows[-1][1] / rows[0][1]) ** (1 / max(1, len(rows) - 1))
        print(f"átlagos növekedés duplázásonként: {growth:.2f}× (lineáris: ≈ 2×)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
