"""Building an overview: read and validate every workbook (in parallel, like ``convert``), compare
the key indicators across the set, write the pages and the Excel workbook.

Every file appears whole or not at all (``atomic_output``); the settlement pages are written into
a fresh folder that replaces the previous one, and ``index.html`` is written last, so a reader never
finds a summary that links to pages of another run.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..files import _umask, atomic_output
from .compare import compare, require_extra
from .entry import Entry, Unreadable, summarize

INDEX, COMPARE_PAGE, XLSX = "index.html", "osszehasonlitas.html", "attekintes.xlsx"


@dataclass
class OverviewResult:
    entries: list[Entry]
    unreadable: list[Unreadable]
    out_dir: Path
    files: list[Path] = field(default_factory=list)


def summarize_file(job: tuple[str, dt.date]) -> Entry | Unreadable:
    """Read, validate and summarise one workbook; never raises (a failure is an :class:`Unreadable`)."""
    from ..validate import validate
    from ..workbook.reader import HepReadError, read_workbook

    path, reference_date = job
    try:
        result = read_workbook(path)
        report = validate(result)
        return summarize(result.hep, report, path, reference_date, template_version=result.template_version)
    except HepReadError as exc:
        return Unreadable(path, exc.message)
    except OSError as exc:
        return Unreadable(path, f"nem olvasható: {exc.strerror or exc}")
    except Exception as exc:  # noqa: BLE001 — one bad file never stops the overview
        return Unreadable(path, f"váratlan hiba ({type(exc).__name__}: {exc})")


def summarize_files(paths: list[str], reference_date: dt.date, *, jobs: int | None = None,
                    progress_stream=None) -> list[Entry | Unreadable]:
    """:func:`summarize_file` for every path, in the order given, on all cores by default."""
    from ..convert.batch import Progress

    progress = Progress(len(paths), progress_stream)
    work = [(p, reference_date) for p in paths]
    n_jobs = max(1, min(jobs or os.cpu_count() or 1, len(work) or 1))
    out = []

    def done(item):
        out.append(item)
        bad = isinstance(item, Unreadable)
        progress.update({"input": item.source, "status": "failed" if bad else "ok",
                         "error": item.reason if bad else None})

    if n_jobs == 1:
        for job in work:
            done(summarize_file(job))
        return out
    import multiprocessing as mp

    ctx = mp.get_context("fork") if sys.platform.startswith("linux") else mp.get_context()
    if ctx.get_start_method() == "fork":
        _warm_up()
    chunk = max(1, min(8, len(work) // (n_jobs * 8)))
    with ctx.Pool(n_jobs) as pool:
        for item in pool.imap(summarize_file, work, chunksize=chunk):
            done(item)
    return out


def _warm_up() -> None:
    """Imports and the catalog loaded once in the parent, so forked workers start warm."""
    from ..catalog import load_catalog
    from ..export import docx_doc  # noqa: F401  (number and date formatting)
    from ..validate import validate  # noqa: F401
    from ..workbook import reader  # noqa: F401

    load_catalog()


def build_overview(inputs: list[str], out_dir: str | os.PathLike, *, reference_date: dt.date | None = None,
                   jobs: int | None = None, progress_stream=None) -> OverviewResult:
    """The overview of the workbooks in ``inputs`` (files or folders, searched recursively)."""
    from ..convert.batch import collect_inputs

    require_extra()
    out = Path(out_dir).absolute()
    reference_date = reference_date or dt.date.today()
    paths, missing = collect_inputs(inputs, exclude=out)
    if not paths and not missing:
        return OverviewResult([], [], out)  # nothing to show: nothing is written
    items = summarize_files([str(p) for p in paths], reference_date, jobs=jobs, progress_stream=progress_stream)
    entries = [i for i in items if isinstance(i, Entry)]
    unreadable = [Unreadable(r["input"], r["error"]) for r in missing] + [i for i in items if isinstance(i, Unreadable)]
    if not entries:
        return OverviewResult([], unreadable, out)  # no settlement to show: nothing is written
    return write_overview(entries, unreadable, out, reference_date=reference_date, jobs=jobs)


def foreign_outputs(out_dir: str | os.PathLike) -> list[Path]:
    """The names an overview writes (index.html, osszehasonlitas.html, attekintes.xlsx, the pages'
    and the assets' folders) that ``out_dir`` already holds when no overview wrote them: [] for a new
    folder, a folder without those names, or an earlier overview's (its index.html says hep_xl made it)."""
    from .html import ASSETS_DIR, PAGES_DIR

    out = Path(out_dir)
    present = [out / n for n in (INDEX, COMPARE_PAGE, XLSX, PAGES_DIR, ASSETS_DIR)
               if (out / n).exists() or (out / n).is_symlink()]
    return [] if not present or _made_by_us(out / INDEX) else present


def _made_by_us(index: Path) -> bool:
    try:
        with open(index, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    return b'<meta name="generator" content="hep_xl ' in head


def page_names(entries: list[Entry]) -> list[str]:
    """A file name per settlement page: the settlement's name in ASCII, unique in the set."""
    taken: set[str] = set()
    names = []
    for e in entries:
        base = _slug(e.name) or _slug(Path(e.source).stem) or "telepules"
        name, n = base, 2
        while name in taken:
            name, n = f"{base}-{n}", n + 1
        taken.add(name)
        names.append(f"{name}.html")
    return names


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60]


def write_overview(entries: list[Entry], unreadable: list[Unreadable], out_dir: Path, *,
                   reference_date: dt.date, outputs: dict[str, dict[str, str]] | None = None,
                   generated: dt.datetime | None = None, jobs: int | None = None) -> OverviewResult:
    """Write the page set and ``attekintes.xlsx`` for ``entries`` into ``out_dir``.

    ``outputs`` (from ``convert``) maps a workbook to its archived files (format -> path relative
    to ``out_dir``), which its page links to.
    """
    from .. import __version__
    from ..catalog import load_catalog
    from .html import ASSETS, PAGES_DIR, Renderer, asset_text, sort_text
    from .xlsx import write_xlsx

    pd = require_extra()  # noqa: F841  (a clear message before anything is written)
    out = Path(out_dir).absolute()
    out.mkdir(parents=True, exist_ok=True)
    entries = sorted(entries, key=lambda e: (sort_text(e.name), e.source))
    unreadable = sorted(unreadable, key=lambda u: u.source)
    for e, name in zip(entries, page_names(entries)):
        e.page = f"{PAGES_DIR}/{name}"
        e.outputs = dict((outputs or {}).get(e.source, {}))
    cat = load_catalog(entries[0].catalog_version) if entries else load_catalog()
    comparison = compare(entries, cat.key_indicators)
    sources = sorted({e.identity.source for e in entries})
    meta = {"generator": f"hep_xl {__version__}", "generated": generated or dt.datetime.now(),
            "reference_date": reference_date, "count": len(entries), "catalog_title": cat.short_title,
            "key_title": cat.key_indicators_title, "key_source": cat.key_indicators_source,
            "identity_sources": "; ".join(sources) or "–"}
    inputs = [e.source for e in entries] + [u.source for u in unreadable]
    root = Path(os.path.commonpath(inputs)).parent if inputs else None
    renderer = Renderer(entries, comparison, meta, out, root)

    written = []
    for kind, rel in ASSETS.items():
        with atomic_output(out / rel) as tmp:
            tmp.write_text(asset_text(kind), encoding="utf-8")
    remove_stale_temp_files(out)
    pages = Path(tempfile.mkdtemp(prefix=f".{PAGES_DIR}.", dir=out))
    try:
        _write_pages(renderer, pages, jobs)
        os.chmod(pages, 0o777 & ~_umask())
        _replace_dir(pages, out / PAGES_DIR)
    except BaseException:
        shutil.rmtree(pages, ignore_errors=True)
        raise
    with atomic_output(out / COMPARE_PAGE) as tmp:
        tmp.write_text(renderer.compare(), encoding="utf-8")
    with atomic_output(out / XLSX) as tmp:
        write_xlsx(tmp, entries, comparison, meta, out)
    with atomic_output(out / INDEX) as tmp:
        tmp.write_text(renderer.index(unreadable), encoding="utf-8")
    written += [out / INDEX, out / COMPARE_PAGE, out / XLSX]
    return OverviewResult(entries, unreadable, out, written)


_OUR_TEMP = re.compile(rf"^\.({re.escape(INDEX)}|{re.escape(COMPARE_PAGE)}|{re.escape(XLSX)}|attekintes\.(css|js))"
                       r"\..+\.tmp$")


def remove_stale_temp_files(out: Path) -> None:
    """What a killed run left: temporary files of our outputs, half-written page folders."""
    from .html import ASSETS_DIR

    for folder in (out, out / ASSETS_DIR):
        try:
            entries = list(folder.iterdir())
        except OSError:
            continue
        for p in entries:
            if p.is_symlink():
                continue
            if _OUR_TEMP.match(p.name) and p.is_file():
                p.unlink(missing_ok=True)
            elif folder == out and p.name.startswith(".telepulesek.") and p.is_dir():
                shutil.rmtree(p, ignore_errors=True)


_FORKED: dict = {}  # what forked page writers inherit (the renderer and the folder), set just before the fork


def _write_pages(renderer, folder: Path, jobs: int | None) -> None:
    """The settlement pages, on all cores where processes fork (they inherit the renderer)."""
    n = len(renderer.entries)
    n_jobs = max(1, min(jobs or os.cpu_count() or 1, n // 20 or 1))
    if n_jobs == 1 or not sys.platform.startswith("linux"):
        _write_page_range(renderer, folder, range(n))
        return
    import multiprocessing as mp

    _FORKED.update(renderer=renderer, folder=folder)
    try:
        with mp.get_context("fork").Pool(n_jobs) as pool:
            pool.map(_forked_pages, [range(k, n, n_jobs) for k in range(n_jobs)])
    finally:
        _FORKED.clear()


def _forked_pages(indices: range) -> None:
    _write_page_range(_FORKED["renderer"], _FORKED["folder"], indices)


def _write_page_range(renderer, folder: Path, indices) -> None:
    for k in indices:
        (folder / Path(renderer.entries[k].page).name).write_text(renderer.settlement(k), encoding="utf-8")


def _replace_dir(new: Path, target: Path) -> None:
    """Put the folder ``new`` where ``target`` is, removing the old one after the swap."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=target.parent))
        os.replace(target, old / target.name)
    os.replace(new, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
