"""The cells of the workbook: their formats and the height of the rows their text needs.

:class:`Formats` holds the writer's cell formats and remembers what each does to text (size, bold,
indent, wrap); :class:`Sheet` wraps an xlsxwriter worksheet, remembers the column widths and the
texts written, and gives every row the height its wrapped text needs (:mod:`.textfit`) when the
sheet is finished: neither Excel nor LibreOffice fits rows to wrapped text when it opens a file.
:func:`auto_heights` then writes those heights as Excel writes auto-fitted ones (no
``customHeight``), so Excel grows a row again when the clerk types more.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import xlsxwriter

from ..catalog import ValueRule
from . import layout as L
from .keep import rewrite_parts
from .textfit import row_height

DATE_FORMAT = "yyyy.mm.dd"
FONT = {"font_name": "Calibri", "font_size": 10, "valign": "top"}


@dataclass(frozen=True)
class TextLook:
    size: float
    bold: bool
    indent: int
    wrap: bool


class Formats:
    def __init__(self, wb: xlsxwriter.Workbook):
        self.wb = wb
        self._cache: dict[tuple, object] = {}
        self._looks: dict[int, TextLook] = {}  # what a format does to text: for the row heights
        base = FONT
        add = self._add
        self.title = add({**base, "bold": True, "font_size": 14})
        self.title_wrap = add({**base, "bold": True, "font_size": 14, "text_wrap": True})
        self.subtitle = add({**base, "bold": True, "font_size": 11})
        self.label = add({**base, "text_wrap": True, "bg_color": L.LABEL_FILL})
        self.label_bold = add({**base, "bold": True, "text_wrap": True, "bg_color": L.LABEL_FILL})
        self.label_indent = add({**base, "text_wrap": True, "bg_color": L.LABEL_FILL, "indent": 1})
        self.label_muted = add({**base, "text_wrap": True, "bg_color": L.LABEL_FILL, "indent": 2,
                                          "font_color": "#404040"})
        self.heading = add({**base, "bold": True, "text_wrap": True, "bg_color": L.HEADING_FILL})
        self.text = add({**base, "text_wrap": True})
        self.plain = add(dict(base))
        self.bold = add({**base, "bold": True})
        self.input = add({**base, "text_wrap": True, "locked": False, "bg_color": L.INPUT_FILL})
        self.input_text = add({**base, "text_wrap": True, "locked": False,
                                         "bg_color": L.INPUT_FILL, "num_format": "@"})
        self.input_int = add({**base, "locked": False, "bg_color": L.INPUT_FILL, "num_format": "0"})
        self.input_year = add({**base, "locked": False, "bg_color": L.INPUT_FILL, "num_format": "0", "align": "left"})
        self.input_count = add({**base, "locked": False, "bg_color": L.INPUT_FILL, "num_format": "#,##0",
                                "align": "left"})
        self.input_date = add({**base, "locked": False, "bg_color": L.INPUT_FILL,
                                         "num_format": DATE_FORMAT, "align": "left"})
        self.header = add({**base, "bold": True, "text_wrap": True, "bg_color": "#D9E2F3",
                                     "border": 1})
        self.small = add({**base, "italic": True, "font_color": "#595959", "text_wrap": True})
        self.note = add({**base, "italic": True, "font_color": "#595959"})
        self.note_wrap = add({**base, "italic": True, "font_color": "#595959", "text_wrap": True})
        self.percent = add({**base, "num_format": "0%"})
        self.link = add({**base, "font_color": "#0563C1", "underline": 1})
        self.required = add({"border": 1, "border_color": L.REQUIRED_BORDER})
        self.no_data = add({"font_color": L.NO_DATA_FONT, "italic": True})

    def _add(self, props: dict):
        fmt = self.wb.add_format(props)
        self._looks[id(fmt)] = TextLook(props.get("font_size", 11), bool(props.get("bold")),
                                         int(props.get("indent", 0)), bool(props.get("text_wrap")))
        return fmt

    def look(self, fmt) -> TextLook | None:
        return self._looks.get(id(fmt))

    def value(self, rule: ValueRule):
        """An indicator value cell: an input in the number format of its series kind."""
        key = ("value", rule.number_format)
        if key not in self._cache:
            self._cache[key] = self._add({**FONT, "locked": False, "bg_color": L.INPUT_FILL,
                                          "num_format": rule.number_format})
        return self._cache[key]

    def swatch(self, props: dict):
        key = ("swatch", tuple(sorted(props.items())))
        if key not in self._cache:
            self._cache[key] = self._add({**FONT, "text_wrap": True, **props})
        return self._cache[key]


class Sheet:
    """An xlsxwriter worksheet that remembers its column widths and the texts written, so that each
    row gets the height its wrapped text needs (:mod:`.textfit`) when the sheet is finished."""

    def __init__(self, ws, formats: Formats):
        self._ws = ws
        self._formats = formats
        self.widths: dict[int, float] = {}
        self.texts: dict[int, list] = defaultdict(list)
        self.hidden_rows: set[int] = set()
        self.hidden_cols: set[int] = set()

    def __getattr__(self, name):
        return getattr(self._ws, name)

    def set_column(self, first: int, last: int, width: float, fmt=None, options=None):
        for c in range(first, last + 1):
            self.widths[c] = width
            if (options or {}).get("hidden"):
                self.hidden_cols.add(c)
        return self._ws.set_column(first, last, width, fmt, options or {})

    def record(self, row: int, col: int, text: str, fmt, width: float | None = None) -> None:
        look = self._formats.look(fmt)
        if look is not None and text:
            self.texts[row].append((text, col, look, width))

    def wide_text(self, row: int, first_col: int, last_col: int, text: str, fmt) -> None:
        """Wrapped text across columns (merged cells), its row as tall as the text needs there."""
        self._ws.merge_range(row, first_col, row, last_col, text, fmt)
        width = sum(self.widths.get(c, 8.43) for c in range(first_col, last_col + 1)) + (last_col - first_col) * 0.7
        self.record(row, first_col, text, fmt, width)

    def write_string(self, row: int, col: int, text: str, fmt=None):
        self.record(row, col, text, fmt)
        return self._ws.write_string(row, col, text, fmt)

    def hide_row(self, row: int) -> None:
        self.hidden_rows.add(row)

    def fit_rows(self) -> None:
        for row in sorted(set(self.texts) | self.hidden_rows):
            cells = []
            for text, col, look, width in self.texts.get(row, ()):
                if col in self.hidden_cols:
                    continue
                if look.wrap:
                    cells.append((text, width or self.widths.get(col, 8.43), look.size, look.bold, look.indent))
                else:  # one line, however long (it runs over into the empty cells beside it)
                    cells.append(("x", 100, look.size, look.bold, 0))
            height = row_height(cells)
            if height is not None or row in self.hidden_rows:
                self._ws.set_row(row, height, None, {"hidden": row in self.hidden_rows})


def auto_heights(path: Path) -> None:
    """Make the row heights the writer gave auto-fitted heights, as Excel writes them: ``ht``
    without ``customHeight``, so Excel fits the row again when its text changes."""
    rewrite_parts(path, lambda name, data: data.replace(b' customHeight="1"', b"")
                  if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", name) else data)
