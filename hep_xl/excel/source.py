"""Read a live workbook through the xlwings API: a :class:`WorkbookSource` for the reader.

Only calls that both xlwings engines implement are used — the classic COM engine in desktop
Excel and the remote engine the tests drive on Linux: ``book.sheets``, ``book.names``
(``name``/``refers_to``), ``sheet.used_range.last_cell``, ``sheet.range(...).value``,
``sheet.tables`` (``name``, ``range``). Each sheet's values are fetched in one call and cached;
tables are located by their range and cut out of those values, so a whole read costs a handful of
round trips to Excel.
"""

from __future__ import annotations

from ..workbook.reader import TableData, WorkbookSource


class XlwingsSource(WorkbookSource):
    def __init__(self, book):
        self.book = book
        self.path = book.fullname
        self._sheets = {s.name: s for s in book.sheets}
        self.sheet_names = set(self._sheets)
        self.defined_names = {}
        for n in book.names:
            name = n.name
            if "!" in name:  # sheet-scoped: the file reader ignores those too
                continue
            try:
                ref = n.refers_to
            except Exception:  # noqa: BLE001 — a name Excel cannot express as a reference
                continue
            if ref:
                self.defined_names[name] = ref.lstrip("=")
        self.date1904 = _date1904(book)
        self._rows: dict[str, list[list]] = {}
        self._tables: dict[str, tuple[str, object]] | None = None

    def sheet_rows(self, sheet: str) -> list[list]:
        rows = self._rows.get(sheet)
        if rows is None:
            sht = self._sheets[sheet]
            last = sht.used_range.last_cell
            values = sht.range((1, 1), (last.row, last.column)).options(ndim=2).value
            rows = self._rows[sheet] = [list(r) for r in values]
        return rows

    def cell(self, sheet: str, row: int, col: int):
        rows = self.sheet_rows(sheet)
        return rows[row][col] if row < len(rows) and col < len(rows[row]) else None

    def _table_index(self) -> dict[str, tuple[str, object]]:
        if self._tables is None:
            self._tables = {}
            for name, sht in self._sheets.items():
                for t in sht.tables:
                    self._tables[t.name] = (name, t)
        return self._tables

    def table(self, name: str) -> TableData | None:
        found = self._table_index().get(name)
        if found is None:
            return None
        sheet, t = found
        rng = t.range
        top, left = rng.row - 1, rng.column - 1
        bottom, right = rng.last_cell.row - 1, rng.last_cell.column - 1
        rows = self.sheet_rows(sheet)

        def row_values(r: int) -> list:
            src = rows[r] if r < len(rows) else []
            return [src[c] if c < len(src) else None for c in range(left, right + 1)]

        headers = row_values(top)
        body = [row_values(r) for r in range(top + 1, bottom + 1)]
        return TableData(name, sheet, top + 1, left, headers, body)


def _date1904(book) -> bool:
    try:
        return bool(book.api.Date1904)  # COM (desktop Excel)
    except Exception:  # noqa: BLE001 — remote engine: dates arrive as ISO text, no epoch needed
        return False
