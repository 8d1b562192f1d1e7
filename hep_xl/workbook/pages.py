"""The printed page of each sheet: A4 at 100 %, columns in page-wide bands, what repeats on each page.

Every sheet's print layout is decided by the writer with a :class:`PrintSpec`: portrait or
landscape, the header rows repeated on every page, the label columns repeated on every band across
the width (print titles for columns as well as rows), where the bands start (computed from the
column widths by :func:`column_bands`, so a sheet never shrinks to fit), page breaks, the page
order, and a header and footer with the settlement, the sheet and "oldal X / Y".
"""

from __future__ import annotations

from dataclasses import dataclass, field

A4_PAPER = 9  # Excel's paper size code
A4_PORTRAIT_PT, A4_LANDSCAPE_PT = 595.3, 841.9  # page widths in points
A4_PORTRAIT_HEIGHT_PT = A4_LANDSCAPE_PT
SIDE_MARGIN_IN = 0.4
TOP_MARGIN_IN, BOTTOM_MARGIN_IN = 0.75, 0.7
PRINTABLE_SHARE = 0.93  # keep room: LibreOffice draws columns a few per cent wider than Excel


def column_points(width: float) -> float:
    """The printed width of a column of Excel width ``width`` (characters of Calibri 11's digit)."""
    if width <= 0:
        return 0.0
    pixels = int(width * 7 + 0.5) + 5 if width >= 1 else int(width * 12 + 0.5)
    return pixels * 0.75


def printable_points(landscape: bool) -> float:
    page = A4_LANDSCAPE_PT if landscape else A4_PORTRAIT_PT
    return (page - 2 * SIDE_MARGIN_IN * 72) * PRINTABLE_SHARE


def column_bands(widths: list[float], title_cols: int, landscape: bool,
                 hidden: frozenset[int] = frozenset()) -> list[int]:
    """Where the page bands across the width start: the first column of each band after the first.

    ``title_cols`` leading columns are printed on every band (the print titles); each band takes as
    many of the following columns as fit beside them on one page at 100 %."""
    room = printable_points(landscape)
    titles = sum(column_points(w) for c, w in enumerate(widths[:title_cols]) if c not in hidden)
    breaks: list[int] = []
    used = titles
    for c in range(title_cols, len(widths)):
        w = 0.0 if c in hidden else column_points(widths[c])
        if used + w > room and used > titles:
            breaks.append(c)
            used = titles
        used += w
    return breaks


@dataclass
class PrintSpec:
    landscape: bool
    header_rows: tuple[int, int] | None = None  # rows repeated on every page (0-based, inclusive)
    title_cols: int = 0  # leading columns repeated on every band across
    widths: list[float] = field(default_factory=list)  # every column's width, for the bands
    hidden_cols: frozenset[int] = frozenset()
    row_breaks: list[int] = field(default_factory=list)  # a new page starts at these rows
    col_breaks: list[int] | None = None  # None: computed from the widths
    across_first: bool = False  # page order: both bands of the same rows one after the other


def _header_text(text: str) -> str:
    return text.replace("&", "&&")


HEADER_LIMIT = 255  # characters of a header or footer, codes included: Excel refuses a longer one


def _header(left: str, title: str) -> str:
    """The page header: ``left`` (shortened with "…" to keep Excel's limit), the sheet, ``title``."""
    def build(text: str) -> str:
        # (a font size code is followed by a space: "&9" before "2/2012…" would read as size 92)
        return f"&L&9 {_header_text(text)}&C&9 &A&R&9 {_header_text(title)}"

    header, text = build(left), left
    while len(header) > HEADER_LIMIT and text:
        text = text[:max(0, len(text) - (len(header) - HEADER_LIMIT) - 1)].rstrip()
        header = build(text + "…")
    return header


def apply(ws, spec: PrintSpec, settlement: str, title: str) -> None:
    """Set up an xlsxwriter worksheet's printing; ``settlement`` and ``title`` go into the header."""
    ws.set_paper(A4_PAPER)
    if spec.landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.set_print_scale(100)
    ws.set_margins(left=SIDE_MARGIN_IN, right=SIDE_MARGIN_IN, top=TOP_MARGIN_IN, bottom=BOTTOM_MARGIN_IN)
    place = settlement.strip()
    ws.set_header(_header(f"HEP – {place}" if place else "Helyi Esélyegyenlőségi Program", title),
                  {"margin": 0.3})
    ws.set_footer("&C&9 oldal &P / &N", {"margin": 0.3})
    if spec.header_rows is not None:
        ws.repeat_rows(*spec.header_rows)
    if spec.title_cols:
        ws.repeat_columns(0, spec.title_cols - 1)
    breaks = spec.col_breaks
    if breaks is None and spec.widths:
        breaks = column_bands(spec.widths, spec.title_cols, spec.landscape, spec.hidden_cols)
    if breaks:
        ws.set_v_pagebreaks(breaks)
    if spec.row_breaks:
        ws.set_h_pagebreaks(spec.row_breaks)
    if spec.across_first:
        ws.print_across()
