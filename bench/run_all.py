"""Run every benchmark under bench/ in turn (``make bench``); each prints its own medians and ratios.

Pass-through: ``python bench/run_all.py --quick`` runs the batch benchmarks on 20 workbooks
instead of 200 (convert) and 500 (overview).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHES = ["bench_validate.py", "bench_fill.py", "bench_macros.py", "bench_convert.py", "bench_overview.py",
           "bench_docx_scale.py"]


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    failed = []
    for name in BENCHES:
        args = [sys.executable, str(HERE / name)]
        if quick and name in ("bench_convert.py", "bench_overview.py"):
            args += ["--n", "20"]
        print(f"\n=== {name} ===", flush=True)
        if subprocess.run(args).returncode != 0:
            failed.append(name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
