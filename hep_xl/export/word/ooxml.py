"""WordprocessingML snippets: runs, paragraphs, tables, pictures, section properties and fields, as
strings. The builder joins them into one ``document.xml`` body that lxml parses once (building the
body element by element through python-docx costs more than the rest of the export together).

Tables are laid out for print: fixed column widths (from :func:`.metrics.column_widths`), the
header rows repeated on every page, rows that do not break across pages (unless a row is taller
than most of a page, which must break), cells merged across columns or rows.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

from . import metrics

# Characters XML 1.0 (and so Word) cannot hold; tab and newline become w:tab / w:br.
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# A4 in twips (1/20 pt)
A4_W, A4_H = 11906, 16838
PORTRAIT_MARGIN, LANDSCAPE_MARGIN = 1417, 1134
PORTRAIT_WIDTH = A4_W - 2 * PORTRAIT_MARGIN
LANDSCAPE_WIDTH = A4_H - 2 * LANDSCAPE_MARGIN
PORTRAIT_HEIGHT = A4_H - 2 * PORTRAIT_MARGIN
LANDSCAPE_HEIGHT = A4_W - 2 * LANDSCAPE_MARGIN
HEADER_FILL = "D9E2F3"
GROUP_FILL = "EDF1F8"


def clean_text(text) -> str:
    """Text Word can hold: control characters dropped, CR/LF normalised to LF."""
    s = "" if text is None else str(text)
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    return _BAD_XML.sub("", s)


def t(text: str) -> str:
    """A run's inner content for text with line breaks and tabs (the text is cleaned first)."""
    parts = []
    for i, line in enumerate(clean_text(text).split("\n")):
        if i:
            parts.append("<w:br/>")
        for j, chunk in enumerate(line.split("\t")):
            if j:
                parts.append("<w:tab/>")
            if chunk:
                parts.append(f'<w:t xml:space="preserve">{escape(chunk)}</w:t>')
    return "".join(parts)


def rpr(bold=False, italic=False, size: float | None = None, color: str | None = None) -> str:
    out = ""
    if bold:
        out += "<w:b/><w:bCs/>"
    if italic:
        out += "<w:i/><w:iCs/>"
    if color:
        out += f'<w:color w:val="{color}"/>'
    if size:
        half = int(round(size * 2))
        out += f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>'
    return f"<w:rPr>{out}</w:rPr>" if out else ""


def run(text: str, **fmt) -> str:
    return f"<w:r>{rpr(**fmt)}{t(text)}</w:r>" if text else ""


def ppr(style: str | None = None, *, align: str | None = None, keep_next=False, keep_lines=False,
        page_break_before=False, before: int | None = None, after: int | None = None, sect: str = "") -> str:
    out = ""
    if style:
        out += f'<w:pStyle w:val="{style}"/>'
    if keep_next:
        out += "<w:keepNext/>"
    if keep_lines:
        out += "<w:keepLines/>"
    if page_break_before:
        out += "<w:pageBreakBefore/>"
    if before is not None or after is not None:
        out += "<w:spacing" + (f' w:before="{before}"' if before is not None else "") + \
               (f' w:after="{after}"' if after is not None else "") + "/>"
    if align:
        out += f'<w:jc w:val="{align}"/>'
    out += sect
    return f"<w:pPr>{out}</w:pPr>" if out else ""


def para(text: str = "", style: str | None = None, *, runs: str | None = None, fmt: dict | None = None,
         **props) -> str:
    body = runs if runs is not None else run(text, **(fmt or {}))
    return f"<w:p>{ppr(style, **props)}{body}</w:p>"


def with_section(paragraph: str, sect: str) -> str:
    """``paragraph`` carrying the section properties ``sect`` (it becomes its section's last paragraph)."""
    if paragraph.startswith("<w:p><w:pPr>"):
        return paragraph.replace("</w:pPr>", sect + "</w:pPr>", 1)
    return paragraph.replace("<w:p>", f"<w:p><w:pPr>{sect}</w:pPr>", 1)


# -- tables ------------------------------------------------------------------------------------------

@dataclass
class Cell:
    """One table cell: text (or ready-made paragraph XML), and how it is set."""

    text: str = ""
    bold: bool = False
    align: str | None = None  # "right" for numbers, "center"
    fill: str | None = None
    span: int = 1  # columns merged to the right
    vmerge: str | None = None  # "restart" | "continue": merged with the cells below
    paragraphs: str | None = None  # ready-made w:p elements instead of ``text``
    keep_next: bool = False


@dataclass
class Table:
    rows: list[list[Cell]]
    widths: list[int]
    header_rows: int = 1
    size: float = 8  # points
    borders: bool = True
    keep_together: bool = False  # each row kept with the next (a short table on one page)
    page_height: int = PORTRAIT_HEIGHT


def _cell_xml(cell: Cell, width: int, size: float, header: bool, keep_next: bool) -> str:
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if cell.span > 1:
        props += f'<w:gridSpan w:val="{cell.span}"/>'
    if cell.vmerge:
        props += '<w:vMerge w:val="restart"/>' if cell.vmerge == "restart" else "<w:vMerge/>"
    fill = cell.fill or (HEADER_FILL if header else None)
    if fill:
        props += f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
    if cell.paragraphs is not None:
        return f"<w:tc><w:tcPr>{props}</w:tcPr>{cell.paragraphs or '<w:p/>'}</w:tc>"
    style = "TableHeading" if header or cell.bold else "TableText"
    half = int(round(size * 2))
    sz = f'<w:rPr><w:sz w:val="{half}"/><w:szCs w:val="{half}"/></w:rPr>' if size != 8 else ""
    jc = f'<w:jc w:val="{cell.align}"/>' if cell.align else ""
    kn = "<w:keepNext/>" if keep_next or cell.keep_next else ""
    paras = "".join(f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{kn}{jc}</w:pPr>'
                    f'{f"<w:r>{sz}{t(line)}</w:r>" if line else ""}</w:p>'
                    for line in (clean_text(cell.text).split("\n\n") if cell.text else [""]))
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{paras}</w:tc>"


def _row_height(cells: list[Cell], widths: list[int], size: float) -> float:
    """Estimated height (twips) of a row: the tallest cell's wrapped lines."""
    lines, col = 1, 0
    for cell in cells:
        w = sum(widths[col:col + cell.span]) - metrics.CELL_PADDING
        col += cell.span
        if not cell.text or w <= 0:
            continue
        n = sum(max(1, math.ceil(metrics.text_width(line, size) * 20 / w)) for line in cell.text.split("\n"))
        lines = max(lines, n)
    return lines * size * 1.2 * 20


def table(tb: Table) -> str:
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in tb.widths)
    borders = "" if tb.borders else ('<w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/>'
                                     '<w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/>'
                                     '</w:tblBorders>')
    out = [f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="{sum(tb.widths)}" w:type="dxa"/>'
           f'{borders}<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" '
           f'w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>']
    last = len(tb.rows) - 1
    for r, cells in enumerate(tb.rows):
        header = r < tb.header_rows
        tall = not header and _row_height(cells, tb.widths, tb.size) > tb.page_height * 0.6
        trpr = ("<w:tblHeader/>" if header else "") + ("" if tall else "<w:cantSplit/>")
        out.append(f"<w:tr><w:trPr>{trpr}</w:trPr>" if trpr else "<w:tr>")
        col = 0
        keep = header or (tb.keep_together and r < last)
        for cell in cells:
            out.append(_cell_xml(cell, sum(tb.widths[col:col + cell.span]), tb.size, header, keep))
            col += cell.span
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def fit(columns: list[list[str]], total: int, size: float = 8, header_rows: int = 1, *,
        fill: bool = True) -> list[int]:
    """Column widths for texts (``columns[j]``: column j's texts, the first ``header_rows`` bold)."""
    return metrics.column_widths([[(text, size, i < header_rows) for i, text in enumerate(col)]
                                  for col in columns], total, fill=fill)


# -- pictures, fields, sections -------------------------------------------------------------------------

def picture(rid: str, cx: int, cy: int, pic_id: int, name: str, descr: str) -> str:
    """An inline picture (the image part ``rid``), ``cx`` × ``cy`` EMU."""
    d = escape(descr, {'"': "&quot;"})
    n = escape(name, {'"': "&quot;"})
    return (f'<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/>'
            f'<wp:docPr id="{pic_id}" name="{n}" descr="{d}"/><wp:cNvGraphicFramePr>'
            '<a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
            '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>'
            f'<pic:nvPicPr><pic:cNvPr id="{pic_id}" name="{n}" descr="{d}"/><pic:cNvPicPr/></pic:nvPicPr>'
            f'<pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
            f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>'
            "</wp:inline></w:drawing></w:r>")


def field(instruction: str, placeholder: str = "", dirty: bool = True) -> str:
    """A complex field (``TOC``, ``PAGE``…); ``placeholder`` runs are its result until updated."""
    d = ' w:dirty="true"' if dirty else ""
    return (f'<w:r><w:fldChar w:fldCharType="begin"{d}/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {escape(instruction)} </w:instrText></w:r>'
            f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>{placeholder}'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def sect_pr(landscape: bool, footers: dict[str, str], *, title_page: bool = False, next_page: bool = True) -> str:
    """Section properties: A4, portrait or landscape, the footers (type -> relationship id)."""
    w, h = (A4_H, A4_W) if landscape else (A4_W, A4_H)
    m = LANDSCAPE_MARGIN if landscape else PORTRAIT_MARGIN
    refs = "".join(f'<w:footerReference w:type="{kind}" r:id="{rid}"/>' for kind, rid in footers.items())
    orient = ' w:orient="landscape"' if landscape else ""
    kind = '<w:type w:val="nextPage"/>' if next_page else ""
    return (f"<w:sectPr>{refs}{kind}<w:pgSz w:w=\"{w}\" w:h=\"{h}\"{orient}/>"
            f'<w:pgMar w:top="{m}" w:right="{m}" w:bottom="{m}" w:left="{m}" w:header="709" '
            f'w:footer="709" w:gutter="0"/><w:cols w:space="708"/>{"<w:titlePg/>" if title_page else ""}'
            '<w:docGrid w:linePitch="360"/></w:sectPr>')
