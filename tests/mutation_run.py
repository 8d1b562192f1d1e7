"""Apply each hand-written mutation of ``tests/mutations.toml`` to a copy of the project and check
that the tests named for it fail.

Every entry is a realistic bug: a file, an exact piece of code and what it becomes, and the tests
that must catch it. For each entry the project (package, tests, template, schemas, README) is copied
to a temporary folder, the change is made there (the original text must occur exactly once, so a
stale entry is reported instead of silently mutating something else), and pytest runs the named
tests in a subprocess against the copy. The mutation is *caught* when pytest reports failed tests
(exit code 1); a clean pass is a surviving bug, and any other exit code (collection error, no
tests) is reported as a broken entry, never as a catch.

``make mutation`` runs this file (``python tests/mutation_run.py``); ``tests/test_mutations.py``
runs the same function per entry inside ``make test``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIST = Path(__file__).resolve().with_name("mutations.toml")
# what the copy leaves out: build products and caches, never sources
_IGNORE = shutil.ignore_patterns(".git", ".venv", "__pycache__", "*.pyc", "*.egg-info", ".pytest_cache",
                                 ".hypothesis", "demo-output", "build", "mutants", "bench")


@dataclass(frozen=True)
class Mutation:
    id: str
    file: str
    old: str
    new: str
    bug: str
    tests: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    mutation: Mutation
    status: str  # "caught" | "survived" | "stale" | "broken"
    detail: str
    seconds: float

    @property
    def ok(self) -> bool:
        return self.status == "caught"


def load(path: Path = LIST) -> list[Mutation]:
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    out = [Mutation(m["id"], m["file"], m["old"], m["new"], m["bug"], tuple(m["tests"])) for m in data["mutation"]]
    ids = [m.id for m in out]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        raise ValueError(f"duplicate mutation ids in {path.name}: {sorted(dupes)}")
    return out


def anchor_problem(m: Mutation, root: Path = ROOT) -> str | None:
    """Why the mutation cannot be applied to the tree at ``root`` (None when it can)."""
    target = root / m.file
    if not target.is_file():
        return f"{m.file} does not exist"
    count = target.read_text(encoding="utf-8").count(m.old)
    if count != 1:
        return f"the original code occurs {count} times in {m.file} (expected exactly once): update {LIST.name}"
    if m.old == m.new:
        return "old and new are the same"
    return None


def _copy_project(dest: Path) -> Path:
    copy = dest / ROOT.name
    shutil.copytree(ROOT, copy, ignore=_IGNORE, symlinks=True)
    return copy


def _env(copy: Path) -> dict[str, str]:
    env = dict(os.environ)
    # the copy's package wins over the editable install of the original (subprocesses too)
    env["PYTHONPATH"] = str(copy) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    seeds = _seeds_for_copy()
    if seeds:
        env.setdefault("HEP_XL_SEEDS", str(seeds))
    return env


def _seeds_for_copy() -> Path | None:
    sys.path.insert(0, str(ROOT))
    try:
        from tests.seeds import find_seeds
    finally:
        sys.path.pop(0)
    return find_seeds()


def run_one(m: Mutation, timeout: float = 300) -> Outcome:
    start = time.monotonic()
    problem = anchor_problem(m)
    if problem:
        return Outcome(m, "stale", problem, 0.0)
    with tempfile.TemporaryDirectory(prefix=f"hep-mut-{m.id}-") as tmp:
        copy = _copy_project(Path(tmp))
        target = copy / m.file
        target.write_text(target.read_text(encoding="utf-8").replace(m.old, m.new), encoding="utf-8")
        env = _env(copy)
        where = subprocess.run([sys.executable, "-c", "import hep_xl, sys; sys.stdout.write(hep_xl.__file__)"],
                               cwd=copy, env=env, capture_output=True, text=True)
        if not where.stdout.startswith(str(copy)):
            return Outcome(m, "broken", f"the copy's package is not the one imported: {where.stdout or where.stderr}",
                           time.monotonic() - start)
        cmd = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "--no-header",
               "-o", "addopts=", *m.tests]
        try:
            proc = subprocess.run(cmd, cwd=copy, env=env, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return Outcome(m, "broken", f"timed out after {timeout:.0f} s", time.monotonic() - start)
    elapsed = time.monotonic() - start
    tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-15:])
    if proc.returncode == 1:
        return Outcome(m, "caught", tail.splitlines()[-1] if tail else "", elapsed)
    if proc.returncode == 0:
        return Outcome(m, "survived", tail, elapsed)
    return Outcome(m, "broken", f"pytest exit code {proc.returncode}:\n{tail}", elapsed)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("ids", nargs="*", help="mutation ids (default: all)")
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--list", action="store_true", help="list the mutations and exit")
    args = ap.parse_args(argv)
    mutations = load()
    if args.ids:
        unknown = set(args.ids) - {m.id for m in mutations}
        if unknown:
            ap.error(f"unknown mutation ids: {', '.join(sorted(unknown))}")
        mutations = [m for m in mutations if m.id in args.ids]
    if args.list:
        for m in mutations:
            print(f"{m.id:28} {m.file}: {m.bug}")
        return 0
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        outcomes = []
        for o in pool.map(run_one, mutations):
            print(f"{o.status:9} {o.mutation.id:28} {o.seconds:6.1f} s  {o.mutation.bug}", flush=True)
            if not o.ok:
                print("    " + o.detail.replace("\n", "\n    "), flush=True)
            outcomes.append(o)
    caught = sum(o.ok for o in outcomes)
    print(f"\n{caught}/{len(outcomes)} hand-written mutations caught")
    return 0 if caught == len(outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
