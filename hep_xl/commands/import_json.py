"""hep-xl import json FILE -o WORKBOOK: build a HEP workbook back from a JSON document."""

from __future__ import annotations

from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("import", help="munkafüzet készítése JSON-dokumentumból",
                       description="A „hep-xl export json” által írt (a schemas/hep.schema.json sémának "
                                   "megfelelő) dokumentumból HEP-munkafüzetet készít.")
    p.add_argument("format", choices=("json",), help="a bemenet formátuma")
    p.add_argument("file", help="a JSON-dokumentum")
    p.add_argument("-o", "--output", required=True, help="a kimeneti munkafüzet (.xlsx vagy .xlsm)")
    p.add_argument("--force", action="store_true", help="meglévő fájl felülírása (egy kitöltött munkafüzet is lehet)")
    p.set_defaults(func=run)


def read_document(path: Path):
    """The model of the JSON document at ``path``, with the CLI's exit codes: a file that is no
    readable JSON document is an input error, a document the schema or the model refuses a finding."""
    from ..cli import EXIT_FINDINGS, EXIT_INPUT, UserError
    from ..export.json_doc import JsonDocumentError, hep_from_dict, load_document

    try:
        doc = load_document(path)
    except JsonDocumentError as exc:
        raise UserError(str(exc), EXIT_INPUT) from None
    try:
        return hep_from_dict(doc, source=path)
    except JsonDocumentError as exc:
        raise UserError(str(exc), EXIT_FINDINGS) from None


def run(args) -> int:
    from ..cli import UserError
    from ..excel.build import write_any
    from ..files import writing

    out = Path(args.output)
    if out.suffix.lower() not in (".xlsx", ".xlsm"):
        raise UserError(f"{out}: a kimenet .xlsx vagy .xlsm fájl legyen")
    src = Path(args.file)
    if not src.is_file():
        raise UserError(f"{src}: a fájl nem található")
    from .export import refuse_existing, same_file

    if same_file(out, src):
        raise UserError(f"{out}: a kimenet nem lehet maga a JSON-dokumentum (felülírná a forrást); adjon meg "
                        "másik fájlnevet")
    refuse_existing(out, args.force)
    hep = read_document(src)
    with writing(out):
        write_any(hep, out)
    print(f"elkészült: {out}")
    return 0
