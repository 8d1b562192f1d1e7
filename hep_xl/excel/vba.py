"""Build the workbook's VBA project (``vbaProject.bin``) from source with ``ms-ovba``.

The project holds:

* ``ThisWorkbook`` and one empty document module per worksheet (``Sheet1`` … ``SheetN``, the code
  names xlsxwriter gives the sheets when a VBA project is added);
* ``xlwings``: the VBA module shipped inside the *installed* xlwings package (``xlwings.bas``,
  BSD 3-clause), read at build time — never copied into this repository — so its version always
  matches the Python package that answers ``RunPython``;
* ``HepRibbon``: our small ASCII-only module with the ribbon callbacks (``vba/HepRibbon.bas``).

The project is shaped like the ones Excel and EPPlus write (compared with the Excel-made
``quickstart.xlsm`` inside the xlwings package): a ``PROJECTwm`` stream naming every module, a
``VersionCompatible32="393222000"`` line and a ``[Workspace]`` section in the ``PROJECT`` stream,
and references to OLE Automation and the Office library (which defines ``IRibbonControl``).

``ms-ovba`` 0.0.1 writes its intermediate files into the current directory; :func:`build_vba_project`
runs it in a private temporary directory. Building xlwings' 46 kB module takes a few seconds
(pure-Python compression), so finished binaries are cached under a key of everything that goes
into them (see :func:`project_key` and :func:`vba_project_path`).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import threading
import uuid
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from ..files import atomic_output

HERE = Path(__file__).resolve().parent
HEP_MODULE_PATH = HERE / "vba" / "HepRibbon.bas"
HEP_MODULE_NAME = "HepRibbon"
XLWINGS_MODULE_NAME = "xlwings"
CODEPAGE = "cp1252"
# What Excel (and EPPlus) write into the PROJECT stream: the VBA 6+ compatibility marker, and one
# [Workspace] line per module (window position of the code window; zeros let the editor choose).
VERSION_COMPATIBLE32 = "393222000"
WORKSPACE = (0, 0, 0, 0, "C")

_WORKBOOK_GUID = "00020819-0000-0000-C000-000000000046"
_SHEET_GUID = "00020820-0000-0000-C000-000000000046"


@dataclass(frozen=True)
class TypeLibReference:
    """A registered type library the project references ([MS-OVBA] 2.3.4.2.2.5)."""

    name: str
    guid: str
    version: str
    path: str
    description: str


# OLE Automation and the Office library, which defines IRibbonControl for the ribbon callbacks.
REFERENCES: tuple[TypeLibReference, ...] = (
    TypeLibReference("stdole", "00020430-0000-0000-C000-000000000046", "2.0",
                     "C:\\Windows\\System32\\stdole2.tlb", "OLE Automation"),
    TypeLibReference("Office", "2DF8D04C-5BFA-101B-BDE5-00AA0044DE52", "2.0",
                     "C:\\Program Files\\Common Files\\Microsoft Shared\\OFFICE16\\MSO.DLL",
                     "Microsoft Office 16.0 Object Library"),
)

_lock = threading.RLock()


# ================================================================================================
# RUNTIME PATCH of ms-ovba-compression (dependency of ms-ovba 0.0.1) — the ONE place we touch it.
#
# ``MsOvba.copytoken_help`` computes ``max_length = 0xFFFF << bit_count + 3``, which Python parses
# as ``0xFFFF << (bit_count + 3)``: a huge maximum, so the compressor emits copy tokens longer than
# the length bits can hold and the module text is corrupted (first seen ~600 bytes into a module).
# [MS-OVBA] 2.4.1.3.19.1 says ``MaximumLength = (0xFFFF >> BitCount) + 3``. Decompression never
# uses maxLength, so only the compressor changes. tests/test_excel_artifact.py shows the round trip
# is exact with the patch and wrong without it.
# ================================================================================================
def _fixed_copytoken_help(difference: int) -> dict:
    from ms_ovba_compression.ms_ovba import MsOvba

    bit_count = MsOvba.ceil_log2(difference)
    length_mask = 0xFFFF >> bit_count
    return {
        "lengthMask": length_mask,
        "offsetMask": ~length_mask & 0xFFFF,
        "bitCount": bit_count,
        "maxLength": (0xFFFF >> bit_count) + 3,
    }


_original_copytoken_help = None  # ms-ovba-compression's own staticmethod, kept for the bug test


def patch_ms_ovba() -> None:
    """Install the copytoken fix (idempotent)."""
    global _original_copytoken_help
    from ms_ovba_compression.ms_ovba import MsOvba

    current = MsOvba.__dict__["copytoken_help"]
    if current.__func__ is _fixed_copytoken_help:
        return
    _original_copytoken_help = current
    MsOvba.copytoken_help = staticmethod(_fixed_copytoken_help)


@contextlib.contextmanager
def unpatched_ms_ovba():
    """Temporarily restore the shipped (buggy) helper — only for the test that proves the bug."""
    from ms_ovba_compression.ms_ovba import MsOvba

    patch_ms_ovba()
    with _lock:
        MsOvba.copytoken_help = _original_copytoken_help
        try:
            yield
        finally:
            MsOvba.copytoken_help = staticmethod(_fixed_copytoken_help)


# ================================================================================================


@dataclass(frozen=True)
class VbaModule:
    name: str
    source: str  # the module text as it appears in the VBA editor (incl. Attribute lines), CRLF
    document: bool = False


def _crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")


def xlwings_module_path() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("xlwings")
    if spec is None or not spec.origin:
        raise RuntimeError("az xlwings csomag nincs telepítve")
    return Path(spec.origin).parent / "xlwings.bas"


def xlwings_module_source() -> str:
    """The installed xlwings' standalone VBA module (checked to carry the BSD licence header)."""
    text = xlwings_module_path().read_text(encoding=CODEPAGE)
    if "BSD 3-clause" not in text[:2000]:
        raise RuntimeError("xlwings.bas: nem a várt BSD-licencű xlwings VBA-modul")
    return _crlf(text)


def xlwings_module_version(source: str) -> str:
    for line in source.splitlines()[:10]:
        if line.startswith("'Version:"):
            return line.split(":", 1)[1].strip()
    return ""


def hep_module_source() -> str:
    text = HEP_MODULE_PATH.read_text(encoding="ascii")  # ASCII only, by design
    return _crlf(text)


def document_module(name: str, guid: str) -> VbaModule:
    lines = [
        f'Attribute VB_Name = "{name}"',
        f'Attribute VB_Base = "0{{{guid}}}"',
        "Attribute VB_GlobalNameSpace = False",
        "Attribute VB_Creatable = False",
        "Attribute VB_PredeclaredId = True",
        "Attribute VB_Exposed = True",
        "Attribute VB_TemplateDerived = False",
        "Attribute VB_Customizable = True",
    ]
    return VbaModule(name, "\r\n".join(lines) + "\r\n", document=True)


def default_modules(sheet_count: int) -> list[VbaModule]:
    mods = [document_module("ThisWorkbook", _WORKBOOK_GUID)]
    mods += [document_module(f"Sheet{i}", _SHEET_GUID) for i in range(1, sheet_count + 1)]
    mods.append(VbaModule(XLWINGS_MODULE_NAME, xlwings_module_source()))
    mods.append(VbaModule(HEP_MODULE_NAME, hep_module_source()))
    return mods


def build_vba_project(modules: list[VbaModule], out: str | os.PathLike, *,
                      references: tuple[TypeLibReference, ...] = REFERENCES, patched: bool = True) -> Path:
    """Compile ``modules`` into a ``vbaProject.bin`` at ``out`` (atomically)."""
    import uuid as _uuid

    from ms_ovba.Models.Entities.doc_module import DocModule
    from ms_ovba.Models.Entities.reference import Reference
    from ms_ovba.Models.Entities.reference_registered import ReferenceRegistered
    from ms_ovba.Models.Entities.std_module import StdModule
    from ms_ovba.Models.Fields.libid_reference import LibidReference
    from ms_ovba.vbaProject import VbaProject
    from ms_ovba.Views.project_ole_file import ProjectOleFile

    if patched:
        patch_ms_ovba()
    target = Path(out).resolve()
    with _lock, tempfile.TemporaryDirectory(prefix="hep-vba-") as work, contextlib.chdir(work):
        project = VbaProject()
        project.codepage_name = CODEPAGE
        # a stable project id keeps the binary reproducible for the same sources
        digest = hashlib.sha256("".join(m.name + m.source for m in modules).encode("utf-8")).digest()
        project.project_id = "{" + str(uuid.UUID(bytes=digest[:16])).upper() + "}"
        project.add_attribute("VersionCompatible32", VERSION_COMPATIBLE32)
        project.include_projectwm()
        for i, mod in enumerate(modules):
            base = f"m{i}"  # ms-ovba reads "<file>.new" and writes "<file>.bin"
            Path(base + ".new").write_bytes(mod.source.encode(CODEPAGE))
            obj = DocModule(mod.name) if mod.document else StdModule(mod.name)
            obj.add_file(base)
            obj.add_workspace(*WORKSPACE)
            project.add_module(obj)
        for ref in references:
            libid = LibidReference(_uuid.UUID(ref.guid), ref.version, "0", ref.path, ref.description)
            project.add_reference(Reference(ReferenceRegistered(libid), ref.name))
        ProjectOleFile.write_file(project)
        data = Path("vbaProject.bin").read_bytes()
    with atomic_output(target) as tmp:
        tmp.write_bytes(data)
    return target


def _cache_dir() -> Path:
    env = os.environ.get("HEP_XL_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("LOCALAPPDATA") or os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "hep_xl"


_DISTRIBUTIONS = ("ms-ovba", "ms-ovba-compression", "ms-ovba-crypto", "ms-cfb")


def builder_fingerprint() -> str:
    """What builds the binary besides its inputs: this module's own text (the layout above, the
    references, the compression patch) and the versions of the ms-ovba distributions it drives."""
    h = hashlib.sha256(Path(__file__).read_bytes())
    for dist in _DISTRIBUTIONS:
        try:
            h.update(f";{dist}={metadata.version(dist)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f";{dist}=?".encode())
    return h.hexdigest()


def project_key(modules: list[VbaModule], references: tuple[TypeLibReference, ...] = REFERENCES) -> str:
    """A hash of everything that goes into the binary: modules (name, kind, source), references,
    code page and the builder (:func:`builder_fingerprint`)."""
    h = hashlib.sha256(f"{builder_fingerprint()};{CODEPAGE}".encode())
    for m in modules:
        h.update(b"\0M" + m.name.encode() + (b"D" if m.document else b"S") + m.source.encode(CODEPAGE))
    for r in references:
        h.update(b"\0R" + "\t".join((r.name, r.guid, r.version, r.path, r.description)).encode("utf-8"))
    return h.hexdigest()


_memo: dict[tuple, Path] = {}


def vba_project_path(sheet_count: int, references: tuple[TypeLibReference, ...] = REFERENCES) -> Path:
    """A ``vbaProject.bin`` for a workbook of ``sheet_count`` worksheets, built once per content.

    Cached under ``HEP_XL_CACHE_DIR`` (default: the user's cache folder) by :func:`project_key`, so
    a new xlwings, a changed HepRibbon.bas, another reference or a new builder (this module or an
    ms-ovba upgrade) rebuilds it. If the cache folder is not writable, a private temporary folder
    is used.
    """
    memo_key = (sheet_count, references, str(_cache_dir()))
    if memo_key in _memo and _memo[memo_key].is_file():
        return _memo[memo_key]
    modules = default_modules(sheet_count)
    name = f"vbaProject-{project_key(modules, references)[:24]}.bin"
    user = os.getuid() if hasattr(os, "getuid") else 0
    for folder in (_cache_dir() / "vba", Path(tempfile.gettempdir()) / f"hep_xl-vba-{user}"):
        path = folder / name
        if path.is_file():
            _memo[memo_key] = path
            return path
        try:
            folder.mkdir(parents=True, exist_ok=True)
            build_vba_project(modules, path, references=references)
        except OSError:
            continue
        _memo[memo_key] = path
        return path
    raise RuntimeError("a VBA-projekt nem hozható létre (nincs írható gyorsítótár-mappa)")
