"""Build a workbook file from a model: picks .xlsx or the macro-enabled .xlsm by file name."""

from __future__ import annotations

import os
from pathlib import Path

from ..model import Hep
from .writer import WriteOptions, blank_hep, write_workbook


def write_any(hep: Hep, path: str | os.PathLike) -> Path:
    """Write ``hep`` to ``path``; a ``.xlsm`` name gets the VBA project and the HEP ribbon."""
    target = Path(path)
    options = None
    if target.suffix.lower() == ".xlsm":
        from ..excel.xlsm import xlsm_options  # issue 6: ribbon + VBA project

        options = xlsm_options()
    return write_workbook(hep, target, options=options or WriteOptions())


def build_new(path: str | os.PathLike, *, settlement: str, ksh_code: str, start_year: int,
              history_years: int = 5, catalog_version: str | None = None) -> Path:
    return write_any(blank_hep(settlement, ksh_code, start_year, history_years, catalog_version), path)
