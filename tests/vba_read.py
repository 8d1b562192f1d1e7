"""The VBA modules of a macro workbook or a vbaProject.bin, read back with olevba (oletools)."""

from __future__ import annotations

from pathlib import Path

from oletools.olevba import VBA_Parser


def _modules(parser: VBA_Parser) -> dict[str, str]:
    try:
        return {Path(name).stem: code for _, _, name, code in parser.extract_macros()}
    finally:
        parser.close()


def vba_modules(path: Path) -> dict[str, str]:
    """Module name -> source code."""
    return _modules(VBA_Parser(str(path)))


def vba_modules_from_bytes(data: bytes, name: str = "vbaProject.bin") -> dict[str, str]:
    """The same for a vbaProject.bin (or workbook) held in memory."""
    return _modules(VBA_Parser(name, data=data))
