"""Batch conversion of HEP workbooks for archiving: JSON, Word, PDF/A; manifest; BagIt.

* inputs are files or folders (searched recursively); every file found is listed in the manifest:
  ``.xlsx``/``.xlsm`` are converted, anything else is recorded as not supported, with what to do;
  a symbolic link that points outside the input folders is not followed (and is listed);
  sources are only read and never modified or moved;
* every workbook is converted in a worker process with a time and a memory limit: a workbook
  that crashes, hangs or eats memory is recorded as failed with its reason, its worker is
  replaced, and the batch goes on;
* every output is written under a temporary name and renamed atomically (``atomic_output``);
* two inputs that would get the same output name (``a/falu.xlsx`` and ``b/falu.xlsm``) get
  distinct names (the later one a short hash of its path), also across runs into the same folder:
  an input keeps the name its manifest record has, and names used before stay taken;
* one run at a time writes into an output folder: a second run waits for the first (a lock on the
  folder), then goes on with the manifest the first one wrote;
* a bad file never stops the batch: it is recorded with its reason, and the run exits 1;
* an interrupted run (Ctrl+C) writes the manifest of what is done and leaves no temporary files;
  a run also removes those a killed run left;
* ``manifest.json`` and ``manifest.csv`` list every input (path, size, SHA-256, settlement,
  template version, validation summary, outputs with SHA-256, status, error); the manifest is
  rewritten as items finish (at most once a second) and at the end, so an interrupted run
  resumes: an input whose SHA-256 and outputs are unchanged is skipped (``--force`` redoes it);
* ``--bag`` makes the output folder a BagIt bag (RFC 8493) with SHA-256 manifests: the outputs
  are written into ``data/`` from the start (nothing is ever moved), and the tag files are each
  written atomically, ``bagit.txt`` last, so a killed run leaves the previous bag or none, never a
  folder that a later run would mistake for payload. A run into a bag refreshes it (with or
  without ``--bag``), keeping its bag-info.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from .. import limits
from ..files import atomic_output, os_error_in, os_error_text, remove_stale_temp_files, temp_name_pattern

FORMATS = ("json", "docx", "pdf")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
MANIFEST_JSON, MANIFEST_CSV = "manifest.json", "manifest.csv"
LOCK_FILE = ".hep-xl-convert.lock"
STATUS_LABELS = {"ok": "kész", "skipped": "változatlan, kihagyva", "failed": "hibás",
                 "unsupported": "nem támogatott, kihagyva"}
# files an operating system leaves in folders; they are not the archivist's files
_SYSTEM_FILES = {".ds_store", "thumbs.db", "desktop.ini"}
_WHAT_TO_DO = {
    ".xls": "régi Excel-formátum (.xls): nyissa meg Excelben, és mentse .xlsx formátumban, majd futtassa újra",
    ".xlsb": "bináris Excel-formátum (.xlsb): mentse Excelben .xlsx formátumban, majd futtassa újra",
    ".ods": "OpenDocument-táblázat (.ods): mentse LibreOffice-ban .xlsx formátumban, majd futtassa újra",
    ".csv": "adatfájl (.csv), nem HEP-munkafüzet: a mutatókat a „hep-xl fill” tölti be egy munkafüzetbe",
}


class BatchError(Exception):
    """The batch cannot start (a bad output folder); the message is Hungarian."""


def sha256_file(path: str | os.PathLike, bufsize: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(bufsize):
            h.update(chunk)
    return h.hexdigest()


@dataclass
class Job:
    source: str  # absolute path
    name: str  # output base name (no extension)
    formats: tuple[str, ...]
    payload: str  # output folder (the bag's data/ folder when bagged)
    previous: dict | None = None
    force: bool = False
    validate: bool = True


@dataclass
class BatchResult:
    records: list[dict] = field(default_factory=list)
    out_dir: Path | None = None
    payload: Path | None = None
    whole_batch_note: str = ""  # what the whole-batch step (the overview) reports, for the summary

    @property
    def failed(self) -> list[dict]:
        return [r for r in self.records if r["status"] == "failed"]

    @property
    def unsupported(self) -> list[dict]:
        return [r for r in self.records if r["status"] == "unsupported"]

    def count(self, status: str) -> int:
        return sum(r["status"] == status for r in self.records)


# -- inputs ---------------------------------------------------------------------------------------

def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _unsupported_record(path: Path, reason: str, *, read: bool = True) -> dict:
    size = sha = None
    if read:
        try:
            size, sha = path.stat().st_size, sha256_file(path)
        except OSError:
            pass
    return _failed_record(str(path), reason, status="unsupported", size=size, sha256=sha)


def _what_to_do(path: Path) -> str:
    suffix = path.suffix.lower()
    return "nem támogatott formátum: " + _WHAT_TO_DO.get(
        suffix, f"nem HEP-munkafüzet ({suffix or 'kiterjesztés nélkül'}); csak .xlsx és .xlsm fájl konvertálható")


def collect_inputs(inputs: list[str], exclude: Path | None = None) -> tuple[list[Path], list[dict]]:
    """Workbook files from files and folders (recursive), and a record for everything else:
    missing paths (failed), other files and links pointing outside the input folders (unsupported)."""
    found: dict[str, Path] = {}
    others: dict[str, dict] = {}
    excl = exclude.resolve() if exclude else None
    roots = [Path(raw).resolve() for raw in inputs if Path(raw).is_dir()]

    def add_file(c: Path, explicit: bool) -> None:
        rc = c.resolve()
        if excl and _inside(rc, excl):
            if explicit:  # named explicitly: say why it is not converted
                others[str(rc)] = _failed_record(str(rc), "a kimeneti mappában (--out) van; nem konvertálható oda, "
                                                          "ahová a kimenetek kerülnek")
            return
        if c.suffix.lower() in WORKBOOK_SUFFIXES:
            found.setdefault(str(rc), rc)
        else:
            others.setdefault(str(rc), _unsupported_record(rc, _what_to_do(c)))

    for raw in inputs:
        p = Path(raw)
        if p.is_dir():
            for folder, dirs, files in os.walk(p, followlinks=False):
                base = Path(folder)
                if excl and _inside(base.resolve(), excl):
                    dirs[:] = []
                    continue
                dirs.sort()
                for name in [*dirs, *files]:
                    entry = base / name
                    if not entry.is_symlink():
                        continue
                    target = entry.resolve()
                    if not any(_inside(target, r) for r in roots):
                        others[str(entry.absolute())] = _unsupported_record(
                            entry.absolute(), f"a hivatkozás (symlink) a bemeneti mappákon kívülre mutat ({target}); "
                                              "nem követi", read=False)
                for name in sorted(files):
                    entry = base / name
                    if name.startswith("~$") or name.casefold() in _SYSTEM_FILES:
                        continue  # Excel's lock file of an open workbook, or an operating system's file
                    if entry.is_symlink() and str(entry.absolute()) in others:
                        continue
                    if entry.is_file():
                        add_file(entry, explicit=False)
        elif p.is_file():
            add_file(p, explicit=True)
        else:
            others[str(p.absolute())] = _failed_record(str(p.absolute()), "a fájl vagy mappa nem található")
    return [found[k] for k in sorted(found)], [others[k] for k in sorted(others)]


def check_output_folder(inputs: list[str], out: Path, bag: bool) -> None:
    """Refuse an output folder that would take in the inputs: one that is an input folder or lies
    above one, and, when bagging, one that holds any input (a bag is all its folder)."""
    out = out.resolve()
    for raw in inputs:
        p = Path(raw)
        if not p.exists():
            continue
        rp = p.resolve()
        if p.is_dir() and _inside(rp, out):
            raise BatchError(f"a kimeneti mappa ({out}) nem lehet a bemeneti mappa ({rp}), és nem lehet fölötte: "
                             "a kimenetek a források közé kerülnének; adjon meg másik --out mappát")
        if bag and _inside(rp, out):
            raise BatchError(f"--bag: a kimeneti mappa ({out}) tartalmazza a bemenetet ({rp}); a BagIt-csomag a "
                             "mappa egészét foglalja magában; adjon meg másik --out mappát")


def assign_names(paths: list[Path], previous: dict[str, dict] | None = None) -> dict[str, str]:
    """Output base names: the file name without extension, unique (case-insensitively) across runs.

    An input converted before into the same folder keeps the name its manifest record has, and
    every name an earlier run used stays taken, so a later input with the same file name never
    overwrites an earlier input's outputs (it gets a short hash of its path instead).
    """
    previous = previous or {}
    reserved = {MANIFEST_JSON[:-5], "bagit", "data"}
    taken: set[str] = {r["name"].casefold() for r in previous.values() if isinstance(r.get("name"), str)}
    names: dict[str, str] = {}
    own: set[str] = set()  # names given to inputs of this run
    pending = []
    for p in sorted(paths, key=str):
        old = (previous.get(str(p)) or {}).get("name")
        if isinstance(old, str) and old and old.casefold() not in own and old.casefold() not in reserved:
            names[str(p)] = old
            own.add(old.casefold())
        else:
            pending.append(p)
    taken |= own
    for p in pending:
        base = p.stem.strip() or "hep"
        name = base
        if name.casefold() in taken or name.casefold() in reserved:
            digest = hashlib.sha1(str(p).encode()).hexdigest()
            name, n = f"{base}-{digest[:8]}", 2
            while name.casefold() in taken:
                name, n = f"{base}-{digest[:8]}-{n}", n + 1
        taken.add(name.casefold())
        names[str(p)] = name
    return names


def _failed_record(source: str, error: str | None, **extra) -> dict:
    rec = {"input": source, "size": None, "sha256": None, "name": None, "status": "failed", "error": error,
           "settlement": "", "ksh_code": "", "template_version": "", "catalog_version": "",
           "read_issues": 0, "validation": None, "outputs": {}, "seconds": 0.0}
    rec.update(extra)
    return rec


# -- one workbook (runs in a worker process) -------------------------------------------------------

def _unchanged(job: Job, sha: str) -> bool:
    prev = job.previous
    if job.force or not prev or prev.get("status") not in ("ok", "skipped") or prev.get("sha256") != sha:
        return False
    outs = prev.get("outputs") or {}
    if sorted(outs) != sorted(job.formats):
        return False
    for out in outs.values():
        p = Path(job.payload) / out["path"]
        if not p.is_file() or p.stat().st_size != out["size"] or sha256_file(p) != out["sha256"]:
            return False
    return True


def convert_one(job: Job) -> dict:
    """Convert one workbook; never raises (a failure is a record with status "failed")."""
    import resource

    t0 = time.perf_counter()
    src = Path(job.source)
    try:
        size = src.stat().st_size
        sha = sha256_file(src)
    except OSError as exc:
        return _failed_record(job.source, f"nem olvasható: {os_error_text(exc)}", name=job.name)
    except MemoryError as exc:
        return _failed_record(job.source, _reason(exc), name=job.name)
    rec = _failed_record(job.source, None, size=size, sha256=sha, name=job.name)
    try:
        if _unchanged(job, sha):
            rec = dict(job.previous, status="skipped", error=None, name=job.name)
            rec["seconds"] = round(time.perf_counter() - t0, 4)
            return rec
        rec.update(_convert(job, src, rec))
        rec["status"], rec["error"] = "ok", None
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # noqa: BLE001 — a bad file never stops the batch (a panic neither)
        rec["status"], rec["error"] = "failed", _reason(exc)
    rec["seconds"] = round(time.perf_counter() - t0, 4)
    rec["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return rec


def _reason(exc: BaseException) -> str:
    from ..export.json_doc import JsonDocumentError
    from ..export.pdf import PdfError
    from ..workbook.reader import HepReadError

    if isinstance(exc, HepReadError):
        return exc.message
    if isinstance(exc, JsonDocumentError):
        cells = getattr(exc, "cells", None)
        return "a JSON nem felel meg a sémának: " + "; ".join((cells or exc.errors)[:5])
    if isinstance(exc, PdfError):
        return str(exc)
    err = os_error_in(exc)
    if err is not None:
        return f"a kimenet nem írható: {os_error_text(err)}"
    if isinstance(exc, MemoryError) or "memória" in str(exc):
        limit = f" ({_WORKER_MEMORY_MB:g} MB; --max-memory)" if _WORKER_MEMORY_MB else ""
        return f"túllépte a memóriakorlátot{limit}; a feldolgozás leállt"
    return f"váratlan belső hiba ({type(exc).__name__}); részletek: HEP_XL_DEBUG=1"


def _output(path: Path, payload: Path) -> dict:
    return {"path": path.relative_to(payload).as_posix(), "size": path.stat().st_size, "sha256": sha256_file(path)}


def _convert(job: Job, src: Path, rec: dict) -> dict:
    from ..export.json_doc import JsonDocumentError, check_document, hep_to_dict, to_json_bytes, validation_summary
    from ..workbook.reader import read_workbook

    result = read_workbook(src)
    hep = result.hep
    validation = validation_summary(result) if job.validate else None
    payload = Path(job.payload)
    outputs = {}
    update = {"settlement": hep.settlement.name, "ksh_code": hep.settlement.ksh_code,
              "template_version": result.template_version, "catalog_version": hep.catalog_version,
              "read_issues": len(result.issues), "validation": validation}
    if result.issues:
        update["read_issue_cells"] = [f"{i.sheet}!{i.cell}: {i.message}" for i in result.issues[:50]]
    if "json" in job.formats:
        doc = hep_to_dict(hep, validation, template_version=result.template_version)
        try:
            check_document(doc, src)
        except JsonDocumentError as exc:
            from ..validate.text_cells import text_problems

            exc.cells = [f"{sheet}!{cell}: {message}" for sheet, cell, message in text_problems(result)]
            raise
        target = payload / f"{job.name}.json"
        with atomic_output(target) as tmp:
            tmp.write_bytes(to_json_bytes(doc))
        outputs["json"] = _output(target, payload)
    if "docx" in job.formats or "pdf" in job.formats:
        from ..export.docx_doc import write_docx

        if "docx" in job.formats:
            docx_path = write_docx(hep, payload / f"{job.name}.docx")
            outputs["docx"] = _output(docx_path, payload)
        if "pdf" in job.formats:
            from ..export.pdf import docx_to_pdfa

            with tempfile.TemporaryDirectory(prefix="hep-pdf-") as tmpdir:
                source_docx = (payload / f"{job.name}.docx" if "docx" in job.formats
                               else write_docx(hep, Path(tmpdir) / f"{job.name}.docx"))
                pdf = docx_to_pdfa(source_docx, payload / f"{job.name}.pdf")
            outputs["pdf"] = _output(pdf, payload)
    update["outputs"] = {f: outputs[f] for f in FORMATS if f in outputs}
    return update


# -- manifest -------------------------------------------------------------------------------------

CSV_COLUMNS = ("input", "size", "sha256", "status", "error", "settlement", "ksh_code", "template_version",
               "catalog_version", "read_issues", "validation_has_errors", "validation_errors",
               "validation_warnings", *(f"{f}_{k}" for f in FORMATS for k in ("path", "sha256")))


def manifest_rows(records: list[dict]) -> list[dict]:
    rows = []
    for r in records:
        v = r.get("validation") or {}
        counts = v.get("counts", {})
        row = {k: r.get(k) for k in CSV_COLUMNS if k in r}
        row.update({"validation_has_errors": v.get("has_errors", ""), "validation_errors": counts.get("error", ""),
                    "validation_warnings": counts.get("warning", "")})
        for f in FORMATS:
            out = (r.get("outputs") or {}).get(f) or {}
            row[f"{f}_path"] = out.get("path", "")
            row[f"{f}_sha256"] = out.get("sha256", "")
        rows.append({k: ("" if row.get(k) is None else row.get(k)) for k in CSV_COLUMNS})
    return rows


def write_manifest(payload: Path, records: list[dict], formats: tuple[str, ...]) -> None:
    import orjson

    from .. import __version__
    from ..export.schema import SCHEMA_VERSION

    ordered = sorted(records, key=lambda r: r["input"])
    summary = {s: sum(r["status"] == s for r in ordered) for s in STATUS_LABELS}
    doc = {"generator": f"hep_xl {__version__}", "json_schema_version": SCHEMA_VERSION,
           "written": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
           "formats": list(formats), "summary": summary, "items": ordered}
    with atomic_output(payload / MANIFEST_JSON) as tmp:
        tmp.write_bytes(orjson.dumps(doc, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE))
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
    w.writeheader()
    w.writerows(manifest_rows(ordered))
    with atomic_output(payload / MANIFEST_CSV) as tmp:
        tmp.write_text(buf.getvalue(), encoding="utf-8-sig")  # BOM: Excel opens it as UTF-8


def read_manifest(payload: Path) -> dict[str, dict]:
    import orjson

    p = payload / MANIFEST_JSON
    try:
        doc = orjson.loads(p.read_bytes())
        return {r["input"]: r for r in doc.get("items", []) if isinstance(r, dict) and "input" in r}
    except (OSError, orjson.JSONDecodeError, AttributeError, TypeError):
        return {}


# -- progress ---------------------------------------------------------------------------------------

class Progress:
    """A one-line bar on a terminal, plain log lines otherwise (CI logs, files)."""

    def __init__(self, total: int, stream=None):
        self.total, self.done, self.failed = total, 0, 0
        self.stream = stream or sys.stderr
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.t0 = time.perf_counter()

    def update(self, rec: dict) -> None:
        self.done += 1
        self.failed += rec["status"] == "failed"
        name = Path(rec["input"]).name
        if self.tty:
            width = 30
            filled = int(width * self.done / max(self.total, 1))
            rate = self.done / max(time.perf_counter() - self.t0, 1e-9)
            line = (f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} "
                    f"{rate:5.1f}/s hibás: {self.failed}  {name[:40]:<40}")
            self.stream.write(line)
            if self.done == self.total:
                self.stream.write("\n")
        else:
            extra = f": {rec['error']}" if rec["status"] in ("failed", "unsupported") else ""
            self.stream.write(f"[{self.done}/{self.total}] {STATUS_LABELS[rec['status']]}: {rec['input']}{extra}\n")
        self.stream.flush()


# -- the output folder's lock -------------------------------------------------------------------------

class FolderLock:
    """An exclusive lock on the output folder, held for the whole run; a second run waits.

    On Linux and macOS the folder itself is locked (``flock`` on its descriptor), so nothing is
    written into it; on Windows a lock file is."""

    held: int | None = None  # the descriptor, closed in worker processes (they must not hold the lock)

    def __init__(self, folder: Path, stream=None):
        self.folder = folder
        self.stream = stream or sys.stderr
        self.fd: int | None = None

    def __enter__(self) -> FolderLock:
        try:
            import fcntl
        except ImportError:
            fcntl = None
        if fcntl is not None:
            self.fd = os.open(self.folder, os.O_RDONLY)
            lock = lambda block: fcntl.flock(self.fd, fcntl.LOCK_EX | (0 if block else fcntl.LOCK_NB))  # noqa: E731
        else:  # Windows
            import msvcrt

            self.fd = os.open(self.folder / LOCK_FILE, os.O_RDWR | os.O_CREAT)
            lock = lambda block: msvcrt.locking(self.fd, msvcrt.LK_LOCK if block else msvcrt.LK_NBLCK, 1)  # noqa: E731
        try:
            lock(False)
        except OSError:
            self.stream.write(f"várakozás: a(z) {self.folder} mappába most egy másik hep-xl convert ír; "
                              "ez a futás utána folytatódik…\n")
            self.stream.flush()
            while True:
                try:
                    lock(True)
                    break
                except OSError:  # msvcrt gives up after 10 s: try again
                    time.sleep(0.5)
        FolderLock.held = self.fd
        return self

    def __exit__(self, *exc) -> None:
        FolderLock.held = None
        os.close(self.fd)  # closing releases the lock


# -- worker processes with limits -----------------------------------------------------------------------

def _die_with_parent() -> None:
    """A worker must not outlive a killed run (it would write into the folder the next run owns)."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass


_WORKER_MEMORY_MB: float | None = None  # set in a worker process: its memory limit


def _limit_memory(max_memory_mb: float) -> None:
    """Cap the worker's data memory (heap and anonymous mappings, RLIMIT_DATA): an allocation past
    it fails at once instead of taking the machine's memory."""
    global _WORKER_MEMORY_MB
    _WORKER_MEMORY_MB = max_memory_mb
    try:
        import resource

        limit = int(max_memory_mb * 1024 * 1024)
        _, hard = resource.getrlimit(resource.RLIMIT_DATA)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))
    except (ImportError, ValueError, OSError):
        pass  # Windows: the parent's check of the working set remains


def _worker_main(conn, parent: int, max_memory_mb: float) -> None:
    _die_with_parent()
    if os.getppid() != parent:  # the run was killed while this worker started
        os._exit(1)
    if FolderLock.held is not None:
        try:
            os.close(FolderLock.held)  # the lock belongs to the run, not to its workers
        except OSError:
            pass
    _ignore_sigint()
    _limit_memory(max_memory_mb)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            rec = convert_one(job)
        except BaseException as exc:  # noqa: BLE001 — even a failed record must reach the parent
            try:
                rec = _failed_record(job.source, _reason(exc), name=job.name)
            except BaseException:  # noqa: BLE001
                os._exit(1)  # nothing left to say it with: the parent records the death
        try:
            conn.send(rec)
        except BaseException:  # noqa: BLE001 — the parent is gone or the record cannot be sent
            os._exit(1)


def _rss_mb(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/statm", "rb") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)
    except (OSError, ValueError, IndexError, AttributeError):
        return None  # not Linux: only the time limit applies


def _death(exitcode: int | None) -> str:
    import signal

    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = str(-exitcode)
        return f"jelzés: {name}"
    return f"kilépési kód: {exitcode}"


class _Worker:
    def __init__(self, ctx, max_memory_mb: float):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, os.getpid(), max_memory_mb), daemon=True)
        self.proc.start()
        child.close()
        self.job: Job | None = None
        self.started = 0.0
        self.done = 0

    def give(self, job: Job) -> None:
        self.job, self.started = job, time.monotonic()
        self.conn.send(job)

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except (OSError, ValueError):
            pass
        self.proc.join(5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(5)
        self.conn.close()


def run_jobs(jobs: list[Job], n_workers: int, *, timeout: float, max_memory_mb: float, on_done) -> None:
    """Run ``jobs`` in ``n_workers`` worker processes, calling ``on_done(record)`` for each.

    A job whose worker dies (a crash, the kernel's out-of-memory killer), runs longer than
    ``timeout`` seconds or grows over ``max_memory_mb`` gets a failed record with the reason; its
    worker is replaced and the rest goes on. Workers are replaced after 400 jobs as well.
    """
    import multiprocessing as mp
    from collections import deque
    from multiprocessing.connection import wait

    ctx = mp.get_context("fork") if sys.platform.startswith("linux") else mp.get_context()
    todo = deque(jobs)
    workers = [_Worker(ctx, max_memory_mb) for _ in range(min(n_workers, len(jobs)))]
    busy: list[_Worker] = []
    try:
        for w in workers:
            if todo:
                w.give(todo.popleft())
                busy.append(w)
        while busy:
            ready = set(wait([w.conn for w in busy] + [w.proc.sentinel for w in busy], timeout=0.2))
            now = time.monotonic()
            for w in list(busy):
                rec = None
                if w.conn in ready:
                    try:
                        rec = w.conn.recv()
                    except (EOFError, OSError):
                        rec = None
                if rec is None:
                    reason = None
                    if w.proc.sentinel in ready or not w.proc.is_alive():
                        w.proc.join(1)
                        reason = (f"a feldolgozó folyamat váratlanul leállt ({_death(w.proc.exitcode)}; például "
                                  f"túllépte a memóriakorlátot ({max_memory_mb:g} MB; --max-memory), vagy elfogyott "
                                  "a gép memóriája); a munkafüzet valószínűleg hibás")
                    elif now - w.started > timeout:
                        reason = f"túllépte az időkorlátot ({timeout:g} s; --timeout); a feldolgozás leállt"
                    else:
                        rss = _rss_mb(w.proc.pid)
                        if rss is not None and rss > max_memory_mb:
                            reason = (f"túllépte a memóriakorlátot ({max_memory_mb:g} MB; --max-memory); "
                                      "a feldolgozás leállt")
                    if reason is None:
                        continue
                    w.kill()
                    remove_stale_temp_files(w.job.payload)  # what the stopped worker was writing
                    rec = _failed_record(w.job.source, reason, name=w.job.name)
                    try:
                        rec["size"], rec["sha256"] = os.path.getsize(w.job.source), sha256_file(w.job.source)
                    except OSError:
                        pass
                    busy.remove(w)
                    workers.remove(w)
                    w = _Worker(ctx, max_memory_mb)
                    workers.append(w)
                else:
                    busy.remove(w)
                    w.done += 1
                    if w.done >= 400:  # a fresh process now and then: no slow growth over thousands of files
                        w.stop()
                        workers.remove(w)
                        w = _Worker(ctx, max_memory_mb)
                        workers.append(w)
                on_done(rec)
                if todo:
                    job = todo.popleft()
                    try:
                        w.give(job)
                    except (OSError, ValueError):  # the worker died after its last record: a new one
                        w.kill()
                        workers.remove(w)
                        w = _Worker(ctx, max_memory_mb)
                        workers.append(w)
                        w.give(job)
                    busy.append(w)
    finally:
        for w in workers:
            if w in busy:
                w.kill()
            else:
                w.stop()


# -- the batch --------------------------------------------------------------------------------------

def _is_bag(folder: Path) -> bool:
    return (folder / "bagit.txt").is_file()


def _check_new_bag_folder(out: Path) -> None:
    """A new bag is made only in an empty or new folder: bagging moves nothing, so whatever is
    there would stay outside the bag's payload (and bagit would have moved it, sources included)."""
    if not out.is_dir() or _is_bag(out):
        return
    ours = temp_name_pattern()
    extra = sorted(p.name for p in out.iterdir() if p.name != LOCK_FILE and not ours.match(p.name))
    if extra:
        shown = ", ".join(extra[:5]) + (" …" if len(extra) > 5 else "")
        raise BatchError(f"--bag: a kimeneti mappa ({out}) nem üres és nem BagIt-csomag ({shown}); a program semmit "
                         "nem mozgat el, ezért új BagIt-csomag csak üres vagy új --out mappába készül")


def run_batch(inputs: list[str], out_dir: str | os.PathLike, formats: tuple[str, ...] = ("json", "docx"), *,
              jobs: int | None = None, force: bool = False, bag: bool = False, organization: str = "",
              validate: bool = True, progress_stream=None, timeout: float = limits.ITEM_TIMEOUT_SECONDS,
              max_memory_mb: float = limits.WORKER_MAX_MEMORY_MB, whole_batch=None) -> BatchResult:
    """``whole_batch(payload, records, jobs) -> str``, if given, makes outputs from the whole batch
    (``hep-xl convert`` passes the overview's) after the manifest and before the bag."""
    out = Path(out_dir).absolute()
    check_output_folder(inputs, out, bag or _is_bag(out))
    if bag:
        _check_new_bag_folder(out)  # before anything is written (again once the folder is locked)
    out.mkdir(parents=True, exist_ok=True)
    with FolderLock(out, progress_stream):
        return _run_locked(inputs, out, formats, jobs=jobs, force=force, bag=bag, organization=organization,
                           validate=validate, progress_stream=progress_stream, timeout=timeout,
                           max_memory_mb=max_memory_mb, whole_batch=whole_batch)


def _run_locked(inputs, out: Path, formats, *, jobs, force, bag, organization, validate, progress_stream,
                timeout, max_memory_mb, whole_batch) -> BatchResult:
    bagged = _is_bag(out)
    if bag:
        check_output_folder(inputs, out, True)
        _check_new_bag_folder(out)
    remove_stale_temp_files(out)  # left by a killed run (tag files of a bag, or the payload)
    bagging = bag or bagged
    payload = out / "data" if bagging else out
    payload.mkdir(parents=True, exist_ok=True)
    remove_stale_temp_files(payload)
    paths, others = collect_inputs(inputs, exclude=out)
    previous = read_manifest(payload)
    names = assign_names(paths, previous)
    job_list = [Job(str(p), names[str(p)], formats, str(payload), previous.get(str(p)), force, validate)
                for p in paths]
    result = BatchResult(list(others), out, payload)
    # inputs of earlier runs that are not part of this one stay listed (the folder still holds their outputs)
    current = {str(p) for p in paths} | {r["input"] for r in others}
    kept = [r for k, r in previous.items() if k not in current]
    progress = Progress(len(job_list) + len(others), progress_stream)
    for r in others:
        progress.update(r)
    n_jobs = max(1, min(jobs or os.cpu_count() or 1, len(job_list) or 1))
    done: list[dict] = []
    last_write = [time.perf_counter()]

    def finished(rec: dict) -> None:
        done.append(rec)
        progress.update(rec)
        # keep the manifest current (an interrupted run resumes from it), at most once a second
        if time.perf_counter() - last_write[0] >= 1.0:
            write_manifest(payload, kept + result.records + done, formats)
            last_write[0] = time.perf_counter()

    completed = False
    try:
        if job_list:
            _warm_up(formats, validate)  # forked workers inherit imports, catalog and compiled schema
            run_jobs(job_list, n_jobs, timeout=timeout, max_memory_mb=max_memory_mb, on_done=finished)
        completed = True
    finally:
        result.records.extend(done)
        if not completed:
            # workers stopped before they finished cannot remove their temporary files
            remove_stale_temp_files(payload)
        write_manifest(payload, kept + result.records, formats)
    if whole_batch is not None:
        result.whole_batch_note = whole_batch(payload, kept + result.records, n_jobs)
    if bagging:
        # a bag whose payload changed must get fresh manifests and Payload-Oxum, --bag or not
        produced = {f for r in kept + result.records for f in (r.get("outputs") or {})}
        write_bag(out, organization=organization, n_items=len(kept) + len(result.records),
                  formats=tuple(f for f in FORMATS if f in produced) or formats)
    return result


def _ignore_sigint() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _warm_up(formats: tuple[str, ...], validate: bool) -> None:
    from ..catalog import load_catalog
    from ..export import json_doc
    from ..workbook import reader  # noqa: F401

    cat = load_catalog()
    json_doc._fast_validator(cat.version)
    if validate:
        try:
            from .. import validate as _v  # noqa: F401
        except ImportError:
            pass
    if "docx" in formats or "pdf" in formats:
        from ..export import docx_doc  # noqa: F401


# -- BagIt (RFC 8493) ---------------------------------------------------------------------------------

FORMAT_LABELS = {"json": "JSON", "docx": "Word", "pdf": "PDF/A"}
_HASHES = ("sha256", "sha512", "sha1", "md5")  # sha256 always; the others when an existing bag has them


def _bag_path(rel: str) -> str:
    """A path as a manifest line writes it (RFC 8493 2.1.3: CR, LF and % percent-encoded)."""
    return rel.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _read_tag_file(path: Path) -> list[tuple[str, str]]:
    """Label–value pairs of a tag file (bag-info.txt), continuation lines joined."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    items: list[tuple[str, str]] = []
    for line in text.splitlines():
        if line[:1] in (" ", "\t") and items:
            label, value = items[-1]
            items[-1] = (label, f"{value} {line.strip()}")
        elif ":" in line:
            label, _, value = line.partition(":")
            items.append((label.strip(), value.strip()))
    return items


def _digests(files: list[Path], algorithms: tuple[str, ...]) -> dict[Path, dict[str, str]]:
    out = {}
    for f in files:
        hs = {a: hashlib.new(a) for a in algorithms}
        with open(f, "rb") as fh:
            while chunk := fh.read(1 << 20):
                for h in hs.values():
                    h.update(chunk)
        out[f] = {a: h.hexdigest() for a, h in hs.items()}
    return out


def write_bag(out: Path, *, organization: str = "", n_items: int = 0, formats: tuple[str, ...] = FORMATS) -> None:
    """Make ``out`` (whose payload is already in ``out/data``) a BagIt bag, or refresh the one it is.

    Nothing is moved. Each tag file is written whole (``atomic_output``): the payload manifests
    first, then bag-info.txt, the tag manifests, and ``bagit.txt`` last for a new bag, so a killed
    run leaves either the previous bag or no bag, and the next run writes the tag files again."""
    from .. import __version__

    data = out / "data"
    ours = temp_name_pattern()
    files = sorted(p for p in data.rglob("*") if p.is_file() and not p.is_symlink() and not ours.match(p.name))
    existing = tuple(a for a in _HASHES[1:] if (out / f"manifest-{a}.txt").is_file())
    algorithms = ("sha256", *existing)
    digests = _digests(files, algorithms)
    for a in algorithms:
        lines = "".join(f"{digests[f][a]}  {_bag_path(f.relative_to(out).as_posix())}\n" for f in files)
        with atomic_output(out / f"manifest-{a}.txt") as tmp:
            tmp.write_text(lines, encoding="utf-8")
    info = [(k, v) for k, v in _read_tag_file(out / "bag-info.txt")
            if k not in ("Bagging-Date", "Payload-Oxum", "External-Description", "Bag-Software-Agent")
            and not (k == "Source-Organization" and organization)]
    kinds = ", ".join(FORMAT_LABELS[f] for f in FORMATS if f in formats)
    if organization:
        info.insert(0, ("Source-Organization", organization))
    elif not any(k == "Source-Organization" for k, _ in info):
        info.insert(0, ("Source-Organization", "ismeretlen (adja meg: --organization)"))
    info += [("Bagging-Date", dt.date.today().isoformat()),
             ("External-Description", f"Helyi Esélyegyenlőségi Programok archív konverziója ({n_items} tétel; "
                                      f"{kinds}; manifest.json)"),
             ("Bag-Software-Agent", f"hep_xl {__version__}"),
             ("Payload-Oxum", f"{sum(f.stat().st_size for f in files)}.{len(files)}")]
    with atomic_output(out / "bag-info.txt") as tmp:
        tmp.write_text("".join(f"{k}: {' '.join(str(v).split())}\n" for k, v in info), encoding="utf-8")
    tag_files = ["bag-info.txt", *(f"manifest-{a}.txt" for a in algorithms)]
    # bagit.txt is written last (its rename makes the folder a bag); the tag manifests, which name
    # it, are written while its new content waits under a temporary name
    with atomic_output(out / "bagit.txt") as declaration:
        declaration.write_text("BagIt-Version: 0.97\nTag-File-Character-Encoding: UTF-8\n", encoding="utf-8")
        for a in algorithms:
            lines = [f"{_digests([declaration], (a,))[declaration][a]}  bagit.txt\n"]
            lines += [f"{_digests([out / n], (a,))[out / n][a]}  {n}\n" for n in tag_files]
            with atomic_output(out / f"tagmanifest-{a}.txt") as tmp:
                tmp.write_text("".join(lines), encoding="utf-8")


def summary_table(result: BatchResult) -> str:
    lines = ["", f"{'Állapot':<24}{'Darab':>6}", "-" * 30]
    for s, label in STATUS_LABELS.items():
        lines.append(f"{label:<24}{result.count(s):>6}")
    lines.append("-" * 30)
    lines.append(f"{'összesen':<24}{len(result.records):>6}")
    errs = sum(1 for r in result.records if (r.get("validation") or {}).get("has_errors"))
    if errs:
        lines.append(f"{errs} munkafüzetben az ellenőrzés hibát talált (részletek: manifest.json, validation)")
    issues = sum(1 for r in result.records if r.get("read_issues"))
    if issues:
        lines.append(f"{issues} munkafüzetben vannak nem olvasható értékek (read_issues; kimaradtak a kimenetből)")
    if result.failed:
        lines.append("")
        lines.append("Hibás fájlok:")
        for r in result.failed:
            lines.append(f"  {r['input']}: {r['error']}")
    if result.unsupported:
        lines.append("")
        lines.append("Nem konvertált fájlok (a manifestben is szerepelnek):")
        for r in result.unsupported:
            lines.append(f"  {r['input']}: {r['error']}")
    lines.append("")
    lines.append(f"Kimenet: {result.payload} ({MANIFEST_JSON}, {MANIFEST_CSV})")
    if result.whole_batch_note:
        lines.append(result.whole_batch_note)
    return "\n".join(lines)
