"""Write a :class:`~.plan.FillPlan` into a workbook file with openpyxl, atomically.

Only the cells the plan names are touched (found by the reader through the Excel table, so rows or
columns the clerk inserted are respected); styles, validation, tables, defined names and, for
.xlsm, the VBA project are kept. The file is replaced in one rename, or left as it was.
"""

from __future__ import annotations

import datetime as dt
import os

from ..workbook.edit import edit_workbook, set_text
from ..workbook.reader import HepReadError, read_workbook
from .plan import FillPlan, plan_fill


def apply_to_file(path: str | os.PathLike, plan: FillPlan) -> int:
    """Write the plan's values and provenance into ``path``; returns the number of cells written."""
    writes = plan.writes()
    if not writes:
        return 0
    with edit_workbook(path) as wb:
        for ref, value in writes:
            if ref.sheet not in wb.sheetnames:
                raise HepReadError(path, f"hiányzik a(z) „{ref.sheet}” munkalap")
            cell = wb[ref.sheet][ref.cell]
            if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
                value = dt.datetime(value.year, value.month, value.day)
                fmt = cell.number_format
                cell.value = value
                if fmt and fmt != "General":
                    cell.number_format = fmt  # keep the template's date format
                continue
            set_text(cell, value)  # a source or note beginning with "=" stays text
    return len(writes)


def fill_workbook(path: str | os.PathLike, datafiles: list, overwrite: bool = False, dry_run: bool = False,
                  today: dt.date | None = None) -> FillPlan:
    """Read the workbook, plan the fill from ``datafiles`` and (unless ``dry_run``) write it."""
    result = read_workbook(path)
    plan = plan_fill(result, datafiles, overwrite=overwrite, today=today)
    if not dry_run:
        apply_to_file(path, plan)
    return plan
