"""The mutation-testing gate: mutmut over the modules of ``[tool.mutmut] only_mutate`` in
pyproject.toml, run in a temporary copy of the project (the working tree gets no ``mutants/``).

Prints the kill rate per module and overall, lists the surviving mutants, and fails when the
overall kill rate is below the floor in ``tests/mutmut_floor.toml`` (raise the floor when tests
improve; never lower it). ``make mutation`` runs it; ``tests/test_mutmut_gate.py`` runs it inside
``make test``. A survivor is inspected with ``mutmut show NAME`` after ``mutmut run`` in the project
(``mutants/`` is ignored by git).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLOOR_FILE = Path(__file__).resolve().with_name("mutmut_floor.toml")
KILLED = "killed"


@dataclass
class GateResult:
    statuses: dict[str, str]  # mutant name -> mutmut status
    floor: float
    log: str

    @property
    def total(self) -> int:
        return len(self.statuses)

    @property
    def killed(self) -> int:
        return sum(s == KILLED for s in self.statuses.values())

    @property
    def rate(self) -> float:
        return self.killed / self.total if self.total else 0.0

    @property
    def survivors(self) -> list[str]:
        return sorted(n for n, s in self.statuses.items() if s != KILLED)

    def by_module(self) -> dict[str, tuple[int, int]]:
        total, killed = Counter(), Counter()
        for name, status in self.statuses.items():
            module = name.split(".x_", 1)[0]
            total[module] += 1
            killed[module] += status == KILLED
        return {m: (killed[m], total[m]) for m in sorted(total)}

    def report(self) -> str:
        lines = ["mutmut kill rate:"]
        for module, (k, t) in self.by_module().items():
            lines.append(f"  {module:28} {k:4}/{t:<4} {k / t:6.1%}")
        lines.append(f"  {'overall':28} {self.killed:4}/{self.total:<4} {self.rate:6.1%}"
                     f"  (floor {self.floor:.1%})")
        if self.survivors:
            lines.append("surviving mutants (mutmut show NAME):")
            lines += [f"  {n}: {self.statuses[n]}" for n in self.survivors]
        return "\n".join(lines)


def floor() -> float:
    with open(FLOOR_FILE, "rb") as fh:
        return float(tomllib.load(fh)["kill_rate_floor"])


def run(jobs: int = 2) -> GateResult:
    from .mutation_run import _copy_project

    with tempfile.TemporaryDirectory(prefix="hep-mutmut-") as tmp:
        copy = _copy_project(Path(tmp))
        env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
        mutmut = [sys.executable, "-m", "mutmut"]
        proc = subprocess.run([*mutmut, "run", "--max-children", str(jobs)], cwd=copy, env=env,
                              capture_output=True, text=True, timeout=1800)
        log = (proc.stdout + proc.stderr)[-4000:]
        if proc.returncode != 0:
            raise RuntimeError(f"mutmut run failed (exit code {proc.returncode}):\n{log}")
        res = subprocess.run([*mutmut, "results", "--all", "true"], cwd=copy, env=env, capture_output=True,
                             text=True, timeout=300)
        statuses = {}
        for line in res.stdout.splitlines():
            name, sep, status = line.strip().rpartition(": ")
            if sep and name.startswith("hep_xl."):
                statuses[name] = status.strip()
        subprocess.run([*mutmut, "export-cicd-stats"], cwd=copy, env=env, capture_output=True, timeout=300)
        stats = json.loads((copy / "mutants" / "mutmut-cicd-stats.json").read_text(encoding="utf-8"))
    if stats["total"] != len(statuses) or stats["killed"] != sum(s == KILLED for s in statuses.values()):
        raise RuntimeError(f"mutmut's results and its stats disagree: {stats} vs {Counter(statuses.values())}")
    return GateResult(statuses, floor(), log)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    args = ap.parse_args(argv)
    result = run(args.jobs)
    print(result.report())
    if result.rate < result.floor:
        print(f"FAILED: kill rate {result.rate:.1%} is below the floor {result.floor:.1%}")
        return 1
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    from tests.mutmut_gate import main as _main  # the package-relative import of _copy_project

    sys.exit(_main())
