"""LibreOffice headless rendering for tests: a document or workbook to PDF, then its text and page count."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
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
