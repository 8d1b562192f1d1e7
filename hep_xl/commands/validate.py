"""hep-xl validate: check HEP workbooks and report findings that point at the cell."""

from __future__ import annotations

import os
import sys


def register(sub) -> None:
    p = sub.add_parser("validate", help="HEP-munkafüzet ellenőrzése (hiányok, ellentmondások cellára mutatva)")
    p.add_argument("files", nargs="*", metavar="FÁJL", help="egy vagy több .xlsx/.xlsm HEP-munkafüzet, vagy mappa "
                                                          "(benne minden munkafüzet, almappákkal, mint a convert)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="kimenet formátuma")
    p.add_argument("--min-severity", default="tájékoztatás", metavar="SZINT",
                   help="csak ennél súlyosabb megállapítások: hiba, figyelmeztetés, tájékoztatás "
                        "(vagy error, warning, info)")
    p.add_argument("--lang", choices=("hu", "en"), default=None, help="üzenetek nyelve (alapértelmezés: hu)")
    p.add_argument("--summary", action="store_true", help="csak az összesítő táblázat (több fájlnál)")
    p.add_argument("--write-back", action="store_true",
                   help="az eredményt a munkafüzet „Ellenőrzés” lapjára is beírja, a hibás cellákat kiemeli")
    p.add_argument("--explain", metavar="SZABÁLY",
                   help="egy szabály magyarázata (pl. FOR-001): súlyossága és a szöveg mondata, amelyből ered; "
                        "munkafüzet nem kell hozzá")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..cli import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, UserError
    from ..validate import validate
    from ..validate.findings import Severity
    from ..workbook.reader import HepReadError, read_workbook

    lang = args.lang or os.environ.get("HEP_XL_LANG", "hu")
    lang = lang if lang in ("hu", "en") else "hu"
    if args.explain:
        return _explain(args.explain, lang)
    if not args.files:
        raise UserError("adjon meg legalább egy munkafüzetet (vagy --explain SZABÁLY)")
    try:
        min_sev = Severity.parse(args.min_severity)
    except ValueError:
        raise UserError(f"--min-severity: ismeretlen szint „{args.min_severity}” "
                        "(hiba, figyelmeztetés vagy tájékoztatás)") from None
    out = sys.stdout
    results = []  # (path, report | None, error message | None)
    for path, missing in _inputs(args.files):
        if missing:
            print(f"hiba: {path}: {missing}", file=sys.stderr)
            results.append((path, None, missing))
            continue
        try:
            result = read_workbook(path)
        except HepReadError as exc:
            print(f"hiba: {exc.path}: {exc.message}", file=sys.stderr)
            results.append((path, None, exc.message))
            continue
        report = validate(result)
        if args.write_back:
            from ..validate.writeback import WriteBackError, write_report

            try:
                write_report(path, report, result)
            except WriteBackError as exc:
                print(f"hiba: {path}: {exc}", file=sys.stderr)
                results.append((path, report, str(exc)))
                continue
        results.append((path, report, None))

    if args.format == "json":
        _json(out, results, lang, min_sev)
    else:
        for path, report, _error in results:
            if report is not None and not args.summary:
                _text(out, path, report, lang, min_sev)
        if len(results) > 1 or args.summary:
            _summary(out, results, lang)
    if any(error for _, _, error in results):
        return EXIT_INPUT
    if any(report.has_errors for _, report, _ in results):
        return EXIT_FINDINGS
    return EXIT_OK



def _inputs(names: list[str]) -> list[tuple[str, str]]:
    """The workbooks to check, in the order given, a folder's (recursively, as ``convert`` takes
    them) in name order; (path, "") for a workbook, (path, reason) for a folder with none."""
    from pathlib import Path

    from ..convert.batch import collect_inputs

    out: list[tuple[str, str]] = []
    for name in names:
        folder = Path(name)
        if not folder.is_dir():
            out.append((name, ""))  # a file, or a missing path the reader names
            continue
        found, _ = collect_inputs([name])
        if not found:
            out.append((name, "a mappában nincs .xlsx vagy .xlsm munkafüzet"))
        for p in found:  # shown as the folder was given
            try:
                out.append((str(folder / p.relative_to(folder.resolve())), ""))
            except ValueError:
                out.append((str(p), ""))
    return out


def _explain(rule_id: str, lang: str) -> int:
    from ..cli import UserError
    from ..validate.explain import UnknownRule, explain
    from ..validate.registry import RULES

    try:
        print(explain(rule_id, lang))
    except UnknownRule:
        prefix = rule_id.strip().upper().split("-")[0]
        near = sorted(r for r in RULES if r.startswith(prefix)) or sorted(RULES)
        raise UserError(f"--explain: ismeretlen szabály: „{rule_id}” (ismertek: {', '.join(near)})") from None
    return 0


def _pct(x: float) -> str:
    return f"{round(x * 100)}%"


def _text(out, path, report, lang, min_sev) -> None:
    from ..validate.findings import AREA_LABELS, AREAS, Severity
    from ..validate.report_sheet import sort_key

    counts = report.counts_by_severity()
    labels = {s: s.label(lang) for s in Severity}
    out.write(f"{path}: " + ", ".join(f"{counts[s.value]} {labels[s]}" for s in Severity) + "\n")
    area = AREA_LABELS[lang]
    out.write(("Teljesség" if lang == "hu" else "Completeness") + ": "
              + "; ".join(f"{area[a]} {_pct(report.scores[a])}" for a in (*AREAS, "overall")) + "\n")
    shown = sorted(report.filtered(min_sev), key=sort_key)
    sheet = None
    for f in shown:
        if f.sheet != sheet:
            sheet = f.sheet
            out.write(f"\n{sheet or '–'}\n")
        out.write(f"  {f.cell or '–':<6} {f.severity.label(lang):<14} {f.rule_id:<8} {f.text(lang)}\n")
    hidden = len(report.findings) - len(shown)
    if hidden:
        out.write(f"\n({hidden} " + ("további, kevésbé súlyos megállapítás nincs kiírva" if lang == "hu"
                                     else "less severe findings not shown") + ")\n")
    out.write("\n")


def _summary(out, results, lang) -> None:
    from ..validate.findings import Severity

    hu = lang == "hu"
    heads = ["Fájl" if hu else "File", *(s.label(lang) for s in Severity),
             "Teljesség" if hu else "Completeness", "Eredmény" if hu else "Result"]
    rows = []
    for path, report, error in results:
        if report is None:
            rows.append([path, "–", "–", "–", "–", ("nem olvasható: " if hu else "unreadable: ") + error])
            continue
        c = report.counts_by_severity()
        verdict = ("hibás" if hu else "has errors") if report.has_errors else ("rendben" if hu else "ok")
        if error:
            verdict += (" (visszaírás sikertelen)" if hu else " (write-back failed)")
        rows.append([path, *(str(c[s.value]) for s in Severity), _pct(report.scores["overall"]), verdict])
    widths = [max(len(str(r[i])) for r in [heads, *rows]) for i in range(len(heads))]
    line = lambda r: "| " + " | ".join(str(v).ljust(w) for v, w in zip(r, widths)) + " |\n"  # noqa: E731
    out.write(line(heads))
    out.write("|" + "|".join("-" * (w + 2) for w in widths) + "|\n")
    for r in rows:
        out.write(line(r))


def _json(out, results, lang, min_sev) -> None:
    import json

    files = []
    for path, report, error in results:
        item = report.to_dict(lang, min_sev) if report is not None else {"path": path}
        item["path"] = path
        item["error"] = error
        files.append(item)
    json.dump({"files": files}, out, ensure_ascii=False, indent=1)
    out.write("\n")
