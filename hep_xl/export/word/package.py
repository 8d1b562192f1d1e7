"""The .docx package around the body: python-docx supplies the package (parts, relationships,
content types, core properties, pictures) and saves it; the body, the styles and the settings are
ours, each parsed once.

What python-docx's default template carries and an archived council document must not: Word
2010's 300 KB of built-in styles (and their "with effects" copy), a thumbnail of a blank page, a
custom XML part, core properties dated 2013 and "Microsoft Macintosh Word" as the application. The
document's properties are the HEP's: title, subject, author (the issuing body), created and
modified now, language hu-HU.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

import docx
from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from ... import __version__
from ...catalog import Catalog, load_catalog
from ...files import atomic_output
from ...model import Hep
from .. import hungarian as hu
from . import ooxml as X
from .builder import Builder
from .styles import SETTINGS_XML, STYLES_XML

_DROP = ("http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects", RT.CUSTOM_XML, RT.NUMBERING)
_NS = nsdecls("w", "r", "wp", "a", "pic")


def _footer(footer, xml: str) -> None:
    """Make ``footer`` (a python-docx footer) a part of its own holding the paragraph ``xml``."""
    footer.is_linked_to_previous = False
    el = footer._element
    for child in list(el):
        el.remove(child)
    el.append(parse_xml(xml))


def _app_properties(company: str) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            f"<Application>hep_xl {escape(__version__)}</Application><DocSecurity>0</DocSecurity>"
            f"<ScaleCrop>false</ScaleCrop><Company>{escape(company)}</Company><LinksUpToDate>false</LinksUpToDate>"
            "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>").encode()


@lru_cache(maxsize=1)
def _template() -> bytes:
    """python-docx's default package without what the document does not use, with our styles and
    settings, saved once per process (opening it is a fraction of opening the default template)."""
    doc = docx.Document()
    part = doc.part
    for rid, rel in list(part.rels.items()):
        if rel.reltype in _DROP:
            del part.rels[rid]
    for rid, rel in list(part.package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del part.package.rels[rid]
    part._styles_part._element = parse_xml(STYLES_XML)
    part._settings_part._element = parse_xml(SETTINGS_XML)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def build_document(hep: Hep, catalog: Catalog | None = None, *, charts: bool = True,
                   now: dt.datetime | None = None) -> DocxDocument:
    """A python-docx ``Document`` of ``hep`` (not saved). ``now`` fixes the properties' timestamps."""
    cat = catalog or load_catalog(hep.catalog_version)
    doc = blank_document()
    refs = page_footers(doc)
    b = Builder(hep, cat, image_adder(doc), {"default": refs["default"], "first": refs["first"]}, charts=charts)
    b.build()
    doc = with_body(doc, b.xml() + b.final_sect_pr())

    st = hep.settlement
    title = " – ".join(x for x in (b.body_name, "Helyi Esélyegyenlőségi Program "
                                   + hu.period(st.period_start, st.period_end)) if x.strip())
    set_properties(doc, title=title, subject=f"Helyi esélyegyenlőségi program {hu.citation(cat.title)} alapján",
                   author=b.body_name or st.name,
                   keywords=("helyi esélyegyenlőségi program", "HEP", st.name, st.county),
                   comments=f"hep_xl {__version__}; katalógus {cat.version}", company=b.body_name, now=now)
    return doc


def build_report(hep: Hep, year: int | None = None, catalog: Catalog | None = None, *,
                 now: dt.datetime | None = None) -> DocxDocument:
    """The implementation report of ``hep`` up to ``year`` (:mod:`.report`) as a python-docx
    ``Document`` (not saved); built like the HEP document, on the same package and properties."""
    from .report import ReportBuilder

    cat = catalog or load_catalog(hep.catalog_version)
    doc = blank_document()
    refs = page_footers(doc)
    b = ReportBuilder(hep, cat, image_adder(doc), {"default": refs["default"], "first": refs["first"]}, year)
    b.build()
    doc = with_body(doc, b.xml() + b.final_sect_pr())
    st = hep.settlement
    title = " – ".join(x for x in (b.body_name, f"{cat.report_title} {b.covered}".strip()) if x.strip())
    set_properties(doc, title=title,
                   subject="Beszámoló a Helyi Esélyegyenlőségi Program " + hu.period(st.period_start, st.period_end)
                   + " megvalósulásáról",
                   author=b.body_name or st.name,
                   keywords=("helyi esélyegyenlőségi program", "HEP", "beszámoló", st.name, st.county),
                   comments=f"hep_xl {__version__}; katalógus {cat.version}", company=b.body_name, now=now)
    return doc


def blank_document() -> DocxDocument:
    """A new, empty document with our styles and settings (python-docx's package, trimmed)."""
    return docx.Document(io.BytesIO(_template()))


def image_adder(doc: DocxDocument):
    """``add_image(png) -> relationship id``: a picture added to ``doc``'s package (once per content)."""
    part = doc.part

    def add_image(png: bytes) -> str:
        rid, _ = part.get_or_add_image(io.BytesIO(png))
        return rid

    return add_image


def save_document(doc: DocxDocument, path: str | os.PathLike) -> Path:
    """Save ``doc`` to ``path`` atomically (nothing half-written on a failure); returns the path."""
    target = Path(path)
    with atomic_output(target) as tmp:
        doc.save(str(tmp))
    return target


def page_footers(doc: DocxDocument) -> dict[str, str]:
    """The first section's footers: the page number centred on every page but the first (a title
    page), which has an empty footer; returns footer type ("default", "first") -> relationship id."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    page = (f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="Footer"/></w:pPr>'
            + X.field("PAGE", "<w:r><w:t>1</w:t></w:r>", dirty=False) + "</w:p>")
    _footer(section.footer, page)
    _footer(section.first_page_footer, f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="Footer"/></w:pPr></w:p>')
    return {ref.get(qn("w:type")): ref.get(qn("r:id")) for ref in section._sectPr.iter(qn("w:footerReference"))}


def with_body(doc: DocxDocument, body: str) -> DocxDocument:
    """``doc`` with its body replaced by the WordprocessingML ``body`` (paragraphs, tables, the last sectPr)."""
    part = doc.part
    part._element = parse_xml(f"<w:document {_NS}><w:body>{body}</w:body></w:document>")
    return DocxDocument(part._element, part)


def set_properties(doc: DocxDocument, *, title: str, subject: str, author: str, keywords=(), comments: str = "",
                   category: str = "Helyi Esélyegyenlőségi Program", company: str | None = None,
                   now: dt.datetime | None = None) -> None:
    """The document's core and app properties: ours, not python-docx's template's (language hu-HU,
    created and modified ``now``, the application hep_xl, the company the issuing body)."""
    stamp = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(dt.UTC).replace(tzinfo=None)
    props = doc.core_properties
    props.title = X.clean_text(title.strip())[:250]
    props.subject = X.clean_text(subject)[:250]
    props.author = props.last_modified_by = X.clean_text(author)[:250]
    props.keywords = X.clean_text("; ".join(x for x in keywords if x))[:250]
    props.category = category
    props.comments = comments
    props.language = "hu-HU"
    props.created = props.modified = stamp
    props.revision = 1
    for p in doc.part.package.iter_parts():
        if str(p.partname) == "/docProps/app.xml":
            p._blob = _app_properties(author if company is None else company)


__all__ = ["build_document", "build_report", "blank_document", "page_footers", "with_body", "set_properties"]
