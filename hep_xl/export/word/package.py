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
from functools import lru_cache
from xml.sax.saxutils import escape

import docx
from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from ... import __version__
from ...catalog import Catalog, load_catalog
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
    st = hep.settlement
    return _document(hep, cat, lambda add_image, footers: Builder(hep, cat, add_image, footers, charts=charts),
                     lambda b: ("Helyi Esélyegyenlőségi Program " + hu.period(st.period_start, st.period_end),
                                f"Helyi esélyegyenlőségi program {hu.citation(cat.title)} alapján"), now)


def build_report(hep: Hep, year: int | None = None, catalog: Catalog | None = None, *,
                 now: dt.datetime | None = None) -> DocxDocument:
    """The implementation report of ``hep`` up to ``year`` (:mod:`.report`) as a python-docx
    ``Document`` (not saved)."""
    from .report import ReportBuilder

    cat = catalog or load_catalog(hep.catalog_version)
    st = hep.settlement
    return _document(hep, cat, lambda add_image, footers: ReportBuilder(hep, cat, add_image, footers, year),
                     lambda b: (f"{cat.report_title} {b.covered}".strip(),
                                "Beszámoló a Helyi Esélyegyenlőségi Program "
                                + hu.period(st.period_start, st.period_end) + " megvalósulásáról"), now)


def _document(hep: Hep, cat: Catalog, make_builder, describe, now: dt.datetime | None) -> DocxDocument:
    """The package around the body a builder writes; ``describe(builder)`` gives the title and the
    subject of the document's properties."""
    doc = docx.Document(io.BytesIO(_template()))
    part = doc.part

    section = doc.sections[0]
    section.different_first_page_header_footer = True
    page = (f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="Footer"/></w:pPr>'
            + X.field("PAGE", "<w:r><w:t>1</w:t></w:r>", dirty=False) + "</w:p>")
    _footer(section.footer, page)
    _footer(section.first_page_footer, f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="Footer"/></w:pPr></w:p>')
    refs = {ref.get(qn("w:type")): ref.get(qn("r:id")) for ref in section._sectPr.iter(qn("w:footerReference"))}

    def add_image(png: bytes) -> str:
        rid, _ = part.get_or_add_image(io.BytesIO(png))
        return rid

    b = make_builder(add_image, {"default": refs["default"], "first": refs["first"]})
    b.build()
    body = b.xml() + b.final_sect_pr()
    part._element = parse_xml(f"<w:document {_NS}><w:body>{body}</w:body></w:document>")
    doc = DocxDocument(part._element, part)

    st = hep.settlement
    stamp = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(dt.UTC).replace(tzinfo=None)
    what, subject = describe(b)
    title = " – ".join(x for x in (b.body_name, what) if x.strip())
    props = doc.core_properties
    props.title = X.clean_text(title.strip())[:250]
    props.subject = X.clean_text(subject)[:250]
    props.author = props.last_modified_by = X.clean_text(b.body_name or st.name)[:250]
    props.keywords = X.clean_text("; ".join(x for x in ("helyi esélyegyenlőségi program", "HEP", st.name,
                                                        st.county) if x))[:250]
    props.category = "Helyi Esélyegyenlőségi Program"
    props.comments = f"hep_xl {__version__}; katalógus {cat.version}"
    props.language = "hu-HU"
    props.created = props.modified = stamp
    props.revision = 1
    for p in part.package.iter_parts():
        if str(p.partname) == "/docProps/app.xml":
            p._blob = _app_properties(b.body_name)
    return doc


__all__ = ["build_document", "build_report"]
