"""Batch conversion of HEP workbooks for archiving: JSON, Word, PDF/A; manifest; BagIt.

* inputs are files or folders (searched recursively for ``.xlsx``/``.xlsm``); sources are only
  read (python-calamine opens them read-only) and never modified;
* every output is written under a temporary name and renamed atomically (``atomic_output``);
* two inputs that would get the same output name (``a/falu.xlsx`` and ``b/falu.xlsm``) get
  distinct names (the later one a short hash of its path), also across runs into the same folder:
  an input keeps the name its manifest record has, and names used before stay taken;
* a bad file never stops the batch: it is recorded with its reason, and the run exits 1;
* an interrupted run (Ctrl+C) writes the manifest of what is done and leaves no temporary files;
  a run also removes those a killed run left;
* ``manifest.json`` and ``manifest.csv`` list every input (path, size, SHA-256, settlement,
  template version, validation summary, outputs with SHA-256, status, error); the manifest is
  rewritten as items finish (at most once a second) and at the end, so an interrupted run
  resumes: an input whose SHA-256 and outputs are unchanged is skipped (``--force`` redoes it);
* ``--bag`` turns the output folder into a BagIt bag (RFC 8493) with SHA-256 manifests; a run into
  a folder that is already a bag refreshes it (with or without ``--bag``), keeping its bag-info.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import os
import re
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..files import atomic_output

FORMATS = ("json", "docx", "pdf")
MANIFEST_JSON, MANIFEST_CSV = "manifest.json", "manifest.csv"
STATUS_LABELS = {"ok": "kész", "skipped": "változatlan, kihagyva", "failed": "hibás"}


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

    def count(self, status: str) -> int:
        return sum(r["status"] == status for r in self.records)


# -- inputs ---------------------------------------------------------------------------------------

def collect_inputs(inputs: list[str], exclude: Path | None = None) -> tuple[list[Path], list[dict]]:
    """Workbook files from files and folders (recursive); missing paths become failed records."""
    found: dict[str, Path] = {}
    missing: list[dict] = []
    excl = exclude.resolve() if exclude else None
    for raw in inputs:
        p = Path(raw)
        if p.is_dir():
            candidates = sorted(x for x in p.rglob("*") if x.suffix.lower() in (".xlsx", ".xlsm") and x.is_file())
        elif p.is_file():
            candidates = [p]
        else:
            missing.append(_failed_record(str(p.absolute()), "a fájl vagy mappa nem található"))
            continue
        for c in candidates:
            if c.name.startswith("~$"):
                continue  # Excel's lock file of an open workbook
            rc = c.resolve()
            if excl and (rc == excl or excl in rc.parents):
                if not p.is_dir():  # named explicitly: say why it is not converted
                    missing.append(_failed_record(str(rc), "a kimeneti mappában (--out) van; nem konvertálható "
                                                           "oda, ahová a kimenetek kerülnek"))
                continue
            found.setdefault(str(rc), rc)
    return [found[k] for k in sorted(found)], missing


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


def _failed_record(source: str, error: str, **extra) -> dict:
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
        return _failed_record(job.source, f"nem olvasható: {exc.strerror or exc}", name=job.name)
    rec = _failed_record(job.source, None, size=size, sha256=sha, name=job.name)
    try:
        if _unchanged(job, sha):
            rec = dict(job.previous, status="skipped", error=None, name=job.name)
            rec["seconds"] = round(time.perf_counter() - t0, 4)
            return rec
        rec.update(_convert(job, src, rec))
        rec["status"], rec["error"] = "ok", None
    except Exception as exc:  # noqa: BLE001 — a bad file never stops the batch
        rec["status"], rec["error"] = "failed", _reason(exc)
    rec["seconds"] = round(time.perf_counter() - t0, 4)
    rec["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return rec


def _reason(exc: Exception) -> str:
    from ..export.json_doc import JsonDocumentError
    from ..export.pdf import PdfError
    from ..workbook.reader import HepReadError

    if isinstance(exc, HepReadError):
        return exc.message
    if isinstance(exc, JsonDocumentError):
        return "a JSON nem felel meg a sémának: " + "; ".join(exc.errors[:5])
    if isinstance(exc, PdfError):
        return str(exc)
    return f"váratlan hiba ({type(exc).__name__}: {exc})"


def _output(path: Path, payload: Path) -> dict:
    return {"path": path.relative_to(payload).as_posix(), "size": path.stat().st_size, "sha256": sha256_file(path)}


def _convert(job: Job, src: Path, rec: dict) -> dict:
    from ..export.json_doc import check_document, hep_to_dict, to_json_bytes, validation_summary
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
        check_document(doc, src)
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
           "written": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
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
            extra = f": {rec['error']}" if rec["status"] == "failed" else ""
            self.stream.write(f"[{self.done}/{self.total}] {STATUS_LABELS[rec['status']]}: {rec['input']}{extra}\n")
        self.stream.flush()


# -- the batch --------------------------------------------------------------------------------------

def run_batch(inputs: list[str], out_dir: str | os.PathLike, formats: tuple[str, ...] = ("json", "docx"), *,
              jobs: int | None = None, force: bool = False, bag: bool = False,
              organization: str = "", validate: bool = True, progress_stream=None,
              whole_batch=None) -> BatchResult:
    """``whole_batch(payload, records, jobs) -> str``, if given, makes outputs from the whole batch
    (``hep-xl convert`` passes the overview's) after the manifest and before the bag."""
    out = Path(out_dir).absolute()
    out.mkdir(parents=True, exist_ok=True)
    bagged = (out / "bagit.txt").is_file()
    payload = out / "data" if bagged else out
    payload.mkdir(parents=True, exist_ok=True)
    remove_stale_temp_files(payload)  # left by an interrupted run; they must not end up in a bag
    paths, missing = collect_inputs(inputs, exclude=out)
    previous = read_manifest(payload)
    names = assign_names(paths, previous)
    job_list = [Job(str(p), names[str(p)], formats, str(payload), previous.get(str(p)), force, validate)
                for p in paths]
    result = BatchResult(list(missing), out, payload)
    # inputs of earlier runs that are not part of this one stay listed (the folder still holds their outputs)
    current = {str(p) for p in paths} | {r["input"] for r in missing}
    kept = [r for k, r in previous.items() if k not in current]
    progress = Progress(len(job_list) + len(missing), progress_stream)
    for r in missing:
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
        if n_jobs == 1:
            for job in job_list:
                finished(convert_one(job))
        else:
            import multiprocessing as mp

            ctx = mp.get_context("fork") if sys.platform.startswith("linux") else mp.get_context()
            if ctx.get_start_method() == "fork":
                _warm_up(formats, validate)  # forked workers inherit imports, catalog and compiled schema
            chunk = max(1, min(4, len(job_list) // (n_jobs * 8)))
            # workers ignore Ctrl+C (the terminal sends it to the whole process group): the parent
            # alone handles it, stops the pool and writes the manifest of what is done
            with ctx.Pool(n_jobs, initializer=_ignore_sigint, maxtasksperchild=400) as pool:
                for rec in pool.imap_unordered(convert_one, job_list, chunksize=chunk):
                    finished(rec)
        completed = True
    finally:
        result.records.extend(done)
        if not completed:
            # workers stopped by the pool's terminate() cannot remove their temporary files
            remove_stale_temp_files(payload)
        write_manifest(payload, kept + result.records, formats)
    if whole_batch is not None:
        result.whole_batch_note = whole_batch(payload, kept + result.records, n_jobs)
    if bag or bagged:
        # a bag whose payload changed must get fresh manifests and Payload-Oxum, --bag or not
        produced = {f for r in kept + result.records for f in (r.get("outputs") or {})}
        make_bag(out, organization=organization, n_items=len(kept) + len(result.records), processes=n_jobs,
                 formats=tuple(f for f in FORMATS if f in produced) or formats)
    return result


def _ignore_sigint() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


_OUR_TEMP = re.compile(r"^\..+\.(json|docx|pdf|csv)\.[A-Za-z0-9_]+\.tmp$")


def remove_stale_temp_files(payload: Path) -> list[Path]:
    """Delete the temporary files ``atomic_output`` leaves when a run is killed (``.falu.json.x1y2.tmp``)."""
    removed = []
    try:
        entries = list(payload.iterdir())
    except OSError:
        return removed
    for p in entries:
        if _OUR_TEMP.match(p.name) and p.is_file() and not p.is_symlink():
            try:
                p.unlink()
                removed.append(p)
            except FileNotFoundError:
                pass
    return removed


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


FORMAT_LABELS = {"json": "JSON", "docx": "Word", "pdf": "PDF/A"}


def make_bag(out: Path, *, organization: str = "", n_items: int = 0, processes: int = 1,
             formats: tuple[str, ...] = FORMATS) -> None:
    """Make ``out`` a BagIt bag (or refresh the manifests of an existing one, keeping its bag-info)."""
    import bagit

    kinds = ", ".join(FORMAT_LABELS[f] for f in FORMATS if f in formats)
    info = {"External-Description": f"Helyi Esélyegyenlőségi Programok archív konverziója ({n_items} tétel; "
                                    f"{kinds}; manifest.json)",
            "Bagging-Date": dt.date.today().isoformat()}
    if organization:
        info["Source-Organization"] = organization
    if (out / "bagit.txt").is_file():
        b = bagit.Bag(str(out))
        b.info.update(info)
        b.info.setdefault("Source-Organization", "ismeretlen (adja meg: --organization)")
        b.save(processes=processes, manifests=True)
    else:
        info.setdefault("Source-Organization", "ismeretlen (adja meg: --organization)")
        bagit.make_bag(str(out), bag_info=info, processes=processes, checksums=["sha256"])


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
    lines.append("")
    lines.append(f"Kimenet: {result.payload} ({MANIFEST_JSON}, {MANIFEST_CSV})")
    if result.whole_batch_note:
        lines.append(result.whole_batch_note)
    return "\n".join(lines)
