"""Benchmark: one ribbon click = a fresh Python process that imports the macros and validates the
open workbook. Here the workbook is the sample HEP (as ``make demo`` writes it) and the xlwings
engine is the remote one (the JSON payload is prepared beforehand, as the client would send it).

Prints medians over fresh processes: bare interpreter start, ``import hep_xl.macros``, and the whole
click (import + xlwings + read + validate + report actions), with the import share, through the plain
interpreter and through the ``hep-xl-python`` launcher the ribbon starts after ``hep-xl install``
(xlwings imported without numpy, pandas and matplotlib). Target: the click under 0.4 s on this
machine.

xlwings imports pandas (and numpy) whenever they are installed, so the click is measured both
ways: as this environment has it (the test extra brings pandas with ``hep_xl[overview]``) and as
the base install a clerk gets (``pip install hep_xl``): there the distributions only the overview
extra brings, computed from ``pyproject.toml``, are made unimportable in the clicking process
(``sys.modules[name] = None``, what an absent package looks like to ``import``).

Run: .venv/bin/python bench/bench_macros.py [repeats]
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CLICK = r"""
import json, os, sys, time
for name in filter(None, os.environ.get("HEP_BENCH_ABSENT", "").split(",")):
    sys.modules[name] = None  # not installed, as far as import is concerned
t0 = time.perf_counter()
import hep_xl.macros as m
t1 = time.perf_counter()
import xlwings as xw
t2 = time.perf_counter()
payload = json.load(open(sys.argv[1], encoding="utf-8"))
book = xw.Book(json=payload)
m.validate(book=book)
actions = book.json()["actions"]
t3 = time.perf_counter()
print(json.dumps({"macros": t1 - t0, "xlwings": t2 - t1, "work": t3 - t2, "actions": len(actions),
                  "pandas": bool(sys.modules.get("pandas")),
                  "alert": [a["args"][0] for a in actions if a["func"] == "alert"]}))
"""


def _median_wall(cmd: list[str], env: dict, repeats: int) -> tuple[float, list[str]]:
    times, outs = [], []
    for _ in range(repeats):
        t = time.perf_counter()
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
        times.append(time.perf_counter() - t)
        outs.append(proc.stdout)
    return statistics.median(times), outs


def overview_only_modules() -> list[str]:
    """Top-level modules of the distributions that only the overview extra installs (pandas, numpy,
    Jinja2 and what they need), from pyproject.toml and the installed distributions' metadata."""
    import tomllib
    from importlib import metadata

    from tests.test_overview import _requirement_closure

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extra = (_requirement_closure(project["optional-dependencies"]["overview"])
             - _requirement_closure(project["dependencies"]))
    modules = set()
    for module, dists in metadata.packages_distributions().items():
        if any(d.lower().replace("_", "-") in extra for d in dists) and module.isidentifier():
            modules.add(module)
    return sorted(modules)


def main(repeats: int = 9) -> None:
    sys.path.insert(0, str(ROOT))
    absent = overview_only_modules()
    base = {**os.environ, "XLWINGS_LICENSE_KEY": "noncommercial", "HEP_XL_DEBUG": "1"}
    print(f"base install = this environment without: {', '.join(absent)}")
    for label, env in (("base install (pip install hep_xl)", {**base, "HEP_BENCH_ABSENT": ",".join(absent)}),
                       ("with the overview extra (pandas installed)", base)):
        print(f"\n{label}")
        measure(env, repeats)


def measure(env: dict, repeats: int) -> None:
    from hep_xl.excel.xlsm import write_xlsm
    from hep_xl.sample import build_sample_hep
    from tests.xlwings_harness import book_payload

    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        wb = Path(tmp) / "Példafalva_HEP.xlsm"
        write_xlsm(build_sample_hep(), wb)
        payload = Path(tmp) / "payload.json"
        payload.write_text(json.dumps(book_payload(wb)), encoding="utf-8")
        script = Path(tmp) / "click.py"
        script.write_text(CLICK, encoding="utf-8")

        bare, _ = _median_wall([py, "-c", "pass"], env, repeats)
        imp, _ = _median_wall([py, "-c", CLICK.split("t0 =")[0] + "import hep_xl.macros"], env, repeats)
        click, outs = _median_wall([py, str(script), str(payload)], env, repeats)
        parts = [json.loads(o) for o in outs]
        launcher = Path(py).with_name("hep-xl-python")
        via, via_outs = _median_wall([str(launcher), "-B", "-c", CLICK, str(payload)], env, repeats)
        via_parts = [json.loads(o) for o in via_outs]

    med = {k: statistics.median(p[k] for p in parts) for k in ("macros", "xlwings", "work")}
    imports = med["macros"] + med["xlwings"]
    print(f"fresh processes, median of {repeats}")
    print(f"  python -c pass                       {bare * 1000:7.0f} ms")
    print(f"  python -c 'import hep_xl.macros'     {imp * 1000:7.0f} ms  (+{(imp - bare) * 1000:.0f} ms over bare)")
    print(f"  click: validate sample workbook      {click * 1000:7.0f} ms  (target < 400 ms, base install)")
    print(f"    in-process: import hep_xl.macros   {med['macros'] * 1000:7.1f} ms")
    print(f"    in-process: import xlwings         {med['xlwings'] * 1000:7.1f} ms")
    print(f"    in-process: read+validate+report   {med['work'] * 1000:7.1f} ms  ({parts[0]['actions']} actions)")
    print(f"    import share of the click          {(imports + bare) / click:7.0%}  "
          f"(interpreter start + imports)")
    print(f"  click through hep-xl-python          {via * 1000:7.0f} ms  (what the ribbon starts after hep-xl "
          f"install; xlwings without numpy/pandas/matplotlib)")
    print(f"    in-process: import xlwings         {statistics.median(p['xlwings'] for p in via_parts) * 1000:7.1f} ms")
    print(f"  message box: {parts[0]['alert'][0].splitlines()[0] if parts[0]['alert'] else '-'}")
    print(f"  pandas imported during the click: {'yes' if parts[0]['pandas'] else 'no'}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 9)
