"""The overview sheet (Áttekintés), first in the book: how complete the plan is and what it shows.

The template writes the frame: the completeness per area with a data bar (Excel's 2007 kind, which
every program and openpyxl keep), the findings per sheet (each sheet's name a link to it), and the
catalog's charts (``Catalog.charts``: the Word document draws the same list) as native Excel charts
whose series are the indicator sheet's cells. The validator's write-back fills the numbers in
(:mod:`hep_xl.validate.report_sheet`), at the positions :mod:`.layout` gives.
"""

from __future__ import annotations

from xlsxwriter.utility import xl_rowcol_to_cell

from ..catalog import Catalog
from . import layout as L
from . import pages
from .a1 import sheet_ref
from .pages import A4_PORTRAIT_HEIGHT_PT, column_points

WIDTHS = [36, 13, 13, 13, 13]
DEFAULT_ROW_PT = 15  # an empty row's height (the rows a chart covers)
PAGE_BODY_PT = A4_PORTRAIT_HEIGHT_PT - (pages.TOP_MARGIN_IN + pages.BOTTOM_MARGIN_IN) * 72
FIRST_CHART_PAGE_TEXT_PT = 120  # the charts' heading, the source note (up to five lines) and the gap


def write_overview(ws, f, wb, cat: Catalog, settlement: str, series_row: dict[str, int],
                   year_cols: tuple[int, int] | None, header_row: int) -> tuple[list[float], list[int]]:
    """Write the overview into ``ws``; ``series_row`` and ``year_cols`` say where the indicator
    sheet holds each series and its years (``header_row``: the year headers). Returns the widths
    and the rows where a printed page starts (no chart is cut by a page break)."""
    widths = list(WIDTHS)
    for c, w in enumerate(widths):
        ws.set_column(c, c, w)
    ws.hide_gridlines(2)
    place = settlement.strip()
    ws.write_string(0, 0, f"Áttekintés – {place}" if place else "Áttekintés", f.title)
    ws.wide_text(L.OVERVIEW_SUMMARY_ROW, 0, len(widths) - 1, "Még nem futott ellenőrzés: a teljességet és a "
                 "megállapítások számát az ellenőrzés írja be (HEP szalag › Ellenőrzés, vagy "
                 "hep-xl validate --write-back).", f.text)  # (the write-back's summary comes here, in bold)
    top = L.OVERVIEW_SCORES_ROW
    ws.write_string(top - 1, 0, "Teljesség mellékletenként", f.subtitle)
    ws.write_string(top, 0, "Terület", f.header)
    ws.write_string(top, 1, "Teljesség", f.header)
    ws.conditional_format(top + 1, 1, top + L.OVERVIEW_SCORE_ROWS, 1, {
        "type": "data_bar", "data_bar_2010": False, "bar_color": "#70AD47", "min_type": "num", "min_value": 0,
        "max_type": "num", "max_value": 1})
    counts = L.OVERVIEW_COUNTS_ROW
    ws.write_string(counts - 1, 0, "Megállapítások munkalaponként", f.subtitle)
    for c, h in enumerate(("Munkalap", "hiba", "figyelmeztetés", "tájékoztatás")):
        ws.write_string(counts, c, h, f.header)
    for i, name in enumerate(L.OVERVIEW_COUNT_SHEETS):
        ws.write_url(counts + 1 + i, 0, f"internal:{sheet_ref(name)}!A1", f.link, name)
    ws.write_string(counts + 1 + len(L.OVERVIEW_COUNT_SHEETS), 0, L.OVERVIEW_OTHER, f.plain)
    ws.write_string(counts + 2 + len(L.OVERVIEW_COUNT_SHEETS), 0, "Összesen", f.bold)
    breaks = _charts(ws, f, wb, cat, widths, series_row, year_cols, header_row)
    return widths, breaks


def _charts(ws, f, wb, cat: Catalog, widths: list[float], series_row: dict[str, int],
            year_cols: tuple[int, int] | None, header_row: int) -> list[int]:
    """The catalog's charts (the Word document draws the same list) as native Excel charts whose
    series are the indicator sheet's cells, one a row, the page's width; returns the page breaks:
    the charts start on a page of their own, and a page holds as many whole charts as fit."""
    row = L.OVERVIEW_CHARTS_ROW
    if not cat.charts or year_cols is None:
        return []
    ws.write_string(row, 0, cat.charts_title or "Ábrák", f.subtitle)
    if cat.charts_source:
        ws.wide_text(row + 1, 0, len(widths) - 1, cat.charts_source, f.note_wrap)
    ind_sheet = sheet_ref(L.SHEETS.indicators)
    y0, y1 = year_cols
    hr = header_row
    categories = f"={ind_sheet}!{xl_rowcol_to_cell(hr, y0, True, True)}:{xl_rowcol_to_cell(hr, y1, True, True)}"
    width_px = int(sum(column_points(w) for w in widths) / 0.75 * 0.92)
    height_px, rows_per_chart = 300, 16
    row += 3
    breaks = [L.OVERVIEW_CHARTS_ROW]
    slot = rows_per_chart * DEFAULT_ROW_PT
    room = PAGE_BODY_PT - FIRST_CHART_PAGE_TEXT_PT  # the heading and the note above the first charts
    for n, ch in enumerate(cat.charts, start=1):
        if room < slot:
            breaks.append(row)
            room = PAGE_BODY_PT
        room -= slot
        chart = wb.add_chart({"type": "line" if ch.kind == "line" else "column"})
        first = cat.series_by_id[ch.series[0]]
        for sid in ch.series:
            r = series_row[sid]
            spec = {"name": f"={ind_sheet}!{xl_rowcol_to_cell(r, 1, True, True)}", "categories": categories,
                    "values": f"={ind_sheet}!{xl_rowcol_to_cell(r, y0, True, True)}:"
                              f"{xl_rowcol_to_cell(r, y1, True, True)}"}
            if ch.kind == "line":
                spec["marker"] = {"type": "circle", "size": 5}
            chart.add_series(spec)
        chart.set_title({"name": f"{n}. {ch.title} ({first.unit})", "name_font": {"size": 11, "bold": True}})
        chart.set_legend({"position": "bottom", "font": {"size": 9}} if len(ch.series) > 1
                         else {"none": True})
        chart.set_x_axis({"num_font": {"size": 9}})
        chart.set_y_axis({"num_format": first.value_rule.number_format.split(";")[0],
                          "num_font": {"size": 9}, "major_gridlines": {"visible": True,
                                                                       "line": {"color": "#D9D9D9"}}})
        chart.set_size({"width": width_px, "height": height_px})
        chart.show_blanks_as("gap")
        ws.insert_chart(row, 0, chart, {"object_position": 2})
        row += rows_per_chart
    return breaks
