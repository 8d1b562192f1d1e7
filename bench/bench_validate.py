"""Benchmark: validating the filled demo (sample) workbook.

Prints medians for
* in-process: read (python-calamine) + rules, and each part alone;
* a fresh process ``hep-xl validate demo.xlsx`` (imports included), with the shares of interpreter
  start-up, imports, reading and rules.

Targets (issue 3): in-process < 50 ms median, fresh process < 0.5 s median.
Run: ``.venv/bin/python bench/bench_validate.py [--runs N]``
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--process-runs", type=int, default=10)
    args = ap.parse_args()

    from hep_xl.sample import build_sample_hep
    from hep_xl.validate import validate
    from hep_xl.workbook.reader import read_workbook
    from hep_xl.workbook.writer import write_workbook

    with tempfile.TemporaryDirectory() as tmp:
        demo = Path(tmp) / "demo.xlsx"
        write_workbook(build_sample_hep(), demo)
        size_kb = demo.stat().st_size / 1024
        result = read_workbook(demo)
        report = validate(result)
        read_ms = median_ms(lambda: read_workbook(demo), args.runs)
        rules_ms = median_ms(lambda: validate(result), args.runs)
        total_ms = median_ms(lambda: validate(read_workbook(demo)), args.runs)

        script = Path(sys.executable).with_name("hep-xl")
        exe = [str(script)] if script.exists() else [sys.executable, "-m", "hep_xl"]
        def proc(cmd):
            return lambda: subprocess.run(cmd, capture_output=True, check=False)
        bare_ms = median_ms(proc([sys.executable, "-c", "pass"]), args.process_runs)
        import_ms = median_ms(proc([sys.executable, "-c", "import hep_xl.cli, hep_xl.commands.validate, "
                                    "hep_xl.validate, hep_xl.workbook.reader; hep_xl.cli.build_parser()"]),
                              args.process_runs)
        cli_ms = median_ms(proc([*exe, "validate", str(demo)]), args.process_runs)

    counts = report.counts_by_severity()
    print(f"demo workbook: {size_kb:.0f} KB, {len(report.findings)} findings {counts}")
    print(f"in-process  read + validate   median {total_ms:7.1f} ms   (target < 50 ms)")
    print(f"              read (calamine) median {read_ms:7.1f} ms   {read_ms / total_ms:5.0%}")
    print(f"              rules + scores  median {rules_ms:7.1f} ms   {rules_ms / total_ms:5.0%}")
    print(f"fresh process hep-xl validate median {cli_ms:7.1f} ms   (target < 500 ms)")
    print(f"              interpreter     median {bare_ms:7.1f} ms   {bare_ms / cli_ms:5.0%}")
    imports = max(import_ms - bare_ms, 0)
    print(f"              imports         median {imports:7.1f} ms   {imports / cli_ms:5.0%}")
    rest = max(cli_ms - import_ms, 0)
    print(f"              read+rules+out  median {rest:7.1f} ms   {rest / cli_ms:5.0%}")


if __name__ == "__main__":
    main()
