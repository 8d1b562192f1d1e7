"""Helpers for the hostile-input tests: zip surgery on real workbooks, and running ``hep-xl`` in a
child process with its exit code, output, wall time and peak memory (``os.wait4``: the child's
own peak RSS, not the largest child the test process ever had)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hep_xl.excel.build import write_any
from hep_xl.sample import build_sample_hep

# what must never reach a user: Python tracebacks, Rust panics, interpreter noise
LEAKS = ("Traceback", "panicked", "RUST_BACKTRACE", "Exception ignored", "PanicException",
         "memory allocation of", "stack backtrace", "Error:", "Errno")


def demo_workbook(path: Path) -> Path:
    """The sample settlement as a real workbook (the writer's own output)."""
    write_any(build_sample_hep(), path)
    return path


def rezip(src: Path, dst: Path, edits: dict[str, Callable[[bytes], bytes]] | None = None,
          drop: tuple[str, ...] = (), add: dict[str, bytes] | None = None,
          compression: int = zipfile.ZIP_DEFLATED) -> Path:
    """Copy the package ``src`` to ``dst``, changing members with ``edits``, leaving out ``drop``
    and appending ``add``."""
    edits = edits or {}
    with zipfile.ZipFile(src) as zi, zipfile.ZipFile(dst, "w", compression) as zo:
        for info in zi.infolist():
            if info.filename in drop:
                continue
            data = zi.read(info)
            if info.filename in edits:
                data = edits[info.filename](data)
            zo.writestr(info.filename, data)
        for name, data in (add or {}).items():
            zo.writestr(name, data)
    return dst


def sheet_part(sheet: str) -> str:
    """The part of a sheet in a workbook our writer made (xlsxwriter numbers the sheets in book order)."""
    from hep_xl.workbook import SHEET_ORDER

    return f"xl/worksheets/sheet{SHEET_ORDER.index(sheet) + 1}.xml"


# the indicators table's reference in the demo workbook, whatever its years and columns
INDICATORS_TABLE_REF = rb'ref="A4:[A-Z]{1,3}[0-9]+"'


def indicators_last_column() -> str:
    """The indicators table's last column letter in the demo workbook (five year columns)."""
    from hep_xl.workbook import layout
    from hep_xl.workbook.a1 import column_letters

    return column_letters(len(layout.indicator_headers(list(range(2020, 2025)))) - 1)


def sub(pattern: bytes, repl: bytes, count: int = 1) -> Callable[[bytes], bytes]:
    """An edit that replaces ``pattern`` (a regular expression) and insists it was found."""
    def edit(data: bytes) -> bytes:
        new, n = re.subn(pattern, repl, data, count=count)
        assert n, f"pattern not found: {pattern!r}"
        return new
    return edit


@dataclass
class Run:
    code: int
    out: str
    err: str
    peak_mb: float
    seconds: float

    def assert_clean(self) -> None:
        """No traceback, panic text or library noise on either stream."""
        for leak in LEAKS:
            assert leak not in self.err and leak not in self.out, (leak, self.err[-2000:])


def run_cli(*args, timeout: float = 120, fsize_limit: int | None = None, cwd: Path | None = None,
            env: dict | None = None) -> Run:
    """``python -m hep_xl.cli ARGS`` in a child process; ``fsize_limit`` (bytes) sets
    ``RLIMIT_FSIZE`` in the child, which makes every write past it fail as on a full disk."""
    def limit():
        if fsize_limit is not None:
            import resource

            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize_limit, fsize_limit))

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.monotonic()
        proc = subprocess.Popen([sys.executable, "-m", "hep_xl.cli", *map(str, args)], stdout=out, stderr=err,
                                cwd=cwd, env={**os.environ, **(env or {})}, preexec_fn=limit)
        deadline = t0 + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                proc.kill()
                os.wait4(proc.pid, 0)
                raise AssertionError(f"hep-xl {' '.join(map(str, args))} did not finish in {timeout} s")
            time.sleep(0.02)
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.monotonic() - t0
        out.seek(0)
        err.seek(0)
        return Run(proc.returncode, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"),
                   usage.ru_maxrss / 1024, seconds)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes (to show nothing was changed or moved)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def many_measures_hep(n: int):
    """The sample with ``n`` measures (the sample's own, repeated and numbered per target group)."""
    import copy

    hep = build_sample_hep()
    base = hep.measures
    measures, numbers = [], {}
    for i in range(n):
        m = copy.copy(base[i % len(base)])
        numbers[m.target_group] = numbers.get(m.target_group, 0) + 1
        m.number = numbers[m.target_group]
        measures.append(m)
    hep.measures = measures
    return hep
