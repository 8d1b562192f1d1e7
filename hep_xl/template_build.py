"""Regenerate the committed blank templates in ``workbook_template/``.

Run ``make template`` (or ``python -m hep_xl.template_build``) after changing the catalog, the layout
or the writer; a test fails while the committed templates differ from what this writes.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

from .workbook.writer import blank_hep, write_workbook

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "workbook_template"
TEMPLATE_START_YEAR = 2025
TEMPLATES = {"hep_sablon.xlsx": TEMPLATE_START_YEAR}


def build_templates(folder: Path = TEMPLATE_DIR) -> list[Path]:
    out = []
    for name, start in TEMPLATES.items():
        out.append(write_workbook(blank_hep("", "", start), folder / name, reproducible=True))
    return out


def parts(path: Path) -> dict[str, bytes]:
    """The package parts of an .xlsx, for comparing templates regardless of zip metadata."""
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in sorted(zf.namelist())}


if __name__ == "__main__":
    for p in build_templates(Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATE_DIR):
        print(p)
