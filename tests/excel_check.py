"""The artifact check: what Excel needs of a macro-enabled HEP workbook, checked on the file itself.

:func:`check_xlsm` reads a ``.xlsm`` the way Excel and xlwings will, and returns every problem it
finds (an empty list means the file passed). Each rule is checked against an authority outside
hep_xl, never against the constant the code used to write the file:

* the ribbon part against Microsoft's customUI14 schema (``tests/data/customui``) and its
  relationship type against the one Office 2010+ expects for that schema;
* every ``imageMso`` against Microsoft's published Excel control identifiers
  (``tests/data/excel_controls``);
* every ``onAction`` against a ``Public Sub X(control As IRibbonControl)`` in a standard module of
  the VBA project as olevba reads it back, every procedure a callback calls against the public
  procedures of the project (``RunPython`` lives in xlwings' module), every ``RunPython`` command
  against the Python modules and functions it names (imported, not run);
* the references in the VBA project's ``dir`` stream against the type-library GUIDs Microsoft
  registers for OLE Automation and the Office library (``IRibbonControl`` is defined there);
* module kinds (``dir`` stream and ``PROJECT`` stream) and code names against the workbook parts;
* the ``PROJECT`` stream and ``PROJECTwm`` against what Excel itself writes (xlwings'
  Excel-made ``quickstart.xlsm``): ``VersionCompatible32``, a ``[Workspace]`` line per module;
* the settings sheet's keys against the keys the installed xlwings VBA module reads
  (``GetConfig("…")`` in ``xlwings.bas``), with no empty rows hiding the user's own settings.

``tests/test_excel_mutations.py`` breaks a generated file in each of the ways this must catch.
"""

from __future__ import annotations

import ast
import copy
import functools
import importlib
import re
import struct
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

DATA = Path(__file__).resolve().parent / "data"
XSD_PATH = DATA / "customui" / "customui14.xsd"
CONTROL_LISTS = (DATA / "excel_controls" / "excelcontrols_m365_current_channel.tsv",
                 DATA / "excel_controls" / "excelcontrols_office2016.tsv")

# [MS-CUSTOMUI2] 2.1: the 2009 customUI namespace (Office 2010+) is linked with the relationship
# type of the "2007" ui/extensibility family; the 2006 type belongs to the 2006 namespace
# (customUI.xml, Office 2007). Written out here, not taken from hep_xl.excel.ribbon.
CUSTOMUI14_NS = "http://schemas.microsoft.com/office/2009/07/customui"
CUSTOMUI14_REL = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
PACKAGE_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
MACRO_MAIN_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
VBA_PROJECT_TYPE = "application/vnd.ms-office.vbaProject"
# Type-library GUIDs as registered by Windows/Office (HKCR\TypeLib): OLE Automation (stdole2.tlb)
# and the Microsoft Office Object Library (MSO.DLL, where IRibbonControl is defined).
REQUIRED_REFERENCES = {"{00020430-0000-0000-C000-000000000046}": "OLE Automation (stdole)",
                       "{2DF8D04C-5BFA-101B-BDE5-00AA0044DE52}": "Microsoft Office Object Library"}
# What Excel writes in the PROJECT stream (see quickstart.xlsm inside the xlwings package)
VERSION_COMPATIBLE32 = 'VersionCompatible32="393222000"'
XLWINGS_CONF_SHEET = "xlwings.conf"  # xlwings.bas: Sheets(PROJECT_NAME & ".conf"), PROJECT_NAME = "xlwings"

_MAIN_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
            "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}


# -- reference data ---------------------------------------------------------------------------------

def _dedupe_attribute_uses(doc) -> None:
    """Remove attribute uses that an extension repeats from its base type (lxml refuses them).

    Ten complex types of customui14.xsd extend a base and list again an attribute group (or an
    attribute) the base already carries; .NET accepts that, libxml2 reports "Duplicate attribute
    use". Dropping the repeat keeps each type's set of allowed attributes unchanged; a group that
    overlaps only in part is replaced by its remaining attributes.
    """
    xs = "{http://www.w3.org/2001/XMLSchema}"
    root = doc.getroot()
    groups = {g.get("name"): g for g in root.iter(xs + "attributeGroup") if g.get("name")}
    types = {t.get("name"): t for t in root.iter(xs + "complexType") if t.get("name")}

    def group_attributes(name: str) -> list:
        out = []
        for el in groups[name]:
            if el.tag == xs + "attribute":
                out.append(el)
            elif el.tag == xs + "attributeGroup":
                out += group_attributes(el.get("ref"))
        return out

    def names_in(container) -> set[str]:
        out: set[str] = set()
        for el in container:
            if el.tag == xs + "attribute":
                out.add(el.get("name") or el.get("ref"))
            elif el.tag == xs + "attributeGroup":
                out |= {a.get("name") or a.get("ref") for a in group_attributes(el.get("ref"))}
        return out

    def type_attributes(name: str) -> set[str]:
        t = types.get(name)
        if t is None:  # a built-in type
            return set()
        out = names_in(t)
        for derivation in t.iterfind(f"{xs}complexContent/*"):
            out |= type_attributes(derivation.get("base"))
            if derivation.tag == xs + "extension":
                out |= names_in(derivation)
        return out

    for t in types.values():
        for ext in t.iterfind(f"{xs}complexContent/{xs}extension"):
            inherited = type_attributes(ext.get("base"))
            for el in list(ext):
                if el.tag == xs + "attribute" and (el.get("name") or el.get("ref")) in inherited:
                    ext.remove(el)
                elif el.tag == xs + "attributeGroup":
                    attrs = group_attributes(el.get("ref"))
                    names = {a.get("name") or a.get("ref") for a in attrs}
                    if names & inherited:
                        at = list(ext).index(el)
                        ext.remove(el)
                        for a in reversed([a for a in attrs if (a.get("name") or a.get("ref")) not in inherited]):
                            ext.insert(at, copy.deepcopy(a))


@functools.cache
def customui14_schema():
    from lxml import etree

    doc = etree.parse(str(XSD_PATH))
    _dedupe_attribute_uses(doc)
    return etree.XMLSchema(doc)


@functools.cache
def excel_control_ids() -> frozenset[str]:
    """Control names present in every list (so the icon shows in Office 2016 and in Microsoft 365)."""
    sets = []
    for path in CONTROL_LISTS:
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0] == "Control Name\tControl Type", path
        sets.append({line.split("\t", 1)[0] for line in lines[1:] if line})
    return frozenset(set.intersection(*sets))


def _xlwings_bas() -> str:
    import xlwings

    return (Path(xlwings.__file__).parent / "xlwings.bas").read_text(encoding="cp1252")


@functools.cache
def xlwings_config_keys() -> frozenset[str]:
    """The settings the installed xlwings VBA module reads: every ``GetConfig("KEY"`` literal.

    ``GetConfigFromSheet`` stores the sheet's keys upper-cased, so these are compared upper-case."""
    return frozenset(k.upper() for k in re.findall(r'GetConfig\("([^"]+)"', _xlwings_bas()))


# -- the VBA project --------------------------------------------------------------------------------

@dataclass
class DirModule:
    name: str
    stream: str = ""
    kind: int | None = None  # 0x21 procedural (standard) module, 0x22 document/class module


@dataclass
class VbaProjectInfo:
    streams: set[str]
    project_text: str
    projectwm: bytes | None
    references: list[tuple[str, str]] = field(default_factory=list)  # (name, libid)
    modules: list[DirModule] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)  # olevba: module name -> code


def _dir_records(data: bytes):
    """[MS-OVBA] 2.3.4.2 records of the decompressed dir stream: (id, body)."""
    i = 0
    while i + 6 <= len(data):
        rid, size = struct.unpack_from("<HI", data, i)
        if rid == 0x0009:  # PROJECTVERSION: Size is 4 but 6 bytes follow
            size = 6
        yield rid, data[i + 6:i + 6 + size]
        i += 6 + size


def read_vba_project(vba_bin: bytes) -> VbaProjectInfo:
    import olefile
    from oletools.olevba import decompress_stream

    from .vba_read import vba_modules_from_bytes

    ole = olefile.OleFileIO(vba_bin)
    try:
        streams = {"/".join(s) for s in ole.listdir()}
        project_text = ole.openstream("PROJECT").read().decode("cp1252")
        projectwm = ole.openstream("PROJECTwm").read() if "PROJECTwm" in streams else None
        info = VbaProjectInfo(streams, project_text, projectwm)
        name = None
        for rid, body in _dir_records(bytes(decompress_stream(bytearray(ole.openstream("VBA/dir").read())))):
            if rid == 0x16:  # REFERENCENAME
                name = body.decode("cp1252")
            elif rid == 0x0D:  # REFERENCEREGISTERED: SizeOfLibid, Libid, reserved
                (n,) = struct.unpack_from("<I", body)
                info.references.append((name or "", body[4:4 + n].decode("cp1252")))
            elif rid == 0x19:  # MODULENAME
                info.modules.append(DirModule(body.decode("cp1252")))
            elif rid == 0x1A and info.modules:
                info.modules[-1].stream = body.decode("cp1252")
            elif rid in (0x21, 0x22) and info.modules:
                info.modules[-1].kind = rid
    finally:
        ole.close()
    info.sources = vba_modules_from_bytes(vba_bin)
    return info


_PROC = re.compile(r"^(Public\s+|Private\s+|Friend\s+)?(Static\s+)?(Sub|Function|Property\s+\w+)\s+(\w+)\s*"
                   r"\(([^)]*)\)", re.I | re.M)


def _procedures(code: str) -> dict[str, tuple[str, str, str]]:
    """name -> (visibility, kind, parameter list) of each procedure in a module's code."""
    out = {}
    for m in _PROC.finditer(code):
        out[m.group(4)] = ((m.group(1) or "Public").strip(), m.group(3).split()[0], m.group(5).strip())
    return out


def _body(code: str, name: str) -> list[str]:
    m = re.search(rf"^Public Sub {re.escape(name)}\(.*?\)\s*$(.*?)^End Sub", code, re.M | re.S | re.I)
    if m is None:
        return []
    lines = []
    for raw in m.group(1).splitlines():
        line = raw.split("'", 1)[0].strip() if not raw.strip().startswith("'") else ""
        if line:
            lines.append(line)
    return lines


def _vba_string(text: str) -> str:
    return text[1:-1].replace('""', '"')


def check_python_command(command: str) -> list[str]:
    """A ``RunPython`` command: every import must import, every called name must exist and be callable."""
    try:
        tree = ast.parse(command)
    except SyntaxError as exc:
        return [f"RunPython {command!r}: not valid Python ({exc.msg})"]
    problems = []
    scope: dict[str, object] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                try:
                    mod = importlib.import_module(alias.name)
                except ImportError as exc:
                    problems.append(f"RunPython {command!r}: import {alias.name}: {exc}")
                    continue
                if alias.asname:
                    scope[alias.asname] = mod
                else:
                    scope[alias.name.split(".")[0]] = importlib.import_module(alias.name.split(".")[0])
        elif isinstance(node, ast.ImportFrom):
            try:
                mod = importlib.import_module(node.module or "")
            except ImportError as exc:
                problems.append(f"RunPython {command!r}: from {node.module}: {exc}")
                continue
            for alias in node.names:
                if not hasattr(mod, alias.name):
                    problems.append(f"RunPython {command!r}: {node.module} has no {alias.name}")
                else:
                    scope[alias.asname or alias.name] = getattr(mod, alias.name)
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
    if not calls:
        problems.append(f"RunPython {command!r}: calls nothing")
    for call in calls:
        chain, f = [], call.func
        while isinstance(f, ast.Attribute):
            chain.insert(0, f.attr)
            f = f.value
        if not isinstance(f, ast.Name):
            problems.append(f"RunPython {command!r}: call target not a name")
            continue
        if f.id not in scope:
            problems.append(f"RunPython {command!r}: {f.id} is not imported")
            continue
        obj = scope[f.id]
        for attr in chain:
            if not hasattr(obj, attr):
                problems.append(f"RunPython {command!r}: {'.'.join([f.id, *chain])} does not exist")
                break
            obj = getattr(obj, attr)
        else:
            if not callable(obj):
                problems.append(f"RunPython {command!r}: {'.'.join([f.id, *chain])} is not callable")
    return problems


# -- the whole file ---------------------------------------------------------------------------------

def _resolve(target: str, base_dir: str = "") -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    parts = [p for p in (base_dir + "/" + target).split("/") if p and p != "."]
    out: list[str] = []
    for p in parts:
        if p == "..":
            if out:
                out.pop()
        else:
            out.append(p)
    return "/".join(out)


def check_ribbon(xml: bytes) -> list[str]:
    from lxml import etree

    problems = []
    try:
        doc = etree.fromstring(xml)
    except etree.XMLSyntaxError as exc:
        return [f"customUI: not well-formed XML: {exc}"]
    schema = customui14_schema()
    if not schema.validate(doc):
        problems += [f"customUI: schema: line {e.line}: {e.message}" for e in schema.error_log]
    known = excel_control_ids()
    for el in doc.iter():
        image = el.get("imageMso")
        if image is not None and image not in known:
            problems.append(f"customUI: imageMso {image!r} of {el.get('id')!r} is not an Excel control id")
    return problems


def check_xlsm(path: str | Path) -> list[str]:
    """Every problem found in the macro-enabled workbook at ``path`` (empty: it passed)."""
    from lxml import etree

    problems: list[str] = []
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        if zf.testzip() is not None:
            problems.append("zip: a damaged member")
        types = ET.fromstring(zf.read("[Content_Types].xml"))
        overrides = {o.get("PartName", "").lstrip("/"): o.get("ContentType") for o in types
                     if o.tag.endswith("Override")}
        defaults = {d.get("Extension"): d.get("ContentType") for d in types if d.tag.endswith("Default")}
        if overrides.get("xl/workbook.xml") != MACRO_MAIN_TYPE:
            problems.append(f"content types: xl/workbook.xml is {overrides.get('xl/workbook.xml')!r}, "
                            f"not {MACRO_MAIN_TYPE}")
        vba_type = overrides.get("xl/vbaProject.bin") or defaults.get("bin")
        if vba_type != VBA_PROJECT_TYPE:
            problems.append(f"content types: xl/vbaProject.bin is {vba_type!r}")

        # the ribbon part and its package relationship
        rels = ET.fromstring(zf.read("_rels/.rels"))
        ui = [r for r in rels if r.get("Type", "").endswith("/relationships/ui/extensibility")]
        ribbon_xml = None
        if len(ui) != 1:
            problems.append(f"ribbon: {len(ui)} ui/extensibility relationships in _rels/.rels (need 1)")
        for rel in ui:
            target = _resolve(rel.get("Target", ""))
            if rel.get("Type") != CUSTOMUI14_REL:
                problems.append(f"ribbon: relationship type {rel.get('Type')} does not load a customUI14 part "
                                f"(Office 2010+ needs {CUSTOMUI14_REL})")
            if target not in names:
                problems.append(f"ribbon: relationship target {target!r} is not in the package")
            else:
                ribbon_xml = zf.read(target)
                root_ns = etree.fromstring(ribbon_xml).tag.split("}")[0].lstrip("{")
                if root_ns != CUSTOMUI14_NS:
                    problems.append(f"ribbon: root namespace {root_ns} is not the customUI14 namespace")
        if ribbon_xml is not None:
            problems += check_ribbon(ribbon_xml)

        # the workbook's code names
        wb_xml = ET.fromstring(zf.read("xl/workbook.xml"))
        wb_pr = wb_xml.find("m:workbookPr", _MAIN_NS)
        code_names = [wb_pr.get("codeName") if wb_pr is not None else None]
        wb_rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
        targets = {r.get("Id"): _resolve(r.get("Target", ""), "xl") for r in wb_rels}
        sheet_parts = {}
        for s in wb_xml.iterfind("m:sheets/m:sheet", _MAIN_NS):
            part = targets.get(s.get(f"{{{_MAIN_NS['r']}}}id"))
            sheet_parts[s.get("name")] = part
            pr = ET.fromstring(zf.read(part)).find("m:sheetPr", _MAIN_NS) if part in names else None
            code_names.append(pr.get("codeName") if pr is not None else None)
        vba_bin = zf.read("xl/vbaProject.bin") if "xl/vbaProject.bin" in names else None
    if vba_bin is None:
        return problems + ["vba: no xl/vbaProject.bin"]
    if ribbon_xml is None:
        problems.append("ribbon: no customUI part linked")

    project = read_vba_project(vba_bin)
    problems += _check_project(project, code_names)
    problems += _check_callbacks(project, ribbon_xml)
    problems += _check_settings(path, sheet_parts)
    return problems


def _check_project(project: VbaProjectInfo, code_names: list[str | None]) -> list[str]:
    problems = []
    dir_names = [m.name for m in project.modules]
    lines = project.project_text.split("\r\n")
    listed = {}
    for line in lines:
        key, _, value = line.partition("=")
        if key in ("Document", "Module", "Class", "BaseClass"):
            listed[value.split("/")[0]] = key
    for mod in project.modules:
        if f"VBA/{mod.stream}" not in project.streams:
            problems.append(f"vba: module {mod.name}: no stream VBA/{mod.stream}")
        if mod.name not in project.sources:
            problems.append(f"vba: module {mod.name}: olevba cannot read its source")
        kind = listed.get(mod.name)
        if kind is None:
            problems.append(f"vba: module {mod.name} is not listed in the PROJECT stream")
        elif (kind == "Module") != (mod.kind == 0x21):
            problems.append(f"vba: module {mod.name}: PROJECT says {kind}, dir says type {mod.kind:#x}")
    for name in code_names:
        if name is None:
            problems.append("vba: a workbook part without a codeName")
        elif listed.get(name) != "Document":
            problems.append(f"vba: code name {name} has no document module")
    std = {m.name for m in project.modules if m.kind == 0x21}
    if "xlwings" not in std:
        problems.append("vba: the xlwings module is not a standard module")
    # the references IRibbonControl and the rest of the project need
    guids = {re.search(r"\{[0-9A-Fa-f-]{36}\}", libid).group(0).upper() for _, libid in project.references
             if re.search(r"\{[0-9A-Fa-f-]{36}\}", libid)}
    for guid, what in REQUIRED_REFERENCES.items():
        if guid not in guids:
            problems.append(f"vba: no reference to {what} {guid}")
    # PROJECT stream and PROJECTwm as Excel writes them
    if VERSION_COMPATIBLE32 not in lines:
        problems.append("vba: PROJECT stream has no VersionCompatible32 line")
    if "[Workspace]" not in lines:
        problems.append("vba: PROJECT stream has no [Workspace] section")
    else:
        ws = lines[lines.index("[Workspace]") + 1:]
        entries = [line.split("=", 1)[0] for line in ws if "=" in line]
        if entries != dir_names:
            problems.append(f"vba: [Workspace] lists {entries}, modules are {dir_names}")
        for line in ws:
            if line and not re.fullmatch(r"\w+=-?\d+, -?\d+, -?\d+, -?\d+, [CIZ]\s?", line):
                problems.append(f"vba: [Workspace] line {line!r}")
    if project.projectwm is None:
        problems.append("vba: no PROJECTwm stream")
    else:
        expected = b"".join(n.encode("cp1252") + b"\0" + n.encode("utf-16-le") + b"\0\0" for n in dir_names)
        if project.projectwm != expected + b"\0\0":
            problems.append("vba: PROJECTwm does not name the modules of the dir stream")
    return problems


def _check_callbacks(project: VbaProjectInfo, ribbon_xml: bytes | None) -> list[str]:
    if ribbon_xml is None:
        return []
    problems = []
    std = [m.name for m in project.modules if m.kind == 0x21]
    public = {}
    for name in std:
        for proc, (vis, kind, params) in _procedures(project.sources.get(name, "")).items():
            if vis.lower() == "public":
                public[proc.lower()] = (name, kind, params)
    actions = re.findall(rb'onAction="([^"]+)"', ribbon_xml)
    if not actions:
        problems.append("ribbon: no onAction")
    for raw in actions:
        action = raw.decode("utf-8")
        found = public.get(action.lower())
        if found is None or found[1].lower() != "sub" or not re.fullmatch(
                r"(ByRef\s+|ByVal\s+)?\w+\s+As\s+IRibbonControl", found[2], re.I):
            problems.append(f"ribbon: onAction {action!r} has no Public Sub {action}(control As IRibbonControl) "
                            "in a standard module")
            continue
        body = _body(project.sources[found[0]], action)
        if not body:
            problems.append(f"vba: {action} does nothing")
        for line in body:
            m = re.match(r"^(?:Call\s+)?(\w+)\s*\(?\s*(\"(?:[^\"]|\"\")*\")?", line, re.I)
            called = m.group(1) if m else line
            if called.lower() not in public or called.lower() == action.lower():
                problems.append(f"vba: {action} calls {called!r}, which no standard module defines as Public")
                continue
            if called.lower() == "runpython":
                if not m.group(2):
                    problems.append(f"vba: {action}: RunPython without a literal command")
                else:
                    problems += check_python_command(_vba_string(m.group(2)))
    return problems


def _check_settings(path, sheet_parts: dict) -> list[str]:
    import openpyxl

    if XLWINGS_CONF_SHEET not in sheet_parts:
        return [f"settings: no {XLWINGS_CONF_SHEET!r} sheet"]
    wb = openpyxl.load_workbook(path, keep_vba=True)
    try:
        ws = wb[XLWINGS_CONF_SHEET]
        rows = [(ws.cell(r, 1).value, ws.cell(r, 2).value) for r in range(1, ws.max_row + 1)]
    finally:
        wb.close()
    problems = []
    known = xlwings_config_keys()
    seen_blank = False
    for i, (key, value) in enumerate(rows, start=1):
        if key in (None, ""):
            seen_blank = True
            continue
        if seen_blank:
            problems.append(f"settings: A{i} {key!r} is below a blank row (xlwings stops at the first blank)")
        if str(key).upper() not in known:
            problems.append(f"settings: A{i} {key!r} is not a setting xlwings reads")
        if value in (None, ""):
            problems.append(f"settings: A{i} {key!r} is empty; an empty row hides the user's own setting "
                            "(delete the row instead)")
    return problems
