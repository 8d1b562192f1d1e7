"""LibreOffice headless rendering for tests: a document or workbook to PDF, then its text and page count."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path


def convert(source: Path, outdir: Path, target: str = "pdf", timeout: int = 180) -> Path:
    """Convert with LibreOffice headless and a throw-away profile (parallel runs must not share one).

    ``target`` is what ``--convert-to`` takes, e.g. "pdf" or "xlsx:Calc MS Excel 2007 XML"."""
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        proc = subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--convert-to", target, "--outdir", str(outdir), str(source)],
            capture_output=True, text=True, timeout=timeout)
    out = outdir / f"{source.stem}.{target.split(':')[0]}"
    assert out.exists(), f"LibreOffice did not convert {source.name}: {proc.stdout} {proc.stderr}"
    return out


def to_pdf(source: Path, outdir: Path, timeout: int = 180) -> Path:
    return convert(source, outdir, "pdf", timeout)


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def page_count(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


def have_pdftools() -> bool:
    return all(shutil.which(t) for t in ("soffice", "pdftotext", "pdfinfo"))


def convert_many(sources: list[Path], outdir: Path, target: str = "pdf", timeout: int = 300,
                 profile_xcu: str | None = None) -> list[Path]:
    """Convert several files in one LibreOffice run (one start-up); ``profile_xcu`` is the text of a
    ``registrymodifications.xcu`` for the throw-away profile (e.g. a locale)."""
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        if profile_xcu:
            (Path(profile) / "user").mkdir(parents=True)
            (Path(profile) / "user" / "registrymodifications.xcu").write_text(profile_xcu, encoding="utf-8")
        proc = subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--convert-to", target, "--outdir", str(outdir), *map(str, sources)],
            capture_output=True, text=True, timeout=timeout)
    outs = [outdir / f"{s.stem}.{target.split(':')[0]}" for s in sources]
    if target.startswith("csv"):
        return outs
    missing = [o for o in outs if not o.exists()]
    assert not missing, f"LibreOffice did not convert {missing}: {proc.stdout} {proc.stderr}"
    return outs


def locale_xcu(locale: str) -> str:
    """A LibreOffice profile setting whose locale (number formats: separators) is ``locale``."""
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
            'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            '<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse">'
            f"<value>{locale}</value></prop></item></oor:items>\n")


@dataclass
class Word:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass
class Page:
    number: int
    width: float
    height: float
    words: list[Word]
    header: str = ""  # the words in the top margin
    footer: str = ""  # the words in the bottom margin
    body: list[Word] = field(default_factory=list)


MARGIN_BAND = 45.0  # points: the header and footer live above / below this band


def pdf_pages(pdf: Path) -> list[Page]:
    """Every page's words with their boxes (``pdftotext -bbox``), split into header, body, footer."""
    from xml.etree import ElementTree as ET

    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    xml = re.sub(r"<!DOCTYPE[^>]*>", "", xml).replace(' xmlns="http://www.w3.org/1999/xhtml"', "")
    pages = []
    for n, p in enumerate(ET.fromstring(xml).iter("page"), start=1):
        h = float(p.get("height"))
        words = [Word(float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax")), float(w.get("yMax")),
                      w.text or "") for w in p.iter("word")]
        page = Page(n, float(p.get("width")), h, words)
        page.header = " ".join(w.text for w in words if w.y1 < MARGIN_BAND)
        page.footer = " ".join(w.text for w in words if w.y0 > h - MARGIN_BAND)
        page.body = [w for w in words if w.y0 >= MARGIN_BAND and w.y1 <= h - MARGIN_BAND]
        pages.append(page)
    return pages


def pages_by_sheet(pages: list[Page], sheet_names) -> dict[str, list[Page]]:
    """The pages of each sheet, known by the sheet's name in the page header (the longest that fits)."""
    names = sorted(sheet_names, key=len, reverse=True)
    out: dict[str, list[Page]] = {}
    for page in pages:
        name = next((s for s in names if s in page.header), None)
        assert name is not None, f"page {page.number}: no sheet name in its header {page.header!r}"
        out.setdefault(name, []).append(page)
    return out


def median_glyph_height(pages: list[Page]) -> float:
    import statistics

    heights = [w.height for p in pages for w in p.body]
    return statistics.median(heights) if heights else 0.0
