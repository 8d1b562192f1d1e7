"""Build a workbook file from a model: a plain ``.xlsx``, or by its name the macro-enabled ``.xlsm``
with the VBA project and the HEP ribbon. Lives above the workbook layer (which writes the sheets and
knows nothing of macros) because it picks between the two."""

from __future__ import annotations

import os
from pathlib import Path

from ..model import Hep
from ..workbook.writer import WriteOptions, blank_hep, write_workbook


def write_any(hep: Hep, path: str | os.PathLike) -> Path:
    """Write ``hep`` to ``path``; a ``.xlsm`` name gets the VBA project and the HEP ribbon."""
    target = Path(path)
    options = WriteOptions()
    if target.suffix.lower() == ".xlsm":
        from .xlsm import xlsm_options  # the VBA project is built (or taken from its cache) only here

        options = xlsm_options()
    return write_workbook(hep, target, options=options)


def build_new(path: str | os.PathLike, *, settlement: str, ksh_code: str, start_year: int,
              history_years: int = 5, catalog_version: str | None = None) -> Path:
    return write_any(blank_hep(settlement, ksh_code, start_year, history_years, catalog_version), path)
