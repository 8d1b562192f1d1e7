"""hep-xl export json|docx WORKBOOK [-o FILE] [--pdf]: the HEP as a JSON document or a Word document."""

from __future__ import annotations

import sys
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("export", help="munkafüzet exportálása JSON-dokumentumként vagy Word-dokumentumként",
                       description="A HEP-munkafüzet exportja: „json” – a séma (schemas/hep.schema.json) "
                                   "szerinti, géppel olvasható dokumentum; „docx” – a képviselő-testület elé "
                                   "terjeszthető Word-dokumentum (--pdf: PDF/A-2b is).")
    p.add_argument("format", choices=("json", "docx"), help="a kimenet formátuma")
    p.add_argument("workbook", help="a HEP-munkafüzet (.xlsx vagy .xlsm)")
    p.add_argument("-o", "--output", default=None,
                   help="kimeneti fájl (alapértelmezés: a munkafüzet neve .json/.docx kiterjesztéssel; "
                        "json esetén „-”: a szabványos kimenetre)")
    p.add_argument("--pdf", action="store_true",
                   help="docx mellé PDF/A-2b is (LibreOffice szükséges); json mellett nem használható")
    p.add_argument("--no-validate", action="store_true",
                   help="az ellenőrzés összesítése nélkül (gyorsabb)")
    p.set_defaults(func=run)


def _report_issues(result) -> None:
    for issue in result.issues:
        print(f"figyelmeztetés: {result.path}: {issue.sheet}!{issue.cell}: {issue.message} "
              f"(„{issue.value}”; kimarad az exportból)", file=sys.stderr)


def run(args) -> int:
    from ..cli import UserError
    from ..workbook.reader import read_workbook
    from ..export.json_doc import JsonDocumentError

    src = Path(args.workbook)
    if args.pdf and args.format != "docx":
        raise UserError("a --pdf csak a docx exporttal együtt használható")
    result = read_workbook(src)
    _report_issues(result)
    if args.format == "json":
        from ..export.json_doc import check_document, hep_to_dict, to_json_bytes, validation_summary, write_document

        validation = None if args.no_validate else validation_summary(result)
        doc = hep_to_dict(result.hep, validation, template_version=result.template_version)
        try:
            if args.output == "-":
                check_document(doc)
                sys.stdout.buffer.write(to_json_bytes(doc))
                return 0
            out = Path(args.output) if args.output else src.with_suffix(".json")
            write_document(doc, out)
        except JsonDocumentError as exc:
            raise UserError(f"{src}: a munkafüzetből nem készíthető a sémának megfelelő JSON:\n  "
                            + "\n  ".join(exc.errors[:20]), 1) from None
        print(f"elkészült: {out}")
        return 0

    from ..export.docx_doc import write_docx

    out = Path(args.output) if args.output else src.with_suffix(".docx")
    if out.suffix.lower() != ".docx":
        raise UserError(f"{out}: a kimenet .docx fájl legyen")
    write_docx(result.hep, out)
    print(f"elkészült: {out}")
    if args.pdf:
        from ..export.pdf import PdfError, docx_to_pdfa

        try:
            pdf = docx_to_pdfa(out, out.with_suffix(".pdf"))
        except PdfError as exc:
            raise UserError(str(exc), 2 if exc.missing_soffice else 3) from None
        print(f"elkészült: {pdf}")
    return 0
