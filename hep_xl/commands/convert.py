"""hep-xl convert INPUT... --out DIR [--to json,docx[,pdf]] [--jobs N] [--force] [--bag]: batch archiving."""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("convert", help="sok munkafüzet konvertálása archiváláshoz (JSON, Word, PDF/A, manifest)",
                       description="Munkafüzetek (fájlok vagy mappák, rekurzívan .xlsx/.xlsm) konvertálása egy "
                                   "kimeneti mappába: JSON, Word és PDF/A, manifest.json és manifest.csv "
                                   "SHA-256 ellenőrzőösszegekkel, áttekintés (index.html, attekintes.xlsx); "
                                   "a változatlan bemeneteket újrafuttatáskor kihagyja. A forrásfájlokat nem "
                                   "módosítja.")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="munkafüzet vagy mappa")
    p.add_argument("--out", required=True, help="a kimeneti mappa")
    p.add_argument("--to", default="json,docx", help="kimeneti formátumok vesszővel: json, docx, pdf "
                                                     "(alapértelmezés: json,docx)")
    p.add_argument("--jobs", type=int, default=None, help="párhuzamos folyamatok száma (alapértelmezés: "
                                                          "minden processzormag)")
    p.add_argument("--force", action="store_true", help="a változatlan bemeneteket is újra konvertálja")
    p.add_argument("--bag", action="store_true", help="a kimeneti mappa BagIt-csomag legyen (RFC 8493, SHA-256)")
    p.add_argument("--organization", default="", help="a BagIt Source-Organization mezője (pl. az archiváló "
                                                      "intézmény neve)")
    p.add_argument("--no-validate", action="store_true", help="ellenőrzés nélkül (gyorsabb)")
    p.add_argument("--no-overview", action="store_true",
                   help="áttekintés nélkül (az index.html és az attekintes.xlsx nem készül el)")
    p.add_argument("--timeout", type=float, default=None, metavar="MP",
                   help="munkafüzetenként legfeljebb ennyi másodperc (alapértelmezés: 600); aki túllépi, "
                        "hibásként kerül a manifestbe")
    p.add_argument("--max-memory", type=float, default=None, metavar="MB",
                   help="munkafüzetenként legfeljebb ennyi MB memória (alapértelmezés: 2048)")
    p.set_defaults(func=run)


def run(args) -> int:
    import sys

    from .. import limits
    from ..cli import EXIT_FINDINGS, UserError
    from ..convert.batch import FORMATS, BatchError, run_batch, summary_table

    formats = tuple(dict.fromkeys(f.strip().lower() for f in args.to.split(",") if f.strip()))
    bad = [f for f in formats if f not in FORMATS]
    if not formats or bad:
        raise UserError(f"--to: ismeretlen formátum: {', '.join(bad) or '(üres)'}; lehetséges: {', '.join(FORMATS)}")
    if args.jobs is not None and args.jobs < 1:
        raise UserError("--jobs legalább 1 legyen")
    timeout = limits.ITEM_TIMEOUT_SECONDS if args.timeout is None else args.timeout
    memory = limits.WORKER_MAX_MEMORY_MB if args.max_memory is None else args.max_memory
    if not timeout > 0 or not memory > 0:
        raise UserError("--timeout és --max-memory pozitív szám legyen")
    if "pdf" in formats:
        from ..export.pdf import soffice_path

        if soffice_path() is None:
            raise UserError("a pdf kimenethez LibreOffice szükséges (soffice), de nincs telepítve")
    try:
        result = run_batch(args.inputs, args.out, tuple(f for f in FORMATS if f in formats), jobs=args.jobs,
                           force=args.force, bag=args.bag, organization=args.organization,
                           validate=not args.no_validate, timeout=timeout, max_memory_mb=memory,
                           whole_batch=None if args.no_overview else _overview)
    except BatchError as exc:
        raise UserError(str(exc)) from None
    if not result.records:
        raise UserError("nincs bemeneti munkafüzet (.xlsx/.xlsm) a megadott helyeken")
    print(summary_table(result), file=sys.stdout)
    return EXIT_FINDINGS if result.failed or result.unsupported else 0


def _overview(payload, records, jobs) -> str:
    from ..overview.batch import overview_of_batch

    return overview_of_batch(payload, records, jobs=jobs)
