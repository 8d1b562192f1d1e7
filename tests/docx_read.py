"""Reading a Word document back as its reader sees it: the body in order (headings, paragraphs,
tables, pictures), with python-docx and the WordprocessingML itself; and a PDF's pages and words
(poppler's pdftotext), for the layout checks."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

import docx
from docx.oxml.ns import qn


@dataclass
class Block:
    kind: str  # "heading" | "para" | "table"
    style: str = ""
    level: int = 0
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)  # a table's cell texts (merged cells once)
    pictures: list[str] = field(default_factory=list)  # relationship ids of the pictures in a paragraph
    element: object = None


def _text(el) -> str:
    out = []
    for node in el.iter():
        if node.tag == qn("w:t"):
            out.append(node.text or "")
        elif node.tag in (qn("w:br"), qn("w:cr")):
            out.append("\n")
        elif node.tag == qn("w:tab"):
            out.append("\t")
    return "".join(out)


def _rows(tbl) -> list[list[str]]:
    rows = []
    for tr in tbl.iterchildren(qn("w:tr")):
        cells = []
        for tc in tr.iterchildren(qn("w:tc")):
            paras = [_text(p) for p in tc.iterchildren(qn("w:p"))]
            cells.append("\n\n".join(paras))
        rows.append(cells)
    return rows


def blocks(path: Path) -> list[Block]:
    doc = docx.Document(str(path))
    out = []
    for el in doc.element.body.iterchildren():
        if el.tag == qn("w:tbl"):
            out.append(Block("table", rows=_rows(el), element=el))
        elif el.tag == qn("w:p"):
            style_el = el.find(qn("w:pPr") + "/" + qn("w:pStyle"))
            style = style_el.get(qn("w:val")) if style_el is not None else ""
            pics = [b.get(qn("r:embed")) for b in el.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}blip")]
            m = re.fullmatch(r"Heading(\d)", style)
            if m:
                out.append(Block("heading", style, int(m.group(1)), _text(el), element=el))
            else:
                out.append(Block("para", style, 0, _text(el), pictures=pics, element=el))
    return out


def all_text(path: Path) -> str:
    """Every text of the document: body, tables, footers, properties' words excluded."""
    return "\n".join(b.text if b.kind != "table" else "\n".join("\t".join(r) for r in b.rows) for b in blocks(path))


def after(items: list[Block], index: int, kind: str) -> Block:
    return next(b for b in items[index + 1:] if b.kind == kind)


# -- PDF --------------------------------------------------------------------------------------------

def pdf_pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


@dataclass
class Word:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


@dataclass
class Line:
    page: int
    words: list[Word]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


def pdf_lines(pdf: Path) -> list[Line]:
    """The PDF's lines as poppler finds them (``pdftotext -bbox-layout``), each with its words."""
    xhtml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout
    root = ET.fromstring(xhtml)
    ns = {"x": "http://www.w3.org/1999/xhtml"}
    out = []
    for n, page in enumerate(root.iterfind(".//x:page", ns), 1):
        for line in page.iterfind(".//x:line", ns):
            words = [Word(n, float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax")), float(w.get("yMax")),
                          w.text or "") for w in line.iterfind("x:word", ns)]
            if words:
                out.append(Line(n, words))
    return out
