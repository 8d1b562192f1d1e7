"""Build the workbook's VBA project (``vbaProject.bin``) from source with ``ms-ovba``.

The project holds:

* ``ThisWorkbook`` and one empty document module per worksheet (``Sheet1`` … ``SheetN``, the code
  names xlsxwriter gives the sheets when a VBA project is added);
* ``xlwings``: the VBA module shipped inside the *installed* xlwings package (``xlwings.bas``,
  BSD 3-clause), read at build time — never copied into this repository — so its version always
  matches the Python package that answers ``RunPython``;
* ``HepRibbon``: our small ASCII-only module with the ribbon callbacks (``vba/HepRibbon.bas``).

``ms-ovba`` 0.0.1 writes its intermediate files into the current directory; :func:`build_vba_project`
runs it in a private temporary directory. Building xlwings' 46 kB module takes a few seconds
(pure-Python compression), so finished binaries are cached by content hash (see :func:`vba_project_path`).
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
BUILDER_VERSION = "1"  # bump when the project layout below changes (invalidates caches)

_WORKBOOK_GUID = "00020819-0000-0000-C000-000000000046"
_SHEET_GUID = "00020820-0000-0000-C000-000000000046"
_REFERENCES = (
    # (name, libid guid, version, path, description): OLE Automation and the Office library,
    # which defines IRibbonControl for the ribbon callbacks.
    ("stdole", "00020430-0000-0000-C000-000000000046", "2.0",
     "C:\\Windows\\System32\\stdole2.tlb", "OLE Automation"),
    ("Office", "2DF8D04C-5BFA-101B-BDE5-00AA0044DE52", "2.0",
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
# uses maxLength, so only the compressor changes. tests/test_excel_vba.py shows the round trip is
# exact with the patch and wrong without it.
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


def build_vba_project(modules: list[VbaModule], out: str | os.PathLike, *, patched: bool = True) -> Path:
    """Compile ``modules`` into a ``vbaProject.bin`` at ``out`` (atomically)."""
    import uuid as _uuid

    from ms_ovba.Models.Entities.doc_module import DocModule
    from ms_ovba.Models.Entities.reference import Reference
    from ms_ovba.Models.Entities.reference_registered import ReferenceRegistered
    from ms_ovba.Models.Entities.std_module import StdModule
    from ms_ovba.Models.Fields.libid_reference import LibidReference
    from ms_ovba.Views.project_ole_file import ProjectOleFile
    from ms_ovba.vbaProject import VbaProject

    if patched:
        patch_ms_ovba()
    target = Path(out).resolve()
    with _lock, tempfile.TemporaryDirectory(prefix="hep-vba-") as work, contextlib.chdir(work):
        project = VbaProject()
        project.codepage_name = CODEPAGE
        # a stable project id keeps the binary reproducible for the same sources
        digest = hashlib.sha256("".join(m.name + m.source for m in modules).encode("utf-8")).digest()
        project.project_id = "{" + str(uuid.UUID(bytes=digest[:16])).upper() + "}"
        for i, mod in enumerate(modules):
            base = f"m{i}"  # ms-ovba reads "<file>.new" and writes "<file>.bin"
            Path(base + ".new").write_bytes(mod.source.encode(CODEPAGE))
            obj = DocModule(mod.name) if mod.document else StdModule(mod.name)
            obj.add_file(base)
            project.add_module(obj)
        for name, guid, version, path, desc in _REFERENCES:
            libid = LibidReference(_uuid.UUID(guid), version, "0", path, desc)
            project.add_reference(Reference(ReferenceRegistered(libid), name))
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


def _versions() -> str:
    out = []
    for dist in ("ms-ovba", "ms-ovba-compression", "ms-cfb"):
        try:
            out.append(f"{dist}={metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            out.append(f"{dist}=?")
    return ";".join(out)


_memo: dict[int, Path] = {}


def vba_project_path(sheet_count: int) -> Path:
    """A ``vbaProject.bin`` for a workbook of ``sheet_count`` worksheets, built once per content.

    Cached under ``HEP_XL_CACHE_DIR`` (default: the user's cache folder) by a hash of every module
    source, the builder and the ms-ovba versions, so a new xlwings or a changed HepRibbon.bas
    rebuilds it. If the cache folder is not writable, a private temporary folder is used.
    """
    if sheet_count in _memo and _memo[sheet_count].is_file():
        return _memo[sheet_count]
    modules = default_modules(sheet_count)
    h = hashlib.sha256()
    h.update(f"{BUILDER_VERSION};{_versions()};{CODEPAGE}".encode())
    for m in modules:
        h.update(b"\0" + m.name.encode() + b"\0" + m.source.encode(CODEPAGE) + (b"D" if m.document else b"S"))
    name = f"vbaProject-{h.hexdigest()[:24]}.bin"
    for folder in (_cache_dir() / "vba", Path(tempfile.gettempdir()) / f"hep_xl-vba-{os.getuid() if hasattr(os, 'getuid') else 0}"):
        path = folder / name
        if path.is_file():
            _memo[sheet_count] = path
            return path
        try:
            folder.mkdir(parents=True, exist_ok=True)
            build_vba_project(modules, path)
        except OSError:
            continue
        _memo[sheet_count] = path
        return path
    raise RuntimeError("a VBA-projekt nem hozható létre (nincs írható gyorsítótár-mappa)")

