"""The HEP workbook: layout (where things live), writer (xlsxwriter) and reader (python-calamine).

Outside this package nothing needs :mod:`.layout`: the model's fields give keys and labels, and a
read workbook's cell map (``ReadResult.cells``) gives the cell of every value. The two lookups
below answer the rest: which sheet a model key belongs to, and the order the sheets come in.
"""

from __future__ import annotations

from .layout import KNOWN_TEMPLATE_VERSIONS, REVIEW_DATE_CELLS, SHEETS, TEMPLATE_VERSION

# where a cell-map key (first element) lives when there is no cell map (a model read from JSON)
_KEY_SHEETS = {
    "settlement": SHEETS.settlement, "indicator": SHEETS.indicators, "checklist": SHEETS.checklist,
    "problems": SHEETS.conclusions, "measures": SHEETS.action_plan, "members": SHEETS.forum,
    "meetings": SHEETS.forum_meetings, "working_groups": SHEETS.forum_groups, "indicators": SHEETS.indicators,
    "frame": SHEETS.frame, "progress": SHEETS.progress, "reports": SHEETS.forum_reports,
}

# the sheets a person reads, in workbook order (the hidden meta sheet last)
SHEET_ORDER: tuple[str, ...] = tuple(getattr(SHEETS, f) for f in SHEETS.__dataclass_fields__)


def sheet_of(key: tuple) -> str:
    """The sheet holding the value a cell-map key names: ``("settlement", "name")``,
    ``("table", "meetings")``, ``("measures", 3, "deadline")``…; "" when unknown."""
    if not key:
        return ""
    head = key[1] if key[0] == "table" and len(key) > 1 else key[0]
    return _KEY_SHEETS.get(head, "")


__all__ = ["KNOWN_TEMPLATE_VERSIONS", "REVIEW_DATE_CELLS", "SHEET_ORDER", "TEMPLATE_VERSION", "sheet_of"]
