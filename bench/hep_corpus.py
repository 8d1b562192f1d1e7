"""Corpus helper for benchmarks: N realistic filled HEP workbooks in a folder (not committed data).

    .venv/bin/python bench/hep_corpus.py DIR [--n 200]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the synthetic corpus lives in tests/

from hep_xl.workbook.writer import write_workbook  # noqa: E402
from tests.synthetic import synthetic_hep  # noqa: E402


def _one(args: tuple[int, str]) -> str:
    i, folder = args
    path = Path(folder) / f"hep_{i:04d}.xlsx"
    write_workbook(synthetic_hep(i), path)
    return str(path)


def make_corpus(folder: str | Path, n: int, jobs: int | None = None) -> list[Path]:
    Path(folder).mkdir(parents=True, exist_ok=True)
    with mp.get_context("fork").Pool(jobs) as pool:
        return [Path(p) for p in pool.map(_one, [(i, str(folder)) for i in range(n)])]


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("--n", type=int, default=200)
    a = ap.parse_args()
    print(len(make_corpus(a.folder, a.n)), "munkafüzet:", a.folder)
