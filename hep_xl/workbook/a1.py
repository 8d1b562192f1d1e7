"""A1 cell references <-> 0-based (row, column), without importing a spreadsheet library.

The reader sits on the ``hep-xl validate`` start-up path, where importing xlsxwriter or openpyxl
just for these two conversions would cost more than reading the workbook.
"""

from __future__ import annotations

import re

_A1 = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")


def column_letters(col: int) -> str:
    """0-based column index -> letters (0 -> A, 25 -> Z, 26 -> AA)."""
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def to_a1(row: int, col: int) -> str:
    """0-based (row, col) -> "B4"."""
    return f"{column_letters(col)}{row + 1}"


def from_a1(ref: str) -> tuple[int, int]:
    """"B4" or "$B$4" -> 0-based (row, col)."""
    m = _A1.match(ref.strip())
    if not m:
        raise ValueError(f"not an A1 reference: {ref!r}")
    col = 0
    for ch in m.group(1).upper():
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)) - 1, col - 1


def sheet_ref(sheet: str) -> str:
    """A sheet name quoted for a formula, hyperlink or defined name (inner quotes doubled)."""
    return "'" + sheet.replace("'", "''") + "'"
