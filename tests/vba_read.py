"""The VBA modules of a macro workbook or a vbaProject.bin, read back with olevba (oletools)."""

from __future__ import annotations

from pathlib import Path

from oletools.olevba import VBA_Parser


def vba_modules(path: Path) -> dict[str, str]:
    """Module name -> source code."""
    parser = VBA_Parser(str(path))
    try:
        return {Path(name).stem: code for _, _, name, code in parser.extract_macros()}
    finally:
        parser.close()
