"""The mutation-testing gate inside `make test`: mutmut over the gated modules, kill rate at least
the floor of tests/mutmut_floor.toml (see tests/mutmut_gate.py)."""

from __future__ import annotations

import json

from . import mutmut_gate


def test_kill_rate_is_at_least_the_floor():
    result = mutmut_gate.run(gate="core")
    print(result.report())
    modules = set(result.by_module())
    assert modules == {"hep_xl.values", "hep_xl.derive", "hep_xl.validate.ksh", "hep_xl.files"}, modules
    assert result.total > 400, result.log  # mutmut really generated and ran the mutants
    assert result.rate >= result.floor, result.report()


def test_rule_modules_changed_since_the_recorded_run_meet_the_floor():
    """The rules set on the modules changed since tests/mutmut_measured.json was written (all of them
    when a test or fixture changed), with the recorded counts of the others: at least the floor."""
    gate = mutmut_gate.sets()["rules"]
    result = mutmut_gate.run_changed(gate="rules")
    print(result.report())
    assert set(result.by_module()) == {mutmut_gate.module_name(m) for m in gate.only_mutate}
    assert result.total > 3000, result.log  # every @rule body is mutated (mutmut_gate.undecorate)
    assert result.rate >= result.floor, result.report()


def test_a_changed_module_is_run_again_a_changed_test_runs_the_set_whole(tmp_path, monkeypatch):
    gate = mutmut_gate.sets()["rules"]
    measured = tmp_path / "measured.json"
    monkeypatch.setattr(mutmut_gate, "MEASURED_FILE", measured)
    assert mutmut_gate.changed_modules(gate) is None  # nothing recorded: the whole set
    files = gate.fingerprint()
    counts = {mutmut_gate.module_name(m): [1, 1] for m in gate.only_mutate}

    def write(**changed):
        measured.write_text(json.dumps({"rules": {"files": {**files, **changed}, "modules": counts}}))

    write()
    assert mutmut_gate.changed_modules(gate) == ()
    forum, test = "hep_xl/validate/rules/forum.py", "tests/test_rules_forum.py"
    write(**{forum: "0" * 64})
    assert mutmut_gate.changed_modules(gate) == (forum,)
    write(**{test: "0" * 64})
    assert mutmut_gate.changed_modules(gate) is None
    write(**{gate.fixtures[0]: "0" * 64})
    assert mutmut_gate.changed_modules(gate) is None
    # nothing changed: no mutmut run, the recorded counts against the floor
    write()
    result = mutmut_gate.run_changed(gate="rules")
    assert result.statuses == {} and result.total == len(gate.only_mutate) and result.rate == 1.0


def test_the_record_is_of_the_files_as_they_are():
    """tests/mutmut_measured.json was written from the rules set's files as committed: a change to a
    rule module, its tests or their fixtures without a new `--record` is run by the test above."""
    gate = mutmut_gate.sets()["rules"]
    record = mutmut_gate.recorded()["rules"]
    assert set(record["files"]) == set(gate.fingerprint())
    killed = sum(k for k, _ in record["modules"].values())
    total = sum(t for _, t in record["modules"].values())
    assert killed / total >= gate.floor


def test_undecorate_registers_the_same_rules_in_the_same_order(tmp_path):
    """The copy mutmut mutates registers every rule as the project does: same ids, areas, order."""
    import ast
    import json
    import os
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    from hep_xl.validate.registry import RULES

    root = Path(__file__).resolve().parents[1]
    shutil.copytree(root / "hep_xl", tmp_path / "hep_xl")
    rewritten = 0
    for path in sorted((tmp_path / "hep_xl").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        new = mutmut_gate.undecorate(text)
        compile(new, str(path), "exec")
        assert not [n.name for n in ast.parse(new).body
                    if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.decorator_list], path
        rewritten += new != text
        path.write_text(new, encoding="utf-8")
    assert rewritten >= 10  # the rule modules, files.py's context managers, the cached loaders, …
    code = ("import json, hep_xl.validate; from hep_xl.validate.registry import RULES; "
            "print(json.dumps([(r.id, r.area, r.func.__name__) for r in RULES.values()]))")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True,
                         env=dict(os.environ, PYTHONPATH=str(tmp_path), PYTHONDONTWRITEBYTECODE="1")).stdout
    assert json.loads(out) == [[r.id, r.area, r.func.__name__] for r in RULES.values()]
    assert len(RULES) > 80


def test_undecorate_applies_stacked_decorators_innermost_first():
    source = ("import functools\n\n\n@functools.lru_cache(maxsize=1)\n@staticmethod  # a comment\n"
              "def f(x):\n    return x\n\n\nclass C:\n    @property\n    def p(self):\n        return 1\n")
    assert mutmut_gate.undecorate(source) == (
        "import functools\n\n\ndef f(x):\n    return x\nf = functools.lru_cache(maxsize=1)(staticmethod(f))\n"
        "\n\nclass C:\n    @property\n    def p(self):\n        return 1\n")
