"""The HEP as a Word document a council can adopt: :func:`write_docx` (and :func:`build_document`).

The document follows the catalog's document frame (``document.json``: the common structure of the
HEP template, not the decree) with the decree's Annex 2 and Annex 3 in their places; what it
contains and how it is laid out is described in :mod:`.word.builder` (the parts), :mod:`.word.ooxml`
(tables and pages), :mod:`.word.styles` and :mod:`.word.package` (the .docx package and its
properties); the charts come from :mod:`.figures`, the Hungarian forms from :mod:`.hungarian`.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..model import Hep
from .hungarian import NBSP, format_date, format_number
from .word.ooxml import clean_text
from .word.package import build_document, build_report, save_document


def write_docx(hep: Hep, path: str | os.PathLike) -> Path:
    """Write the Word document of ``hep`` atomically; returns the path."""
    return save_document(build_document(hep), path)


REPORT_SUFFIX = "_beszamolo"  # the report beside the workbook: peldafalva.xlsx -> peldafalva_beszamolo.docx


def report_path(workbook: str | os.PathLike) -> Path:
    """Where the implementation report of ``workbook`` goes by default (the CLI and the ribbon)."""
    path = Path(workbook)
    return path.with_name(path.stem + REPORT_SUFFIX + ".docx")


def write_report(hep: Hep, path: str | os.PathLike, year: int | None = None) -> Path:
    """Write the implementation report of ``hep`` (up to ``year``) atomically; returns the path."""
    return save_document(build_report(hep, year), path)


__all__ = ["build_document", "build_report", "write_docx", "write_report", "report_path", "format_number",
           "format_date", "clean_text", "NBSP"]
