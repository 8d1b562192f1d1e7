"""The demo's Word document as LibreOffice prints it (PDF/A-2b through the UNO API, the path
``hep-xl export docx --pdf`` takes), judged from the PDF as a council member or a printer would:
no empty page, a table of contents whose page numbers are the headings' pages, no word broken
without a hyphen, the HEP's metadata, the charts on the pages."""

from __future__ import annotations

import re
import subprocess

import pytest

from hep_xl.catalog import load_catalog
from hep_xl.export.pdf import docx_to_pdfa

from .conftest import needs_soffice
from .docx_read import all_text, blocks, pdf_lines, pdf_pages

CAT = load_catalog()
pytestmark = needs_soffice
_BREAK_OK = ("-", "–", "—", "/")  # a line may end after these (a hyphenated word, a dash, a slash)
_PUNCT = ".,;:()„”\"'!?…[]"


@pytest.fixture(scope="module")
def printed(demo_output, tmp_path_factory):
    docx = demo_output / "peldafalva.docx"
    pdf = docx_to_pdfa(docx, tmp_path_factory.mktemp("pdf") / "peldafalva.pdf")
    return docx, pdf, pdf_pages(pdf)


def _squash(text: str) -> str:
    """Text compared across line breaks and hyphenation: no spaces, no hyphens, no dot leaders."""
    return re.sub(r"[\s\-\u00ad.…]+", "", text)


def test_every_page_has_text(printed):
    docx, pdf, pages = printed
    assert len(pages) > 20
    for n, page in enumerate(pages, 1):
        body = [line for line in page.splitlines() if line.strip() and not re.fullmatch(r"\s*\d+\s*", line)]
        assert body, f"page {n} has nothing but its number"


def _toc_entries(pages: list[str]) -> tuple[list[tuple[str, int]], int]:
    """(heading, page) pairs of the table of contents, and the last page it takes."""
    start = next(i for i, p in enumerate(pages) if "Tartalomjegyzék" in p)
    first_heading = CAT.frame_parts[0].heading
    entries, pending, last = [], "", start
    for i in range(start, len(pages)):
        lines = pages[i].splitlines()
        if i > start and not any(re.search(r"\.{4,}\s*\d+\s*$", line) for line in lines):
            break
        last = i
        for line in lines:
            if "Tartalomjegyzék" in line or re.fullmatch(r"\s*\d+\s*", line) or not line.strip():
                continue
            m = re.match(r"^\s*(.*?)\.{2,}\s*(\d+)\s*$", line)
            if m:
                entries.append(((pending + " " + m.group(1)).strip(), int(m.group(2))))
                pending = ""
            else:
                pending = (pending + " " + line.strip()).strip()
    assert entries and entries[0][0] == first_heading
    return entries, last


def test_table_of_contents_lists_the_pages_of_the_headings(printed):
    docx, pdf, pages = printed
    entries, toc_last = _toc_entries(pages)
    headings = [b.text for b in blocks(docx) if b.kind == "heading" and b.level <= CAT.frame_toc_levels]
    assert [_squash(t) for t, _ in entries] == [_squash(h) for h in headings]  # every heading, in order
    numbers = [n for _, n in entries]
    assert numbers == sorted(numbers) and numbers[0] > toc_last + 1
    for text, n in entries:
        page = _squash(pages[n - 1])
        assert _squash(text) in page, (text, n)
        if n - 2 > toc_last:  # not already on the page before (a heading starts where it is listed)
            assert not _squash(pages[n - 2]).endswith(_squash(text)), (text, n)
    # the page a heading is on is the page the TOC gives: the number printed in the footer agrees
    for text, n in entries[:5]:
        assert re.search(rf"^\s*{n}\s*$", pages[n - 1], re.M), (text, n)


def broken_words(docx, pdf) -> list[str]:
    """Lines of the PDF that end inside a word: their last word is not one of the document's own
    words (the Word document's text) and no hyphen or dash ends the line. A line may end with the
    second half of a word hyphenated on another line of the same or the previous page (in a table
    poppler joins the cells of one row into a line and reads them in its own order): joined to a
    first half, it must make a word of the document."""
    vocabulary = {w.strip(_PUNCT) for w in all_text(docx).split()}
    lines = pdf_lines(pdf)
    halves: dict[int, list[str]] = {}  # page -> first halves of hyphenated words ("felelő-", "szük -")
    for line in lines:
        texts = [w.text for w in line.words]
        for i, w in enumerate(texts):
            if w == "-" and i:
                halves.setdefault(line.page, []).append(texts[i - 1].lstrip(_PUNCT))
            elif w.endswith("-") and len(w) > 1:
                halves.setdefault(line.page, []).append(w[:-1].lstrip(_PUNCT))
    out = []
    for line in lines:
        last = line.words[-1].text
        if last.endswith(_BREAK_OK) or not last.strip(_PUNCT) or re.search(r"\.{2,}\d+$", last):
            continue  # a break after a hyphen or dash, punctuation, a table of contents entry
        word = last.strip(_PUNCT)
        if word in vocabulary or re.fullmatch(r"[\d\s,.−-]+", word):
            continue
        firsts = halves.get(line.page, []) + halves.get(line.page - 1, [])
        if any(f + word in vocabulary or f"{f}-{word}" in vocabulary for f in firsts):
            continue
        out.append(f"page {line.page}: …{line.text[-40:]}")
    return out


def test_no_word_breaks_without_a_hyphen(printed):
    docx, pdf, pages = printed
    assert broken_words(docx, pdf) == []


def test_layout_breaks_are_caught(tmp_path):
    """The check above fails on a column too narrow for its words (a table made by hand)."""
    from docx import Document
    from docx.shared import Cm

    doc = Document()
    t = doc.add_table(rows=1, cols=2)
    t.autofit = False
    for column, cell, width in zip(t.columns, t.rows[0].cells, (Cm(1.2), Cm(12))):
        column.width = cell.width = width
    t.rows[0].cells[0].text = "eredményességét fenntarthatóságát"
    path = tmp_path / "keskeny.docx"
    doc.save(path)
    assert broken_words(path, docx_to_pdfa(path, tmp_path / "keskeny.pdf"))


def test_pdf_is_pdfa_with_the_heps_metadata(printed):
    import pikepdf

    docx, pdf, pages = printed
    with pikepdf.open(pdf) as p:
        meta = p.open_metadata()
        assert meta.get("pdfaid:part") == "2" and meta.get("pdfaid:conformance") == "B"
        info = p.docinfo
        assert str(info["/Title"]) == "Példafalva Község Önkormányzata – Helyi Esélyegyenlőségi Program 2025–2029"
        assert str(info["/Author"]) == "Példafalva Község Önkormányzata"
        assert "2/2012. (VI. 5.) EMMI rendelet" in str(info["/Subject"])
        assert str(p.Root.get("/Lang")) == "hu-HU"
        assert len(p.open_outline().root) == len([x for x in CAT.frame_parts if x.level == 1])  # bookmarks
    flat = " ".join(" ".join(pages).split())
    for ch in CAT.chapters:
        assert f"{ch.number}. {ch.title}"[:40] in flat


def test_charts_are_on_the_pages(printed):
    docx, pdf, pages = printed
    out = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    images = [line for line in out.splitlines()[2:] if line.split()[2] == "image"]
    assert len(images) == len(CAT.charts) >= 8
    # a caption under every chart
    captions = [line for page in pages for line in page.splitlines() if re.match(r"^\s*\d+\. ábra: ", line)]
    assert len(captions) == len(CAT.charts)
