"""The ``hep-xl`` command line: one console script, one verb per module in :mod:`hep_xl.commands`.

Each command module defines ``register(subparsers)`` and keeps heavy imports inside its run
function, so ``hep-xl validate`` does not pay for python-docx or pandas. Errors reach the user as a
Hungarian message and an exit code, never a traceback (set ``HEP_XL_DEBUG=1`` to see one).

argparse's own words ("usage:", "the following arguments are required" …) are Hungarian too: they
go through argparse's gettext calls (``argparse._``, ``argparse.ngettext``), which
:func:`hungarian_argparse` answers from :data:`ARGPARSE_HU` while the parser is built and used.
Every verb's ``--help`` ends with an example (:data:`EXAMPLES`), and a mistyped verb gets the
closest ones.

Exit codes: 0 success; 1 the input has errors (validation) or some items of a batch failed;
2 an input cannot be read or the command line is wrong; 3 an unexpected internal error; 4 the inputs
cannot be compared (review: two settlements' programmes, or two catalog versions).
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import importlib
import os
import pkgutil
import sys
from collections.abc import Iterator

from . import __version__
from . import commands as _commands_pkg

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_MISMATCH = 4
PROG = "hep-xl"

# argparse's messages (Python 3.9–3.13), in the words of a Hungarian command line
ARGPARSE_HU = {
    "usage: ": "használat: ",
    "positional arguments": "argumentumok",
    "optional arguments": "kapcsolók",
    "options": "kapcsolók",
    "show this help message and exit": "ez a súgó",
    "show program's version number and exit": "a program változata",
    "%(prog)s: error: %(message)s\n": "%(prog)s: hibás parancssor: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "the following arguments are required: %s": "hiányzik: %s",
    "one of the arguments %s is required": "ezek egyike kell: %s",
    "unrecognized arguments: %s": "ismeretlen argumentum: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "érvénytelen érték: %(value)r (lehet: %(choices)s)",
    "invalid %(type)s value: %(value)r": "érvénytelen érték: %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "nem egyértelmű kapcsoló: %(option)s "
                                                            "(lehet: %(matches)s)",
    "expected one argument": "egy érték kell utána",
    "expected at least one argument": "legalább egy érték kell utána",
    "expected at most one argument": "legfeljebb egy érték lehet utána",
    "expected %s argument": "%s érték kell utána",
    "expected %s arguments": "%s érték kell utána",
    "ignored explicit argument %r": "nem kér értéket: %r",
    "not allowed with argument %s": "nem adható meg ezzel együtt: %s",
    "unexpected option string: %s": "váratlan kapcsoló: %s",
    "can't open '%(filename)s': %(error)s": "nem nyitható meg: „%(filename)s”: %(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "ismeretlen parancs: %(parser_name)r "
                                                              "(parancsok: %(choices)s)",
    "argument \"-\" with mode %r": "a „-” argumentum %r módban",
}

# one example per verb, shown at the end of its --help (and all of them in hep-xl --help)
EXAMPLES = {
    "catalog": "hep-xl catalog --format table",
    "convert": "hep-xl convert munkafuzetek/ --out archivum --to json,docx,pdf",
    "export": "hep-xl export docx peldafalva.xlsx -o peldafalva.docx",
    "fill": "hep-xl fill peldafalva.xlsx teir_nepesseg_hosszu.csv --retrieved 2025-01-15",
    "import": "hep-xl import json peldafalva.json -o peldafalva.xlsx",
    "install": "hep-xl install peldafalva.xlsm",
    "new": "hep-xl new --settlement Kaba --start-year 2025 -o kaba.xlsx",
    "overview": "hep-xl overview munkafuzetek/ -o attekintes",
    "review": "hep-xl review peldafalva.xlsx peldafalva_2027.xlsx -o felulvizsgalat.docx",
    "validate": "hep-xl validate --write-back peldafalva.xlsx",
}


# the placeholders of the help texts: argparse would show the English attribute names
METAVARS = {"settlement": "NÉV", "ksh_code": "KÓD", "start_year": "ÉV", "history_years": "N",
            "catalog_version": "VÁLTOZAT", "output": "FÁJL", "out": "MAPPA", "to": "FORMÁTUMOK", "jobs": "N",
            "organization": "SZERVEZET", "workbook": "MUNKAFÜZET", "workbooks": "MUNKAFÜZET", "file": "FÁJL",
            "format": "FORMÁTUM", "inputs": "BEMENET", "interpreter": "PYTHON", "reference_date": "DÁTUM"}
_ENGLISH_METAVARS = {"INPUT": "BEMENET", "DIR": "MAPPA", "FILE": "FÁJL"}


class _Hungarian:
    """argparse's gettext calls answered in Hungarian (unknown texts pass through unchanged)."""

    @staticmethod
    def gettext(text: str) -> str:
        return ARGPARSE_HU.get(text, text)

    @staticmethod
    def ngettext(singular: str, plural: str, n: int) -> str:
        return ARGPARSE_HU.get(singular if n == 1 else plural, singular if n == 1 else plural)


@contextlib.contextmanager
def hungarian_argparse() -> Iterator[None]:
    """While inside, argparse speaks Hungarian (its messages are looked up when used, so the
    parser is built and run inside; other argparse users of the process are left alone after)."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _Hungarian.gettext, _Hungarian.ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class UserError(Exception):
    """A problem the user can fix (bad argument, unreadable file); message is Hungarian."""

    def __init__(self, message: str, code: int = EXIT_INPUT):
        super().__init__(message)
        self.code = code


_TYPE_WORDS = {"int": "egész számot", "float": "számot"}


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str):  # argparse's own errors: exit 2 with a short Hungarian lead
        self.print_usage(sys.stderr)
        self.exit(EXIT_INPUT, f"{PROG}: hibás parancssor: {message}\n")

    def _check_value(self, action, value):  # a mistyped verb: the closest verbs
        if isinstance(action, argparse._SubParsersAction) and value not in action.choices:
            verbs = sorted(action.choices)
            close = difflib.get_close_matches(value, verbs, n=3, cutoff=0.5)
            hint = f"; erre gondolt: {' vagy '.join(close)}?" if close else ""
            raise argparse.ArgumentError(action, f"ismeretlen parancs: „{value}”{hint} "
                                                 f"(parancsok: {', '.join(verbs)})")
        return super()._check_value(action, value)

    def _get_value(self, action, arg_string):  # "invalid int value" names the type in Hungarian
        try:
            return super()._get_value(action, arg_string)
        except argparse.ArgumentError:
            word = _TYPE_WORDS.get(getattr(action.type, "__name__", ""))
            if word is None:
                raise
            raise argparse.ArgumentError(action, f"{word} vár, nem ezt: „{arg_string}”") from None


def build_parser() -> argparse.ArgumentParser:
    with hungarian_argparse():
        return _build_parser()


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Helyi Esélyegyenlőségi Program (HEP) munkafüzet-eszközök",
                     epilog="")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}",
                        help="a program változata")
    sub = parser.add_subparsers(dest="command", metavar="PARANCS", parser_class=_Parser,
                                title="parancsok")
    sub.required = True
    for info in sorted(pkgutil.iter_modules(_commands_pkg.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{_commands_pkg.__name__}.{info.name}")
        module.register(sub)
    for name, verb in sub.choices.items():
        for action in verb._actions:
            if action.metavar in _ENGLISH_METAVARS:
                action.metavar = _ENGLISH_METAVARS[action.metavar]
            elif action.metavar is None and not action.option_strings and action.choices:
                action.metavar = "{" + ",".join(map(str, action.choices)) + "}"  # not the English name
            elif action.metavar is None and action.dest in METAVARS:
                action.metavar = METAVARS[action.dest]
        example = EXAMPLES.get(name)
        if example:
            verb.epilog = "\n".join(filter(None, (verb.epilog, f"Példa:\n  {example}")))
    parser.epilog = ("Példák:\n" + "\n".join(f"  {EXAMPLES[n]}" for n in sorted(sub.choices) if n in EXAMPLES)
                     + f"\n\nEgy parancs súgója: {PROG} PARANCS --help")
    return parser


def _quiet_unraisable(unraisable) -> None:
    """Errors Python can only report, not raise (a library's ZipFile closed by the garbage collector
    after a full disk): the command has already said what went wrong; show them only when debugging."""
    if os.environ.get("HEP_XL_DEBUG"):
        sys.__unraisablehook__(unraisable)


def main(argv: list[str] | None = None) -> int:
    from .files import OutputError, os_error_in, os_error_text
    from .workbook.reader import HepReadError

    with hungarian_argparse():
        parser = _build_parser()
        args = parser.parse_args(argv)
    sys.unraisablehook = _quiet_unraisable
    try:
        return int(args.func(args) or 0)
    except HepReadError as exc:
        print(f"hiba: {exc.path}: {exc.message}", file=sys.stderr)
        return EXIT_INPUT
    except (UserError, OutputError) as exc:
        print(f"hiba: {exc}", file=sys.stderr)
        return getattr(exc, "code", EXIT_INPUT)
    except KeyboardInterrupt:
        print("megszakítva", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 — the last line of defence: no traceback for users
        if os.environ.get("HEP_XL_DEBUG"):
            raise
        err = os_error_in(exc)
        if err is not None:  # a path that cannot be read or written (also wrapped by a library)
            where = f"{err.filename}: " if err.filename else ""
            print(f"hiba: {where}a fájl nem olvasható vagy nem írható: {os_error_text(err)}", file=sys.stderr)
            return EXIT_INPUT
        print(f"váratlan belső hiba ({type(exc).__name__}); részletek: HEP_XL_DEBUG=1", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    # run as the package module, not as __main__: the commands raise hep_xl.cli.UserError, which a
    # second copy of this module (python -m hep_xl.cli) would not catch
    from hep_xl.cli import main as _main

    sys.exit(_main())
