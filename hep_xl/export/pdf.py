"""PDF/A-2b from the Word document, through LibreOffice's UNO API.

A plain ``soffice --convert-to pdf`` prints the table of contents as the Word document holds it:
headings without page numbers (Word fills them in when it opens the file). So the conversion is
done by :mod:`.lo_convert`, run by a Python that has LibreOffice's ``uno`` module (Debian:
``apt-get install python3-uno``; on Windows and macOS the Python inside LibreOffice), which updates
the indexes and fields before it exports.

Each run uses its own throw-away LibreOffice profile (``-env:UserInstallation``): a shared profile
breaks when several conversions run at once. The PDF version is selected explicitly
(``SelectPdfVersion`` = 2, PDF/A-2b); because LibreOffice silently ignores a malformed option, the
result is checked for the PDF/A-2 identification in its XMP metadata.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
from functools import cache
from pathlib import Path

from ..files import atomic_output

_PART = re.compile(rb'pdfaid:part(?:="|>)\s*(\d)')
_SCRIPT = Path(__file__).with_name("lo_convert.py")
_INSTALL_UNO = ("Debian/Ubuntu: apt-get install python3-uno; Windows és macOS: a LibreOffice saját Pythonja "
                "(a program mappában) tartalmazza")


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


def _has_uno(python: str) -> bool:
    try:
        return subprocess.run([python, "-c", "import uno"], capture_output=True, timeout=60,
                              stdin=subprocess.DEVNULL).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


@cache
def uno_python(soffice: str) -> str | None:
    """A Python interpreter that can ``import uno``: this one, LibreOffice's own (beside
    ``soffice``), or the system's python3 (Debian's python3-uno); None when there is none."""
    if importlib.util.find_spec("uno") is not None:
        return sys.executable
    program = Path(os.path.realpath(soffice)).parent
    candidates = [program / "python", program / "python.exe", program.parent / "Resources" / "python"]
    candidates += [Path(p) for p in (shutil.which("python3"), "/usr/bin/python3") if p]
    for c in dict.fromkeys(candidates):
        if c.is_file() and os.access(c, os.X_OK) and _has_uno(str(c)):
            return str(c)
    return None


def docx_to_pdfa(src: str | os.PathLike, dest: str | os.PathLike, *, timeout: float = 300) -> Path:
    """Convert ``src`` (.docx) to PDF/A-2b at ``dest`` (atomically), fields and indexes updated."""
    soffice = soffice_path()
    if soffice is None:
        raise PdfError("a PDF/A készítéséhez LibreOffice szükséges (soffice parancs), de nincs telepítve; "
                       "Debian/Ubuntu: apt-get install libreoffice-writer-nogui python3-uno", missing_soffice=True)
    python = uno_python(soffice)
    if python is None:
        raise PdfError("a PDF/A tartalomjegyzékének oldalszámaihoz a LibreOffice UNO felülete szükséges "
                       f"(Python „uno” modul), de nem található; {_INSTALL_UNO}", missing_soffice=True)
    src = Path(src).resolve()
    with tempfile.TemporaryDirectory(prefix="hep-lo-") as tmp:
        profile = (Path(tmp) / "profile").as_uri()
        produced = Path(tmp) / (src.stem + ".pdf")
        try:
            proc = subprocess.run([python, str(_SCRIPT), soffice, str(src), str(produced), profile],
                                  capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise PdfError(f"{src}: a LibreOffice nem végzett {timeout:.0f} másodperc alatt") from None
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
