"""hep-xl export json|docx|report WORKBOOK [-o FILE] [--pdf] [--year YYYY]: the HEP as a JSON document or a
Word document, or the implementation report of its action plan (beszámoló a HEP IT megvalósulásáról)."""

from __future__ import annotations

import sys
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("export", help="munkafüzet exportálása JSON-dokumentumként vagy Word-dokumentumként",
                       description="A HEP-munkafüzet exportja: „json” – a séma (schemas/hep.schema.json) "
                                   "szerinti, géppel olvasható dokumentum; „docx” – a képviselő-testület elé "
                                   "terjeszthető Word-dokumentum (--pdf: PDF/A-2b is).")
    p.add_argument("format", choices=("json", "docx", "report"),
                   help="a kimenet formátuma („report”: beszámoló a HEP IT megvalósulásáról, Word-dokumentum)")
    p.add_argument("workbook", help="a HEP-munkafüzet (.xlsx vagy .xlsm)")
    p.add_argument("-o", "--output", default=None,
                   help="kimeneti .json/.docx fájl (alapértelmezés: a munkafüzet neve .json/.docx "
                        "kiterjesztéssel; json esetén „-”: a szabványos kimenetre); nem lehet maga a munkafüzet")
    p.add_argument("--pdf", action="store_true",
                   help="docx mellé PDF/A-2b is (LibreOffice szükséges); json mellett nem használható")
    p.add_argument("--no-validate", action="store_true",
                   help="ellenőrzés nélkül (gyorsabb): a JSON-ból kimarad az összesítés, és a parancs nem írja ki, "
                        "hány hiba maradt a programban")
    p.add_argument("--year", type=int, default=None, metavar="ÉÉÉÉ",
                   help="report: az utolsó év, amelyről a beszámoló szól (alapértelmezés: a Megvalósítás lap "
                        "legutóbbi éve)")
    p.add_argument("--force", action="store_true", help="meglévő kimeneti fájl felülírása")
    p.set_defaults(func=run)


def check_report_year(hep, year: int | None) -> None:
    """Refuse a report year outside the programme period (a Hungarian message, exit 2)."""
    from ..cli import UserError

    st = hep.settlement
    if year is None or st.period_start is None or st.period_end is None:
        return
    if not st.period_start <= year <= st.period_end:
        raise UserError(f"--year {year}: a beszámoló éve a program időszakába essen ({st.period_start}–"
                        f"{st.period_end})")


def _report_issues(result) -> None:
    for issue in result.issues:
        print(f"figyelmeztetés: {result.path}: {issue.sheet}!{issue.cell}: {issue.message} "
              f"(„{issue.value}”; kimarad az exportból)", file=sys.stderr)


def _still_to_do(src: Path, counts: dict) -> None:
    """Say how many findings the exported plan still has: exporting a draft is allowed (exit 0),
    but the clerk should know it is one before it goes to the council."""
    errors, warnings = counts.get("error", 0), counts.get("warning", 0)
    if errors or warnings:
        print(f"figyelem: a program még {errors} hibát és {warnings} figyelmeztetést tartalmaz; "
              f"részletek: hep-xl validate {src}")
    else:
        print("az ellenőrzés nem talált hibát")


def same_file(a: Path, b: Path) -> bool:
    """True when ``a`` and ``b`` name the same file (also through links or a different spelling)."""
    import os

    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet)
        return a.resolve() == b.resolve()


def refuse_existing(out: Path, force: bool) -> None:
    """No verb replaces an existing file unless ``--force`` is given (it may hold a clerk's work)."""
    from ..cli import UserError

    if out.is_dir():
        raise UserError(f"{out}: ez egy mappa; adjon meg fájlnevet")
    if (out.exists() or out.is_symlink()) and not force:
        raise UserError(f"{out}: a fájl már létezik (egy kézzel szerkesztett példány is lehet); felülírás: --force")


def _check_output(out: Path, src: Path, suffix: str, force: bool) -> None:
    from ..cli import UserError

    if out.suffix.lower() != suffix:
        raise UserError(f"{out}: a kimenet {suffix} kiterjesztésű fájl legyen")
    if same_file(out, src):
        raise UserError(f"{out}: a kimenet nem lehet maga a munkafüzet (felülírná a forrást); adjon meg "
                        f"másik fájlnevet")
    refuse_existing(out, force)


def run(args) -> int:
    from ..cli import UserError
    from ..export.json_doc import JsonDocumentError
    from ..files import writing
    from ..workbook.reader import read_workbook

    src = Path(args.workbook)
    if args.pdf and args.format == "json":
        raise UserError("a --pdf csak a docx és a report exporttal együtt használható")
    if args.year is not None and args.format != "report":
        raise UserError("a --year csak a report exporttal együtt használható")
    # the outputs are checked before anything is read: never overwrite the source
    if args.format == "json":
        out = None if args.output == "-" else Path(args.output) if args.output else src.with_suffix(".json")
        if out is not None:
            _check_output(out, src, ".json", args.force)
    else:
        from ..export.docx_doc import report_path

        out = Path(args.output) if args.output else (report_path(src) if args.format == "report"
                                                     else src.with_suffix(".docx"))
        _check_output(out, src, ".docx", args.force)
        if args.pdf:
            _check_output(out.with_suffix(".pdf"), src, ".pdf", args.force)
    result = read_workbook(src)
    _report_issues(result)
    if args.format == "json":
        from ..export.json_doc import check_document, hep_to_dict, to_json_bytes, validation_summary, write_document

        validation = None if args.no_validate else validation_summary(result)
        doc = hep_to_dict(result.hep, validation, template_version=result.template_version)
        try:
            if out is None:
                check_document(doc)
                sys.stdout.buffer.write(to_json_bytes(doc))
                counts = validation["counts"] if validation is not None else {}
                if counts.get("error") or counts.get("warning"):  # (stdout is the document: this goes to stderr)
                    print(f"figyelem: a program még {counts.get('error', 0)} hibát és "
                          f"{counts.get('warning', 0)} figyelmeztetést tartalmaz", file=sys.stderr)
                return 0
            with writing(out):
                write_document(doc, out)
        except JsonDocumentError as exc:
            from ..validate.text_cells import text_problems

            # the cells first (what the clerk can find), then the JSON paths
            cells = [f"{sheet}!{cell}: {message}" for sheet, cell, message in text_problems(result)]
            raise UserError(f"{src}: a munkafüzetből nem készíthető a sémának megfelelő JSON:\n  "
                            + "\n  ".join((cells + exc.errors)[:20]), 1) from None
        print(f"elkészült: {out}")
        if validation is not None:
            _still_to_do(src, validation["counts"])
        return 0

    from ..export.docx_doc import write_docx, write_report

    if args.format == "report":
        check_report_year(result.hep, args.year)
        with writing(out):
            write_report(result.hep, out, args.year)
        if not result.hep.progress:
            print(f"figyelem: {src}: a Megvalósítás lapon nincs rögzített állapot; a beszámoló csak a terv adatait "
                  "tartalmazza", file=sys.stderr)
    else:
        with writing(out):
            write_docx(result.hep, out)
    print(f"elkészült: {out}")
    if args.pdf:
        from ..export.pdf import PdfError, docx_to_pdfa

        try:
            pdf = docx_to_pdfa(out, out.with_suffix(".pdf"))
        except PdfError as exc:
            raise UserError(str(exc), 2 if exc.missing_soffice else 3) from None
        print(f"elkészült: {pdf}")
    if not args.no_validate:
        from ..export.json_doc import validation_summary

        _still_to_do(src, validation_summary(result)["counts"])
    return 0
