"""ruff over the whole project and mypy over the core, as configured in pyproject.toml.

Both run from the environment the tests run in (the ``test`` extra installs them); a finding is a
failure whose text is the tool's own report."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff_finds_nothing():
    run = _run("ruff", "check", "--no-cache", "hep_xl", "tests", "bench")
    assert run.returncode == 0, run.stdout + run.stderr


def test_mypy_finds_nothing_in_the_core():
    run = _run("mypy", "--no-incremental", "--cache-dir", "/dev/null")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Success" in run.stdout  # the files listed in [tool.mypy] were checked


def test_ruff_would_see_a_finding(tmp_path):
    """The configuration is read: an unused import in a checked folder is reported."""
    bad = tmp_path / "bad.py"
    bad.write_text("import os\n", encoding="utf-8")
    run = _run("ruff", "check", "--no-cache", "--config", str(ROOT / "pyproject.toml"), str(bad))
    assert run.returncode == 1 and "F401" in run.stdout
