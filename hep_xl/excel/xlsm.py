"""The macro-enabled workbook: VBA project (xlwings + ribbon callbacks), HEP ribbon, xlwings.conf.

:func:`xlsm_options` is what :func:`hep_xl.excel.build.write_any` uses for ``.xlsm`` names;
:func:`write_xlsm` writes a model straight to a ``.xlsm`` (e.g. for ``make demo``).
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from ..workbook import layout as L
from ..workbook.writer import WriteOptions

CONF_SHEET = "xlwings.conf"  # the sheet name xlwings.bas reads: PROJECT_NAME & ".conf"
# Settings keys as xlwings' own settings sheet spells them (xlwings upper-cases them on reading).
INTERPRETER_KEY = "Interpreter_Win"
CONDA_PATH_KEY = "Conda Path"
CONDA_ENV_KEY = "Conda Env"
# Rows of the settings sheet, contiguous from A1 (xlwings reads A1 down to the first blank cell;
# a blank row inside or trailing formatted rows break its ribbon with error 62). Only settings we
# set are there: an empty row would hide the user's own xlwings config (an empty Interpreter_Win
# hides the INTERPRETER_WIN of ``xlwings config create``), and xlwings' own settings sheet says to
# delete a row to fall back. ``hep-xl install`` adds Interpreter_Win (and the conda rows) below.
CONF_ROWS: tuple[tuple[str, object], ...] = (
    ("Show Console", False),
)


def sheet_count() -> int:
    """Worksheets the writer creates, plus the settings sheet (each gets a VBA document module)."""
    return len(dataclasses.fields(L.SHEETS)) + 1


def _conf_sheet_step(wb, writer) -> None:
    ws = wb.add_worksheet(CONF_SHEET)
    for r, (key, value) in enumerate(CONF_ROWS):
        ws.write_string(r, 0, key)
        if isinstance(value, bool):
            ws.write_boolean(r, 1, value)
        else:
            ws.write_string(r, 1, str(value))
    ws.set_column(0, 0, 22)
    ws.set_column(1, 1, 60)
    ws.hide()


def xlsm_options() -> WriteOptions:
    from .ribbon import GROUPS, add_ribbon
    from .vba import vba_project_path

    # xlsxwriter cannot add customUI parts: the ribbon goes into the finished zip before the rename;
    # the guide sheet tells where each button is
    return WriteOptions(vba_project=vba_project_path(sheet_count()), vba_codename="ThisWorkbook",
                        extra_steps=[_conf_sheet_step], after_close=[add_ribbon],
                        ribbon=tuple((g.label, b.id, b.label, b.supertip) for g in GROUPS for b in g.buttons))


def write_xlsm(hep, path: str | os.PathLike) -> Path:
    """Write ``hep`` as a macro-enabled HEP workbook with the HEP ribbon (``path`` ends in .xlsm)."""
    from ..workbook.writer import write_workbook

    target = Path(path)
    if target.suffix.lower() != ".xlsm":
        raise ValueError(f"{target}: .xlsm kiterjesztés kell")
    return write_workbook(hep, target, options=xlsm_options())
