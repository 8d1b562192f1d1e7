"""The workbook's own "HEP" ribbon tab (``customUI/customUI14.xml``) and how it is put in the file.

xlsxwriter has no API for customUI parts, so :func:`add_ribbon` post-processes the finished zip:
it copies every part unchanged, adds ``customUI/customUI14.xml`` and links it from ``_rels/.rels``
with the ``ui/extensibility`` relationship. It writes a new zip beside the file and renames it over
the original, so a failure leaves the input untouched.
"""

from __future__ import annotations

import os
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET
from xml.sax.saxutils import quoteattr

from ..files import atomic_output

CUSTOMUI_NS = "http://schemas.microsoft.com/office/2009/07/customui"
CUSTOMUI_PART = "customUI/customUI14.xml"
# customUI14.xml (2009 namespace, Office 2010+) is linked with the "2007" ui/extensibility type;
# the older customUI.xml (2006 namespace, Office 2007) would use ".../2006/relationships/...".
REL_TYPE = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
RIBBON_REL_ID = "hepRibbon"


@dataclass(frozen=True)
class RibbonButton:
    id: str
    label: str
    on_action: str  # VBA callback in HepRibbon.bas: Sub <on_action>(control As IRibbonControl)
    # an Excel control id (Microsoft's published Excel lists; an Outlook or Access id shows blank):
    # ErrorChecking (Formulas › Error Checking), GetExternalDataFromText (Data › From Text),
    # XmlExport (Developer › XML › Export), FileSaveAsOtherFormats (Save As › Other Formats),
    # ChartInsert (Insert › Chart)
    image_mso: str
    screentip: str
    supertip: str


@dataclass(frozen=True)
class RibbonGroup:
    id: str
    label: str
    buttons: tuple[RibbonButton, ...]


TAB_ID, TAB_LABEL = "hepTab", "HEP"
GROUPS: tuple[RibbonGroup, ...] = (
    RibbonGroup("hepGroupCheck", "Ellenőrzés", (
        RibbonButton("hepValidate", "Ellenőrzés", "HepValidate", "ErrorChecking",
                     "A munkafüzet ellenőrzése",
                     "Ellenőrzi a kitöltést a rendelet szerint; az eredmény az „Ellenőrzés” "
                     "munkalapra kerül, hivatkozással a hibás cellákra."),
    )),
    RibbonGroup("hepGroupData", "Adatok", (
        RibbonButton("hepFill", "Mutatók kitöltése", "HepFillIndicators", "GetExternalDataFromText",
                     "Statisztikai mutatók betöltése",
                     "A munkafüzet melletti „adatok” mappában talált TeIR/KSH-adatfájlokból "
                     "kitölti az 1. melléklet üres mutatóit (a beírt értékeket nem írja felül)."),
    )),
    RibbonGroup("hepGroupExport", "Exportálás", (
        RibbonButton("hepExportJson", "JSON export", "HepExportJson", "XmlExport",
                     "Mentés JSON-fájlba",
                     "A programot géppel olvasható JSON-fájlba menti a munkafüzet mellé."),
        RibbonButton("hepExportWord", "Word export", "HepExportWord", "FileSaveAsOtherFormats",
                     "Mentés Word-dokumentumba",
                     "A programot Word-dokumentumként (.docx) menti a munkafüzet mellé."),
        RibbonButton("hepExportReport", "Beszámoló", "HepExportReport", "ChartInsert",
                     "Beszámoló a HEP IT megvalósulásáról",
                     "A Megvalósítás lap és a HEP Fórum adataiból elkészíti a Fórum által elfogadásra javasolt "
                     "beszámolót (.docx) a munkafüzet mellé."),
    )),
)


def buttons() -> list[RibbonButton]:
    return [b for g in GROUPS for b in g.buttons]


def customui_xml() -> str:
    """The ribbon definition (UTF-8 XML text)."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
        f'<customUI xmlns="{CUSTOMUI_NS}">',
        "  <ribbon>",
        "    <tabs>",
        f"      <tab id={quoteattr(TAB_ID)} label={quoteattr(TAB_LABEL)}>",
    ]
    for g in GROUPS:
        lines.append(f"        <group id={quoteattr(g.id)} label={quoteattr(g.label)}>")
        for b in g.buttons:
            lines.append(
                f"          <button id={quoteattr(b.id)} label={quoteattr(b.label)} size=\"large\""
                f" imageMso={quoteattr(b.image_mso)} onAction={quoteattr(b.on_action)}"
                f" screentip={quoteattr(b.screentip)} supertip={quoteattr(b.supertip)}/>")
        lines.append("        </group>")
    lines += ["      </tab>", "    </tabs>", "  </ribbon>", "</customUI>", ""]
    return "\n".join(lines)


def _rels_with_ribbon(rels_xml: bytes) -> bytes:
    ET.register_namespace("", RELS_NS)
    root = ET.fromstring(rels_xml)
    for rel in list(root):
        if rel.get("Target", "").lstrip("/") == CUSTOMUI_PART:
            root.remove(rel)
    ids = {rel.get("Id") for rel in root}
    rid = RIBBON_REL_ID
    n = 1
    while rid in ids:
        rid, n = f"{RIBBON_REL_ID}{n}", n + 1
    ET.SubElement(root, f"{{{RELS_NS}}}Relationship",
                  {"Id": rid, "Type": REL_TYPE, "Target": CUSTOMUI_PART})
    body = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + body).encode("utf-8")


def add_ribbon(path: str | os.PathLike, xml: str | None = None) -> None:
    """Add (or replace) the HEP ribbon part in the workbook at ``path``, atomically."""
    src = Path(path)
    data = (xml or customui_xml()).encode("utf-8")
    with (zipfile.ZipFile(src) as zin, atomic_output(src) as tmp,
          zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout):
        for info in zin.infolist():
            if info.filename == CUSTOMUI_PART:
                continue
            body = zin.read(info.filename)
            if info.filename == "_rels/.rels":
                body = _rels_with_ribbon(body)
            zout.writestr(info, body)
        zout.writestr(zipfile.ZipInfo(CUSTOMUI_PART, date_time=(1980, 1, 1, 0, 0, 0)), data,
                      compress_type=zipfile.ZIP_DEFLATED)


def read_ribbon(path: str | os.PathLike) -> tuple[str | None, list[dict]]:
    """The customUI part's text and the package relationships that point at it (for tests)."""
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        xml = zf.read(CUSTOMUI_PART).decode("utf-8") if CUSTOMUI_PART in names else None
        rels = ET.fromstring(zf.read("_rels/.rels"))
    found = [dict(r.attrib) for r in rels if r.get("Target", "").lstrip("/") == CUSTOMUI_PART]
    return xml, found


def on_actions(xml: str) -> list[str]:
    return re.findall(r'onAction="([^"]+)"', xml)
