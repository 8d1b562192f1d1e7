"""How tall a row must be to show its wrapped text, as Excel lays it out.

Neither Excel nor LibreOffice fits a row to wrapped text when it opens a file that gives no height,
so the writer gives every row the height its text needs — written as Excel writes an auto-fitted
row (a height without ``customHeight``), so that Excel grows the row again when the clerk types
more. The widths are Calibri's (``calibri_widths.json``, measured from the metric-compatible
Carlito); text wraps at spaces, a word longer than the cell is broken, as Excel does.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

MAX_ROW_HEIGHT = 409.0  # Excel's limit, in points
PADDING_PX = 7  # the cell's inner margins, left and right, at 96 dpi
INDENT_PX = 9  # one indent level


@lru_cache(maxsize=1)
def _widths() -> dict:
    return json.loads(Path(__file__).with_name("calibri_widths.json").read_text(encoding="utf-8"))


def text_px(text: str, size: float = 10, bold: bool = False) -> float:
    """The width of ``text`` in pixels at 96 dpi."""
    data = _widths()
    table = data["bold" if bold else "regular"]
    default = table["n"]
    units = sum(table.get(ch, default) for ch in text)
    return units / data["units_per_em"] * size * 96 / 72


def column_px(width: float) -> int:
    """An Excel column width (characters of Calibri 11's digit) in pixels."""
    return int(width * 7 + 0.5) + 5 if width >= 1 else int(width * 12 + 0.5)


def line_count(text: str, width: float, size: float = 10, bold: bool = False, indent: int = 0) -> int:
    """The lines ``text`` takes in a wrapped cell of column width ``width``."""
    room = max(column_px(width) - PADDING_PX - indent * INDENT_PX, 8)
    space = text_px(" ", size, bold)
    lines = 0
    for paragraph in str(text).split("\n"):
        lines += 1
        used = 0.0
        for word in paragraph.split(" "):
            w = text_px(word, size, bold)
            if used and used + space + w <= room:
                used += space + w
                continue
            if used:
                lines += 1
            while w > room:  # a word longer than the cell is broken where it reaches the edge
                lines += 1
                w -= room
            used = w
    return lines


def line_height(size: float = 10) -> float:
    """The height in points of one line of Calibri at ``size`` points (as Excel sizes rows)."""
    return round(size * 1.275 * 4) / 4


def row_height(cells: list[tuple[str, float, float, bool, int]]) -> float | None:
    """The height (points) a row needs for its wrapped cells ``(text, column width, size, bold,
    indent)``; None when one line of the default height is enough."""
    need = 0.0
    lines_needed = 1
    for text, width, size, bold, indent in cells:
        if not text:
            continue
        n = line_count(text, width, size, bold, indent)
        lines_needed = max(lines_needed, n)
        need = max(need, n * line_height(size) + 2.25)
    if lines_needed <= 1 and need <= 15:
        return None
    return min(need, MAX_ROW_HEIGHT)
