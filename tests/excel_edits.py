"""Edit a workbook file the way a clerk does in Excel, with openpyxl.

openpyxl's ``insert_rows``/``insert_cols`` move cells but not the tables and defined names that
Excel moves with them; these helpers do both, so tests see what Excel would save.
"""

from __future__ import annotations

import re

from openpyxl.utils.cell import column_index_from_string, get_column_letter, range_boundaries
from openpyxl.worksheet.table import TableColumn

_CELL = re.compile(r"(\$?)([A-Z]{1,3})(\$?)(\d+)")


def _shift_ref(ref: str, *, row_at: int | None = None, col_at: int | None = None, n: int = 1) -> str:
    def repl(m: re.Match) -> str:
        col, row = column_index_from_string(m.group(2)), int(m.group(4))
        if row_at is not None and row >= row_at:
            row += n
        if col_at is not None and col >= col_at:
            col += n
        return f"{m.group(1)}{get_column_letter(col)}{m.group(3)}{row}"

    return _CELL.sub(repl, ref)


def _grow_or_shift(ref: str, *, row_at=None, col_at=None, n=1) -> str:
    """A range containing the insertion point grows; one below/right of it moves."""
    min_col, min_row, max_col, max_row = range_boundaries(ref)
    if row_at is not None:
        if min_row >= row_at:
            min_row += n
        if max_row >= row_at:
            max_row += n
    if col_at is not None:
        if min_col >= col_at:
            min_col += n
        if max_col >= col_at:
            max_col += n
    return f"{get_column_letter(min_col)}{min_row}:{get_column_letter(max_col)}{max_row}"


def insert_rows(wb, sheet_name: str, row: int, n: int = 1) -> None:
    """Insert ``n`` rows before 1-based ``row`` as Excel does (tables and names follow)."""
    ws = wb[sheet_name]
    ws.insert_rows(row, n)
    for table in ws.tables.values():
        table.ref = _grow_or_shift(table.ref, row_at=row, n=n)
        if table.autoFilter is not None:
            table.autoFilter.ref = table.ref
    _shift_names(wb, sheet_name, row_at=row, n=n)


def insert_table_column(wb, sheet_name: str, table_name: str, col_letter: str, header: str) -> None:
    """Insert a sheet column before ``col_letter`` inside a table, with a new header (Excel's way)."""
    ws = wb[sheet_name]
    col = column_index_from_string(col_letter)
    ws.insert_cols(col)
    for table in ws.tables.values():
        min_col, min_row, max_col, _ = range_boundaries(table.ref)
        inside = min_col <= col <= max_col
        table.ref = _grow_or_shift(table.ref, col_at=col)
        if table.autoFilter is not None:
            table.autoFilter.ref = table.ref
        if inside and table.name == table_name:
            pos = col - min_col
            next_id = max(c.id for c in table.tableColumns) + 1
            table.tableColumns.insert(pos, TableColumn(id=next_id, name=header))
            ws.cell(row=min_row, column=col, value=header)
    _shift_names(wb, sheet_name, col_at=col)


def _shift_names(wb, sheet_name: str, **shift) -> None:
    quoted = "'" + sheet_name.replace("'", "''") + "'"
    for name in list(wb.defined_names.values()):
        text = name.attr_text
        if text.startswith((quoted + "!", sheet_name + "!")):
            sheet_part, ref = text.split("!", 1)
            name.attr_text = f"{sheet_part}!{_shift_ref(ref, **shift)}"
