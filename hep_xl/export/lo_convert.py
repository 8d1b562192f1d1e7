"""Word document → PDF/A-2b through LibreOffice's UNO API, with the fields updated first.

Run as a script by the Python that has LibreOffice's ``uno`` module (Debian's python3-uno, or the
Python LibreOffice bundles on Windows and macOS); it imports nothing from hep_xl, only the
standard library and ``uno``::

    python3 lo_convert.py SOFFICE SOURCE.docx TARGET.pdf PROFILE_URL

It starts ``soffice`` headless with its own profile, loads the document hidden, updates every
index (the table of contents gets its page numbers) and field twice (a longer table of contents
moves the pages it numbers), and stores the PDF with the ``writer_pdf_Export`` filter as PDF/A-2b
(``SelectPdfVersion`` = 2), tagged, with the headings as PDF bookmarks. Exit code 0 when the PDF
was written; a message on stderr otherwise.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid


def _prop(name, value):
    from com.sun.star.beans import PropertyValue

    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def convert(soffice: str, source: str, target: str, profile_url: str, timeout: float = 240) -> None:
    import uno

    pipe = "hep_xl_" + uuid.uuid4().hex
    proc = subprocess.Popen(
        [soffice, f"-env:UserInstallation={profile_url}", "--headless", "--invisible", "--norestore", "--nologo",
         "--nodefault", "--nolockcheck", f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    desktop = None
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        start = time.monotonic()
        while True:
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:  # noqa: BLE001 - the office is still starting (NoConnectException)
                if proc.poll() is not None or time.monotonic() - start > timeout:
                    raise RuntimeError("LibreOffice did not start") from None
                time.sleep(0.1)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(source)), "_blank", 0,
                                           (_prop("Hidden", True), _prop("ReadOnly", True)))
        if doc is None:
            raise RuntimeError("LibreOffice could not open the document")
        for _ in range(2):
            indexes = doc.getDocumentIndexes()
            for i in range(indexes.getCount()):
                indexes.getByIndex(i).update()
            doc.getTextFields().refresh()
        options = uno.Any("[]com.sun.star.beans.PropertyValue", (
            _prop("SelectPdfVersion", 2), _prop("UseTaggedPDF", True), _prop("ExportBookmarks", True)))
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(target)),
                       (_prop("FilterName", "writer_pdf_Export"), _prop("FilterData", options)))
        doc.close(True)
    finally:
        if desktop is not None:
            try:
                desktop.terminate()
            except Exception:  # noqa: BLE001 - the office quits and drops the bridge while answering
                pass
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def main(argv: list[str]) -> int:
    if len(argv) != 4:
        print("usage: lo_convert.py SOFFICE SOURCE TARGET PROFILE_URL", file=sys.stderr)
        return 2
    try:
        convert(argv[0], argv[1], argv[2], argv[3])
    except Exception as exc:  # noqa: BLE001 - reported to the caller, who words it in Hungarian
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
