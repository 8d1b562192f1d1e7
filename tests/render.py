"""LibreOffice headless rendering for tests: a document or workbook to PDF, then its text and page count."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path


def to_pdf(source: Path, outdir: Path, timeout: int = 180) -> Path:
    """Convert with a throw-away LibreOffice profile (parallel runs must not share one)."""
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        proc = subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--convert-to", "pdf", "--outdir", str(outdir), str(source)],
            capture_output=True, text=True, timeout=timeout)
    pdf = outdir / (source.stem + ".pdf")
    assert pdf.exists(), f"LibreOffice did not render {source.name}: {proc.stdout} {proc.stderr}"
    return pdf


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def page_count(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


def have_pdftools() -> bool:
    return all(shutil.which(t) for t in ("soffice", "pdftotext", "pdfinfo"))
