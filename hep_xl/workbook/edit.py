"""Edit a clerk's workbook file in place with openpyxl: open, change a few cells, save atomically.

The one place hep_xl rewrites an existing workbook (``hep-xl fill``, ``hep-xl validate
--write-back``, ``hep-xl install``). What openpyxl would lose is put back here:

* a ``.xlsm`` keeps its VBA project (``keep_vba``);
* the HEP ribbon stays linked: openpyxl copies the ``customUI/customUI14.xml`` part but writes the
  package relationships without it, so the HEP tab would silently disappear;
* the file keeps its permissions (``atomic_output``), and is replaced in one rename or not at all.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Iterator

from ..files import atomic_output
from .reader import HepReadError


class WorkbookEditError(HepReadError):
    """The workbook cannot be opened or saved for editing (Hungarian message)."""


@contextlib.contextmanager
def edit_workbook(path: str | os.PathLike) -> Iterator["openpyxl.Workbook"]:  # noqa: F821
    """Yield the workbook at ``path`` opened with openpyxl; save it back when the block succeeds.

    If the block raises, nothing is written and the file stays as it was.
    """
    import openpyxl

    p = Path(path)
    macro = p.suffix.lower() == ".xlsm"
    if p.is_file() and not p.stat().st_mode & 0o222:  # marked read-only: the rename would bypass it
        raise WorkbookEditError(p, "a munkafüzet írásvédett; szüntesse meg az írásvédelmet, és futtassa újra")
    try:
        wb = openpyxl.load_workbook(p, keep_vba=macro, keep_links=True, rich_text=True)
    except Exception as exc:  # noqa: BLE001 — any load failure is "cannot open" for the user
        raise WorkbookEditError(p, f"a munkafüzet nem nyitható meg írásra: {exc}") from None
    try:
        yield wb
        try:
            with atomic_output(p) as tmp:
                wb.save(tmp)
                if macro:
                    from ..excel.ribbon import relink_ribbon

                    relink_ribbon(tmp)
        except OSError as exc:
            raise WorkbookEditError(p, f"a munkafüzet nem írható (nyitva van Excelben?): {exc}") from None
    finally:
        wb.close()
