"""The mutation-testing gate: mutmut over the modules of ``[tool.mutmut] only_mutate`` in
pyproject.toml, run in a temporary copy of the project (the working tree gets no ``mutants/``).

The modules come in sets (``tests/mutmut_floor.toml``), each with the tests that guard it and its
own floor: ``core`` (values, derivations, the KSH check digit, file writes) and ``rules`` (the
validator's rule modules, guarded by the tests that call one rule). Prints the kill rate per module
and overall, lists the surviving mutants, and fails when a set's kill rate is below its floor (raise a
floor when tests improve; never lower it). ``make mutation`` runs every set whole. ``make test``
(``tests/test_mutmut_gate.py``) runs ``core`` whole and ``rules`` on the changed modules: those whose
text differs from the last recorded run (``--record`` writes ``tests/mutmut_measured.json``: each
file's hash and each module's counts), with the recorded counts of the others; a changed test or
fixture file of the set runs it whole.

mutmut 3 leaves every decorated function alone (it cannot set up its trampoline under a decorator),
and each rule of the validator is a function registered by ``@rule(...)``. In the copy, before
mutmut runs, :func:`undecorate` rewrites a set's modules so that each decorated module-level function
is decorated by an assignment after it (``def f…`` then ``f = rule("ID", "area")(f)``): the same
registration, in the same order, and a body mutmut mutates. ``--keep DIR`` leaves the copy in ``DIR``, where
``.venv/bin/python -m mutmut show NAME`` (run inside ``DIR``) prints a survivor's change.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLOOR_FILE = Path(__file__).resolve().with_name("mutmut_floor.toml")
MEASURED_FILE = FLOOR_FILE.with_name("mutmut_measured.json")
KILLED = "killed"


@dataclass
class GateResult:
    statuses: dict[str, str]  # mutant name -> mutmut status
    floor: float
    log: str
    # modules not run again (unchanged since their recorded run): module -> (killed, total) recorded
    recorded: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return len(self.statuses) + sum(t for _, t in self.recorded.values())

    @property
    def killed(self) -> int:
        return sum(s == KILLED for s in self.statuses.values()) + sum(k for k, _ in self.recorded.values())

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
        return dict(sorted({**self.recorded, **{m: (killed[m], total[m]) for m in total}}.items()))

    def report(self) -> str:
        lines = ["mutmut kill rate:"]
        for module, (k, t) in self.by_module().items():
            note = "  (recorded, unchanged)" if module in self.recorded else ""
            lines.append(f"  {module:38} {k:4}/{t:<4} {k / t:6.1%}{note}")
        lines.append(f"  {'overall':38} {self.killed:4}/{self.total:<4} {self.rate:6.1%}"
                     f"  (floor {self.floor:.1%})")
        if self.survivors:
            lines.append("surviving mutants (mutmut show NAME):")
            lines += [f"  {n}: {self.statuses[n]}" for n in self.survivors]
        return "\n".join(lines)


@dataclass(frozen=True)
class GateSet:
    name: str
    only_mutate: tuple[str, ...]
    tests: tuple[str, ...]
    floor: float
    fixtures: tuple[str, ...] = ()  # files the tests read besides themselves (changed: run every module)

    def fingerprint(self) -> dict[str, str]:
        """SHA-256 of each module, test and fixture file of the set."""
        return {f: hashlib.sha256((ROOT / f).read_bytes()).hexdigest()
                for f in (*self.only_mutate, *self.tests, *self.fixtures)}


def sets() -> dict[str, GateSet]:
    with open(FLOOR_FILE, "rb") as fh:
        data = tomllib.load(fh)["sets"]
    return {name: GateSet(name, tuple(d["only_mutate"]), tuple(d["tests"]), float(d["kill_rate_floor"]),
                          tuple(d.get("fixtures", ())))
            for name, d in data.items()}


def module_name(path: str) -> str:
    """hep_xl/validate/rules/forum.py -> hep_xl.validate.rules.forum (as mutmut names mutants)."""
    return path.removesuffix(".py").replace("/", ".")


def recorded() -> dict:
    """What ``--record`` wrote: per set, the fingerprint of its files and each module's counts."""
    return json.loads(MEASURED_FILE.read_text(encoding="utf-8")) if MEASURED_FILE.exists() else {}


def changed_modules(gate: GateSet) -> tuple[str, ...] | None:
    """The set's modules whose text differs from the recorded run; None when the set must run whole
    (no record, or a test or fixture file changed)."""
    record = recorded().get(gate.name)
    now = gate.fingerprint()
    if not record or any(record["files"].get(f) != h for f, h in now.items() if f not in gate.only_mutate):
        return None
    return tuple(m for m in gate.only_mutate if record["files"].get(m) != now[m])


def run_changed(jobs: int = 2, gate: str = "core") -> GateResult:
    """``make test``'s run of a set: mutmut over the modules changed since the recorded run (every
    module when a test or fixture changed), the others' recorded counts, the set's floor over all."""
    chosen = sets()[gate]
    changed = changed_modules(chosen)
    if changed is None:
        return run(jobs, gate)
    counts = recorded()[gate]["modules"]
    kept = {module_name(m): tuple(counts[module_name(m)]) for m in chosen.only_mutate if m not in changed}
    result = run(jobs, gate, modules=changed) if changed else GateResult({}, chosen.floor, "nothing changed")
    result.recorded = kept
    return result


def record(result: GateResult, gate: str) -> None:
    """Write a whole set's passing run into tests/mutmut_measured.json (what ``run_changed`` compares with)."""
    chosen = sets()[gate]
    if result.recorded or result.rate < chosen.floor:
        raise ValueError("only a whole run of the set that meets its floor is recorded")
    data = recorded()
    data[gate] = {"files": chosen.fingerprint(), "modules": {m: list(kt) for m, kt in result.by_module().items()}}
    MEASURED_FILE.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def undecorate(source: str) -> str:
    """``source`` with each decorated module-level function's decorators applied by an assignment
    right after the function instead (the same objects, registered in the same order), so that mutmut
    mutates its body. Methods and classes are left as they are."""
    lines = source.splitlines(keepends=True)
    edits = []
    for node in ast.parse(source).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.decorator_list:
            applied = node.name
            for decorator in reversed(node.decorator_list):
                applied = f"{ast.get_source_segment(source, decorator)}({applied})"
            first = node.decorator_list[0].lineno - 1  # the line of the first "@"
            edits.append((first, node.lineno - 1, node.end_lineno, f"{node.name} = {applied}\n"))
    for first, def_line, end, assignment in reversed(edits):
        lines[end:end] = [assignment]
        del lines[first:def_line]
    return "".join(lines)


def _configure(copy: Path, gate: GateSet) -> None:
    """The copy's ``[tool.mutmut]`` mutates the set's modules (undecorated) and runs its tests."""
    for module in gate.only_mutate:
        path = copy / module
        path.write_text(undecorate(path.read_text(encoding="utf-8")), encoding="utf-8")
    path = copy / "pyproject.toml"
    with open(path, "rb") as fh:
        options = tomllib.load(fh)["tool"]["mutmut"]
    text = path.read_text(encoding="utf-8")
    start = re.search(r"^\[tool\.mutmut\]$", text, re.M).start()
    end = text.find("\n[", start + 1)
    options.update(only_mutate=list(gate.only_mutate), pytest_add_cli_args_test_selection=list(gate.tests))
    section = "[tool.mutmut]\n" + "".join(f"{k} = {json.dumps(v)}\n" for k, v in options.items())
    path.write_text(text[:start] + section + (text[end:] if end >= 0 else ""), encoding="utf-8")


def run(jobs: int = 2, gate: str = "core", keep: Path | None = None, modules: tuple[str, ...] | None = None
        ) -> GateResult:
    """Run one set (or only its ``modules``) in a copy of the project: a temporary one, or
    ``keep/<set>`` (replaced if there)."""
    from .mutation_run import _copy_project, _seeds_for_copy

    chosen = sets()[gate]
    if modules is not None:
        chosen = replace(chosen, only_mutate=tuple(modules))
    with tempfile.TemporaryDirectory(prefix="hep-mutmut-") as tmp:
        where = Path(tmp)
        if keep is not None:
            where = keep.resolve() / gate
            shutil.rmtree(where, ignore_errors=True)
            where.mkdir(parents=True)
        copy = _copy_project(where)
        _configure(copy, chosen)
        env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
        seeds = _seeds_for_copy()  # the decree's text, which the rule-basis tests quote from
        if seeds:
            env.setdefault("HEP_XL_SEEDS", str(seeds))
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
    return GateResult(statuses, chosen.floor, log)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--set", dest="sets", action="append", choices=sorted(sets()),
                    help="the set of modules to mutate (repeatable; default: every set)")
    ap.add_argument("--keep", type=Path, metavar="DIR",
                    help="keep each set's copy in DIR/<set> (for `mutmut show NAME` there)")
    ap.add_argument("--record", action="store_true",
                    help=f"write each passing set's counts and file hashes into {MEASURED_FILE.name}")
    args = ap.parse_args(argv)
    failed = False
    for name in args.sets or sorted(sets()):
        result = run(args.jobs, name, args.keep)
        print(f"[{name}]")
        print(result.report())
        if result.rate < result.floor:
            print(f"FAILED: the {name} set's kill rate {result.rate:.1%} is below its floor {result.floor:.1%}")
            failed = True
        elif args.record:
            record(result, name)
            print(f"recorded in {MEASURED_FILE.relative_to(ROOT)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    from tests.mutmut_gate import main as _main  # the package-relative import of _copy_project

    sys.exit(_main())
