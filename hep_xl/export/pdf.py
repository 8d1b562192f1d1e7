"""PDF/A-2b from the Word document, through LibreOffice headless.

Each run uses its own throw-away LibreOffice profile (``-env:UserInstallation``): a shared profile
breaks when several conversions run at once. The PDF version is selected with an explicit filter
option string (``SelectPdfVersion`` = 2, i.e. PDF/A-2b); because LibreOffice silently ignores a
malformed option, the result is checked for the PDF/A-2 identification in its XMP metadata.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..files import atomic_output

PDFA2_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
_PART = re.compile(rb'pdfaid:part(?:="|>)\s*(\d)')


class PdfError(Exception):
    """PDF conversion failed; the message is Hungarian."""

    def __init__(self, message: str, missing_soffice: bool = False):
        super().__init__(message)
        self.missing_soffice = missing_soffice


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def pdfa_part(data: bytes) -> int | None:
    """The PDF/A part declared in the XMP metadata (2 for PDF/A-2b), or None."""
    m = _PART.search(data)
    return int(m.group(1)) if m else None


def docx_to_pdfa(src: str | os.PathLike, dest: str | os.PathLike, *, timeout: float = 300) -> Path:
    """Convert ``src`` (.docx) to PDF/A-2b at ``dest`` (atomically)."""
    soffice = soffice_path()
    if soffice is None:
        raise PdfError("a PDF/A készítéséhez LibreOffice szükséges (soffice parancs), de nincs telepítve; "
                       "Debian/Ubuntu: apt-get install libreoffice-writer-nogui", missing_soffice=True)
    src = Path(src).resolve()
    with tempfile.TemporaryDirectory(prefix="hep-lo-") as tmp:
        profile = Path(tmp) / "profile"
        outdir = Path(tmp) / "out"
        cmd = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--nologo",
               "--nodefault", "--nolockcheck", "--convert-to", PDFA2_FILTER, "--outdir", str(outdir), str(src)]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                                  stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise PdfError(f"{src}: a LibreOffice nem végzett {timeout:.0f} másodperc alatt") from None
        produced = outdir / (src.stem + ".pdf")
        if proc.returncode != 0 or not produced.is_file() or produced.stat().st_size == 0:
            detail = (proc.stderr or proc.stdout or "").strip().splitlines()[-1:] or [""]
            raise PdfError(f"{src}: a LibreOffice nem készített PDF-et (kilépési kód {proc.returncode}) "
                           f"{detail[0]}".strip())
        data = produced.read_bytes()
        if pdfa_part(data) != 2:
            raise PdfError(f"{src}: a LibreOffice nem PDF/A-2 dokumentumot írt (a SelectPdfVersion beállítást "
                           "figyelmen kívül hagyta?)")
        target = Path(dest)
        with atomic_output(target) as out:
            out.write_bytes(data)
    return target
