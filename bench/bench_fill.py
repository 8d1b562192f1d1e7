"""Benchmark: fill the whole Annex 1 of a blank workbook from the sample TeIR/KSH exports, in-process.

Prints the median of read + plan + write (target < 0.5 s), and of its parts.
Run: .venv/bin/python bench/bench_fill.py [repeats]
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from hep_xl.excel.build import build_new
from hep_xl.fill import apply_to_file, plan_fill
from hep_xl.sample.exports.make_exports import export_paths
from hep_xl.workbook.reader import read_workbook


def main(repeats: int = 7) -> None:
    exports = export_paths()
    with tempfile.TemporaryDirectory() as tmp:
        blank = Path(tmp) / "blank.xlsx"
        build_new(blank, settlement="Példafalva", ksh_code="12344", start_year=2025)
        target = Path(tmp) / "filled.xlsx"
        totals, reads, plans, writes = [], [], [], []
        n = 0
        for _ in range(repeats):
            shutil.copy(blank, target)
            t0 = time.perf_counter()
            result = read_workbook(target)
            t1 = time.perf_counter()
            plan = plan_fill(result, exports)
            t2 = time.perf_counter()
            apply_to_file(target, plan)
            t3 = time.perf_counter()
            n = len(plan.changes)
            reads.append(t1 - t0), plans.append(t2 - t1), writes.append(t3 - t2), totals.append(t3 - t0)
    med = statistics.median
    print(f"fill (read + plan + write, {n} values, {len(exports)} export files): median {med(totals):.3f} s "
          f"(target < 0.5 s) over {repeats} runs")
    print(f"  read workbook {med(reads):.3f} s, plan (read exports, match, derive) {med(plans):.3f} s, "
          f"write (openpyxl) {med(writes):.3f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
