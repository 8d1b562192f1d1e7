"""hep-xl review OLD NEW [-o REPORT.docx|REPORT.json] [--force]: what changed between two versions."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

INPUT_SUFFIXES = (".xlsx", ".xlsm", ".json")


def register(sub) -> None:
    p = sub.add_parser("review", help="egy település programja két változatának összevetése (felülvizsgálat)",
                       description="Mi változott a HEP két változata között (pl. a kétéves felülvizsgálat előtt "
                                   "és után): az 1. melléklet adatsorai és értékei, a 2. melléklet pontjainak "
                                   "állapota és szövege, a feltárt problémák, az intézkedési terv intézkedései "
                                   "oszloponként, a HEP Fórum. Bemenet: munkafüzet (.xlsx, .xlsm) vagy a "
                                   "„hep-xl export json” dokumentuma. Kimenet -o nélkül: összefoglaló a "
                                   "képernyőre; .docx: a HEP Fórum elé kerülő Word-dokumentum; .json: "
                                   "géppel olvasható dokumentum (schemas/review.schema.json).")
    p.add_argument("old", metavar="RÉGI", help="a korábbi változat (.xlsx, .xlsm vagy .json)")
    p.add_argument("new", metavar="ÚJ", help="az új változat (.xlsx, .xlsm vagy .json)")
    p.add_argument("-o", "--output", default=None,
                   help="kimeneti .docx vagy .json fájl („-”: JSON a szabványos kimenetre); nem lehet "
                        "egyik bemenet sem")
    p.add_argument("--force", action="store_true", help="meglévő kimeneti fájl felülírása")
    p.set_defaults(func=run)


def _saved(path: Path, is_json: bool) -> dt.date | None:
    """When the version was saved: a workbook's own properties (Excel sets them), a JSON file's time."""
    if not is_json:
        import zipfile
        from xml.etree import ElementTree as ET

        try:
            with zipfile.ZipFile(path) as z:
                root = ET.fromstring(z.read("docProps/core.xml"))
        except (OSError, KeyError, zipfile.BadZipFile, ET.ParseError):
            root = None
        if root is not None:
            for tag in ("modified", "created"):
                el = root.find(f"{{http://purl.org/dc/terms/}}{tag}")
                if el is not None and el.text:
                    try:
                        return dt.date.fromisoformat(el.text.strip()[:10])
                    except ValueError:
                        pass
    try:
        return dt.date.fromtimestamp(path.stat().st_mtime)
    except OSError:
        return None


def read_version(path: Path):
    """(model, Version) of one input; Hungarian errors as the other verbs give them."""
    from ..cli import UserError
    from ..review.compare import version_of

    suffix = path.suffix.lower()
    if suffix not in INPUT_SUFFIXES:
        raise UserError(f"{path}: a bemenet .xlsx, .xlsm vagy .json fájl legyen")
    if suffix == ".json":
        from .import_json import read_document

        if not path.is_file():
            raise UserError(f"{path}: a fájl nem található")
        hep = read_document(path)
    else:
        from ..workbook.reader import read_workbook
        from .export import _report_issues

        result = read_workbook(path)  # HepReadError: the CLI names the file, sheet and cell
        _report_issues(result)
        hep = result.hep
    return hep, version_of(hep, str(path), _saved(path, suffix == ".json"))


def run(args) -> int:
    from ..cli import EXIT_MISMATCH, UserError
    from ..files import writing
    from ..review.compare import NotComparable, compare
    from .export import refuse_existing, same_file

    old, new = Path(args.old), Path(args.new)
    out = None
    to_stdout = args.output == "-"
    if args.output and not to_stdout:
        out = Path(args.output)
        if out.suffix.lower() not in (".docx", ".json"):
            raise UserError(f"{out}: a kimenet .docx vagy .json kiterjesztésű fájl legyen")
        for src in (old, new):
            if same_file(out, src):
                raise UserError(f"{out}: a kimenet nem lehet az összevetett változatok egyike (felülírná); "
                                "adjon meg másik fájlnevet")
        refuse_existing(out, args.force)
    old_hep, old_version = read_version(old)
    new_hep, new_version = read_version(new)
    try:
        review = compare(old_hep, new_hep, old_version=old_version, new_version=new_version)
    except NotComparable as exc:
        raise UserError(str(exc), EXIT_MISMATCH) from None
    if to_stdout:
        from ..review.json_report import review_to_dict, to_json_bytes
        from ..review.schema import check_report

        doc = review_to_dict(review)
        check_report(doc)
        sys.stdout.buffer.write(to_json_bytes(doc))
        return 0
    if out is None:
        from ..review.text import review_text

        sys.stdout.write(review_text(review))
        return 0
    with writing(out):
        if out.suffix.lower() == ".json":
            from ..review.json_report import write_review_json

            write_review_json(review, out)
        else:
            from ..review.word import write_review_docx

            write_review_docx(review, out)
    print(f"elkészült: {out}")
    return 0
