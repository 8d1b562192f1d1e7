"""The document's styles and settings parts: a small ``styles.xml`` with only the styles the document
uses (python-docx's default template carries some 300 KB of Word 2010's built-in styles), and a
``settings.xml`` with Hungarian hyphenation and fields updated on opening (the table of contents).

Arial throughout (LibreOffice renders it with the metric-compatible Liberation Sans, so lines break
in the same places); hu-HU as the proofing and hyphenation language.
"""

from __future__ import annotations

from docx.oxml.ns import nsdecls

from .metrics import FONT
from .ooxml import LANDSCAPE_WIDTH, PORTRAIT_WIDTH

_W = nsdecls("w")
DARK = "1F3864"


def _p(style_id: str, name: str, *, based="Normal", next_style="Normal", ppr="", rpr="", outline=None,
       ui: int | None = None, hidden=False) -> str:
    lvl = f'<w:outlineLvl w:val="{outline}"/>' if outline is not None else ""
    prio = f'<w:uiPriority w:val="{ui}"/>' if ui is not None else ""
    return (f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/>'
            f'<w:basedOn w:val="{based}"/><w:next w:val="{next_style}"/>{prio}{"<w:semiHidden/>" if hidden else ""}'
            f"<w:qFormat/><w:pPr>{ppr}{lvl}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>")


def _sz(points: float) -> str:
    return f'<w:sz w:val="{int(points * 2)}"/><w:szCs w:val="{int(points * 2)}"/>'


def _toc(level: int) -> str:
    indent = (level - 1) * 340
    bold = "<w:b/>" if level == 1 else ""
    before = 120 if level == 1 else 0
    return _p(f"TOC{level}", f"toc {level}", ui=39,
              ppr=f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{PORTRAIT_WIDTH - 10}"/></w:tabs>'
                  f'<w:spacing w:before="{before}" w:after="40" w:line="240" w:lineRule="auto"/>'
                  f'<w:ind w:left="{indent}"/><w:jc w:val="left"/>',
              rpr=bold + _sz(9.5))


STYLES_XML = f"""<w:styles {_W}>
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>
{_sz(10)}<w:lang w:val="hu-HU" w:eastAsia="hu-HU" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>
<w:pPr><w:widowControl/><w:jc w:val="both"/></w:pPr></w:style>
<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/>
<w:uiPriority w:val="1"/><w:semiHidden/></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:semiHidden/>
<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="57" w:type="dxa"/>
<w:bottom w:w="0" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/>
<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
<w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="808080"/>
<w:left w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="808080"/>
<w:right w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="808080"/>
<w:insideV w:val="single" w:sz="4" w:space="0" w:color="808080"/></w:tblBorders>
<w:tblCellMar><w:top w:w="28" w:type="dxa"/><w:left w:w="57" w:type="dxa"/><w:bottom w:w="28" w:type="dxa"/>
<w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
{_p("Title", "Title", ppr='<w:spacing w:before="240" w:after="120"/><w:jc w:val="center"/>', rpr=f'<w:b/><w:color w:val="{DARK}"/>' + _sz(26))}
{_p("Subtitle", "Subtitle", ppr='<w:spacing w:after="480"/><w:jc w:val="center"/>', rpr=f'<w:b/><w:color w:val="{DARK}"/>' + _sz(18))}
{_p("Issuer", "Kibocsátó", ppr='<w:spacing w:before="1800" w:after="360"/><w:jc w:val="center"/>', rpr="<w:b/>" + _sz(16))}
{_p("TitleInfo", "Címlap adat", ppr='<w:spacing w:after="60"/><w:jc w:val="center"/>', rpr=_sz(11))}
{_p("Heading1", "heading 1", outline=0, ui=9, ppr='<w:keepNext/><w:keepLines/><w:pageBreakBefore/><w:spacing w:before="0" w:after="240"/><w:jc w:val="left"/>', rpr=f'<w:b/><w:color w:val="{DARK}"/>' + _sz(16))}
{_p("Heading2", "heading 2", outline=1, ui=9, ppr='<w:keepNext/><w:keepLines/><w:spacing w:before="360" w:after="120"/><w:jc w:val="left"/>', rpr=f'<w:b/><w:color w:val="{DARK}"/>' + _sz(13))}
{_p("Heading3", "heading 3", outline=2, ui=9, ppr='<w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="80"/><w:jc w:val="left"/>', rpr=f'<w:b/><w:color w:val="{DARK}"/>' + _sz(11))}
{_p("Heading4", "heading 4", outline=3, ui=9, ppr='<w:keepNext/><w:keepLines/><w:spacing w:before="200" w:after="60"/><w:jc w:val="left"/>', rpr="<w:b/><w:i/>" + _sz(10))}
{_p("TOCHeading", "TOC Heading", ui=39, ppr='<w:keepNext/><w:pageBreakBefore/><w:spacing w:before="0" w:after="240"/><w:jc w:val="left"/>', rpr=f'<w:b/><w:color w:val="{DARK}"/>' + _sz(16))}
{_toc(1)}{_toc(2)}{_toc(3)}
{_p("Caption", "caption", ui=35, ppr='<w:keepNext/><w:keepLines/><w:spacing w:before="160" w:after="60"/><w:jc w:val="left"/>', rpr="<w:b/>" + _sz(9))}
{_p("FigureCaption", "Ábracím", based="Caption", ppr='<w:keepNext w:val="0"/><w:spacing w:before="40" w:after="200"/>')}
{_p("Figure", "Ábra", ppr='<w:keepNext/><w:spacing w:before="120" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/>')}
{_p("TableText", "Táblázat szövege", ppr='<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="left"/>', rpr=_sz(8))}
{_p("TableHeading", "Táblázat fejléce", based="TableText", rpr="<w:b/>" + _sz(8))}
{_p("Source", "Forrás", ppr='<w:keepLines/><w:spacing w:before="40" w:after="200" w:line="240" w:lineRule="auto"/><w:jc w:val="left"/>', rpr='<w:i/><w:color w:val="404040"/>' + _sz(8))}
{_p("Reference", "Hivatkozás", ppr='<w:spacing w:before="0" w:after="80"/><w:jc w:val="left"/>', rpr='<w:i/><w:color w:val="404040"/>' + _sz(9))}
{_p("Note", "Megjegyzés", ppr='<w:spacing w:after="160"/><w:jc w:val="left"/>', rpr='<w:i/><w:color w:val="595959"/>' + _sz(9))}
{_p("Signature", "Aláírás", ppr='<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/>', rpr=_sz(10))}
{_p("Footer", "footer", ppr='<w:spacing w:after="0"/><w:jc w:val="center"/>', rpr=_sz(9))}
{_p("SectionEnd", "Szakaszvég", ppr='<w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>', rpr=_sz(1))}
</w:styles>""".replace("\n", "")

SETTINGS_XML = f"""<w:settings {_W}><w:zoom w:percent="100"/><w:defaultTabStop w:val="708"/>
<w:autoHyphenation/><w:consecutiveHyphenLimit w:val="2"/><w:hyphenationZone w:val="357"/><w:doNotHyphenateCaps/>
<w:characterSpacingControl w:val="doNotCompress"/><w:updateFields w:val="true"/>
<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>
</w:compat><w:themeFontLang w:val="hu-HU"/><w:decimalSymbol w:val=","/><w:listSeparator w:val=";"/></w:settings>
""".replace("\n", "")

__all__ = ["STYLES_XML", "SETTINGS_XML", "LANDSCAPE_WIDTH"]
